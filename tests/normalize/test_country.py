"""Countries written as ISO codes, names in many languages and scripts, and aliases."""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable

import pycountry
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import goldenrecord as gr
from goldenrecord.normalize._country import _ALIASES, _lookup
from tests.normalize.helpers import is_missing_cell

CODES = [
    ("FR", "FR"),
    ("fr", "FR"),
    ("Fr", "FR"),
    ("FRA", "FR"),
    ("deu", "DE"),
    ("GBR", "GB"),
    ("gb", "GB"),
    ("usa", "US"),
    ("JPN", "JP"),
    ("ind", "IN"),
    ("  es  ", "ES"),
    ("XK", "XK"),
]

NAMES = [
    # Latin script: English, native and other-language names
    pytest.param("France", "FR", id="en-france"),
    pytest.param("FRANCE", "FR", id="en-france-upper"),
    pytest.param("République française", "FR", id="fr-official"),
    pytest.param("Frankreich", "FR", id="de-france"),
    pytest.param("Francia", "FR", id="es-france"),
    pytest.param("Germany", "DE", id="en-germany"),
    pytest.param("Deutschland", "DE", id="de-germany"),
    pytest.param("Allemagne", "DE", id="fr-germany"),
    pytest.param("Alemania", "DE", id="es-germany"),
    pytest.param("Germania", "DE", id="it-germany"),
    pytest.param("Niemcy", "DE", id="pl-germany"),
    pytest.param("Spain", "ES", id="en-spain"),
    pytest.param("España", "ES", id="es-spain"),
    pytest.param("Espana", "ES", id="es-spain-unaccented"),
    pytest.param("Espagne", "ES", id="fr-spain"),
    pytest.param("Italia", "IT", id="it-italy"),
    pytest.param("Italie", "IT", id="fr-italy"),
    pytest.param("Nederland", "NL", id="nl-netherlands"),
    pytest.param("Holland", "NL", id="alias-holland"),
    pytest.param("the Netherlands", "NL", id="en-the-netherlands"),
    pytest.param("Netherlands, The", "NL", id="en-netherlands-comma-the"),
    pytest.param("België", "BE", id="nl-belgium"),
    pytest.param("Belgique", "BE", id="fr-belgium"),
    pytest.param("Schweiz", "CH", id="de-switzerland"),
    pytest.param("Suisse", "CH", id="fr-switzerland"),
    pytest.param("Svizzera", "CH", id="it-switzerland"),
    pytest.param("Österreich", "AT", id="de-austria"),
    pytest.param("Polska", "PL", id="pl-poland"),
    pytest.param("Sverige", "SE", id="sv-sweden"),
    pytest.param("Suomi", "FI", id="fi-finland"),
    pytest.param("Norge", "NO", id="nb-norway"),
    pytest.param("Danmark", "DK", id="da-denmark"),
    pytest.param("Éire", "IE", id="ga-ireland"),
    pytest.param("Ireland", "IE", id="en-ireland"),
    pytest.param("Portugal", "PT", id="pt-portugal"),
    pytest.param("Brasil", "BR", id="pt-brazil"),
    pytest.param("México", "MX", id="es-mexico"),
    pytest.param("Perú", "PE", id="es-peru"),
    pytest.param("Česko", "CZ", id="cs-czechia"),
    pytest.param("Česká republika", "CZ", id="cs-czech-republic"),
    pytest.param("Czechia", "CZ", id="en-czechia"),
    pytest.param("Czech Republic", "CZ", id="en-czech-republic"),
    pytest.param("Magyarország", "HU", id="hu-hungary"),
    pytest.param("România", "RO", id="ro-romania"),
    pytest.param("Hrvatska", "HR", id="hr-croatia"),
    pytest.param("Türkiye", "TR", id="tr-turkiye"),
    pytest.param("Turkey", "TR", id="en-turkey"),
    pytest.param("Việt Nam", "VN", id="vi-vietnam"),
    pytest.param("Vietnam", "VN", id="en-vietnam-one-word"),
    pytest.param("Pilipinas", "PH", id="fil-philippines"),
    pytest.param("Algérie", "DZ", id="fr-algeria"),
    pytest.param("Maroc", "MA", id="fr-morocco"),
    pytest.param("Côte d'Ivoire", "CI", id="fr-ivory-coast"),
    pytest.param("Cote dIvoire", "CI", id="fr-ivory-coast-no-apostrophe"),
    pytest.param("Ivory Coast", "CI", id="en-ivory-coast"),
    pytest.param("South Africa", "ZA", id="en-south-africa"),
    pytest.param("Nigeria", "NG", id="en-nigeria"),
    pytest.param("Niger", "NE", id="en-niger"),
    pytest.param("Australia", "AU", id="en-australia"),
    pytest.param("New Zealand", "NZ", id="en-new-zealand"),
    pytest.param("Canada", "CA", id="en-canada"),
    # United Kingdom and United States aliases
    pytest.param("United Kingdom", "GB", id="gb-name"),
    pytest.param("UK", "GB", id="gb-uk"),
    pytest.param("U.K.", "GB", id="gb-u.k."),
    pytest.param("Great Britain", "GB", id="gb-great-britain"),
    pytest.param("England", "GB", id="gb-england"),
    pytest.param("Scotland", "GB", id="gb-scotland"),
    pytest.param("Wales", "GB", id="gb-wales"),
    pytest.param("Northern Ireland", "GB", id="gb-northern-ireland"),
    pytest.param("Royaume-Uni", "GB", id="gb-fr"),
    pytest.param("USA", "US", id="us-usa"),
    pytest.param("U.S.A.", "US", id="us-u.s.a."),
    pytest.param("U.S.", "US", id="us-u.s."),
    pytest.param("United States", "US", id="us-name"),
    pytest.param("United States of America", "US", id="us-official"),
    pytest.param("the United States", "US", id="us-the"),
    pytest.param("Estados Unidos", "US", id="us-es"),
    pytest.param("États-Unis", "US", id="us-fr"),
    # Word order, qualifiers, abbreviations
    pytest.param("Korea, Republic of", "KR", id="kr-iso-order"),
    pytest.param("Republic of Korea", "KR", id="kr-natural-order"),
    pytest.param("South Korea", "KR", id="kr-south"),
    pytest.param("Korea", "KR", id="kr-korea"),
    pytest.param("Korea (South)", "KR", id="kr-parenthesised"),
    pytest.param("North Korea", "KP", id="kp-north"),
    pytest.param("Iran, Islamic Republic of", "IR", id="ir-iso-order"),
    pytest.param("Iran", "IR", id="ir-short"),
    pytest.param("Bolivia (Plurinational State of)", "BO", id="bo-parenthesised"),
    pytest.param("Holy See (Vatican City State)", "VA", id="va-parenthesised"),
    pytest.param("Virgin Islands, British", "VG", id="vg"),
    pytest.param("Virgin Islands (U.S.)", "VI", id="vi"),
    pytest.param("St. Kitts & Nevis", "KN", id="kn-st-ampersand"),
    pytest.param("Trinidad & Tobago", "TT", id="tt-ampersand"),
    pytest.param("Democratic Republic of Congo", "CD", id="cd-without-the"),
    pytest.param("Congo", "CG", id="cg-iso-short-name"),
    pytest.param("Russian Federation", "RU", id="ru-official-en"),
    pytest.param("Russia", "RU", id="ru-en"),
    pytest.param("Kosovo", "XK", id="xk"),
    pytest.param("UAE", "AE", id="ae-uae"),
    pytest.param("U.A.E.", "AE", id="ae-u.a.e."),
    pytest.param("KSA", "SA", id="sa-ksa"),
    pytest.param("Saudi Arabia", "SA", id="sa-en"),
    pytest.param("Egypt", "EG", id="eg-en"),
    pytest.param("India", "IN", id="in-en"),
    pytest.param("Greece", "GR", id="gr-en"),
    pytest.param("China", "CN", id="cn-en"),
    pytest.param("Japan", "JP", id="jp-en"),
    # Cyrillic
    pytest.param("Россия", "RU", id="cyrl-russia"),
    pytest.param("РОССИЯ", "RU", id="cyrl-russia-upper"),
    pytest.param("Российская Федерация", "RU", id="cyrl-russia-official"),
    pytest.param("Германия", "DE", id="cyrl-germany"),
    pytest.param("Україна", "UA", id="cyrl-ukraine"),
    pytest.param("Беларусь", "BY", id="cyrl-belarus"),
    pytest.param("Казахстан", "KZ", id="cyrl-kazakhstan"),
    pytest.param("България", "BG", id="cyrl-bulgaria"),
    pytest.param("Србија", "RS", id="cyrl-serbia"),
    # Greek
    pytest.param("Ελλάδα", "GR", id="grek-greece"),
    pytest.param("ΕΛΛΑΔΑ", "GR", id="grek-greece-upper-unaccented"),
    pytest.param("Ελληνική Δημοκρατία", "GR", id="grek-greece-official"),
    pytest.param("Κύπρος", "CY", id="grek-cyprus"),
    # Arabic script
    pytest.param("مصر", "EG", id="arab-egypt"),
    pytest.param("مِصر", "EG", id="arab-egypt-with-kasra"),
    pytest.param("المغرب", "MA", id="arab-morocco"),
    pytest.param("الإمارات العربية المتحدة", "AE", id="arab-uae"),
    pytest.param("الامارات", "AE", id="arab-uae-short-bare-alef"),
    pytest.param("السعودية", "SA", id="arab-saudi"),
    pytest.param("المملكة العربية السعودية", "SA", id="arab-saudi-official"),
    pytest.param("السودان", "SD", id="arab-sudan"),
    pytest.param("الأردن", "JO", id="arab-jordan"),
    pytest.param("العراق", "IQ", id="arab-iraq"),
    pytest.param("ایران", "IR", id="fa-iran"),
    pytest.param("پاکستان", "PK", id="ur-pakistan"),
    # Chinese, Japanese, Korean
    pytest.param("中国", "CN", id="hans-china"),
    pytest.param("中华人民共和国", "CN", id="hans-prc"),
    pytest.param("中國", "CN", id="hant-china"),
    pytest.param("日本", "JP", id="jpan-japan"),
    pytest.param("新加坡", "SG", id="hans-singapore"),
    pytest.param("香港", "HK", id="hans-hong-kong"),
    pytest.param("대한민국", "KR", id="hang-korea"),
    pytest.param("한국", "KR", id="hang-korea-short"),
    # Devanagari and other scripts
    pytest.param("भारत", "IN", id="deva-india"),
    pytest.param("नेपाल", "NP", id="deva-nepal"),
    pytest.param("বাংলাদেশ", "BD", id="beng-bangladesh"),
    pytest.param("ישראל", "IL", id="hebr-israel"),
    pytest.param("ไทย", "TH", id="thai-thailand"),
]

