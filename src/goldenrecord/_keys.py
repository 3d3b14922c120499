"""Record keys and profile ids given to an API, as the text they are keyed by.

Every API that takes a key (``res.explain``, ``res.why``, the store's ``profile_of``,
``forget``, ``history``, ...) reads it through :func:`key_text`: text as given (lone
surrogates replaced, as ingest stores them) or an integer id as its decimal text, so
``res.explain(0, 1)`` finds the records whose id column held ``0`` and ``1``.

>>> key_text(7), key_text("crm:7")
('7', 'crm:7')
"""

from __future__ import annotations

import numbers

from goldenrecord._io import sanitise_text
from goldenrecord.errors import SettingsError

__all__ = ["key_text"]


def key_text(value: object, what: str = "record key") -> str:
    """A key argument as the text it is stored under.

    Raises:
        SettingsError: a value that is neither text nor an integer (``bool`` included).
    """
    if isinstance(value, str):
        return sanitise_text(str.__str__(value))
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return str(int(value))
    raise SettingsError(f"a {what} must be text or an integer id, not {type(value).__name__}")
