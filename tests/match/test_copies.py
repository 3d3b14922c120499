"""Exact copies: which records are grouped, and how copy pairs are scored."""

from __future__ import annotations

import numpy as np

import goldenrecord as gr
from goldenrecord.match import Matcher, all_pairs, prepare
from goldenrecord.match._copies import COPY_WEIGHT, exact_copies, with_copies
from goldenrecord.match._prepare import take_rows

SCHEMA = gr.Schema(id="id", fields={"name": "full_name", "email": "email", "country": "country"})


def _rows() -> list[dict[str, str | None]]:
    ann = {"name": "Ann Lee", "email": "ann@x.io", "country": "GB"}
    return [
        {"id": "a1", **ann},
        {"id": "a2", **ann, "name": "ANN  LEE"},  # equal once normalized
        {"id": "a3", **ann},
        {"id": "b1", "name": "Bo Chen", "email": None, "country": "FR"},
        {"id": "b2", "name": "Bo Chen", "email": None, "country": "FR"},  # no identifier
        {"id": "c1", "name": "Cy Fox", "email": "cy@z.io", "country": None},
    ]


def test_copies_group_equal_normalized_records_with_evidence_under_the_smallest_key() -> None:
    """Records equal once normalized, with an identifying value, share a representative
    (the smallest key); records holding only a name and a country do not."""
    prepared = prepare(_rows(), SCHEMA)
    copies = exact_copies(prepared)
    reps = copies.representative.tolist()
    rep = {k: prepared.keys[r] for k, r in zip(prepared.keys, reps, strict=True)}
    assert rep == {"a1": "a1", "a2": "a1", "a3": "a1", "b1": "b1", "b2": "b2", "c1": "c1"}
    assert copies.n_copies == 2
    assert [prepared.keys[i] for i in copies.distinct] == ["a1", "b1", "b2", "c1"]


def test_records_kept_apart_are_never_grouped() -> None:
    """A record marked apart (its own consent is no) stays its own representative."""
    prepared = prepare(_rows(), SCHEMA)
    apart = np.array([k == "a2" for k in prepared.keys])
    copies = exact_copies(prepared, apart=apart)
    assert copies.representative.tolist()[:3] == [0, 1, 0]


def test_evidence_set_aside_does_not_count() -> None:
    """With its email set aside (a shared inbox), a name-and-email record has no
    identifying evidence left and is not grouped."""
    prepared = prepare(_rows(), SCHEMA)
    evidence = dict(prepared.columns)
    evidence["email"] = np.full(len(prepared), None, dtype=object)
    assert exact_copies(prepared, evidence=evidence).n_copies == 0


def test_copy_pairs_are_certain_and_in_whole_table_indices() -> None:
    """Pairs scored on the distinct records come back in the whole table's indices,
    plus one (representative, copy) pair per copy with at least COPY_WEIGHT bits."""
    prepared = prepare(_rows(), SCHEMA)
    copies = exact_copies(prepared)
    distinct = take_rows(prepared, copies.distinct)
    pairs = all_pairs(len(distinct))
    model = Matcher().fit(distinct, pairs.left, pairs.right)
    scored = with_copies(model.score(distinct, pairs.left, pairs.right), copies, model, distinct)
    assert len(scored) == len(pairs) + copies.n_copies
    found = set(zip(scored.left.tolist(), scored.right.tolist(), strict=True))
    assert {(0, 1), (0, 2)} <= found
    copy = (scored.left == 0) & np.isin(scored.right, [1, 2])
    assert (scored.weight[copy] >= COPY_WEIGHT).all()
    assert (scored.left < scored.right).all()
