"""Profile ids after re-clustering: merges keep the older (then larger) id, splits keep
the id on the larger part, a split-off part never takes an id in use."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from goldenrecord.profile import profile_id_for
from goldenrecord.store import ProfileCreated, ProfilesMerged, ProfileSplit, RecordAdded
from goldenrecord.store._assign import assign

P = profile_id_for("a")
Q = profile_id_for("c")


def free(profile_id: str) -> bool:
    """No id is in use elsewhere."""
    return False


def test_split_keeps_the_id_on_the_larger_part_and_never_reuses_it() -> None:
    out = assign(["a", "b", "c"], [0, 1, 1], [P, P, P], {P: (1, 3)}, lambda p: p == P)
    assert out.ids[1] == P
    assert out.ids[0] not in (P,)
    assert ProfileSplit(P, (out.ids[0],)) in out.events


def test_merge_keeps_the_older_then_the_larger_id() -> None:
    older = assign(["a", "b", "c"], [0, 0, 0], [P, None, Q], {P: (2, 1), Q: (1, 1)}, free)
    assert older.ids[0] == Q
    assert ProfilesMerged(Q, (P,), "older") in older.events
    assert RecordAdded(Q, ("b",)) in older.events
    larger = assign(["a", "b", "c"], [0, 0, 0], [P, P, Q], {P: (1, 2), Q: (1, 1)}, free)
    assert larger.ids[0] == P
    assert ProfilesMerged(P, (Q,), "larger") in larger.events
    assert larger.gone == [Q]


def test_new_records_alone_get_the_id_of_their_smallest_key() -> None:
    out = assign(["x", "y"], [0, 0], [None, None], {}, free)
    assert out.events == [ProfileCreated(profile_id_for("x"), ("x", "y"))]


@given(st.lists(st.integers(0, 4), min_size=1, max_size=12), st.integers(0, 2**8))
def test_ids_are_unique_and_every_old_profile_is_accounted_for(
    labels: list[int], seed: int
) -> None:
    """Property: one distinct id per cluster; an old id is kept by at most one cluster, and
    every old id is either kept or reported merged or removed."""
    keys = [f"k{i:02d}" for i in range(len(labels))]
    olds = [profile_id_for(f"old{(seed >> i) % 3}") for i in range(len(labels))]
    before: list[str | None] = [o if (seed >> i) % 2 else None for i, o in enumerate(olds)]
    info = {p: (i, 1) for i, p in enumerate(sorted({b for b in before if b is not None}))}
    out = assign(keys, labels, before, info, info.__contains__)
    assert len(set(out.ids.values())) == len(out.ids) == len(set(labels))
    merged = {p for e in out.events if isinstance(e, ProfilesMerged) for p in e.merged_ids}
    for pid in info:
        assert (pid in out.ids.values()) != (pid in merged or pid in out.gone)
