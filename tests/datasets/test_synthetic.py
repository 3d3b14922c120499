"""The synthetic customer generator: deterministic, complete truth, and every hard case present."""

from __future__ import annotations

import collections
import re
import subprocess
import sys
import unicodedata
from importlib.resources import files
from pathlib import Path

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goldenrecord as gr
from goldenrecord import datasets
from goldenrecord.datasets import CustomerTable, _pools, _table, synthetic_customers

LABEL_TO_CODE = {label: c.code for c in _pools.COUNTRIES for label in c.labels}


@pytest.fixture(scope="module")
def table() -> CustomerTable:
    return synthetic_customers(3_000, seed=11)


@pytest.fixture(scope="module")
def big() -> CustomerTable:
    return synthetic_customers(20_000, seed=3)


@pytest.fixture(scope="module")
def clean() -> CustomerTable:
    return synthetic_customers(2_000, seed=5, noise=0)


def _by_person(t: CustomerTable) -> dict[str, list[dict[str, str | None]]]:
    out: dict[str, list[dict[str, str | None]]] = collections.defaultdict(list)
    for row in t.records():
        out[str(row["person_id"])].append(row)
    return out


def _digits(phone: str | None) -> str:
    return re.sub(r"\D", "", phone or "")[-8:]


# ------------------------------------------------------------------ determinism and shape


def test_same_seed_same_table_other_seed_other_table() -> None:
    """A seed fixes the table completely; another seed changes it."""
    a = synthetic_customers(400, seed=3)
    assert a == synthetic_customers(400, seed=3)
    assert a.columns != synthetic_customers(400, seed=4).columns


def test_countries_order_does_not_matter() -> None:
    """countries is a set: its order and case do not change the table."""
    assert synthetic_customers(100, 1, countries=["fr", "CN"]) == synthetic_customers(
        100, 1, countries=["CN", "FR"]
    )


def test_independent_of_hash_seed(tmp_path: Path) -> None:
    """Two interpreters with different hash seeds write identical CSV bytes."""
    code = (
        "import sys; from goldenrecord.datasets import synthetic_customers;"
        "synthetic_customers(300, seed=9).write_csv(sys.argv[1])"
    )
    outputs = []
    for hash_seed in ("1", "987"):
        path = tmp_path / f"t{hash_seed}.csv"
        env = {"PYTHONHASHSEED": hash_seed, "PATH": ""}
        subprocess.run([sys.executable, "-c", code, str(path)], check=True, env=env)
        outputs.append(path.read_bytes())
    assert outputs[0] == outputs[1]
    local = tmp_path / "local.csv"
    synthetic_customers(300, seed=9).write_csv(local)
    assert local.read_bytes() == outputs[0]


def test_truth_covers_every_record_and_ids_are_unique(table: CustomerTable) -> None:
    """Every record has a unique id and a person in the truth; the truth matches the column."""
    ids = table.columns["record_id"]
    assert len(set(ids)) == len(ids) == len(table)
    assert table.truth == dict(zip(ids, table.columns["person_id"], strict=True))
    assert len(set(table.truth.values())) == 3_000


def test_cells_are_non_empty_strings_or_none(table: CustomerTable) -> None:
    """Every cell is a non-empty str or None (an empty string would not survive CSV)."""
    for name, cells in table.columns.items():
        assert len(cells) == len(table), name
        assert all(c is None or (isinstance(c, str) and c != "") for c in cells), name


def test_record_ids_name_their_source(table: CustomerTable) -> None:
    """Ids look like shop-000123 and carry the record's source."""
    for rid, source in zip(table.columns["record_id"], table.columns["source"], strict=True):
        assert re.fullmatch(rf"{source}-\d{{6,}}", str(rid))


def test_every_source_appears_with_its_own_columns(table: CustomerTable) -> None:
    """All six sources appear; each fills the columns it has and leaves the others empty."""
    assert set(table.counts()) == set(datasets.SOURCES)
    filled: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for row in table.records():
        for name, value in row.items():
            if value is not None:
                filled[str(row["source"])][name] += 1
    assert filled["crm"]["date_of_birth"]
    assert filled["crm"]["customer_number"]
    assert filled["pos"]["customer_number"]
    assert not filled["pos"]["address"]
    assert filled["whatsapp"]["full_name"]
    assert not filled["whatsapp"]["email"]
    assert not filled["whatsapp"]["first_name"]
    assert filled["newsletter"]["email"]
    assert not filled["newsletter"]["phone"]
    assert not filled["shop"]["customer_number"]


