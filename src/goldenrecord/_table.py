"""Reading the tables users hand in: pandas, polars, Arrow, columnar dicts, rows of dicts,
and paths to CSV, Parquet and JSON Lines files (read by :mod:`goldenrecord._io`).

Any other engine that speaks Arrow is taken through the Arrow PyCapsule interface: an
object with ``__arrow_c_stream__`` (a DuckDB relation, a pyarrow RecordBatchReader, a
Polars frame, a DataFusion or ibis result, ...) is read with pyarrow, or with polars
when pyarrow is not installed. A Polars LazyFrame is collected; a DuckDB relation is
fetched (through Arrow, or row by row without pyarrow).

Everything becomes :class:`Columns`: an ordered mapping of column name to a list of
Python cell values, all of one length. Frame libraries are imported by nobody here;
a frame is recognised by the methods it has, so the core stays light.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterable, Mapping
from typing import Any

from goldenrecord._io import is_lazy, is_path, names_files, read_table
from goldenrecord._io_formats import require
from goldenrecord.errors import SettingsError

__all__ = ["Columns", "is_table_object", "read_sources", "to_columns"]

Columns = dict[str, list[Any]]

_FRAME_MODULES = ("pandas", "polars", "pyarrow", "duckdb", "_duckdb")


def _is_lazy_polars(data: object) -> bool:
    module = type(data).__module__.split(".")[0]
    return module == "polars" and callable(getattr(data, "collect", None))


def _is_duckdb_relation(data: object) -> bool:
    module = type(data).__module__.split(".")[0]
    return module in ("duckdb", "_duckdb") and all(
        hasattr(data, name) for name in ("columns", "fetchall", "types")
    )


def is_table_object(value: object) -> bool:
    """Whether a value is a table object of a frame library or an Arrow-speaking
    engine (not a mapping, a list or a path): a pandas, polars or pyarrow object, a
    Polars LazyFrame, a DuckDB relation, anything with ``__arrow_c_stream__``.

    >>> is_table_object({"id": [1]}), is_table_object("t.csv")
    (False, False)
    """
    if isinstance(value, (str, bytes, Mapping, list)):
        return False
    module = type(value).__module__.split(".")[0]
    return module in _FRAME_MODULES or hasattr(type(value), "__arrow_c_stream__")


def _from_arrow_stream(data: Any) -> Columns:
    """Columns of an object with ``__arrow_c_stream__``, through pyarrow or polars."""
    try:
        pyarrow = importlib.import_module("pyarrow")
    except ImportError:
        try:
            polars = importlib.import_module("polars")
        except ImportError:
            require("pyarrow", "reading an Arrow stream (an object with __arrow_c_stream__)")
            raise  # pragma: no cover - require raised
        frame = polars.DataFrame(data)
        return {str(k): list(v) for k, v in frame.to_dict(as_series=False).items()}
    from_stream = getattr(pyarrow.RecordBatchReader, "from_stream", None)
    try:
        table = from_stream(data).read_all() if from_stream is not None else pyarrow.table(data)
    except (TypeError, ValueError) as err:  # pyarrow.ArrowInvalid is a ValueError
        raise SettingsError(
            f"the Arrow stream of a {type(data).__name__} is not a table of columns (a "
            f"single column?); pass a table ({type(err).__name__})"
        ) from None
    return {str(k): list(v) for k, v in table.to_pydict().items()}


def _from_duckdb(data: Any) -> Columns:
    names = [str(c) for c in data.columns]
    if len(set(names)) != len(names):
        raise SettingsError("the relation has repeated column names; give each a unique name")
    if (
        hasattr(type(data), "__arrow_c_stream__")
        and importlib.util.find_spec("pyarrow") is not None
    ):
        return _from_arrow_stream(data)
    rows = data.fetchall()
    if not rows:
        return {n: [] for n in names}
    return {n: list(cells) for n, cells in zip(names, zip(*rows, strict=True), strict=True)}


def _from_frame(data: Any) -> Columns | None:
    module = type(data).__module__.split(".")[0]
    if _is_lazy_polars(data) and not hasattr(data, "to_dict"):
        data = data.collect()
    if _is_duckdb_relation(data):
        return _from_duckdb(data)
    if module == "pandas" and hasattr(data, "columns") and hasattr(data, "iloc"):
        names = [str(c) for c in data.columns]
        if len(set(names)) != len(names):
            raise SettingsError("the DataFrame has repeated column names; give each a unique name")
        out: Columns = {}
        for c in data.columns:
            series = data[c]
            mask = series.isna().tolist()
            out[str(c)] = [None if m else v for v, m in zip(series.tolist(), mask, strict=True)]
        return out
    if module == "polars" and hasattr(data, "to_dict"):
        return {str(k): list(v) for k, v in data.to_dict(as_series=False).items()}
    if module == "pyarrow" and hasattr(data, "to_pydict"):
        return {str(k): list(v) for k, v in data.to_pydict().items()}
    if module in ("polars", "pyarrow") and not (_is_lazy_polars(data) or hasattr(data, "read_all")):
        return None  # a column (a Series, an Array), not a table
    if hasattr(type(data), "__arrow_c_stream__"):
        return _from_arrow_stream(data)
    return None


def to_columns(data: object) -> Columns:
    """Turn a supported table into columns of Python values.

    Accepts a pandas or polars DataFrame (or LazyFrame, collected), a pyarrow Table or
    RecordBatchReader, a DuckDB relation, any object with ``__arrow_c_stream__`` (the
    Arrow PyCapsule interface), a mapping of column name to a
    sequence of cells (columnar), an iterable of row mappings (a missing key in a row
    is a missing cell), or the path (``str`` or :class:`os.PathLike`) of a CSV, Parquet
    or JSON Lines file, chosen by its suffix (see :func:`goldenrecord._io.read_table`).

    >>> to_columns([{"id": 1, "email": "a@b.io"}, {"id": 2}])
    {'id': [1, 2], 'email': ['a@b.io', None]}
    >>> to_columns({"id": (1, 2), "email": ["a@b.io", None]})
    {'id': [1, 2], 'email': ['a@b.io', None]}

    Raises:
        SettingsError: the object is not a table, or its columns differ in length; a
            path with an unknown suffix, to a missing file or to a malformed one.
        ImportError: a Parquet path, or an Arrow stream, without pyarrow (the
            ``goldenrecord[arrow]`` extra) nor polars.
    """
    if is_path(data):
        return read_table(data)
    frame = _from_frame(data)
    if frame is not None:
        return frame
    if isinstance(data, Mapping):
        columns: Columns = {}
        for key, cells in data.items():
            if isinstance(cells, (str, bytes)) or not isinstance(cells, Iterable):
                raise SettingsError(
                    "a mapping passed as a table must map column names to sequences of cells; "
                    f"column {key!r} holds a {type(cells).__name__}"
                )
            tolist = getattr(cells, "tolist", None) or getattr(cells, "to_list", None)
            columns[str(key)] = list(tolist()) if callable(tolist) else list(cells)
        lengths = {len(v) for v in columns.values()}
        if len(lengths) > 1:
            raise SettingsError(
                "columns differ in length: "
                + ", ".join(f"{k}={len(v)}" for k, v in columns.items())
            )
        return columns
    if isinstance(data, bytes) or not isinstance(data, Iterable):
        raise SettingsError(
            "data must be a pandas or polars DataFrame, a pyarrow Table, an object with "
            "__arrow_c_stream__ (a DuckDB relation, ...), a mapping of column names to cells, "
            "an iterable of row mappings, or the path of a CSV, Parquet or JSON Lines file; "
            f"got {type(data).__name__}"
        )
    rows = list(data)
    names: dict[str, None] = {}
    for i, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise SettingsError(
                f"row {i} is a {type(row).__name__}; rows must be mappings of column to value"
            )
        for key in row:
            names.setdefault(str(key), None)
    return {name: [row.get(name) for row in rows] for name in names}


def read_sources(data: object, *, encoding: str | None = None, sep: str | None = None) -> object:
    """Replace file paths and lazy tables (:func:`~goldenrecord._io.is_lazy`) by their
    columns: a path, or a mapping of source name to path.

    Anything else is returned as it is. In a mapping, every value that is a path or a
    lazy table is read (the others, tables already, are kept), so sources may mix files,
    streams and frames. ``encoding`` and ``sep`` are as
    :func:`~goldenrecord._io.read_table`'s, for every file.

    Raises:
        SettingsError: as :func:`~goldenrecord._io.read_table`, prefixed with the source's name.
    """
    if is_path(data):
        return read_table(data, encoding=encoding, sep=sep)
    if is_lazy(data):
        return to_columns(data)
    if isinstance(data, Mapping) and names_files(data):
        out: dict[str, object] = {}
        for name, value in data.items():
            if is_lazy(value):
                value = to_columns(value)
            elif is_path(value):
                try:
                    value = read_table(value, encoding=encoding, sep=sep)
                except SettingsError as err:
                    raise SettingsError(f"source {str(name)!r}: {err}") from None
            out[str(name)] = value
        return out
    return data
