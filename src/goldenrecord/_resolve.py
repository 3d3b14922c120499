"""``gr.resolve``: the whole batch pipeline, and the :class:`Resolution` it returns.

schema → prepare (normalize, derive keys) → set shared values aside → block → fit the
model → score → constrained clustering → golden profiles (built when first asked for).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord._html import esc, view
from goldenrecord._io import (
    arrow_table,
    names_files,
    polars_frame,
    read_notes,
    read_sources,
    require,
    write_table,
)
from goldenrecord._progress import ProgressCallback, Stages, progress_reporter
from goldenrecord._warnings import (
    emit,
    kind_warnings,
    model_warnings,
    profile_warnings,
    rejected_warnings,
)
from goldenrecord.errors import ResolutionWarning, SettingsError
from goldenrecord.graph import Clustering, IdentityGraph, Why, cluster
from goldenrecord.graph._limits import DEFAULT_LIMITS, check_limits, limited_values
from goldenrecord.graph._split import DEFAULT_SPLIT, Split
from goldenrecord.match._copies import distinct_labels, exact_copies, no_copies, with_copies
from goldenrecord.match._explain import Explanation, explain_pair
from goldenrecord.match._prepare import (
    PreparedTable,
    RejectedRecord,
    prepare,
    split_sources,
    take_rows,
)
from goldenrecord.match._shared import DEFAULT_MIN_PEOPLE, SharedValues, find_shared, mask_shared
from goldenrecord.match.blocking import (
    DEFAULT_MAX_BLOCK_SIZE,
    EXHAUSTIVE_LIMIT,
    BlockingReport,
    BlockingRule,
    all_pairs,
    block,
    default_rules,
)
from goldenrecord.match.model import Matcher, ScoredPairs
from goldenrecord.profile import (
    ProfileList,
    RuleSpec,
    build_profiles,
    lineage_frame,
    profile_id_for,
    profiles_frame,
)
from goldenrecord.profile._consent import consent_codes
from goldenrecord.profile._export import LINEAGE_COLUMNS, profile_columns
from goldenrecord.schema import FIELD_KINDS, Schema, infer_schema

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

__all__ = ["DEFAULT_LIMITS", "Report", "Resolution", "resolve"]


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

        def td(value: object) -> str:
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            return f'<td class="num">{_cell(value)}</td>' if number else f"<td>{_cell(value)}</td>"

        def table(caption: str, head: tuple[str, ...], rows: Sequence[tuple[object, ...]]) -> str:
            if not rows:
                return ""
            th = "".join(f"<th>{esc(h)}</th>" for h in head)
            body = "".join("<tr>" + "".join(td(v) for v in row) + "</tr>" for row in rows)
            return f"<table><caption>{esc(caption)}</caption><tr>{th}</tr>{body}</table>"

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

    def _position(self, record_key: str) -> int:
        if not self._index:
            self._index.update((k, i) for i, k in enumerate(self.prepared.keys))
        try:
            return self._index[record_key]
        except KeyError:
            raise SettingsError(
                "record key not found among the resolved records (keys of a mapping of "
                "sources are 'source:id')"
            ) from None

    def explain(self, id_a: str, id_b: str, *, mask: bool = False) -> Explanation:
        """The prior and per-comparison contributions behind the pair's match weight.

        Args:
            id_a, id_b: record keys.
            mask: hide the compared values (personal data).
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
        >>> res = resolve([{"id": "1", "email": "a@b.io"}, {"id": "2", "email": "a@b.io"}])
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
            )
        return self._graph

    def why(self, id_a: str, id_b: str) -> Why:
        """The chain of matches that joined two records, or why they were kept apart.

        Record keys and weights only (no personal values); see
        :meth:`explain` for the evidence of one pair.
        """
        self._position(id_a), self._position(id_b)  # clear error for unknown keys
        return self.graph.why(id_a, id_b)

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


