"""The ``goldenrecord`` command line (also ``python -m goldenrecord``).

Commands: ``demo``, ``resolve``, ``infer-schema``, ``explain`` and ``evaluate`` on
files; ``ingest``, ``lookup``, ``forget``, ``profile``, ``history``, ``link`` and
``unlink`` on an identity store. Each has ``--help`` with examples. Exit codes: 0 done,
1 a problem with the settings, the files or the store (one line on stderr, no
traceback, no personal values), 2 a usage error, 75 a store that another process kept
busy (try again).

``demo``, ``resolve``, ``explain`` and ``ingest`` draw a progress bar of the pipeline's
stages on stderr when it is a terminal (not with ``--quiet``).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import secrets
import sqlite3
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

import attrs

from goldenrecord import __version__, normalize
from goldenrecord._evaluate import evaluate
from goldenrecord._io import file_format, read_table
from goldenrecord._progress import StageBar, Stages, reporting
from goldenrecord._resolve import STAGES, Resolution, resolve
from goldenrecord.errors import GoldenRecordError, SettingsError
from goldenrecord.match import Explanation
from goldenrecord.normalize._common import as_text
from goldenrecord.profile import Profile
from goldenrecord.schema import Schema
from goldenrecord.store import (
    Event,
    IdentityStore,
    ProfileCreated,
    ProfileRemoved,
    ProfilesMerged,
    ProfileSplit,
    RecordAdded,
    RecordsForgotten,
    RecordUpdated,
    StoreBusyError,
    StoreError,
    ValuesChanged,
)

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
        print(file=out)
        _print_profile(p, out)
    ex = s["explanation"]
    if ex is not None:
        a, b = ex["records"]
        print(f"\nWhy {a} and {b} are one person:", file=out)
        for line in ex["sentences"]:
            print(f"  {line}", file=out)


def _print_profile(p: dict[str, Any], out: TextIO) -> None:
    """A profile's golden values with the rule and records behind each, and its consent."""
    print(f"Profile {p['profile_id']}: {len(p['records'])} records", file=out)
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
    if p["consent"]:
        consent = ", ".join(f"{k}: {v}" for k, v in p["consent"].items())
        print(f"  consent: {consent}", file=out)


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


def _schema_file(args: argparse.Namespace) -> Schema | None:
    """The schema of ``--schema``, if given."""
    if args.schema is None:
        return None
    try:
        text = Path(args.schema).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SettingsError(f"no such schema file: {args.schema!r}") from None
    return Schema.from_json(text)


def _schema(
    args: argparse.Namespace, data: object, err: TextIO, bar: StageBar | None = None
) -> tuple[Schema, bool]:
    """The schema from ``--schema``, or inferred from the first input and shown on stderr
    (above the progress bar, when one is drawn)."""
    given = _schema_file(args)
    if given is not None:
        return given, False
    first = data
    if isinstance(data, dict) and len(getattr(args, "inputs", ())) > 1:
        first = next(iter(data.values()))
    schema = Schema.infer(first)
    if not getattr(args, "quiet", False):
        note = (
            "goldenrecord: no --schema given; inferred from the column names (save it with "
            "`goldenrecord infer-schema`, edit it and pass --schema):\n" + schema.to_json()
        )
        if bar is not None:
            bar.write(note)
        else:
            print(note, file=err)
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
    written: dict[str, str] = {}
    with _progress(args, err, total=len(STAGES) + 3) as bar:
        stages = Stages(("read", "profiles", "write"), report=bar)
        with stages.stage("read"):
            data = _read_inputs(args.inputs)
        schema, inferred = _schema(args, data, err, bar)
        res = resolve(data, schema, threshold=args.threshold, purpose=args.purpose, progress=bar)
        with stages.stage("profiles"):
            res.profiles  # noqa: B018 (built here, to be timed and reported on its own)
        with stages.stage("write"):
            for option, what in _OUTPUTS:
                target = getattr(args, option)
                if target is not None:
                    purpose = args.purpose if what == "profiles" else None
                    res.write(target, what=what, purpose=purpose)
                    written[what] = target
    timings = {"read": stages.timings.pop("read"), **res.report.timings, **stages.timings}
    summary = _resolve_summary(res, inferred, written, timings)
    summary["seconds"] = round(time.perf_counter() - start, 2)
    if args.json:
        json.dump(summary, out, ensure_ascii=False, indent=2)
        print(file=out)
    elif not args.quiet:
        _print_resolve_summary(summary, out)
    return 0


