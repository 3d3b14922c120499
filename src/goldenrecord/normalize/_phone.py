"""Phone normalizer: E.164 (``+14155552671``) via phonenumbers, validated.

Read: international numbers with ``+``, ``00`` or (in North America) ``011``;
national numbers with the ``region`` they belong to; a ``(0)`` trunk digit written
inside an international number (``+44 (0)20 7946 0958``); extensions (``x123``,
``ext. 12``, ``#12``, ``poste 4``), which are dropped; a leading label (``Tel.:``,
``Mobile:``) or a trailing one in parentheses (``(home)``), also dropped; vanity
letters (``1-800-FLOWERS``); numbers a spreadsheet turned into floats
(``4155552671.0``) or stripped of their ``+`` (``447911123456``); separators of
every kind (spaces, no-break spaces, dots, dashes, slashes, parentheses); digits of
any script (Arabic-Indic, Persian, Devanagari, Bengali, Thai, full-width); Mexican
mobile numbers still written with the ``1`` dropped in 2019 (``+52 1 ...``).

phonenumbers' ``parse`` does not validate, so every number is also checked with
``is_valid_number``: ``+1 555 123 4567`` or ``(201) 558-159`` parse but are not
numbers. Without a region only international numbers are read, and digits long
enough to hold a country code (``447911123456``). With a region, such digits are
read as international only when the national reading fails and they start with
that region's own country code: a US number one digit too long must not turn into a
valid Swiss one.

Reasons a value can be rejected:

* ``missing``: empty (not an error);
* ``invalid_syntax``: not a phone number at all (too few digits, words, an unknown
  country code);
* ``no_region``: a national number and no region to read it with;
* ``invalid_number``: parsed, but not a valid number of its country (too short, too
  long, an unassigned range);
* ``placeholder``: an obviously fake number: one digit repeated (``000-000-0000``,
  ``+33 6 66 66 66 66``), nine digits counting up or down (``123-456-7890``,
  ``98765 43210``), or a short prefix followed by zeros only (``+86 138 0000 0000``);
* ``unsupported_type`` / ``invalid_encoding``: not text or a number.

Region codes are ISO 3166 alpha-2, any case; ``UK`` is read as ``GB`` and ``EL`` as
``GR``. Any other unknown code raises :class:`~goldenrecord.SettingsError`: it is a
mistake in the call, not in the data.

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

import functools
import re
from collections.abc import Callable
from typing import Final, Literal

import phonenumbers

from goldenrecord.errors import SettingsError
from goldenrecord.normalize._common import (
    PLACEHOLDER,
    Errors,
    Rejected,
    cell_text,
    finish,
    integral_text,
)
from goldenrecord.normalize._phone_fast import is_valid, parse_national, phone_number
from goldenrecord.normalize._phone_text import _NOT_DIGIT, _TRUNK
from goldenrecord.normalize._phone_text import _clean as _clean
from goldenrecord.normalize._phone_text import _is_placeholder as _is_placeholder
from goldenrecord.normalize._phone_text import _is_placeholder_national as _is_placeholder_national
from goldenrecord.normalize._phone_text import _strip_label as _strip_label

__all__ = ["line_type", "phone"]

_E164 = phonenumbers.PhoneNumberFormat.E164
_NANP: Final = frozenset(
    r
    for r, code in (
        (r, phonenumbers.country_code_for_region(r)) for r in phonenumbers.SUPPORTED_REGIONS
    )
    if code == 1
)
_ALIASES: Final = {"UK": "GB", "EL": "GR"}
# Digits and the separators phonenumbers skips, a "+" first at most: every such
# spelling of a number parses as its bare digits do (see _Reader).
_PLAIN: Final = re.compile(r"\+?[0-9 ().\-]+")
_PLAIN_TEXT: Final = re.compile(r"\+?[0-9 .\-]+")  # _PLAIN without parentheses
_MAX_TEXT: Final = 100  # longer than any phone number with its extension and decoration

INVALID_SYNTAX: Final = Rejected("invalid_syntax")
NO_REGION: Final = Rejected("no_region")
INVALID_NUMBER: Final = Rejected("invalid_number")


def _check_region(region: object) -> str | None:
    """The phonenumbers region code for ``region``, or SettingsError."""
    if region is None:
        return None
    if isinstance(region, str):
        code = str.__str__(region).strip().upper()  # a subclass's methods are not called
        code = _ALIASES.get(code, code)
        if code in phonenumbers.SUPPORTED_REGIONS:
            return code
    # The value is not echoed: a per-record region comes from the data.
    raise SettingsError(
        f"region (a {type(region).__name__}) is not a region code phonenumbers knows; give "
        "an ISO 3166 alpha-2 code such as 'US', 'GB' or 'FR' (any case, 'UK' for GB), or None"
    )


def _parse(s: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(s, region)
    except phonenumbers.NumberParseException:
        return None


def _judge(parsed: phonenumbers.PhoneNumber) -> str | Rejected:
    """E.164 for a parsed number that is valid and not a placeholder, else why not."""
    return _judge_nsn(parsed, phonenumbers.national_significant_number(parsed))


def _judge_nsn(parsed: phonenumbers.PhoneNumber, nsn: str) -> str | Rejected:
    """:func:`_judge`, given the national significant number: a function of the
    country code and ``nsn`` only (validity and E.164 read nothing else)."""
    if _is_placeholder_national(nsn):
        return PLACEHOLDER
    code = parsed.country_code
    if code is not None and is_valid(code, nsn):  # phonenumbers.is_valid_number, compiled
        return f"+{code}{nsn}"  # phonenumbers.format_number(parsed, E164)
    if parsed.country_code == 52 and len(nsn) == 11 and nsn[0] == "1":
        # Mexico dropped the mobile "1" after +52 in 2019; old records still carry it.
        modern = _parse("+52" + nsn[1:], None)
        if modern is not None and phonenumbers.is_valid_number(modern):
            return phonenumbers.format_number(modern, _E164)
    return INVALID_NUMBER


def _read(s: str, code: str | None) -> str | Rejected:
    """Parse and judge ``s`` read with region ``code``."""
    parsed = _parse(s, code)
    return INVALID_SYNTAX if parsed is None else _judge(parsed)


Reader = Callable[[str, "str | None"], "str | Rejected"]


_E164_DIGITS: Final = re.compile(r"\+([1-9][0-9]{2,17})")
_MIN_NSN: Final = 2  # phonenumbers' shortest and longest national significant numbers
_MAX_NSN: Final = 17


@functools.cache
def _prefix_for_parsing(country_code: int) -> re.Pattern[str] | Literal[False] | None:
    """The national prefix pattern of a country calling code's main region (None when it
    has none), or False when phonenumbers has no metadata for the code."""
    region = phonenumbers.region_code_for_country_code(country_code)
    meta = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(country_code, region)
    if meta is None:
        return False
    prefix = meta.national_prefix_for_parsing
    return re.compile(prefix) if prefix else None


def _parse_e164(s: str) -> phonenumbers.PhoneNumber | None:
    """``phonenumbers.parse(s)`` for ``s`` written as ``+`` and digits, read without the
    parser where nothing but the country code is to be read, else None (parse it).

    The parser takes the shortest known country code off the digits; the rest is the
    national number, unless it starts with the country's national prefix (``+44 0...``),
    which the parser may strip: those numbers are left to it. Leading zeros of the
    national number are kept as the parser keeps them (Italy's ``+39 02 ...``).
    """
    m = _E164_DIGITS.fullmatch(s)
    if m is None:
        return None
    digits = m.group(1)
    for width in (1, 2, 3):
        code = int(digits[:width])
        if code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            break
    else:
        return None
    nsn = digits[width:]
    prefix = _prefix_for_parsing(code)
    if not _MIN_NSN <= len(nsn) <= _MAX_NSN or prefix is False:
        return None
    if prefix is not None and prefix.match(nsn):
        return None
    return phone_number(code, nsn)


class _Reader:
    """:func:`_read` for a whole column: work shared between spellings of one number.

    Parsing reads a number through its digits: a text of digits and separators
    (spaces, dots, dashes, parentheses), ``+`` first at most, parses exactly as its
    bare digits with that ``+`` do; no extension, label or letter can hide in it.
    Such texts are parsed once per (digits, region). Validation and formatting
    depend on the country code and the national significant number only, so they
    run once per number, however it was written. A number written in E.164 is read
    without the parser when nothing but its country code is to be read
    (:func:`_parse_e164`), national digits with their region when no country code can
    be read off them (:func:`~goldenrecord.normalize._phone_fast.parse_national`).
    """

    def __init__(self, *, fast: bool = True) -> None:
        self._fast = fast
        self._reads: dict[tuple[str, str | None], str | Rejected] = {}
        self._judged: dict[tuple[int | None, str], str | Rejected] = {}

    def __call__(self, s: str, code: str | None) -> str | Rejected:
        if _PLAIN.fullmatch(s):
            digits = _NOT_DIGIT.sub("", s)
            if len(digits) >= 3:  # two bare digits are read where two spaced ones are not
                s = ("+" if s[0] == "+" else "") + digits
        key = (s, code)
        result = self._reads.get(key)
        if result is None:
            parsed = _parse_e164(s) if self._fast else None
            if parsed is None and self._fast and code is not None and s.isascii() and s.isdigit():
                parsed = parse_national(s, code)
            if parsed is None:
                parsed = _parse(s, code)
            if parsed is None:
                result = INVALID_SYNTAX
            else:
                nsn = phonenumbers.national_significant_number(parsed)
                number = (parsed.country_code, nsn)
                result = self._judged.get(number)
                if result is None:
                    result = self._judged[number] = _judge_nsn(parsed, nsn)
            self._reads[key] = result
        return result


def _exit_code(s: str, code: str | None, n_digits: int) -> str:
    """``00`` (and ``011`` in North America or without a region) written as ``+``."""
    if s.startswith("00"):
        return "+" + s[2:]
    if s.startswith("011") and (code is None or code in _NANP) and n_digits > 11:
        return "+" + s[3:]
    return s


def _phone(x: object, region: str | None = None, *, read: Reader = _read) -> str | Rejected:
    """Core of :func:`phone`: the E.164 number, or why there is none.

    ``read`` parses and judges a cleaned text; :func:`_phones` gives a shared one.
    """
    code = _check_region(region)
    text = cell_text(x)
    if isinstance(text, Rejected):
        return text
    if len(text) > _MAX_TEXT:
        return INVALID_SYNTAX
    if _PLAIN_TEXT.fullmatch(text):
        # Nothing for _clean to take off but a float's ".0": no letter, no remark,
        # extension or trunk "(0)" (a property test holds it to that).
        s = integral_text(text)
        digits = _NOT_DIGIT.sub("", s)
        if len(digits) < 3:
            return INVALID_SYNTAX
    else:
        s = _clean(text)
        digits = _NOT_DIGIT.sub("", s)
        letters = sum(map(str.isalpha, s))
        if len(digits) < 3 or (letters > 0 and len(digits) + letters < 7):
            return INVALID_SYNTAX
    if _is_placeholder(digits):
        return PLACEHOLDER
    s = _exit_code(s, code, len(digits))
    international = s.startswith("+")
    if not international and code is None:
        # A number that lost its "+" in a spreadsheet still carries its country code.
        guess = read("+" + digits, None) if len(digits) >= 11 else INVALID_NUMBER
        return guess if isinstance(guess, str) or guess is PLACEHOLDER else NO_REGION
    result = read(s, code)
    if isinstance(result, str) or result is PLACEHOLDER:
        return result
    if international and _TRUNK.search(text):
        # "(0)" is a real digit where 0 is not a trunk prefix: +39 (0)2 ... in Italy.
        kept = read(_exit_code(_clean(text, "0"), code, len(digits) + 1), code)
        if isinstance(kept, str):
            return kept
    # A national reading failed: the "+" may be lost, but only the region's own country
    # code is trusted here, or a US number could turn into a valid Swiss one.
    if (
        not international
        and code is not None
        and len(digits) >= 11
        and digits.startswith(str(phonenumbers.country_code_for_region(code)))
    ):
        retry = read("+" + digits, None)
        if isinstance(retry, str) or retry is PLACEHOLDER:
            return retry
    return result


def _phones() -> Callable[..., str | Rejected]:
    """A :func:`_phone` for one column, sharing work between spellings of a number."""
    reader = _Reader()

    def core(x: object, region: str | None = None) -> str | Rejected:
        return _phone(x, region, read=reader)

    return core


def phone(x: object, /, region: str | None = None, *, errors: Errors = "ignore") -> str | None:
    """The E.164 form of a phone number, or None.

    Args:
        x: one cell (str, int, float such as ``4155552671.0``, None, NaN, ...).
        region: ISO 3166 alpha-2 code (any case; ``"UK"`` is read as ``GB``) used to
            read national numbers; without it only international numbers are read.
        errors: ``"ignore"`` returns None for unusable values; ``"raise"`` raises
            :class:`~goldenrecord.NormalizationError` with the reason.

    Returns:
        The number in E.164 form (``+`` and digits), or None when the cell is empty
        or unusable.

    Raises:
        SettingsError: ``region`` is not a region code (a configuration mistake).
        NormalizationError: only with ``errors="raise"``, for a non-empty cell that is
            not a usable number; its ``reason`` says why, the value is not echoed.

    >>> phone(4155552671.0, region="US")
    '+14155552671'
    >>> phone("1-800-FLOWERS", region="US")
    '+18003569377'
    >>> phone("+52 1 222 124 1931")
    '+522221241931'
    >>> phone("06 12 30 30 82", errors="raise")
    Traceback (most recent call last):
    ...
    goldenrecord.errors.NormalizationError: phone rejected: no_region
    """
    return finish(_phone(x, region), errors, "phone")


@functools.cache
def _line_patterns(country_code: int) -> tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]:
    """Per region of a country calling code: its mobile and fixed-line number patterns."""
    out = []
    for region in phonenumbers.region_codes_for_country_code(country_code):
        meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
        if meta is None or meta.mobile is None or meta.fixed_line is None:
            continue
        mobile = meta.mobile.national_number_pattern
        fixed = meta.fixed_line.national_number_pattern
        if mobile and fixed:
            out.append((re.compile(mobile), re.compile(fixed)))
    return tuple(out)


def line_type(e164: str) -> str | None:
    """``"mobile"`` or ``"fixed_line"`` for a normalized (E.164) number, None when unknown.

    Read from phonenumbers' metadata (the national number patterns of the country's
    mobile and fixed-line ranges), without parsing: a few microseconds a number.
    None where the ranges overlap (North America) or neither matches.

    >>> line_type("+33612345678"), line_type("+33142685300"), line_type("+14155552671")
    ('mobile', 'fixed_line', None)
    """
    if not e164.startswith("+"):
        return None
    for width in (1, 2, 3):
        code = e164[1 : 1 + width]
        if not code.isdigit():
            return None
        patterns = _line_patterns(int(code))
        if patterns:
            national = e164[1 + width :]
            break
    else:
        return None
    kinds = set()
    for mobile, fixed in patterns:
        is_mobile = mobile.fullmatch(national) is not None
        is_fixed = fixed.fullmatch(national) is not None
        if is_mobile != is_fixed:
            kinds.add("mobile" if is_mobile else "fixed_line")
        elif is_mobile:
            return None
    return kinds.pop() if len(kinds) == 1 else None
