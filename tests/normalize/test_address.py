"""Address lines: spellings of one address meet, different addresses do not."""

from __future__ import annotations

import math

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import goldenrecord as gr
from goldenrecord.normalize._address_data import LEADING, WORDS
from tests.normalize.helpers import is_missing_cell

CANONICAL = [
    # English (US, GB, CA, AU)
    pytest.param("10 Downing Street", "10 downing st", id="gb-street"),
    pytest.param("10 DOWNING ST.", "10 downing st", id="gb-st-upper"),
    pytest.param("221B Baker Street", "221b baker st", id="gb-number-suffix"),
    pytest.param("500 Market Street, Apt. #4", "500 market st apt 4", id="us-apt-hash"),
    pytest.param("500 Market St #4", "500 market st apt 4", id="us-hash-unit"),
    pytest.param("500 Market St Apt4", "500 market st apt 4", id="us-glued-unit"),
    pytest.param("500 Market St, Unit 4", "500 market st apt 4", id="us-unit"),
    pytest.param("500 Market St, Flat 4", "500 market st apt 4", id="gb-flat"),
    pytest.param("1 Main St Suite #200", "1 main st ste 200", id="us-suite-hash"),
    pytest.param("1 Main St Ste 200", "1 main st ste 200", id="us-ste-is-suite"),
    pytest.param("1 Main St, 3rd Floor", "1 main st 3rd fl", id="us-floor"),
    pytest.param("1 Main St Bldg 2", "1 main st bldg 2", id="us-building"),
    pytest.param("1600 Pennsylvania Ave. N.W.", "1600 pennsylvania av nw", id="us-dotted-nw"),
    pytest.param("1600 pennsylvania avenue northwest", "1600 pennsylvania av nw", id="us-nw"),
    pytest.param("100 Main St N", "100 main st n", id="us-st-before-direction"),
    pytest.param("100 North Main Street", "100 n main st", id="us-north"),
    pytest.param("12 Oak Dr", "12 oak dr", id="us-drive"),
    pytest.param("12 Oak Drive Apt 4", "12 oak dr apt 4", id="us-drive-apt"),
    pytest.param(
        "12 Dr Martin Luther King Jr Blvd",
        "12 doctor martin luther king jr bd",
        id="us-dr-is-doctor",
    ),
    pytest.param("St James Street", "saint james st", id="gb-st-is-saint"),
    pytest.param("100 St. James St.", "100 saint james st", id="gb-saint-after-number"),
    pytest.param("5 Elm Road", "5 elm rd", id="gb-road"),
    pytest.param("5 Elm Lane", "5 elm ln", id="gb-lane"),
    pytest.param("5 Elm Court", "5 elm ct", id="gb-court"),
    pytest.param("5 Elm Place", "5 elm pl", id="gb-place"),
    pytest.param("5 Russell Square", "5 russell sq", id="gb-square"),
    pytest.param("5 Royal Terrace", "5 royal terr", id="gb-terrace"),
    pytest.param("5 Royal Crescent", "5 royal cres", id="gb-crescent"),
    pytest.param("5 Pacific Highway", "5 pacific hwy", id="au-highway"),
    pytest.param("5 Garden State Parkway", "5 garden state pkwy", id="us-parkway"),
    pytest.param("5 Sunset Boulevard", "5 sunset bd", id="us-boulevard"),
    pytest.param("First Avenue", "1st av", id="us-ordinal-word"),
    pytest.param("1st Ave", "1st av", id="us-ordinal-digits"),
    pytest.param("P.O. Box 123", "po box 123", id="us-po-box-dotted"),
    pytest.param("Post Office Box 123", "po box 123", id="us-post-office-box"),
    pytest.param("No. 5 Main Street", "5 main st", id="no-before-number"),
    pytest.param("5 Main Str", "5 main st", id="en-str-is-street"),
    pytest.param("O'Connell Street", "o connell st", id="ie-apostrophe"),
    # French (FR, BE, CH, CA)
    pytest.param("12, Rue de l'Église", "12 rue de l eglise", id="fr-rue-apostrophe"),
    pytest.param("12 r. de l eglise", "12 rue de l eglise", id="fr-r-dot"),
    pytest.param("12-14 Avenue des Champs-Élysées", "12-14 av des champs elysees", id="fr-range"),
    pytest.param("3 Boulevard Haussmann", "3 bd haussmann", id="fr-boulevard"),
    pytest.param("3 Bd. Haussmann", "3 bd haussmann", id="fr-bd"),
    pytest.param("3 Bld Haussmann", "3 bd haussmann", id="fr-bld"),
    pytest.param("12bis rue Victor Hugo", "12bis rue victor hugo", id="fr-bis-joined"),
    pytest.param("12 bis rue Victor Hugo", "12bis rue victor hugo", id="fr-bis-apart"),
    pytest.param("7 ter Allée des Tilleuls", "7ter all des tilleuls", id="fr-ter-allee"),
    pytest.param("Chemin des Vignes", "ch des vignes", id="fr-chemin"),
    pytest.param("2 Impasse du Moulin", "2 imp du moulin", id="fr-impasse"),
    pytest.param("Route de Lyon", "rte de lyon", id="fr-route"),
    pytest.param("4 Quai d'Orsay", "4 quai d orsay", id="fr-quai"),
    pytest.param("Rue du Faubourg Saint-Antoine", "rue du fbg saint antoine", id="fr-faubourg"),
    pytest.param("Rue du Fbg St Antoine", "rue du fbg saint antoine", id="fr-fbg-st"),
    pytest.param("Rue Ste Catherine", "rue sainte catherine", id="fr-ste-is-sainte"),
    pytest.param("Bâtiment B, Appartement 12", "bat b apt 12", id="fr-batiment-appartement"),
    pytest.param("3e étage", "3e etg", id="fr-etage"),
    pytest.param("n° 12 rue de la Paix", "12 rue de la paix", id="fr-numero-sign"),
    pytest.param("Place de la Concorde", "pl de la concorde", id="fr-place"),
    # German, Austrian, Swiss
    pytest.param("Hauptstraße 5", "hauptstr 5", id="de-joined-strasse"),
    pytest.param("Haupt-Strasse 5", "hauptstr 5", id="de-hyphen-strasse"),
    pytest.param("HAUPTSTR. 5", "hauptstr 5", id="de-str-dot"),
    pytest.param("Berliner Straße 12", "berliner str 12", id="de-separate-strasse"),
    pytest.param("Berliner Str. 12", "berliner str 12", id="de-separate-str"),
    pytest.param("Marktplatz 1", "marktpl 1", id="de-joined-platz"),
    pytest.param("Marktpl. 1", "marktpl 1", id="de-joined-pl"),
    pytest.param("Karl-Marx-Allee 5", "karl marx all 5", id="de-allee"),
    pytest.param("Mariahilfer Gasse 3", "mariahilfer gasse 3", id="at-gasse"),
    pytest.param("Nr. 5 Hauptstr", "5 hauptstr", id="de-nr"),
    # Spanish (ES, MX, CO)
    pytest.param("Calle Mayor 10", "calle mayor 10", id="es-calle"),
    pytest.param("C/ Mayor 10", "calle mayor 10", id="es-c-slash"),
    pytest.param("Avda. de la Constitución 3", "av de la constitucion 3", id="es-avda"),
    pytest.param("Plaza Mayor 1", "pl mayor 1", id="es-plaza"),
    pytest.param("Pza. Mayor 1", "pl mayor 1", id="es-pza"),
    pytest.param("Pº de la Castellana 5", "paseo de la castellana 5", id="es-paseo-ordinal"),
    pytest.param("Paseo de la Reforma 222", "paseo de la reforma 222", id="mx-paseo"),
    pytest.param("Carrera 7 # 32-16", "cra 7 32-16", id="co-carrera-numero"),
    pytest.param("Cra 7 No. 32-16", "cra 7 32-16", id="co-cra-no"),
    pytest.param("Calle Mayor 10, Piso 2, Puerta 3", "calle mayor 10 piso 2 pta 3", id="es-piso"),
    # Italian, Portuguese, Dutch
    pytest.param("Via Roma 1", "via roma 1", id="it-via"),
    pytest.param("V. Roma 1", "via roma 1", id="it-v-dot"),
    pytest.param("Viale Europa 3", "viale europa 3", id="it-viale"),
    pytest.param("V.le Europa 3", "viale europa 3", id="it-v.le"),
    pytest.param("Piazza Navona 2", "pl navona 2", id="it-piazza"),
    pytest.param("P.za Navona 2", "pl navona 2", id="it-p.za"),
    pytest.param("P.zza Navona 2", "pl navona 2", id="it-p.zza"),
    pytest.param("C.so Vittorio Emanuele 5", "corso vittorio emanuele 5", id="it-c.so"),
    pytest.param("Rua Augusta 10", "rue augusta 10", id="pt-rua"),
    pytest.param("R. Augusta 10", "rue augusta 10", id="pt-r-dot"),
    pytest.param("Avenida da Liberdade 100", "av da liberdade 100", id="pt-avenida"),
    pytest.param("Praça do Comércio 1", "pl do comercio 1", id="pt-praca"),
    pytest.param("Kerkstraat 1", "kerkstr 1", id="nl-straat"),
    pytest.param("Kerkstr. 1", "kerkstr 1", id="nl-str"),
    pytest.param("Keizersgracht 123", "keizersgracht 123", id="nl-gracht"),
    # Other scripts
    pytest.param("ул. Тверская, д. 1", "ул тверская д 1", id="ru-ul"),
    pytest.param("улица Тверская, дом 1", "ул тверская д 1", id="ru-ulitsa"),
    pytest.param("пр-т Мира 5, кв. 12", "пр мира 5 кв 12", id="ru-prospekt-short"),
    pytest.param("Проспект Мира 5, квартира 12", "пр мира 5 кв 12", id="ru-prospekt"),
    pytest.param("вулиця Хрещатик 22", "вул хрещатик 22", id="uk-vulytsia"),
    pytest.param("Οδός Αιόλου 10", "οδ αιόλου 10", id="el-odos"),
    pytest.param("Λεωφόρος Κηφισίας 5", "λεωφ κηφισίασ 5", id="el-leoforos"),
    pytest.param("شارع الملك فهد ١٢", "شارع الملك فهد 12", id="ar-arabic-digits"),
    pytest.param("شـارع الملك فهد 12", "شارع الملك فهد 12", id="ar-tatweel"),
    pytest.param("北京市朝阳区建国路 1号", "北京市朝阳区建国路 1号", id="zh-beijing"),
    pytest.param("北京市朝阳区建国路１号", "北京市朝阳区建国路1号", id="zh-fullwidth-digit"),
    pytest.param("东京都千代田区", "东京都千代田区", id="ja-tokyo"),
    pytest.param("मुख्य मार्ग 5", "मुख्य मार्ग 5", id="hi-marg"),
    pytest.param("१२ गांधी मार्ग", "12 गांधी मार्ग", id="hi-devanagari-digits"),
]

