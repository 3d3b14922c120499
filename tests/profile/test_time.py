"""updated_at cells of every usual type are read once, the same way on both paths."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenrecord.profile._time import OLDEST, from_micros, parse_times, to_micros

UTC = dt.timezone.utc
NOON = int(dt.datetime(2024, 5, 1, 12, tzinfo=UTC).timestamp()) * 1_000_000


@pytest.mark.parametrize(
    "cell",
    [
        "2024-05-01T12:00:00Z",
        "2024-05-01T12:00:00z",
        "2024-05-01 12:00:00",
        "2024-05-01T12:00:00+00:00",
        "2024-05-01T14:00:00+02:00",
        "2024-05-01T07:00:00-05:00",
        " 2024-05-01T12:00:00.000000 ",
        dt.datetime(2024, 5, 1, 12),
        dt.datetime(2024, 5, 1, 14, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        np.datetime64("2024-05-01T12:00:00"),
        NOON / 1_000_000,
        NOON // 1_000_000,
    ],
)
def test_same_instant_in_every_form(cell: object) -> None:
    """ISO strings with or without offsets, datetimes, datetime64 and epoch seconds agree."""
    assert to_micros(cell) == NOON
    assert parse_times([cell]).micros.tolist() == [NOON]


def test_pandas_timestamps() -> None:
    """pandas Timestamps (naive or aware) are read; NaT is missing."""
    pd = pytest.importorskip("pandas")
    cells = [
        pd.Timestamp("2024-05-01 12:00"),
        pd.Timestamp("2024-05-01 14:00", tz="Europe/Paris"),
        pd.NaT,
    ]
    parsed = parse_times(cells)
    assert parsed.micros.tolist() == [NOON, NOON, OLDEST]
    assert (parsed.missing, parsed.unparseable) == (1, 0)


def test_dates_are_midnight_utc() -> None:
    """A date (object or string) is its midnight in UTC."""
    assert to_micros(dt.date(2024, 5, 1)) == to_micros("2024-05-01") == NOON - 12 * 3600 * 10**6


@pytest.mark.parametrize(
    "cell", ["never", "2024-13-01", "01/05/2024 noon", True, [1], 1e300, "+10000-01-01"]
)
def test_unreadable_cells_are_counted(cell: object) -> None:
    """Cells that are no time become the oldest time and count as unparseable."""
    parsed = parse_times(["2024-05-01", cell])
    assert parsed.micros.tolist()[1] == OLDEST
    assert (parsed.missing, parsed.unparseable) == (0, 1)


@pytest.mark.parametrize("cell", [None, "", "   ", float("nan"), np.datetime64("NaT")])
def test_missing_cells_are_counted_apart(cell: object) -> None:
    """Empty cells are the oldest time too, and count as missing."""
    parsed = parse_times([cell, "2024-05-01"])
    assert parsed.micros.tolist()[0] == OLDEST
    assert (parsed.missing, parsed.unparseable) == (1, 0)


def test_round_trip() -> None:
    """from_micros gives back an aware UTC datetime, None for the unknown time."""
    assert from_micros(NOON) == dt.datetime(2024, 5, 1, 12, tzinfo=UTC)
    assert from_micros(OLDEST) is None


instants = st.datetimes(
    min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 1, 1), timezones=st.just(UTC)
)
formats = st.sampled_from(
    [
        lambda d: d.isoformat(),
        lambda d: d.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        lambda d: d.strftime("%Y-%m-%d %H:%M:%S"),
        lambda d: d.strftime("%Y-%m-%d"),
        lambda d: d.astimezone(dt.timezone(dt.timedelta(hours=-3))).isoformat(),
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(instants, formats), min_size=1, max_size=8))
def test_column_fast_path_agrees_with_cell_by_cell(cells: list[tuple[dt.datetime, object]]) -> None:
    """Reading a whole column (NumPy fast path when it applies) equals reading each cell."""
    texts = [fmt(d) for d, fmt in cells]  # type: ignore[operator]
    assert parse_times(texts).micros.tolist() == [to_micros(t) for t in texts]
