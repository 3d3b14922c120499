"""Reading stored records back (``_stored.StoredRecords``) and the single-record paths
that read less: what a lookup leaves in the cache of decoded records, and the
remembered shared-value digests."""

from __future__ import annotations

from typing import Any

import goldenrecord as gr
from goldenrecord.store import IdentityStore
from goldenrecord.store._secret import Keys


def _probe(row: dict[str, Any], schema: gr.Schema) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != schema.id}


def test_profiles_after_lookups_equal_profiles_read_cold(
    tmp_path: Any, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """A lookup reads candidates without their raw values (the cache then holds them
    without); a later ingest, profile and export that need the raw values read them
    again: every profile equals the one a fresh store object builds, and an ingest
    after lookups ends as one without them."""
    path = tmp_path / "s.db"
    with IdentityStore(path, schema=schema, model=model) as store:
        store.ingest(rows[:-10])
        found = [store.lookup(_probe(row, schema)) for row in rows[-20:]]
        assert sum(bool(f) for f in found) >= 10  # most probes have candidates
        store.ingest(rows[-10:])
        warm = {p.profile_id: p for p in store.profiles()}
        cached = [store.profile(pid) for pid in sorted(warm)]
    with IdentityStore(tmp_path / "cold.db", schema=schema, model=model) as cold_store:
        cold_store.ingest(rows[:-10])
        cold_store.ingest(rows[-10:])
        cold = sorted(cold_store.to_pandas()["n_records"].tolist())
    assert cached == [warm[p.profile_id] for p in cached]
    assert any(v.value is not None for p in cached for v in p.attributes.values())
    assert sorted(p.n_records for p in cached) == cold
    with IdentityStore(path) as reopened:
        assert [reopened.profile(p.profile_id) for p in cached] == cached


def test_remembered_shared_digests_equal_computed_ones() -> None:
    """The digests kept in memory are the keyed digests themselves: the same value
    gives the same digest first and later, and another column or value another one,
    also once more values were looked at than are kept."""
    keys = Keys(b"secret")
    first = keys.shared("email", "a@b.c")
    assert keys.shared("email", "a@b.c") == first
    assert keys.shared("phone", "a@b.c") != first
    for i in range(100_001):  # past what is kept: the memory starts again
        keys.shared("email", str(i))
    assert keys.shared("email", "a@b.c") == first == Keys(b"secret").shared("email", "a@b.c")
    assert Keys(b"other").shared("email", "a@b.c") != first