SAME = [
    pytest.param(
        ["500 Market Street, Apt. #4", "500 MARKET ST APT 4", "500 market st apartment 4"],
        id="us-market",
    ),
    pytest.param(["12, Rue de l'Église", "12 RUE DE L'EGLISE", "12 r de l eglise"], id="fr-rue"),
    pytest.param(["Hauptstraße 5", "Hauptstr. 5", "Haupt-Strasse 5", "HAUPTSTRASSE 5"], id="de"),
    pytest.param(["Calle Mayor 10", "C/ Mayor 10", "calle mayor, 10"], id="es-calle"),
    pytest.param(["P.O. Box 123", "PO Box 123", "po box 123", "POBox 123"], id="po-box"),
    pytest.param(["ул. Тверская 1", "УЛ. ТВЕРСКАЯ, 1", "улица Тверская 1"], id="ru"),
    pytest.param(["شارع الشيخ زايد", " شارع  الشيخ زايد "], id="ar"),
]

DIFFERENT = [
    pytest.param("10 Downing Street", "12 Downing Street", id="house-number"),
    pytest.param("12a Rue Victor Hugo", "12b Rue Victor Hugo", id="number-suffix"),
    pytest.param("12bis rue Victor Hugo", "12 rue Victor Hugo", id="bis"),
    pytest.param("12-14 Rue X", "12 Rue X", id="range"),
    pytest.param("500 Market St Apt 4", "500 Market St Apt 5", id="apartment"),
    pytest.param("1 Main Street", "1 Main Road", id="street-vs-road"),
    pytest.param("1 Main Street North", "1 Main Street South", id="direction"),
    pytest.param("ул. Тверская 1", "ул. Тверская 2", id="ru-number"),
]

