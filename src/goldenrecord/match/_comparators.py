"""The columnar kernels that apply comparators and levels to candidate pairs.

The scorers themselves live in :mod:`goldenrecord.match._scorers` (re-exported here).
The kernels work on integer codes: every value of every column a comparison reads is
interned once per record (:class:`PairCodes`), so equality is an integer comparison,
and a string scorer runs once per distinct pair of values, not once per pair.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, Final

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

from goldenrecord.errors import SettingsError
from goldenrecord.match._columnar import Split, bulk_form
from goldenrecord.match._encoded import dice
from goldenrecord.match._levels import Comparison, Level
from goldenrecord.match._pair_codes import PairCodes
from goldenrecord.match._scorers import (
    _EPS,
    Scorer,
    ScorerFn,
    damerau_levenshtein,
    jaro,
    jaro_winkler,
    levenshtein,
    partial,
    ratio,
    register_scorer,
    registered_for,
    registered_scorers,
    scorer_named,
    token_set,
    token_sort,
)

__all__ = [
    "LevelEngine",
    "PairCodes",
    "Scorer",
    "ScorerFn",
    "damerau_levenshtein",
    "jaro",
    "jaro_winkler",
    "levenshtein",
    "pair_distances",
    "pair_scores",
    "partial",
    "ratio",
    "register_scorer",
    "registered_for",
    "registered_scorers",
    "scorer_named",
    "token_set",
    "token_sort",
]

ObjArray = npt.NDArray[np.object_]
Codes = npt.NDArray[np.int32]
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

PartCodes = npt.NDArray[np.int32]

_ISO_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_THREADED: Final = 20_000
"""Fewest pairs scored on several threads: below, starting threads costs more than it saves."""


def _threads(workers: int, n_pairs: int) -> int:
    return workers if n_pairs >= _THREADED else 1


def _distinct_pairs(
    values: ObjArray, a: Codes, b: Codes, *, symmetric: bool
) -> tuple[list[Any], list[Any], IntArray]:
    """The distinct value pairs among ``(a, b)``, in canonical order, and where each pair goes."""
    if symmetric:
        a, b = np.minimum(a, b), np.maximum(a, b)
    width = max(len(values), 1)
    keys, inverse = np.unique(a.astype(np.int64) * width + b, return_inverse=True)
    first, second = values[keys // width], values[keys % width]
    if not symmetric:
        flip = np.greater(first, second)
        first, second = np.where(flip, second, first), np.where(flip, first, second)
    return first.tolist(), second.tolist(), inverse.reshape(-1)


def _ordered(
    values: ObjArray, a: Codes, b: Codes, *, symmetric: bool
) -> tuple[list[Any], list[Any]]:
    """The values of code pairs ``(a, b)`` (``a < b``), smaller value first unless symmetric."""
    first, second = values[a], values[b]
    if not symmetric:
        flip = np.greater(first, second)
        first, second = np.where(flip, second, first), np.where(flip, first, second)
    return first.tolist(), second.tolist()


def _scored(
    scorer: Scorer, first: list[Any], second: list[Any], *, cutoff: float, workers: int
) -> FloatArray:
    """``scorer`` on each pair of values, 0–1 scale; scores below ``cutoff`` may read 0."""
    raw_cutoff = max(0.0, cutoff * scorer.scale - _EPS * scorer.scale)
    raw = process.cpdist(
        first,
        second,
        scorer=scorer.native,
        score_cutoff=raw_cutoff,
        dtype=np.float64,
        workers=_threads(workers, len(first)),
    )
    return np.asarray(raw, dtype=np.float64) / scorer.scale


def _edits(first: list[Any], second: list[Any], *, max_edits: int, workers: int) -> IntArray:
    """Damerau–Levenshtein distance of each pair of values, capped (see pair_distances)."""
    lev = np.asarray(
        process.cpdist(
            first,
            second,
            scorer=Levenshtein.distance,
            score_cutoff=2 * max_edits,
            dtype=np.int32,
            workers=_threads(workers, len(first)),
        ),
        dtype=np.int64,
    )
    out = np.minimum(lev, max_edits + 1)
    again = np.flatnonzero((lev >= 2) & (lev <= 2 * max_edits))
    if again.size:
        pick = again.tolist()
        out[again] = process.cpdist(
            [first[i] for i in pick],
            [second[i] for i in pick],
            scorer=DamerauLevenshtein.distance,
            score_cutoff=max_edits,
            dtype=np.int32,
            workers=_threads(workers, len(pick)),
        )
    return out


def pair_scores(
    scorer: Scorer,
    values: ObjArray,
    a: Codes,
    b: Codes,
    *,
    cutoff: float,
    workers: int,
) -> FloatArray:
    """``scorer`` on each pair of codes, 0–1 scale; scores below ``cutoff`` may read 0."""
    if a.size == 0:
        return np.empty(0, dtype=np.float64)
    first, second, inverse = _distinct_pairs(values, a, b, symmetric=scorer.symmetric)
    scores = _scored(scorer, first, second, cutoff=cutoff, workers=workers)
    return np.asarray(scores[inverse], dtype=np.float64)


def pair_distances(
    values: ObjArray, a: Codes, b: Codes, *, max_edits: int, workers: int
) -> IntArray:
    """Damerau–Levenshtein distance of each pair, capped at ``max_edits + 1``.

    The Levenshtein distance (bit-parallel, several times faster) settles most pairs:
    a transposition is one edit to Damerau–Levenshtein and two to Levenshtein, so
    ``lev / 2 <= dl <= lev``. Equal strings and one edit apart are the same under both,
    and beyond ``2 * max_edits`` Levenshtein edits the pair is beyond ``max_edits``
    Damerau–Levenshtein edits; only the pairs in between are measured again.
    """
    if a.size == 0:
        return np.empty(0, dtype=np.int64)
    first, second, inverse = _distinct_pairs(values, a, b, symmetric=True)
    return _edits(first, second, max_edits=max_edits, workers=workers)[inverse]


def _prefix(n: int) -> Callable[[Any], Any]:
    return lambda v: v[:n] if isinstance(v, str) and len(v) >= n else None


def _suffix(n: int) -> Callable[[Any], Any]:
    return lambda v: v[-n:] if isinstance(v, str) and len(v) >= n else None


def _first_char(v: Any) -> Any:
    return v[:1] if isinstance(v, str) and v else None


def _single_char(v: Any) -> Any:
    return True if isinstance(v, str) and len(v) == 1 else None


def _same(v: Any) -> Any:
    return v


def _day_month_swapped(v: Any) -> Any:
    if isinstance(v, str) and _ISO_DATE.fullmatch(v) and v[5:7] != v[8:10]:
        return f"{v[:5]}{v[8:10]}-{v[5:7]}"
    return None


class LevelEngine:
    """Levels of candidate pairs for one ``compute_levels`` call (codes and caches shared)."""

    def __init__(self, codes: PairCodes, workers: int, comparisons: Iterable[Comparison]) -> None:
        self.codes = codes
        self.workers = workers
        self._derived: dict[tuple[str, str, int], Codes] = {}
        self._parts: dict[tuple[str, Split], tuple[PartCodes, ObjArray]] = {}
        # per column: each pair's distinct-pair id (-1: not numbered) and the code pairs
        # (kept for one comparison: its levels share them)
        self._pair_ids: dict[str, tuple[Codes, Codes, Codes]] = {}
        # columns read by anything but equality are interned; the others are read as values
        self._coded: set[str] = set()
        for comparison in comparisons:
            for level in comparison.levels:
                if level.kind != "exact":
                    self._coded.update(level.columns or (level.column or comparison.column,))

    def _agree(self, column: str, todo: IntArray | None) -> tuple[BoolArray, BoolArray]:
        """For pairs ``todo`` (every pair when None): value present on both sides, and
        equal (where present)."""
        if column in self._coded or self.codes.cheaper_coded(column):
            cl, cr = self.codes.pair_codes(column, todo)
            return (cl >= 0) & (cr >= 0), cl == cr
        lv, rv, present = self.codes.pair_values(column, todo)
        return present, np.asarray(lv == rv, dtype=np.bool_)

    def derived(self, column: str, kind: str, n: int = 0) -> Codes:
        """Per code of ``column``, a derived code (prefix, suffix, ...), cached."""
        key = (column, kind, n)
        if key not in self._derived:
            if kind == "date_day_month_swapped":
                self._derived[key] = self.codes.lookup(column, _day_month_swapped)
            elif kind.startswith("into:"):
                self._derived[key] = self.codes.lookup(column, _same, kind[5:])
            else:
                fns = {"first": _first_char, "single": _single_char}
                fn = {"same_prefix": _prefix(n), "same_suffix": _suffix(n)}.get(kind, fns.get(kind))
                self._derived[key] = self.codes.derived(column, fn or _same)
        return self._derived[key]

    def _distinct(self, column: str, pairs: IntArray) -> tuple[Codes, Codes, Codes]:
        """The distinct code pairs ``(a, b)``, ``a < b``, among the pairs ``pairs`` (each
        present and unequal in ``column``), and where each pair goes.

        The pairs are numbered once per column, on the first pairs asked for; the
        levels of a comparison ask for fewer pairs each time (each level takes the
        pairs that no level before it claimed), and find them numbered already.
        """
        found = self._pair_ids.get(column)
        if found is None or (pairs.size and int(found[0][pairs].min()) < 0):
            cl, cr = self.codes.pair_codes(column, pairs)
            lo = np.minimum(cl, cr).astype(np.int64)
            hi = np.maximum(cl, cr).astype(np.int64)
            width = max(self.codes.n_codes(column), 1)
            keys, inverse = np.unique(lo * width + hi, return_inverse=True)
            ids = np.full(self.codes.left.shape[0], -1, dtype=np.int32)
            ids[pairs] = inverse.reshape(-1)
            found = (ids, (keys // width).astype(np.int32), (keys % width).astype(np.int32))
            self._pair_ids[column] = found
        ids, first, second = found
        pid = ids[pairs]
        used = np.zeros(first.size, dtype=bool)
        used[pid] = True
        distinct = np.flatnonzero(used)
        position = np.zeros(first.size, dtype=np.int32)
        position[distinct] = np.arange(distinct.size, dtype=np.int32)
        return first[distinct], second[distinct], position[pid]

    def levels(self, comparison: Comparison) -> npt.NDArray[np.int8]:
        """``-1`` if missing, else the first level that holds, else ``len(levels)``."""
        n_pairs = self.codes.left.shape[0]
        out = np.full(n_pairs, len(comparison.levels), dtype=np.int8)
        present, _ = self._agree(comparison.column, None)
        out[~present] = -1
        todo = np.flatnonzero(present)
        scores: dict[tuple[str, int], FloatArray] = {}
        for index, level in enumerate(comparison.levels):
            if todo.size == 0:
                break
            if level.kind == "swapped" and level.columns:
                hit = self._swapped(*level.columns, todo)
            elif level.kind == "crossed" and level.columns:
                hit = self._crossed(*level.columns, todo)
            else:
                hit = self._holds(comparison, index, todo, scores)
            for column in level.conflicts:
                present, equal = self._agree(column, todo)
                hit &= ~present | equal
            out[todo[hit]] = index
            todo = todo[~hit]
        self._pair_ids.clear()
        return out

    def _swapped(self, col_a: str, col_b: str, todo: IntArray) -> BoolArray:
        al, ar = self.codes.pair_codes(col_a, todo)
        bl, br = self.codes.pair_codes(col_b, todo)
        sel = np.flatnonzero((al >= 0) & (ar >= 0) & (bl >= 0) & (br >= 0))
        b_in_a = self.derived(col_b, "into:" + col_a)
        result = np.zeros(todo.size, dtype=bool)
        result[sel] = (al[sel] == b_in_a[br[sel]]) & (b_in_a[bl[sel]] == ar[sel])
        return result

    def _crossed(self, col_a: str, col_b: str, todo: IntArray) -> BoolArray:
        """Left's ``col_a`` equals right's ``col_b``, or right's ``col_a`` left's ``col_b``."""
        al, ar = self.codes.pair_codes(col_a, todo)
        bl, br = self.codes.pair_codes(col_b, todo)
        b_in_a = self.derived(col_b, "into:" + col_a)
        a_to_b = np.where(br >= 0, b_in_a[np.maximum(br, 0)], -1)
        b_to_a = np.where(bl >= 0, b_in_a[np.maximum(bl, 0)], -1)
        return np.asarray(((al >= 0) & (al == a_to_b)) | ((ar >= 0) & (ar == b_to_a)))

    def _holds(
        self,
        comparison: Comparison,
        index: int,
        todo: IntArray,
        scores: dict[tuple[str, int], FloatArray],
    ) -> BoolArray:
        """Whether level ``index`` holds for each pair in ``todo``."""
        level = comparison.levels[index]
        column = level.column or comparison.column
        if level.kind == "exact":
            present, equal = self._agree(column, todo)
            return present & equal
        cl, cr = self.codes.pair_codes(column, todo)
        sel = np.flatnonzero((cl >= 0) & (cr >= 0))
        a, b = cl[sel], cr[sel]
        result = np.zeros(todo.size, dtype=bool)
        if level.kind == "at_least" and level.threshold is not None:
            key = (column, id(level.scorer))
            if key not in scores:
                scores[key] = self._scores(comparison, index, column, todo[sel])
            result[sel] = scores[key][todo[sel]] >= level.threshold
        elif level.kind == "dice" and level.threshold is not None:
            key = (column, 0)  # one Dice per pair, whatever the level's threshold
            if key not in scores:
                scores[key] = np.full(self.codes.left.shape[0], np.nan, dtype=np.float64)
                scores[key][todo[sel]] = dice(self.codes.values(column), a, b, workers=self.workers)
            result[sel] = scores[key][todo[sel]] >= level.threshold
        else:
            result[sel] = self._kernel(level, column, a, b, todo[sel])
        return result

    def _scores(
        self, comparison: Comparison, index: int, column: str, pairs: IntArray
    ) -> FloatArray:
        """The level's scorer on ``pairs``, cut at the lowest threshold reusing the scores."""
        level = comparison.levels[index]
        cutoff = min(
            later.threshold
            for later in comparison.levels[index:]
            if later.kind == "at_least"
            and later.scorer is level.scorer
            and (later.column or comparison.column) == column
            and later.threshold is not None
        )
        scorer = level.scorer
        if not isinstance(scorer, Scorer):
            scorer = Scorer("unregistered", scorer, symmetric=False)  # type: ignore[arg-type]
        full = np.full(self.codes.left.shape[0], np.nan, dtype=np.float64)
        if pairs.size == 0:
            return full
        bulk = bulk_form(scorer)
        if bulk is not None:
            # the bulk form numbers the distinct pairs of parts it scores itself
            split, columnar = bulk
            key = (column, split)
            if key not in self._parts:
                self._parts[key] = self.codes.part_codes(column, split)
            parts, strings = self._parts[key]
            cl, cr = self.codes.pair_codes(column, pairs)
            full[pairs] = columnar(parts, cl, cr, strings, cutoff=cutoff, workers=self.workers)
            return full
        fa, fb, inverse = self._distinct(column, pairs)
        values = self.codes.values(column)
        first, second = _ordered(values, fa, fb, symmetric=scorer.symmetric)
        scored = _scored(scorer, first, second, cutoff=cutoff, workers=self.workers)
        full[pairs] = scored[inverse]
        return full

    def _kernel(self, level: Level, column: str, a: Codes, b: Codes, pairs: IntArray) -> Any:
        kind = level.kind
        if kind in ("same_prefix", "same_suffix"):
            d = self.derived(column, kind, level.n or 0)
            return (d[a] >= 0) & (d[a] == d[b])
        if kind == "initial":
            first, single = self.derived(column, "first"), self.derived(column, "single")
            return (first[a] >= 0) & (first[a] == first[b]) & ((single[a] >= 0) | (single[b] >= 0))
        if kind == "date_day_month_swapped":
            swapped = self.derived(column, kind)
            return (swapped[a] >= 0) & (swapped[a] == b)
        values = self.codes.values(column)
        if kind == "within_edits" and pairs.size:
            # one measure per distinct pair of values
            n = level.n or 0
            fa, fb, inverse = self._distinct(column, pairs)
            left, right = _ordered(values, fa, fb, symmetric=True)
            return (_edits(left, right, max_edits=n, workers=self.workers) <= n)[inverse]
        if kind == "within_edits":
            return np.zeros(0, dtype=bool)
        # a custom function sees every pair, as documented
        return _custom(level, values[a], values[b])


def _custom(level: Level, va: ObjArray, vb: ObjArray) -> BoolArray:
    """A custom level's function on the pairs, each in canonical (value) order."""
    if level.fn is None or va.size == 0:
        return np.zeros(va.size, dtype=bool)
    flip = np.greater(va, vb)
    va, vb = np.where(flip, vb, va), np.where(flip, va, vb)
    hit = np.asarray(level.fn(va, vb))
    if hit.shape != va.shape:
        raise SettingsError(
            f"custom level {level.label!r} returned shape {hit.shape} for {va.size} pairs"
        )
    return hit.astype(bool)
