"""One transaction per ingest: a killed writer leaves the store as it was; readers read
while a writer writes; a second writer waits, then gets StoreBusyError."""

from __future__ import annotations

import json
import os
import pathlib
import signal
import subprocess
import sys
import threading
import time
from typing import Any

import pytest

import goldenrecord as gr
from goldenrecord.store import IdentityStore, StoreBusyError
from tests.store.conftest import partition
from tests.store.test_store import clusters_of

WRITER = """
import json, pathlib, sys, time
import goldenrecord as gr
from goldenrecord.store import IdentityStore
from goldenrecord.store._base import StoreDatabase as Impl

path, rows_file, marker = sys.argv[1:4]
original = Impl.log

def stalled(self, *args, **kwargs):
    original(self, *args, **kwargs)  # everything written, the commit still to come
    pathlib.Path(marker).write_text("in transaction")
    time.sleep(60)

Impl.log = stalled
store = IdentityStore(path)
store.ingest(json.loads(pathlib.Path(rows_file).read_text()))
"""


def _stalled_writer(tmp_path: pathlib.Path, rows: list[dict[str, Any]]) -> subprocess.Popen[bytes]:
    rows_file = tmp_path / "rows.json"
    rows_file.write_text(json.dumps(rows))
    marker = tmp_path / "marker"
    src = pathlib.Path(gr.__file__).parents[1]
    env = {**os.environ, "PYTHONPATH": str(src)}
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(tmp_path / "s.db"), str(rows_file), str(marker)],
        env=env,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("the writer process did not reach its transaction")
        time.sleep(0.05)
    return proc


def test_a_writer_killed_during_the_first_load_leaves_an_empty_store(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """The first (bulk) ingest is one transaction too: killed before its commit, it leaves
    no record, no profile and no counts, and the store takes the load again."""
    path = tmp_path / "s.db"
    IdentityStore(path, schema=schema, model=model).close()
    proc = _stalled_writer(tmp_path, rows)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with IdentityStore(path) as again:
        assert again._db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for table in ("records", "keys", "edges", "profiles", "events", "term_counts"):
            assert again._db.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
        again.ingest(rows)
        res = gr.resolve(rows, schema, matcher=model, blocking=list(again.rules))
        assert partition(clusters_of(again)) == partition(res.clusters)


def test_a_second_writer_waits_for_the_first(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """A writer with a long enough timeout waits while another holds the lock, then
    writes once it is released (the holder killed here), on top of the last commit."""
    path = tmp_path / "s.db"
    with IdentityStore(path, schema=schema, model=model) as store:
        store.ingest(rows[:80])
    proc = _stalled_writer(tmp_path, rows[80:120])
    outcome: dict[str, Any] = {}

    def second() -> None:
        with IdentityStore(path, timeout=60) as waiting:
            started = time.monotonic()
            outcome["events"] = waiting.ingest(rows[120:])
            outcome["waited"] = time.monotonic() - started

    thread = threading.Thread(target=second)
    thread.start()
    time.sleep(0.5)
    assert thread.is_alive()  # still waiting for the lock
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    thread.join(60)
    assert not thread.is_alive()
    assert outcome["events"]
    with IdentityStore(path) as again:
        keys = set(clusters_of(again))
        assert keys == {r["record_id"] for r in rows[:80] + rows[120:]}


def test_readers_read_committed_states_while_a_writer_ingests(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """Two reader threads (connections of their own) read while one writer ingests record
    by record: every read succeeds, sees a whole number of ingests (never a record
    without its profile), and the count of records they see never goes back."""
    path = tmp_path / "s.db"
    with IdentityStore(path, schema=schema, model=model) as store:
        store.ingest(rows[:60])
    done = threading.Event()
    problems: list[BaseException] = []
    seen: list[list[int]] = [[], []]

    def reader(k: int) -> None:
        try:
            with IdentityStore(path, timeout=5) as r:
                while not done.is_set():
                    with r._db.read():
                        n = r._db.conn.execute("SELECT COUNT(*) FROM records").fetchone()[0]
                        orphans = r._db.conn.execute(
                            "SELECT COUNT(*) FROM records LEFT JOIN profiles USING "
                            "(profile_id) WHERE profiles.profile_id IS NULL"
                        ).fetchone()[0]
                    assert orphans == 0
                    seen[k].append(n)
                    assert r.profile_of(rows[0]["record_id"]).record_ids
        except BaseException as err:  # reported in the main thread
            problems.append(err)

    threads = [threading.Thread(target=reader, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    with IdentityStore(path, timeout=30) as writer:
        for row in rows[60:]:
            writer.ingest(row)
    done.set()
    for t in threads:
        t.join(30)
    assert not problems
    for counts in seen:
        assert counts
        assert counts == sorted(counts)
        assert set(counts) <= set(range(60, len(rows) + 1))


def test_killed_writer_leaves_the_store_as_before(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    path = tmp_path / "s.db"
    with IdentityStore(path, schema=schema, model=model) as store:
        store.ingest(rows[:80])
        before = clusters_of(store)
        n_events = store._db.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    proc = _stalled_writer(tmp_path, rows[80:])
    try:
        with IdentityStore(path, timeout=0.2) as reader:
            # A reader reads the last committed state while the writer holds its lock.
            assert clusters_of(reader) == before
            assert reader.profile_of(rows[0]["record_id"]).record_ids
            assert reader.lookup(rows[1])
            with pytest.raises(StoreBusyError, match="another writer"):
                reader.ingest(rows[80:81])
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    with IdentityStore(path) as again:
        assert again._db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert clusters_of(again) == before
        assert again._db.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == n_events
        again.ingest(rows[80:])
        assert len(again) == len(rows)
