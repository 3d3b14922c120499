"""The command line: the demo, and resolve / infer-schema / explain / evaluate on files.

Exit codes are part of the contract: 0 done, 1 a settings or file problem told in one
line on stderr, 2 a usage error.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import goldenrecord as gr
from goldenrecord._cli import main
from goldenrecord._io import read_table, write_table
from goldenrecord._resolve import STAGES
from tests.test_progress import Terminal, stages_drawn


def test_demo_normalize_prints_before_after_table() -> None:
    """The normalizer demo shows raw and canonical values side by side and a per-field account."""
    out = io.StringIO()
    assert main(["demo", "--normalize"], out=out) == 0
    text = out.getvalue()
    assert "raw value" in text
    assert "canonical value" in text
    assert "eloisedupont@gmail.com" in text
    assert "+14155552671" in text
    assert "✗ placeholder" in text
    assert "Per field" in text


def test_demo_normalize_json_accounts_for_every_cell() -> None:
    """Every sample cell is either kept, missing or rejected with a reason."""
    out = io.StringIO()
    assert main(["demo", "--normalize", "--json"], out=out) == 0
    doc = json.loads(out.getvalue())
    records = doc["records"]
    assert len(records) >= 20
    for name, counts in doc["summary"].items():
        total = counts["kept"] + counts["missing"] + sum(counts["rejected"].values())
        assert total == len(records), name
    by_id = {r["record_id"]: r for r in records}
    assert by_id["shop-101"]["phone"]["canonical"] == "+33612345678"
    assert by_id["crm-001"]["birth_date"]["canonical"] == "1980-03-07"
    assert by_id["crm-002"]["birth_date"]["canonical"] == "1975-03-14"
    assert by_id["junk-901"]["email"]["reason"] == "placeholder"


def test_module_entry_point_runs() -> None:
    """`python -m goldenrecord demo` works as a process and exits 0."""
    proc = subprocess.run(
        [sys.executable, "-m", "goldenrecord", "demo"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "golden profiles" in proc.stdout


def test_demo_resolves_the_sample_into_profiles_with_lineage() -> None:
    """The demo runs the whole pipeline: summary, profiles with lineage, one explanation."""
    out = io.StringIO()
    assert main(["demo"], out=out) == 0
    text = out.getvalue()
    assert "604 customer records" in text
    assert "against the truth" in text
    assert "Profile gp_" in text
    assert "most_recent" in text
    assert "are one person" in text
    assert "total:" in text


def test_demo_json_is_consistent() -> None:
    """Records add up over sources; every shown value names member records of its profile."""
    out = io.StringIO()
    assert main(["demo", "--json", "--profiles", "2"], out=out) == 0
    doc = json.loads(out.getvalue())
    assert sum(doc["sources"].values()) == doc["records"] == 604
    assert 0 < doc["profiles"] <= doc["records"]
    assert len(doc["showcase"]) == 2
    for profile in doc["showcase"]:
        members = set(profile["records"])
        for attribute in profile["attributes"].values():
            assert set(attribute["records"]) <= members
    a, b = doc["explanation"]["records"]
    assert {a, b} <= set(doc["showcase"][0]["records"])
    assert doc["accuracy"]["bcubed_f1"] > 0.8


def test_demo_generates_a_table_on_request() -> None:
    out = io.StringIO()
    assert main(["demo", "--json", "--people", "150", "--seed", "3"], out=out) == 0
    doc = json.loads(out.getvalue())
    assert doc["people_in_truth"] == 150


def test_demo_refuses_a_non_positive_size() -> None:
    with pytest.raises(SystemExit) as info:
        main(["demo", "--people", "0"])
    assert info.value.code == 2


def test_unknown_command_exits_with_usage() -> None:
    """A wrong command is a usage error (exit code 2), not a traceback."""
    with pytest.raises(SystemExit) as info:
        main(["resolvee"])
    assert info.value.code == 2


# resolve, infer-schema, explain, evaluate ------------------------------------------------


@pytest.fixture(scope="module")
def sample_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample's first 120 records as a CSV file (truth in person_id)."""
    table = gr.datasets.load_sample()
    path = tmp_path_factory.mktemp("cli") / "customers.csv"
    write_table({k: v[:120] for k, v in table.columns.items()}, path)
    return path


