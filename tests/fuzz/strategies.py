"""Hypothesis strategies for junk customer tables, schemas and resolve options.

A drawn :class:`Case` holds one input in the shape a user hands to ``gr.resolve`` or
``IdentityStore.ingest`` (rows of dicts, a mapping of column to cells, a pandas frame,
or a mapping of source name to any of those), the schema (explicit, or None to let
``gr.resolve`` infer it), the keyword options, and what the checks need to know about
the input: the rows per source and the personal values it carries.

Cells come from every type a reader or a DataFrame can hold: text with lone surrogates,
NUL and control characters, right-to-left marks, emoji and combining marks, cells of
about 100 KB, numbers (int, float, NaN, infinities, huge integers), booleans, missing
values (None, NaN, pandas NA), bytes, dates and datetimes, lists and dicts; plus
plausible emails, phones and names so that records do match. Ids repeat, collide across
sources (``"b:c"`` in source ``"a"`` and ``"c"`` in source ``"a:b"``), go missing; rows
are copied many times over; tables are empty or have one row.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

import attrs
from hypothesis import strategies as st

import goldenrecord as gr

__all__ = [
    "COLUMNS",
    "MATCHABLE_KINDS",
    "Case",
    "NastyStr",
    "cases",
    "cells",
    "junk_text",
    "make_case",
    "personal_values",
    "shape_input",
]

COLUMNS = (
    "email",
    "phone",
    "first",
    "last",
    "name",
    "dob",
    "zip",
    "city",
    "country",
    "address",
    "ssn",
    "note",
)
"""Column names a junk table draws from (besides id, source, updated_at and consent)."""

MATCHABLE_KINDS = tuple(
    k for k in gr.FIELD_KINDS if k not in ("address", "city", "country", "text")
)
"""Kinds from which ``gr.resolve`` derives a blocking rule (a schema of only ``address``,
``city``, ``country`` or ``text`` fields is a configuration error)."""

SPECIAL_TEXT = (
    "",
    " ",
    "\udce9",
    "M\udce9lanie",
    "\ud83d",
    "\x00",
    "ana\x00lima@gmail.com",
    "\x07\x1b[31m\x7f",
    "\u202eamil ana\u202c",
    "\u200f\u200e\u200b\ufeff",
    "😀👩‍👩‍👧‍👦🏳️‍🌈",
    "e\u0301\u0301\u0301\u0301",
    "Z̷͚̈a̸̰͝l̴̟̓g̷̱̈́o̶̙͝",
    "a" * 24,
    "a" * 30,
    "Customer refused to provide a phone number",
    "n/a",
    "NULL",
    "test@test.com",
    "000-000-0000",
    "500 Market Street",
    "1e400",
    "-0",
    "NaN",
    "ＡＮＡ＠ＧＭＡＩＬ．ＣＯＭ",
    "ana..lima@@gmail..com",
    "+",
    "++++++++++++++++++++++++++++++++",
    "((((((((((((((((((((((((((",
    "1" * 400,
    "@" * 300,
    "Ana Lima " * 40,
)
"""Hand-picked junk: surrogates, NUL, bidi marks, emoji, combining marks, inputs that
made a normalizer backtrack, placeholders, fullwidth forms, runs of one character."""

PLAUSIBLE = (
    "ana.lima@gmail.com",
    "analima+shop@gmail.com",
    "bo.chen@example.org",
    "+1 415 555 2671",
    "(415) 555-2671",
    "06 12 34 56 78",
    "+33612345678",
    "Ana",
    "Lima",
    "Ana Lima",
    "LIMA, Ana",
    "Éloïse Dupont",
    "Bo Chen",
    "Mélanie",
    "1980-03-07",
    "07/03/1980",
    "SW1A 1AA",
    "94103",
    "75001",
    "GB",
    "France",
    "US",
    "10 Downing Street",
    "San Francisco",
    "AB-123",
)
"""Values that normalize to something, so that junk records also meet and match."""


def _long_cell(draw_char: str) -> str:
    return draw_char * 100_000


class NastyStr(str):
    """A ``str`` subclass whose methods raise: a cell no normalizer may trust."""

    def strip(self, chars: str | None = None) -> str:
        raise RuntimeError("strip refused")

    def lower(self) -> str:
        raise RuntimeError("lower refused")


junk_text = st.one_of(
    st.sampled_from(SPECIAL_TEXT),
    st.text(st.characters(exclude_categories=()), max_size=12),
    st.text(st.characters(codec="utf-8"), max_size=40),
    st.text("aA1 @.+-()/:'", max_size=30),
)
"""Text a user's file may hold, surrogates included."""


