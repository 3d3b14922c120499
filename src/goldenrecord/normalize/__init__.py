"""Normalizers: one raw cell value in, one canonical value (or ``None``) out.

Every function here is pure (no I/O, no DNS, no global state), accepts whatever a
CSV reader or a DataFrame cell holds (``str``, ``None``, NaN, ``int``, a float such
as ``4155552671.0``, ``datetime``) and never raises on dirty input. It returns
``None`` when the value is missing or unusable; with ``errors="raise"`` an unusable
(not merely missing) value raises :class:`~goldenrecord.NormalizationError` whose
``reason`` says why, without echoing the value.

Whatever the cell holds, a normalizer runs in time linear in its length and does
not raise in the default mode: a ``str`` subclass is read as its plain text (none of
its methods is called), an object whose conversions raise is ``unsupported_type``,
lone surrogates are read as U+FFFD, and a cell of more than 10,000 characters
(``MAX_TEXT_LENGTH``, once stripped) is rejected as ``too_long`` without being read.

>>> import goldenrecord as gr
>>> gr.normalize.email("J.Smith+shop@GoogleMail.com")
'jsmith@gmail.com'
>>> gr.normalize.phone("(415) 555-2671", region="US")
'+14155552671'
>>> gr.normalize.name("  Éloïse  DUPONT ")
'eloise dupont'
>>> gr.normalize.date("07/03/1980", dayfirst=True)
datetime.date(1980, 3, 7)
>>> gr.normalize.postcode("sw1a1aa", country="GB")
'SW1A 1AA'
>>> gr.normalize.identifier(" ab-123 ")
'AB123'
"""

from goldenrecord._public import publish as _publish
from goldenrecord.normalize._address import address
from goldenrecord.normalize._column import KINDS, ColumnResult, column
from goldenrecord.normalize._country import country
from goldenrecord.normalize._date import date
from goldenrecord.normalize._email import email
from goldenrecord.normalize._identifier import identifier
from goldenrecord.normalize._name import NameParts, given_name_canonical, name, split_full_name
from goldenrecord.normalize._name_key import name_key
from goldenrecord.normalize._name_readings import name_keys
from goldenrecord.normalize._phone import phone
from goldenrecord.normalize._postcode import postcode
from goldenrecord.normalize._text import text

__all__ = [
    "KINDS",
    "ColumnResult",
    "NameParts",
    "address",
    "column",
    "country",
    "date",
    "email",
    "given_name_canonical",
    "identifier",
    "name",
    "name_key",
    "name_keys",
    "phone",
    "postcode",
    "split_full_name",
    "text",
]

_publish(__name__, globals(), __all__)
