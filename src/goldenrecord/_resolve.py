"""``gr.resolve``: the whole batch pipeline, and the :class:`Resolution` it returns.

schema → prepare (normalize, derive keys) → set shared values aside → block → fit the
model → score → constrained clustering → golden profiles (built when first asked for).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import numpy.typing as npt

from goldenrecord._clustering import cluster_stage, withheld_records
from goldenrecord._io import names_files, read_notes
from goldenrecord._progress import ProgressCallback, Stages, progress_reporter
from goldenrecord._report import Report
from goldenrecord._resolution import Resolution
from goldenrecord._table import read_sources
from goldenrecord._warnings import emit, kept_counts, resolution_warnings
from goldenrecord.errors import ResolutionWarning, SettingsError
from goldenrecord.graph._limits import DEFAULT_LIMITS, check_limits
from goldenrecord.match._copies import distinct_labels, exact_copies, no_copies, with_copies
from goldenrecord.match._fitting import fit_model, random_sample
from goldenrecord.match._prepare import PreparedTable, prepare, take_rows
from goldenrecord.match._prepared import distinct_sorted
from goldenrecord.match._shared import DEFAULT_MIN_PEOPLE, SharedValues, find_shared, mask_shared
from goldenrecord.match._sources import split_sources
from goldenrecord.match.blocking import (
    DEFAULT_MAX_BLOCK_SIZE,
    EXHAUSTIVE_LIMIT,
    BlockingRule,
    all_pairs,
    block,
    default_rules,
)
from goldenrecord.match.model import Matcher
from goldenrecord.profile import RuleSpec, profile_id_for
from goldenrecord.schema import FIELD_KINDS, Schema, as_schema, infer_schema

__all__ = ["DEFAULT_LIMITS", "Report", "Resolution", "resolve"]


STAGES: tuple[str, ...] = ("schema", "prepare", "shared", "block", "fit", "score", "cluster")
"""The stages :func:`resolve` reports, in order (``"read"`` comes first when it reads files)."""


def resolve(
    data: object,
    schema: Schema | Mapping[str, Any] | None = None,
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
    workers: int | None = None,
    purpose: str | None = None,
    limits: Mapping[str, int] | None = None,
    one_per_source: bool = False,
    attach: bool = False,
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
        encoding: the text encoding of CSV and JSON Lines files given by path
            (default UTF-8; a byte-order mark is detected).
        sep: the delimiter of CSV files given by path (default sniffed among comma,
            semicolon, tab and pipe; ``res.report.notes`` says when it was).
        schema: which column holds what: a :class:`~goldenrecord.Schema`, or a mapping
            with the same keys (``{"id": "id", "fields": {"email": "email"}}``),
            validated as :meth:`Schema.from_dict <goldenrecord.Schema.from_dict>` does;
            inferred from column names and values when omitted (``res.report.schema``
            shows what was chosen).
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
        workers: threads for the string comparisons (default: the cores this process may
            use; the result does not depend on it).
        purpose: a consent purpose of the schema: a record whose own statement for
            it is "no" is not merged with any other (it stays a profile of its own,
            listed in ``res.consent_withheld`` and counted in the report).
        limits: most distinct values a profile may hold, per field kind or column
            of the prepared table, derived ones included (e.g. ``"first:initial"``);
            default :data:`~goldenrecord.DEFAULT_LIMITS`; a column entry beats its kind's. A match
            that would break a limit is refused and reported.
        one_per_source: a profile holds at most one record per source.
        attach: attach each record that joins no profile at the threshold to the one
            profile its best match points to, when that match is evidence (2 bits or
            more, probability 0.8 with the prior) and leads any other profile by 3
            bits (eight times likelier), under the same constraints as any match.
            Sparse records of known people (a name and a city) then join their
            profile instead of staying alone; two lone records never join this way.
            :func:`goldenrecord.spark.resolve` and the identity store
            (``IdentityStore(attach=True)``) take it too.
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
        schema = as_schema(schema)
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
        withheld = withheld_records(prepared, schema, purpose)
        # Exact copies are matched through one representative (match/_copies.py).
        copies = (
            no_copies(n)
            if link_only or one_per_source
            else exact_copies(prepared, apart=withheld, evidence=matched.columns)
        )
        distinct = take_rows(matched, copies.distinct) if copies.n_copies else matched
        n_distinct = len(distinct)
        model = (
            matcher
            if matcher is not None
            else Matcher(workers=_cores() if workers is None else workers)
        )
        exhaustive = blocking is None and n_distinct * (n_distinct - 1) // 2 <= exhaustive_limit
        # The random pairs that measure u do not depend on the candidates: with more
        # than one worker, their levels are computed on a thread of their own while
        # blocking runs (NumPy and RapidFuzz release the GIL), ready for the fit.
        background = (
            ThreadPoolExecutor(1)
            if model.workers != 1 and not model.is_fitted and (exhaustive or rules)
            else None
        )
        sample = (
            None
            if background is None
            else background.submit(
                random_sample,
                model,
                model._comparisons_for(distinct),
                distinct,
                link_only=link_only,
            )
        )
        try:
            with clock.stage("block"):
                if exhaustive:
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
            cut = model.threshold if threshold is None else threshold
            if not 0.0 < cut < 1.0:
                raise SettingsError(f"threshold must be a probability in (0, 1), got {cut!r}")
            with clock.stage("fit"):
                levels = None  # computed once, for fitting and scoring
                if not model.is_fitted:
                    if labels and copies.n_copies:
                        labels = distinct_labels(labels, copies, prepared.keys)
                    levels = model.levels(distinct, pairs.left, pairs.right)
                    # Matcher.fit's work, with the random pairs' levels computed ahead
                    fit_model(
                        model,
                        model._comparisons_for(distinct),
                        distinct,
                        pairs.left,
                        pairs.right,
                        link_only=link_only,
                        labels=labels,
                        levels=levels,
                        u_sample=None if sample is None else sample.result(),
                    )
        finally:
            if background is not None:
                background.shutdown(wait=False, cancel_futures=True)
        with clock.stage("score"):
            scored = model.score(distinct, pairs.left, pairs.right, levels=levels)
            scored = with_copies(scored, copies, model, distinct)
        with clock.stage("cluster"):
            stage = cluster_stage(
                prepared,
                scored,
                model,
                threshold=cut,
                withheld=withheld,
                limits=limit_of,
                one_per_source=one_per_source,
                attach=attach,
                must_link=musts,
                cannot_link=cannots,
                counted=None if not copies.n_copies else _distinct_mask(n, copies.distinct),
            )
            clustering, accepted = stage.clustering, stage.accepted
            keys = prepared.keys
            ids = {int(r): profile_id_for(keys[int(r)]) for r in distinct_sorted(clustering.labels)}
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


def _cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


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
    """Every warning of one resolution (see :func:`goldenrecord._warnings.resolution_warnings`).

    ``distinct_labels`` are the cluster labels of the distinct rows: exact copies of a
    record (joined to it as certain matches) do not make its profile an outlier.
    """
    n = len(prepared)
    n_pairs = n * (n - 1) // 2
    if link_only:
        sizes = np.bincount(prepared.source_codes[prepared.source_codes >= 0])
        n_pairs = int((int(sizes.sum()) ** 2 - int((sizes.astype(np.int64) ** 2).sum())) // 2)
    profile_sizes = np.bincount(np.unique(distinct_labels, return_inverse=True)[1].reshape(-1))
    return resolution_warnings(
        schema.fields,
        {col: prepared.raw[col] for col in schema.fields},
        prepared.rejected_values,
        kept_counts(prepared.columns, schema.fields),
        model,
        n,
        n_pairs,
        profile_sizes,
    )


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
