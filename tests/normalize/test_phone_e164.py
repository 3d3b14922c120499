"""The E.164 fast path of the phone reader reads every number as phonenumbers' parser does."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenrecord.normalize import column
from goldenrecord.normalize._phone import _parse_e164, _phone, _Reader

_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.TOLL_FREE,
)


def _examples() -> list[str]:
    """Every region's example mobile, fixed-line and toll-free numbers in E.164, each also
    with one digit changed, a national prefix written after the country code, and cut."""
    out: list[str] = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in _TYPES:
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                continue
            e164 = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
            cc = str(example.country_code)
            nsn = e164[1 + len(cc) :]
            out += [e164, e164[:-1] + str((int(e164[-1]) + 3) % 10), e164[:-3]]
            out += [f"+{cc}0{nsn}", f"+{cc}1{nsn}", f"+{cc}00{nsn}", f"+{cc}8{nsn}"]
    return out


_EXAMPLES = _examples()


def _parsed(s: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(s, None)
    except phonenumbers.NumberParseException:
        return None


def test_the_examples_cover_the_fast_path_and_the_fallback() -> None:
    """Most example numbers take the fast path; those with a national prefix do not."""
    fast = [s for s in _EXAMPLES if _parse_e164(s) is not None]
    assert len(fast) > len(_EXAMPLES) / 3
    assert _parse_e164("+4407911123456") is None  # the parser strips the UK's 0
    assert _parse_e164("+447911123456") == _parsed("+447911123456")


@pytest.mark.parametrize("chunk", range(8))
def test_fast_path_equals_the_parser_on_every_country(chunk: int) -> None:
    """Where the fast path reads a number, phonenumbers.parse reads the same number
    (country code, national number, Italian leading zeros), for every region."""
    for s in _EXAMPLES[chunk::8]:
        fast = _parse_e164(s)
        if fast is not None:
            assert fast == _parsed(s), s


@settings(max_examples=300, deadline=None)
@given(digits=st.text(alphabet="0123456789", min_size=1, max_size=20))
def test_fast_path_equals_the_parser_on_any_digits(digits: str) -> None:
    """Any ``+digits``: the fast path reads what the parser reads, or leaves it to it."""
    fast = _parse_e164("+" + digits)
    if fast is not None:
        assert fast == _parsed("+" + digits)


def test_column_results_are_those_of_the_full_parse() -> None:
    """A phone column read with and without the fast path: the same values and reasons,
    for numbers in E.164, with spaces, national forms and junk, across regions."""
    cells = _EXAMPLES + [s[:3] + " " + s[3:] for s in _EXAMPLES[::5]] + ["+", "+0", "+1", "+12"]
    regions = [("GB", "FR", "US", None, "BR")[i % 5] for i in range(len(cells))]
    fast, plain = _Reader(), _Reader(fast=False)
    for cell, region in zip(cells, regions, strict=True):
        assert fast(cell, region) == plain(cell, region), cell
    full = [_phone(c, r, read=_Reader(fast=False)) for c, r in zip(cells, regions, strict=True)]
    assert column(cells, "phone", region=regions).values == [
        v if isinstance(v, str) else None for v in full
    ]
