"""Erasure: a forgotten record's values leave the database files; profiles are rebuilt."""

from __future__ import annotations

import pathlib
from typing import Any

import pytest

import goldenrecord as gr
from goldenrecord.store import IdentityStore, StoreError
from tests.store.test_store import clusters_of

PROBE = "zqx.erasure-probe-7731@example.org"
NAME = "Quenbyxta"


def _files(path: pathlib.Path) -> bytes:
    out = b""
    for suffix in ("", "-wal", "-shm"):
        f = path.with_name(path.name + suffix)
        if f.exists():
            out += f.read_bytes()
    return out


def test_forget_removes_the_bytes_and_rebuilds_the_profile(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    path = tmp_path / "s.db"
    with IdentityStore(path, schema=schema, model=model) as store:
        store.ingest(rows)
        friend = rows[0]
        secret = dict(
            friend,
            record_id="zz-secret",
            email=PROBE,
            last_name=NAME,
            updated_at="2031-01-01T00:00:00Z",
        )
        store.ingest([secret])
        pid = clusters_of(store)["zz-secret"]
        store.checkpoint()
        assert PROBE.encode() in _files(path)
        events = store.forget("zz-secret")
        assert "zz-secret" not in clusters_of(store)
        assert all("zz-secret" not in repr(e) for e in store.history(pid))
        assert all("zz-secret" not in repr(e) for e in events)
        assert store.tombstones() == 1
        with pytest.raises(StoreError):
            store.profile_of("zz-secret")
        if pid in clusters_of(store).values():
            profile = store.profile(pid)
            assert all(v.value != PROBE for v in profile.attributes.values())
        data = _files(path)  # forget checkpointed the WAL itself; no VACUUM needed
    assert PROBE.encode() not in data
    assert NAME.encode() not in data
    assert NAME.lower().encode() not in data
    assert b"zz-secret" not in data


def test_forget_profile_erases_every_member(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    with IdentityStore(tmp_path / "s.db", schema=schema, model=model) as store:
        store.ingest(rows[:60])
        before = clusters_of(store)
        members: dict[str, list[str]] = {}
        for k, p in before.items():
            members.setdefault(p, []).append(k)
        pid = max(members, key=lambda p: (len(members[p]), p))
        store.forget_profile(pid)
        after = clusters_of(store)
        assert not set(members[pid]) & set(after)
        assert pid not in after.values()
        assert all(after[k] == p for k, p in before.items() if p != pid)
        assert store.tombstones() == len(members[pid])
        assert len(store) == 60 - len(members[pid])
