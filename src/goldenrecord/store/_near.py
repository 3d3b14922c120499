"""Attaching lone records in the identity store as batch attaches them
(:mod:`goldenrecord._attach`).

Batch decides the attachments once, from the clusters of the accepted matches: a record
alone there joins the one profile its matches below the threshold point to, by a clear
margin over the next. The store keeps those matches (the ``near`` table: every scored
pair below the threshold of :data:`~goldenrecord._attach.NEAR_BITS` or more, both
records allowing the purpose) and which of them attach. When a re-clustering changes the
clusters of a part of the store, the attachment of every lone record whose matches
reach that part is decided again, from the new clusters there and the kept clusters
elsewhere (a record outside the part keeps its cluster: a cluster is a connected
component of accepted matches, and the part holds whole ones).

A record is alone in the clusters of the accepted matches when none of its accepted
matches joined it (``edges.accepted = 1``) and no reviewer linked it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Sequence

import numpy as np
import numpy.typing as npt

from goldenrecord._attach import NEAR_BITS, choose
from goldenrecord.match.model import ScoredPairs
from goldenrecord.store._base import chunks, marks

__all__ = ["NearRow", "attachment_changes", "keep_near", "lone_records", "near_of"]

NearRow = tuple[int, int, float, float, bytes, int]
"""A stored near match: a, b (row ids, a < b), weight, probability, levels, attached."""


def keep_near(
    conn: sqlite3.Connection,
    scored: ScoredPairs,
    rids: Sequence[int],
    threshold: float,
    withheld: npt.NDArray[np.bool_],
    attached: npt.NDArray[np.bool_] | None = None,
) -> None:
    """Write the scored pairs to keep as near matches: below ``threshold``, of
    :data:`NEAR_BITS` or more, neither record withholding consent (a pair kept before
    is written again).

    Args:
        scored: scored pairs of a table whose record ``i`` has row id ``rids[i]``.
        threshold: the model's threshold.
        withheld: per record of the table, consent withheld for the purpose.
        attached: per scored pair, whether it attaches a lone record (default: none).
    """
    keep = (
        (scored.probability < threshold)
        & (scored.weight >= NEAR_BITS)
        & ~withheld[scored.left]
        & ~withheld[scored.right]
    )
    at = np.flatnonzero(keep)
    rid = np.asarray(rids, dtype=np.int64)
    a, b = rid[scored.left[at]], rid[scored.right[at]]
    lo, hi = np.minimum(a, b).tolist(), np.maximum(a, b).tolist()
    levels = scored.levels[at].astype(np.int8)
    flags = np.zeros(at.size, dtype=np.int64) if attached is None else attached[at].astype(int)
    rows = [
        (lo[k], hi[k], w, p, levels[k].tobytes(), f)
        for k, (w, p, f) in enumerate(
            zip(
                scored.weight[at].tolist(),
                scored.probability[at].tolist(),
                flags.tolist(),
                strict=True,
            )
        )
    ]
    conn.executemany("INSERT OR REPLACE INTO near VALUES (?, ?, ?, ?, ?, ?)", rows)


def near_of(
    conn: sqlite3.Connection, rids: Collection[int], *, attached_only: bool = False
) -> list[NearRow]:
    """The near matches with an end among ``rids`` (only those that attach, with
    ``attached_only``), each once, in (a, b) order."""
    found: dict[tuple[int, int], NearRow] = {}
    ordered = sorted(rids)
    only = " AND attached = 1" if attached_only else ""
    for chunk in chunks(ordered):
        held = marks(len(chunk))
        for row in conn.execute(
            "SELECT a, b, weight, probability, levels, attached FROM near "
            f"WHERE a IN ({held}){only} UNION ALL "
            "SELECT a, b, weight, probability, levels, attached FROM near "
            f"WHERE b IN ({held}){only}",
            (*chunk, *chunk),
        ).fetchall():
            found[(row[0], row[1])] = row
    return [found[k] for k in sorted(found)]


def lone_records(conn: sqlite3.Connection, rids: Iterable[int]) -> set[int]:
    """Of the given stored records, those alone in the clusters of the accepted matches:
    no accepted match joined them and no reviewer linked them."""
    ordered = sorted(set(rids))
    joined: set[int] = set()
    for chunk in chunks(ordered):
        held = marks(len(chunk))
        joined.update(
            r
            for (r,) in conn.execute(
                f"SELECT a FROM edges WHERE accepted = 1 AND a IN ({held}) UNION "
                f"SELECT b FROM edges WHERE accepted = 1 AND b IN ({held}) UNION "
                f"SELECT a FROM overrides WHERE kind = 'link' AND a IN ({held}) UNION "
                f"SELECT b FROM overrides WHERE kind = 'link' AND b IN ({held})",
                (*chunk, *chunk, *chunk, *chunk),
            ).fetchall()
        )
    return set(ordered) - joined


def attachment_changes(
    conn: sqlite3.Connection, part: Collection[int], cluster_of: dict[int, int]
) -> set[int]:
    """Decide again the attachments that the part's new clusters can change; write the
    flags that changed and return the records at their ends (to cluster again).

    Args:
        part: the records clustered again (whole components of accepted matches).
        cluster_of: their clusters of the accepted matches (any integer label per record).
    """
    touching = near_of(conn, part)
    if not touching:
        return set()
    size: dict[int, int] = {}
    for cluster in cluster_of.values():
        size[cluster] = size.get(cluster, 0) + 1
    lone_inside = {r for r in part if size[cluster_of[r]] == 1}
    outside = {r for row in touching for r in row[:2] if r not in part}
    lone_outside = lone_records(conn, outside)
    # every match of a lone record outside the part (its other matches included)
    rows = {(row[0], row[1]): row for row in touching}
    for row in near_of(conn, lone_outside):
        rows.setdefault((row[0], row[1]), row)
    ends = {r for a, b in rows for r in (a, b)} - set(part)
    lone_elsewhere = lone_records(conn, ends - lone_outside) | lone_outside
    profile_of = dict(_profiles(conn, ends - lone_elsewhere))
    names: dict[object, int] = {}

    def label(record: int) -> int:
        key: object
        if record in cluster_of:
            key = ("part", cluster_of[record])
        elif record in lone_elsewhere:
            key = ("alone", record)
        else:
            key = ("profile", profile_of[record])
        return names.setdefault(key, len(names))

    orphans = lone_inside | lone_outside
    listed = sorted(rows)
    entries: list[tuple[int, int, int, bool, float, int]] = []
    for k, (a, b) in enumerate(listed):
        weight = rows[(a, b)][2]
        for orphan, other in ((a, b), (b, a)):
            if orphan in orphans:
                joinable = other not in lone_inside and other not in lone_elsewhere
                entries.append((orphan, other, label(other), joinable, weight, k))
    chosen: set[int] = set()
    if entries:
        columns = list(zip(*entries, strict=True))
        chosen = set(
            choose(
                np.array(columns[0], dtype=np.int64),
                np.array(columns[1], dtype=np.int64),
                np.array(columns[2], dtype=np.int64),
                np.array(columns[3], dtype=bool),
                np.array(columns[4], dtype=np.float64),
                np.array(columns[5], dtype=np.int64),
            ).tolist()
        )
    flips = [
        (int(k in chosen), a, b)
        for k, (a, b) in enumerate(listed)
        if rows[(a, b)][5] != int(k in chosen)
    ]
    conn.executemany("UPDATE near SET attached = ? WHERE a = ? AND b = ?", flips)
    return {r for _, a, b in flips for r in (a, b)}


def _profiles(conn: sqlite3.Connection, rids: Collection[int]) -> list[tuple[int, str]]:
    ordered = sorted(rids)
    out: list[tuple[int, str]] = []
    for chunk in chunks(ordered):
        out.extend(
            conn.execute(
                f"SELECT rid, profile_id FROM records WHERE rid IN ({marks(len(chunk))})", chunk
            ).fetchall()
        )
    return out
