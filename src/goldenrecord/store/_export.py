"""The identity store's golden table out: profiles, lineage and clusters, streamed.

An export reads the store through a read-only connection of its own, in one read
transaction: a snapshot of the store when the export began, whatever ingests other
connections (or the store object itself) make meanwhile; the write-ahead log cannot
be truncated while an export runs (a :meth:`~goldenrecord.IdentityStore.forget` waits
for it, up to its timeout).

Records are read in the order of the profile index, a few thousand at a time, cut at
profile boundaries, and each batch becomes golden profiles with
:func:`goldenrecord.profile.build_profiles` as :meth:`~goldenrecord.IdentityStore.profile`
builds one: memory holds one batch, never the store. Each batch's columns are those
of :class:`goldenrecord.Resolution`'s exports, made by the same functions
(:func:`goldenrecord.profile._export.profile_columns` and the lineage columns of
:meth:`goldenrecord.Resolution.write`), so a store and a resolution of the same records
write the same columns.
"""

from __future__ import annotations

import csv
import json
import operator
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from goldenrecord._io_formats import _open_text, file_format, require
from goldenrecord._io_write import _csv_cell, _json_default, arrow_table
from goldenrecord._resolution import _lineage_columns
from goldenrecord.errors import SettingsError
from goldenrecord.profile import Profile, ProfileList, ProfileView, build_profiles
from goldenrecord.profile._export import LINEAGE_COLUMNS, profile_columns
from goldenrecord.schema import Schema
from goldenrecord.store._rows import from_stored, stored_table
from goldenrecord.store._sql import raising_store_errors

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BATCH_RECORDS",
    "EXPORTS",
    "Export",
    "check_export",
]

EXPORTS: tuple[str, ...] = ("profiles", "lineage", "clusters")
"""What a store exports (a resolution's ``"pairs"`` has no counterpart: the store keeps
only the pairs at or above the threshold)."""

BATCH_RECORDS = 5_000
"""Records read and built into profiles at a time: each fetch of this many rows is cut
at its last profile boundary, so a batch holds whole profiles (about this many records,
or one profile that has more)."""

_KEY = operator.itemgetter(1)  # a stored row's record key

_ROW_GROUP = 100_000  # Parquet rows per row group (batches are gathered up to this)


def check_export(schema: Schema, what: str, purpose: str | None) -> None:
    """Refuse an unknown ``what`` or purpose, and a purpose with what is not profiles,
    as :meth:`goldenrecord.Resolution.write` refuses them."""
    if what not in EXPORTS:
        raise SettingsError(f"unknown what={what!r}; choose one of {', '.join(EXPORTS)}")
    if purpose is None:
        return
    if purpose not in schema.consent:
        known = ", ".join(schema.consent) or "none in the schema"
        raise SettingsError(f"unknown purpose {purpose!r}; consent purposes: {known}")
    if what != "profiles":
        raise SettingsError(f"purpose applies to what='profiles', not what={what!r}")


