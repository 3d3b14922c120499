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
from collections.abc import Sequence
from typing import Final

__all__ = ["STYLE", "badge", "cell", "esc", "heading", "records", "table", "view"]

_CLASS: Final = "goldenrecord"

# The class twice: notebook themes style tables with two classes and an element
# (JupyterLab: ``:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td``, right-aligned),
# so one class would lose to them.
_R: Final = f".{_CLASS}.{_CLASS}"

STYLE: Final = (
    "<style>"
    f"{_R}{{font-size:12px;line-height:1.35;max-width:100%;overflow-x:auto}}"
    f"{_R} table{{border-collapse:collapse;margin:0 0 0.8em 0;table-layout:auto;"
    "width:auto;font-size:12px}"
    f"{_R} table caption{{text-align:left;font-weight:600;padding:0 0 0.3em 0;"
    "caption-side:top;white-space:nowrap;color:inherit}"
    f"{_R} table th,{_R} table td,{_R} table tr{{text-align:left;vertical-align:top;"
    "padding:2px 12px 2px 0;border:none;max-width:none;white-space:nowrap;"
    "line-height:1.35}"
    f"{_R} table tr:first-child th{{border-bottom:1px solid #999}}"
    f"{_R} table td.wrap{{white-space:normal;overflow-wrap:anywhere;min-width:8em}}"
    f"{_R} table .num{{text-align:right;font-variant-numeric:tabular-nums}}"
    f"{_R} table tr.other td{{color:#777}}"
    f"{_R} table tr.total td,{_R} table tr.total th{{border-top:1px solid #999;"
    "font-weight:600}"
    f"{_R} details summary{{cursor:pointer;display:list-item}}"
    f"{_R} .badge{{display:inline-block;padding:0 6px;margin:0 6px 0 0;"
    "border-radius:3px;color:#111}"
    f"{_R} .yes{{background:#c8e6c9}}{_R} .no{{background:#ffcdd2}}"
    f"{_R} .unknown{{background:#e0e0e0}}"
    f"{_R} p{{text-align:left;margin:0 0 0.4em 0}}"
    f"{_R} p.head{{font-weight:600}}"
    "</style>"
)
"""The one stylesheet of every view, scoped to the view's class. Cells do not wrap
unless they have the class ``wrap`` (free text: values, record ids, level labels);
``num`` right-aligns a number."""


def esc(value: object) -> str:
    """Text for HTML: ``str(value)`` with ``&``, ``<``, ``>`` and quotes escaped.

    >>> esc('<a href="x">')
    '&lt;a href=&quot;x&quot;&gt;'
    """
    return html.escape(str(value))


def heading(text: str) -> str:
    """The first line of a view, in bold."""
    return f'<p class="head">{esc(text)}</p>'


def badge(text: str, state: str) -> str:
    """A coloured label for a consent state (``"yes"``, ``"no"`` or ``"unknown"``)."""
    return f'<span class="badge {esc(state)}">{esc(text)}</span>'


def records(keys: Sequence[str]) -> str:
    """Record keys for a lineage cell: all of them when four or fewer, else the
    first three and a count, with a ``<details>`` that unfolds the rest (a short list
    is never folded: a key such as ``0`` would read like a count).

    >>> records(["0", "1", "2"])
    '0, 1, 2'
    >>> records(["r1", "r2", "r3", "r4", "r5", "r6"])
    '<details><summary>r1, r2, r3 and 3 more</summary>r4, r5, r6</details>'
    """
    if len(keys) <= 4:
        return esc(", ".join(keys))
    first, rest = esc(", ".join(keys[:3])), esc(", ".join(keys[3:]))
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
    return f"<table><caption>{esc(caption)}</caption><tr>{th}</tr>{body}</table>"


def view(*parts: str) -> str:
    """The parts of one view in its scoped ``<div>``, with the stylesheet."""
    return f'<div class="{_CLASS}">{STYLE}{"".join(parts)}</div>'
