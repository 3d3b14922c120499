"""Name normalizers (skeleton, being written)."""

from __future__ import annotations

import attrs

from goldenrecord.normalize._common import Errors, Rejected, finish


@attrs.frozen
class NameParts:
    """A full name split into its given and family parts (each normalized, or None)."""

    given: str | None
    family: str | None


def _name(x: object) -> str | Rejected:
    raise NotImplementedError


def name(x: object, /, *, errors: Errors = "ignore") -> str | None:
    """Normalized name or None."""
    return finish(_name(x), errors, "name")


def _given_name_canonical(x: object) -> str | Rejected:
    raise NotImplementedError


def given_name_canonical(x: object, /, *, errors: Errors = "ignore") -> str | None:
    """Canonical given name behind a nickname."""
    return finish(_given_name_canonical(x), errors, "given_name")


def _split_full_name(x: object) -> NameParts | Rejected:
    raise NotImplementedError


def split_full_name(x: object, /, *, errors: Errors = "ignore") -> NameParts | None:
    """Given and family parts of a full name."""
    return finish(_split_full_name(x), errors, "full_name")
