"""``encode``: a customer table to a table of keyed hashes and hardened Bloom filters.

Each field column is normalized the way :func:`goldenrecord.resolve` normalizes it
(names through the cross-script name key, so that ``محمد`` and ``Mohammed`` give one
value), then encoded: exact kinds (email, phone, identifier, date, postcode, country,
region, text) as ``HMAC-SHA256`` under a key derived from the secret and the kind;
names, addresses and cities as hardened Bloom filters (:mod:`._bloom`). The record
id, the source, the update time and the consent columns are kept as they are; no
other column is.

Every encoded value starts with a tag, a digest of the key id and the parameters
(never of the secret): tables encoded with different key ids or parameters refuse to
be matched (:class:`EncodingMismatchError`), while two secrets that differ under one key
id simply never agree.
"""

from __future__ import annotations

import hashlib
import json
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain
from typing import Any, Final

import attrs

from goldenrecord._table import to_columns
from goldenrecord.errors import SettingsError
from goldenrecord.normalize._column import ColumnMemo, ColumnResult
from goldenrecord.normalize._date_order import date_order
from goldenrecord.pprl._bloom import BloomEncoder, BloomParams
from goldenrecord.pprl._keys import SCHEME, KeyedHash, derive_key
from goldenrecord.pprl._pool import column_groups, cores, encode_chunks
from goldenrecord.schema import Schema

__all__ = ["BLOOM_KINDS", "METADATA_KEY", "Encoded", "encode", "iter_encode", "tag_of"]

BLOOM_KINDS: Final = frozenset({"given_name", "family_name", "full_name", "address", "city"})
"""Kinds encoded as Bloom filters by default (``names="bloom"``): compared fuzzily."""
METADATA_KEY: Final = "goldenrecord.pprl"
"""The key of the parameters in Arrow schema metadata and in ``DataFrame.attrs``."""
CHUNK_ROWS: Final = 50_000
"""Rows encoded at a time (the date order of a column is read from its first chunk)."""
WORKER_ROWS: Final = 25_000
"""Rows sent to a worker process at a time (``workers > 1``): few parts to send, collect."""
_TEXT_KINDS: Final = {"given_name": "name_key", "family_name": "name_key", "full_name": "name_key"}


def tag_of(kind: str, params: Mapping[str, Any]) -> str:
    """The 8-hex-digit tag of an encoded kind under these parameters (no secret in it).

    >>> tag_of("hmac", {"key_id": None}), tag_of("hmac", {"key_id": "2026-q4"})
    ('f5c75cca', '5ea83f20')
    """
    doc = json.dumps({"scheme": SCHEME, "kind": kind, **params}, sort_keys=True)
    return hashlib.sha256(doc.encode()).hexdigest()[:8]


@attrs.frozen(repr=False)
class Encoded:
    """An encoded table and the schema to match it with.

    Attributes:
        table: the record id, source, update time and consent columns as given, and
            each field column encoded (a pyarrow Table, or a pandas DataFrame for a
            pandas input); the parameters are in its metadata under
            :data:`METADATA_KEY`.
        schema: the same columns, with field kinds ``hmac`` and ``bloom``.
        params: key id, Bloom parameters, salt and the kind each column came from.
    """

    table: Any
    schema: Schema
    params: Mapping[str, Any]

    def __repr__(self) -> str:
        kinds = ", ".join(f"{c}: {k}" for c, k in self.schema.fields.items())
        return f"Encoded(rows={_rows(self.table)}, key_id={self.params['key_id']!r}, {kinds})"


def _rows(table: Any) -> int:
    return int(getattr(table, "num_rows", None) or len(table))


def _salt_column(schema: Schema, salt: str | None) -> str | None:
    if salt == "auto":
        dates = schema.columns_of("date")
        return dates[0] if dates else None
    if salt is not None and salt not in schema.fields:
        raise SettingsError(
            f"salt {salt!r} is not a field of the schema; choose 'auto', None or one of "
            f"{', '.join(schema.fields)}"
        )
    return salt


def _plan(schema: Schema, names: str, exact: str) -> dict[str, str]:
    if names not in ("bloom", "hmac"):
        raise SettingsError(f"names must be 'bloom' or 'hmac', got {names!r}")
    if exact != "hmac":
        raise SettingsError(f"exact must be 'hmac', got {exact!r}")
    return {
        c: "bloom" if k in BLOOM_KINDS and names == "bloom" else "hmac"
        for c, k in schema.fields.items()
    }


