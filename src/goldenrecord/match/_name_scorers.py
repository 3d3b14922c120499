"""Comparators of the name comparison's two-part keys (``family|given``, ``given|family``).

They are registered by name, so a model saved with the name comparison loads again.
Each has a bulk form (:func:`~goldenrecord.match._columnar.register_columnar`) that
the level engine runs instead: the keys of a column are split into their parts once per
distinct key, and Jaro–Winkler runs in bulk on the distinct pairs of parts that can
matter (the second parts only where the first parts are equal, or alike enough), so a
pair costs a few integer comparisons rather than two string splits in Python.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import JaroWinkler

from goldenrecord.match._columnar import register_columnar
from goldenrecord.match._comparators import jaro_winkler, pair_scores, register_scorer
from goldenrecord.match._name_keys import SEP as KEYS_SEP
from goldenrecord.match._name_keys import keys_meet

PartCodes = npt.NDArray[np.int32]
ValueCodes = npt.NDArray[np.int32]
ObjArray = npt.NDArray[np.object_]
FloatArray = npt.NDArray[np.float64]

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


def _head_tail(value: str) -> tuple[str, str]:
    """The parts before and after the first ``|`` (the second empty without one)."""
    head, _, tail = value.partition(_SEP)
    return head, tail


def _words(value: str) -> tuple[str, ...]:
    """The non-empty parts between ``|``."""
    return tuple(w for w in value.split(_SEP) if w)


def _jw(strings: ObjArray, a: PartCodes, b: PartCodes, *, workers: int) -> FloatArray:
    """Jaro–Winkler of the parts coded ``a`` and ``b``, once per distinct pair of parts.

    Without a cutoff: RapidFuzz's Jaro–Winkler with one can read 0 for a score at the
    cutoff itself ("smelie", "smal": 0.8 reads 0 at a cutoff of 0.8 - 1e-9), and the
    comparators above compute the score whole.
    """
    return pair_scores(jaro_winkler, strings, a, b, cutoff=0.0, workers=workers)


def _same_head_bulk(
    parts: PartCodes,
    ca: ValueCodes,
    cb: ValueCodes,
    strings: ObjArray,
    *,
    cutoff: float,
    workers: int,
) -> FloatArray:
    out = np.zeros(ca.shape[0], dtype=np.float64)
    heads, tails = parts[:, 0], parts[:, 1]
    same = np.flatnonzero(heads[ca] == heads[cb])
    out[same] = _jw(strings, tails[ca[same]], tails[cb[same]], workers=workers)
    return out


def _both_bulk(
    parts: PartCodes,
    ca: ValueCodes,
    cb: ValueCodes,
    strings: ObjArray,
    *,
    cutoff: float,
    workers: int,
) -> FloatArray:
    a, b = parts[ca], parts[cb]
    out = _jw(strings, a[:, 0], b[:, 0], workers=workers)
    # the lower of the two: below the cutoff already where the first parts are
    alike = np.flatnonzero(out >= cutoff)
    tails = _jw(strings, a[alike, 1], b[alike, 1], workers=workers)
    low = np.zeros(a.shape[0], dtype=np.float64)
    low[alike] = np.minimum(out[alike], tails)
    return low


def _head_bulk(
    parts: PartCodes,
    ca: ValueCodes,
    cb: ValueCodes,
    strings: ObjArray,
    *,
    cutoff: float,
    workers: int,
) -> FloatArray:
    heads = parts[:, 0]
    return _jw(strings, heads[ca], heads[cb], workers=workers)


def _one_word_bulk(
    parts: PartCodes,
    ca: ValueCodes,
    cb: ValueCodes,
    strings: ObjArray,
    *,
    cutoff: float,
    workers: int,
) -> FloatArray:
    a, b = parts[ca], parts[cb]
    out = np.zeros(a.shape[0], dtype=np.float64)
    na, nb = (a >= 0).sum(axis=1), (b >= 0).sum(axis=1)
    pick = np.flatnonzero((na >= 1) & (nb >= 1) & ((na == 1) | (nb == 1)))
    a_one = (na[pick] == 1)[:, None]
    word = np.where(a_one[:, 0], a[pick, 0], b[pick, 0])
    other = np.where(a_one, b[pick], a[pick])
    best = np.zeros(pick.size, dtype=np.float64)
    for j in range(other.shape[1]):
        has = np.flatnonzero(other[:, j] >= 0)
        scores = _jw(strings, word[has], other[has, j], workers=workers)
        best[has] = np.maximum(best[has], scores)
    out[pick] = best
    return out


def _keys_meet_bulk(
    parts: PartCodes,
    ca: ValueCodes,
    cb: ValueCodes,
    strings: ObjArray,
    *,
    cutoff: float,
    workers: int,
) -> FloatArray:
    """:data:`~goldenrecord.match._name_keys.keys_meet` on part codes: 1 where the two
    sets of readings share a code. Most names have one reading (one comparison of
    codes); the others are laid out as (pair, reading) keys, looked up in bulk."""
    first = parts[:, 0]
    met = (first[ca] >= 0) & (first[ca] == first[cb])
    out = np.asarray(met, dtype=np.float64)
    if parts.shape[1] == 1:
        return out
    wide = parts[:, 1] >= 0  # per value code: more than one reading
    many = np.flatnonzero((wide[ca] | wide[cb]) & ~met)
    if many.size:
        width = max(len(strings), 1)
        sa, sb = parts[ca[many]], parts[cb[many]]
        rows = np.arange(many.size, dtype=np.int64)[:, None] * width
        keys_a = (rows + sa)[sa >= 0]
        hit_b = np.isin((rows + sb)[sb >= 0], keys_a)
        met = np.zeros(many.size, dtype=bool)
        met[np.broadcast_to(np.arange(many.size)[:, None], sb.shape)[sb >= 0][hit_b]] = True
        out[many[met]] = 1.0
    return out


def _readings(value: str) -> list[str]:
    return value.split(KEYS_SEP)


register_columnar(keys_meet, _readings, _keys_meet_bulk)
register_columnar(same_head_jw, _head_tail, _same_head_bulk)
register_columnar(both_jw, _head_tail, _both_bulk)
register_columnar(head_jw, _head_tail, _head_bulk)
register_columnar(one_word_jw, _words, _one_word_bulk)
