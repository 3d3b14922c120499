"""Reading raw ``updated_at`` cells once, as microseconds since the Unix epoch (UTC).

Cells may be ISO 8601 strings (``2024-05-01``, ``2024-05-01T10:00:00Z``, with an
offset or a space instead of ``T``), ``datetime``/``date`` objects (pandas
``Timestamp`` included; naive times are read as UTC), NumPy ``datetime64`` values, or
numbers (seconds since the epoch). A missing cell (None, blank, NaN, NaT) and a cell
that cannot be read are both treated as older than any real time; they are counted
separately.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Sequence
from operator import methodcaller
from typing import Final

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord.normalize._common import is_missing

__all__ = ["OLDEST", "ParsedTimes", "from_micros", "parse_times", "to_micros"]

OLDEST: Final = -(2**62)
"""The time given to records without a readable ``updated_at``: older than any other."""

_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
_MICRO: Final = dt.timedelta(microseconds=1)
_FIRST: Final = (dt.datetime(1, 1, 2, tzinfo=dt.timezone.utc) - _EPOCH) // _MICRO
_LAST: Final = (dt.datetime(9999, 12, 30, tzinfo=dt.timezone.utc) - _EPOCH) // _MICRO


@attrs.frozen
class ParsedTimes:
    """``updated_at`` per record in microseconds (:data:`OLDEST` when unknown)."""

    micros: npt.NDArray[np.int64]
    missing: int
    unparseable: int


def _from_datetime(value: dt.datetime) -> int:
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return (value - _EPOCH) // _MICRO


def _from_text(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if text[-1] in "Zz":
        text = text[:-1] + "+00:00"
    try:
        return _from_datetime(dt.datetime.fromisoformat(text))
    except ValueError:
        pass
    try:
        return _from_datetime(dt.datetime.combine(dt.date.fromisoformat(text), dt.time()))
    except ValueError:
        return None


def _read(value: object) -> tuple[int | None, bool]:
    """Microseconds (None if unknown) and whether the cell was missing rather than unreadable."""
    if isinstance(value, str):
        return (_from_text(value), False) if value.strip() else (None, True)
    if is_missing(value):  # None, NaN, NaT (pandas' or NumPy's), NA
        return None, True
    if isinstance(value, dt.datetime):
        try:
            return _from_datetime(value), False
        except (ValueError, OverflowError):
            return None, False
    if isinstance(value, dt.date):
        return _from_datetime(dt.datetime.combine(value, dt.time())), False
    if isinstance(value, np.datetime64):
        return int(value.astype("datetime64[us]").astype(np.int64)), False
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        try:
            return round(float(value) * 1_000_000), False
        except (OverflowError, ValueError):
            return None, False
    return None, False


def to_micros(value: object) -> int | None:
    """One cell as microseconds since the epoch, or None when missing or unreadable.

    >>> to_micros("1970-01-01T00:00:01Z"), to_micros("soon")
    (1000000, None)
    """
    got = _read(value)[0]
    return got if got is None or _FIRST <= got <= _LAST else None


def _parse_iso_column(cells: Sequence[object]) -> ParsedTimes | None:
    """All-string columns of plain ISO times (UTC ``Z`` or no offset) in one NumPy pass.

    Returns None when any cell needs the careful path (offsets, other types, junk).
    """
    if set(map(type, cells)) != {str}:
        return None
    texts = list(map(methodcaller("removesuffix", "Z"), cells))
    try:  # NumPy warns about (and we then refuse) any offset or zone name
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            parsed = np.array(texts, dtype="datetime64[us]")
    except (ValueError, TypeError, OverflowError, Warning):
        return None
    micros = parsed.astype(np.int64)
    unknown = np.isnat(parsed) | (micros < _FIRST) | (micros > _LAST)
    if unknown.any():
        return None
    return ParsedTimes(micros, 0, 0)


def parse_times(cells: Sequence[object]) -> ParsedTimes:
    """Read every cell once; unknown times become :data:`OLDEST` and are counted.

    >>> t = parse_times(["2024-01-01", None, "never", "2024-01-01T00:00:00+01:00"])
    >>> (t.missing, t.unparseable, int(t.micros[0] - t.micros[3]))
    (1, 1, 3600000000)
    """
    fast = _parse_iso_column(cells)
    if fast is not None:
        return fast
    micros = np.full(len(cells), OLDEST, dtype=np.int64)
    missing = unparseable = 0
    for i, cell in enumerate(cells):
        got, was_missing = _read(cell)
        if got is not None and _FIRST <= got <= _LAST:
            micros[i] = got
        elif got is None and was_missing:
            missing += 1
        else:
            unparseable += 1
    return ParsedTimes(micros, missing, unparseable)


def from_micros(micros: int) -> dt.datetime | None:
    """A time read by :func:`parse_times` back as an aware UTC datetime (None if unknown).

    >>> from_micros(1_000_000)
    datetime.datetime(1970, 1, 1, 0, 0, 1, tzinfo=datetime.timezone.utc)
    """
    if micros <= OLDEST:
        return None
    return _EPOCH + dt.timedelta(microseconds=micros)
