"""Stored records read back as a prepared table, through a bounded cache of decoded
records (a collaborator of the store: it holds the connection and the schema)."""

from __future__ import annotations

import json
import operator
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any

from goldenrecord.match.stages import PreparedTable
from goldenrecord.schema import Schema
from goldenrecord.store._rows import Stored, from_stored, stored_table
from goldenrecord.store._sql import chunks, marks

__all__ = ["CACHED", "StoredRecords"]

_KEY = operator.itemgetter(0)  # a scored row's record key

CACHED = 50_000
"""Decoded stored records kept in memory per store object."""

_Cached = tuple[str, str | None, str | dict[str, Any] | None, dict[str, Any], str | None]
"""A cached :data:`~goldenrecord.store._rows.Stored` record, its raw JSON decoded on use
(None: not read yet)."""


class StoredRecords:
    """Reads stored records as prepared tables, keeping the decoded ones (by rid)."""

    def __init__(self, conn: sqlite3.Connection, schema: Schema) -> None:
        self._conn = conn
        self.schema = schema
        self._decoded: OrderedDict[int, _Cached] = OrderedDict()

    def table(
        self, rids: Iterable[int], *, raw: bool = True
    ) -> tuple[PreparedTable | None, dict[str, int]]:
        """Stored records as a prepared table (from their stored normalized columns);
        and their rids by key. With ``raw=False`` (a table only scored: a lookup) the
        raw columns and update times are left missing, and the raw JSON is not read.

        Decoded records are kept in a bounded cache (the touched part of a large
        profile is read again by the next ingest that touches it); see :meth:`evict`.
        """
        cache = self._decoded
        items: list[Stored] = []
        rid_of: dict[str, int] = {}
        ids = sorted(rids)
        # a lookup reads no raw JSON (None in the cache until a write needs it)
        missing = [r for r in ids if r not in cache or (raw and cache[r][2] is None)]
        read = "raw" if raw else "NULL"
        for chunk in chunks(missing):
            for rid, key, source, text, normalized, seen in self._conn.execute(
                f"SELECT rid, record_key, source, {read}, normalized, updated_at FROM records "
                f"WHERE rid IN ({marks(len(chunk))})",
                chunk,
            ).fetchall():
                # list cells become tuples once, as columns (from_stored)
                cache[rid] = (key, source, text, json.loads(normalized), seen)
        for rid in ids:
            cached = cache.get(rid)
            if cached is None:
                continue
            cache.move_to_end(rid)
            key, source, row, normalized, seen = cached
            if not raw or row is None:
                row = {}
            elif isinstance(row, str):  # decoded on first use, then kept
                row = json.loads(row)
                cache[rid] = (key, source, row, normalized, seen)
            items.append((key, source, row, normalized, seen))
            rid_of[key] = rid
        while len(cache) > CACHED:
            cache.popitem(last=False)
        if not items:
            return None, rid_of
        return from_stored(self.schema, items), rid_of

    def evict(self, rids: Iterable[int] | None = None) -> None:
        """Drop records from the cache of decoded records (all of them when None): a
        write changed or erased them, or another connection may have."""
        if rids is None:
            self._decoded.clear()
        else:
            for rid in rids:
                self._decoded.pop(rid, None)

    def scored(
        self, rids: Iterable[int], names: Sequence[str]
    ) -> tuple[PreparedTable | None, dict[str, str]] | None:
        """Stored records as a lookup scores them, in one read: a prepared table of the
        normalized columns ``names`` only (SQLite picks them out of each record's JSON;
        the raw columns missing, as :meth:`table` with ``raw=False`` leaves them), and
        each record's profile id by key.

        None when the records cannot be read so (a column name that is no plain JSON
        key, or a column that a record of an older version lacks: :meth:`table` reads
        those).
        """
        ids = sorted(rids)
        wanted = list(dict.fromkeys(names))
        if len(wanted) < 2 or any('"' in c or "\\" in c or not c.isprintable() for c in wanted):
            return None  # with one path json_extract gives the value itself, not a list
        paths = [f'$."{c}"' for c in wanted]
        picked = f"json_extract(normalized, {', '.join('?' * len(paths))})"
        rows: list[Any] = []
        for chunk in chunks(ids):
            rows += self._conn.execute(
                f"SELECT record_key, source, profile_id, updated_at, {picked}, rid "
                f"FROM records WHERE rid IN ({marks(len(chunk))})",
                [*paths, *chunk],
            ).fetchall()
        if not rows:
            return None, {}
        rows.sort(key=_KEY)  # in key order, as from_stored orders records
        keys = [r[0] for r in rows]
        values = json.loads("[" + ",".join([r[4] for r in rows]) + "]")
        columns = dict(zip(wanted, zip(*values, strict=True), strict=True))
        # a column missing from every record is no column of from_stored's table: one
        # that holds no value here is looked for in a record's JSON (a JSON null counts)
        empty = [k for k, c in enumerate(wanted) if not any(v is not None for v in columns[c])]
        if (
            empty
            and not self._conn.execute(
                f"SELECT {' AND '.join(['json_type(normalized, ?) IS NOT NULL'] * len(empty))} "
                "FROM records WHERE rid = ?",
                [*(paths[k] for k in empty), rows[0][5]],
            ).fetchone()[0]
        ):
            return None
        n = len(rows)
        table = stored_table(
            self.schema, keys, [r[1] for r in rows], [{}] * n, columns, [r[3] for r in rows]
        )
        return table, {r[0]: r[2] for r in rows}
