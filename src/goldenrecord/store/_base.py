"""The identity store's database object: the connection and its transactions, the
stored settings, model and shared values, reading stored records back as a prepared
table.

:class:`~goldenrecord.IdentityStore` holds one :class:`StoreDatabase` and the
collaborators that work through it, each in its own module: counts
(:mod:`goldenrecord.store._counts`), re-clustering (:mod:`goldenrecord.store._recluster`),
placing new records (:mod:`goldenrecord.store._ingest`) and erasure
(:mod:`goldenrecord.store._erase`); the stored settings are read and compared in
:mod:`goldenrecord.store._settings`. Nothing inherits from anything: each collaborator
is given the objects it calls.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import attrs

from goldenrecord._attach import DEFAULT_ATTACH
from goldenrecord.errors import GoldenRecordError, SettingsError, StoreBusyError, StoreError
from goldenrecord.match.blocking import DEFAULT_MAX_BLOCK_SIZE, BlockingRule
from goldenrecord.match.model import Matcher
from goldenrecord.match.stages import DEFAULT_MIN_PEOPLE, PreparedTable, SharedValues, mask_shared
from goldenrecord.profile import Profile
from goldenrecord.schema import Schema, as_schema
from goldenrecord.store._events import Event, to_row
from goldenrecord.store._secret import Keys, load_secret
from goldenrecord.store._settings import (
    StoreSettings,
    differing,
    next_stamp,
    parse_settings,
    secret_check,
    store_rules,
)
from goldenrecord.store._sql import (
    chunks,
    connect,
    marks,
    migrate,
    now,
    raising_store_errors,
)
from goldenrecord.store._stored import StoredRecords

__all__ = ["StoreDatabase", "chunks", "marks", "now"]


class StoreDatabase:
    """Connection, transactions, settings, model and stored records (see the module
    docstring); the arguments are :class:`~goldenrecord.IdentityStore`'s."""

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
        self.path = os.fspath(path)
        self.timeout = timeout
        # what a newer version keeps up to date, brought up in an older file at the
        # start of each write (set by the store to its counts' ``catch_up``)
        self.catch_up: Callable[[], None] = _nothing
        self.shared_cache: dict[str, frozenset[str]] | None = None
        self.conn = connect(self.path, timeout=timeout, quick_check=quick_check)
        try:
            with raising_store_errors():
                self.open(
                    schema,
                    model,
                    rules=rules,
                    limits=limits,
                    shared_min_people=shared_min_people,
                    max_block_size=max_block_size,
                    purpose=purpose,
                    one_per_source=one_per_source,
                    attach=attach,
                    secret=secret,
                    key_file=self.path + ".key" if key_file is None else os.fspath(key_file),
                )
        except BaseException:
            self.conn.close()
            raise

    def open(
        self,
        schema: Schema | None,
        model: Matcher | None,
        *,
        rules: Sequence[BlockingRule | str | Iterable[str]] | None,
        limits: Mapping[str, int] | None,
        shared_min_people: int | None,
        max_block_size: int,
        purpose: str | None,
        one_per_source: bool | None,
        secret: bytes | str | None,
        key_file: str,
        attach: bool | None = None,
    ) -> None:
        schema = as_schema(schema)  # a mapping with the Schema's keys is taken too
        if limits is not None and not isinstance(limits, Mapping):
            raise SettingsError(
                "limits must be a mapping of field kind or column to an integer, not a "
                f"{type(limits).__name__}"
            )
        migrate(self.conn, self.begin)
        docs = dict(self.conn.execute("SELECT name, doc FROM model").fetchall())
        stored_check = secret_check(docs.get("settings"))
        # a new store (or one from before key files) makes its key file, others need it
        self.keys = Keys(load_secret(secret, key_file, create=stored_check is None))
        if stored_check is not None and not self.keys.matches(stored_check):
            raise StoreError("the secret (or key file) given is not this store's")
        if "schema" not in docs:
            with self.write(reload=False):
                docs = dict(self.conn.execute("SELECT name, doc FROM model").fetchall())
                if "schema" not in docs:
                    if schema is None:
                        raise SettingsError("a new identity store needs schema=")
                    if purpose is not None and purpose not in schema.consent:
                        known = ", ".join(schema.consent) or "none in the schema"
                        raise SettingsError(
                            f"unknown purpose {purpose!r}; consent purposes: {known}"
                        )
                    picked = store_rules(rules, schema.fields)
                    if not picked:
                        raise SettingsError(
                            "no blocking rule could be derived from the schema (it has no "
                            "field to block on); give rules=[...] or map more columns to kinds"
                        )
                    docs["schema"] = schema.to_json()
                    as_given = [[list(r.keys), r.pairs_per_record] for r in picked]
                    docs["settings"] = json.dumps(
                        {
                            "rules": as_given,
                            "rules_given": as_given,
                            "limits": None if limits is None else dict(limits),
                            "shared_min_people": shared_min_people,
                            "max_block_size": max_block_size,
                            "secret_check": self.keys.check(),
                            "ingests": 0,
                            "purpose": purpose,
                            "one_per_source": bool(one_per_source),
                            "attach": DEFAULT_ATTACH if attach is None else bool(attach),
                        }
                    )
                    self.put("schema", docs["schema"])
                    self.put("settings", docs["settings"])
        try:
            stored = Schema.from_json(docs["schema"])
            self.settings_doc: str = docs["settings"]
            self.settings: dict[str, Any] = parse_settings(docs["settings"])
            self.matcher: Matcher | None = (
                Matcher.from_json(docs["model"]) if "model" in docs else None
            )
            self.config = StoreSettings.of(self.settings)
        except (GoldenRecordError, KeyError, TypeError, ValueError, AttributeError):
            raise StoreError(
                "the identity store's settings are damaged (model table); "
                "run `goldenrecord check` on it"
            ) from None
        if schema is not None and schema != stored:
            raise StoreError(
                "the schema given differs from the one stored in this file; open it "
                "without schema= or with the stored schema"
            )
        self.schema = stored
        self.stored = StoredRecords(self.conn, stored)
        differ = differing(
            self.settings,
            rules=rules,
            limits=limits,
            purpose=purpose,
            one_per_source=one_per_source,
            attach=attach,
        )
        if differ:
            raise StoreError(
                f"{', '.join(f'{name}=' for name in differ)} "
                f"{'differs' if len(differ) == 1 else 'differ'} from the store's, fixed when "
                "it was created; open it without them to use the stored settings, or "
                "build a new store with the new ones (see the incremental store guide)"
            )
        if model is not None:
            if not model.is_fitted:
                raise SettingsError("model= must be a fitted Matcher (fit it or load one)")
            if self.matcher is not None and self.matcher.to_json() != model.to_json():
                raise StoreError("the model given differs from the one stored in this file")
            if self.matcher is None:
                with self.write():
                    if self.matcher is None:
                        self.put("model", model.to_json())
            self.matcher = model

    def begin(self) -> None:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            if "locked" in str(err) or "busy" in str(err):
                raise StoreBusyError(
                    f"another writer held the identity store for more than {self.timeout} s"
                ) from None
            raise

    @contextmanager
    def write(self, *, reload: bool = True) -> Iterator[None]:
        """One write transaction; the settings and model are read again inside it, as
        another process may have written them since."""
        self.begin()
        try:
            if reload:
                self.reload()
                self.adopt_secret()
                self.catch_up()
            yield
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            self.settings_doc = ""  # read the stored settings again on the next write
            self.evict()
            raise

    @contextmanager
    def read(self) -> Iterator[None]:
        self.conn.execute("BEGIN")
        try:
            self.reload()  # another process may have written since
            yield
        finally:
            self.conn.execute("COMMIT")

    def reload(self) -> None:
        wanted = ("settings",) if self.matcher is not None else ("settings", "model")
        docs = dict(
            self.conn.execute(
                f"SELECT name, doc FROM model WHERE name IN ({marks(len(wanted))})", wanted
            ).fetchall()
        )
        if docs["settings"] != self.settings_doc:  # another connection wrote
            self.evict()
            self.settings_doc = docs["settings"]
            self.settings = parse_settings(docs["settings"])
            check = self.settings.get("secret_check")
            if check is not None and not self.keys.matches(check):
                raise StoreError(
                    "the store's secret changed: another process opened it "
                    "with a different secret (or key file)"
                )
            self.config = StoreSettings.of(self.settings)
            self.shared_cache = None  # another process may have found shared values
        if self.matcher is None and "model" in docs:
            self.matcher = Matcher.from_json(docs["model"])

    def adopt_secret(self) -> None:
        """Move a store written before the secret left the file to the secret (at the
        start of each write): the in-file salt is dropped, the shared values become
        digests, the golden-value digests are made again on the next rebuild."""
        s = self.settings
        if "secret_check" in s:
            return
        legacy = self.shared()  # digests of the values of the old document
        self.put("shared_digests", json.dumps({c: sorted(v) for c, v in legacy.items()}))
        self.conn.execute("DELETE FROM model WHERE name = 'shared'")
        self.conn.execute("UPDATE profiles SET digest = 'null'")
        s.pop("shared", None)
        s.pop("salt", None)
        s["secret_check"] = self.keys.check()
        self.save_settings()

    def stamp(self) -> str | None:
        """This ingest's time as the written records' update time, for a schema without
        ``updated_at`` (see :func:`~goldenrecord.store._settings.next_stamp`)."""
        return None if self.schema.updated_at is not None else next_stamp(self.settings)

    def put(self, name: str, doc: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO model VALUES (?, ?)", (name, doc))

    def save_settings(self) -> None:
        self.settings_doc = json.dumps(self.settings)
        self.put("settings", self.settings_doc)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def mask(self, table: PreparedTable) -> PreparedTable:
        """The table with its shared values masked (a no-op when none is present)."""
        shared = self.shared()
        if not any(shared.values()):
            return table
        keys = self.keys
        hits = {
            c: tuple(
                sorted(
                    {
                        v
                        for v in table.columns[c].tolist()
                        if v is not None and keys.shared(c, v) in digests
                    }
                )
            )
            for c, digests in shared.items()
            if c in table.columns
        }
        hits = {c: v for c, v in hits.items() if v}
        if not hits:
            return table
        min_people = self.config.shared_min_people or 2
        return mask_shared(table, SharedValues(hits, dict.fromkeys(hits, 0), min_people))

    def shared(self) -> dict[str, frozenset[str]]:
        """Per column, the keyed digests of the values set aside as shared (the values
        themselves are not stored; read once per connection and again after a write
        that changed them)."""
        if self.shared_cache is None:
            row = self.conn.execute(
                "SELECT doc FROM model WHERE name = 'shared_digests'"
            ).fetchone()
            if row is not None:
                doc = json.loads(row[0])
                self.shared_cache = {c: frozenset(v) for c, v in doc.items()}
            else:  # a store written before shared values became digests
                row = self.conn.execute("SELECT doc FROM model WHERE name = 'shared'").fetchone()
                doc = json.loads(row[0]) if row is not None else self.settings.get("shared", {})
                self.shared_cache = {
                    c: frozenset(self.keys.shared(c, v) for v in vs) for c, vs in doc.items()
                }
        return self.shared_cache

    def is_shared(self, shared: Mapping[str, frozenset[str]], column: str, value: object) -> bool:
        """Whether a value is among ``shared`` (a result of :meth:`_shared`)."""
        digests = shared.get(column)
        return digests is not None and self.keys.shared(column, value) in digests

    def digest(self, profile: Profile) -> dict[str, str]:
        return {
            field: self.keys.value(repr(value.value)) for field, value in profile.attributes.items()
        }

    def prepare_stored(
        self, rids: Iterable[int], *, raw: bool = True
    ) -> tuple[PreparedTable | None, dict[str, int]]:
        """Stored records as a prepared table, and their rids by key (see
        :meth:`~goldenrecord.store._stored.StoredRecords.table`)."""
        return self.stored.table(rids, raw=raw)

    def evict(self, rids: Iterable[int] | None = None) -> None:
        """Drop records from the cache of decoded records (all of them when None)."""
        stored: StoredRecords | None = getattr(self, "stored", None)  # None while opening
        if stored is not None:
            stored.evict(rids)

    def log(self, events: list[Event], ingest: int) -> None:
        at = now()
        events[:] = [e for e in events if e.profile_id]  # rejections are not profile events
        for k, event in enumerate(events):
            events[k] = event = attrs.evolve(event, at=at)
        self.conn.executemany(
            "INSERT INTO events (ingest, type, profile_id, other_ids, record_keys, detail, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(ingest, *to_row(e)) for e in events],
        )


def _nothing() -> None:
    """No catching up (the default hook of :attr:`StoreDatabase.catch_up`)."""
