"""Comparison levels: each level's predicate, the default comparisons, symmetry, JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler

from goldenrecord.errors import SettingsError
from goldenrecord.match import _comparators
from goldenrecord.match.compare import (
    MISSING_LEVEL,
    Comparison,
    Level,
    compute_levels,
    default_comparisons,
    jaro,
    jaro_winkler,
    ratio,
    register_scorer,
    token_set,
)
from goldenrecord.schema import FIELD_KINDS

ObjArray = npt.NDArray[np.object_]


def _obj(values: Sequence[Any]) -> ObjArray:
    out = np.empty(len(values), dtype=object)
    out[:] = list(values)
    return out


def _pairwise(comparison: Comparison, pairs: Sequence[tuple[Any, Any]]) -> list[int]:
    """Levels of (a, b) value pairs: record 2i holds a, record 2i+1 holds b."""
    values = [v for pair in pairs for v in pair]
    cols = {col: _obj(values) for col in comparison.required_columns}
    left = np.arange(0, len(values), 2)
    levels = compute_levels([comparison], cols, left, left + 1)
    return [int(x) for x in levels[:, 0]]


def _one(level: Level) -> Comparison:
    return Comparison("x", levels=(level,))


# -- each level constructor: (a, b) -> 0 when it holds, 1 ("all other") when not -------------

LEVEL_CASES: list[tuple[Level, Any, Any, int]] = [
    (Level.exact(label="l"), "ana", "ana", 0),
    (Level.exact(label="l"), "ana", "anna", 1),
    (Level.exact(label="l"), None, "ana", MISSING_LEVEL),
    (Level.exact(label="l"), "ana", None, MISSING_LEVEL),
    (Level.at_least(jaro_winkler, 0.92, label="l"), "martha", "marhta", 0),
    (Level.at_least(jaro_winkler, 0.92, label="l"), "dwayne", "duane", 1),
    (Level.at_least(token_set, 0.9, label="l"), "anna maria lima", "lima anna", 0),
    (Level.at_least(token_set, 0.9, label="l"), "anna lima", "bruno costa", 1),
    (Level.within_edits(1, label="l"), "1980-03-07", "1980-03-08", 0),
    (Level.within_edits(1, label="l"), "AB1234", "AB1243", 0),  # a transposition is one edit
    (Level.within_edits(1, label="l"), "1980-03-07", "1980-07-03", 1),
    (Level.within_edits(2, label="l"), "1980-03-07", "1980-07-03", 0),
    (Level.same_prefix(7, label="l"), "1980-03-07", "1980-03-21", 0),
    (Level.same_prefix(7, label="l"), "1980-03-07", "1980-04-07", 1),
    (Level.same_prefix(7, label="l"), "1980", "1980", 1),  # too short to have 7 characters
    (Level.same_prefix(4, label="l"), "1980-03-07", "1980-11-30", 0),
    (Level.same_suffix(7, label="l"), "+14155552671", "+16505552671", 0),
    (Level.same_suffix(7, label="l"), "+14155552671", "+14155552672", 1),
    (Level.same_suffix(7, label="l"), "5552671", "+15552671", 0),
    (Level.date_day_month_swapped(label="l"), "1980-03-07", "1980-07-03", 0),
    (Level.date_day_month_swapped(label="l"), "1980-07-03", "1980-03-07", 0),
    (Level.date_day_month_swapped(label="l"), "1980-03-07", "1980-03-07", 1),
    (Level.date_day_month_swapped(label="l"), "1980-03-07", "1981-07-03", 1),
    (Level.date_day_month_swapped(label="l"), "07/03/1980", "03/07/1980", 1),  # not ISO
    (Level.initial(label="l"), "j", "john", 0),
    (Level.initial(label="l"), "john", "j", 0),
    (Level.initial(label="l"), "j", "mary", 1),
    (Level.initial(label="l"), "jo", "john", 1),
    (Level.initial(label="l"), "", "john", 1),
]


@pytest.mark.parametrize(("level", "a", "b", "expected"), LEVEL_CASES)
def test_level_predicates(level: Level, a: Any, b: Any, expected: int) -> None:
    """Each constructor's predicate holds (0) or not (1) on a pair, and symmetrically."""
    comparison = _one(level)
    assert _pairwise(comparison, [(a, b), (b, a)]) == [expected, expected]