REJECTED = [
    pytest.param("n/a", "placeholder", id="n/a"),
    pytest.param("N.A.", "placeholder", id="n.a."),
    pytest.param("unknown", "placeholder", id="unknown"),
    pytest.param("No address", "placeholder", id="no-address"),
    pytest.param("Adresse inconnue", "placeholder", id="fr-unknown"),
    pytest.param("-", "placeholder", id="dash"),
    pytest.param("xxx", "placeholder", id="xxx"),
    pytest.param("!?", "invalid_syntax", id="no-alnum"),
    pytest.param("#", "invalid_syntax", id="hash-alone"),
    pytest.param(True, "unsupported_type", id="bool"),
    pytest.param(math.inf, "invalid_syntax", id="infinite-float"),
]


@pytest.mark.parametrize(("raw", "expected"), CANONICAL)
def test_canonical_form(raw: str, expected: str) -> None:
    """The canonical line, in its script."""
    assert gr.normalize.address(raw) == expected


@pytest.mark.parametrize("spellings", SAME)
def test_spellings_of_one_address_meet(spellings: list[str]) -> None:
    """Every spelling gives the same canonical line."""
    out = {s: gr.normalize.address(s) for s in spellings}
    assert len(set(out.values())) == 1, out
    assert next(iter(out.values())) is not None


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_addresses_stay_apart(a: str, b: str) -> None:
    """Different numbers, suffixes, units, street types or directions give different lines."""
    assert gr.normalize.address(a) != gr.normalize.address(b)


