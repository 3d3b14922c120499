"""Explanations: why two records got the match weight they got.

An :class:`Explanation` is data first: the prior plus one :class:`Contribution` per
comparison, adding up exactly to the match weight, each with the level reached, the
values compared, ``m``, ``u`` and a readable sentence. ``masked()`` hides the values
(personal data) for sharing in tickets and logs.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

if TYPE_CHECKING:
    from goldenrecord.match._prepare import PreparedTable
    from goldenrecord.match.model import Matcher

__all__ = ["Contribution", "Explanation", "explain_pair"]

_MASK = "***"
_BAR_WIDTH = 160  # pixels


@attrs.frozen
class Contribution:
    """One comparison's part in a match weight.

    Attributes:
        comparison: the comparison's name.
        level: the level index (``-1`` missing; ``len(levels)`` "all other").
        label: the level's label.
        value_a, value_b: the canonical values compared (None when missing).
        m, u: the level's probabilities among matches and non-matches (None when missing).
        weight: ``log2(m / u)``, 0 when missing.
        tf_adjustment: the term-frequency adjustment, 0 when none applied.
        shared: the values were set aside as shared by many people (a family
            landline, an office inbox), so they carry no evidence.
    """

    comparison: str
    level: int
    label: str
    value_a: Any
    value_b: Any
    m: float | None
    u: float | None
    weight: float
    tf_adjustment: float = 0.0
    shared: bool = False

    @property
    def total(self) -> float:
        """The weight this comparison adds: ``weight + tf_adjustment``."""
        return self.weight + self.tf_adjustment

    @property
    def sentence(self) -> str:
        """A readable account of this contribution."""
        a = _MASK if self.value_a is None else repr(self.value_a)
        b = _MASK if self.value_b is None else repr(self.value_b)
        if self.shared:
            return (
                f"{self.comparison}: {a} vs {b}, a value shared by many people, "
                "no evidence (0.00 bits)"
            )
        if self.level < 0:
            return f"{self.comparison}: missing on one side, no evidence (0.00 bits)"
        direction = "for" if self.total >= 0 else "against"
        text = (
            f"{self.comparison}: {a} vs {b} is {self.label}; "
            f"m={self.m:.3g}, u={self.u:.3g}, {self.total:+.2f} bits {direction} a match"
        )
        if self.tf_adjustment:
            text += f" (of which {self.tf_adjustment:+.2f} for how common the value is)"
        return text

    def masked(self) -> Contribution:
        """The same contribution without the values."""
        hide = None if self.value_a is None and self.value_b is None else _MASK
        return attrs.evolve(
            self,
            value_a=None if self.value_a is None else hide,
            value_b=None if self.value_b is None else hide,
        )


@attrs.frozen
class Explanation:
    """The prior plus one contribution per comparison; they sum to ``match_weight``.

    Attributes:
        id_a, id_b: the two record keys.
        prior: the prior log2-odds that two records picked at random match.
        contributions: one per comparison.
        match_weight: prior plus all contributions, in bits.
        match_probability: ``2**w / (1 + 2**w)``.
        candidate: whether blocking made the two records a candidate pair (when not,
            the pipeline never compared them; the figures show what it would score).
        deterministic: the deterministic rule that forced a match, if any.
    """

    id_a: str
    id_b: str
    prior: float
    contributions: tuple[Contribution, ...]
    match_weight: float
    match_probability: float
    candidate: bool
    deterministic: tuple[str, ...] | None = None

    def masked(self) -> Explanation:
        """The same explanation with every value hidden."""
        return attrs.evolve(self, contributions=tuple(c.masked() for c in self.contributions))

    @property
    def sentences(self) -> list[str]:
        """The prior and every contribution as sentences, in order."""
        head = f"prior: {self.prior:+.2f} bits (the chance that two records picked at random match)"
        tail = f"total: {self.match_weight:+.2f} bits, probability {self.match_probability:.4f}"
        return [head, *(c.sentence for c in self.contributions), tail]

    def __str__(self) -> str:
        return "\n".join(self.sentences)

    def _repr_html_(self) -> str:
        """A waterfall table for Jupyter: the prior, then each comparison, then the total.

        Each row shows the level, the two values (escaped; ``***`` when masked), ``m``,
        ``u``, the bits it adds and a bar from the running total before it to the one
        after, green for evidence for a match and red against.
        """
        steps = [("prior", self.prior), *((c.comparison, c.total) for c in self.contributions)]
        ends = [0.0]
        for _, bits in steps:
            ends.append(ends[-1] + bits)
        lo, hi = min(ends), max(ends)
        span = (hi - lo) or 1.0

        def bar(start: float, bits: float) -> str:
            left = (min(start, start + bits) - lo) / span * _BAR_WIDTH
            width = max(abs(bits) / span * _BAR_WIDTH, 1.0 if bits else 0.0)
            colour = "#2e7d32" if bits >= 0 else "#c62828"
            return (
                f'<div style="width:{_BAR_WIDTH}px;height:0.9em;position:relative">'
                f'<div style="position:absolute;left:{left:.1f}px;width:{width:.1f}px;'
                f'height:100%;background:{colour}"></div></div>'
            )

        def text(value: Any) -> str:
            return "" if value is None else html.escape(str(value))

        def number(x: float | None) -> str:
            return "" if x is None else f"{x:.3g}"

        rows = [
            "<tr><th>comparison</th><th>level</th><th>value A</th><th>value B</th>"
            "<th>m</th><th>u</th><th>bits</th><th></th></tr>",
            f'<tr><td>prior</td><td colspan="5">two records picked at random</td>'
            f'<td style="text-align:right">{self.prior:+.2f}</td>'
            f"<td>{bar(0.0, self.prior)}</td></tr>",
        ]
        for k, c in enumerate(self.contributions, start=1):
            label = "shared value, no evidence" if c.shared else c.label
            if c.tf_adjustment:
                label += f" (term frequency {c.tf_adjustment:+.2f})"
            rows.append(
                f"<tr><td>{text(c.comparison)}</td><td>{text(label)}</td>"
                f"<td>{text(c.value_a)}</td><td>{text(c.value_b)}</td>"
                f"<td>{number(c.m)}</td><td>{number(c.u)}</td>"
                f'<td style="text-align:right">{c.total:+.2f}</td>'
                f"<td>{bar(ends[k], c.total)}</td></tr>"
            )
        forced = ""
        if self.deterministic:
            forced = f" (forced by the rule on {text(', '.join(self.deterministic))})"
        rows.append(
            f'<tr><th>total</th><td colspan="5">probability {self.match_probability:.4f}'
            f'{forced}</td><th style="text-align:right">{self.match_weight:+.2f}</th>'
            "<td></td></tr>"
        )
        candidate = "" if self.candidate else "; not a candidate pair (never compared)"
        return (
            f"<table><caption>{text(self.id_a)} vs {text(self.id_b)}: "
            f"{self.match_weight:+.2f} bits{candidate}</caption>{''.join(rows)}</table>"
        )


def explain_pair(matcher: Matcher, prepared: PreparedTable, i: int, j: int) -> Explanation:
    """Score one pair of record indices and break the weight into its parts."""
    left = np.array([min(i, j)], dtype=np.int64)
    right = np.array([max(i, j)], dtype=np.int64)
    scored = matcher.score(prepared, left, right)
    contributions: list[Contribution] = []
    for k, comparison in enumerate(matcher.comparisons_):
        level = int(scored.levels[0, k])
        column = prepared.columns[comparison.column]
        a, b = column[left[0]], column[right[0]]
        if level < 0:
            contributions.append(
                Contribution(comparison.name, level, "missing", a, b, None, None, 0.0)
            )
            continue
        m = float(matcher.m_probabilities_[k][level])
        u = float(matcher.u_probabilities_[k][level])
        contributions.append(
            Contribution(
                comparison=comparison.name,
                level=level,
                label=comparison.level_labels[level],
                value_a=a,
                value_b=b,
                m=m,
                u=u,
                weight=float(np.log2(m) - np.log2(u)),
                tf_adjustment=float(scored.tf_adjustment[0, k]),
            )
        )
    prior = matcher.prior_weight
    total = prior + sum(c.total for c in contributions)
    weight = float(scored.weight[0])
    forced = None
    if weight != total:
        forced = next(
            (r for r in matcher.deterministic_rules if _agree(prepared, r, left[0], right[0])),
            None,
        )
    return Explanation(
        id_a=prepared.keys[i],
        id_b=prepared.keys[j],
        prior=prior,
        contributions=tuple(contributions),
        match_weight=weight if forced else total,
        match_probability=float(scored.probability[0]),
        candidate=False,
        deterministic=forced,
    )


def _agree(prepared: PreparedTable, rule: tuple[str, ...], a: int, b: int) -> bool:
    return all(
        prepared.columns[c][a] is not None and prepared.columns[c][a] == prepared.columns[c][b]
        for c in rule
    )
