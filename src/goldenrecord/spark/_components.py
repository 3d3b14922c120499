"""Connected components in DataFrame operations: alternating large-star and small-star.

The algorithm of Kiveris et al. ("Connected Components in MapReduce and Beyond", SoCC
2014) works on a set of edges ``(node, parent)`` and repeats two steps until every
parent is a root (a star forest):

* *large-star*: every node links each larger neighbour to the smallest node of its
  closed neighbourhood;
* *small-star*: every node links itself and each smaller neighbour to the smallest of
  them.

Both keep the components and shrink the distance of every node to its component's
smallest node geometrically, so a chain of ``n`` records takes O(log n) rounds, not one
round per link. Nodes are record keys (strings, compared as Spark compares them: by
code point, as Python sorts them), so the root of a component is its smallest key.
Each round's edges are checkpointed locally (``localCheckpoint``) so that the query
plan does not grow with the number of rounds.
"""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["Components", "connected_components"]


@attrs.frozen
class Components:
    """The components of a graph: ``labels`` has one row ``(node, root)`` per node that has
    an edge (a node without one is its own component); ``rounds`` counts the
    large-star/small-star rounds it took."""

    labels: Any
    rounds: int


def _oriented(edges: Any) -> Any:
    """Edges as ``(node, parent)`` with ``parent < node``, self-loops and repeats dropped."""
    from pyspark.sql import functions as sf

    return (
        edges.where(sf.col("a") != sf.col("b"))
        .select(
            sf.greatest("a", "b").alias("node"),
            sf.least("a", "b").alias("parent"),
        )
        .distinct()
    )


def _large_star(edges: Any) -> Any:
    """Each node links every larger neighbour to the smallest node of its closed
    neighbourhood."""
    from pyspark.sql import Window
    from pyspark.sql import functions as sf

    both = edges.select(sf.col("node").alias("u"), sf.col("parent").alias("v")).unionByName(
        edges.select(sf.col("parent").alias("u"), sf.col("node").alias("v"))
    )
    smallest = sf.least(sf.min("v").over(Window.partitionBy("u")), sf.col("u"))
    return (
        both.withColumn("m", smallest)
        .where(sf.col("v") > sf.col("u"))
        .select(sf.col("v").alias("node"), sf.col("m").alias("parent"))
        .distinct()
    )


def _small_star(edges: Any) -> Any:
    """Each node links itself and every smaller neighbour to the smallest of them."""
    from pyspark.sql import Window
    from pyspark.sql import functions as sf

    smallest = sf.min("parent").over(Window.partitionBy("node"))
    star = edges.withColumn("m", smallest)
    linked = star.select(sf.col("parent").alias("node"), sf.col("m").alias("parent")).unionByName(
        star.select("node", sf.col("m").alias("parent"))
    )
    return linked.where(sf.col("node") != sf.col("parent")).distinct()


def connected_components(edges: Any, *, max_rounds: int = 200) -> Components:
    """The connected components of the graph of ``edges`` (columns ``a`` and ``b``).

    Args:
        edges: a DataFrame of undirected edges between node ids (strings).
        max_rounds: a guard; the rounds needed grow with the logarithm of the
            longest path, so this is never reached in practice.

    Returns:
        :class:`Components`: ``labels`` with columns ``node`` and ``root`` (the smallest
        node of the component), for every node of an edge.
    """
    from pyspark.sql import functions as sf

    current = _oriented(edges).localCheckpoint(eager=True)
    rounds = 0
    while rounds < max_rounds:
        rounds += 1
        current = _small_star(_large_star(current)).localCheckpoint(eager=True)
        # A star forest: every node has one parent, and no parent has one of its own.
        parents = current.select(sf.col("parent").alias("node")).distinct()
        nested = current.join(parents, on="node", how="inner").limit(1).count()
        if not nested and not _several_parents(current):
            break
    labels = current.select("node", sf.col("parent").alias("root")).unionByName(
        current.select(sf.col("parent").alias("node"), sf.col("parent").alias("root"))
    )
    return Components(labels.distinct(), rounds)


def _several_parents(edges: Any) -> bool:
    """Whether a node links to more than one parent."""
    from pyspark.sql import functions as sf

    return bool(edges.groupBy("node").agg(sf.count("*").alias("n")).where("n > 1").limit(1).count())
