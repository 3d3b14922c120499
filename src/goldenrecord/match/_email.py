"""Personal and role email addresses: what an exact email agreement is worth.

An exact email agreement is among the strongest evidence there is, because a personal
address belongs to one person. Role addresses do not: ``info@``, ``contact@``,
``sales@``, ``office@`` (RFC 2142 and their usual equivalents in other languages) are
read by whoever staffs a small business or an office, and the records of several
people carry them. Scored as one level, the two make exact agreement weaker for
everyone: EM sees the role addresses' different people in the exact level and lowers
its weight, so that two records of one person that share only a personal address no
longer reach the threshold. The email comparison therefore reads personal addresses
at its exact level and role addresses at a level of their own, each learned by EM.

The comparison reads two derived columns, made from the normalized email column ``c``
by :func:`email_columns`: ``c:personal`` (the address, None for a role address) and
``c:personal_local`` (its local part, None for a role address: two offices' ``info@``
are not the "same local part" of one person's addresses at two providers).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

import numpy as np
import numpy.typing as npt

__all__ = [
    "LEAD",
    "PERSONAL",
    "PERSONAL_LOCAL",
    "ROLE_LOCAL_PARTS",
    "email_columns",
    "is_role_address",
]

PERSONAL: Final = "personal"
"""Suffix of the derived column of personal addresses (``email:personal``)."""

PERSONAL_LOCAL: Final = "personal_local"
"""Suffix of the derived column of personal local parts (``email:personal_local``)."""

LEAD: Final = "lead"
"""Suffix of the derived column of each address's first character (``email:lead``).

The email comparison's "one typo" level fails where the first characters differ:
``w.schulz@`` and ``a.schulz@`` are one typo apart, and they are the addresses of two
people of one family far more often than a mistyped first letter."""

ROLE_LOCAL_PARTS: Final = frozenset(
    {
        # RFC 2142 mailbox names
        "info",
        "marketing",
        "sales",
        "support",
        "abuse",
        "noc",
        "security",
        "postmaster",
        "hostmaster",
        "usenet",
        "news",
        "webmaster",
        "www",
        "uucp",
        "ftp",
        # common role and office addresses
        "admin",
        "administration",
        "office",
        "contact",
        "contactus",
        "enquiries",
        "enquiry",
        "inquiries",
        "hello",
        "help",
        "service",
        "customerservice",
        "team",
        "billing",
        "accounts",
        "accounting",
        "invoices",
        "orders",
        "order",
        "booking",
        "bookings",
        "reservations",
        "reception",
        "mail",
        "email",
        "newsletter",
        "noreply",
        "jobs",
        "careers",
        "hr",
        "shop",
        "store",
        "general",
        # the same roles in other languages
        "kontakt",
        "contacto",
        "contato",
        "contatti",
        "contatto",
        "informacion",
        "informatie",
        "bureau",
        "buero",
        "buro",
        "verkauf",
        "vertrieb",
        "ventas",
        "vendas",
        "ventes",
        "commercial",
        "kundenservice",
        "atendimento",
        "ufficio",
        "segreteria",
        "secretariat",
        "sekretariat",
        "recepcion",
        "administracion",
        "verwaltung",
    }
)
"""Local parts (their first word, digits dropped) of addresses that stand for a role."""

_WORD: Final = re.compile(r"[._+\-]")


def is_role_address(email: str) -> bool:
    """Whether a normalized address is a role address: its local part's first word,
    digits dropped, is a role (``info``, ``sales.team``, ``contact-us``, ``office2``).

    >>> is_role_address("info@shop.example"), is_role_address("sales.team@x.io")
    (True, True)
    >>> is_role_address("ana.lima@x.io"), is_role_address("marketa@x.io")
    (False, False)
    """
    local = email.rpartition("@")[0]
    first = _WORD.split(local, maxsplit=1)[0].rstrip("0123456789")
    return first in ROLE_LOCAL_PARTS or local.replace("-", "").replace(".", "") in ROLE_LOCAL_PARTS


def _obj(values: list[Any]) -> npt.NDArray[np.object_]:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def email_columns(
    columns: Mapping[str, npt.NDArray[Any]], fields: Mapping[str, str]
) -> dict[str, npt.NDArray[np.object_]]:
    """The derived columns the email comparisons read, for every email field column.

    >>> cols = {"mail": np.array(["info@shop.example", "ana@x.io", None], dtype=object)}
    >>> out = email_columns(cols, {"mail": "email"})
    >>> out["mail:personal"].tolist(), out["mail:personal_local"].tolist()
    ([None, 'ana@x.io', None], [None, 'ana', None])
    >>> out["mail:lead"].tolist()
    ['i', 'a', None]
    """
    out: dict[str, npt.NDArray[np.object_]] = {}
    for col, kind in fields.items():
        if kind != "email" or col not in columns:
            continue
        memo: dict[str, bool] = {}
        personal: list[Any] = []
        for v in columns[col].tolist():
            if not isinstance(v, str) or "@" not in v:
                personal.append(None)
                continue
            role = memo.get(v)
            if role is None:
                role = memo[v] = is_role_address(v)
            personal.append(None if role else v)
        out[f"{col}:{PERSONAL}"] = _obj(personal)
        out[f"{col}:{PERSONAL_LOCAL}"] = _obj(
            [None if v is None else v.rpartition("@")[0] or None for v in personal]
        )
        out[f"{col}:{LEAD}"] = _obj(
            [v[0] if isinstance(v, str) and v else None for v in columns[col].tolist()]
        )
    return out
