"""Records on executors: the prepare and mask passes, and prepared tables rebuilt from rows.

A record travels between stages as one row: its key, its source and a ``payload``, the
record's prepared values, raw cells and update time as one pickled dict (an
intermediate format between the stages of one run, never stored). The stage functions
read :class:`~goldenrecord.match.stages.PreparedTable` objects, so an executor rebuilds one
from the rows it holds (:func:`table_of`) and calls them.

The prepare pass calls :func:`goldenrecord.match.stages.prepare` on each partition. The
input is partitioned by record id first, so the rows that repeat an id meet in one
partition and the duplicate rule keeps the same row as in-process.
"""

from __future__ import annotations

import hashlib
import itertools
import pickle
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs
import numpy as np

from goldenrecord._warnings import column_sample, kept_counts
from goldenrecord.match.distributed import has_evidence
from goldenrecord.match.stages import PreparedTable, SharedValues, initials, mask_shared, prepare
from goldenrecord.schema import Schema

__all__ = [
    "META",
    "SEPARATOR",
    "RecordLayout",
    "dump",
    "load",
    "prepare_batches",
    "table_of",
]

SEPARATOR = "\x1f"
"""Joins the values of a composite block key (the unit separator, absent from values)."""

META = "__meta__"
"""The ``kind`` of a row that carries a partition's counts instead of a record."""


def dump(value: object) -> bytes:
    """Pickle a payload (between the stages of one run only)."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def load(data: bytes) -> Any:
    """Read a payload written by :func:`dump`."""
    return pickle.loads(data)  # payloads are written by this run's own executors


@attrs.frozen
class RecordLayout:
    """What the passes emit besides the payload: the columns checked for shared values and
    the blocking keys: ``rules`` lists (rule index, key columns) of the rules on key
    columns, and each record's ``blocks`` hold one (rule, block) entry per combination
    of its key values (a tuple cell gives one per member), the values joined by
    :data:`SEPARATOR`."""

    schema: Schema
    source_column: str | None
    shared_columns: tuple[str, ...]
    key_columns: tuple[str, ...]
    rules: tuple[tuple[int, tuple[str, ...]], ...]
    source_codes: Mapping[str, int]


def arrow() -> Any:
    """pyarrow, imported when first needed (on executors)."""
    import pyarrow as pa  # type: ignore[import-untyped]

    return pa


def prepare_batches(
    batches: Iterator[Any],
    schema: Schema,
    source_column: str | None,
    date_orders: Mapping[str, bool | None] | None = None,
) -> Iterator[Any]:
    """The prepare pass over one partition: one row per prepared record and one meta row
    with the partition's counts (rejected records and values, sanitised cells, regions,
    values kept per field) and a sample of each field's raw cells (for the warnings)."""
    pa = arrow()
    listed = list(batches)
    rows = pa.Table.from_batches(listed).to_pylist() if listed else []
    if source_column is None:
        data: object = rows
    else:
        by_source: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            by_source.setdefault(row.pop(source_column), []).append(row)
        data = by_source
    if source_column is not None and not rows:
        data = {}
    prepared = prepare(data, schema, date_orders=date_orders) if rows else None
    keys: list[str | None] = []
    sources: list[str | None] = []
    kinds: list[str] = []
    payloads: list[bytes] = []
    if prepared is not None:
        names = list(prepared.columns)
        raw_names = list(prepared.raw)
        for i, key in enumerate(prepared.keys):
            keys.append(key)
            sources.append(prepared.sources[i])
            kinds.append("record")
            payloads.append(
                dump(
                    (
                        {c: prepared.columns[c][i] for c in names},
                        {c: prepared.raw[c][i] for c in raw_names},
                        prepared.updated_at[i],
                    )
                )
            )
        keys.append(None)
        sources.append(None)
        kinds.append(META)
        payloads.append(
            dump(
                (
                    prepared.rejected,
                    prepared.rejected_values,
                    prepared.sanitised,
                    prepared.region_sources,
                    kept_counts(prepared.columns, schema.fields),
                    {c: column_sample(prepared.raw[c]) for c in schema.fields},
                )
            )
        )
    yield pa.RecordBatch.from_arrays(
        [
            pa.array(keys, pa.string()),
            pa.array(sources, pa.string()),
            pa.array(kinds, pa.string()),
            pa.array(payloads, pa.binary()),
        ],
        names=["key", "source", "kind", "payload"],
    )


