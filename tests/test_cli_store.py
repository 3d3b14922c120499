"""The store commands: ingest, lookup, forget, profile, history.

Exit codes are part of the contract: 0 done, 1 a problem told in one line on stderr,
2 a usage error, 75 (EX_TEMPFAIL) a store another process kept busy.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import goldenrecord as gr
from goldenrecord._cli import EXIT_BUSY, main
from goldenrecord._io import read_table, write_table
from tests.test_progress import Terminal, stages_drawn


def _run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _json(*argv: str | Path) -> Any:
    code, out, err = _run(*argv, "--json")
    assert code == 0, err
    return json.loads(out)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bundled sample's first 120 records in two files (80 and 40), and its schema."""
    table = gr.datasets.load_sample()
    folder = tmp_path_factory.mktemp("store-cli")
    columns = table.columns
    write_table({k: v[:80] for k, v in columns.items()}, folder / "first.csv")
    write_table({k: v[80:120] for k, v in columns.items()}, folder / "second.jsonl")
    (folder / "schema.json").write_text(table.schema().to_json(), encoding="utf-8")
    return {
        "first": folder / "first.csv",
        "second": folder / "second.jsonl",
        "schema": folder / "schema.json",
    }


@pytest.fixture(scope="module")
def built(files: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding both files (read only: tests that write use a copy)."""
    path = tmp_path_factory.mktemp("built") / "customers.db"
    assert _run("ingest", path, files["first"], "--schema", files["schema"], "--quiet")[0] == 0
    assert _run("ingest", path, files["second"], "--quiet")[0] == 0
    return path


@pytest.fixture
def store_copy(built: Path, tmp_path: Path) -> Path:
    path = tmp_path / "copy.db"
    shutil.copyfile(built, path)
    shutil.copyfile(f"{built}.key", f"{path}.key")  # the store's secret goes with it
    return path


def _size(path: Path) -> int:
    with gr.IdentityStore(path) as store:
        return len(store)


# ingest ---------------------------------------------------------------------------------


def test_first_ingest_creates_the_store_and_reports_new_profiles(
    files: dict[str, Path], tmp_path: Path
) -> None:
    """Every record lands in a created profile; the figures agree with the store."""
    path = tmp_path / "customers.db"
    doc = _json("ingest", path, files["first"], "--schema", files["schema"])
    assert doc["rows"] == 80
    assert doc["records_in_new_profiles"] == doc["store_records"] == 80
    assert doc["profiles_created"] == doc["store_profiles"]
    assert doc["records_added"] == doc["merges"] == doc["splits"] == 0
    assert doc["schema_inferred"] is False
    assert {e["type"] for e in doc["events"]} == {"ProfileCreated"}
    keys = [k for e in doc["events"] for k in e["record_keys"]]
    assert sorted(keys) == sorted(read_table(files["first"])["record_id"])
    with gr.IdentityStore(path) as store:
        assert len(store) == 80
        for event in doc["events"]:
            for key in event["record_keys"]:
                assert store.profile_of(key).profile_id == event["profile_id"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["customers.db", "customers.db.key"]


def test_later_ingests_add_records_and_repeat_as_no_ops(
    files: dict[str, Path], tmp_path: Path
) -> None:
    """A second file's records join profiles or found new ones; ingesting it again
    changes nothing."""
    path = tmp_path / "customers.db"
    _json("ingest", path, files["first"], "--schema", files["schema"])
    doc = _json("ingest", path, files["second"])
    assert doc["records_added"] + doc["records_in_new_profiles"] == 40
    assert doc["records_added"] > 0
    assert doc["store_records"] == 120
    again = _json("ingest", path, files["second"])
    assert again["events"] == []
    assert again["store_records"] == 120
    assert again["store_profiles"] == doc["store_profiles"]


def test_ingest_summary_in_words_and_the_inferred_schema_on_stderr(
    files: dict[str, Path], tmp_path: Path
) -> None:
    code, out, err = _run("ingest", tmp_path / "s.db", files["first"])
    assert code == 0, err
    assert "80 rows of" in out
    assert "profiles created:" in out
    assert "merges: 0, splits: 0" in out
    assert "the store holds 80 records in" in out
    assert "no --schema given" in err
    assert gr.Schema.from_json(err.split(":\n", 1)[1]) == gr.Schema.infer(files["first"])
    assert _run("ingest", tmp_path / "q.db", files["first"], "--quiet")[1:] == ("", "")


def test_source_names_the_records_and_their_keys(files: dict[str, Path], tmp_path: Path) -> None:
    """--source fills the source column and keys records NAME:ID, as resolve does."""
    columns = read_table(files["first"])
    del columns["source"]
    write_table(columns, tmp_path / "shop.csv")
    path = tmp_path / "s.db"
    doc = _json("ingest", path, tmp_path / "shop.csv", "--source", "shop")
    keys = sorted(k for e in doc["events"] for k in e["record_keys"])
    assert keys == sorted(f"shop:{k}" for k in columns["record_id"])
    with gr.IdentityStore(path) as store:
        assert store.schema.source == "source"
        profile = store.profile_of("shop:crm-000001")
        assert profile["email"].sources == ("shop",)


def test_source_refuses_an_input_that_names_its_own(files: dict[str, Path], tmp_path: Path) -> None:
    """The input has a source column already: exit 1, and no store is left behind."""
    code, out, err = _run("ingest", tmp_path / "s.db", files["first"], "--source", "shop")
    assert (code, out) == (1, "")
    assert "'source'" in err
    assert list(tmp_path.iterdir()) == []


def test_a_failed_first_ingest_leaves_no_store(files: dict[str, Path], tmp_path: Path) -> None:
    """The new store is built aside and appears only when its first ingest succeeded."""
    columns = read_table(files["first"])
    del columns["record_id"]
    write_table(columns, tmp_path / "no-ids.csv")
    code, _, err = _run(
        "ingest", tmp_path / "s.db", tmp_path / "no-ids.csv", "--schema", files["schema"]
    )
    assert code == 1
    assert err.startswith("goldenrecord ingest: error: ")
    assert "'record_id'" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["no-ids.csv"]


def test_ingest_with_a_different_schema_is_refused(
    files: dict[str, Path], store_copy: Path, tmp_path: Path
) -> None:
    other = gr.Schema(id="record_id", fields={"email": "email"})
    (tmp_path / "other.json").write_text(other.to_json(), encoding="utf-8")
    before = _digest(store_copy)
    code, _, err = _run("ingest", store_copy, files["second"], "--schema", tmp_path / "other.json")
    assert code == 1
    assert "differs from the one stored" in err
    assert _digest(store_copy) == before


# lookup ---------------------------------------------------------------------------------


def _record(path: Path, key: str) -> dict[str, Any]:
    columns = read_table(path)
    i = columns["record_id"].index(key)
    return {c: v[i] for c, v in columns.items() if c not in ("record_id", "person_id")}


def test_lookup_finds_the_profile_of_a_known_person_and_writes_nothing(
    files: dict[str, Path], built: Path
) -> None:
    """A stored record's values, without its id, match its own profile best."""
    before = _digest(built)
    record = _record(files["first"], "crm-000001")
    doc = _json("lookup", built, "--record", json.dumps(record))
    (found,) = doc["lookups"]
    best = found["matches"][0]
    with gr.IdentityStore(built) as store:
        assert best["profile_id"] == store.profile_of("crm-000001").profile_id
    assert best["matched"] is True
    assert best["probability"] >= 0.99
    weights = [m["weight"] for m in found["matches"]]
    assert weights == sorted(weights, reverse=True)
    assert _digest(built) == before


def test_lookup_reads_a_file_one_lookup_per_row(files: dict[str, Path], built: Path) -> None:
    doc = _json("lookup", built, files["second"], "--limit", "2")
    ids = read_table(files["second"])["record_id"]
    assert [x["record_id"] for x in doc["lookups"]] == ids
    assert all(len(x["matches"]) <= 2 for x in doc["lookups"])
    code, out, _ = _run("lookup", built, files["second"], "--limit", "1")
    assert code == 0
    assert f"row 1 (id {ids[0]})" in out
    assert "probability" in out


def test_lookup_explains_and_masks(files: dict[str, Path], built: Path) -> None:
    record = _record(files["first"], "crm-000001")
    doc = _json("lookup", built, "--record", json.dumps(record), "--explain", "--limit", "1")
    sentences = doc["lookups"][0]["matches"][0]["explanation"]
    assert any(record["email"] in s for s in sentences)
    doc = _json(
        "lookup", built, "--record", json.dumps(record), "--explain", "--mask", "--limit", "1"
    )
    sentences = doc["lookups"][0]["matches"][0]["explanation"]
    assert sentences
    assert not any(record["email"] in s for s in sentences)


def test_lookup_of_a_stranger_finds_no_profile(built: Path) -> None:
    code, out, _ = _run("lookup", built, "--record", '{"email": "zz.nobody@example.org"}')
    assert code == 0
    assert "no candidate profile" in out


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--record", "{not json"], "--record is not valid JSON"),
        (["--record", "[1, 2]"], "--record takes a JSON object"),
    ],
)
def test_lookup_refuses_a_bad_record(built: Path, argv: list[str], fragment: str) -> None:
    code, out, err = _run("lookup", built, *argv)
    assert (code, out) == (1, "")
    assert fragment in err


