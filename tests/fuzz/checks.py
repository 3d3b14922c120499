"""The properties every junk input must keep, as plain functions.

The hypothesis tests, the committed corpus and the long run (``benchmarks/fuzz.py``)
all call these, so a failure found by one is checked the same way by the others.

* :func:`check_resolve`: ``gr.resolve`` raises nothing but :class:`gr.GoldenRecordError`
  (and nothing at all when the configuration is valid), accounts for every input row
  (in ``res.clusters`` or in ``res.rejected`` with a reason), builds its profiles,
  lineage and frames, and puts no personal value in an exception or warning message;
* :func:`check_order`: the clusters and rejections do not depend on the order of the rows;
* :func:`check_store`: ``IdentityStore.ingest`` in two steps (bulk, then incremental)
  stores, updates or reports as rejected every row;
* every call runs under :func:`time_limit`, so a hang is a failure, not a stuck run.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import tempfile
import threading
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

import goldenrecord as gr
from goldenrecord._io import sanitise_text
from tests.fuzz.strategies import Case, personal_values, shape_input

__all__ = [
    "CALL_SECONDS",
    "FuzzFailure",
    "Hang",
    "check_cli",
    "check_order",
    "check_resolve",
    "check_store",
    "leaks",
    "time_limit",
]

CALL_SECONDS = float(os.environ.get("GOLDENRECORD_FUZZ_CALL_SECONDS", "10"))
"""Seconds one library call may take before it counts as a hang (small inputs take
milliseconds; the limit is generous for a loaded machine)."""

T = TypeVar("T")


class Hang(Exception):  # noqa: N818 - the name says what happened
    """A library call ran past :data:`CALL_SECONDS`."""


class FuzzFailure(AssertionError):  # noqa: N818 - a failed property, as pytest reports it
    """A property broken by one input; the message says which."""


@contextlib.contextmanager
def time_limit(seconds: float = CALL_SECONDS) -> Iterator[None]:
    """Raise :class:`Hang` inside the block after ``seconds`` (main thread, Unix only).

    Elsewhere (no SIGALRM, or not the main thread) the block runs without a limit.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise Hang(f"call still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def leaks(message: str, values: set[str]) -> list[str]:
    """The personal values (cut to 12 characters) that appear in a message."""
    return sorted({v[:12] for v in values if v in message})


def _call(fn: Callable[[], T], values: set[str], what: str) -> T:
    """Run ``fn`` under the time limit with warnings recorded; check their messages."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with time_limit():
            result = fn()
    for w in caught:
        found = leaks(str(w.message), values)
        if found:
            raise FuzzFailure(f"{what}: warning {w.category.__name__} carries values {found}")
    return result


def _library_error(err: BaseException, values: set[str], what: str) -> None:
    """A raised library error is allowed; its message must carry no value."""
    if not isinstance(err, gr.GoldenRecordError):
        raise FuzzFailure(f"{what} raised {type(err).__name__}: {str(err)[:200]!r}") from err
    found = leaks(str(err), values)
    if found:
        raise FuzzFailure(f"{what}: {type(err).__name__} message carries values {found}") from err


def _resolve(
    case: Case, data: object | None = None, values: set[str] | None = None
) -> gr.Resolution | None:
    """``gr.resolve`` on the case: the resolution, or None after an allowed library error."""
    if values is None:
        values = personal_values(case)
    try:
        return _call(
            lambda: gr.resolve(case.data if data is None else data, case.schema, **case.options),
            values,
            "resolve",
        )
    except FuzzFailure:
        raise
    except Exception as err:
        _library_error(err, values, "resolve")
        if _valid_config(case):
            raise FuzzFailure(
                f"resolve raised {type(err).__name__} on a valid configuration (bad data must "
                f"not raise): {str(err)[:200]!r}"
            ) from err
        return None


def _valid_config(case: Case) -> bool:
    """An explicit schema whose columns all tables have, a matchable kind, valid options."""
    from tests.fuzz.strategies import MATCHABLE_KINDS

    schema = case.schema
    if schema is None or not set(schema.fields.values()) & set(MATCHABLE_KINDS):
        return False
    if case.shape == "record" and None in case.tables:
        return False  # one row as a bare dict: the store takes it, gr.resolve need not
    needed = {schema.id, *schema.fields, *schema.consent.values()}
    needed |= {c for c in (schema.source, schema.updated_at) if c is not None}
    for rows in case.tables.values():
        if not rows or any(not needed <= row.keys() for row in rows):
            return False
    opts = case.options
    if "link_only" in opts:
        return False
    if "purpose" in opts and opts["purpose"] not in schema.consent:
        return False
    limits = opts.get("limits")
    return limits is None or (
        isinstance(limits, Mapping)
        and all(
            k in ("email", "phone", "given_name")
            and k in schema.fields.values()
            and isinstance(v, int)
            and v >= 1
            for k, v in limits.items()
        )
    )


def check_resolve(case: Case) -> gr.Resolution | None:
    """Resolve the case and check the batch properties; the resolution, or None."""
    values = personal_values(case)
    res = _resolve(case, values=values)
    if res is None:
        return None
    # Every input row: in clusters (one unique key each) or rejected with a reason.
    n_rows = case.n_rows
    accounted = len(res.clusters) + len(res.rejected)
    if accounted != n_rows:
        raise FuzzFailure(
            f"resolve: {n_rows} input rows, {len(res.clusters)} in clusters + "
            f"{len(res.rejected)} rejected = {accounted}"
        )
    spots = Counter((r.source, r.row) for r in res.rejected)
    if any(n > 1 for n in spots.values()):
        raise FuzzFailure("resolve: one input row rejected twice")
    # source names are sanitised at the boundary, as the rejections name them
    tables = {
        (sanitise_text(name) if isinstance(name, str) else name): rows
        for name, rows in case.tables.items()
    }
    for r in res.rejected:
        table = tables.get(r.source)
        if table is None or not 0 <= r.row < len(table) or not r.reason:
            raise FuzzFailure(f"resolve: a rejection names no input row ({r.reason!r})")
    if res.report.n_input != n_rows:
        raise FuzzFailure(f"resolve: report.n_input {res.report.n_input} != {n_rows} rows")
    # Everything a user reads off a resolution works on junk too.
    purpose = case.options.get("purpose")
    for what, fn in (
        ("profiles", lambda: list(res.profiles)),
        ("lineage_frame", res.lineage_frame),
        ("to_pandas", res.to_pandas),
        ("to_pandas(purpose)", lambda: res.to_pandas(purpose=purpose)),
        ("pairs_frame", res.pairs_frame),
        ("repr", lambda: (repr(res), repr(res.report))),
    ):
        if what == "to_pandas(purpose)" and purpose is None:
            continue
        try:
            _call(fn, values, what)
        except FuzzFailure:
            raise
        except Exception as err:
            raise FuzzFailure(f"{what} raised {type(err).__name__}: {str(err)[:200]!r}") from err
    members = sum(len(p.record_ids) for p in res.profiles)
    if members != len(res.clusters):
        raise FuzzFailure(f"profiles hold {members} records, clusters {len(res.clusters)}")
    return res


def _shuffled(case: Case, order: list[int]) -> object:
    """The case's input with each table's rows in a permuted order."""

    def permute(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        idx = sorted(range(len(rows)), key=lambda i: order[i % len(order)] * 10_007 + i)
        return [rows[i] for i in idx]

    if None in case.tables:
        return shape_input(permute(case.tables[None]), case.shape)
    return {name: shape_input(permute(rows), case.shape) for name, rows in case.tables.items()}


def check_order(case: Case, order: list[int]) -> None:
    """The same clusters, profile ids and rejections for the rows in another order."""
    values = personal_values(case)
    first = _resolve(case, values=values)
    if first is None:
        return
    second = _resolve(case, _shuffled(case, order), values)
    if second is None:
        raise FuzzFailure("resolve raised on shuffled rows but not on the original order")
    if first.clusters != second.clusters:
        moved = sum(first.clusters.get(k) != v for k, v in second.clusters.items())
        raise FuzzFailure(
            f"resolve: clusters depend on row order ({moved} keys differ, "
            f"{len(first.clusters)} vs {len(second.clusters)} keys)"
        )

    def why(res: gr.Resolution) -> Counter[tuple[Any, ...]]:
        return Counter((r.source, r.reason, r.record_key) for r in res.rejected)

    if why(first) != why(second):
        raise FuzzFailure("resolve: rejections depend on row order")


def _stored_keys(events: list[Any]) -> set[str]:
    keys: set[str] = set()
    for e in events:
        if e.kind in ("ProfileCreated", "RecordAdded"):
            keys.update(e.record_keys)
    return keys


def _store_rejections(result: object) -> int:
    """Rows an ingest reports as rejected, whatever form the report takes.

    Counts a ``rejected`` attribute of the result (a number or a sequence), or events
    whose kind names a rejection (``count`` each, or their record keys, or one).
    """
    rejected = getattr(result, "rejected", None)
    if isinstance(rejected, int):
        return rejected
    if rejected is not None:
        return len(rejected)
    n = 0
    for e in _events(result):
        if "reject" in str(getattr(e, "kind", "")).lower():
            count = getattr(e, "count", None)
            keys = getattr(e, "record_keys", None)
            n += count if isinstance(count, int) else len(keys) if keys else 1
    return n


def _events(result: object) -> list[Any]:
    if isinstance(result, list):
        return result
    return list(getattr(result, "events", []) or [])


def _updated_keys(events: list[Any]) -> set[str]:
    keys: set[str] = set()
    for e in events:
        if e.kind == "RecordUpdated":
            keys.update(e.record_keys)
    return keys


def _repeats(
    before: Mapping[str | None, list[dict[str, Any]]],
    now: Mapping[str | None, list[dict[str, Any]]],
) -> int:
    """Rows of ``now`` whose id equals an id sent before in the same table."""
    n = 0
    for name, rows in now.items():
        seen = [r.get("id") for r in before.get(name, [])]
        for row in rows:
            try:
                n += any(row.get("id") == s for s in seen)
            except Exception:  # an id that refuses comparison (pandas NA)
                n += 1
    return n


def check_store(case: Case) -> None:
    """Ingest the case into a new store (first half in bulk, the rest incrementally).

    Each ingest stores, updates or reports as rejected every row: the new record keys
    in its events plus the rows reported rejected plus the rows that updated a record
    add up to its rows, and each reported key is in the store.
    """
    if case.schema is None:
        return
    values = personal_values(case)
    halves: list[dict[str | None, list[dict[str, Any]]]] = [{}, {}]
    for name, rows in case.tables.items():
        cut = (len(rows) + 1) // 2
        halves[0][name] = rows[:cut]
        halves[1][name] = rows[cut:]
    opts = {k: v for k, v in case.options.items() if k in ("purpose", "limits", "one_per_source")}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "store.db"
        try:
            store = _call(
                lambda: gr.IdentityStore(path, schema=case.schema, **opts), values, "open"
            )
        except FuzzFailure:
            raise
        except Exception as err:
            _library_error(err, values, "IdentityStore()")
            return
        stored: set[str] = set()
        try:
            for step, half in enumerate(halves):
                data = (
                    shape_input(half[None], case.shape)
                    if None in half
                    else {n: shape_input(r, case.shape) for n, r in half.items()}
                )
                n_rows = sum(len(r) for r in half.values())
                if not n_rows:
                    continue  # an empty half has no columns to shape, nothing to count
                try:
                    result = _call(lambda d=data: store.ingest(d), values, "ingest")  # type: ignore[misc]
                except FuzzFailure:
                    raise
                except Exception as err:
                    _library_error(err, values, "ingest")
                    if _valid_config(case):
                        raise FuzzFailure(
                            f"ingest raised {type(err).__name__} on a valid configuration"
                        ) from err
                    return
                events = _events(result)
                new = _stored_keys(events) - stored
                stored |= new
                updated_rows = len(_updated_keys(events))
                rejected = _store_rejections(result)
                # A row that re-sends a stored record unchanged may change nothing.
                again = _repeats(halves[0], half) if step else 0
                if len(new) + updated_rows + rejected + again < n_rows:
                    raise FuzzFailure(
                        f"ingest step {step}: {n_rows} rows, {len(new)} new records, "
                        f"{updated_rows} updated, {rejected} reported rejected"
                    )
            for rows in case.tables.values():
                for row in rows[:2]:  # a junk record looked up: matches or nothing, in time
                    try:
                        _call(lambda r=row: store.lookup(r), values, "lookup")  # type: ignore[misc]
                    except FuzzFailure:
                        raise
                    except Exception as err:
                        _library_error(err, values, "lookup")
            for key in sorted(stored):
                try:
                    _call(lambda k=key: store.profile_of(k), values, "profile_of")  # type: ignore[misc]
                except FuzzFailure:
                    raise
                except Exception as err:
                    raise FuzzFailure(
                        f"profile_of on a key reported stored raised {type(err).__name__}"
                    ) from err
        finally:
            store.close()
        with contextlib.closing(sqlite3.connect(path)) as conn:
            (n_records,) = conn.execute("SELECT COUNT(*) FROM records").fetchone()
        if n_records != len(stored):
            raise FuzzFailure(f"store holds {n_records} records, events reported {len(stored)}")


NORMALIZERS: dict[str, Callable[..., Any]] = {
    name: getattr(gr.normalize, name)
    for name in gr.normalize.__all__
    if name not in ("KINDS", "ColumnResult", "NameParts", "column")
}
"""Every one-value normalizer of ``gr.normalize``."""

IDEMPOTENT = ("email", "identifier", "name", "name_key", "given_name_canonical", "text", "phone")
"""Normalizers whose canonical output normalizes to itself."""


def check_normalizers(cell: Any, option: Any = None) -> None:
    """Every normalizer on one cell: no exception (a NormalizationError only with
    ``errors="raise"``), no value in its message, canonical output stable when normalized
    again, and ``normalize.column`` with the cell and a junk per-value option."""
    values = {str(cell)} if isinstance(cell, str) and len(str.strip(cell)) >= 6 else set()
    if isinstance(option, str):
        values.discard(option)  # an option may name itself in a configuration error
    for name, fn in NORMALIZERS.items():
        extra: dict[str, Any] = {}
        if name == "phone":
            extra["region"] = option if isinstance(option, str) or option is None else None
        elif name == "postcode":
            extra["country"] = option if isinstance(option, str) or option is None else None
        try:
            out = _call(lambda fn=fn, extra=extra: fn(cell, **extra), values, name)  # type: ignore[misc]
        except FuzzFailure:
            raise
        except gr.SettingsError as err:
            # One region or country for the call is configuration: an unknown one may raise.
            if not any(v is not None for v in extra.values()):
                raise FuzzFailure(f"normalize.{name} raised SettingsError on a cell") from err
            _library_error(err, values, f"normalize.{name}")
            continue
        except Exception as err:
            raise FuzzFailure(f"normalize.{name} raised {type(err).__name__}") from err
        try:
            _call(lambda fn=fn, extra=extra: fn(cell, errors="raise", **extra), values, name)  # type: ignore[misc]
        except FuzzFailure:
            raise
        except gr.NormalizationError as err:
            _library_error(err, values, f"normalize.{name}(errors='raise')")
        except Exception as err:
            raise FuzzFailure(
                f"normalize.{name}(errors='raise') raised {type(err).__name__}"
            ) from err
        if name in IDEMPOTENT and isinstance(out, str):
            again = _call(lambda fn=fn, out=out: fn(out), values, name)  # type: ignore[misc]
            if again != out:
                raise FuzzFailure(f"normalize.{name} is not idempotent: {out!r} -> {again!r}")
    for kind, opt in (("phone", "region"), ("postcode", "country"), ("date", "dayfirst")):
        try:
            _call(
                lambda kind=kind, opt=opt: gr.normalize.column(  # type: ignore[misc]
                    [cell, "x"], kind, **{opt: [option, None]}
                ),
                values,
                f"column({kind})",
            )
        except FuzzFailure:
            raise
        except Exception as err:
            raise FuzzFailure(
                f"normalize.column({kind!r}, {opt}=[junk, None]) raised {type(err).__name__}"
            ) from err


def check_cli(args: list[str], protected: Mapping[Path, bytes], values: set[str]) -> int:
    """Run the command line: it exits (0, 1 or 75) with no traceback, leaves every file in
    ``protected`` byte for byte as it was, and prints no value of ``values`` on stderr."""
    import io

    from goldenrecord._cli import main

    out, err = io.StringIO(), io.StringIO()
    try:
        with time_limit():
            code = main(args, out=out, err=err)
    except SystemExit as exit_:  # argparse usage errors
        code = exit_.code if isinstance(exit_.code, int) else 2
    except Exception as error:
        raise FuzzFailure(f"CLI raised {type(error).__name__} (a traceback)") from error
    for path, content in protected.items():
        if not path.exists() or path.read_bytes() != content:
            raise FuzzFailure(f"CLI {args[0]} wrote over its input {path.name}")
    found = leaks(err.getvalue(), values)
    if found:
        raise FuzzFailure(f"CLI {args[0]} printed values {found} on stderr")
    return code
