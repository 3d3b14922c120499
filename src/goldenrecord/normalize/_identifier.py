"""Identifier normalizer (skeleton, being written)."""

from __future__ import annotations

from goldenrecord.normalize._common import Errors, Rejected, finish


def _identifier(x: object) -> str | Rejected:
    raise NotImplementedError


def identifier(x: object, /, *, errors: Errors = "ignore") -> str | None:
    """Canonical identifier or None."""
    return finish(_identifier(x), errors, "identifier")
