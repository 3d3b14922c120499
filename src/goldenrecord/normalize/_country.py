"""Country normalizer: names in many languages, ISO codes and aliases → ISO 3166-1 alpha-2.

What is read:

* ISO 3166-1 alpha-2 and alpha-3 codes in any case (``fr``, ``FRA``);
* the English short, official and common names pycountry holds (``Korea, Republic
  of``, ``Russian Federation``), also with the qualifier after the comma put first
  (``Republic of Korea``) or left out when that names one country only (``Iran``);
* the same names in the 89 languages whose pycountry translations are read, which
  include each country's own (``Deutschland``, ``España``, ``Россия``, ``中国``,
  ``مصر``, ``भारत``, ``Ελλάδα``, ``대한민국``);
* a small table of everyday aliases: ``UK``, ``Great Britain``, ``England``,
  ``Scotland``, ``Wales``, ``Northern Ireland`` (all ``GB``), ``USA``, ``U.S.``,
  ``America``, ``Holland``, ``UAE``, ``KSA``, ``Ivory Coast``, ``Turkey``, ``Czech
  Republic``, ``South Korea`` and ``Korea`` (``KR``), ``Burma``, ``Swaziland``, ...;
  ``Kosovo`` gives ``XK``, the code in common use (not yet assigned by ISO).

Matching folds case, Latin accents, Greek accents, Arabic short-vowel marks and
tatweel, the Arabic and Persian spellings of alef, yeh and kaf, punctuation and white
space (``Viet Nam`` = ``Vietnam``, ``Cote dIvoire`` = ``Côte d'Ivoire``), the word
"the", ``&`` for "and", ``St``/``Ste`` for Saint/Sainte, and the order of a
``Name, Qualifier`` form. A parenthesised remark is ignored when the name is not
found with it (``Korea (South)``).

A name that two countries claim (in one language or across languages: "Virgin
Islands", a translator's slip) is left out of the lookup rather than read as either
of them; the aliases settle the everyday cases on purpose (``Korea`` → ``KR``,
``Congo`` → ``CG`` as ISO's own short name says).

Numeric codes (``826``) are not read: a number in a country column is as often a
telephone country code, and the two systems collide (380 is Italy in ISO 3166 and
Ukraine's calling code; 372 Ireland and Estonia's; 44 the Bahamas and the UK's).

The lookup table (about 25,000 names) is built once, on first use, from pycountry's
bundled data and translation catalogues; building it takes a few tenths of a second.

Reasons a value can be rejected (``Rejected.reason``):

* ``missing``: None, NaN, an empty or blank string (not an error);
* ``unknown_country``: not a code, name or alias of a country (also numbers, and
  text longer than 100 characters);
* ``placeholder``: a junk word standing for "no value" (``n/a``, ``unknown``,
  ``none``, ``-``); the two letters ``NA`` are Namibia's code, though (pandas reads a
  bare ``NA`` cell as missing before it gets here);
* ``unsupported_type``: a bool, a container, a date;
* ``invalid_syntax``: an infinite float;
* ``invalid_encoding``: bytes that are not UTF-8.

>>> country("Deutschland"), country("U.S.A."), country("Korea, Republic of"), country("fra")
('DE', 'US', 'KR', 'FR')
>>> country("中华人民共和国"), country("الإمارات العربية المتحدة"), country("ΕΛΛΑΔΑ")
('CN', 'AE', 'GR')
>>> country("Virgin Islands") is None, country(826) is None
(True, True)
"""

from __future__ import annotations

import functools
import gettext
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Final

from goldenrecord.normalize._common import (
    PLACEHOLDER,
    Errors,
    Rejected,
    cell_text,
    finish,
    fold_latin,
    is_placeholder_text,
)

__all__ = ["country"]

UNKNOWN_COUNTRY: Final = Rejected("unknown_country")
"""The value is not a code, name or alias of a country."""

