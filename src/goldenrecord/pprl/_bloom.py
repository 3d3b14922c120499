"""Hardened Bloom filters of q-grams (cryptographic long-term keys, Schnell et al. 2009).

A value's q-grams (``q = 2``, padded with ``_`` at both ends: ``ana`` gives ``_a``, ``an``,
``na``, ``a_``) each set ``k`` bits of an ``m``-bit filter; two values that share most of
their q-grams share most of their bits, and the Dice coefficient of the filters tracks
that of the q-gram sets. The default filter is hardened three ways (Christen et al.
2017 showed that plain filters fall to frequency and pattern-mining attacks):

* **random hashing**: a q-gram's ``k`` positions are read off ``HMAC-SHA256(key, salt |
  q-gram)``, independent for each q-gram, instead of double hashing (whose positions
  form an arithmetic progression an attacker can recognise);
* **attribute salting**: the salt is a stable attribute of the record (its year of
  birth by default): one name gets unrelated filters in different years, so equal
  filters no longer mark equal names across the table and the frequencies an attacker
  would align are flattened;
* **XOR folding**: the filter's two halves are XOR-ed into one (``m / 2`` bits), so no
  bit tells whether a q-gram's position was set, and patterns of positions are mixed.

The parameters (``m = 1024``, ``k = 16``, ``q = 2``, one fold) follow the field-level
filters of the literature (Schnell et al. used ``m = 1000`` and ``k`` of 15 to 30): a
name of 6 letters has 7 bigrams, so about 110 of 1024 bits are set (11%), and 20% of
the folded 512; ``k = 16`` positions are the 16 two-byte words of one digest.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from typing import Any, Final, cast

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord.errors import SettingsError

__all__ = ["BloomEncoder", "BloomParams", "qgrams"]

_MEMO_LIMIT: Final = 1_000_000


def qgrams(text: str, q: int = 2) -> set[str]:
    """The distinct q-grams of ``text`` padded with ``_`` at both ends.

    >>> sorted(qgrams("ana"))
    ['_a', 'a_', 'an', 'na']
    """
    padded = f"{'_' * (q - 1)}{text}{'_' * (q - 1)}"
    return {padded[i : i + q] for i in range(len(padded) - q + 1)}


def _power_of_two(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 64 or value & (value - 1):
        raise SettingsError(f"bloom {attribute.name} must be a power of two >= 64, got {value}")


def _hashes(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not 1 <= value <= 16:
        raise SettingsError(f"bloom {attribute.name} must be in 1..16, got {value}")


def _gram(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not 1 <= value <= 4:
        raise SettingsError(f"bloom {attribute.name} must be in 1..4, got {value}")


def _hashing(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in ("random", "double"):
        raise SettingsError(f"bloom {attribute.name} must be 'random' or 'double', got {value!r}")


@attrs.frozen
class BloomParams:
    """How names and addresses are turned into Bloom filters.

    Attributes:
        length: bits of the filter before folding (a power of two).
        hashes: bit positions per q-gram (``k``).
        q: q-gram length.
        folds: XOR folds (each halves the filter); 0 leaves it whole.
        hashing: ``"random"`` (independent positions per q-gram) or ``"double"``
            (``h1 + i * h2``, the unhardened scheme, kept for comparison).
    """

    length: int = attrs.field(default=1024, validator=_power_of_two)
    hashes: int = attrs.field(default=16, validator=_hashes)
    q: int = attrs.field(default=2, validator=_gram)
    folds: int = 1
    hashing: str = attrs.field(default="random", validator=_hashing)

    def __attrs_post_init__(self) -> None:
        if not self.folds >= 0 or self.length >> self.folds < 64:
            raise SettingsError(f"bloom folds must leave at least 64 bits, got {self.folds}")

    @property
    def bits(self) -> int:
        """Bits of the encoded (folded) filter."""
        return self.length >> self.folds

    def to_dict(self) -> dict[str, Any]:
        """The parameters as a JSON-ready dict."""
        return attrs.asdict(self)


class BloomEncoder:
    """Encodes values of one field with one key: q-gram digests and filters memoized."""

    def __init__(self, key: bytes, params: BloomParams) -> None:
        self.key = key
        self.params = params
        self._ids: dict[str, dict[str, int]] = {}  # salt -> q-gram -> number
        self._count = 0
        self._digests = bytearray()
        self._done: dict[tuple[str, str], str] = {}

    def _gram_id(self, salt: str, gram: str) -> int:
        """The number of a (salt, q-gram), its digest computed on first sight."""
        found = self._ids.setdefault(salt, {}).get(gram)
        if found is None:
            self._digests += hmac.digest(self.key, f"{salt}\x1f{gram}".encode(), "sha256")
            found = self._ids[salt][gram] = self._count
            self._count += 1
        return found

    def _positions(self) -> npt.NDArray[np.int64]:
        """The bit positions of every (salt, q-gram) seen, one row each."""
        p = self.params
        words = np.frombuffer(bytes(self._digests), dtype=">u2").reshape(-1, 16).astype(np.int64)
        if p.hashing == "random":
            return np.asarray(words[:, : p.hashes] % p.length, dtype=np.int64)
        # double hashing: an arithmetic progression h1 + i * h2
        steps = np.arange(p.hashes, dtype=np.int64)
        h1, h2 = words[:, :1], words[:, 1:2] | 1
        return np.asarray((h1 + steps * h2) % p.length, dtype=np.int64)

    def positions(self, salt: str, gram: str) -> tuple[int, ...]:
        """The bit positions a q-gram sets under a salt."""
        return tuple(self._positions()[self._gram_id(salt, gram)].tolist())

    def encode(self, texts: Sequence[str | None], salts: Sequence[str]) -> list[str | None]:
        """The hex filter of each text with its record's salt (None stays None)."""
        p = self.params
        done = self._done
        if len(done) > _MEMO_LIMIT:  # memory stays bounded on long streams
            done.clear()
        todo: dict[tuple[str, str], int] = {}
        rows: list[int] = []
        grams: list[int] = []
        q, pad, gram_id = p.q, "_" * (p.q - 1), self._gram_id
        for text, salt in zip(texts, salts, strict=True):
            if text is None or (text, salt) in done or (text, salt) in todo:
                continue
            row = todo[(text, salt)] = len(todo)
            padded = f"{pad}{text}{pad}"
            ids = self._ids.setdefault(salt, {})
            known = [ids.get(padded[i : i + q]) for i in range(len(padded) - q + 1)]
            found = (
                [gram_id(salt, padded[i : i + q]) for i in range(len(padded) - q + 1)]
                if None in known
                else cast(list[int], known)
            )
            unique = set(found)  # a q-gram met twice sets its bits once
            grams.extend(unique)
            rows.extend([row] * len(unique))
        if todo:
            bits = np.zeros((len(todo), p.length), dtype=np.bool_)
            cols = self._positions()[grams]
            bits[np.repeat(np.asarray(rows, dtype=np.int64), p.hashes), cols.reshape(-1)] = True
            for _ in range(p.folds):
                half = bits.shape[1] // 2
                bits = bits[:, :half] ^ bits[:, half:]
            width = p.bits // 4
            text_hex = np.packbits(bits, axis=1).tobytes().hex()
            for key, row in todo.items():
                done[key] = text_hex[row * width : (row + 1) * width]
        return [
            None if text is None else done[(text, salt)]
            for text, salt in zip(texts, salts, strict=True)
        ]
