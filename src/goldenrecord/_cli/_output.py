"""What the command line prints: aligned tables, the summaries of ``demo``,
``resolve`` and ``ingest``, a profile with its lineage, and the progress bar on stderr."""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO

from goldenrecord import __version__
from goldenrecord._cli._width import Column, Items, output_width, pad, print_table, say, text_width
from goldenrecord._progress import StageBar


def _print_table(rows: Sequence[Sequence[str]], out: TextIO) -> None:
    widths = [max(text_width(r[c]) for r in rows) for c in range(len(rows[0]))]
    for j, row in enumerate(rows):
        print(
            "  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip(), file=out
        )
        if j == 0:
            print("  ".join("-" * w for w in widths), file=out)


def _print_summary(s: dict[str, Any], out: TextIO) -> None:
    w = output_width(out)
    say(f"goldenrecord {__version__}: resolving {s['data']}", out, w)
    sources = ", ".join(f"{k} {v:,}" for k, v in s["sources"].items())
    say(f"{s['records']:,} customer records ({sources})", out, w)
    say(
        f"→ {s['profiles']:,} golden profiles in {s['seconds']:.2f} s "
        f"({s['candidate_pairs']:,} candidate pairs scored)",
        out,
        w,
    )
    stages = ", ".join(f"{k} {v:.2f}" for k, v in s["timings"].items())
    say(f"stages (s): {stages}", out, w, "  ")
    acc = s["accuracy"]
    say(
        f"against the truth ({s['people_in_truth']:,} people): pairwise precision "
        f"{acc['pairwise_precision']:.3f}, recall {acc['pairwise_recall']:.3f}, "
        f"F1 {acc['pairwise_f1']:.3f}; B-cubed F1 {acc['bcubed_f1']:.3f}",
        out,
        w,
        "  ",
    )
    if s["shared_values"]:
        shared = ", ".join(f"{k} {v}" for k, v in s["shared_values"].items())
        say(f"values shared by many people, not used as evidence: {shared}", out, w, "  ")
    if s["refused_matches"]:
        refused = ", ".join(f"{k} {v}" for k, v in s["refused_matches"].items())
        say(f"matches refused by a constraint: {refused}", out, w, "  ")
    rejected = "; ".join(
        f"{field} " + ", ".join(f"{r} {n}" for r, n in reasons.items())
        for field, reasons in s["rejected_values"].items()
    )
    if rejected:
        say(f"values rejected: {rejected}", out, w, "  ")
    for p in s["showcase"]:
        print(file=out)
        _print_profile(p, out)
    ex = s["explanation"]
    if ex is not None:
        a, b = ex["records"]
        print(file=out)
        say(f"Why {a} and {b} are one person:", out, w)
        for line in ex["sentences"]:
            say(line, out, w, "  ")


_PROFILE_COLUMNS = (
    Column("attribute"),
    Column("golden value", floor=14, rank=2),
    Column("rule"),
    Column("records", floor=10, rank=1),
    Column("other values", floor=12, droppable=True),
)
"""The profile table: other values give up width first, then the record lists, then
the golden values; below the floors, other values are left out."""


def _print_profile(p: dict[str, Any], out: TextIO) -> None:
    """A profile's golden values with the rule and records behind each, and its consent,
    fitted to the width of ``out``: record lists keep whole keys."""
    w = output_width(out)
    say(f"Profile {p['profile_id']}: {len(p['records'])} records", out, w)
    rows = [
        [
            field,
            str(a["value"]),
            a["rule"],
            Items(tuple(a["records"])),
            Items(tuple(str(v) for v in a["other_values"]), sep=" | ", noun="others"),
        ]
        for field, a in p["attributes"].items()
    ]
    print_table(_PROFILE_COLUMNS, rows, out, w)
    if p["consent"]:
        consent = ", ".join(f"{k}: {v}" for k, v in p["consent"].items())
        say(f"consent: {consent}", out, w, "  ")


