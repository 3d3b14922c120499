"""IdentityGraph: graphs, paths and answers over a clustering, keys and weights only."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenrecord.errors import SettingsError
from goldenrecord.graph import IdentityGraph, Why, cluster

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def _build(
    keys: Sequence[str],
    triples: Sequence[tuple[int, int, float]],
    *,
    ids: Sequence[object] | None = None,
    must: tuple[list[int], list[int]] | None = None,
    explain: object = None,
) -> IdentityGraph:
    left = np.array([a for a, _, _ in triples], dtype=np.int64)
    right = np.array([b for _, b, _ in triples], dtype=np.int64)
    weight = np.array([w for _, _, w in triples], dtype=np.float64)
    values = {}
    if ids is not None:
        column = np.empty(len(ids), dtype=object)
        column[:] = list(ids)
        values["customer_no"] = column
    result = cluster(
        len(keys),
        left,
        right,
        weight,
        values=values,
        limits=dict.fromkeys(values, 1),
        must_link=None if must is None else (np.array(must[0]), np.array(must[1])),
    )
    probability = 2.0**weight / (1.0 + 2.0**weight)
    return IdentityGraph.for_records(
        keys,
        left,
        right,
        weight,
        probability,
        result,
        explain=explain,  # type: ignore[arg-type]
    )


# Two people sharing a phone: a, b carry customer A; c, d carry customer B.
HOUSEHOLD = [(0, 1, 14.0), (2, 3, 13.0), (1, 2, 6.0), (0, 3, 5.0)]
KEYS = ["a", "b", "c", "d"]


def _household() -> IdentityGraph:
    return _build(KEYS, HOUSEHOLD, ids=["ann-001", None, "bob-002", None])


def test_whole_graph_nodes_and_edge_attributes() -> None:
    """Every record is a node with its cluster; every edge carries its outcome."""
    graph = _household().to_networkx()
    assert dict(graph.nodes(data="cluster")) == {"a": "a", "b": "a", "c": "c", "d": "c"}
    assert graph.number_of_edges() == 4
    refused = graph.edges["b", "c"]
    assert refused["accepted"] is False
    assert refused["refused_by"] == "customer_no"
    assert refused["weight"] == 6.0
    assert refused["must_link"] is False
    kept = graph.edges["a", "b"]
    assert kept["accepted"] is True
    assert kept["refused_by"] is None
    assert kept["probability"] == pytest.approx(2**14 / (1 + 2**14))


def test_one_cluster_graph_by_key_or_label() -> None:
    """A cluster's graph: its records and edges, plus the refused edges touching it."""
    identity = _household()
    by_key = identity.to_networkx("d")
    by_label = identity.to_networkx(2)
    for graph in (by_key, by_label):
        assert sorted(graph.nodes) == ["a", "b", "c", "d"]  # a, b via refused edges
        assert sorted(tuple(sorted(e)) for e in graph.edges) == [
            ("a", "d"),
            ("b", "c"),
            ("c", "d"),
        ]
        assert graph.graph["cluster"] == "c"
        assert graph.nodes["a"]["cluster"] == "a"
    lone = _build(["x", "y"], []).to_networkx("y")
    assert list(lone.nodes) == ["y"]


def test_bad_cluster_names_raise() -> None:
    """A label that names no cluster, or a non-key, is a SettingsError."""
    identity = _household()
    for which in (1, 9, -1, True, 2.0):
        with pytest.raises(SettingsError):
            identity.to_networkx(which)  # type: ignore[arg-type]


def test_path_takes_the_strongest_weakest_link() -> None:
    """The path avoids a weak direct edge when a two-step route is stronger."""
    identity = _build(["a", "b", "c"], [(0, 1, 3.0), (0, 2, 9.0), (2, 1, 8.0)])
    assert identity.path("a", "b") == [("a", "c", 9.0), ("c", "b", 8.0)]
    assert identity.path("b", "a") == [("b", "c", 8.0), ("c", "a", 9.0)]
    assert identity.path("a", "a") == []


