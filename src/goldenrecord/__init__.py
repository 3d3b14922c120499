"""goldenrecord: customer identity resolution with golden profiles, lineage and consent.

>>> import goldenrecord as gr
>>> gr.normalize.email("mailto:Ana.Lima+news@gmail.com")
'analima@gmail.com'
"""

from goldenrecord import match, normalize
from goldenrecord._evaluate import Evaluation, evaluate
from goldenrecord._resolve import Report, Resolution, resolve
from goldenrecord.errors import (
    GoldenRecordError,
    NormalizationError,
    NotFittedError,
    SettingsError,
)
from goldenrecord.match import Comparison, Explanation, Level, Matcher
from goldenrecord.schema import FIELD_KINDS, Schema

__version__ = "0.1.0.dev0"

__all__ = [
    "FIELD_KINDS",
    "Comparison",
    "Evaluation",
    "Explanation",
    "GoldenRecordError",
    "Level",
    "Matcher",
    "NormalizationError",
    "NotFittedError",
    "Report",
    "Resolution",
    "Schema",
    "SettingsError",
    "__version__",
    "evaluate",
    "match",
    "normalize",
    "resolve",
]
