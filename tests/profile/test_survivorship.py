"""Each survivorship rule picks the value it promises, with ties broken by value, not position."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

import goldenrecord as gr
from goldenrecord.profile import DEFAULT_RULES, RULES, GoldenValue

from .helpers import one


def golden(rows: Sequence[dict[str, Any]], field: str, **options: Any) -> GoldenValue:
    value: GoldenValue = one(rows, **options)[field]
    return value


def test_most_recent_email_is_the_latest_one() -> None:
    """Email defaults to most_recent: the value of the latest record wins over a frequent one."""
    rows = [
        {"id": "1", "ts": "2020-01-01", "email": "old@lima.pt"},
        {"id": "2", "ts": "2021-01-01", "email": "old@lima.pt"},
        {"id": "3", "ts": "2023-01-01", "email": "new@lima.pt"},
    ]
    v = golden(rows, "email")
    assert (v.value, v.rule, v.record_ids) == ("new@lima.pt", "most_recent", ("3",))


def test_value_is_the_raw_cell_of_the_latest_carrier() -> None:
    """One canonical email in two spellings: the golden value is the latest record's spelling."""
    rows = [
        {"id": "1", "ts": "2020-01-01", "email": "Ana.Lima@Gmail.com"},
        {"id": "2", "ts": "2022-01-01", "email": "analima+shop@gmail.com"},
    ]
    v = golden(rows, "email")
    assert v.value == "analima+shop@gmail.com"
    assert v.canonical == "analima@gmail.com"
    assert v.record_ids == ("1", "2")


def test_raw_cell_tie_goes_to_the_smallest_key() -> None:
    """Equally recent spellings of one value: the smallest record key's spelling, in any order."""
    a = {"id": "a", "ts": "2022-01-01", "email": "ANA@LIMA.PT"}
    b = {"id": "b", "ts": "2022-01-01", "email": "ana@lima.pt"}
    assert golden([a, b], "email").value == "ANA@LIMA.PT"
    assert golden([b, a], "email").value == "ANA@LIMA.PT"


def test_names_most_frequent_then_longest() -> None:
    """Given names: the most frequent spelling wins, even when older and shorter."""
    rows = [
        {"id": "1", "ts": "2020-01-01", "first": "Ana"},
        {"id": "2", "ts": "2020-02-01", "first": "ANA"},
        {"id": "3", "ts": "2024-01-01", "first": "Anabela"},
    ]
    v = golden(rows, "first")
    assert (v.canonical, v.rule, v.record_ids) == ("ana", "most_frequent", ("1", "2"))
    assert v.value == "Ana"  # the best-formed of the two spellings of "ana", not the latest


def test_names_frequency_tie_goes_to_the_longest() -> None:
    """Equally frequent names: the longest (most complete) wins, even when older."""
    rows = [
        {"id": "1", "ts": "2020-01-01", "last": "Lima Santos"},
        {"id": "2", "ts": "2024-01-01", "last": "Lima"},
    ]
    assert golden(rows, "last").canonical == "lima santos"


def test_date_of_birth_most_frequent() -> None:
    """Date of birth: the date most records agree on, whatever its format."""
    rows = [
        {"id": "1", "ts": "2020-01-01", "dob": "07/03/1980"},
        {"id": "2", "ts": "2020-01-02", "dob": "1980-03-07"},
        {"id": "3", "ts": "2024-01-01", "dob": "1981-03-07"},
    ]
    v = golden(rows, "dob")
    assert (v.canonical, v.rule, v.value) == ("1980-03-07", "most_frequent", "1980-03-07")


def test_identifier_most_frequent() -> None:
    """Identifiers: the most frequent canonical identifier."""
    rows = [
        {"id": "1", "ts": "2024-01-01", "cust": "XY-999"},
        {"id": "2", "ts": "2020-01-01", "cust": " ab-123 "},
        {"id": "3", "ts": "2020-01-01", "cust": "AB123"},
    ]
    assert golden(rows, "cust").canonical == "AB123"


def test_source_priority() -> None:
    """source_priority: the best-placed source wins over a more recent one."""
    rows = [
        {"id": "1", "src": "crm", "ts": "2020-01-01", "email": "crm@lima.pt"},
        {"id": "2", "src": "shop", "ts": "2024-01-01", "email": "shop@lima.pt"},
        {"id": "3", "src": "web", "ts": "2025-01-01", "email": "web@lima.pt"},
    ]
    opts: dict[str, Any] = {"rules": {"email": "source_priority"}}
    v = golden(rows, "email", source_priority=["crm", "shop"], **opts)
    assert (v.value, v.rule, v.sources) == ("crm@lima.pt", "source_priority", ("crm",))
    v = golden(rows, "email", source_priority=["shop", "crm"], **opts)
    assert v.value == "shop@lima.pt"
    # Unlisted sources rank after every listed one.
    assert golden(rows, "email", source_priority=["nowhere"], **opts).value == "web@lima.pt"


