"""EM recovers the parameters of data drawn from a Fellegi–Sunter mixture."""

from __future__ import annotations

import numpy as np
import pytest

from goldenrecord.match._em import dependences, fit_em, level_counts, log_odds


def _draw(
    rng: np.random.Generator, n: int, lam: float, m: list[list[float]], u: list[list[float]]
) -> tuple[np.ndarray, np.ndarray]:
    is_match = rng.random(n) < lam
    levels = np.empty((n, len(m)), dtype=np.int8)
    for k, (mk, uk) in enumerate(zip(m, u, strict=True)):
        levels[is_match, k] = rng.choice(len(mk), size=int(is_match.sum()), p=mk)
        levels[~is_match, k] = rng.choice(len(uk), size=int((~is_match).sum()), p=uk)
    return levels, is_match


def test_recovers_known_parameters() -> None:
    """With three informative comparisons, EM finds lambda, m and u within 0.02."""
    rng = np.random.default_rng(1)
    m = [[0.8, 0.15, 0.05], [0.7, 0.2, 0.1], [0.9, 0.1]]
    u = [[0.02, 0.08, 0.9], [0.05, 0.15, 0.8], [0.1, 0.9]]
    levels, _ = _draw(rng, 60_000, 0.3, m, u)
    levels[rng.random(levels.shape) < 0.1] = -1  # missing values carry no evidence
    n_levels = [3, 3, 2]
    start_m = [np.full(k, 1 / k) + np.eye(k)[0] * 0.3 for k in n_levels]
    start_m = [a / a.sum() for a in start_m]
    start_u = [np.full(k, 1 / k) for k in n_levels]
    res = fit_em(levels, n_levels, m_start=start_m, u_start=start_u, lambda_start=0.1)
    assert res.converged
    assert res.lambda_ == pytest.approx(0.3, abs=0.02)
    for k in range(3):
        np.testing.assert_allclose(res.m[k], m[k], atol=0.02)
        np.testing.assert_allclose(res.u[k], u[k], atol=0.02)


def test_fixed_tables_stay_put() -> None:
    """fixed_m and fixed_u keep the given tables; only the prior moves."""
    levels = np.array([[0], [0], [1], [1]], dtype=np.int8)
    m, u = [np.array([0.9, 0.1])], [np.array([0.2, 0.8])]
    res = fit_em(levels, [2], m_start=m, u_start=u, lambda_start=0.5, fixed_m=True, fixed_u=True)
    np.testing.assert_array_equal(res.m[0], m[0])
    np.testing.assert_array_equal(res.u[0], u[0])
    assert 0 < res.lambda_ < 1


def test_level_counts_and_log_odds_ignore_missing() -> None:
    """Missing levels add nothing to counts or weights."""
    levels = np.array([[0, -1], [1, 1], [-1, 0]], dtype=np.int8)
    counts = level_counts(levels, [2, 2])
    np.testing.assert_array_equal(counts[0], [1, 1])
    np.testing.assert_array_equal(counts[1], [1, 1])
    m = [np.array([0.5, 0.5]), np.array([0.8, 0.2])]
    u = [np.array([0.25, 0.75]), np.array([0.2, 0.8])]
    np.testing.assert_allclose(log_odds(levels, m, u), [1.0, np.log2(0.5 / 0.75) - 2.0, 2.0])


def test_no_pairs() -> None:
    """No candidate pairs: the start is returned, marked converged."""
    empty = np.empty((0, 1), dtype=np.int8)
    res = fit_em(
        empty, [2], m_start=[np.array([0.9, 0.1])], u_start=[np.array([0.1, 0.9])], lambda_start=0.2
    )
    assert res.converged
    assert res.lambda_ == pytest.approx(0.2)


def test_hold_m_keeps_one_table_and_learns_the_others() -> None:
    """hold_m keeps the named m tables at their start; the other comparisons still learn."""
    rng = np.random.default_rng(2)
    m = [[0.8, 0.15, 0.05], [0.7, 0.2, 0.1], [0.9, 0.1]]
    u = [[0.02, 0.08, 0.9], [0.05, 0.15, 0.8], [0.1, 0.9]]
    levels, _ = _draw(rng, 40_000, 0.3, m, u)
    n_levels = [3, 3, 2]
    held = np.array([0.6, 0.3, 0.1])
    start_m = [held, np.full(3, 1 / 3), np.full(2, 1 / 2)]
    start_u = [np.full(k, 1 / k) for k in n_levels]
    res = fit_em(
        levels, n_levels, m_start=start_m, u_start=start_u, lambda_start=0.1,
        hold_m=[True, False, False],
    )  # fmt: skip
    np.testing.assert_array_equal(res.m[0], held)
    np.testing.assert_allclose(res.m[2], m[2], atol=0.05)