@pytest.mark.parametrize("argv", [[], ["x.csv", "--record", "{}"]])
def test_lookup_takes_input_or_record(
    built: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(["lookup", str(built), *argv])
    assert info.value.code == 2
    assert "usage: goldenrecord lookup" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["lookup", "{store}", "--record", "{{}}"],
        ["forget", "{store}", "crm-000001"],
        ["profile", "{store}", "gp_0"],
        ["history", "{store}", "gp_0"],
    ],
)
def test_a_missing_store_is_an_error_and_is_not_created(tmp_path: Path, argv: list[str]) -> None:
    path = tmp_path / "missing.db"
    code, out, err = _run(*(a.format(store=path) for a in argv))
    assert (code, out) == (1, "")
    assert "no identity store at" in err
    assert "goldenrecord ingest" in err
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_not_a_store_is_an_error_and_is_left_alone(
    files: dict[str, Path], tmp_path: Path
) -> None:
    path = tmp_path / "customers.csv"
    shutil.copyfile(files["first"], path)
    before = _digest(path)
    code, _, err = _run("lookup", path, "--record", "{}")
    assert code == 1
    assert "is not an identity store" in err
    assert _digest(path) == before
    assert list(tmp_path.iterdir()) == [path]


# forget ---------------------------------------------------------------------------------