@pytest.mark.parametrize(("raw", "reason"), REJECTED)
def test_rejections(raw: object, reason: str) -> None:
    """Junk lines give None with a reason."""
    assert gr.normalize.address(raw) is None
    with pytest.raises(gr.NormalizationError) as info:
        gr.normalize.address(raw, errors="raise")
    assert info.value.reason == reason


@pytest.mark.parametrize("raw", [None, "", "   ", math.nan])
def test_missing_is_none_even_when_raising(raw: object) -> None:
    """An empty cell is not an error."""
    assert gr.normalize.address(raw, errors="raise") is None


def test_canonical_words_are_fixpoints() -> None:
    """A canonical word never maps to another: canonical lines read back as themselves."""
    for canonical in (*WORDS.values(), *LEADING.values()):
        assert WORDS.get(canonical, canonical) == canonical


_STREET_TYPES = [
    ("Street", "St."),
    ("Street", "ST"),
    ("Avenue", "Ave"),
    ("Avenue", "Av."),
    ("Road", "Rd"),
    ("Boulevard", "Blvd"),
    ("Drive", "Dr."),
    ("Lane", "Ln"),
    ("Court", "Ct"),
    ("Place", "Pl."),
    ("Square", "Sq"),
    ("Terrace", "Terr"),
    ("Highway", "Hwy"),
    ("Parkway", "Pkwy"),
]
_UNITS = [
    ("Apartment", "Apt."),
    ("Apartment", "#"),
    ("Flat", "Apt"),
    ("Suite", "Ste"),
    ("Floor", "Fl"),
]
_NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=10).filter(
    lambda w: w not in WORDS and w not in {"box", "bis", "ter", "quater", "no", "nr", "num", "nro"}
)


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 9999), _NAME, st.sampled_from(_STREET_TYPES), st.integers(1, 99))
def test_street_type_variants_meet(
    number: int, street: str, variants: tuple[str, str], unit: int
) -> None:
    """Two spellings differing only by a street-type variant give the same line."""
    long, short = variants
    a = gr.normalize.address(f"{number} {street} {long} Apt {unit}")
    b = gr.normalize.address(f"{number} {street.upper()} {short} #{unit}")
    assert a == b
    assert a is not None
    assert a.startswith(f"{number} ")


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 9999), _NAME, st.sampled_from(_UNITS), st.integers(1, 99))
def test_unit_variants_meet(number: int, street: str, variants: tuple[str, str], unit: int) -> None:
    """Two spellings differing only by a unit-designator variant give the same line."""
    long, short = variants
    assert gr.normalize.address(f"{number} {street} Road {long} {unit}") == (
        gr.normalize.address(f"{number} {street} Rd, {short}{unit}")
    )


_ANY_CELL = st.one_of(
    st.text(max_size=40),
    st.lists(
        st.sampled_from(sorted({*WORDS, *WORDS.values(), *LEADING, "st", "ste", "dr", "12", "#"})),
        max_size=6,
    ).map(" ".join),
    st.integers(),
    st.floats(),
    st.none(),
    st.booleans(),
    st.dates(),
)


@settings(max_examples=200, deadline=None)
@given(_ANY_CELL)
def test_never_raises_and_is_idempotent(x: object) -> None:
    """Any cell gives a line or None; a canonical line reads back as itself."""
    out = gr.normalize.address(x)
    if out is not None:
        assert gr.normalize.address(out) == out


@settings(max_examples=150, deadline=None)
@given(_ANY_CELL, st.text(" \t\n", max_size=3))
def test_case_and_surrounding_space_do_not_matter(x: object, pad: str) -> None:
    """Upper case and white space around a line give the same result."""
    if isinstance(x, str):
        assert gr.normalize.address(f"{pad}{x.upper()}{pad}") == gr.normalize.address(x.lower())


@settings(max_examples=150, deadline=None)
@given(_ANY_CELL)
@example(b"\x1c")  # blank once decoded, as the normalizer reads bytes
@example("\x85".encode())
def test_raise_exactly_when_rejected_and_never_echo(x: object) -> None:
    """errors="raise" raises exactly when the default gives None for a non-missing cell."""
    out = gr.normalize.address(x)
    if out is None and not is_missing_cell(x):
        with pytest.raises(gr.NormalizationError) as info:
            gr.normalize.address(x, errors="raise")
        # The message is the kind and the reason, nothing of the value.
        assert str(info.value) == f"address rejected: {info.value.reason}"
    else:
        assert gr.normalize.address(x, errors="raise") == out