def test_level_reads_a_derived_column() -> None:
    """`column=` makes a level look at a derived column: bob and robert share a canon."""
    comparison = Comparison(
        "first",
        levels=(
            Level.exact(label="exact"),
            Level.exact(label="same canonical name", column="first:canon"),
        ),
    )
    cols = {
        "first": _obj(["bob", "robert", "rob", None]),
        "first:canon": _obj(["robert", "robert", None, "robert"]),
    }
    levels = compute_levels([comparison], cols, np.array([0, 0, 1]), np.array([1, 2, 3]))
    # bob/robert: same canon; bob/rob: canon missing on one side fails the level only;
    # robert/None: the comparison's own column is missing.
    assert levels[:, 0].tolist() == [1, 2, MISSING_LEVEL]


def test_swapped_level_crosses_columns() -> None:
    """Given and family names exchanged between two records hit the swapped level only."""
    comparison = Comparison(
        "first",
        levels=(Level.exact(label="exact"), Level.swapped("first", "last", label="swapped")),
    )
    cols = {
        "first": _obj(["anna", "lima", "anna", "lima", "anna"]),
        "last": _obj(["lima", "anna", "lima", None, "costa"]),
    }
    left, right = np.array([0, 1, 0, 0, 2]), np.array([1, 0, 2, 3, 4])
    assert compute_levels([comparison], cols, left, right)[:, 0].tolist() == [1, 1, 0, 2, 0]


def test_crossed_level_needs_one_direction_only() -> None:
    """One record's given name equal to the other's family name, in either direction,
    hits the crossed level; a column present on one side only is enough."""
    comparison = Comparison(
        "first",
        levels=(
            Level.exact(label="exact"),
            Level.crossed("first", "last", label="crossed"),
        ),
    )
    cols = {
        "first": _obj(["barker", "matilda", "anna", "lima", "ana"]),
        "last": _obj(["matilda", None, "lima", None, "costa"]),
    }
    left, right = np.array([0, 1, 2, 3, 2]), np.array([1, 0, 3, 2, 4])
    # barker/matilda vs matilda: crossed both ways round; anna lima vs lima: crossed;
    # anna lima vs ana costa: neither.
    assert compute_levels([comparison], cols, left, right)[:, 0].tolist() == [1, 1, 1, 1, 2]
    again = Comparison.from_dict(json.loads(json.dumps(comparison.to_dict())))
    assert again == comparison
    assert "of one" in comparison.levels[1].rule


def test_custom_level_gets_canonical_order_and_no_missing() -> None:
    """A custom function sees no None and each pair smaller value first, so it is symmetric."""
    seen: list[tuple[list[Any], list[Any]]] = []

    def left_is_greater(a: ObjArray, b: ObjArray) -> npt.NDArray[np.bool_]:
        seen.append((a.tolist(), b.tolist()))
        return np.asarray(np.greater(a, b), dtype=bool)

    comparison = _one(Level.custom(left_is_greater, label="never"))
    assert _pairwise(comparison, [("b", "a"), ("a", "b"), (None, "a")]) == [1, 1, -1]
    assert seen == [(["a", "a"], ["b", "b"])]


def test_custom_level_with_wrong_shape_is_reported() -> None:
    """A custom function returning the wrong number of answers raises, naming the level."""
    comparison = _one(Level.custom(lambda a, b: np.ones(1, dtype=bool), label="broken"))
    with pytest.raises(SettingsError, match="broken"):
        _pairwise(comparison, [("a", "b"), ("c", "d")])


def test_first_true_level_wins_and_else_is_len_levels() -> None:
    """Levels are tried in order; a pair meeting none gets len(levels)."""
    comparison = Comparison(
        "dob",
        levels=(
            Level.same_prefix(4, label="same year"),
            Level.exact(label="exact (never reached)"),
        ),
    )
    got = _pairwise(comparison, [("1980-03-07", "1980-03-07"), ("1980-03-07", "1999-01-01")])
    assert got == [0, 2]


