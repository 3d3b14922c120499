"""Clustering scored pairs into identities."""

from goldenrecord.graph._components import connected_components

__all__ = ["connected_components"]
