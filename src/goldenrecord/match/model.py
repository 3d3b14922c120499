"""Fellegi–Sunter scoring: the :class:`Matcher`, trained without labels.

For each comparison and level the model holds ``m`` (how often true matches land at
that level) and ``u`` (how often non-matches do). A pair's match weight is the prior
log-odds plus, per comparison, ``log2(m / u)`` at the pair's level, plus a
term-frequency adjustment where an exact agreement on a rare value (a rare family
name) is stronger evidence than one on a common value. Missing values add nothing.

Training, without labels:

* ``u`` among random pairs is measured by sampling pairs of records (the sample is
  drawn over records in key order, so it does not depend on input order);
* the ``m`` of name comparisons is counted on anchor pairs, candidates that agree
  exactly on an email or an identifier, when there are enough of them (see
  ``_anchor_m``: it keeps households and namesakes out of the match class);
* the other ``m``, ``u`` and the share of matches among all pairs (the prior) are
  estimated together by expectation–maximisation over the candidate pairs plus a
  weighted random sample of all pairs, starting from the random-pair ``u``;
* with labelled pairs, ``m`` and ``u`` are counted from the labels instead and EM
  only estimates the prior.

The lifecycle follows scikit-learn: the constructor stores settings, :meth:`Matcher.fit`
learns and returns ``self``, learned attributes end in ``_``, and scoring before
fitting raises :class:`~goldenrecord.errors.NotFittedError`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord.errors import NotFittedError, SettingsError
from goldenrecord.match._em import (
    LookAlike,
    dependences,
    fit_em,
    level_counts,
    log_odds,
    lookalike_log_ratio,
)
from goldenrecord.match._location import (
    PLACE_COLUMN,
    PLACE_KINDS,
    model_comparisons,
)
from goldenrecord.match._names import NAME_COLUMN, NAME_KINDS, same_given_levels
from goldenrecord.match._prepare import PreparedTable, model_columns
from goldenrecord.match.compare import Comparison, compute_levels

__all__ = ["DEFAULT_THRESHOLD", "MODEL_VERSION", "Matcher", "ScoredPairs", "tf_adjustment"]

DEFAULT_THRESHOLD: Final = 0.99
"""Default match-probability threshold for joining two records.

