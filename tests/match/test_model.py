"""The Fellegi–Sunter Matcher: lifecycle, JSON round trip, labels, rules, TF, determinism."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

import goldenrecord as gr
from goldenrecord.match import Matcher, all_pairs, prepare
from goldenrecord.match._fitting import fit_model, random_sample

ROWS: list[dict[str, Any]] = [
    {"id": f"r{i}", "first": first, "last": last, "dob": dob, "email": email}
    for i, (first, last, dob, email) in enumerate(
        [
            ("Ana", "Lima", "1980-03-07", "ana.lima@gmail.com"),
            ("ana", "LIMA", "1980-03-07", "analima+x@gmail.com"),
            ("Anna", "Lima", "1980-03-07", None),
            ("Bob", "Smith", "1975-03-14", "bob@smith.io"),
            ("Robert", "Smith", "1975-03-14", "bob@smith.io"),
            ("Carla", "Rossi", "1990-01-02", "carla@rossi.it"),
            ("Karla", "Rossi", "1990-01-02", None),
            ("Dmitri", "Ivanov", "1985-05-05", "dima@ivanov.ru"),
            ("John", "Smith", "1960-10-10", "js@x.io"),
            ("Jane", "Doe", "1999-09-09", "jane@doe.io"),
        ]
        * 3
    )
]
for n, row in enumerate(ROWS):
    row["id"] = f"r{n}"
SCHEMA = gr.Schema(
    id="id",
    fields={"first": "given_name", "last": "family_name", "dob": "date", "email": "email"},
)


def _fitted(**kwargs: Any) -> tuple[Matcher, Any, np.ndarray, np.ndarray]:
    prepared = prepare(ROWS, SCHEMA)
    pairs = all_pairs(len(prepared))
    left, right = pairs.left, pairs.right
    return Matcher(**kwargs).fit(prepared, left, right), prepared, left, right


def test_score_before_fit_raises() -> None:
    """Scoring an unfitted model is an error that says what to do."""
    prepared = prepare(ROWS, SCHEMA)
    with pytest.raises(gr.NotFittedError, match="fit"):
        Matcher().score(prepared, np.array([0]), np.array([1]))


def test_fit_returns_self_and_learns_trailing_underscore_state() -> None:
    """fit returns the model; learned attributes end in an underscore."""
    model, *_ = _fitted()
    assert isinstance(model, Matcher)
    assert 0 < model.lambda_ < 1
    assert len(model.m_probabilities_) == len(model.comparisons_)
    for m, u in zip(model.m_probabilities_, model.u_probabilities_, strict=True):
        assert m.sum() == pytest.approx(1.0)
        assert u.sum() == pytest.approx(1.0)


def test_json_round_trip_scores_identically() -> None:
    """A model saved as JSON and loaded back gives the same weights."""
    model, prepared, left, right = _fitted()
    text = model.to_json()
    json.loads(text)  # plain JSON
    again = Matcher.from_json(text)
    np.testing.assert_allclose(
        again.score(prepared, left, right).weight, model.score(prepared, left, right).weight
    )
    with pytest.raises(gr.SettingsError, match="model_version"):
        Matcher.from_dict({**model.to_dict(), "model_version": 99})


def test_exact_agreement_outweighs_disagreement() -> None:
    """Every comparison's exact level carries more weight than its "all other" level."""
    model, *_ = _fitted()
    for m, u in zip(model.m_probabilities_, model.u_probabilities_, strict=True):
        assert np.log2(m[0] / u[0]) > np.log2(m[-1] / u[-1])


def test_labels_give_m_and_u_directly() -> None:
    """With clerical labels, m and u are counted from them and stay fixed."""
    prepared = prepare(ROWS, SCHEMA)
    pairs = all_pairs(len(prepared))
    left, right = pairs.left, pairs.right
    labels = {("r0", "r1"): True, ("r3", "r4"): True, ("r0", "r3"): False, ("r5", "r9"): False}
    model = Matcher().fit(prepared, left, right, labels=labels)
    again = Matcher().fit(prepared, left, right, labels=labels)
    for a, b in zip(model.m_probabilities_, again.m_probabilities_, strict=True):
        np.testing.assert_array_equal(a, b)
    with pytest.raises(gr.SettingsError, match="not in the data"):
        Matcher().fit(prepared, left, right, labels={("r0", "nope"): True, ("r1", "r2"): False})
    with pytest.raises(gr.SettingsError, match="both matching and non-matching"):
        Matcher().fit(prepared, left, right, labels={("r0", "r1"): True})


def test_deterministic_rule_forces_a_match() -> None:
    """Pairs agreeing exactly on a deterministic rule's columns are matches."""
    model, prepared, left, right = _fitted(deterministic_rules=[("email",)])
    scored = model.score(prepared, left, right)
    emails = prepared.columns["email"]
    same = np.array(
        [emails[a] is not None and emails[a] == emails[b] for a, b in zip(left, right, strict=True)]
    )
    assert np.all(scored.probability[same] > 0.999999)


