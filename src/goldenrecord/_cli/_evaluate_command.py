"""The ``evaluate`` command: predicted clusters against the true entities, both read
from files. TRUTH may be the original customer file: its record id column is found as
``resolve`` infers it, its entity column by name or by ``--truth-label-column`` (or read
off a column by ``--truth-label-pattern``)."""

from __future__ import annotations

import argparse
import json
import re
from typing import Any, TextIO

from goldenrecord._cli._file_commands import _read, _stems
from goldenrecord._cli._output import _print_table
from goldenrecord._evaluate import evaluate
from goldenrecord._schema_guess import _fold_column_name as _fold
from goldenrecord._schema_words import _ROLE_NAMES
from goldenrecord.errors import SettingsError

_ID_NAMES = ("record_id", "id", "record", "key", "record_key")


_LABEL_NAMES = (
    "cluster_id",
    "cluster",
    "profile_id",
    "label",
    "entity_id",
    "person_id",
    "truth",
    "true_cluster",
)


def _id_name(names: list[str], label_column: str | None) -> str | None:
    """The record id column among ``names``: one named like ``record_id`` or ``id``, else
    the one :func:`goldenrecord.resolve` keys the records by when it infers the schema
    (``unique_id``, FEBRL's ``rec_id``, ``customer_id``, ...)."""
    named = next((n for n in _ID_NAMES if n in names and n != label_column), None)
    if named is not None:
        return named
    return next((n for n in names if n != label_column and _ROLE_NAMES.get(_fold(n)) == "id"), None)


def _id_label(
    columns: dict[str, list[Any]],
    side: str,
    id_column: str | None,
    label_column: str | None,
    options: tuple[str, str] = ("--id-column", "--label-column"),
) -> list[tuple[Any, Any]]:
    """The (id, label) pairs of a clusters or truth file; ``options`` name the options
    that chose the columns, for messages."""
    names = list(columns)
    available = ", ".join(names) or "none"
    for option, name in zip(options, (id_column, label_column), strict=True):
        if name is not None and name not in columns:
            raise SettingsError(
                f"{option} {name!r} is not a column of {side}; columns: {available}"
            )
    if id_column is None:
        if len(names) == 2 and label_column is None:
            id_column = names[0]
        else:
            id_column = _id_name(names, label_column)
    if label_column is None:
        rest = [n for n in names if n != id_column]
        if len(names) == 2 and len(rest) == 1:
            label_column = rest[0]
        else:
            label_column = next((n for n in _LABEL_NAMES if n in rest), None)
    if id_column is None and {"profile_id", "n_records"} <= set(names):
        raise SettingsError(
            f"{side} is a table of golden profiles, without the record ids; write the "
            "record -> profile mapping with `goldenrecord resolve ... --clusters FILE` and "
            "evaluate that file"
        )
    if id_column is None or label_column is None:
        raise SettingsError(
            f"cannot tell the id and cluster columns of {side} (columns: {available}); "
            f"name them with {options[0]} and {options[1]}"
        )
    return list(zip(columns[id_column], columns[label_column], strict=True))


_PATTERN_LABEL = "\x00label"  # a column name no file has


def _labels_by_pattern(
    columns: dict[str, list[Any]], pattern: str, id_column: str | None, label: str | None
) -> tuple[dict[str, list[Any]], str]:
    """TRUTH with its entity read off a column by ``--truth-label-pattern``: the pattern's
    first group (or whole match) in the label column, or in the id column when no label
    column is named (FEBRL's ``rec-12-dup-0`` holds entity ``12``)."""
    try:
        regex = re.compile(pattern)
    except re.error as err:
        raise SettingsError(f"--truth-label-pattern is not a regular expression: {err}") from None
    source = label or id_column or _id_name(list(columns), None)
    if source is None or source not in columns:
        raise SettingsError(
            "--truth-label-pattern needs the column to read: name it with "
            "--truth-label-column or --truth-id-column"
        )
    labels: list[Any] = []
    for cell in columns[source]:
        found = regex.search("" if cell is None else str(cell))
        labels.append(None if found is None else (found.group(1) if regex.groups else found[0]))
    missing = labels.count(None)
    if missing:
        raise SettingsError(
            f"--truth-label-pattern does not match {missing:,} of the {len(labels):,} cells "
            f"of TRUTH column {source!r}"
        )
    return {**columns, _PATTERN_LABEL: labels}, _PATTERN_LABEL


def _truth(path: str, args: argparse.Namespace) -> list[tuple[Any, Any]]:
    """The (id, entity) pairs of one TRUTH file."""
    truth_id = args.truth_id_column or args.id_column
    truth_label = args.truth_label_column or args.label_column
    truth_columns = _read(path, args)
    if args.truth_label_pattern is not None:
        truth_columns, truth_label = _labels_by_pattern(
            truth_columns, args.truth_label_pattern, truth_id, truth_label
        )
    return _id_label(
        truth_columns,
        "TRUTH",
        truth_id,
        truth_label,
        (  # the option that named the column, else the one to name it with
            "--id-column" if args.id_column and not args.truth_id_column else "--truth-id-column",
            "--label-column"
            if args.label_column and not args.truth_label_column
            else "--truth-label-column",
        ),
    )


def _evaluate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    clusters = _id_label(_read(args.clusters, args), "CLUSTERS", args.id_column, args.label_column)
    if len(args.truth) == 1:
        truth = _truth(args.truth[0], args)
    else:  # the sources of resolve: record keys are "stem:id"
        truth = [
            (f"{name}:{record}", entity)
            for name, path in zip(_stems(args.truth), args.truth, strict=True)
            for record, entity in _truth(path, args)
        ]
    ev = evaluate(clusters, truth)
    if args.json:
        json.dump(ev.as_dict(), out, indent=2)
        print(file=out)
        return 0
    rows = [
        ["", "precision", "recall", "F1"],
        *(
            [
                name,
                f"{getattr(ev, key + '_precision'):.4f}",
                f"{getattr(ev, key + '_recall'):.4f}",
                f"{getattr(ev, key + '_f1'):.4f}",
            ]
            for name, key in (("pairwise", "pairwise"), ("B-cubed", "bcubed"))
        ),
    ]
    print(
        f"{ev.records:,} records: {ev.predicted_clusters:,} predicted clusters, "
        f"{ev.true_clusters:,} true",
        file=out,
    )
    _print_table(rows, out)
    print(
        f"merged stranger pairs {ev.false_positive_pairs:,}, missed pairs "
        f"{ev.false_negative_pairs:,}, over-merged clusters {ev.over_merged_clusters:,}, "
        f"split entities {ev.split_entities:,}",
        file=out,
    )
    missing = ev.missing_from_clusters + ev.missing_from_truth
    if missing:
        print(
            f"records on one side only (not evaluated): {ev.missing_from_clusters:,} missing "
            f"from CLUSTERS, {ev.missing_from_truth:,} missing from TRUTH",
            file=out,
        )
    return 0
