"""gr.resolve end to end: every record accounted for, order-independent, explainable."""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goldenrecord as gr
from goldenrecord.profile import profile_id_for

PEOPLE: list[dict[str, Any]] = [
    {
        "id": "crm-1",
        "first": "Éloïse",
        "last": "Dupont",
        "email": "eloise.dupont@gmail.com",
        "phone": "+33 6 12 34 56 78",
        "dob": "1980-03-07",
        "person": "A",
    },
    {
        "id": "shop-1",
        "first": "eloise",
        "last": "DUPONT",
        "email": "eloisedupont+shop@googlemail.com",
        "phone": "0033612345678",
        "dob": "1980-03-07",
        "person": "A",
    },
    {
        "id": "pos-1",
        "first": "Eloise",
        "last": "Dupond",
        "email": None,
        "phone": "+33612345678",
        "dob": "1980-03-07",
        "person": "A",
    },
    {
        "id": "crm-2",
        "first": "Robert",
        "last": "Smith",
        "email": "bob.smith@outlook.com",
        "phone": "+1 415 555 2671",
        "dob": "1975-03-14",
        "person": "B",
    },
    {
        "id": "shop-2",
        "first": "Bob",
        "last": "Smith",
        "email": "bob.smith+deals@outlook.com",
        "phone": "+14155552671",
        "dob": "1975-03-14",
        "person": "B",
    },
    {
        "id": "crm-3",
        "first": "Robert",
        "last": "Smith",
        "email": "rsmith@yahoo.com",
        "phone": "+1 212 555 0199",
        "dob": "1990-11-02",
        "person": "C",
    },
    {
        "id": "crm-4",
        "first": "محمد",
        "last": "العلي",
        "email": "m.alali@gmail.com",
        "phone": "+971 50 123 4567",
        "dob": "1988-11-02",
        "person": "D",
    },
    {
        "id": "chat-4",
        "first": "Mohammed",
        "last": "Al Ali",
        "email": "malali@gmail.com",
        "phone": "+971501234567",
        "dob": "1988-11-02",
        "person": "D",
    },
]
SCHEMA = gr.Schema(
    id="id",
    fields={
        "first": "given_name",
        "last": "family_name",
        "email": "email",
        "phone": "phone",
        "dob": "date",
    },
)


def _rows() -> list[dict[str, Any]]:
    return [{k: v for k, v in p.items() if k != "person"} for p in PEOPLE]


def test_every_record_is_in_exactly_one_cluster() -> None:
    """Nothing is lost: each input id appears once in res.clusters."""
    res = gr.resolve(_rows(), SCHEMA)
    assert sorted(res.clusters) == sorted(p["id"] for p in PEOPLE)
    assert res.report.n_records == len(PEOPLE)
    assert res.rejected == []


def test_same_person_across_channels_is_joined_and_namesakes_are_not() -> None:
    """Gmail variants and phone formats join one person; a namesake stays apart."""
    res = gr.resolve(_rows(), SCHEMA)
    c = res.clusters
    assert c["crm-1"] == c["shop-1"]
    assert c["crm-2"] == c["shop-2"]
    assert c["crm-3"] != c["crm-2"]
    assert c["crm-4"] == c["chat-4"]


def test_cluster_ids_are_profile_ids_of_the_smallest_member_key() -> None:
    """A cluster is named by the profile id of its smallest record key: records only."""
    res = gr.resolve(_rows(), SCHEMA)
    for cluster in set(res.clusters.values()):
        members = [k for k, v in res.clusters.items() if v == cluster]
        assert cluster == profile_id_for(min(members))


@settings(max_examples=5, deadline=None)
@given(st.randoms(use_true_random=False))
def test_order_does_not_matter(rnd: random.Random) -> None:
    """Shuffled input gives identical clusters and identical pair weights."""
    rows = _rows()
    base = gr.resolve(rows, SCHEMA)
    shuffled = rows[:]
    rnd.shuffle(shuffled)
    again = gr.resolve(shuffled, SCHEMA)
    assert again.clusters == base.clusters
    np.testing.assert_array_equal(again.pairs.weight, base.pairs.weight)


def test_missing_and_duplicate_ids_are_rejected_with_a_reason() -> None:
    """Rows without an id, or repeating one, land in res.rejected, never silently dropped."""
    rows = [*_rows(), {"id": None, "first": "X"}, {"id": "crm-1", "first": "Again"}]
    res = gr.resolve(rows, SCHEMA)
    reasons = sorted(r.reason for r in res.rejected)
    assert reasons == ["duplicate_id", "missing_id"]
    assert res.report.n_input == len(PEOPLE) + 2
    assert len(res.clusters) == len(PEOPLE)


def test_bad_values_are_counted_not_fatal() -> None:
    """A junk email is normalized away and counted; the record still takes part."""
    rows = _rows()
    rows[0] = {**rows[0], "email": "test@test.com", "phone": "000-000-0000"}
    res = gr.resolve(rows, SCHEMA)
    assert res.report.rejected_values["email"] == {"placeholder": 1}
    assert sum(res.report.rejected_values["phone"].values()) == 1
    assert "crm-1" in res.clusters


def test_explanation_adds_up() -> None:
    """Prior plus contributions equals the match weight; masking hides every value."""
    res = gr.resolve(_rows(), SCHEMA)
    exp = res.explain("crm-2", "shop-2")
    total = exp.prior + sum(c.total for c in exp.contributions) + exp.lookalike
    assert total == pytest.approx(exp.match_weight)
    assert exp.candidate
    masked = res.explain("crm-2", "shop-2", mask=True)
    text = str(masked)
    assert "smith" not in text.lower()
    assert "+1415" not in text


def test_pairs_frame_columns() -> None:
    """The pairs frame has ids, weight, probability and one level column per comparison."""
    res = gr.resolve(_rows(), SCHEMA)
    frame = res.pairs_frame()
    assert list(frame.columns[:4]) == ["id_l", "id_r", "match_weight", "match_probability"]
    assert len(frame) == len(res.pairs)
    assert {"name", "email", "phone", "dob"} <= set(frame.columns)  # first + last: "name"


def test_link_two_sources_keys_and_link_only() -> None:
    """A mapping of sources keys records as source:id and can skip within-source pairs."""
    rows = _rows()
    res = gr.resolve({"crm": rows[:4], "shop": rows[4:]}, SCHEMA, link_only=True)
    assert all(k.startswith(("crm:", "shop:")) for k in res.clusters)
    sources = np.array(res.prepared.source_codes)
    assert np.all(sources[res.pairs.left] != sources[res.pairs.right])


def test_schema_is_inferred_and_reported() -> None:
    """Without a schema, resolve infers one and says so."""
    rows = [
        {
            "record_id": p["id"],
            "email": p["email"],
            "first_name": p["first"],
            "last_name": p["last"],
        }
        for p in PEOPLE
    ]
    res = gr.resolve(rows)
    assert res.report.schema_inferred
    assert dict(res.report.schema.fields) == {
        "email": "email",
        "first_name": "given_name",
        "last_name": "family_name",
    }


def test_configuration_mistakes() -> None:
    """Impossible thresholds and unknown columns are refused by name."""
    with pytest.raises(gr.SettingsError, match="threshold"):
        gr.resolve(_rows(), SCHEMA, threshold=1.5)
    bad = gr.Schema(id="id", fields={"mail": "email"})
    with pytest.raises(gr.SettingsError, match="'mail'"):
        gr.resolve(_rows(), bad)
