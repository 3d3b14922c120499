"""The synthetic customer generator: every column written for all records at once.

:class:`~goldenrecord.datasets._population.Population` draws the people and their records;
here each column is written from index arrays into the pools, and noise is applied to
the small subsets of cells it touches.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from goldenrecord.datasets._pools import COUNTRIES, SOURCES
from goldenrecord.datasets._population import (
    Column,
)
from goldenrecord.datasets._synthetic_columns import COLUMNS, _Writer
from goldenrecord.datasets._table import CustomerTable
from goldenrecord.errors import SettingsError

__all__ = ["COLUMNS", "COUNTRY_CODES", "generate", "synthetic_customers"]


def generate(
    n_people: int,
    seed: int,
    countries: Iterable[str],
    sources: Iterable[str],
    noise: float,
) -> dict[str, Column]:
    """The columns of a synthetic customer table (arguments already checked)."""
    gen = _Writer(n_people, seed, list(countries), list(sources), noise)
    gen.people()
    gen.records_per_person()
    gen.addresses()
    gen.phones()
    gen.emails()
    gen.consent()
    gen.records()
    return gen.columns()


_MAX_PEOPLE = 20_000_000
_MAX_NOISE = 10.0
COUNTRY_CODES = tuple(c.code for c in COUNTRIES)
"""ISO 3166 codes of the countries generated people live in (``countries=`` accepts them)."""


def synthetic_customers(
    n_people: int,
    seed: int = 0,
    *,
    countries: Iterable[str] | None = None,
    sources: Iterable[str] | None = None,
    noise: float = 1.0,
) -> CustomerTable:
    """A multilingual, multi-source customer table with the true person of every record.

    ``n_people`` people from 15 countries (US, GB, FR, DE, ES, IT, NL, IN, CN, AE, SA, EG,
    RU, GR, BR) leave records in six sources: ``crm``, ``shop``, ``pos``, ``support``,
    ``whatsapp`` and ``newsletter``. Most people have one or two records, a few have
    dozens: about 2.3 records per person on average. Each source fills its own columns
    (newsletter: email and maybe a first name; whatsapp: phone and display name; pos:
    name, phone, postcode and loyalty card; shop: name, email, phone, address; crm: all of
    that plus date of birth and customer number).

    Names are written in their own script in some records and in Latin letters in others
    (محمد / Mohammed / Muhammad, 王伟 / Wang Wei, Елена / Elena, Ελένη / Eleni, राहुल /
    Rahul); phones in national and international formats (all valid numbers), postcodes,
    street types and dates of birth in each country's forms. Noise (scaled by ``noise``):
    one-letter typos, case and spacing, nicknames, swapped name fields, missing values,
    Gmail dots, ``+tags`` and googlemail, phone formats (``00``, ``(0)``, ``4155552671.0``),
    day/month swaps, placeholders (``test@test.com``, ``000-000-0000``, ``n/a``). Life
    events and hard cases do not depend on ``noise``: people move, change email or phone
    and withdraw consent; households of 2-4 people share a family name, landline and
    address (twins share a date of birth too); namesakes share a country's most common
    name; colleagues share a business inbox (``info@...``); the till puts the shop's own
    phone on records of customers who gave none.

    The result depends only on the arguments: the same seed gives the same table, byte
    for byte, on every platform and Python version. One million people (2.3 million
    records) take well under a minute on a laptop.

    Args:
        n_people: number of real people, at least 1.
        seed: a non-negative integer; each seed gives another table.
        countries: ISO 3166 alpha-2 codes of the countries to draw people from (all 15 by
            default); their order does not matter.
        sources: the sources records come from (all six by default).
        noise: scale of the noise rates: 0 for clean values, 1 for realistic data, up to 10.

    Returns:
        A :class:`CustomerTable`; ``table.truth`` maps record ids to person ids.

    Raises:
        SettingsError: an argument is out of range or names an unknown country or source;
            every problem is reported at once.

    >>> from goldenrecord.datasets import synthetic_customers
    >>> table = synthetic_customers(200, seed=1)
    >>> table
    CustomerTable(479 records, 200 people, 6 sources, 17 columns)
    >>> table == synthetic_customers(200, seed=1)
    True
    >>> clean = synthetic_customers(50, countries=["fr", "DE"], noise=0)
    >>> sorted(set(clean.columns["country"]) - {None})
    ['DE', 'FR', 'France', 'Germany']
    """
    country_list, source_list = _check(n_people, seed, countries, sources, noise)
    return CustomerTable(columns=generate(n_people, seed, country_list, source_list, float(noise)))


def _is_int(value: object) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def _names(value: Iterable[str] | None, option: str, accepted: tuple[str, ...]) -> list[str]:
    if value is None:
        return list(accepted)
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise SettingsError(f"{option} must be a list of names from: {', '.join(accepted)}")
    chosen = [str(v).strip() for v in value]
    if option == "countries":
        chosen = [v.upper() for v in chosen]
    unknown = [v for v in chosen if v not in accepted]
    if unknown:
        raise SettingsError(
            f"unknown {option} {', '.join(map(repr, unknown))}; choose from {', '.join(accepted)}"
        )
    if not chosen:
        raise SettingsError(f"{option} is empty; choose at least one of {', '.join(accepted)}")
    return [v for v in accepted if v in chosen]


def _check(
    n_people: object,
    seed: object,
    countries: Iterable[str] | None,
    sources: Iterable[str] | None,
    noise: object,
) -> tuple[list[str], list[str]]:
    problems = []
    if not _is_int(n_people) or not 1 <= int(n_people) <= _MAX_PEOPLE:  # type: ignore[call-overload]
        problems.append(f"n_people must be an integer from 1 to {_MAX_PEOPLE:,}")
    if not _is_int(seed) or int(seed) < 0:  # type: ignore[call-overload]
        problems.append("seed must be a non-negative integer")
    if (
        not isinstance(noise, (int, float, np.integer, np.floating))
        or isinstance(noise, bool)
        or not 0.0 <= float(noise) <= _MAX_NOISE
    ):
        problems.append(f"noise must be a number from 0 to {_MAX_NOISE:g}")
    chosen: list[list[str]] = []
    for option, value, accepted in (
        ("countries", countries, COUNTRY_CODES),
        ("sources", sources, SOURCES),
    ):
        try:
            chosen.append(_names(value, option, accepted))
        except SettingsError as err:
            problems.append(str(err))
    if problems:
        raise SettingsError("invalid synthetic_customers arguments: " + "; ".join(problems))
    return chosen[0], chosen[1]
