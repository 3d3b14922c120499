"""The batch Bloom encoder and the keyed hash give what the definitions give, bit for bit."""

from __future__ import annotations

import hmac

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenrecord.pprl import BloomParams
from goldenrecord.pprl._bloom import BloomEncoder, _qgram_codes, qgrams
from goldenrecord.pprl._keys import KeyedHash

KEY = bytes(range(32))


def _reference(text: str, salt: str, key: bytes, p: BloomParams) -> str:
    """One filter as the module docstring defines it, one q-gram at a time."""
    bits = np.zeros(p.length, dtype=np.bool_)
    for gram in qgrams(text, p.q):
        digest = hmac.digest(key, f"{salt}\x1f{gram}".encode(), "sha256")
        words = [int.from_bytes(digest[i : i + 2], "big") for i in range(0, 32, 2)]
        if p.hashing == "random":
            positions = [w % p.length for w in words[: p.hashes]]
        else:
            positions = [(words[0] + i * (words[1] | 1)) % p.length for i in range(p.hashes)]
        bits[positions] = True
    for _ in range(p.folds):
        bits = bits[: len(bits) // 2] ^ bits[len(bits) // 2 :]
    return np.packbits(bits).tobytes().hex()


@settings(max_examples=60, deadline=None)
@given(
    key=st.binary(min_size=0, max_size=100),
    messages=st.lists(st.binary(max_size=200), max_size=5),
)
def test_keyed_hash_is_hmac_sha256(key: bytes, messages: list[bytes]) -> None:
    """Keys shorter and longer than a block, empty and long messages."""
    keyed = KeyedHash(key)
    expected = [hmac.digest(key, m, "sha256") for m in messages]
    assert keyed.digests(messages) == expected
    assert [keyed.digest(m) for m in messages] == expected


_TEXTS = st.text(alphabet=st.sampled_from("ab_ \x00éمح木𝔸\U0010fffd"), min_size=0, max_size=12)


@settings(max_examples=80, deadline=None)
@given(texts=st.lists(_TEXTS, max_size=8), q=st.integers(1, 4))
def test_qgram_codes_are_equal_exactly_for_equal_qgrams(texts: list[str], q: int) -> None:
    """Every q-gram is found once per start, and two codes are equal exactly when the
    q-grams are (code points up to U+10FFFD, NUL last in a text, q up to 4)."""
    rows, starts, codes = _qgram_codes(texts, q)
    found = [texts[r][j : j + q] for r, j in zip(rows.tolist(), starts.tolist(), strict=True)]
    assert sorted(found) == sorted(t[j : j + q] for t in texts for j in range(len(t) - q + 1))
    by_code: dict[int, str] = {}
    for code, gram in zip(codes.tolist(), found, strict=True):
        assert by_code.setdefault(code, gram) == gram
    assert len(set(by_code.values())) == len(by_code)


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.one_of(st.none(), _TEXTS), min_size=1, max_size=10),
    years=st.lists(st.sampled_from(["", "1980", "1981"]), min_size=10, max_size=10),
    q=st.integers(1, 4),
    hashing=st.sampled_from(["random", "double"]),
    folds=st.integers(0, 2),
)
def test_batch_filters_equal_the_definition(
    texts: list[str | None], years: list[str], q: int, hashing: str, folds: int
) -> None:
    """Whole batches, repeated values, missing values, two calls on one encoder (the
    second reusing the first's digests): each filter is the one-at-a-time filter."""
    p = BloomParams(length=256, hashes=5, q=q, folds=folds, hashing=hashing)
    salts = years[: len(texts)]
    encoder = BloomEncoder(KEY, p)
    for batch in (texts, texts[::-1]):
        got = encoder.encode(batch, salts[: len(batch)])
        expected = [
            None if t is None else _reference(t, s, KEY, p)
            for t, s in zip(batch, salts[: len(batch)], strict=True)
        ]
        assert got == expected
