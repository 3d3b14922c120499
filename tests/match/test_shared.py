"""Shared values: one phone or email, many different names, no longer evidence."""

from __future__ import annotations

from typing import Any

import pytest

import goldenrecord as gr
from goldenrecord.match._prepare import prepare
from goldenrecord.match._shared import find_shared, mask_shared

SCHEMA = gr.Schema(
    id="id",
    fields={"first": "given_name", "last": "family_name", "phone": "phone"},
    default_region="DE",
)


def _table(*people: tuple[str, str, str | None]) -> dict[str, list[Any]]:
    return {
        "id": [f"r{i}" for i in range(len(people))],
        "first": [p[0] for p in people],
        "last": [p[1] for p in people],
        "phone": [p[2] for p in people],
    }


LANDLINE = "030 1234567"


@pytest.mark.parametrize(
    ("people", "shared"),
    [
        # Three names on one landline: shared.
        (
            (
                ("Ursula", "Schwarz", LANDLINE),
                ("Dieter", "Schwarz", LANDLINE),
                ("Anna", "Schwarz", LANDLINE),
            ),
            1,
        ),
        # One person written three ways (typo, case, order): not shared.
        (
            (
                ("Ursula", "Schwarz", LANDLINE),
                ("Urusla", "SCHWARZ", LANDLINE),
                ("Schwarz", "Ursula", LANDLINE),
            ),
            0,
        ),
        # Two names only: below the default of three.
        ((("Ursula", "Schwarz", LANDLINE), ("Dieter", "Schwarz", LANDLINE)), 0),
        # Partial names do not count: first name only, family name only.
        (
            (
                ("Ursula", "Schwarz", LANDLINE),
                ("Ursula", "", LANDLINE),
                ("", "Schwarz", LANDLINE),
            ),
            0,
        ),
        # ...and a one-word name could be anyone on the value: it does not count.
        (
            (
                ("Ursula", "Schwarz", LANDLINE),
                ("Dieter", "Schwarz", LANDLINE),
                ("Anna", "", LANDLINE),
            ),
            0,
        ),
        # Records without a name do not count as people.
        ((("Ursula", "Schwarz", LANDLINE), ("", "", LANDLINE), ("", "", LANDLINE)), 0),
    ],
)
def test_a_value_is_shared_when_enough_different_names_carry_it(
    people: tuple[tuple[str, str, str | None], ...], shared: int
) -> None:
    found = find_shared(prepare(_table(*people), SCHEMA))
    assert len(found) == shared


def test_the_threshold_is_configurable_and_checked() -> None:
    table = _table(("Ursula", "Schwarz", LANDLINE), ("Dieter", "Schwarz", LANDLINE))
    assert len(find_shared(prepare(table, SCHEMA), min_people=2)) == 1
    with pytest.raises(gr.SettingsError, match="min_people"):
        find_shared(prepare(table, SCHEMA), min_people=1)


def test_masking_hides_the_value_from_matching_only() -> None:
    table = _table(
        ("Ursula", "Schwarz", LANDLINE),
        ("Dieter", "Schwarz", LANDLINE),
        ("Anna", "Schwarz", LANDLINE),
        ("Paul", "Klein", "030 7654321"),
    )
    prepared = prepare(table, SCHEMA)
    found = find_shared(prepared)
    assert found.counts() == {"phone": 1}
    assert found.records == {"phone": 3}
    masked = mask_shared(prepared, found)
    assert masked.columns["phone"].tolist() == [None, None, None, "+49307654321"]
    assert prepared.columns["phone"][0] == "+49301234567"  # the original is untouched
    assert masked.raw == prepared.raw
