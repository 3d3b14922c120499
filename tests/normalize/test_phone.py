"""Phone numbers from many countries, in the formats people and spreadsheets write them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goldenrecord as gr

# (region, national form, international form, E.164) for mobile and fixed lines.
COUNTRIES = [
    ("US", "(415) 555-2671", "+1 415-555-2671", "+14155552671"),
    ("US", "201.555.0123", "+1 (201) 555 0123", "+12015550123"),
    ("CA", "(506) 234-5678", "+1 506 234 5678", "+15062345678"),
    ("GB", "07400 123456", "+44 7400 123456", "+447400123456"),
    ("GB", "0121 234 5678", "+44 121 234 5678", "+441212345678"),
    ("FR", "06 12 34 56 78", "+33 6 12 34 56 78", "+33612345678"),
    ("FR", "04.72.12.34.56", "+33 4 72 12 34 56", "+33472123456"),
    ("DE", "01512 3456789", "+49 1512 3456789", "+4915123456789"),
    ("DE", "030 123456", "+49 30 123456", "+4930123456"),
    ("ES", "612 34 56 78", "+34 612 34 56 78", "+34612345678"),
    ("IT", "312 345 6789", "+39 312 345 6789", "+393123456789"),
    ("IT", "02 1234 5678", "+39 02 1234 5678", "+390212345678"),
    ("NL", "06 12345678", "+31 6 12345678", "+31612345678"),
    ("NL", "010 123 4567", "+31 10 123 4567", "+31101234567"),
    ("BE", "0450 00 12 34", "+32 450 00 12 34", "+32450001234"),
    ("CH", "078 123 45 67", "+41 78 123 45 67", "+41781234567"),
    ("AU", "0412 345 678", "+61 412 345 678", "+61412345678"),
    ("AU", "(02) 1234 5678", "+61 2 1234 5678", "+61212345678"),
    ("NZ", "021 123 4567", "+64 21 123 4567", "+64211234567"),
    ("IN", "081234 56789", "+91 81234 56789", "+918123456789"),
    ("CN", "131 2345 6789", "+86 131 2345 6789", "+8613123456789"),
    ("CN", "010 1234 5678", "+86 10 1234 5678", "+861012345678"),
    ("HK", "5123 4567", "+852 5123 4567", "+85251234567"),
    ("JP", "090-1234-5678", "+81 90-1234-5678", "+819012345678"),
    ("JP", "03-1234-5678", "+81 3-1234-5678", "+81312345678"),
    ("KR", "010-2000-0000", "+82 10-2000-0000", "+821020000000"),
    ("AE", "050 123 4567", "+971 50 123 4567", "+971501234567"),
    ("SA", "051 234 5678", "+966 51 234 5678", "+966512345678"),
    ("EG", "010 01234567", "+20 10 01234567", "+201001234567"),
    ("MA", "06 50 12 34 56", "+212 6 50 12 34 56", "+212650123456"),
    ("BR", "(11) 96123-4567", "+55 11 96123-4567", "+5511961234567"),
    ("MX", "222 123 4567", "+52 222 123 4567", "+522221234567"),
    ("RU", "8 (912) 345-67-89", "+7 912 345-67-89", "+79123456789"),
    ("ZA", "071 123 4567", "+27 71 123 4567", "+27711234567"),
    ("NG", "0802 123 4567", "+234 802 123 4567", "+2348021234567"),
    ("SG", "8123 4567", "+65 8123 4567", "+6581234567"),
    ("IE", "085 012 3456", "+353 85 012 3456", "+353850123456"),
    ("PT", "912 345 678", "+351 912 345 678", "+351912345678"),
    ("PL", "512 345 678", "+48 512 345 678", "+48512345678"),
    ("SE", "070-123 45 67", "+46 70 123 45 67", "+46701234567"),
    ("TR", "0501 234 56 78", "+90 501 234 56 78", "+905012345678"),
]


@pytest.mark.parametrize(
    ("region", "national", "expected"),
    [pytest.param(r, n, e, id=f"{r}-national-{e}") for r, n, _, e in COUNTRIES],
)
def test_national_numbers_with_their_region(region: str, national: str, expected: str) -> None:
    """A national number reads with the region it belongs to."""
    assert gr.normalize.phone(national, region=region) == expected


@pytest.mark.parametrize(
    ("international", "expected"),
    [pytest.param(i, e, id=f"intl-{e}") for _, _, i, e in COUNTRIES],
)
def test_international_numbers_need_no_region(international: str, expected: str) -> None:
    """An international number reads without a region, and with any other region."""
    assert gr.normalize.phone(international) == expected
    assert gr.normalize.phone(international, region="JP") == expected


@pytest.mark.parametrize(
    ("raw", "region", "expected"),
    [
        pytest.param("0044 20 7946 0958", None, "+442079460958", id="00-prefix"),
        pytest.param("00 33 6 12 34 56 78", "FR", "+33612345678", id="00-prefix-fr"),
        pytest.param("011 44 20 7946 0958", "US", "+442079460958", id="011-nanp-exit"),
        pytest.param("+44 (0)20 7946 0958", None, "+442079460958", id="trunk-zero"),
        pytest.param("+49 (0) 30 123456", None, "+4930123456", id="trunk-zero-de"),
        pytest.param("(415) 555-2671 x123", "US", "+14155552671", id="ext-x"),
        pytest.param("+1 415 555 2671 ext. 12", None, "+14155552671", id="ext-word"),
        pytest.param("415-555-2671 #4", "US", "+14155552671", id="ext-hash"),
        pytest.param("01 23 45 67 80 poste 12", "FR", "+33123456780", id="ext-poste"),
        pytest.param("1-800-FLOWERS", "US", "+18003569377", id="vanity"),
        pytest.param(4155552671.0, "US", "+14155552671", id="float-from-csv"),
        pytest.param(4155552671, "US", "+14155552671", id="int"),
        pytest.param("4155552671.0", "US", "+14155552671", id="float-written-as-text"),
        pytest.param("447911123456", "GB", "+447911123456", id="lost-plus-gb"),
        pytest.param("447911123456", None, "+447911123456", id="lost-plus-no-region"),
        pytest.param(33612345678.0, "FR", "+33612345678", id="lost-plus-float"),
        pytest.param("415/555/2671", "US", "+14155552671", id="slashes"),
        pytest.param("415\u00a0555\u00a02671", "US", "+14155552671", id="nbsp"),
        pytest.param("＋３３ ６ １２ ３４ ５６ ７８", None, "+33612345678", id="full-width"),
        pytest.param("+٩٧١ ٥٠ ١٢٣ ٤٥٦٧", None, "+971501234567", id="arabic-indic-digits"),
        pytest.param("۰۹۱۲ ۳۴۵ ۶۷۸۹", "IR", "+989123456789", id="persian-digits"),
        pytest.param("+९१ ८१२३४ ५६७८९", None, "+918123456789", id="devanagari-digits"),
        pytest.param("  +1 415 555 2671  ", None, "+14155552671", id="whitespace"),
        pytest.param("tel: +1 415 555 2671", None, "+14155552671", id="tel-prefix"),
        pytest.param("0612345678", "fr", "+33612345678", id="region-lower-case"),
        pytest.param("07400 123456", "UK", "+447400123456", id="region-uk-alias"),
    ],
)
def test_written_forms(raw: object, region: str | None, expected: str) -> None:
    """Prefixes, trunk digits, extensions, letters, floats and foreign digits."""
    assert gr.normalize.phone(raw, region=region) == expected


@pytest.mark.parametrize(
    ("raw", "region", "reason"),
    [
        pytest.param("000-000-0000", "US", "placeholder", id="zeros"),
        pytest.param("555-555-5555", "US", "placeholder", id="fives"),
        pytest.param("1234567890", "US", "placeholder", id="sequence"),
        pytest.param("+1 123 456 7890", None, "placeholder", id="sequence-intl"),
        pytest.param("9999999999", "GB", "placeholder", id="nines"),
        pytest.param("415 555 0000 0000 000", "US", "invalid_number", id="too-long"),
        pytest.param("123", "US", "invalid_number", id="too-short"),
        pytest.param("+1 555 123 4567", None, "invalid_number", id="fake-area-code"),
        pytest.param("06 12 34 56 78", None, "no_region", id="national-without-region"),
        pytest.param("41555526710", "US", "invalid_number", id="no-foreign-country-guess"),
        pytest.param("call me maybe", "US", "invalid_syntax", id="words"),
        pytest.param("n/a", "US", "invalid_syntax", id="na"),
        pytest.param("12", "US", "invalid_syntax", id="two-digits"),
    ],
)
def test_rejections_have_reasons(raw: object, region: str | None, reason: str) -> None:
    """Unusable numbers give None, and raise with their reason when asked."""
    assert gr.normalize.phone(raw, region=region) is None
    with pytest.raises(gr.NormalizationError) as info:
        gr.normalize.phone(raw, region=region, errors="raise")
    assert info.value.reason == reason
    assert str(raw) not in str(info.value)


@pytest.mark.parametrize("cell", [None, float("nan"), "", "  ", True, [1]])
def test_missing_and_odd_cells(cell: object) -> None:
    """Empty and non-text cells give None without raising."""
    assert gr.normalize.phone(cell, region="US") is None


@pytest.mark.parametrize("region", ["XX", "United States", "", 44])
def test_unknown_region_is_a_configuration_error(region: object) -> None:
    """A region code phonenumbers does not know is a mistake in the call, named."""
    with pytest.raises(gr.SettingsError, match="region"):
        gr.normalize.phone("0612345678", region=region)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.text(max_size=30), st.integers(), st.floats()),
    st.sampled_from([None, "US", "FR", "GB", "IN"]),
)
def test_never_raises_and_is_idempotent(x: object, region: str | None) -> None:
    """Any cell gives an E.164 string or None; normalizing the result changes nothing."""
    out = gr.normalize.phone(x, region=region)
    assert out is None or (out.startswith("+") and out[1:].isdigit())
    if out is not None:
        assert gr.normalize.phone(out) == out
        assert gr.normalize.phone(f"  {out} ", region="JP") == out


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789 +-().x", max_size=20))
def test_raise_mode_agrees_with_default(x: str) -> None:
    """errors="raise" raises exactly when the default gives None for a non-empty cell."""
    out = gr.normalize.phone(x, region="US")
    if out is None and x.strip():
        with pytest.raises(gr.NormalizationError) as info:
            gr.normalize.phone(x, region="US", errors="raise")
        assert x.strip() not in str(info.value) or len(x.strip()) < 2
    else:
        assert gr.normalize.phone(x, region="US", errors="raise") == out
