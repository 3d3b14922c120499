"""Role email addresses: told from personal ones, and read at a level of their own."""

from __future__ import annotations

import numpy as np
import pytest

from goldenrecord.match._email import email_columns, is_role_address

ROLE_CASES = [
    ("info@shop.example", True),
    ("info2@shop.example", True),
    ("sales.team@acme.example", True),
    ("contact-us@acme.example", True),
    ("customer.service@acme.example", True),
    ("kontakt@firma.example", True),
    ("contacto@empresa.example", True),
    ("contato@empresa.example", True),
    ("postmaster@acme.example", True),
    ("ana.lima@gmail.com", False),
    ("marketa.novak@seznam.cz", False),  # starts like "market", is a name
    ("informa@x.example", False),
    ("salesforce.fan@x.example", False),
    ("hellokitty@x.example", False),
    ("john.sales@x.example", False),  # a person's name first
]


@pytest.mark.parametrize(("email", "role"), ROLE_CASES)
def test_role_addresses_are_told_from_personal_ones(email: str, role: bool) -> None:
    """The local part's first word (digits dropped) decides; a name first is personal."""
    assert is_role_address(email) is role


def test_email_columns_hold_personal_addresses_only() -> None:
    """The derived columns carry personal addresses and local parts, None for roles."""
    cols = {"mail": np.array(["info@a.example", "ana@x.io", None, "bo@y.io"], dtype=object)}
    out = email_columns(cols, {"mail": "email", "name": "full_name"})
    assert set(out) == {"mail:personal", "mail:personal_local", "mail:lead"}
    assert out["mail:personal"].tolist() == [None, "ana@x.io", None, "bo@y.io"]
    assert out["mail:personal_local"].tolist() == [None, "ana", None, "bo"]
    assert out["mail:lead"].tolist() == ["i", "a", None, "b"]