# Everything but letters, digits and the combining marks of scripts that write vowels
# or tones with them (Devanagari and the other Indic scripts, Thai, Lao, Tibetan,
# Myanmar, Khmer, Hebrew points) is a separator.
_SEPARATORS: Final = re.compile(
    r"[^\w\u0591-\u05c7\u0900-\u0dff\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff]+"
)
_NEEDS_LATIN_FOLD: Final = re.compile(r"[\u00c0-\u024f\u0300-\u036f\u1e00-\u1eff]")
_GREEK: Final = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_ARABIC: Final = re.compile(r"[\u0600-\u06ff]")
_COMBINING: Final = re.compile(r"[\u0300-\u036f]")
_ARABIC_MARKS: Final = re.compile(r"[\u0640\u064b-\u065f\u0670\u06d6-\u06ed]")
_ARABIC_LETTERS: Final = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ک": "ك", "ۀ": "ه"}
)
_PARENTHESES: Final = re.compile(r"[(\[（][^)\]）]*[)\]）]?")
_COMMAS: Final = re.compile(r"[,،，、]")
_DROPPED_WORDS: Final = frozenset({"the"})
_WORDS: Final = {"st": "saint", "ste": "sainte", "and": "and"}

_ALIASES: Final = {
    # United Kingdom
    "UK": "GB",
    "U.K.": "GB",
    "Great Britain": "GB",
    "Britain": "GB",
    "Great Britain and Northern Ireland": "GB",
    "England": "GB",
    "Scotland": "GB",
    "Wales": "GB",
    "Northern Ireland": "GB",
    "N. Ireland": "GB",
    "Royaume-Uni": "GB",
    "Reino Unido": "GB",
    "Vereinigtes Königreich": "GB",
    "Angleterre": "GB",
    "Inglaterra": "GB",
    "Англия": "GB",
    "英国": "GB",
    # United States
    "USA": "US",
    "U.S.A.": "US",
    "U.S.": "US",
    "US of A": "US",
    "America": "US",
    "United States of America": "US",
    "États-Unis": "US",
    "Estados Unidos": "US",
    "EE.UU.": "US",
    "EEUU": "US",
    "Vereinigte Staaten": "US",
    "Stati Uniti": "US",
    "США": "US",
    "美国": "US",
    "أمريكا": "US",
    # Everyday and former names
    "Holland": "NL",
    "UAE": "AE",
    "U.A.E.": "AE",
    "Emirates": "AE",
    "الإمارات": "AE",
    "KSA": "SA",
    "Saudi": "SA",
    "Kingdom of Saudi Arabia": "SA",
    "السعودية": "SA",
    "المملكة العربية السعودية": "SA",
    "Ivory Coast": "CI",
    "Turkey": "TR",
    "Türkiye": "TR",
    "Czech Republic": "CZ",
    "Czech Rep.": "CZ",
    "Czechia": "CZ",
    "Korea": "KR",
    "South Korea": "KR",
    "Korea (South)": "KR",
    "Republic of Korea": "KR",
    "한국": "KR",
    "韩国": "KR",
    "韓國": "KR",
    "North Korea": "KP",
    "Korea (North)": "KP",
    "Russia": "RU",
    "Россия": "RU",
    "Белоруссия": "BY",
    "Saint Vincent": "VC",
    "Persia": "IR",
    "ایران": "IR",
    "Vietnam": "VN",
    "Laos": "LA",
    "Syria": "SY",
    "سوريا": "SY",
    "Bolivia": "BO",
    "Venezuela": "VE",
    "Tanzania": "TZ",
    "Moldova": "MD",
    "Taiwan": "TW",
    "Palestine": "PS",
    "Vatican": "VA",
    "Vatican City": "VA",
    "Holy See": "VA",
    "Macedonia": "MK",
    "Burma": "MM",
    "Swaziland": "SZ",
    "Cape Verde": "CV",
    "East Timor": "TL",
    "Congo": "CG",
    "Congo-Brazzaville": "CG",
    "Republic of the Congo": "CG",
    "Congo-Kinshasa": "CD",
    "DR Congo": "CD",
    "DRC": "CD",
    "Zaire": "CD",
    "Bosnia": "BA",
    "Trinidad": "TT",
    "Antigua": "AG",
    "Falklands": "FK",
    "Hong Kong": "HK",
    "Macau": "MO",
    "Kosovo": "XK",
    "XK": "XK",
    "XKX": "XK",
    "Bharat": "IN",
    "Hindustan": "IN",
    "Nippon": "JP",
    "Zhongguo": "CN",
    "Hellas": "GR",
    "Ellada": "GR",
    "Ελλάς": "GR",
    "Misr": "EG",
    "中國": "CN",
    "中华人民共和国": "CN",
    "ประเทศไทย": "TH",
    "Brasil": "BR",
    "Deutschland": "DE",
    "BRD": "DE",
    "Allemagne": "DE",
    "Alemania": "DE",
    "Nederland": "NL",
    "Schweiz": "CH",
    "Suisse": "CH",
    "Svizzera": "CH",
}

