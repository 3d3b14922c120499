"""gr.IdentityStore takes what gr.resolve takes, and honours purpose= and one_per_source.

Frames (pandas, polars, Arrow), files (CSV, Parquet, JSON Lines), a mapping of source
name to any of those; each ends in gr.resolve's clusters on the same input.
"""

from __future__ import annotations

import pathlib
from collections.abc import Callable
from typing import Any

import attrs
import pytest

import goldenrecord as gr
from goldenrecord._io import write_table
from goldenrecord.match.compare import default_comparisons
from goldenrecord.store import IdentityStore, StoreError
from tests.store.conftest import partition


def clusters_of(store: IdentityStore) -> dict[str, str]:
    return dict(store._db.conn.execute("SELECT record_key, profile_id FROM records").fetchall())


def columns_of(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    names = [c for c in rows[0] if c != "person_id"]
    return {c: [r[c] for r in rows] for c in names}


def pandas_frame(rows: list[dict[str, Any]], _: pathlib.Path) -> object:
    pd = pytest.importorskip("pandas")
    return pd.DataFrame(columns_of(rows))


def polars_frame(rows: list[dict[str, Any]], _: pathlib.Path) -> object:
    pl = pytest.importorskip("polars")
    return pl.DataFrame(columns_of(rows))


def arrow_table(rows: list[dict[str, Any]], _: pathlib.Path) -> object:
    pa = pytest.importorskip("pyarrow")
    return pa.table(columns_of(rows))


def file_of(suffix: str) -> Callable[[list[dict[str, Any]], pathlib.Path], object]:
    def write(rows: list[dict[str, Any]], folder: pathlib.Path) -> object:
        if suffix == ".parquet":
            pytest.importorskip("pyarrow")
        path = folder / f"part-{len(list(folder.iterdir()))}{suffix}"
        write_table(columns_of(rows), path)
        return path

    return write


MAKERS = {
    "pandas": pandas_frame,
    "polars": polars_frame,
    "arrow": arrow_table,
    "csv": file_of(".csv"),
    "parquet": file_of(".parquet"),
    "jsonl": file_of(".jsonl"),
}


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_tables_and_files_give_batch_clusters(
    tmp_path: pathlib.Path,
    rows: list[dict[str, Any]],
    schema: gr.Schema,
    model: gr.Matcher,
    kind: str,
) -> None:
    """A first load and a later ingest, each as a frame or a file, end in the clusters
    gr.resolve finds on the same input; the raw cells round-trip (a profile reads back)."""
    make = MAKERS[kind]
    first, rest = rows[:100], rows[100:]
    with IdentityStore(tmp_path / "s.db", schema=schema, model=model) as store:
        store.ingest(make(first, tmp_path))
        store.ingest(make(rest, tmp_path))
        assert len(store) == len(rows)
        whole = make(rows, tmp_path)
        res = gr.resolve(whole, schema, matcher=model, blocking=list(store.rules))
        assert partition(clusters_of(store)) == partition(res.clusters)
        assert store.ingest(make(rest, tmp_path)) == []  # unchanged: nothing happens


def test_a_mapping_of_sources_keys_records_by_source(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """A mapping of source name to table (a file among them) keys records "source:id" and
    holds gr.resolve's clusters for that mapping, even when the tables have no source
    column; a later ingest of the same mapping changes nothing."""
    bare = [{k: v for k, v in r.items() if k != "source"} for r in rows]
    no_source = gr.Schema(
        id=schema.id, updated_at=schema.updated_at, fields=schema.fields, consent=schema.consent
    )
    path = tmp_path / "shop.jsonl"
    write_table(columns_of(bare[50:110]), path)
    sources = {"crm": bare[:50], "shop": path}
    with IdentityStore(tmp_path / "s.db", schema=no_source, model=model) as store:
        store.ingest(sources)
        store.ingest({"pos": bare[110:]})
        everything = {"crm": bare[:50], "shop": bare[50:110], "pos": bare[110:]}
        res = gr.resolve(everything, no_source, matcher=model, blocking=list(store.rules))
        held = clusters_of(store)
        assert set(held) == set(res.clusters)
        assert all(k.split(":")[0] in everything for k in held)
        assert partition(held) == partition(res.clusters)
        sources_held = dict(store._db.conn.execute("SELECT record_key, source FROM records"))
        assert all(sources_held[k] == k.split(":")[0] for k in held)
        assert store.ingest({"pos": bare[110:]}) == []


def no_to_profiling(rows: list[dict[str, Any]], every: int) -> list[dict[str, Any]]:
    return [
        dict(r, consent_profiling="no") if i % every == 0 else dict(r) for i, r in enumerate(rows)
    ]


@pytest.mark.parametrize("chunk", [1, 40])
def test_purpose_keeps_records_that_said_no_apart_as_batch_does(
    tmp_path: pathlib.Path,
    rows: list[dict[str, Any]],
    schema: gr.Schema,
    model: gr.Matcher,
    chunk: int,
) -> None:
    """With purpose="profiling", a record whose own statement is "no" is never merged,
    whether it came in the first load or later; the store holds batch's clusters."""
    data = no_to_profiling(rows, 4)
    first, rest = data[:80], data[80:]
    with IdentityStore(tmp_path / "s.db", schema=schema, model=model, purpose="profiling") as s:
        s.ingest(first)
        for i in range(0, len(rest), chunk):
            s.ingest(rest[i : i + chunk])
        res = gr.resolve(data, schema, matcher=model, blocking=list(s.rules), purpose="profiling")
        held = clusters_of(s)
        assert partition(held) == partition(res.clusters)
        sizes: dict[str, int] = {}
        for pid in held.values():
            sizes[pid] = sizes.get(pid, 0) + 1
        refused = [r["record_id"] for r in data if r["consent_profiling"] == "no"]
        assert refused
        assert all(sizes[held[k]] == 1 for k in refused)
        # the same table without the purpose merges some of those records
        plain = gr.resolve(data, schema, matcher=model, blocking=list(s.rules))
        assert any(
            sum(1 for p in plain.clusters.values() if p == plain.clusters[k]) > 1 for k in refused
        )


def test_one_per_source_as_batch(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema
) -> None:
    """With one_per_source=True no profile holds two records of one source, first load or
    later, and the store holds batch's clusters.

    The model has no term-frequency adjustment: with it, a pair's weight depends on the
    counts when it was scored (a documented difference), and under one_per_source the
    slightest difference in weight decides which of two records of a source joins."""
    plain_comparisons = tuple(
        attrs.evolve(c, term_frequency=False) for c in default_comparisons(schema.fields)
    )
    model = gr.resolve(rows, schema, matcher=gr.Matcher(comparisons=plain_comparisons)).matcher
    with IdentityStore(tmp_path / "s.db", schema=schema, model=model, one_per_source=True) as s:
        s.ingest(rows[:70])
        for row in rows[70:]:
            s.ingest(row)
        res = gr.resolve(rows, schema, matcher=model, blocking=list(s.rules), one_per_source=True)
        held = clusters_of(s)
        assert partition(held) == partition(res.clusters)
        source_of = {r["record_id"]: r["source"] for r in rows}
        seen: set[tuple[str, str]] = set()
        for key, pid in held.items():
            assert (pid, source_of[key]) not in seen
            seen.add((pid, source_of[key]))
        plain = gr.resolve(rows, schema, matcher=model, blocking=list(s.rules))
        assert partition(plain.clusters) != partition(res.clusters)


def test_purpose_and_one_per_source_are_fixed_at_creation(
    tmp_path: pathlib.Path, schema: gr.Schema
) -> None:
    path = tmp_path / "s.db"
    with pytest.raises(gr.SettingsError, match="unknown purpose 'billing'"):
        IdentityStore(path, schema=schema, purpose="billing")
    IdentityStore(path, schema=schema, purpose="profiling").close()
    with IdentityStore(path, purpose="profiling", one_per_source=False):
        pass
    with pytest.raises(StoreError, match="purpose"):
        IdentityStore(path, purpose="marketing_email")
    with pytest.raises(StoreError, match="one_per_source"):
        IdentityStore(path, one_per_source=True)


def test_ingest_and_lookup_refuse_columns_that_do_not_fit_the_schema(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """A table with none of the schema's fields, or an unknown column in place of a
    missing field, is refused by ingest and lookup with the expected and given column
    names (never a value), and nothing is stored: it made empty one-record profiles."""
    with IdentityStore(tmp_path / "s.db", schema=schema, model=model) as store:
        store.ingest(rows[:60])
        before = len(store), store.n_profiles
        renamed = {schema.id: ["5000"], "fname": ["Zed"]}
        with pytest.raises(gr.SettingsError, match="none of the schema's fields") as err:
            store.ingest(renamed)
        message = str(err.value)
        assert "expected columns: record_id, source" in message
        assert "given: record_id, fname" in message
        assert "Zed" not in message
        assert "5000" not in message
        with pytest.raises(gr.SettingsError, match="none of the schema's fields"):
            store.ingest({"crm": renamed})
        misspelt = {schema.id: ["5001"], "email": ["zed@example.org"], "fname": ["Zed"]}
        with pytest.raises(gr.SettingsError, match=r"does not know \(fname\)"):
            store.ingest(misspelt)
        with pytest.raises(gr.SettingsError, match="none of the schema's fields"):
            store.lookup({"fname": "Zed"})
        with pytest.raises(gr.SettingsError, match=r"does not know \(fname\)"):
            store.lookup({"email": rows[0]["email"], "fname": "Zed"})
        assert (len(store), store.n_profiles) == before


def test_partial_columns_are_stored_and_counted(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """A table holding only some of the schema's fields is stored, and the result names
    the fields it lacked; a table holding them all may carry extra columns, which are
    named as ignored."""
    with IdentityStore(tmp_path / "s.db", schema=schema, model=model) as store:
        full = store.ingest(rows[:60])  # the rows carry the truth column person_id
        assert full.missing_columns == ()
        assert full.ignored_columns == ("person_id",)
        partial = [{schema.id: r[schema.id], "email": r["email"]} for r in rows[60:70]]
        result = store.ingest(partial)
        assert result.stored == 10
        assert set(result.missing_columns) == set(schema.fields) - {"email"}
        assert result.ignored_columns == ()
        assert isinstance(store.lookup({"email": rows[0]["email"]}), list)


def test_reopening_with_other_limits_or_rules_names_the_differing_settings(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """limits= and rules= are fixed when a store is created: reopening with the same ones
    (or without them) works, with different ones raises StoreError naming each differing
    setting at once, never its values (they were ignored silently)."""
    path = tmp_path / "s.db"
    rules = [("email",), ("last_name", "date_of_birth")]
    with IdentityStore(path, schema=schema, model=model, rules=rules, limits={"email": 2}) as s:
        s.ingest(rows[:30])
    with IdentityStore(path, rules=rules, limits={"email": 2}) as again:
        assert [r.keys for r in again.rules] == rules
    with IdentityStore(path):
        pass
    with pytest.raises(StoreError, match=r"^limits= differs from the store's") as err:
        IdentityStore(path, limits={"email": 3})
    assert "3" not in str(err.value)
    with pytest.raises(StoreError, match=r"^rules= differs"):
        IdentityStore(path, rules=[("email",)])
    with pytest.raises(StoreError, match=r"^rules=, limits=, purpose= differ") as err:
        IdentityStore(path, rules=[("phone",)], limits={}, purpose="profiling")
    assert "phone" not in str(err.value)
    assert "build a new store" in str(err.value)
