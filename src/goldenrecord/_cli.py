"""The ``goldenrecord`` command line (also ``python -m goldenrecord``)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import unicodedata
from collections.abc import Sequence
from importlib import resources
from typing import Any, TextIO

from goldenrecord import __version__, normalize

__all__ = ["main"]

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


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    return s + " " * max(0, width - _width(s))


def _clip(s: str, width: int) -> str:
    if _width(s) <= width:
        return s
    out = ""
    for ch in s:
        if _width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def _print_table(rows: Sequence[Sequence[str]], out: TextIO) -> None:
    widths = [max(_width(r[c]) for r in rows) for c in range(len(rows[0]))]
    for j, row in enumerate(rows):
        print(
            "  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip(), file=out
        )
        if j == 0:
            print("  ".join("-" * w for w in widths), file=out)


def _demo(args: argparse.Namespace, out: TextIO) -> int:
    if args.normalize:
        return _demo_normalize(args, out)
    from goldenrecord._demo import demo_summary, run_demo

    table, res, seconds = run_demo(args.people, args.seed)
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


def _print_summary(s: dict[str, Any], out: TextIO) -> None:
    print(f"goldenrecord {__version__}: resolving {s['data']}", file=out)
    sources = ", ".join(f"{k} {v:,}" for k, v in s["sources"].items())
    print(f"{s['records']:,} customer records ({sources})", file=out)
    print(
        f"→ {s['profiles']:,} golden profiles in {s['seconds']:.2f} s "
        f"({s['candidate_pairs']:,} candidate pairs scored)",
        file=out,
    )
    stages = ", ".join(f"{k} {v:.2f}" for k, v in s["timings"].items())
    print(f"  stages (s): {stages}", file=out)
    acc = s["accuracy"]
    print(
        f"  against the truth ({s['people_in_truth']:,} people): pairwise precision "
        f"{acc['pairwise_precision']:.3f}, recall {acc['pairwise_recall']:.3f}, "
        f"F1 {acc['pairwise_f1']:.3f}; B-cubed F1 {acc['bcubed_f1']:.3f}",
        file=out,
    )
    if s["shared_values"]:
        shared = ", ".join(f"{k} {v}" for k, v in s["shared_values"].items())
        print(f"  values shared by many people, not used as evidence: {shared}", file=out)
    if s["refused_matches"]:
        refused = ", ".join(f"{k} {v}" for k, v in s["refused_matches"].items())
        print(f"  matches refused by a constraint: {refused}", file=out)
    rejected = "; ".join(
        f"{field} " + ", ".join(f"{r} {n}" for r, n in reasons.items())
        for field, reasons in s["rejected_values"].items()
    )
    if rejected:
        print(f"  values rejected: {rejected}", file=out)
    for p in s["showcase"]:
        print(f"\nProfile {p['profile_id']}: {len(p['records'])} records", file=out)
        rows = [["attribute", "golden value", "rule", "from records", "other values"]]
        for field, a in p["attributes"].items():
            rows.append(
                [
                    field,
                    _clip(str(a["value"]), 30),
                    a["rule"],
                    _clip(", ".join(a["records"]), 34),
                    _clip(" | ".join(str(v) for v in a["other_values"]) or "-", 30),
                ]
            )
        _print_table(rows, out)
        consent = ", ".join(f"{k}: {v}" for k, v in p["consent"].items())
        print(f"  consent: {consent}", file=out)
    ex = s["explanation"]
    if ex is not None:
        a, b = ex["records"]
        print(f"\nWhy {a} and {b} are one person:", file=out)
        for line in ex["sentences"]:
            print(f"  {line}", file=out)


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
    print(f"goldenrecord {__version__}: normalizing the bundled sample", file=out)
    print(f"({len(records)} customer records from CRM, web shop, till, support, chat)\n", file=out)
    table: list[list[str]] = [["record", "field", "raw value", "canonical value"]]
    for record in records:
        first = True
        for column_name, _, _ in _DEMO_FIELDS:
            cell = record[column_name]
            if not cell["raw"].strip():
                continue
            canonical = cell["canonical"] if cell["reason"] is None else f"✗ {cell['reason']}"
            table.append(
                [
                    record["record_id"] if first else "",
                    column_name,
                    _clip(cell["raw"], 36),
                    _clip(str(canonical), 36),
                ]
            )
            first = False
    _print_table(table, out)
    print("\nPer field: kept / missing / rejected by reason", file=out)
    summary_rows = [["field", "kept", "missing", "rejected"]]
    for name, r in results.items():
        rejected = ", ".join(f"{k}={v}" for k, v in sorted(r.rejected.items())) or "-"
        summary_rows.append([name, str(r.kept), str(r.missing), rejected])
    _print_table(summary_rows, out)
    return 0


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="goldenrecord",
        description="Customer identity resolution: normalize, match, build golden profiles.",
        epilog="example: goldenrecord demo --json > demo.json",
    )
    parser.add_argument("--version", action="version", version=f"goldenrecord {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo = sub.add_parser(
        "demo",
        help="resolve a generated multilingual customer table into golden profiles",
        description="Resolve the bundled multilingual customer sample (or a freshly "
        "generated table) into golden profiles: a summary with accuracy against the "
        "known truth, a few profiles with the records and rule behind every value, and "
        "the explanation of one merge. --normalize shows the normalizers instead.",
        epilog="examples: goldenrecord demo | goldenrecord demo --people 20000 --seed 7 | "
        "goldenrecord demo --normalize",
    )
    demo.add_argument("--json", action="store_true", help="print machine-readable JSON instead")
    demo.add_argument(
        "--people",
        type=_positive,
        default=None,
        help="generate a table of this many people instead of the bundled sample",
    )
    demo.add_argument("--seed", type=int, default=7, help="seed of the generated table")
    demo.add_argument("--profiles", type=_positive, default=3, help="profiles to show")
    demo.add_argument(
        "--normalize",
        action="store_true",
        help="normalize a small hand-written sample and print a before/after table",
    )
    demo.set_defaults(run=_demo)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the process exit code."""
    args = _parser().parse_args(argv)
    stream = out if out is not None else sys.stdout
    run = args.run
    try:
        code: int = run(args, stream)
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return code
