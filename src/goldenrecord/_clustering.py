"""The clustering stage, shared by :func:`goldenrecord.resolve` and the identity store:
the consent gate, the accepted matches, the constrained union-find and the refusals.

Batch calls it once on the whole table; the store calls it on the part an ingest, an
override or an erasure touched (its stored edges), with its own value counts. Both
read the same accepted set and the same refusal reasons from it, so batch and store
cannot drift apart on what a constraint or a withheld consent does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord._attach import attachments
from goldenrecord.graph import Clustering, cluster
from goldenrecord.graph._limits import Limited, limited_values
from goldenrecord.graph._split import DEFAULT_SPLIT
from goldenrecord.graph._variants import GIVEN_COLUMN
from goldenrecord.match._prepare import PreparedTable
from goldenrecord.match.compare import Comparison
from goldenrecord.match.model import Matcher, ScoredPairs
from goldenrecord.profile._consent import consent_codes
from goldenrecord.schema import Schema

__all__ = [
    "CONSENT",
    "Clustered",
    "accepted_pairs",
    "attachable",
    "cluster_stage",
    "fields_present",
    "household_only",
    "personal_agreement",
    "refusals",
    "withheld_records",
]

CONSENT: Final = "consent"
"""The refusal of a match whose record withholds consent for the purpose."""

Pairs = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]

_PERSONAL_KINDS: Final = frozenset({"email", "date", "identifier", "phone"})
"""Field kinds whose strictest level can be a personal value (see
:func:`personal_agreement`)."""

_HOUSEHOLD_KINDS: Final = frozenset({"phone"})
"""Field kinds whose full values the people of one household share: a landline (a
mobile number is personal). A street address is shared too, but an address match
between two spellings of one person's given name is common (a replaced or mistyped
given name), so it is left to the scores."""


@attrs.frozen
class Clustered:
    """What the clustering stage decided.

    Attributes:
        clustering: labels, refused edges (indices into the accepted ones) and why.
        accepted: per scored pair, whether it went to clustering (at or above the
            threshold, consent not withheld).
        refused: scored pair index → why it did not join its records although it
            reached the threshold: :data:`CONSENT`, or the constraint that refused it.
        attached: per scored pair, whether it went to clustering below the threshold
            to attach a lone record to the one profile it resembles
            (:mod:`goldenrecord._attach`; also flagged in ``accepted``).
    """

    clustering: Clustering
    accepted: npt.NDArray[np.bool_]
    refused: dict[int, str]
    attached: npt.NDArray[np.bool_]


def withheld_records(
    table: PreparedTable, schema: Schema, purpose: str | None
) -> npt.NDArray[np.bool_]:
    """Per record, whether its own statement for ``purpose`` is "no" (none without a
    purpose)."""
    if purpose is None:
        return np.zeros(len(table), dtype=bool)
    codes, _ = consent_codes(table.raw[schema.consent[purpose]])
    return np.asarray(codes == 0, dtype=bool)


def cluster_stage(
    table: PreparedTable,
    scored: ScoredPairs,
    model: Matcher,
    *,
    threshold: float,
    withheld: npt.NDArray[np.bool_],
    limits: Mapping[str, int],
    one_per_source: bool = False,
    must_link: Pairs | None = None,
    cannot_link: Pairs | None = None,
    counted: npt.NDArray[np.bool_] | None = None,
    limited: Callable[[npt.NDArray[np.bool_]], Limited] | None = None,
    attach: bool = False,
    attached: npt.NDArray[np.bool_] | None = None,
) -> Clustered:
    """Gate, accept, cluster under the constraints, and say why matches were refused.

    Args:
        table: the records (unmasked values: a shared value still counts towards a
            limit).
        scored: the scored pairs of ``table``.
        model: the model that scored them (for the value limits' look-alike checks).
        threshold: the match probability a pair needs.
        withheld: per record, consent withheld for the purpose (:func:`withheld_records`).
        limits: the value limit per column (:func:`goldenrecord.graph._limits.check_limits`).
        one_per_source: at most one record per source in a cluster.
        must_link, cannot_link: pairs of record indices.
        counted: records that count towards the outlier split (batch's exact copies).
        limited: the ``values``, ``limits`` and ``variants`` for the accepted pairs,
            when the caller counts values its own way (the store counts them over the
            whole store); default :func:`~goldenrecord.graph._limits.limited_values`.
        attach: attach records left alone to the one profile they resemble
            (:func:`goldenrecord._attach.attachments`), clustering once more.
        attached: per scored pair, the attachments decided already over the whole
            table (a distributed run clusters one component at a time, after deciding
            them from the first clustering of every record); clustered in one run.
    """
    accepted = accepted_pairs(scored, threshold, withheld)
    vouched = ~household_only(table, scored, model)
    present = fields_present(table, model)

    def run(taken_mask: npt.NDArray[np.bool_]) -> Clustering:
        values, limit_by_column, variants = (
            limited(taken_mask)
            if limited is not None
            else limited_values(limits, table, model, scored, taken_mask)
        )
        taken = np.flatnonzero(taken_mask)
        return cluster(
            len(table),
            scored.left[taken],
            scored.right[taken],
            scored.weight[taken],
            values=values,
            limits=limit_by_column,
            groups=table.source_codes.astype(np.int64) if one_per_source else None,
            must_link=must_link,
            cannot_link=cannot_link,
            variants=variants,
            split=DEFAULT_SPLIT,
            counted=counted,
            vouched=vouched[taken] & ~joining[taken],
            present=present,
            vouchable=(GIVEN_COLUMN,) if GIVEN_COLUMN in values else (),
        )

    # an attachment vouches for no one: the given-name limit binds it as it binds a
    # household's evidence (two given names that fit nowhere in each other's names)
    joining = np.zeros(len(scored), dtype=bool)
    if attached is not None:
        joining |= attached & ~accepted
        clustering = run(accepted | joining)
    else:
        clustering = run(accepted)
        if attach:
            extra = attachments(clustering.labels, scored, attachable(scored, accepted, withheld))
            if extra.size:
                joining[extra] = True
                clustering = run(accepted | joining)
    taken_mask = accepted | joining
    refused = refusals(scored, threshold, taken_mask, clustering)
    refused = {k: v for k, v in refused.items() if not joining[k]}
    return Clustered(clustering, taken_mask, refused, joining)


def personal_agreement(
    table: PreparedTable, scored: ScoredPairs, model: Matcher, *, dates: bool = True
) -> npt.NDArray[np.bool_]:
    """Per scored pair, whether it agrees on a value that one person holds: a date of
    birth at any level of agreement (exact, a typo, the same month or year; not with
    ``dates=False``), or the strictest level (exact) of an email comparison on personal
    addresses, of an identifier, or of a phone comparison on mobile numbers.

    Role addresses, landlines, addresses, family names and postcodes are what the
    people of one household share: agreement on them alone does not vouch for one
    person. Values set aside as shared are missing in ``scored`` (no evidence).
    """
    undated, dated = _personal_agreements(table, scored, model)
    return undated | dated if dates else undated


_Personal = tuple[int, str, str, Comparison]


def _personal_comparisons(table: PreparedTable, model: Matcher) -> list[_Personal]:
    """(index, field kind, column of the strictest level, comparison) of each of the
    model's comparisons that can agree on a value one person holds (see
    :func:`personal_agreement`)."""
    out: list[_Personal] = []
    for k, comparison in enumerate(model.comparisons_):
        if not comparison.levels:
            continue
        strict = comparison.levels[0]
        column = strict.column or comparison.column
        kind = table.fields.get(column.partition(":")[0])
        if kind != "date" and (strict.kind != "exact" or kind not in _PERSONAL_KINDS):
            continue
        if kind == "phone" and not column.endswith(":mobile"):
            continue
        if kind == "email" and column == comparison.column:
            continue  # no personal-address column: a role address may agree
        out.append((k, str(kind), column, comparison))
    return out


def _personal_agreements(
    table: PreparedTable, scored: ScoredPairs, model: Matcher
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Per scored pair, (agreement on a personal value other than a date of birth,
    agreement on the date of birth), as :func:`personal_agreement` reads them."""
    undated = np.zeros(len(scored), dtype=bool)
    dated = np.zeros(len(scored), dtype=bool)
    for k, kind, _, comparison in _personal_comparisons(table, model):
        level = scored.levels[:, k]
        if kind == "date":
            dated |= (level >= 0) & (level < len(comparison.levels))
        else:
            undated |= level == 0
    return undated, dated


def fields_present(table: PreparedTable, model: Matcher) -> npt.NDArray[np.int64]:
    """Per record, a bit mask of the comparisons it has a value for (bit ``k`` for
    the model's comparison ``k``): two records without a bit in common cannot match."""
    present = np.zeros(len(table), dtype=np.int64)
    for k, comparison in enumerate(model.comparisons_[:62]):
        values = table.columns.get(comparison.column)
        if values is None:
            present |= np.int64(1) << k  # not readable here: counted as present
            continue
        has = np.asarray(values != None, dtype=bool)  # noqa: E711 - elementwise on objects
        present[has] |= np.int64(1) << k
    return present


def household_only(
    table: PreparedTable, scored: ScoredPairs, model: Matcher
) -> npt.NDArray[np.bool_]:
    """Per scored pair, whether its evidence is what one household shares:

    - it agrees on no personal value (:func:`personal_agreement`), and it agrees on a
      full landline number or one of its records has no given name (a family name and
      a home are what every person of the family has: "Lefebvre" at the Lefebvres'
      address is Alain as much as François);
    - or it agrees on a street address, its two given names differ, it agrees on no
      personal email, mobile number or identifier, and either its dates of birth do
      not agree or each record has a personal email of its own (twins share a date
      of birth, a home and a family name, not a mailbox).

    Such a match cannot tell two people of one home apart; the clustering's given-name
    limit binds these matches only (:data:`goldenrecord.graph.DEFAULT_LIMITS`), so a
    typo of one given name still joins and two given names that fit nowhere in each
    other's names do not.
    """
    shared = np.zeros(len(scored), dtype=bool)
    home = np.zeros(len(scored), dtype=bool)
    for k, comparison in enumerate(model.comparisons_):
        for index, level in enumerate(comparison.levels):
            column = level.column or comparison.column
            kind = table.fields.get(column.partition(":")[0])
            if kind in _HOUSEHOLD_KINDS and ":" not in column:
                shared |= scored.levels[:, k] == index
            elif kind == "address":
                home |= scored.levels[:, k] == index
    undated, dated = _personal_agreements(table, scored, model)
    personal = undated | dated
    given = table.columns.get(GIVEN_COLUMN)
    if given is None:
        return shared & ~personal
    codes: dict[object, int] = {None: -1}
    named = np.fromiter(
        (codes.setdefault(g, len(codes)) for g in given.tolist()), dtype=np.int64, count=len(given)
    )
    a, b = named[scored.left], named[scored.right]
    shared |= (a < 0) | (b < 0)
    renamed = home & (a >= 0) & (b >= 0) & (a != b) & ~undated
    renamed &= ~dated | _mailboxes_apart(table, scored, model)
    return np.asarray((shared & ~personal) | renamed, dtype=bool)


def _mailboxes_apart(
    table: PreparedTable, scored: ScoredPairs, model: Matcher
) -> npt.NDArray[np.bool_]:
    """Per scored pair, whether both records carry a personal email and the email
    comparison finds nothing alike (its "all other" level)."""
    out = np.zeros(len(scored), dtype=bool)
    for k, kind, column, comparison in _personal_comparisons(table, model):
        values = table.columns.get(column)
        if kind != "email" or values is None:
            continue
        has = np.asarray(values != None, dtype=bool)  # noqa: E711 - elementwise on objects
        both = has[scored.left] & has[scored.right]
        out |= both & (scored.levels[:, k] == len(comparison.levels))
    return out


def attachable(
    scored: ScoredPairs, accepted: npt.NDArray[np.bool_], withheld: npt.NDArray[np.bool_]
) -> npt.NDArray[np.bool_]:
    """Per scored pair, whether it may attach a lone record: not accepted already, and
    neither record withholds consent."""
    gate = withheld[scored.left] | withheld[scored.right]
    return np.asarray(~accepted & ~gate, dtype=bool)


def accepted_pairs(
    scored: ScoredPairs, threshold: float, withheld: npt.NDArray[np.bool_]
) -> npt.NDArray[np.bool_]:
    """Per scored pair, whether it goes to clustering: at or above the threshold, and
    neither record withholds consent."""
    gate = withheld[scored.left] | withheld[scored.right]
    return np.asarray((scored.probability >= threshold) & ~gate, dtype=bool)


def refusals(
    scored: ScoredPairs,
    threshold: float,
    accepted: npt.NDArray[np.bool_],
    clustering: Clustering,
) -> dict[int, str]:
    """Scored pair index → why a pair at or above the threshold did not join its
    records: :data:`CONSENT` (not accepted), or the constraint that refused it."""
    above = scored.probability >= threshold
    refused: dict[int, str] = dict.fromkeys(np.flatnonzero(above & ~accepted).tolist(), CONSENT)
    taken = np.flatnonzero(accepted)
    refused.update(zip(taken[clustering.refused].tolist(), clustering.refused_by, strict=True))
    return refused