def _cell(value: object) -> str:
    """A table cell: a number with thousands separators, anything else escaped text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return esc(value)


STAGES: tuple[str, ...] = ("schema", "prepare", "shared", "block", "fit", "score", "cluster")
"""The stages :func:`resolve` reports, in order (``"read"`` comes first when it reads files)."""


def resolve(
    data: object,
    schema: Schema | None = None,
    *,
    threshold: float | None = None,
    link_only: bool = False,
    blocking: Sequence[BlockingRule | str | Iterable[str]] | None = None,
    max_block_size: int = DEFAULT_MAX_BLOCK_SIZE,
    max_pairs_per_rule: int | None = None,
    loose_blocking: float = 1.0,
    exhaustive_limit: int = EXHAUSTIVE_LIMIT,
    matcher: Matcher | None = None,
    labels: Mapping[tuple[str, str], bool] | None = None,
    workers: int = 1,
    purpose: str | None = None,
    limits: Mapping[str, int] | None = None,
    one_per_source: bool = False,
    must_link: Iterable[tuple[str, str]] = (),
    cannot_link: Iterable[tuple[str, str]] = (),
    shared_min_people: int | None = DEFAULT_MIN_PEOPLE,
    survivorship: Mapping[str, RuleSpec] | None = None,
    source_priority: Sequence[str] | None = None,
    progress: bool | ProgressCallback | None = None,
    encoding: str | None = None,
    sep: str | None = None,
) -> Resolution:
    """Resolve customer records into clusters of records of one person.

    Args:
        data: a pandas or polars DataFrame, a pyarrow Table, a Polars LazyFrame, a
            DuckDB relation or any object with ``__arrow_c_stream__`` (each read
            once, up front), an iterable of row dicts, a mapping of column to cells,
            the path of a CSV, Parquet or JSON Lines file (chosen by suffix, see
            :mod:`goldenrecord._io`), or a mapping of source name to any of those
            (record keys are then ``"source:id"``).
        schema: which column holds what; inferred from column names and values when
            omitted (``res.report.schema`` shows what was chosen).
        threshold: match probability at or above which records are joined (default
            the matcher's, 0.99).
        link_only: with several sources, compare records of different sources only.
        blocking: blocking rules (column names or tuples of prepared column names)
            replacing the defaults derived from the schema.
        max_block_size: blocks larger than this are reported, not expanded.
        loose_blocking: scales the pair budgets of the default rules' loose tier (0
            leaves those rules out; see
            :func:`goldenrecord.match.blocking.default_rules`).
        max_pairs_per_rule: a blocking rule that would produce more pairs is left out
            and reported (default: 1,000,000 or 5 pairs per record, the larger).
        exhaustive_limit: when the input has at most this many record pairs and no
            ``blocking`` is given, every pair is compared (no blocking at all).
        matcher: a :class:`Matcher` to use; when it is already fitted it is used as
            is, otherwise it is fitted here.
        labels: optional clerical labels ``{(key_a, key_b): is_match}`` for a
            supervised fit.
        workers: threads for the string comparisons.
        purpose: a consent purpose of the schema: a record whose own statement for
            it is "no" is not merged with any other (it stays a profile of its own,
            listed in ``res.consent_withheld`` and counted in the report).
        limits: most distinct values a profile may hold, per field kind or column
            of the prepared table, derived ones included (e.g. ``"first:initial"``);
            default :data:`DEFAULT_LIMITS`; a column entry beats its kind's. A match
            that would break a limit is refused and reported.
        one_per_source: a profile holds at most one record per source.
        must_link: record-key pairs always joined (a reviewer's decision).
        cannot_link: record-key pairs never joined, directly or through others.
        shared_min_people: an email or phone carried by records of this many
            different names stops counting as evidence (:mod:`goldenrecord.match._shared`);
            None keeps every value.
        survivorship: rule per field column or kind for the golden values (see
            :data:`goldenrecord.profile.RULES`).
        source_priority: sources, best first, for the ``source_priority`` rule.
        progress: report the stages (read, schema, prepare, shared, block, fit,
            score, cluster) as they run: True draws a progress bar on stderr
            (tqdm); a callable receives a
            :class:`~goldenrecord._progress.StageEvent` when each stage starts and
            ends (its name, position, count and seconds). Default: silent. Stage
            timings are in ``res.report.timings`` either way.
        encoding: the text encoding of CSV and JSON Lines files given by path
            (default UTF-8; a byte-order mark is detected).
        sep: the delimiter of CSV files given by path (default sniffed among comma,
            semicolon, tab and pipe; ``res.report.notes`` says when it was).

    Returns:
        A :class:`Resolution`.

    >>> rows = [
    ...     {"id": "1", "email": "ana.lima@gmail.com", "name": "Ana Lima"},
    ...     {"id": "2", "email": "analima+shop@gmail.com", "name": "ana lima"},
    ...     {"id": "3", "email": "bo@x.io", "name": "Bo Chen"},
    ... ]
    >>> res = resolve(rows)
    >>> res.clusters["1"] == res.clusters["2"] != res.clusters["3"]
    True
    >>> res.clusters["1"]
    'gp_f6fc42039fba3776'
    """
    reads = names_files(data)
    with progress_reporter(progress) as tell:
        clock = Stages((("read",) if reads else ()) + STAGES, report=tell)
        inferred = schema is None
        if reads:
            with clock.stage("read"):
                data = read_sources(data, encoding=encoding, sep=sep)
        with clock.stage("schema"):
            if schema is None:
                tables = split_sources(data)
                first = next(iter(tables.values()))
                schema = infer_schema(first)
        if not schema.fields:
            raise SettingsError(
                "the schema maps no column to a field kind, so there is nothing to match "
                f"on; map columns to kinds ({', '.join(FIELD_KINDS)})"
            )
        with clock.stage("prepare"):
            prepared = prepare(data, schema)
        n_input = len(prepared) + len(prepared.rejected)
        if link_only and len({s for s in prepared.sources if s is not None}) < 2:
            raise SettingsError("link_only=True needs records from at least two sources")
        if purpose is not None and purpose not in schema.consent:
            known = ", ".join(schema.consent) or "none in the schema"
            raise SettingsError(f"unknown purpose {purpose!r}; consent purposes: {known}")
        limit_of = check_limits(limits, prepared.columns)
        index = {k: i for i, k in enumerate(prepared.keys)}
        musts = _pairs_of("must_link", must_link, index)
        cannots = _pairs_of("cannot_link", cannot_link, index)
        rules = (
            list(blocking)
            if blocking is not None
            else list(default_rules(prepared.fields, loose=loose_blocking))
        )
        with clock.stage("shared"):
            shared = (
                find_shared(prepared, min_people=shared_min_people)
                if shared_min_people is not None
                else SharedValues({}, {}, 0)
            )
            matched = mask_shared(prepared, shared)
        n = len(prepared)
        withheld = np.zeros(n, dtype=bool)
        if purpose is not None:
            codes, _ = consent_codes(prepared.raw[schema.consent[purpose]])
            withheld = codes == 0
        # Exact copies are matched through one representative (match/_copies.py).
        copies = (
            no_copies(n)
            if link_only or one_per_source
            else exact_copies(prepared, apart=withheld, evidence=matched.columns)
        )
        distinct = take_rows(matched, copies.distinct) if copies.n_copies else matched
        n_distinct = len(distinct)
        with clock.stage("block"):
            if blocking is None and n_distinct * (n_distinct - 1) // 2 <= exhaustive_limit:
                pairs = all_pairs(n_distinct, groups=distinct.source_codes, link_only=link_only)
            elif not rules:
                raise SettingsError(
                    "no blocking rule could be derived from the schema (it has no field to "
                    "block on) and the table is too large to compare every pair; give "
                    "blocking=[...] or map more columns to kinds"
                )
            else:
                pairs = block(
                    distinct.columns,
                    rules,
                    groups=distinct.source_codes,
                    link_only=link_only,
                    max_block_size=max_block_size,
                    max_pairs_per_rule=(
                        max(1_000_000, 5 * n_distinct)
                        if max_pairs_per_rule is None
                        else max_pairs_per_rule
                    ),
                )
        model = matcher if matcher is not None else Matcher(workers=workers)
        cut = model.threshold if threshold is None else threshold
        if not 0.0 < cut < 1.0:
            raise SettingsError(f"threshold must be a probability in (0, 1), got {cut!r}")
        with clock.stage("fit"):
            if not hasattr(model, "lambda_"):
                if labels and copies.n_copies:
                    labels = distinct_labels(labels, copies, prepared.keys)
                model.fit(distinct, pairs.left, pairs.right, link_only=link_only, labels=labels)
        with clock.stage("score"):
            scored = model.score(distinct, pairs.left, pairs.right)
            scored = with_copies(scored, copies, model, distinct)
        with clock.stage("cluster"):
            accepted = scored.probability >= cut
            if purpose is not None:
                accepted &= ~(withheld[scored.left] | withheld[scored.right])
            values, limit_by_column, variants = limited_values(
                limit_of, prepared, model, scored, accepted
            )
            clustering = cluster(
                n,
                scored.left[accepted],
                scored.right[accepted],
                scored.weight[accepted],
                values=values,
                limits=limit_by_column,
                groups=prepared.source_codes.astype(np.int64) if one_per_source else None,
                must_link=musts,
                cannot_link=cannots,
                variants=variants,
                split=DEFAULT_SPLIT,
                counted=None if not copies.n_copies else _distinct_mask(n, copies.distinct),
            )
            keys = prepared.keys
            ids = {int(r): profile_id_for(keys[int(r)]) for r in np.unique(clustering.labels)}
            clusters = {keys[i]: ids[c] for i, c in enumerate(clustering.labels.tolist())}
        found = _warnings_of(
            prepared, schema, model, clustering.labels[copies.distinct], link_only=link_only
        )
        report = Report(
            n_input=n_input,
            n_records=len(prepared),
            rejected_values=prepared.rejected_values,
            blocking=pairs.report,
            timings=clock.timings,
            schema=schema,
            schema_inferred=inferred,
            model={**model.summary(), "threshold": cut},
            n_clusters=len(ids),
            refused={k: v for k, v in clustering.counts.items() if v},
            shared_values=shared.counts(),
            purpose=purpose,
            consent_withheld=int(withheld.sum()),
            warnings=found,
            sanitised=prepared.sanitised,
            exact_copies=copies.n_copies,
            split_components=clustering.split,
            largest_profile=int(np.bincount(clustering.labels).max()) if n else 0,
            notes=read_notes(data),
        )
        emit(found, stacklevel=2)
        return Resolution(
            clusters=clusters,
            pairs=scored,
            rejected=list(prepared.rejected),
            report=report,
            matcher=model,
            prepared=prepared,
            clustering=clustering,
            shared=shared,
            consent_withheld=tuple(k for k, w in zip(keys, withheld.tolist(), strict=True) if w),
            matched=matched,
            accepted=accepted,
            profile_options={
                "rules": survivorship,
                "source_priority": source_priority,
                "consent_columns": dict(schema.consent),
            },
        )


def _distinct_mask(n: int, distinct: npt.NDArray[np.integer[Any]]) -> npt.NDArray[np.bool_]:
    """One flag per record: whether it is a distinct row (not an exact copy)."""
    mask = np.zeros(n, dtype=bool)
    mask[distinct] = True
    return mask


def _warnings_of(
    prepared: PreparedTable,
    schema: Schema,
    model: Matcher,
    distinct_labels: npt.NDArray[np.integer[Any]],
    *,
    link_only: bool,
) -> tuple[ResolutionWarning, ...]:
    """Every warning of one resolution (see :mod:`goldenrecord._warnings`).

    ``distinct_labels`` are the cluster labels of the distinct rows: exact copies of a
    record (joined to it as certain matches) do not make its profile an outlier.
    """
    found = []
    for col, kind in schema.fields.items():
        found += kind_warnings(col, kind, prepared.raw[col])
    kept = {
        col: int(sum(v is not None for v in prepared.columns[col].tolist()))
        for col in schema.fields
    }
    found += rejected_warnings(schema.fields, prepared.rejected_values, kept)
    n = len(prepared)
    n_pairs = n * (n - 1) // 2
    if link_only:
        sizes = np.bincount(prepared.source_codes[prepared.source_codes >= 0])
        n_pairs = int((int(sizes.sum()) ** 2 - int((sizes.astype(np.int64) ** 2).sum())) // 2)
    outliers = profile_warnings(distinct_labels)
    found += model_warnings(model, n, n_pairs, outlier=bool(outliers))
    found += outliers
    return tuple(found)


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


def _pairs_of(
    what: str, pairs: Iterable[tuple[str, str]], index: Mapping[str, int]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]] | None:
    """Record-key pairs as index arrays; unknown keys are a SettingsError (counted, not named)."""
    a: list[int] = []
    b: list[int] = []
    unknown = 0
    for pair in pairs:
        try:
            x, y = pair
        except (TypeError, ValueError):
            raise SettingsError(f"{what} takes pairs of record keys") from None
        if x not in index or y not in index:
            unknown += 1
            continue
        a.append(index[x])
        b.append(index[y])
    if unknown:
        raise SettingsError(
            f"{what}: {unknown} pair(s) name records that are not among the resolved records "
            "(keys of a mapping of sources are 'source:id')"
        )
    if not a:
        return None
    return np.array(a, dtype=np.int64), np.array(b, dtype=np.int64)
