"""goldenrecord: customer identity resolution with golden profiles, lineage and consent.

>>> import goldenrecord as gr
>>> gr.normalize.email("mailto:Ana.Lima+news@gmail.com")
'analima@gmail.com'
"""

from goldenrecord import datasets, graph, match, normalize, pprl, profile, store
from goldenrecord._evaluate import Evaluation, evaluate
from goldenrecord._public import publish as _publish
from goldenrecord._resolve import Report, Resolution, resolve
from goldenrecord.errors import (
    GoldenRecordError,
    NormalizationError,
    NotFittedError,
    RecordNotFound,
    ResolutionWarning,
    SettingsError,
    StoreBusyError,
    StoreError,
)
from goldenrecord.graph import DEFAULT_LIMITS, IdentityGraph, Why
from goldenrecord.match import Comparison, Explanation, Level, Matcher
from goldenrecord.profile import GoldenValue, Profile, ProfileView
from goldenrecord.schema import FIELD_KINDS, Schema
from goldenrecord.store import IdentityStore

__version__ = "0.1.0.dev0"

__all__ = [
    "DEFAULT_LIMITS",
    "FIELD_KINDS",
    "Comparison",
    "Evaluation",
    "Explanation",
    "GoldenRecordError",
    "GoldenValue",
    "IdentityGraph",
    "IdentityStore",
    "Level",
    "Matcher",
    "NormalizationError",
    "NotFittedError",
    "Profile",
    "ProfileView",
    "RecordNotFound",
    "Report",
    "Resolution",
    "ResolutionWarning",
    "Schema",
    "SettingsError",
    "StoreBusyError",
    "StoreError",
    "Why",
    "__version__",
    "datasets",
    "evaluate",
    "graph",
    "match",
    "normalize",
    "pprl",
    "profile",
    "resolve",
    "store",
]

_publish(__name__, globals(), __all__)
