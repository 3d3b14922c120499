"""Shared machinery of the normalizers: cell coercion, rejections, Latin folding.

Every public normalizer is a thin wrapper around a private ``_kind(x, ...)`` core
that returns either the canonical value or a :class:`Rejected` carrying a reason.
:func:`finish` turns that into the public contract: the value, ``None``, or a
:class:`~goldenrecord.errors.NormalizationError` when the caller asked for
``errors="raise"``. The column form (:func:`goldenrecord.normalize.column`) calls the
cores directly so it can count rejections by reason.
"""

from __future__ import annotations

import decimal
import math
import numbers
import re
import unicodedata
from typing import Final, Literal, TypeVar

import attrs

from goldenrecord.errors import NormalizationError, SettingsError

__all__ = [
    "INVALID",
    "MAX_TEXT_LENGTH",
    "MISSING",
    "PLACEHOLDER",
    "TOO_LONG",
    "UNSUPPORTED_TYPE",
    "Errors",
    "Rejected",
    "as_text",
    "cell_text",
    "check_errors",
    "finish",
    "fold_latin",
    "integral_text",
    "is_missing",
    "is_placeholder_text",
]

T = TypeVar("T")

Errors = Literal["ignore", "raise"]
_ERRORS_CHOICES: Final = ("ignore", "raise")


@attrs.frozen
class Rejected:
    """Why a value could not be normalized (a short, machine-readable reason)."""

    reason: str


MISSING: Final = Rejected("missing")
"""The cell is empty: None, NaN, NA, an empty or blank string. Not an error."""
UNSUPPORTED_TYPE: Final = Rejected("unsupported_type")
"""The cell holds a type the normalizer cannot read (a bool, a list, ...)."""
INVALID: Final = Rejected("invalid_syntax")
"""The value cannot be read as the kind at all."""
PLACEHOLDER: Final = Rejected("placeholder")
"""A junk value that stands for "no value" (``n/a``, ``test@test.com``, ``000-000-0000``)."""
TOO_LONG: Final = Rejected("too_long")
"""More than :data:`MAX_TEXT_LENGTH` characters: no value of any kind is that long."""

MAX_TEXT_LENGTH: Final = 10_000
"""The longest text (once stripped) a normalizer reads; a longer cell is :data:`TOO_LONG`.

Every normalizer runs in time linear in its input; the bound keeps one absurd cell
(a pasted document, a 1 MB blob) from costing more than any real value does.
"""
# Integers with more digits than this are TOO_LONG: CPython refuses to print more than
# 4,300 digits by default, and printing is quadratic in the number of digits.
_MAX_INT_DIGITS: Final = 4_000
_MAX_INT_BITS: Final = int(_MAX_INT_DIGITS * 3.32)
_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def check_errors(errors: str) -> None:
    """Raise :class:`SettingsError` unless ``errors`` is one of the accepted choices."""
    if errors not in _ERRORS_CHOICES:
        raise SettingsError(
            f"errors={errors!r} is not accepted; choose one of {', '.join(_ERRORS_CHOICES)}"
        )


def finish(result: T | Rejected, errors: Errors, kind: str) -> T | None:
    """Turn a core's result into the public contract of a normalizer.

    A missing value gives ``None`` whatever ``errors`` says: an empty cell is not bad
    data. Any other rejection gives ``None``, or raises :class:`NormalizationError`
    with the reason (never the value) when ``errors="raise"``.
    """
    if isinstance(result, Rejected):
        if errors == "ignore" or result is MISSING:
            check_errors(errors)
            return None
        check_errors(errors)
        raise NormalizationError(kind, result.reason)
    if errors != "ignore":
        check_errors(errors)
    return result


def is_missing(value: object) -> bool:
    """None, NaN, pandas ``NA``/``NaT``: what a frame holds for an empty cell.

    >>> [is_missing(v) for v in (None, float("nan"), "", 0)]
    [True, True, False, False]
    """
    if value is None:
        return True
    if isinstance(value, decimal.Decimal):
        return value.is_nan()  # a signalling NaN refuses to be compared
    try:
        return bool(value != value)
    except Exception:  # pandas NA refuses to be a bool; a hostile object may raise anything
        return type(value).__name__ in ("NAType", "NaTType")


def _is_missing_scalar(x: object) -> bool:
    """True for pandas/numpy/polars missing markers that are not plain None or float NaN."""
    name = type(x).__name__
    return name in ("NAType", "NaTType") or (name == "datetime64" and str(x) == "NaT")


def as_text(x: object) -> str | Rejected:
    """Read a cell as stripped text.

    Strings are stripped; integers and integral floats (``4155552671.0``, as a CSV
    reader produces for a phone column) become their digits; other floats their
    shortest repr; bytes are decoded as UTF-8. ``None``, NaN, pandas ``NA``/``NaT``
    and blank strings are :data:`MISSING`. Booleans and containers are
    :data:`UNSUPPORTED_TYPE`, and so is any object that fails to convert (its
    ``__float__`` raises, say). A ``str`` subclass is read as the plain string it
    holds: none of its (possibly overridden) methods is called.

    >>> as_text("  ab ")
    'ab'
    >>> as_text(4155552671.0)
    '4155552671'
    >>> as_text(float("nan")) is MISSING
    True
    """
    if type(x) is str:
        s = x.strip()
        return s if s else MISSING
    if x is None:
        return MISSING
    if isinstance(x, str):
        return as_text(str.__str__(x))  # the plain string, whatever the subclass overrides
    try:
        return _as_text_object(x)
    except Exception:  # a hostile or broken object: a conversion raised
        return UNSUPPORTED_TYPE