def test_source_priority_also_breaks_ties_of_other_rules() -> None:
    """With a source list, equally frequent values go to the better source before recency."""
    rows = [
        {"id": "1", "src": "crm", "ts": "2020-01-01", "cust": "AB1"},
        {"id": "2", "src": "shop", "ts": "2024-01-01", "cust": "ZZ9"},
    ]
    assert golden(rows, "cust").canonical == "ZZ9"  # most recent
    assert golden(rows, "cust", source_priority=["crm"]).canonical == "AB1"


def test_longest() -> None:
    """longest: the most complete address wins over a more recent shorter one."""
    rows = [
        {"id": "1", "ts": "2020-01-01", "addr": "12 Rue de la Paix, Bâtiment B"},
        {"id": "2", "ts": "2024-01-01", "addr": "12 Rue de la Paix"},
    ]
    assert golden(rows, "addr").value == "12 Rue de la Paix"
    v = golden(rows, "addr", rules={"addr": "longest"})
    assert (v.value, v.rule) == ("12 Rue de la Paix, Bâtiment B", "longest")


def test_validated_first_prefers_a_valid_value() -> None:
    """validated_first: a phone that normalized beats a newer one that did not."""
    rows = [
        {"id": "1", "ts": "2020-01-01", "phone": "+33 6 71 93 28 45"},
        {"id": "2", "ts": "2024-01-01", "phone": "12"},
    ]
    v = golden(rows, "phone", rules={"phone": "validated_first"})
    assert (v.canonical, v.validated, v.rule) == ("+33671932845", True, "validated_first")
    values = one(rows, rules={"phone": "validated_first"}).values("phone")
    assert [(x.value, x.validated, x.chosen) for x in values] == [
        ("+33 6 71 93 28 45", True, True),
        ("12", False, False),
    ]


def test_validated_first_falls_back_to_an_invalid_value() -> None:
    """With no valid value, validated_first shows what a member wrote; other rules show none."""
    rows = [{"id": "1", "ts": "2020-01-01", "phone": " 12 "}]
    v = golden(rows, "phone", rules={"phone": "validated_first"})
    assert (v.value, v.canonical, v.validated, v.record_ids) == (" 12 ", "12", False, ("1",))
    with pytest.raises(KeyError):
        golden(rows, "phone")


def test_rule_chain() -> None:
    """A sequence of rules: later rules break the ties of earlier ones."""
    rows = [
        {"id": "1", "ts": "2020-01-01", "first": "Joana"},
        {"id": "2", "ts": "2024-01-01", "first": "Maria"},
        {"id": "3", "ts": "2022-01-01", "first": "Ana"},
    ]
    v = golden(rows, "first", rules={"first": ("longest", "most_recent")})
    assert (v.canonical, v.rule) == ("maria", "longest")


def test_rules_by_kind() -> None:
    """Rules can be given per kind; a column's own rule wins over its kind's."""
    rows = [
        {"id": "1", "ts": "2020-01-01", "first": "Anabela", "last": "Lima Santos"},
        {"id": "2", "ts": "2024-01-01", "first": "Ana", "last": "Lima"},
        {"id": "3", "ts": "2024-01-02", "first": "Ana", "last": "Lima"},
    ]
    p = one(rows, rules={"given_name": "longest", "family_name": "longest", "last": "most_recent"})
    assert p["first"].canonical == "anabela"
    assert p["last"].canonical == "lima"


def test_callable_rule() -> None:
    """A callable gets the ranked candidates and picks one (by object or position)."""
    rows = [
        {"id": "1", "ts": "2020-01-01", "email": "a@lima.pt"},
        {"id": "2", "ts": "2024-01-01", "email": "b@lima.pt"},
        {"id": "3", "ts": "2022-01-01", "email": "c@lima.pt"},
    ]
    seen: list[tuple[str, ...]] = []

    def oldest_first(candidates: Sequence[GoldenValue]) -> GoldenValue:
        seen.append(tuple(c.canonical for c in candidates))
        return min(candidates, key=lambda c: c.first_seen or c.last_seen)  # type: ignore[arg-type,return-value]

    p = one(rows, rules={"email": oldest_first})
    assert (p["email"].value, p["email"].rule) == ("a@lima.pt", "oldest_first")
    assert seen == [("b@lima.pt", "c@lima.pt", "a@lima.pt")]  # ranked by the default rule
    assert [v.canonical for v in p.values("email")] == ["a@lima.pt", "b@lima.pt", "c@lima.pt"]
    assert one(rows, rules={"email": lambda c: 1})["email"].value == "c@lima.pt"


