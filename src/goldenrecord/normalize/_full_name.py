"""The ``full_name`` kind's normalizer: a name in "Family, Given" order is written in the
order of the other full names, given name first."""

from __future__ import annotations

from typing import Final

from goldenrecord.normalize._common import Rejected, cell_text
from goldenrecord.normalize._name import _name
from goldenrecord.normalize._name_data import PARTICLES, SUFFIXES

__all__ = ["_full_name"]

_DESIGNATIONS: Final = frozenset(
    {
        "of", "baron", "baroness", "baronet", "earl", "countess", "duke", "duchess",
        "viscount", "viscountess", "marquess", "marquis", "prince", "princess", "king",
        "queen", "emperor", "empress", "pope", "saint", "st",
    }
)  # fmt: skip
"""Words of a title or a place after a name's comma ("Thomas Clifford, 1st Baron Clifford
of Chudleigh"): what follows the comma is then no given name."""


def _full_name(x: object) -> str | Rejected:
    """Core of the ``full_name`` kind: :func:`~goldenrecord.normalize.name`, with
    "Family, Given" (a CRM's or a catalogue's order) turned to "given family", so that
    ``Harris, Jennifer`` and ``Jennifer Harris`` are one name and the name's parts are
    read where they are. A comma before a suffix only (``King, Jr.``), after more than one
    family name (particles aside), or before a title or a place (``Loder, 2nd Baronet``,
    ``Clifford, of Chudleigh``) is no such order.

    >>> _full_name("Harris, Jennifer"), _full_name("DUPONT, Éloïse Marie")
    ('jennifer harris', 'eloise marie dupont')
    >>> _full_name("Martin Luther King, Jr."), _full_name("Jennifer Harris")
    ('martin luther king', 'jennifer harris')
    >>> _full_name("Sir Edmund Loder, 2nd Baronet"), _full_name("Clifford, of Chudleigh")
    ('edmund loder 2nd baronet', 'clifford of chudleigh')
    """
    text = cell_text(x)
    if isinstance(text, Rejected) or "," not in text:
        return _name(x)
    family_raw, _, given_raw = text.partition(",")
    given, family = _name(given_raw), _name(family_raw)
    if not (isinstance(given, str) and isinstance(family, str)):
        return _name(x)
    words, names = given.split(" "), family.split(" ")
    if all(w in SUFFIXES for w in words):
        return _name(x)
    if any(w in PARTICLES for w in words[-1:]) or not all(w in PARTICLES for w in names[:-1]):
        return _name(x)  # "Thomas Clifford, Chudleigh": a name, then something else
    if len(words) > 3 or any(w in _DESIGNATIONS or not w.isalpha() for w in words):
        return _name(x)  # "Edmund Loder, 2nd Baronet": a title after the name
    return f"{given} {family}"
