"""The ``full_name`` kind reads "Family, Given" in the order of other full names."""

from __future__ import annotations

import numpy as np
import pytest

import goldenrecord as gr
from goldenrecord.match.stages import prepare
from goldenrecord.normalize import column


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Harris, Jennifer", "jennifer harris"),
        ("HARRIS,Jennifer Ann", "jennifer ann harris"),
        ("DUPONT, Éloïse", "eloise dupont"),
        ("Papadopoulou, Ελένη", "ελένη papadopoulou"),
        ("van der Berg, Jan", "jan van der berg"),
        ("Martin Luther King, Jr.", "martin luther king"),
        ("Jennifer Harris", "jennifer harris"),
        ("Harris,", "harris"),
        (", Jennifer", "jennifer"),
        ("Picard, Jean-Luc", "jean luc picard"),
        ("Sir Edmund Loder, 2nd Baronet", "edmund loder 2nd baronet"),
        ("Thomas Clifford, Chudleigh", "thomas clifford chudleigh"),
        ("Clifford, of Chudleigh", "clifford of chudleigh"),
        ("Clifford, 1st Baron Clifford", "clifford 1st baron clifford"),
        ("García Márquez, Gabriel", "garcia marquez gabriel"),
    ],
)
def test_family_first_names_are_turned_round(raw: str, expected: str) -> None:
    assert list(column(np.array([raw], dtype=object), "full_name").values) == [expected]


def test_turned_round_names_normalize_to_themselves() -> None:
    once = column(np.array(["Harris, Jennifer", "King, Jr."], dtype=object), "full_name")
    twice = column(np.array(list(once.values), dtype=object), "full_name")
    assert list(twice.values) == list(once.values)


def test_the_given_name_of_a_family_first_name_is_the_given_name() -> None:
    """A family-first full name gives the given and family name of the same name
    written given first, so the given-name limit reads the given name, never the family
    name."""
    schema = gr.Schema(id="id", fields={"name": "full_name"})
    table = prepare({"id": ["a", "b"], "name": ["Harris, Jennifer", "Jennifer Harris"]}, schema)
    given = table.columns["_name:given"].tolist()
    family = table.columns["_name:family"].tolist()
    assert given[0] == given[1]
    assert family[0] == family[1]
    assert given[0] != family[0]
