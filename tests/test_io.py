"""Tables as files: CSV, Parquet and JSON Lines read and written by suffix, errors named."""

from __future__ import annotations

import bz2
import gzip
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

import goldenrecord as gr
from goldenrecord._io import (
    arrow_table,
    file_format,
    polars_frame,
    read_table,
    write_table,
)
from goldenrecord._table import read_sources, to_columns

COLUMNS: dict[str, list[Any]] = {
    "id": ["1", "2", "3"],
    "email": ["ana@x.io", None, "bo@y.io"],
    "name": ['Ana, "Lima"', "Éloïse\nDupont", None],
}

ROWS = [
    {"id": "1", "email": "ana.lima@gmail.com", "name": "Ana Lima", "city": "Lyon"},
    {"id": "2", "email": "analima+shop@gmail.com", "name": "ana lima", "city": "Lyon"},
    {"id": "3", "email": "bo@x.io", "name": "Bo Chen", "city": "Paris"},
]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.csv", ("csv", None)),
        ("a.CSV", ("csv", None)),
        ("dir.v2/a.csv.gz", ("csv", ".gz")),
        ("a.csv.bz2", ("csv", ".bz2")),
        ("a.jsonl", ("jsonl", None)),
        ("a.ndjson.xz", ("jsonl", ".xz")),
        ("a.parquet", ("parquet", None)),
        ("a.pq", ("parquet", None)),
        ("2024.01.export.csv", ("csv", None)),
    ],
)
def test_format_by_suffix(name: str, expected: tuple[str, str | None]) -> None:
    assert file_format(name) == expected


@pytest.mark.parametrize(
    ("name", "suffix"),
    [
        ("a.xlsx", "'.xlsx'"),
        ("customers", "'(none)'"),
        ("a.parquet.gz", "'.parquet.gz'"),
        ("a.gz", "'.gz'"),
        ("a.json", "'.json'"),
    ],
)
def test_unknown_suffix_names_it_and_the_choices(name: str, suffix: str) -> None:
    with pytest.raises(gr.SettingsError, match=re.escape(f"unknown file suffix {suffix}")) as info:
        file_format(name)
    assert ".csv, .parquet, .pq, .jsonl, .ndjson" in str(info.value)


@pytest.mark.parametrize(
    "name", ["t.csv", "t.csv.gz", "t.csv.bz2", "t.jsonl", "t.ndjson.xz", "t.parquet"]
)
def test_write_then_read_gives_the_same_columns(tmp_path: Path, name: str) -> None:
    """Quotes, commas, newlines, accents and missing cells survive every format."""
    path = tmp_path / name
    write_table(COLUMNS, path)
    assert read_table(path) == COLUMNS
    assert to_columns(path) == COLUMNS
    assert to_columns(str(path)) == COLUMNS
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_table_text_passed_as_a_path_is_not_echoed() -> None:
    """CSV text handed in by mistake is refused without repeating its cells."""
    with pytest.raises(gr.SettingsError, match="line breaks is not a file path") as info:
        to_columns("id,email\n1,ana.SECRET@x.io\n")
    assert "SECRET" not in str(info.value)
    with pytest.raises(gr.SettingsError, match="line breaks"):
        gr.resolve({"crm": "id,email\r\n1,ana.SECRET@x.io"})


