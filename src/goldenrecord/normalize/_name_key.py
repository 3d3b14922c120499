"""Cross-script name key (skeleton, being written)."""

from __future__ import annotations

from goldenrecord.normalize._common import Errors, Rejected, finish


def _name_key(x: object) -> str | Rejected:
    raise NotImplementedError


def name_key(x: object, /, *, errors: Errors = "ignore") -> str | None:
    """Latin, order-insensitive matching key for a name."""
    return finish(_name_key(x), errors, "name")
