"""Whole-table counts for :mod:`goldenrecord.spark`: what the batch path reads off the
whole table, counted with group-bys and handed to the batch path's own functions.

* the order of each date column's numeric dates (:func:`date_orders`);
* shared values (:func:`shared_values`), as
  :func:`goldenrecord.match._shared.find_shared` finds them;
* exclusive values (limit 1) that two records of the table carry (:func:`confirmed`),
  which the clustering stage counts over the table it is given.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from goldenrecord.errors import SettingsError
from goldenrecord.graph._variants import NAME, NAME_COLUMN
from goldenrecord.match.stages import SharedValues
from goldenrecord.schema import Schema
from goldenrecord.spark import _records

__all__ = [
    "confirmed",
    "date_orders",
    "distinct_sizes",
    "exclusive_columns",
    "pairs_among",
    "shared_values",
]


def date_orders(frame: Any, schema: Schema) -> dict[str, bool | None]:
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


def exclusive_columns(
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


def confirmed(masked: Any, exclusive: Sequence[str]) -> Any:
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


def shared_values(records: Any, layout: _records.RecordLayout, min_people: int) -> SharedValues:
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


def pairs_among(records: Any, *, link_only: bool, n: int) -> int:
    """The record pairs the model's share of matches is a share of: all pairs, or the
    pairs across sources when linking only (as in-process)."""
    if not link_only:
        return n * (n - 1) // 2
    sizes = [int(r["count"]) for r in records.groupBy("source").count().collect()]
    return (sum(sizes) ** 2 - sum(s * s for s in sizes)) // 2


def distinct_sizes(clusters: Any, masked: Any) -> Any:
    """Records per profile, exact copies not counted (the profile-size warning's input)."""
    from pyspark.sql import functions as sf

    distinct = masked.where(sf.col("rep") == sf.col("key")).select(sf.col("key").alias("record_id"))
    rows = clusters.join(distinct, on="record_id").groupBy("profile_id").count().collect()
    return np.array(sorted(int(r["count"]) for r in rows), dtype=np.int64)
