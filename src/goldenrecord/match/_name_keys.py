"""Every reading of a record's name, for blocking and for the name comparison.

A name can be read several ways (:func:`goldenrecord.normalize.name_keys`: Greek by
ELOT 743, ``Müller`` as ``Mueller``, ``Chan`` as 陈, ``佐藤`` as ``Sato``). The name
comparison's "same name key" level holds when two records' sets of readings intersect;
the prepared column :data:`KEYS_COLUMN` holds each record's set as one string, its keys
sorted and joined by :data:`SEP`, so that the comparison scores each distinct pair of
sets once. Blocking reads the prefixes and sounds of the words of the readings
(:func:`reading_words`), so two spellings of one name fall in one block without a
rule of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from goldenrecord.match._comparators import register_scorer
from goldenrecord.normalize._name_readings import SKELETON_MARK, name_keys_column

__all__ = ["KEYS_COLUMN", "SEP", "keys_column", "keys_meet", "reading_words"]

KEYS_COLUMN: Final = "_name:keys"
"""The prepared column of each record's name readings (given and family name)."""

SEP: Final = "|"
"""The separator of the readings in :data:`KEYS_COLUMN` (no key holds it)."""


def _keys_meet(a: str, b: str, /, **options: Any) -> float:
    """1 when two sets of readings (``SEP``-joined) share a key, else 0."""
    if a == b:
        return 1.0
    return 0.0 if set(a.split(SEP)).isdisjoint(b.split(SEP)) else 1.0


keys_meet: Final = register_scorer("name_keys_meet", _keys_meet, symmetric=True)
"""A comparator of :data:`KEYS_COLUMN` values: 1 when the two names share a reading.

>>> keys_meet("eyagelia|evangelia", "evangelia"), keys_meet("muler|mueler", "miler")
(1.0, 0.0)
"""


def keys_column(
    given: Sequence[str | None], family: Sequence[str | None], keys: Sequence[str | None]
) -> list[str | None]:
    """Per record, the readings of its given (first word) and family name with its name
    key, ``SEP``-joined in sorted order; None where ``keys`` is None.

    >>> keys_column(["ευαγγελία", None], ["mueller", "smith"], ["eyagelia mueler", None])
    ['evangelia mueler|evangelia muler|eyagelia mueler|eyagelia muler', None]
    """
    texts = [
        f"{g} {f}" if g and f and k else None for g, f, k in zip(given, family, keys, strict=True)
    ]
    readings = name_keys_column(texts, keys)
    memo: dict[tuple[str, frozenset[str]], str] = {}
    out: list[str | None] = []
    for key, found in zip(keys, readings, strict=True):
        if key is None:
            out.append(None)
            continue
        pair = (key, found)
        if pair not in memo:
            memo[pair] = SEP.join(sorted(found | {key}))
        out.append(memo[pair])
    return out


def reading_words(keys: str | None) -> tuple[str, ...]:
    """The words of a record's readings, skeletons left out (they meet only through
    the known name beside them, whose word is there already).

    >>> reading_words("evangelia mueler|eyagelia muler|~abc")
    ('evangelia', 'mueler', 'eyagelia', 'muler')
    """
    if keys is None:
        return ()
    words: dict[str, None] = {}
    for key in keys.split(SEP):
        if not key.startswith(SKELETON_MARK):
            words.update(dict.fromkeys(key.split(" ")))
    return tuple(words)
