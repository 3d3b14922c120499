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

import functools
import itertools
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from goldenrecord._evaluate_input import _no_common_ids, _read, only_ints, record_keys
from goldenrecord._evaluation import Evaluation, IntArray, _metrics
from goldenrecord.errors import SettingsError

__all__ = ["Evaluation", "evaluate"]

BoolArray = npt.NDArray[np.bool_]

# The label of a record on a side that does not hold it.
_ABSENT: Final = object()


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

    wanted: list[Any] | None = None
    if ids is not None:
        if isinstance(ids, (str, bytes)):
            raise SettingsError("ids must be an iterable of record ids, not a single string")
        try:
            wanted = list(ids)
        except TypeError:
            raise SettingsError("ids must be an iterable of record ids") from None
    # Ids are compared as the text they are keyed by; integers alone compare alike as they are.
    if not (only_ints(c.ids) and only_ints(t.ids) and (wanted is None or only_ints(wanted))):
        c.key()
        t.key()
        if wanted is not None:
            wanted = record_keys(wanted)

    if wanted is None:
        c.unique()
        if c.ids == t.ids:  # the same records in the same order: nothing to look up
            t_labels, t_records = t.labels, len(t.ids)
        else:
            t_map = t.mapping()
            t_labels, t_records = list(map(t_map.get, c.ids, itertools.repeat(_ABSENT))), len(t_map)
        c_labels = c.labels
    else:
        try:
            keys = list(dict.fromkeys(wanted))
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
