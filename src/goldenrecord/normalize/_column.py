"""The batch form of the normalizers: a whole column in, canonical values and counts out.

Customer data repeats a lot (the same city, the same shop phone, the same family
name thousands of times), so each distinct text value is normalized once per call and
the result reused. Per-value options (a phone column normalized with each record's own
country) are memoized together with the value they apply to.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final

import attrs

from goldenrecord.errors import SettingsError
from goldenrecord.normalize._address import _address
from goldenrecord.normalize._common import MISSING, Rejected
from goldenrecord.normalize._country import _country
from goldenrecord.normalize._date import _date
from goldenrecord.normalize._email import _email
from goldenrecord.normalize._identifier import _identifier
from goldenrecord.normalize._name import _given_name_canonical, _name
from goldenrecord.normalize._name_key import _name_key
from goldenrecord.normalize._phone import _phone
from goldenrecord.normalize._postcode import _postcode
from goldenrecord.normalize._text import _text

__all__ = ["KINDS", "ColumnResult", "column"]

_Core = Callable[..., Any]


@attrs.frozen
class _Kind:
    core: _Core
    options: tuple[str, ...] = ()


_REGISTRY: Final[Mapping[str, _Kind]] = {
    "address": _Kind(_address),
    "city": _Kind(_text),
    "country": _Kind(_country),
    "date": _Kind(_date, ("dayfirst", "today")),
    "email": _Kind(_email),
    "family_name": _Kind(_name),
    "full_name": _Kind(_name),
    "given_name": _Kind(_name),
    "given_name_canonical": _Kind(_given_name_canonical),
    "identifier": _Kind(_identifier),
    "name": _Kind(_name),
    "name_key": _Kind(_name_key),
    "phone": _Kind(_phone, ("region",)),
    "postcode": _Kind(_postcode, ("country",)),
    "text": _Kind(_text),
}

KINDS: Final[tuple[str, ...]] = tuple(sorted(_REGISTRY))
"""The kinds :func:`column` accepts: the schema's field kinds plus the derived name keys."""


@attrs.frozen(repr=False)
class ColumnResult:
    """Canonical values of one column and an account of everything that was not kept.

    Attributes:
        values: one canonical value (or ``None``) per input value, in input order.
        reasons: one entry per input value: ``None`` when a value was kept, else
            ``"missing"`` or the reason it was rejected.
        rejected: how many non-missing values were rejected, by reason.
        missing: how many input values were empty (None, NaN, blank).
    """

    values: list[Any]
    reasons: list[str | None]
    rejected: Mapping[str, int]
    missing: int

    @property
    def kept(self) -> int:
        """How many values were normalized to a canonical value."""
        return len(self.values) - self.missing - sum(self.rejected.values())

    def __len__(self) -> int:
        return len(self.values)

    def __repr__(self) -> str:
        return (
            f"ColumnResult(n={len(self.values)}, kept={self.kept}, "
            f"missing={self.missing}, rejected={dict(self.rejected)})"
        )


def _as_list(values: object) -> Sequence[Any]:
    """Python objects out of a list, tuple, NumPy array, pandas/polars Series or Arrow array."""
    if isinstance(values, (list, tuple)):
        return values
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise SettingsError(
            "values must be a sequence of cells (list, tuple, NumPy array, pandas or polars "
            f"Series, Arrow array), not {type(values).__name__}"
        )
    for converter in ("to_pylist", "to_list", "tolist"):
        method = getattr(values, converter, None)
        if callable(method):
            converted = method()
            if isinstance(converted, list):
                return converted
    return list(values)


def _check_options(kind: str, options: Mapping[str, Any], n: int) -> _Kind:
    entry = _REGISTRY.get(kind)
    if entry is None:
        raise SettingsError(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
    unknown = sorted(set(options) - set(entry.options))
    if unknown:
        accepted = ", ".join(entry.options) or "none"
        raise SettingsError(
            f"unknown option(s) {', '.join(unknown)} for kind {kind!r}; accepted: {accepted}"
        )
    for option, value in options.items():
        if _is_per_value(value) and len(_as_list(value)) != n:
            raise SettingsError(
                f"option {option!r} holds {len(_as_list(value))} per-value entries for {n} "
                "values; give one entry per value or a single value for all"
            )
    return entry


def _is_per_value(option: object) -> bool:
    return isinstance(option, Iterable) and not isinstance(option, (str, bytes))


def column(values: object, kind: str, /, **options: Any) -> ColumnResult:
    """Normalize a whole column of cells of one kind.

    Args:
        values: the cells: a list or tuple, a NumPy array, a pandas or polars Series
            or a pyarrow Array.
        kind: one of :data:`KINDS` (``"email"``, ``"phone"``, ``"date"``, ...).
        **options: the options of that kind's normalizer (``region`` for phones,
            ``country`` for postcodes, ``dayfirst`` and ``today`` for dates). An option
            may be one value for the whole column or a sequence with one value per
            cell (each record's own country, say).

    Returns:
        A :class:`ColumnResult`: canonical values in input order, and counts of the
        missing and rejected values by reason. Nothing is dropped: the output has
        exactly one entry per input cell.

    Raises:
        SettingsError: unknown kind or option, or a per-value option of the wrong length.
            Dirty values never raise.

    >>> cells = ["Ana@Example.org", " bob.smith@GMAIL.com", None, "bob.smith@gmail.com"]
    >>> res = column(cells, "email")
    >>> res.values
    [None, 'bobsmith@gmail.com', None, 'bobsmith@gmail.com']
    >>> res
    ColumnResult(n=4, kept=2, missing=1, rejected={'placeholder': 1})
    >>> column(["0612345678", "+33 6 12 34 56 78"], "phone", region=["FR", "GB"]).values
    ['+33612345678', '+33612345678']
    """
    cells = _as_list(values)
    n = len(cells)
    entry = _check_options(kind, options, n)
    core = entry.core
    shared = {k: v for k, v in options.items() if not _is_per_value(v)}
    per_value = {k: _as_list(v) for k, v in options.items() if _is_per_value(v)}

    out: list[Any] = [None] * n
    reasons: list[str | None] = [None] * n
    rejected: Counter[str] = Counter()
    missing = 0
    memo: dict[Any, Any] = {}

    for i, cell in enumerate(cells):
        if per_value:
            extra = {k: v[i] for k, v in per_value.items()}
            key: Any = (cell, *extra.values()) if type(cell) is str else None
        else:
            extra = {}
            key = cell if type(cell) is str else None
        if key is not None:
            try:
                result = memo[key]
            except KeyError:
                result = memo[key] = core(cell, **shared, **extra)
        else:
            result = core(cell, **shared, **extra)
        if isinstance(result, Rejected):
            if result.reason == MISSING.reason:
                missing += 1
            else:
                rejected[result.reason] += 1
            reasons[i] = result.reason
        else:
            out[i] = result
    return ColumnResult(values=out, reasons=reasons, rejected=dict(rejected), missing=missing)
