"""`goldenrecord ingest --source NAME` with a schema that has no source column: the
source is given, not read (it named no source before and was refused)."""

from __future__ import annotations

import io
import json
import re
import shlex
from pathlib import Path

import attrs
import pytest

import goldenrecord as gr
from goldenrecord._cli import main
from goldenrecord._io import write_table

README = Path(__file__).resolve().parents[1] / "README.md"


def _run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def no_source(tmp_path: Path) -> dict[str, Path]:
    """The sample's first 60 records in ``crm.csv`` and the next 30 in
    ``shop-today.parquet``, neither with a source column, and ``schema.json`` without
    one."""
    table = gr.datasets.load_sample()
    columns = {k: v for k, v in table.columns.items() if k != "source"}
    write_table({k: v[:60] for k, v in columns.items()}, tmp_path / "crm.csv")
    write_table({k: v[60:90] for k, v in columns.items()}, tmp_path / "shop-today.parquet")
    schema = attrs.evolve(table.schema(), source=None)
    (tmp_path / "schema.json").write_text(schema.to_json(), encoding="utf-8")
    return {
        "crm": tmp_path / "crm.csv",
        "shop": tmp_path / "shop-today.parquet",
        "schema": tmp_path / "schema.json",
    }


def test_source_names_the_records_of_a_schema_without_a_source_column(
    no_source: dict[str, Path], tmp_path: Path
) -> None:
    """A new store with such a schema: records keyed NAME:ID, their source NAME, and the
    stored schema is the one given (no source column added)."""
    path = tmp_path / "s.db"
    code, _out, err = _run(
        "ingest", path, no_source["crm"], "--schema", no_source["schema"], "--source", "a"
    )
    assert code == 0, err
    with gr.IdentityStore(path) as store:
        assert store.schema.source is None
        assert len(store) == 60
        profile = store.profile_of("a:crm-000001")
        assert "a:crm-000001" in profile.record_ids
        assert all(k.startswith("a:") for k in profile.record_ids)
        assert profile["email"].sources == ("a",)


def test_source_names_a_later_file_of_a_store_without_a_source_column(
    no_source: dict[str, Path], tmp_path: Path
) -> None:
    """An existing store whose schema has no source column takes --source for a later
    file: its records are keyed NAME:ID beside the first file's plain ids."""
    path = tmp_path / "s.db"
    assert _run("ingest", path, no_source["crm"], "--schema", no_source["schema"])[0] == 0
    code, out, err = _run("ingest", path, no_source["shop"], "--source", "shop", "--json")
    assert code == 0, err
    keys = {k for e in json.loads(out)["events"] for k in e.get("record_keys", ())}
    assert keys
    assert all(k.startswith("shop:") for k in keys)
    with gr.IdentityStore(path) as store:
        assert len(store) == 90
        assert store.profile_of("crm-000001")  # the first file's keys are unchanged


def test_a_source_named_like_the_id_column_is_still_a_source(
    no_source: dict[str, Path], tmp_path: Path
) -> None:
    """--source record_id (the schema's id column) keys records record_id:ID; the input
    is not mistaken for one table's columns or one record."""
    path = tmp_path / "s.db"
    argv = ["ingest", path, no_source["crm"], "--schema", no_source["schema"]]
    code, _, err = _run(*argv, "--source", "record_id")
    assert code == 0, err
    with gr.IdentityStore(path) as store:
        assert len(store) == 60
        assert store.profile_of("record_id:crm-000001")["email"].sources == ("record_id",)


def _readme_ingest_lines() -> list[str]:
    text = README.read_text(encoding="utf-8")
    return re.findall(r"^(goldenrecord ingest .*?)(?:\s+#.*)?$", text, flags=re.MULTILINE)


def test_the_readme_ingest_example_runs_as_written(
    no_source: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's two ingest lines (a schema file, then a file of one source given by
    --source and --json into a file) run through the CLI with exit 0."""
    monkeypatch.chdir(tmp_path)
    lines = _readme_ingest_lines()
    assert len(lines) == 2
    assert "--source shop" in lines[1]
    for line in lines:
        argv, _, target = line.partition(">")
        code, out, err = _run(*shlex.split(argv)[1:])
        assert code == 0, f"{line}: {err}"
        if target:
            Path(target.strip()).write_text(out, encoding="utf-8")
    doc = json.loads((tmp_path / "events.json").read_text(encoding="utf-8"))
    assert doc["stored"] == 30
    ids = gr.datasets.load_sample().columns["record_id"][60:90]
    with gr.IdentityStore(tmp_path / "customers.db") as store:
        assert "shop" in store.profile_of(f"shop:{ids[0]}")["email"].sources