def _personal_values(path: Path, key: str) -> list[str]:
    columns = read_table(path)
    i = columns["record_id"].index(key)
    skip = ("source", "updated_at", "person_id", "consent_marketing_email", "consent_profiling")
    return [str(v) for c, v in ((c, v[i]) for c, v in columns.items()) if c not in skip and v]


def test_forget_erases_a_record_and_prints_no_personal_value(
    files: dict[str, Path], store_copy: Path
) -> None:
    """The text and JSON output name profiles and counts, never the erased values (nor
    the key); the record is gone and a tombstone counted."""
    key = "crm-000001"
    secrets = _personal_values(files["first"], key)
    assert len(secrets) >= 5
    with gr.IdentityStore(store_copy) as store:
        pid = store.profile_of(key).profile_id
        n = store.profile(pid).n_records
    assert n >= 2
    code, out, err = _run("forget", store_copy, key)
    assert code == 0, err
    assert "erased 1 record(s)" in out
    assert f"profile {pid}: rebuilt" in out
    for text in (out, err):
        for value in secrets:
            assert value not in text
    with gr.IdentityStore(store_copy) as store:
        with pytest.raises(gr.RecordNotFound):
            store.profile_of(key)
        assert store.profile(pid).n_records == n - 1
        assert store.tombstones() == 1
    code, out, err = _run("forget", store_copy, key)
    assert (code, out) == (1, "")
    assert "no record with that key" in err
    assert key not in err


def test_forget_a_profile_as_json(files: dict[str, Path], store_copy: Path) -> None:
    with gr.IdentityStore(store_copy) as store:
        profile = store.profile_of("crm-000003")
        before = len(store)
    doc = _json("forget", store_copy, profile.profile_id, "--profile")
    assert doc["records_erased"] == profile.n_records
    assert doc["profiles_removed"] == [profile.profile_id]
    assert doc["tombstones"] == profile.n_records
    text = json.dumps(doc)
    for key in profile.record_ids:
        assert key not in text
        for value in _personal_values(files["first"], key):
            assert value not in text
    with gr.IdentityStore(store_copy) as store:
        assert len(store) == before - profile.n_records
        with pytest.raises(gr.RecordNotFound):
            store.profile(profile.profile_id)


# profile and history --------------------------------------------------------------------


