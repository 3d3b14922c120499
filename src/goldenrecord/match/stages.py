"""The matching stages as functions, for drivers of the pipeline other than batch.

:func:`goldenrecord.resolve` composes these stages over one table; the identity store
(:mod:`goldenrecord.store`) composes them over a persistent one. A driver imports the
stages from here, never from the private modules that implement them, so that the
seam between the pipeline and its drivers is one public module:

* preparing records: :func:`prepare` gives the :class:`PreparedTable` every later
  stage reads; :func:`schema_columns`, :func:`canonical_row` and
  :func:`sources_sanitised` read raw input as :func:`prepare` reads it;
* shared values (a value carried by several different people is no evidence):
  :class:`SharedValues`, :func:`mask_shared`, :func:`initials`, :data:`SHARED_KINDS`,
  :data:`DEFAULT_MIN_PEOPLE`;
* the derived location column: :data:`PLACE_COLUMN`;
* exact copies (records whose prepared values are all equal, matched through one
  representative, and read once by the clustering's split rule): :func:`exact_copies`,
  :class:`ExactCopies`;
* explanations read off scored pairs: :func:`explain_scored`, :class:`Explanation`.

>>> from goldenrecord.match import stages
>>> stages.initials("ana maria lima")
'a l m'
"""

from __future__ import annotations

import goldenrecord.match as _match  # its names keep their home there
from goldenrecord._public import publish as _publish
from goldenrecord.match._copies import ExactCopies, exact_copies
from goldenrecord.match._explain import Explanation, explain_scored
from goldenrecord.match._location import PLACE_COLUMN
from goldenrecord.match._prepare import (
    PreparedTable,
    canonical_row,
    prepare,
    schema_columns,
    sources_sanitised,
)
from goldenrecord.match._shared import (
    DEFAULT_MIN_PEOPLE,
    SHARED_KINDS,
    SharedValues,
    mask_shared,
)
from goldenrecord.match._shared import _initials as initials

__all__ = [
    "DEFAULT_MIN_PEOPLE",
    "PLACE_COLUMN",
    "SHARED_KINDS",
    "ExactCopies",
    "Explanation",
    "PreparedTable",
    "SharedValues",
    "canonical_row",
    "exact_copies",
    "explain_scored",
    "initials",
    "mask_shared",
    "prepare",
    "schema_columns",
    "sources_sanitised",
]

# Names goldenrecord.match exports already are at home there; the others live here.
_publish(__name__, globals(), [n for n in __all__ if n not in _match.__all__])
