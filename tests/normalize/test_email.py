"""Email addresses as customers and systems type them, with provider rules and junk."""

from __future__ import annotations

import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import given, settings
from hypothesis import strategies as st

import goldenrecord as gr


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Case, white space and decoration.
        pytest.param("Ana.Lima@Example-Shop.com", "ana.lima@example-shop.com", id="case"),
        pytest.param("  bob@company.co.uk \t", "bob@company.co.uk", id="whitespace"),
        pytest.param("Bob Smith <bob@company.com>", "bob@company.com", id="display-name"),
        pytest.param('"Smith, Bob" <Bob@Company.com>', "bob@company.com", id="quoted-name"),
        pytest.param("<bob@company.com>", "bob@company.com", id="angle-brackets"),
        pytest.param("mailto:bob@company.com", "bob@company.com", id="mailto"),
        pytest.param("MAILTO:bob@company.com?subject=Hi", "bob@company.com", id="mailto-query"),
        pytest.param("bob@company.com.", "bob@company.com", id="trailing-dot"),
        pytest.param("bob@company.com;", "bob@company.com", id="trailing-semicolon"),
        pytest.param("'bob@company.com'", "bob@company.com", id="quotes"),
        pytest.param("ｂｏｂ＠ｃｏｍｐａｎｙ．ｃｏｍ", "bob@company.com", id="full-width"),
        # Gmail.
        pytest.param("J.Smith+shop@GoogleMail.com", "jsmith@gmail.com", id="gmail-design"),
        pytest.param("john.smith@gmail.com", "johnsmith@gmail.com", id="gmail-dots"),
        pytest.param("johnsmith+news@gmail.com", "johnsmith@gmail.com", id="gmail-tag"),
        pytest.param("j.o.h.n.smith@googlemail.com", "johnsmith@gmail.com", id="googlemail"),
        # Providers with + subaddresses.
        pytest.param("bob.smith+deals@outlook.com", "bob.smith@outlook.com", id="outlook"),
        pytest.param("marie+promo@hotmail.fr", "marie@hotmail.fr", id="hotmail-fr"),
        pytest.param("sam+x@hotmail.co.uk", "sam@hotmail.co.uk", id="hotmail-uk"),
        pytest.param("lena+a@live.de", "lena@live.de", id="live-de"),
        pytest.param("kim+a@msn.com", "kim@msn.com", id="msn"),
        pytest.param("ana+news@icloud.com", "ana@icloud.com", id="icloud"),
        pytest.param("ana+news@me.com", "ana@me.com", id="me-com"),
        pytest.param("joe+x@fastmail.com", "joe@fastmail.com", id="fastmail"),
        pytest.param("joe+x@protonmail.com", "joe@protonmail.com", id="protonmail"),
        pytest.param("joe+x@proton.me", "joe@proton.me", id="proton-me"),
        pytest.param("ivan+shop@yandex.ru", "ivan@yandex.ru", id="yandex"),
        # Yahoo uses "-".
        pytest.param("bob.smith-promo@yahoo.co.uk", "bob.smith@yahoo.co.uk", id="yahoo-uk"),
        pytest.param("jose.garcia-tienda@yahoo.es", "jose.garcia@yahoo.es", id="yahoo-es"),
        pytest.param("ann-x@ymail.com", "ann@ymail.com", id="ymail"),
        # Other domains keep their local part.
        pytest.param("bob+sales@company.com", "bob+sales@company.com", id="keep-plus"),
        pytest.param("jean.dupont@orange.fr", "jean.dupont@orange.fr", id="keep-dots"),
        pytest.param("ann-marie@web.de", "ann-marie@web.de", id="keep-dash"),
        pytest.param("info@boulangerie-paul.fr", "info@boulangerie-paul.fr", id="shared-inbox"),
        # Internationalized domains and local parts.
        pytest.param("user@bücher.de", "user@bücher.de", id="idn-unicode"),
        pytest.param("user@xn--bcher-kva.de", "user@bücher.de", id="idn-punycode"),
        pytest.param("用户@例子.广告", "用户@例子.广告", id="chinese"),
        pytest.param("Δοκιμή@παράδειγμα.ελ", "δοκιμή@παράδειγμα.ελ", id="greek"),
        pytest.param("иван@почта.рф", "иван@почта.рф", id="cyrillic"),
        pytest.param("राम@उदाहरण.भारत", "राम@उदाहरण.भारत", id="devanagari"),
        pytest.param("محمد@example-mail.com", "محمد@example-mail.com", id="arabic-local"),
        pytest.param("wang.wei@163.com", "wang.wei@163.com", id="cn-163"),
        pytest.param(b"ana@shop.com", "ana@shop.com", id="bytes"),
    ],
)
def test_canonical_forms(raw: object, expected: str) -> None:
    """Each spelling of a mailbox gives its one canonical address."""
    assert gr.normalize.email(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        pytest.param("test@test.com", "placeholder", id="test-test"),
        pytest.param("noemail@shop.com", "placeholder", id="noemail"),
        pytest.param("no-email@shop.fr", "placeholder", id="no-email"),
        pytest.param("none@none.com", "placeholder", id="none-none"),
        pytest.param("a@a.com", "placeholder", id="a-a"),
        pytest.param("x@x.fr", "placeholder", id="x-x"),
        pytest.param("noreply@shop.com", "placeholder", id="noreply"),
        pytest.param("no-reply@bank.co.uk", "placeholder", id="no-reply"),
        pytest.param("donotreply@bank.com", "placeholder", id="donotreply"),
        pytest.param("null@company.com", "placeholder", id="null"),
        pytest.param("na@na.com", "placeholder", id="na-na"),
        pytest.param("xxx@xxx.com", "placeholder", id="xxx"),
        pytest.param("asdf@asdf.com", "placeholder", id="asdf"),
        pytest.param("email@email.com", "placeholder", id="email-email"),
        pytest.param("abc@abc.com", "placeholder", id="abc-abc"),
        pytest.param("unknown@shop.com", "placeholder", id="unknown"),
        pytest.param("ana@example.com", "placeholder", id="example-com"),
        pytest.param("ana@example.org", "placeholder", id="example-org"),
        pytest.param("ana@shop.test", "placeholder", id="tld-test"),
        pytest.param("ana@shop.example", "placeholder", id="tld-example"),
        pytest.param("ana@host.invalid", "placeholder", id="tld-invalid"),
        pytest.param("ana@localhost", "placeholder", id="localhost"),
        pytest.param("not an address", "invalid_syntax", id="words"),
        pytest.param("ana@", "invalid_syntax", id="no-domain"),
        pytest.param("@shop.com", "invalid_syntax", id="no-local"),
        pytest.param("ana@@shop.com", "invalid_syntax", id="double-at"),
        pytest.param("ana.@shop.com", "invalid_syntax", id="dot-before-at"),
        pytest.param("ana@shop", "invalid_syntax", id="no-tld"),
        pytest.param("ana lima@shop.com", "invalid_syntax", id="space-in-local"),
        pytest.param("+tag@gmail.com", "invalid_syntax", id="only-a-tag"),
        pytest.param(12345, "invalid_syntax", id="int"),
    ],
)
def test_rejections_have_reasons(raw: object, reason: str) -> None:
    """Junk and malformed addresses give None, and say why when asked."""
    assert gr.normalize.email(raw) is None
    with pytest.raises(gr.NormalizationError) as info:
        gr.normalize.email(raw, errors="raise")
    assert info.value.reason == reason
    assert str(raw) not in str(info.value)


