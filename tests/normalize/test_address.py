"""Address lines: spellings of one address meet, different house numbers do not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goldenrecord as gr

SAME = [
    pytest.param(
        [
            "500 Market Street, Apt. #4",
            "500 MARKET ST APT 4",
            "500 Market St. #4",
            "500 market street apartment 4",
        ],
        id="us-market",
    ),
    pytest.param(["10 Downing Street", "10 Downing St.", "10 DOWNING ST"], id="gb-downing"),
    pytest.param(["221B Baker Street", "221b Baker St"], id="gb-baker"),
    pytest.param(
        [
            "1600 Pennsylvania Avenue NW",
            "1600 Pennsylvania Ave. N.W.",
            "1600 pennsylvania av northwest",
        ],
        id="us-avenue",
    ),
    pytest.param(["12, Rue de l'Église", "12 r. de l eglise", "12 RUE DE L'EGLISE"], id="fr-rue"),
    pytest.param(
        ["12-14 Avenue des Champs-Élysées", "12-14 av. des Champs Elysees"], id="fr-avenue"
    ),
    pytest.param(["3 Boulevard Haussmann", "3 bd Haussmann", "3 Bd. Haussmann"], id="fr-bd"),
    pytest.param(
        ["Hauptstraße 5", "Hauptstr. 5", "Haupt-Strasse 5", "HAUPTSTRASSE 5"], id="de-strasse"
    ),
    pytest.param(["Calle Mayor 10", "C/ Mayor 10", "calle mayor, 10"], id="es-calle"),
    pytest.param(
        ["Avenida de la Constitución 3", "Avda. de la Constitución 3", "Av. de la Constitucion 3"],
        id="es-avenida",
    ),
    pytest.param(["Via Roma 1", "V. Roma 1", "via roma, 1"], id="it-via"),
    pytest.param(["Piazza Navona 2", "P.za Navona 2"], id="it-piazza"),
    pytest.param(["Corso Vittorio Emanuele 5", "C.so Vittorio Emanuele 5"], id="it-corso"),
    pytest.param(["Kerkstraat 1", "Kerkstr. 1"], id="nl-straat"),
    pytest.param(["P.O. Box 123", "PO Box 123", "po box 123"], id="po-box"),
    pytest.param(["St James Street", "St. James St."], id="saint-vs-street"),
    pytest.param(["ул. Тверская 1", "УЛ. ТВЕРСКАЯ, 1"], id="ru"),
    pytest.param(["شارع الشيخ زايد", " شارع  الشيخ زايد "], id="ar"),
]

DIFFERENT = [
    pytest.param("10 Downing Street", "12 Downing Street", id="house-number"),
    pytest.param("12a Rue Victor Hugo", "12b Rue Victor Hugo", id="number-suffix"),
    pytest.param("12bis rue Victor Hugo", "12 rue Victor Hugo", id="bis"),
    pytest.param("500 Market St Apt 4", "500 Market St Apt 5", id="apartment"),
    pytest.param("1 Main Street", "1 Main Road", id="street-vs-road"),
]


@pytest.mark.parametrize("spellings", SAME)
def test_spellings_of_one_address_meet(spellings: list[str]) -> None:
    """Every spelling gives the same canonical line."""
    out = {s: gr.normalize.address(s) for s in spellings}
    assert len(set(out.values())) == 1, out
    assert next(iter(out.values())) is not None


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_addresses_stay_apart(a: str, b: str) -> None:
    """Different numbers or street types give different lines."""
    assert gr.normalize.address(a) != gr.normalize.address(b)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("500 Market Street, Apt. #4", "500 market st apt 4"),
        ("12, Rue de l'Église", "12 rue de l eglise"),
        ("Hauptstraße 5", "hauptstr 5"),
        ("12-14 Avenue des Champs-Élysées", "12-14 av des champs elysees"),
        ("Dr Martin Luther King Jr Blvd", "doctor martin luther king jr bd"),
        ("北京市朝阳区建国路 1号", "北京市朝阳区建国路 1号"),
        ("Οδός Αιόλου 10", "οδ αιόλου 10"),
        ("मुख्य मार्ग 5", "मुख्य मार्ग 5"),
    ],
)
def test_canonical_form(raw: str, expected: str) -> None:
    """The canonical line, in its script."""
    assert gr.normalize.address(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("n/a", "placeholder"),
        ("unknown", "placeholder"),
        ("no address", "placeholder"),
        ("-", "placeholder"),
        ("!?", "invalid_syntax"),
    ],
)
def test_rejections(raw: str, reason: str) -> None:
    """Junk lines give None with a reason."""
    assert gr.normalize.address(raw) is None
    with pytest.raises(gr.NormalizationError) as info:
        gr.normalize.address(raw, errors="raise")
    assert info.value.reason == reason


_STREET_TYPES = [
    ("Street", "St."),
    ("Avenue", "Ave"),
    ("Road", "Rd"),
    ("Boulevard", "Blvd"),
    ("Lane", "Ln"),
    ("Court", "Ct"),
    ("Apartment", "Apt"),
    ("Suite", "Ste"),
]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 9999),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=10),
    st.sampled_from(_STREET_TYPES),
)
def test_street_type_variants_meet(number: int, street: str, variants: tuple[str, str]) -> None:
    """Two spellings differing only by a street-type variant give the same line."""
    long, short = variants
    assert gr.normalize.address(f"{number} {street} {long}") == gr.normalize.address(
        f"{number} {street.upper()} {short}"
    )


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=40), st.integers(), st.none()))
def test_never_raises_and_is_idempotent(x: object) -> None:
    """Any cell gives a line or None; normalizing a canonical line changes nothing."""
    out = gr.normalize.address(x)
    if out is not None:
        assert gr.normalize.address(out) == out
