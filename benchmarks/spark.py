"""goldenrecord.spark on a local session: wall time, driver peak memory, agreement.

    python benchmarks/spark.py                          # 100k, 1M and 3M records
    python benchmarks/spark.py --sizes 20000 100000     # other sizes (records)
    python benchmarks/spark.py --inprocess-max 200000   # compare with gr.resolve up to here
    python benchmarks/spark.py --chain 100000           # rounds for a chain of 100k records
    python benchmarks/spark.py --sizes 100000 --fit-on-spark   # Spark fits its own model

For each size, generated customers (``gr.datasets.synthetic_customers``, about 2.3
records per person) are written to Parquet by a subprocess. Up to ``--inprocess-max``
records, a second subprocess resolves them in-process with ``gr.resolve`` and saves its
clusters and fitted model; above it, the model is fitted in-process on the first
``--fit-records`` records. Then ``goldenrecord.spark.resolve`` runs on ``local[2]``
with that model (``matcher=``), or, with ``--fit-on-spark``, fitting its own from
level-pattern counts (compared with the in-process model), and the script prints:

* wall time of the Spark resolution and time per record;
* the driver's peak memory: the Python driver process (peak RSS) and the JVM
  (driver and, in local mode, the executors' JVM side);
* pairwise precision, recall and F1 of the Spark clusters against the in-process ones
  (1.0 means the same partition of the records), and the share of records whose
  profile id is the same, when in-process resolution fitted.

``--chain N`` links N records end to end (record i to record i + 1, keys in random
order) and prints the rounds and time ``goldenrecord.spark.connected_components`` takes.

Data generation and the in-process run happen in subprocesses, so they do not count
towards the driver's peak.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

RECORDS_PER_PERSON = 2.3


def _generate(size: int, folder: Path) -> None:
    """Write ``size`` generated records (every cell as text) and their schema."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    import goldenrecord as gr

    table = gr.datasets.synthetic_customers(int(size / RECORDS_PER_PERSON) + 1, seed=1)
    frame = table.to_pandas().head(size)
    columns = {
        c: pa.array([None if v is None or v != v else str(v) for v in frame[c]], pa.string())
        for c in frame.columns
    }
    pq.write_table(pa.table(columns), folder / "records.parquet")
    (folder / "schema.json").write_text(table.schema().to_json())


