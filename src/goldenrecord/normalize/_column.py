"""The batch form of the normalizers: a whole column in, canonical values and counts out.

Customer data repeats a lot (the same city, the same shop phone, the same family
name thousands of times), so each distinct text value is normalized once per call and
the result reused. Per-value options (a phone column normalized with each record's own
country) are memoized together with the value they apply to. Some kinds share more
within one column: a phone's digits are parsed once whatever the separators, and each
number validated once; a name's words are transliterated once, whatever name they
are in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final

import attrs

from goldenrecord.errors import SettingsError
from goldenrecord.normalize._address import _address
from goldenrecord.normalize._common import MISSING, Rejected, is_missing
from goldenrecord.normalize._country import _country
from goldenrecord.normalize._date import _date
from goldenrecord.normalize._email import _email
from goldenrecord.normalize._encoded import bloom_column, bloom_value, hmac_column, hmac_value
from goldenrecord.normalize._full_name import _full_name
from goldenrecord.normalize._identifier import _identifier
from goldenrecord.normalize._name import _given_name_canonical, _name
from goldenrecord.normalize._name_key import _name_key, _name_keys
from goldenrecord.normalize._phone import _phone, _phones
from goldenrecord.normalize._postcode import _postcode
from goldenrecord.normalize._text import _text

__all__ = ["INVALID_OPTION", "KINDS", "ColumnMemo", "ColumnResult", "column"]

_Core = Callable[..., Any]

INVALID_OPTION: Final = Rejected("invalid_option")
"""A per-value option of this cell is not one the normalizer accepts (a region ``ZZZ``)."""
# Types of per-value options that may be part of a memo key: hashing them calls no
# user code, and no two of them are equal across types (``True == 1`` is, so ints are out).
_MEMO_OPTION_TYPES: Final = (str, bool, type(None))
_MEMO_TYPE_SET: Final = frozenset(_MEMO_OPTION_TYPES)
_TEXT_TYPES: Final = frozenset({str, type(None)})


@attrs.frozen
class _Kind:
    """A kind's core normalizer, its options, and optionally a factory of a core for
    one whole column (one that shares work between distinct values, as phones do)."""

    core: _Core
    options: tuple[str, ...] = ()
    batch: Callable[[], _Core] | None = None


_REGISTRY: Final[Mapping[str, _Kind]] = {
    "address": _Kind(_address),
    "bloom": _Kind(bloom_value, batch=bloom_column),
    "city": _Kind(_text),
    "country": _Kind(_country),
    "date": _Kind(_date, ("dayfirst", "today")),
    "email": _Kind(_email),
    "family_name": _Kind(_name),
    "full_name": _Kind(_full_name),
    "given_name": _Kind(_name),
    "given_name_canonical": _Kind(_given_name_canonical),
    "hmac": _Kind(hmac_value, batch=hmac_column),
    "identifier": _Kind(_identifier),
    "name": _Kind(_name),
    "name_key": _Kind(_name_key, batch=_name_keys),
    "phone": _Kind(_phone, ("region",), _phones),
    "postcode": _Kind(_postcode, ("country",)),
    "region": _Kind(_text),
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


def _option_value(x: object) -> object:
    """One per-value option as the core reads it: missing is None, text is plain ``str``."""
    if isinstance(x, str):
        return str.__str__(x)
    try:
        return None if is_missing(x) else x
    except Exception:  # an object whose comparison raises: left for the core to refuse
        return x


def _option_values(values: Sequence[Any]) -> list[Any]:
    """:func:`_option_value` of each per-value option (plain text and None as they are)."""
    if set(map(type, values)) <= _TEXT_TYPES:
        return list(values)
    return [_option_value(x) for x in values]


def _plain_options(key: tuple[Any, ...]) -> bool:
    """Whether the options of a (cell, options...) key hash safely and mean what they say."""
    return all(type(v) in _MEMO_OPTION_TYPES for v in key[1:])


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
        SettingsError: unknown kind or option, a per-value option of the wrong length,
            or an option given once for the whole column that the normalizer refuses
            (the message names the option, not its value). Dirty values never raise,
            nor do dirty per-value options: a cell whose own option is refused (a
            region ``"ZZZ"`` in a column of regions) is rejected as ``invalid_option``.

    >>> cells = ["Ana@Example.org", " bob.smith@GMAIL.com", None, "bob.smith@gmail.com"]
    >>> res = column(cells, "email")
    >>> res.values
    [None, 'bobsmith@gmail.com', None, 'bobsmith@gmail.com']
    >>> res
    ColumnResult(n=4, kept=2, missing=1, rejected={'placeholder': 1})
    >>> column(["0612345678", "+33 6 12 34 56 78"], "phone", region=["FR", "GB"]).values
    ['+33612345678', '+33612345678']
    >>> column(["0612345678", "0612345678"], "phone", region=["FR", "ZZZ"])
    ColumnResult(n=2, kept=1, missing=0, rejected={'invalid_option': 1})
    """
    return _column(values, kind, options, None)


