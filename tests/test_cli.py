"""The command line: the demo runs on the bundled sample and accounts for every value."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from goldenrecord._cli import main


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
