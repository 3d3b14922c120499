"""Small customer tables for the profile tests, built through the real prepare step."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from goldenrecord.match._prepare import PreparedTable, prepare
from goldenrecord.profile import ProfileList, build_profiles
from goldenrecord.schema import Schema

FIELDS = {
    "email": "email",
    "phone": "phone",
    "first": "given_name",
    "last": "family_name",
    "dob": "date",
    "addr": "address",
    "cust": "identifier",
}
SCHEMA = Schema(
    id="id",
    source="src",
    updated_at="ts",
    fields=FIELDS,
    consent={"marketing": "mkt", "profiling": "prof"},
    default_region="FR",
)
COLUMNS = ("id", "src", "ts", *FIELDS, "mkt", "prof")


def table(rows: Sequence[Mapping[str, Any]]) -> dict[str, list[Any]]:
    """Rows (dicts, missing keys = empty cells) as columns of the test schema."""
    return {c: [r.get(c) for r in rows] for c in COLUMNS}


def labels_for(prepared: PreparedTable, person: Mapping[str, str]) -> np.ndarray:
    """Labels joining the records of one person (record id → person; default one person)."""
    first: dict[str, int] = {}
    return np.array(
        [first.setdefault(person.get(k, "P"), i) for i, k in enumerate(prepared.keys)],
        dtype=np.int64,
    )


def build(rows: Sequence[Mapping[str, Any]], **options: Any) -> ProfileList:
    """Profiles of ``rows``: records with equal ``person`` (default all) form one profile."""
    prepared = prepare(table(rows), SCHEMA)
    person = {str(r["id"]): str(r.get("person", "P")) for r in rows}
    options.setdefault("consent_columns", SCHEMA.consent)
    return build_profiles(prepared, labels_for(prepared, person), **options)


def one(rows: Sequence[Mapping[str, Any]], **options: Any) -> Any:
    """The single profile of ``rows`` (all one person)."""
    profiles = build(rows, **options)
    assert len(profiles) == 1
    return profiles[0]
