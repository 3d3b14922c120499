"""The SQLite side of the identity store: the tables, their migrations, the connection.

The database is one file in WAL mode (readers never wait for the writer), with
``secure_delete`` on (a deleted row's bytes are overwritten, which erasure relies on)
and foreign keys on (a record's blocking keys, edges and overrides go with it).

Tables (version 1):

* ``schema_version``: the version the file is at; :func:`migrate` brings it forward.
* ``model``: named JSON documents: the schema, the fitted matcher, the settings (the
  blocking rules in effect, a check value of the secret), and the keyed digests of the
  values set aside as shared (``shared_digests``; the secret itself is never stored, see
  :mod:`goldenrecord.store._secret`).
* ``records``: one row per record: key, source, the raw row (schema columns only) and
  its normalized field columns as JSON, last update, profile id.
* ``keys``: blocking keys as 64-bit hashes of (rule, key text), indexed; the key text
  itself (personal values) is never stored.
* ``edges``: every scored pair at or above the threshold, with weight, comparison
  levels, and whether clustering accepted it or which constraint refused it.
* ``profiles``: profile id, the ingest that created it, size, a keyed digest per
  golden value (to tell which fields changed; the values are rebuilt on read).
* ``overrides``: link / unlink decisions between two records.
* ``term_counts``: how many records hold each value of a term-frequency column (the
  row with the empty value holds the column's total).
* ``events``: the append-only log: type, profile ids, record keys, time, no values.
* ``tombstones``: keyed digests of erased record keys, with the time.

Version 2 adds:

* ``value_counts``: how many records hold each value of a column limited to one value
  per profile (an exclusive identifier), by 64-bit hash of the value: a value "confirmed
  by two records" keeps profiles apart, counted over the whole store as batch counts it.

Version 3 adds:

* ``value_people``: per record and email or phone column, the hash of its value and of
  its name's initials (:mod:`goldenrecord.match.stages`): how many different names
  carry a value, kept up to date so that a value becomes shared when the records of
  later ingests bring it to the threshold.

Version 4 adds:

* ``near``: every scored pair below the threshold but of :data:`~goldenrecord._attach.NEAR_BITS`
  or more whose records both allow the purpose, with weight and levels, and whether it
  attaches its lone record to a profile (``attached``): what a store created with
  ``attach=True`` reads to attach lone records as batch does.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Final, ParamSpec, TypeVar

from goldenrecord.errors import StoreBusyError, StoreError

__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "chunks",
    "connect",
    "guarded",
    "indexes_deferred",
    "marks",
    "migrate",
    "now",
    "translate",
    "wal_truncated",
]


_CHUNK = 900  # bound parameters per IN (...) list, under SQLite's limit


def now() -> str:
    """The time now, as the store writes it (UTC, seconds)."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def chunks(items: Sequence[Any], size: int = 0) -> Iterator[Sequence[Any]]:
    """The items in slices short enough for one ``IN (...)`` list (of ``size``, when
    given)."""
    size = size or _CHUNK
    for start in range(0, len(items), size):
        yield items[start : start + size]


def marks(n: int) -> str:
    """``n`` parameter marks for an ``IN (...)`` list."""
    return ",".join("?" * n)


APPLICATION_ID: Final = 0x67524543
"""What an identity store file carries in its header's application id ("gREC")."""

_HEADER: Final = b"SQLite format 3\x00"
_TABLES: Final = frozenset({"schema_version", "model", "records", "profiles", "events"})


