"""The argument parser: one subcommand per command, each with ``--help`` and examples."""

from __future__ import annotations

import argparse
from typing import Any

from goldenrecord import __version__
from goldenrecord._cli._export_command import add_export
from goldenrecord._cli._file_commands import _demo, _evaluate, _explain, _infer_schema, _resolve
from goldenrecord._cli._help import _FORMATS_HELP, _STORE_HELP, _add_store_options, _HelpFormatter
from goldenrecord._cli._store_commands import (
    _check,
    _forget,
    _history,
    _ingest,
    _lookup,
    _override,
    _profile,
)


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
    demo.add_argument("--quiet", action="store_true", help="draw no progress bar")
    demo.set_defaults(run=_demo)
    _add_resolve(sub)
    _add_infer_schema(sub)
    _add_explain(sub)
    _add_evaluate(sub)
    _add_ingest(sub)
    _add_lookup(sub)
    _add_forget(sub)
    _add_profile(sub)
    _add_history(sub)
    _add_overrides(sub)
    _add_check(sub)
    add_export(sub)
    return parser


def _add_read_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--encoding",
        help="text encoding of CSV and JSON Lines inputs (default UTF-8; a byte-order mark "
        "is detected), e.g. cp1252 or latin-1",
    )
    parser.add_argument(
        "--sep",
        help="CSV delimiter: one character, or comma, semicolon, tab, pipe (default sniffed)",
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
        formatter_class=_HelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="customer file(s)")
    _add_schema_option(p)
    _add_read_options(p)
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
    talk.add_argument("--quiet", action="store_true", help="print no summary and no warnings")
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
        formatter_class=_HelpFormatter,
    )
    p.add_argument("input", metavar="INPUT", help="customer file")
    _add_read_options(p)
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
        formatter_class=_HelpFormatter,
    )
    p.add_argument("input", metavar="INPUT", help="customer file")
    p.add_argument("id_a", metavar="ID_A", help="a record id")
    p.add_argument("id_b", metavar="ID_B", help="another record id")
    _add_schema_option(p)
    _add_read_options(p)
    p.add_argument(
        "--threshold", type=_probability, help="match probability to join records (0.99)"
    )
    p.add_argument("--mask", action="store_true", help="hide the compared values")
    p.add_argument("--json", action="store_true", help="print JSON instead")
    p.add_argument(
        "--quiet", action="store_true", help="print no inferred schema and no progress bar"
    )
    p.set_defaults(run=_explain)


def _add_evaluate(sub: Any) -> None:
    p = sub.add_parser(
        "evaluate",
        help="score a clustering against the truth: pairwise and B-cubed P/R/F1",
        description="Compare predicted clusters with the true entities. Both files "
        "hold a record id column and a cluster column: the two columns of a two-column "
        "file, or columns named like record_id / id and cluster_id / cluster / label / "
        "person_id, or the ones named with --id-column and --label-column (for TRUTH: "
        "--truth-id-column and --truth-label-column, so TRUTH can be the original "
        "customer file). " + _FORMATS_HELP,
        epilog="examples:\n"
        "  goldenrecord resolve customers.csv --out profiles.csv --clusters clusters.csv\n"
        "  goldenrecord evaluate clusters.csv truth.csv\n"
        "  goldenrecord evaluate clusters.parquet truth.csv --label-column person_id --json\n"
        "  goldenrecord evaluate clusters.csv customers.csv --truth-id-column unique_id "
        "--truth-label-column cluster\n"
        "  goldenrecord evaluate clusters.csv dataset3.csv --truth-id-column rec_id "
        "--truth-label-pattern 'rec-(\\d+)'",
        formatter_class=_HelpFormatter,
    )
    p.add_argument("clusters", metavar="CLUSTERS", help="predicted clusters file")
    p.add_argument(
        "truth",
        nargs="+",
        metavar="TRUTH",
        help="true entities file; several are sources named by file stem, as in resolve",
    )
    p.add_argument("--id-column", help="the record id column (in both files)")
    p.add_argument("--label-column", help="the cluster / entity column (in both files)")
    p.add_argument("--truth-id-column", help="the record id column of TRUTH (beats --id-column)")
    p.add_argument("--truth-label-column", help="the entity column of TRUTH (beats --label-column)")
    p.add_argument(
        "--truth-label-pattern",
        metavar="REGEX",
        help="the entity of a TRUTH row is the first group (or the match) of REGEX in its "
        "label column, or in its id column when none is named (FEBRL: 'rec-(\\d+)')",
    )
    _add_read_options(p)
    p.add_argument("--json", action="store_true", help="print every figure as JSON")
    p.set_defaults(run=_evaluate)


