"""Tables as files: CSV, Parquet and JSON Lines, read and written by suffix.

The format is chosen by the file name: ``.csv``, ``.parquet`` (or ``.pq``),
``.jsonl`` (or ``.ndjson``); CSV and JSON Lines may also be compressed, with
``.gz``, ``.bz2`` or ``.xz`` after the format suffix (``customers.csv.gz``).

- CSV is read as UTF-8 (a byte-order mark is skipped) with a header row; every cell
  is a string and an empty cell is a missing value. Written cells follow the same
  rules: a missing value is an empty cell, a date is ISO 8601, a list (the record ids
  of a lineage row) is a JSON array.
- JSON Lines holds one JSON object per line; a key absent from a line is a missing
  cell, and blank lines are skipped.
- Parquet needs pyarrow (the ``goldenrecord[arrow]`` extra).
- Text is made valid Unicode at this boundary (:func:`sanitise`): a lone surrogate
  (``"M\\udce9lanie"``, or ``\\udce9`` escaped in JSON Lines), which no UTF-8 writer
  accepts, becomes U+FFFD (the replacement character). :func:`read_table` cleans
  column names; :func:`goldenrecord.resolve` cleans and counts the cells of every
  input, files and frames alike (``res.report.sanitised``).

Files are written to a temporary name beside the target and renamed into place, so a
failed write never leaves a half-written file under the target's name.

The writers live in ``_io_write``, what readers and writers share in ``_io_formats``;
every name of ``__all__`` is importable from here.

>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "customers.csv"
>>> write_table({"id": ["1", "2"], "email": ["ana@x.io", None]}, path)
>>> read_table(path)
{'id': ['1', '2'], 'email': ['ana@x.io', None]}
>>> read_table(path.with_suffix(".xlsx"))
Traceback (most recent call last):
...
goldenrecord.errors.SettingsError: unknown file suffix '.xlsx' in 'customers.xlsx'; choose one of .csv, .parquet, .pq, .jsonl, .ndjson (CSV and JSON Lines may also end in .gz, .bz2 or .xz)
"""  # noqa: E501

from __future__ import annotations

import codecs
import gzip
import json
import lzma
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any, Final, TypeGuard

from goldenrecord._io_csv import Table, choose_sep, read_csv
from goldenrecord._io_formats import (
    FORMATS,
    _clean_cell,
    _open_binary,
    _open_text,
    file_format,
    require,
    sanitise_text,
)
from goldenrecord._io_write import arrow_table, polars_frame, write_table
from goldenrecord.errors import SettingsError

__all__ = [
    "FORMATS",
    "arrow_table",
    "file_format",
    "is_cell",
    "is_path",
    "names_files",
    "polars_frame",
    "read_notes",
    "read_table",
    "require",
    "sanitise",
    "sanitise_text",
    "write_table",
]


Columns = dict[str, list[Any]]


def _clean_name(name: str, taken: Mapping[str, object]) -> str:
    clean = sanitise_text(name)
    if clean in taken:  # names were unique before: replacing made two alike
        raise SettingsError(
            "two column names are the same once their invalid characters (lone "
            "surrogates) are replaced by U+FFFD; rename the columns"
        )
    return clean


def sanitise(columns: Mapping[str, list[Any]]) -> tuple[Columns, dict[str, int]]:
    """Columns whose names and text cells hold no lone surrogate, and the number of
    cells changed per (sanitised) column name; columns with none are not listed.

    >>> sanitise({"name": ["M\\udce9lanie", "Ana", None]})
    ({'name': ['M\\ufffdlanie', 'Ana', None]}, {'name': 1})
    """
    out: Columns = {}
    counts: dict[str, int] = {}
    for name, cells in columns.items():
        clean_name = _clean_name(str(name), out)
        changed = 0
        clean: list[Any] | None = None
        for i, cell in enumerate(cells):
            if cell is None or (isinstance(cell, str) and cell.isascii()):
                continue
            fixed = _clean_cell(cell)
            if fixed is not cell and fixed != cell:
                if clean is None:
                    clean = list(cells)
                clean[i] = fixed
                changed += 1
        out[clean_name] = clean if clean is not None else cells
        if changed:
            counts[clean_name] = counts.get(clean_name, 0) + changed
    return out, counts


