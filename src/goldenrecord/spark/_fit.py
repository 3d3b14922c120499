"""Fitting the model on Spark from level-pattern counts: no candidate pair reaches the driver.

:meth:`goldenrecord.Matcher.fit` reads the candidate pairs only through how often each
pattern of comparison levels occurs (EM iterates over the distinct patterns, each
weighted by its count), plus a uniform sample of random record pairs (``u`` and the
pairs blocking did not propose). So the driver needs:

* the candidate pairs' level patterns and their counts: levels computed on executors
  by the model's comparisons (:meth:`Matcher.levels`), counted by a group-by;
* the random sample of :func:`~goldenrecord.match._fitting.random_pairs`, drawn on
  the driver over record indices in key order (the prepared table's order), its
  records looked up on executors by rank, its levels computed there and collected
  (``u_sample_size`` rows), with a flag saying whether blocking proposed the pair;
* for ``labels=``, the labelled records only.

:func:`fit_counts` then fits exactly as :func:`goldenrecord.match._fitting.fit_model`
does from the same counts, so the model is the one ``gr.resolve`` fits on the same
records and candidate pairs.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from goldenrecord.match._em import level_counts
from goldenrecord.match._fitting import fit_from_sample, from_labels, random_pairs
from goldenrecord.match._kinds import (
    _ANCHOR_KINDS,
    comparison_kind,
)
from goldenrecord.match._levels import Comparison
from goldenrecord.match._location import model_comparisons
from goldenrecord.match._weights import (
    _n_levels,
    _population,
    _smooth,
)
from goldenrecord.match.blocking import BlockingRule, all_pairs, block
from goldenrecord.match.model import Matcher
from goldenrecord.schema import Schema
from goldenrecord.spark import _records
from goldenrecord.spark._score import _table

__all__ = ["fit_counts", "fit_on_counts", "fit_on_sample", "pattern_counts"]

LevelMatrix = npt.NDArray[np.int8]


def fit_counts(
    model: Matcher,
    comparisons: tuple[Comparison, ...],
    fields: Mapping[str, str],
    patterns: LevelMatrix,
    counts: npt.NDArray[np.int64],
    random_levels: LevelMatrix,
    proposed: npt.NDArray[np.bool_],
    *,
    population: int,
    labelled: tuple[list[Any], list[Any]] | None = None,
) -> None:
    """Set the learned attributes of ``model`` as :meth:`Matcher.fit` does, from counts.

    Args:
        model: the model to fit (its settings: ``max_iter``, ``households``, ...).
        comparisons: the comparisons it fits.
        fields: the prepared table's fields (column → kind).
        patterns, counts: the distinct level patterns of the candidate pairs and how
            many candidate pairs have each.
        random_levels: the levels of the random pairs (``random_pairs``' sample).
        proposed: per random pair, whether blocking proposed it (a candidate).
        population: the record pairs the candidates and the sample stand for.
        labelled: ``m`` and ``u`` counted from clerical labels (``from_labels``).
    """
    n_levels = _n_levels(comparisons)
    n_candidates = int(counts.sum())
    u_random = [_smooth(c) for c in level_counts(random_levels, n_levels)]
    rest = random_levels[~proposed]
    rest_weight = (population - n_candidates) / max(rest.shape[0], 1)
    sample = np.concatenate([patterns, rest])
    weights = np.concatenate(
        [counts.astype(np.float64), np.full(rest.shape[0], rest_weight, dtype=np.float64)]
    )
    fit_from_sample(
        model,
        comparisons,
        fields,
        sample,
        weights,
        n_levels,
        u_random=u_random,
        random_levels=random_levels,
        anchor_rows=_anchored_rows(comparisons, fields, patterns, counts),
        n_candidates=n_candidates,
        population=population,
        labelled=labelled,
    )


def _anchored_rows(
    comparisons: Sequence[Comparison],
    fields: Mapping[str, str],
    patterns: LevelMatrix,
    counts: npt.NDArray[np.int64],
) -> LevelMatrix:
    """The candidate pairs the anchor count reads (exact agreement on an email or an
    identifier), one row per pair: the other pairs are not read there."""
    anchors = [k for k, c in enumerate(comparisons) if comparison_kind(c, fields) in _ANCHOR_KINDS]
    if not anchors:
        return patterns[:0]
    rows = (patterns[:, anchors] == 0).any(axis=1)
    return np.repeat(patterns[rows], counts[rows], axis=0)


@functools.lru_cache(maxsize=4)
def _comparisons_of(document: str) -> tuple[Comparison, ...]:
    return tuple(Comparison.from_dict(d) for d in json.loads(document))


def _levels_batches(
    batches: Iterator[Any], document: str, fields: dict[str, str], counted: bool
) -> Iterator[Any]:
    """Levels of batches of ``(matched_l, matched_r[, j])`` pairs: per batch, each distinct
    pattern (bytes) and its count, or (``counted=False``) each pair's ``j`` and pattern."""
    pa = _records.arrow()
    matcher = Matcher(comparisons=_comparisons_of(document))
    for batch in batches:
        k = batch.num_rows
        if not k:
            continue
        table = _table(
            batch.column("matched_l").to_pylist() + batch.column("matched_r").to_pylist(), fields
        )
        at = np.arange(k, dtype=np.int64)
        levels = np.ascontiguousarray(matcher.levels(table, at, at + k), dtype=np.int8)
        if counted:
            rows, n = np.unique(levels, axis=0, return_counts=True)
            yield pa.RecordBatch.from_arrays(
                [pa.array([r.tobytes() for r in rows], pa.binary()), pa.array(n, pa.int64())],
                names=["pattern", "n"],
            )
        else:
            yield pa.RecordBatch.from_arrays(
                [batch.column("j"), pa.array([r.tobytes() for r in levels], pa.binary())],
                names=["j", "pattern"],
            )


def pattern_counts(
    pairs: Any, distinct: Any, comparisons: tuple[Comparison, ...], fields: Mapping[str, str]
) -> tuple[LevelMatrix, npt.NDArray[np.int64]]:
    """The distinct level patterns of the candidate ``pairs`` and their counts, computed
    and counted on executors (patterns in ascending byte order)."""
    from pyspark.sql import functions as sf

    document = json.dumps([c.to_dict() for c in comparisons])
    plain = dict(fields)
    left = distinct.select(sf.col("key").alias("key_l"), sf.col("matched").alias("matched_l"))
    right = distinct.select(sf.col("key").alias("key_r"), sf.col("matched").alias("matched_r"))
    joined = pairs.join(left, on="key_l").join(right, on="key_r").select("matched_l", "matched_r")

    def levels(batches: Iterator[Any]) -> Iterator[Any]:
        return _levels_batches(batches, document, plain, True)

    rows = (
        joined.mapInArrow(levels, "pattern binary, n long")
        .groupBy("pattern")
        .agg(sf.sum("n").alias("n"))
        .collect()
    )
    return _matrix([r["pattern"] for r in rows], len(comparisons)), np.array(
        [int(r["n"]) for r in rows], dtype=np.int64
    )


def _matrix(patterns: Sequence[bytes], width: int) -> LevelMatrix:
    """Patterns (bytes of int8 levels) as a matrix, one row each, in the given order."""
    if not patterns:
        return np.zeros((0, width), dtype=np.int8)
    flat = np.frombuffer(b"".join(patterns), dtype=np.int8)
    return np.asarray(flat.reshape(-1, width).copy(), dtype=np.int8)


def fit_on_counts(
    model: Matcher,
    distinct: Any,
    pairs: Any,
    schema: Schema,
    source_codes: Mapping[str, int],
    *,
    n_distinct: int,
    link_only: bool,
    labels: Mapping[tuple[str, str], bool] | None,
    representative: Any | None,
) -> None:
    """Fit ``model`` on the distinct records and their candidate ``pairs`` as
    :meth:`Matcher.fit` fits it in-process, from counts (see the module docstring).

    ``representative`` (columns ``key``, ``rep``) maps an exact copy to the record it
    was collapsed into, for the labels, when copies were collapsed."""
    from pyspark.sql import Window
    from pyspark.sql import functions as sf

    pa = _records.arrow()
    fields = dict(schema.fields)
    comparisons = model.comparisons or model_comparisons(fields)
    patterns, counts = pattern_counts(pairs, distinct, comparisons, fields)

    spark = distinct.sparkSession
    # record indices in key order (the prepared table's): keys and sources only
    ranked = distinct.select(
        "key", "source", (sf.row_number().over(Window.orderBy("key")) - 1).alias("i")
    ).localCheckpoint(eager=True)
    groups = None
    if link_only:
        codes = ranked.select(
            "i", sf.coalesce(sf.col("source"), sf.lit("")).alias("source")
        ).toArrow()
        order = np.argsort(np.asarray(codes.column("i").to_numpy()), kind="stable")
        names = codes.column("source").to_pylist()
        groups = np.array([source_codes.get(names[i], -1) for i in order.tolist()], dtype=np.int32)
    a, b = random_pairs(n_distinct, groups, model.u_sample_size, model.random_state)
    drawn = spark.createDataFrame(
        pa.table(
            {
                "j": pa.array(np.arange(a.size, dtype=np.int64)),
                "a": pa.array(a),
                "b": pa.array(b),
            }
        )
    )
    side = ranked.select("i", "key")
    matched = distinct.select("key", "matched")
    random = (
        drawn.join(side.toDF("a", "key_l"), on="a")
        .join(side.toDF("b", "key_r"), on="b")
        .join(matched.toDF("key_l", "matched_l"), on="key_l")
        .join(matched.toDF("key_r", "matched_r"), on="key_r")
        .join(
            pairs.select("key_l", "key_r", sf.lit(True).alias("proposed")),
            on=["key_l", "key_r"],
            how="left",
        )
    )
    document = json.dumps([c.to_dict() for c in comparisons])

    def levels(batches: Iterator[Any]) -> Iterator[Any]:
        return _levels_batches(batches, document, fields, False)

    scored = random.select("j", "matched_l", "matched_r").mapInArrow(
        levels, "j long, pattern binary"
    )
    flags = random.select("j", sf.coalesce("proposed", sf.lit(False)).alias("proposed"))
    got = scored.join(flags, on="j").toArrow()
    order = np.argsort(np.asarray(got.column("j").to_numpy()), kind="stable")
    random_levels = _matrix(
        [got.column("pattern")[i].as_py() for i in order.tolist()], len(comparisons)
    )
    proposed = np.asarray(got.column("proposed").to_numpy(zero_copy_only=False), dtype=bool)[order]
    labelled = None
    if labels:
        labelled = _labelled(labels, distinct, representative, comparisons, schema, source_codes)
    fit_counts(
        model,
        comparisons,
        fields,
        patterns,
        counts,
        random_levels,
        proposed,
        population=_population(n_distinct, groups),
        labelled=labelled,
    )


def _labelled(
    labels: Mapping[tuple[str, str], bool],
    distinct: Any,
    representative: Any | None,
    comparisons: tuple[Comparison, ...],
    schema: Schema,
    source_codes: Mapping[str, int],
) -> tuple[list[Any], list[Any]]:
    """``m`` and ``u`` counted from the labelled pairs, on a table of the labelled records
    only; a copy's key stands for its representative's (a pair that lands on one record
    is left out), as in-process."""
    from pyspark.sql import functions as sf

    keys = sorted({k for pair in labels for k in pair})
    rep = {k: k for k in keys}
    if representative is not None:
        found = representative.where(sf.col("key").isin(keys)).collect()
        rep.update({r["key"]: r["rep"] for r in found})
    mapped: dict[tuple[str, str], bool] = {}
    for (a, b), is_match in labels.items():
        pair = (rep[a], rep[b])
        if pair[0] != pair[1]:
            mapped[pair] = is_match
    wanted = sorted({k for pair in mapped for k in pair})
    table = _collected(distinct.where(sf.col("key").isin(wanted)), schema, source_codes)
    m, u, _ = from_labels(table, comparisons, mapped, 1)
    return m, u


def fit_on_sample(
    model: Matcher,
    distinct: Any,
    rules: Sequence[BlockingRule],
    schema: Schema,
    source_codes: Mapping[str, int],
    *,
    n_distinct: int,
    fit_sample: int,
    link_only: bool,
    labels: Mapping[tuple[str, str], bool] | None,
    exhaustive: bool,
    exhaustive_limit: int,
    max_block_size: int,
) -> None:
    """Fit the model on the driver from a sample of the distinct records, blocked as
    in-process (the whole table when it has at most ``fit_sample`` records)."""
    sample = distinct
    if n_distinct > fit_sample:
        sample = distinct.sample(fraction=fit_sample / n_distinct, seed=0)
    table = _collected(sample, schema, source_codes)
    m = len(table)
    if exhaustive and m * (m - 1) // 2 <= exhaustive_limit:
        pairs = all_pairs(m, groups=table.source_codes, link_only=link_only)
    else:
        pairs = block(
            table.columns,
            rules,
            groups=table.source_codes,
            link_only=link_only,
            max_block_size=max_block_size,
            max_pairs_per_rule=max(1_000_000, 5 * m),
        )
    model.fit(table, pairs.left, pairs.right, link_only=link_only, labels=labels)


def _collected(records: Any, schema: Schema, source_codes: Mapping[str, int]) -> Any:
    """Distinct records of a DataFrame collected to the driver as a prepared table."""
    rows = records.select("key", "source", "matched").collect()
    return _records.table_of(
        [r["key"] for r in rows],
        [r["source"] for r in rows],
        [r["matched"] for r in rows],
        schema.fields,
        source_codes,
        columns_only=True,
    )
