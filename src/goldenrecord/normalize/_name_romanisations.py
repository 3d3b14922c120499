"""Latin spellings of East Asian, Hebrew and Arabic names, as tables the readings of
:func:`~goldenrecord.normalize.name_keys` look words up in (built once)."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from typing import Final

from anyascii import anyascii

from goldenrecord.normalize._name_data import EAST_ASIAN_SURNAMES, KOREAN_SURNAMES, NAME_VARIANTS
from goldenrecord.normalize._name_key import _squash
from goldenrecord.normalize._name_readings_chinese import CHINESE_GIVEN_MORE
from goldenrecord.normalize._name_readings_data import (
    ABJAD_SPELLINGS,
    ARABIC_NAMES,
    CHINESE_GIVEN_SPELLINGS,
    CHINESE_SPELLINGS,
    HEBREW_NAMES,
    KOREAN_SPELLINGS,
)
from goldenrecord.normalize._name_scripts import script
from goldenrecord.normalize._name_syllables import _SYLLABLE, _syllables

__all__ = [
    "abjad_latin",
    "chinese",
    "east_asian_surnames",
    "east_asian_word",
    "korean",
    "korean_surnames",
    "pinyin",
    "semitic",
    "semitic_only",
    "wade_giles",
]

_PINYIN_KEEP: Final = frozenset(
    {
        ("chen", "tan"),
        ("zhang", "chang"),
        ("zheng", "cheng"),
        ("zhao", "chao"),
        ("zhou", "chou"),
        ("zhu", "chu"),
        ("du", "tu"),
        ("ding", "ting"),
        ("deng", "teng"),
        ("gao", "kao"),
        ("zhong", "cheng"),
    }
)


@functools.cache
def pinyin() -> frozenset[str]:
    """Every pinyin syllable without tones, as the key spells it."""
    found = {anyascii(chr(c)).lower() for c in range(0x4E00, 0x9FB0)}
    return frozenset(s for s in found if s.isalpha() and s.isascii())


@functools.cache
def chinese() -> dict[str, frozenset[str]]:
    """Latin spelling (key form) → the pinyin syllables it may stand for."""
    syllables = pinyin()
    out: dict[str, set[str]] = {}
    for syllable, spellings in _WADE_GILES_EXTRA:
        out.setdefault(syllable, {syllable}).update(spellings)
    more = ((s, spellings, True) for s, spellings in CHINESE_GIVEN_MORE.items())
    for syllable, spellings, strict in itertools.chain(
        ((s, sp, False) for s, sp in CHINESE_SPELLINGS.items()),
        ((s, sp, False) for s, sp in CHINESE_GIVEN_SPELLINGS.items()),
        more,
    ):
        for spelling in spellings:
            plain = re.sub(r"[^a-z]", "", anyascii(spelling).lower())
            key = _squash(plain)
            if key == syllable or (key != plain and key in syllables):
                continue  # See squashes to si, a pinyin syllable of its own
            if key in CHINESE_SPELLINGS and (syllable, key) not in _PINYIN_KEEP:
                continue  # a name of its own in pinyin: Hu is not Wu
            if strict and key in syllables and _pinyin_look_alikes(key, syllable):
                continue  # Ping is not Bing, Chen is not Zhen, Lin is not Ling
            out.setdefault(key, {key}).add(syllable)
    return {k: frozenset(v) for k, v in out.items()}


_PINYIN_PAIRS: Final = (("b", "p"), ("d", "t"), ("g", "k"), ("j", "q"), ("zh", "ch"), ("z", "c"))


def _pinyin_look_alikes(a: str, b: str) -> bool:
    """Two pinyin syllables that differ only in an aspirated initial (``bing``/``ping``,
    ``zhen``/``chen``) or a final ``n``/``ng``: different names in Mandarin."""
    for x, y in _PINYIN_PAIRS:
        for p, q in ((x, y), (y, x)):
            if a.startswith(p) and b.startswith(q) and a[len(p) :] == b[len(q) :]:
                return True
    return a + "g" == b or b + "g" == a


@functools.cache
def korean() -> dict[str, str]:
    """Latin spelling (key form) of a Korean family name → the key's spelling."""
    out: dict[str, str] = {}
    for canonical, spellings in KOREAN_SPELLINGS.items():
        for spelling in spellings:
            out[_squash(spelling)] = _squash(canonical)
    return out


