"""A Latin name key that meets across scripts, transliterations and word order.

How the key is made from the words of the name (see :func:`~goldenrecord.normalize.name`):

1. titles and suffixes are dropped wherever they stand (so word order cannot matter),
   as long as a word remains;
2. every word is transliterated to Latin (``anyascii``); Chinese, Japanese kanji and
   Korean Hangul give one syllable per character (``王伟`` → ``wang wei``); Hindi in
   Devanagari gets its inherent vowels and nasals as names are spelled (``मोहन`` →
   ``mohan``, ``कृष्ण`` → ``krishna``, ``सिंह`` → ``singh``); Greek ``ου`` reads ``ou``;
   Korean syllables take the usual spelling of family names (``김`` → ``kim``,
   ``박`` → ``park``, ``이`` → ``lee``);
3. Arabic words, whose short vowels are not written, are looked up in a table of common
   names (``محمد`` → the key of Muhammad) after dropping the article ``ال``; Arabic
   ``عبد`` compounds (``Abd al-Rahman``, ``Abdulrahman``, ``عبد الرحمن``) meet through
   their consonants;
4. the article words ``al`` and ``el`` go when other words remain;
5. spelling is squashed: doubled letters collapse, ``ee`` reads ``i`` and ``oo`` reads
   ``u`` (``Mohammed`` → ``mohamed``, ``Deepak`` → ``dipak``, ``Jihoon`` → ``jihun``),
   and common transliteration variants of one name map to one spelling (Mohammed,
   Muhammad, Mohamed; Youssef, Yusuf; Aleksandr, Alexander; Pyotr, Petr; Gim, Kim;
   Choe, Choi; Rhee, Lee);
6. in a name with a common Chinese or Korean family name, a Latin word made only of
   pinyin or Korean syllables splits into them (``Xi Jinping`` → ``jin ping xi``,
   as ``习近平``; ``Kim Minjun`` as ``김민준``);
7. the words are sorted and joined with a space, so ``Wei Wang`` and ``Wang Wei``
   meet. The key is a fixpoint: the key of a key is itself.

The key does not unify names that differ in more than spelling: ``John`` and ``Jane``,
``Maria`` and ``Mario``, ``Jan`` and ``Jana``, ``Anna`` and ``Hanna``, ``Ivanov`` and
``Ivanova``, ``Wang Wei`` and ``Wang Fang`` all stay apart; nicknames are
:func:`given_name_canonical`'s job, not this key's. Known gaps, left apart on purpose
or for want of a safe rule: Japanese names written in kanji take Chinese readings
(``田中`` gives ``tian zhong``, not ``tanaka``), so they meet other kanji spellings
and kana, not Latin ones; Wade-Giles and Cantonese spellings (``Mao Tse-tung``,
``Chang``) do not meet pinyin; Korean given names meet in Revised Romanization
(``Seoyeon``, ``Jihoon``), not always in older spellings (``Hyun`` for ``현``); ``Yi``
stays apart from ``Lee``; ``Md`` (Mohammad) is read as the suffix MD and dropped;
``Lee`` and Chinese ``Li`` share a key (one character, 李).

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
import itertools
import re
from collections.abc import Callable
from typing import Final

from anyascii import anyascii

from goldenrecord.normalize._common import (
    MAX_TEXT_LENGTH,
    PLACEHOLDER,
    Errors,
    Rejected,
    finish,
    is_placeholder_text,
)
from goldenrecord.normalize._name import _is_title, _words, all_placeholders
from goldenrecord.normalize._name_data import (
    EAST_ASIAN_SURNAMES,
    HONORIFICS,
    KOREAN_SURNAMES,
    NAME_VARIANTS,
    SUFFIXES,
)
from goldenrecord.normalize._name_devanagari import _devanagari
from goldenrecord.normalize._name_syllables import _syllables
from goldenrecord.normalize._name_words import _SIMPLE

__all__ = ["name_key"]

_NOT_ALNUM: Final = re.compile(r"[^a-z0-9]+")
_DOUBLES: Final = re.compile(r"(.)\1+")
_ARTICLES: Final = frozenset({"al", "el"})
# Titles and suffixes are dropped wherever they stand, so the key ignores word order.
_TITLES: Final = (HONORIFICS | SUFFIXES) - {"m"}
_ABD: Final = ("abdoul", "abdul", "abdel", "abdal", "abdur", "abder", "abdol", "abdu", "abd")
_ARABIC_FOLD: Final = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
_VOWELS: Final = re.compile(r"[aeiouy]+")
# Words between "abd" and the name it serves: Abd-ur-Rahman, Abd al-Aziz, Abd el-Kader.
_ABD_CONNECTORS: Final = frozenset({"al", "el", "ul", "ur", "ud", "ad", "as", "ar", "an", "at"})


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


def _squash(word: str) -> str:
    """Doubled letters collapsed, ``ee`` read ``i`` and ``oo`` read ``u``.

    ``Mohammed`` → ``mohamed``, ``Deepak`` → ``dipak`` (दीपक), ``Pooja`` → ``puja``
    (पूजा), ``Jihoon`` → ``jihun`` (지훈); also ``Lee`` → ``li``, so Korean 이 and
    Chinese 李 meet.
    """
    return _DOUBLES.sub(r"\1", word.replace("ee", "i").replace("oo", "u"))


@functools.cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """(Latin variant → canonical, Arabic spelling → canonical), built once."""
    latin: dict[str, str] = {}
    arabic: dict[str, str] = {}
    for canonical, variants in NAME_VARIANTS.items():
        for variant in (canonical, *variants):
            if variant.isascii():
                latin[_squash(variant)] = _squash(canonical)
            elif _script(variant[0]) == "arabic":
                arabic[variant.translate(_ARABIC_FOLD)] = _squash(canonical)
    return latin, arabic


@functools.cache
def _known() -> frozenset[str]:
    """The canonical spellings of the variant table, built once."""
    return frozenset(_tables()[0].values())


def _latin(text: str) -> str:
    return _NOT_ALNUM.sub("", anyascii(text).lower())


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


def _word_pieces(word: str) -> list[tuple[str, str]]:
    """(Latin text, script it came from) for one word; CJK split per character."""
    script = _script(word[0])
    if script in ("han", "hangul"):
        return [(_latin(ch), script) for ch in word if not ch.isspace()]
    if script == "arabic":
        return [(_arabic(word), script)]
    if script == "devanagari":
        return [(_devanagari(word), script)]
    if script == "greek":
        return [(_latin(word.replace("ου", "ou").replace("ού", "ou")), script)]
    return [(_latin(word), script)]


def _spelling(word: str) -> str:
    """A Latin word squashed, then its variant table spelling."""
    squashed = _squash(word)
    return _tables()[0].get(squashed, squashed)


class _Steps:
    """The steps of the key that read one word at a time."""

    def pieces(self, word: str) -> list[tuple[str, str]]:
        return _word_pieces(word)

    def spelling(self, word: str) -> str:
        return _spelling(word)

    def syllables(self, word: str) -> list[str] | None:
        return _syllables(word)


class _SharedSteps(_Steps):
    """:class:`_Steps` done once per word, for a whole column (names share words)."""

    def __init__(self) -> None:
        self._pieces: dict[str, list[tuple[str, str]]] = {}
        self._spellings: dict[str, str] = {}
        self._syllables: dict[str, list[str] | None] = {}

    def pieces(self, word: str) -> list[tuple[str, str]]:
        found = self._pieces.get(word)
        if found is None:
            found = self._pieces[word] = _word_pieces(word)
        return found

    def spelling(self, word: str) -> str:
        found = self._spellings.get(word)
        if found is None:
            found = self._spellings[word] = _spelling(word)
        return found

    def syllables(self, word: str) -> list[str] | None:
        if word not in self._syllables:
            self._syllables[word] = _syllables(word)
        return self._syllables[word]


_STEPS: Final = _Steps()


def _pieces(normalized: str, steps: _Steps = _STEPS) -> list[tuple[str, str]]:
    """(Latin text, script it came from) for every word; CJK split per character."""
    out: list[tuple[str, str]] = []
    for word in normalized.split(" "):
        out.extend(steps.pieces(word))
    return [(text, script) for text, script in out if text]


def _split_abd(words: list[str]) -> list[str]:
    """Arabic ``abd`` compounds as ``abd`` plus consonants, whatever the word order.

    ``Abdulrahman``, ``Abdul Rahman``, ``Abd-ur-Rahman`` and ``عبد الرحمن`` are one name
    written with or without a space and with different vowels: when a name has an
    ``abd`` word, that word splits into ``abd`` and its remainder, the connecting
    article (``al``, ``ur``, ...) goes, and every other word keeps only its consonants
    (``q`` read as ``k``: ``Abdelkader``, ``عبد القادر``).
    """
    if not any(w.startswith("abd") for w in words):
        return words
    out: list[str] = []
    for word in words:
        if word in _ABD_CONNECTORS:
            continue
        prefix = next((p for p in _ABD if word.startswith(p)), None)
        rest = word if prefix is None else word[len(prefix) :]
        if prefix is not None:
            out.append("abd")
        skeleton = _VOWELS.sub("", _collapse(rest.replace("q", "k")))
        if skeleton:
            out.append(skeleton)
    return out


def _split_syllables(words: list[str], steps: _Steps = _STEPS) -> list[str]:
    """In a Chinese or Korean name, Latin words split into syllables, as the script writes.

    A name counts as Chinese or Korean when one of its words is a common family name
    of China or Korea (``Xi Jinping``, ``Kim Minjun``). A name of the variant table,
    and a word one of whose syllables would read as a title or article, are left whole.
    """
    if not any(w in EAST_ASIAN_SURNAMES for w in words):
        return words
    latin, _ = _tables()
    known = _known()
    out: list[str] = []
    for word in words:
        parts = None if word in known else steps.syllables(word)
        if parts is None or any(p in _TITLES or p in _ARTICLES for p in parts):
            out.append(word)
        else:
            out.extend(latin.get(p, p) for p in parts)
    return out


def _name_key(
    x: object,
    *,
    once: Callable[[object], str | Rejected] | None = None,
    steps: _Steps | None = None,
) -> str | Rejected:
    """Core of :func:`name_key`: the key, made a fixpoint (the key of a key is itself).

    ``once`` makes one key (:func:`_key_once`) with the word ``steps`` given;
    :func:`_name_keys` gives shared ones. Without them, the passes over one name share
    their word steps: a name that repeats a word costs one word's work per distinct
    word. A key that :func:`_keys_itself` shows to be a fixpoint is not keyed again.
    """
    if steps is None:
        steps = _SharedSteps()
    if once is None:
        shared = steps

        def once(text: object) -> str | Rejected:
            return _key_once(text, shared)

    key = once(x)
    if isinstance(key, str) and _keys_itself(key, steps):
        return key
    for _ in range(3):
        if isinstance(key, Rejected):
            return key
        again = once(key)
        if again == key:
            return key
        key = again
    return key


# A word that a pass of the key may drop, split or respell although the table keeps it.
_UNSTABLE_WORDS: Final = HONORIFICS | SUFFIXES | _ARTICLES | EAST_ASIAN_SURNAMES


def _keys_itself(key: str, steps: _Steps = _STEPS) -> bool:
    """Whether :func:`_key_once` of ``key``, itself a result of :func:`_key_once`, is
    ``key``: a cheap sufficient check that spares the second pass for most keys.

    It holds when the key is plain Latin letters in single-spaced words (so parsing
    keeps every word as it is, and transliteration changes none), its words are in
    order, none is a title, suffix or article, an ``abd`` compound or an East Asian
    family name (the steps that drop or split words), and each word's spelling is
    itself. The placeholder checks of a pass read the same text and words as the pass
    that made ``key``, which passed them (the words of a key hold no space: every
    spelling in the variant table is letters and digits). False means "not shown",
    never "not a fixpoint".

    >>> _keys_itself("ada lovelace"), _keys_itself("lovelace ada"), _keys_itself("li wang")
    (True, False, False)
    """
    if len(key) > MAX_TEXT_LENGTH or _SIMPLE.fullmatch(key) is None:
        return False
    words = key.split(" ")
    if any(a > b for a, b in itertools.pairwise(words)):
        return False
    for word in words:
        if word in _UNSTABLE_WORDS or word.startswith("abd") or steps.spelling(word) != word:
            return False
    return True


# The words a pass drops from a name of plain letters (``m`` alone is an initial).
_PLAIN_DROPPED: Final = (HONORIFICS - {"m"}) | SUFFIXES


def _plain_words(x: object) -> list[str] | Rejected | None:
    """The words of a cell of ASCII letters in single-spaced words, as :func:`_words`
    reads them (lower case, titles kept), or its placeholder rejection; None for any
    other cell, which :func:`_words` reads."""
    if type(x) is not str:
        return None
    text = x.strip()
    if not text or len(text) > MAX_TEXT_LENGTH or _SIMPLE.fullmatch(text) is None:
        return None
    folded = text.lower()
    words = folded.split(" ")
    if is_placeholder_text(folded) or all_placeholders(words):
        return PLACEHOLDER
    return words


def _key_once(x: object, steps: _Steps = _STEPS) -> str | Rejected:
    simple = _plain_words(x)
    words: list[str]
    if isinstance(simple, list):
        # Lower-case ASCII words are their own Latin pieces: no transliteration.
        words = [w for w in simple if w not in _PLAIN_DROPPED] or simple
    elif simple is not None:
        return simple
    else:
        found = _words(x, strip=False)
        if isinstance(found, Rejected):
            return found
        words_in = found[0]
        plain = [c for raw, c, _, _ in words_in if not (_is_title(raw, c) or c in SUFFIXES)]
        normalized = " ".join(plain or [c for _, c, _, _ in words_in])
        words = []
        for text, script in _pieces(normalized, steps):
            if script == "hangul":
                text = KOREAN_SURNAMES.get(text, text)
            words.append(text)
    if len(words) > 1:
        words = [w for w in words if w not in _ARTICLES] or words
    words = _split_abd(words)
    keyed = [steps.spelling(word) for word in words]
    keyed = _split_syllables(keyed, steps)
    keyed = [w for w in keyed if w not in _TITLES] or keyed
    if not keyed:
        return Rejected("no_letters")
    key = " ".join(sorted(keyed))
    return PLACEHOLDER if is_placeholder_text(key) or all_placeholders(keyed) else key


def _name_keys() -> Callable[[object], str | Rejected]:
    """A :func:`_name_key` for one column: each text keyed once, whether it is a cell
    or the key of another cell (spellings of one name share their key), and each
    word transliterated, respelled and split into syllables once."""
    memo: dict[str, str | Rejected] = {}
    steps = _SharedSteps()

    def once(x: object) -> str | Rejected:
        if type(x) is not str:
            return _key_once(x, steps)
        key = memo.get(x)
        if key is None:
            key = memo[x] = _key_once(x, steps)
        return key

    def core(x: object) -> str | Rejected:
        return _name_key(x, once=once, steps=steps)

    return core


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
