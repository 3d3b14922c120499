"""Matching encoded tables: Dice on packed filters, LSH bands, levels, links."""

from __future__ import annotations

import warnings

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

import goldenrecord as gr
from goldenrecord.match._default_rules import default_rules
from goldenrecord.match._encoded import band_keys, dice, encoded_rules
from goldenrecord.match.compare import default_comparisons

SECRET = "a secret both parties hold, never sent"


def _hex(bits: np.ndarray) -> str:
    return "00000000." + np.packbits(bits).tobytes().hex()


@given(st.lists(st.lists(st.booleans(), min_size=128, max_size=128), min_size=2, max_size=8))
def test_dice_equals_the_definition_on_unpacked_bits(rows: list[list[bool]]) -> None:
    bits = np.array(rows, dtype=bool)
    values = np.array([_hex(r) for r in bits], dtype=object)
    a, b = np.triu_indices(len(rows))
    got = dice(values, a.astype(np.int32), b.astype(np.int32))
    inter = (bits[a] & bits[b]).sum(axis=1)
    total = bits[a].sum(axis=1) + bits[b].sum(axis=1)
    want = np.where(total > 0, 2 * inter / np.maximum(total, 1), 0.0)
    assert np.allclose(got, want)


def test_dice_on_two_threads_equals_one_thread() -> None:
    rng = np.random.default_rng(1)
    values = np.array([_hex(rng.random(512) < 0.2) for _ in range(50)], dtype=object)
    a = rng.integers(0, 50, 300_000).astype(np.int32)
    b = rng.integers(0, 50, 300_000).astype(np.int32)
    assert np.array_equal(dice(values, a, b, workers=2), dice(values, a, b))


def test_similar_filters_share_a_band_and_unrelated_ones_do_not() -> None:
    rng = np.random.default_rng(2)
    base = rng.random(512) < 0.2
    near = base.copy()
    near[rng.choice(512, 5, replace=False)] ^= True
    far = rng.random(512) < 0.2
    keys = band_keys(np.array([_hex(base), _hex(near), _hex(far), None], dtype=object))
    assert set(keys[0]) & set(keys[1])
    assert not set(keys[0]) & set(keys[2])
    assert keys[3] is None


def test_encoded_fields_get_exact_and_dice_levels_and_their_own_blocking_rules() -> None:
    fields = {"mail": "hmac", "first": "bloom"}
    mail, first = default_comparisons(fields)
    assert [lv.kind for lv in mail.levels] == ["exact"]
    assert [lv.kind for lv in first.levels] == ["exact", "dice", "dice", "dice", "dice"]
    assert gr.Comparison.from_dict(first.to_dict()) == first
    rules = default_rules(fields)
    assert rules == encoded_rules(fields)
    bands = [r for r in rules if r.keys == ("first:bands",)]
    assert len(bands) == 1
    assert bands[0].pairs_per_record is not None  # capped, and reported


def _people() -> dict[str, object]:
    first = ["Anna", "Bernard", "Chloé", "Dmitri", "Emeka", "Fatima", "Gustav", "Hiroshi"]
    last = ["Lindqvist", "Okafor", "Moreau", "Petrov", "Nwosu", "Haddad", "Berg", "Tanaka"]
    return {
        "id": [str(i) for i in range(8)],
        "mail": [
            f"{f.lower()}.{x.lower()}@example-mail.net" for f, x in zip(first, last, strict=True)
        ],
        "first": first,
        "last": last,
        "dob": [f"19{60 + i}-0{1 + i}-1{i}" for i in range(8)],
    }


SCHEMA = gr.Schema(
    id="id", fields={"mail": "email", "first": "given_name", "last": "family_name", "dob": "date"}
)


def _typos(rows: dict[str, object]) -> dict[str, object]:
    out = dict(rows)
    out["first"] = ["Ana", "Bernard", "Chloe", "Dimitri", "Emeka", "Fatma", "Gustaf", "Hiroshi"]
    out["mail"] = [None] * 8  # the other party has no emails: names and dates must do
    return out


def test_two_parties_link_with_one_secret_and_never_with_different_secrets() -> None:
    a = gr.pprl.encode(_people(), SCHEMA, SECRET)
    b = gr.pprl.encode(_typos(_people()), SCHEMA, SECRET)
    res = gr.resolve({"a": a.table, "b": b.table}, a.schema, link_only=True)
    linked = {tuple(p.record_ids) for p in res.profiles if len(p.record_ids) == 2}
    assert linked == {(f"a:{i}", f"b:{i}") for i in range(8)}
    other = gr.pprl.encode(_typos(_people()), SCHEMA, SECRET + " but another")
    res = gr.resolve({"a": a.table, "b": other.table}, a.schema, link_only=True)
    assert all(len(p.record_ids) == 1 for p in res.profiles)


def test_explanations_and_profiles_carry_encoded_values_only() -> None:
    people = _people()
    a = gr.pprl.encode(people, SCHEMA, SECRET)
    b = gr.pprl.encode(_typos(people), SCHEMA, SECRET)
    res = gr.resolve({"a": a.table, "b": b.table}, a.schema, link_only=True)
    text = str(res.explain("a:0", "b:0")) + repr(res.to_pandas().to_dict())
    for values in people.values():
        for v in values:  # type: ignore[attr-defined]
            if isinstance(v, str) and len(v) > 3:
                assert v not in text
                assert v.lower() not in text


def test_keyed_hashes_of_one_person_are_not_reported_as_dependent_comparisons() -> None:
    """An email hash and a phone hash agree together among the pairs the model calls
    non-matching (one person's records within a party are never compared under
    link_only): that is one person, as with clear emails and phones, not a warning."""
    data = gr.datasets.synthetic_customers(300, seed=4)
    keep = (
        "first_name",
        "last_name",
        "email",
        "phone",
        "date_of_birth",
        "address",
        "city",
        "country",
    )
    schema = gr.Schema(
        id="record_id",
        source="source",
        fields={c: k for c, k in data.schema().fields.items() if c in keep},
    )
    frame = data.to_pandas()
    side = frame["source"].isin(["shop", "pos", "newsletter"])
    enc = {k: gr.pprl.encode(frame[s], schema, SECRET) for k, s in (("a", side), ("b", ~side))}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gr.ResolutionWarning)  # read from the report below
        res = gr.resolve({k: e.table for k, e in enc.items()}, enc["a"].schema, link_only=True)
    dependent = [str(w) for w in res.report.warnings if w.code == "dependent_comparisons"]
    assert not [w for w in dependent if "'email'" in w or "'phone'" in w]
