"""How hard the fuzz suite runs: short and derandomized by default, deep with ``--fuzz-long``.

The short run draws the same examples on every run (``derandomize=True``), so CI is
reproducible and fits in its time budget. ``pytest tests/fuzz --fuzz-long`` draws fresh
random examples, ``GOLDENRECORD_FUZZ_EXAMPLES`` of them per test (default 2,000); every
library call still runs under :func:`tests.fuzz.checks.time_limit`.

The short run reports the first failing example as drawn, without shrinking it (shrinking
a failure of a junk table can take minutes per test); ``--fuzz-long`` or
``GOLDENRECORD_FUZZ_SHRINK=1`` shrink it to a minimal input for the corpus.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

__all__ = ["LONG", "fuzz_settings"]

LONG = os.environ.get("GOLDENRECORD_FUZZ_LONG") == "1"
_LONG_EXAMPLES = int(os.environ.get("GOLDENRECORD_FUZZ_EXAMPLES", "2000"))
_SHRINK = LONG or os.environ.get("GOLDENRECORD_FUZZ_SHRINK") == "1"


def fuzz_settings(short_examples: int) -> settings:
    """Settings for one fuzz test: ``short_examples`` in CI, many more with --fuzz-long."""
    return settings(
        max_examples=_LONG_EXAMPLES if LONG else short_examples,
        derandomize=not LONG,
        deadline=None,
        database=None,
        print_blob=True,
        phases=tuple(p for p in Phase if _SHRINK or p not in (Phase.shrink, Phase.explain)),
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.large_base_example,
        ],
    )
