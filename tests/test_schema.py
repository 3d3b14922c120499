"""Schema: kinds, validation that reports every problem, JSON round trip, inference."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goldenrecord as gr
from goldenrecord.schema import FIELD_KINDS, Schema


def test_design_example_builds() -> None:
    """The schema of DESIGN.md is valid as written."""
    schema = Schema(
        id="record_id",
        source="source",
        updated_at="updated_at",
        fields={
            "email": "email",
            "mobile": "phone",
            "first": "given_name",
            "last": "family_name",
            "dob": "date",
            "zip": "postcode",
        },
        consent={"marketing_email": "optin_email", "profiling": "optin_profiling"},
    )
    assert schema.columns_of("phone") == ["mobile"]
    assert schema.required_columns[:3] == ["record_id", "source", "updated_at"]
    assert "optin_profiling" in schema.required_columns


def test_every_problem_is_reported_at_once() -> None:
    """Two mistakes give one error naming both, with the accepted kinds."""
    with pytest.raises(gr.SettingsError) as info:
        Schema(id="id", fields={"mail": "e-mail", "tel": "telephone"}, default_region="XX")
    message = str(info.value)
    assert "'mail' has unknown kind 'e-mail'" in message
    assert "'tel' has unknown kind 'telephone'" in message
    assert ", ".join(FIELD_KINDS) in message
    assert "default_region 'XX'" in message


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"id": ""}, "id must name"),
        ({"id": "id", "fields": {"id": "identifier"}}, "'id' is the id column"),
        ({"id": "id", "source": "src", "fields": {"src": "text"}}, "source column"),
        ({"id": "id", "fields": {"a": "email"}, "consent": {"p": "a"}}, "consent column 'a'"),
    ],
)
def test_column_used_twice_is_refused(kwargs: dict[str, object], fragment: str) -> None:
    """A column cannot play two roles."""
    with pytest.raises(gr.SettingsError, match=fragment):
        Schema(**kwargs)  # type: ignore[arg-type]


def test_json_round_trip_and_version_check() -> None:
    """Schemas round-trip through JSON; other versions and keys are refused by name."""
    s = Schema(id="id", fields={"e": "email"}, default_region="FR", consent={"p": "c"})
    assert Schema.from_json(s.to_json()) == s
    with pytest.raises(gr.SettingsError, match="schema_version 99"):
        Schema.from_dict({"schema_version": 99, "id": "id"})
    with pytest.raises(gr.SettingsError, match=r"unknown schema key.*colour"):
        Schema.from_dict({"id": "id", "colour": "blue"})
    with pytest.raises(gr.SettingsError, match="does not parse"):
        Schema.from_json("{")


def test_check_columns_names_missing_and_available() -> None:
    """Binding to a table names every missing column and what the table has."""
    s = Schema(id="id", fields={"email": "email", "phone": "phone"})
    with pytest.raises(gr.SettingsError, match=r"'phone'.*available: id, email"):
        s.check_columns(["id", "email"])
    s.check_columns(["id", "email", "phone", "extra"])


def test_kind_lookups_name_the_choices() -> None:
    """Asking for an unknown field or kind says what exists."""
    s = Schema(id="id", fields={"email": "email"})
    with pytest.raises(gr.SettingsError, match="fields: email"):
        s.kind_of("phone")
    with pytest.raises(gr.SettingsError, match="choose one of address"):
        s.columns_of("mail")


@pytest.mark.parametrize(
    ("column", "kind"),
    [
        ("email", "email"),
        ("E-mail", "email"),
        ("Courriel", "email"),
        ("email_address", "email"),
        ("work_email", "email"),
        ("phone", "phone"),
        ("Mobile", "phone"),
        ("tel", "phone"),
        ("Téléphone", "phone"),
        ("home_phone", "phone"),
        ("first_name", "given_name"),
        ("FirstName", "given_name"),
        ("given_name", "given_name"),
        ("Prénom", "given_name"),
        ("last_name", "family_name"),
        ("surname", "family_name"),
        ("Nom", "family_name"),
        ("nom_de_famille", "family_name"),
        ("name", "full_name"),
        ("Full Name", "full_name"),
        ("dob", "date"),
        ("birth_date", "date"),
        ("Date de naissance", "date"),
        ("date_naissance", "date"),
        ("zip", "postcode"),
        ("postcode", "postcode"),
        ("Code postal", "postcode"),
        ("postal_code", "postcode"),
        ("address", "address"),
        ("Adresse", "address"),
        ("city", "city"),
        ("Ville", "city"),
        ("country", "country"),
        ("Pays", "country"),
        ("customer_number", "identifier"),
        ("loyalty_id", "identifier"),
    ],
)
def test_infer_kind_from_english_and_french_names(column: str, kind: str) -> None:
    """Column names in English and French map to their kinds."""
    s = Schema.infer({"record_id": ["r1"], column: ["x"]})
    assert dict(s.fields) == {column: kind}
    assert s.inferred[column] == "name"


def test_infer_roles_consent_and_values() -> None:
    """Ids, sources, timestamps and consent columns are found; opaque columns by their values."""
    table = [
        {
            "id": 1,
            "channel": "crm",
            "updated_at": "2024-01-01",
            "optin_email": "yes",
            "c1": "ana@x.io",
            "c2": "+44 20 7946 0958",
            "c3": "1980-03-07",
            "notes": "likes tea",
        },
        {
            "id": 2,
            "channel": "shop",
            "updated_at": "2024-01-02",
            "optin_email": "no",
            "c1": "bo@y.io",
            "c2": "020 7946 0958",
            "c3": "07/03/1980",
            "notes": "?",
        },
        {
            "id": 3,
            "channel": "pos",
            "updated_at": "2024-01-03",
            "optin_email": "",
            "c1": "cy@z.io",
            "c2": "(415) 555-2671",
            "c3": "1975-12-31",
            "notes": "",
        },
    ]
    s = Schema.infer(table, default_region="GB")
    assert (s.id, s.source, s.updated_at) == ("id", "channel", "updated_at")
    assert dict(s.consent) == {"email": "optin_email"}
    assert dict(s.fields) == {"c1": "email", "c2": "phone", "c3": "date"}
    assert dict(s.inferred) == {"c1": "values", "c2": "values", "c3": "values"}
    assert s.default_region == "GB"


def test_infer_without_id_column_says_what_to_do() -> None:
    """No id-like column: a clear error listing the columns."""
    with pytest.raises(gr.SettingsError, match=r"columns: email.*Schema\(id=\.\.\.\)"):
        Schema.infer({"email": ["a@b.io"]})


@pytest.mark.parametrize(
    ("column", "kind"),
    [
        # Places are places, never dates (a birth place is not a date of birth).
        ("birth_place", "city"),
        ("Place of birth", "city"),
        ("Lieu de naissance", "city"),
        ("suburb", "city"),
        ("Town", "city"),
        ("ville", "city"),
        ("ciudad", "city"),
        ("城市", "city"),
        ("出生地", "city"),
        ("home_town", "city"),
        # A person's own numbers are identifiers, never phones.
        ("soc_sec_id", "identifier"),
        ("customer no.", "identifier"),
        ("Loyalty ID", "identifier"),
        ("member number", "identifier"),
        ("Numéro de sécurité sociale", "identifier"),
        ("passport_no", "identifier"),
        # A region is a region; a street number is kept, as text.
        ("state", "region"),
        ("Region", "region"),
        ("province", "region"),
        ("都道府県", "region"),
        ("street_number", "text"),
        ("house no", "text"),
        ("address_2", "text"),
        # Other scripts.
        ("電話", "phone"),
        ("出生日期", "date"),
        ("邮编", "postcode"),
    ],
)
def test_infer_places_ids_regions_and_street_numbers(column: str, kind: str) -> None:
    s = Schema.infer({"record_id": ["r1"], column: ["x"]})
    assert dict(s.fields) == {column: kind}


@pytest.mark.parametrize(
    "column",
    ["gender", "Sex", "Geschlecht", "customer_gender", "occupation", "Profession", "job_title"],
)
def test_infer_keeps_gender_and_occupation_as_text(column: str) -> None:
    """A person's gender or occupation is evidence (two records that differ on it are
    seldom one person): inference keeps it as text instead of leaving it out."""
    assert dict(Schema.infer({"record_id": ["r1"], column: ["x"]}).fields) == {column: "text"}


@pytest.mark.parametrize("column", ["order_id", "person_id", "product_no", "invoice number"])
def test_ids_of_other_things_are_left_out(column: str) -> None:
    """An order's or a product's id says nothing about who a customer is."""
    assert dict(Schema.infer({"record_id": ["r1"], column: ["123"]}).fields) == {}


def test_short_bare_numbers_are_not_taken_for_phones() -> None:
    """Seven-digit numbers under an opaque name are more often ids than phones."""
    table = {"id": ["1", "2", "3", "4"], "c": ["5304218", "4066625", "1234567", "7654321"]}
    assert dict(Schema.infer(table).fields) == {}
    table["c"] = ["4155552671", "02079460018", "0612345678", "4155550000"]
    assert dict(Schema.infer(table).fields) == {"c": "phone"}


def test_infer_warns_when_the_values_contradict_the_name() -> None:
    """A column named phone that holds emails keeps its kind, with a warning."""
    emails = [f"person{i}@example.com" for i in range(20)]
    table = {"id": [str(i) for i in range(20)], "phone": emails}
    with pytest.warns(gr.ResolutionWarning, match="'phone' is mapped as phone") as caught:
        s = Schema.infer(table)
    assert dict(s.fields) == {"phone": "phone"}
    assert caught[0].filename == __file__
    assert not any(e in str(caught[0].message) for e in emails)


def test_infer_on_generated_customers_finds_every_field() -> None:
    """The library's own generator: every field it writes, and no warning."""
    table = gr.datasets.synthetic_customers(300, seed=5)
    s = Schema.infer(table.columns)
    expected = dict(table.schema().fields)
    assert {c: k for c, k in s.fields.items() if c in expected} == expected
    assert "person_id" not in s.fields  # the truth is not evidence
    assert (s.id, s.source, s.updated_at) == ("record_id", "source", "updated_at")


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=8)
    | st.sampled_from(["id", "email", "phone", "GB", "XX", "fields", "consent"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["id", "source", "updated_at", "fields", "default_region", "consent", "e", "x"]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@given(doc=_JSON)
@settings(max_examples=300, deadline=None)
def test_from_json_raises_only_settings_error_on_any_json_value(doc: object) -> None:
    """Any JSON value, however wrong its types at any level, parses to a Schema or raises
    SettingsError; never TypeError, ValueError or anything else."""
    try:
        schema = Schema.from_json(json.dumps(doc))
    except gr.SettingsError:
        return
    assert isinstance(schema, Schema)
    assert Schema.from_json(schema.to_json()) == schema


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"id": "id", "schema_version": ' + "9" * 5000 + "}", "too large"),
        ('{"id": "id", "schema_version": 1e999}', "schema_version"),
        ('{"id": "id", "schema_version": true}', "schema_version"),
        (b'{"id": "\xff\xfe"}', "not UTF-8"),
        ("[1, 2]", "must be an object, not an array"),
        ('"id"', "must be an object, not a string"),
        ('{"id": 5}', "'id' must be a string, not a number"),
        ('{"id": "id", "fields": ["email"]}', "'fields' must be an object"),
        ('{"id": "id", "fields": {"e": ["email"]}}', "'fields' must map strings to strings"),
        ('{"id": "id", "fields": {"e": "emial"}}', "unknown kind"),
        ('{"id": "id", "consent": {"p": 1}}', "'consent' must map strings to strings"),
        ('{"id": "id", "default_region": ["GB"]}', "'default_region' must be a string"),
        ('{"id": "id", "source": {}}', "'source' must be a string or null"),
        ("", "does not parse"),
    ],
)
def test_from_json_junk_is_a_settings_error(text: str | bytes, fragment: str) -> None:
    """Deep nesting, huge numbers, invalid UTF-8, wrong types at every level and unknown
    kinds are all SettingsError, naming the key and the type."""
    with pytest.raises(gr.SettingsError, match=fragment):
        Schema.from_json(text)


def test_from_json_error_does_not_echo_a_huge_version() -> None:
    """A huge integer version is refused without printing its digits."""
    with pytest.raises(gr.SettingsError) as info:
        Schema.from_dict({"id": "id", "schema_version": 10**40})
    assert "1000000000" not in str(info.value)
