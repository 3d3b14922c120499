"""Issue 18, defect 10: Getting started and the concept pages showed code but never what
came out. The docs hook (docs/_ext/run_examples.py) runs each Python example at build
time and puts its output, and any figure it drew, under it."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

HOOK = Path(__file__).resolve().parents[1] / "docs" / "_ext" / "run_examples.py"


@pytest.fixture(scope="module")
def hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("run_examples", HOOK)
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PAGE = """# A page

```python
x = 40 + 2
print("printed", x)
```

Text between.

<!-- docs-test: skip -->
```python
raise RuntimeError("shown, never run")
```

```python
{"answer": x}
```
"""


def test_each_example_is_followed_by_what_it_printed_and_its_value(hook: ModuleType) -> None:
    out = hook.render(PAGE, "page.md")
    first, second = out.split('```text title="Output"')[1:]
    assert "printed 42" in first.split("```")[0]
    assert "{'answer': 42}" in second.split("```")[0]
    assert "Text between." in out
    assert out.count('title="Output"') == 2  # the skipped block neither ran nor shows output


def test_a_figure_the_example_draws_is_shown(hook: ModuleType) -> None:
    pytest.importorskip("matplotlib")
    out = hook.render("```python\nimport matplotlib.pyplot as plt\nplt.plot([1, 2])\n```\n", "f.md")
    assert '<img class="figure" alt="figure" src="data:image/png;base64,' in out
    assert "Line2D" not in out  # a matplotlib value is shown as the figure, not its repr


def test_an_example_that_fails_fails_the_build(hook: ModuleType) -> None:
    with pytest.raises(ZeroDivisionError):
        hook.render("```python\n1 / 0\n```\n", "bad.md")


@pytest.mark.parametrize("page", ["getting-started.md", "concepts/fellegi-sunter.md"])
def test_teaching_pages_are_run(hook: ModuleType, page: str) -> None:
    assert hook._wanted(page)
    assert not hook._wanted("how-to/cli.md")
