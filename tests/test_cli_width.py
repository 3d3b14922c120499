"""The CLI's output fits the terminal: at 60, 80, 100 and 160 columns no line of the demo
is wider than the terminal, summary lines wrap between words, and record lists show
whole record keys (the tables were about 130 columns wide at any width, and record
lists were cut at a fixed width, "newslette…", even at 160 columns)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

import goldenrecord as gr
from goldenrecord._cli import main
from goldenrecord._cli._width import Column, Items, output_width, print_table, text_width
from tests.test_progress import Terminal

WIDTHS = (60, 80, 100, 160)


def _demo(monkeypatch: pytest.MonkeyPatch, columns: int, *argv: str) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    out = Terminal()
    assert main(["demo", *argv], out=out, err=io.StringIO()) == 0
    return out.getvalue()


@pytest.fixture(scope="module")
def showcase() -> list[dict[str, Any]]:
    """The profiles the demo shows, as its JSON gives them (the record lists in full)."""
    out = io.StringIO()
    assert main(["demo", "--json", "--profiles", "2"], out=out, err=io.StringIO()) == 0
    profiles: list[dict[str, Any]] = json.loads(out.getvalue())["showcase"]
    return profiles


def _record_cells(text: str) -> list[tuple[str, str]]:
    """(attribute, records cell) of every row of every profile table in ``text``: the
    columns are read off the header rule's dash runs."""
    lines = text.splitlines()
    found = []
    for i, line in enumerate(lines):
        if not line.startswith("attribute "):
            continue
        spans = [m.span() for m in re.finditer(r"-+", lines[i + 1])]
        start, end = next(s for s in spans if s[0] == line.index(" records") + 1)
        for row in lines[i + 2 :]:
            if not row or row.startswith(("  consent", "(")):
                break
            found.append((row[: spans[0][1]].strip(), row[start:end].strip()))
    return found


@pytest.mark.parametrize("columns", WIDTHS)
def test_no_line_of_the_demo_is_wider_than_the_terminal(
    monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    for argv in (("--profiles", "2"), ("--normalize",)):
        text = _demo(monkeypatch, columns, *argv)
        too_wide = [line for line in text.splitlines() if text_width(line) > columns]
        assert not too_wide, (argv, too_wide)


@pytest.mark.parametrize("columns", WIDTHS)
def test_record_lists_show_whole_keys(
    monkeypatch: pytest.MonkeyPatch, showcase: list[dict[str, Any]], columns: int
) -> None:
    """Each records cell is the whole list, its first keys and ``+N more``, or the count:
    never a key cut in the middle."""
    cells = _record_cells(_demo(monkeypatch, columns, "--profiles", "2"))
    expected = [(f, a["records"]) for p in showcase for f, a in p["attributes"].items()]
    assert [f for f, _ in cells] == [f for f, _ in expected]
    for (field, cell), (_, keys) in zip(cells, expected, strict=True):
        assert "…" not in cell
        if cell == f"{len(keys)} records":
            continue
        shown, _, more = cell.partition(" +")
        listed = shown.split(", ")
        assert listed == keys[: len(listed)], field
        assert more == ("" if len(listed) == len(keys) else f"{len(keys) - len(listed)} more")


def test_a_wide_terminal_shows_more_of_the_record_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    """At 160 columns the records column takes the room: a list of a few records shows
    every key, and more keys are shown than at 100 columns."""
    wide = dict(_record_cells(_demo(monkeypatch, 160, "--profiles", "1")))
    narrow = dict(_record_cells(_demo(monkeypatch, 100, "--profiles", "1")))
    assert wide["full_name"].count(", ") >= 1
    assert "+" not in wide["full_name"]
    assert sum(c.count(", ") for c in wide.values()) > sum(c.count(", ") for c in narrow.values())


@pytest.mark.parametrize("columns", [60, 80])
def test_summary_lines_wrap_between_words(monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    """The summary above the first profile has the same words at any width (timings
    aside): wrapping never splits a word."""

    def words(text: str) -> list[str]:
        head = text.split("\nProfile ")[0]
        return re.sub(r"\d", "0", head).split()

    assert words(_demo(monkeypatch, columns, "--profiles", "1")) == words(
        _demo(monkeypatch, 1000, "--profiles", "1")
    )


def test_output_that_is_not_a_terminal_is_100_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    assert output_width(io.StringIO()) == 100
    monkeypatch.setenv("COLUMNS", "72")
    assert output_width(io.StringIO()) == 72


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (40, "crm-1, shop-22, pos-333"),
        (23, "crm-1, shop-22, pos-333"),
        (22, "crm-1, shop-22 +1 more"),
        (14, "crm-1 +2 more"),
        (12, "3 records"),
    ],
)
def test_a_record_list_keeps_whole_keys(width: int, expected: str) -> None:
    assert Items(("crm-1", "shop-22", "pos-333")).fit(width) == expected


def test_a_table_too_wide_leaves_out_its_droppable_column_and_says_so() -> None:
    columns = (Column("a"), Column("b", floor=4), Column("c", floor=4, droppable=True))
    out = io.StringIO()
    print_table(columns, [["x" * 10, "y" * 20, "z" * 20]], out, width=18)
    lines = out.getvalue().splitlines()
    assert lines[:3] == ["a           b", "----------  ------", "xxxxxxxxxx  yyyyy…"]
    assert " ".join(x.strip() for x in lines[3:]).startswith("(c left out to fit 18 columns")


def test_explain_sentences_wrap_to_the_terminal(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`goldenrecord explain` at 60 columns: every line fits, but for a word longer than
    a line (a quoted value is never split)."""
    gr.datasets.load_sample().write_csv(tmp_path / "customers.csv")
    monkeypatch.setenv("COLUMNS", "60")
    out = Terminal()
    argv = ["explain", str(tmp_path / "customers.csv"), "crm-000003", "pos-000003"]
    assert main(argv, out=out, err=io.StringIO()) == 0
    lines = out.getvalue().splitlines()[1:]  # the verdict line names both records
    assert len(lines) > 3
    assert all(text_width(line) <= 60 or " " not in line.strip() for line in lines)
