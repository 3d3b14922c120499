"""Expectation–maximisation for the Fellegi–Sunter model, over a level matrix.

The candidate pairs are a mixture of matches and non-matches. Each comparison's
level is, given the class, independent of the others (the Fellegi–Sunter
assumption); a missing level (``-1``) carries no evidence. EM estimates, on the
candidate pairs and without labels, the share of matches ``lambda``, the level
distribution among matches ``m`` and among non-matches ``u``.

Optionally a third class stands for pairs of different people who live together
(households): on the *household comparisons* (family name, place) they have level
distributions ``h`` of their own, learned like ``m`` and ``u``; on every other
comparison (given name, email, date of birth, identifiers) they look like any two
different people, so they share ``u`` there. Without this class, "same family name,
same address" outweighs "different given name" and a couple becomes one profile.

All arithmetic is vectorized over pairs: per-pair log-likelihoods come from gathering
``log m`` and ``log u`` tables with the level matrix, and the M step is a weighted
``bincount`` per comparison.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import numpy as np
import numpy.typing as npt

__all__ = [
    "EMResult",
    "compress_patterns",
    "fit_em",
    "household_log_ratio",
    "level_counts",
    "log_odds",
]

FloatArray = npt.NDArray[np.float64]
LevelMatrix = npt.NDArray[np.int8]

_FLOOR = 1e-6


@attrs.frozen
class EMResult:
    """What EM found: ``lambda_`` (share of matches), ``m`` and ``u`` per comparison.

    With a household class: ``lambda_household`` (its share) and ``h`` per comparison
    (``None`` where the class shares ``u``).
    """

    lambda_: float
    m: tuple[FloatArray, ...]
    u: tuple[FloatArray, ...]
    iterations: int
    converged: bool
    lambda_household: float = 0.0
    h: tuple[FloatArray | None, ...] = ()


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


def _normalise(counts: FloatArray, pseudo: float | FloatArray) -> FloatArray:
    smoothed = counts + pseudo
    total = smoothed.sum()
    probs = smoothed / total if total > 0 else np.full(counts.size, 1.0 / counts.size)
    return np.asarray(np.maximum(probs, _FLOOR), dtype=np.float64)


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
    household: Sequence[bool] | None = None,
    household_tied: Sequence[bool] | None = None,
    household_personal: Sequence[Sequence[int]] | None = None,
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

    ``household`` marks the household comparisons and turns on the household class
    (see the module docstring); its ``h`` tables start at ``m`` (a household agrees on
    family name and place as one person's records do) with ``m_prior`` as their prior.
    ``household_tied`` marks household comparisons whose last level ("all other") is
    held at its ``m`` value: a household lives at one place, so two records of one
    household disagree on it as often as two records of one person do. Without that
    tie the class can split the non-matches in two instead of finding households.
    ``household_personal`` lists, per comparison, levels that only one person has
    (the same mobile number): there the household class is held at ``u``.
    """
    m = [np.asarray(a, dtype=np.float64) for a in m_start]
    u = [np.asarray(a, dtype=np.float64) for a in u_start]
    lam = float(np.clip(lambda_start, 1e-12, 1 - 1e-6))
    # EM depends on the pairs only through how often each pattern of levels occurs:
    # iterate over the distinct patterns, each weighted by its (weighted) count.
    levels, weights = compress_patterns(levels, n_levels, weights)
    converged = False
    iterations = 0
    if levels.shape[0] == 0:
        return EMResult(lam, tuple(m), tuple(u), 0, True)
    w = np.ones(levels.shape[0]) if weights is None else np.asarray(weights, dtype=np.float64)
    total_weight = float(w.sum())
    floor = min(1e-6, 0.1 / total_weight)
    hh = _household_mask(household, len(n_levels))
    h: list[FloatArray | None] = [
        np.array(m[k], copy=True) if hh is not None and hh[k] else None for k in range(len(m))
    ]
    lam_h = 0.0 if hh is None else lam
    for iterations in range(1, max_iter + 1):  # noqa: B007 - read after the loop
        # E step: the posterior of each class per pattern.
        post, post_h = _posteriors(levels, m, u, h, lam, lam_h)
        post_u = 1.0 - post - post_h
        # M step.
        new_lam = float(np.clip((w * post).sum() / total_weight, floor, 1 - 1e-6))
        new_lam_h = (
            0.0 if hh is None else float(np.clip((w * post_h).sum() / total_weight, floor, 0.5))
        )
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
            if hh is not None:  # household pairs are different people on the other fields
                extra = level_counts(levels, n_levels, w * post_h)
                counts = [c if hh[k] else c + extra[k] for k, c in enumerate(counts)]
            new_u = [
                _normalise(c, pseudo_count if u_prior is None else u_prior[k])
                for k, c in enumerate(counts)
            ]
        new_h = h
        if hh is not None:
            counts = level_counts(levels, n_levels, w * post_h)
            new_h = [
                None
                if h[k] is None
                else _normalise(c, pseudo_count if m_prior is None else m_prior[k])
                for k, c in enumerate(counts)
            ]
            for k, tied in enumerate(household_tied or ()):
                table = new_h[k]
                if tied and table is not None:
                    new_h[k] = _tie_last(table, new_m[k])
            for k, personal in enumerate(household_personal or ()):
                table = new_h[k]
                if personal and table is not None:
                    new_h[k] = _hold_levels(table, new_u[k], personal)
        delta = max(
            abs(new_lam - lam) / lam,  # relative: the prior may be tiny
            abs(new_lam_h - lam_h) / max(lam_h, 1e-12),
            max(float(np.abs(a - b).max()) for a, b in zip(new_m, m, strict=True)),
            max(float(np.abs(a - b).max()) for a, b in zip(new_u, u, strict=True)),
            _largest_move(new_h, h),
        )
        m, u, h, lam, lam_h = list(new_m), list(new_u), list(new_h), new_lam, new_lam_h
        if delta < tol:
            converged = True
            break
    return EMResult(lam, tuple(m), tuple(u), iterations, converged, lam_h, tuple(h))


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


def _household_mask(household: Sequence[bool] | None, n: int) -> list[bool] | None:
    """The household comparisons, or None when the class is off (none, or all of them)."""
    if household is None:
        return None
    mask = [bool(x) for x in household]
    if len(mask) != n:
        raise ValueError(f"household has {len(mask)} entries for {n} comparisons")
    return mask if any(mask) and not all(mask) else None


def household_log_ratio(
    levels: LevelMatrix, h: Sequence[FloatArray | None], u: Sequence[FloatArray]
) -> FloatArray:
    """Per pair, ``log2 P(levels | household) / P(levels | non-match)``.

    Only the household comparisons contribute: elsewhere the two classes share ``u``.
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
    h: Sequence[FloatArray | None],
    lam: float,
    lam_h: float,
) -> tuple[FloatArray, FloatArray]:
    """Posterior of the match class and of the household class, per row."""
    a = np.log2(lam) + log_odds(levels, m, u)
    if lam_h <= 0:
        b = np.full(a.shape, -np.inf)
    else:
        b = np.log2(lam_h) + household_log_ratio(levels, h, u)
    c = np.full(a.shape, np.log2(max(1.0 - lam - lam_h, 1e-12)))
    top = np.maximum(np.maximum(a, b), c)
    ea, eb, ec = np.exp2(a - top), np.exp2(b - top), np.exp2(c - top)
    total = ea + eb + ec
    return ea / total, eb / total
