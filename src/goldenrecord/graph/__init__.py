"""Clustering scored pairs into identities, and graphs for people to look at.

:func:`cluster` takes accepted edges in descending weight through a union-find that
refuses unions breaking a constraint (value limits, one record per source,
cannot-link pairs) and returns a :class:`Clustering`. :class:`IdentityGraph` turns
that result into networkx graphs, the path of matches that joined two records, and a
:class:`Why` for any two records.
"""

from goldenrecord.graph._components import connected_components
from goldenrecord.graph._constrained import CANNOT_LINK, ONE_PER_SOURCE, Clustering, cluster
from goldenrecord.graph._identity import IdentityGraph, Why

__all__ = [
    "CANNOT_LINK",
    "ONE_PER_SOURCE",
    "Clustering",
    "IdentityGraph",
    "Why",
    "cluster",
    "connected_components",
]
