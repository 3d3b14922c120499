"""Progress of the pipeline's stages: opt-in, silent by default, events in order."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pytest

import goldenrecord as gr
from goldenrecord._io import write_table
from goldenrecord._progress import StageBar, StageEvent, Stages, reporting
from goldenrecord._resolve import STAGES

ROWS = [
    {"id": "1", "email": "ana.lima@gmail.com", "name": "Ana Lima"},
    {"id": "2", "email": "analima+shop@gmail.com", "name": "ana lima"},
    {"id": "3", "email": "bo@x.io", "name": "Bo Chen"},
]


class Terminal(io.StringIO):
    """A text stream that says it is a terminal, as stderr is in an interactive shell."""

    def isatty(self) -> bool:
        return True


def stages_drawn(text: str) -> list[str]:
    """The stage names a progress bar drew on a stream, in order, each once."""
    bars = [p for p in text.split("\r") if p.startswith("goldenrecord: ") and " stages |" in p]
    names = [p.split(": ")[1] for p in bars]
    return list(dict.fromkeys(n for n in names if n != "starting"))


def test_callback_hears_every_stage_start_and_end_in_order() -> None:
    """Each stage starts then ends before the next starts; steps count 1..n of n."""
    seen: list[StageEvent] = []
    res = gr.resolve(ROWS, progress=seen.append)
    assert [(e.stage, e.done) for e in seen] == [(s, d) for s in STAGES for d in (False, True)]
    assert [e.step for e in seen] == [k for k in range(1, len(STAGES) + 1) for _ in (0, 1)]
    assert {e.steps for e in seen} == {len(STAGES)}
    assert all(e.seconds is None for e in seen if not e.done)
    ends = {e.stage: e.seconds for e in seen if e.done}
    assert ends == dict(res.report.timings)


def test_reading_files_is_a_stage_of_its_own(tmp_path: Path) -> None:
    """A path input adds "read" as the first of eight stages."""
    write_table({k: [r[k] for r in ROWS] for k in ROWS[0]}, tmp_path / "in.csv")
    seen: list[StageEvent] = []
    gr.resolve(tmp_path / "in.csv", progress=seen.append)
    starts = [e for e in seen if not e.done]
    assert [e.stage for e in starts] == ["read", *STAGES]
    assert starts[-1].step == starts[-1].steps == len(STAGES) + 1


def test_default_is_silent_and_progress_does_not_change_the_result(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """No output without progress=; the clusters are the same either way."""
    quiet = gr.resolve(ROWS)
    assert capsys.readouterr() == ("", "")
    told = gr.resolve(ROWS, progress=lambda event: None)
    assert told.clusters == quiet.clusters


def test_progress_true_draws_a_bar_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    """progress=True draws on stderr, naming the stages; stdout stays clean."""
    gr.resolve(ROWS, progress=True)
    out, err = capsys.readouterr()
    assert out == ""
    assert "goldenrecord: fit" in err
    assert f"{len(STAGES)}/{len(STAGES)} stages" in err


def test_reporting_reaches_runs_that_cannot_be_given_progress() -> None:
    """Inside `reporting(cb)` a resolve without progress= reports to cb; progress=False
    still silences one call; outside the block nothing is reported."""
    seen: list[StageEvent] = []
    with reporting(seen.append):
        gr.resolve(ROWS)
        n = len(seen)
        gr.resolve(ROWS, progress=False)
    gr.resolve(ROWS)
    assert n == 2 * len(STAGES)
    assert len(seen) == n


@pytest.mark.parametrize("bad", ["yes", 1, object()])
def test_progress_takes_a_bool_or_a_callable(bad: object) -> None:
    with pytest.raises(gr.SettingsError, match="progress must be True, False or a callable"):
        gr.resolve(ROWS, progress=bad)  # type: ignore[arg-type]


def test_a_failing_stage_is_timed_but_never_reported_done() -> None:
    """An exception inside a stage leaves its start as the last event, with a timing."""
    seen: list[StageEvent] = []
    stages = Stages(("a", "b"), report=seen.append)
    with pytest.raises(RuntimeError), stages.stage("a"):
        raise RuntimeError("boom")
    assert [(e.stage, e.done) for e in seen] == [("a", False)]
    assert "a" in stages.timings


def test_a_stage_outside_the_plan_counts_as_one_more() -> None:
    seen: list[StageEvent] = []
    stages = Stages(("a",), report=seen.append)
    for name in ("a", "extra"):
        with stages.stage(name):
            pass
    assert [(e.stage, e.step, e.steps) for e in seen if e.done] == [("a", 1, 1), ("extra", 2, 2)]


def test_bar_counts_stages_over_nested_runs_and_names_the_running_one() -> None:
    """An outer run holding an inner one: the bar ends at the total, names the inner
    stages while they run and the outer stage again when the inner run is over."""
    term = Terminal()
    bar = StageBar(term, total=4)
    outer = Stages(("read", "ingest"), report=bar)
    with outer.stage("read"):
        pass
    with outer.stage("ingest"):
        inner = Stages(("fit", "score"), report=bar)
        for name in ("fit", "score"):
            with inner.stage(name):
                pass
        bar.write("a note above the bar")
    bar.close()
    text = term.getvalue()
    drawn = [part.split(": ")[1] for part in text.split("\r") if part.startswith("goldenrecord:")]
    labels = [label for label, _ in itertools.groupby(drawn)]
    assert labels == ["starting", "read", "ingest", "fit", "score", "ingest"]
    assert "4/4 stages" in text
    assert "a note above the bar\n" in text


def test_bar_grows_when_a_run_announces_more_stages_than_expected() -> None:
    term = Terminal()
    bar = StageBar(term, total=1)
    stages = Stages(("a", "b", "c"), report=bar)
    for name in ("a", "b", "c"):
        with stages.stage(name):
            pass
    bar.close()
    assert "3/3 stages" in term.getvalue()
