"""Postcodes per country in their official form, and a generic form without a country."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goldenrecord as gr


@pytest.mark.parametrize(
    ("raw", "country", "expected"),
    [
        ("sw1a1aa", "GB", "SW1A 1AA"),
        ("SW1A 1AA", "United Kingdom", "SW1A 1AA"),
        ("ec1a 1bb", "GB", "EC1A 1BB"),
        ("W1A0AX", "GB", "W1A 0AX"),
        ("m11ae", "UK", "M1 1AE"),
        ("B33 8TH", "GB", "B33 8TH"),
        ("cr26xh", "GB", "CR2 6XH"),
        ("DN55 1PT", "GB", "DN55 1PT"),
        ("gir 0aa", "GB", "GIR 0AA"),
        ("94105", "US", "94105"),
        ("94105-1234", "US", "94105"),
        ("941051234", "US", "94105"),
        (2134.0, "US", "02134"),
        ("2134.0", "US", "02134"),
        ("2134", "USA", "02134"),
        (10001, "US", "10001"),
        ("k1a0b1", "CA", "K1A 0B1"),
        ("H3Z 2Y7", "Canada", "H3Z 2Y7"),
        ("75008", "FR", "75008"),
        ("75 008", "FR", "75008"),
        ("F-75008", "France", "75008"),
        (1000, "FR", "01000"),
        ("10115", "DE", "10115"),
        ("D-10115", "Deutschland", "10115"),
        ("28013", "ES", "28013"),
        ("08001", "ES", "08001"),
        ("00184", "IT", "00184"),
        ("I-00184", "IT", "00184"),
        ("1234ab", "NL", "1234 AB"),
        ("1234 AB", "NL", "1234 AB"),
        ("1000", "BE", "1000"),
        ("B-1000", "BE", "1000"),
        ("CH-8001", "CH", "8001"),
        ("1010", "AT", "1010"),
        ("2000", "AU", "2000"),
        ("6011", "NZ", "6011"),
        ("100000", "CN", "100000"),
        ("110 001", "IN", "110001"),
        ("400001", "India", "400001"),
        ("1000-001", "PT", "1000-001"),
        ("1000001", "PT", "1000-001"),
        ("00-950", "PL", "00-950"),
        ("00950", "PL", "00-950"),
        ("114 55", "SE", "114 55"),
        ("11455", "SE", "114 55"),
        ("100-0001", "JP", "100-0001"),
        ("1000001", "JP", "100-0001"),
        ("〒100-0001", "日本", "100-0001"),
        ("01310-100", "BR", "01310-100"),
        ("101000", "RU", "101000"),
        ("D02 X285", "IE", "D02 X285"),
        ("d02x285", "IE", "D02 X285"),
        ("105 57", "GR", "105 57"),
        ("10557", "Ελλάδα", "105 57"),
        ("110 00", "CZ", "110 00"),
        ("06600", "MX", "06600"),
        ("04524", "KR", "04524"),
        ("018956", "SG", "018956"),
        ("11564", "SA", "11564"),
        ("2000", "ZA", "2000"),
        ("34000", "TR", "34000"),
    ],
)
def test_postcode_per_country(raw: object, country: str, expected: str) -> None:
    """Each country's code in its official form."""
    assert gr.normalize.postcode(raw, country=country) == expected


@pytest.mark.parametrize(
    ("raw", "country", "reason"),
    [
        ("99013", "ES", "invalid_postcode"),
        ("1234 SA", "NL", "invalid_postcode"),
        ("0123 AB", "NL", "invalid_postcode"),
        ("010001", "IN", "invalid_postcode"),
        ("ABC", "US", "invalid_postcode"),
        ("Z1A 0B1", "CA", "invalid_postcode"),
        ("12345", "GB", "invalid_postcode"),
        ("12345", "AE", "no_postcodes"),
        ("00000", "US", "placeholder"),
        ("00000", None, "placeholder"),
        ("N/A", "GB", "placeholder"),
        ("XXXXX", None, "placeholder"),
        ("---", None, "placeholder"),
        ("?!", None, "invalid_syntax"),
    ],
)
def test_rejections(raw: object, country: str | None, reason: str) -> None:
    """Codes that are not valid for the country give None with a reason."""
    assert gr.normalize.postcode(raw, country=country) is None
    with pytest.raises(gr.NormalizationError) as info:
        gr.normalize.postcode(raw, country=country, errors="raise")
    assert info.value.reason == reason


@pytest.mark.parametrize(
    ("raw", "country", "expected"),
    [
        (" ab-12  3x ", None, "AB-12 3X"),
        ("tq13 8df", None, "TQ13 8DF"),
        ("75008", "Atlantis", "75008"),
        ("1234", "AQ", "1234"),
        ("ｓｗ１ａ １ａａ", None, "SW1A 1AA"),
    ],
)
def test_generic_form(raw: object, country: str | None, expected: str) -> None:
    """Without a (known) country: upper case, clean characters, single spaces."""
    assert gr.normalize.postcode(raw, country=country) == expected


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(st.text(max_size=12), st.integers()),
    st.sampled_from([None, "GB", "US", "CA", "NL", "FR", "JP", "PT"]),
)
def test_never_raises_and_is_idempotent(x: object, country: str | None) -> None:
    """Any cell gives a code or None; normalizing a canonical code changes nothing."""
    out = gr.normalize.postcode(x, country=country)
    if out is not None:
        assert gr.normalize.postcode(out, country=country) == out
        assert gr.normalize.postcode(f" {out.lower()} ", country=country) == out
