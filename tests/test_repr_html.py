"""Jupyter views: Resolution, Report, Why, Profile, ProfileView and Explanation render as
well-formed HTML with every value escaped, and a view without consent shows no personal
values."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import goldenrecord as gr
from goldenrecord.match._explain import Contribution
from goldenrecord.match.blocking import OversizedBlock
from goldenrecord.profile import GoldenValue, Profile, ProfileView

SCRIPT = "<script>alert(1)</script>"

_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr"})


@attrs.define
class Element:
    """One parsed element: its tag, attributes and children (elements and text)."""

    tag: str
    attributes: dict[str, str | None]
    children: list[Element | str] = attrs.field(factory=list)

    @property
    def classes(self) -> set[str]:
        return set((self.attributes.get("class") or "").split())

    def text(self) -> str:
        """The text inside, as a browser shows it (style sheets left out)."""
        if self.tag == "style":
            return ""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find_all(self, tag: str) -> list[Element]:
        """Every element with ``tag`` below this one, in document order."""
        found = []
        for child in self.children:
            if isinstance(child, Element):
                if child.tag == tag:
                    found.append(child)
                found.extend(child.find_all(tag))
        return found

    def cells(self) -> list[Element]:
        """The ``td`` and ``th`` children of a row."""
        return [c for c in self.children if isinstance(c, Element) and c.tag in ("td", "th")]


class _Tree(HTMLParser):
    """html.parser into a tree; a closing tag that does not close the open element fails."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attributes))
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, dict(attributes)))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(text: str) -> Element:
    """The document tree of ``text``; fails unless every element is closed in order."""
    tree = _Tree()
    tree.feed(text)
    tree.close()
    assert tree.stack == [tree.root], f"unclosed: {[e.tag for e in tree.stack[1:]]}"
    return tree.root


def view_of(text: str) -> Element:
    """The one scoped view ``<div class="goldenrecord">`` of a ``_repr_html_``."""
    root = parse(text)
    (div,) = [c for c in root.children if isinstance(c, Element)]
    assert div.tag == "div"
    assert div.classes == {"goldenrecord"}
    assert div.find_all("style")  # the scoped stylesheet comes with the view
    assert not div.find_all("script")
    return div


def rows_of(table: Element) -> list[list[str]]:
    return [[c.text() for c in row.cells()] for row in table.find_all("tr")]


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
    """Values and ids come back as text: no element of theirs reaches the page."""
    text = _explanation()._repr_html_()
    assert SCRIPT not in text
    assert "<a>" not in text
    view = view_of(text)
    (table,) = view.find_all("table")
    (caption,) = table.find_all("caption")
    assert caption.text() == "<a> vs b&1: -6.68 bits, probability 0.0097"
    assert rows_of(table)[2][2:4] == [SCRIPT, SCRIPT]
    assert rows_of(table)[3][2:4] == ["a&b@x.io", "c@y.io"]


def test_explanation_html_is_a_waterfall_row_per_step() -> None:
    """Prior, one row per comparison with level, values, m, u and bits, then the total."""
    (table,) = view_of(_explanation()._repr_html_()).find_all("table")
    rows = table.find_all("tr")
    assert len(rows) == 1 + 1 + 3 + 1  # header, prior, comparisons, total
    texts = rows_of(table)
    assert texts[0] == ["comparison", "level", "value A", "value B", "m", "u", "bits", ""]
    assert texts[1] == ["prior", "two records picked at random", "-10.00", ""]
    assert texts[3] == ["email", "all other", "a&b@x.io", "c@y.io", "0.1", "0.9", "-3.17", ""]
    assert texts[4] == ["phone", "missing", "", "+33612345678", "", "", "0.00", ""]
    assert texts[5] == ["total", "probability 0.0097", "-6.68", ""]
    assert "total" in rows[5].classes
    for row in rows[2:5]:  # figures align right, text wraps
        cells = row.cells()
        assert all("num" in c.classes for c in cells[4:7])
        assert "wrap" in cells[1].classes
    assert "#2e7d32" in str(rows[2].cells()[7].find_all("div")[1].attributes["style"])  # for
    assert "#c62828" in str(rows[3].cells()[7].find_all("div")[1].attributes["style"])  # against


