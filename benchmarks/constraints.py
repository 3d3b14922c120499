"""What the clustering constraints and shared-value detection change, on generated customers.

Runs ``gr.resolve`` on generated customer tables (the shipped sample and larger
``synthetic_customers`` tables) twice: with plain settings (no value limits, no
shared-value detection: connected components of the matches above the threshold) and
with the defaults (constrained clustering, shared values set aside). Prints pairwise and
B-cubed F1, and how many true-different people were merged: profiles holding records of
more than one person, and the pairs of people that share a profile.

    python benchmarks/constraints.py                       # sample, 5,000 and 20,000 people
    python benchmarks/constraints.py --people 2000 --json
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from typing import Any

import goldenrecord as gr
from goldenrecord.datasets import CustomerTable, load_sample, synthetic_customers

PLAIN: dict[str, Any] = {"limits": {}, "shared_min_people": None}


def _merged_people(clusters: dict[str, str], truth: dict[str, str]) -> tuple[int, int]:
    """Profiles holding more than one person, and pairs of people sharing a profile."""
    people: dict[str, set[str]] = defaultdict(set)
    for record, profile in clusters.items():
        people[profile].add(truth[record])
    impure = [len(p) for p in people.values() if len(p) > 1]
    return len(impure), sum(k * (k - 1) // 2 for k in impure)


def run(name: str, table: CustomerTable) -> dict[str, Any]:
    """Both settings on one table."""
    out: dict[str, Any] = {"table": name, "records": len(table)}
    for label, options in (("plain", PLAIN), ("defaults", {})):
        start = time.perf_counter()
        res = gr.resolve(table.columns, table.schema(), **options)
        seconds = time.perf_counter() - start
        ev = gr.evaluate(res.clusters, table.truth)
        impure, pairs = _merged_people(res.clusters, table.truth)
        out[label] = {
            "pairwise_precision": round(ev.pairwise_precision, 4),
            "pairwise_recall": round(ev.pairwise_recall, 4),
            "pairwise_f1": round(ev.pairwise_f1, 4),
            "bcubed_f1": round(ev.bcubed_f1, 4),
            "profiles": res.report.n_clusters,
            "profiles_with_several_people": impure,
            "people_pairs_merged": pairs,
            "refused": dict(res.report.refused),
            "shared_values": dict(res.report.shared_values),
            "seconds": round(seconds, 2),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--people", type=int, nargs="*", default=[5_000, 20_000], help="generated table sizes"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    results = [run("sample (604 records, 260 people)", load_sample())]
    for n in args.people:
        results.append(run(f"{n:,} people", synthetic_customers(n, seed=args.seed)))
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    rows = [
        "pairwise_precision",
        "pairwise_recall",
        "pairwise_f1",
        "bcubed_f1",
        "profiles",
        "profiles_with_several_people",
        "people_pairs_merged",
        "seconds",
    ]
    for result in results:
        print(f"\n{result['table']}: {result['records']:,} records")
        print(f"  {'':30} {'plain':>10} {'defaults':>10}")
        for row in rows:
            print(f"  {row:30} {result['plain'][row]:>10} {result['defaults'][row]:>10}")
        print(f"  refused by constraint: {result['defaults']['refused']}")
        print(f"  shared values set aside: {result['defaults']['shared_values']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
