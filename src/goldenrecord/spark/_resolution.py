"""The result of :func:`goldenrecord.spark.resolve`: DataFrames, the report and the model."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from goldenrecord._report import Report
from goldenrecord.errors import SettingsError
from goldenrecord.match.model import Matcher
from goldenrecord.schema import Schema

__all__ = ["EXPORTS", "SparkResolution"]

EXPORTS: tuple[str, ...] = ("profiles", "lineage", "pairs", "clusters")
"""What :meth:`SparkResolution.write` writes."""

LINEAGE_SCHEMA = (
    "profile_id string, attribute string, value string, canonical string, chosen boolean, "
    "rule string, record_ids array<string>, sources array<string>, first_seen timestamp, "
    "last_seen timestamp, validated boolean"
)
"""The columns of :func:`goldenrecord.profile.lineage_frame` as Spark types (values as text)."""


@attrs.frozen(repr=False)
class SparkResolution:
    """What :func:`goldenrecord.spark.resolve` found.

    Attributes:
        clusters: a DataFrame of ``record_id``, ``profile_id`` and ``source``, one row per
            record that took part (checkpointed: computed once).
        report: the same :class:`~goldenrecord.Report` as in-process (its ``warnings``
            are left empty: they read the whole table).
        model: the fitted :class:`~goldenrecord.Matcher`.
        rejected: records that could not take part, with the reason.
        rounds: large-star/small-star rounds of the connected components: of the accepted
            matches (``"components"``) and of the blocking group rule (``"groups"``).
        components: ``largest``, the records of the largest group clustered on one
            executor, and ``split_edges``, the matches cut to split components over
            ``max_component_size`` records (refused there, as in-process).
    """

    clusters: Any
    report: Report
    model: Matcher
    rejected: tuple[Any, ...]
    rounds: Mapping[str, int]
    _scored: Any = attrs.field(alias="scored")
    _records: Any = attrs.field(alias="records")
    _schema: Schema = attrs.field(alias="schema")
    _source_codes: Mapping[str, int] = attrs.field(alias="source_codes")
    _profile_options: Mapping[str, Any] = attrs.field(alias="profile_options")
    components: Mapping[str, int] = attrs.field(factory=dict)

    def __repr__(self) -> str:
        return (
            f"SparkResolution(records={self.report.n_records:,}, "
            f"profiles={self.report.n_clusters:,}, pairs={self.report.blocking.n_pairs:,})"
        )

    def pairs(self) -> Any:
        """The scored pairs: ``id_l``, ``id_r``, ``match_weight``, ``match_probability``, then
        one level-label column per comparison (as :meth:`Resolution.pairs_frame`), and
        ``rule`` (the blocking rule that found the pair; -1 for an exact copy)."""
        from pyspark.sql import functions as sf

        columns = [
            sf.col("key_l").alias("id_l"),
            sf.col("key_r").alias("id_r"),
            sf.col("weight").alias("match_weight"),
            sf.col("probability").alias("match_probability"),
        ]
        for k, comparison in enumerate(self.model.comparisons_):
            labels = list(comparison.level_labels)
            level = sf.element_at("levels", k + 1)
            code = sf.when(level < 0, len(labels) - 1).otherwise(level)
            mapping = sf.create_map(
                *[x for i, label in enumerate(labels) for x in (sf.lit(i), sf.lit(label))]
            )
            columns.append(sf.element_at(mapping, code).alias(comparison.name))
        columns.append(sf.col("rule"))
        return self._scored.select(*columns)

    def profiles(self, purpose: str | None = None) -> Any:
        """One row per golden profile, the columns of :meth:`Resolution.to_pandas`
        (golden values as text).

        Args:
            purpose: a consent purpose of the schema: a profile whose consent is not "yes"
                shows no personal values (:meth:`Profile.view`).
        """
        if purpose is not None and purpose not in self._schema.consent:
            known = ", ".join(self._schema.consent) or "none in the schema"
            raise SettingsError(f"unknown purpose {purpose!r}; consent purposes: {known}")
        columns = self._profile_columns(purpose)
        spec = ", ".join(f"`{c}` long" if c == "n_records" else f"`{c}` string" for c in columns)
        return self._per_profile("profiles", purpose, columns, spec)

    def lineage(self) -> Any:
        """One row per (profile, attribute, distinct value), the columns of
        :meth:`Resolution.lineage_frame` (values as text)."""
        from goldenrecord.profile._export import LINEAGE_COLUMNS

        return self._per_profile("lineage", None, list(LINEAGE_COLUMNS), LINEAGE_SCHEMA)

    def write(self, path: str, *, what: str = "profiles", purpose: str | None = None) -> None:
        """Write profiles, lineage, pairs or clusters as Parquet (a directory of files).

        Raises:
            SettingsError: an unknown ``what``.
        """
        if what not in EXPORTS:
            raise SettingsError(f"what must be one of {', '.join(EXPORTS)}, got {what!r}")
        frame = (
            self.profiles(purpose)
            if what == "profiles"
            else self.lineage()
            if what == "lineage"
            else self.pairs()
            if what == "pairs"
            else self.clusters
        )
        frame.write.mode("overwrite").parquet(path)

    def _profile_columns(self, purpose: str | None) -> list[str]:
        """The columns :func:`goldenrecord.profile.profiles_frame` gives for this schema,
        read off the profile of one record (a frame without profiles has no field
        columns)."""
        from goldenrecord.profile import build_profiles, profiles_frame
        from goldenrecord.spark._records import table_of

        rows = self._records.limit(1).collect()
        table = table_of(
            [r["key"] for r in rows],
            [r["source"] for r in rows],
            [r["payload"] for r in rows],
            self._schema.fields,
            self._source_codes,
        )
        labels = [0] * len(rows)
        frame = profiles_frame(
            build_profiles(table, labels, **self._profile_options), purpose=purpose
        )
        return list(frame.columns)

    def _per_profile(self, what: str, purpose: str | None, columns: list[str], spec: str) -> Any:
        from goldenrecord.spark._cluster import ProfileTask

        task = ProfileTask(
            fields=dict(self._schema.fields),
            source_codes=self._source_codes,
            options=self._profile_options,
            what=what,
            purpose=purpose,
            columns=columns,
        )
        members = self._records.join(
            self.clusters.select("record_id", "profile_id").withColumnRenamed("record_id", "key"),
            on="key",
        )
        return members.groupBy("profile_id").applyInPandas(lambda rows: task(rows), spec)
