"""Person-name normalizers: ``name``, ``given_name_canonical`` and ``split_full_name``.

:func:`name` gives the form two spellings of one name share: NFKC, case-folded,
diacritics folded for Latin script (``Éloïse`` → ``eloise``, ``Weiß`` → ``weiss``),
hyphens to spaces, apostrophes joined (``O'Brien`` → ``obrien``), other punctuation
removed, honorifics and suffixes dropped in several languages, white space
collapsed. Names in other scripts stay in their script; Arabic loses its optional
short-vowel marks and tatweel (``مُحَمَّد`` → ``محمد``).

Honorifics: a leading title (``Mr``, ``Mrs``, ``Dr``, ``Prof``, ``Mme``, ``M.``,
``Herr``, ``Frau``, ``Sr``, ``Sra``, ``Sig.``, ``السيد``, ``Господин``, ``श्री``, ``κ.``
...) is dropped only while another word remains, so a person called ``Don`` or
``Miss`` keeps their name; ``M.`` counts only with its dot; a trailing suffix
(``Jr``, ``Sr``, ``III``, ``PhD``, ``MD``, ``Esq``) likewise. Chinese and Japanese
courtesy suffixes (``先生``, ``女士``, ``小姐``, ``さん``, ``様``) are removed from the
end of a name written without spaces.

Reasons a value can be rejected: ``missing``, ``placeholder`` (``N/A``, ``unknown``,
``test``, ``xxx``), ``no_letters`` (``12345``, ``!!!``), ``unsupported_type``,
``invalid_encoding``.

>>> name("  Éloïse  DUPONT ")
'eloise dupont'
>>> name("Mr. Seán O'Brien-Smith Jr.")
'sean obrien smith'
>>> name("السيد مُحَمَّد العلي")
'محمد العلي'
>>> given_name_canonical("Bob"), given_name_canonical("Peggy")
('robert', 'margaret')
>>> split_full_name("Ludwig van Beethoven")
NameParts(given='ludwig', family='van beethoven')
>>> split_full_name("王伟")
NameParts(given='伟', family='王')
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Final

import attrs

from goldenrecord.normalize._common import (
    PLACEHOLDER,
    Errors,
    Rejected,
    as_text,
    finish,
    fold_latin,
    is_placeholder_text,
)
from goldenrecord.normalize._name_data import (
    COMPOUND_SURNAMES,
    CURATED_CANONICAL,
    HONORIFICS,
    PARTICLES,
    SUFFIXES,
    TRAILING_HONORIFICS,
)

__all__ = ["NameParts", "given_name_canonical", "name", "split_full_name"]

NO_LETTERS: Final = Rejected("no_letters")

_APOSTROPHES: Final = re.compile(r"[\u0027\u2018\u2019\u02bc\u0060\u00b4\u02b9]")
_ARABIC_MARKS: Final = re.compile(r"[\u0640\u064b-\u065f\u0670\u06d6-\u06ed]")
_SPACES: Final = re.compile(r"\s+")


@attrs.frozen
class NameParts:
    """A full name split into its given and family parts (each normalized, or None)."""

    given: str | None
    family: str | None


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
    return "".join(ch for ch in token if unicodedata.category(ch)[0] in "LNM")


def _tokens(text: str) -> list[str]:
    """Folded raw tokens (dots kept for honorific detection)."""
    s = fold_latin(text)
    s = _APOSTROPHES.sub("", s)
    if not s.isascii():
        s = _ARABIC_MARKS.sub("", s)
        head, _, rest = s.partition(" ")
        if rest and head in HONORIFICS:  # hyphenated titles: г-н, г-жа, д-р
            s = rest
    for sep in '-‐‑–—_/,;:()[]{}"+&|\\':
        if sep in s:
            s = s.replace(sep, " ")
    return s.split()


def _is_title(raw: str, clean: str) -> bool:
    if clean == "m":
        return raw == "m."  # "M" alone is an initial; only "M." is Monsieur
    return clean in HONORIFICS or raw in HONORIFICS or raw.rstrip(".") in HONORIFICS


def _strip_titles(tokens: list[str]) -> list[str]:
    """Cleaned tokens without leading titles and trailing suffixes (one word always stays)."""
    pairs = [(raw, _clean_token(raw)) for raw in tokens]
    pairs = [(raw, clean) for raw, clean in pairs if clean]
    start, end = 0, len(pairs)
    while end - start > 1 and _is_title(*pairs[start]):
        start += 1
    while end - start > 1 and pairs[end - 1][1] in SUFFIXES:
        end -= 1
    return [clean for _, clean in pairs[start:end]]


def _strip_trailing_honorific(token: str) -> str:
    for suffix in TRAILING_HONORIFICS:
        if token.endswith(suffix) and len(token) > len(suffix) and _is_cjk(token[0]):
            return token[: -len(suffix)]
    return token


def _name(x: object) -> str | Rejected:
    """Core of :func:`name`: the normalized name, or why there is none."""
    text = as_text(x)
    if isinstance(text, Rejected):
        return text
    if is_placeholder_text(fold_latin(text)):
        return PLACEHOLDER
    tokens = _tokens(text)
    if tokens and is_placeholder_text(" ".join(t.strip(".") for t in tokens)):
        return PLACEHOLDER
    cleaned = _strip_titles(tokens)
    if cleaned and not cleaned[-1].isascii():
        cleaned[-1] = _strip_trailing_honorific(cleaned[-1])
    out = " ".join(cleaned)
    if not any(ch.isalpha() for ch in out):
        return NO_LETTERS
    if is_placeholder_text(out):
        return PLACEHOLDER
    return out


def name(x: object, /, *, errors: Errors = "ignore") -> str | None:
    """The normalized form of a person's name (given, family or full), or None.

    Args:
        x: one cell (str, bytes, None, NaN, ...).
        errors: ``"ignore"`` returns None for unusable values; ``"raise"`` raises
            :class:`~goldenrecord.NormalizationError` with the reason.

    >>> name("MÜLLER"), name("Weiß"), name("D’Angelo")
    ('muller', 'weiss', 'dangelo')
    >>> name("Dr Ελένη Παπαδοπούλου")
    'ελένη παπαδοπούλου'
    """
    return finish(_name(x), errors, "name")


# -- nicknames ------------------------------------------------------------------------


@functools.cache
def _nickname_table() -> dict[str, str]:
    """Name → canonical given name, built once from the ``nicknames`` data set.

    A name that has nicknames of its own is a canonical name and stays itself
    (``maria``, ``robert``); a pure nickname maps to its canonical name when the data
    gives exactly one (``wilhelmina`` for ``mina``); an ambiguous nickname (``al``:
    albert, alfred, alan, ...) stays itself, because a wrong guess would be false
    evidence. A curated table settles the common cases the data leaves ambiguous
    (``bob`` → ``robert``, ``peggy`` → ``margaret``) and adds other languages'
    nicknames (``pepe`` → ``jose``, ``dima`` → ``dmitry``).
    """
    from nicknames import NickNamer

    namer = NickNamer()
    table: dict[str, str] = {}
    for word in sorted(set(namer.nickname_lookup) | set(namer.canonical_lookup)):
        candidates = namer.canonicals_of(word) - {word}
        if namer.nicknames_of(word) or len(candidates) != 1:
            table[word] = word
        else:
            table[word] = next(iter(candidates))
    table.update(CURATED_CANONICAL)
    return table


def _given_name_canonical(x: object) -> str | Rejected:
    """Core of :func:`given_name_canonical`."""
    normalized = _name(x)
    if isinstance(normalized, Rejected):
        return normalized
    first = normalized.split(" ", 1)[0]
    if not first.isascii():
        return first
    return _nickname_table().get(first, first)


def given_name_canonical(x: object, /, *, errors: Errors = "ignore") -> str | None:
    """The canonical given name behind a nickname, normalized (a matching key).

    A separate key, never a replacement of the name itself: ``Bob`` and ``Robert``
    both give ``robert``, so a comparison can tell "same name through a nickname"
    from "different names". Names the tables do not know give themselves; of a
    multi-word name, the first word counts.

    >>> given_name_canonical("Bill"), given_name_canonical("Robert"), given_name_canonical("Liz")
    ('william', 'robert', 'elizabeth')
    >>> given_name_canonical("Pepe"), given_name_canonical("Zbigniew")
    ('jose', 'zbigniew')
    """
    return finish(_given_name_canonical(x), errors, "given_name")


# -- splitting full names -------------------------------------------------------------


def _split_cjk(token: str) -> NameParts:
    for surname in COMPOUND_SURNAMES:
        if token.startswith(surname) and len(token) > len(surname):
            return NameParts(token[len(surname) :], surname)
    return NameParts(token[1:] or None, token[0])


def _split_full_name(x: object) -> NameParts | Rejected:
    """Core of :func:`split_full_name`."""
    text = as_text(x)
    if isinstance(text, Rejected):
        return text
    if "," in text:
        family_raw, _, given_raw = text.partition(",")
        family, given = _name(family_raw), _name(given_raw)
        if isinstance(family, str) or isinstance(given, str):
            return NameParts(
                given if isinstance(given, str) else None,
                family if isinstance(family, str) else None,
            )
    normalized = _name(text)
    if isinstance(normalized, Rejected):
        return normalized
    tokens = normalized.split(" ")
    if _is_cjk(tokens[0][0]):
        if len(tokens) == 1:
            return _split_cjk(tokens[0])
        return NameParts(" ".join(tokens[1:]), tokens[0])  # family name first
    if len(tokens) == 1:
        return NameParts(tokens[0], None)
    for i in range(1, len(tokens) - 1):
        if tokens[i] in PARTICLES:
            return NameParts(" ".join(tokens[:i]), " ".join(tokens[i:]))
    return NameParts(" ".join(tokens[:-1]), tokens[-1])


def split_full_name(x: object, /, *, errors: Errors = "ignore") -> NameParts | None:
    """Split a full name into its given and family parts, each normalized.

    Western order ("Given [Middle] Family") by default; "Family, Given" when there is
    a comma; particles (``de``, ``van``, ``von``, ``al``, ``bin``, ``ibn``, ...) start the
    family name; Chinese, Japanese and Korean names written in their script are family
    name first (compound surnames such as ``欧阳`` and ``남궁`` recognised). A single
    word is taken as the given name.

    >>> split_full_name("Maria de la Cruz")
    NameParts(given='maria', family='de la cruz')
    >>> split_full_name("DUPONT, Éloïse")
    NameParts(given='eloise', family='dupont')
    >>> split_full_name("Mohammed bin Salman")
    NameParts(given='mohammed', family='bin salman')
    """
    return finish(_split_full_name(x), errors, "full_name")
