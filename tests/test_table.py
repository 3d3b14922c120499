"""Tables from every library users hold become the same columns of Python values."""

from __future__ import annotations

import pytest

import goldenrecord as gr
from goldenrecord._table import to_columns

ROWS = [{"id": "a", "email": "x@y.io"}, {"id": "b", "email": None}]
EXPECTED = {"id": ["a", "b"], "email": ["x@y.io", None]}


def test_rows_and_columnar_mappings() -> None:
    """Rows of dicts (with gaps) and column mappings read alike."""
    assert to_columns(ROWS) == EXPECTED
    assert to_columns([{"id": "a"}, {"id": "b", "email": "z@y.io"}]) == {
        "id": ["a", "b"],
        "email": [None, "z@y.io"],
    }
    assert to_columns(iter(ROWS)) == EXPECTED
    assert to_columns(EXPECTED) == EXPECTED


@pytest.mark.parametrize("library", ["pandas", "polars", "pyarrow"])
def test_frames(library: str) -> None:
    """pandas and polars DataFrames and Arrow tables read as the same columns."""
    mod = pytest.importorskip(library)
    frame = mod.table(EXPECTED) if library == "pyarrow" else mod.DataFrame(EXPECTED)
    assert to_columns(frame) == EXPECTED


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ("id,email", "unknown file suffix '.*' in 'id,email'"),
        (b"id,email", "got bytes"),
        (42, "got int"),
        ([("a", 1)], "row 0 is a tuple"),
        ({"id": [1, 2], "email": [None]}, "differ in length: id=2, email=1"),
        ({"id": "abc"}, "column 'id' holds a str"),
    ],
)
def test_non_tables_are_refused_clearly(data: object, fragment: str) -> None:
    """What is not a table gets a SettingsError saying what was expected."""
    with pytest.raises(gr.SettingsError, match=fragment):
        to_columns(data)
