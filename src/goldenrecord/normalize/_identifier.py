"""Identifier normalizer: customer numbers, loyalty cards, national IDs, account codes.

An identifier is compared character for character, so the normal form keeps every
character that carries meaning and drops only the ones people type as decoration:
the text is NFKC-normalized, separators are removed (white space of any kind,
no-break spaces, hyphens and dashes, dots, slashes, backslashes, underscores,
invisible control and format characters), digits of every script become ASCII
digits (``١٢٣`` gives ``"123"``) and letters are upper-cased where their script has
case. Leading zeros are kept: ``"007"`` and ``"7"`` are different
identifiers. Integral floats, as a CSV reader produces them, are read as their
digits (``12345.0`` gives ``"12345"``).

Reasons a value can be rejected (``Rejected.reason``):

* ``missing``: None, NaN, an empty or blank string (not an error).
* ``placeholder``: a junk value that would glue strangers together: a "no value"
  word (``N/A``, ``none``, ``unknown``, ``test``, ``-``, ``#N/A``), all zeros
  (``0``, ``0000``), one character repeated (two or more letters or symbols such as
  ``XXXX``, three or more digits such as ``9999``), or a keyboard run of digits
  (``123456789``, ``1234567890``, ``0123456789``, ``987654321``, ``9876543210``).
* ``invalid_syntax``: no letter or digit at all (``"#*"``), or a non-finite float.
* ``unsupported_type``: a bool, a container, a date.
* ``invalid_encoding``: bytes that are not UTF-8.

>>> identifier(" ab-123 "), identifier("007"), identifier(12345.0)
('AB123', '007', '12345')
>>> identifier("N/A") is None
True
"""

from __future__ import annotations

import unicodedata
from typing import Final

from goldenrecord.normalize._common import (
    INVALID,
    PLACEHOLDER,
    Errors,
    Rejected,
    cell_text,
    finish,
    fold_latin,
    integral_text,
    is_placeholder_text,
)

__all__ = ["INVALID_SYNTAX", "identifier"]

INVALID_SYNTAX: Final = Rejected("invalid_syntax")
"""No letter or digit at all."""

_ASCII_SEPARATORS: Final = " \t\n\r\x0b\x0c-./\\_"
_DROP_ASCII: Final = str.maketrans(
    "", "", _ASCII_SEPARATORS + "".join(map(chr, range(32))) + "\x7f"
)
# Dashes that NFKC leaves alone (hyphen, non-breaking hyphen, figure/en/em dashes,
# horizontal bar, minus sign, Armenian and Hebrew hyphens, double-oblique hyphen).
_DASHES: Final = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u058a\u05be\u2e17")
_DIGIT_RUNS: Final = frozenset({"123456789", "1234567890", "0123456789", "987654321", "9876543210"})


def _compact(s: str) -> str:
    """``s`` without separators, its digits in ASCII; ``s`` is NFKC-normalized."""
    out: list[str] = []
    for ch in s:
        if ch.isascii():
            if ch not in _ASCII_SEPARATORS and ch.isprintable():
                out.append(ch)
        elif ch.isdecimal():
            out.append(str(unicodedata.decimal(ch)))
        elif not (ch.isspace() or ch in _DASHES or unicodedata.category(ch) in ("Cc", "Cf")):
            out.append(ch)
    return "".join(out)


def _is_junk(compact: str) -> bool:
    """True for all zeros, one repeated character, or a keyboard run of digits."""
    first = compact[0]
    if first * len(compact) == compact:
        if first == "0":
            return True
        return len(compact) >= (3 if first.isdigit() else 2)
    return compact in _DIGIT_RUNS


def _is_placeholder_word(folded: str) -> bool:
    """True for a "no value" word, also behind a spreadsheet's ``#`` (``#N/A``)."""
    word = folded.lstrip("#")
    return bool(word) and is_placeholder_text(word)


def _identifier(x: object) -> str | Rejected:
    """Core of :func:`identifier`: the compact upper-case identifier, or why there is none."""
    s = cell_text(x)
    if isinstance(s, Rejected):
        return INVALID_SYNTAX if s is INVALID else s
    s = integral_text(s)
    if s.isascii():
        if _is_placeholder_word(s.lower()):
            return PLACEHOLDER
        compact = s.translate(_DROP_ASCII).upper()
        folded = compact.lower()
    else:
        s = unicodedata.normalize("NFKC", s)
        if _is_placeholder_word(fold_latin(s)):
            return PLACEHOLDER
        compact = unicodedata.normalize("NFKC", _compact(s).upper())
        folded = fold_latin(compact)
    if not any(ch.isalnum() for ch in compact):
        return INVALID_SYNTAX
    if _is_junk(compact.lstrip("#")) or _is_placeholder_word(folded):
        return PLACEHOLDER
    return compact


def identifier(x: object, /, *, errors: Errors = "ignore") -> str | None:
    """Normalize an identifier (customer number, card number, national ID) for exact matching.

    Args:
        x: one cell: a string, an int, an integral float such as ``12345.0``, None, NaN.
        errors: ``"ignore"`` (the default) returns ``None`` for unusable values;
            ``"raise"`` raises :class:`~goldenrecord.NormalizationError` with the
            reason instead (a missing value still gives ``None``).

    Returns:
        The identifier without separators, upper-cased, leading zeros kept; or
        ``None`` for missing values, placeholders and values with no letter or digit.

    Raises:
        NormalizationError: only with ``errors="raise"``, for a rejected non-missing
            value; the message gives the reason, never the value.

    >>> identifier(" ab-123 ")
    'AB123'
    >>> identifier("FR 76 3000 6000 0112 3456 7890 189")
    'FR7630006000011234567890189'
    >>> identifier("007")
    '007'
    >>> identifier("аб–12") # Cyrillic letters, an en dash
    'АБ12'
    >>> identifier("0000") is None
    True
    >>> identifier("XXXX", errors="raise")
    Traceback (most recent call last):
    ...
    goldenrecord.errors.NormalizationError: identifier rejected: placeholder
    """
    return finish(_identifier(x), errors, "identifier")
