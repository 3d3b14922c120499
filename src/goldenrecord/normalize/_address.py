"""Address normalizer (skeleton, being written)."""

from __future__ import annotations

from goldenrecord.normalize._common import Errors, Rejected, finish


def _address(x: object) -> str | Rejected:
    raise NotImplementedError


def address(x: object, /, *, errors: Errors = "ignore") -> str | None:
    """Canonical address line or None."""
    return finish(_address(x), errors, "address")
