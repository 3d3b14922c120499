"""What a distributed driver of the pipeline needs besides :mod:`goldenrecord.match.stages`.

:mod:`goldenrecord.spark` runs the batch stages over partitions of a table. Most of
them work record by record (prepare, masking shared values, levels, scores) or per
connected component (clustering, profiles) and are called as they are. A few decisions
of the batch path read the whole table: which records are exact copies of one another,
how often a value occurs (term-frequency adjustments), how blocks are sized against
the pair budgets. A distributed driver computes those counts with its own engine and
hands them to the functions here, which are the batch path's own:

* :func:`has_evidence`: per record, whether an exact copy of it may be collapsed into it
  (:func:`goldenrecord.match._copies.exact_copies` reads the same);
* :data:`COPY_WEIGHT`, :func:`with_copies`, :class:`ExactCopies`: certain pairs of a
  copy and its representative;
* :func:`tf_adjustment`: the term-frequency adjustment of an exact agreement, from the
  share of records holding the value;
* :func:`largest_within`: the largest block size within a pair budget;
* :func:`blocking_keys`: the key columns the rules block on.

>>> from goldenrecord.match import distributed
>>> distributed.blocking_keys([("email",), ("first", "zip")])
['email', 'first', 'zip']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import numpy.typing as npt

import goldenrecord.match as _match  # its names keep their home there
from goldenrecord._public import publish as _publish
from goldenrecord.match._blocks import largest_within
from goldenrecord.match._copies import COPY_WEIGHT, ExactCopies, with_copies
from goldenrecord.match._copies import _has_evidence as _evidence
from goldenrecord.match._prepared import PreparedTable
from goldenrecord.match._rules import BlockingRule, GroupRule
from goldenrecord.match._weights import tf_adjustment

__all__ = [
    "COPY_WEIGHT",
    "ExactCopies",
    "blocking_keys",
    "has_evidence",
    "largest_within",
    "tf_adjustment",
    "with_copies",
]


def has_evidence(
    prepared: PreparedTable, evidence: Mapping[str, npt.NDArray[np.object_]]
) -> npt.NDArray[np.bool_]:
    """Per record, whether it carries evidence of one person, so that an exact copy of it
    is collapsed into it (see :mod:`goldenrecord.match._copies`); ``evidence`` holds the
    columns whose values count (shared values set aside)."""
    return _evidence(prepared, evidence)


def blocking_keys(rules: Sequence[BlockingRule | str | Iterable[str]]) -> list[str]:
    """The key columns of the rules, each once, in order of first use (group rules have none)."""
    keys: dict[str, None] = {}
    for rule in rules:
        parsed = BlockingRule.of(rule)
        if not isinstance(parsed, GroupRule):
            keys.update(dict.fromkeys(parsed.keys))
    return list(keys)


# Names goldenrecord.match exports already are at home there; the others live here.
_publish(__name__, globals(), [n for n in __all__ if n not in _match.__all__])
