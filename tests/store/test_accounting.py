"""Every input row is accounted for: stored, updated, unchanged or rejected with a
reason; duplicate ids are settled the same way whatever the order; source names never
make two records share a key; text that is not valid UTF-8 is stored repaired and
counted; a lock held by another process is StoreBusyError, never a raw sqlite3 error."""

from __future__ import annotations

import os
import pathlib
import random
import subprocess
import sys
import time
from typing import Any

import pytest

import goldenrecord as gr
from goldenrecord.match._prepare import schema_columns
from goldenrecord.store import (
    IdentityStore,
    IngestResult,
    RecordRejected,
    StoreBusyError,
    check_store,
)
from tests.store.test_store import clusters_of


def _row(key: str | None, **values: Any) -> dict[str, Any]:
    return {"record_id": key, "first_name": "Ana", "last_name": "Lima", **values}


def test_every_row_is_stored_updated_unchanged_or_rejected(
    tmp_path: pathlib.Path, schema: gr.Schema, model: gr.Matcher
) -> None:
    """Three rows of which one has no id and one repeats an id: one record stored, two
    rejections with their reasons, and the counts add up to the rows read."""
    with IdentityStore(tmp_path / "s.db", schema=schema, model=model) as store:
        first = store.ingest(
            [
                _row("k1", updated_at="2020-01-01"),
                _row(None),
                _row("k1", updated_at="2019-01-01", email="older@btinternet.com"),
            ]
        )
        assert isinstance(first, IngestResult)
        assert isinstance(first, list)
        assert (first.stored, first.updated, first.unchanged, first.rejected) == (1, 0, 0, 2)
        assert first.rows == 3
        rejected = [e for e in first if isinstance(e, RecordRejected)]
        assert sorted((e.reason, e.row, e.record_key) for e in rejected) == [
            ("duplicate_id", 2, "k1"),
            ("missing_id", 1, None),
        ]
        assert len(store) == 1
        again = store.ingest([_row("k1", updated_at="2020-01-01"), _row("k2")])
        assert again.counts() == {
            "rows": 2,
            "stored": 1,
            "updated": 0,
            "unchanged": 1,
            "rejected": 0,
            "surrogates_replaced": 0,
        }
        changed = store.ingest([_row("k2", city="Porto")])
        assert (changed.stored, changed.updated) == (0, 1)
        only_bad = store.ingest([_row(None), _row("  ")])
        assert list(only_bad) == [
            RecordRejected("", "missing_id", None, 0),
            RecordRejected("", "missing_id", None, 1),
        ]
        history = store.history(store.profile_of("k1").profile_id)
        assert not [e for e in history if isinstance(e, RecordRejected)]  # not logged


def test_duplicate_ids_keep_the_latest_row_whatever_the_order(
    tmp_path: pathlib.Path, schema: gr.Schema, model: gr.Matcher
) -> None:
    """The latest updated_at wins; on equal times the row whose canonical JSON sorts first;
    any shuffle of the input stores the same row."""
    variants = [
        _row("dup", updated_at="2021-05-01", city="Braga"),
        _row("dup", updated_at="2023-05-01", city="Faro"),  # the latest
        _row("dup", updated_at="2022-05-01", city="Porto"),
        _row("dup", updated_at=None, city="Lisboa"),
        _row("tie", updated_at="2020-01-01", city="Aveiro"),  # sorts first
        _row("tie", updated_at="2020-01-01", city="Coimbra"),
    ]
    kept = set()
    for seed in range(6):
        shuffled = random.Random(seed).sample(variants, len(variants))
        with IdentityStore(tmp_path / f"s{seed}.db", schema=schema, model=model) as store:
            result = store.ingest(shuffled)
            assert (result.stored, result.rejected) == (2, 4)
            kept.add((store.profile_of("dup")["city"].value, store.profile_of("tie")["city"].value))
    assert kept == {("Faro", "Aveiro")}
    # gr.resolve keeps the same rows (one rule for batch and store).
    columns = schema_columns(schema)
    res = gr.resolve([{c: r.get(c) for c in columns} for r in variants], schema, matcher=model)
    assert sorted(r.row for r in res.rejected) == [0, 2, 3, 5]  # Faro and Aveiro kept


def test_source_names_with_colons_never_collide(
    tmp_path: pathlib.Path, schema: gr.Schema, model: gr.Matcher
) -> None:
    """Source "a" with id "b:c" and source "a:b" with id "c" are two records (the source
    name's ':' is escaped in the key), as are names with a backslash."""
    data = {
        "a": [_row("b:c", email="first.person@btinternet.com")],
        "a:b": [_row("c", email="second.person@btinternet.com")],
        "a\\": [_row("x")],
    }
    data["a\\:"] = [_row("x")]
    with IdentityStore(tmp_path / "s.db", schema=schema, model=model) as store:
        result = store.ingest(data)
        assert (result.stored, result.rejected) == (4, 0)
        assert sorted(clusters_of(store)) == sorted(["a:b:c", "a\\:b:c", "a\\\\:x", "a\\\\\\::x"])
        assert len(store) == 4


def test_lone_surrogates_are_replaced_and_counted(
    tmp_path: pathlib.Path, schema: gr.Schema, model: gr.Matcher
) -> None:
    """A cell decoded with surrogateescape (not valid UTF-8) is stored with U+FFFD in
    place of each lone surrogate, in the first load and later; the ingest counts the cells."""
    with IdentityStore(tmp_path / "s.db", schema=schema, model=model) as store:
        first = store.ingest([_row("s1", first_name="M\udce9lanie"), _row("s2")])
        assert first.surrogates == 1
        assert store.profile_of("s1")["first_name"].value == "M\ufffdlanie"
        later = store.ingest([_row("s\udcff3", last_name="\ud800Dur\udfffand")])
        assert (later.stored, later.surrogates) == (1, 2)  # cells changed
        assert "s\ufffd3" in clusters_of(store)


HOLDER = """
import sqlite3, sys, time, pathlib
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA locking_mode=EXCLUSIVE")
conn.execute("BEGIN EXCLUSIVE")
conn.execute("UPDATE schema_version SET version = version")
pathlib.Path(sys.argv[2]).write_text("locked")
time.sleep(60)
"""


def test_an_exclusive_lock_of_another_process_is_store_busy(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """Opening or checking a store another process holds exclusively raises
    StoreBusyError (the CLI exits 75 on it), never sqlite3.OperationalError."""
    path = tmp_path / "s.db"
    with IdentityStore(path, schema=schema, model=model) as store:
        store.ingest(rows[:20])
    marker = tmp_path / "marker"
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), str(marker)], env=dict(os.environ)
    )
    try:
        deadline = time.monotonic() + 30
        while not marker.exists():
            assert proc.poll() is None
            assert time.monotonic() < deadline
            time.sleep(0.05)
        with pytest.raises(StoreBusyError):
            IdentityStore(path, timeout=0.2)
        with pytest.raises(StoreBusyError):
            check_store(path, timeout=0.2)
    finally:
        proc.kill()
        proc.wait()
    with IdentityStore(path) as again:
        assert len(again) == 20
