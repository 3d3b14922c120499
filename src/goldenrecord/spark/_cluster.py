"""Clustering and profiles per connected component, on executors.

The constrained clustering never joins records of two different components of the
accepted matches (and of ``must_link``), so each component is clustered on its own by
the batch path's clustering stage (:func:`goldenrecord._clustering.cluster_stage`):
same accepted edges, same weights, same constraints, same split of a component whose
members matched only through a few records. Record order inside a component is key
order, as in the whole prepared table, so ties are broken the same way and a cluster's
label is its smallest key, from which its profile id derives.

Profiles are built per profile by :func:`goldenrecord.profile.build_profiles` and turned
into rows by :func:`goldenrecord.profile.profiles_frame` and
:func:`goldenrecord.profile.lineage_frame`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs
import numpy as np

from goldenrecord._attach import ATTACH_BITS, ATTACH_MARGIN
from goldenrecord._clustering import cluster_stage
from goldenrecord.match.model import ScoredPairs
from goldenrecord.profile import build_profiles, profile_id_for
from goldenrecord.spark._components import connected_components
from goldenrecord.spark._giants import Bound, largest, split_giants
from goldenrecord.spark._records import arrow, dump, load, table_of
from goldenrecord.spark._score import model_of

__all__ = ["CLUSTER_SCHEMA", "ClusterTask", "ProfileTask", "attachments", "cluster_components"]

CLUSTER_SCHEMA = "key string, profile_id string, stats binary"
"""Per record of a component: its profile id; the first row carries the component's
refusal counts and splits (pickled)."""


@attrs.frozen
class ClusterTask:
    """Everything the clustering of one component needs besides its records and edges
    (the fitted model as JSON)."""

    model: str
    fields: Mapping[str, str]
    source_codes: Mapping[str, int]
    threshold: float
    limits: Mapping[str, int]
    one_per_source: bool
    must_link: Sequence[tuple[str, str]]
    cannot_link: Sequence[tuple[str, str]]
    copies: bool
    attach: bool = False

    def __call__(self, records: Any, edges: Any) -> Any:
        import pandas as pd

        model = model_of(self.model)
        keys = records["key"].tolist()
        sources = records["source"].tolist()
        payloads = records["payload"].tolist()
        stand_ins = _stand_ins(records, payloads)
        table = table_of(
            keys + [k for k, _ in stand_ins],
            sources + [None] * len(stand_ins),
            payloads + [p for _, p in stand_ins],
            self.fields,
            self.source_codes,
        )
        index = {k: i for i, k in enumerate(table.keys)}
        flags = dict(zip(records["key"], records["withheld"], strict=True))
        withheld = np.array([bool(flags.get(k, False)) for k in table.keys], dtype=bool)
        distinct = dict(zip(records["key"], records["distinct"], strict=True))
        left = np.array([index[k] for k in edges["key_l"]], dtype=np.int64)
        right = np.array([index[k] for k in edges["key_r"]], dtype=np.int64)
        order = np.lexsort((right, left))
        width = len(model.comparisons_)
        levels = (
            np.array(edges["levels"].tolist(), dtype=np.int64).reshape(-1, width)[order]
            if len(edges)
            else np.zeros((0, width), dtype=np.int64)
        )
        adjust = (
            np.array(edges["tf_adjustment"].tolist(), dtype=np.float32).reshape(-1, width)[order]
            if len(edges)
            else np.zeros((0, width), dtype=np.float32)
        )
        scored = ScoredPairs(
            left=left[order],
            right=right[order],
            levels=levels.astype(np.int8),
            weight=edges["weight"].to_numpy(dtype=np.float64)[order],
            probability=edges["probability"].to_numpy(dtype=np.float64)[order],
            tf_adjustment=adjust,
            lookalike=edges["lookalike"].to_numpy(dtype=np.float64)[order],
        )
        attached = (
            edges["attached"].fillna(False).to_numpy(dtype=bool)[order]
            if self.attach and "attached" in edges
            else None
        )
        stage = cluster_stage(
            table,
            scored,
            model,
            threshold=self.threshold,
            withheld=withheld,
            limits=self.limits,
            one_per_source=self.one_per_source,
            must_link=_local(self.must_link, index),
            cannot_link=_local(self.cannot_link, index),
            counted=(
                np.array([bool(distinct.get(k, False)) for k in table.keys], dtype=bool)
                if self.copies
                else None
            ),
            attached=attached,
        )
        clustering = stage.clustering
        real = len(table) - len(stand_ins)  # stand-ins sort last
        ids = [profile_id_for(table.keys[int(r)]) for r in clustering.labels[:real].tolist()]
        stats: list[bytes | None] = [None] * len(ids)
        if ids:
            counts = {k: int(v) for k, v in clustering.counts.items() if v}
            stats[0] = dump((counts, tuple(clustering.split)))
        return pd.DataFrame({"key": table.keys[:real], "profile_id": ids, "stats": stats})


STAND_IN = "\U0010ffff"
"""Prefix of the keys of stand-in records: after every record key in key order."""


def _stand_ins(records: Any, payloads: list[bytes]) -> list[tuple[str, bytes]]:
    """Stand-in records for the exclusive values (limit 1) of this component that other
    records of the table carry too (``confirmed``): the clustering stage counts an
    exclusive value only when two records carry it, and counts over the table it is
    given, so a record standing in for the rest of the table (holding that value and
    nothing else, linked to no one) keeps the count what it is over the whole table."""
    if "confirmed" not in records or not payloads:
        return []
    wanted = sorted(
        {
            (entry["column"], entry["value"])
            for cell in records["confirmed"]
            if cell is not None
            for entry in cell
        }
    )
    if not wanted:
        return []
    columns, raw, _ = load(payloads[0])
    out = []
    for i, (column, value) in enumerate(wanted):
        cells = dict.fromkeys(columns)
        cells[column] = value
        out.append((f"{STAND_IN}{i:09d}", dump((cells, dict.fromkeys(raw), None))))
    return out


def cluster_components(
    masked: Any,
    scored: Any,
    task: ClusterTask,
    *,
    confirmed: Any | None,
    exclusive: Sequence[str] = (),
    max_component: int | None = None,
) -> tuple[Any, dict[str, int], list[Any], dict[str, int]]:
    """Cluster the records of ``masked`` over the accepted pairs of ``scored``: the
    components of the accepted matches (and ``must_link``), each clustered by ``task``;
    a record in none is a profile of its own.

    With ``task.attach``, the lone records' attachments are then decided over the
    whole table from that clustering (:func:`attachments`), and the components of the
    accepted matches and the attachments are clustered again, as ``gr.resolve`` does.

    A component of more than ``max_component`` records is first split along the
    matches the clustering refuses whatever the order (:func:`exclusive_conflicts`),
    so that it is clustered in smaller groups with the same result.

    Returns:
        The clusters (``record_id``, ``profile_id``, ``source``, checkpointed), the
        refused matches per reason, the split components, and figures of the
        components: ``rounds``, ``largest`` (records in the largest group clustered),
        ``split_edges`` (matches cut to split giant components).
    """
    split = Bound(exclusive, max_component)
    found = _cluster_once(masked, scored, task, confirmed=confirmed, attached=None, bound=split)
    if not task.attach:
        return found
    chosen = attachments(found[0], scored, masked, task.threshold).localCheckpoint(eager=True)
    if chosen.isEmpty():
        return found
    return _cluster_once(masked, scored, task, confirmed=confirmed, attached=chosen, bound=split)


def attachments(clusters: Any, scored: Any, masked: Any, threshold: float) -> Any:
    """The scored pairs (``key_l``, ``key_r``) that attach a lone record to the one
    profile it resembles, decided as :func:`goldenrecord._attach.attachments` decides
    them: per lone record, the strongest match into each profile (ties: the smaller
    key), the best profile of two or more records taken when its match reaches
    ``ATTACH_BITS`` and leads the next profile (another lone record counting as one)
    by ``ATTACH_MARGIN``."""
    from pyspark.sql import Window
    from pyspark.sql import functions as sf

    held = masked.select("key", "withheld")
    usable = (
        scored.where(sf.col("probability") < threshold)
        .join(held.select(sf.col("key").alias("key_l"), sf.col("withheld").alias("w_l")), "key_l")
        .join(held.select(sf.col("key").alias("key_r"), sf.col("withheld").alias("w_r")), "key_r")
        .where(~sf.col("w_l") & ~sf.col("w_r"))
        .select("key_l", "key_r", "weight")
    )
    labels = clusters.select(sf.col("record_id").alias("key"), "profile_id")
    sizes = labels.groupBy("profile_id").count()
    labels = labels.join(sizes, "profile_id")

    def side(name: str) -> Any:
        return labels.select(
            sf.col("key").alias(f"key_{name}"),
            sf.col("profile_id").alias(f"p_{name}"),
            sf.col("count").alias(f"s_{name}"),
        )

    both = usable.join(side("l"), "key_l").join(side("r"), "key_r")
    columns = ["key_l", "key_r", "weight"]
    directed = (
        both.where(sf.col("s_l") == 1)
        .select(
            *columns,
            sf.col("key_l").alias("orphan"),
            sf.col("key_r").alias("other"),
            sf.col("p_r").alias("profile"),
            sf.col("s_r").alias("size"),
        )
        .unionByName(
            both.where(sf.col("s_r") == 1).select(
                *columns,
                sf.col("key_r").alias("orphan"),
                sf.col("key_l").alias("other"),
                sf.col("p_l").alias("profile"),
                sf.col("s_l").alias("size"),
            )
        )
    )
    strongest = [sf.col("weight").desc(), sf.col("other").asc()]
    per_profile = (
        directed.withColumn(
            "n", sf.row_number().over(Window.partitionBy("orphan", "profile").orderBy(*strongest))
        )
        .where(sf.col("n") == 1)
        .withColumn("rank", sf.row_number().over(Window.partitionBy("orphan").orderBy(*strongest)))
    )
    runner_up = per_profile.where(sf.col("rank") == 2).select(
        "orphan", sf.col("weight").alias("second")
    )
    return (
        per_profile.where(sf.col("rank") == 1)
        .join(runner_up, "orphan", "left")
        .where(
            (sf.col("weight") >= ATTACH_BITS)
            & (sf.col("size") >= 2)
            & (sf.col("second").isNull() | (sf.col("weight") - sf.col("second") >= ATTACH_MARGIN))
        )
        .select("key_l", "key_r", sf.lit(True).alias("attached"))
    )


def _cluster_once(
    masked: Any,
    scored: Any,
    task: ClusterTask,
    *,
    confirmed: Any | None,
    attached: Any | None,
    bound: Bound,
) -> tuple[Any, dict[str, int], list[Any], dict[str, int]]:
    """One clustering of every component of the accepted matches (and of
    ``attached``, the attaching pairs, when given)."""
    from pyspark.sql import functions as sf

    pending = masked.select("key", "withheld")
    chosen = scored.where(sf.col("probability") >= task.threshold)
    if attached is not None:
        chosen = scored.join(attached, ["key_l", "key_r"], "left").where(
            (sf.col("probability") >= task.threshold) | sf.col("attached").isNotNull()
        )
    accepted = (
        chosen.join(
            pending.select(sf.col("key").alias("key_l"), sf.col("withheld").alias("w_l")), "key_l"
        )
        .join(
            pending.select(sf.col("key").alias("key_r"), sf.col("withheld").alias("w_r")), "key_r"
        )
        .where(~sf.col("w_l") & ~sf.col("w_r"))
        .drop("w_l", "w_r")
    )
    edges = accepted.select(sf.col("key_l").alias("a"), sf.col("key_r").alias("b"))
    if task.must_link:
        spark = masked.sparkSession
        edges = edges.unionByName(spark.createDataFrame(list(task.must_link), "a string, b string"))
    found = connected_components(edges)
    comp = found.labels.select(
        sf.col("node").alias("key"), sf.col("root").alias("component")
    ).localCheckpoint(eager=True)
    figures = {"rounds": found.rounds, "largest": largest(comp), "split_edges": 0}
    refused: dict[str, int] = {}
    if (
        bound.max_component is not None
        and figures["largest"] > bound.max_component
        and bound.exclusive
        and confirmed is not None
        and not task.must_link
    ):
        comp, cut, rounds = split_giants(accepted, comp, confirmed, task, bound)
        figures["rounds"] += rounds
        figures["largest"] = largest(comp)
        figures["split_edges"] = sum(cut.values())
        refused.update(cut)
    members = masked.join(comp, on="key").select(
        "component",
        "key",
        "source",
        "payload",
        "withheld",
        (sf.col("rep") == sf.col("key")).alias("distinct"),
    )
    if confirmed is not None:
        members = members.join(confirmed, on="key", how="left")
    links = accepted.join(
        comp.select(sf.col("key").alias("key_l"), sf.col("component").alias("component")),
        on="key_l",
    ).join(comp.select(sf.col("key").alias("key_r"), "component"), on=["key_r", "component"])
    clustered = (
        members.groupBy("component")
        .cogroup(links.groupBy("component"))
        .applyInPandas(lambda records, edges: task(records, edges), CLUSTER_SCHEMA)
        .localCheckpoint(eager=True)
    )
    alone = (
        masked.join(comp, on="key", how="left_anti")
        .select("key")
        .mapInArrow(_own_profiles, "key string, profile_id string")
    )
    clusters = (
        clustered.select("key", "profile_id")
        .unionByName(alone)
        .join(masked.select("key", "source"), on="key")
        .select(sf.col("key").alias("record_id"), "profile_id", "source")
        .localCheckpoint(eager=True)
    )
    splits: list[Any] = []
    for row in clustered.where(sf.col("stats").isNotNull()).orderBy("key").collect():
        counts, split = load(row["stats"])
        for reason, count in counts.items():
            refused[reason] = refused.get(reason, 0) + count
        splits += list(split)
    return clusters, refused, splits, figures


def _own_profiles(batches: Iterator[Any]) -> Iterator[Any]:
    """The profile id of each record that is a profile of its own."""
    pa = arrow()
    for batch in batches:
        keys = batch.column("key").to_pylist()
        yield pa.RecordBatch.from_arrays(
            [pa.array(keys, pa.string()), pa.array([profile_id_for(k) for k in keys], pa.string())],
            names=["key", "profile_id"],
        )


def _local(pairs: Sequence[tuple[str, str]], index: Mapping[str, int]) -> tuple[Any, Any] | None:
    """The pairs among these records, as index arrays."""
    inside = [(index[a], index[b]) for a, b in pairs if a in index and b in index]
    if not inside:
        return None
    a, b = zip(*inside, strict=True)
    return np.array(a, dtype=np.int64), np.array(b, dtype=np.int64)


@attrs.frozen
class ProfileTask:
    """Builds the profile of one cluster and returns its rows (profiles or lineage)."""

    fields: Mapping[str, str]
    source_codes: Mapping[str, int]
    options: Mapping[str, Any]
    what: str
    purpose: str | None
    columns: Sequence[str]

    def __call__(self, records: Any) -> Any:
        from goldenrecord.profile import lineage_frame, profiles_frame

        table = table_of(
            records["key"].tolist(),
            records["source"].tolist(),
            records["payload"].tolist(),
            self.fields,
            self.source_codes,
        )
        profiles = build_profiles(table, np.zeros(len(table), dtype=np.int64), **self.options)
        if self.what == "lineage":
            frame = lineage_frame(profiles)
            for column in ("record_ids", "sources"):
                frame[column] = [list(v) for v in frame[column]]
        else:
            frame = profiles_frame(profiles, purpose=self.purpose)
        return text_frame(frame, self.columns)


def text_frame(frame: Any, columns: Sequence[str]) -> Any:
    """The frame with every cell that is not a number, a flag, a time or a list as text
    (golden values keep the type a member record wrote, which varies between records)."""
    out = frame.copy()
    for column in columns:
        if column not in out.columns:
            out[column] = None
    for column in out.columns:
        if column in _TYPED:
            continue
        out[column] = [None if _missing(v) else str(v) for v in out[column]]
    return out[list(columns)]


_TYPED = frozenset(
    {"n_records", "record_ids", "sources", "first_seen", "last_seen", "chosen", "validated"}
)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)
