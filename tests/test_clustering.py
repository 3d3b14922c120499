"""The clustering stage shared by batch and store: personal evidence and households."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import numpy as np

import goldenrecord as gr
from goldenrecord._clustering import personal_agreement


def test_household_members_of_the_sample_stay_apart() -> None:
    """Two people of one family and address (a shared landline, a record with the
    family name only) are not merged: their given names conflict and the matches
    between them agree on household values only."""
    table = gr.datasets.load_sample()
    res = gr.resolve(table.columns, table.schema())
    cols = table.columns
    homes: dict[tuple[str, str], set[str]] = defaultdict(set)
    for rid, family, address in zip(
        cols["record_id"], cols["last_name"], cols["address"], strict=True
    ):
        if family and address:
            homes[family.strip().lower(), address.strip().lower()].add(table.truth[rid])
    households = {pair for people in homes.values() for pair in combinations(sorted(people), 2)}
    assert households
    profiles: dict[str, set[str]] = defaultdict(set)
    for rid, profile in res.clusters.items():
        profiles[table.truth[rid]].add(profile)
    merged = {(a, b) for a, b in households if profiles[a] & profiles[b]}
    assert merged == set()
    assert res.report.refused.get("_name:given", 0) >= 1


def test_personal_agreement_reads_exact_personal_values_only() -> None:
    """An exact personal email or date of birth vouches for one person; the same
    address, family name or landline does not."""
    rows = [
        {
            "id": "1",
            "first": "Marie",
            "last": "Bernard",
            "email": "marie@x.fr",
            "phone": "+33 5 64 84 27 20",
            "dob": "1994-11-05",
            "address": "32 bd de la gare",
        },
        {
            "id": "2",
            "first": "Marie",
            "last": "Bernard",
            "email": "marie@x.fr",
            "phone": None,
            "dob": None,
            "address": None,
        },
        {
            "id": "3",
            "first": "Catherine",
            "last": "Bernard",
            "email": "cath@x.fr",
            "phone": "+33 5 64 84 27 20",
            "dob": None,
            "address": "32 bd de la gare",
        },
        {
            "id": "4",
            "first": "Cathy",
            "last": "Bernard",
            "email": None,
            "phone": None,
            "dob": "1994-11-05",
            "address": None,
        },
    ]
    schema = gr.Schema(
        id="id",
        fields={
            "first": "given_name",
            "last": "family_name",
            "email": "email",
            "phone": "phone",
            "dob": "date",
            "address": "address",
        },
    )
    res = gr.resolve(rows, schema, threshold=0.5)
    pairs = res.pairs
    vouched = personal_agreement(res.prepared, pairs, res.matcher)
    keys = res.prepared.keys
    by_pair = {
        (keys[a], keys[b]): bool(v)
        for a, b, v in zip(pairs.left.tolist(), pairs.right.tolist(), vouched.tolist(), strict=True)
    }
    assert by_pair[("1", "2")] is True  # the same personal email
    assert by_pair[("1", "4")] is True  # the same date of birth
    assert by_pair[("1", "3")] is False  # landline, address and family name only
    assert vouched.dtype == np.bool_
