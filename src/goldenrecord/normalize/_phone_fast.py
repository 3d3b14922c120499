"""Phone numbers read and validated from phonenumbers' metadata, without its parser.

A column of phones holds a few numbers written in many ways, and a few forms cover
most of them: ``+`` and digits, or national digits with the record's region. For those
forms, what ``phonenumbers.parse`` and ``phonenumbers.is_valid_number`` do comes down
to a few patterns of the region's metadata; this module applies them directly,
compiled once per country, and leaves every other form to the parser (a function
here returns None where it cannot answer exactly as phonenumbers would).

* :func:`is_valid` is ``is_valid_number`` as a function of the country calling code
  and the national significant number: the region of the number (the first of the
  code's regions whose leading digits or patterns match), then the general pattern
  of that region and the pattern of any number type.
* :func:`parse_national` is ``parse(digits, region)`` for national digits that start
  neither with the region's international prefix nor with its country code (where the
  parser may read a country code off them): the region's national prefix is stripped
  when the parser would strip it (the number still matches the region's general
  pattern after it, and has a length the region's numbers can have).
"""

from __future__ import annotations

import functools
import re
from typing import Final

import attrs
import phonenumbers
from phonenumbers import PhoneMetadata

__all__ = ["is_valid", "parse_national", "phone_number"]

_NON_GEO: Final = "001"  # phonenumbers' region of the non-geographic codes (+800, +882)
_MAX_NSN: Final = 17  # the longest national significant number phonenumbers accepts
_TYPES: Final = (
    "premium_rate",
    "toll_free",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
    "fixed_line",
)


@attrs.frozen
class _Desc:
    """A number description: its lengths (empty: any) and its pattern."""

    lengths: frozenset[int]
    pattern: re.Pattern[str]

    def matches(self, nsn: str) -> bool:
        return (not self.lengths or len(nsn) in self.lengths) and (
            self.pattern.fullmatch(nsn) is not None
        )


def _desc(desc: object) -> _Desc | None:
    """A description as ``_is_number_matching_desc`` reads it (None never matches)."""
    pattern = getattr(desc, "national_number_pattern", None)
    if not pattern:
        return None
    return _Desc(frozenset(getattr(desc, "possible_length", None) or ()), re.compile(pattern))


_NEVER: Final = re.compile(r"(?!)")


@attrs.frozen
class _Region:
    """The patterns of one region's metadata that validation and parsing read."""

    general: _Desc | None
    types: tuple[_Desc, ...]
    leading: re.Pattern[str] | None
    by_length: dict[int, re.Pattern[str]] = attrs.field(factory=dict, eq=False)

    def has_type(self, nsn: str) -> bool:
        """``_number_type_helper(nsn, metadata) != UNKNOWN``: the general description
        matches, and so does some type's (one pattern per length: the types of that
        length as alternatives)."""
        if self.general is None or not self.general.matches(nsn):
            return False
        n = len(nsn)
        either = self.by_length.get(n)
        if either is None:
            shapes = [t.pattern.pattern for t in self.types if not t.lengths or n in t.lengths]
            either = self.by_length[n] = (
                re.compile("|".join(f"(?:{p})" for p in shapes)) if shapes else _NEVER
            )
        return either.fullmatch(nsn) is not None


def _region_of(meta: PhoneMetadata) -> _Region:
    types = [_desc(getattr(meta, name, None)) for name in _TYPES]
    if not meta.same_mobile_and_fixed_line_pattern:
        types.append(_desc(meta.mobile))
    return _Region(
        general=_desc(meta.general_desc),
        types=tuple(t for t in types if t is not None),
        leading=None if meta.leading_digits is None else re.compile(meta.leading_digits),
    )


@functools.cache
def _metadata(country_code: int, region: str, *, calling_code: bool) -> _Region | None:
    """A region's patterns: its own metadata, or with ``calling_code`` the metadata
    ``is_valid_number_for_region`` reads (a non-geographic code's for region ``001``)."""
    meta = (
        PhoneMetadata.metadata_for_region_or_calling_code(country_code, region.upper())
        if calling_code
        else PhoneMetadata.metadata_for_region(region.upper(), None)
    )
    return None if meta is None else _region_of(meta)


def _region_for(country_code: int, nsn: str) -> str | None:
    """``region_code_for_number``: the only region of the code, or the first whose
    leading digits (or, without them, whose patterns) match the number."""
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(country_code)
    if not regions:
        return None
    if len(regions) == 1:
        return str(regions[0])
    for region in regions:
        patterns = _metadata(country_code, region, calling_code=False)
        if patterns is None:
            continue
        if patterns.leading is not None:
            if patterns.leading.match(nsn):
                return str(region)
        elif patterns.has_type(nsn):
            return str(region)
    return None


