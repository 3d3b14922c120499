"""Country normalizer: names in many languages, ISO codes and aliases → ISO 3166 alpha-2.

Read: ISO 3166-1 alpha-2 and alpha-3 codes in any case (``fr``, ``FRA``); the
English short, official and common names (``Korea, Republic of``, ``South Korea``);
the names in the 100+ languages pycountry ships translations for, which include each
country's own (``Deutschland``, ``España``, ``Россия``, ``中国``, ``مصر``, ``भारत``,
``Ελλάδα``); and everyday aliases (``UK``, ``England``, ``USA``, ``U.S.``, ``Holland``,
``UAE``, ``KSA``, ``Ivory Coast``). Case, accents, punctuation, a leading "the" and the
word order of "Name, Qualifier" forms do not matter.

A name that means two countries in some language is left out of the lookup rather
than read as either of them.

Reasons a value can be rejected: ``missing``, ``unknown_country``,
``unsupported_type``, ``invalid_encoding``.

>>> country("Deutschland"), country("U.S.A."), country("Korea, Republic of"), country("fra")
('DE', 'US', 'KR', 'FR')
>>> country("中华人民共和国"), country("الإمارات العربية المتحدة"), country("Ελλάδα")
('CN', 'AE', 'GR')
"""

from __future__ import annotations

import functools
import gettext
import os
import re
import unicodedata
from typing import Final

from goldenrecord.normalize._common import Errors, Rejected, as_text, finish, fold_latin

__all__ = ["country"]

UNKNOWN_COUNTRY: Final = Rejected("unknown_country")

_PUNCT: Final = re.compile(r"[\W_]+", re.UNICODE)

_ALIASES: Final = {
    "uk": "GB",
    "u k": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "gb": "GB",
    "united kingdom of great britain and northern ireland": "GB",
    "usa": "US",
    "u s a": "US",
    "us": "US",
    "u s": "US",
    "america": "US",
    "united states of america": "US",
    "etats unis": "US",
    "eeuu": "US",
    "ee uu": "US",
    "holland": "NL",
    "the netherlands": "NL",
    "nederland": "NL",
    "uae": "AE",
    "u a e": "AE",
    "emirates": "AE",
    "ksa": "SA",
    "saudi": "SA",
    "ivory coast": "CI",
    "cote divoire": "CI",
    "turkey": "TR",
    "turkiye": "TR",
    "czech republic": "CZ",
    "czechia": "CZ",
    "south korea": "KR",
    "korea": "KR",
    "republic of korea": "KR",
    "north korea": "KP",
    "russia": "RU",
    "persia": "IR",
    "iran": "IR",
    "vietnam": "VN",
    "viet nam": "VN",
    "laos": "LA",
    "syria": "SY",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
    "taiwan": "TW",
    "palestine": "PS",
    "vatican": "VA",
    "macedonia": "MK",
    "burma": "MM",
    "swaziland": "SZ",
    "cape verde": "CV",
    "east timor": "TL",
    "congo kinshasa": "CD",
    "drc": "CD",
    "congo brazzaville": "CG",
    "hong kong": "HK",
    "macau": "MO",
    "macao": "MO",
    "brasil": "BR",
    "mexique": "MX",
    "deutschland": "DE",
    "allemagne": "DE",
    "alemania": "DE",
    "espana": "ES",
    "espagne": "ES",
    "italie": "IT",
    "belgique": "BE",
    "suisse": "CH",
    "schweiz": "CH",
    "svizzera": "CH",
    "osterreich": "AT",
    "中国": "CN",
    "中华人民共和国": "CN",
    "中國": "CN",
    "日本": "JP",
    "韩国": "KR",
    "대한민국": "KR",
    "한국": "KR",
    "مصر": "EG",
    "السعودية": "SA",
    "الامارات": "AE",
    "الإمارات": "AE",
    "الإمارات العربية المتحدة": "AE",
    "المغرب": "MA",
    "mexico": "MX",
    "méxico": "MX",
    "estados unidos": "US",
    "reino unido": "GB",
    "royaume uni": "GB",
    "भारत": "IN",
    "россия": "RU",
    "ελλαδα": "GR",
}