def test_nan_counts_as_missing() -> None:
    """A NaN left by a dataframe is missing, not a value, whether or not a column is interned."""
    nan = float("nan")
    pairs = [(nan, "a"), (nan, nan), ("a", "a")]
    assert _pairwise(_one(Level.exact(label="l")), pairs) == [-1, -1, 0]
    fuzzy = Comparison("x", (Level.exact(label="l"), Level.at_least(jaro, 0.5, label="j")))
    assert _pairwise(fuzzy, [*pairs, ("ab", "abc")]) == [-1, -1, 0, 1]


def test_threshold_boundary_matches_the_scalar_scorer() -> None:
    """A score exactly at the threshold counts, in bulk as in the scalar comparator."""
    a, b = "abcdefghij", "abcdefghix"  # Indel similarity 18/20
    assert ratio(a, b) >= 0.9
    assert ratio(a, b, score_cutoff=0.9) == ratio(a, b)
    assert _pairwise(_one(Level.at_least(ratio, 0.9, label="l")), [(a, b)]) == [0]


# -- default comparisons per kind, on realistic values ------------------------------------------

FIELDS = {
    "first": "given_name",
    "last": "family_name",
    "name": "full_name",
    "dob": "date",
    "email": "email",
    "phone": "phone",
    "zip": "postcode",
    "city": "city",
    "street": "address",
    "country": "country",
    "card": "identifier",
    "state": "region",
    "note": "text",
    "hashed": "hmac",
    "filter": "bloom",
}
DEFAULTS = {c.name: c for c in default_comparisons(FIELDS)}


def _label(column: str, rows: dict[str, tuple[Any, Any]]) -> str:
    """The label of the level the default comparison for ``column`` gives two records."""
    comparison = DEFAULTS[column]
    cols = {c: _obj(rows.get(c, (None, None))) for c in comparison.required_columns}
    for col in comparison.required_columns:
        if col not in rows:
            cols[col] = cols[comparison.column].copy()
    level = int(compute_levels([comparison], cols, np.array([0]), np.array([1]))[0, 0])
    return comparison.level_labels[level]


