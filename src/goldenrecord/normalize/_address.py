"""Address-line normalizer: one spelling per street address, house numbers intact.

The line is case- and accent-folded, punctuation becomes space (``l'Église`` →
``l eglise``; ``#4`` becomes the unit ``apt 4``; a hyphen between digits stays: ``12-14``),
and street types,
unit designators and directions are written one way per language:

* avenues, boulevards and squares have one form across languages: Avenue/Ave/Av/
  Avenida/Avda → ``av``, Boulevard/Blvd/Bd → ``bd``, Place/Plaza/Platz/Piazza/Pl →
  ``pl``;
* English: Street/St/Str → ``st``, Road/Rd → ``rd``,
  Drive/Dr → ``dr``, Lane/Ln → ``ln``, Court/Ct → ``ct``,
  Square/Sq → ``sq``, Terrace → ``ter``, Crescent → ``cres``,
  Highway → ``hwy``, Parkway → ``pkwy``, Apartment/Apt/Flat/# → ``apt``,
  Suite/Ste → ``ste``, Floor/Fl → ``fl``, Building/Bldg → ``bldg``, North/N → ``n``
  (and S, E, W), P.O. Box → ``po box``;
* French: Rue/R. → ``rue``, Allée → ``all``, Chemin/Ch. → ``ch``, Impasse → ``imp``,
  Route/Rte → ``rte``, Faubourg/Fbg → ``fbg``, Bâtiment/Bât → ``bat``,
  Appartement/Appt → ``apt``, Étage → ``etg``;
* German: Straße/Strasse/Str. → ``str`` (also inside a word: ``Hauptstraße`` →
  ``hauptstr``), Allee, Weg, Gasse;
* Spanish, Portuguese, Italian: Calle/C/ → ``calle``, Paseo, Carrera/Cra → ``cra``,
  Via/V. → ``via``, Viale, Corso/C.so → ``corso``; Dutch: straat → ``str`` inside a
  word, laan, plein, weg, gracht.

``St`` before a name is Saint, after one Street: ``St James St`` → ``saint james st``.
House numbers and their suffixes (``12a``, ``12-14``, ``12bis``) are kept as written.
Addresses in other scripts are folded and whitespace-normalized in their own script.

Reasons a value can be rejected: ``missing``, ``placeholder`` (``n/a``, ``unknown``,
``no address``, ``-``), ``invalid_syntax`` (no letters or digits),
``unsupported_type``, ``invalid_encoding``.

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

from goldenrecord.normalize._common import (
    PLACEHOLDER,
    Errors,
    Rejected,
    as_text,
    finish,
    fold_latin,
    is_placeholder_text,
)

__all__ = ["address"]

INVALID_SYNTAX: Final = Rejected("invalid_syntax")

_APOSTROPHES: Final = re.compile(r"[\u0027\u2018\u2019\u02bc\u0060]")
_HASH_UNIT: Final = re.compile(r"#\s*(?=\w)")
_NUMERO: Final = re.compile(r"\b(?:n[o°º]|nr|num)\.?\s*(?=\d)")
_PUNCT: Final = re.compile(r"(?!(?<=\d)-(?=\d))[^\w\s]|_", re.UNICODE)  # keeps 12-14
_DOTTED: Final = re.compile(r"\b(?:\w\.){2,}")  # N.W., P.O.
_JOINED_STREET: Final = re.compile(r"-(?=(?:strasse|strase|str)\b)")
_ABBREVIATED: Final = (("p.za", "pza"), ("c.so", "cso"), ("p.o.", "po "), ("p. o.", "po "))
_GERMAN_STREET: Final = re.compile(r"(?<=\w)(?:strasse|strase|str)\b")
_DUTCH_STREET: Final = re.compile(r"(?<=\w)straat\b")
_PLACEHOLDERS: Final = frozenset(
    {"no address", "none given", "not given", "unknown address", "address unknown", "sans"}
)

_WORDS: Final = {
    # Street types. One form across languages where the word is shared: av, bd, pl.
    "street": "st",
    "str": "st",
    "road": "rd",
    "drive": "dr",
    "drv": "dr",
    "lane": "ln",
    "court": "ct",
    "crt": "ct",
    "square": "sq",
    "terrace": "ter",
    "terr": "ter",
    "crescent": "cres",
    "highway": "hwy",
    "parkway": "pkwy",
    "pky": "pkwy",
    "circle": "cir",
    "close": "cl",
    "gardens": "gdns",
    "mount": "mt",
    "avenue": "av",
    "ave": "av",
    "aven": "av",
    "avn": "av",
    "avenida": "av",
    "avda": "av",
    "boulevard": "bd",
    "blvd": "bd",
    "boul": "bd",
    "bld": "bd",
    "boulevar": "bd",
    "place": "pl",
    "plaza": "pl",
    "pza": "pl",
    "platz": "pl",
    "piazza": "pl",
    "pzza": "pl",
    "praca": "pl",
    "allee": "all",
    "chemin": "ch",
    "impasse": "imp",
    "route": "rte",
    "faubourg": "fbg",
    "quai": "quai",
    "residence": "res",
    "strasse": "str",
    "calle": "calle",
    "paseo": "paseo",
    "carrera": "cra",
    "kra": "cra",
    "viale": "viale",
    "corso": "corso",
    "cso": "corso",
    # Units and floors.
    "apartment": "apt",
    "appt": "apt",
    "appartement": "apt",
    "flat": "apt",
    "unit": "apt",
    "suite": "ste",
    "floor": "fl",
    "etage": "etg",
    "building": "bldg",
    "batiment": "bat",
    "piso": "piso",
    "puerta": "pta",
    # Directions and ordinals.
    "north": "n",
    "south": "s",
    "east": "e",
    "west": "w",
    "northeast": "ne",
    "northwest": "nw",
    "southeast": "se",
    "southwest": "sw",
    "first": "1st",
    "second": "2nd",
    "third": "3rd",
    "fourth": "4th",
    "fifth": "5th",
}
# One-letter abbreviations that name a street type only where a street type stands:
# first on the line or right after the house number ("C/ Mayor 10", "12 R. de la Paix").
_LEADING: Final = {"c": "calle", "r": "rue", "v": "via"}


def _street_type(word: str, i: int, words: list[str]) -> str:
    """The canonical word; ``St``, ``Ste`` and ``Dr`` are read by their position."""
    following = words[i + 1] if i + 1 < len(words) else ""
    if (
        word in ("st", "saint")
        and following.isalpha()
        and _WORDS.get(following, following) not in ("st", "av", "rd", "apt", "ste")
    ):
        return "saint"
    if word in ("ste", "sainte") and following.isalpha() and i + 2 < len(words):
        return "sainte"
    if word == "dr" and following.isalpha():
        return "doctor"
    if word in _LEADING and (i == 0 or (i == 1 and words[0].isdigit())):
        return _LEADING[word]
    return _WORDS.get(word, word)


def _depunct(s: str) -> str:
    """Punctuation and symbols to spaces; letters, digits, marks and ``12-14`` kept."""
    if s.isascii():
        return _PUNCT.sub(" ", s)
    out = []
    last = len(s) - 1
    for i, ch in enumerate(s):
        keep = ch.isalnum() or ch.isspace() or unicodedata.category(ch)[0] == "M"
        range_dash = ch == "-" and 0 < i < last and s[i - 1].isdigit() and s[i + 1].isdigit()
        out.append(ch if keep or range_dash else " ")
    return "".join(out)


def _address(x: object) -> str | Rejected:
    """Core of :func:`address`: the canonical line, or why there is none."""
    text = as_text(x)
    if isinstance(text, Rejected):
        return text
    if len(text) > 500:
        text = text[:500]
    s = fold_latin(text)
    if is_placeholder_text(s) or s.strip(" .") in _PLACEHOLDERS:
        return PLACEHOLDER
    s = _APOSTROPHES.sub(" ", s)
    s = _HASH_UNIT.sub(" apt ", s)
    s = _NUMERO.sub(" ", s)
    for written, short in _ABBREVIATED:
        s = s.replace(written, short)
    s = _JOINED_STREET.sub("", s)
    s = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), s)
    s = _depunct(s)
    s = _GERMAN_STREET.sub("str", s)
    s = _DUTCH_STREET.sub("str", s)
    words = s.split()
    if not words:
        return INVALID_SYNTAX
    out = [_street_type(w, i, words) for i, w in enumerate(words)]
    out = [w for i, w in enumerate(out) if not (w == "apt" and i > 0 and out[i - 1] == "apt")]
    line = " ".join(out).replace("post office box", "po box").replace("pobox", "po box")
    if is_placeholder_text(line):
        return PLACEHOLDER
    return line


def address(x: object, /, *, errors: Errors = "ignore") -> str | None:
    """The canonical form of an address line, or None.

    Args:
        x: one cell (str, None, NaN, ...).
        errors: ``"ignore"`` returns None for unusable values; ``"raise"`` raises
            :class:`~goldenrecord.NormalizationError` with the reason.

    >>> address("10 Downing Street"), address("10 DOWNING ST.")
    ('10 downing st', '10 downing st')
    >>> address("12 Downing St") == address("10 Downing St")
    False
    """
    return finish(_address(x), errors, "address")