High, because clusters are connected components of accepted pairs: one false pair
joins two whole clusters.
"""
MODEL_VERSION: Final = 1
_TF_CLIP: Final = 8.0
# Pseudo-pairs behind the default m and u tables: they decide for a handful of records
# and are outweighed by the data as soon as there are a few hundred pairs.
_PRIOR_STRENGTH: Final = 10.0
_MIN_SHARE: Final = 1e-12
"""The least share of pairs a class of the mixture is given when scoring (never 0)."""

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
LevelMatrix = npt.NDArray[np.int8]


@attrs.frozen(repr=False)
class ScoredPairs:
    """Candidate pairs with their levels, match weights and probabilities.

    Attributes:
        left, right: record indices into the prepared table.
        levels: one level per pair and comparison (``-1`` missing).
        weight: match weight in bits (log2 odds), prior included.
        probability: match probability, ``2**w / (1 + 2**w)``.
        tf_adjustment: per pair and comparison, the term-frequency adjustment applied
            (float32: a pairs × comparisons matrix is the largest thing a big run holds).
        lookalike: per pair, the weight (``<= 0``, in bits, included in ``weight``)
            taken off because the pair could be two different people who look alike
            (two people of one household, two people of one name); zeros without
            look-alike classes.
    """

    left: IntArray
    right: IntArray
    levels: LevelMatrix
    weight: FloatArray
    probability: FloatArray
    tf_adjustment: npt.NDArray[np.floating[Any]]
    lookalike: FloatArray = attrs.field(
        default=attrs.Factory(lambda self: np.zeros(self.left.shape[0]), takes_self=True)
    )

    def __len__(self) -> int:
        return int(self.left.shape[0])

    def __repr__(self) -> str:
        return f"ScoredPairs(n={len(self):,})"


def _n_levels(comparisons: Sequence[Comparison]) -> list[int]:
    """Levels per comparison, the implicit "all other" level included."""
    return [len(c.levels) + 1 for c in comparisons]


def _u_default(n: int) -> FloatArray:
    """A prior for ``u``: most non-matching pairs land at "all other"."""
    raw = np.full(n, 0.02 / max(n - 1, 1), dtype=np.float64)
    raw[-1] = 0.98
    return raw


def _m_start(n: int) -> FloatArray:
    """A neutral start for ``m``: most matches at the best level, decreasing after."""
    raw = 2.0 ** -np.arange(n, dtype=np.float64)
    raw[0] *= 4
    return np.asarray(raw / raw.sum(), dtype=np.float64)


class Matcher:
    """The Fellegi–Sunter model: comparisons, then ``m``/``u`` and a prior learned by ``fit``.

    Args:
        comparisons: the comparisons to score with; by default one per field, chosen
            by kind (:func:`~goldenrecord.match.compare.default_comparisons`), with
            the place fields (address, postcode, city, country) combined into one
            ``location`` comparison (see :mod:`goldenrecord.match._location`).
        threshold: match probability at or above which two records are joined.
        u_sample_size: how many random record pairs measure ``u`` (300,000: the
            figures of historical_50k, FEBRL and generated customers are those of
            1,000,000 within 0.004 F1, and fitting takes a third of the time).
        max_iter: EM iterations at most.
        random_state: seed of the random-pair sample.
        workers: threads for the string comparisons (results do not depend on it).
        deterministic_rules: column tuples; pairs agreeing exactly on all columns of
            a rule are matches whatever the weights say.
        households: model pairs of different people who live together as a class of
            their own (see below); on by default.
        namesakes: model pairs of different people who share a name as a class of
            their own (see below); on by default.

    Look-alikes. Two people of one family agree on family name and address, often on a
    landline, and only differ on what is personal: given name, email, date of birth,
    mobile number (the phone comparison tells mobiles from other lines). Two people
    of one name agree on the name and often on a name-made email local part
    (``maria.garcia@`` at two providers). Under the two-class model that agreement
    outweighs the rest, because "random" non-matching pairs almost never agree there.
    Under the two-class model that agreement outweighs the different given name. With
    ``households=True``, EM fits a *household* class whose level distributions on
    family name, place and phone are its own (a mobile number, and the name levels
    where the given names agree, held personal) and
    whose other levels are those of any two different people; with
    ``namesakes=True`` and an email field, a *namesake* class that writes names as
    one person does (``m``) and has an email table of its own (an exact email held
    personal). A pair is then a match only when its
    evidence beats "two different people who look alike"; the weight it loses is
    ``ScoredPairs.lookalike`` and explanations show it. The household class needs
    an address field; a class is off when it would own every comparison or none.

    Attributes (after ``fit``):
        comparisons_: the comparisons used.
        m_probabilities_, u_probabilities_: per comparison, per level.
        u_random_: per comparison, per level, ``u`` among random pairs.
        lambda_: the share of matches among all record pairs (the prior).
        m_from_anchors_: the name comparisons whose ``m`` was counted on anchor
            pairs (exact email or identifier agreement) and held during EM.
        lambda_household_, lambda_namesake_: the share of household (namesake) pairs
            among all record pairs (0 when the class is off).
        household_probabilities_, namesake_probabilities_: per comparison, the level
            distribution of the class, ``None`` where it is that of non-matches.
        em_iterations_, em_converged_: how EM went.
        fields_: the schema's field columns and kinds the model was fitted on.
        dependent_comparisons_: pairs of comparisons whose agreements go together
            among non-matching pairs, ``(comparison a, comparison b, lift)``, strongest
            first: the lift is how many times more often they agree together than the
            model, which adds their evidence, assumes (measured on the random-pair
            sample, each pair weighted by its chance of being a non-match; at least 4,
            beyond chance). Two columns holding the same information show here.
    """

    def __init__(
        self,
        comparisons: Sequence[Comparison] | None = None,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        u_sample_size: int = 300_000,
        max_iter: int = 200,
        random_state: int = 0,
        workers: int = 1,
        deterministic_rules: Sequence[Sequence[str]] = (),
        households: bool = True,
        namesakes: bool = True,
    ) -> None:
        self.comparisons = None if comparisons is None else tuple(comparisons)
        self.threshold = threshold
        self.u_sample_size = u_sample_size
        self.max_iter = max_iter
        self.random_state = random_state
        self.workers = workers
        self.deterministic_rules = tuple(tuple(r) for r in deterministic_rules)
        self.households = bool(households)
        self.namesakes = bool(namesakes)
        self._check_settings()

    def _check_settings(self) -> None:
        problems = []
        if not 0.0 < self.threshold < 1.0:
            problems.append(f"threshold must be a probability in (0, 1), got {self.threshold!r}")
        if self.u_sample_size < 1:
            problems.append(f"u_sample_size must be positive, got {self.u_sample_size!r}")
        if self.max_iter < 1:
            problems.append(f"max_iter must be positive, got {self.max_iter!r}")
        if self.workers < 1 and self.workers != -1:
            problems.append(f"workers must be positive or -1 (all cores), got {self.workers!r}")
        if any(not rule for rule in self.deterministic_rules):
            problems.append("a deterministic rule needs at least one column")
        if problems:
            raise SettingsError("invalid Matcher settings: " + "; ".join(problems))

    def __repr__(self) -> str:
        state = "fitted" if self.is_fitted else "not fitted"
        n = len(self.comparisons) if self.comparisons is not None else "default"
        return f"Matcher(comparisons={n}, threshold={self.threshold}, {state})"

    # -- training -------------------------------------------------------------------

    def _comparisons_for(self, prepared: PreparedTable) -> tuple[Comparison, ...]:
        return self.comparisons or model_comparisons(prepared.fields)

    def _random_pairs(
        self, n: int, groups: npt.NDArray[np.integer[Any]] | None
    ) -> tuple[IntArray, IntArray]:
        """A uniform sample of distinct-record pairs (across groups only, when given)."""
        if n < 2:
            empty = np.empty(0, dtype=np.int64)
            return empty, empty
        rng = np.random.default_rng(self.random_state)
        size = int(min(self.u_sample_size, n * (n - 1) // 2))
        a = rng.integers(0, n, size=size, dtype=np.int64)
        b = rng.integers(0, n - 1, size=size, dtype=np.int64)
        b = b + (b >= a)  # uniform over b != a
        if groups is not None:
            keep = groups[a] != groups[b]
            a, b = a[keep], b[keep]
        return np.minimum(a, b), np.maximum(a, b)

    def fit(
        self,
        prepared: PreparedTable,
        left: IntArray,
        right: IntArray,
        *,
        link_only: bool = False,
        labels: Mapping[tuple[str, str], bool] | None = None,
        levels: LevelMatrix | None = None,
    ) -> Matcher:
        """Learn ``m``, ``u`` and the prior over all pairs, by EM on a stratified sample.

        The population is every pair of records (every pair across sources with
        ``link_only``). It is represented by the candidate pairs, each standing for
        itself, plus a uniform random sample of the other pairs, each standing for
        many, so EM fits the Fellegi–Sunter mixture of the whole population: the
        prior is the chance that two records picked at random match, and ``u`` the
        level distribution among all non-matching pairs, not only the candidates.

        Args:
            prepared: the prepared records.
            left, right: the candidate pairs (from blocking).
            link_only: the population is the pairs across sources only.
            labels: optional clerical labels, ``{(record_key_a, record_key_b): is_match}``;
                when given, ``m`` and ``u`` are counted from them (with smoothing) and EM
                estimates only the prior.
            levels: the candidate pairs' levels, from :meth:`levels` (computed here
                when not given); pass the same array to :meth:`score` to compute
                them once. The model keeps no reference to the table or the pairs.

        Returns:
            ``self``.
        """
        comparisons = self._comparisons_for(prepared)
        n_levels = _n_levels(comparisons)
        n = len(prepared)
        groups = prepared.source_codes if link_only else None
        population = _population(n, groups)
        ra, rb = self._random_pairs(n, groups)
        random_levels = compute_levels(
            comparisons, columns_for(prepared), ra, rb, workers=self.workers
        )
        u_random = [_smooth(c) for c in level_counts(random_levels, n_levels)]
        if levels is None:
            levels = compute_levels(
                comparisons, columns_for(prepared), left, right, workers=self.workers
            )
        else:
            _check_levels(levels, left, comparisons)
        # Random pairs that blocking proposed are already in the sample as candidates.
        outside = ~_contains(left * n + right, ra * n + rb)
        rest = random_levels[outside]
        rest_weight = (population - left.size) / max(rest.shape[0], 1)
        sample = np.concatenate([levels, rest])
        weights = np.concatenate([np.ones(levels.shape[0]), np.full(rest.shape[0], rest_weight)])
        m_start = [_m_start(k) for k in n_levels]
        m_prior = [_PRIOR_STRENGTH * _m_start(k) for k in n_levels]
        u_start = u_random
        lam_start = max(0.5 * left.size / max(population, 1), 1e-12)
        held = _anchor_m(comparisons, prepared.fields, levels, n_levels)
        hold_m = [h is not None for h in held]
        m_start = [h if h is not None else m for h, m in zip(held, m_start, strict=True)]
        fixed = False
        if labels:
            m_start, u_start, _ = self._from_labels(prepared, comparisons, labels)
            fixed = True
        result = fit_em(
            sample,
            n_levels,
            m_start=m_start,
            u_start=u_start,
            lambda_start=lam_start,
            fixed_u=fixed,
            fixed_m=fixed,
            max_iter=self.max_iter,
            weights=weights,
            m_prior=m_prior,
            hold_m=None if fixed else hold_m,
            u_prior=[_PRIOR_STRENGTH * _u_default(k) for k in n_levels],
            lookalikes=lookalike_classes(
                comparisons,
                prepared.fields,
                households=self.households and not fixed,
                namesakes=self.namesakes and not fixed,
            ),
            enumerated=enumerated_levels(comparisons, prepared.fields),
        )
        self.comparisons_ = comparisons
        self.fields_ = dict(prepared.fields)
        self.m_probabilities_ = result.m
        self.u_probabilities_ = result.u
        self.u_random_ = tuple(u_random)
        self.lambda_ = result.lambda_
        found = {name: (share, tables) for name, share, tables in result.lookalikes}
        none = (0.0, (None,) * len(comparisons))
        self.lambda_household_, self.household_probabilities_ = found.get("household", none)
        self.lambda_namesake_, self.namesake_probabilities_ = found.get("namesake", none)
        self.em_iterations_ = result.iterations
        self.em_converged_ = result.converged
        self.m_from_anchors_ = tuple(
            c.name for c, h in zip(comparisons, hold_m, strict=True) if h and not fixed
        )
        self.dependent_comparisons_ = self._dependent(random_levels)
        return self

    def _dependent(self, random_levels: LevelMatrix) -> tuple[tuple[str, str, float], ...]:
        """The comparisons whose agreements go together among non-matching random pairs.

        Each random pair counts as a non-match with weight ``1 - P(match)``, judged by
        the other comparisons (see :func:`~goldenrecord.match._dependence.dependences`), so that
        the pairs of one person (who agree everywhere) do not pass for dependence. An
        agreement is a level with ``m > u``. Two comparisons of one look-alike class are
        not judged: the class models their agreements together. Nor are personal
        identifiers (email, phone, identifier): two records that agree on one and on
        another field are one person far more often than a sample of random pairs can
        tell apart from dependence, and a value many people share is set aside before
        matching (see :mod:`goldenrecord.match._shared`).
        """
        if random_levels.shape[0] == 0:
            return ()
        evidence = [
            np.log2(m) - np.log2(u)
            for m, u in zip(self.m_probabilities_, self.u_probabilities_, strict=True)
        ]
        # A look-alike class models the agreements of its own comparisons together
        # (households share a family name, a place and a landline): not a surprise.
        # Judged by the classes' make-up, not their fitted share: a class whose share
        # EM drove to nothing still says why its comparisons agree together.
        skip = {
            (a, b)
            for cls in lookalike_classes(
                self.comparisons_,
                self.fields_,
                households=self.households,
                namesakes=self.namesakes,
            )
            for a in range(len(cls.own))
            for b in range(a + 1, len(cls.own))
            if cls.own[a] and cls.own[b]
        }
        personal = [
            k
            for k, c in enumerate(self.comparisons_)
            if comparison_kind(c, self.fields_) in _PERSONAL_KINDS
        ]
        skip |= {(min(a, b), max(a, b)) for a in personal for b in range(len(evidence)) if a != b}
        names = [c.name for c in self.comparisons_]
        return tuple(
            (names[d.a], names[d.b], round(d.lift, 2))
            for d in dependences(random_levels, evidence, self.prior_weight, skip=skip)
        )

    def summary(self) -> dict[str, Any]:
        """The fitted model in a few figures (no personal data): prior, EM, dependences.

        ``dependent_comparisons`` lists the pairs of comparisons whose agreements go
        together among non-matches (see ``dependent_comparisons_``), each with the
        field columns it reads, so that a warning can name them.
        """
        self._check_fitted()
        columns = {c.name: comparison_columns(c, self.fields_) for c in self.comparisons_}
        return {
            "prior_weight": self.prior_weight,
            "lambda": self.lambda_,
            "em_iterations": self.em_iterations_,
            "em_converged": self.em_converged_,
            "dependent_comparisons": [
                {"comparisons": [a, b], "columns": [columns[a], columns[b]], "lift": lift}
                for a, b, lift in self.dependent_comparisons_
            ],
        }

    def _from_labels(
        self,
        prepared: PreparedTable,
        comparisons: Sequence[Comparison],
        labels: Mapping[tuple[str, str], bool],
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
        levels = compute_levels(comparisons, columns_for(prepared), la, lb, workers=self.workers)
        n_levels = _n_levels(comparisons)
        m = [_smooth(c) for c in level_counts(levels[is_match], n_levels)]
        u = [_smooth(c) for c in level_counts(levels[~is_match], n_levels)]
        return m, u, float(is_match.mean())

    # -- scoring --------------------------------------------------------------------

    @property
    def is_fitted(self) -> bool:
        """Whether the model has been fitted (or loaded fitted) and can score.

        >>> Matcher().is_fitted
        False
        """
        return hasattr(self, "lambda_")

    def levels(self, prepared: PreparedTable, left: IntArray, right: IntArray) -> LevelMatrix:
        """The comparison levels of the given pairs (pairs × comparisons): the
        comparisons of the fitted model, or those :meth:`fit` would use. Give them to
        :meth:`fit` and :meth:`score` to compute them once for both."""
        comparisons = self.comparisons_ if self.is_fitted else self._comparisons_for(prepared)
        return compute_levels(comparisons, columns_for(prepared), left, right, workers=self.workers)

    def _check_fitted(self) -> None:
        if not hasattr(self, "lambda_"):
            raise NotFittedError("this Matcher is not fitted yet; call fit() or load a model")

    def _lookalikes(self) -> list[tuple[str, float, tuple[FloatArray | None, ...]]]:
        """Name, share and tables of each look-alike class the model has."""
        out = []
        for name in ("household", "namesake"):
            share = float(getattr(self, f"lambda_{name}_", 0.0))
            if share > 0:
                out.append((name, share, getattr(self, f"{name}_probabilities_")))
        return out

    def _non_match_share(self) -> float:
        """The share of pairs of different people who do not look alike, never zero:
        a table of identical records leaves that class empty (and a table of strangers
        the match class), and a log of zero has no weight."""
        rest = 1.0 - self.lambda_ - sum(share for _, share, _ in self._lookalikes())
        return max(float(rest), _MIN_SHARE)

    @property
    def prior_weight(self) -> float:
        """The prior log2-odds that two records picked at random match (against being
        two different people who do not look alike, with look-alike classes).

        Either class may be empty after a fit (every pair a match, or none): its share
        is then taken as ``1e-12``, so the weight stays finite (about ±40 bits).
        """
        self._check_fitted()
        share = min(max(float(self.lambda_), _MIN_SHARE), 1.0)
        return float(np.log2(share / self._non_match_share()))

    def lookalike_odds(
        self, levels: LevelMatrix, tf: npt.NDArray[np.floating[Any]] | None = None
    ) -> dict[str, FloatArray]:
        """Per look-alike class, per pair: the log2-odds of the class against two
        different people who do not look alike (``log2(lambda_c / lambda_u) + V_c``).

        ``V_c`` is the log ratio of class ``c`` to non-matches on its own comparisons.
        For households, ``tf`` (pairs × comparisons) adds the term-frequency
        adjustments there: a family shares its name by descent, however rare, while
        the adjustment lowers ``u``. Namesakes share a name by chance, as often as it
        is common, so the adjustment moves their tables with ``u`` and cancels: a rare
        name still tells a person from a namesake.
        """
        classes = self._lookalikes()
        rest = self._non_match_share()
        out = {}
        for name, share, tables in classes:
            v = np.log2(share / rest) + lookalike_log_ratio(levels, tables, self.u_probabilities_)
            own = [t is not None for t in tables]
            if name == "household" and tf is not None and any(own):
                v = v + tf[:, own].sum(axis=1, dtype=np.float64)
            out[name] = v
        return out

    def lookalike_adjustment(
        self, levels: LevelMatrix, tf: npt.NDArray[np.floating[Any]] | None = None
    ) -> FloatArray:
        """Per pair, the weight (bits, ``<= 0``) lost to "two different people who look
        alike": ``-log2(1 + sum_c 2**odds_c)`` over :meth:`lookalike_odds`."""
        odds = list(self.lookalike_odds(levels, tf).values())
        if not odds:
            return np.zeros(levels.shape[0], dtype=np.float64)
        return np.asarray(-np.logaddexp2(0.0, np.logaddexp2.reduce(odds)), dtype=np.float64)

    def score(
        self,
        prepared: PreparedTable,
        left: IntArray,
        right: IntArray,
        *,
        tf: Callable[[LevelMatrix], npt.NDArray[np.floating[Any]]] | None = None,
        levels: LevelMatrix | None = None,
    ) -> ScoredPairs:
        """Levels, weights and probabilities of the given pairs.

        Args:
            tf: computes the term-frequency adjustments (pairs × comparisons) from the
                pairs' levels, instead of counting values in ``prepared``: the identity
                store scores a few records at a time and reads its counts of the whole
                store.
            levels: the pairs' levels, from :meth:`levels` (as given to :meth:`fit`);
                computed here when not given.
        """
        self._check_fitted()
        comparisons = self.comparisons_
        if levels is None:
            levels = compute_levels(
                comparisons, columns_for(prepared), left, right, workers=self.workers
            )
        else:
            _check_levels(levels, left, comparisons)
        weight = self.prior_weight + log_odds(levels, self.m_probabilities_, self.u_probabilities_)
        adjust = self._tf_adjustments(prepared, levels, left) if tf is None else tf(levels)
        lookalike = self.lookalike_adjustment(levels, adjust)
        weight = weight + adjust.sum(axis=1, dtype=np.float64) + lookalike
        for rule in self.deterministic_rules:
            agree = np.ones(left.shape[0], dtype=bool)
            for col in rule:
                values = prepared.columns[col]
                lv, rv = values[left], values[right]
                agree &= (lv == rv) & (lv != None)  # noqa: E711 - elementwise on objects
            weight = np.where(agree, np.maximum(weight, 60.0), weight)
        probability = 1.0 / (1.0 + np.exp2(-np.clip(weight, -60, 60)))
        return ScoredPairs(left, right, levels, weight, probability, adjust, lookalike)

    def _tf_adjustments(
        self, prepared: PreparedTable, levels: LevelMatrix, left: IntArray
    ) -> npt.NDArray[np.float32]:
        """Per pair and comparison: ``log2(u_exact / tf(value))`` on exact agreements."""
        out = np.zeros((left.shape[0], len(self.comparisons_)), dtype=np.float32)
        for k, comparison in enumerate(self.comparisons_):
            if not comparison.term_frequency:
                continue
            values = prepared.columns[comparison.tf_column]
            freq = _term_frequencies(values)
            exact = np.flatnonzero(levels[:, k] == 0)
            if exact.size == 0:
                continue
            tf = np.array([freq[v] for v in values[left[exact]].tolist()], dtype=np.float64)
            out[exact, k] = tf_adjustment(float(self.u_random_[k][0]), tf)
        return out

    # -- persistence ----------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Settings and learned parameters as a JSON-ready dict (no personal data)."""
        self._check_fitted()
        return {
            "model_version": MODEL_VERSION,
            "settings": {
                "threshold": self.threshold,
                "u_sample_size": self.u_sample_size,
                "max_iter": self.max_iter,
                "random_state": self.random_state,
                "deterministic_rules": [list(r) for r in self.deterministic_rules],
                "households": self.households,
                "namesakes": self.namesakes,
            },
            "comparisons": [c.to_dict() for c in self.comparisons_],
            "lambda": self.lambda_,
            "m": [a.tolist() for a in self.m_probabilities_],
            "u": [a.tolist() for a in self.u_probabilities_],
            "u_random": [a.tolist() for a in self.u_random_],
            "lambda_household": self.lambda_household_,
            "household": [None if a is None else a.tolist() for a in self.household_probabilities_],
            "lambda_namesake": self.lambda_namesake_,
            "namesake": [None if a is None else a.tolist() for a in self.namesake_probabilities_],
            "em_iterations": self.em_iterations_,
            "em_converged": self.em_converged_,
            "fields": dict(self.fields_),
            "dependent_comparisons": [list(d) for d in self.dependent_comparisons_],
        }

    def to_json(self) -> str:
        """The fitted model as JSON; :meth:`from_json` reads it back."""
        return json.dumps(self.to_dict(), indent=2)

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> Matcher:
        """Rebuild a fitted model from :meth:`to_dict` output."""
        version = doc.get("model_version")
        if version != MODEL_VERSION:
            raise SettingsError(
                f"model_version {version!r} is not supported; this goldenrecord reads "
                f"version {MODEL_VERSION}"
            )
        comparisons = tuple(Comparison.from_dict(c) for c in doc["comparisons"])
        settings = dict(doc.get("settings", {}))
        matcher = cls(comparisons, **settings)
        matcher.comparisons_ = comparisons
        matcher.lambda_ = float(doc["lambda"])
        matcher.m_probabilities_ = tuple(np.asarray(a, dtype=np.float64) for a in doc["m"])
        matcher.u_probabilities_ = tuple(np.asarray(a, dtype=np.float64) for a in doc["u"])
        matcher.u_random_ = tuple(np.asarray(a, dtype=np.float64) for a in doc["u_random"])
        # Models saved before the look-alike classes have none.
        for name in ("household", "namesake"):
            setattr(matcher, f"lambda_{name}_", float(doc.get(f"lambda_{name}", 0.0)))
            tables = tuple(
                None if a is None else np.asarray(a, dtype=np.float64)
                for a in doc.get(name, [None] * len(comparisons))
            )
            setattr(matcher, f"{name}_probabilities_", tables)
        matcher.em_iterations_ = int(doc.get("em_iterations", 0))
        matcher.em_converged_ = bool(doc.get("em_converged", True))
        # Models saved before dependences were measured have none.
        matcher.fields_ = dict(doc.get("fields", {}))
        matcher.dependent_comparisons_ = tuple(
            (str(a), str(b), float(lift)) for a, b, lift in doc.get("dependent_comparisons", [])
        )
        return matcher

    @classmethod
    def from_json(cls, text: str) -> Matcher:
        """Parse :meth:`to_json` output."""
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as err:
            raise SettingsError(f"model JSON does not parse: {err.msg}") from None
        return cls.from_dict(doc)


