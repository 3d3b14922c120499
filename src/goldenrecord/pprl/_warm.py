"""Imported by the fork server of encoding workers: loads, once, what the normalizers
load on first use (country names, phone metadata, name tables), so that every worker
forked from the server starts with it. Nothing else imports this module.
"""

from __future__ import annotations

import contextlib

__all__: list[str] = []


def _warm() -> None:
    """Encode two records of every kind (the values are made up, the secret unused)."""
    from goldenrecord.pprl._encode import encode
    from goldenrecord.schema import Schema

    rows = {
        "id": ["1", "2"],
        "first": ["Ana", "محمد"],
        "last": ["Lima", "Müller"],
        "full": ["Ana Lima", "王 伟"],
        "mail": ["ana.lima@gmail.com", "x@example.org"],
        "tel": ["020 7946 0958", "+33 6 12 34 56 78"],
        "dob": ["1980-03-07", "07/03/1980"],
        "street": ["10 Downing Street", "Pza. del Sol, 10"],
        "town": ["London", "Sevilla"],
        "zip": ["SW1A 2AA", "41064"],
        "country": ["GB", "Espana"],
        "number": ["C123", "C456"],
    }
    fields = {
        "first": "given_name",
        "last": "family_name",
        "full": "full_name",
        "mail": "email",
        "tel": "phone",
        "dob": "date",
        "street": "address",
        "town": "city",
        "zip": "postcode",
        "country": "country",
        "number": "identifier",
    }
    encode(rows, Schema(id="id", fields=fields), "a warm-up secret, never used for data")
    from goldenrecord.datasets import synthetic_customers

    sample = synthetic_customers(300, seed=0)  # phones and names of many countries
    encode(sample.to_pandas(), sample.schema(), "a warm-up secret, never used for data")


with contextlib.suppress(Exception):  # a cold worker is slower, not wrong
    _warm()
