"""CSV files as exported by real tools: the delimiter sniffed, header names trimmed.

Spreadsheets and databases write CSV in many dialects: a semicolon where the decimal
mark is a comma, a tab from "text" exports, a pipe from mainframe dumps, a space after
every comma (the FEBRL files: ``rec_id, given_name, ...``). :func:`read_csv` reads
them all without being told, and says what it had to guess in :attr:`Table.notes`
(column names and dialect only, never a cell):

>>> import io
>>> table = read_csv(io.StringIO("id; email\\n1; ana@x.io\\n"), "t.csv")
>>> table
{'id': ['1'], 'email': ['ana@x.io']}
>>> table.notes
('t.csv: read as semicolon-separated (sniffed; give sep= or --sep to choose)', 't.csv: skipped the space after each delimiter')
"""  # noqa: E501

from __future__ import annotations

import csv
import itertools
from typing import IO, Any, Final

from goldenrecord.errors import SettingsError

__all__ = ["DELIMITERS", "Table", "choose_sep", "read_csv"]

DELIMITERS: Final = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
"""The delimiters sniffed, most likely first, with the names notes use."""

_SAMPLE_LINES: Final = 20


class Table(dict[str, list[Any]]):
    """Columns read from a file, with notes on how they were read (``notes``: the
    dialect that was sniffed, header names that were trimmed); a plain ``dict`` of
    column name → cells otherwise."""

    notes: tuple[str, ...] = ()


def choose_sep(sep: str | None) -> str | None:
    """A delimiter given by name or character (``"tab"``, ``"\\t"``, ``";"``), or None to
    sniff.

    >>> choose_sep("tab"), choose_sep(";"), choose_sep(None)
    ('\\t', ';', None)

    Raises:
        SettingsError: anything but one character or a delimiter's name.
    """
    if sep is None:
        return None
    names = {name: char for char, name in DELIMITERS.items()}
    if sep.lower() in names:
        return names[sep.lower()]
    if sep == "\\t":
        return "\t"
    if len(sep) != 1 or sep in '\r\n"':
        raise SettingsError(
            f"sep must be one character or one of {', '.join(names)}; got {len(sep)} characters"
            if len(sep) != 1
            else "sep cannot be a quote or a line break"
        )
    return sep


def _widths(lines: list[str], sep: str) -> list[int]:
    try:
        return [len(row) for row in csv.reader(lines, delimiter=sep) if row]
    except csv.Error:
        return []


def _sniff(lines: list[str]) -> str:
    """The delimiter that splits the header into the most columns and every sampled line
    into as many; failing that, the one that splits the header most; comma at last."""
    best, best_width = ",", 1
    for sep in DELIMITERS:
        widths = _widths(lines, sep)
        if widths and widths[0] > best_width and all(w == widths[0] for w in widths):
            best, best_width = sep, widths[0]
    if best_width > 1:
        return best
    for sep in DELIMITERS:
        widths = _widths(lines[:1], sep)
        if widths and widths[0] > best_width:
            best, best_width = sep, widths[0]
    return best


def read_csv(stream: IO[str], name: str, sep: str | None = None) -> Table:
    """Read a CSV stream with a header row into columns of text (empty cells None).

    Args:
        stream: the text.
        name: the file name, for messages and notes.
        sep: the delimiter; None sniffs it among comma, semicolon, tab and pipe.

    Raises:
        SettingsError: no header, an empty or repeated column name, a row whose width
            differs from the header's, malformed quoting (file name and line only).
    """
    sample = list(itertools.islice(stream, _SAMPLE_LINES))
    notes: list[str] = []
    delimiter = _sniff(sample) if sep is None else sep
    if sep is None and delimiter != ",":
        notes.append(
            f"{name}: read as {DELIMITERS[delimiter]}-separated (sniffed; give sep= or "
            "--sep to choose)"
        )
    first = sample[0].rstrip("\r\n") if sample else ""
    # A space after every delimiter of the header (FEBRL's ", "): the writer padded
    # every cell, so the padding is skipped in the cells too.
    padded = delimiter in first and all(part.startswith(" ") for part in first.split(delimiter)[1:])
    if padded:
        notes.append(f"{name}: skipped the space after each delimiter")
    reader = csv.reader(
        itertools.chain(sample, stream), delimiter=delimiter, skipinitialspace=padded
    )
    try:
        raw_header = next(reader)
    except StopIteration:
        raise SettingsError(f"{name!r} is empty: a CSV file needs a header row") from None
    except csv.Error as err:
        raise SettingsError(f"{name!r} line 1 is not valid CSV: {err}") from None
    header = [h.strip() for h in raw_header]
    trimmed = sum(a != b for a, b in zip(header, raw_header, strict=True))
    if trimmed:
        notes.append(f"{name}: trimmed the spaces around {trimmed} column name(s)")
    blank = [i + 1 for i, h in enumerate(header) if not h]
    if blank:
        raise SettingsError(
            f"{name!r}: header cell(s) {', '.join(map(str, blank))} are empty; name every column"
        )
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        raise SettingsError(
            f"{name!r}: repeated column name(s) {', '.join(map(repr, repeated))} in the header"
        )
    width = len(header)
    rows: list[list[str]] = []
    try:
        for row in reader:
            if len(row) != width:
                if not row:  # a blank line
                    continue
                raise SettingsError(
                    f"{name!r} line {reader.line_num} has {len(row)} cells; the header has "
                    f"{width}" + ("" if sep is not None else "; give the delimiter with sep=")
                )
            rows.append(row)
    except csv.Error as err:
        raise SettingsError(f"{name!r} line {reader.line_num} is not valid CSV: {err}") from None
    table = Table(
        {h: [] for h in header}
        if not rows
        else {
            h: [cell if cell else None for cell in cells]
            for h, cells in zip(header, zip(*rows, strict=True), strict=True)
        }
    )
    table.notes = tuple(notes)
    return table
