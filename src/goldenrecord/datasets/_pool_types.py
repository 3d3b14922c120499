"""The shapes of the synthetic customers' pools: spellings, cities and countries, with the
readers of the compact entry notation (see :mod:`goldenrecord.datasets._pools`).
"""

from __future__ import annotations

import attrs

__all__ = ["City", "Country", "Spellings"]


@attrs.frozen
class Spellings:
    """One name, street or city in its native script (if not Latin) and in Latin letters."""

    native: tuple[str, ...]
    latin: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Spellings:
        """Read ``"native1;native2|latin1;latin2"`` or ``"latin1;latin2"``."""
        if "|" in text:
            native, latin = text.split("|")
            return cls(tuple(native.split(";")), tuple(latin.split(";")))
        return cls((), tuple(text.split(";")))


def _entries(text: str) -> tuple[Spellings, ...]:
    return tuple(Spellings.parse(e.strip()) for e in text.split(",") if e.strip())


def _families(text: str) -> tuple[tuple[Spellings, Spellings], ...]:
    out = []
    for entry in text.split(","):
        entry = entry.strip()
        if not entry:
            continue
        male, _, female = entry.partition(">")
        out.append((Spellings.parse(male), Spellings.parse(female or male)))
    return tuple(out)


@attrs.frozen
class City:
    """A city: its spellings, postcode prefixes and fixed-line phone prefixes."""

    names: Spellings
    postcodes: tuple[str, ...]
    landlines: tuple[str, ...]  # "prefix" or "prefix:length"
    mobiles: tuple[str, ...] = ()  # overrides the country's mobile prefixes (US, BR)


def _city(names: str, postcodes: str, landlines: str, mobiles: str = "") -> City:
    return City(
        Spellings.parse(names),
        tuple(postcodes.split()),
        tuple(landlines.split()),
        tuple(mobiles.split()),
    )


@attrs.frozen
class Country:
    """Everything the generator draws from for the people of one country.

    ``postcode`` is the pattern completing a city's postcode prefix (``#`` a digit,
    ``A`` a Royal Mail inward letter, ``@`` a Dutch postcode letter); ``phone_groups``
    maps a national significant number's length to its digit groups.
    """

    code: str
    weight: int
    labels: tuple[str, ...]
    male: tuple[Spellings, ...]
    female: tuple[Spellings, ...]
    families: tuple[tuple[Spellings, Spellings], ...]
    cities: tuple[City, ...]
    streets: tuple[Spellings, ...]
    street_types: tuple[Spellings, ...]
    address: str
    native_address: str
    postcode: str
    calling_code: str
    trunk: str
    mobile_trunk: str
    mobiles: tuple[str, ...]
    mobile_length: int
    fixed_length: int
    phone_groups: dict[int, tuple[int, ...]]
    phone_style: str
    email_domains: tuple[str, ...]
    dates: tuple[str, ...]
    business: tuple[str, ...]
    tld: str
    family_first: bool = False  # names written family name first (Chinese)
    native_share: int = 0  # percent of records written in the native script


_DMY = ("{dd}/{mm}/{yyyy}", "{d}/{m}/{yyyy}")
_DOMAINS_INTL = tuple(
    "gmail.com gmail.com gmail.com gmail.com hotmail.com yahoo.com outlook.com".split()
)
