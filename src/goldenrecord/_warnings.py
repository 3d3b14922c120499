"""The checks behind :class:`~goldenrecord.errors.ResolutionWarning`: what looks wrong.

Each check reads figures a stage already produced (rejected values per column, the
fitted model, the clusters) or the shape of a sample of a column's values, and
returns warnings that name columns, kinds, reasons and figures, never a value.

* :func:`kind_warnings`: a column whose values look like another kind (dates mapped
  as a postcode, emails as a phone, words as a date) or like spreadsheet serial day
  numbers in a date column;
* :func:`rejected_warnings`: a column whose non-empty values are mostly rejected;
* :func:`model_warnings`: EM not converged, an implausible share of matches, two
  comparisons that depend on each other among non-matches;
* :func:`profile_warnings`: a largest profile far above the table's typical size.

>>> [w.code for w in kind_warnings("dob", "postcode", ["1980-03-07", "1975-11-30"] * 10)]
['kind_mismatch']
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from goldenrecord.errors import ResolutionWarning

__all__ = [
    "column_sample",
    "emit",
    "kept_counts",
    "kind_warnings",
    "model_warnings",
    "profile_warnings",
    "rejected_warnings",
    "resolution_warnings",
    "value_shape",
]

SAMPLE: Final = 500
"""Non-empty values looked at per column, spread evenly over the column."""
MIN_VALUES: Final = 10
"""Fewer non-empty values than this say nothing about a column."""
DOMINANT: Final = 0.8
"""Share of a sample that must have one contradicting shape for a kind warning."""
MOSTLY: Final = 0.5
"""Share of a column's non-empty values rejected above which it is reported."""

_EMAIL: Final = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_DATE: Final = re.compile(
    r"(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})([T ][\d:.+\-Z]*)?"
)
_PHONE: Final = re.compile(r"\+?[\d\s().\-/]{7,24}")
_LETTERS: Final = re.compile(r"[^\W\d_]")

# Shapes a kind's values cannot have (most of a sample with one of these is a mistake).
_CONTRADICTIONS: Final[Mapping[str, frozenset[str]]] = {
    "email": frozenset({"date", "phone", "number", "words"}),
    "phone": frozenset({"email", "date", "words"}),
    "date": frozenset({"email", "phone", "words", "number"}),
    "postcode": frozenset({"email", "date", "words"}),
    "given_name": frozenset({"email", "date", "phone", "number"}),
    "family_name": frozenset({"email", "date", "phone", "number"}),
    "full_name": frozenset({"email", "date", "phone", "number"}),
    "city": frozenset({"email", "date", "phone", "number"}),
    "country": frozenset({"email", "date", "phone"}),
    "address": frozenset({"email", "date", "phone"}),
    "region": frozenset({"email", "date", "phone"}),
    "identifier": frozenset({"email", "date"}),
    "text": frozenset({"email", "date", "phone"}),
}

_SHAPE_WORDS: Final = {
    "email": "email addresses",
    "date": "dates",
    "phone": "phone numbers",
    "number": "plain numbers",
    "words": "words without digits",
}

# Spreadsheet serial day numbers of dates from 1927 to 2064 (day 1 is 1900-01-01).
_SERIAL_RANGE: Final = (10_000, 60_000)


def _is_compact_date(s: str) -> bool:
    """Eight digits that read as a real ``yyyymmdd`` date between 1000 and 2199."""
    if len(s) != 8 or not s.isdigit() or not 1000 <= int(s[:4]) < 2200:
        return False
    try:
        dt.date(int(s[:4]), int(s[4:6]), int(s[6:]))
    except ValueError:
        return False
    return True


