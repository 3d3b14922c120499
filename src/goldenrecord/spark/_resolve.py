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
from goldenrecord.errors import SettingsError
from goldenrecord.graph._limits import check_limits
from goldenrecord.graph._variants import NAME, NAME_COLUMN
from goldenrecord.match.blocking import (
    DEFAULT_MAX_BLOCK_SIZE,
    EXHAUSTIVE_LIMIT,
    BlockingRule,
    GroupRule,
    all_pairs,
    block,
    default_rules,
)
from goldenrecord.match.distributed import blocking_keys
from goldenrecord.match.model import Matcher
from goldenrecord.match.stages import DEFAULT_MIN_PEOPLE, SHARED_KINDS, SharedValues
from goldenrecord.profile import RuleSpec, profile_id_for
from goldenrecord.schema import FIELD_KINDS, Schema, as_schema, infer_schema
from goldenrecord.spark import _blocking, _records
from goldenrecord.spark._cluster import CLUSTER_SCHEMA, ClusterTask
from goldenrecord.spark._components import connected_components
from goldenrecord.spark._resolution import SparkResolution
from goldenrecord.spark._score import COPY_RULE, SCORED_SCHEMA, score_batches, tf_columns

__all__ = ["SOURCE_COLUMN", "resolve"]

SOURCE_COLUMN = "__goldenrecord_source__"
"""The column that carries the source name when a mapping of sources is resolved."""

