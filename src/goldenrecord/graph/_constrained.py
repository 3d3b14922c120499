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

from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord.errors import SettingsError
from goldenrecord.graph._components import connected_components
from goldenrecord.graph._split import SPLIT, Split, SplitRule, split_clusters

__all__ = ["CANNOT_LINK", "ONE_PER_SOURCE", "Clustering", "cluster"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
Pairs = tuple[IntArray, IntArray]

CANNOT_LINK: Final = "cannot_link"
"""The constraint name of a refusal caused by a cannot-link pair."""

ONE_PER_SOURCE: Final = "one_per_source"
"""The constraint name of a refusal caused by two records of one group (source)."""

_EMPTY: Final = np.zeros(0, dtype=np.int64)
_NO_PAIRS: Final[Pairs] = (_EMPTY, _EMPTY)


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
        n, left, right, weight, values, limits, groups, must_link, cannot_link, variants
    )
    if split is not None:
        if not isinstance(split, SplitRule):
            raise SettingsError("split must be a SplitRule or None")
        if counted is not None and np.shape(counted) != (n,):
            raise SettingsError(f"counted must hold one flag per record ({n})")
        problem = attrs.evolve(
            problem, split=split, counted=None if counted is None else np.asarray(counted, bool)
        )
    return _solve(problem, fast=True)


@attrs.frozen(eq=False)
class _Problem:
    """Validated input: edges as (lo, hi), constraints as integer codes per record."""

    n: int
    lo: IntArray
    hi: IntArray
    weight: FloatArray
    names: tuple[str, ...]
    codes: tuple[IntArray, ...]
    limits: tuple[int, ...]
    groups: IntArray | None
    must_link: Pairs
    cannot_link: Pairs
    active: tuple[str, ...]
    relations: tuple[_Related | None, ...] = ()
    split: SplitRule | None = None
    counted: BoolArray | None = None

    def part(self, members: IntArray, edges: IntArray, cut: float) -> _Problem:
        """The problem of ``members`` (ascending record indices) alone, over those of
        ``edges`` (edge indices with both ends among them) heavier than ``cut``;
        records renumbered 0.. in the same order."""
        local = np.full(self.n, -1, dtype=np.int64)
        local[members] = np.arange(members.size)

        def within(a: IntArray, b: IntArray) -> BoolArray:
            return (local[a] >= 0) & (local[b] >= 0)

        keep = edges[self.weight[edges] > cut]
        ml = within(*self.must_link)
        cl = within(*self.cannot_link)
        return _Problem(
            n=int(members.size),
            lo=local[self.lo[keep]],
            hi=local[self.hi[keep]],
            weight=self.weight[keep],
            names=self.names,
            codes=tuple(c[members] for c in self.codes),
            limits=self.limits,
            groups=None if self.groups is None else self.groups[members],
            must_link=(local[self.must_link[0][ml]], local[self.must_link[1][ml]]),
            cannot_link=(local[self.cannot_link[0][cl]], local[self.cannot_link[1][cl]]),
            active=self.active,
            relations=self.relations,
        )

    @classmethod
    def build(
        cls,
        n: int,
        left: IntArray,
        right: IntArray,
        weight: FloatArray,
        values: Mapping[str, npt.NDArray[Any]] | None,
        limits: Mapping[str, int] | None,
        groups: IntArray | None,
        must_link: Pairs | None,
        cannot_link: Pairs | None,
        variants: Mapping[str, Callable[[Any, Any], bool]] | None = None,
    ) -> _Problem:
        values = {} if values is None else values
        limits = {} if limits is None else limits
        variants = {} if variants is None else variants
        problems: list[str] = []
        problems.extend(
            f"variants {name!r} has no values (pass values[{name!r}])"
            for name in variants
            if name not in values
        )
        problems.extend(
            f"variants[{name!r}] must be a callable of two values"
            for name, fn in variants.items()
            if not callable(fn)
        )
        relations: list[_Related | None] = []
        if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 0:
            raise SettingsError("n must be a non-negative integer (the number of records)")
        n = int(n)
        lo, hi = _pairs("edges", (left, right), n, problems)
        w = np.asarray(weight, dtype=np.float64)
        if w.shape != np.shape(left):
            problems.append("weight must hold one value per edge")
        elif np.isnan(w).any():
            problems.append(f"weight holds {int(np.isnan(w).sum())} NaN value(s)")
        names, codes, caps = [], [], []
        for name in values:
            if name in (ONE_PER_SOURCE, CANNOT_LINK):
                problems.append(f"values name {name!r} is reserved for a built-in constraint")
            elif name not in limits:
                problems.append(f"values {name!r} has no limit (set limits[{name!r}])")
            elif isinstance(limits[name], bool) or not isinstance(limits[name], int | np.integer):
                problems.append(f"limits[{name!r}] must be an integer >= 1")
            elif limits[name] < 1:
                problems.append(f"limits[{name!r}] must be >= 1, got {limits[name]}")
            elif name in variants and callable(variants[name]):
                ranked = _coded(name, values[name], n, problems)
                if ranked is not None:
                    names.append(name)
                    codes.append(ranked[0])
                    caps.append(int(limits[name]))
                    relations.append(_Related(ranked[1], variants[name]))
            else:
                code = _codes(name, values[name], n, problems)
                if code is not None:
                    names.append(name)
                    codes.append(code)
                    caps.append(int(limits[name]))
                    relations.append(None)
        problems.extend(
            f"limits[{name!r}] has no values (pass values[{name!r}])"
            for name in limits
            if name not in values
        )
        group_codes = None
        if groups is not None:
            g = np.asarray(groups)
            if g.shape != (n,) or (g.size and g.dtype.kind not in "iu"):
                problems.append("groups must hold one integer per record (-1 for none)")
            else:
                group_codes = _dense(g)
        ml = _NO_PAIRS if must_link is None else _pairs("must_link", must_link, n, problems)
        cl = _NO_PAIRS if cannot_link is None else _pairs("cannot_link", cannot_link, n, problems)
        if problems:
            raise SettingsError("; ".join(problems))
        if cl[0].size:
            joined = connected_components(n, ml[0], ml[1])
            conflicts = int(np.count_nonzero(joined[cl[0]] == joined[cl[1]]))
            if conflicts:
                raise SettingsError(
                    f"{conflicts} cannot-link pair(s) contradict the must-link pairs: both "
                    "records are joined by must-links (directly or through a chain)"
                )
        active = (
            *((CANNOT_LINK,) if cannot_link is not None else ()),
            *names,
            *((ONE_PER_SOURCE,) if groups is not None else ()),
        )
        return cls(
            n,
            lo,
            hi,
            w,
            tuple(names),
            tuple(codes),
            tuple(caps),
            group_codes,
            ml,
            cl,
            active,
            tuple(relations),
        )