def columns_for(prepared: PreparedTable) -> Mapping[str, npt.NDArray[np.object_]]:
    """The prepared columns, with the derived columns the model's comparisons read (the
    place column of the location comparison, the personal addresses of the email
    ones). :func:`~goldenrecord.match.prepare` derives them; a table made another way
    (the identity store's, from stored columns) gets them here, in a new mapping: the
    table itself is never written into."""
    missing = model_columns(prepared.columns, prepared.fields)
    return {**prepared.columns, **missing} if missing else prepared.columns


HOUSEHOLD_KINDS: Final = ("family_name", "address", "postcode", "city", "country", "phone")
"""Field kinds that people of one household share (the household comparisons)."""


_PERSONAL_KINDS: Final = frozenset({"email", "phone", "identifier"})
"""Kinds whose agreement is not judged for dependence (see ``Matcher._dependent``)."""


def comparison_kind(comparison: Comparison, fields: Mapping[str, str]) -> str | None:
    """The field kind a comparison reads: its column's kind, ``"name"`` for the combined
    name comparison, ``"place"`` for the combined location comparison, else the kind of
    the field it is named after (a phone comparison reads ``phone:national``)."""
    if comparison.column == NAME_COLUMN:
        return "name"
    if comparison.column == PLACE_COLUMN:
        return "place"
    return fields.get(comparison.column, fields.get(comparison.name))