DEFAULT_CASES: list[tuple[str, dict[str, tuple[Any, Any]], str]] = [
    ("first", {"first": ("robert", "robert")}, "exact"),
    (
        "first",
        {
            "first": ("bob", "robert"),
            "first:key": ("bob", "robert"),
            "first:canon": ("robert",) * 2,
        },
        "same canonical name (nickname)",
    ),
    (
        "first",
        {"first": ("mohammed", "محمد"), "first:key": ("muhammad",) * 2},
        "same name key (cross-script)",
    ),
    ("first", {"first": ("anna", "lima"), "last": ("lima", "anna")}, "given and family swapped"),
    ("first", {"first": ("j", "john"), "last": ("smith", "smith")}, "initial"),
    ("first", {"first": ("jonathan", "jonathon")}, "similar (JW >= 0.92)"),
    ("first", {"first": ("dwayne", "duane")}, "similar (JW >= 0.80)"),
    ("first", {"first": ("anna", "bruno")}, "all other"),
    ("first", {"first": (None, "anna")}, "missing"),
    ("last", {"last": ("müller", "mueller"), "last:key": ("muller", "muller")}, "same name key"),
    ("last", {"last": ("smith", "smyth"), "last:phonetic": ("SM0", "SM0")}, "same phonetic code"),
    ("last", {"last": ("dupont", "dupond")}, "similar (JW >= 0.92)"),
    ("name", {"name": ("ana lima", "lima ana"), "name:key": ("ana lima",) * 2}, "same name key"),
    ("name", {"name": ("ana maria lima", "ana lima")}, "same words (token set >= 0.90)"),
    ("dob", {"dob": ("1980-03-07", "1980-03-07")}, "exact"),
    ("dob", {"dob": ("1980-03-07", "1980-03-08")}, "one typo"),
    ("dob", {"dob": ("1980-03-07", "1980-07-03")}, "day and month swapped"),
    ("dob", {"dob": ("1980-03-07", "1980-03-21")}, "same year and month"),
    ("dob", {"dob": ("1980-03-07", "1980-11-30")}, "same year"),
    ("dob", {"dob": ("1980-03-07", "1975-11-30")}, "all other"),
    ("email", {"email": ("ana@x.io", "ana@x.io")}, "exact"),
    (
        "email",
        {
            "email": ("ana.lima@x.io", "ana.lima@y.com"),
            "email:personal_local": ("ana.lima",) * 2,
        },
        "same local part",
    ),
    # A role address (info@) is read by several people: its own level, not "exact".
    (
        "email",
        {"email": ("info@shop.example",) * 2, "email:personal": (None, None)},
        "exact (role address)",
    ),
    # Two offices' info@ are not one person's local part at two providers.
    (
        "email",
        {
            "email": ("info@shop.example", "info@cafe.example"),
            "email:personal": (None, None),
            "email:personal_local": (None, None),
        },
        "all other",
    ),
    ("email", {"email": ("ana.lima@x.io", "ana.lma@x.io"), "email:lead": ("a", "a")}, "one typo"),
    # One letter apart, but in the first letter: two people of one family's initials.
    (
        "email",
        {"email": ("w.schulz@x.io", "a.schulz@x.io"), "email:lead": ("w", "a")},
        "all other",
    ),
    # Namesakes write similar addresses; only a typo's distance counts as agreement.
    ("email", {"email": ("ana.lima@x.io", "analima77@x.io")}, "all other"),
    # A phone comparison reads the national number (phone:national): present even
    # where the number could not be read without a region.
    (
        "phone",
        {"phone": ("+14155552671", "+16505552671"), "phone:national": ("4155552671", "6505552671")},
        "same last 7 digits",
    ),
    (
        "phone",
        {"phone": ("+14155552671", "+14155552617"), "phone:national": ("4155552671", "4155552617")},
        "one typo",
    ),
    (
        "phone",
        {
            "phone": ("+14155552671", "+447700900123"),
            "phone:national": ("4155552671", "7700900123"),
        },
        "all other",
    ),
    (
        "phone",
        {
            "phone": ("+15164015294", None),
            "phone:mobile": (None, None),
            "phone:national": ("5164015294", "5164015294"),
        },
        "same national number",
    ),
    ("phone", {"phone": (None, None), "phone:national": (None, "5164015294")}, "missing"),
    ("zip", {"zip": ("SW1A 1AA", "SW1A 1AB"), "zip:area": ("SW1A", "SW1A")}, "one typo"),
    ("zip", {"zip": ("SW1A 1AA", "SW1A 2BB"), "zip:area": ("SW1A", "SW1A")}, "same area"),
    ("city", {"city": ("saint-etienne", "saint etienne")}, "similar (JW >= 0.90)"),
    ("street", {"street": ("10 rue de la paix", "rue de la paix 10")}, "similar"),
    ("country", {"country": ("FR", "BE")}, "all other"),
    ("card", {"card": ("AB123456", "AB123465")}, "one typo"),
    ("note", {"note": ("vip", "vip")}, "exact"),
]


@pytest.mark.parametrize(("column", "rows", "expected"), DEFAULT_CASES)
def test_default_comparison_levels(
    column: str, rows: dict[str, tuple[Any, Any]], expected: str
) -> None:
    """Realistic pairs land on the intended default level (label prefix)."""
    assert _label(column, rows).startswith(expected)


def test_default_comparisons_cover_every_kind_with_term_frequency_on_names() -> None:
    """One comparison per field; tf on names, cities, text and addresses, not on dates."""
    assert set(DEFAULTS) == set(FIELDS)
    assert set(FIELDS.values()) == set(FIELD_KINDS)
    tf = {name for name, c in DEFAULTS.items() if c.term_frequency}
    assert tf == {"first", "last", "name", "city", "street", "state", "note", "filter"}
    assert all(c.levels[0].kind == "exact" for c in DEFAULTS.values())


def test_swapped_level_only_with_given_and_family_names() -> None:
    """Without a family-name column the given-name comparison has no swapped level."""
    alone = default_comparisons({"first": "given_name"})[0]
    assert "given and family swapped" not in alone.level_labels
    assert DEFAULTS["first"].level_labels[1] == "given and family swapped"