def _pairs(what: str, pair: Any, n: int, problems: list[str]) -> Pairs:
    """Two index arrays as (lo, hi), checked for shape and range."""
    try:
        a, b = pair
        a, b = np.asarray(a), np.asarray(b)
    except (TypeError, ValueError):
        problems.append(f"{what} must be two arrays of record indices")
        return _NO_PAIRS
    if a.ndim != 1 or a.shape != b.shape or (a.size and (a.dtype.kind not in "iu")):
        problems.append(f"{what} must be two integer arrays of one length")
        return _NO_PAIRS
    a, b = a.astype(np.int64), b.astype(np.int64)
    if a.size and (min(a.min(), b.min()) < 0 or max(a.max(), b.max()) >= n):
        problems.append(f"{what} hold record indices outside 0..n-1 (n={n})")
        return _NO_PAIRS
    return np.minimum(a, b), np.maximum(a, b)


def _codes(
    name: str, column: Any, n: int, problems: list[str], table: list[Any] | None = None
) -> IntArray | None:
    """Values as integer codes, -1 for missing (``None`` or NaN); ``table``, when
    given, receives the value of each code."""
    array = np.asarray(column)
    if array.shape != (n,):
        problems.append(f"values[{name!r}] must hold one value per record ({n})")
        return None
    if array.dtype.kind in "iu":
        return _dense(array)
    items = array.tolist()
    try:
        lookup: dict[object, int] = dict.fromkeys(items, 0)
    except TypeError:
        problems.append(f"values[{name!r}] must hold hashable values")
        return None
    missing = []
    for code, value in enumerate(lookup):
        lookup[value] = code
        if value is None or (value.__class__ is float and value != value):
            missing.append(code)
    codes = np.fromiter(map(lookup.__getitem__, items), dtype=np.int64, count=n)
    if table is not None:
        table.extend(lookup)
    if missing:
        codes[np.isin(codes, missing)] = -1
    return codes


def _coded(
    name: str, column: Any, n: int, problems: list[str]
) -> tuple[IntArray, list[Any]] | None:
    """Values as integer codes (-1 for missing), and the value of each code."""
    array = np.asarray(column)
    if array.shape != (n,):
        problems.append(f"values[{name!r}] must hold one value per record ({n})")
        return None
    if array.dtype.kind in "iu":
        has = array >= 0
        distinct, inverse = np.unique(array[has], return_inverse=True)
        codes = np.full(n, -1, dtype=np.int64)
        codes[has] = inverse.reshape(-1)
        return codes, distinct.tolist()
    table: list[Any] = []
    coded = _codes(name, array, n, problems, table)
    return None if coded is None else (coded, table)