def test_records_per_person_are_long_tailed(table: CustomerTable) -> None:
    """About 2.0-2.6 records per person: many with one or two, a few with ten or more."""
    sizes = collections.Counter(table.truth.values())
    assert 2.0 <= len(table) / len(sizes) <= 2.6
    counts = collections.Counter(sizes.values())
    assert counts[1] > counts[2] > counts[4]
    assert max(sizes.values()) >= 10


def test_some_people_repeat_a_source(table: CustomerTable) -> None:
    """Repeat orders: people with several records in one source."""
    pairs = collections.Counter(
        (p, s) for p, s in zip(table.columns["person_id"], table.columns["source"], strict=True)
    )
    assert sum(1 for n in pairs.values() if n >= 2) > 100


# ------------------------------------------------------------------ hard cases


def test_households_share_phone_family_name_and_address(table: CustomerTable) -> None:
    """Different people with the same landline and family name exist (households)."""
    people: dict[tuple[str, str], set[str]] = collections.defaultdict(set)
    for row in table.records():
        if row["phone"] and row["last_name"] and row["source"] in ("crm", "shop", "pos"):
            key = (_digits(row["phone"]), str(row["last_name"]).lower())
            people[key].add(str(row["person_id"]))
    assert sum(1 for ps in people.values() if len(ps) >= 2) >= 10


def test_twins_share_date_of_birth_and_family_name(big: CustomerTable) -> None:
    """Twins: two people, one family name, the same date of birth."""
    seen: dict[tuple[tuple[str, ...], str], set[str]] = collections.defaultdict(set)
    for row in big.records():
        if row["date_of_birth"] and row["last_name"]:
            day = tuple(sorted(re.findall(r"\d+", row["date_of_birth"])))
            seen[(day, row["last_name"].lower())].add(str(row["person_id"]))
    assert any(len(ps) >= 2 for ps in seen.values())


def test_namesakes_are_different_people(table: CustomerTable) -> None:
    """Common names (Mohammed Ali, Wang Wei, John Smith) are carried by several people."""
    forms = {
        "John Smith": {("john", "smith")},
        "Wang Wei": {("wei", "wang"), ("wang", "wei"), ("伟", "王")},
        "Mohammed Ali": {("mohammed", "ali"), ("muhammad", "ali"), ("محمد", "علي")},
    }
    for name, spellings in forms.items():
        people = {
            row["person_id"]
            for row in table.records()
            if (str(row["first_name"]).lower(), str(row["last_name"]).lower()) in spellings
        }
        assert len(people) >= 2, name


def test_shared_inboxes_and_shop_phones_glue_strangers(table: CustomerTable) -> None:
    """A business inbox is used by several people; the shop's phone sits on many pos records."""
    by_email: dict[str, set[str]] = collections.defaultdict(set)
    by_pos_phone: dict[str, set[str]] = collections.defaultdict(set)
    for row in table.records():
        if row["email"] and re.match(r"(info|contact|kontakt|contacto|contato)@", row["email"]):
            by_email[row["email"].lower()].add(str(row["person_id"]))
        if row["source"] == "pos" and row["phone"]:
            by_pos_phone[_digits(row["phone"])].add(str(row["person_id"]))
    assert any(len(ps) >= 2 for ps in by_email.values())
    assert max(len(ps) for ps in by_pos_phone.values()) >= 5


def test_consent_withdrawals(table: CustomerTable) -> None:
    """Some people say yes in one record and no in a later one."""
    withdrawn = 0
    for rows in _by_person(table).values():
        rows.sort(key=lambda r: str(r["updated_at"]))
        said = [r["consent_marketing_email"] for r in rows if r["consent_marketing_email"]]
        if "yes" in said and "no" in said[said.index("yes") :]:
            withdrawn += 1
    assert withdrawn >= 20
    assert set(table.columns["consent_profiling"]) == {"yes", "no", "unknown", None}


def test_movers_change_postcode(table: CustomerTable) -> None:
    """Some people have records with different postcodes over time."""
    movers = 0
    for rows in _by_person(table).values():
        codes = {re.sub(r"\W", "", str(r["postcode"])).upper() for r in rows if r["postcode"]}
        movers += len(codes) >= 2
    assert movers >= 20


