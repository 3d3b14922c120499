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

from collections.abc import Sequence
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord.errors import SettingsError
from goldenrecord.pprl._keys import KeyedHash

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
    """Encodes values of one field with one key: q-gram digests and filters memoized.

    A batch of values is encoded with array operations: the q-grams of all its
    distinct (value, salt) pairs are cut from one array of code points, and only the
    distinct (salt, q-gram) pairs of the batch are looked up (a keyed digest on first
    sight); the bits are then set, folded and packed for all values at once.
    """

    def __init__(self, key: bytes, params: BloomParams) -> None:
        self.key = key
        self.params = params
        self._hash = KeyedHash(key)
        self._ids: dict[str, dict[str, int]] = {}  # salt -> q-gram -> number
        self._table = np.zeros((0, params.hashes), dtype=np.int64)  # number -> positions
        self._done: dict[tuple[str, str], str] = {}

    def _numbers(self, grams: Sequence[tuple[str, str]]) -> npt.NDArray[np.int64]:
        """The numbers of (salt, q-gram) pairs, their digests computed on first sight."""
        out = np.empty(len(grams), dtype=np.int64)
        fresh: list[bytes] = []
        count = len(self._table)
        ids = self._ids
        for i, (salt, gram) in enumerate(grams):
            known = ids.get(salt)
            if known is None:
                known = ids[salt] = {}
            found = known.get(gram)
            if found is None:
                fresh.append(f"{salt}\x1f{gram}".encode())
                found = known[gram] = count + len(fresh) - 1
            out[i] = found
        if fresh:
            digests = b"".join(self._hash.digests(fresh))
            self._table = np.concatenate([self._table, self._positions(digests)])
        return out

    def _positions(self, digests: bytes) -> npt.NDArray[np.int64]:
        """The bit positions of each 32-byte digest, one row each."""
        p = self.params
        words = np.frombuffer(digests, dtype=">u2").reshape(-1, 16).astype(np.int64)
        if p.hashing == "random":
            return np.asarray(words[:, : p.hashes] % p.length, dtype=np.int64)
        # double hashing: an arithmetic progression h1 + i * h2
        steps = np.arange(p.hashes, dtype=np.int64)
        h1, h2 = words[:, :1], words[:, 1:2] | 1
        return np.asarray((h1 + steps * h2) % p.length, dtype=np.int64)

    def positions(self, salt: str, gram: str) -> tuple[int, ...]:
        """The bit positions a q-gram sets under a salt."""
        return tuple(self._table[self._numbers([(salt, gram)])[0]].tolist())

    def encode(self, texts: Sequence[str | None], salts: Sequence[str]) -> list[str | None]:
        """The hex filter of each text with its record's salt (None stays None)."""
        done = self._done
        if len(done) > _MEMO_LIMIT:  # memory stays bounded on long streams
            done.clear()
        pairs = list(zip(texts, salts, strict=True))
        todo: list[tuple[str, str]] = [
            (t, s) for t, s in dict.fromkeys(pairs) if t is not None and (t, s) not in done
        ]
        if todo:
            width = self.params.bits // 4
            text_hex = self._filters(todo).tobytes().hex()
            for row, key in enumerate(todo):
                done[key] = text_hex[row * width : (row + 1) * width]
        return [None if t is None else done[(t, s)] for t, s in pairs]

    def _filters(self, todo: Sequence[tuple[str, str]]) -> npt.NDArray[np.uint8]:
        """The packed filters of distinct (text, salt) pairs, one row each."""
        p = self.params
        pad = "_" * (p.q - 1)
        padded = [f"{pad}{text}{pad}" for text, _ in todo]
        rows, starts, codes = _qgram_codes(padded, p.q)
        # the distinct (salt, q-gram) pairs of the batch, each looked up once
        salt_ids: dict[str, int] = {}
        salt_of = np.fromiter(
            (salt_ids.setdefault(s, len(salt_ids)) for _, s in todo), np.int64, len(todo)
        )
        grams, gram_of = np.unique(codes, return_inverse=True)
        pair_codes = salt_of[rows] * max(len(grams), 1) + gram_of.reshape(-1)
        _, first, pair_of = np.unique(pair_codes, return_index=True, return_inverse=True)
        q = p.q
        looked = [
            (todo[r][1], padded[r][j : j + q])
            for r, j in zip(rows[first].tolist(), starts[first].tolist(), strict=True)
        ]
        numbers = self._numbers(looked)[pair_of.reshape(-1)]
        bits = np.zeros((len(todo), p.length), dtype=np.bool_)
        # a q-gram met twice sets its bits once (setting a bit twice is setting it)
        bits[np.repeat(rows, p.hashes), self._table[numbers].reshape(-1)] = True
        for _ in range(p.folds):
            half = bits.shape[1] // 2
            bits = bits[:, :half] ^ bits[:, half:]
        return np.packbits(bits, axis=1)


_CODE_BITS: Final = 21  # every code point is below 2**21


def _qgram_codes(
    texts: Sequence[str], q: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Every q-gram of every text: its text's row, its start, and a number that is
    equal for equal q-grams (the code points of the q-gram, or their rank)."""
    lengths = np.fromiter(map(len, texts), np.int64, len(texts))
    longest = int(lengths.max(initial=0))
    windows = longest - q + 1
    if windows <= 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    # code points in a zero-padded matrix (the lengths say where each text ends, so a
    # text's own trailing NUL is not lost with the padding)
    points = np.array(texts, dtype=f"<U{longest}").view(np.uint32).reshape(len(texts), longest)
    rows, starts = np.nonzero(np.arange(windows) < (lengths - q + 1)[:, None])
    codes = points[rows, starts].astype(np.int64)
    for j in range(1, q):
        if codes.size and int(codes.max()) >= 1 << (63 - _CODE_BITS):
            codes = np.unique(codes, return_inverse=True)[1].reshape(-1).astype(np.int64)
        codes = (codes << _CODE_BITS) | points[rows, starts + j]
    return rows, starts, codes