def is_valid(country_code: int, nsn: str) -> bool:
    """``phonenumbers.is_valid_number`` of the number ``+<country_code> <nsn>``.

    >>> is_valid(33, "612345678"), is_valid(1, "5551234567"), is_valid(44, "7911123456")
    (True, False, True)
    """
    region = _region_for(country_code, nsn)
    if region is None:
        return False
    patterns = _validator(country_code, region)
    return patterns is not None and patterns.has_type(nsn)


@functools.cache
def _validator(country_code: int, region: str) -> _Region | None:
    """The patterns ``is_valid_number_for_region`` validates with, or None when it
    refuses the region (no metadata, another calling code)."""
    patterns = _metadata(country_code, region, calling_code=True)
    if patterns is None:
        return None
    if region != _NON_GEO and phonenumbers.country_code_for_valid_region(region) != country_code:
        return None
    return patterns


@attrs.frozen
class _National:
    """What ``parse`` reads of a region's metadata for national digits."""

    country_code: int
    international: re.Pattern[str]
    prefix: re.Pattern[str] | None
    general: re.Pattern[str] | None
    lengths: tuple[int, ...]
    local: frozenset[int]


@functools.cache
def _national(region: str) -> _National | None:
    """The metadata of a region, or None where :func:`parse_national` leaves every
    number to the parser (a national prefix rewritten by a rule, no lengths)."""
    meta = PhoneMetadata.metadata_for_region(region.upper(), None)
    if meta is None or meta.national_prefix_transform_rule:
        return None
    general = meta.general_desc
    if general is None or not general.possible_length or meta.country_code is None:
        return None
    pattern = general.national_number_pattern
    return _National(
        country_code=meta.country_code,
        international=re.compile(meta.international_prefix or "NonMatch"),
        prefix=re.compile(meta.national_prefix_for_parsing)
        if meta.national_prefix_for_parsing
        else None,
        general=re.compile(pattern) if pattern else None,
        lengths=tuple(general.possible_length),
        local=frozenset(general.possible_length_local_only or ()),
    )


def _strips(rest: str, meta: _National) -> bool:
    """Whether ``parse`` keeps the national number ``rest`` left by a national prefix:
    ``_test_number_length`` is neither too short, local only nor an invalid length."""
    n = len(rest)
    if n in meta.local:
        return False
    shortest, longest = meta.lengths[0], meta.lengths[-1]
    if n == shortest or n > longest:
        return True
    return n > shortest and n in meta.lengths[1:]


def _general_match(meta: _National, nsn: str) -> bool:
    return meta.general is not None and meta.general.fullmatch(nsn) is not None


def parse_national(digits: str, region: str) -> phonenumbers.PhoneNumber | None:
    """``phonenumbers.parse(digits, region)`` for ASCII digits (at least three) read
    with a region code phonenumbers knows, or None where the parser must read them.

    >>> parse_national("0612345678", "FR") == phonenumbers.parse("0612345678", "FR")
    True
    >>> parse_national("0033612345678", "FR") is None  # the international prefix
    True
    """
    meta = _national(region)
    if meta is None or meta.international.match(digits):
        return None
    if digits.startswith(str(meta.country_code)):  # the parser may take it as the code
        return None
    nsn = digits
    if meta.prefix is not None:
        found = meta.prefix.match(digits)
        if found is not None:
            rest = digits[found.end() :]
            viable = _general_match(meta, digits)
            if (not viable or _general_match(meta, rest)) and _strips(rest, meta):
                nsn = rest
    if not 2 <= len(nsn) <= _MAX_NSN:
        return None
    return phone_number(meta.country_code, nsn)


def phone_number(country_code: int, nsn: str) -> phonenumbers.PhoneNumber:
    """The number of a country calling code and national significant number, its leading
    zeros kept as phonenumbers keeps them (Italian numbers start with 0)."""
    number = phonenumbers.PhoneNumber(country_code=country_code, national_number=int(nsn))
    if len(nsn) > 1 and nsn[0] == "0":
        number.italian_leading_zero = True
        zeros = len(nsn) - len(nsn.lstrip("0"))
        zeros = min(zeros, len(nsn) - 1)
        if zeros > 1:
            number.number_of_leading_zeros = zeros
    return number
