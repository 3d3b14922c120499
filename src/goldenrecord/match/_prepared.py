"""The prepared table: the pipeline's core type, the records as matching reads them.

:func:`goldenrecord.match.prepare` builds it once; every later stage (blocking,
comparison, clustering, profiles, the identity store) reads it and none writes into it.
A stage that needs another table makes one: :meth:`PreparedTable.take` (some records),
:meth:`PreparedTable.concat` (two tables of different records),
:meth:`PreparedTable.masked` (some values set aside).

Derived columns are named by :func:`derived`: ``column:derivation`` (``email:local``,
``given_name:canon``, ``phone:national``); :func:`derived_from` lists those of a column.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

__all__ = [
    "PreparedTable",
    "RejectedRecord",
    "derived",
    "derived_from",
    "distinct_sorted",
    "take_rows",
]

ObjArray = npt.NDArray[np.object_]


def distinct_sorted(values: npt.NDArray[np.integer[Any]]) -> npt.NDArray[np.int64]:
    """The distinct integers of ``values``, ascending: ``np.unique`` by a sort.

    NumPy's own ``np.unique`` hashes integers when asked for nothing else, which is many
    times slower than a sort on millions of distinct values (pair codes).

    >>> distinct_sorted(np.array([3, 1, 3, 2])).tolist()
    [1, 2, 3]
    """
    ordered = np.sort(np.asarray(values, dtype=np.int64).reshape(-1))
    if ordered.size < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def derived(column: str, derivation: str) -> str:
    """The name of the column derived from ``column`` by ``derivation``.

    >>> derived("email", "local")
    'email:local'
    """
    return f"{column}:{derivation}"


def derived_from(column: str, names: Iterable[str]) -> list[str]:
    """Of ``names``, those of the columns derived from ``column``, in their order.

    >>> derived_from("email", ["email", "email:local", "emails:local", "phone"])
    ['email:local']
    """
    prefix = column + ":"
    return [name for name in names if name.startswith(prefix)]


@attrs.frozen
class RejectedRecord:
    """A record that could not take part at all, and why (``missing_id``, ``duplicate_id``)."""

    source: str | None
    row: int
    reason: str
    record_key: str | None = None


@attrs.frozen(repr=False)
class PreparedTable:
    """Normalized columns of the records that take part, in a stable order.

    Attributes:
        keys: one unique record key per record (see :mod:`goldenrecord.match`), sorted,
            so that nothing downstream depends on the order of the input rows.
        sources: each record's source name (None when the input has none).
        source_codes: each record's source as a small integer (sorted source names).
        columns: column name → object array of canonical values (None = missing):
            every schema field column plus derived columns (:func:`derived`) and the
            record-level ``_name`` key (the whole name, order- and script-insensitive).
        raw: column name → raw cell values, for explanations and lineage.
        updated_at: each record's raw last-update value (None without a column).
        rejected_values: field column → reason → count of values normalized to None.
        rejected: records that could not take part at all.
        fields: the schema's field columns and kinds.
        sanitised: column → input cells whose text held lone surrogates, replaced by
            U+FFFD (columns with none are not listed).
        region_sources: how the region that phones and postcodes were read with was
            decided, as counts of records (``country``, ``default_region``,
            ``postcode``, ``phone``, ``email``, ``unknown``; see
            :mod:`goldenrecord.match._region`). Figures only, no values.
    """

    keys: list[str]
    sources: list[str | None]
    source_codes: npt.NDArray[np.int32]
    columns: dict[str, ObjArray]
    raw: dict[str, list[Any]]
    updated_at: list[Any]
    rejected_values: dict[str, dict[str, int]]
    rejected: list[RejectedRecord]
    fields: dict[str, str]
    sanitised: dict[str, int] = attrs.field(factory=dict)
    region_sources: dict[str, int] = attrs.field(factory=dict)

    def __len__(self) -> int:
        return len(self.keys)

    def __repr__(self) -> str:
        return (
            f"PreparedTable(n={len(self.keys)}, fields={len(self.fields)}, "
            f"columns={len(self.columns)}, rejected={len(self.rejected)})"
        )

    def take(self, rows: npt.ArrayLike) -> PreparedTable:
        """The records at ``rows`` (indices, taken in ascending order, so the keys stay
        sorted), as a table of their own. Source codes are the whole table's; the
        counts of rejected values and records too (they describe the input).

        >>> from goldenrecord import Schema
        >>> from goldenrecord.match import prepare
        >>> t = prepare([{"id": 1, "email": "a@x.org"}, {"id": 2, "email": "b@x.org"}],
        ...             Schema(id="id", fields={"email": "email"}))
        >>> t.take([1]).keys, t.take([1]).columns["email"].tolist()
        (['2'], ['b@x.org'])
        """
        idx = distinct_sorted(np.asarray(rows, dtype=np.int64))
        if idx.size and (idx[0] < 0 or idx[-1] >= len(self.keys)):
            raise IndexError("a row index outside the prepared table")
        picked = idx.tolist()
        return attrs.evolve(
            self,
            keys=[self.keys[i] for i in picked],
            sources=[self.sources[i] for i in picked],
            source_codes=self.source_codes[idx],
            columns={name: values[idx] for name, values in self.columns.items()},
            raw={name: [values[i] for i in picked] for name, values in self.raw.items()},
            updated_at=[self.updated_at[i] for i in picked],
        )

    def concat(self, other: PreparedTable) -> PreparedTable:
        """This table's records and ``other``'s (different keys) as one table, in key
        order. Columns both tables hold are kept; source codes are numbered anew over
        the sources of both; the counts of rejected values and records are summed.

        >>> from goldenrecord import Schema
        >>> from goldenrecord.match import prepare
        >>> s = Schema(id="id", fields={"email": "email"})
        >>> a = prepare([{"id": "b", "email": "b@x.org"}], s)
        >>> b = prepare([{"id": "a", "email": "a@x.org"}], s)
        >>> a.concat(b).keys
        ['a', 'b']
        """
        keys = self.keys + other.keys
        if len(set(keys)) != len(keys):
            raise ValueError("the two prepared tables share a record key")
        order = sorted(range(len(keys)), key=keys.__getitem__)
        index = np.array(order, dtype=np.int64)
        both = self.sources + other.sources
        sources = [both[i] for i in order]
        code_of = {s: i for i, s in enumerate(sorted({s for s in sources if s is not None}))}
        raw: dict[str, list[Any]] = {}
        for name in self.raw:
            if name in other.raw:
                cells = self.raw[name] + other.raw[name]
                raw[name] = [cells[i] for i in order]
        times = self.updated_at + other.updated_at
        rejected_values: dict[str, dict[str, int]] = {}
        for table in (self, other):
            for column, reasons in table.rejected_values.items():
                counts = rejected_values.setdefault(column, {})
                for reason, n in reasons.items():
                    counts[reason] = counts.get(reason, 0) + n
        sanitised = dict(self.sanitised)
        for column, n in other.sanitised.items():
            sanitised[column] = sanitised.get(column, 0) + n
        regions = dict(self.region_sources)
        for how, n in other.region_sources.items():
            regions[how] = regions.get(how, 0) + n
        return PreparedTable(
            keys=[keys[i] for i in order],
            sources=sources,
            source_codes=np.array(
                [-1 if s is None else code_of[s] for s in sources], dtype=np.int32
            ),
            columns={
                name: np.concatenate([values, other.columns[name]])[index]
                for name, values in self.columns.items()
                if name in other.columns
            },
            raw=raw,
            updated_at=[times[i] for i in order],
            rejected_values=rejected_values,
            rejected=[*self.rejected, *other.rejected],
            fields={**self.fields, **other.fields},
            sanitised=sanitised,
            region_sources=regions,
        )

    def masked(self, cells: Mapping[str, npt.ArrayLike]) -> PreparedTable:
        """A copy in which the cells marked True (a boolean array per column) hold None,
        in that column and in every column derived from it (:func:`derived_from`), so
        that nothing compares or blocks on them. Raw cells stay as they were.

        >>> from goldenrecord import Schema
        >>> from goldenrecord.match import prepare
        >>> s = Schema(id="id", fields={"email": "email"})
        >>> t = prepare([{"id": 1, "email": "a.b@x.org"}], s)
        >>> m = t.masked({"email": [True]})
        >>> m.columns["email"].tolist(), t.columns["email"].tolist()
        ([None], ['a.b@x.org'])
        >>> all(m.columns[c][0] is None for c in derived_from("email", m.columns))
        True
        """
        columns = dict(self.columns)
        for column, marks in cells.items():
            if column not in self.columns:
                raise KeyError(f"no column {column!r} in the prepared table")
            hit = np.asarray(marks, dtype=bool)
            if hit.shape != (len(self.keys),):
                raise ValueError("a mask needs one flag per record")
            if not hit.any():
                continue
            for name in [column, *derived_from(column, self.columns)]:
                values = columns[name].copy()
                values[hit] = None
                columns[name] = values
        return attrs.evolve(self, columns=columns)


def take_rows(prepared: PreparedTable, rows: npt.NDArray[np.int64]) -> PreparedTable:
    """The records at ``rows`` (ascending indices), as a prepared table of their own
    (:meth:`PreparedTable.take`)."""
    return prepared.take(rows)
