"""Shared normalizer machinery: reading cells, folding Latin text, the errors switch."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import goldenrecord as gr
from goldenrecord.normalize._common import (
    MAX_TEXT_LENGTH,
    MISSING,
    TOO_LONG,
    UNSUPPORTED_TYPE,
    Rejected,
    as_text,
    cell_text,
    finish,
    fold_latin,
    is_missing,
    is_placeholder_text,
)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("  hello ", "hello"),
        ("\u00a0x\u3000", "x"),
        (4155552671, "4155552671"),
        (4155552671.0, "4155552671"),
        (np.float64(4155552671.0), "4155552671"),
        (np.int64(7), "7"),
        (1.5, "1.5"),
        (Decimal("12.0"), "12"),
        (b"caf\xc3\xa9", "café"),
        (None, MISSING),
        (float("nan"), MISSING),
        (np.float32("nan"), MISSING),
        ("", MISSING),
        ("   ", MISSING),
        (True, UNSUPPORTED_TYPE),
        ([1, 2], UNSUPPORTED_TYPE),
        ({"a": 1}, UNSUPPORTED_TYPE),
        (dt.date(2020, 1, 1), UNSUPPORTED_TYPE),
        (b"\xff\xfe", Rejected("invalid_encoding")),
        (math.inf, Rejected("invalid_syntax")),
    ],
)
def test_as_text_reads_cells(cell: object, expected: object) -> None:
    """Cells of every type a CSV reader or DataFrame produces are read or classified."""
    assert as_text(cell) == expected


def test_as_text_reads_pandas_missing_markers() -> None:
    """pandas NA and NaT are missing values, not text."""
    pd = pytest.importorskip("pandas")
    assert as_text(pd.NA) is MISSING
    assert as_text(pd.NaT) is MISSING


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Éloïse", "eloise"),
        ("MÜLLER", "muller"),
        ("Weiß", "weiss"),
        ("Łódź", "lodz"),
        ("Øre Ærø", "ore aero"),
        ("Ǽ ǿ", "ae o"),
        ("Nguyễn Thị Minh Khai", "nguyen thi minh khai"),
        ("Şahin Çelik", "sahin celik"),
        ("İstanbul", "istanbul"),
        ("Dvořák", "dvorak"),
        ("ﬁnance", "finance"),
        ("ＡＢＣ", "abc"),
        ("Ελένη", "ελένη"),
        ("Елена Ёлкина", "елена ёлкина"),
        ("मोहन", "मोहन"),
        ("محمد", "محمد"),
        ("王伟", "王伟"),
    ],
)
def test_fold_latin_strips_latin_marks_only(raw: str, folded: str) -> None:
    """Latin diacritics go; marks that belong to other scripts stay."""
    assert fold_latin(raw) == folded


@given(st.text(max_size=40))
def test_fold_latin_is_idempotent(s: str) -> None:
    """Folding twice changes nothing more than folding once."""
    once = fold_latin(s)
    assert fold_latin(once) == once


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("n/a", True),
        ("unknown", True),
        ("xxxx", True),
        ("test", True),
        ("anna", False),
        ("li", False),
        ("1111", False),
    ],
)
def test_is_placeholder_text(text: str, expected: bool) -> None:
    """Junk words are recognised; short real names and digits are not judged here."""
    assert is_placeholder_text(text) is expected


def test_finish_contract() -> None:
    """Missing is never an error; other rejections raise only when asked."""
    assert finish("x", "ignore", "k") == "x"
    assert finish(MISSING, "raise", "k") is None
    assert finish(Rejected("bad"), "ignore", "k") is None
    with pytest.raises(gr.NormalizationError, match="k rejected: bad"):
        finish(Rejected("bad"), "raise", "k")


def test_unknown_errors_option_names_the_choices() -> None:
    """A typo in errors= is a configuration mistake, reported with the accepted values."""
    with pytest.raises(gr.SettingsError, match="ignore, raise"):
        gr.normalize.identifier("AB-1", errors="strict")  # type: ignore[arg-type]


class _RaisingComparison:
    def __ne__(self, other: object) -> bool:
        raise RuntimeError("no comparison")

    __hash__ = None  # type: ignore[assignment]


def test_is_missing_never_raises() -> None:
    """A signalling NaN is missing; an object whose comparison raises is not."""
    assert is_missing(Decimal("sNaN"))
    assert is_missing(Decimal("NaN"))
    assert not is_missing(Decimal("1"))
    assert not is_missing(_RaisingComparison())


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        (10**5000, "too_long"),
        (Decimal("1e999999999"), "too_long"),
        (Decimal("sNaN"), "missing"),
        (_RaisingComparison(), "unsupported_type"),
    ],
    ids=["huge-int", "huge-decimal", "signalling-nan", "raising-comparison"],
)
def test_as_text_rejects_what_it_cannot_print(cell: object, reason: str) -> None:
    """Numbers too long to print and objects that misbehave are rejections, not errors."""
    out = as_text(cell)
    assert isinstance(out, Rejected)
    assert out.reason == reason


def test_cell_text_bounds_length_and_replaces_surrogates() -> None:
    """Normalizers read at most MAX_TEXT_LENGTH characters, and never a lone surrogate."""
    assert cell_text("a" * MAX_TEXT_LENGTH) == "a" * MAX_TEXT_LENGTH
    assert cell_text("a" * (MAX_TEXT_LENGTH + 1)) is TOO_LONG
    assert cell_text("  x  " + " " * MAX_TEXT_LENGTH) == "x"
    assert cell_text("\ud800a\udfff") == "\ufffda\ufffd"
