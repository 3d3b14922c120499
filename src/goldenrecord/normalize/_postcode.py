"""Postcode normalizer (skeleton, being written)."""

from __future__ import annotations

from goldenrecord.normalize._common import Errors, Rejected, finish


def _postcode(x: object, country: str | None = None) -> str | Rejected:
    raise NotImplementedError


def postcode(x: object, /, country: str | None = None, *, errors: Errors = "ignore") -> str | None:
    """Canonical postcode or None."""
    return finish(_postcode(x, country), errors, "postcode")
