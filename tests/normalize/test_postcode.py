"""Postcodes per country in their official form, and a generic form without a country."""

from __future__ import annotations

import math

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import goldenrecord as gr
from tests.normalize.helpers import is_missing_cell

PER_COUNTRY = [
    # United Kingdom: every outward shape, GIR 0AA
    pytest.param("sw1a1aa", "GB", "SW1A 1AA", id="gb-aa9a"),
    pytest.param("SW1A 1AA", "United Kingdom", "SW1A 1AA", id="gb-by-name"),
    pytest.param("ec1a 1bb", "GB", "EC1A 1BB", id="gb-aa9a-lower"),
    pytest.param("W1A0AX", "GB", "W1A 0AX", id="gb-a9a"),
    pytest.param("m11ae", "UK", "M1 1AE", id="gb-a9"),
    pytest.param("B33 8TH", "GB", "B33 8TH", id="gb-a99"),
    pytest.param("cr26xh", "GB", "CR2 6XH", id="gb-aa9"),
    pytest.param("DN55 1PT", "GBR", "DN55 1PT", id="gb-aa99"),
    pytest.param("gir 0aa", "GB", "GIR 0AA", id="gb-girobank"),
    pytest.param(" SW1A  1AA ", "England", "SW1A 1AA", id="gb-spaces"),
    # United States: ZIP5, ZIP+4, lost leading zeros
    pytest.param("94105", "US", "94105", id="us-zip5"),
    pytest.param("94105-1234", "US", "94105", id="us-zip4"),
    pytest.param("94105 1234", "US", "94105", id="us-zip4-space"),
    pytest.param("941051234", "US", "94105", id="us-zip9"),
    pytest.param(2134.0, "US", "02134", id="us-float-lost-zero"),
    pytest.param("2134.0", "US", "02134", id="us-float-text-lost-zero"),
    pytest.param("2134", "USA", "02134", id="us-text-lost-zero"),
    pytest.param(501, "US", "00501", id="us-two-zeros-lost"),
    pytest.param(21341234, "US", "02134", id="us-zip4-number-lost-zero"),
    pytest.param(10001, "United States", "10001", id="us-int"),
    # Canada
    pytest.param("k1a0b1", "CA", "K1A 0B1", id="ca-ottawa"),
    pytest.param("H3Z 2Y7", "Canada", "H3Z 2Y7", id="ca-montreal"),
    pytest.param("v6b-4y8", "CAN", "V6B 4Y8", id="ca-dash"),
    # France
    pytest.param("75008", "FR", "75008", id="fr-paris"),
    pytest.param("75 008", "FR", "75008", id="fr-space"),
    pytest.param("F-75008", "France", "75008", id="fr-prefix"),
    pytest.param(1000, "FR", "01000", id="fr-lost-zero"),
    pytest.param("20000", "FR", "20000", id="fr-corsica"),
    pytest.param("97400", "FR", "97400", id="fr-reunion"),
    pytest.param("75381 CEDEX 08", "FR", "75381", id="fr-cedex"),
    # Germany, Austria, Switzerland, Benelux
    pytest.param("10115", "DE", "10115", id="de-berlin"),
    pytest.param("D-10115", "Deutschland", "10115", id="de-prefix"),
    pytest.param(1067, "DE", "01067", id="de-dresden-lost-zero"),
    pytest.param("1010", "Österreich", "1010", id="at-wien"),
    pytest.param("A-1010", "AT", "1010", id="at-prefix"),
    pytest.param("CH-8001", "Schweiz", "8001", id="ch-prefix"),
    pytest.param("1000", "BE", "1000", id="be-brussels"),
    pytest.param("B-1000", "Belgique", "1000", id="be-prefix"),
    pytest.param("L-1234", "LU", "1234", id="lu-prefix"),
    pytest.param("1234ab", "NL", "1234 AB", id="nl-compact"),
    pytest.param("1234 AB", "Nederland", "1234 AB", id="nl-canonical"),
    pytest.param("NL-1012 JS", "NL", "1012 JS", id="nl-prefix"),
    # Southern Europe
    pytest.param("28013", "ES", "28013", id="es-madrid"),
    pytest.param("08001", "España", "08001", id="es-barcelona"),
    pytest.param(8001, "ES", "08001", id="es-lost-zero"),
    pytest.param("00184", "IT", "00184", id="it-roma"),
    pytest.param("I-00184", "Italia", "00184", id="it-prefix"),
    pytest.param("1000-001", "PT", "1000-001", id="pt-cp7"),
    pytest.param("1000001", "Portugal", "1000-001", id="pt-compact"),
    pytest.param("1000", "PT", "1000", id="pt-cp4"),
    pytest.param("105 57", "GR", "105 57", id="gr-athens"),
    pytest.param("10557", "Ελλάδα", "105 57", id="gr-by-greek-name"),
    pytest.param("34000", "Türkiye", "34000", id="tr-istanbul"),
    # Northern and Eastern Europe
    pytest.param("114 55", "SE", "114 55", id="se-stockholm"),
    pytest.param("S-11455", "Sverige", "114 55", id="se-prefix"),
    pytest.param("00100", "FI", "00100", id="fi-helsinki"),
    pytest.param(150, "NO", "0150", id="no-oslo-lost-zero"),
    pytest.param("2100", "DK", "2100", id="dk-copenhagen"),
    pytest.param("00-950", "PL", "00-950", id="pl-warsaw"),
    pytest.param("00950", "Polska", "00-950", id="pl-compact"),
    pytest.param("110 00", "CZ", "110 00", id="cz-prague"),
    pytest.param("81101", "SK", "811 01", id="sk-bratislava"),
    pytest.param("101000", "RU", "101000", id="ru-moscow"),
    pytest.param("119019", "Россия", "119019", id="ru-by-cyrillic-name"),
    pytest.param("D02 X285", "IE", "D02 X285", id="ie-eircode"),
    pytest.param("d02x285", "Ireland", "D02 X285", id="ie-compact"),
    pytest.param("D6W 1234", "IE", "D6W 1234", id="ie-d6w"),
    # Asia-Pacific, Americas, Africa, Middle East
    pytest.param("2000", "AU", "2000", id="au-sydney"),
    pytest.param(800, "Australia", "0800", id="au-darwin-lost-zero"),
    pytest.param("6011", "NZ", "6011", id="nz-wellington"),
    pytest.param("100000", "CN", "100000", id="cn-beijing"),
    pytest.param("010000", "中国", "010000", id="cn-by-chinese-name"),
    pytest.param("110 001", "IN", "110001", id="in-delhi-space"),
    pytest.param("400001", "भारत", "400001", id="in-by-devanagari-name"),
    pytest.param("११०००१", "IN", "110001", id="in-devanagari-digits"),
    pytest.param("100-0001", "JP", "100-0001", id="jp-tokyo"),
    pytest.param("1000001", "Japan", "100-0001", id="jp-compact"),
    pytest.param("〒100-0001", "日本", "100-0001", id="jp-postal-mark"),
    pytest.param("１００－０００１", "JP", "100-0001", id="jp-fullwidth"),
    pytest.param("04524", "KR", "04524", id="kr-seoul"),
    pytest.param("018956", "SG", "018956", id="sg"),
    pytest.param("01310-100", "BR", "01310-100", id="br-sao-paulo"),
    pytest.param("01310100", "Brasil", "01310-100", id="br-compact"),
    pytest.param("06600", "MX", "06600", id="mx-cdmx"),
    pytest.param("2000", "ZA", "2000", id="za-johannesburg"),
    pytest.param("11564", "SA", "11564", id="sa-riyadh"),
    pytest.param("١١٥٦٤", "السعودية", "11564", id="sa-arabic-digits"),
    pytest.param("11511", "مصر", "11511", id="eg-by-arabic-name"),
    pytest.param("20000", "MA", "20000", id="ma-casablanca"),
]

