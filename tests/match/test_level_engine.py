"""The columnar level engine gives every pair the level it gets when compared alone.

Computed together, pairs share work: equality is read on interned codes once the pairs
outnumber the rows, and each distinct pair of values is scored once across the levels
of a comparison. Compared alone, a pair takes none of those shortcuts. The levels
must not differ.
"""

from __future__ import annotations

import numpy as np

import goldenrecord as gr
from goldenrecord.match._kinds import columns_for
from goldenrecord.match._prepare import prepare
from goldenrecord.match.blocking import block, default_rules
from goldenrecord.match.compare import compute_levels, default_comparisons


def test_levels_of_many_pairs_equal_levels_of_each_pair_alone() -> None:
    """On generated customers (names in several scripts, phones, emails, dates,
    addresses), blocked pairs and random pairs together: the level matrix of all pairs
    at once equals, row by row, the levels of each pair computed on its own."""
    table = gr.datasets.synthetic_customers(120, seed=3)
    prepared = prepare(table.columns, table.schema())
    columns = columns_for(prepared)
    pairs = block(prepared.columns, list(default_rules(prepared.fields)))
    rng = np.random.default_rng(0)
    n = len(prepared)
    extra = rng.integers(0, n, size=(2, 400))
    extra = extra[:, extra[0] != extra[1]]
    left = np.concatenate([pairs.left, extra[0]])
    right = np.concatenate([pairs.right, extra[1]])
    assert left.size > 2 * n  # the engine reads equality on codes here
    comparisons = default_comparisons(prepared.fields)
    together = compute_levels(comparisons, columns, left, right, workers=2)
    pick = rng.choice(left.size, size=250, replace=False)
    alone = np.stack(
        [compute_levels(comparisons, columns, left[[i]], right[[i]])[0] for i in pick.tolist()]
    )
    assert (together[pick] == alone).all()
    # the pairs are not all trivial: several levels of each comparison occur
    assert all(np.unique(together[:, k]).size >= 2 for k in range(len(comparisons)))
