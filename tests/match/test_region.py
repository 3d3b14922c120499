"""Each record's region from its evidence, and recall when phones carry no country code."""

from __future__ import annotations

from typing import Any

import numpy as np
import phonenumbers
import pytest

import goldenrecord as gr
from goldenrecord.datasets import synthetic_customers
from goldenrecord.match import Matcher, compute_levels, default_rules
from goldenrecord.match._prepare import prepare
from goldenrecord.match._region import (
    REGION_EVIDENCE,
    _PhoneRegions,
    email_region,
    infer_regions,
    postcode_region,
)
from goldenrecord.match._shared import find_shared, mask_shared
from goldenrecord.match.compare import Comparison, Level

EMAILS = [
    ("ana@web.de", "DE"),
    ("bo@mail.co.uk", "GB"),
    ("c@orange.fr", "FR"),
    ("d@uol.com.br", "BR"),
    ("e@libero.it", "IT"),
    ("f@yandex.ru", "RU"),
    ("g@mail.gr", "GR"),
    ("h@EXAMPLE.NL", "NL"),
    ("i@gmail.com", None),  # generic
    ("j@example.org", None),
    ("k@example.net", None),
    ("l@startup.io", None),  # country codes sold as generic names
    ("m@brand.co", None),
    ("n@about.me", None),
    ("o@stream.tv", None),
    ("p@agency.eu", None),  # not a country
    ("no at sign", None),
    ("q@localhost", None),
]


@pytest.mark.parametrize(("email", "expected"), EMAILS)
def test_email_country_domain(email: str, expected: str | None) -> None:
    """Country-code domains give their region; generic and vanity domains give none."""
    assert email_region(email) == expected


POSTCODES = [
    ("SW1A 1AA", "GB"),
    ("sw1a1aa", "GB"),
    ("M1 1AE", "GB"),
    ("EC1A 1BB", "GB"),
    ("K1A 0B1", "CA"),
    ("h3z2y7", "CA"),
    ("1012 AB", "NL"),
    ("1012ab", "NL"),
    ("D02 X285", "IE"),
    ("00-950", "PL"),
    ("1000-001", "PT"),
    ("100-0001", "JP"),
    ("01310-100", "BR"),
    ("94105-1234", "US"),
    # Shapes several countries share, or none confirms:
    ("75008", None),
    ("10115", None),
    ("94105", None),
    ("2000", None),
    ("110001", None),
    ("1012 SA", None),  # Dutch shape, letters PostNL does not use
    ("K1A 0D1", None),  # Canadian shape, a letter Canada Post does not use
    ("n/a", None),
    ("", None),
    ("SW1A 1AA SW1A 1AA", None),
]


@pytest.mark.parametrize(("code", "expected"), POSTCODES)
def test_postcode_shape(code: str, expected: str | None) -> None:
    """Only shapes that one country uses, confirmed by its rules, give a region."""
    assert postcode_region(code) == expected


PHONES = [
    ("+33 6 12 34 56 78", "FR"),
    ("0044 20 7946 0958", "GB"),
    ("+44 (0)20 7946 0958", "GB"),
    ("Tel.: +49 30 901820", "DE"),
    ("+1 (415) 555-2671", "US"),
    ("+1 613 555 0123", "CA"),
    ("+7 495 123 45 67", "RU"),
    ("+971 50 123 4567", "AE"),
    ("06 12 34 56 78", None),  # national: no country code
    ("(415) 555-2671", None),
    ("+800 1234 5678", None),  # international freephone: no region
    ("+44 12", None),  # too short to be a number
    ("+999 123 456 789", None),  # no such country code
]


@pytest.mark.parametrize(("cell", "expected"), PHONES)
def test_phone_country_code(cell: str, expected: str | None) -> None:
    """An international number gives its country code's region (NANP: the area code's)."""
    assert _PhoneRegions()(cell) == expected


