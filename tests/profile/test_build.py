"""Profiles cover every record once, with stable ids, and lineage that points at real records."""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import goldenrecord as gr
from goldenrecord import datasets
from goldenrecord.graph import connected_components
from goldenrecord.match._prepare import prepare
from goldenrecord.profile import build_profiles, parse_consent, profile_id_for
from goldenrecord.profile._time import OLDEST, to_micros

from .helpers import FIELDS, SCHEMA, build, labels_for, table


def test_profile_id_is_a_short_stable_hash_of_the_smallest_key() -> None:
    """gp_ + 16 hex digits, the same for the same key, different for different keys."""
    pid = profile_id_for("crm:42")
    assert pid.startswith("gp_")
    assert len(pid) == 19
    int(pid[3:], 16)
    assert pid == profile_id_for("crm:42") != profile_id_for("crm:43")


def test_profile_id_comes_from_the_smallest_member() -> None:
    """A profile's id is the id of its smallest record key; its records are sorted."""
    profiles = build(
        [
            {"id": "b", "person": "X"},
            {"id": "c", "person": "Y"},
            {"id": "a", "person": "X"},
        ]
    )
    assert [(p.profile_id, p.record_ids) for p in profiles] == [
        (profile_id_for("a"), ("a", "b")),
        (profile_id_for("c"), ("c",)),
    ]


def test_labels_may_be_any_integers() -> None:
    """Labels from connected_components or arbitrary cluster numbers give the same profiles."""
    prepared = prepare(table([{"id": str(i)} for i in range(6)]), SCHEMA)
    from_graph = connected_components(6, np.array([0, 2, 4]), np.array([3, 5, 1]))
    arbitrary = np.array([70, 9, 70, 70, 9, -3])  # {0,2,3}, {1,4}, {5}
    assert [p.record_ids for p in build_profiles(prepared, from_graph)] == [
        ("0", "3"),
        ("1", "4"),
        ("2", "5"),
    ]
    assert [p.record_ids for p in build_profiles(prepared, arbitrary)] == [
        ("0", "2", "3"),
        ("1", "4"),
        ("5",),
    ]


def test_labels_of_the_wrong_shape_are_a_settings_error() -> None:
    """Labels must be one integer per prepared record."""
    prepared = prepare(table([{"id": "1"}, {"id": "2"}]), SCHEMA)
    with pytest.raises(gr.SettingsError, match=r"one integer per prepared record \(2\)"):
        build_profiles(prepared, np.array([0, 0, 0]))
    with pytest.raises(gr.SettingsError, match="dtype"):
        build_profiles(prepared, np.array([0.0, 1.0]))


def test_empty_table() -> None:
    """No records, no profiles, and a report that says so."""
    prepared = prepare(table([]), SCHEMA)
    profiles = build_profiles(prepared, np.empty(0, dtype=np.int64))
    assert profiles == []
    assert profiles.report is not None
    assert profiles.report.n_profiles == 0


def test_report_counts_profiles_and_singletons() -> None:
    """The report counts records, profiles and one-record profiles."""
    profiles = build([{"id": "1", "person": "A"}, {"id": "2", "person": "A"}, {"id": "3"}])
    assert profiles.report is not None
    assert (profiles.report.n_records, profiles.report.n_profiles) == (3, 2)
    assert profiles.report.n_singletons == 1
    assert set(profiles.by_id()) == {p.profile_id for p in profiles}


# --- properties over random tables -------------------------------------------------------

EMAILS = ["ana@lima.pt", "ANA@lima.pt", "bo@chen.io", "n/a", "test@test.com", None, "cy@x.org"]
PHONES = ["+33 6 71 93 28 45", "06 71 93 28 45", "+33 7 81 44 20 19", "12", None]
NAMES = ["Ana", "ANA", "Anabela", "Bo", None, ""]
TIMES = [
    "2020-01-01T00:00:00Z",
    "2021-05-01",
    "2021-05-01T02:00:00+02:00",  # the same instant as the line above
    "2023-12-31 23:59:59",
    None,
    "garbage",
]
CONSENT = ["yes", "no", "Opt-Out", "granted", "", None, "maybe", True, 0]

row_strategy = st.fixed_dictionaries(
    {
        "person": st.sampled_from("ABCD"),
        "src": st.sampled_from(["crm", "shop", None]),
        "ts": st.sampled_from(TIMES),
        "email": st.sampled_from(EMAILS),
        "phone": st.sampled_from(PHONES),
        "first": st.sampled_from(NAMES),
        "mkt": st.sampled_from(CONSENT),
    }
)
tables = st.lists(row_strategy, min_size=1, max_size=12).map(
    lambda rows: [{**r, "id": f"r{i:02d}"} for i, r in enumerate(rows)]
)


