"""Exact copies: records whose prepared values are all equal, matched through one of them.

A table may hold the same record many times under different ids (a double import, a
form submitted a thousand times). Such records carry no evidence against each other,
and left in the table they distort everything that counts: one value repeated a
thousand times makes blocks too large to expand (the copies stayed apart), EM learns
from pairs that agree on everything, and term frequencies call the value common.

So matching sees each group of exact copies once. :func:`exact_copies` groups the
records whose every prepared column (normalized fields and the keys derived from them)
is equal and that carry evidence of one person: at least two field values, one of them
of an identifying kind (:data:`IDENTIFYING_KINDS`: email, phone, identifier, date,
address), or one personal value (:data:`PERSONAL_KINDS`: email, phone, identifier), a
value set aside as shared by many people not counting. Two records holding only a
name, or a name and a country, may well be two people; they are matched one by one, as
any other records, unless the schema has no identifying kind at all (a table of names
only), where copies with two or more values are as alike as two records there can be.
The record with the smallest key of a group is its
*representative*. Blocking, EM and scoring run on the distinct records
only (:func:`goldenrecord.match._prepare.take_rows`), and :func:`with_copies` attaches
each copy to its representative as a certain match (a pair scored as the representative
against itself, weight at least :data:`COPY_WEIGHT` bits), so the clusterer joins the
copies first and the copies then follow their representative into its profile.

Records kept apart are never collapsed: a record whose own consent statement for the
resolution's purpose is "no" stays a profile of its own, as the consent invariant
requires, even when it copies another record exactly. The caller also leaves exact
copies alone under ``link_only`` or ``one_per_source``, which keep records of one
source apart. Constraints still hold for the copy pairs: the clusterer refuses a copy
pair that a ``cannot_link`` forbids.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord.match._prepare import PreparedTable
from goldenrecord.match.model import Matcher, ScoredPairs

__all__ = [
    "COPY_WEIGHT",
    "IDENTIFYING_KINDS",
    "PERSONAL_KINDS",
    "ExactCopies",
    "distinct_labels",
    "exact_copies",
    "no_copies",
    "with_copies",
]

IDENTIFYING_KINDS: Final = frozenset({"email", "phone", "identifier", "date", "address"})
"""Field kinds one of whose values an exact copy must hold to be joined to the record
it copies (with at least one more field value)."""

PERSONAL_KINDS: Final = frozenset({"email", "phone", "identifier"})
"""Field kinds one value of which, alone, makes an exact copy one person's (a value many
people share is set aside before this is judged)."""

COPY_WEIGHT: Final = 60.0
"""The least match weight (bits) of an exact copy paired with its representative."""

IntArray = npt.NDArray[np.int64]


@attrs.frozen(repr=False)
class ExactCopies:
    """Which records are exact copies of which.

    Attributes:
        representative: per record, the index of its group's representative (the
            record itself when it copies no other).
        distinct: the representatives' indices, ascending: the records matching sees.
    """

    representative: IntArray
    distinct: IntArray

    @property
    def n_copies(self) -> int:
        """Records attached to a representative instead of being matched."""
        return int(self.representative.shape[0] - self.distinct.shape[0])

    @property
    def position(self) -> IntArray:
        """Per record, the position of its representative in :attr:`distinct`."""
        return np.asarray(np.searchsorted(self.distinct, self.representative), dtype=np.int64)

    def __repr__(self) -> str:
        return f"ExactCopies(records={self.representative.shape[0]:,}, copies={self.n_copies:,})"


def no_copies(n: int) -> ExactCopies:
    """Every record its own representative."""
    every = np.arange(n, dtype=np.int64)
    return ExactCopies(every, every)


def _has_evidence(
    prepared: PreparedTable, evidence: Mapping[str, npt.NDArray[np.object_]]
) -> npt.NDArray[np.bool_]:
    """Per record: at least two field values, one of an identifying kind; or one
    personal value (an email, a phone, an identifier); or, in a table whose schema has
    no identifying kind at all, at least two field values."""
    n = len(prepared)
    present = np.zeros(n, dtype=np.int64)
    identifying = np.zeros(n, dtype=bool)
    personal = np.zeros(n, dtype=bool)
    for column, kind in prepared.fields.items():
        values = evidence.get(column)
        if values is None:
            continue
        has = np.asarray(values != None, dtype=bool)  # noqa: E711 - elementwise on objects
        present += has
        if kind in IDENTIFYING_KINDS:
            identifying |= has
        if kind in PERSONAL_KINDS:
            personal |= has
    if not IDENTIFYING_KINDS.intersection(prepared.fields.values()):
        return present >= 2
    return ((present >= 2) & identifying) | personal


def exact_copies(
    prepared: PreparedTable,
    *,
    apart: npt.NDArray[np.bool_] | None = None,
    evidence: Mapping[str, npt.NDArray[np.object_]] | None = None,
) -> ExactCopies:
    """Group the records whose prepared columns are all equal (see the module docstring).

    Args:
        prepared: the prepared records, in key order (the representative of a group
            is then its first record, whatever the input order).
        apart: records never collapsed (their own consent statement is "no").
        evidence: the columns whose values count as evidence (default the prepared
            columns; resolve passes them with shared values set aside).

    >>> from goldenrecord.match import prepare
    >>> from goldenrecord.schema import Schema
    >>> rows = [{"id": str(i), "email": "ana@x.io", "name": "Ana"} for i in range(3)]
    >>> rows += [{"id": "8", "email": None, "name": "Bo"}, {"id": "9", "name": "Bo"}]
    >>> schema = Schema(id="id", fields={"email": "email", "name": "full_name"})
    >>> copies = exact_copies(prepare(rows, schema))
    >>> copies.representative.tolist(), copies.distinct.tolist()
    ([0, 0, 0, 3, 4], [0, 3, 4])
    """
    n = len(prepared)
    representative = np.arange(n, dtype=np.int64)
    if n < 2:
        return ExactCopies(representative, representative.copy())
    eligible = _has_evidence(prepared, prepared.columns if evidence is None else evidence)
    if apart is not None:
        eligible &= ~apart
    rows = np.flatnonzero(eligible)
    if not prepared.fields or rows.size < 2:
        return ExactCopies(representative, representative.copy())
    names = sorted(prepared.columns)
    first: dict[tuple[object, ...], int] = {}
    cells = zip(*(prepared.columns[c][rows].tolist() for c in names), strict=True)
    for i, row in zip(rows.tolist(), cells, strict=True):  # ascending: smallest key first
        try:
            representative[i] = first.setdefault(row, i)
        except TypeError:  # an unhashable derived value: matched as usual
            continue
    distinct = np.flatnonzero(representative == np.arange(n)).astype(np.int64)
    return ExactCopies(representative, distinct)


def distinct_labels(
    labels: Mapping[tuple[str, str], bool], copies: ExactCopies, keys: Sequence[str]
) -> dict[tuple[str, str], bool]:
    """Clerical labels for a fit on the distinct records: a copy's key stands for its
    representative's; a pair that lands on one record says nothing and is left out.
    Keys that are not records are kept as they are, for the fit to report."""
    index = {k: i for i, k in enumerate(keys)}

    def of(key: str) -> str:
        i = index.get(key)
        return key if i is None else keys[int(copies.representative[i])]

    out: dict[tuple[str, str], bool] = {}
    for (a, b), is_match in labels.items():
        pair = (of(a), of(b))
        if pair[0] != pair[1]:
            out[pair] = is_match
    return out


def with_copies(
    scored: ScoredPairs, copies: ExactCopies, matcher: Matcher, distinct: PreparedTable
) -> ScoredPairs:
    """The pairs scored among the distinct records, in record indices of the whole
    table, plus one certain pair per copy: (representative, copy).

    Args:
        scored: pairs scored on ``distinct`` (indices into it).
        copies: the grouping ``distinct`` was taken from.
        matcher: the fitted model; a copy pair is scored as its representative
            against itself, so its levels and term-frequency adjustments are those of
            the distinct records, and its weight is raised to at least
            :data:`COPY_WEIGHT`.
        distinct: the distinct records (``copies.distinct`` of the whole table).
    """
    left = copies.distinct[scored.left]
    right = copies.distinct[scored.right]
    copy_rows = np.flatnonzero(copies.representative != np.arange(copies.representative.size))
    if copy_rows.size == 0:
        return attrs.evolve(scored, left=left, right=right)
    at = copies.position[copy_rows]
    own = matcher.score(distinct, at, at)
    weight = np.maximum(own.weight, COPY_WEIGHT)
    probability = 1.0 / (1.0 + np.exp2(-np.clip(weight, -60, 60)))
    all_left = np.concatenate([left, copies.representative[copy_rows]])
    all_right = np.concatenate([right, copy_rows.astype(np.int64)])
    # the scored pairs come sorted, the copy pairs follow: a stable sort merges two runs
    n = max(copies.representative.size, 1)
    order = np.argsort(all_left * n + all_right, kind="stable")
    return ScoredPairs(
        left=all_left[order],
        right=all_right[order],
        levels=np.concatenate([scored.levels, own.levels])[order],
        weight=np.concatenate([scored.weight, weight])[order],
        probability=np.concatenate([scored.probability, probability])[order],
        tf_adjustment=np.concatenate([scored.tf_adjustment, own.tf_adjustment])[order],
        lookalike=np.concatenate([scored.lookalike, own.lookalike])[order],
    )
