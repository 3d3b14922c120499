"""Whole-word transliterations that :func:`~goldenrecord.normalize.name_keys` reads:
Greek by ELOT 743 and as commonly written, Thai by RTGS, Japanese through pykakasi,
German, Scandinavian and Turkish letters spelled without them."""

from __future__ import annotations

import functools
import itertools
import unicodedata
from collections.abc import Callable, Sequence
from typing import Final

from anyascii import anyascii

from goldenrecord.normalize._name_scripts_data import (
    GERMANIC_LETTERS,
    GREEK_CONSONANT_PAIRS,
    GREEK_DIGRAPHS,
    GREEK_LETTERS,
    GREEK_POPULAR,
    GREEK_V_DIGRAPHS,
    GREEK_VOICELESS,
    JAPANESE_GIVEN_KANJI,
    THAI_CANCEL,
    THAI_CLUSTERS,
    THAI_CONSONANTS,
    THAI_SILENT,
    THAI_SILENT_R,
    THAI_VOWELS_AFTER,
    THAI_VOWELS_BEFORE,
    TURKISH_LETTERS,
)

__all__ = [
    "JAPANESE_LONG",
    "MAX_READINGS",
    "greek",
    "hangul",
    "japanese",
    "product",
    "script",
    "spelled",
    "thai",
    "thai_readings",
]

MAX_READINGS: Final = 24
"""At most this many keys per name: the readings of a long name multiply."""

_SINGLE_KANJI_LETTERS: Final = 4
"""A single kanji is read the Japanese way when its reading has this many letters."""

_ORDERED_PRODUCT: Final = 4096
"""Products up to this size are ordered by how many positions they change."""

JAPANESE_LONG: Final = (("ou", "o"), ("oo", "o"), ("uu", "u"))
"""Long vowels of Hepburn and their spelling in names (Satō, Satou → Sato)."""


def script(ch: str) -> str:
    o = ord(ch)
    if 0x0590 <= o <= 0x05FF:
        return "hebrew"
    if 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0xFB50 <= o <= 0xFEFF:
        return "arabic"
    if 0x0370 <= o <= 0x03FF or 0x1F00 <= o <= 0x1FFF:
        return "greek"
    if 0x0E00 <= o <= 0x0E7F:
        return "thai"
    if 0x3040 <= o <= 0x30FF:
        return "kana"
    if 0xAC00 <= o <= 0xD7AF:
        return "hangul"
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF:
        return "han"
    return "other"


def product(
    choices: Sequence[Sequence[str]], limit: int = MAX_READINGS, sep: str = ""
) -> list[str]:
    """Up to ``limit`` strings of the cartesian product of ``choices``, those that change
    the fewest positions first (each position's first choice is its plain reading).

    >>> product([["a", "b"], ["c", "d"]], 3)
    ['ac', 'ad', 'bc']
    """
    sizes = [len(c) for c in choices]
    total = 1
    for size in sizes:
        total *= size
    if total > _ORDERED_PRODUCT:
        return [sep.join(p) for p in itertools.islice(itertools.product(*choices), limit)]
    ranked = sorted(itertools.product(*(range(size) for size in sizes)), key=sum)
    return [sep.join(c[i] for c, i in zip(choices, r, strict=True)) for r in ranked[:limit]]


# -- Greek ------------------------------------------------------------------------------


def greek(word: str, style: int) -> str:
    """One Greek word in Latin: ``style`` 0 is ELOT 743, 1 to 3 common spellings (``υ``
    as ``i``; then ``χ`` as ``h``; then ``μπ``, ``ντ`` as ``b``, ``d`` inside words)."""
    w = "".join(c for c in unicodedata.normalize("NFD", word.lower()) if c.isalpha())
    out: list[str] = []
    i, n = 0, len(w)
    while i < n:
        pair = w[i : i + 2]
        if pair in GREEK_V_DIGRAPHS:
            nxt = w[i + 2] if i + 2 < n else ""
            out.append(GREEK_V_DIGRAPHS[pair] + ("f" if not nxt or nxt in GREEK_VOICELESS else "v"))
            i += 2
        elif pair in GREEK_DIGRAPHS:
            out.append(GREEK_DIGRAPHS[pair])
            i += 2
        elif pair in GREEK_CONSONANT_PAIRS:
            elot, initial, medial = GREEK_CONSONANT_PAIRS[pair]
            out.append(elot if style == 0 else initial if i == 0 or style == 3 else medial)
            i += 2
        else:
            ch = w[i]
            popular = GREEK_POPULAR.get(ch) if style >= 2 or (style == 1 and ch == "υ") else None
            out.append(popular or GREEK_LETTERS.get(ch, anyascii(ch).lower()))
            i += 1
    return "".join(out)


