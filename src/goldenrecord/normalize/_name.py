"""Person-name normalizers: ``name``, ``given_name_canonical`` and ``split_full_name``.

:func:`name` gives the form two spellings of one name share: NFKC, case-folded,
diacritics folded for Latin script (``Éloïse`` → ``eloise``, ``Weiß`` → ``weiss``),
hyphens to spaces, apostrophes joined (``O'Brien`` → ``obrien``), other punctuation
removed, honorifics and suffixes dropped in several languages, white space
collapsed. Names in other scripts stay in their script, case-folded (Greek final
``ς`` folds to ``σ``); Arabic loses its optional short-vowel marks and tatweel
(``مُحَمَّد`` → ``محمد``), Devanagari keeps its vowel signs.

Honorifics: a leading title (``Mr``, ``Mrs``, ``Dr``, ``Prof``, ``Mme``, ``M.``,
``Herr``, ``Frau``, ``Sr``, ``Sra``, ``Sig.``, ``Sig.ra``, ``السيد``, ``Господин``,
``г-н``, ``श्री``, ``κ.``, ``κος`` ...) is dropped only while another word remains, so
a person called ``Don`` or ``Miss`` keeps their name; ``M.`` counts only with its dot
(``M Dupont`` keeps the initial); a title glued by its dot counts too
(``Dr.Smith``); after a comma a title is dropped again (``Smith, Mr. John``). A
trailing suffix (``Jr``, ``Sr``, ``III``, ``PhD``, ``MD``, ``Esq``) is dropped at the
end of the name or of a comma part, likewise only while another word remains; so a
leading ``Md`` (Bangladeshi "Mohammad") stays. Chinese, Japanese and Korean courtesy
suffixes (``先生``, ``女士``, ``小姐``, ``さん``, ``様``, ``씨``) are removed from the end
of a name written without spaces.

Reasons a value can be rejected (the same for every function here):

- ``missing``: None, NaN, an empty or blank cell (gives None even with
  ``errors="raise"``);
- ``placeholder``: a junk value (``N/A``, ``unknown``, ``test``, ``xxx``, ``-``,
  ``no name``), or only junk words once titles are gone (``Test Test``, ``Mr. X``);
- ``no_letters``: no letter at all (``12345``, ``12-34``, an emoji);
- ``unsupported_type``: a bool, a date, a list, ...;
- ``invalid_encoding``: bytes that are not UTF-8;
- ``invalid_syntax``: an infinite float.

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

import attrs

from goldenrecord.normalize._common import (
    MAX_TEXT_LENGTH,
    PLACEHOLDER,
    Errors,
    Rejected,
    cell_text,
    finish,
    is_placeholder_text,
)
from goldenrecord.normalize._name_data import (
    ARABIC_COMPOUND_HEADS,
    COMPOUND_SURNAMES,
    CURATED_CANONICAL,
    GIVEN_NAME_PARTICLES,
    PARTICLES,
    SUFFIXES,
    VIETNAMESE_MIDDLE_NAMES,
    VIETNAMESE_SHORT_SURNAMES,
    VIETNAMESE_SURNAMES,
)
from goldenrecord.normalize._name_words import (
    _GIVEN_NAME_TITLES,
    _LEADING_TITLES,
    _SIMPLE,
    _is_cjk,
    _Word,
)
from goldenrecord.normalize._name_words import _is_title as _is_title
from goldenrecord.normalize._name_words import _words as _words
from goldenrecord.normalize._name_words import all_placeholders as all_placeholders

__all__ = ["NameParts", "given_name_canonical", "name", "split_full_name"]


@attrs.frozen
class NameParts:
    """A full name split into its given and family parts (each normalized, or None).

    Attributes:
        given: the given name(s), middle names included, or None when unknown.
        family: the family name with its particles (``van beethoven``), or None.
    """

    given: str | None
    family: str | None


def _name(x: object) -> str | Rejected:
    """Core of :func:`name`: the normalized name, or why there is none."""
    if type(x) is str and len(x) <= MAX_TEXT_LENGTH and _SIMPLE.fullmatch(x):
        # Fast path: ASCII letters and single spaces, no title first, no suffix last.
        low = x.lower()
        first, _, _ = low.partition(" ")
        if (
            (
                first == low
                or (first not in _LEADING_TITLES and low.rpartition(" ")[2] not in SUFFIXES)
            )
            and not is_placeholder_text(low)
            and not all_placeholders(low.split(" "))
        ):
            return low
    words = _words(x)
    if isinstance(words, Rejected):
        return words
    return " ".join(word[1] for word in words[0])


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
    >>> name("Smith, Mr. John"), name("Dr.Watson"), name("Don"), name("M Dupont")
    ('smith john', 'watson', 'don', 'm dupont')
    >>> name("Test Test") is None, name("12345", errors="ignore") is None
    (True, True)
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
    (``bob`` → ``robert``, ``peggy`` → ``margaret``, ``dan`` → ``daniel``) and adds
    other languages' nicknames, in their own script where they have one (``pepe`` →
    ``jose``, ``kasia`` → ``katarzyna``, ``саша`` → ``александр``, ``γιάννης`` →
    ``ιωάννης``).
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
    # A curated canonical name is canonical: the data must not send it further
    # (``manu`` → ``emmanuel``, and ``emmanuel`` stays), or a key would not be a fixpoint.
    table.update({name: name for name in CURATED_CANONICAL.values()})
    table.update(CURATED_CANONICAL)
    return table


def _given_name_canonical(x: object) -> str | Rejected:
    """Core of :func:`given_name_canonical`.

    The key is the canonical name of the first word that is a name on its own (not a
    house number, not a junk word such as ``test``), so that the key of a key is
    itself: ``500 Market Street`` gives ``market``, not ``500``, which is no name. A name
    with no such word keys as itself, normalized.
    """
    normalized = _name(x)
    if isinstance(normalized, Rejected):
        return normalized
    table = _nickname_table()
    for word in normalized.split(" "):
        canonical = table.get(word, word)
        if _name(canonical) == canonical and table.get(canonical, canonical) == canonical:
            return canonical
    return normalized


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
    >>> given_name_canonical("Саша"), given_name_canonical("Al")
    ('александр', 'al')
    """
    return finish(_given_name_canonical(x), errors, "given_name")


