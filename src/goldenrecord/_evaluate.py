"""``gr.evaluate``: how well a clustering agrees with the ground truth.

Both sides are partitions of records: ``{record_id: label}``. Everything is computed
from the contingency table of the two labelings (how many records carry each pair of
predicted and true labels), so the cost is linear in the number of records however
large the clusters are: no record pair is ever enumerated.

Pairwise metrics count record pairs. A pair is *predicted* when both records share a
predicted cluster and *true* when they share a true entity; with ``n_ij`` records in
predicted cluster ``i`` and true entity ``j``, ``a_i`` in cluster ``i`` and ``b_j`` in
entity ``j``, the true positives are ``sum C(n_ij, 2)``, the predicted pairs
``sum C(a_i, 2)`` and the true pairs ``sum C(b_j, 2)``.

B-cubed metrics average over records: a record's precision is the share of its
predicted cluster that is its own entity (``n_ij / a_i``), its recall the share of its
entity that landed in its cluster (``n_ij / b_j``). Averaged over the ``N`` records:
``sum n_ij**2 / a_i / N`` and ``sum n_ij**2 / b_j / N``. The F1 scores are harmonic
means of the averaged precision and recall.

Conventions, chosen once and tested:

- With no predicted pair (all singletons), pairwise precision is 1.0: no claim was
  made, so none was wrong. With no true pair, pairwise recall is 1.0: nothing was
  there to find. An F1 whose precision and recall are both 0 is 0.0.
- A label that is missing (``None``, NaN, pandas ``NA`` or ``NaT``) means "in no
  group": the record is a singleton on that side. A record missing from a side when
  ``ids=`` asks for it is a singleton there too. Both are counted in the result.
- Record ids are compared as the text records are keyed by in
  :attr:`Resolution.clusters <goldenrecord.Resolution.clusters>`: ``7``, ``7.0``,
  ``"7"`` and ``" 7 "`` are one record (:func:`record_keys`), so the integer id column
  of a table meets the clusters of its resolution. Two spellings of one id on one
  side must carry the same label.
- Labels are compared as Python values (``1``, ``1.0`` and ``True`` are one label);
  the labels of the two sides are never compared with each other.
- Evaluating on no records at all raises :class:`~goldenrecord.errors.SettingsError`
  (the message gives each side's count and id types).
"""

from __future__ import annotations

import contextlib
import functools
import html
import itertools
import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord.errors import SettingsError
from goldenrecord.normalize._common import as_text

__all__ = ["Evaluation", "evaluate"]

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

# The label of a record on a side that does not hold it.
_ABSENT: Final = object()

_INPUT_FORMS = (
    "a mapping {record_id: label}, a pandas or polars DataFrame or pyarrow Table of "
    "(record id, label) columns, a pandas Series indexed by record id, or an iterable "
    "of (record_id, label) pairs"
)


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
        """A small HTML table for Jupyter."""

        def cell(x: float) -> str:
            return f"<td>{x:.4f}</td>"

        rows = [
            "<tr><th></th><th>precision</th><th>recall</th><th>F1</th></tr>",
            f"<tr><th>pairwise</th>{cell(self.pairwise_precision)}"
            f"{cell(self.pairwise_recall)}{cell(self.pairwise_f1)}</tr>",
            f"<tr><th>B-cubed</th>{cell(self.bcubed_precision)}"
            f"{cell(self.bcubed_recall)}{cell(self.bcubed_f1)}</tr>",
        ]
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
        rows.extend(
            f'<tr><th>{html.escape(name)}</th><td colspan="3">{value:,}</td></tr>'
            for name, value in counts
        )
        return "<table>" + "".join(rows) + "</table>"


@attrs.define
class _Side:
    """One side's records: ids and labels in the same order.

    Ids from a table or pairs may repeat; :meth:`unique` or :meth:`mapping` checks
    them (a repeat with the same label is dropped, with another label an error).
    """

    side: str
    ids: list[Any]
    labels: list[Any]
    is_table: bool
    _mapping: Mapping[Any, Any] | None = None
    _unique: bool = False

    def mapping(self) -> Mapping[Any, Any]:
        """``{record_id: label}``, built on first use; ids made unique."""
        if self._mapping is None:
            mapping = _to_mapping(self.ids, self.labels, self.side)
            if len(mapping) < len(self.ids):
                self.ids, self.labels = list(mapping), list(mapping.values())
            self._mapping, self._unique = mapping, True
        return self._mapping

    def unique(self) -> None:
        """Make sure each id occurs once."""
        if self._unique:
            return
        try:
            self._unique = len(set(self.ids)) == len(self.ids)
        except TypeError:
            raise SettingsError(f"{self.side} record ids must be hashable") from None
        if not self._unique:
            self.mapping()


