"""Customer tables with ground truth: a synthetic generator and a small shipped sample.

>>> from goldenrecord import datasets
>>> table = datasets.synthetic_customers(1_000, seed=7)
>>> len(table.truth) == len(table)
True
>>> sorted(table.counts())
['crm', 'newsletter', 'pos', 'shop', 'support', 'whatsapp']
"""

from goldenrecord._public import publish as _publish
from goldenrecord.datasets._pools import SOURCES
from goldenrecord.datasets._synthetic import COUNTRY_CODES, synthetic_customers
from goldenrecord.datasets._table import CONSENT_COLUMNS, SCHEMA_FIELDS, CustomerTable, load_sample

__all__ = [
    "CONSENT_COLUMNS",
    "COUNTRY_CODES",
    "SCHEMA_FIELDS",
    "SOURCES",
    "CustomerTable",
    "load_sample",
    "synthetic_customers",
]

_publish(__name__, globals(), __all__)
