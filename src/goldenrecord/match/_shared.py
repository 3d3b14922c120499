"""Shared values: contact details that many different people give, set aside as evidence.

A family's landline, an ``info@`` inbox used by a whole office, the shop's own phone
typed into the till for customers who gave none: such a value is a perfectly valid
phone or email, yet agreeing on it says little about being one person. Left in, it
glues strangers together, and in a large table one such value can chain hundreds of
people into one cluster.

A value is *shared* when the records carrying it bear at least ``min_people``
different names. Names are compared by their initials (the first letter of each word
of the record's whole-name key, in any order), so typos, spacing and transliteration
variants of one person's name count once, while ``Ursula Schwarz`` and
``Dieter Schwarz`` count twice. Records without a name, or with a one-word name (a
given name or a family name alone), do not count: ``Neha`` next to ``Neha Yadav``
is most likely the same person, and could be anyone on the value.

Shared values are masked (treated as missing) in the columns that blocking and
scoring read; the profiles still show them, and the report lists them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord.errors import SettingsError
from goldenrecord.match._prepare import PreparedTable
from goldenrecord.match._prepared import distinct_sorted

__all__ = ["DEFAULT_MIN_PEOPLE", "SHARED_KINDS", "SharedValues", "find_shared", "mask_shared"]

SHARED_KINDS: Final = ("email", "phone")
"""Field kinds checked for shared values by default."""

DEFAULT_MIN_PEOPLE: Final = 3
"""Different names on one value from which it stops counting as evidence."""

ObjArray = npt.NDArray[np.object_]


@attrs.frozen
class SharedValues:
    """The values set aside as shared, per field column.

    Attributes:
        values: column → the shared canonical values, sorted. These are personal data
            (a business phone, an office inbox): show them to people who may see them.
        records: column → how many records carried a shared value.
        min_people: the threshold used.
    """

    values: Mapping[str, tuple[str, ...]]
    records: Mapping[str, int]
    min_people: int

    def __len__(self) -> int:
        return sum(len(v) for v in self.values.values())

    def counts(self) -> dict[str, int]:
        """Column → number of shared values (figures only, safe to log)."""
        return {c: len(v) for c, v in self.values.items()}


def _initials(name: object) -> str | None:
    """The sorted initials of a whole-name key, None without two words."""
    if not isinstance(name, str):
        return None
    words = name.split()
    if len(words) < 2:
        return None
    return " ".join(sorted({w[0] for w in words}))


def _codes(values: ObjArray) -> tuple[npt.NDArray[np.int64], list[object]]:
    """Integer codes per value (``-1`` for None) and the value of each code."""
    table: dict[object, int] = {}
    out = np.empty(values.size, dtype=np.int64)
    for i, v in enumerate(values.tolist()):
        out[i] = -1 if v is None else table.setdefault(v, len(table))
    return out, list(table)


def find_shared(
    prepared: PreparedTable,
    *,
    kinds: tuple[str, ...] = SHARED_KINDS,
    min_people: int = DEFAULT_MIN_PEOPLE,
) -> SharedValues:
    """The values of the ``kinds`` columns that records of ``min_people`` or more names carry.

    Raises:
        SettingsError: ``min_people`` below 2.
    """
    if min_people < 2:
        raise SettingsError(f"min_people must be at least 2, got {min_people!r}")
    names = prepared.columns.get("_name")
    found: dict[str, tuple[str, ...]] = {}
    records: dict[str, int] = {}
    if names is None or len(prepared) == 0:
        return SharedValues(found, records, min_people)
    memo: dict[object, str | None] = {}
    initials = [memo[v] if v in memo else memo.setdefault(v, _initials(v)) for v in names.tolist()]
    signature, _ = _codes(np.array(initials, dtype=object))
    # A phone's national-number key (``column:national``) is checked too: a shop's number
    # written without its country code is shared all the same. It is reported only where
    # the field column's own shared values do not already cover its records.
    checked = [c for c, kind in prepared.fields.items() if kind in kinds]
    checked += [f"{c}:national" for c in checked if f"{c}:national" in prepared.columns]
    covered: dict[str, npt.NDArray[np.bool_]] = {}
    for column in checked:
        value, table = _codes(prepared.columns[column])
        keep = (value >= 0) & (signature >= 0)
        if not keep.any():
            continue
        pairs = distinct_sorted(value[keep] * (int(signature.max()) + 1) + signature[keep])
        people = np.bincount(pairs // (int(signature.max()) + 1), minlength=len(table))
        shared = np.flatnonzero(people >= min_people)
        owner = column.removesuffix(":national")
        if owner != column and owner in covered and shared.size:
            hit = np.isin(value, shared)
            uncovered = distinct_sorted(value[hit & ~covered[owner]])
            shared = np.intersect1d(shared, uncovered)
        if shared.size:
            found[column] = tuple(sorted(str(table[i]) for i in shared.tolist()))
            records[column] = int(np.isin(value, shared).sum())
            covered[column] = np.isin(value, shared)
    return SharedValues(found, records, min_people)


def mask_shared(prepared: PreparedTable, shared: SharedValues) -> PreparedTable:
    """A copy of ``prepared`` whose matching columns hold None where a value is shared.

    The field column and every column derived from it (``column:...``) are masked on
    the records carrying a shared value (for a shared national number,
    ``column:national``, those of its phone column); the raw cells stay as they were.
    """
    if not len(shared):
        return prepared
    marks: dict[str, npt.NDArray[np.bool_]] = {}
    for column, values in shared.values.items():
        wanted = set(values)
        cells = prepared.columns[column]
        hit = np.fromiter((v in wanted for v in cells.tolist()), dtype=bool, count=cells.size)
        owner = column.removesuffix(":national")
        marks[owner] = marks[owner] | hit if owner in marks else hit
    return prepared.masked(marks)
