"""The ``export`` command: a store's golden table to a file.

Exit codes as for the other store commands: 0 done, 1 a problem told in one line on
stderr, 2 a usage error.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest

import goldenrecord as gr
from goldenrecord._cli import main
from goldenrecord._io import read_table, write_table

PURPOSE = "marketing_email"


def _run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the bundled sample's first 150 records, built by `ingest`."""
    table = gr.datasets.load_sample()
    folder = tmp_path_factory.mktemp("export-cli")
    write_table({k: v[:150] for k, v in table.columns.items()}, folder / "in.csv")
    (folder / "schema.json").write_text(table.schema().to_json(), encoding="utf-8")
    path = folder / "customers.db"
    code, _, err = _run("ingest", path, folder / "in.csv", "--schema", folder / "schema.json")
    assert code == 0, err
    return path


def _frame(path: Path) -> pd.DataFrame:
    if path.suffix == ".parquet":
        return pq.read_table(path).to_pandas()
    return pd.DataFrame(read_table(path))


@pytest.mark.parametrize(
    ("what", "name"),
    [("profiles", "p.csv"), ("lineage", "l.parquet"), ("clusters", "c.jsonl")],
)
def test_export_writes_what_the_store_writes(
    store: Path, tmp_path: Path, what: str, name: str
) -> None:
    """Each table is the file IdentityStore.write makes, and the summary counts its rows
    and names the store and the file (no values)."""
    out = tmp_path / name
    code, text, err = _run("export", store, "--what", what, out)
    assert (code, err) == (0, "")
    with gr.IdentityStore(store) as opened:
        rows = opened.write(tmp_path / f"api-{name}", what=what)
        n_profiles = opened.n_profiles
    pd.testing.assert_frame_equal(_frame(out), _frame(tmp_path / f"api-{name}"))
    assert text.startswith(f"goldenrecord: wrote {rows:,} ")
    assert str(store) in text
    assert str(out) in text
    if what == "profiles":
        assert rows == n_profiles
    if what == "clusters":
        assert rows == 150


def test_export_defaults_to_profiles_and_reports_json(store: Path, tmp_path: Path) -> None:
    """Without --what the profiles are written; --json prints the figures."""
    out = tmp_path / "profiles.csv.gz"
    code, text, _ = _run("export", store, out, "--json")
    assert code == 0
    doc: dict[str, Any] = json.loads(text)
    assert doc["what"] == "profiles"
    assert doc["purpose"] is None
    assert doc["rows"] == len(read_table(out)["profile_id"])
    assert doc["output"] == str(out)


def test_export_with_a_purpose_writes_no_values_without_consent(
    store: Path, tmp_path: Path
) -> None:
    """--purpose: profiles whose consent is not yes keep their id, record count and
    consent, and no field value; the others keep theirs."""
    out = tmp_path / "audience.csv"
    assert _run("export", store, "--purpose", PURPOSE, out, "--quiet") == (0, "", "")
    frame = pd.DataFrame(read_table(out))
    with gr.IdentityStore(store) as opened:
        fields = list(opened.schema.fields)
    withheld = frame[f"consent_{PURPOSE}"] != "yes"
    assert 0 < int(withheld.sum()) < len(frame)
    assert frame.loc[withheld, fields].isna().all().all()
    assert frame.loc[~withheld, fields].notna().any(axis=1).all()


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--purpose", "nope"], "unknown purpose 'nope'; consent purposes: marketing_email"),
        (["--what", "clusters", "--purpose", PURPOSE], "purpose applies to what='profiles'"),
    ],
)
def test_a_wrong_purpose_is_one_line_and_exit_1(
    store: Path, tmp_path: Path, argv: list[str], words: str
) -> None:
    """An unknown purpose, or a purpose with clusters: exit 1, one line, no file."""
    out = tmp_path / "x.csv"
    code, text, err = _run("export", store, *argv, out)
    assert (code, text) == (1, "")
    assert err.startswith("goldenrecord export: error: ")
    assert words in err
    assert err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_what_is_a_usage_error(store: Path, tmp_path: Path) -> None:
    """--what pairs (a resolution's table the store does not keep) exits 2."""
    with pytest.raises(SystemExit) as info:
        _run("export", store, "--what", "pairs", tmp_path / "x.csv")
    assert info.value.code == 2


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("x.xlsx", "unknown file suffix '.xlsx'"),
        ("missing/x.csv", "no such folder"),
    ],
)
def test_a_wrong_output_is_refused(store: Path, tmp_path: Path, name: str, words: str) -> None:
    """An unknown suffix or a missing folder: exit 1 before the store is read."""
    code, _, err = _run("export", store, tmp_path / name)
    assert code == 1
    assert words in err


def test_export_never_overwrites_the_store(store: Path, tmp_path: Path) -> None:
    """OUT naming the store file (through a link with a CSV suffix) is refused with exit
    1, and the store's bytes are unchanged."""
    link = tmp_path / "profiles.csv"
    link.symlink_to(store)
    before = _digest(store)
    code, _, err = _run("export", store, link)
    assert code == 1
    assert "would overwrite the identity store" in err
    assert _digest(store) == before
    assert _run("check", store)[0] == 0


def test_export_of_a_missing_store_says_so(tmp_path: Path) -> None:
    """A STORE path where nothing exists: exit 1, no store created."""
    code, _, err = _run("export", tmp_path / "none.db", tmp_path / "p.csv")
    assert code == 1
    assert "no identity store" in err
    assert list(tmp_path.iterdir()) == []
