"""``evaluate`` agrees with a brute-force count of pairs, and every input form reads alike."""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Hashable, Mapping
from typing import Any, cast

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import goldenrecord as gr
from goldenrecord._evaluate import Evaluation, evaluate
from goldenrecord.errors import SettingsError

# Three records predicted together, of two true people (the docstring's example).
CLUSTERS = {"r1": "A", "r2": "A", "r3": "A", "r4": "B"}
TRUTH = {"r1": 1, "r2": 1, "r3": 2, "r4": 2}

label = st.one_of(st.none(), st.integers(0, 4))
labelled_records = st.lists(st.tuples(label, label), min_size=1, max_size=30)


def _groups(labels: Mapping[Any, Any]) -> dict[Hashable, frozenset[Hashable]]:
    """Each record's group; a missing label (None) is a group of its own."""
    by_label: dict[Any, set[Hashable]] = {}
    for record, lab in labels.items():
        by_label.setdefault(("single", record) if lab is None else ("label", lab), set()).add(
            record
        )
    return {r: frozenset(members) for members in by_label.values() for r in members}


def _brute_force(clusters: Mapping[Any, Any], truth: Mapping[Any, Any]) -> Evaluation:
    """The definitions, spelled out over every record pair and every record."""
    pred, true = _groups(clusters), _groups(truth)
    records = list(clusters)
    tp = fp = fn = 0
    for a, b in itertools.combinations(records, 2):
        together, same = b in pred[a], b in true[a]
        tp += together and same
        fp += together and not same
        fn += same and not together
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    bp = sum(len(pred[x] & true[x]) / len(pred[x]) for x in records) / len(records)
    br = sum(len(pred[x] & true[x]) / len(true[x]) for x in records) / len(records)
    p_clusters, t_clusters = set(pred.values()), set(true.values())
    return Evaluation(
        records=len(records),
        predicted_clusters=len(p_clusters),
        true_clusters=len(t_clusters),
        pairwise_precision=p,
        pairwise_recall=r,
        pairwise_f1=2 * p * r / (p + r) if p + r else 0.0,
        bcubed_precision=bp,
        bcubed_recall=br,
        bcubed_f1=2 * bp * br / (bp + br) if bp + br else 0.0,
        true_positive_pairs=tp,
        false_positive_pairs=fp,
        false_negative_pairs=fn,
        over_merged_clusters=sum(len({true[x] for x in c}) > 1 for c in p_clusters),
        split_entities=sum(len({pred[x] for x in e}) > 1 for e in t_clusters),
        unlabelled_in_clusters=sum(v is None for v in clusters.values()),
        unlabelled_in_truth=sum(v is None for v in truth.values()),
    )


def _split(pairs: list[tuple[Any, Any]]) -> tuple[dict[int, Any], dict[int, Any]]:
    return dict(enumerate(p for p, _ in pairs)), dict(enumerate(t for _, t in pairs))


def _assert_same(got: Evaluation, expected: Evaluation) -> None:
    for name, value in expected.as_dict().items():
        if isinstance(value, float):
            assert getattr(got, name) == pytest.approx(value, abs=1e-12), name
        else:
            assert getattr(got, name) == value, name


def test_worked_example() -> None:
    """The figures of a small case, counted by hand."""
    ev = evaluate(CLUSTERS, TRUTH)
    assert (ev.records, ev.predicted_clusters, ev.true_clusters) == (4, 2, 2)
    # predicted pairs r1r2 r1r3 r2r3; true pairs r1r2 r3r4
    assert (ev.true_positive_pairs, ev.false_positive_pairs, ev.false_negative_pairs) == (1, 2, 1)
    assert ev.pairwise_precision == pytest.approx(1 / 3)
    assert ev.pairwise_recall == pytest.approx(1 / 2)
    assert ev.pairwise_f1 == pytest.approx(0.4)
    assert ev.bcubed_precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert ev.bcubed_recall == pytest.approx((1 + 1 + 1 / 2 + 1 / 2) / 4)
    assert ev.bcubed_f1 == pytest.approx(12 / 17)
    assert (ev.over_merged_clusters, ev.split_entities) == (1, 1)
    assert ev.merged_stranger_pairs == ev.false_positive_pairs == 2


