"""Value limits for clustering: which columns are limited, and their values as codes.

Shared by batch resolution and the identity store, so both refuse the same merges.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import numpy as np
import numpy.typing as npt

from goldenrecord.errors import SettingsError
from goldenrecord.graph._components import connected_components
from goldenrecord.match._prepare import PreparedTable
from goldenrecord.match.model import Matcher, ScoredPairs
from goldenrecord.schema import FIELD_KINDS

__all__ = ["DEFAULT_LIMITS", "check_limits", "limited_values"]

IntArray = npt.NDArray[np.int64]

DEFAULT_LIMITS: Final[Mapping[str, int]] = {"identifier": 1, "email": 5, "phone": 5}
"""Most distinct values a profile may hold, per field kind (or column): an identifier
(customer number, national id) is exclusive; a person rarely has more than five
emails or phones, and a cluster with more is strangers chained together.

Spellings the model found similar (one typo) count as one value; for an exclusive
limit (1), a value that only one record carries does not count."""


def check_limits(limits: Mapping[str, int] | None, columns: Mapping[str, object]) -> dict[str, int]:
    """The limits in effect (:data:`DEFAULT_LIMITS` when None), checked.

    Keys are field kinds or columns of the prepared table.

    Raises:
        SettingsError: every unknown key and every limit below 1, at once.
    """
    merged = dict(DEFAULT_LIMITS) if limits is None else dict(limits)
    problems = []
    for key, value in merged.items():
        if key not in FIELD_KINDS and key not in columns:
            problems.append(
                f"{key!r} is neither a field kind nor a column of the prepared table "
                "(field columns and derived ones such as 'first:initial')"
            )
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            problems.append(f"limit for {key!r} must be an integer of at least 1")
    if problems:
        raise SettingsError(
            "invalid limits: " + "; ".join(problems) + f"; kinds: {', '.join(FIELD_KINDS)}"
        )
    return merged


def limited_values(
    limits: Mapping[str, int],
    prepared: PreparedTable,
    model: Matcher,
    scored: ScoredPairs,
    accepted: npt.NDArray[np.bool_],
) -> tuple[dict[str, IntArray], dict[str, int]]:
    """The ``values`` and ``limits`` arguments of :func:`~goldenrecord.graph.cluster`.

    A column is limited by its own entry in ``limits`` or else by its kind's (derived
    columns only by their own). See :func:`_value_codes` for how values are coded.
    """
    by_column: dict[str, int] = {}
    for column in prepared.columns:
        kind = prepared.fields.get(column)
        limit = limits.get(column, None if kind is None else limits.get(kind))
        if limit is not None:
            by_column[column] = limit
    values = {
        column: _value_codes(
            column,
            prepared.columns[column],
            model,
            scored,
            accepted,
            confirmed_only=limit == 1,
        )
        for column, limit in by_column.items()
    }
    return values, by_column


def _value_codes(
    column: str,
    values: npt.NDArray[np.object_],
    model: Matcher,
    scored: ScoredPairs,
    accepted: npt.NDArray[np.bool_],
    *,
    confirmed_only: bool,
) -> IntArray:
    """Value codes for a limit, spellings the model found similar counted as one value.

    Two values of an accepted match that its comparison on ``column`` put at a
    similarity level (one typo, same local part, same last digits: any level but exact,
    "all other" and missing) are one value for the limit: a customer number typed with
    one wrong digit is the same number, not a second one. With ``confirmed_only`` (for
    exclusive identifiers), a value that only one record carries does not count: it
    may be a mistyped or swapped number, while two people's numbers that several
    records confirm keep their profiles apart.
    """
    table: dict[object, int] = {}
    codes = np.fromiter(
        (-1 if v is None else table.setdefault(v, len(table)) for v in values.tolist()),
        dtype=np.int64,
        count=values.size,
    )
    similar = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    for k, comparison in enumerate(model.comparisons_):
        if column not in (comparison.column, comparison.name):
            continue
        level = scored.levels[:, k]
        hit = accepted & (level >= 1) & (level < len(comparison.levels))
        a, b = codes[scored.left[hit]], codes[scored.right[hit]]
        both = (a >= 0) & (b >= 0)
        similar = (np.concatenate([similar[0], a[both]]), np.concatenate([similar[1], b[both]]))
    if similar[0].size:
        representative = connected_components(len(table), similar[0], similar[1])
        codes = np.where(codes >= 0, representative[np.maximum(codes, 0)], -1)
    if confirmed_only and table:
        seen = np.bincount(codes[codes >= 0], minlength=len(table))
        codes = np.where((codes >= 0) & (seen[np.maximum(codes, 0)] >= 2), codes, -1)
    return codes
