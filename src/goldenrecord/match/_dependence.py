"""Dependence between comparisons among non-matching pairs (a check of the EM assumption).

Fellegi–Sunter adds the evidence of comparisons as if, among non-matches, they agreed
independently. :func:`dependences` measures on a sample of pairs how far two
comparisons break that assumption; the fitted model reports the pairs it finds.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import attrs
import numpy as np
import numpy.typing as npt

__all__ = ["Dependence", "dependences"]

FloatArray = npt.NDArray[np.float64]
LevelMatrix = npt.NDArray[np.int8]


@attrs.frozen
class Dependence:
    """Two comparisons whose agreements go together among non-matching pairs.

    Attributes:
        a, b: the comparisons' indices.
        lift: ``P(a and b agree) / (P(a agrees) P(b agrees))`` among non-matches; 1 when
            independent. A lift of 20 means that the two agree together 20 times as
            often as the model, which adds their evidence, assumes.
        pairs: the (weighted) number of non-matching pairs agreeing on both.
    """

    a: int
    b: int
    lift: float
    pairs: float


def dependences(
    levels: LevelMatrix,
    evidence: Sequence[FloatArray],
    prior: float,
    *,
    min_lift: float = 4.0,
    min_pairs: float = 20.0,
    skip: Collection[tuple[int, int]] = (),
) -> list[Dependence]:
    """The pairs of comparisons whose agreements depend on each other, strongest first.

    Measured on a sample of pairs that are nearly all non-matches (random pairs). So
    that the few pairs of one person, who agree everywhere, do not pass for
    dependence, only pairs that some *other* comparison speaks against (a level with
    negative evidence) are judged, each counting as a non-match with weight
    ``1 - P(match)``, where ``P(match)`` comes from the other comparisons only (the
    prior plus their evidence): judging a pair by the two comparisons under test would
    hide exactly the pairs that agree on both by chance.

    Args:
        levels: levels of the sample (pairs × comparisons; ``-1`` missing).
        evidence: per comparison, per level, the bits it adds (``log2(m / u)``); a
            level with positive evidence is an agreement.
        prior: the prior log2-odds of a match.
        min_lift: the smallest lift reported. So that chance does not report a pair,
            the lift must hold with the observed count lowered by two standard
            deviations (``o - 2 sqrt(o)``, Poisson).
        min_pairs: the fewest (weighted) pairs agreeing on both for a pair to be judged.
        skip: pairs of comparison indices ``(a, b)``, ``a < b``, not to judge.

    >>> lv = np.array([[0, 0, 1]] * 30 + [[1, 1, 1]] * 970, dtype=np.int8)  # 3rd: against
    >>> bits = [np.array([3.0, -1.0])] * 3
    >>> [(d.a, d.b, round(d.lift, 1)) for d in dependences(lv, bits, -10.0)]
    [(0, 1, 33.3)]
    """
    n = levels.shape[1]
    hits = []
    present = []
    bits = np.zeros(levels.shape, dtype=np.float64)
    for k in range(n):
        col = levels[:, k].astype(np.int64)
        ok = col >= 0
        present.append(ok)
        table = np.asarray(evidence[k], dtype=np.float64)
        bits[ok, k] = table[col[ok]]
        hits.append(ok & (table[np.where(ok, col, 0)] > 0))
    total = prior + bits.sum(axis=1)
    against = bits < 0
    n_against = against.sum(axis=1)
    # each comparison's column once, contiguous (the loop below reads them many times)
    columns = [np.ascontiguousarray(bits[:, k]) for k in range(n)]
    counts = [np.ascontiguousarray(against[:, k]).view(np.int8) for k in range(n)]
    out: list[Dependence] = []
    for a in range(n):
        for b in range(a + 1, n):
            # judged: pairs that another comparison says are two different people
            if (a, b) in skip or int(np.count_nonzero(hits[a] & hits[b])) < min_pairs:
                continue  # the weights are at most 1: too few joint agreements
            both = present[a] & present[b] & (n_against - counts[a] - counts[b] > 0)
            others = np.clip(total[both] - columns[a][both] - columns[b][both], -60, 60)
            weights = 1.0 - 1.0 / (1.0 + np.exp2(-others))
            ha, hb = hits[a][both], hits[b][both]
            weighted = float(weights.sum())
            observed = float(weights[ha & hb].sum())
            expected = float(weights[ha].sum()) * float(weights[hb].sum()) / max(weighted, 1e-12)
            if observed < min_pairs or expected <= 0:
                continue
            if (observed - 2.0 * np.sqrt(observed)) / expected >= min_lift:
                out.append(Dependence(a, b, observed / expected, observed))
    out.sort(key=lambda d: (-d.lift, d.a, d.b))
    return out
