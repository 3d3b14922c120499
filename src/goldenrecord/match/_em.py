"""Expectation–maximisation for the Fellegi–Sunter model, over a level matrix.

The candidate pairs are a mixture of matches and non-matches. Each comparison's
level is, given the class, independent of the others (the Fellegi–Sunter
assumption); a missing level (``-1``) carries no evidence. EM estimates, on the
candidate pairs and without labels, the share of matches ``lambda``, the level
distribution among matches ``m`` and among non-matches ``u``.

Optionally, *look-alike classes* stand for pairs of different people who agree on
some comparisons for a reason other than being one person: people who live together
(households agree on family name, place and landline) and people of one name
(namesakes agree on names, and often on name-made email local parts). On its own
comparisons a class has level distributions of its own, learned like ``m`` and
``u``; on every other comparison its pairs look like any two different people, so
it shares ``u`` there. Without them, "same family name, same address" outweighs
"different given name" and a couple becomes one profile, and "same name, same
email local part at another provider" makes two namesakes one.

All arithmetic is vectorized over pairs: per-pair log-likelihoods come from gathering
``log m`` and ``log u`` tables with the level matrix, and the M step is a weighted
``bincount`` per comparison.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord.match._dependence import Dependence, dependences

__all__ = [
    "Dependence",
    "EMResult",
    "LookAlike",
    "compress_patterns",
    "dependences",
    "fit_em",
    "level_counts",
    "log_odds",
    "lookalike_log_ratio",
]

FloatArray = npt.NDArray[np.float64]
LevelMatrix = npt.NDArray[np.int8]

_FLOOR = 1e-6


@attrs.frozen
class EMResult:
    """What EM found: ``lambda_`` (share of matches), ``m`` and ``u`` per comparison.

    ``lookalikes``: per look-alike class, its name, share and tables (``None`` where
    the class shares ``u``).
    """

    lambda_: float
    m: tuple[FloatArray, ...]
    u: tuple[FloatArray, ...]
    iterations: int
    converged: bool
    lookalikes: tuple[tuple[str, float, tuple[FloatArray | None, ...]], ...] = ()


def level_counts(
    levels: LevelMatrix, n_levels: Sequence[int], weights: FloatArray | None = None
) -> list[FloatArray]:
    """Per comparison, the (weighted) count of pairs at each level; missing ignored."""
    out: list[FloatArray] = []
    for k, size in enumerate(n_levels):
        col = levels[:, k]
        present = col >= 0
        w = None if weights is None else weights[present]
        counts = np.bincount(col[present].astype(np.int64), weights=w, minlength=size)[:size]
        out.append(counts.astype(np.float64))
    return out


def _normalise(
    counts: FloatArray, pseudo: float | FloatArray, floor: float | FloatArray = _FLOOR
) -> FloatArray:
    smoothed = counts + pseudo
    total = smoothed.sum()
    probs = smoothed / total if total > 0 else np.full(counts.size, 1.0 / counts.size)
    # The floor lifts rare levels; dividing again keeps the table a distribution.
    probs = np.maximum(probs, floor)
    return np.asarray(probs / probs.sum(), dtype=np.float64)


def log_odds(levels: LevelMatrix, m: Sequence[FloatArray], u: Sequence[FloatArray]) -> FloatArray:
    """Sum over comparisons of ``log2(m / u)`` at each pair's level (0 when missing)."""
    total = np.zeros(levels.shape[0], dtype=np.float64)
    for k in range(levels.shape[1]):
        table = np.log2(m[k]) - np.log2(u[k])
        col = levels[:, k].astype(np.int64)
        present = col >= 0
        total[present] += table[col[present]]
    return total


