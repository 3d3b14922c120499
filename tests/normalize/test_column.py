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

# Scalar twin of each column kind, with the options it is called with below.
_SCALAR: dict[str, Any] = {
    "address": gr.normalize.address,
    "city": gr.normalize.text,
    "country": gr.normalize.country,
    "date": lambda x: gr.normalize.date(x, dayfirst=True, today=dt.date(2026, 1, 1)),
    "email": gr.normalize.email,
    "family_name": gr.normalize.name,
    "full_name": gr.normalize.name,
    "given_name": gr.normalize.name,
    "given_name_canonical": gr.normalize.given_name_canonical,
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
