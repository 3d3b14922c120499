"""Clustering scored pairs into identities, and graphs for people to look at.

:func:`cluster` takes accepted edges in descending weight through a union-find that
refuses unions breaking a constraint (value limits, one record per source,
cannot-link pairs, variant groups of dates of birth and names) and returns a
:class:`Clustering`; with a :class:`SplitRule`, it takes apart the clusters whose
members match only sparsely inside. :class:`IdentityGraph` turns
that result into networkx graphs, the path of matches that joined two records, and a
:class:`Why` for any two records. :data:`DEFAULT_LIMITS` are the value limits
``gr.resolve`` and the identity store apply unless given ``limits=``.
"""

from goldenrecord._public import publish as _publish
from goldenrecord.graph._components import connected_components
from goldenrecord.graph._constrained import CANNOT_LINK, ONE_PER_SOURCE, Clustering, cluster
from goldenrecord.graph._identity import IdentityGraph, Why
from goldenrecord.graph._limits import DEFAULT_LIMITS
from goldenrecord.graph._split import SPLIT, Split, SplitRule

__all__ = [
    "CANNOT_LINK",
    "DEFAULT_LIMITS",
    "ONE_PER_SOURCE",
    "SPLIT",
    "Clustering",
    "IdentityGraph",
    "Split",
    "SplitRule",
    "Why",
    "cluster",
    "connected_components",
]

_publish(__name__, globals(), __all__)
