"""The committed corpus: every input that ever broke a fuzz property, checked again.

Each entry is the smallest input found (or written from the fuzzer's report) and is
run through the same check as the property that caught it. The entry's id names the
issue-15 defect it reproduces (``d6`` is defect 6) or ``new`` for a defect the fuzz
suite found beyond that list; ``benchmarks/fuzz.py`` prints new candidates.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

import goldenrecord as gr
from tests.fuzz.checks import (
    FuzzFailure,
    check_cli,
    check_normalizers,
    check_order,
    check_resolve,
    check_store,
    time_limit,
)
from tests.fuzz.strategies import NastyStr, make_case

EMAIL = gr.Schema(id="id", fields={"email": "email"})
PEOPLE = gr.Schema(id="id", fields={"email": "email", "first": "given_name", "last": "family_name"})


def _collision() -> Any:
    # "a" + "b:c" and "a:b" + "c" both read as the key "a:b:c".
    return {
        "a": [{"id": "b:c", "email": "ana.lima@gmail.com"}],
        "a:b": [{"id": "c", "email": "bo.chen@example.org"}],
    }


RESOLVE_CASES = {
    # Found by the long run (benchmarks/fuzz.py): an inferred schema with no field (EM
    # fitted on no comparison: ValueError); one row with a nested cell whose text was read
    # as a file name (and quoted); sources given as one row each (not a table).
    "long-no-field-inferred": make_case(
        [{"id": "+ ", "updated_at": 135, "optin_email": "/"}] * 1
        + [{"id": f"copy-{i}", "updated_at": 135, "optin_email": "/"} for i in range(2)],
        shape="columns",
    ),
    "long-nested-cell-not-a-path": make_case(
        [{"id": True, "note": "LIMA, Ana", "country": {"a": "Éloïse Dupont"}}], shape="record"
    ),
    "long-huge-text-beside-a-nested-cell": make_case(  # hung on a file-name pattern
        [{"id": "1", "note": "\udce9" * 100_000, "country": {"a": "GB"}}], shape="record"
    ),
    "long-superscript-digits-in-a-date-column": make_case(  # int("¹") raised ValueError
        [{"id": str(i), "dob": "¹", "email": f"p{i}@mail.com"} for i in range(12)],
        gr.Schema(id="id", fields={"dob": "date", "email": "email"}),
    ),
    "long-columns-of-dict-cells": make_case(  # every cell a dict: read as sources
        [{"id": {"a": "1980-03-07"}, "country": {"a": "1980-03-07"}}] * 2,
        gr.Schema(id="id", fields={"country": "phone"}, default_region="FR"),
        shape="columns",
    ),
    "long-source-of-one-row-with-a-list-cell": make_case(
        {"a": [{"id": "1", "email": "ana.lima@gmail.com", "note": []}], "b": [{"id": "2"}]},
        gr.Schema(id="id", fields={"email": "email"}),
        shape="record",
    ),
    "long-sources-of-one-row": make_case(
        {"1": [{"id": "a", "email": "ana.lima@gmail.com"}], "": [{"id": "b", "email": "bo@x.io"}]},
        EMAIL,
        shape="record",
    ),
    # Lone surrogates: the profile id of a key with one, the lineage and frames of a value.
    "d6-surrogate-id": make_case([{"id": "\udce9", "email": "ana.lima@gmail.com"}], EMAIL),
    "d6-surrogate-id-inferred": make_case([{"id": "M\udce9lanie", "email": "a@b.io"}]),
    "d6-surrogate-given-name-lineage": make_case(
        [{"id": "1", "first": "M\udce9lanie", "email": "a@b.io"}],
        gr.Schema(id="id", fields={"first": "given_name", "email": "email"}),
    ),
    "d6-surrogate-identifier-lineage": make_case(
        [{"id": "1", "ssn": "AB\udce9", "email": "a@b.io"}],
        gr.Schema(id="id", fields={"ssn": "identifier", "email": "email"}),
    ),
    "d6-surrogate-pairs-frame": make_case(
        [
            {"id": "\udce9a", "email": "ana.lima@gmail.com"},
            {"id": "\udce9b", "email": "ana.lima@gmail.com"},
        ],
        EMAIL,
    ),
    "d6-surrogate-pandas": make_case(
        [{"id": "1", "last": "Dupont\udce9", "email": "a@b.io"}],
        gr.Schema(id="id", fields={"last": "family_name", "email": "email"}),
        shape="pandas",
    ),
    # Key collisions across sources lose a record.
    "d3-key-collision": make_case(_collision(), EMAIL),
    "d3-key-collision-columns": make_case(_collision(), EMAIL, shape="columns"),
    # 100 identical rows.
    "d4-identical-rows": make_case(
        [{"id": str(i), "email": "ana.lima@gmail.com", "first": "Ana"} for i in range(100)],
        gr.Schema(id="id", fields={"email": "email", "first": "given_name"}),
    ),
    # Three identical rows of one source (found by benchmarks/fuzz.py): ZeroDivisionError
    # in Matcher.prior_weight.
    "d4-identical-rows-prior": make_case(
        {
            "crm": [
                {"id": {"a": "San Francisco"}, "city": 3.5e-246, "country": 13669},
                *(
                    {
                        "id": i,
                        "city": "3H]ã]yA[¼",
                        "last": "+33612345678",
                        "country": "\udce9" * 100_000,
                    }
                    for i in (2**63, "copy-0", "copy-1")
                ),
            ]
        },
        gr.Schema(
            id="id",
            fields={"city": "family_name", "last": "address", "country": "given_name"},
            default_region="FR",
        ),
    ),
    # One row handed in as a dict, without an id: the email is read as a file name.
    "d10-row-without-id-read-as-files": make_case(
        [{"email": "ana.lima@gmail.com", "name": "Ana Lima"}], shape="record"
    ),
    # limits= that is not a mapping raises TypeError / ValueError, not SettingsError.
    "new-limits-list": make_case([{"id": "1", "email": "a@b.io"}], EMAIL, options={"limits": [1]}),
    "new-limits-str": make_case(
        [{"id": "1", "email": "a@b.io"}], EMAIL, options={"limits": "email"}
    ),
    # A dict as a column's first cell makes a columnar table read as a mapping of sources.
    "new-dict-cell-reads-as-sources": make_case(
        [{"id": "1", "email": {"a": 1}}, {"id": "2", "email": "a@b.io"}],
        EMAIL,
        shape="columns",
    ),
    "new-list-of-dicts-cell-reads-as-sources": make_case(
        [{"id": "1", "email": "a@b.io", "phone": [{"a": 1}]}],
        gr.Schema(id="id", fields={"email": "email", "phone": "phone"}),
        shape="columns",
    ),
    # A phone column holding free text hangs the phone normalizer.
    "d1-phone-free-text": make_case(
        [{"id": "1", "phone": "Customer refused to provide a phone number", "email": "a@b.io"}],
        gr.Schema(id="id", fields={"phone": "phone", "email": "email"}),
    ),
}


@pytest.mark.parametrize("key", sorted(RESOLVE_CASES))
def test_resolve_corpus(key: str) -> None:
    """Each input that once broke gr.resolve now keeps every batch property."""
    check_resolve(RESOLVE_CASES[key])


ORDER_CASES = {
    # Repeated ids: "first wins" made the clusters depend on the row order.
    "d11-duplicate-ids": (
        make_case(
            [
                {"id": "1", "email": "ana.lima@gmail.com", "first": "Ana", "last": "Lima"},
                {"id": "1", "email": "bo.chen@example.org", "first": "Bo", "last": "Chen"},
                {"id": "2", "email": "bo.chen@example.org", "first": "Bo", "last": "Chen"},
            ],
            PEOPLE,
        ),
        [1, 0, 2],
    ),
    # The same columnar table in another order is read another way (see above).
    "new-dict-cell-order": (
        make_case(
            [{"id": "2", "email": "a@b.io"}, {"id": "1", "email": {"a": 1}}],
            EMAIL,
            shape="columns",
        ),
        [1, 0],
    ),
}


@pytest.mark.parametrize("key", sorted(ORDER_CASES))
def test_order_corpus(key: str) -> None:
    """Each input whose clusters once depended on row order now gives one answer."""
    case, order = ORDER_CASES[key]
    check_order(case, order)


IDENTICAL_SCHEMAS = {
    "email": EMAIL,
    "names": gr.Schema(id="id", fields={"first": "given_name", "last": "family_name"}),
    "people": PEOPLE,
}


@pytest.mark.parametrize("fields", sorted(IDENTICAL_SCHEMAS))
@pytest.mark.parametrize("n", [2, 10, 100, 200])
def test_identical_rows_form_one_profile(n: int, fields: str) -> None:
    """n copies of one record (fresh ids) resolve to a single profile (defect 4)."""
    schema = IDENTICAL_SCHEMAS[fields]
    row = {"email": "ana.lima@gmail.com", "first": "Ana", "last": "Lima"}
    rows = [{"id": f"r{i}", **{c: row[c] for c in schema.fields}} for i in range(n)]
    res = check_resolve(make_case(rows, schema))
    assert res is not None
    assert len(set(res.clusters.values())) == 1


def _pd_na() -> object:
    pd = pytest.importorskip("pandas")
    return pd.NA


STORE_CASES = {
    # Rows without a usable id, repeated ids, colliding keys: dropped without a word.
    "d7-missing-id": make_case(
        [{"id": "1", "email": "a@b.io"}, {"email": "c@d.io"}, {"id": None, "email": "e@f.io"}],
        EMAIL,
    ),
    "d7-bool-id": make_case([{"id": True, "email": "a@b.io"}], EMAIL),
    "d7-repeated-id": make_case(  # the first two rows go in one ingest
        [{"id": "1", "email": "a@b.io"}, {"id": "1", "email": "c@d.io"}, {"id": "2"}], EMAIL
    ),
    "d3-d7-key-collision": make_case(_collision(), EMAIL),
    # Surrogates at the store's boundary.
    "d6-surrogate-id": make_case([{"id": "\udce9", "email": "a@b.io"}], EMAIL),
    "d6-surrogate-value": make_case(
        [{"id": "1", "last": "M\udce9lanie", "email": "a@b.io"}, {"id": "2", "email": "c@d.io"}],
        gr.Schema(id="id", fields={"last": "family_name", "email": "email"}),
    ),
    # A pandas NA cell in rows of dicts (as DataFrame.to_dict("records") gives).
    "new-pandas-na-cell": make_case(
        [{"id": "1", "email": "a@b.io", "last": _pd_na()}, {"id": "2", "email": "c@d.io"}],
        gr.Schema(id="id", fields={"last": "family_name", "email": "email"}),
    ),
    # limits= that is not a mapping.
    "new-limits-list": make_case([{"id": "1", "email": "a@b.io"}], EMAIL, options={"limits": [1]}),
}


@pytest.mark.parametrize("key", sorted(STORE_CASES))
def test_store_corpus(key: str) -> None:
    """Each input that once broke IdentityStore.ingest is now stored or reported."""
    check_store(STORE_CASES[key])


NORMALIZE_CASES: dict[str, tuple[object, object]] = {
    # Exponential backtracking on a leading label.
    "d1-letters": ("a" * 30, None),
    "d1-free-text": ("Customer refused to provide a phone number", None),
    # given_name_canonical not idempotent.
    "d12-street": ("500 Market Street", None),
    "d12-downing": ("10 Downing Street", None),
    "d12-letters": ("/@A..A+11: ://:", None),
    # A str subclass whose methods raise.
    "d14-nasty-str": (NastyStr("Ana Lima"), None),
    # One junk per-value option raises and aborts the column.
    "d10-region-number": ("ana.lima@gmail.com", 0),
    "d10-region-list": ("ana.lima@gmail.com", []),
    "d10-region-text": ("+1 415 555 2671", "not a region"),
    "d10-region-nan": ("+1 415 555 2671", math.nan),
}


@pytest.mark.parametrize("key", sorted(NORMALIZE_CASES))
def test_normalize_corpus(key: str) -> None:
    """Each cell that once broke a normalizer is now normalized or rejected, in time."""
    check_normalizers(*NORMALIZE_CASES[key])


def test_phone_hang_is_reported_as_a_failure() -> None:
    """The time limit turns a hang into a failure instead of a stuck run."""
    from tests.fuzz.checks import Hang

    def spin() -> None:
        with time_limit(0.2):
            while True:
                pass

    with pytest.raises(Hang):
        spin()


def test_a_value_in_a_message_is_a_failure() -> None:
    """The leak check sees a record's value in an error message (a check of the check)."""
    case = make_case([{"id": "1", "email": "ana.lima@gmail.com"}], EMAIL)
    err = gr.SettingsError("bad cell 'ana.lima@gmail.com'")
    from tests.fuzz.checks import _library_error
    from tests.fuzz.strategies import personal_values

    with pytest.raises(FuzzFailure, match="carries values"):
        _library_error(err, personal_values(case), "resolve")


