"""Matching: candidate pairs (blocking), comparison levels, Fellegi–Sunter scoring.

The stages, in pipeline order: :mod:`~goldenrecord.match.blocking` finds candidate
pairs, :mod:`~goldenrecord.match.compare` gives each pair a level per comparison,
:mod:`~goldenrecord.match.model` turns levels into match weights and probabilities.
"""

from goldenrecord._public import publish as _publish
from goldenrecord.match import blocking, compare, model
from goldenrecord.match._explain import Contribution, Explanation
from goldenrecord.match._prepare import PreparedTable, RejectedRecord, prepare, record_key
from goldenrecord.match.blocking import (
    BlockingReport,
    BlockingRule,
    CandidatePairs,
    all_pairs,
    block,
    default_rules,
)
from goldenrecord.match.compare import (
    Comparison,
    Level,
    compute_levels,
    damerau_levenshtein,
    default_comparisons,
    jaro,
    jaro_winkler,
    levenshtein,
    partial,
    ratio,
    register_scorer,
    token_set,
    token_sort,
)
from goldenrecord.match.model import DEFAULT_THRESHOLD, Matcher, ScoredPairs

__all__ = [
    "DEFAULT_THRESHOLD",
    "BlockingReport",
    "BlockingRule",
    "CandidatePairs",
    "Comparison",
    "Contribution",
    "Explanation",
    "Level",
    "Matcher",
    "PreparedTable",
    "RejectedRecord",
    "ScoredPairs",
    "all_pairs",
    "block",
    "compute_levels",
    "damerau_levenshtein",
    "default_comparisons",
    "default_rules",
    "jaro",
    "jaro_winkler",
    "levenshtein",
    "partial",
    "prepare",
    "ratio",
    "record_key",
    "register_scorer",
    "token_set",
    "token_sort",
]

# The stage modules first: a name they export is at home there (match.compare.Scorer).
for _stage in (blocking, compare, model):
    _publish(_stage.__name__, vars(_stage), _stage.__all__)
_publish(__name__, globals(), __all__)
