"""Lookups: the profiles a record would join, each with the explanation of the pair
that decided it."""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from goldenrecord.errors import SettingsError, StoreError
from goldenrecord.match.model import Matcher
from goldenrecord.match.stages import PLACE_COLUMN, Explanation, explain_scored, prepare
from goldenrecord.store._base import marks
from goldenrecord.store._rows import concat, raw_rows

if TYPE_CHECKING:
    from goldenrecord.store._base import StoreDatabase
    from goldenrecord.store._counts import Counts
    from goldenrecord.store._ingest import Placer

__all__ = ["Match", "lookup_matches"]


@attrs.frozen
class Match:
    """A profile a looked-up record would join, and why.

    Attributes:
        profile_id: the profile.
        record_key: its member record that matched best.
        weight, probability: the best pair's match weight and probability.
        matched: whether the probability reaches the model's threshold.
        explanation: the per-comparison contributions of that pair (given, or worked
            out on first access from ``explain``: a lookup returns several matches
            and most callers read the first one's only).
    """

    profile_id: str
    record_key: str
    weight: float
    probability: float
    matched: bool
    _explanation: Explanation | None = attrs.field(
        default=None, repr=False, eq=False, alias="explanation"
    )
    _explain: Callable[[], Explanation] | None = attrs.field(
        default=None, repr=False, eq=False, kw_only=True, alias="explain"
    )

    @property
    def explanation(self) -> Explanation:
        """The per-comparison contributions of the best pair."""
        if self._explanation is None:
            if self._explain is None:
                raise StoreError("this match was made without an explanation")
            object.__setattr__(self, "_explanation", self._explain())
        assert self._explanation is not None
        return self._explanation


def lookup_matches(
    db: StoreDatabase,
    counts: Counts,
    placer: Placer,
    record: Mapping[str, Any],
    limit: int,
    *,
    fast: bool = True,
) -> list[Match]:
    """:meth:`goldenrecord.IdentityStore.lookup`: the record prepared, blocked against
    the store's keys, scored against the candidates in one call; the best pair per
    profile, best first.

    The candidates are read with the columns scoring reads and their profile ids in
    one query (:meth:`~goldenrecord.store._stored.StoredRecords.scored`); ``fast=False``
    reads every stored column and the profile ids apart (the same answers: a test
    compares the two)."""
    if not isinstance(record, Mapping):
        raise SettingsError(
            f"lookup takes one record as a mapping of column to value, not a "
            f"{type(record).__name__}"
        )
    probe = dict(record)
    probe[db.schema.id] = "\x00lookup"
    row = raw_rows([probe], db.schema).rows["\x00lookup"]
    with db.read():
        matcher = db.matcher
        if matcher is None:
            return []
        fresh = prepare([row], db.schema)
        matched = db.mask(fresh)
        _, found = placer.candidates(matched, [0], set())
        rids = {r for rs in found.values() for r in rs}
        read = db.stored.scored(rids, scored_columns(db, matcher)) if fast else None
        if read is None:  # every column, and the profiles in a query of their own
            stored, _ = db.prepare_stored(rids, raw=False)
            profile_of = _profiles(db, rids) if stored is not None else {}
        else:
            stored, profile_of = read
        if stored is None:
            return []
        pool = concat(matched, db.mask(stored))
        me = pool.keys.index("\x00lookup")
        others = [i for i in range(len(pool)) if i != me]
        scored = counts.score(pool, [min(me, o) for o in others], [max(me, o) for o in others])
    best: dict[str, int] = {}
    for k, o in enumerate(others):
        pid = profile_of[pool.keys[o]]
        if pid not in best or scored.weight[k] > scored.weight[best[pid]]:
            best[pid] = k
    ranked = sorted(best.items(), key=lambda kv: (-float(scored.weight[kv[1]]), kv[0]))
    out = []
    for pid, k in ranked[:limit]:
        o = others[k]
        out.append(
            Match(
                profile_id=pid,
                record_key=pool.keys[o],
                weight=float(scored.weight[k]),
                probability=float(scored.probability[k]),
                matched=bool(scored.probability[k] >= matcher.threshold),
                explain=functools.partial(explain_scored, matcher, pool, scored, k, first=me),
            )
        )
    return out


def _profiles(db: StoreDatabase, rids: set[int]) -> dict[str, str]:
    """The profile id of each record, by key."""
    return dict(
        db.conn.execute(
            f"SELECT record_key, profile_id FROM records WHERE rid IN ({marks(len(rids))})",
            sorted(rids),
        ).fetchall()
    )


def scored_columns(db: StoreDatabase, matcher: Matcher) -> list[str]:
    """The stored normalized columns a lookup reads of its candidates: the schema's
    fields (the model derives its place and email columns from them when a table lacks
    them), every column a comparison or a deterministic rule reads, and the columns
    holding shared values, with their owners (masking reads them). The place column is
    never stored (it is derived for the scored table)."""
    shared = db.shared()
    memo = _COLUMNS.get(db)
    if memo is not None and memo[0] is matcher and memo[1] is shared:
        return memo[2]
    names = list(db.schema.fields)
    for comparison in matcher.comparisons_:
        names += [*comparison.required_columns, comparison.tf_column]
    for rule in matcher.deterministic_rules:
        names += rule
    for column in shared:
        names += [column, column.removesuffix(":national")]
    picked = [c for c in dict.fromkeys(names) if c != PLACE_COLUMN]
    _COLUMNS[db] = (matcher, shared, picked)
    return picked


_COLUMNS: weakref.WeakKeyDictionary[
    StoreDatabase, tuple[Matcher, dict[str, frozenset[str]], list[str]]
] = weakref.WeakKeyDictionary()
"""Per store database, its :func:`scored_columns` (for the model and shared values
they were worked out from)."""
