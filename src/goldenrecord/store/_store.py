"""``gr.IdentityStore``: the batch pipeline, incremental, over a SQLite file.

An ingest into an empty store goes through :func:`goldenrecord.resolve` whole (and
trains the model when none was given). Later ingests place each new record against
the store: its blocking keys (the stored rules) are looked up in the indexed key
table, the new-vs-candidate pairs are scored with the stored model (term-frequency
adjustments from the store's counts), and the part of the store they touch — the
connected component of the stored edges at or above the threshold plus the link
overrides — is clustered again with :func:`goldenrecord.graph.cluster` under the
same limits as batch (on unmasked values; an exclusive identifier counts when two
records of the whole store hold it, as batch counts it over the whole table) and the
stored overrides as must-link / cannot-link pairs; with ``purpose=``, edges of a record
that said "no" are left out, with ``one_per_source`` a profile takes one record per
source, as in batch. Profile ids are then carried over
(:mod:`goldenrecord.store._assign`) and only the profiles whose members changed are
rebuilt.

Shared values are found on the first ingest as batch finds them, then kept up to date
(:mod:`goldenrecord.store._people`): a value that a later record brings to
``shared_min_people`` names is set aside, and the records holding it are blocked and
scored again without it.

Golden values are not stored: :meth:`IdentityStore.profile` rebuilds them from the
member records (survivorship and lineage exactly as batch); the store keeps a salted
digest per golden field, to report which fields an ingest changed.

Batch and incremental agree: a table ingested in one go, in chunks or record by
record ends in the clusters of ``gr.resolve(table, schema, matcher=store.model,
blocking=store.rules)`` (with the store's ``purpose`` and ``one_per_source``; tested,
also under shuffled orders). The exceptions, all consequences of looking at one new
record rather than the whole table:

* a value once shared stays shared: forgetting or updating the records that made it
  so does not take it back (batch on the remaining records may use it again);
* a pair's term-frequency adjustment uses the value counts of the store when the pair
  was scored; batch uses the counts of the whole final table;
* a key held by more than ``max_block_size`` stored records is not looked up (batch
  counts the block with the new records in it);
* ``gr.resolve`` without ``blocking=`` compares every pair of a small input, and
  uses loose blocking rules whose blocks depend on the whole table: the store always
  blocks, with its own rules.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import sqlite3
import time
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import attrs
import numpy as np

from goldenrecord._resolve import resolve
from goldenrecord.errors import SettingsError
from goldenrecord.graph import cluster
from goldenrecord.graph._limits import check_limits, limited_values
from goldenrecord.match._explain import Explanation, explain_pair
from goldenrecord.match._prepare import PreparedTable, prepare
from goldenrecord.match._shared import DEFAULT_MIN_PEOPLE, SharedValues, mask_shared
from goldenrecord.match.blocking import DEFAULT_MAX_BLOCK_SIZE, BlockingRule, default_rules
from goldenrecord.match.model import Matcher, ScoredPairs
from goldenrecord.profile import Profile, build_profiles
from goldenrecord.profile._consent import consent_codes
from goldenrecord.schema import Schema
from goldenrecord.store._assign import assign
from goldenrecord.store._events import (
    Event,
    ProfileCreated,
    RecordsForgotten,
    RecordUpdated,
    ValuesChanged,
    from_row,
    to_row,
)
from goldenrecord.store._people import add_people, holders, newly_shared
from goldenrecord.store._rows import (
    Incoming,
    concat,
    confirmed_columns,
    dumps,
    from_stored,
    key_hashes,
    normalized_json,
    raw_rows,
    take,
    tf_columns,
    value_hash,
)
from goldenrecord.store._rows import with_store_tf as _with_store_tf
from goldenrecord.store._sql import StoreBusyError, StoreError, connect, migrate

__all__ = ["IdentityStore", "Match"]

CONSENT = "consent"  # the refusal of an edge whose record withholds consent for the purpose
_CHUNK = 900  # bound parameters per IN (...) list, under SQLite's limit
_TOTAL = ""  # the term_counts row holding a column's total (no value is empty)


@attrs.frozen
class Match:
    """A profile a looked-up record would join, and why.

    Attributes:
        profile_id: the profile.
        record_key: its member record that matched best.
        weight, probability: the best pair's match weight and probability.
        matched: whether the probability reaches the model's threshold.
        explanation: the per-comparison contributions of that pair.
    """

    profile_id: str
    record_key: str
    weight: float
    probability: float
    matched: bool
    explanation: Explanation = attrs.field(repr=False)


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _marks(n: int) -> str:
    return ",".join("?" * n)


class IdentityStore:
    """A persistent identity store on SQLite; see the module docstring.

    Args:
        path: the database file (created when missing).
        schema: required for a new store; for an existing one, it must equal the
            stored schema (or be omitted).
        model: a fitted :class:`~goldenrecord.Matcher`; without one the first ingest
            trains it as :func:`goldenrecord.resolve` does. Kept in the store.
        rules: blocking rules (default: the tight tier of
            :func:`~goldenrecord.match.blocking.default_rules`, ``loose=0``: loose rules
            choose their blocks by the size distribution of the whole input, which
            one new record cannot reproduce).
        limits: value limits, as for :func:`goldenrecord.resolve`.
        shared_min_people: as for :func:`goldenrecord.resolve`; the shared values are
            found on the first (bulk) ingest and then kept.
        max_block_size: a key held by more records is not looked up (as batch does
            not expand such a block).
        timeout: seconds a writer waits for another writer before
            :class:`StoreBusyError`.
        purpose: a consent purpose of the schema, as for :func:`goldenrecord.resolve`:
            a record whose own statement for it is "no" is never merged with another.
        one_per_source: a profile holds at most one record per source.

    ``rules``, ``limits``, ``shared_min_people``, ``max_block_size``, ``purpose`` and
    ``one_per_source`` are fixed when the store is created and kept in it; reopening
    with a different ``purpose`` or ``one_per_source`` raises :class:`StoreError`.

    Raises:
        SettingsError: a new store without a schema, an unfitted model.
        StoreError: a schema or model that differs from the stored one.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        schema: Schema | None = None,
        model: Matcher | None = None,
        *,
        rules: Sequence[BlockingRule | str | Iterable[str]] | None = None,
        limits: Mapping[str, int] | None = None,
        shared_min_people: int | None = DEFAULT_MIN_PEOPLE,
        max_block_size: int = DEFAULT_MAX_BLOCK_SIZE,
        timeout: float = 5.0,
        purpose: str | None = None,
        one_per_source: bool | None = None,
    ) -> None:
        self.path = os.fspath(path)
        self.timeout = timeout
        self._shared_cache: dict[str, list[str]] | None = None
        self._shared_sets: dict[str, set[str]] = {}
        self._conn = connect(self.path, timeout=timeout)
        migrate(self._conn, self._begin)
        docs = dict(self._conn.execute("SELECT name, doc FROM model").fetchall())
        if "schema" not in docs:
            with self._write(reload=False):
                docs = dict(self._conn.execute("SELECT name, doc FROM model").fetchall())
                if "schema" not in docs:
                    if schema is None:
                        raise SettingsError("a new identity store needs schema=")
                    if purpose is not None and purpose not in schema.consent:
                        known = ", ".join(schema.consent) or "none in the schema"
                        raise SettingsError(
                            f"unknown purpose {purpose!r}; consent purposes: {known}"
                        )
                    picked = (
                        [BlockingRule.of(r) for r in rules]
                        if rules is not None
                        else list(default_rules(schema.fields, loose=0))
                    )
                    docs["schema"] = schema.to_json()
                    docs["settings"] = json.dumps(
                        {
                            "rules": [[list(r.keys), r.pairs_per_record] for r in picked],
                            "limits": None if limits is None else dict(limits),
                            "shared_min_people": shared_min_people,
                            "max_block_size": max_block_size,
                            "salt": secrets.token_hex(16),
                            "ingests": 0,
                            "purpose": purpose,
                            "one_per_source": bool(one_per_source),
                        }
                    )
                    self._put("schema", docs["schema"])
                    self._put("settings", docs["settings"])
        stored = Schema.from_json(docs["schema"])
        if schema is not None and schema != stored:
            raise StoreError(
                "the schema given differs from the one stored in this file; open it "
                "without schema= or with the stored schema"
            )
        self.schema = stored
        self._settings_doc: str = docs["settings"]
        self._settings: dict[str, Any] = json.loads(docs["settings"])
        for name, given in (("purpose", purpose), ("one_per_source", one_per_source)):
            if given is not None and self._settings.get(name) != given:
                raise StoreError(
                    f"{name}={given!r} differs from the store's "
                    f"{name}={self._settings.get(name)!r}, fixed when it was created"
                )
        self._matcher: Matcher | None = (
            Matcher.from_json(docs["model"]) if "model" in docs else None
        )
        if model is not None:
            if not hasattr(model, "lambda_"):
                raise SettingsError("model= must be a fitted Matcher (fit it or load one)")
            if self._matcher is not None and self._matcher.to_json() != model.to_json():
                raise StoreError("the model given differs from the one stored in this file")
            if self._matcher is None:
                with self._write():
                    if self._matcher is None:
                        self._put("model", model.to_json())
            self._matcher = model
        self._rules = [BlockingRule(tuple(k), p) for k, p in self._settings["rules"]]

    # -- plumbing ---------------------------------------------------------------

    def _begin(self) -> None:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            if "locked" in str(err) or "busy" in str(err):
                raise StoreBusyError(
                    f"another writer held the identity store for more than {self.timeout} s"
                ) from None
            raise

    @contextmanager
    def _write(self, *, reload: bool = True) -> Iterator[None]:
        """One write transaction; the settings and model are read again inside it, as
        another process may have written them since."""
        self._begin()
        try:
            if reload:
                self._reload()
                if "confirmed" not in self._settings or "people" not in self._settings:
                    self._count_stored_values()
            yield
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            self._settings_doc = ""  # read the stored settings again on the next write
            raise

    @contextmanager
    def _read(self) -> Iterator[None]:
        self._conn.execute("BEGIN")
        try:
            self._reload()  # another process may have written since
            yield
        finally:
            self._conn.execute("COMMIT")

    def _reload(self) -> None:
        wanted = ("settings",) if self._matcher is not None else ("settings", "model")
        docs = dict(
            self._conn.execute(
                f"SELECT name, doc FROM model WHERE name IN ({_marks(len(wanted))})", wanted
            ).fetchall()
        )
        if docs["settings"] != self._settings_doc:
            self._settings_doc = docs["settings"]
            self._settings = json.loads(docs["settings"])
            self._rules = [BlockingRule(tuple(k), p) for k, p in self._settings["rules"]]
            self._shared_cache = None  # another process may have found shared values
        if self._matcher is None and "model" in docs:
            self._matcher = Matcher.from_json(docs["model"])

    def _put(self, name: str, doc: str) -> None:
        self._conn.execute("INSERT OR REPLACE INTO model VALUES (?, ?)", (name, doc))

    def _save_settings(self) -> None:
        self._settings_doc = json.dumps(self._settings)
        self._put("settings", self._settings_doc)

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def __enter__(self) -> IdentityStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"IdentityStore({self.path!r}, records={len(self):,})"

    def __len__(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM records").fetchone()[0])

    @property
    def model(self) -> Matcher | None:
        """The stored model (None before the first ingest trained one)."""
        return self._matcher

    @property
    def rules(self) -> tuple[BlockingRule, ...]:
        """The blocking rules in effect (batch: pass them as ``blocking=``)."""
        return tuple(self._rules)

    @property
    def n_profiles(self) -> int:
        """How many profiles the store holds."""
        return int(self._conn.execute("SELECT COUNT(*) FROM profiles").fetchone()[0])

    def _mask(self, table: PreparedTable) -> PreparedTable:
        """The table with its shared values masked (a no-op when none is present)."""
        shared = self._shared()
        if not len(shared):
            return table
        sets = self._shared_sets
        hits = {
            c: tuple(sorted({v for v in table.columns[c].tolist() if v in sets[c]}))
            for c in sets
            if c in table.columns
        }
        hits = {c: v for c, v in hits.items() if v}
        if not hits:
            return table
        return mask_shared(table, SharedValues(hits, dict.fromkeys(hits, 0), shared.min_people))

    def _shared(self) -> SharedValues:
        """The values set aside on the first ingest (kept in their own document)."""
        if self._shared_cache is None:
            row = self._conn.execute("SELECT doc FROM model WHERE name = 'shared'").fetchone()
            doc = json.loads(row[0]) if row is not None else self._settings.get("shared", {})
            self._shared_cache = doc
            self._shared_sets = {c: set(v) for c, v in doc.items()}
        values = {c: tuple(v) for c, v in self._shared_cache.items()}
        return SharedValues(
            values, dict.fromkeys(values, 0), self._settings["shared_min_people"] or 2
        )

    def _digest(self, profile: Profile) -> dict[str, str]:
        salt = self._settings["salt"]
        return {
            field: hashlib.blake2b((salt + repr(value.value)).encode(), digest_size=8).hexdigest()
            for field, value in profile.attributes.items()
        }

    # -- ingest -----------------------------------------------------------------

    def ingest(self, records: object) -> list[Event]:
        """Add or update records; return what changed (see the module docstring).

        Args:
            records: what :func:`goldenrecord.resolve` takes: a pandas or polars
                DataFrame, a pyarrow Table, an iterable of row dicts, a mapping of
                column to cells, the path of a CSV, Parquet or JSON Lines file, or a
                mapping of source name to any of those (record keys are then
                ``"source:id"``); or one row as a dict. Rows without an id are skipped;
                of a repeated key, the first row counts.

        Raises:
            StoreBusyError: another writer held the store past the timeout.
            SettingsError: a table without the id column, an unreadable file.
        """
        rows = raw_rows(records, self.schema)
        if not rows:
            return []
        with self._write():
            self._settings["ingests"] += 1
            ingest = int(self._settings["ingests"])
            empty = self._conn.execute("SELECT 1 FROM records LIMIT 1").fetchone() is None
            events = self._bulk(rows, ingest) if empty else self._incremental(rows, ingest)
            self._save_settings()
            self._log(events, ingest)
        return events

    def _log(self, events: list[Event], ingest: int) -> None:
        at = _now()
        for k, event in enumerate(events):
            events[k] = event = attrs.evolve(event, at=at)
        self._conn.executemany(
            "INSERT INTO events (ingest, type, profile_id, other_ids, record_keys, detail, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(ingest, *to_row(e)) for e in events],
        )

    def _bulk(self, incoming: Incoming, ingest: int) -> list[Event]:
        """The whole batch path on the records, written to the empty store."""
        s = self._settings
        rows = incoming.rows
        res = resolve(
            incoming.table(rows),
            self.schema,
            matcher=self._matcher,
            blocking=self._rules,
            max_block_size=s["max_block_size"],
            limits=s["limits"],
            shared_min_people=s["shared_min_people"],
            purpose=s.get("purpose"),
            one_per_source=bool(s.get("one_per_source")),
        )
        if self._matcher is None:
            self._matcher = res.matcher
            self._put("model", res.matcher.to_json())
        matcher = self._matcher
        reports = res.report.blocking.rules
        kept = [r for r, rep in zip(self._rules, reports, strict=True) if not rep.skipped]
        if len(kept) < len(self._rules):
            self._rules = kept
            s["rules"] = [[list(r.keys), r.pairs_per_record] for r in kept]
        shared_doc = {c: list(v) for c, v in res.shared.values.items()}
        self._put("shared", json.dumps(shared_doc))
        self._shared_cache = None
        prepared = res.prepared
        matched = mask_shared(prepared, res.shared)
        n = len(prepared)
        keys = prepared.keys
        self._conn.executemany(
            "INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    i + 1,
                    keys[i],
                    prepared.sources[i],
                    dumps(rows[keys[i]]),
                    normalized_json(prepared, i),
                    None if prepared.updated_at[i] is None else str(prepared.updated_at[i]),
                    res.clusters[keys[i]],
                )
                for i in range(n)
            ),
        )
        hashes = key_hashes(matched.columns, self._rules, range(n))
        self._conn.executemany(
            "INSERT OR IGNORE INTO keys VALUES (?, ?)",
            ((h, i + 1) for i, hs in hashes.items() for h in hs),
        )
        self._add_counts(matched, range(n), +1)
        s["confirmed"] = confirmed_columns(s["limits"], prepared)
        self._count_values(prepared, range(n), +1)
        s["people"] = True
        if s["shared_min_people"] is not None:
            add_people(self._conn, prepared, range(n), range(1, n + 1))
        pairs = res.pairs
        above = np.flatnonzero(pairs.probability >= matcher.threshold)
        # clustering saw the accepted pairs (above the threshold, consent not withheld)
        withheld = self._withheld(prepared)
        taken = np.flatnonzero(
            (pairs.probability >= matcher.threshold)
            & ~(withheld[pairs.left] | withheld[pairs.right])
        )
        refused = dict.fromkeys(np.setdiff1d(above, taken).tolist(), CONSENT)
        refused.update(
            zip(taken[res.clustering.refused].tolist(), res.clustering.refused_by, strict=True)
        )
        levels = pairs.levels.astype(np.int8)
        self._conn.executemany(
            "INSERT INTO edges VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    int(pairs.left[e]) + 1,
                    int(pairs.right[e]) + 1,
                    float(pairs.weight[e]),
                    float(pairs.probability[e]),
                    levels[e].tobytes(),
                    0 if e in refused else 1,
                    refused.get(e),
                )
                for e in above.tolist()
            ),
        )
        events: list[Event] = []
        profile_rows = []
        for p in res.profiles:
            profile_rows.append((p.profile_id, ingest, p.n_records, json.dumps(self._digest(p))))
            events.append(ProfileCreated(p.profile_id, p.record_ids))
        self._conn.executemany("INSERT INTO profiles VALUES (?, ?, ?, ?)", profile_rows)
        return events

    def _add_counts(self, matched: PreparedTable, rows: Iterable[int], sign: int) -> None:
        """Add (or remove, ``sign=-1``) the records' values to the term counts."""
        assert self._matcher is not None
        rows = list(rows)
        for _, column in tf_columns(self._matcher):
            tally: dict[str, int] = {}
            values = matched.columns[column]
            for i in rows:
                v = values[i]
                if v is not None:
                    tally[str(v)] = tally.get(str(v), 0) + 1
            self._bump(column, tally, sign)

    def _count_values(self, table: PreparedTable, rows: Iterable[int], sign: int) -> None:
        """Add (or remove) the records' values of the columns limited to one value per
        profile to ``value_counts`` (unmasked values, as batch counts them)."""
        rows = list(rows)
        for column in self._settings["confirmed"]:
            if column not in table.columns:
                continue
            tally: dict[int, int] = {}
            values = table.columns[column]
            for i in rows:
                if values[i] is not None:
                    h = value_hash(values[i])
                    tally[h] = tally.get(h, 0) + sign
            self._conn.executemany(
                "INSERT INTO value_counts VALUES (?, ?, ?) "
                "ON CONFLICT (col, h) DO UPDATE SET n = n + excluded.n",
                ((column, h, n) for h, n in tally.items()),
            )
            if sign < 0:
                self._conn.executemany(
                    "DELETE FROM value_counts WHERE col = ? AND h = ? AND n <= 0",
                    ((column, h) for h in tally),
                )

    def _count_stored_values(self) -> None:
        """Fill ``value_counts`` from the stored records (a store written before they
        were kept; an empty store counts on its first ingest)."""
        rows = self._conn.execute(
            "SELECT record_key, source, raw, normalized FROM records"
        ).fetchall()
        if not rows:
            return
        table = from_stored(self.schema, rows)
        if "confirmed" not in self._settings:
            self._settings["confirmed"] = confirmed_columns(self._settings["limits"], table)
            self._count_values(table, range(len(table)), +1)
        if "people" not in self._settings:
            self._settings["people"] = True
            if self._settings["shared_min_people"] is not None:
                rids = self._conn.execute("SELECT record_key, rid FROM records").fetchall()
                rid_of = dict(rids)
                add_people(self._conn, table, range(len(table)), [rid_of[k] for k in table.keys])
        self._save_settings()

    def _held_twice(self, column: str, values: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        """Per value, whether two or more records of the store hold it."""
        hashes = [None if v is None else value_hash(v) for v in values.tolist()]
        wanted = sorted({h for h in hashes if h is not None})
        counts: dict[int, int] = {}
        for chunk in _chunks(wanted):
            counts.update(
                self._conn.execute(
                    f"SELECT h, n FROM value_counts WHERE col = ? AND h IN ({_marks(len(chunk))})",
                    (column, *chunk),
                ).fetchall()
            )
        return np.array([h is not None and counts.get(h, 0) >= 2 for h in hashes], dtype=bool)

    def _bump(self, column: str, tally: Mapping[str, int], sign: int) -> None:
        self._conn.executemany(
            "INSERT INTO term_counts VALUES (?, ?, ?) "
            "ON CONFLICT (col, value) DO UPDATE SET n = n + excluded.n",
            [
                *((column, v, sign * c) for v, c in tally.items()),
                (column, _TOTAL, sign * sum(tally.values())),  # the column's total
            ],
        )
        if sign < 0:
            self._conn.executemany(
                "DELETE FROM term_counts WHERE col = ? AND value = ? AND n <= 0",
                ((column, v) for v in tally),
            )

    def _score(self, table: PreparedTable, left: list[int], right: list[int]) -> ScoredPairs:
        """Score pairs of ``table`` (shared values masked), term frequencies from the store."""
        matcher = self._matcher
        assert matcher is not None
        lo = np.array(left, dtype=np.int64)
        hi = np.array(right, dtype=np.int64)
        scored = matcher.score(table, lo, hi)
        counts: dict[str, dict[str, int]] = {}
        totals: dict[str, int] = {}
        for _, column in tf_columns(matcher):
            values = sorted({str(v) for v in table.columns[column][lo].tolist() if v is not None})
            counts[column] = {}
            for chunk in _chunks(values):
                counts[column].update(
                    self._conn.execute(
                        f"SELECT value, n FROM term_counts WHERE col = ? AND value IN "
                        f"({_marks(len(chunk))})",
                        (column, *chunk),
                    ).fetchall()
                )
            total = self._conn.execute(
                "SELECT n FROM term_counts WHERE col = ? AND value = ?", (column, _TOTAL)
            ).fetchone()
            totals[column] = 0 if total is None else int(total[0])
        text_columns = {
            c: np.array(
                [None if v is None else str(v) for v in table.columns[c].tolist()], dtype=object
            )
            for c in counts
        }
        return _with_store_tf(matcher, scored, text_columns, counts, totals)

    def _candidates(
        self, matched: PreparedTable, rows: Sequence[int], exclude: set[int]
    ) -> tuple[dict[int, set[int]], dict[int, list[int]]]:
        """Key hashes of the given rows, and per hash the stored records holding it
        (keys held by more than ``max_block_size`` records are not expanded)."""
        hashes = key_hashes(matched.columns, self._rules, rows)
        local: dict[int, int] = {}
        for hs in hashes.values():
            for h in hs:
                local[h] = local.get(h, 0) + 1
        cap = int(self._settings["max_block_size"])
        found: dict[int, list[int]] = {}
        for h, count in local.items():
            rids = [
                r
                for (r,) in self._conn.execute(
                    "SELECT rid FROM keys WHERE h = ? LIMIT ?", (h, cap + 1)
                ).fetchall()
                if r not in exclude
            ]
            if rids and len(rids) + count <= cap:
                found[h] = rids
            elif count > 1 and count <= cap and not rids:
                found[h] = []
        return hashes, found

    def _prepare_stored(self, rids: Iterable[int]) -> tuple[PreparedTable | None, dict[str, int]]:
        """Stored records as a prepared table (from their stored normalized columns);
        and their rids by key."""
        items: list[tuple[str, str | None, str, str]] = []
        rid_of: dict[str, int] = {}
        ids = sorted(rids)
        for chunk in _chunks(ids):
            for rid, key, source, raw, normalized in self._conn.execute(
                "SELECT rid, record_key, source, raw, normalized FROM records "
                f"WHERE rid IN ({_marks(len(chunk))})",
                chunk,
            ).fetchall():
                items.append((key, source, raw, normalized))
                rid_of[key] = rid
        if not items:
            return None, rid_of
        return from_stored(self.schema, items), rid_of

    def _incremental(self, incoming: Incoming, ingest: int) -> list[Event]:
        conn = self._conn
        rows = incoming.rows
        keys = sorted(rows)
        stored: dict[str, tuple[int, str, str]] = {}
        for chunk in _chunks(keys):
            for rid, key, raw, normalized in conn.execute(
                "SELECT rid, record_key, raw, normalized FROM records "
                f"WHERE record_key IN ({_marks(len(chunk))})",
                chunk,
            ).fetchall():
                stored[key] = (rid, raw, normalized)
        changed = [k for k in keys if k not in stored or stored[k][1] != dumps(rows[k])]
        if not changed:
            return []
        updated = [k for k in changed if k in stored]
        seeds: set[int] = set()
        shared = self._shared()
        for key in updated:
            rid = stored[key][0]
            self._unplace(rid, stored[key][2], shared, seeds)
            conn.execute("DELETE FROM value_people WHERE rid = ?", (rid,))
        fresh = prepare(incoming.table(changed), self.schema)
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
        self._count_values(fresh, range(len(fresh)), +1)
        placed = self._newly_shared(fresh, rid_of, seeds)  # fresh, and records to re-mask
        matched = self._mask(placed)
        self._add_counts(matched, range(len(placed)), +1)
        hashes, found = self._candidates(matched, range(len(placed)), set(rid_of.values()))
        conn.executemany(
            "INSERT OR IGNORE INTO keys VALUES (?, ?)",
            ((h, rid_of[placed.keys[i]]) for i, hs in hashes.items() for h in hs),
        )
        candidates = {r for rids in found.values() for r in rids}
        stored_table, cand_rid = self._prepare_stored(candidates)
        pool = matched if stored_table is None else concat(matched, self._mask(stored_table))
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
            scored = self._score(pool, [a for a, _ in ordered], [b for _, b in ordered])
            assert self._matcher is not None
            above = np.flatnonzero(scored.probability >= self._matcher.threshold)
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
        seeds.update(rid_of[k] for k in placed.keys)
        known = placed if stored_table is None else concat(placed, stored_table)
        events = self._recluster(
            seeds, ingest, pool=known, masked_pool=pool, pool_rids=rid_of, changed=set(fresh.keys)
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
        return events

    def _unplace(self, rid: int, normalized: str, shared: SharedValues, seeds: set[int]) -> None:
        """Take a stored record out of the keys, edges and term counts (to place it again
        with new values or a new mask); it and its neighbours become seeds."""
        conn = self._conn
        seeds.add(rid)
        seeds.update(
            r
            for (r,) in conn.execute(
                "SELECT b FROM edges WHERE a = ? UNION SELECT a FROM edges WHERE b = ?",
                (rid, rid),
            ).fetchall()
        )
        self._forget_counts(normalized, shared)
        conn.execute("DELETE FROM keys WHERE rid = ?", (rid,))
        conn.execute("DELETE FROM edges WHERE a = ? OR b = ?", (rid, rid))

    def _newly_shared(
        self, fresh: PreparedTable, rid_of: dict[str, int], seeds: set[int]
    ) -> PreparedTable:
        """Count who carries the fresh records' values. Values that became shared are set
        aside, and the stored records carrying them are taken out to be placed again with
        them masked (their rids go into ``rid_of``). Returns the records to place: the
        fresh ones and those (unmasked, in key order)."""
        min_people = self._settings["shared_min_people"]
        if min_people is None:
            return fresh
        conn = self._conn
        add_people(conn, fresh, range(len(fresh)), [rid_of[k] for k in fresh.keys])
        old = self._shared()
        new = newly_shared(conn, fresh, range(len(fresh)), old.values, min_people)
        if not new:
            return fresh
        doc = {c: sorted({*old.values.get(c, ()), *new.get(c, ())}) for c in {*old.values, *new}}
        self._put("shared", json.dumps(doc))
        self._shared_cache = None
        again = sorted(holders(conn, new) - set(rid_of.values()))
        for chunk in _chunks(again):
            for rid, normalized in conn.execute(
                f"SELECT rid, normalized FROM records WHERE rid IN ({_marks(len(chunk))})", chunk
            ).fetchall():
                self._unplace(rid, normalized, old, seeds)
        table, rids = self._prepare_stored(again)
        if table is None:
            return fresh
        rid_of.update(rids)
        return concat(fresh, table)

    def _forget_counts(self, normalized: str, shared: SharedValues) -> None:
        assert self._matcher is not None
        values = json.loads(normalized)
        for _, column in tf_columns(self._matcher):
            v = values.get(column)
            if v is not None and str(v) not in shared.values.get(column, ()):
                self._bump(column, {str(v): 1}, -1)
        for column in self._settings["confirmed"]:
            v = values.get(column)
            if v is not None:
                h = value_hash(v)
                self._conn.execute(
                    "UPDATE value_counts SET n = n - 1 WHERE col = ? AND h = ?", (column, h)
                )
                self._conn.execute(
                    "DELETE FROM value_counts WHERE col = ? AND h = ? AND n <= 0", (column, h)
                )

    # -- re-clustering ----------------------------------------------------------

    def _component(self, seeds: Iterable[int]) -> set[int]:
        """The records linked to the seeds by stored edges or link overrides."""
        seen = set(seeds)
        frontier = sorted(seen)
        while frontier:
            nxt: set[int] = set()
            for chunk in _chunks(frontier):
                marks = _marks(len(chunk))
                for (r,) in self._conn.execute(
                    f"SELECT b FROM edges WHERE a IN ({marks}) UNION "
                    f"SELECT a FROM edges WHERE b IN ({marks}) UNION "
                    f"SELECT b FROM overrides WHERE kind = 'link' AND a IN ({marks}) UNION "
                    f"SELECT a FROM overrides WHERE kind = 'link' AND b IN ({marks})",
                    (*chunk, *chunk, *chunk, *chunk),
                ).fetchall():
                    if r not in seen:
                        seen.add(r)
                        nxt.add(r)
            frontier = sorted(nxt)
        return seen

    def _withheld(self, table: PreparedTable) -> np.ndarray[Any, Any]:
        """Per record, whether its own statement for the store's purpose is "no"."""
        purpose = self._settings.get("purpose")
        if purpose is None:
            return np.zeros(len(table), dtype=bool)
        codes, _ = consent_codes(table.raw[self.schema.consent[purpose]])
        return np.asarray(codes == 0, dtype=bool)

    def _limited(
        self, table: PreparedTable, scored: ScoredPairs, accepted: np.ndarray[Any, Any]
    ) -> tuple[dict[str, np.ndarray[Any, Any]], dict[str, int]]:
        """The value limits of a component, as batch sets them on the whole table.

        Values are the unmasked ones (a shared inbox is still a value the profile holds).
        A column limited to one value counts a value only when two records confirm it:
        batch counts them over the whole table, so here a value also counts when two
        records of the store hold it, inside the component or not.
        """
        assert self._matcher is not None
        limit_of = check_limits(self._settings["limits"], table.columns)
        confirmed = [c for c in self._settings["confirmed"] if c in table.columns]
        relaxed = {**limit_of, **dict.fromkeys(confirmed, 2)}  # codes, nothing dropped
        values, limit_by_column = limited_values(relaxed, table, self._matcher, scored, accepted)
        for column in confirmed:
            codes = values[column]
            seen = np.bincount(codes[codes >= 0], minlength=codes.size)
            held = self._held_twice(column, table.columns[column]) & (codes >= 0)
            counted = np.flatnonzero(seen >= 2)
            ok = np.union1d(counted, codes[held])
            values[column] = np.where(np.isin(codes, ok), codes, -1)
            limit_by_column[column] = 1
        return values, limit_by_column

    def _recluster(
        self,
        seeds: Iterable[int],
        ingest: int,
        *,
        pool: PreparedTable | None = None,
        masked_pool: PreparedTable | None = None,
        pool_rids: Mapping[str, int] | None = None,
        forgotten: Sequence[str] = (),
        changed: Collection[str] = (),
    ) -> list[Event]:
        """Cluster the component of the seeds again; write ids, edges, profiles.

        ``changed``: keys of the records whose values this ingest wrote (their profiles'
        golden values are rebuilt even when the members stay)."""
        conn = self._conn
        comp = self._component(seeds)
        if not comp:
            assigned = assign([], [], [], {}, lambda p: False, forgotten=forgotten)
            for pid in assigned.gone:
                conn.execute("DELETE FROM profiles WHERE profile_id = ?", (pid,))
            return assigned.events
        have = dict(pool_rids or {})
        have = {k: r for k, r in have.items() if r in comp}
        missing = comp - set(have.values())
        extra, extra_rids = self._prepare_stored(missing)

        def joined(first: PreparedTable | None, second: PreparedTable | None) -> PreparedTable:
            parts = [t for t in (first, second) if t is not None]
            return parts[0] if len(parts) == 1 else concat(parts[0], parts[1])

        table = joined(pool, extra)
        matched = joined(
            masked_pool if pool is not None else None,
            None if extra is None else self._mask(extra),
        )
        rid_of = {**have, **extra_rids}
        inside = [i for i, k in enumerate(table.keys) if rid_of.get(k) in comp]
        if len(inside) < len(table):
            table, matched = take(table, inside), take(matched, inside)
        n = len(table)
        rids = [rid_of[k] for k in table.keys]
        pos = {r: i for i, r in enumerate(rids)}
        assert self._matcher is not None
        n_comp = len(self._matcher.comparisons_)
        edge_rows: list[tuple[int, int, float, float, bytes, int, str | None]] = []
        ordered = sorted(comp)
        for chunk in _chunks(ordered):
            edge_rows.extend(
                conn.execute(
                    "SELECT a, b, weight, probability, levels, accepted, refused_by FROM edges "
                    f"WHERE a IN ({_marks(len(chunk))})",
                    chunk,
                ).fetchall()
            )
        ends = [(min(pos[a], pos[b]), max(pos[a], pos[b])) for a, b, *_ in edge_rows]
        left = np.array([e[0] for e in ends], dtype=np.int64)
        right = np.array([e[1] for e in ends], dtype=np.int64)
        weight = np.array([r[2] for r in edge_rows], dtype=np.float64)
        probability = np.array([r[3] for r in edge_rows], dtype=np.float64)
        levels = (
            np.frombuffer(b"".join(r[4] for r in edge_rows), dtype=np.int8)
            .reshape(len(edge_rows), n_comp)
            .copy()
            if edge_rows
            else np.zeros((0, n_comp), dtype=np.int8)
        )
        scored = ScoredPairs(
            left, right, levels, weight, probability, np.zeros((left.size, n_comp))
        )
        overrides: dict[str, tuple[list[int], list[int]]] = {"link": ([], []), "unlink": ([], [])}
        for chunk in _chunks(ordered):
            for a, b, kind in conn.execute(
                f"SELECT a, b, kind FROM overrides WHERE a IN ({_marks(len(chunk))})", chunk
            ).fetchall():
                if a in pos and b in pos:
                    overrides[kind][0].append(pos[a])
                    overrides[kind][1].append(pos[b])
        one_per_source = bool(self._settings.get("one_per_source"))
        withheld = self._withheld(table)
        kept = ~(withheld[left] | withheld[right])
        values, limit_by_column = self._limited(table, scored, kept)
        taken_edges = np.flatnonzero(kept)

        def pairs(kind: str) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]] | None:
            a, b = overrides[kind]
            return (np.array(a, dtype=np.int64), np.array(b, dtype=np.int64)) if a else None

        clustering = cluster(
            n,
            left[taken_edges],
            right[taken_edges],
            weight[taken_edges],
            values=values,
            limits=limit_by_column,
            groups=table.source_codes.astype(np.int64) if one_per_source else None,
            must_link=pairs("link"),
            cannot_link=pairs("unlink"),
        )
        refused: dict[int, str] = {int(k): CONSENT for k in np.flatnonzero(~kept).tolist()}
        refused.update(
            zip(taken_edges[clustering.refused].tolist(), clustering.refused_by, strict=True)
        )
        conn.executemany(
            "UPDATE edges SET accepted = ?, refused_by = ? WHERE a = ? AND b = ?",
            (
                (0 if k in refused else 1, refused.get(k), r[0], r[1])
                for k, r in enumerate(edge_rows)
                if (r[5], r[6]) != (0 if k in refused else 1, refused.get(k))
            ),
        )
        before: list[str | None] = []
        for chunk in _chunks(rids):
            found = dict(
                conn.execute(
                    f"SELECT rid, profile_id FROM records WHERE rid IN ({_marks(len(chunk))})",
                    chunk,
                ).fetchall()
            )
            before.extend(found[r] or None for r in chunk)
        old_ids = sorted({p for p in before if p is not None} | set(forgotten))
        info: dict[str, tuple[int, int]] = {}
        digests: dict[str, dict[str, str]] = {}
        for pid, created, size, digest in conn.execute(
            f"SELECT profile_id, created, size, digest FROM profiles "
            f"WHERE profile_id IN ({_marks(len(old_ids))})",
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

        assigned = assign(table.keys, labels, before, info, taken, forgotten=forgotten)
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
        profiles = build_profiles(part, part_labels, consent_columns=self.schema.consent)
        id_of = {part.keys[k]: new_ids[i] for k, i in enumerate(rebuild)}
        rows = []
        for p in profiles:
            pid = id_of[p.record_ids[0]]
            digest = self._digest(p)
            created = info[pid][0] if pid in info else ingest
            rows.append((pid, created, p.n_records, json.dumps(digest)))
            if pid in digests:
                changed = sorted(
                    f for f in {*digest, *digests[pid]} if digest.get(f) != digests[pid].get(f)
                )
                if changed:
                    events.append(ValuesChanged(pid, tuple(changed)))
        conn.executemany("INSERT INTO profiles VALUES (?, ?, ?, ?)", rows)
        return events

    # -- reading ----------------------------------------------------------------

    def profile(self, profile_id: str) -> Profile:
        """The golden profile, rebuilt from its member records.

        Raises:
            StoreError: no profile has this id.
        """
        with self._read():
            rids = [
                r
                for (r,) in self._conn.execute(
                    "SELECT rid FROM records WHERE profile_id = ?", (profile_id,)
                ).fetchall()
            ]
            table, _ = self._prepare_stored(rids)
        if table is None:
            raise StoreError(f"no profile {profile_id!r} in the store")
        (built,) = build_profiles(
            table, np.zeros(len(table), dtype=np.int64), consent_columns=self.schema.consent
        )
        return attrs.evolve(built, profile_id=profile_id)

    def profile_of(self, record_key: str) -> Profile:
        """The profile holding a record.

        Raises:
            StoreError: the store holds no record with this key (not named).
        """
        row = self._conn.execute(
            "SELECT profile_id FROM records WHERE record_key = ?", (record_key,)
        ).fetchone()
        if row is None:
            raise StoreError("the store holds no record with that key")
        return self.profile(row[0])

    def history(self, profile_id: str) -> list[Event]:
        """The events that concern a profile, oldest first."""
        needle = json.dumps(profile_id)
        return [
            from_row(*row)
            for row in self._conn.execute(
                "SELECT type, profile_id, other_ids, record_keys, detail, at FROM events "
                "WHERE profile_id = ? OR instr(other_ids, ?) > 0 ORDER BY seq",
                (profile_id, needle),
            ).fetchall()
        ]

    def lookup(self, record: Mapping[str, Any], *, limit: int = 5) -> list[Match]:
        """The profiles a record would join, best first, with explanations; writes nothing.

        Every profile with a candidate record (one sharing a blocking key) is scored;
        ``Match.matched`` says whether the best pair reaches the threshold.
        """
        probe = dict(record)
        probe[self.schema.id] = "\x00lookup"
        row = raw_rows([probe], self.schema).rows["\x00lookup"]
        with self._read():
            matcher = self._matcher
            if matcher is None:
                return []
            fresh = prepare([row], self.schema)
            matched = self._mask(fresh)
            _, found = self._candidates(matched, [0], set())
            rids = {r for rs in found.values() for r in rs}
            stored, _ = self._prepare_stored(rids)
            if stored is None:
                return []
            pool = concat(matched, self._mask(stored))
            me = pool.keys.index("\x00lookup")
            others = [i for i in range(len(pool)) if i != me]
            scored = self._score(pool, [min(me, o) for o in others], [max(me, o) for o in others])
            profile_of = dict(
                self._conn.execute(
                    "SELECT record_key, profile_id FROM records "
                    f"WHERE rid IN ({_marks(len(rids))})",
                    sorted(rids),
                ).fetchall()
            )
        best: dict[str, int] = {}
        for k, o in enumerate(others):
            pid = profile_of[pool.keys[o]]
            if pid not in best or scored.weight[k] > scored.weight[best[pid]]:
                best[pid] = k
        ranked = sorted(best.items(), key=lambda kv: (-float(scored.weight[kv[1]]), kv[0]))
        out = []
        for pid, k in ranked[:limit]:
            o = others[k]
            out.append(
                Match(
                    profile_id=pid,
                    record_key=pool.keys[o],
                    weight=float(scored.weight[k]),
                    probability=float(scored.probability[k]),
                    matched=bool(scored.probability[k] >= matcher.threshold),
                    explanation=explain_pair(matcher, pool, me, o),
                )
            )
        return out

    # -- overrides and erasure --------------------------------------------------

    def _rid(self, record_key: str) -> int:
        row = self._conn.execute(
            "SELECT rid FROM records WHERE record_key = ?", (record_key,)
        ).fetchone()
        if row is None:
            raise StoreError("the store holds no record with that key")
        return int(row[0])

    def _override(self, a: str, b: str, kind: str) -> list[Event]:
        if a == b:
            raise SettingsError(f"{kind} takes two different record keys")
        with self._write():
            ra, rb = self._rid(a), self._rid(b)
            lo, hi = min(ra, rb), max(ra, rb)
            self._conn.execute("INSERT OR REPLACE INTO overrides VALUES (?, ?, ?)", (lo, hi, kind))
            self._settings["ingests"] += 1
            ingest = int(self._settings["ingests"])
            events = self._recluster({lo, hi}, ingest)
            self._save_settings()
            self._log(events, ingest)
        return events

    def link(self, a: str, b: str) -> list[Event]:
        """Keep two records in one profile from now on (a reviewer's decision).

        The decision is stored and every later ingest respects it; returns the events
        (``ProfilesMerged`` when they were apart).

        Raises:
            StoreError: a key the store does not hold.
        """
        return self._override(a, b, "link")

    def unlink(self, a: str, b: str) -> list[Event]:
        """Keep two records apart from now on, directly or through others.

        Returns the events (``ProfileSplit`` when they shared a profile).

        Raises:
            StoreError: a key the store does not hold.
        """
        return self._override(a, b, "unlink")

    def forget(self, record_key: str) -> list[Event]:
        """Erase a record: raw and normalized values, keys, edges, overrides and the
        events naming it; rebuild its profile from the other members; keep a tombstone
        holding only a salted hash of the key. The WAL is then checkpointed, so the
        erased bytes leave the files (see :meth:`checkpoint`).

        Raises:
            StoreError: the store holds no record with this key.
        """
        return self._forget([record_key])

    def forget_profile(self, profile_id: str) -> list[Event]:
        """Erase every record of a profile (see :meth:`forget`)."""
        keys = [
            k
            for (k,) in self._conn.execute(
                "SELECT record_key FROM records WHERE profile_id = ?", (profile_id,)
            ).fetchall()
        ]
        if not keys:
            raise StoreError(f"no profile {profile_id!r} in the store")
        return self._forget(keys)

    def _forget(self, record_keys: Sequence[str]) -> list[Event]:
        conn = self._conn
        shared = self._shared()
        with self._write():
            seeds: set[int] = set()
            gone: set[int] = set()
            lost: dict[str, int] = {}
            for key in record_keys:
                row = conn.execute(
                    "SELECT rid, profile_id, normalized FROM records WHERE record_key = ?", (key,)
                ).fetchone()
                if row is None:
                    raise StoreError("the store holds no record with that key")
                rid, pid, normalized = row
                gone.add(rid)
                lost[pid] = lost.get(pid, 0) + 1
                seeds.update(
                    r
                    for (r,) in conn.execute(
                        "SELECT rid FROM records WHERE profile_id = ?", (pid,)
                    ).fetchall()
                )
                self._unplace(rid, normalized, shared, seeds)
                conn.execute("DELETE FROM records WHERE rid = ?", (rid,))
                conn.execute(
                    "DELETE FROM events WHERE instr(record_keys, ?) > 0", (json.dumps(key),)
                )
                salt = self._settings["salt"]
                digest = hashlib.blake2b((salt + key).encode(), digest_size=16).hexdigest()
                conn.execute("INSERT OR REPLACE INTO tombstones VALUES (?, ?)", (digest, _now()))
            self._settings["ingests"] += 1
            ingest = int(self._settings["ingests"])
            events = self._recluster(seeds - gone, ingest, forgotten=sorted(lost))
            alive = {
                p
                for (p,) in conn.execute("SELECT profile_id FROM profiles").fetchall()
                if p in lost
            }
            events.extend(RecordsForgotten(p, lost[p]) for p in sorted(alive))
            self._save_settings()
            self._log(events, ingest)
        self.checkpoint()
        return events

    def checkpoint(self) -> bool:
        """Copy the WAL into the database file and truncate it; False when a reader
        kept part of it (call again later)."""
        busy, _, _ = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return not busy

    def tombstones(self) -> int:
        """How many erased records the store remembers (by salted hash only)."""
        return int(self._conn.execute("SELECT COUNT(*) FROM tombstones").fetchone()[0])
