"""Reading the two sides of :func:`goldenrecord.evaluate`: mappings, tables, Series or pairs
of (record id, label), with record ids keyed as text (:func:`record_keys`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from goldenrecord.errors import SettingsError
from goldenrecord.normalize._common import as_text

_INPUT_FORMS = (
    "a mapping {record_id: label}, a pandas or polars DataFrame or pyarrow Table of "
    "(record id, label) columns, a pandas Series indexed by record id, or an iterable "
    "of (record_id, label) pairs"
)


@attrs.define
class _Side:
    """One side's records: ids and labels in the same order.

    Ids from a table or pairs may repeat; :meth:`unique` or :meth:`mapping` checks
    them (a repeat with the same label is dropped, with another label an error).
    """

    side: str
    ids: list[Any]
    labels: list[Any]
    is_table: bool
    _mapping: Mapping[Any, Any] | None = None
    _unique: bool = False

    def mapping(self) -> Mapping[Any, Any]:
        """``{record_id: label}``, built on first use; ids made unique."""
        if self._mapping is None:
            mapping = _to_mapping(self.ids, self.labels, self.side)
            if len(mapping) < len(self.ids):
                self.ids, self.labels = list(mapping), list(mapping.values())
            self._mapping, self._unique = mapping, True
        return self._mapping

    def key(self) -> None:
        """Key the ids as text (:func:`record_keys`); ids that change lose the mapping."""
        keys, one_to_one = _keyed(self.ids)
        if keys != self.ids:
            # Distinct integers stay distinct as text: unique ids stay unique.
            self.ids, self._mapping = keys, None
            self._unique = self._unique and one_to_one

    def unique(self) -> None:
        """Make sure each id occurs once."""
        if self._unique:
            return
        try:
            self._unique = len(set(self.ids)) == len(self.ids)
        except TypeError:
            raise SettingsError(f"{self.side} record ids must be hashable") from None
        if not self._unique:
            self.mapping()


def _read(data: object, side: str, id_column: str | None, label_column: str | None) -> _Side:
    """The records of one side, from any accepted form, ids as given (:meth:`_Side.key`)."""
    if isinstance(data, Mapping):
        return _Side(side, list(data), list(data.values()), False, data, True)
    table = _table_columns(data, side, id_column, label_column)
    if table is not None:
        return _Side(side, *table, is_table=True)
    if isinstance(data, (str, bytes)) or not isinstance(data, Iterable):
        raise SettingsError(f"{side} must be {_INPUT_FORMS}; got {type(data).__name__}")
    ids: list[Any] = []
    labels: list[Any] = []
    for i, item in enumerate(data):
        if isinstance(item, (str, bytes)):
            raise SettingsError(
                f"{side} item {i} is a {type(item).__name__}, not an (id, label) pair"
            )
        try:
            record_id, label = item
        except (TypeError, ValueError):
            raise SettingsError(
                f"{side} item {i} is a {type(item).__name__}, not an (id, label) pair"
            ) from None
        ids.append(record_id)
        labels.append(label)
    return _Side(side, ids, labels, is_table=False)


def record_keys(ids: Iterable[Any]) -> list[Any]:
    """Record ids as the text the pipeline keys records by.

    :func:`goldenrecord.resolve` keys a record by its id read as text (stripped; an
    integer or an integral float as its digits), so ``7``, ``7.0``, ``"7"`` and
    ``" 7 "`` are one record. An id that cannot be read as text (``None``, a tuple) is
    kept as it is.

    >>> record_keys([7, 8.0, " 9 ", "crm:1", None])
    ['7', '8', '9', 'crm:1', None]
    """
    return _keyed(list(ids))[0]


def only_ints(ids: list[Any]) -> bool:
    """Whether every id is an ``int``: then ids compare as their keys do, unkeyed."""
    return set(map(type, ids)) <= {int}


def _keyed(given: list[Any]) -> tuple[list[Any], bool]:
    """:func:`record_keys`, and whether distinct ids are sure to give distinct keys."""
    kinds = set(map(type, given))
    if kinds <= {str}:
        return [record_id.strip() or record_id for record_id in given], False
    if kinds <= {int}:
        with contextlib.suppress(ValueError):  # more digits than int -> str allows
            return list(map(str, given)), True
    keys: list[Any] = []
    for record_id in given:
        text = as_text(record_id)
        keys.append(text if isinstance(text, str) else record_id)
    return keys, False


def _table_columns(
    data: object, side: str, id_column: str | None, label_column: str | None
) -> tuple[list[Any], list[Any]] | None:
    """The id and label columns of a pandas, polars or Arrow table; None if not one."""
    module = type(data).__module__.split(".")[0]
    frame: Any = data
    if module == "pandas" and getattr(frame, "ndim", None) == 1:
        return list(frame.index.tolist()), list(frame.tolist())
    if module == "pandas" and hasattr(frame, "columns"):
        names = [str(c) for c in frame.columns]
        if len(set(names)) != len(names):
            raise SettingsError(f"the {side} DataFrame has repeated column names")
        by_name = dict(zip(names, frame.columns, strict=True))
        id_name, label_name = _pick(names, side, id_column, label_column)
        return (
            list(frame[by_name[id_name]].tolist()),
            list(frame[by_name[label_name]].tolist()),
        )
    if module == "polars" and hasattr(frame, "get_column"):
        id_name, label_name = _pick(list(frame.columns), side, id_column, label_column)
        return frame.get_column(id_name).to_list(), frame.get_column(label_name).to_list()
    if module == "pyarrow" and hasattr(frame, "column_names"):
        id_name, label_name = _pick(list(frame.column_names), side, id_column, label_column)
        return frame.column(id_name).to_pylist(), frame.column(label_name).to_pylist()
    return None


def _pick(
    names: list[str], side: str, id_column: str | None, label_column: str | None
) -> tuple[str, str]:
    """The id and label column names, checked against the table's columns."""
    available = ", ".join(map(repr, names)) or "none"
    for option, name in (("id_column", id_column), ("label_column", label_column)):
        if name is not None and name not in names:
            raise SettingsError(
                f"{option}={name!r} is not a column of {side}; its columns are: {available}"
            )
    if id_column is not None and id_column == label_column:
        raise SettingsError(f"id_column and label_column are both {id_column!r}")
    if id_column is not None and label_column is not None:
        return id_column, label_column
    if len(names) != 2:
        raise SettingsError(
            f"{side} has {len(names)} columns ({available}); name the record id and label "
            "columns with id_column= and label_column="
        )
    if id_column is not None:
        return id_column, next(n for n in names if n != id_column)
    if label_column is not None:
        return next(n for n in names if n != label_column), label_column
    return names[0], names[1]


