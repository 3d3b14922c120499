"""Normalizing a normalized value changes nothing: ``f(f(x)) == f(x)`` whenever ``f(x)`` is a value.

Each normalizer's output is a value of its own kind, so reading it again must give it
back; otherwise one person's value would take two forms depending on how often it
went through the pipeline (a store re-normalizing what it stored, say). Dates come
back as ``datetime.date`` objects and as their ISO text; a country's alpha-2 code, a
phone number's E.164 form and a postcode with its country read back as themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import goldenrecord as gr

_TODAY = dt.date(2026, 1, 1)

# Text that looks like the kinds, and text of any kind at all.
_PIECES = st.sampled_from(
    [
        "Bob", "Robert", "Mr.", "Jr", "de la", "van", "O'Brien", "Jean-Luc", "500", "Market",
        "Street", "St", "Ste", "Dr", "Apt", "#4", "12-14", "bis", "n°", "Rue", "Straße", "王",
        "先生", "محمد", "मोहन", "Ελένη", "Test", "N/A", "Manu", "Nan", "x", "@", ".", ",",
        "gmail.com", "+33", "06", "12", "(0)", "ext", "SW1A", "1AA", "Deutschland", "US", "é",
        "\u0301", "\udce9", "-", " ", "  ",
    ]
)  # fmt: skip
_LOOKALIKE = st.lists(_PIECES, max_size=6).map(" ".join)
_ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=30)
_TEXT = st.one_of(_LOOKALIKE, _ANY_TEXT)
_SETTINGS = settings(derandomize=True, max_examples=300, deadline=None)


def _assert_fixpoint(f: Callable[[object], object], x: object) -> None:
    once = f(x)
    if once is not None:
        assert f(once) == once


@_SETTINGS
@given(_TEXT)
@example("500 Market Street")  # '500', then None: a number is no given name
@example("Test Smith")  # 'test', then None: a junk word is no given name
@example("Nan Smith")
@example("500 test")
@example("Manu")  # 'emmanuel', which the nickname data sent on to 'immanuel'
def test_given_name_canonical_is_idempotent(x: str) -> None:
    """The canonical given name of a canonical given name is itself."""
    _assert_fixpoint(gr.normalize.given_name_canonical, x)


def test_the_nickname_table_maps_to_fixpoints() -> None:
    """Every canonical name the nickname table gives is its own canonical name."""
    from goldenrecord.normalize._name import _nickname_table

    table = _nickname_table()
    assert all(table.get(canonical, canonical) == canonical for canonical in table.values())


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("500 Market Street", "market"), ("Bob Smith", "robert"), ("Manu", "emmanuel")],
)
def test_given_name_canonical_skips_words_that_are_no_name(raw: str, expected: str) -> None:
    """A house number leading the cell is skipped; the first name word counts."""
    assert gr.normalize.given_name_canonical(raw) == expected


@_SETTINGS
@given(_TEXT)
def test_name_is_idempotent(x: str) -> None:
    """A normalized name reads back as itself."""
    _assert_fixpoint(gr.normalize.name, x)


@_SETTINGS
@given(_TEXT)
@example("Wang " + "zhang" * 40)
def test_name_key_is_idempotent(x: str) -> None:
    """The key of a key is itself, as the module promises."""
    _assert_fixpoint(gr.normalize.name_key, x)


@_SETTINGS
@given(_TEXT)
def test_split_full_name_parts_are_normalized_names(x: str) -> None:
    """Each part of a split name is a normalized name: it reads back as itself."""
    parts = gr.normalize.split_full_name(x)
    if parts is not None:
        for part in (parts.given, parts.family):
            if part is not None:
                assert gr.normalize.name(part) == part


@_SETTINGS
@given(st.one_of(st.emails(), _TEXT.map(lambda s: s.replace(" ", "") + "@shop.fr")))
@example("m\udce9lanie@shop.fr")
def test_email_is_idempotent(x: str) -> None:
    """A canonical address reads back as itself."""
    _assert_fixpoint(gr.normalize.email, x)


_REGIONS = st.sampled_from(["US", "FR", "GB", "DE", "IN", "BR", "JP", "MX", "IT"])


@_SETTINGS
@given(st.one_of(st.from_regex(r"\+?[0-9 ()\-]{6,18}", fullmatch=True), _TEXT), _REGIONS)
def test_phone_with_a_region_is_idempotent(x: str, region: str) -> None:
    """An E.164 number reads back as itself, with or without the region."""
    once = gr.normalize.phone(x, region=region)
    if once is not None:
        assert gr.normalize.phone(once, region=region) == once
        assert gr.normalize.phone(once) == once


_COUNTRIES = st.sampled_from([None, "GB", "US", "CA", "NL", "FR", "PT", "JP", "IE", "BR", "XX"])


@_SETTINGS
@given(st.one_of(st.from_regex(r"[A-Za-z0-9 \-]{1,10}", fullmatch=True), _TEXT), _COUNTRIES)
def test_postcode_with_a_country_is_idempotent(x: str, country: str | None) -> None:
    """A canonical postcode reads back as itself with the same country."""
    _assert_fixpoint(lambda v: gr.normalize.postcode(v, country=country), x)


@_SETTINGS
@given(_TEXT)
@example("12, Rue de l'Église")
def test_address_is_idempotent(x: str) -> None:
    """A canonical address line reads back as itself."""
    _assert_fixpoint(gr.normalize.address, x)


@_SETTINGS
@given(_TEXT)
@example("M\udce9lanie")
def test_identifier_is_idempotent(x: str) -> None:
    """A canonical identifier reads back as itself."""
    _assert_fixpoint(gr.normalize.identifier, x)


@_SETTINGS
@given(_TEXT)
def test_text_is_idempotent(x: str) -> None:
    """Folded text reads back as itself."""
    _assert_fixpoint(gr.normalize.text, x)


@_SETTINGS
@given(st.one_of(_TEXT, st.sampled_from(["Deutschland", "UK", "Côte d'Ivoire", "usa", "FRA"])))
def test_country_is_idempotent(x: str) -> None:
    """An alpha-2 code reads back as itself."""
    _assert_fixpoint(gr.normalize.country, x)


@_SETTINGS
@given(
    st.one_of(
        st.dates(min_value=dt.date(900, 1, 1), max_value=dt.date(2030, 1, 1)),
        st.dates().map(dt.date.isoformat),
        _TEXT,
    )
)
def test_date_is_idempotent(x: object) -> None:
    """A date reads back as itself, as an object and as its ISO text."""
    once = gr.normalize.date(x, today=_TODAY)
    if once is not None:
        assert gr.normalize.date(once, today=_TODAY) == once
        assert gr.normalize.date(once.isoformat(), today=_TODAY) == once
