"""The ``goldenrecord`` command line (also ``python -m goldenrecord``).

Commands: ``demo``, ``resolve``, ``infer-schema``, ``explain`` and ``evaluate``; each
has ``--help`` with examples. Exit codes: 0 done, 1 a problem with the settings or the
files (one line on stderr, no traceback, no personal values), 2 a usage error.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from goldenrecord import __version__, normalize
from goldenrecord._evaluate import evaluate
from goldenrecord._io import file_format, read_table
from goldenrecord._resolve import Resolution, resolve
from goldenrecord.errors import GoldenRecordError, SettingsError
from goldenrecord.schema import Schema

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


def _demo(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
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


def _source_name(path: str) -> str:
    """A file's name without its suffixes: ``crm.csv.gz`` → ``crm``."""
    name = Path(path).name
    return name.split(".", 1)[0] or name


def _read_inputs(paths: Sequence[str]) -> object:
    """One input as its columns, several as a mapping of source (file stem) to columns."""
    if len(paths) == 1:
        return read_table(paths[0])
    names = [_source_name(p) for p in paths]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise SettingsError(
            f"inputs are sources named by file stem, and {', '.join(map(repr, repeated))} "
            "names more than one; rename the files"
        )
    return {n: read_table(p) for n, p in zip(names, paths, strict=True)}


def _schema(args: argparse.Namespace, data: object, err: TextIO) -> tuple[Schema, bool]:
    """The schema from ``--schema``, or inferred from the first input and shown on stderr."""
    if args.schema is not None:
        try:
            text = Path(args.schema).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise SettingsError(f"no such schema file: {args.schema!r}") from None
        return Schema.from_json(text), False
    first = data
    if isinstance(data, dict) and len(getattr(args, "inputs", ())) > 1:
        first = next(iter(data.values()))
    schema = Schema.infer(first)
    if not getattr(args, "quiet", False):
        print(
            "goldenrecord: no --schema given; inferred from the column names (save it with "
            "`goldenrecord infer-schema`, edit it and pass --schema):",
            file=err,
        )
        print(schema.to_json(), file=err)
    return schema, True


_OUTPUTS = (
    ("out", "profiles"),
    ("pairs", "pairs"),
    ("lineage", "lineage"),
    ("clusters", "clusters"),
)


def _resolve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    for option, _ in _OUTPUTS:  # refuse a wrong output name before the work, not after
        target = getattr(args, option)
        if target is not None:
            file_format(target)
            if not Path(target).resolve().parent.is_dir():
                raise SettingsError(f"--{option}: no such folder for {target!r}")
    start = time.perf_counter()
    data = _read_inputs(args.inputs)
    read_seconds = round(time.perf_counter() - start, 4)
    schema, inferred = _schema(args, data, err)
    res = resolve(data, schema, threshold=args.threshold, purpose=args.purpose)
    written: dict[str, str] = {}
    for option, what in _OUTPUTS:
        target = getattr(args, option)
        if target is not None:
            res.write(target, what=what, purpose=args.purpose if what == "profiles" else None)
            written[what] = target
    summary = _resolve_summary(res, inferred, written, read_seconds)
    summary["seconds"] = round(time.perf_counter() - start, 2)
    if args.json:
        json.dump(summary, out, ensure_ascii=False, indent=2)
        print(file=out)
    elif not args.quiet:
        _print_resolve_summary(summary, out)
    return 0


def _resolve_summary(
    res: Resolution, inferred: bool, written: dict[str, str], read_seconds: float
) -> dict[str, Any]:
    """The figures of a resolution, JSON-ready; no personal values (column names and counts)."""
    report = res.report
    return {
        "records": report.n_input,
        "sources": dict(Counter(s for s in res.prepared.sources if s is not None)),
        "profiles": report.n_clusters,
        "rejected_records": len(res.rejected),
        "rejected_by_reason": dict(Counter(r.reason for r in res.rejected)),
        "rejected_values": {f: dict(r) for f, r in report.rejected_values.items() if r},
        "candidate_pairs": len(res.pairs),
        "refused_matches": dict(report.refused),
        "shared_values": dict(report.shared_values),
        "purpose": report.purpose,
        "consent_withheld": report.consent_withheld,
        "threshold": report.model["threshold"],
        "timings": {"read": read_seconds, **report.timings},
        "schema_inferred": inferred,
        "schema": report.schema.to_dict(),
        "outputs": written,
    }


