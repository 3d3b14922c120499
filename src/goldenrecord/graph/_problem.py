"""The clustering problem, checked: edges as (lo, hi), constraints as integer codes.

:func:`~goldenrecord.graph.cluster` validates its arguments into a :class:`_Problem`
(every problem reported at once, without personal values); a cluster split takes a
part of it with :meth:`_Problem.part`. Values become integer codes per record; a
variant-limited column keeps the value of each code, for its relation
(:class:`_Related`, each answer computed once).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord.errors import SettingsError
from goldenrecord.graph._components import connected_components
from goldenrecord.graph._split import SplitRule

__all__ = ["CANNOT_LINK", "ONE_PER_SOURCE"]

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
    vouched: BoolArray | None = None
    vouchable: tuple[str, ...] = ()
    present: IntArray | None = None

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
            vouched=None if self.vouched is None else self.vouched[keep],
            vouchable=self.vouchable,
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
        vouched: BoolArray | None = None,
        vouchable: tuple[str, ...] = (),
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
        if vouched is not None and np.shape(vouched) != np.shape(left):
            problems.append("vouched must hold one flag per edge")
        problems.extend(
            f"vouchable {name!r} has no values (pass values[{name!r}])"
            for name in vouchable
            if name not in values
        )
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
            vouched=None if vouched is None else np.asarray(vouched, dtype=bool),
            vouchable=tuple(vouchable),
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


def _dense(codes: npt.NDArray[Any]) -> IntArray:
    """Integer codes as int64, negatives as -1, renumbered 0.. when they run past the
    record count (so that component-and-code keys fit in 64 bits)."""
    out = np.where(codes < 0, -1, codes).astype(np.int64)
    if out.size and out.max() > out.size:
        has = out >= 0
        out[has] = np.unique(out[has], return_inverse=True)[1]
    return out