def test_term_frequency_makes_rare_names_stronger() -> None:
    """An exact match on a rare name weighs more than one on a common name."""
    model, prepared, left, right = _fitted()
    scored = model.score(prepared, left, right)
    k = [c.name for c in model.comparisons_].index("name")
    whole = prepared.columns[model.comparisons_[k].tf_column]

    def first_exact(name: str) -> int:
        return next(
            i
            for i, (a, b) in enumerate(zip(left, right, strict=True))
            if whole[a] == whole[b] == name and scored.levels[i, k] == 0
        )

    common, rare = first_exact("ana lima"), first_exact("dmitri ivanov")
    assert scored.tf_adjustment[rare, k] > scored.tf_adjustment[common, k]


def test_settings_are_validated_together() -> None:
    """Every bad setting is named in one error."""
    with pytest.raises(gr.SettingsError) as info:
        Matcher(threshold=2.0, u_sample_size=0, max_iter=0)
    text = str(info.value)
    assert "threshold" in text
    assert "u_sample_size" in text
    assert "max_iter" in text


def test_results_do_not_depend_on_workers() -> None:
    """Thread count changes nothing in the learned model or the weights."""
    one, prepared, left, right = _fitted(workers=1)
    two, *_ = _fitted(workers=2)
    np.testing.assert_array_equal(
        one.score(prepared, left, right).weight, two.score(prepared, left, right).weight
    )


def test_name_m_is_counted_on_anchor_pairs_when_there_are_enough() -> None:
    """With 1,000+ exact email agreements, name comparisons take m from those anchors."""
    from goldenrecord import datasets, resolve

    table = datasets.synthetic_customers(5_000, seed=3)
    res = resolve(table.columns, table.schema())
    assert set(res.matcher.m_from_anchors_) >= {"name"}
    small = datasets.load_sample()
    assert resolve(small.columns, small.schema()).matcher.m_from_anchors_ == ()


@pytest.mark.parametrize(
    ("lam", "household", "sign"),
    [(1.0, 0.0, 1), (0.7, 0.3, 1), (0.6, 0.5, 1), (0.0, 0.0, -1)],
)
def test_prior_weight_stays_finite_when_a_class_is_empty(
    lam: float, household: float, sign: int
) -> None:
    """A fit that puts every pair in the match class (a table of identical records), or
    none, leaves a class empty; the prior stays finite instead of dividing by zero
    (ZeroDivisionError) or taking the log of zero or of a negative share."""
    model, prepared, left, right = _fitted()
    model.lambda_ = lam
    model.lambda_household_ = household
    model.household_probabilities_ = tuple(model.m_probabilities_)
    prior = model.prior_weight
    assert np.isfinite(prior)
    assert np.sign(prior) == sign
    scored = model.score(prepared, left, right)
    assert np.isfinite(scored.weight).all()


def _people_with_repeated_names(n: int) -> list[dict[str, Any]]:
    """Two records of each of ``n`` people; names from small pools, random birth dates."""
    rng = np.random.default_rng(8)
    given = [f"given{chr(97 + i)}" for i in range(20)]
    family = [f"family{chr(97 + i)}" for i in range(20)]
    rows = []
    for person in range(n):
        g, f = given[rng.integers(20)], family[rng.integers(20)]
        dob = f"19{rng.integers(30, 99)}-{rng.integers(1, 12):02d}-{rng.integers(1, 28):02d}"
        for copy in range(2):
            rows.append({"id": f"p{person}-{copy}", "full": f"{g} {f}", "first": g, "dob": dob})
    return rows


def test_dependent_comparisons_name_two_fields_holding_one_name() -> None:
    """Regression: a full name compared next to its given name doubled the evidence and
    nothing said so. With per-field comparisons, the model names the pair, in its
    attributes, its summary (with the columns) and its JSON; the default model compares
    the name once and finds nothing."""
    from goldenrecord.match.compare import default_comparisons

    fields = {"full": "full_name", "first": "given_name", "dob": "date"}
    prepared = prepare(_people_with_repeated_names(600), gr.Schema(id="id", fields=fields))
    pairs = all_pairs(len(prepared))
    split = Matcher(default_comparisons(fields)).fit(prepared, pairs.left, pairs.right)
    assert [d[:2] for d in split.dependent_comparisons_] == [("full", "first")]
    assert split.dependent_comparisons_[0][2] > 4
    summary = split.summary()["dependent_comparisons"]
    assert summary[0]["columns"] == [["full"], ["first"]]
    assert Matcher.from_json(split.to_json()).dependent_comparisons_ == (
        split.dependent_comparisons_
    )
    folded = Matcher().fit(prepared, pairs.left, pairs.right)
    assert [c.name for c in folded.comparisons_] == ["name", "dob"]
    assert folded.dependent_comparisons_ == ()