def test_csv_cells_are_text_and_empty_cells_missing(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("\ufeffid,n,note\r\n1,42,\r\n\r\n2,,x\r\n", encoding="utf-8")
    assert read_table(path) == {"id": ["1", "2"], "n": ["42", None], "note": [None, "x"]}


def test_header_only_csv_has_columns_and_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id,email\n", encoding="utf-8")
    assert read_table(path) == {"id": [], "email": []}


def test_jsonl_keys_absent_from_a_line_are_missing(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text('{"id": 1, "email": "a@b.io"}\n\n{"id": 2, "tags": ["x"]}\n', "utf-8")
    assert read_table(path) == {"id": [1, 2], "email": ["a@b.io", None], "tags": [None, ["x"]]}


def test_written_cells_are_plain_text_and_json(tmp_path: Path) -> None:
    """Dates in ISO form, booleans and lists (record ids) readable back by any tool."""
    import datetime as dt

    import numpy as np

    columns = {
        "when": [dt.datetime(2024, 5, 1, 12, 30, tzinfo=dt.timezone.utc), None],
        "ok": [True, False],
        "ids": [("a", "b"), ()],
        "n": [np.int64(3), 4],
    }
    write_table(columns, tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_text("utf-8").splitlines() == [
        "when,ok,ids,n",
        '2024-05-01T12:30:00+00:00,true,"[""a"", ""b""]",3',
        ",false,[],4",
    ]
    write_table(columns, tmp_path / "t.jsonl")
    lines = [json.loads(x) for x in (tmp_path / "t.jsonl").read_text("utf-8").splitlines()]
    assert lines[0] == {"when": "2024-05-01T12:30:00+00:00", "ok": True, "ids": ["a", "b"], "n": 3}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("t.csv", "", "is empty: a CSV file needs a header row"),
        ("t.csv", "id,,email\n1,2,3\n", r"header cell\(s\) 2 are empty"),
        ("t.csv", "id,email,id\n", "repeated column name"),
        ("t.csv", "id,email\n1,a@b.io,EXTRA\n", "line 2 has 3 cells; the header has 2"),
        ("t.csv", "id,email\n1\n", "line 2 has 1 cells"),
        ("t.jsonl", '{"id": 1}\n{"id": 2, SECRET\n', "line 2 is not JSON"),
        ("t.jsonl", '{"id": 1}\n["SECRET"]\n', "line 2 is a JSON list"),
    ],
)
def test_malformed_files_are_named_without_their_cells(
    tmp_path: Path, name: str, content: str, fragment: str
) -> None:
    path = _write(tmp_path / name, content)
    with pytest.raises(gr.SettingsError, match=fragment) as info:
        read_table(path)
    assert "SECRET" not in str(info.value)
    assert "EXTRA" not in str(info.value)
    assert "'t." in str(info.value)


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("id,name\n1,Zoë\n".encode("latin-1"))
    with pytest.raises(gr.SettingsError, match="is not UTF-8 text"):
        read_table(path)


@pytest.mark.parametrize(
    ("name", "payload"),
    [
        ("t.csv.gz", b"not gzip at all"),
        ("t.parquet", b"not parquet at all"),
        ("t.jsonl.bz2", bz2.compress(b'{"id": 1}')[:10]),
    ],
)
def test_corrupt_files_are_a_settings_error(tmp_path: Path, name: str, payload: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(payload)
    with pytest.raises(gr.SettingsError, match="is not a"):
        read_table(path)


def test_missing_file_is_a_settings_error(tmp_path: Path) -> None:
    with pytest.raises(gr.SettingsError, match="no such file"):
        read_table(tmp_path / "absent.csv")
    with pytest.raises(gr.SettingsError, match="no such file"):
        to_columns(str(tmp_path / "absent.parquet"))


def test_writing_into_a_missing_folder_is_a_settings_error(tmp_path: Path) -> None:
    with pytest.raises(gr.SettingsError, match="no such folder"):
        write_table(COLUMNS, tmp_path / "nowhere" / "t.csv")


def test_a_failed_write_leaves_no_file_behind(tmp_path: Path) -> None:
    """A cell that cannot be written aborts the write; neither target nor temp file remain."""

    class Unwritable:
        def __str__(self) -> str:
            raise RuntimeError("cannot be written")

    bad = {"id": ["1", "2"], "x": ["ok", Unwritable()]}
    with pytest.raises(RuntimeError):
        write_table(bad, tmp_path / "t.csv")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("module", "call", "extra"),
    [
        ("pyarrow", lambda p: read_table(p / "t.parquet"), "goldenrecord[arrow]"),
        ("pyarrow", lambda p: write_table(COLUMNS, p / "t.parquet"), "goldenrecord[arrow]"),
        ("pyarrow", lambda p: arrow_table(COLUMNS), "goldenrecord[arrow]"),
        ("polars", lambda p: polars_frame(COLUMNS), "goldenrecord[polars]"),
    ],
)
def test_missing_library_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str, call: Any, extra: str
) -> None:
    (tmp_path / "t.parquet").write_bytes(b"")
    monkeypatch.setitem(sys.modules, module, None)
    monkeypatch.setitem(sys.modules, f"{module}.parquet", None)
    with pytest.raises(ImportError) as info:
        call(tmp_path)
    assert f"pip install '{extra}'" in str(info.value)


def test_frames_of_mixed_and_empty_columns() -> None:
    """A column of text and numbers keeps every value as text; an empty column is text."""
    columns = {"id": ["1", "2"], "zip": [75001, "SW1A 1AA"], "none": [None, None]}
    table = arrow_table(columns)
    assert table.column("zip").to_pylist() == ["75001", "SW1A 1AA"]
    assert str(table.schema.field("none").type) == "string"
    frame = polars_frame(columns)
    assert frame["zip"].to_list() == ["75001", "SW1A 1AA"]
    assert str(frame.schema["none"]) == "String"
    assert polars_frame({"n": [1, 2.5, None]})["n"].to_list() == [1.0, 2.5, None]