# -- splitting full names -------------------------------------------------------------


def _is_kana(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff"


def _split_cjk(token: str) -> NameParts:
    """One Chinese, Japanese or Korean word, family name first.

    A known two-character family name (``欧阳``, ``남궁``) is taken whole; Japanese
    kanji followed by kana split where the kana start (``田中さくら``); four kanji
    with no known compound family name split two and two, as Japanese names do
    (``山田太郎``); otherwise the first character is the family name. A word in kana
    only is a given name.
    """
    if all(_is_kana(ch) for ch in token):
        return NameParts(token, None)
    for surname in COMPOUND_SURNAMES:
        if token.startswith(surname) and len(token) > len(surname):
            return NameParts(token[len(surname) :], surname)
    kana_at = next((i for i, ch in enumerate(token) if _is_kana(ch)), 0)
    if kana_at:
        return NameParts(token[kana_at:], token[:kana_at])
    if len(token) == 4 and not ("\uac00" <= token[0] <= "\ud7af"):
        return NameParts(token[2:], token[:2])
    return NameParts(token[1:] or None, token[0])


def _groups(words: list[_Word]) -> list[list[str]]:
    """Words written together ("Jean-Luc", "Al-Sayed") and Arabic compounds ("Abdul Rahman")."""
    groups: list[list[str]] = []
    last_group = -1
    for _, clean, group, _ in words:
        if groups and (
            group == last_group or (len(groups[-1]) == 1 and groups[-1][0] in ARABIC_COMPOUND_HEADS)
        ):
            groups[-1].append(clean)
        else:
            groups.append([clean])
        last_group = group
    return groups


def _parts(given: list[list[str]], family: list[list[str]]) -> NameParts:
    return NameParts(
        " ".join(w for g in given for w in g) or None,
        " ".join(w for g in family for w in g) or None,
    )


def _split_words(words: list[_Word], leading: list[str]) -> NameParts:
    tokens = [word[1] for word in words]
    if _is_cjk(tokens[0][0]):
        if len(tokens) == 1:
            return _split_cjk(tokens[0])
        return NameParts(" ".join(tokens[1:]), tokens[0])  # family name first
    first = tokens[0]
    if len(tokens) > 1 and (
        first in VIETNAMESE_SURNAMES
        or (
            len(tokens) > 2
            and first in VIETNAMESE_SHORT_SURNAMES
            and tokens[1] in VIETNAMESE_MIDDLE_NAMES
        )
    ):
        return NameParts(" ".join(tokens[1:]), first)  # Vietnamese: family name first
    groups = _groups(words)
    if len(groups) == 1:
        if leading and leading[-1] not in _GIVEN_NAME_TITLES:
            return _parts([], groups)  # "Mr. Smith": a title before a single name
        return _parts(groups, [])
    head = groups[0][0]
    if (
        len(groups[0]) == 1
        and head in PARTICLES
        and (head not in GIVEN_NAME_PARTICLES or groups[1][0] in PARTICLES)
    ):
        return _parts([], groups)  # "de la Cruz", "Van der Berg": a family name alone
    for i in range(1, len(groups) - 1):
        if groups[i][0] in PARTICLES:
            return _parts(groups[:i], groups[i:])
    return _parts(groups[:-1], groups[-1:])


def _split_full_name(x: object) -> NameParts | Rejected:
    """Core of :func:`split_full_name`."""
    text = cell_text(x)
    if isinstance(text, Rejected):
        return text
    if "," in text:
        family_raw, _, given_raw = text.partition(",")
        given = _name(given_raw)
        if isinstance(given, str) and all(w in SUFFIXES for w in given.split(" ")):
            text = text.replace(",", " ")  # "Martin Luther King, Jr.": no family-first comma
        else:
            family = _name(family_raw)
            if isinstance(family, str) or isinstance(given, str):
                return NameParts(
                    given if isinstance(given, str) else None,
                    family if isinstance(family, str) else None,
                )
    words = _words(text)
    if isinstance(words, Rejected):
        return words
    parts = _split_words(*words)
    # Each part is a name of its own: a suffix inside it ("Juan Sr Garcia") or a junk
    # family name ("John Test") goes.
    given_part, family_part = _part(parts.given), _part(parts.family)
    if given_part is None and family_part is None:
        return PLACEHOLDER
    return NameParts(given_part, family_part)


def _part(text: str | None) -> str | None:
    if text is None:
        return None
    normalized = _name(text)
    return normalized if isinstance(normalized, str) else None


def split_full_name(x: object, /, *, errors: Errors = "ignore") -> NameParts | None:
    """Split a full name into its given and family parts, each normalized.

    - Western order ("Given [Middle] Family") by default; the last word, or the last
      hyphenated group (``Müller-Lüdenscheidt``), is the family name.
    - "Family, Given" when there is a comma, unless what follows the comma is only a
      suffix ("Martin Luther King, Jr.").
    - Particles (``de``, ``de la``, ``van der``, ``von``, ``al``, ``bin``, ``ibn``,
      ``بن`` ...) start the family name; a name that starts with a particle is a family
      name alone (``de la Cruz``), except for particles that are also given names
      (``Van Morrison``, ``Al Pacino``). Arabic ``Abdul``/``Abu``/``عبد`` compounds stay
      one name (``Abdul Rahman``, ``Abu Bakr``).
    - Chinese, Japanese and Korean names in their script are family name first, with
      or without a space; known two-character family names (``欧阳``, ``司马``,
      ``남궁``) are kept whole; four kanji split two and two (Japanese ``山田太郎``);
      kanji followed by kana split where the kana start. Vietnamese names in Latin
      are family name first when they start with a common Vietnamese family name
      (``Nguyen``, ``Tran``, ...) or with ``Le``/``Do``/``Ho``... followed by
      ``Van``/``Thi``.
    - A single word is a given name, unless a title stood before it (``Mr. Smith``
      → family ``smith``; not for ``Sir``/``Dame``, which go with a given name). A
      single Chinese character or Korean syllable is a family name.

    >>> split_full_name("Maria de la Cruz")
    NameParts(given='maria', family='de la cruz')
    >>> split_full_name("DUPONT, Éloïse")
    NameParts(given='eloise', family='dupont')
    >>> split_full_name("Mohammed bin Salman")
    NameParts(given='mohammed', family='bin salman')
    >>> split_full_name("山田太郎"), split_full_name("Nguyễn Văn An")
    (NameParts(given='太郎', family='山田'), NameParts(given='van an', family='nguyen'))
    """
    return finish(_split_full_name(x), errors, "full_name")