def test_report_model_shows_dependent_comparisons() -> None:
    res = gr.resolve(ROWS, SCHEMA)
    assert res.report.model["dependent_comparisons"] == []
    assert res.report.model["threshold"] == res.matcher.threshold


def _office_rows() -> list[dict[str, Any]]:
    """ROWS plus six different people, two by two at one office's info@ address."""
    people = [("Pia", "Berg"), ("Ola", "Nordmann"), ("Kim", "Park"), ("Lee", "Chan")]
    people += [("Eva", "Stone"), ("Max", "Graf")]
    extra = [
        {"first": f, "last": last, "dob": "1962-01-01", "email": f"info@office{i // 2}.com"}
        for i, (f, last) in enumerate(people)
    ]
    rows = [dict(r) for r in ROWS] + extra
    for n, row in enumerate(rows):
        row["id"] = f"r{n}"
    return rows


def test_role_addresses_have_a_level_of_their_own() -> None:
    """Different people at one office's info@ land on "exact (role address)", so that
    they do not count as exact agreement on a personal address; a personal address
    shared by one person's records still lands on "exact"."""
    prepared = prepare(_office_rows(), SCHEMA)
    pairs = all_pairs(len(prepared))
    model = Matcher().fit(prepared, pairs.left, pairs.right)
    scored = model.score(prepared, pairs.left, pairs.right)
    k = [c.name for c in model.comparisons_].index("email")
    labels = model.comparisons_[k].level_labels
    emails = prepared.columns["email"]
    found = {
        labels[scored.levels[i, k]]
        for i, (a, b) in enumerate(zip(pairs.left, pairs.right, strict=True))
        if emails[a] == emails[b] and emails[a] is not None
    }
    role = {
        labels[scored.levels[i, k]]
        for i, (a, b) in enumerate(zip(pairs.left, pairs.right, strict=True))
        if emails[a] == emails[b] and str(emails[a]).startswith("info@")
    }
    assert role == {"exact (role address)"}
    assert "exact" in found


def test_fit_and_score_leave_the_prepared_table_as_it_was_and_keep_no_reference() -> None:
    """fit and score read the derived columns prepare made; they write no column into
    the table (they used to add the place column) and the fitted model holds neither
    the table nor the training pairs' levels."""
    import gc

    prepared = prepare(ROWS, SCHEMA)
    before = dict(prepared.columns)
    pairs = all_pairs(len(prepared))
    model = Matcher()
    assert not model.is_fitted
    model.fit(prepared, pairs.left, pairs.right)
    assert model.is_fitted
    model.score(prepared, pairs.left, pairs.right)
    assert prepared.columns.keys() == before.keys()
    assert all(prepared.columns[c] is before[c] for c in before)
    held = gc.get_referents(model) + [
        v for d in gc.get_referents(model) if isinstance(d, dict) for v in d.values()
    ]
    assert not any(x is prepared or x is pairs.left for x in held)


def test_levels_computed_once_give_the_same_fit_and_scores() -> None:
    """Levels from Matcher.levels, given to fit and score, give what each computes itself;
    levels of the wrong shape are refused."""
    prepared = prepare(ROWS, SCHEMA)
    pairs = all_pairs(len(prepared))
    plain = Matcher().fit(prepared, pairs.left, pairs.right)
    reused = Matcher()
    levels = reused.levels(prepared, pairs.left, pairs.right)
    reused.fit(prepared, pairs.left, pairs.right, levels=levels)
    assert reused.to_json() == plain.to_json()
    a = plain.score(prepared, pairs.left, pairs.right)
    b = reused.score(prepared, pairs.left, pairs.right, levels=levels)
    assert np.array_equal(a.weight, b.weight)
    with pytest.raises(gr.SettingsError, match="do not fit"):
        reused.score(prepared, pairs.left, pairs.right, levels=levels[:1])


def test_a_random_sample_computed_ahead_fits_the_same_model() -> None:
    """The random pairs that measure u, computed before the candidates are known (as
    resolve does on a thread of its own while blocking), give the model ``fit``
    gives; a sample of the wrong shape is refused."""
    model, prepared, left, right = _fitted()
    ahead = Matcher()
    comparisons = ahead._comparisons_for(prepared)
    sample = random_sample(ahead, comparisons, prepared, link_only=False)
    options: dict[str, Any] = {"link_only": False, "labels": None, "levels": None}
    fit_model(ahead, comparisons, prepared, left, right, **options, u_sample=sample)
    assert ahead.to_json() == model.to_json()
    ra, rb, levels = sample
    with pytest.raises(gr.SettingsError, match="levels of shape"):
        fit_model(
            Matcher(),
            comparisons,
            prepared,
            left,
            right,
            **options,
            u_sample=(ra, rb, levels[:, :1]),
        )
