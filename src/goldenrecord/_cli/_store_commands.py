"""The commands on an identity store: ``ingest``, ``lookup``, ``forget``, ``profile``,
``history``, ``link``, ``unlink`` and ``check``, with the opening, building and
publishing of the store file.

Messages never repeat a record key, profile id or value given on the command line: a
mistyped argument may be an email address."""

from __future__ import annotations

import argparse
import json
import os
import secrets
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import attrs

from goldenrecord._cli._file_commands import _schema, _schema_file
from goldenrecord._cli._output import _print_ingest_summary, _print_profile, _print_table, _progress
from goldenrecord._cli._width import output_width, say
from goldenrecord._demo import profile_doc
from goldenrecord._io import read_table
from goldenrecord._progress import Stages, reporting
from goldenrecord._resolve import STAGES
from goldenrecord.errors import SettingsError
from goldenrecord.match import Explanation
from goldenrecord.schema import Schema
from goldenrecord.store import (
    Event,
    IdentityStore,
    IngestResult,
    ProfileCreated,
    ProfileRemoved,
    ProfilesMerged,
    ProfileSplit,
    RecordAdded,
    RecordRejected,
    RecordsForgotten,
    RecordUpdated,
    StoreError,
    ValuesChanged,
    check_store,
)

EXIT_BUSY = 75
"""The exit code when another process held the store's write lock past ``--timeout``
(``EX_TEMPFAIL`` of sysexits.h: try again later)."""


def _open_store(
    path: str, timeout: float, schema: Schema | None = None, *, key_file: str | None = None
) -> IdentityStore:
    """The store at ``path`` (its secret in ``<path>.key``, or ``key_file``); a missing
    file is an error, unless a schema is given for a new store."""
    if not Path(path).is_file() and schema is None:
        raise StoreError(f"no identity store at {path!r} (`goldenrecord ingest` creates one)")
    try:
        return IdentityStore(path, schema=schema, timeout=timeout, key_file=key_file)
    except StoreError as problem:
        if type(problem) is not StoreError:
            raise
        raise StoreError(f"{path!r}: {problem}") from None


def _building(path: str) -> str:
    """Where a new store is built before it appears at ``path`` (same folder)."""
    target = Path(path)
    if target.exists():
        raise StoreError(f"{path!r} is not an identity store (not a file)")
    if not target.resolve().parent.is_dir():
        raise SettingsError(f"no such folder for the store {path!r}")
    return str(target.with_name(f".{target.name}.{secrets.token_hex(4)}.new"))


def _publish(building: str, path: str) -> None:
    """Make a new store, built and closed, appear at ``path`` at once (never over a
    store another process created meanwhile)."""
    try:
        os.link(building, path)
    except FileExistsError:
        raise StoreError(
            f"another process created a store at {path!r} during this ingest; run it again"
        ) from None
    Path(building).unlink()


def _remove_store(path: str) -> None:
    """Delete a store file with SQLite's companion files."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(path + suffix).unlink(missing_ok=True)


_TWO_SOURCES = "--source: the input has a source column {column!r} already; drop one of them"


def _add_source(
    columns: dict[str, list[Any]], column: str | None, name: str
) -> dict[str, list[Any]]:
    """The input with the source column ``column`` holding ``name`` in every row; as it
    is without one (the source is then given by :func:`_one_source`)."""
    if column is None:
        return columns
    if column in columns:
        raise SettingsError(_TWO_SOURCES.format(column=column))
    n = len(next(iter(columns.values()), []))
    return {**columns, column: [name] * n}


def _one_source(columns: dict[str, list[Any]], id_column: str, name: str) -> object:
    """The input as the one source ``name`` of a mapping of sources: the store keys its
    records ``name:id``, as :func:`goldenrecord.resolve` keys the records of several
    sources (``:`` and ``\\`` in the name escaped), and takes ``name`` as their source
    where the schema reads none. A source named like the id column is given as rows, so
    the mapping cannot read as one table's columns."""
    if name != id_column:
        return {name: columns}
    n = len(next(iter(columns.values()), []))
    return {name: [{c: cells[i] for c, cells in columns.items()} for i in range(n)]}


def _event_doc(event: Event) -> dict[str, Any]:
    """An event as JSON: its type, then its fields (profile ids and record keys only)."""
    fields = attrs.asdict(event).items()
    return {"type": event.kind, **{k: list(v) if isinstance(v, tuple) else v for k, v in fields}}


def _tally(events: Sequence[Event]) -> dict[str, int]:
    """What the events of one call did, in counts."""

    def count(kind: type[Event]) -> int:
        return sum(isinstance(e, kind) for e in events)

    def records(kind: type[Event]) -> int:
        return sum(len(getattr(e, "record_keys", ())) for e in events if isinstance(e, kind))

    return {
        "profiles_created": count(ProfileCreated),
        "records_in_new_profiles": records(ProfileCreated),
        "records_added": records(RecordAdded),
        "records_updated": records(RecordUpdated),
        "merges": count(ProfilesMerged),
        "splits": count(ProfileSplit),
        "profiles_removed": count(ProfileRemoved),
        "profiles_with_changed_values": count(ValuesChanged),
    }