STORE_SCHEMAS = {
    # Kinds with no tight blocking rule: the store opens, then every ingest raised.
    "new-date-only": gr.Schema(id="id", fields={"dob": "date"}),
    "new-postcode-only": gr.Schema(id="id", fields={"zip": "postcode"}),
}


@pytest.mark.parametrize("key", sorted(STORE_SCHEMAS))
def test_store_schema_corpus(key: str) -> None:
    """A schema gr.resolve accepts is refused when the store opens, or ingests (not later)."""
    schema = STORE_SCHEMAS[key]
    (column,) = schema.fields
    rows = [{"id": "1", column: "1980-03-07"}, {"id": "2", column: "94103"}]
    check_store(make_case(rows, schema))


@pytest.mark.parametrize(
    ("method", "argument"),
    [
        ("forget", 1.5),
        ("forget", ("1",)),
        ("profile_of", ["1"]),
        ("profile", ("1",)),
        ("history", ["1"]),
        ("lookup", None),
        ("lookup", "ana.lima@gmail.com"),
        ("profile_of", "\udce9"),
        ("forget", "\udce9"),
    ],
)
def test_store_methods_refuse_junk_arguments_with_library_errors(
    tmp_path: Any, method: str, argument: object
) -> None:
    """A key or record of the wrong type raises a library error (new: TypeError, ValueError,
    sqlite3.ProgrammingError; a surrogate key UnicodeEncodeError, defect 6)."""
    with gr.IdentityStore(tmp_path / "s.db", schema=EMAIL) as store:
        store.ingest([{"id": "1", "email": "ana.lima@gmail.com"}])
        with pytest.raises(gr.GoldenRecordError) as caught:
            getattr(store, method)(argument)
    assert "ana.lima" not in str(caught.value)


