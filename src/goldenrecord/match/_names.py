"""A person's name, compared once: full, given and family name fields as one comparison.

Fellegi–Sunter adds the evidence of each comparison as if the comparisons were
independent given the match status. Name fields are not: a full name holds the given
and the family name, so scoring ``full_name``, ``given_name`` and ``family_name``
separately counts one agreement two or three times ("dick" against "dick pullan"
gains from the full name *and* from the given name), and "same name" then outweighs
everything else: the mixture takes two people of one name for one person.

The default model therefore compares names with one comparison, the way places are
compared once (:mod:`goldenrecord.match._location`). Each record's name is first put
in every representation it can have: the given and the family name come from their
own columns or, where those are empty, from splitting the full name
(:func:`goldenrecord.normalize.split_full_name`); the full name comes from its own
column or from joining given and family. Two records are then compared on the best
representation both have, with levels from the most to the least specific agreement:

=====================================  ==============================================
level                                  holds when
=====================================  ==============================================
exact (term-frequency adjusted)        the whole names (two words or more) are equal
given and family agree                 given (first word) and family name keys agree
given and family swapped               one's given is the other's family and back
same name key (any order, ...)         the names share a reading (name_keys): any
                                       order, any script or romanisation
nickname of the given name, ...        canonical given names (Bob, Robert) and family
given initial, same family             one given name is the other's initial
same words (token set >= 0.90)         the whole names share their words
few typos (DL >= 0.85)                 the whole names differ by a typo or two
same given, family missing             one record has no family name
same family, given missing             one record has no given name
same family, similar given             family names agree, given names are variants
                                       or typos of one name (Jaro-Winkler >= 0.90)
same family, same given initial        given names differ but begin alike (Ed, Edward)
same family, different given           two people of one family land here
same given, similar family             given names agree, family names are alike
                                       (Jaro-Winkler >= 0.90: a typo, a variant)
same given, different family           given names agree, family names do not
given of one, family of the other      a name written in the other field
similar given and family               both parts alike (Jaro-Winkler >= 0.90), the
                                       given names read as nicknames (Percy Reeve,
                                       Percival Reeves)
similar family, different given        family names alike, given names not
one word, like a word of the other     one name is a single word, alike (JW >= 0.90)
                                       to a word of the other name (a typo)
similar (JW >= 0.88)                   the whole names are alike, neither part equal
given and family alike (JW >= 0.80)    both parts alike at a looser bound
=====================================  ==============================================

Each level's weight is learned by EM like any other. "Same family, different given"
is where two people of one household land: the household class of the model holds
this comparison, with the levels where the given names agree
(:func:`same_given_levels`) held at the non-match rate, since people of one family
have given names of their own. Given and family names are compared by their name keys
(any script, see :func:`goldenrecord.normalize.name_key`). The comparison reads the
derived column ``_name:full`` (the whole name as written, or as joined), present
whenever a record has any name; each level reads a derived ``_name:...`` column of
its own. A pair is "missing" when one side has no name at all, or when no level holds
and the two records have no part in common to compare (a given name only on one, a
family name only on the other): there is nothing to disagree on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from goldenrecord.match._comparators import (
    damerau_levenshtein,
    jaro_winkler,
    token_set,
)
from goldenrecord.match._name_keys import KEYS_COLUMN as KEYS
from goldenrecord.match._name_keys import keys_column, keys_meet
from goldenrecord.match._name_scorers import SEP as _SEP
from goldenrecord.match._name_scorers import both_jw, head_jw, one_word_jw, same_head_jw
from goldenrecord.match.compare import Comparison, Level
from goldenrecord.normalize import column, split_full_name
from goldenrecord.normalize._name_data import HONORIFICS

__all__ = [
    "NAME",
    "NAME_COLUMN",
    "NAME_KINDS",
    "fold_names",
    "folds_names",
    "name_columns",
    "name_comparison",
    "same_given_levels",
]

NAME_KINDS: Final = ("given_name", "family_name", "full_name")
"""Field kinds that hold a person's name."""

