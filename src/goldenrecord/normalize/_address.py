"""Address-line normalizer: one spelling per street address, house numbers intact.

The line is read in these steps:

1. case and Latin accents are folded (:func:`~goldenrecord.normalize._common.fold_latin`:
   ``Église`` → ``eglise``, ``Straße`` → ``strasse``); Arabic short-vowel marks and
   tatweel are dropped, as the name normalizer does; digits of any script become
   ASCII digits (``١٢`` → ``12``);
2. punctuation becomes space. An apostrophe separates words (``Rue de l'Église`` →
   ``rue de l eglise``); a dash between digits stays (``12-14``); dotted initials close
   up (``P.O.``, ``N.W.``); ``#4`` and ``Apt4`` are the unit ``apt 4``, but a ``#``
   between two numbers is the Spanish *número* and goes (``Calle 26 # 13-19``); a
   ``No.``, ``Nº``, ``n°`` or ``Nr.`` before a number goes;
3. words are written one way, per language where it matters (tables in
   :mod:`goldenrecord.normalize._address_data`):

   * one form across languages for the shared words: Avenue/Ave/Av/Avenida/Avda →
     ``av``, Boulevard/Blvd/Bd/Bld → ``bd``, Place/Plaza/Platz/Piazza/Praça/Pl/Pza/
     P.za → ``pl``, Rue/Rua/R. → ``rue``;
   * English: Street/St/Str → ``st``, Road/Rd → ``rd``, Drive/Dr → ``dr``, Lane/Ln →
     ``ln``, Court/Ct → ``ct``, Square/Sq → ``sq``, Terrace/Terr/Ter → ``terr``,
     Crescent → ``cres``, Highway → ``hwy``, Parkway → ``pkwy``, Apartment/Apt/Flat/
     Unit/# → ``apt``, Suite/Ste → ``ste``, Floor/Fl → ``fl``, Building → ``bldg``,
     North/N → ``n`` (and S, E, W, NE, ...), P.O. Box/Post Office Box → ``po box``,
     First … Tenth → ``1st`` … ``10th``;
   * French: Allée → ``all``, Chemin/Ch. → ``ch``, Impasse/Imp. → ``imp``, Route/Rte →
     ``rte``, Quai, Faubourg/Fbg → ``fbg``, Bâtiment/Bât → ``bat``, Appartement/Appt →
     ``apt``, Étage → ``etg``, Saint/St → ``saint``, Sainte/Ste → ``sainte``;
   * German: Straße/Strasse/Str. → ``str``, also inside a word (``Hauptstraße``,
     ``Haupt-Strasse`` → ``hauptstr``); Platz inside a word → ``pl`` (``Marktplatz`` =
     ``Marktpl.``); Weg, Allee (``all``), Gasse;
   * Spanish: Calle/C./C/ → ``calle``, Paseo/Pº/Pso → ``paseo``, Carrera/Cra/Kra →
     ``cra``, Piso, Puerta → ``pta``; Italian: Via/V. → ``via``, Viale/V.le →
     ``viale``, Corso/C.so → ``corso``; Portuguese: Travessa → ``tv``; Dutch:
     ``...straat`` → ``...str``, laan, plein, weg, gracht as written;
   * Russian and Ukrainian (улица/ул., проспект/пр-т, площадь, переулок, бульвар,
     дом, квартира) and Greek (οδός, λεωφόρος, πλατεία) in their short forms.

Words read by their place in the line: ``St``, ``Ste`` and ``Dr`` stand for Saint,
Sainte and Doctor where a street name may start (first on the line, after the house
number, after a street type or after ``de``/``du``/``of``...) and a name follows
(``St James St`` → ``saint james st``, ``Rue Ste Catherine`` → ``rue sainte
catherine``, ``12 Dr Martin Luther King Blvd`` → ``12 doctor martin luther king bd``);
elsewhere Street, Suite and Drive (``100 Main St N``, ``12 Oak Dr``, ``Main St Ste
200``). A lone ``Str`` (or ``Strasse``) is the English Street when the line starts
with its house number (``5 Main Str``) and the German Straße otherwise (``Berliner
Str. 5``). The one-letter ``C``, ``R``, ``V`` (and ``Po``) are street types only
first on the line or right after the house number.

House numbers are kept as written (``12a``, ``12-14``, ``12bis``); a ``bis``,
``ter`` or ``quater`` written apart joins its number (``12 bis`` → ``12bis``).
Addresses in other scripts (Arabic, Chinese, Cyrillic, Greek, Devanagari) keep their
script; only the first 500 characters of a line are read (a cell of more than
10,000 characters is rejected as ``too_long``).

Reasons a value can be rejected (``Rejected.reason``):

* ``missing``: None, NaN, an empty or blank string (not an error);
* ``placeholder``: ``n/a``, ``unknown``, ``no address``, ``-``, ``xxx``, ...;
* ``invalid_syntax``: no letter or digit at all (``"!?"``), an infinite float;
* ``unsupported_type``: a bool, a container, a date;
* ``invalid_encoding``: bytes that are not UTF-8.

>>> address("12, Rue de l'Église")
'12 rue de l eglise'
>>> address("500 Market Street, Apt. #4") == address("500 MARKET ST APT 4")
True
>>> address("Hauptstraße 5") == address("Hauptstr. 5") == address("Haupt-Strasse 5")
True
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from goldenrecord.normalize._address_data import (
    DIRECTIONS,
    LEADING,
    NAME_LINKS,
    STREET_TYPES,
    UNITS,
    WORDS,
)
from goldenrecord.normalize._common import (
    PLACEHOLDER,
    Errors,
    Rejected,
    cell_text,
    finish,
    fold_latin,
    is_placeholder_text,
)

__all__ = ["address"]

INVALID_SYNTAX: Final = Rejected("invalid_syntax")
"""No letter or digit at all."""

_MAX_LENGTH: Final = 500
_APOSTROPHES: Final = re.compile(r"[\u0027\u2018\u2019\u02bc\u0060\u00b4]")
_ARABIC_MARKS: Final = re.compile(r"[\u0640\u064b-\u065f\u0670\u06d6-\u06ed]")
_NUMBER_SIGN: Final = re.compile(r"(?<=\d)\s*#\s*(?=\d)")  # "Calle 26 # 13-19": número
_HASH_UNIT: Final = re.compile(r"#\s*(?=\w)")
_GLUED_UNIT: Final = re.compile(
    r"\b(apt|apartment|appt|unit|flat|ste|suite|fl|flr|floor|bldg|building|rm|room|piso)(?=\d)"
)
_NUMERO_SIGN: Final = re.compile(r"\bn°\s*(?=\d)")
_NUMERO_WORDS: Final = frozenset({"no", "nr", "num", "nro"})
_DOTTED_SHORT: Final = (
    (re.compile(r"\bp\.\s?z{1,2}a\b"), "pza"),
    (re.compile(r"\bc\.\s?so\b"), "cso"),
    (re.compile(r"\bv\.\s?le\b"), "viale"),
    (re.compile(r"\bp\.\s?o\.\s?(?=box\b)"), "po "),
    (re.compile(r"\bпр-т\b"), "пр"),
    (re.compile(r"\bб-р\b"), "бул"),
)
_DOTTED: Final = re.compile(r"\b(?:\w\.){2,}")  # N.W., P.O.
_JOINED_STREET: Final = re.compile(r"-(?=(?:strasse|strase|str|platz)\b)")
_GERMAN_STREET: Final = re.compile(r"(?<=\w)(?:strasse|strase|str)\b")
_GERMAN_PLATZ: Final = re.compile(r"(?<=\w)platz\b")
_DUTCH_STREET: Final = re.compile(r"(?<=\w)straat\b")
_PUNCT: Final = re.compile(r"(?!(?<=\d)-(?=\d))[^\w\s]|_")  # keeps 12-14
_PO_BOX: Final = re.compile(r"\b(?:post office box|pobox|pob)\b")
_PLACEHOLDERS: Final = frozenset(
    {
        "no address",
        "none given",
        "not given",
        "unknown address",
        "address unknown",
        "no fixed abode",
        "nfa",
        "sans",
        "sans adresse",
        "adresse inconnue",
        "sin direccion",
        "keine adresse",
    }
)
_HOUSE_SUFFIXES: Final = frozenset({"bis", "ter", "quater"})
_KEYWORDS: Final = STREET_TYPES | UNITS | DIRECTIONS | {"po", "box", "saint", "sainte", "doctor"}
_AMBIGUOUS: Final = {"st": "saint", "ste": "sainte", "dr": "doctor"}
"""Street, Suite, Drive where a name cannot start; Saint, Sainte, Doctor where it can."""


def _depunct(s: str) -> str:
    """Punctuation and symbols to spaces; letters, digits, marks and ``12-14`` kept.

    A combining mark is kept only on a letter of a script that writes with marks
    (Devanagari vowel signs, ...): a mark left on a space or a Latin letter would be
    folded away on a second pass.
    """
    if s.isascii():
        return _PUNCT.sub(" ", s)
    out = []
    last = len(s) - 1
    carrier = False  # whether the previous kept character can carry a mark
    for i, ch in enumerate(s):
        if ch.isalnum():
            out.append(ch)
            carrier = not ch.isascii()
        elif unicodedata.category(ch)[0] == "M":
            if carrier:
                out.append(ch)
        elif ch == "-" and 0 < i < last and s[i - 1].isdigit() and s[i + 1].isdigit():
            out.append(ch)
            carrier = False
        else:
            out.append(" ")
            carrier = False
    return "".join(out)


def _ascii_digits(s: str) -> str:
    """Digits of any script as ASCII digits."""
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in s)


def _name_may_start(i: int, words: list[str], before: str) -> bool:
    """Whether a street name may start at ``words[i]``; ``before``: the word before, canonical."""
    return i == 0 or before[0].isdigit() or before in STREET_TYPES or before in NAME_LINKS


def _name_follows(i: int, words: list[str]) -> bool:
    """Whether ``words[i + 1]`` reads as part of a name, not a number or a keyword."""
    if i + 1 >= len(words):
        return False
    after = WORDS.get(words[i + 1], words[i + 1])
    return after.isalpha() and len(after) > 1 and after not in _KEYWORDS


def _word(i: int, words: list[str], before: str) -> str:
    """The canonical form of ``words[i]``, read in its place.

    ``before`` is the canonical form of the word before (empty first on the line).
    The place decides between the readings of ``st``, ``ste`` and ``dr`` whatever
    spelling led there, so that a canonical line reads back as itself.
    """
    word = words[i]
    leading = i == 0 or (i == 1 and _starts_number(words[0]))
    po_box = word == "po" and i + 1 < len(words) and words[i + 1] == "box"
    if word in LEADING and leading and not po_box:
        return LEADING[word]
    canonical = WORDS.get(word, word)
    if canonical == "str" and i > 0 and _starts_number(words[0]):
        canonical = "st"  # a line in English order: "5 Main Str" is 5 Main Street
    if canonical in _AMBIGUOUS and _name_may_start(i, words, before) and _name_follows(i, words):
        return _AMBIGUOUS[canonical]
    return canonical


def _starts_number(word: str) -> bool:
    """Whether ``word`` is, or is written as, a number (``12``, ``12a``, ``fifth``)."""
    return WORDS.get(word, word)[0].isdigit()


def _canonical_words(words: list[str]) -> list[str]:
    """Drop number words and doubled units, join house-number suffixes, canonicalize."""
    kept: list[str] = []
    for w in reversed(words):  # "No. 5", "Nr. 12": the number speaks for itself
        if not (w in _NUMERO_WORDS and kept and _starts_number(kept[-1])):
            kept.append(w)
    joined: list[str] = []
    for w in reversed(kept):
        if w in _HOUSE_SUFFIXES and joined and joined[-1].isdigit():
            joined[-1] += w
        elif not (
            WORDS.get(w, w) == "apt" and joined and WORDS.get(joined[-1], joined[-1]) in UNITS
        ):
            joined.append(w)  # else "Apt. #4", "Suite #200": the # repeats the unit
    out: list[str] = []
    for i in range(len(joined)):
        out.append(_word(i, joined, out[-1] if out else ""))
    return out


def _rewritten(s: str) -> str:
    """Step 2 and the German and Dutch street words: ``s`` (folded) with its signs,
    dotted short forms and punctuation rewritten.

    Each pattern is tried only when the character or word it cannot match without
    is in the line (a ``#``, a dot, ``str``...): the line comes out as if every
    pattern had been tried (a property test holds it to that).
    """
    if not s.isascii() or "'" in s or "`" in s:
        s = _APOSTROPHES.sub(" ", s)
    if "#" in s:
        s = _NUMBER_SIGN.sub(" ", s)
        s = _HASH_UNIT.sub(" apt ", s)
    if "n\u00b0" in s:
        s = _NUMERO_SIGN.sub(" ", s)
    s = _GLUED_UNIT.sub(r"\1 ", s)
    if "." in s or "-" in s:
        for pattern, short in _DOTTED_SHORT:
            s = pattern.sub(short, s)
    if "." in s:
        s = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), s)
    if "-" in s:
        s = _JOINED_STREET.sub("", s)
    s = _depunct(s)
    if "str" in s:
        s = _GERMAN_STREET.sub("str", s)
    if "platz" in s:
        s = _GERMAN_PLATZ.sub("pl", s)
    if "straat" in s:
        s = _DUTCH_STREET.sub("str", s)
    return s


def _address(x: object) -> str | Rejected:
    """Core of :func:`address`: the canonical line, or why there is none."""
    text = cell_text(x)
    if isinstance(text, Rejected):
        return text
    s = fold_latin(text[:_MAX_LENGTH])
    if is_placeholder_text(s) or s.strip(" .") in _PLACEHOLDERS:
        return PLACEHOLDER
    if not s.isascii():
        s = _ascii_digits(_ARABIC_MARKS.sub("", s))
    words = _rewritten(s).split()
    if not words:
        return INVALID_SYNTAX
    line = " ".join(_canonical_words(words))
    if "po" in line:  # each spelling of a post office box starts with it
        line = _PO_BOX.sub("po box", line)
    if is_placeholder_text(line) or line in _PLACEHOLDERS:
        return PLACEHOLDER
    return line


def address(x: object, /, *, errors: Errors = "ignore") -> str | None:
    """The canonical form of an address line, or None.

    Args:
        x: one cell (str, None, NaN, ...): a street line, with or without its unit.
        errors: ``"ignore"`` returns None for unusable values; ``"raise"`` raises
            :class:`~goldenrecord.NormalizationError` with the reason (never the value).

    Returns:
        The folded line with street types, units and directions in one form, or None
        when the cell is missing or unusable.

    Raises:
        NormalizationError: with ``errors="raise"``, when a non-missing value is
            rejected (``placeholder``, ``invalid_syntax``, ...).

    >>> address("10 Downing Street"), address("10 DOWNING ST.")
    ('10 downing st', '10 downing st')
    >>> address("St. James Street"), address("100 Main St N")
    ('saint james st', '100 main st n')
    >>> address("12 Downing St") == address("10 Downing St")
    False
    """
    return finish(_address(x), errors, "address")