def is_path(value: object) -> TypeGuard[str | os.PathLike[str]]:
    """Whether ``value`` names a file: a ``str`` or an :class:`os.PathLike`."""
    return isinstance(value, (str, os.PathLike))


def read_table(
    path: str | os.PathLike[str], *, encoding: str | None = None, sep: str | None = None
) -> Columns:
    """Read a CSV, Parquet or JSON Lines file into columns of Python values.

    Args:
        path: the file; its suffix chooses the format (see the module docstring).
        encoding: the text encoding of a CSV or JSON Lines file (``"cp1252"``,
            ``"latin-1"``, ...); default UTF-8. A byte-order mark (UTF-8 or UTF-16)
            is detected and skipped whatever is given.
        sep: the CSV delimiter (a character, or ``"comma"``, ``"semicolon"``,
            ``"tab"``, ``"pipe"``); default sniffed among those four.

    Returns:
        Column name → cells, in file order, as a :class:`~goldenrecord._io_csv.Table`
        whose ``notes`` say what had to be guessed (a sniffed delimiter, trimmed
        header names).

    Raises:
        SettingsError: an unknown suffix, a missing file, a file that is not valid
            for its format or not in its encoding (the message names the file and
            line, never a cell), an unknown encoding or delimiter.
        ImportError: Parquet without pyarrow (the ``goldenrecord[arrow]`` extra).
    """
    p = Path(path)
    kind, compression = file_format(p)
    delimiter = choose_sep(sep)
    if not p.exists():
        raise SettingsError(f"no such file: {str(p)!r}")
    try:
        if kind == "parquet":
            parquet = require("pyarrow.parquet", "reading Parquet")
            try:
                table = parquet.read_table(p)
            except (OSError, ValueError) as err:
                raise SettingsError(
                    f"{p.name!r} is not a readable Parquet file ({type(err).__name__})"
                ) from None
            return Table({str(k): list(v) for k, v in table.to_pydict().items()})
        text_encoding = _text_encoding(p, compression, encoding)
        with _open_text(p, compression, "r", encoding=text_encoding) as stream:
            columns = (
                read_csv(stream, p.name, delimiter)
                if kind == "csv"
                else Table(_read_jsonl(stream, p.name))
            )
            clean = Table()
            for name, cells in columns.items():
                clean[_clean_name(name, clean)] = cells
            clean.notes = columns.notes
            return clean
    except UnicodeError as err:
        where = (
            f"undecodable byte at position {err.start}"
            if isinstance(err, UnicodeDecodeError)
            else type(err).__name__
        )
        raise SettingsError(
            f"{p.name!r} is not {_encoding_name(text_encoding)} text ({where}); give its "
            "encoding with encoding= (--encoding on the command line), e.g. cp1252"
        ) from None
    except (EOFError, gzip.BadGzipFile, lzma.LZMAError) as err:
        raise SettingsError(
            f"{p.name!r} is not a valid {compression} file ({type(err).__name__})"
        ) from None


_BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _encoding_name(encoding: str) -> str:
    return {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "utf-16": "UTF-16"}.get(encoding, encoding)


def _text_encoding(path: Path, compression: str | None, encoding: str | None) -> str:
    """The codec to read a text file with: the one its byte-order mark names, else the
    one given, else UTF-8 (a UTF-8 mark is skipped)."""
    if encoding is not None:
        try:
            encoding = codecs.lookup(encoding).name
        except LookupError:
            raise SettingsError(
                f"unknown encoding {encoding!r}; give a Python codec name such as utf-8, "
                "cp1252 or latin-1"
            ) from None
    with _open_binary(path, compression) as stream:
        head = stream.read(4)
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    return "utf-8-sig" if encoding in (None, "utf-8") else str(encoding)


def _read_jsonl(stream: IO[str], name: str) -> Columns:
    names: dict[str, None] = {}
    rows: list[dict[str, Any]] = []
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise SettingsError(
                f"{name!r} line {number} is not JSON: {err.msg} at column {err.colno}"
            ) from None
        if not isinstance(row, dict):
            raise SettingsError(
                f"{name!r} line {number} is a JSON {type(row).__name__}; each line must be "
                "an object of column to value"
            )
        names.update(dict.fromkeys(row))
        rows.append(row)
    return {n: [row.get(n) for row in rows] for n in names}


