"""Test-suite options: ``--fuzz-long`` runs the fuzz suite (tests/fuzz) deeper.

Hypothesis runs derandomized when ``CI`` is set (as ``.ci/run`` is run), so a CI run
is repeatable; elsewhere it draws fresh examples, to keep finding new ones.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fuzz-long",
        action="store_true",
        default=False,
        help=(
            "run the fuzz suite (tests/fuzz) with many more random examples instead of the "
            "short derandomized run used in CI; GOLDENRECORD_FUZZ_EXAMPLES sets the count"
        ),
    )


def pytest_configure(config: pytest.Config) -> None:
    # Read by tests/fuzz/budget.py when the fuzz modules are imported (after this hook).
    if config.getoption("--fuzz-long"):
        os.environ["GOLDENRECORD_FUZZ_LONG"] = "1"
