"""Spellings in survivorship: which raw spelling of a value a profile shows, and which
values only abbreviate another (see :mod:`goldenrecord.profile._survivorship`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, TypeAlias

import numpy as np
import numpy.typing as npt

from goldenrecord.normalize._common import as_text

__all__ = ["SPELLED", "abbreviations", "best_spelling"]

IntArray: TypeAlias = npt.NDArray[np.int64]

SPELLED: Final = frozenset({"given_name", "family_name", "full_name", "city", "region"})
"""Kinds whose raw spellings are ranked by form, and whose abbreviations give way."""


def _form(value: Any) -> int:
    """How well-formed a raw spelling is: 2 for mixed case (or no cased letters), plus
    1 for letters beyond ASCII (accents kept)."""
    text = str(value).strip()
    cased = text == text.lower() or text == text.upper()
    mixed = not cased or text.lower() == text.upper()
    return 2 * mixed + any(ord(c) > 127 for c in text)


def best_spelling(
    records: IntArray, start: IntArray, end: IntArray, raw: Sequence[Any], spelled: bool
) -> IntArray:
    """Per group, the position in ``records`` of its best-formed raw spelling (by form
    when ``spelled``, then how many records carry that exact spelling); -1 where the
    group's spellings all tie (the most recent record is shown). Only groups of two or
    more records are looked at."""
    out = np.full(start.size, -1, dtype=np.int64)
    sizes = end - start
    several = np.flatnonzero(sizes > 1)
    if not several.size:
        return out
    at = np.flatnonzero(np.repeat(sizes > 1, sizes))  # positions in those groups
    sub_start = np.cumsum(sizes[several]) - sizes[several]
    codes: dict[Any, int] = {}
    spelling = np.fromiter(
        (codes.setdefault(as_text(raw[i]) or "", len(codes)) for i in records[at].tolist()),
        dtype=np.int64,
        count=at.size,
    )
    group = np.repeat(np.arange(several.size, dtype=np.int64), sizes[several])
    _, inverse, counts = np.unique(
        group * (len(codes) + 1) + spelling, return_inverse=True, return_counts=True
    )
    score = counts[inverse.reshape(-1)]
    if spelled:
        forms = np.array([_form(text) for text in codes], dtype=np.int64)
        score = forms[spelling] * (at.size + 1) + score
    best = np.maximum.reduceat(score, sub_start)
    lowest = np.minimum.reduceat(score, sub_start)
    position = np.where(score == np.repeat(best, sizes[several]), at, -1)
    out[several] = np.where(best > lowest, np.maximum.reduceat(position, sub_start), -1)
    return out


def abbreviations(uniq: Sequence[Any], code: IntArray, cluster: IntArray) -> IntArray:
    """1 for each group whose canonical value abbreviates another group's value in the
    same profile: its initials ("sp" for "sao paulo") or its last word cut to an
    initial ("amanda f" for "amanda fernandes"); else 0."""
    short: set[tuple[int, str]] = set()
    for k, c in zip(cluster.tolist(), code.tolist(), strict=True):
        words = str(uniq[c]).split()
        if len(words) > 1:
            short.add((k, "".join(w[0] for w in words)))
            short.add((k, " ".join(w[0] for w in words)))
            short.add((k, " ".join([*words[:-1], words[-1][0]])))
    return np.array(
        [(k, str(uniq[c])) in short for k, c in zip(cluster.tolist(), code.tolist(), strict=True)],
        dtype=np.int64,
    )
