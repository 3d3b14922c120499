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

import bz2
import csv
import datetime as dt
import gzip
import importlib
import json
import lzma
import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Final, TypeGuard

from goldenrecord.errors import SettingsError

__all__ = [
    "FORMATS",
    "arrow_table",
    "file_format",
    "is_cell",
    "is_path",
    "names_files",
    "polars_frame",
    "read_sources",
    "read_table",
    "require",
    "sanitise",
    "sanitise_text",
    "write_table",
]

FORMATS: Mapping[str, str] = {
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
"""File suffix → format."""

_OPENERS: Mapping[str, Callable[..., IO[Any]]] = {
    ".gz": gzip.open,
    ".bz2": bz2.open,
    ".xz": lzma.open,
}

_EXTRAS = {"pyarrow": "arrow", "polars": "polars", "pandas": "pandas", "matplotlib": "viz"}

Columns = dict[str, list[Any]]


_SURROGATE = re.compile("[\ud800-\udfff]")


def sanitise_text(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD, so it encodes as UTF-8.

    >>> sanitise_text("M\\udce9lanie")
    'M\\ufffdlanie'
    >>> sanitise_text("Mélanie 😀")
    'Mélanie 😀'
    """
    if text.isascii():
        return text
    return _SURROGATE.sub("\ufffd", text)


def _clean_cell(value: Any, depth: int = 0) -> Any:
    """A cell with the text inside it sanitised (nested lists and dicts of JSON Lines
    too); the very same object when nothing needed replacing."""
    if isinstance(value, str):
        return sanitise_text(value)
    if depth > 20:
        return value
    if isinstance(value, list):
        items = [_clean_cell(v, depth + 1) for v in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if isinstance(value, dict):
        pairs = {_clean_cell(k, depth + 1): _clean_cell(v, depth + 1) for k, v in value.items()}
        same = list(pairs) == list(value) and all(pairs[k] is value[k] for k in value)
        return value if same else pairs
    return value


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


def require(module: str, what: str) -> Any:
    """Import an optional library, or raise ImportError naming the extra that installs it.

    >>> require("json", "tests").__name__
    'json'
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        extra = _EXTRAS.get(module.split(".")[0], module)
        raise ImportError(
            f"{what} needs {module.split('.')[0]}: install the extra with "
            f"pip install 'goldenrecord[{extra}]'"
        ) from None


def file_format(path: str | os.PathLike[str]) -> tuple[str, str | None]:
    """The format and compression suffix of a file name.

    >>> file_format("customers.csv.gz")
    ('csv', '.gz')
    >>> file_format("out/profiles.parquet")
    ('parquet', None)

    Raises:
        SettingsError: the suffix is not one of :data:`FORMATS` (with a compression
            suffix for CSV and JSON Lines); the message names the suffix and the choices.
    """
    if "\n" in str(path) or "\r" in str(path):  # table text, not a path: never echo it
        raise SettingsError(
            "a string holding line breaks is not a file path; pass the path of a CSV, "
            "Parquet or JSON Lines file, or the table itself (rows, columns or a frame)"
        )
    p = Path(path)
    suffixes = [s.lower() for s in p.suffixes]
    compression = suffixes[-1] if suffixes and suffixes[-1] in _OPENERS else None
    body = suffixes[:-1] if compression else suffixes
    kind = FORMATS.get(body[-1]) if body else None
    if kind is None or (compression is not None and kind == "parquet"):
        given = "".join(p.suffixes[-2:] if compression else p.suffixes[-1:]) or "(none)"
        raise SettingsError(
            f"unknown file suffix {given!r} in {p.name!r}; choose one of "
            f"{', '.join(FORMATS)} (CSV and JSON Lines may also end in .gz, .bz2 or .xz)"
        )
    return kind, compression


def _open_text(path: Path, compression: str | None, mode: str) -> IO[str]:
    encoding = "utf-8-sig" if mode == "r" else "utf-8"
    # Writing: a lone surrogate that reached this far (text that did not come through
    # resolve's sanitised input) is written as "?" rather than failing mid-file.
    errors = "strict" if mode == "r" else "replace"
    if compression is None:
        return open(path, mode, encoding=encoding, errors=errors, newline="")
    opener = _OPENERS[compression]
    stream: IO[str] = opener(path, mode + "t", encoding=encoding, errors=errors, newline="")
    return stream


def read_table(path: str | os.PathLike[str]) -> Columns:
    """Read a CSV, Parquet or JSON Lines file into columns of Python values.

    Args:
        path: the file; its suffix chooses the format (see the module docstring).

    Returns:
        Column name → cells, in file order.

    Raises:
        SettingsError: an unknown suffix, a missing file, a file that is not valid
            for its format (the message names the file and line, never a cell).
        ImportError: Parquet without pyarrow (the ``goldenrecord[arrow]`` extra).
    """
    p = Path(path)
    kind, compression = file_format(p)
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
            return {str(k): list(v) for k, v in table.to_pydict().items()}
        with _open_text(p, compression, "r") as stream:
            columns = _read_csv(stream, p.name) if kind == "csv" else _read_jsonl(stream, p.name)
            clean: Columns = {}
            for name, cells in columns.items():
                clean[_clean_name(name, clean)] = cells
            return clean
    except UnicodeDecodeError as err:
        raise SettingsError(
            f"{p.name!r} is not UTF-8 text (undecodable byte at position {err.start})"
        ) from None
    except (EOFError, gzip.BadGzipFile, lzma.LZMAError) as err:
        raise SettingsError(
            f"{p.name!r} is not a valid {compression} file ({type(err).__name__})"
        ) from None


def _read_csv(stream: IO[str], name: str) -> Columns:
    reader = csv.reader(stream)
    try:
        header = next(reader)
    except StopIteration:
        raise SettingsError(f"{name!r} is empty: a CSV file needs a header row") from None
    except csv.Error as err:
        raise SettingsError(f"{name!r} line 1 is not valid CSV: {err}") from None
    blank = [i + 1 for i, h in enumerate(header) if not h.strip()]
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
                    f"{name!r} line {reader.line_num} has {len(row)} cells; the header has {width}"
                )
            rows.append(row)
    except csv.Error as err:
        raise SettingsError(f"{name!r} line {reader.line_num} is not valid CSV: {err}") from None
    if not rows:
        return {h: [] for h in header}
    return {
        h: [cell if cell else None for cell in cells]
        for h, cells in zip(header, zip(*rows, strict=True), strict=True)
    }


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
    """A single cell (text, a number, a date, None), not a table or a column."""
    if value is None or isinstance(value, (str, bytes)):
        return True
    return not (isinstance(value, (Mapping, list, tuple, set)) or hasattr(value, "__len__"))


_FILE_LIKE: Final = re.compile(r"[^\s,;@]+\.[A-Za-z0-9]{1,8}")
"""Text shaped like a file name (``shop.txt``, ``data/crm.csv``): no blanks, commas or
``@``, and a suffix."""


def names_files(data: object) -> bool:
    """Whether ``data`` is a path, or a mapping of sources holding at least one path.

    A mapping whose values are all single cells is a mapping of sources to files only
    when every value names a table file (a path object, or text with a table suffix);
    otherwise it is one row, such as ``{"email": "ana@x.io"}``, whose cells are never
    taken for file names. In a mapping that mixes paths and tables, every text value
    must look like a file name too (:data:`_FILE_LIKE`).
    """
    if is_path(data):
        return True
    if not isinstance(data, Mapping) or not any(is_path(v) for v in data.values()):
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


def read_sources(data: object) -> object:
    """Replace file paths by their columns: a path, or a mapping of source name to path.

    Anything else is returned as it is. In a mapping, every value that is a path is
    read (the others, tables already, are kept), so sources may mix files and frames.

    Raises:
        SettingsError: as :func:`read_table`, prefixed with the source's name.
    """
    if is_path(data):
        return read_table(data)
    if isinstance(data, Mapping) and names_files(data):
        out: dict[str, object] = {}
        for name, value in data.items():
            if is_path(value):
                try:
                    value = read_table(value)
                except SettingsError as err:
                    raise SettingsError(f"source {str(name)!r}: {err}") from None
            out[str(name)] = value
        return out
    return data


def _plain(value: Any) -> Any:
    """A numpy scalar as its Python value, text sanitised; anything else unchanged."""
    if isinstance(value, (str, list, dict)):
        return _clean_cell(value)
    item = getattr(value, "item", None)
    if callable(item) and type(value).__module__ == "numpy":
        return item()
    return value


def _csv_cell(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return json.dumps([_json_default(v) for v in value], ensure_ascii=False)
    return str(value)


def _json_default(value: Any) -> Any:
    value = _plain(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_json_default(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _uniform(values: list[Any]) -> list[Any]:
    """A column whose present values mix types (text and numbers) as text; else unchanged.

    Frames need one type per column; a column a user filled with both ``12`` and
    ``"AB-12"`` keeps every value, as its text.
    """
    kinds = set()
    for v in values:
        if v is None:
            continue
        kind: type = type(v)
        if isinstance(v, bool):
            kind = bool
        elif isinstance(v, (int, float)):
            kind = float
        elif isinstance(v, dt.datetime):
            kind = dt.datetime
        elif isinstance(v, (list, tuple)):
            kind = list
        kinds.add(kind)
        if len(kinds) > 1:
            return [None if x is None else _csv_cell(x) for x in values]
    if kinds == {float} and any(isinstance(v, float) for v in values):
        return [None if v is None else float(v) for v in values]
    if kinds == {list}:
        return [None if v is None else list(v) for v in values]
    return values


def arrow_table(columns: Mapping[str, Sequence[Any]]) -> Any:
    """A pyarrow Table of the columns (a column of no values at all is text).

    Raises:
        ImportError: pyarrow is not installed (the ``goldenrecord[arrow]`` extra).
    """
    pa = require("pyarrow", "Arrow export")
    arrays = {}
    for name, values in columns.items():
        cells = _uniform([_plain(v) for v in values])
        try:
            array = pa.array(cells)
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
            array = pa.array([None if v is None else _csv_cell(v) for v in cells], pa.string())
        if pa.types.is_null(array.type):
            array = array.cast(pa.string())
        arrays[name] = array
    return pa.table(arrays)


def polars_frame(columns: Mapping[str, Sequence[Any]]) -> Any:
    """A polars DataFrame of the columns (a column of no values at all is text).

    Raises:
        ImportError: polars is not installed (the ``goldenrecord[polars]`` extra).
    """
    pl = require("polars", "polars export")
    series = []
    for name, values in columns.items():
        cells = _uniform([_plain(v) for v in values])
        present = [v for v in cells if v is not None]
        if not present:
            series.append(pl.Series(name, cells, dtype=pl.String))
        elif all(isinstance(v, dt.datetime) for v in present):
            aware = {v.tzinfo is not None for v in present}
            if aware == {True}:  # as UTC, without the constructor's time-zone warning
                naive = [
                    None if v is None else v.astimezone(dt.timezone.utc).replace(tzinfo=None)
                    for v in cells
                ]
                s = pl.Series(name, naive, dtype=pl.Datetime("us"))
                series.append(s.dt.replace_time_zone("UTC"))
            else:
                series.append(pl.Series(name, cells, dtype=pl.Datetime("us"), strict=False))
        else:
            series.append(pl.Series(name, cells))
    return pl.DataFrame(series)


def write_table(columns: Mapping[str, Sequence[Any]], path: str | os.PathLike[str]) -> None:
    """Write columns to a CSV, Parquet or JSON Lines file chosen by the suffix.

    The file is written beside the target under a temporary name and renamed into
    place when complete.

    Raises:
        SettingsError: an unknown suffix, or a folder that does not exist.
        ImportError: Parquet without pyarrow (the ``goldenrecord[arrow]`` extra).
    """
    p = Path(path)
    kind, compression = file_format(p)
    if not p.parent.is_dir():
        raise SettingsError(f"cannot write {p.name!r}: no such folder {str(p.parent)!r}")
    table = arrow_table(columns) if kind == "parquet" else None  # fail before writing
    temporary = p.with_name(f".{p.name}.{os.getpid()}.tmp")
    try:
        if table is not None:
            require("pyarrow.parquet", "writing Parquet").write_table(table, temporary)
        else:
            with _open_text(temporary, compression, "w") as stream:
                if kind == "csv":
                    _write_csv(columns, stream)
                else:
                    _write_jsonl(columns, stream)
        os.replace(temporary, p)
    finally:
        if temporary.exists():
            temporary.unlink()


def _write_csv(columns: Mapping[str, Sequence[Any]], stream: IO[str]) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(list(columns))
    for row in zip(*columns.values(), strict=True):
        writer.writerow([_csv_cell(v) for v in row])


def _write_jsonl(columns: Mapping[str, Sequence[Any]], stream: IO[str]) -> None:
    names = list(columns)
    for row in zip(*columns.values(), strict=True):
        doc = dict(zip(names, row, strict=True))
        stream.write(json.dumps(doc, ensure_ascii=False, default=_json_default) + "\n")