def _ingest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    fresh = not Path(args.store).is_file()
    start = time.perf_counter()
    with _progress(args, err, total=2 + (len(STAGES) if fresh else 0)) as bar:
        stages = Stages(("read", "ingest"), report=bar)
        with stages.stage("read"):
            columns = read_table(args.input, encoding=args.encoding, sep=args.sep)
        given = _schema_file(args)
        store = None if fresh else _open_store(args.store, args.timeout, given)
        building = _building(args.store) if fresh else args.store
        key_file = Path(args.store + ".key")
        new_key = fresh and not key_file.exists()  # made by this ingest: gone if it fails
        published = False
        try:
            schema = store.schema if store is not None else given
            if args.source is not None:
                column = "source" if schema is None else schema.source
                columns = _add_source(columns, column, args.source)
            inferred = schema is None
            if schema is None:
                schema, _ = _schema(args, columns, err, bar)
                if args.source is not None and schema.source != "source":
                    raise SettingsError(_TWO_SOURCES.format(column=schema.source))
            data = columns if args.source is None else _one_source(columns, schema.id, args.source)
            if store is None:  # built beside, its key file made where the store will be
                store = _open_store(building, args.timeout, schema, key_file=args.store + ".key")
            with stages.stage("ingest"), reporting(bar):
                events = store.ingest(data)
            held = len(store), store.n_profiles
            if fresh:
                store.close()
                _publish(building, args.store)
                published = True
        finally:
            if store is not None:
                store.close()
            if fresh:
                _remove_store(building)  # gone already once published
            if new_key and not published:
                key_file.unlink(missing_ok=True)
    accounted: dict[str, Any] = (
        events.counts()
        if isinstance(events, IngestResult)
        else {"rows": len(next(iter(columns.values()), []))}
    )
    reasons: dict[str, int] = {}
    for e in events:
        if isinstance(e, RecordRejected):
            reasons[e.reason] = reasons.get(e.reason, 0) + 1
    accounted["rejected_reasons"] = ", ".join(f"{r} {n:,}" for r, n in sorted(reasons.items()))
    summary: dict[str, Any] = {
        "store": args.store,
        "input": args.input,
        **accounted,
        **_tally(events),
        "store_records": held[0],
        "store_profiles": held[1],
        "schema_inferred": inferred,
        "seconds": round(time.perf_counter() - start, 2),
        "timings": stages.timings,
    }
    if args.json:
        summary["events"] = [_event_doc(e) for e in events]
        json.dump(summary, out, ensure_ascii=False, indent=2)
        print(file=out)
    elif not args.quiet:
        _print_ingest_summary(summary, out)
    return 0


def _lookup_records(args: argparse.Namespace) -> list[dict[str, Any]]:
    """The records to look up: the ``--record`` object, or the rows of INPUT."""
    if args.record is not None:
        try:
            record = json.loads(args.record)
        except json.JSONDecodeError as problem:
            raise SettingsError(f"--record is not valid JSON ({problem.msg})") from None
        if not isinstance(record, dict):
            raise SettingsError("--record takes a JSON object of column to value")
        return [record]
    columns = read_table(args.input, encoding=args.encoding, sep=args.sep)
    n = len(next(iter(columns.values()), []))
    return [{c: cells[i] for c, cells in columns.items()} for i in range(n)]