def _expected_consent(members: list[dict[str, Any]]) -> str:
    """The latest explicit statement, "no" on ties, computed the slow, obvious way."""
    explicit = [
        (OLDEST if (t := to_micros(r["ts"])) is None else t, parse_consent(r["mkt"]))
        for r in members
        if parse_consent(r["mkt"]) != "unknown"
    ]
    if not explicit:
        return "unknown"
    latest = max(t for t, _ in explicit)
    states = {s for t, s in explicit if t == latest}
    return "no" if "no" in states else "yes"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables)
def test_lineage_points_at_members_that_carry_the_value(rows: list[dict[str, Any]]) -> None:
    """Every value's records are members carrying exactly that canonical value, and every
    member carrying a value is listed under it; the golden value is one of them."""
    prepared = prepare(table(rows), SCHEMA)
    person = {r["id"]: r["person"] for r in rows}
    profiles = build_profiles(prepared, labels_for(prepared, person))
    position = {k: i for i, k in enumerate(prepared.keys)}
    for p in profiles:
        for field in FIELDS:
            carriers = {
                k: prepared.columns[field][position[k]]
                for k in p.record_ids
                if prepared.columns[field][position[k]] is not None
            }
            values = p.values(field)
            assert (field in p.attributes) == bool(carriers)
            if not carriers:
                continue
            assert p[field] == values[0]
            assert values[0].chosen
            assert [v.chosen for v in values].count(True) == 1
            listed: list[str] = []
            for v in values:
                assert set(v.record_ids) <= set(p.record_ids)
                assert all(carriers.get(k) == v.canonical for k in v.record_ids)
                assert v.value in [prepared.raw[field][position[k]] for k in v.record_ids]
                listed += v.record_ids
            assert sorted(listed) == sorted(carriers)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables)
def test_every_record_in_exactly_one_profile(rows: list[dict[str, Any]]) -> None:
    """Profiles partition the records, and follow the labels."""
    profiles = build(rows)
    ids = [k for p in profiles for k in p.record_ids]
    assert sorted(ids) == sorted(r["id"] for r in rows)
    assert len(ids) == len(set(ids))
    person = {r["id"]: r["person"] for r in rows}
    for p in profiles:
        assert len({person[k] for k in p.record_ids}) == 1
    assert len(profiles) == len(set(person.values()))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables)
def test_views_carry_values_only_with_consent(rows: list[dict[str, Any]]) -> None:
    """view(p) carries values exactly when the latest explicit statement for p is yes."""
    profiles = build(rows)
    by_person: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_person.setdefault(r["person"], []).append(r)
    for p in profiles:
        members = [r for r in rows if r["id"] in p.record_ids]
        expected = _expected_consent(members)
        assert p.consent("marketing") == expected
        view = p.view("marketing")
        assert view.profile_id == p.profile_id
        assert view.n_records == p.n_records
        if expected == "yes":
            assert not view.withheld
            assert dict(view.attributes) == dict(p.attributes)
        else:
            assert view.withheld
            assert not view.attributes
            assert view.record_ids == ()
        lenient = p.view("marketing", default="yes")
        assert lenient.withheld == (expected == "no")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables, st.randoms(use_true_random=False))
def test_same_profiles_and_ids_for_shuffled_rows(rows: list[dict[str, Any]], rnd: Any) -> None:
    """Shuffling the input rows changes nothing: ids, members, values, lineage, consent."""

    def snapshot(rs: list[dict[str, Any]]) -> list[Any]:
        return [
            (
                p.profile_id,
                p.record_ids,
                {f: p.values(f) for f in p.attributes},
                dict(p.consents),
            )
            for p in build(rs)
        ]

    shuffled = list(rows)
    rnd.shuffle(shuffled)
    assert snapshot(shuffled) == snapshot(rows)


def test_ids_stable_when_shuffling_a_generated_table() -> None:
    """A synthetic customer table in two row orders gives the same profile ids and values."""
    data = datasets.synthetic_customers(60, seed=5)
    schema = data.schema()
    order = list(range(len(data)))
    random.Random(1).shuffle(order)
    shuffled = {c: [v[i] for i in order] for c, v in data.columns.items()}
    results = []
    for columns in (data.columns, shuffled):
        prepared = prepare(columns, schema)
        truth = dict(zip(columns["record_id"], columns["person_id"], strict=True))
        labels = labels_for(prepared, {k: truth[k] for k in prepared.keys})
        profiles = build_profiles(prepared, labels, consent_columns=schema.consent)
        results.append(
            [(p.profile_id, p.record_ids, p.to_dict(), dict(p.consents)) for p in profiles]
        )
    assert results[0] == results[1]
    assert len(results[0]) == 60
