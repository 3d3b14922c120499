"""The identity store attaches lone records as batch does (``attach=True``).

The stores here block on the default rules' keys without a pair budget: a loose
rule's blocks are capped by the records there are when the caps are set, so a store
that grew record by record can meet other weak pairs than batch meets on the whole
table, and the weak pairs are what attachments read."""

from __future__ import annotations

import pathlib
import random
import sqlite3
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import goldenrecord as gr
from goldenrecord import IdentityStore
from goldenrecord.errors import StoreError
from goldenrecord.match.blocking import BlockingRule, default_rules
from tests.store.conftest import partition
from tests.store.test_store import clusters_of


def batch(
    rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher, s: IdentityStore
) -> gr.Resolution:
    return gr.resolve(rows, schema, matcher=model, blocking=list(s.rules), attach=True)


def strict(schema: gr.Schema) -> list[BlockingRule]:
    """The default blocking rules' keys, without a pair budget."""
    return [BlockingRule(r.keys) for r in default_rules(schema.fields) if type(r) is BlockingRule]


def test_the_fixture_has_attachments(
    rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """The tests below can fail: attaching changes batch's clusters on these rows."""
    on = gr.resolve(rows, schema, matcher=model, attach=True)
    off = gr.resolve(rows, schema, matcher=model, attach=False)
    assert partition(on.clusters) != partition(off.clusters)


@pytest.mark.parametrize("chunk", [1, 25])
def test_incremental_attaches_as_batch_does(
    tmp_path: pathlib.Path,
    rows: list[dict[str, Any]],
    schema: gr.Schema,
    model: gr.Matcher,
    chunk: int,
) -> None:
    """A first load, then chunks (or one record at a time): batch's attached clusters."""
    with IdentityStore(
        tmp_path / "s.db", schema=schema, model=model, attach=True, rules=strict(schema)
    ) as s:
        s.ingest(rows[:60])
        for i in range(60, len(rows), chunk):
            s.ingest(rows[i : i + chunk])
        assert partition(clusters_of(s)) == partition(batch(rows, schema, model, s).clusters)
        attached = s._db.conn.execute("SELECT COUNT(*) FROM near WHERE attached = 1").fetchone()
        assert attached[0] > 0


def test_the_bulk_load_keeps_batchs_attachments(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """A store loaded at once holds batch's clusters, and one record more that changes
    nothing near an attachment keeps them."""
    with IdentityStore(
        tmp_path / "s.db", schema=schema, model=model, attach=True, rules=strict(schema)
    ) as s:
        s.ingest(rows[:-1])
        assert partition(clusters_of(s)) == partition(batch(rows[:-1], schema, model, s).clusters)
        s.ingest(rows[-1:])
        assert partition(clusters_of(s)) == partition(batch(rows, schema, model, s).clusters)


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 2**16), cut=st.integers(5, 80))
def test_any_order_attaches_as_batch_does(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[dict[str, Any]],
    schema: gr.Schema,
    model: gr.Matcher,
    seed: int,
    cut: int,
) -> None:
    """Property: any shuffled order and first-load size end in batch's attached clusters."""
    shuffled = list(rows)
    random.Random(seed).shuffle(shuffled)
    path = tmp_path_factory.mktemp("p") / "s.db"
    with IdentityStore(path, schema=schema, model=model, attach=True, rules=strict(schema)) as s:
        s.ingest(shuffled[:cut])
        for i in range(cut, len(shuffled), 11):
            s.ingest(shuffled[i : i + 11])
        assert partition(clusters_of(s)) == partition(batch(shuffled, schema, model, s).clusters)


def test_forgetting_and_updating_decide_attachments_again(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """Erasing the records an attachment leans on, and changing a record's values, give
    the clusters batch finds on the records left."""
    on = gr.resolve(rows, schema, matcher=model, attach=True)
    off = gr.resolve(rows, schema, matcher=model, attach=False)
    moved = sorted(k for k in on.clusters if _members(on, k) != _members(off, k))
    assert moved
    with IdentityStore(
        tmp_path / "s.db", schema=schema, model=model, attach=True, rules=strict(schema)
    ) as s:
        s.ingest(rows)
        gone = moved[:3]
        for key in gone:
            s.forget(key)
        left = [r for r in rows if r["record_id"] not in gone]
        assert partition(clusters_of(s)) == partition(batch(left, schema, model, s).clusters)
        changed = dict(left[0])
        changed["email"] = "someone.else.entirely@example.org"
        s.ingest([changed])
        left[0] = changed
        assert partition(clusters_of(s)) == partition(batch(left, schema, model, s).clusters)


def _members(res: gr.Resolution, key: str) -> frozenset[str]:
    pid = res.clusters[key]
    return frozenset(k for k, p in res.clusters.items() if p == pid)


def test_attach_is_fixed_when_the_store_is_created(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """Reopening with another ``attach`` names the setting; without it, the stored one
    holds."""
    path = tmp_path / "s.db"
    with IdentityStore(path, schema=schema, model=model, attach=True, rules=strict(schema)) as s:
        s.ingest(rows[:40])
    with pytest.raises(StoreError, match="attach="):
        IdentityStore(path, attach=False)
    with IdentityStore(path) as s:
        assert s._db.config.attach


def test_a_store_without_attach_keeps_no_near_matches(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """``attach=False``: batch's clusters without attachments, and no match below the
    threshold written."""
    with IdentityStore(tmp_path / "s.db", schema=schema, model=model, attach=False) as s:
        s.ingest(rows[:60])
        s.ingest(rows[60:])
        res = gr.resolve(rows, schema, matcher=model, blocking=list(s.rules), attach=False)
        assert partition(clusters_of(s)) == partition(res.clusters)
    conn = sqlite3.connect(tmp_path / "s.db")
    assert conn.execute("SELECT COUNT(*) FROM near").fetchone() == (0,)
    conn.close()
