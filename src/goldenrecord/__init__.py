"""goldenrecord: customer identity resolution with golden profiles, lineage and consent.

>>> import goldenrecord as gr
>>> gr.normalize.email("mailto:Ana.Lima+news@gmail.com")
'analima@gmail.com'
"""

from goldenrecord import normalize
from goldenrecord.errors import GoldenRecordError, NormalizationError, SettingsError
from goldenrecord.schema import FIELD_KINDS, Schema

__version__ = "0.1.0.dev0"

__all__ = [
    "FIELD_KINDS",
    "GoldenRecordError",
    "NormalizationError",
    "Schema",
    "SettingsError",
    "__version__",
    "normalize",
]
