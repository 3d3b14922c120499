"""Latin words read as pinyin or Korean syllables (``jinping`` → ``jin ping``)."""

from __future__ import annotations

import re
from typing import Final

__all__: list[str] = []

# One syllable of pinyin or of Korean romanization, in the key's squashed spelling.
_SYLLABLE: Final = re.compile(
    r"(?:zh|ch|sh|ts|hs|[bcdfghjklmnpqrstwxyz])?"
    r"(?:iang|iong|uang|uai|iao|ian|ai|ao|ei|ia|ie|iu|ou|ua|ue|ui|uo|eo|eu|ae|oe|oi|a|e|i|o|u)"
    r"(?:ng|n|m|k|p|t)?"
)


def _syllables(word: str) -> list[str] | None:
    """A Latin word as pinyin or Korean syllables, or None.

    ``jinping`` → ``jin ping``, ``xiaoming`` → ``xiao ming`` (not ``xiaom ing``): of
    the readings, the one with the fewest syllables starting with a vowel after the
    first wins (pinyin would write an apostrophe there), then the one with longer
    syllables first. None when the word is one syllable or cannot be read as
    syllables only.
    """
    n = len(word)
    if n < 4:
        return None
    # best[pos]: (vowel starts, end of the first syllable) of the best reading of
    # word[pos:], or None. Readings from one position differ in their first syllable, so
    # the tie on vowel starts is settled by its length alone: one pass, linear in ``n``.
    best: list[tuple[int, int] | None] = [None] * (n + 1)
    best[n] = (0, n)
    for pos in range(n - 1, -1, -1):
        for end in range(min(n, pos + 6), pos, -1):  # longer first syllables first
            rest = best[end]
            if rest is None or not _SYLLABLE.fullmatch(word, pos, end):
                continue
            cost = rest[0] + (1 if pos and word[pos] in "aeiou" else 0)
            current = best[pos]
            if current is None or cost < current[0]:
                best[pos] = (cost, end)
    if best[0] is None:
        return None
    out: list[str] = []
    pos = 0
    while pos < n:
        step = best[pos]
        assert step is not None  # every position on the best path has a reading
        out.append(word[pos : step[1]])
        pos = step[1]
    return out if len(out) > 1 else None