def comparison_columns(comparison: Comparison, fields: Mapping[str, str]) -> list[str]:
    """The field columns a comparison reads (all name or place fields for combined ones).

    >>> from goldenrecord.match._location import model_comparisons
    >>> fields = {"first": "given_name", "last": "family_name", "dob": "date"}
    >>> [comparison_columns(c, fields) for c in model_comparisons(fields)]
    [['first', 'last'], ['dob']]
    """
    kind = comparison_kind(comparison, fields)
    if kind == "name":
        return [c for c, k in fields.items() if k in NAME_KINDS]
    if kind == "place":
        return [c for c, k in fields.items() if k in PLACE_KINDS]
    own = comparison.column.split(":")[0]
    return [own] if own in fields else []


def household_comparisons(
    comparisons: Sequence[Comparison], fields: Mapping[str, str]
) -> list[bool]:
    """Per comparison, whether it is a household comparison (family name or place).

    The combined name comparison is one: its "same family, different given" level is
    where two people of one family land. None are without an address field: living
    at one address is what makes a household, and a family name with a city or a
    birthplace does not say it.
    """
    if "address" not in fields.values():
        return [False] * len(comparisons)
    return [comparison_kind(c, fields) in (*HOUSEHOLD_KINDS, "name", "place") for c in comparisons]