def test_path_between_clusters_is_empty_and_must_links_show() -> None:
    """Records apart have no path; a must-link appears with infinite weight."""
    identity = _household()
    assert identity.path("a", "c") == []
    forced = _build(["a", "b", "c"], [(1, 2, 4.0)], must=([0], [1]))
    assert forced.path("a", "c") == [("a", "b", float("inf")), ("b", "c", 4.0)]
    graph = forced.to_networkx()
    assert graph.edges["a", "b"]["must_link"] is True


def test_why_apart_names_the_refusal_and_no_values() -> None:
    """Why two records are apart: the refused edges and their constraint, keys only."""
    why = _household().why("b", "d")
    assert why == Why(
        key_a="b",
        key_b="d",
        cluster_a="a",
        cluster_b="c",
        same_cluster=False,
        path=(),
        refused=(("b", "c", 6.0, "customer_no"), ("a", "d", 5.0, "customer_no")),
    )
    text = str(why)
    assert text.splitlines()[0] == "b and d are in different clusters (a and c)."
    assert "2 matches between the two clusters were refused" in text
    assert "ann-001" not in text
    assert "bob-002" not in text


def test_why_together_gives_the_path() -> None:
    """Why two records are together: the chain and its weakest link."""
    identity = _build(["a", "b", "c"], [(0, 1, 3.0), (0, 2, 9.0), (2, 1, 8.0)])
    why = identity.why("a", "b")
    assert why.same_cluster
    assert why.path == (("a", "c", 9.0), ("c", "b", 8.0))
    assert why.refused == ()
    assert str(why).splitlines() == [
        "a and b are in the same cluster (a).",
        "They were joined by 2 matches: a – c (weight 9.00), c – b (weight 8.00).",
        "The weakest link weighs 8.00.",
    ]


def test_why_apart_without_any_link_and_with_a_forced_cluster() -> None:
    """Clusters with no accepted edge between them say so; forced breaks are named."""
    why = _build(["a", "b"], []).why("a", "b")
    assert str(why).splitlines()[-1] == "No accepted match links the two clusters."
    forced = _build(["a", "b", "c"], [], ids=["X", "Y", None], must=([0], [1])).why("a", "b")
    assert forced.forced == ("customer_no",)
    assert forced.path == (("a", "b", float("inf")),)
    assert "a – b (must-link)" in str(forced)
    assert str(forced).splitlines()[-1] == "Must-link pairs forced a cluster past: customer_no."


def test_explain_is_called_lazily_with_indices() -> None:
    """The explain callable runs only on request, with record indices."""
    calls: list[tuple[int, int]] = []

    def explain(i: int, j: int) -> str:
        calls.append((i, j))
        return f"pair {i}-{j}"

    identity = _build(KEYS, HOUSEHOLD, explain=explain)
    identity.why("a", "d")
    identity.to_networkx()
    identity.path("a", "b")
    assert calls == []
    assert identity.explain("d", "a") == "pair 3-0"
    assert calls == [(3, 0)]
    with pytest.raises(SettingsError, match="no explain callable"):
        _household().explain("a", "b")


def test_unknown_key_raises_without_echoing_it() -> None:
    """An unknown record key is a SettingsError, and the key is not echoed."""
    identity = _household()
    for call in (
        lambda: identity.path("a", "zz-secret"),
        lambda: identity.why("zz-secret", "a"),
        lambda: identity.to_networkx("zz-secret"),
        lambda: identity.cluster_of("zz-secret"),
        lambda: identity.explain("zz-secret", "a"),
    ):
        with pytest.raises(SettingsError, match="record key not found") as info:
            call()
        assert "zz-secret" not in str(info.value)


def test_for_records_checks_its_input() -> None:
    """Keys and edges must match the clustering; repeated keys are refused."""
    identity = _household()
    clustering = identity.clustering
    edges = (identity.left, identity.right, identity.weight, identity.probability)
    with pytest.raises(SettingsError, match="keys must name every clustered record"):
        IdentityGraph.for_records(KEYS[:3], *edges, clustering)
    with pytest.raises(SettingsError, match="keys must be unique"):
        IdentityGraph.for_records(["a", "a", "c", "d"], *edges, clustering)
    with pytest.raises(SettingsError, match="must be the edges given to cluster"):
        IdentityGraph.for_records(
            KEYS,
            identity.left[:2],
            identity.right[:2],
            identity.weight[:2],
            identity.probability[:2],
            clustering,
        )


