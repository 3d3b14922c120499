"""Identity store export: time and peak memory of the golden table out, against
``profile_of`` in a loop.

For each ``--records`` size, a synthetic customer table
(``goldenrecord.datasets.synthetic_customers``) is drawn and bulk-loaded into an empty
``gr.IdentityStore`` (its first ingest: the batch path, the model trained). Each
measurement then runs in a fresh Python process that opens the store and does one
thing, so its peak resident memory is the export's own (plus the interpreter and the
libraries, reported apart as the memory after opening the store):

* ``profiles``: iterate ``store.profiles()`` (every golden profile built, streamed);
* ``csv`` / ``parquet``: ``store.write("profiles.csv" / ".parquet")``;
* ``lineage``: ``store.write("lineage.csv", what="lineage")`` (the larger table);
* ``profile_of``: the baseline, ``store.profile_of(key)`` for one record of each of
  ``--baseline`` profiles, timed and extrapolated to every profile of the store.

Reported per size: bulk-load seconds, store size, and per measurement seconds, profiles
per second, peak RSS (MB) and the ratio of the extrapolated ``profile_of`` loop's time
to the export's (CPU seconds, which a busy machine disturbs less than wall time). The
issue's aim: 1,000,000 profiles exported in <= 60 s and <= 1 GB.

    python benchmarks/export.py                                 # 100,000 records
    python benchmarks/export.py --records 100000 1000000 --json
    python benchmarks/export.py --records 1000000 --keep /tmp/exp   # reuse the built store
    python benchmarks/export.py --records 100000 --copies 21 --keep /tmp/exp  # ~1M profiles

``--copies K`` measures, instead of the loaded store, one holding K copies of its
records and profiles under new keys and ids (:func:`replicate`): a bulk load of a
million records takes an hour or more on a small shared machine, and the export's cost
is per record and per profile, which copies of real profiles measure as well.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

RECORDS_PER_PERSON = 2.3
MODES = ("profiles", "csv", "parquet", "lineage", "profile_of")


def _peak_mb() -> float:
    """This process's peak resident memory so far, in MB: ``VmHWM`` on Linux (the
    high-water mark of this program alone; ``ru_maxrss`` there keeps the parent's across
    fork and exec), ``ru_maxrss`` elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) * 1024 / 1e6, 1)
    except OSError:
        pass
    scale = 1 if sys.platform == "darwin" else 1024
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1e6, 1)


def build(records: int, seed: int, path: Path) -> dict[str, Any]:
    """Draw ``records`` customer records and bulk-load them into a new store at ``path``."""
    import goldenrecord as gr

    t0 = time.perf_counter()
    n_people = math.ceil(records / RECORDS_PER_PERSON * 1.05)
    table = gr.datasets.synthetic_customers(n_people, seed=seed)
    rows = []
    for row in table.records():
        row.pop("person_id", None)  # the truth is not an input column
        rows.append(row)
        if len(rows) == records:
            break
    if len(rows) < records:
        raise SystemExit("the generated table is smaller than asked; lower --records")
    generate = time.perf_counter() - t0
    with gr.IdentityStore(path, schema=table.schema()) as store:
        t0 = time.perf_counter()
        store.ingest(rows)
        bulk = time.perf_counter() - t0
        store.checkpoint()
        held = {"records": len(store), "profiles": store.n_profiles}
    return {
        "generate_s": round(generate, 2),
        "bulk_load_s": round(bulk, 2),
        **held,
        "store_mb": round(path.stat().st_size / 1e6, 1),
    }


def replicate(source: Path, copies: int, path: Path) -> dict[str, Any]:
    """A store of ``copies`` copies of the records and profiles of ``source``, each copy
    under new record keys and profile ids (``key#k``, ``id.k``), made by SQL on a copy of
    the file: a large store in minutes, where a bulk load of that size takes an hour on
    a small machine. The export reads it as any store (real profiles, repeated)."""
    import shutil
    import sqlite3

    t0 = time.perf_counter()
    shutil.copyfile(source, path)
    shutil.copyfile(f"{source}.key", f"{path}.key")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("BEGIN")
    for k in range(1, copies):
        conn.execute(
            "INSERT INTO records (record_key, source, raw, normalized, updated_at, profile_id) "
            "SELECT record_key || '#' || ?1, source, raw, normalized, updated_at, "
            "profile_id || '.' || ?1 FROM records WHERE instr(record_key, '#') = 0",
            (k,),
        )
        conn.execute(
            "INSERT INTO profiles SELECT profile_id || '.' || ?1, created, size, digest "
            "FROM profiles WHERE instr(profile_id, '.') = 0",
            (k,),
        )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    records, profiles = (
        conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("records", "profiles")
    )
    conn.close()
    return {
        "replicated_from": str(source.name),
        "copies": copies,
        "replicate_s": round(time.perf_counter() - t0, 2),
        "records": records,
        "profiles": profiles,
        "store_mb": round(path.stat().st_size / 1e6, 1),
    }


