"""National-number keys: one phone number, whether or not its country could be read.

A phone written without its country code (``5164015294``, ``(516) 401-5294``,
``06 12 34 56 78``) cannot become E.164 in a record with no region: the normalizer
rejects it as ``no_region``. Its national number is still there. The national key
of a phone is:

* for a valid E.164 number, its national significant number;
* for a cell that could not be read for lack of a region, the digits of the cell
  (labels, remarks and extensions dropped as the phone normalizer drops them);

in both cases with leading zeros removed, so a trunk ``0`` written in a national
number (``020 7946 0958``) or kept in the national significant number (Italy's
``02 ...``) does not matter. A cell gives no key when it holds letters (a vanity
number needs its region to be read), when it is international (``+``, ``00``: the
normalizer read it or rejected it for a reason of its own), when fewer than 7 or more
than 15 digits remain, or when the digits are junk: one digit repeated, nine digits
counting up or down, a short prefix followed by zeros.

>>> national_key("+15164015294"), national_key("+390212345678")
('5164015294', '212345678')
>>> national_digits("(516) 401-5294"), national_digits("020 7946 0958")
('5164015294', '2079460958')
>>> national_digits("555-5555"), national_digits("123 456 7890"), national_digits("4015294")
(None, None, '4015294')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

import phonenumbers

from goldenrecord.normalize._common import as_text
from goldenrecord.normalize._phone import _clean, _is_placeholder, _is_placeholder_national

__all__ = ["NATIONAL_FALLBACK_REASONS", "national_digits", "national_key", "national_keys"]

MIN_DIGITS: Final = 7
MAX_DIGITS: Final = 15
NATIONAL_FALLBACK_REASONS: Final = frozenset({"no_region"})
"""Rejection reasons of a phone cell whose digits still give a national key."""

_CODES: Final = frozenset(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
_NOT_DIGIT: Final = re.compile(r"[^0-9]+")
_MAX_TEXT: Final = 100


def national_key(e164: str) -> str | None:
    """The national significant number of an E.164 number, leading zeros removed.

    Read from the text (country codes are prefix-free), without parsing: a valid
    number always has a key, so a pair with two valid numbers always has two keys.

    >>> national_key("+442079460958"), national_key("+8613812345678"), national_key("447911")
    ('2079460958', '13812345678', None)
    """
    if not e164.startswith("+"):
        return None
    for width in (1, 2, 3):
        code = e164[1 : 1 + width]
        if code.isdigit() and int(code) in _CODES:
            return e164[1 + width :].lstrip("0") or None
    return None


def national_digits(cell: object) -> str | None:
    """The national key of a phone cell read without a region, or None (see the module).

    >>> national_digits("Tel.: 06 12 34 56 78 (home)"), national_digits("+33 6 12 34 56 78")
    ('612345678', None)
    >>> national_digits("1-800-FLOWERS"), national_digits("000 000 0000"), national_digits(None)
    (None, None, None)
    """
    text = as_text(cell)
    if not isinstance(text, str) or len(text) > _MAX_TEXT:
        return None
    s = _clean(text)
    if s.startswith(("+", "00")) or any(ch.isalpha() for ch in s):
        return None
    digits = _NOT_DIGIT.sub("", s)
    key = digits.lstrip("0")
    if not MIN_DIGITS <= len(key) <= MAX_DIGITS:
        return None
    if _is_placeholder(digits) or _is_placeholder_national(key):
        return None
    return key


def national_keys(
    values: Sequence[str | None],
    cells: Sequence[object],
    reasons: Sequence[str | None],
    guessed: Sequence[bool] | None = None,
) -> list[str | None]:
    """The national key of every cell of a phone column (each distinct value once).

    Args:
        values: the normalized (E.164) values, None where rejected or missing.
        cells: the raw cells, in the same order.
        reasons: why each cell was rejected (None when kept), as
            :class:`~goldenrecord.normalize.ColumnResult` gives them.
        guessed: per cell, whether the region it was read with is a guess from other
            evidence (another phone's country code, an email domain, a postcode's
            shape); such a cell rejected as ``invalid_number`` still gives a key from
            its digits, since the guess may be wrong.

    >>> national_keys(["+15164015294", None, None], ["", "(516) 401-5294", "12"],
    ...               [None, "no_region", "invalid_syntax"])
    ['5164015294', '5164015294', None]
    """
    keys: dict[str, str | None] = {}
    digits: dict[str, str | None] = {}
    out: list[str | None] = []
    for i, (value, cell, reason) in enumerate(zip(values, cells, reasons, strict=True)):
        key: str | None = None
        if value is not None:
            key = keys[value] if value in keys else keys.setdefault(value, national_key(value))
        elif reason in NATIONAL_FALLBACK_REASONS or (
            reason == "invalid_number" and guessed is not None and guessed[i]
        ):
            if type(cell) is not str:
                key = national_digits(cell)
            elif cell in digits:
                key = digits[cell]
            else:
                key = digits[cell] = national_digits(cell)
        out.append(key)
    return out
