"""Postcode normalizer: the canonical form each country's post office uses.

With a ``country`` (anything :func:`~goldenrecord.normalize.country` reads: ``"GB"``,
``"GBR"``, ``"United Kingdom"``), the code is checked against that country's format
and written the official way: ``sw1a1aa`` → ``SW1A 1AA`` (GB), ``94105-1234`` →
``94105`` (US, ZIP+4 dropped), ``k1a0b1`` → ``K1A 0B1`` (CA), ``1234ab`` →
``1234 AB`` (NL), ``F-75008`` → ``75008`` (FR), ``1000001`` → ``1000-001`` (PT),
``11455`` → ``114 55`` (SE), ``1000001`` → ``100-0001`` (JP). Country prefixes
(``D-``, ``F-``, ``CH-``) are dropped. Where a spreadsheet stored the code as a number
and lost its leading zero (``2134.0`` for the US ZIP ``02134``), codes one digit short
are padded for the countries whose codes are all digits and may start with 0 (US,
FR, DE, ES, IT, FI, MX, KR, ...).

Countries covered: GB, US, CA, FR, DE, ES, IT, NL, BE, CH, AT, LU, DK, NO, SE, FI, PT,
PL, CZ, SK, GR, IE, AU, NZ, CN, IN, JP, KR, SG, BR, MX, RU, TR, SA, EG, MA, ZA; AE (no
postcodes at all); any other country, or an unreadable or missing ``country``, gets
the generic form: upper case, letters, digits, single spaces and dashes only.

Reasons a value can be rejected: ``missing``, ``invalid_postcode`` (not a code of the
given country), ``no_postcodes`` (the country has none: AE), ``placeholder``
(``00000``, ``XXXXX``, ``N/A``), ``invalid_syntax`` (no letters or digits),
``unsupported_type``, ``invalid_encoding``.

>>> postcode("sw1a1aa", country="GB"), postcode("94105-1234", country="US")
('SW1A 1AA', '94105')
>>> postcode(2134.0, country="US"), postcode("1234ab", country="NL")
('02134', '1234 AB')
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
    as_text,
    finish,
    fold_latin,
    integral_text,
    is_placeholder_text,
)
from goldenrecord.normalize._country import _country

__all__ = ["postcode"]

INVALID_POSTCODE: Final = Rejected("invalid_postcode")
NO_POSTCODES: Final = Rejected("no_postcodes")
INVALID_SYNTAX: Final = Rejected("invalid_syntax")

_NOT_ALNUM: Final = re.compile(r"[^0-9A-Z]")
_GENERIC_DROP: Final = re.compile(r"[^0-9A-Z\s-]")
_GB: Final = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][ABD-HJLNP-UW-Z]{2})$")
_CA: Final = re.compile(
    r"^([ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z])([0-9][ABCEGHJ-NPRSTV-Z][0-9])$"
)
_NL: Final = re.compile(r"^([1-9][0-9]{3})([A-Z]{2})$")
_IE: Final = re.compile(r"^([AC-FHKNPRTV-Y][0-9]{2}|D6W)([0-9AC-FHKNPRTV-Y]{4})$")

Rule = Callable[[str], "str | None"]


def _digits(n: int, *, pad: bool = False, fmt: Callable[[str], str] = str) -> Rule:
    """A code of ``n`` digits (``pad``: also ``n - 1`` digits, a lost leading zero)."""

    def rule(code: str) -> str | None:
        if pad and len(code) == n - 1 and code.isdigit():
            code = "0" + code
        if len(code) == n and code.isdigit():
            return fmt(code)
        return None

    return rule


def _us(code: str) -> str | None:
    if code.isdigit() and len(code) == 9:
        code = code[:5]
    return _digits(5, pad=True)(code)


def _regex(pattern: re.Pattern[str]) -> Rule:
    def rule(code: str) -> str | None:
        match = pattern.match(code)
        return f"{match[1]} {match[2]}" if match else None

    return rule


def _gb(code: str) -> str | None:
    return "GIR 0AA" if code == "GIR0AA" else _regex(_GB)(code)


def _nl(code: str) -> str | None:
    match = _NL.match(code)
    if not match or match[2] in ("SA", "SD", "SS"):
        return None
    return f"{match[1]} {match[2]}"


def _es(code: str) -> str | None:
    out = _digits(5, pad=True)(code)
    return out if out is not None and 1 <= int(out[:2]) <= 52 else None


def _in(code: str) -> str | None:
    return code if len(code) == 6 and code.isdigit() and code[0] != "0" else None


def _pt(code: str) -> str | None:
    if code.isdigit() and len(code) == 7:
        return f"{code[:4]}-{code[4:]}"
    return code if code.isdigit() and len(code) == 4 else None


_RULES: Final[dict[str, Rule]] = {
    "GB": _gb,
    "US": _us,
    "CA": _regex(_CA),
    "FR": _digits(5, pad=True),
    "DE": _digits(5, pad=True),
    "ES": _es,
    "IT": _digits(5, pad=True),
    "NL": _nl,
    "BE": _digits(4),
    "CH": _digits(4),
    "AT": _digits(4),
    "LU": _digits(4),
    "DK": _digits(4),
    "NO": _digits(4, pad=True),
    "SE": _digits(5, fmt=lambda c: f"{c[:3]} {c[3:]}"),
    "FI": _digits(5, pad=True),
    "PT": _pt,
    "PL": _digits(5, pad=True, fmt=lambda c: f"{c[:2]}-{c[2:]}"),
    "CZ": _digits(5, fmt=lambda c: f"{c[:3]} {c[3:]}"),
    "SK": _digits(5, pad=True, fmt=lambda c: f"{c[:3]} {c[3:]}"),
    "GR": _digits(5, fmt=lambda c: f"{c[:3]} {c[3:]}"),
    "IE": _regex(_IE),
    "AU": _digits(4, pad=True),
    "NZ": _digits(4, pad=True),
    "CN": _digits(6, pad=True),
    "IN": _in,
    "JP": _digits(7, pad=True, fmt=lambda c: f"{c[:3]}-{c[3:]}"),
    "KR": _digits(5, pad=True),
    "SG": _digits(6, pad=True),
    "BR": _digits(8, pad=True, fmt=lambda c: f"{c[:5]}-{c[5:]}"),
    "MX": _digits(5, pad=True),
    "RU": _digits(6),
    "TR": _digits(5, pad=True),
    "SA": _digits(5),
    "EG": _digits(5),
    "MA": _digits(5),
    "ZA": _digits(4, pad=True),
}
_NO_POSTCODES: Final = frozenset({"AE", "HK", "QA"})
# Prefixes written before a code: "D-10115", "F-75008", "CH-8001", "NL-1234 AB".
_PREFIXES: Final = {
    "DE": ("DE", "D"),
    "FR": ("FR", "F"),
    "CH": ("CH",),
    "AT": ("AT", "A"),
    "BE": ("BE", "B"),
    "IT": ("IT", "I"),
    "LU": ("LU", "L"),
    "ES": ("ES", "E"),
    "NL": ("NL",),
    "PL": ("PL",),
    "PT": ("PT", "P"),
    "SE": ("SE", "S"),
    "DK": ("DK",),
    "NO": ("NO", "N"),
    "FI": ("FI",),
    "CZ": ("CZ",),
    "SK": ("SK",),
    "GR": ("GR",),
    "US": ("US",),
    "JP": ("JP", "〒"),
}


def _generic(text: str) -> str | Rejected:
    s = unicodedata.normalize("NFKC", text).upper()
    s = fold_latin(s).upper() if not s.isascii() else s
    s = _GENERIC_DROP.sub("", s)
    s = " ".join(s.split())
    if not any(ch.isalnum() for ch in s):
        return INVALID_SYNTAX
    compact = _NOT_ALNUM.sub("", s)
    if (len(set(compact)) == 1 and len(compact) >= 3) or is_placeholder_text(s.lower()):
        return PLACEHOLDER
    return s


def _region(country: object) -> str | None:
    if country is None:
        return None
    code = _country(country)
    return code if isinstance(code, str) else None


def _postcode(x: object, country: str | None = None) -> str | Rejected:
    """Core of :func:`postcode`: the canonical code, or why there is none."""
    text = as_text(x)
    if isinstance(text, Rejected):
        return text
    text = integral_text(text)
    if len(text) > 40:
        return INVALID_SYNTAX
    if is_placeholder_text(fold_latin(text)):
        return PLACEHOLDER
    region = _region(country)
    if region in _NO_POSTCODES:
        return NO_POSTCODES
    rule = _RULES.get(region) if region is not None else None
    if rule is None:
        return _generic(text)
    compact = _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text).upper())
    if not compact:
        return INVALID_SYNTAX
    if len(set(compact)) == 1 and len(compact) >= 3:
        return PLACEHOLDER
    for prefix in (*_PREFIXES.get(region or "", ()), ""):
        if compact.startswith(prefix):
            out = rule(compact[len(prefix) :])
            if out is not None:
                if len(set(out.replace(" ", "").replace("-", ""))) == 1:
                    return PLACEHOLDER
                return out
    return INVALID_POSTCODE


def postcode(x: object, /, country: str | None = None, *, errors: Errors = "ignore") -> str | None:
    """The canonical postcode for ``country``, or a generic clean form without one.

    Args:
        x: one cell (str, int, float such as ``2134.0``, None, NaN, ...).
        country: the record's country: an ISO code or a name; an unreadable value
            counts as no country (the generic form), since it usually comes from the
            record's own, possibly dirty, country column.
        errors: ``"ignore"`` returns None for unusable values; ``"raise"`` raises
            :class:`~goldenrecord.NormalizationError` with the reason.

    >>> postcode("k1a0b1", country="Canada"), postcode("110 001", country="IN")
    ('K1A 0B1', '110001')
    >>> postcode("12345", country="AE") is None
    True
    """
    return finish(_postcode(x, country), errors, "postcode")
