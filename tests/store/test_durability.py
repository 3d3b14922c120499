"""One transaction per ingest: a killed writer leaves the store as it was; readers read
while a writer writes; a second writer waits, then gets StoreBusyError."""

from __future__ import annotations

import json
import os
import pathlib
import signal
import subprocess
import sys
import time
from typing import Any

import pytest

import goldenrecord as gr
from goldenrecord.store import IdentityStore, StoreBusyError
from tests.store.test_store import clusters_of

WRITER = """
import json, pathlib, sys, time
import goldenrecord as gr
from goldenrecord.store import IdentityStore
from goldenrecord.store._store import IdentityStore as Impl

path, rows_file, marker = sys.argv[1:4]
original = Impl._recluster

def stalled(self, *args, **kwargs):
    events = original(self, *args, **kwargs)
    pathlib.Path(marker).write_text("in transaction")
    time.sleep(60)
    return events

Impl._recluster = stalled
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


def test_killed_writer_leaves_the_store_as_before(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    path = tmp_path / "s.db"
    with IdentityStore(path, schema=schema, model=model) as store:
        store.ingest(rows[:80])
        before = clusters_of(store)
        n_events = store._conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
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
        assert again._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert clusters_of(again) == before
        assert again._conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == n_events
        again.ingest(rows[80:])
        assert len(again) == len(rows)
