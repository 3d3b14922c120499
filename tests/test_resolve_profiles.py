"""gr.resolve from matches to profiles: constraints, shared values, consent, stable ids."""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goldenrecord as gr
from goldenrecord.datasets import load_sample, synthetic_customers
from goldenrecord.profile import parse_consent

SCHEMA = gr.Schema(
    id="id",
    updated_at="updated",
    fields={
        "first": "given_name",
        "last": "family_name",
        "email": "email",
        "phone": "phone",
        "dob": "date",
        "customer": "identifier",
    },
    consent={"profiling": "ok_profiling", "marketing": "ok_marketing"},
)


def _row(id_: str, first: str, **cells: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": id_,
        "first": first,
        "last": "Lindqvist",
        "email": f"{first.lower()}.lindqvist@fastmail.se",
        "phone": "+46 70 123 45 67",
        "dob": "1984-06-01",
        "customer": None,
        "updated": "2024-01-01",
        "ok_profiling": None,
        "ok_marketing": None,
    }
    row.update(cells)
    return row


def _pair(**cells: Any) -> list[dict[str, Any]]:
    return [_row("a", "Ingrid"), _row("b", "Ingrid", **cells)]


def test_twin_records_merge_without_constraints() -> None:
    res = gr.resolve(_pair(), SCHEMA)
    assert res.clusters["a"] == res.clusters["b"]
    assert len(res.profiles) == 1


def _two_numbers() -> list[dict[str, Any]]:
    """Four twin records: two confirm one customer number, two another."""
    return [
        _row("a1", "Ingrid", customer="C-1001"),
        _row("a2", "Ingrid", customer="C-1001"),
        _row("b1", "Ingrid", customer="C-7342"),
        _row("b2", "Ingrid", customer="C-7342"),
    ]


def test_an_exclusive_identifier_refuses_the_merge_and_says_why() -> None:
    res = gr.resolve(_two_numbers(), SCHEMA)
    c = res.clusters
    assert c["a1"] == c["a2"] != c["b1"] == c["b2"]
    assert res.report.refused["customer"] >= 1
    why = res.why("a1", "b1")
    assert not why.same_cluster
    assert "customer" in str(why)


def test_a_number_only_one_record_carries_does_not_split() -> None:
    """A one-off number may be mistyped: exclusivity needs two records behind a value."""
    rows = [*_two_numbers()[:2], _row("x", "Ingrid", customer="C-5555")]
    res = gr.resolve(rows, SCHEMA)
    assert len(set(res.clusters.values())) == 1


def test_a_number_one_typo_away_is_the_same_number() -> None:
    rows = [*_two_numbers()[:2], _row("x1", "Ingrid", customer="C-1002")]
    rows.append(_row("x2", "Ingrid", customer="C-1002"))
    res = gr.resolve(rows, SCHEMA)
    assert len(set(res.clusters.values())) == 1
    assert res.report.refused == {}


def test_limits_can_be_lifted() -> None:
    res = gr.resolve(_two_numbers(), SCHEMA, limits={})
    assert len(set(res.clusters.values())) == 1


def test_invalid_limits_are_named() -> None:
    with pytest.raises(gr.SettingsError, match=r"'colour'.*kinds"):
        gr.resolve(_pair(), SCHEMA, limits={"colour": 2})
    with pytest.raises(gr.SettingsError, match="at least 1"):
        gr.resolve(_pair(), SCHEMA, limits={"email": 0})


def test_a_record_that_said_no_for_the_purpose_stays_alone() -> None:
    rows = _pair(ok_profiling="no")
    assert gr.resolve(rows, SCHEMA).clusters["a"] == gr.resolve(rows, SCHEMA).clusters["b"]
    res = gr.resolve(rows, SCHEMA, purpose="profiling")
    assert res.clusters["a"] != res.clusters["b"]
    assert res.consent_withheld == ("b",)
    assert res.report.consent_withheld == 1
    assert res.report.purpose == "profiling"


def test_an_unknown_purpose_is_a_settings_error() -> None:
    with pytest.raises(gr.SettingsError, match=r"'billing'.*profiling, marketing"):
        gr.resolve(_pair(), SCHEMA, purpose="billing")


def test_must_link_and_cannot_link_are_respected() -> None:
    rows = [*_pair(), _row("c", "Sven", last="Berg", email="sven@x.se", phone=None, dob=None)]
    res = gr.resolve(rows, SCHEMA, cannot_link=[("a", "b")], must_link=[("a", "c")])
    assert res.clusters["a"] != res.clusters["b"]
    assert res.clusters["a"] == res.clusters["c"]


def test_link_pairs_naming_unknown_records_are_refused() -> None:
    with pytest.raises(gr.SettingsError, match="1 pair"):
        gr.resolve(_pair(), SCHEMA, must_link=[("a", "zz")])


def test_an_office_inbox_is_shared_and_no_evidence() -> None:
    names = ["Ada", "Bo", "Cleo", "Dag"]
    rows = [
        _row(f"r{i}", n, last=f"Family{i}", email="info@acme-tools.se", phone=None, dob=None)
        for i, n in enumerate(names)
    ]
    res = gr.resolve(rows, SCHEMA)
    assert res.report.shared_values == {"email": 1}
    assert res.shared.values == {"email": ("info@acme-tools.se",)}
    assert len(set(res.clusters.values())) == len(names)
    # The profiles still show the value: it is a real address, only not evidence.
    assert all(p["email"].canonical == "info@acme-tools.se" for p in res.profiles)
    email = next(c for c in res.explain("r0", "r1").contributions if c.comparison == "email")
    assert email.shared
    assert email.total == 0
    assert "shared by many people" in email.sentence
    kept = gr.resolve(rows, SCHEMA, shared_min_people=None)
    assert kept.report.shared_values == {}


