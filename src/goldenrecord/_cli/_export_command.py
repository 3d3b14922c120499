"""The ``export`` command: an identity store's golden profiles, lineage or clusters to a
file, streamed (:meth:`goldenrecord.IdentityStore.write`).

Messages never repeat a value: the export's figures are counts, paths and names."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any, TextIO

from goldenrecord._cli._file_commands import _same_file
from goldenrecord._cli._help import _FORMATS_HELP, _STORE_HELP, _add_store_options, _HelpFormatter
from goldenrecord._cli._store_commands import _open_store
from goldenrecord._io import file_format
from goldenrecord.errors import SettingsError
from goldenrecord.store._export import EXPORTS

__all__ = ["add_export"]

_NOUN = {"profiles": "profiles", "lineage": "lineage rows", "clusters": "records"}


def add_export(sub: Any) -> None:
    """The ``export`` subcommand (its options follow the other store commands')."""

    p = sub.add_parser(
        "export",
        help="write an identity store's golden profiles, lineage or clusters to a file",
        description="Write the golden table of an identity store to a file: one row per "
        "profile (profiles: the columns resolve --out writes), per distinct value of a "
        "profile's attribute with its records and rule (lineage), or per record with its "
        "profile id (clusters). The store is read a batch at a time from one snapshot, "
        "so memory stays small however large the store; ingests meanwhile do not change "
        "the file written. With --purpose, profiles without consent for it are written "
        "with their id, record count and consent, and no personal values. OUT is "
        "replaced if it exists; it is never one of the store's own files. "
        + _FORMATS_HELP
        + " "
        + _STORE_HELP,
        epilog="examples:\n"
        "  goldenrecord export customers.db profiles.parquet\n"
        "  goldenrecord export customers.db --what lineage lineage.csv.gz\n"
        "  goldenrecord export customers.db --what clusters clusters.csv --json\n"
        "  goldenrecord export customers.db --purpose marketing_email audience.csv",
        formatter_class=_HelpFormatter,
    )
    _add_store_options(p)
    p.add_argument("out", metavar="OUT", help="the file to write")
    p.add_argument(
        "--what",
        choices=EXPORTS,
        default="profiles",
        help="profiles (default), lineage or clusters",
    )
    p.add_argument(
        "--purpose",
        help="a consent purpose of the schema (profiles only): profiles without consent "
        "for it are written without personal values",
    )
    talk = p.add_mutually_exclusive_group()
    talk.add_argument("--json", action="store_true", help="print the summary as JSON")
    talk.add_argument("--quiet", action="store_true", help="print nothing")
    p.set_defaults(run=_export)


def _export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    target = Path(args.out)
    file_format(target)  # a wrong suffix is refused before the store is opened
    for suffix in ("", "-wal", "-shm", ".key"):
        if _same_file(target, Path(args.store + suffix)):
            raise SettingsError(
                "OUT would overwrite the identity store's own files; write the export "
                "to another file"
            )
    if not target.resolve().parent.is_dir():
        raise SettingsError(f"OUT: no such folder for {args.out!r}")
    start = time.perf_counter()
    with _open_store(args.store, args.timeout) as store:
        rows = store.write(target, what=args.what, purpose=args.purpose)
    summary = {
        "store": args.store,
        "output": args.out,
        "what": args.what,
        "purpose": args.purpose,
        "rows": rows,
        "seconds": round(time.perf_counter() - start, 2),
    }
    if args.json:
        json.dump(summary, out, ensure_ascii=False, indent=2)
        print(file=out)
    elif not args.quiet:
        shown = f" for {args.purpose}" if args.purpose is not None else ""
        print(
            f"goldenrecord: wrote {rows:,} {_NOUN[args.what]}{shown} from {args.store} to "
            f"{args.out} in {summary['seconds']:.2f} s",
            file=out,
        )
    return 0
