"""What a lookup returns: a profile a record would join, with the explanation of the
pair that decided it."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from goldenrecord.errors import StoreError
from goldenrecord.match.stages import Explanation

__all__ = ["Match"]


@attrs.frozen
class Match:
    """A profile a looked-up record would join, and why.

    Attributes:
        profile_id: the profile.
        record_key: its member record that matched best.
        weight, probability: the best pair's match weight and probability.
        matched: whether the probability reaches the model's threshold.
        explanation: the per-comparison contributions of that pair (given, or worked
            out on first access from ``explain``: a lookup returns several matches
            and most callers read the first one's only).
    """

    profile_id: str
    record_key: str
    weight: float
    probability: float
    matched: bool
    _explanation: Explanation | None = attrs.field(
        default=None, repr=False, eq=False, alias="explanation"
    )
    _explain: Callable[[], Explanation] | None = attrs.field(
        default=None, repr=False, eq=False, kw_only=True, alias="explain"
    )

    @property
    def explanation(self) -> Explanation:
        """The per-comparison contributions of the best pair."""
        if self._explanation is None:
            if self._explain is None:
                raise StoreError("this match was made without an explanation")
            object.__setattr__(self, "_explanation", self._explain())
        assert self._explanation is not None
        return self._explanation