class _Encoder:
    """The keys, memos and column plan of one encoding run (shared by its chunks)."""

    def __init__(
        self,
        schema: Schema,
        secret: str | bytes,
        key_id: str | None,
        names: str,
        exact: str,
        bloom: BloomParams,
        salt: str | None,
    ) -> None:
        self.settings = {
            "schema": schema,
            "secret": secret,
            "key_id": key_id,
            "names": names,
            "exact": exact,
            "bloom": bloom,
            "salt": salt,
        }
        self.schema = schema
        self.plan = _plan(schema, names, exact)
        self.salt = _salt_column(schema, salt)
        self.bloom = bloom
        self.params: dict[str, Any] = {
            "scheme": SCHEME,
            "key_id": key_id,
            "bloom": bloom.to_dict(),
            "salt": None if self.salt is None else schema.fields[self.salt],
            "kinds": dict(schema.fields),
        }
        self.tags = {
            "hmac": tag_of("hmac", {"key_id": key_id}),
            "bloom": tag_of(
                "bloom", {"key_id": key_id, **bloom.to_dict(), "salt": self.params["salt"]}
            ),
        }
        self.keys = {
            c: KeyedHash(derive_key(secret, f"hmac:{schema.fields[c]}"))
            for c, e in self.plan.items()
            if e == "hmac"
        }
        self.blooms = {
            c: BloomEncoder(derive_key(secret, f"bloom:{schema.fields[c]}"), bloom)
            for c, e in self.plan.items()
            if e == "bloom"
        }
        self.memo: dict[str, dict[str, str]] = {}  # kind -> value -> encoded
        self.columns = ColumnMemo()
        self.chunks = 0
        self.dayfirst: dict[str, bool | None] = {}
        self.meta = {METADATA_KEY: json.dumps(self.params, sort_keys=True)}
        self.out_schema = Schema(
            id=schema.id,
            source=schema.source,
            updated_at=schema.updated_at,
            fields=self.plan,
            consent=schema.consent,
        )

    def settle(self, columns: Mapping[str, list[Any]]) -> dict[str, bool | None]:
        """The order of day and month of each date column, read from its first chunk
        and then kept for the run (a value never depends on which chunk it is in)."""
        for col in self.schema.columns_of("date"):
            if col not in self.dayfirst:
                self.dayfirst[col] = date_order(list(columns[col]))
        return dict(self.dayfirst)

    def batch(self, columns: Mapping[str, list[Any]]) -> Any:
        """One chunk encoded, as a ``pyarrow.RecordBatch`` carrying the parameters."""
        import pyarrow as pa  # type: ignore[import-untyped]

        out = self.chunk(columns)
        arrays = {
            k: pa.array(v, type=pa.string()) if k in self.plan else pa.array(v)
            for k, v in out.items()
        }
        return pa.RecordBatch.from_pydict(arrays, metadata=self.meta)

    def normalized(self, col: str, cells: list[Any], regions: list[str | None]) -> list[str | None]:
        kind = self.schema.fields[col]
        if kind == "date":
            if col not in self.dayfirst:
                self.dayfirst[col] = date_order(cells)
            order = self.dayfirst[col]
            res = self.memo_column(cells, "date", dayfirst=True if order is None else order)
            return [None if v is None else v.isoformat() for v in res.values]
        if kind == "phone":
            return self.memo_column(cells, "phone", region=regions).values
        if kind == "postcode":
            return self.memo_column(cells, "postcode", country=regions).values
        if self.plan[col] == "bloom" and kind in ("given_name", "family_name", "full_name", "city"):
            return self.memo_column(cells, "name_key").values
        return self.memo_column(cells, _TEXT_KINDS.get(kind, kind)).values

    def memo_column(self, cells: list[Any], kind: str, **options: Any) -> ColumnResult:
        """``normalize.column``, sharing work between the columns and chunks of a run."""
        return self.columns.column(cells, kind, **options)

    def chunk(self, columns: Mapping[str, list[Any]]) -> dict[str, list[Any]]:
        """One chunk: the kept columns as they are, then the fields encoded."""
        return {**self.kept(columns), **self.fields(columns, len(columns[self.schema.id]))}

    def kept(self, columns: Mapping[str, list[Any]]) -> dict[str, list[Any]]:
        """The record id, source, update time and consent columns, as they are."""
        names = [
            self.schema.id,
            self.schema.source,
            self.schema.updated_at,
            *self.schema.consent.values(),
        ]
        return {name: list(columns[name]) for name in names if name is not None}

    def fields(
        self, columns: Mapping[str, list[Any]], n: int, only: Sequence[str] | None = None
    ) -> dict[str, list[Any]]:
        """The field columns of ``n`` rows (``only`` these when given), encoded.

        ``columns`` holds those fields and the columns they read: the country
        columns (each record's region) and the salt column."""
        self.chunks += 1
        if self.chunks % 20 == 0:  # the memo stays bounded on long streams
            self.columns = ColumnMemo()
        plan = self.plan if only is None else {c: self.plan[c] for c in only}
        out: dict[str, list[Any]] = {}
        regions: list[str | None] = [self.schema.default_region] * n
        for country in self.schema.columns_of("country"):  # the record's own country first
            own = self.memo_column(list(columns[country]), "country").values
            regions = [c or r for c, r in zip(own, regions, strict=True)]
        values = {c: self.normalized(c, list(columns[c]), regions) for c in plan}
        salts = [""] * n
        if self.salt is not None and "bloom" in plan.values():
            if self.salt not in values:
                values[self.salt] = self.normalized(self.salt, list(columns[self.salt]), regions)
            salts = [
                v[:4] if v is not None and self.schema.fields[self.salt] == "date" else (v or "")
                for v in values[self.salt]
            ]
        for c, how in plan.items():
            if how == "hmac":
                out[c] = self._hmac(c, values[c])
            else:
                tag = self.tags["bloom"] + "."
                encoded = self.blooms[c].encode(values[c], salts)
                out[c] = [None if v is None else tag + v for v in encoded]
        return out

    def field_batch(
        self, columns: Mapping[str, list[Any]], n: int, only: Sequence[str] | None = None
    ) -> Any:
        """The encoded field columns of ``n`` rows, as a ``pyarrow.RecordBatch``."""
        import pyarrow as pa

        out = self.fields(columns, n, only)
        return pa.RecordBatch.from_pydict(
            {k: pa.array(v, type=pa.string()) for k, v in out.items()}
        )

    def assemble(self, kept: Mapping[str, list[Any]], parts: list[Any]) -> Any:
        """One chunk's record batch: its kept columns and its fields, encoded in parts."""
        import pyarrow as pa

        arrays = {k: pa.array(v) for k, v in kept.items()}
        for c in self.plan:
            arrays[c] = pa.concat_arrays([part[c] for part in parts])
        return pa.RecordBatch.from_pydict(arrays, metadata=self.meta)

    def _hmac(self, col: str, values: list[str | None]) -> list[str | None]:
        tag = self.tags["hmac"] + "."
        memo = self.memo.setdefault(self.schema.fields[col], {})
        fresh = [v for v in dict.fromkeys(values) if v is not None and v not in memo]
        digests = self.keys[col].digests(v.encode() for v in fresh)
        for value, digest in zip(fresh, digests, strict=True):
            memo[value] = tag + digest.hex()
        out = [None if v is None else memo[v] for v in values]
        if sum(map(len, self.memo.values())) > 1_000_000:  # memory stays bounded
            self.memo.clear()
        return out


