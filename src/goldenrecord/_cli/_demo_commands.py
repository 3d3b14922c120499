"""``goldenrecord demo``: the bundled sample resolved end to end, or its normalize step alone."""

from __future__ import annotations

import argparse
import csv
import io
import json
from importlib import resources
from typing import Any, TextIO

from goldenrecord import __version__, normalize
from goldenrecord._cli._output import _print_summary, _print_table, _progress
from goldenrecord._cli._width import Column, output_width, print_table, say
from goldenrecord._progress import Stages, reporting
from goldenrecord._resolve import STAGES

# Sample column -> (normalizer kind, per-record option filled from the normalized country).
_DEMO_FIELDS: tuple[tuple[str, str, str | None], ...] = (
    ("first_name", "given_name", None),
    ("last_name", "family_name", None),
    ("email", "email", None),
    ("country", "country", None),
    ("phone", "phone", "region"),
    ("postcode", "postcode", "country"),
    ("birth_date", "date", None),
    ("address", "address", None),
    ("city", "city", None),
)

# Countries that write numeric dates month first (the rest of the sample writes day first).
_MONTH_FIRST = frozenset({"US", "PH", "FM", "MH", "PW"})


def _read_sample() -> list[dict[str, str]]:
    text = resources.files("goldenrecord").joinpath("data/sample_customers.csv").read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def demo_rows() -> tuple[list[dict[str, Any]], dict[str, normalize.ColumnResult]]:
    """Normalize the bundled sample, column by column; return the rows and per-field results."""
    rows = _read_sample()
    results: dict[str, normalize.ColumnResult] = {}
    for column_name, kind, per_record in _DEMO_FIELDS:
        cells = [row[column_name] for row in rows]
        options: dict[str, Any] = {}
        if per_record is not None:
            options[per_record] = results["country"].values
        if kind == "date":
            # Month-first where the record's country writes dates that way, else day-first.
            options["dayfirst"] = [
                None if c is None else c not in _MONTH_FIRST for c in results["country"].values
            ]
        results[column_name] = normalize.column(cells, kind, **options)
    out: list[dict[str, Any]] = []
    for i, row in enumerate(rows):
        record: dict[str, Any] = {"record_id": row["record_id"], "source": row["source"]}
        for column_name, _, _ in _DEMO_FIELDS:
            res = results[column_name]
            value = res.values[i]
            record[column_name] = {
                "raw": row[column_name],
                "canonical": value.isoformat() if hasattr(value, "isoformat") else value,
                "reason": res.reasons[i],
            }
        out.append(record)
    return out, results


def _demo(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.normalize:
        return _demo_normalize(args, out)
    from goldenrecord._demo import demo_summary, run_demo

    with _progress(args, err, total=len(STAGES) + 1) as bar, reporting(bar):
        table, res, seconds = run_demo(args.people, args.seed)
        with Stages(("summary",), report=bar).stage("summary"):
            summary = demo_summary(table, res, seconds, n_profiles=args.profiles)
    summary["data"] = (
        "the bundled sample"
        if args.people is None
        else f"a generated table ({args.people:,} people, seed {args.seed})"
    )
    if args.json:
        json.dump(summary, out, ensure_ascii=False, indent=2, default=str)
        print(file=out)
        return 0
    _print_summary(summary, out)
    return 0


_NORMALIZE_COLUMNS = (
    Column("record"),
    Column("field"),
    Column("raw value", floor=12),
    Column("canonical value", floor=12),
)


def _demo_normalize(args: argparse.Namespace, out: TextIO) -> int:
    records, results = demo_rows()
    if args.json:
        summary = {
            name: {"kept": r.kept, "missing": r.missing, "rejected": dict(r.rejected)}
            for name, r in results.items()
        }
        json.dump({"records": records, "summary": summary}, out, ensure_ascii=False, indent=2)
        print(file=out)
        return 0
    width = output_width(out)
    say(f"goldenrecord {__version__}: normalizing the bundled sample", out, width)
    say(f"({len(records)} customer records from CRM, web shop, till, support, chat)", out, width)
    print(file=out)
    rows: list[list[str]] = []
    for record in records:
        first = True
        for column_name, _, _ in _DEMO_FIELDS:
            cell = record[column_name]
            if not cell["raw"].strip():
                continue
            canonical = cell["canonical"] if cell["reason"] is None else f"✗ {cell['reason']}"
            rows.append(
                [record["record_id"] if first else "", column_name, cell["raw"], str(canonical)]
            )
            first = False
    print_table(_NORMALIZE_COLUMNS, rows, out, width)
    print("\nPer field: kept / missing / rejected by reason", file=out)
    summary_rows = [["field", "kept", "missing", "rejected"]]
    for name, r in results.items():
        rejected = ", ".join(f"{k}={v}" for k, v in sorted(r.rejected.items())) or "-"
        summary_rows.append([name, str(r.kept), str(r.missing), rejected])
    _print_table(summary_rows, out)
    return 0
