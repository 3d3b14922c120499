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
from goldenrecord.spark._records import SEPARATOR

__all__ = ["BlockedPairs", "all_pairs", "block"]


class BlockedPairs:
    """Candidate pairs (``key_l``, ``key_r``, ``rule``), their report, and the rounds the
    group rule's components took."""

    def __init__(self, pairs: Any, report: BlockingReport, rounds: int = 0) -> None:
        self.pairs = pairs
        self.report = report
        self.rounds = rounds


def _across(pairs: Any, link_only: bool) -> Any:
    from pyspark.sql import functions as sf

    if not link_only:
        return pairs
    none = sf.lit("\x00")
    return pairs.where(sf.coalesce("source_l", none) != sf.coalesce("source_r", none))


def _self_join(entries: Any, on: list[str], link_only: bool) -> Any:
    """Every pair of records sharing the values of ``on``, smaller key first (with the
    ``rule`` column when ``on`` holds it)."""
    from pyspark.sql import functions as sf

    left = entries.select(*on, sf.col("key").alias("key_l"), sf.col("source").alias("source_l"))
    right = entries.select(*on, sf.col("key").alias("key_r"), sf.col("source").alias("source_r"))
    pairs = left.join(right, on=on).where(sf.col("key_l") < sf.col("key_r"))
    kept = [c for c in on if c == "rule"]
    return _across(pairs, link_only).select(*kept, "key_l", "key_r").distinct()


def _sizes(histogram: Sequence[Any]) -> Any:
    """Block sizes, one per block, from a (size, count) histogram."""
    rows = sorted((int(r["size"]), int(r["count"])) for r in histogram)
    if not rows:
        return np.empty(0, dtype=np.int64)
    size, count = zip(*rows, strict=True)
    return np.repeat(np.array(size, dtype=np.int64), np.array(count, dtype=np.int64))


