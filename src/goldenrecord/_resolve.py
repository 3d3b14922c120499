"""``gr.resolve``: the whole batch pipeline, and the :class:`Resolution` it returns.

schema → prepare (normalize, derive keys) → block → fit the model → score → cluster.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from goldenrecord.errors import SettingsError
from goldenrecord.graph import connected_components
from goldenrecord.match._explain import Explanation, explain_pair
from goldenrecord.match._prepare import PreparedTable, RejectedRecord, prepare, split_sources
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
from goldenrecord.schema import Schema

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Report", "Resolution", "resolve"]


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
        model: the fitted model's summary (prior, EM iterations and convergence).
        n_clusters: clusters found.
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

    @property
    def rejected_records(self) -> int:
        """Input rows that could not take part at all."""
        return self.n_input - self.n_records


@attrs.define(repr=False, eq=False)
class Resolution:
    """The result of :func:`resolve`.

    Attributes:
        clusters: ``{record_key: cluster_id}`` for every record that took part; the
            cluster id is the smallest record key in the cluster, so it depends on
            the records only, never on input order.
        pairs: the scored candidate pairs.
        rejected: records that could not take part at all, with the reason.
        report: figures for every stage.
        matcher: the fitted model.
        prepared: the prepared records (normalized and derived columns).
    """

    clusters: dict[str, str]
    pairs: ScoredPairs
    rejected: list[RejectedRecord]
    report: Report
    matcher: Matcher
    prepared: PreparedTable
    _index: dict[str, int] = attrs.field(factory=dict)

    def __repr__(self) -> str:
        n_clusters = len(set(self.clusters.values()))
        return (
            f"Resolution(records={len(self.clusters):,}, clusters={n_clusters:,}, "
            f"pairs={len(self.pairs):,}, rejected={len(self.rejected):,})"
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
        explanation = explain_pair(self.matcher, self.prepared, i, j)
        lo, hi = min(i, j), max(i, j)
        candidate = bool(np.any((self.pairs.left == lo) & (self.pairs.right == hi)))
        explanation = attrs.evolve(explanation, candidate=candidate)
        return explanation.masked() if mask else explanation

    def pairs_frame(self) -> pd.DataFrame:
        """The scored candidate pairs as a pandas DataFrame.

        Columns: ``id_l``, ``id_r``, ``match_weight``, ``match_probability``, then one
        level-label column per comparison (categorical).
        """
        pandas = _import_pandas()
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
        """``record_id``, ``cluster_id`` and ``source`` for every record, as pandas."""
        pandas = _import_pandas()
        frame: pd.DataFrame = pandas.DataFrame(
            {
                "record_id": list(self.clusters),
                "cluster_id": list(self.clusters.values()),
                "source": self.prepared.sources,
            }
        )
        return frame


def _import_pandas() -> Any:
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise ImportError(
            "this needs pandas: install the extra with pip install 'goldenrecord[pandas]'"
        ) from None
    return pd


class _Clock:
    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = round(time.perf_counter() - start, 4)


def resolve(
    data: object,
    schema: Schema | None = None,
    *,
    threshold: float | None = None,
    link_only: bool = False,
    blocking: Sequence[BlockingRule | str | Iterable[str]] | None = None,
    max_block_size: int = DEFAULT_MAX_BLOCK_SIZE,
    max_pairs_per_rule: int | None = None,
    exhaustive_limit: int = EXHAUSTIVE_LIMIT,
    matcher: Matcher | None = None,
    labels: Mapping[tuple[str, str], bool] | None = None,
    workers: int = 1,
) -> Resolution:
    """Resolve customer records into clusters of records of one person.

    Args:
        data: a pandas or polars DataFrame, a pyarrow Table, an iterable of row
            dicts, a mapping of column to cells, or a mapping of source name to any of
            those (record keys are then ``"source:id"``).
        schema: which column holds what; inferred from column names and values when
            omitted (``res.report.schema`` shows what was chosen).
        threshold: match probability at or above which records are joined (default
            the matcher's, 0.99).
        link_only: with several sources, compare records of different sources only.
        blocking: blocking rules (column names or tuples of prepared column names)
            replacing the defaults derived from the schema.
        max_block_size: blocks larger than this are reported, not expanded.
        max_pairs_per_rule: a blocking rule that would produce more pairs is left out
            and reported (default: 1,000,000 or 5 pairs per record, the larger).
        exhaustive_limit: when the input has at most this many record pairs and no
            ``blocking`` is given, every pair is compared (no blocking at all).
        matcher: a :class:`Matcher` to use; when it is already fitted it is used as
            is, otherwise it is fitted here.
        labels: optional clerical labels ``{(key_a, key_b): is_match}`` for a
            supervised fit.
        workers: threads for the string comparisons.

    Returns:
        A :class:`Resolution`.

    >>> rows = [
    ...     {"id": "1", "email": "ana.lima@gmail.com", "name": "Ana Lima"},
    ...     {"id": "2", "email": "analima+shop@gmail.com", "name": "ana lima"},
    ...     {"id": "3", "email": "bo@x.io", "name": "Bo Chen"},
    ... ]
    >>> res = resolve(rows)
    >>> res.clusters
    {'1': '1', '2': '1', '3': '3'}
    """
    clock = _Clock()
    inferred = schema is None
    with clock.stage("schema"):
        if schema is None:
            tables = split_sources(data)
            first = next(iter(tables.values()))
            schema = Schema.infer(first)
    with clock.stage("prepare"):
        prepared = prepare(data, schema)
    n_input = len(prepared) + len(prepared.rejected)
    if link_only and len({s for s in prepared.sources if s is not None}) < 2:
        raise SettingsError("link_only=True needs records from at least two sources")
    rules = list(blocking) if blocking is not None else list(default_rules(prepared.fields))
    if not rules:
        raise SettingsError(
            "no blocking rule could be derived from the schema (it has no matchable field); "
            "give blocking=[...] or map more columns to kinds"
        )
    n = len(prepared)
    with clock.stage("block"):
        if blocking is None and n * (n - 1) // 2 <= exhaustive_limit:
            pairs = all_pairs(n, groups=prepared.source_codes, link_only=link_only)
        else:
            pairs = block(
                prepared.columns,
                rules,
                groups=prepared.source_codes,
                link_only=link_only,
                max_block_size=max_block_size,
                max_pairs_per_rule=(
                    max(1_000_000, 5 * n) if max_pairs_per_rule is None else max_pairs_per_rule
                ),
            )
    model = matcher if matcher is not None else Matcher(workers=workers)
    cut = model.threshold if threshold is None else threshold
    if not 0.0 < cut < 1.0:
        raise SettingsError(f"threshold must be a probability in (0, 1), got {cut!r}")
    with clock.stage("fit"):
        if not hasattr(model, "lambda_"):
            model.fit(prepared, pairs.left, pairs.right, link_only=link_only, labels=labels)
    with clock.stage("score"):
        scored = model.score(prepared, pairs.left, pairs.right)
    with clock.stage("cluster"):
        accepted = scored.probability >= cut
        labels_of = connected_components(
            len(prepared), scored.left[accepted], scored.right[accepted]
        )
        keys = prepared.keys
        clusters = {keys[i]: keys[int(c)] for i, c in enumerate(labels_of.tolist())}
    report = Report(
        n_input=n_input,
        n_records=len(prepared),
        rejected_values=prepared.rejected_values,
        blocking=pairs.report,
        timings=clock.timings,
        schema=schema,
        schema_inferred=inferred,
        model={
            "prior_weight": model.prior_weight,
            "lambda": model.lambda_,
            "em_iterations": model.em_iterations_,
            "em_converged": model.em_converged_,
            "threshold": cut,
        },
        n_clusters=len(set(clusters.values())),
    )
    return Resolution(
        clusters=clusters,
        pairs=scored,
        rejected=list(prepared.rejected),
        report=report,
        matcher=model,
        prepared=prepared,
    )
