"""Mobile or fixed line, read from phonenumbers' metadata, across countries."""

from __future__ import annotations

import phonenumbers
import pytest

from goldenrecord.normalize._phone import line_type

CASES = [
    ("+33612345678", "mobile"),  # France 06
    ("+33779215948", "mobile"),  # France 07
    ("+33142685300", "fixed_line"),  # Paris 01
    ("+4917099874646", "mobile"),  # Germany 0170
    ("+493065687074", "fixed_line"),  # Berlin 030
    ("+447911123456", "mobile"),  # United Kingdom 07
    ("+442079460958", "fixed_line"),  # London 020
    ("+34612345678", "mobile"),  # Spain 6
    ("+34912345678", "fixed_line"),  # Madrid 91
    ("+919798196605", "mobile"),  # India
    ("+966501234567", "mobile"),  # Saudi Arabia 05
    ("+971501234567", "mobile"),  # United Arab Emirates 050
    ("+97142345678", "fixed_line"),  # Dubai 04
    ("+8613812345678", "mobile"),  # China 138
    ("+861012345678", "fixed_line"),  # Beijing 010
    ("+81312345678", "fixed_line"),  # Tokyo 03
    ("+5511987654321", "mobile"),  # Brazil, São Paulo mobile
    ("+551133334444", "fixed_line"),  # São Paulo fixed
    ("+14155552671", None),  # North America: the ranges overlap
    ("+16135550123", None),  # Canada, same plan
    ("+999123", None),  # no such country code
    ("0612345678", None),  # not E.164
    ("+", None),
]


@pytest.mark.parametrize(("number", "expected"), CASES)
def test_line_type(number: str, expected: str | None) -> None:
    assert line_type(number) == expected


@pytest.mark.parametrize(("number", "expected"), [c for c in CASES if c[1] is not None])
def test_agrees_with_phonenumbers_number_type(number: str, expected: str) -> None:
    """The fast reading gives what parsing and number_type give."""
    kind = phonenumbers.number_type(phonenumbers.parse(number))
    wanted = {
        phonenumbers.PhoneNumberType.MOBILE: "mobile",
        phonenumbers.PhoneNumberType.FIXED_LINE: "fixed_line",
    }[kind]
    assert wanted == expected
