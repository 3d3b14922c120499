"""Stable profile ids after re-clustering part of the store, and the events that say so.

Given the records of the re-clustered part (in key order), their new cluster labels,
the profile each one belonged to before (None for a new record) and, per old profile,
the ingest that created it and its size:

* each old profile claims the new cluster holding most of its records (ties: the
  cluster with the smallest key);
* a cluster claimed by one profile keeps its id; by several, the oldest one survives
  (then the larger, then the smaller id) and the others are reported merged into it;
* a cluster claimed by none gets ``id_for(its smallest key)``: the store's keyed id
  (:meth:`goldenrecord.store._secret.Keys.profile_id`), batch's
  :func:`~goldenrecord.profile.profile_id_for` by default;
* an old profile whose records now lie in several clusters is reported split.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence

import attrs

from goldenrecord.profile import profile_id_for
from goldenrecord.store._events import (
    Event,
    ProfileCreated,
    ProfileRemoved,
    ProfilesMerged,
    ProfileSplit,
    RecordAdded,
)

__all__ = ["Assignment", "assign"]


@attrs.frozen
class Assignment:
    """The profile id of each cluster label, and the events of the change."""

    ids: dict[int, str]
    events: list[Event]
    gone: list[str]


def assign(
    keys: Sequence[str],
    labels: Sequence[int],
    before: Sequence[str | None],
    info: Mapping[str, tuple[int, int]],
    taken: Callable[[str], bool],
    *,
    forgotten: Sequence[str] = (),
    id_for: Callable[[str], str] = profile_id_for,
    reasons: Sequence[str] = (),
) -> Assignment:
    """Ids and events; see the module docstring.

    Args:
        keys: record keys, ascending.
        labels: new cluster label per record.
        before: old profile id per record (None: a record new to the store).
        info: old profile id → (creating ingest, size before).
        taken: whether an id is held by a profile (old profiles of this part included:
            an id goes only to the cluster its profile claims).
        forgotten: old profiles that lost records to erasure (may end empty).
        id_for: the id of a new cluster, from its smallest record key.
        reasons: what newly applied in this part (told by a split's event).
    """
    members: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        members.setdefault(label, []).append(i)
    old: dict[str, Counter[int]] = {}
    for i, pid in enumerate(before):
        if pid is not None:
            old.setdefault(pid, Counter())[labels[i]] += 1
    first = {label: rows[0] for label, rows in members.items()}
    claims: dict[int, list[str]] = {}
    for pid, counter in old.items():
        best = max(counter, key=lambda g: (counter[g], -first[g]))
        claims.setdefault(best, []).append(pid)

    ids: dict[int, str] = {}
    events: list[Event] = []
    for label in sorted(members, key=first.__getitem__):
        pids = claims.get(label, [])
        if not pids:
            pid = id_for(keys[first[label]])
            n = 0
            while taken(pid) or pid in ids.values():
                n += 1
                pid = id_for(f"{keys[first[label]]}#{n}")
            ids[label] = pid
            continue
        ranked = sorted(pids, key=lambda p: (info[p][0], -info[p][1], p))
        ids[label] = ranked[0]
        if len(ranked) > 1:
            survivor, second = info[ranked[0]], info[ranked[1]]
            reason = (
                "older"
                if survivor[0] < second[0]
                else "larger"
                if survivor[1] > second[1]
                else "smaller id"
            )
            events.append(ProfilesMerged(ranked[0], tuple(ranked[1:]), reason))
    for pid, counter in sorted(old.items()):
        if len(counter) > 1:
            mine = (
                next(label for label, p in ids.items() if p == pid) if pid in ids.values() else None
            )
            others = tuple(sorted({ids[g] for g in counter if g != mine}))
            if mine is not None:
                events.append(ProfileSplit(pid, others, tuple(reasons)))
    for label, rows in sorted(members.items(), key=lambda kv: first[kv[0]]):
        new = tuple(keys[i] for i in rows if before[i] is None)
        if not new:
            continue
        pid = ids[label]
        if label in claims:
            events.append(RecordAdded(pid, new))
        else:
            events.append(ProfileCreated(pid, tuple(keys[i] for i in rows)))
    for label, pid in ids.items():
        if (
            label not in claims
            and any(before[i] is not None for i in members[label])
            and not any(isinstance(e, ProfileCreated) and e.profile_id == pid for e in events)
        ):
            events.append(ProfileCreated(pid, tuple(keys[i] for i in members[label])))
    alive = set(ids.values())
    gone = sorted(p for p in {*old, *forgotten} if p not in alive)
    merged = {p for e in events if isinstance(e, ProfilesMerged) for p in e.merged_ids}
    events.extend(ProfileRemoved(p) for p in gone if p not in merged)
    return Assignment(ids, events, gone)
