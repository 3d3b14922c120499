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
member records (survivorship and lineage exactly as batch); the store keeps a keyed
digest per golden field, to report which fields an ingest changed.

Batch and incremental agree: a table ingested in one go, in chunks or record by
record ends in the clusters of ``gr.resolve(table, schema, matcher=store.model,
blocking=store.rules)`` (tested, also under shuffled orders), with the exceptions the
how-to guide lists (``docs/how-to/incremental.md``, "Batch and incremental agree"),
all consequences of looking at one new record rather than the whole table.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, overload

import attrs
import numpy as np

from goldenrecord._keys import key_text as _key
from goldenrecord.errors import RecordNotFound
from goldenrecord.profile import Profile, ProfileView, build_profiles
from goldenrecord.store._check import problems
from goldenrecord.store._erase import Erasing
from goldenrecord.store._events import (
    Event,
    IngestResult,
    RecordRejected,
    from_row,
)
from goldenrecord.store._export import Export, check_export
from goldenrecord.store._match import Match, lookup_matches
from goldenrecord.store._rows import raw_rows
from goldenrecord.store._sql import guarded, wal_truncated

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["IdentityStore", "Match"]


class IdentityStore(Erasing):
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

    ``rules``, ``limits``, ``shared_min_people``, ``max_block_size``, ``purpose`` and
    ``one_per_source`` are fixed when the store is created and kept in it; reopening
    with a different ``rules``, ``limits``, ``purpose`` or ``one_per_source`` raises
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
        with self._write():
            self._settings["ingests"] += 1
            ingest = int(self._settings["ingests"])
            empty = self._conn.execute("SELECT 1 FROM records LIMIT 1").fetchone() is None
            if empty:
                events, new, updated = self._bulk(rows, ingest), len(rows), 0
            else:
                events, new, updated = self._incremental(rows, ingest)
            self._save_settings()
            self._log(events, ingest)
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
        with self._read():
            rids = [
                r
                for (r,) in self._conn.execute(
                    "SELECT rid FROM records WHERE profile_id = ?", (profile_id,)
                ).fetchall()
            ]
            table, _ = self._prepare_stored(rids)
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
        row = self._conn.execute(
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
        with self._read():
            events = [
                from_row(*row)
                for row in self._conn.execute(
                    "SELECT type, profile_id, other_ids, record_keys, detail, at FROM events "
                    "WHERE profile_id = ? OR instr(other_ids, ?) > 0 ORDER BY seq",
                    (profile_id, needle),
                ).fetchall()
            ]
            held = self._conn.execute(
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
        return lookup_matches(self, record, limit)

    @guarded
    def link(self, a: str, b: str) -> list[Event]:
        """Keep two records in one profile from now on (a reviewer's decision).

        The decision is stored and every later ingest respects it; returns the events
        (``ProfilesMerged`` when they were apart).

        Raises:
            RecordNotFound: a key the store does not hold.
        """
        return self._override(a, b, "link")

    @guarded
    def unlink(self, a: str, b: str) -> list[Event]:
        """Keep two records apart from now on, directly or through others.

        Returns the events (``ProfileSplit`` when they shared a profile).

        Raises:
            RecordNotFound: a key the store does not hold.
        """
        return self._override(a, b, "unlink")

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
        return self._forget([_key(record_key)])

    @guarded
    def forget_profile(self, profile_id: str) -> list[Event]:
        """Erase every record of a profile (see :meth:`forget`)."""
        profile_id = _key(profile_id, "profile id")
        keys = [
            k
            for (k,) in self._conn.execute(
                "SELECT record_key FROM records WHERE profile_id = ?", (profile_id,)
            ).fetchall()
        ]
        if not keys:
            raise RecordNotFound("the store holds no profile with that id")
        return self._forget(keys)

    @guarded
    def checkpoint(self) -> bool:
        """Copy the WAL into the database file and truncate it to zero bytes; False
        when a reader kept part of it (call again later)."""
        return wal_truncated(self._conn)

    @guarded
    def check(self) -> list[str]:
        """``PRAGMA integrity_check`` and the store's own consistency checks; the
        problems found, in words without stored values (empty: the store is sound).
        :func:`goldenrecord.store.check_store` checks a file without opening it as a
        store (no secret needed)."""
        return problems(self._conn)

    def profile_id_for(self, record_key: str) -> str:
        """The id this store gives a new profile whose smallest record key is
        ``record_key``: ``"gp_"`` and 16 hex digits of a digest keyed by the store's
        secret (batch's :func:`goldenrecord.profile.profile_id_for` is an unkeyed hash
        of the same key, so batch and store name the same cluster differently)."""
        return self._keys.profile_id(record_key)

    @guarded
    def tombstones(self) -> int:
        """How many erased records the store remembers (by keyed digest only)."""
        return int(self._conn.execute("SELECT COUNT(*) FROM tombstones").fetchone()[0])

    @guarded
    def _export(self, what: str, purpose: str | None) -> Export:
        """An export of this store's file (the golden table out, see
        :mod:`goldenrecord.store._export`): the file named as the connection opened it,
        whatever the working folder is now; ``what`` and ``purpose`` checked first."""
        check_export(self.schema, what, purpose)
        (_, _, file), *_ = self._conn.execute("PRAGMA database_list").fetchall()
        return Export(file or self.path, self.schema, self.timeout)

    @overload
    def profiles(self, purpose: None = None) -> Iterator[Profile]: ...

    @overload
    def profiles(self, purpose: str) -> Iterator[ProfileView]: ...

    def profiles(self, purpose: str | None = None) -> Iterator[Profile] | Iterator[ProfileView]:
        """Every golden profile of the store, in profile id order, streamed.

        The profiles are those :meth:`profile` returns, built a few thousand records
        at a time: memory holds one batch, never the store. They are read from a
        snapshot (a read-only connection of the iterator's own, in one read
        transaction): ingests meanwhile, by this object or another process, do not
        change what the iteration yields (and :meth:`forget` waits for it to end).

        Args:
            purpose: a consent purpose of the schema: each profile's
                ``view(purpose)`` (:class:`~goldenrecord.profile.ProfileView`) instead,
                with no personal values unless its consent for the purpose is yes.

        Raises:
            SettingsError: an unknown purpose (at the call, before any reading).

        >>> import tempfile, pathlib
        >>> import goldenrecord as gr
        >>> table = gr.datasets.synthetic_customers(20, seed=3)
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "customers.db"
        >>> with gr.IdentityStore(path, schema=table.schema()) as store:
        ...     _ = store.ingest(list(table.records()))
        ...     found = list(store.profiles())
        ...     found[0] == store.profile(found[0].profile_id), len(found) == store.n_profiles
        (True, True)
        """
        export = self._export("profiles", purpose)
        return export.profiles() if purpose is None else export.views(purpose)

    def to_pandas(self, *, what: str = "profiles", purpose: str | None = None) -> pd.DataFrame:
        """The golden table as a pandas DataFrame: the columns (and dtypes) of
        :meth:`goldenrecord.Resolution.to_pandas` for ``what="profiles"``,
        ``lineage_frame`` for ``"lineage"``, ``clusters_frame`` for ``"clusters"``.

        Args:
            what: ``"profiles"``, ``"lineage"`` or ``"clusters"``.
            purpose: for ``what="profiles"``, a consent purpose: as in
                :meth:`goldenrecord.Resolution.to_pandas`, a profile whose consent is
                not yes keeps its id, record count and consent, and no values.

        Raises:
            SettingsError: an unknown ``what`` or purpose, or a purpose with ``what``
                other than ``"profiles"``.
            ImportError: pandas is not installed (the ``goldenrecord[pandas]`` extra).
        """
        return self._export(what, purpose).to_pandas(what, purpose)

    def to_arrow(self, *, what: str = "profiles", purpose: str | None = None) -> Any:
        """The golden table as a ``pyarrow.Table`` (the columns of :meth:`to_pandas`).

        Raises:
            SettingsError: as :meth:`to_pandas`.
            ImportError: pyarrow is not installed (the ``goldenrecord[arrow]`` extra).
        """
        return self._export(what, purpose).to_arrow(what, purpose)

    def write(
        self,
        path: str | os.PathLike[str],
        *,
        what: str = "profiles",
        purpose: str | None = None,
    ) -> int:
        """Write the golden table to a CSV, Parquet or JSON Lines file, streamed.

        The columns of :meth:`goldenrecord.Resolution.write` for the same ``what``; the
        suffix chooses the format, as there. Batch after batch is written (memory holds
        one), to a temporary name beside the target renamed into place when complete.
        The export reads one snapshot of the store (see :meth:`profiles`).

        Args:
            path: the file to write (replaced if it exists; never one of the store's
                own files).
            what: ``"profiles"``, ``"lineage"`` or ``"clusters"``.
            purpose: for ``what="profiles"``, a consent purpose (see :meth:`to_pandas`).

        Returns:
            The rows written.

        Raises:
            SettingsError: an unknown ``what``, suffix or purpose, a purpose with
                ``what`` other than ``"profiles"``, a missing folder, or a path that
                is the store's file (or its ``-wal``, ``-shm`` or key file).
            ImportError: Parquet without pyarrow (the ``goldenrecord[arrow]`` extra).
        """
        return self._export(what, purpose).write(path, what, purpose)
