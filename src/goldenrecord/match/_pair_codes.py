"""Integer codes of the values candidate pairs hold: the input of the level engine.

:class:`PairCodes` interns every value of every column a comparison reads once per
record, so that equality is an integer comparison and per-value work is done once per
distinct value (see :mod:`goldenrecord.match._comparators`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["PairCodes"]

ObjArray = npt.NDArray[np.object_]
Codes = npt.NDArray[np.int32]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


def _first_seen(keys: list[Any]) -> tuple[dict[Any, int], Codes]:
    """Code each key by the position where it first occurs: one pass through a dict."""
    table: dict[Any, int] = {}
    codes = np.fromiter(map(table.setdefault, keys, itertools.count()), np.int32, len(keys))
    return table, codes


class _Column:
    """One column interned: each row's code (``-1`` missing) and the value → code table.

    A value's code is the row where it first occurs, so ``values[code]`` is the value.
    """

    def __init__(self, values: ObjArray) -> None:
        cells = values.tolist()
        self.values = values
        self.table, self.codes = _first_seen(cells)
        first = np.flatnonzero(self.codes == np.arange(len(cells)))
        usable = _present(values[first])  # not None, not NaN
        if not usable.all():
            bad = np.zeros(len(cells), dtype=bool)
            bad[first[~usable]] = True
            for row in np.flatnonzero(bad).tolist():
                del self.table[cells[row]]
            self.codes = np.where(bad[self.codes], np.int32(-1), self.codes)
            first = first[~bad[first]]
        self.present: IntArray = first


def _present(values: ObjArray) -> BoolArray:
    """Not None and not NaN, elementwise."""
    not_none = values != None  # noqa: E711 - elementwise on objects
    return np.asarray(not_none & (values == values), dtype=np.bool_)


class PairCodes:
    """Integer codes of the values each pair holds, for the columns comparisons read.

    A column is interned on first use (``-1`` for None or NaN), once per record, so
    equality is an integer comparison and per-value work is done once per distinct
    value; columns only ever tested for equality can be read as values instead. When
    the pairs touch few of the records, only those records are considered.

    Attributes:
        left, right: each pair's row in the interned rows.
    """

    def __init__(
        self,
        columns: Mapping[str, npt.NDArray[Any]],
        names: Iterable[str],
        left: IntArray,
        right: IntArray,
    ) -> None:
        names = list(dict.fromkeys(names))
        n_rows = len(columns[names[0]]) if names else 0
        n_pairs = left.shape[0]
        rows: IntArray | None = None
        if 2 * n_pairs < n_rows:
            rows, inverse = np.unique(np.concatenate([left, right]), return_inverse=True)
            self.left: IntArray = inverse[:n_pairs]
            self.right: IntArray = inverse[n_pairs:]
        else:
            self.left, self.right = left, right
        self._raw: dict[str, ObjArray] = {}
        for name in names:
            column = np.asarray(columns[name], dtype=object)
            self._raw[name] = column if rows is None else column[rows]
        self._columns: dict[str, _Column] = {}
        self._present: dict[str, BoolArray] = {}

    def _column(self, name: str) -> _Column:
        if name not in self._columns:
            self._columns[name] = _Column(self._raw[name])
        return self._columns[name]

    def _sides(self, idx: IntArray | None) -> tuple[IntArray, IntArray]:
        """The rows of the pairs ``idx`` (every pair when None)."""
        if idx is None:
            return self.left, self.right
        return self.left[idx], self.right[idx]

    def pair_values(self, name: str, idx: IntArray | None) -> tuple[ObjArray, ObjArray, BoolArray]:
        """Values of the pairs ``idx`` (every pair when None) in column ``name``, left,
        right, and both present."""
        values = self._raw[name]
        if name not in self._present:
            self._present[name] = _present(values)
        lhs, rhs = self._sides(idx)
        present = self._present[name]
        return values[lhs], values[rhs], present[lhs] & present[rhs]

    def cheaper_coded(self, name: str) -> bool:
        """Whether equality in column ``name`` is cheaper on codes than on values: when
        the pairs outnumber the rows (interning reads each row once, comparing values
        reads each pair) and the values can be interned."""
        if name in self._columns:
            return True
        if self.left.shape[0] < len(self._raw[name]):
            return False
        try:
            self._column(name)
        except TypeError:  # unhashable values: compared as values
            return False
        return True

    def values(self, name: str) -> ObjArray:
        """The values of column ``name``, indexed by code."""
        return self._raw[name]

    def pair_codes(self, name: str, idx: IntArray | None) -> tuple[Codes, Codes]:
        """Left and right codes of the pairs ``idx`` (every pair when None) in column ``name``."""
        codes = self._column(name).codes
        lhs, rhs = self._sides(idx)
        return codes[lhs], codes[rhs]

    def n_codes(self, name: str) -> int:
        """One more than the largest code of column ``name``."""
        return len(self._column(name).values)

    def derived(self, name: str, fn: Callable[[Any], Any]) -> Codes:
        """Per code of column ``name``, a code for ``fn(value)`` (``-1`` where it is None)."""
        column = self._column(name)
        table, codes = _first_seen(list(map(fn, column.values[column.present].tolist())))
        if None in table:
            codes = np.where(codes == table[None], np.int32(-1), codes)
        out = np.full(len(column.values), -1, dtype=np.int32)
        out[column.present] = codes
        return out

    def lookup(self, name: str, fn: Callable[[Any], Any], target: str | None = None) -> Codes:
        """Per code of column ``name``, the code of ``fn(value)`` in column ``target`` or -1."""
        column = self._column(name)
        get = self._column(target or name).table.get
        found = [get(fn(v), -1) for v in column.values[column.present].tolist()]
        out = np.full(len(column.values), -1, dtype=np.int32)
        out[column.present] = np.asarray(found, dtype=np.int32).reshape(len(found))
        return out

    def part_codes(
        self, name: str, split: Callable[[Any], Sequence[str]]
    ) -> tuple[npt.NDArray[np.int32], ObjArray]:
        """Each code of column ``name`` split into parts by ``split``, once per distinct
        value: a matrix of part codes (one row per code, ``-1`` past a value's last part
        and for missing values) and the parts' strings, indexed by part code."""
        column = self._column(name)
        table: dict[str, int] = {}
        split_values = [split(v) for v in column.values[column.present].tolist()]
        width = max((len(p) for p in split_values), default=0)
        out = np.full((len(column.values), max(width, 1)), -1, dtype=np.int32)
        if split_values:
            flat = [table.setdefault(p, len(table)) for parts in split_values for p in parts]
            sizes = np.fromiter(map(len, split_values), np.int64, len(split_values))
            rows = np.repeat(column.present, sizes)
            starts = np.cumsum(sizes) - sizes
            cols = np.arange(sizes.sum()) - np.repeat(starts, sizes)
            out[rows, cols] = flat
        strings = np.empty(len(table), dtype=object)
        strings[:] = list(table)
        return out, strings
