"""A Latin name key that meets across scripts, transliterations and word order.

How the key is made from the normalized name (see :func:`~goldenrecord.normalize.name`):

1. every word is transliterated to Latin (``anyascii``); Chinese, Japanese kanji and
   Korean Hangul give one syllable per character (``王伟`` → ``wang wei``); Hindi in
   Devanagari gets its inherent vowels back (``मोहन`` → ``mohan``, not ``mohn``);
   Greek ``ου`` reads ``ou``;
2. Arabic words, whose short vowels are not written, are looked up in a table of common
   names (``محمد`` → the key of Muhammad) after dropping the article ``ال``; Arabic
   ``عبد`` compounds (``Abd al-Rahman``, ``Abdulrahman``, ``عبد الرحمن``) meet through
   their consonants;
3. doubled letters are collapsed (``Mohammed`` → ``mohamed``) and common
   transliteration variants of one name are mapped to one spelling (Mohammed,
   Muhammad, Mohamed; Youssef, Yusuf; Aleksandr, Alexander; Korean 김 and Kim);
4. titles and suffixes are dropped wherever they stand, the article words ``al`` and
   ``el`` when other words remain, and the words are sorted, so ``Wei Wang`` and
   ``Wang Wei`` meet.

The key does not unify names that differ in more than spelling: ``John`` and ``Jane``,
``Maria`` and ``Mario``, ``Jan`` and ``Jana``, ``Wang Wei`` and ``Wang Fang`` all stay
apart; nicknames are :func:`given_name_canonical`'s job, not this key's. Japanese
names written in kanji take Chinese readings (``田中`` gives ``tian zhong``, not
``tanaka``): they meet other kanji spellings, not Latin ones.

>>> name_key("محمد") == name_key("Mohammed") == name_key("Muhammad") == name_key("Mohamed")
True
>>> name_key("王伟"), name_key("Wei Wang")
('wang wei', 'wang wei')
>>> name_key("Éloïse Dupont") == name_key("DUPONT, Eloise")
True
>>> name_key("Wang Wei") == name_key("Wang Fang")
False
"""

from __future__ import annotations

import functools
import re
from typing import Final

from anyascii import anyascii

from goldenrecord.normalize._common import (
    PLACEHOLDER,
    Errors,
    Rejected,
    finish,
    is_placeholder_text,
)
from goldenrecord.normalize._name import _name
from goldenrecord.normalize._name_data import HONORIFICS, KOREAN_SURNAMES, NAME_VARIANTS, SUFFIXES

__all__ = ["name_key"]

_NOT_ALNUM: Final = re.compile(r"[^a-z0-9]+")
_DOUBLES: Final = re.compile(r"(.)\1+")
_ARTICLES: Final = frozenset({"al", "el"})
# Titles and suffixes are dropped wherever they stand, so the key ignores word order.
_TITLES: Final = (HONORIFICS | SUFFIXES) - {"m"}
_ABD: Final = ("abdoul", "abdul", "abdel", "abdal", "abdur", "abder", "abdol", "abdu", "abd")
_ARABIC_FOLD: Final = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
_VOWELS: Final = re.compile(r"[aeiouy]+")
_DEVANAGARI_SH: Final = "sh"  # श and ष: Hindi names are spelled with "sh" (Sharma)


def _script(ch: str) -> str:
    o = ord(ch)
    if 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0xFB50 <= o <= 0xFEFF:
        return "arabic"
    if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF:
        return "hangul"
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF:
        return "han"
    if 0x0900 <= o <= 0x097F:
        return "devanagari"
    if 0x0370 <= o <= 0x03FF or 0x1F00 <= o <= 0x1FFF:
        return "greek"
    return "other"


def _collapse(word: str) -> str:
    return _DOUBLES.sub(r"\1", word)


@functools.cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """(Latin variant → canonical, Arabic spelling → canonical), built once."""
    latin: dict[str, str] = {}
    arabic: dict[str, str] = {}
    for canonical, variants in NAME_VARIANTS.items():
        for variant in (canonical, *variants):
            if variant.isascii():
                latin[_collapse(variant)] = canonical
            elif _script(variant[0]) == "arabic":
                arabic[variant.translate(_ARABIC_FOLD)] = canonical
    return latin, arabic


def _latin(text: str) -> str:
    return _NOT_ALNUM.sub("", anyascii(text).lower())


