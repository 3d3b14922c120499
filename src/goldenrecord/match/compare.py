"""Comparison levels: how closely two records agree on one field, as a small integer.

A :class:`Comparison` is an ordered tuple of labelled :class:`Level` predicates over one
column of the prepared table. A pair's level is ``-1`` when the value is missing on
either side (no evidence, never disagreement), else the index of the first level
whose predicate holds, else ``len(levels)``, the implicit "all other" level. The
Fellegi–Sunter model learns how much each level is worth.

:func:`compute_levels` computes the level of every candidate pair for every comparison
at once, columnar: values are interned to integer codes, equality and prefix tests are
integer comparisons, string similarities run through ``rapidfuzz.process.cpdist`` once
per distinct pair of values, and each level only looks at the pairs no earlier level
has claimed.

>>> import numpy as np
>>> email = Comparison("email", levels=(
...     Level.exact(label="exact"),
...     Level.at_least(jaro_winkler, 0.92, label="similar (JW >= 0.92)"),
... ))
>>> cols = {"email": np.array(["ana@x.io", "ana@x.io", "anna@x.io", None, "bo@y.io"],
...                           dtype=object)}
>>> left, right = np.array([0, 0, 0, 0]), np.array([1, 2, 3, 4])
>>> compute_levels([email], cols, left, right)[:, 0].tolist()
[0, 1, -1, 2]
>>> email.level_labels[-1], email.level_labels[2]
('missing', 'all other')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from goldenrecord.errors import SettingsError
from goldenrecord.match._comparators import LevelEngine, PairCodes
from goldenrecord.match._levels import Comparison, Level
from goldenrecord.match._scorers import (
    Scorer,
    damerau_levenshtein,
    jaro,
    jaro_winkler,
    levenshtein,
    partial,
    ratio,
    register_scorer,
    token_set,
    token_sort,
)
from goldenrecord.schema import FIELD_KINDS

__all__ = [
    "MISSING_LEVEL",
    "Comparison",
    "Level",
    "Scorer",
    "compute_levels",
    "damerau_levenshtein",
    "default_comparisons",
    "jaro",
    "jaro_winkler",
    "levenshtein",
    "partial",
    "ratio",
    "register_scorer",
    "token_set",
    "token_sort",
]

MISSING_LEVEL: Final = -1
"""The level of a pair whose compared value is missing on either side."""

LevelMatrix = npt.NDArray[np.int8]


def compute_levels(
    comparisons: Sequence[Comparison],
    columns: Mapping[str, npt.NDArray[Any]],
    left: npt.ArrayLike,
    right: npt.ArrayLike,
    *,
    workers: int = 1,
) -> LevelMatrix:
    """The level of every pair for every comparison, as an int8 matrix (pairs × comparisons).

    Args:
        comparisons: the comparisons, one output column each.
        columns: the prepared table, column name → object array (None = missing).
        left, right: record indices of each candidate pair.
        workers: threads for the string scorers (``-1``: all cores); the result does not
            depend on it.

    Raises:
        SettingsError: comparisons reading columns the table lacks (all listed, with the
            available columns), or ``left`` and ``right`` of different lengths.
    """
    comparisons = tuple(comparisons)
    problems = [
        f"comparison {c.name!r} reads {', '.join(missing)}"
        for c in comparisons
        if (missing := [col for col in c.required_columns if col not in columns])
    ]
    if problems:
        raise SettingsError(
            "column(s) missing from the prepared table: "
            + "; ".join(problems)
            + f"; available: {', '.join(columns)}"
        )
    lhs = np.asarray(left, dtype=np.int64).reshape(-1)
    rhs = np.asarray(right, dtype=np.int64).reshape(-1)
    if lhs.shape != rhs.shape:
        raise SettingsError(f"left and right differ in length ({lhs.size} vs {rhs.size})")
    out = np.empty((lhs.size, len(comparisons)), dtype=np.int8)
    needed = [col for c in comparisons for col in c.required_columns]
    run = LevelEngine(PairCodes(columns, needed, lhs, rhs), workers, comparisons)
    for k, comparison in enumerate(comparisons):
        out[:, k] = run.levels(comparison)
        if comparison.comparable:
            _drop_incomparable(out[:, k], comparison, columns, lhs, rhs)
    return out


def _drop_incomparable(
    levels: npt.NDArray[np.int8],
    comparison: Comparison,
    columns: Mapping[str, npt.NDArray[Any]],
    left: npt.NDArray[np.int64],
    right: npt.NDArray[np.int64],
) -> None:
    """Set to missing, in place, the "all other" pairs that share no comparable column."""
    other = np.flatnonzero(levels == len(comparison.levels))
    if other.size == 0:
        return
    shared = np.zeros(other.size, dtype=bool)
    for name in comparison.comparable:
        present = np.array([v is not None for v in columns[name].tolist()], dtype=bool)
        shared |= present[left[other]] & present[right[other]]
    levels[other[~shared]] = MISSING_LEVEL


def _jw(threshold: float) -> Level:
    return Level.at_least(jaro_winkler, threshold, label=f"similar (JW >= {threshold:.2f})")


def _named(kind: str, c: str, family: str | None) -> tuple[list[Level], bool]:
    """Levels of one field column by kind, and whether its exact level is tf-adjusted."""
    exact = Level.exact(label="exact")
    if kind == "given_name":
        swapped = Level.swapped(c, family, label="given and family swapped") if family else None
        return [
            exact,
            *([swapped] if swapped else []),
            Level.exact(label="same name key (cross-script)", column=f"{c}:key"),
            Level.exact(label="same canonical name (nickname)", column=f"{c}:canon"),
            Level.initial(label="initial"),
            _jw(0.92),
            _jw(0.80),
        ], True
    if kind == "family_name":
        return [
            exact,
            Level.exact(label="same name key (cross-script)", column=f"{c}:key"),
            Level.exact(label="same phonetic code", column=f"{c}:phonetic"),
            _jw(0.92),
            _jw(0.80),
        ], True
    # full_name: the key ignores word order and script
    return [
        exact,
        Level.exact(label="same name key (any order, cross-script)", column=f"{c}:key"),
        Level.at_least(token_set, 0.9, label="same words (token set >= 0.90)"),
        _jw(0.88),
        Level.at_least(token_set, 0.7, label="shared words (token set >= 0.70)"),
    ], True


def _levels_for(kind: str, c: str, family: str | None) -> tuple[list[Level], bool]:
    exact = Level.exact(label="exact")
    one_typo = Level.within_edits(1, label="one typo")
    if kind in ("given_name", "family_name", "full_name"):
        return _named(kind, c, family)
    if kind == "date":
        return [
            exact,
            one_typo,
            Level.date_day_month_swapped(label="day and month swapped"),
            Level.same_prefix(7, label="same year and month"),
            Level.within_edits(2, label="two typos"),
            Level.same_prefix(4, label="same year"),
        ], False
    if kind == "email":
        # A role address (info@, sales@) is read by several people: its exact
        # agreement is a level of its own (see goldenrecord.match._email).
        return [
            Level.exact(label="exact", column=f"{c}:personal"),
            Level.exact(label="exact (role address)", column=c),
            Level.exact(label="same local part", column=f"{c}:personal_local"),
            Level.within_edits(1, label="one typo", conflicts=(f"{c}:lead",)),
        ], False
    if kind == "phone":
        # The comparison reads c:national (see default_comparisons): a number read
        # without a region has its national number only, and still gives evidence.
        return [
            Level.exact(label="exact (mobile)", column=f"{c}:mobile"),
            Level.exact(label="exact", column=c),
            Level.exact(label="same national number"),
            Level.same_suffix(7, label="same last 7 digits"),
            one_typo,
        ], False
    if kind == "postcode":
        return [exact, one_typo, Level.exact(label="same area", column=f"{c}:area")], False
    if kind in ("city", "region", "text"):
        return [exact, _jw(0.90)], True
    if kind == "address":
        return [
            exact,
            Level.at_least(token_sort, 0.9, label="similar (token sort >= 0.90)"),
            Level.at_least(token_set, 0.8, label="shared words (token set >= 0.80)"),
        ], True
    if kind == "identifier":
        return [exact, one_typo], False
    if kind == "bloom":  # a Bloom filter of a name or an address (goldenrecord.pprl)
        dice = [Level.dice(t, label=f"Dice >= {t:.2f}") for t in (0.9, 0.8, 0.7, 0.6)]
        return [exact, *dice], True
    return [exact], False  # country, hmac


def default_comparisons(fields: Mapping[str, str]) -> tuple[Comparison, ...]:
    """One comparison per field column (column → kind), with levels chosen by kind.

    Names use the derived columns of the prepared table (``c:key``, ``c:canon``,
    ``c:phonetic``); with both a given and a family name, the given-name comparison
    has a "given and family swapped" level right after exact.

    >>> comps = default_comparisons({"first": "given_name", "last": "family_name"})
    >>> comps[0].level_labels[:3]
    ('exact', 'given and family swapped', 'same name key (cross-script)')

    Raises:
        SettingsError: unknown kinds, all named, with the accepted kinds.
    """
    unknown = sorted({k for k in fields.values() if k not in FIELD_KINDS})
    if unknown:
        raise SettingsError(
            f"unknown field kind(s) {', '.join(map(repr, unknown))}; "
            f"choose one of {', '.join(FIELD_KINDS)}"
        )
    family = next((c for c, k in fields.items() if k == "family_name"), None)
    given = any(k == "given_name" for k in fields.values())
    out = []
    for column, kind in fields.items():
        levels, tf = _levels_for(kind, column, family if given else None)
        reads = f"{column}:national" if kind == "phone" else column
        out.append(Comparison(column, levels, column=reads, term_frequency=tf))
    return tuple(out)
