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


def test_the_whole_tree_lives_in_goldenrecord_errors() -> None:
    """Store errors are part of the one tree: their public home is goldenrecord.errors
    (tracebacks and reference pages never show goldenrecord.store._sql), and they stay
    importable from goldenrecord.store and goldenrecord."""
    from goldenrecord import errors, store

    for name in ("StoreError", "StoreBusyError", "RecordNotFound"):
        cls = getattr(errors, name)
        assert cls.__module__ == "goldenrecord.errors"
        assert getattr(gr, name) is cls
        assert getattr(store, name) is cls
        assert issubclass(cls, gr.GoldenRecordError)
        assert name in errors.__doc__
    assert issubclass(gr.StoreBusyError, gr.StoreError)
    assert issubclass(gr.StoreBusyError, TimeoutError)


def test_record_not_found_is_a_key_error_with_a_plain_message() -> None:
    """RecordNotFound is caught as KeyError, and str() is the message (KeyError's own
    str() would quote it)."""
    err = gr.RecordNotFound("the store holds no record with that key")
    assert isinstance(err, KeyError)
    assert str(err) == "the store holds no record with that key"
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is gr.RecordNotFound
    assert str(back) == str(err)
