"""Free text and city names: folded for matching in every script, junk rejected with a reason."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goldenrecord as gr


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # France, Belgium, Switzerland
        pytest.param("  Saint-Étienne ", "saint etienne", id="fr-saint-etienne"),
        pytest.param("L'Haÿ-les-Roses", "l hay les roses", id="fr-apostrophe-trema"),
        pytest.param("Besançon", "besancon", id="fr-cedilla"),
        pytest.param("ÎLE-DE-FRANCE", "ile de france", id="fr-upper-circumflex"),
        pytest.param("Liège", "liege", id="be-liege"),
        pytest.param("Genève", "geneve", id="ch-geneve"),
        # Germany, Austria
        pytest.param("MÜNCHEN", "munchen", id="de-munchen"),
        pytest.param("Weißenfels", "weissenfels", id="de-eszett"),
        pytest.param("Frankfurt a.M.", "frankfurt a m", id="de-abbreviation"),
        pytest.param("Sankt Pölten", "sankt polten", id="at-polten"),
        # Spain, Portugal, Latin America
        pytest.param("A Coruña", "a coruna", id="es-enye"),
        pytest.param("São Paulo", "sao paulo", id="br-tilde"),
        pytest.param("Bogotá, D.C.", "bogota d c", id="co-bogota"),
        pytest.param("Ciudad de México", "ciudad de mexico", id="mx-mexico"),
        # Nordic, Central Europe, Baltic, Turkey, Vietnam
        pytest.param("Ærøskøbing", "aeroskobing", id="dk-ae-o-slash"),
        pytest.param("Malmö", "malmo", id="se-malmo"),
        pytest.param("Kraków", "krakow", id="pl-krakow"),
        pytest.param("Łódź", "lodz", id="pl-lodz"),
        pytest.param("České Budějovice", "ceske budejovice", id="cz-hacek"),
        pytest.param("Reykjavík", "reykjavik", id="is-reykjavik"),
        pytest.param("Þórshöfn", "thorshofn", id="is-thorn"),
        pytest.param("Šiauliai", "siauliai", id="lt-siauliai"),
        pytest.param("İstanbul", "istanbul", id="tr-dotted-i"),
        pytest.param("Şanlıurfa", "sanliurfa", id="tr-dotless-i"),
        pytest.param("Hồ Chí Minh", "ho chi minh", id="vn-stacked-marks"),
        # English-speaking
        pytest.param("St. John's", "st john s", id="ca-apostrophe"),
        pytest.param("Stratford-upon-Avon", "stratford upon avon", id="gb-hyphens"),
        pytest.param("NEW  YORK\tCITY", "new york city", id="us-blanks"),
        pytest.param("Winston-Salem, NC", "winston salem nc", id="us-state"),
        pytest.param("Acme Ltd. (UK) – Sales", "acme ltd uk sales", id="en-dash-parens"),
        pytest.param("Rock & Roll® €5", "rock roll 5", id="symbols"),
        pytest.param("Ｔｏｋｙｏ", "tokyo", id="fullwidth-latin"),
        pytest.param("café\u00a0crème", "cafe creme", id="nbsp"),
        pytest.param("line\nbreak\r\nhere", "line break here", id="newlines"),
        pytest.param("zero\u200bwidth", "zero width", id="zero-width-space"),
        pytest.param("75001", "75001", id="digits-kept"),
        pytest.param(2000, "2000", id="int"),
        pytest.param(12.5, "12 5", id="float"),
        pytest.param(b"Z\xc3\xbcrich", "zurich", id="bytes"),
        # Greek
        pytest.param("Θεσσαλονίκη", "θεσσαλονίκη", id="gr-accent-kept"),
        pytest.param("ΑΘΗΝΑ", "αθηνα", id="gr-upper"),
        pytest.param("Ηράκλειο, Κρήτη", "ηράκλειο κρήτη", id="gr-comma"),
        # Cyrillic
        pytest.param("Москва", "москва", id="ru-moskva"),
        pytest.param("САНКТ-ПЕТЕРБУРГ", "санкт петербург", id="ru-upper-hyphen"),
        pytest.param("Ростов-на-Дону", "ростов на дону", id="ru-hyphens"),
        pytest.param("Київ", "київ", id="ua-yi-kept"),
        pytest.param("Ёлкино", "ёлкино", id="ru-yo-kept"),
        pytest.param("София", "софия", id="bg-sofia"),
        # Arabic, Persian, Hebrew
        pytest.param("القاهرة", "القاهرة", id="eg-cairo"),
        pytest.param("الدار البيضاء", "الدار البيضاء", id="ma-casablanca"),
        pytest.param("مُحَمَّد", "مُحَمَّد", id="ar-harakat-kept"),
        pytest.param("دبي، الإمارات", "دبي الإمارات", id="ae-arabic-comma"),
        pytest.param("تهران", "تهران", id="ir-tehran"),
        pytest.param("תל אביב-יפו", "תל אביב יפו", id="il-tel-aviv"),
        # Devanagari, other Indic, Thai
        pytest.param("नई दिल्ली", "नई दिल्ली", id="in-new-delhi"),
        pytest.param("मुंबई", "मुंबई", id="in-mumbai-anusvara"),
        pytest.param("कोलकाता।", "कोलकाता", id="in-danda"),
        pytest.param("চট্টগ্রাম", "চট্টগ্রাম", id="bd-bengali"),
        pytest.param("சென்னை", "சென்னை", id="in-tamil"),
        pytest.param("กรุงเทพมหานคร", "กรุงเทพมหานคร", id="th-bangkok"),
        # Chinese, Japanese, Korean
        pytest.param("北京市", "北京市", id="cn-beijing"),
        pytest.param("上海市·浦东新区", "上海市 浦东新区", id="cn-middle-dot"),
        pytest.param("東京都（新宿区）", "東京都 新宿区", id="jp-fullwidth-parens"),
        pytest.param("大阪、日本", "大阪 日本", id="jp-ideographic-comma"),
        pytest.param("ｵｵｻｶ", "オオサカ", id="jp-halfwidth-katakana"),
        pytest.param("서울특별시", "서울특별시", id="kr-seoul"),
        pytest.param("부산 광역시", "부산 광역시", id="kr-busan"),
        # Mixed scripts
        pytest.param("Москва / Moscow", "москва moscow", id="ru-en"),
        pytest.param("Zürich (苏黎世)", "zurich 苏黎世", id="de-zh"),
    ],
)
def test_folds_text_in_every_script(raw: object, expected: str) -> None:
    """Latin is folded to plain lower case; other scripts keep their letters and marks."""
    assert gr.normalize.text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        pytest.param("n/a", "placeholder", id="n-a"),
        pytest.param("N/A", "placeholder", id="n-a-upper"),
        pytest.param("  Unknown ", "placeholder", id="unknown"),
        pytest.param("NULL", "placeholder", id="null"),
        pytest.param("none", "placeholder", id="none"),
        pytest.param("TEST", "placeholder", id="test"),
        pytest.param("xxx", "placeholder", id="xxx"),
        pytest.param("Inconnu", "placeholder", id="fr-inconnu"),
        pytest.param("unbekannt", "placeholder", id="de-unbekannt"),
        pytest.param("Desconocido", "placeholder", id="es-desconocido"),
        pytest.param("-", "placeholder", id="dash"),
        pytest.param("---", "placeholder", id="dashes"),
        pytest.param("?", "placeholder", id="question-mark"),
        pytest.param("N.A", "placeholder", id="n-dot-a"),
        pytest.param("#!*", "invalid_syntax", id="symbols-only"),
        pytest.param("()", "invalid_syntax", id="parens-only"),
        pytest.param("«»", "invalid_syntax", id="guillemets-only"),
        pytest.param("\u0301", "invalid_syntax", id="lone-mark"),
        pytest.param(float("inf"), "invalid_syntax", id="infinity"),
        pytest.param(True, "unsupported_type", id="bool"),
        pytest.param(["Paris"], "unsupported_type", id="list"),
        pytest.param(b"\xff\xfe", "invalid_encoding", id="bad-bytes"),
    ],
)
def test_rejects_with_a_reason(raw: object, reason: str) -> None:
    """Junk and empty-after-cleaning text gives None, and errors='raise' names the reason."""
    assert gr.normalize.text(raw) is None
    with pytest.raises(gr.NormalizationError) as info:
        gr.normalize.text(raw, errors="raise")
    assert (info.value.kind, info.value.reason) == ("text", reason)


@pytest.mark.parametrize("raw", [None, float("nan"), "", " \t\n", "\u3000"])
def test_missing_is_none_even_when_raising(raw: object) -> None:
    """Empty cells are missing, not errors."""
    assert gr.normalize.text(raw, errors="raise") is None


REASONS = {"placeholder", "invalid_syntax", "unsupported_type", "invalid_encoding"}

_CELLS = st.one_of(
    st.text(max_size=40),
    st.integers(),
    st.floats(),
    st.none(),
    st.booleans(),
    st.binary(max_size=12),
    st.lists(st.integers(), max_size=2),
)
# Letters of scripts with simple case mappings, digits, blanks and punctuation.
_CASED = st.text(
    alphabet=st.sampled_from(
        list("abcdefghijklmnopqrstuvwxyzéèüöñçåø")
        + list("αβγδεζηθλμνξοπρστυφχψωάέ")
        + list("абвгдежзийклмнопрстуфхцчшщыэюяёї")
        + list("0123456789 -'.,/()")
    ),
    max_size=25,
)


@settings(max_examples=300)
@given(_CELLS)
def test_never_raises_by_default(x: object) -> None:
    """Whatever the cell holds, the default mode returns text or None."""
    result = gr.normalize.text(x)
    assert result is None or (isinstance(result, str) and result == result.strip() and result)


@settings(max_examples=300)
@given(st.text(max_size=30))
def test_idempotent(s: str) -> None:
    """Normalizing a normalized text changes nothing."""
    once = gr.normalize.text(s)
    if once is not None:
        assert gr.normalize.text(once) == once


@settings(max_examples=200)
@given(_CASED, st.text(alphabet=" \t\n\u00a0\u3000", max_size=3))
def test_insensitive_to_case_and_surrounding_blanks(s: str, blanks: str) -> None:
    """Upper case, lower case and blanks around the text give the same result."""
    expected = gr.normalize.text(s)
    assert gr.normalize.text(s.upper()) == expected
    assert gr.normalize.text(blanks + s.lower() + blanks) == expected


@settings(max_examples=300)
@given(st.text(max_size=20))
def test_raise_exactly_when_ignore_gives_none(s: str) -> None:
    """errors='raise' raises for a non-missing value exactly when the default returns None,
    and its message is made of the kind and the reason only, never the value."""
    quiet = gr.normalize.text(s)
    if quiet is None and s.strip():
        with pytest.raises(gr.NormalizationError) as info:
            gr.normalize.text(s, errors="raise")
        assert info.value.reason in REASONS
        assert str(info.value) == f"text rejected: {info.value.reason}"
    else:
        assert gr.normalize.text(s, errors="raise") == quiet
