"""Merges and splits: by ingest, by link / unlink overrides that later ingests respect."""

from __future__ import annotations

import pathlib
from typing import Any

import networkx as nx

import goldenrecord as gr
from goldenrecord.store import IdentityStore, ProfilesMerged, ProfileSplit
from tests.store.test_store import clusters_of


def _bridges(store: IdentityStore) -> list[str]:
    """Records whose accepted edges alone hold their profile together."""
    rows = store._db.conn.execute(
        "SELECT ra.record_key, rb.record_key FROM edges "
        "JOIN records ra ON ra.rid = edges.a JOIN records rb ON rb.rid = edges.b "
        "WHERE edges.accepted = 1"
    ).fetchall()
    graph: nx.Graph[str] = nx.Graph()
    graph.add_edges_from(rows)
    found = sorted(nx.articulation_points(graph))
    assert found, "no bridging record in the sample"
    return found


def test_a_record_joining_two_profiles_merges_them_into_the_larger(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """A record that bridges two profiles merges them, into the larger one. (A bridge
    of the full store need not split it when left out: the parts may still be held
    together, or kept apart, by the other records; the first that does is used.)"""
    with IdentityStore(tmp_path / "all.db", schema=schema, model=model) as full:
        full.ingest(rows)
        candidates = _bridges(full)
    for n, key in enumerate(candidates[:8]):
        with IdentityStore(tmp_path / f"s{n}.db", schema=schema, model=model) as store:
            store.ingest([r for r in rows if r["record_id"] != key])
            before = clusters_of(store)
            events = store.ingest([r for r in rows if r["record_id"] == key])
            merged = [e for e in events if isinstance(e, ProfilesMerged)]
            if not merged:
                continue
            assert len(merged) == 1
            event = merged[0]
            assert event.reason in ("larger", "smaller id")
            sizes = {
                p: list(before.values()).count(p) for p in (event.profile_id, *event.merged_ids)
            }
            assert sizes[event.profile_id] == max(sizes.values())
            after = clusters_of(store)
            assert after[key] == event.profile_id
            assert all(after[k] == event.profile_id for k, p in before.items() if p in sizes)
            assert store.history(event.merged_ids[0])[-1] == event
            return
    raise AssertionError("no bridging record merged two profiles")


def test_unlink_splits_and_later_ingests_respect_it(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    with IdentityStore(tmp_path / "s.db", schema=schema, model=model) as store:
        store.ingest(rows[:100])
        before = clusters_of(store)
        members: dict[str, list[str]] = {}
        for k, p in before.items():
            members.setdefault(p, []).append(k)
        pid, keys = next((p, sorted(ks)) for p, ks in sorted(members.items()) if len(ks) >= 2)
        events = store.unlink(keys[0], keys[-1])
        split = [e for e in events if isinstance(e, ProfileSplit)]
        assert split
        assert split[0].profile_id == pid
        assert split[0].reasons == ("cannot_link",)
        after = clusters_of(store)
        kept = len(store.profile(pid).record_ids)
        assert all(kept >= len(store.profile(p).record_ids) for p in split[0].split_ids)
        assert after[keys[0]] != after[keys[-1]]
        assert pid in (after[keys[0]], after[keys[-1]])
        assert all(after[k] == p for k, p in before.items() if p != pid)
        store.ingest(rows[100:])
        store.ingest([dict(r, city="Elsewhere") for r in rows if r["record_id"] in keys])
        final = clusters_of(store)
        assert final[keys[0]] != final[keys[-1]]


def test_link_merges_and_survives_reingest(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    with IdentityStore(tmp_path / "s.db", schema=schema, model=model) as store:
        store.ingest(rows[:80])
        before = clusters_of(store)
        a, b = sorted(before)[0], sorted(before)[-1]
        assert before[a] != before[b]
        events = store.link(a, b)
        merged = [e for e in events if isinstance(e, ProfilesMerged)]
        assert len(merged) == 1
        assert merged[0].profile_id in (before[a], before[b])
        after = clusters_of(store)
        assert after[a] == after[b] == merged[0].profile_id
        store.ingest([dict(r, city="Elsewhere") for r in rows[:80] if r["record_id"] == a])
        final = clusters_of(store)
        assert final[a] == final[b]
        assert store.unlink(a, b)
        assert clusters_of(store)[a] != clusters_of(store)[b]


def test_splitting_off_the_founding_record_keeps_ids_unique(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """Unlinking the record a profile is named after from every other member leaves one
    id per profile, the old id still in use, every other profile untouched."""
    with IdentityStore(tmp_path / "s.db", schema=schema, model=model) as store:
        store.ingest(rows)
        before = clusters_of(store)
        members: dict[str, list[str]] = {}
        for k, p in before.items():
            members.setdefault(p, []).append(k)
        pid, keys = next(
            (p, sorted(ks))
            for p, ks in sorted(members.items())
            if len(ks) >= 3 and p == store.profile_id_for(min(ks))
        )
        for other in keys[1:]:
            store.unlink(keys[0], other)
        after = clusters_of(store)
        assert all(after[keys[0]] != after[k] for k in keys[1:])
        assert pid in {after[k] for k in keys}
        assert all(after[k] == p for k, p in before.items() if p != pid)
        n_profiles = store._db.conn.execute("SELECT COUNT(*) FROM profiles").fetchone()[0]
        assert n_profiles == len(set(after.values()))
