"""Charts: an explanation's waterfall, with matplotlib's Agg backend; without
matplotlib it raises an ImportError that names the viz extra."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import matplotlib as mpl

mpl.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle

import goldenrecord as gr
from goldenrecord.match._explain import Contribution

GREEN, RED = "#2e7d32", "#c62828"


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def _explanation() -> gr.Explanation:
    return gr.Explanation(
        id_a="a",
        id_b="b",
        prior=-10.0,
        contributions=(
            Contribution("name", 0, "exact", "Ana Lima", "Ana Lima", 0.9, 0.01, 6.49),
            Contribution("email", 2, "all other", "ana@x.io", "bo@y.io", 0.1, 0.9, -3.17),
            Contribution("phone", -1, "missing", None, "+33612345678", None, None, 0.0),
        ),
        match_weight=-6.68,
        match_probability=0.0097,
        candidate=True,
    )


def _texts(ax: Axes) -> list[str]:
    labels = [t.get_text() for t in (*ax.get_yticklabels(), *ax.get_xticklabels())]
    return [ax.get_title(), ax.get_xlabel(), *labels, *(t.get_text() for t in ax.texts)]


def test_explanation_chart_is_a_waterfall_bar_per_step() -> None:
    """One bar for the prior and one per comparison, each from the running total before it."""
    e = _explanation()
    ax = e.plot()
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(bars) == 1 + len(e.contributions)
    starts = [0.0, -10.0, -3.51, -6.68]
    widths = [-10.0, 6.49, -3.17, 0.0]
    assert [b.get_x() for b in bars] == pytest.approx(starts)
    assert [b.get_width() for b in bars] == pytest.approx(widths)
    assert [to_hex(b.get_facecolor()) for b in bars] == [RED, GREEN, RED, GREEN]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["prior", "name: exact", "email: all other", "phone: missing"]
    assert [t.get_text() for t in ax.texts] == ["-10.00", "+6.49", "-3.17", "+0.00"]
    dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert [np.asarray(line.get_xdata())[0] for line in dashed] == [pytest.approx(-6.68)]
    assert "-6.68 bits" in ax.get_title()


def test_explanation_chart_never_shows_the_values() -> None:
    """Comparisons and levels only: a chart can be shared without personal data."""
    ax = _explanation().plot()
    shown = " ".join(_texts(ax))
    for value in ("Ana Lima", "ana@x.io", "bo@y.io", "+33612345678"):
        assert value not in shown


def test_explanation_chart_draws_on_the_axes_given() -> None:
    _, (left, right) = plt.subplots(1, 2)
    assert _explanation().plot(ax=right) is right
    assert not left.patches
    assert len(right.patches) == 4


def test_without_matplotlib_charts_name_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """matplotlib stays optional: the error says how to install it."""
    _, ax = plt.subplots()
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)  # import now fails
    extra = r"pip install 'goldenrecord\[viz\]'"
    with pytest.raises(ImportError, match=rf"an explanation chart needs matplotlib.*{extra}"):
        _explanation().plot()
    with pytest.raises(ImportError, match=extra):
        _explanation().plot(ax=ax)
    assert not ax.patches
