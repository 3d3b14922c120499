"""Dice on packed filters equals the coefficient computed bit by bit."""

from __future__ import annotations

import numpy as np
import pytest

from goldenrecord.match._encoded import dice


def _filters(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    raw = (rng.random((n, 512)) < 0.2).astype(np.uint8)
    raw[0] = 0  # an empty filter: Dice 0, not a division by zero
    return np.array(["0a0b0c0d." + np.packbits(r).tobytes().hex() for r in raw], dtype=object)


def _reference(values: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    bits = np.array([np.unpackbits(np.frombuffer(bytes.fromhex(v[9:]), np.uint8)) for v in values])
    inter = (bits[a] & bits[b]).sum(axis=1)
    total = bits[a].sum(axis=1) + bits[b].sum(axis=1)
    return 2.0 * inter / np.maximum(total, 1)


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("used", ["all", "some"])
def test_dice_equals_the_bitwise_definition(workers: int, used: str) -> None:
    """Every filter used, or a few of many (the filters a batch touches are decoded
    alone); one thread or two over enough pairs to be split."""
    values = _filters(300, seed=1)
    rng = np.random.default_rng(2)
    pick = np.arange(300) if used == "all" else np.array([0, 5, 17, 250, 299])
    n = 150_000
    a = rng.choice(pick, n).astype(np.int32)
    b = rng.choice(pick, n).astype(np.int32)
    if used == "all":
        a[:300] = np.arange(300)
    got = dice(values, a, b, workers=workers)
    assert np.allclose(got, _reference(values, a, b), rtol=0, atol=1e-12)
    same = (a == b) & (a != 0)
    assert same.any()
    assert (got[same] == 1.0).all()  # a filter with itself
    assert (got[(a == 0) & (b == 0)] == 0.0).all()  # the empty filter with itself