NAME: Final = "name"
"""The name of the combined name comparison."""

NAME_COLUMN: Final = "_name:full"
"""The derived column the name comparison reads for presence and exact agreement."""

ObjArray = npt.NDArray[np.object_]

# The whole name where it has two words or more: exact and fuzzy agreement read it, so
# that two records holding one given name each ("lily", "lily") do not agree "exactly".
_WHOLE: Final = "_name:whole"
# Given and family name keys as ``given|family``, a part left empty where it is missing:
# the "one word" level reads it.
_PARTS: Final = "_name:parts"
# Titles that a given-name field may hold alone ("m" is also an initial).
_TITLES: Final = HONORIFICS - {"m"}


def _of_kind(fields: Mapping[str, str], kind: str) -> list[str]:
    return [c for c, k in fields.items() if k == kind]


def folds_names(fields: Mapping[str, str]) -> bool:
    """Whether the schema's names are compared as one: a full name, or two name columns.

    >>> folds_names({"first": "given_name", "last": "family_name"})
    True
    >>> folds_names({"name": "full_name"}), folds_names({"first": "given_name"})
    (True, False)
    """
    kinds = [k for k in fields.values() if k in NAME_KINDS]
    return "full_name" in kinds or len(kinds) >= 2


def name_comparison(fields: Mapping[str, str]) -> Comparison | None:
    """The combined name comparison, or None when :func:`folds_names` says no.

    >>> name_comparison({"name": "full_name", "first": "given_name"}).level_labels[:3]
    ('exact', 'given and family agree', 'given and family swapped')
    >>> name_comparison({"first": "given_name"}) is None
    True
    """
    if not folds_names(fields):
        return None
    exact, cross = Level.exact, Level.crossed
    return Comparison(
        NAME,
        (
            exact(label="exact", column=_WHOLE),
            exact(label="given and family agree", column="_name:gf"),
            Level.swapped("_name:given", "_name:family", label="given and family swapped"),
            Level.at_least(
                keys_meet, 1.0, label="same name key (any order, cross-script)", column=KEYS
            ),
            exact(label="nickname of the given name, same family", column="_name:nick"),
            cross("_name:init", "_name:initial", label="given initial, same family"),
            Level.at_least(token_set, 0.9, label="same words (token set >= 0.90)", column=_WHOLE),
            Level.at_least(
                damerau_levenshtein, 0.85, label="few typos (DL >= 0.85)", column=_WHOLE
            ),
            cross("_name:given", "_name:given_alone", label="same given, family missing"),
            cross("_name:family", "_name:family_alone", label="same family, given missing"),
            Level.at_least(
                same_head_jw,
                0.9,
                label="same family, similar given (JW >= 0.90)",
                column="_name:fg",
            ),
            exact(label="same family, same given initial", column="_name:init"),
            exact(label="same family, different given", column="_name:family"),
            Level.at_least(
                same_head_jw,
                0.9,
                label="same given, similar family (JW >= 0.90)",
                column="_name:gf",
            ),
            exact(label="same given, different family", column="_name:given"),
            cross("_name:given", "_name:family", label="given of one, family of the other"),
            Level.at_least(
                both_jw, 0.9, label="similar given and family (JW >= 0.90)", column="_name:nick"
            ),
            Level.at_least(
                head_jw, 0.9, label="similar family, different given", column="_name:fg"
            ),
            Level.at_least(
                one_word_jw, 0.9, label="one word, like a word of the other", column=_PARTS
            ),
            Level.at_least(jaro_winkler, 0.88, label="similar (JW >= 0.88)", column=_WHOLE),
            Level.at_least(
                both_jw, 0.8, label="given and family alike (JW >= 0.80)", column="_name:nick"
            ),
        ),
        column=NAME_COLUMN,
        term_frequency=True,
        comparable=("_name:given", "_name:family"),
    )


