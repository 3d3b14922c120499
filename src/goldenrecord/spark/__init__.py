"""Resolution on Apache Spark: the batch pipeline's stages over pyspark DataFrames.

Install the extra (``pip install 'goldenrecord[spark]'``, pyspark 4 or later)::

    from goldenrecord import spark as grs

    sres = grs.resolve(spark_df, schema)            # or {"crm": df1, "shop": df2}
    sres.clusters                                   # record_id, profile_id, source
    sres.profiles(purpose="marketing_email")        # one row per golden profile
    sres.write("s3://bucket/golden", what="profiles")

The driver calls the same stage functions as :func:`goldenrecord.resolve` (prepare,
shared values, exact copies, blocking, the model's scoring, the constrained clustering,
profiles) over partitions, with the DataFrame API only, so it runs under Spark Connect
as well. With the same fitted model (``matcher=``) the clusters and profile ids are
those of :func:`goldenrecord.resolve` on the same records. See the how-to "Run on Spark".
"""

from __future__ import annotations

from goldenrecord._public import publish as _publish
from goldenrecord.spark._components import Components, connected_components
from goldenrecord.spark._resolution import SparkResolution
from goldenrecord.spark._resolve import resolve

__all__ = ["Components", "SparkResolution", "connected_components", "resolve"]

_publish(__name__, globals(), __all__)