def _to_mapping(ids: list[Any], labels: list[Any], side: str) -> dict[Any, Any]:
    """``{id: label}``; an id may repeat only with the same label."""
    try:
        out = dict(zip(ids, labels, strict=True))
    except TypeError:
        raise SettingsError(f"{side} record ids must be hashable") from None
    if len(out) != len(ids):
        conflicts = {
            k for k, v in zip(ids, labels, strict=True) if not (out[k] is v or out[k] == v)
        }
        if conflicts:
            raise SettingsError(
                f"{len(conflicts):,} record id(s) of {side} repeat with different labels; "
                "a record belongs to one cluster"
            )
    return out


def _no_common_ids(c_ids: list[Any], t_ids: list[Any]) -> str:
    if not c_ids or not t_ids:
        empty = " and ".join(s for s, ids in (("clusters", c_ids), ("truth", t_ids)) if not ids)
        return f"{empty} holds no record: there is nothing to evaluate"

    def kinds(ids: list[Any]) -> str:
        return "/".join(sorted({type(k).__name__ for k in ids[:1000]}))

    return (
        f"clusters ({len(c_ids):,} records, ids of type {kinds(c_ids)}) and truth "
        f"({len(t_ids):,} records, ids of type {kinds(t_ids)}) share no record id"
    )
