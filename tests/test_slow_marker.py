"""The ``slow`` marker stays true: its list names real tests, and they carry the marker."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import SLOW_TESTS, pytest_collection_modifyitems

ROOT = Path(__file__).resolve().parents[1]


def test_every_slow_entry_names_a_test_function() -> None:
    """A renamed or deleted test cannot linger in the list (and leave its successor fast)."""
    stale = []
    for entry in sorted(SLOW_TESTS):
        path, function = entry.split("::")
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        names = {
            node.name
            for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        }
        if function not in names:
            stale.append(entry)
    assert stale == []


class _Item:
    def __init__(self, nodeid: str) -> None:
        self.nodeid = nodeid
        self.markers: list[str] = []

    def add_marker(self, marker: pytest.MarkDecorator) -> None:
        self.markers.append(marker.name)


def test_the_marker_is_registered_and_applied(request: pytest.FixtureRequest) -> None:
    """``slow`` is registered (``--strict-markers``); every parametrization of a listed
    test gets it, and a test not listed does not."""
    markers = request.config.getini("markers")
    assert any(str(line).startswith("slow:") for line in markers)
    listed = sorted(SLOW_TESTS)[0]
    items = [_Item(f"{listed}[1]"), _Item(listed), _Item(f"{listed}_and_more")]
    pytest_collection_modifyitems(items)  # type: ignore[arg-type]
    assert [item.markers for item in items] == [["slow"], ["slow"], []]
