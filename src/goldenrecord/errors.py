"""The exceptions goldenrecord raises, all rooted at :class:`GoldenRecordError`.

::

    GoldenRecordError
    ├── NormalizationError (also ValueError)   a value a normalizer was asked to check, rejected
    ├── SettingsError      (also ValueError)   a configuration mistake: unknown option, kind, column
    └── NotFittedError     (also RuntimeError) a model used before it was fitted or loaded

Messages never echo the values being processed: personal data stays out of exceptions.
"""

from __future__ import annotations

__all__ = ["GoldenRecordError", "NormalizationError", "NotFittedError", "SettingsError"]


class GoldenRecordError(Exception):
    """Root of every exception raised by goldenrecord."""


class NormalizationError(GoldenRecordError, ValueError):
    """A normalizer called with ``errors="raise"`` rejected its input.

    Attributes:
        kind: the kind of value being normalized (``"email"``, ``"phone"``, ...).
        reason: a short machine-readable reason (``"invalid_syntax"``, ``"placeholder"``, ...).

    The message names the kind and the reason, never the value itself.

    >>> err = NormalizationError("email", "placeholder")
    >>> str(err)
    'email rejected: placeholder'
    >>> (err.kind, err.reason)
    ('email', 'placeholder')
    """

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(f"{kind} rejected: {reason}")
        self.kind = kind
        self.reason = reason

    def __reduce__(self) -> tuple[type[NormalizationError], tuple[str, str]]:
        return (type(self), (self.kind, self.reason))


class SettingsError(GoldenRecordError, ValueError):
    """A configuration mistake: an unknown option, kind or column, an impossible value.

    The message names the offending option and lists the accepted choices.
    """


class NotFittedError(GoldenRecordError, RuntimeError):
    """A model was asked to score before it was fitted (or loaded from JSON)."""
