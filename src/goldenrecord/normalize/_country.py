"""Country normalizer (skeleton, being written)."""

from __future__ import annotations

from goldenrecord.normalize._common import Errors, Rejected, finish


def _country(x: object) -> str | Rejected:
    raise NotImplementedError


def country(x: object, /, *, errors: Errors = "ignore") -> str | None:
    """ISO 3166 alpha-2 code or None."""
    return finish(_country(x), errors, "country")
