"""The union-find walk of constrained clustering: one union per edge, unless it breaks
a constraint.

Each constraint in play keeps one state per cluster root (:func:`_states`): a bit mask
or a set of codes that may not meet, the distinct codes under a limit, or the
representatives of the variant groups under a variant limit. :func:`_walk` takes the
edges in the order given and merges the states of the roots it joins.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from goldenrecord.graph._problem import _Problem, _Related

__all__: list[str] = []

IntArray = npt.NDArray[np.int64]


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
    vouched: list[bool] | None = None,
    soft: frozenset[int] = frozenset(),
) -> IntArray:
    """Union each pair in turn unless that breaks a constraint (always, with ``force``).

    Union by size with path halving (the larger side's root survives; between equal
    sizes, the lower root); a root's state per constraint is merged into the new
    root's. A variant limit does not refuse a union of two sides that hold the same
    value of an exclusive (limit 1) column: an exclusive identifier says they are one
    person. A pair that ``vouched`` flags (it agrees on a personal value) passes the
    constraints at the positions in ``soft``. Returns, per pair, the position in
    ``states`` of the first constraint the union broke (or would have), -1 when it
    broke none.
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
        passes = soft if vouched is not None and vouched[e] else frozenset()
        for k, (state, limit, related) in checks:
            if k in passes:
                continue
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


def _new_groups(base: int | list[int], other: int | list[int], related: _Related) -> list[int]:
    """The representatives of ``other`` that are a variant of none of ``base``'s."""
    held = [base] if isinstance(base, int) else base
    return [
        y
        for y in ([other] if isinstance(other, int) else other)
        if not any(x == y or related(x, y) for x in held)
    ]
