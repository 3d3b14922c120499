"""The README's runnable examples run: each ```python block preceded by the line
``<!-- readme-test: run -->`` executes without an error (the other blocks show
fragments over a user's own ``df`` and are not run)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
RUN_MARK = "<!-- readme-test: run -->"


def _marked_blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    return re.findall(
        rf"^{re.escape(RUN_MARK)}\n```python\n(.*?)^```$", text, flags=re.DOTALL | re.MULTILINE
    )


def test_readme_has_a_runnable_example_of_several_sources_and_link_only() -> None:
    """The README shows the mapping-of-sources form and link_only in a block that runs."""
    blocks = _marked_blocks()
    assert any("link_only=True" in b and 'gr.resolve({"crm"' in b for b in blocks)


@pytest.mark.parametrize("code", _marked_blocks())
def test_readme_example_runs(code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The block executes in a fresh folder; its own asserts check what it claims."""
    monkeypatch.chdir(tmp_path)
    exec(compile(code, str(README), "exec"), {"__name__": "__readme__"})
