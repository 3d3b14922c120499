"""Guessing a column's role or kind from its name, and failing that from its values.

The name is folded (case, accents, separators) and looked up whole, then read word by
word (:mod:`goldenrecord._schema_words`); names in other scripts are read by their
parts; a column whose name says nothing is classified from a sample of its values.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Final

from goldenrecord._schema_words import (
    _ATTRIBUTE_WORDS,
    _CONSENT_PREFIXES,
    _COUNTRY_WORDS,
    _ID_ONLY_WORDS,
    _ID_OWNER_WORDS,
    _ID_WORDS,
    _KIND_NAMES,
    _PLACE_WORDS,
    _SCRIPT_NAMES,
)

__all__: list[str] = []


def _fold_column_name(name: str) -> str:
    s = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s).lower()
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


def _consent_purpose(key: str) -> str | None:
    for prefix in _CONSENT_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            return key[len(prefix) :]
    return None


def _kind_from_name(key: str) -> str | None:
    kind = _KIND_NAMES.get(key)
    if kind is not None:
        return kind
    tokens = set(key.split("_"))
    if tokens & {"email", "courriel", "mail"}:
        return "email"
    if tokens & {"phone", "mobile", "telephone", "tel"}:
        return "phone"
    # Places before dates: a birth place is a place, not a date of birth.
    if tokens & _COUNTRY_WORDS:
        return "country"
    if tokens & _PLACE_WORDS:
        return "city"
    if tokens & {"street", "house", "rue"} and tokens & _ID_WORDS:
        return "text"  # a street or house number
    if tokens & {"zip", "postcode"} or {"postal", "code"} <= tokens:
        return "postcode"
    if "birth" in tokens or "naissance" in tokens or "dob" in tokens:
        return "date"
    # Ids before values: a membership or social security number is not a phone. Only a
    # person's own numbers: an order or product id says nothing about who someone is.
    if tokens & _ID_ONLY_WORDS or (tokens & _ID_WORDS and tokens & _ID_OWNER_WORDS):
        return "identifier"
    if tokens & _ATTRIBUTE_WORDS:
        return "text"  # a gender or an occupation: kept, compared as text
    return None


def _kind_from_script(name: str) -> str | None:
    """The kind of a column named in a script that folding to ASCII erases (城市, 電話)."""
    text = unicodedata.normalize("NFKC", str(name)).lower().replace("_", " ")
    for part, kind in _SCRIPT_NAMES:
        if part in text:
            return kind
    return None


_EMAIL_RE: Final = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_RE: Final = re.compile(r"^\+?[\d\s().\-/]{7,20}$")
_DATE_RE: Final = re.compile(
    r"^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})(T[\d:.+\-Z]*)?$"
)


def _kind_from_values(cells: list[Any], sample: int = 200) -> str | None:
    """Email, phone or date when at least 90% of a sample of non-empty cells look like one."""
    values = [str(c).strip() for c in cells[: sample * 5] if isinstance(c, str) and c.strip()]
    values = values[:sample]
    if len(values) < 3:
        return None
    for kind, pattern in (("email", _EMAIL_RE), ("date", _DATE_RE), ("phone", _PHONE_RE)):
        hits = sum(1 for v in values if pattern.match(v))
        if hits >= 0.9 * len(values):
            if kind == "phone" and _short_numbers(values):
                return None
            return kind
    return None


def _short_numbers(values: list[str]) -> bool:
    """Mostly bare digits too short for a national phone number (ids, amounts, codes)."""
    short = sum(1 for v in values if v.isdigit() and len(v) < 10)
    return short >= 0.5 * len(values)
