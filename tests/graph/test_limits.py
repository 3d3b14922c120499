"""Value limits as resolution sets them: which columns, which values, which relation."""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any

import numpy as np
import pytest

import goldenrecord as gr
from goldenrecord.graph._limits import DEFAULT_LIMITS, check_limits, limited_values
from goldenrecord.graph._variants import date_variants, given_variants, name_variants
from goldenrecord.match._prepare import prepare
from goldenrecord.match.model import Matcher, ScoredPairs

SCHEMA = gr.Schema(
    id="id",
    fields={
        "first": "given_name",
        "last": "family_name",
        "dob": "date",
        "email": "email",
    },
)
ROWS = [
    {"id": "1", "first": "Ann", "last": "Lee", "dob": "1980-03-07", "email": "ann@x.io"},
    {"id": "2", "first": "Ann", "last": None, "dob": "1980-03-08", "email": None},
    {"id": "3", "first": "J", "last": "Smith", "dob": None, "email": "js@x.io"},
]


def _no_pairs(n_comparisons: int) -> ScoredPairs:
    empty = np.zeros(0, dtype=np.int64)
    return ScoredPairs(
        empty,
        empty,
        np.zeros((0, n_comparisons), dtype=np.int8),
        np.zeros(0),
        np.zeros(0),
        np.zeros((0, n_comparisons)),
    )


def test_defaults_limit_dates_and_the_whole_name() -> None:
    assert DEFAULT_LIMITS["date"] == 3
    assert DEFAULT_LIMITS["name"] == 3


def test_check_limits_takes_name_and_lists_the_choices() -> None:
    assert check_limits({"name": 4}, {}) == {"name": 4}
    with pytest.raises(gr.SettingsError, match="'names' is neither a field kind, 'name'"):
        check_limits({"names": 4}, {})


def test_dates_and_names_are_limited_by_variant_groups() -> None:
    """Dates go as they are with the date relation; the whole name goes as (words,
    family words) with the name relation; a name of one full word counts as none; the
    given name goes as (given words, whole-name words, date, personal email) with the
    given-name relation, at a limit of 1, and an initial counts as none."""
    prepared = prepare(ROWS, SCHEMA)
    model = Matcher()
    model.comparisons_ = ()
    values, limits, variants = limited_values(
        check_limits(None, prepared.columns),
        prepared,
        model,
        _no_pairs(0),
        np.zeros(0, dtype=bool),
    )
    assert (limits["dob"], limits["_name:words"], limits["email"]) == (3, 3, 5)
    assert limits["_name:given"] == 1
    assert {column: getattr(v, "relation", v) for column, v in variants.items()} == {
        "dob": date_variants,
        "_name:words": name_variants,
        "_name:given": given_variants,
    }
    assert values["_name:given"].tolist() == [
        (("an",), ("an", "li"), "1980-03-07", "ann@x.io"),
        (("an",), ("an",), "1980-03-08", None),
        None,
    ]
    assert values["dob"].tolist() == ["1980-03-07", "1980-03-08", None]
    # name keys: doubled letters collapse, "ee" reads "i"
    assert values["_name:words"].tolist() == [(("an", "li"), ("li",)), None, None]


def test_what_depends_on_the_table_alone_is_worked_out_once_per_table() -> None:
    """Clustering one table twice (``attach``) reads its whole-name and given-name
    values and its relations' answers once: the second call hands back the same
    arrays and relations, with the same answers as the relations themselves. Another
    table (another object, even with equal rows) gets its own."""
    prepared = prepare(ROWS, SCHEMA)
    model = Matcher()
    model.comparisons_ = ()
    limits = check_limits(None, prepared.columns)

    def read(table: Any) -> Any:
        return limited_values(limits, table, model, _no_pairs(0), np.zeros(0, dtype=bool))

    values, _, variants = read(prepared)
    again, _, variants_again = read(prepared)
    for column in ("_name:words", "_name:given"):
        assert again[column] is values[column]
        assert variants_again[column] is variants[column]
    a, b = (("an", "li"), ("li",)), (("ana", "li"), ("li",))
    assert variants["_name:words"](a, b) == variants["_name:words"](b, a) == name_variants(a, b)
    other, _, other_variants = read(prepare(ROWS, SCHEMA))
    assert other["_name:words"] is not values["_name:words"]
    assert other["_name:words"].tolist() == values["_name:words"].tolist()
    assert other_variants["_name:words"] is not variants["_name:words"]


def test_a_limit_of_one_counts_values_as_for_identifiers() -> None:
    prepared = prepare(ROWS, SCHEMA)
    model = Matcher()
    model.comparisons_ = ()
    values, limits, variants = limited_values(
        {"date": 1}, prepared, model, _no_pairs(0), np.zeros(0, dtype=bool)
    )
    assert (limits, variants) == ({"dob": 1}, {})
    # exclusive: a value only one record carries does not count
    assert values["dob"].tolist() == [-1, -1, -1]


def _namesakes() -> list[dict[str, Any]]:
    """Five people called Maria Garcia in one city, three records each, born on five
    different dates; and other people around them."""
    rng = random.Random(3)
    rows: list[dict[str, Any]] = []
    births = ["1980-03-07", "1955-11-21", "1991-06-30", "1972-01-15", "1964-09-02"]
    for p, born in enumerate(births):
        for j in range(3):
            email = f"maria.garcia{p}@example.com" if j < 2 else None
            rows.append({"name": "Maria Garcia", "city": "Madrid", "dob": born, "email": email})
    first = ["ana", "luis", "pedro", "carmen", "jose", "lucia", "pablo", "elena", "jorge"]
    last = ["lopez", "martin", "sanchez", "perez", "gomez", "ruiz", "diaz", "moreno"]
    for i in range(120):
        given, family = rng.choice(first), rng.choice(last)
        born = f"19{rng.randint(40, 99)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        city = rng.choice(["Madrid", "Sevilla", "Bilbao"])
        for _ in range(rng.randint(1, 3)):
            email = f"{given}.{family}{i}@example.com"
            rows.append({"name": f"{given} {family}", "city": city, "dob": born, "email": email})
    for k, row in enumerate(rows):
        row["id"] = f"r{k}"
    return rows


def test_a_permissive_threshold_cannot_chain_namesakes_born_on_other_dates() -> None:
    """Namesakes with different dates of birth match weakly on name and city; at a
    permissive threshold they chain into one profile unless the date limit refuses
    the fourth unrelated date."""
    rows = _namesakes()
    schema = gr.Schema(id="id", fields={"name": "full_name", "city": "city", "dob": "date"})
    plain = gr.resolve(rows, schema, limits={}, threshold=1e-12)
    assert len({plain.clusters[f"r{i}"] for i in range(15)}) == 1
    res = gr.resolve(rows, schema, threshold=1e-12)
    assert res.report.refused.get("dob", 0) > 0
    dates: dict[str, set[str]] = defaultdict(set)
    for row in rows[:15]:  # the five Maria Garcias, born years apart: five date groups
        dates[res.clusters[row["id"]]].add(row["dob"])
    assert max(len(d) for d in dates.values()) <= 3