def compress_patterns(
    levels: LevelMatrix, n_levels: Sequence[int], weights: FloatArray | None = None
) -> tuple[LevelMatrix, FloatArray]:
    """The distinct rows of ``levels`` and the summed weight of each (1 per row by default).

    >>> rows, w = compress_patterns(np.array([[0, 1], [0, 1], [-1, 0]], dtype=np.int8), [2, 2])
    >>> rows.tolist(), w.tolist()
    ([[-1, 0], [0, 1]], [1.0, 2.0])
    """
    n_rows = levels.shape[0]
    w = np.ones(n_rows) if weights is None else np.asarray(weights, dtype=np.float64)
    if n_rows == 0:
        return levels, w
    code = np.zeros(n_rows, dtype=np.int64)
    for k, size in enumerate(n_levels):
        code = code * (size + 1) + (levels[:, k].astype(np.int64) + 1)  # -1 (missing) -> 0
    unique, first, inverse = np.unique(code, return_index=True, return_inverse=True)
    summed = np.bincount(inverse.reshape(-1), weights=w, minlength=unique.size)
    return levels[first], summed.astype(np.float64)


@attrs.frozen
class LookAlike:
    """A class of pairs of *different* people who agree on some comparisons.

    On its ``own`` comparisons the class has level distributions of its own, learned
    by EM; on the others its pairs are like any two different people (``u``).

    Attributes:
        name: what the class stands for (``"household"``, ``"namesake"``).
        own: per comparison, whether the class has a table of its own there.
        tied: per comparison, whether the last level ("all other") of its table is
            held at ``m``'s: the class is defined by agreeing there (a household lives
            at one place, namesakes share a name), so it disagrees as often as one
            person's records do. Without that tie a class can split the non-matches
            in two instead of finding its look-alikes.
        personal: per comparison, levels held at ``u``: what only one person has (a
            mobile number, an exact email), however alike two people are otherwise.
        as_match: per own comparison, whether its table is ``m`` itself: namesakes
            write one name with the same typos and variants as one person does.
    """

    name: str
    own: tuple[bool, ...]
    tied: tuple[bool, ...] = ()
    personal: tuple[tuple[int, ...], ...] = ()
    as_match: tuple[bool, ...] = ()


