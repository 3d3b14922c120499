"""What an ingest, an override or an erasure changed, as events.

Events name profiles and record keys, never personal values: ``ValuesChanged`` says
which golden fields changed, not to what. They are stored in the store's append-only
log (``store.history(profile_id)``) and returned by the call that caused them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, ClassVar

import attrs

__all__ = [
    "Event",
    "IngestResult",
    "ProfileCreated",
    "ProfileRemoved",
    "ProfileSplit",
    "ProfilesMerged",
    "RecordAdded",
    "RecordRejected",
    "RecordUpdated",
    "RecordsForgotten",
    "ValuesChanged",
]


@attrs.frozen
class Event:
    """Base of every event: the profile it concerns and when (ISO 8601, UTC)."""

    kind: ClassVar[str] = "Event"
    profile_id: str
    at: str = attrs.field(default="", kw_only=True, eq=False)

    def _parts(self) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, Any]]:
        """(other profile ids, record keys, detail) for the log."""
        return (), (), {}


@attrs.frozen
class ProfileCreated(Event):
    """A new profile, with its first records."""

    kind: ClassVar[str] = "ProfileCreated"
    record_keys: tuple[str, ...] = ()

    def _parts(self) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, Any]]:
        return (), self.record_keys, {}


@attrs.frozen
class RecordAdded(Event):
    """New records joined an existing profile."""

    kind: ClassVar[str] = "RecordAdded"
    record_keys: tuple[str, ...] = ()

    def _parts(self) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, Any]]:
        return (), self.record_keys, {}


@attrs.frozen
class RecordUpdated(Event):
    """Records of this profile were ingested again with different values."""

    kind: ClassVar[str] = "RecordUpdated"
    record_keys: tuple[str, ...] = ()

    def _parts(self) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, Any]]:
        return (), self.record_keys, {}


@attrs.frozen
class ProfilesMerged(Event):
    """Profiles joined: ``profile_id`` survived, ``merged_ids`` are gone.

    ``reason`` says why that id survived: ``"older"`` (created by an earlier ingest),
    ``"larger"`` (same ingest, more records) or ``"smaller id"`` (a last tie-break).
    """

    kind: ClassVar[str] = "ProfilesMerged"
    merged_ids: tuple[str, ...] = ()
    reason: str = "older"

    def _parts(self) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, Any]]:
        return self.merged_ids, (), {"reason": self.reason}


@attrs.frozen
class ProfileSplit(Event):
    """A profile lost records to other profiles (``split_ids``); it kept its larger part.

    ``reasons`` says what newly applied: a constraint that now refuses a match it
    accepted (its name: an exclusive identifier's column, ``"one_per_source"``,
    ``"cannot_link"``, ``"consent"``), ``"shared:<column>"`` for a value set aside as
    shared by many people, ``"forgotten"`` (an erased record held the
    profile together) or ``"updated"`` (a record's new values match less).
    """

    kind: ClassVar[str] = "ProfileSplit"
    split_ids: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()

    def _parts(self) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, Any]]:
        return self.split_ids, (), {"reasons": list(self.reasons)}


@attrs.frozen
class ValuesChanged(Event):
    """Golden values of these fields changed (the values themselves are not logged)."""

    kind: ClassVar[str] = "ValuesChanged"
    fields: tuple[str, ...] = ()

    def _parts(self) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, Any]]:
        return (), (), {"fields": list(self.fields)}


@attrs.frozen
class RecordsForgotten(Event):
    """``count`` records of this profile were erased (their keys are not logged)."""

    kind: ClassVar[str] = "RecordsForgotten"
    count: int = 1

    def _parts(self) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, Any]]:
        return (), (), {"count": self.count}


@attrs.frozen
class ProfileRemoved(Event):
    """The profile has no records left (all were erased or moved away)."""

    kind: ClassVar[str] = "ProfileRemoved"


@attrs.frozen
class RecordRejected(Event):
    """An input row the ingest did not store, and why; not about a profile
    (``profile_id`` is empty) and not kept in the log.

    Attributes:
        reason: ``"missing_id"`` (the row has no id) or ``"duplicate_id"`` (another row
            of the same ingest has the same record key and was kept: the latest
            ``updated_at``, then the row whose canonical JSON sorts first).
        table: the row's source name in a mapping of sources (None for one table).
        row: the row's position in its table, from 0.
        record_key: the key it would have had (None without an id).
    """

    kind: ClassVar[str] = "RecordRejected"
    reason: str = ""
    table: str | None = None
    row: int = 0
    record_key: str | None = None


class IngestResult(list[Event]):
    """What :meth:`~goldenrecord.IdentityStore.ingest` returns: its events (a list, as
    always; rejected rows as :class:`RecordRejected` at the end), with every input row
    accounted for.

    Attributes:
        rows: input rows read.
        stored: rows stored as new records.
        updated: rows that changed a stored record.
        unchanged: rows equal to the record stored under their key.
        rejected: rows not stored (see :class:`RecordRejected`); ``stored + updated +
            unchanged + rejected == rows``.
        surrogates: input cells whose text held lone surrogates (text that was not
            valid UTF-8), stored with U+FFFD in their place.
        missing_columns: the schema's fields the input lacked (stored as missing).
        ignored_columns: the input's columns the schema does not read (not stored).
    """

    def __init__(
        self,
        events: Iterable[Event] = (),
        *,
        stored: int = 0,
        updated: int = 0,
        unchanged: int = 0,
        rejected: int = 0,
        surrogates: int = 0,
        missing_columns: Iterable[str] = (),
        ignored_columns: Iterable[str] = (),
    ) -> None:
        super().__init__(events)
        self.missing_columns = tuple(missing_columns)
        self.ignored_columns = tuple(ignored_columns)
        self.stored = stored
        self.updated = updated
        self.unchanged = unchanged
        self.rejected = rejected
        self.surrogates = surrogates

    @property
    def rows(self) -> int:
        return self.stored + self.updated + self.unchanged + self.rejected

    def counts(self) -> dict[str, int]:
        """The accounting as a dict (figures only, safe to log)."""
        return {
            "rows": self.rows,
            "stored": self.stored,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "surrogates_replaced": self.surrogates,
        }


_TYPES: dict[str, type[Event]] = {
    cls.kind: cls
    for cls in (
        ProfileCreated,
        RecordAdded,
        RecordUpdated,
        ProfilesMerged,
        ProfileSplit,
        ValuesChanged,
        RecordsForgotten,
        ProfileRemoved,
    )
}


def to_row(event: Event) -> tuple[str, str, str, str, str, str]:
    """(type, profile id, other ids, record keys, detail, at) as stored in ``events``."""
    others, keys, detail = event._parts()
    return (
        event.kind,
        event.profile_id,
        json.dumps(list(others)),
        json.dumps(list(keys)),
        json.dumps(detail),
        event.at,
    )


def from_row(kind: str, profile_id: str, others: str, keys: str, detail: str, at: str) -> Event:
    """The event a stored row describes."""
    cls = _TYPES[kind]
    other_ids, record_keys, extra = (
        tuple(json.loads(others)),
        tuple(json.loads(keys)),
        json.loads(detail),
    )
    if cls is ProfilesMerged:
        return ProfilesMerged(profile_id, other_ids, extra["reason"], at=at)
    if cls is ProfileSplit:
        return ProfileSplit(profile_id, other_ids, tuple(extra.get("reasons", ())), at=at)
    if cls is ValuesChanged:
        return ValuesChanged(profile_id, tuple(extra["fields"]), at=at)
    if cls is RecordsForgotten:
        return RecordsForgotten(profile_id, int(extra["count"]), at=at)
    if cls is ProfileRemoved:
        return ProfileRemoved(profile_id, at=at)
    if cls is RecordAdded:
        return RecordAdded(profile_id, record_keys, at=at)
    if cls is RecordUpdated:
        return RecordUpdated(profile_id, record_keys, at=at)
    return ProfileCreated(profile_id, record_keys, at=at)
