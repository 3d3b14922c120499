"""What the table readers and writers share: file formats by suffix, compression, optional
extras, and text made safe to write (no lone surrogates).
"""

from __future__ import annotations

import bz2
import gzip
import importlib
import lzma
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any

from goldenrecord.errors import SettingsError

FORMATS: Mapping[str, str] = {
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
"""File suffix → format."""

_OPENERS: Mapping[str, Callable[..., IO[Any]]] = {
    ".gz": gzip.open,
    ".bz2": bz2.open,
    ".xz": lzma.open,
}

_EXTRAS = {"pyarrow": "arrow", "polars": "polars", "pandas": "pandas", "matplotlib": "viz"}

_SURROGATE = re.compile("[\ud800-\udfff]")


def sanitise_text(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD, so it encodes as UTF-8.

    >>> sanitise_text("M\\udce9lanie")
    'M\\ufffdlanie'
    >>> sanitise_text("Mélanie 😀")
    'Mélanie 😀'
    """
    if text.isascii():
        return text
    return _SURROGATE.sub("\ufffd", text)


def _clean_cell(value: Any, depth: int = 0) -> Any:
    """A cell with the text inside it sanitised (nested lists and dicts of JSON Lines
    too); the very same object when nothing needed replacing."""
    if isinstance(value, str):
        return sanitise_text(value)
    if depth > 20:
        return value
    if isinstance(value, list):
        items = [_clean_cell(v, depth + 1) for v in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if isinstance(value, dict):
        pairs = {_clean_cell(k, depth + 1): _clean_cell(v, depth + 1) for k, v in value.items()}
        same = list(pairs) == list(value) and all(pairs[k] is value[k] for k in value)
        return value if same else pairs
    return value


def require(module: str, what: str) -> Any:
    """Import an optional library, or raise ImportError naming the extra that installs it.

    >>> require("json", "tests").__name__
    'json'
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        extra = _EXTRAS.get(module.split(".")[0], module)
        raise ImportError(
            f"{what} needs {module.split('.')[0]}: install the extra with "
            f"pip install 'goldenrecord[{extra}]'"
        ) from None


def file_format(path: str | os.PathLike[str]) -> tuple[str, str | None]:
    """The format and compression suffix of a file name.

    >>> file_format("customers.csv.gz")
    ('csv', '.gz')
    >>> file_format("out/profiles.parquet")
    ('parquet', None)

    Raises:
        SettingsError: the suffix is not one of :data:`FORMATS` (with a compression
            suffix for CSV and JSON Lines); the message names the suffix and the choices.
    """
    if "\n" in str(path) or "\r" in str(path):  # table text, not a path: never echo it
        raise SettingsError(
            "a string holding line breaks is not a file path; pass the path of a CSV, "
            "Parquet or JSON Lines file, or the table itself (rows, columns or a frame)"
        )
    p = Path(path)
    suffixes = [s.lower() for s in p.suffixes]
    compression = suffixes[-1] if suffixes and suffixes[-1] in _OPENERS else None
    body = suffixes[:-1] if compression else suffixes
    kind = FORMATS.get(body[-1]) if body else None
    if kind is None or (compression is not None and kind == "parquet"):
        given = "".join(p.suffixes[-2:] if compression else p.suffixes[-1:]) or "(none)"
        raise SettingsError(
            f"unknown file suffix {given!r} in {p.name!r}; choose one of "
            f"{', '.join(FORMATS)} (CSV and JSON Lines may also end in .gz, .bz2 or .xz)"
        )
    return kind, compression


def _open_text(
    path: Path, compression: str | None, mode: str, *, encoding: str | None = None
) -> IO[str]:
    """A text stream on a (possibly compressed) file; read as ``encoding`` (default
    UTF-8, a byte-order mark skipped), written as UTF-8."""
    if encoding is None:
        encoding = "utf-8-sig" if mode == "r" else "utf-8"
    # Writing: a lone surrogate that reached this far (text that did not come through
    # resolve's sanitised input) is written as "?" rather than failing mid-file.
    errors = "strict" if mode == "r" else "replace"
    if compression is None:
        return open(path, mode, encoding=encoding, errors=errors, newline="")
    opener = _OPENERS[compression]
    stream: IO[str] = opener(path, mode + "t", encoding=encoding, errors=errors, newline="")
    return stream


def _open_binary(path: Path, compression: str | None) -> IO[bytes]:
    """A byte stream on a (possibly compressed) file, for reading."""
    if compression is None:
        return open(path, "rb")
    stream: IO[bytes] = _OPENERS[compression](path, "rb")
    return stream
