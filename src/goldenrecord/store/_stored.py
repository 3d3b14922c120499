"""Stored records read back as a prepared table, through a bounded cache of decoded
records (a collaborator of the store: it holds the connection and the schema)."""

from __future__ import annotations

import json
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from goldenrecord.match.stages import PreparedTable
from goldenrecord.schema import Schema
from goldenrecord.store._rows import Stored, from_stored
from goldenrecord.store._sql import chunks, marks

__all__ = ["CACHED", "StoredRecords"]

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
