"""Checking a store file: SQLite's ``integrity_check`` and the store's own consistency
(every record in a profile that exists, profile sizes, stored JSON that parses, no
row left pointing at an erased record). Problems are told without stored values."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable

from goldenrecord.errors import StoreBusyError, StoreError
from goldenrecord.store._sql import SCHEMA_VERSION, connect, translate

__all__ = ["check_store", "problems"]

_SHOWN = 5  # integrity_check lines quoted (page and index names, no values)


def _integrity(conn: sqlite3.Connection) -> list[str]:
    lines = [str(r[0]) for r in conn.execute("PRAGMA integrity_check(100)").fetchall()]
    if lines == ["ok"]:
        return []
    shown = "; ".join(lines[:_SHOWN]) + ("; ..." if len(lines) > _SHOWN else "")
    return [f"integrity_check found {len(lines)} problem(s): {shown}"]


def _json_objects(conn: sqlite3.Connection, sql: str, what: str) -> list[str]:
    bad = 0
    for row in conn.execute(sql):
        for text in row:
            try:
                ok = isinstance(json.loads(text), dict)
            except (TypeError, ValueError):
                ok = False
            bad += not ok
    return [f"{bad} {what} do not parse as JSON objects"] if bad else []


def _consistency(conn: sqlite3.Connection) -> list[str]:
    out: list[str] = []
    row = conn.execute("SELECT version FROM schema_version").fetchone()
    if row is None or row[0] != SCHEMA_VERSION:
        out.append("the schema version is missing or not this library's")
    orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
    if orphans:
        tables = sorted({str(r[0]) for r in orphans})
        out.append(f"{len(orphans)} row(s) point at missing records (tables {', '.join(tables)})")
    (homeless,) = conn.execute(
        "SELECT COUNT(*) FROM records WHERE profile_id NOT IN (SELECT profile_id FROM profiles)"
    ).fetchone()
    if homeless:
        out.append(f"{homeless} record(s) belong to a profile the store does not hold")
    (sizes,) = conn.execute(
        "SELECT COUNT(*) FROM profiles p WHERE p.size != "
        "(SELECT COUNT(*) FROM records r WHERE r.profile_id = p.profile_id)"
    ).fetchone()
    if sizes:
        out.append(f"{sizes} profile(s) whose size differs from their records")
    out += _json_objects(conn, "SELECT doc FROM model", "stored settings documents")
    out += _json_objects(
        conn, "SELECT raw, normalized FROM records", "stored record cells (raw, normalized)"
    )
    return out


def problems(conn: sqlite3.Connection) -> list[str]:
    """What is wrong with an open store file (empty when sound)."""
    out: list[str] = []
    checks: tuple[Callable[[sqlite3.Connection], list[str]], ...] = (_integrity, _consistency)
    for check in checks:
        try:
            out += check(conn)
        except sqlite3.Error as err:
            if isinstance(translate(err), StoreBusyError):
                raise translate(err) from None
            out.append(str(translate(err)))
    return out


def check_store(path: str | os.PathLike[str], *, timeout: float = 5.0) -> list[str]:
    """Check a store file (``goldenrecord check``): the quick look every open makes,
    then ``PRAGMA integrity_check`` and the store's own consistency. Needs no secret
    and writes nothing.

    Returns:
        The problems found, in words without stored values (empty: the store is sound).

    Raises:
        StoreError: no file at ``path``.
        StoreBusyError: another connection held a lock past ``timeout``.
    """
    name = os.fspath(path)
    if not os.path.lexists(name):
        raise StoreError("no identity store at the path given")
    try:
        conn = connect(name, timeout=timeout)
    except StoreBusyError:
        raise
    except StoreError as err:
        found = [str(err)]
        try:  # a SQLite file that failed quick_check: say what integrity_check finds
            raw = sqlite3.connect(f"file:{name}?mode=ro", uri=True, timeout=timeout)
        except sqlite3.Error:
            return found
        try:
            if "quick_check" in str(err):
                found += problems(raw)
        finally:
            raw.close()
        return found
    try:
        return problems(conn)
    finally:
        conn.close()
