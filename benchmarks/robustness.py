"""How goldenrecord's defaults hold up under the schemas a user plausibly writes.

For each public labelled dataset, the same table is resolved with default settings
under many schemas, one after the other, in one process:

* ``all``: every useful column mapped to its obvious kind;
* subsets of the name columns (``names: ...``), the other columns as in ``all``;
* ``no text``: ``all`` without the free-text columns (gender, occupation, street number...);
* ``inferred``: no schema at all, ``gr.resolve`` infers one (``Schema.infer``);
* ``wrong: ...``: ``all`` with one column given a kind that does not fit its values
  (a date of birth as a postcode, an email as a phone, an identifier as a phone).

Each row shows pairwise and B-cubed F1 against the truth, the number of records in the
largest profile, the seconds of ``resolve`` and the codes of the warnings the
resolution raised (``res.report.warnings``, also emitted through ``warnings``). A wrong
kind should always raise a warning; the aims of the project are a worst plausible
schema close to the best one, and no profile over 1% of the records or 200.

Datasets (see ``shared/data/README.md``): ``fake_1000``, ``febrl3`` (dedupe),
``febrl4`` (link two files), ``historical_50k`` (dedupe).

    python benchmarks/robustness.py                            # every dataset
    python benchmarks/robustness.py --datasets fake_1000 febrl4
    python benchmarks/robustness.py --json > robustness.json   # for machines
    python benchmarks/robustness.py --data /path/to/data
    python benchmarks/robustness.py --attach                  # gr.resolve(attach=True)
    python benchmarks/robustness.py --datasets historical_50k --variants all inferred --stages
    python benchmarks/robustness.py --workers 1               # one thread
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
import warnings
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _data import DATASETS, DEFAULT_DATA_DIR, Dataset, RecordKey, load, record_key


@dataclass(frozen=True)
class Layout:
    """What a user would map in one dataset.

    Attributes:
        names: name column → kind.
        others: the other matchable columns → kind (places, dates, contacts, ids).
        text: free-text columns, mapped as ``text``.
        name_subsets: the subsets of ``names`` to try, each a tuple of columns.
        wrong: (label, column, wrong kind) of the wrong-kind variants.
    """

    names: Mapping[str, str]
    others: Mapping[str, str]
    text: tuple[str, ...] = ()
    name_subsets: tuple[tuple[str, ...], ...] = ()
    wrong: tuple[tuple[str, str, str], ...] = field(default=())


_FEBRL = Layout(
    names={"given_name": "given_name", "surname": "family_name"},
    others={
        "address_1": "address",
        "suburb": "city",
        "postcode": "postcode",
        "state": "region",
        "date_of_birth": "date",
        "soc_sec_id": "identifier",
    },
    text=("street_number", "address_2"),
    name_subsets=(("given_name",), ("surname",)),
    wrong=(
        ("date_of_birth as postcode", "date_of_birth", "postcode"),
        ("soc_sec_id as phone", "soc_sec_id", "phone"),
        ("postcode as date", "postcode", "date"),
    ),
)

LAYOUTS: dict[str, Layout] = {
    "fake_1000": Layout(
        names={"first_name": "given_name", "surname": "family_name"},
        others={"dob": "date", "city": "city", "email": "email"},
        name_subsets=(("first_name",), ("surname",)),
        wrong=(
            ("dob as postcode", "dob", "postcode"),
            ("email as phone", "email", "phone"),
            ("dob as phone", "dob", "phone"),
        ),
    ),
    "febrl3": _FEBRL,
    "febrl4": _FEBRL,
    "historical_50k": Layout(
        names={
            "full_name": "full_name",
            "first_and_surname": "full_name",
            "first_name": "given_name",
            "surname": "family_name",
        },
        others={"dob": "date", "birth_place": "city", "postcode_fake": "postcode"},
        text=("gender", "occupation"),
        name_subsets=(
            ("first_name", "surname"),
            ("full_name",),
            ("full_name", "first_name", "surname"),
        ),
        wrong=(
            ("dob as postcode", "dob", "postcode"),
            ("birth_place as date", "birth_place", "date"),
            ("postcode_fake as phone", "postcode_fake", "phone"),
        ),
    ),
}


def variants(layout: Layout) -> list[tuple[str, dict[str, str] | None]]:
    """(label, fields) of every schema tried on a dataset; None fields = inferred."""
    text = dict.fromkeys(layout.text, "text")
    everything = {**layout.names, **layout.others, **text}
    out: list[tuple[str, dict[str, str] | None]] = [("all", everything)]
    for subset in layout.name_subsets:
        names = {c: layout.names[c] for c in subset}
        out.append((f"names: {', '.join(subset)}", {**names, **layout.others, **text}))
    if layout.text:
        out.append(("no text", {**layout.names, **layout.others}))
    out.append(("inferred", None))
    for label, column, kind in layout.wrong:
        out.append((f"wrong: {label}", {**everything, column: kind}))
    return out


def _codes(res: Any, caught: Sequence[warnings.WarningMessage]) -> list[str]:
    """The warning codes of a resolution (its report, else what ``warnings`` caught)."""
    found = getattr(res.report, "warnings", None)
    items: list[Any] = list(found) if found is not None else [w.message for w in caught]
    return sorted({str(getattr(w, "code", type(w).__name__)) for w in items})


def run_variant(
    dataset: Dataset,
    fields: dict[str, str] | None,
    *,
    attach: bool = False,
    workers: int | None = None,
) -> dict[str, Any]:
    """Resolve one dataset under one schema and score it against the truth."""
    import goldenrecord as gr
    from goldenrecord._evaluate import evaluate

    data: Any = dict(dataset.tables) if dataset.link else dataset.table
    schema = None if fields is None else gr.Schema(id=dataset.id_column, fields=fields)
    started: dict[str, tuple[float, float]] = {}
    stage_cpu: dict[str, float] = {}
    stage_main: dict[str, float] = {}

    def clock(event: Any) -> None:  # CPU seconds of each stage: every thread's, the caller's
        now = (time.process_time(), time.thread_time())
        if event.done:
            begun = started.pop(event.stage, now)
            stage_cpu[event.stage] = now[0] - begun[0]
            stage_main[event.stage] = now[1] - begun[1]
        else:
            started[event.stage] = now

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        t0, c0, m0 = time.perf_counter(), time.process_time(), time.thread_time()
        res = gr.resolve(
            data, schema, link_only=dataset.link, progress=clock, attach=attach, workers=workers
        )
        seconds = time.perf_counter() - t0
        cpu = time.process_time() - c0
        main = time.thread_time() - m0
    clusters: dict[RecordKey, Any] = {}
    for key, cluster in res.clusters.items():
        if dataset.link:
            source, _, rid = key.partition(":")
            clusters[record_key(source, rid)] = cluster
        else:
            clusters[record_key(None, key)] = cluster
    ev = evaluate(clusters, dict(dataset.truth), ids=list(dataset.truth))
    groups: dict[Any, list[str]] = {}
    for key, cluster in res.clusters.items():
        groups.setdefault(cluster, []).append(str(key))
    partition = sorted("\x1f".join(sorted(g)) for g in groups.values())
    digest = hashlib.sha256("\x1e".join(partition).encode()).hexdigest()[:16]
    sizes = Counter(res.clusters.values())
    return {
        "pairwise_f1": ev.pairwise_f1,
        "bcubed_f1": ev.bcubed_f1,
        "largest_profile": max(sizes.values()) if sizes else 0,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "stage_cpu_seconds": stage_cpu,
        "main_thread_seconds": main,
        "stage_main_thread_seconds": stage_main,
        "warnings": _codes(res, caught),
        "schema": dict(res.report.schema.fields),
        "clusters_hash": digest,
    }


def _print_rows(name: str, n: int, rows: Sequence[Mapping[str, Any]]) -> None:
    cap = min(200, max(1, n // 100))
    print(f"\n{name}: {n:,} records (profile cap {cap:,})")
    width = max(len(r["variant"]) for r in rows)
    print(
        f"  {'variant':<{width}}  {'pairwise F1':>11}  {'B-cubed F1':>10}  "
        f"{'largest':>7}  {'time (s)':>8}  warnings"
    )
    for r in rows:
        if "error" in r:
            print(f"  {r['variant']:<{width}}  error: {r['error']}")
            continue
        print(
            f"  {r['variant']:<{width}}  {r['pairwise_f1']:>11.4f}  {r['bcubed_f1']:>10.4f}  "
            f"{r['largest_profile']:>7,}  {r['seconds']:>8.2f}  {', '.join(r['warnings']) or '-'}"
        )


def _print_stages(rows: Sequence[Mapping[str, Any]]) -> None:
    """CPU seconds of each variant's ``resolve`` and of its stages (``--stages``): of
    every thread, and of the calling thread alone (the work that cannot overlap: on an
    idle machine, the wall time is about the calling thread's)."""
    width = max(len(r["variant"]) for r in rows)
    for title, total, per_stage in (
        ("all threads", "cpu_seconds", "stage_cpu_seconds"),
        ("calling thread", "main_thread_seconds", "stage_main_thread_seconds"),
    ):
        print(f"  CPU seconds of resolve and its stages ({title}):")
        for r in rows:
            if "error" in r:
                continue
            stages = ", ".join(f"{k} {v:.2f}" for k, v in r[per_stage].items())
            print(f"  {r['variant']:<{width}}  {r[total]:>6.2f}  ({stages})")
    print("  clusters (a hash of the partition, ids only):")
    for r in rows:
        if "clusters_hash" in r:
            print(f"  {r['variant']:<{width}}  {r['clusters_hash']}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", nargs="+", choices=sorted(DATASETS), default=sorted(DATASETS))
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help="folder of the labelled files (default ../shared/data from the project root)",
    )
    parser.add_argument(
        "--variants", nargs="+", help="run only the variants whose label starts with one of these"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument(
        "--attach",
        action="store_true",
        help="resolve with attach=True (lone records join the one profile they resemble)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="gr.resolve(workers=...) (default: the cores this process may use)",
    )
    parser.add_argument(
        "--stages",
        action="store_true",
        help="after each table, the CPU seconds of each variant and of its stages",
    )
    args = parser.parse_args(argv)
    out: list[dict[str, Any]] = []
    for name in args.datasets:
        dataset = load(name, args.data)
        rows: list[dict[str, Any]] = []
        for label, fields in variants(LAYOUTS[name]):
            if args.variants and not any(label.startswith(v) for v in args.variants):
                continue
            try:
                row = {
                    "variant": label,
                    **run_variant(dataset, fields, attach=args.attach, workers=args.workers),
                }
            except Exception as err:  # a variant that fails is a finding, not the end
                row = {"variant": label, "error": f"{type(err).__name__}: {err}"}
            rows.append(row)
            if args.json:
                print(f"{name}: {label} done", file=sys.stderr)
        out.append({"dataset": name, "records": dataset.records, "variants": rows})
        if not args.json:
            _print_rows(name, dataset.records, rows)
            if args.stages:
                _print_stages(rows)
    if args.json:
        json.dump({"datasets": out}, sys.stdout, indent=2)
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