def table_of(
    keys: Sequence[str],
    sources: Sequence[str | None],
    payloads: Sequence[bytes],
    fields: Mapping[str, str],
    source_codes: Mapping[str, int],
    *,
    columns_only: bool = False,
) -> PreparedTable:
    """A prepared table of the given records (their keys in ascending order), with the
    whole input's source codes."""
    order = sorted(range(len(keys)), key=lambda i: keys[i])
    records = [load(payloads[i]) for i in order]
    n = len(order)

    def column(values: list[Any]) -> Any:
        out = np.empty(n, dtype=object)
        out[:] = values
        return out

    names = list(records[0][0]) if records else []
    raw_names = list(records[0][1]) if records and not columns_only else []
    picked_sources = [sources[i] for i in order]
    return PreparedTable(
        keys=[keys[i] for i in order],
        sources=picked_sources,
        source_codes=np.array(
            [-1 if s is None else source_codes.get(s, -1) for s in picked_sources],
            dtype=np.int32,
        ),
        columns={c: column([r[0][c] for r in records]) for c in names},
        raw={c: [r[1][c] for r in records] for c in raw_names},
        updated_at=[None if columns_only else r[2] for r in records],
        rejected_values={},
        rejected=[],
        fields=dict(fields),
    )


def shared_inputs(batches: Iterator[Any], layout: RecordLayout) -> Iterator[Any]:
    """Per record: its key, the initials of its whole name and its values of the columns
    checked for shared values (as text), for the group-by that finds shared values."""
    pa = arrow()
    for batch in batches:
        payloads = batch.column("payload").to_pylist()
        keys = batch.column("key").to_pylist()
        values: list[list[str | None]] = [[] for _ in layout.shared_columns]
        names: list[str | None] = []
        for data in payloads:
            cols = load(data)[0]
            names.append(initials(cols.get("_name")))
            for j, c in enumerate(layout.shared_columns):
                v = cols.get(c)
                values[j].append(None if v is None else str(v))
        arrays = [pa.array(keys, pa.string()), pa.array(names, pa.string())]
        arrays += [pa.array(v, pa.string()) for v in values]
        yield pa.RecordBatch.from_arrays(
            arrays, names=["key", "initials", *[f"s{j}" for j in range(len(values))]]
        )


def mask_batches(
    batches: Iterator[Any],
    layout: RecordLayout,
    shared: SharedValues,
    purpose: str | None,
) -> Iterator[Any]:
    """The mask pass: shared values set aside (``matched``), consent withheld, the exact-copy
    signature of records that may be collapsed, and the blocking keys."""
    from goldenrecord._clustering import withheld_records

    pa = arrow()
    for batch in batches:
        keys = batch.column("key").to_pylist()
        sources = batch.column("source").to_pylist()
        payloads = batch.column("payload").to_pylist()
        if not keys:
            continue
        table = table_of(keys, sources, payloads, layout.schema.fields, layout.source_codes)
        matched = mask_shared(table, shared)
        withheld = withheld_records(table, layout.schema, purpose)
        eligible = has_evidence(table, matched.columns) & ~withheld
        names = sorted(table.columns)
        signatures: list[bytes | None] = []
        masked: list[bytes] = []
        for i in range(len(table)):
            masked.append(dump(({c: matched.columns[c][i] for c in matched.columns}, {}, None)))
            if not eligible[i]:
                signatures.append(None)
                continue
            row = tuple(table.columns[c][i] for c in names)
            try:
                hash(row)
            except TypeError:  # an unhashable derived value: matched as usual
                signatures.append(None)
                continue
            # repr, not pickle: pickle's memo makes equal rows differ in bytes
            signatures.append(hashlib.sha256(repr(row).encode("utf-8")).digest())
        values_of = {
            c: [_as_keys(matched.columns[c][i]) for i in range(len(table))]
            for c in layout.key_columns
        }
        blocks = [
            [
                {"rule": index, "block": SEPARATOR.join(parts)}
                for index, keys in layout.rules
                for parts in itertools.product(*(values_of[k][i] for k in keys))
            ]
            for i in range(len(table))
        ]
        by_key = dict(zip(keys, payloads, strict=True))
        arrays = [
            pa.array(table.keys, pa.string()),
            pa.array(table.sources, pa.string()),
            pa.array([by_key[k] for k in table.keys], pa.binary()),
            pa.array(masked, pa.binary()),
            pa.array(withheld.tolist(), pa.bool_()),
            pa.array(signatures, pa.binary()),
        ]
        arrays.append(
            pa.array(blocks, pa.list_(pa.struct([("rule", pa.int32()), ("block", pa.string())])))
        )
        yield pa.RecordBatch.from_arrays(
            arrays,
            names=[
                "key",
                "source",
                "payload",
                "matched",
                "withheld",
                "signature",
                "blocks",
            ],
        )


def _as_keys(value: object) -> list[str]:
    """A key cell as the values it blocks on (a tuple cell on each member)."""
    if value is None or value != value:  # None and NaN are missing
        return []
    if type(value) is tuple:
        return [str(v) for v in dict.fromkeys(value)]
    return [str(value)]