@given(labelled_records)
def test_matches_brute_force_pair_enumeration(pairs: list[tuple[Any, Any]]) -> None:
    """Contingency-table figures equal the ones from enumerating every pair and record."""
    clusters, truth = _split(pairs)
    _assert_same(evaluate(clusters, truth), _brute_force(clusters, truth))


@given(labelled_records)
def test_swapping_sides_swaps_precision_and_recall(pairs: list[tuple[Any, Any]]) -> None:
    """Truth against clusters is clusters against truth with precision and recall swapped."""
    clusters, truth = _split(pairs)
    ev, swapped = evaluate(clusters, truth), evaluate(truth, clusters)
    assert swapped.pairwise_precision == ev.pairwise_recall
    assert swapped.pairwise_recall == ev.pairwise_precision
    assert swapped.pairwise_f1 == ev.pairwise_f1
    assert swapped.bcubed_precision == ev.bcubed_recall
    assert swapped.bcubed_recall == ev.bcubed_precision
    assert swapped.bcubed_f1 == ev.bcubed_f1
    assert swapped.false_positive_pairs == ev.false_negative_pairs
    assert swapped.over_merged_clusters == ev.split_entities
    assert swapped.predicted_clusters == ev.true_clusters


@given(st.lists(st.integers(0, 5), min_size=1, max_size=40))
def test_identical_partitions_score_one(labels: list[int]) -> None:
    """A clustering scored against itself is perfect, whatever its shape."""
    clusters = dict(enumerate(labels))
    ev = evaluate(clusters, {k: f"person-{v}" for k, v in clusters.items()})
    for name in ("pairwise", "bcubed"):
        for metric in ("precision", "recall", "f1"):
            assert getattr(ev, f"{name}_{metric}") == 1.0
    assert ev.false_positive_pairs == ev.false_negative_pairs == 0
    assert ev.over_merged_clusters == ev.split_entities == 0


@given(labelled_records, st.randoms(use_true_random=False))
def test_invariant_to_relabelling_and_record_order(
    pairs: list[tuple[Any, Any]], rnd: random.Random
) -> None:
    """Renaming labels one-to-one and shuffling records leave every figure exactly equal."""
    clusters, truth = _split(pairs)
    expected = evaluate(clusters, truth)
    order = list(clusters)
    rnd.shuffle(order)
    renamed = {k: None if clusters[k] is None else ("c", -7 * clusters[k]) for k in order}
    rnd.shuffle(order)
    truth_shuffled = {k: truth[k] for k in order}
    assert evaluate(renamed, truth_shuffled) == expected


def test_big_clusters_are_counted_not_enumerated() -> None:
    """300,000 records in two clusters: ~4.5e10 pairs, counted exactly and at once."""
    n = 300_000
    clusters = dict.fromkeys(range(n), 0)
    truth = {i: i % 2 for i in range(n)}
    ev = evaluate(clusters, truth)
    half = n // 2
    assert ev.true_positive_pairs == 2 * math.comb(half, 2)
    assert ev.false_positive_pairs == math.comb(n, 2) - 2 * math.comb(half, 2)
    assert ev.false_negative_pairs == 0
    assert ev.bcubed_precision == pytest.approx(0.5)
    assert ev.bcubed_recall == 1.0


# ---- conventions for degenerate cases -------------------------------------------------


def test_no_pairs_anywhere_scores_one() -> None:
    """All singletons on both sides: nothing claimed wrongly, nothing to find: all 1.0."""
    ev = evaluate({1: "a", 2: "b"}, {1: "x", 2: "y"})
    assert ev.pairwise_precision == ev.pairwise_recall == ev.pairwise_f1 == 1.0
    assert ev.bcubed_f1 == 1.0
    assert ev.true_positive_pairs == 0


def test_no_predicted_pairs_is_precise_but_recalls_nothing() -> None:
    """Predicting only singletons gives precision 1.0, recall 0.0 and F1 0.0."""
    ev = evaluate({1: "a", 2: "b"}, {1: "x", 2: "x"})
    assert (ev.pairwise_precision, ev.pairwise_recall, ev.pairwise_f1) == (1.0, 0.0, 0.0)
    assert ev.false_negative_pairs == 1


