"""National-number keys of phones: the same number meets itself with or without its country."""

from __future__ import annotations

import math

import phonenumbers
import pytest

from goldenrecord.normalize import column
from goldenrecord.normalize._phone_key import national_digits, national_key, national_keys

E164_CASES = [
    ("+15164015294", "5164015294"),  # US
    ("+16135550123", "6135550123"),  # CA
    ("+442079460958", "2079460958"),  # GB landline
    ("+447911123456", "7911123456"),  # GB mobile
    ("+33612345678", "612345678"),  # FR
    ("+4915124681357", "15124681357"),  # DE
    ("+390212345678", "212345678"),  # IT: the 0 kept in the national number is dropped
    ("+34612345678", "612345678"),  # ES
    ("+919820012345", "9820012345"),  # IN
    ("+8613812345678", "13812345678"),  # CN
    ("+5511961234567", "11961234567"),  # BR
    ("+971501234567", "501234567"),  # AE: three-digit country code
    ("5164015294", None),  # not E.164
    ("+", None),
    ("+999123", None),  # no such country code
]


@pytest.mark.parametrize(("e164", "expected"), E164_CASES)
def test_national_key_of_e164(e164: str, expected: str | None) -> None:
    """An E.164 number's key is its national significant number, leading zeros removed."""
    assert national_key(e164) == expected


DIGIT_CASES = [
    ("5164015294", "5164015294"),
    ("(516) 401-5294", "5164015294"),
    ("516.401.5294", "5164015294"),
    ("020 7946 0958", "2079460958"),  # GB, trunk 0
    ("07911 123456", "7911123456"),
    ("06 12 34 56 78", "612345678"),  # FR
    ("0151 24681357", "15124681357"),  # DE
    ("02 1234 5678", "212345678"),  # IT
    ("612 34 56 78", "612345678"),  # ES: no trunk prefix
    ("098200 12345", "9820012345"),  # IN
    ("138 1234 5678", "13812345678"),  # CN
    ("(11) 96123-4567", "11961234567"),  # BR
    ("050 123 4567", "501234567"),  # AE
    ("٠٥٠ ١٢٣ ٤٥٦٧", "501234567"),  # Arabic-Indic digits
    ("Tel.: 06 12 34 56 78 (home)", "612345678"),  # label and remark dropped
    ("0612345678 ext. 12", "612345678"),  # extension dropped
    ("401-5294", "4015294"),  # seven digits: enough
    # No key:
    ("+33 6 12 34 56 78", None),  # international: read (or rejected) by the normalizer
    ("0033 6 12 34 56 78", None),
    ("1-800-FLOWERS", None),  # letters need a region
    ("000 000 0000", None),  # one digit repeated
    ("555-5555", None),
    ("123-456-7890", None),  # counting up
    ("0138 0000 0000", None),  # a prefix and zeros
    ("401-529", None),  # too short
    ("5164015294516401", None),  # too long
    ("", None),
    ("n/a", None),
    (None, None),
    (math.nan, None),
    ("9" * 200, None),
]


@pytest.mark.parametrize(("cell", "expected"), DIGIT_CASES)
def test_national_digits_of_unread_cells(cell: object, expected: str | None) -> None:
    """A cell read without a region gives its digits, trunk zeros dropped, junk refused."""
    assert national_digits(cell) == expected


NATIONAL_FORMS = [
    ("US", "(415) 555-2671"),
    ("CA", "(613) 555-0123"),
    ("GB", "020 7946 0958"),
    ("GB", "07911 123456"),
    ("FR", "01 42 68 53 00"),
    ("FR", "06 12 30 30 82"),
    ("DE", "030 9017 2345"),
    ("DE", "0151 24681357"),
    ("IT", "02 8904 1234"),
    ("IT", "347 812 3456"),
    ("ES", "912 84 36 71"),
    ("NL", "020 624 1111"),
    ("NL", "06 24681357"),
    ("IN", "098200 12345"),
    ("CN", "010 6552 9988"),
    ("CN", "138 1357 2468"),
    ("BR", "(11) 96135-2468"),
    ("AU", "0412 135 792"),
    ("JP", "03-3224-9999"),
    ("AE", "050 135 7924"),
]


@pytest.mark.parametrize(("region", "national"), NATIONAL_FORMS)
def test_national_form_meets_e164_form(region: str, national: str) -> None:
    """Across countries whose trunk prefix is 0 (or none), a number written nationally
    and read without a region has the same key as the same number read as E.164."""
    e164 = column([national], "phone", region=region).values[0]
    assert e164 is not None
    assert column([national], "phone").reasons == ["no_region"]
    key = national_key(e164)
    assert key is not None
    assert len(key) >= 7
    assert national_digits(national) == key
    assert key == str(phonenumbers.parse(e164).national_number)


def test_national_keys_of_a_column() -> None:
    """Keys come from E.164 values, and from the digits of cells rejected for lack of a
    region (or, when the region was guessed, as invalid); never from other rejections."""
    cells = [
        "+1 516 401 5294",
        "(516) 401-5294",
        "12",
        "000-000-0000",
        None,
        "0612345678",
    ]
    res = column(cells, "phone", region=[None, None, None, None, None, "GB"])
    assert res.reasons == [
        None,
        "no_region",
        "invalid_syntax",
        "placeholder",
        "missing",
        "invalid_number",
    ]
    keys = national_keys(res.values, cells, res.reasons)
    assert keys == ["5164015294", "5164015294", None, None, None, None]
    guessed = [False] * 5 + [True]
    assert national_keys(res.values, cells, res.reasons, guessed)[5] == "612345678"