def test_store_takes_integer_ids_as_the_text_they_are_keyed_by(tmp_path: Any) -> None:
    """An integer id names the record keyed by its digits (as ingest keys it)."""
    with gr.IdentityStore(tmp_path / "s.db", schema=EMAIL) as store:
        store.ingest([{"id": 1, "email": "ana.lima@gmail.com"}])
        assert store.profile_of(1).record_ids == store.profile_of("1").record_ids
        store.forget(1)
        with pytest.raises(gr.GoldenRecordError):
            store.profile_of("1")


@pytest.mark.parametrize("method", ["profile", "history", "profile_of", "forget"])
def test_store_errors_do_not_echo_the_key_asked_for(tmp_path: Any, method: str) -> None:
    """An unknown key or profile id is not quoted back (defect 10: history echoed it)."""
    with gr.IdentityStore(tmp_path / "s.db", schema=EMAIL) as store:
        store.ingest([{"id": "1", "email": "ana.lima@gmail.com"}])
        message = ""
        try:
            getattr(store, method)("bo.chen@example.org")
        except gr.GoldenRecordError as err:
            message = str(err)
    assert "bo.chen" not in message


@pytest.mark.parametrize(
    "text",
    [
        '{"id": "x", "consent": [1]}',
        '{"id": "x", "fields": {"a": ["email"]}}',
        "[" * 5000,
        '{"id": 5}',
        '{"fields": " ", "id": null}',
        '{"fields": 1, "id": null}',
        '{"id": []}',
        "[" * 1990,
        '{"id": "x", "default_region": 5}',
    ],
)
def test_schema_from_json_junk_corpus(text: str) -> None:
    """Junk schema JSON raises SettingsError only (defect 9)."""
    with pytest.raises(gr.SettingsError), time_limit():
        gr.Schema.from_json(text)


