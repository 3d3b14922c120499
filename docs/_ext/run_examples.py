"""An MkDocs hook that runs the Python examples of the teaching pages and shows what came out.

On the pages listed in :data:`PAGES` (Getting started and the concept pages), every
```` ```python ```` block runs at build time, in order, in one namespace per page and
in a fresh folder, as ``tests/test_docs.py`` runs them. After each block the page gets
what the block printed, and the value of its last line when that is an expression (as
a notebook shows it), in a code block titled "Output"; a matplotlib figure the block
drew appears as an image (class ``figure``: inverted in the dark scheme). A block
preceded by ``<!-- docs-test: skip -->`` is shown and not run. An example that raises
fails the build.

``GOLDENRECORD_DOCS_EXECUTE=false`` (as the tests build the site) leaves the pages
as written.
"""

from __future__ import annotations

import ast
import base64
import contextlib
import io
import os
import re
import tempfile
from pathlib import Path
from typing import Any

PAGES = ("getting-started.md", "concepts/")
"""Pages (a path, or a folder ending in ``/``) whose examples run at build time."""

SKIP_MARK = "<!-- docs-test: skip -->"
_BLOCK = re.compile(
    r"^(?P<indent>[ \t]*)```python[ \t]*\n(?P<code>.*?)^(?P=indent)```[ \t]*$", re.M | re.S
)


def _wanted(path: str) -> bool:
    return any(path.startswith(p) if p.endswith("/") else path == p for p in PAGES)


def _run(code: str, namespace: dict[str, Any], where: str) -> str:
    """Run ``code``; what it printed, then the repr of its last line if an expression."""
    tree = ast.parse(code, where)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(tree, where, "exec"), namespace)
        if last is not None:
            value = eval(compile(last, where, "eval"), namespace)
            if value is not None and not _is_artist(value):
                print(repr(value))
    return out.getvalue()


def _is_artist(value: Any) -> bool:
    """A matplotlib return value (an Axes, a Figure, a list of lines): shown as the
    figure, not as its repr."""
    if isinstance(value, (list, tuple)) and value:
        return all(_is_artist(v) for v in value)
    return type(value).__module__.startswith("matplotlib")


def _figures() -> list[str]:
    """Every open matplotlib figure as an inline PNG ``<img>``; the figures are closed."""
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        return []
    images = []
    for number in plt.get_fignums():
        buffer = io.BytesIO()
        plt.figure(number).savefig(buffer, format="png", dpi=110, bbox_inches="tight")
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        images.append(f'<img class="figure" alt="figure" src="data:image/png;base64,{data}">')
    plt.close("all")
    return images


def render(markdown: str, where: str) -> str:
    """``markdown`` with the output of each runnable Python block after it."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    pieces: list[str] = []
    at = 0
    here = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="goldenrecord-docs-") as folder:
        os.chdir(folder)
        try:
            for block in _BLOCK.finditer(markdown):
                pieces.append(markdown[at : block.end()])
                at = block.end()
                before = markdown[: block.start()].rstrip().rsplit("\n", 1)[-1].strip()
                if before == SKIP_MARK:
                    continue
                indent = block.group("indent")
                code = "\n".join(line[len(indent) :] for line in block.group("code").splitlines())
                line = markdown.count("\n", 0, block.start()) + 2
                printed = _run(code, namespace, f"{where}:{line}").rstrip()
                if printed:
                    body = "\n".join(f"{indent}{x}" for x in printed.splitlines())
                    pieces.append(f'\n\n{indent}```text title="Output"\n{body}\n{indent}```')
                for image in _figures():
                    pieces.append(f"\n\n{indent}{image}")
        finally:
            os.chdir(here)
    pieces.append(markdown[at:])
    return "".join(pieces)


def on_page_markdown(markdown: str, *, page: Any, **kwargs: Any) -> str:
    """MkDocs hook: run the examples of a teaching page."""
    if os.environ.get("GOLDENRECORD_DOCS_EXECUTE", "true").lower() in ("0", "false", "no"):
        return markdown
    path = Path(page.file.src_uri).as_posix()
    return render(markdown, path) if _wanted(path) else markdown
