"""Blocking rules and what a blocking run reports (see :mod:`goldenrecord.match.blocking`)."""

from __future__ import annotations

from collections.abc import Iterable

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord.errors import SettingsError

__all__ = [
    "BlockingReport",
    "BlockingRule",
    "CandidatePairs",
    "GroupRule",
    "IntArray",
    "OversizedBlock",
    "RuleReport",
]

IntArray = npt.NDArray[np.int64]

_KEYS_MESSAGE = "a blocking rule is a column name or a non-empty tuple of column names"


def _to_keys(keys: str | Iterable[str]) -> tuple[str, ...]:
    return (keys,) if isinstance(keys, str) else tuple(keys)


def _as_keys(keys: str | Iterable[str]) -> tuple[str, ...]:
    out = _to_keys(keys)
    if not out or not all(isinstance(k, str) and k for k in out):
        raise SettingsError(_KEYS_MESSAGE)
    return out


def _check_keys(instance: BlockingRule, attribute: object, value: tuple[str, ...]) -> None:
    instance._check_keys(value)


def _check_budget(instance: object, attribute: object, value: float | None) -> None:
    if value is not None and not value > 0:
        raise SettingsError(f"pairs_per_record must be a positive number or None, got {value!r}")


def _budget_text(pairs_per_record: float) -> str:
    return f"{pairs_per_record:g} pair" + ("" if pairs_per_record == 1 else "s")


@attrs.frozen
class BlockingRule:
    """Records agreeing exactly on every key column become candidate pairs.

    A key cell holding a tuple of values (the words of a name) meets any record holding
    one of them. A rule with ``pairs_per_record`` is a loose rule: it expands its
    blocks from the smallest up, all blocks of one size or none, while its pairs stay
    within ``pairs_per_record`` times the number of records. Small blocks are rare
    values, where agreement says the most; common values are left to tighter rules.

    >>> BlockingRule(("first:key", "dob")).name
    'first:key & dob'
    >>> BlockingRule(("_name:words",), pairs_per_record=1.0).name
    '_name:words (smallest blocks, 1 pair per record)'
    """

    keys: tuple[str, ...] = attrs.field(default=(), converter=_to_keys, validator=_check_keys)
    pairs_per_record: float | None = attrs.field(default=None, validator=_check_budget)
    name: str = attrs.field()

    @name.default
    def _name(self) -> str:
        return self._describe()

    def _describe(self) -> str:
        name = " & ".join(self.keys)
        if self.pairs_per_record is not None:
            name += f" (smallest blocks, {_budget_text(self.pairs_per_record)} per record)"
        return name

    def _check_keys(self, keys: tuple[str, ...]) -> None:
        if not keys or not all(isinstance(k, str) and k for k in keys):
            raise SettingsError(_KEYS_MESSAGE)

    @classmethod
    def of(cls, spec: BlockingRule | str | Iterable[str]) -> BlockingRule:
        """A rule from a rule, a single column name or a tuple of column names."""
        return spec if isinstance(spec, BlockingRule) else BlockingRule(_as_keys(spec))


@attrs.frozen
class GroupRule(BlockingRule):
    """Records the exact rules link, directly or through one another, are compared in full.

    The pairs of every rule listed before it that is expanded whole (no
    ``pairs_per_record``) link records into groups, the connected components of those
    pairs. Every pair inside a group becomes a candidate: two records that each met a
    third one on an exact key are compared with each other too, even when their own
    values (a name typed two different ways, a date on one and a place on the other)
    share no key. Groups are expanded from the smallest up, all groups of one size or
    none, while their pairs stay within ``pairs_per_record`` times the number of
    records (without a budget, every group up to ``max_block_size``). A group that
    chains many people through a few wrong links is large, and left out.

    The rule has no key columns of its own.

    >>> GroupRule(pairs_per_record=4.0).name
    'groups linked by exact rules (smallest groups, 4 pairs per record)'
    """

    def _describe(self) -> str:
        name = "groups linked by exact rules"
        if self.pairs_per_record is not None:
            name += f" (smallest groups, {_budget_text(self.pairs_per_record)} per record)"
        return name

    def _check_keys(self, keys: tuple[str, ...]) -> None:
        if keys:
            raise SettingsError("a GroupRule has no key columns: it reads the exact rules' pairs")


@attrs.frozen
class OversizedBlock:
    """A block that was too large to expand: the rule, its key value and its size."""

    rule: str
    key: str
    size: int

    def masked(self) -> OversizedBlock:
        """The same block with its key value hidden (it is personal data)."""
        return attrs.evolve(self, key="***")


@attrs.frozen
class RuleReport:
    """What one rule contributed.

    Attributes:
        rule: the rule's name.
        pairs: pairs the rule generated, before removing pairs already found.
        new_pairs: pairs no earlier rule had produced.
        records_with_key: records holding a value in every key column (for a
            :class:`GroupRule`, records in a group of two or more).
        oversized: blocks over the cap, largest first.
        skipped: the rule would have produced more than ``max_pairs_per_rule`` pairs
            and was left out (``pairs`` then says how many it would have produced,
            counting a pair once per block that holds it).
        largest_block: for a rule with ``pairs_per_record``, the largest block (or
            group) size its budget allowed (0: none); larger ones were not expanded.
    """

    rule: str
    pairs: int
    new_pairs: int
    records_with_key: int
    oversized: tuple[OversizedBlock, ...]
    skipped: bool = False
    largest_block: int | None = None


@attrs.frozen
class BlockingReport:
    """Figures for a blocking run; ``pairs_completeness`` is set when truth was given."""

    rules: tuple[RuleReport, ...]
    n_records: int
    n_pairs: int
    max_block_size: int
    pairs_completeness: float | None = None
    true_pairs: int | None = None

    @property
    def oversized(self) -> tuple[OversizedBlock, ...]:
        """Every block that was not expanded, over all rules."""
        return tuple(b for r in self.rules for b in r.oversized)

    def __repr__(self) -> str:
        parts = [f"BlockingReport(n_pairs={self.n_pairs:,}", f"rules={len(self.rules)}"]
        if self.oversized:
            parts.append(f"oversized_blocks={len(self.oversized)}")
        if self.pairs_completeness is not None:
            parts.append(f"pairs_completeness={self.pairs_completeness:.4f}")
        return ", ".join(parts) + ")"


@attrs.frozen(repr=False)
class CandidatePairs:
    """Candidate pairs as parallel arrays of record indices, ``left < right``, sorted.

    Attributes:
        left, right: record indices of each pair.
        rule: index (into the rules given) of the first rule that produced each pair.
        report: the :class:`BlockingReport`.
    """

    left: IntArray
    right: IntArray
    rule: npt.NDArray[np.int16]
    report: BlockingReport

    def __len__(self) -> int:
        return int(self.left.shape[0])

    def __repr__(self) -> str:
        return f"CandidatePairs(n={len(self):,})"