@attrs.frozen
class Export:
    """One export of a store file: what to read and how (see the module docstring).

    Attributes:
        path: the store file.
        schema: the store's schema.
        timeout: seconds to wait for a lock (an exclusive one only: readers and a
            writer do not wait for each other).
    """

    path: str
    schema: Schema
    timeout: float

    @contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read-only connection in one read transaction, closed on exit."""
        uri = Path(self.path).resolve().as_uri() + "?mode=ro"
        with raising_store_errors():
            conn = sqlite3.connect(
                uri, uri=True, timeout=self.timeout, isolation_level=None, check_same_thread=False
            )
            try:
                conn.execute("PRAGMA mmap_size=268435456")  # pages read without a copy
                conn.execute("BEGIN")
                yield conn
            finally:
                conn.close()  # ends the read transaction

    def batches(self) -> Iterator[ProfileList]:
        """The golden profiles, a batch of whole profiles at a time, in profile id order."""
        fields = list(self.schema.fields)
        # the normalized field columns only (not the derived keys), picked out by SQLite
        # as one JSON array when the names allow a JSON path (two paths at least: with
        # one, json_extract gives the value itself)
        paths = [f'$."{c}"' for c in fields] * (2 if len(fields) == 1 else 1)
        picked = bool(fields) and all('"' not in c and "\\" not in c for c in fields)
        wanted = (
            f"json_extract(normalized, {', '.join('?' * len(paths))})" if picked else "normalized"
        )
        with self._snapshot() as conn:
            cursor = conn.execute(
                f"SELECT profile_id, record_key, source, raw, {wanted}, updated_at FROM records "
                "ORDER BY profile_id",
                paths if picked else (),
            )
            carried: list[Any] = []  # rows of a profile that may go on in the next fetch
            while True:
                rows = cursor.fetchmany(BATCH_RECORDS)
                if len(rows) < BATCH_RECORDS:  # the last rows
                    if carried or rows:
                        yield self._build(carried + rows, fields, picked)
                    return
                cut = len(rows) - 1  # where the last profile of these rows begins
                while cut > 0 and rows[cut - 1][0] == rows[-1][0]:
                    cut -= 1
                if cut == 0 and (not carried or carried[0][0] == rows[0][0]):
                    carried += rows  # one profile goes on past these rows
                    continue
                yield self._build(carried + rows[:cut], fields, picked)
                carried = rows[cut:]

    def _build(self, rows: list[Any], fields: list[str], picked: bool) -> ProfileList:
        """The profiles of stored rows (profile id, key, source, raw, normalized fields,
        update time) holding whole profiles, as the store builds one
        (:meth:`~goldenrecord.IdentityStore.profile`), under their stored ids."""
        if picked:  # the field values in order (twice over for one field)
            rows.sort(key=_KEY)  # in key order, as from_stored orders records
            keys = [r[1] for r in rows]
            # one JSON text per batch: a parse per record costs more than its values
            raws = json.loads("[" + ",".join([r[3] for r in rows]) + "]")
            values = json.loads("[" + ",".join([r[4] for r in rows]) + "]")
            columns = dict(zip(fields, zip(*values, strict=True), strict=False))
            sources = [r[2] for r in rows]
            table = stored_table(self.schema, keys, sources, raws, columns, [r[5] for r in rows])
        else:
            loads = json.loads
            items = [
                (r[1], r[2], loads(r[3]), {c: doc.get(c) for c in fields}, r[5])
                for r, doc in ((r, loads(r[4])) for r in rows)
            ]
            table = from_stored(self.schema, items)  # in key order
        pid_of = {r[1]: r[0] for r in rows}
        names = {pid: k for k, pid in enumerate(dict.fromkeys(r[0] for r in rows))}
        labels = np.array([names[pid_of[key]] for key in table.keys], dtype=np.int64)
        built = build_profiles(table, labels, consent_columns=self.schema.consent)
        out = [
            Profile(pid_of[p.record_ids[0]], p.record_ids, p.attributes, p.consents) for p in built
        ]
        return ProfileList(sorted(out, key=lambda p: p.profile_id))

    def profiles(self) -> Iterator[Profile]:
        """Every profile, one batch in memory at a time."""
        for batch in self.batches():
            yield from batch

    def views(self, purpose: str) -> Iterator[ProfileView]:
        """Every profile's view for ``purpose``, one batch in memory at a time."""
        for batch in self.batches():
            yield from (p.view(purpose) for p in batch)

    def columns(self, what: str, purpose: str | None) -> Iterator[dict[str, list[Any]]]:
        """The export's columns, one batch at a time (none for an empty store)."""
        if what == "clusters":
            with self._snapshot() as conn:
                cursor = conn.execute(
                    "SELECT record_key, profile_id, source FROM records ORDER BY record_key"
                )
                while rows := cursor.fetchmany(BATCH_RECORDS):
                    keys, pids, sources = (list(c) for c in zip(*rows, strict=True))
                    yield {"record_id": keys, "cluster_id": pids, "source": sources}
            return
        for batch in self.batches():
            if what == "profiles":
                yield profile_columns(batch, purpose=purpose)
            else:
                yield _lineage_columns(batch)

    def names(self, what: str) -> list[str]:
        """The export's column names, as a store with records writes them."""
        if what == "clusters":
            return ["record_id", "cluster_id", "source"]
        if what == "lineage":
            return list(LINEAGE_COLUMNS)
        return [
            "profile_id",
            "n_records",
            *self.schema.fields,
            *(f"consent_{name}" for name in self.schema.consent),
        ]

    def empty(self, what: str, purpose: str | None) -> dict[str, list[Any]]:
        """The export's columns, without rows."""
        return {name: [] for name in self.names(what)}

    def gathered(self, what: str, purpose: str | None) -> dict[str, list[Any]]:
        """Every batch's columns joined (the whole table, for a frame)."""
        data = self.empty(what, purpose)
        for columns in self.columns(what, purpose):
            for name, values in columns.items():
                data[name].extend(values)
        return data

    def to_pandas(self, what: str, purpose: str | None) -> pd.DataFrame:
        """The export as one pandas DataFrame, with the dtypes of the resolution's
        frames (:func:`~goldenrecord.profile.profiles_frame`,
        :func:`~goldenrecord.profile.lineage_frame`, ``clusters_frame``)."""
        pandas = require("pandas", "a pandas DataFrame")
        data: dict[str, Any] = self.gathered(what, purpose)
        if what == "profiles":
            data["n_records"] = np.array(data["n_records"], dtype=np.int64)
        frame: pd.DataFrame = pandas.DataFrame(data)
        if what == "lineage":
            for name in ("first_seen", "last_seen"):
                frame[name] = pandas.to_datetime(frame[name], utc=True)
            for name in ("chosen", "validated"):
                frame[name] = frame[name].astype(bool)
        return frame

    def to_arrow(self, what: str, purpose: str | None) -> Any:
        """The export as one ``pyarrow.Table``: each batch made as
        :func:`goldenrecord._io.arrow_table` makes a resolution's, then given one type
        per column (see :func:`_common_types`)."""
        pa = require("pyarrow", "Arrow export")
        tables = [arrow_table(c) for c in self.columns(what, purpose)]
        if not tables:
            return arrow_table(self.empty(what, purpose))
        types = _common_types(tables)
        return pa.concat_tables([_cast(t, types) for t in tables])

    def write(self, path: str | os.PathLike[str], what: str, purpose: str | None) -> int:
        """Write the export to a CSV, Parquet or JSON Lines file, batch by batch,
        beside the target under a temporary name, renamed into place when complete;
        return the rows written."""
        target = Path(path)
        kind, compression = file_format(target)
        if not target.parent.is_dir():
            raise SettingsError(f"cannot write {target.name!r}: no such folder")
        if _same_file(target, Path(self.path)) or any(
            _same_file(target, Path(self.path + s)) for s in ("-wal", "-shm", ".key")
        ):
            raise SettingsError("cannot write the export over the identity store's own files")
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            if kind == "parquet":
                rows = self._write_parquet(temporary, what, purpose)
            else:
                with _open_text(temporary, compression, "w") as stream:
                    rows = self._write_text(stream, kind, what, purpose)
            os.replace(temporary, target)
        finally:
            if temporary.exists():
                temporary.unlink()
        return rows

    def _write_text(self, stream: Any, kind: str, what: str, purpose: str | None) -> int:
        rows = 0
        names = self.names(what)
        writer = csv.writer(stream, lineterminator="\n")
        if kind == "csv":
            writer.writerow(names)
        for columns in self.columns(what, purpose):
            for row in zip(*columns.values(), strict=True):
                if kind == "csv":  # plain text as is: most cells, and the cost of the rest
                    writer.writerow(
                        [
                            ""
                            if v is None
                            else v
                            if type(v) is str and v.isascii()
                            else _csv_cell(v)
                            for v in row
                        ]
                    )
                else:
                    doc = dict(zip(columns, row, strict=True))
                    stream.write(json.dumps(doc, ensure_ascii=False, default=_json_default))
                    stream.write("\n")
                rows += 1
        return rows

    def _write_parquet(self, temporary: Path, what: str, purpose: str | None) -> int:
        """Parquet in row groups of gathered batches, typed by the first; when a later
        batch needs a wider type (text after numbers, values after a column of none),
        the file is written again from the start with it."""
        pq = require("pyarrow.parquet", "writing Parquet")
        hints: dict[str, Any] = {}
        while True:
            file = _ParquetFile(pq, temporary, hints)
            try:
                pending: list[Any] = []
                for columns in self.columns(what, purpose):
                    pending.append(arrow_table(columns))
                    if sum(t.num_rows for t in pending) >= _ROW_GROUP:
                        file.put(pending)
                        pending = []
                if pending or file.rows == 0:
                    file.put(pending or [arrow_table(self.empty(what, purpose))])
            except _NarrowTypesError as wider:
                hints.update(wider.types)
                continue
            finally:
                file.close()
            return file.rows