def test_unknown_kind_names_accepted_kinds() -> None:
    """An unknown kind raises a SettingsError naming it and every accepted kind."""
    with pytest.raises(SettingsError) as err:
        default_comparisons({"a": "colour", "b": "shoe_size", "c": "email"})
    message = str(err.value)
    assert "'colour'" in message
    assert "'shoe_size'" in message
    assert all(kind in message for kind in FIELD_KINDS)


# -- settings errors ----------------------------------------------------------------------------


def test_missing_columns_are_all_reported_with_the_available_ones() -> None:
    """Every comparison reading an absent column is named, with the table's columns."""
    comparisons = default_comparisons({"first": "given_name", "zip": "postcode"})
    cols = {"first": _obj(["a"]), "zip": _obj(["b"])}
    with pytest.raises(SettingsError) as err:
        compute_levels(comparisons, cols, np.array([0]), np.array([0]))
    message = str(err.value)
    for name in ("first:key", "first:canon", "zip:area", "available: first, zip"):
        assert name in message


@pytest.mark.parametrize(
    ("build", "fragment"),
    [
        (lambda: Level.at_least(jaro_winkler, 0.0, label="l"), "threshold"),
        (lambda: Level.at_least(jaro_winkler, 1.5, label="l"), "threshold"),
        (lambda: Level.within_edits(0, label="l"), "positive integer"),
        (lambda: Level.same_prefix(-1, label="l"), "positive integer"),
        (lambda: Level.exact(label=""), "label"),
        (lambda: Level.swapped("a", "a", label="l"), "different columns"),
        (lambda: Level.crossed("a", "a", label="l"), "different columns"),
        (lambda: Comparison("x", levels=()), "at least one level"),
        (
            lambda: Comparison("x", levels=(Level.exact(label="a"), Level.initial(label="a"))),
            "repeated",
        ),
        (lambda: Comparison("x", levels=(Level.exact(label="missing"),)), "reserved"),
        (
            lambda: Comparison("x", levels=(Level.initial(label="i"),), term_frequency=True),
            "term_frequency",
        ),
    ],
)
def test_impossible_settings_raise(build: Any, fragment: str) -> None:
    """Impossible thresholds, sizes and labels raise SettingsError saying what is wrong."""
    with pytest.raises(SettingsError, match=fragment):
        build()


def test_left_and_right_must_have_the_same_length() -> None:
    """Mismatched pair arrays are refused."""
    with pytest.raises(SettingsError, match="differ in length"):
        compute_levels([_one(Level.exact(label="l"))], {"x": _obj(["a"])}, [0, 0], [0])


def test_no_pairs_gives_an_empty_matrix() -> None:
    """Zero pairs give a (0, n_comparisons) int8 matrix."""
    out = compute_levels(list(DEFAULTS.values())[:2], _table(_rows(3)), [], [])
    assert out.shape == (0, 2)
    assert out.dtype == np.int8


# -- JSON ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(DEFAULTS))
def test_default_comparisons_round_trip_through_json(name: str) -> None:
    """Every default comparison survives to_dict → JSON → from_dict unchanged."""
    comparison = DEFAULTS[name]
    doc = json.loads(json.dumps(comparison.to_dict()))
    assert Comparison.from_dict(doc) == comparison


def test_unstorable_levels_are_all_named() -> None:
    """Custom levels and unregistered scorers cannot be stored: the error names them all."""

    def mine(a: str, b: str, /, *, score_cutoff: float | None = None) -> float:
        return 1.0

    comparison = Comparison(
        "nick",
        levels=(
            Level.custom(lambda a, b: np.zeros(len(a), dtype=bool), label="by hand"),
            Level.at_least(mine, 0.5, label="my scorer"),
        ),
    )
    with pytest.raises(SettingsError) as err:
        comparison.to_dict()
    assert all(s in str(err.value) for s in ("'nick'", "'by hand'", "'my scorer'"))


def test_registered_scorer_round_trips() -> None:
    """A registered user scorer is stored by name and found again."""

    def first_letter(a: str, b: str, /, *, score_cutoff: float | None = None) -> float:
        return float(a[:1] == b[:1])

    scorer = register_scorer("test_compare_first_letter", first_letter, symmetric=True)
    comparison = _one(Level.at_least(scorer, 1.0, label="same first letter"))
    assert Comparison.from_dict(comparison.to_dict()) == comparison
    assert _pairwise(comparison, [("anna", "alice"), ("anna", "bob")]) == [0, 1]


