"""Pairs and pairs completeness of goldenrecord's default blocking, rule by rule.

For each labelled dataset (the same tables and schemas as ``accuracy.py``), the records
are prepared as ``gr.resolve`` prepares them, then blocked with the rules
``default_rules`` derives from the schema and the pair budget ``resolve`` uses
(``max(1,000,000, 5 pairs per record)`` per rule), exhaustive comparison switched off.
It prints, per rule, the pairs it generated, the pairs no earlier rule had found, the
true pairs among those new pairs, and whether the budget dropped it; then the total
pairs and the pairs completeness (share of true matching pairs among the candidates).
The last rule, ``groups linked by exact rules``, compares the records that the exact
rules link into small groups (``GroupRule``); ``--no-groups`` leaves it out, to see
what it adds.

    python benchmarks/blocking.py                          # every dataset
    python benchmarks/blocking.py --datasets historical_50k --json
    python benchmarks/blocking.py --datasets historical_50k --no-groups
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

import goldenrecord as gr
from _data import DATASETS, DEFAULT_DATA_DIR, Dataset, load, record_key
from accuracy import GOLDENRECORD_FIELDS
from goldenrecord.match._prepare import prepare
from goldenrecord.match.blocking import DEFAULT_MAX_BLOCK_SIZE, GroupRule, block, default_rules


def measure(dataset: Dataset, *, with_groups: bool = True) -> dict[str, Any]:
    """Prepare and block one dataset; figures per rule and in total."""
    schema = gr.Schema(id=dataset.id_column, fields=GOLDENRECORD_FIELDS[dataset.name])
    data: object = dict(dataset.tables) if dataset.link else dataset.table
    t0 = time.perf_counter()
    prepared = prepare(data, schema)
    prepare_seconds = time.perf_counter() - t0
    keys = prepared.keys
    if dataset.link:
        # Keys of several sources are "source:id"; back to (source, id).
        labels = [dataset.truth[record_key(*k.split(":", 1))] for k in keys]
    else:
        labels = [dataset.truth[record_key(None, k)] for k in keys]
    _, truth = np.unique(np.array(labels, dtype=object), return_inverse=True)
    n = len(prepared)
    rules = default_rules(prepared.fields)
    if not with_groups:
        rules = tuple(r for r in rules if not isinstance(r, GroupRule))
    t0 = time.perf_counter()
    pairs = block(
        prepared.columns,
        rules,
        groups=prepared.source_codes,
        link_only=dataset.link,
        max_block_size=DEFAULT_MAX_BLOCK_SIZE,
        max_pairs_per_rule=max(1_000_000, 5 * n),
        truth=truth,
    )
    block_seconds = time.perf_counter() - t0
    is_true = truth[pairs.left] == truth[pairs.right]
    true_new = np.bincount(pairs.rule[is_true], minlength=len(rules))
    report = pairs.report
    return {
        "dataset": dataset.name,
        "records": n,
        "true_pairs": report.true_pairs,
        "pairs": report.n_pairs,
        "pairs_completeness": report.pairs_completeness,
        "prepare_seconds": prepare_seconds,
        "block_seconds": block_seconds,
        "rules": [
            {
                "rule": r.rule,
                "pairs": r.pairs,
                "new_pairs": r.new_pairs,
                "new_true_pairs": int(t),
                "skipped": r.skipped,
                "largest_block": r.largest_block,
                "groups": isinstance(rule, GroupRule),
                "oversized_blocks": len(r.oversized),
            }
            for rule, r, t in zip(rules, report.rules, true_new, strict=True)
        ],
    }


def _print(entry: dict[str, Any]) -> None:
    print(
        f"\n{entry['dataset']}: {entry['records']:,} records, {entry['true_pairs']:,} true pairs"
        f" (prepare {entry['prepare_seconds']:.1f} s, block {entry['block_seconds']:.1f} s)"
    )
    width = max(len(r["rule"]) for r in entry["rules"]) + 2
    print(f"  {'rule':<{width}}{'pairs':>10}{'new':>10}{'new true':>10}")
    for r in entry["rules"]:
        note = "  skipped (over the pair budget)" if r["skipped"] else ""
        if r["largest_block"] is not None:
            note += f"  {'groups' if r['groups'] else 'blocks'} up to {r['largest_block']}"
        if r["oversized_blocks"]:
            note += f"  {r['oversized_blocks']} oversized blocks"
        print(
            f"  {r['rule']:<{width}}{r['pairs']:>10,}{r['new_pairs']:>10,}"
            f"{r['new_true_pairs']:>10,}{note}"
        )
    print(
        f"  {'total':<{width}}{entry['pairs']:>10,}"
        f"  pairs completeness {entry['pairs_completeness']:.4f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument(
        "--datasets",
        nargs="+",
        default=list(DATASETS),
        choices=list(DATASETS),
        metavar="NAME",
        help=f"datasets to run, among {' '.join(DATASETS)} (default: all)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument(
        "--no-groups", action="store_true", help="leave out the group rule (GroupRule)"
    )
    args = parser.parse_args(argv)
    entries = []
    for name in args.datasets:
        entry = measure(load(name, args.data), with_groups=not args.no_groups)
        entries.append(entry)
        if not args.json:
            _print(entry)
    if args.json:
        json.dump({"datasets": entries}, sys.stdout, indent=2)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