def test_scripts_present(table: CustomerTable) -> None:
    """Arabic, Han, Cyrillic, Greek and Devanagari names and addresses all occur."""
    text = "".join(
        v
        for name in ("first_name", "last_name", "full_name", "city")
        for v in table.columns[name]
        if v
    )
    scripts = {unicodedata.name(ch, "?").split()[0] for ch in text if ord(ch) > 0x2FF}
    assert {"ARABIC", "CJK", "CYRILLIC", "GREEK", "DEVANAGARI"} <= scripts


def test_names_appear_in_native_and_latin_spellings(table: CustomerTable) -> None:
    """One Arabic name is written in Arabic and in several Latin spellings."""
    firsts = set(table.columns["first_name"])
    assert {"محمد", "Mohammed", "Muhammad"} <= firsts or {"محمد", "Mohammed", "Mohamed"} <= firsts
    assert {"Елена", "Elena"} <= firsts


def test_noise_present_at_default_and_absent_at_zero(
    table: CustomerTable, clean: CustomerTable
) -> None:
    """Placeholders, gmail tags and float-like phones appear with noise, never without."""
    junk = {"test@test.com", "000-000-0000", "n/a"}
    noisy_cells = {v for cells in table.columns.values() for v in cells}
    clean_cells = {v for cells in clean.columns.values() for v in cells}
    assert junk <= noisy_cells
    assert not junk & clean_cells
    assert any(e and "+" in e for e in table.columns["email"])
    assert not any(e and "+" in e for e in clean.columns["email"])
    assert any(p and p.endswith(".0") for p in table.columns["phone"])


# ------------------------------------------------------------------ valid values


def test_every_pool_prefix_gives_valid_numbers() -> None:
    """Each mobile and landline prefix, completed the generator's way, is a valid number."""
    for country in _pools.COUNTRIES:
        plans = [(p, country.mobile_length) for p in country.mobiles]
        for city in country.cities:
            plans += [(p, country.mobile_length) for p in city.mobiles]
            for token in city.landlines:
                prefix, _, size = token.partition(":")
                plans.append((prefix, int(size) if size else country.fixed_length))
        for prefix, length in plans:
            for first in "29":
                for fill in "0579":
                    nsn = prefix + first + fill * (length - len(prefix) - 1)
                    number = phonenumbers.parse(f"+{country.calling_code}{nsn}")
                    assert phonenumbers.is_valid_number(number), (country.code, nsn)
                    assert phonenumbers.region_code_for_number(number) == country.code


def test_clean_phones_are_valid_for_the_records_country(clean: CustomerTable) -> None:
    """Without noise, every phone parses as a valid number with the record's own country."""
    checked = 0
    for phone, label in zip(clean.columns["phone"], clean.columns["country"], strict=True):
        if phone is None:
            continue
        region = LABEL_TO_CODE[label] if label else None
        number = phonenumbers.parse(phone, region)
        assert phonenumbers.is_valid_number(number), (phone, label)
        checked += 1
    assert checked > 2_000


def test_clean_dates_and_postcodes_follow_country_formats(clean: CustomerTable) -> None:
    """Without noise, dates of birth read back in the country's order, postcodes look right."""
    formats = {
        "US": r"\d{1,2}/\d{1,2}/\d{4}",
        "DE": r"\d{1,2}\.\d{1,2}\.\d{4}",
        "CN": r"\d{4}(年\d{1,2}月\d{1,2}日|/\d{1,2}/\d{1,2})",
        "GB": r"\d{1,2}/\d{1,2}/\d{4}",
    }
    postcodes = {
        "GB": r"[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}",
        "NL": r"\d{4} [A-Z]{2}",
        "BR": r"\d{5}-\d{3}",
        "US": r"\d{5}",
    }
    for row in clean.records():
        code = LABEL_TO_CODE.get(str(row["country"]))
        dob, postcode = row["date_of_birth"], row["postcode"]
        if dob and code in formats and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", dob):
            assert re.fullmatch(formats[code], dob), (code, dob)
        if postcode and code in postcodes:
            assert re.fullmatch(postcodes[code], postcode), (code, postcode)


# ------------------------------------------------------------------ sample and exports


