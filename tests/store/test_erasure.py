"""Erasure: a forgotten record's values leave the database files; profiles are rebuilt."""

from __future__ import annotations

import base64
import json
import pathlib
import sqlite3
import stat
import threading
from typing import Any

import pytest

import goldenrecord as gr
from goldenrecord.profile import profile_id_for
from goldenrecord.store import (
    IdentityStore,
    ProfileCreated,
    RecordsForgotten,
    StoreBusyError,
    StoreError,
)
from goldenrecord.store._secret import Keys
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
        with pytest.raises(gr.RecordNotFound):
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


# every file, every form ----------------------------------------------------------------

SECRET_ROW = {
    "record_id": "crm-000777",
    "source": "crm",
    "updated_at": "2031-01-01T00:00:00Z",
    "first_name": "Quenbyxta",
    "last_name": "Vorthelmsk",
    "email": "quenbyxta.vorthelmsk-7731@example.org",
    "phone": "+44 20 7946 0321",
    "date_of_birth": "1961-02-03",
    "address": "17 Zephyrwold Lane",
    "customer_number": "ZQ88117733",
}


def _forms(text: str) -> dict[str, bytes]:
    """The ways a value can sit in a file: plain, UTF-16, hex, base64."""
    raw = text.encode("utf-8")
    return {
        "plain": raw,
        "utf-16-le": text.encode("utf-16-le"),
        "utf-16-be": text.encode("utf-16-be"),
        "hex": raw.hex().encode(),
        "HEX": raw.hex().upper().encode(),
        "base64": base64.b64encode(raw),
    }


def _needles(store: IdentityStore, key: str) -> dict[str, str]:
    """The erased record's key, raw cells and normalized values (every string of five
    characters or more that no other record holds), by where they come from."""
    raw, normalized = store._db.conn.execute(
        "SELECT raw, normalized FROM records WHERE record_key = ?", (key,)
    ).fetchone()
    others = " ".join(
        r + n
        for r, n in store._db.conn.execute(
            "SELECT raw, normalized FROM records WHERE record_key != ?", (key,)
        ).fetchall()
    )
    found = {"key": key}
    for origin, doc in (("raw", json.loads(raw)), ("normalized", json.loads(normalized))):
        for column, value in doc.items():
            cells = value if isinstance(value, list) else [value]
            for cell in cells:
                if isinstance(cell, str) and len(cell) >= 5 and cell not in others:
                    found[f"{origin} {column}"] = cell
    return found


def _scan(folder: pathlib.Path, needles: dict[str, str]) -> list[str]:
    """Every (file, value, form) hit in every file of the folder."""
    hits = []
    for f in sorted(folder.iterdir()):
        data = f.read_bytes()
        for origin, text in needles.items():
            for form, pattern in _forms(text).items():
                if pattern in data:
                    hits.append(f"{f.name}: {origin} ({form})")
    return hits


def _secret_store(
    path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher, bulk: bool
) -> IdentityStore:
    store = IdentityStore(path, schema=schema, model=model, timeout=5)
    if bulk:
        store.ingest([*rows[:100], SECRET_ROW])
    else:
        store.ingest(rows[:100])
        store.ingest([SECRET_ROW])
    return store


@pytest.mark.parametrize("bulk", [True, False], ids=["first-load", "later-ingest"])
def test_after_forget_no_file_of_the_store_holds_any_form_of_the_record(
    tmp_path: pathlib.Path,
    rows: list[dict[str, Any]],
    schema: gr.Schema,
    model: gr.Matcher,
    bulk: bool,
) -> None:
    """Key, raw cells and normalized values, plain, UTF-16, hex or base64: none is left in
    the database, its -wal, -shm or journal, nor the key file."""
    with _secret_store(tmp_path / "s.db", rows, schema, model, bulk) as store:
        needles = _needles(store, SECRET_ROW["record_id"])
        assert len(needles) >= 8  # the probe values and their normalized forms
        assert _scan(tmp_path, needles)  # the scan sees them before
        store.forget(SECRET_ROW["record_id"])
        assert _scan(tmp_path, needles) == []
    assert _scan(tmp_path, needles) == []