def measure(path: Path, mode: str, baseline: int, out: Path) -> dict[str, Any]:
    """One measurement in this process (see the module docstring)."""
    from goldenrecord.store import IdentityStore

    with IdentityStore(path, quick_check=False) as store:
        opened = _peak_mb()
        n_profiles = store.n_profiles
        t0, c0 = time.perf_counter(), time.process_time()
        if mode == "profiles":
            rows = sum(1 for _ in store.profiles())
        elif mode in ("csv", "parquet"):
            rows = store.write(out / f"profiles.{mode}")
        elif mode == "lineage":
            rows = store.write(out / "lineage.csv", what="lineage")
        else:
            keys = _one_key_per_profile(store, baseline)
            t0, c0 = time.perf_counter(), time.process_time()
            for key in keys:
                store.profile_of(key)
            rows = len(keys)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    result: dict[str, Any] = {
        "mode": mode,
        "rows": rows,
        "seconds": round(seconds, 3),
        "cpu_s": round(cpu, 3),
        "peak_mb": _peak_mb(),
        "opened_mb": opened,
    }
    if mode == "profile_of":
        result["per_profile_ms"] = round(seconds / max(rows, 1) * 1000, 3)
        result["extrapolated_s"] = round(seconds / max(rows, 1) * n_profiles, 1)
        result["extrapolated_cpu_s"] = round(cpu / max(rows, 1) * n_profiles, 1)
    else:
        result["profiles_per_s"] = round(n_profiles / seconds)
    return result


def _one_key_per_profile(store: Any, n: int) -> list[str]:
    """A record key of each of the first ``n`` profiles met in the clusters export."""
    import pyarrow as pa

    clusters = store.to_arrow(what="clusters")
    keys: dict[str, str] = {}
    for batch in pa.Table.to_batches(clusters, max_chunksize=10_000):
        for key, pid in zip(batch.column(0).to_pylist(), batch.column(1).to_pylist(), strict=True):
            keys.setdefault(pid, key)
            if len(keys) >= n:
                return list(keys.values())
    return list(keys.values())


def _child(path: Path, mode: str, baseline: int, out: Path) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter; its JSON result."""
    argv = [sys.executable, __file__, "--measure", str(path), "--mode", mode]
    argv += ["--baseline", str(baseline), "--out", str(out)]
    done = subprocess.run(argv, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def run(
    records: int, seed: int, baseline: int, modes: list[str], folder: Path, copies: int = 1
) -> dict[str, Any]:
    path = folder / f"export-{records}.db"
    if path.exists():
        from goldenrecord.store import IdentityStore

        with IdentityStore(path, quick_check=False) as store:
            built: dict[str, Any] = {"records": len(store), "profiles": store.n_profiles}
        built["store_mb"] = round(path.stat().st_size / 1e6, 1)
        built["reused"] = True
    else:
        built = build(records, seed, path)
    if copies > 1:
        path = folder / f"export-{records}x{copies}.db"
        if path.exists():
            path.unlink()
        built = {"loaded": built, **replicate(folder / f"export-{records}.db", copies, path)}
    out = folder / f"out-{records}x{copies}"
    out.mkdir(exist_ok=True)
    found = {mode: _child(path, mode, baseline, out) for mode in modes}
    loop = found.get("profile_of", {}).get("extrapolated_cpu_s")
    for mode, result in found.items():
        if loop is not None and mode != "profile_of":  # CPU seconds: fair on a busy machine
            result["profile_of_ratio"] = round(loop / max(result["cpu_s"], 1e-9), 1)
    return {"records_asked": records, **built, "measurements": found}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, nargs="+", default=[100_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--baseline", type=int, default=2_000, help="profiles read with profile_of (2,000)"
    )
    parser.add_argument(
        "--copies",
        type=int,
        default=1,
        help="then measure a store of this many copies of each loaded store (see replicate)",
    )
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    parser.add_argument("--keep", type=Path, help="build (or reuse) the stores in this folder")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--mode", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure is not None:
        print(json.dumps(measure(args.measure, args.mode, args.baseline, args.out)))
        return
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep if args.keep is not None else Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        results = []
        for n in args.records:
            results.append(run(n, args.seed, args.baseline, list(args.modes), folder, args.copies))
            if not args.json:
                _print(results[-1])
    if args.json:
        doc = {"machine": platform.platform(), "cpus": os.cpu_count(), "runs": results}
        print(json.dumps(doc, indent=2))


def _print(r: dict[str, Any]) -> None:
    load = f", bulk load {r['bulk_load_s']} s" if "bulk_load_s" in r else " (reused)"
    if "copies" in r:
        load = f", {r['copies']} copies of {r['replicated_from']} made in {r['replicate_s']} s"
    print(f"{r['records']:,} records, {r['profiles']:,} profiles, store {r['store_mb']} MB{load}")
    for mode, m in r["measurements"].items():
        if mode == "profile_of":
            print(
                f"  profile_of   {m['rows']:,} profiles in {m['seconds']} s "
                f"({m['per_profile_ms']} ms each; all profiles ~{m['extrapolated_s']} s, "
                f"~{m['extrapolated_cpu_s']} s CPU), "
                f"peak {m['peak_mb']} MB"
            )
            continue
        ratio = m.get("profile_of_ratio")
        print(
            f"  {mode:<12} {m['rows']:,} rows in {m['seconds']} s ({m['cpu_s']} s CPU) "
            f"({m['profiles_per_s']:,} profiles/s), peak {m['peak_mb']} MB "
            f"(after opening {m['opened_mb']} MB)"
            + (f", {ratio}x faster than profile_of" if ratio is not None else "")
        )


if __name__ == "__main__":
    main()