def _missing() -> st.SearchStrategy[Any]:
    options: list[Any] = [None, math.nan]
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dev dependency
        pass
    else:
        options += [pd.NA, pd.NaT]
    return st.sampled_from(options)


cells: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(PLAUSIBLE),
    junk_text,
    _missing(),
    st.integers(min_value=-(10**6), max_value=10**12),
    st.sampled_from([10**40, -(10**30), 2**63, 2**64 + 1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.binary(max_size=8),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.datetimes(),
    st.sampled_from(("x", "\udce9", "7")).map(_long_cell),
    st.lists(st.sampled_from(PLAUSIBLE), max_size=3),
    st.dictionaries(st.sampled_from(("a", "email")), st.sampled_from(PLAUSIBLE), max_size=2),
)
"""One cell of any type a table can hold."""

ids: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(("1", "2", "3", "b:c", "c", "a:b", "x", " 1", "1 ", "01")),
    st.integers(min_value=0, max_value=5),
    st.sampled_from((1.0, True, None, math.nan, "", " ", b"1")),
    cells,
)
"""Ids drawn from a small pool (so that they repeat and collide) or junk."""

updated = st.one_of(
    st.datetimes(),
    st.dates(),
    st.sampled_from(("2024-01-02", "2024-01-02T03:04:05Z", "yesterday", "", "\udce9", "31/31/31")),
    cells,
)
"""updated_at cells: timestamps, dates, text and junk."""

consent_cells = st.one_of(
    st.sampled_from(("yes", "no", "Y", "N", "true", "false", "1", "0", "unknown", "oui", "")),
    st.sampled_from((True, False, 1, 0, None)),
    cells,
)
"""Consent statements, explicit and junk."""

people_cells: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(PLAUSIBLE), st.sampled_from(PLAUSIBLE), st.none(), cells
)
"""Mostly values that normalize and match, some missing, a few junk: tables in which
records do join, so that which of two rows wins matters."""

sources = st.one_of(st.sampled_from(("crm", "shop", "a", "a:b", "", " ")), cells)
"""Source-column cells."""


@attrs.frozen
class Case:
    """One junk input and how to resolve it.

    Attributes:
        tables: source name (None for a single table) → rows as dicts, before shaping.
        data: the input as handed to the library (the shaped ``tables``).
        schema: the schema, or None for an inferred one.
        options: keyword options for ``gr.resolve``.
        shape: how the input is shaped (``rows``, ``columns``, ``pandas``), per table.
    """

    tables: Mapping[str | None, list[dict[str, Any]]]
    data: object
    schema: gr.Schema | None
    options: Mapping[str, Any]
    shape: str

    @property
    def n_rows(self) -> int:
        """Input rows over all sources."""
        return sum(len(rows) for rows in self.tables.values())

    def __repr__(self) -> str:  # hypothesis prints this on failure
        return (
            f"Case(shape={self.shape!r}, schema={self.schema!r}, options={dict(self.options)!r}, "
            f"tables={_short(self.tables)!r})"
        )


