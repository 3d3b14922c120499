"""The demo: the whole pipeline on a generated customer table, told in a few screens.

Generated data only (:mod:`goldenrecord.datasets`), so printing names and addresses
shows nobody's personal data.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from typing import Any

from goldenrecord._evaluate import evaluate
from goldenrecord._resolve import Resolution, resolve
from goldenrecord.datasets import CustomerTable, load_sample, synthetic_customers
from goldenrecord.profile import Profile

__all__ = ["demo_summary", "profile_doc", "run_demo"]


def run_demo(people: int | None, seed: int) -> tuple[CustomerTable, Resolution, float]:
    """Generate (or load) the table and resolve it; the table, the result and the seconds."""
    table = load_sample() if people is None else synthetic_customers(people, seed=seed)
    start = time.perf_counter()
    res = resolve(table.columns, table.schema())
    return table, res, time.perf_counter() - start


def _showcase(res: Resolution, n: int) -> list[Profile]:
    """Profiles worth showing: several sources and records, largest first, ties by id."""
    sources = dict(zip(res.prepared.keys, res.prepared.sources, strict=True))
    ranked = sorted(
        (p for p in res.profiles if p.n_records > 1),
        key=lambda p: (-len({sources[k] for k in p.record_ids}), -p.n_records, p.profile_id),
    )
    return ranked[:n]


def _merge_to_explain(res: Resolution, profile: Profile) -> tuple[str, str] | None:
    """The accepted pair inside ``profile`` joining two different sources, strongest first."""
    members = set(profile.record_ids)
    keys, sources = res.prepared.keys, res.prepared.sources
    pairs = res.pairs
    best: tuple[float, str, str] | None = None
    for i, j, w in zip(
        pairs.left.tolist(), pairs.right.tolist(), pairs.weight.tolist(), strict=True
    ):
        inside = keys[i] in members and keys[j] in members and sources[i] != sources[j]
        if inside and (best is None or w > best[0]):
            best = (w, keys[i], keys[j])
    return None if best is None else (best[1], best[2])


def profile_doc(p: Profile, purposes: Iterable[str]) -> dict[str, Any]:
    """A profile as JSON-ready data: members, golden values with lineage, consent."""
    return {
        "profile_id": p.profile_id,
        "records": list(p.record_ids),
        "attributes": {
            field: {
                "value": v.value,
                "rule": v.rule,
                "records": list(v.record_ids),
                "sources": list(v.sources),
                "other_values": [o.value for o in p.values(field)[1:]],
            }
            for field, v in p.attributes.items()
        },
        "consent": {purpose: p.consent(purpose) for purpose in purposes},
    }


def demo_summary(
    table: CustomerTable, res: Resolution, seconds: float, *, n_profiles: int = 3
) -> dict[str, Any]:
    """Everything the demo prints, as JSON-ready data."""
    ev = evaluate(res.clusters, table.truth)
    report = res.report
    showcase = _showcase(res, n_profiles)
    purposes = table.schema().consent
    profiles = [profile_doc(p, purposes) for p in showcase]
    explanation = None
    if showcase:
        pair = _merge_to_explain(res, showcase[0])
        if pair is not None:
            ex = res.explain(*pair)
            explanation = {
                "records": list(pair),
                "match_weight": round(ex.match_weight, 2),
                "match_probability": round(ex.match_probability, 4),
                "sentences": ex.sentences,
            }
    return {
        "records": report.n_records,
        "sources": dict(Counter(s for s in res.prepared.sources if s is not None)),
        "people_in_truth": ev.true_clusters,
        "profiles": report.n_clusters,
        "seconds": round(seconds, 2),
        "timings": dict(report.timings),
        "rejected_values": {
            field: dict(reasons) for field, reasons in report.rejected_values.items() if reasons
        },
        "shared_values": dict(report.shared_values),
        "refused_matches": dict(report.refused),
        "candidate_pairs": len(res.pairs),
        "accuracy": {
            "pairwise_precision": round(ev.pairwise_precision, 4),
            "pairwise_recall": round(ev.pairwise_recall, 4),
            "pairwise_f1": round(ev.pairwise_f1, 4),
            "bcubed_f1": round(ev.bcubed_f1, 4),
        },
        "showcase": profiles,
        "explanation": explanation,
    }
