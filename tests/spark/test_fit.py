"""goldenrecord.spark fits from level-pattern counts: the same model as Matcher.fit.

No Spark here: the counts are made in-process, as the executors make them, and handed to
the function the Spark driver fits with.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import goldenrecord as gr
from goldenrecord.match import Matcher, block, compute_levels, default_rules, prepare
from goldenrecord.match._fitting import random_pairs
from goldenrecord.match._kinds import columns_for
from goldenrecord.match._weights import _population
from goldenrecord.spark._fit import fit_counts


@pytest.fixture(scope="module")
def candidates() -> dict[str, Any]:
    """A generated table of about 2,800 records (enough anchor pairs for the name
    comparison's m to be counted on them) and its blocked candidate pairs."""
    table = gr.datasets.synthetic_customers(1200, seed=2)
    prepared = prepare(table.to_pandas(), table.schema())
    pairs = block(prepared.columns, default_rules(prepared.fields))
    return {"prepared": prepared, "left": pairs.left, "right": pairs.right}


def _from_counts(
    prepared: Any, left: Any, right: Any, labels: Any = None
) -> tuple[Matcher, Matcher]:
    """The model Matcher.fit fits, and the one fitted from the pairs' pattern counts."""
    fitted = Matcher().fit(prepared, left, right, labels=labels)
    model = Matcher()
    comparisons = fitted.comparisons_
    levels = model.levels(prepared, left, right)
    patterns, counts = np.unique(levels, axis=0, return_counts=True)
    n = len(prepared)
    a, b = random_pairs(n, None, model.u_sample_size, model.random_state)
    random_levels = compute_levels(comparisons, columns_for(prepared), a, b)
    candidates = set(zip(left.tolist(), right.tolist(), strict=True))
    proposed = np.array([p in candidates for p in zip(a.tolist(), b.tolist(), strict=True)])
    labelled = None
    if labels is not None:
        from goldenrecord.match._fitting import from_labels

        m, u, _ = from_labels(prepared, comparisons, labels, 1)
        labelled = (m, u)
    fit_counts(
        model,
        comparisons,
        prepared.fields,
        patterns,
        counts.astype(np.int64),
        random_levels,
        proposed,
        population=_population(n, None),
        labelled=labelled,
    )
    return fitted, model


def test_counts_give_the_model_fit_gives(candidates: dict[str, Any]) -> None:
    """Every learned table, the prior, the look-alike classes, the anchored name m and
    the dependences are those of Matcher.fit on the pairs themselves."""
    fitted, model = _from_counts(candidates["prepared"], candidates["left"], candidates["right"])
    assert fitted.m_from_anchors_  # the anchor count is exercised
    assert model.to_dict() == fitted.to_dict()
    assert model.m_from_anchors_ == fitted.m_from_anchors_