REJECTED = [
    pytest.param("99013", "ES", "invalid_postcode", id="es-no-province-99"),
    pytest.param("53001", "ES", "invalid_postcode", id="es-no-province-53"),
    pytest.param("00100", "FR", "invalid_postcode", id="fr-no-departement-00"),
    pytest.param("96000", "FR", "invalid_postcode", id="fr-no-departement-96"),
    pytest.param("00123", "DE", "invalid_postcode", id="de-00"),
    pytest.param("1234 SA", "NL", "invalid_postcode", id="nl-sa-unused"),
    pytest.param("1234 SS", "NL", "invalid_postcode", id="nl-ss-unused"),
    pytest.param("0123 AB", "NL", "invalid_postcode", id="nl-leading-zero"),
    pytest.param("010001", "IN", "invalid_postcode", id="in-leading-zero"),
    pytest.param("11000", "IN", "invalid_postcode", id="in-five-digits"),
    pytest.param("ABC", "US", "invalid_postcode", id="us-letters"),
    pytest.param("94105-123", "US", "invalid_postcode", id="us-short-plus4"),
    pytest.param("Z1A 0B1", "CA", "invalid_postcode", id="ca-z-first"),
    pytest.param("W1A 0B1", "CA", "invalid_postcode", id="ca-w-first"),
    pytest.param("K1A 0B1", "GB", "invalid_postcode", id="gb-canadian-code"),
    pytest.param("QA1 1AA", "GB", "invalid_postcode", id="gb-q-first"),
    pytest.param("SW1A 1AC", "GB", "invalid_postcode", id="gb-c-inward"),
    pytest.param("12345", "GB", "invalid_postcode", id="gb-digits"),
    pytest.param("0123", "CH", "invalid_postcode", id="ch-leading-zero"),
    pytest.param("X" * 41, "GB", "invalid_postcode", id="too-long"),
    pytest.param("12345", "AE", "no_postcodes", id="ae-no-postcodes"),
    pytest.param("00000", "UAE", "no_postcodes", id="ae-alias"),
    pytest.param("999077", "Hong Kong", "no_postcodes", id="hk-no-postcodes"),
    pytest.param("00000", "US", "placeholder", id="us-zeros"),
    pytest.param("99999", "US", "placeholder", id="us-nines"),
    pytest.param("0000", "AU", "placeholder", id="au-zeros"),
    pytest.param("N/A", "GB", "placeholder", id="gb-n/a"),
    pytest.param("00000", None, "placeholder", id="generic-zeros"),
    pytest.param("XXXXX", None, "placeholder", id="generic-xxxxx"),
    pytest.param("unknown", None, "placeholder", id="generic-unknown"),
    pytest.param("---", None, "placeholder", id="generic-dashes"),
    pytest.param("?!", None, "invalid_syntax", id="generic-no-alnum"),
    pytest.param("?!", "GB", "invalid_syntax", id="gb-no-alnum"),
    pytest.param(True, "GB", "unsupported_type", id="bool"),
    pytest.param(math.inf, "US", "invalid_syntax", id="infinite-float"),
]

