"""Constrained clustering: accepted edges through a union-find that can say no.

Edges are taken in descending match weight (ties by the lower record index, then the
higher one, never by position in the input arrays) and a union is refused when the
merged cluster would break a constraint:

* a value limit: ``limits[name]`` distinct non-missing values of ``values[name]``
  at most (1 for an exclusive identifier such as a customer number);
* a variant limit: with ``variants[name]``, a relation saying which two values are
  one value as typos explain it, the limit counts *variant groups* instead of
  values (:mod:`goldenrecord.graph._variants`): a cluster keeps one representative
  per group, the larger side's first, and a value of the other side opens a new
  group only when it is a variant of none of them;
* ``one_per_source``: at most one record per group (``groups``, one per source);
* ``cannot_link``: the two records of a cannot-link pair never share a cluster.

Must-link pairs are joined first, whatever they break (the user's word wins); what
they break is recorded as ``forced``.

Most components of the accepted-edge graph break nothing even when taken whole. They
are found with NumPy and accepted as they are; only the components that could break a
constraint are walked edge by edge, so the Python loop sees a small share of the edges.
The arguments are checked into a problem in :mod:`goldenrecord.graph._problem`; the
edge-by-edge union-find is :mod:`goldenrecord.graph._walk`.

>>> import numpy as np
>>> left, right = np.array([0, 1, 2]), np.array([1, 2, 3])
>>> weight = np.array([9.0, 3.0, 8.0])
>>> ids = np.array(["C1", "C1", "C2", None], dtype=object)
>>> result = cluster(4, left, right, weight, values={"customer_no": ids},
...                  limits={"customer_no": 1})
>>> result.labels.tolist()
[0, 0, 2, 2]
>>> result.refused.tolist(), result.refused_by
([1], ('customer_no',))
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord.errors import SettingsError
from goldenrecord.graph._components import connected_components
from goldenrecord.graph._problem import (
    _EMPTY,
    CANNOT_LINK,
    ONE_PER_SOURCE,
    BoolArray,
    FloatArray,
    IntArray,
    Pairs,
    _Problem,
)
from goldenrecord.graph._split import SPLIT, Split, SplitRule, split_clusters
from goldenrecord.graph._walk import _finder, _states, _walk

__all__ = ["CANNOT_LINK", "ONE_PER_SOURCE", "Clustering", "cluster"]


@attrs.frozen(repr=False, eq=False)
class Clustering:
    """Which records ended together, and which edges were refused and why.

    Attributes:
        labels: each record's cluster, named by the smallest record index in it.
        accepted: one flag per input edge: the edge joined two clusters or fell
            inside one.
        refused: indices of the input edges that were refused, ascending.
        refused_by: for each refused edge, the constraint its union would have
            broken at its turn: a ``values`` name, ``"one_per_source"`` or
            ``"cannot_link"``.
        must_link: the must-link pairs in the order given, each as (lower index,
            higher index).
        forced: indices of the must-link pairs whose union broke a constraint.
        forced_by: for each forced pair, the constraint it broke (the first in
            checking order when it broke several).
        constraints: the constraints in effect, in checking order (cannot-link, the
            value names in the order given, one-per-source).
        n_sequential: edges that went through the sequential union-find (the rest
            lay in components that broke nothing as a whole).
        split: the clusters taken apart as implausible (see
            :mod:`goldenrecord.graph._split`), each with its size and its parts'
            sizes; their matches between parts are refused as ``"split"``.

    A refusal is judged at the edge's turn. When a must-link pair forced a cluster
    over a limit, that cluster may later absorb both ends of a refused edge.
    """

    labels: IntArray
    accepted: BoolArray
    refused: IntArray
    refused_by: tuple[str, ...]
    must_link: Pairs
    forced: IntArray
    forced_by: tuple[str, ...]
    constraints: tuple[str, ...]
    n_sequential: int
    split: tuple[Split, ...] = ()

    def __repr__(self) -> str:
        return (
            f"Clustering(records={self.labels.size:,}, clusters={self.n_clusters:,}, "
            f"accepted={int(self.accepted.sum()):,}, refused={self.refused.size:,})"
        )

    @property
    def n_clusters(self) -> int:
        """How many clusters there are."""
        return int(np.count_nonzero(self.labels == np.arange(self.labels.size)))

    @property
    def counts(self) -> dict[str, int]:
        """Refused edges per constraint, every constraint listed (zeros included)."""
        return _tally(self.constraints, self.refused_by)

    @property
    def forced_counts(self) -> dict[str, int]:
        """Must-link pairs that broke each constraint, every constraint listed."""
        return _tally(self.constraints, self.forced_by)

    def members(self, label: int) -> IntArray:
        """The record indices of the cluster named ``label``, ascending.

        Raises:
            SettingsError: when ``label`` names no cluster.
        """
        if not 0 <= label < self.labels.size or self.labels[label] != label:
            raise SettingsError("label names no cluster (a label is the smallest index in it)")
        return np.flatnonzero(self.labels == label).astype(np.int64)


def _tally(constraints: tuple[str, ...], names: tuple[str, ...]) -> dict[str, int]:
    counts = dict.fromkeys(constraints, 0)
    for name in names:
        counts[name] += 1
    return counts


def cluster(
    n: int,
    left: IntArray,
    right: IntArray,
    weight: FloatArray,
    *,
    values: Mapping[str, npt.NDArray[Any]] | None = None,
    limits: Mapping[str, int] | None = None,
    groups: IntArray | None = None,
    must_link: Pairs | None = None,
    cannot_link: Pairs | None = None,
    variants: Mapping[str, Callable[[Any, Any], bool]] | None = None,
    split: SplitRule | None = None,
    counted: BoolArray | None = None,
    vouched: BoolArray | None = None,
    vouchable: Collection[str] = (),
    present: IntArray | None = None,
) -> Clustering:
    """Cluster ``n`` records over accepted edges, refusing unions that break a constraint.

    Record indices are assumed to follow the stable record key order: ties in weight
    are broken by the lower index, then the higher one, so the result is the same for
    any order of the edge arrays.

    Args:
        n: number of records; indices run from 0 to ``n - 1``.
        left, right: the accepted edges (pairs above the threshold), record indices.
        weight: the match weight of each edge; stronger edges are taken first.
        values: per constraint name, one value per record (``None`` or NaN when the
            record has none). An integer array is read as value codes, negative
            meaning none.
        limits: per name in ``values``, the most distinct values a cluster may hold
            (1 for an exclusive identifier).
        groups: one group per record (its source), ``-1`` for none; a cluster holds
            at most one record per group.
        must_link: pairs joined first, always.
        cannot_link: pairs never joined, directly or through others.
        variants: per name in ``values``, a symmetric relation over two values
            (never missing ones) saying whether they are one value as typos and
            variants explain it; that name's limit then counts variant groups.
        split: when given, a cluster this rule finds implausible (sparse inside, or
            too large) is clustered again at rising cuts of its match weights until
            its parts are plausible (:mod:`goldenrecord.graph._split`); the constraint
            name ``"split"`` is then in effect.
        counted: the records the split rule reads (one flag per record; default all):
            an exact copy joined to the record it copies is no record of its own
            there, so a profile of many copies is not sparse.
        vouched: one flag per edge: the edge vouches for one person (its evidence is
            not what a household shares; batch and store flag every edge but those
            agreeing on a landline and on no personal value).
        present: for the split rule, one bit mask per record, a bit per field it
            has a value for: two records without a field in common cannot match, so
            their pair is no missing match inside a cluster (default: every pair can).
        vouchable: names in ``values`` whose limit a vouched edge passes: a limit
            that household evidence (a family name, a landline) must not overrule,
            but that one person's own email or date of birth may.

    Returns:
        The :class:`Clustering`.

    Raises:
        SettingsError: for a value name without a limit (or a limit without values),
            a limit below 1, arrays of the wrong length, indices out of range, NaN
            weights, or must-link pairs that contradict cannot-link pairs; all
            problems are reported at once, without personal values.

    >>> import numpy as np
    >>> one = cluster(3, np.array([0, 1]), np.array([1, 2]), np.array([5.0, 4.0]),
    ...               groups=np.array([0, 1, 0]))
    >>> one.labels.tolist(), one.counts
    ([0, 0, 2], {'one_per_source': 1})
    """
    problem = _Problem.build(
        n,
        left,
        right,
        weight,
        values,
        limits,
        groups,
        must_link,
        cannot_link,
        variants,
        vouched=vouched,
        vouchable=tuple(vouchable),
    )
    if split is not None:
        if not isinstance(split, SplitRule):
            raise SettingsError("split must be a SplitRule or None")
        if counted is not None and np.shape(counted) != (n,):
            raise SettingsError(f"counted must hold one flag per record ({n})")
        if present is not None and np.shape(present) != (n,):
            raise SettingsError(f"present must hold one bit mask per record ({n})")
        problem = attrs.evolve(
            problem,
            split=split,
            counted=None if counted is None else np.asarray(counted, bool),
            present=None if present is None else np.asarray(present, np.int64),
        )
    return _solve(problem, fast=True)


def _solve(problem: _Problem, *, fast: bool) -> Clustering:
    """Cluster; ``fast=False`` walks every edge through the union-find (for tests)."""
    p = problem
    ml, cl = p.must_link, p.cannot_link
    comp = connected_components(p.n, np.concatenate([p.lo, ml[0]]), np.concatenate([p.hi, ml[1]]))
    sequential = _breaking(p, comp)[comp] if fast else np.ones(p.n, dtype=bool)
    labels = comp.copy()
    accepted = np.ones(p.lo.size, dtype=bool)
    refused_code = np.full(p.lo.size, -1, dtype=np.int64)
    forced_code = np.full(ml[0].size, -1, dtype=np.int64)
    edges = np.flatnonzero(sequential[p.lo]) if p.lo.size else _EMPTY
    records = np.flatnonzero(sequential)
    if records.size:
        local = np.full(p.n, -1, dtype=np.int64)
        local[records] = np.arange(records.size)
        order = edges[np.lexsort((p.hi[edges], p.lo[edges], -p.weight[edges]))]
        ml_keep = np.flatnonzero(sequential[ml[0]])
        ml_order = ml_keep[np.lexsort((ml[1][ml_keep], ml[0][ml_keep]))]
        cl_keep = np.flatnonzero(sequential[cl[0]] & sequential[cl[1]])
        states, limits, relations, kinds = _states(p, records, local, cl_keep)
        parent, size = list(range(records.size)), [1] * records.size
        ml_a, ml_b = local[ml[0][ml_order]].tolist(), local[ml[1][ml_order]].tolist()
        broken = _walk(parent, size, states, limits, relations, ml_a, ml_b, force=True)
        forced_code[ml_order] = kinds[broken]
        ed_a, ed_b = local[p.lo[order]].tolist(), local[p.hi[order]].tolist()
        soft = frozenset(
            k
            for k, code in enumerate(kinds[:-1].tolist())
            if 1 <= code <= len(p.names) and p.names[code - 1] in p.vouchable
        )
        broken = _walk(
            parent,
            size,
            states,
            limits,
            relations,
            ed_a,
            ed_b,
            force=False,
            vouched=None if p.vouched is None else p.vouched[order].tolist(),
            soft=soft,
        )
        refused_code[order] = kinds[broken]
        accepted[order] = refused_code[order] < 0
        roots = np.fromiter(map(_finder(parent), range(records.size)), np.int64, records.size)
        smallest = np.full(records.size, p.n, dtype=np.int64)
        np.minimum.at(smallest, roots, records)
        labels[records] = smallest[roots]
    constraints = (CANNOT_LINK, *p.names, ONE_PER_SOURCE, SPLIT)
    splits: tuple[Split, ...] = ()
    if p.split is not None:

        def solve_part(members: IntArray, edges: IntArray, cut: float) -> IntArray:
            return members[_solve(p.part(members, edges, cut), fast=True).labels]

        labels, splits = split_clusters(
            p.split, labels, p.lo, p.hi, p.weight, solve_part, p.counted, p.present
        )
        apart = accepted & (labels[p.lo] != labels[p.hi])
        refused_code[apart] = len(constraints) - 1
        accepted &= ~apart
    refused = np.flatnonzero(refused_code >= 0).astype(np.int64)
    forced = np.flatnonzero(forced_code >= 0).astype(np.int64)
    return Clustering(
        labels=labels,
        accepted=accepted,
        refused=refused,
        refused_by=tuple(constraints[c] for c in refused_code[refused].tolist()),
        must_link=ml,
        forced=forced,
        forced_by=tuple(constraints[c] for c in forced_code[forced].tolist()),
        constraints=(*p.active, SPLIT) if p.split is not None else p.active,
        n_sequential=int(edges.size),
        split=splits,
    )


def _breaking(p: _Problem, comp: IntArray) -> BoolArray:
    """Per component label, whether its members taken together break a constraint."""
    bad = np.zeros(p.n, dtype=bool)
    for codes, limit in zip(p.codes, p.limits, strict=True):
        has = codes >= 0
        c, v = comp[has], codes[has]
        if c.size <= limit:
            continue
        key = np.sort(c * (int(v.max()) + 1) + v)
        first = np.ones(key.size, dtype=bool)
        first[1:] = key[1:] != key[:-1]
        distinct = np.bincount(key[first] // (int(v.max()) + 1), minlength=p.n)
        bad |= distinct > limit
    if p.groups is not None:
        has = p.groups >= 0
        c, g = comp[has], p.groups[has]
        if c.size:
            key = np.sort(c * (int(g.max()) + 1) + g)
            twice = key[1:][key[1:] == key[:-1]]
            bad[twice // (int(g.max()) + 1)] = True
    a, b = p.cannot_link
    inside = comp[a] == comp[b]
    bad[comp[a[inside]]] = True
    return bad