# Languages whose country names are read: the official languages of most countries.
_LANGUAGES: Final = (
    *("af", "am", "ar", "az", "be", "bg", "bn", "bs", "ca", "cs", "cy", "da", "de"),
    *("el", "es", "et", "eu", "fa", "fi", "fil", "fr", "ga", "gl", "gu", "ha", "he"),
    *("hi", "hr", "hu", "hy", "id", "is", "it", "ja", "ka", "kk", "km", "kn", "ko"),
    *("ky", "lo", "lt", "lv", "mk", "ml", "mn", "mr", "ms", "mt", "my", "nb_NO", "ne"),
    *("nl", "nn", "pa", "pl", "ps", "pt", "pt_BR", "ro", "ru", "si", "sk", "sl", "so"),
    *("sq", "sr", "sr@latin", "sv", "sw", "ta", "te", "tg", "th", "tk", "tl", "tr"),
    *("uk", "ur", "uz", "vi", "xh", "yo", "zh_CN", "zh_HK", "zh_TW", "zu", "lb", "fo"),
)


def _key(text: str) -> str:
    """The lookup key of a name: folded, separators and noise words gone, no spaces.

    >>> _key("The Côte d'Ivoire"), _key("ΕΛΛΆΔΑ"), _key("St. Kitts & Nevis")
    ('cotedivoire', 'ελλαδα', 'saintkittsandnevis')
    """
    s = unicodedata.normalize("NFKC", text).casefold()
    if not s.isascii():
        if _NEEDS_LATIN_FOLD.search(s):
            s = fold_latin(s)
        if _GREEK.search(s):
            s = _COMBINING.sub("", unicodedata.normalize("NFD", s))
            s = unicodedata.normalize("NFC", s)
        if _ARABIC.search(s):
            s = _ARABIC_MARKS.sub("", s).translate(_ARABIC_LETTERS)
    s = _SEPARATORS.sub(" ", s.replace("&", " and ").replace("'", "").replace("’", ""))
    return "".join(_WORDS.get(w, w) for w in s.split() if w not in _DROPPED_WORDS)


def _reordered(name: str) -> str | None:
    """``Korea, Republic of`` → ``Republic of Korea``; None without a comma."""
    parts = _COMMAS.split(name, maxsplit=1)
    return f"{parts[1]} {parts[0]}" if len(parts) == 2 else None


def _variants(name: str) -> Iterator[str]:
    """Shorter forms of a name: before its comma, without its parenthesised remark."""
    parts = _COMMAS.split(name, maxsplit=1)
    if len(parts) == 2:
        yield parts[0]
    if "(" in name or "（" in name:
        yield _PARENTHESES.sub(" ", name)