def _run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_resolve_writes_every_output_and_a_summary(sample_csv: Path, tmp_path: Path) -> None:
    """Profiles, pairs, lineage and clusters files hold what the Python API gives."""
    outputs = {
        "out": tmp_path / "profiles.csv",
        "pairs": tmp_path / "pairs.parquet",
        "lineage": tmp_path / "lineage.jsonl",
        "clusters": tmp_path / "clusters.csv",
    }
    options = [x for k, v in outputs.items() for x in (f"--{k}", v)]
    code, out, err = _run("resolve", sample_csv, *options)
    assert code == 0, err
    res = gr.resolve(sample_csv)
    expected = tmp_path / "expected.csv"
    res.write(expected)
    assert read_table(outputs["out"]) == read_table(expected)
    assert len(read_table(outputs["pairs"])["id_l"]) == len(res.pairs)
    assert read_table(outputs["clusters"])["cluster_id"] == list(res.clusters.values())
    assert set(read_table(outputs["lineage"])["profile_id"]) == set(res.clusters.values())
    assert "120 records" in out
    assert f"→ {res.report.n_clusters} profiles" in out
    assert "rejected records: 0" in out
    assert "stages (s): read" in out
    assert '"id": "record_id"' in err  # the inferred schema, on stderr


def test_resolve_json_summary_and_explicit_schema(sample_csv: Path, tmp_path: Path) -> None:
    schema = gr.Schema.infer(sample_csv)
    (tmp_path / "schema.json").write_text(schema.to_json(), encoding="utf-8")
    code, out, err = _run(
        "resolve", sample_csv, "--schema", tmp_path / "schema.json",
        "--out", tmp_path / "p.jsonl", "--json", "--purpose", "profiling", "--threshold", "0.9",
    )  # fmt: skip
    assert code == 0, err
    assert err == ""  # nothing inferred, nothing to say
    doc = json.loads(out)
    assert doc["records"] == 120
    assert doc["schema_inferred"] is False
    assert doc["schema"] == schema.to_dict()
    assert doc["threshold"] == 0.9
    assert doc["purpose"] == "profiling"
    assert doc["outputs"] == {"profiles": str(tmp_path / "p.jsonl")}
    assert set(doc["timings"]) >= {"read", "prepare", "block", "fit", "score", "cluster"}
    res = gr.resolve(sample_csv, schema, threshold=0.9, purpose="profiling")
    assert doc["profiles"] == res.report.n_clusters
    assert doc["consent_withheld"] == res.report.consent_withheld
    assert (
        read_table(tmp_path / "p.jsonl")["email"]
        == (res.to_arrow(purpose="profiling").to_pydict()["email"])
    )


def test_resolve_quiet_prints_nothing(sample_csv: Path, tmp_path: Path) -> None:
    code, out, err = _run("resolve", sample_csv, "--out", tmp_path / "p.csv", "--quiet")
    assert (code, out, err) == (0, "", "")
    assert (tmp_path / "p.csv").exists()


def test_several_inputs_are_sources_named_by_stem(sample_csv: Path, tmp_path: Path) -> None:
    columns = read_table(sample_csv)
    write_table({k: v[:60] for k, v in columns.items()}, tmp_path / "crm.csv")
    write_table({k: v[60:] for k, v in columns.items()}, tmp_path / "shop.jsonl.gz")
    code, _, err = _run(
        "resolve", tmp_path / "crm.csv", tmp_path / "shop.jsonl.gz",
        "--out", tmp_path / "p.csv", "--clusters", tmp_path / "c.csv", "--quiet",
    )  # fmt: skip
    assert code == 0, err
    keys = read_table(tmp_path / "c.csv")["record_id"]
    assert len(keys) == 120
    assert {k.split(":")[0] for k in keys} == {"crm", "shop"}
    assert "crm:crm-000001" in keys


