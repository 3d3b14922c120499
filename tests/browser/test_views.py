"""Every view, in headless Chromium at 1024 px, on a plain page and inside the docs theme.

For each view (Resolution, Report, Profile, ProfileView, Explanation, Evaluation, Why):

* nothing scrolls sideways: ``scrollWidth <= clientWidth`` on the view and on the
  notebook output around it, and on the page itself;
* every column is visible: no cell ends right of the view's edge;
* numbers are right-aligned, and a cell that must not wrap holds one line (an email
  broken mid-word, a header forced wide by the host's ``min-width``, fail);
* in the dark docs theme, the grey "other values" rows keep a 4.5:1 contrast.

The docs pages themselves: links have a 4.5:1 contrast in the light theme, the
benchmark tables fit at 1280 px without breaking a name in a header, no code block hides
text behind a sideways scroll or under the copy button, and figures of the dark theme
are not white boxes. Set ``GOLDENRECORD_SCREENSHOTS`` to a folder to keep a PNG of each
page, to look at.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser import chromium

MEASURE = Path(__file__).with_name("measure.js")
# The tutorial page whose theme (Material plus the notebook styles) hosts the views.
TUTORIAL = Path("tutorials") / "resolve-customer-table" / "index.html"


def _cases(views: dict[str, str], template: str) -> str:
    """Each view in its own box (``data-gr-case``), as ``template`` wraps a cell's output."""
    return "".join(
        template.format(case=html.escape(name), body=body) for name, body in views.items()
    )


def _script() -> str:
    return f"<script>{MEASURE.read_text(encoding='utf-8')}</script>"


def _plain_page(folder: Path, views: dict[str, str]) -> Path:
    page = folder / "plain.html"
    cases = _cases(views, '<div data-gr-case="{case}"><div class="output">{body}</div></div>')
    page.write_text(
        f"<!doctype html><html><head><meta charset='utf-8'></head><body>{cases}{_script()}"
        "</body></html>",
        encoding="utf-8",
    )
    return page


# A code cell's HTML output as mkdocs-jupyter writes it (class names as in JupyterLab).
_CELL = (
    '<div class="jp-Cell jp-CodeCell jp-Notebook-cell" data-gr-case="{case}">'
    '<div class="jp-Cell-outputWrapper"><div class="jp-OutputArea jp-Cell-outputArea">'
    '<div class="jp-OutputArea-child jp-OutputArea-executeResult">'
    '<div class="jp-OutputPrompt jp-OutputArea-prompt">Out[1]:</div>'
    '<div class="jp-RenderedHTMLCommon jp-RenderedHTML jp-OutputArea-output '
    'jp-OutputArea-executeResult" data-mime-type="text/html">{body}</div>'
    "</div></div></div></div>"
)


def _docs_page(site: Path, views: dict[str, str], extra: str = "") -> Path:
    """The tutorial page of the built site with the views as its first cell outputs."""
    source = (site / TUTORIAL).read_text(encoding="utf-8")
    notebook = re.search(r'<div class="jp-Notebook"[^>]*>', source)
    assert notebook, "the tutorial page has no notebook"
    page = site / TUTORIAL.parent / "views.html"
    rest = source[notebook.end() :].replace("</body>", _script() + "</body>")
    page.write_text(
        source[: notebook.end()] + extra + _cases(views, _CELL) + rest, encoding="utf-8"
    )
    return page


def _with_script(page: Path) -> Path:
    """A copy of a site page, beside it, that measures itself."""
    copy = page.with_name("measured.html")
    source = page.read_text(encoding="utf-8")
    copy.write_text(source.replace("</body>", _script() + "</body>"), encoding="utf-8")
    return copy


