"""Free-text normalizer: city names and other short text fields, folded for matching.

The text is read with :func:`~goldenrecord.normalize._common.cell_text`, folded with
:func:`~goldenrecord.normalize._common.fold_latin` (NFKC, case-folded, Latin
diacritics stripped), then every character that is not a letter or a digit of some
script becomes a space, and runs of spaces collapse to one. Combining marks of
non-Latin scripts (Devanagari vowel signs, Arabic harakat, Thai tone marks) are kept:
they are part of the spelling there.

Reasons a value can be rejected (``Rejected.reason``):

* ``missing``: None, NaN, an empty or blank string (not an error).
* ``placeholder``: a junk word standing for "no value" (``n/a``, ``unknown``,
  ``xxx``, ``test``, a run of one repeated symbol such as ``---``).
* ``invalid_syntax``: nothing is left once punctuation and symbols are gone
  (``"#!*"``), or a non-finite float.
* ``unsupported_type``: a bool, a container, a date (read dates with
  :func:`goldenrecord.normalize.date`).
* ``invalid_encoding``: bytes that are not UTF-8.

>>> text("  Saint-Étienne ")
'saint etienne'
>>> text("MÜNCHEN"), text("北京市"), text("n/a")
('munchen', '北京市', None)
"""

from __future__ import annotations

import re
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
    is_placeholder_text,
)

__all__ = ["INVALID_SYNTAX", "text"]

INVALID_SYNTAX: Final = Rejected("invalid_syntax")
"""Nothing readable is left: no letter or digit of any script."""

_ASCII_JUNK: Final = re.compile(r"[^a-z0-9]+")
_SPACES: Final = re.compile(r"\s+")


def _keep_letters_digits_marks(s: str) -> str:
    """Letters, digits and attached marks of ``s``; everything else becomes a space."""
    out: list[str] = []
    attached = False  # whether the previous output character can carry a mark
    for ch in s:
        if ch.isalnum():
            out.append(ch)
            attached = True
            continue
        cat = unicodedata.category(ch)
        if cat[0] == "L" or cat[0] == "N":
            out.append(ch)
            attached = True
        elif cat[0] == "M":
            if attached:
                out.append(ch)
        else:
            out.append(" ")
            attached = False
    return " ".join("".join(out).split())


def _text(x: object) -> str | Rejected:
    """Core of :func:`text`: the folded text, or why there is none."""
    s = cell_text(x)
    if isinstance(s, Rejected):
        return INVALID_SYNTAX if s is INVALID else s
    folded = fold_latin(s)
    if folded.isascii():
        if is_placeholder_text(" ".join(folded.split())):
            return PLACEHOLDER
        out = _ASCII_JUNK.sub(" ", folded).strip()
    else:
        if is_placeholder_text(_SPACES.sub(" ", folded)):
            return PLACEHOLDER
        out = _keep_letters_digits_marks(folded)
    if not out:
        return INVALID_SYNTAX
    if is_placeholder_text(out):
        return PLACEHOLDER
    return out


def text(x: object, /, *, errors: Errors = "ignore") -> str | None:
    """Fold a free-text cell (a city, a company name, a comment) for matching.

    Args:
        x: one cell: a string, a number, None, NaN, bytes.
        errors: ``"ignore"`` (the default) returns ``None`` for unusable values;
            ``"raise"`` raises :class:`~goldenrecord.NormalizationError` with the
            reason instead (a missing value still gives ``None``).

    Returns:
        Lower-case text with Latin diacritics removed, punctuation and symbols
        turned into single spaces, letters, digits and marks of every other script
        kept; or ``None`` for missing, placeholder and empty values.

    Raises:
        NormalizationError: only with ``errors="raise"``, for a rejected non-missing
            value; the message gives the reason, never the value.

    >>> text("  Saint-Étienne ")
    'saint etienne'
    >>> text("L'Haÿ-les-Roses")
    'l hay les roses'
    >>> text("القاهرة")
    'القاهرة'
    >>> text("unknown") is None
    True
    >>> text("#!*", errors="raise")
    Traceback (most recent call last):
    ...
    goldenrecord.errors.NormalizationError: text rejected: invalid_syntax
    """
    return finish(_text(x), errors, "text")
