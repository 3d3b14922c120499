"""Time and memory of a whole resolution from 100,000 to 1,000,000 records, Splink alongside.

For each size, a synthetic customer table (``goldenrecord.datasets.synthetic_customers``,
about 2.35 records per person, six sources, fifteen countries, ground truth) is
resolved end to end, each tool in a fresh subprocess of its own, so that peak memory
is that of one size and one tool:

* ``goldenrecord``: ``gr.resolve(table.columns, table.schema())``, default settings;
* ``splink``: Splink 5 on DuckDB with a simple model of the same table (see
  :func:`splink_settings`), up to ``--splink-max-records`` records only.

A subprocess gets a wall-clock timeout and an address-space cap (``RLIMIT_AS``); a run
that exceeds either is reported as failed, with the reason, and the benchmark goes on.

Reported per size and tool: records, seconds per stage (goldenrecord's
``res.report.timings``, each stage's CPU seconds in parentheses), total wall time and
CPU time (the machine may be shared: CPU time is the steadier figure), records per
second, peak resident memory during the resolution (``ru_maxrss`` of the subprocess,
reset after the table is generated; the table's own memory included) and its growth
over the memory held before, candidate pairs, and pairwise and B-cubed F1 against the
truth as a sanity check. Then how time and memory grow from one size to the next
(against the growth in records), and goldenrecord / Splink ratios where both ran.

    python benchmarks/scale.py                                   # 100k, 300k, 1M records
    python benchmarks/scale.py --records 100000 300000           # chosen sizes
    python benchmarks/scale.py --splink-max-records 300000       # Splink up to 300k
    python benchmarks/scale.py --only goldenrecord --json > scale.json
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

TOOLS = ("goldenrecord", "splink")
RECORDS_PER_PERSON = 2.345
"""Records per person of ``synthetic_customers`` (measured: 2.34 to 2.36 from 100k to 1M)."""
DEFAULT_RECORDS = (100_000, 300_000, 1_000_000)
_GIB = 1024**3


def people_for(records: int) -> int:
    """The ``n_people`` that gives about ``records`` records."""
    return max(1, round(records / RECORDS_PER_PERSON))


# --- the two tools, run inside the subprocess ----------------------------------------


def _goldenrecord(table: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """Resolve with goldenrecord: (clusters, extra figures)."""
    import goldenrecord as gr

    cpu: dict[str, float] = {}

    def stage_cpu(event: Any) -> None:  # CPU seconds per stage: steadier on a shared machine
        now = time.process_time()
        cpu[event.stage] = now - cpu[event.stage] if event.done else now

    res = gr.resolve(table.columns, table.schema(), progress=stage_cpu)
    extra = {
        "stages": dict(res.report.timings),
        "stages_cpu": cpu,
        "pairs": len(res.pairs),
        "clusters": res.report.n_clusters,
    }
    return res.clusters, extra


# Light cleaning any Splink user would do in SQL: case and blanks, phone digits.
# The last nine digits of a phone meet across national and international forms.
_SPLINK_COLUMNS = {
    "record_id": "record_id",
    "first_name": "nullif(lower(trim(first_name)), '')",
    "last_name": "nullif(lower(trim(last_name)), '')",
    "email": "nullif(lower(trim(email)), '')",
    "phone": "nullif(right(regexp_replace(phone, '[^0-9]', '', 'g'), 9), '')",
    "date_of_birth": "nullif(trim(date_of_birth), '')",
    "postcode": "nullif(upper(replace(postcode, ' ', '')), '')",
    "city": "nullif(lower(trim(city)), '')",
}
SPLINK_PREDICT_THRESHOLD = 0.5
SPLINK_CLUSTER_THRESHOLD = 0.99
"""Pairs kept from prediction at 0.5; clusters at 0.99, goldenrecord's default threshold."""


