"""Names compared once: full, given and family name fields as one comparison."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import goldenrecord as gr
from goldenrecord.datasets import synthetic_customers
from goldenrecord.match import all_pairs, prepare
from goldenrecord.match._location import model_comparisons
from goldenrecord.match._names import (
    NAME,
    NAME_COLUMN,
    folds_names,
    name_comparison,
    same_given_levels,
)
from goldenrecord.match.compare import Comparison, compute_levels
from goldenrecord.match.model import Matcher, household_comparisons

FIELDS = {"full": "full_name", "first": "given_name", "last": "family_name", "dob": "date"}


def _table(rows: list[tuple[Any, Any, Any]]) -> dict[str, list[Any]]:
    return {
        "id": [f"r{i}" for i in range(len(rows))],
        "full": [r[0] for r in rows],
        "first": [r[1] for r in rows],
        "last": [r[2] for r in rows],
        "dob": [None] * len(rows),
    }


def _level(rows: list[tuple[Any, Any, Any]], fields: dict[str, str] = FIELDS) -> str:
    """The name comparison's level label for records 0 and 1 of ``rows``."""
    schema = gr.Schema(id="id", fields=fields)
    prepared = prepare(_table(rows), schema)
    comparison = name_comparison(fields)
    assert comparison is not None
    # records are in key order: r0, r1
    level = compute_levels([comparison], prepared.columns, np.array([0]), np.array([1]))[0, 0]
    return comparison.level_labels[level]


def test_every_name_field_forms_one_comparison() -> None:
    """Regression: full_name, given_name and family_name each had a comparison of their
    own, so one name agreement was counted three times."""
    comps = model_comparisons(FIELDS)
    assert [c.name for c in comps] == [NAME, "dob"]
    reading = {col.split(":")[0] for c in comps if c.name == NAME for col in c.required_columns}
    assert reading == {"_name"}  # only the derived columns, built from all three fields


@pytest.mark.parametrize(
    ("fields", "folded"),
    [
        ({"first": "given_name", "last": "family_name"}, True),
        ({"name": "full_name"}, True),
        ({"name": "full_name", "first": "given_name"}, True),
        ({"first": "given_name"}, False),
        ({"last": "family_name", "dob": "date"}, False),
    ],
)
def test_names_fold_with_a_full_name_or_two_name_fields(
    fields: dict[str, str], folded: bool
) -> None:
    assert folds_names(fields) is folded
    assert (NAME in [c.name for c in model_comparisons(fields)]) is folded


@pytest.mark.parametrize(
    ("rows", "label"),
    [
        ([("Ada Lovelace", None, None), (None, "Ada", "Lovelace")], "exact"),
        (
            [("Ada K Lovelace", "Ada", "Lovelace"), (None, "ADA", "lovelace")],
            "given and family agree",
        ),
        ([(None, "Ada", "Lovelace"), (None, "Lovelace", "Ada")], "given and family swapped"),
        ([(None, "Иван", "Петров"), (None, "Ivan", "Petrov")], "given and family agree"),
        ([(None, "Bob", "Smith"), (None, "Robert", "Smith")], "nickname of the given name, ..."),
        ([(None, "J.", "Smith"), (None, "John", "Smith")], "given initial, same family"),
        ([(None, "Ada", None), (None, "Ada", "Lovelace")], "same given, family missing"),
        ([(None, None, "Lovelace"), (None, "Ada", "Lovelace")], "same family, given missing"),
        ([(None, "Jane", "Smith"), (None, "Mary", "Smith")], "same family, different given"),
        ([(None, "Jane", "Smith"), (None, "John", "Smith")], "same family, same given initial"),
        # A nickname (or typo) of the given name and a variant of the family name.
        ([(None, "Percy", "Reeve"), (None, "Percival", "Reeves")], "similar given and family"),
        ([(None, "Mary", "Reeve"), (None, "Kate", "Reeves")], "similar family, different given"),
        # A one-word name with a typo, against a word of the other name, or one word each.
        ([("Waltoh", None, None), ("Walton Corbould", None, None)], "one word, like a word"),
        ([(None, None, "Prcie"), (None, "Isla", "Price")], "one word, like a word"),
        ([("m0rgan", None, None), ("morgan", None, None)], "one word, like a word"),
        # A given name's variant or typo is not a second person of the family.
        ([(None, "Elizabeth", "Smith"), (None, "Eliza", "Smith")], "same family, similar given"),
        (
            [(None, "Ann", "Christensen"), (None, "Ann", "Christiansson")],
            "same given, similar family",
        ),
        ([(None, "John", "Brown"), (None, "John", "Smith")], "same given, different family"),
        ([(None, "Barker", "Matilda"), (None, "Matilda", None)], "given of one, family of ..."),
        ([(None, "Ada", "Lovelace"), (None, "Grace", "Hopper")], "all other"),
        ([(None, "Ada", "Lovelace"), (None, None, None)], "missing"),
        ([(None, "Jennifer", None), (None, None, "Harris")], "missing"),
    ],
)
def test_levels_read_the_best_representation_both_records_have(
    rows: list[tuple[Any, Any, Any]], label: str
) -> None:
    assert _level(rows).startswith(label.removesuffix("..."))