def value_shape(value: object) -> str | None:
    """What one raw value looks like: ``email``, ``date``, ``phone``, ``number``,
    ``words`` (letters, no digits), or None (mixed or nothing telling).

    >>> [value_shape(v) for v in ("a@b.io", "1980-03-07", "+44 20 7946 0018", "4711", "devon")]
    ['email', 'date', 'phone', 'number', 'words']
    >>> value_shape("SW1A 1AA") is None
    True
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return "date"
    if isinstance(value, (int, float, np.integer, np.floating)):
        return "number"
    s = str(value).strip()
    if not s:
        return None
    if _EMAIL.fullmatch(s):
        return "email"
    if _DATE.fullmatch(s) or _is_compact_date(s):
        return "date"
    if s.isdigit():
        return "number"
    if _PHONE.fullmatch(s) and 7 <= sum(ch.isdigit() for ch in s) <= 15:
        return "phone"
    if _LETTERS.search(s) and not any(ch.isdigit() for ch in s):
        return "words"
    return None


def kept_counts(
    columns: Mapping[str, npt.NDArray[Any]], fields: Mapping[str, str]
) -> dict[str, int]:
    """Per field column, the values prepare kept (not None): what
    :func:`rejected_warnings` weighs the rejected ones against."""
    return {c: int(np.count_nonzero(columns[c] != None)) for c in fields}  # noqa: E711


def column_sample(cells: Sequence[Any]) -> list[Any]:
    """Up to :data:`SAMPLE` non-empty cells of a column, spread evenly (what
    :func:`kind_warnings` reads; a distributed run keeps one per part of the table).

    >>> len(column_sample(list(range(2000)))), column_sample([None, " ", "a"])
    (500, ['a'])
    """
    return _sample(cells)


def resolution_warnings(
    fields: Mapping[str, str],
    samples: Mapping[str, Sequence[Any]],
    rejected: Mapping[str, Mapping[str, int]],
    kept: Mapping[str, int],
    matcher: Any,
    n_records: int,
    n_pairs: int,
    profile_sizes: npt.NDArray[np.integer[Any]],
) -> tuple[ResolutionWarning, ...]:
    """Every warning of one resolution, in order: kinds, rejected values, the model,
    the largest profile. Batch and Spark both call it.

    Args:
        fields: column → kind.
        samples: column → its raw cells (or a sample of them, :func:`column_sample`).
        rejected: column → reason → values rejected.
        kept: column → values kept.
        matcher: the fitted model.
        n_records: the records resolved.
        n_pairs: the record pairs the model's share of matches is a share of.
        profile_sizes: records per profile, exact copies not counted.
    """
    found: list[ResolutionWarning] = []
    for column, kind in fields.items():
        found += kind_warnings(column, kind, samples.get(column, ()))
    found += rejected_warnings(fields, rejected, kept)
    outliers = _size_warnings(np.asarray(profile_sizes, dtype=np.int64))
    found += model_warnings(matcher, n_records, n_pairs, outlier=bool(outliers))
    found += outliers
    return tuple(found)


def _sample(cells: Sequence[Any]) -> list[Any]:
    """Up to :data:`SAMPLE` non-empty cells, spread evenly (deterministic)."""
    present = [c for c in cells if c is not None and not (isinstance(c, str) and not c.strip())]
    if len(present) <= SAMPLE:
        return present
    step = len(present) / SAMPLE
    return [present[int(i * step)] for i in range(SAMPLE)]


def _is_serial(value: object) -> bool:
    """Whether a cell is a whole number in the range of spreadsheet serial dates."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return float(value).is_integer() and _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]
    if type(value) is not str or len(value) > 20:
        return False
    s = value.strip()
    if s.endswith(".0"):
        s = s[:-2]
    # ASCII digits only: str.isdigit() also holds for superscripts, which int() refuses
    return s.isascii() and s.isdigit() and _SERIAL_RANGE[0] <= int(s) <= _SERIAL_RANGE[1]


