"""Text normalizer (skeleton, being written)."""

from __future__ import annotations

from goldenrecord.normalize._common import Errors, Rejected, finish


def _text(x: object) -> str | Rejected:
    raise NotImplementedError


def text(x: object, /, *, errors: Errors = "ignore") -> str | None:
    """Folded free text or None."""
    return finish(_text(x), errors, "text")
