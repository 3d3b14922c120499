"""Which order a column writes its numeric dates in (day first or month first), from the
values that tell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

_NUMERIC: Final = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})", re.ASCII)


def date_order(values: Iterable[object], *, min_share: float = 0.9) -> bool | None:
    """Whether a column writes its numeric dates day first (True) or month first (False).

    Only the values that tell are counted: ``25/03/1980`` says day first, ``03/25/1980``
    month first, while ``05/03/1980`` says nothing. One order is chosen when it holds
    at least ``min_share`` of the telling values (a stray typo does not flip a column);
    None when no value tells or the column mixes both orders (then each record's own
    country, or the value itself, has to decide).

    >>> date_order(["07/25/1956", "03/04/1980", "1990-01-02"])
    False
    >>> date_order(["25.07.1956", "03.04.1980"]), date_order(["03/04/1980"])
    (True, None)
    """
    day_first = month_first = 0
    for value in values:
        if not isinstance(value, str):
            continue
        match = _NUMERIC.fullmatch(value.strip())
        if match is None:
            continue
        a, b = int(match[1]), int(match[3])
        if 12 < a <= 31 and 1 <= b <= 12:
            day_first += 1
        elif 12 < b <= 31 and 1 <= a <= 12:
            month_first += 1
    telling = day_first + month_first
    if not telling:
        return None
    if day_first >= min_share * telling:
        return True
    if month_first >= min_share * telling:
        return False
    return None
