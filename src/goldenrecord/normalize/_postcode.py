"""Postcode normalizer: the canonical form each country's post office uses.

With a ``country`` (anything :func:`~goldenrecord.normalize.country` reads: ``"GB"``,
``"GBR"``, ``"United Kingdom"``, ``"Deutschland"``), the code is checked against that
country's format and written the official way. Spaces, dashes, dots and the country
prefixes of the European postal tradition (``D-10115``, ``F-75008``, ``CH-8001``,
``NL-1234 AB``) are dropped first; digits of any script are read (``١١٥٦٤``,
``１００-０００１``). Countries covered:

* GB ``SW1A 1AA``: every outward shape (A9, A99, AA9, AA99, A9A, AA9A) with the
  letters Royal Mail allows in each position, and ``GIR 0AA``;
* US: ZIP5; a ZIP+4 gives its ZIP5 (``94105-1234`` → ``94105``);
* CA ``K1A 0B1``, with Canada Post's letters (no D F I O Q U; no W Z first);
* NL ``1234 AB``: first digit not 0, the letters SA SD SS not used;
* IE: Eircode ``D02 X285``;
* PT ``1000-001`` (also the old four digits alone); PL ``00-950``; JP ``100-0001``;
  BR ``01310-100``; SE, CZ, SK, GR ``114 55`` (three digits, a space, two);
* FR: five digits of a département (01–95, 97, 98); ``CEDEX`` and its office number
  are dropped (``75381 CEDEX 08`` → ``75381``);
* DE: five digits, not starting 00; ES: five digits, province 01–52;
* IT, FI, MX, KR, TR, SA, EG, MA: five digits;
* BE, CH, AT, LU (not starting 0), DK, NO, AU, NZ, ZA: four digits;
* CN, RU, SG: six digits; IN: six-digit PIN, first digit 1–9 (``110 001`` →
  ``110001``);
* AE, HK, MO, QA have no postcodes: every value is rejected (``no_postcodes``).

A code written as a float (``2134.0``, or the text ``"2134.0"`` from a CSV file) is
read as its integer. Lost leading zeros: a spreadsheet that stored a code as a number
drops its leading zeros (the US ZIP ``02134`` arrives as ``2134`` or ``2134.0``). For
the countries whose codes are all digits and may start with 0, a code one digit
short is padded (FR, DE, ES, IT, FI, NO, PL, SK, AU, NZ, ZA, CN, SG, JP, KR, MX, TR,
BR); US ZIPs of three or four digits are padded to five (the lowest ZIP is
``00501``), and an eight-digit ZIP+4 written without a dash to nine.

Any other country, and a ``country`` that is missing or unreadable, gets the generic
form: NFKC, Latin accents folded, upper case, only letters (of any script), digits,
single spaces and dashes kept (``" ab-12  3x "`` → ``"AB-12 3X"``). The country
usually comes from the record's own country column, so a dirty value there must not
cost the record its postcode: it reads as "no country" rather than raising.

Reasons a value can be rejected (``Rejected.reason``):

* ``missing``: None, NaN, an empty or blank string (not an error);
* ``invalid_postcode``: not a postcode of the given country, or longer than 40
  characters;
* ``no_postcodes``: the country has no postcodes (AE, HK, MO, QA);
* ``placeholder``: a junk value (``00000``, ``99999``, ``XXXXX``, ``N/A``, ``-``,
  ``unknown``);
* ``invalid_syntax``: no letter or digit at all (``"?!"``), an infinite float;
* ``unsupported_type``: a bool, a container, a date;
* ``invalid_encoding``: bytes that are not UTF-8.

>>> postcode("sw1a1aa", country="GB"), postcode("94105-1234", country="US")
('SW1A 1AA', '94105')
>>> postcode(2134.0, country="US"), postcode("1234ab", country="NL")
('02134', '1234 AB')
>>> postcode("D-10115", country="Deutschland"), postcode("00-950", country="POL")
('10115', '00-950')
>>> postcode(" ab-12  3x ")
'AB-12 3X'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Final

from goldenrecord.normalize._common import (
    PLACEHOLDER,
    Errors,
    Rejected,
    cell_text,
    finish,
    fold_latin,
    integral_text,
    is_placeholder_text,
)
from goldenrecord.normalize._country import _country

__all__ = ["postcode"]

INVALID_POSTCODE: Final = Rejected("invalid_postcode")
"""Not a postcode of the given country."""
NO_POSTCODES: Final = Rejected("no_postcodes")
"""The country has no postcodes at all."""
INVALID_SYNTAX: Final = Rejected("invalid_syntax")
"""No letter or digit at all."""

_MAX_LENGTH: Final = 40
_SEPARATORS: Final = re.compile(r"[\W_]+")
_DASHES: Final = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_GENERIC_JUNK: Final = re.compile(r"[^0-9A-Z \-]+")
_CEDEX: Final = re.compile(r"\s*\bCEDEX\b(?:\s*\d{1,2})?\s*$")

_GB: Final = re.compile(
    r"^([A-PR-UWYZ](?:[0-9][0-9]?|[0-9][A-HJKPS-UW]|[A-HK-Y][0-9][0-9]?|[A-HK-Y][0-9][ABEHMNPRV-Y]))"
    r"([0-9][ABD-HJLNP-UW-Z]{2})$"
)
_CA: Final = re.compile(
    r"^([ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z])([0-9][ABCEGHJ-NPRSTV-Z][0-9])$"
)
_NL: Final = re.compile(r"^([1-9][0-9]{3})([A-Z]{2})$")
_IE: Final = re.compile(r"^([AC-FHKNPRTV-Y][0-9]{2}|D6W)([0-9AC-FHKNPRTV-Y]{4})$")

Rule = Callable[[str, bool], "str | None"]
"""A country's rule: (compact code, whether the cell was digits only) → canonical or None."""


