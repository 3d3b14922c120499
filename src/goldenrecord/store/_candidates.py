"""Blocking new records against the store: their key hashes, and the stored records
that hold each key (looked up in the indexed key table, a block past its cap left
unexpanded, as batch leaves a block larger than its rule allows)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from goldenrecord.match.blocking import BlockingRule
from goldenrecord.match.stages import PreparedTable
from goldenrecord.store._hashes import key_hashes

__all__ = ["candidates"]

_KEYS_PER_QUERY = 120  # blocking keys looked up per statement (up to 8 parameters each)

# A key's holders but one record (a record updated in place; -1 for none), when they
# are few enough: SQLite counts the first ``room + 1`` of them and returns none when
# there are more than ``room`` (parameters: h, h, rid, h, rid, room + 1, room, room);
# a block past its cap costs a count, not a row per holder.
_HELD_IF_FEW = (
    "SELECT * FROM (SELECT ?, rid FROM keys WHERE h = ? AND rid != ? LIMIT (CASE WHEN "
    "(SELECT COUNT(*) FROM (SELECT 1 FROM keys WHERE h = ? AND rid != ? LIMIT ?)) <= ? "
    "THEN ? ELSE 0 END))"
)
# Up to ``limit`` holders of a key, all returned (the records of ``exclude`` are left
# out afterwards, and the rest weighed against the cap).
_HELD = "SELECT ?, rid FROM (SELECT rid FROM keys WHERE h = ? LIMIT ?)"


def candidates(
    conn: sqlite3.Connection,
    matched: PreparedTable,
    rows: Sequence[int],
    exclude: set[int],
    rules: Sequence[BlockingRule],
    caps: Sequence[int],
) -> tuple[dict[int, set[int]], dict[int, list[int]]]:
    """Key hashes of the given rows of ``matched`` (shared values masked), and per hash
    the stored records holding it, but those in ``exclude``: a key whose block (stored
    holders and these rows) exceeds its rule's cap in ``caps`` is not expanded.

    A key of one of these rows only, with one record at most in ``exclude`` (a new or
    updated record, a lookup), has its other holders read only when they fit under its
    cap; otherwise up to the cap and one more are read, and the excluded ones left out
    before they are weighed (a key of several rows and no stored holder is a block of
    its own).
    """
    rule_of: dict[int, int] = {}
    hashes = key_hashes(matched.columns, rules, rows, rule_of)
    local: dict[int, int] = {}
    for hs in hashes.values():
        for h in hs:
            local[h] = local.get(h, 0) + 1
    held: dict[int, list[int]] = {h: [] for h in local}
    wanted: list[tuple[str, tuple[int, ...]]] = []
    but = next(iter(exclude)) if len(exclude) == 1 else -1
    for h, count in local.items():
        cap = caps[rule_of[h]]
        if len(exclude) > 1 or count > 1:  # holders weighed after exclusion, or none told apart
            wanted.append((_HELD, (h, h, cap + 1)))
        elif cap >= 1:  # a lone new holder: the stored ones count only when cap - 1 at most
            wanted.append((_HELD_IF_FEW, (h, h, but, h, but, cap, cap - 1, cap - 1)))
    for start in range(0, len(wanted), _KEYS_PER_QUERY):  # one round trip, not one per key
        part = wanted[start : start + _KEYS_PER_QUERY]
        query = " UNION ALL ".join([statement for statement, _ in part])
        for h, r in conn.execute(query, [x for _, ps in part for x in ps]).fetchall():
            if r not in exclude:
                held[h].append(r)
    found: dict[int, list[int]] = {}
    for h, count in local.items():
        cap = caps[rule_of[h]]
        rids = held[h]
        if rids and len(rids) + count <= cap:
            found[h] = rids
        elif count > 1 and count <= cap and not rids:
            found[h] = []
    return hashes, found
