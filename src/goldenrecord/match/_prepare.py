"""From raw tables and a schema to the prepared, columnar table that matching reads.

Preparation keys every record, normalizes every field column with the record's own
country where it matters (phones, postcodes, numeric dates), derives the matching
keys (name keys across scripts, nickname-canonical given names, phonetic family names,
email local parts, postcode areas, mobile numbers) and accounts for everything it could not use:
values rejected by reason per field, records rejected whole (no id, a repeated id).

Record keys (:func:`record_key`): for one table, a record's key is its id as text.
For a mapping of source name to table, the key is ``"source:id"`` (ids of different
systems collide routinely), with every ``\\`` and ``:`` of the *source name* escaped
by a backslash (``\\\\`` and ``\\:``), so that the first unescaped colon ends the
source name: source ``a`` with id ``b:c`` is ``a:b:c``, source ``a:b`` with id ``c`` is
``a\\:b:c``, and no two records of different sources or ids share a key. A source
name without either character keeps the plain ``"source:id"``.

A record whose id is missing is rejected with the reason ``missing_id``. Rows that
repeat an id within one table are resolved the same way whatever the order of the
rows: the row with the latest ``updated_at`` is kept (when the schema has that column;
an unreadable or missing time is older than any other), and among rows equally recent
the one whose cells of the schema's columns, written as canonical JSON (keys sorted,
ASCII), sort first (:func:`canonical_row`; the identity store keeps the same row); the
others are rejected with the reason ``duplicate_id``. Nothing is silently dropped.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, Final

import attrs
import jellyfish
import numpy as np
import numpy.typing as npt

from goldenrecord._io import is_cell, sanitise, sanitise_text
from goldenrecord._table import is_table_object, to_columns
from goldenrecord.errors import SettingsError
from goldenrecord.match._names import name_columns
from goldenrecord.match._prepared import PreparedTable, RejectedRecord, take_rows
from goldenrecord.match._region import infer_regions
from goldenrecord.normalize import column
from goldenrecord.normalize._common import as_text
from goldenrecord.normalize._date import date_order
from goldenrecord.normalize._phone import line_type
from goldenrecord.normalize._phone_key import national_keys
from goldenrecord.schema import Schema

__all__ = [
    "MONTH_FIRST_REGIONS",
    "PreparedTable",
    "RejectedRecord",
    "canonical_row",
    "prepare",
    "record_key",
    "schema_columns",
    "sources_sanitised",
    "take_rows",
]

ObjArray = npt.NDArray[np.object_]

MONTH_FIRST_REGIONS: Final = frozenset({"US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "VI"})
"""Regions that write numeric dates month first; everywhere else reads day first."""


def _obj(values: Sequence[Any]) -> ObjArray:
    out = np.empty(len(values), dtype=object)
    out[:] = list(values)
    return out


def _derive(values: Sequence[str | None], fn: Any) -> ObjArray:
    memo: dict[str, Any] = {}
    out: list[Any] = []
    for v in values:
        if v is None:
            out.append(None)
            continue
        r = memo.get(v)
        if r is None and v not in memo:
            r = memo[v] = fn(v)
        out.append(r)
    return _obj(out)


def _phonetic(key: str) -> str | None:
    code = " ".join(jellyfish.metaphone(t) for t in key.split())
    return code or None


def _email_parts(email: str) -> tuple[str, str]:
    local, _, domain = email.rpartition("@")
    return local, domain


def _postcode_area(code: str) -> str:
    return code.split(" ")[0] if " " in code else code[:3]


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


def prepare(data: object, schema: Schema) -> PreparedTable:
    """Key, normalize and derive the matching columns of one table or a mapping of sources.

    Raises:
        SettingsError: a schema column missing from a table (named, with what is there).
    """
    tables, sanitised = sources_sanitised(data, schema.id)
    for name, cols in tables.items():
        try:
            schema.check_columns(cols)
        except SettingsError as err:
            where = f"source {name!r}: " if name is not None else ""
            raise SettingsError(where + str(err)) from None

    kept, rejected = _key_records(tables, schema)
    # Records in key order: everything downstream is then independent of input order.
    kept.sort(key=lambda k: k.key)

    def gather(col: str) -> list[Any]:
        return [tables[k.table][col][k.row] for k in kept]

    raw: dict[str, list[Any]] = {col: gather(col) for col in schema.fields}
    for consent_col in schema.consent.values():
        raw[consent_col] = gather(consent_col)
    updated_at = gather(schema.updated_at) if schema.updated_at else [None] * len(kept)

    keys = [k.key for k in kept]
    sources = [k.source for k in kept]
    code_of = {s: i for i, s in enumerate(sorted({s for s in sources if s is not None}))}
    source_codes = np.array([code_of.get(s, -1) if s else -1 for s in sources], dtype=np.int32)

    columns: dict[str, ObjArray] = {}
    rejected_values: dict[str, dict[str, int]] = {}
    regions: list[str | None] = [schema.default_region] * len(keys)
    own: list[str | None] = [None] * len(keys)  # the record's own country, if it has one
    for col in schema.columns_of("country"):
        res = column(raw[col], "country")
        columns[col] = _obj(res.values)
        rejected_values[col] = dict(res.rejected)
        regions = [c if c is not None else r for c, r in zip(res.values, regions, strict=True)]
        own = [c if c is not None else r for c, r in zip(res.values, own, strict=True)]
    dayfirst = [None if r is None else r not in MONTH_FIRST_REGIONS for r in regions]
    # Phones and postcodes are read with the record's region from its own cells too
    # (postcode shape, another phone's country code, email domain): see _region.
    evidence = infer_regions(schema, raw, columns)
    regions = evidence.regions

    for col, kind in schema.fields.items():
        if kind == "country":
            continue
        options: dict[str, Any] = {}
        if kind == "phone":
            options["region"] = regions
        elif kind == "postcode":
            options["country"] = regions
        elif kind == "date":
            # The column's own unambiguous dates decide its order (07/25/1956 makes
            # 03/04/1980 April 3rd), except for records with a country of their own.
            order = date_order(raw[col])
            options["dayfirst"] = (
                dayfirst
                if order is None
                else [order if c is None else d for c, d in zip(own, dayfirst, strict=True)]
            )
        res = column(raw[col], kind, **options)
        values: list[Any] = res.values
        if kind == "date":
            values = [None if v is None else v.isoformat() for v in values]
        columns[col] = _obj(values)
        rejected_values[col] = dict(res.rejected)
        _add_derived(columns, col, kind, raw[col])
        if kind == "phone":
            columns[f"{col}:national"] = _obj(
                national_keys(values, raw[col], res.reasons, evidence.guessed())
            )
    columns["_name"] = _record_name_key(schema, raw)
    columns.update(name_columns(columns, schema.fields))
    _add_name_words(columns, schema)
    return PreparedTable(
        keys=keys,
        sources=sources,
        source_codes=source_codes,
        columns=columns,
        raw=raw,
        updated_at=updated_at,
        rejected_values=rejected_values,
        rejected=rejected,
        fields=dict(schema.fields),
        sanitised=sanitised,
        region_sources=evidence.counts,
    )


def _add_derived(columns: dict[str, ObjArray], col: str, kind: str, raw: list[Any]) -> None:
    """The derived matching keys of one field column (see the compare contract)."""
    values = columns[col].tolist()
    if kind in ("given_name", "family_name", "full_name"):
        keys = column(raw, "name_key").values
        columns[f"{col}:key"] = _obj(keys)
        if kind == "given_name":
            columns[f"{col}:canon"] = _obj(column(raw, "given_name_canonical").values)
            columns[f"{col}:initial"] = _derive(keys, lambda k: k[:1])
            columns[f"{col}:prefix2"] = _derive(keys, lambda k: k[:2])
        elif kind == "family_name":
            columns[f"{col}:phonetic"] = _derive(keys, _phonetic)
            columns[f"{col}:prefix4"] = _derive(keys, lambda k: k[:4])
    elif kind == "email":
        parts = _derive(values, _email_parts)
        columns[f"{col}:local"] = _obj([None if p is None else p[0] for p in parts])
        columns[f"{col}:domain"] = _obj([None if p is None else p[1] for p in parts])
    elif kind == "phone":
        # Mobiles are personal; a landline is shared by a household.
        columns[f"{col}:mobile"] = _derive(
            values, lambda p: p if line_type(p) == "mobile" else None
        )
    elif kind == "postcode":
        columns[f"{col}:area"] = _derive(values, _postcode_area)
    elif kind == "date":
        columns[f"{col}:year"] = _derive(values, lambda d: d[:4])
        columns[f"{col}:monthday"] = _derive(values, lambda d: d[5:])


def _name_words(key: str | None, canonical: str | None) -> tuple[str, ...] | None:
    if key is None:
        return None
    words = dict.fromkeys(key.split())
    if canonical is not None:
        words.update(dict.fromkeys(canonical.split()))
    return tuple(words)


def _add_name_words(columns: dict[str, ObjArray], schema: Schema) -> None:
    """Blocking keys from the words of the whole name, each a tuple (any word may meet).

    ``_name:words`` holds the words of ``_name`` and the nickname-canonical given name,
    so a record whose family name landed in the given-name field, or is missing, still
    meets its other records on any shared word; ``_name:prefixes`` holds each word's
    first four letters and ``_name:sounds`` each word's metaphone code, which survive a
    typo late in a word or a misspelling that sounds alike.
    """
    given = schema.columns_of("given_name")
    n = len(columns["_name"])
    canonical = (
        column(columns[f"{given[0]}:canon"].tolist(), "name_key").values if given else [None] * n
    )
    memo: dict[tuple[str | None, str | None], tuple[str, ...] | None] = {}
    words: list[tuple[str, ...] | None] = []
    for pair in zip(columns["_name"].tolist(), canonical, strict=True):
        if pair not in memo:
            memo[pair] = _name_words(*pair)
        words.append(memo[pair])
    columns["_name:words"] = _obj(words)
    distinct = {w for w in words if w is not None}
    prefixes = {w: tuple(dict.fromkeys(t[:4] for t in w)) for w in distinct}
    sounds = {
        w: tuple(dict.fromkeys(c for t in w if (c := jellyfish.metaphone(t)))) for w in distinct
    }
    columns["_name:prefixes"] = _obj([None if w is None else prefixes[w] for w in words])
    columns["_name:sounds"] = _obj([None if w is None else sounds[w] or None for w in words])


def _record_name_key(schema: Schema, raw: Mapping[str, list[Any]]) -> ObjArray:
    """The whole name of each record as one order- and script-insensitive key."""
    given = schema.columns_of("given_name")
    family = schema.columns_of("family_name")
    full = schema.columns_of("full_name")
    n = len(next(iter(raw.values()))) if raw else 0
    if given or family:
        parts = [raw[c] for c in (*given[:1], *family[:1])]
        joined = [
            " ".join(t for t in (as_text(v) for v in row) if isinstance(t, str)) or None
            for row in zip(*parts, strict=True)
        ]
        return _obj(column(joined, "name_key").values)
    if full:
        return _obj(column(raw[full[0]], "name_key").values)
    return _obj([None] * n)
