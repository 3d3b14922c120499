"""``encode(..., workers=n)``: chunks encoded by worker processes give the same table."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

import goldenrecord as gr
from goldenrecord.pprl import _encode, _pool


@pytest.fixture(scope="module")
def customers() -> tuple[pd.DataFrame, gr.Schema]:
    data = gr.datasets.synthetic_customers(400, seed=9)
    frame = data.to_pandas().drop(columns=["person_id"])
    # a consent column empty in the first rows: a part of only missing values
    frame["consent_profiling"] = frame["consent_profiling"].where(frame.index >= 300, None)
    return frame, data.schema()


def test_workers_give_the_table_one_process_gives(
    customers: tuple[pd.DataFrame, gr.Schema], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several chunks, each cut into parts for two workers (so the date order read from
    the first chunk, the memos of each worker and the reassembly are all exercised):
    the same values, column types and metadata as one process, for Arrow and pandas.
    A consent column empty in a whole chunk (typed null there) no longer stops
    ``encode`` from putting the chunks together."""
    frame, schema = customers
    monkeypatch.setattr(_encode, "CHUNK_ROWS", 400)
    monkeypatch.setattr(_encode, "WORKER_ROWS", 150)
    one = gr.pprl.encode(frame, schema, "a secret both parties hold", salt=None)
    two = gr.pprl.encode(frame, schema, "a secret both parties hold", salt=None, workers=2)
    pd.testing.assert_frame_equal(two.table, one.table)
    assert two.table.attrs == one.table.attrs
    assert two.schema == one.schema
    table = pa.Table.from_pandas(frame, preserve_index=False)
    streamed = list(gr.pprl.iter_encode([table], schema, "a secret both parties hold", workers=2))
    alone = list(gr.pprl.iter_encode([table], schema, "a secret both parties hold"))
    assert len(streamed) == len(alone) == 3
    for got, expected in zip(streamed, alone, strict=True):
        assert got.equals(expected)
        assert got.schema.metadata == expected.schema.metadata


@pytest.mark.parametrize("workers", [0, -2, 1.5, True])
def test_workers_must_be_positive_or_minus_one(workers: object) -> None:
    rows = {"id": ["1"], "mail": ["ana@example.org"]}
    schema = gr.Schema(id="id", fields={"mail": "email"})
    with pytest.raises(gr.SettingsError, match="workers"):
        gr.pprl.encode(rows, schema, "a secret both parties hold", workers=workers)  # type: ignore[arg-type]


def test_columns_shared_out_between_three_workers_give_the_same_table(
    customers: tuple[pd.DataFrame, gr.Schema], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three workers, each encoding a share of the columns (Bloom filters salted by a
    date another worker encodes, phones read with countries another worker encodes):
    the table one process gives."""
    frame, schema = customers
    monkeypatch.setattr(_encode, "WORKER_ROWS", 150)
    groups = _pool.column_groups(schema, dict.fromkeys(schema.fields, "hmac"), 3)
    assert len(groups) == 3
    # the date salting the names and the country reading the phones: other workers'
    assert any("first_name" in g and "date_of_birth" not in g for g in groups)
    assert any("phone" in g and "country" not in g for g in groups) or any(
        "postcode" in g and "country" not in g for g in groups
    )
    one = gr.pprl.encode(frame, schema, "a secret both parties hold")
    three = gr.pprl.encode(frame, schema, "a secret both parties hold", workers=3)
    pd.testing.assert_frame_equal(three.table, one.table)


@pytest.mark.parametrize("workers", [1, 2, 3, 20])
def test_column_groups_hold_every_field_once(
    customers: tuple[pd.DataFrame, gr.Schema], workers: int
) -> None:
    """Each field is encoded by exactly one worker, never more workers than fields."""
    _, schema = customers
    groups = _pool.column_groups(schema, dict.fromkeys(schema.fields, "hmac"), workers)
    assert len(groups) == min(workers, len(schema.fields))
    assert sorted(c for g in groups for c in g) == sorted(schema.fields)
    assert all(groups)
