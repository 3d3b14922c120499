"""Random draws that give the same numbers on every platform, Python and NumPy version.

Only the raw 64-bit output of PCG64 is used (NumPy guarantees that stream), turned into
integers and coin flips with integer arithmetic: no floating-point transcendental
functions, no ``Generator`` methods whose algorithms may change between releases.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

__all__ = ["Draws", "IntArray"]

IntArray = npt.NDArray[np.int64]
_P53 = 1 << 53


class Draws:
    """A deterministic stream of random integers, one independent stream per purpose.

    >>> d = Draws(seed=7, stream=1)
    >>> d.below(10, 5).tolist() == Draws(seed=7, stream=1).below(10, 5).tolist()
    True
    """

    def __init__(self, seed: int, stream: int) -> None:
        seq = np.random.SeedSequence(entropy=seed, spawn_key=(stream,))
        self._bits = np.random.PCG64(seq)

    def raw(self, n: int) -> npt.NDArray[np.uint64]:
        """``n`` raw 64-bit values."""
        if n == 0:
            return np.zeros(0, dtype=np.uint64)
        out: npt.NDArray[np.uint64] = np.asarray(self._bits.random_raw(n), dtype=np.uint64)
        return out

    def below(self, bound: int | IntArray, n: int) -> IntArray:
        """``n`` integers in ``[0, bound)``; ``bound`` may be one value per draw (all >= 1)."""
        bounds = np.asarray(bound, dtype=np.uint64)
        return (self.raw(n) % bounds).astype(np.int64)

    def chance(self, p: float | npt.NDArray[np.float64], n: int) -> npt.NDArray[np.bool_]:
        """``n`` coin flips, each True with probability ``p`` (clipped to [0, 1])."""
        probs = np.clip(np.asarray(p, dtype=np.float64), 0.0, 1.0)
        thresholds = (probs * _P53).astype(np.uint64)
        flips: npt.NDArray[np.bool_] = (self.raw(n) >> np.uint64(11)) < thresholds
        return flips

    def weighted(self, weights: Sequence[int], n: int) -> IntArray:
        """``n`` indices into ``weights`` (non-negative integers), drawn in proportion."""
        cum = np.cumsum(np.asarray(weights, dtype=np.int64))
        return np.searchsorted(cum, self.below(int(cum[-1]), n), side="right").astype(np.int64)

    def weighted_rows(self, table: npt.NDArray[np.int64], rows: IntArray) -> IntArray:
        """One index per entry of ``rows``, drawn from that row of an integer weight table."""
        cum = np.cumsum(table, axis=1)
        totals = cum[:, -1]
        u = self.below(totals[rows], len(rows))
        picks: IntArray = (u[:, None] >= cum[rows]).sum(axis=1).astype(np.int64)
        return picks
