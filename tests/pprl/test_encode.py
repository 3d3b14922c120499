"""``gr.pprl.encode``: what an encoded table holds, and what it never holds."""

from __future__ import annotations

import io
import json
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import goldenrecord as gr
from goldenrecord.pprl import BloomParams, EncodingMismatchError

SECRET = "a secret both parties hold, never sent"
SCHEMA = gr.Schema(
    id="id",
    source="src",
    fields={"mail": "email", "first": "given_name", "last": "family_name", "dob": "date"},
    consent={"marketing": "optin"},
)
ROWS = {
    "id": ["1", "2", "3"],
    "src": ["crm", "crm", "shop"],
    "mail": ["ana.lima@gmail.com", "bob.stone@yahoo.com", None],
    "first": ["Ana", "Bob", "محمد"],
    "last": ["Lima", "Stone", "Ali"],
    "dob": ["1980-03-07", "1975-12-01", "1990-01-01"],
    "optin": ["yes", "no", "yes"],
}


def _table(enc: gr.pprl.Encoded) -> dict[str, list[Any]]:
    return dict(enc.table.to_pydict())


def test_the_encoded_table_holds_ids_source_consent_and_encoded_fields_only() -> None:
    enc = gr.pprl.encode(ROWS, SCHEMA, SECRET)
    assert enc.table.column_names == ["id", "src", "optin", "mail", "first", "last", "dob"]
    assert enc.schema.fields == {"mail": "hmac", "first": "bloom", "last": "bloom", "dob": "hmac"}
    assert enc.schema.consent == {"marketing": "optin"}
    cols = _table(enc)
    assert cols["id"] == ROWS["id"]
    assert cols["optin"] == ROWS["optin"]
    assert cols["mail"][2] is None  # missing stays missing
    assert all(len(v.split(".")[1]) == 64 for v in cols["mail"][:2])
    assert all(len(v.split(".")[1]) == 128 for v in cols["first"])  # 512 bits, folded


def test_parameters_travel_in_the_arrow_metadata_and_the_pandas_attrs() -> None:
    enc = gr.pprl.encode(ROWS, SCHEMA, SECRET, key_id="2026-q4")
    meta = json.loads(enc.table.schema.metadata[gr.pprl.METADATA_KEY.encode()])
    assert meta["key_id"] == "2026-q4"
    assert meta["bloom"]["length"] == 1024
    assert meta["salt"] == "date"
    frame = gr.pprl.encode(pd.DataFrame(ROWS), SCHEMA, SECRET, key_id="2026-q4")
    assert isinstance(frame.table, pd.DataFrame)
    assert frame.table.attrs[gr.pprl.METADATA_KEY]["key_id"] == "2026-q4"
    assert "key_id='2026-q4'" in repr(frame)


def test_names_meet_across_scripts_and_spellings_of_one_name_key() -> None:
    rows = {"id": ["1", "2"], "first": ["محمد", "Mohammed"]}
    schema = gr.Schema(id="id", fields={"first": "given_name"})
    first = _table(gr.pprl.encode(rows, schema, SECRET))["first"]
    assert first[0] == first[1]


def test_encoding_is_deterministic_and_keyed() -> None:
    a = _table(gr.pprl.encode(ROWS, SCHEMA, SECRET))
    b = _table(gr.pprl.encode(ROWS, SCHEMA, SECRET))
    c = _table(gr.pprl.encode(ROWS, SCHEMA, SECRET + "!"))
    assert a == b
    assert a["mail"][0] != c["mail"][0]
    assert a["first"][0] != c["first"][0]


def test_the_salt_gives_one_name_unrelated_filters_in_different_years() -> None:
    rows = {"id": ["1", "2"], "first": ["Ana", "Ana"], "dob": ["1980-01-01", "1981-01-01"]}
    schema = gr.Schema(id="id", fields={"first": "given_name", "dob": "date"})
    salted = _table(gr.pprl.encode(rows, schema, SECRET))["first"]
    plain = _table(gr.pprl.encode(rows, schema, SECRET, salt=None))["first"]
    assert salted[0] != salted[1]
    assert plain[0] == plain[1]


def test_streaming_in_chunks_gives_the_same_values() -> None:
    table = pa.table(ROWS)
    whole = _table(gr.pprl.encode(table, SCHEMA, SECRET))
    batches = list(gr.pprl.iter_encode([table.slice(0, 2), table.slice(2)], SCHEMA, SECRET))
    streamed = pa.Table.from_batches(batches).to_pydict()
    assert streamed == whole


