"""Keys from one shared secret: HKDF (RFC 5869) over HMAC-SHA256.

Both parties hold one secret. Every use gets its own key, derived with HKDF: the
extract step turns the secret into a pseudorandom key (salted with a fixed label of
this scheme), the expand step derives one 32-byte key per purpose (``hmac:email``,
``bloom:given_name``...). A key that leaks reveals nothing about the secret or the
other keys, and the Bloom filter of a given name never uses the key of a family name.

RFC 5869, test case 1:

>>> prk = hkdf_extract(bytes(range(13)), b"\\x0b" * 22)
>>> prk.hex()[:16]
'077709362c2e32df'
>>> hkdf_expand(prk, bytes(range(0xF0, 0xFA)), 42).hex()[:24]
'3cb25f25faacd57a90434f64'
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from typing import Final

from goldenrecord.errors import SettingsError

__all__ = [
    "MIN_SECRET_BYTES",
    "SCHEME",
    "KeyedHash",
    "derive_key",
    "hkdf_expand",
    "hkdf_extract",
    "secret_bytes",
]

SCHEME: Final = "goldenrecord.pprl/1"
"""The name and version of the encoding scheme; part of every key and tag."""
MIN_SECRET_BYTES: Final = 16
"""The shortest secret accepted: 128 bits."""
_HASH_LEN: Final = 32
_BLOCK: Final = 64  # SHA-256's block size
_INNER: Final = bytes(x ^ 0x36 for x in range(256))
_OUTER: Final = bytes(x ^ 0x5C for x in range(256))


def hkdf_extract(salt: bytes, ikm: bytes) -> bytes:
    """HKDF-Extract: ``HMAC-SHA256(salt, ikm)`` (a zero salt when empty)."""
    return hmac.digest(salt or bytes(_HASH_LEN), ikm, "sha256")


def hkdf_expand(prk: bytes, info: bytes, length: int) -> bytes:
    """HKDF-Expand: ``T(1) | T(2) | ...``, ``T(i) = HMAC(prk, T(i-1) | info | i)``."""
    if not 0 < length <= 255 * _HASH_LEN:
        raise SettingsError(f"HKDF length must be in 1..{255 * _HASH_LEN}, got {length}")
    out, block = b"", b""
    for i in range(1, -(-length // _HASH_LEN) + 1):
        block = hmac.digest(prk, block + info + bytes([i]), "sha256")
        out += block
    return out[:length]


def secret_bytes(secret: str | bytes) -> bytes:
    """The secret as bytes (text as UTF-8); SettingsError when it is too short.

    >>> secret_bytes("x" * 16) == b"x" * 16
    True
    """
    if isinstance(secret, str):
        secret = secret.encode("utf-8")
    if not isinstance(secret, bytes):
        raise SettingsError("secret must be text or bytes")
    if len(secret) < MIN_SECRET_BYTES:
        raise SettingsError(
            f"secret must be at least {MIN_SECRET_BYTES} bytes (128 bits); generate one "
            "with secrets.token_urlsafe(32) and share it out of band"
        )
    return secret


def derive_key(secret: str | bytes, purpose: str) -> bytes:
    """The 32-byte key of one purpose (``"hmac:email"``, ``"bloom:given_name"``).

    >>> derive_key("s" * 16, "hmac:email") != derive_key("s" * 16, "hmac:phone")
    True
    """
    prk = hkdf_extract(hashlib.sha256(SCHEME.encode()).digest(), secret_bytes(secret))
    return hkdf_expand(prk, f"{SCHEME}/{purpose}".encode(), _HASH_LEN)


class KeyedHash:
    """HMAC-SHA256 (RFC 2104) under one key, for many messages.

    The key's two padded blocks are hashed once, here; each message then costs two
    copies of those hash states (``hmac.digest`` hashes both blocks again for every
    message: about twice the work on the short messages of an encoding).

    >>> key = derive_key("s" * 16, "hmac:email")
    >>> KeyedHash(key).digests([b"ana", b"bob"]) == [
    ...     hmac.digest(key, b"ana", "sha256"), hmac.digest(key, b"bob", "sha256")]
    True
    """

    def __init__(self, key: bytes) -> None:
        if len(key) > _BLOCK:
            key = hashlib.sha256(key).digest()
        block = key.ljust(_BLOCK, b"\0")
        self._inner = hashlib.sha256(block.translate(_INNER))
        self._outer = hashlib.sha256(block.translate(_OUTER))

    def digest(self, message: bytes) -> bytes:
        """``HMAC-SHA256(key, message)``."""
        inner = self._inner.copy()
        inner.update(message)
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.digest()

    def digests(self, messages: Iterable[bytes]) -> list[bytes]:
        """``HMAC-SHA256(key, m)`` of each message, in order."""
        inner_state, outer_state = self._inner, self._outer
        out = []
        for message in messages:
            inner = inner_state.copy()
            inner.update(message)
            outer = outer_state.copy()
            outer.update(inner.digest())
            out.append(outer.digest())
        return out
