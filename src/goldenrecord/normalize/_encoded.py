"""The encoded kinds ``hmac`` and ``bloom``: values made by :func:`goldenrecord.pprl.encode`.

An encoded value is text ``"<tag>.<payload>"``: the tag (8 hex digits) is a digest of
the key id and the encoding parameters, the payload the lower-case hex of a keyed
HMAC-SHA256 (``hmac``, 64 digits) or of a packed Bloom filter (``bloom``). Such a value is
already canonical, so normalizing it only checks its shape: a cell of another shape is
rejected as ``not_encoded``.

Two tables encoded with different key ids or parameters can never be compared, so a
column holding more than one tag raises :class:`EncodingMismatchError` when it is
normalized (in :func:`goldenrecord.resolve`, the columns of all sources are read
together): a silent zero would look like "no one matches".

>>> hmac_value("1a2b3c4d." + "0" * 64)
'1a2b3c4d.0000000000000000000000000000000000000000000000000000000000000000'
>>> hmac_value("alice@example.org")
Rejected(reason='not_encoded')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from goldenrecord.errors import SettingsError
from goldenrecord.normalize._common import MISSING, Rejected, cell_text

__all__ = ["ENCODED_KINDS", "EncodingMismatchError", "bloom_value", "hmac_value", "split_tag"]

ENCODED_KINDS: Final = ("bloom", "hmac")
"""The field kinds of encoded tables."""

NOT_ENCODED: Final = Rejected("not_encoded")
"""The cell is not a value of the encoded kind (a raw value, another kind's shape)."""

_HMAC: Final = re.compile(r"[0-9a-f]{8}\.[0-9a-f]{64}")
_BLOOM: Final = re.compile(r"[0-9a-f]{8}\.(?:[0-9a-f]{16})+")


class EncodingMismatchError(SettingsError):
    """Encoded values that cannot be compared: another key id or other parameters.

    Raised when one column holds values encoded with different key ids or encoding
    parameters (two parties that did not agree on them), or when a table is used
    with the parameters of another. The message names the kind, never a value.
    """


def split_tag(value: str) -> tuple[str, str]:
    """The tag and the payload of an encoded value.

    >>> split_tag("1a2b3c4d.ff00")
    ('1a2b3c4d', 'ff00')
    """
    tag, _, payload = value.partition(".")
    return tag, payload


def _checked(pattern: re.Pattern[str]) -> Callable[[object], str | Rejected]:
    def core(value: object) -> str | Rejected:
        if value is None:
            return MISSING
        text = cell_text(value)  # missing, too long, not text: the common reasons
        if isinstance(text, Rejected):
            return text
        return text if pattern.fullmatch(text) else NOT_ENCODED

    return core


hmac_value = _checked(_HMAC)
"""An ``hmac`` cell as it is (already canonical), or why it is not one."""
bloom_value = _checked(_BLOOM)
"""A ``bloom`` cell as it is (already canonical), or why it is not one."""


def _one_tag(
    kind: str, check: Callable[[object], str | Rejected]
) -> Callable[[], Callable[..., object]]:
    """A factory of column cores that also require one tag in the whole column."""

    def factory() -> Callable[..., object]:
        seen: set[str] = set()

        def core(value: object) -> str | Rejected:
            out = check(value)
            if isinstance(out, str):
                seen.add(out[:8])
                if len(seen) > 1:
                    raise EncodingMismatchError(
                        f"the {kind} values of one column were encoded with different key ids "
                        "or parameters; encode every table with the same secret, key_id and "
                        "options"
                    )
            return out

        return core

    return factory


hmac_column = _one_tag("hmac", hmac_value)
bloom_column = _one_tag("bloom", bloom_value)