def test_f1_of_zero_precision_and_recall_is_zero() -> None:
    """Every predicted pair wrong and every true pair missed: F1 is 0.0, not NaN."""
    ev = evaluate({1: "a", 2: "a", 3: "b", 4: "b"}, {1: 1, 3: 1, 2: 2, 4: 2})
    assert (ev.pairwise_precision, ev.pairwise_recall, ev.pairwise_f1) == (0.0, 0.0, 0.0)


def test_missing_labels_are_singletons_and_counted() -> None:
    """None and NaN labels put a record in a group of its own, on either side."""
    ev = evaluate(
        {1: None, 2: None, 3: float("nan"), 4: float("nan"), 5: "a"},
        {1: "x", 2: "x", 3: "x", 4: None, 5: None},
    )
    assert ev.predicted_clusters == 5
    assert ev.true_clusters == 3
    assert (ev.unlabelled_in_clusters, ev.unlabelled_in_truth) == (4, 2)
    assert ev.true_positive_pairs == 0
    assert ev.false_negative_pairs == 3


def test_labels_sharing_a_hash_stay_apart() -> None:
    """-1 and -2 have the same hash in CPython; they are still two clusters."""
    assert hash(-1) == hash(-2)
    ev = evaluate({1: -1, 2: -2, 3: -1}, {1: "a", 2: "b", 3: "a"})
    assert ev.predicted_clusters == 2
    assert ev.pairwise_f1 == 1.0


def test_nothing_to_evaluate_raises() -> None:
    """No common record: the message gives each side's count and id types."""
    with pytest.raises(SettingsError, match=r"ids of type str\) and truth .* share no record id"):
        evaluate({"a1": "a"}, {1: "a"})
    with pytest.raises(SettingsError, match=r"ids of type tuple\) and truth .*type str\)"):
        evaluate({(1,): "a"}, {1: "a"})
    with pytest.raises(SettingsError, match="clusters holds no record"):
        evaluate({}, {1: "a"})
    with pytest.raises(SettingsError, match="ids is empty"):
        evaluate({1: "a"}, {1: "a"}, ids=[])


# ---- record ids as keys ------------------------------------------------------------------


def test_integer_ids_meet_the_text_keys_of_a_resolution() -> None:
    """A table with integer ids is evaluated against the clusters of its resolution.

    ``res.clusters`` is keyed by the ids as text; the truth columns of the same table hold
    the integers. Every record is found on both sides.
    """
    pytest.importorskip("pandas")
    table = gr.datasets.synthetic_customers(60, seed=3)
    df = table.to_pandas()
    df["record_id"] = range(100, 100 + len(df))
    res = gr.resolve(df, table.schema())
    ev = gr.evaluate(res.clusters, df[["record_id", "person_id"]])
    assert ev.records == len(df)
    assert (ev.missing_from_clusters, ev.missing_from_truth) == (0, 0)


def test_ids_are_compared_as_the_text_they_are_keyed_by() -> None:
    """7, 7.0, "7" and " 7 " are one record id, as the pipeline keys records."""
    ev = evaluate({"7": "a", "8": "a", "9": "b"}, {7: "x", 8.0: "x", " 9 ": "y"})
    assert ev.records == 3
    assert ev.pairwise_f1 == 1.0
    ev = evaluate({7: "a", 8: "a"}, {"7": "x", "8": "x"}, ids=[7.0, "8", 9])
    assert (ev.records, ev.missing_from_clusters, ev.missing_from_truth) == (3, 1, 1)
    assert ev.true_positive_pairs == 1


def test_one_id_spelled_twice_with_two_labels_is_refused() -> None:
    """1 and "1" on one side are one record: two labels for it are a conflict."""
    with pytest.raises(SettingsError, match="repeat with different labels"):
        evaluate({1: "a", "1": "b"}, {"1": "x"})
    assert evaluate({1: "a", "1": "a"}, {"1": "x"}).records == 1


# ---- records on one side only ----------------------------------------------------------


def test_records_on_one_side_are_counted_and_left_out() -> None:
    """By default the intersection is evaluated and what is left out is counted."""
    ev = evaluate({1: "a", 2: "a", 3: "a"}, {2: "x", 3: "x", 4: "x", 5: "y"})
    assert ev.records == 2
    assert (ev.missing_from_clusters, ev.missing_from_truth) == (2, 1)
    assert ev.pairwise_f1 == 1.0
    assert "missing_from_clusters=2, missing_from_truth=1" in repr(ev)


