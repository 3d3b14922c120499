"""Long fuzz run: many generated junk tables through goldenrecord, failures tallied.

Draws junk inputs with the strategies of the test suite (``tests/fuzz/strategies.py``)
and checks each with the suite's properties (``tests/fuzz/checks.py``): only library
errors, every record accounted for, no personal value in a message, the same answer
in any row order, and every library call under a time limit (a hang is a failure).
Unlike the test suite it does not stop at the first failure: it counts every input,
groups the failures by what broke, prints one shrunk-free example of each, and reports
the count, the time and the throughput.

    python benchmarks/fuzz.py --tables 100000                 # resolve, small tables
    python benchmarks/fuzz.py --tables 2000 --path store      # the identity store
    python benchmarks/fuzz.py --tables 50000 --path normalize --seed 7
    python benchmarks/fuzz.py --tables 100000 --json > fuzz.json
    python benchmarks/fuzz.py --tables 100000 --out fuzz.json   # tally after every batch

``--path resolve`` (the default) is the cheapest whole-pipeline path: tables of up to
``--max-rows`` rows (default 4) and up to 4 copies of a row, every fourth one also
checked under a shuffled order. The exit status is 1 when anything failed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import hypothesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from tests.fuzz.checks import (
    CALL_SECONDS,
    FuzzFailure,
    Hang,
    check_normalizers,
    check_order,
    check_resolve,
    check_store,
)
from tests.fuzz.strategies import cases, cells, junk_text


def _signature(err: BaseException) -> str:
    """What broke, without the numbers that vary from input to input."""
    text = f"{type(err).__name__}: {err}"
    cause = err.__cause__
    if cause is not None and not isinstance(cause, FuzzFailure):
        text += f" <- {type(cause).__name__}"
    text = re.sub(r"values \[.*\]", "values [...]", text)
    text = re.sub(r"\d+", "N", text)
    return re.sub(r"'[^']{20,}'", "'...'", text)[:240]


def _where(err: BaseException) -> str:
    """The innermost goldenrecord frame of the error's cause, if any."""
    cause = err.__cause__ if err.__cause__ is not None else err
    frames = [
        f"{Path(f.filename).name}:{f.lineno}({f.name})"
        for f in traceback.extract_tb(cause.__traceback__)
        if "goldenrecord" in f.filename
    ]
    return f" at {frames[-1]}" if frames else ""


BATCH = 2_000
"""Inputs per hypothesis run: each batch has its own seed, so memory stays bounded."""


def run(path: str, n: int, seed: int, max_rows: int, out: Path | None = None) -> dict[str, Any]:
    """Check ``n`` generated inputs on one path; the tally (also written to ``out`` after
    every batch, so that an interrupted run still reports)."""
    failures: Counter[str] = Counter()
    examples: dict[str, str] = {}
    tables = 0
    checks = 0

    def record(err: BaseException, example: object) -> None:
        sig = _signature(err) + _where(err)
        failures[sig] += 1
        if sig not in examples:
            examples[sig] = repr(example)[:1500]

    def body(check: Callable[[], object], example: object) -> None:
        nonlocal checks
        checks += 1
        try:
            check()
        except (FuzzFailure, Hang) as err:
            record(err, example)

    strategy: st.SearchStrategy[Any]
    if path == "resolve":
        strategy = st.tuples(
            cases(max_rows=max_rows, max_copies=4),
            st.lists(st.integers(0, 100), min_size=1, max_size=8),
        )

        def one(drawn: Any) -> None:
            nonlocal tables
            tables += 1
            case, order = drawn
            body(lambda: check_resolve(case), case)
            if tables % 4 == 0:
                body(lambda: check_order(case, order), case)

    elif path == "store":
        strategy = cases(explicit_only=True, max_rows=max_rows, max_copies=4)

        def one(drawn: Any) -> None:
            nonlocal tables
            tables += 1
            body(lambda: check_store(drawn), drawn)

    else:
        strategy = st.tuples(cells, st.one_of(st.none(), junk_text, st.integers()))

        def one(drawn: Any) -> None:
            nonlocal tables
            tables += 1
            body(lambda: check_normalizers(*drawn), drawn)

    def tally() -> dict[str, Any]:
        seconds = time.perf_counter() - start
        return {
            "path": path,
            "inputs": tables,
            "checks": checks,
            "seconds": round(seconds, 1),
            "per_second": round(tables / seconds, 1) if seconds else None,
            "call_limit_seconds": CALL_SECONDS,
            "failures": dict(failures.most_common()),
            "examples": examples,
        }

    start = time.perf_counter()
    batch = 0
    while tables < n:
        before = tables
        test = settings(
            max_examples=min(BATCH, n - tables),
            deadline=None,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )(given(strategy)(one))
        hypothesis.seed(seed * 1_000_003 + batch)(test)()
        batch += 1
        done = tally()
        print(
            f"{tables:,} inputs, {sum(failures.values()):,} failures, {done['per_second']}/s",
            file=sys.stderr,
            flush=True,
        )
        if out is not None:
            out.write_text(json.dumps(done, indent=2, default=str))
        if tables == before:
            break  # the strategy has nothing new to draw
    return tally()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tables", type=int, default=100_000, help="inputs to generate")
    parser.add_argument("--path", choices=("resolve", "store", "normalize"), default="resolve")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-rows", type=int, default=4, help="most distinct rows per table")
    parser.add_argument("--json", action="store_true", help="print the tally as JSON")
    parser.add_argument("--out", type=Path, help="also write the tally here after every batch")
    args = parser.parse_args(argv)
    tally = run(args.path, args.tables, args.seed, args.max_rows, args.out)
    if args.json:
        print(json.dumps(tally, indent=2, default=str))
    else:
        print(
            f"{tally['path']}: {tally['inputs']:,} inputs ({tally['checks']:,} checks) in "
            f"{tally['seconds']:,} s ({tally['per_second']} inputs per second), "
            f"call limit {CALL_SECONDS:g} s"
        )
        total = sum(tally["failures"].values())
        print(f"failures: {total:,} in {len(tally['failures'])} kinds")
        for sig, k in tally["failures"].items():
            print(f"\n[{k:,}] {sig}\n    e.g. {tally['examples'][sig]}")
    return 1 if tally["failures"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
