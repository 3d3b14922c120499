"""The region each record's phones and postcodes are read with, from the evidence it holds.

A national phone number (``06 12 34 56 78``) or a postcode is read with a region. In a
table with many countries, a record's own cells say where it belongs, from the
strongest statement to the weakest:

1. ``country``: its country column (the first one with a readable value);
2. ``default_region``: the schema's ``default_region``, an explicit statement by the
   user about the whole table, so it outranks any guess from the cells;
3. ``postcode``: a postcode whose shape only one country uses, confirmed by that
   country's postcode rules: a UK one (``SW1A 1AA``), a Canadian one (``K1A 0B1``),
   a Dutch one (``1234 AB``), an Irish Eircode, and the dashed forms of Poland
   (``00-950``), Portugal (``1000-001``), Japan (``100-0001``), Brazil
   (``01310-100``) and US ZIP+4 (``94105-1234``). A postcode states where the
   address is, as a country column would. Five digits alone say nothing: a dozen
   countries write them;
4. ``phone``: the country code of an international number in one of its phone
   columns (the first in schema order): a person's phones usually belong to one
   numbering plan, though a foreign mobile travels with its owner. A code shared by
   several regions gives its main one (``+44`` → GB, ``+7`` → RU), except North
   America, where the area code says US, CA or another member;
5. ``email``: the country-code top-level domain of its email (``.de`` → DE,
   ``.co.uk`` → GB, ``.fr`` → FR). Generic domains (``.com``, ``.org``, ``.net``)
   and country codes sold as generic names (``.io``, ``.co``, ``.me``, ``.tv``, ...)
   say nothing. An address is chosen once and kept after a move, hence last.

A record with none of these has no region (``unknown``); its national phone numbers
still meet through their national-number key (``column:national``).

>>> from goldenrecord.schema import Schema
>>> schema = Schema(id="id", fields={"tel": "phone", "mail": "email", "zip": "postcode"})
>>> raw = {"tel": ["+33 6 12 34 56 78", None, None, None],
...        "mail": [None, "a@b.co.uk", "c@d.com", None],
...        "zip": [None, None, "1012 AB", "75008"]}
>>> found = infer_regions(schema, raw, {})
>>> found.regions, found.counts
(['FR', 'GB', 'NL', None], {'postcode': 1, 'phone': 1, 'email': 1, 'unknown': 1})
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt
import phonenumbers

from goldenrecord.normalize import column, postcode
from goldenrecord.normalize._common import as_text
from goldenrecord.normalize._phone import _clean
from goldenrecord.schema import Schema

__all__ = ["REGION_EVIDENCE", "RegionEvidence", "email_region", "infer_regions", "postcode_region"]

REGION_EVIDENCE: Final = ("country", "default_region", "postcode", "phone", "email", "unknown")
"""How a record's region is decided, strongest first (see the module docstring)."""

# Country-code domains marketed as generic names: they say nothing about where one lives.
_GENERIC_CCTLDS: Final = frozenset(
    {"ac", "ad", "ai", "am", "as", "bz", "cc", "cd", "co", "fm", "gg", "im", "io", "is", "la"}
    | {"ly", "me", "ms", "mu", "nu", "pw", "sh", "so", "st", "tk", "to", "tv", "vc", "ws"}
)
_TLD_ALIASES: Final = {"uk": "GB", "el": "GR"}
_REGIONS: Final = frozenset(phonenumbers.SUPPORTED_REGIONS)

# Shapes only one country uses (upper case, as written); each is confirmed with that
# country's postcode rules before it counts.
_SHAPES: Final = (
    (re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}"), "GB"),
    (re.compile(r"[A-Z][0-9][A-Z] ?[0-9][A-Z][0-9]"), "CA"),
    (re.compile(r"[1-9][0-9]{3} ?[A-Z]{2}"), "NL"),
    (re.compile(r"[A-Z][0-9][0-9W] ?[0-9A-Z]{4}"), "IE"),
    (re.compile(r"[0-9]{2}-[0-9]{3}"), "PL"),
    (re.compile(r"[0-9]{4}-[0-9]{3}"), "PT"),
    (re.compile(r"[0-9]{3}-[0-9]{4}"), "JP"),
    (re.compile(r"[0-9]{5}-[0-9]{3}"), "BR"),
    (re.compile(r"[0-9]{5}-[0-9]{4}"), "US"),
)
_MAX_POSTCODE: Final = 12
_NOT_DIGIT: Final = re.compile(r"[^0-9]+")
# Digits and separators only, a "+" first at most: nothing to clean (and linear to match).
_PLAIN: Final = re.compile(r"\+?[0-9 ().\-]+")
_MIN_INTERNATIONAL: Final = 8  # country code and national number
_MAX_INTERNATIONAL: Final = 15  # E.164's maximum


@attrs.frozen
class RegionEvidence:
    """Each record's region (None when unknown), how each was decided, and counts.

    Attributes:
        regions: one ISO 3166 alpha-2 region or None per record.
        sources: per record, the evidence that decided it (one of :data:`REGION_EVIDENCE`).
        counts: evidence → number of records (only the kinds that occurred).
    """

    regions: list[str | None]
    sources: list[str]
    counts: dict[str, int]

    def guessed(self) -> list[bool]:
        """Per record, whether its region is a guess from its cells (postcode, phone, email)."""
        return [s in ("postcode", "phone", "email") for s in self.sources]


