"""The arithmetic of the model's tables: starting points, smoothing, term frequencies.

Small functions that :mod:`goldenrecord.match.model` fits and scores with: the default
``m`` and ``u`` tables, the population of record pairs, the smoothing of level
counts, the term-frequency adjustment and the check of precomputed levels.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from goldenrecord.errors import SettingsError
from goldenrecord.match._levels import Comparison
from goldenrecord.match._prepare import PreparedTable

__all__ = ["tf_adjustment", "tf_adjustments"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
LevelMatrix = npt.NDArray[np.int8]

_TF_CLIP: Final = 8.0
# Pseudo-pairs behind the default m and u tables: they decide for a handful of records
# and are outweighed by the data as soon as there are a few hundred pairs.
_PRIOR_STRENGTH: Final = 10.0


def _n_levels(comparisons: Sequence[Comparison]) -> list[int]:
    """Levels per comparison, the implicit "all other" level included."""
    return [len(c.levels) + 1 for c in comparisons]


def _u_default(n: int) -> FloatArray:
    """A prior for ``u``: most non-matching pairs land at "all other"."""
    raw = np.full(n, 0.02 / max(n - 1, 1), dtype=np.float64)
    raw[-1] = 0.98
    return raw


def _m_start(n: int) -> FloatArray:
    """A neutral start for ``m``: most matches at the best level, decreasing after."""
    raw = 2.0 ** -np.arange(n, dtype=np.float64)
    raw[0] *= 4
    return np.asarray(raw / raw.sum(), dtype=np.float64)


def tf_adjustment(u_exact: float, frequency: FloatArray) -> FloatArray:
    """The term-frequency adjustment of exact agreements: ``log2(u_exact / frequency)``.

    ``u_exact`` is the exact level's ``u`` among random pairs, ``frequency`` the share
    of records holding each agreed value; clipped to +/- 8 bits.

    >>> tf_adjustment(0.01, np.array([0.01, 0.04])).tolist()
    [0.0, -2.0]
    """
    return np.asarray(np.clip(np.log2(u_exact / frequency), -_TF_CLIP, _TF_CLIP), dtype=np.float64)


def _contains(haystack: IntArray, needles: IntArray) -> npt.NDArray[np.bool_]:
    """Elementwise ``needle in haystack`` for integer arrays, by sorting the haystack once."""
    if haystack.size == 0:
        return np.zeros(needles.shape, dtype=bool)
    ordered = np.sort(haystack)
    at = np.minimum(np.searchsorted(ordered, needles), ordered.size - 1)
    return np.asarray(ordered[at] == needles)


def _population(n: int, groups: npt.NDArray[np.integer[Any]] | None) -> int:
    """How many record pairs there are (across groups only, when given)."""
    total = n * (n - 1) // 2
    if groups is None:
        return total
    _, sizes = np.unique(groups, return_counts=True)
    return total - int((sizes * (sizes - 1) // 2).sum())


def _smooth(counts: FloatArray, pseudo: float = 0.5) -> FloatArray:
    smoothed = counts + pseudo
    return np.asarray(smoothed / smoothed.sum(), dtype=np.float64)


def _term_frequencies(values: npt.NDArray[np.object_]) -> dict[Any, float]:
    present = [v for v in values.tolist() if v is not None]
    if not present:
        return {}
    unique, counts = np.unique(np.array(present, dtype=object), return_counts=True)
    total = float(len(present))
    return {v: c / total for v, c in zip(unique.tolist(), counts.tolist(), strict=True)}


def _check_levels(levels: LevelMatrix, left: IntArray, comparisons: Sequence[Comparison]) -> None:
    """Levels given to fit or score must be those of the pairs and comparisons."""
    if levels.shape != (left.shape[0], len(comparisons)):
        raise SettingsError(
            f"levels of shape {levels.shape} do not fit {left.shape[0]} pairs and "
            f"{len(comparisons)} comparisons"
        )


def tf_adjustments(
    comparisons: Sequence[Comparison],
    u_random: Sequence[FloatArray],
    prepared: PreparedTable,
    levels: LevelMatrix,
    left: IntArray,
) -> npt.NDArray[np.float32]:
    """Per pair and comparison: ``log2(u_exact / tf(value))`` on exact agreements."""
    out = np.zeros((left.shape[0], len(comparisons)), dtype=np.float32)
    for k, comparison in enumerate(comparisons):
        if not comparison.term_frequency:
            continue
        values = prepared.columns[comparison.tf_column]
        freq = _term_frequencies(values)
        exact = np.flatnonzero(levels[:, k] == 0)
        if exact.size == 0:
            continue
        tf = np.array([freq[v] for v in values[left[exact]].tolist()], dtype=np.float64)
        out[exact, k] = tf_adjustment(float(u_random[k][0]), tf)
    return out