class ColumnMemo:
    """Results of :func:`column` shared between calls: a text normalized in one column is
    not normalized again in another column of the same kind and options (a name in a
    full-name column and in a first-and-last one, the name keys of several name columns;
    kinds normalized by one function, as given, family and full names are, share it).

    The values are those :func:`column` gives; only the work is shared.

    >>> memo = ColumnMemo()
    >>> memo.column(["Ana Lima"], "name_key").values == column(["Ana Lima"], "name_key").values
    True
    """

    def __init__(self) -> None:
        self._memos: dict[Any, tuple[dict[Any, Any], _Core]] = {}

    def column(self, values: object, kind: str, /, **options: Any) -> ColumnResult:
        """:func:`column`, reusing what earlier calls of this memo normalized."""
        return _column(values, kind, options, self)

    def _memo_for(self, kind: str, names: tuple[str, ...], shared: Mapping[str, Any]) -> Any:
        """The memo and the core of calls with this kind and these options, or None when
        an option given once cannot be part of a key."""
        if not all(type(v) in _MEMO_OPTION_TYPES for v in shared.values()):
            return None
        # Kinds with one core (given, family and full names) share its results.
        entry = _REGISTRY[kind]
        options = tuple(sorted((k, type(v).__name__, v) for k, v in shared.items()))
        ident = (entry.core, entry.batch, names, options)
        found = self._memos.get(ident)
        if found is None:
            found = self._memos[ident] = ({}, entry.core if entry.batch is None else entry.batch())
        return found


def _column(
    values: object, kind: str, options: Mapping[str, Any], shared_memo: ColumnMemo | None
) -> ColumnResult:
    cells = _as_list(values)
    n = len(cells)
    entry = _check_options(kind, options, n)
    shared = {k: v for k, v in options.items() if not _is_per_value(v)}
    # A missing per-value option (None, NaN, pandas NA) means "none for this value".
    per_value = {k: _option_values(_as_list(v)) for k, v in options.items() if _is_per_value(v)}
    names = tuple(per_value)
    found = None if shared_memo is None else shared_memo._memo_for(kind, names, shared)
    memo: dict[Any, Any]
    if found is None:
        memo, core = {}, entry.core if entry.batch is None else entry.batch()
    else:
        memo, core = found
    # Options given once are checked once, now: a mistake there raises SettingsError.
    core(None, **shared)
    # A cell's key: the cell itself, or the cell with its own per-value options.
    keys: Sequence[Any] = list(zip(cells, *per_value.values(), strict=True)) if per_value else cells

    def call(key: Any) -> Any:
        if not per_value:
            return core(key, **shared)
        try:
            if len(names) == 1:
                return core(key[0], **shared, **{names[0]: key[1]})
            return core(key[0], **shared, **dict(zip(names, key[1:], strict=True)))
        except SettingsError:  # this cell's own option: a rejection, not a failed column
            return INVALID_OPTION

    plain = all(set(map(type, option)) <= _MEMO_TYPE_SET for option in per_value.values())
    if plain and set(map(type, cells)) <= _TEXT_TYPES:
        # Text and None only (a table read from CSV, say): each distinct key is
        # normalized once, its value and reason read once, and both spread back
        # with C-level maps.
        value_of: dict[Any, Any] = {}
        reason_of: dict[Any, str | None] = {}
        for key in dict.fromkeys(keys):
            try:
                result = memo[key]
            except KeyError:
                result = memo[key] = call(key)
            if isinstance(result, Rejected):
                value_of[key], reason_of[key] = None, result.reason
            else:
                value_of[key], reason_of[key] = result, None
        out = list(map(value_of.__getitem__, keys))
        reasons = list(map(reason_of.__getitem__, keys))
    else:
        # Numbers, NaN, bytes...: 1, 1.0 and True are equal as keys but are
        # different cells, so only text is memoized.
        results = []
        for cell, key in zip(cells, keys, strict=True):
            if type(cell) is str and (not per_value or _plain_options(key)):
                try:
                    result = memo[key]
                except KeyError:
                    result = memo[key] = call(key)
            else:
                result = call(key)
            results.append(result)
        reasons = [result.reason if isinstance(result, Rejected) else None for result in results]
        out = [None if isinstance(result, Rejected) else result for result in results]
    tally = Counter(reasons)
    missing = tally.pop(MISSING.reason, 0)
    rejected = {reason: count for reason, count in tally.items() if reason is not None}
    return ColumnResult(values=out, reasons=reasons, rejected=rejected, missing=missing)
