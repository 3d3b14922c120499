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

from goldenrecord.store._events import (
    Event,
    ProfileCreated,
    ProfileRemoved,
    ProfilesMerged,
    ProfileSplit,
    RecordAdded,
    RecordsForgotten,
    RecordUpdated,
    ValuesChanged,
)
from goldenrecord.store._sql import SCHEMA_VERSION, StoreBusyError, StoreError
from goldenrecord.store._store import IdentityStore, Match

__all__ = [
    "SCHEMA_VERSION",
    "Event",
    "IdentityStore",
    "Match",
    "ProfileCreated",
    "ProfileRemoved",
    "ProfileSplit",
    "ProfilesMerged",
    "RecordAdded",
    "RecordUpdated",
    "RecordsForgotten",
    "StoreBusyError",
    "StoreError",
    "ValuesChanged",
]
