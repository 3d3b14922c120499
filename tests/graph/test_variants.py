"""Variant relations: which two dates of birth, which two names, count as one value."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenrecord.graph._variants import date_variants, given_variants, name_variants

DATES = [
    ("1980-03-07", "1980-03-07", True, "the same date"),
    ("1980-03-07", "1980-03-08", True, "one digit of the day"),
    ("1980-03-07", "1980-03-27", True, "a wrong day in the same month"),
    ("1980-03-07", "1980-07-03", True, "day and month swapped"),
    ("1980-03-07", "1981-03-07", True, "one digit of the year"),
    ("1980-03-07", "1908-03-07", True, "two neighbouring digits swapped"),
    ("1980-03-07", "1980-08-07", True, "one digit of the month"),
    ("1980-03-07", "1975-11-21", False, "another date"),
    ("1980-03-07", "1981-03-06", True, "within a year"),
    ("1980-03-07", "1982-04-07", False, "two digits and two years apart"),
    ("1980-03-07", "1990-04-07", False, "year and month apart"),
    ("1980-03-07", "03/07/1980", False, "not an ISO date: only equal values are one"),
]


@pytest.mark.parametrize(("a", "b", "expected", "why"), DATES)
def test_date_variants(a: str, b: str, expected: bool, why: str) -> None:
    assert date_variants(a, b) is expected, why
    assert date_variants(b, a) is expected, why


NAMES = [
    (("john", "smith"), ("john", "smith"), True, "the same name"),
    (("john", "smith"), ("jon", "smith"), True, "a typo"),
    (("j", "smith"), ("john", "smith"), True, "an initial"),
    (("smith",), ("john", "smith"), True, "a missing word"),
    (("john", "smith"), ("john", "paul", "smith"), True, "a middle name"),
    (("bob", "smith"), ("robert", "smith"), True, "a nickname"),
    (("chris", "smith"), ("christopher", "smith"), True, "a prefix"),
    (("john", "smith"), ("john", "brown"), False, "another family name"),
    (("john", "smith"), ("mary", "smith"), False, "another given name, no family known"),
    (("wiliam", "wiliams"), ("cuk", "wiliam"), False, "one word cannot stand for two"),
    (
        (("mary", "smith"), ("smith",)),
        (("maria", "luisa", "smith"), ("smith",)),
        True,
        "family names agree, given names vary",
    ),
    (
        (("jean", "roe"), ("roe",)),
        (("john", "roe"), ("roe",)),
        True,
        "a translated given name",
    ),
    (
        (("henry", "ford"), ("ford",)),
        (("henry", "porter"), ("porter",)),
        False,
        "one given name across family names",
    ),
    (
        (("ford", "henry"), ("henry",)),
        (("henry", "ford"), ("ford",)),
        True,
        "given and family swapped",
    ),
]


@pytest.mark.parametrize(("a", "b", "expected", "why"), NAMES)
def test_name_variants(
    a: tuple[object, ...], b: tuple[object, ...], expected: bool, why: str
) -> None:
    assert name_variants(a, b) is expected, why
    assert name_variants(b, a) is expected, why


def test_values_of_another_shape_are_variants_only_when_equal() -> None:
    """A relation never raises on a value it does not understand."""
    assert name_variants(("a", "b"), ("a", "b"))
    assert not name_variants(3, ("john", "smith"))
    assert not name_variants((), ("john",))
    assert not date_variants(19800307, "1980-03-07")


words = st.lists(st.sampled_from(["ann", "anna", "a", "lee", "li", "smith", "smyth"]), max_size=3)


@given(words, words)
def test_name_variants_are_symmetric(a: list[str], b: list[str]) -> None:
    x, y = tuple(dict.fromkeys(a)), tuple(dict.fromkeys(b))
    assert name_variants(x, y) == name_variants(y, x)


@given(st.dates().map(str), st.dates().map(str))
def test_date_variants_are_symmetric_and_reflexive(a: str, b: str) -> None:
    assert date_variants(a, a)
    assert date_variants(a, b) == date_variants(b, a)


GIVEN = [
    (
        (("marie",), ("bernard", "marie"), None, None),
        (("catherine",), ("bernard", "catherine"), None, None),
        False,
        "two given names of one family",
    ),
    (
        (("wolfgang",), ("schulz", "wolfgang"), None, None),
        (("anna",), ("anna", "schulz"), None, None),
        False,
        "husband and wife",
    ),
    (
        (("martin",), ("marie", "martin"), None, None),
        (("marie",), ("marie", "martin"), None, None),
        True,
        "given and family swapped: each given name is in the other name",
    ),
    (
        (("sofia",), ("sofia",), None, None),
        (("sophia",), ("sophia", "lee"), None, None),
        True,
        "two edits apart",
    ),
    (
        (("jon",), ("jon", "roe"), None, None),
        (("j",), ("j", "roe"), None, None),
        True,
        "an initial",
    ),
    (
        (("bob",), ("bob", "roe"), None, None),
        (("robert",), ("robert", "roe"), None, None),
        True,
        "a nickname",
    ),
    (
        (("sir",), ("roe", "sir"), None, None),
        (("john",), ("john", "roe"), None, None),
        True,
        "an honorific is no given name",
    ),
    (
        (("sem",), ("sem", "dijk"), "1976-05-30", None),
        (("jan",), ("jan", "dijk"), "1976-05-31", None),
        True,
        "dates of birth that are variants speak for one person",
    ),
    (
        (("sem",), ("sem", "dijk"), "1976-05-30", None),
        (("jan",), ("jan", "dijk"), "1950-01-02", None),
        False,
        "two dates of birth do not help",
    ),
    (
        (("lea",), ("lea", "martin"), "2001-04-12", "lea.martin@free.fr"),
        (("hugo",), ("hugo", "martin"), "2001-04-12", "hugo.martin@orange.fr"),
        False,
        "twins: one date of birth, a mailbox each",
    ),
    (
        (("lea",), ("lea", "martin"), "2001-04-12", "lea.martin@free.fr"),
        (("hugo",), ("hugo", "martin"), "2001-04-12", "lea.martin@free.fr"),
        True,
        "one date of birth and one mailbox: a replaced given name",
    ),
]


@pytest.mark.parametrize(("a", "b", "expected", "why"), GIVEN)
def test_given_variants(a: object, b: object, expected: bool, why: str) -> None:
    """Two given names conflict only when neither fits anywhere in the other name."""
    assert given_variants(a, b) is expected, why
    assert given_variants(b, a) is expected, why


def test_given_variants_of_another_shape_are_variants_only_when_equal() -> None:
    assert given_variants(("ann",), ("ann",))
    assert not given_variants(("ann",), (("ann",), ("ann",), None, None))
    assert not given_variants((("ann",), ("ann",), None), (("bo",), ("bo",), None))
