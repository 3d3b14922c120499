"""Junk tables through ``IdentityStore.ingest``: bulk, then incremental, every row
stored, updated or reported rejected (see tests/fuzz/checks.py)."""

from __future__ import annotations

from hypothesis import given

from tests.fuzz.budget import fuzz_settings
from tests.fuzz.checks import check_store
from tests.fuzz.strategies import Case, cases


@fuzz_settings(60)
@given(cases(explicit_only=True, max_rows=5, max_copies=6))
def test_store_accounts_for_every_junk_row(case: Case) -> None:
    """Any junk table: the store raises only library errors and loses no row silently."""
    check_store(case)
