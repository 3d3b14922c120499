"""Letter tables of the script transliterations :func:`~goldenrecord.normalize.name_keys`
reads: Greek (ELOT 743), Thai (RTGS), Turkish, German and Scandinavian letters."""

from __future__ import annotations

from typing import Final

# Greek letters by ELOT 743 (ISO 843), after accents are removed; digraphs are read
# first (see ``GREEK_DIGRAPHS``). "Popular" spellings differ where passports and
# customers commonly do: ``υ`` read ``i``, ``χ`` read ``h``.
GREEK_LETTERS: Final = {
    "α": "a",
    "β": "v",
    "γ": "g",
    "δ": "d",
    "ε": "e",
    "ζ": "z",
    "η": "i",
    "θ": "th",
    "ι": "i",
    "κ": "k",
    "λ": "l",
    "μ": "m",
    "ν": "n",
    "ξ": "x",
    "ο": "o",
    "π": "p",
    "ρ": "r",
    "σ": "s",
    "ς": "s",
    "τ": "t",
    "υ": "y",
    "φ": "f",
    "χ": "ch",
    "ψ": "ps",
    "ω": "o",
}
GREEK_POPULAR: Final = {"υ": "i", "χ": "h"}
# Vowel pairs that read as one vowel (``ου``) or as a vowel and a consonant (``αυ``:
# ``av``, or ``af`` before a voiceless consonant and at the end of a word).
GREEK_DIGRAPHS: Final = {"ου": "ou", "αι": "ai", "ει": "ei", "οι": "oi"}
GREEK_V_DIGRAPHS: Final = {"αυ": "a", "ευ": "e", "ηυ": "i"}
GREEK_VOICELESS: Final = frozenset("θκξπστφχψ")
# Consonant pairs: (ELOT 743, at the start of a word as commonly written, inside a word
# as commonly written).
GREEK_CONSONANT_PAIRS: Final = {
    "γγ": ("ng", "ng", "ng"),
    "γκ": ("gk", "g", "ng"),
    "γξ": ("nx", "nx", "nx"),
    "γχ": ("nch", "nch", "nh"),
    "μπ": ("mp", "b", "mb"),
    "ντ": ("nt", "d", "nd"),
}


# Thai consonants: (initial, final) sounds by the Royal Thai General System (RTGS).
THAI_CONSONANTS: Final = {
    "ก": ("k", "k"),
    "ข": ("kh", "k"),
    "ฃ": ("kh", "k"),
    "ค": ("kh", "k"),
    "ฅ": ("kh", "k"),
    "ฆ": ("kh", "k"),
    "ง": ("ng", "ng"),
    "จ": ("ch", "t"),
    "ฉ": ("ch", "t"),
    "ช": ("ch", "t"),
    "ซ": ("s", "t"),
    "ฌ": ("ch", "t"),
    "ญ": ("y", "n"),
    "ฎ": ("d", "t"),
    "ฏ": ("t", "t"),
    "ฐ": ("th", "t"),
    "ฑ": ("th", "t"),
    "ฒ": ("th", "t"),
    "ณ": ("n", "n"),
    "ด": ("d", "t"),
    "ต": ("t", "t"),
    "ถ": ("th", "t"),
    "ท": ("th", "t"),
    "ธ": ("th", "t"),
    "น": ("n", "n"),
    "บ": ("b", "p"),
    "ป": ("p", "p"),
    "ผ": ("ph", "p"),
    "ฝ": ("f", "p"),
    "พ": ("ph", "p"),
    "ฟ": ("f", "p"),
    "ภ": ("ph", "p"),
    "ม": ("m", "m"),
    "ย": ("y", "i"),
    "ร": ("r", "n"),
    "ล": ("l", "n"),
    "ว": ("w", "o"),
    "ศ": ("s", "t"),
    "ษ": ("s", "t"),
    "ส": ("s", "t"),
    "ห": ("h", ""),
    "ฬ": ("l", "n"),
    "อ": ("", ""),
    "ฮ": ("h", ""),
}
# Vowel signs written after (or over, under) their consonant, in RTGS.
THAI_VOWELS_AFTER: Final = {
    "ะ": "a",
    "ั": "a",
    "า": "a",
    "ำ": "am",
    "ิ": "i",
    "ี": "i",
    "ึ": "ue",
    "ื": "ue",
    "ุ": "u",
    "ู": "u",
}
# Vowel signs written before their consonant.
THAI_VOWELS_BEFORE: Final = {"เ": "e", "แ": "ae", "โ": "o", "ใ": "ai", "ไ": "ai"}
# Consonant pairs that begin a syllable together (no vowel between them).
THAI_CLUSTERS: Final = frozenset(
    {"กร", "กล", "กว", "ขร", "ขล", "ขว", "คร", "คล", "คว", "ปร", "ปล", "พร", "พล", "ตร", "ผล"}
    | {"ศร", "สร", "ทร", "บร", "บล", "ดร", "ฟร", "ฟล"}
)
# Clusters whose ร RTGS leaves silent (ทร reads s): ศรี si, ทราย sai.
THAI_SILENT_R: Final = frozenset({"ศร", "สร", "ซร", "ทร"})
# Signs that carry no sound in a transliteration: tone marks, the shortener, repetition.
THAI_SILENT: Final = frozenset("่้๊๋็ๆ")
THAI_CANCEL: Final = "์"

