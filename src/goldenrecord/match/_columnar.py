"""Bulk forms of scorers of composite values, run by the level engine instead of them.

A scorer of composite values (``family|given``) spends its time splitting each pair's
values in Python. With a bulk form (:func:`register_columnar`), the level engine
(:class:`~goldenrecord.match._comparators.LevelEngine`) splits each distinct value of a
column once, codes the parts, and hands the bulk form the part codes of the pairs: it
scores pairs of parts in bulk, once per distinct pair of parts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from goldenrecord.match._scorers import Scorer

__all__ = ["Columnar", "Split", "bulk_form", "register_columnar"]

ObjArray = npt.NDArray[np.object_]
FloatArray = npt.NDArray[np.float64]
PartCodes = npt.NDArray[np.int32]
ValueCodes = npt.NDArray[np.int32]
Split = Callable[[Any], Sequence[str]]
"""How one value splits into its parts."""


class Columnar(Protocol):
    """A scorer's bulk form on parts: the scores of pairs of values, given as the part
    codes of each value (``parts``: one row per value code, ``-1`` past a value's last
    part), the value codes of each pair (``a``, ``b``: one per pair; the pair's part
    codes are ``parts[a]`` and ``parts[b]``), and the parts' strings indexed by code;
    scores below ``cutoff`` may read 0."""

    def __call__(
        self,
        parts: PartCodes,
        a: ValueCodes,
        b: ValueCodes,
        strings: ObjArray,
        /,
        *,
        cutoff: float,
        workers: int,
    ) -> FloatArray: ...


# scorer name -> (the scorer, how a value splits into parts, its bulk form on parts)
_BULK: dict[str, tuple[Scorer, Split, Columnar]] = {}


def register_columnar(scorer: Scorer, split: Split, columnar: Columnar) -> None:
    """Give a registered scorer a bulk form that the level engine runs instead of it.

    ``split`` splits a value into its parts; ``columnar`` must give what the scorer
    gives on every pair wherever that is at least ``cutoff`` (below, it may read 0).
    """
    _BULK[scorer.name] = (scorer, split, columnar)


def bulk_form(scorer: Scorer) -> tuple[Split, Columnar] | None:
    """The split and bulk form registered for ``scorer``, or None."""
    found = _BULK.get(scorer.name)
    if found is None or found[0] != scorer:
        return None
    return found[1], found[2]