@pytest.mark.parametrize("flag", ["--out", "--clusters", "--pairs", "--lineage"])
def test_cli_does_not_write_over_its_input(tmp_path: Any, flag: str) -> None:
    """`goldenrecord resolve a.csv --out a.csv` leaves the customer file alone (defect 5)."""
    victim = tmp_path / "victim.csv"
    victim.write_text("id,email\n1,ana.lima@gmail.com\n2,bo.chen@example.org\n")
    other = tmp_path / "golden.csv"
    args = ["resolve", str(victim), "--quiet"]
    args += ["--out", str(victim)] if flag == "--out" else ["--out", str(other), flag, str(victim)]
    check_cli(args, {victim: victim.read_bytes()}, {"ana.lima@gmail.com"})


@pytest.mark.parametrize(
    "content",
    [
        b"id,name,email\n1,M\xe9lanie,a@b.io\n",  # Latin-1 bytes in a UTF-8 file
        b'{"id": "1", "name": "M\\udce9lanie", "email": "a@b.io"}\n',  # escaped surrogate
        b"id,email\n1,ana.lima@gmail.com\n1,bo.chen@example.org\n",
        b"\x00\x01\x02",
        b"",
    ],
)
def test_cli_junk_files_exit_cleanly(tmp_path: Any, content: bytes) -> None:
    """Junk customer files: an exit code and a one-line error, never a traceback (defect 6)."""
    suffix = ".jsonl" if content.startswith(b"{") else ".csv"
    source = tmp_path / f"in{suffix}"
    source.write_bytes(content)
    check_cli(
        ["resolve", str(source), "--out", str(tmp_path / "out.csv"), "--quiet"],
        {source: content},
        {"ana.lima@gmail.com", "bo.chen@example.org"},
    )
