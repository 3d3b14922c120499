"""Array work of blocking: keys per record, pairs within blocks, groups of linked records.

Everything here is columnar (NumPy), with no Python loop per pair; the rules and
:func:`goldenrecord.match.blocking.block` decide what to do with it.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord.graph._components import connected_components as components
from goldenrecord.match._rules import IntArray

__all__ = [
    "Entries",
    "column_entries",
    "components",
    "count_true_pairs",
    "join",
    "largest_within",
    "pairs_within_blocks",
]


@attrs.frozen
class Entries:
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


def column_entries(values: npt.NDArray[Any]) -> Entries:
    """One entry per record and distinct value; a tuple cell gives one per member.

    Codes number the values in the order they first occur.
    """
    cells = values.tolist()
    if tuple not in set(map(type, cells)):
        return _plain_entries(cells)
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
    return Entries(np.array(rows, dtype=np.int64), code_array, (code_array,), (list(seen),))


def _plain_entries(cells: list[Any]) -> Entries:
    """:func:`column_entries` of a column without tuples, with C-level maps: each cell's
    code is the row where its value first occurs, then ranked into 0, 1, 2, ..."""
    kept = [i for i, v in enumerate(cells) if v is not None and v == v]  # not None, not NaN
    first: dict[Any, int] = {}
    at = np.fromiter(
        map(first.setdefault, [cells[i] for i in kept], range(len(kept))), np.int64, len(kept)
    )
    # rank each first position among the first positions, in one pass (no sort)
    is_first = np.zeros(len(kept), dtype=np.int64)
    is_first[at] = 1
    code_array = (np.cumsum(is_first) - 1)[at]
    rows = np.asarray(kept, dtype=np.int64)
    return Entries(rows, code_array, (code_array,), (list(first),))


def join(a: Entries, b: Entries, n: int) -> Entries:
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
    return Entries(
        a.rows[index_a],
        codes.reshape(-1).astype(np.int64),
        (*(p[index_a] for p in a.parts), *(p[index_b] for p in b.parts)),
        (*a.names, *b.names),
    )


def pairs_within_blocks(
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


def largest_within(sizes: IntArray, budget: float) -> int:
    """The largest block size such that all blocks up to it make at most ``budget`` pairs."""
    if sizes.size == 0:
        return 0
    distinct, count = np.unique(sizes, return_counts=True)
    cumulative = np.cumsum(count * (distinct * (distinct - 1) // 2))
    within = np.flatnonzero(cumulative <= budget)
    return int(distinct[within[-1]]) if within.size else 0


def count_true_pairs(truth: npt.NDArray[Any], groups: npt.NDArray[np.integer[Any]] | None) -> int:
    """Pairs of records sharing a true entity (across sources only, when ``groups``)."""
    _, sizes = np.unique(truth, return_counts=True)
    within = int((sizes * (sizes - 1) // 2).sum())
    if groups is None:
        return within
    _, same_source = np.unique(np.stack([truth, groups]), axis=1, return_counts=True)
    return within - int((same_source * (same_source - 1) // 2).sum())