def lookalike_classes(
    comparisons: Sequence[Comparison],
    fields: Mapping[str, str],
    *,
    households: bool = True,
    namesakes: bool = True,
) -> list[LookAlike]:
    """The household and namesake classes for these comparisons (see :class:`Matcher`)."""
    out = []
    kinds = [comparison_kind(c, fields) for c in comparisons]
    if households:
        out.append(
            LookAlike(
                "household",
                own=tuple(household_comparisons(comparisons, fields)),
                tied=tuple(k in ("place", "address") for k in kinds),
                personal=tuple(_household_personal(c, fields) for c in comparisons),
            )
        )
    # Namesakes matter where a field follows the name: a name-made email local part.
    # Without one, a name agreeing alone is what term frequencies already weigh.
    if namesakes and "email" in kinds and any(k in _NAME_KINDS for k in kinds):
        names = tuple(k in _NAME_KINDS for k in kinds)
        out.append(
            LookAlike(
                "namesake",
                own=tuple(k in (*_NAME_KINDS, "email") for k in kinds),
                as_match=names,
                personal=tuple((0,) if k == "email" else () for k in kinds),
            )
        )
    return out


def _household_personal(comparison: Comparison, fields: Mapping[str, str]) -> tuple[int, ...]:
    """The levels of a household comparison held at ``u``: what two people of one
    household share no more than any two people do.

    An exact mobile number; the name's levels where the given names agree (people of
    one family have given names of their own); and the place levels wider than one
    address (a postcode typo, a city, a postcode area, a region: any two neighbours
    share them). Learned freely, such levels let the class take one person's records
    for a family, or every pair of one family name in one town for a household, and
    lose the households themselves (who share an address and a landline)."""
    held = [i for i, lv in enumerate(comparison.levels) if (lv.column or "").endswith(":mobile")]
    if comparison.column == NAME_COLUMN:
        held += same_given_levels(comparison)
    if comparison.column == PLACE_COLUMN:
        held += [
            i
            for i, lv in enumerate(comparison.levels)
            if not (
                fields.get(lv.column or "") == "address"
                or (fields.get(lv.column or "") == "postcode" and lv.kind == "exact")
            )
        ]
    return tuple(sorted(set(held)))


