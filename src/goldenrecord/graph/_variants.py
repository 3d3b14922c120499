"""Variants: values that typos and spelling explain, counted as one by a coherence limit.

A profile may hold a second date of birth when a clerk typed one digit wrong, and
several spellings of one name. It may not hold ten unrelated dates or a crowd of
unrelated names: that is strangers chained together. A coherence limit counts a
profile's values in *variant groups*: each group has a representative, and a value
that is a variant of a representative joins its group instead of opening a new one.

Two dates (ISO ``YYYY-MM-DD``) are variants when they are one edit apart (one digit
wrong, or two neighbouring digits swapped), when day and month are swapped, when
they share year and month (a wrong day), or when they lie at most a year apart (a
neighbouring month or year entered carelessly). Two names (tuples of name-key words) are
variants when every word of the shorter one matches a word of the other: the same
word, an initial of it, a prefix of at least three letters, a nickname of the same
given name, or Jaro-Winkler at least :data:`WORD_SIMILARITY` (``j smith``,
``bob smyth``, ``robert smith``). When the schema tells the family name apart, two
names whose family names each match a word of the other name are variants too,
whatever their given names (a translated given name, a middle name used instead, a
title in the given-name field): given names vary, family names rarely do, and a
chain of one given name across many family names is what strangers look like.

>>> date_variants("1980-03-07", "1980-07-03"), date_variants("1980-03-07", "1981-03-07")
(True, True)
>>> date_variants("1980-03-07", "1975-11-21")
False
>>> name_variants(("bob", "smith"), ("robert", "smyth")), name_variants(("j",), ("jane", "roe"))
(True, True)
>>> name_variants(("ann", "lee"), ("ann", "haddad"))
False
>>> name_variants((("jean", "roe"), ("roe",)), (("john", "roe"), ("roe",)))
True
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from typing import Any, Final

from rapidfuzz.distance import OSA, JaroWinkler

from goldenrecord.normalize import given_name_canonical

__all__ = ["NAME", "VARIANTS", "WORD_SIMILARITY", "date_variants", "name_variants", "variants_of"]

NAME: Final = "name"
"""The limit key of a record's whole name (all its name fields, as one set of words)."""

NAME_COLUMN: Final = "_name:words"
"""The prepared column :data:`NAME` limits: the words of the whole-name key and the
nickname-canonical given name."""

_NEAR_DAYS: Final = 366
"""Dates at most this many days apart are one date entered carelessly (a wrong day,
a neighbouring month, the year before or after)."""

WORD_SIMILARITY: Final = 0.88
"""Jaro-Winkler at or above which two name words are one word with a typo."""


def date_variants(a: object, b: object, /) -> bool:
    """Whether two ISO dates are one date as typos explain it (see the module doc).

    Values that are not ISO date strings are variants only when equal.
    """
    if a == b:
        return True
    if not (isinstance(a, str) and isinstance(b, str) and len(a) == len(b) == 10):
        return False
    if a[:7] == b[:7]:
        return True
    if a[:4] == b[:4] and a[5:7] == b[8:10] and a[8:10] == b[5:7]:
        return True
    if OSA.distance(a, b, score_cutoff=1) <= 1:
        return True
    try:
        apart = abs(dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days
    except ValueError:
        return False
    return apart <= _NEAR_DAYS


@functools.lru_cache(maxsize=65536)
def _canonical(word: str) -> str:
    return given_name_canonical(word) or word


@functools.lru_cache(maxsize=262144)
def _words_match(x: str, y: str) -> bool:
    """One word as a typo, a prefix, an initial or a nickname explains it."""
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    if min(len(x), len(y)) >= 3 and (x.startswith(y) or y.startswith(x)):
        return True
    if JaroWinkler.similarity(x, y) >= WORD_SIMILARITY:
        return True
    return _canonical(x) == _canonical(y)


def name_variants(a: object, b: object, /) -> bool:
    """Whether two names are one name as variants explain it (see the module doc).

    A name is a tuple of words, or a pair (words, family-name words) when the schema
    tells the family name apart.
    """
    if a == b:
        return True
    words_a, family_a = _parts(a)
    words_b, family_b = _parts(b)
    if not (words_a and words_b):
        return False
    if len(words_a) > len(words_b):
        words_a, words_b, family_a, family_b = words_b, words_a, family_b, family_a
    if set(words_a) <= set(words_b) or _covered(words_a, words_b):
        return True
    return bool(
        family_a and family_b and _covered(family_a, words_b) and _covered(family_b, words_a)
    )


def _parts(name: object) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(words, family-name words) of a name value; empty tuples when it is neither form."""
    if isinstance(name, tuple) and len(name) == 2 and isinstance(name[0], tuple):
        words, family = name
        return words, family if isinstance(family, tuple) else ()
    if isinstance(name, tuple) and all(isinstance(w, str) for w in name):
        return name, ()
    return (), ()


def _covered(words: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Each word of ``words`` matches its own word of ``other`` (a matching: one word
    of ``other`` cannot stand for two, so ``wiliam wiliams`` does not fit ``cuk wiliam``).
    """
    if len(words) > len(other):
        return False
    fits = [[j for j, y in enumerate(other) if _words_match(x, y)] for x in words]
    if not all(fits):
        return False
    if len(words) == 1 or len({j for f in fits for j in f}) == sum(map(len, fits)):
        return True  # no word of ``other`` fits two words: each takes its own
    taken: dict[int, int] = {}

    def place(i: int, seen: set[int]) -> bool:
        for j in fits[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in taken or place(taken[j], seen):
                taken[j] = i
                return True
        return False

    return all(place(i, set()) for i in range(len(words)))


VARIANTS: Final[Mapping[str, Callable[[Any, Any], bool]]] = {
    "date": date_variants,
    NAME: name_variants,
}
"""The variant relation of each kind whose limit counts variant groups."""


def variants_of(key: str) -> Callable[[Any, Any], bool] | None:
    """The variant relation a limit on ``key`` (a field kind or :data:`NAME`) counts by."""
    return VARIANTS.get(key)
