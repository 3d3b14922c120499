"""The public surface is deliberate: every exported name exists and the lists are sorted."""

from __future__ import annotations

import goldenrecord as gr
from goldenrecord import normalize


def _isort_key(name: str) -> tuple[int, str]:
    """The order ruff's RUF022 keeps: CONSTANTS, then Classes, then everything else."""
    if name.isupper():
        return (0, name)
    if name[:1].isupper():
        return (1, name)
    return (2, name)


def test_top_level_all_is_sorted_and_complete() -> None:
    """`gr.__all__` is sorted and names exactly the public attributes of the package."""
    assert list(gr.__all__) == sorted(gr.__all__, key=_isort_key)
    public = {
        name
        for name in dir(gr)
        if not name.startswith("_") and not isinstance(getattr(gr, name), type(gr))
    }
    assert public <= set(gr.__all__)
    for name in gr.__all__:
        assert hasattr(gr, name), name


def test_normalize_all_is_sorted_and_resolvable() -> None:
    """`gr.normalize.__all__` is sorted and every name in it resolves."""
    assert list(normalize.__all__) == sorted(normalize.__all__, key=_isort_key)
    for name in normalize.__all__:
        assert hasattr(normalize, name), name


def test_contract_names_exist() -> None:
    """The names DESIGN.md promises for the normalize stage are all there."""
    for name in (
        "email",
        "phone",
        "name",
        "name_key",
        "given_name_canonical",
        "split_full_name",
        "date",
        "postcode",
        "country",
        "address",
        "identifier",
        "column",
    ):
        assert callable(getattr(gr.normalize, name)), name
    assert issubclass(gr.NormalizationError, gr.GoldenRecordError)
    assert issubclass(gr.NormalizationError, ValueError)
    assert issubclass(gr.SettingsError, gr.GoldenRecordError)
    assert issubclass(gr.SettingsError, ValueError)