def _chunks(table: object, rows: int) -> Iterator[dict[str, list[Any]]]:
    """The table in chunks of ``rows`` rows, as columns of Python values."""
    if hasattr(table, "slice") and hasattr(table, "num_rows"):  # pyarrow
        for start in range(0, max(int(table.num_rows), 1), rows):
            yield to_columns(table.slice(start, rows))
        return
    if hasattr(table, "iloc"):  # pandas
        for start in range(0, max(len(table), 1), rows):  # type: ignore[arg-type]
            yield to_columns(table.iloc[start : start + rows])
        return
    columns = to_columns(table)
    n = len(next(iter(columns.values()), []))
    for start in range(0, max(n, 1), rows):
        yield {k: list(v[start : start + rows]) for k, v in columns.items()}


def iter_encode(
    batches: Iterable[object],
    schema: Schema,
    secret: str | bytes,
    *,
    key_id: str | None = None,
    names: str = "bloom",
    exact: str = "hmac",
    bloom: BloomParams | None = None,
    salt: str | None = "auto",
    workers: int = 1,
) -> Iterator[Any]:
    """Encode a stream of tables (record batches, DataFrame chunks) one at a time.

    Memory is bounded by a few chunks: yields ``pyarrow.RecordBatch`` es in input
    order (at most :data:`CHUNK_ROWS` rows each, :data:`WORKER_ROWS` with workers),
    each carrying the parameters in its schema metadata. Options as in
    :func:`encode`.
    """
    run = _Encoder(schema, secret, key_id, names, exact, bloom or BloomParams(), salt)
    processes = _workers(workers)
    chunks = _checked_chunks(batches, schema)
    if processes == 1:
        for columns in chunks:
            run.settle(columns)
            yield run.batch(columns)
        return
    first = next(chunks, None)
    if first is None:
        return
    dayfirst = run.settle(first)  # fixed before any worker starts
    waiting: deque[tuple[dict[str, list[Any]], int]] = deque()  # kept columns, parts

    extra = [*schema.columns_of("country"), *([] if run.salt is None else [run.salt])]
    read = [*run.plan, *extra]  # the fields and the columns they read

    def parts() -> Iterator[tuple[dict[str, list[Any]], int]]:
        for columns in chain([first], chunks):
            n = len(columns[schema.id])
            fields = {c: columns[c] for c in dict.fromkeys(read)}
            starts = range(0, max(n, 1), WORKER_ROWS)
            waiting.append((run.kept(columns), len(starts)))
            for start in starts:
                part = {c: v[start : start + WORKER_ROWS] for c, v in fields.items()}
                yield part, min(WORKER_ROWS, n - start) if n else 0

    groups = [
        (fields, list(dict.fromkeys([*fields, *extra])))
        for fields in column_groups(schema, run.plan, processes)
    ]
    done: list[Any] = []
    for encoded in encode_chunks(parts(), _Encoder, run.settings, dayfirst, groups):
        done.append(encoded)
        kept, count = waiting[0]
        if len(done) == count:
            waiting.popleft()
            yield run.assemble(kept, done)
            done = []


