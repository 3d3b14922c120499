"""Matching the encoded kinds: Dice on packed Bloom filters, LSH band keys, blocking rules.

Tables made by :func:`goldenrecord.pprl.encode` hold ``hmac`` columns (a keyed hash:
equal or not) and ``bloom`` columns (a Bloom filter of a name's or an address's
q-grams, as ``"<tag>.<hex>"``). Filters are compared by their Dice coefficient,
``2 |A & B| / (|A| + |B|)``, computed on the packed bits with ``np.bitwise_count``:
the filters of the distinct values a batch of pairs touches are decoded once into a
``uint64`` matrix, and each pair costs a few word ANDs and popcounts.

Blocking on a filter uses Hamming LSH: ``BANDS`` bands of ``BAND_BITS`` bit
positions each (one fixed permutation of the positions, the same for every party);
two filters that agree on every position of some band share that band's key. Similar
filters agree on most positions, so they share a band with high probability; two
unrelated ones almost never. A band whose sampled bits are all zero says nothing and
gives no key.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from goldenrecord.match._rules import BlockingRule, GroupRule

__all__ = [
    "BANDS",
    "BAND_BITS",
    "band_keys",
    "dice",
    "encoded_rules",
    "is_encoded",
    "packed_filters",
]

ObjArray = npt.NDArray[np.object_]
FloatArray = npt.NDArray[np.float64]
Codes = npt.NDArray[np.int32]

BANDS: Final = 20
"""Hamming LSH bands per Bloom filter column."""
BAND_BITS: Final = 24
"""Bit positions per band: two filters with 95% of their bits in common share a band
with probability ``1 - (1 - 0.95**24)**20`` (over 0.99), two with 60% about ``1e-4``."""
_CHUNK: Final = 1 << 13
_THREADED: Final = 1 << 17


def is_encoded(fields: Mapping[str, str]) -> bool:
    """Whether every field of a schema is an encoded kind (a table made by ``encode``)."""
    return bool(fields) and all(k in ("hmac", "bloom") for k in fields.values())


def packed_filters(values: list[str]) -> npt.NDArray[np.uint64]:
    """The filters of encoded ``bloom`` values as a ``uint64`` matrix, one row each.

    >>> packed_filters(["00000000." + "f" * 16, "00000000." + "0" * 15 + "1"]).tolist()
    [[18446744073709551615], [72057594037927936]]
    """
    if not values:
        return np.zeros((0, 1), dtype=np.uint64)
    raw = bytes.fromhex("".join([v[9:] for v in values]))
    return np.frombuffer(raw, dtype=np.uint64).reshape(len(values), -1)


_LOW_BYTES: Final = np.uint64(0x00FF00FF00FF00FF)
_LANES: Final = np.uint64(0x0001000100010001)


def _byte_sums(counts: npt.NDArray[np.uint8]) -> npt.NDArray[np.int64]:
    """Row sums of a byte matrix whose row length is a multiple of 8 and whose bytes
    are popcounts of words (at most 64): eight bytes at a time, in two 16-bit lanes."""
    words = counts.view(np.uint64)
    pairs = (words & _LOW_BYTES) + ((words >> np.uint64(8)) & _LOW_BYTES)
    sums = (pairs * _LANES) >> np.uint64(48)
    return np.asarray(sums.sum(axis=1, dtype=np.int64), dtype=np.int64)


def _dice_rows(
    bits: npt.NDArray[np.uint64], counts: npt.NDArray[np.int64], a: Codes, b: Codes
) -> FloatArray:
    both = np.take(bits, a, axis=0)
    np.bitwise_and(both, np.take(bits, b, axis=0), out=both)
    popcounts = np.bitwise_count(both)
    if popcounts.shape[1] % 8 == 0:
        inter = _byte_sums(popcounts)
    else:
        inter = popcounts.sum(axis=1, dtype=np.int64)
    total = np.take(counts, a) + np.take(counts, b)
    return np.asarray(2.0 * inter / np.maximum(total, 1), dtype=np.float64)


def dice(values: ObjArray, a: Codes, b: Codes, *, workers: int = 1) -> FloatArray:
    """Dice coefficient of the filters ``values[a]`` and ``values[b]``, pair by pair.

    Each filter the pairs touch is decoded once; the pairs are scored in chunks (on two
    threads when ``workers`` allows and there are many: NumPy releases the GIL).

    >>> v = np.array(["00000000." + "f0" * 8, "00000000." + "ff" * 8], dtype=object)
    >>> dice(v, np.array([0, 0]), np.array([1, 0])).round(3).tolist()
    [0.667, 1.0]
    """
    if a.size == 0:
        return np.empty(0, dtype=np.float64)
    used = np.zeros(len(values), dtype=np.bool_)
    used[a] = True
    used[b] = True
    if used.all():  # every filter is used: rows are the values' own positions
        bits = packed_filters(values.tolist())
        ia, ib = a, b
    else:
        rows = np.flatnonzero(used)
        position = np.cumsum(used, dtype=np.int32) - 1
        bits = packed_filters(values[rows].tolist())
        ia, ib = position[a], position[b]
    counts = np.bitwise_count(bits).sum(axis=1, dtype=np.int64)
    out = np.empty(a.size, dtype=np.float64)

    def run(lo: int, hi: int) -> None:
        for start in range(lo, hi, _CHUNK):
            stop = min(start + _CHUNK, hi)
            out[start:stop] = _dice_rows(bits, counts, ia[start:stop], ib[start:stop])

    threads = 2 if workers < 0 else max(workers, 1)
    if threads > 1 and a.size >= _THREADED:
        # one contiguous share per thread: NumPy releases the GIL in the kernels
        cuts = np.linspace(0, a.size, threads + 1).astype(int).tolist()
        with ThreadPoolExecutor(max_workers=threads) as pool:
            list(pool.map(run, cuts[:-1], cuts[1:]))
    else:
        run(0, a.size)
    return out


def _band_positions(n_bits: int) -> list[npt.NDArray[np.intp]]:
    """The bit positions of each band: a fixed permutation, cut into bands."""
    order = np.random.default_rng(n_bits).permutation(n_bits)
    bands = min(BANDS, n_bits // BAND_BITS)
    return [order[j * BAND_BITS : (j + 1) * BAND_BITS] for j in range(bands)]


def band_keys(values: ObjArray) -> ObjArray:
    """Per record, the tuple of its filter's non-zero band keys (None when missing).

    A key is an integer: the band's number above its 24 sampled bits.

    >>> v = np.array(["00000000." + "ff" * 64, None], dtype=object)
    >>> keys = band_keys(v)
    >>> len(keys[0]), keys[1]
    (20, None)
    """
    out = np.empty(len(values), dtype=object)
    cells = values.tolist()
    distinct = list(dict.fromkeys(v for v in cells if isinstance(v, str)))
    if not distinct:
        return out
    bits = np.unpackbits(packed_filters(distinct).view(np.uint8), axis=1)
    keys: list[list[int]] = [[] for _ in distinct]
    weights = (1 << np.arange(BAND_BITS - 1, -1, -1)).astype(np.int64)
    for j, positions in enumerate(_band_positions(bits.shape[1])):
        code = bits[:, positions].astype(np.int64) @ weights
        for row in np.flatnonzero(code).tolist():
            keys[row].append((j << BAND_BITS) | int(code[row]))
    found = {v: tuple(k) or None for v, k in zip(distinct, keys, strict=True)}
    out[:] = [found.get(v) if isinstance(v, str) else None for v in cells]
    return out


def encoded_rules(fields: Mapping[str, str], *, loose: float = 1.0) -> tuple[Any, ...]:
    """Blocking rules for a table of encoded fields.

    Every two ``hmac`` columns together (of the first six), expanded whole; then, with
    a pair budget, each ``hmac`` column alone and each ``bloom`` column's LSH band keys
    (``column:bands``), which expand their rarest keys first and report the blocks
    they leave out; then a :class:`GroupRule`.

    >>> [r.keys for r in encoded_rules({"mail": "hmac", "dob": "hmac", "first": "bloom"})]
    [('mail', 'dob'), ('mail',), ('dob',), ('first:bands',), ()]
    """
    hashed = [c for c, k in fields.items() if k == "hmac"]
    blooms = [c for c, k in fields.items() if k == "bloom"]
    rules: list[Any] = []
    first = hashed[:6]
    for i, c in enumerate(first):
        rules.extend(BlockingRule((c, d)) for d in first[i + 1 :])
    if loose > 0:
        rules.extend(BlockingRule((c,), pairs_per_record=2.0 * loose) for c in hashed)
        rules.extend(BlockingRule((f"{c}:bands",), pairs_per_record=4.0 * loose) for c in blooms)
        rules.append(GroupRule(pairs_per_record=8.0 * loose))
    elif not rules:
        rules.extend(BlockingRule((c,)) for c in hashed)
    return tuple(rules)
