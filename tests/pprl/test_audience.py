"""``gr.pprl.audience``: each platform's normalization, known hashes, and consent."""

from __future__ import annotations

import pytest

import goldenrecord as gr

# Hashes computed independently (``printf '%s' TEXT | sha256sum``).
SHA = {
    "jsmith@gmail.com": "2d974c2de0956a540ed36cfa50622b60ab5de35cec066ad1b6d02832f96bbf81",
    "j.smith@acme-mail.net": "0980c895910221415c45a61b66d27f683190f366bc371b5c5e2e480e60ab75ed",
    "+14155552671": "cb6880e416769253645cb9c6b8989154bf66a56a77fc14c81fb1019663cbb928",
    "14155552671": "758fbf68945f21c416814c539ab578876c8d98fb69e6da692def92cd52417fe0",
    "+447911123456": "20b18ac9de7b3aad174961827d8e451c410af9aedfd1d699927f4b29b81aa1fa",
    "447911123456": "40b5c38342a9c584ec707e8679b003f8c779c6aaa138c976ef94e049cc05208f",
}
SCHEMA = gr.Schema(
    id="id",
    fields={"mail": "email", "tel": "phone", "country": "country"},
    consent={"ads": "ok"},
)


@pytest.mark.parametrize(
    ("platform", "email", "expected"),
    [
        ("google", " J.Smith@GMAIL.com ", "jsmith@gmail.com"),
        ("google", "J.Smith+news@googlemail.com", "jsmith@gmail.com"),
        ("google", " J.Smith@Acme-Mail.net", "j.smith@acme-mail.net"),
        ("meta", " J.Smith@Acme-Mail.net ", "j.smith@acme-mail.net"),
        ("meta", "J.Smith@gmail.com", "jsmith@gmail.com"),
        ("sha256", "J.SMITH@acme-mail.NET", "j.smith@acme-mail.net"),
    ],
)
def test_emails_hash_to_the_platforms_published_normal_form(
    platform: str, email: str, expected: str
) -> None:
    rows = {"id": ["1"], "mail": [email], "tel": [None], "country": [None], "ok": ["yes"]}
    out = gr.pprl.audience(rows, SCHEMA, platform=platform, purpose="ads")
    assert out["email"] == [SHA[expected]]


@pytest.mark.parametrize(
    ("platform", "phone", "country", "expected"),
    [
        ("google", "(415) 555-2671", "US", "+14155552671"),
        ("google", "+1 415 555 2671", None, "+14155552671"),
        ("meta", "(415) 555-2671", "US", "14155552671"),
        ("meta", "07911 123456", "GB", "447911123456"),
        ("meta", "0044 7911 123456", None, "447911123456"),
        ("sha256", "07911 123456", "United Kingdom", "+447911123456"),
    ],
)
def test_phones_hash_to_the_platforms_published_normal_form(
    platform: str, phone: str, country: str | None, expected: str
) -> None:
    rows = {"id": ["1"], "mail": [None], "tel": [phone], "country": [country], "ok": ["yes"]}
    out = gr.pprl.audience(rows, SCHEMA, platform=platform, purpose="ads")
    assert out["phone"] == [SHA[expected]]


def test_only_records_that_said_yes_for_the_purpose_are_exported() -> None:
    rows = {
        "id": ["1", "2", "3", "4"],
        "mail": ["a@x.io", "b@x.io", "c@x.io", None],
        "tel": [None, None, None, None],
        "country": [None] * 4,
        "ok": ["yes", "no", None, "yes"],
    }
    out = gr.pprl.audience(rows, SCHEMA, platform="sha256", purpose="ads")
    assert out["id"] == ["1"]  # 2 said no, 3 said nothing, 4 has nothing to export


def test_a_resolution_exports_one_row_per_consenting_profile() -> None:
    rows = {
        "id": ["1", "2", "3"],
        "mail": ["ana@x.io", "ana@x.io", "bo@y.io"],
        "tel": [None, "+44 7911 123456", None],
        "country": ["GB", "GB", None],
        "ok": ["no", "yes", "no"],
    }
    res = gr.resolve(rows, SCHEMA, purpose="ads")
    out = gr.pprl.audience(res, SCHEMA, platform="meta", purpose="ads")
    assert len(out["id"]) == 1  # the profile of 1 and 2; its latest statement is yes
    assert out["phone"] == [SHA["447911123456"]]


@pytest.mark.parametrize(
    ("options", "match"),
    [({"platform": "tiktok", "purpose": "ads"}, "platform"), ({"purpose": "mail"}, "purpose")],
)
def test_unknown_platforms_and_purposes_are_settings_errors(
    options: dict[str, str], match: str
) -> None:
    with pytest.raises(gr.SettingsError, match=match):
        gr.pprl.audience(
            {"id": [], "mail": [], "tel": [], "country": [], "ok": []}, SCHEMA, **options
        )
