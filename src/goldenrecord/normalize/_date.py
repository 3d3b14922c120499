"""Date normalizer (skeleton, being written)."""

from __future__ import annotations

import datetime as dt

from goldenrecord.normalize._common import Errors, Rejected, finish


def _date(
    x: object, dayfirst: bool | None = None, today: dt.date | None = None
) -> dt.date | Rejected:
    raise NotImplementedError


def date(
    x: object,
    /,
    dayfirst: bool | None = None,
    *,
    today: dt.date | None = None,
    errors: Errors = "ignore",
) -> dt.date | None:
    """Calendar date or None."""
    return finish(_date(x, dayfirst, today), errors, "date")