def test_profiles_cover_every_record_once_with_clusters_ids() -> None:
    table = load_sample()
    res = gr.resolve(table.columns, table.schema())
    seen = [k for p in res.profiles for k in p.record_ids]
    assert sorted(seen) == sorted(res.clusters)
    for p in res.profiles:
        assert {res.clusters[k] for k in p.record_ids} == {p.profile_id}
        for field in p.attributes:
            assert set(p[field].record_ids) <= set(p.record_ids)


def test_exports_go_through_the_consent_view() -> None:
    other = _row("c", "Sven", last="Berg", email="s@x.se", phone=None, dob="1990-01-02")
    rows = [*_pair(ok_marketing="yes"), other]
    res = gr.resolve(rows, SCHEMA)
    frame = res.to_pandas(purpose="marketing").set_index("profile_id")
    yes = frame.loc[res.clusters["a"]]
    withheld = frame.loc[res.clusters["c"]]
    assert yes["first"] == "Ingrid"
    assert withheld.drop(["n_records", "consent_marketing", "consent_profiling"]).isna().all()
    lineage = res.lineage_frame()
    assert set(lineage["profile_id"]) == set(res.clusters.values())


@settings(max_examples=3, deadline=None)
@given(st.randoms(use_true_random=False))
def test_profiles_and_ids_do_not_depend_on_input_order(rnd: random.Random) -> None:
    table = load_sample()
    rows = list(table.records())
    base = gr.resolve(rows, table.schema())
    rnd.shuffle(rows)
    again = gr.resolve(rows, table.schema())
    assert again.clusters == base.clusters
    assert [p.record_ids for p in again.profiles] == [p.record_ids for p in base.profiles]
    assert [p.to_dict() for p in again.profiles] == [p.to_dict() for p in base.profiles]


def test_no_record_that_said_no_shares_a_profile() -> None:
    table = load_sample()
    res = gr.resolve(table.columns, table.schema(), purpose="profiling")
    withheld = set(res.consent_withheld)
    assert withheld
    for p in res.profiles:
        if p.n_records > 1:
            assert not withheld & set(p.record_ids)


def test_the_bundled_sample_resolves_well() -> None:
    """End to end on the shipped multilingual sample with its truth."""
    table = load_sample()
    res = gr.resolve(table.columns, table.schema())
    ev = gr.evaluate(res.clusters, table.truth)
    assert ev.bcubed_f1 >= 0.9
    assert ev.pairwise_precision >= 0.85


@settings(max_examples=6, deadline=None)
@given(st.integers(20, 70), st.integers(0, 10_000), st.randoms(use_true_random=False))
def test_invariants_on_generated_tables(people: int, seed: int, rnd: random.Random) -> None:
    """On generated customer tables: nothing lost, order-free ids, lineage and consent hold."""
    table = synthetic_customers(people, seed=seed)
    schema = table.schema()
    rows = list(table.records())
    res = gr.resolve(rows, schema, purpose="profiling")
    # Every record in exactly one profile, and the profile is the one res.clusters names.
    members = [k for p in res.profiles for k in p.record_ids]
    assert sorted(members) == sorted(r["record_id"] for r in rows)
    # Shuffled input: identical profiles and ids.
    rnd.shuffle(rows)
    again = gr.resolve(rows, schema, purpose="profiling")
    assert again.clusters == res.clusters
    by_key = {r["record_id"]: r for r in rows}
    canonical = res.prepared.columns
    position = {k: i for i, k in enumerate(res.prepared.keys)}
    withheld = set(res.consent_withheld)
    for p in res.profiles:
        assert {res.clusters[k] for k in p.record_ids} == {p.profile_id}
        # Every golden value's records are members and carry that value.
        for field, value in p.attributes.items():
            assert set(value.record_ids) <= set(p.record_ids)
            for k in value.record_ids:
                assert canonical[field][position[k]] == value.canonical
        # No record that said no for the purpose shares a profile.
        if p.n_records > 1:
            assert not withheld & set(p.record_ids)
        # A view carries values only when the latest explicit statement is yes.
        for purpose, column in schema.consent.items():
            view = p.view(purpose)
            statements = [
                (by_key[k]["updated_at"] or "", parse_consent(by_key[k][column]))
                for k in p.record_ids
            ]
            explicit = sorted(
                (s for s in statements if s[1] != "unknown"), key=lambda s: (s[0], s[1] == "no")
            )
            latest = explicit[-1][1] if explicit else "unknown"
            assert p.consent(purpose) == latest
            assert view.withheld == (latest != "yes")
            if view.withheld:
                assert not view.attributes
                assert not view.record_ids


def test_loose_blocking_scales_the_candidate_pairs() -> None:
    table = load_sample()
    sizes = [
        len(gr.resolve(table.columns, table.schema(), exhaustive_limit=0, loose_blocking=x).pairs)
        for x in (0.0, 1.0)
    ]
    assert 0 < sizes[0] < sizes[1]