def _workers(workers: int) -> int:
    if not isinstance(workers, int) or isinstance(workers, bool) or (workers < 1 and workers != -1):
        raise SettingsError(f"workers must be a positive number or -1 (all cores), got {workers!r}")
    return cores() if workers == -1 else workers


def _checked_chunks(batches: Iterable[object], schema: Schema) -> Iterator[dict[str, list[Any]]]:
    for batch in batches:
        for columns in _chunks(batch, CHUNK_ROWS):
            schema.check_columns(columns)
            yield columns


def encode(
    table: object,
    schema: Schema,
    secret: str | bytes,
    *,
    key_id: str | None = None,
    names: str = "bloom",
    exact: str = "hmac",
    bloom: BloomParams | None = None,
    salt: str | None = "auto",
    workers: int = 1,
) -> Encoded:
    """Encode a customer table so that it can be linked without sharing personal data.

    Args:
        table: a pandas, polars or pyarrow table, a mapping of columns or rows.
        schema: its schema (which columns hold which kind).
        secret: the secret shared by the parties (at least 16 bytes), never sent.
        key_id: a label of the secret (``"2026-q4"``), carried by every value's tag:
            tables of different key ids refuse to be matched.
        names: ``"bloom"`` (names, addresses and cities as Bloom filters, compared
            fuzzily) or ``"hmac"`` (as keyed hashes, compared exactly).
        exact: ``"hmac"``: the other kinds as keyed hashes.
        bloom: the Bloom filter parameters (:class:`BloomParams`).
        salt: the field whose value salts every Bloom filter of a record (a date
            salts with its year); ``"auto"``: the first date field, if any; None: no
            salt.
        workers: processes sharing out the field columns of every chunk (``-1``:
            one per core; at most one per field column). The values do not depend on
            it; starting workers costs about a second, so it pays from some tens of
            thousands of rows.

    Returns:
        :class:`Encoded`: a pandas DataFrame for a pandas input, else a pyarrow Table.

    Raises:
        SettingsError: a short secret, an unknown option, a schema column missing.

    >>> import goldenrecord as gr
    >>> s = gr.Schema(id="id", fields={"mail": "email", "first": "given_name"})
    >>> enc = gr.pprl.encode({"id": ["1"], "mail": ["Ana@Example.org"], "first": ["Ana"]},
    ...                      s, "correct horse battery staple")
    >>> enc.schema.fields
    {'mail': 'hmac', 'first': 'bloom'}
    >>> enc.table.column_names
    ['id', 'mail', 'first']
    """
    import pyarrow as pa

    run = _Encoder(schema, secret, key_id, names, exact, bloom or BloomParams(), salt)
    batches = list(
        iter_encode(
            [table],
            schema,
            secret,
            key_id=key_id,
            names=names,
            exact=exact,
            bloom=bloom,
            salt=salt,
            workers=workers,
        )
    )
    # a kept column empty in one chunk is typed null there: promoted to its type
    tables = [pa.Table.from_batches([b]) for b in batches]
    out = pa.concat_tables(tables, promote_options="default") if tables else pa.table({})
    if hasattr(table, "iloc"):
        frame = out.to_pandas()
        frame.attrs[METADATA_KEY] = dict(run.params)
        return Encoded(frame, run.out_schema, run.params)
    return Encoded(out, run.out_schema, run.params)
