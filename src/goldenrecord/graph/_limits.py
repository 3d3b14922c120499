"""Value limits for clustering: which columns are limited, and their values as codes.

Shared by batch resolution and the identity store, so both refuse the same merges.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from goldenrecord.errors import SettingsError
from goldenrecord.graph._components import connected_components
from goldenrecord.graph._variants import GIVEN, GIVEN_COLUMN, NAME, NAME_COLUMN, variants_of
from goldenrecord.match._prepare import PreparedTable
from goldenrecord.match.model import Matcher, ScoredPairs
from goldenrecord.schema import FIELD_KINDS

__all__ = ["DEFAULT_LIMITS", "GIVEN", "NAME", "Limited", "check_limits", "limited_values"]

IntArray = npt.NDArray[np.int64]

DEFAULT_LIMITS: Final[Mapping[str, int]] = {
    "identifier": 1,
    "email": 5,
    "phone": 5,
    "date": 3,
    NAME: 3,
    GIVEN: 1,
}
"""Most distinct values a profile may hold, per field kind (or column): an identifier
(customer number, national id) is exclusive; a person rarely has more than five
emails or phones, and a cluster with more is strangers chained together.

Spellings the model found similar (one typo) count as one value; for an exclusive
limit (1), a value that only one record carries does not count.

Dates of birth (kind ``date``) and the whole name (``"name"``: all name fields of a
record as one set of words) are counted in *variant groups*
(:mod:`goldenrecord.graph._variants`): a date one digit off, with day and month
swapped, in the same month or within a year, or a name whose words all match (a
typo, a nickname, an initial) or whose family names agree is a variant, not a new
value. One person has one date of birth, and mistyped dates are common; four
unrelated dates or four unrelated names mean several people. A limit of 1 on these
counts values as for identifiers.