UNKNOWN = [
    pytest.param("Atlantis", id="atlantis"),
    pytest.param("Narnia", id="narnia"),
    pytest.param("XX", id="unassigned-code"),
    pytest.param("EU", id="not-a-country"),
    pytest.param("Virgin Islands", id="claimed-by-two"),
    pytest.param(826, id="numeric-code"),
    pytest.param("380", id="numeric-code-also-a-calling-code"),
    pytest.param("x" * 101, id="too-long"),
]

PLACEHOLDERS = ["n/a", "N.A.", "unknown", "none", "-", "???", "test"]


@pytest.mark.parametrize(("raw", "code"), CODES)
def test_codes_in_any_case(raw: str, code: str) -> None:
    """Alpha-2 and alpha-3 codes in any case give the alpha-2 code."""
    assert gr.normalize.country(raw) == code


@pytest.mark.parametrize(("raw", "code"), NAMES)
def test_names_and_aliases(raw: str, code: str) -> None:
    """Names in many languages and scripts, and everyday aliases, give the alpha-2 code."""
    assert gr.normalize.country(raw) == code


@pytest.mark.parametrize("raw", UNKNOWN)
def test_unknown_country(raw: object) -> None:
    """What names no country (or two, or a number) gives None, reason unknown_country."""
    assert gr.normalize.country(raw) is None
    with pytest.raises(gr.NormalizationError) as info:
        gr.normalize.country(raw, errors="raise")
    assert info.value.reason == "unknown_country"


