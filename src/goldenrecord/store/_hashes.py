"""Blocking keys and values as 64-bit hashes: what the store's indexed key table and
its counts hold instead of the key texts and values (personal data)."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from goldenrecord.match.blocking import BlockingRule

__all__ = ["key_hash_arrays", "key_hashes", "value_hash"]


def _hash(rule: int, text: str) -> int:
    digest = hashlib.blake2b(f"{rule}\x1e{text}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def _rule_keys(
    columns: Mapping[str, npt.NDArray[Any]], rule: BlockingRule, r: int, rows: Sequence[int]
) -> Iterator[tuple[int, int]]:
    """(row, hash) of every blocking key of rule ``r`` on the rows; each distinct key
    text hashed once (the records of a block share it)."""
    memo: dict[str, int] = {}
    cells = [columns[k].tolist() for k in rule.keys]
    for i in rows:
        parts: list[tuple[Any, ...]] = []
        for column in cells:
            v = column[i]
            if v is None or v != v:
                break
            parts.append(tuple(dict.fromkeys(v)) if type(v) is tuple else (v,))
        else:
            if len(parts) == 1 and len(parts[0]) == 1:
                texts = [str(parts[0][0])]
            else:
                texts = ["\x1f".join(str(p) for p in c) for c in itertools.product(*parts)]
            for text in texts:
                h = memo.get(text)
                if h is None:
                    h = memo[text] = _hash(r, text)
                yield i, h


def key_hashes(
    columns: Mapping[str, npt.NDArray[Any]],
    rules: Sequence[BlockingRule],
    rows: Iterable[int],
    rule_of: dict[int, int] | None = None,
) -> dict[int, set[int]]:
    """Row → the hashes of its blocking keys under every rule (a tuple cell gives one
    key per member, as :func:`goldenrecord.match.blocking.block` reads it); ``rule_of``
    (when given) receives each hash's rule index."""
    rows = list(rows)
    out: dict[int, set[int]] = {i: set() for i in rows}
    for r, rule in enumerate(rules):
        for i, h in _rule_keys(columns, rule, r, rows):
            out[i].add(h)
            if rule_of is not None:
                rule_of[h] = r
    return out


def key_hash_arrays(
    columns: Mapping[str, npt.NDArray[Any]], rules: Sequence[BlockingRule], n: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The (hash, row) pairs of :func:`key_hashes` on all ``n`` rows as two arrays,
    sorted and without repeats (the order of the key table's index): for a bulk load,
    without a Python set per record."""
    hashes: list[npt.NDArray[np.int64]] = []
    rows_of: list[npt.NDArray[np.int64]] = []
    for r, rule in enumerate(rules):
        flat = itertools.chain.from_iterable(_rule_keys(columns, rule, r, range(n)))
        pairs = np.fromiter(flat, dtype=np.int64).reshape(-1, 2)
        rows_of.append(pairs[:, 0])
        hashes.append(pairs[:, 1])
    h = np.concatenate(hashes) if hashes else np.zeros(0, dtype=np.int64)
    row = np.concatenate(rows_of) if rows_of else np.zeros(0, dtype=np.int64)
    order = np.lexsort((row, h))
    h, row = h[order], row[order]
    keep = np.ones(h.size, dtype=bool)
    keep[1:] = (h[1:] != h[:-1]) | (row[1:] != row[:-1])
    return h[keep], row[keep]


def value_hash(value: object) -> int:
    """A value as a signed 64-bit hash (counted without keeping the value itself)."""
    return _hash(-1, str(value))
