"""Blocking: which pairs of records are worth comparing at all.

A blocking rule is a tuple of key columns of the prepared table; two records are a
candidate pair under a rule when they hold the same non-missing value in every key
column. The candidate pairs are the union over all rules, each pair attributed to the
first rule that produced it.

Pairs are generated with NumPy, block by block, never with a Python loop per pair. A
block larger than ``max_block_size`` (a junk value shared by thousands of records,
the shop's own phone number typed into the till) is not expanded; it is reported by
rule, key and size, so one placeholder cannot create a billion pairs.

Besides rules on key columns, a :class:`GroupRule` compares the records that the exact
rules link into small groups, directly or through one another; :func:`default_rules`
ends with one.

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

import numpy as np
import numpy.typing as npt

from goldenrecord.errors import SettingsError
from goldenrecord.match._blocks import (
    Entries,
    column_entries,
    components,
    count_true_pairs,
    join,
    largest_within,
    pairs_within_blocks,
)
from goldenrecord.match._default_rules import (
    GROUP_PAIRS_PER_RECORD,
    LOOSE_PAIRS_PER_RECORD,
    default_rules,
)
from goldenrecord.match._prepared import distinct_sorted
from goldenrecord.match._rules import (
    BlockingReport,
    BlockingRule,
    CandidatePairs,
    GroupRule,
    IntArray,
    OversizedBlock,
    RuleReport,
)

__all__ = [
    "DEFAULT_MAX_BLOCK_SIZE",
    "EXHAUSTIVE_LIMIT",
    "GROUP_PAIRS_PER_RECORD",
    "LOOSE_PAIRS_PER_RECORD",
    "BlockingReport",
    "BlockingRule",
    "CandidatePairs",
    "GroupRule",
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
        rules: blocking rules, or column names / tuples of column names. A
            :class:`GroupRule` links records by the pairs of the rules before it
            that are expanded whole (no ``pairs_per_record``, not skipped).
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
    exact: list[IntArray] = []  # pairs of the rules expanded whole, for group rules
    by_column: dict[str, Entries] = {}
    for index, rule in enumerate(parsed):
        if isinstance(rule, GroupRule):
            order, starts, sizes, with_key = _groups(exact, n)
            several = False  # a record is in one group only
            too_big = sizes > max_block_size
            oversized: tuple[OversizedBlock, ...] = ()  # a group has no key to report
            keep = (sizes >= 3) & ~too_big  # a group of two is a pair already found
        else:
            for k in rule.keys:
                if k not in by_column:
                    by_column[k] = column_entries(np.asarray(columns[k], dtype=object))
            entries = by_column[rule.keys[0]]
            for k in rule.keys[1:]:
                entries = join(entries, by_column[k], n)
            order, starts, sizes, by_code = _blocks(entries)
            with_key = int(distinct_sorted(entries.rows).size)
            several = len(entries.rows) > with_key
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
            largest = largest_within(sizes[keep], rule.pairs_per_record * n)
            keep &= sizes <= largest
        would_make = int((sizes[keep] * (sizes[keep] - 1) // 2).sum())
        if max_pairs_per_rule is not None and would_make > max_pairs_per_rule:
            skipped.append(index)
            reports.append((rule.name, would_make, with_key, oversized, largest))
            continue
        lo, hi = pairs_within_blocks(order, starts[keep], sizes[keep])
        if link_only and groups is not None:
            across = groups[lo] != groups[hi]
            lo, hi = lo[across], hi[across]
        pair_codes = lo * n + hi
        if several:  # a record with several keys: a pair may repeat
            pair_codes = distinct_sorted(pair_codes)
        if rule.pairs_per_record is None and not isinstance(rule, GroupRule):
            exact.append(pair_codes)
        codes_per_rule.append(pair_codes)
        rule_ids.append(np.full(pair_codes.size, index, dtype=np.int16))
        reports.append((rule.name, int(pair_codes.size), with_key, oversized, largest))

    unique_codes, rule_of_pair = _first_rule(codes_per_rule, rule_ids, n, len(parsed))
    new_per_rule = np.bincount(rule_of_pair, minlength=len(parsed))
    left, right = unique_codes // max(n, 1), unique_codes % max(n, 1)

    completeness: float | None = None
    true_pairs: int | None = None
    if truth is not None:
        true_pairs = count_true_pairs(np.asarray(truth), groups if link_only else None)
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


def _first_rule(
    codes_per_rule: list[IntArray], rule_ids: list[npt.NDArray[np.int16]], n: int, n_rules: int
) -> tuple[IntArray, npt.NDArray[np.int16]]:
    """The distinct pair codes, ascending, and the first rule (lowest index) that made each.

    One sort of ``code << bits | rule`` (the rule in the low bits) instead of a stable
    argsort of the codes: the first of each run of equal codes holds the lowest rule.
    """
    all_codes = np.concatenate(codes_per_rule) if codes_per_rule else np.empty(0, np.int64)
    all_rules = np.concatenate(rule_ids) if rule_ids else np.empty(0, np.int16)
    bits = max(n_rules - 1, 1).bit_length()
    if all_codes.size == 0 or (max(n, 1) ** 2) << bits >= 2**62:
        unique_codes, first = np.unique(all_codes, return_index=True)
        return unique_codes, all_rules[first]
    keyed = np.sort((all_codes << bits) | all_rules.astype(np.int64))
    codes = keyed >> bits
    starts = np.empty(codes.size, dtype=bool)
    starts[0] = True
    np.not_equal(codes[1:], codes[:-1], out=starts[1:])
    rules = (keyed[starts] & ((1 << bits) - 1)).astype(np.int16)
    return codes[starts], rules


def _blocks(entries: Entries) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """Records grouped by key: their order, each block's start and size, and the
    entry index behind each position (to name a block's key)."""
    by_code = _stable_order(entries.codes)
    order, sorted_codes = entries.rows[by_code], entries.codes[by_code]
    boundaries = np.flatnonzero(np.diff(sorted_codes)) + 1
    starts = np.concatenate(([0], boundaries)).astype(np.int64) if order.size else boundaries
    sizes = np.diff(np.concatenate((starts, [order.size]))).astype(np.int64)
    return order, starts, sizes, by_code


def _stable_order(codes: IntArray) -> IntArray:
    """``np.argsort(codes, kind="stable")``, by one sort of ``code << bits | position``
    when both fit in 62 bits (codes are never negative)."""
    size = codes.size
    bits = max(size - 1, 1).bit_length()
    if size == 0 or int(codes.max()) >= 2 ** (62 - bits) or int(codes.min()) < 0:
        return np.argsort(codes, kind="stable")
    keyed = np.sort((codes.astype(np.int64) << bits) | np.arange(size, dtype=np.int64))
    return keyed & ((1 << bits) - 1)


def _groups(exact: list[IntArray], n: int) -> tuple[IntArray, IntArray, IntArray, int]:
    """The groups the exact pairs link (as :func:`_blocks` gives blocks) and the number
    of records in a group of two or more."""
    codes = distinct_sorted(np.concatenate(exact)) if exact else np.empty(0, np.int64)
    label = components(n, codes // max(n, 1), codes % max(n, 1))
    rows = np.arange(n, dtype=np.int64)
    entries = Entries(rows, label, (label,), ([],))
    order, starts, sizes, _ = _blocks(entries)
    linked = int(sizes[sizes >= 2].sum())
    return order, starts, sizes, linked


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
