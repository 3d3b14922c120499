"""The identity store's export: profiles(), to_pandas, to_arrow and write.

The export must hold what the store holds (the profiles ``profile`` builds, the
clusters of the batch path) in the columns a resolution writes, honour consent as a
resolution does, and read the store a batch at a time from one snapshot.
"""

from __future__ import annotations

import json
import pathlib
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import goldenrecord as gr
from goldenrecord._io import read_table, write_table
from goldenrecord.profile import ProfileView
from goldenrecord.store import IdentityStore
from goldenrecord.store import _export as export_module
from tests.store.conftest import partition

PURPOSE = "marketing_email"
SECRET = b"a fixed secret: profile ids, so the export order, are the same every run"


@pytest.fixture(scope="module")
def sample() -> list[dict[str, Any]]:
    """The bundled sample's records, without the truth column."""
    columns = gr.datasets.load_sample().columns
    names = [c for c in columns if c != "person_id"]
    n = len(columns[names[0]])
    return [{c: columns[c][i] for c in names} for i in range(n)]


@pytest.fixture(scope="module")
def loaded(
    sample: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[IdentityStore, gr.Resolution]]:
    """The sample bulk-loaded into a store, and the batch resolution the store's first
    ingest equals (its model and blocking rules)."""
    schema = gr.datasets.load_sample().schema()
    store = IdentityStore(tmp_path_factory.mktemp("export") / "s.db", schema=schema)
    store.ingest(sample)
    res = gr.resolve(sample, schema, matcher=store.model, blocking=list(store.rules))
    yield store, res
    store.close()


def store_ids(store: IdentityStore, res: gr.Resolution) -> dict[str, str]:
    """Batch profile id → the store's id of the same cluster (named by its smallest key)."""
    return {p.profile_id: store.profile_id_for(p.record_ids[0]) for p in res.profiles}


def as_store(frame: pd.DataFrame, ids: dict[str, str], column: str) -> pd.DataFrame:
    """A resolution's frame with its profile ids as the store names them, sorted as the
    store exports (by profile id, then the frame's own order)."""
    out = frame.copy()
    out[column] = out[column].map(ids)
    return out.sort_values(column, kind="stable").reset_index(drop=True)


def test_round_trip_bulk_load_and_export_give_batch_clusters_and_profiles(
    loaded: tuple[IdentityStore, gr.Resolution],
) -> None:
    """The bundled sample, resolved in batch and bulk-loaded into a store: the store's
    exported clusters are batch's partition, and its profile and lineage tables equal
    the resolution's, cell for cell and dtype for dtype, once ids are named alike."""
    store, res = loaded
    clusters = store.to_pandas(what="clusters")
    assert list(clusters.columns) == list(res.clusters_frame().columns)
    exported = dict(zip(clusters["record_id"], clusters["cluster_id"], strict=True))
    assert len(exported) == len(res.clusters) == len(store)
    assert partition(exported) == partition(res.clusters)
    ids = store_ids(store, res)
    assert all(exported[k] == ids[pid] for k, pid in res.clusters.items())

    profiles = store.to_pandas()
    pd.testing.assert_frame_equal(profiles, as_store(res.to_pandas(), ids, "profile_id"))
    assert len(profiles) == store.n_profiles
    lineage = store.to_pandas(what="lineage")
    pd.testing.assert_frame_equal(lineage, as_store(res.lineage_frame(), ids, "profile_id"))


def test_every_exported_profile_is_the_one_profile_builds(
    loaded: tuple[IdentityStore, gr.Resolution],
) -> None:
    """profiles() yields, in profile id order, exactly the profiles the store holds,
    each equal to store.profile(id): members, golden values with lineage, consent."""
    store, _ = loaded
    found = list(store.profiles())
    ids = [p.profile_id for p in found]
    assert ids == sorted(set(ids))
    assert len(found) == store.n_profiles
    for p in found:
        one = store.profile(p.profile_id)
        assert p == one
        assert dict(p.attributes) == dict(one.attributes)
        assert dict(p.consents) == dict(one.consents)
        assert all(p.values(f) == one.values(f) for f in p.attributes)


