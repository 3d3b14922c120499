"""Giant components, split before they are clustered, with the same clusters.

The constrained clustering takes a component's accepted matches in weight order and
refuses a union that would break a constraint. A match whose two records carry two
different exclusive values (limit 1) that other records confirm is refused at any
turn, whatever came before it: its two clusters would hold both values. Such a match
never ends inside a cluster, so the split rule and the value counts, which read only
matches inside a cluster, never see it either. Without must-link pairs (which join
clusters whatever they break), cutting these matches leaves every cluster as it is,
and a component they held together falls apart into groups clustered one by one.

Nothing else is cut: any other refusal depends on the clusters the heavier matches of
the whole component built, and the split of an implausible cluster reads all its
matches' weights at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from goldenrecord.spark._components import connected_components
from goldenrecord.spark._score import model_of

__all__ = ["Bound", "exclusive_conflicts", "largest", "split_giants"]


@attrs.frozen
class Bound:
    """How giant components are split: the exclusive columns (limit 1) and the most
    records one group may hold (None: never split)."""

    exclusive: Sequence[str]
    max_component: int | None


def exclusive_conflicts(
    accepted: Any, confirmed: Any, comparisons: Sequence[Any], exclusive: Sequence[str]
) -> Any:
    """The accepted matches that the constrained clustering refuses at any turn, in any
    order: their two records carry different values of an exclusive column (limit 1)
    that other records confirm (:func:`goldenrecord.spark._counts.confirmed`), so
    joining their clusters always breaks the limit.

    Values that an accepted match puts at a similarity level of their comparison (one
    typo) are left out (the limit counts them as one value), and so are matches at a
    similarity level of an exclusive comparison (they merge values). A refused match
    changes nothing in the union-find, and the split rule and the value counts read
    only matches inside a cluster, where these never are: without must-link pairs
    (which join clusters whatever they break), dropping them leaves every cluster
    as it is.

    Returns:
        ``key_l``, ``key_r`` and ``column`` (the first exclusive column they conflict on).
    """
    from pyspark.sql import functions as sf

    readers: dict[str, list[tuple[int, int]]] = {c: [] for c in exclusive}
    for k, comparison in enumerate(comparisons):
        for column in exclusive:
            if column in (comparison.column, comparison.name):
                readers[column].append((k, len(comparison.levels)))

    def similar(on: Sequence[tuple[int, int]]) -> Any:
        out = sf.lit(False)
        for k, n in on:
            level = sf.element_at("levels", k + 1)
            out = out | ((level >= 1) & (level < n))
        return out

    position = {c: i for i, c in enumerate(exclusive)}
    values = (
        confirmed.select("key", sf.explode("confirmed").alias("e"))
        .select("key", sf.col("e.column").alias("column"), sf.col("e.value").alias("value"))
        .where(sf.col("column").isin(list(exclusive)))
    )
    near = None
    for column, on in readers.items():
        if not on:
            continue
        hit = accepted.where(similar(on))
        ends = hit.select(sf.col("key_l").alias("key")).unionByName(
            hit.select(sf.col("key_r").alias("key"))
        )
        ends = ends.withColumn("column", sf.lit(column))
        near = ends if near is None else near.unionByName(ends)
    if near is not None:
        merged = near.join(values, on=["key", "column"]).select("column", "value").distinct()
        values = values.join(merged, on=["column", "value"], how="left_anti")
    rank = sf.lit(0)
    for column, i in position.items():
        rank = sf.when(sf.col("column") == column, sf.lit(i)).otherwise(rank)
    values = values.withColumn("rank", rank)
    plain = accepted.where(~similar([r for on in readers.values() for r in on]))
    left = values.select(
        sf.col("key").alias("key_l"), "column", "rank", sf.col("value").alias("value_l")
    )
    right = values.select(sf.col("key").alias("key_r"), "column", sf.col("value").alias("value_r"))
    return (
        plain.select("key_l", "key_r")
        .join(left, on="key_l")
        .join(right, on=["key_r", "column"])
        .where(sf.col("value_l") != sf.col("value_r"))
        .groupBy("key_l", "key_r")
        .agg(sf.min(sf.struct("rank", "column")).alias("first"))
        .select("key_l", "key_r", sf.col("first.column").alias("column"))
    )


def largest(comp: Any) -> int:
    """Records in the largest component (0 without any)."""
    from pyspark.sql import functions as sf

    row = comp.groupBy("component").count().agg(sf.max("count")).collect()
    return int(row[0][0] or 0) if row else 0


def split_giants(
    accepted: Any, comp: Any, confirmed: Any, task: Any, bound: Bound
) -> tuple[Any, dict[str, int], int]:
    """The components once the matches of the components over ``split.max_component``
    records that the clustering refuses anyway (:func:`exclusive_conflicts`) are cut,
    and the cut matches that now join two components, per exclusive column (they are
    refused there), and the rounds the components took."""
    from pyspark.sql import functions as sf

    most = bound.max_component or 0
    sizes = comp.groupBy("component").count()
    giants = comp.join(
        sizes.where(sf.col("count") > sf.lit(most)).select("component"), on="component"
    ).select(sf.col("key").alias("key_l"))
    inside = accepted.join(giants, on="key_l")
    model = model_of(task.model)
    cut = exclusive_conflicts(inside, confirmed, model.comparisons_, bound.exclusive)
    cut = cut.localCheckpoint(eager=True)
    kept = accepted.select("key_l", "key_r").join(cut, on=["key_l", "key_r"], how="left_anti")
    found = connected_components(
        kept.select(sf.col("key_l").alias("a"), sf.col("key_r").alias("b"))
    )
    labels = found.labels.select(
        sf.col("node").alias("key"), sf.col("root").alias("component")
    ).localCheckpoint(eager=True)
    side_l = labels.select(sf.col("key").alias("key_l"), sf.col("component").alias("c_l"))
    side_r = labels.select(sf.col("key").alias("key_r"), sf.col("component").alias("c_r"))
    across = (
        cut.join(side_l, on="key_l", how="left")
        .join(side_r, on="key_r", how="left")
        .where(sf.col("c_l").isNull() | sf.col("c_r").isNull() | (sf.col("c_l") != sf.col("c_r")))
    )
    counts = {str(r["column"]): int(r["count"]) for r in across.groupBy("column").count().collect()}
    return labels, counts, found.rounds