SCHEMA = gr.Schema(
    id="id",
    fields={
        "country": "country",
        "mobile": "phone",
        "home": "phone",
        "email": "email",
        "zip": "postcode",
    },
)
PRECEDENCE = [
    # (country, mobile, email, zip) -> (region, decided by)
    (("France", "+44 7911 123456", "a@web.de", "SW1A 1AA"), ("FR", "country")),
    ((None, "+44 7911 123456", "a@web.de", "1012 AB"), ("NL", "postcode")),
    ((None, "+44 7911 123456", "a@web.de", "75008"), ("GB", "phone")),
    ((None, None, "a@web.de", "75008"), ("DE", "email")),
    ((None, "07911 123456", "a@gmail.com", "75008"), (None, "unknown")),
    (("Narnia", None, "a@web.de", None), ("DE", "email")),  # an unreadable country says nothing
]


@pytest.mark.parametrize(("row", "expected"), PRECEDENCE)
def test_region_precedence(row: tuple[str | None, ...], expected: tuple[Any, str]) -> None:
    """Country column > postcode shape > another phone's country code > email domain."""
    country, mobile, email, zip_code = row
    raw = {
        "country": [country],
        "mobile": [mobile],
        "home": [None],
        "email": [email],
        "zip": [zip_code],
    }
    found = infer_regions(SCHEMA, raw, {})
    assert (found.regions[0], found.sources[0]) == expected
    assert found.counts == {expected[1]: 1}


def test_default_region_outranks_the_cells() -> None:
    """A schema's default region is the user's own statement: it beats every guess."""
    schema = gr.Schema(id="id", fields={"tel": "phone", "zip": "postcode"}, default_region="US")
    found = infer_regions(schema, {"tel": ["+44 7911 123456"], "zip": ["SW1A 1AA"]}, {})
    assert (found.regions, found.sources) == (["US"], ["default_region"])


def test_another_phone_reads_the_national_one() -> None:
    """A record's international mobile tells how to read its national home number;
    the prepared table counts how regions were decided (figures, no values)."""
    rows = [
        {"id": "1", "mobile": "+44 7911 123456", "home": "020 7946 0958", "email": None},
        {"id": "2", "mobile": None, "home": "06 12 30 30 82", "email": "x@orange.fr"},
        {"id": "3", "mobile": None, "home": "(516) 401-5294", "email": "x@gmail.com"},
    ]
    schema = gr.Schema(id="id", fields={"mobile": "phone", "home": "phone", "email": "email"})
    table = prepare(rows, schema)
    assert table.columns["home"].tolist() == ["+442079460958", "+33612303082", None]
    assert table.columns["home:national"].tolist() == ["2079460958", "612303082", "5164015294"]
    assert table.region_sources == {"phone": 1, "email": 1, "unknown": 1}
    assert table.rejected_values["home"] == {"no_region": 1}
    assert set(table.region_sources) <= set(REGION_EVIDENCE)


def test_guessed_region_that_fails_still_gives_a_national_key() -> None:
    """A region guessed from an email can be wrong: the number it fails to read still
    meets its other spellings through its digits."""
    rows = [
        {"id": "1", "tel": "(516) 401-5294", "email": "x@web.fr"},
        {"id": "2", "tel": "516 401 5294", "email": None},
    ]
    table = prepare(rows, gr.Schema(id="id", fields={"tel": "phone", "email": "email"}))
    assert table.columns["tel"].tolist() == [None, None]
    assert table.columns["tel:national"].tolist() == ["5164015294", "5164015294"]


def test_national_numbers_block_and_compare() -> None:
    """Two spellings of one number without a country code are a candidate pair and
    agree at "same national number", not "missing"."""
    rows = [
        {"id": "a", "name": "Ann Lee", "tel": "5164015294"},
        {"id": "b", "name": "Ann Leigh", "tel": "(516) 401-5294"},
        {"id": "c", "name": "Bob Stone", "tel": "+1 516 401 5294"},
        {"id": "d", "name": "Cy Young", "tel": "(516) 401-5299"},
    ]
    schema = gr.Schema(id="id", fields={"name": "full_name", "tel": "phone"})
    table = prepare(rows, schema)
    assert "tel:national" in [k for r in default_rules(schema.fields) for k in r.keys[:1]]
    comparison = next(c for c in Matcher()._comparisons_for(table) if c.name == "tel")
    left, right = np.array([0, 0, 0]), np.array([1, 2, 3])
    levels = compute_levels([comparison], table.columns, left, right)[:, 0]
    labels = [comparison.level_labels[k] for k in levels]
    assert labels == ["same national number", "same national number", "one typo"]
    # Order kept: mobile exact, exact, same national number, same last 7 digits, one typo.
    assert comparison.level_labels[:5] == (
        "exact (mobile)",
        "exact",
        "same national number",
        "same last 7 digits",
        "one typo",
    )


