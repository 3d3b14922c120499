"""``goldenrecord.spark.resolve``: the batch pipeline's stages over a pyspark DataFrame.

prepare (per partition) → shared values (group-by) → mask, consent, exact copies →
block (equi-joins) → fit (driver) → score (per batch of pairs) → connected components
of the accepted matches (large-star/small-star) → constrained clustering per component.
Golden profiles and lineage are built per profile when asked for
(:class:`SparkResolution`).

Only the DataFrame API is used (``mapInArrow``, ``applyInPandas``, joins, group-bys,
``localCheckpoint``): no JVM jars, no ``sparkContext``, no RDDs, so the same code runs
under Spark Connect.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from goldenrecord._report import Report
from goldenrecord._resolve import _pairs_of
from goldenrecord._warnings import emit, resolution_warnings
from goldenrecord.errors import SettingsError
from goldenrecord.graph._limits import check_limits
from goldenrecord.graph._variants import GIVEN_COLUMN, NAME_COLUMN
from goldenrecord.match.blocking import (
    DEFAULT_MAX_BLOCK_SIZE,
    EXHAUSTIVE_LIMIT,
    BlockingRule,
    GroupRule,
    default_rules,
)
from goldenrecord.match.distributed import blocking_keys
from goldenrecord.match.model import Matcher
from goldenrecord.match.stages import DEFAULT_MIN_PEOPLE, SHARED_KINDS, SharedValues
from goldenrecord.profile import RuleSpec
from goldenrecord.schema import FIELD_KINDS, Schema, as_schema, infer_schema
from goldenrecord.spark import _blocking, _counts, _records
from goldenrecord.spark._cluster import ClusterTask, cluster_components
from goldenrecord.spark._fit import fit_on_counts, fit_on_sample
from goldenrecord.spark._resolution import SparkResolution
from goldenrecord.spark._score import score_pairs

__all__ = ["DEFAULT_MAX_COMPONENT", "SOURCE_COLUMN", "resolve"]

SOURCE_COLUMN = "__goldenrecord_source__"
"""The column that carries the source name when a mapping of sources is resolved."""

DEFAULT_MAX_COMPONENT = 100_000
"""Records of the largest component clustered as it is; a larger one is split first."""


def resolve(
    data: Any,
    schema: Schema | Mapping[str, Any] | None = None,
    *,
    threshold: float | None = None,
    link_only: bool = False,
    blocking: Sequence[BlockingRule | str | Iterable[str]] | None = None,
    max_block_size: int = DEFAULT_MAX_BLOCK_SIZE,
    max_pairs_per_rule: int | None = None,
    loose_blocking: float = 1.0,
    exhaustive_limit: int = EXHAUSTIVE_LIMIT,
    matcher: Matcher | None = None,
    labels: Mapping[tuple[str, str], bool] | None = None,
    purpose: str | None = None,
    limits: Mapping[str, int] | None = None,
    one_per_source: bool = False,
    attach: bool = False,
    must_link: Iterable[tuple[str, str]] = (),
    cannot_link: Iterable[tuple[str, str]] = (),
    shared_min_people: int | None = DEFAULT_MIN_PEOPLE,
    survivorship: Mapping[str, RuleSpec] | None = None,
    source_priority: Sequence[str] | None = None,
    partitions: int | None = None,
    fit_sample: int | None = None,
    max_component_size: int | None = DEFAULT_MAX_COMPONENT,
) -> SparkResolution:
    """Resolve the records of a pyspark DataFrame, as :func:`goldenrecord.resolve` does.

    Args:
        data: a pyspark DataFrame, or a mapping of source name to DataFrame (record
            keys are then ``"source:id"``, as in-process).
        schema, threshold, link_only, blocking, max_block_size, max_pairs_per_rule,
        loose_blocking, exhaustive_limit, labels, purpose, limits, one_per_source,
        attach, must_link, cannot_link, shared_min_people, survivorship, source_priority: as
            for :func:`goldenrecord.resolve`.
        matcher: a fitted :class:`~goldenrecord.Matcher` to score with (the same model
            gives the same clusters and profile ids as in-process); an unfitted one,
            or None, is fitted on the driver from the level patterns of every
            candidate pair, counted on executors, and a sample of random pairs: the
            model ``gr.resolve`` fits on the same records (no pair is collected).
        partitions: partitions of the prepared records (default: the session's
            ``spark.sql.shuffle.partitions``).
        max_component_size: a connected component of the accepted matches with more
            records than this is split before it is clustered, along the matches the
            clustering refuses whatever the order (two different exclusive values,
            limit 1, that other records confirm), so that it is clustered in smaller
            groups with the same result (None: never). What cannot be split that way
            stays one group: ``SparkResolution.components["largest"]`` says how large.
        fit_sample: fit instead on a sample of about this many distinct records,
            collected and blocked on the driver (a model close to, not the same as,
            ``gr.resolve``'s).

    Returns:
        A :class:`SparkResolution`; its ``clusters`` DataFrame is computed and
        checkpointed, profiles and lineage are built when asked for.
    """
    from pyspark.sql import functions as sf

    timings: dict[str, float] = {}
    clock = [time.perf_counter()]

    def lap(stage: str) -> None:
        now = time.perf_counter()
        timings[stage] = now - clock[0]
        clock[0] = now

    schema = as_schema(schema)
    inferred = schema is None
    frame, source_column = _one_frame(data)
    if schema is None:
        schema = infer_schema([r.asDict() for r in frame.limit(1000).collect()])
    if not schema.fields:
        raise SettingsError(
            "the schema maps no column to a field kind, so there is nothing to match "
            f"on; map columns to kinds ({', '.join(FIELD_KINDS)})"
        )
    if purpose is not None and purpose not in schema.consent:
        known = ", ".join(schema.consent) or "none in the schema"
        raise SettingsError(f"unknown purpose {purpose!r}; consent purposes: {known}")
    spark = frame.sparkSession
    n_parts = partitions or int(spark.conf.get("spark.sql.shuffle.partitions") or 8)
    by = [schema.id] if source_column is None else [source_column, schema.id]
    lap("schema")

    # prepare: per partition, every row of one id in one partition; the order of each
    # date column's numeric dates is read off the whole column first
    orders = _counts.date_orders(frame, schema)

    def prepare_pass(batches: Iterator[Any]) -> Iterator[Any]:
        return _records.prepare_batches(batches, schema, source_column, orders)

    prepared = (
        frame.repartition(n_parts, *by)
        .mapInArrow(prepare_pass, "key string, source string, kind string, payload binary")
        .localCheckpoint(eager=True)
    )
    metas = [
        _records.load(r["payload"])
        for r in prepared.where(sf.col("kind") == _records.META).collect()
    ]
    records = prepared.where(sf.col("kind") == "record").select("key", "source", "payload")
    rejected = [r for m in metas for r in m[0]]
    rejected_values = _summed(m[1] for m in metas)
    sanitised = _summed_flat(m[2] for m in metas)
    kept = _summed_flat(m[4] for m in metas)
    samples = {c: [cell for m in metas for cell in m[5].get(c, ())] for c in schema.fields}
    n = records.count()
    sources = sorted(
        r["source"] for r in records.select("source").distinct().collect() if r["source"]
    )
    if link_only and len(sources) < 2:
        raise SettingsError("link_only=True needs records from at least two sources")
    source_codes = {s: i for i, s in enumerate(sources)}
    first = records.limit(1).collect()
    columns: list[str] = list(_records.load(first[0]["payload"])[0]) if first else []
    limit_of = check_limits(limits, dict.fromkeys(columns))
    known_keys = set(_keys_named(records))
    musts = _checked_pairs("must_link", must_link, known_keys)
    cannots = _checked_pairs("cannot_link", cannot_link, known_keys)
    rules = [
        BlockingRule.of(r)
        for r in (
            list(blocking)
            if blocking is not None
            else list(default_rules(schema.fields, loose=loose_blocking))
        )
    ]
    unknown = sorted({k for r in rules for k in r.keys if k not in columns})
    if unknown and columns:
        raise SettingsError(
            f"blocking key column(s) {', '.join(unknown)} not in the prepared table; "
            f"available: {', '.join(columns)}"
        )
    key_columns = tuple(blocking_keys(rules))
    checked = [c for c, kind in schema.fields.items() if kind in SHARED_KINDS]
    checked += [f"{c}:national" for c in checked if f"{c}:national" in columns]
    layout = _records.RecordLayout(
        schema=schema,
        source_column=source_column,
        shared_columns=tuple(checked),
        key_columns=key_columns,
        rules=tuple((i, r.keys) for i, r in enumerate(rules) if not isinstance(r, GroupRule)),
        source_codes=source_codes,
    )
    lap("prepare")

    shared = (
        _counts.shared_values(records, layout, shared_min_people)
        if shared_min_people is not None
        else SharedValues({}, {}, 0)
    )
    lap("shared")

    def mask_pass(batches: Iterator[Any]) -> Iterator[Any]:
        return _records.mask_batches(batches, layout, shared, purpose)

    masked = records.mapInArrow(
        mask_pass,
        "key string, source string, payload binary, matched binary, withheld boolean, "
        "signature binary, blocks array<struct<rule:int, block:string>>",
    )
    collapse = not (link_only or one_per_source)
    if collapse:
        firsts = (
            masked.where(sf.col("signature").isNotNull())
            .groupBy("signature")
            .agg(sf.min("key").alias("rep"))
        )
        masked = masked.join(firsts, on="signature", how="left").withColumn(
            "rep", sf.coalesce("rep", "key")
        )
    else:
        masked = masked.withColumn("rep", sf.col("key"))
    masked = masked.localCheckpoint(eager=True)
    n_copies = masked.where(sf.col("rep") != sf.col("key")).count() if collapse else 0
    n_withheld = masked.where("withheld").count()
    distinct = masked.where(sf.col("rep") == sf.col("key"))
    n_distinct = n - n_copies
    lap("copies")

    if blocking is None and n_distinct * (n_distinct - 1) // 2 <= exhaustive_limit:
        blocked = _blocking.all_pairs(distinct, link_only=link_only)
    elif not rules:
        raise SettingsError(
            "no blocking rule could be derived from the schema (it has no field to "
            "block on) and the table is too large to compare every pair; give "
            "blocking=[...] or map more columns to kinds"
        )
    else:
        blocked = _blocking.block(
            distinct,
            rules,
            n=n_distinct,
            link_only=link_only,
            max_block_size=max_block_size,
            max_pairs_per_rule=(
                max(1_000_000, 5 * n_distinct) if max_pairs_per_rule is None else max_pairs_per_rule
            ),
        )
    lap("block")

    model = matcher if matcher is not None else Matcher()
    cut = model.threshold if threshold is None else threshold
    if not 0.0 < cut < 1.0:
        raise SettingsError(f"threshold must be a probability in (0, 1), got {cut!r}")
    if not model.is_fitted and fit_sample is None:
        fit_on_counts(
            model,
            distinct,
            blocked.pairs,
            schema,
            source_codes,
            n_distinct=n_distinct,
            link_only=link_only,
            labels=labels,
            representative=masked.select("key", "rep") if collapse else None,
        )
    elif not model.is_fitted and fit_sample is not None:
        fit_on_sample(
            model,
            distinct,
            rules,
            schema,
            source_codes,
            n_distinct=n_distinct,
            fit_sample=fit_sample,
            link_only=link_only,
            labels=labels,
            exhaustive=blocking is None,
            exhaustive_limit=exhaustive_limit,
            max_block_size=max_block_size,
        )
    lap("fit")

    scored = score_pairs(model, distinct, masked, blocked.pairs, schema, collapse=collapse)
    lap("score")

    task = ClusterTask(
        model=model.to_json(),
        fields=dict(schema.fields),
        source_codes=source_codes,
        threshold=cut,
        limits=limit_of,
        one_per_source=one_per_source,
        must_link=musts,
        cannot_link=cannots,
        copies=n_copies > 0,
        attach=attach,
    )
    exclusive = _counts.exclusive_columns(columns, schema.fields, limit_of)
    clusters, refused, splits, figures = cluster_components(
        masked,
        scored,
        task,
        confirmed=_counts.confirmed(masked, exclusive) if exclusive else None,
        exclusive=[c for c in exclusive if c not in (NAME_COLUMN, GIVEN_COLUMN)],
        max_component=max_component_size,
    )
    sizes = clusters.groupBy("profile_id").count()
    n_clusters = sizes.count()
    largest = sizes.agg(sf.max("count")).collect()[0][0] if n else 0
    found = resolution_warnings(
        schema.fields,
        samples,
        rejected_values,
        kept,
        model,
        n,
        _counts.pairs_among(records, link_only=link_only, n=n),
        _counts.distinct_sizes(clusters, masked),
    )
    lap("cluster")

    report = Report(
        n_input=n + len(rejected),
        n_records=n,
        rejected_values=rejected_values,
        blocking=blocked.report,
        timings=timings,
        schema=schema,
        schema_inferred=inferred,
        model={**model.summary(), "threshold": cut},
        n_clusters=n_clusters,
        refused=refused,
        shared_values=shared.counts(),
        purpose=purpose,
        consent_withheld=n_withheld,
        sanitised=sanitised,
        exact_copies=n_copies,
        split_components=tuple(splits),
        largest_profile=int(largest or 0),
        warnings=found,
    )
    emit(found, stacklevel=2)
    return SparkResolution(
        clusters=clusters,
        report=report,
        model=model,
        rejected=tuple(rejected),
        rounds={"components": figures["rounds"], "groups": blocked.rounds},
        components={"largest": figures["largest"], "split_edges": figures["split_edges"]},
        scored=scored,
        records=masked.select("key", "source", "payload"),
        schema=schema,
        source_codes=source_codes,
        profile_options={
            "rules": survivorship,
            "source_priority": source_priority,
            "consent_columns": dict(schema.consent),
        },
    )


def _one_frame(data: Any) -> tuple[Any, str | None]:
    """One DataFrame, with a source column when ``data`` maps source names to frames."""
    from pyspark.sql import functions as sf

    if isinstance(data, Mapping):
        if not data:
            raise SettingsError("a mapping of sources needs at least one DataFrame")
        frames = [df.withColumn(SOURCE_COLUMN, sf.lit(str(name))) for name, df in data.items()]
        union = frames[0]
        for more in frames[1:]:
            union = union.unionByName(more, allowMissingColumns=True)
        return union, SOURCE_COLUMN
    if not hasattr(data, "mapInArrow"):
        raise SettingsError(
            "goldenrecord.spark.resolve takes a pyspark DataFrame or a mapping of source "
            f"name to DataFrame, got {type(data).__name__}"
        )
    return data, None


def _summed(parts: Iterable[Mapping[str, Mapping[str, int]]]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for part in parts:
        for column, reasons in part.items():
            counts = out.setdefault(column, {})
            for reason, k in reasons.items():
                counts[reason] = counts.get(reason, 0) + k
    return out


def _summed_flat(parts: Iterable[Mapping[str, int]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for part in parts:
        for column, k in part.items():
            out[column] = out.get(column, 0) + k
    return out


def _keys_named(records: Any) -> Iterator[str]:
    """The record keys, streamed to the driver (only when pairs of keys are given)."""
    return (r["key"] for r in records.select("key").toLocalIterator())


def _checked_pairs(
    what: str, pairs: Iterable[tuple[str, str]], known: set[str]
) -> list[tuple[str, str]]:
    """Record-key pairs, checked as :func:`goldenrecord.resolve` checks them."""
    keys = sorted(known)
    found = _pairs_of(what, pairs, {k: i for i, k in enumerate(keys)})
    if found is None:
        return []
    return [(keys[a], keys[b]) for a, b in zip(found[0].tolist(), found[1].tolist(), strict=True)]
