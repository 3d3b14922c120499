"""Jupyter views: Resolution and Explanation render as HTML tables with every value escaped."""

from __future__ import annotations

import html
import re

import pytest

import goldenrecord as gr
from goldenrecord.match._explain import Contribution

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def resolution() -> gr.Resolution:
    """The bundled sample: rejected and shared values, several sources."""
    table = gr.datasets.load_sample()
    return gr.resolve(table.columns, table.schema(), purpose="profiling")


def _explanation(**changes: object) -> gr.Explanation:
    contributions = (
        Contribution("name", 0, "exact", SCRIPT, SCRIPT, 0.9, 0.01, 6.49),
        Contribution("email", 2, "all other", "a&b@x.io", "c@y.io", 0.1, 0.9, -3.17),
        Contribution("phone", -1, "missing", None, "+33612345678", None, None, 0.0),
    )
    doc: dict[str, object] = {
        "id_a": "<a>",
        "id_b": "b&1",
        "prior": -10.0,
        "contributions": contributions,
        "match_weight": -6.68,
        "match_probability": 0.0097,
        "candidate": True,
    }
    doc.update(changes)
    return gr.Explanation(**doc)  # type: ignore[arg-type]


def test_explanation_html_escapes_values_and_ids() -> None:
    text = _explanation()._repr_html_()
    assert SCRIPT not in text
    assert "<a>" not in text
    assert html.escape(SCRIPT) in text
    assert "a&amp;b@x.io" in text
    assert "&lt;a&gt; vs b&amp;1" in text


def test_explanation_html_is_a_waterfall_row_per_step() -> None:
    """Prior, one row per comparison with level, m, u and bits, then the total."""
    text = _explanation()._repr_html_()
    rows = re.findall(r"<tr>(.*?)</tr>", text)
    assert len(rows) == 1 + 1 + 3 + 1  # header, prior, comparisons, total
    assert rows[1].startswith("<td>prior</td>")
    assert "<td>all other</td>" in rows[3]
    assert "<td>0.1</td><td>0.9</td>" in rows[3]
    assert "-3.17" in rows[3]
    assert "+6.49" in rows[2]
    assert rows[-1].startswith("<th>total</th>")
    assert "-6.68" in rows[-1]
    assert "0.0097" in rows[-1]
    assert "#2e7d32" in rows[2]  # evidence for: green
    assert "#c62828" in rows[3]  # evidence against: red


def test_explanation_bars_follow_the_running_total() -> None:
    """Each bar starts where the previous one ended: a waterfall, scaled to the widest range."""
    text = _explanation()._repr_html_()
    bars = [
        (float(left), float(width))
        for left, width in re.findall(r"left:([\d.]+)px;width:([\d.]+)px", text)
    ]
    # running totals 0 → -10 → -3.51 → -6.68 → -6.68 over the range [-10, 0]: 16 px per bit
    assert bars[0] == (0.0, 160.0)  # the prior, from -10 to 0
    assert bars[1] == pytest.approx((0.0, 103.8), abs=0.1)  # +6.49 from -10
    assert bars[2] == pytest.approx((53.1, 50.7), abs=0.1)  # -3.17 down to -6.68
    assert bars[3][1] == 0.0  # missing: no bar


def test_explanation_html_notes_what_is_unusual() -> None:
    text = _explanation(candidate=False, deterministic=("<cust>",))._repr_html_()
    assert "not a candidate pair" in text
    assert "forced by the rule on &lt;cust&gt;" in text
    shared = _explanation(
        contributions=(
            Contribution("phone", -1, "missing", "1", "1", None, None, 0.0, shared=True),
        )
    )
    assert "shared value, no evidence" in shared._repr_html_()


def test_real_explanation_html_masks_on_request(resolution: gr.Resolution) -> None:
    a, b = "crm-000001", "crm-000002"
    shown = resolution.explain(a, b)._repr_html_()
    masked = resolution.explain(a, b, mask=True)._repr_html_()
    assert "amanda.fernandes46@hotmail.com" in shown
    assert "amanda.fernandes46@hotmail.com" not in masked
    assert "***" in masked
    assert len(re.findall("<tr>", shown)) == 3 + len(resolution.explain(a, b).contributions)
    assert str(resolution.explain(a, b)).startswith("prior:")  # the plain text is unchanged


def test_resolution_html_summarises_every_stage(resolution: gr.Resolution) -> None:
    text = resolution._repr_html_()
    report = resolution.report
    assert f"<td>profiles</td><td>{report.n_clusters:,}</td>" in text
    assert f"<td>candidate pairs</td><td>{len(resolution.pairs):,}</td>" in text
    assert f"<td>records</td><td>{report.n_records:,}</td>" in text
    assert "kept apart for profiling (consent no)" in text
    for stage in report.timings:
        assert f"<td>{stage}</td>" in text
    for field, reasons in report.rejected_values.items():
        for reason, count in reasons.items():
            assert f"<td>{field}</td><td>{reason}</td><td>{count:,}</td>" in text
    for field, count in report.shared_values.items():
        assert f"<td>{field}</td><td>{count:,}</td>" in text
    assert report.shared_values  # the sample has shared values, so the table is tested
    assert repr(resolution).startswith("Resolution(records=604, clusters=")


def test_resolution_html_escapes_column_names_and_lists_rejected_records() -> None:
    rows = [
        {"id": "1", SCRIPT: "ana@x.io", "name": "Ana Lima"},
        {"id": "1", SCRIPT: "test@test.com", "name": "Ana Lima"},
        {"id": None, SCRIPT: "not an email", "name": "Bo"},
        {"id": "3", SCRIPT: "nope", "name": "Bo Chen"},
    ]
    schema = gr.Schema(id="id", fields={SCRIPT: "email", "name": "full_name"})
    res = gr.resolve(rows, schema)
    text = res._repr_html_()
    assert SCRIPT not in text
    assert f"<td>{html.escape(SCRIPT)}</td>" in text
    assert "<td>duplicate_id</td><td>1</td>" in text
    assert "<td>missing_id</td><td>1</td>" in text
    assert "matches refused" not in text  # empty tables are left out
