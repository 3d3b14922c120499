"""Tables from every library users hold become the same columns of Python values."""

from __future__ import annotations

from pathlib import Path

import pytest

import goldenrecord as gr
from goldenrecord._table import to_columns

ROWS = [{"id": "a", "email": "x@y.io"}, {"id": "b", "email": None}]
EXPECTED = {"id": ["a", "b"], "email": ["x@y.io", None]}


def test_rows_and_columnar_mappings() -> None:
    """Rows of dicts (with gaps) and column mappings read alike."""
    assert to_columns(ROWS) == EXPECTED
    assert to_columns([{"id": "a"}, {"id": "b", "email": "z@y.io"}]) == {
        "id": ["a", "b"],
        "email": [None, "z@y.io"],
    }
    assert to_columns(iter(ROWS)) == EXPECTED
    assert to_columns(EXPECTED) == EXPECTED


@pytest.mark.parametrize("library", ["pandas", "polars", "pyarrow"])
def test_frames(library: str) -> None:
    """pandas and polars DataFrames and Arrow tables read as the same columns."""
    mod = pytest.importorskip(library)
    frame = mod.table(EXPECTED) if library == "pyarrow" else mod.DataFrame(EXPECTED)
    assert to_columns(frame) == EXPECTED


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ("id,email", "unknown file suffix '.*' in 'id,email'"),
        (b"id,email", "got bytes"),
        (42, "got int"),
        ([("a", 1)], "row 0 is a tuple"),
        ({"id": [1, 2], "email": [None]}, "differ in length: id=2, email=1"),
        ({"id": "abc"}, "column 'id' holds a str"),
    ],
)
def test_non_tables_are_refused_clearly(data: object, fragment: str) -> None:
    """What is not a table gets a SettingsError saying what was expected."""
    with pytest.raises(gr.SettingsError, match=fragment):
        to_columns(data)


class _Stream:
    """Neither a frame nor a mapping: a table only through the Arrow PyCapsule interface."""

    def __init__(self, table: object) -> None:
        self._table = table

    def __arrow_c_stream__(self, requested_schema: object = None) -> object:
        return self._table.__arrow_c_stream__(requested_schema)  # type: ignore[attr-defined]


def test_any_arrow_stream_is_a_table() -> None:
    """An object whose only table face is __arrow_c_stream__ reads as its columns, and
    gr.resolve takes it, alone and as one of several sources."""
    pa = pytest.importorskip("pyarrow")
    assert to_columns(_Stream(pa.table(EXPECTED))) == EXPECTED
    assert to_columns(pa.table(EXPECTED).to_reader()) == EXPECTED
    rows = {
        "id": ["1", "2", "3"],
        "email": ["ana.lima@gmail.com", "ana.lima@gmail.com", "bo@x.io"],
        "name": ["Ana Lima", "ana lima", "Bo Chen"],
    }
    res = gr.resolve(_Stream(pa.table(rows)))
    assert res.clusters["1"] == res.clusters["2"] != res.clusters["3"]
    linked = gr.resolve({"crm": _Stream(pa.table(rows)), "shop": pa.table(rows).to_reader()})
    assert linked.clusters["crm:1"] == linked.clusters["shop:2"] != linked.clusters["shop:3"]


def test_polars_lazy_frames_are_collected() -> None:
    pl = pytest.importorskip("polars")
    lazy = pl.DataFrame(EXPECTED).lazy()
    assert to_columns(lazy) == EXPECTED
    res = gr.resolve({"a": lazy, "b": pl.DataFrame(EXPECTED).lazy()}, gr.Schema(
        id="id", fields={"email": "email"}
    ))  # fmt: skip
    assert res.clusters["a:a"] == res.clusters["b:a"]


def test_duckdb_relations_are_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """A DuckDB query result reads as its columns, through Arrow or, without pyarrow,
    row by row."""
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    rel = con.sql("select * from (values ('a', 'x@y.io'), ('b', null)) t(id, email)")
    assert to_columns(rel) == EXPECTED
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None)
    assert to_columns(con.sql("select 'a' as id, 'x@y.io' as email where false")) == {
        "id": [],
        "email": [],
    }
    assert to_columns(rel) == EXPECTED
    monkeypatch.undo()
    res = gr.resolve({"crm": rel, "shop": con.sql("select 'c' as id, 'x@y.io' as email")},
                     gr.Schema(id="id", fields={"email": "email"}))  # fmt: skip
    assert res.clusters["crm:a"] == res.clusters["shop:c"]


def test_the_identity_store_ingests_a_stream_read_once(tmp_path: Path) -> None:
    """A RecordBatchReader (readable once) ingests every record into the store."""
    pa = pytest.importorskip("pyarrow")
    rows = {"id": ["1", "2", "3"], "email": ["ana@gmail.com", "ana@gmail.com", "bo@x.io"]}
    store = gr.IdentityStore(
        tmp_path / "s.db", schema=gr.Schema(id="id", fields={"email": "email"})
    )
    store.ingest(pa.table(rows).to_reader())
    assert store.profile_of("1").profile_id == store.profile_of("2").profile_id
    assert store.profile_of("3").profile_id != store.profile_of("1").profile_id


def test_a_stream_of_one_column_is_refused_clearly() -> None:
    """An Arrow stream that is a column, not a table, is a SettingsError, not an Arrow
    error from inside the reader."""
    pa = pytest.importorskip("pyarrow")
    with pytest.raises(gr.SettingsError, match="not a table of columns"):
        to_columns(_Stream(pa.chunked_array([["a", "b"]])))
