"""Small HTML pieces for the Jupyter views (``_repr_html_``) of results and profiles.

Every view is a ``<div class="goldenrecord">`` holding one ``<style>`` block whose
rules all start with that class, so a view restyles nothing else on the page. The
rules undo what notebook themes do to tables (right-aligned text, fixed widths,
centred tables): text is left-aligned on one line, free text (class ``wrap``) wraps,
numbers (class ``num``) are right-aligned. Every piece of text that comes from data
goes through :func:`esc`.

>>> view("<p>", esc("<b>"), "</p>").endswith('<p>&lt;b&gt;</p></div>')
True
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Final

__all__ = [
    "STYLE",
    "TABLE",
    "badge",
    "breakable",
    "cell",
    "esc",
    "heading",
    "records",
    "table",
    "view",
]

_CLASS: Final = "goldenrecord"

# The class three times, and every table of a view has the class ``gr``. Host pages
# style tables with up to three classes and two elements: MkDocs Material's
# ``.md-typeset table:not([class]) td:not([align])`` left-aligns every cell and gives
# every header a 5rem minimum width; JupyterLab's
# ``.jupyter-wrapper :not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td`` right-aligns
# them. A table with a class escapes Material's rules altogether, and three classes
# outrank the notebooks' rules, wherever the view's <style> sits on the page.
_R: Final = f".{_CLASS}.{_CLASS}.{_CLASS}"
_T: Final = f"{_R} table.gr"

STYLE: Final = (
    "<style>"
    f"{_R}{{display:block;font-size:12px;line-height:1.35;max-width:100%;overflow-x:auto;"
    "color:inherit;background:transparent;text-align:left}"
    f"{_T}{{display:table;border-collapse:collapse;border:none;margin:0 0 0.8em 0;"
    "table-layout:auto;width:auto;max-width:none;font-size:12px;background:transparent;"
    "box-shadow:none;border-radius:0;overflow:visible}"
    f"{_T} caption{{text-align:left;font-weight:600;padding:0 0 0.3em 0;"
    "caption-side:top;white-space:normal;color:inherit;background:transparent}"
    f"{_T} th,{_T} td,{_T} tr{{text-align:left;vertical-align:top;"
    "padding:2px 8px 2px 0;border:none;min-width:0;max-width:none;white-space:nowrap;"
    "line-height:1.35;font-size:12px;background:transparent;color:inherit;"
    "overflow-wrap:normal;word-break:normal}"
    f"{_T} th{{font-weight:600}}"
    f"{_T} tr:first-child th{{border-bottom:1px solid #999}}"
    f"{_T} tr:hover,{_T} tr:hover td{{background:transparent;box-shadow:none}}"
    # Free text wraps at spaces and at the <wbr> that breakable() puts after the
    # separators of emails, keys and addresses; a word without any (a long token) may
    # break where it must, but never lets the table grow past the view.
    f"{_T} td.wrap{{white-space:normal;overflow-wrap:break-word;min-width:5em}}"
    f"{_T} th.num,{_T} td.num{{text-align:right;font-variant-numeric:tabular-nums}}"
    # Other values in grey that follows the host's text colour, light or dark theme.
    f"{_T} tr.other td{{opacity:0.7}}"
    f"{_T} tr.total td,{_T} tr.total th{{border-top:1px solid #999;font-weight:600}}"
    # Material draws <details> as an admonition box: keep them plain disclosure triangles.
    f"{_R} details{{display:block;margin:0;padding:0;border:none;border-radius:0;"
    "box-shadow:none;background:none;font-size:inherit;overflow:visible}"
    f"{_R} details>summary{{display:list-item;cursor:pointer;margin:0;padding:0;"
    "border:none;background:none;font-weight:normal;min-height:0}"
    f"{_R} details>summary::before,{_R} details>summary::after{{display:none}}"
    f"{_R} .key{{white-space:nowrap}}"
    f"{_R} .badge{{display:inline-block;padding:0 6px;margin:0 6px 0 0;"
    "border-radius:3px;color:#111}"
    f"{_R} .yes{{background:#c8e6c9}}{_R} .no{{background:#ffcdd2}}"
    f"{_R} .unknown{{background:#e0e0e0}}"
    f"{_R} p{{text-align:left;margin:0 0 0.4em 0;font-size:12px;line-height:1.35}}"
    f"{_R} p.head{{font-weight:600}}"
    "</style>"
)
"""The one stylesheet of every view, scoped to the view's class. Cells do not wrap
unless they have the class ``wrap`` (free text: values, record ids, level labels);
``num`` right-aligns a number. Text takes the host's colour, so a dark theme stays
readable; other values are the same colour, faded."""


TABLE: Final = '<table class="gr">'
"""The opening tag of every table in a view (the class keeps host styles off it)."""


def esc(value: object) -> str:
    """Text for HTML: ``str(value)`` with ``&``, ``<``, ``>`` and quotes escaped.

    >>> esc('<a href="x">')
    '&lt;a href=&quot;x&quot;&gt;'
    """
    return html.escape(str(value))


_BREAK_AFTER: Final = re.compile(r"([@._/])(?=\w)")


def breakable(value: object) -> str:
    """Escaped text with a line-break opportunity (``<wbr>``) after each ``@ . _ /``
    followed by a letter or digit: an email or a web address in a narrow column wraps
    between its parts, never mid-word.

    >>> breakable("ann.lee@mail.com")
    'ann.<wbr>lee@<wbr>mail.<wbr>com'
    """
    return _BREAK_AFTER.sub(r"\1<wbr>", esc(value))


def heading(text: str) -> str:
    """The first line of a view, in bold."""
    return f'<p class="head">{esc(text)}</p>'


def badge(text: str, state: str) -> str:
    """A coloured label for a consent state (``"yes"``, ``"no"`` or ``"unknown"``)."""
    return f'<span class="badge {esc(state)}">{esc(text)}</span>'


def _keys(keys: Sequence[str]) -> str:
    return ", ".join(f'<span class="key">{esc(k)}</span>' for k in keys)


def records(keys: Sequence[str]) -> str:
    """Record keys for a lineage cell: all of them when four or fewer, else the
    first three and a count, with a ``<details>`` that unfolds the rest (a short list
    is never folded: a key such as ``0`` would read like a count). A line may break
    between keys, never inside one (``crm-000001`` stays whole).

    >>> records(["0", "1"])
    '<span class="key">0</span>, <span class="key">1</span>'
    >>> records(["r1", "r2", "r3", "r4", "r5", "r6"]).count("<summary>")
    1
    """
    if len(keys) <= 4:
        return _keys(keys)
    first, rest = _keys(keys[:3]), _keys(keys[3:])
    return f"<details><summary>{first} and {len(keys) - 3} more</summary>{rest}</details>"


def cell(value: object) -> str:
    """A table cell: a number right-aligned (an integer with thousands separators),
    anything else escaped text.

    >>> cell(12345), cell("a<b")
    ('<td class="num">12,345</td>', '<td>a&lt;b</td>')
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"<td>{esc(value)}</td>"
    text = f"{value:,}" if isinstance(value, int) else esc(value)
    return f'<td class="num">{text}</td>'


def table(caption: str, head: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A captioned table with a header row and one row per item; ``""`` without rows.

    >>> table("refused", ("constraint", "matches"), [])
    ''
    """
    if not rows:
        return ""
    th = "".join(f"<th>{esc(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(cell(v) for v in row) + "</tr>" for row in rows)
    return f'<table class="gr"><caption>{esc(caption)}</caption><tr>{th}</tr>{body}</table>'


def view(*parts: str) -> str:
    """The parts of one view in its scoped ``<div>``, with the stylesheet."""
    return f'<div class="{_CLASS}">{STYLE}{"".join(parts)}</div>'
