"""Lone records attached to the one profile they resemble.

A record that joins no profile at the threshold is often a sparse record of a known
person: a name and nothing else, or a name and a city. Its best match then reaches a
probability of 0.8 or 0.9, not the 0.99 a merge needs on its own. What settles it is
the context: when that record resembles one profile clearly more than any other (by
a margin of :data:`ATTACH_MARGIN` bits, eight times likelier), the match is no coin
toss among namesakes, and the record joins that profile. The joining match goes
through the clustering's constraints like any other, so a limit or a withheld
consent still refuses it.

Only records alone after clustering are attached, and only to profiles of two or
more records: two lone records never join each other this way, so attachments do not
chain.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

from goldenrecord.match.model import ScoredPairs

__all__ = [
    "ATTACH_BITS",
    "ATTACH_MARGIN",
    "DEFAULT_ATTACH",
    "NEAR_BITS",
    "attachments",
    "choose",
]

DEFAULT_ATTACH: Final = False
"""Whether batch, the identity store and Spark attach lone records unless told."""

ATTACH_BITS: Final = 2.0
"""The weight a lone record's best match needs (probability 0.8 with the prior)."""

ATTACH_MARGIN: Final = 3.0
"""How many bits the best profile must lead the next one by (eight times likelier);
another lone record counts as a profile of its own."""

NEAR_BITS: Final = ATTACH_BITS - ATTACH_MARGIN
"""The weight under which a match decides no attachment: it cannot reach
:data:`ATTACH_BITS`, and it trails any match that does by the margin or more (the
identity store keeps the matches of this weight or more below the threshold)."""

IntArray = npt.NDArray[np.int64]


def attachments(
    labels: npt.NDArray[np.integer],
    scored: ScoredPairs,
    usable: npt.NDArray[np.bool_],
    *,
    bits: float = ATTACH_BITS,
    margin: float = ATTACH_MARGIN,
) -> IntArray:
    """Indices of the scored pairs that attach a lone record to a profile, ascending.

    Args:
        labels: each record's cluster after clustering the accepted matches.
        scored: the scored pairs.
        usable: per scored pair, whether it may attach (not accepted already, neither
            record withholding consent).
        bits, margin: see :data:`ATTACH_BITS` and :data:`ATTACH_MARGIN`.

    >>> from goldenrecord.match.model import ScoredPairs
    >>> def pairs(left, right, weight):
    ...     n = len(left)
    ...     return ScoredPairs(np.array(left), np.array(right), np.zeros((n, 0), np.int8),
    ...                        np.array(weight, float), np.zeros(n), np.zeros((n, 0), np.float32),
    ...                        np.zeros(n))
    >>> labels = np.array([0, 0, 2, 2, 4])  # record 4 is alone
    >>> attachments(labels, pairs([0, 2], [4, 4], [5.0, 1.0]), np.ones(2, bool)).tolist()
    [0]
    >>> attachments(labels, pairs([0, 2], [4, 4], [5.0, 3.0]), np.ones(2, bool)).tolist()
    []
    """
    n = labels.size
    if n == 0 or scored.left.size == 0:
        return np.zeros(0, dtype=np.int64)
    labels = labels.astype(np.int64, copy=False)
    size = np.bincount(labels, minlength=n)
    lone = size[labels] == 1
    left, right = scored.left.astype(np.int64), scored.right.astype(np.int64)
    index = np.arange(left.size, dtype=np.int64)
    from_left = usable & lone[left]
    from_right = usable & lone[right]
    other = np.concatenate([right[from_left], left[from_right]])
    return choose(
        np.concatenate([left[from_left], right[from_right]]),
        other,
        labels[other],
        size[labels[other]] >= 2,
        np.concatenate([scored.weight[from_left], scored.weight[from_right]]),
        np.concatenate([index[from_left], index[from_right]]),
        bits=bits,
        margin=margin,
    )


def choose(
    orphan: IntArray,
    other: IntArray,
    profile: IntArray,
    joinable: npt.NDArray[np.bool_],
    weight: npt.NDArray[np.floating],
    pair: IntArray,
    *,
    bits: float = ATTACH_BITS,
    margin: float = ATTACH_MARGIN,
) -> IntArray:
    """The attachments decided from the lone records' matches, one entry per match
    seen from its lone record (a match of two lone records appears twice, once from
    each): the ``pair`` ids chosen, ascending.

    Args:
        orphan: the lone record of each entry.
        other: the record it matches (ties between equal weights: the lower one first).
        profile: the profile of ``other`` after clustering (any integer label; a lone
            ``other`` has a label of its own).
        joinable: whether that profile holds two or more records (a lone record can
            only be a rival, never a target).
        weight: the match weight.
        pair: the id of the match, returned when it attaches ``orphan``.
    """
    if orphan.size == 0:
        return np.zeros(0, dtype=np.int64)
    # per lone record, its matches strongest first (ties: the lower record index)
    order = np.lexsort((other, -weight, orphan))
    orphan, profile, weight = orphan[order], profile[order], weight[order]
    pair, joinable = pair[order], joinable[order]
    # the strongest match into each profile, in that order
    _, orphan_code = np.unique(orphan, return_inverse=True)
    _, profile_code = np.unique(profile, return_inverse=True)
    width = int(profile_code.max()) + 1
    _, first = np.unique(orphan_code.astype(np.int64) * width + profile_code, return_index=True)
    first.sort()
    orphan, weight, pair, joinable = orphan[first], weight[first], pair[first], joinable[first]
    head = np.ones(orphan.size, dtype=bool)
    head[1:] = orphan[1:] != orphan[:-1]
    runner_up = np.full(orphan.size, -np.inf)
    has_next = np.zeros(orphan.size, dtype=bool)
    has_next[:-1] = orphan[1:] == orphan[:-1]
    runner_up[:-1][has_next[:-1]] = weight[1:][has_next[:-1]]
    chosen = head & (weight >= bits) & (weight - runner_up >= margin) & joinable
    return np.sort(pair[chosen])
