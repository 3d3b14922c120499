"""Comparators of the name comparison's two-part keys (``family|given``, ``given|family``).

They are registered by name, so a model saved with the name comparison loads again.
"""

from __future__ import annotations

from typing import Any, Final

from rapidfuzz.distance import JaroWinkler

from goldenrecord.match._comparators import register_scorer

__all__ = ["SEP", "both_jw", "head_jw", "one_word_jw", "same_head_jw"]

SEP: Final = "|"
"""The separator of the parts of a two-part name key."""
_SEP = SEP


def _same_head_jw(a: str, b: str, /, **options: Any) -> float:
    """Jaro–Winkler of the parts after ``|`` when the parts before are equal, else 0."""
    fa, _, ga = a.partition(_SEP)
    fb, _, gb = b.partition(_SEP)
    return float(JaroWinkler.normalized_similarity(ga, gb)) if fa == fb else 0.0


same_head_jw: Final = register_scorer("same_head_jw", _same_head_jw, symmetric=True)
"""A comparator of two-part keys (``family|given``, ``given|family``): the Jaro–Winkler
similarity of the second parts when the first parts are equal, 0 otherwise (the name
comparison's "same family, similar given" and "same given, similar family" levels).

>>> round(same_head_jw("smith|elizabeth", "smith|eliza"), 2)
0.95
>>> same_head_jw("smith|john", "smyth|john")
0.0
"""


def _both_jw(a: str, b: str, /, **options: Any) -> float:
    """The lower Jaro–Winkler similarity of the two parts of two-part keys."""
    ha, _, ta = a.partition(_SEP)
    hb, _, tb = b.partition(_SEP)
    return float(
        min(JaroWinkler.normalized_similarity(ha, hb), JaroWinkler.normalized_similarity(ta, tb))
    )


both_jw: Final = register_scorer("both_jw", _both_jw, symmetric=True)
"""A comparator of two-part keys (``given|family``): the lower of the two parts'
Jaro–Winkler similarities (the name comparison's "similar given and family" level,
read on nickname-canonical given names: Percy Reeve and Percival Reeves).

>>> round(both_jw("percival|reeve", "percival|reeves"), 2)
0.97
>>> round(both_jw("john|smith", "mary|smith"), 2)
0.0
"""


def _head_jw(a: str, b: str, /, **options: Any) -> float:
    """Jaro–Winkler similarity of the parts before ``|``."""
    return float(JaroWinkler.normalized_similarity(a.partition(_SEP)[0], b.partition(_SEP)[0]))


head_jw: Final = register_scorer("head_jw", _head_jw, symmetric=True)
"""A comparator of two-part keys (``family|given``): the Jaro–Winkler similarity of the
first parts (the name comparison's "similar family, different given" level).

>>> round(head_jw("reeve|percy", "reeves|john"), 2)
0.97
"""


def _one_word_jw(a: str, b: str, /, **options: Any) -> float:
    """Jaro–Winkler of a one-word name against the closest word of the other name."""
    wa = [w for w in a.split(_SEP) if w]
    wb = [w for w in b.split(_SEP) if w]
    if not wa or not wb or (len(wa) > 1 and len(wb) > 1):
        return 0.0
    word, other = (wa[0], wb) if len(wa) == 1 else (wb[0], wa)
    return float(max(JaroWinkler.normalized_similarity(word, w) for w in other))


one_word_jw: Final = register_scorer("one_word_jw", _one_word_jw, symmetric=True)
"""A comparator of ``given|family`` keys where a part may be empty: when one name is a
single word, its Jaro–Winkler similarity to the closest word of the other name, else 0
(the name comparison's "one word, like a word of the other" level: "Waltoh" against
"Walton Corbould", "Prcie" against "Isla Price").

>>> round(one_word_jw("waltoh|", "walton|corbould"), 2)
0.93
>>> one_word_jw("ada|lovelace", "ada|byron")
0.0
"""