def test_callable_rule_must_return_a_candidate() -> None:
    """A callable returning something else is a SettingsError naming the field."""
    rows = [{"id": "1", "email": "a@lima.pt"}, {"id": "2", "email": "b@lima.pt"}]
    with pytest.raises(gr.SettingsError, match="'email'"):
        one(rows, rules={"email": lambda c: "a@lima.pt"})
    with pytest.raises(gr.SettingsError, match="'email'"):
        one(rows, rules={"email": lambda c: 5})


def test_callable_not_called_for_a_single_value() -> None:
    """A profile with one distinct value never asks the callable."""

    def explode(candidates: Sequence[GoldenValue]) -> GoldenValue:
        raise AssertionError("called")

    p = one([{"id": "1", "email": "a@lima.pt"}], rules={"email": explode})
    assert p["email"].value == "a@lima.pt"


@pytest.mark.parametrize("rule", [*RULES, ("most_frequent", "longest")])
def test_ties_never_follow_input_order(rule: Any) -> None:
    """Two values equal on every rule: the smallest record key's value wins in any row order."""
    a = {"id": "1", "src": "crm", "ts": "2022-01-01", "email": "zed@lima.pt"}
    b = {"id": "2", "src": "crm", "ts": "2022-01-01", "email": "amy@lima.pt"}
    opts: dict[str, Any] = {"rules": {"email": rule}, "source_priority": ["crm"]}
    assert golden([a, b], "email", **opts).canonical == "zed@lima.pt"
    assert golden([b, a], "email", **opts).canonical == "zed@lima.pt"
    a["id"], b["id"] = "2", "1"
    assert golden([a, b], "email", **opts).canonical == "amy@lima.pt"
    assert golden([b, a], "email", **opts).canonical == "amy@lima.pt"


def test_unparseable_times_rank_oldest_and_are_counted() -> None:
    """A record with an unreadable updated_at loses most_recent to any dated record."""
    rows = [
        {"id": "1", "ts": "yesterday", "email": "undated@lima.pt"},
        {"id": "2", "ts": "1999-01-01", "email": "dated@lima.pt"},
        {"id": "3", "ts": None, "email": "missing@lima.pt"},
    ]
    p = one(rows)
    assert p["email"].value == "dated@lima.pt"
    undated = next(v for v in p.values("email") if v.canonical == "undated@lima.pt")
    assert (undated.first_seen, undated.last_seen) == (None, None)
    from .helpers import build

    report = build(rows).report
    assert report is not None
    assert (report.updated_at_unparseable, report.updated_at_missing) == (1, 1)


def test_invalid_rule_names_list_the_choices() -> None:
    """An unknown rule is a SettingsError naming the field, the rule and every choice."""
    with pytest.raises(gr.SettingsError) as err:
        one([{"id": "1"}], rules={"email": "newest", "first": ("most_frequent", "shortest")})
    message = str(err.value)
    assert "'email'" in message
    assert "'newest'" in message
    assert "'first'" in message
    assert "'shortest'" in message
    assert all(rule in message for rule in RULES)


def test_unknown_rule_key_and_missing_source_list() -> None:
    """Rules for a field that is not in the schema, or source_priority without a list."""
    with pytest.raises(gr.SettingsError, match=r"'nickname'.*neither a field"):
        one([{"id": "1"}], rules={"nickname": "longest"})
    with pytest.raises(gr.SettingsError, match=r"source_priority=\[\.\.\.\]"):
        one([{"id": "1"}], rules={"email": "source_priority"})
    with pytest.raises(gr.SettingsError, match="list of source names"):
        one([{"id": "1"}], source_priority="crm")


def test_every_kind_has_a_default() -> None:
    """Every field kind has a default rule chain made of known rules."""
    assert set(DEFAULT_RULES) == set(gr.FIELD_KINDS)
    assert all(chain and set(chain) <= set(RULES) for chain in DEFAULT_RULES.values())
    assert DEFAULT_RULES["email"][0] == DEFAULT_RULES["phone"][0] == "most_recent"
    assert DEFAULT_RULES["address"][0] == "most_recent"
    assert DEFAULT_RULES["given_name"] == ("most_frequent", "longest")