@pytest.mark.parametrize("raw", PLACEHOLDERS)
def test_placeholders(raw: str) -> None:
    """Junk words are placeholders, not Namibia (NA) or any other country."""
    assert gr.normalize.country(raw) is None
    with pytest.raises(gr.NormalizationError) as info:
        gr.normalize.country(raw, errors="raise")
    assert info.value.reason == "placeholder"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [(True, "unsupported_type"), ([1], "unsupported_type"), (math.inf, "invalid_syntax")],
)
def test_other_types(raw: object, reason: str) -> None:
    """Cells that are not text give None with the reason of the shared cell reader."""
    assert gr.normalize.country(raw) is None
    with pytest.raises(gr.NormalizationError) as info:
        gr.normalize.country(raw, errors="raise")
    assert info.value.reason == reason


@pytest.mark.parametrize("raw", [None, "", "   ", math.nan])
def test_missing_is_none_even_when_raising(raw: object) -> None:
    """An empty cell is not an error."""
    assert gr.normalize.country(raw, errors="raise") is None


def test_every_iso_code_and_english_name_reads_back() -> None:
    """No English name or code of pycountry is lost to an ambiguity or an alias."""
    wrong = []
    for c in pycountry.countries:
        for text in (c.alpha_2, c.alpha_3, c.name, getattr(c, "official_name", c.name)):
            if gr.normalize.country(text) != c.alpha_2:
                wrong.append((text, c.alpha_2))
    assert wrong == []


