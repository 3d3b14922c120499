"""Records between the store and the batch pipeline: raw rows, blocking-key hashes,
prepared tables joined and sliced, term-frequency adjustments from stored counts."""

from __future__ import annotations

import json
import math
import operator
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord._io import names_files
from goldenrecord._table import read_sources
from goldenrecord.errors import SettingsError
from goldenrecord.graph._limits import check_limits
from goldenrecord.match import record_key
from goldenrecord.match.model import Matcher, tf_adjustment
from goldenrecord.match.stages import (
    PLACE_COLUMN,
    PreparedTable,
    canonical_row,
    schema_columns,
    sources_sanitised,
)
from goldenrecord.normalize._common import as_text, is_missing
from goldenrecord.profile._time import parse_times
from goldenrecord.schema import Schema

__all__ = [
    "Incoming",
    "Rejection",
    "Stored",
    "check_columns",
    "concat",
    "confirmed_columns",
    "from_stored",
    "normalized_json",
    "normalized_jsons",
    "raw_rows",
    "schema_columns",
    "store_tf",
    "stored_table",
    "take",
    "tf_columns",
]


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    item = getattr(value, "item", None)  # NumPy scalars
    if callable(item):
        return _plain(item())
    if is_missing(value):  # pandas NA and NaT, numpy NaN
        return None
    isoformat = getattr(value, "isoformat", None)
    if callable(isoformat):
        return isoformat()
    return str(value)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_text(value: Any) -> tuple[Any, int]:
    """A JSON-ready cell with its lone surrogates (text that is not valid UTF-8, as
    ``surrogateescape`` decoding leaves) replaced by U+FFFD, and how many."""
    if isinstance(value, str) and not value.isascii():
        return _SURROGATE.subn("\ufffd", value)
    return value, 0


@attrs.frozen
class Rejection:
    """An input row not stored, and why (``missing_id``, ``duplicate_id``)."""

    table: str | None
    row: int
    reason: str
    record_key: str | None = None


@attrs.frozen
class Incoming:
    """Input rows by record key, and the source table each came from.

    Attributes:
        rows: record key → the schema's columns as JSON-ready values.
        tables: record key → the name of its table in a mapping of sources (None for
            one table); its key is then ``"name:id"``, as :func:`goldenrecord.resolve`
            keys it (see :func:`goldenrecord.match.record_key`).
        rejected: the rows left out, with the reason.
        surrogates: lone surrogates replaced by U+FFFD in the rows' text.
        missing_columns: the schema's fields that a table of the input lacks (their
            values are missing).
        ignored_columns: the input's columns that the schema does not read.
    """

    rows: dict[str, dict[str, Any]]
    tables: dict[str, str | None]
    rejected: list[Rejection] = attrs.field(factory=list)
    surrogates: int = 0
    missing_columns: tuple[str, ...] = ()
    ignored_columns: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.rows)

    def table(self, keys: Iterable[str]) -> object:
        """The rows of these keys as :func:`goldenrecord.resolve` and
        :func:`~goldenrecord.match.stages.prepare` take them (a list of rows, or a
        mapping of source name to rows)."""
        groups: dict[str | None, list[dict[str, Any]]] = {}
        for key in keys:
            groups.setdefault(self.tables[key], []).append(self.rows[key])
        if None in groups:
            return groups[None]  # one input is one table or a mapping, never both
        return groups


