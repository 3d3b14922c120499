"""Names as words: a cell read, folded and cut into words, honorifics and titles set apart
(what :func:`~goldenrecord.normalize.name`, the name keys and the full-name splitter share).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Final

from goldenrecord.normalize._common import (
    PLACEHOLDER,
    Rejected,
    cell_text,
    fold_latin,
    is_placeholder_text,
)
from goldenrecord.normalize._name_data import (
    HONORIFICS,
    SUFFIXES,
    TRAILING_HONORIFICS,
)

NO_LETTERS: Final = Rejected("no_letters")

_APOSTROPHES: Final = re.compile(r"[\u0027\u2018\u2019\u02bc\u0060\u00b4\u02b9]")

_ARABIC_MARKS: Final = re.compile(r"[\u0640\u064b-\u065f\u0670\u06d6-\u06ed]")

# Inside a white-space word: hyphens, slashes, brackets and the like separate words.
_WORD_SEPARATORS: Final = re.compile(r"[\-\u2010-\u2015_/;:()\[\]{}\"+&|\\<>*=~\u00b7]")

# "Mr.Smith": a title glued to the name by its dot.
_GLUED_TITLE: Final = re.compile(r"([^\W\d_]{2,8})\.(?=[^\W\d_])")

# The common case, handled without Unicode folding: plain ASCII letters and single spaces.
_SIMPLE: Final = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")

# Titles in the fast path's reach: without a dot, "m" is an initial, not Monsieur.
_LEADING_TITLES: Final = HONORIFICS - {"m"}

# Titles that go with the given name ("Sir Elton"): what follows them is not a family name.
_GIVEN_NAME_TITLES: Final = frozenset({"sir", "dame", "lady", "lord"})

# A word of a name: (raw folded text with dots, cleaned text, word group, comma segment).
# Words of one group were written together ("Jean-Luc", "Al-Sayed").
_Word = tuple[str, str, int, int]


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xAC00 <= o <= 0xD7AF
        or 0x3040 <= o <= 0x30FF
        or 0xF900 <= o <= 0xFAFF
    )


def _clean_token(token: str) -> str:
    """Letters, digits and combining marks of a token; everything else goes."""
    if token.isalnum():
        return token
    # Letters, digits and marks: Devanagari vowel signs are spacing marks (Mc).
    kept = [(ch, unicodedata.category(ch)[0]) for ch in token]
    kept = [(ch, cat) for ch, cat in kept if cat in "LNM"]
    start = next((i for i, (_, cat) in enumerate(kept) if cat != "M"), len(kept))
    clean = "".join(ch for ch, _ in kept[start:])  # leading marks have nothing to sit on
    if len(clean) == len(token) or clean.isascii():
        return clean
    # Removing a character can bring a mark next to a Latin letter: fold again.
    return fold_latin(clean)


def _split_word(chunk: str) -> list[str]:
    """One white-space word as its pieces; a title keeps its dot and hyphen (``г-н``)."""
    if chunk in HONORIFICS or chunk.rstrip(".") in HONORIFICS:
        return [chunk]
    glued = _GLUED_TITLE.match(chunk)
    if glued and glued.group(1) in HONORIFICS:
        return [chunk[: glued.end()], *_WORD_SEPARATORS.split(chunk[glued.end() :])]
    return _WORD_SEPARATORS.split(chunk)


def _raw_words(folded: str, simple: bool) -> list[_Word]:
    """The words of a folded name, with their groups and comma segments."""
    if simple:
        return [(w, w, i, 0) for i, w in enumerate(folded.split(" "))]
    s = _APOSTROPHES.sub("", folded)
    if not s.isascii():
        s = _ARABIC_MARKS.sub("", s)
    out: list[_Word] = []
    group = 0
    for segment_no, segment in enumerate(s.split(",")):
        for chunk in segment.split():
            for piece in _split_word(chunk):
                clean = _clean_token(piece)
                if clean:
                    out.append((piece, clean, group, segment_no))
                if piece.endswith(".") and piece.rstrip(".") in HONORIFICS:
                    group += 1  # a glued title is a group of its own
            group += 1
    return out


def all_placeholders(words: Iterable[str]) -> bool:
    """True when every word is a junk "no value" word (``test test``, ``n a``)."""
    return all(map(_junk_word, words))


_junk_word: Final = functools.lru_cache(maxsize=65536)(is_placeholder_text)
""":func:`is_placeholder_text` of one word, each word read once (names share words)."""


def _is_title(raw: str, clean: str) -> bool:
    if clean == "m":
        return raw == "m."  # "M" alone is an initial; only "M." is Monsieur
    return clean in HONORIFICS or raw in HONORIFICS or raw.rstrip(".") in HONORIFICS


def _strip_titles(words: list[_Word]) -> tuple[list[_Word], list[str]]:
    """Words without titles and suffixes, and the titles that led the name.

    A title is dropped at the start of the name and at the start of each part after a
    comma ("Smith, Mr. John"); a suffix at the end of the name and at the end of each
    part ("King, Jr."). Whatever the words, at least one stays.
    """
    segments: list[list[_Word]] = []
    for word in words:
        if not segments or segments[-1][0][3] != word[3]:
            segments.append([])
        segments[-1].append(word)
    total = len(words)
    leading: list[str] = []
    for number, segment in enumerate(segments):
        start = 0
        while start < len(segment) and total > 1 and _is_title(*segment[start][:2]):
            if number == 0:
                leading.append(segment[start][1])
            start += 1
            total -= 1
        del segment[:start]  # at once: popping the front word by word is quadratic
    for segment in reversed(segments):
        while segment and total > 1 and segment[-1][1] in SUFFIXES:
            segment.pop()
            total -= 1
    return [word for segment in segments for word in segment], leading


def _strip_trailing_honorific(token: str) -> str:
    """``王先生`` → ``王``: Chinese, Japanese and Korean courtesy suffixes, repeatedly."""
    end = len(token)
    stripped = True
    while stripped:
        stripped = False
        for suffix in TRAILING_HONORIFICS:
            if end > len(suffix) and token.endswith(suffix, 0, end):
                end -= len(suffix)
                stripped = True
    return token[:end]  # cut once: one copy per suffix would be quadratic


def _words(x: object, *, strip: bool = True) -> tuple[list[_Word], list[str]] | Rejected:
    """The kept words of a name and the titles that led it, or why there are none.

    With ``strip=False`` titles and suffixes stay, for callers that drop them
    wherever they stand (the name key).
    """
    text = cell_text(x)
    if isinstance(text, Rejected):
        return text
    simple = _SIMPLE.fullmatch(text) is not None
    folded = text.lower() if simple else fold_latin(text)
    if is_placeholder_text(folded):
        return PLACEHOLDER
    words = _raw_words(folded, simple)
    if not words:
        return NO_LETTERS
    kept, leading = _strip_titles(words) if strip else (words, [])
    last = kept[-1]
    if not last[1].isascii() and _is_cjk(last[1][0]):
        kept[-1] = (last[0], _strip_trailing_honorific(last[1]), last[2], last[3])
    out = " ".join(word[1] for word in kept)
    if not any(ch.isalpha() for ch in out):
        return NO_LETTERS
    if is_placeholder_text(out) or all_placeholders(word[1] for word in kept):
        return PLACEHOLDER  # "Test Test", "Unknown Unknown", "Professor X"
    return kept, leading