class _Related:
    """A variant relation over value codes, each answer computed once.

    Called with two different codes (equal codes are one value).
    """

    __slots__ = ("_answers", "_relation", "_values", "_width")

    def __init__(self, values: list[Any], relation: Callable[[Any, Any], bool]) -> None:
        self._values = values
        self._relation = relation
        self._width = len(values)
        self._answers: dict[int, bool] = {}

    def __call__(self, x: int, y: int) -> bool:
        key = x * self._width + y if x < y else y * self._width + x
        answer = self._answers.get(key)
        if answer is None:
            answer = bool(self._relation(self._values[x], self._values[y]))
            self._answers[key] = answer
        return answer


def _new_groups(base: int | list[int], other: int | list[int], related: _Related) -> list[int]:
    """The representatives of ``other`` that are a variant of none of ``base``'s."""
    held = [base] if isinstance(base, int) else base
    return [
        y
        for y in ([other] if isinstance(other, int) else other)
        if not any(x == y or related(x, y) for x in held)
    ]


def _dense(codes: npt.NDArray[Any]) -> IntArray:
    """Integer codes as int64, negatives as -1, renumbered 0.. when they run past the
    record count (so that component-and-code keys fit in 64 bits)."""
    out = np.where(codes < 0, -1, codes).astype(np.int64)
    if out.size and out.max() > out.size:
        has = out >= 0
        out[has] = np.unique(out[has], return_inverse=True)[1]
    return out


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
        broken = _walk(parent, size, states, limits, relations, ed_a, ed_b, force=False)
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
            p.split, labels, p.lo, p.hi, p.weight, solve_part, p.counted
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


_MASK_BITS: Final = 1024
"""Below this many distinct codes, a "may not meet" state is an integer bit mask."""


def _states(
    p: _Problem, records: IntArray, local: IntArray, cl_keep: IntArray
) -> tuple[list[list[Any]], list[int], list[_Related | None], IntArray]:
    """Per constraint in play, each record's state; its limit; its variant relation;
    its constraint code.

    A limit of 0 or -1 means "two equal codes may not meet" (cannot-link tags,
    groups); -1 when the state is a bit mask of codes (0 for none), 0 when it is
    ``None``, one code or a set of codes. Otherwise the limit bounds the distinct
    codes and the state is ``None``, one code, or a set of two or more codes; with a
    variant relation, it bounds the variant groups and the state is ``None``, one
    code (one group) or the list of the groups' representatives (two or more). The
    constraint codes index ``(CANNOT_LINK, *names, ONE_PER_SOURCE)``; a final -1
    stands for "none".
    """
    states: list[list[Any]] = []
    limits: list[int] = []
    relations: list[_Related | None] = []
    kinds: list[int] = []
    if cl_keep.size:
        cl_a = local[p.cannot_link[0][cl_keep]].tolist()
        cl_b = local[p.cannot_link[1][cl_keep]].tolist()
        masks = cl_keep.size < _MASK_BITS
        tags: list[Any] = [0 if masks else None] * records.size
        for tag, (a, b) in enumerate(zip(cl_a, cl_b, strict=True)):
            for r in (a, b):
                held = tags[r]
                if masks:
                    tags[r] = held | (1 << tag)
                elif held is None:
                    tags[r] = tag
                else:
                    tags[r] = held | {tag} if isinstance(held, set) else {held, tag}
        states.append(tags)
        limits.append(-1 if masks else 0)
        relations.append(None)
        kinds.append(0)
    related = p.relations or (None,) * len(p.codes)
    columns = list(zip(p.codes, p.limits, related, strict=True))
    if p.groups is not None:
        columns.append((p.groups, 0, None))
    for k, (codes, limit, relation) in enumerate(columns, start=1):
        mine = codes[records]
        has = mine >= 0
        if np.count_nonzero(has) <= max(limit, 1):
            continue
        if relation is not None:
            states.append([None if c < 0 else c for c in mine.tolist()])
            limits.append(limit)
            relations.append(relation)
            kinds.append(k)
            continue
        if limit == 0:
            distinct, dense = np.unique(mine[has], return_inverse=True)
            if distinct.size < _MASK_BITS:
                bits = [0] * records.size
                for r, code in zip(np.flatnonzero(has).tolist(), dense.tolist(), strict=True):
                    bits[r] = 1 << code
                states.append(bits)
                limits.append(-1)
                relations.append(None)
                kinds.append(k)
                continue
        states.append([None if c < 0 else c for c in mine.tolist()])
        limits.append(limit)
        relations.append(None)
        kinds.append(k)
    return states, limits, relations, np.array([*kinds, -1], dtype=np.int64)


