"""Scoring on executors: the fitted model's own ``score`` over batches of pairs.

Each batch of candidate pairs arrives with both records' prepared values (shared values
set aside) and, per term-frequency comparison, the share of the distinct records holding
the left record's value, counted over the whole table by a group-by. The batch is
scored by :meth:`goldenrecord.Matcher.score` with a ``tf`` function that reads those
shares, so the weights are those of the batch path: same levels, same model, same
term-frequency adjustments (:func:`~goldenrecord.match.distributed.tf_adjustment`).

Pairs of an exact copy and its representative go through
:func:`~goldenrecord.match.distributed.with_copies`, as in-process.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from goldenrecord.match.distributed import ExactCopies, tf_adjustment, with_copies
from goldenrecord.match.model import Matcher, ScoredPairs
from goldenrecord.match.stages import PreparedTable
from goldenrecord.schema import Schema
from goldenrecord.spark._records import arrow, load

__all__ = ["COPY_RULE", "SCORED_SCHEMA", "model_of", "score_batches", "score_pairs", "tf_columns"]

SCORED_SCHEMA = (
    "key_l string, key_r string, rule int, weight double, probability double, "
    "lookalike double, levels array<int>, tf_adjustment array<float>"
)
"""The columns of the scored pairs (``rule`` is -1 for a copy joined to its record)."""

COPY_RULE = -1
"""The ``rule`` of the pair of an exact copy and its representative."""


def tf_columns(model: Matcher) -> list[tuple[int, str]]:
    """The fitted model's term-frequency comparisons: (position, column counted)."""
    return [
        (k, c.tf_column)
        for k, c in enumerate(model.comparisons_)
        if c.term_frequency and c.tf_column is not None
    ]


def _tf(
    model: Matcher, shares: npt.NDArray[np.float64]
) -> Callable[[npt.NDArray[Any]], npt.NDArray[np.float32]]:
    """A ``tf`` function for :meth:`Matcher.score`: ``shares[i, j]`` is the share of records
    holding pair ``i``'s left value of the j-th term-frequency comparison."""
    wanted = tf_columns(model)

    def adjust(levels: npt.NDArray[Any]) -> npt.NDArray[np.float32]:
        out = np.zeros((levels.shape[0], len(model.comparisons_)), dtype=np.float32)
        for j, (k, _) in enumerate(wanted):
            exact = np.flatnonzero(levels[:, k] == 0)
            if exact.size:
                u_exact = float(model.u_random_[k][0])
                out[exact, k] = tf_adjustment(u_exact, shares[exact, j])
        return out

    return adjust


class _Scoring:
    """The model with the batch's ``tf`` function, for :func:`with_copies` (which calls
    ``score`` on the distinct records)."""

    def __init__(self, model: Matcher, tf: Callable[[npt.NDArray[Any]], Any]) -> None:
        self.model = model
        self.tf = tf

    def score(self, prepared: PreparedTable, left: Any, right: Any) -> ScoredPairs:
        return self.model.score(prepared, left, right, tf=self.tf)


def _table(payloads: list[bytes], fields: dict[str, str]) -> PreparedTable:
    """A table of the given records, in the given order (records may repeat)."""
    rows = [load(p)[0] for p in payloads]
    n = len(rows)
    names = list(rows[0]) if rows else []
    columns = {}
    for c in names:
        values = np.empty(n, dtype=object)
        values[:] = [r[c] for r in rows]
        columns[c] = values
    return PreparedTable(
        keys=[str(i) for i in range(n)],
        sources=[None] * n,
        source_codes=np.full(n, -1, dtype=np.int32),
        columns=columns,
        raw={},
        updated_at=[None] * n,
        rejected_values={},
        rejected=[],
        fields=fields,
    )


@functools.lru_cache(maxsize=4)
def model_of(document: str) -> Matcher:
    """The fitted model from its JSON (:meth:`Matcher.to_json`), read once per worker: the
    model travels to executors as JSON, its comparators are compiled functions."""
    return Matcher.from_json(document)