def test_resolve_reads_a_path_like_a_table(tmp_path: Path) -> None:
    """gr.resolve on a CSV, Parquet or JSON Lines path gives the clusters of the rows."""
    expected = gr.resolve(ROWS).clusters
    columns = {k: [r[k] for r in ROWS] for k in ROWS[0]}
    for name in ("c.csv", "c.parquet", "c.jsonl.gz"):
        write_table(columns, tmp_path / name)
        res = gr.resolve(tmp_path / name)
        assert res.clusters == expected, name
        assert "read" in res.report.timings
    assert gr.Schema.infer(tmp_path / "c.csv") == gr.Schema.infer(ROWS)
    assert "read" not in gr.resolve(ROWS).report.timings


def test_resolve_reads_a_mapping_of_sources_to_paths(tmp_path: Path) -> None:
    """Several files become several sources; files and in-memory tables mix."""
    write_table({k: [r[k] for r in ROWS[:2]] for k in ROWS[0]}, tmp_path / "crm.csv")
    write_table({k: [r[k] for r in ROWS[2:]] for k in ROWS[0]}, tmp_path / "shop.jsonl")
    from_files = gr.resolve({"crm": tmp_path / "crm.csv", "shop": str(tmp_path / "shop.jsonl")})
    in_memory = gr.resolve({"crm": ROWS[:2], "shop": ROWS[2:]})
    assert from_files.clusters == in_memory.clusters
    assert set(from_files.clusters) == {"crm:1", "crm:2", "shop:3"}
    mixed = gr.resolve({"crm": tmp_path / "crm.csv", "shop": ROWS[2:]})
    assert mixed.clusters == in_memory.clusters


def test_a_bad_source_path_names_the_source(tmp_path: Path) -> None:
    with pytest.raises(gr.SettingsError, match=r"source 'shop': no such file"):
        read_sources({"crm": ROWS, "shop": tmp_path / "shop.csv"})
    with pytest.raises(gr.SettingsError, match=r"source 'shop': unknown file suffix '.txt'"):
        gr.resolve({"crm": ROWS, "shop": "shop.txt"})


def test_gzip_written_is_real_gzip(tmp_path: Path) -> None:
    write_table(COLUMNS, tmp_path / "t.csv.gz")
    text = gzip.decompress((tmp_path / "t.csv.gz").read_bytes()).decode("utf-8")
    assert text.startswith("id,email,name\n1,ana@x.io,")


# Exports from a Resolution --------------------------------------------------------------


@pytest.fixture(scope="module")
def resolution() -> gr.Resolution:
    """The bundled sample's first 200 records: consent, timestamps, several sources."""
    table = gr.datasets.load_sample()
    columns = {k: v[:200] for k, v in table.columns.items()}
    return gr.resolve(columns, table.schema())


def _pandas_columns(frame: Any) -> dict[str, list[Any]]:
    """A pandas frame as plain lists, missing cells as None."""
    return {str(c): [None if _missing(v) else v for v in frame[c].tolist()] for c in frame.columns}


def _missing(value: Any) -> bool:
    import pandas as pd

    return not isinstance(value, (tuple, list)) and bool(pd.isna(value))


@pytest.mark.parametrize("purpose", [None, "marketing_email", "profiling"])
def test_arrow_and_polars_hold_the_pandas_profiles(
    resolution: gr.Resolution, purpose: str | None
) -> None:
    """to_arrow and to_polars: one row per profile, the columns and values of to_pandas."""
    expected = _pandas_columns(resolution.to_pandas(purpose=purpose))
    assert len(expected["profile_id"]) == len(resolution.profiles)
    assert resolution.to_arrow(purpose=purpose).to_pydict() == expected
    assert resolution.to_polars(purpose=purpose).to_dict(as_series=False) == expected


def test_a_purpose_without_consent_empties_the_fields(resolution: gr.Resolution) -> None:
    table = resolution.to_arrow(purpose="profiling").to_pydict()
    refused = [i for i, s in enumerate(table["consent_profiling"]) if s != "yes"]
    assert refused
    assert all(table["email"][i] is None for i in refused)
    assert any(v is not None for v in resolution.to_arrow().to_pydict()["email"])