def evaluate(
    clusters: object,
    truth: object,
    *,
    ids: Iterable[Hashable] | None = None,
    id_column: str | None = None,
    label_column: str | None = None,
) -> Evaluation:
    """Pairwise and B-cubed precision, recall and F1 of ``clusters`` against ``truth``.

    Args:
        clusters: the predicted clustering, ``{record_id: cluster_label}`` (such as
            ``Resolution.clusters``); or a pandas or polars DataFrame or pyarrow Table
            with a record id column and a label column; or a pandas Series indexed by
            record id; or an iterable of ``(record_id, label)`` pairs.
        truth: the true entities, in any of the same forms.
        ids: evaluate on exactly these records; one missing from a side is a
            singleton there. By default the records present on both sides are
            evaluated, and those present on one side only are counted in
            ``missing_from_clusters`` and ``missing_from_truth``.
        id_column: for a table input, the column of record ids; for a table of more
            than two columns it is required. Applies to every table input.
        label_column: for a table input, the column of labels; same rules.

    Returns:
        The figures, as an :class:`Evaluation`.

    Raises:
        SettingsError: an input of an unsupported form, a column not in a table,
            unhashable labels, a record id repeated with different labels, or no
            record to evaluate.

    Three records predicted together, of two true people:

    >>> clusters = {"r1": "A", "r2": "A", "r3": "A", "r4": "B"}
    >>> truth = {"r1": 1, "r2": 1, "r3": 2, "r4": 2}
    >>> ev = evaluate(clusters, truth)
    >>> ev
    Evaluation(records=4, predicted_clusters=2, true_clusters=2, pairwise P=0.3333 R=0.5 F1=0.4, B-cubed P=0.6667 R=0.75 F1=0.7059)
    >>> (ev.true_positive_pairs, ev.merged_stranger_pairs, ev.false_negative_pairs)
    (1, 2, 1)
    >>> (ev.over_merged_clusters, ev.split_entities)
    (1, 1)

    Records on one side only are counted, never dropped silently:

    >>> evaluate({"r1": "A", "r2": "A"}, {"r1": 1, "r2": 1, "r9": 1}).missing_from_clusters
    1
    """  # noqa: E501
    c = _read(clusters, "clusters", id_column, label_column)
    t = _read(truth, "truth", id_column, label_column)
    if (id_column is not None or label_column is not None) and not (c.is_table or t.is_table):
        raise SettingsError(
            "id_column and label_column name columns of a table; neither clusters nor "
            "truth is a table"
        )

    if ids is None:
        c.unique()
        if c.ids == t.ids:  # the same records in the same order: nothing to look up
            t_labels, t_records = t.labels, len(t.ids)
        else:
            t_map = t.mapping()
            t_labels, t_records = list(map(t_map.get, c.ids, itertools.repeat(_ABSENT))), len(t_map)
        c_labels = c.labels
    else:
        if isinstance(ids, (str, bytes)):
            raise SettingsError("ids must be an iterable of record ids, not a single string")
        try:
            keys = list(dict.fromkeys(record_keys(ids)))
        except TypeError:
            raise SettingsError("ids must be hashable record ids") from None
        if not keys:
            raise SettingsError("ids is empty: there is no record to evaluate")
        c_labels = list(map(c.mapping().get, keys, itertools.repeat(_ABSENT)))
        t_labels = list(map(t.mapping().get, keys, itertools.repeat(_ABSENT)))
    c_codes, c_absent, c_null = _encode(c_labels, "clusters")
    t_codes, t_absent, t_null = _encode(t_labels, "truth")

    n = len(c_codes)
    if ids is None:
        kept = n - int(np.count_nonzero(t_absent))
        if not kept:
            raise SettingsError(_no_common_ids(c.ids, t.ids))
        missing_from_clusters, missing_from_truth = t_records - kept, n - kept
        if kept < n:
            keep = ~t_absent
            c_codes, c_null, t_codes, t_null = (
                c_codes[keep],
                c_null[keep],
                t_codes[keep],
                t_null[keep],
            )
            c_absent = t_absent = np.zeros(kept, dtype=np.bool_)
    else:
        missing_from_clusters = int(np.count_nonzero(c_absent))
        missing_from_truth = int(np.count_nonzero(t_absent))

    c_dense, n_c = _dense(c_codes, c_absent | c_null)
    t_dense, n_t = _dense(t_codes, t_absent | t_null)
    return _metrics(
        c_dense,
        n_c,
        t_dense,
        n_t,
        missing_from_clusters=missing_from_clusters,
        missing_from_truth=missing_from_truth,
        unlabelled_in_clusters=int(np.count_nonzero(c_null)),
        unlabelled_in_truth=int(np.count_nonzero(t_null)),
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


def _is_null(label: object) -> bool:
    if label is None:
        return True
    if isinstance(label, (float, np.floating)):
        return bool(label != label)
    return type(label).__name__ in ("NAType", "NaTType")


def _encode(labels: Sequence[Any], side: str) -> tuple[IntArray, BoolArray, BoolArray]:
    """A code per label, equal labels sharing one.

    Returns the codes, which records are :data:`_ABSENT` and which have a missing
    label (``None``, NaN, ``NA``, ``NaT``). Labels are numbered by their hashes, sorted
    by NumPy; when the count of distinct hashes shows that two different labels share
    one, they are numbered by a dictionary instead.
    """
    n = len(labels)
    try:
        hashes = np.fromiter(map(hash, labels), dtype=np.int64, count=n)
        distinct = set(labels)
    except TypeError:
        raise SettingsError(
            f"{side} labels must be hashable (str, int, ...); a mapping is read as "
            "{record_id: label}, so pass a column table as a DataFrame or as pairs"
        ) from None
    unique_hashes, inverse = np.unique(hashes, return_inverse=True)
    codes = inverse.astype(np.int64).reshape(n)
    code_of: Callable[[Any], int]
    if len(unique_hashes) == len(distinct):
        code_of = functools.partial(_hash_position, unique_hashes)
    else:
        first: dict[Any, int] = {}
        codes = np.fromiter(
            map(first.setdefault, labels, itertools.count()), dtype=np.int64, count=n
        )
        code_of = first.__getitem__

    if _ABSENT in distinct:
        absent = codes == code_of(_ABSENT)
        distinct.discard(_ABSENT)
    else:
        absent = np.zeros(n, dtype=np.bool_)
    if set(map(type, distinct)) <= {str, int}:
        return codes, absent, np.zeros(n, dtype=np.bool_)
    null_codes = [code_of(label) for label in distinct if _is_null(label)]
    return codes, absent, np.isin(codes, null_codes)


def _hash_position(sorted_hashes: IntArray, label: Any) -> int:
    return int(np.searchsorted(sorted_hashes, hash(label)))


def _dense(codes: IntArray, singletons: BoolArray) -> tuple[IntArray, int]:
    """Codes renumbered ``0..k-1``, each flagged record put in a group of its own."""
    codes = codes.copy()
    k = int(np.count_nonzero(singletons))
    bound = int(codes.max(initial=-1)) + 1
    if k:
        codes[singletons] = np.arange(bound, bound + k, dtype=np.int64)
    present = np.bincount(codes, minlength=bound + k) > 0
    renumber = np.cumsum(present, dtype=np.int64) - 1
    return renumber[codes], int(renumber[-1]) + 1 if len(renumber) else 0


def _read(data: object, side: str, id_column: str | None, label_column: str | None) -> _Side:
    """The records of one side, from any accepted form, ids keyed (:func:`record_keys`)."""
    if isinstance(data, Mapping):
        given = list(data)
        keys = record_keys(given)
        if keys == given:
            return _Side(side, given, list(data.values()), False, data, True)
        return _Side(side, keys, list(data.values()), is_table=False)
    table = _table_columns(data, side, id_column, label_column)
    if table is not None:
        return _Side(side, record_keys(table[0]), table[1], is_table=True)
    if isinstance(data, (str, bytes)) or not isinstance(data, Iterable):
        raise SettingsError(f"{side} must be {_INPUT_FORMS}; got {type(data).__name__}")
    ids: list[Any] = []
    labels: list[Any] = []
    for i, item in enumerate(data):
        if isinstance(item, (str, bytes)):
            raise SettingsError(
                f"{side} item {i} is a {type(item).__name__}, not an (id, label) pair"
            )
        try:
            record_id, label = item
        except (TypeError, ValueError):
            raise SettingsError(
                f"{side} item {i} is a {type(item).__name__}, not an (id, label) pair"
            ) from None
        ids.append(record_id)
        labels.append(label)
    return _Side(side, record_keys(ids), labels, is_table=False)


def record_keys(ids: Iterable[Any]) -> list[Any]:
    """Record ids as the text the pipeline keys records by.

    :func:`goldenrecord.resolve` keys a record by its id read as text (stripped; an
    integer or an integral float as its digits), so ``7``, ``7.0``, ``"7"`` and
    ``" 7 "`` are one record. An id that cannot be read as text (``None``, a tuple) is
    kept as it is.

    >>> record_keys([7, 8.0, " 9 ", "crm:1", None])
    ['7', '8', '9', 'crm:1', None]
    """
    given = list(ids)
    kinds = set(map(type, given))
    if kinds <= {str}:
        return [record_id.strip() or record_id for record_id in given]
    if kinds <= {int}:
        with contextlib.suppress(ValueError):  # more digits than int -> str allows
            return list(map(str, given))
    keys: list[Any] = []
    for record_id in given:
        text = as_text(record_id)
        keys.append(text if isinstance(text, str) else record_id)
    return keys


def _table_columns(
    data: object, side: str, id_column: str | None, label_column: str | None
) -> tuple[list[Any], list[Any]] | None:
    """The id and label columns of a pandas, polars or Arrow table; None if not one."""
    module = type(data).__module__.split(".")[0]
    frame: Any = data
    if module == "pandas" and getattr(frame, "ndim", None) == 1:
        return list(frame.index.tolist()), list(frame.tolist())
    if module == "pandas" and hasattr(frame, "columns"):
        names = [str(c) for c in frame.columns]
        if len(set(names)) != len(names):
            raise SettingsError(f"the {side} DataFrame has repeated column names")
        by_name = dict(zip(names, frame.columns, strict=True))
        id_name, label_name = _pick(names, side, id_column, label_column)
        return (
            list(frame[by_name[id_name]].tolist()),
            list(frame[by_name[label_name]].tolist()),
        )
    if module == "polars" and hasattr(frame, "get_column"):
        id_name, label_name = _pick(list(frame.columns), side, id_column, label_column)
        return frame.get_column(id_name).to_list(), frame.get_column(label_name).to_list()
    if module == "pyarrow" and hasattr(frame, "column_names"):
        id_name, label_name = _pick(list(frame.column_names), side, id_column, label_column)
        return frame.column(id_name).to_pylist(), frame.column(label_name).to_pylist()
    return None


def _pick(
    names: list[str], side: str, id_column: str | None, label_column: str | None
) -> tuple[str, str]:
    """The id and label column names, checked against the table's columns."""
    available = ", ".join(map(repr, names)) or "none"
    for option, name in (("id_column", id_column), ("label_column", label_column)):
        if name is not None and name not in names:
            raise SettingsError(
                f"{option}={name!r} is not a column of {side}; its columns are: {available}"
            )
    if id_column is not None and id_column == label_column:
        raise SettingsError(f"id_column and label_column are both {id_column!r}")
    if id_column is not None and label_column is not None:
        return id_column, label_column
    if len(names) != 2:
        raise SettingsError(
            f"{side} has {len(names)} columns ({available}); name the record id and label "
            "columns with id_column= and label_column="
        )
    if id_column is not None:
        return id_column, next(n for n in names if n != id_column)
    if label_column is not None:
        return next(n for n in names if n != label_column), label_column
    return names[0], names[1]


def _to_mapping(ids: list[Any], labels: list[Any], side: str) -> dict[Any, Any]:
    """``{id: label}``; an id may repeat only with the same label."""
    try:
        out = dict(zip(ids, labels, strict=True))
    except TypeError:
        raise SettingsError(f"{side} record ids must be hashable") from None
    if len(out) != len(ids):
        conflicts = {
            k for k, v in zip(ids, labels, strict=True) if not (out[k] is v or out[k] == v)
        }
        if conflicts:
            raise SettingsError(
                f"{len(conflicts):,} record id(s) of {side} repeat with different labels; "
                "a record belongs to one cluster"
            )
    return out


def _no_common_ids(c_ids: list[Any], t_ids: list[Any]) -> str:
    if not c_ids or not t_ids:
        empty = " and ".join(s for s, ids in (("clusters", c_ids), ("truth", t_ids)) if not ids)
        return f"{empty} holds no record: there is nothing to evaluate"

    def kinds(ids: list[Any]) -> str:
        return "/".join(sorted({type(k).__name__ for k in ids[:1000]}))

    return (
        f"clusters ({len(c_ids):,} records, ids of type {kinds(c_ids)}) and truth "
        f"({len(t_ids):,} records, ids of type {kinds(t_ids)}) share no record id"
    )