def fit_em(
    levels: LevelMatrix,
    n_levels: Sequence[int],
    *,
    m_start: Sequence[FloatArray],
    u_start: Sequence[FloatArray],
    lambda_start: float,
    fixed_u: bool = False,
    fixed_m: bool = False,
    max_iter: int = 50,
    tol: float = 1e-5,
    pseudo_count: float = 0.5,
    weights: FloatArray | None = None,
    m_prior: Sequence[FloatArray] | None = None,
    u_prior: Sequence[FloatArray] | None = None,
    hold_m: Sequence[bool] | None = None,
    lookalikes: Sequence[LookAlike] = (),
    enumerated: Sequence[Sequence[int]] | None = None,
) -> EMResult:
    """Run EM from the given start; stop when no parameter moves by more than ``tol``.

    With ``fixed_u`` (``fixed_m``) the ``u`` (``m``) tables stay at their start, e.g.
    counted from labelled pairs, and only the rest is estimated. ``weights`` lets one
    row stand for many pairs (a random sample standing for all the pairs blocking
    did not propose). ``hold_m`` names, per comparison, ``m`` tables to keep at their
    start (measured elsewhere, e.g. on anchor pairs). ``m_prior`` and ``u_prior`` are
    Dirichlet pseudo-counts per
    comparison and level (maximum a posteriori EM): with little data they keep the
    tables near a sensible default, with much data the data decide.

    ``lookalikes`` adds classes of different people who look alike (see the module
    docstring and :class:`LookAlike`); their own tables start at ``m`` with ``m_prior``
    as their prior. A class with no own comparison, or with nothing else, is left out
    (its share stays 0).

    ``enumerated`` names, per comparison, levels whose every pair is in ``levels`` one
    by one (weight 1): exact agreement on a personal identifier, which blocking always
    proposes. Non-matches there are counted, not sampled, so their ``u`` may fall to
    half a pair among all pairs instead of the floor that stands for what a sample
    can miss.
    """
    m = [np.asarray(a, dtype=np.float64) for a in m_start]
    u = [np.asarray(a, dtype=np.float64) for a in u_start]
    lam = float(np.clip(lambda_start, 1e-12, 1 - 1e-6))
    # EM depends on the pairs only through how often each pattern of levels occurs:
    # iterate over the distinct patterns, each weighted by its (weighted) count.
    levels, weights = compress_patterns(levels, n_levels, weights)
    n = len(n_levels)
    for c in lookalikes:
        if len(c.own) != n:
            raise ValueError(f"look-alike class {c.name!r} has {len(c.own)} entries for {n}")
    active = [any(c.own) and not all(c.own) for c in lookalikes]
    tables: list[list[FloatArray | None]] = [
        [np.array(m[k], copy=True) if on and c.own[k] else None for k in range(n)]
        for c, on in zip(lookalikes, active, strict=True)
    ]
    shares = [lam if on else 0.0 for on in active]
    converged = False
    iterations = 0
    if levels.shape[0] == 0:
        return EMResult(
            lam, tuple(m), tuple(u), 0, True, _result_classes(lookalikes, shares, tables)
        )
    w = np.ones(levels.shape[0]) if weights is None else np.asarray(weights, dtype=np.float64)
    total_weight = float(w.sum())
    floor = min(1e-6, 0.1 / total_weight)
    # u of a level that random pairs (almost) never reach, like one email, falls with
    # the size of the table (about 1 / records), as the prior does; a fixed floor would
    # hold it up and weaken such agreements as tables grow. ``total_weight`` is the
    # number of pairs, so sqrt(2 * total_weight) is about the number of records.
    u_floor = min(_FLOOR, 0.01 / float(np.sqrt(2.0 * total_weight)))
    floors = [np.full(size, u_floor) for size in n_levels]
    for k, counted in enumerate(enumerated or ()):
        floors[k][list(counted)] = min(u_floor, 0.5 / total_weight)
    for iterations in range(1, max_iter + 1):  # noqa: B007 - read after the loop
        # E step: the posterior of each class per pattern.
        post, posts = _posteriors(levels, m, u, tables, lam, shares)
        post_u = 1.0 - post - sum(posts, np.zeros_like(post))
        # M step.
        new_lam = float(np.clip((w * post).sum() / total_weight, floor, 1 - 1e-6))
        new_shares = [
            float(np.clip((w * p).sum() / total_weight, floor, 0.5)) if on else 0.0
            for p, on in zip(posts, active, strict=True)
        ]
        class_counts = [
            level_counts(levels, n_levels, w * p) if on else []
            for p, on in zip(posts, active, strict=True)
        ]
        if fixed_m:
            new_m = m
        else:
            counts = level_counts(levels, n_levels, w * post)
            new_m = [
                m[k]
                if hold_m is not None and hold_m[k]
                else _normalise(c, pseudo_count if m_prior is None else m_prior[k])
                for k, c in enumerate(counts)
            ]
        if fixed_u:
            new_u = u
        else:
            counts = level_counts(levels, n_levels, w * post_u)
            # Look-alike pairs are different people where the class has no table.
            for c, on, extra in zip(lookalikes, active, class_counts, strict=True):
                if on:
                    counts = [x if c.own[k] else x + extra[k] for k, x in enumerate(counts)]
            new_u = [
                _normalise(c, pseudo_count if u_prior is None else u_prior[k], floors[k])
                for k, c in enumerate(counts)
            ]
        new_tables = [
            _class_tables(c, t, cc, new_m, new_u, m_prior, pseudo_count) if on else t
            for c, t, cc, on in zip(lookalikes, tables, class_counts, active, strict=True)
        ]
        delta = max(
            abs(new_lam - lam) / lam,  # relative: the prior may be tiny
            max(
                (abs(a - b) / max(b, 1e-12) for a, b in zip(new_shares, shares, strict=True)),
                default=0.0,
            ),
            max(float(np.abs(a - b).max()) for a, b in zip(new_m, m, strict=True)),
            max(float(np.abs(a - b).max()) for a, b in zip(new_u, u, strict=True)),
            max(
                (_largest_move(a, b) for a, b in zip(new_tables, tables, strict=True)),
                default=0.0,
            ),
        )
        m, u, lam, shares, tables = list(new_m), list(new_u), new_lam, new_shares, new_tables
        if delta < tol:
            converged = True
            break
    classes = _result_classes(lookalikes, shares, tables)
    return EMResult(lam, tuple(m), tuple(u), iterations, converged, classes)