def _digits(
    n: int,
    *,
    pad: bool = False,
    first: str = "0123456789",
    split: int = 0,
    sep: str = " ",
) -> Rule:
    """A code of ``n`` digits.

    Args:
        n: the number of digits.
        pad: also accept ``n - 1`` digits, a code whose leading zero was lost.
        first: the digits a code may start with.
        split: where to put ``sep`` in the canonical form (0: nowhere).
        sep: the separator written at ``split``.
    """

    def rule(code: str, plain: bool) -> str | None:
        if pad and len(code) == n - 1:
            code = "0" + code
        if len(code) != n or not code.isdigit() or code[0] not in first:
            return None
        return f"{code[:split]}{sep}{code[split:]}" if split else code

    return rule


def _pair(pattern: re.Pattern[str]) -> Rule:
    """A code matched by ``pattern``, its two groups joined by a space."""

    def rule(code: str, plain: bool) -> str | None:
        match = pattern.match(code)
        return f"{match[1]} {match[2]}" if match else None

    return rule


def _gb(code: str, plain: bool) -> str | None:
    return "GIR 0AA" if code == "GIR0AA" else _pair(_GB)(code, plain)


def _us(code: str, plain: bool) -> str | None:
    if not code.isdigit():
        return None
    if len(code) == 8 and plain:  # ZIP+4 stored as a number: its leading zero lost
        code = "0" + code
    if len(code) == 9:
        return code[:5]
    return code.zfill(5) if 3 <= len(code) <= 5 else None


def _nl(code: str, plain: bool) -> str | None:
    match = _NL.match(code)
    if not match or match[2] in ("SA", "SD", "SS"):
        return None
    return f"{match[1]} {match[2]}"


_FIVE_PADDED: Final = _digits(5, pad=True)


def _fr(code: str, plain: bool) -> str | None:
    out = _FIVE_PADDED(code, plain)
    return out if out is not None and ("01" <= out[:2] <= "95" or out[:2] in "97 98") else None