@pytest.mark.parametrize("cell", [None, float("nan"), "", "   ", True, ["a@b.co"]])
def test_missing_and_odd_cells(cell: object) -> None:
    """Empty and non-text cells give None, never an exception."""
    assert gr.normalize.email(cell) is None


_ADDRESSES = st.emails()


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), _ADDRESSES, st.integers(), st.none()))
def test_never_raises_and_is_idempotent(x: object) -> None:
    """Any cell gives an address or None; normalizing the result changes nothing."""
    out = gr.normalize.email(x)
    if out is not None:
        assert gr.normalize.email(out) == out
        assert gr.normalize.email(f"  {out.upper()}  ") == out


@settings(max_examples=200, deadline=None)
@given(_ADDRESSES)
def test_accepts_only_what_email_validator_accepts(address: str) -> None:
    """Nothing is accepted that email-validator rejects."""
    out = gr.normalize.email(address)
    if out is not None:
        try:
            validate_email(address, check_deliverability=False)
        except EmailNotValidError:  # pragma: no cover - the assertion documents the failure
            pytest.fail("accepted an address email-validator rejects")


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=30), _ADDRESSES))
def test_raise_mode_agrees_with_default(x: str) -> None:
    """errors="raise" raises exactly when the default gives None for a non-empty cell."""
    out = gr.normalize.email(x)
    if out is None and x.strip():
        with pytest.raises(gr.NormalizationError):
            gr.normalize.email(x, errors="raise")
    else:
        assert gr.normalize.email(x, errors="raise") == out
