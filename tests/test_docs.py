"""The documentation cannot rot: its examples run, its site builds, its notebooks execute.

* Every ```python and ```bash block of the pages under ``docs/`` runs, page by page in
  order, in a fresh folder: the blocks of one page share their variables, and bash
  blocks find the files the Python blocks wrote (and the ``goldenrecord`` command). A
  block preceded by the line ``<!-- docs-test: skip -->`` is shown but not run.
* ``mkdocs build --strict`` builds the site (warnings are errors: broken links, pages
  missing from the navigation, docstrings the API reference cannot read).
* Each tutorial notebook under ``docs/tutorials`` executes without an error, and is
  stored without outputs (the site build executes it afresh).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SKIP_MARK = "<!-- docs-test: skip -->"
_OPEN = re.compile(r"^(\s*)```(python|bash)\s*$")

pytest.importorskip("mkdocs", reason="the docs extra is not installed")


def _blocks(page: Path) -> list[tuple[str, int, str]]:
    """The runnable blocks of a page: (language, first line number, dedented code)."""
    lines = page.read_text(encoding="utf-8").splitlines()
    blocks: list[tuple[str, int, str]] = []
    previous = ""
    i = 0
    while i < len(lines):
        opened = _OPEN.match(lines[i])
        if not opened:
            if lines[i].strip():
                previous = lines[i].strip()
            i += 1
            continue
        indent, language = opened.groups()
        start = i + 1
        i += 1
        body: list[str] = []
        while i < len(lines) and lines[i].strip() != "```":
            body.append(lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i])
            i += 1
        if i == len(lines):
            raise AssertionError(f"{page}:{start}: a code block is not closed")
        if previous != SKIP_MARK:
            blocks.append((language, start + 1, "\n".join(body) + "\n"))
        previous = "```"
        i += 1
    return blocks


def _pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if _blocks(p))


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.update(extra)
    return env


def test_pages_with_examples_are_found() -> None:
    """The collector sees the pages that teach with code (a broken regex would skip all)."""
    found = {p.relative_to(DOCS).as_posix() for p in _pages()}
    assert {"getting-started.md", "how-to/incremental.md", "how-to/cli.md"} <= found


@pytest.mark.parametrize("page", _pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_page_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every example of the page runs as written, in order, without an error."""
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    for language, line, code in _blocks(page):
        where = f"{page.relative_to(ROOT)}:{line}"
        if language == "python":
            exec(compile(code, where, "exec"), namespace)
            continue
        done = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", code],
            cwd=tmp_path,
            env=_env(),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, f"{where} failed:\n{done.stdout}\n{done.stderr}"


def test_site_builds_strict(tmp_path: Path) -> None:
    """``mkdocs build --strict`` succeeds and renders the API reference from docstrings."""
    site = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
        cwd=ROOT,
        env=_env(GOLDENRECORD_DOCS_EXECUTE="false", NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    store_page = (site / "reference" / "store" / "index.html").read_text(encoding="utf-8")
    assert "goldenrecord.store.IdentityStore.ingest" in store_page
    assert (site / "tutorials" / "incremental-store" / "index.html").exists()
    assert (site / "benchmarks" / "index.html").exists()


NOTEBOOKS = sorted((DOCS / "tutorials").glob("*.ipynb"))


def test_there_are_tutorial_notebooks() -> None:
    assert len(NOTEBOOKS) >= 3


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    """Outputs are made by executing, not committed (clean diffs, no stale results)."""
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs, path.name
            assert cell.execution_count is None, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every cell of the tutorial runs without an error, in a fresh folder (holding a
    copy of the tutorials' ``data/`` files, which the notebooks read by relative path)."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    if (DOCS / "tutorials" / "data").is_dir():
        shutil.copytree(DOCS / "tutorials" / "data", tmp_path / "data")
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    monkeypatch.setenv("PATH", _env()["PATH"])
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    errors = [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.get("output_type") == "error"
    ]
    assert not errors
