"""Fitting printed output to the terminal: its width, lines wrapped between words, and
tables whose wide columns shrink to fit.

The rule for a table: columns keep their natural width while the table fits. Otherwise
the flexible columns (values, record lists) give up width, the widest first, down to a
floor each; if the floors do not fit either, the droppable columns (such as "other
values") are left out, the last first. A text cell is cut with ``…``; a list cell
(:class:`Items`, record keys) is never cut inside an item: it shows the items that fit
and ``+N more``, or only the count."""

from __future__ import annotations

import os
import shutil
import textwrap
import unicodedata
from collections.abc import Sequence
from typing import TextIO

import attrs

DEFAULT_WIDTH = 100
"""The width of output that is not a terminal (a file, a pipe) when ``COLUMNS`` is
not set."""

_NARROWEST = 40


def text_width(s: str) -> int:
    """Terminal cells taken by ``s`` (East Asian wide characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def pad(s: str, width: int) -> str:
    """``s`` with spaces after it up to ``width`` cells."""
    return s + " " * max(0, width - text_width(s))


def clip(s: str, width: int) -> str:
    """``s`` cut to ``width`` cells, ending with ``…`` when cut."""
    if text_width(s) <= width:
        return s
    out = ""
    for ch in s:
        if text_width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def output_width(out: TextIO) -> int:
    """The columns ``out`` can show: the terminal's width (or ``COLUMNS``) when ``out``
    is a terminal or ``COLUMNS`` is set, else :data:`DEFAULT_WIDTH`; at least 40."""
    isatty = getattr(out, "isatty", None)
    if (callable(isatty) and isatty()) or os.environ.get("COLUMNS", "").strip():
        return max(_NARROWEST, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)
    return DEFAULT_WIDTH


def say(text: str, out: TextIO, width: int, indent: str = "") -> None:
    """Print ``text`` wrapped to ``width`` between words; ``indent`` starts the first
    line and, with two more spaces, the lines that continue it. A word longer than a
    line (an id, a path) is not broken."""
    lines = textwrap.wrap(
        text,
        width=width,
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_long_words=False,
        break_on_hyphens=False,
    )
    for line in lines or [indent.rstrip()]:
        print(line, file=out)


@attrs.frozen
class Items:
    """A cell listing items (record keys, values) that are shown whole or not at all.

    Attributes:
        items: the items, in order.
        sep: what joins them.
        noun: what ``+N more`` counts, for the count alone (``"3 records"``).
        empty: the cell without items.
    """

    items: tuple[str, ...]
    sep: str = ", "
    noun: str = "records"
    empty: str = "-"

    def natural(self) -> str:
        return self.sep.join(self.items) or self.empty

    def fit(self, width: int) -> str:
        """As many whole items as fit in ``width`` cells, then ``+N more``; the count
        alone when not even the first fits."""
        n = len(self.items)
        if text_width(self.natural()) <= width:
            return self.natural()
        for k in range(n - 1, 0, -1):
            shown = f"{self.sep.join(self.items[:k])} +{n - k} more"
            if text_width(shown) <= width:
                return shown
        return f"{n} {self.noun}"


@attrs.frozen
class Column:
    """How a table column behaves when the table is too wide.

    Attributes:
        name: the header.
        floor: the narrowest the column gets (None: it keeps its natural width).
        rank: the columns of the lowest rank give up width first, down to their floors.
        droppable: the column may be left out when the floors do not fit.
    """

    name: str
    floor: int | None = None
    rank: int = 0
    droppable: bool = False


Cell = str | Items


def _natural(cell: Cell) -> int:
    return text_width(cell.natural() if isinstance(cell, Items) else cell)


def _render(cell: Cell, width: int) -> str:
    return cell.fit(width) if isinstance(cell, Items) else clip(cell, width)


def _widths(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], room: int) -> list[int]:
    """Each column's width so that the table takes at most ``room`` cells if it can:
    the flexible columns shrink by rank, and within a rank the widest first, each down
    to its floor."""
    widths = [
        max([text_width(c.name)] + [_natural(r[i]) for r in rows]) for i, c in enumerate(columns)
    ]
    floors = [
        w if c.floor is None else min(w, max(c.floor, text_width(c.name)))
        for c, w in zip(columns, widths, strict=True)
    ]
    excess = sum(widths) + 2 * (len(widths) - 1) - room
    while excess > 0:
        shrinkable = [i for i in range(len(widths)) if widths[i] > floors[i]]
        if not shrinkable:
            break
        rank = min(columns[i].rank for i in shrinkable)
        tier = [i for i in shrinkable if columns[i].rank == rank]
        widths[max(tier, key=lambda i: (widths[i], -i))] -= 1
        excess -= 1
    return widths


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(pad(t, w) for t, w in zip(cells, widths, strict=True)).rstrip()


def print_table(
    columns: Sequence[Column], rows: Sequence[Sequence[Cell]], out: TextIO, width: int
) -> None:
    """Print a table with a header rule, fitted to ``width`` cells (see the module
    docstring); droppable columns left out are named on a line below."""
    kept: list[Column] = list(columns)
    cells: list[list[Cell]] = [list(r) for r in rows]
    dropped: list[str] = []
    widths = _widths(kept, cells, width)
    while sum(widths) + 2 * (len(widths) - 1) > width and any(c.droppable for c in kept):
        i = max(i for i, c in enumerate(kept) if c.droppable)
        dropped.append(kept.pop(i).name)
        for r in cells:
            del r[i]
        widths = _widths(kept, cells, width)
    print(_line([c.name for c in kept], widths), file=out)
    print(_line(["-" * w for w in widths], widths), file=out)
    for r in cells:
        print(
            _line([_render(cell, w) for cell, w in zip(r, widths, strict=True)], widths), file=out
        )
    if dropped:
        say(f"({', '.join(dropped)} left out to fit {width} columns; --json has all)", out, width)
