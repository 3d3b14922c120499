"""Lone records attached to the one profile they resemble (goldenrecord._attach)."""

from __future__ import annotations

import numpy as np
from hypothesis import example, given
from hypothesis import strategies as st

from goldenrecord._attach import ATTACH_BITS, ATTACH_MARGIN, attachments
from goldenrecord.match.model import ScoredPairs


def _pairs(left: list[int], right: list[int], weight: list[float]) -> ScoredPairs:
    n = len(left)
    return ScoredPairs(
        np.array(left, dtype=np.int64),
        np.array(right, dtype=np.int64),
        np.zeros((n, 0), dtype=np.int8),
        np.array(weight, dtype=np.float64),
        1.0 / (1.0 + np.exp2(-np.array(weight, dtype=np.float64))),
        np.zeros((n, 0), dtype=np.float32),
        np.zeros(n),
    )


# records 0-1 are one profile, 2-3 another, 4 and 5 are alone
LABELS = np.array([0, 0, 2, 2, 4, 5])
SIZE = np.bincount(LABELS, minlength=LABELS.size)


def test_a_lone_record_joins_the_profile_it_clearly_resembles_most() -> None:
    """Its best match (into profile 0) is evidence (>= 2 bits) and leads the next
    profile by the margin: that pair is the attachment, through its strongest pair."""
    scored = _pairs([0, 1, 2], [4, 4, 4], [3.0, 4.5, 1.0])
    assert attachments(LABELS, scored, np.ones(3, dtype=bool)).tolist() == [1]


def test_two_profiles_alike_leave_the_record_alone() -> None:
    """Namesakes: two profiles within the margin of each other, no attachment."""
    scored = _pairs([0, 2], [4, 4], [6.0, 6.0 - ATTACH_MARGIN + 0.5])
    assert attachments(LABELS, scored, np.ones(2, dtype=bool)).size == 0


def test_another_lone_record_competes_but_is_never_joined() -> None:
    """A lone record never attaches to another lone record, and that record counts
    as a profile of its own when the margin is read."""
    alone = _pairs([4], [5], [10.0])
    assert attachments(LABELS, alone, np.ones(1, dtype=bool)).size == 0
    rival = _pairs([0, 4], [4, 5], [6.0, 5.0])
    assert attachments(LABELS, rival, np.ones(2, dtype=bool)).size == 0


def test_weak_evidence_or_an_unusable_pair_does_not_attach() -> None:
    """Below :data:`ATTACH_BITS` nothing attaches; neither does a pair the caller
    rules out (accepted already, or consent withheld)."""
    weak = _pairs([0], [4], [ATTACH_BITS - 0.01])
    assert attachments(LABELS, weak, np.ones(1, dtype=bool)).size == 0
    strong = _pairs([0], [4], [9.0])
    assert attachments(LABELS, strong, np.zeros(1, dtype=bool)).size == 0


@given(
    st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 5), st.floats(-10, 20)),
        max_size=12,
    ),
    st.randoms(use_true_random=False),
)
@example([(0, 4, 5.0), (2, 4, 1.9)], None)
def test_attachments_do_not_depend_on_pair_order_or_sides(
    rows: list[tuple[int, int, float]], rnd: object
) -> None:
    """The same pairs in any order, either side first, attach the same records to the
    same profiles; every attachment joins a lone record and a profile of two or more."""
    rows = [(a, b, w) for a, b, w in rows if a != b]
    base = attachments(
        LABELS,
        _pairs(*map(list, zip(*rows, strict=True))) if rows else _pairs([], [], []),
        np.ones(len(rows), dtype=bool),
    )

    def joined(found: np.ndarray, table: list[tuple[int, int, float]]) -> set[tuple[int, int]]:
        out = set()
        for k in found.tolist():
            a, b, _ = table[k]
            lone, other = (a, b) if SIZE[LABELS[a]] == 1 else (b, a)
            out.add((lone, int(LABELS[other])))
        return out

    shuffled = [(b, a, w) if i % 2 else (a, b, w) for i, (a, b, w) in enumerate(rows)]
    if rnd is not None:
        rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    again = attachments(
        LABELS,
        _pairs(*map(list, zip(*shuffled, strict=True))) if shuffled else _pairs([], [], []),
        np.ones(len(shuffled), dtype=bool),
    )
    assert joined(base, rows) == joined(again, shuffled)
    for lone, profile in joined(base, rows):
        assert SIZE[LABELS[lone]] == 1
        assert SIZE[profile] >= 2


def test_resolve_attaches_only_when_asked_and_only_lone_records() -> None:
    """``gr.resolve(attach=True)`` on generated customers: fewer profiles, every record
    that changed profile was alone before and joined a profile of two or more records,
    and B-cubed F1 against the truth does not drop."""
    import warnings

    import goldenrecord as gr

    table = gr.datasets.synthetic_customers(150, seed=3)
    frame, schema = table.to_pandas(), table.schema()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gr.ResolutionWarning)
        plain = gr.resolve(frame, schema, exhaustive_limit=0)
        joined = gr.resolve(frame, schema, exhaustive_limit=0, matcher=plain.matcher, attach=True)
    assert joined.report.n_clusters < plain.report.n_clusters
    before: dict[str, list[str]] = {}
    for key, profile in plain.clusters.items():
        before.setdefault(profile, []).append(key)
    moved = [k for k in plain.clusters if len(before[plain.clusters[k]]) == 1]
    moved = [k for k in moved if list(joined.clusters.values()).count(joined.clusters[k]) > 1]
    assert moved
    for key in moved:
        mates = [
            k for k, p in joined.clusters.items() if p == joined.clusters[key] and k not in moved
        ]
        assert len({plain.clusters[k] for k in mates}) == 1  # one profile, not several
        assert len(before[plain.clusters[mates[0]]]) >= 2
    truth = table.truth
    assert (
        gr.evaluate(joined.clusters, truth).bcubed_f1
        >= gr.evaluate(plain.clusters, truth).bcubed_f1
    )
