"""Shared fixtures: a small generated customer table and a model trained on it once."""

from __future__ import annotations

import collections
from collections.abc import Mapping
from typing import Any

import pytest

import goldenrecord as gr


@pytest.fixture(scope="session")
def table() -> Any:
    return gr.datasets.synthetic_customers(150, seed=7)


@pytest.fixture(scope="session")
def rows(table: Any) -> list[dict[str, Any]]:
    return list(table.records())


@pytest.fixture(scope="session")
def schema(table: Any) -> gr.Schema:
    result: gr.Schema = table.schema()
    return result


@pytest.fixture(scope="session")
def model(rows: list[dict[str, Any]], schema: gr.Schema) -> gr.Matcher:
    return gr.resolve(rows, schema).matcher


def partition(clusters: Mapping[str, str]) -> list[list[str]]:
    """Clusters as sorted lists of record keys, ignoring the ids."""
    groups: dict[str, list[str]] = collections.defaultdict(list)
    for key, pid in clusters.items():
        groups[pid].append(key)
    return sorted(sorted(g) for g in groups.values())
