"""Reading consent statements, and a profile's effective consent for a purpose.

A consent cell is read as ``"yes"``, ``"no"`` or ``"unknown"``. Spellings are
compared without case, surrounding space, or the space, hyphen and underscore inside
(``"Opt-In"``, ``"opt in"`` and ``"OPT_IN"`` are one spelling). Booleans, ``1``/``0``
and the usual yes/no words of several languages are read; blanks, ``None``, NaN and
words such as ``unknown``/``n/a`` are an explicit "unknown". Anything else is also
"unknown", and counted as unrecognized rather than raised.

A profile's *effective* consent for a purpose is the latest explicit statement
(``yes`` or ``no``, by ``updated_at``) among its member records; when two explicit
statements are equally recent (or both undated), ``"no"`` wins. Without any explicit
statement it is ``"unknown"``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Final, Literal

import numpy as np
import numpy.typing as npt

from goldenrecord.normalize._common import is_missing

__all__ = ["CONSENT_STATES", "ConsentState", "effective_consent", "parse_consent", "read_consent"]

ConsentState = Literal["yes", "no", "unknown"]
"""A consent state: an explicit yes or no, or unknown when no record says."""

CONSENT_STATES: Final[tuple[ConsentState, ...]] = ("yes", "no", "unknown")
"""The three consent states, as :func:`parse_consent` returns them."""

YES: Final = 1
NO: Final = 0
UNKNOWN: Final = -1

_YES_WORDS: Final = frozenset(
    {
        "yes", "y", "true", "t", "1", "1.0", "on", "granted", "grant", "given",
        "optin", "optedin", "subscribed", "consent", "consented", "accept", "accepted",
        "agree", "agreed", "allow", "allowed", "ok",
        "oui", "ja", "si", "sí", "sì", "sim", "tak", "da", "evet",
        "да", "так", "是", "はい", "예",
    }
)  # fmt: skip
_NO_WORDS: Final = frozenset(
    {
        "no", "n", "false", "f", "0", "0.0", "off", "denied", "deny", "refused", "refuse",
        "declined", "decline", "optout", "optedout", "unsubscribed", "withdrawn",
        "revoked", "rejected", "disallowed",
        "non", "nein", "nee", "não", "nao", "nie", "ne", "hayır", "hayir",
        "нет", "ні", "否", "いいえ", "아니요",
    }
)  # fmt: skip
_UNKNOWN_WORDS: Final = frozenset(
    {
        "", "unknown", "unk", "u", "na", "n/a", "n.a.", "none", "null", "nil", "nan",
        "?", "notset", "notasked", "unset", "pending", "inconnu", "unbekannt",
        "desconocido", "sconosciuto",
    }
)  # fmt: skip

_STATE_OF: Final[tuple[ConsentState, ConsentState, ConsentState]] = ("no", "yes", "unknown")


def _spelling(text: str) -> str:
    folded = unicodedata.normalize("NFC", text).strip().casefold()
    return folded.replace(" ", "").replace("-", "").replace("_", "")


def read_consent(value: object) -> tuple[int, bool]:
    """A cell as a state code (1 yes, 0 no, -1 unknown) and whether it was recognized.

    >>> read_consent("Opt-Out"), read_consent("maybe")
    ((0, True), (-1, False))
    """
    if value is None:
        return UNKNOWN, True
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        value = value.item()
    if isinstance(value, bool):
        return (YES if value else NO), True
    if isinstance(value, int):
        return (YES, True) if value == 1 else (NO, True) if value == 0 else (UNKNOWN, False)
    if isinstance(value, float):
        if value != value:
            return UNKNOWN, True
        return (YES, True) if value == 1.0 else (NO, True) if value == 0.0 else (UNKNOWN, False)
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, str):
        word = _spelling(value)
        if word in _YES_WORDS:
            return YES, True
        if word in _NO_WORDS:
            return NO, True
        return UNKNOWN, word in _UNKNOWN_WORDS
    return UNKNOWN, is_missing(value)


def parse_consent(value: object) -> ConsentState:
    """Read one consent cell as ``"yes"``, ``"no"`` or ``"unknown"``; never raises.

    >>> [parse_consent(v) for v in ("Yes", " opt-in ", True, 0, "nein", "", None, "perhaps")]
    ['yes', 'yes', 'yes', 'no', 'no', 'unknown', 'unknown', 'unknown']
    """
    return _STATE_OF[read_consent(value)[0]]


def consent_codes(cells: Sequence[object]) -> tuple[npt.NDArray[np.int8], int]:
    """Each cell's state code, and how many cells were not recognized.

    >>> codes, unrecognized = consent_codes(["yes", "no", "yes", "later", None])
    >>> codes.tolist(), unrecognized
    ([1, 0, 1, -1, -1], 1)
    """
    try:
        read = {cell: read_consent(cell) for cell in set(cells)}
    except TypeError:  # an unhashable cell: read them one by one
        got = [read_consent(cell) for cell in cells]
        codes = np.array([g[0] for g in got], dtype=np.int8)
        return codes, sum(not g[1] for g in got)
    code_of = {cell: r[0] for cell, r in read.items()}
    codes = np.array(list(map(code_of.__getitem__, cells)), dtype=np.int8)
    bad = {cell for cell, r in read.items() if not r[1]}
    unrecognized = sum(1 for cell in cells if cell in bad) if bad else 0
    return codes, unrecognized


def effective_consent(
    codes: npt.NDArray[np.int8],
    times: npt.NDArray[np.int64],
    roots: npt.NDArray[np.int64],
    n_clusters: int,
    cluster_of_root: npt.NDArray[np.int64],
) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.int64]]:
    """Per cluster, the latest explicit state (ties: "no" wins, then the smallest record).

    Returns the state code per cluster and the index of the record whose statement it
    is (-1 when the state is unknown).
    """
    state = np.full(n_clusters, UNKNOWN, dtype=np.int8)
    stated_by = np.full(n_clusters, -1, dtype=np.int64)
    explicit = np.flatnonzero(codes >= 0)
    if explicit.size == 0:
        return state, stated_by
    cluster = cluster_of_root[roots[explicit]]
    # Sort by cluster, then latest first, then "no" (0) before "yes" (1), then record.
    order = np.lexsort((explicit, codes[explicit], -times[explicit], cluster))
    ordered_cluster = cluster[order]
    first = np.ones(order.size, dtype=bool)
    first[1:] = ordered_cluster[1:] != ordered_cluster[:-1]
    winners = explicit[order[first]]
    state[ordered_cluster[first]] = codes[winners]
    stated_by[ordered_cluster[first]] = winners
    return state, stated_by