def all_pairs(records: Any, *, link_only: bool) -> BlockedPairs:
    """Every pair of records (across sources only, with ``link_only``)."""
    from pyspark.sql import functions as sf

    entries = records.select("key", "source", sf.lit(0).alias("one"))
    pairs = _self_join(entries, ["one"], link_only).withColumn("rule", sf.lit(0))
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
    *,
    n: int,
    link_only: bool,
    max_block_size: int,
    max_pairs_per_rule: int | None,
) -> BlockedPairs:
    """Candidate pairs of ``records`` (columns ``key``, ``source`` and ``blocks``, each
    record's (rule, block) entries) under ``rules``, as
    :func:`goldenrecord.match.blocking.block` gives them.

    All rules on key columns are sized in one pass (one group-by over every rule's
    entries) and expanded in one self-join; a group rule then reads the exact rules'
    pairs."""
    from pyspark.sql import functions as sf

    entries = (
        records.select("key", "source", sf.explode("blocks").alias("e"))
        .select("key", "source", sf.col("e.rule").alias("rule"), sf.col("e.block").alias("block"))
        .distinct()
        .localCheckpoint(eager=True)
    )
    counted = entries.groupBy("rule", "block").agg(sf.count("*").alias("size"))
    histogram: dict[int, list[Any]] = {}
    for row in counted.groupBy("rule", "size").count().collect():
        histogram.setdefault(int(row["rule"]), []).append(row)
    with_keys = {
        int(r["rule"]): int(r["n"])
        for r in entries.groupBy("rule").agg(sf.countDistinct("key").alias("n")).collect()
    }
    big: dict[int, list[OversizedBlock]] = {}
    for row in counted.where(sf.col("size") > max_block_size).collect():
        index = int(row["rule"])
        text = " | ".join(row["block"].split(SEPARATOR))
        big.setdefault(index, []).append(OversizedBlock(rules[index].name, text, int(row["size"])))

    reports: dict[int, tuple[str, int, int, tuple[OversizedBlock, ...], int | None]] = {}
    skipped: set[int] = set()
    bounds: list[tuple[int, int, int]] = []  # (rule, smallest, largest) block size expanded
    for index, rule in enumerate(rules):
        if isinstance(rule, GroupRule):
            continue
        sizes = _sizes(histogram.get(index, []))
        oversized = tuple(sorted(big.get(index, []), key=lambda b: (-b.size, b.key)))
        keep = (sizes >= 2) & (sizes <= max_block_size)
        largest, would_make = _budget(rule, sizes, keep, n)
        with_key = with_keys.get(index, 0)
        if max_pairs_per_rule is not None and would_make > max_pairs_per_rule:
            skipped.add(index)
            reports[index] = (rule.name, would_make, with_key, oversized, largest)
            continue
        upper = max_block_size if largest is None else min(max_block_size, largest)
        bounds.append((index, 2, upper))
        reports[index] = (rule.name, 0, with_key, oversized, largest)

    spark = records.sparkSession
    wanted = counted.join(
        sf.broadcast(spark.createDataFrame(bounds, "rule int, least long, upper long")), on="rule"
    ).where((sf.col("size") >= sf.col("least")) & (sf.col("size") <= sf.col("upper")))
    expanded = entries.join(wanted.select("rule", "block"), on=["rule", "block"])
    pairs = _self_join(expanded, ["rule", "block"], link_only).localCheckpoint(eager=True)
    made = {int(r["rule"]): int(r["count"]) for r in pairs.groupBy("rule").count().collect()}
    for index, count in made.items():
        name, _, with_key, oversized, largest = reports[index]
        reports[index] = (name, count, with_key, oversized, largest)

    rounds = 0
    found = [pairs]
    for index, rule in enumerate(rules):
        if not isinstance(rule, GroupRule):
            continue
        exact = [
            i
            for i, r in enumerate(rules[:index])
            if r.pairs_per_record is None and not isinstance(r, GroupRule) and i not in skipped
        ]
        linked = pairs.where(sf.col("rule").isin(exact)) if exact else None
        groups, sizes, with_key, used = _groups(records, linked, n)
        rounds += used
        keep = (sizes >= 3) & (sizes <= max_block_size)
        largest, would_make = _budget(rule, sizes, keep, n)
        if max_pairs_per_rule is not None and would_make > max_pairs_per_rule:
            skipped.add(index)
            reports[index] = (rule.name, would_make, with_key, (), largest)
            continue
        upper = max_block_size if largest is None else min(max_block_size, largest)
        sized = groups.groupBy("block").agg(sf.count("*").alias("size"))
        kept = sized.where((sf.col("size") >= 3) & (sf.col("size") <= upper)).select("block")
        within = _self_join(groups.join(kept, on="block"), ["block"], link_only)
        within = within.withColumn("rule", sf.lit(index)).localCheckpoint(eager=True)
        reports[index] = (rule.name, within.count(), with_key, (), largest)
        found.append(within)

    union = found[0]
    for more in found[1:]:
        union = union.unionByName(more)
    pairs = (
        union.groupBy("key_l", "key_r")
        .agg(sf.min("rule").alias("rule"))
        .localCheckpoint(eager=True)
    )
    new_per_rule = {
        int(r["rule"]): int(r["count"]) for r in pairs.groupBy("rule").count().collect()
    }
    report = BlockingReport(
        rules=tuple(
            RuleReport(
                name, count, new_per_rule.get(index, 0), with_key, big_, index in skipped, top
            )
            for index, (name, count, with_key, big_, top) in sorted(reports.items())
        ),
        n_records=n,
        n_pairs=sum(new_per_rule.values()),
        max_block_size=max_block_size,
    )
    return BlockedPairs(pairs.select("key_l", "key_r", "rule"), report, rounds)


def _budget(rule: BlockingRule, sizes: Any, keep: Any, n: int) -> tuple[int | None, int]:
    """The largest block size a loose rule's budget allows (None for an exact rule) and
    the pairs the blocks kept would make; ``keep`` is narrowed in place."""
    largest: int | None = None
    if rule.pairs_per_record is not None:
        largest = largest_within(sizes[keep], rule.pairs_per_record * n)
        keep &= sizes <= largest
    return largest, int((sizes[keep] * (sizes[keep] - 1) // 2).sum())


def _groups(records: Any, linked: Any, n: int) -> tuple[Any, Any, int, int]:
    """The groups the exact rules' pairs link: entries ``(key, source, block)``, the size
    of every group (records in none are groups of one), how many records are linked,
    and the rounds the components took."""
    from pyspark.sql import functions as sf

    if linked is None:
        empty = records.select("key", "source", sf.col("key").alias("block")).limit(0)
        return empty, np.ones(n, dtype=np.int64), 0, 0
    found = connected_components(
        linked.select(sf.col("key_l").alias("a"), sf.col("key_r").alias("b"))
    )
    labels = found.labels.select(sf.col("node").alias("key"), sf.col("root").alias("block"))
    entries = labels.join(records.select("key", "source"), on="key").localCheckpoint(eager=True)
    histogram = entries.groupBy("block").count().groupBy(sf.col("count").alias("size")).count()
    sizes = _sizes(histogram.collect())
    linked_records = int(sizes.sum())
    sizes = np.concatenate([sizes, np.ones(n - linked_records, dtype=np.int64)])
    return entries, sizes, linked_records, found.rounds
