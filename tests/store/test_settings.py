"""The store's settings as one frozen object (``_settings.StoreSettings``)."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

import goldenrecord as gr
from goldenrecord.store import IdentityStore
from goldenrecord.store._settings import StoreSettings


def test_settings_are_read_once_into_a_frozen_object_that_reopening_gives_back(
    tmp_path: Any, schema: gr.Schema
) -> None:
    """What a store is created with is one frozen object (no part of the store can
    change a setting in place), and reopening reads the same object back."""
    path = tmp_path / "s.db"
    limits = {"email": 2}
    with IdentityStore(path, schema=schema, limits=limits, one_per_source=True) as store:
        settings = store._db.config
        assert isinstance(settings, StoreSettings)
        assert settings.limits == limits
        assert settings.one_per_source
        assert settings.rules == store.rules
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            settings.max_block_size = 1  # type: ignore[misc]
        with pytest.raises(TypeError):
            settings.limits["email"] = 3  # type: ignore[index]
    limits["email"] = 5  # the caller's mapping is not the store's
    with IdentityStore(path) as reopened:
        assert reopened._db.config == settings
        assert reopened._db.config.limits == {"email": 2}
