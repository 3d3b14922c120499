"""Help texts and options the CLI's commands share."""

from __future__ import annotations

import argparse

from goldenrecord._cli._store_commands import EXIT_BUSY

__all__ = ["_FORMATS_HELP", "_STORE_HELP", "_HelpFormatter", "_add_store_options"]


class _HelpFormatter(argparse.HelpFormatter):
    """Wraps the description to the terminal; keeps the examples one per line."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("example"):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


_FORMATS_HELP = (
    "Files are CSV (UTF-8 with a header; an empty cell is a missing value; the delimiter, "
    "comma, semicolon, tab or pipe, is sniffed), Parquet or JSON Lines, chosen by suffix "
    "(.csv, .parquet, .jsonl; .csv.gz and the like too)."
)


_STORE_HELP = (
    "STORE is an identity store file (SQLite); `ingest` creates it. Exit codes: 0 done, "
    f"1 a problem told in one line on stderr, 2 a usage error, {EXIT_BUSY} the store was "
    "busy (another process writing past --timeout): try again later."
)


def _add_store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("store", metavar="STORE", help="the identity store file")
    parser.add_argument(
        "--timeout",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="how long to wait for another process writing to the store (5)",
    )