def _add_ingest(sub: Any) -> None:
    p = sub.add_parser(
        "ingest",
        help="add or update records in an identity store (created on first use)",
        description="Add the records of a file to an identity store, or update them "
        "(a record is known by its id; unchanged records change nothing), and print what "
        "changed: profiles created, records added and updated, merges and splits. The "
        "first ingest creates the store with the schema (--schema, or inferred from the "
        "column names and printed to stderr) and trains its model on the records. "
        + _FORMATS_HELP
        + " "
        + _STORE_HELP,
        epilog="examples:\n"
        "  goldenrecord ingest customers.db crm.csv --schema schema.json\n"
        "  goldenrecord ingest customers.db shop-today.parquet --source shop\n"
        "  goldenrecord ingest customers.db signups.jsonl --json > events.json",
        formatter_class=_HelpFormatter,
    )
    _add_store_options(p)
    p.add_argument("input", metavar="INPUT", help="customer file")
    _add_read_options(p)
    _add_schema_option(p)
    p.add_argument(
        "--source",
        metavar="NAME",
        help="the records come from source NAME: it fills the schema's source column, "
        "and record keys become NAME:ID (as resolve names the records of several inputs)",
    )
    talk = p.add_mutually_exclusive_group()
    talk.add_argument("--json", action="store_true", help="print the summary and the events")
    talk.add_argument("--quiet", action="store_true", help="print nothing, draw no progress bar")
    p.set_defaults(run=_ingest)


def _add_lookup(sub: Any) -> None:
    p = sub.add_parser(
        "lookup",
        help="find the profiles a record would join, without writing",
        description="Score records against an identity store and print, for each, the "
        "best matching profiles with their match probability and weight; nothing is "
        "written. The record is a JSON object with the store's schema columns (--record) "
        "or each row of a file. " + _FORMATS_HELP + " " + _STORE_HELP,
        epilog="examples:\n"
        '  goldenrecord lookup customers.db --record \'{"email": "ana@example.com"}\'\n'
        "  goldenrecord lookup customers.db new-signups.csv --limit 3 --json\n"
        '  goldenrecord lookup customers.db --record \'{"phone": "+14155550100"}\' '
        "--explain --mask",
        formatter_class=_HelpFormatter,
    )
    _add_store_options(p)
    p.add_argument("input", nargs="?", metavar="INPUT", help="file of records to look up")
    _add_read_options(p)
    p.add_argument("--record", metavar="JSON", help="one record as a JSON object")
    p.add_argument("--limit", type=_positive, default=5, help="profiles per record (5)")
    p.add_argument(
        "--explain", action="store_true", help="say what each comparison added to the weight"
    )
    p.add_argument("--mask", action="store_true", help="hide the compared values")
    p.add_argument("--json", action="store_true", help="print JSON instead")

    def check(args: argparse.Namespace) -> None:
        if (args.input is None) == (args.record is None):
            p.error("give either INPUT or --record JSON, not both or neither")

    p.set_defaults(run=_lookup, check=check)


def _add_forget(sub: Any) -> None:
    p = sub.add_parser(
        "forget",
        help="erase a record (or a whole profile) from an identity store",
        description="Erase a record's personal data from an identity store: its raw and "
        "normalized values, blocking keys, matches and the events naming it; its profile "
        "is rebuilt from the remaining records and a tombstone keeps only a digest of the "
        "key under the store's secret (its key file, STORE.key). It returns once no byte "
        "of the record is left in any file of the store, waiting up to --timeout for "
        "readers that keep the write-ahead log (exit 75 past that: run it again). "
        "Prints what was removed, never the erased values. " + _STORE_HELP,
        epilog="examples:\n"
        "  goldenrecord forget customers.db crm-001\n"
        "  goldenrecord forget customers.db gp_f6fc42039fba3776 --profile --json",
        formatter_class=_HelpFormatter,
    )
    _add_store_options(p)
    p.add_argument("id", metavar="ID", help="the record key (with --profile: the profile id)")
    p.add_argument("--profile", action="store_true", help="erase every record of the profile ID")
    p.add_argument("--json", action="store_true", help="print JSON instead")
    p.set_defaults(run=_forget)


