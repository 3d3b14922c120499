"""Countries written as codes, names in many languages and scripts, and aliases."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goldenrecord as gr


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("FR", "FR"),
        ("fr", "FR"),
        ("FRA", "FR"),
        ("France", "FR"),
        ("FRANCE", "FR"),
        ("République française", "FR"),
        ("Frankreich", "FR"),
        ("Francia", "FR"),
        ("Deutschland", "DE"),
        ("Allemagne", "DE"),
        ("Alemania", "DE"),
        ("Germany", "DE"),
        ("DEU", "DE"),
        ("España", "ES"),
        ("Espagne", "ES"),
        ("Spain", "ES"),
        ("Italia", "IT"),
        ("Italie", "IT"),
        ("Nederland", "NL"),
        ("Holland", "NL"),
        ("the Netherlands", "NL"),
        ("België", "BE"),
        ("Belgique", "BE"),
        ("Schweiz", "CH"),
        ("Suisse", "CH"),
        ("Österreich", "AT"),
        ("Polska", "PL"),
        ("Sverige", "SE"),
        ("Suomi", "FI"),
        ("Norge", "NO"),
        ("Danmark", "DK"),
        ("Éire", "IE"),
        ("Ireland", "IE"),
        ("Portugal", "PT"),
        ("Brasil", "BR"),
        ("México", "MX"),
        ("UK", "GB"),
        ("U.K.", "GB"),
        ("Great Britain", "GB"),
        ("England", "GB"),
        ("Scotland", "GB"),
        ("Wales", "GB"),
        ("United Kingdom", "GB"),
        ("GBR", "GB"),
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("U.S.", "US"),
        ("United States", "US"),
        ("United States of America", "US"),
        ("Estados Unidos", "US"),
        ("Canada", "CA"),
        ("Korea, Republic of", "KR"),
        ("South Korea", "KR"),
        ("대한민국", "KR"),
        ("North Korea", "KP"),
        ("中国", "CN"),
        ("中华人民共和国", "CN"),
        ("China", "CN"),
        ("日本", "JP"),
        ("Japan", "JP"),
        ("Россия", "RU"),
        ("Russia", "RU"),
        ("Russian Federation", "RU"),
        ("Ελλάδα", "GR"),
        ("Greece", "GR"),
        ("भारत", "IN"),
        ("India", "IN"),
        ("مصر", "EG"),
        ("Egypt", "EG"),
        ("المغرب", "MA"),
        ("Maroc", "MA"),
        ("الإمارات العربية المتحدة", "AE"),
        ("UAE", "AE"),
        ("U.A.E.", "AE"),
        ("السعودية", "SA"),
        ("KSA", "SA"),
        ("Saudi Arabia", "SA"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("Côte d'Ivoire", "CI"),
        ("Ivory Coast", "CI"),
        ("Czechia", "CZ"),
        ("Czech Republic", "CZ"),
        ("Viet Nam", "VN"),
        ("Vietnam", "VN"),
        ("Iran", "IR"),
        ("Persia", "IR"),
        ("South Africa", "ZA"),
        ("Nigeria", "NG"),
        ("Australia", "AU"),
        ("New Zealand", "NZ"),
        ("  germany  ", "DE"),
        ("Algérie", "DZ"),
    ],
)
def test_country(raw: str, code: str) -> None:
    """Codes, names in many languages and aliases give the alpha-2 code."""
    assert gr.normalize.country(raw) == code


@pytest.mark.parametrize("raw", ["Atlantis", "XX", "Narnia", 826])
def test_unknown_country(raw: object) -> None:
    """What is not a country gives None, with reason unknown_country."""
    assert gr.normalize.country(raw) is None
    with pytest.raises(gr.NormalizationError, match="unknown_country"):
        gr.normalize.country(raw, errors="raise")


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=30), st.integers(), st.none()))
def test_never_raises_and_codes_are_fixpoints(x: object) -> None:
    """Any cell gives a code or None, and a code reads back as itself."""
    out = gr.normalize.country(x)
    if out is not None:
        assert len(out) == 2
        assert out.isupper()
        assert gr.normalize.country(out) == out
        assert gr.normalize.country(out.lower()) == out