def _busy(err: sqlite3.Error) -> bool:
    text = str(err).lower()
    return isinstance(err, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def translate(err: sqlite3.Error | ValueError) -> StoreError:
    """The library error for a SQLite (or stored JSON) error: :class:`StoreBusyError` for
    a lock held by another connection, :class:`StoreError` for a damaged file. The
    message names the SQLite error code only (never a stored value)."""
    if isinstance(err, sqlite3.Error) and _busy(err):
        return StoreBusyError("another connection held a lock on the identity store too long")
    code = getattr(err, "sqlite_errorname", None) or type(err).__name__
    return StoreError(f"the identity store file is damaged or unreadable ({code})")


_P = ParamSpec("_P")
_R = TypeVar("_R")


def guarded(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """A store method whose SQLite errors (and stored JSON that does not parse) become
    :class:`StoreBusyError` or :class:`StoreError` (see :func:`translate`)."""

    @functools.wraps(method)
    def call(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with raising_store_errors():
            return method(*args, **kwargs)

    return call


@contextmanager
def indexes_deferred(conn: sqlite3.Connection) -> Iterator[None]:
    """Inside a write transaction: the secondary indexes dropped, and made again (each
    in one sort) when the block ends; for a bulk load, where building an index at
    once is many times faster than growing it row by row. A failure rolls the
    transaction back, indexes included."""
    found = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).fetchall()
    for name, _ in found:
        conn.execute(f'DROP INDEX "{name}"')
    yield
    for _, sql in found:
        conn.execute(sql)


def wal_truncated(conn: sqlite3.Connection) -> bool:
    """Copy the write-ahead log into the database file and truncate it to zero bytes;
    False when a reader kept part of it."""
    busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return not busy


@contextmanager
def raising_store_errors() -> Iterator[None]:
    """SQLite errors and stored JSON that does not parse, raised as store errors."""
    try:
        yield
    except sqlite3.Error as err:
        raise translate(err) from None
    except json.JSONDecodeError as err:
        raise translate(err) from None


_V1: Final[Sequence[str]] = (
    """CREATE TABLE model (name TEXT PRIMARY KEY, doc TEXT NOT NULL)""",
    """CREATE TABLE records (
        rid INTEGER PRIMARY KEY,
        record_key TEXT NOT NULL UNIQUE,
        source TEXT,
        raw TEXT NOT NULL,
        normalized TEXT NOT NULL,
        updated_at TEXT,
        profile_id TEXT NOT NULL
    )""",
    """CREATE INDEX records_profile ON records (profile_id)""",
    """CREATE TABLE keys (
        h INTEGER NOT NULL,
        rid INTEGER NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
        PRIMARY KEY (h, rid)
    ) WITHOUT ROWID""",
    """CREATE INDEX keys_rid ON keys (rid)""",
    """CREATE TABLE edges (
        a INTEGER NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
        b INTEGER NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
        weight REAL NOT NULL,
        probability REAL NOT NULL,
        levels BLOB NOT NULL,
        accepted INTEGER NOT NULL,
        refused_by TEXT,
        PRIMARY KEY (a, b)
    ) WITHOUT ROWID""",
    """CREATE INDEX edges_b ON edges (b)""",
    """CREATE TABLE profiles (
        profile_id TEXT PRIMARY KEY,
        created INTEGER NOT NULL,
        size INTEGER NOT NULL,
        digest TEXT NOT NULL
    ) WITHOUT ROWID""",
    """CREATE TABLE overrides (
        a INTEGER NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
        b INTEGER NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('link', 'unlink')),
        PRIMARY KEY (a, b)
    )""",
    """CREATE INDEX overrides_b ON overrides (b)""",
    """CREATE TABLE term_counts (
        col TEXT NOT NULL, value TEXT NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (col, value)
    ) WITHOUT ROWID""",
    """CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        ingest INTEGER NOT NULL,
        type TEXT NOT NULL,
        profile_id TEXT NOT NULL,
        other_ids TEXT NOT NULL,
        record_keys TEXT NOT NULL,
        detail TEXT NOT NULL,
        at TEXT NOT NULL
    )""",
    """CREATE INDEX events_profile ON events (profile_id)""",
    """CREATE TABLE tombstones (key_hash TEXT PRIMARY KEY, at TEXT NOT NULL)""",
)

_V2: Final[Sequence[str]] = (
    """CREATE TABLE value_counts (
        col TEXT NOT NULL, h INTEGER NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (col, h)
    ) WITHOUT ROWID""",
)

_V3: Final[Sequence[str]] = (
    """CREATE TABLE value_people (
        rid INTEGER NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
        col TEXT NOT NULL, h INTEGER NOT NULL, sig INTEGER,
        PRIMARY KEY (rid, col)
    ) WITHOUT ROWID""",
    """CREATE INDEX value_people_value ON value_people (col, h)""",
)

_V4: Final[Sequence[str]] = (
    """CREATE TABLE near (
        a INTEGER NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
        b INTEGER NOT NULL REFERENCES records (rid) ON DELETE CASCADE,
        weight REAL NOT NULL,
        probability REAL NOT NULL,
        levels BLOB NOT NULL,
        attached INTEGER NOT NULL,
        PRIMARY KEY (a, b)
    ) WITHOUT ROWID""",
    """CREATE INDEX near_b ON near (b)""",
)

MIGRATIONS: Final[Sequence[Sequence[str]]] = (_V1, _V2, _V3, _V4)
"""The statements that bring a file from version ``k`` to ``k + 1``, in order."""

SCHEMA_VERSION: Final = len(MIGRATIONS)


def _header(path: str) -> bytes:
    """The first 100 bytes of an existing file, or a StoreError (not a regular file)."""
    if not os.path.isfile(path):
        raise StoreError("the identity store path exists and is not a regular file")
    with open(path, "rb") as f:
        return f.read(100)


def connect(path: str, *, timeout: float, quick_check: bool = True) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL (checkpointed
    every 10,000 pages), secure delete, after a quick look at an existing file.

    Only a path where nothing exists becomes a new store. An existing file must be a
    sound identity store: a SQLite header, this library's application id (or, from a
    version that did not set it, its tables), and ``PRAGMA quick_check`` clean. An
    empty or short file is damaged, not new. ``quick_check=False`` skips the last (it
    reads every page: about 5 ms per MB).

    Raises:
        StoreError: a damaged or foreign file (the message holds no stored value).
        StoreBusyError: another connection held a lock past ``timeout``.
    """
    exists = os.path.lexists(path)
    if exists:
        header = _header(path)
        if len(header) < 100 or not header.startswith(_HEADER):
            raise StoreError(
                "the file is not an identity store (no SQLite header: empty, truncated or "
                "another kind of file)"
            )
    try:
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as err:
        raise translate(err) from None
    try:
        with raising_store_errors():
            _setup(conn, exists and quick_check, exists)
    except BaseException:
        conn.close()
        raise
    return conn


def _setup(conn: sqlite3.Connection, verify: bool, exists: bool) -> None:
    if exists:
        (app,) = conn.execute("PRAGMA application_id").fetchone()
        tables = {
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            ).fetchall()
        }
        if app not in (0, APPLICATION_ID) or (tables and not tables >= _TABLES):
            raise StoreError("the file is a SQLite database but not an identity store")
        verdict = conn.execute("PRAGMA quick_check(1)").fetchone()[0] if verify else "ok"
        if verdict != "ok":
            raise StoreError(
                "the identity store file is damaged (quick_check failed); "
                "run `goldenrecord check` on it and restore it from a backup"
            )
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA secure_delete=ON")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    # single-record ingests and lookups read a few pages of large indexes: a page cache
    # of 64 MB and reads through a memory map (no copy per page) keep them in memory
    conn.execute("PRAGMA cache_size=-65536")
    conn.execute("PRAGMA mmap_size=268435456")
    # checkpoint the WAL into the file every ~40 MB (not every 4 MB): fewer, larger
    # checkpoints take less in all and leave fewer ingests waiting on one
    conn.execute("PRAGMA wal_autocheckpoint=10000")


def migrate(conn: sqlite3.Connection, begin: Callable[[], None]) -> int:
    """Create or bring the tables forward to :data:`SCHEMA_VERSION`; return the version.

    Raises:
        StoreError: the file was written by a newer goldenrecord.
    """
    current = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if current is not None:
        row = conn.execute("SELECT version FROM schema_version").fetchone()
        if row is None or not isinstance(row[0], int):
            raise StoreError("the identity store file is damaged (no schema version)")
        (version,) = row
        if version == SCHEMA_VERSION:
            return SCHEMA_VERSION  # up to date: no write lock needed to open
    begin()
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = conn.execute("SELECT version FROM schema_version").fetchone()
        version = 0 if row is None else int(row[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the store file is at schema version {version}; this goldenrecord reads up "
                f"to version {SCHEMA_VERSION}"
            )
        for statements in MIGRATIONS[version:]:
            for statement in statements:
                conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("DELETE FROM schema_version")
        conn.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return SCHEMA_VERSION