def _print_resolve_summary(s: dict[str, Any], out: TextIO) -> None:
    sources = ", ".join(f"{k} {v:,}" for k, v in s["sources"].items())
    print(
        f"goldenrecord {__version__}: {s['records']:,} records"
        + (f" ({sources})" if sources else "")
        + f" → {s['profiles']:,} profiles in {s['seconds']:.2f} s",
        file=out,
    )
    rejected = ", ".join(f"{k} {v:,}" for k, v in s["rejected_by_reason"].items())
    print(
        f"  rejected records: {s['rejected_records']:,}" + (f" ({rejected})" if rejected else ""),
        file=out,
    )
    values = "; ".join(
        f"{field} " + ", ".join(f"{r} {n:,}" for r, n in reasons.items())
        for field, reasons in s["rejected_values"].items()
    )
    print(f"  rejected values: {values or 'none'}", file=out)
    print(f"  candidate pairs: {s['candidate_pairs']:,}", file=out)
    if s["refused_matches"]:
        refused = ", ".join(f"{k} {v:,}" for k, v in s["refused_matches"].items())
        print(f"  matches refused by a constraint: {refused}", file=out)
    if s["shared_values"]:
        shared = ", ".join(f"{k} {v:,}" for k, v in s["shared_values"].items())
        print(f"  values shared by many people, not used as evidence: {shared}", file=out)
    if s["purpose"] is not None:
        print(
            f"  purpose {s['purpose']}: {s['consent_withheld']:,} records kept apart "
            "(their own consent is no)",
            file=out,
        )
    stages = ", ".join(f"{k} {v:.2f}" for k, v in s["timings"].items())
    print(f"  stages (s): {stages}", file=out)
    for what, path in s["outputs"].items():
        print(f"  wrote {what}: {path}", file=out)


def _infer_schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    schema = Schema.infer(read_table(args.input), default_region=args.default_region)
    print(schema.to_json(), file=out)
    if schema.inferred and not args.quiet:
        how = ", ".join(f"{c} by {h}" for c, h in schema.inferred.items())
        print(f"goldenrecord: fields chosen by column name or values: {how}", file=err)
    return 0


