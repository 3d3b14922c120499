"""Profiles as pandas DataFrames: :func:`profiles_frame` and :func:`lineage_frame`.

pandas is imported when one of these is called, never when goldenrecord is imported.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from goldenrecord.profile._consent import ConsentState
from goldenrecord.profile._profile import LazyAttributes, Profile, Store, allowed, check_default

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["lineage_frame", "profiles_frame"]


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise ImportError(
            "profile exports need pandas: install the extra with pip install 'goldenrecord[pandas]'"
        ) from None
    return pandas


def _fields(profiles: Sequence[Profile]) -> list[str]:
    fields: dict[str, None] = {}
    stores: set[int] = set()
    for p in profiles:
        attributes = p.attributes
        if isinstance(attributes, LazyAttributes):
            if id(attributes._store) not in stores:
                stores.add(id(attributes._store))
                fields.update(dict.fromkeys(attributes._store.fields))
        else:
            fields.update(dict.fromkeys(attributes))
    return list(fields)


def _golden_cells(profiles: Sequence[Profile], fields: list[str]) -> dict[str, list[Any]]:
    """The golden raw value of every field of every profile, columnar where possible."""
    cells: dict[str, list[Any]] = {f: [None] * len(profiles) for f in fields}
    by_store: dict[int, tuple[Store, list[int], list[int]]] = {}
    for row, p in enumerate(profiles):
        attributes = p.attributes
        if isinstance(attributes, LazyAttributes):
            store = attributes._store
            entry = by_store.setdefault(id(store), (store, [], []))
            entry[1].append(row)
            entry[2].append(attributes._k)
        else:
            for f, v in attributes.items():
                cells[f][row] = v.value
    for store, rows, ks in by_store.values():
        k = np.array(ks, dtype=np.int64)
        in_order = len(rows) == len(profiles)  # one store: rows are 0, 1, 2, ...
        for f, groups in store.groups.items():
            raw = groups.raw
            shown = groups.golden_records(k).tolist()
            if in_order:
                cells[f] = [None if r < 0 else raw[r] for r in shown]
                continue
            column = cells[f]
            for row, record in zip(rows, shown, strict=True):
                if record >= 0:
                    column[row] = raw[record]
    return cells


def profile_columns(
    profiles: Sequence[Profile], *, purpose: str | None = None, default: ConsentState = "no"
) -> dict[str, list[Any]]:
    """The columns of :func:`profiles_frame` as plain lists (no frame library needed)."""
    fields = _fields(profiles)
    data: dict[str, list[Any]] = {
        "profile_id": [p.profile_id for p in profiles],
        "n_records": [p.n_records for p in profiles],
    }
    data.update(_golden_cells(profiles, fields))
    purposes: dict[str, None] = {}
    for p in profiles:
        purposes.update(dict.fromkeys(p.consents))
    for name in purposes:
        data[f"consent_{name}"] = [p.consents.get(name) for p in profiles]
    if purpose is not None:
        check_default(default)
        states = [p.consent(purpose) for p in profiles]
        for row, state in enumerate(states):
            if not allowed(state, default):
                for f in fields:
                    data[f][row] = None
        data[f"consent_{purpose}"] = list(states)
    return data


def profiles_frame(
    profiles: Sequence[Profile], *, purpose: str | None = None, default: ConsentState = "no"
) -> pd.DataFrame:
    """One row per profile: ``profile_id``, ``n_records``, each field's golden value, consent.

    Args:
        profiles: profiles from :func:`build_profiles`.
        purpose: when given, every row goes through :meth:`Profile.view` for that
            purpose: a profile without consent keeps its id, record count and consent
            state, and its field cells are empty.
        default: how a view treats an unknown consent (see :meth:`Profile.view`).

    Returns:
        A DataFrame with ``profile_id``, ``n_records``, one column per schema field
        (the golden value as a member record wrote it) and ``consent_<purpose>`` per
        consent purpose.

    Raises:
        ImportError: pandas is not installed (the ``goldenrecord[pandas]`` extra).
    """
    pandas = _pandas()
    data: dict[str, Any] = profile_columns(profiles, purpose=purpose, default=default)
    data["n_records"] = np.array(data["n_records"], dtype=np.int64)
    frame: pd.DataFrame = pandas.DataFrame(data)
    return frame


LINEAGE_COLUMNS = (
    "profile_id",
    "attribute",
    "value",
    "canonical",
    "chosen",
    "rule",
    "record_ids",
    "sources",
    "first_seen",
    "last_seen",
    "validated",
)


def lineage_frame(profiles: Sequence[Profile]) -> pd.DataFrame:
    """One row per (profile, attribute, distinct value), with its lineage.

    Columns: ``profile_id``, ``attribute``, ``value`` (as a member wrote it),
    ``canonical``, ``chosen`` (the golden value, or another distinct value), ``rule``,
    ``record_ids`` and ``sources`` (tuples), ``first_seen``/``last_seen`` (UTC) and
    ``validated``.

    Raises:
        ImportError: pandas is not installed (the ``goldenrecord[pandas]`` extra).
    """
    pandas = _pandas()
    rows: list[tuple[Any, ...]] = []
    for p in profiles:
        for field in p.attributes:
            for v in p.values(field):
                rows.append(
                    (
                        p.profile_id,
                        field,
                        v.value,
                        v.canonical,
                        v.chosen,
                        v.rule,
                        v.record_ids,
                        v.sources,
                        v.first_seen,
                        v.last_seen,
                        v.validated,
                    )
                )
    frame: pd.DataFrame = pandas.DataFrame.from_records(rows, columns=list(LINEAGE_COLUMNS))
    frame["first_seen"] = pandas.to_datetime(frame["first_seen"], utc=True)
    frame["last_seen"] = pandas.to_datetime(frame["last_seen"], utc=True)
    frame["chosen"] = frame["chosen"].astype(bool)
    frame["validated"] = frame["validated"].astype(bool)
    return frame