def raw_rows(data: object, schema: Schema) -> Incoming:
    """Input rows by record key, each holding the schema's columns as JSON-ready values
    (a column the input lacks is missing, None), text made valid UTF-8.

    Every row is kept or rejected with a reason: a row without an id is
    ``missing_id`` (as :func:`goldenrecord.resolve` rejects it); of rows that share a
    record key, one is kept whatever their order — the latest ``updated_at`` (missing
    or unreadable is oldest), then the row whose canonical JSON sorts first
    (:func:`goldenrecord.match.stages.canonical_row`, as :func:`goldenrecord.resolve`
    chooses) — and the others are ``duplicate_id``.

    ``data`` is what :func:`goldenrecord.resolve` takes: a DataFrame, an Arrow table,
    rows of dicts, a mapping of column to cells, the path of a CSV, Parquet or JSON
    Lines file, or a mapping of source name to any of those (keys ``"source:id"``, see
    :func:`goldenrecord.match.record_key`); or one row as a dict.

    The columns are checked against the schema (:func:`check_columns`): a table with
    none of the schema's fields, or with columns the schema does not know in place of
    fields it lacks, is refused; other partial tables are read, their missing fields
    and ignored columns counted.

    Raises:
        SettingsError: a table without the id column (its source named), a table whose
            columns do not fit the schema, an unreadable file.
    """
    if isinstance(data, Mapping) and schema.id in data:
        cell = data[schema.id]
        if not isinstance(cell, (list, tuple)) and not hasattr(cell, "__array__"):
            data = [data]  # one record
    if names_files(data):
        data = read_sources(data)
    keep = schema_columns(schema)
    seen: dict[str, list[tuple[dict[str, Any], str | None, int]]] = {}
    rejected: list[Rejection] = []
    inputs, sanitised = sources_sanitised(data, schema.id)
    surrogates = sum(sanitised.values())
    missing: set[str] = set()
    ignored: set[str] = set()
    for name, columns in inputs.items():
        where = f"source {name!r}: " if name is not None else ""
        if schema.id not in columns:
            raise SettingsError(f"{where}the records have no id column {schema.id!r}")
        lacking, unknown = check_columns(schema, columns, where)
        missing.update(lacking)
        ignored.update(unknown)
        n = len(columns[schema.id])
        if name is not None:
            name, k = _valid_text(name)
            surrogates += k
        for c in keep:
            if c not in columns:
                columns[c] = [None] * n
        for i in range(n):
            row = {}
            for c in keep:
                row[c], k = _valid_text(_plain(columns[c][i]))
                surrogates += k
            text = as_text(row[schema.id])
            if not isinstance(text, str):
                rejected.append(Rejection(name, i, "missing_id"))
                continue
            key = text if name is None else record_key(name, text)
            seen.setdefault(key, []).append((row, name, i))
    rows: dict[str, dict[str, Any]] = {}
    tables: dict[str, str | None] = {}
    for key, found in seen.items():
        if len(found) > 1:
            found = _latest_first(found, schema.updated_at)
            rejected.extend(Rejection(t, i, "duplicate_id", key) for _, t, i in found[1:])
        rows[key], tables[key], _ = found[0]
    return Incoming(
        rows, tables, rejected, surrogates, tuple(sorted(missing)), tuple(sorted(ignored))
    )


def check_columns(
    schema: Schema, given: Iterable[str], where: str = ""
) -> tuple[list[str], list[str]]:
    """The schema's fields a table lacks, and its columns the schema does not read.

    A table must hold at least one of the schema's fields; and a table that lacks some
    of them must not hold columns the schema does not know (they look like a field
    renamed or misspelt). A table holding every field may carry other columns (a truth
    label, an export's extras): they are ignored. Column names are not personal data:
    the error lists the expected and the given ones.

    Raises:
        SettingsError: none of the fields, or unknown columns in place of missing fields.

    >>> s = Schema(id="id", fields={"email": "email", "first": "given_name"})
    >>> check_columns(s, ["id", "email"])
    (['first'], [])
    >>> check_columns(s, ["id", "email", "first", "label"])
    ([], ['label'])
    >>> try:
    ...     check_columns(s, ["id", "fname"])
    ... except SettingsError as err:
    ...     print(str(err).split("; ")[1:])
    ['expected columns: id, email, first', 'given: id, fname']
    """
    names = [str(c) for c in given]
    known = set(schema_columns(schema))
    missing = [f for f in schema.fields if f not in names]
    unknown = [c for c in names if c not in known]
    problem = None
    if len(missing) == len(schema.fields):
        problem = "the input has none of the schema's fields"
    elif missing and unknown:
        problem = (
            f"the input has columns the schema does not know ({', '.join(unknown)}) and "
            f"lacks some of its fields ({', '.join(missing)}); rename the columns or "
            "drop the unknown ones"
        )
    if problem is not None:
        raise SettingsError(
            f"{where}{problem}; expected columns: {', '.join(schema_columns(schema))}; "
            f"given: {', '.join(names)}"
        )
    return missing, unknown


