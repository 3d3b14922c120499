"""Column normalizer (skeleton, being written)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

KINDS: tuple[str, ...] = ()


@attrs.frozen
class ColumnResult:
    """Canonical values of a column plus counts of what was rejected."""

    values: list[Any]
    rejected: Mapping[str, int]


def column(values: object, kind: str, /, **options: Any) -> ColumnResult:
    raise NotImplementedError
