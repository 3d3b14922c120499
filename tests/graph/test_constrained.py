"""Constrained clustering: table cases, a brute-force reference, and properties."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenrecord.errors import SettingsError
from goldenrecord.graph import Clustering, _walk, cluster, connected_components
from goldenrecord.graph._constrained import _Problem, _solve
from goldenrecord.graph._variants import date_variants, given_variants

IntArray = npt.NDArray[np.int64]


def _ints(values: Sequence[int]) -> IntArray:
    return np.array(values, dtype=np.int64)


def _objs(values: Sequence[object]) -> npt.NDArray[np.object_]:
    out = np.empty(len(values), dtype=object)
    out[:] = list(values)
    return out


def _edges(
    triples: Sequence[tuple[int, int, float]],
) -> tuple[IntArray, IntArray, npt.NDArray[np.float64]]:
    left = _ints([a for a, _, _ in triples])
    right = _ints([b for _, b, _ in triples])
    weight = np.array([w for _, _, w in triples], dtype=np.float64)
    return left, right, weight


# --- table cases ---------------------------------------------------------------------


def test_exclusive_identifier_refuses_the_merge() -> None:
    """Two customer numbers never share a cluster, even through a strong edge."""
    left, right, weight = _edges([(0, 1, 12.0), (1, 2, 10.0)])
    ids = _objs(["C1", None, "C2"])
    result = cluster(3, left, right, weight, values={"customer_no": ids}, limits={"customer_no": 1})
    assert result.labels.tolist() == [0, 0, 2]
    assert result.accepted.tolist() == [True, False]
    assert result.refused.tolist() == [1]
    assert result.refused_by == ("customer_no",)
    assert result.counts == {"customer_no": 1}


def test_stronger_edge_wins_the_exclusive_identifier() -> None:
    """The record between two customer numbers joins the one it matches best."""
    left, right, weight = _edges([(0, 1, 5.0), (1, 2, 10.0)])
    ids = _objs(["C1", None, "C2"])
    result = cluster(3, left, right, weight, values={"customer_no": ids}, limits={"customer_no": 1})
    assert result.labels.tolist() == [0, 1, 1]
    assert result.refused.tolist() == [0]


def test_household_sharing_a_phone_is_kept_apart_by_customer_numbers() -> None:
    """Two people sharing a landline stay two clusters; each keeps its own records."""
    # 0, 1: Ann (customer A); 2, 3: Bob (customer B); every pair shares the phone.
    pairs = [(0, 1, 14.0), (2, 3, 13.0), (0, 2, 6.0), (0, 3, 6.0), (1, 2, 6.0), (1, 3, 6.0)]
    left, right, weight = _edges(pairs)
    ids = _objs(["A", None, "B", "B"])
    result = cluster(4, left, right, weight, values={"customer_no": ids}, limits={"customer_no": 1})
    assert result.labels.tolist() == [0, 0, 2, 2]
    assert sorted(result.refused.tolist()) == [2, 3, 4, 5]
    assert set(result.refused_by) == {"customer_no"}
    assert result.n_clusters == 2


def test_limit_of_two_emails() -> None:
    """A cluster takes a second email but refuses a third."""
    left, right, weight = _edges([(0, 1, 9.0), (1, 2, 8.0), (2, 3, 7.0)])
    emails = _objs(["a@x.io", "b@x.io", "a@x.io", "c@x.io"])
    result = cluster(4, left, right, weight, values={"email": emails}, limits={"email": 2})
    assert result.labels.tolist() == [0, 0, 0, 3]
    assert result.refused.tolist() == [2]
    assert result.refused_by == ("email",)


def test_one_record_per_source() -> None:
    """Two records of one source never share a cluster; records without a source do."""
    left, right, weight = _edges([(0, 1, 9.0), (1, 2, 8.0), (2, 3, 7.0), (3, 4, 6.0)])
    groups = _ints([0, 1, 0, -1, -1])
    result = cluster(5, left, right, weight, groups=groups)
    assert result.labels.tolist() == [0, 0, 2, 2, 2]
    assert result.refused.tolist() == [1]
    assert result.refused_by == ("one_per_source",)
    assert result.constraints == ("one_per_source",)


def test_must_link_wins_over_a_value_limit_and_is_recorded() -> None:
    """A must-link joins two customer numbers; the break is recorded as forced."""
    left, right, weight = _edges([(1, 2, 9.0)])
    ids = _objs(["C1", "C2", "C1"])
    result = cluster(
        3,
        left,
        right,
        weight,
        values={"customer_no": ids},
        limits={"customer_no": 1},
        must_link=(_ints([1]), _ints([0])),
    )
    assert result.labels.tolist() == [0, 0, 0]
    assert result.forced.tolist() == [0]
    assert result.forced_by == ("customer_no",)
    assert result.forced_counts == {"customer_no": 1}
    assert result.accepted.tolist() == [True]  # C1 is already in the forced cluster
    assert result.must_link[0].tolist() == [0]
    assert result.must_link[1].tolist() == [1]


def test_forced_cluster_refuses_a_new_value() -> None:
    """A cluster forced over its limit takes no further distinct value."""
    left, right, weight = _edges([(1, 2, 9.0)])
    ids = _objs(["C1", "C2", "C3"])
    result = cluster(
        3,
        left,
        right,
        weight,
        values={"customer_no": ids},
        limits={"customer_no": 1},
        must_link=(_ints([0]), _ints([1])),
    )
    assert result.labels.tolist() == [0, 0, 2]
    assert result.refused_by == ("customer_no",)


def test_two_forced_clusters_with_the_same_values_may_join() -> None:
    """Joining two clusters forced over a limit breaks nothing new when no value is new."""
    left, right, weight = _edges([(1, 2, 9.0), (3, 4, 8.0)])
    ids = _objs(["X", "Y", "Y", "X", "Z"])
    result = cluster(
        5,
        left,
        right,
        weight,
        values={"id": ids},
        limits={"id": 1},
        must_link=(_ints([0, 3]), _ints([1, 2])),
    )
    assert result.labels.tolist() == [0, 0, 0, 0, 4]
    assert result.forced_by == ("id", "id")
    assert result.accepted.tolist() == [True, False]  # {X, Y} + {X, Y} adds nothing; Z would
    assert result.refused_by == ("id",)


def test_cannot_link_through_a_chain() -> None:
    """A cannot-link pair is kept apart even when only a chain would join it."""
    left, right, weight = _edges([(0, 1, 9.0), (1, 2, 8.0), (2, 3, 7.0)])
    result = cluster(4, left, right, weight, cannot_link=(_ints([3]), _ints([0])))
    assert result.labels.tolist() == [0, 0, 0, 3]
    assert result.refused.tolist() == [2]
    assert result.refused_by == ("cannot_link",)


def test_must_link_joins_records_without_an_edge() -> None:
    """Must-link pairs join records that share no edge at all."""
    left, right, weight = _edges([])
    result = cluster(3, left, right, weight, must_link=(_ints([2]), _ints([0])))
    assert result.labels.tolist() == [0, 1, 0]
    assert result.forced.size == 0


@pytest.mark.parametrize(
    ("must", "cannot", "count"),
    [
        (([0], [1]), ([1], [0]), 1),
        (([0, 1], [1, 2]), ([0, 2], [2, 0]), 2),
        (([0], [1]), ([2], [2]), 1),
    ],
)
def test_contradiction_names_how_many_pairs(
    must: tuple[list[int], list[int]], cannot: tuple[list[int], list[int]], count: int
) -> None:
    """Must-links and cannot-links that contradict (directly or by chain) raise."""
    left, right, weight = _edges([])
    with pytest.raises(SettingsError, match=rf"^{count} cannot-link pair\(s\) contradict"):
        cluster(
            3,
            left,
            right,
            weight,
            must_link=(_ints(must[0]), _ints(must[1])),
            cannot_link=(_ints(cannot[0]), _ints(cannot[1])),
        )


def test_empty_input() -> None:
    """No records, no edges: an empty clustering."""
    left, right, weight = _edges([])
    result = cluster(0, left, right, weight, groups=_ints([]))
    assert result.labels.tolist() == []
    assert result.accepted.tolist() == []
    assert result.n_clusters == 0
    assert repr(result) == "Clustering(records=0, clusters=0, accepted=0, refused=0)"


def test_single_record() -> None:
    """One record with a self edge is one cluster, the edge accepted."""
    left, right, weight = _edges([(0, 0, 3.0)])
    result = cluster(
        1, left, right, weight, values={"email": _objs(["a@x.io"])}, limits={"email": 1}
    )
    assert result.labels.tolist() == [0]
    assert result.accepted.tolist() == [True]
    assert result.members(0).tolist() == [0]


def test_missing_values_are_none_or_nan_and_integer_codes_work() -> None:
    """None and NaN hold no value; integer arrays are codes with -1 for none."""
    left, right, weight = _edges([(0, 1, 9.0), (1, 2, 8.0)])
    for ids in (_objs([float("nan"), 7, float("nan")]), _ints([-1, 7, -1])):
        result = cluster(3, left, right, weight, values={"id": ids}, limits={"id": 1})
        assert result.labels.tolist() == [0, 0, 0]


def test_large_integer_codes_and_groups() -> None:
    """Integer codes and groups far beyond the record count work as well as small ones."""
    left, right, weight = _edges([(0, 1, 9.0), (1, 2, 8.0), (2, 3, 7.0), (4, 5, 6.0)])
    big = 2**62
    ids = _ints([big, -5, big - 1, big - 1, big, big - 1])
    groups = _ints([big, -1, 7, 7, -1, -1])
    result = cluster(6, left, right, weight, values={"id": ids}, limits={"id": 1}, groups=groups)
    assert result.labels.tolist() == [0, 0, 2, 3, 4, 5]
    assert result.refused_by == ("id", "one_per_source", "id")


def test_repr_counts_and_members() -> None:
    """The repr is short; members lists a cluster; a non-label is refused."""
    left, right, weight = _edges([(0, 2, 9.0), (1, 2, 8.0)])
    result = cluster(3, left, right, weight, groups=_ints([0, 0, 1]))
    assert repr(result) == "Clustering(records=3, clusters=2, accepted=1, refused=1)"
    assert result.members(0).tolist() == [0, 2]
    with pytest.raises(SettingsError, match="label names no cluster"):
        result.members(2)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"values": {"email": _objs(["a"])}}, "values 'email' has no limit"),
        ({"values": {"email": _objs(["a"])}, "limits": {"email": 0}}, r"limits\['email'\]"),
        ({"limits": {"phone": 2}}, r"limits\['phone'\] has no values"),
        ({"values": {"x": _objs(["a", "b"])}, "limits": {"x": 1}}, "one value per record"),
        ({"values": {"one_per_source": _objs(["a"])}, "limits": {}}, "reserved"),
        ({"groups": _ints([0, 1])}, "groups must hold one integer per record"),
        ({"must_link": (_ints([0]), _ints([4]))}, "must_link hold record indices outside"),
        ({"cannot_link": (_ints([0]), _ints([0, 0]))}, "cannot_link must be two integer arrays"),
        ({"values": {"x": _objs([["a"]])}, "limits": {"x": 1}}, "hashable"),
    ],
)
def test_settings_errors(kwargs: dict[str, Any], message: str) -> None:
    """Configuration mistakes raise SettingsError naming the option."""
    with pytest.raises(SettingsError, match=message):
        cluster(1, _ints([]), _ints([]), np.zeros(0), **kwargs)


def test_all_problems_reported_at_once() -> None:
    """Several mistakes are listed in one message."""
    with pytest.raises(SettingsError) as info:
        cluster(
            2,
            _ints([0]),
            _ints([5]),
            np.array([np.nan]),
            values={"a": _objs(["x", "y"])},
            limits={"a": -1},
        )
    text = str(info.value)
    assert "edges hold record indices outside" in text
    assert "NaN" in text
    assert "limits['a'] must be >= 1" in text


def test_messages_carry_no_values() -> None:
    """No personal value reaches an error message."""
    with pytest.raises(SettingsError) as info:
        cluster(1, _ints([]), _ints([]), np.zeros(0), values={"email": _objs(["ann@x.io"])})
    assert "ann@x.io" not in str(info.value)


# --- reference and properties --------------------------------------------------------


@attrs.frozen
class Case:
    """A random clustering problem (hypothesis draws these)."""

    n: int
    edges: list[tuple[int, int, float]]
    values: dict[str, list[object]]
    limits: dict[str, int]
    groups: list[int] | None
    must: list[tuple[int, int]]
    cannot: list[tuple[int, int]]

    def run(self, *, fast: bool = True, perm: Sequence[int] | None = None) -> Clustering:
        edges = self.edges if perm is None else [self.edges[i] for i in perm]
        left, right, weight = _edges(edges)
        problem = _Problem.build(
            self.n,
            left,
            right,
            weight,
            {k: _objs(v) for k, v in self.values.items()},
            self.limits,
            None if self.groups is None else _ints(self.groups),
            _pairs(self.must) if self.must else None,
            _pairs(self.cannot) if self.cannot else None,
        )
        return _solve(problem, fast=fast)


def _pairs(pairs: list[tuple[int, int]]) -> tuple[IntArray, IntArray]:
    return _ints([a for a, _ in pairs]), _ints([b for _, b in pairs])


def _breaks(case: Case, a: set[int], b: set[int]) -> str | None:
    """The first constraint that joining member sets ``a`` and ``b`` breaks, by brute force."""
    both = a | b
    if any(x in both and y in both for x, y in case.cannot):
        return "cannot_link"
    for name, column in case.values.items():
        held = [{column[i] for i in part if column[i] is not None} for part in (a, b, both)]
        if len(held[2]) > case.limits[name] and len(held[2]) > max(len(held[0]), len(held[1])):
            return name
    if case.groups is not None:
        ga = {case.groups[i] for i in a if case.groups[i] >= 0}
        gb = {case.groups[i] for i in b if case.groups[i] >= 0}
        if ga & gb:
            return "one_per_source"
    return None


def _reference(case: Case) -> tuple[list[int], list[str | None], list[str | None]]:
    """Labels, per-edge refusal and per-must-link break, from member sets (no union-find)."""
    owner = {i: {i} for i in range(case.n)}

    def join(x: int, y: int) -> None:
        merged = owner[x] | owner[y]
        for i in merged:
            owner[i] = merged

    forced: list[str | None] = [None] * len(case.must)
    for k in sorted(range(len(case.must)), key=lambda k: sorted(case.must[k])):
        x, y = case.must[k]
        if owner[x] is not owner[y]:
            forced[k] = _breaks(case, owner[x], owner[y])
            join(x, y)
    refused: list[str | None] = [None] * len(case.edges)
    order = sorted(
        range(len(case.edges)),
        key=lambda e: (-case.edges[e][2], *sorted(case.edges[e][:2])),
    )
    for e in order:
        x, y, _ = case.edges[e]
        if owner[x] is owner[y]:
            continue
        refused[e] = _breaks(case, owner[x], owner[y])
        if refused[e] is None:
            join(x, y)
    return [min(owner[i]) for i in range(case.n)], refused, forced


def _contradicts(n: int, must: list[tuple[int, int]], a: int, b: int) -> bool:
    labels = connected_components(n, *_pairs(must)) if must else np.arange(n)
    return bool(labels[a] == labels[b])


@st.composite
def cases(draw: st.DrawFn, max_n: int = 12, constraints: bool = True) -> Case:
    n = draw(st.integers(1, max_n))
    node = st.integers(0, n - 1)
    weight = st.sampled_from([1.0, 2.0, 3.0, 5.0])  # few weights: many ties
    edges = draw(st.lists(st.tuples(node, node, weight), max_size=3 * n))
    values: dict[str, list[object]] = {}
    limits: dict[str, int] = {}
    groups = None
    must: list[tuple[int, int]] = []
    cannot: list[tuple[int, int]] = []
    if constraints:
        for name in draw(st.sets(st.sampled_from(["id", "email"]))):
            alphabet = st.sampled_from([None, "a", "b", "c", "d"])
            values[name] = draw(st.lists(alphabet, min_size=n, max_size=n))
            limits[name] = draw(st.integers(1, 3))
        if draw(st.booleans()):
            groups = draw(st.lists(st.integers(-1, 2), min_size=n, max_size=n))
        must = draw(st.lists(st.tuples(node, node), max_size=2))
        cannot = [
            (a, b)
            for a, b in draw(st.lists(st.tuples(node, node), max_size=3))
            if not _contradicts(n, must, a, b)
        ]
    return Case(n, edges, values, limits, groups, must, cannot)


@settings(max_examples=300, deadline=None)
@given(cases())
def test_equals_brute_force_reference(case: Case) -> None:
    """Labels, refusals and forced breaks equal a member-set reference: fast or slow,
    "may not meet" states kept as bit masks or as sets."""
    labels, refused, forced = _reference(case)
    for fast, mask_bits in ((True, 1024), (False, 1024), (True, 0)):
        setattr(_walk, "_MASK_BITS", mask_bits)  # noqa: B010 (a Final, for the test)
        try:
            result = case.run(fast=fast)
        finally:
            setattr(_walk, "_MASK_BITS", 1024)  # noqa: B010
        assert result.labels.tolist() == labels
        got: list[str | None] = [None] * len(case.edges)
        for e, name in zip(result.refused.tolist(), result.refused_by, strict=True):
            got[e] = name
        assert got == refused
        assert result.accepted.tolist() == [r is None for r in refused]
        got_forced: list[str | None] = [None] * len(case.must)
        for k, name in zip(result.forced.tolist(), result.forced_by, strict=True):
            got_forced[k] = name
        assert got_forced == forced


@settings(max_examples=200, deadline=None)
@given(cases(), st.randoms(use_true_random=False), st.booleans())
def test_same_result_for_shuffled_and_flipped_edges(case: Case, rnd: Any, flip: bool) -> None:
    """Any order of the edge arrays, either orientation, gives the same clustering."""
    base = case.run()
    perm = list(range(len(case.edges)))
    rnd.shuffle(perm)
    if flip:
        case = attrs.evolve(case, edges=[(b, a, w) for a, b, w in case.edges])
    moved = case.run(perm=perm)
    assert moved.labels.tolist() == base.labels.tolist()
    assert moved.accepted.tolist() == base.accepted[perm].tolist()
    before = dict(zip(base.refused.tolist(), base.refused_by, strict=True))
    after = dict(zip(moved.refused.tolist(), moved.refused_by, strict=True))
    assert after == {i: before[perm[i]] for i in range(len(perm)) if perm[i] in before}


@settings(max_examples=200, deadline=None)
@given(cases())
def test_no_cluster_breaks_a_constraint_without_must_links(case: Case) -> None:
    """Every record is in one cluster and no cluster breaks a constraint."""
    case = attrs.evolve(case, must=[])
    result = case.run()
    labels = result.labels
    assert labels.shape == (case.n,)
    assert all(labels[labels[i]] == labels[i] <= i for i in range(case.n))
    for label in np.unique(labels).tolist():
        members = np.flatnonzero(labels == label).tolist()
        for name, column in case.values.items():
            held = {column[i] for i in members if column[i] is not None}
            assert len(held) <= case.limits[name]
        if case.groups is not None:
            sources = [case.groups[i] for i in members if case.groups[i] >= 0]
            assert len(sources) == len(set(sources))
        assert not any(a in members and b in members for a, b in case.cannot)


@settings(max_examples=200, deadline=None)
@given(cases(constraints=False))
def test_without_constraints_equals_connected_components(case: Case) -> None:
    """With no constraint, clusters are the connected components and nothing is refused."""
    left, right, weight = _edges(case.edges)
    result = cluster(case.n, left, right, weight)
    assert result.labels.tolist() == connected_components(case.n, left, right).tolist()
    assert result.accepted.all()
    assert result.n_sequential == 0


@settings(max_examples=150, deadline=None)
@given(cases())
def test_a_refused_edge_breaks_its_constraint_at_its_turn(case: Case) -> None:
    """Replaying the edges before a refused one, joining its two clusters breaks the named one."""
    result = case.run()
    order = sorted(
        range(len(case.edges)),
        key=lambda e: (-case.edges[e][2], *sorted(case.edges[e][:2])),
    )
    for e, name in zip(result.refused.tolist(), result.refused_by, strict=True):
        before = [case.edges[f] for f in order[: order.index(e)]]
        state = attrs.evolve(case, edges=before).run().labels
        x, y, _ = case.edges[e]
        a = set(np.flatnonzero(state == state[x]).tolist())
        b = set(np.flatnonzero(state == state[y]).tolist())
        assert a != b
        assert _breaks(case, a, b) == name


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_fast_path_equals_sequential_path_on_larger_graphs(seed: int) -> None:
    """Hundreds of records, some components clean and some not: both paths agree."""
    rng = np.random.default_rng(seed)
    n = 400
    person = np.sort(rng.integers(0, 150, n))
    left = rng.integers(0, n, 1200)
    right = np.clip(left + rng.integers(-3, 4, left.size), 0, n - 1)
    keep = (person[left] == person[right]) | (rng.random(left.size) < 0.05)
    left, right = left[keep], right[keep]
    weight = rng.integers(0, 8, left.size).astype(np.float64)
    ids = np.where(rng.random(n) < 0.3, person + (rng.random(n) < 0.1), -1)
    emails = _objs([None if v < 0 else f"e{v}" for v in rng.integers(-3, 200, n).tolist()])
    problem = _Problem.build(
        n,
        left,
        right,
        weight,
        {"id": ids, "email": emails},
        {"id": 1, "email": 2},
        rng.integers(-1, 6, n),
        (rng.integers(0, n, 3), rng.integers(0, n, 3)),
        None,
    )
    fast, slow = _solve(problem, fast=True), _solve(problem, fast=False)
    assert fast.labels.tolist() == slow.labels.tolist()
    assert fast.accepted.tolist() == slow.accepted.tolist()
    assert fast.refused_by == slow.refused_by
    assert fast.forced.tolist() == slow.forced.tolist()
    assert slow.n_sequential == left.size


def test_fast_path_skips_clean_components() -> None:
    """Only the component that could break a constraint goes through the loop."""
    left, right, weight = _edges([(0, 1, 5.0), (2, 3, 5.0), (3, 4, 4.0)])
    ids = _objs(["A", "A", "B", None, "C"])
    result = cluster(5, left, right, weight, values={"id": ids}, limits={"id": 1})
    assert result.n_sequential == 2
    assert result.labels.tolist() == [0, 0, 2, 2, 4]


def test_mapping_order_sets_the_checking_order() -> None:
    """When a union breaks two value limits, the first name given is reported."""
    left, right, weight = _edges([(0, 1, 5.0)])
    values: Mapping[str, npt.NDArray[Any]] = {
        "phone": _objs(["p", "q"]),
        "email": _objs(["a", "b"]),
    }
    result = cluster(2, left, right, weight, values=values, limits={"email": 1, "phone": 1})
    assert result.refused_by == ("phone",)
    assert result.constraints == ("phone", "email")


# --- variant limits ------------------------------------------------------------------


def _dates(n_dates: int) -> dict[str, Any]:
    return {"variants": {"dob": date_variants}, "limits": {"dob": n_dates}}


def test_a_typo_in_the_date_of_birth_is_no_second_date() -> None:
    """Dates one digit apart, or with day and month swapped, stay one variant group."""
    left, right, weight = _edges([(0, 1, 9.0), (1, 2, 8.0), (2, 3, 7.0)])
    dob = _objs(["1980-03-07", "1980-03-08", "1980-07-03", "1981-03-07"])
    result = cluster(4, left, right, weight, values={"dob": dob}, **_dates(1))
    assert result.labels.tolist() == [0, 0, 0, 0]
    assert result.refused.size == 0


def test_a_chain_of_dates_of_birth_is_refused_beyond_the_limit() -> None:
    """Strangers chained by strong edges: a third unrelated date is refused, and the
    refusal is reported under the column."""
    left, right, weight = _edges([(0, 1, 9.0), (1, 2, 8.0), (2, 3, 7.0), (3, 4, 6.0)])
    dob = _objs(["1980-03-07", "1955-11-21", "1955-11-22", "1991-06-30", None])
    result = cluster(5, left, right, weight, values={"dob": dob}, **_dates(2))
    assert result.labels.tolist() == [0, 0, 0, 3, 3]
    assert result.refused.tolist() == [2]
    assert result.refused_by == ("dob",)
    plain = cluster(5, left, right, weight, values={"dob": dob}, limits={"dob": 2})
    # Counted as values, the typo 1955-11-22 is a second date: the chain breaks earlier.
    assert plain.labels.tolist() == [0, 0, 2, 2, 2]


def test_representatives_come_from_the_larger_cluster() -> None:
    """A date that is a variant of a representative joins its group; one that is a
    variant of a mere member does not (groups are not chained by typos)."""
    left, right, weight = _edges([(0, 1, 9.0), (0, 2, 8.0), (2, 3, 7.0)])
    # 1980-03-07 is the representative; 1980-03-08 is its variant; 1990-03-08 is a
    # variant of 1980-03-08 only.
    dob = _objs(["1980-03-07", "1980-03-07", "1980-03-08", "1990-03-08"])
    result = cluster(4, left, right, weight, values={"dob": dob}, **_dates(1))
    assert result.labels.tolist() == [0, 0, 0, 3]
    assert result.refused_by == ("dob",)


def test_must_link_forces_a_new_group_and_a_later_merge_adding_none_is_accepted() -> None:
    """A reviewer's link may put two unrelated dates together; a later record whose
    date is a variant of one of them still joins."""
    left, right, weight = _edges([(1, 2, 5.0)])
    dob = _objs(["1980-03-07", "1955-11-21", "1955-11-22"])
    result = cluster(
        3, left, right, weight, values={"dob": dob}, must_link=(_ints([0]), _ints([1])), **_dates(1)
    )
    assert result.forced_by == ("dob",)
    assert result.labels.tolist() == [0, 0, 0]


def test_variants_errors_name_the_option() -> None:
    with pytest.raises(SettingsError, match=r"variants 'dob' has no values"):
        cluster(1, _ints([]), _ints([]), np.zeros(0), variants={"dob": date_variants})
    with pytest.raises(SettingsError, match=r"variants\['dob'\] must be a callable"):
        cluster(
            1,
            _ints([]),
            _ints([]),
            np.zeros(0),
            values={"dob": _objs(["1980-01-01"])},
            limits={"dob": 2},
            variants={"dob": "dates"},  # type: ignore[dict-item]
        )


def test_integer_codes_with_variants_pass_the_integers_to_the_relation() -> None:
    """Integer values reach the relation as themselves, not as renumbered codes."""
    left, right, weight = _edges([(0, 1, 3.0), (1, 2, 2.0)])
    near = {"n": lambda a, b: abs(a - b) <= 10}
    values = {"n": np.array([1000, 1005, 5000], dtype=np.int64)}
    result = cluster(3, left, right, weight, values=values, limits={"n": 1}, variants=near)
    assert result.labels.tolist() == [0, 0, 2]


POOL = ["2000-01-01", "2000-01-02", "2000-02-01", "2001-01-01", "2010-01-02", "1990-05-05", None]


def _variant_reference(
    n: int, edges: list[tuple[int, int, float]], dob: list[str | None], limit: int
) -> tuple[list[int], list[int]]:
    """Labels and refused edges by plain lists: union by size (the lower root between
    equal sizes), the surviving root's representatives first."""
    root, size = list(range(n)), [1] * n
    reps: list[list[str]] = [[] if v is None else [v] for v in dob]

    def find(x: int) -> int:
        while root[x] != x:
            x = root[x]
        return x

    refused = []
    order = sorted(range(len(edges)), key=lambda e: (-edges[e][2], *sorted(edges[e][:2])))
    for e in order:
        a, b = find(edges[e][0]), find(edges[e][1])
        if a == b:
            continue
        if size[a] < size[b] or (size[a] == size[b] and b < a):
            a, b = b, a
        new = [y for y in reps[b] if not any(date_variants(x, y) for x in reps[a])]
        if new and len(reps[a]) + len(new) > limit:
            refused.append(e)
            continue
        root[b], size[a], reps[a] = a, size[a] + size[b], reps[a] + new
    labels = [min(i for i in range(n) if find(i) == find(j)) for j in range(n)]
    return labels, sorted(refused)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_variant_limit_equals_a_list_reference(data: st.DataObject) -> None:
    """Fast or slow, the union-find's variant groups equal a plain-list reference, and
    no cluster holds more representatives than the limit."""
    n = data.draw(st.integers(1, 12))
    node = st.integers(0, n - 1)
    edges = data.draw(
        st.lists(st.tuples(node, node, st.sampled_from([1.0, 2.0, 3.0])), max_size=30)
    )
    dob = data.draw(st.lists(st.sampled_from(POOL), min_size=n, max_size=n))
    limit = data.draw(st.integers(1, 3))
    labels, refused = _variant_reference(n, edges, dob, limit)
    left, right, weight = _edges(edges)
    problem = _Problem.build(
        n,
        left,
        right,
        weight,
        {"dob": _objs(dob)},
        {"dob": limit},
        None,
        None,
        None,
        {"dob": date_variants},
    )
    for fast in (True, False):
        result = _solve(problem, fast=fast)
        assert result.labels.tolist() == labels
        assert result.refused.tolist() == refused