@functools.cache
def abjad_latin() -> dict[str, str]:
    """Latin spelling (key form) of a Hebrew or Arabic name → the spelling of the
    script tables."""
    out: dict[str, str] = {}
    for first, *others in ABJAD_SPELLINGS:
        for spelling in (first, *others):
            out[_squash(anyascii(spelling).lower())] = _squash(first)
    return out


@functools.cache
def semitic() -> frozenset[str]:
    """Key spellings of known Arabic and Hebrew names: they let a Latin name take
    skeleton readings."""
    names = set(abjad_latin())
    names.update(_squash(v) for v in HEBREW_NAMES.values())
    names.update(_squash(v) for v in ARABIC_NAMES.values())
    for canonical, variants in NAME_VARIANTS.items():
        if any(script(v[0]) == "arabic" for v in variants):
            names.add(_squash(canonical))
            names.update(_squash(v) for v in variants if v.isascii())
    return frozenset(names)


@functools.cache
def semitic_only() -> frozenset[str]:
    """Known Arabic and Hebrew names that are not also names of Western usage: only
    these let a Latin name take skeleton readings. ``David``, ``Michael`` or ``Sarah``
    say nothing of a name once written in an abjad, and the skeletons of the words
    beside them would lose their vowels (``Michael Müller`` would meet ``Michael
    Miller``). Names of the key's variant table with an Arabic spelling (``Ali``) stay.
    """
    from nicknames import NickNamer

    namer = NickNamer()
    western = {_squash(w) for w in (*namer.nickname_lookup, *namer.canonical_lookup)}
    arabic: set[str] = set()
    for canonical, variants in NAME_VARIANTS.items():
        if any(script(v[0]) == "arabic" for v in variants):
            arabic.add(_squash(canonical))
            arabic.update(_squash(v) for v in variants if v.isascii())
    return frozenset(n for n in semitic() if n not in western or n in arabic)


@functools.cache
def east_asian_surnames() -> frozenset[str]:
    """Family names of China (pinyin and the other spellings) and Korea, in key form."""
    names = set(EAST_ASIAN_SURNAMES) | set(korean()) | set(korean().values())
    for syllable, spellings in CHINESE_SPELLINGS.items():
        names.add(syllable)
        names.update(_squash(re.sub(r"[^a-z]", "", anyascii(s).lower())) for s in spellings)
    return frozenset(names)


def east_asian_word(word: str) -> bool:
    """Whether a key word reads as East Asian syllables (a name, one or several)."""
    return (
        word in east_asian_surnames()
        or word in chinese()
        or word in pinyin()
        or word in korean()
        or _SYLLABLE.fullmatch(word) is not None
        or _syllables(word) is not None
    )


_WG_INITIALS: Final = (
    ("ch", ("zh", "ch", "j", "q")),
    ("ts", ("z", "c")),
    ("tz", ("z", "c")),
    ("hs", ("x",)),
    ("sh", ("sh",)),
    ("k", ("g", "k")),
    ("t", ("d", "t")),
    ("p", ("b", "p")),
    ("j", ("r",)),
)
_WG_FINALS: Final = (
    ("ieh", "ie"),
    ("ien", "ian"),
    ("ung", "ong"),
    ("uei", "ui"),
    ("ueh", "ue"),
    ("ih", "i"),
    ("eh", "e"),
    ("o", "e"),
)
# Wade–Giles syllables whose rules above do not reach: pinyin → spellings.
_WADE_GILES_EXTRA: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("tse", ("ze", "ce")),
    ("tzu", ("zi", "ci")),
    ("ssu", ("si",)),
)


def wade_giles(word: str) -> list[str]:
    """Pinyin syllables a Wade–Giles syllable may stand for (apostrophes are lost in
    the key, so aspirated and plain initials both read): ``tung`` → ``dong``,
    ``tong``; ``hsiao`` → ``xiao``."""
    syllables = pinyin()
    initials: Sequence[str] = ("",)
    rest = word
    for spelling, options in _WG_INITIALS:
        if word.startswith(spelling):
            initials, rest = options, word[len(spelling) :]
            break
    finals = [rest] + [rest[: -len(a)] + b for a, b in _WG_FINALS if rest.endswith(a)]
    if initials == ("",):
        initials = (word[: len(word) - len(rest)],)
    found = [i + f for i in initials for f in finals]
    return [p for p in dict.fromkeys(found) if p in syllables and p != word]


@functools.cache
def korean_surnames() -> frozenset[str]:
    """Korean family names in key form, in every common spelling."""
    usual = frozenset(_squash(v) for v in KOREAN_SURNAMES.values())
    return frozenset(korean()) | frozenset(korean().values()) | usual
