"""Phone normalizer: E.164 (``+14155552671``) via phonenumbers, validated.

Read: international numbers with ``+``, ``00`` or (in North America) ``011``;
national numbers with the ``region`` they belong to; a ``(0)`` trunk digit written
inside an international number (``+44 (0)20 7946 0958``); extensions (``x123``,
``ext. 12``, ``#12``, ``poste 4``), which are dropped; vanity letters
(``1-800-FLOWERS``); numbers a spreadsheet turned into floats (``4155552671.0``) or
stripped of their ``+`` (``447911123456``); separators of every kind; digits of
any script (Arabic-Indic, Persian, Devanagari, full-width).

phonenumbers' ``parse`` does not validate, so every number is also checked with
``is_valid_number``: ``555-555-5555`` or ``1234567890`` parse but are not numbers.

Reasons a value can be rejected:

* ``missing``: empty (not an error);
* ``invalid_syntax``: not a phone number at all;
* ``no_region``: a national number and no region to read it with;
* ``invalid_number``: parsed, but not a valid number of its country;
* ``placeholder``: one digit repeated or a counting sequence (``000-000-0000``,
  ``123456789``);
* ``unsupported_type`` / ``invalid_encoding``: not text or a number.

>>> phone("(415) 555-2671", region="US")
'+14155552671'
>>> phone("+44 (0)20 7946 0958 ext. 12")
'+442079460958'
>>> phone("06 12 34 56 78", region="fr")
'+33612345678'
>>> phone("000-000-0000", region="US") is None
True
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

import phonenumbers

from goldenrecord.errors import SettingsError
from goldenrecord.normalize._common import (
    PLACEHOLDER,
    Errors,
    Rejected,
    as_text,
    finish,
    integral_text,
)

__all__ = ["phone"]

_E164 = phonenumbers.PhoneNumberFormat.E164
_NANP: Final = frozenset(
    r
    for r, code in (
        (r, phonenumbers.country_code_for_region(r)) for r in phonenumbers.SUPPORTED_REGIONS
    )
    if code == 1
)
_ALIASES: Final = {"UK": "GB", "EL": "GR"}
_EXTENSION: Final = re.compile(
    r"\s*(?:[,;]|(?:ext(?:ension)?|poste|durchwahl|apt|x|#)\.?)\s*\d{1,6}\s*$", re.IGNORECASE
)
_TRUNK: Final = re.compile(r"\(\s*0\s*\)")
_SEQUENCES: Final = ("0123456789", "1234567890", "9876543210")

INVALID_SYNTAX: Final = Rejected("invalid_syntax")
NO_REGION: Final = Rejected("no_region")
INVALID_NUMBER: Final = Rejected("invalid_number")


def _check_region(region: object) -> str | None:
    if region is None:
        return None
    if isinstance(region, str):
        code = region.strip().upper()
        code = _ALIASES.get(code, code)
        if code in phonenumbers.SUPPORTED_REGIONS:
            return code
    raise SettingsError(
        f"region {region!r} is not a region code phonenumbers knows; give an ISO 3166 "
        "alpha-2 code such as 'US', 'GB' or 'FR', or None"
    )


def _ascii_digits(s: str) -> str:
    if s.isascii():
        return s
    s = unicodedata.normalize("NFKC", s)
    return "".join(
        str(unicodedata.decimal(ch)) if not ch.isascii() and ch.isdecimal() else ch for ch in s
    )


def _is_placeholder(digits: str) -> bool:
    if len(digits) < 6:
        return False
    if len(set(digits)) == 1:
        return True
    national = digits[-10:] if len(digits) > 10 else digits
    return any(national in seq or seq in national for seq in _SEQUENCES if len(national) >= 9)


def _parse(s: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(s, region)
    except phonenumbers.NumberParseException:
        return None


def _phone(x: object, region: str | None = None) -> str | Rejected:
    """Core of :func:`phone`: the E.164 number, or why there is none."""
    code = _check_region(region)
    text = as_text(x)
    if isinstance(text, Rejected):
        return text
    s = _ascii_digits(integral_text(text))
    if len(s) > 64:
        return INVALID_SYNTAX
    s = _EXTENSION.sub("", s)
    s = _TRUNK.sub(" ", s).strip()
    digits = "".join(ch for ch in s if ch.isdigit())
    letters = sum(ch.isalpha() for ch in s)
    if len(digits) < 3 or (letters > 0 and len(digits) + letters < 7):
        return INVALID_SYNTAX
    if _is_placeholder(digits):
        return PLACEHOLDER
    if s.startswith("00"):
        s = "+" + s[2:]
    elif s.startswith("011") and (code is None or code in _NANP) and len(digits) > 11:
        s = "+" + s[3:]
    international = s.startswith("+")
    if not international and code is None:
        # A number that lost its "+" in a spreadsheet still carries its country code.
        parsed = _parse("+" + digits, None) if len(digits) >= 11 else None
        if parsed is not None and phonenumbers.is_valid_number(parsed):
            return phonenumbers.format_number(parsed, _E164)
        return NO_REGION
    parsed = _parse(s, code)
    if parsed is not None and phonenumbers.is_valid_number(parsed):
        return phonenumbers.format_number(parsed, _E164)
    # A national reading failed: the "+" may be lost, but only the region's own country
    # code is trusted here, or a US number could turn into a valid Swiss one.
    calling = str(phonenumbers.country_code_for_region(code)) if code else ""
    if not international and len(digits) >= 11 and digits.startswith(calling):
        retry = _parse("+" + digits, None)
        if retry is not None and phonenumbers.is_valid_number(retry):
            return phonenumbers.format_number(retry, _E164)
    return INVALID_SYNTAX if parsed is None else INVALID_NUMBER


def phone(x: object, /, region: str | None = None, *, errors: Errors = "ignore") -> str | None:
    """The E.164 form of a phone number, or None.

    Args:
        x: one cell (str, int, float such as ``4155552671.0``, None, NaN, ...).
        region: ISO 3166 alpha-2 code (any case; ``"UK"`` is read as ``GB``) used to
            read national numbers; without it only international numbers are read.
        errors: ``"ignore"`` returns None for unusable values; ``"raise"`` raises
            :class:`~goldenrecord.NormalizationError` with the reason.

    Raises:
        SettingsError: ``region`` is not a region code (a configuration mistake).

    >>> phone(4155552671.0, region="US")
    '+14155552671'
    >>> phone("1-800-FLOWERS", region="US")
    '+18003569377'
    """
    return finish(_phone(x, region), errors, "phone")
