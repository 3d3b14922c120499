"""One attribute value of a golden profile, with its lineage: :class:`GoldenValue`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

__all__ = ["GoldenValue"]


@attrs.frozen
class GoldenValue:
    """A distinct value of one attribute among a profile's records, and where it came from.

    Values are told apart by their canonical (normalized) form: ``"+1 415-555-2671"``
    and ``"(415) 555 2671"`` are one phone value carried by two records.

    Attributes:
        value: the value as a member record wrote it: the raw cell of the most recent
            record carrying this canonical value (equally recent: the smallest key).
        canonical: the normalized form shared by every record in ``record_ids`` (for a
            value that failed normalization, kept only by ``validated_first``: its
            stripped text).
        rule: the survivorship rule applied to the attribute (for a chain of rules,
            the first; a user callable: its ``__name__``).
        record_ids: the member records carrying this canonical value, sorted.
        sources: the distinct sources of those records, sorted.
        first_seen: the earliest ``updated_at`` among those records (UTC; None when
            none of them has a readable time).
        last_seen: the latest ``updated_at`` among those records.
        chosen: whether the rule chose this value as the profile's golden value.
        validated: whether the value normalized successfully.

    >>> v = GoldenValue("Ana@X.io", "ana@x.io", "most_recent", ("r1", "r2"), ("crm",))
    >>> v.value, v.record_ids
    ('Ana@X.io', ('r1', 'r2'))
    """

    value: Any
    canonical: Any
    rule: str
    record_ids: tuple[str, ...]
    sources: tuple[str, ...] = ()
    first_seen: dt.datetime | None = None
    last_seen: dt.datetime | None = None
    chosen: bool = True
    validated: bool = True

    @property
    def n_records(self) -> int:
        """How many member records carry this value."""
        return len(self.record_ids)
