"""Blocking: which pairs of records are worth comparing at all.

A blocking rule is a tuple of key columns of the prepared table; two records are a
candidate pair under a rule when they hold the same non-missing value in every key
column. The candidate pairs are the union over all rules, each pair attributed to the
first rule that produced it.

Pairs are generated with NumPy, block by block, never with a Python loop per pair. A
block larger than ``max_block_size`` (a junk value shared by thousands of records,
the shop's own phone number typed into the till) is not expanded; it is reported by
rule, key and size, so one placeholder cannot create a billion pairs.

>>> import numpy as np
>>> cols = {"email": np.array(["a@x.io", "a@x.io", None, "b@x.io"], dtype=object),
...         "zip": np.array(["N1", "N1", "N1", None], dtype=object)}
>>> pairs = block(cols, [("email",), ("zip",)])
>>> list(zip(pairs.left.tolist(), pairs.right.tolist(), pairs.rule.tolist()))
[(0, 1, 0), (0, 2, 1), (1, 2, 1)]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord.errors import SettingsError

__all__ = [
    "DEFAULT_MAX_BLOCK_SIZE",
    "EXHAUSTIVE_LIMIT",
    "BlockingReport",
    "BlockingRule",
    "CandidatePairs",
    "OversizedBlock",
    "RuleReport",
    "all_pairs",
    "block",
    "default_rules",
]

DEFAULT_MAX_BLOCK_SIZE: Final = 1000
"""Blocks with more records than this are reported, not expanded (~500k pairs each)."""

EXHAUSTIVE_LIMIT: Final = 1_000_000
"""Inputs with at most this many record pairs are compared exhaustively, without blocking."""

IntArray = npt.NDArray[np.int64]


def _as_keys(keys: str | Iterable[str]) -> tuple[str, ...]:
    out = (keys,) if isinstance(keys, str) else tuple(keys)
    if not out or not all(isinstance(k, str) and k for k in out):
        raise SettingsError("a blocking rule is a column name or a non-empty tuple of column names")
    return out


def _check_budget(instance: object, attribute: object, value: float | None) -> None:
    if value is not None and not value > 0:
        raise SettingsError(f"pairs_per_record must be a positive number or None, got {value!r}")


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

    keys: tuple[str, ...] = attrs.field(converter=_as_keys)
    pairs_per_record: float | None = attrs.field(default=None, validator=_check_budget)
    name: str = attrs.field()

    @name.default
    def _name(self) -> str:
        name = " & ".join(self.keys)
        if self.pairs_per_record is not None:
            budget = f"{self.pairs_per_record:g} pair" + ("" if self.pairs_per_record == 1 else "s")
            name += f" (smallest blocks, {budget} per record)"
        return name

    @classmethod
    def of(cls, spec: BlockingRule | str | Iterable[str]) -> BlockingRule:
        """A rule from a rule, a single column name or a tuple of column names."""
        return spec if isinstance(spec, BlockingRule) else cls(_as_keys(spec))


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
        records_with_key: records holding a value in every key column.
        oversized: blocks over the cap, largest first.
        skipped: the rule would have produced more than ``max_pairs_per_rule`` pairs
            and was left out (``pairs`` then says how many it would have produced,
            counting a pair once per block that holds it).
        largest_block: for a rule with ``pairs_per_record``, the largest block size
            its budget allowed (0: none); larger blocks were not expanded.
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


@attrs.frozen
class _Entries:
    """Keys of a column or rule: one entry per (record, key), sorted by record.

    ``parts[k][e]`` is the code of entry ``e`` in the k-th key column, whose values are
    ``names[k]``; ``codes`` numbers the distinct composite keys.
    """

    rows: IntArray
    codes: IntArray
    parts: tuple[IntArray, ...]
    names: tuple[list[str], ...]

    def key(self, entry: int) -> str:
        """The composite key of one entry, as text."""
        return " | ".join(
            str(n[int(p[entry])]) for p, n in zip(self.parts, self.names, strict=True)
        )


def _column_entries(values: npt.NDArray[Any]) -> _Entries:
    """One entry per record and distinct value; a tuple cell gives one per member."""
    rows: list[int] = []
    codes: list[int] = []
    seen: dict[Any, int] = {}
    for i, value in enumerate(values.tolist()):
        if value is None or value != value:  # None and NaN are missing
            continue
        for part in dict.fromkeys(value) if type(value) is tuple else (value,):
            code = seen.get(part)
            if code is None:
                code = seen[part] = len(seen)
            rows.append(i)
            codes.append(code)
    code_array = np.array(codes, dtype=np.int64)
    return _Entries(np.array(rows, dtype=np.int64), code_array, (code_array,), (list(seen),))


def _join(a: _Entries, b: _Entries, n: int) -> _Entries:
    """Entries of the composite key: every pair of an entry of ``a`` and one of ``b``
    on the same record (records missing either are left out)."""
    per_row_b = np.bincount(b.rows, minlength=n)
    first_b = np.cumsum(per_row_b) - per_row_b
    repeat = per_row_b[a.rows]
    index_a = np.repeat(np.arange(a.rows.size), repeat)
    offset = np.arange(index_a.size) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    index_b = first_b[a.rows[index_a]] + offset
    combined = a.codes[index_a] * (int(b.codes.max(initial=0)) + 1) + b.codes[index_b]
    _, codes = np.unique(combined, return_inverse=True)
    return _Entries(
        a.rows[index_a],
        codes.reshape(-1).astype(np.int64),
        (*(p[index_a] for p in a.parts), *(p[index_b] for p in b.parts)),
        (*a.names, *b.names),
    )


def _pairs_within_blocks(
    order: IntArray, starts: IntArray, sizes: IntArray
) -> tuple[IntArray, IntArray]:
    """All pairs inside each block; ``order`` lists records grouped by block."""
    if sizes.size == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    # For the element at rank r of a block of size s, it pairs with the s-1-r after it.
    block_of = np.repeat(np.arange(sizes.size), sizes)
    rank = np.arange(block_of.size) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    position = np.repeat(starts, sizes) + rank
    partners = sizes[block_of] - 1 - rank
    total = int(partners.sum())
    left_pos = np.repeat(position, partners)
    first_of_run = np.repeat(np.cumsum(partners) - partners, partners)
    right_pos = left_pos + 1 + (np.arange(total) - first_of_run)
    a, b = order[left_pos], order[right_pos]
    return np.minimum(a, b), np.maximum(a, b)


def block(
    columns: Mapping[str, npt.NDArray[Any]],
    rules: Sequence[BlockingRule | str | Iterable[str]],
    *,
    groups: npt.NDArray[np.integer[Any]] | None = None,
    link_only: bool = False,
    max_block_size: int = DEFAULT_MAX_BLOCK_SIZE,
    max_pairs_per_rule: int | None = None,
    truth: npt.NDArray[np.integer[Any]] | None = None,
) -> CandidatePairs:
    """Candidate pairs: the union of the pairs each rule's blocks produce.

    Args:
        columns: the prepared table, column name → object array (None = missing).
        rules: blocking rules, or column names / tuples of column names.
        groups: optional integer source code per record; with ``link_only`` only
            pairs across different sources are kept.
        link_only: skip pairs within one source.
        max_block_size: blocks with more records are reported, not expanded.
        max_pairs_per_rule: a rule that would produce more pairs than this is left
            out whole and reported as skipped (loose rules then cost nothing on
            large inputs).
        truth: optional integer true-entity code per record, to measure pairs
            completeness (the share of true pairs found).

    Raises:
        SettingsError: no rules, an unknown key column (all listed with the
            available columns), ``link_only`` without ``groups``, a cap below 2.
    """
    parsed = [BlockingRule.of(r) for r in rules]
    if not parsed:
        raise SettingsError("at least one blocking rule is needed")
    unknown = sorted({k for r in parsed for k in r.keys if k not in columns})
    if unknown:
        raise SettingsError(
            f"blocking key column(s) {', '.join(unknown)} not in the prepared table; "
            f"available: {', '.join(columns)}"
        )
    if link_only and groups is None:
        raise SettingsError("link_only=True needs groups (the source of each record)")
    if max_block_size < 2:
        raise SettingsError(f"max_block_size must be at least 2, got {max_block_size}")
    n = len(next(iter(columns.values()))) if columns else 0

    codes_per_rule: list[IntArray] = []
    rule_ids: list[npt.NDArray[np.int16]] = []
    reports: list[tuple[str, int, int, tuple[OversizedBlock, ...], int | None]] = []
    skipped: list[int] = []
    by_column: dict[str, _Entries] = {}
    for index, rule in enumerate(parsed):
        for k in rule.keys:
            if k not in by_column:
                by_column[k] = _column_entries(np.asarray(columns[k], dtype=object))
        entries = by_column[rule.keys[0]]
        for k in rule.keys[1:]:
            entries = _join(entries, by_column[k], n)
        rows, codes = entries.rows, entries.codes
        by_code = np.argsort(codes, kind="stable")
        order, sorted_codes = rows[by_code], codes[by_code]
        with_key = int(np.unique(rows).size)
        boundaries = np.flatnonzero(np.diff(sorted_codes)) + 1
        starts = np.concatenate(([0], boundaries)).astype(np.int64) if order.size else boundaries
        sizes = np.diff(np.concatenate((starts, [order.size]))).astype(np.int64)
        too_big = sizes > max_block_size
        oversized = tuple(
            sorted(
                (
                    OversizedBlock(rule.name, entries.key(int(by_code[s])), int(z))
                    for s, z in zip(starts[too_big], sizes[too_big], strict=True)
                ),
                key=lambda b: (-b.size, b.key),
            )
        )
        keep = (sizes >= 2) & ~too_big
        largest: int | None = None
        if rule.pairs_per_record is not None:
            largest = _largest_within(sizes[keep], rule.pairs_per_record * n)
            keep &= sizes <= largest
        would_make = int((sizes[keep] * (sizes[keep] - 1) // 2).sum())
        if max_pairs_per_rule is not None and would_make > max_pairs_per_rule:
            skipped.append(index)
            reports.append((rule.name, would_make, with_key, oversized, largest))
            continue
        lo, hi = _pairs_within_blocks(order, starts[keep], sizes[keep])
        if link_only and groups is not None:
            across = groups[lo] != groups[hi]
            lo, hi = lo[across], hi[across]
        pair_codes = lo * n + hi
        if len(rows) > with_key:  # a record with several keys: a pair may repeat
            pair_codes = np.unique(pair_codes)
        codes_per_rule.append(pair_codes)
        rule_ids.append(np.full(pair_codes.size, index, dtype=np.int16))
        reports.append((rule.name, int(pair_codes.size), with_key, oversized, largest))

    all_codes = np.concatenate(codes_per_rule) if codes_per_rule else np.empty(0, np.int64)
    all_rules = np.concatenate(rule_ids) if rule_ids else np.empty(0, np.int16)
    unique_codes, first = np.unique(all_codes, return_index=True)
    rule_of_pair = all_rules[first]
    new_per_rule = np.bincount(rule_of_pair, minlength=len(parsed))
    left, right = unique_codes // max(n, 1), unique_codes % max(n, 1)

    completeness: float | None = None
    true_pairs: int | None = None
    if truth is not None:
        true_pairs = _count_true_pairs(np.asarray(truth), groups if link_only else None)
        found = int(np.count_nonzero(truth[left] == truth[right]))
        completeness = found / true_pairs if true_pairs else 1.0

    report = BlockingReport(
        rules=tuple(
            RuleReport(name, pairs, int(new), with_key, oversized, index in skipped, largest)
            for index, ((name, pairs, with_key, oversized, largest), new) in enumerate(
                zip(reports, new_per_rule, strict=True)
            )
        ),
        n_records=n,
        n_pairs=int(unique_codes.size),
        max_block_size=max_block_size,
        pairs_completeness=completeness,
        true_pairs=true_pairs,
    )
    return CandidatePairs(left=left, right=right, rule=rule_of_pair, report=report)


def _largest_within(sizes: IntArray, budget: float) -> int:
    """The largest block size such that all blocks up to it make at most ``budget`` pairs."""
    if sizes.size == 0:
        return 0
    distinct, count = np.unique(sizes, return_counts=True)
    cumulative = np.cumsum(count * (distinct * (distinct - 1) // 2))
    within = np.flatnonzero(cumulative <= budget)
    return int(distinct[within[-1]]) if within.size else 0


def _count_true_pairs(truth: npt.NDArray[Any], groups: npt.NDArray[np.integer[Any]] | None) -> int:
    """Pairs of records sharing a true entity (across sources only, when ``groups``)."""
    _, sizes = np.unique(truth, return_counts=True)
    within = int((sizes * (sizes - 1) // 2).sum())
    if groups is None:
        return within
    _, same_source = np.unique(np.stack([truth, groups]), axis=1, return_counts=True)
    return within - int((same_source * (same_source - 1) // 2).sum())


LOOSE_PAIRS_PER_RECORD: Final = 64.0
"""Budget of the whole loose tier of the default rules, in candidate pairs per record.

