"""The store's secret: keyed digests for profile ids, tombstones, golden-value digests
and shared values, with the key kept outside the database file.

An attacker who holds only the database file cannot tell which key a profile id or a
tombstone stands for, nor test a guessed value against a shared-value digest: each is a
BLAKE2b MAC under a key derived from the secret, and the file holds no part of it (only
a MAC of a fixed text, to tell a wrong secret from the right one). The secret comes from
``IdentityStore(path, secret=...)``, or from a key file beside the store
(``<path>.key``, 32 random bytes in hex, created with permissions 0600 on first use).

>>> keys = Keys(b"0" * 32)
>>> keys.profile_id("crm:000123") == keys.profile_id("crm:000123")
True
>>> keys.profile_id("crm:000123") == Keys(b"1" * 32).profile_id("crm:000123")
False
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets

from goldenrecord.errors import StoreError

__all__ = ["Keys", "load_secret"]

_CHECK = b"goldenrecord identity store"
_REMEMBERED = 100_000  # shared-value digests kept in memory


class Keys:
    """Digests keyed by the store's secret, one key per use (BLAKE2b ``person``)."""

    def __init__(self, secret: bytes) -> None:
        self._master = hashlib.blake2b(secret, digest_size=32, person=b"gr-store-secret").digest()
        self._shared: dict[tuple[str, str], str] = {}  # digests of values looked at lately

    def _mac(self, use: bytes, text: str, size: int) -> str:
        data = text.encode("utf-8", "surrogatepass")
        return hashlib.blake2b(data, key=self._master, digest_size=size, person=use).hexdigest()

    def profile_id(self, record_key: str) -> str:
        """The id of the profile whose smallest record key is ``record_key``."""
        return "gp_" + self._mac(b"profile-id", record_key, 8)

    def tombstone(self, record_key: str) -> str:
        """What the store keeps of an erased record key."""
        return self._mac(b"tombstone", record_key, 16)

    def value(self, text: str) -> str:
        """A golden value's digest (to tell which fields an ingest changed)."""
        return self._mac(b"golden-value", text, 8)

    def shared(self, column: str, value: object) -> str:
        """A shared value's digest (the value itself is not stored); remembered for the
        values looked at lately (every value of every scored record is checked)."""
        key = (column, str(value))
        digest = self._shared.get(key)
        if digest is None:
            if len(self._shared) >= _REMEMBERED:
                self._shared.clear()
            digest = self._shared[key] = self._mac(b"shared-value", f"{column}\x1f{value}", 16)
        return digest

    def check(self) -> str:
        """A MAC of a fixed text: tells whether a secret is the store's own."""
        return self._mac(b"check", _CHECK.decode(), 16)

    def matches(self, stored: str) -> bool:
        return hmac.compare_digest(self.check(), stored)


def load_secret(secret: bytes | str | None, key_file: str, *, create: bool) -> bytes:
    """The secret given, or the key file's (created with permissions 0600 when
    ``create`` and missing).

    Raises:
        StoreError: an empty secret; a key file that is missing (and not to be created),
            empty or unreadable.
    """
    if secret is not None:
        given = secret.encode("utf-8") if isinstance(secret, str) else bytes(secret)
        if not given:
            raise StoreError("secret= is empty; give the store's secret (bytes or str)")
        return given
    if not os.path.exists(key_file):
        if not create:
            raise StoreError(
                "the store's key file is missing: pass secret= or restore the key file "
                "kept beside the store (<store>.key)"
            )
        # written whole under a temporary name, then linked into place: a concurrent
        # opener sees no key file or the complete one, never a partial one
        temporary = f"{key_file}.{secrets.token_hex(4)}.tmp"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(secrets.token_hex(32) + "\n")
                f.flush()
                os.fsync(f.fileno())
            with contextlib.suppress(FileExistsError):  # another process made one: use it
                os.link(temporary, key_file)
        finally:
            os.unlink(temporary)
    try:
        with open(key_file, "rb") as f:
            data = f.read().strip()
    except OSError:
        raise StoreError("the store's key file cannot be read") from None
    if not data:
        raise StoreError("the store's key file is empty")
    return data
