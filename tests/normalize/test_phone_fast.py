"""Validation and national reading from the metadata agree with phonenumbers' own."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenrecord.normalize._phone_fast import is_valid, parse_national

_TYPES = tuple(
    t for t in vars(phonenumbers.PhoneNumberType).values() if isinstance(t, int) and t >= 0
)
_REGIONS = sorted(phonenumbers.SUPPORTED_REGIONS)
_CODES = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)


def _variants(digits: str) -> list[str]:
    """A number's digits, one digit changed, one cut, one added, a 0 or 1 first."""
    last = str((int(digits[-1]) + 3) % 10)
    return [digits, digits[:-1] + last, digits[:-2], digits + "7", "0" + digits, "1" + digits]


def _numbers() -> list[phonenumbers.PhoneNumber]:
    """Every region's (and non-geographic code's) example numbers of every type."""
    out = []
    for region in _REGIONS:
        for kind in _TYPES:
            example = phonenumbers.example_number_for_type(region, kind)
            if example is not None:
                out.append(example)
    for code in phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS:
        example = phonenumbers.example_number_for_non_geo_entity(code)
        if example is not None:
            out.append(example)
    return out


_NUMBERS = _numbers()


def _valid(code: int, nsn: str) -> bool:
    number = phonenumbers.parse(f"+{code}{nsn}", None)
    return bool(phonenumbers.is_valid_number(number))


def _parsed(digits: str, region: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        return None


@pytest.mark.parametrize("chunk", range(4))
def test_validity_is_phonenumbers_on_every_example_and_its_variants(chunk: int) -> None:
    """Valid and invalid numbers of every region and type, shared calling codes (+1,
    +7, +44, +262...) and non-geographic codes (+800, +882) among them."""
    checked = valid = 0
    for example in _NUMBERS[chunk::4]:
        code = example.country_code
        for nsn in _variants(phonenumbers.national_significant_number(example)):
            number = phonenumbers.PhoneNumber(country_code=code, national_number=int(nsn))
            if nsn[0] == "0" and len(nsn) > 1:  # as the parser keeps leading zeros
                number.italian_leading_zero = True
                zeros = min(len(nsn) - len(nsn.lstrip("0")), len(nsn) - 1)
                if zeros > 1:
                    number.number_of_leading_zeros = zeros
            real = phonenumbers.national_significant_number(number)
            expected = phonenumbers.is_valid_number(number)
            assert is_valid(code, real) == expected, (code, real)
            checked, valid = checked + 1, valid + expected
    assert 0 < valid < checked  # both answers were tested


@settings(max_examples=300, deadline=None)
@given(code=st.sampled_from(_CODES), nsn=st.text(alphabet="0123456789", min_size=1, max_size=17))
def test_validity_is_phonenumbers_on_any_digits(code: int, nsn: str) -> None:
    number = phonenumbers.PhoneNumber(country_code=code, national_number=int(nsn))
    real = phonenumbers.national_significant_number(number)
    assert is_valid(code, real) == phonenumbers.is_valid_number(number)


def _national_forms() -> list[tuple[str, str]]:
    """Every region's example numbers as dialled there (national prefix and all), and
    variants, each with its region."""
    out = []
    for example in _NUMBERS:
        region = phonenumbers.region_code_for_number(example)
        if region not in phonenumbers.SUPPORTED_REGIONS:
            continue
        national = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL)
        digits = "".join(ch for ch in national if ch.isdigit())
        if len(digits) >= 3:
            out += [(v, region) for v in _variants(digits) if len(v) >= 3]
    return out


_NATIONAL = _national_forms()


@pytest.mark.parametrize("chunk", range(4))
def test_national_reading_is_the_parsers_on_every_region(chunk: int) -> None:
    """Where the national reading answers, the parser reads the same number; it
    answers for most numbers (the fast path is taken)."""
    answered = 0
    for digits, region in _NATIONAL[chunk::4]:
        fast = parse_national(digits, region)
        if fast is not None:
            answered += 1
            assert fast == _parsed(digits, region), (digits, region)
    assert answered > len(_NATIONAL[chunk::4]) / 2


@settings(max_examples=400, deadline=None)
@given(
    region=st.sampled_from(_REGIONS),
    digits=st.text(alphabet="0123456789", min_size=3, max_size=20),
)
def test_national_reading_is_the_parsers_on_any_digits(region: str, digits: str) -> None:
    fast = parse_national(digits, region)
    if fast is not None:
        assert fast == _parsed(digits, region)
