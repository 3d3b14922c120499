"""The ``full_name`` kind's normalizer: a name in "Family, Given" order is written in the
order of the other full names, given name first."""

from __future__ import annotations

from goldenrecord.normalize._common import Rejected, cell_text
from goldenrecord.normalize._name import _name
from goldenrecord.normalize._name_data import SUFFIXES

__all__ = ["_full_name"]


def _full_name(x: object) -> str | Rejected:
    """Core of the ``full_name`` kind: :func:`~goldenrecord.normalize.name`, with
    "Family, Given" (a CRM's or a catalogue's order) turned to "given family", so that
    ``Harris, Jennifer`` and ``Jennifer Harris`` are one name and the name's parts are
    read where they are. A comma before a suffix only (``King, Jr.``) is no such order.

    >>> _full_name("Harris, Jennifer"), _full_name("DUPONT, Éloïse Marie")
    ('jennifer harris', 'eloise marie dupont')
    >>> _full_name("Martin Luther King, Jr."), _full_name("Jennifer Harris")
    ('martin luther king', 'jennifer harris')
    """
    text = cell_text(x)
    if isinstance(text, Rejected) or "," not in text:
        return _name(x)
    family_raw, _, given_raw = text.partition(",")
    given, family = _name(given_raw), _name(family_raw)
    if not (isinstance(given, str) and isinstance(family, str)):
        return _name(x)
    if all(w in SUFFIXES for w in given.split(" ")):
        return _name(x)
    return f"{given} {family}"
