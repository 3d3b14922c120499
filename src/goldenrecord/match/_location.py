"""Where a customer lives, compared once: address, postcode, city and country as one comparison.

Fellegi–Sunter adds the evidence of each comparison as if the comparisons were
independent given the match status. Places are not: two records with the same
postcode nearly always share the city and the country too, so scoring the four
fields separately counts one agreement three or four times, and two neighbours (or
two members of one household) look like one person. The default model therefore
compares places with one comparison whose levels go from the most to the least
specific agreement — same address, similar address, same postcode, postcode one typo,
same city, same postcode area, similar city name, same region (state, province) —
and reads the first that holds.

The comparison reads the derived column ``_place`` (the record's place fields joined,
present when any of them is), so a pair is "missing" only when one side has no place
at all; each level reads its own field column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import numpy as np
import numpy.typing as npt

from goldenrecord.match._comparators import jaro_winkler, token_sort
from goldenrecord.match._names import fold_names
from goldenrecord.match.compare import Comparison, Level, default_comparisons

__all__ = ["LOCATION", "PLACE_COLUMN", "PLACE_KINDS", "model_comparisons", "place_column"]

PLACE_KINDS: Final = ("address", "postcode", "city", "region", "country")
"""Field kinds that describe where a customer lives, most specific first."""

PLACE_COLUMN: Final = "_place"
"""The derived column the location comparison reads for presence."""

LOCATION: Final = "location"
"""The name of the combined comparison."""


def _place_columns(fields: Mapping[str, str]) -> dict[str, str]:
    """Kind → the first column of that kind, for the place kinds the schema has."""
    out: dict[str, str] = {}
    for column, kind in fields.items():
        if kind in PLACE_KINDS and kind not in out:
            out[kind] = column
    return out


def location_comparison(fields: Mapping[str, str]) -> Comparison | None:
    """The combined place comparison, or None when the schema has fewer than two place fields.

    >>> location_comparison({"zip": "postcode", "town": "city"}).level_labels[:3]
    ('same postcode', 'postcode one typo', 'same city')
    >>> location_comparison({"town": "city"}) is None
    True
    """
    cols = _place_columns(fields)
    if len(cols) < 2:
        return None
    levels: list[Level] = []
    if "address" in cols:
        # one street address in two postcode areas is two places (a street name and
        # number recur from town to town)
        a = cols["address"]
        guard = (f"{cols['postcode']}:area",) if "postcode" in cols else ()
        levels += [
            Level.exact(label="same address", column=a, conflicts=guard),
            Level.at_least(token_sort, 0.9, label="similar address", column=a, conflicts=guard),
        ]
    if "postcode" in cols:
        p = cols["postcode"]
        levels += [
            Level.exact(label="same postcode", column=p),
            Level.within_edits(1, label="postcode one typo", column=p),
        ]
    if "city" in cols:
        levels.append(Level.exact(label="same city", column=cols["city"]))
    if "postcode" in cols:
        levels.append(Level.exact(label="same postcode area", column=f"{cols['postcode']}:area"))
    if "city" in cols:
        levels.append(
            Level.at_least(jaro_winkler, 0.9, label="similar city name", column=cols["city"])
        )
    if "region" in cols:  # a state or province: the weakest agreement on a place
        levels.append(Level.exact(label="same region", column=cols["region"]))
    return Comparison(LOCATION, levels, column=PLACE_COLUMN)


def model_comparisons(fields: Mapping[str, str]) -> tuple[Comparison, ...]:
    """The default comparisons of the model: one per field, names and places combined.

    With two or more place fields (address, postcode, city, country), their
    comparisons are replaced by :func:`location_comparison`, placed where the first
    of them stood; name fields are combined the same way into one ``name``
    comparison (:func:`~goldenrecord.match._names.fold_names`); other fields keep
    their :func:`default_comparisons`.

    >>> [c.name for c in model_comparisons({"first": "given_name", "zip": "postcode",
    ...                                     "town": "city", "mail": "email"})]
    ['first', 'location', 'mail']
    >>> [c.name for c in model_comparisons({"first": "given_name", "last": "family_name",
    ...                                     "zip": "postcode", "town": "city"})]
    ['name', 'location']
    """
    comparisons = fold_names(default_comparisons(fields), fields)
    location = location_comparison(fields)
    if location is None:
        return comparisons
    place = set(_place_columns(fields).values())
    out: list[Comparison] = []
    for comparison in comparisons:
        if comparison.column in place:
            if location not in out:
                out.append(location)
            continue
        out.append(comparison)
    return tuple(out)


def place_column(
    columns: Mapping[str, npt.NDArray[np.object_]], fields: Mapping[str, str]
) -> npt.NDArray[np.object_]:
    """Each record's place fields joined with `` | `` (None when it has none of them,
    on every record of a table without place fields)."""
    cols = [columns[c] for c in _place_columns(fields).values()]
    out = np.empty(len(cols[0]) if cols else len(next(iter(columns.values()), ())), dtype=object)
    if not cols:
        return out
    parts: Sequence[tuple[object, ...]] = list(zip(*(c.tolist() for c in cols), strict=True))
    out[:] = [" | ".join(str(v) for v in row if v is not None) or None for row in parts]
    return out