def _bad_csv(tmp_path: Path) -> Path:
    path = tmp_path / "bad.csv"
    path.write_text("record_id,email\n1,SECRET@example.com,extra\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["resolve", "{sample}", "--out", "{tmp}/p.xlsx"], "unknown file suffix '.xlsx'"),
        (["resolve", "{tmp}/absent.csv", "--out", "{tmp}/p.csv"], "no such file"),
        (["resolve", "{tmp}/in.txt", "--out", "{tmp}/p.csv"], "unknown file suffix '.txt'"),
        (["resolve", "{sample}", "--out", "{tmp}/no/p.csv"], "--out: no such folder"),
        (["resolve", "{sample}", "--out", "{tmp}/p.csv", "--pairs", "{tmp}/x.json"], "'.json'"),
        (["resolve", "{bad}", "--out", "{tmp}/p.csv"], "line 2 has 3 cells"),
        (["resolve", "{sample}", "--schema", "{tmp}/s.json", "--out", "{tmp}/p.csv"], "no such"),
        (["resolve", "{sample}", "--schema", "{sample}", "--out", "{tmp}/p.csv"], "not parse"),
        (["resolve", "{sample}", "--out", "{tmp}/p.csv", "--purpose", "spam"], "purpose 'spam'"),
        (["resolve", "{sample}", "{tmp}/customers.csv", "--out", "{tmp}/p.csv"], "stem"),
        (["infer-schema", "{tmp}/absent.jsonl"], "no such file"),
        (["explain", "{sample}", "crm-000001", "nobody"], "record key not found"),
        (["evaluate", "{tmp}/abc.csv", "{sample}"], "cannot tell the id and cluster columns"),
        (["evaluate", "{sample}", "{sample}", "--id-column", "x"], "--id-column 'x' is not"),
    ],
)
def test_problems_exit_1_with_one_line_and_no_personal_values(
    sample_csv: Path, tmp_path: Path, argv: list[str], fragment: str
) -> None:
    """Settings and file problems: exit code 1, one line on stderr, no traceback, no cell."""
    (tmp_path / "customers.csv").write_bytes(sample_csv.read_bytes())
    (tmp_path / "in.txt").write_text("x", encoding="utf-8")
    (tmp_path / "abc.csv").write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    values = {"sample": str(sample_csv), "tmp": str(tmp_path), "bad": str(_bad_csv(tmp_path))}
    argv = [a.format(**values) for a in argv]
    code, _, err = _run(*argv)
    assert code == 1
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert errors == [err.splitlines()[-1]]  # one line, the last (after an inferred schema)
    assert errors[0].startswith(f"goldenrecord {argv[0]}: error: ")
    assert fragment in errors[0]
    assert "Traceback" not in err
    assert "SECRET" not in err
    assert "Amanda" not in err
    assert not (tmp_path / "p.csv").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["resolve", "in.csv"],  # no --out
        ["resolve", "--out", "p.csv"],  # no input
        ["resolve", "in.csv", "--out", "p.csv", "--threshold", "1.5"],
        ["resolve", "in.csv", "--out", "p.csv", "--threshold", "high"],
        ["resolve", "in.csv", "--out", "p.csv", "--json", "--quiet"],
        ["explain", "in.csv", "a"],
        ["evaluate", "c.csv"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert "usage: goldenrecord" in capsys.readouterr().err


@pytest.mark.parametrize(
    "command",
    [
        "demo",
        "resolve",
        "infer-schema",
        "explain",
        "evaluate",
        "ingest",
        "lookup",
        "forget",
        "profile",
        "history",
        "link",
        "unlink",
    ],
)
def test_every_command_has_help_with_examples(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    text = capsys.readouterr().out
    assert "example" in text
    assert f"goldenrecord {command}" in text


def test_infer_schema_prints_the_schema_json(sample_csv: Path) -> None:
    code, out, err = _run("infer-schema", sample_csv, "--default-region", "BR")
    assert code == 0
    assert gr.Schema.from_json(out) == gr.Schema.infer(sample_csv, default_region="BR")
    assert "email by name" in err
    assert _run("infer-schema", sample_csv, "--quiet")[2] == ""


def test_explain_prints_the_evidence_and_masks_it(sample_csv: Path) -> None:
    code, out, _ = _run("explain", sample_csv, "crm-000001", "crm-000002", "--quiet")
    assert code == 0
    assert out.startswith("crm-000001 and crm-000002 are in the same profile (gp_")
    assert "amanda.fernandes46@hotmail.com" in out
    assert "total:" in out
    code, out, _ = _run("explain", sample_csv, "crm-000001", "crm-000002", "--quiet", "--mask")
    assert code == 0
    assert "amanda.fernandes46@hotmail.com" not in out
    assert "***" in out


def test_explain_json_adds_up(sample_csv: Path) -> None:
    code, out, _ = _run("explain", sample_csv, "crm-000001", "crm-000002", "--json", "--quiet")
    assert code == 0
    doc = json.loads(out)
    assert doc["same_profile"] is True
    total = doc["prior"] + sum(c["bits"] for c in doc["contributions"])
    total += doc["lookalike"]["bits"]
    assert total == pytest.approx(doc["match_weight"])
    assert doc["lookalike"]["class"] in ("household", "namesake")
    email = next(c for c in doc["contributions"] if c["comparison"] == "email")
    assert email["value_a"] == "amanda.fernandes46@hotmail.com"


def test_evaluate_scores_resolve_output_against_the_truth(sample_csv: Path, tmp_path: Path) -> None:
    """The clusters file of resolve and a truth file give the figures of gr.evaluate."""
    _run("resolve", sample_csv, "--out", tmp_path / "p.csv", "--clusters", tmp_path / "c.csv")
    columns = read_table(sample_csv)
    write_table({"id": columns["record_id"], "who": columns["person_id"]}, tmp_path / "t.jsonl")
    code, out, _ = _run("evaluate", tmp_path / "c.csv", tmp_path / "t.jsonl", "--json")
    assert code == 0
    res = gr.resolve(sample_csv)
    truth = dict(zip(columns["record_id"], columns["person_id"], strict=True))
    assert json.loads(out) == gr.evaluate(res.clusters, truth).as_dict()
    code, out, _ = _run("evaluate", tmp_path / "c.csv", tmp_path / "t.jsonl")
    assert code == 0
    ev = gr.evaluate(res.clusters, truth)
    assert f"pairwise  {ev.pairwise_precision:.4f}" in out
    assert f"B-cubed   {ev.bcubed_precision:.4f}" in out


def test_evaluate_takes_named_columns(sample_csv: Path) -> None:
    """A many-column file: the id and label columns named on the command line."""
    code, out, err = _run(
        "evaluate", sample_csv, sample_csv, "--id-column", "record_id", "--label-column",
        "person_id", "--json",
    )  # fmt: skip
    assert code == 0, err
    doc = json.loads(out)
    assert doc["records"] == 120
    assert doc["pairwise_f1"] == 1.0


def test_module_runs_resolve_on_a_csv(tmp_path: Path) -> None:
    """`python -m goldenrecord resolve` in a process: exit 0, summary, profiles file."""
    (tmp_path / "in.csv").write_text(
        "id,email,name\n1,ana.lima@gmail.com,Ana Lima\n2,analima+shop@gmail.com,ana lima\n"
        "3,bo@x.io,Bo Chen\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "goldenrecord", "resolve", "in.csv", "--out", "p.parquet"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert "3 records → 2 profiles" in proc.stdout
    assert sorted(read_table(tmp_path / "p.parquet")["n_records"]) == [1, 2]
    failed = subprocess.run(
        [sys.executable, "-m", "goldenrecord", "resolve", "absent.csv", "--out", "p.csv"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert failed.returncode == 1
    assert failed.stderr.strip() == "goldenrecord resolve: error: no such file: 'absent.csv'"


# progress bars ---------------------------------------------------------------------------


def test_resolve_draws_stage_progress_on_a_terminal(sample_csv: Path, tmp_path: Path) -> None:
    """On a terminal stderr the bar names every stage, reaches its total and is wiped;
    stdout still holds only the JSON summary, whose timings cover the same stages."""
    out, err = io.StringIO(), Terminal()
    argv = ["resolve", str(sample_csv), "--out", str(tmp_path / "p.csv"), "--json"]
    assert main(argv, out=out, err=err) == 0
    doc = json.loads(out.getvalue())
    drawn = stages_drawn(err.getvalue())
    assert drawn == list(doc["timings"])
    assert drawn[0] == "read"
    assert drawn[-2:] == ["profiles", "write"]
    assert {"prepare", "block", "fit", "score", "cluster"} <= set(drawn)
    assert f"{len(drawn)}/{len(drawn)} stages" in err.getvalue()
    assert err.getvalue().endswith("\r")  # wiped, not left on the screen
    assert "no --schema given" in err.getvalue()  # printed above the bar


def test_quiet_or_a_non_terminal_stderr_draws_no_progress(sample_csv: Path, tmp_path: Path) -> None:
    err = Terminal()
    argv = ["resolve", str(sample_csv), "--out", str(tmp_path / "p.csv"), "--quiet"]
    assert main(argv, out=io.StringIO(), err=err) == 0
    assert err.getvalue() == ""
    (tmp_path / "s.json").write_text(gr.Schema.infer(sample_csv).to_json(), encoding="utf-8")
    code, _, text = _run(
        "resolve", sample_csv, "--out", tmp_path / "p.csv", "--schema", tmp_path / "s.json"
    )
    assert (code, text) == (0, "")


def test_demo_draws_stage_progress_unless_quiet() -> None:
    err = Terminal()
    assert main(["demo", "--json"], out=io.StringIO(), err=err) == 0
    drawn = stages_drawn(err.getvalue())
    assert drawn[0] == "schema"
    assert drawn[-1] == "summary"
    quiet = Terminal()
    assert main(["demo", "--json", "--quiet"], out=io.StringIO(), err=quiet) == 0
    assert quiet.getvalue() == ""


def test_explain_draws_stage_progress_unless_quiet(sample_csv: Path) -> None:
    argv = ["explain", str(sample_csv), "crm-000001", "crm-000002", "--json"]
    err = Terminal()
    assert main(argv, out=io.StringIO(), err=err) == 0
    assert stages_drawn(err.getvalue())[:2] == ["read", "schema"]
    assert f"{len(STAGES) + 1}/{len(STAGES) + 1} stages" in err.getvalue()
    quiet = Terminal()
    assert main([*argv, "--quiet"], out=io.StringIO(), err=quiet) == 0
    assert quiet.getvalue() == ""


def test_help_wraps_the_description_and_keeps_examples_whole(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "70")
    with pytest.raises(SystemExit):
        main(["resolve", "--help"])
    text = capsys.readouterr().out
    description = text.split("positional arguments:")[0]
    assert max(len(line) for line in description.splitlines()) <= 70
    assert (
        "\n  goldenrecord resolve customers.csv --out profiles.csv --purpose marketing_email"
        in (text)
    )


def _victim(tmp_path: Path, sample_csv: Path) -> tuple[Path, bytes]:
    victim = tmp_path / "victim.csv"
    victim.write_bytes(sample_csv.read_bytes())
    return victim, victim.read_bytes()


@pytest.mark.parametrize("option", ["--out", "--clusters", "--pairs", "--lineage"])
@pytest.mark.parametrize("alias", ["same", "dot", "symlink", "hardlink"])
def test_resolve_refuses_to_overwrite_its_input(
    sample_csv: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    option: str,
    alias: str,
) -> None:
    """An output naming the input file (as given, as ./name, through a symbolic or a hard
    link) exits 1 with one line, and the input is left byte for byte as it was."""
    monkeypatch.chdir(tmp_path)
    victim, before = _victim(tmp_path, sample_csv)
    target = {"same": "victim.csv", "dot": "./victim.csv"}.get(alias)
    if alias == "symlink":
        (tmp_path / "link.csv").symlink_to(victim)
        target = "link.csv"
    elif alias == "hardlink":
        (tmp_path / "hard.csv").hardlink_to(victim)
        target = "hard.csv"
    assert target is not None
    argv = ["resolve", "victim.csv", "--quiet"]
    argv += ["--out", "p.csv"] if option != "--out" else []
    code, _, err = _run(*argv, option, target)
    assert code == 1
    assert f"{option} would overwrite the input INPUT" in err
    assert "Traceback" not in err
    assert victim.read_bytes() == before
    assert not (tmp_path / "p.csv").exists()


def test_resolve_refuses_to_overwrite_its_schema_or_repeat_an_output(
    sample_csv: Path, tmp_path: Path
) -> None:
    """--schema is an input too, and two outputs may not share a file."""
    victim, _ = _victim(tmp_path, sample_csv)
    schema = tmp_path / "schema.jsonl"
    schema.write_text(gr.Schema.infer(read_table(victim)).to_json(), encoding="utf-8")
    before = schema.read_bytes()
    code, _, err = _run("resolve", victim, "--schema", schema, "--out", schema)
    assert code == 1
    assert "--out would overwrite the input --schema" in err
    assert schema.read_bytes() == before
    out = tmp_path / "p.csv"
    code, _, err = _run("resolve", victim, "--out", out, "--clusters", tmp_path / "." / "p.csv")
    assert code == 1
    assert "--clusters and --out name the same file" in err
    assert not out.exists()


def test_schema_file_junk_exits_1_with_one_line(sample_csv: Path, tmp_path: Path) -> None:
    """A --schema file of junk (invalid UTF-8, deep nesting, wrong types) is one error
    line, exit 1, never a traceback."""
    for junk in (b'{"id": "\xff"}', b"[" * 50_000, b'{"id": {"a": 1}}', b"[]"):
        schema = tmp_path / "schema.json"
        schema.write_bytes(junk)
        code, _, err = _run("resolve", sample_csv, "--schema", schema, "--out", tmp_path / "p.csv")
        assert code == 1, junk
        assert err.count("\n") == 1, err
        assert "--schema 'schema.json': " in err
        assert "Traceback" not in err


def test_resolve_replaces_lone_surrogates_and_counts_them(tmp_path: Path) -> None:
    """A JSON Lines cell holding an escaped lone surrogate (\\udce9) is written as U+FFFD
    and counted in the summary; the command exited with a UnicodeEncodeError traceback."""
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": "1", "first_name": "M\\udce9lanie", "email": "m@x.io"}\n'
        '{"id": "2", "first_name": "Ana", "email": "ana@y.io"}\n',
        encoding="utf-8",
    )
    for suffix in ("csv", "jsonl"):
        out = tmp_path / f"lineage.{suffix}"
        code, text, err = _run(
            "resolve", src, "--out", tmp_path / f"p.{suffix}", "--lineage", out, "--json"
        )
        assert code == 0, err
        assert json.loads(text)["sanitised_values"] == {"first_name": 1}
        assert "M\ufffdlanie" in out.read_text(encoding="utf-8")


def test_io_sanitise_counts_per_column_and_keeps_clean_columns_as_they_are() -> None:
    """sanitise replaces lone surrogates (also inside list cells) and counts the cells."""
    from goldenrecord._io import sanitise

    clean = ["a", "é", None, 3]
    columns, counts = sanitise({"x": clean, "y\udc80": ["\ud800", ["ok", "\udfff"], "fine"]})
    assert columns["x"] is clean
    assert columns["y\ufffd"] == ["\ufffd", ["ok", "\ufffd"], "fine"]
    assert counts == {"y\ufffd": 2}


def test_resolve_reads_a_semicolon_file_and_notes_it(tmp_path: Path) -> None:
    """A semicolon export resolves with the schema inferred; stderr says how it was read."""
    path = tmp_path / "in.csv"
    path.write_text(
        "id;email;name\n1;ana.lima@gmail.com;Ana Lima\n2;ana.lima@gmail.com;ana lima\n"
        "3;bo@x.io;Bo Chen\n",
        encoding="utf-8",
    )
    code, out, err = _run("resolve", path, "--out", tmp_path / "p.csv", "--clusters",
                          tmp_path / "c.csv")  # fmt: skip
    assert code == 0, err
    assert "note: in.csv: read as semicolon-separated" in err
    clusters = read_table(tmp_path / "c.csv")
    assert len(set(clusters["cluster_id"])) == 2
    code, out, _ = _run("resolve", path, "--out", tmp_path / "p.csv", "--sep", ";", "--json")
    assert code == 0
    assert json.loads(out)["notes"] == []


def test_encoding_option_reads_a_cp1252_file(tmp_path: Path) -> None:
    """--encoding reads what UTF-8 refuses; without it the error says to give it."""
    path = tmp_path / "in.csv"
    path.write_bytes("id,email,name\n1,zoe@x.io,Zoë Müller\n2,bo@x.io,Bo\n".encode("cp1252"))
    code, _, err = _run("infer-schema", path)
    assert code == 1
    assert "--encoding" in err
    code, out, err = _run("infer-schema", path, "--encoding", "cp1252")
    assert code == 0, err
    assert json.loads(out)["id"] == "id"
    code, _, err = _run("resolve", path, "--out", tmp_path / "p.csv", "--encoding", "cp1252")
    assert code == 0, err
    assert "Zoë Müller" in (tmp_path / "p.csv").read_text("utf-8")


def test_evaluate_reads_the_truth_from_the_original_file(sample_csv: Path, tmp_path: Path) -> None:
    """--truth-id-column / --truth-label-column: CLUSTERS keeps record_id / cluster_id, TRUTH
    is the customer file itself; the figures are gr.evaluate's."""
    columns = read_table(sample_csv)
    renamed = tmp_path / "customers.csv"
    write_table(
        {"key": columns["record_id"], "who": columns["person_id"], "email": columns["email"]},
        renamed,
    )
    _run("resolve", sample_csv, "--out", tmp_path / "p.csv", "--clusters", tmp_path / "c.csv")
    code, _, err = _run("evaluate", tmp_path / "c.csv", renamed)
    assert code == 1
    assert "--truth-id-column and --truth-label-column" in err
    code, out, err = _run(
        "evaluate", tmp_path / "c.csv", renamed, "--truth-id-column", "key",
        "--truth-label-column", "who", "--json",
    )  # fmt: skip
    assert code == 0, err
    res = gr.resolve(sample_csv)
    truth = dict(zip(columns["record_id"], columns["person_id"], strict=True))
    assert json.loads(out) == gr.evaluate(res.clusters, truth).as_dict()
    code, _, err = _run(
        "evaluate", tmp_path / "c.csv", renamed, "--truth-id-column", "nope",
        "--truth-label-column", "who",
    )  # fmt: skip
    assert code == 1
    assert "--truth-id-column 'nope' is not a column of TRUTH" in err


def test_evaluate_reads_febrl_entities_off_the_record_ids(tmp_path: Path) -> None:
    """--truth-label-pattern takes the entity from the id ('rec-12-dup-0' is entity 12),
    and several TRUTH files are resolve's sources ('stem:id'), so two raw FEBRL-style
    files score a linkage with no hand-made truth file."""
    header = "rec_id, given_name, surname, date_of_birth, soc_sec_id\n"
    (tmp_path / "a.csv").write_text(
        header + "rec-1-org, michaela, neumann, 19151111, 5304218\n"
        "rec-2-org, courtney, painter, 19161214, 4066625\n",
        encoding="utf-8",
    )
    (tmp_path / "b.csv").write_text(
        header + "rec-1-dup-0, michaela, neuman, 19151111, 5304218\n"
        "rec-3-dup-0, bo, chen, 19800101, 1234567\n",
        encoding="utf-8",
    )
    clusters = tmp_path / "c.csv"
    code, _, err = _run("resolve", tmp_path / "a.csv", tmp_path / "b.csv", "--out",
                        tmp_path / "p.csv", "--clusters", clusters, "--quiet")  # fmt: skip
    assert code == 0, err
    code, out, err = _run(
        "evaluate", clusters, tmp_path / "a.csv", tmp_path / "b.csv", "--truth-id-column",
        "rec_id", "--truth-label-pattern", r"rec-(\d+)", "--json",
    )  # fmt: skip
    assert code == 0, err
    doc = json.loads(out)
    assert doc["records"] == 4
    assert doc["true_clusters"] == 3
    assert doc["pairwise_f1"] == 1.0
    code, _, err = _run(
        "evaluate", clusters, tmp_path / "a.csv", "--truth-id-column", "rec_id",
        "--truth-label-pattern", r"dup-(\d+)",
    )  # fmt: skip
    assert code == 1
    assert "does not match 2 of the 2 cells of TRUTH column 'rec_id'" in err
    assert "michaela" not in err


def test_ingest_and_lookup_take_encoding_and_sep(tmp_path: Path) -> None:
    """The store commands read a cp1252, semicolon-separated export with the options."""
    path = tmp_path / "in.csv"
    path.write_bytes("id;email;name\n1;zoe@x.io;Zoë Müller\n2;bo@x.io;Bo\n".encode("cp1252"))
    store = tmp_path / "s.db"
    code, _, err = _run("ingest", store, path, "--quiet")
    assert code == 1
    assert "--encoding" in err
    code, _, err = _run("ingest", store, path, "--encoding", "cp1252", "--sep", ";", "--quiet")
    assert code == 0, err
    code, out, err = _run("lookup", store, path, "--encoding", "cp1252", "--json")
    assert code == 0, err
    assert [x["record_id"] for x in json.loads(out)["lookups"]] == ["1", "2"]
