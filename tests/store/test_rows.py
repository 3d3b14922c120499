"""Stored records back into a prepared table (``from_stored``), as ``prepare`` gives it."""

from __future__ import annotations

import json
from typing import Any

import goldenrecord as gr
from goldenrecord.store._rows import Stored, from_stored, normalized_json

SCHEMA = gr.Schema(id="id", fields={"email": "email", "first": "given_name"})


def _item(key: str, norm: dict[str, Any]) -> Stored:
    return (key, None, {"id": key}, norm, None)


def test_records_of_one_schema_and_of_two_give_the_same_columns() -> None:
    """Records holding the same columns are transposed at once; records written with
    different columns (a store from an older version) are read column by column, a
    column a record lacks being missing there. List cells come back as tuples either
    way, the shape ``prepare`` gives a multi-valued cell."""
    same = [_item("b", {"email": "x@y.z", "k": ["a", "b"]}), _item("a", {"email": None, "k": []})]
    table = from_stored(SCHEMA, same)
    assert table.keys == ["a", "b"]
    assert table.columns["email"].tolist() == [None, "x@y.z"]
    assert table.columns["k"].tolist() == [(), ("a", "b")]
    mixed = [_item("b", {"k": ["c"], "email": "x@y.z"}), _item("a", {"email": "p@q.r"})]
    table = from_stored(SCHEMA, mixed)
    assert table.columns["email"].tolist() == ["p@q.r", "x@y.z"]
    assert table.columns["k"].tolist() == [None, ("c",)]


def test_decoding_a_stored_record_gives_back_its_prepared_cells() -> None:
    """``from_stored`` on the decoded JSON of what ``normalized_json`` wrote gives the
    prepared cells back, a list cell as the tuple ``prepare`` gave."""
    prepared = gr.match.prepare([{"id": "1", "email": "Ann@Example.com", "first": "Ann"}], SCHEMA)
    decoded = json.loads(normalized_json(prepared, 0))
    assert any(type(v) is list for v in decoded.values())  # a multi-valued cell is there
    table = from_stored(SCHEMA, [("1", None, {"id": "1"}, decoded, None)])
    for column in decoded:
        assert table.columns[column].tolist() == prepared.columns[column].tolist(), column


def test_an_ingest_past_the_recap_limit_does_not_count_the_records(
    tmp_path: Any, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """Once the loose rules' caps were set on :data:`RECAP_LIMIT` records or more they
    are never set again, so an ingest does not count the stored records (a count reads
    a whole index: milliseconds per ingest at a million records). It counted them on
    every ingest."""
    from goldenrecord.store import IdentityStore, _ingest

    statements: list[str] = []
    limit = _ingest.RECAP_LIMIT
    _ingest.RECAP_LIMIT = 10
    try:
        with IdentityStore(tmp_path / "s.db", schema=schema, model=model) as store:
            store.ingest(rows[:-1])
            store._db.conn.set_trace_callback(statements.append)
            store.ingest(rows[-1])
            store._db.conn.set_trace_callback(None)
            assert len(store) == len(rows)
    finally:
        _ingest.RECAP_LIMIT = limit
    assert statements, "the trace saw the ingest's statements"
    assert not [s for s in statements if "COUNT(*) FROM records" in s]


def test_a_lookup_leaves_the_cache_fit_for_building_profiles(
    tmp_path: Any, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """A lookup reads stored records without their raw values (it only scores); a
    profile built next from the same cached records still has every golden value, as
    a store object that never looked up builds it."""
    from goldenrecord.store import IdentityStore

    path = tmp_path / "s.db"
    with IdentityStore(path, schema=schema, model=model) as store:
        store.ingest(rows[:-1])
    probe = {k: v for k, v in rows[0].items() if k not in ("record_id", "person_id")}
    with IdentityStore(path) as fresh:
        expected = fresh.profile_of(rows[0]["record_id"])
    with IdentityStore(path) as store:
        found = store.lookup(probe)
        assert found
        assert found[0].matched
        assert store.profile_of(rows[0]["record_id"]) == expected


def test_documents_of_equal_length_and_other_names_are_read_by_name() -> None:
    """Stored documents are transposed at once when they hold the same names; two of
    the same length but other names (one lacks a column the other has) are read name
    by name, each missing cell None, whatever order the names come in."""
    items = [
        _item("a", {"email": "p@q.r", "k": ["x"]}),
        _item("b", {"email": "x@y.z", "j": "w"}),
        _item("c", {"k": ["y"], "email": "s@t.u"}),
    ]
    table = from_stored(SCHEMA, items)
    assert table.columns["email"].tolist() == ["p@q.r", "x@y.z", "s@t.u"]
    assert table.columns["k"].tolist() == [("x",), None, ("y",)]
    assert table.columns["j"].tolist() == [None, "w", None]
    same = from_stored(SCHEMA, [items[0], items[2]])  # one set of names, two orders
    assert same.columns["k"].tolist() == [("x",), ("y",)]
    assert same.columns["email"].tolist() == ["p@q.r", "s@t.u"]
