"""Issue 18, defect 6: the incremental tutorial showed "not a candidate pair (never
compared)" under a look-up that had compared the record. A look-up's explanation is
read off the pair the store scored, so its caption says nothing of the kind; a pair
that blocking never paired says so, without claiming it was never compared (the
explanation itself scores it on request)."""

from __future__ import annotations

from pathlib import Path

import goldenrecord as gr


def test_lookup_explanation_is_a_compared_candidate(tmp_path: Path) -> None:
    table = gr.datasets.load_sample()
    rows = list(table.records())
    store = gr.IdentityStore(tmp_path / "customers.db", schema=table.schema())
    store.ingest(rows[:120])
    matches = store.lookup(dict(rows[2], record_id="web-new-1"))
    assert matches
    explanation = matches[0].explanation
    assert explanation.candidate
    caption = explanation._repr_html_()
    assert "not a candidate" not in caption
    assert "never compared" not in caption


def test_a_pair_blocking_never_made_is_not_called_never_compared() -> None:
    table = gr.datasets.load_sample()
    res = gr.resolve(table.columns, table.schema())
    a = res.profiles[0].record_ids[0]
    explanation = next(
        e
        for e in (res.explain(a, p.record_ids[0]) for p in reversed(res.profiles))
        if not e.candidate
    )
    caption = explanation._repr_html_()
    assert "not a candidate pair" in caption
    assert "never compared" not in caption
    assert "scored on request" in caption