@pytest.mark.parametrize(
    ("option", "value"),
    [("names", "clear"), ("exact", "sha256"), ("salt", "nope")],
)
def test_unknown_options_are_settings_errors(option: str, value: str) -> None:
    with pytest.raises(gr.SettingsError, match=option):
        gr.pprl.encode(ROWS, SCHEMA, SECRET, **{option: value})  # type: ignore[arg-type]


def test_bloom_parameters_are_checked() -> None:
    with pytest.raises(gr.SettingsError, match="length"):
        BloomParams(length=1000)
    with pytest.raises(gr.SettingsError, match="hashing"):
        BloomParams(hashing="md5")


def _raw_values(table: dict[str, list[Any]], schema: gr.Schema) -> set[str]:
    """Every raw field value, its words and its normalized forms, as text of 4+ characters
    (three bytes occur by chance in compressed Parquet pages)."""
    from goldenrecord.normalize._column import column

    found: set[str] = set()
    for col, kind in schema.fields.items():
        cells = [v for v in table[col] if isinstance(v, str)]
        found.update(cells)
        found.update(v for v in column(cells, "name_key").values if v)
        norm = column(cells, kind if kind != "phone" else "identifier").values
        found.update(str(v) for v in norm if v is not None)
        found.update(w for v in cells for w in v.split())
    return {v for v in found if len(v) >= 4}


def _outputs(table: pa.Table) -> list[bytes]:
    """The bytes of a table as an Arrow IPC stream, a Parquet file and a CSV."""
    sink = io.BytesIO()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    parquet = io.BytesIO()
    pq.write_table(table, parquet)
    return [sink.getvalue(), parquet.getvalue(), table.to_pandas().to_csv(index=False).encode()]


def _hexlike(value: str) -> bool:
    """Hex digits and punctuation only: such text occurs by chance in hex hashes."""
    return all(c in "0123456789abcdef,.-_/ " for c in value.lower())


def test_no_raw_value_appears_in_any_encoded_output() -> None:
    """Bytes of the Arrow IPC stream, the Parquet file and the CSV of the encoded table
    of generated customers hold none of the input's field values (nor their words, nor
    their normalized forms), beyond what the same files hold with every cell empty (the
    column names and parameters)."""
    data = gr.datasets.synthetic_customers(300, seed=5)
    schema = data.schema()
    frame = data.to_pandas().drop(columns=["person_id"])
    enc = gr.pprl.encode(frame, schema, SECRET)
    fields = pa.Table.from_pandas(enc.table, preserve_index=False).select(list(enc.schema.fields))
    empty = pa.table({c: pa.nulls(len(fields), pa.string()) for c in fields.column_names})
    empty = empty.replace_schema_metadata(fields.schema.metadata)
    outputs, structure = _outputs(fields), _outputs(empty)
    raw = _raw_values({c: frame[c].tolist() for c in frame.columns}, schema)
    assert len(raw) > 1000
    leaked = [
        v
        for v in raw
        if not _hexlike(v)
        and any(v.encode() in out for out in outputs)
        and not any(v.encode() in out for out in structure)
    ]
    assert sorted(leaked) == []


def test_a_raw_value_in_an_encoded_column_is_rejected_not_compared() -> None:
    enc = gr.pprl.encode(ROWS, SCHEMA, SECRET)
    tampered = enc.table.to_pydict()
    tampered["mail"][0] = "ana.lima@gmail.com"
    res = gr.resolve(tampered, enc.schema)
    assert res.report.rejected_values["mail"] == {"not_encoded": 1}


def _link(a: Any, b: Any, schema: gr.Schema) -> gr.Resolution:
    return gr.resolve({"a": a, "b": b}, schema, link_only=True)


def test_a_different_key_id_or_parameters_is_an_error_not_a_silent_zero() -> None:
    a = gr.pprl.encode(ROWS, SCHEMA, SECRET, key_id="2026-q3")
    b = gr.pprl.encode(ROWS, SCHEMA, SECRET, key_id="2026-q4")
    with pytest.raises(EncodingMismatchError, match="key ids or parameters") as err:
        _link(a.table, b.table, a.schema)
    assert "ana" not in str(err.value).lower()
    c = gr.pprl.encode(ROWS, SCHEMA, SECRET, bloom=BloomParams(hashes=12))
    d = gr.pprl.encode(ROWS, SCHEMA, SECRET)
    with pytest.raises(EncodingMismatchError):
        _link(c.table, d.table, c.schema)
    assert issubclass(EncodingMismatchError, gr.SettingsError)
    assert EncodingMismatchError.__module__ == "goldenrecord.pprl"