def _inprocess(folder: Path, fit_only: int | None) -> None:
    """Resolve in-process (or fit on the first ``fit_only`` records) and save the model
    and, for a whole run, the clusters."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    import goldenrecord as gr

    frame = pq.read_table(folder / "records.parquet").to_pandas()
    schema = gr.Schema.from_json((folder / "schema.json").read_text())
    if fit_only is not None:
        frame = frame.head(fit_only)
    start = time.perf_counter()
    res = gr.resolve(frame, schema)
    seconds = time.perf_counter() - start
    (folder / "model.json").write_text(res.matcher.to_json())
    if fit_only is None:
        keys = list(res.clusters)
        pq.write_table(
            pa.table({"record_id": keys, "expected": [res.clusters[k] for k in keys]}),
            folder / "inprocess.parquet",
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak}))


def _jvm_peak_mb() -> float | None:
    """Peak resident memory of the JVM this process started (Linux /proc), in MB."""
    me = os.getpid()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if int(fields.get("PPid", "0").strip() or 0) != me or b"java" not in cmdline:
            continue
        peak = fields.get("VmHWM", "").strip().split()
        return int(peak[0]) / 1024 if peak else None
    return None


def _pairwise(spark_clusters: Any, expected: Any) -> dict[str, float]:
    """Pairwise precision / recall / F1 of one partition against another, from their
    contingency table (in Spark: no pair is listed)."""
    from pyspark.sql import functions as sf

    joined = spark_clusters.join(expected, on="record_id")

    def pairs(frame: Any, *by: str) -> int:
        sizes = frame.groupBy(*by).count()
        value = sizes.agg(sf.sum(sf.col("count") * (sf.col("count") - 1) / 2)).collect()[0][0]
        return int(value or 0)

    both = pairs(joined, "profile_id", "expected")
    mine = pairs(joined, "profile_id")
    theirs = pairs(joined, "expected")
    precision = both / mine if mine else 1.0
    recall = both / theirs if theirs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    n = joined.count()
    same_ids = joined.where(sf.col("profile_id") == sf.col("expected")).count()
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "same_profile_id": same_ids / n if n else 1.0,
    }


def _run(size: int, args: argparse.Namespace, spark: Any, folder: Path) -> dict[str, Any]:
    import goldenrecord as gr
    from goldenrecord import spark as grs

    me = [sys.executable, __file__]
    subprocess.run([*me, "--generate", str(size), str(folder)], check=True)
    whole = size <= args.inprocess_max
    call = [*me, "--inprocess", str(folder)]
    if not whole:
        call += ["--fit-only", str(args.fit_records)]
    done = subprocess.run(call, check=True, capture_output=True, text=True)
    inprocess = json.loads(done.stdout.strip().splitlines()[-1])
    model = gr.Matcher.from_json((folder / "model.json").read_text())
    schema = gr.Schema.from_json((folder / "schema.json").read_text())
    frame = spark.read.parquet(str(folder / "records.parquet"))
    start = time.perf_counter()
    given = None if args.fit_on_spark else model
    sres = grs.resolve(frame, schema, matcher=given, partitions=args.partitions)
    seconds = time.perf_counter() - start
    row: dict[str, Any] = {
        "records": sres.report.n_records,
        "spark_seconds": round(seconds, 1),
        "us_per_record": round(1e6 * seconds / max(sres.report.n_records, 1), 1),
        "candidate_pairs": sres.report.blocking.n_pairs,
        "profiles": sres.report.n_clusters,
        "rounds": dict(sres.rounds),
        "components": dict(sres.components),
        "stage_seconds": {k: round(v, 1) for k, v in sres.report.timings.items()},
        "driver_python_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "jvm_peak_mb": _jvm_peak_mb(),
    }
    if args.fit_on_spark:
        # the same model as in-process: every learned table (a fit on the whole table)
        row["same_model"] = sres.model.to_dict() == model.to_dict() if whole else None
    if whole:
        row["inprocess_seconds"] = round(inprocess["seconds"], 1)
        row["inprocess_peak_mb"] = round(inprocess["peak_mb"])
        expected = spark.read.parquet(str(folder / "inprocess.parquet"))
        row["agreement"] = _pairwise(sres.clusters.select("record_id", "profile_id"), expected)
    return row


def _chain(n: int, spark: Any) -> dict[str, Any]:
    """Rounds and seconds of the connected components of a chain of ``n`` records."""
    from pyspark.sql import functions as sf

    from goldenrecord import spark as grs

    def key(column: Any) -> Any:
        return sf.sha2(column.cast("string"), 256)

    ids = spark.range(n - 1)
    edges = ids.select(key(sf.col("id")).alias("a"), key(sf.col("id") + 1).alias("b"))
    start = time.perf_counter()
    found = grs.connected_components(edges)
    roots = found.labels.select("root").distinct().count()
    return {
        "chain": n,
        "rounds": found.rounds,
        "components": roots,
        "seconds": round(time.perf_counter() - start, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000, 3_000_000])
    parser.add_argument("--inprocess-max", type=int, default=1_000_000)
    parser.add_argument("--fit-records", type=int, default=100_000)
    parser.add_argument("--partitions", type=int, default=None)
    parser.add_argument("--driver-memory", default="4g")
    parser.add_argument(
        "--fit-on-spark", action="store_true", help="Spark fits the model (from pattern counts)"
    )
    parser.add_argument("--chain", type=int, default=None, help="only the chain of N records")
    parser.add_argument("--generate", nargs=2, metavar=("SIZE", "FOLDER"), help=argparse.SUPPRESS)
    parser.add_argument("--inprocess", metavar="FOLDER", help=argparse.SUPPRESS)
    parser.add_argument("--fit-only", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        _generate(int(args.generate[0]), Path(args.generate[1]))
        return
    if args.inprocess:
        _inprocess(Path(args.inprocess), args.fit_only)
        return

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("goldenrecord-benchmark")
        .config("spark.driver.memory", args.driver_memory)
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    if args.chain:
        print(json.dumps(_chain(args.chain, spark)), flush=True)
        spark.stop()
        return
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="gr-spark-") as folder:
            row = _run(size, args, spark, Path(folder))
        rows.append(row)
        print(json.dumps(row), flush=True)
    if len(rows) > 1:
        first, last = rows[-2], rows[-1]
        growth = last["us_per_record"] / first["us_per_record"]
        print(f"time per record, {first['records']:,} -> {last['records']:,}: x{growth:.2f}")
    spark.stop()


if __name__ == "__main__":
    main()
