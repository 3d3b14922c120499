"""From raw tables and a schema to the prepared, columnar table that matching reads.

Preparation keys every record, normalizes every field column with the record's own
country where it matters (phones, postcodes, numeric dates), derives the matching
keys (name keys across scripts, nickname-canonical given names, phonetic family names,
email local parts, postcode areas, mobile numbers) and accounts for everything it could not use:
values rejected by reason per field, records rejected whole (no id, a repeated id).

Record keys: for one table, a record's key is its id as text, and ids must be unique
in that table. For a mapping of source name to table, the key is ``"source:id"``
(ids of different systems collide routinely), and ids must be unique per source. A
record whose id is missing or repeats an earlier id of the same source is rejected
with the reason ``missing_id`` or ``duplicate_id``; it is never silently dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

import attrs
import jellyfish
import numpy as np
import numpy.typing as npt

from goldenrecord._table import to_columns
from goldenrecord.errors import SettingsError
from goldenrecord.match._names import name_columns
from goldenrecord.normalize import column
from goldenrecord.normalize._common import as_text
from goldenrecord.normalize._phone import line_type
from goldenrecord.schema import Schema

__all__ = ["MONTH_FIRST_REGIONS", "PreparedTable", "RejectedRecord", "prepare"]

ObjArray = npt.NDArray[np.object_]

MONTH_FIRST_REGIONS: Final = frozenset({"US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "VI"})
"""Regions that write numeric dates month first; everywhere else reads day first."""


@attrs.frozen
class RejectedRecord:
    """A record that could not take part at all, and why (``missing_id``, ``duplicate_id``)."""

    source: str | None
    row: int
    reason: str
    record_key: str | None = None


@attrs.frozen(repr=False)
class PreparedTable:
    """Normalized columns of the records that take part, in a stable order.

    Attributes:
        keys: one unique record key per record (see the module docstring), sorted, so
            that nothing downstream depends on the order of the input rows.
        sources: each record's source name (None when the input has none).
        source_codes: each record's source as a small integer (sorted source names).
        columns: column name → object array of canonical values (None = missing):
            every schema field column plus derived ``column:derivation`` keys and the
            record-level ``_name`` key (the whole name, order- and script-insensitive).
        raw: column name → raw cell values, for explanations and lineage.
        updated_at: each record's raw last-update value (None without a column).
        rejected_values: field column → reason → count of values normalized to None.
        rejected: records that could not take part at all.
        fields: the schema's field columns and kinds.
    """

    keys: list[str]
    sources: list[str | None]
    source_codes: npt.NDArray[np.int32]
    columns: dict[str, ObjArray]
    raw: dict[str, list[Any]]
    updated_at: list[Any]
    rejected_values: dict[str, dict[str, int]]
    rejected: list[RejectedRecord]
    fields: dict[str, str]

    def __len__(self) -> int:
        return len(self.keys)

    def __repr__(self) -> str:
        return (
            f"PreparedTable(n={len(self.keys)}, fields={len(self.fields)}, "
            f"columns={len(self.columns)}, rejected={len(self.rejected)})"
        )


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


def _key_records(
    tables: Mapping[str | None, Mapping[str, list[Any]]], schema: Schema
) -> tuple[list[_Kept], list[RejectedRecord]]:
    """The records that take part, keyed; the rest rejected with a reason."""
    kept: list[_Kept] = []
    rejected: list[RejectedRecord] = []
    prefixed = not (len(tables) == 1 and None in tables)
    for table, cols in tables.items():
        seen: set[str] = set()
        row_sources = cols.get(schema.source) if schema.source is not None else None
        for row, raw_id in enumerate(cols[schema.id]):
            text = as_text(raw_id)
            if not isinstance(text, str):
                rejected.append(RejectedRecord(table, row, "missing_id"))
                continue
            key = f"{table}:{text}" if prefixed else text
            if key in seen:
                rejected.append(RejectedRecord(table, row, "duplicate_id", key))
                continue
            seen.add(key)
            source = table
            if row_sources is not None:
                src = as_text(row_sources[row])
                source = src if isinstance(src, str) else table
            kept.append(_Kept(table, row, source, key))
    return kept, rejected


def _is_table(value: object) -> bool:
    module = type(value).__module__.split(".")[0]
    return module in ("pandas", "polars", "pyarrow") or isinstance(value, (Mapping, list))


def split_sources(data: object) -> dict[str | None, dict[str, list[Any]]]:
    """One table, or a mapping of source name to table (each a DataFrame, Arrow table,
    list of row dicts or columnar mapping), as columns per source."""
    if isinstance(data, Mapping) and data:
        values = list(data.values())
        if all(_is_table(v) and not isinstance(v, (str, bytes)) for v in values) and not all(
            isinstance(v, list) and (not v or not isinstance(v[0], Mapping)) for v in values
        ):
            return {str(name): to_columns(table) for name, table in data.items()}
    return {None: to_columns(data)}


def prepare(data: object, schema: Schema) -> PreparedTable:
    """Key, normalize and derive the matching columns of one table or a mapping of sources.

    Raises:
        SettingsError: a schema column missing from a table (named, with what is there).
    """
    tables = split_sources(data)
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
    for col in schema.columns_of("country"):
        res = column(raw[col], "country")
        columns[col] = _obj(res.values)
        rejected_values[col] = dict(res.rejected)
        regions = [c if c is not None else r for c, r in zip(res.values, regions, strict=True)]
    dayfirst = [None if r is None else r not in MONTH_FIRST_REGIONS for r in regions]

    for col, kind in schema.fields.items():
        if kind == "country":
            continue
        options: dict[str, Any] = {}
        if kind == "phone":
            options["region"] = regions
        elif kind == "postcode":
            options["country"] = regions
        elif kind == "date":
            options["dayfirst"] = dayfirst
        res = column(raw[col], kind, **options)
        values: list[Any] = res.values
        if kind == "date":
            values = [None if v is None else v.isoformat() for v in values]
        columns[col] = _obj(values)
        rejected_values[col] = dict(res.rejected)
        _add_derived(columns, col, kind, raw[col])
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