def score_batches(batches: Iterator[Any], document: str, fields: dict[str, str]) -> Iterator[Any]:
    """Score batches of ``(key_l, key_r, rule, matched_l, matched_r, f0, f1, ...)`` rows with
    the model whose JSON is ``document``."""
    pa = arrow()

    model = model_of(document)
    n_tf = len(tf_columns(model))
    for batch in batches:
        m = batch.num_rows
        if not m:
            continue
        rule = np.asarray(batch.column("rule").to_numpy(zero_copy_only=False), dtype=np.int64)
        shares = np.empty((m, n_tf), dtype=np.float64)
        for j in range(n_tf):
            shares[:, j] = np.asarray(
                batch.column(f"f{j}").to_numpy(zero_copy_only=False), dtype=np.float64
            )
        left_payloads = batch.column("matched_l").to_pylist()
        right_payloads = batch.column("matched_r").to_pylist()
        keys_l = batch.column("key_l").to_pylist()
        keys_r = batch.column("key_r").to_pylist()
        out_l: list[str] = []
        out_r: list[str] = []
        parts: list[tuple[npt.NDArray[np.int64], ScoredPairs]] = []
        pairs = np.flatnonzero(rule != COPY_RULE)
        if pairs.size:
            picked = pairs.tolist()
            table = _table(
                [left_payloads[i] for i in picked] + [right_payloads[i] for i in picked], fields
            )
            k = len(picked)
            at = np.arange(k, dtype=np.int64)
            scored = model.score(table, at, at + k, tf=_tf(model, shares[pairs]))
            parts.append((rule[pairs], scored))
            out_l += [keys_l[i] for i in picked]
            out_r += [keys_r[i] for i in picked]
        copies = np.flatnonzero(rule == COPY_RULE)
        if copies.size:
            picked = copies.tolist()
            k = len(picked)
            reps = _table([left_payloads[i] for i in picked], fields)
            tf = _tf(model, shares[copies])
            at = np.arange(k, dtype=np.int64)
            none = model.score(reps, at[:0], at[:0], tf=tf)
            grouping = ExactCopies(np.concatenate([at, at]), at)
            scored = with_copies(none, grouping, cast(Matcher, _Scoring(model, tf)), reps)
            # with_copies gives (representative, copy) with copy = k + i, in that order.
            parts.append((np.full(k, COPY_RULE, dtype=np.int64), scored))
            out_l += [keys_l[i] for i in picked]
            out_r += [keys_r[i] for i in picked]
        rules = np.concatenate([r for r, _ in parts])
        weight = np.concatenate([s.weight for _, s in parts])
        probability = np.concatenate([s.probability for _, s in parts])
        lookalike = np.concatenate([s.lookalike for _, s in parts])
        levels = np.concatenate([s.levels for _, s in parts]).astype(np.int32)
        adjust = np.concatenate([s.tf_adjustment for _, s in parts]).astype(np.float32)
        width = levels.shape[1]
        yield pa.RecordBatch.from_arrays(
            [
                pa.array(out_l, pa.string()),
                pa.array(out_r, pa.string()),
                pa.array(rules.astype(np.int32)),
                pa.array(weight.astype(np.float64)),
                pa.array(probability.astype(np.float64)),
                pa.array(lookalike.astype(np.float64)),
                pa.ListArray.from_arrays(
                    pa.array(np.arange(0, levels.size + 1, width, dtype=np.int32)),
                    pa.array(levels.reshape(-1)),
                ),
                pa.ListArray.from_arrays(
                    pa.array(np.arange(0, adjust.size + 1, width, dtype=np.int32)),
                    pa.array(adjust.reshape(-1)),
                ),
            ],
            names=[
                "key_l",
                "key_r",
                "rule",
                "weight",
                "probability",
                "lookalike",
                "levels",
                "tf_adjustment",
            ],
        )


def score_pairs(
    model: Matcher, distinct: Any, masked: Any, pairs: Any, schema: Schema, *, collapse: bool
) -> Any:
    """The candidate pairs and the copy pairs, scored by the model on executors."""
    from pyspark.sql import functions as sf

    wanted = tf_columns(model)
    fields = dict(schema.fields)
    left_info = distinct.select("key", "matched")
    if wanted:
        columns = [c for _, c in wanted]

        def extract(batches: Iterator[Any]) -> Iterator[Any]:
            return _tf_values(batches, columns)

        values = distinct.select("key", "matched").mapInArrow(
            extract, "key string, " + ", ".join(f"t{j} string" for j in range(len(columns)))
        )
        values = values.localCheckpoint(eager=True)
        for j in range(len(columns)):
            t = f"t{j}"
            total = values.where(sf.col(t).isNotNull()).count()
            shares = (
                values.where(sf.col(t).isNotNull())
                .groupBy(t)
                .count()
                .select(t, (sf.col("count") / sf.lit(float(max(total, 1)))).alias(f"f{j}"))
            )
            values = values.join(shares, on=t, how="left")
        left_info = left_info.join(
            values.select("key", *[f"f{j}" for j in range(len(columns))]), on="key"
        )
    shares_l = [sf.col(f"f{j}") for j in range(len(wanted))]
    right = distinct.select(sf.col("key").alias("key_r"), sf.col("matched").alias("matched_r"))
    candidates = (
        pairs.join(left_info.withColumnRenamed("key", "key_l"), on="key_l")
        .withColumnRenamed("matched", "matched_l")
        .join(right, on="key_r")
        .select("key_l", "key_r", "rule", "matched_l", "matched_r", *shares_l)
    )
    if collapse:
        copies = (
            masked.where(sf.col("rep") != sf.col("key"))
            .select(sf.col("rep").alias("key_l"), sf.col("key").alias("key_r"))
            .join(left_info.withColumnRenamed("key", "key_l"), on="key_l")
            .select(
                "key_l",
                "key_r",
                sf.lit(COPY_RULE).alias("rule"),
                sf.col("matched").alias("matched_l"),
                sf.col("matched").alias("matched_r"),
                *shares_l,
            )
        )
        candidates = candidates.unionByName(copies)

    document = model.to_json()

    def scoring(batches: Iterator[Any]) -> Iterator[Any]:
        return score_batches(batches, document, fields)

    return candidates.mapInArrow(scoring, SCORED_SCHEMA).localCheckpoint(eager=True)


def _tf_values(batches: Iterator[Any], columns: Sequence[str]) -> Iterator[Any]:
    """Per record, its values of the term-frequency columns (as text)."""
    pa = arrow()

    for batch in batches:
        keys = batch.column("key").to_pylist()
        cells = [load(p)[0] for p in batch.column("matched").to_pylist()]
        arrays = [pa.array(keys, pa.string())]
        for c in columns:
            arrays.append(
                pa.array([None if r.get(c) is None else str(r[c]) for r in cells], pa.string())
            )
        yield pa.RecordBatch.from_arrays(
            arrays, names=["key", *[f"t{j}" for j in range(len(columns))]]
        )
