"""The customer table the generator returns: columns of strings, ground truth, exports."""

from __future__ import annotations

import csv
import io
import os
from collections import Counter
from collections.abc import Iterator
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import attrs

from goldenrecord.schema import Schema

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import polars as pl
    import pyarrow as pa  # type: ignore[import-untyped]

__all__ = ["CONSENT_COLUMNS", "SCHEMA_FIELDS", "CustomerTable", "load_sample"]

SCHEMA_FIELDS: dict[str, str] = {
    "first_name": "given_name",
    "last_name": "family_name",
    "full_name": "full_name",
    "email": "email",
    "phone": "phone",
    "date_of_birth": "date",
    "address": "address",
    "city": "city",
    "postcode": "postcode",
    "country": "country",
    "customer_number": "identifier",
}
"""Field columns of a customer table and their kinds (see ``goldenrecord.FIELD_KINDS``)."""

CONSENT_COLUMNS: dict[str, str] = {
    "marketing_email": "consent_marketing_email",
    "profiling": "consent_profiling",
}
"""Consent purpose → the column holding each record's statement for it."""


def _missing_extra(library: str, extra: str) -> ImportError:
    return ImportError(
        f"{library} is not installed; install the extra with: pip install 'goldenrecord[{extra}]'"
    )


@attrs.frozen(repr=False)
class CustomerTable:
    """A customer table with ground truth, held as columns of strings (or None).

    Built by :func:`~goldenrecord.datasets.synthetic_customers` or
    :func:`~goldenrecord.datasets.load_sample`. Every cell is a ``str`` or ``None``, as a
    CSV file would hold it. ``person_id`` is the truth: records of one real person share it.

    Attributes:
        columns: column name → one cell per record, all of one length.

    >>> t = CustomerTable({"record_id": ["a-1", "a-2"], "source": ["crm", "shop"],
    ...                    "person_id": ["P1", "P1"]})
    >>> len(t), t.truth
    (2, {'a-1': 'P1', 'a-2': 'P1'})
    >>> t
    CustomerTable(2 records, 1 people, 2 sources, 3 columns)
    """

    columns: dict[str, list[str | None]]

    def __len__(self) -> int:
        return len(self.columns["record_id"])

    def __repr__(self) -> str:
        people = len(set(self.columns["person_id"]))
        sources = len(set(self.columns["source"]))
        return (
            f"CustomerTable({len(self)} records, {people} people, {sources} sources, "
            f"{len(self.columns)} columns)"
        )

    @property
    def column_names(self) -> tuple[str, ...]:
        """The column names, in table order."""
        return tuple(self.columns)

    @property
    def truth(self) -> dict[str, str]:
        """record_id → person_id for every record (the ground truth)."""
        return {
            str(r): str(p)
            for r, p in zip(self.columns["record_id"], self.columns["person_id"], strict=True)
        }

    @property
    def schema_fields(self) -> dict[str, str]:
        """Field column → field kind, for the field columns this table has."""
        return {c: k for c, k in SCHEMA_FIELDS.items() if c in self.columns}

    @property
    def consent_columns(self) -> dict[str, str]:
        """Consent purpose → column, for the consent columns this table has."""
        return {p: c for p, c in CONSENT_COLUMNS.items() if c in self.columns}

    def schema(self) -> Schema:
        """A :class:`goldenrecord.Schema` describing this table (the truth is not a field)."""
        return Schema(
            id="record_id",
            source="source",
            updated_at="updated_at",
            fields=self.schema_fields,
            consent=self.consent_columns,
        )

    def records(self) -> Iterator[dict[str, str | None]]:
        """The records as dicts, one per row, in table order."""
        names = list(self.columns)
        for row in zip(*self.columns.values(), strict=True):
            yield dict(zip(names, row, strict=True))

    def counts(self) -> dict[str, int]:
        """Number of records per source, in order of first appearance."""
        return dict(Counter(str(s) for s in self.columns["source"]))

    def to_pandas(self) -> pd.DataFrame:
        """A pandas DataFrame with one ``object`` column per column (``None`` kept as is).

        Raises:
            ImportError: pandas is not installed (extra ``goldenrecord[pandas]``).
        """
        try:
            import pandas as pd
        except ImportError:
            raise _missing_extra("pandas", "pandas") from None
        frame: pd.DataFrame = pd.DataFrame(
            {k: pd.Series(v, dtype=object) for k, v in self.columns.items()}
        )
        return frame

    def to_polars(self) -> pl.DataFrame:
        """A polars DataFrame with one ``Utf8`` column per column.

        Raises:
            ImportError: polars is not installed (extra ``goldenrecord[polars]``).
        """
        try:
            import polars as pl
        except ImportError:
            raise _missing_extra("polars", "polars") from None
        return pl.DataFrame(self.columns, schema=dict.fromkeys(self.columns, pl.Utf8))

    def to_arrow(self) -> pa.Table:
        """A pyarrow Table with one ``string`` column per column.

        Raises:
            ImportError: pyarrow is not installed (extra ``goldenrecord[arrow]``).
        """
        try:
            import pyarrow as pa
        except ImportError:
            raise _missing_extra("pyarrow", "arrow") from None
        return pa.table({k: pa.array(v, type=pa.string()) for k, v in self.columns.items()})

    def write_csv(self, path: str | os.PathLike[str]) -> None:
        """Write the table as UTF-8 CSV with a header; ``None`` becomes an empty cell."""
        with open(path, "w", encoding="utf-8", newline="") as handle:
            _write(handle, self.columns)


def _write(handle: Any, columns: dict[str, list[str | None]]) -> None:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(zip(*columns.values(), strict=True))


SAMPLE_FILE = "customers_small.csv"
SAMPLE_PEOPLE = 260
SAMPLE_SEED = 2024


def load_sample() -> CustomerTable:
    """The small customer table shipped with goldenrecord (about 600 records).

    It is ``synthetic_customers(260, seed=2024)`` written to CSV, read back with the
    ``csv`` module: empty cells are ``None``.

    >>> table = load_sample()
    >>> table
    CustomerTable(604 records, 260 people, 6 sources, 17 columns)
    >>> table.schema().fields["customer_number"]
    'identifier'
    """
    resource = files("goldenrecord.datasets").joinpath("data").joinpath(SAMPLE_FILE)
    rows = list(csv.reader(io.StringIO(resource.read_text(encoding="utf-8"), newline="")))
    header, body = rows[0], rows[1:]
    columns: dict[str, list[str | None]] = {name: [] for name in header}
    lists = list(columns.values())
    for row in body:
        for cells, value in zip(lists, row, strict=True):
            cells.append(value if value != "" else None)
    return CustomerTable(columns=columns)
