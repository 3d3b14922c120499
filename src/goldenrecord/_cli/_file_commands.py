"""The commands on files: ``resolve``, ``infer-schema`` and ``explain``, with the reading
of inputs and the ``--schema`` option they share (``demo`` lives in ``_demo_commands``
and is importable from here; ``evaluate`` lives in ``_evaluate_command``)."""

from __future__ import annotations

import argparse
import json
import os
import time
import warnings
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from goldenrecord._cli._demo_commands import _demo as _demo
from goldenrecord._cli._demo_commands import demo_rows as demo_rows
from goldenrecord._cli._output import (
    _print_resolve_summary,
    _progress,
)
from goldenrecord._cli._width import output_width, say
from goldenrecord._io import file_format, read_notes, read_table
from goldenrecord._progress import StageBar, Stages
from goldenrecord._resolve import STAGES, Resolution, resolve
from goldenrecord.errors import ResolutionWarning, SettingsError
from goldenrecord.schema import Schema


def _source_name(path: str) -> str:
    """A file's name without its suffixes: ``crm.csv.gz`` → ``crm``."""
    name = Path(path).name
    return name.split(".", 1)[0] or name


def _read(path: str, args: argparse.Namespace) -> dict[str, list[Any]]:
    """A file read with the ``--encoding`` and ``--sep`` of the command."""
    return read_table(path, encoding=args.encoding, sep=args.sep)


def _print_notes(data: object, args: argparse.Namespace, err: TextIO) -> None:
    """Say on stderr how the input files were read, where it had to be guessed."""
    if not getattr(args, "quiet", False) and not getattr(args, "json", False):
        for note in read_notes(data):
            print(f"goldenrecord: note: {note}", file=err)


def _stems(paths: Sequence[str]) -> list[str]:
    """The source names of several files: their stems, which must differ."""
    names = [_source_name(p) for p in paths]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise SettingsError(
            f"inputs are sources named by file stem, and {', '.join(map(repr, repeated))} "
            "names more than one; rename the files"
        )
    return names


def _read_inputs(paths: Sequence[str], args: argparse.Namespace) -> object:
    """One input as its columns, several as a mapping of source (file stem) to columns."""
    if len(paths) == 1:
        return _read(paths[0], args)
    names = _stems(paths)
    return {n: _read(p, args) for n, p in zip(names, paths, strict=True)}


def _schema_file(args: argparse.Namespace) -> Schema | None:
    """The schema of ``--schema``, if given."""
    if args.schema is None:
        return None
    try:
        text = Path(args.schema).read_bytes()
    except FileNotFoundError:
        raise SettingsError(f"no such schema file: {args.schema!r}") from None
    try:
        return Schema.from_json(text)
    except SettingsError as err:
        raise SettingsError(f"--schema {Path(args.schema).name!r}: {err}") from None


_NO_ID = "give Schema(id=...) explicitly"


def _inferred(data: object, default_region: str | None = None) -> Schema:
    """:meth:`Schema.infer`, with its advice for a table without an id column given in
    the terms of the command line (a schema file and ``--schema``, not Python)."""
    try:
        return Schema.infer(data, default_region=default_region)
    except SettingsError as problem:
        if _NO_ID not in str(problem):
            raise
        advice = 'name it in a schema file ({"id": "COLUMN", "fields": {...}}) and pass --schema'
        raise SettingsError(str(problem).replace(_NO_ID, advice)) from None


def _schema(
    args: argparse.Namespace, data: object, err: TextIO, bar: StageBar | None = None
) -> tuple[Schema, bool]:
    """The schema from ``--schema``, or inferred from the first input and shown on stderr
    (above the progress bar, when one is drawn)."""
    given = _schema_file(args)
    if given is not None:
        return given, False
    first = data
    if isinstance(data, dict) and len(getattr(args, "inputs", ())) > 1:
        first = next(iter(data.values()))
    schema = _inferred(first)
    if not getattr(args, "quiet", False):
        note = (
            "goldenrecord: no --schema given; inferred from the column names (save it with "
            "`goldenrecord infer-schema`, edit it and pass --schema):\n" + schema.to_json()
        )
        if bar is not None:
            bar.write(note)
        else:
            print(note, file=err)
    return schema, True


