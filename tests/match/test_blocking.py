"""Blocking: the vectorized pair generator equals brute force, caps blocks, reports."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goldenrecord as gr
from goldenrecord.match.blocking import (
    GROUP_PAIRS_PER_RECORD,
    BlockingRule,
    GroupRule,
    block,
    default_rules,
)

_VALUES = st.one_of(st.none(), st.sampled_from(["a", "b", "c", "d"]))


def _brute_force(
    cols: dict[str, list[str | None]],
    rules: list[tuple[str, ...]],
    groups: list[int] | None,
    cap: int,
) -> dict[tuple[int, int], int]:
    n = len(next(iter(cols.values())))
    out: dict[tuple[int, int], int] = {}
    for index, rule in enumerate(rules):
        keys = [
            None if any(cols[k][i] is None for k in rule) else tuple(cols[k][i] for k in rule)
            for i in range(n)
        ]
        sizes: dict[object, int] = {}
        for key in keys:
            if key is not None:
                sizes[key] = sizes.get(key, 0) + 1
        for i, j in itertools.combinations(range(n), 2):
            if keys[i] is None or keys[i] != keys[j] or sizes[keys[i]] > cap:
                continue
            if groups is not None and groups[i] == groups[j]:
                continue
            out.setdefault((i, j), index)
    return out


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.tuples(_VALUES, _VALUES, st.integers(0, 2)), min_size=0, max_size=25),
    link_only=st.booleans(),
    cap=st.integers(2, 8),
)
def test_pairs_equal_brute_force(
    rows: list[tuple[str | None, str | None, int]], link_only: bool, cap: int
) -> None:
    """Every pair and its first rule agree with an explicit double loop."""
    cols = {"x": [r[0] for r in rows], "y": [r[1] for r in rows]}
    groups = [r[2] for r in rows]
    rules = [("x",), ("x", "y"), ("y",)]
    arrays = {k: np.array(v, dtype=object) for k, v in cols.items()}
    pairs = block(
        arrays,
        rules,
        groups=np.array(groups, dtype=np.int64) if link_only else None,
        link_only=link_only,
        max_block_size=cap,
    )
    got = {
        (int(a), int(b)): int(r)
        for a, b, r in zip(pairs.left, pairs.right, pairs.rule, strict=True)
    }
    assert got == _brute_force(cols, rules, groups if link_only else None, cap)
    assert all(pairs.left < pairs.right)
    assert pairs.report.n_pairs == len(pairs)
    assert sum(r.new_pairs for r in pairs.report.rules) == len(pairs)


def test_oversized_block_is_reported_not_expanded() -> None:
    """A junk value shared by many records yields no pairs and one report line."""
    phone = np.array(["+15550000"] * 50 + ["+1415", "+1415"], dtype=object)
    pairs = block({"phone": phone}, ["phone"], max_block_size=10)
    assert len(pairs) == 1
    (big,) = pairs.report.oversized
    assert (big.rule, big.key, big.size) == ("phone", "+15550000", 50)
    assert big.masked().key == "***"


def test_pairs_completeness_with_truth() -> None:
    """Completeness is the share of true pairs that blocking found."""
    email = np.array(["a", "a", "b", None], dtype=object)
    truth = np.array([0, 0, 1, 1])
    pairs = block({"email": email}, ["email"], truth=truth)
    assert pairs.report.true_pairs == 2
    assert pairs.report.pairs_completeness == pytest.approx(0.5)


def test_link_only_completeness_counts_cross_source_pairs() -> None:
    """With link_only, true pairs inside one source are not counted as missed."""
    key = np.array(["k", "k", "k"], dtype=object)
    truth = np.array([0, 0, 0])
    groups = np.array([0, 0, 1])
    pairs = block({"k": key}, ["k"], groups=groups, link_only=True, truth=truth)
    assert len(pairs) == 2
    assert pairs.report.true_pairs == 2
    assert pairs.report.pairs_completeness == 1.0


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"rules": []}, "at least one blocking rule"),
        ({"rules": ["nope", ("x", "zip")]}, "nope, zip not in the prepared table; available: x"),
        ({"rules": ["x"], "link_only": True}, "needs groups"),
        ({"rules": ["x"], "max_block_size": 1}, "at least 2"),
        ({"rules": [()]}, "non-empty tuple"),
    ],
)
def test_configuration_mistakes(kwargs: dict[str, object], fragment: str) -> None:
    """Mistakes name what is wrong and what is available."""
    with pytest.raises(gr.SettingsError, match=fragment):
        block({"x": np.array(["a"], dtype=object)}, **kwargs)  # type: ignore[arg-type]


def test_rule_names() -> None:
    """Rules are named after their keys unless named explicitly."""
    assert BlockingRule.of(("a", "b")).name == "a & b"
    assert BlockingRule.of("a") == BlockingRule(("a",))
    assert BlockingRule(("a",), name="email").name == "email"


def test_rule_over_the_pair_budget_is_skipped_and_reported() -> None:
    """A loose rule that would produce too many pairs is left out whole, and says so."""
    cols = {
        "email": np.array(["a", "a", "b", "c"], dtype=object),
        "city": np.array(["x", "x", "x", "x"], dtype=object),
    }
    pairs = block(cols, ["email", "city"], max_pairs_per_rule=3)
    assert len(pairs) == 1
    email, city = pairs.report.rules
    assert not email.skipped
    assert city.skipped
    assert (city.pairs, city.new_pairs) == (6, 0)


_CELLS = st.one_of(
    st.none(),
    st.sampled_from(["a", "b", "c"]),
    st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=3).map(tuple),
)


def _parts(cell: str | tuple[str, ...]) -> set[str]:
    return set(cell) if isinstance(cell, tuple) else {cell}


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.tuples(_CELLS, _CELLS), min_size=0, max_size=20),
    cap=st.integers(2, 8),
)
def test_tuple_cells_meet_on_any_value(
    rows: list[tuple[str | tuple[str, ...] | None, ...]], cap: int
) -> None:
    """A tuple cell meets any record holding one of its values; each pair comes once."""
    n = len(rows)
    cols = {"x": [r[0] for r in rows], "y": [r[1] for r in rows]}
    arrays = {k: np.empty(n, dtype=object) for k in cols}
    for k, v in cols.items():
        arrays[k][:] = v
    pairs = block(arrays, [("x",), ("x", "y")], max_block_size=cap)
    got = {
        (int(a), int(b)): int(r)
        for a, b, r in zip(pairs.left, pairs.right, pairs.rule, strict=True)
    }
    expected: dict[tuple[int, int], int] = {}
    for index, rule in enumerate([("x",), ("x", "y")]):
        keys: list[set[tuple[str, ...]]] = []
        for i in range(n):
            cells = [cols[k][i] for k in rule]
            if any(c is None for c in cells):
                keys.append(set())
            else:
                keys.append(set(itertools.product(*(_parts(c) for c in cells if c is not None))))
        sizes: dict[tuple[str, ...], int] = {}
        for ks in keys:
            for k in ks:
                sizes[k] = sizes.get(k, 0) + 1
        for i, j in itertools.combinations(range(n), 2):
            if any(sizes[k] <= cap for k in keys[i] & keys[j]):
                expected.setdefault((i, j), index)
    assert got == expected
    assert sum(r.new_pairs for r in pairs.report.rules) == len(pairs)


def test_pair_budget_expands_the_smallest_blocks_whole() -> None:
    """A loose rule keeps every block up to the largest size its budget allows."""
    # Blocks of sizes 2, 2, 3 and 4 (1, 1, 3 and 6 pairs) over 11 records.
    key = np.array(list("aabbcccdddd"), dtype=object)
    cases = [(2 / 11, 2, 2), (5 / 11, 5, 3), (10 / 11, 5, 3), (1.0, 11, 4)]
    for per_record, n_pairs, largest in cases:
        rule = BlockingRule(("k",), pairs_per_record=per_record)
        pairs = block({"k": key}, [rule])
        assert len(pairs) == n_pairs
        assert pairs.report.rules[0].largest_block == largest
    none = block({"k": key}, [BlockingRule(("k",), pairs_per_record=0.05)])
    assert len(none) == 0
    assert none.report.rules[0].largest_block == 0


def test_pair_budget_must_be_positive() -> None:
    """A budget of zero or less is a configuration mistake."""
    with pytest.raises(gr.SettingsError, match="pairs_per_record"):
        BlockingRule(("k",), pairs_per_record=0)


_ALL_KINDS = {
    "mail": "email",
    "tel": "phone",
    "ssn": "identifier",
    "first": "given_name",
    "last": "family_name",
    "dob": "date",
    "zip": "postcode",
    "town": "city",
}


def test_default_rules_name_only_prepared_columns() -> None:
    """Every key column of the default rules exists in the prepared table."""
    from goldenrecord.match._prepare import prepare

    rows = [
        {"id": "1", "mail": "a@x.io", "tel": "+14155552671", "ssn": "A1", "first": "Tom",
         "last": "Hay", "dob": "1980-01-02", "zip": "N1 9GU", "town": "London"},
    ]  # fmt: skip
    schema = gr.Schema(id="id", fields=_ALL_KINDS)
    prepared = prepare(rows, schema)
    rules = default_rules(prepared.fields)
    assert {k for r in rules for k in r.keys} <= set(prepared.columns)
    assert [r.name for r in rules[:3]] == ["mail", "tel", "ssn"]
    assert block(prepared.columns, rules).report.n_pairs == 0


def test_default_rules_tight_before_loose() -> None:
    """Rules with a pair budget come after every rule expanded whole."""
    rules = default_rules(_ALL_KINDS)
    budgeted = [r.pairs_per_record is not None for r in rules]
    assert budgeted == sorted(budgeted)
    assert any(budgeted)
    assert len({r.keys for r in rules}) == len(rules)


def test_name_words_meet_across_fields() -> None:
    """A family name typed into the given-name field still meets its records."""
    from goldenrecord.match._prepare import prepare

    rows = [
        {"id": "1", "first": "Tom", "last": "Bowley", "town": "Basford"},
        {"id": "2", "first": "Bowley", "last": None, "town": "Basford"},
        {"id": "3", "first": "Thomas", "last": "Bowley", "town": "Leeds"},
    ]
    schema = gr.Schema(id="id", fields={"first": "given_name", "last": "family_name",
                                        "town": "city"})  # fmt: skip
    prepared = prepare(rows, schema)
    pairs = block(prepared.columns, default_rules(prepared.fields))
    assert (pairs.left.tolist(), pairs.right.tolist()) == ([0, 0, 1], [1, 2, 2])


def test_loose_scales_or_drops_the_budgeted_tier() -> None:
    """``loose`` multiplies every budget; 0 keeps only the rules expanded whole."""
    full = default_rules(_ALL_KINDS)
    half = default_rules(_ALL_KINDS, loose=0.5)
    tight = default_rules(_ALL_KINDS, loose=0)
    assert [r.keys for r in full] == [r.keys for r in half]
    assert [(r.pairs_per_record or 0) / 2 for r in full] == [r.pairs_per_record or 0 for r in half]
    assert tight == tuple(r for r in full if r.pairs_per_record is None)
    with pytest.raises(gr.SettingsError, match="loose"):
        default_rules(_ALL_KINDS, loose=-1)


def _components(n: int, pairs: set[tuple[int, int]]) -> list[int]:
    """Connected components by a plain union-find: the smallest member of each."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in sorted(pairs):
        ra, rb = find(a), find(b)
        parent[max(ra, rb)] = min(ra, rb)
    return [find(i) for i in range(n)]


