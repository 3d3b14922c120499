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
  ``_kinds._anchor_m``: it keeps households and namesakes out of the match class);
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
from goldenrecord.match._em import log_odds, lookalike_log_ratio
from goldenrecord.match._fitting import fit_model, load_fitted, model_document, pair_levels
from goldenrecord.match._kinds import HOUSEHOLD_KINDS as HOUSEHOLD_KINDS
from goldenrecord.match._kinds import columns_for as columns_for
from goldenrecord.match._kinds import comparison_columns
from goldenrecord.match._kinds import comparison_kind as comparison_kind
from goldenrecord.match._kinds import enumerated_levels as enumerated_levels
from goldenrecord.match._kinds import household_comparisons as household_comparisons
from goldenrecord.match._kinds import lookalike_classes as lookalike_classes
from goldenrecord.match._location import model_comparisons
from goldenrecord.match._prepare import PreparedTable
from goldenrecord.match._weights import tf_adjustment, tf_adjustments
from goldenrecord.match.compare import Comparison, compute_levels

__all__ = ["DEFAULT_THRESHOLD", "MODEL_VERSION", "Matcher", "ScoredPairs", "tf_adjustment"]

DEFAULT_THRESHOLD: Final = 0.99
"""Default match-probability threshold for joining two records.

High, because clusters are connected components of accepted pairs: one false pair
joins two whole clusters. (0.95 gives higher F1 on the public datasets, but merges more
household and namesake pairs among generated customers at 20,000 people: 5 -> 33 of
374 household pairs, see ``docs/benchmarks.md``.)
"""
MODEL_VERSION: Final = 1
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
        fit_model(
            self,
            self._comparisons_for(prepared),
            prepared,
            left,
            right,
            link_only=link_only,
            labels=labels,
            levels=levels,
        )
        return self

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
        levels = pair_levels(comparisons, prepared, left, right, levels, self.workers)
        weight = self.prior_weight + log_odds(levels, self.m_probabilities_, self.u_probabilities_)
        adjust = (
            tf_adjustments(self.comparisons_, self.u_random_, prepared, levels, left)
            if tf is None
            else tf(levels)
        )
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

    # -- persistence ----------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Settings and learned parameters as a JSON-ready dict (no personal data)."""
        self._check_fitted()
        return model_document(self, MODEL_VERSION)

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
        load_fitted(matcher, doc, comparisons)
        return matcher

    @classmethod
    def from_json(cls, text: str) -> Matcher:
        """Parse :meth:`to_json` output."""
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as err:
            raise SettingsError(f"model JSON does not parse: {err.msg}") from None
        return cls.from_dict(doc)