def test_missing_attribute_is_a_key_error_with_the_field_name_only() -> None:
    """No member carries a value: KeyError('email'); not a schema field: SettingsError."""
    p = one([{"id": "1", "email": "n/a", "first": "Ana"}])
    with pytest.raises(KeyError) as err:
        p["email"]
    assert err.value.args == ("email",)
    assert "email" not in p.attributes
    assert "first" in p.attributes
    assert p.get("email") is None
    with pytest.raises(gr.SettingsError, match=r"'nickname'.*email, phone"):
        p["nickname"]
    with pytest.raises(gr.SettingsError, match="'nickname'"):
        p.values("nickname")
    assert p.values("email") == ()


def test_values_keep_every_distinct_value_with_lineage() -> None:
    """values(): every distinct phone, golden first, each with its records, sources, times."""
    rows = [
        {"id": "1", "src": "crm", "ts": "2020-01-01", "phone": "06 71 93 28 45"},
        {"id": "2", "src": "shop", "ts": "2021-06-01", "phone": "+33 6 71 93 28 45"},
        {"id": "3", "src": "pos", "ts": "2023-01-01", "phone": "+33 7 81 44 20 19"},
        {"id": "4", "src": "pos", "ts": "2019-01-01", "phone": None},
    ]
    values = one(rows).values("phone")
    assert [(v.canonical, v.record_ids, v.sources, v.chosen) for v in values] == [
        ("+33781442019", ("3",), ("pos",), True),
        ("+33671932845", ("1", "2"), ("crm", "shop"), False),
    ]
    older = values[1]
    assert older.first_seen is not None
    assert older.last_seen is not None
    assert (older.first_seen.year, older.last_seen.year, older.n_records) == (2020, 2021, 2)
    assert older.value == "+33 6 71 93 28 45"


def test_large_profile_keeps_key_order() -> None:
    """In a profile of hundreds of records, record ids stay sorted and equally recent
    spellings of one value show the smallest key's spelling."""
    spellings = ["ana@lima.pt", "bo@chen.io", "ANA@lima.pt", "BO@chen.io", "Ana@Lima.PT"]
    rows = [
        {"id": f"r{(i * 7919) % 500:03d}", "ts": "2022-01-01", "email": spellings[i % 5]}
        for i in range(500)
    ]
    for v in one(rows).values("email"):
        carriers = sorted(r["id"] for r in rows if r["email"].lower() == v.canonical)
        assert v.record_ids == tuple(carriers)
        assert v.value == next(r["email"] for r in rows if r["id"] == carriers[0])


def test_name_shows_its_best_formed_spelling() -> None:
    """Issue 18: "deluca" was shown because its record was the latest; among spellings
    that normalise alike a name shows the mixed-case one, then the most common."""
    rows = [
        {"id": "1", "ts": "2020-01-01", "last": "DeLuca"},
        {"id": "2", "ts": "2021-01-01", "last": "DELUCA"},
        {"id": "3", "ts": "2023-01-01", "last": "deluca"},
    ]
    v = golden(rows, "last")
    assert v.value == "DeLuca"
    assert v.record_ids == ("1", "2", "3")  # lineage still names every carrier
    assert v.rule == "most_frequent"


def test_email_shows_the_spelling_most_records_carry() -> None:
    """Not a name: case is not judged, but the spelling of two records beats the latest one's."""
    rows = [
        {"id": "1", "ts": "2020-01-01", "email": "Ana.Lima@lima.pt"},
        {"id": "2", "ts": "2021-01-01", "email": "Ana.Lima@lima.pt"},
        {"id": "3", "ts": "2023-01-01", "email": "ana.lima@lima.pt"},
    ]
    assert golden(rows, "email").value == "Ana.Lima@lima.pt"


def test_an_abbreviation_gives_way_to_the_name_it_abbreviates() -> None:
    """Issue 18: "SP" won over "São Paulo"; initials never win over the full value of
    the same profile, even where the rule (most frequent here) would pick them."""
    rows = [
        {"id": "1", "ts": "2020-01-01", "first": "Anna Maria", "email": "am@lima.pt"},
        {"id": "2", "ts": "2022-01-01", "first": "AM", "email": "am@lima.pt"},
        {"id": "3", "ts": "2023-01-01", "first": "AM", "email": "am@lima.pt"},
    ]
    v = golden(rows, "first")
    assert (v.value, v.record_ids, v.rule) == ("Anna Maria", ("1",), "most_frequent")
