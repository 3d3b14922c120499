"""Explanations: why two records got the match weight they got.

An :class:`Explanation` is data first: the prior plus one :class:`Contribution` per
comparison, adding up exactly to the match weight, each with the level reached, the
values compared, ``m``, ``u`` and a readable sentence. ``masked()`` hides the values
(personal data) for sharing in tickets and logs.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from goldenrecord._html import breakable, esc, view
from goldenrecord._viz import axes

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from goldenrecord.match._prepare import PreparedTable
    from goldenrecord.match.model import Matcher, ScoredPairs

__all__ = ["Contribution", "Explanation", "explain_pair", "explain_scored"]

_MASK = "***"
_BAR_WIDTH = 90  # pixels: the table fits beside a notebook prompt in a 1024 px window
_FOR = "#2e7d32"  # evidence for a match: green
_AGAINST = "#c62828"  # evidence against: red


def _bits(x: float) -> str:
    """Bits with a sign and two decimals; a value that rounds to zero reads ``0.00``
    (never ``-0.00``).

    >>> _bits(-0.004), _bits(2.5), _bits(-1.0)
    ('0.00', '+2.50', '-1.00')
    """
    text = f"{x:+.2f}"
    return "0.00" if text in ("+0.00", "-0.00") else text


def _figure(x: float | None, digits: int = 3) -> str:
    """A probability (or m, u) as text with ``digits`` significant digits, never
    rounded to 0 or 1 unless it is exactly 0 or 1: close to 1, as many decimals as it
    takes to show how far from 1 it is (``"n/a"`` for None).

    >>> [_figure(x) for x in (0.99992, 1e-07, 0.95, 0.123456, 1.0, 0.0)]
    ['0.99992', '1e-07', '0.95', '0.123', '1', '0']
    >>> _figure(0.999999999, digits=4), _figure(0.0097, digits=4)
    ('0.999999999', '0.0097')
    """
    if x is None:
        return "n/a"
    text = format(x, f".{digits}g")
    if math.isfinite(x) and 0.5 < x < 1.0:
        decimals = max(digits, math.floor(-math.log10(1.0 - x)) + 2)
        text = f"{x:.{decimals}f}".rstrip("0").rstrip(".")
    return text


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
            f"m={_figure(self.m)}, u={_figure(self.u)}, {self.total:+.2f} bits {direction} a match"
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
    """The prior, one contribution per comparison and the look-alike term; they sum to
    ``match_weight``.

    Attributes:
        id_a, id_b: the two record keys.
        prior: the prior log2-odds that two records picked at random match.
        contributions: one per comparison.
        match_weight: prior plus all contributions plus ``lookalike``, in bits.
        match_probability: ``2**w / (1 + 2**w)``.
        candidate: whether blocking made the two records a candidate pair (when not,
            the pipeline never compared them; the figures show what it would score).
        deterministic: the deterministic rule that forced a match, if any.
        lookalike: the bits (``<= 0``) taken off because the two records could be two
            different people who look alike (see :class:`~goldenrecord.Matcher`).
        lookalike_class: the look-alike class that weighs most (``"household"`` or
            ``"namesake"``), None when the model has none.
        threshold: the model's match threshold, so that text, tables and charts say
            whether this pair alone is a match (None when not known).
    """

    id_a: str
    id_b: str
    prior: float
    contributions: tuple[Contribution, ...]
    match_weight: float
    match_probability: float
    candidate: bool
    deterministic: tuple[str, ...] | None = None
    lookalike: float = 0.0
    lookalike_class: str | None = None
    threshold: float | None = None

    def masked(self) -> Explanation:
        """The same explanation with every value hidden."""
        return attrs.evolve(self, contributions=tuple(c.masked() for c in self.contributions))

    @property
    def verdict(self) -> str:
        """Whether the pair alone is a match at the model's threshold, as a phrase
        ("" when the threshold is not known).

        >>> Explanation("a", "b", -8.0, (), 6.0, 0.9873, True, threshold=0.99).verdict
        'not a match (threshold 0.99)'
        """
        if self.threshold is None:
            return ""
        forced = self.deterministic is not None
        is_match = forced or self.match_probability >= self.threshold
        return f"{'a match' if is_match else 'not a match'} (threshold {_figure(self.threshold)})"

    @property
    def sentences(self) -> list[str]:
        """The prior and every contribution as sentences, in order."""
        head = f"prior: {self.prior:+.2f} bits (the chance that two records picked at random match)"
        tail = (
            f"total: {_bits(self.match_weight)} bits, "
            f"probability {_figure(self.match_probability, 4)}"
        )
        if self.verdict:
            tail += f": {self.verdict}"
        body = [c.sentence for c in self.contributions]
        if self.lookalike_class is not None:
            body.append(f"{self._lookalike_label()}: {_bits(self.lookalike)} bits")
        return [head, *body, tail]

    def _lookalike_label(self) -> str:
        """How the look-alike step reads in sentences, tables and charts."""
        who = {"household": "one household", "namesake": "one name"}.get(
            self.lookalike_class or "", "look-alikes"
        )
        return f"could be two people of {who}"

    def __str__(self) -> str:
        return "\n".join(self.sentences)

    def _steps(self) -> tuple[list[str], list[float], list[float]]:
        """The waterfall: a label, a start and the bits of the prior and each comparison."""
        labels = ["prior"]
        bits = [self.prior]
        for c in self.contributions:
            labels.append(f"{c.comparison}: {'shared value' if c.shared else c.label}")
            bits.append(c.total)
        if self.lookalike_class is not None:
            labels.append(self._lookalike_label())
            bits.append(self.lookalike)
        starts = np.concatenate([[0.0], np.cumsum(bits)[:-1]]).tolist()
        return labels, starts, bits

    def _repr_html_(self) -> str:
        """A waterfall table for Jupyter: the prior, each comparison, the look-alike
        term, then the total.

        Each row shows the level, the two values (escaped; ``***`` when masked), ``m``,
        ``u``, the bits it adds and a bar from the running total before it to the one
        after, green for evidence for a match and red against.
        """
        _, starts, steps = self._steps()
        ends = [*starts, starts[-1] + steps[-1]]  # starts[0] is 0
        lo, hi = min(ends), max(ends)
        span = (hi - lo) or 1.0

        def bar(start: float, bits: float) -> str:
            left = (min(start, start + bits) - lo) / span * _BAR_WIDTH
            width = max(abs(bits) / span * _BAR_WIDTH, 1.0 if _bits(bits) != "0.00" else 0.0)
            colour = _FOR if bits >= 0 else _AGAINST
            return (
                f'<div style="width:{_BAR_WIDTH}px;height:0.9em;position:relative">'
                f'<div style="position:absolute;left:{left:.1f}px;width:{width:.1f}px;'
                f'height:100%;background:{colour}"></div></div>'
            )

        def number(x: float | None) -> str:
            return '<td class="num"></td>' if x is None else f'<td class="num">{_figure(x)}</td>'

        def value(x: Any) -> str:
            return "<td></td>" if x is None else f'<td class="wrap">{breakable(x)}</td>'

        rows = [
            "<tr><th>comparison</th><th>level</th><th>value A</th><th>value B</th>"
            '<th class="num">m</th><th class="num">u</th><th class="num">bits</th><th></th></tr>',
            '<tr><td>prior</td><td colspan="5">two records picked at random</td>'
            f'<td class="num">{self.prior:+.2f}</td><td>{bar(0.0, self.prior)}</td></tr>',
        ]
        for c, start in zip(
            self.contributions, starts[1 : 1 + len(self.contributions)], strict=True
        ):
            label = "shared value, no evidence" if c.shared else c.label
            if c.tf_adjustment:
                label += f" (term frequency {c.tf_adjustment:+.2f})"
            rows.append(
                f'<tr><td>{esc(c.comparison)}</td><td class="wrap">{esc(label)}</td>'
                f"{value(c.value_a)}{value(c.value_b)}{number(c.m)}{number(c.u)}"
                f'<td class="num">{_bits(c.total)}</td><td>{bar(start, c.total)}</td></tr>'
            )
        if self.lookalike_class is not None:
            start = starts[-1]
            rows.append(
                f'<tr><td>look-alikes</td><td colspan="5">{esc(self._lookalike_label())}</td>'
                f'<td class="num">{_bits(self.lookalike)}</td>'
                f"<td>{bar(start, self.lookalike)}</td></tr>"
            )
        forced = ""
        if self.deterministic:
            forced = f" (forced by the rule on {esc(', '.join(self.deterministic))})"
        rows.append(
            f'<tr class="total"><th>total</th><td colspan="5">probability '
            f"{_figure(self.match_probability, 4)}{forced}</td>"
            f'<td class="num">{self.match_weight:+.2f}</td><td></td></tr>'
        )
        candidate = (
            ""
            if self.candidate
            else "; not a candidate pair (blocking did not pair them; scored on request)"
        )
        verdict = f", {self.verdict}" if self.verdict else ""
        return view(
            f'<table class="gr"><caption>{esc(self.id_a)} vs {esc(self.id_b)}: '
            f"{_bits(self.match_weight)} bits, probability "
            f"{_figure(self.match_probability, 4)}{verdict}{candidate}</caption>"
            f"{''.join(rows)}</table>"
        )

    def plot(self, ax: Axes | None = None) -> Axes:
        """A waterfall chart of the match weight: one horizontal bar per step.

        The prior, then each comparison (labelled with its level, never with the
        values compared), each bar running from the total before it to the total
        after it, green for a match and red against; a dashed line marks the match
        weight. Needs matplotlib (the ``goldenrecord[viz]`` extra).

        Args:
            ax: the matplotlib Axes to draw on; a new figure when None.

        Returns:
            The Axes drawn on.

        Raises:
            ImportError: matplotlib is not installed.

        >>> e = Explanation("a", "b", -8.0, (Contribution("email", 0, "exact", "x", "x",
        ...                 0.9, 0.001, 9.81),), 1.81, 0.778, True)
        >>> ax = e.plot()
        >>> len(ax.patches), [t.get_text() for t in ax.get_yticklabels()]
        (2, ['prior', 'email: exact'])
        >>> import matplotlib.pyplot as plt; plt.close(ax.figure)
        """
        ax = axes(ax, "an explanation chart", figsize=(7.0, 0.45 * len(self.contributions) + 1.6))
        labels, starts, bits = self._steps()
        y = np.arange(len(labels))
        colours = [_FOR if b >= 0 else _AGAINST for b in bits]
        ax.barh(y, bits, left=starts, color=colours, height=0.6)
        for k, (start, b) in enumerate(zip(starts, bits, strict=True)):
            # right of the bar's right end, so a bar against a match keeps its
            # figure clear of the labels on the left
            ax.annotate(
                _bits(b),
                (max(start, start + b), k),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
            )
        ax.axvline(0.0, color="#555", linewidth=0.8)
        ax.axvline(self.match_weight, color="#222", linewidth=1.0, linestyle="--")
        ax.set_yticks(y, labels)
        ax.invert_yaxis()
        ends = [0.0, *starts, starts[-1] + bits[-1], self.match_weight]
        lo, hi = min(ends), max(ends)
        span = (hi - lo) or 1.0
        # room on the right for the figures written after each bar's right end
        ax.set_xlim(lo - 0.05 * span, hi + 0.2 * span)
        ax.set_xlabel("match weight (bits)")
        candidate = "" if self.candidate else ", not a candidate pair"
        verdict = f"\n{self.verdict}" if self.verdict else ""
        ax.set_title(
            f"{self.id_a} vs {self.id_b}: {_bits(self.match_weight)} bits, "
            f"probability {_figure(self.match_probability, 4)}{candidate}{verdict}",
            fontsize=10,
        )
        return ax


def explain_pair(matcher: Matcher, prepared: PreparedTable, i: int, j: int) -> Explanation:
    """Score one pair of record indices and break the weight into its parts (a pair
    the pipeline scored is explained from its own row: :func:`explain_scored`)."""
    left = np.array([min(i, j)], dtype=np.int64)
    right = np.array([max(i, j)], dtype=np.int64)
    scored = matcher.score(prepared, left, right)
    return attrs.evolve(explain_scored(matcher, prepared, scored, 0, first=i), candidate=False)


def explain_scored(
    matcher: Matcher,
    prepared: PreparedTable,
    scored: ScoredPairs,
    row: int,
    *,
    first: int | None = None,
) -> Explanation:
    """Break one scored pair's weight into its parts, read off the scored row: its
    levels, term-frequency adjustments, look-alike term, weight and probability, so
    the explanation adds up to the weight the pair was given (whatever term counts it
    was scored with) and is never scored a second time.

    Args:
        matcher: the fitted model that scored the pair.
        prepared: the table the pair's indices point into.
        scored: the scored pairs.
        row: the pair's row in ``scored``.
        first: the record to name first (``id_a``; default the pair's left record).
    """
    a_at, b_at = int(scored.left[row]), int(scored.right[row])
    if first is not None and first == b_at and first != a_at:
        a_at, b_at = b_at, a_at
    from goldenrecord.match.model import columns_for  # the model imports this module's users

    columns = columns_for(prepared)
    levels = scored.levels[row : row + 1]
    contributions: list[Contribution] = []
    for k, comparison in enumerate(matcher.comparisons_):
        level = int(levels[0, k])
        column = columns[comparison.column]
        a, b = column[a_at], column[b_at]
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
                tf_adjustment=float(scored.tf_adjustment[row, k]),
            )
        )
    prior = matcher.prior_weight
    odds = matcher.lookalike_odds(levels, scored.tf_adjustment[row : row + 1])
    lookalike = float(scored.lookalike[row])
    strongest = max(odds, key=lambda name: float(odds[name][0]), default=None)
    total = prior + sum(c.total for c in contributions) + lookalike
    weight = float(scored.weight[row])
    forced = None
    if not np.isclose(weight, total, rtol=0.0, atol=1e-9):
        lo, hi = int(scored.left[row]), int(scored.right[row])
        forced = next(
            (r for r in matcher.deterministic_rules if _agree(prepared, r, lo, hi)),
            None,
        )
    return Explanation(
        id_a=prepared.keys[a_at],
        id_b=prepared.keys[b_at],
        prior=prior,
        contributions=tuple(contributions),
        match_weight=weight if forced else total,
        match_probability=float(scored.probability[row]),
        candidate=True,
        deterministic=forced,
        lookalike=lookalike,
        lookalike_class=strongest,
        threshold=matcher.threshold,
    )


def _agree(prepared: PreparedTable, rule: tuple[str, ...], a: int, b: int) -> bool:
    return all(
        prepared.columns[c][a] is not None and prepared.columns[c][a] == prepared.columns[c][b]
        for c in rule
    )