def _lookup(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    records = _lookup_records(args)
    with _open_store(args.store, args.timeout) as store:
        id_column = store.schema.id
        found: list[dict[str, Any]] = []
        for row, record in enumerate(records, 1):
            matches = store.lookup(record, limit=args.limit)
            found.append(
                {
                    "row": row,
                    "record_id": record.get(id_column),
                    "matches": [
                        {
                            "profile_id": m.profile_id,
                            "record_key": m.record_key,
                            "weight": round(m.weight, 4),
                            "probability": m.probability,
                            "matched": m.matched,
                            **(
                                {"explanation": _sentences(m.explanation, args.mask)}
                                if args.explain
                                else {}
                            ),
                        }
                        for m in matches
                    ],
                }
            )
    if args.json:
        json.dump({"store": args.store, "lookups": found}, out, ensure_ascii=False, indent=2)
        print(file=out)
        return 0
    for item in found:
        name = f"row {item['row']}" + (
            f" (id {item['record_id']})" if item["record_id"] is not None else ""
        )
        if not item["matches"]:
            print(f"{name}: no candidate profile (a new profile on ingest)", file=out)
            continue
        hits = sum(m["matched"] for m in item["matches"])
        print(
            f"{name}: {len(item['matches'])} candidate profiles, {hits} above threshold", file=out
        )
        rows = [["profile", "probability", "weight", "best record", "verdict"]]
        for m in item["matches"]:
            rows.append(
                [
                    m["profile_id"],
                    f"{m['probability']:.4f}",
                    f"{m['weight']:.2f}",
                    m["record_key"],
                    "joins" if m["matched"] else "apart",
                ]
            )
        _print_table(rows, out)
        for m in item["matches"]:
            for line in m.get("explanation", ()):
                say(f"{m['profile_id']}: {line}", out, output_width(out), "  ")
    return 0


def _sentences(explanation: Explanation, mask: bool) -> list[str]:
    return (explanation.masked() if mask else explanation).sentences


def _forget(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with _open_store(args.store, args.timeout) as store:
        before = len(store)
        events = store.forget_profile(args.id) if args.profile else store.forget(args.id)
        erased = before - len(store)
        doc = {
            "store": args.store,
            "records_erased": erased,
            "profiles_rebuilt": sorted(
                {e.profile_id for e in events if isinstance(e, RecordsForgotten)}
            ),
            "profiles_removed": sorted(
                {e.profile_id for e in events if isinstance(e, ProfileRemoved)}
            ),
            "tombstones": store.tombstones(),
            "events": [_event_doc(e) for e in events],
        }
    if args.json:
        json.dump(doc, out, ensure_ascii=False, indent=2)
        print(file=out)
        return 0
    print(f"goldenrecord: erased {erased:,} record(s) from {args.store}", file=out)
    for pid in doc["profiles_rebuilt"]:
        print(f"  profile {pid}: rebuilt from its remaining records", file=out)
    for pid in doc["profiles_removed"]:
        print(f"  profile {pid}: removed (no records left)", file=out)
    for e in events:
        if isinstance(e, ProfileSplit):
            print(f"  profile {e.profile_id}: split, parts {', '.join(e.split_ids)}", file=out)
    print(
        f"  the store keeps {doc['tombstones']:,} tombstone(s): digests of erased keys "
        "under the store's secret, no values",
        file=out,
    )
    return 0


def _profile(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with _open_store(args.store, args.timeout) as store:
        p = store.profile_of(args.id) if args.record else store.profile(args.id)
        purposes = store.schema.consent
    if args.purpose is not None and p.view(args.purpose).withheld:
        doc: dict[str, Any] = {
            "profile_id": p.profile_id,
            "n_records": p.n_records,
            "purpose": args.purpose,
            "consent": p.consent(args.purpose),
            "withheld": True,
        }
    else:
        doc = profile_doc(p, purposes)
    if args.json:
        json.dump(doc, out, ensure_ascii=False, indent=2, default=str)
        print(file=out)
    elif doc.get("withheld"):
        print(
            f"Profile {doc['profile_id']}: {doc['n_records']} records; values withheld for "
            f"{doc['purpose']} (consent: {doc['consent']})",
            file=out,
        )
    else:
        _print_profile(doc, out)
    return 0


_EVENT_FIELDS = {
    "record_keys": "records",
    "merged_ids": "absorbed",
    "split_ids": "split off",
    "reason": "id kept as",
    "fields": "golden fields",
    "count": "records erased",
    "reasons": "because",
}
"""How ``history`` labels the fields of an event."""


def _history(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with _open_store(args.store, args.timeout) as store:
        events = store.history(args.profile_id)
    if not events:
        raise StoreError("no events for a profile with that id in the store")
    if args.json:
        json.dump([_event_doc(e) for e in events], out, ensure_ascii=False, indent=2)
        print(file=out)
        return 0
    for e in events:
        print(_event_line(e), file=out)
    return 0


def _event_line(e: Event) -> str:
    """An event in one line: time, type, profile, then its fields (ids and keys only)."""
    detail = "; ".join(
        f"{_EVENT_FIELDS.get(k, k)}: {', '.join(map(str, v)) if isinstance(v, list) else v}"
        for k, v in _event_doc(e).items()
        if k not in ("type", "profile_id", "at")
    )
    return f"{e.at}  {e.kind:<16} {e.profile_id}  {detail}".rstrip()


def _override(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with _open_store(args.store, args.timeout) as store:
        decide = store.link if args.command == "link" else store.unlink
        events = decide(args.a, args.b)
    if args.json:
        json.dump([_event_doc(e) for e in events], out, ensure_ascii=False, indent=2)
        print(file=out)
        return 0
    what = "kept together" if args.command == "link" else "kept apart"
    print(f"goldenrecord: the two records are {what} from now on", file=out)
    if not events:
        print("  no profile changed", file=out)
    for e in events:
        print(f"  {_event_line(e)}", file=out)
    return 0


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``PRAGMA integrity_check`` and the store's own checks: exit 0 when sound, 1 with
    the problems (on stderr) otherwise."""
    found = check_store(args.store, timeout=args.timeout)
    if args.json:
        json.dump({"store": args.store, "sound": not found, "problems": found}, out, indent=2)
        print(file=out)
    elif not found:
        print(f"goldenrecord check: {args.store} is sound", file=out)
    for problem in found:
        print(f"goldenrecord check: {problem}", file=err)
    return 1 if found else 0
