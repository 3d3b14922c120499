"""The clustering stage shared by batch and store: personal and household evidence."""

from __future__ import annotations

import numpy as np

import goldenrecord as gr
from goldenrecord._clustering import cluster_stage, household_only, personal_agreement
from goldenrecord.graph._limits import check_limits


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
    shared = household_only(res.prepared, pairs, res.matcher)
    by_pair = {
        (keys[a], keys[b]): bool(v)
        for a, b, v in zip(pairs.left.tolist(), pairs.right.tolist(), shared.tolist(), strict=True)
    }
    assert by_pair[("1", "3")] is True  # the household's landline, nothing personal
    assert by_pair[("1", "2")] is False


_HOME = "36 avenue des ecoles"


def _family_rows() -> list[dict[str, str | None]]:
    """Alain and François Lefebvre at one address, and a shop record with the family
    name and the address only."""

    def row(rid: str, first: str | None, email: str | None) -> dict[str, str | None]:
        return {"id": rid, "first": first, "last": "Lefebvre", "email": email, "address": _HOME}

    return [
        row("a1", "Alain", "alain.lefebvre@wanadoo.fr"),
        row("a2", "Alain", "alain.lefebvre@wanadoo.fr"),
        row("f1", "François", "f.lefebvre@laposte.net"),
        row("f2", "Francois", "f.lefebvre@laposte.net"),
        row("x", None, None),
    ]


_FAMILY_SCHEMA = gr.Schema(
    id="id",
    fields={"first": "given_name", "last": "family_name", "email": "email", "address": "address"},
)


def _household_by_pair(res: gr.Resolution) -> dict[frozenset[str], bool]:
    """:func:`household_only` of each scored pair of ``res``, by its two record keys."""
    pairs, keys = res.pairs, res.prepared.keys
    shared = household_only(res.prepared, pairs, res.matcher)
    return {
        frozenset((keys[a], keys[b])): bool(v)
        for a, b, v in zip(pairs.left.tolist(), pairs.right.tolist(), shared.tolist(), strict=True)
    }


def test_a_record_without_a_given_name_vouches_for_no_one() -> None:
    """A family name and a home agree for every person of the family: a match of a
    record without a given name is household evidence unless it agrees on a personal
    value."""
    res = gr.resolve(_family_rows(), _FAMILY_SCHEMA, threshold=0.5)
    by_pair = _household_by_pair(res)
    assert by_pair[frozenset(("x", "a1"))] is True
    assert by_pair[frozenset(("x", "f1"))] is True
    assert by_pair[frozenset(("a1", "a2"))] is False  # the same personal email


def _twin_rows() -> list[dict[str, str | None]]:
    """Léa and Hugo Martin, twins: one home, one family name, one date of birth, an
    email each; and a record of Hugo's with his given name mistyped and his email."""

    def row(rid: str, first: str, email: str | None) -> dict[str, str | None]:
        return {
            "id": rid,
            "first": first,
            "last": "Martin",
            "email": email,
            "dob": "2001-04-12",
            "address": _HOME,
        }

    return [
        row("l1", "Léa", "lea.martin@free.fr"),
        row("l2", "Lea", "lea.martin@free.fr"),
        row("h1", "Hugo", "hugo.martin@orange.fr"),
        row("h2", "Hugo", "hugo.martin@orange.fr"),
        row("h3", "Hugi", "hugo.martin@orange.fr"),
    ]


def test_twins_share_a_date_of_birth_and_stay_two_people() -> None:
    """At one street address, a match between two given names agreeing on no personal
    email, mobile or identifier is household evidence, even when the dates of birth
    agree if each record has a mailbox of its own: the given-name limit keeps the
    twins apart."""
    schema = gr.Schema(id="id", fields={**_FAMILY_SCHEMA.fields, "dob": "date"})
    res = gr.resolve(_twin_rows(), schema, threshold=0.5)
    pairs, keys = res.pairs, res.prepared.keys
    by_pair = _household_by_pair(res)
    assert by_pair[frozenset(("l1", "h1"))] is True  # home, date, two names, two mailboxes
    assert by_pair[frozenset(("l1", "h3"))] is True
    assert by_pair[frozenset(("h1", "h2"))] is False  # one given name
    assert by_pair[frozenset(("h1", "h3"))] is False  # the same personal email
    assert by_pair[frozenset(("l1", "l2"))] is False
    # every scored pair taken (threshold 0): only the constraints keep people apart
    stage = cluster_stage(
        res.prepared,
        pairs,
        res.matcher,
        threshold=0.0,
        withheld=np.zeros(len(keys), dtype=bool),
        limits=check_limits(None, res.prepared.columns),
    )
    label = dict(zip(keys, stage.clustering.labels.tolist(), strict=True))
    assert label["l1"] == label["l2"]
    assert label["h1"] == label["h2"] == label["h3"]
    assert label["l1"] != label["h1"]
    assert "_name:given" in stage.refused.values()
