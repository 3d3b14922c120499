"""Attacks on Bloom-filter encodings, to measure what an encoding leaks.

The attacker holds one encoded column (no secret) and a public list of plain values
with their frequencies, drawn from the same population (the best case for an
attacker: a census or voter list of the same people). Two attacks are run:

* **Frequency attack** (Kuzu et al. 2011; Christen et al. 2017): the distinct
  filters, ranked by how many records carry them, are aligned with the plain
  values ranked by frequency; filters met only once carry no frequency and are left
  alone. A record is re-identified when its filter is aligned with its own value.
* **Pattern-mining attack** (after Christen et al. 2017, "Precise and fast
  cryptanalysis for Bloom filter based PPRL"): the 50 most frequent filters'
  alignments are taken as known plaintext; each q-gram's bit positions are mined as
  the positions set in at least ``share`` (70%) of the aligned filters whose value
  holds that q-gram (with at least ``min_support`` such filters: a few wrong
  alignments do not hide a position); then every filter is decoded: among the
  plain values whose q-grams all have mined positions, the one whose predicted
  filter (the union of those positions) is closest by Dice, if that Dice is at
  least ``min_dice`` and no other value ties with it.

:func:`reidentified` runs both and returns the share of records each re-identifies.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord.match._encoded import packed_filters
from goldenrecord.pprl._bloom import qgrams

__all__ = ["AttackResult", "frequency_attack", "pattern_attack", "reidentified"]

_SEEDS = 50
"""The most frequent filters whose alignment seeds the pattern-mining attack (beyond
them, frequencies are too close for the alignment to be right often enough)."""


@attrs.frozen
class AttackResult:
    """Shares of records (0–1) whose value an attack recovered."""

    frequency: float
    pattern: float

    @property
    def worst(self) -> float:
        """The larger of the two shares."""
        return max(self.frequency, self.pattern)


def frequency_attack(filters: Sequence[str], public: Sequence[str]) -> dict[str, str]:
    """Filter → guessed value, by aligning frequency ranks (filters met twice or more)."""
    seen = Counter(filters).most_common()
    names = [v for v, _ in Counter(public).most_common()]
    return {f: names[i] for i, (f, count) in enumerate(seen) if count >= 2 and i < len(names)}


def _bits(filters: Sequence[str]) -> npt.NDArray[np.bool_]:
    packed = packed_filters([f"00000000.{f.partition('.')[2]}" for f in filters])
    return np.unpackbits(packed.view(np.uint8), axis=1).astype(bool)


def pattern_attack(
    filters: Sequence[str],
    public: Sequence[str],
    aligned: dict[str, str],
    *,
    q: int = 2,
    min_support: int = 2,
    min_dice: float = 0.85,
    share: float = 0.7,
) -> dict[str, str]:
    """Filter → guessed value, decoding filters with q-gram positions mined from
    the ``aligned`` (filter → value) pairs (see the module docstring)."""
    if not aligned:
        return {}
    known = list(aligned)
    bits = _bits(known)
    holders: dict[str, list[int]] = {}
    for row, f in enumerate(known):
        for g in qgrams(aligned[f], q):
            holders.setdefault(g, []).append(row)
    mined = {
        g: bits[rows].mean(axis=0) >= share
        for g, rows in holders.items()
        if len(rows) >= min_support
    }
    mined = {g: m for g, m in mined.items() if m.any()}
    candidates = [v for v in dict.fromkeys(public) if qgrams(v, q) <= mined.keys()]
    if not candidates:
        return {}
    predicted = np.array(
        [np.logical_or.reduce([mined[g] for g in qgrams(v, q)]) for v in candidates]
    )
    distinct = list(dict.fromkeys(filters))
    target = _bits(distinct).astype(np.float32)
    pred = predicted.astype(np.float32)
    inter = target @ pred.T
    total = target.sum(axis=1)[:, None] + pred.sum(axis=1)[None, :]
    score = 2 * inter / np.maximum(total, 1)
    best = score.argmax(axis=1)
    top = score[np.arange(len(distinct)), best]
    ties = (score >= top[:, None] - 1e-9).sum(axis=1)
    return {
        f: candidates[int(b)]
        for f, b, s, t in zip(distinct, best.tolist(), top.tolist(), ties.tolist(), strict=True)
        if s >= min_dice and t == 1
    }


def reidentified(
    filters: Sequence[str | None], truth: Sequence[str], public: Sequence[str]
) -> AttackResult:
    """Share of records whose true value each attack recovers.

    Args:
        filters: the encoded column (None where missing; those records are skipped).
        truth: each record's plain value (normalized as it was encoded).
        public: the attacker's list of plain values (one entry per person).
    """
    rows = [(f, t) for f, t in zip(filters, truth, strict=True) if f is not None]
    if not rows:
        return AttackResult(0.0, 0.0)
    encoded = [f for f, _ in rows]
    freq = frequency_attack(encoded, public)
    top = [f for f, _ in Counter(encoded).most_common(_SEEDS)]
    pattern = pattern_attack(encoded, public, {f: freq[f] for f in top if f in freq})
    n = len(rows)
    return AttackResult(
        frequency=sum(freq.get(f) == t for f, t in rows) / n,
        pattern=sum(pattern.get(f) == t for f, t in rows) / n,
    )