def _as_text_object(x: object) -> str | Rejected:
    """:func:`as_text` for a cell that is neither text nor None."""
    if isinstance(x, bool):
        return UNSUPPORTED_TYPE
    if isinstance(x, numbers.Integral):
        i = int(x)
        return TOO_LONG if i.bit_length() > _MAX_INT_BITS else str(i)
    if isinstance(x, numbers.Real):
        f = float(x)
        if math.isnan(f):
            return MISSING
        if math.isinf(f):
            return INVALID
        if f.is_integer():
            return str(int(f))
        return repr(f)
    if isinstance(x, decimal.Decimal):
        if x.is_nan():
            return MISSING
        if not x.is_finite():
            return INVALID
        if x.adjusted() > _MAX_INT_DIGITS:
            return TOO_LONG
        return str(int(x)) if x == x.to_integral_value() else str(x.normalize())
    if isinstance(x, (bytes, bytearray)):
        try:
            return as_text(bytes(x).decode("utf-8"))
        except UnicodeDecodeError:
            return Rejected("invalid_encoding")
    if _is_missing_scalar(x):
        return MISSING
    return UNSUPPORTED_TYPE


def cell_text(x: object, limit: int = MAX_TEXT_LENGTH) -> str | Rejected:
    """Read a cell as a normalizer does: :func:`as_text`, bounded, valid Unicode.

    Text longer than ``limit`` characters (once stripped) is :data:`TOO_LONG`.
    A lone surrogate (``"M\\udce9lanie"``, what a file decoded with
    ``errors="surrogateescape"`` holds) cannot be encoded; it becomes U+FFFD, the
    replacement character, so no step after this one can fail on it.

    >>> cell_text("M\\udce9lanie")
    'M\\ufffdlanie'
    >>> cell_text("x" * 10_001) is TOO_LONG
    True
    """
    s = as_text(x)
    if isinstance(s, Rejected):
        return s
    if len(s) > limit:
        return TOO_LONG
    if not s.isascii():
        s = _SURROGATE.sub("\ufffd", s)
    return s


# Latin letters that do not decompose under NFKD into a base letter plus marks.
_LATIN_SPECIAL: Final = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
        "ħ": "h",
        "ŧ": "t",
        "ŋ": "n",
    }
)


def _is_latin_letter(ch: str) -> bool:
    # Basic Latin, Latin-1 Supplement, Latin Extended-A/B, IPA, Latin Extended Additional.
    return ch.isascii() or "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff"


def fold_latin(s: str) -> str:
    """NFKC, case-fold, and strip diacritics from Latin letters only.

    Marks on letters of other scripts (Devanagari vowel signs, Arabic harakat, ...)
    are kept: they are part of the spelling there, not decoration.

    >>> fold_latin("Éloïse MÜLLER Weiß Łódź")
    'eloise muller weiss lodz'
    >>> fold_latin("Ελένη")
    'ελένη'
    """
    if s.isascii():  # NFKC leaves ASCII as it is, and casefold is lower there
        return s.lower()
    s = unicodedata.normalize("NFKC", s).casefold()
    if s.isascii():
        return s
    s = s.translate(_LATIN_SPECIAL)
    out: list[str] = []
    after_latin = False
    # Translate again after decomposition: Ǽ decomposes to Æ plus a mark.
    for ch in unicodedata.normalize("NFKD", s).translate(_LATIN_SPECIAL):
        if unicodedata.combining(ch):
            if after_latin:
                continue
        else:
            after_latin = _is_latin_letter(ch)
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


_FLOAT_TEXT: Final = re.compile(r"^[+]?\d+\.0+$")


def integral_text(text: str) -> str:
    """``"4155552671.0"`` → ``"4155552671"``: a number a spreadsheet wrote as a float.

    Phone numbers, postcodes and identifiers often reach a CSV file through a float
    column; the ``.0`` is not part of the value.

    >>> integral_text("4155552671.0"), integral_text("12.50"), integral_text("A1.0")
    ('4155552671', '12.50', 'A1.0')
    """
    return text.split(".", 1)[0] if _FLOAT_TEXT.match(text) else text


_PLACEHOLDER_WORDS: Final = frozenset(
    {
        "",
        "-",
        "--",
        "?",
        "??",
        "???",
        ".",
        "0",
        "n/a",
        "n.a.",
        "n.a",
        "na",
        "nan",
        "none",
        "null",
        "nil",
        "void",
        "unknown",
        "unk",
        "not known",
        "not available",
        "not applicable",
        "not provided",
        "no name",
        "noname",
        "anonymous",
        "test",
        "testing",
        "tbd",
        "tba",
        "todo",
        "dummy",
        "sample",
        "xxx",
        "xx",
        "x",
        "asdf",
        "qwerty",
        "blank",
        "empty",
        "missing",
        "inconnu",
        "inconnue",
        "nc",
        "unbekannt",
        "desconocido",
        "sconosciuto",
        "onbekend",
    }
)


def is_placeholder_text(folded: str) -> bool:
    """True when ``folded`` (already :func:`fold_latin`-ed) is a junk "no value" word.

    >>> is_placeholder_text("n/a"), is_placeholder_text("xxxx"), is_placeholder_text("anna")
    (True, True, False)
    """
    s = folded.strip()
    if s in _PLACEHOLDER_WORDS:
        return True
    # one character repeated (what ``^(.)\1+$`` matches in stripped text), not digits
    return len(s) > 1 and s.count(s[0]) == len(s) and not s.isdigit()