def _print_resolve_summary(s: dict[str, Any], out: TextIO) -> None:
    w = output_width(out)
    sources = ", ".join(f"{k} {v:,}" for k, v in s["sources"].items())
    say(
        f"goldenrecord {__version__}: {s['records']:,} records"
        + (f" ({sources})" if sources else "")
        + f" → {s['profiles']:,} profiles in {s['seconds']:.2f} s",
        out,
        w,
    )
    rejected = ", ".join(f"{k} {v:,}" for k, v in s["rejected_by_reason"].items())
    say(
        f"rejected records: {s['rejected_records']:,}" + (f" ({rejected})" if rejected else ""),
        out,
        w,
        "  ",
    )
    values = "; ".join(
        f"{field} " + ", ".join(f"{r} {n:,}" for r, n in reasons.items())
        for field, reasons in s["rejected_values"].items()
    )
    say(f"rejected values: {values or 'none'}", out, w, "  ")
    if s.get("sanitised_values"):
        fixed = ", ".join(f"{k} {v:,}" for k, v in s["sanitised_values"].items())
        say(f"invalid characters (lone surrogates) replaced by U+FFFD: {fixed}", out, w, "  ")
    if s.get("exact_copies"):
        say(f"exact copies joined to the record they copy: {s['exact_copies']:,}", out, w, "  ")
    say(f"candidate pairs: {s['candidate_pairs']:,}", out, w, "  ")
    if s["refused_matches"]:
        refused = ", ".join(f"{k} {v:,}" for k, v in s["refused_matches"].items())
        say(f"matches refused by a constraint: {refused}", out, w, "  ")
    if s["shared_values"]:
        shared = ", ".join(f"{k} {v:,}" for k, v in s["shared_values"].items())
        say(f"values shared by many people, not used as evidence: {shared}", out, w, "  ")
    if s["purpose"] is not None:
        say(
            f"purpose {s['purpose']}: {s['consent_withheld']:,} records kept apart "
            "(their own consent is no)",
            out,
            w,
            "  ",
        )
    stages = ", ".join(f"{k} {v:.2f}" for k, v in s["timings"].items())
    say(f"stages (s): {stages}", out, w, "  ")
    for what, path in s["outputs"].items():
        say(f"wrote {what}: {path}", out, w, "  ")


def _print_ingest_summary(s: dict[str, Any], out: TextIO) -> None:
    w = output_width(out)
    say(
        f"goldenrecord {__version__}: {s['rows']:,} rows of {s['input']} read into "
        f"{s['store']} in {s['seconds']:.2f} s",
        out,
        w,
    )
    if "stored" in s:  # every row accounted for
        say(
            f"rows: {s['stored']:,} stored, {s['updated']:,} updated, "
            f"{s['unchanged']:,} unchanged, {s['rejected']:,} rejected"
            + (f" ({s['rejected_reasons']})" if s.get("rejected_reasons") else ""),
            out,
            w,
            "  ",
        )
        if s.get("surrogates_replaced"):
            say(
                f"cells with invalid characters (lone surrogates) replaced by U+FFFD: "
                f"{s['surrogates_replaced']:,}",
                out,
                w,
                "  ",
            )
    say(
        f"profiles created: {s['profiles_created']:,} "
        f"(holding {s['records_in_new_profiles']:,} records)",
        out,
        w,
        "  ",
    )
    say(f"records added to existing profiles: {s['records_added']:,}", out, w, "  ")
    say(f"records updated: {s['records_updated']:,}", out, w, "  ")
    say(
        f"merges: {s['merges']:,}, splits: {s['splits']:,}, "
        f"profiles removed: {s['profiles_removed']:,}",
        out,
        w,
        "  ",
    )
    changed = s["profiles_with_changed_values"]
    say(f"profiles whose golden values changed: {changed:,}", out, w, "  ")
    say(
        f"the store holds {s['store_records']:,} records in {s['store_profiles']:,} profiles",
        out,
        w,
        "  ",
    )
    stages = ", ".join(f"{k} {v:.2f}" for k, v in s["timings"].items())
    say(f"stages (s): {stages}", out, w, "  ")


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