def test_unknown_scorer_name_lists_registered_ones() -> None:
    """Loading a level with an unknown scorer names the registered scorers."""
    doc = {"kind": "at_least", "label": "l", "scorer": "nope", "threshold": 0.5}
    with pytest.raises(SettingsError, match="jaro_winkler"):
        Level.from_dict(doc)


def test_rapidfuzz_function_is_the_registered_scorer() -> None:
    """Passing RapidFuzz's own normalized Jaro–Winkler resolves to `jaro_winkler`."""
    a = Level.at_least(JaroWinkler.normalized_similarity, 0.9, label="l")
    assert a == Level.at_least(jaro_winkler, 0.9, label="l")


def test_describe_and_repr_list_the_labels() -> None:
    """describe() numbers every level including missing and all other; repr is one line."""
    text = DEFAULTS["dob"].describe()
    assert "-1  missing" in text
    assert "6  all other" in text
    assert "first 7 chars equal" in text
    assert repr(DEFAULTS["email"]) == (
        "Comparison('email': 'exact', 'exact (role address)', 'same local part', 'one typo')"
    )


# -- properties ---------------------------------------------------------------------------------

_NAMES = ["anna", "ana", "anne", "a", "bob", "robert", "lima", "müller", "محمد", "j", "jo"]
_DATES = ["1980-03-07", "1980-07-03", "1980-03-08", "1980-03-21", "1981-03-07", "1980-11-30"]
_PHONES = ["+14155552671", "+16505552671", "+14155552617", "+447700900123"]
_WORDS = st.sampled_from(["anna lima", "lima anna", "10 rue de la paix", "rue", "x"])


def _value_for(column: str) -> st.SearchStrategy[Any]:
    base = column.split(":")[0]
    pool: st.SearchStrategy[Any]
    if base == "dob":
        pool = st.sampled_from(_DATES)
    elif base == "phone":
        pool = st.sampled_from(_PHONES)
    elif base in ("name", "street", "note"):
        pool = _WORDS
    else:
        pool = st.sampled_from(_NAMES)
    return st.one_of(st.none(), pool, st.text(alphabet="abc-1 ", max_size=6))


_ALL_COLUMNS = sorted({c for comp in DEFAULTS.values() for c in comp.required_columns})


def _rows(n: int) -> list[dict[str, Any]]:
    return [{c: f"{c}{i % 2}" for c in _ALL_COLUMNS} for i in range(n)]


def _table(rows: list[dict[str, Any]]) -> dict[str, ObjArray]:
    return {c: _obj([r[c] for r in rows]) for c in _ALL_COLUMNS}


_ROWS = st.lists(
    st.fixed_dictionaries({c: _value_for(c) for c in _ALL_COLUMNS}), min_size=2, max_size=12
)


def _pairs(n: int) -> st.SearchStrategy[tuple[list[int], list[int]]]:
    pair = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
    return st.lists(pair, min_size=1, max_size=30).map(
        lambda ps: ([a for a, _ in ps], [b for _, b in ps])
    )


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_levels_are_symmetric_in_range_and_worker_independent(data: st.DataObject) -> None:
    """Swapping left and right changes nothing, levels stay in range, workers do not matter."""
    rows = data.draw(_ROWS)
    left, right = data.draw(_pairs(len(rows)))
    table = _table(rows)
    comparisons = list(DEFAULTS.values())
    forward = compute_levels(comparisons, table, left, right)
    assert np.array_equal(forward, compute_levels(comparisons, table, right, left))
    assert np.array_equal(forward, compute_levels(comparisons, table, left, right, workers=2))
    assert forward.dtype == np.int8
    assert forward.shape == (len(left), len(comparisons))
    for k, comparison in enumerate(comparisons):
        assert forward[:, k].min() >= -1
        assert forward[:, k].max() <= len(comparison.levels)
        missing = np.array([rows[a][comparison.column] is None for a in left]) | np.array(
            [rows[b][comparison.column] is None for b in right]
        )
        assert np.array_equal(forward[:, k] == -1, missing)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_few_pairs_of_a_large_table_give_the_same_levels(data: st.DataObject) -> None:
    """Levels do not depend on how many records the table holds beyond the pairs."""
    rows = data.draw(_ROWS)
    left, right = data.draw(_pairs(len(rows)))
    comparisons = list(DEFAULTS.values())
    small = compute_levels(comparisons, _table(rows), left, right)
    padded = rows + _rows(4 * len(left) + 8)  # only a few records are touched by pairs
    assert np.array_equal(small, compute_levels(comparisons, _table(padded), left, right))


