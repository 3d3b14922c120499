"""Email normalizer (skeleton, being written)."""

from __future__ import annotations

from goldenrecord.normalize._common import Errors, Rejected, finish


def _email(x: object) -> str | Rejected:
    raise NotImplementedError


def email(x: object, /, *, errors: Errors = "ignore") -> str | None:
    """Canonical email address or None."""
    return finish(_email(x), errors, "email")