def test_ids_evaluates_exactly_those_records() -> None:
    """With ids=, a record absent from a side is a singleton there."""
    ev = evaluate({1: "a", 2: "a"}, {1: "x", 2: "x", 3: "x", 9: "z"}, ids=[1, 2, 3, 1])
    assert ev.records == 3
    assert (ev.missing_from_clusters, ev.missing_from_truth) == (1, 0)
    assert (ev.predicted_clusters, ev.true_clusters) == (2, 1)
    assert (ev.true_positive_pairs, ev.false_negative_pairs) == (1, 2)
    assert (ev.unlabelled_in_clusters, ev.unlabelled_in_truth) == (0, 0)


def test_ids_may_be_missing_from_both_sides() -> None:
    """An id on neither side is a singleton on both and counted twice as missing."""
    ev = evaluate({1: "a"}, {1: "x"}, ids=(1, 7))
    assert (ev.records, ev.missing_from_clusters, ev.missing_from_truth) == (2, 1, 1)
    assert ev.pairwise_f1 == 1.0


# ---- input forms -----------------------------------------------------------------------

ROWS = {"record_id": ["r1", "r2", "r3", "r4"], "label": ["A", "A", "A", "B"]}


def _frame(library: str, columns: Mapping[str, list[Any]]) -> Any:
    mod = pytest.importorskip(library)
    return mod.table(dict(columns)) if library == "pyarrow" else mod.DataFrame(dict(columns))


@pytest.mark.parametrize("library", ["pandas", "polars", "pyarrow"])
def test_two_column_tables_read_as_id_then_label(library: str) -> None:
    """A two-column DataFrame or Arrow table is (record id, label), on either side."""
    expected = evaluate(CLUSTERS, TRUTH)
    frame = _frame(library, ROWS)
    assert evaluate(frame, TRUTH) == expected
    swapped = evaluate(TRUTH, frame)
    assert swapped.pairwise_precision == expected.pairwise_recall


@pytest.mark.parametrize("library", ["pandas", "polars", "pyarrow"])
def test_wider_tables_name_their_columns(library: str) -> None:
    """More than two columns: id_column= and label_column= pick them, checked by name."""
    frame = _frame(library, {"x": [0, 0, 0, 0], **ROWS, "email": ["e"] * 4})
    expected = evaluate(CLUSTERS, TRUTH)
    assert evaluate(frame, TRUTH, id_column="record_id", label_column="label") == expected
    with pytest.raises(SettingsError, match="name the record id and label columns"):
        evaluate(frame, TRUTH)
    with pytest.raises(
        SettingsError,
        match=r"label_column='cluster' is not a column of clusters; its columns are: "
        r"'x', 'record_id', 'label', 'email'",
    ):
        evaluate(frame, TRUTH, id_column="record_id", label_column="cluster")


def test_one_named_column_of_two_implies_the_other() -> None:
    """With two columns, naming one is enough; naming both the same is an error."""
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"label": ROWS["label"], "record_id": ROWS["record_id"]})
    expected = evaluate(CLUSTERS, TRUTH)
    assert evaluate(frame, TRUTH, id_column="record_id") == expected
    assert evaluate(frame, TRUTH, label_column="label") == expected
    with pytest.raises(SettingsError, match="both 'label'"):
        evaluate(frame, TRUTH, id_column="label", label_column="label")


def test_column_names_need_a_table() -> None:
    """Naming columns when both inputs are mappings is a mistake, not a no-op."""
    with pytest.raises(SettingsError, match="neither clusters nor truth is a table"):
        evaluate(CLUSTERS, TRUTH, label_column="label")


def test_pandas_missing_values_and_series() -> None:
    """NaN and NA labels in pandas are missing; a Series is indexed by record id."""
    pd = pytest.importorskip("pandas")
    truth = pd.DataFrame({"id": ["r1", "r2", "r3", "r4"], "person": [1.0, 1.0, None, None]})
    ev = evaluate(CLUSTERS, truth)
    assert ev.unlabelled_in_truth == 2
    assert ev.true_clusters == 3
    nullable = truth.astype({"person": "Int64"})
    assert evaluate(CLUSTERS, nullable) == ev
    series = pd.Series(list(CLUSTERS.values()), index=list(CLUSTERS))
    assert evaluate(series, TRUTH) == evaluate(CLUSTERS, TRUTH)


