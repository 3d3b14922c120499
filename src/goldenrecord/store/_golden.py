"""The golden table out of an identity store: the export methods of
:class:`~goldenrecord.IdentityStore` (``profiles``, ``to_pandas``, ``to_arrow``,
``write``), over :class:`~goldenrecord.store._export.Export`."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Protocol, overload

from goldenrecord.profile import Profile, ProfileView
from goldenrecord.store._base import StoreDatabase
from goldenrecord.store._export import Export, check_export
from goldenrecord.store._sql import guarded

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["profiles", "to_arrow", "to_pandas", "write"]


class _Store(Protocol):
    """What the export methods read of :class:`~goldenrecord.IdentityStore`: its
    database object."""

    @property
    def _db(self) -> StoreDatabase: ...


@guarded
def _export(self: _Store, what: str, purpose: str | None) -> Export:
    """An export of this store's file (the golden table out, see
    :mod:`goldenrecord.store._export`): the file named as the connection opened it,
    whatever the working folder is now; ``what`` and ``purpose`` checked first."""
    db = self._db
    check_export(db.schema, what, purpose)
    (_, _, file), *_ = db.conn.execute("PRAGMA database_list").fetchall()
    return Export(file or db.path, db.schema, db.timeout)


@overload
def profiles(self: _Store, purpose: None = None) -> Iterator[Profile]: ...


@overload
def profiles(self: _Store, purpose: str) -> Iterator[ProfileView]: ...


def profiles(self: _Store, purpose: str | None = None) -> Iterator[Profile] | Iterator[ProfileView]:
    """Every golden profile of the store, in profile id order, streamed.

    The profiles are those :meth:`profile` returns, built a few thousand records
    at a time: memory holds one batch, never the store. They are read from a
    snapshot (a read-only connection of the iterator's own, in one read
    transaction): ingests meanwhile, by this object or another process, do not
    change what the iteration yields (and :meth:`forget` waits for it to end).

    Args:
        purpose: a consent purpose of the schema: each profile's
            ``view(purpose)`` (:class:`~goldenrecord.profile.ProfileView`) instead,
            with no personal values unless its consent for the purpose is yes.

    Raises:
        SettingsError: an unknown purpose (at the call, before any reading).

    >>> import tempfile, pathlib
    >>> import goldenrecord as gr
    >>> table = gr.datasets.synthetic_customers(20, seed=3)
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "customers.db"
    >>> with gr.IdentityStore(path, schema=table.schema()) as store:
    ...     _ = store.ingest(list(table.records()))
    ...     found = list(store.profiles())
    ...     found[0] == store.profile(found[0].profile_id), len(found) == store.n_profiles
    (True, True)
    """
    export = _export(self, "profiles", purpose)
    return export.profiles() if purpose is None else export.views(purpose)


def to_pandas(self: _Store, *, what: str = "profiles", purpose: str | None = None) -> pd.DataFrame:
    """The golden table as a pandas DataFrame: the columns (and dtypes) of
    :meth:`goldenrecord.Resolution.to_pandas` for ``what="profiles"``,
    ``lineage_frame`` for ``"lineage"``, ``clusters_frame`` for ``"clusters"``.

    Args:
        what: ``"profiles"``, ``"lineage"`` or ``"clusters"``.
        purpose: for ``what="profiles"``, a consent purpose: as in
            :meth:`goldenrecord.Resolution.to_pandas`, a profile whose consent is
            not yes keeps its id, record count and consent, and no values.

    Raises:
        SettingsError: an unknown ``what`` or purpose, or a purpose with ``what``
            other than ``"profiles"``.
        ImportError: pandas is not installed (the ``goldenrecord[pandas]`` extra).
    """
    return _export(self, what, purpose).to_pandas(what, purpose)


def to_arrow(self: _Store, *, what: str = "profiles", purpose: str | None = None) -> Any:
    """The golden table as a ``pyarrow.Table`` (the columns of :meth:`to_pandas`).

    Raises:
        SettingsError: as :meth:`to_pandas`.
        ImportError: pyarrow is not installed (the ``goldenrecord[arrow]`` extra).
    """
    return _export(self, what, purpose).to_arrow(what, purpose)


def write(
    self: _Store,
    path: str | os.PathLike[str],
    *,
    what: str = "profiles",
    purpose: str | None = None,
) -> int:
    """Write the golden table to a CSV, Parquet or JSON Lines file, streamed.

    The columns of :meth:`goldenrecord.Resolution.write` for the same ``what``; the
    suffix chooses the format, as there. Batch after batch is written (memory holds
    one), to a temporary name beside the target renamed into place when complete.
    The export reads one snapshot of the store (see :meth:`profiles`).

    Args:
        path: the file to write (replaced if it exists; never one of the store's
            own files).
        what: ``"profiles"``, ``"lineage"`` or ``"clusters"``.
        purpose: for ``what="profiles"``, a consent purpose (see :meth:`to_pandas`).

    Returns:
        The rows written.

    Raises:
        SettingsError: an unknown ``what``, suffix or purpose, a purpose with
            ``what`` other than ``"profiles"``, a missing folder, or a path that
            is the store's file (or its ``-wal``, ``-shm`` or key file).
        ImportError: Parquet without pyarrow (the ``goldenrecord[arrow]`` extra).
    """
    return _export(self, what, purpose).write(path, what, purpose)