def test_a_full_name_meets_given_and_family_names() -> None:
    """A record with only a full name is split, so it meets a record with only given
    and family names on "given and family agree" even when the full name has more words."""
    rows = [("Thomas Alva Edison", None, None), (None, "Thomas", "Edison")]
    assert _level(rows) == "given and family agree"


def test_a_title_alone_in_the_given_name_field_is_not_a_given_name() -> None:
    """Regression: "Sir" in the given-name field was read as a given name, so Sir Paton
    and Joseph Paton were two people of one family and two knights of one family name
    agreed on "given and family"; the full name gives the given name where it can."""
    assert _level([("Paton", "Sir", "Paton"), (None, "Joseph", "Paton")]) == (
        "same family, given missing"
    )
    rows = [("Arthur Wheeler", "Sir", "Wheeler"), (None, "Arthur", "Wheeler")]
    assert _level(rows) == "exact"


def test_one_given_name_each_is_not_an_exact_name() -> None:
    """Two records holding only a given name agree on it, not on a whole name."""
    assert _level([(None, "Lily", None), (None, "Lily", None)]) == "same given, family missing"


def test_a_single_letter_given_name_is_an_initial_two_given_names_are_not() -> None:
    """Siblings with one initial are "same family, same given initial", not "initial"."""
    assert _level([(None, "Paul", "Smith"), (None, "Peter", "Smith")]) == (
        "same family, same given initial"
    )


def test_a_given_name_against_a_family_name_is_no_evidence() -> None:
    """Regression: a record with only a given name and one with only a family name
    (two sources, each keeping one part) landed on "all other", about 4 bits against
    a match that the separate name comparisons never charged (both were missing)."""
    assert _level([(None, "Jennifer", None), (None, None, "Harris")]) == "missing"
    assert _level([("Min", None, None), (None, None, "Hu")]) == "missing"
    # Parts in common that disagree are still a disagreement.
    assert _level([(None, "Jennifer", None), (None, "Maria", "Harris")]) == "all other"
    assert _level([(None, None, "Harris"), (None, None, "Walker")]) == "all other"


def test_the_comparable_columns_survive_json_and_are_checked() -> None:
    comparison = name_comparison(FIELDS)
    assert comparison is not None
    assert comparison.comparable
    assert Comparison.from_dict(comparison.to_dict()) == comparison
    with pytest.raises(gr.SettingsError, match="comparable"):
        Comparison("n", comparison.levels, column=NAME_COLUMN, comparable=("",))


def test_the_household_class_holds_the_levels_where_given_names_agree() -> None:
    """Regression: the household class learned its own name table freely and took one
    person's records (exact name, same address) for a family, which pushed exact
    emails into the non-match tables. People of one family have given names of their
    own: the levels where the given names agree are held at ``u``."""
    comparison = name_comparison(FIELDS)
    assert comparison is not None
    held = same_given_levels(comparison)
    labels = [comparison.level_labels[i] for i in held]
    assert "exact" in labels
    assert "same given, different family" in labels
    assert "same family, different given" not in labels
    table = synthetic_customers(1_500, seed=3)
    res = gr.resolve(table.columns, table.schema())
    k = [c.name for c in res.matcher.comparisons_].index(NAME)
    household = res.matcher.household_probabilities_[k]
    assert household is not None
    u = res.matcher.u_probabilities_[k]
    np.testing.assert_allclose(household[list(held)], u[list(held)])
    assert household[comparison.level_labels.index("same family, different given")] > 0.1