def test_purpose_keeps_values_of_consenting_profiles_only_as_resolution_does(
    loaded: tuple[IdentityStore, gr.Resolution],
) -> None:
    """With purpose=, a profile whose consent for it is not yes keeps its id, record
    count and consent and no field value; the others keep every value. The table is
    the resolution's to_pandas(purpose=), and profiles(purpose) yields the views."""
    store, res = loaded
    ids = store_ids(store, res)
    shown = store.to_pandas(purpose=PURPOSE)
    pd.testing.assert_frame_equal(
        shown, as_store(res.to_pandas(purpose=PURPOSE), ids, "profile_id")
    )
    fields = list(store.schema.fields)
    allowed = shown[f"consent_{PURPOSE}"] == "yes"
    assert 0 < int(allowed.sum()) < len(shown)  # the sample has both kinds
    assert shown.loc[~allowed, fields].isna().all().all()
    whole = store.to_pandas()
    assert shown.loc[allowed, fields].equals(whole.loc[allowed, fields])

    views = list(store.profiles(PURPOSE))
    assert all(isinstance(v, ProfileView) for v in views)
    assert views == [p.view(PURPOSE) for p in store.profiles()]
    assert [not v.withheld for v in views] == allowed.tolist()
    assert all(not v.attributes and not v.record_ids for v in views if v.withheld)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".csv.gz", ".parquet"])
@pytest.mark.parametrize(
    ("what", "purpose"),
    [("profiles", None), ("profiles", PURPOSE), ("lineage", None), ("clusters", None)],
)
def test_written_files_hold_what_resolution_writes(
    loaded: tuple[IdentityStore, gr.Resolution],
    tmp_path: pathlib.Path,
    suffix: str,
    what: str,
    purpose: str | None,
) -> None:
    """store.write gives the file Resolution.write gives for the same what and purpose
    (ids named alike, rows in the store's order), in every format; it returns the rows."""
    store, res = loaded
    ids = store_ids(store, res)
    mine, theirs = tmp_path / f"store{suffix}", tmp_path / f"batch{suffix}"
    rows = store.write(mine, what=what, purpose=purpose)
    res.write(theirs, what=what, purpose=purpose)
    column = "cluster_id" if what == "clusters" else "profile_id"
    key = "record_id" if what == "clusters" else column
    if suffix == ".parquet":
        a, b = pq.read_table(mine), pq.read_table(theirs)
        assert a.schema == b.schema
        got, want = a.to_pandas(), b.to_pandas()
    else:
        got, want = pd.DataFrame(read_table(mine)), pd.DataFrame(read_table(theirs))
    assert rows == len(got)
    want[column] = want[column].map(ids)
    want = want.sort_values(key, kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want)


def test_to_arrow_is_the_resolution_table(loaded: tuple[IdentityStore, gr.Resolution]) -> None:
    """to_arrow has the schema of Resolution.to_arrow, and the same rows."""
    store, res = loaded
    mine, theirs = store.to_arrow(purpose=PURPOSE), res.to_arrow(purpose=PURPOSE)
    assert mine.schema == theirs.schema
    assert mine.num_rows == theirs.num_rows == store.n_profiles


def test_an_empty_store_exports_the_columns_and_no_row(tmp_path: pathlib.Path) -> None:
    """A store holding no record exports no profile, and every table keeps the columns a
    store with records writes (a reader of the file sees its shape)."""
    table = gr.datasets.synthetic_customers(20, seed=5)
    with IdentityStore(tmp_path / "empty.db", schema=table.schema()) as empty:
        assert list(empty.profiles()) == []
        assert list(empty.profiles(PURPOSE)) == []
        shapes = {what: empty.to_pandas(what=what) for what in ("profiles", "lineage", "clusters")}
        assert all(len(frame) == 0 for frame in shapes.values())
        assert empty.write(tmp_path / "p.csv") == 0
        assert (tmp_path / "p.csv").read_text().splitlines() == [",".join(shapes["profiles"])]
        assert empty.write(tmp_path / "p.parquet", purpose=PURPOSE) == 0
        assert pq.read_table(tmp_path / "p.parquet").column_names == list(shapes["profiles"])
        assert empty.write(tmp_path / "l.jsonl", what="lineage") == 0
        assert (tmp_path / "l.jsonl").read_text() == ""
        assert empty.to_arrow(what="clusters").num_rows == 0
    with IdentityStore(tmp_path / "full.db", schema=table.schema()) as full:
        full.ingest(list(table.records()))
        for what, frame in shapes.items():
            assert list(full.to_pandas(what=what).columns) == list(frame.columns)


