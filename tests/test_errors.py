"""The exception tree: messages carry the reason, never the value."""

from __future__ import annotations

import pickle

import pytest

import goldenrecord as gr


def test_normalization_error_pickles_with_its_fields() -> None:
    """A NormalizationError crosses process boundaries (multiprocessing) intact."""
    err = gr.NormalizationError("phone", "invalid_number")
    back = pickle.loads(pickle.dumps(err))
    assert (back.kind, back.reason, str(back)) == ("phone", "invalid_number", str(err))


def test_normalization_error_is_a_value_error() -> None:
    """Code that already catches ValueError around parsing keeps working."""
    with pytest.raises(ValueError, match="email rejected") as info:
        gr.normalize.email("not an address", errors="raise")
    err = info.value
    assert isinstance(err, gr.NormalizationError)
    assert err.reason == "invalid_syntax"
    assert "not an address" not in str(err)
