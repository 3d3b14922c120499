"""One local Spark session for the whole Spark test module (``local[2]``, two shuffle
partitions, no UI), started once: a session costs seconds, the tests use small tables.

The Spark tests are part of the suite (pyspark is in the ``dev`` extra). Without Java
or pyspark they fail with a message saying what is missing; they never skip silently.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from typing import Any

import pytest


def _java_missing() -> str | None:
    """Why a local Spark session cannot start, or None."""
    home = os.environ.get("JAVA_HOME")
    if home and os.path.exists(os.path.join(home, "bin", "java")):
        return None
    if shutil.which("java") is None:
        return (
            "the Spark tests need Java 17 or later: no `java` on PATH and no JAVA_HOME; "
            "install a JDK (e.g. `apt-get install openjdk-17-jre-headless`)"
        )
    return None


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """A local ``SparkSession`` shared by the Spark tests."""
    missing = _java_missing()
    if missing:
        pytest.fail(missing, pytrace=False)
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        pytest.fail(
            "the Spark tests need pyspark>=4 (pip install -e '.[dev]' installs it)",
            pytrace=False,
        )
    # Executors run the pipeline's stage code: the same interpreter as the tests.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("goldenrecord-tests")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.adaptive.enabled", "false")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