def test_polars_nulls_are_missing_labels() -> None:
    """A null label in a polars frame is a singleton, like None."""
    pl = pytest.importorskip("polars")
    truth = pl.DataFrame({"id": ["r1", "r2", "r3", "r4"], "person": [1, 1, None, None]})
    assert evaluate(CLUSTERS, truth).unlabelled_in_truth == 2


def test_pairs_and_generators() -> None:
    """An iterable of (id, label) pairs, a generator included, reads like a mapping."""
    expected = evaluate(CLUSTERS, TRUTH)
    assert evaluate(list(CLUSTERS.items()), TRUTH) == expected
    assert evaluate(CLUSTERS, ((k, v) for k, v in TRUTH.items())) == expected


def test_repeated_ids_with_one_label_count_once() -> None:
    """A record listed twice with the same label is one record, on either side."""
    expected = evaluate(CLUSTERS, TRUTH)
    assert evaluate(CLUSTERS, [*TRUTH.items(), ("r1", 1)]) == expected
    assert evaluate([("r4", "B"), *CLUSTERS.items()], TRUTH) == expected
    same_order = [*CLUSTERS.items(), ("r2", "A")]
    assert evaluate(same_order, [*TRUTH.items(), ("r2", 1)]) == expected
    with pytest.raises(SettingsError, match="of truth repeat with different labels"):
        evaluate(CLUSTERS, [*TRUTH.items(), ("r1", 2)])


@pytest.mark.parametrize(
    ("clusters", "kwargs", "fragment"),
    [
        ("r1,A", {}, "clusters must be a mapping .*; got str"),
        (42, {}, "got int"),
        ([("r1", "A", "x")], {}, "clusters item 0 is a tuple, not an \\(id, label\\) pair"),
        (["ab"], {}, "item 0 is a str"),
        ({"r1": ["A"]}, {}, "labels must be hashable"),
        ({"r1": "A"}, {"ids": "r1"}, "not a single string"),
        ({"r1": "A"}, {"ids": [["r1"]]}, "ids must be hashable"),
        ([("r1", "A"), ("r1", "B")], {}, "1 record id\\(s\\) of clusters repeat with different"),
        ([(["r1"], "A")], {}, "record ids must be hashable"),
    ],
)
def test_bad_inputs_raise_settings_errors(
    clusters: object, kwargs: dict[str, Any], fragment: str
) -> None:
    """Every unusable input is a SettingsError that says what is wrong."""
    with pytest.raises(SettingsError, match=fragment):
        evaluate(clusters, TRUTH, **kwargs)


# ---- the result ------------------------------------------------------------------------


def test_result_is_frozen_and_round_trips_through_a_dict() -> None:
    """as_dict holds every field; the result cannot be changed in place."""
    ev = evaluate(CLUSTERS, TRUTH)
    assert Evaluation(**cast(dict[str, Any], ev.as_dict())) == ev
    assert set(ev.as_dict()) == {f.name for f in attrs.fields(Evaluation)}
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ev.records = 5  # type: ignore[misc]


def test_repr_is_short_and_rounded() -> None:
    """The repr shows the main figures at four places and hides zero missing counts."""
    text = repr(evaluate(CLUSTERS, TRUTH))
    assert text == (
        "Evaluation(records=4, predicted_clusters=2, true_clusters=2, "
        "pairwise P=0.3333 R=0.5 F1=0.4, B-cubed P=0.6667 R=0.75 F1=0.7059)"
    )


def test_html_table() -> None:
    """Jupyter gets the shared view: the scores with right-aligned figures under their
    headers, the counts in a table of their own (not under "precision")."""
    page = evaluate(CLUSTERS, TRUTH)._repr_html_()
    assert page.startswith('<div class="goldenrecord"><style>')
    assert (
        '<tr><td>pairwise</td><td class="num">0.3333</td><td class="num">0.5000</td>'
        '<td class="num">0.4000</td></tr>'
    ) in page
    assert "<caption>counts</caption>" in page
    assert '<td>false positive pairs (merged strangers)</td><td class="num">2</td>' in page
    assert "colspan" not in page
    assert "<th>pairwise</th>" not in page  # no large bold row headers