def _explain(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    data = read_table(args.input)
    schema, _ = _schema(args, data, err)
    res = resolve(data, schema, threshold=args.threshold)
    ex = res.explain(args.id_a, args.id_b, mask=args.mask)
    same = res.clusters[args.id_a] == res.clusters[args.id_b]
    if args.json:
        doc = {
            "records": [args.id_a, args.id_b],
            "same_profile": same,
            "candidate": ex.candidate,
            "prior": ex.prior,
            "match_weight": ex.match_weight,
            "match_probability": ex.match_probability,
            "deterministic": None if ex.deterministic is None else list(ex.deterministic),
            "contributions": [
                {
                    "comparison": c.comparison,
                    "level": c.level,
                    "label": c.label,
                    "value_a": c.value_a,
                    "value_b": c.value_b,
                    "m": c.m,
                    "u": c.u,
                    "bits": c.total,
                    "shared": c.shared,
                }
                for c in ex.contributions
            ],
            "sentences": ex.sentences,
        }
        json.dump(doc, out, ensure_ascii=False, indent=2, default=str)
        print(file=out)
        return 0
    verdict = "in the same profile" if same else "in different profiles"
    print(f"{args.id_a} and {args.id_b} are {verdict} ({res.clusters[args.id_a]}", end="", file=out)
    print(f"{'' if same else ', ' + res.clusters[args.id_b]})", file=out)
    if not ex.candidate:
        print("  (blocking never paired them; the figures show what they would score)", file=out)
    for line in ex.sentences:
        print(f"  {line}", file=out)
    return 0


_ID_NAMES = ("record_id", "id", "record", "key", "record_key")
_LABEL_NAMES = (
    "cluster_id",
    "cluster",
    "profile_id",
    "label",
    "entity_id",
    "person_id",
    "truth",
    "true_cluster",
)


def _id_label(
    columns: dict[str, list[Any]], side: str, id_column: str | None, label_column: str | None
) -> list[tuple[Any, Any]]:
    """The (id, label) pairs of a clusters or truth file."""
    names = list(columns)
    available = ", ".join(names) or "none"
    for option, name in (("--id-column", id_column), ("--label-column", label_column)):
        if name is not None and name not in columns:
            raise SettingsError(
                f"{option} {name!r} is not a column of {side}; columns: {available}"
            )
    if id_column is None:
        if len(names) == 2 and label_column is None:
            id_column = names[0]
        else:
            id_column = next((n for n in _ID_NAMES if n in columns and n != label_column), None)
    if label_column is None:
        rest = [n for n in names if n != id_column]
        if len(names) == 2 and len(rest) == 1:
            label_column = rest[0]
        else:
            label_column = next((n for n in _LABEL_NAMES if n in rest), None)
    if id_column is None or label_column is None:
        raise SettingsError(
            f"cannot tell the id and cluster columns of {side} (columns: {available}); "
            "name them with --id-column and --label-column"
        )
    return list(zip(columns[id_column], columns[label_column], strict=True))


def _evaluate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    clusters = _id_label(read_table(args.clusters), "CLUSTERS", args.id_column, args.label_column)
    truth = _id_label(read_table(args.truth), "TRUTH", args.id_column, args.label_column)
    ev = evaluate(clusters, truth)
    if args.json:
        json.dump(ev.as_dict(), out, indent=2)
        print(file=out)
        return 0
    rows = [
        ["", "precision", "recall", "F1"],
        *(
            [
                name,
                f"{getattr(ev, key + '_precision'):.4f}",
                f"{getattr(ev, key + '_recall'):.4f}",
                f"{getattr(ev, key + '_f1'):.4f}",
            ]
            for name, key in (("pairwise", "pairwise"), ("B-cubed", "bcubed"))
        ),
    ]
    print(
        f"{ev.records:,} records: {ev.predicted_clusters:,} predicted clusters, "
        f"{ev.true_clusters:,} true",
        file=out,
    )
    _print_table(rows, out)
    print(
        f"merged stranger pairs {ev.false_positive_pairs:,}, missed pairs "
        f"{ev.false_negative_pairs:,}, over-merged clusters {ev.over_merged_clusters:,}, "
        f"split entities {ev.split_entities:,}",
        file=out,
    )
    missing = ev.missing_from_clusters + ev.missing_from_truth
    if missing:
        print(
            f"records on one side only (not evaluated): {ev.missing_from_clusters:,} missing "
            f"from CLUSTERS, {ev.missing_from_truth:,} missing from TRUTH",
            file=out,
        )
    return 0


def _probability(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not 0.0 < value < 1.0:
        raise argparse.ArgumentTypeError(f"expected a probability in (0, 1), got {value}")
    return value


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
    _add_resolve(sub)
    _add_infer_schema(sub)
    _add_explain(sub)
    _add_evaluate(sub)
    return parser


_FORMATS_HELP = (
    "Files are CSV (UTF-8 with a header; an empty cell is a missing value), Parquet or "
    "JSON Lines, chosen by suffix (.csv, .parquet, .jsonl; .csv.gz and the like too)."
)


def _add_schema_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--schema",
        metavar="FILE",
        help="schema JSON (from infer-schema or Schema.to_json); inferred from the column "
        "names when omitted, and printed to stderr",
    )


def _add_resolve(sub: Any) -> None:
    p = sub.add_parser(
        "resolve",
        help="resolve customer files into golden profiles and write them",
        description="Resolve one or more customer files into golden profiles and write "
        "them, with optional pairs, lineage and clusters files. Several inputs are "
        "several sources, each named by its file stem (record keys are then "
        "'source:id'). " + _FORMATS_HELP,
        epilog="examples:\n"
        "  goldenrecord resolve customers.csv --out profiles.parquet\n"
        "  goldenrecord resolve crm.csv shop.jsonl --schema schema.json --out profiles.csv "
        "--lineage lineage.parquet --clusters clusters.csv\n"
        "  goldenrecord resolve customers.csv --out profiles.csv --purpose marketing_email "
        "--threshold 0.95 --json > summary.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="customer file(s)")
    _add_schema_option(p)
    p.add_argument("--out", required=True, metavar="FILE", help="golden profiles file to write")
    p.add_argument("--pairs", metavar="FILE", help="also write the scored candidate pairs")
    p.add_argument("--lineage", metavar="FILE", help="also write every value's lineage")
    p.add_argument("--clusters", metavar="FILE", help="also write record_id → cluster_id")
    p.add_argument(
        "--purpose",
        help="a consent purpose of the schema: records whose own consent is no are not "
        "merged, and profiles without consent are written without personal values",
    )
    p.add_argument(
        "--threshold", type=_probability, help="match probability to join records (0.99)"
    )
    talk = p.add_mutually_exclusive_group()
    talk.add_argument("--json", action="store_true", help="print the summary as JSON")
    talk.add_argument("--quiet", action="store_true", help="print no summary")
    p.set_defaults(run=_resolve)


def _add_infer_schema(sub: Any) -> None:
    p = sub.add_parser(
        "infer-schema",
        help="guess a schema from a file's column names and print it as JSON",
        description="Guess which column holds what from the column names (and values "
        "when the names say nothing), and print the schema as JSON to edit and pass to "
        "resolve --schema. " + _FORMATS_HELP,
        epilog="examples:\n"
        "  goldenrecord infer-schema customers.csv > schema.json\n"
        "  goldenrecord infer-schema customers.parquet --default-region GB",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("input", metavar="INPUT", help="customer file")
    p.add_argument(
        "--default-region", help="ISO 3166 region for phones and postcodes without a country"
    )
    p.add_argument("--quiet", action="store_true", help="print only the schema")
    p.set_defaults(run=_infer_schema)


def _add_explain(sub: Any) -> None:
    p = sub.add_parser(
        "explain",
        help="explain the match weight of two records of a file",
        description="Resolve a file and explain the match weight of two of its records: "
        "the prior and what every comparison added, and whether they ended in one "
        "profile. " + _FORMATS_HELP,
        epilog="examples:\n"
        "  goldenrecord explain customers.csv crm-001 shop-101\n"
        "  goldenrecord explain customers.csv crm-001 shop-101 --mask --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("input", metavar="INPUT", help="customer file")
    p.add_argument("id_a", metavar="ID_A", help="a record id")
    p.add_argument("id_b", metavar="ID_B", help="another record id")
    _add_schema_option(p)
    p.add_argument(
        "--threshold", type=_probability, help="match probability to join records (0.99)"
    )
    p.add_argument("--mask", action="store_true", help="hide the compared values")
    p.add_argument("--json", action="store_true", help="print JSON instead")
    p.add_argument("--quiet", action="store_true", help="do not print an inferred schema")
    p.set_defaults(run=_explain)


def _add_evaluate(sub: Any) -> None:
    p = sub.add_parser(
        "evaluate",
        help="score a clustering against the truth: pairwise and B-cubed P/R/F1",
        description="Compare predicted clusters with the true entities. Both files "
        "hold a record id column and a cluster column: the two columns of a two-column "
        "file, or columns named like record_id / id and cluster_id / cluster / label / "
        "person_id, or the ones named with --id-column and --label-column. " + _FORMATS_HELP,
        epilog="examples:\n"
        "  goldenrecord resolve customers.csv --out profiles.csv --clusters clusters.csv\n"
        "  goldenrecord evaluate clusters.csv truth.csv\n"
        "  goldenrecord evaluate clusters.parquet truth.csv --label-column person_id --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("clusters", metavar="CLUSTERS", help="predicted clusters file")
    p.add_argument("truth", metavar="TRUTH", help="true entities file")
    p.add_argument("--id-column", help="the record id column (in both files)")
    p.add_argument("--label-column", help="the cluster / entity column (in both files)")
    p.add_argument("--json", action="store_true", help="print every figure as JSON")
    p.set_defaults(run=_evaluate)


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; return the process exit code.

    Args:
        argv: the arguments (default ``sys.argv[1:]``).
        out: where results go (default stdout).
        err: where notes and errors go (default stderr).

    Returns:
        0 when done; 1 for a problem with the settings or the files, reported in one
        line on ``err``. A usage error exits with 2 (``SystemExit``, from argparse).
    """
    args = _parser().parse_args(argv)
    stream = out if out is not None else sys.stdout
    errors = err if err is not None else sys.stderr
    run = args.run
    try:
        code: int = run(args, stream, errors)
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except (GoldenRecordError, ImportError, OSError) as problem:
        message = " ".join(str(problem).split()) or type(problem).__name__
        print(f"goldenrecord {args.command}: error: {message}", file=errors)
        return 1
    return code