def _latest_first(
    found: list[tuple[dict[str, Any], str | None, int]], updated_at: str | None
) -> list[tuple[dict[str, Any], str | None, int]]:
    """Rows of one key, the one to keep first: latest ``updated_at``, then the
    canonical JSON that sorts first (an order that does not depend on the input's)."""
    times = (
        parse_times([row[updated_at] for row, _, _ in found]).micros.tolist()
        if updated_at is not None
        else [0] * len(found)
    )
    ranked = sorted(range(len(found)), key=lambda j: (-times[j], canonical_row(found[j][0])))
    return [found[j] for j in ranked]


def dumps(row: Mapping[str, Any]) -> str:
    """A row as compact JSON, the same text for the same values."""
    return json.dumps(row, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def confirmed_columns(limits: Mapping[str, int] | None, table: PreparedTable) -> list[str]:
    """The columns limited to one value per profile (as :func:`goldenrecord.resolve`
    reads ``limits``: a column's own entry, else its kind's)."""
    limit_of = check_limits(limits, table.columns)
    return [c for c in table.columns if limit_of.get(c, limit_of.get(table.fields.get(c, ""))) == 1]


def concat(a: PreparedTable, b: PreparedTable) -> PreparedTable:
    """Two prepared tables of different records as one, in record key order
    (:meth:`PreparedTable.concat`), without the input's counts: the store's tables
    are pools of records, not inputs."""
    return _pool(a.concat(b))


def take(table: PreparedTable, rows: Sequence[int]) -> PreparedTable:
    """The given rows (in ascending order, so still in key order) of a prepared table
    (:meth:`PreparedTable.take`), without the input's counts."""
    return _pool(table.take(rows))


def _pool(table: PreparedTable) -> PreparedTable:
    return attrs.evolve(table, rejected_values={}, rejected=[], sanitised={}, region_sources={})


def tf_columns(matcher: Matcher) -> list[tuple[int, str]]:
    """(comparison index, column) of the term-frequency adjusted comparisons."""
    return [(k, c.tf_column) for k, c in enumerate(matcher.comparisons_) if c.term_frequency]


def store_tf(
    matcher: Matcher,
    levels: npt.NDArray[np.int8],
    left: npt.NDArray[np.int64],
    columns: Mapping[str, npt.NDArray[Any]],
    counts: Mapping[str, Mapping[str, int]],
    totals: Mapping[str, int],
) -> npt.NDArray[np.float32]:
    """The term-frequency adjustments of scored pairs (pairs × comparisons), taken from
    the store's counts (the whole store) instead of the few records scored together."""
    adjust = np.zeros((left.shape[0], len(matcher.comparisons_)), dtype=np.float32)
    for k, column in tf_columns(matcher):
        exact = np.flatnonzero(levels[:, k] == 0)
        total = totals.get(column, 0)
        if exact.size == 0 or not total:
            continue
        values = columns[column][left[exact]].tolist()
        tf = np.array([max(counts[column].get(v, 1), 1) / total for v in values])
        adjust[exact, k] = tf_adjustment(float(matcher.u_random_[k][0]), tf)
    return adjust


def normalized_json(prepared: PreparedTable, i: int) -> str:
    """Every prepared column of one record (fields and derived keys) as JSON."""
    return dumps({c: v[i] for c, v in prepared.columns.items() if c != PLACE_COLUMN})


def normalized_jsons(prepared: PreparedTable) -> Iterator[str]:
    """:func:`normalized_json` of every record, in order (the columns read once)."""
    cells = {c: v.tolist() for c, v in prepared.columns.items() if c != PLACE_COLUMN}
    for i in range(len(prepared)):
        yield dumps({c: v[i] for c, v in cells.items()})


Stored = tuple[str, str | None, dict[str, Any], dict[str, Any], str | None]
"""A stored record: key, source, raw and normalized columns (decoded JSON: a list cell
is a tuple in the table), update time."""


def _transposed(docs: Sequence[dict[str, Any]]) -> dict[str, Sequence[Any]]:
    """Per name, the cells of the documents (None where one lacks it). Documents written
    by one schema hold the same names: they are transposed at once."""
    first = list(docs[0])
    n = len(first)
    if n > 1 and all(len(doc) == n for doc in docs):
        try:  # the cells in the first document's order (a name one lacks: KeyError)
            cells = list(map(operator.itemgetter(*first), docs))
        except KeyError:
            pass
        else:
            return dict(zip(first, zip(*cells, strict=True), strict=True))
    names = list(dict.fromkeys(c for doc in docs for c in doc))
    return {c: tuple(doc.get(c) for doc in docs) for c in names}


def _object_columns(cells_of: Mapping[str, Sequence[Any]], n: int) -> dict[str, npt.NDArray[Any]]:
    """Decoded normalized cells as the object arrays of a prepared table (a list cell,
    as JSON gives it back, becomes the tuple :func:`~goldenrecord.match.prepare` gives)."""
    columns = {}
    for c, values in cells_of.items():
        cells = np.empty(n, dtype=object)
        cells[:] = [tuple(v) if type(v) is list else v for v in values]
        columns[c] = cells
    return columns


def _raw_columns(raws: Sequence[dict[str, Any]], names: list[str]) -> dict[str, list[Any]]:
    """The raw columns of stored rows (a column a row lacks is missing there)."""
    if not raws:
        return {c: [] for c in names}
    cells_of = _transposed(raws)
    missing = (None,) * len(raws)
    return {c: list(cells_of.get(c, missing)) for c in names}


def from_stored(schema: Schema, items: Sequence[Stored]) -> PreparedTable:
    """The prepared table of stored records, from their raw and normalized columns
    (decoded JSON), without normalizing again; ``items`` are (record key, source, raw,
    normalized, stored update time). Without an ``updated_at`` column in the schema,
    a record's update time is the time of the ingest that last wrote it."""
    ordered = sorted(items, key=lambda item: item[0])
    return stored_table(
        schema,
        [item[0] for item in ordered],
        [item[1] for item in ordered],
        [item[2] for item in ordered],
        _transposed([item[3] for item in ordered]) if ordered else {},
        [item[4] for item in ordered],
    )


def stored_table(
    schema: Schema,
    keys: list[str],
    sources: list[str | None],
    raws: Sequence[dict[str, Any]],
    normalized: Mapping[str, Sequence[Any]],
    stamps: Sequence[str | None],
) -> PreparedTable:
    """:func:`from_stored` of records in key order given as columns: their keys,
    sources, raw rows, normalized cells by column (decoded JSON) and stored update
    times (read when the schema has no ``updated_at`` column)."""
    raw_columns = list(dict.fromkeys([*schema.fields, *schema.consent.values()]))
    code_of = {s: i for i, s in enumerate(sorted({s for s in sources if s is not None}))}
    return PreparedTable(
        keys=keys,
        sources=sources,
        source_codes=np.array([-1 if s is None else code_of[s] for s in sources], dtype=np.int32),
        columns=_object_columns(normalized, len(keys)),
        raw=_raw_columns(raws, raw_columns),
        updated_at=(
            [row.get(schema.updated_at) for row in raws] if schema.updated_at else list(stamps)
        ),
        rejected_values={},
        rejected=[],
        fields=dict(schema.fields),
    )
