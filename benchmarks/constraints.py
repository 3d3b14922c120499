"""What the clustering constraints, shared values and look-alike classes change.

Runs ``gr.resolve`` on generated customer tables (the shipped sample and larger
``synthetic_customers`` tables) four times: with plain settings (no value limits, no
shared-value detection: connected components of the matches above the threshold), with
the defaults (constrained clustering, shared values set aside), and with the defaults
on a two-class model (``gr.Matcher(households=False, namesakes=False)``: no look-alike
classes), and with the defaults plus ``attach=True`` (lone records join the one profile
they resemble). Prints pairwise and B-cubed F1, how many true-different people were merged
(profiles holding records of more than one person, and the pairs of people that share
a profile), and how many of the *household pairs* and *namesake pairs* were merged: pairs
of different people with a record at the same family name and address, and pairs of
different people with a record of the same given and family name (case and accents
folded). The aim is at most 1% of either merged.

    python benchmarks/constraints.py                       # sample, 5,000 and 20,000 people
    python benchmarks/constraints.py --people 2000 --json
"""

from __future__ import annotations

import argparse
import json
import time
import unicodedata
from collections import defaultdict
from itertools import combinations
from typing import Any

import goldenrecord as gr
from goldenrecord.datasets import CustomerTable, load_sample, synthetic_customers

PLAIN: dict[str, Any] = {"limits": {}, "shared_min_people": None}
SETTINGS: dict[str, dict[str, Any]] = {
    "plain": PLAIN,
    "defaults": {},
    "two-class": {"model": {"households": False, "namesakes": False}},
    "attach": {"attach": True},
}


def _household_pairs(table: CustomerTable) -> set[tuple[str, str]]:
    """Pairs of different people with a record at the same family name and address."""
    homes: dict[tuple[str, str], set[str]] = defaultdict(set)
    cols = table.columns
    for rid, family, address in zip(
        cols["record_id"], cols["last_name"], cols["address"], strict=True
    ):
        if family and address:
            homes[family.strip().lower(), address.strip().lower()].add(table.truth[rid])
    return {pair for people in homes.values() for pair in combinations(sorted(people), 2)}


def _fold(text: str) -> str:
    """Lower case, outer spaces and accents removed (``JIMÉNEZ`` reads ``jimenez``)."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _namesake_pairs(table: CustomerTable) -> set[tuple[str, str]]:
    """Pairs of different people with a record of the same given and family name."""
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    cols = table.columns
    for rid, given, family in zip(
        cols["record_id"], cols["first_name"], cols["last_name"], strict=True
    ):
        if given and family and given.strip() and family.strip():
            names[_fold(given), _fold(family)].add(table.truth[rid])
    return {pair for people in names.values() for pair in combinations(sorted(people), 2)}


def _mixed_profiles(clusters: dict[str, str], truth: dict[str, str]) -> list[set[str]]:
    """The people of each profile that holds more than one person."""
    people: dict[str, set[str]] = defaultdict(set)
    for record, profile in clusters.items():
        people[profile].add(truth[record])
    return [p for p in people.values() if len(p) > 1]


def run(name: str, table: CustomerTable) -> dict[str, Any]:
    """Both settings on one table."""
    out: dict[str, Any] = {"table": name, "records": len(table)}
    households = _household_pairs(table)
    namesakes = _namesake_pairs(table)
    out["household_pairs"] = len(households)
    out["namesake_pairs"] = len(namesakes)
    for label, options in SETTINGS.items():
        start = time.perf_counter()
        options = dict(options)
        if "model" in options:  # a fresh, unfitted Matcher per run
            options["matcher"] = gr.Matcher(**options.pop("model"))
        res = gr.resolve(table.columns, table.schema(), **options)
        seconds = time.perf_counter() - start
        ev = gr.evaluate(res.clusters, table.truth)
        mixed = _mixed_profiles(res.clusters, table.truth)
        merged = {pair for p in mixed for pair in combinations(sorted(p), 2)}
        out[label] = {
            "pairwise_precision": round(ev.pairwise_precision, 4),
            "pairwise_recall": round(ev.pairwise_recall, 4),
            "pairwise_f1": round(ev.pairwise_f1, 4),
            "bcubed_f1": round(ev.bcubed_f1, 4),
            "profiles": res.report.n_clusters,
            "profiles_with_several_people": len(mixed),
            "people_pairs_merged": sum(len(p) * (len(p) - 1) // 2 for p in mixed),
            "household_pairs_merged": len(households & merged),
            "namesake_pairs_merged": len(namesakes & merged),
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
        "household_pairs_merged",
        "namesake_pairs_merged",
        "seconds",
    ]
    for result in results:
        print(
            f"\n{result['table']}: {result['records']:,} records, "
            f"{result['household_pairs']:,} household pairs, "
            f"{result['namesake_pairs']:,} namesake pairs"
        )
        print(f"  {'':30} " + " ".join(f"{label:>10}" for label in SETTINGS))
        for row in rows:
            cells = " ".join(f"{result[label][row]:>10}" for label in SETTINGS)
            print(f"  {row:30} {cells}")
        print(f"  refused by constraint: {result['defaults']['refused']}")
        print(f"  shared values set aside: {result['defaults']['shared_values']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
