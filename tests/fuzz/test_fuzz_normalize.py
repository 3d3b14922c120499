"""Junk cells through every normalizer: no hang, no crash, no value in a message,
canonical output stable (see ``check_normalizers`` in tests/fuzz/checks.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.budget import fuzz_settings
from tests.fuzz.checks import check_normalizers
from tests.fuzz.strategies import NastyStr, cells, junk_text

options = st.one_of(
    st.none(),
    st.sampled_from(("US", "GB", "FR", "", "ZZ", "us", "\udce9", "x" * 50)),
    junk_text,
    st.integers(),
    st.floats(),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
)
"""Region, country and dayfirst options as a junk per-value list may hold them."""


@fuzz_settings(150)
@given(cells, options, st.integers(0, 9))
def test_every_normalizer_survives_any_cell(cell: object, option: object, nasty: int) -> None:
    """Every normalizer returns (or raises NormalizationError with errors="raise") on any
    cell, a ``str`` subclass whose methods raise included (made here, not drawn: hypothesis
    itself calls string methods on what it draws)."""
    if nasty == 0 and isinstance(cell, str):
        cell = NastyStr(cell)
    check_normalizers(cell, option)