def splink_settings() -> Any:
    """Splink's model of the customer table: comparisons and prediction blocking rules.

    Names (first, last), email, phone, date of birth, postcode and city, with Splink's
    own comparison library; blocking on email, phone, full name plus date of birth,
    and postcode plus family name.
    """
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    return SettingsCreator(
        unique_id_column_name="record_id",
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("first_name"),
            cl.NameComparison("last_name"),
            cl.EmailComparison("email"),
            cl.ExactMatch("phone"),
            cl.DamerauLevenshteinAtThresholds("date_of_birth", [1, 2]),
            cl.LevenshteinAtThresholds("postcode", [1]).configure(term_frequency_adjustments=True),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("email"),
            block_on("phone"),
            block_on("first_name", "last_name", "date_of_birth"),
            block_on("postcode", "last_name"),
        ],
        retain_intermediate_calculation_columns=False,
    )


def _splink(table: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """Resolve with Splink on DuckDB: (clusters, extra figures)."""
    import logging

    from splink import DuckDBAPI, Linker, block_on

    logging.getLogger("splink").setLevel(logging.ERROR)
    stages: dict[str, float] = {}
    t0 = time.perf_counter()
    frame = table.to_pandas()
    db_api = DuckDBAPI()
    con = db_api.duckdb_con
    con.execute("SET enable_progress_bar = false")
    rel = con.from_df(frame).project(
        ", ".join(f"{sql} AS {name}" for name, sql in _SPLINK_COLUMNS.items())
    )
    linker = Linker(db_api.register(rel, dataset_display_name="customers"), splink_settings())
    del frame
    stages["register"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    training = linker.training
    training.estimate_probability_two_random_records_match(
        [block_on("email"), block_on("first_name", "last_name", "date_of_birth")], recall=0.7
    )
    training.estimate_u_using_random_sampling(max_pairs=5e6, seed=1)
    training.estimate_parameters_using_expectation_maximisation(block_on("phone"))
    training.estimate_parameters_using_expectation_maximisation(block_on("first_name", "last_name"))
    stages["train"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    predictions = linker.inference.predict(threshold_match_probability=SPLINK_PREDICT_THRESHOLD)
    stages["predict"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    clustered = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=SPLINK_CLUSTER_THRESHOLD
    )
    out = clustered.as_pandas_dataframe()  # type: ignore[no-untyped-call]
    clusters = dict(zip(out["record_id"].astype(str), out["cluster_id"].astype(str), strict=True))
    stages["cluster"] = time.perf_counter() - t0
    n_pairs = con.execute(f"SELECT count(*) FROM {predictions.physical_name}").fetchone()
    extra = {
        "stages": stages,
        "pairs": int(n_pairs[0]) if n_pairs else 0,
        "clusters": len(set(clusters.values())),
    }
    return clusters, extra


def _reset_peak() -> float:
    """Reset the peak resident set to the current one (Linux), so that the peak seen
    after the resolution is the resolution's, not the table generator's; the
    resident set now, in MiB."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        with open("/proc/self/status") as f:
            rss = next(line for line in f if line.startswith("VmRSS:"))
        return int(rss.split()[1]) / 1024
    except (OSError, StopIteration, ValueError):  # elsewhere: growth over the peak so far
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(tool: str, n_people: int, seed: int, cap_gib: float) -> dict[str, Any]:
    """One tool on one size, in this (fresh) process; the figures as a dict."""
    if cap_gib > 0:
        cap = int(cap_gib * _GIB)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    from goldenrecord import evaluate
    from goldenrecord.datasets import synthetic_customers

    table = synthetic_customers(n_people, seed)
    truth = table.truth
    resolve = _goldenrecord if tool == "goldenrecord" else _splink
    if tool == "splink":
        import splink  # noqa: F401 - imports are not part of the measurement
    gc.collect()
    start_mib = _reset_peak()
    before = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    clusters, extra = resolve(table)
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_SELF)
    peak_mib = after.ru_maxrss / 1024
    ev = evaluate(clusters, truth, ids=list(truth))
    return {
        "records": len(table),
        "people": n_people,
        "seconds": seconds,
        "cpu_seconds": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "records_per_s": len(table) / seconds,
        "peak_mib": peak_mib,
        "peak_growth_mib": peak_mib - start_mib,
        "pairwise_f1": ev.pairwise_f1,
        "bcubed_f1": ev.bcubed_f1,
        **extra,
    }


# --- the parent: one subprocess per size and tool ------------------------------------


def run(tool: str, records: int, seed: int, timeout: float, cap_gib: float) -> dict[str, Any]:
    """Measure ``tool`` on about ``records`` records in a fresh subprocess.

    The subprocess runs in a temporary folder (DuckDB may spill there). A timeout, a
    memory failure or a crash is returned as ``{"error": ...}``, not raised.
    """
    n_people = people_for(records)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", tool]
    cmd += ["--people", str(n_people), "--seed", str(seed), "--memory-cap-gib", str(cap_gib)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    with tempfile.TemporaryDirectory(prefix="gr-scale-") as cwd:
        try:
            done = subprocess.run(
                cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
            )
        except subprocess.TimeoutExpired:
            return {"people": n_people, "error": f"no result within the {timeout:.0f} s timeout"}
    lines = done.stdout.strip().splitlines()
    if done.returncode == 0 and lines:
        result: dict[str, Any] = json.loads(lines[-1])
        return result
    tail = (done.stderr.strip().splitlines() or ["no message"])[-1]
    if done.returncode < 0:
        tail = f"killed by signal {-done.returncode}; {tail}"
    return {"people": n_people, "error": f"exit {done.returncode}: {tail}"[:300]}


def growth(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """From each size to the next (and first to last) for one tool: ratios of records,
    time, CPU time and peak memory growth. Linear scaling has time ratio = records ratio."""
    ok = [r for r in rows if "error" not in r]
    steps = list(itertools.pairwise(ok))
    if len(ok) > 2:
        steps.append((ok[0], ok[-1]))
    return [
        {
            "from": a["records"],
            "to": b["records"],
            "records": b["records"] / a["records"],
            "time": b["seconds"] / a["seconds"],
            "cpu": b["cpu_seconds"] / a["cpu_seconds"],
            "memory": b["peak_growth_mib"] / max(a["peak_growth_mib"], 1e-9),
        }
        for a, b in steps
    ]


def versions() -> dict[str, str]:
    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {
        "goldenrecord": version("goldenrecord"),
        "splink": version("splink"),
        "duckdb": version("duckdb"),
        "python": platform.python_version(),
        "cpus": str(os.cpu_count()),
    }


def _k(n: int) -> str:
    return f"{n / 1e6:.1f}M" if n >= 950_000 else f"{n / 1e3:.0f}k"


def _print_row(tool: str, target: int, row: Mapping[str, Any]) -> None:
    if "error" in row:
        print(f"{_k(target):>6} {tool:<13} failed: {row['error']}", flush=True)
        return
    cpu = row.get("stages_cpu", {})
    stages = " ".join(
        f"{k} {v:.1f}" + (f" ({cpu[k]:.1f})" if k in cpu else "")
        for k, v in row["stages"].items()
        if v >= 0.05
    )
    print(
        f"{_k(target):>6} {tool:<13} {row['records']:>10,} {row['seconds']:>8.1f} "
        f"{row['cpu_seconds']:>8.1f} {row['records_per_s']:>9,.0f} {row['peak_mib']:>9,.0f} "
        f"{row['peak_growth_mib']:>9,.0f} {row['pairs']:>11,} {row['pairwise_f1']:>6.3f} "
        f"{row['bcubed_f1']:>6.3f}  {stages}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--records",
        nargs="+",
        type=int,
        default=list(DEFAULT_RECORDS),
        metavar="N",
        help="approximate table sizes in records (default: 100000 300000 1000000)",
    )
    parser.add_argument("--seed", type=int, default=7, help="seed of the synthetic tables")
    parser.add_argument("--only", choices=TOOLS, help="run one tool only")
    parser.add_argument(
        "--splink-max-records",
        type=int,
        default=100_000,
        metavar="N",
        help="run Splink on sizes up to N records only (default 100000)",
    )
    parser.add_argument(
        "--timeout", type=float, default=3600.0, help="seconds per run (default 3600)"
    )
    parser.add_argument(
        "--memory-cap-gib",
        type=float,
        default=20.0,
        help="address-space cap of each run in GiB, 0 for none (default 20)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--child", choices=TOOLS, help=argparse.SUPPRESS)
    parser.add_argument("--people", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        try:
            result = _child(args.child, args.people, args.seed, args.memory_cap_gib)
        except MemoryError:
            print(f"MemoryError over the {args.memory_cap_gib:g} GiB cap", file=sys.stderr)
            return 3
        except Exception as err:  # reported by the parent, not a crash of the benchmark
            traceback.print_exc()
            print(f"{type(err).__name__}: {str(err)[:200]}", file=sys.stderr)
            return 2
        print(json.dumps(result))
        return 0

    tools = (args.only,) if args.only else TOOLS
    info = versions()
    if not args.json:
        print(", ".join(f"{k} {v}" for k, v in info.items()))
        print(
            f"seed {args.seed}, timeout {args.timeout:.0f} s, memory cap "
            f"{args.memory_cap_gib:g} GiB, Splink up to {args.splink_max_records:,} records"
        )
        print(
            f"{'size':>6} {'tool':<13} {'records':>10} {'wall s':>8} {'cpu s':>8} "
            f"{'rec/s':>9} {'peak MiB':>9} {'grow MiB':>9} {'pairs':>11} {'pw F1':>6} "
            f"{'B3 F1':>6}  seconds per stage"
        )
    results: dict[str, list[dict[str, Any]]] = {tool: [] for tool in tools}
    for target in args.records:
        for tool in tools:
            if tool == "splink" and target > args.splink_max_records:
                continue
            row = {
                "target": target,
                **run(tool, target, args.seed, args.timeout, args.memory_cap_gib),
            }
            results[tool].append(row)
            if not args.json:
                _print_row(tool, target, row)

    growths = {tool: growth(rows) for tool, rows in results.items()}
    versus = []
    splink_rows = {r["target"]: r for r in results.get("splink", []) if "error" not in r}
    for row in results.get("goldenrecord", []):
        peer = splink_rows.get(row["target"])
        if peer is None or "error" in row:
            continue
        versus.append(
            {
                "records": row["records"],
                "time": row["seconds"] / peer["seconds"],
                "cpu": row["cpu_seconds"] / peer["cpu_seconds"],
                "memory": row["peak_growth_mib"] / max(peer["peak_growth_mib"], 1e-9),
                "pairwise_f1": row["pairwise_f1"] - peer["pairwise_f1"],
                "bcubed_f1": row["bcubed_f1"] - peer["bcubed_f1"],
            }
        )
    if args.json:
        doc = {"versions": info, "seed": args.seed, "results": results}
        doc |= {"growth": growths, "goldenrecord_vs_splink": versus}
        json.dump(doc, sys.stdout, indent=2)
        print()
        return 0
    for tool, steps in growths.items():
        if steps:
            print(f"\n{tool}: growth between sizes (linear: time x = records x)")
        for s in steps:
            print(
                f"  {_k(s['from']):>5} -> {_k(s['to']):<5} records x{s['records']:.2f}  "
                f"time x{s['time']:.2f}  cpu x{s['cpu']:.2f}  memory growth x{s['memory']:.2f}"
            )
    if versus:
        print("\ngoldenrecord / Splink (F1: difference)")
    for v in versus:
        print(
            f"  {v['records']:>10,} records: time {v['time']:.2f}  cpu {v['cpu']:.2f}  "
            f"memory {v['memory']:.2f}  pairwise F1 {v['pairwise_f1']:+.3f}  "
            f"B-cubed F1 {v['bcubed_f1']:+.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