GENERIC = [
    pytest.param(" ab-12  3x ", None, "AB-12 3X", id="spaces-and-case"),
    pytest.param("tq13 8df", None, "TQ13 8DF", id="gb-shape-no-country"),
    pytest.param("75008", "Atlantis", "75008", id="unreadable-country"),
    pytest.param("SW1A 1AA", math.nan, "SW1A 1AA", id="nan-country"),
    pytest.param("1234", "AQ", "1234", id="country-without-rules"),
    pytest.param("ｓｗ１ａ １ａａ", None, "SW1A 1AA", id="fullwidth"),
    pytest.param("AB–12", None, "AB-12", id="en-dash"),
    pytest.param("12.345", None, "12345", id="dot-dropped"),
    pytest.param("Ünter 5", None, "UNTER 5", id="latin-accent-folded"),
    pytest.param("١٢٣٤٥", None, "12345", id="arabic-digits"),
    pytest.param("12345", None, "12345", id="digits-kept"),
    pytest.param("11111", None, "11111", id="repeated-digit-not-junk"),
]


@pytest.mark.parametrize(("raw", "country", "expected"), PER_COUNTRY)
def test_postcode_per_country(raw: object, country: str, expected: str) -> None:
    """Each country's code in its official form."""
    assert gr.normalize.postcode(raw, country=country) == expected


