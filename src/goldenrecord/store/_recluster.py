"""Clustering a touched part of the store again, as batch clusters the whole table:
the connected component of the seeds, its value limits and consent, the constrained
union-find, stable ids, and the profiles whose members changed."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

import attrs
import numpy as np

from goldenrecord._clustering import Clustered, cluster_stage, withheld_records
from goldenrecord._keys import key_text
from goldenrecord.errors import RecordNotFound, SettingsError
from goldenrecord.graph._limits import Limited, check_limits, limited_values
from goldenrecord.match.model import ScoredPairs
from goldenrecord.match.stages import PreparedTable, exact_copies
from goldenrecord.profile import build_profiles
from goldenrecord.store._assign import assign
from goldenrecord.store._base import StoreDatabase, chunks, marks
from goldenrecord.store._counts import Counts
from goldenrecord.store._events import Event, ValuesChanged
from goldenrecord.store._near import attachment_changes, near_of
from goldenrecord.store._rows import concat, take

__all__ = ["Reclusterer"]


class Reclusterer:
    """Re-clustering the component of a set of records, through the store's database
    and counts."""

    def __init__(self, db: StoreDatabase, counts: Counts) -> None:
        self._db = db
        self._counts = counts

    def component(self, seeds: Iterable[int]) -> set[int]:
        """The records linked to the seeds by stored edges, link overrides or
        attachments."""
        seen = set(seeds)
        frontier = sorted(seen)
        while frontier:
            nxt: set[int] = set()
            for chunk in chunks(frontier):
                held = marks(len(chunk))
                for (r,) in self._db.conn.execute(
                    f"SELECT b FROM edges WHERE a IN ({held}) UNION "
                    f"SELECT a FROM edges WHERE b IN ({held}) UNION "
                    f"SELECT b FROM overrides WHERE kind = 'link' AND a IN ({held}) UNION "
                    f"SELECT a FROM overrides WHERE kind = 'link' AND b IN ({held}) UNION "
                    f"SELECT b FROM near WHERE attached = 1 AND a IN ({held}) UNION "
                    f"SELECT a FROM near WHERE attached = 1 AND b IN ({held})",
                    (*chunk, *chunk, *chunk, *chunk, *chunk, *chunk),
                ).fetchall():
                    if r not in seen:
                        seen.add(r)
                        nxt.add(r)
            frontier = sorted(nxt)
        return seen

    def limited(
        self, table: PreparedTable, scored: ScoredPairs, accepted: np.ndarray[Any, Any]
    ) -> Limited:
        """The value limits of a component, as batch sets them on the whole table.

        Values are the unmasked ones (a shared inbox is still a value the profile holds).
        A column limited to one value counts a value only when two records confirm it:
        batch counts them over the whole table, so here a value also counts when two
        records of the store hold it, inside the component or not.
        """
        assert self._db.matcher is not None
        limit_of = check_limits(self._db.config.limits, table.columns)
        confirmed = [c for c in self._db.settings["confirmed"] if c in table.columns]
        relaxed = {**limit_of, **dict.fromkeys(confirmed, 2)}  # codes, nothing dropped
        values, limit_by_column, variants = limited_values(
            relaxed, table, self._db.matcher, scored, accepted
        )
        for column in confirmed:
            codes = values[column]
            seen = np.bincount(codes[codes >= 0], minlength=codes.size)
            held = self._counts.held_twice(column, table.columns[column]) & (codes >= 0)
            counted = np.flatnonzero(seen >= 2)
            ok = np.union1d(counted, codes[held])
            values[column] = np.where(np.isin(codes, ok), codes, -1)
            limit_by_column[column] = 1
        return values, limit_by_column, variants

    def load(
        self,
        comp: set[int],
        pool: PreparedTable | None,
        masked_pool: PreparedTable | None,
        pool_rids: Mapping[str, int] | None,
    ) -> _Part:
        """The records of a component (from the pool given, the others read), its
        edges, its attachments and its reviewers' overrides."""
        conn = self._db.conn
        have = {k: r for k, r in dict(pool_rids or {}).items() if r in comp}
        missing = comp - set(have.values())
        extra, extra_rids = self._db.prepare_stored(missing)

        def joined(first: PreparedTable | None, second: PreparedTable | None) -> PreparedTable:
            parts = [t for t in (first, second) if t is not None]
            return parts[0] if len(parts) == 1 else concat(parts[0], parts[1])

        table = joined(pool, extra)
        matched = joined(
            masked_pool if pool is not None else None,
            None if extra is None else self._db.mask(extra),
        )
        rid_of = {**have, **extra_rids}
        inside = [i for i, k in enumerate(table.keys) if rid_of.get(k) in comp]
        if len(inside) < len(table):
            table, matched = take(table, inside), take(matched, inside)
        rids = [rid_of[k] for k in table.keys]
        pos = {r: i for i, r in enumerate(rids)}
        assert self._db.matcher is not None
        n_comp = len(self._db.matcher.comparisons_)
        edge_rows: list[tuple[int, int, float, float, bytes, int, str | None]] = []
        ordered = sorted(comp)
        for chunk in chunks(ordered):
            edge_rows.extend(
                conn.execute(
                    "SELECT a, b, weight, probability, levels, accepted, refused_by FROM edges "
                    f"WHERE a IN ({marks(len(chunk))})",
                    chunk,
                ).fetchall()
            )
        joining = (
            [r for r in near_of(conn, comp, attached_only=True) if r[0] in pos and r[1] in pos]
            if self._db.config.attach
            else []
        )
        rows = [r[:5] for r in edge_rows] + [r[:5] for r in joining]
        ends = [(min(pos[a], pos[b]), max(pos[a], pos[b])) for a, b, *_ in rows]
        scored = ScoredPairs(
            np.array([e[0] for e in ends], dtype=np.int64),
            np.array([e[1] for e in ends], dtype=np.int64),
            np.frombuffer(b"".join(r[4] for r in rows), dtype=np.int8)
            .reshape(len(rows), n_comp)
            .copy()
            if rows
            else np.zeros((0, n_comp), dtype=np.int8),
            np.array([r[2] for r in rows], dtype=np.float64),
            np.array([r[3] for r in rows], dtype=np.float64),
            np.zeros((len(rows), n_comp)),
        )
        overrides: dict[str, tuple[list[int], list[int]]] = {"link": ([], []), "unlink": ([], [])}
        for chunk in chunks(ordered):
            for a, b, kind in conn.execute(
                f"SELECT a, b, kind FROM overrides WHERE a IN ({marks(len(chunk))})", chunk
            ).fetchall():
                if a in pos and b in pos:
                    overrides[kind][0].append(pos[a])
                    overrides[kind][1].append(pos[b])
        return _Part(table, matched, rids, edge_rows, scored, len(joining), overrides)

    def stage(self, part: _Part, *, attach: bool) -> Clustered:
        """The clustering stage on a component: its edges, and its attachments when
        ``attach`` (without them: the clusters of the accepted matches)."""
        assert self._db.matcher is not None
        table, matched = part.table, part.matched
        n_edges = len(part.edge_rows)
        scored = part.scored if attach else _head(part.scored, n_edges)
        attached = None
        if attach:
            attached = np.zeros(len(scored), dtype=bool)
            attached[n_edges:] = True

        def pairs(kind: str) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]] | None:
            a, b = part.overrides[kind]
            return (np.array(a, dtype=np.int64), np.array(b, dtype=np.int64)) if a else None

        withheld = withheld_records(table, self._db.schema, self._db.config.purpose)
        return cluster_stage(
            table,
            scored,
            self._db.matcher,
            threshold=self._db.matcher.threshold,
            withheld=withheld,
            limits=check_limits(self._db.config.limits, table.columns),
            one_per_source=self._db.config.one_per_source,
            must_link=pairs("link"),
            cannot_link=pairs("unlink"),
            limited=lambda accepted: self.limited(table, scored, accepted),
            counted=None if self._db.config.one_per_source else _distinct(table, matched, withheld),
            attached=attached,
        )

    def recluster(
        self,
        seeds: Iterable[int],
        ingest: int,
        *,
        pool: PreparedTable | None = None,
        masked_pool: PreparedTable | None = None,
        pool_rids: Mapping[str, int] | None = None,
        forgotten: Sequence[str] = (),
        changed: Collection[str] = (),
        causes: Collection[str] = (),
    ) -> list[Event]:
        """Cluster the component of the seeds again; write ids, edges, profiles.

        ``changed``: keys of the records whose values this ingest wrote (their profiles'
        golden values are rebuilt even when the members stay). ``causes``: what the
        caller changed that can split a profile (``"shared:<column>"``, ``"forgotten"``,
        ``"updated"``); a split's event names them with the
        constraints that newly refuse a match they accepted."""
        conn = self._db.conn
        comp = self.component(seeds)
        if not comp:
            assigned = assign(
                [],
                [],
                [],
                {},
                lambda p: False,
                forgotten=forgotten,
                id_for=self._db.keys.profile_id,
            )
            for pid in assigned.gone:
                conn.execute("DELETE FROM profiles WHERE profile_id = ?", (pid,))
            return assigned.events
        loaded = self.load(comp, pool, masked_pool, pool_rids)
        if self._db.config.attach:
            base = self.stage(loaded, attach=False).clustering.labels.tolist()
            shifted = attachment_changes(
                conn, comp, {r: base[i] for i, r in enumerate(loaded.rids)}
            )
            if shifted:  # the attachments read when loading changed
                comp = self.component(comp | shifted)
                loaded = self.load(comp, pool, masked_pool, pool_rids)
        table, rids, edge_rows = loaded.table, loaded.rids, loaded.edge_rows
        n = len(table)
        stage = self.stage(loaded, attach=self._db.config.attach)
        clustering, refused = stage.clustering, stage.refused
        conn.executemany(
            "UPDATE edges SET accepted = ?, refused_by = ? WHERE a = ? AND b = ?",
            (
                (0 if k in refused else 1, refused.get(k), r[0], r[1])
                for k, r in enumerate(edge_rows)
                if (r[5], r[6]) != (0 if k in refused else 1, refused.get(k))
            ),
        )
        before: list[str | None] = []
        for chunk in chunks(rids):
            found = dict(
                conn.execute(
                    f"SELECT rid, profile_id FROM records WHERE rid IN ({marks(len(chunk))})",
                    chunk,
                ).fetchall()
            )
            before.extend(found[r] or None for r in chunk)
        old_ids = sorted({p for p in before if p is not None} | set(forgotten))
        info: dict[str, tuple[int, int]] = {}
        digests: dict[str, dict[str, str] | None] = {}
        for pid, created, size, digest in conn.execute(
            f"SELECT profile_id, created, size, digest FROM profiles "
            f"WHERE profile_id IN ({marks(len(old_ids))})",
            old_ids,
        ).fetchall():
            info[pid] = (created, size)
            digests[pid] = json.loads(digest)
        labels = clustering.labels.tolist()

        def taken(pid: str) -> bool:
            # an old profile's id goes only to the cluster it claims (never reused)
            if pid in info:
                return True
            row = conn.execute("SELECT 1 FROM profiles WHERE profile_id = ?", (pid,)).fetchone()
            return row is not None

        newly = {refused[k] for k, r in enumerate(edge_rows) if r[5] == 1 and k in refused}
        assigned = assign(
            table.keys,
            labels,
            before,
            info,
            taken,
            forgotten=forgotten,
            id_for=self._db.keys.profile_id,
            reasons=sorted({*causes, *newly}),
        )
        events = list(assigned.events)
        new_ids = [assigned.ids[label] for label in labels]
        conn.executemany(
            "UPDATE records SET profile_id = ? WHERE rid = ?",
            ((new_ids[i], rids[i]) for i in range(n) if new_ids[i] != before[i]),
        )
        # a profile whose members and their values are as they were keeps its golden
        # values: only the others are rebuilt
        moved = {
            new_ids[i] for i in range(n) if new_ids[i] != before[i] or table.keys[i] in changed
        }
        sizes = Counter(new_ids)
        moved.update(p for p, (_, size) in info.items() if sizes[p] != size)
        rebuild = [i for i in range(n) if new_ids[i] in moved]
        conn.executemany(
            "DELETE FROM profiles WHERE profile_id = ?",
            ((p,) for p in old_ids if p in moved or p not in sizes),
        )
        part = take(table, rebuild) if len(rebuild) < n else table
        first: dict[str, int] = {}
        part_labels = [first.setdefault(new_ids[i], k) for k, i in enumerate(rebuild)]
        profiles = build_profiles(part, part_labels, consent_columns=self._db.schema.consent)
        id_of = {part.keys[k]: new_ids[i] for k, i in enumerate(rebuild)}
        rows = []
        for p in profiles:
            pid = id_of[p.record_ids[0]]
            digest = self._db.digest(p)
            created = info[pid][0] if pid in info else ingest
            rows.append((pid, created, p.n_records, json.dumps(digest)))
            before_digest = digests.get(pid)
            if before_digest is not None:  # None: made before the store had its secret
                changed = sorted(
                    f for f in {*digest, *before_digest} if digest.get(f) != before_digest.get(f)
                )
                if changed:
                    events.append(ValuesChanged(pid, tuple(changed)))
        conn.executemany("INSERT INTO profiles VALUES (?, ?, ?, ?)", rows)
        return events

    def rid(self, record_key: str) -> int:
        """The row id of a stored record."""
        row = self._db.conn.execute(
            "SELECT rid FROM records WHERE record_key = ?", (record_key,)
        ).fetchone()
        if row is None:
            raise RecordNotFound("the store holds no record with that key")
        return int(row[0])

    def override(self, a: str, b: str, kind: str) -> list[Event]:
        """Store a reviewer's ``link`` or ``unlink`` of two records and cluster their
        part of the store again under it."""
        a, b = key_text(a), key_text(b)
        if a == b:
            raise SettingsError(f"{kind} takes two different record keys")
        with self._db.write():
            ra, rb = self.rid(a), self.rid(b)
            lo, hi = min(ra, rb), max(ra, rb)
            self._db.conn.execute(
                "INSERT OR REPLACE INTO overrides VALUES (?, ?, ?)", (lo, hi, kind)
            )
            self._db.settings["ingests"] += 1
            ingest = int(self._db.settings["ingests"])
            events = self.recluster({lo, hi}, ingest)
            self._db.save_settings()
            self._db.log(events, ingest)
        return events