@settings(max_examples=150, deadline=None)
@given(
    n=st.integers(0, 30),
    edges=st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29)), max_size=40),
)
def test_components_equal_union_find(n: int, edges: list[tuple[int, int]]) -> None:
    """Each record is labelled with the smallest record linked to it, as union-find says."""
    from goldenrecord.match._blocks import components

    pairs = {(a, b) for a, b in edges if a < n and b < n}
    left = np.array([a for a, _ in pairs], dtype=np.int64)
    right = np.array([b for _, b in pairs], dtype=np.int64)
    assert components(n, left, right).tolist() == _components(n, pairs)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.tuples(_VALUES, _VALUES, _VALUES, st.integers(0, 2)), max_size=25),
    link_only=st.booleans(),
    cap=st.integers(2, 8),
    budget=st.one_of(st.none(), st.floats(0.05, 3.0)),
)
def test_group_rule_equals_brute_force(
    rows: list[tuple[str | None, str | None, str | None, int]],
    link_only: bool,
    cap: int,
    budget: float | None,
) -> None:
    """A group rule adds every pair inside the groups the exact rules before it link
    (not the loose ones), smallest groups first within its budget, groups of at most
    ``max_block_size`` records."""
    n = len(rows)
    cols = {"x": [r[0] for r in rows], "y": [r[1] for r in rows], "z": [r[2] for r in rows]}
    groups = [r[3] for r in rows]
    across = groups if link_only else None
    exact = _brute_force(cols, [("x",), ("y",)], across, cap)
    loose_rule = BlockingRule(("z",), pairs_per_record=100.0)
    loose = block({"z": np.array(cols["z"], dtype=object)}, [loose_rule], max_block_size=cap)
    label = _components(n, set(exact))
    size = {c: label.count(c) for c in label}
    candidates = sorted({s for s in size.values() if 3 <= s <= cap})
    largest = cap
    if budget is not None:
        largest, total = 0, 0
        for s in candidates:
            total += sum(s * (s - 1) // 2 for c, z in size.items() if z == s)
            if total > budget * n:
                break
            largest = s
    expected = dict(exact)
    for i, j in zip(loose.left.tolist(), loose.right.tolist(), strict=True):
        if across is None or across[i] != across[j]:
            expected.setdefault((i, j), 2)
    for i, j in itertools.combinations(range(n), 2):
        same = label[i] == label[j] and 3 <= size[label[i]] <= largest
        if same and (across is None or across[i] != across[j]):
            expected.setdefault((i, j), 3)
    pairs = block(
        {k: np.array(v, dtype=object) for k, v in cols.items()},
        [("x",), ("y",), loose_rule, GroupRule(pairs_per_record=budget)],
        groups=np.array(groups, dtype=np.int64) if link_only else None,
        link_only=link_only,
        max_block_size=cap,
    )
    got = {
        (int(a), int(b)): int(r)
        for a, b, r in zip(pairs.left, pairs.right, pairs.rule, strict=True)
    }
    assert got == expected
    report = pairs.report.rules[3]
    assert report.largest_block == (None if budget is None else largest)
    assert report.records_with_key == sum(1 for c in label if size[c] >= 2)


def test_records_meeting_one_record_on_different_keys_are_compared() -> None:
    """Two records that each agree with a third on a different exact key, and share
    no key between them, become a candidate pair through the group rule."""
    cols = {
        "email": np.array(["a@x.io", "a@x.io", None, "z@x.io"], dtype=object),
        "phone": np.array([None, "+1555", "+1555", "+1999"], dtype=object),
    }
    without = block(cols, ["email", "phone"])
    assert (0, 2) not in zip(without.left.tolist(), without.right.tolist(), strict=True)
    pairs = block(cols, ["email", "phone", GroupRule()])
    got = zip(pairs.left.tolist(), pairs.right.tolist(), pairs.rule.tolist(), strict=True)
    assert list(got) == [(0, 1, 0), (0, 2, 2), (1, 2, 1)]
    assert pairs.report.rules[2].new_pairs == 1


def test_group_rule_has_no_keys_and_rules_need_keys() -> None:
    """A group rule reads the exact rules' pairs, so key columns are a mistake; a plain
    rule without keys is one too."""
    assert GroupRule().keys == ()
    with pytest.raises(gr.SettingsError, match="no key columns"):
        GroupRule(("email",))
    with pytest.raises(gr.SettingsError, match="non-empty tuple"):
        BlockingRule()
    assert BlockingRule.of(GroupRule()) == GroupRule()


def test_default_rules_end_with_a_group_rule() -> None:
    """Schemas with exact rules get a group rule last, scaled by ``loose``; without
    the loose tier or without exact rules there is none."""
    rules = default_rules(_ALL_KINDS)
    assert isinstance(rules[-1], GroupRule)
    assert rules[-1].pairs_per_record == GROUP_PAIRS_PER_RECORD
    half = default_rules(_ALL_KINDS, loose=0.5)[-1]
    assert half.pairs_per_record == GROUP_PAIRS_PER_RECORD / 2
    assert not any(isinstance(r, GroupRule) for r in default_rules(_ALL_KINDS, loose=0))
    assert not any(isinstance(r, GroupRule) for r in default_rules({"dob": "date"}))


def test_whole_name_alone_meets_a_full_name_only_record() -> None:
    """A record with its name in the full-name column only, and nothing else in common
    with the same person's record of given and family name and postcode, meets it on the
    whole name key alone; a name held by many records stays out of the budget."""
    from goldenrecord.match._prepare import prepare

    rows = [
        {"id": "a", "first": "Pierre", "last": "Laurent", "full": None, "zip": "13001"},
        {"id": "b", "first": None, "last": None, "full": "Laurent, Pierre", "zip": None},
    ] + [
        {"id": f"c{i}", "first": "Ann", "last": "Lee", "full": None, "zip": f"{i:05d}"}
        for i in range(30)
    ]
    schema = gr.Schema(id="id", fields={"first": "given_name", "last": "family_name",
                                        "full": "full_name", "zip": "postcode"})  # fmt: skip
    prepared = prepare(rows, schema)
    rules = default_rules(prepared.fields)
    assert ("_name:key",) in [r.keys for r in rules]
    pairs = block(prepared.columns, rules)
    found = set(zip(pairs.left.tolist(), pairs.right.tolist(), strict=True))
    assert (0, 1) in found
    assert not any(a >= 2 and b >= 2 for a, b in found)  # 435 "Ann Lee" pairs left out
    tight = block(prepared.columns, default_rules(prepared.fields, loose=0))
    assert (0, 1) not in set(zip(tight.left.tolist(), tight.right.tolist(), strict=True))


def test_column_entries_of_plain_values_equal_those_of_one_member_tuples() -> None:
    """A column without tuples (read with C-level maps) gives the entries, codes in
    first-seen order and names that the same values as one-member tuples give."""
    from goldenrecord.match._blocks import column_entries

    cells = ["b", None, "a", "b", float("nan"), "c", "a", 3, 3.0, "", "b"]
    plain = column_entries(np.asarray(cells, dtype=object))
    wrapped = [c if c is None or c != c else (c,) for c in cells]
    column = np.empty(len(wrapped), dtype=object)
    for i, cell in enumerate(wrapped):
        column[i] = cell
    tupled = column_entries(column)
    assert plain.rows.tolist() == tupled.rows.tolist() == [0, 2, 3, 5, 6, 7, 8, 9, 10]
    assert plain.codes.tolist() == tupled.codes.tolist() == [0, 1, 0, 2, 1, 3, 3, 4, 0]
    assert plain.names == tupled.names


@given(
    per_rule=st.lists(st.lists(st.integers(0, 99), max_size=30), min_size=1, max_size=9),
    n=st.sampled_from([10, 100_000, 2**31]),
)
@settings(max_examples=100, deadline=None)
def test_each_pair_is_credited_to_the_first_rule_that_made_it(
    per_rule: list[list[int]], n: int
) -> None:
    """The distinct pair codes and, for each, the lowest rule that produced it: as
    ``np.unique(..., return_index=True)`` over the rules' codes in rule order, with
    rules that repeat a code, rules that make nothing, and pair codes too wide for the
    rule to ride in their low bits (``n = 2**31``)."""
    from goldenrecord.match.blocking import _first_rule

    codes = [np.asarray(c, dtype=np.int64) * (n // 100 + 1) for c in per_rule]
    ids = [np.full(len(c), i, dtype=np.int16) for i, c in enumerate(per_rule)]
    unique, rules = _first_rule(codes, ids, n, len(per_rule))
    expected, first = np.unique(np.concatenate(codes), return_index=True)
    assert unique.tolist() == expected.tolist()
    assert rules.tolist() == np.concatenate(ids)[first].tolist()
    assert rules.dtype == np.int16


@given(codes=st.lists(st.integers(0, 2**50), max_size=60), few=st.booleans())
@settings(max_examples=100, deadline=None)
def test_records_are_grouped_by_key_in_a_stable_order(codes: list[int], few: bool) -> None:
    """Records grouped by block key keep their order within a block, as a stable
    argsort: with many equal keys (``few``) and with keys too wide to share a sort key
    with the position (up to 2**50)."""
    from goldenrecord.match.blocking import _stable_order

    array = np.asarray([c % 4 for c in codes] if few else codes, dtype=np.int64)
    assert _stable_order(array).tolist() == np.argsort(array, kind="stable").tolist()


@given(
    cells=st.lists(st.one_of(st.none(), st.sampled_from(["ann", "bo", "cy", "di"])), max_size=40)
)
def test_plain_entries_number_values_in_the_order_they_first_occur(
    cells: list[str | None],
) -> None:
    """A column without tuples: one entry per record with a value, the values coded
    0, 1, 2... in the order they first occur, missing cells left out."""
    from goldenrecord.match._blocks import column_entries

    values = np.empty(len(cells), dtype=object)
    values[:] = cells
    entries = column_entries(values)
    present = [c for c in cells if c is not None]
    order = list(dict.fromkeys(present))
    assert entries.rows.tolist() == [i for i, c in enumerate(cells) if c is not None]
    assert entries.codes.tolist() == [order.index(c) for c in present]
    assert entries.names == (order,)
