"""A lookup's quick reads give the answers of the general ones.

A lookup reads its candidates' scored columns and profile ids in one query, and a
blocking key held by more records than its cap is counted in SQLite instead of read;
these tests compare both with the paths that read everything (every stored column,
the profile ids apart, every holder of a key up to its cap and one more), on many
probes: the table's records, records with bad values and records lacking columns.
"""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path
from typing import Any

import goldenrecord as gr
from goldenrecord.match.stages import prepare, schema_columns
from goldenrecord.store import IdentityStore, Match
from goldenrecord.store._candidates import candidates
from goldenrecord.store._match import lookup_matches, scored_columns

_BAD = [
    "",
    " ",
    "n/a",
    "???",
    "0",
    "@",
    "x" * 300,
    "ÿ\u0301\u200b",
    "山田",
    "+1",
    "31/02/2001",
    -1,
    3.5,
    float("nan"),
    True,
    None,
]


def _probes(rows: list[dict[str, Any]], schema: gr.Schema, seed: int) -> list[dict[str, Any]]:
    """The records as probes (without their id), then each with a few cells bad, then
    each with some of the schema's fields left out (one field at least kept)."""
    rng = random.Random(seed)
    fields = list(schema.fields)
    known = set(schema_columns(schema)) - {schema.id}
    plain = [{k: v for k, v in row.items() if k in known} for row in rows]
    bad = []
    for row in plain:
        probe = dict(row)
        for column in rng.sample(fields, 3):
            probe[column] = rng.choice(_BAD)
        bad.append(probe)
    partial = []
    for row in plain:
        kept = set(rng.sample(fields, rng.randint(1, len(fields) - 1)))
        partial.append({k: v for k, v in row.items() if k in kept or k not in schema.fields})
    return plain + bad + partial


def _answers(found: list[Match]) -> list[tuple[Any, ...]]:
    return [
        (
            m.profile_id,
            m.record_key,
            m.weight,
            m.probability,
            m.matched,
            m.explanation.match_weight,
            [(c.comparison, c.level, c.total) for c in m.explanation.contributions],
        )
        for m in found
    ]


def _both(store: IdentityStore, probe: dict[str, Any]) -> tuple[list[Match], list[Match]]:
    parts = (store._db, store._counts, store._placer)
    return (
        lookup_matches(*parts, probe, 10),
        lookup_matches(*parts, probe, 10, fast=False),
    )


def test_quick_lookup_answers_equal_the_general_ones(
    tmp_path: Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """On every probe (the records, bad values, missing columns) the quick read and the
    general one give the same matches, weights and explanations, and many probes have
    candidates (so the comparison compares something)."""
    with IdentityStore(tmp_path / "s.db", schema=schema, model=model) as store:
        store.ingest(rows[:110])
        with_matches = 0
        for probe in _probes(rows[::2], schema, seed=3):
            quick, general = _both(store, probe)
            assert _answers(quick) == _answers(general)
            with_matches += bool(quick)
        assert with_matches > 100


def test_quick_read_holds_the_scored_columns_and_profile_ids(
    tmp_path: Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """The quick read gives the stored values of the scored columns (list cells as
    tuples) and each record's profile, as the general read and the store's clusters."""
    with IdentityStore(tmp_path / "s.db", schema=schema, model=model) as store:
        store.ingest(rows)
        names = scored_columns(store._db, model)
        rids = range(1, 60)
        read = store._db.stored.scored(rids, names)
        assert read is not None
        quick, profile_of = read
        general, _ = store._db.prepare_stored(rids, raw=False)
        clusters = store.to_pandas(what="clusters")
    assert quick is not None
    assert general is not None
    assert quick.keys == general.keys
    for name in names:
        assert quick.columns[name].tolist() == general.columns[name].tolist(), name
    expected = dict(zip(clusters["record_id"], clusters["cluster_id"], strict=True))
    assert profile_of == {k: expected[k] for k in quick.keys}


def test_records_of_an_older_version_are_read_the_general_way(
    tmp_path: Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """A store whose records lack a scored column in their stored JSON (as one an older
    version wrote) is not read quickly (the general read leaves such a column out of
    the table), and its lookups give the general answers."""
    path = tmp_path / "s.db"
    with IdentityStore(path, schema=schema, model=model) as store:
        store.ingest(rows[:110])
        # a column the model derives again when a table lacks it
        dropped = next(c for c in scored_columns(store._db, model) if c.endswith(":personal"))
    with sqlite3.connect(path) as conn:  # the column taken out of every stored record
        docs = conn.execute("SELECT rid, normalized FROM records").fetchall()
        conn.executemany(
            "UPDATE records SET normalized = ? WHERE rid = ?",
            [
                (json.dumps({k: v for k, v in json.loads(doc).items() if k != dropped}), rid)
                for rid, doc in docs
            ],
        )
    with IdentityStore(path) as store:
        names = scored_columns(store._db, model)
        assert store._db.stored.scored(range(1, 40), names) is None
        for probe in _probes(rows[100:130], schema, seed=5):
            quick, general = _both(store, probe)
            assert _answers(quick) == _answers(general)


def test_counted_blocks_equal_read_blocks(
    tmp_path: Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """Blocking new records (and an updated one, its stored record excluded) with keys
    past their cap counted in SQLite gives the candidates that reading up to the cap
    and one more gives (forced by excluding records that do not exist as well), for
    caps small enough that many keys pass them."""
    with IdentityStore(tmp_path / "s.db", schema=schema, model=model) as store:
        store.ingest(rows[:100])
        db = store._db
        table = db.mask(prepare(rows[95:], schema))  # 5 stored records, updated
        rid_of = dict(db.conn.execute("SELECT record_key, rid FROM records").fetchall())
        n_rules = len(db.config.rules)
        updated = [i for i, k in enumerate(table.keys) if k in rid_of]
        assert len(updated) == 5
        fresh = [i for i in range(len(table)) if i not in updated]
        for cap in (1, 2, 3, 4, 5, 8, 40):
            caps = [cap] * n_rules
            for rows_of in [[i] for i in updated + fresh[:5]] + [list(range(len(table)))]:
                keys = [table.keys[i] for i in rows_of]
                for exclude in ({rid_of[k] for k in keys if k in rid_of}, set()):
                    counted = candidates(db.conn, table, rows_of, exclude, db.config.rules, caps)
                    read = candidates(
                        db.conn, table, rows_of, exclude | {-1, -2}, db.config.rules, caps
                    )
                    assert counted[0] == read[0]
                    assert {h: sorted(r) for h, r in counted[1].items()} == {
                        h: sorted(r) for h, r in read[1].items()
                    }
        wide = candidates(db.conn, table, range(len(table)), set(), db.config.rules, [2] * n_rules)
        assert any(wide[1].values())  # some block expanded
        assert len(wide[1]) < len({h for hs in wide[0].values() for h in hs})  # some not
