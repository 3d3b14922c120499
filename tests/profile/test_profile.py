"""Profiles read like frozen objects; views show personal values only with consent."""

from __future__ import annotations

import attrs
import pytest

import goldenrecord as gr
from goldenrecord.profile import GoldenValue, Profile, ProfileView

from .helpers import one

ROWS = [
    {"id": "1", "ts": "2020-01-01", "email": "ana@lima.pt", "first": "Ana", "mkt": "yes"},
    {"id": "2", "ts": "2021-01-01", "email": "ANA@Lima.pt", "prof": "no"},
]


def test_view_with_consent_carries_every_value() -> None:
    """Consent yes: the view has the same id, records and golden values."""
    p = one(ROWS)
    view = p.view("marketing")
    assert isinstance(view, ProfileView)
    assert (view.profile_id, view.consent, view.withheld) == (p.profile_id, "yes", False)
    assert view.record_ids == p.record_ids
    assert view["email"] == p["email"]
    assert view.values("email") == p.values("email")
    assert view.to_dict()["first"] == "Ana"


def test_view_without_consent_carries_no_personal_value() -> None:
    """Consent no: only the id, the record count and the consent state remain."""
    p = one(ROWS)
    view = p.view("profiling")
    assert (view.consent, view.withheld, view.n_records) == ("no", True, 2)
    assert view.record_ids == ()
    assert dict(view.attributes) == {}
    assert view.values("email") == ()
    with pytest.raises(KeyError):
        view["email"]
    assert view.to_dict() == {
        "profile_id": p.profile_id,
        "n_records": 2,
        "consent_profiling": "no",
    }
    assert "ana" not in repr(view).lower()
    assert "ana" not in view._repr_html_().lower()


def test_unknown_consent_follows_the_default() -> None:
    """Unknown consent is withheld by default and shown with default='yes'."""
    p = one([{"id": "1", "email": "ana@lima.pt", "mkt": "?"}])
    assert p.view("marketing").withheld
    assert not p.view("marketing", default="yes").withheld
    with pytest.raises(gr.SettingsError, match="default must be 'yes' or 'no'"):
        p.view("marketing", default="maybe")  # type: ignore[arg-type]


def test_no_consent_stays_withheld_with_a_lenient_default() -> None:
    """default='yes' never overrides an explicit no."""
    assert one(ROWS).view("profiling", default="yes").withheld


def test_profiles_are_frozen_and_compare_by_content() -> None:
    """A profile cannot be changed in place; two builds of the same rows are equal."""
    p, q = one(ROWS), one(list(reversed(ROWS)))
    assert p == q
    assert hash(p) == hash(q)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        p.profile_id = "x"  # type: ignore[misc]
    other = one([{**ROWS[0], "email": "bo@chen.io"}, ROWS[1]])
    assert other != p


def test_repr_is_short_and_html_is_escaped() -> None:
    """The repr names the id and size only; the HTML table escapes values."""
    p = one(ROWS)
    assert repr(p) == f"Profile({p.profile_id!r}, records=2)"
    assert "ANA@Lima.pt" in p._repr_html_().replace("<wbr>", "")
    assert "most_recent" in p._repr_html_().replace("<wbr>", "")
    v = GoldenValue("<b>Ana</b> & co", "ana", "longest", ("r1",))
    page = Profile("gp_<1>", ("r1",), {"first": v})._repr_html_().replace("<wbr>", "")
    assert "&lt;b&gt;Ana&lt;/b&gt; &amp; co" in page
    assert "gp_&lt;1&gt;" in page
    assert "<b>" not in page


def test_to_dict_has_the_raw_golden_values() -> None:
    """to_dict: id, record count and each golden value as a member wrote it."""
    assert one(ROWS).to_dict() == {
        "profile_id": one(ROWS).profile_id,
        "n_records": 2,
        "first": "Ana",
        "email": "ANA@Lima.pt",
    }


def test_attributes_follow_schema_order_and_mapping_rules() -> None:
    """attributes iterates present fields in schema order; len and membership agree."""
    p = one(ROWS)
    assert list(p.attributes) == ["email", "first"]
    assert len(p.attributes) == 2
    assert "phone" not in p.attributes
    assert 3 not in p.attributes
    with pytest.raises(KeyError):
        p.attributes["phone"]
    assert "email" in repr(p.attributes)


def test_a_profile_built_by_hand() -> None:
    """Profiles with plain mappings work the same way (values gives the golden value)."""
    v = GoldenValue("A@x.io", "a@x.io", "most_recent", ("r1",))
    p = Profile("gp_1", ("r1",), {"email": v}, {"marketing": "yes"})
    assert p.values("email") == (v,)
    assert p.values("phone") == ()
    assert p.view("marketing")["email"] is v
    assert p.consent_record("marketing") is None
    with pytest.raises(gr.SettingsError, match="'other'"):
        p.consent("other")
    assert v.n_records == 1