def _walk(
    parent: list[int],
    size: list[int],
    states: list[list[Any]],
    limits: list[int],
    relations: list[_Related | None],
    left: list[int],
    right: list[int],
    *,
    force: bool,
) -> IntArray:
    """Union each pair in turn unless that breaks a constraint (always, with ``force``).

    Union by size with path halving (the larger side's root survives; between equal
    sizes, the lower root); a root's state per constraint is merged into the new
    root's. A variant limit does not refuse a union of two sides that hold the same
    value of an exclusive (limit 1) column: an exclusive identifier says they are one
    person. Returns, per pair, the position in ``states`` of the first constraint the
    union broke (or would have), -1 when it broke none.
    """
    out = [-1] * len(left)
    merges = list(zip(states, limits, relations, strict=True))
    checks = list(enumerate(merges))
    exclusive = [m[0] for m in merges if m[1] == 1 and m[2] is None] if any(relations) else []
    for e, a, b in zip(range(len(left)), left, right, strict=True):
        while parent[a] != a:
            parent[a] = a = parent[parent[a]]
        while parent[b] != b:
            parent[b] = b = parent[parent[b]]
        if a == b:
            continue
        if size[a] < size[b] or (size[a] == size[b] and b < a):
            a, b = b, a
        # Both sides hold one exclusive identifier: one person, whatever the variants.
        same_id = False
        for state in exclusive:
            sa = state[a]
            if sa is not None and sa.__class__ is int and sa == state[b]:
                same_id = True
                break
        hit = -1
        for k, (state, limit, related) in checks:
            sa, sb = state[a], state[b]
            if limit < 0:
                if sa & sb:
                    hit = k
                    break
                continue
            if sa is None or sb is None:
                continue
            if related is not None:  # a representative, or a list of them
                if same_id:
                    continue
                if sa.__class__ is int:
                    if sb.__class__ is int:
                        if limit < 2 and sa != sb and not related(sa, sb):
                            hit = k
                            break
                        continue
                    held = 1
                else:
                    held = len(sa)
                if held + (1 if sb.__class__ is int else len(sb)) > limit:
                    new = _new_groups(sa, sb, related)
                    if new and held + len(new) > limit:
                        hit = k
                        break
                continue
            if sa.__class__ is int and sb.__class__ is int:
                if (sa == sb) if limit == 0 else (sa != sb and limit < 2):
                    hit = k
                    break
                continue
            if sa.__class__ is int:
                sa, sb = sb, sa
            if sb.__class__ is int:  # sa is a set of two or more codes
                if (sb in sa) if limit == 0 else (sb not in sa and len(sa) >= limit):
                    hit = k
                    break
                continue
            if limit == 0:
                if not sa.isdisjoint(sb):
                    hit = k
                    break
                continue
            if len(sa) + len(sb) <= limit:
                continue
            if len(sa) < len(sb):
                sa, sb = sb, sa
            # A union that adds nothing to the larger side breaks nothing new (a
            # cluster forced over its limit by must-links may still take records).
            new_codes = len(sb) - len(sb & sa)
            if new_codes and len(sa) + new_codes > limit:
                hit = k
                break
        if hit >= 0:
            out[e] = hit
            if not force:
                continue
        parent[b] = a
        size[a] += size[b]
        for state, limit, related in merges:
            sa, sb = state[a], state[b]
            if limit < 0:
                state[a] = sa | sb
                continue
            if sb is None:
                continue
            if sa is None:
                state[a] = sb
            elif related is not None:
                if sa.__class__ is int and sb.__class__ is int:
                    if sa != sb and not related(sa, sb):
                        state[a] = [sa, sb]
                else:
                    new = _new_groups(sa, sb, related)
                    if new:
                        state[a] = ([sa] if sa.__class__ is int else sa) + new
            elif sa.__class__ is int:
                if sb.__class__ is int:
                    if sa != sb:
                        state[a] = {sa, sb}
                else:
                    sb.add(sa)
                    state[a] = sb
            elif sb.__class__ is int:
                sa.add(sb)
            elif len(sa) >= len(sb):
                sa |= sb
            else:
                sb |= sa
                state[a] = sb
            state[b] = None
    return np.array(out, dtype=np.int64)


def _finder(parent: list[int]) -> Callable[[int], int]:
    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = x = parent[parent[x]]
        return x

    return find