Measured (benchmarks/blocking.py, accuracy.py, scale.py): historical_50k pairs
completeness 0.876 / 0.865 / 0.799 and pairwise F1 0.898 / 0.897 / 0.895 with no
shared budget / 48 / 32; 1M generated customers 27M pairs, 157 s, 5.0 GB with 48 and
20M pairs, 138 s, 4.2 GB with 32. With the name-and-place rules added to both tiers
(three-key exact rules, nickname and phonetic loose rules), historical_50k reaches
0.879 at 459,023 pairs with 64 (0.845 at 384,986 with 48, 0.780 at 328,520 with 32:
each added loose rule takes its share of the budget)."""


def default_rules(fields: Mapping[str, str], *, loose: float = 1.0) -> tuple[BlockingRule, ...]:
    """Blocking rules derived from a schema's fields (column → kind).

    Three tiers, each written in terms of field kinds only:

    1. exact contact identifiers (email, phone and its national number, identifier);
    2. tight rules, expanded whole: the whole-name key with date of birth, postcode or
       city; the given initial with the postcode; family name (key, first four
       letters) or nickname-canonical given name with the date; date with postcode
       or city, birth year with postcode; the given name (initial, first two
       letters or nickname-canonical) with the phonetic family name and the city;
       the sound of any word of the name with the postcode;
    3. loose rules with a pair budget (``pairs_per_record``): they expand only their
       smallest blocks, where a shared value is rare enough to say something. They
       catch what typos, swapped or missing name parts and moved people hide from
       the tight rules: family name (key, phonetic code, prefix) with a place or a
       given-name key; the nickname-canonical given name with the city or the
       phonetic family name; any word of the whole name (``_name:words``, or its first four
       letters, or its metaphone code) with a place, a date or another name part, or
       alone; date with postcode area or city; date or postcode alone.

    Each loose rule costs at most its budget times the number of records, and the
    budgets together at most :data:`LOOSE_PAIRS_PER_RECORD` per record (each rule
    keeps its share), so the whole set stays linear in the input, whatever its
    common values and however many fields the schema has.

    Args:
        fields: column → field kind.
        loose: multiplies every loose rule's budget; 0 leaves the loose tier out
            (fewer candidate pairs, fewer pairs found where names are damaged).

    Raises:
        SettingsError: ``loose`` is negative.

    >>> [r.name for r in default_rules({"mail": "email", "dob": "date", "first": "given_name",
    ...                                 "last": "family_name"})][:3]
    ['mail', '_name & dob', 'last:key & dob']
    """
    if not loose >= 0:
        raise SettingsError(f"loose must be a number at least 0, got {loose!r}")
    by_kind: dict[str, list[str]] = {}
    for column, kind in fields.items():
        by_kind.setdefault(kind, []).append(column)
    dates = by_kind.get("date", [])
    postcodes = by_kind.get("postcode", [])
    cities = by_kind.get("city", [])
    given = by_kind.get("given_name", [])
    family = by_kind.get("family_name", [])
    full = by_kind.get("full_name", [])
    has_name = bool(given or family or full)
    places = (*postcodes, *cities)

    exact: list[tuple[str, ...]] = []
    for kind in ("email", "phone", "identifier"):
        exact.extend((c,) for c in by_kind.get(kind, ()))
    # A phone's national number meets the same number written without its country code.
    exact.extend((f"{c}:national",) for c in by_kind.get("phone", ()))
    if has_name:
        exact.extend(("_name", c) for c in (*dates, *postcodes, *cities))
    for g in given:
        exact.extend((f"{g}:initial", p) for p in postcodes)
    for f in family:
        exact.extend((f"{f}:key", d) for d in dates)
        exact.extend((f"{f}:prefix4", d) for d in dates)
    for g in given:
        exact.extend((f"{g}:canon", d) for d in dates)
    for d in dates:
        exact.extend((d, c) for c in places)
        exact.extend((f"{d}:year", p) for p in postcodes)
    for f in family:
        for g in given:
            for c in cities:
                exact.append((f"{g}:initial", f"{f}:phonetic", c))
                exact.append((f"{g}:prefix2", f"{f}:phonetic", c))
                exact.append((f"{g}:canon", f"{f}:phonetic", c))
    if has_name:
        exact.extend((p, "_name:sounds") for p in postcodes)

    tier: list[tuple[tuple[str, ...], float]] = []
    for f in family:
        tier.extend(((f"{f}:key", c), 2.0) for c in cities)
        tier.extend(((f"{f}:phonetic", c), 2.0) for c in cities)
        tier.extend(((f"{f}:phonetic", f"{p}:area"), 4.0) for p in postcodes)
        for g in given:
            tier.append(((f"{f}:phonetic", f"{g}:prefix2"), 2.0))
            tier.append(((f"{f}:key", f"{g}:initial"), 2.0))
            tier.append(((f"{f}:key", f"{g}:prefix2"), 4.0))
            tier.append(((f"{g}:canon", f"{f}:prefix4"), 2.0))
        tier.extend(((f"{f}:prefix4", c), 4.0) for c in cities)
    for g in given:
        tier.extend(((f"{g}:canon", c), 2.0) for c in cities)
        for f in family:
            tier.append(((f"{g}:canon", f"{f}:phonetic"), 2.0))
            tier.append(((f"{f}:phonetic", f"{g}:initial"), 4.0))
    if has_name:
        tier.extend((("_name:sounds", c), 4.0) for c in cities)
        tier.extend((("_name:words", c), 4.0) for c in cities)
        tier.extend((("_name:prefixes", c), 4.0) for c in cities)
        tier.extend((("_name:sounds", f"{f}:phonetic"), 4.0) for f in family)
        tier.extend((("_name:prefixes", f"{g}:initial"), 4.0) for g in given)
        tier.extend((("_name:sounds", f"{d}:monthday"), 2.0) for d in dates)
        tier.extend((("_name:prefixes", d), 4.0) for d in dates)
        tier.extend((("_name:prefixes", f"{p}:area"), 4.0) for p in postcodes)
        tier.append((("_name:words",), 4.0))
    for d in dates:
        tier.extend(((f"{d}:monthday", c), 1.0) for c in places)
        tier.extend(((d, f"{p}:area"), 2.0) for p in postcodes)
        tier.append(((d,), 1.0))
    tier.extend(((p,), 2.0) for p in postcodes)
    if has_name and not (dates or postcodes or cities):
        exact.append(("_name",))
    rules = [BlockingRule(r) for r in dict.fromkeys(exact)]
    budgets: dict[tuple[str, ...], float] = {}
    for rule, k in tier:
        budgets.setdefault(rule, k)
    # The whole loose tier shares one budget of LOOSE_PAIRS_PER_RECORD: with many name,
    # date and place fields, each rule gets its share, so a wide schema costs no more.
    share = min(1.0, LOOSE_PAIRS_PER_RECORD / max(sum(budgets.values()), 1.0))
    if loose > 0:
        rules.extend(
            BlockingRule(r, pairs_per_record=k * share * loose) for r, k in budgets.items()
        )
    return tuple(rules)


def all_pairs(
    n: int, *, groups: npt.NDArray[np.integer[Any]] | None = None, link_only: bool = False
) -> CandidatePairs:
    """Every pair of ``n`` records (across groups only, with ``link_only``), as candidates.

    Small inputs need no blocking: comparing everything costs less than a rule missing a
    pair.

    >>> pairs = all_pairs(3)
    >>> pairs.left.tolist(), pairs.right.tolist()
    ([0, 0, 1], [1, 2, 2])
    """
    left, right = np.triu_indices(n, k=1)
    left, right = left.astype(np.int64), right.astype(np.int64)
    if link_only:
        if groups is None:
            raise SettingsError("link_only=True needs groups (the source of each record)")
        across = groups[left] != groups[right]
        left, right = left[across], right[across]
    rule = RuleReport("all pairs", int(left.size), int(left.size), n, ())
    report = BlockingReport(
        rules=(rule,), n_records=n, n_pairs=int(left.size), max_block_size=max(n, 2)
    )
    return CandidatePairs(left, right, np.zeros(left.size, dtype=np.int16), report)
