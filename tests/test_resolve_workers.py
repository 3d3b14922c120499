"""``gr.resolve`` uses the machine's cores by default; the result does not depend on it."""

from __future__ import annotations

import goldenrecord as gr
from goldenrecord._resolve import _cores


def test_default_workers_are_the_cores_and_change_nothing() -> None:
    """The default matcher runs on every core this process may use, and its clusters,
    pairs and probabilities equal those of one worker."""
    table = gr.datasets.synthetic_customers(300, seed=5)
    default = gr.resolve(table.columns, table.schema())
    one = gr.resolve(table.columns, table.schema(), workers=1)
    assert default.matcher.workers == _cores() >= 1
    assert one.matcher.workers == 1
    assert default.clusters == one.clusters
    assert default.pairs_frame().equals(one.pairs_frame())