_SAME_GIVEN: Final = frozenset(
    {
        "exact",
        "given and family agree",
        "given and family swapped",
        "same name key (any order, cross-script)",
        "nickname of the given name, same family",
        "same given, family missing",
        "same given, similar family (JW >= 0.90)",
        "same given, different family",
    }
)
"""Labels of the name comparison's levels at which the two given names agree."""


def same_given_levels(comparison: Comparison) -> tuple[int, ...]:
    """The levels of a name comparison at which the two records' given names agree
    (one person, or two people of one name; not two people of one family).

    >>> same_given_levels(name_comparison({"first": "given_name", "last": "family_name"}))
    (0, 1, 2, 3, 4, 8, 13, 14)
    """
    return tuple(i for i, level in enumerate(comparison.levels) if level.label in _SAME_GIVEN)


def _coalesce(arrays: Sequence[Sequence[Any]], n: int) -> list[Any]:
    """Per row, the first value that is not None across ``arrays``."""
    out: list[Any] = [None] * n
    for values in arrays:
        out = [v if v is not None else w for v, w in zip(out, values, strict=True)]
    return out


def _first_word(value: str | None) -> str | None:
    if value is None:
        return None
    words = value.split()
    return words[0] if words else None


def _joined(parts: Iterable[str | None], sep: str = " ") -> str | None:
    present = [p for p in parts if p]
    return sep.join(present) if present else None


def _both(a: str | None, b: str | None) -> str | None:
    return f"{a}{_SEP}{b}" if a and b else None


def _obj(values: Sequence[Any]) -> ObjArray:
    out = np.empty(len(values), dtype=object)
    out[:] = list(values)
    return out


def name_columns(
    columns: Mapping[str, npt.NDArray[Any]], fields: Mapping[str, str]
) -> dict[str, ObjArray]:
    """The derived columns the name comparison reads (empty when names are not folded).

    ``columns`` holds the normalized field columns. Given names are compared by their
    first word (a middle name is not always written), family names whole.

    >>> cols = {"full": np.array(["Ada Lovelace", None], dtype=object),
    ...         "first": np.array([None, "ada"], dtype=object),
    ...         "last": np.array([None, "lovelace"], dtype=object)}
    >>> cols["full"][0] = "ada lovelace"
    >>> out = name_columns(cols, {"full": "full_name", "first": "given_name",
    ...                           "last": "family_name"})
    >>> out["_name:full"].tolist(), out["_name:gf"].tolist()
    (['ada lovelace', 'ada lovelace'], ['ada|lovelace', 'ada|lovelace'])
    """
    if not folds_names(fields):
        return {}
    n = len(next(iter(columns.values()))) if columns else 0
    given_whole, given_key = _with_keys(columns, _of_kind(fields, "given_name"), n)
    family, family_key = _with_keys(columns, _of_kind(fields, "family_name"), n)
    full = _coalesce([columns[c].tolist() for c in _of_kind(fields, "full_name")], n)
    # A title alone in a given-name field ("Sir", "Lady", "Reverend") is not a given
    # name: two knights would otherwise share one. The full name may give the real one.
    titled = [g is not None and g in _TITLES for g in given_whole]
    for i in np.flatnonzero(titled).tolist():
        given_whole[i] = given_key[i] = None
    # Split a full name where the record lacks a given or a family name of its own.
    memo: dict[str, tuple[str | None, str | None]] = {}
    for i, text in enumerate(full):
        if text is None or (given_whole[i] is not None and family[i] is not None):
            continue
        if text not in memo:
            parts = split_full_name(text)
            memo[text] = (None, None) if parts is None else (parts.given, parts.family)
        g, f = memo[text]
        if titled[i] and f is None:
            g = None  # the full name is the family name the title went with
        given_whole[i] = given_whole[i] if given_whole[i] is not None else g
        family[i] = family[i] if family[i] is not None else f
    full = [
        t if t is not None else _joined((g, f))
        for t, g, f in zip(full, given_whole, family, strict=True)
    ]
    # Given names by the key of their first word, family names by their key; the keys
    # of the field columns are reused where they are the same thing.
    first_words = [_first_word(g) for g in given_whole]
    given = _keys(first_words, given_key, single_word=True)
    written_family = family
    family = _keys(family, family_key, single_word=False)
    # Nicknames are looked up on the written first word (the dictionary holds "billy",
    # not its key "bily"), then keyed like the given names.
    canonical = _canonical_keys(first_words)
    pairs = list(zip(given, family, strict=True))
    # A name key is its words' keys in sorted order: join the two keys' words.
    keys = [" ".join(sorted(f"{g} {f}".split())) if g and f else None for g, f in pairs]
    initials = [_both(g[:1] if g else None, f) for g, f in pairs]
    return {
        NAME_COLUMN: _obj(full),
        _WHOLE: _obj([t if t is not None and " " in t else None for t in full]),
        "_name:given": _obj(given),
        "_name:family": _obj(family),
        "_name:gf": _obj([_both(g, f) for g, f in pairs]),
        "_name:fg": _obj([_both(f, g) for g, f in pairs]),
        "_name:key": _obj(keys),
        KEYS: _obj(keys_column(first_words, written_family, keys)),
        "_name:nick": _obj([_both(c, f) for c, (_, f) in zip(canonical, pairs, strict=True)]),
        "_name:init": _obj(initials),
        "_name:initial": _obj(
            [i if g and len(g) == 1 else None for i, (g, _) in zip(initials, pairs, strict=True)]
        ),
        _PARTS: _obj([f"{g or ''}{_SEP}{f or ''}" if g or f else None for g, f in pairs]),
        "_name:given_alone": _obj([g if f is None else None for g, f in pairs]),
        "_name:family_alone": _obj([f if g is None else None for g, f in pairs]),
    }


