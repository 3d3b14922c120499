"""Values that reach the shared threshold in an ingest: which of them strangers share."""

from __future__ import annotations

from collections.abc import Mapping

from goldenrecord.match.stages import PreparedTable, SharedValues, mask_shared
from goldenrecord.store._base import StoreDatabase, chunks, marks
from goldenrecord.store._counts import Counts
from goldenrecord.store._people import holders
from goldenrecord.store._rows import concat, take

__all__ = ["strangers"]


def strangers(
    db: StoreDatabase,
    counts: Counts,
    fresh: PreparedTable,
    rid_of: Mapping[str, int],
    column: str,
    values: list[str],
) -> list[str]:
    """Of values that now reach the shared threshold, those that strangers share:
    not the values held by one profile whose fresh carriers all match it."""
    assert db.matcher is not None
    conn = db.conn
    mine = set(rid_of.values())
    out = []
    for value in values:
        held = sorted(holders(conn, {column: [value]}) - mine)
        owners = {
            p
            for chunk in chunks(held)
            for (p,) in conn.execute(
                f"SELECT DISTINCT profile_id FROM records WHERE rid IN ({marks(len(chunk))})",
                chunk,
            ).fetchall()
        }
        stored, _ = db.prepare_stored(held)
        carriers = [i for i, v in enumerate(fresh.columns[column].tolist()) if v == value]
        if len(owners) != 1 or stored is None or not carriers:
            out.append(value)
            continue
        # scored without the value: does the record match on its other evidence?
        pool = mask_shared(
            concat(db.mask(take(fresh, carriers)), db.mask(stored)),
            SharedValues({column: (value,)}, {column: 0}, min_people=2),
        )
        new_keys = {fresh.keys[i] for i in carriers}
        at = [i for i, k in enumerate(pool.keys) if k in new_keys]
        others = [i for i, k in enumerate(pool.keys) if k not in new_keys]
        pairs = sorted({(min(a, b), max(a, b)) for a in at for b in others})
        scored = counts.score(pool, [a for a, _ in pairs], [b for _, b in pairs])
        joins = {
            pool.keys[a if a in at else b]
            for (a, b), p in zip(pairs, scored.probability.tolist(), strict=True)
            if p >= db.matcher.threshold
        }
        if joins != new_keys:
            out.append(value)
    return out
