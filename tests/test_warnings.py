"""Resolution warnings: what they catch, what they say (never a value), where they go."""

from __future__ import annotations

import io
import json
import pickle
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import goldenrecord as gr
from goldenrecord._cli import main
from goldenrecord._io import write_table
from goldenrecord._warnings import (
    kind_warnings,
    model_warnings,
    profile_warnings,
    rejected_warnings,
    value_shape,
)

# A few of each shape, none of them a real person's.
DATES = ["1980-03-07", "1975-11-30", "2001-01-15", "1966-07-04", "1990-12-24"] * 4
EMAILS = ["ana.lima@example.com", "bo.chen@example.org", "c.diaz@example.net", "d@e.io"] * 5
PHONES = ["+44 20 7946 0018", "(415) 555-2671", "06 12 34 56 78", "+33 1 23 45 67 89"] * 5
WORDS = ["devon", "new york", "lyon", "são paulo", "kyoto"] * 4
SERIALS = ["29287", "27411", "36892", "24291", "33100"] * 4
UK_POSTCODES = ["SW1A 1AA", "tq13 8df", "EC1A 1BB", "M1 1AE", "B33 8TH"] * 4
NAMES = ["Ana", "Bo", "Chloé", "Dmitri", "Eve"] * 4
IDS = ["5304218", "4066625", "1234567", "7654321", "2222333"] * 4


@pytest.mark.parametrize(
    ("kind", "cells", "code"),
    [
        ("postcode", DATES, "kind_mismatch"),  # a date of birth mapped as a postcode
        ("phone", EMAILS, "kind_mismatch"),  # an email as a phone
        ("phone", DATES, "kind_mismatch"),  # a date as a phone
        ("date", PHONES, "kind_mismatch"),  # a phone as a date
        ("date", WORDS, "kind_mismatch"),  # a birth place as a date
        ("email", PHONES, "kind_mismatch"),
        ("given_name", EMAILS, "kind_mismatch"),
        ("city", DATES, "kind_mismatch"),
        ("date", SERIALS, "excel_dates"),  # spreadsheet serial day numbers
    ],
)
def test_a_kind_that_does_not_fit_its_values_is_named(
    kind: str, cells: list[str], code: str
) -> None:
    """The warning names the column and its kind, and shows none of the values."""
    (w,) = kind_warnings("col", kind, cells)
    assert w.code == code
    assert w.columns == ("col",)
    assert isinstance(w, gr.ResolutionWarning)
    assert kind in str(w)
    assert "'col'" in str(w)
    assert not any(v in str(w) for v in cells)


@pytest.mark.parametrize(
    ("kind", "cells"),
    [
        ("date", DATES),
        ("email", EMAILS),
        ("phone", PHONES),
        ("phone", ["4155552671", "02079460018", "0612345678"] * 5),  # bare national numbers
        ("postcode", UK_POSTCODES),
        ("postcode", ["75001", "10115", "02139"] * 5),
        ("given_name", NAMES),
        ("city", WORDS),
        ("identifier", IDS),
        ("text", WORDS),
        ("date", DATES[:5]),  # too few values to say anything
    ],
)
def test_values_that_fit_their_kind_raise_nothing(kind: str, cells: list[str]) -> None:
    assert kind_warnings("col", kind, cells) == []


def test_value_shapes() -> None:
    assert [value_shape(v) for v in ("19800307", "07/03/1980", "a@b.io", "12", None)] == [
        "date",
        "date",
        "email",
        "number",
        None,
    ]


def test_mostly_rejected_column_names_its_top_reasons() -> None:
    """Over half of the non-empty values rejected: named with up to three reasons."""
    rejected = {"soc": {"invalid_number": 400, "no_region": 90, "too_short": 5, "other": 1}}
    (w,) = rejected_warnings({"soc": "phone"}, rejected, {"soc": 100})
    assert (w.code, w.columns) == ("rejected_column", ("soc",))
    assert w.figures["rejected"] == 406  # no_region is not "rejected": read by national key
    assert w.figures["non_empty"] == 596
    assert list(w.figures["reasons"]) == ["invalid_number", "too_short", "other"]
    assert "phone" in str(w)
    assert "invalid_number" in str(w)


def test_a_column_half_kept_is_not_reported() -> None:
    assert rejected_warnings({"c": "date"}, {"c": {"invalid_syntax": 50}}, {"c": 50}) == []
    assert rejected_warnings({"c": "date"}, {"c": {"invalid_syntax": 9}}, {"c": 0}) == []


class _Stub:
    """Stands for a fitted matcher: only the attributes the checks read."""

    def __init__(self, **attrs: Any) -> None:
        self.__dict__.update(attrs)


def test_dependent_comparisons_are_named_from_the_matcher() -> None:
    """Read from the optional ``dependent_comparisons_`` (a, b, lift) triples."""
    stub = _Stub(lambda_=1e-4, em_converged_=True, dependent_comparisons_=(("full", "first", 9.5),))
    (w,) = model_warnings(stub, 1_000, 499_500)
    assert (w.code, w.columns, w.figures["lift"]) == (
        "dependent_comparisons",
        ("full", "first"),
        9.5,
    )
    assert model_warnings(_Stub(lambda_=1e-4), 1_000, 499_500) == []