def enumerated_levels(
    comparisons: Sequence[Comparison], fields: Mapping[str, str]
) -> list[tuple[int, ...]]:
    """Per comparison, the levels whose pairs blocking proposes every one of: the
    first level of an email, phone or identifier comparison when it is an exact
    agreement (a personal address, a mobile number, an identifier), since the default
    blocking rules pair every two records that agree exactly there.

    ``u`` there is counted among the candidates, not estimated from a sample, and may
    fall below the floor that stands for what a sample of random pairs can miss: one
    person's mobile number, shared by no one else, weighs what the data say it does.

    >>> from goldenrecord.match._location import model_comparisons
    >>> fields = {"mail": "email", "dob": "date", "tel": "phone"}
    >>> enumerated_levels(model_comparisons(fields), fields)
    [(0,), (), (0,)]
    """
    out: list[tuple[int, ...]] = []
    for comparison in comparisons:
        kind = comparison_kind(comparison, fields)
        first = comparison.levels[0]
        out.append((0,) if kind in _PERSONAL_KINDS and first.kind == "exact" else ())
    return out


_ANCHOR_KINDS: Final = ("email", "identifier")
_NAME_KINDS: Final = (*NAME_KINDS, "name")
_MIN_ANCHORS: Final = 1000
_MIN_ANCHORED_NAMES: Final = 100