def _result_classes(
    lookalikes: Sequence[LookAlike],
    shares: Sequence[float],
    tables: Sequence[Sequence[FloatArray | None]],
) -> tuple[tuple[str, float, tuple[FloatArray | None, ...]], ...]:
    return tuple((c.name, s, tuple(t)) for c, s, t in zip(lookalikes, shares, tables, strict=True))


def _class_tables(
    c: LookAlike,
    old: Sequence[FloatArray | None],
    counts: Sequence[FloatArray],
    m: Sequence[FloatArray],
    u: Sequence[FloatArray],
    m_prior: Sequence[FloatArray] | None,
    pseudo_count: float,
) -> list[FloatArray | None]:
    """The M step of one look-alike class's own tables, ties and held levels applied."""
    out: list[FloatArray | None] = []
    for k, table in enumerate(old):
        if table is None:
            out.append(None)
            continue
        if k < len(c.as_match) and c.as_match[k]:
            out.append(np.array(m[k], copy=True))
            continue
        new = _normalise(counts[k], pseudo_count if m_prior is None else m_prior[k])
        if k < len(c.tied) and c.tied[k]:
            new = _tie_last(new, m[k])
        if k < len(c.personal) and c.personal[k]:
            new = _hold_levels(new, u[k], c.personal[k])
        out.append(new)
    return out


def _tie_last(table: FloatArray, m: FloatArray) -> FloatArray:
    """``table`` with its last level set to ``m``'s and the others rescaled to fit."""
    out = np.array(table, dtype=np.float64)
    head = out[:-1].sum()
    out[:-1] = out[:-1] / head * (1.0 - m[-1]) if head > 0 else (1.0 - m[-1]) / (out.size - 1)
    out[-1] = m[-1]
    return out


def _hold_levels(table: FloatArray, u: FloatArray, levels: Sequence[int]) -> FloatArray:
    """``table`` with the given levels set to ``u``'s and the others rescaled to fit."""
    out = np.array(table, dtype=np.float64)
    held = np.zeros(out.size, dtype=bool)
    held[list(levels)] = True
    out[held] = u[held]
    rest = out[~held].sum()
    if rest > 0:
        out[~held] *= (1.0 - out[held].sum()) / rest
    return out


def _largest_move(new: Sequence[FloatArray | None], old: Sequence[FloatArray | None]) -> float:
    """The largest change of any entry of the household tables."""
    moves = [
        float(np.abs(a - b).max())
        for a, b in zip(new, old, strict=True)
        if a is not None and b is not None
    ]
    return max(moves, default=0.0)


def lookalike_log_ratio(
    levels: LevelMatrix, h: Sequence[FloatArray | None], u: Sequence[FloatArray]
) -> FloatArray:
    """Per pair, ``log2 P(levels | look-alike class) / P(levels | non-match)``.

    Only the class's own comparisons contribute: elsewhere it shares ``u``.
    """
    total = np.zeros(levels.shape[0], dtype=np.float64)
    for k, table in enumerate(h):
        if table is None:
            continue
        ratio = np.log2(table) - np.log2(u[k])
        col = levels[:, k].astype(np.int64)
        present = col >= 0
        total[present] += ratio[col[present]]
    return total


def _posteriors(
    levels: LevelMatrix,
    m: Sequence[FloatArray],
    u: Sequence[FloatArray],
    tables: Sequence[Sequence[FloatArray | None]],
    lam: float,
    shares: Sequence[float],
) -> tuple[FloatArray, list[FloatArray]]:
    """Posterior of the match class and of each look-alike class, per row."""
    a = np.log2(lam) + log_odds(levels, m, u)
    others = [
        np.log2(s) + lookalike_log_ratio(levels, t, u) if s > 0 else np.full(a.shape, -np.inf)
        for s, t in zip(shares, tables, strict=True)
    ]
    c = np.full(a.shape, np.log2(max(1.0 - lam - sum(shares), 1e-12)))
    top = np.maximum.reduce([a, c, *others])
    ea, ec = np.exp2(a - top), np.exp2(c - top)
    eo = [np.exp2(o - top) for o in others]
    total = ea + ec + sum(eo, np.zeros_like(ea))
    return ea / total, [e / total for e in eo]
