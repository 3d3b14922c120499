"""What the command line prints: aligned tables, the summaries of ``demo``,
``resolve`` and ``ingest``, a profile with its lineage, and the progress bar on stderr."""

from __future__ import annotations

import argparse
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO

from goldenrecord import __version__
from goldenrecord._progress import StageBar


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
    if s.get("sanitised_values"):
        fixed = ", ".join(f"{k} {v:,}" for k, v in s["sanitised_values"].items())
        print(f"  invalid characters (lone surrogates) replaced by U+FFFD: {fixed}", file=out)
    if s.get("exact_copies"):
        print(f"  exact copies joined to the record they copy: {s['exact_copies']:,}", file=out)
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


def _print_ingest_summary(s: dict[str, Any], out: TextIO) -> None:
    print(
        f"goldenrecord {__version__}: {s['rows']:,} rows of {s['input']} read into "
        f"{s['store']} in {s['seconds']:.2f} s",
        file=out,
    )
    if "stored" in s:  # every row accounted for
        print(
            f"  rows: {s['stored']:,} stored, {s['updated']:,} updated, "
            f"{s['unchanged']:,} unchanged, {s['rejected']:,} rejected"
            + (f" ({s['rejected_reasons']})" if s.get("rejected_reasons") else ""),
            file=out,
        )
        if s.get("surrogates_replaced"):
            print(
                f"  cells with invalid characters (lone surrogates) replaced by U+FFFD: "
                f"{s['surrogates_replaced']:,}",
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
