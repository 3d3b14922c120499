"""Incremental identity store: bulk load, then one record at a time, then lookups.

A synthetic customer table (``goldenrecord.datasets.synthetic_customers``) is drawn
with enough people for ``--records + --new + --lookups`` records and shuffled; the first
``--records`` go into an empty ``gr.IdentityStore`` in one ingest (the batch path:
``gr.resolve`` trains the model, everything is written), then ``--new`` records are
ingested one at a time (each its own transaction, events returned), then ``--lookups``
further records (never ingested) are looked up.

Reported: bulk-load seconds, ingest latency p50/p95/p99/max (ms), events by type,
lookup latency p50/p95 (ms), store size (database + WAL) per record. The issue's aims
on a 2-core machine: ingest p50 <= 4 ms, p99 <= 10 ms, lookup p50 <= 2 ms (at 1M records).

    python benchmarks/incremental.py                      # 1,000,000 records
    python benchmarks/incremental.py --records 100000 --json
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

import goldenrecord as gr
from goldenrecord.store import IdentityStore

RECORDS_PER_PERSON = 2.3


def _ms(values: list[float], q: float) -> float:
    return round(float(np.percentile(np.array(values), q)) * 1000, 3)


def run(records: int, new: int, lookups: int, seed: int, folder: Path) -> dict[str, Any]:
    """Build, ingest one by one, look up; return the figures."""
    t0 = time.perf_counter()
    n_people = math.ceil((records + new + lookups) / RECORDS_PER_PERSON * 1.05)
    table = gr.datasets.synthetic_customers(n_people, seed=seed)
    rows = list(table.records())
    random.Random(seed).shuffle(rows)
    for row in rows:
        row.pop("person_id", None)  # the truth is not an input column
    if len(rows) < records + new + lookups:
        raise SystemExit("the generated table is smaller than asked; lower the counts")
    base = rows[:records]
    fresh = rows[records : records + new]
    probes = rows[records + new : records + new + lookups]
    generate = time.perf_counter() - t0

    path = folder / "incremental.db"
    store = IdentityStore(path, schema=table.schema())
    t0 = time.perf_counter()
    store.ingest(base)
    bulk = time.perf_counter() - t0
    store.checkpoint()
    bulk_size = path.stat().st_size

    latencies: list[float] = []
    kinds: collections.Counter[str] = collections.Counter()
    for row in fresh:
        t0 = time.perf_counter()
        events = store.ingest([row])
        latencies.append(time.perf_counter() - t0)
        kinds.update(e.kind for e in events)

    lookup_times: list[float] = []
    matched = 0
    for row in probes:
        probe = {k: v for k, v in row.items() if k != "record_id"}
        t0 = time.perf_counter()
        found = store.lookup(probe)
        lookup_times.append(time.perf_counter() - t0)
        matched += bool(found and found[0].matched)

    files = [path, path.with_name(path.name + "-wal")]
    size = sum(f.stat().st_size for f in files if f.exists())
    n_records = len(store)
    n_profiles = store.n_profiles
    store.close()
    return {
        "records": records,
        "new": new,
        "lookups": lookups,
        "generate_s": round(generate, 2),
        "bulk_load_s": round(bulk, 2),
        "bulk_records_per_s": round(records / bulk),
        "ingest_ms": {
            "p50": _ms(latencies, 50),
            "p95": _ms(latencies, 95),
            "p99": _ms(latencies, 99),
            "max": _ms(latencies, 100),
            "mean": round(sum(latencies) / len(latencies) * 1000, 3),
        },
        "ingest_records_per_s": round(len(latencies) / sum(latencies)),
        "events": dict(sorted(kinds.items())),
        "lookup_ms": {"p50": _ms(lookup_times, 50), "p95": _ms(lookup_times, 95)},
        "lookups_matched": matched,
        "store_records": n_records,
        "store_profiles": n_profiles,
        "bytes_per_record_after_bulk": round(bulk_size / records),
        "bytes_per_record": round(size / n_records),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000, help="bulk-loaded records")
    parser.add_argument("--new", type=int, default=10_000, help="records ingested one by one")
    parser.add_argument("--lookups", type=int, default=1_000, help="records looked up")
    parser.add_argument("--seed", type=int, default=7, help="seed of the synthetic table")
    parser.add_argument("--dir", type=Path, help="folder for the database (default: a temp dir)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a summary")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.dir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        result = run(args.records, args.new, args.lookups, args.seed, folder)
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        print()
        return 0
    ingest, lookup = result["ingest_ms"], result["lookup_ms"]
    print(f"bulk load   {result['records']:,} records in {result['bulk_load_s']} s")
    print(
        f"ingest      {result['new']:,} records one at a time: p50 {ingest['p50']} ms, "
        f"p95 {ingest['p95']} ms, p99 {ingest['p99']} ms, max {ingest['max']} ms "
        "(aim at 1M: p50 <= 4, p99 <= 10)"
    )
    print(f"events      {result['events']}")
    print(
        f"lookup      {result['lookups']:,} records: p50 {lookup['p50']} ms, "
        f"p95 {lookup['p95']} ms (aim at 1M: p50 <= 2); {result['lookups_matched']} matched"
    )
    print(
        f"store       {result['store_records']:,} records, {result['store_profiles']:,} "
        f"profiles, {result['bytes_per_record']:,} bytes per record"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
