"""``gr.IdentityStore``: the batch pipeline, incremental, over a SQLite file (how it
works: the :mod:`goldenrecord.store` docstring).

The store holds a database object (:class:`~goldenrecord.store._base.StoreDatabase`:
SQL, settings, model) and the collaborators that work through it, each given what it
calls: counts, re-clustering, placing and erasure.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import numpy as np

from goldenrecord._keys import key_text as _key
from goldenrecord.errors import RecordNotFound, StoreError
from goldenrecord.match.blocking import DEFAULT_MAX_BLOCK_SIZE, BlockingRule
from goldenrecord.match.model import Matcher
from goldenrecord.match.stages import DEFAULT_MIN_PEOPLE
from goldenrecord.profile import Profile, build_profiles
from goldenrecord.schema import Schema
from goldenrecord.store import _golden
from goldenrecord.store._base import StoreDatabase
from goldenrecord.store._check import problems
from goldenrecord.store._counts import Counts
from goldenrecord.store._erase import Eraser
from goldenrecord.store._events import (
    Event,
    IngestResult,
    RecordRejected,
    from_row,
)
from goldenrecord.store._ingest import Placer
from goldenrecord.store._match import Match, lookup_matches
from goldenrecord.store._recluster import Reclusterer
from goldenrecord.store._rows import raw_rows
from goldenrecord.store._sql import guarded, wal_truncated

if TYPE_CHECKING:
    pass

__all__ = ["IdentityStore", "Match"]

_S = TypeVar("_S", bound="IdentityStore")


class IdentityStore:
    """A persistent identity store on SQLite; see the module docstring.

    Args:
        path: the database file (created when missing).
        schema: required for a new store; for an existing one, it must equal the
            stored schema (or be omitted).
        model: a fitted :class:`~goldenrecord.Matcher`; without one the first ingest
            trains it as :func:`goldenrecord.resolve` does. Kept in the store.
        rules: blocking rules (default: batch's,
            :func:`~goldenrecord.match.blocking.default_rules`, loose tier included,
            without the batch-only :class:`~goldenrecord.match.blocking.GroupRule`;
            see the module docstring for how the loose rules choose their blocks).
        limits: value limits, as for :func:`goldenrecord.resolve`.
        shared_min_people: as for :func:`goldenrecord.resolve`; the shared values are
            found on the first (bulk) ingest and then kept.
        max_block_size: a key held by more records is not looked up (as batch does
            not expand such a block).
        timeout: seconds to wait for a lock another connection holds before
            :class:`StoreBusyError` (also how long :meth:`forget` waits for readers
            that keep erased pages in the write-ahead log).
        purpose: a consent purpose of the schema, as for :func:`goldenrecord.resolve`:
            a record whose own statement for it is "no" is never merged with another.
        one_per_source: a profile holds at most one record per source.
        secret: the key of the store's profile ids, tombstones and digests (bytes or
            str; keep it outside the database file). Default: the key file.
        key_file: where the secret is kept when ``secret`` is not given (default
            ``<path>.key``, 32 random bytes in hex, created with permissions 0600 with
            a new store). Anyone holding the database file without it cannot tell
            which key a profile id or a tombstone stands for.
        quick_check: run SQLite's ``quick_check`` on an existing file when opening it
            (it reads every page, about 5 ms per MB; a long-lived process that opens a
            large store often may turn it off and run :meth:`check` on a schedule).
        attach: attach each record that joins no profile at the threshold to the one
            profile it resembles, as :func:`goldenrecord.resolve` does with
            ``attach=True`` (default: :data:`goldenrecord._attach.DEFAULT_ATTACH`, as
            batch). The store keeps the matches below the threshold that can decide an
            attachment, and decides them again whenever a profile near them changes.

    ``rules``, ``limits``, ``shared_min_people``, ``max_block_size``, ``purpose`` and
    ``one_per_source`` and ``attach`` are fixed when the store is created and kept in it;
    reopening with a different ``rules``, ``limits``, ``purpose``, ``one_per_source`` or
    ``attach`` raises
    :class:`StoreError` naming every differing setting (not its values). To change
    them, build a new store with the new settings and ingest the records into it.

    Only a path where nothing exists becomes a new store: an existing file must pass a
    quick check (SQLite header, this library's tables, ``PRAGMA quick_check``), and an
    empty or truncated file is an error, not a new store.

    Raises:
        SettingsError: a new store without a schema, an unfitted model.
        StoreError: a schema or model that differs from the stored one; a damaged or
            foreign file; a missing key file or a secret that is not the store's.
        StoreBusyError: another connection held a lock past the timeout.

    Every method raises :class:`StoreError` for a damaged file and
    :class:`StoreBusyError` for a lock held past the timeout, never a raw
    ``sqlite3`` error.
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
        secret: bytes | str | None = None,
        key_file: str | os.PathLike[str] | None = None,
        quick_check: bool = True,
        attach: bool | None = None,
    ) -> None:
        db = StoreDatabase(
            path,
            schema,
            model,
            rules=rules,
            limits=limits,
            shared_min_people=shared_min_people,
            max_block_size=max_block_size,
            timeout=timeout,
            purpose=purpose,
            one_per_source=one_per_source,
            secret=secret,
            key_file=key_file,
            quick_check=quick_check,
            attach=attach,
        )
        self._db = db
        self.path, self.timeout, self.schema = db.path, db.timeout, db.schema
        self._counts = Counts(db)
        db.catch_up = self._counts.catch_up
        self._reclusterer = Reclusterer(db, self._counts)
        self._placer = Placer(db, self._counts, self._reclusterer)
        self._eraser = Eraser(db, self._placer, self._reclusterer)

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def __enter__(self: _S) -> _S:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        try:
            return f"IdentityStore({self.path!r}, records={len(self):,})"
        except StoreError:  # closed, or unreadable
            return f"IdentityStore({self.path!r})"

    @guarded
    def __len__(self) -> int:
        return int(self._db.conn.execute("SELECT COUNT(*) FROM records").fetchone()[0])

    @property
    def model(self) -> Matcher | None:
        """The stored model (None before the first ingest trained one)."""
        return self._db.matcher

    @property
    def rules(self) -> tuple[BlockingRule, ...]:
        """The blocking rules in effect (batch: pass them as ``blocking=``)."""
        return self._db.config.rules

    @property
    @guarded
    def n_profiles(self) -> int:
        """How many profiles the store holds."""
        return int(self._db.conn.execute("SELECT COUNT(*) FROM profiles").fetchone()[0])

    @guarded
    def ingest(self, records: object) -> IngestResult:
        """Add or update records; return what changed (see the module docstring).

        Args:
            records: what :func:`goldenrecord.resolve` takes: a pandas or polars
                DataFrame, a pyarrow Table, an iterable of row dicts, a mapping of
                column to cells, the path of a CSV, Parquet or JSON Lines file, or a
                mapping of source name to any of those (record keys are then
                ``"source:id"``, a ``:`` or ``\\`` in the source name escaped with
                ``\\``); or one row as a dict.

        Returns:
            The events, then one :class:`RecordRejected` per row not stored: a row
            without an id, and of rows sharing a record key all but one (the latest
            ``updated_at``, then the row whose canonical JSON sorts first: the same
            row whatever the input order). The list also counts the rows stored,
            updated, unchanged and rejected (:class:`IngestResult`). Text that is not
            valid UTF-8 (lone surrogates) is stored with U+FFFD in their place, and
            counted.

        The columns are checked against the stored schema: a table with none of the
        schema's fields, or with columns it does not know while some of its fields are
        missing (a renamed or misspelt field), is refused with the expected and given
        column names; a table with only some fields is stored, the others missing, and
        ``IngestResult.missing_columns`` / ``ignored_columns`` name what was lacking
        and what was not read.

        Raises:
            StoreBusyError: another writer held the store past the timeout.
            SettingsError: a table without the id column, a table whose columns do not
                fit the schema, an unreadable file.
        """
        rows = raw_rows(records, self.schema)
        rejected = [
            RecordRejected("", r.reason, r.table, r.row, r.record_key) for r in rows.rejected
        ]
        if not rows:
            return IngestResult(
                rejected,
                rejected=len(rejected),
                surrogates=rows.surrogates,
                missing_columns=rows.missing_columns,
                ignored_columns=rows.ignored_columns,
            )
        with self._db.write():
            self._db.settings["ingests"] += 1
            ingest = int(self._db.settings["ingests"])
            empty = self._db.conn.execute("SELECT 1 FROM records LIMIT 1").fetchone() is None
            if empty:
                events, new, updated = self._placer.bulk(rows, ingest), len(rows), 0
            else:
                events, new, updated = self._placer.incremental(rows, ingest)
            self._db.save_settings()
            self._db.log(events, ingest)
        return IngestResult(
            [*events, *rejected],
            stored=new,
            updated=updated,
            unchanged=len(rows) - new - updated,
            rejected=len(rejected),
            surrogates=rows.surrogates,
            missing_columns=rows.missing_columns,
            ignored_columns=rows.ignored_columns,
        )

    @guarded
    def profile(self, profile_id: str) -> Profile:
        """The golden profile, rebuilt from its member records.

        Raises:
            RecordNotFound: no profile has this id (not named).
        """
        profile_id = _key(profile_id, "profile id")
        with self._db.read():
            rids = [
                r
                for (r,) in self._db.conn.execute(
                    "SELECT rid FROM records WHERE profile_id = ?", (profile_id,)
                ).fetchall()
            ]
            table, _ = self._db.prepare_stored(rids)
        if table is None:
            raise RecordNotFound("the store holds no profile with that id")
        (built,) = build_profiles(
            table, np.zeros(len(table), dtype=np.int64), consent_columns=self.schema.consent
        )
        return attrs.evolve(built, profile_id=profile_id)

    @guarded
    def profile_of(self, record_key: str) -> Profile:
        """The profile holding a record.

        Raises:
            RecordNotFound: the store holds no record with this key (not named).
        """
        row = self._db.conn.execute(
            "SELECT profile_id FROM records WHERE record_key = ?", (_key(record_key),)
        ).fetchone()
        if row is None:
            raise RecordNotFound("the store holds no record with that key")
        return self.profile(row[0])

    @guarded
    def history(self, profile_id: str) -> list[Event]:
        """The events that concern a profile, oldest first (also of a profile that is
        gone: merged away, split off or erased).

        Raises:
            RecordNotFound: no profile has this id, and no event names it (not named).
        """
        profile_id = _key(profile_id, "profile id")
        needle = json.dumps(profile_id)
        with self._db.read():
            events = [
                from_row(*row)
                for row in self._db.conn.execute(
                    "SELECT type, profile_id, other_ids, record_keys, detail, at FROM events "
                    "WHERE profile_id = ? OR instr(other_ids, ?) > 0 ORDER BY seq",
                    (profile_id, needle),
                ).fetchall()
            ]
            held = self._db.conn.execute(
                "SELECT 1 FROM profiles WHERE profile_id = ?", (profile_id,)
            ).fetchone()
        if not events and held is None:
            raise RecordNotFound("the store holds no profile with that id")
        return events

    @guarded
    def lookup(self, record: Mapping[str, Any], *, limit: int = 5) -> list[Match]:
        """The profiles a record would join, best first, with explanations; writes nothing.

        Every profile with a candidate record (one sharing a blocking key) is scored;
        ``Match.matched`` says whether the best pair reaches the threshold.

        Raises:
            SettingsError: a record with none of the schema's fields, or with columns
                it does not know while some fields are missing (see :meth:`ingest`).
        """
        return lookup_matches(self._db, self._counts, self._placer, record, limit)

    @guarded
    def link(self, a: str, b: str) -> list[Event]:
        """Keep two records in one profile from now on (a reviewer's decision).

        The decision is stored and every later ingest respects it; returns the events
        (``ProfilesMerged`` when they were apart).

        Raises:
            RecordNotFound: a key the store does not hold.
        """
        return self._reclusterer.override(a, b, "link")

    @guarded
    def unlink(self, a: str, b: str) -> list[Event]:
        """Keep two records apart from now on, directly or through others.

        Returns the events (``ProfileSplit`` when they shared a profile).

        Raises:
            RecordNotFound: a key the store does not hold.
        """
        return self._reclusterer.override(a, b, "unlink")

    @guarded
    def forget(self, record_key: str) -> list[Event]:
        """Erase a record: raw and normalized values, keys, edges, overrides and its key
        in the logged events (an event keeps its other keys, and is dropped only when it
        named no other record and is not a ``ProfileCreated``: the history of a profile
        keeps every event that held no erased value); rebuild its profile from the other
        members; keep a tombstone holding only a digest of the key keyed by the store's
        secret.

        Returns only once no byte of the record is left in any file of the store: the
        deleted rows are overwritten (``secure_delete``), and the write-ahead log is
        copied into the database file and truncated to zero bytes. Readers that still
        read an older state keep that log alive: ``forget`` waits for them up to the
        store's ``timeout``.

        Raises:
            RecordNotFound: the store holds no record with this key.
            StoreBusyError: readers kept the log past the timeout: the record is gone
                from every table, but its bytes remain in the ``-wal`` file until
                :meth:`checkpoint` returns True (call it again once they are done).
        """
        return self._eraser.forget([_key(record_key)])

    @guarded
    def forget_profile(self, profile_id: str) -> list[Event]:
        """Erase every record of a profile (see :meth:`forget`)."""
        profile_id = _key(profile_id, "profile id")
        keys = [
            k
            for (k,) in self._db.conn.execute(
                "SELECT record_key FROM records WHERE profile_id = ?", (profile_id,)
            ).fetchall()
        ]
        if not keys:
            raise RecordNotFound("the store holds no profile with that id")
        return self._eraser.forget(keys)

    @guarded
    def checkpoint(self) -> bool:
        """Copy the WAL into the database file and truncate it to zero bytes; False
        when a reader kept part of it (call again later)."""
        return wal_truncated(self._db.conn)

    @guarded
    def check(self) -> list[str]:
        """``PRAGMA integrity_check`` and the store's own consistency checks; the
        problems found, in words without stored values (empty: the store is sound).
        :func:`goldenrecord.store.check_store` checks a file without opening it as a
        store (no secret needed)."""
        return problems(self._db.conn)

    def profile_id_for(self, record_key: str) -> str:
        """The id this store gives a new profile whose smallest record key is
        ``record_key``: ``"gp_"`` and 16 hex digits of a digest keyed by the store's
        secret (batch's :func:`goldenrecord.profile.profile_id_for` is an unkeyed hash
        of the same key, so batch and store name the same cluster differently)."""
        return self._db.keys.profile_id(record_key)

    @guarded
    def tombstones(self) -> int:
        """How many erased records the store remembers (by keyed digest only)."""
        return int(self._db.conn.execute("SELECT COUNT(*) FROM tombstones").fetchone()[0])

    # the golden table out (streamed): functions of :mod:`goldenrecord.store._golden`
    profiles = _golden.profiles
    to_pandas = _golden.to_pandas
    to_arrow = _golden.to_arrow
    write = _golden.write
