"""Identifiers: separators dropped, upper case, leading zeros kept, junk values refused."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goldenrecord as gr


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Separators and case
        pytest.param(" ab-123 ", "AB123", id="dash-and-blanks"),
        pytest.param("ab 12 cd", "AB12CD", id="spaces"),
        pytest.param("AB.12/34_56\\7", "AB1234567", id="dots-slashes-underscores"),
        pytest.param("ab\u00a012", "AB12", id="nbsp"),
        pytest.param("ab\u202f12", "AB12", id="narrow-nbsp"),
        pytest.param("AB\u200b12", "AB12", id="zero-width-space"),
        pytest.param("\ufeffAB12", "AB12", id="byte-order-mark"),
        pytest.param("AB\t12\n", "AB12", id="tab-newline"),
        pytest.param("AB–12—34", "AB1234", id="en-em-dashes"),
        pytest.param("AB\u221212", "AB12", id="minus-sign"),
        pytest.param("ＡＢ－１２３", "AB123", id="fullwidth"),
        pytest.param("cust#42", "CUST#42", id="hash-kept"),
        pytest.param("A+B=1", "A+B=1", id="other-symbols-kept"),
        pytest.param("A", "A", id="single-letter"),
        pytest.param("99", "99", id="two-nines-kept"),
        pytest.param("11", "11", id="two-ones-kept"),
        # Numbers from CSV readers and DataFrames; leading zeros
        pytest.param("007", "007", id="leading-zeros"),
        pytest.param("00042", "00042", id="more-leading-zeros"),
        pytest.param(12345, "12345", id="int"),
        pytest.param(12345.0, "12345", id="integral-float"),
        pytest.param("12345.0", "12345", id="integral-float-as-text"),
        pytest.param(np.int64(987), "987", id="numpy-int"),
        pytest.param(np.float64(4155552671.0), "4155552671", id="numpy-float"),
        pytest.param(Decimal("12345"), "12345", id="decimal"),
        pytest.param(12.5, "125", id="fractional-float-dot-dropped"),
        pytest.param(b"ab-12", "AB12", id="bytes"),
        # National and account identifiers, many countries
        pytest.param(
            "FR76 3000 6000 0112 3456 7890 189", "FR7630006000011234567890189", id="fr-iban"
        ),
        pytest.param("DE89 3704 0044 0532 0130 00", "DE89370400440532013000", id="de-iban"),
        pytest.param("GB29 NWBK 6016 1331 9268 19", "GB29NWBK60161331926819", id="gb-iban"),
        pytest.param("QQ 12 34 56 C", "QQ123456C", id="gb-nino"),
        pytest.param("123-45-6780", "123456780", id="us-ssn"),
        pytest.param("1 80 03 75 123 456 78", "180037512345678", id="fr-nir"),
        pytest.param("12345678Z", "12345678Z", id="es-dni"),
        pytest.param("x-1234567-l", "X1234567L", id="es-nie"),
        pytest.param("RSSMRA80C07H501U", "RSSMRA80C07H501U", id="it-codice-fiscale"),
        pytest.param("rssmra80c07h501u", "RSSMRA80C07H501U", id="it-codice-lower"),
        pytest.param("123.456.789-09", "12345678909", id="br-cpf"),
        pytest.param("12.345.678/0001-95", "12345678000195", id="br-cnpj"),
        pytest.param("7803075123083", "7803075123083", id="za-id"),
        pytest.param("19800307-1234", "198003071234", id="se-personnummer"),
        pytest.param("070380-1234", "0703801234", id="dk-cpr"),
        pytest.param("ABCPE1234F", "ABCPE1234F", id="in-pan"),
        pytest.param("1234 5678 9012", "123456789012", id="in-aadhaar"),
        pytest.param("11010519491231002X", "11010519491231002X", id="cn-resident-id"),
        pytest.param("800307-1234567", "8003071234567", id="kr-rrn"),
        pytest.param("1234-5678-9012", "123456789012", id="jp-my-number"),
        pytest.param("AB 12 34 56 78", "AB12345678", id="nl-bsn-like"),
        pytest.param("S1234567D", "S1234567D", id="sg-nric"),
        pytest.param("7 03 07 123", "70307123", id="gr-amka-like"),
        # Other scripts
        pytest.param("абв-12", "АБВ12", id="ru-cyrillic"),
        pytest.param("АА 123456", "АА123456", id="ru-passport-series"),
        pytest.param("αβγ.12", "ΑΒΓ12", id="gr-greek"),
        pytest.param("١٢٣٤٥", "12345", id="ar-arabic-indic-digits"),
        pytest.param("م ١٢٣-٤٥", "م12345", id="ar-letter-and-digits"),
        pytest.param("۱۲۳۴۵۶", "123456", id="ir-persian-digits"),
        pytest.param("क-१२३", "क123", id="in-devanagari"),
        pytest.param("北京-12", "北京12", id="cn-han"),
        pytest.param("会員 0012", "会員0012", id="jp-member"),
        pytest.param("가-123", "가123", id="kr-hangul"),
        pytest.param("ß-12", "SS12", id="de-eszett-upper"),
        pytest.param("é-12", "É12", id="fr-accent-kept"),
    ],
)
def test_normalizes_identifiers(raw: object, expected: str) -> None:
    """Identifiers from many countries and scripts lose their separators and keep the rest."""
    assert gr.normalize.identifier(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        pytest.param("N/A", "placeholder", id="n-a"),
        pytest.param("n.a.", "placeholder", id="n-dot-a"),
        pytest.param("#N/A", "placeholder", id="excel-na"),
        pytest.param("none", "placeholder", id="none"),
        pytest.param("NULL", "placeholder", id="null"),
        pytest.param("unknown", "placeholder", id="unknown"),
        pytest.param("TEST", "placeholder", id="test"),
        pytest.param("Test", "placeholder", id="test-title"),
        pytest.param("-", "placeholder", id="dash"),
        pytest.param("?", "placeholder", id="question-mark"),
        pytest.param("0", "placeholder", id="zero"),
        pytest.param("0000", "placeholder", id="zeros"),
        pytest.param("000-000-0000", "placeholder", id="zeros-with-dashes"),
        pytest.param(0, "placeholder", id="zero-int"),
        pytest.param(0.0, "placeholder", id="zero-float"),
        pytest.param("٠٠٠٠", "placeholder", id="arabic-indic-zeros"),
        pytest.param("9999", "placeholder", id="nines"),
        pytest.param("999-99-9999", "placeholder", id="nines-dashes"),
        pytest.param("111", "placeholder", id="three-ones"),
        pytest.param("XXXX", "placeholder", id="xs"),
        pytest.param("xx-xx", "placeholder", id="xs-dashed"),
        pytest.param("AA", "placeholder", id="two-letters-same"),
        pytest.param("ЖЖЖ", "placeholder", id="cyrillic-repeated"),
        pytest.param("123456789", "placeholder", id="run-123456789"),
        pytest.param("123-45-6789", "placeholder", id="run-ssn-shaped"),
        pytest.param("0123456789", "placeholder", id="run-0123456789"),
        pytest.param("1234567890", "placeholder", id="run-1234567890"),
        pytest.param("987654321", "placeholder", id="run-descending"),
        pytest.param("#*", "invalid_syntax", id="symbols-only"),
        pytest.param("#", "invalid_syntax", id="hash-only"),
        pytest.param("#0000", "placeholder", id="hash-zeros"),
        pytest.param("+=+", "invalid_syntax", id="plus-equals"),
        pytest.param("§¶", "invalid_syntax", id="section-pilcrow"),
        pytest.param(float("inf"), "invalid_syntax", id="infinity"),
        pytest.param(True, "unsupported_type", id="bool"),
        pytest.param(("A", 1), "unsupported_type", id="tuple"),
        pytest.param(b"\xc3\x28", "invalid_encoding", id="bad-bytes"),
    ],
)
def test_rejects_with_a_reason(raw: object, reason: str) -> None:
    """Junk identifiers give None, and errors='raise' names the reason."""
    assert gr.normalize.identifier(raw) is None
    with pytest.raises(gr.NormalizationError) as info:
        gr.normalize.identifier(raw, errors="raise")
    assert (info.value.kind, info.value.reason) == ("identifier", reason)


@pytest.mark.parametrize("raw", [None, float("nan"), "", "   ", "\u00a0"])
def test_missing_is_none_even_when_raising(raw: object) -> None:
    """Empty cells are missing, not errors."""
    assert gr.normalize.identifier(raw, errors="raise") is None


REASONS = {"placeholder", "invalid_syntax", "unsupported_type", "invalid_encoding"}

_CELLS = st.one_of(
    st.text(max_size=40),
    st.integers(),
    st.floats(),
    st.none(),
    st.booleans(),
    st.binary(max_size=12),
    st.decimals(allow_nan=True),
)
_CASED = st.text(
    alphabet=st.sampled_from(
        list("abcdefghijklmnopqrstuvwxyz0123456789 -./_")
        + list("αβγδεζηθλμνξοπρστυφχψω")
        + list("абвгдежзийклмнопрстуфхцчшщыэюяё")
    ),
    max_size=20,
)


@settings(max_examples=300)
@given(_CELLS)
def test_never_raises_by_default(x: object) -> None:
    """Whatever the cell holds, the default mode returns a compact identifier or None."""
    result = gr.normalize.identifier(x)
    assert result is None or (isinstance(result, str) and result and " " not in result)


@settings(max_examples=300)
@given(st.text(max_size=30))
def test_idempotent(s: str) -> None:
    """Normalizing a normalized identifier changes nothing."""
    once = gr.normalize.identifier(s)
    if once is not None:
        assert gr.normalize.identifier(once) == once


@settings(max_examples=200)
@given(_CASED, st.text(alphabet=" \t\n\u00a0\u3000", max_size=3))
def test_insensitive_to_case_and_surrounding_blanks(s: str, blanks: str) -> None:
    """Upper case, lower case and blanks around the identifier give the same result."""
    expected = gr.normalize.identifier(s)
    assert gr.normalize.identifier(s.lower()) == expected
    assert gr.normalize.identifier(blanks + s.upper() + blanks) == expected


@settings(max_examples=200)
@given(st.from_regex(r"[1-9][0-9]{0,11}", fullmatch=True))
def test_digits_read_alike_from_text_int_and_float(digits: str) -> None:
    """An identifier read by a CSV reader as text, int or float normalizes the same way."""
    expected = gr.normalize.identifier(digits)
    assert gr.normalize.identifier(int(digits)) == expected
    assert gr.normalize.identifier(float(digits)) == expected


@settings(max_examples=300)
@given(st.text(max_size=20))
def test_raise_exactly_when_ignore_gives_none(s: str) -> None:
    """errors='raise' raises for a non-missing value exactly when the default returns None,
    and its message is made of the kind and the reason only, never the value."""
    quiet = gr.normalize.identifier(s)
    if quiet is None and s.strip():
        with pytest.raises(gr.NormalizationError) as info:
            gr.normalize.identifier(s, errors="raise")
        assert info.value.reason in REASONS
        assert str(info.value) == f"identifier rejected: {info.value.reason}"
    else:
        assert gr.normalize.identifier(s, errors="raise") == quiet
