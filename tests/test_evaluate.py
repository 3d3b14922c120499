"""gr.evaluate: pairwise and B-cubed figures equal a brute-force count."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goldenrecord as gr


def _brute(pred: dict[int, int], truth: dict[int, int]) -> tuple[float, float, float, float]:
    ids = sorted(pred)
    pp = {(a, b) for a, b in itertools.combinations(ids, 2) if pred[a] == pred[b]}
    tp = {(a, b) for a, b in itertools.combinations(ids, 2) if truth[a] == truth[b]}
    p = len(pp & tp) / len(pp) if pp else 1.0
    r = len(pp & tp) / len(tp) if tp else 1.0
    bp = sum(
        sum(1 for j in ids if pred[j] == pred[i] and truth[j] == truth[i])
        / sum(1 for j in ids if pred[j] == pred[i])
        for i in ids
    ) / len(ids)
    br = sum(
        sum(1 for j in ids if pred[j] == pred[i] and truth[j] == truth[i])
        / sum(1 for j in ids if truth[j] == truth[i])
        for i in ids
    ) / len(ids)
    return p, r, bp, br


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=1, max_size=25))
def test_matches_brute_force(labels: list[tuple[int, int]]) -> None:
    """Precision, recall and B-cubed figures equal an explicit count over all pairs."""
    pred = {i: a for i, (a, _) in enumerate(labels)}
    truth = {i: b for i, (_, b) in enumerate(labels)}
    ev = gr.evaluate(pred, truth)
    p, r, bp, br = _brute(pred, truth)
    assert ev.pairwise_precision == pytest.approx(p)
    assert ev.pairwise_recall == pytest.approx(r)
    assert ev.bcubed_precision == pytest.approx(bp)
    assert ev.bcubed_recall == pytest.approx(br)


def test_identical_partitions_score_one() -> None:
    """A perfect clustering scores 1 everywhere, whatever the labels are called."""
    ev = gr.evaluate({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "y"})
    assert ev.pairwise_f1 == ev.bcubed_f1 == 1.0


def test_swapping_sides_swaps_precision_and_recall() -> None:
    """Evaluation is symmetric: clusters and truth trade places with P and R."""
    pred = {"a": 1, "b": 1, "c": 1, "d": 2}
    truth = {"a": 1, "b": 1, "c": 2, "d": 2}
    one, two = gr.evaluate(pred, truth), gr.evaluate(truth, pred)
    assert one.pairwise_precision == pytest.approx(two.pairwise_recall)
    assert one.bcubed_recall == pytest.approx(two.bcubed_precision)


def test_dataframes_are_accepted() -> None:
    """Two-column DataFrames work as well as mappings."""
    pd = pytest.importorskip("pandas")
    pred = pd.DataFrame({"id": ["a", "b", "c"], "cluster": [1, 1, 2]})
    truth = pd.DataFrame({"id": ["a", "b", "c"], "person": ["x", "x", "x"]})
    ev = gr.evaluate(pred, truth)
    assert ev.pairwise_precision == 1.0
    assert ev.pairwise_recall == pytest.approx(1 / 3)
