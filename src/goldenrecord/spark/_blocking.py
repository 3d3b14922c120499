"""Blocking as equi-joins: the rules of :func:`goldenrecord.match.blocking.block`, over
DataFrames.

For each rule the records' key values (a tuple cell gives one per member) are grouped
by block; the block sizes go to the driver as a histogram (size → number of blocks),
where the batch path's own functions decide which blocks are expanded: the
``max_block_size`` cap (larger blocks are reported with their key and size, never
joined), the loose rules' pair budget (:func:`~goldenrecord.match.distributed.largest_within`)
and ``max_pairs_per_rule`` (a rule over it is left out and reported). Only the blocks
kept are self-joined. A :class:`~goldenrecord.match.blocking.GroupRule` links records by
the pairs of the exact rules before it (connected components, :mod:`._components`)
and compares the groups it keeps in full. A pair found by several rules is attributed
to the first, as in-process.

Records are ordered by key, as in the prepared table, so a pair is ``(key_l, key_r)``
with ``key_l < key_r``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from goldenrecord.match.blocking import (
    BlockingReport,
    BlockingRule,
    GroupRule,
    OversizedBlock,
    RuleReport,
)
from goldenrecord.match.distributed import largest_within
from goldenrecord.spark._components import connected_components

__all__ = ["BlockedPairs", "all_pairs", "block"]


class BlockedPairs:
    """Candidate pairs (``key_l``, ``key_r``, ``rule``), their report, and the rounds the
    group rule's components took."""

    def __init__(self, pairs: Any, report: BlockingReport, rounds: int = 0) -> None:
        self.pairs = pairs
        self.report = report
        self.rounds = rounds


def _across(pairs: Any, link_only: bool) -> Any:
    from pyspark.sql import functions as F

    if not link_only:
        return pairs
    none = F.lit("\x00")
    return pairs.where(F.coalesce("source_l", none) != F.coalesce("source_r", none))


def _self_join(entries: Any, on: str, link_only: bool) -> Any:
    """Every pair of records sharing a value of ``on``, smaller key first."""
    from pyspark.sql import functions as F

    left = entries.select(
        F.col(on), F.col("key").alias("key_l"), F.col("source").alias("source_l")
    )
    right = entries.select(
        F.col(on), F.col("key").alias("key_r"), F.col("source").alias("source_r")
    )
    pairs = left.join(right, on=on).where(F.col("key_l") < F.col("key_r"))
    return _across(pairs, link_only).select("key_l", "key_r").distinct()


def _sizes(histogram: Sequence[Any]) -> Any:
    """Block sizes, one per block, from a (size, count) histogram."""
    rows = sorted((int(r["size"]), int(r["count"])) for r in histogram)
    if not rows:
        return np.empty(0, dtype=np.int64)
    size, count = zip(*rows, strict=True)
    return np.repeat(np.array(size, dtype=np.int64), np.array(count, dtype=np.int64))


def all_pairs(records: Any, *, link_only: bool) -> BlockedPairs:
    """Every pair of records (across sources only, with ``link_only``)."""
    from pyspark.sql import functions as F

    entries = records.select("key", "source", F.lit(0).alias("one"))
    pairs = _self_join(entries, "one", link_only).withColumn("rule", F.lit(0))
    pairs = pairs.localCheckpoint(eager=True)
    n = records.count()
    n_pairs = pairs.count()
    rule = RuleReport("all pairs", n_pairs, n_pairs, n, ())
    return BlockedPairs(
        pairs, BlockingReport(rules=(rule,), n_records=n, n_pairs=n_pairs, max_block_size=max(n, 2))
    )


