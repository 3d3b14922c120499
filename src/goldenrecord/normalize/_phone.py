"""Phone normalizer (skeleton, being written)."""

from __future__ import annotations

from goldenrecord.normalize._common import Errors, Rejected, finish


def _phone(x: object, region: str | None = None) -> str | Rejected:
    raise NotImplementedError


def phone(x: object, /, region: str | None = None, *, errors: Errors = "ignore") -> str | None:
    """E.164 phone number or None."""
    return finish(_phone(x, region), errors, "phone")
