"""Fitting and persistence of the Fellegi–Sunter model, on the Matcher's attributes.

:class:`goldenrecord.match.model.Matcher` keeps its settings and learned attributes
(scikit-learn style); the work of :meth:`~goldenrecord.match.model.Matcher.fit` and of
its JSON form is done here, on any object with those attributes (:class:`FittedModel`),
so this module does not import the model module.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from goldenrecord.errors import SettingsError
from goldenrecord.match._dependence import dependences
from goldenrecord.match._em import fit_em, level_counts
from goldenrecord.match._kinds import (
    _PERSONAL_KINDS,
    _anchor_m,
    columns_for,
    comparison_kind,
    enumerated_levels,
    lookalike_classes,
)
from goldenrecord.match._levels import Comparison
from goldenrecord.match._prepare import PreparedTable
from goldenrecord.match._weights import (
    _PRIOR_STRENGTH,
    _check_levels,
    _contains,
    _m_start,
    _n_levels,
    _population,
    _smooth,
    _u_default,
)
from goldenrecord.match.compare import compute_levels

__all__ = [
    "FittedModel",
    "dependent",
    "fit_model",
    "from_labels",
    "load_fitted",
    "model_document",
    "pair_levels",
    "random_sample",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
LevelMatrix = npt.NDArray[np.int8]


class FittedModel(Protocol):
    """The settings and learned attributes of a Matcher (see its docstring)."""

    comparisons: tuple[Comparison, ...] | None
    threshold: float
    u_sample_size: int
    max_iter: int
    random_state: int
    workers: int
    deterministic_rules: tuple[tuple[str, ...], ...]
    households: bool
    namesakes: bool
    comparisons_: tuple[Comparison, ...]
    fields_: dict[str, str]
    m_probabilities_: tuple[FloatArray, ...]
    u_probabilities_: tuple[FloatArray, ...]
    u_random_: tuple[FloatArray, ...]
    lambda_: float
    lambda_household_: float
    household_probabilities_: tuple[FloatArray | None, ...]
    lambda_namesake_: float
    namesake_probabilities_: tuple[FloatArray | None, ...]
    em_iterations_: int
    em_converged_: bool
    m_from_anchors_: tuple[str, ...]
    dependent_comparisons_: tuple[tuple[str, str, float], ...]

    @property
    def prior_weight(self) -> float: ...


def pair_levels(
    comparisons: Sequence[Comparison],
    prepared: PreparedTable,
    left: IntArray,
    right: IntArray,
    levels: LevelMatrix | None,
    workers: int,
) -> LevelMatrix:
    """The given levels of the pairs, checked against the pairs and comparisons, or,
    when not given, the levels computed here."""
    if levels is None:
        return compute_levels(comparisons, columns_for(prepared), left, right, workers=workers)
    _check_levels(levels, left, comparisons)
    return levels


RandomSample = tuple[IntArray, IntArray, LevelMatrix]
"""The random record pairs that measure ``u`` (left, right) and their levels."""


def random_sample(
    model: FittedModel,
    comparisons: Sequence[Comparison],
    prepared: PreparedTable,
    *,
    link_only: bool,
) -> RandomSample:
    """The random pairs :func:`fit_model` measures ``u`` on, with their levels: they
    depend on the records and the model's settings only, not on the candidate pairs,
    so a driver may compute them while it blocks."""
    groups = prepared.source_codes if link_only else None
    ra, rb = random_pairs(len(prepared), groups, model.u_sample_size, model.random_state)
    return ra, rb, compute_levels(comparisons, columns_for(prepared), ra, rb, workers=model.workers)


def fit_model(
    model: FittedModel,
    comparisons: tuple[Comparison, ...],
    prepared: PreparedTable,
    left: IntArray,
    right: IntArray,
    *,
    link_only: bool,
    labels: Mapping[tuple[str, str], bool] | None,
    levels: LevelMatrix | None,
    u_sample: RandomSample | None = None,
) -> None:
    """The work of :meth:`Matcher.fit <goldenrecord.match.model.Matcher.fit>`: set the
    learned attributes of ``model``. ``u_sample``: :func:`random_sample` of the same
    model, comparisons, records and ``link_only``, when the caller computed it."""
    n_levels = _n_levels(comparisons)
    n = len(prepared)
    groups = prepared.source_codes if link_only else None
    population = _population(n, groups)
    ra, rb, random_levels = (
        random_sample(model, comparisons, prepared, link_only=link_only)
        if u_sample is None
        else u_sample
    )
    _check_levels(random_levels, ra, comparisons)
    u_random = [_smooth(c) for c in level_counts(random_levels, n_levels)]
    levels = pair_levels(comparisons, prepared, left, right, levels, model.workers)
    # Random pairs that blocking proposed are already in the sample as candidates.
    outside = ~_contains(left * n + right, ra * n + rb)
    rest = random_levels[outside]
    rest_weight = (population - left.size) / max(rest.shape[0], 1)
    sample = np.concatenate([levels, rest])
    weights = np.concatenate([np.ones(levels.shape[0]), np.full(rest.shape[0], rest_weight)])
    labelled = None
    if labels:
        m_start, u_start, _ = from_labels(prepared, comparisons, labels, model.workers)
        labelled = (m_start, u_start)
    fit_from_sample(
        model,
        comparisons,
        prepared.fields,
        sample,
        weights,
        n_levels,
        u_random=u_random,
        random_levels=random_levels,
        anchor_rows=levels,
        n_candidates=int(left.size),
        population=population,
        labelled=labelled,
    )


def fit_from_sample(
    model: FittedModel,
    comparisons: Sequence[Comparison],
    fields: Mapping[str, str],
    sample: LevelMatrix,
    weights: npt.NDArray[np.float64],
    n_levels: Sequence[int],
    *,
    u_random: Sequence[Any],
    random_levels: LevelMatrix,
    anchor_rows: LevelMatrix,
    n_candidates: int,
    population: int,
    labelled: tuple[Sequence[Any], Sequence[Any]] | None,
) -> None:
    """EM on a weighted sample of level patterns (candidate pairs, then random pairs
    standing for the rest), and the fitted tables set on ``model``: the end of every
    fit, in-process or from counts gathered elsewhere.

    ``anchor_rows``: the candidate level patterns the anchored ``m`` tables are read
    from; ``labelled``: ``m`` and ``u`` counted from clerical labels, held fixed."""
    m_start: Sequence[Any] = [_m_start(k) for k in n_levels]
    m_prior = [_PRIOR_STRENGTH * _m_start(k) for k in n_levels]
    u_start: Sequence[Any] = u_random
    lam_start = max(0.5 * n_candidates / max(population, 1), 1e-12)
    held = _anchor_m(comparisons, fields, anchor_rows, n_levels)
    hold_m = [h is not None for h in held]
    m_start = [h if h is not None else m for h, m in zip(held, m_start, strict=True)]
    fixed = labelled is not None
    if labelled is not None:
        m_start, u_start = labelled
    result = fit_em(
        sample,
        n_levels,
        m_start=m_start,
        u_start=u_start,
        lambda_start=lam_start,
        fixed_u=fixed,
        fixed_m=fixed,
        max_iter=model.max_iter,
        weights=weights,
        m_prior=m_prior,
        hold_m=None if fixed else hold_m,
        u_prior=[_PRIOR_STRENGTH * _u_default(k) for k in n_levels],
        lookalikes=lookalike_classes(
            comparisons,
            fields,
            households=model.households and not fixed,
            namesakes=model.namesakes and not fixed,
        ),
        enumerated=enumerated_levels(comparisons, fields),
    )
    model.comparisons_ = tuple(comparisons)
    model.fields_ = dict(fields)
    model.m_probabilities_ = result.m
    model.u_probabilities_ = result.u
    model.u_random_ = tuple(u_random)
    model.lambda_ = result.lambda_
    found = {name: (share, tables) for name, share, tables in result.lookalikes}
    none = (0.0, (None,) * len(comparisons))
    model.lambda_household_, model.household_probabilities_ = found.get("household", none)
    model.lambda_namesake_, model.namesake_probabilities_ = found.get("namesake", none)
    model.em_iterations_ = result.iterations
    model.em_converged_ = result.converged
    model.m_from_anchors_ = tuple(
        c.name for c, h in zip(comparisons, hold_m, strict=True) if h and not fixed
    )
    model.dependent_comparisons_ = dependent(model, random_levels)


def random_pairs(
    n: int, groups: npt.NDArray[np.integer[Any]] | None, size: int, seed: int
) -> tuple[IntArray, IntArray]:
    """A uniform sample of distinct-record pairs (across groups only, when given)."""
    if n < 2:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    rng = np.random.default_rng(seed)
    size = int(min(size, n * (n - 1) // 2))
    a = rng.integers(0, n, size=size, dtype=np.int64)
    b = rng.integers(0, n - 1, size=size, dtype=np.int64)
    b = b + (b >= a)  # uniform over b != a
    if groups is not None:
        keep = groups[a] != groups[b]
        a, b = a[keep], b[keep]
    return np.minimum(a, b), np.maximum(a, b)


def dependent(model: FittedModel, random_levels: LevelMatrix) -> tuple[tuple[str, str, float], ...]:
    """The comparisons whose agreements go together among non-matching random pairs.

    Each random pair counts as a non-match with weight ``1 - P(match)``, judged by
    the other comparisons (see :func:`~goldenrecord.match._dependence.dependences`), so that
    the pairs of one person (who agree everywhere) do not pass for dependence. An
    agreement is a level with ``m > u``. Two comparisons of one look-alike class are
    not judged: the class models their agreements together. Nor are personal
    identifiers (email, phone, identifier, and the keyed hashes of an encoded table,
    ``hmac``, whose kind is hidden: see :mod:`goldenrecord.pprl`): two records that
    agree on one and on another field are one person far more often than a sample of
    random pairs can tell apart from dependence, and a value many people share is set aside before
    matching (see :mod:`goldenrecord.match._shared`).
    """
    if random_levels.shape[0] == 0:
        return ()
    evidence = [
        np.log2(m) - np.log2(u)
        for m, u in zip(model.m_probabilities_, model.u_probabilities_, strict=True)
    ]
    # A look-alike class models the agreements of its own comparisons together
    # (households share a family name, a place and a landline): not a surprise.
    # Judged by the classes' make-up, not their fitted share: a class whose share
    # EM drove to nothing still says why its comparisons agree together.
    skip = {
        (a, b)
        for cls in lookalike_classes(
            model.comparisons_,
            model.fields_,
            households=model.households,
            namesakes=model.namesakes,
        )
        for a in range(len(cls.own))
        for b in range(a + 1, len(cls.own))
        if cls.own[a] and cls.own[b]
    }
    personal = [
        k
        for k, c in enumerate(model.comparisons_)
        if comparison_kind(c, model.fields_) in (*_PERSONAL_KINDS, "hmac")
    ]
    skip |= {(min(a, b), max(a, b)) for a in personal for b in range(len(evidence)) if a != b}
    names = [c.name for c in model.comparisons_]
    return tuple(
        (names[d.a], names[d.b], round(d.lift, 2))
        for d in dependences(random_levels, evidence, model.prior_weight, skip=skip)
    )


def from_labels(
    prepared: PreparedTable,
    comparisons: Sequence[Comparison],
    labels: Mapping[tuple[str, str], bool],
    workers: int,
) -> tuple[list[FloatArray], list[FloatArray], float]:
    index = {k: i for i, k in enumerate(prepared.keys)}
    unknown = [pair for pair in labels if pair[0] not in index or pair[1] not in index]
    if unknown:
        raise SettingsError(
            f"{len(unknown)} labelled pair(s) name records that are not in the data"
        )
    pairs = sorted(labels.items())
    la = np.array([index[a] for (a, _), _ in pairs], dtype=np.int64)
    lb = np.array([index[b] for (_, b), _ in pairs], dtype=np.int64)
    is_match = np.array([bool(v) for _, v in pairs])
    if is_match.all() or not is_match.any():
        raise SettingsError("labels must contain both matching and non-matching pairs")
    levels = compute_levels(comparisons, columns_for(prepared), la, lb, workers=workers)
    n_levels = _n_levels(comparisons)
    m = [_smooth(c) for c in level_counts(levels[is_match], n_levels)]
    u = [_smooth(c) for c in level_counts(levels[~is_match], n_levels)]
    return m, u, float(is_match.mean())


def model_document(model: FittedModel, version: int) -> dict[str, Any]:
    """Settings and learned parameters as a JSON-ready dict (no personal data)."""
    return {
        "model_version": version,
        "settings": {
            "threshold": model.threshold,
            "u_sample_size": model.u_sample_size,
            "max_iter": model.max_iter,
            "random_state": model.random_state,
            "deterministic_rules": [list(r) for r in model.deterministic_rules],
            "households": model.households,
            "namesakes": model.namesakes,
        },
        "comparisons": [c.to_dict() for c in model.comparisons_],
        "lambda": model.lambda_,
        "m": [a.tolist() for a in model.m_probabilities_],
        "u": [a.tolist() for a in model.u_probabilities_],
        "u_random": [a.tolist() for a in model.u_random_],
        "lambda_household": model.lambda_household_,
        "household": [None if a is None else a.tolist() for a in model.household_probabilities_],
        "lambda_namesake": model.lambda_namesake_,
        "namesake": [None if a is None else a.tolist() for a in model.namesake_probabilities_],
        "em_iterations": model.em_iterations_,
        "em_converged": model.em_converged_,
        "fields": dict(model.fields_),
        "dependent_comparisons": [list(d) for d in model.dependent_comparisons_],
    }


def load_fitted(
    model: FittedModel, doc: Mapping[str, Any], comparisons: tuple[Comparison, ...]
) -> None:
    """Set the learned attributes of ``model`` from a :func:`model_document` dict."""
    model.comparisons_ = comparisons
    model.lambda_ = float(doc["lambda"])
    model.m_probabilities_ = tuple(np.asarray(a, dtype=np.float64) for a in doc["m"])
    model.u_probabilities_ = tuple(np.asarray(a, dtype=np.float64) for a in doc["u"])
    model.u_random_ = tuple(np.asarray(a, dtype=np.float64) for a in doc["u_random"])
    # Models saved before the look-alike classes have none.
    for name in ("household", "namesake"):
        setattr(model, f"lambda_{name}_", float(doc.get(f"lambda_{name}", 0.0)))
        tables = tuple(
            None if a is None else np.asarray(a, dtype=np.float64)
            for a in doc.get(name, [None] * len(comparisons))
        )
        setattr(model, f"{name}_probabilities_", tables)
    model.em_iterations_ = int(doc.get("em_iterations", 0))
    model.em_converged_ = bool(doc.get("em_converged", True))
    # Models saved before dependences were measured have none.
    model.fields_ = dict(doc.get("fields", {}))
    model.dependent_comparisons_ = tuple(
        (str(a), str(b), float(lift)) for a, b, lift in doc.get("dependent_comparisons", [])
    )