# -- Thai -------------------------------------------------------------------------------


def _is_thai_consonant(ch: str) -> bool:
    return ch in THAI_CONSONANTS


def thai(word: str, *, silent_r: bool = False) -> str:
    """One Thai word by RTGS, syllable by syllable (a simplified reading).

    ``silent_r``: ``ร`` after ``ศ``, ``ส``, ``ซ`` is silent and ``ทร`` reads ``s``, as
    RTGS writes them (``ศรี`` → ``si``, ``ประเสริฐ`` → ``prasoet``); without it they read
    as written, as many Thai spell their names (``Sri``).

    A consonant with a vowel sign starts a syllable; a consonant after a vowel and
    before another consonant (or the end) closes it; two consonants with no vowel
    between them read with the inherent ``o`` (``สมชาย`` → ``somchai``) unless they
    begin a syllable together (``ศร``, ``ปร``); ``์`` silences its consonant.
    """
    chars = [c for c in word if c not in THAI_SILENT]
    # drop a consonant (and a vowel sign it carries) silenced by the cancel mark
    kept: list[str] = []
    for c in chars:
        if c == THAI_CANCEL:
            while kept and not _is_thai_consonant(kept[-1]):
                kept.pop()
            if kept:
                kept.pop()
            continue
        kept.append(c)
    if len(kept) == 3 and all(_is_thai_consonant(c) for c in kept):
        # three consonants, no vowel: the first reads a, the second o (กมล kamon)
        first, second, last = (THAI_CONSONANTS[c] for c in kept)
        return f"{first[0]}a{second[0]}o{last[1]}"
    out: list[str] = []
    pending = ""  # a vowel written before its consonant
    vowel_open = False  # the current syllable has its vowel
    closed = False  # the last syllable ended with its final consonant
    i, n = 0, len(kept)
    while i < n:
        c = kept[i]
        if c in THAI_VOWELS_BEFORE:
            pending = THAI_VOWELS_BEFORE[c]
            vowel_open = False
            i += 1
            continue
        closed = False
        if c in THAI_VOWELS_AFTER:
            if pending == "e" and c == "ี":
                out.append("ia")
            elif pending == "e" and c == "ิ":
                out.append("oe")  # เ-ิ is RTGS oe: เงิน ngoen, เปิด poet
            else:
                out.append(pending + THAI_VOWELS_AFTER[c] if pending else THAI_VOWELS_AFTER[c])
            pending = ""
            vowel_open = c != "ำ"  # ำ is "am": the syllable is closed
            i += 1
            continue
        if not _is_thai_consonant(c):
            out.append(anyascii(c).lower())
            i += 1
            continue
        nxt = kept[i + 1] if i + 1 < n else ""
        initial, final = THAI_CONSONANTS[c]
        after_next = kept[i + 2] if i + 2 < n else ""
        if nxt in "อว" and _is_thai_consonant(after_next) and not pending and not vowel_open:
            # อ and ว between consonants are vowels: สมปอง → sompong, ลำดวน → lamduan
            out.append(initial + ("o" if nxt == "อ" else "ua"))
            vowel_open = True
            i += 2
            continue
        if kept[i + 1 : i + 3] == ["ร", "ร"]:
            out.append(initial + "an")  # รร reads "an": สุวรรณ → suwan
            vowel_open = True
            i += 3
            continue
        last_pair = bool(nxt) and i + 2 == n and _is_thai_consonant(nxt)
        if vowel_open and (not nxt or _is_thai_consonant(nxt)) and not pending and not last_pair:
            if c == "ว" and out and out[-1].endswith("a"):
                out.append("o")
            elif c == "อ" and nxt:
                out.append("")  # อ as the vowel o: ทอง → thong
                i += 1
                continue
            else:
                out.append(final)
            vowel_open = False
            closed = True
            i += 1
            continue
        if not nxt and closed and not pending:
            break  # a silent consonant after a closed syllable: จันทร์ → chan
        if c == "า" and pending:
            out.append("ao")
        # c starts a syllable
        if c + nxt in THAI_CLUSTERS and i + 2 < n:
            silent = silent_r and c + nxt in THAI_SILENT_R
            out.append("s" if silent else initial + THAI_CONSONANTS[nxt][0])
            i += 1
        else:
            out.append(initial)
        if pending:
            nxt = kept[i + 1] if i + 1 < n else ""
            if nxt == "า" and pending == "e":
                out.append("ao")
                i += 2
                pending = ""
                vowel_open = True
                continue
            if nxt in THAI_VOWELS_AFTER:
                i += 1
                continue
            out.append(pending)
            pending = ""
            vowel_open = True
            i += 1
            continue
        nxt = kept[i + 1] if i + 1 < n else ""
        if nxt and _is_thai_consonant(nxt):
            after = kept[i + 2] if i + 2 < n else ""
            if nxt == "ร" and not after:
                out.append("o")  # final ร reads n after an inherent o: พร → phon
                vowel_open = True
            elif after and (after in THAI_VOWELS_AFTER or after in THAI_VOWELS_BEFORE):
                out.append("a")  # an open syllable before the next one: สมัย → samai
                vowel_open = False
            else:
                out.append("o")
                vowel_open = True
        elif not nxt:
            out.append("o" if c != "อ" else "")
            vowel_open = False
        i += 1
    return "".join(out)