def _keep(page: Path, name: str, width: int = chromium.WIDTH, query: str = "") -> None:
    folder = os.environ.get("GOLDENRECORD_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        chromium.screenshot(page, Path(folder) / f"{name}.png", width=width, query=query)


def _rgba(colour: str) -> list[float]:
    parts = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", colour)]
    return [*parts[:3], parts[3] if len(parts) > 3 else 1.0]


def _over(fg: str, bg: str, opacity: float = 1.0) -> str:
    """The colour seen when ``fg`` (with its alpha, times ``opacity``) lies on ``bg``."""
    *top, alpha = _rgba(fg)
    alpha *= opacity
    below = _rgba(bg)[:3]
    mixed = [alpha * t + (1 - alpha) * b for t, b in zip(top, below, strict=True)]
    return "rgb({:.1f}, {:.1f}, {:.1f})".format(*mixed)


def _luminance(rgb: str) -> float:
    channels = [x / 255 for x in _rgba(rgb)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(fg: str, bg: str, opacity: float = 1.0) -> float:
    """WCAG 2 contrast ratio of text coloured ``fg`` (``rgb(...)`` or ``rgba(...)``,
    faded by ``opacity``) on ``bg``."""
    a, b = sorted((_luminance(_over(fg, bg, opacity)), _luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def test_contrast_of_known_colours() -> None:
    """The ratio as WCAG defines it: black on white 21:1, the old link amber 2.46:1."""
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21.0)
    assert contrast("rgb(209, 157, 0)", "rgb(255, 255, 255)") == pytest.approx(2.46, abs=0.01)
    # The old grey of other values on the dark theme's background.
    assert contrast("rgb(119, 119, 119)", "rgb(30, 33, 41)") < 4.5
    assert contrast("rgba(0, 0, 0, 0.5)", "rgb(255, 255, 255)", 0.5) < 4.5


def _assert_views_fit(measured: dict[str, Any], expected: set[str]) -> None:
    cases = {c["name"]: c for c in measured["cases"]}
    assert set(cases) == expected
    problems = []
    for name, c in cases.items():
        if not c["scoped"]:
            problems.append(f"{name}: not in a <div class=goldenrecord> with the views' styles")
        if c["scrollWidth"] > c["clientWidth"]:
            problems.append(f"{name}: scrolls sideways ({c['scrollWidth']} > {c['clientWidth']})")
        if c["hosts"]:
            problems.append(f"{name}: the output around it scrolls sideways: {c['hosts']}")
        if c["cut"]:
            problems.append(f"{name}: cells beyond the right edge: {c['cut'][:5]}")
        if c["leftNumbers"]:
            problems.append(f"{name}: numbers not right-aligned: {c['leftNumbers'][:5]}")
        if c["brokenWords"]:
            problems.append(f"{name}: one-line cells wrapped: {c['brokenWords'][:5]}")
        if c["headerMinWidth"]:
            problems.append(f"{name}: headers with a forced min-width: {c['headerMinWidth'][:3]}")
    assert not problems, "\n".join(problems)
    assert measured["pageScrollWidth"] <= measured["pageClientWidth"]


def test_views_fit_a_plain_page(views: dict[str, str], tmp_path: Path) -> None:
    page = _plain_page(tmp_path, views)
    _keep(page, "plain")
    measured = chromium.measure(page)
    _assert_views_fit(measured, set(views))
    # Numbers are marked as numbers in every view that has them (Evaluation included).
    numbered = {c["name"] for c in measured["cases"] if c["numbers"]}
    assert {"Resolution", "Profile", "Explanation", "Evaluation", "Report"} <= numbered


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_views_fit_the_docs_theme(views: dict[str, str], site: Path, scheme: str) -> None:
    """Material's and the notebook's table styles do not override the views' own."""
    page = _docs_page(site, views)
    _keep(page, f"docs-{scheme}", query=f"?scheme={scheme}")
    measured = chromium.measure(page, query=f"?scheme={scheme}")
    assert measured["scheme"] == scheme
    _assert_views_fit(measured, set(views))
    if scheme == "slate":
        grey = [c["other"] for c in measured["cases"] if c["other"]]
        assert grey, "no view showed other values"
        for colours in grey:
            seen = contrast(colours["color"], colours["background"], colours["opacity"])
            assert seen >= 4.5, colours


def test_links_are_readable_in_the_light_theme(site: Path) -> None:
    measured = chromium.measure(_with_script(site / "getting-started" / "index.html"))
    (link,) = measured["links"]
    assert contrast(link["color"], link["background"]) >= 4.5, link


def test_figures_are_not_white_boxes_in_the_dark_theme(site: Path, tmp_path: Path) -> None:
    """In the dark theme a figure (white by matplotlib's default) is shown inverted."""
    figure = (
        '<div class="jp-Cell jp-CodeCell"><div class="jp-OutputArea">'
        '<div class="jp-OutputArea-child">'
        '<div class="jp-RenderedImage jp-OutputArea-output"><img alt="figure" width="200" '
        'height="100" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ'
        'AAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg=="></div></div></div></div>'
    )
    page = _docs_page(site, {}, extra=figure)
    for scheme, inverted in (("default", False), ("slate", True)):
        measured = chromium.measure(page, query=f"?scheme={scheme}")
        (image,) = measured["images"]
        assert ("invert" in image["filter"]) is inverted, (scheme, image)


def test_benchmark_tables_fit_at_1280_px(site: Path) -> None:
    page = _with_script(site / "benchmarks" / "index.html")
    _keep(page, "benchmarks", width=1280)
    measured = chromium.measure(page, width=1280)
    assert measured["tables"]
    for table in measured["tables"]:
        assert table["tableWidth"] <= table["wrapWidth"] + 1, table
        assert not table["brokenHeaderCode"], table


@pytest.mark.parametrize("name", ["index", "getting-started", "concepts/fellegi-sunter"])
def test_code_is_not_hidden(site: Path, name: str) -> None:
    """No code line runs behind a sideways scroll or under the copy button."""
    page = _with_script(site / name / "index.html" if name != "index" else site / "index.html")
    measured = chromium.measure(page)
    assert measured["code"]
    hidden = [c for c in measured["code"] if c["scrollWidth"] > c["clientWidth"] + 1]
    covered = [c for c in measured["code"] if c["coveredByCopyButton"]]
    assert not hidden, hidden
    assert not covered, covered


def test_wide_dataframes_scroll_inside_their_output(site: Path) -> None:
    """A DataFrame wider than the page scrolls inside its output box, not cut at its edge."""
    columns = "".join(f"<th>column_{k}</th>" for k in range(30))
    cells = "".join(f"<td>value {k}</td>" for k in range(30))
    frame = (
        '<div class="jp-Cell jp-CodeCell"><div class="jp-OutputArea">'
        '<div class="jp-OutputArea-child"><div class="jp-RenderedHTMLCommon jp-RenderedHTML '
        'jp-OutputArea-output"><table border="1" class="dataframe">'
        f"<thead><tr>{columns}</tr></thead><tbody><tr>{cells}</tr></tbody></table>"
        "</div></div></div></div>"
    )
    measured = chromium.measure(_docs_page(site, {}, extra=frame))
    (box,) = measured["frames"]
    assert box["wider"]
    assert box["insidePage"]
    assert box["overflowX"] in ("auto", "scroll"), box
