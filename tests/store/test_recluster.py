"""Re-clustering a touched part of the store ends where batch ends on the whole table.

Each test bulk-loads a small hand-made table, ingests one more record that touches a
profile, and compares the store with ``gr.resolve`` on every record (same model and
rules): a single ingest must not merge or split profiles that batch keeps as they are.
"""

from __future__ import annotations

import pathlib
from typing import Any

import goldenrecord as gr
from goldenrecord.datasets._synthetic import COLUMNS as SYNTHETIC_COLUMNS
from goldenrecord.store import IdentityStore, ProfilesMerged, ProfileSplit
from tests.store.conftest import partition


def clusters_of(store: IdentityStore) -> dict[str, str]:
    return dict(store._db.conn.execute("SELECT record_key, profile_id FROM records").fetchall())


COLUMNS = [c for c in SYNTHETIC_COLUMNS if c != "person_id"]


def person(key: str, first: str, last: str, dob: str | None, **values: Any) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(COLUMNS)
    row.update(
        {
            "record_id": key,
            "source": "crm",
            "first_name": first,
            "last_name": last,
            "date_of_birth": dob,
            "city": "Leeds",
            "country": "GB",
        }
    )
    row.update(values)
    return row


def ingest_then_compare(
    path: pathlib.Path,
    schema: gr.Schema,
    model: gr.Matcher,
    base: list[dict[str, Any]],
    new: dict[str, Any],
    **options: Any,
) -> list[Any]:
    with IdentityStore(path, schema=schema, model=model, **options) as store:
        store.ingest(base)
        assert partition(clusters_of(store)) == partition(
            gr.resolve(base, schema, matcher=model, blocking=list(store.rules), **options).clusters
        )
        events = store.ingest([new])
        batch = gr.resolve(
            [*base, new], schema, matcher=model, blocking=list(store.rules), **options
        )
        assert partition(clusters_of(store)) == partition(batch.clusters)
    return events


def test_an_identifier_confirmed_outside_the_component_still_keeps_profiles_apart(
    tmp_path: pathlib.Path, schema: gr.Schema, model: gr.Matcher
) -> None:
    """Two records of one name with different customer numbers, each number also carried
    by a stranger elsewhere in the store: batch keeps them apart (both numbers are
    confirmed by two records); a new record joining one of them must not merge them."""
    ann = {"email": "ann.lee@gmail.com", "phone": "+44 7700 900123"}
    base = [
        person("a1", "Ann", "Lee", "1980-01-02", customer_number="C1001", **ann),
        person("a2", "Ann", "Lee", "1980-01-02", customer_number="C2002", **ann),
        person("x1", "Zed", "Quo", "1951-07-30", customer_number="C1001", city="Truro"),
        person("x2", "Yan", "Wu", "1999-11-11", customer_number="C2002", city="Hull"),
    ]
    new = person("a3", "Ann", "Lee", "1980-01-02", **ann)
    events = ingest_then_compare(tmp_path / "s.db", schema, model, base, new)
    assert not [e for e in events if isinstance(e, ProfilesMerged | ProfileSplit)]


def test_a_shared_value_still_counts_towards_a_value_limit(
    tmp_path: pathlib.Path, schema: gr.Schema, model: gr.Matcher
) -> None:
    """A family inbox carried by three names is no evidence, yet it is one of the values
    a profile holds: batch counts it towards the email limit, and so must re-clustering."""
    bob = {"phone": "+44 7700 900456", "postcode": "LS1 4AP", "address": "1 Park Row"}
    family = "hart.family@btinternet.com"
    base = [
        person("b1", "Bob", "Hart", "1975-03-04", email=family, **bob),
        person("b2", "Bob", "Hart", "1975-03-04", email="bob.hart@gmail.com", **bob),
        person("b3", "Bob", "Hart", "1975-03-04", email="bhart@yahoo.co.uk", **bob),
        person("f1", "Cat", "Hart", "1978-06-07", email=family),
        person("f2", "Dan", "Hart", "2004-09-10", email=family),
    ]
    new = person("b4", "Bob", "Hart", "1975-03-04", email="bob.hart@gmail.com", **bob)
    events = ingest_then_compare(tmp_path / "s.db", schema, model, base, new, limits={"email": 2})
    assert not [e for e in events if isinstance(e, ProfilesMerged | ProfileSplit)]


