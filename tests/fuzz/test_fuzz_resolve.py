"""Junk tables through ``gr.resolve``: no crash, no lost record, no value in a message,
the same answer in any row order (see tests/fuzz/checks.py for the properties)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.budget import fuzz_settings
from tests.fuzz.checks import check_order, check_resolve
from tests.fuzz.strategies import Case, cases


@fuzz_settings(200)
@given(cases())
def test_junk_tables_raise_only_library_errors_and_lose_no_record(case: Case) -> None:
    """Any junk table, schema and options: a GoldenRecordError or a resolution in which
    every row is in a cluster or rejected with a reason, and whose profiles, lineage
    and frames build."""
    check_resolve(case)


@fuzz_settings(150)
@given(cases(valid_config=True))
def test_bad_data_never_raises_under_a_valid_configuration(case: Case) -> None:
    """With a valid schema and options, junk cells never raise, not even a library error."""
    check_resolve(case)


@fuzz_settings(60)
@given(cases(valid_config=True), st.lists(st.integers(0, 1000), min_size=1, max_size=30))
def test_clusters_do_not_depend_on_row_order(case: Case, order: list[int]) -> None:
    """Shuffled rows (repeated ids included) give the same clusters, ids and rejections."""
    check_order(case, order)


@fuzz_settings(60)
@given(
    cases(valid_config=True, plausible=True, max_rows=8),
    st.lists(st.integers(0, 1000), min_size=1, max_size=30),
)
def test_clusters_of_matching_records_do_not_depend_on_row_order(
    case: Case, order: list[int]
) -> None:
    """Records that do match, with repeated ids carrying different values: shuffled rows
    give the same clusters (a repeated id is resolved the same way whatever the order)."""
    check_order(case, order)
