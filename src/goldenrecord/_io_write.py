"""Writing tables: CSV, JSON Lines, Parquet and Arrow files, and Arrow or polars frames
built from columns of Python values.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from goldenrecord._io_formats import (
    _clean_cell,
    _open_text,
    file_format,
    require,
)
from goldenrecord.errors import SettingsError


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
