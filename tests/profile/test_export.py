"""Profiles and their lineage as DataFrames, consent-aware when a purpose is given."""

from __future__ import annotations

import sys

import pytest

from goldenrecord.profile import lineage_frame, profiles_frame

from .helpers import build

pd = pytest.importorskip("pandas")

ROWS = [
    {"id": "1", "person": "A", "src": "crm", "ts": "2020-01-01", "email": "ana@lima.pt",
     "phone": "+33 6 71 93 28 45", "mkt": "yes"},
    {"id": "2", "person": "A", "src": "shop", "ts": "2022-01-01", "email": "ana.new@lima.pt",
     "mkt": "no"},
    {"id": "3", "person": "B", "src": "shop", "ts": "2021-01-01", "email": "bo@chen.io",
     "first": "Bo", "mkt": "granted"},
]  # fmt: skip


def test_profiles_frame_one_row_per_profile() -> None:
    """profile_id, n_records, one column per field (the golden raw value), consent columns."""
    profiles = build(ROWS)
    frame = profiles_frame(profiles)
    assert list(frame.columns) == [
        "profile_id", "n_records", "email", "phone", "first", "last", "dob", "addr", "cust",
        "consent_marketing", "consent_profiling",
    ]  # fmt: skip
    assert frame["profile_id"].tolist() == [p.profile_id for p in profiles]
    assert frame["n_records"].tolist() == [2, 1]
    assert frame["email"].tolist() == ["ana.new@lima.pt", "bo@chen.io"]
    # A profile without a phone is missing (None, or NaN in pandas 3's string columns).
    assert frame["phone"].iloc[0] == "+33 6 71 93 28 45"
    assert frame["phone"].isna().tolist() == [False, True]
    assert frame["consent_marketing"].tolist() == ["no", "yes"]


def test_profiles_frame_for_a_purpose_blanks_profiles_without_consent() -> None:
    """With a purpose, rows of profiles without consent keep only id, count and consent."""
    frame = profiles_frame(build(ROWS), purpose="marketing")
    withheld = frame.iloc[0]
    assert withheld["n_records"] == 2
    assert withheld["consent_marketing"] == "no"
    assert withheld[["email", "phone", "first"]].isna().all()
    assert frame.iloc[1]["email"] == "bo@chen.io"


def test_profiles_frame_of_hand_built_and_sliced_profiles() -> None:
    """Any sequence of profiles works, including a slice and an empty list."""
    profiles = build(ROWS)
    assert profiles_frame(profiles[1:])["email"].tolist() == ["bo@chen.io"]
    assert len(profiles_frame([])) == 0


def test_lineage_frame_one_row_per_distinct_value() -> None:
    """One row per (profile, attribute, value) with records, rule, sources, times, chosen."""
    profiles = build(ROWS)
    frame = lineage_frame(profiles)
    emails = frame[
        (frame["profile_id"] == profiles[0].profile_id) & (frame["attribute"] == "email")
    ]
    assert emails["value"].tolist() == ["ana.new@lima.pt", "ana@lima.pt"]
    assert emails["chosen"].tolist() == [True, False]
    assert emails["record_ids"].tolist() == [("2",), ("1",)]
    assert emails["sources"].tolist() == [("shop",), ("crm",)]
    assert set(emails["rule"]) == {"most_recent"}
    # Time zone aware, in UTC (pandas 2 keeps nanoseconds, pandas 3 microseconds).
    assert str(frame["last_seen"].dtype).startswith("datetime64[")
    assert str(frame["last_seen"].dt.tz) == "UTC"
    assert emails["last_seen"].dt.year.tolist() == [2022, 2020]
    assert len(frame) == sum(len(p.values(f)) for p in profiles for f in p.attributes)


def test_pandas_is_not_imported_with_the_package() -> None:
    """Importing goldenrecord.profile does not import pandas."""
    import subprocess

    code = "import goldenrecord.profile, sys; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