def _short(value: Any) -> Any:
    """The tables with long cells cut, for a readable failure report."""
    if isinstance(value, Mapping):
        return {k: _short(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_short(v) for v in value]
    if isinstance(value, str) and len(value) > 60:
        return f"{value[:20]!s}...<{len(value)} chars>"
    return value


def shape_input(rows: list[dict[str, Any]], shape: str) -> object:
    """Rows of dicts as the given shape: ``rows``, ``columns`` (dict of lists), ``pandas``,
    or ``record`` (one row handed in as a dict; several rows stay rows)."""
    if shape == "record" and len(rows) == 1:
        return dict(rows[0])
    if shape in ("rows", "record"):
        return [dict(r) for r in rows]
    names = list(dict.fromkeys(k for r in rows for k in r))
    if shape == "columns":
        return {n: [r.get(n) for r in rows] for n in names}
    import pandas as pd

    return pd.DataFrame({n: pd.Series([r.get(n) for r in rows], dtype=object) for n in names})


@st.composite
def _rows(
    draw: st.DrawFn,
    columns: tuple[str, ...],
    *,
    max_rows: int,
    max_copies: int,
    with_id: bool,
    plausible: bool = False,
) -> list[dict[str, Any]]:
    n = draw(st.integers(min_value=0, max_value=max_rows))
    rows: list[dict[str, Any]] = []
    for _ in range(n):
        row: dict[str, Any] = {}
        if with_id and draw(st.integers(0, 9)) > 0:  # sometimes the id key is absent
            row["id"] = draw(st.sampled_from(("1", "2", "3", "4")) if plausible else ids)
        for col in columns:
            if draw(st.integers(0, 7)) == 0:
                continue  # a missing key in a row is a missing cell
            if col == "updated_at":
                row[col] = draw(updated)
            elif col.startswith("optin_"):
                row[col] = draw(consent_cells)
            elif col == "source":
                row[col] = draw(sources)
            else:
                row[col] = draw(people_cells if plausible else cells)
        rows.append(row)
    if rows and max_copies > 1 and draw(st.booleans()):
        # Identical records: one row copied many times (with its id, or a fresh id each).
        copies = draw(st.integers(min_value=2, max_value=max_copies))
        fresh_ids = draw(st.booleans())
        template = rows[draw(st.integers(0, len(rows) - 1))]
        for i in range(copies):
            copy = dict(template)
            if fresh_ids:
                copy["id"] = f"copy-{i}"
            rows.append(copy)
    return rows


@st.composite
def cases(
    draw: st.DrawFn,
    *,
    max_rows: int = 6,
    max_copies: int = 12,
    explicit_only: bool = False,
    valid_config: bool = False,
    plausible: bool = False,
) -> Case:
    """A junk input, its schema and resolve options.

    Args:
        max_rows: most distinct rows per table (copies come on top).
        max_copies: most copies of one row added to a table.
        explicit_only: always give an explicit schema (the store needs one).
        valid_config: the schema names only columns every table has, maps at least one
            column to a matchable kind, and the options are valid: any exception is then
            a failure, a library error included (bad data never raises in batch).
        plausible: cells mostly plausible values and ids from a pool of four, so that
            records join and repeated ids carry different values.
    """
    columns = tuple(draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=5, unique=True)))
    extra: list[str] = []
    if draw(st.booleans()):
        extra.append("updated_at")
    if draw(st.booleans()):
        extra.append("optin_email")
    if draw(st.integers(0, 3)) == 0:
        extra.append("source")
    all_columns = columns + tuple(extra)
    with_id = valid_config or draw(st.integers(0, 9)) > 0

    multi = draw(st.integers(0, 3)) == 0
    names: list[str | None] = (
        draw(
            st.lists(
                st.sampled_from(("a", "a:b", "crm", "shop", "1", "", "\udce9")),
                min_size=1,
                max_size=3,
                unique=True,
            )
        )
        if multi
        else [None]
    )
    tables: dict[str | None, list[dict[str, Any]]] = {}
    for name in names:
        rows = draw(
            _rows(
                all_columns,
                max_rows=max_rows,
                max_copies=max_copies,
                with_id=with_id,
                plausible=plausible,
            )
        )
        if valid_config:
            # Every schema column present in every table: an empty table has none, so
            # give it one row of missing cells.
            rows = [{"id": r.get("id"), **{c: r.get(c) for c in all_columns}} for r in rows] or [
                dict.fromkeys(("id", *all_columns))
            ]
        tables[name] = rows

    shape = draw(st.sampled_from(("rows", "columns", "pandas", "record")))
    if multi:
        data: object = {name: shape_input(rows, shape) for name, rows in tables.items()}
    else:
        data = shape_input(tables[None], shape)

    schema: gr.Schema | None
    if explicit_only or valid_config or draw(st.integers(0, 2)) > 0:
        kinds = {c: draw(st.sampled_from(gr.FIELD_KINDS)) for c in columns}
        if valid_config and not set(kinds.values()) & set(MATCHABLE_KINDS):
            kinds[columns[0]] = draw(st.sampled_from(MATCHABLE_KINDS))
        schema = gr.Schema(
            id="id",
            source="source" if "source" in extra and draw(st.booleans()) else None,
            updated_at="updated_at" if "updated_at" in extra and draw(st.booleans()) else None,
            fields=kinds,
            consent={"marketing_email": "optin_email"} if "optin_email" in extra else {},
            default_region=draw(st.sampled_from((None, "US", "GB", "FR"))),
        )
    else:
        schema = None

    options: dict[str, Any] = {}
    if schema is not None and schema.consent and draw(st.booleans()):
        options["purpose"] = "marketing_email"
    if draw(st.integers(0, 3)) == 0:
        options["one_per_source"] = True
    if draw(st.integers(0, 3)) == 0:
        options["limits"] = {
            draw(st.sampled_from(("email", "phone", "given_name"))): draw(st.integers(1, 3))
        }
    if not valid_config:
        if draw(st.integers(0, 5)) == 0:
            options["purpose"] = draw(st.sampled_from(("unknown", "", "\udce9", "marketing_email")))
        if draw(st.integers(0, 5)) == 0:
            options["limits"] = draw(
                st.sampled_from(
                    ({"email": 0}, {"email": "x"}, {"nope": 1}, {"email": math.nan}, [1], "email")
                )
            )
        if multi and draw(st.integers(0, 3)) == 0:
            options["link_only"] = True
    return Case(tables=tables, data=data, schema=schema, options=options, shape=shape)


