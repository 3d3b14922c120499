"""A date column's day/month order, decided from its unambiguous values."""

from __future__ import annotations

import datetime as dt

import pytest

import goldenrecord as gr
from goldenrecord.normalize._date import date_order


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["07/25/1956", "03/04/1980"], False),  # 25 cannot be a month
        (["25/07/1956", "03/04/1980"], True),
        (["25.07.1956", "13-01-2001", "1990-05-06"], True),
        (["03/04/1980", "05/05/1990"], None),  # nothing tells
        (["1980-03-04", None, 19800304, ""], None),
        (["25/07/1956", "07/25/1956"], None),  # both orders: each value decides alone
        (["07/25/1956"] * 19 + ["25/07/1956"], False),  # one stray typo does not flip it
    ],
)
def test_date_order(values: list[object], expected: bool | None) -> None:
    assert date_order(values) is expected


def test_a_month_first_column_reads_its_ambiguous_dates_month_first() -> None:
    """07/25/1956 in the column makes its 03/04/1980 March 4th, with no region given
    (without the column's evidence, 03/04/1980 alone is ambiguous and rejected)."""
    rows = [
        {"id": "1", "name": "Ana Lima", "dob": "07/25/1956"},
        {"id": "2", "name": "Bo Chen", "dob": "03/04/1980"},
    ]
    schema = gr.Schema(id="id", fields={"name": "full_name", "dob": "date"})
    res = gr.resolve(rows, schema)
    dob = res.prepared.columns["dob"].tolist()
    assert dob == ["1956-07-25", dt.date(1980, 3, 4).isoformat()]
    assert res.report.rejected_values["dob"] == {}


def test_a_records_own_country_still_decides_its_order() -> None:
    """A French record in a month-first column keeps the day-first reading of France."""
    rows = [
        {"id": "1", "dob": "07/25/1956", "country": None},
        {"id": "2", "dob": "03/04/1980", "country": None},
        {"id": "3", "dob": "03/04/1980", "country": "FR"},
    ]
    schema = gr.Schema(id="id", fields={"dob": "date", "country": "country"})
    res = gr.resolve(rows, schema)
    assert res.prepared.columns["dob"].tolist() == ["1956-07-25", "1980-03-04", "1980-04-03"]