def _national_variant(table: gr.datasets.CustomerTable) -> tuple[dict[str, list[Any]], gr.Schema]:
    """The table without its country column, every phone written in national form."""
    schema = table.schema()
    countries = [gr.normalize.country(c) for c in table.columns["country"]]
    cols = {c: list(v) for c, v in table.columns.items() if c != "country"}

    def national(cell: str | None, region: str | None) -> str | None:
        if cell is None:
            return None
        try:
            parsed = phonenumbers.parse(cell, region)
        except phonenumbers.NumberParseException:
            return cell
        if not phonenumbers.is_valid_number(parsed):
            return cell
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)

    cols["phone"] = [national(p, r) for p, r in zip(cols["phone"], countries, strict=True)]
    fields = {c: k for c, k in schema.fields.items() if k != "country"}
    return cols, gr.Schema(id=schema.id, source=schema.source, fields=fields)


def test_recall_without_country_codes_improves_on_generated_customers() -> None:
    """Generated customers with no country column and national phones: the national
    key and level find more of each person's records than E.164 alone did (the
    previous phone comparison and blocking, run on the same prepared table)."""
    table = synthetic_customers(500, seed=5)
    cols, schema = _national_variant(table)
    prepared = prepare(cols, schema)
    assert prepared.rejected_values["phone"]["no_region"] > 100  # the case this is about
    with pytest.warns(gr.ResolutionWarning, match="compared by national number only"):
        now = gr.resolve(cols, schema)
    comparisons = []
    for c in Matcher()._comparisons_for(prepared):
        if c.name == "phone":  # exact E.164 only: national numbers are "missing"
            c = Comparison(
                "phone",
                [
                    Level.exact(label="exact (mobile)", column="phone:mobile"),
                    Level.exact(label="exact"),
                    Level.same_suffix(7, label="same last 7 digits"),
                    Level.within_edits(1, label="one typo"),
                ],
            )
        comparisons.append(c)
    rules = [r for r in default_rules(schema.fields) if r.keys != ("phone:national",)]
    with pytest.warns(gr.ResolutionWarning, match="compared by national number only"):
        before = gr.resolve(cols, schema, matcher=Matcher(comparisons), blocking=rules)
    truth = table.truth
    gain = (
        gr.evaluate(now.clusters, truth).bcubed_recall
        - gr.evaluate(before.clusters, truth).bcubed_recall
    )
    assert gain > 0.02
    assert (
        gr.evaluate(now.clusters, truth).bcubed_f1 > gr.evaluate(before.clusters, truth).bcubed_f1
    )


def test_a_shared_number_without_country_code_is_set_aside() -> None:
    """The shop's own number typed nationally into the till for customers who gave
    none is shared through its national key too, and masked for matching."""
    people = [("Ursula", "Schwarz"), ("Dieter", "Brandt"), ("Anna", "Klein"), ("Jo", "Weber")]
    rows = [
        {"id": f"r{i}", "first": f, "last": g, "tel": "030 1234567"}
        for i, (f, g) in enumerate(people)
    ]
    rows.append({"id": "r9", "first": "Max", "last": "Vogel", "tel": "030 7654321"})
    schema = gr.Schema(
        id="id", fields={"first": "given_name", "last": "family_name", "tel": "phone"}
    )
    table = prepare(rows, schema)
    assert table.columns["tel"].tolist() == [None] * 5
    shared = find_shared(table)
    assert shared.counts() == {"tel:national": 1}
    masked = mask_shared(table, shared)
    assert masked.columns["tel:national"].tolist() == [None, None, None, None, "307654321"]
    # Written both ways, by two people each: shared across the spellings, masked in both.
    rows[0]["tel"] = rows[1]["tel"] = "+49 30 1234567"
    table = prepare(rows, schema)
    shared = find_shared(table)
    assert shared.counts() == {"tel:national": 1}
    masked = mask_shared(table, shared)
    assert masked.columns["tel"].tolist() == [None] * 5
    assert masked.columns["tel:national"].tolist() == [None, None, None, None, "307654321"]