def _es(code: str, plain: bool) -> str | None:
    out = _FIVE_PADDED(code, plain)
    return out if out is not None and "01" <= out[:2] <= "52" else None


def _de(code: str, plain: bool) -> str | None:
    out = _FIVE_PADDED(code, plain)
    return out if out is not None and not out.startswith("00") else None


def _pt(code: str, plain: bool) -> str | None:
    if not code.isdigit() or code[0] == "0":
        return None
    if len(code) == 7:
        return f"{code[:4]}-{code[4:]}"
    return code if len(code) == 4 else None


_RULES: Final[dict[str, Rule]] = {
    "GB": _gb,
    "US": _us,
    "CA": _pair(_CA),
    "FR": _fr,
    "DE": _de,
    "ES": _es,
    "IT": _FIVE_PADDED,
    "NL": _nl,
    "BE": _digits(4, first="123456789"),
    "CH": _digits(4, first="123456789"),
    "AT": _digits(4, first="123456789"),
    "LU": _digits(4, first="123456789"),
    "DK": _digits(4),
    "NO": _digits(4, pad=True),
    "SE": _digits(5, first="123456789", split=3),
    "FI": _FIVE_PADDED,
    "PT": _pt,
    "PL": _digits(5, pad=True, split=2, sep="-"),
    "CZ": _digits(5, first="123456789", split=3),
    "SK": _digits(5, pad=True, split=3),
    "GR": _digits(5, first="12345678", split=3),
    "IE": _pair(_IE),
    "AU": _digits(4, pad=True),
    "NZ": _digits(4, pad=True),
    "ZA": _digits(4, pad=True),
    "CN": _digits(6, pad=True),
    "RU": _digits(6, first="123456"),
    "SG": _digits(6, pad=True),
    "IN": _digits(6, first="123456789"),
    "JP": _digits(7, pad=True, split=3, sep="-"),
    "KR": _FIVE_PADDED,
    "BR": _digits(8, pad=True, split=5, sep="-"),
    "MX": _FIVE_PADDED,
    "TR": _FIVE_PADDED,
    "SA": _digits(5),
    "EG": _digits(5),
    "MA": _digits(5),
}
_NO_POSTCODES: Final = frozenset({"AE", "HK", "MO", "QA"})
# Prefixes written before a code: "D-10115", "F-75008", "CH-8001", "NL-1234 AB".
_PREFIXES: Final[dict[str, tuple[str, ...]]] = {
    "AT": ("AT", "A"),
    "BE": ("BE", "B"),
    "CH": ("CH",),
    "CZ": ("CZ",),
    "DE": ("DE", "D"),
    "DK": ("DK",),
    "ES": ("ES", "E"),
    "FI": ("FI",),
    "FR": ("FR", "F"),
    "GR": ("GR",),
    "IT": ("IT", "I"),
    "LU": ("LU", "L"),
    "NL": ("NL",),
    "NO": ("NO", "N"),
    "PL": ("PL",),
    "PT": ("PT", "P"),
    "SE": ("SE", "S"),
    "SK": ("SK",),
}


def _ascii_digits(s: str) -> str:
    """Digits of any script as ASCII digits (``١٢`` → ``12``)."""
    if s.isascii():
        return s
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in s)


def _is_junk(compact: str) -> bool:
    """One character repeated: all zeros, four or more nines, a letter (``XXXXX``)."""
    if not compact or compact.count(compact[0]) != len(compact):
        return False
    ch = compact[0]
    return ch == "0" or (ch == "9" and len(compact) >= 4) or (ch.isalpha() and len(compact) >= 2)


def _keep_letters_digits(s: str) -> str:
    """Letters, digits, spaces, dashes and the marks letters of other scripts carry."""
    out = []
    carrier = False  # whether the previous kept character can carry a mark
    for ch in s:
        if ch.isalnum():
            out.append(ch)
            carrier = not ch.isascii()
        elif unicodedata.category(ch)[0] == "M":
            if carrier:
                out.append(ch)
        else:
            carrier = False
            if ch.isspace():
                out.append(" ")
            elif ch == "-":
                out.append(ch)
    return "".join(out)