def test_profile_shows_golden_values_with_lineage(built: Path) -> None:
    with gr.IdentityStore(built) as store:
        expected = store.profile_of("crm-000001")
    doc = _json("profile", built, "crm-000001", "--record")
    assert doc["profile_id"] == expected.profile_id
    assert doc["records"] == list(expected.record_ids)
    assert doc["attributes"]["email"]["value"] == expected["email"].value
    for attribute in doc["attributes"].values():
        assert set(attribute["records"]) <= set(doc["records"])
    assert set(doc["consent"]) == {"marketing_email", "profiling"}
    code, out, _ = _run("profile", built, expected.profile_id)
    assert code == 0
    assert out.startswith(f"Profile {expected.profile_id}: {expected.n_records} records")
    assert expected["email"].rule in out


def test_profile_for_a_purpose_withholds_values_without_consent(built: Path) -> None:
    with gr.IdentityStore(built) as store:
        candidates = [store.profile_of(f"crm-{i:06d}") for i in range(1, 40)]
    withheld = next(p for p in candidates if p.consent("marketing_email") != "yes")
    doc = _json("profile", built, withheld.profile_id, "--purpose", "marketing_email")
    assert doc["withheld"] is True
    assert "attributes" not in doc
    allowed = next(p for p in candidates if p.consent("marketing_email") == "yes")
    doc = _json("profile", built, allowed.profile_id, "--purpose", "marketing_email")
    assert doc["attributes"]["email"]["value"] == allowed["email"].value


def test_history_lists_the_events_of_a_profile(files: dict[str, Path], tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    _json("ingest", path, files["first"], "--schema", files["schema"])
    grown = _json("ingest", path, files["second"])
    added = next(e for e in grown["events"] if e["type"] == "RecordAdded")
    events = _json("history", path, added["profile_id"])
    assert [e["type"] for e in events][:2] == ["ProfileCreated", "RecordAdded"]
    assert events[1]["record_keys"] == added["record_keys"]
    code, out, _ = _run("history", path, added["profile_id"])
    assert code == 0
    assert "RecordAdded" in out
    assert added["record_keys"][0] in out


@pytest.mark.parametrize("command", ["profile", "history"])
@pytest.mark.parametrize("given", ["gp_0000000000000000", "someone@example.org"])
def test_an_unknown_profile_is_an_error_that_does_not_echo_it(
    built: Path, command: str, given: str
) -> None:
    """The argument may be a mistyped personal value: the message says what was not
    found, never the argument itself."""
    code, out, err = _run(command, built, given)
    assert (code, out) == (1, "")
    assert "with that id" in err
    assert given not in err


def test_unlink_splits_a_profile_and_link_joins_it_again(store_copy: Path) -> None:
    """The overrides report their events; the store follows the decision."""
    with gr.IdentityStore(store_copy) as store:
        pid = store.profile_of("crm-000001").profile_id
        assert store.profile_of("crm-000002").profile_id == pid
    events = _json("unlink", store_copy, "crm-000001", "crm-000002")
    assert "ProfileSplit" in {e["type"] for e in events}
    with gr.IdentityStore(store_copy) as store:
        apart = store.profile_of("crm-000001").profile_id, store.profile_of("crm-000002")
        assert apart[0] != apart[1].profile_id
    code, out, _ = _run("link", store_copy, "crm-000001", "crm-000002")
    assert code == 0
    assert "kept together from now on" in out
    assert "ProfilesMerged" in out
    with gr.IdentityStore(store_copy) as store:
        joined = store.profile_of("crm-000001").profile_id
        assert store.profile_of("crm-000002").profile_id == joined


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["link", "crm-000001", "crm-000001"], "two different record keys"),
        (["unlink", "crm-000001", "nobody-1"], "no record with that key"),
    ],
)
def test_an_override_of_unknown_or_equal_keys_is_an_error(
    store_copy: Path, argv: list[str], fragment: str
) -> None:
    before = _digest(store_copy)
    code, out, err = _run(argv[0], store_copy, *argv[1:])
    assert (code, out) == (1, "")
    assert fragment in err
    assert "nobody-1" not in err
    assert _digest(store_copy) == before


