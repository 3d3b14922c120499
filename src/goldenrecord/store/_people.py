"""Shared values kept up to date as records arrive.

A value is shared when the records carrying it bear ``min_people`` different names
(:mod:`goldenrecord.match.stages`). Batch finds them on the whole table; the store
keeps, per record and email or phone column, the hash of its value and of its name's
initials (table ``value_people``), so an ingest can tell which of its values the
store's records now carry under enough names. Such a value is then set aside like the
ones the first load found: the records holding it are blocked and scored again with
it masked. Once shared, a value stays shared (forgetting or updating records does not
take it back).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence

from goldenrecord.match.stages import SHARED_KINDS, PreparedTable
from goldenrecord.match.stages import initials as _initials
from goldenrecord.store._base import chunks, marks
from goldenrecord.store._hashes import value_hash

__all__ = ["add_people", "holders", "newly_shared", "people_columns"]


def people_columns(table: PreparedTable) -> list[str]:
    """The columns whose values can be shared (email and phone fields)."""
    return [c for c, kind in table.fields.items() if kind in SHARED_KINDS and c in table.columns]


def add_people(
    conn: sqlite3.Connection, table: PreparedTable, rows: Iterable[int], rids: Sequence[int]
) -> None:
    """Record who carries each value: ``rids[k]`` is the record of row ``rows[k]``
    (unmasked values; a record without a name holds the value but names nobody)."""
    names = table.columns.get("_name")
    columns = people_columns(table)
    out = []
    for i, rid in zip(rows, rids, strict=True):
        initials = _initials(names[i]) if names is not None else None
        sig = None if initials is None else value_hash(initials)
        for c in columns:
            v = table.columns[c][i]
            if v is not None:
                out.append((rid, c, value_hash(v), sig))
    conn.executemany("INSERT OR REPLACE INTO value_people VALUES (?, ?, ?, ?)", out)


def newly_shared(
    conn: sqlite3.Connection,
    table: PreparedTable,
    rows: Iterable[int],
    known: Callable[[str, str], bool],
    min_people: int,
) -> dict[str, list[str]]:
    """The values of these rows, not yet shared (``known(column, value)``), that
    ``min_people`` names now carry."""
    found: dict[str, list[str]] = {}
    rows = list(rows)
    for c in people_columns(table):
        values = sorted({table.columns[c][i] for i in rows} - {None})
        for v in values:
            if known(c, str(v)):
                continue
            (people,) = conn.execute(
                "SELECT COUNT(DISTINCT sig) FROM value_people WHERE col = ? AND h = ?",
                (c, value_hash(v)),
            ).fetchone()
            if people >= min_people:
                found.setdefault(c, []).append(str(v))
    return found


def holders(conn: sqlite3.Connection, values: Mapping[str, Iterable[str]]) -> set[int]:
    """The records that carry any of these values."""
    out: set[int] = set()
    for c, vs in values.items():
        for chunk in chunks([value_hash(v) for v in vs]):
            out.update(
                r
                for (r,) in conn.execute(
                    f"SELECT rid FROM value_people WHERE col = ? AND h IN ({marks(len(chunk))})",
                    (c, *chunk),
                ).fetchall()
            )
    return out