@pytest.mark.parametrize("name", ["p.parquet", "p.jsonl", "p.csv", "p.csv.gz"])
def test_written_profiles_read_back_the_same(
    tmp_path: Path, resolution: gr.Resolution, name: str
) -> None:
    """write then read gives the profiles back (as text for CSV, whose cells are text)."""
    resolution.write(tmp_path / name, purpose="marketing_email")
    expected = resolution.to_arrow(purpose="marketing_email").to_pydict()
    if name.startswith("p.csv"):
        expected = {k: [None if v is None else str(v) for v in vs] for k, vs in expected.items()}
    assert read_table(tmp_path / name) == expected


@pytest.mark.parametrize(
    ("what", "frame"),
    [("lineage", "lineage_frame"), ("pairs", "pairs_frame"), ("clusters", "clusters_frame")],
)
def test_written_tables_match_their_frames(
    tmp_path: Path, resolution: gr.Resolution, what: str, frame: str
) -> None:
    """Parquet lineage, pairs and clusters hold the rows of the pandas frames."""
    resolution.write(tmp_path / "t.parquet", what=what)
    expected = _pandas_columns(getattr(resolution, frame)().astype(object))
    got = read_table(tmp_path / "t.parquet")
    assert list(got) == list(expected)
    for column in expected:
        if column in ("record_ids", "sources"):
            assert got[column] == [list(v) for v in expected[column]]
        else:
            assert got[column] == expected[column], column


def test_lineage_as_json_lines_keeps_lists_and_times(
    tmp_path: Path, resolution: gr.Resolution
) -> None:
    resolution.write(tmp_path / "l.jsonl", what="lineage")
    got = read_table(tmp_path / "l.jsonl")
    frame = resolution.lineage_frame()
    assert got["record_ids"] == [list(v) for v in frame["record_ids"]]
    first = frame["first_seen"].dropna().iloc[0]
    assert first.isoformat() in got["first_seen"]


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"what": "people"}, "unknown what='people'; choose one of profiles, lineage, pairs"),
        ({"what": "pairs", "purpose": "profiling"}, "purpose applies to what='profiles'"),
        ({"purpose": "spam"}, "unknown consent purpose 'spam'; purposes: marketing_email"),
    ],
)
def test_write_refuses_wrong_options(
    tmp_path: Path, resolution: gr.Resolution, kwargs: dict[str, Any], fragment: str
) -> None:
    with pytest.raises(gr.SettingsError, match=fragment):
        resolution.write(tmp_path / "x.csv", **kwargs)
    assert not (tmp_path / "x.csv").exists()


def test_write_refuses_an_unknown_suffix(tmp_path: Path, resolution: gr.Resolution) -> None:
    with pytest.raises(gr.SettingsError, match=r"unknown file suffix '\.xlsx'"):
        resolution.write(tmp_path / "x.xlsx")


@pytest.mark.parametrize(
    ("module", "method", "extra"),
    [("polars", "to_polars", "polars"), ("pyarrow", "to_arrow", "arrow")],
)
def test_frame_exports_name_their_extra(
    resolution: gr.Resolution, monkeypatch: pytest.MonkeyPatch, module: str, method: str, extra: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(ImportError) as info:
        getattr(resolution, method)()
    assert f"pip install 'goldenrecord[{extra}]'" in str(info.value)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".csv.gz", ".parquet"])
def test_write_table_never_fails_on_a_lone_surrogate(tmp_path: Path, suffix: str) -> None:
    """Text that did not come through resolve's sanitised input (a lone surrogate) is
    still written as valid UTF-8 instead of raising UnicodeEncodeError mid-file."""
    pytest.importorskip("pyarrow")
    path = tmp_path / f"out{suffix}"
    write_table({"name": ["M\udce9lanie", "ok"], "ids": [["a\ud800"], []]}, path)
    back = read_table(path)
    assert back["name"][1] == "ok"
    assert back["name"][0] in ("M\ufffdlanie", "M?lanie")


def test_jsonl_surrogates_are_sanitised_and_counted_by_resolve(tmp_path: Path) -> None:
    """A JSON Lines cell with an escaped lone surrogate reaches resolve as U+FFFD and is
    counted per column; a column name holding one is cleaned too."""
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"id": "1", "name": "M\\udce9lanie", "n\\udc80te": "x"}\n{"id": "2", "name": "Ana"}\n',
        encoding="utf-8",
    )
    assert list(read_table(path)) == ["id", "name", "n\ufffdte"]
    res = gr.resolve(path, gr.Schema(id="id", fields={"name": "full_name"}))
    assert dict(res.report.sanitised) == {"name": 1}
    assert res.prepared.raw["name"][0] == "M\ufffdlanie"