def test_explanation_bars_follow_the_running_total() -> None:
    """Each bar starts where the previous one ended: a waterfall, scaled to the widest range."""
    text = _explanation()._repr_html_()
    bars = [
        (float(left), float(width))
        for left, width in re.findall(r"left:([\d.]+)px;width:([\d.]+)px", text)
    ]
    # running totals 0 → -10 → -3.51 → -6.68 → -6.68 over the range [-10, 0]: 9 px per bit
    assert bars[0] == (0.0, 90.0)  # the prior, from -10 to 0
    assert bars[1] == pytest.approx((0.0, 58.4), abs=0.1)  # +6.49 from -10
    assert bars[2] == pytest.approx((29.9, 28.5), abs=0.1)  # -3.17 down to -6.68
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
    assert "amanda.fernandes46@hotmail.com" in view_of(shown).text()
    assert "amanda.fernandes46@hotmail.com" not in view_of(masked).text()
    assert "***" in masked
    (table,) = view_of(shown).find_all("table")
    exp = resolution.explain(a, b)
    # header, prior, one row per comparison, the look-alike step, total
    assert len(table.find_all("tr")) == 3 + len(exp.contributions) + (
        exp.lookalike_class is not None
    )
    assert str(resolution.explain(a, b)).startswith("prior:")  # the plain text is unchanged


def test_resolution_html_summarises_every_stage(resolution: gr.Resolution) -> None:
    text = resolution._repr_html_()
    report = resolution.report
    assert f'<td>profiles</td><td class="num">{report.n_clusters:,}</td>' in text
    assert f'<td>candidate pairs</td><td class="num">{len(resolution.pairs):,}</td>' in text
    assert f'<td>records</td><td class="num">{report.n_records:,}</td>' in text
    assert "kept apart for profiling (consent no)" in text
    for stage in report.timings:
        assert f"<td>{stage}</td>" in text
    for field, reasons in report.rejected_values.items():
        for reason, count in reasons.items():
            assert f'<td>{field}</td><td>{reason}</td><td class="num">{count:,}</td>' in text
    for field, count in report.shared_values.items():
        assert f'<td>{field}</td><td class="num">{count:,}</td>' in text
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
    assert '<td>duplicate_id</td><td class="num">1</td>' in text
    assert '<td>missing_id</td><td class="num">1</td>' in text
    assert "matches refused" not in text  # empty tables are left out


def _largest(resolution: gr.Resolution) -> Profile:
    return max(resolution.profiles, key=lambda p: (p.n_records, p.profile_id))


def test_profile_html_shows_every_value_with_its_lineage(resolution: gr.Resolution) -> None:
    """One row per distinct value: the golden one with its rule, the others grey;
    each with records, sources and first/last seen days; lists of five or more records
    fold."""
    p = _largest(resolution)
    view = view_of(p._repr_html_())
    assert view.find_all("p")[0].text() == f"{p.profile_id} ({p.n_records} records)"
    (table,) = view.find_all("table")
    rows = table.find_all("tr")
    assert rows_of(table)[0] == [
        "attribute", "value", "rule", "records", "sources", "first seen", "last seen",
    ]  # fmt: skip
    expected = [(f, k, v) for f in p.attributes for k, v in enumerate(p.values(f))]
    assert len(rows) == 1 + len(expected)
    assert any(k > 0 for _, k, _ in expected)  # the sample profile has other values too
    for row, (field, k, v) in zip(rows[1:], expected, strict=True):
        cells = row.cells()
        name, value, rule, records, sources, first, last = (c.text() for c in cells)
        assert value == str(v.value)
        assert sources == ", ".join(v.sources)
        assert v.first_seen is not None
        assert v.last_seen is not None
        assert (first, last) == (str(v.first_seen.date()), str(v.last_seen.date()))
        assert cells[5].attributes["title"] == v.first_seen.isoformat()
        if k == 0:
            assert (name, rule) == (field, v.rule)
            assert "other" not in row.classes
        else:
            assert (name, rule) == ("", "")
            assert "other" in row.classes
        folded = cells[3].find_all("details")
        if v.n_records > 4:
            (summary,) = folded[0].find_all("summary")
            first = ", ".join(v.record_ids[:3])
            assert summary.text() == f"{first} and {v.n_records - 3} more"
            assert records == summary.text() + ", ".join(v.record_ids[3:])
        else:
            assert not folded
            assert records == ", ".join(v.record_ids)


