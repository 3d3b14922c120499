"""Fixtures of the browser tests: every view of the library as HTML, and the built docs site.

The views come from the bundled sample (604 generated records), picked to be the widest
each can be: the largest profile, an explanation with long values and a look-alike step,
the evaluation with every count. The site is built once per run, without executing the
notebooks (their outputs are not needed: the tests put the views into a tutorial page).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import goldenrecord as gr

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def views() -> dict[str, str]:
    """Name -> the ``_repr_html_`` of one of each view, widest cases first."""
    table = gr.datasets.load_sample()
    res = gr.resolve(table.columns, table.schema())
    largest = max(res.profiles, key=lambda p: (p.n_records, p.profile_id))
    keys = largest.record_ids
    pair = max(
        ((a, b) for a in keys[:6] for b in keys[:6] if a < b),
        key=lambda ab: len(res.explain(*ab).contributions),
    )
    apart = next(p for p in res.profiles if p.profile_id != largest.profile_id)
    withheld = next(p for p in res.profiles if p.consent("marketing_email") != "yes")
    shown = next(p for p in res.profiles if p.consent("marketing_email") == "yes")
    return {
        "Resolution": res._repr_html_(),
        "Report": res.report._repr_html_(),
        "Profile": largest._repr_html_(),
        "ProfileView": shown.view("marketing_email")._repr_html_(),
        "ProfileView withheld": withheld.view("marketing_email")._repr_html_(),
        "Explanation": res.explain(*pair)._repr_html_(),
        "Explanation apart": res.explain(keys[0], apart.record_ids[0])._repr_html_(),
        "Evaluation": gr.evaluate(res.clusters, table.truth)._repr_html_(),
        "Why": res.why(*pair)._repr_html_(),
        "Why apart": res.why(keys[0], apart.record_ids[0])._repr_html_(),
    }


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The docs site, built with ``mkdocs build`` (notebooks not executed)."""
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, GOLDENRECORD_DOCS_EXECUTE="false", NO_MKDOCS_2_WARNING="1")
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out