# Languages whose country names are read: the official languages of most countries.
_LANGUAGES: Final = (
    "af",
    "am",
    "ar",
    "az",
    "be",
    "bg",
    "bn",
    "bs",
    "ca",
    "cs",
    "cy",
    "da",
    "de",
    "el",
    "es",
    "et",
    "eu",
    "fa",
    "fi",
    "fr",
    "ga",
    "gl",
    "he",
    "hi",
    "hr",
    "hu",
    "hy",
    "id",
    "is",
    "it",
    "ja",
    "ka",
    "kk",
    "km",
    "ko",
    "lo",
    "lt",
    "lv",
    "mk",
    "mn",
    "ms",
    "mt",
    "my",
    "nb",
    "ne",
    "nl",
    "nn",
    "pl",
    "pt",
    "pt_BR",
    "ro",
    "ru",
    "si",
    "sk",
    "sl",
    "sq",
    "sr",
    "sv",
    "sw",
    "ta",
    "th",
    "tl",
    "tr",
    "uk",
    "ur",
    "uz",
    "vi",
    "zh_CN",
    "zh_HK",
    "zh_TW",
)


def _fold(text: str) -> str:
    s = fold_latin(text)
    s = _PUNCT.sub(" ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return " ".join(s.split())


@functools.cache
def _lookup() -> dict[str, str]:
    """Folded name or code → alpha-2, built once from pycountry and its translations."""
    import pycountry

    table: dict[str, str] = {}
    ambiguous: set[str] = set()

    def add(name: str, code: str) -> None:
        for key in {_fold(name), _fold(_reorder(name))}:
            if not key or key in ambiguous:
                continue
            if table.get(key, code) != code:
                ambiguous.add(key)
                del table[key]
            else:
                table[key] = code

    english: dict[str, str] = {}
    for c in pycountry.countries:
        code = c.alpha_2
        for attr in ("name", "official_name", "common_name"):
            name = getattr(c, attr, None)
            if name:
                english[name] = code
                add(name, code)
    for lang in _LANGUAGES:
        path = os.path.join(pycountry.LOCALES_DIR, lang, "LC_MESSAGES", "iso3166-1.mo")
        if not os.path.exists(path):
            continue
        with open(path, "rb") as handle:
            catalog = gettext.GNUTranslations(handle)
        for msgid, code in english.items():
            translated = catalog.gettext(msgid)
            if translated and translated != msgid:
                add(translated, code)
    for c in pycountry.countries:  # codes last: they win over any name
        table[c.alpha_2.lower()] = c.alpha_2
        table[c.alpha_3.lower()] = c.alpha_2
    for alias, code in _ALIASES.items():
        table[_fold(alias)] = code
    return table


def _reorder(name: str) -> str:
    """``Korea, Republic of`` → ``Republic of Korea``."""
    head, sep, tail = name.partition(",")
    return f"{tail.strip()} {head.strip()}" if sep else name


def _country(x: object) -> str | Rejected:
    """Core of :func:`country`: the alpha-2 code, or why there is none."""
    text = as_text(x)
    if isinstance(text, Rejected):
        return text
    if len(text) > 100:
        return UNKNOWN_COUNTRY
    table = _lookup()
    if len(text) == 2 and text.isascii() and text.isalpha():
        return table.get(text.lower(), UNKNOWN_COUNTRY)
    for candidate in (_fold(text), _fold(_reorder(text))):
        found = table.get(candidate)
        if found is not None:
            return found
    compact = unicodedata.normalize("NFKC", text).strip().casefold()
    return table.get(compact, UNKNOWN_COUNTRY)


def country(x: object, /, *, errors: Errors = "ignore") -> str | None:
    """The ISO 3166-1 alpha-2 code of a country written as a name, a code or an alias.

    Args:
        x: one cell (a name in any of many languages, an ISO code, an alias).
        errors: ``"ignore"`` returns None for unusable values; ``"raise"`` raises
            :class:`~goldenrecord.NormalizationError` with the reason.

    >>> country("United Kingdom"), country("UK"), country("england"), country("GBR")
    ('GB', 'GB', 'GB', 'GB')
    >>> country("Atlantis") is None
    True
    """
    return finish(_country(x), errors, "country")