class _NarrowTypesError(Exception):
    """A batch needs wider column types than the file was begun with."""

    def __init__(self, types: dict[str, Any]) -> None:
        super().__init__("wider column types")
        self.types = types


class _ParquetFile:
    """A Parquet file written a row group at a time, its column types fixed by the
    first (or by ``hints``, the types a previous attempt found too narrow)."""

    def __init__(self, pq: Any, path: Path, hints: dict[str, Any]) -> None:
        self._pq, self._path, self._hints = pq, path, hints
        self._writer: Any = None
        self._blank: set[str] = set()  # columns without a value so far
        self.rows = 0

    def put(self, tables: list[Any]) -> None:
        """Write tables (of one export's columns) as one row group.

        Raises:
            _NarrowTypesError: their values need a wider type than the file's.
        """
        found = {
            name: _merge(self._hints.get(name), *(_value_type(t, name) for t in tables))
            for name in tables[0].column_names
        }
        if self._writer is None:
            pa = require("pyarrow", "writing Parquet")
            self._blank = {n for n, t in found.items() if t is None}
            schema = pa.schema([(n, pa.string() if t is None else t) for n, t in found.items()])
            self._writer = self._pq.ParquetWriter(self._path, schema)
        schema = self._writer.schema
        for name, t in found.items():
            had = schema.field(name).type
            if t is None:
                continue
            wider = t if name in self._blank else _merge(had, t)
            if wider != had:
                raise _NarrowTypesError({name: wider})
            self._blank.discard(name)
        types = {name: schema.field(name).type for name in found}
        for t in tables:
            self._writer.write_table(_cast(t, types))
            self.rows += t.num_rows

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None


