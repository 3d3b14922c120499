"""Placing records in a non-empty store (and the first, bulk load): blocking against
the indexed keys, scoring against the candidates, shared values that new records make
shared, then re-clustering what they touch."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import attrs
import numpy as np

from goldenrecord._clustering import accepted_pairs, refusals, withheld_records
from goldenrecord._resolve import resolve
from goldenrecord.match import blocking
from goldenrecord.match.stages import PreparedTable, mask_shared, prepare
from goldenrecord.store._base import StoreDatabase, chunks, marks
from goldenrecord.store._candidates import candidates
from goldenrecord.store._counts import Counts
from goldenrecord.store._events import Event, ProfileCreated, RecordUpdated
from goldenrecord.store._hashes import key_hash_arrays
from goldenrecord.store._near import keep_near
from goldenrecord.store._people import add_people, holders, newly_shared
from goldenrecord.store._recluster import Reclusterer
from goldenrecord.store._rows import (
    Incoming,
    concat,
    confirmed_columns,
    dumps,
    normalized_json,
    normalized_jsons,
)
from goldenrecord.store._sql import indexes_deferred
from goldenrecord.store._strangers import strangers

__all__ = ["RECAP_LIMIT", "Placer"]

RECAP_LIMIT = 50_000
"""Store size past which the loose blocking rules' caps are no longer set again."""

_ROWS_PER_CALL = 200_000  # key rows handed to one executemany in a bulk load


