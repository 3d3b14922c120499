"""Headless Chromium for the browser tests: find it, load a page, read what the page measured.

The tests drive Debian's ``chromium`` package through its command line only
(``--headless --dump-dom``), with no driver library: a page carries a script that
measures itself once loaded and writes the result as JSON into ``<pre id="gr-result">``,
and ``--dump-dom`` prints the document after that script ran. One browser process per
page, no port, no websocket, nothing to install but the browser.

A missing browser fails the test with the command that installs it: a browser test that
skips silently would let a broken view pass CI.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

WIDTH = 1024
"""The window width of every browser test (a small laptop; Material shows the table of
contents beside the page at this width)."""

_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_RESULT = re.compile(r'<pre id="gr-result">(.*?)</pre>', re.S)


def browser() -> str:
    """The Chromium executable: ``$GOLDENRECORD_CHROMIUM``, else the first on ``PATH``.

    Fails the calling test (never skips it) when there is none.
    """
    given = os.environ.get("GOLDENRECORD_CHROMIUM")
    found = given if given else next(filter(None, map(shutil.which, _NAMES)), None)
    if not found or not (shutil.which(found) or Path(found).is_file()):
        pytest.fail(
            "the browser tests need headless Chromium and found none "
            f"(looked for $GOLDENRECORD_CHROMIUM, then {', '.join(_NAMES)} on PATH). "
            "Install Debian's package: apt-get install -y chromium "
            "(.ci/install-browser does this), or point GOLDENRECORD_CHROMIUM at a Chromium.",
            pytrace=False,
        )
    return found


def _flags(profile: str, width: int, height: int) -> list[str]:
    return [
        "--headless",
        "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--no-first-run",
        "--mute-audio",
        "--force-device-scale-factor=1",
        f"--user-data-dir={profile}",
        f"--window-size={width},{height}",
        "--virtual-time-budget=8000",
    ]


def _run(args: list[str], width: int) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="gr-chromium-") as profile:
        return subprocess.run(
            [browser(), *_flags(profile, width, 900), *args],
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )


def measure(page: Path, width: int = WIDTH, query: str = "") -> Any:
    """Load ``page`` (with the URL query ``query``) in a window ``width`` px wide and
    return the JSON its script wrote."""
    done = _run(["--dump-dom", page.resolve().as_uri() + query], width)
    found = next(reversed(list(_RESULT.finditer(done.stdout))), None)
    assert found, f"the page wrote no result (exit {done.returncode}):\n{done.stderr[-2000:]}"
    return json.loads(html.unescape(found.group(1)))


def screenshot(
    page: Path, png: Path, width: int = WIDTH, query: str = "", height: int = 2400
) -> None:
    """A PNG of ``page`` in a window ``width`` px wide, to look at."""
    with tempfile.TemporaryDirectory(prefix="gr-chromium-") as profile:
        subprocess.run(
            [
                browser(),
                *_flags(profile, width, height),
                f"--screenshot={png}",
                page.resolve().as_uri() + query,
            ],
            capture_output=True,
            timeout=90,
            check=False,
        )
