"""The profile view's columns and record lists: a column with nothing to show is left
out (it was shown empty), and a short record list is shown whole (three records read
"0 and 2 more")."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

import goldenrecord as gr
from goldenrecord._html import records
from goldenrecord.profile import GoldenValue, Profile
from tests.test_repr_html import rows_of, view_of

_PEOPLE = pd.DataFrame(
    {
        "id": [0, 1, 2, 3],
        "email": ["ana.lima@mail.pt"] * 3 + ["bo.ng@mail.sg"],
        "first_name": ["Ana", "Ana", "Ana", "Bo"],
        "last_name": ["Lima", "Lima", "Lima", "Ng"],
    }
)


def _largest(res: gr.Resolution) -> Profile:
    return max(res.profiles, key=lambda p: p.n_records)


def test_a_profile_without_sources_or_times_shows_only_filled_columns() -> None:
    """One table without source or update-time columns: no sources, first seen or last
    seen column, and the three records of each value listed in full."""
    p = _largest(gr.resolve(_PEOPLE))
    assert p.record_ids == ("0", "1", "2")
    (table,) = view_of(p._repr_html_()).find_all("table")
    rows = rows_of(table)
    assert rows[0] == ["attribute", "value", "rule", "records"]
    assert [row[3] for row in rows[1:]] == ["0, 1, 2"] * 3
    assert not table.find_all("details")


def test_a_mapping_of_sources_fills_the_sources_column() -> None:
    """Sources given as a mapping name the sources of every value; still no time columns."""
    p = _largest(gr.resolve({"crm": _PEOPLE.iloc[:2], "shop": _PEOPLE.iloc[2:]}))
    (table,) = view_of(p._repr_html_()).find_all("table")
    rows = rows_of(table)
    assert rows[0] == ["attribute", "value", "rule", "records", "sources"]
    assert all(row[3] == "crm:0, crm:1, shop:2" for row in rows[1:])
    assert all(row[4] == "crm, shop" for row in rows[1:])


def test_times_alone_show_the_seen_columns() -> None:
    """A value with a time but no source: first and last seen shown, no sources."""
    when = dt.datetime(2024, 5, 1, 12, tzinfo=dt.timezone.utc)
    value = GoldenValue("a@x.io", "a@x.io", "most_recent", ("r1",), (), when, when)
    p = Profile("gp_1", ("r1",), {"email": value}, {})
    (table,) = view_of(p._repr_html_()).find_all("table")
    assert rows_of(table) == [
        ["attribute", "value", "rule", "records", "first seen", "last seen"],
        ["email", "a@x.io", "most_recent", "r1", "2024-05-01", "2024-05-01"],
    ]


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["0", "1", "2"], "0, 1, 2"),
        (["a", "b", "c", "d"], "a, b, c, d"),
        (["a", "b", "c", "d", "e"], "<details><summary>a, b, c and 2 more</summary>d, e</details>"),
    ],
)
def test_record_lists_fold_only_past_four(keys: list[str], expected: str) -> None:
    """Up to four keys are shown whole; a longer list shows three and folds the rest.
    Each key is one unbreakable span (a line never breaks inside ``crm-000001``)."""
    html = records(keys)
    assert re.sub(r'</?span( class="key")?>', "", html) == expected
    assert html.count('<span class="key">') == len(keys)