_OUTPUTS = (
    ("out", "profiles"),
    ("pairs", "pairs"),
    ("lineage", "lineage"),
    ("clusters", "clusters"),
)


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: equal once resolved (``./x`` and ``x``, symbolic
    links), or one file under two names (hard links, :func:`os.path.samefile`)."""
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): not the same file
        return False


def _check_outputs(outputs: Sequence[tuple[str, str]], inputs: Sequence[tuple[str, str]]) -> None:
    """Refuse, before any work, an output that would overwrite an input or another output.

    Args:
        outputs: (option, path) of every file the command would write.
        inputs: (option or argument name, path) of every file the command reads.

    Raises:
        SettingsError: naming the two options; nothing has been written.
    """
    for i, (option, target) in enumerate(outputs):
        for name, source in inputs:
            if _same_file(Path(target), Path(source)):
                raise SettingsError(
                    f"--{option} would overwrite the input {name} ({Path(source).name!r}); "
                    "write the results to another file"
                )
        for other, earlier in outputs[:i]:
            if _same_file(Path(target), Path(earlier)):
                raise SettingsError(
                    f"--{option} and --{other} name the same file; give each its own"
                )


def _resolve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    outputs = []
    for option, _ in _OUTPUTS:  # refuse a wrong output name before the work, not after
        target = getattr(args, option)
        if target is not None:
            file_format(target)
            if not Path(target).resolve().parent.is_dir():
                raise SettingsError(f"--{option}: no such folder for {target!r}")
            outputs.append((option, str(target)))
    inputs = [("INPUT", str(p)) for p in args.inputs]
    if args.schema is not None:
        inputs.append(("--schema", str(args.schema)))
    _check_outputs(outputs, inputs)
    start = time.perf_counter()
    written: dict[str, str] = {}
    with _progress(args, err, total=len(STAGES) + 3) as bar:
        stages = Stages(("read", "profiles", "write"), report=bar)
        with stages.stage("read"):
            data = _read_inputs(args.inputs, args)
        _print_notes(data, args, err)
        with warnings.catch_warnings():  # printed below from the report, once, unless --quiet
            warnings.simplefilter("ignore", ResolutionWarning)
            schema, inferred = _schema(args, data, err, bar)
            res = resolve(
                data, schema, threshold=args.threshold, purpose=args.purpose, progress=bar
            )
        with stages.stage("profiles"):
            res.profiles  # noqa: B018 (built here, to be timed and reported on its own)
        with stages.stage("write"):
            for option, what in _OUTPUTS:
                target = getattr(args, option)
                if target is not None:
                    purpose = args.purpose if what == "profiles" else None
                    res.write(target, what=what, purpose=purpose)
                    written[what] = target
    timings = {"read": stages.timings.pop("read"), **res.report.timings, **stages.timings}
    summary = _resolve_summary(res, inferred, written, timings)
    summary["seconds"] = round(time.perf_counter() - start, 2)
    if not args.quiet:
        for w in res.report.warnings:
            print(f"goldenrecord: warning [{w.code}]: {w.message}", file=err)
    if args.json:
        json.dump(summary, out, ensure_ascii=False, indent=2)
        print(file=out)
    elif not args.quiet:
        _print_resolve_summary(summary, out)
    return 0


def _resolve_summary(
    res: Resolution, inferred: bool, written: dict[str, str], timings: dict[str, float]
) -> dict[str, Any]:
    """The figures of a resolution, JSON-ready; no personal values (column names and counts)."""
    report = res.report
    return {
        "records": report.n_input,
        "sources": dict(Counter(s for s in res.prepared.sources if s is not None)),
        "profiles": report.n_clusters,
        "rejected_records": len(res.rejected),
        "rejected_by_reason": dict(Counter(r.reason for r in res.rejected)),
        "rejected_values": {f: dict(r) for f, r in report.rejected_values.items() if r},
        "sanitised_values": dict(report.sanitised),
        "exact_copies": report.exact_copies,
        "candidate_pairs": len(res.pairs),
        "refused_matches": dict(report.refused),
        "shared_values": dict(report.shared_values),
        "purpose": report.purpose,
        "consent_withheld": report.consent_withheld,
        "threshold": report.model["threshold"],
        "timings": timings,
        "schema_inferred": inferred,
        "schema": report.schema.to_dict(),
        "outputs": written,
        "warnings": [w.to_dict() for w in report.warnings],
        "notes": list(report.notes),
    }


def _infer_schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResolutionWarning)
        data = _read(args.input, args)
        schema = _inferred(data, args.default_region)
    _print_notes(data, args, err)
    print(schema.to_json(), file=out)
    if schema.inferred and not args.quiet:
        how = ", ".join(f"{c} by {h}" for c, h in schema.inferred.items())
        print(f"goldenrecord: fields chosen by column name or values: {how}", file=err)
        for w in caught:
            if isinstance(w.message, ResolutionWarning):
                print(f"goldenrecord: warning [{w.message.code}]: {w.message}", file=err)
    return 0


def _explain(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with _progress(args, err, total=len(STAGES) + 1) as bar:
        with Stages(("read",), report=bar).stage("read"):
            data = _read(args.input, args)
        _print_notes(data, args, err)
        schema, _ = _schema(args, data, err, bar)
        res = resolve(data, schema, threshold=args.threshold, progress=bar)
    ex = res.explain(args.id_a, args.id_b, mask=args.mask)
    same = res.clusters[args.id_a] == res.clusters[args.id_b]
    if args.json:
        doc = {
            "records": [args.id_a, args.id_b],
            "same_profile": same,
            "candidate": ex.candidate,
            "prior": ex.prior,
            "match_weight": ex.match_weight,
            "match_probability": ex.match_probability,
            "deterministic": None if ex.deterministic is None else list(ex.deterministic),
            "contributions": [
                {
                    "comparison": c.comparison,
                    "level": c.level,
                    "label": c.label,
                    "value_a": c.value_a,
                    "value_b": c.value_b,
                    "m": c.m,
                    "u": c.u,
                    "bits": c.total,
                    "shared": c.shared,
                }
                for c in ex.contributions
            ],
            "lookalike": {"bits": ex.lookalike, "class": ex.lookalike_class},
            "sentences": ex.sentences,
        }
        json.dump(doc, out, ensure_ascii=False, indent=2, default=str)
        print(file=out)
        return 0
    verdict = "in the same profile" if same else "in different profiles"
    print(f"{args.id_a} and {args.id_b} are {verdict} ({res.clusters[args.id_a]}", end="", file=out)
    print(f"{'' if same else ', ' + res.clusters[args.id_b]})", file=out)
    if not ex.candidate:
        print("  (blocking never paired them; the figures show what they would score)", file=out)
    width = output_width(out)
    for line in ex.sentences:
        say(line, out, width, "  ")
    return 0
