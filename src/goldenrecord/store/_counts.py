"""The store's counts: term frequencies (scoring), values of exclusive identifiers
(value limits), and scoring pairs with the store's term frequencies."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from goldenrecord.match.model import ScoredPairs
from goldenrecord.match.stages import PreparedTable
from goldenrecord.store._base import StoreDatabase, chunks, marks
from goldenrecord.store._hashes import value_hash
from goldenrecord.store._people import add_people
from goldenrecord.store._rows import (
    confirmed_columns,
    from_stored,
    store_tf,
    tf_columns,
)

__all__ = ["Counts"]

_TOTAL = ""  # the term_counts row holding a column's total (no value is empty)
_PAIRS_PER_QUERY = 400  # (column, value) pairs per statement: 2 parameters each


class Counts:
    """Term and value counts in the store's database, and scoring with them."""

    def __init__(self, db: StoreDatabase) -> None:
        self._db = db

    def add_counts(self, matched: PreparedTable, rows: Iterable[int], sign: int) -> None:
        """Add (or remove, ``sign=-1``) the records' values to the term counts."""
        assert self._db.matcher is not None
        rows = list(rows)
        for _, column in tf_columns(self._db.matcher):
            tally: dict[str, int] = {}
            values = matched.columns[column]
            for i in rows:
                v = values[i]
                if v is not None:
                    tally[str(v)] = tally.get(str(v), 0) + 1
            self.bump(column, tally, sign)

    def count_values(self, table: PreparedTable, rows: Iterable[int], sign: int) -> None:
        """Add (or remove) the records' values of the columns limited to one value per
        profile to ``value_counts`` (unmasked values, as batch counts them)."""
        rows = list(rows)
        for column in self._db.settings["confirmed"]:
            if column not in table.columns:
                continue
            tally: dict[int, int] = {}
            values = table.columns[column]
            for i in rows:
                if values[i] is not None:
                    h = value_hash(values[i])
                    tally[h] = tally.get(h, 0) + sign
            self._db.conn.executemany(
                "INSERT INTO value_counts VALUES (?, ?, ?) "
                "ON CONFLICT (col, h) DO UPDATE SET n = n + excluded.n",
                ((column, h, n) for h, n in tally.items()),
            )
            if sign < 0:
                self._db.conn.executemany(
                    "DELETE FROM value_counts WHERE col = ? AND h = ? AND n <= 0",
                    ((column, h) for h in tally),
                )

    def catch_up(self) -> None:
        """Fill what an older version did not keep (the store's hook at each write)."""
        if "confirmed" not in self._db.settings or "people" not in self._db.settings:
            self.count_stored_values()

    def count_stored_values(self) -> None:
        """Fill ``value_counts`` from the stored records (a store written before they
        were kept; an empty store counts on its first ingest)."""
        rows = self._db.conn.execute(
            "SELECT record_key, source, raw, normalized, updated_at FROM records"
        ).fetchall()
        if not rows:
            return
        table = from_stored(
            self._db.schema,
            [(k, src, json.loads(raw), json.loads(n), at) for k, src, raw, n, at in rows],
        )
        if "confirmed" not in self._db.settings:
            self._db.settings["confirmed"] = confirmed_columns(self._db.config.limits, table)
            self.count_values(table, range(len(table)), +1)
        if "people" not in self._db.settings:
            self._db.settings["people"] = True
            if self._db.config.shared_min_people is not None:
                rids = self._db.conn.execute("SELECT record_key, rid FROM records").fetchall()
                rid_of = dict(rids)
                add_people(self._db.conn, table, range(len(table)), [rid_of[k] for k in table.keys])
        self._db.save_settings()

    def held_twice(self, column: str, values: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        """Per value, whether two or more records of the store hold it."""
        hashes = [None if v is None else value_hash(v) for v in values.tolist()]
        wanted = sorted({h for h in hashes if h is not None})
        counts: dict[int, int] = {}
        for chunk in chunks(wanted):
            counts.update(
                self._db.conn.execute(
                    f"SELECT h, n FROM value_counts WHERE col = ? AND h IN ({marks(len(chunk))})",
                    (column, *chunk),
                ).fetchall()
            )
        return np.array([h is not None and counts.get(h, 0) >= 2 for h in hashes], dtype=bool)

    def bump(self, column: str, tally: Mapping[str, int], sign: int) -> None:
        self._db.conn.executemany(
            "INSERT INTO term_counts VALUES (?, ?, ?) "
            "ON CONFLICT (col, value) DO UPDATE SET n = n + excluded.n",
            [
                *((column, v, sign * c) for v, c in tally.items()),
                (column, _TOTAL, sign * sum(tally.values())),  # the column's total
            ],
        )
        if sign < 0:
            self._db.conn.executemany(
                "DELETE FROM term_counts WHERE col = ? AND value = ? AND n <= 0",
                ((column, v) for v in tally),
            )

    def forget_counts(self, normalized: str, shared: Mapping[str, frozenset[str]]) -> None:
        assert self._db.matcher is not None
        values = json.loads(normalized)
        for _, column in tf_columns(self._db.matcher):
            v = values.get(column)
            if v is not None and not self._db.is_shared(shared, column, str(v)):
                self.bump(column, {str(v): 1}, -1)
        for column in self._db.settings["confirmed"]:
            v = values.get(column)
            if v is not None:
                h = value_hash(v)
                self._db.conn.execute(
                    "UPDATE value_counts SET n = n - 1 WHERE col = ? AND h = ?", (column, h)
                )
                self._db.conn.execute(
                    "DELETE FROM value_counts WHERE col = ? AND h = ? AND n <= 0", (column, h)
                )

    def score(self, table: PreparedTable, left: list[int], right: list[int]) -> ScoredPairs:
        """Score pairs of ``table`` (shared values masked), term frequencies from the store."""
        matcher = self._db.matcher
        assert matcher is not None
        lo = np.array(left, dtype=np.int64)
        hi = np.array(right, dtype=np.int64)
        counts: dict[str, dict[str, int]] = {}
        totals: dict[str, int] = {}
        wanted: list[tuple[str, str]] = []
        for _, column in tf_columns(matcher):
            counts[column] = {}
            totals[column] = 0
            values = {str(v) for v in table.columns[column][lo].tolist() if v is not None}
            wanted.extend((column, v) for v in (_TOTAL, *sorted(values)))
        # the counts and the totals of every column in one statement per chunk
        for chunk in chunks(wanted, _PAIRS_PER_QUERY):
            for column, value, n in self._db.conn.execute(
                f"SELECT t.col, t.value, t.n FROM (VALUES {', '.join(['(?, ?)'] * len(chunk))}) "
                "AS w CROSS JOIN term_counts AS t ON t.col = w.column1 AND t.value = w.column2",
                [x for pair in chunk for x in pair],
            ).fetchall():
                if value == _TOTAL:
                    totals[column] = int(n)
                else:
                    counts[column][value] = n
        text_columns = {
            c: np.array(
                [None if v is None else str(v) for v in table.columns[c].tolist()], dtype=object
            )
            for c in counts
        }
        return matcher.score(
            table,
            lo,
            hi,
            tf=lambda levels: store_tf(matcher, levels, lo, text_columns, counts, totals),
        )
