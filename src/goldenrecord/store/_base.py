"""The identity store's plumbing: the connection and its transactions, the stored
settings, model and shared values, reading stored records back as a prepared table.

:class:`StoreBase` is the first of the classes :class:`~goldenrecord.IdentityStore` is
built from, each in its own module: counts (:mod:`goldenrecord.store._counts`),
re-clustering (:mod:`goldenrecord.store._recluster`), placing new records
(:mod:`goldenrecord.store._ingest`), erasure (:mod:`goldenrecord.store._erase`), and
the public methods (:mod:`goldenrecord.store._store`); the stored settings are read and
compared in :mod:`goldenrecord.store._settings`.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import attrs

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
    guarded,
    marks,
    migrate,
    now,
    raising_store_errors,
)
from goldenrecord.store._stored import StoredRecords

__all__ = ["StoreBase", "chunks", "marks", "now"]

_S = TypeVar("_S", bound="StoreBase")


class StoreBase:
    """Connection, transactions, settings and stored records (see the module docstring)."""

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
    ) -> None:
        self.path = os.fspath(path)
        self.timeout = timeout
        self._shared_cache: dict[str, frozenset[str]] | None = None
        self._conn = connect(self.path, timeout=timeout, quick_check=quick_check)
        try:
            with raising_store_errors():
                self._open(
                    schema,
                    model,
                    rules=rules,
                    limits=limits,
                    shared_min_people=shared_min_people,
                    max_block_size=max_block_size,
                    purpose=purpose,
                    one_per_source=one_per_source,
                    secret=secret,
                    key_file=self.path + ".key" if key_file is None else os.fspath(key_file),
                )
        except BaseException:
            self._conn.close()
            raise

    def _open(
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
    ) -> None:
        schema = as_schema(schema)  # a mapping with the Schema's keys is taken too
        if limits is not None and not isinstance(limits, Mapping):
            raise SettingsError(
                "limits must be a mapping of field kind or column to an integer, not a "
                f"{type(limits).__name__}"
            )
        migrate(self._conn, self._begin)
        docs = dict(self._conn.execute("SELECT name, doc FROM model").fetchall())
        stored_check = secret_check(docs.get("settings"))
        # a new store (or one from before key files) makes its key file, others need it
        self._keys = Keys(load_secret(secret, key_file, create=stored_check is None))
        if stored_check is not None and not self._keys.matches(stored_check):
            raise StoreError("the secret (or key file) given is not this store's")
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
                            "secret_check": self._keys.check(),
                            "ingests": 0,
                            "purpose": purpose,
                            "one_per_source": bool(one_per_source),
                        }
                    )
                    self._put("schema", docs["schema"])
                    self._put("settings", docs["settings"])
        try:
            stored = Schema.from_json(docs["schema"])
            self._settings_doc: str = docs["settings"]
            self._settings: dict[str, Any] = parse_settings(docs["settings"])
            self._matcher: Matcher | None = (
                Matcher.from_json(docs["model"]) if "model" in docs else None
            )
            self._config = StoreSettings.of(self._settings)
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
        self._stored = StoredRecords(self._conn, stored)
        differ = differing(
            self._settings,
            rules=rules,
            limits=limits,
            purpose=purpose,
            one_per_source=one_per_source,
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
            if self._matcher is not None and self._matcher.to_json() != model.to_json():
                raise StoreError("the model given differs from the one stored in this file")
            if self._matcher is None:
                with self._write():
                    if self._matcher is None:
                        self._put("model", model.to_json())
            self._matcher = model

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
                self._adopt_secret()
                self._catch_up()
            yield
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            self._settings_doc = ""  # read the stored settings again on the next write
            self._evict()
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
                f"SELECT name, doc FROM model WHERE name IN ({marks(len(wanted))})", wanted
            ).fetchall()
        )
        if docs["settings"] != self._settings_doc:  # another connection wrote
            self._evict()
            self._settings_doc = docs["settings"]
            self._settings = parse_settings(docs["settings"])
            check = self._settings.get("secret_check")
            if check is not None and not self._keys.matches(check):
                raise StoreError(
                    "the store's secret changed: another process opened it "
                    "with a different secret (or key file)"
                )
            self._config = StoreSettings.of(self._settings)
            self._shared_cache = None  # another process may have found shared values
        if self._matcher is None and "model" in docs:
            self._matcher = Matcher.from_json(docs["model"])

    def _adopt_secret(self) -> None:
        """Move a store written before the secret left the file to the secret (at the
        start of each write): the in-file salt is dropped, the shared values become
        digests, the golden-value digests are made again on the next rebuild."""
        s = self._settings
        if "secret_check" in s:
            return
        legacy = self._shared()  # digests of the values of the old document
        self._put("shared_digests", json.dumps({c: sorted(v) for c, v in legacy.items()}))
        self._conn.execute("DELETE FROM model WHERE name = 'shared'")
        self._conn.execute("UPDATE profiles SET digest = 'null'")
        s.pop("shared", None)
        s.pop("salt", None)
        s["secret_check"] = self._keys.check()
        self._save_settings()

    def _catch_up(self) -> None:
        """Bring what a newer version keeps up to date in a file written by an older one
        (at the start of each write; see :class:`~goldenrecord.store._counts.Counting`)."""

    def _stamp(self) -> str | None:
        """This ingest's time as the written records' update time, for a schema without
        ``updated_at`` (see :func:`~goldenrecord.store._settings.next_stamp`)."""
        return None if self.schema.updated_at is not None else next_stamp(self._settings)

    def _put(self, name: str, doc: str) -> None:
        self._conn.execute("INSERT OR REPLACE INTO model VALUES (?, ?)", (name, doc))

    def _save_settings(self) -> None:
        self._settings_doc = json.dumps(self._settings)
        self._put("settings", self._settings_doc)

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

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
        return int(self._conn.execute("SELECT COUNT(*) FROM records").fetchone()[0])

    @property
    def model(self) -> Matcher | None:
        """The stored model (None before the first ingest trained one)."""
        return self._matcher

    @property
    def rules(self) -> tuple[BlockingRule, ...]:
        """The blocking rules in effect (batch: pass them as ``blocking=``)."""
        return self._config.rules

    @property
    @guarded
    def n_profiles(self) -> int:
        """How many profiles the store holds."""
        return int(self._conn.execute("SELECT COUNT(*) FROM profiles").fetchone()[0])

    def _mask(self, table: PreparedTable) -> PreparedTable:
        """The table with its shared values masked (a no-op when none is present)."""
        shared = self._shared()
        if not any(shared.values()):
            return table
        keys = self._keys
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
        min_people = self._config.shared_min_people or 2
        return mask_shared(table, SharedValues(hits, dict.fromkeys(hits, 0), min_people))

    def _shared(self) -> dict[str, frozenset[str]]:
        """Per column, the keyed digests of the values set aside as shared (the values
        themselves are not stored; read once per connection and again after a write
        that changed them)."""
        if self._shared_cache is None:
            row = self._conn.execute(
                "SELECT doc FROM model WHERE name = 'shared_digests'"
            ).fetchone()
            if row is not None:
                doc = json.loads(row[0])
                self._shared_cache = {c: frozenset(v) for c, v in doc.items()}
            else:  # a store written before shared values became digests
                row = self._conn.execute("SELECT doc FROM model WHERE name = 'shared'").fetchone()
                doc = json.loads(row[0]) if row is not None else self._settings.get("shared", {})
                self._shared_cache = {
                    c: frozenset(self._keys.shared(c, v) for v in vs) for c, vs in doc.items()
                }
        return self._shared_cache

    def _is_shared(self, shared: Mapping[str, frozenset[str]], column: str, value: object) -> bool:
        """Whether a value is among ``shared`` (a result of :meth:`_shared`)."""
        digests = shared.get(column)
        return digests is not None and self._keys.shared(column, value) in digests

    def _digest(self, profile: Profile) -> dict[str, str]:
        return {
            field: self._keys.value(repr(value.value))
            for field, value in profile.attributes.items()
        }

    def _prepare_stored(
        self, rids: Iterable[int], *, raw: bool = True
    ) -> tuple[PreparedTable | None, dict[str, int]]:
        """Stored records as a prepared table, and their rids by key (see
        :meth:`~goldenrecord.store._stored.StoredRecords.table`)."""
        return self._stored.table(rids, raw=raw)

    def _evict(self, rids: Iterable[int] | None = None) -> None:
        """Drop records from the cache of decoded records (all of them when None)."""
        stored: StoredRecords | None = getattr(self, "_stored", None)  # None while opening
        if stored is not None:
            stored.evict(rids)

    def _log(self, events: list[Event], ingest: int) -> None:
        at = now()
        events[:] = [e for e in events if e.profile_id]  # rejections are not profile events
        for k, event in enumerate(events):
            events[k] = event = attrs.evolve(event, at=at)
        self._conn.executemany(
            "INSERT INTO events (ingest, type, profile_id, other_ids, record_keys, detail, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(ingest, *to_row(e)) for e in events],
        )
