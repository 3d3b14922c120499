"""The exceptions goldenrecord raises, all rooted at :class:`GoldenRecordError`.

::

    GoldenRecordError
    ├── NormalizationError (also ValueError)   a value a normalizer was asked to check, rejected
    ├── SettingsError      (also ValueError)   a configuration mistake: unknown option, kind, column
    ├── NotFittedError     (also RuntimeError) a model used before it was fitted or loaded
    ├── RecordNotFound     (also KeyError)     a record key or profile id that is not there
    └── StoreError         (also RuntimeError) the identity store cannot do what was asked
        └── StoreBusyError (also TimeoutError) another process held the store too long

    UserWarning
    └── ResolutionWarning                       something in a resolution looks wrong (the
                                                result is still returned): see its ``code``

Messages never echo the values being processed: personal data stays out of exceptions
and warnings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

__all__ = [
    "WARNING_CODES",
    "GoldenRecordError",
    "NormalizationError",
    "NotFittedError",
    "RecordNotFound",
    "ResolutionWarning",
    "SettingsError",
    "StoreBusyError",
    "StoreError",
]


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


class RecordNotFound(GoldenRecordError, KeyError):  # noqa: N818 - the public name (DESIGN.md)
    """A record key or profile id that the resolution or the store does not hold.

    Raised by ``res.explain`` / ``res.why`` and by the store's ``profile``,
    ``profile_of``, ``history``, ``forget``, ``link`` and ``unlink``. Keys are compared
    as the text they are keyed by: an integer id ``7`` finds the record keyed ``"7"``.
    The message names what was looked for (a record key, a profile id), never the key.

    >>> err = RecordNotFound("the store holds no record with that key")
    >>> isinstance(err, KeyError), str(err)
    (True, 'the store holds no record with that key')
    """

    def __str__(self) -> str:  # KeyError's own str() quotes its argument
        return str(self.args[0]) if self.args else ""


class StoreError(GoldenRecordError, RuntimeError):
    """The identity store cannot do what was asked (a file from a newer version, a
    schema that differs from the stored one, a damaged file)."""


class StoreBusyError(StoreError, TimeoutError):
    """Another process held a lock on the store for longer than the timeout (a writer,
    an exclusive lock; or, for :meth:`~goldenrecord.IdentityStore.forget`, readers that
    kept the erased pages in the write-ahead log)."""


WARNING_CODES: Final[Mapping[str, str]] = {
    "rejected_column": "most non-empty values of a column were rejected by its kind's normalizer",
    "phone_no_region": "most phones have no country code and their records no region: they "
    "are compared by national number only",
    "kind_mismatch": "a column's values look like another kind than the one it is mapped to",
    "excel_dates": "a date column holds numbers that look like spreadsheet serial day numbers",
    "em_not_converged": "the model's EM fit stopped before converging",
    "implausible_match_share": "the fitted share of matches is more than the table can hold",
    "dependent_comparisons": "two comparisons agree together far more often than chance",
    "outlier_profile": "the largest profile is far larger than the table's typical profile",
}
"""The codes of :class:`ResolutionWarning`, each with what it means."""


class ResolutionWarning(UserWarning):
    """Something in a resolution looks wrong; the result is still returned.

    Raised through Python's :mod:`warnings` (filter it with
    ``warnings.filterwarnings("ignore", category=gr.ResolutionWarning)``) and kept in
    ``res.report.warnings``. A warning names columns, kinds, reasons and figures,
    never a record's values.

    Attributes:
        code: what kind of trouble, one of :data:`WARNING_CODES`.
        columns: the columns (or comparisons) concerned, possibly none.
        figures: the numbers behind the warning (counts, shares, sizes).
        message: the sentence shown to people.

    >>> w = ResolutionWarning("em_not_converged", "EM did not converge", figures={"iterations": 50})
    >>> (w.code, w.figures["iterations"], str(w))
    ('em_not_converged', 50, 'EM did not converge')
    """

    def __init__(
        self,
        code: str,
        message: str,
        *,
        columns: tuple[str, ...] = (),
        figures: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.columns = tuple(columns)
        self.figures: dict[str, Any] = dict(figures or {})

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_warning, (self.code, self.message, self.columns, self.figures))

    def __repr__(self) -> str:
        return f"ResolutionWarning({self.code!r}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ResolutionWarning):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    def __hash__(self) -> int:
        return hash((self.code, self.message, self.columns))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ``code``, ``columns``, ``figures``, ``message``."""
        return {
            "code": self.code,
            "columns": list(self.columns),
            "figures": dict(self.figures),
            "message": self.message,
        }


def _rebuild_warning(
    code: str, message: str, columns: tuple[str, ...], figures: Mapping[str, Any]
) -> ResolutionWarning:
    return ResolutionWarning(code, message, columns=columns, figures=figures)
