"""Explanations in text: m, u and probabilities are never rounded to 0 or 1 unless
they are exactly 0 or 1 (one printed "u=1" for u = 0.99992)."""

from __future__ import annotations

import re

import pytest

import goldenrecord as gr
from goldenrecord.match._explain import Contribution


def _explanation(m: float, u: float, probability: float) -> gr.Explanation:
    return gr.Explanation(
        id_a="a",
        id_b="b",
        prior=-10.0,
        contributions=(Contribution("email", 2, "all other", "x", "y", m, u, -3.0),),
        match_weight=-13.0,
        match_probability=probability,
        candidate=True,
    )


@pytest.mark.parametrize(
    ("m", "u", "probability", "shown"),
    [
        (0.00007, 0.99992, 0.99999, ("m=7e-05", "u=0.99992", "probability 0.99999")),
        (1e-07, 0.999999999, 1e-06, ("m=1e-07", "u=0.999999999", "probability 1e-06")),
        (0.1, 0.9, 0.0097, ("m=0.1", "u=0.9", "probability 0.0097")),
        (1.0, 0.0, 1.0, ("m=1,", "u=0,", "probability 1")),
    ],
)
def test_sentences_show_m_u_and_probability_without_rounding_to_0_or_1(
    m: float, u: float, probability: float, shown: tuple[str, ...]
) -> None:
    """Each figure is shown with enough digits to tell it from 0 and 1."""
    text = "\n".join(_explanation(m, u, probability).sentences)
    for figure in shown:
        assert figure in text
    if 0 < u < 1:
        assert not re.search(r"u=[01](?![.\d])", text)


def test_html_figures_are_not_rounded_to_0_or_1() -> None:
    """The HTML table shows u = 0.99992 as 0.99992 and a probability near 1 unrounded."""
    page = _explanation(0.00007, 0.99992, 0.99999)._repr_html_()
    assert '<td class="num">0.99992</td>' in page
    assert '<td class="num">7e-05</td>' in page
    assert "probability 0.99999" in page
