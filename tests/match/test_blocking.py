"""Blocking: the vectorized pair generator equals brute force, caps blocks, reports."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goldenrecord as gr
from goldenrecord.match.blocking import BlockingRule, block

_VALUES = st.one_of(st.none(), st.sampled_from(["a", "b", "c", "d"]))


def _brute_force(
    cols: dict[str, list[str | None]],
    rules: list[tuple[str, ...]],
    groups: list[int] | None,
    cap: int,
) -> dict[tuple[int, int], int]:
    n = len(next(iter(cols.values())))
    out: dict[tuple[int, int], int] = {}
    for index, rule in enumerate(rules):
        keys = [
            None if any(cols[k][i] is None for k in rule) else tuple(cols[k][i] for k in rule)
            for i in range(n)
        ]
        sizes: dict[object, int] = {}
        for key in keys:
            if key is not None:
                sizes[key] = sizes.get(key, 0) + 1
        for i, j in itertools.combinations(range(n), 2):
            if keys[i] is None or keys[i] != keys[j] or sizes[keys[i]] > cap:
                continue
            if groups is not None and groups[i] == groups[j]:
                continue
            out.setdefault((i, j), index)
    return out


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.tuples(_VALUES, _VALUES, st.integers(0, 2)), min_size=0, max_size=25),
    link_only=st.booleans(),
    cap=st.integers(2, 8),
)
def test_pairs_equal_brute_force(
    rows: list[tuple[str | None, str | None, int]], link_only: bool, cap: int
) -> None:
    """Every pair and its first rule agree with an explicit double loop."""
    cols = {"x": [r[0] for r in rows], "y": [r[1] for r in rows]}
    groups = [r[2] for r in rows]
    rules = [("x",), ("x", "y"), ("y",)]
    arrays = {k: np.array(v, dtype=object) for k, v in cols.items()}
    pairs = block(
        arrays,
        rules,
        groups=np.array(groups, dtype=np.int64) if link_only else None,
        link_only=link_only,
        max_block_size=cap,
    )
    got = {
        (int(a), int(b)): int(r)
        for a, b, r in zip(pairs.left, pairs.right, pairs.rule, strict=True)
    }
    assert got == _brute_force(cols, rules, groups if link_only else None, cap)
    assert all(pairs.left < pairs.right)
    assert pairs.report.n_pairs == len(pairs)
    assert sum(r.new_pairs for r in pairs.report.rules) == len(pairs)


def test_oversized_block_is_reported_not_expanded() -> None:
    """A junk value shared by many records yields no pairs and one report line."""
    phone = np.array(["+15550000"] * 50 + ["+1415", "+1415"], dtype=object)
    pairs = block({"phone": phone}, ["phone"], max_block_size=10)
    assert len(pairs) == 1
    (big,) = pairs.report.oversized
    assert (big.rule, big.key, big.size) == ("phone", "+15550000", 50)
    assert big.masked().key == "***"


def test_pairs_completeness_with_truth() -> None:
    """Completeness is the share of true pairs that blocking found."""
    email = np.array(["a", "a", "b", None], dtype=object)
    truth = np.array([0, 0, 1, 1])
    pairs = block({"email": email}, ["email"], truth=truth)
    assert pairs.report.true_pairs == 2
    assert pairs.report.pairs_completeness == pytest.approx(0.5)


def test_link_only_completeness_counts_cross_source_pairs() -> None:
    """With link_only, true pairs inside one source are not counted as missed."""
    key = np.array(["k", "k", "k"], dtype=object)
    truth = np.array([0, 0, 0])
    groups = np.array([0, 0, 1])
    pairs = block({"k": key}, ["k"], groups=groups, link_only=True, truth=truth)
    assert len(pairs) == 2
    assert pairs.report.true_pairs == 2
    assert pairs.report.pairs_completeness == 1.0


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"rules": []}, "at least one blocking rule"),
        ({"rules": ["nope", ("x", "zip")]}, "nope, zip not in the prepared table; available: x"),
        ({"rules": ["x"], "link_only": True}, "needs groups"),
        ({"rules": ["x"], "max_block_size": 1}, "at least 2"),
        ({"rules": [()]}, "non-empty tuple"),
    ],
)
def test_configuration_mistakes(kwargs: dict[str, object], fragment: str) -> None:
    """Mistakes name what is wrong and what is available."""
    with pytest.raises(gr.SettingsError, match=fragment):
        block({"x": np.array(["a"], dtype=object)}, **kwargs)  # type: ignore[arg-type]


def test_rule_names() -> None:
    """Rules are named after their keys unless named explicitly."""
    assert BlockingRule.of(("a", "b")).name == "a & b"
    assert BlockingRule.of("a") == BlockingRule(("a",))
    assert BlockingRule(("a",), name="email").name == "email"


def test_rule_over_the_pair_budget_is_skipped_and_reported() -> None:
    """A loose rule that would produce too many pairs is left out whole, and says so."""
    cols = {
        "email": np.array(["a", "a", "b", "c"], dtype=object),
        "city": np.array(["x", "x", "x", "x"], dtype=object),
    }
    pairs = block(cols, ["email", "city"], max_pairs_per_rule=3)
    assert len(pairs) == 1
    email, city = pairs.report.rules
    assert not email.skipped
    assert city.skipped
    assert (city.pairs, city.new_pairs) == (6, 0)