def _names() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The (name, alpha-2) pairs pycountry knows: in English, and in translation."""
    import pycountry

    english: list[tuple[str, str]] = []
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            name = getattr(c, attr, None)
            if name:
                english.append((name, c.alpha_2))
    translated: list[tuple[str, str]] = []
    for lang in _LANGUAGES:
        path = os.path.join(pycountry.LOCALES_DIR, lang, "LC_MESSAGES", "iso3166-1.mo")
        try:
            with open(path, "rb") as handle:
                catalog = gettext.GNUTranslations(handle)
        except OSError:  # a pycountry release without this language
            continue
        for msgid, code in english:
            name = catalog.gettext(msgid)
            if name != msgid:
                translated.append((name, code))
    return english, translated


def _unambiguous(pairs: Iterable[tuple[str, str]], taken: set[str]) -> dict[str, str]:
    """Keys → codes for keys not in ``taken``; a key two countries claim is left out."""
    table: dict[str, str] = {}
    ambiguous: set[str] = set()
    for key, code in pairs:
        if not key or key in taken or key in ambiguous:
            continue
        if table.setdefault(key, code) != code:
            ambiguous.add(key)
            del table[key]
    return table


@functools.cache
def _lookup() -> dict[str, str]:
    """Folded name, code or alias → alpha-2, built once from pycountry's data."""
    import pycountry

    english, translated = _names()
    key = functools.cache(_key)  # many languages share a spelling
    tiers: list[list[tuple[str, str]]] = [[], [], []]
    for tier, pairs in ((0, english), (1, translated)):
        for name, code in pairs:
            tiers[tier].append((key(name), code))
            reordered = _reordered(name)
            if reordered is not None:
                tiers[tier].append((key(reordered), code))
            tiers[2].extend((key(v), code) for v in _variants(name))
    # English names first, then translations, then shortened forms: a key taken by an
    # earlier tier (kept or found ambiguous there) is not reconsidered by a later one.
    table: dict[str, str] = {}
    claimed: set[str] = set()
    for pairs in tiers:
        table.update(_unambiguous(pairs, claimed))
        claimed.update(k for k, _ in pairs)
    for c in pycountry.countries:  # codes win over any name
        table[c.alpha_2.lower()] = c.alpha_2
        table[c.alpha_3.lower()] = c.alpha_2
    for alias, code in _ALIASES.items():
        table[_key(alias)] = code
    return table


def _country(x: object) -> str | Rejected:
    """Core of :func:`country`: the alpha-2 code, or why there is none."""
    text = cell_text(x)
    if isinstance(text, Rejected):
        return text
    if len(text) > 100:
        return UNKNOWN_COUNTRY
    table = _lookup()
    if len(text) == 2 and text.isascii():
        return table.get(text.lower(), UNKNOWN_COUNTRY)
    if is_placeholder_text(fold_latin(text)):
        return PLACEHOLDER
    found = table.get(_key(text))
    if found is not None:
        return found
    reordered = _reordered(text)
    if reordered is not None:
        found = table.get(_key(reordered))
        if found is not None:
            return found
    if "(" in text or "（" in text or "[" in text:
        found = table.get(_key(_PARENTHESES.sub(" ", text)))
        if found is not None:
            return found
    return UNKNOWN_COUNTRY


def country(x: object, /, *, errors: Errors = "ignore") -> str | None:
    """The ISO 3166-1 alpha-2 code of a country written as a name, a code or an alias.

    Args:
        x: one cell: a country name in any of many languages and scripts, an ISO
            alpha-2 or alpha-3 code in any case, or an everyday alias.
        errors: ``"ignore"`` returns None for unusable values; ``"raise"`` raises
            :class:`~goldenrecord.NormalizationError` with the reason (never the value).

    Returns:
        The upper-case alpha-2 code, or None when the cell is missing or names no
        country.

    Raises:
        NormalizationError: with ``errors="raise"``, when a non-missing value names no
            country (reason ``unknown_country``).

    >>> country("United Kingdom"), country("UK"), country("england"), country("GBR")
    ('GB', 'GB', 'GB', 'GB')
    >>> country("Россия"), country("भारत"), country("Ivory Coast"), country("Türkiye")
    ('RU', 'IN', 'CI', 'TR')
    >>> country("Atlantis") is None
    True
    """
    return finish(_country(x), errors, "country")
