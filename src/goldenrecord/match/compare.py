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

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord.errors import SettingsError
from goldenrecord.match._comparators import (
    LevelEngine,
    PairCodes,
    Scorer,
    ScorerFn,
    damerau_levenshtein,
    jaro,
    jaro_winkler,
    levenshtein,
    partial,
    ratio,
    register_scorer,
    registered_for,
    scorer_named,
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

ObjArray = npt.NDArray[np.object_]
LevelMatrix = npt.NDArray[np.int8]
CustomFn = Callable[[ObjArray, ObjArray], npt.ArrayLike]

_MAX_LEVELS: Final = 120
_RESERVED_LABELS: Final = ("missing", "all other")
_SIZED: Final = ("within_edits", "same_prefix", "same_suffix")
_KINDS: Final = (
    "exact",
    "at_least",
    *_SIZED,
    "date_day_month_swapped",
    "initial",
    "swapped",
    "crossed",
    "custom",
)
_JSON_KEYS: Final[Mapping[str, tuple[str, ...]]] = {
    "at_least": ("scorer", "threshold"),
    **dict.fromkeys(_SIZED, ("n",)),
    "swapped": ("columns",),
    "crossed": ("columns",),
}


def _level_problems(level: Level) -> list[str]:
    problems: list[str] = []
    if level.kind not in _KINDS:
        problems.append(f"unknown level kind {level.kind!r}; choose one of {', '.join(_KINDS)}")
    if not isinstance(level.label, str) or not level.label:
        problems.append("a level needs a non-empty label")
    if level.column is not None and (not isinstance(level.column, str) or not level.column):
        problems.append(f"level {level.label!r}: column must be a non-empty string or None")
    if level.kind == "at_least":
        if not callable(level.scorer):
            problems.append(f"level {level.label!r}: scorer must be callable")
        t = level.threshold
        if isinstance(t, bool) or not isinstance(t, (int, float)) or not 0.0 < t <= 1.0:
            problems.append(f"level {level.label!r}: threshold must be in (0, 1], got {t!r}")
    if level.kind in _SIZED:
        n = level.n
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            problems.append(f"level {level.label!r}: n must be a positive integer, got {n!r}")
    if level.kind in ("swapped", "crossed"):
        cols = level.columns
        if not (cols and len(cols) == 2 and all(isinstance(c, str) and c for c in cols)):
            problems.append(f"level {level.label!r}: {level.kind} needs two column names")
        elif cols[0] == cols[1]:
            problems.append(f"level {level.label!r}: {level.kind} needs two different columns")
    if level.kind == "custom" and not callable(level.fn):
        problems.append(f"level {level.label!r}: fn must be callable")
    return problems


@attrs.frozen(repr=False)
class Level:
    """One labelled agreement predicate of a :class:`Comparison`; build with a named constructor.

    Every predicate is symmetric. ``column`` makes a level read a derived column of the
    prepared table (``"first:canon"``) instead of the comparison's own; a value missing
    there just fails the level.

    >>> Level.at_least(jaro_winkler, 0.92, label="similar")
    Level('similar': jaro_winkler >= 0.92)
    >>> Level.exact(label="same nickname root", column="first:canon").rule
    'exact on first:canon'
    """

    kind: str
    label: str
    column: str | None = None
    scorer: ScorerFn | None = None
    threshold: float | None = None
    n: int | None = None
    columns: tuple[str, str] | None = None
    fn: CustomFn | None = None

    def __attrs_post_init__(self) -> None:
        problems = _level_problems(self)
        if problems:
            raise SettingsError("invalid Level: " + "; ".join(problems))

    @classmethod
    def exact(cls, *, label: str, column: str | None = None) -> Level:
        """Both values are equal."""
        return cls("exact", label, column)

    @classmethod
    def at_least(
        cls, scorer: ScorerFn, threshold: float, *, label: str, column: str | None = None
    ) -> Level:
        """``scorer(a, b) >= threshold``, for a comparator on a 0–1 scale (``jaro_winkler``...)."""
        return cls(
            "at_least", label, column, scorer=registered_for(scorer) or scorer, threshold=threshold
        )

    @classmethod
    def within_edits(cls, n: int, *, label: str, column: str | None = None) -> Level:
        """Damerau–Levenshtein distance at most ``n`` (``n=1``: one typo or transposition)."""
        return cls("within_edits", label, column, n=n)

    @classmethod
    def same_prefix(cls, n: int, *, label: str, column: str | None = None) -> Level:
        """Both values have at least ``n`` characters and the first ``n`` are equal."""
        return cls("same_prefix", label, column, n=n)

    @classmethod
    def same_suffix(cls, n: int, *, label: str, column: str | None = None) -> Level:
        """Both values have at least ``n`` characters and the last ``n`` are equal."""
        return cls("same_suffix", label, column, n=n)

    @classmethod
    def date_day_month_swapped(cls, *, label: str, column: str | None = None) -> Level:
        """ISO dates ``YYYY-MM-DD`` equal once day and month of one are exchanged."""
        return cls("date_day_month_swapped", label, column)

    @classmethod
    def initial(cls, *, label: str, column: str | None = None) -> Level:
        """One value is a single character, the other's first character."""
        return cls("initial", label, column)

    @classmethod
    def swapped(cls, column_a: str, column_b: str, *, label: str) -> Level:
        """Left's ``column_a`` equals right's ``column_b`` and vice versa (given ↔ family)."""
        return cls("swapped", label, columns=(column_a, column_b))

    @classmethod
    def crossed(cls, column_a: str, column_b: str, *, label: str) -> Level:
        """Left's ``column_a`` equals right's ``column_b``, or right's ``column_a`` equals
        left's ``column_b`` (one record's given name is the other's family name; with a
        column present only where a record lacks something, "one side lacks it")."""
        return cls("crossed", label, columns=(column_a, column_b))

    @classmethod
    def custom(cls, fn: CustomFn, *, label: str, column: str | None = None) -> Level:
        """``fn(left_values, right_values) -> bool array``: the extension point.

        ``fn`` receives two object arrays without None, each pair in a canonical order
        (smaller value first), and returns one boolean per pair. Custom levels cannot be
        stored in JSON.
        """
        return cls("custom", label, column, fn=fn)

    @property
    def rule(self) -> str:
        """The predicate in a few words."""
        if self.kind == "at_least":
            name = getattr(self.scorer, "name", getattr(self.scorer, "__name__", "scorer"))
            text = f"{name} >= {self.threshold}"
        elif self.kind == "within_edits":
            text = f"damerau_levenshtein <= {self.n}"
        elif self.kind in ("same_prefix", "same_suffix"):
            text = f"{'first' if self.kind == 'same_prefix' else 'last'} {self.n} chars equal"
        elif self.kind == "swapped" and self.columns:
            text = f"{self.columns[0]} <-> {self.columns[1]} swapped"
        elif self.kind == "crossed" and self.columns:
            text = f"{self.columns[0]} of one = {self.columns[1]} of the other"
        elif self.kind == "custom":
            text = f"custom {getattr(self.fn, '__name__', 'function')}"
        elif self.kind == "date_day_month_swapped":
            text = "ISO dates with day and month exchanged"
        else:
            text = self.kind.replace("_", " ")
        return text if self.column is None else f"{text} on {self.column}"

    def __repr__(self) -> str:
        return f"Level({self.label!r}: {self.rule})"

    def _json_problem(self) -> str | None:
        if self.kind == "custom":
            return f"level {self.label!r} is custom (a Python function cannot be stored)"
        if self.kind == "at_least" and registered_for(self.scorer) is None:
            return f"level {self.label!r} uses an unregistered scorer (see register_scorer)"
        return None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; SettingsError for custom levels and unregistered scorers."""
        problem = self._json_problem()
        if problem is not None:
            raise SettingsError(f"cannot store {problem}")
        doc: dict[str, Any] = {"kind": self.kind, "label": self.label}
        if self.column is not None:
            doc["column"] = self.column
        if self.kind == "at_least":
            scorer = registered_for(self.scorer)
            doc["scorer"] = scorer.name if scorer is not None else None
            doc["threshold"] = self.threshold
        elif self.kind in _SIZED:
            doc["n"] = self.n
        elif self.kind in ("swapped", "crossed") and self.columns:
            doc["columns"] = list(self.columns)
        return doc

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> Level:
        """Rebuild from :meth:`to_dict` output; SettingsError on unknown keys or scorers."""
        kind = doc.get("kind")
        if kind not in _KINDS or kind == "custom":
            stored = [k for k in _KINDS if k != "custom"]
            raise SettingsError(f"unknown level kind {kind!r}; choose one of {', '.join(stored)}")
        needed = _JSON_KEYS.get(kind, ())
        accepted = {"kind", "label", "column", *needed}
        unknown = sorted(set(doc) - accepted)
        absent = [k for k in ("label", *needed) if k not in doc]
        if unknown or absent:
            raise SettingsError(
                f"level of kind {kind!r}: unknown key(s) {unknown}, missing key(s) {absent}; "
                f"accepted: {', '.join(sorted(accepted))}"
            )
        scorer = scorer_named(doc["scorer"]) if kind == "at_least" else None
        columns = doc.get("columns")
        return cls(
            kind,
            doc["label"],
            doc.get("column"),
            scorer=scorer,
            threshold=doc.get("threshold"),
            n=doc.get("n"),
            columns=None if columns is None else (columns[0], columns[1]),
        )


def _comparison_problems(c: Comparison) -> list[str]:
    problems: list[str] = []
    if not isinstance(c.name, str) or not c.name:
        problems.append("a comparison needs a non-empty name")
    if not isinstance(c.column, str) or not c.column:
        problems.append(f"comparison {c.name!r}: column must be a non-empty string")
    if not c.levels:
        problems.append(f"comparison {c.name!r} needs at least one level")
    if len(c.levels) > _MAX_LEVELS:
        problems.append(f"comparison {c.name!r} has more than {_MAX_LEVELS} levels")
    not_levels = [i for i, level in enumerate(c.levels) if not isinstance(level, Level)]
    if not_levels:
        problems.append(f"comparison {c.name!r}: levels {not_levels} are not Level objects")
        return problems
    labels = [level.label for level in c.levels]
    repeated = sorted({x for x in labels if labels.count(x) > 1})
    if repeated:
        problems.append(f"comparison {c.name!r}: repeated level label(s) {repeated}")
    reserved = [x for x in labels if x in _RESERVED_LABELS]
    if reserved:
        problems.append(f"comparison {c.name!r}: level labels {reserved} are reserved")
    if any(not isinstance(x, str) or not x for x in c.comparable):
        problems.append(f"comparison {c.name!r}: comparable columns must be non-empty strings")
    if c.term_frequency and c.levels and c.levels[0].kind != "exact":
        problems.append(f"comparison {c.name!r}: term_frequency needs an exact level first")
    return problems


@attrs.frozen(init=False, repr=False)
class Comparison:
    """An ordered tuple of levels over one column of the prepared table.

    Args:
        name: the comparison's name (by default also the column it reads).
        levels: the levels, most specific first; the first that holds wins.
        column: the column of the prepared table; defaults to ``name``. A pair missing
            it on either side gets level ``-1``.
        term_frequency: ask the model to adjust the first (exact) level by how common
            the agreed value is (in that level's column, :attr:`tf_column`).
        comparable: columns of which two records must share one (present on both) for
            a disagreement to count: a pair that no level claims and that shares none
            of them gets level ``-1``, not "all other". A combined comparison of parts
            (a given name on one record, a family name on the other) has nothing to
            disagree on there. Empty: every pair present in ``column`` is comparable.

    >>> dob = Comparison("dob", levels=(Level.exact(label="exact"),
    ...                                 Level.same_prefix(7, label="same year and month")))
    >>> dob
    Comparison('dob': 'exact', 'same year and month')
    >>> dob.level_labels
    ('exact', 'same year and month', 'all other', 'missing')
    >>> Comparison.from_dict(dob.to_dict()) == dob
    True
    """

    name: str
    levels: tuple[Level, ...]
    column: str
    term_frequency: bool
    comparable: tuple[str, ...]

    def __init__(
        self,
        name: str,
        levels: Iterable[Level],
        column: str | None = None,
        term_frequency: bool = False,
        comparable: Iterable[str] = (),
    ) -> None:
        self.__attrs_init__(
            name,
            tuple(levels),
            name if column is None else column,
            bool(term_frequency),
            tuple(comparable),
        )

    def __attrs_post_init__(self) -> None:
        problems = _comparison_problems(self)
        if problems:
            raise SettingsError("invalid Comparison: " + "; ".join(problems))

    @property
    def level_labels(self) -> tuple[str, ...]:
        """Labels indexed by level: the levels', then "all other", then "missing" (``[-1]``)."""
        return (*(level.label for level in self.levels), "all other", "missing")

    @property
    def tf_column(self) -> str:
        """The column whose value frequencies adjust the first level: that level's own."""
        return self.levels[0].column or self.column

    @property
    def required_columns(self) -> tuple[str, ...]:
        """Every column of the prepared table this comparison reads."""
        cols = [self.column]
        for level in self.levels:
            cols.extend(level.columns or (level.column or self.column,))
        cols.extend(self.comparable)
        return tuple(dict.fromkeys(cols))

    def describe(self) -> str:
        """A few lines: the column, then each level's number, label and rule."""
        tf = ", term-frequency adjusted" if self.term_frequency else ""
        lines = [f"{self.name} (column {self.column!r}{tf})", f"  {-1:>3}  missing"]
        width = max(len(level.label) for level in self.levels)
        lines += [
            f"  {i:>3}  {level.label:<{width}}  {level.rule}" for i, level in enumerate(self.levels)
        ]
        lines.append(f"  {len(self.levels):>3}  all other")
        if self.comparable:
            lines.append(f"       (missing unless both have one of {', '.join(self.comparable)})")
        return "\n".join(lines)

    def __repr__(self) -> str:
        labels = ", ".join(repr(level.label) for level in self.levels)
        return f"Comparison({self.name!r}: {labels})"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; SettingsError naming every level that cannot be stored."""
        problems = [p for level in self.levels if (p := level._json_problem()) is not None]
        if problems:
            raise SettingsError(f"cannot store comparison {self.name!r}: " + "; ".join(problems))
        doc: dict[str, Any] = {
            "name": self.name,
            "column": self.column,
            "term_frequency": self.term_frequency,
            "levels": [level.to_dict() for level in self.levels],
        }
        if self.comparable:
            doc["comparable"] = list(self.comparable)
        return doc

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> Comparison:
        """Rebuild from :meth:`to_dict` output."""
        accepted = {"name", "column", "term_frequency", "levels", "comparable"}
        unknown = sorted(set(doc) - accepted)
        if unknown or "name" not in doc or "levels" not in doc:
            raise SettingsError(
                f"a comparison needs 'name' and 'levels'; unknown key(s) {unknown}; "
                f"accepted: {', '.join(sorted(accepted))}"
            )
        return cls(
            doc["name"],
            [Level.from_dict(level) for level in doc["levels"]],
            column=doc.get("column"),
            term_frequency=bool(doc.get("term_frequency", False)),
            comparable=tuple(doc.get("comparable", ())),
        )


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
            Level.same_prefix(4, label="same year"),
        ], False
    if kind == "email":
        # A role address (info@, sales@) is read by several people: its exact
        # agreement is a level of its own (see goldenrecord.match._email).
        return [
            Level.exact(label="exact", column=f"{c}:personal"),
            Level.exact(label="exact (role address)", column=c),
            Level.exact(label="same local part", column=f"{c}:personal_local"),
            one_typo,
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
    return [exact], False  # country


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