def _value_type(table: Any, name: str) -> Any:
    """A column's type, or None when it holds no value (typed as text by default)."""
    column = table.column(name)
    return None if column.null_count == len(column) else column.type


def _merge(*types: Any) -> Any:
    """One type for values of these types (None: no value): the type they share,
    numbers of two kinds as floats, anything else mixed as text, as
    :func:`goldenrecord._io.arrow_table` types a column of mixed values."""
    pa = require("pyarrow", "Arrow export")
    seen = {t for t in types if t is not None}
    if len(seen) <= 1:
        return next(iter(seen), None)
    if all(pa.types.is_integer(t) or pa.types.is_floating(t) for t in seen):
        return pa.float64()
    return pa.string()


def _common_types(tables: Sequence[Any]) -> dict[str, Any]:
    """One type per column over batches typed on their own (see :func:`_merge`); a
    column without any value keeps the first batch's type."""
    return {
        name: _merge(*(_value_type(t, name) for t in tables)) or tables[0].schema.field(name).type
        for name in tables[0].column_names
    }


def _cast(table: Any, types: dict[str, Any]) -> Any:
    """The table with these column types: values cast, or, for text, written as
    :func:`goldenrecord._io.arrow_table` writes the values of a mixed column."""
    pa = require("pyarrow", "Arrow export")
    for name, t in types.items():
        k = table.schema.get_field_index(name)
        column = table.column(k)
        if column.type == t:
            continue
        if pa.types.is_string(t) and column.null_count < len(column):
            cells = [None if v is None else _csv_cell(v) for v in column.to_pylist()]
            array = pa.chunked_array([pa.array(cells, pa.string())])
        else:
            array = column.cast(t)
        table = table.set_column(k, pa.field(name, t), array)
    return table


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (resolved alike, or hard links of one)."""
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist: not the same file
        return False
