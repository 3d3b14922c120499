"""Issue 18, defect 8: the API reference of the built site cites only public names and
has no reST or doctest leftovers (read off the site the browser tests build)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

PAGES = ("goldenrecord", "normalize", "match", "graph", "profile", "store", "datasets")


def _text(page: Path) -> str:
    source = page.read_text(encoding="utf-8")
    source = re.sub(r"<(script|style)\b.*?</\1>", " ", source, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", source))


@pytest.mark.parametrize("name", PAGES)
def test_reference_page_cites_only_public_names(site: Path, name: str) -> None:
    text = _text(site / "reference" / name / "index.html")
    private = sorted(set(re.findall(r"goldenrecord(?:\.\w+)*\._\w+", text)))
    assert not private, private
    assert "<BLANKLINE>" not in text
    assert not re.search(r"(^|\s)::(\s|$)", text), "a reST literal-block marker"


def test_reference_signatures_and_returns_read_well(site: Path) -> None:
    text = " ".join(_text(site / "reference" / "goldenrecord" / "index.html").split())
    assert "Resolution – A Resolution" not in text
    assert "to_arrow" in text
    assert not re.search(r"to_arrow\([^)]*\)\s*->\s*Any\b", text)
    # The exception tree is drawn as a code block, whole.
    assert "StoreBusyError (also TimeoutError)" in text