def _resolve_summary(
    res: Resolution, inferred: bool, written: dict[str, str], timings: dict[str, float]
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
        "timings": timings,
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
    with _progress(args, err, total=len(STAGES) + 1) as bar:
        with Stages(("read",), report=bar).stage("read"):
            data = read_table(args.input)
        schema, _ = _schema(args, data, err, bar)
        res = resolve(data, schema, threshold=args.threshold, progress=bar)
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


# -- the identity store ---------------------------------------------------------

EXIT_BUSY = 75
"""The exit code when another process held the store's write lock past ``--timeout``
(``EX_TEMPFAIL`` of sysexits.h: try again later)."""


@contextmanager
def _progress(args: argparse.Namespace, err: TextIO, *, total: int) -> Iterator[StageBar | None]:
    """A progress bar over ``total`` stages on ``err``, unless ``--quiet`` or ``err``
    is not a terminal; wiped on the way out."""
    isatty = getattr(err, "isatty", None)
    if getattr(args, "quiet", False) or not (callable(isatty) and isatty()):
        yield None
        return
    bar = StageBar(err, total=total)
    try:
        yield bar
    finally:
        bar.close()


def _open_store(path: str, timeout: float, schema: Schema | None = None) -> IdentityStore:
    """The store at ``path``; a missing file is an error, unless a schema is given
    for a new store."""
    if not Path(path).is_file() and schema is None:
        raise StoreError(f"no identity store at {path!r} (`goldenrecord ingest` creates one)")
    try:
        return IdentityStore(path, schema=schema, timeout=timeout)
    except sqlite3.DatabaseError as problem:
        raise StoreError(f"{path!r} is not an identity store ({problem})") from None


def _building(path: str) -> str:
    """Where a new store is built before it appears at ``path`` (same folder)."""
    target = Path(path)
    if target.exists():
        raise StoreError(f"{path!r} is not an identity store (not a file)")
    if not target.resolve().parent.is_dir():
        raise SettingsError(f"no such folder for the store {path!r}")
    return str(target.with_name(f".{target.name}.{secrets.token_hex(4)}.new"))


def _publish(building: str, path: str) -> None:
    """Make a new store, built and closed, appear at ``path`` at once (never over a
    store another process created meanwhile)."""
    try:
        os.link(building, path)
    except FileExistsError:
        raise StoreError(
            f"another process created a store at {path!r} during this ingest; run it again"
        ) from None
    Path(building).unlink()


def _remove_store(path: str) -> None:
    """Delete a store file with SQLite's companion files."""
    for suffix in ("", "-wal", "-shm"):
        Path(path + suffix).unlink(missing_ok=True)


_TWO_SOURCES = "--source: the input has a source column {column!r} already; drop one of them"


def _add_source(
    columns: dict[str, list[Any]], column: str | None, name: str
) -> dict[str, list[Any]]:
    """The input with the source column ``column`` holding ``name`` in every row."""
    if column is None:
        raise SettingsError("--source needs a schema with a source column; this one has none")
    if column in columns:
        raise SettingsError(_TWO_SOURCES.format(column=column))
    n = len(next(iter(columns.values()), []))
    return {**columns, column: [name] * n}


def _prefix_ids(columns: dict[str, list[Any]], id_column: str, name: str) -> None:
    """Record ids become ``name:id``, as :func:`goldenrecord.resolve` keys the records
    of several sources (a missing id stays missing)."""
    if id_column in columns:
        texts = (as_text(v) for v in columns[id_column])
        columns[id_column] = [f"{name}:{t}" if isinstance(t, str) else None for t in texts]


def _event_doc(event: Event) -> dict[str, Any]:
    """An event as JSON: its type, then its fields (profile ids and record keys only)."""
    fields = attrs.asdict(event).items()
    return {"type": event.kind, **{k: list(v) if isinstance(v, tuple) else v for k, v in fields}}


def _tally(events: Sequence[Event]) -> dict[str, int]:
    """What the events of one call did, in counts."""

    def count(kind: type[Event]) -> int:
        return sum(isinstance(e, kind) for e in events)

    def records(kind: type[Event]) -> int:
        return sum(len(getattr(e, "record_keys", ())) for e in events if isinstance(e, kind))

    return {
        "profiles_created": count(ProfileCreated),
        "records_in_new_profiles": records(ProfileCreated),
        "records_added": records(RecordAdded),
        "records_updated": records(RecordUpdated),
        "merges": count(ProfilesMerged),
        "splits": count(ProfileSplit),
        "profiles_removed": count(ProfileRemoved),
        "profiles_with_changed_values": count(ValuesChanged),
    }


def _ingest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    fresh = not Path(args.store).is_file()
    start = time.perf_counter()
    with _progress(args, err, total=2 + (len(STAGES) if fresh else 0)) as bar:
        stages = Stages(("read", "ingest"), report=bar)
        with stages.stage("read"):
            columns = read_table(args.input)
        given = _schema_file(args)
        store = None if fresh else _open_store(args.store, args.timeout, given)
        building = _building(args.store) if fresh else args.store
        try:
            schema = store.schema if store is not None else given
            if args.source is not None:
                column = "source" if schema is None else schema.source
                columns = _add_source(columns, column, args.source)
            inferred = schema is None
            if schema is None:
                schema, _ = _schema(args, columns, err, bar)
                if args.source is not None and schema.source != "source":
                    raise SettingsError(_TWO_SOURCES.format(column=schema.source))
            if args.source is not None:
                _prefix_ids(columns, schema.id, args.source)
            if store is None:
                store = _open_store(building, args.timeout, schema)
            with stages.stage("ingest"), reporting(bar):
                events = store.ingest(columns)
            held = len(store), store.n_profiles
            if fresh:
                store.close()
                _publish(building, args.store)
        finally:
            if store is not None:
                store.close()
            if fresh:
                _remove_store(building)  # gone already once published
    summary: dict[str, Any] = {
        "store": args.store,
        "input": args.input,
        "rows": len(next(iter(columns.values()), [])),
        **_tally(events),
        "store_records": held[0],
        "store_profiles": held[1],
        "schema_inferred": inferred,
        "seconds": round(time.perf_counter() - start, 2),
        "timings": stages.timings,
    }
    if args.json:
        summary["events"] = [_event_doc(e) for e in events]
        json.dump(summary, out, ensure_ascii=False, indent=2)
        print(file=out)
    elif not args.quiet:
        _print_ingest_summary(summary, out)
    return 0


def _print_ingest_summary(s: dict[str, Any], out: TextIO) -> None:
    print(
        f"goldenrecord {__version__}: {s['rows']:,} rows of {s['input']} ingested into "
        f"{s['store']} in {s['seconds']:.2f} s",
        file=out,
    )
    print(
        f"  profiles created: {s['profiles_created']:,} "
        f"(holding {s['records_in_new_profiles']:,} records)",
        file=out,
    )
    print(f"  records added to existing profiles: {s['records_added']:,}", file=out)
    print(f"  records updated: {s['records_updated']:,}", file=out)
    print(
        f"  merges: {s['merges']:,}, splits: {s['splits']:,}, "
        f"profiles removed: {s['profiles_removed']:,}",
        file=out,
    )
    changed = s["profiles_with_changed_values"]
    print(f"  profiles whose golden values changed: {changed:,}", file=out)
    print(
        f"  the store holds {s['store_records']:,} records in {s['store_profiles']:,} profiles",
        file=out,
    )
    stages = ", ".join(f"{k} {v:.2f}" for k, v in s["timings"].items())
    print(f"  stages (s): {stages}", file=out)


def _lookup_records(args: argparse.Namespace) -> list[dict[str, Any]]:
    """The records to look up: the ``--record`` object, or the rows of INPUT."""
    if args.record is not None:
        try:
            record = json.loads(args.record)
        except json.JSONDecodeError as problem:
            raise SettingsError(f"--record is not valid JSON ({problem.msg})") from None
        if not isinstance(record, dict):
            raise SettingsError("--record takes a JSON object of column to value")
        return [record]
    columns = read_table(args.input)
    n = len(next(iter(columns.values()), []))
    return [{c: cells[i] for c, cells in columns.items()} for i in range(n)]


def _lookup(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    records = _lookup_records(args)
    with _open_store(args.store, args.timeout) as store:
        id_column = store.schema.id
        found: list[dict[str, Any]] = []
        for row, record in enumerate(records, 1):
            matches = store.lookup(record, limit=args.limit)
            found.append(
                {
                    "row": row,
                    "record_id": record.get(id_column),
                    "matches": [
                        {
                            "profile_id": m.profile_id,
                            "record_key": m.record_key,
                            "weight": round(m.weight, 4),
                            "probability": m.probability,
                            "matched": m.matched,
                            **(
                                {"explanation": _sentences(m.explanation, args.mask)}
                                if args.explain
                                else {}
                            ),
                        }
                        for m in matches
                    ],
                }
            )
    if args.json:
        json.dump({"store": args.store, "lookups": found}, out, ensure_ascii=False, indent=2)
        print(file=out)
        return 0
    for item in found:
        name = f"row {item['row']}" + (
            f" (id {item['record_id']})" if item["record_id"] is not None else ""
        )
        if not item["matches"]:
            print(f"{name}: no candidate profile (a new profile on ingest)", file=out)
            continue
        hits = sum(m["matched"] for m in item["matches"])
        print(
            f"{name}: {len(item['matches'])} candidate profiles, {hits} above threshold", file=out
        )
        rows = [["profile", "probability", "weight", "best record", "verdict"]]
        for m in item["matches"]:
            rows.append(
                [
                    m["profile_id"],
                    f"{m['probability']:.4f}",
                    f"{m['weight']:.2f}",
                    m["record_key"],
                    "joins" if m["matched"] else "apart",
                ]
            )
        _print_table(rows, out)
        for m in item["matches"]:
            for line in m.get("explanation", ()):
                print(f"  {m['profile_id']}: {line}", file=out)
    return 0


def _sentences(explanation: Explanation, mask: bool) -> list[str]:
    return (explanation.masked() if mask else explanation).sentences


def _forget(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with _open_store(args.store, args.timeout) as store:
        before = len(store)
        events = store.forget_profile(args.id) if args.profile else store.forget(args.id)
        erased = before - len(store)
        doc = {
            "store": args.store,
            "records_erased": erased,
            "profiles_rebuilt": sorted(
                {e.profile_id for e in events if isinstance(e, RecordsForgotten)}
            ),
            "profiles_removed": sorted(
                {e.profile_id for e in events if isinstance(e, ProfileRemoved)}
            ),
            "tombstones": store.tombstones(),
            "events": [_event_doc(e) for e in events],
        }
    if args.json:
        json.dump(doc, out, ensure_ascii=False, indent=2)
        print(file=out)
        return 0
    print(f"goldenrecord: erased {erased:,} record(s) from {args.store}", file=out)
    for pid in doc["profiles_rebuilt"]:
        print(f"  profile {pid}: rebuilt from its remaining records", file=out)
    for pid in doc["profiles_removed"]:
        print(f"  profile {pid}: removed (no records left)", file=out)
    for e in events:
        if isinstance(e, ProfileSplit):
            print(f"  profile {e.profile_id}: split, parts {', '.join(e.split_ids)}", file=out)
    print(
        f"  the store keeps {doc['tombstones']:,} tombstone(s): salted hashes of erased "
        "keys, no values",
        file=out,
    )
    return 0


def _profile_doc(p: Profile, purposes: Iterable[str]) -> dict[str, Any]:
    """A profile as JSON-ready data: members, golden values with lineage, consent."""
    return {
        "profile_id": p.profile_id,
        "records": list(p.record_ids),
        "attributes": {
            field: {
                "value": v.value,
                "rule": v.rule,
                "records": list(v.record_ids),
                "sources": list(v.sources),
                "other_values": [o.value for o in p.values(field)[1:]],
            }
            for field, v in p.attributes.items()
        },
        "consent": {purpose: p.consent(purpose) for purpose in purposes},
    }


def _profile(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with _open_store(args.store, args.timeout) as store:
        p = store.profile_of(args.id) if args.record else store.profile(args.id)
        purposes = store.schema.consent
    if args.purpose is not None and p.view(args.purpose).withheld:
        doc: dict[str, Any] = {
            "profile_id": p.profile_id,
            "n_records": p.n_records,
            "purpose": args.purpose,
            "consent": p.consent(args.purpose),
            "withheld": True,
        }
    else:
        doc = _profile_doc(p, purposes)
    if args.json:
        json.dump(doc, out, ensure_ascii=False, indent=2, default=str)
        print(file=out)
    elif doc.get("withheld"):
        print(
            f"Profile {doc['profile_id']}: {doc['n_records']} records; values withheld for "
            f"{doc['purpose']} (consent: {doc['consent']})",
            file=out,
        )
    else:
        _print_profile(doc, out)
    return 0


_EVENT_FIELDS = {
    "record_keys": "records",
    "merged_ids": "absorbed",
    "split_ids": "split off",
    "reason": "id kept as",
    "fields": "golden fields",
    "count": "records erased",
}
"""How ``history`` labels the fields of an event."""


def _history(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with _open_store(args.store, args.timeout) as store:
        events = store.history(args.profile_id)
    if not events:
        raise StoreError(f"no events for a profile {args.profile_id!r} in the store")
    if args.json:
        json.dump([_event_doc(e) for e in events], out, ensure_ascii=False, indent=2)
        print(file=out)
        return 0
    for e in events:
        print(_event_line(e), file=out)
    return 0


def _event_line(e: Event) -> str:
    """An event in one line: time, type, profile, then its fields (ids and keys only)."""
    detail = "; ".join(
        f"{_EVENT_FIELDS.get(k, k)}: {', '.join(map(str, v)) if isinstance(v, list) else v}"
        for k, v in _event_doc(e).items()
        if k not in ("type", "profile_id", "at")
    )
    return f"{e.at}  {e.kind:<16} {e.profile_id}  {detail}".rstrip()


def _override(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with _open_store(args.store, args.timeout) as store:
        decide = store.link if args.command == "link" else store.unlink
        events = decide(args.a, args.b)
    if args.json:
        json.dump([_event_doc(e) for e in events], out, ensure_ascii=False, indent=2)
        print(file=out)
        return 0
    what = "kept together" if args.command == "link" else "kept apart"
    print(f"goldenrecord: the two records are {what} from now on", file=out)
    if not events:
        print("  no profile changed", file=out)
    for e in events:
        print(f"  {_event_line(e)}", file=out)
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


class _HelpFormatter(argparse.HelpFormatter):
    """Wraps the description to the terminal; keeps the examples one per line."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("example"):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


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
        formatter_class=_HelpFormatter,
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
        formatter_class=_HelpFormatter,
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
        formatter_class=_HelpFormatter,
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
        "person_id, or the ones named with --id-column and --label-column. " + _FORMATS_HELP,
        epilog="examples:\n"
        "  goldenrecord resolve customers.csv --out profiles.csv --clusters clusters.csv\n"
        "  goldenrecord evaluate clusters.csv truth.csv\n"
        "  goldenrecord evaluate clusters.parquet truth.csv --label-column person_id --json",
        formatter_class=_HelpFormatter,
    )
    p.add_argument("clusters", metavar="CLUSTERS", help="predicted clusters file")
    p.add_argument("truth", metavar="TRUTH", help="true entities file")
    p.add_argument("--id-column", help="the record id column (in both files)")
    p.add_argument("--label-column", help="the cluster / entity column (in both files)")
    p.add_argument("--json", action="store_true", help="print every figure as JSON")
    p.set_defaults(run=_evaluate)


_STORE_HELP = (
    "STORE is an identity store file (SQLite); `ingest` creates it. Exit codes: 0 done, "
    f"1 a problem told in one line on stderr, 2 a usage error, {EXIT_BUSY} the store was "
    "busy (another process writing past --timeout): try again later."
)


def _add_store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("store", metavar="STORE", help="the identity store file")
    parser.add_argument(
        "--timeout",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="how long to wait for another process writing to the store (5)",
    )


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
        "is rebuilt from the remaining records and a tombstone keeps only a salted hash "
        "of the key. Prints what was removed, never the erased values. " + _STORE_HELP,
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


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; return the process exit code.

    Args:
        argv: the arguments (default ``sys.argv[1:]``).
        out: where results go (default stdout).
        err: where notes and errors go (default stderr).

    Returns:
        0 when done; 1 for a problem with the settings, the files or the store,
        reported in one line on ``err``; :data:`EXIT_BUSY` (75) when another process
        held the store's write lock past ``--timeout``. A usage error exits with 2
        (``SystemExit``, from argparse).
    """
    args = _parser().parse_args(argv)
    check = getattr(args, "check", None)
    if check is not None:  # what argparse cannot say (exit 2, as a usage error)
        check(args)
    stream = out if out is not None else sys.stdout
    errors = err if err is not None else sys.stderr
    run = args.run
    try:
        code: int = run(args, stream, errors)
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except StoreBusyError as problem:
        print(f"goldenrecord {args.command}: busy: {problem}; try again later", file=errors)
        return EXIT_BUSY
    except (GoldenRecordError, ImportError, OSError) as problem:
        message = " ".join(str(problem).split()) or type(problem).__name__
        print(f"goldenrecord {args.command}: error: {message}", file=errors)
        return 1
    return code
