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
from goldenrecord.normalize._name_data import HONORIFICS

__all__ = [
    "GIVEN",
    "NAME",
    "VARIANTS",
    "WORD_SIMILARITY",
    "date_variants",
    "given_variants",
    "name_variants",
    "variants_of",
]

NAME: Final = "name"
"""The limit key of a record's whole name (all its name fields, as one set of words)."""

GIVEN: Final = "given"
"""The limit key of a record's given name, read beside its whole name and its date of
birth (:func:`given_variants`)."""

GIVEN_COLUMN: Final = "_name:given"
"""The prepared column :data:`GIVEN` limits: the given name's key words."""

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


_GIVEN_EDITS: Final = 2
"""Given-name words at most this many edits apart (``sofia``, ``sophia``) may be one
name."""

_GIVEN_SIMILARITY: Final = 0.8
"""Jaro-Winkler at or above which two given-name words may be one name."""


@functools.lru_cache(maxsize=262144)
def _given_words_fit(x: str, y: str) -> bool:
    """Whether two given-name words could be one name: a variant of
    :func:`_words_match`, two edits, a Jaro-Winkler of 0.8, or an initial or a
    two-letter abbreviation of the same first letter."""
    if _words_match(x, y):
        return True
    if x[0] == y[0] and min(len(x), len(y)) <= 2:
        return True
    return (
        OSA.distance(x, y, score_cutoff=_GIVEN_EDITS) <= _GIVEN_EDITS
        or JaroWinkler.similarity(x, y) >= _GIVEN_SIMILARITY
    )


def given_variants(a: object, b: object, /) -> bool:
    """Whether two records' given names could be one person's.

    A value is ``(given-name words, whole-name words, date of birth or None, personal
    email or None)``. Two given names conflict only when neither fits the other
    record's name at all: no word of either given name is a typo, nickname, initial
    or close spelling of any word of the other record's whole name (so a given name
    typed in the family-name field is no conflict). Two records whose dates of birth
    are variants (:func:`date_variants`) do not conflict either, the date speaking for
    one person whose given name was translated or replaced by a middle name, unless
    each record has a personal email and the two differ: twins share a date of birth,
    not a mailbox. Honorifics (``sir``, ``dr``) are no given name. Anything else is
    one value only when equal.

    >>> given_variants((("marie",), ("bernard", "marie"), None, None),
    ...                (("catherine",), ("bernard", "catherine"), None, None))
    False
    >>> given_variants((("martin",), ("marie", "martin"), None, None),
    ...                (("marie",), ("marie", "martin"), None, None))
    True
    >>> given_variants((("lea",), ("lea", "martin"), "2001-04-12", None),
    ...                (("hugo",), ("hugo", "martin"), "2001-04-12", "hugo@x.fr"))
    True
    >>> given_variants((("lea",), ("lea", "martin"), "2001-04-12", "lea@x.fr"),
    ...                (("hugo",), ("hugo", "martin"), "2001-04-12", "hugo@x.fr"))
    False
    """
    if a == b:
        return True
    if not (isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b) == 4):
        return False
    given_a, words_a, born_a, mail_a = a
    given_b, words_b, born_b, mail_b = b
    apart = mail_a is not None and mail_b is not None and mail_a != mail_b
    if born_a is not None and born_b is not None and not apart and date_variants(born_a, born_b):
        return True
    given_a = tuple(w for w in given_a if w not in HONORIFICS)
    given_b = tuple(w for w in given_b if w not in HONORIFICS)
    if not (given_a and given_b):
        return True
    return any(_given_words_fit(x, y) for x in given_a for y in words_b) or any(
        _given_words_fit(y, x) for y in given_b for x in words_a
    )


VARIANTS: Final[Mapping[str, Callable[[Any, Any], bool]]] = {
    "date": date_variants,
    NAME: name_variants,
    GIVEN: given_variants,
}
"""The variant relation of each kind whose limit counts variant groups."""


def variants_of(key: str) -> Callable[[Any, Any], bool] | None:
    """The variant relation a limit on ``key`` (a field kind or :data:`NAME`) counts by."""
    return VARIANTS.get(key)