def test_export_reads_a_batch_at_a_time_and_only_when_asked(
    loaded: tuple[IdentityStore, gr.Resolution], monkeypatch: pytest.MonkeyPatch
) -> None:
    """profiles() builds nothing until iterated, then one batch of whole profiles per
    step: no build holds much more than BATCH_RECORDS records, and it takes many."""
    store, _ = loaded
    monkeypatch.setattr(export_module, "BATCH_RECORDS", 40)
    built: list[int] = []
    build = export_module.build_profiles

    def counting(table: Any, labels: Any, **options: Any) -> Any:
        built.append(len(table))
        return build(table, labels, **options)

    monkeypatch.setattr(export_module, "build_profiles", counting)
    found = store.profiles()
    assert built == []
    first = next(found)
    assert len(built) == 1
    rest = list(found)
    largest = max(p.n_records for p in [first, *rest])
    assert len(built) >= len(store) // (40 + largest)
    assert all(n < 40 + largest for n in built)
    assert sum(built) == len(store)
    assert sum(p.n_records for p in [first, *rest]) == len(store)


def test_an_export_reads_one_snapshot_while_the_store_is_written(
    sample: list[dict[str, Any]], tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An ingest by the same store object in the middle of an iteration succeeds and
    does not change what the iteration yields (its own read-only snapshot)."""
    monkeypatch.setattr(export_module, "BATCH_RECORDS", 25)
    schema = gr.datasets.load_sample().schema()
    with IdentityStore(tmp_path / "s.db", schema=schema) as store:
        store.ingest(sample[:300])
        before = [p.profile_id for p in store.profiles()]
        found = store.profiles()
        first = next(found)
        store.ingest(sample[300:])
        during = [first.profile_id, *(p.profile_id for p in found)]
        assert during == before
        assert len(store) == len(sample)
        assert sum(p.n_records for p in store.profiles()) == len(sample)


def test_parquet_widens_a_column_whose_later_batches_need_it(
    rows: list[dict[str, Any]],
    schema: gr.Schema,
    model: gr.Matcher,
    tmp_path: pathlib.Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A column whose raw cells are numbers in most records, text in one and missing in
    others, read a few records at a time: the Parquet file has the column type and
    values Resolution.write gives the whole table, text as for any mixed column."""
    monkeypatch.setattr(export_module, "BATCH_RECORDS", 10)
    monkeypatch.setattr(export_module, "_ROW_GROUP", 1)
    mixed = [
        {**r, "customer_number": None if i % 4 == 0 else ("AB-12" if i == len(rows) - 1 else i)}
        for i, r in enumerate(rows)
    ]
    with IdentityStore(tmp_path / "s.db", schema=schema, model=model, secret=SECRET) as store:
        store.ingest(mixed)
        store.write(tmp_path / "p.parquet")
        res = gr.resolve(mixed, schema, matcher=model, blocking=list(store.rules))
        res.write(tmp_path / "r.parquet")
        ids = store_ids(store, res)
    a, b = pq.read_table(tmp_path / "p.parquet"), pq.read_table(tmp_path / "r.parquet")
    assert a.schema == b.schema
    assert a.schema.field("customer_number").type == pa.string()
    pd.testing.assert_frame_equal(a.to_pandas(), as_store(b.to_pandas(), ids, "profile_id"))
    assert pq.ParquetFile(tmp_path / "p.parquet").num_row_groups > 1


@pytest.mark.parametrize(
    "batches",
    [
        [[1, 2], [None, 3]],
        [[1, 2], ["AB-12", None]],
        [["AB-12", None], [1, 2]],
        [[None, None], [None, 4], [5, None]],
        [[None, None], ["x", None]],
        [[1, None], [2.5, None]],
        [[True, None], [1, None]],
        [[None], [None]],
    ],
)
def test_streamed_parquet_types_each_column_as_the_whole_table_would(
    batches: list[list[Any]], tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches typed on their own (numbers after none, text after numbers, numbers of
    two kinds), one row group each: the streamed file equals what Resolution's writer
    makes of the whole column (write_table), type and values."""
    monkeypatch.setattr(export_module, "_ROW_GROUP", 1)

    def columns(self: Any, what: str, purpose: str | None) -> Iterator[dict[str, list[Any]]]:
        for cells in batches:
            yield {"profile_id": [f"gp_{k}" for k in range(len(cells))], "cell": list(cells)}

    monkeypatch.setattr(export_module.Export, "columns", columns)
    monkeypatch.setattr(export_module.Export, "names", lambda self, what: ["profile_id", "cell"])
    export = export_module.Export(str(tmp_path / "s.db"), gr.Schema(id="id", fields={}), 1.0)
    assert export.write(tmp_path / "streamed.parquet", "profiles", None) == sum(map(len, batches))
    whole = [cell for cells in batches for cell in cells]
    ids = [f"gp_{k}" for cells in batches for k in range(len(cells))]
    write_table({"profile_id": ids, "cell": whole}, tmp_path / "whole.parquet")
    streamed, want = (
        pq.read_table(tmp_path / "streamed.parquet"),
        pq.read_table(tmp_path / "whole.parquet"),
    )
    assert streamed.schema == want.schema
    assert streamed.to_pylist() == want.to_pylist()
    assert export.to_arrow("profiles", None).equals(want)


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda s: s.to_pandas(what="pairs"), "unknown what='pairs'; choose one of profiles"),
        (lambda s: s.to_arrow(purpose="nope"), "unknown purpose 'nope'; consent purposes"),
        (lambda s: s.profiles("nope"), "unknown purpose 'nope'"),
        (lambda s: s.write("x.csv", what="lineage", purpose=PURPOSE), "purpose applies to"),
        (lambda s: s.write("x.xlsx"), "unknown file suffix"),
        (lambda s: s.write("no-such-folder/x.csv"), "no such folder"),
    ],
)
def test_a_wrong_export_is_refused_before_reading(
    loaded: tuple[IdentityStore, gr.Resolution], call: Any, words: str
) -> None:
    """An unknown what or purpose, a purpose with lineage, an unknown suffix or folder:
    a SettingsError at the call (profiles() too, before any iteration)."""
    store, _ = loaded
    with pytest.raises(gr.SettingsError, match=words.replace("(", r"\(")):
        call(store)


def test_write_never_replaces_the_store_file(
    loaded: tuple[IdentityStore, gr.Resolution], tmp_path: pathlib.Path
) -> None:
    """A target that is the store file under another name (a link with a CSV suffix) is
    refused, and the store is untouched and sound."""
    store, _ = loaded
    link = tmp_path / "profiles.csv"
    link.symlink_to(pathlib.Path(store.path).resolve())
    before = pathlib.Path(store.path).read_bytes()
    with pytest.raises(gr.SettingsError, match="store's own files"):
        store.write(link)
    assert pathlib.Path(store.path).read_bytes() == before
    assert store.check() == []


def test_jsonl_rows_are_objects_of_the_export_columns(
    loaded: tuple[IdentityStore, gr.Resolution], tmp_path: pathlib.Path
) -> None:
    """A JSON Lines lineage export: one object per row with every lineage column, the
    record ids as an array."""
    store, _ = loaded
    n = store.write(tmp_path / "l.jsonl", what="lineage")
    lines = (tmp_path / "l.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == n > 0
    first = json.loads(lines[0])
    assert list(first) == list(store.to_pandas(what="lineage").columns)
    assert isinstance(first["record_ids"], list)
    assert np.all([isinstance(json.loads(line)["chosen"], bool) for line in lines])


def test_export_reads_the_store_file_opened_whatever_the_working_folder(
    sample: list[dict[str, Any]], tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store opened by a relative path exports its own file after the working folder
    changed (not a file of that name elsewhere); a closed store raises StoreError."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    monkeypatch.chdir(tmp_path / "a")
    store = IdentityStore("s.db", schema=gr.datasets.load_sample().schema())
    store.ingest(sample[:60])
    monkeypatch.chdir(tmp_path / "b")
    assert sum(p.n_records for p in store.profiles()) == 60
    store.close()
    with pytest.raises(gr.StoreError):
        store.to_pandas()


@pytest.mark.parametrize(
    "fields",
    [
        {"email": "email"},  # one field: SQLite gives the value, not an array, for one path
        {'e"mail': "email", "phone": "phone", "last_name": "family_name"},  # no JSON path
    ],
)
def test_odd_schemas_export_the_profiles_profile_builds(
    rows: list[dict[str, Any]], tmp_path: pathlib.Path, fields: dict[str, str]
) -> None:
    """A schema of one field, and a field name that no JSON path can name (a double
    quote), export the same profiles as store.profile builds."""
    renamed = [{**r, 'e"mail': r["email"]} for r in rows]
    schema = gr.Schema(id="record_id", source="source", fields=fields)
    with IdentityStore(tmp_path / "s.db", schema=schema) as store:
        store.ingest(renamed)
        found = list(store.profiles())
        assert sum(p.n_records for p in found) == len(rows)
        for p in found:
            one = store.profile(p.profile_id)
            assert p == one
            assert dict(p.attributes) == dict(one.attributes)
        assert list(store.to_pandas().columns) == ["profile_id", "n_records", *fields]
