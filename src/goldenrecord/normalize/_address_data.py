"""Word tables of the address normalizer: one written form per street type, unit and direction.

Keys are words as they stand after folding (:func:`~goldenrecord.normalize._common.fold_latin`:
lower case, Latin accents gone, ``ß`` → ``ss``, Greek final sigma → ``σ``) and after
punctuation became space. Values are the canonical forms. Words whose meaning depends
on their place in the line (``st``, ``ste``, ``dr``, ``str``, and the one-letter
``c``, ``r``, ``v``) are settled in :mod:`goldenrecord.normalize._address`.
"""

from __future__ import annotations

from typing import Final

__all__ = ["DIRECTIONS", "LEADING", "NAME_LINKS", "STREET_TYPES", "UNITS", "WORDS"]

WORDS: Final[dict[str, str]] = {
    # English street types
    "street": "st",
    "road": "rd",
    "drive": "dr",
    "drv": "dr",
    "lane": "ln",
    "court": "ct",
    "crt": "ct",
    "square": "sq",
    "terrace": "terr",
    "ter": "terr",  # "12 ter" (after a house number) is the French suffix, kept
    "crescent": "cres",
    "cresc": "cres",
    "highway": "hwy",
    "hiway": "hwy",
    "parkway": "pkwy",
    "pky": "pkwy",
    "circle": "cir",
    "close": "cl",
    "gardens": "gdns",
    "mount": "mt",
    # Shared across languages: one form for avenue, boulevard, place/square-plaza
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
    "plz": "pl",
    "platz": "pl",
    "piazza": "pl",
    "pzza": "pl",
    "praca": "pl",
    # French
    "rue": "rue",
    "allee": "all",
    "chemin": "ch",
    "impasse": "imp",
    "route": "rte",
    "faubourg": "fbg",
    "fg": "fbg",
    "quai": "quai",
    "residence": "res",
    "saint": "saint",
    "sainte": "sainte",
    # German and Dutch ("...strasse", "...straat" inside a word are cut to "...str")
    "strasse": "str",
    "strase": "str",
    # Spanish, Portuguese, Italian
    "calle": "calle",
    "rua": "rue",
    "paseo": "paseo",
    "pso": "paseo",
    "carrera": "cra",
    "kra": "cra",
    "travessa": "tv",
    "trav": "tv",
    "via": "via",
    "viale": "viale",
    "corso": "corso",
    "cso": "corso",
    # Russian and Ukrainian
    "улица": "ул",
    "вулиця": "вул",
    "проспект": "пр",
    "просп": "пр",
    "площадь": "пл",
    "переулок": "пер",
    "пер": "пер",
    "бульвар": "бул",
    "шоссе": "ш",
    "дом": "д",
    "квартира": "кв",
    "корпус": "корп",
    # Greek (case-folded: final sigma is σ)
    "οδοσ": "οδ",
    "οδόσ": "οδ",
    "λεωφοροσ": "λεωφ",
    "λεωφόροσ": "λεωφ",
    "πλατεια": "πλ",
    "πλατεία": "πλ",
    # Units, floors, buildings
    "apartment": "apt",
    "appt": "apt",
    "app": "apt",
    "appartement": "apt",
    "flat": "apt",
    "unit": "apt",
    "suite": "ste",
    "floor": "fl",
    "flr": "fl",
    "etage": "etg",
    "building": "bldg",
    "batiment": "bat",
    "room": "rm",
    "piso": "piso",
    "puerta": "pta",
    "izquierda": "izq",
    "derecha": "dcha",
    # Directions
    "north": "n",
    "south": "s",
    "east": "e",
    "west": "w",
    "northeast": "ne",
    "northwest": "nw",
    "southeast": "se",
    "southwest": "sw",
    # Ordinals
    "first": "1st",
    "second": "2nd",
    "third": "3rd",
    "fourth": "4th",
    "fifth": "5th",
    "sixth": "6th",
    "seventh": "7th",
    "eighth": "8th",
    "ninth": "9th",
    "tenth": "10th",
}
"""Written form → canonical form, for words whose meaning does not depend on place."""

LEADING: Final[dict[str, str]] = {"c": "calle", "r": "rue", "v": "via", "po": "paseo", "ش": "شارع"}
"""Short forms that name a street type only where one stands: first on the line, or
right after the house number (``C/ Mayor 10``, ``12 R. de la Paix``, ``Pº del Prado``)."""

STREET_TYPES: Final = frozenset(
    {
        *("st", "str", "rd", "dr", "ln", "ct", "sq", "terr", "cres", "hwy", "pkwy", "cir"),
        *("cl", "gdns", "av", "bd", "pl", "rue", "all", "ch", "imp", "rte", "fbg", "quai"),
        *("calle", "paseo", "cra", "tv", "via", "viale", "corso", "weg", "gasse", "laan"),
        *("plein", "gracht", "ул", "вул", "пр", "пер", "бул", "ш", "οδ", "λεωφ", "πλ"),
    }
)
"""Canonical street types."""

UNITS: Final = frozenset({"apt", "ste", "fl", "etg", "bldg", "bat", "rm", "piso", "pta", "кв"})
"""Canonical unit, floor and building designators."""

DIRECTIONS: Final = frozenset({"n", "s", "e", "w", "ne", "nw", "se", "sw"})
"""Canonical compass directions."""

NAME_LINKS: Final = frozenset({"de", "du", "des", "la", "le", "of", "del", "della", "di", "do"})
"""Words after which a saint's name may start (``Rue du Faubourg St Antoine``)."""