The given name (``"given"``, with a given-name field in the schema) is always counted
in variant groups (:func:`~goldenrecord.graph._variants.given_variants`): two records
whose given names fit nowhere in each other's names (``marie bernard`` and
``catherine bernard``) are two people of one family. The limit binds only matches
whose evidence is what a household shares (``goldenrecord._clustering.household_only``):
a landline, or a record without a given name, with no personal email, mobile, date of
birth or identifier; or a street address under two given names, with no personal
email, mobile or identifier and no date of birth unless each record has a mailbox of
its own (twins share a date of birth, not a mailbox). It keeps the two in two
profiles."""

Limited = tuple[dict[str, npt.NDArray[Any]], dict[str, int], dict[str, Callable[[Any, Any], bool]]]
"""The ``values``, ``limits`` and ``variants`` arguments of
:func:`~goldenrecord.graph.cluster`."""


def check_limits(limits: Mapping[str, int] | None, columns: Mapping[str, object]) -> dict[str, int]:
    """The limits in effect (:data:`DEFAULT_LIMITS` when None), checked.

    Keys are field kinds, ``"name"`` (the whole name) or columns of the prepared table.

    Raises:
        SettingsError: every unknown key and every limit below 1, at once.
    """
    if limits is not None and not isinstance(limits, Mapping):
        raise SettingsError(
            f"limits must be a mapping of field kind or column to an integer, not a "
            f"{type(limits).__name__}; kinds: {', '.join(FIELD_KINDS)}"
        )
    merged = dict(DEFAULT_LIMITS) if limits is None else dict(limits)
    problems = []
    for key, value in merged.items():
        if not isinstance(key, str) or (
            key not in FIELD_KINDS and key not in columns and key not in (NAME, GIVEN)
        ):
            problems.append(
                f"{key!r} is neither a field kind, {NAME!r} (the whole name), {GIVEN!r} (the "
                "given name) nor a column "
                "of the prepared table (field columns and derived ones such as "
                "'first:initial')"
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
) -> Limited:
    """The ``values``, ``limits`` and ``variants`` arguments of
    :func:`~goldenrecord.graph.cluster`.

    A column is limited by its own entry in ``limits`` or else by its kind's (derived
    columns only by their own); the whole-name column by the ``"name"`` entry. See
    :func:`_value_codes` for how values are coded. A limit of two or more on a date
    or on the whole name counts variant groups: the values go as they are, with
    their variant relation.

    What depends on the table alone (the whole-name and given-name values, each
    relation's answers on two values) is worked out once per table, however many
    times the table is clustered (:class:`_TableMemo`: with ``attach``, batch clusters
    twice).
    """
    by_column: dict[str, int] = {}
    relation_of: dict[str, Callable[[Any, Any], bool]] = {}
    memo = _memo_of(prepared)
    has_given = "given_name" in prepared.fields.values()
    for column in prepared.columns:
        kind = prepared.fields.get(column)
        if column == NAME_COLUMN:
            kind = NAME
        elif column == GIVEN_COLUMN:
            kind = GIVEN if has_given else None
        limit = limits.get(column, None if kind is None else limits.get(kind))
        if limit is None or (column == GIVEN_COLUMN and kind is None):
            continue
        by_column[column] = limit
        relation = None if kind is None or (limit < 2 and kind != GIVEN) else variants_of(kind)
        if relation is not None:
            relation_of[column] = memo.relation(column, relation)
    values = {
        column: (
            memo.derived(column, _name_values, prepared)
            if column == NAME_COLUMN and column in relation_of
            else memo.derived(column, _given_values, prepared)
            if column == GIVEN_COLUMN
            else prepared.columns[column]
            if column in relation_of
            else _value_codes(
                column,
                prepared.columns[column],
                model,
                scored,
                accepted,
                confirmed_only=limit == 1,
            )
        )
        for column, limit in by_column.items()
    }
    return values, by_column, relation_of


class _Answers:
    """A symmetric variant relation, each answer on two values computed once."""

    __slots__ = ("_answers", "_relation")

    def __init__(self, relation: Callable[[Any, Any], bool]) -> None:
        self._relation = relation
        self._answers: dict[tuple[Any, Any], bool] = {}

    @property
    def relation(self) -> Callable[[Any, Any], bool]:
        """The relation answered."""
        return self._relation

    def __call__(self, a: Any, b: Any, /) -> bool:
        answer = self._answers.get((a, b))
        if answer is None:
            answer = bool(self._relation(a, b))
            self._answers[(a, b)] = self._answers[(b, a)] = answer
        return answer


class _TableMemo:
    """What :func:`limited_values` reads off one table alone, kept while the table lives."""

    def __init__(self) -> None:
        self._derived: dict[str, npt.NDArray[np.object_]] = {}
        self._relations: dict[tuple[str, Callable[[Any, Any], bool]], _Answers] = {}

    def derived(
        self,
        column: str,
        fn: Callable[[PreparedTable], npt.NDArray[np.object_]],
        prepared: PreparedTable,
    ) -> npt.NDArray[np.object_]:
        if column not in self._derived:
            self._derived[column] = fn(prepared)
        return self._derived[column]

    def relation(self, column: str, relation: Callable[[Any, Any], bool]) -> _Answers:
        key = (column, relation)
        if key not in self._relations:
            self._relations[key] = _Answers(relation)
        return self._relations[key]


_MEMOS: dict[int, tuple[weakref.ref[PreparedTable], _TableMemo]] = {}


def _memo_of(prepared: PreparedTable) -> _TableMemo:
    """The memo of a table (by identity), dropped when the table is."""
    key = id(prepared)
    found = _MEMOS.get(key)
    if found is not None and found[0]() is prepared:
        return found[1]
    memo = _TableMemo()
    _MEMOS[key] = (weakref.ref(prepared), memo)
    weakref.finalize(prepared, _MEMOS.pop, key, None)
    return memo


def _name_values(prepared: PreparedTable) -> npt.NDArray[np.object_]:
    """Each record's whole name for the ``"name"`` limit: its words, with the words of
    its family name when the schema has a family-name field.

    A name of fewer than two words of two letters or more (``wiliam``, ``j smith``)
    is no name for the limit (None): it would stand for every full name it fits.
    """
    words = prepared.columns[NAME_COLUMN].tolist()
    whole = prepared.columns["_name"].tolist()
    family = [c for c, kind in prepared.fields.items() if kind == "family_name"]
    keys = prepared.columns[f"{family[0]}:key"].tolist() if family else [None] * len(words)
    out = np.empty(len(words), dtype=object)
    out[:] = [
        None
        if w is None or name is None or sum(len(t) > 1 for t in name.split()) < 2
        else (tuple(w), () if k is None else tuple(k.split()))
        for w, name, k in zip(words, whole, keys, strict=True)
    ]
    return out


def _given_values(prepared: PreparedTable) -> npt.NDArray[np.object_]:
    """Each record's given name for the ``"given"`` limit: (given-name words, whole-name
    words, date of birth, personal email), None without a given name of two letters or
    more (an initial fits too many names to conflict)."""
    given = prepared.columns[GIVEN_COLUMN].tolist()
    words = prepared.columns[NAME_COLUMN].tolist()
    dates = [c for c, kind in prepared.fields.items() if kind == "date"]
    born = prepared.columns[dates[0]].tolist() if dates else [None] * len(given)
    emails = [
        f"{c}:personal"
        for c, kind in prepared.fields.items()
        if kind == "email" and f"{c}:personal" in prepared.columns
    ]
    mail = prepared.columns[emails[0]].tolist() if emails else [None] * len(given)
    out = np.empty(len(given), dtype=object)
    out[:] = [
        None
        if g is None or w is None or max(map(len, g.split()), default=0) < 2
        else (tuple(g.split()), tuple(w), d, m)
        for g, w, d, m in zip(given, words, born, mail, strict=True)
    ]
    return out


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
