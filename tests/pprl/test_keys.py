"""HKDF (RFC 5869) and the keys derived from the shared secret."""

from __future__ import annotations

import pytest

import goldenrecord as gr
from goldenrecord.pprl._keys import derive_key, hkdf_expand, hkdf_extract


def test_hkdf_matches_rfc_5869_test_case_1() -> None:
    prk = hkdf_extract(bytes(range(13)), b"\x0b" * 22)
    assert prk.hex() == "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5"
    okm = hkdf_expand(prk, bytes(range(0xF0, 0xFA)), 42)
    assert okm.hex() == (
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
    )


def test_hkdf_matches_rfc_5869_test_case_3_zero_salt_and_info() -> None:
    prk = hkdf_extract(b"", b"\x0b" * 22)
    assert prk.hex() == "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04"
    okm = hkdf_expand(prk, b"", 42)
    assert okm.hex() == (
        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"
    )


def test_each_purpose_has_its_own_key_and_text_equals_its_utf8_bytes() -> None:
    secret = "a shared secret of some length"
    keys = {derive_key(secret, p) for p in ("hmac:email", "hmac:phone", "bloom:given_name")}
    assert len(keys) == 3
    assert derive_key(secret, "hmac:email") == derive_key(secret.encode(), "hmac:email")


@pytest.mark.parametrize("secret", ["short", b"0123456789abcde", 12345])
def test_a_weak_or_wrong_secret_is_a_settings_error(secret: object) -> None:
    with pytest.raises(gr.SettingsError, match="secret"):
        derive_key(secret, "hmac:email")  # type: ignore[arg-type]
