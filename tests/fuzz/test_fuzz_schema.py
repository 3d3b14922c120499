"""Junk schema documents through ``gr.Schema.from_json``: a schema or a SettingsError."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import goldenrecord as gr
from tests.fuzz.budget import fuzz_settings
from tests.fuzz.checks import FuzzFailure, time_limit
from tests.fuzz.strategies import junk_text

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), junk_text, st.sampled_from(gr.FIELD_KINDS)
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(junk_text, inner, max_size=3)
    ),
    max_leaves=8,
)
keys = st.sampled_from(
    ("id", "source", "updated_at", "fields", "default_region", "consent", "schema_version", "x")
)
documents = st.one_of(
    st.dictionaries(keys, json_values, max_size=6).map(lambda d: json.dumps(d)),
    json_values.map(json.dumps),
    junk_text,
    st.integers(1, 20_000).map(lambda n: "[" * n),
    st.integers(1, 20_000).map(lambda n: '{"a":' * n),
)


@fuzz_settings(200)
@given(documents)
def test_schema_from_json_raises_only_settings_errors(text: Any) -> None:
    """Any text: a Schema, or SettingsError (never ValueError, TypeError, RecursionError)."""
    try:
        with time_limit():
            gr.Schema.from_json(text)
    except gr.SettingsError:
        pass
    except Exception as err:
        raise FuzzFailure(f"Schema.from_json raised {type(err).__name__}") from err
