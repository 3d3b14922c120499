"""Connected components equal a reference union-find on random graphs."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenrecord.graph import connected_components


def _reference(n: int, edges: list[tuple[int, int]]) -> list[int]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [min(i for i in range(n) if find(i) == find(x)) for x in range(n)]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 30).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=40),
        )
    )
)
def test_matches_union_find(case: tuple[int, list[tuple[int, int]]]) -> None:
    """Every node is labelled with the smallest node of its component."""
    n, edges = case
    left = np.array([a for a, _ in edges], dtype=np.int64)
    right = np.array([b for _, b in edges], dtype=np.int64)
    assert connected_components(n, left, right).tolist() == _reference(n, edges)


def test_long_chain() -> None:
    """A path of 10,000 nodes in reverse order collapses into one component."""
    n = 10_000
    left = np.arange(n - 1, 0, -1, dtype=np.int64)
    right = left - 1
    assert set(connected_components(n, left, right).tolist()) == {0}
