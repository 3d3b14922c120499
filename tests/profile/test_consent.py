"""Consent cells are read in many spellings, and a profile's consent is its latest statement."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

import goldenrecord as gr
from goldenrecord.profile import parse_consent
from goldenrecord.profile._consent import consent_codes

from .helpers import build, one

YES = [
    "yes", "YES", " Yes ", "y", "Y", "true", "TRUE", "True", "t", "1", "1.0", "on",
    "granted", "Granted", "opt-in", "Opt-In", "opt in", "OPT_IN", "optin", "opted-in",
    "subscribed", "consented", "accepted", "agree", "oui", "OUI", "ja", "Ja", "si", "sí",
    "Sí", "sì", "sim", "tak", "да", True, 1, 1.0, np.int64(1), np.bool_(True),
]  # fmt: skip
NO = [
    "no", "NO", " No ", "n", "N", "false", "FALSE", "f", "0", "0.0", "off", "denied",
    "Denied", "opt-out", "Opt-Out", "opt out", "OPT_OUT", "optout", "opted out",
    "unsubscribed", "declined", "refused", "withdrawn", "revoked", "non", "Non", "nein",
    "NEIN", "nee", "não", "nao", "nie", "нет", False, 0, 0.0, np.int64(0), np.bool_(False),
]  # fmt: skip
UNKNOWN = ["unknown", "UNKNOWN", "", "   ", "n/a", "N/A", "na", "none", "null", "?", None,
           float("nan"), "pending"]  # fmt: skip
UNRECOGNIZED = ["maybe", "perhaps", "2", "yes please", 2, -1, 0.5, dt.date(2020, 1, 1), ["yes"]]


@pytest.mark.parametrize("cell", YES)
def test_yes_spellings(cell: object) -> None:
    """Every spelling of consent granted reads as yes."""
    assert parse_consent(cell) == "yes"


@pytest.mark.parametrize("cell", NO)
def test_no_spellings(cell: object) -> None:
    """Every spelling of consent refused or withdrawn reads as no."""
    assert parse_consent(cell) == "no"


@pytest.mark.parametrize("cell", UNKNOWN)
def test_explicit_unknowns(cell: object) -> None:
    """Blanks and unknown words read as unknown and are not counted as unrecognized."""
    assert parse_consent(cell) == "unknown"
    assert consent_codes([cell])[1] == 0


@pytest.mark.parametrize("cell", UNRECOGNIZED)
def test_unrecognized_cells_are_unknown_and_counted(cell: object) -> None:
    """A cell that is no consent statement is unknown, never an error, and is counted."""
    assert parse_consent(cell) == "unknown"
    assert consent_codes([cell, "yes", cell])[1] == 2


def test_pandas_missing_values_are_unknown() -> None:
    """pandas NA and NaT cells read as an explicit unknown."""
    pd = pytest.importorskip("pandas")
    assert consent_codes([pd.NA, pd.NaT, "yes"])[0].tolist() == [-1, -1, 1]
    assert consent_codes([pd.NA, pd.NaT])[1] == 0


def test_withdrawal_after_grant_is_no() -> None:
    """Yes then, later, no: the profile's consent is no."""
    p = one(
        [
            {"id": "1", "ts": "2020-01-01", "mkt": "yes"},
            {"id": "2", "ts": "2023-06-01", "mkt": "opt-out"},
        ]
    )
    assert p.consent("marketing") == "no"
    assert p.consent_record("marketing") == "2"


def test_grant_after_withdrawal_is_yes() -> None:
    """No then, later, yes again: the latest explicit statement wins."""
    p = one(
        [
            {"id": "1", "ts": "2020-01-01", "mkt": "no"},
            {"id": "2", "ts": "2021-01-01", "mkt": "unknown"},
            {"id": "3", "ts": "2023-06-01", "mkt": "YES"},
            {"id": "4", "ts": "2024-06-01", "mkt": None},
        ]
    )
    assert p.consent("marketing") == "yes"


def test_unknown_statements_do_not_override() -> None:
    """A later unknown or unreadable cell leaves the earlier explicit statement in force."""
    p = one(
        [
            {"id": "1", "ts": "2020-01-01", "mkt": "yes"},
            {"id": "2", "ts": "2024-01-01", "mkt": "maybe later"},
        ]
    )
    assert p.consent("marketing") == "yes"


def test_tie_goes_to_no() -> None:
    """Two statements with the same time (or no time at all): no wins, whatever the order."""
    for first, second in (("yes", "no"), ("no", "yes")):
        rows = [
            {"id": "a", "ts": "2022-01-01T10:00:00Z", "mkt": first},
            {"id": "b", "ts": "2022-01-01T11:00:00+01:00", "mkt": second},
        ]
        assert one(rows).consent("marketing") == "no"
        assert one(rows).consent_record("marketing") == ("a" if first == "no" else "b")
        undated = [{"id": "a", "mkt": first}, {"id": "b", "mkt": second}]
        assert one(undated).consent("marketing") == "no"


def test_undated_statement_is_older_than_dated() -> None:
    """A statement without a readable time is older than any dated one."""
    p = one(
        [
            {"id": "1", "ts": "not a date", "mkt": "no"},
            {"id": "2", "ts": "2019-01-01", "mkt": "yes"},
        ]
    )
    assert p.consent("marketing") == "yes"


def test_no_statement_is_unknown() -> None:
    """Without any explicit statement the consent is unknown."""
    p = one([{"id": "1", "mkt": ""}, {"id": "2", "mkt": None}])
    assert p.consent("marketing") == "unknown"
    assert p.consent_record("marketing") is None


def test_purposes_are_independent() -> None:
    """Each purpose reads its own column."""
    p = one([{"id": "1", "ts": "2020-01-01", "mkt": "yes", "prof": "no"}])
    assert (p.consent("marketing"), p.consent("profiling")) == ("yes", "no")
    assert dict(p.consents) == {"marketing": "yes", "profiling": "no"}


def test_unknown_purpose_is_a_settings_error() -> None:
    """Asking for a purpose the schema does not map names the known purposes."""
    p = one([{"id": "1"}])
    with pytest.raises(gr.SettingsError, match=r"'newsletter'.*marketing, profiling"):
        p.consent("newsletter")


def test_report_counts_unrecognized_cells_and_states() -> None:
    """Unreadable consent cells are counted per purpose; profile states are tallied."""
    profiles = build(
        [
            {"id": "1", "person": "A", "mkt": "maybe", "prof": "yes"},
            {"id": "2", "person": "A", "mkt": "whatever", "prof": "no"},
            {"id": "3", "person": "B", "mkt": "yes"},
        ]
    )
    assert profiles.report is not None
    assert profiles.report.consent_unrecognized == {"marketing": 2, "profiling": 0}
    assert profiles.report.consent_profiles["marketing"] == {"yes": 1, "no": 0, "unknown": 1}


def test_default_consent_columns_are_named_after_their_columns() -> None:
    """Without consent_columns, each consent column is a purpose of its own name."""
    p = one([{"id": "1", "mkt": "yes"}], consent_columns=None)
    assert p.consent("mkt") == "yes"


def test_unknown_consent_column_is_a_settings_error() -> None:
    """A consent column that is not in the prepared table is named with what is there."""
    with pytest.raises(gr.SettingsError, match=r"'nope'.*mkt, prof"):
        one([{"id": "1"}], consent_columns={"marketing": "nope"})