def _add_profile(sub: Any) -> None:
    p = sub.add_parser(
        "profile",
        help="show a golden profile of an identity store, with lineage",
        description="Show a golden profile: every value with the survivorship rule "
        "that chose it and the records that carried it, the other values seen, and "
        "consent. " + _STORE_HELP,
        epilog="examples:\n"
        "  goldenrecord profile customers.db gp_f6fc42039fba3776\n"
        "  goldenrecord profile customers.db crm-001 --record --json\n"
        "  goldenrecord profile customers.db gp_f6fc42039fba3776 --purpose marketing_email",
        formatter_class=_HelpFormatter,
    )
    _add_store_options(p)
    p.add_argument("id", metavar="ID", help="the profile id (with --record: a record key)")
    p.add_argument("--record", action="store_true", help="show the profile holding record ID")
    p.add_argument(
        "--purpose",
        help="a consent purpose of the schema: without consent yes, no values are shown",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead")
    p.set_defaults(run=_profile)


def _add_history(sub: Any) -> None:
    p = sub.add_parser(
        "history",
        help="list the events of a profile: created, records added, merges, splits",
        description="List what happened to a profile, oldest first: its creation, "
        "records added and updated, merges (and which id survived), splits, changed "
        "golden fields and erasures (profile ids and record keys, no values). " + _STORE_HELP,
        epilog="examples:\n"
        "  goldenrecord history customers.db gp_f6fc42039fba3776\n"
        "  goldenrecord history customers.db gp_f6fc42039fba3776 --json",
        formatter_class=_HelpFormatter,
    )
    _add_store_options(p)
    p.add_argument("profile_id", metavar="PROFILE_ID", help="the profile id")
    p.add_argument("--json", action="store_true", help="print JSON instead")
    p.set_defaults(run=_history)


def _add_overrides(sub: Any) -> None:
    for command, summary, effect in (
        ("link", "keep two records in one profile", "joins their profiles if they were apart"),
        ("unlink", "keep two records apart", "splits their profile if they shared one"),
    ):
        p = sub.add_parser(
            command,
            help=f"{summary}, a reviewer's decision every later ingest respects",
            description=f"{summary[0].upper()}{summary[1:]} from now on: the decision is "
            f"stored, every later ingest respects it, and it {effect}. Prints the events "
            "(profile ids and record keys, no values). " + _STORE_HELP,
            epilog="examples:\n"
            f"  goldenrecord {command} customers.db crm-001 shop-101\n"
            f"  goldenrecord {command} customers.db crm-001 shop-101 --json",
            formatter_class=_HelpFormatter,
        )
        _add_store_options(p)
        p.add_argument("a", metavar="RECORD_A", help="a record key")
        p.add_argument("b", metavar="RECORD_B", help="another record key")
        p.add_argument("--json", action="store_true", help="print the events as JSON")
        p.set_defaults(run=_override)


def _add_check(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="check an identity store file: SQLite's integrity_check and the store's own",
        description="Check an identity store file without changing it: the SQLite header "
        "and tables, PRAGMA integrity_check, and the store's own consistency (every record "
        "in a profile that exists, profile sizes, stored JSON that parses, nothing left "
        "pointing at an erased record). Exits 0 when the store is sound, 1 with the "
        "problems on stderr (no stored values) otherwise. " + _STORE_HELP,
        epilog="examples:\n"
        "  goldenrecord check customers.db\n"
        "  goldenrecord check customers.db --json",
        formatter_class=_HelpFormatter,
    )
    _add_store_options(p)
    p.add_argument("--json", action="store_true", help="print the verdict as JSON")
    p.set_defaults(run=_check)
