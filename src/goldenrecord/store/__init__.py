"""The incremental identity store: the batch pipeline over a persistent SQLite file.

An ingest into an empty store goes through :func:`goldenrecord.resolve` whole (and
trains the model when none was given). Later ingests place each new record against
the store: its blocking keys (the stored rules) are looked up in the indexed key
table, the new-vs-candidate pairs are scored with the stored model (term-frequency
adjustments from the store's counts), and the part of the store they touch — the
connected component of the stored edges at or above the threshold plus the link
overrides — is clustered again with :func:`goldenrecord.graph.cluster` under the
same limits as batch (on unmasked values; an exclusive identifier counts when two
records of the whole store hold it, as batch counts it over the whole table) and the
stored overrides as must-link / cannot-link pairs; with ``purpose=``, edges of a record
that said "no" are left out, with ``one_per_source`` a profile takes one record per
source, as in batch. Profile ids are then carried over
(:mod:`goldenrecord.store._assign`) and only the profiles whose members changed are
rebuilt.

Shared values are found on the first ingest as batch finds them, then kept up to date
(:mod:`goldenrecord.store._people`): a value that a later record brings to
``shared_min_people`` names is set aside, and the records holding it are blocked and
scored again without it.

Golden values are not stored: :meth:`IdentityStore.profile` rebuilds them from the
member records (survivorship and lineage exactly as batch); the store keeps a keyed
digest per golden field, to report which fields an ingest changed.

Batch and incremental agree: a table ingested in one go, in chunks or record by
record ends in the clusters of ``gr.resolve(table, schema, matcher=store.model,
blocking=store.rules)`` (tested, also under shuffled orders), with the exceptions the
how-to guide lists (``docs/how-to/incremental.md``, "Batch and incremental agree"),
all consequences of looking at one new record rather than the whole table.

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