def _devanagari(word: str) -> str:
    """Devanagari to Latin with the inherent vowel ``a`` after bare consonants.

    A consonant followed by another consonant reads with ``a`` (``शर्मा`` → ``sharma``);
    a word-final consonant does not (Hindi schwa deletion: ``मोहन`` → ``mohan``).
    """
    out: list[str] = []
    for i, ch in enumerate(word):
        out.append(_DEVANAGARI_SH if ch in "शष" else anyascii(ch))
        if "\u0915" <= ch <= "\u0939" or "\u0958" <= ch <= "\u095f":
            nxt = word[i + 1] if i + 1 < len(word) else ""
            bare = not nxt or not ("\u093c" <= nxt <= "\u094d" or "\u0962" <= nxt <= "\u0963")
            if bare and nxt and ("\u0915" <= nxt <= "\u0939" or "\u0958" <= nxt <= "\u095f"):
                out.append("a")
    return _NOT_ALNUM.sub("", "".join(out).lower())


def _arabic(word: str) -> str:
    folded = word.translate(_ARABIC_FOLD)
    if folded.startswith("عبد"):  # the ayn is lost in transliteration: keep "abd"
        return "abd" + _arabic(folded[3:]) if len(folded) > 3 else "abd"
    _, arabic = _tables()
    if folded in arabic:
        return arabic[folded]
    if folded.startswith("ال") and len(folded) > 3:
        folded = folded[2:]
        if folded in arabic:
            return arabic[folded]
    return _latin(folded)


def _pieces(normalized: str) -> list[tuple[str, str]]:
    """(Latin text, script it came from) for every word; CJK split per character."""
    out: list[tuple[str, str]] = []
    for word in normalized.split(" "):
        script = _script(word[0])
        if script in ("han", "hangul"):
            out.extend((_latin(ch), script) for ch in word if not ch.isspace())
        elif script == "arabic":
            out.append((_arabic(word), script))
        elif script == "devanagari":
            out.append((_devanagari(word), script))
        elif script == "greek":
            out.append((_latin(word.replace("ου", "ou").replace("ού", "ou")), script))
        else:
            out.append((_latin(word), script))
    return [(text, script) for text, script in out if text]


def _split_abd(words: list[str]) -> list[str]:
    """Arabic ``abd`` compounds as ``abd`` plus consonants, whatever the word order.

    ``Abdulrahman``, ``Abdul Rahman``, ``Abd al-Rahman`` and ``عبد الرحمن`` are one name
    written with or without a space and with different vowels: when a name has an
    ``abd`` word, that word splits into ``abd`` and its remainder, and every other word
    keeps only its consonants.
    """
    if not any(w.startswith("abd") for w in words):
        return words
    out: list[str] = []
    for word in words:
        prefix = next((p for p in _ABD if word.startswith(p)), None)
        rest = word if prefix is None else word[len(prefix) :]
        if prefix is not None:
            out.append("abd")
        skeleton = _VOWELS.sub("", _collapse(rest))
        if skeleton:
            out.append(skeleton)
    return out


def _name_key(x: object) -> str | Rejected:
    """Core of :func:`name_key`: the key, made a fixpoint (the key of a key is itself)."""
    key = _key_once(x)
    for _ in range(3):
        if isinstance(key, Rejected):
            return key
        again = _key_once(key)
        if again == key:
            return key
        key = again
    return key


def _key_once(x: object) -> str | Rejected:
    normalized = _name(x)
    if isinstance(normalized, Rejected):
        return normalized
    plain = [w for w in normalized.split(" ") if w not in _TITLES]
    if plain:
        normalized = " ".join(plain)
    latin, _ = _tables()
    words: list[str] = []
    for text, script in _pieces(normalized):
        if script == "hangul":
            text = KOREAN_SURNAMES.get(text, text)
        words.append(text)
    if len(words) > 1:
        words = [w for w in words if w not in _ARTICLES] or words
    words = _split_abd(words)
    keyed = []
    for word in words:
        collapsed = _collapse(word)
        keyed.append(latin.get(collapsed, collapsed))
    keyed = [w for w in keyed if w not in _TITLES] or keyed
    if not keyed:
        return Rejected("no_letters")
    key = " ".join(sorted(keyed))
    return PLACEHOLDER if is_placeholder_text(key) else key


def name_key(x: object, /, *, errors: Errors = "ignore") -> str | None:
    """A Latin, order-insensitive matching key for a person's name, or None.

    Args:
        x: one cell: a given, family or full name in any script.
        errors: ``"ignore"`` returns None for unusable values; ``"raise"`` raises
            :class:`~goldenrecord.NormalizationError` with the reason.

    >>> name_key("Елена"), name_key("Ελένη")
    ('elena', 'eleni')
    >>> name_key("أحمد") == name_key("Ahmed") == name_key("Ahmad")
    True
    >>> name_key("John Smith") == name_key("Jane Smith")
    False
    """
    return finish(_name_key(x), errors, "name")
