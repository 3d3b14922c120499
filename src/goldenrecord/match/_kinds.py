"""What a comparison is about, and the model parts built on it.

The field kind a comparison reads (:func:`comparison_kind`), the columns it reads, the
look-alike classes (households, namesakes) made of comparisons of some kinds, and the
anchor pairs (exact email or identifier agreement) on which the ``m`` of name
comparisons is counted. :mod:`goldenrecord.match.model` uses them to fit and score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import numpy as np
import numpy.typing as npt

from goldenrecord.match._em import LookAlike, level_counts
from goldenrecord.match._levels import Comparison
from goldenrecord.match._location import PLACE_COLUMN, PLACE_KINDS
from goldenrecord.match._names import NAME_COLUMN, NAME_KINDS, same_given_levels
from goldenrecord.match._prepare import PreparedTable, model_columns
from goldenrecord.match._weights import _smooth

__all__ = [
    "HOUSEHOLD_KINDS",
    "columns_for",
    "comparison_columns",
    "comparison_kind",
    "enumerated_levels",
    "household_comparisons",
    "lookalike_classes",
]

FloatArray = npt.NDArray[np.float64]
LevelMatrix = npt.NDArray[np.int8]


def columns_for(prepared: PreparedTable) -> Mapping[str, npt.NDArray[np.object_]]:
    """The prepared columns, with the derived columns the model's comparisons read (the
    place column of the location comparison, the personal addresses of the email
    ones). :func:`~goldenrecord.match.prepare` derives them; a table made another way
    (the identity store's, from stored columns) gets them here, in a new mapping: the
    table itself is never written into."""
    missing = model_columns(prepared.columns, prepared.fields)
    return {**prepared.columns, **missing} if missing else prepared.columns


HOUSEHOLD_KINDS: Final = ("family_name", "address", "postcode", "city", "country", "phone")
"""Field kinds that people of one household share (the household comparisons)."""


_PERSONAL_KINDS: Final = frozenset({"email", "phone", "identifier"})
"""Kinds whose agreement is not judged for dependence (see ``_fitting.dependent``)."""


def comparison_kind(comparison: Comparison, fields: Mapping[str, str]) -> str | None:
    """The field kind a comparison reads: its column's kind, ``"name"`` for the combined
    name comparison, ``"place"`` for the combined location comparison, else the kind of
    the field it is named after (a phone comparison reads ``phone:national``)."""
    if comparison.column == NAME_COLUMN:
        return "name"
    if comparison.column == PLACE_COLUMN:
        return "place"
    return fields.get(comparison.column, fields.get(comparison.name))


def comparison_columns(comparison: Comparison, fields: Mapping[str, str]) -> list[str]:
    """The field columns a comparison reads (all name or place fields for combined ones).

    >>> from goldenrecord.match._location import model_comparisons
    >>> fields = {"first": "given_name", "last": "family_name", "dob": "date"}
    >>> [comparison_columns(c, fields) for c in model_comparisons(fields)]
    [['first', 'last'], ['dob']]
    """
    kind = comparison_kind(comparison, fields)
    if kind == "name":
        return [c for c, k in fields.items() if k in NAME_KINDS]
    if kind == "place":
        return [c for c, k in fields.items() if k in PLACE_KINDS]
    own = comparison.column.split(":")[0]
    return [own] if own in fields else []


def household_comparisons(
    comparisons: Sequence[Comparison], fields: Mapping[str, str]
) -> list[bool]:
    """Per comparison, whether it is a household comparison (family name or place).

    The combined name comparison is one: its "same family, different given" level is
    where two people of one family land. None are without an address field: living
    at one address is what makes a household, and a family name with a city or a
    birthplace does not say it.
    """
    if "address" not in fields.values():
        return [False] * len(comparisons)
    return [comparison_kind(c, fields) in (*HOUSEHOLD_KINDS, "name", "place") for c in comparisons]


def lookalike_classes(
    comparisons: Sequence[Comparison],
    fields: Mapping[str, str],
    *,
    households: bool = True,
    namesakes: bool = True,
) -> list[LookAlike]:
    """The household and namesake classes for these comparisons (see :class:`Matcher`)."""
    out = []
    kinds = [comparison_kind(c, fields) for c in comparisons]
    if households:
        out.append(
            LookAlike(
                "household",
                own=tuple(household_comparisons(comparisons, fields)),
                tied=tuple(k in ("place", "address") for k in kinds),
                personal=tuple(_household_personal(c, fields) for c in comparisons),
            )
        )
    # Namesakes matter where a field follows the name: a name-made email local part.
    # Without one, a name agreeing alone is what term frequencies already weigh.
    if namesakes and "email" in kinds and any(k in _NAME_KINDS for k in kinds):
        names = tuple(k in _NAME_KINDS for k in kinds)
        out.append(
            LookAlike(
                "namesake",
                own=tuple(k in (*_NAME_KINDS, "email") for k in kinds),
                as_match=names,
                personal=tuple((0,) if k == "email" else () for k in kinds),
            )
        )
    return out


def _household_personal(comparison: Comparison, fields: Mapping[str, str]) -> tuple[int, ...]:
    """The levels of a household comparison held at ``u``: what two people of one
    household share no more than any two people do.

    An exact mobile number; the name's levels where the given names agree (people of
    one family have given names of their own); and the place levels wider than one
    address (a postcode typo, a city, a postcode area, a region: any two neighbours
    share them). Learned freely, such levels let the class take one person's records
    for a family, or every pair of one family name in one town for a household, and
    lose the households themselves (who share an address and a landline)."""
    held = [i for i, lv in enumerate(comparison.levels) if (lv.column or "").endswith(":mobile")]
    if comparison.column == NAME_COLUMN:
        held += same_given_levels(comparison)
    if comparison.column == PLACE_COLUMN:
        held += [
            i
            for i, lv in enumerate(comparison.levels)
            if not (
                fields.get(lv.column or "") == "address"
                or (fields.get(lv.column or "") == "postcode" and lv.kind == "exact")
            )
        ]
    return tuple(sorted(set(held)))


def enumerated_levels(
    comparisons: Sequence[Comparison], fields: Mapping[str, str]
) -> list[tuple[int, ...]]:
    """Per comparison, the levels whose pairs blocking proposes every one of: the
    first level of an email, phone or identifier comparison when it is an exact
    agreement (a personal address, a mobile number, an identifier), since the default
    blocking rules pair every two records that agree exactly there.

    ``u`` there is counted among the candidates, not estimated from a sample, and may
    fall below the floor that stands for what a sample of random pairs can miss: one
    person's mobile number, shared by no one else, weighs what the data say it does.

    >>> from goldenrecord.match._location import model_comparisons
    >>> fields = {"mail": "email", "dob": "date", "tel": "phone"}
    >>> enumerated_levels(model_comparisons(fields), fields)
    [(0,), (), (0,)]
    """
    out: list[tuple[int, ...]] = []
    for comparison in comparisons:
        kind = comparison_kind(comparison, fields)
        first = comparison.levels[0]
        out.append((0,) if kind in _PERSONAL_KINDS and first.kind == "exact" else ())
    return out


_ANCHOR_KINDS: Final = ("email", "identifier")
_NAME_KINDS: Final = (*NAME_KINDS, "name")
_MIN_ANCHORS: Final = 1000
_MIN_ANCHORED_NAMES: Final = 100


def _anchor_m(
    comparisons: Sequence[Comparison],
    fields: Mapping[str, str],
    levels: LevelMatrix,
    n_levels: Sequence[int],
) -> list[FloatArray | None]:
    """``m`` of the name comparisons, counted on anchor pairs (None where not counted).

    Unsupervised EM over customer data can take "same family name, same place" for
    the match class: households and namesakes in one town are common, matches rare,
    and the mixture fits them as well. Names are where that goes wrong, so their ``m``
    is read off anchor pairs instead: candidates that agree exactly on an email or an
    identifier (shared values already set aside) are nearly always one person, and
    how their names compare is how one person's names compare. EM then holds these
    tables and learns the rest. With fewer than 1,000 anchors (or 100 with the name
    present on both sides) a name comparison is left to EM: small tables have too few
    anchors to measure it better than EM does.
    """
    out: list[FloatArray | None] = [None] * len(comparisons)
    anchors = [k for k, c in enumerate(comparisons) if comparison_kind(c, fields) in _ANCHOR_KINDS]
    if not anchors:
        return out
    rows = (levels[:, anchors] == 0).any(axis=1)
    if int(rows.sum()) < _MIN_ANCHORS:
        return out
    anchored = levels[rows]
    for k, c in enumerate(comparisons):
        if comparison_kind(c, fields) not in _NAME_KINDS:
            continue
        counts = level_counts(anchored[:, [k]], [n_levels[k]])[0]
        if counts.sum() >= _MIN_ANCHORED_NAMES:
            out[k] = _smooth(counts)
    return out
