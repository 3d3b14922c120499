"""Public files as a new user meets them on the command line. `goldenrecord evaluate`
against the original customer file: its id column found as resolve infers it
(``unique_id``, ``rec_id``), so no option and no hand-made truth file is needed; a table
of golden profiles given as CLUSTERS is refused with the way out. A file without an id
column is refused with advice in command-line terms."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import goldenrecord as gr
from goldenrecord._cli import main
from goldenrecord._io import write_table


def _run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def splink_like(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample's first 120 records shaped like Splink's fake_1000 (``unique_id``,
    truth in ``cluster``), resolved by the CLI into profiles and clusters."""
    folder = tmp_path_factory.mktemp("evaluate")
    columns = gr.datasets.load_sample().columns
    rename = {"record_id": "unique_id", "person_id": "cluster"}
    table = {rename.get(k, k): v[:120] for k, v in columns.items() if k != "source"}
    write_table(table, folder / "people.csv")
    code, _, err = _run(
        "resolve", folder / "people.csv", "--out", folder / "profiles.csv",
        "--clusters", folder / "clusters.csv", "--quiet",
    )  # fmt: skip
    assert code == 0, err
    return {"input": folder / "people.csv", "profiles": folder / "profiles.csv",
            "clusters": folder / "clusters.csv"}  # fmt: skip


def test_the_original_file_is_the_truth_without_options(splink_like: dict[str, Path]) -> None:
    """TRUTH with many columns: id ``unique_id`` (as resolve keyed the records) and label
    ``cluster`` are found; the figures are gr.evaluate's."""
    code, out, err = _run("evaluate", splink_like["clusters"], splink_like["input"], "--json")
    assert code == 0, err
    columns = gr.datasets.load_sample().columns
    truth = dict(zip(columns["record_id"][:120], columns["person_id"][:120], strict=True))
    clusters = gr.resolve(splink_like["input"]).clusters
    assert json.loads(out) == gr.evaluate(clusters, truth).as_dict()
    assert json.loads(out)["records"] == 120


def test_a_febrl_file_needs_only_the_label_pattern(tmp_path: Path) -> None:
    """FEBRL's ``rec_id`` (header spaces included) is the id; the entity is read off it."""
    (tmp_path / "febrl.csv").write_text(
        "rec_id, given_name, surname\nrec-1-org, ana, lima\nrec-1-dup-0, ana, lime\n"
        "rec-2-org, bo, chen\n",
        encoding="utf-8",
    )
    clusters = {"record_id": ["rec-1-org", "rec-1-dup-0", "rec-2-org"], "cluster_id": [1, 1, 1]}
    write_table(clusters, tmp_path / "clusters.csv")
    code, out, err = _run(
        "evaluate", tmp_path / "clusters.csv", tmp_path / "febrl.csv",
        "--truth-label-pattern", r"rec-(\d+)", "--json",
    )  # fmt: skip
    assert code == 0, err
    doc = json.loads(out)
    assert (doc["records"], doc["true_clusters"], doc["false_positive_pairs"]) == (3, 2, 2)


def test_profiles_given_as_clusters_are_refused_naming_the_clusters_option(
    splink_like: dict[str, Path],
) -> None:
    """The golden table holds no record ids: exit 1, and the message says to write and
    evaluate ``--clusters`` (it said to name columns the file does not have)."""
    code, out, err = _run("evaluate", splink_like["profiles"], splink_like["input"])
    assert (code, out) == (1, "")
    assert "golden profiles" in err
    assert "--clusters" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("command", ["resolve", "infer-schema", "ingest"])
def test_a_file_without_an_id_column_gets_command_line_advice(tmp_path: Path, command: str) -> None:
    """A file with no column that looks like a record id (Splink's labels file): exit 1,
    and the advice is a schema file and --schema, not Python's Schema(id=...)."""
    (tmp_path / "labels.csv").write_text(
        "unique_id_l,unique_id_r,clerical_match_score\n0,1,1.0\n", encoding="utf-8"
    )
    argv = {
        "resolve": ["resolve", tmp_path / "labels.csv", "--out", tmp_path / "p.csv"],
        "infer-schema": ["infer-schema", tmp_path / "labels.csv"],
        "ingest": ["ingest", tmp_path / "s.db", tmp_path / "labels.csv"],
    }[command]
    code, out, err = _run(*argv)
    assert (code, out) == (1, "")
    assert "no column looks like a record id" in err
    assert "--schema" in err
    assert "Schema(id=" not in err
