"""The batch form: same answers as the scalar normalizers, nothing lost, clear errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goldenrecord as gr
from goldenrecord.normalize import KINDS, column
from goldenrecord.normalize._encoded import bloom_value, hmac_value

# Scalar twin of each column kind, with the options it is called with below.
_SCALAR: dict[str, Any] = {
    "address": gr.normalize.address,
    "bloom": lambda x: v if isinstance(v := bloom_value(x), str) else None,
    "city": gr.normalize.text,
    "country": gr.normalize.country,
    "date": lambda x: gr.normalize.date(x, dayfirst=True, today=dt.date(2026, 1, 1)),
    "email": gr.normalize.email,
    "family_name": gr.normalize.name,
    "full_name": gr.normalize.name,
    "given_name": gr.normalize.name,
    "given_name_canonical": gr.normalize.given_name_canonical,
    "hmac": lambda x: v if isinstance(v := hmac_value(x), str) else None,
    "identifier": gr.normalize.identifier,
    "name": gr.normalize.name,
    "name_key": gr.normalize.name_key,
    "phone": lambda x: gr.normalize.phone(x, region="GB"),
    "postcode": lambda x: gr.normalize.postcode(x, country="GB"),
    "region": gr.normalize.text,
    "text": gr.normalize.text,
}
_OPTIONS: dict[str, dict[str, Any]] = {
    "date": {"dayfirst": True, "today": dt.date(2026, 1, 1)},
    "phone": {"region": "GB"},
    "postcode": {"country": "GB"},
}

_CELLS = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "Ana.Lima+x@gmail.com",
                "020 7946 0958",
                "sw1a1aa",
                "07/03/1980",
                "Éloïse Dupont",
                "Bob",
                "n/a",
                "",
                "محمد",
                "10 Downing St",
                "France",
            ]
        ),
        st.text(max_size=15),
        st.none(),
        st.floats(allow_nan=True),
        st.integers(),
    ),
    max_size=30,
)


def test_kinds_cover_every_schema_kind() -> None:
    """Every field kind of the schema has a column normalizer."""
    schema_kinds = {
        "email",
        "phone",
        "given_name",
        "family_name",
        "full_name",
        "date",
        "address",
        "city",
        "postcode",
        "country",
        "identifier",
        "region",
        "text",
    }
    assert schema_kinds <= set(KINDS)
    assert set(_SCALAR) == set(KINDS)


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=25, deadline=None)
@given(cells=_CELLS)
def test_column_matches_scalar_and_loses_nothing(kind: str, cells: list[Any]) -> None:
    """Memoized batch output equals the scalar function cell by cell; counts add up."""
    res = column(cells, kind, **_OPTIONS.get(kind, {}))
    assert len(res.values) == len(res.reasons) == len(cells)
    assert res.values == [_SCALAR[kind](c) for c in cells]
    assert res.kept + res.missing + sum(res.rejected.values()) == len(cells)
    for value, reason in zip(res.values, res.reasons, strict=True):
        assert (value is None) == (reason is not None)


def test_per_value_options_apply_to_their_own_cell() -> None:
    """A per-record region normalizes each national number with its own country."""
    res = column(["0612345678", "0612345678", "020 7946 0958"], "phone", region=["FR", None, "GB"])
    assert res.values == ["+33612345678", None, "+442079460958"]
    assert res.rejected == {res.reasons[1]: 1}


def test_accepts_numpy_pandas_polars_and_arrow() -> None:
    """Columns arrive from every frame library and give the same values."""
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    raw = ["A@B.io", None, "x@gmail.com"]
    expected = column(raw, "email").values
    for values in (
        np.array(raw, dtype=object),
        pd.Series(raw),
        pl.Series(raw),
        pa.array(raw),
        (v for v in raw),
    ):
        assert column(values, "email").values == expected


def test_float_phone_column_from_csv() -> None:
    """A phone column that pandas read as floats still normalizes."""
    res = column(np.array([4155552671.0, np.nan]), "phone", region="US")
    assert res.values == ["+14155552671", None]
    assert res.missing == 1


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: column(["x"], "emial"), "unknown kind 'emial'; choose one of address"),
        (lambda: column(["x"], "email", region="US"), "unknown option.*region.*accepted: none"),
        (lambda: column(["x"], "phone", regoin="US"), "regoin.*accepted: region"),
        (lambda: column(["x", "y"], "phone", region=["US"]), "1 per-value entries for 2"),
        (lambda: column("abc", "email"), "sequence of cells"),
    ],
)
def test_configuration_mistakes_are_named(call: Any, message: str) -> None:
    """Unknown kinds and options raise SettingsError naming them and the choices."""
    with pytest.raises(gr.SettingsError, match=message):
        call()


def test_repr_is_short() -> None:
    """The repr summarises counts, never values."""
    res = column(["test@test.com", None, "a.b@gmail.com"], "email")
    assert repr(res) == "ColumnResult(n=3, kept=1, missing=1, rejected={'placeholder': 1})"
    assert "gmail" not in repr(res)


@pytest.mark.parametrize("empty", [None, float("nan"), "pandas NA"])
def test_a_missing_per_value_option_means_none_for_that_value(empty: object) -> None:
    """A frame's empty country cell (None, NaN, NA) is no region, not a settings error."""
    if empty == "pandas NA":
        import pandas as pd

        empty = pd.NA
    res = column(["4155552671", "4155552671"], "phone", region=[empty, "US"])
    assert res.values == [None, "+14155552671"]
    assert res.rejected == {"no_region": 1}


