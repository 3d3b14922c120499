"""Doctests run in the namespace of the module that defines them.

A public package gives its exported names their public home as ``__module__``
(:mod:`goldenrecord._public`), so :mod:`doctest` finds a function's examples in the
public module (``goldenrecord.graph``) instead of the private one that defines it
(``goldenrecord.graph._components``), and would run them with the public module's
globals. This hook puts the defining module's globals back underneath, as doctest does
for a name that never moved: an example may use what its own module imports (``np``).
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any

import pytest


def _resolve(dotted: str) -> object | None:
    """The object a doctest is named after (``goldenrecord.Resolution.write``)."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            obj = inspect.getattr_static(obj, attr, None)
            if isinstance(obj, (staticmethod, classmethod)):
                obj = obj.__func__
            if isinstance(obj, property):
                obj = obj.fget
        return obj
    return None


def _defining_globals(obj: object) -> dict[str, Any] | None:
    """The globals of the module whose source holds ``obj``."""
    if inspect.isfunction(obj):
        return obj.__globals__
    if inspect.isclass(obj):
        for member in vars(obj).values():
            if isinstance(member, (staticmethod, classmethod)):
                member = member.__func__
            if inspect.isfunction(member) and member.__qualname__.startswith(obj.__qualname__):
                return member.__globals__
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        test = getattr(item, "dtest", None)  # a doctest item (pytest's DoctestItem)
        if test is None:
            continue
        defining = _defining_globals(_resolve(test.name))
        if defining is not None and defining is not test.globs:
            test.globs = {**test.globs, **defining}