def _anchor_m(
    comparisons: Sequence[Comparison],
    fields: Mapping[str, str],
    levels: LevelMatrix,
    n_levels: Sequence[int],
) -> list[FloatArray | None]:
    """``m`` of the name comparisons, counted on anchor pairs (None where not counted).

    Unsupervised EM over customer data can take "same family name, same place" for
    the match class: households and namesakes in one town are common, matches rare,
    and the mixture fits them as well. Names are where that goes wrong, so their ``m``
    is read off anchor pairs instead: candidates that agree exactly on an email or an
    identifier (shared values already set aside) are nearly always one person, and
    how their names compare is how one person's names compare. EM then holds these
    tables and learns the rest. With fewer than 1,000 anchors (or 100 with the name
    present on both sides) a name comparison is left to EM: small tables have too few
    anchors to measure it better than EM does.
    """
    out: list[FloatArray | None] = [None] * len(comparisons)
    anchors = [k for k, c in enumerate(comparisons) if comparison_kind(c, fields) in _ANCHOR_KINDS]
    if not anchors:
        return out
    rows = (levels[:, anchors] == 0).any(axis=1)
    if int(rows.sum()) < _MIN_ANCHORS:
        return out
    anchored = levels[rows]
    for k, c in enumerate(comparisons):
        if comparison_kind(c, fields) not in _NAME_KINDS:
            continue
        counts = level_counts(anchored[:, [k]], [n_levels[k]])[0]
        if counts.sum() >= _MIN_ANCHORED_NAMES:
            out[k] = _smooth(counts)
    return out


