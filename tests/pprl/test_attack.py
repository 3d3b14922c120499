"""The self-attack: what the default Bloom encoding of names leaks, next to an unhardened one.

Generated people with a given name and a date of birth (the salt attribute) are
encoded; the attacker holds their encoded names and the list of their plain names (a
census of the same people: the best case for an attacker), and runs the frequency and
the pattern-mining attacks of :mod:`goldenrecord.pprl._attack`.
"""

from __future__ import annotations

import functools

import goldenrecord as gr
from goldenrecord.normalize._column import column
from goldenrecord.pprl import BloomParams
from goldenrecord.pprl._attack import AttackResult, reidentified

SECRET = "a secret the attacker does not hold"
SCHEMA = gr.Schema(id="person_id", fields={"first_name": "given_name", "date_of_birth": "date"})


@functools.cache
def _people() -> tuple[object, list[str]]:
    data = gr.datasets.synthetic_customers(8000, seed=3, noise=0.0).to_pandas()
    per = data.groupby("person_id").agg({"first_name": "first", "date_of_birth": "first"})
    per = per.dropna().reset_index()
    names = column(per["first_name"].tolist(), "name_key").values
    keep = [i for i, v in enumerate(names) if v]
    return per.iloc[keep].reset_index(drop=True), [names[i] for i in keep]


def _attack(**options: object) -> AttackResult:
    people, names = _people()
    enc = gr.pprl.encode(people, SCHEMA, SECRET, **options)  # type: ignore[arg-type]
    return reidentified(enc.table["first_name"].tolist(), names, sorted(names))


def test_the_default_encoding_gives_away_under_one_percent_of_names() -> None:
    people, _ = _people()
    assert len(people) > 2000  # type: ignore[arg-type]
    assert _attack().worst < 0.01


def test_an_unhardened_encoding_leaks_far_more_in_the_same_attack() -> None:
    unhardened = _attack(salt=None, bloom=BloomParams(folds=0, hashing="double"))
    assert unhardened.frequency > 0.10
    assert unhardened.worst > 10 * max(_attack().worst, 0.001)