@pytest.mark.parametrize(("raw", "country", "reason"), REJECTED)
def test_rejections(raw: object, country: str | None, reason: str) -> None:
    """Codes that are not valid for the country give None with a reason."""
    assert gr.normalize.postcode(raw, country=country) is None
    with pytest.raises(gr.NormalizationError) as info:
        gr.normalize.postcode(raw, country=country, errors="raise")
    assert info.value.reason == reason


@pytest.mark.parametrize(("raw", "country", "expected"), GENERIC)
def test_generic_form(raw: object, country: object, expected: str) -> None:
    """Without a (readable, covered) country: upper case, clean characters, single spaces."""
    assert gr.normalize.postcode(raw, country=country) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("raw", [None, "", "  ", math.nan])
def test_missing_is_none_even_when_raising(raw: object) -> None:
    """An empty cell is not an error, whatever the country."""
    assert gr.normalize.postcode(raw, country="GB", errors="raise") is None


_COUNTRIES = st.sampled_from(
    [None, "GB", "US", "CA", "NL", "FR", "DE", "ES", "JP", "PT", "IE", "IN", "AE", "Narnia"]
)
_ANY_CELL = st.one_of(
    st.text(max_size=12),
    st.text(alphabet="0123456789ABCDEFGHJKNPRSTWXYZ -", max_size=10),
    st.integers(),
    st.floats(),
    st.none(),
    st.booleans(),
    st.dates(),
)


@settings(max_examples=200, deadline=None)
@given(_ANY_CELL, _COUNTRIES)
def test_never_raises_and_is_idempotent(x: object, country: str | None) -> None:
    """Any cell gives a code or None; a canonical code reads back as itself."""
    out = gr.normalize.postcode(x, country=country)
    if out is not None:
        assert gr.normalize.postcode(out, country=country) == out


@settings(max_examples=150, deadline=None)
@given(_ANY_CELL, _COUNTRIES, st.text(" \t", max_size=3))
def test_case_and_surrounding_space_do_not_matter(x: object, country: str | None, pad: str) -> None:
    """Lower case and spaces around a code give the same result."""
    if isinstance(x, str):
        assert gr.normalize.postcode(f"{pad}{x.lower()}{pad}", country=country) == (
            gr.normalize.postcode(x.upper(), country=country)
        )


@settings(max_examples=150, deadline=None)
@given(_ANY_CELL, _COUNTRIES)
@example(b"\x1c", None)  # blank once decoded, as the normalizer reads bytes
@example("\xa0".encode(), "GB")
def test_raise_exactly_when_rejected_and_never_echo(x: object, country: str | None) -> None:
    """errors="raise" raises exactly when the default gives None for a non-missing cell."""
    out = gr.normalize.postcode(x, country=country)
    if out is None and not is_missing_cell(x):
        with pytest.raises(gr.NormalizationError) as info:
            gr.normalize.postcode(x, country=country, errors="raise")
        # The message is the kind and the reason, nothing of the value.
        assert str(info.value) == f"postcode rejected: {info.value.reason}"
    else:
        assert gr.normalize.postcode(x, country=country, errors="raise") == out


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.integers(501, 99950))
@example(9999)  # was rejected as a placeholder before padding to 09999
@example(999)
def test_us_zip_as_number_keeps_its_value(n: int) -> None:
    """A ZIP read as a number (int or float) comes back as the five digits it was."""
    assert gr.normalize.postcode(n, country="US") == f"{n:05d}"
    assert gr.normalize.postcode(float(n), country="US") == f"{n:05d}"