def test_nicknames_are_looked_up_on_the_written_given_name() -> None:
    """Regression: the nickname level looked nicknames up on the given names' keys
    ("bily", "wilie"), which the nickname table does not hold, so Billy and Willie
    Smith were "same family, different given" beside William Smith."""
    for nickname in ("Billy", "Willie", "Charlie"):
        formal = {"Charlie": "Charles"}.get(nickname, "William")
        rows = [(None, nickname, "Smith"), (None, formal, "Smith")]
        assert _level(rows) == "nickname of the given name, same family"


def test_levels_are_symmetric() -> None:
    rows = [
        (None, "J.", "Smith"),
        (None, "John", "Smith"),
        (None, "Ada", None),
        (None, "Ada", "Lovelace"),
        (None, "Barker", "Matilda"),
        (None, "Matilda", None),
    ]
    prepared = prepare(_table(rows), gr.Schema(id="id", fields=FIELDS))
    comparison = name_comparison(FIELDS)
    assert comparison is not None
    pairs = all_pairs(len(prepared))
    forward = compute_levels([comparison], prepared.columns, pairs.left, pairs.right)
    backward = compute_levels([comparison], prepared.columns, pairs.right, pairs.left)
    np.testing.assert_array_equal(forward, backward)


def test_the_household_class_holds_the_name_comparison() -> None:
    """Two people of one family land on "same family, different given": the household
    class needs the name comparison among its own."""
    fields = {"first": "given_name", "last": "family_name", "street": "address", "dob": "date"}
    comps = model_comparisons(fields)
    own = dict(zip([c.name for c in comps], household_comparisons(comps, fields), strict=True))
    assert own[NAME] is True
    assert own["dob"] is False
    assert "same family, different given" in comps[0].level_labels


def test_term_frequencies_read_the_whole_name() -> None:
    comparison = name_comparison(FIELDS)
    assert comparison is not None
    assert comparison.term_frequency
    assert comparison.tf_column != NAME_COLUMN  # exact needs two words or more
    assert comparison.levels[0].column == comparison.tf_column


def test_same_name_alone_is_not_a_match_when_name_fields_repeat_each_other() -> None:
    """Regression: with full_name, given_name and family_name all mapped, two different
    people of one name (different dates of birth) were matched, the name agreement
    counted once per field. One name comparison leaves them apart, while records of one
    person (same name and date of birth) still match."""
    rng = np.random.default_rng(3)
    given = ["john", "mary", "james", "anna", "peter", "sara", "david", "laura"]
    family = ["smith", "jones", "brown", "taylor", "wilson", "evans", "walker", "wright"]
    rows: list[dict[str, Any]] = []
    for person in range(300):
        g, f = given[person % 8], family[(person // 8) % 8]
        dob = f"19{rng.integers(30, 99)}-{rng.integers(1, 12):02d}-{rng.integers(1, 28):02d}"
        for copy in range(2):
            rows.append(
                {
                    "id": f"p{person}-{copy}",
                    "full": f"{g} {f}",
                    "first": g,
                    "last": f,
                    "dob": dob,
                    "person": person,
                }
            )
    res = gr.resolve(rows, gr.Schema(id="id", fields=FIELDS))
    truth = {r["id"]: r["person"] for r in rows}
    ev = gr.evaluate(res.clusters, truth)
    assert [c.name for c in res.matcher.comparisons_] == [NAME, "dob"]
    assert ev.pairwise_precision > 0.95
    assert ev.pairwise_recall > 0.95


def test_explanations_add_up_with_the_name_comparison() -> None:
    table = synthetic_customers(300, seed=5)
    res = gr.resolve(table.columns, table.schema())
    assert NAME in [c.name for c in res.matcher.comparisons_]
    keys = res.prepared.keys
    for i in range(0, len(res.pairs), max(len(res.pairs) // 20, 1)):
        a, b = keys[res.pairs.left[i]], keys[res.pairs.right[i]]
        e = res.explain(a, b)
        total = e.prior + sum(c.total for c in e.contributions) + e.lookalike
        assert total == pytest.approx(res.pairs.weight[i], abs=1e-6) or e.deterministic


def test_matcher_json_round_trip_keeps_the_name_comparison() -> None:
    table = synthetic_customers(200, seed=6)
    prepared = prepare(table.columns, table.schema())
    pairs = all_pairs(len(prepared))
    model = Matcher().fit(prepared, pairs.left, pairs.right)
    again = Matcher.from_json(model.to_json())
    assert again.comparisons_ == model.comparisons_
    np.testing.assert_allclose(
        again.score(prepared, pairs.left, pairs.right).weight,
        model.score(prepared, pairs.left, pairs.right).weight,
    )