def thai_readings(word: str) -> list[str]:
    """A Thai word by RTGS, with ``ร`` read and silent (:func:`thai`), and without a
    final short ``ิ``/``ุ`` after a consonant, which names leave unspoken (``สุชาติ``
    → ``suchat``, ``สมบัติ`` → ``sombat``)."""
    words = [word]
    if len(word) > 3 and word[-1] in "ิุ" and _is_thai_consonant(word[-2]):
        words.append(word[:-1])
    out = [thai(w, silent_r=silent) for w in words for silent in (False, True)]
    return list(dict.fromkeys(out))


# -- Korean -----------------------------------------------------------------------------


def hangul(word: str) -> list[str]:
    """A Hangul name with its given name written as one word, as Revised Romanization
    writes it (``김연아`` → ``김 yeona``; the key then splits it into syllables as it
    splits a Latin given name, ``yeo na``). Empty for a one-syllable word."""
    if len(word) < 2:
        return []
    given = word[1:] if len(word) > 2 else word
    joined = "".join(anyascii(c).lower() for c in given)
    return [joined if given is word else f"{word[0]} {joined}"]


# -- Japanese ---------------------------------------------------------------------------


@functools.cache
def _kakasi() -> Callable[[str], list[dict[str, str]]]:
    import pykakasi

    converter = pykakasi.kakasi()  # type: ignore[no-untyped-call]
    convert: Callable[[str], list[dict[str, str]]] = converter.convert
    return convert


def japanese(text: str, *, single: bool = False) -> list[str]:
    """Hepburn readings of a name in kanji or kana, long vowels as names spell them.

    ``single``: the text is one kanji, read only when its reading is a long Japanese
    one (``林`` → ``hayashi``); a short one is as likely a Chinese name's (``王``).
    """
    parts = [p for p in _kakasi()(text) if p["orig"].strip()]
    if not parts or any(not p["hepburn"].isalpha() for p in parts):
        return []
    # Given-name readings of a kanji: after a family name of two kanji or more (a
    # Japanese one; most Chinese family names have one), or alone, then only the long
    # readings (a short one is as likely a Chinese given name's: 浩 hao, not ko).
    japanese_family = len(parts) > 1 and len(parts[0]["orig"]) > 1
    given: list[tuple[str, ...]] = [()] * len(parts)
    if japanese_family:
        given = [(), *(JAPANESE_GIVEN_KANJI.get(p["orig"], ()) for p in parts[1:])]
    elif single:
        names = [r for r in JAPANESE_GIVEN_KANJI.get(text, ()) if len(r) >= _SINGLE_KANJI_LETTERS]
        given = [tuple(names)]
    if single and len(parts[0]["hepburn"]) < _SINGLE_KANJI_LETTERS and not given[0]:
        return []
    raw = " ".join(p["hepburn"] for p in parts)
    short = raw
    for long, plain in JAPANESE_LONG:
        short = short.replace(long, plain)
    out = [short, raw] if short != raw else [raw]
    if any(given):  # a kanji given name read in each of its name readings
        words = short.split(" ")
        choices = [[w, *g] for w, g in zip(words, given, strict=True)]
        out.extend(product(choices, MAX_READINGS, " ")[1:])
    return list(dict.fromkeys(out))


def spelled(word: str) -> list[str]:
    """A Latin word with its German, Scandinavian or Turkish letters spelled out in
    every way (``ü`` as ``u`` and ``ue``)."""
    turkish = any(c in "şçğı" for c in word)
    letters = TURKISH_LETTERS if turkish else GERMANIC_LETTERS
    choices = [letters.get(c) or GERMANIC_LETTERS.get(c) or (c,) for c in word]
    return product(choices, 16)
