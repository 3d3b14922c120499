"""The store drives the matching stages through their public face only.

``goldenrecord.match.stages`` is the seam between the pipeline and its drivers: a
module of ``store/`` that imports a private module of ``match/`` (``match._prepare``,
``from goldenrecord.match import _shared``) couples the store to code the matching
stages may change at will. The imports are read from the source (AST), so an import
inside a function or under ``TYPE_CHECKING`` counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

import goldenrecord as gr
import goldenrecord.store
from goldenrecord.store import IdentityStore

STORE = Path(goldenrecord.store.__file__).parent
MODULES = sorted(STORE.glob("*.py"))


def _private(module: str) -> bool:
    """Whether a dotted name is a private module of ``goldenrecord.match`` (or in one)."""
    parts = module.split(".")
    return parts[:2] == ["goldenrecord", "match"] and parts[2:3] != [] and parts[2].startswith("_")


def _private_match_imports(source: str, package: str) -> list[str]:
    """The private ``goldenrecord.match`` modules an AST imports (relative imports
    resolved against ``package``)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            targets = [base] if _private(base) else [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        found.extend(t for t in targets if _private(t))
    return found


def test_the_scan_sees_every_form_of_a_private_import() -> None:
    """The checker itself: absolute, ``from match import _x`` and relative imports."""
    source = (
        "import goldenrecord.match._prepare\n"
        "from goldenrecord.match import _shared, stages\n"
        "from ..match._explain import explain_scored\n"
        "def f():\n    from goldenrecord.match._location import PLACE_COLUMN\n"
        "from goldenrecord.match.stages import prepare\n"
    )
    found = _private_match_imports(source, "goldenrecord.store")
    assert found == [
        "goldenrecord.match._prepare",
        "goldenrecord.match._shared",
        "goldenrecord.match._explain",
        "goldenrecord.match._location",
    ]


def test_store_modules_were_found() -> None:
    """The scan reads the store's modules (an empty glob would prove nothing)."""
    assert {"_store.py", "_ingest.py", "_rows.py"} <= {p.name for p in MODULES}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_store_imports_no_private_module_of_match(path: Path) -> None:
    """Every name the store takes from matching comes from a public module of it
    (``goldenrecord.match``, ``.blocking``, ``.model``, ``.stages``)."""
    found = _private_match_imports(path.read_text(encoding="utf-8"), "goldenrecord.store")
    assert found == [], f"{path.name} imports private modules of match: {found}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_store_modules_stay_under_450_lines(path: Path) -> None:
    """A module of the store holds one concern: at most 450 lines (the house limit)."""
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= 450, f"{path.name} has {lines} lines"


def test_the_store_is_composed_not_inherited(tmp_path: Any) -> None:
    """IdentityStore inherits from nothing: it holds one database object (SQL, settings,
    model) and collaborators that are each given what they call, none of them a
    subclass of another."""
    from goldenrecord.store._base import StoreDatabase
    from goldenrecord.store._counts import Counts
    from goldenrecord.store._erase import Eraser
    from goldenrecord.store._ingest import Placer
    from goldenrecord.store._recluster import Reclusterer

    assert IdentityStore.__mro__ == (IdentityStore, object)
    for part in (StoreDatabase, Counts, Reclusterer, Placer, Eraser):
        assert part.__mro__ == (part, object), part
    table = gr.datasets.synthetic_customers(10, seed=1)
    with IdentityStore(tmp_path / "s.db", schema=table.schema()) as store:
        assert isinstance(store._db, StoreDatabase)
        assert store._placer._db is store._db is store._eraser._db
