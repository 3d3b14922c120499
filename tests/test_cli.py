"""The command line: the demo runs on the bundled sample and accounts for every value."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from goldenrecord._cli import main


def test_demo_prints_before_after_table() -> None:
    """The demo shows raw and canonical values side by side and a per-field account."""
    out = io.StringIO()
    assert main(["demo"], out=out) == 0
    text = out.getvalue()
    assert "raw value" in text
    assert "canonical value" in text
    assert "eloisedupont@gmail.com" in text
    assert "+14155552671" in text
    assert "✗ placeholder" in text
    assert "Per field" in text


def test_demo_json_accounts_for_every_cell() -> None:
    """Every sample cell is either kept, missing or rejected with a reason."""
    out = io.StringIO()
    assert main(["demo", "--json"], out=out) == 0
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
    assert "canonical value" in proc.stdout


def test_unknown_command_exits_with_usage() -> None:
    """A wrong command is a usage error (exit code 2), not a traceback."""
    with pytest.raises(SystemExit) as info:
        main(["resolvee"])
    assert info.value.code == 2