_TEXT = st.text(alphabet=st.sampled_from("abcdé -1ж"), max_size=10)
_SCORERS = sorted(_comparators.registered_scorers().items())


@settings(max_examples=200, deadline=None)
@given(a=_TEXT, b=_TEXT, which=st.sampled_from([name for name, _ in _SCORERS]))
def test_comparators_are_bounded_and_symmetric_when_declared(a: str, b: str, which: str) -> None:
    """Every registered comparator scores in [0, 1]; declared-symmetric ones are symmetric."""
    scorer = _comparators.scorer_named(which)
    score = scorer(a, b)
    assert 0.0 <= score <= 1.0
    if scorer.symmetric:
        assert score == scorer(b, a)


@settings(max_examples=60, deadline=None)
@given(
    pairs=st.lists(st.tuples(_TEXT.filter(bool), _TEXT.filter(bool)), min_size=1, max_size=20),
    which=st.sampled_from([name for name, _ in _SCORERS]),
    threshold=st.sampled_from([0.5, 0.7, 0.8, 0.9, 0.92, 1.0]),
)
def test_bulk_levels_agree_with_the_scalar_comparator(
    pairs: list[tuple[str, str]], which: str, threshold: float
) -> None:
    """at_least over cpdist equals calling the comparator pair by pair (either order)."""
    scorer = _comparators.scorer_named(which)
    comparison = _one(Level.at_least(scorer, threshold, label="l"))
    # each pair is scored smaller value first, which only matters for asymmetric scorers
    expected = [0 if scorer(*sorted((a, b))) >= threshold else 1 for a, b in pairs]
    assert _pairwise(comparison, pairs) == expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.text("abc1", max_size=7), st.text("abc1", max_size=7)), min_size=1),
    st.integers(1, 3),
)
def test_pair_distances_are_damerau_levenshtein_capped(
    pairs: list[tuple[str, str]], max_edits: int
) -> None:
    """Distances settled by Levenshtein first are the Damerau-Levenshtein ones, capped."""
    values = np.array([v for pair in pairs for v in pair], dtype=object)
    a = np.arange(0, values.size, 2, dtype=np.int32)
    b = a + 1
    got = _comparators.pair_distances(values, a, b, max_edits=max_edits, workers=1).tolist()
    want = [min(DamerauLevenshtein.distance(x, y), max_edits + 1) for x, y in pairs]
    assert got == want


def test_a_conflicting_column_fails_a_level_and_round_trips_through_json() -> None:
    """``conflicts``: where both records have a value in the column and the values
    differ, the level fails and the next one that holds is read; missing on either
    side is no conflict. The guard is part of the level's JSON form and its rule."""
    level = Level.exact(label="same street", column="street", conflicts=("zip",))
    comparison = Comparison("place", [level, Level.exact(label="same zip", column="zip")])
    cols = {
        "place": _obj(["a", "a", "a", "a"]),
        "street": _obj(["1 main st", "1 main st", "1 main st", "1 main st"]),
        "zip": _obj(["10001", "94105", None, "10001"]),
    }
    levels = compute_levels([comparison], cols, np.array([0, 0, 0]), np.array([1, 2, 3]))
    assert [comparison.level_labels[int(x)] for x in levels[:, 0]] == [
        "all other",
        "same street",
        "same street",
    ]
    assert Comparison.from_dict(comparison.to_dict()) == comparison
    assert level.rule == "exact on street, unless zip differs"
    with pytest.raises(SettingsError, match="conflicts"):
        Level.exact(label="x", conflicts="zip")  # type: ignore[arg-type]
