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

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

import jellyfish
import numpy as np
import numpy.typing as npt

from goldenrecord.errors import SettingsError
from goldenrecord.match._email import email_columns
from goldenrecord.match._encoded import band_keys
from goldenrecord.match._location import PLACE_COLUMN, place_column
from goldenrecord.match._name_keys import KEYS_COLUMN, reading_words
from goldenrecord.match._names import name_columns
from goldenrecord.match._prepared import PreparedTable, RejectedRecord, take_rows
from goldenrecord.match._region import infer_regions
from goldenrecord.match._sources import (
    _key_records,
    canonical_row,
    record_key,
    schema_columns,
    sources_sanitised,
)
from goldenrecord.normalize._column import ColumnMemo, ColumnResult
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
    "model_columns",
    "prepare",
    "record_key",
    "schema_columns",
    "sources_sanitised",
    "take_rows",
]

ObjArray = npt.NDArray[np.object_]
_ColumnFn = Callable[..., ColumnResult]
"""``normalize.column``, or a :class:`ColumnMemo`'s, which shares work between calls."""

MONTH_FIRST_REGIONS: Final = frozenset({"US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "VI"})
"""Regions that write numeric dates month first; everywhere else reads day first."""


def _obj(values: Sequence[Any]) -> ObjArray:
    out = np.empty(len(values), dtype=object)
    out[:] = list(values)
    return out


def _derive(values: Sequence[str | None], fn: Any) -> ObjArray:
    """``fn`` of each value (None stays None), called once per distinct value."""
    memo: dict[str | None, Any] = {v: fn(v) for v in dict.fromkeys(values) if v is not None}
    memo[None] = None
    return _obj(list(map(memo.__getitem__, values)))


def _phonetic(key: str) -> str | None:
    code = " ".join(jellyfish.metaphone(t) for t in key.split())
    return code or None


def _email_parts(email: str) -> tuple[str, str]:
    local, _, domain = email.rpartition("@")
    return local, domain


def _postcode_area(code: str) -> str:
    return code.split(" ")[0] if " " in code else code[:3]


def prepare(
    data: object, schema: Schema, *, date_orders: Mapping[str, bool | None] | None = None
) -> PreparedTable:
    """Key, normalize and derive the matching columns of one table or a mapping of sources.

    ``date_orders`` gives the order of a date column's numeric dates (as
    :func:`~goldenrecord.normalize._date_order.date_order` reads them off the column)
    when the caller read it off a larger table than ``data`` (a distributed driver
    preparing one partition at a time).

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
    # A text met again, in another column of its kind or as a name key, is read once.
    column = ColumnMemo().column
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
            order = (
                date_orders[col]
                if date_orders is not None and col in date_orders
                else date_order(raw[col])
            )
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
        _add_derived(columns, col, kind, raw[col], column)
        if kind == "phone":
            columns[f"{col}:national"] = _obj(
                national_keys(values, raw[col], res.reasons, evidence.guessed())
            )
    columns["_name"] = _record_name_key(schema, raw, column)
    columns.update(name_columns(columns, schema.fields))
    _add_name_words(columns, schema, column)
    columns.update(model_columns(columns, schema.fields))
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


def _add_derived(
    columns: dict[str, ObjArray], col: str, kind: str, raw: list[Any], column: _ColumnFn
) -> None:
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
    elif kind == "bloom":  # Hamming LSH band keys, for blocking
        columns[f"{col}:bands"] = band_keys(columns[col])
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


def _add_name_words(columns: dict[str, ObjArray], schema: Schema, column: _ColumnFn) -> None:
    """Blocking keys from the words of the whole name, each a tuple (any word may meet).

    ``_name:words`` holds the words of ``_name`` and the nickname-canonical given name,
    so a record whose family name landed in the given-name field, or is missing, still
    meets its other records on any shared word; ``_name:prefixes`` holds each word's
    first four letters and ``_name:sounds`` each word's metaphone code, which survive a
    typo late in a word or a misspelling that sounds alike. Both also hold those of the
    words of the name's other readings (``_name:keys``: ``Mueller`` for ``Müller``,
    ``chen`` for ``Chan``), so two spellings of one name meet in their blocks;
    ``_name:words``, which the clustering's name limit reads, keeps the key's words.
    """
    given = schema.columns_of("given_name")
    n = len(columns["_name"])
    canonical = (
        column(columns[f"{given[0]}:canon"].tolist(), "name_key").values if given else [None] * n
    )
    readings = columns[KEYS_COLUMN].tolist() if KEYS_COLUMN in columns else [None] * n
    memo: dict[tuple[str | None, str | None], tuple[str, ...] | None] = {}
    words: list[tuple[str, ...] | None] = []
    for pair in zip(columns["_name"].tolist(), canonical, strict=True):
        if pair not in memo:
            memo[pair] = _name_words(*pair)
        words.append(memo[pair])
    columns["_name:words"] = _obj(words)
    # the words of the readings join the words' prefixes and sounds
    read: dict[tuple[tuple[str, ...], str | None], tuple[str, ...]] = {}
    expanded: list[tuple[str, ...] | None] = []
    for w, r in zip(words, readings, strict=True):
        if w is None:
            expanded.append(None)
            continue
        if (w, r) not in read:
            read[(w, r)] = tuple(dict.fromkeys((*w, *reading_words(r))))
        expanded.append(read[(w, r)])
    distinct = {w for w in expanded if w is not None}
    prefixes = {w: tuple(dict.fromkeys(t[:4] for t in w)) for w in distinct}
    sounds = {
        w: tuple(dict.fromkeys(c for t in w if (c := jellyfish.metaphone(t)))) for w in distinct
    }
    columns["_name:prefixes"] = _obj([None if w is None else prefixes[w] for w in expanded])
    columns["_name:sounds"] = _obj([None if w is None else sounds[w] or None for w in expanded])


def _record_name_key(schema: Schema, raw: Mapping[str, list[Any]], column: _ColumnFn) -> ObjArray:
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


def model_columns(
    columns: Mapping[str, ObjArray], fields: Mapping[str, str]
) -> dict[str, ObjArray]:
    """The derived columns the model's comparisons read that ``columns`` lacks: the
    place column of the location comparison (``_place``) and the personal addresses
    of each email column (``column:personal``, ``column:personal_local``)."""
    out: dict[str, ObjArray] = {}
    if PLACE_COLUMN not in columns:
        out[PLACE_COLUMN] = place_column(columns, fields)
    emails = [c for c, k in fields.items() if k == "email" and f"{c}:personal" not in columns]
    if emails:
        out.update(email_columns(columns, dict.fromkeys(emails, "email")))
    return out
