"""Splitting implausible clusters along their weakest links.

One person's records agree with each other: most pairs of them are matches. A
cluster whose members match only sparsely inside (a long chain, two groups joined by a
few weak matches) is far larger than the person its members describe. After the
constrained union-find, such a cluster is taken apart the way a higher threshold
would have left it: its matches below a cut are dropped and its members clustered
again, the cut raised (by tenths of its match weights) until every part is
plausible. Parts that are plausible at a cut stay as they are; the others go on to
higher cuts.

The test is local to a cluster (its size and its own matches), so the identity
store, which clusters one component at a time, splits exactly as batch does.

>>> rule = SplitRule(min_size=4, min_density=0.5)
>>> rule.plausible(size=6, edges=5), rule.plausible(size=6, edges=10), rule.plausible(3, 2)
(False, True, True)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord.errors import SettingsError

__all__ = ["DEFAULT_SPLIT", "SPLIT", "Split", "SplitRule", "split_clusters"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

SPLIT: Final = "split"
"""The constraint name of a match dropped when its cluster was split."""

_STEPS: Final = 10
"""A cluster's cut rises by tenths (deciles) of its match weights."""


def _check_size(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 2:
        raise SettingsError(f"{attribute.name} must be an integer of at least 2, got {value!r}")


def _check_density(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 <= value <= 1.0:
        raise SettingsError(f"{attribute.name} must be a number in [0, 1], got {value!r}")


def _check_max(instance: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None:
        _check_size(instance, attribute, value)  # type: ignore[arg-type]


@attrs.frozen
class SplitRule:
    """When a cluster is implausible: at least ``min_size`` records whose matches
    inside cover less than ``min_density`` of their pairs, or more than ``max_size``
    records (None: no size cap).

    A person's records match each other: a cluster of ``s`` records with ``e``
    matches inside has density ``e / (s (s - 1) / 2)``. A density below 0.4 means the
    typical member matches fewer than two in five of the others: the cluster is over
    two and a half times the size of the person its members describe.
    """

    min_size: int = attrs.field(default=10, validator=_check_size)
    min_density: float = attrs.field(default=0.4, validator=_check_density)
    max_size: int | None = attrs.field(default=None, validator=_check_max)

    def plausible(self, size: int, edges: int, pairs: int | None = None) -> bool:
        """Whether a cluster of ``size`` records with ``edges`` matches inside may stay.

        ``pairs`` is how many of its pairs of records could match at all (they have a
        field in common); default all ``size (size - 1) / 2`` of them.
        """
        if self.max_size is not None and size > self.max_size:
            return False
        if size < self.min_size:
            return True
        if pairs is None:
            pairs = size * (size - 1) // 2
        return edges >= self.min_density * pairs


DEFAULT_SPLIT: Final = SplitRule()
"""The rule batch resolution and the identity store apply."""


@attrs.frozen
class Split:
    """One cluster taken apart: its size, and the sizes of its parts (largest first)."""

    size: int
    parts: tuple[int, ...]


def _tally(
    labels: IntArray,
    records: IntArray,
    lo: IntArray,
    hi: IntArray,
    counted: npt.NDArray[np.bool_] | None,
    present: IntArray | None = None,
    min_size: int = 2,
) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """The clusters of ``records`` as the rule reads them: each one's label, its
    records, its matches inside among the edges ``lo``, ``hi`` (whose ends lie
    among ``records``), and its pairs of records that could match. Only ``counted``
    records, and edges between two of them, count.

    ``present`` holds one bit mask per record, a bit per comparison the record has a
    value for: two records without a bit in common (a phone-only record and an
    email-only one) cannot match, so their pair is no missing match. Without it, and
    for clusters under ``min_size``, every pair could match.
    """
    if counted is not None:
        records = records[counted[records]]
        keep = counted[lo] & counted[hi]
        lo, hi = lo[keep], hi[keep]
    names, sizes = np.unique(labels[records], return_counts=True)
    same = labels[lo] == labels[hi]
    held = np.zeros(names.size, dtype=np.int64)
    np.add.at(held, np.searchsorted(names, labels[lo[same]]), 1)
    pairs = sizes.astype(np.int64) * (sizes.astype(np.int64) - 1) // 2
    if present is not None:
        big = np.flatnonzero(sizes >= min_size)
        if big.size:
            # records grouped by cluster once (not one scan of every record per cluster)
            grouped = records[np.argsort(labels[records], kind="stable")]
            ends = np.cumsum(sizes)
            for c in big.tolist():
                pairs[c] = _comparable(present[grouped[ends[c] - sizes[c] : ends[c]]])
    return names.astype(np.int64), sizes.astype(np.int64), held, pairs


def _comparable(masks: IntArray) -> int:
    """How many pairs of records, given their field bit masks, have a field in common."""
    kinds, counts = np.unique(masks, return_counts=True)
    total = 0
    for i, (m, c) in enumerate(zip(kinds.tolist(), counts.tolist(), strict=True)):
        if m:
            total += c * (c - 1) // 2
        for m2, c2 in zip(kinds[i + 1 :].tolist(), counts[i + 1 :].tolist(), strict=True):
            if m & m2:
                total += c * c2
    return total


def implausible(
    rule: SplitRule,
    labels: IntArray,
    lo: IntArray,
    hi: IntArray,
    counted: npt.NDArray[np.bool_] | None = None,
    present: IntArray | None = None,
) -> IntArray:
    """The labels of the clusters ``rule`` finds implausible, ascending.

    ``counted`` (one flag per record, default all) says which records and edges the
    rule reads: an exact copy joined to the record it copies is one record for it.
    ``present`` (a field bit mask per record) says which pairs could match at all.
    """
    return _implausible(
        rule,
        *_tally(labels, np.arange(labels.size), lo, hi, counted, present, rule.min_size),
    )


def _implausible(
    rule: SplitRule, names: IntArray, sizes: IntArray, held: IntArray, pairs: IntArray
) -> IntArray:
    """The ``names`` whose clusters (``sizes`` records, ``held`` matches of ``pairs``
    that could match) ``rule`` rejects."""
    big = np.flatnonzero(sizes >= min(rule.min_size, rule.max_size or rule.min_size))
    bad = [
        int(names[c])
        for c in big.tolist()
        if not rule.plausible(int(sizes[c]), int(held[c]), int(pairs[c]))
    ]
    return np.array(bad, dtype=np.int64)


def split_clusters(
    rule: SplitRule,
    labels: IntArray,
    lo: IntArray,
    hi: IntArray,
    weight: FloatArray,
    solve_part: Callable[[IntArray, IntArray, float], IntArray],
    counted: npt.NDArray[np.bool_] | None = None,
    present: IntArray | None = None,
) -> tuple[IntArray, tuple[Split, ...]]:
    """Labels with every implausible cluster split, and what was split.

    Args:
        rule: when a cluster is implausible.
        labels: each record's cluster (the smallest record index in it).
        lo, hi, weight: the edges (matches) and their weights.
        solve_part: clusters the given records (ascending indices) again over the
            given edges (indices, both ends among the records) heavier than a cut;
            returns each record's new label (a record index).
        counted: the records (and edges between them) the rule reads; default all.
        present: a field bit mask per record (which pairs could match); default none.
    """
    bad = implausible(rule, labels, lo, hi, counted, present)
    if bad.size == 0:
        return labels, ()
    labels = labels.copy()
    same = labels[lo] == labels[hi]
    inner_all = np.flatnonzero(same & np.isin(labels[lo], bad))
    inner_all = inner_all[np.argsort(labels[lo[inner_all]], kind="stable")]
    bounds = np.searchsorted(labels[lo[inner_all]], bad, side="left")
    ends = np.searchsorted(labels[lo[inner_all]], bad, side="right")
    splits = []
    for label, start, end in zip(bad.tolist(), bounds.tolist(), ends.tolist(), strict=True):
        members = np.flatnonzero(labels == label).astype(np.int64)
        inner = inner_all[start:end]
        cuts = np.unique(np.quantile(weight[inner], np.arange(1, _STEPS) / _STEPS))
        _split_part(rule, labels, members, inner, lo, hi, cuts, solve_part, counted, present)
        sizes = np.unique(labels[members], return_counts=True)[1]
        splits.append(Split(int(members.size), tuple(sorted(sizes.tolist(), reverse=True))))
    return labels, tuple(splits)


def _split_part(
    rule: SplitRule,
    labels: IntArray,
    members: IntArray,
    edges: IntArray,
    lo: IntArray,
    hi: IntArray,
    cuts: FloatArray,
    solve_part: Callable[[IntArray, IntArray, float], IntArray],
    counted: npt.NDArray[np.bool_] | None = None,
    present: IntArray | None = None,
) -> None:
    """Cluster ``members`` at rising cuts until each part is plausible (in place)."""
    pending = [(members, edges, 0)]
    while pending:
        part, inner, step = pending.pop()
        while step < cuts.size:
            new = solve_part(part, inner, float(cuts[step]))
            step += 1
            if np.unique(new).size > 1:
                break
        else:
            continue  # no cut left: the part stays as it is
        labels[part] = new
        same = inner[labels[lo[inner]] == labels[hi[inner]]]
        tally = _tally(labels, part, lo[same], hi[same], counted, present, rule.min_size)
        for sub in _implausible(rule, *tally).tolist():
            mine = same[labels[lo[same]] == sub]
            pending.append((part[new == sub], mine, step))