def block(
    records: Any,
    rules: Sequence[BlockingRule],
    key_columns: Sequence[str],
    *,
    n: int,
    link_only: bool,
    max_block_size: int,
    max_pairs_per_rule: int | None,
) -> BlockedPairs:
    """Candidate pairs of ``records`` (columns ``key``, ``source`` and ``b<i>``, the values of
    ``key_columns[i]``) under ``rules``, as :func:`goldenrecord.match.blocking.block` gives them."""
    from pyspark.sql import functions as F

    found: list[Any] = []
    exact: list[Any] = []
    reports: list[tuple[str, int, int, tuple[OversizedBlock, ...], int | None]] = []
    skipped: set[int] = set()
    rounds = 0
    for index, rule in enumerate(rules):
        if isinstance(rule, GroupRule):
            entries, sizes, with_key, rounds = _groups(records, exact, n)
            oversized: tuple[OversizedBlock, ...] = ()
            keep = (sizes >= 3) & (sizes <= max_block_size)
            least = 3
        else:
            entries = records.select("key", "source")
            parts = []
            for j, k in enumerate(rule.keys):
                column = f"b{key_columns.index(k)}"
                entries = entries.join(
                    records.select("key", F.explode(column).alias(f"k{j}")), on="key"
                )
                parts.append(f"k{j}")
            entries = entries.select("key", "source", F.struct(*parts).alias("block"))
            entries = entries.distinct().localCheckpoint(eager=True)
            counted = entries.groupBy("block").agg(F.count("*").alias("size"))
            sizes = _sizes(counted.groupBy("size").count().collect())
            with_key = entries.select("key").distinct().count()
            big = counted.where(F.col("size") > max_block_size).collect()
            oversized = tuple(
                sorted(
                    (
                        OversizedBlock(
                            rule.name,
                            " | ".join(str(v) for v in r["block"]),
                            int(r["size"]),
                        )
                        for r in big
                    ),
                    key=lambda b: (-b.size, b.key),
                )
            )
            keep = (sizes >= 2) & (sizes <= max_block_size)
            least = 2
        largest: int | None = None
        upper = max_block_size
        if rule.pairs_per_record is not None:
            largest = largest_within(sizes[keep], rule.pairs_per_record * n)
            keep &= sizes <= largest
            upper = min(upper, largest)
        would_make = int((sizes[keep] * (sizes[keep] - 1) // 2).sum())
        if max_pairs_per_rule is not None and would_make > max_pairs_per_rule:
            skipped.add(index)
            reports.append((rule.name, would_make, with_key, oversized, largest))
            continue
        wanted = (
            entries.groupBy("block")
            .agg(F.count("*").alias("size"))
            .where((F.col("size") >= least) & (F.col("size") <= upper))
            .select("block")
        )
        pairs = _self_join(entries.join(wanted, on="block"), "block", link_only)
        pairs = pairs.localCheckpoint(eager=True)
        if rule.pairs_per_record is None and not isinstance(rule, GroupRule):
            exact.append(pairs)
        found.append(pairs.withColumn("rule", F.lit(index)))
        reports.append((rule.name, pairs.count(), with_key, oversized, largest))

    if found:
        union = found[0]
        for more in found[1:]:
            union = union.unionByName(more)
        pairs = union.groupBy("key_l", "key_r").agg(F.min("rule").alias("rule"))
    else:
        pairs = records.sparkSession.createDataFrame(
            [], "key_l string, key_r string, rule int"
        )
    pairs = pairs.localCheckpoint(eager=True)
    new_per_rule = {int(r["rule"]): int(r["count"]) for r in pairs.groupBy("rule").count().collect()}
    n_pairs = sum(new_per_rule.values())
    report = BlockingReport(
        rules=tuple(
            RuleReport(name, made, new_per_rule.get(index, 0), with_key, big, index in skipped, top)
            for index, (name, made, with_key, big, top) in enumerate(reports)
        ),
        n_records=n,
        n_pairs=n_pairs,
        max_block_size=max_block_size,
    )
    return BlockedPairs(pairs, report, rounds)


def _groups(records: Any, exact: list[Any], n: int) -> tuple[Any, Any, int, int]:
    """The groups the exact rules' pairs link: entries ``(key, source, block)``, the size
    of every group (records in none are groups of one), how many records are linked,
    and the rounds the components took."""
    from pyspark.sql import functions as F

    if not exact:
        empty = records.select("key", "source", F.col("key").alias("block")).limit(0)
        return empty, np.ones(n, dtype=np.int64), 0, 0
    edges = exact[0]
    for more in exact[1:]:
        edges = edges.unionByName(more)
    found = connected_components(edges.select(F.col("key_l").alias("a"), F.col("key_r").alias("b")))
    labels = found.labels.select(F.col("node").alias("key"), F.col("root").alias("block"))
    entries = labels.join(records.select("key", "source"), on="key").localCheckpoint(eager=True)
    histogram = entries.groupBy("block").count().groupBy(F.col("count").alias("size")).count()
    sizes = _sizes(histogram.collect())
    linked = int(sizes.sum())
    sizes = np.concatenate([sizes, np.ones(n - linked, dtype=np.int64)])
    return entries, sizes, linked, found.rounds