def kind_warnings(column: str, kind: str, cells: Sequence[Any]) -> list[ResolutionWarning]:
    """Warnings for a column whose values do not fit the kind it is mapped to.

    A warning when most of a sample of the column's non-empty values have one shape
    that the kind cannot have (dates in a postcode column, emails in a phone column,
    words in a date column), or when a date column holds whole numbers in the range of
    spreadsheet serial day numbers (Excel's 29287 is 1980-03-07): those are not read as
    dates; convert the column first.
    """
    sample = _sample(cells)
    if len(sample) < MIN_VALUES:
        return []
    shapes = Counter(value_shape(v) for v in sample)
    if kind == "date":
        serial = sum(1 for v in sample if _is_serial(v))
        if serial >= DOMINANT * len(sample):
            return [
                ResolutionWarning(
                    "excel_dates",
                    f"column {column!r} (kind date): {serial} of {len(sample)} sampled values "
                    "are whole numbers that look like spreadsheet serial day numbers; they are "
                    "not read as dates: convert the column to dates first",
                    columns=(column,),
                    figures={"sampled": len(sample), "serial_numbers": serial},
                )
            ]
    contradicting = _CONTRADICTIONS.get(kind, frozenset())
    for shape, count in shapes.most_common():
        if shape in contradicting and count >= DOMINANT * len(sample):
            return [
                ResolutionWarning(
                    "kind_mismatch",
                    f"column {column!r} is mapped as {kind}, but {count} of {len(sample)} "
                    f"sampled values look like {_SHAPE_WORDS[shape]}: check its kind in the "
                    "schema",
                    columns=(column,),
                    figures={
                        "kind": kind,
                        "looks_like": shape,
                        "sampled": len(sample),
                        "matching": count,
                    },
                )
            ]
    return []


def rejected_warnings(
    fields: Mapping[str, str],
    rejected: Mapping[str, Mapping[str, int]],
    kept: Mapping[str, int],
) -> list[ResolutionWarning]:
    """A warning per column whose non-empty values were mostly rejected (top 3 reasons).

    Args:
        fields: column → kind.
        rejected: column → reason → values rejected (missing values not counted).
        kept: column → values kept.
    """
    out: list[ResolutionWarning] = []
    for column, kind in fields.items():
        reasons = {r: n for r, n in rejected.get(column, {}).items() if n and r != "missing"}
        n_present = sum(reasons.values()) + kept.get(column, 0)
        if kind == "phone":
            # Read without a region, a national number still blocks and compares by its
            # national-number key: not "little evidence", but worth saying.
            no_region = reasons.pop("no_region", 0)
            if no_region >= MIN_VALUES and no_region > MOSTLY * n_present:
                out.append(
                    ResolutionWarning(
                        "phone_no_region",
                        f"column {column!r} (kind phone): {no_region:,} of {n_present:,} "
                        "non-empty values have no country code and their records no region; "
                        "they are compared by national number only and have no E.164 form: "
                        "map a country column or give the schema a default_region",
                        columns=(column,),
                        figures={"kind": kind, "no_region": no_region, "non_empty": n_present},
                    )
                )
        n_rejected = sum(reasons.values())
        if n_rejected < MIN_VALUES or n_rejected <= MOSTLY * n_present:
            continue
        top = sorted(reasons.items(), key=lambda rn: (-rn[1], rn[0]))[:3]
        said = ", ".join(f"{r} {n:,}" for r, n in top)
        out.append(
            ResolutionWarning(
                "rejected_column",
                f"column {column!r} (kind {kind}): {n_rejected:,} of {n_present:,} non-empty "
                f"values rejected ({said}); it gives little evidence: check its kind",
                columns=(column,),
                figures={
                    "kind": kind,
                    "rejected": n_rejected,
                    "non_empty": n_present,
                    "reasons": dict(top),
                },
            )
        )
    return out


