"""The report of a resolution: counts, timings, warnings and what was refused."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from goldenrecord.errors import ResolutionWarning
from goldenrecord.graph._split import Split
from goldenrecord.match.blocking import BlockingReport
from goldenrecord.schema import Schema

__all__ = ["Report"]


@attrs.frozen
class Report:
    """What happened in a resolution, in figures (no personal values except block keys).

    Attributes:
        n_input: input rows, over all sources.
        n_records: records that took part.
        rejected_values: field column → reason → count of values normalized to None.
        blocking: the blocking report (pairs per rule, oversized blocks).
        timings: seconds per stage.
        schema: the schema used; ``schema_inferred`` says whether it was inferred.
        model: the fitted model's summary (prior, EM iterations and convergence,
            dependent comparisons; see ``Matcher.summary``).
        n_clusters: clusters found.
        refused: matches above the threshold that clustering refused, per constraint.
        shared_values: field column → values set aside as shared by many people.
        purpose: the purpose the records were resolved for, if any.
        consent_withheld: records kept apart because their own statement for the
            purpose is "no".
        warnings: what looks wrong, as :class:`~goldenrecord.errors.ResolutionWarning`
            items (each also raised through :mod:`warnings`): columns mostly rejected,
            kinds that do not fit their values, EM trouble, an implausible share of
            matches, dependent comparisons, an outlier largest profile. Column names,
            kinds and figures only, never record values.
        sanitised: column → input cells whose text held lone surrogates (invalid
            Unicode), replaced by U+FFFD; columns with none are not listed.
        exact_copies: records whose prepared values all equal those of a record with
            a smaller key: matched through that record and joined to it as certain
            matches (:mod:`goldenrecord.match._copies`); blocking, EM and scoring see
            each group once.
        split_components: clusters taken apart because their members matched only
            sparsely inside (far larger than the person they describe), each with its
            size and the sizes of its parts; their matches between parts are counted
            in ``refused`` under ``"split"``.
        largest_profile: records in the largest profile.
        notes: how input files were read, where it had to be guessed (a sniffed
            delimiter, trimmed header names); file and column names only.
    """

    n_input: int
    n_records: int
    rejected_values: Mapping[str, Mapping[str, int]]
    blocking: BlockingReport
    timings: Mapping[str, float]
    schema: Schema
    schema_inferred: bool
    model: Mapping[str, Any]
    n_clusters: int
    refused: Mapping[str, int] = attrs.field(factory=dict)
    shared_values: Mapping[str, int] = attrs.field(factory=dict)
    purpose: str | None = None
    consent_withheld: int = 0
    warnings: tuple[ResolutionWarning, ...] = ()
    sanitised: Mapping[str, int] = attrs.field(factory=dict)
    exact_copies: int = 0
    split_components: tuple[Split, ...] = ()
    largest_profile: int = 0
    notes: tuple[str, ...] = ()

    @property
    def rejected_records(self) -> int:
        """Input rows that could not take part at all."""
        return self.n_input - self.n_records
