"""The name comparison's two-part-key comparators, run in bulk by the level engine.

The level engine runs each comparator's bulk form (parts coded once per distinct key,
Jaro–Winkler on distinct pairs of parts) instead of the comparator. A level must hold
for exactly the pairs for which the comparator, called on the pair alone, reaches the
level's threshold.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenrecord.match._comparators import Scorer
from goldenrecord.match._name_keys import keys_meet
from goldenrecord.match._name_scorers import both_jw, head_jw, one_word_jw, same_head_jw
from goldenrecord.match.compare import Comparison, Level, compute_levels

SCORERS = (same_head_jw, both_jw, head_jw, one_word_jw, keys_meet)

# Few letters, short words: pairs share parts, and scores land on the thresholds.
_word = st.text(alphabet="aeilmnorst", min_size=0, max_size=6)
_key = st.one_of(
    st.none(),
    st.builds(lambda a, b: f"{a}|{b}", _word, _word),
    _word,
    st.builds(lambda a, b, c: f"{a}|{b}|{c}", _word, _word, _word),
)


def _levels(scorer: Scorer, thresholds: tuple[float, ...], values: list[str | None]) -> np.ndarray:
    """Levels of every pair of ``values`` (both orders) under one comparison whose
    levels are ``scorer`` at each threshold, highest first."""
    levels = [Level.at_least(scorer, t, label=f"at {t}") for t in thresholds]
    comparison = Comparison("key", levels)
    column = np.empty(len(values), dtype=object)
    column[:] = values
    left, right = np.meshgrid(np.arange(len(values)), np.arange(len(values)))
    keep = left.ravel() != right.ravel()
    return compute_levels(
        [comparison], {"key": column}, left.ravel()[keep], right.ravel()[keep], workers=1
    )[:, 0]


def _expected(scorer: Scorer, thresholds: tuple[float, ...], values: list[str | None]) -> list[int]:
    """The levels :func:`_levels` must give, from the comparator on each pair alone
    (pairs in meshgrid order: the left record varies fastest)."""
    out: list[int] = []
    n = len(values)
    for r in range(n):
        for c in range(n):
            if r == c:
                continue
            a, b = values[c], values[r]
            if a is None or b is None:
                out.append(-1)
                continue
            score = scorer(a, b)
            hit = [k for k, t in enumerate(thresholds) if score >= t]
            out.append(hit[0] if hit else len(thresholds))
    return out


@pytest.mark.parametrize("scorer", SCORERS, ids=lambda s: s.name)
@given(values=st.lists(_key, min_size=2, max_size=12))
@settings(max_examples=60, deadline=None)
def test_bulk_levels_equal_the_comparator_on_each_pair(
    scorer: Scorer, values: list[str | None]
) -> None:
    """For random keys (one, two or three parts, empty parts, missing keys), the level
    of each pair equals the first threshold the comparator, called on that pair
    alone, reaches."""
    thresholds = (0.9, 0.8)
    got = _levels(scorer, thresholds, values).tolist()
    assert got == _expected(scorer, thresholds, values)


_readings = st.lists(
    st.sampled_from(["ana lima", "ana lyma", "anna lima", "lima", "~anlm", ""]),
    min_size=1,
    max_size=5,
    unique=True,
)


@given(values=st.lists(st.one_of(st.none(), _readings.map("|".join)), min_size=2, max_size=12))
@settings(max_examples=80, deadline=None)
def test_keys_meet_in_bulk_equals_the_comparator_on_each_pair(values: list[str | None]) -> None:
    """The "same name key" level, run on reading codes in bulk, holds for exactly the
    pairs whose sets of readings (one to five, some shared, an empty one) intersect,
    as the comparator on the pair alone says."""
    got = _levels(keys_meet, (1.0,), values).tolist()
    assert got == _expected(keys_meet, (1.0,), values)


@pytest.mark.parametrize(
    ("scorer", "a", "b"),
    [
        (both_jw, "wiliam|smelie", "wiliam|smal"),
        (same_head_jw, "wiliam|smelie", "wiliam|smal"),
        (head_jw, "smelie|ann", "smal|bob"),
        (one_word_jw, "smelie|", "smal|corbould"),
    ],
    ids=lambda x: getattr(x, "name", x),
)
def test_a_score_exactly_at_the_threshold_holds(scorer: Scorer, a: str, b: str) -> None:
    """Jaro–Winkler of "smelie" and "smal" is exactly 0.8; RapidFuzz's scorer given a
    cutoff of 0.8 (even a hair below) reads it as 0. The bulk forms score without a
    cutoff, so the level at 0.8 holds, as the comparator says."""
    assert scorer(a, b) == pytest.approx(0.8, abs=0.0)
    assert _levels(scorer, (0.8,), [a, b]).tolist() == [0, 0]