def _with_keys(
    columns: Mapping[str, npt.NDArray[Any]], names: Sequence[str], n: int
) -> tuple[list[Any], list[Any]]:
    """Per record, the first present value among the ``names`` columns and its
    ``column:key`` (None where the prepared table has no key column)."""
    values: list[Any] = [None] * n
    keys: list[Any] = [None] * n
    for name in names:
        cells = columns[name].tolist()
        key_col = columns.get(f"{name}:key")
        cell_keys = key_col.tolist() if key_col is not None else [None] * n
        for i, (v, k) in enumerate(zip(cells, cell_keys, strict=True)):
            if values[i] is None and v is not None:
                values[i], keys[i] = v, k
    return values, keys


def _canonical_keys(words: Sequence[str | None]) -> list[Any]:
    """The name key of each word's nickname-canonical given name, once per distinct word.

    >>> _canonical_keys(["billy", "william", None])
    ['wiliam', 'wiliam', None]
    """
    ordered = sorted({w for w in words if w is not None})
    canonical = column(ordered, "given_name_canonical").values
    keys = column(list(canonical), "name_key").values
    found = dict(zip(ordered, keys, strict=True))
    return [None if w is None else found[w] for w in words]


def _keys(
    values: Sequence[str | None], known: Sequence[str | None], *, single_word: bool
) -> list[Any]:
    """The name key of each value: ``known`` where given (and one word, if asked), else
    computed, once per distinct value."""
    todo = {
        v
        for v, k in zip(values, known, strict=True)
        if v is not None and (k is None or (single_word and " " in k))
    }
    ordered = sorted(todo)
    computed = dict(zip(ordered, column(ordered, "name_key").values, strict=True))
    return [None if v is None else computed.get(v, k) for v, k in zip(values, known, strict=True)]


def fold_names(
    comparisons: Sequence[Comparison], fields: Mapping[str, str]
) -> tuple[Comparison, ...]:
    """``comparisons`` with those of the name fields replaced by :func:`name_comparison`,
    placed where the first of them stood."""
    combined = name_comparison(fields)
    if combined is None:
        return tuple(comparisons)
    names = {c for c, k in fields.items() if k in NAME_KINDS}
    out: list[Comparison] = []
    for comparison in comparisons:
        if comparison.column in names:
            if combined not in out:
                out.append(combined)
            continue
        out.append(comparison)
    return tuple(out)
