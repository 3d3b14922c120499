"""The level types: :class:`Level` (one labelled predicate) and :class:`Comparison`.

Both :mod:`goldenrecord.match.compare` (which computes levels) and the columnar
engine in :mod:`goldenrecord.match._comparators` build on these types, and this module
imports neither of them. The level kinds, the arguments each takes, their checks and
their JSON form are defined here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord.errors import SettingsError
from goldenrecord.match._scorers import ScorerFn, registered_for, scorer_named

__all__ = ["Comparison", "CustomFn", "Level"]

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
    "dice",
)
_JSON_KEYS: Final[Mapping[str, tuple[str, ...]]] = {
    "at_least": ("scorer", "threshold"),
    "dice": ("threshold",),
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
    if level.kind == "dice":
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
    if not isinstance(level.conflicts, tuple) or not all(
        isinstance(c, str) and c for c in level.conflicts
    ):
        problems.append(f"level {level.label!r}: conflicts must be a tuple of column names")
    return problems


def _column_tuple(value: Any) -> Any:
    """A list of column names as a tuple (a string stays a string, and is refused)."""
    return tuple(value) if isinstance(value, list) else value


@attrs.frozen(repr=False)
class Level:
    """One labelled agreement predicate of a :class:`Comparison`; build with a named constructor.

    Every predicate is symmetric. ``column`` makes a level read a derived column of the
    prepared table (``"first:canon"``) instead of the comparison's own; a value missing
    there just fails the level. ``conflicts`` names columns that must not contradict
    the level: where both records have a value in one of them and the values differ,
    the level fails (one street number in two postcode areas is two addresses).

    >>> Level.at_least(jaro_winkler, 0.92, label="similar")
    Level('similar': jaro_winkler >= 0.92)
    >>> Level.exact(label="same nickname root", column="first:canon").rule
    'exact on first:canon'
    >>> Level.exact(label="same address", column="street", conflicts=("zip:area",)).rule
    'exact on street, unless zip:area differs'
    """

    kind: str
    label: str
    column: str | None = None
    scorer: ScorerFn | None = None
    threshold: float | None = None
    n: int | None = None
    columns: tuple[str, str] | None = None
    fn: CustomFn | None = None
    conflicts: tuple[str, ...] = attrs.field(default=(), converter=_column_tuple)

    def __attrs_post_init__(self) -> None:
        problems = _level_problems(self)
        if problems:
            raise SettingsError("invalid Level: " + "; ".join(problems))

    @classmethod
    def exact(
        cls, *, label: str, column: str | None = None, conflicts: tuple[str, ...] = ()
    ) -> Level:
        """Both values are equal."""
        return cls("exact", label, column, conflicts=conflicts)

    @classmethod
    def at_least(
        cls,
        scorer: ScorerFn,
        threshold: float,
        *,
        label: str,
        column: str | None = None,
        conflicts: tuple[str, ...] = (),
    ) -> Level:
        """``scorer(a, b) >= threshold``, for a comparator on a 0–1 scale (``jaro_winkler``...)."""
        return cls(
            "at_least",
            label,
            column,
            scorer=registered_for(scorer) or scorer,
            threshold=threshold,
            conflicts=conflicts,
        )

    @classmethod
    def dice(cls, threshold: float, *, label: str, column: str | None = None) -> Level:
        """Dice coefficient of two Bloom filters (``bloom`` values) at least ``threshold``."""
        return cls("dice", label, column, threshold=threshold)

    @classmethod
    def within_edits(
        cls, n: int, *, label: str, column: str | None = None, conflicts: tuple[str, ...] = ()
    ) -> Level:
        """Damerau–Levenshtein distance at most ``n`` (``n=1``: one typo or transposition)."""
        return cls("within_edits", label, column, n=n, conflicts=conflicts)

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
        elif self.kind == "dice":
            text = f"Bloom filter Dice >= {self.threshold}"
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
        text = text if self.column is None else f"{text} on {self.column}"
        if self.conflicts:
            text += f", unless {' or '.join(self.conflicts)} differs"
        return text

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
        elif self.kind == "dice":
            doc["threshold"] = self.threshold
        elif self.kind in _SIZED:
            doc["n"] = self.n
        elif self.kind in ("swapped", "crossed") and self.columns:
            doc["columns"] = list(self.columns)
        if self.conflicts:
            doc["conflicts"] = list(self.conflicts)
        return doc

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> Level:
        """Rebuild from :meth:`to_dict` output; SettingsError on unknown keys or scorers."""
        kind = doc.get("kind")
        if kind not in _KINDS or kind == "custom":
            stored = [k for k in _KINDS if k != "custom"]
            raise SettingsError(f"unknown level kind {kind!r}; choose one of {', '.join(stored)}")
        needed = _JSON_KEYS.get(kind, ())
        accepted = {"kind", "label", "column", "conflicts", *needed}
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
            conflicts=tuple(doc.get("conflicts", ())),
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
            cols.extend(level.conflicts)
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