def test_a_match_share_no_table_can_hold_is_implausible() -> None:
    """0.05 of 50,000 records' pairs would put 2,500 records with every person."""
    n = 50_000
    (w,) = model_warnings(_Stub(lambda_=0.05, em_converged_=True), n, n * (n - 1) // 2)
    assert w.code == "implausible_match_share"
    assert model_warnings(_Stub(lambda_=2e-4, em_converged_=True), n, n * (n - 1) // 2) == []


def test_em_not_converged_is_reported_with_a_doubtful_result_only() -> None:
    stub = _Stub(lambda_=1e-4, em_converged_=False, em_iterations_=200)
    assert model_warnings(stub, 1_000, 499_500) == []
    codes = [w.code for w in model_warnings(stub, 1_000, 499_500, outlier=True)]
    assert codes == ["em_not_converged"]


def test_an_outlier_largest_profile_is_reported() -> None:
    """Pairs everywhere and one profile of 300 records."""
    labels = np.concatenate([np.repeat(np.arange(1_000), 3), np.full(300, 5_000)])
    (w,) = profile_warnings(labels)
    assert (w.code, w.figures["largest"], w.figures["typical"]) == ("outlier_profile", 300, 3.0)
    loyal = np.concatenate([np.repeat(np.arange(1_000), 2), np.full(40, 5_000)])
    assert profile_warnings(loyal) == []  # a loyal customer with 40 records


def test_warning_is_public_pickles_and_serialises() -> None:
    assert issubclass(gr.ResolutionWarning, UserWarning)
    assert gr.ResolutionWarning.__module__ == "goldenrecord.errors"
    w = gr.ResolutionWarning("outlier_profile", "big", columns=("a",), figures={"largest": 9})
    assert pickle.loads(pickle.dumps(w)) == w
    assert json.loads(json.dumps(w.to_dict()))["figures"] == {"largest": 9}
    assert set(gr.errors.WARNING_CODES) >= {"rejected_column", "kind_mismatch"}


@pytest.fixture(scope="module")
def customers() -> gr.datasets.CustomerTable:
    return gr.datasets.synthetic_customers(400, seed=11)


def test_a_wrong_kind_warns_at_the_callers_line_and_is_in_the_report(
    customers: gr.datasets.CustomerTable,
) -> None:
    """Dates of birth mapped as postcodes: warned through ``warnings``, pointing here."""
    fields = {**customers.schema().fields, "date_of_birth": "postcode", "postcode": "text"}
    schema = gr.Schema(id="record_id", source="source", fields=fields)
    with pytest.warns(gr.ResolutionWarning) as caught:
        res = gr.resolve(customers.columns, schema)
    about = [w for w in caught if "date_of_birth" in str(w.message)]
    assert about
    assert about[0].filename == __file__
    codes = {(w.code, w.columns) for w in res.report.warnings}
    assert ("kind_mismatch", ("date_of_birth",)) in codes
    assert "kind_mismatch" in res._repr_html_()


def test_the_generated_customers_and_the_sample_resolve_without_warnings(
    customers: gr.datasets.CustomerTable,
) -> None:
    sample = gr.datasets.load_sample()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for table in (customers, sample):
            res = gr.resolve(table.columns, table.schema())
            assert res.report.warnings == ()
    assert "<caption>warnings" not in res._repr_html_()


def _cli(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_the_cli_prints_warnings_unless_quiet_and_puts_them_in_json(tmp_path: Path) -> None:
    rows = {
        "id": [str(i) for i in range(40)],
        "name": [f"{NAMES[i % 5]} {WORDS[i % 5]}" for i in range(40)],
        "email": [EMAILS[i % 4] for i in range(40)],
        "phone": [EMAILS[(i + 1) % 4] for i in range(40)],  # emails in a phone column
    }
    data = tmp_path / "t.csv"
    write_table(rows, data)
    profiles = tmp_path / "p.csv"
    code, out, err = _cli("resolve", data, "--out", profiles)
    assert code == 0
    assert "warning [kind_mismatch]" in err
    assert "'phone'" in err
    assert not any(e in err for e in EMAILS)
    code, out, err = _cli("resolve", data, "--out", profiles, "--json")
    assert [w["columns"] for w in json.loads(out)["warnings"] if w["code"] == "kind_mismatch"] == [
        ["phone"]
    ]
    assert _cli("resolve", data, "--out", profiles, "--quiet") == (0, "", "")


def test_infer_schema_command_prints_a_kind_mismatch(tmp_path: Path) -> None:
    """`goldenrecord infer-schema`: a column named phone holding emails is flagged."""
    data = tmp_path / "t.csv"
    write_table({"id": [str(i) for i in range(20)], "phone": EMAILS}, data)
    code, out, err = _cli("infer-schema", data)
    assert code == 0
    assert json.loads(out)["fields"] == {"phone": "phone"}
    assert "warning [kind_mismatch]" in err
    assert not any(e in err for e in EMAILS)


def test_phones_without_region_warn_once_as_such_not_as_rejected() -> None:
    """Phones read without a region are compared by national number: a phone_no_region
    warning names the column, and they do not count as a mostly rejected column."""
    from goldenrecord._warnings import rejected_warnings

    found = rejected_warnings(
        {"tel": "phone"}, {"tel": {"no_region": 90, "invalid": 2}}, {"tel": 8}
    )
    assert [w.code for w in found] == ["phone_no_region"]
    assert found[0].columns == ("tel",)
    assert found[0].figures["no_region"] == 90