def _distinct(
    table: PreparedTable, matched: PreparedTable, withheld: np.ndarray[Any, Any]
) -> np.ndarray[Any, Any] | None:
    """The records the clustering's split rule reads, as batch flags them: an exact copy
    of a record with a smaller key is no record of its own (None: no copies)."""
    order = sorted(range(len(table)), key=lambda i: table.keys[i])
    copies = exact_copies(
        take(table, order), apart=withheld[order], evidence=take(matched, order).columns
    )
    if not copies.n_copies:
        return None
    counted = np.zeros(len(table), dtype=bool)
    counted[np.asarray(order, dtype=np.int64)[copies.distinct]] = True
    return counted


@attrs.frozen
class _Part:
    """A component loaded for clustering: its records (unmasked and masked, with their
    row ids), its stored edges, and the scored pairs: the edges first, then the
    attachments among its records."""

    table: PreparedTable
    matched: PreparedTable
    rids: list[int]
    edge_rows: list[tuple[int, int, float, float, bytes, int, str | None]]
    scored: ScoredPairs
    n_attached: int
    overrides: dict[str, tuple[list[int], list[int]]]


def _head(scored: ScoredPairs, n: int) -> ScoredPairs:
    """The first ``n`` scored pairs."""
    if n == len(scored):
        return scored
    return ScoredPairs(
        scored.left[:n],
        scored.right[:n],
        scored.levels[:n],
        scored.weight[:n],
        scored.probability[:n],
        scored.tf_adjustment[:n],
    )