DEFAULT_FIT_SAMPLE = 50_000
"""Distinct records the driver fits the model on when no fitted matcher is given."""


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
    must_link: Iterable[tuple[str, str]] = (),
    cannot_link: Iterable[tuple[str, str]] = (),
    shared_min_people: int | None = DEFAULT_MIN_PEOPLE,
    survivorship: Mapping[str, RuleSpec] | None = None,
    source_priority: Sequence[str] | None = None,
    partitions: int | None = None,
    fit_sample: int = DEFAULT_FIT_SAMPLE,
) -> SparkResolution:
    """Resolve the records of a pyspark DataFrame, as :func:`goldenrecord.resolve` does.

    Args:
        data: a pyspark DataFrame, or a mapping of source name to DataFrame (record
            keys are then ``"source:id"``, as in-process).
        schema, threshold, link_only, blocking, max_block_size, max_pairs_per_rule,
        loose_blocking, exhaustive_limit, labels, purpose, limits, one_per_source,
        must_link, cannot_link, shared_min_people, survivorship, source_priority: as
            for :func:`goldenrecord.resolve`.
        matcher: a fitted :class:`~goldenrecord.Matcher` to score with (the same model
            gives the same clusters and profile ids as in-process); an unfitted one,
            or None, is fitted on the driver from up to ``fit_sample`` distinct
            records.
        partitions: partitions of the prepared records (default: the session's
            ``spark.sql.shuffle.partitions``).
        fit_sample: distinct records the driver fits on when the matcher is not fitted.

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
    orders = _date_orders(frame, schema)

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
        _shared_values(records, layout, shared_min_people)
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
    if not model.is_fitted:
        _fit_on_sample(
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

    scored = _score(model, distinct, masked, blocked.pairs, schema, collapse=collapse)
    lap("score")

    pending = masked.select("key", "withheld")
    accepted = (
        scored.where(sf.col("probability") >= cut)
        .join(
            pending.select(sf.col("key").alias("key_l"), sf.col("withheld").alias("w_l")), "key_l"
        )
        .join(
            pending.select(sf.col("key").alias("key_r"), sf.col("withheld").alias("w_r")), "key_r"
        )
        .where(~sf.col("w_l") & ~sf.col("w_r"))
        .drop("w_l", "w_r")
    )
    edges = accepted.select(sf.col("key_l").alias("a"), sf.col("key_r").alias("b"))
    if musts:
        edges = edges.unionByName(spark.createDataFrame(musts, "a string, b string"))
    found = connected_components(edges)
    comp = found.labels.select(
        sf.col("node").alias("key"), sf.col("root").alias("component")
    ).localCheckpoint(eager=True)
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
    )
    members = masked.join(comp, on="key").select(
        "component",
        "key",
        "source",
        "payload",
        "withheld",
        (sf.col("rep") == sf.col("key")).alias("distinct"),
    )
    exclusive = _exclusive_columns(columns, schema.fields, limit_of)
    if exclusive:
        members = members.join(_confirmed(masked, exclusive), on="key", how="left")
    links = accepted.join(
        comp.select(sf.col("key").alias("key_l"), sf.col("component").alias("component")),
        on="key_l",
    )
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
    refused: dict[str, int] = {}
    splits: list[Any] = []
    for row in clustered.where(sf.col("stats").isNotNull()).orderBy("key").collect():
        counts, split = _records.load(row["stats"])
        for reason, count in counts.items():
            refused[reason] = refused.get(reason, 0) + count
        splits += list(split)
    sizes = clusters.groupBy("profile_id").count()
    n_clusters = sizes.count()
    largest = sizes.agg(sf.max("count")).collect()[0][0] if n else 0
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
    )
    return SparkResolution(
        clusters=clusters,
        report=report,
        model=model,
        rejected=tuple(rejected),
        rounds={"components": found.rounds, "groups": blocked.rounds},
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


def _date_orders(frame: Any, schema: Schema) -> dict[str, bool | None]:
    """Per date column, the order of its numeric dates over the whole column, as
    :func:`~goldenrecord.normalize._date_order.date_order` decides it: each value's
    own verdict is counted by a group-by, and the function then reads one telling value
    of each order as many times as the column holds such values."""
    from pyspark.sql import functions as sf

    from goldenrecord.normalize._date_order import date_order

    columns = schema.columns_of("date")
    if not columns:
        return {}

    def verdicts(batches: Iterator[Any]) -> Iterator[Any]:
        pa = _records.arrow()

        for batch in batches:
            for j, column in enumerate(columns):
                values = batch.column(column).to_pylist()
                tells = [date_order([v]) for v in values]
                kept = [(v, t) for v, t in zip(values, tells, strict=True) if t is not None]
                yield pa.RecordBatch.from_arrays(
                    [
                        pa.array([j] * len(kept), pa.int32()),
                        pa.array([t for _, t in kept], pa.bool_()),
                        pa.array([str(v) for v, _ in kept], pa.string()),
                    ],
                    names=["column", "day_first", "value"],
                )

    counted = (
        frame.select(*columns)
        .mapInArrow(verdicts, "column int, day_first boolean, value string")
        .groupBy("column", "day_first")
        .agg(sf.count("*").alias("n"), sf.min("value").alias("value"))
        .collect()
    )
    telling: dict[str, list[str]] = {c: [] for c in columns}
    for row in counted:
        telling[columns[row["column"]]] += [row["value"]] * int(row["n"])
    return {c: date_order(values) for c, values in telling.items()}


def _exclusive_columns(
    columns: Sequence[str], fields: Mapping[str, str], limits: Mapping[str, int]
) -> list[str]:
    """The prepared columns whose limit is 1 (exclusive values), as
    :func:`goldenrecord.graph._limits.limited_values` assigns limits."""
    out = []
    for column in columns:
        kind = NAME if column == NAME_COLUMN else fields.get(column)
        limit = limits.get(column, None if kind is None else limits.get(kind))
        if limit == 1:
            out.append(column)
    return out


def _confirmed(masked: Any, exclusive: Sequence[str]) -> Any:
    """Per record, its exclusive values that another record of the table carries too
    (``confirmed``: an array of ``(column, value)``)."""
    from pyspark.sql import functions as sf

    def cells(batches: Iterator[Any]) -> Iterator[Any]:
        pa = _records.arrow()

        for batch in batches:
            keys = batch.column("key").to_pylist()
            rows = []
            for key, data in zip(keys, batch.column("payload").to_pylist(), strict=True):
                values = _records.load(data)[0]
                rows += [(key, c, values[c]) for c in exclusive if isinstance(values.get(c), str)]
            yield pa.RecordBatch.from_arrays(
                [pa.array([r[i] for r in rows], pa.string()) for i in range(3)],
                names=["key", "column", "value"],
            )

    found = masked.select("key", "payload").mapInArrow(
        cells, "key string, column string, value string"
    )
    shared = found.groupBy("column", "value").count().where(sf.col("count") >= 2)
    return (
        found.join(shared.select("column", "value"), on=["column", "value"])
        .groupBy("key")
        .agg(sf.collect_list(sf.struct("column", "value")).alias("confirmed"))
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
    out: list[tuple[str, str]] = []
    unknown = 0
    for pair in pairs:
        try:
            x, y = pair
        except (TypeError, ValueError):
            raise SettingsError(f"{what} takes pairs of record keys") from None
        if x not in known or y not in known:
            unknown += 1
            continue
        out.append((str(x), str(y)))
    if unknown:
        raise SettingsError(
            f"{what}: {unknown} pair(s) name records that are not among the resolved records "
            "(keys of a mapping of sources are 'source:id')"
        )
    return out


def _shared_values(records: Any, layout: _records.RecordLayout, min_people: int) -> SharedValues:
    """The shared values, as :func:`goldenrecord.match._shared.find_shared` finds them:
    per checked column, the values whose records bear ``min_people`` or more different
    names (initials); a national number only where its records are not all covered by
    the phone column's own shared values."""
    from pyspark.sql import functions as sf

    if min_people < 2:
        raise SettingsError(f"min_people must be at least 2, got {min_people!r}")
    if not layout.shared_columns:
        return SharedValues({}, {}, min_people)

    def inputs(batches: Iterator[Any]) -> Iterator[Any]:
        return _records.shared_inputs(batches, layout)

    fields = ", ".join(f"s{j} string" for j in range(len(layout.shared_columns)))
    cells = records.mapInArrow(inputs, f"key string, initials string, {fields}")
    cells = cells.localCheckpoint(eager=True)
    found: dict[str, tuple[str, ...]] = {}
    counts: dict[str, int] = {}
    covered: dict[str, Any] = {}
    for j, column in enumerate(layout.shared_columns):
        value = sf.col(f"s{j}")
        people = (
            cells.where(value.isNotNull() & sf.col("initials").isNotNull())
            .select(value.alias("v"), "initials")
            .distinct()
            .groupBy("v")
            .count()
            .where(sf.col("count") >= min_people)
            .select("v")
        )
        owner = column.removesuffix(":national")
        if owner != column and owner in covered:
            hits = cells.join(people, cells[f"s{j}"] == people["v"]).select("key", "v")
            uncovered = hits.join(covered[owner], on="key", how="left_anti").select("v").distinct()
            people = uncovered
        values = sorted(str(r["v"]) for r in people.collect())
        if values:
            wanted = cells.sparkSession.createDataFrame([(v,) for v in values], "v string")
            hit = cells.join(sf.broadcast(wanted), cells[f"s{j}"] == wanted["v"]).select("key")
            hit = hit.localCheckpoint(eager=True)
            found[column] = tuple(values)
            counts[column] = hit.count()
            covered[column] = hit
    return SharedValues(found, counts, min_people)


def _fit_on_sample(
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
    rows = sample.select("key", "source", "matched").collect()
    table = _records.table_of(
        [r["key"] for r in rows],
        [r["source"] for r in rows],
        [r["matched"] for r in rows],
        schema.fields,
        source_codes,
        columns_only=True,
    )
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


def _score(
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
    pa = _records.arrow()

    for batch in batches:
        keys = batch.column("key").to_pylist()
        cells = [_records.load(p)[0] for p in batch.column("matched").to_pylist()]
        arrays = [pa.array(keys, pa.string())]
        for c in columns:
            arrays.append(
                pa.array([None if r.get(c) is None else str(r[c]) for r in cells], pa.string())
            )
        yield pa.RecordBatch.from_arrays(
            arrays, names=["key", *[f"t{j}" for j in range(len(columns))]]
        )


def _own_profiles(batches: Iterator[Any]) -> Iterator[Any]:
    """The profile id of each record that is a profile of its own."""
    pa = _records.arrow()

    for batch in batches:
        keys = batch.column("key").to_pylist()
        yield pa.RecordBatch.from_arrays(
            [pa.array(keys, pa.string()), pa.array([profile_id_for(k) for k in keys], pa.string())],
            names=["key", "profile_id"],
        )
