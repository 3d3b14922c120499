"""An explanation says whether the pair is a match at the model's threshold, its chart
keeps every bar and figure inside the frame, and a step that rounds to zero reads 0.00."""

from __future__ import annotations

from collections.abc import Iterator

import matplotlib as mpl

mpl.use("Agg")

import matplotlib.pyplot as plt
import pytest
from matplotlib.patches import Rectangle

import goldenrecord as gr
from goldenrecord.match._explain import Contribution


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def _near_miss(threshold: float | None = 0.99) -> gr.Explanation:
    """A pair at probability 0.9873, under a 0.99 threshold, with a look-alike step of
    -0.004 bits."""
    return gr.Explanation(
        id_a="a",
        id_b="b",
        prior=-10.0,
        contributions=(
            Contribution("email", 0, "exact", "x", "x", 0.9, 0.0001, 13.14),
            Contribution("name", 3, "similar", "x", "y", 0.2, 0.01, 3.17),
        ),
        match_weight=6.306,
        match_probability=0.9873,
        candidate=True,
        lookalike=-0.004,
        lookalike_class="household",
        threshold=threshold,
    )


def test_a_pair_under_the_threshold_reads_not_a_match_everywhere() -> None:
    """Text, HTML caption and chart title all say 'not a match (threshold 0.99)' for a
    pair at 0.9873, so it does not read like a match."""
    exp = _near_miss()
    assert exp.verdict == "not a match (threshold 0.99)"
    assert exp.sentences[-1].endswith("not a match (threshold 0.99)")
    assert "not a match (threshold 0.99)" in exp._repr_html_()
    assert "not a match (threshold 0.99)" in exp.plot().get_title()


def test_a_pair_at_the_threshold_reads_a_match() -> None:
    exp = _near_miss(threshold=0.98)
    assert exp.verdict == "a match (threshold 0.98)"


def test_a_pipeline_explanation_carries_the_model_threshold() -> None:
    rows = gr.datasets.synthetic_customers(60, seed=3)
    res = gr.resolve(rows.columns, rows.schema())
    members: dict[str, list[str]] = {}
    for key, profile in res.clusters.items():
        members.setdefault(profile, []).append(key)
    first, second = next(keys for keys in members.values() if len(keys) > 1)[:2]
    exp = res.explain(first, second)
    assert exp.threshold == res.matcher.threshold
    assert exp.verdict.endswith(f"(threshold {res.matcher.threshold:g})")


def test_the_chart_keeps_bars_and_figures_inside_the_frame() -> None:
    """Every bar ends inside the x-limits with room to its right for the figure written
    after it (the figures start 3 points right of the bar's end)."""
    ax = _near_miss().plot()
    lo, hi = ax.get_xlim()
    span = hi - lo
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert bars
    for bar in bars:
        left, right = sorted((bar.get_x(), bar.get_x() + bar.get_width()))
        assert left > lo
        assert right + 0.1 * span < hi


def test_a_step_that_rounds_to_zero_reads_zero_without_a_sign() -> None:
    """The look-alike step of -0.004 bits reads 0.00 in text, HTML and chart, with no
    hairline bar in the HTML."""
    exp = _near_miss()
    assert "could be two people of one household: 0.00 bits" in exp.sentences
    html = exp._repr_html_()
    assert "-0.00" not in html
    assert "width:0.0px" in html
    assert "-0.00" not in [t.get_text() for t in exp.plot().texts]