class Placer:
    """The bulk load and the placing of records in a non-empty store, through the
    store's database, counts and re-clustering."""

    def __init__(self, db: StoreDatabase, counts: Counts, reclusterer: Reclusterer) -> None:
        self._db = db
        self._counts = counts
        self._reclusterer = reclusterer

    def bulk(self, incoming: Incoming, ingest: int) -> list[Event]:
        """The whole batch path on the records, written to the empty store."""
        s = self._db.settings
        rows = incoming.rows
        stamp = self._db.stamp()
        res = resolve(
            incoming.table(rows),
            self._db.schema,
            matcher=self._db.matcher,
            blocking=self._db.config.rules,
            max_block_size=self._db.config.max_block_size,
            limits=self._db.config.limits,
            shared_min_people=self._db.config.shared_min_people,
            purpose=self._db.config.purpose,
            one_per_source=self._db.config.one_per_source,
            attach=self._db.config.attach,
        )
        if self._db.matcher is None:
            self._db.matcher = res.matcher
            self._db.put("model", res.matcher.to_json())
        matcher = self._db.matcher
        reports = res.report.blocking.rules
        kept = [r for r, rep in zip(self._db.config.rules, reports, strict=True) if not rep.skipped]
        if len(kept) < len(self._db.config.rules):
            self._db.config = attrs.evolve(self._db.config, rules=tuple(kept))
            s["rules"] = [[list(r.keys), r.pairs_per_record] for r in kept]
        s["caps"] = [rep.largest_block for rep in reports if not rep.skipped]
        s["caps_at"] = len(rows)
        keyed = self._db.keys
        shared_doc = {
            c: sorted({keyed.shared(c, v) for v in vs}) for c, vs in res.shared.values.items()
        }
        self._db.put("shared_digests", json.dumps(shared_doc))
        self._db.shared_cache = None
        # profile ids of a store are keyed by its secret (batch ids are a plain hash)
        ids = {p.profile_id: keyed.profile_id(p.record_ids[0]) for p in res.profiles}
        prepared = res.prepared
        matched = mask_shared(prepared, res.shared)
        n = len(prepared)
        keys = prepared.keys
        conn = self._db.conn
        clusters = res.clusters
        updated = (
            [stamp] * n
            if stamp is not None
            else [None if t is None else str(t) for t in prepared.updated_at]
        )
        with indexes_deferred(conn):  # each index built once, at the end
            conn.executemany(
                "INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?)",
                zip(
                    range(1, n + 1),
                    keys,
                    prepared.sources,
                    (dumps(rows[k]) for k in keys),
                    normalized_jsons(prepared),
                    updated,
                    (ids[clusters[k]] for k in keys),
                    strict=True,
                ),
            )
            hashes, at = key_hash_arrays(matched.columns, self._db.config.rules, n)
            for start in range(0, hashes.size, _ROWS_PER_CALL):
                part = slice(start, start + _ROWS_PER_CALL)
                conn.executemany(
                    "INSERT OR IGNORE INTO keys VALUES (?, ?)",
                    zip(hashes[part].tolist(), (at[part] + 1).tolist(), strict=True),
                )
            del hashes, at
            self._counts.add_counts(matched, range(n), +1)
            s["confirmed"] = confirmed_columns(self._db.config.limits, prepared)
            self._counts.count_values(prepared, range(n), +1)
            s["people"] = True
            if self._db.config.shared_min_people is not None:
                add_people(conn, prepared, range(n), range(1, n + 1))
            pairs = res.pairs
            above = np.flatnonzero(pairs.probability >= matcher.threshold)
            # clustering saw the accepted pairs (above the threshold, consent not withheld)
            withheld = withheld_records(prepared, self._db.schema, self._db.config.purpose)
            accepted = accepted_pairs(pairs, matcher.threshold, withheld)
            refused = refusals(pairs, matcher.threshold, accepted, res.clustering)
            levels = pairs.levels[above].astype(np.int8)
            conn.executemany(
                "INSERT INTO edges VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        a + 1,
                        b + 1,
                        w,
                        p,
                        levels[k].tobytes(),
                        0 if e in refused else 1,
                        refused.get(e),
                    )
                    for k, (e, a, b, w, p) in enumerate(
                        zip(
                            above.tolist(),
                            pairs.left[above].tolist(),
                            pairs.right[above].tolist(),
                            pairs.weight[above].tolist(),
                            pairs.probability[above].tolist(),
                            strict=True,
                        )
                    )
                ),
            )
            if self._db.config.attach:  # below the threshold and taken: attachments
                assert res._accepted is not None
                attached = res._accepted & (pairs.probability < matcher.threshold)
                keep_near(conn, pairs, range(1, n + 1), matcher.threshold, withheld, attached)
            events: list[Event] = []
            profile_rows = []
            for p in res.profiles:
                pid = ids[p.profile_id]
                profile_rows.append((pid, ingest, p.n_records, json.dumps(self._db.digest(p))))
                events.append(ProfileCreated(pid, p.record_ids))
            conn.executemany("INSERT INTO profiles VALUES (?, ?, ?, ?)", profile_rows)
        return events

    def candidates(
        self, matched: PreparedTable, rows: Sequence[int], exclude: set[int]
    ) -> tuple[dict[int, set[int]], dict[int, list[int]]]:
        """Key hashes of the given rows, and per hash the stored records holding it
        (keys held by more than ``max_block_size`` records are not expanded)."""
        most = self._db.config.max_block_size
        caps = [most if c is None else min(int(c), most) for c in self.caps()]
        return candidates(self._db.conn, matched, rows, exclude, self._db.config.rules, caps)

    def caps(self) -> list[int | None]:
        """Per blocking rule, the largest block it expands (None: up to
        ``max_block_size``): a loose rule's is the size batch chose on the store's
        records when the caps were last set (:meth:`_refresh_caps`)."""
        caps = self._db.settings.get("caps")
        if not isinstance(caps, list) or len(caps) != len(self._db.config.rules):
            return [None] * len(self._db.config.rules)
        rules = self._db.config.rules
        return [None if r.pairs_per_record is None else c for r, c in zip(rules, caps, strict=True)]

    def refresh_caps(self) -> None:
        """Set the loose rules' block caps again, as batch sets them on the stored
        records, once the store has doubled since they were set (up to
        :data:`RECAP_LIMIT` records: past that the block-size distribution, and so the
        caps, hardly move, and reading every record would cost an ingest seconds)."""
        s = self._db.settings
        if not any(r.pairs_per_record is not None for r in self._db.config.rules):
            return
        at = int(s.get("caps_at") or 0)
        if at >= RECAP_LIMIT:
            return  # set for good: no count (it reads a whole index, ms at 1M records)
        (n,) = self._db.conn.execute("SELECT COUNT(*) FROM records").fetchone()
        if n < max(2 * at, 2) or n > 2 * RECAP_LIMIT:
            return  # (a large store written before caps were kept keeps its blocks whole)
        rids = [r for (r,) in self._db.conn.execute("SELECT rid FROM records").fetchall()]
        table, _ = self._db.prepare_stored(rids)
        if table is None:
            return
        report = blocking.block(
            self._db.mask(table).columns,
            self._db.config.rules,
            max_block_size=self._db.config.max_block_size,
        )
        s["caps"] = [rep.largest_block for rep in report.report.rules]
        s["caps_at"] = int(n)

    def incremental(self, incoming: Incoming, ingest: int) -> tuple[list[Event], int, int]:
        """Place the rows in a non-empty store: the events, and how many rows were new
        records and how many changed a stored one."""
        conn = self._db.conn
        self.refresh_caps()
        rows = incoming.rows
        keys = sorted(rows)
        stored: dict[str, tuple[int, str, str]] = {}
        for chunk in chunks(keys):
            for rid, key, raw, normalized in conn.execute(
                "SELECT rid, record_key, raw, normalized FROM records "
                f"WHERE record_key IN ({marks(len(chunk))})",
                chunk,
            ).fetchall():
                stored[key] = (rid, raw, normalized)
        changed = [k for k in keys if k not in stored or stored[k][1] != dumps(rows[k])]
        if not changed:
            return [], 0, 0
        updated = [k for k in changed if k in stored]
        seeds: set[int] = set()
        shared = self._db.shared()
        for key in updated:
            rid = stored[key][0]
            self.unplace(rid, stored[key][2], shared, seeds)
            self._db.evict([rid])
            conn.execute("DELETE FROM value_people WHERE rid = ?", (rid,))
        fresh = prepare(incoming.table(changed), self._db.schema)
        stamp = self._db.stamp()
        if stamp is not None:  # no updated_at column: ingest order is recency
            fresh = attrs.evolve(fresh, updated_at=[stamp] * len(fresh))
        rid_of: dict[str, int] = {}
        for i, key in enumerate(fresh.keys):
            row = rows[key]
            updated_at = fresh.updated_at[i]
            values = (
                fresh.sources[i],
                dumps(row),
                normalized_json(fresh, i),
                None if updated_at is None else str(updated_at),
            )
            if key in stored:
                rid = stored[key][0]
                conn.execute(
                    "UPDATE records SET source = ?, raw = ?, normalized = ?, updated_at = ? "
                    "WHERE rid = ?",
                    (*values, rid),
                )
            else:
                cursor = conn.execute(
                    "INSERT INTO records (record_key, source, raw, normalized, updated_at, "
                    "profile_id) VALUES (?, ?, ?, ?, ?, '')",
                    (key, *values),
                )
                rid = int(cursor.lastrowid or 0)
            rid_of[key] = rid
        self._counts.count_values(fresh, range(len(fresh)), +1)
        # fresh, and records to re-mask
        placed, shared_now = self.newly_shared(fresh, rid_of, seeds)
        matched = self._db.mask(placed)
        self._counts.add_counts(matched, range(len(placed)), +1)
        hashes, found = self.candidates(matched, range(len(placed)), set(rid_of.values()))
        conn.executemany(
            "INSERT OR IGNORE INTO keys VALUES (?, ?)",
            ((h, rid_of[placed.keys[i]]) for i, hs in hashes.items() for h in hs),
        )
        candidates = {r for rids in found.values() for r in rids}
        stored_table, cand_rid = self._db.prepare_stored(candidates)
        pool = matched if stored_table is None else concat(matched, self._db.mask(stored_table))
        rid_of.update(cand_rid)
        position = {k: i for i, k in enumerate(pool.keys)}
        at_pool = [position[k] for k in placed.keys]
        cand_pos = {rid: position[k] for k, rid in cand_rid.items()}
        members: dict[int, list[int]] = {
            h: [cand_pos[r] for r in rids] for h, rids in found.items()
        }
        for i, hs in hashes.items():
            for h in hs:
                if h in members:
                    members[h].append(at_pool[i])
        new_positions = set(at_pool)
        pairs: set[tuple[int, int]] = set()
        for block in members.values():
            mine = [p for p in block if p in new_positions]
            for a in mine:
                for b in block:
                    if a != b:
                        pairs.add((min(a, b), max(a, b)))
        if pairs:
            ordered = sorted(pairs)
            scored = self._counts.score(pool, [a for a, _ in ordered], [b for _, b in ordered])
            assert self._db.matcher is not None
            above = np.flatnonzero(scored.probability >= self._db.matcher.threshold)
            levels = scored.levels.astype(np.int8)
            pool_rid = [rid_of[k] for k in pool.keys]
            conn.executemany(
                "INSERT OR REPLACE INTO edges VALUES (?, ?, ?, ?, ?, 1, NULL)",
                (
                    (
                        min(pool_rid[int(scored.left[e])], pool_rid[int(scored.right[e])]),
                        max(pool_rid[int(scored.left[e])], pool_rid[int(scored.right[e])]),
                        float(scored.weight[e]),
                        float(scored.probability[e]),
                        levels[e].tobytes(),
                    )
                    for e in above.tolist()
                ),
            )
            if self._db.config.attach:
                gate = withheld_records(pool, self._db.schema, self._db.config.purpose)
                keep_near(conn, scored, pool_rid, self._db.matcher.threshold, gate)
        seeds.update(rid_of[k] for k in placed.keys)
        known = placed if stored_table is None else concat(placed, stored_table)
        causes = [f"shared:{c}" for c in shared_now] + (["updated"] if updated else [])
        events = self._reclusterer.recluster(
            seeds,
            ingest,
            pool=known,
            masked_pool=pool,
            pool_rids=rid_of,
            changed=set(fresh.keys),
            causes=causes,
        )
        touched = set(updated)
        if touched:
            by_profile: dict[str, list[str]] = {}
            for key in sorted(touched):
                (pid,) = conn.execute(
                    "SELECT profile_id FROM records WHERE record_key = ?", (key,)
                ).fetchone()
                by_profile.setdefault(pid, []).append(key)
            events.extend(RecordUpdated(p, tuple(k)) for p, k in sorted(by_profile.items()))
        return events, len(changed) - len(updated), len(updated)

    def unplace(
        self, rid: int, normalized: str, shared: Mapping[str, frozenset[str]], seeds: set[int]
    ) -> None:
        """Take a stored record out of the keys, edges and term counts (to place it again
        with new values or a new mask); it and its neighbours become seeds."""
        conn = self._db.conn
        seeds.add(rid)
        seeds.update(
            r
            for (r,) in conn.execute(
                "SELECT b FROM edges WHERE a = ? UNION SELECT a FROM edges WHERE b = ? "
                "UNION SELECT b FROM near WHERE a = ? UNION SELECT a FROM near WHERE b = ?",
                (rid, rid, rid, rid),
            ).fetchall()
        )
        self._counts.forget_counts(normalized, shared)
        conn.execute("DELETE FROM keys WHERE rid = ?", (rid,))
        conn.execute("DELETE FROM edges WHERE a = ? OR b = ?", (rid, rid))
        conn.execute("DELETE FROM near WHERE a = ? OR b = ?", (rid, rid))

    def newly_shared(
        self, fresh: PreparedTable, rid_of: dict[str, int], seeds: set[int]
    ) -> tuple[PreparedTable, list[str]]:
        """Count who carries the fresh records' values. Values that became shared are set
        aside, and the stored records carrying them are taken out to be placed again with
        them masked (their rids go into ``rid_of``). Returns the records to place: the
        fresh ones and those (unmasked, in key order); and the columns of the values
        that became shared.

        A value that all its stored holders carry in one profile, brought by fresh
        records that each match that profile on their other values (the value itself
        masked), stays evidence:
        the new name is one more spelling of that person, not another person (a record
        that matches a profile never splits it)."""
        min_people = self._db.config.shared_min_people
        if min_people is None:
            return fresh, []
        conn = self._db.conn
        add_people(conn, fresh, range(len(fresh)), [rid_of[k] for k in fresh.keys])
        old = self._db.shared()
        new = newly_shared(
            conn,
            fresh,
            range(len(fresh)),
            lambda c, v: self._db.is_shared(old, c, v),
            min_people,
        )
        new = {c: strangers(self._db, self._counts, fresh, rid_of, c, vs) for c, vs in new.items()}
        new = {c: vs for c, vs in new.items() if vs}
        if not new:
            return fresh, []
        keyed = self._db.keys
        doc = {
            c: sorted({*old.get(c, ()), *(keyed.shared(c, v) for v in new.get(c, ()))})
            for c in {*old, *new}
        }
        self._db.put("shared_digests", json.dumps(doc))
        self._db.shared_cache = None
        again = sorted(holders(conn, new) - set(rid_of.values()))
        for chunk in chunks(again):
            for rid, normalized in conn.execute(
                f"SELECT rid, normalized FROM records WHERE rid IN ({marks(len(chunk))})", chunk
            ).fetchall():
                self.unplace(rid, normalized, old, seeds)
        table, rids = self._db.prepare_stored(again)
        if table is None:
            return fresh, sorted(new)
        rid_of.update(rids)
        return concat(fresh, table), sorted(new)