def test_forget_waits_for_a_reader_then_leaves_no_byte(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """A reader in the middle of a read transaction pins the write-ahead log: forget waits
    for it (within the timeout) and returns only once the log is truncated."""
    with _secret_store(tmp_path / "s.db", rows, schema, model, bulk=False) as store:
        needles = _needles(store, SECRET_ROW["record_id"])
        reader = sqlite3.connect(tmp_path / "s.db", isolation_level=None, check_same_thread=False)
        reader.execute("BEGIN")
        reader.execute("SELECT COUNT(*) FROM records").fetchone()  # holds a snapshot
        threading.Timer(0.5, lambda: reader.execute("COMMIT")).start()
        store.forget(SECRET_ROW["record_id"])
        assert _scan(tmp_path, needles) == []
        reader.close()


def test_forget_with_a_reader_that_stays_raises_busy_until_a_checkpoint(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """A reader that keeps its snapshot past the timeout: forget does not return as if the
    bytes were gone (StoreBusyError); once the reader is done, checkpoint() erases them."""
    path = tmp_path / "s.db"
    with _secret_store(path, rows, schema, model, bulk=False) as store:
        needles = _needles(store, SECRET_ROW["record_id"])
        store.timeout = 0.3
        store._db.conn.execute("PRAGMA busy_timeout = 300")
        with IdentityStore(path) as other:
            with other._db.read():
                assert len(other) == 101
                with pytest.raises(StoreBusyError, match="checkpoint"):
                    store.forget(SECRET_ROW["record_id"])
            assert len(other) == 100  # erased from the tables all the same
            assert store.checkpoint()
        assert _scan(tmp_path, needles) == []


def test_an_idle_reader_connection_does_not_keep_the_bytes(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    path = tmp_path / "s.db"
    with _secret_store(path, rows, schema, model, bulk=False) as store:
        needles = _needles(store, SECRET_ROW["record_id"])
        with IdentityStore(path) as other:
            assert other.profile_of(SECRET_ROW["record_id"])
            store.forget(SECRET_ROW["record_id"])
            assert _scan(tmp_path, needles) == []


def test_a_shared_value_is_kept_as_a_digest_and_leaves_with_its_records(
    tmp_path: pathlib.Path, schema: gr.Schema, model: gr.Matcher
) -> None:
    """An inbox three people give is set aside as shared: the model table holds a keyed
    digest of it, never the address; once its records are forgotten no file holds it."""
    inbox = "frontdesk.office4412@btinternet.com"
    people = [("Ann", "Lee"), ("Bob", "Marsh"), ("Cyd", "Okafor")]
    table = [
        {"record_id": f"sh-{k}", "first_name": f, "last_name": la, "email": inbox}
        for k, (f, la) in enumerate(people)
    ]
    table.append({"record_id": "sh-9", "first_name": "Dee", "last_name": "Ng"})
    with IdentityStore(tmp_path / "s.db", schema=schema, model=model) as store:
        store.ingest(table)
        docs = " ".join(d for (d,) in store._db.conn.execute("SELECT doc FROM model").fetchall())
        assert store._db.shared() == {"email": {store._db.keys.shared("email", inbox)}}
        assert inbox not in docs
        for row in table[:3]:
            store.forget(row["record_id"])
    assert _scan(tmp_path, {"inbox": inbox}) == []


def test_profile_ids_and_tombstones_are_keyed_by_a_secret_outside_the_file(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """With the database file alone, a brute force over every key of the shape
    crm-NNNNNN matches no profile id of the store (nor the one an erasure reported), and
    the file holds neither the secret nor a salt; with the secret, the ids are the keyed
    ones."""
    path = tmp_path / "s.db"
    secret = b"a secret the caller keeps in a vault"
    with IdentityStore(path, schema=schema, model=model, secret=secret) as store:
        store.ingest(rows[:100])
        store.ingest([SECRET_ROW])
        events = store.forget(SECRET_ROW["record_id"])
        ids = {p for (p,) in store._db.conn.execute("SELECT profile_id FROM profiles")}
        ids |= {e.profile_id for e in events}
        (tomb,) = store._db.conn.execute("SELECT key_hash FROM tombstones").fetchone()
        settings = json.loads(store._db.settings_doc)
    assert not (tmp_path / "s.db.key").exists()  # the secret was given: no key file
    guesses = {f"crm-{n:06d}" for n in range(1000)}
    assert not {profile_id_for(k) for k in guesses} & ids
    keys = Keys(secret)
    assert keys.profile_id(SECRET_ROW["record_id"]) in ids  # a singleton, now removed
    assert tomb == keys.tombstone(SECRET_ROW["record_id"])
    assert "salt" not in settings
    assert secret not in path.read_bytes()
    with pytest.raises(StoreError, match="not this store's"):
        IdentityStore(path, secret=b"a guess")
    with pytest.raises(StoreError, match="key file is missing"):
        IdentityStore(path)
    with IdentityStore(path, secret=secret.decode()) as again:
        assert again.tombstones() == 1


def test_a_new_store_makes_a_private_key_file_beside_it(
    tmp_path: pathlib.Path, schema: gr.Schema
) -> None:
    path = tmp_path / "s.db"
    IdentityStore(path, schema=schema).close()
    key_file = tmp_path / "s.db.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(bytes.fromhex(key_file.read_text().strip())) == 32
    assert key_file.read_text().strip().encode() not in path.read_bytes()
    IdentityStore(path).close()  # reopened with it
    elsewhere = tmp_path / "vault.key"
    key_file.rename(elsewhere)
    IdentityStore(path, key_file=elsewhere).close()
    with pytest.raises(StoreError, match="key file is missing"):
        IdentityStore(path)


def test_a_store_written_before_the_secret_moves_to_it_on_its_next_write(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """A file whose salt and shared values sit in the file (as earlier versions wrote
    it) is read as before; its next write drops the salt, keeps shared values as digests
    and takes the key file's secret."""
    path = tmp_path / "s.db"
    with IdentityStore(path, schema=schema, model=model) as store:
        store.ingest(rows[:60])
        before = clusters_of(store)
        s = dict(store._db.settings)
        del s["secret_check"]
        s["salt"] = "00" * 16
        with store._db.write(reload=False):
            store._db.put("settings", json.dumps(s))
            store._db.conn.execute("DELETE FROM model WHERE name = 'shared_digests'")
            store._db.put("shared", json.dumps({"email": ["old.shared@example.com"]}))
    (tmp_path / "s.db.key").unlink()
    with IdentityStore(path) as old:
        assert clusters_of(old) == before
        digest = old._db.keys.shared("email", "old.shared@example.com")
        assert old._db.shared() == {"email": {digest}}
        old.ingest([SECRET_ROW])
        docs = " ".join(d for (d,) in old._db.conn.execute("SELECT doc FROM model").fetchall())
        assert "old.shared@example.com" not in docs
        assert "salt" not in json.loads(old._db.settings_doc)
    with IdentityStore(path) as again:
        assert len(again) == 61


def test_history_keeps_the_events_of_a_profile_after_forget(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """Forgetting one record of a profile keeps the profile's history: its
    ProfileCreated (with the other keys) and every event that named other records stay,
    and no event names the erased key (forget deleted every event naming it, the
    ProfileCreated included)."""
    with IdentityStore(tmp_path / "s.db", schema=schema, model=model) as store:
        store.ingest(rows[:60])
        store.ingest(rows[60:100])
        by_size = sorted(
            {store.profile_of(r["record_id"]).profile_id for r in rows[:100]},
            key=lambda p: (-store.profile(p).n_records, p),
        )
        pid = by_size[0]
        members = store.profile(pid).record_ids
        assert len(members) >= 3
        before = store.history(pid)
        assert isinstance(before[0], ProfileCreated)
        gone = members[0]
        store.forget(gone)
        after = store.history(pid)
        assert isinstance(after[0], ProfileCreated)
        assert after[0].record_keys == tuple(k for k in before[0].record_keys if k != gone)
        assert len(after) >= len(before)
        assert isinstance(after[-1], RecordsForgotten)
        assert all(gone not in repr(e) for e in after)


def test_profile_ids_are_salted_per_store_and_stable_across_its_runs(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """Two stores holding the same records share no profile id (each is keyed by its
    own secret), while one store gives the same ids when it is opened again (a new run
    reads its key file): an id seen in one store's export says nothing about another's,
    nor, without the secret, about a key."""
    ids = []
    for name in ("a.db", "b.db"):
        with IdentityStore(tmp_path / name, schema=schema, model=model) as store:
            store.ingest(rows[:50])
            ids.append({store.profile_of(r["record_id"]).profile_id for r in rows[:50]})
        with IdentityStore(tmp_path / name) as again:
            assert {again.profile_of(r["record_id"]).profile_id for r in rows[:50]} == ids[-1]
            assert again.profile_id_for("crm-000001") == store.profile_id_for("crm-000001")
    assert len(ids[0]) == len(ids[1])
    assert not ids[0] & ids[1]