def test_aliases_do_not_shadow_codes() -> None:
    """An alias never takes over another country's ISO code."""
    table = _lookup()
    for c in pycountry.countries:
        assert table[c.alpha_2.lower()] == c.alpha_2
        assert table[c.alpha_3.lower()] == c.alpha_2
    assert {gr.normalize.country(alias) for alias in _ALIASES} <= {
        c.alpha_2 for c in pycountry.countries
    } | {"XK"}


_ANY_CELL = st.one_of(
    st.text(max_size=40),
    st.integers(),
    st.floats(),
    st.none(),
    st.booleans(),
    st.dates(),
    st.binary(max_size=10),
    st.lists(st.integers(), max_size=2),
)
_NAMES = st.sampled_from([p.values[0] for p in NAMES])


@settings(max_examples=150, deadline=None)
@given(_ANY_CELL)
def test_never_raises_and_codes_are_fixpoints(x: object) -> None:
    """Any cell gives a code or None, and a code reads back as itself, in any case."""
    out = gr.normalize.country(x)
    if out is not None:
        assert len(out) == 2
        assert out.isupper()
        assert gr.normalize.country(out) == out
        assert gr.normalize.country(out.lower()) == out


@settings(max_examples=100, deadline=None)
@given(_ANY_CELL)
@example(b"\x1c")  # blank once decoded: str.strip removes it, bytes.strip does not
@example(b"\x1d")
@example(b"\x1e")
@example(b"\x1f")
@example("\x85".encode())
@example("\xa0".encode())
@example(b" \x1c\t")
@example(b"\xff")  # not UTF-8: rejected, not missing
def test_raise_exactly_when_rejected_and_never_echo(x: object) -> None:
    """errors="raise" raises exactly when the default gives None for a non-missing cell."""
    out = gr.normalize.country(x)
    if out is None and not is_missing_cell(x):
        with pytest.raises(gr.NormalizationError) as info:
            gr.normalize.country(x, errors="raise")
        # The message is the kind and the reason, nothing of the value.
        assert str(info.value) == f"country rejected: {info.value.reason}"
    else:
        assert gr.normalize.country(x, errors="raise") == out


@settings(max_examples=100, deadline=None)
@given(_NAMES, st.sampled_from([str.upper, str.lower, str.title]), st.text(" \t", max_size=3))
def test_case_and_surrounding_space_do_not_matter(
    name: str, change: Callable[[str], str], pad: str
) -> None:
    """Upper, lower or title case, with spaces around, reads as the same country."""
    assert gr.normalize.country(f"{pad}{change(name)}{pad}") == gr.normalize.country(name)


def test_dates_are_not_countries() -> None:
    """A date cell is an unsupported type, not a country."""
    assert gr.normalize.country(datetime.date(2020, 1, 1)) is None