def _generic(text: str) -> str | Rejected:
    """Upper case; letters, digits, single spaces and dashes only."""
    s = _ascii_digits(fold_latin(text))
    s = _DASHES.sub("-", s).upper()
    s = _GENERIC_JUNK.sub("", s) if s.isascii() else _keep_letters_digits(s)
    s = " ".join(s.split()).strip(" -")
    compact = _SEPARATORS.sub("", s)
    if not compact:
        return INVALID_SYNTAX
    return PLACEHOLDER if _is_junk(compact) or is_placeholder_text(s.lower()) else s


def _region(country: object) -> str | None:
    """The alpha-2 code of ``country``, or None when it is missing or unreadable."""
    if country is None:
        return None
    if type(country) is str and (country in _RULES or country in _NO_POSTCODES):
        return country
    code = _country(country)
    return code if isinstance(code, str) else None


def _postcode(x: object, country: object = None) -> str | Rejected:
    """Core of :func:`postcode`: the canonical code, or why there is none."""
    text = cell_text(x)
    if isinstance(text, Rejected):
        return text
    text = integral_text(text)  # "2134.0": a code that went through a float column
    if len(text) > _MAX_LENGTH:
        return INVALID_POSTCODE
    text = unicodedata.normalize("NFKC", text)
    if is_placeholder_text(fold_latin(text)):
        return PLACEHOLDER
    region = _region(country)
    if region is None:
        return _generic(text)
    if region in _NO_POSTCODES:
        return NO_POSTCODES
    rule = _RULES.get(region)
    if rule is None:
        return _generic(text)
    text = _ascii_digits(text).upper()
    if region == "FR":
        text = _CEDEX.sub("", text)
    compact = _SEPARATORS.sub("", text)
    if not compact:
        return INVALID_SYNTAX
    if not (compact.isascii() and compact.isalnum()):
        return INVALID_POSTCODE
    plain = text.isdigit()
    for prefix in (*_PREFIXES.get(region, ()), ""):
        if compact.startswith(prefix):
            out = rule(compact[len(prefix) :], plain)
            if out is not None:
                # junk is judged on the official form: the ZIP 9999 read from a number
                # column is 09999, a real code; 99999 is a placeholder
                return PLACEHOLDER if _is_junk(_SEPARATORS.sub("", out)) else out
    return PLACEHOLDER if _is_junk(compact) else INVALID_POSTCODE


def postcode(x: object, /, country: str | None = None, *, errors: Errors = "ignore") -> str | None:
    """The canonical postcode for ``country``, or a generic clean form without one.

    Args:
        x: one cell (str, int, a float such as ``2134.0``, None, NaN, ...).
        country: the record's country: an ISO code or a name in any language. A
            missing or unreadable value counts as no country (the generic form): it
            usually comes from the record's own, possibly dirty, country column.
        errors: ``"ignore"`` returns None for unusable values; ``"raise"`` raises
            :class:`~goldenrecord.NormalizationError` with the reason (never the value).

    Returns:
        The canonical code, or None when the cell is missing or unusable.

    Raises:
        NormalizationError: with ``errors="raise"``, when a non-missing value is
            rejected (``invalid_postcode``, ``no_postcodes``, ``placeholder``, ...).

    >>> postcode("k1a0b1", country="Canada"), postcode("110 001", country="IN")
    ('K1A 0B1', '110001')
    >>> postcode("75381 Cedex 08", country="FR"), postcode("1000001", country="JP")
    ('75381', '100-0001')
    >>> postcode("12345", country="AE") is None, postcode("00000") is None
    (True, True)
    """
    return finish(_postcode(x, country), errors, "postcode")