def _names_a_table_file(value: object) -> bool:
    """Whether a value found in a mapping names a table file: an :class:`os.PathLike`,
    or text ending in a table suffix (``crm.csv``, ``shop.jsonl.gz``); table text
    handed in by mistake counts too, so that reading it says so (without its cells)."""
    if isinstance(value, os.PathLike):
        return True
    if not isinstance(value, str):
        return False
    if "\n" in value or "\r" in value:
        return True
    try:
        file_format(value)
    except SettingsError:
        return False
    return True


def is_cell(value: object) -> bool:
    """A single cell (text, a number, a date, None), not a table or a column (an
    Arrow stream or a Polars LazyFrame, which have no length, are tables)."""
    if value is None or isinstance(value, (str, bytes)):
        return True
    if hasattr(type(value), "__arrow_c_stream__") or (
        type(value).__module__.startswith("polars") and hasattr(value, "collect")
    ):
        return False
    return not (isinstance(value, (Mapping, list, tuple, set)) or hasattr(value, "__len__"))


_FILE_LIKE: Final = re.compile(r"[^\s,;@]+\.[A-Za-z0-9]{1,8}")
"""Text shaped like a file name (``shop.txt``, ``data/crm.csv``): no blanks, commas or
``@``, and a suffix."""


def is_lazy(value: object) -> bool:
    """Whether a table is computed or streamed as it is read, so that it is read once,
    up front, with the files: a Polars LazyFrame, a DuckDB relation (its query runs on
    each read), a pyarrow RecordBatchReader or any other object whose table face is
    ``__arrow_c_stream__`` (a stream may be read only once). Frames and Arrow tables are
    not.

    >>> is_lazy({"id": [1]}), is_lazy("t.csv")
    (False, False)
    """
    if isinstance(value, (str, bytes, Mapping, list)):
        return False
    module = type(value).__module__.split(".")[0]
    if module == "pandas":
        return False
    if module == "polars":  # a LazyFrame (not a DataFrame, nor a Series: a column)
        return hasattr(value, "collect") and not hasattr(value, "to_dict")
    if module == "pyarrow":  # a RecordBatchReader (not a Table, nor a ChunkedArray)
        return hasattr(value, "read_all")
    return hasattr(type(value), "__arrow_c_stream__") or (
        module in ("duckdb", "_duckdb") and hasattr(value, "fetchall")
    )


def names_files(data: object) -> bool:
    """Whether ``data`` is a path, or a mapping of sources holding at least one path;
    or a lazy table (:func:`is_lazy`), or a mapping of sources holding one: everything
    :func:`read_sources` reads.

    A mapping whose values are all single cells is a mapping of sources to files only
    when every value names a table file (a path object, or text with a table suffix);
    otherwise it is one row, such as ``{"email": "ana@x.io"}``, whose cells are never
    taken for file names. In a mapping that mixes paths and tables, every text value
    must look like a file name too (:data:`_FILE_LIKE`).
    """
    if is_path(data) or is_lazy(data):
        return True
    if not isinstance(data, Mapping) or not any(is_path(v) or is_lazy(v) for v in data.values()):
        return False
    values = list(data.values())
    if all(is_cell(v) or isinstance(v, os.PathLike) for v in values):
        return all(_names_a_table_file(v) for v in values)
    # sources mixing files and tables: every text value must name a table file, or the
    # mapping is something else (a row with a nested cell), whose text is never a path
    return all(
        _names_a_table_file(v)
        or (len(os.fspath(v)) <= 4096 and _FILE_LIKE.fullmatch(os.fspath(v)) is not None)
        for v in values
        if is_path(v)
    )


def read_notes(data: object) -> tuple[str, ...]:
    """The notes of the tables :func:`read_sources` read (a sniffed delimiter, trimmed
    header names), in source order; none for tables that were not read from files.

    >>> table = Table({"id": ["1"]})
    >>> table.notes = ("t.csv: read as semicolon-separated",)
    >>> read_notes({"crm": table, "shop": {"id": ["2"]}})
    ('t.csv: read as semicolon-separated',)
    """
    tables = data.values() if isinstance(data, Mapping) and not isinstance(data, Table) else [data]
    return tuple(note for table in tables if isinstance(table, Table) for note in table.notes)
