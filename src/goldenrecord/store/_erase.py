"""Erasure: a record's values, keys, edges and overrides deleted, its key taken out of
the event log, its profile rebuilt from the other members, a keyed tombstone kept, and
the write-ahead log truncated so that no byte of it is left in any file."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence

from goldenrecord.errors import RecordNotFound, StoreBusyError
from goldenrecord.store._base import StoreDatabase, now
from goldenrecord.store._events import Event, ProfileCreated, RecordsForgotten
from goldenrecord.store._ingest import Placer
from goldenrecord.store._recluster import Reclusterer
from goldenrecord.store._sql import wal_truncated

__all__ = ["Eraser"]


class Eraser:
    """Erasing records (see :meth:`goldenrecord.IdentityStore.forget`), through the
    store's database, placing and re-clustering."""

    def __init__(self, db: StoreDatabase, placer: Placer, reclusterer: Reclusterer) -> None:
        self._db = db
        self._placer = placer
        self._reclusterer = reclusterer

    def forget(self, record_keys: Sequence[str]) -> list[Event]:
        conn = self._db.conn
        shared = self._db.shared()
        with self._db.write():
            seeds: set[int] = set()
            gone: set[int] = set()
            lost: dict[str, int] = {}
            for key in record_keys:
                row = conn.execute(
                    "SELECT rid, profile_id, normalized FROM records WHERE record_key = ?", (key,)
                ).fetchone()
                if row is None:
                    raise RecordNotFound("the store holds no record with that key")
                rid, pid, normalized = row
                gone.add(rid)
                lost[pid] = lost.get(pid, 0) + 1
                seeds.update(
                    r
                    for (r,) in conn.execute(
                        "SELECT rid FROM records WHERE profile_id = ?", (pid,)
                    ).fetchall()
                )
                self._placer.unplace(rid, normalized, shared, seeds)
                conn.execute("DELETE FROM records WHERE rid = ?", (rid,))
                self._db.evict([rid])
                self.redact_events(key)
                conn.execute(
                    "INSERT OR REPLACE INTO tombstones VALUES (?, ?)",
                    (self._db.keys.tombstone(key), now()),
                )
            self._db.settings["ingests"] += 1
            ingest = int(self._db.settings["ingests"])
            events = self._reclusterer.recluster(
                seeds - gone, ingest, forgotten=sorted(lost), causes=["forgotten"]
            )
            alive = {
                p
                for (p,) in conn.execute("SELECT profile_id FROM profiles").fetchall()
                if p in lost
            }
            events.extend(RecordsForgotten(p, lost[p]) for p in sorted(alive))
            self._db.save_settings()
            self._db.log(events, ingest)
        self.truncate_log()
        return events

    def redact_events(self, key: str) -> None:
        """Take an erased record's key out of the logged events: each event keeps its
        other keys; one left naming no record is dropped, unless it is a profile's
        ``ProfileCreated`` (the profile's history starts there)."""
        conn = self._db.conn
        for seq, kind, keys in conn.execute(
            "SELECT seq, type, record_keys FROM events WHERE instr(record_keys, ?) > 0",
            (json.dumps(key),),
        ).fetchall():
            kept = [k for k in json.loads(keys) if k != key]
            if kept or kind == ProfileCreated.kind:
                conn.execute(
                    "UPDATE events SET record_keys = ? WHERE seq = ?", (json.dumps(kept), seq)
                )
            else:
                conn.execute("DELETE FROM events WHERE seq = ?", (seq,))

    def truncate_log(self) -> None:
        """Checkpoint and truncate the write-ahead log, waiting up to the timeout for
        readers that hold it; StoreBusyError past that."""
        deadline = time.monotonic() + self._db.timeout
        while not wal_truncated(self._db.conn):
            if time.monotonic() >= deadline:
                raise StoreBusyError(
                    "the record is erased from the store's tables, but readers kept the "
                    "write-ahead log, which still holds its bytes, past the timeout; call "
                    "checkpoint() again once they are done"
                )
            time.sleep(0.02)
