"""The bulk load's key hashes are the single-record path's, and its indexes exist."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import goldenrecord as gr
from goldenrecord.match.stages import prepare
from goldenrecord.store import IdentityStore
from goldenrecord.store._hashes import key_hash_arrays, key_hashes


def test_key_hash_arrays_are_key_hashes_sorted() -> None:
    """Every (hash, row) pair of the bulk function is one of key_hashes, and back."""
    table = gr.datasets.synthetic_customers(200, seed=5)
    schema = table.schema()
    prepared = prepare(list(table.records()), schema)
    rules = gr.match.blocking.default_rules(schema.fields)
    rules = [r for r in rules if hasattr(r, "keys")]
    h, row = key_hash_arrays(prepared.columns, rules, len(prepared))
    expected = key_hashes(prepared.columns, rules, range(len(prepared)))
    assert sorted(zip(h.tolist(), row.tolist(), strict=True)) == list(
        zip(h.tolist(), row.tolist(), strict=True)
    )
    assert {(x, i) for i, hs in expected.items() for x in hs} == set(
        zip(h.tolist(), row.tolist(), strict=True)
    )
    assert h.size == sum(len(hs) for hs in expected.values())


def test_bulk_load_keeps_every_index(tmp_path: Path) -> None:
    """The bulk load drops the secondary indexes while it writes and makes them again."""
    table = gr.datasets.synthetic_customers(40, seed=2)
    path = tmp_path / "s.db"
    query = "SELECT name FROM sqlite_master WHERE type = 'index'"
    with IdentityStore(path, schema=table.schema()):
        pass
    with sqlite3.connect(path) as conn:
        before = {n for (n,) in conn.execute(query)}
    with IdentityStore(path) as store:
        store.ingest(list(table.records()))
        assert store.check() == []
    with sqlite3.connect(path) as conn:
        after = {n for (n,) in conn.execute(query)}
    conn.close()
    assert before == after
    assert {"keys_rid", "edges_b", "records_profile"} <= after


def test_store_keys_form_the_pairs_batch_blocking_forms() -> None:
    """Records sharing a stored key hash are the pairs ``blocking.block`` makes with the
    same rules (the store's key expansion is batch's: a tuple cell gives one key per
    member, a missing part gives none)."""
    table = gr.datasets.synthetic_customers(300, seed=11)
    schema = table.schema()
    prepared = prepare(list(table.records()), schema)
    rules = [
        r
        for r in gr.match.blocking.default_rules(schema.fields)
        if hasattr(r, "keys") and r.pairs_per_record is None
    ]
    n = len(prepared)
    h, row = key_hash_arrays(prepared.columns, rules, n)
    by_key: dict[int, list[int]] = {}
    for x, i in zip(h.tolist(), row.tolist(), strict=True):
        by_key.setdefault(x, []).append(i)
    stored = {(a, b) for rows in by_key.values() for a in rows for b in rows if a < b}
    batch = gr.match.blocking.block(prepared.columns, rules, max_block_size=n + 1)
    assert stored == set(zip(batch.left.tolist(), batch.right.tolist(), strict=True))
    assert stored
