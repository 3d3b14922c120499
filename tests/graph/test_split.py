"""Splitting clusters whose members match only sparsely inside."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import numpy.typing as npt
import pytest

from goldenrecord.errors import SettingsError
from goldenrecord.graph import SPLIT, Split, SplitRule, cluster

IntArray = npt.NDArray[np.int64]


def _edges(
    triples: list[tuple[int, int, float]],
) -> tuple[IntArray, IntArray, npt.NDArray[np.float64]]:
    left = np.array([a for a, _, _ in triples], dtype=np.int64)
    right = np.array([b for _, b, _ in triples], dtype=np.int64)
    return left, right, np.array([w for _, _, w in triples], dtype=np.float64)


def _clique(members: range, weight: float) -> list[tuple[int, int, float]]:
    return [(a, b, weight + 0.01 * (a + b)) for a, b in combinations(members, 2)]


def test_two_people_joined_by_one_weak_match_are_split_at_it() -> None:
    """Two groups of six records, each matching within, joined by one weak match: the
    cluster of twelve is sparse, and the cut drops the weak match only."""
    edges = [*_clique(range(6), 10.0), *_clique(range(6, 12), 10.0), (5, 6, 2.0)]
    left, right, weight = _edges(edges)
    result = cluster(12, left, right, weight, split=SplitRule(min_size=10, min_density=0.5))
    assert result.labels.tolist() == [0] * 6 + [6] * 6
    assert result.split == (Split(12, (6, 6)),)
    assert result.refused.tolist() == [len(edges) - 1]
    assert result.refused_by == (SPLIT,)
    assert result.counts[SPLIT] == 1
    plain = cluster(12, left, right, weight)
    assert plain.n_clusters == 1
    assert plain.split == ()


def test_a_dense_cluster_stays_whole() -> None:
    """Twelve records that all match each other are one plausible person."""
    left, right, weight = _edges(_clique(range(12), 5.0))
    result = cluster(12, left, right, weight, split=SplitRule(min_size=10, min_density=0.5))
    assert result.n_clusters == 1
    assert result.split == ()
    assert result.accepted.all()


def test_a_chain_is_cut_until_every_part_is_plausible() -> None:
    """A path of 30 records (each matching only its neighbours) ends in parts below the
    minimum size, cut at its weakest links first."""
    weights = [float(1 + (7 * k) % 11) for k in range(29)]
    edges = [(k, k + 1, w) for k, w in enumerate(weights)]
    left, right, weight = _edges(edges)
    rule = SplitRule(min_size=5, min_density=0.5)
    result = cluster(30, left, right, weight, split=rule)
    sizes = np.bincount(result.labels)
    assert sizes.max() < 5
    assert result.split[0].size == 30
    assert sum(result.split[0].parts) == 30
    kept = [weights[e] for e in np.flatnonzero(result.accepted).tolist()]
    dropped = [weights[e] for e in result.refused.tolist()]
    assert min(kept) >= min(dropped)


def test_value_limits_still_hold_inside_the_parts() -> None:
    """Parts are clustered again with the same constraints."""
    edges = [*_clique(range(6), 10.0), *_clique(range(6, 12), 10.0), (5, 6, 2.0)]
    left, right, weight = _edges(edges)
    ids = np.array([0, 1] + [-1] * 10, dtype=np.int64)
    result = cluster(
        12,
        left,
        right,
        weight,
        values={"id": ids},
        limits={"id": 1},
        split=SplitRule(min_size=10, min_density=0.5),
    )
    assert result.labels[0] != result.labels[1]
    assert set(result.constraints) == {"id", SPLIT}


def test_max_size_splits_a_dense_cluster_too() -> None:
    left, right, weight = _edges(_clique(range(12), 5.0))
    rule = SplitRule(min_size=20, min_density=0.5, max_size=8)
    result = cluster(12, left, right, weight, split=rule)
    assert np.bincount(result.labels).max() <= 8
    assert result.split[0].size == 12


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"min_size": 1}, "min_size must be an integer of at least 2"),
        ({"min_density": 1.5}, r"min_density must be a number in \[0, 1\]"),
        ({"max_size": True}, "max_size must be an integer of at least 2"),
    ],
)
def test_rule_errors_name_the_option(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        SplitRule(**kwargs)  # type: ignore[arg-type]


def test_split_must_be_a_rule() -> None:
    left, right, weight = _edges([(0, 1, 1.0)])
    with pytest.raises(SettingsError, match="split must be a SplitRule"):
        cluster(2, left, right, weight, split=0.5)  # type: ignore[arg-type]


def test_pairs_without_a_field_in_common_are_no_missing_matches() -> None:
    """One person's phone-only and email-only records cannot match each other: a
    cluster of them is not sparse when the pairs that could match mostly do."""
    star = [(0, k, 9.0) for k in range(1, 10)]
    phones = [(1, 2, 8.0), (2, 3, 8.0), (3, 4, 8.0)]
    emails = [(5, 6, 8.0), (6, 7, 8.0), (7, 8, 8.0), (8, 9, 8.0)]
    edges = star + phones + emails
    left = np.array([a for a, _, _ in edges], dtype=np.int64)
    right = np.array([b for _, b, _ in edges], dtype=np.int64)
    weight = np.array([w for _, _, w in edges])
    present = np.array([3, 1, 1, 1, 1, 2, 2, 2, 2, 2], dtype=np.int64)
    rule = SplitRule(min_size=10, min_density=0.4)
    whole = cluster(10, left, right, weight, split=rule, present=present)
    assert whole.labels.tolist() == [0] * 10
    assert whole.split == ()
    apart = cluster(10, left, right, weight, split=rule)  # 16 of 45 pairs: sparse
    assert len(set(apart.labels.tolist())) > 1
