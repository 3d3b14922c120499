"""Public homes for exported names (httpx's idea).

Implementation modules are private (``goldenrecord.normalize._email``); users import
from the public module that exports a name (``goldenrecord.normalize``). Each public
package calls :func:`publish` on its ``__all__`` so that a class or function reports
that public home as its ``__module__``: tracebacks, reprs and pickles name
``goldenrecord.store.StoreError``, never ``goldenrecord.store._sql.StoreError``.

A name's home is the most specific public module that exports it: packages publish
their public submodules (``goldenrecord.match.compare``) before themselves, and a
name whose ``__module__`` is already public is left alone, so ``goldenrecord`` itself
only claims the names defined in its own private modules (``goldenrecord.evaluate``).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Mapping

__all__ = ["is_private", "publish"]


def is_private(module: str) -> bool:
    """Whether a dotted module path passes through a private module (``_name``).

    >>> is_private("goldenrecord.normalize._email"), is_private("goldenrecord.match.compare")
    (True, False)
    """
    return any(part.startswith("_") for part in module.split("."))


def publish(home: str, namespace: Mapping[str, object], names: Iterable[str]) -> None:
    """Make ``home`` the ``__module__`` of the classes and functions ``names`` exports.

    Only names still homed in a private module move. A moved class takes the functions
    defined in its body along (methods, static and class methods, property accessors),
    so that the doctests of the class and of its methods are found in one module.
    """
    for name in names:
        obj = namespace[name]
        if not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue  # constants, type aliases and modules have no home of their own
        old = obj.__module__
        if not is_private(old):
            continue
        obj.__module__ = home
        if inspect.isclass(obj):
            for member in vars(obj).values():
                for fn in _functions(member):
                    if fn.__module__ == old:
                        fn.__module__ = home


def _functions(member: object) -> list[object]:
    """The plain functions a class attribute holds (a method, a wrapped one, accessors)."""
    if isinstance(member, (staticmethod, classmethod)):
        member = member.__func__
    if isinstance(member, property):
        return [f for f in (member.fget, member.fset, member.fdel) if inspect.isfunction(f)]
    return [member] if inspect.isfunction(member) else []