def tf_adjustment(u_exact: float, frequency: FloatArray) -> FloatArray:
    """The term-frequency adjustment of exact agreements: ``log2(u_exact / frequency)``.

    ``u_exact`` is the exact level's ``u`` among random pairs, ``frequency`` the share
    of records holding each agreed value; clipped to +/- 8 bits.

    >>> tf_adjustment(0.01, np.array([0.01, 0.04])).tolist()
    [0.0, -2.0]
    """
    return np.asarray(np.clip(np.log2(u_exact / frequency), -_TF_CLIP, _TF_CLIP), dtype=np.float64)


def _contains(haystack: IntArray, needles: IntArray) -> npt.NDArray[np.bool_]:
    """Elementwise ``needle in haystack`` for integer arrays, by sorting the haystack once."""
    if haystack.size == 0:
        return np.zeros(needles.shape, dtype=bool)
    ordered = np.sort(haystack)
    at = np.minimum(np.searchsorted(ordered, needles), ordered.size - 1)
    return np.asarray(ordered[at] == needles)


def _population(n: int, groups: npt.NDArray[np.integer[Any]] | None) -> int:
    """How many record pairs there are (across groups only, when given)."""
    total = n * (n - 1) // 2
    if groups is None:
        return total
    _, sizes = np.unique(groups, return_counts=True)
    return total - int((sizes * (sizes - 1) // 2).sum())


def _smooth(counts: FloatArray, pseudo: float = 0.5) -> FloatArray:
    smoothed = counts + pseudo
    return np.asarray(smoothed / smoothed.sum(), dtype=np.float64)


def _term_frequencies(values: npt.NDArray[np.object_]) -> dict[Any, float]:
    present = [v for v in values.tolist() if v is not None]
    if not present:
        return {}
    unique, counts = np.unique(np.array(present, dtype=object), return_counts=True)
    total = float(len(present))
    return {v: c / total for v, c in zip(unique.tolist(), counts.tolist(), strict=True)}


def _check_levels(levels: LevelMatrix, left: IntArray, comparisons: Sequence[Comparison]) -> None:
    """Levels given to fit or score must be those of the pairs and comparisons."""
    if levels.shape != (left.shape[0], len(comparisons)):
        raise SettingsError(
            f"levels of shape {levels.shape} do not fit {left.shape[0]} pairs and "
            f"{len(comparisons)} comparisons"
        )
