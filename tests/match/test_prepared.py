"""The prepared table's own operations: take, concat and masked make new tables, and
never write into the one they are called on."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goldenrecord as gr
from goldenrecord.match import PreparedTable, prepare
from goldenrecord.match._prepared import derived, derived_from

SCHEMA = gr.Schema(
    id="id",
    source="src",
    fields={"first": "given_name", "last": "family_name", "email": "email", "phone": "phone"},
    default_region="GB",
)


@pytest.fixture(scope="module")
def table() -> PreparedTable:
    rows = [
        {
            "id": i,
            "src": "crm" if i % 3 else "shop",
            "first": ["Ann", "Bob", None, "Eve", "Ann"][i % 5],
            "last": ["Lee", "Smith", "Jones", None, "Lee"][i % 5],
            "email": None if i % 4 == 0 else f"person.{i % 7}@example.org",
            "phone": None if i % 2 else f"020 7946 0{i % 10:03d}",
        }
        for i in range(40)
    ]
    return prepare(rows, SCHEMA)


def _cells(t: PreparedTable) -> dict[str, dict[str, Any]]:
    """Each column as key → value, so tables compare whatever their row order."""
    out = {
        name: dict(zip(t.keys, values.tolist(), strict=True)) for name, values in t.columns.items()
    }
    out["_raw"] = {k: tuple(t.raw[c][i] for c in sorted(t.raw)) for i, k in enumerate(t.keys)}
    out["_source"] = dict(zip(t.keys, t.sources, strict=True))
    return out


@settings(max_examples=30, deadline=None)
@given(st.sets(st.integers(0, 39)))
def test_take_then_concat_gives_the_table_back(table: PreparedTable, rows: set[int]) -> None:
    """Any split of the records into two tables, joined again, is the table itself:
    same keys in the same (sorted) order, same cells, source codes consistent."""
    part = table.take(sorted(rows))
    rest = table.take(sorted(set(range(len(table))) - rows))
    assert part.keys == sorted(part.keys)
    assert len(part) == len(rows)
    joined = part.concat(rest) if len(part) else rest
    assert joined.keys == table.keys
    assert _cells(joined) == _cells(table)
    same = joined.source_codes[:, None] == joined.source_codes[None, :]
    src = np.array(joined.sources, dtype=object)
    assert (same == (src[:, None] == src[None, :])).all()


def test_take_keeps_the_input_counts_and_refuses_rows_outside(table: PreparedTable) -> None:
    part = table.take([3, 1, 1])
    assert part.keys == [table.keys[1], table.keys[3]]
    assert part.rejected_values == table.rejected_values
    with pytest.raises(IndexError):
        table.take([len(table)])


def test_concat_refuses_a_key_in_both_tables(table: PreparedTable) -> None:
    with pytest.raises(ValueError, match="share a record key"):
        table.take([0, 1]).concat(table.take([1, 2]))


def test_masked_sets_the_column_and_its_derived_columns_aside(table: PreparedTable) -> None:
    """Masked cells hold None in the column and every ``column:...`` derived from it;
    other columns, the raw cells and the table masked from are unchanged."""
    before = _cells(table)
    hit = np.array([v is not None for v in table.columns["email"].tolist()])
    hit[::2] = False
    masked = table.masked({"email": hit})
    names = ["email", *derived_from("email", table.columns)]
    assert len(names) > 1
    for name in names:
        assert all(v is None for v in masked.columns[name][hit].tolist())
        assert masked.columns[name][~hit].tolist() == table.columns[name][~hit].tolist()
    for name in set(table.columns) - set(names):
        assert masked.columns[name] is table.columns[name]
    assert masked.raw == table.raw
    assert _cells(table) == before
    assert (
        masked.masked({"email": hit}).columns["email"].tolist() == masked.columns["email"].tolist()
    )


def test_masked_refuses_unknown_columns_and_wrong_lengths(table: PreparedTable) -> None:
    with pytest.raises(KeyError):
        table.masked({"nope": np.zeros(len(table), bool)})
    with pytest.raises(ValueError, match="one flag per record"):
        table.masked({"email": [True]})


def test_derived_names() -> None:
    assert derived("phone", "national") == "phone:national"
    assert derived_from("phone", ["phone", "phone:national", "phones:x"]) == ["phone:national"]


@settings(max_examples=100, deadline=None)
@given(values=st.lists(st.integers(min_value=-(2**40), max_value=2**40), max_size=60))
def test_distinct_sorted_is_numpys_unique(values: list[int]) -> None:
    """The sort-based distinct values equal np.unique's, ascending, as int64."""
    from goldenrecord.match._prepared import distinct_sorted

    got = distinct_sorted(np.array(values, dtype=np.int64))
    assert got.dtype == np.int64
    assert got.tolist() == np.unique(np.array(values, dtype=np.int64)).tolist()