def test_shipped_sample_is_what_the_generator_makes_today(tmp_path: Path) -> None:
    """The packaged CSV equals a fresh run with the sample's seed, byte for byte."""
    fresh = synthetic_customers(_table.SAMPLE_PEOPLE, seed=_table.SAMPLE_SEED)
    path = tmp_path / "sample.csv"
    fresh.write_csv(path)
    shipped = files("goldenrecord.datasets").joinpath("data").joinpath(_table.SAMPLE_FILE)
    assert shipped.read_bytes() == path.read_bytes()
    assert datasets.load_sample() == fresh
    assert 550 <= len(fresh) <= 650


def test_schema_and_consent_columns(table: CustomerTable) -> None:
    """The table describes itself as a valid goldenrecord Schema."""
    schema = table.schema()
    assert isinstance(schema, gr.Schema)
    assert set(table.schema_fields.values()) <= set(gr.FIELD_KINDS)
    assert table.consent_columns == {
        "marketing_email": "consent_marketing_email",
        "profiling": "consent_profiling",
    }
    schema.check_columns(table.column_names)
    assert "person_id" not in table.schema_fields


def test_repr_shows_counts_not_values() -> None:
    t = synthetic_customers(30, seed=2)
    assert (
        repr(t)
        == f"CustomerTable({len(t)} records, 30 people, {len(t.counts())} sources, 17 columns)"
    )


def test_frames_have_the_tables_shape(table: CustomerTable) -> None:
    """pandas, polars and Arrow exports keep every row, column and missing value."""
    shape = (len(table), len(table.column_names))
    frame = table.to_pandas()
    assert frame.shape == shape
    assert list(frame.columns) == list(table.column_names)
    assert frame["date_of_birth"].isna().sum() == table.columns["date_of_birth"].count(None)
    assert table.to_polars().shape == shape
    arrow = table.to_arrow()
    assert (arrow.num_rows, arrow.num_columns) == shape
    assert arrow.column("email").null_count == table.columns["email"].count(None)


@pytest.mark.parametrize(
    ("method", "module", "extra"),
    [
        ("to_pandas", "pandas", "pandas"),
        ("to_polars", "polars", "polars"),
        ("to_arrow", "pyarrow", "arrow"),
    ],
)
def test_missing_frame_library_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, method: str, module: str, extra: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(ImportError, match=re.escape(f"goldenrecord[{extra}]")):
        getattr(synthetic_customers(5), method)()


def test_subsets_of_countries_and_sources() -> None:
    """countries and sources restrict the people and the records."""
    t = synthetic_customers(300, 1, countries=["GR", "CN"], sources=["crm", "whatsapp"], noise=0)
    assert set(t.columns["source"]) == {"crm", "whatsapp"}
    assert {LABEL_TO_CODE[c] for c in t.columns["country"] if c} == {"GR", "CN"}


# ------------------------------------------------------------------ arguments


@pytest.mark.parametrize(
    ("kwargs", "option"),
    [
        ({"n_people": 0}, "n_people"),
        ({"n_people": 2.5}, "n_people"),
        ({"n_people": True}, "n_people"),
        ({"seed": -1}, "seed"),
        ({"seed": "7"}, "seed"),
        ({"noise": -0.1}, "noise"),
        ({"noise": float("nan")}, "noise"),
        ({"noise": 11}, "noise"),
        ({"countries": ["FR", "XX"]}, "countries"),
        ({"countries": "FR"}, "countries"),
        ({"countries": []}, "countries"),
        ({"sources": ["fax"]}, "sources"),
    ],
)
def test_bad_arguments_raise_settings_error_naming_the_option(
    kwargs: dict[str, object], option: str
) -> None:
    args: dict[str, object] = {"n_people": 10, **kwargs}
    with pytest.raises(gr.SettingsError, match=option):
        synthetic_customers(**args)  # type: ignore[arg-type]


def test_all_problems_reported_at_once() -> None:
    with pytest.raises(gr.SettingsError) as info:
        synthetic_customers(0, seed=-1, noise=-1)
    assert all(word in str(info.value) for word in ("n_people", "seed", "noise"))


@settings(max_examples=15, deadline=None)
@given(n=st.integers(1, 40), seed=st.integers(0, 2**63), noise=st.floats(0, 10))
def test_any_arguments_give_a_complete_table(n: int, seed: int, noise: float) -> None:
    """Any valid arguments: n people, each with at least one record, unique ids, str cells."""
    t = synthetic_customers(n, seed, noise=noise)
    assert len(set(t.truth.values())) == n
    assert len(set(t.columns["record_id"])) == len(t)
    assert all(
        c is None or (isinstance(c, str) and c) for cells in t.columns.values() for c in cells
    )
