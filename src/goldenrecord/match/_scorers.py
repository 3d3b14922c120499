"""String comparators: the scorer registry and the ready-made scorers.

A comparator is a plain callable with RapidFuzz's shape on a 0–1 scale,
``fn(a, b, /, *, score_cutoff=None) -> float``. The ready-made ones are :class:`Scorer`
objects registered by name, so a comparison that uses them can be stored as JSON; each
knows the RapidFuzz scorer behind it, so pairs are scored in bulk with
:func:`rapidfuzz.process.cpdist`.

>>> round(jaro_winkler("martha", "marhta"), 4)
0.9611
>>> token_set("anna maria lima", "lima anna maria")
1.0
>>> token_set("anna", "bob", score_cutoff=0.5)
0.0
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final, Protocol

import attrs
from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein, Jaro, JaroWinkler, Levenshtein

from goldenrecord.errors import SettingsError

__all__ = [
    "Scorer",
    "ScorerFn",
    "damerau_levenshtein",
    "jaro",
    "jaro_winkler",
    "levenshtein",
    "partial",
    "ratio",
    "register_scorer",
    "registered_for",
    "registered_scorers",
    "scorer_named",
    "token_set",
    "token_sort",
]

_EPS: Final = 1e-9


class ScorerFn(Protocol):
    """A comparator: two strings to a similarity in ``[0, 1]`` (RapidFuzz's call shape)."""

    def __call__(self, a: str, b: str, /, *, score_cutoff: float | None = None) -> float: ...


@attrs.frozen(repr=False)
class Scorer:
    """A named comparator on a 0–1 scale, backed by a scorer ``cpdist`` can run in bulk.

    Attributes:
        name: the name it is registered and stored in JSON under.
        native: the underlying scorer (a RapidFuzz scorer or any callable of that shape).
        scale: what ``native`` returns for identical strings (100 for ``fuzz`` ratios).
        symmetric: whether ``native(a, b) == native(b, a)``; an asymmetric scorer is
            always given each pair in a canonical order, so levels stay symmetric.

    >>> jaro_winkler
    Scorer('jaro_winkler')
    >>> token_sort("smith john", "john smith")
    1.0
    """

    name: str
    native: Callable[..., float]
    scale: float = 1.0
    symmetric: bool = True

    def __call__(self, a: str, b: str, /, *, score_cutoff: float | None = None) -> float:
        if score_cutoff is None:
            return float(self.native(a, b)) / self.scale
        raw_cutoff = max(0.0, score_cutoff * self.scale - _EPS * self.scale)
        score = float(self.native(a, b, score_cutoff=raw_cutoff)) / self.scale
        return score if score >= score_cutoff else 0.0

    def __repr__(self) -> str:
        return f"Scorer({self.name!r})"


_REGISTRY: dict[str, Scorer] = {}


def register_scorer(name: str, fn: ScorerFn | Scorer, *, symmetric: bool = False) -> Scorer:
    """Register a comparator under ``name`` so comparisons using it round-trip through JSON.

    Args:
        name: a unique name (stored in model settings).
        fn: a callable ``fn(a, b, /, *, score_cutoff=None) -> float`` on a 0–1 scale.
        symmetric: declare ``fn(a, b) == fn(b, a)``; otherwise each pair is scored in a
            canonical order (smaller value first), which keeps levels symmetric.

    Returns:
        The registered :class:`Scorer`; pass it to ``Level.at_least``.

    Raises:
        SettingsError: ``name`` is empty or already taken by a different comparator.

    >>> def same_length(a, b, /, *, score_cutoff=None):
    ...     return float(len(a) == len(b))
    >>> scorer = register_scorer("same_length_doc", same_length, symmetric=True)
    >>> scorer("abc", "xyz"), scorer_named("same_length_doc") is scorer
    (1.0, True)
    """
    if not isinstance(name, str) or not name:
        raise SettingsError("a scorer needs a non-empty name")
    if not callable(fn):
        raise SettingsError(f"scorer {name!r} must be callable")
    scorer = (
        attrs.evolve(fn, name=name)
        if isinstance(fn, Scorer)
        else Scorer(name, fn, symmetric=symmetric)
    )
    existing = _REGISTRY.get(name)
    if existing is not None:
        if existing == scorer:
            return existing
        raise SettingsError(f"a different scorer is already registered as {name!r}")
    _REGISTRY[name] = scorer
    return scorer


def registered_scorers() -> Mapping[str, Scorer]:
    """Every registered scorer by name (a copy)."""
    return dict(_REGISTRY)


def scorer_named(name: str) -> Scorer:
    """The registered scorer called ``name``; SettingsError listing the names otherwise."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise SettingsError(
            f"unknown scorer {name!r}; registered: {', '.join(sorted(_REGISTRY))}"
        ) from None


def registered_for(fn: object) -> Scorer | None:
    """The registered scorer ``fn`` is, or wraps on the same scale; None if unregistered."""
    if isinstance(fn, Scorer):
        return fn if _REGISTRY.get(fn.name) == fn else None
    for scorer in _REGISTRY.values():
        if scorer.native is fn and scorer.scale == 1.0:
            return scorer
    return None


def _builtin(name: str, native: Callable[..., float], scale: float = 1.0, *, sym: bool) -> Scorer:
    return register_scorer(name, Scorer(name, native, scale, sym))


jaro_winkler: Final = _builtin("jaro_winkler", JaroWinkler.normalized_similarity, sym=True)
"""Jaro–Winkler similarity (prefix-boosted), the usual comparator for names."""
jaro: Final = _builtin("jaro", Jaro.normalized_similarity, sym=True)
"""Jaro similarity."""
levenshtein: Final = _builtin("levenshtein", Levenshtein.normalized_similarity, sym=True)
"""Normalized Levenshtein similarity: ``1 - distance / max(len)``."""
damerau_levenshtein: Final = _builtin(
    "damerau_levenshtein", DamerauLevenshtein.normalized_similarity, sym=True
)
"""Normalized Damerau–Levenshtein similarity (a transposition counts as one edit)."""
ratio: Final = _builtin("ratio", fuzz.ratio, 100.0, sym=True)
"""Normalized Indel similarity (``fuzz.ratio / 100``)."""
token_set: Final = _builtin("token_set", fuzz.token_set_ratio, 100.0, sym=True)
"""Token set ratio / 100: 1.0 when one side's words are a subset of the other's."""
token_sort: Final = _builtin("token_sort", fuzz.token_sort_ratio, 100.0, sym=True)
"""Token sort ratio / 100: word order does not matter."""
partial: Final = _builtin("partial", fuzz.partial_ratio, 100.0, sym=False)
"""Partial ratio / 100: the best match of the shorter string inside the longer."""
