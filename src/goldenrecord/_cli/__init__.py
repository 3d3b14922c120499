"""The ``goldenrecord`` command line (also ``python -m goldenrecord``).

Commands: ``demo``, ``resolve``, ``infer-schema``, ``explain`` and ``evaluate`` on
files; ``ingest``, ``lookup``, ``forget``, ``profile``, ``history``, ``link`` and
``unlink`` on an identity store. Each has ``--help`` with examples. Exit codes: 0 done,
1 a problem with the settings, the files or the store (one line on stderr, no
traceback, no personal values), 2 a usage error, 75 a store that another process kept
busy (try again).

``demo``, ``resolve``, ``explain`` and ``ingest`` draw a progress bar of the pipeline's
stages on stderr when it is a terminal (not with ``--quiet``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TextIO

from goldenrecord._cli._parser import _parser
from goldenrecord._cli._store_commands import EXIT_BUSY
from goldenrecord.errors import GoldenRecordError
from goldenrecord.store import StoreBusyError

__all__ = ["EXIT_BUSY", "main"]


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; return the process exit code.

    Args:
        argv: the arguments (default ``sys.argv[1:]``).
        out: where results go (default stdout).
        err: where notes and errors go (default stderr).

    Returns:
        0 when done; 1 for a problem with the settings, the files or the store,
        reported in one line on ``err``; :data:`EXIT_BUSY` (75) when another process
        held the store's write lock past ``--timeout``. A usage error exits with 2
        (``SystemExit``, from argparse).
    """
    args = _parser().parse_args(argv)
    check = getattr(args, "check", None)
    if check is not None:  # what argparse cannot say (exit 2, as a usage error)
        check(args)
    stream = out if out is not None else sys.stdout
    errors = err if err is not None else sys.stderr
    run = args.run
    try:
        code: int = run(args, stream, errors)
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except StoreBusyError as problem:
        print(f"goldenrecord {args.command}: busy: {problem}; try again later", file=errors)
        return EXIT_BUSY
    except (GoldenRecordError, ImportError, OSError) as problem:
        message = " ".join(str(problem).split()) or type(problem).__name__
        print(f"goldenrecord {args.command}: error: {message}", file=errors)
        return 1
    return code