def test_a_value_that_becomes_shared_stops_counting_as_evidence(
    tmp_path: pathlib.Path, schema: gr.Schema, model: gr.Matcher
) -> None:
    """Two people of one family give the same inbox; the first load does not set it aside
    (two names, Ann and Annie, close enough for the inbox to join them: "Bob" now scores as
    the same family with another given name and would not be joined at all). A third name
    arriving with it makes it shared: the store then holds batch's clusters on all three
    records (the inbox no longer joins anyone), lists the inbox as shared, and a lookup by
    that inbox alone finds no match."""
    family = "lee.family@btinternet.com"
    base = [
        person("l1", "Ann", "Lee", None, email=family),
        person("l2", "Annie", "Lee", None, email=family),
        person("z1", "Zoe", "Park", "1990-01-01", email="zoe.park@gmail.com"),
    ]
    new = person("l3", "Cat", "Lee", None, email=family)
    path = tmp_path / "s.db"
    with IdentityStore(path, schema=schema, model=model) as store:
        store.ingest(base)
        before = clusters_of(store)
        assert before["l1"] == before["l2"]  # the inbox joined them: not shared yet
        assert not any(store._db.shared().values())
        events = store.ingest([new])
        after = clusters_of(store)
        batch = gr.resolve([*base, new], schema, matcher=model, blocking=list(store.rules))
        assert batch.shared.values == {"email": (family,)}
        assert partition(after) == partition(batch.clusters)
        assert len(set(after.values())) == 4
        split = [e for e in events if isinstance(e, ProfileSplit)]
        assert split
        assert all(e.reasons == ("shared:email",) for e in split)
        assert store._db.shared() == {"email": {store._db.keys.shared("email", family)}}
        probe = person("?", "Dan", "Lee", "1999-09-09", email=family)
        del probe["record_id"]
        assert not [m for m in store.lookup(probe) if m.matched]
    with IdentityStore(path) as again:  # the shared value is kept in the file
        assert again._db.shared() == {"email": {again._db.keys.shared("email", family)}}


def test_a_record_that_matches_a_profile_never_splits_it(
    tmp_path: pathlib.Path, rows: list[dict[str, Any]], schema: gr.Schema, model: gr.Matcher
) -> None:
    """fake_1000's records 554-560, ingested one at a time: the last one carries the
    profile's own inbox under a third spelling of the name (other initials). It matches
    the profile, so it is one more spelling of that person: the inbox stays evidence and
    the profile gains the record whole (it was split into two, the inbox set aside as
    shared by three people)."""
    spellings = [
        ("v554", "Clark", "Violet", "2020-02-11", "London", None),
        ("v555", None, "Clark", "2030-01-09", "London", "v.clarak@campbell.com"),
        ("v556", "Clark", "Violet", "2030-02-08", "London", "v.clark@campbell.com"),
        ("v557", None, "Clark", "2020-02-11", "London", "v.clark@campbell.com"),
        ("v558", "Violet", "alCr", "2020-02-11", "London", "v.clark@campbell.com"),
        ("v559", "Violet", "Clark", "2020-02-11", None, None),
        ("v560", "oiVlet", "Clakr", "2020-02-11", "London", "v.clark@campbell.com"),
    ]
    with IdentityStore(tmp_path / "s.db", schema=schema, model=model) as store:
        store.ingest(rows)
        for key, first, last, dob, city, email in spellings[:-1]:
            store.ingest(person(key, first, last, dob, city=city, email=email))
        pid = store.profile_of("v554").profile_id
        members = set(store.profile(pid).record_ids)
        assert members == {k for k, *_ in spellings[:-1]}
        key, first, last, dob, city, email = spellings[-1]
        events = store.ingest(person(key, first, last, dob, city=city, email=email))
        assert not [e for e in events if isinstance(e, ProfileSplit)]
        assert set(store.profile(pid).record_ids) == {*members, "v560"}


def test_exact_copies_do_not_make_a_reclustered_profile_sparse(tmp_path: pathlib.Path) -> None:
    """Batch reads an exact copy of a record as no record of its own in the split rule (a
    profile of many copies is not sparse); re-clustering a stored profile must read it
    the same way. A generated table with four exact copies of most records, bulk-loaded,
    then every profile clustered again untouched: nothing changes (before, 67 of 449
    profiles split, and a 1M store split a profile on every other ingest)."""
    table = gr.datasets.synthetic_customers(400, seed=3)
    rows = [{k: v for k, v in r.items() if k != "person_id"} for r in table.records()]
    rows += [{**r, "record_id": f"{r['record_id']}-copy{k}"} for r in rows[:300] for k in range(4)]
    with IdentityStore(tmp_path / "s.db", schema=table.schema()) as store:
        store.ingest(rows)
        before = clusters_of(store)
        db = store._db
        events = []
        for (pid,) in db.conn.execute("SELECT DISTINCT profile_id FROM records").fetchall():
            (rid,) = db.conn.execute(
                "SELECT rid FROM records WHERE profile_id = ? LIMIT 1", (pid,)
            ).fetchone()
            with db.write():
                db.settings["ingests"] += 1
                events += store._reclusterer.recluster({rid}, int(db.settings["ingests"]))
        assert events == []
        assert clusters_of(store) == before
