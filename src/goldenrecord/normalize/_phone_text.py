"""Phone cells as text: labels, remarks and extensions stripped, digits made ASCII, and the
placeholder numbers typed to get past a form.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from goldenrecord.normalize._common import (
    integral_text,
)

# Neither pattern starts with \s*: tried at every blank of a long run, a leading \s*
# made the search quadratic. The blanks before a match are dropped with it, in code.
_EXTENSION: Final = re.compile(
    r"(?:[,;]|(?:ext(?:ension)?|poste|durchwahl|apt|x|#)\.?)\s*\d{1,6}\s*$", re.IGNORECASE
)

# A remark in parentheses without digits: "(home)", "(mobile)", "(WhatsApp)".
_REMARK: Final = re.compile(r"\((?=[^()\d]*?[^\W\d_])[^()\d]*\)")

_TRUNK: Final = re.compile(r"\(\s*0\s*\)")

_NOT_DIGIT: Final = re.compile(r"[^0-9]+")

# Nine digits counting up or down (123456789, 987654321, 234567890, ...) anywhere in
# a number: typed to get past a form. (Eight would catch the well-known example
# numbers too, 06 12 34 56 78 among them.)
_RUN: Final = re.compile(
    "|".join(
        sorted(
            {
                s[i : i + 9]
                for s in ("01234567890123456789", "98765432109876543210")
                for i in range(10)
            }
        )
    )
)


def _ascii_digits(s: str) -> str:
    """Digits of any script as ASCII digits, full-width forms folded (NFKC).

    >>> _ascii_digits("٠٥٠ ١٢٣ ٤٥٦٧"), _ascii_digits("＋३३")
    ('050 123 4567', '+33')
    """
    if s.isascii():
        return s
    s = unicodedata.normalize("NFKC", s)
    return "".join(
        str(unicodedata.decimal(ch)) if not ch.isascii() and ch.isdecimal() else ch for ch in s
    )


def _is_letter(ch: str) -> bool:
    """A letter of any script (what ``[^\\W\\d_]`` matches): no digit, no underscore."""
    return ch.isalnum() and not ch.isdecimal()


def _strip_label(s: str) -> str:
    """``s`` without a label before the number: ``Tel.:``, ``Mobile``, ``Tél. :``, ``電話:``.

    A label is words of letters, each followed by at most one dot and some white
    space, then at most one colon; a ``+``, ``(`` or digit must follow it, or ``s``
    is returned as it is. One pass over ``s``: free text such as a sentence typed
    into a phone column costs its length, not an exponential backtracking search.

    >>> _strip_label("Tel.: +44 20"), _strip_label("Mobile (0)20"), _strip_label("Call me")
    ('+44 20', '(0)20', 'Call me')
    """
    n = len(s)
    i = 0
    while i < n and _is_letter(s[i]):
        while i < n and _is_letter(s[i]):
            i += 1
        if i < n and s[i] == ".":
            i += 1
        while i < n and s[i].isspace():
            i += 1
    if i == 0:
        return s
    if i < n and s[i] in ":：":
        i += 1
        while i < n and s[i].isspace():
            i += 1
    return s[i:] if i < n and (s[i] in "+(" or s[i].isdecimal()) else s


def _drop_remarks(s: str) -> str:
    """``s`` without remarks in parentheses and the blanks before them.

    >>> _drop_remarks("+44 20 7946 0958 (home) 12 (WhatsApp)")
    '+44 20 7946 0958 12'
    """
    kept: list[str] = []
    end = 0
    for remark in _REMARK.finditer(s):
        kept.append(s[end : remark.start()].rstrip())
        end = remark.end()
    kept.append(s[end:])
    return "".join(kept)


def _clean(text: str, trunk: str = "") -> str:
    """The number out of its decoration: labels, remarks, extensions, trunk ``(0)``.

    >>> _clean("Tel.: +44 (0)20 7946 0958 ext. 12 (office)")
    '+44 20 7946 0958'
    """
    s = _ascii_digits(integral_text(text))
    if s[:1].isalpha():
        s = _strip_label(s)
    if ")" in s:
        s = _drop_remarks(s)
    extension = _EXTENSION.search(s)
    if extension is not None:
        s = s[: extension.start()].rstrip()
    return _TRUNK.sub(trunk, s).strip()


def _is_placeholder(digits: str) -> bool:
    """True for the digits of an obviously fake number, whatever its country.

    >>> _is_placeholder("5555555555"), _is_placeholder("11234567890"), _is_placeholder("4155552671")
    (True, True, False)
    """
    if len(digits) < 6:
        return False
    if digits.count(digits[0]) == len(digits):
        return True
    # Nine digits counting up hold 1234 or 5678, counting down 4321 or 8765: the
    # search is spared to the numbers that hold none of them.
    hint = "1234" in digits or "5678" in digits or "4321" in digits or "8765" in digits
    return hint and _RUN.search(digits) is not None


def _is_placeholder_national(nsn: str) -> bool:
    """True for a national number that is one digit repeated, or a short prefix then zeros.

    ``+33 6 66 66 66 66``, ``+44 7777 777777``, ``+86 138 0000 0000``, ``+34 600 000 000``:
    valid in form, typed to get past a form. Repeated non-zero digits after a prefix
    are left alone: lucky numbers (``+86 10 8888 8888``) are sold and used.

    >>> _is_placeholder_national("666666666"), _is_placeholder_national("13800000000")
    (True, True)
    >>> _is_placeholder_national("1088888888"), _is_placeholder_national("891000000")
    (False, False)
    """
    if len(nsn) < 6:
        return False
    if nsn.count(nsn[0]) == len(nsn):
        return True
    zeros = len(nsn) - len(nsn.rstrip("0"))
    return zeros >= 7 and len(nsn) - zeros <= 3