# Turkish letters and their spellings on a keyboard without them (German usage: ş as
# "sch", ç as "tsch", ğ left out).
TURKISH_LETTERS: Final = {
    "ş": ("s", "sh", "sch"),
    "ç": ("c", "ch"),
    "ğ": ("g", ""),
    "ı": ("i",),
    "ö": ("o", "oe"),
    "ü": ("u", "ue"),
}
# German and Scandinavian letters and their spellings without the letter.
GERMANIC_LETTERS: Final = {
    "ä": ("a", "ae"),
    "ö": ("o", "oe"),
    "ü": ("u", "ue"),
    "ß": ("ss",),
    "å": ("a", "aa"),
    "ø": ("o", "oe"),
    "æ": ("ae", "a"),
}

# Kanji that stand alone as Japanese given names, with the readings (nanori and
# on'yomi, Hepburn, long vowels as names spell them) they are given: a dictionary
# reads each such kanji one way only (健 as "takeshi", not "ken").
JAPANESE_GIVEN_KANJI: Final = {
    "健": ("ken", "takeshi", "takeru", "tsuyoshi"),
    "誠": ("makoto", "sei"),
    "翔": ("sho", "kakeru", "sora"),
    "愛": ("ai", "megumi", "mana"),
    "蓮": ("ren",),
    "純": ("jun", "atsushi"),
    "淳": ("jun", "atsushi"),
    "潤": ("jun",),
    "茂": ("shigeru",),
    "隆": ("takashi",),
    "光": ("hikaru", "hikari", "mitsuru"),
    "薫": ("kaoru",),
    "修": ("osamu", "shu"),
    "学": ("manabu", "gaku"),
    "明": ("akira", "akari", "mei"),
    "彰": ("akira",),
    "晃": ("akira", "ko"),
    "章": ("akira",),
    "剛": ("tsuyoshi", "go", "takeshi"),
    "陽": ("yo", "hinata", "haru", "akira"),
    "仁": ("jin", "hitoshi"),
    "勇": ("isamu", "yu"),
    "進": ("susumu",),
    "実": ("minoru",),
    "稔": ("minoru",),
    "豊": ("yutaka",),
    "浩": ("hiroshi", "ko"),
    "博": ("hiroshi",),
    "弘": ("hiroshi",),
    "寛": ("hiroshi", "kan"),
    "清": ("kiyoshi",),
    "優": ("yu", "masaru", "yuu"),
    "舞": ("mai",),
    "恵": ("megumi", "kei"),
    "萌": ("moe",),
    "葵": ("aoi",),
    "凛": ("rin",),
    "陸": ("riku",),
    "海": ("kai", "umi"),
    "圭": ("kei",),
    "慧": ("kei", "satoshi"),
    "聡": ("satoshi",),
    "哲": ("satoshi", "tetsu"),
    "駿": ("shun",),
    "匠": ("takumi",),
    "巧": ("takumi",),
    "航": ("wataru", "ko"),
    "歩": ("ayumu", "ayumi"),
    "望": ("nozomi", "nozomu"),
    "遥": ("haruka",),
    "静": ("shizuka",),
    "栞": ("shiori",),
    "桜": ("sakura",),
    "楓": ("kaede",),
    "梓": ("azusa",),
    "茜": ("akane",),
    "忍": ("shinobu",),
    "司": ("tsukasa",),
    "武": ("takeshi",),
    "毅": ("takeshi", "tsuyoshi"),
    "勉": ("tsutomu",),
    "忠": ("tadashi",),
    "正": ("tadashi", "masashi"),
    "徹": ("toru",),
    "透": ("toru",),
    "亨": ("toru",),
    "昇": ("noboru",),
    "満": ("mitsuru",),
    "充": ("mitsuru",),
    "聖": ("sei", "satoshi", "kiyoshi"),
    "玲": ("rei",),
    "怜": ("rei",),
    "礼": ("rei",),
    "亮": ("ryo", "akira"),
    "涼": ("ryo", "suzu"),
    "大": ("dai", "masaru", "hiroshi"),
    "翼": ("tsubasa",),
    "樹": ("itsuki", "tatsuki"),
    "拓": ("taku", "hiraku"),
    "悟": ("satoru",),
    "渉": ("wataru",),
    "守": ("mamoru",),
    "衛": ("mamoru",),
    "環": ("tamaki",),
    "泉": ("izumi",),
    "操": ("misao",),
    "都": ("miyako",),
    "唯": ("yui",),
    "結": ("yui",),
    "蘭": ("ran",),
}
