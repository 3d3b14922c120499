"""The figures of :func:`goldenrecord.evaluate`: the :class:`Evaluation` result and the
contingency-table arithmetic behind it (see :mod:`goldenrecord._evaluate` for the definitions).
"""

from __future__ import annotations

import math

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord._html import TABLE, table, view

IntArray = npt.NDArray[np.int64]


@attrs.frozen(repr=False)
class Evaluation:
    """Agreement between a predicted clustering and the ground truth.

    Attributes:
        records: records evaluated.
        predicted_clusters: clusters among them in the prediction (singletons included).
        true_clusters: true entities among them (singletons included).
        pairwise_precision: share of predicted pairs that are true pairs.
        pairwise_recall: share of true pairs that are predicted.
        pairwise_f1: harmonic mean of the two.
        bcubed_precision: per-record precision, averaged over records.
        bcubed_recall: per-record recall, averaged over records.
        bcubed_f1: harmonic mean of the two averages.
        true_positive_pairs: pairs together in both.
        false_positive_pairs: pairs put together that are different entities
            (merged strangers; also :attr:`merged_stranger_pairs`).
        false_negative_pairs: pairs of one entity that were kept apart.
        over_merged_clusters: predicted clusters holding more than one true entity.
        split_entities: true entities spread over more than one predicted cluster.
        missing_from_clusters: records in ``truth`` (or in ``ids``) absent from ``clusters``.
        missing_from_truth: records in ``clusters`` (or in ``ids``) absent from ``truth``.
        unlabelled_in_clusters: evaluated records whose predicted label is missing
            (``None``, NaN): each was counted as a singleton.
        unlabelled_in_truth: evaluated records whose true label is missing (``None``,
            NaN): each was counted as a singleton.
    """

    records: int
    predicted_clusters: int
    true_clusters: int
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    true_positive_pairs: int
    false_positive_pairs: int
    false_negative_pairs: int
    over_merged_clusters: int
    split_entities: int
    missing_from_clusters: int = 0
    missing_from_truth: int = 0
    unlabelled_in_clusters: int = 0
    unlabelled_in_truth: int = 0

    @property
    def merged_stranger_pairs(self) -> int:
        """Pairs of different people put in one cluster: :attr:`false_positive_pairs`."""
        return self.false_positive_pairs

    def as_dict(self) -> dict[str, int | float]:
        """Every field by name, for a log line, a JSON document or a DataFrame row.

        ``Evaluation(**ev.as_dict()) == ev``.
        """
        return attrs.asdict(self)

    def __repr__(self) -> str:
        def r(x: float) -> float:
            return round(x, 4)

        parts = [
            f"records={self.records:,}",
            f"predicted_clusters={self.predicted_clusters:,}",
            f"true_clusters={self.true_clusters:,}",
            f"pairwise P={r(self.pairwise_precision)} R={r(self.pairwise_recall)} "
            f"F1={r(self.pairwise_f1)}",
            f"B-cubed P={r(self.bcubed_precision)} R={r(self.bcubed_recall)} "
            f"F1={r(self.bcubed_f1)}",
        ]
        parts.extend(
            f"{name}={getattr(self, name):,}"
            for name in ("missing_from_clusters", "missing_from_truth")
            if getattr(self, name)
        )
        return f"Evaluation({', '.join(parts)})"

    def _repr_html_(self) -> str:
        """For Jupyter: the scores in one small table (a row per measure, right-aligned
        figures), the counts behind them in a second one beside it; the same scoped
        styling as every other view."""
        scores = "".join(
            f"<tr><td>{name}</td>"
            + "".join(f'<td class="num">{x:.4f}</td>' for x in figures)
            + "</tr>"
            for name, figures in (
                ("pairwise", (self.pairwise_precision, self.pairwise_recall, self.pairwise_f1)),
                ("B-cubed", (self.bcubed_precision, self.bcubed_recall, self.bcubed_f1)),
            )
        )
        counts = [
            ("records", self.records),
            ("predicted clusters", self.predicted_clusters),
            ("true clusters", self.true_clusters),
            ("true positive pairs", self.true_positive_pairs),
            ("false positive pairs (merged strangers)", self.false_positive_pairs),
            ("false negative pairs", self.false_negative_pairs),
            ("over-merged clusters", self.over_merged_clusters),
            ("split entities", self.split_entities),
            ("missing from clusters", self.missing_from_clusters),
            ("missing from truth", self.missing_from_truth),
            ("unlabelled in clusters", self.unlabelled_in_clusters),
            ("unlabelled in truth", self.unlabelled_in_truth),
        ]
        shown = counts[:8] + [(name, value) for name, value in counts[8:] if value]
        return view(
            '<div style="display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start">'
            f"{TABLE}<caption>Evaluation</caption>"
            '<tr><th>measure</th><th class="num">precision</th><th class="num">recall</th>'
            f'<th class="num">F1</th></tr>{scores}</table>'
            f"{table('counts', ('count', 'value'), shown)}</div>"
        )


def _metrics(
    c_codes: IntArray,
    n_c: int,
    t_codes: IntArray,
    n_t: int,
    **counts: int,
) -> Evaluation:
    """The figures from two arrays of dense codes (``0 <= code < n``), one per record."""
    n = int(c_codes.shape[0])
    cells, n_ij = np.unique(c_codes * n_t + t_codes, return_counts=True)
    rows, cols = cells // n_t, cells % n_t
    a = np.bincount(c_codes, minlength=n_c)
    b = np.bincount(t_codes, minlength=n_t)

    tp = _pairs(n_ij)
    predicted, true = _pairs(a), _pairs(b)
    p_pair = tp / predicted if predicted else 1.0
    r_pair = tp / true if true else 1.0

    # sum over cells of n_ij**2, grouped by cluster (or entity): integers below 2**53,
    # so exact in float64; fsum then makes the total independent of record order.
    sq = (n_ij * n_ij).astype(np.float64)
    p_b3 = math.fsum((np.bincount(rows, weights=sq, minlength=n_c) / a).tolist()) / n
    r_b3 = math.fsum((np.bincount(cols, weights=sq, minlength=n_t) / b).tolist()) / n

    return Evaluation(
        records=n,
        predicted_clusters=n_c,
        true_clusters=n_t,
        pairwise_precision=p_pair,
        pairwise_recall=r_pair,
        pairwise_f1=_f1(p_pair, r_pair),
        bcubed_precision=p_b3,
        bcubed_recall=r_b3,
        bcubed_f1=_f1(p_b3, r_b3),
        true_positive_pairs=tp,
        false_positive_pairs=predicted - tp,
        false_negative_pairs=true - tp,
        over_merged_clusters=int(np.count_nonzero(np.bincount(rows, minlength=n_c) > 1)),
        split_entities=int(np.count_nonzero(np.bincount(cols, minlength=n_t) > 1)),
        **counts,
    )


def _pairs(sizes: IntArray) -> int:
    """``sum C(s, 2)`` over the group sizes."""
    s = sizes.astype(np.int64)
    return int((s * (s - 1) // 2).sum())


def _f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0
