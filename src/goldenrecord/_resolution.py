"""The :class:`Resolution` that :func:`goldenrecord.resolve` returns: clusters, profiles,
pairs, explanations and exports of one run."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord._html import table, view
from goldenrecord._io import (
    arrow_table,
    polars_frame,
    require,
    write_table,
)
from goldenrecord._keys import key_text
from goldenrecord.errors import RecordNotFound, SettingsError
from goldenrecord.graph import Clustering, IdentityGraph, Why
from goldenrecord.match._explain import Explanation, explain_pair
from goldenrecord.match._prepare import PreparedTable, RejectedRecord
from goldenrecord.match._shared import SharedValues
from goldenrecord.match.model import Matcher, ScoredPairs
from goldenrecord.profile import (
    ProfileList,
    build_profiles,
    lineage_frame,
    profiles_frame,
)
from goldenrecord.profile._export import LINEAGE_COLUMNS, profile_columns

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

from goldenrecord._report import Report

__all__ = ["EXPORTS", "Resolution"]


@attrs.define(repr=False, eq=False)
class Resolution:
    """The result of :func:`resolve`.

    Attributes:
        clusters: ``{record_key: profile_id}`` for every record that took part; the
            profile id derives from the smallest record key in the profile
            (:func:`goldenrecord.profile.profile_id_for`), so it depends on the
            records only, never on input order.
        pairs: the scored candidate pairs.
        rejected: records that could not take part at all, with the reason.
        report: figures for every stage.
        matcher: the fitted model.
        prepared: the prepared records (normalized and derived columns).
        clustering: the constrained clustering (labels, refused matches and why).
        shared: the values set aside as shared by many people.
        consent_withheld: record keys kept apart for the purpose (their own
            statement is "no").
    """

    clusters: dict[str, str]
    pairs: ScoredPairs
    rejected: list[RejectedRecord]
    report: Report
    matcher: Matcher
    prepared: PreparedTable
    clustering: Clustering
    shared: SharedValues
    consent_withheld: tuple[str, ...] = ()
    _matched: PreparedTable | None = None
    _accepted: npt.NDArray[np.bool_] | None = None
    _profile_options: Mapping[str, Any] = attrs.field(factory=dict)
    _profiles: ProfileList | None = None
    _graph: IdentityGraph | None = None
    _index: dict[str, int] = attrs.field(factory=dict)

    def __repr__(self) -> str:
        n_clusters = len(set(self.clusters.values()))
        return (
            f"Resolution(records={len(self.clusters):,}, clusters={n_clusters:,}, "
            f"pairs={len(self.pairs):,}, rejected={len(self.rejected):,})"
        )

    def _repr_html_(self) -> str:
        """A summary for Jupyter: counts, rejected values, shared values, refused
        matches and stage timings (column names and counts, no personal values)."""
        report = self.report
        figures: list[tuple[object, ...]] = [
            ("input rows", report.n_input),
            ("records", report.n_records),
            ("profiles", report.n_clusters),
            ("candidate pairs", len(self.pairs)),
            ("rejected records", len(self.rejected)),
            ("threshold", report.model["threshold"]),
        ]
        if report.purpose is not None:
            figures.append(
                (f"kept apart for {report.purpose} (consent no)", len(self.consent_withheld))
            )
        rejected = [
            (field, reason, count)
            for field, reasons in report.rejected_values.items()
            for reason, count in reasons.items()
        ]
        reasons = Counter(r.reason for r in self.rejected)
        parts = [
            table("Resolution", ("figure", "value"), figures),
            table(
                "warnings",
                ("warning", "columns", "what"),
                [(w.code, ", ".join(w.columns), w.message) for w in report.warnings],
            ),
            table("rejected records", ("reason", "records"), sorted(reasons.items())),
            table("rejected values", ("field", "reason", "values"), rejected),
            table(
                "values shared by many people (no evidence)",
                ("field", "values"),
                list(report.shared_values.items()),
            ),
            table("matches refused", ("constraint", "matches"), list(report.refused.items())),
            table(
                "stage timings",
                ("stage", "seconds"),
                [(k, round(v, 3)) for k, v in report.timings.items()],
            ),
        ]
        return view(
            '<div style="display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start">'
            + "".join(parts)
            + "</div>"
        )

    def _position(self, record_key: str | int) -> int:
        if not self._index:
            self._index.update((k, i) for i, k in enumerate(self.prepared.keys))
        try:
            return self._index[key_text(record_key)]
        except KeyError:
            raise RecordNotFound(
                "record key not found among the resolved records (keys of a mapping of "
                "sources are 'source:id')"
            ) from None

    def explain(self, id_a: str | int, id_b: str | int, *, mask: bool = False) -> Explanation:
        """The prior and per-comparison contributions behind the pair's match weight.

        Args:
            id_a, id_b: record keys (an integer id is read as its text: ``0`` is the
                record keyed ``"0"``).
            mask: hide the compared values (personal data).

        Raises:
            RecordNotFound: a key that is not among the resolved records (not named).
        """
        i, j = self._position(id_a), self._position(id_b)
        explanation = explain_pair(self.matcher, self._matched or self.prepared, i, j)
        explanation = _mark_shared(explanation, self.shared, self.prepared, i, j)
        lo, hi = min(i, j), max(i, j)
        candidate = bool(np.any((self.pairs.left == lo) & (self.pairs.right == hi)))
        explanation = attrs.evolve(explanation, candidate=candidate)
        return explanation.masked() if mask else explanation

    @property
    def profiles(self) -> ProfileList:
        """The golden profiles, one per cluster, sorted by smallest member key.

        Built on first access (survivorship, lineage, consent), then kept.
        """
        if self._profiles is None:
            labels = self.clustering.labels
            self._profiles = build_profiles(self.prepared, labels, **self._profile_options)
        return self._profiles

    def to_pandas(self, *, purpose: str | None = None) -> pd.DataFrame:
        """One row per golden profile: ``profile_id``, ``n_records``, one column per field.

        Args:
            purpose: a consent purpose of the schema: each profile goes through
                ``profile.view(purpose)``, so a profile whose effective consent is
                not "yes" shows no personal values.
        """
        return profiles_frame(self.profiles, purpose=purpose)

    def to_polars(self, *, purpose: str | None = None) -> pl.DataFrame:
        """One row per golden profile as a polars DataFrame, the columns of :meth:`to_pandas`.

        Raises:
            ImportError: polars is not installed (the ``goldenrecord[polars]`` extra).
        """
        frame: pl.DataFrame = polars_frame(self._columns("profiles", purpose))
        return frame

    def to_arrow(self, *, purpose: str | None = None) -> Any:
        """One row per golden profile as a ``pyarrow.Table``, the columns of :meth:`to_pandas`.

        Raises:
            ImportError: pyarrow is not installed (the ``goldenrecord[arrow]`` extra).
        """
        return arrow_table(self._columns("profiles", purpose))

    def write(
        self,
        path: str | os.PathLike[str],
        *,
        purpose: str | None = None,
        what: str = "profiles",
    ) -> None:
        """Write profiles, lineage, pairs or clusters to a CSV, Parquet or JSON Lines file.

        The suffix chooses the format (``.csv``, ``.parquet``, ``.jsonl``, and
        ``.csv.gz`` and the like; see :mod:`goldenrecord._io`). No frame library is
        needed except pyarrow for Parquet.

        Args:
            path: the file to write (replaced if it exists).
            purpose: for ``what="profiles"``, a consent purpose: as in
                :meth:`to_pandas`, profiles without consent keep no personal values.
            what: ``"profiles"`` (the columns of :meth:`to_pandas`), ``"lineage"``
                (:meth:`lineage_frame`), ``"pairs"`` (:meth:`pairs_frame`) or
                ``"clusters"`` (:meth:`clusters_frame`).

        Raises:
            SettingsError: an unknown ``what``, suffix or purpose, a missing folder, or
                a purpose with ``what`` other than ``"profiles"``.
            ImportError: Parquet without pyarrow (the ``goldenrecord[arrow]`` extra).

        >>> import pathlib, tempfile
        >>> import goldenrecord as gr
        >>> res = gr.resolve([{"id": "1", "email": "a@b.io"}, {"id": "2", "email": "a@b.io"}])
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "clusters.csv"
        >>> res.write(path, what="clusters")
        >>> print(path.read_text())
        record_id,cluster_id,source
        1,gp_f6fc42039fba3776,
        2,gp_f6fc42039fba3776,
        <BLANKLINE>
        """
        write_table(self._columns(what, purpose), path)

    def _columns(self, what: str, purpose: str | None) -> dict[str, list[Any]]:
        """Plain columns of one export, as :meth:`write` and the frame methods use them."""
        if what not in EXPORTS:
            raise SettingsError(f"unknown what={what!r}; choose one of {', '.join(EXPORTS)}")
        if purpose is not None and what != "profiles":
            raise SettingsError(f"purpose applies to what='profiles', not what={what!r}")
        if what == "profiles":
            return _profile_columns(self.profiles, purpose)
        if what == "lineage":
            return _lineage_columns(self.profiles)
        if what == "clusters":
            return {
                "record_id": list(self.clusters),
                "cluster_id": list(self.clusters.values()),
                "source": list(self.prepared.sources),
            }
        keys = self.prepared.keys
        columns: dict[str, list[Any]] = {
            "id_l": [keys[i] for i in self.pairs.left.tolist()],
            "id_r": [keys[i] for i in self.pairs.right.tolist()],
            "match_weight": self.pairs.weight.tolist(),
            "match_probability": self.pairs.probability.tolist(),
        }
        for k, comparison in enumerate(self.matcher.comparisons_):
            labels = list(comparison.level_labels)
            columns[comparison.name] = [labels[x] for x in self.pairs.levels[:, k].tolist()]
        return columns

    def lineage_frame(self) -> pd.DataFrame:
        """One row per (profile, attribute, distinct value): records, sources, rule, times."""
        return lineage_frame(self.profiles)

    @property
    def graph(self) -> IdentityGraph:
        """The identity graph: accepted and refused matches as networkx graphs on request."""
        if self._graph is None:
            accepted = self._accepted
            assert accepted is not None
            pairs = self.pairs
            self._graph = IdentityGraph.for_records(
                self.prepared.keys,
                pairs.left[accepted],
                pairs.right[accepted],
                pairs.weight[accepted],
                pairs.probability[accepted],
                self.clustering,
                explain=lambda i, j: explain_pair(
                    self.matcher, self._matched or self.prepared, i, j
                ),
                sources=self.prepared.sources,
                profile_ids=[self.clusters[key] for key in self.prepared.keys],
            )
        return self._graph

    def why(self, id_a: str | int, id_b: str | int) -> Why:
        """The chain of matches that joined two records, or why they were kept apart.

        Clusters are named by their profile ids (as in :attr:`clusters`). Record keys,
        profile ids and weights only (no personal values); see
        :meth:`explain` for the evidence of one pair. Integer ids are read as their
        text, as in :meth:`explain`.

        Raises:
            RecordNotFound: a key that is not among the resolved records (not named).
        """
        self._position(id_a), self._position(id_b)  # clear error for unknown keys
        return self.graph.why(key_text(id_a), key_text(id_b))

    def pairs_frame(self) -> pd.DataFrame:
        """The scored candidate pairs as a pandas DataFrame.

        Columns: ``id_l``, ``id_r``, ``match_weight``, ``match_probability``, then one
        level-label column per comparison (categorical).
        """
        pandas = require("pandas", "a pandas DataFrame")
        keys = np.array(self.prepared.keys, dtype=object)
        data: dict[str, Any] = {
            "id_l": keys[self.pairs.left],
            "id_r": keys[self.pairs.right],
            "match_weight": self.pairs.weight,
            "match_probability": self.pairs.probability,
        }
        for k, comparison in enumerate(self.matcher.comparisons_):
            labels = list(comparison.level_labels)
            levels = self.pairs.levels[:, k].astype(np.int64)
            codes = np.where(levels < 0, len(labels) - 1, levels)  # labels[-1] is "missing"
            data[comparison.name] = pandas.Categorical.from_codes(codes, categories=labels)
        frame: pd.DataFrame = pandas.DataFrame(data)
        return frame

    def clusters_frame(self) -> pd.DataFrame:
        """``record_id``, ``cluster_id`` (the profile id) and ``source`` per record, as pandas."""
        pandas = require("pandas", "a pandas DataFrame")
        frame: pd.DataFrame = pandas.DataFrame(
            {
                "record_id": list(self.clusters),
                "cluster_id": list(self.clusters.values()),
                "source": self.prepared.sources,
            }
        )
        return frame


EXPORTS: tuple[str, ...] = ("profiles", "lineage", "pairs", "clusters")
"""What :meth:`Resolution.write` can write."""


def _profile_columns(profiles: ProfileList, purpose: str | None) -> dict[str, list[Any]]:
    """The columns of :func:`goldenrecord.profile.profiles_frame`, as plain lists."""
    return profile_columns(profiles, purpose=purpose)


def _lineage_columns(profiles: ProfileList) -> dict[str, list[Any]]:
    """The columns of :func:`goldenrecord.profile.lineage_frame`, as plain lists."""
    data: dict[str, list[Any]] = {name: [] for name in LINEAGE_COLUMNS}
    for p in profiles:
        for field in p.attributes:
            for v in p.values(field):
                for name in LINEAGE_COLUMNS:
                    data[name].append(p.profile_id if name == "profile_id" else None)
                row = len(data["profile_id"]) - 1
                data["attribute"][row] = field
                for name in LINEAGE_COLUMNS[2:]:
                    data[name][row] = getattr(v, name)
    for name in ("chosen", "validated"):
        data[name] = [bool(x) for x in data[name]]
    return data


def _mark_shared(
    explanation: Explanation, shared: SharedValues, prepared: PreparedTable, i: int, j: int
) -> Explanation:
    """Contributions whose values were set aside as shared say so, with the values."""
    if not len(shared):
        return explanation
    out = []
    for c in explanation.contributions:
        column = c.comparison
        values = shared.values.get(column)
        if c.level < 0 and values and column in prepared.columns:
            a, b = prepared.columns[column][i], prepared.columns[column][j]
            if a is not None and b is not None and (a in values or b in values):
                c = attrs.evolve(c, value_a=a, value_b=b, shared=True)
        out.append(c)
    return attrs.evolve(explanation, contributions=tuple(out))
