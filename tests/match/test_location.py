"""The combined location comparison: places counted once, most specific agreement first."""

from __future__ import annotations

import numpy as np
import pytest

from goldenrecord.match._location import (
    LOCATION,
    PLACE_COLUMN,
    location_comparison,
    model_comparisons,
    place_column,
)
from goldenrecord.match.compare import compute_levels, default_comparisons

FIELDS = {
    "first": "given_name",
    "street": "address",
    "zip": "postcode",
    "town": "city",
    "land": "country",
    "mail": "email",
}


def _obj(*values: object) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = list(values)
    return out


def _columns() -> dict[str, np.ndarray]:
    cols = {
        "street": _obj("1 rue de la paix", "1 rue de la paix", None, None, None, "9 high st"),
        "zip": _obj("75002", "75002", "75002", "75003", None, None),
        "zip:area": _obj("750", "750", "750", "750", None, None),
        "town": _obj("paris", "paris", "paris", "paris", "paris", None),
        "land": _obj("FR", "FR", "FR", "FR", "FR", "GB"),
    }
    cols[PLACE_COLUMN] = place_column(cols, FIELDS)
    return cols


def test_place_fields_are_replaced_by_one_comparison_where_the_first_stood() -> None:
    names = [c.name for c in model_comparisons(FIELDS)]
    assert names == ["first", LOCATION, "mail"]


def test_one_place_field_keeps_the_per_field_default() -> None:
    fields = {"first": "given_name", "town": "city"}
    assert model_comparisons(fields) == default_comparisons(fields)


def test_country_is_not_evidence_of_one_person() -> None:
    labels = location_comparison(FIELDS).level_labels  # type: ignore[union-attr]
    assert not any("country" in label for label in labels)


@pytest.mark.parametrize(
    ("i", "j", "label"),
    [
        (0, 1, "same address"),
        (0, 2, "same postcode"),
        (2, 3, "postcode one typo"),
        (0, 4, "same city"),
        (4, 5, "all other"),
    ],
)
def test_the_most_specific_agreement_wins(i: int, j: int, label: str) -> None:
    comparison = location_comparison(FIELDS)
    assert comparison is not None
    levels = compute_levels([comparison], _columns(), [i], [j])
    assert comparison.level_labels[int(levels[0, 0])] == label


def test_a_record_without_any_place_is_missing_not_disagreeing() -> None:
    cols = _columns()
    cols["street"][5] = None
    cols["land"][5] = None
    cols[PLACE_COLUMN] = place_column(cols, FIELDS)
    comparison = location_comparison(FIELDS)
    assert comparison is not None
    assert compute_levels([comparison], cols, [0], [5])[0, 0] == -1


def test_place_column_joins_present_values_in_kind_order() -> None:
    cols = _columns()
    assert cols[PLACE_COLUMN][0] == "1 rue de la paix | 75002 | paris | FR"
    assert cols[PLACE_COLUMN][4] == "paris | FR"


def test_a_region_is_the_weakest_place_agreement() -> None:
    """Same state, different town and postcode: "same region", the last level; a state
    never outranks a shared town, and is not a comparison of its own."""
    fields = {"zip": "postcode", "town": "city", "state": "region"}
    assert [c.name for c in model_comparisons(fields)] == [LOCATION]
    comparison = location_comparison(fields)
    assert comparison is not None
    assert comparison.level_labels[-3:] == ("same region", "all other", "missing")
    cols = {
        "zip": _obj("2000", "2480", "2000", "3141"),
        "zip:area": _obj("200", "248", "200", "314"),
        "town": _obj("sydney", "newcastle", "sydney", "melbourne"),
        "state": _obj("nsw", "nsw", "vic", "vic"),
    }
    cols[PLACE_COLUMN] = place_column(cols, fields)
    levels = compute_levels([comparison], cols, [0, 0, 0], [1, 2, 3])
    labels = [comparison.level_labels[int(x)] for x in levels[:, 0]]
    assert labels == ["same region", "same postcode", "all other"]


def test_one_street_address_in_two_postcode_areas_is_not_the_same_address() -> None:
    """The same street and number in two towns (other postcode areas) is two places:
    the pair falls through to the next level that holds, here none. With one postcode
    missing, or both in one area, the address still agrees."""
    comparison = location_comparison(FIELDS)
    assert comparison is not None
    cols = {
        "street": _obj("athinas 3", "athinas 3", "athinas 3", "athinas 3", "athinas 3a"),
        "zip": _obj("712 31", "113 97", None, "712 35", "113 97"),
        "zip:area": _obj("712", "113", None, "712", "113"),
        "town": _obj("heraklion", "athens", "heraklion", "heraklion", "athens"),
        "land": _obj("GR", "GR", "GR", "GR", "GR"),
    }
    cols[PLACE_COLUMN] = place_column(cols, FIELDS)
    levels = compute_levels([comparison], cols, [0, 0, 0, 0], [1, 2, 3, 4])
    labels = [comparison.level_labels[int(x)] for x in levels[:, 0]]
    assert labels == ["all other", "same address", "same address", "all other"]
    guarded = [lv.label for lv in comparison.levels if lv.conflicts == ("zip:area",)]
    assert guarded == ["same address", "similar address"]