def test_lookups_and_repr() -> None:
    """cluster_of and members name clusters by their smallest key; the repr is short."""
    identity = _household()
    assert identity.cluster_of("d") == "c"
    assert identity.members("b") == ["a", "b"]
    assert identity.members(2) == ["c", "d"]
    assert repr(identity) == "IdentityGraph(records=4, edges=4, clusters=2)"


def _bottleneck(n: int, triples: list[tuple[int, int, float]], a: int, b: int) -> float:
    """The best weakest link between a and b, by trying each threshold (brute force)."""
    best = -np.inf
    for t in sorted({w for _, _, w in triples}):
        reach, frontier = {a}, [a]
        while frontier:
            x = frontier.pop()
            for u, v, w in triples:
                if w >= t and x in (u, v):
                    y = v if x == u else u
                    if y not in reach:
                        reach.add(y)
                        frontier.append(y)
        if b in reach:
            best = t
    return best


@settings(max_examples=150, deadline=None)
@given(
    st.integers(2, 9).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(
                st.tuples(
                    st.integers(0, n - 1), st.integers(0, n - 1), st.sampled_from([1.0, 2.0, 4.0])
                ),
                max_size=20,
            ),
        )
    )
)
def test_path_is_a_maximum_bottleneck_chain(case: tuple[int, list[tuple[int, int, float]]]) -> None:
    """Without constraints, every pair in a cluster has a chain of real edges whose
    weakest link is the best possible; pairs apart have none."""
    n, triples = case
    keys = [f"r{i}" for i in range(n)]
    identity = _build(keys, triples)
    weights = {frozenset((f"r{a}", f"r{b}")): 0.0 for a, b, _ in triples}
    for a, b, w in triples:
        pair = frozenset((f"r{a}", f"r{b}"))
        weights[pair] = max(weights[pair], w)
    for a in range(n):
        for b in range(n):
            path = identity.path(keys[a], keys[b])
            same = identity.cluster_of(keys[a]) == identity.cluster_of(keys[b])
            if a == b or not same:
                assert path == []
                continue
            assert path[0][0] == keys[a]
            assert path[-1][1] == keys[b]
            assert all(path[k][1] == path[k + 1][0] for k in range(len(path) - 1))
            assert all(weights[frozenset((x, y))] == w for x, y, w in path)
            assert min(w for _, _, w in path) == _bottleneck(n, triples, a, b)


def test_why_and_graphs_name_profiles_when_given_profile_ids() -> None:
    """With profile ids, Why and the graphs name each cluster by its profile id."""
    household = _household()
    named = IdentityGraph.for_records(
        household.keys,
        household.left,
        household.right,
        household.weight,
        household.probability,
        household.clustering,
        profile_ids=["gp_a", "gp_a", "gp_c", "gp_c"],
    )
    why = named.why("b", "d")
    assert (why.profile_a, why.profile_b) == ("gp_a", "gp_c")
    assert (why.cluster_a, why.cluster_b) == ("a", "c")
    text = str(why)
    assert text.splitlines()[0] == "b and d are in different profiles (gp_a and gp_c)."
    assert "between the two profiles were refused" in text
    assert str(named.why("a", "b")).startswith("a and b are in the same profile (gp_a).")
    graph = named.to_networkx("c")
    assert graph.graph["profile_id"] == "gp_c"
    assert graph.nodes["d"]["profile_id"] == "gp_c"
    assert str(household.why("b", "d")).startswith("b and d are in different clusters (a and c)")


def test_profile_ids_must_be_one_per_cluster() -> None:
    """Profile ids of the wrong length, or two ids in one cluster, are refused."""
    household = _household()
    args = (
        household.keys,
        household.left,
        household.right,
        household.weight,
        household.probability,
        household.clustering,
    )
    for ids in (["gp_a"], ["gp_a", "gp_b", "gp_c", "gp_c"]):
        with pytest.raises(SettingsError, match="profile_ids"):
            IdentityGraph.for_records(*args, profile_ids=ids)