def personal_values(case: Case) -> set[str]:
    """The text of every cell and id in the input that could identify someone.

    Ids and field cells count; short strings (under 6 characters) and pure punctuation
    are left out, as they occur in any message by chance. Column names, source names,
    update times and consent statements are not personal values.
    """
    out: set[str] = set()
    for rows in case.tables.values():
        for row in rows:
            for column, value in row.items():
                if column in ("source", "updated_at") or column.startswith("optin_"):
                    continue  # source names, times and consent statements identify nobody
                for text in _texts(value):
                    stripped = text.strip()
                    if (
                        len(stripped) >= 6
                        and any(ch.isalnum() for ch in stripped[:64])
                        and stripped.lower() not in MESSAGE_WORDS
                    ):
                        out.add(stripped)
    return out


MESSAGE_WORDS = frozenset({"unknown", "missing", "invalid", "placeholder", "rejected"})
"""Placeholder cells that are also words of the library's own messages ("unknown
purpose"): finding one in a message is no leak (a long run flagged "unknown")."""


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [t for v in value for t in _texts(v)]
    if isinstance(value, Mapping):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [str(value)] if math.isfinite(value) and abs(value) >= 10**5 else []
    return []


def make_case(
    tables: list[dict[str, Any]] | Mapping[str | None, list[dict[str, Any]]],
    schema: gr.Schema | None = None,
    options: Mapping[str, Any] | None = None,
    shape: str = "rows",
) -> Case:
    """A case written by hand (the committed corpus): one table's rows, or sources' rows."""
    by_source: dict[str | None, list[dict[str, Any]]] = (
        {None: list(tables)} if isinstance(tables, list) else dict(tables)
    )
    data: object = (
        shape_input(by_source[None], shape)
        if None in by_source
        else {name: shape_input(rows, shape) for name, rows in by_source.items()}
    )
    return Case(tables=by_source, data=data, schema=schema, options=options or {}, shape=shape)
