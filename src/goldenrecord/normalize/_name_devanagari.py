"""Hindi names in Devanagari, read as they are usually spelled in Latin letters."""

from __future__ import annotations

import re
from typing import Final

from anyascii import anyascii

__all__: list[str] = []

_NOT_ALNUM: Final = re.compile(r"[^a-z0-9]+")
_DEVANAGARI_SH: Final = "sh"  # श and ष: Hindi names are spelled with "sh" (Sharma)
_DEVANAGARI_VOCALIC_R: Final = "ri"  # ृ and ऋ: Krishna, Rishi
_DEVANAGARI_LABIALS: Final = "पफबभम"


def _is_consonant(ch: str) -> bool:
    return "\u0915" <= ch <= "\u0939" or "\u0958" <= ch <= "\u095f"


def _devanagari(word: str) -> str:
    """Devanagari to Latin as Hindi names are usually spelled.

    A consonant followed by another consonant reads with the inherent ``a``
    (``शर्मा`` → ``sharma``); a word-final consonant does not (schwa deletion:
    ``मोहन`` → ``mohan``) unless it closes a cluster (``कृष्ण`` → ``krishna``,
    ``नरेंद्र`` → ``narendra``). The nasal sign reads ``m`` before ``p``, ``b``, ``m``,
    ``ng`` before ``h`` (``सिंह`` → ``singh``) and ``n`` elsewhere (``संजय`` → ``sanjay``).
    """
    out: list[str] = []
    last = len(word) - 1
    for i, ch in enumerate(word):
        nxt = word[i + 1] if i < last else ""
        if ch in "शष":
            out.append(_DEVANAGARI_SH)
        elif ch in "\u0943\u090b":
            out.append(_DEVANAGARI_VOCALIC_R)
        elif ch in "\u0901\u0902":
            out.append("m" if nxt and nxt in _DEVANAGARI_LABIALS else "ng" if nxt == "ह" else "n")
        else:
            out.append(anyascii(ch))
        before_sound = bool(nxt) and (_is_consonant(nxt) or nxt in "\u0901\u0902\u0903")
        closes_cluster = not nxt and i > 0 and word[i - 1] == "\u094d"
        if _is_consonant(ch) and (before_sound or closes_cluster):
            out.append("a")
    return _NOT_ALNUM.sub("", "".join(out).lower())
