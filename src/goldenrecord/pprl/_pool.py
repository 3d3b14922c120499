"""Encoding on several processes: chunks of a table sent to worker processes in turn.

Normalizing and hashing are Python work that holds the GIL, so :func:`encode` with
``workers > 1`` uses processes. Each worker holds its own encoder (keys, memos) for
the whole run and gets chunks of rows as lists of cells; it sends back an Arrow
record batch. The parent keeps at most two chunks per worker in flight, so memory
stays bounded on long streams, and yields the batches in input order.

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

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Final

from goldenrecord.errors import SettingsError

__all__ = ["WORKER_CPU", "cores", "encode_chunks"]

_IN_FLIGHT: Final = 2  # chunks per worker sent ahead
_RUN: dict[str, Any] = {}  # the worker's encoder, set by _start
WORKER_CPU: Final = [0.0]
"""CPU seconds the workers of this process spent encoding, all runs together."""


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _start(
    encoder: Callable[..., Any], settings: Mapping[str, Any], dayfirst: Mapping[str, bool | None]
) -> None:
    """Worker initializer: one encoder for the run, its date orders already settled."""
    run = encoder(**settings)
    run.dayfirst.update(dayfirst)
    _RUN["run"] = run


def _encode(columns: Mapping[str, list[Any]], n: int) -> tuple[Any, float]:
    """The field columns of one part of a chunk, in a worker, and the CPU time spent."""
    start = time.process_time()
    batch = _RUN["run"].field_batch(columns, n)
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
    workers: int,
) -> Iterator[Any]:
    """The encoded field columns of each (columns, rows) part, in order, as record
    batches made by ``workers`` processes, each holding one ``encoder(**settings)``."""
    pending: deque[Future[tuple[Any, float]]] = deque()
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_context(),
        initializer=_start,
        initargs=(encoder, dict(settings), dict(dayfirst)),
    ) as pool:
        for columns, n in parts:
            pending.append(pool.submit(_encode, columns, n))
            if len(pending) >= workers * _IN_FLIGHT:
                yield _received(pending.popleft())
        while pending:
            yield _received(pending.popleft())


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