def test_a_shared_exclusive_identifier_overrides_the_variant_limit() -> None:
    """Records of one customer number are one person even with unrelated dates of
    birth (a clerical mess); without the shared number the dates keep them apart."""
    left, right, weight = _edges([(0, 1, 9.0), (1, 2, 8.0)])
    dob = _objs(["1980-03-07", "1955-11-21", "1991-06-30"])
    ids = _objs(["C1", "C1", None])
    result = cluster(
        3,
        left,
        right,
        weight,
        values={"customer_no": ids, "dob": dob},
        limits={"customer_no": 1, "dob": 2},
        variants={"dob": date_variants},
    )
    assert result.labels.tolist() == [0, 0, 2]
    assert result.refused_by == ("dob",)


def test_a_vouchable_limit_yields_only_to_a_vouched_edge() -> None:
    """Two given names that cannot be one person's stay apart when the match between
    them rests on household evidence; a match on a personal value (vouched) joins
    them, and a vouchable limit binds unvouched edges only."""
    left, right, weight = _edges([(0, 1, 9.0), (1, 2, 8.0)])
    given = _objs(
        [
            (("marie",), ("bernard", "marie"), None, None),
            (("marie",), ("bernard", "marie"), None, None),
            (("catherine",), ("bernard", "catherine"), None, None),
        ]
    )
    options: dict[str, Any] = {
        "values": {"given": given},
        "limits": {"given": 1},
        "variants": {"given": given_variants},
        "vouchable": ("given",),
    }
    apart = cluster(3, left, right, weight, vouched=np.array([False, False]), **options)
    assert apart.labels.tolist() == [0, 0, 2]
    assert apart.refused_by == ("given",)
    joined = cluster(3, left, right, weight, vouched=np.array([False, True]), **options)
    assert joined.labels.tolist() == [0, 0, 0]
    with pytest.raises(SettingsError, match="vouched must hold one flag per edge"):
        cluster(3, left, right, weight, vouched=np.array([True]), **options)
