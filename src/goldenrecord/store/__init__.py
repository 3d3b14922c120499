"""The incremental identity store: the batch pipeline over a persistent SQLite file.

>>> import tempfile, pathlib
>>> import goldenrecord as gr
>>> from goldenrecord.store import IdentityStore
>>> table = gr.datasets.synthetic_customers(30, seed=1)
>>> path = pathlib.Path(tempfile.mkdtemp()) / "customers.db"
>>> with IdentityStore(path, schema=table.schema()) as store:
...     events = store.ingest(list(table.records()))
...     len(store) == len(list(table.records()))
True
"""

from goldenrecord._public import publish as _publish
from goldenrecord.errors import RecordNotFound, StoreBusyError, StoreError
from goldenrecord.store._check import check_store
from goldenrecord.store._events import (
    Event,
    IngestResult,
    ProfileCreated,
    ProfileRemoved,
    ProfilesMerged,
    ProfileSplit,
    RecordAdded,
    RecordRejected,
    RecordsForgotten,
    RecordUpdated,
    ValuesChanged,
)
from goldenrecord.store._match import Match
from goldenrecord.store._sql import SCHEMA_VERSION
from goldenrecord.store._store import IdentityStore

__all__ = [
    "SCHEMA_VERSION",
    "Event",
    "IdentityStore",
    "IngestResult",
    "Match",
    "ProfileCreated",
    "ProfileRemoved",
    "ProfileSplit",
    "ProfilesMerged",
    "RecordAdded",
    "RecordNotFound",
    "RecordRejected",
    "RecordUpdated",
    "RecordsForgotten",
    "StoreBusyError",
    "StoreError",
    "ValuesChanged",
    "check_store",
]

_publish(__name__, globals(), __all__)
