"""Encoding on several processes: chunks of a table sent to worker processes in turn.

Normalizing and hashing are Python work that holds the GIL, so :func:`encode` with
``workers > 1`` uses processes. The field columns are shared out between them (by
the cost of their kinds): each worker holds its own encoder (keys, memos) for the
whole run and encodes its columns of every chunk, sent as lists of cells with the
columns they read (countries, the salt); it sends back an Arrow record batch. As a
column is always encoded by one process, each distinct value is normalized once, as
in one process (split by rows, values common to two workers' rows were normalized by
both). The parent keeps at most two chunks in flight, so memory stays bounded on
long streams, and yields the columns in input order.

Every value depends only on its record and on settings fixed before the first chunk
is sent (the date order read from the first chunk), so the output is the one a
single process gives, value for value.

Workers are started by the ``forkserver`` method where there is one (``spawn``
elsewhere): never by a plain ``fork`` of a process that may run threads. The fork
server imports :mod:`goldenrecord.pprl._warm` once, which loads the normalizers'
lazily loaded data (country names, phone metadata, name tables), so each worker
starts warm.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Final

from goldenrecord.errors import SettingsError

__all__ = ["WORKER_CPU", "column_groups", "cores", "encode_chunks"]

_IN_FLIGHT: Final = 2  # parts sent ahead to every worker
_RUN: dict[str, Any] = {}  # the worker's encoder, set by _start
WORKER_CPU: Final = [0.0]
"""CPU seconds the workers of this process spent encoding, all runs together."""


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# The relative CPU cost of normalizing and encoding a cell of each kind (measured on
# generated customers): the columns are shared out between workers by it.
_COST: Final = {
    "phone": 8.0,
    "full_name": 3.0,
    "address": 3.0,
    "email": 2.0,
    "given_name": 2.0,
    "family_name": 2.0,
    "postcode": 1.5,
    "date": 1.0,
    "identifier": 1.0,
}


def column_groups(schema: Any, plan: Mapping[str, str], workers: int) -> list[list[str]]:
    """The field columns shared out between ``workers`` processes (at most one per
    column), the costliest first to the least loaded, each group in schema order.

    A column is encoded by one worker for the whole run, so each distinct value of
    it is normalized once, as in one process; split by rows, every worker would
    normalize the values common to its rows and another's again.

    >>> from goldenrecord.schema import Schema
    >>> s = Schema(id="id", fields={"tel": "phone", "mail": "email", "name": "full_name"})
    >>> column_groups(s, {"tel": "hmac", "mail": "hmac", "name": "bloom"}, 2)
    [['tel'], ['mail', 'name']]
    """
    count = max(1, min(workers, len(plan)))
    loads = [0.0] * count
    groups: list[list[str]] = [[] for _ in range(count)]
    for c in sorted(plan, key=lambda c: -_COST.get(schema.fields[c], 0.5)):
        g = loads.index(min(loads))
        loads[g] += _COST.get(schema.fields[c], 0.5)
        groups[g].append(c)
    order = {c: i for i, c in enumerate(plan)}
    return [sorted(group, key=order.__getitem__) for group in groups]


def _start(
    encoder: Callable[..., Any], settings: Mapping[str, Any], dayfirst: Mapping[str, bool | None]
) -> None:
    """Worker initializer: one encoder for the run, its date orders already settled."""
    run = encoder(**settings)
    run.dayfirst.update(dayfirst)
    _RUN["run"] = run
    # What the worker holds from the fork server (modules, tables, metadata) is left
    # out of garbage collection: collections no longer walk it, nor write to its
    # pages (each write would copy a page shared with the server).
    gc.freeze()


def _encode(columns: Mapping[str, list[Any]], n: int, only: list[str]) -> tuple[Any, float]:
    """The field columns ``only`` of one part of a chunk, in a worker, and the CPU time."""
    start = time.process_time()
    batch = _RUN["run"].field_batch(columns, n, only)
    return batch, time.process_time() - start


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["goldenrecord.pprl._warm"])
        return context
    return multiprocessing.get_context("spawn")


def encode_chunks(
    parts: Iterator[tuple[Mapping[str, list[Any]], int]],
    encoder: Callable[..., Any],
    settings: Mapping[str, Any],
    dayfirst: Mapping[str, bool | None],
    groups: list[tuple[list[str], list[str]]],
) -> Iterator[dict[str, Any]]:
    """The encoded field columns of each (columns, rows) part, in order, as Arrow
    arrays by column name: one process per group, each holding one
    ``encoder(**settings)``. A group is (fields, columns read): the process encodes
    those fields of every part, and is sent the columns they read (the fields, the
    countries, the salt)."""
    pending: deque[list[Future[tuple[Any, float]]]] = deque()
    context = _context()
    with contextlib.ExitStack() as stack:
        pools = [
            stack.enter_context(
                ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=context,
                    initializer=_start,
                    initargs=(encoder, dict(settings), dict(dayfirst)),
                )
            )
            for _ in groups
        ]
        for columns, n in parts:
            pending.append(
                [
                    pool.submit(_encode, {c: columns[c] for c in read}, n, fields)
                    for pool, (fields, read) in zip(pools, groups, strict=True)
                ]
            )
            if len(pending) >= _IN_FLIGHT:
                yield _merged(pending.popleft())
        while pending:
            yield _merged(pending.popleft())


def _merged(futures: list[Future[tuple[Any, float]]]) -> dict[str, Any]:
    """The columns of one part's record batches, one batch per group, by name."""
    out: dict[str, Any] = {}
    for future in futures:
        batch = _received(future)
        for name, array in zip(batch.schema.names, batch.columns, strict=True):
            out[name] = array
    return out


def _received(future: Future[tuple[Any, float]]) -> Any:
    try:
        batch, spent = future.result()
    except BrokenProcessPool as error:
        raise SettingsError(
            "an encoding worker process stopped before its work was done; with workers > 1, "
            'call encode from code run under `if __name__ == "__main__":` (worker '
            "processes import the main module), or use workers=1"
        ) from error
    WORKER_CPU[0] += spent
    return batch
