"""Damaged and foreign files: a clear StoreError on open (never a raw sqlite3, JSON or
Python error, never a new empty store in place of a damaged one), and
``check_store`` / ``goldenrecord check`` telling what is wrong."""

from __future__ import annotations

import json
import pathlib
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest

import goldenrecord as gr
from goldenrecord.errors import GoldenRecordError
from goldenrecord.store import IdentityStore, StoreError, check_store

PAGE = 4096


@pytest.fixture(scope="module")
def sound(
    tmp_path_factory: pytest.TempPathFactory, rows: list[dict[str, Any]], schema: gr.Schema
) -> tuple[bytes, bytes]:
    """A closed store of 120 records (WAL folded into the file): its bytes and key file."""
    folder = tmp_path_factory.mktemp("sound")
    with IdentityStore(folder / "s.db", schema=schema) as store:
        store.ingest(rows[:120])
    data = (folder / "s.db").read_bytes()
    assert not (folder / "s.db-wal").exists()
    return data, (folder / "s.db.key").read_bytes()


def _damaged(data: bytes) -> Iterator[tuple[str, bytes]]:
    """Truncations at many offsets, bit flips in the header, in the b-tree header of
    middle pages and of the last page."""
    size = len(data)
    pages = size // PAGE
    for cut in (0, 1, 16, 50, 99, 100, 101, 512, PAGE, PAGE + 1, 2 * PAGE, size // 2):
        yield f"truncated at {cut}", data[:cut]
    yield "truncated by a page", data[: size - PAGE]
    for offset in (0, 5, 15, 16, 17, 21, 30, 33):
        flipped = bytearray(data)
        flipped[offset] ^= 0xFF
        yield f"header byte {offset} flipped", bytes(flipped)
    for page in (pages // 3, pages // 2, pages - 1):
        for offset in (0, 3, 8):
            flipped = bytearray(data)
            flipped[page * PAGE + offset] ^= 0x10
            yield f"page {page} byte {offset} flipped", bytes(flipped)


def _integrity_fails(path: pathlib.Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]
        finally:
            conn.close()
    except sqlite3.Error:
        return True


def test_damaged_files_raise_store_error_on_open_and_are_left_alone(
    tmp_path: pathlib.Path, sound: tuple[bytes, bytes], rows: list[dict[str, Any]]
) -> None:
    """Every truncation and every flip that SQLite's integrity_check (or opening) finds
    raises StoreError on open, with a message free of stored values; the file is not
    changed. A flip integrity_check does not see may open, and then the store answers
    with its own errors only."""
    data, key = sound
    refused = opened = 0
    messages: list[str] = []
    unchanged: list[bool] = []
    values = {str(v) for r in rows[:120] for v in r.values() if v and len(str(v)) >= 5}
    for n, (what, blob) in enumerate(_damaged(data)):
        path = tmp_path / f"d{n}.db"
        path.write_bytes(blob)
        (tmp_path / f"d{n}.db.key").write_bytes(key)
        bad = len(blob) < 100 or _integrity_fails(path)
        try:
            store = IdentityStore(path)
        except StoreError as err:
            refused += 1
            messages.append(str(err))
            unchanged.append(path.read_bytes() == blob)
            continue
        assert not bad, f"{what}: integrity_check fails, yet the store opened"
        opened += 1
        try:
            store.ingest(rows[120:125])
            store.profile_of(rows[0]["record_id"])
        except GoldenRecordError:
            pass
        finally:
            store.close()
    assert refused >= 25
    assert all(unchanged)
    assert not [m for m in messages if any(v in m for v in values)]
    assert opened <= 5


@pytest.mark.parametrize("size", [0, 1, 99])
def test_an_empty_or_short_file_is_not_taken_for_a_new_store(
    tmp_path: pathlib.Path, schema: gr.Schema, size: int
) -> None:
    path = tmp_path / "s.db"
    path.write_bytes(b"\x00" * size)
    with pytest.raises(StoreError, match="not an identity store"):
        IdentityStore(path, schema=schema)
    assert path.read_bytes() == b"\x00" * size
    assert not (tmp_path / "s.db.key").exists()


def test_a_foreign_sqlite_database_and_a_text_file_are_refused(
    tmp_path: pathlib.Path, schema: gr.Schema
) -> None:
    foreign = tmp_path / "app.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE customers (name TEXT)")
    conn.execute("INSERT INTO customers VALUES ('Ana Lima')")
    conn.commit()
    conn.close()
    before = foreign.read_bytes()
    with pytest.raises(StoreError, match="not an identity store"):
        IdentityStore(foreign, schema=schema)
    assert foreign.read_bytes() == before
    text = tmp_path / "notes.db"
    text.write_text("record_id,email\n1,ana@example.com\n" * 20)
    with pytest.raises(StoreError, match="not an identity store") as caught:
        IdentityStore(text)
    assert "ana@" not in str(caught.value)
    assert check_store(text)


def _use(path: pathlib.Path, rows: list[dict[str, Any]]) -> None:
    with IdentityStore(path) as store:
        store.ingest(rows)
        store.lookup(rows[0])


@pytest.mark.parametrize(
    ("name", "doc"),
    [
        ("settings", "{not json"),
        ("settings", "[]"),
        ("settings", '{"rules": 3}'),
        ("schema", '{"id": 5}'),
        ("schema", "\x00\x01"),
        ("model", '{"model_version": "x"}'),
        ("shared_digests", "[[["),
    ],
)
def test_garbage_in_the_model_table_raises_store_error(
    tmp_path: pathlib.Path,
    rows: list[dict[str, Any]],
    schema: gr.Schema,
    model: gr.Matcher,
    name: str,
    doc: str,
) -> None:
    path = tmp_path / "s.db"
    with IdentityStore(path, schema=schema, model=model) as store:
        store.ingest(rows[:20])
        store._db.conn.execute("UPDATE model SET doc = ? WHERE name = ?", (doc, name))
    with pytest.raises(StoreError):
        _use(path, rows[20:25])


def test_a_record_whose_stored_json_is_damaged_raises_store_error_and_check_finds_it(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    path = tmp_path / "s.db"
    with IdentityStore(path, schema=schema, model=model) as store:
        store.ingest(rows[:20])
        assert store.check() == []
        store._db.conn.execute(
            "UPDATE records SET raw = '{broken' WHERE record_key = ?", (rows[0]["record_id"],)
        )
    assert check_store(path) == [
        "1 stored record cells (raw, normalized) do not parse as JSON objects"
    ]
    with IdentityStore(path) as again, pytest.raises(StoreError, match="damaged"):
        again.profile_of(rows[0]["record_id"])


def test_check_store_runs_integrity_check_on_a_file_quick_check_refuses(
    tmp_path: pathlib.Path, sound: tuple[bytes, bytes]
) -> None:
    data, _ = sound
    flipped = bytearray(data)
    flipped[(len(data) // PAGE // 2) * PAGE] ^= 0x10
    path = tmp_path / "s.db"
    path.write_bytes(bytes(flipped))
    found = check_store(path)
    assert found
    assert "damaged" in found[0] or "not an identity store" in found[0]
    assert path.read_bytes() == bytes(flipped)
    sound_copy = tmp_path / "ok.db"
    sound_copy.write_bytes(data)
    assert check_store(sound_copy) == []
    with pytest.raises(StoreError, match="no identity store"):
        check_store(tmp_path / "missing.db")


def test_a_profile_row_lost_is_found_by_check(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """The store's own consistency: a record whose profile row is gone."""
    path = tmp_path / "s.db"
    with IdentityStore(path, schema=schema, model=model) as store:
        store.ingest(rows[:20])
        pid = store.profile_of(rows[0]["record_id"]).profile_id
        store._db.conn.execute("DELETE FROM profiles WHERE profile_id = ?", (pid,))
        found = store.check()
    assert any("profile the store does not hold" in p for p in found)
    assert not any(pid in p for p in found)
    assert json.dumps(found)  # words only


def test_quick_check_can_be_left_to_check(
    tmp_path: pathlib.Path, sound: tuple[bytes, bytes]
) -> None:
    """quick_check=False skips the page scan on open (a large store opened often); the
    damage is then found by check(), and nothing raises a raw error."""
    data, key = sound
    flipped = bytearray(data)
    flipped[(len(data) // PAGE - 1) * PAGE] ^= 0x10  # the last page's b-tree header
    path = tmp_path / "s.db"
    path.write_bytes(bytes(flipped))
    (tmp_path / "s.db.key").write_bytes(key)
    with pytest.raises(StoreError, match="quick_check"):
        IdentityStore(path)
    try:
        store = IdentityStore(path, quick_check=False)
    except StoreError as err:
        assert "quick_check" not in str(err)  # noqa: PT017 - damage met while reading
        return
    with store:
        assert store.check()
