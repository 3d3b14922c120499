"""Encodings pinned: a faster encoder must give the very bytes the first one gave.

Two parties link only when both sides encode a value to the same bytes; a party that
upgrades goldenrecord must still meet one that did not. These digests were taken from
the encoder as first released (generated customers, four option sets); any change in
normalization, key derivation, q-gram hashing, folding or hex layout changes them.
"""

from __future__ import annotations

import hashlib
import json

import pytest

import goldenrecord as gr
from goldenrecord.pprl import BloomParams

SECRET = "a secret both parties hold, never sent"
_SAME = {
    "email": "89e771ccb91503af",
    "phone": "ecdca0e4dc55a323",
    "date_of_birth": "2c8362caeb78ef53",
    "postcode": "7458982681a78304",
    "country": "ec96a5aac4bdcd9e",
    "customer_number": "da106ca4ee1ef974",
}
PINNED: dict[str, dict[str, str]] = {
    "default": {
        "first_name": "980050a18b5e3f3c",
        "last_name": "89193bbdddc4b70e",
        "full_name": "85c82f0db2ebc1ff",
        "address": "760a824538823ce4",
        "city": "a28b21436b60e5a5",
        **_SAME,
    },
    "no_salt": {
        "first_name": "d1c6f670f3b05161",
        "last_name": "b857d0366063ca76",
        "full_name": "f7caf3d82958e904",
        "address": "6de6a7d5073da167",
        "city": "825b6ae7ebf71fb2",
        **_SAME,
    },
    "names_hmac": {
        "first_name": "3341487031efb7c3",
        "last_name": "711f9b7765d7180c",
        "full_name": "a42c5bda1c7987e8",
        "address": "9e63bc8c7f58eff6",
        "city": "4246957fe202613f",
        **_SAME,
    },
    "unhardened": {
        "first_name": "7e18257109c78313",
        "last_name": "6806e298b81936e5",
        "full_name": "30de26629b42aa86",
        "address": "9e10e97f6fff36aa",
        "city": "e3bc40667e37ecaa",
        **_SAME,
    },
}
OPTIONS: dict[str, dict[str, object]] = {
    "default": {},
    "no_salt": {"salt": None},
    "names_hmac": {"names": "hmac"},
    "unhardened": {"salt": None, "bloom": BloomParams(folds=0, hashing="double")},
}


@pytest.fixture(scope="module")
def customers() -> tuple[object, gr.Schema]:
    data = gr.datasets.synthetic_customers(300, seed=5)
    return data.to_pandas().drop(columns=["person_id"]), data.schema()


def _digests(enc: gr.pprl.Encoded) -> dict[str, str]:
    return {
        c: hashlib.sha256(json.dumps(enc.table[c].tolist()).encode()).hexdigest()[:16]
        for c in enc.schema.fields
    }


@pytest.mark.parametrize("label", sorted(PINNED))
def test_encodings_of_generated_customers_are_pinned(
    customers: tuple[object, gr.Schema], label: str
) -> None:
    """688 generated records (phones of many countries, names in several scripts, dates
    in mixed orders) encode to the pinned bytes, column by column."""
    table, schema = customers
    enc = gr.pprl.encode(table, schema, SECRET, key_id="2026-q4", **OPTIONS[label])  # type: ignore[arg-type]
    assert _digests(enc) == PINNED[label]


def test_one_record_encodes_to_the_pinned_values() -> None:
    """An email, a given name salted by the year of birth, and the date itself."""
    schema = gr.Schema(id="id", fields={"mail": "email", "first": "given_name", "dob": "date"})
    rows = {"id": ["1"], "mail": ["Ana.Lima@Gmail.com"], "first": ["Ana"], "dob": ["1980-03-07"]}
    got = gr.pprl.encode(rows, schema, SECRET).table.to_pydict()
    assert got["mail"] == [
        "f5c75cca.054c090bc0bd9ab611151dde96d994a40fa5d2d925ef88efbb567e15d65c5433"
    ]
    assert got["first"] == [
        "5668986b.484000004840900080002200000044824010404000080002000200000100080080280002280000"
        "002100800010004304000e2c0880106c042010001408e00000"
    ]
    assert got["dob"] == [
        "f5c75cca.857f6773aa52d50e1578fa56f33fec76dd577417c363dd4760ccb397dff0aba6"
    ]