def test_u_floor_falls_with_the_table() -> None:
    """A level only matches reach (one email) gets u of about 0.01 / records, not a
    fixed 1e-6: the prior falls as tables grow and the evidence must keep up."""
    levels = np.array([[0]] * 50 + [[1]] * 50, dtype=np.int8)
    m, u = [np.array([0.9, 0.1])], [np.array([0.001, 0.999])]
    found = []
    for pairs in (5e9, 5e11):  # about 100,000 and 1,000,000 records
        weights = np.concatenate([np.ones(50), np.full(50, (pairs - 50) / 50)])
        res = fit_em(levels, [2], m_start=m, u_start=u, lambda_start=0.5, weights=weights)
        found.append(float(res.u[0][0]))
    assert found[0] == pytest.approx(0.01 / 1e5, rel=0.01)
    assert found[1] == pytest.approx(0.01 / 1e6, rel=0.01)


def test_enumerated_levels_count_u_below_the_sample_floor() -> None:
    """A level whose every pair is in the sample (exact agreement on a personal
    identifier, which blocking always proposes) and that no non-match reaches gets u of
    about half a pair among all pairs, not the floor that stands for what a sample can miss;
    the other levels keep that floor."""
    levels = np.array([[0, 0]] * 50 + [[1, 1]] * 50, dtype=np.int8)
    m = [np.array([0.9, 0.1])] * 2
    u = [np.array([0.001, 0.999])] * 2
    pairs = 5e9  # about 100,000 records
    weights = np.concatenate([np.ones(50), np.full(50, (pairs - 50) / 50)])
    res = fit_em(
        levels,
        [2, 2],
        m_start=m,
        u_start=u,
        lambda_start=0.5,
        weights=weights,
        enumerated=[(0,), ()],
    )
    assert 0.5 / pairs <= float(res.u[0][0]) < 0.01 * (0.01 / 1e5)
    assert float(res.u[1][0]) == pytest.approx(0.01 / 1e5, rel=0.01)


def test_dependences_find_two_copies_of_one_field_and_not_independent_ones() -> None:
    """Among non-matches, a field and its copy agree together far more often than
    chance; two independent fields do not; matches do not make two fields dependent."""
    rng = np.random.default_rng(5)
    n = 200_000
    a = (rng.random(n) < 0.01).astype(np.int8)  # 1% agree, level 0
    levels = np.stack([1 - a, 1 - a, (rng.random(n) >= 0.02).astype(np.int8)], axis=1)
    levels = levels.astype(np.int8)
    # a few matches, agreeing everywhere, with a strongly identifying fourth field
    matches = rng.random(n) < 0.001
    levels[matches, :3] = 0
    fourth = np.where(matches, 0, 1).astype(np.int8)[:, None]
    levels = np.concatenate([levels, fourth], axis=1)
    bits = [np.array([5.0, -1.0])] * 3 + [np.array([20.0, -5.0])]
    found = dependences(levels, bits, -10.0)
    assert [(d.a, d.b) for d in found] == [(0, 1)]
    assert found[0].lift > 50
    assert dependences(levels, bits, -10.0, skip={(0, 1)}) == []


def test_dependences_need_enough_pairs() -> None:
    """A handful of joint agreements is not evidence of dependence."""
    levels = np.array([[0, 0]] * 5 + [[1, 1]] * 10_000, dtype=np.int8)
    bits = [np.array([3.0, -1.0])] * 2
    assert dependences(levels, bits, -10.0) == []


def test_a_floored_table_is_still_a_distribution() -> None:
    """Regression: the floor lifted rare levels after dividing by the total, so a table
    with many levels near zero summed to more than 1 (1.0000046 with 20 levels)."""
    from goldenrecord.match._em import _normalise

    counts = np.array([500.0, 200.0] + [0.0] * 18)
    probs = _normalise(counts, 0.0, 1e-6)
    assert probs.sum() == pytest.approx(1.0, abs=1e-12)
    assert (probs > 0).all()
