"""Stage timings and progress reports for the long-running parts of the pipeline.

:class:`Stages` times named stages (``with stages.stage("fit"): ...``) and, when
asked, tells a callback when each starts and ends with a :class:`StageEvent`.
``gr.resolve(..., progress=True)`` draws a :class:`StageBar` (tqdm, on stderr);
``progress=callable`` receives the events; the default is silent.

A caller that cannot pass ``progress=`` down (the identity store's first bulk
ingest calls :func:`goldenrecord.resolve` itself) can set a callback for everything
run inside a ``with reporting(callback):`` block; ``progress=False`` still silences
one call. Events carry stage names, counts and seconds, never personal values.

>>> seen = []
>>> stages = Stages(("read", "fit"), report=seen.append)
>>> with stages.stage("read"):
...     pass
>>> [(e.stage, e.done, e.step, e.steps) for e in seen]
[('read', False, 1, 2), ('read', True, 1, 2)]
>>> list(stages.timings)
['read']
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TextIO, TypeAlias

import attrs

from goldenrecord.errors import SettingsError

__all__ = [
    "ProgressCallback",
    "StageBar",
    "StageEvent",
    "Stages",
    "progress_reporter",
    "reporting",
]


@attrs.frozen
class StageEvent:
    """A stage of a run started (``done`` False) or finished (``done`` True).

    Attributes:
        stage: the stage's name (``"prepare"``, ``"block"``, ``"fit"``, ...).
        done: False when the stage starts, True when it has finished.
        step: the stage's position in its run, from 1.
        steps: how many stages the run has (at least ``step``).
        seconds: how long the stage took (None when it starts).
    """

    stage: str
    done: bool
    step: int
    steps: int
    seconds: float | None = None


ProgressCallback: TypeAlias = Callable[[StageEvent], Any]
"""Anything that takes a :class:`StageEvent` (its return value is ignored)."""

_CURRENT: ContextVar[ProgressCallback | None] = ContextVar("goldenrecord_progress", default=None)


@contextmanager
def reporting(callback: ProgressCallback | None) -> Iterator[None]:
    """Send the stage events of every run inside the block to ``callback``
    (``progress=`` not given); None silences them."""
    token = _CURRENT.set(callback)
    try:
        yield
    finally:
        _CURRENT.reset(token)


class Stages:
    """Times named stages and reports their start and end to an optional callback.

    Args:
        plan: the stages the run expects, in order (gives events their ``steps``;
            a stage outside the plan is counted as one more).
        report: the callback, or None for timings only.
    """

    def __init__(self, plan: Sequence[str] = (), report: ProgressCallback | None = None) -> None:
        self.timings: dict[str, float] = {}
        self._steps = len(plan)
        self._started = 0
        self._report = report

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the block as stage ``name``; report its start, and its end when it
        ends without an exception."""
        self._started += 1
        step = self._started
        self._steps = max(self._steps, step)
        if self._report is not None:
            self._report(StageEvent(name, False, step, self._steps))
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = round(time.perf_counter() - start, 4)
        if self._report is not None:
            self._report(StageEvent(name, True, step, self._steps, self.timings[name]))


class StageBar:
    """A tqdm progress bar over stages: one step per finished stage, labelled with
    the stage running now. Call it with :class:`StageEvent` objects; :meth:`close` it.

    Args:
        file: where to draw (default ``sys.stderr``).
        total: how many stages to expect over all the runs it will see (default:
            the first run's count). It grows when a run announces more.
        label: the text before the stage name.
    """

    def __init__(
        self, file: TextIO | None = None, *, total: int | None = None, label: str = "goldenrecord"
    ) -> None:
        from tqdm import tqdm

        self._label = label
        self._running: list[str] = []
        self._file = file if file is not None else sys.stderr
        self._bar = tqdm(
            total=total,
            file=self._file,
            leave=False,
            dynamic_ncols=True,
            unit="stage",
            desc=f"{label}: starting: ",  # set_description adds the ": " itself
            bar_format="{desc}{n_fmt}/{total_fmt} stages |{bar}| {elapsed}",
        )

    def __call__(self, event: StageEvent) -> None:
        bar = self._bar
        if event.done:
            if event.stage in self._running:
                self._running.remove(event.stage)
            if bar.total is not None and bar.n >= bar.total:  # more stages than announced
                bar.total = bar.n + 1
            bar.update(1)
            if event.step < event.steps or not self._running:
                bar.refresh()  # a few stages: draw every one (tqdm skips quick updates)
                return  # the next stage of the run will name itself
        else:
            self._running.append(event.stage)
            needed = bar.n + event.steps - event.step + 1
            if bar.total is None or bar.total < needed:
                bar.total = needed
        # the stage starting, or the outer stage when a nested run has ended
        bar.set_description(f"{self._label}: {self._running[-1]}", refresh=True)

    def write(self, text: str) -> None:
        """Print ``text`` on the bar's stream above the bar (which is drawn again below)."""
        self._bar.write(text, file=self._file)

    def close(self) -> None:
        """Remove the bar from the terminal."""
        self._bar.close()


@contextmanager
def progress_reporter(
    progress: bool | ProgressCallback | None, *, file: TextIO | None = None
) -> Iterator[ProgressCallback | None]:
    """The callback ``progress=`` asks for, closed on exit when made here.

    None: the callback of the surrounding :func:`reporting` block (silent when
    none); False: silent; True: a :class:`StageBar` on ``file`` (stderr); a
    callable: itself.

    Raises:
        SettingsError: anything else.
    """
    if progress is None:
        yield _CURRENT.get()
    elif progress is True:
        bar = StageBar(file)
        try:
            yield bar
        finally:
            bar.close()
    elif progress is False:
        yield None
    elif callable(progress):
        yield progress
    else:
        raise SettingsError(
            "progress must be True, False or a callable taking a StageEvent, "
            f"got a {type(progress).__name__}"
        )
