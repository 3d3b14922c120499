"""Reading the input into sources and keyed records: record keys (see
:mod:`goldenrecord.match._prepare` for the format), the row kept among rows that repeat
an id, and how a mapping is told apart from a mapping of sources."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import attrs

from goldenrecord._io import is_cell, sanitise, sanitise_text
from goldenrecord._table import is_table_object, to_columns
from goldenrecord.errors import SettingsError
from goldenrecord.match._prepared import RejectedRecord
from goldenrecord.normalize._common import as_text
from goldenrecord.schema import Schema


@attrs.frozen
class _Kept:
    table: str | None
    row: int
    source: str | None
    key: str


def record_key(source: str | None, record_id: str) -> str:
    """The key of a record: its id alone without a source, else ``"source:id"`` with the
    backslashes and colons of the source name escaped (see the module docstring).

    >>> record_key(None, "b:c")
    'b:c'
    >>> record_key("crm", "42")
    'crm:42'
    >>> record_key("a", "b:c"), record_key("a:b", "c")
    ('a:b:c', 'a\\\\:b:c')
    """
    if source is None:
        return record_id
    escaped = source.replace("\\", "\\\\").replace(":", "\\:")
    return f"{escaped}:{record_id}"


def canonical_row(cells: Mapping[str, Any]) -> str:
    """A row's cells as canonical JSON (keys sorted, ASCII): the documented tie-break
    between rows that repeat an id, the same in :func:`goldenrecord.resolve` and the
    identity store (both pass the schema's columns only)."""
    try:
        return json.dumps(cells, sort_keys=True, ensure_ascii=True, default=repr)
    except (TypeError, ValueError, RecursionError):  # e.g. a dict cell with mixed key types
        return repr(sorted((name, repr(cell)) for name, cell in cells.items()))


def schema_columns(schema: Schema) -> list[str]:
    """The input columns a schema reads: id, source, update time, fields, consent."""
    cols = [schema.id]
    for c in (schema.source, schema.updated_at):
        if c is not None:
            cols.append(c)
    cols.extend(schema.fields)
    cols.extend(schema.consent.values())
    return list(dict.fromkeys(cols))


def _key_records(
    tables: Mapping[str | None, Mapping[str, list[Any]]], schema: Schema
) -> tuple[list[_Kept], list[RejectedRecord]]:
    """The records that take part, keyed; the rest rejected with a reason.

    Which row of a repeated id is kept does not depend on the order of the rows (see
    the module docstring).
    """
    kept: list[_Kept] = []
    rejected: list[RejectedRecord] = []
    prefixed = not (len(tables) == 1 and None in tables)
    read = schema_columns(schema)
    for table, cols in tables.items():
        rows_of: dict[str, list[int]] = {}
        row_sources = cols.get(schema.source) if schema.source is not None else None
        for row, raw_id in enumerate(cols[schema.id]):
            text = as_text(raw_id)
            if not isinstance(text, str):
                rejected.append(RejectedRecord(table, row, "missing_id"))
                continue
            key = record_key(table, text) if prefixed else text
            rows_of.setdefault(key, []).append(row)
        times = None
        if schema.updated_at is not None and any(len(r) > 1 for r in rows_of.values()):
            # Lazy: profile reads updated_at cells; importing it at module level would loop.
            from goldenrecord.profile._time import parse_times

            times = parse_times(cols[schema.updated_at]).micros
        for key, rows in rows_of.items():
            row = rows[0]
            if len(rows) > 1:
                ranked = sorted(
                    rows,
                    key=lambda r: (
                        -int(times[r]) if times is not None else 0,
                        canonical_row({c: cols[c][r] for c in read if c in cols}),
                    ),
                )
                row = ranked[0]
                rejected.extend(RejectedRecord(table, r, "duplicate_id", key) for r in ranked[1:])
            source = table
            if row_sources is not None:
                src = as_text(row_sources[row])
                source = src if isinstance(src, str) else table
            kept.append(_Kept(table, row, source, key))
    rejected.sort(key=lambda r: (r.source or "", r.row))
    return kept, rejected


def _is_source(value: object) -> bool:
    """Whether a value of a mapping is a whole table (a mapping of sources), not one
    column of cells: a frame, an Arrow table, a mapping of columns, or a non-empty list
    whose items are all rows (a column may hold a few dicts among its cells)."""
    if isinstance(value, list):
        return bool(value) and all(isinstance(row, Mapping) for row in value)
    return _is_table(value) and not isinstance(value, (str, bytes))


def _is_table(value: object) -> bool:
    return is_table_object(value) or isinstance(value, (Mapping, list))


def split_sources(data: object) -> dict[str | None, dict[str, list[Any]]]:
    """One table, or a mapping of source name to table (each a DataFrame, Arrow table,
    list of row dicts or columnar mapping), as columns per source, with text sanitised
    (lone surrogates replaced, see :func:`goldenrecord._io.sanitise`).

    A mapping whose values are all single cells (text, numbers, None) is one row, not
    a mapping of sources, so a row that lacks the id column is reported as such.
    """
    return sources_sanitised(data)[0]


def _names_the_id_column(data: Mapping[Any, Any], id_column: str | None) -> bool:
    """Whether a mapping is one table's columns by its id column: it has a key named
    like the schema's id whose value is not a source of rows holding that id (a table of
    columns whose cells are all dicts reads like a mapping of sources otherwise)."""
    if id_column is None or id_column not in data:
        return False
    value = data[id_column]
    return not (
        isinstance(value, list)
        and value
        and all(isinstance(row, Mapping) and id_column in row for row in value)
    )


def sources_sanitised(
    data: object, id_column: str | None = None
) -> tuple[dict[str | None, dict[str, list[Any]]], dict[str, int]]:
    """:func:`split_sources`, and the cells sanitised per column (over all sources).

    ``id_column`` (the schema's id) settles a mapping that could be either one table
    of columns or a mapping of sources: a key named like it makes it one table.
    """
    tables: dict[str | None, Any] = {None: data}
    if isinstance(data, Mapping) and data:
        values = list(data.values())
        if all(is_cell(v) for v in values):
            tables = {None: [data]}
        elif (
            not _names_the_id_column(data, id_column)
            and all(_is_source(v) or (isinstance(v, list) and not v) for v in values)
            and any(_is_source(v) for v in values)
        ):
            tables = {sanitise_text(str(name)): table for name, table in data.items()}
            if len(tables) < len(data):
                raise SettingsError(
                    "two source names are the same once their invalid characters (lone "
                    "surrogates) are replaced by U+FFFD; rename the sources"
                )
    out: dict[str | None, dict[str, list[Any]]] = {}
    counts: dict[str, int] = {}
    for name, table in tables.items():
        if (
            name is not None
            and isinstance(table, Mapping)
            and table
            and any(is_cell(v) for v in table.values())
        ):
            table = [table]  # a source given as one row (a table's columns hold sequences)
        out[name], found = sanitise(to_columns(table))
        for column_name, n in found.items():
            counts[column_name] = counts.get(column_name, 0) + n
    return out, counts