def model_warnings(
    matcher: Any, n_records: int, n_pairs: int, *, outlier: bool = False
) -> list[ResolutionWarning]:
    """EM not converged; an implausible share of matches; dependent comparisons.

    Args:
        matcher: the fitted :class:`~goldenrecord.match.Matcher`.
        n_records: records resolved.
        n_pairs: record pairs the model's share of matches is a share of (all pairs,
            or all pairs across sources when linking only).
        outlier: whether the clusters hold an outlier profile.

    EM that stops at its iteration cap is common and harmless on real tables (a
    look-alike class whose share drifts slowly towards zero keeps it moving): it is
    reported when the result also looks wrong (an implausible share of matches or an
    outlier profile), as the likely cause. ``res.report.model`` always says whether
    EM converged.

    The share of matches (``lambda_``) times ``n_pairs`` is the number of matching
    pairs the model expects. Spread evenly, ``k`` records per person give
    ``n (k - 1) / 2`` matching pairs; a fitted share that needs more than 50 records
    per person on average has taken something other than "same person" for a match.

    Dependent comparisons come from the matcher's optional ``dependent_comparisons_``
    attribute: (comparison, comparison, lift) triples measured among non-matches.
    """
    out: list[ResolutionWarning] = []
    share = float(getattr(matcher, "lambda_", 0.0))
    implausible = False
    if n_records > 1 and n_pairs > 0:
        per_person = 1.0 + 2.0 * share * n_pairs / n_records
        if per_person > 50:
            implausible = True
            out.append(
                ResolutionWarning(
                    "implausible_match_share",
                    f"the model takes {share:.3g} of all record pairs for matches, "
                    f"{per_person:,.0f} records per person on average: it has likely learnt "
                    "something shared by many people (a name, a place) as a match",
                    figures={"lambda": share, "records_per_person": round(per_person, 1)},
                )
            )
    if getattr(matcher, "em_converged_", True) is False and (implausible or outlier):
        iterations = int(getattr(matcher, "em_iterations_", 0))
        out.insert(
            0,
            ResolutionWarning(
                "em_not_converged",
                f"the model's EM fit did not converge in {iterations} iterations; its "
                "probabilities may not separate matches from non-matches",
                figures={"iterations": iterations},
            ),
        )
    for a, b, lift in getattr(matcher, "dependent_comparisons_", ()) or ():
        out.append(
            ResolutionWarning(
                "dependent_comparisons",
                f"comparisons {a!r} and {b!r} agree together {float(lift):.1f} times as often "
                "as chance among non-matching pairs: they carry the same information and "
                "their evidence may be counted twice; map one of them only",
                columns=(str(a), str(b)),
                figures={"lift": float(lift)},
            )
        )
    return out


def profile_warnings(labels: npt.NDArray[np.integer[Any]]) -> list[ResolutionWarning]:
    """A warning when the largest profile is far above the table's typical profile.

    Typical is the median size of the profiles with more than one record; the largest
    is an outlier at twenty times that and at least 50 records (a loyal customer with
    a few dozen records in one system is common and no outlier).
    """
    if len(labels) == 0:
        return []
    return _size_warnings(np.bincount(np.unique(labels, return_inverse=True)[1]))


def _size_warnings(sizes: npt.NDArray[np.int64]) -> list[ResolutionWarning]:
    """:func:`profile_warnings` from the records per profile."""
    multi = sizes[sizes > 1]
    if len(multi) == 0:
        return []
    largest = int(multi.max())
    typical = float(np.median(multi))
    if largest < max(50.0, 20.0 * typical):
        return []
    over = int((multi >= max(50.0, 20.0 * typical)).sum())
    return [
        ResolutionWarning(
            "outlier_profile",
            f"the largest profile holds {largest:,} records, against {typical:g} for a typical "
            f"profile of several records ({over:,} profile(s) that large): records of "
            "different people may have been chained together",
            figures={
                "largest": largest,
                "typical": typical,
                "outliers": over,
                "records": int(sizes.sum()),
            },
        )
    ]


def emit(found: Iterable[ResolutionWarning], *, stacklevel: int) -> None:
    """Raise each warning through :mod:`warnings` (``stacklevel`` counted from the caller)."""
    for w in found:
        warnings.warn(w, stacklevel=stacklevel + 1)