@pytest.mark.parametrize(
    "junk",
    [
        pytest.param("ZZZ", id="unknown-code"),
        pytest.param("Bob Smith", id="a name"),
        pytest.param(44, id="a-number"),
        pytest.param(["US"], id="a-list"),
        pytest.param(object(), id="an-object"),
    ],
)
def test_a_junk_per_value_region_rejects_its_cell_only(junk: object) -> None:
    """One refused per-value option costs its own cell, as ``invalid_option``, never the column.

    Nothing is raised, so no message can carry the value.
    """
    cells = ["0612345678", "0612345678", "+44 20 7946 0958", None]
    res = column(cells, "phone", region=["FR", junk, junk, "FR"])
    assert res.values == ["+33612345678", None, None, None]
    assert res.reasons == [None, "invalid_option", "invalid_option", "missing"]
    assert res.rejected == {"invalid_option": 2}


def test_junk_per_value_date_options_reject_their_cells_only() -> None:
    """A per-value ``today`` or ``dayfirst`` of the wrong type rejects its cell only."""
    today = dt.date(2026, 1, 1)
    res = column(["07/03/1980"] * 3, "date", dayfirst=[True, "yes", True], today=today)
    assert res.values == [dt.date(1980, 3, 7), None, dt.date(1980, 3, 7)]
    assert res.reasons[1] == "invalid_option"
    res = column(["1980-03-07"] * 2, "date", today=[today, "tomorrow"])
    assert res.values == [dt.date(1980, 3, 7), None]
    assert res.rejected == {"invalid_option": 1}


def test_a_junk_postcode_country_per_value_reads_as_no_country() -> None:
    """A dirty per-value country (an object, a number) reads as no country, as documented."""
    res = column(["sw1a1aa", "sw1a1aa", "sw1a1aa"], "postcode", country=["GB", 12, object()])
    assert res.values == ["SW1A 1AA", "SW1A1AA", "SW1A1AA"]


def test_a_junk_option_for_the_whole_column_raises_without_its_value() -> None:
    """A refused option given once is a mistake in the call: SettingsError names the option.

    It raises at once, even for an empty column, and the value is not in the message.
    """
    for cells in (["0612345678"], []):
        with pytest.raises(gr.SettingsError, match="region") as info:
            column(cells, "phone", region="Bob Smith")
        assert "Bob" not in str(info.value)
    with pytest.raises(gr.SettingsError, match="dayfirst"):
        column(["1980-03-07"], "date", dayfirst="yes", today=[dt.date(2026, 1, 1)])


def test_per_value_options_of_any_type_are_memoized_safely() -> None:
    """Cells sharing text but not options are normalized each with its own option.

    ``True`` and ``1`` are equal as dict keys; unhashable options cannot be keys at all.
    """
    res = column(["07/03/1980"] * 4, "date", dayfirst=[True, 1, [True], True])
    assert res.values[0] == res.values[3] == dt.date(1980, 3, 7)
    assert res.reasons[1:3] == ["invalid_option", "invalid_option"]


@settings(max_examples=25, deadline=None)
@given(first=_CELLS, second=_CELLS)
def test_a_shared_memo_gives_what_separate_calls_give(first: list[Any], second: list[Any]) -> None:
    """ColumnMemo reuses results across columns and kinds of one core (given, family and
    full names; name keys of several columns; phones with per-value regions) without
    changing any value, reason or count."""
    from goldenrecord.normalize._column import ColumnMemo

    memo = ColumnMemo()
    calls: list[tuple[list[Any], str, dict[str, Any]]] = [
        (first, "given_name", {}),
        (second, "full_name", {}),
        (first, "name_key", {}),
        (second + first, "name_key", {}),
        (first, "phone", {"region": ["GB"] * len(first)}),
        (second, "phone", {"region": ["FR"] * len(second)}),
        (first + second, "phone", {"region": "GB"}),
        (second, "date", _OPTIONS["date"]),
    ]
    for cells, kind, options in calls:
        shared, alone = memo.column(cells, kind, **options), column(cells, kind, **options)
        assert shared.values == alone.values
        assert shared.reasons == alone.reasons
        assert (shared.rejected, shared.missing) == (alone.rejected, alone.missing)