# busy store, help, a real process -------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [["ingest", "{store}", "{input}"], ["forget", "{store}", "crm-000001"]],
)
def test_a_busy_store_exits_75_with_a_clear_message(
    files: dict[str, Path], store_copy: Path, argv: list[str]
) -> None:
    """Another process holds the write lock past --timeout: exit 75, try again later."""
    holder = sqlite3.connect(store_copy, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        before = _size(store_copy)
        args = [a.format(store=store_copy, input=files["second"]) for a in argv]
        code, out, err = _run(*args, "--timeout", "0.2")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (code, out) == (EXIT_BUSY, "")
    assert f"goldenrecord {argv[0]}: busy:" in err
    assert "try again later" in err
    assert _size(store_copy) == before


def test_store_help_gives_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    """Every store command's --help says what exit 75 means (examples: test_cli)."""
    for command in ("ingest", "lookup", "forget", "profile", "history", "link", "unlink"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = " ".join(capsys.readouterr().out.split())
        assert f"{EXIT_BUSY} the store was busy" in text, command


def test_module_ingests_and_forgets_in_a_process(files: dict[str, Path], tmp_path: Path) -> None:
    """`python -m goldenrecord` runs the store commands with the documented exit codes;
    stderr is not a terminal there, so no progress bar is drawn."""

    def run(*argv: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "goldenrecord", *map(str, argv)],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
        )

    proc = run("ingest", "s.db", files["first"], "--schema", files["schema"])
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert "profiles created" in proc.stdout
    proc = run("forget", "s.db", "crm-000002", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["records_erased"] == 1
    proc = run("forget", "s.db", "crm-000002")
    assert proc.returncode == 1
    assert proc.stderr.startswith("goldenrecord forget: error:")
    assert "Traceback" not in proc.stderr


def test_ingest_draws_the_pipeline_stages_of_a_first_ingest(
    files: dict[str, Path], tmp_path: Path
) -> None:
    """A new store trains its model through the batch pipeline, whose stages the bar
    shows inside "ingest"; a later ingest is read and ingest only; --quiet draws none."""
    path = tmp_path / "s.db"
    err = Terminal()
    argv = ["ingest", str(path), str(files["first"]), "--schema", str(files["schema"])]
    assert main(argv, out=io.StringIO(), err=err) == 0
    drawn = stages_drawn(err.getvalue())
    assert drawn[:3] == ["read", "ingest", "schema"]
    assert {"prepare", "block", "fit", "score", "cluster"} <= set(drawn)
    assert "9/9 stages" in err.getvalue()
    err = Terminal()
    assert main(["ingest", str(path), str(files["second"])], out=io.StringIO(), err=err) == 0
    assert stages_drawn(err.getvalue()) == ["read", "ingest"]
    assert "2/2 stages" in err.getvalue()
    err = Terminal()
    argv = ["ingest", str(path), str(files["second"]), "--quiet"]
    assert main(argv, out=io.StringIO(), err=err) == 0
    assert err.getvalue() == ""


# accounting, check ----------------------------------------------------------------------


def test_ingest_accounts_for_every_row(files: dict[str, Path], tmp_path: Path) -> None:
    """Three rows, one without an id and one repeating an id: the summary says one row
    stored and two rejected (with the reasons), never "3 rows ingested"."""
    rows = tmp_path / "three.jsonl"
    rows.write_text(
        '{"record_id": "r1", "first_name": "Ana", "last_name": "Lima"}\n'
        '{"record_id": null, "first_name": "Bea", "last_name": "Sousa"}\n'
        '{"record_id": "r1", "first_name": "Ana", "last_name": "Limma"}\n',
        encoding="utf-8",
    )
    path = tmp_path / "s.db"
    doc = _json("ingest", path, rows, "--schema", files["schema"])
    assert (doc["rows"], doc["stored"], doc["updated"], doc["rejected"]) == (3, 1, 0, 2)
    assert doc["store_records"] == 1
    assert sorted(e["reason"] for e in doc["events"] if e["type"] == "RecordRejected") == [
        "duplicate_id",
        "missing_id",
    ]
    code, out, _ = _run("ingest", path, rows)
    assert code == 0
    assert "3 rows of" in out
    assert "0 stored, 0 updated, 1 unchanged, 2 rejected (duplicate_id 1, missing_id 1)" in out
    assert "ingested" not in out


def test_ingest_repairs_text_that_is_not_utf8(files: dict[str, Path], tmp_path: Path) -> None:
    """A lone surrogate escaped in JSON Lines is stored as U+FFFD and counted; no
    traceback."""
    rows = tmp_path / "bad.jsonl"
    rows.write_text(
        '{"record_id": "r1", "first_name": "M\\udce9lanie", "last_name": "Dupont"}\n',
        encoding="utf-8",
    )
    path = tmp_path / "s.db"
    code, out, err = _run("ingest", path, rows, "--schema", files["schema"])
    assert (code, err) == (0, "")
    assert "lone surrogates) replaced by U+FFFD: 1" in out
    with gr.IdentityStore(path) as store:
        assert store.profile_of("r1")["first_name"].value == "M\ufffdlanie"


def test_check_says_a_sound_store_is_sound_and_a_damaged_one_is_not(
    built: Path, tmp_path: Path
) -> None:
    code, out, err = _run("check", built)
    assert (code, err) == (0, "")
    assert "is sound" in out
    assert _json("check", built) == {"store": str(built), "sound": True, "problems": []}
    damaged = tmp_path / "damaged.db"
    data = bytearray(built.read_bytes())
    data[len(data) // 2 // 4096 * 4096] ^= 0x10  # a middle page's b-tree header
    damaged.write_bytes(bytes(data))
    code, out, err = _run("check", damaged)
    assert (code, out) == (1, "")
    assert err.startswith("goldenrecord check: ")
    assert "damaged" in err
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    code, _, err = _run("check", empty)
    assert code == 1
    assert "not an identity store" in err
    assert empty.read_bytes() == b""


@pytest.mark.parametrize("command", ["lookup", "ingest", "profile"])
def test_a_damaged_store_is_an_error_in_one_line(
    files: dict[str, Path], built: Path, tmp_path: Path, command: str
) -> None:
    damaged = tmp_path / "s.db"
    damaged.write_bytes(built.read_bytes()[:5000])
    shutil.copyfile(f"{built}.key", f"{damaged}.key")
    argv = {
        "lookup": ["lookup", damaged, "--record", "{}"],
        "ingest": ["ingest", damaged, files["second"]],
        "profile": ["profile", damaged, "gp_0000000000000000"],
    }[command]
    code, out, err = _run(*argv)
    assert (code, out) == (1, "")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_source_with_a_colon_keys_records_apart(files: dict[str, Path], tmp_path: Path) -> None:
    """--source a with id b:c and --source a:b with id c are two records, as resolve keys
    them (the name's ':' escaped)."""
    for record_id in ("b:c", "c"):
        row = {"record_id": record_id, "first_name": "Ana", "last_name": "Lima"}
        (tmp_path / f"{record_id}.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    path = tmp_path / "s.db"
    schema = ["--schema", files["schema"]]
    assert _run("ingest", path, tmp_path / "b:c.jsonl", "--source", "a", *schema)[0] == 0
    doc = _json("ingest", path, tmp_path / "c.jsonl", "--source", "a:b")
    assert (doc["stored"], doc["store_records"]) == (1, 2)
    with gr.IdentityStore(path) as store:
        assert store.profile_of("a:b:c").record_ids == ("a:b:c",)
        assert store.profile_of("a\\:b:c").record_ids == ("a\\:b:c",)


def test_ingest_of_a_file_without_the_schemas_columns_fails_naming_them(
    store_copy: Path, tmp_path: Path
) -> None:
    """`goldenrecord ingest` of a file with none of the stored schema's fields exits 1
    with the expected and given column names, and the store is unchanged (it exited 0
    with empty one-record profiles)."""
    renamed = tmp_path / "renamed.csv"
    write_table({"record_id": ["n1", "n2"], "fname": ["Zed", "Ann"]}, renamed)
    with gr.IdentityStore(store_copy) as store:
        before = len(store)
    code, _, err = _run("ingest", store_copy, renamed)
    assert code == 1
    assert "none of the schema's fields" in err
    assert "given: record_id, fname" in err
    assert "Zed" not in err
    with gr.IdentityStore(store_copy) as store:
        assert len(store) == before


def test_lookup_explanations_total_the_weight_shown(files: dict[str, Path], built: Path) -> None:
    """`goldenrecord lookup --explain`: each match's explanation ends on the weight the
    match shows (it scored the pair again without the store's term counts)."""
    for key in ("crm-000001", "crm-000002", "crm-000003"):
        record = _record(files["first"], key)
        doc = _json("lookup", built, "--record", json.dumps(record), "--explain")
        for match in doc["lookups"][0]["matches"]:
            total = match["explanation"][-1]
            assert total.startswith(f"total: {match['weight']:+.2f} bits"), (total, match)