def email_region(email: str) -> str | None:
    """The region of an email's country-code top-level domain, None for generic ones.

    >>> email_region("ana@web.de"), email_region("bo@mail.co.uk"), email_region("x@y.io")
    ('DE', 'GB', None)
    >>> email_region("x@example.com"), email_region("no domain")
    (None, None)
    """
    at = email.rfind("@")
    if at < 0:
        return None
    tld = email[at + 1 :].strip().rstrip(".").rpartition(".")[2].lower()
    if len(tld) != 2 or not tld.isascii() or not tld.isalpha() or tld in _GENERIC_CCTLDS:
        return None
    region = _TLD_ALIASES.get(tld, tld.upper())
    return region if region in _REGIONS else None


def postcode_region(code: str) -> str | None:
    """The one country whose postcodes take this shape, None when several or none do.

    >>> postcode_region("sw1a 1aa"), postcode_region("K1A 0B1"), postcode_region("1012AB")
    ('GB', 'CA', 'NL')
    >>> postcode_region("00-950"), postcode_region("75008"), postcode_region("94105")
    ('PL', None, None)
    """
    text = code.strip().upper()
    if len(text) > _MAX_POSTCODE:
        return None
    for shape, region in _SHAPES:
        if shape.fullmatch(text) and postcode(text, country=region) is not None:
            return region
    return None


def _per_value(cells: Sequence[Any], fn: Any, rows: npt.NDArray[np.intp]) -> dict[int, str]:
    """Row → fn(cell text) on the given rows, each distinct text computed once."""
    memo: dict[str, str | None] = {}
    out: dict[int, str] = {}
    for i in rows.tolist():
        cell = cells[i]
        if cell is None:
            continue
        if type(cell) is not str:
            text = as_text(cell)
            if not isinstance(text, str):
                continue
            cell = text
        if cell not in memo:
            memo[cell] = fn(cell)
        found = memo[cell]
        if found is not None:
            out[i] = found
    return out


def _country_code(digits: str) -> int | None:
    """The country calling code a string of digits starts with (codes are prefix-free)."""
    for width in (1, 2, 3):
        code = int(digits[:width] or 0)
        if code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            return code
    return None


class _PhoneRegions:
    """The region of a phone cell written in international form, None for any other cell.

    Read off the country code (``+44``, ``0044``) without validating the number: the
    code says which numbering plan the writer meant, and the number itself is read
    and validated later. A code shared by several regions gives its main one, except
    North America, where each area code belongs to one member: looked up once per
    area code.

    >>> regions = _PhoneRegions()
    >>> regions("+33 6 12 34 56 78"), regions("0044 20 7946 0958"), regions("+1 613 555 0123")
    ('FR', 'GB', 'CA')
    >>> regions("06 12 34 56 78"), regions("+800 1234 5678"), regions("+44 12")
    (None, None, None)
    """

    def __init__(self) -> None:
        self._nanp: dict[str, str | None] = {}

    def __call__(self, text: str) -> str | None:
        start = text.lstrip()[:2]
        if not (start[:1] == "+" or start == "00" or start[:1].isalpha()):
            return None  # not international (a label such as "Tel.:" may come first)
        s = text.strip()
        if not _PLAIN.fullmatch(s):
            s = _clean(text)
        if s.startswith("+"):
            digits = _NOT_DIGIT.sub("", s)
        elif s.startswith("00"):
            digits = _NOT_DIGIT.sub("", s)[2:]
        else:
            return None
        if not _MIN_INTERNATIONAL <= len(digits) <= _MAX_INTERNATIONAL:
            return None
        code = _country_code(digits)
        if code is None:
            return None
        if code != 1:
            region = phonenumbers.region_code_for_country_code(code)
            return region if region in _REGIONS else None
        area = digits[1:4]
        if area not in self._nanp:
            number = phonenumbers.PhoneNumber(country_code=1, national_number=int(digits[1:11]))
            found = phonenumbers.region_code_for_number(number)
            self._nanp[area] = found if found in _REGIONS else None
        return self._nanp[area]


def infer_regions(
    schema: Schema, raw: Mapping[str, Sequence[Any]], columns: Mapping[str, Any]
) -> RegionEvidence:
    """Each record's region from its country column, the schema, then its cells' evidence.

    Args:
        schema: the schema (field kinds, ``default_region``).
        raw: field column → raw cells, one per record.
        columns: the normalized columns so far; the country columns are read from here
            (ISO codes, as the country normalizer gives them) when present.

    Returns:
        A :class:`RegionEvidence`. The work on cells is done only for records that
        neither a country column nor the schema gives a region, once per distinct value.
    """
    n = len(next(iter(raw.values()))) if raw else 0
    regions: list[str | None] = [None] * n
    sources = ["unknown"] * n
    for col in schema.columns_of("country"):
        values = columns[col] if col in columns else column(raw[col], "country").values
        for i, value in enumerate(values):
            if regions[i] is None and value is not None:
                regions[i], sources[i] = value, "country"
    if schema.default_region is not None:
        for i in range(n):
            if regions[i] is None:
                regions[i], sources[i] = schema.default_region, "default_region"
    steps: list[tuple[str, list[str]]] = [
        ("postcode", schema.columns_of("postcode")),
        ("phone", schema.columns_of("phone")),
        ("email", schema.columns_of("email")),
    ]
    for evidence, cols in steps:
        for col in cols:
            open_rows = np.flatnonzero(np.array([r is None for r in regions], dtype=bool))
            if open_rows.size == 0:
                break
            cells = raw[col]
            readers = {"postcode": postcode_region, "phone": _PhoneRegions(), "email": email_region}
            found = _per_value(cells, readers[evidence], open_rows)
            for i, region in found.items():
                regions[i], sources[i] = region, evidence
    tally = Counter(sources)
    counts = {e: tally[e] for e in REGION_EVIDENCE if tally[e]}
    return RegionEvidence(regions, sources, counts)
