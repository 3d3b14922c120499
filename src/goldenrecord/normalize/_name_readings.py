"""Every reading a name can take: one name key per plausible reading.

:func:`name_keys` gives the set of keys of a name; two names *meet* when their sets
intersect. Its first member is always :func:`~goldenrecord.normalize.name_key`, the
primary key that term frequencies and exact agreement read. The other readings:

- **Greek** by ELOT 743 (ISO 843), digraphs included (``ευ`` → ``ev``/``ef``, ``αυ``
  → ``av``/``af``, ``γγ`` → ``ng``, ``μπ`` → ``mp``/``b``, ``ντ`` → ``nt``/``d``),
  and as commonly written (``υ`` → ``i``, ``χ`` → ``h``): ``Ευαγγελία`` meets
  ``Evangelia``.
- **German and Scandinavian** letters spelled without them: ``ü``/``ö``/``ä`` as
  ``ue``/``oe``/``ae`` (``Müller``, ``Mueller``, ``Muller``), ``å`` as ``aa``, ``ø`` as
  ``oe``; a Latin ``ue``/``oe``/``ae`` after a consonant also reads as the plain vowel.
- **Turkish** ``ş``/``ç``/``ğ``/``ı`` as written on other keyboards (``sh``, ``ch``,
  ``ğ`` left out).
- **Hebrew and Arabic** by their consonant skeletons on both sides (long vowels are
  written in these scripts, short ones are not), and Hebrew names through a table of
  common names; a Latin name takes skeleton readings only when one of its words is a
  known Arabic or Hebrew name, so that ``Maria`` and ``Mario`` stay apart.
- **Chinese** names in Cantonese, Hokkien and Teochew spellings and in Wade–Giles
  (``Chan``, ``Tan`` → 陈 ``chen``; ``Wong`` → 黄 ``huang`` or 王 ``wang``;
  ``Mao Tse-tung`` → ``mao ze dong``), for names that read as Chinese.
- **Japanese** kanji and kana through pykakasi's dictionary readings, long vowels
  shortened as names are spelled (``佐藤`` → ``sato``, ``田中`` → ``tanaka``).
- **Korean** family names in their common spellings (``Lee``/``Yi``/``Rhee``,
  ``Park``/``Pak``, ``Choi``/``Choe``).
- **Thai** by RTGS (``ศรีสุข`` → ``srisuk``).
- **Vietnamese** meets with and without tones through the primary key already.

Readings are never looser than the letters allow: ``Müller`` and ``Miller``,
``Sato`` and ``Saito``, ``Chen`` and ``Cheng``, ``Zhang`` and ``Zheng``, ``Khaled``
and ``Khalil`` do not meet.

>>> from goldenrecord.normalize import name_key
>>> sorted(name_keys("Müller"))
['mueler', 'muler']
>>> bool(name_keys("Ευαγγελία") & name_keys("Evangelia"))
True
>>> bool(name_keys("Chen") & name_keys("Cheng"))
False
>>> name_key("佐藤") in name_keys("佐藤"), "sato" in name_keys("佐藤")
(True, True)
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Final

from anyascii import anyascii

from goldenrecord.normalize._common import Errors, Rejected, cell_text, finish
from goldenrecord.normalize._name_key import (
    _arabic,
    _name_key,
    _name_keys,
    _squash,
)
from goldenrecord.normalize._name_readings_data import (
    ARABIC_NAMES,
    HEBREW_NAMES,
)
from goldenrecord.normalize._name_romanisations import (
    abjad_latin,
    chinese,
    east_asian_surnames,
    east_asian_word,
    korean,
    korean_surnames,
    pinyin,
    semitic,
    semitic_only,
    wade_giles,
)
from goldenrecord.normalize._name_scripts import (
    JAPANESE_LONG,
    MAX_READINGS,
    greek,
    hangul,
    japanese,
    product,
    script,
    spelled,
    thai_readings,
)
from goldenrecord.normalize._name_scripts_data import GERMANIC_LETTERS, TURKISH_LETTERS
from goldenrecord.normalize._name_skeleton import (
    SKELETON_MARK,
    abjad_skeleton,
    latin_skeleton,
    skeleton_keys,
)

__all__ = ["MAX_READINGS", "SKELETON_MARK", "name_keys", "name_keys_column"]


_GERMAN_VOWEL_PAIR: Final = re.compile(
    r"(?<=[bcdfgjklmnprstvwxz])([aou])e(?=[bcdfghjklmnprstvwxz])"
)


# (pinyin, spelling) pairs kept although the spelling is another family name in pinyin:
# Hokkien Tan for 陈, and Wade–Giles spellings.
def _word_readings(
    word: str, east_asian: bool, syllabic: bool, is_korean: bool = False
) -> list[str]:
    """Other spellings of one word of a key (the word itself first).

    ``east_asian``: the name reads as Chinese or Korean (syllables only, and a family
    name among them); ``syllabic``: it reads as syllables (Japanese long vowels).
    """
    out = [word]
    hebrew = abjad_latin().get(word)
    if hebrew is not None:
        out.append(hebrew)
    german = _GERMAN_VOWEL_PAIR.sub(r"\1", word)
    if german != word and not east_asian:  # Korean ae is a vowel: Baek is not Bak
        out.append(german)
    if east_asian:
        out.extend(sorted(chinese().get(word, ())))
        if word not in pinyin():
            out.extend(wade_giles(word))
        surname = korean().get(word)
        if surname is not None:
            out.append(surname)
    if is_korean:  # Korean given names: seong/sung, jeong/jung, shik/sik
        out.extend(word.replace(a, b) for a, b in _KOREAN_VOWELS if a in word)
    if syllabic:
        short = word
        for long, plain in JAPANESE_LONG:
            short = short.replace(long, plain)
        if short.endswith("oh") and word not in chinese():  # Satoh; Goh is Hokkien 吴
            short = short[:-1]
        out.append(short)
    return list(dict.fromkeys(out))


# Korean eo (ŏ) is often written u (Hyun, Sung, Yuna), and shi si.
_KOREAN_VOWELS: Final = (
    ("eong", "ung"),
    ("ung", "eong"),
    ("eo", "u"),
    ("shi", "si"),
    ("si", "shi"),
)
_LONG_VOWEL: Final = re.compile(r"ou|oo|uu|oh\b")


def _latin_readings(key: str, written: str | None = None) -> list[str]:
    """Other spellings of a key, word by word (the key itself first).

    ``written``: the name's Latin words as written (squashed), before the key's
    variant table respelled them (``Pak`` is ``park`` in the key, 白 ``bai`` as
    written); their readings are added.
    """
    words = key.split(" ")
    bases = [words] if written is None or written == key else [words, written.split(" ")]
    surnames = east_asian_surnames()
    out: list[str] = []
    for base in bases:
        short = len(base) <= 4
        east_asian = (
            short and any(w in surnames for w in base) and all(east_asian_word(w) for w in base)
        )
        syllabic = east_asian or (
            short
            and _LONG_VOWEL.search(" ".join(base)) is not None
            and all(east_asian_word(w) for w in base)
        )
        is_korean = east_asian and any(w in korean_surnames() for w in base)
        choices = [_word_readings(w, east_asian, syllabic, is_korean) for w in base]
        readings = product(choices, 4 * MAX_READINGS if east_asian else 2 * MAX_READINGS, " ")
        if east_asian:  # whole Mandarin readings first: the script side reads in pinyin
            syllables = pinyin()
            first, *rest = readings
            whole = {r: None for r in rest if all(w in syllables for w in r.split(" "))}
            rest = [*whole, *(r for r in rest if r not in whole)]
            readings = [first, *rest[: 2 * MAX_READINGS - 1]]
        out.extend(readings if base is words else readings[1:])  # written words: not a reading

    return list(dict.fromkeys(out))


# -- the readings of one name -----------------------------------------------------------


def _word_spellings(word: str) -> list[str]:
    """Latin spellings of one word in its own script; empty when it has none of its own."""
    kind = script(word[0])
    options: list[str] = []
    if kind == "greek":
        options = [greek(word, style) for style in (0, 1, 2, 3)]
    elif kind == "hebrew":
        options = [HEBREW_NAMES.get(word, anyascii(word))]
    elif kind == "arabic" and _arabic_name(word) is not None:
        options = [str(_arabic_name(word))]
    elif kind == "hangul":
        options = [word, *hangul(word)] if len(word) > 1 else []
    elif kind == "thai":
        options = thai_readings(word)
    elif kind == "kana" or kind == "han":
        options = [*japanese(word, single=len(word) == 1 and kind == "han"), word]
    elif any(c in TURKISH_LETTERS or c in GERMANIC_LETTERS for c in word.lower()):
        options = spelled(word.lower())
    return list(dict.fromkeys(options))


def _script_texts(text: str) -> list[str]:
    """Whole-name Latin spellings of the words' scripts; empty when no word has one.

    The text keeps everything but the words that have spellings of their own, so a
    title stays a title (``M. Müller``).
    """
    choices: list[list[str]] = []
    found = False
    for token in text.split():
        words = _raw_words(token)
        spellings = [_word_spellings(w) for w in words]
        if not any(spellings):
            choices.append([token])
            continue
        found = True
        per_word = [s or [w] for s, w in zip(spellings, words, strict=True)]
        choices.append(product(per_word, 16, " "))
    if not found:
        return []
    return product(choices, MAX_READINGS, " ")


_ASCII_NOT_WORD: Final = re.compile(r"[^A-Za-z']+")


def _raw_words(text: str) -> list[str]:
    """The words of a cell: letters with their marks (Thai vowels, Hebrew points) and
    apostrophes (``Ch'en``)."""
    if text.isascii():  # the ASCII letters are its only letters, and it has no marks
        return [w for w in (w.strip("'") for w in _ASCII_NOT_WORD.sub(" ", text).split()) if w]
    kept = "".join(c if c in "'’" or unicodedata.category(c)[0] in "LM" else " " for c in text)
    return [w for w in (w.strip("'’") for w in kept.split()) if w]


def _readings(x: object, key_of: Callable[[object], str | Rejected]) -> frozenset[str]:
    primary = key_of(x)
    if isinstance(primary, Rejected):
        return frozenset()
    cell = cell_text(x)
    text = cell if isinstance(cell, str) else ""
    words = _raw_words(text)
    keys: dict[str, None] = {primary: None}
    latin_only = text.isascii()
    for reading in _script_texts(text) if words and not latin_only else ():
        key = key_of(reading)
        if isinstance(key, str):
            keys[key] = None
    written = _written(text) if words and latin_only else None
    if len(keys) == 1 and not _may_read(primary if written is None else f"{primary} {written}"):
        # most Latin names: no rule applies; an abjad name still has its skeletons
        return (
            frozenset(keys) if latin_only else frozenset([*keys, *_skeleton_keys(words, primary)])
        )
    for key in list(keys):
        for reading in _latin_readings(key, written if key == primary else None)[1:]:
            again = key_of(reading)
            if isinstance(again, str):
                keys[again] = None
    out = list(keys)[:MAX_READINGS]
    out.extend(_skeleton_keys(words, primary))
    return frozenset(out)


def _may_read(text: str) -> bool:
    """Whether a Latin name (its key, or its words as written) can have readings besides
    its key: one of its words is in a table, looks German or Japanese, or is an East
    Asian family name."""
    if _GERMAN_VOWEL_PAIR.search(text) or _LONG_VOWEL.search(text):
        return True
    tables = (abjad_latin(), semitic(), east_asian_surnames(), chinese())
    return any(w in table for w in text.split(" ") for table in tables)


def _skeleton_keys(words: Sequence[str], primary: str) -> list[str]:
    """Skeleton keys of an abjad name, or of a Latin name with a known Arabic or
    Hebrew word."""
    abjad = [w for w in words if script(w[0]) in ("hebrew", "arabic")]
    if abjad:
        if len(abjad) != len(words):
            return []
        return list(skeleton_keys([_abjad_word(w) for w in abjad]))
    key_words = primary.split(" ")
    known = semitic()
    gate = semitic_only()
    if not any(w in gate for w in key_words) or not all(w.isalpha() for w in key_words):
        return []
    hebrew = abjad_latin()
    return list(
        skeleton_keys([[hebrew.get(w, w)] if w in known else latin_skeleton(w) for w in key_words])
    )


def _arabic_name(word: str) -> str | None:
    """The Latin spelling of an Arabic name of ``ARABIC_NAMES``, with or without its
    article, or None."""
    found = ARABIC_NAMES.get(word)
    if found is None and word.startswith("ال"):
        found = ARABIC_NAMES.get(word[2:])
    return found


def _abjad_word(word: str) -> list[str]:
    """A known Hebrew or Arabic name as its Latin key word, any other as skeletons."""
    if word in HEBREW_NAMES:
        spelled = _squash(HEBREW_NAMES[word])
        return [abjad_latin().get(spelled, spelled)]
    if script(word[0]) == "arabic" and _arabic_name(word) is not None:
        spelled = _squash(str(_arabic_name(word)))
        return [abjad_latin().get(spelled, spelled)]
    if script(word[0]) == "arabic":
        known = _arabic(word)
        if known in semitic():
            return [known]
    return abjad_skeleton(word) or [""]


def name_keys(x: object, /, *, errors: Errors = "ignore") -> frozenset[str]:
    """The name keys of every plausible reading of a name; empty when it has none.

    Two names meet when their sets intersect. :func:`name_key` is always a member
    (the primary key); the others are the readings listed in the module
    documentation, each a fixpoint of :func:`name_key` except the consonant
    skeletons, which start with ``~``.

    Args:
        x: one cell: a given, family or full name in any script.
        errors: ``"ignore"`` gives an empty set for unusable values; ``"raise"``
            raises :class:`~goldenrecord.NormalizationError` with the reason, as
            :func:`name_key` does.

    >>> sorted(name_keys("Mueller"))
    ['mueler', 'muler']
    >>> bool(name_keys("陈") & name_keys("Tan")), bool(name_keys("Huang") & name_keys("Wang"))
    (True, False)
    >>> name_keys(None)
    frozenset()
    """
    if errors != "ignore":
        finish(_name_key(x), errors, "name")  # raises for an unusable value
    return _readings(x, _name_key)


def name_keys_column(
    values: Sequence[object], keys: Sequence[str | None] | None = None
) -> list[frozenset[str]]:
    """:func:`name_keys` of every value of a column, each distinct text read once.

    ``keys``: the values' name keys where the caller has them; a plain Latin value
    that no reading rule touches then gets its key alone, without keying it again.

    >>> name_keys_column(["Søren", "Soeren", None])[0] == name_keys("Søren")
    True
    >>> name_keys_column(["Ada Lovelace"], ["ada lovelace"])
    [frozenset({'ada lovelace'})]
    """
    key_of = _name_keys()
    memo: dict[str, frozenset[str]] = {}
    out: list[frozenset[str]] = []
    for i, value in enumerate(values):
        if type(value) is str:
            found = memo.get(value)
            if found is None:
                known = keys[i] if keys is not None else None
                if known is not None and value.isascii() and not _may_read(_written(value)):
                    found = frozenset({known})
                else:
                    found = _readings(value, key_of)
                memo[value] = found
            out.append(found)
        else:
            out.append(_readings(value, key_of))
    return out


def _written(text: str) -> str:
    """A Latin cell's words as written, lower case and squashed."""
    return " ".join(map(_written_word, _raw_words(text)))


@functools.lru_cache(maxsize=65536)
def _written_word(word: str) -> str:
    """One word as written, lower case and squashed (names share their words)."""
    return _squash(word.lower())
