"""Consonant skeletons of names written in an abjad (Hebrew, Arabic) and in Latin.

An abjad writes consonants and long vowels, not short ones: a skeleton keeps the
consonants (letters that Latin spells in several ways share a symbol: ``b``/``v``/``w``,
``p``/``f``, ``k``/``q``/``c``), the first vowel of a word as ``V`` and the last vowel
by its kind (``a``, ``e``, ``o``, ``i``), so that ``Maria`` and ``Mario`` stay apart.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Final

from goldenrecord.normalize._name_scripts import MAX_READINGS, product, script

__all__ = ["SKELETON_MARK", "abjad_skeleton", "latin_skeleton", "skeleton_keys"]

SKELETON_MARK: Final = "~"
"""The first character of a consonant-skeleton key (no other key has it)."""

_VOWEL: Final = frozenset("aeiou")

# Latin letters and digraphs → skeleton symbols (several where the spelling is ambiguous).
_LATIN_PAIRS: Final = {
    "sh": ("S",),
    "ch": ("K", "H"),
    "kh": ("K", "H"),
    "ph": ("p",),
    "th": ("t",),
    "dh": ("d",),
    "gh": ("g",),
    "tz": ("Z",),
    "ts": ("Z",),
    "ck": ("K",),
    "ou": (),
}
_LATIN_LETTERS: Final = {
    "b": "b",
    "v": "b",
    "w": "b",
    "p": "p",
    "f": "p",
    "k": "K",
    "q": "K",
    "c": "K",
    "g": "g",
    "h": "H",
    "j": "j",
    "x": "Ks",
    "z": "z",
}
_FINAL_VOWEL: Final = {"a": "a", "e": "e", "o": "o", "u": "o", "i": "i", "y": "i"}
# Hebrew letters: (at the start, inside, at the end) → symbol choices; "" is silent.
_HEBREW: Final = {
    "א": (("V",), ("",), ("a",)),
    "ב": (("b",), ("b",), ("b",)),
    "ג": (("g",), ("g",), ("g",)),
    "ד": (("d",), ("d",), ("d",)),
    "ה": (("H",), ("H", ""), ("a", "e", "o")),
    "ו": (("b",), ("", "b"), ("o", "b")),
    "ז": (("z",), ("z",), ("z",)),
    "ח": (("H",), ("H",), ("H",)),
    "ט": (("t",), ("t",), ("t",)),
    "י": (("y", "V"), ("", "y"), ("i",)),
    "כ": (("K",), ("K",), ("K",)),
    "ך": (("K",), ("K",), ("K",)),
    "ל": (("l",), ("l",), ("l",)),
    "מ": (("m",), ("m",), ("m",)),
    "ם": (("m",), ("m",), ("m",)),
    "נ": (("n",), ("n",), ("n",)),
    "ן": (("n",), ("n",), ("n",)),
    "ס": (("s",), ("s",), ("s",)),
    "ע": (("V",), ("",), ("a",)),
    "פ": (("p",), ("p",), ("p",)),
    "ף": (("p",), ("p",), ("p",)),
    "צ": (("Z", "z"), ("Z", "z"), ("Z",)),
    "ץ": (("Z",), ("Z",), ("Z",)),
    "ק": (("K",), ("K",), ("K",)),
    "ר": (("r",), ("r",), ("r",)),
    "ש": (("S", "s"), ("S", "s"), ("S", "s")),
    "ת": (("t",), ("t",), ("t",)),
}
_ARABIC_LETTER: Final = {
    "ب": "b",
    "ت": "t",
    "ث": "t",
    "ج": "j",
    "ح": "H",
    "خ": "K",
    "د": "d",
    "ذ": "d",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "S",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "غ": "g",
    "ف": "p",
    "ق": "K",
    "ك": "K",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "پ": "p",
    "چ": "j",
    "ژ": "z",
    "گ": "g",
    "ک": "K",
}
_ARABIC_VOWELS: Final = {
    # (at the start, inside, at the end)
    "ا": (("V",), ("",), ("a",)),
    "أ": (("V",), ("",), ("a",)),
    "إ": (("V",), ("",), ("a",)),
    "آ": (("V",), ("",), ("a",)),
    "ع": (("V",), ("",), ("a",)),
    "و": (("b",), ("", "b"), ("o",)),
    "ي": (("y",), ("", "y"), ("i",)),
    "ی": (("y",), ("", "y"), ("i",)),
    "ه": (("H",), ("H",), ("a", "e")),
    "ة": (("a",), ("a",), ("a", "e")),
    "ى": (("a",), ("a",), ("a",)),
}


def _collapse_symbols(text: str) -> str:
    return re.sub(r"(.)\1+", r"\1", text)


def latin_skeleton(word: str) -> list[str]:
    """The consonant skeletons of a Latin word (a key word, ``a-z`` only)."""
    n = len(word)
    choices: list[Sequence[str]] = []
    if word[0] in _VOWEL:
        choices.append(("V",))
    i = 0
    while i < n:
        ch = word[i]
        pair = word[i : i + 2]
        if pair in _LATIN_PAIRS and pair != "ou":
            choices.append(_LATIN_PAIRS[pair])
            i += 2
            continue
        ends = i == n - 1 or (i == n - 2 and word[-1] == "h" and ch in _VOWEL)
        if ch in _VOWEL or (ch == "y" and i > 0):
            if ends:
                choices.append((_FINAL_VOWEL[ch],))
                i = n
            else:
                i += 2 if pair == "ou" else 1
            continue
        if ch == "y":
            choices.append(("y",))
        elif ch == "j":
            choices.append(("j", "y"))
        elif ch == "c" and i + 1 < n and word[i + 1] in "eiy":
            choices.append(("s",))
        else:
            choices.append((_LATIN_LETTERS.get(ch, ch),))
        i += 1
    return [_collapse_symbols(s) for s in product(choices, 8)]


def abjad_skeleton(word: str) -> list[str]:
    """The consonant skeletons of a Hebrew or Arabic word."""
    letters = [c for c in word if unicodedata.category(c).startswith("L")]
    while letters and letters[-1] == "ء":  # a final hamza is not written in Latin
        letters.pop()
    if not letters:
        return []
    if script(letters[0]) == "arabic" and len(letters) > 3 and letters[:2] == ["ا", "ل"]:
        letters = letters[2:]
    n = len(letters)
    choices: list[Sequence[str]] = []
    for i, ch in enumerate(letters):
        place = 0 if i == 0 else 2 if i == n - 1 else 1
        if ch in _HEBREW:
            choices.append(_HEBREW[ch][place])
        elif ch in _ARABIC_VOWELS:
            choices.append(_ARABIC_VOWELS[ch][place])
        elif ch in _ARABIC_LETTER:
            choices.append((_ARABIC_LETTER[ch],))
    if not choices:
        return []
    return list(dict.fromkeys(_collapse_symbols(s) for s in product(choices, 8) if s))


def skeleton_keys(word_skeletons: Iterable[Sequence[str]]) -> Iterator[str]:
    for combo in itertools.islice(itertools.product(*word_skeletons), MAX_READINGS):
        yield SKELETON_MARK + " ".join(sorted(combo))