def test_profile_html_shows_consent_per_purpose_with_the_record_in_force(
    resolution: gr.Resolution,
) -> None:
    p = _largest(resolution)
    view = view_of(p._repr_html_())
    badges = [s for s in view.find_all("span") if "badge" in s.classes]
    assert [b.text() for b in badges] == [
        f"{purpose}: {p.consent(purpose)}"
        + ("" if p.consent_record(purpose) is None else f" ({p.consent_record(purpose)})")
        for purpose in ("marketing_email", "profiling")
    ]
    assert [b.classes - {"badge"} for b in badges] == [
        {p.consent("marketing_email")},
        {p.consent("profiling")},
    ]
    assert any(p.consent_record(purpose) for purpose in p.consents)  # a record is named


def test_profile_html_escapes_everything_it_shows() -> None:
    """Field names, values, rules, record ids, sources and the id come back as text."""
    value = GoldenValue(SCRIPT, "x", "<rule>", ("r&1", "<r2>", "r3"), ("<src>",))
    p = Profile("gp_<1>", ("r&1", "<r2>", "r3"), {"<f>": value}, {"<purpose>": "yes"})
    text = p._repr_html_()
    assert SCRIPT not in text
    view = view_of(text)
    assert view.find_all("p")[0].text() == "gp_<1> (3 records)"
    assert view.find_all("span")[0].text() == "<purpose>: yes"
    (table,) = view.find_all("table")
    assert rows_of(table)[1] == ["<f>", SCRIPT, "<rule>", "r&1, <r2>, r3", "<src>"]


@given(
    field=st.text(min_size=1, max_size=20),
    raw=st.text(max_size=40),
    key=st.text(min_size=1, max_size=20),
)
def test_any_text_stays_text(field: str, raw: str, key: str) -> None:
    """Whatever the text, the page stays well-formed and shows it back unchanged."""
    value = GoldenValue(raw, raw, "most_recent", (key,))
    view = view_of(Profile(key, (key,), {field: value})._repr_html_())
    (table,) = view.find_all("table")
    assert rows_of(table)[1][:4] == [field, raw, "most_recent", key]


def test_profile_without_values_says_so() -> None:
    view = view_of(Profile("gp_1", ("r1",))._repr_html_())
    assert not view.find_all("table")
    assert view.text().endswith("no values")


def test_withheld_view_shows_no_personal_value(resolution: gr.Resolution) -> None:
    """Without consent: the id, the record count and the consent state, nothing else."""
    p = _largest(resolution)
    assert p.consent("profiling") != "yes"
    text = p.view("profiling")._repr_html_()
    view = view_of(text)
    assert not view.find_all("table")
    assert view.text() == (
        f"{p.profile_id} ({p.n_records} records), view for profiling"
        f"consent profiling: {p.consent('profiling')}personal values withheld"
    )
    for field in p.attributes:
        for v in p.values(field):
            assert str(v.value) not in text
    for key in p.record_ids:
        assert key not in text
    lenient = p.view("profiling", default="yes")._repr_html_()
    assert str(p[next(iter(p.attributes))].value) in lenient


def test_view_with_consent_shows_values_under_its_purpose(resolution: gr.Resolution) -> None:
    p = next(q for q in resolution.profiles if q.consent("marketing_email") == "yes")
    view = view_of(p.view("marketing_email")._repr_html_())
    assert view.find_all("p")[0].text().endswith("view for marketing_email")
    badges = [s.text() for s in view.find_all("span") if "badge" in s.classes]
    assert len(badges) == 1
    assert badges[0].startswith("marketing_email: yes")
    (table,) = view.find_all("table")
    golden = [r[1] for r in rows_of(table)[1:] if r[0]]
    assert golden == [str(v.value) for v in p.attributes.values()]


