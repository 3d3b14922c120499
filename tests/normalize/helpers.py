"""What the normalize tests share: when a cell counts as missing rather than rejected."""

from __future__ import annotations

import math


def is_missing_cell(x: object) -> bool:
    """Whether a normalizer reads ``x`` as a missing value (never an error).

    That is None, NaN, and text that is blank once stripped; bytes are read as the
    normalizers read them, decoded as UTF-8 first (``b"\\x1c"`` is blank, although
    ``bytes.strip`` keeps it).

    >>> [is_missing_cell(v) for v in (None, float("nan"), " ", b"\\x1c", b"\\xff", 0)]
    [True, True, True, True, False, False]
    """
    if x is None:
        return True
    if isinstance(x, float):
        return math.isnan(x)
    if isinstance(x, (bytes, bytearray)):
        try:
            x = bytes(x).decode("utf-8")
        except UnicodeDecodeError:
            return False
    return isinstance(x, str) and x.strip() == ""
