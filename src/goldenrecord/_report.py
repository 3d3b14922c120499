"""The report of a resolution: counts, timings, warnings and what was refused."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from goldenrecord._html import esc, table, view
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

    def _repr_html_(self) -> str:
        """The report for Jupyter: figures, notes, warnings, the schema, blocking rules,
        rejected, shared and refused counts and stage timings. Column names, kinds,
        rule names and figures only: no record values (an oversized block's key is
        counted, not shown)."""
        model = self.model
        figures: list[tuple[object, ...]] = [
            ("input rows", self.n_input),
            ("records", self.n_records),
            ("rejected records", self.rejected_records),
            ("profiles", self.n_clusters),
            ("largest profile (records)", self.largest_profile),
            ("candidate pairs", self.blocking.n_pairs),
            ("exact copies", self.exact_copies),
            ("schema", "inferred" if self.schema_inferred else "given"),
        ]
        if "threshold" in model:
            figures.append(("threshold", model["threshold"]))
        if "prior_weight" in model:
            figures.append(("prior weight (bits)", round(float(model["prior_weight"]), 2)))
        if "em_iterations" in model:
            converged = "converged" if model.get("em_converged") else "did not converge"
            figures.append(("EM iterations", f"{model['em_iterations']} ({converged})"))
        if self.purpose is not None:
            figures.append((f"kept apart for {self.purpose} (consent no)", self.consent_withheld))
        schema = self.schema
        roles = [("id", schema.id), ("source", schema.source), ("updated_at", schema.updated_at)]
        columns = [(column, role) for role, column in roles if column is not None]
        columns += [(column, kind) for column, kind in schema.fields.items()]
        columns += [(column, f"consent: {purpose}") for purpose, column in schema.consent.items()]
        rules = [
            (
                r.rule,
                r.pairs,
                r.new_pairs,
                r.records_with_key,
                len(r.oversized),
                "yes" if r.skipped else "",
            )
            for r in self.blocking.rules
        ]
        rejected = [
            (field, reason, count)
            for field, reasons in self.rejected_values.items()
            for reason, count in reasons.items()
        ]
        parts = [
            table("Report", ("figure", "value"), figures),
            table(
                "warnings",
                ("warning", "columns", "what"),
                [(w.code, ", ".join(w.columns), w.message) for w in self.warnings],
            ),
            table("schema", ("column", "holds"), columns),
            table(
                "blocking rules",
                ("rule", "pairs", "new pairs", "records with a key", "oversized blocks", "skipped"),
                rules,
            ),
            table("rejected values", ("field", "reason", "values"), rejected),
            table(
                "values shared by many people (no evidence)",
                ("field", "values"),
                list(self.shared_values.items()),
            ),
            table("matches refused", ("constraint", "matches"), list(self.refused.items())),
            table(
                "clusters split (sparse inside)",
                ("records", "parts"),
                [(split.size, ", ".join(map(str, split.parts))) for split in self.split_components],
            ),
            table("invalid Unicode replaced", ("column", "cells"), list(self.sanitised.items())),
            table(
                "stage timings",
                ("stage", "seconds"),
                [(k, round(v, 3)) for k, v in self.timings.items()],
            ),
        ]
        return view(
            "".join(f"<p>{esc(note)}</p>" for note in self.notes),
            '<div style="display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start">'
            + "".join(parts)
            + "</div>",
        )