def test_hand_built_views_render_what_they_carry() -> None:
    value = GoldenValue("ana@x.io", "ana@x.io", "most_recent", ("r1",))
    shown = ProfileView("gp_1", "ads", "yes", 1, False, ("r1",), {"email": value})
    assert rows_of(view_of(shown._repr_html_()).find_all("table")[0])[1][:2] == [
        "email",
        "ana@x.io",
    ]
    hidden = ProfileView("gp_1", "ads", "no", 1, True, (), {"email": value})
    assert "ana@x.io" not in hidden._repr_html_()


def test_report_html_shows_figures_notes_warnings_and_no_personal_values(
    resolution: gr.Resolution,
) -> None:
    """The report's view: its figures, notes (escaped), warnings, schema and blocking
    rules; no record value, not even an oversized block's key."""
    report = resolution.report
    key = "ana.lima@example.org"
    rule = attrs.evolve(
        report.blocking.rules[0], oversized=(OversizedBlock(report.blocking.rules[0].rule, key, 9),)
    )
    report = attrs.evolve(
        report,
        notes=(f"file {SCRIPT}.csv: delimiter ';' sniffed",),
        warnings=(gr.ResolutionWarning("em_not_converged", "EM did not converge"),),
        blocking=attrs.evolve(report.blocking, rules=(rule, *report.blocking.rules[1:])),
    )
    text = report._repr_html_()
    view = view_of(text)
    assert SCRIPT not in text
    assert f"file {SCRIPT}.csv: delimiter ';' sniffed" in view.text()
    tables = {t.find_all("caption")[0].text(): rows_of(t) for t in view.find_all("table")}
    figures = dict(row for row in tables["Report"][1:])
    assert figures["profiles"] == f"{report.n_clusters:,}"
    assert figures["records"] == f"{report.n_records:,}"
    assert figures["kept apart for profiling (consent no)"] == f"{report.consent_withheld:,}"
    assert tables["warnings"][1:] == [["em_not_converged", "", "EM did not converge"]]
    assert ["email", "email"] in tables["schema"]
    assert tables["blocking rules"][1][0] == rule.rule
    assert tables["blocking rules"][1][4] == "1"  # oversized blocks counted ...
    assert key not in text  # ... never shown
    for stage in report.timings:
        assert [stage] == [row[0] for row in tables["stage timings"] if row[0] == stage]
    columns = gr.datasets.load_sample().columns
    for column in ("email", "phone", "last_name", "customer_number"):
        for value in columns[column]:
            if isinstance(value, str) and len(value) > 3:
                assert value not in text, column


def test_why_html_names_profiles_and_lists_the_chain_and_refusals() -> None:
    """A Why's view: its first sentence as heading, the path and the refused matches
    as tables, must-link breaks after; keys escaped."""
    why = gr.Why(
        key_a=SCRIPT,
        key_b="c",
        cluster_a=SCRIPT,
        cluster_b="c",
        same_cluster=False,
        path=(),
        refused=((SCRIPT, "c", 6.0, "customer_no"), ("b", "d", float("inf"), "email")),
        forced=("email",),
        profile_a="gp_1",
        profile_b="gp_2",
    )
    text = why._repr_html_()
    assert SCRIPT not in text
    view = view_of(text)
    (head, *rest) = view.find_all("p")
    assert head.text() == f"{SCRIPT} and c are in different profiles (gp_1 and gp_2)."
    (table,) = view.find_all("table")
    assert table.find_all("caption")[0].text() == "refused matches between the two profiles"
    assert rows_of(table)[1:] == [
        [SCRIPT, "c", "6.0", "customer_no"],
        ["b", "d", "must-link", "email"],
    ]
    assert [p.text() for p in rest] == ["Must-link pairs forced a profile past: email."]


def test_why_html_of_a_resolution_shows_the_joining_chain(resolution: gr.Resolution) -> None:
    """From res.why: the chain that joined two records of one profile, one row per match."""
    p = _largest(resolution)
    why = resolution.why(p.record_ids[0], p.record_ids[-1])
    view = view_of(why._repr_html_())
    assert view.find_all("p")[0].text() == str(why).splitlines()[0]
    assert p.profile_id in view.find_all("p")[0].text()
    (table, *_) = view.find_all("table")
    assert [row[:2] for row in rows_of(table)[1:]] == [[x, y] for x, y, _ in why.path]
