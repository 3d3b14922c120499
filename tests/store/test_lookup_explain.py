"""A store match's explanation is read off the row that scored it: it adds up to the
match's own weight (the store's term counts included), for lookups and for the
records an ingest places."""

from __future__ import annotations

import pathlib
import random
import tempfile
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import goldenrecord as gr
from goldenrecord.store import IdentityStore, Match


def _agrees(match: Match) -> None:
    explanation = match.explanation
    assert explanation.match_weight == pytest.approx(match.weight, abs=1e-6)
    assert explanation.match_probability == pytest.approx(match.probability, abs=1e-9)
    parts = explanation.prior + sum(c.total for c in explanation.contributions)
    if explanation.deterministic is None:
        assert parts + explanation.lookalike == pytest.approx(match.weight, abs=1e-4)
    assert explanation.candidate


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**16), bulk=st.integers(40, 110))
def test_every_lookup_and_ingest_explanation_adds_up_to_its_match(
    rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher, seed: int, bulk: int
) -> None:
    """Bulk-load part of the table, then look up each further record just before it is
    ingested (the pairs its ingest scores, with the same counts): every match's
    explanation has the match's weight and probability."""
    order = list(rows)
    random.Random(seed).shuffle(order)
    checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "s.db"
        with IdentityStore(path, schema=schema, model=model) as store:
            store.ingest(order[:bulk])
            for row in order[bulk:]:
                for match in store.lookup(row, limit=10):
                    _agrees(match)
                    checked += 1
                store.ingest(row)
            for row in order[:bulk]:  # records already stored: the pair with itself too
                for match in store.lookup(row, limit=3):
                    _agrees(match)
                    checked += 1
    assert checked > 0
