"""The identity graph: a clustering as networkx graphs and answers, for people to read.

An :class:`IdentityGraph` holds the record keys, the edges given to
:func:`~goldenrecord.graph.cluster` (with their weights and probabilities) and the
:class:`~goldenrecord.graph.Clustering`. Graphs are built on request only, one cluster
or the whole result; nothing here runs in the clustering itself. Answers carry record
keys and weights, never personal values.

>>> import numpy as np
>>> from goldenrecord.graph import cluster
>>> left, right = np.array([0, 1, 2]), np.array([1, 2, 3])
>>> weight = np.array([9.0, 4.0, 8.0])
>>> ids = np.array(["C1", None, "C2", None], dtype=object)
>>> result = cluster(4, left, right, weight, values={"customer_no": ids},
...                  limits={"customer_no": 1})
>>> graph = IdentityGraph.for_records(["a", "b", "c", "d"], left, right, weight,
...                                   np.array([0.99, 0.9, 0.98]), result)
>>> graph.path("a", "b")
[('a', 'b', 9.0)]
>>> print(graph.why("b", "c"))
b and c are in different clusters (a and c).
1 match between the two clusters was refused: b – c (weight 4.00) would have broken customer_no.
>>> sorted(graph.to_networkx("c").nodes(data="cluster"))
[('b', 'a'), ('c', 'c'), ('d', 'c')]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import attrs
import numpy as np
import numpy.typing as npt

from goldenrecord._viz import axes, draw_identity
from goldenrecord.errors import SettingsError
from goldenrecord.graph._constrained import Clustering
from goldenrecord.graph._why import Step, Why, _spanning_tree, _tree_path

if TYPE_CHECKING:
    # networkx ships no type hints; its stubs (types-networkx) are optional.
    import networkx as nx  # type: ignore[import-untyped,unused-ignore]
    from matplotlib.axes import Axes

__all__ = ["IdentityGraph", "Why"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@attrs.frozen(repr=False, eq=False)
class IdentityGraph:
    """A clustering with its edges, viewed as graphs of record keys.

    Build it with :meth:`for_records`. ``explain``, when given, is called only by
    :meth:`explain`, with two record indices.

    Attributes:
        keys: record keys in index order (the order given to ``cluster``).
        left, right, weight, probability: the edges given to ``cluster``.
        clustering: the result of ``cluster``.
        sources: each record's source in index order (None: not known), for the
            ``source`` node attribute and the drawing.
        profile_ids: each record's profile id in index order (None: not known); when
            given, :meth:`why` and :meth:`draw` name clusters by their profile ids and
            nodes carry a ``profile_id`` attribute.
    """

    keys: tuple[str, ...]
    left: IntArray
    right: IntArray
    weight: FloatArray
    probability: FloatArray
    clustering: Clustering
    _explain: Callable[[int, int], object] | None = None
    sources: tuple[str | None, ...] | None = None
    profile_ids: tuple[str, ...] | None = None
    _index: dict[str, int] = attrs.field(factory=dict, init=False)

    @classmethod
    def for_records(
        cls,
        keys: Sequence[str],
        left: IntArray,
        right: IntArray,
        weight: FloatArray,
        probability: FloatArray,
        clustering: Clustering,
        *,
        explain: Callable[[int, int], object] | None = None,
        sources: Sequence[str | None] | None = None,
        profile_ids: Sequence[str] | None = None,
    ) -> IdentityGraph:
        """An identity graph over ``keys``, checked against the clustering.

        Args:
            sources: each record's source, in the order of ``keys`` (optional).
            profile_ids: each record's profile id, in the order of ``keys`` (optional;
                one id per cluster).

        Raises:
            SettingsError: when the keys, sources or edge arrays do not match the
                clustering, or a key is repeated.
        """
        keys = tuple(keys)
        problems = []
        if len(keys) != clustering.labels.size:
            problems.append(
                f"keys must name every clustered record ({clustering.labels.size}), got {len(keys)}"
            )
        if sources is not None and len(sources) != clustering.labels.size:
            problems.append(
                f"sources must name the source of every clustered record "
                f"({clustering.labels.size}), got {len(sources)}"
            )
        if profile_ids is not None:
            profile_ids = tuple(profile_ids)
            if len(profile_ids) != clustering.labels.size:
                problems.append(
                    f"profile_ids must name the profile of every clustered record "
                    f"({clustering.labels.size}), got {len(profile_ids)}"
                )
            elif not all(
                isinstance(p, str) and p == profile_ids[c]
                for p, c in zip(profile_ids, clustering.labels.tolist(), strict=True)
            ):
                problems.append("profile_ids must be strings, one per cluster")
        if len(set(keys)) != len(keys):
            problems.append("keys must be unique")
        arrays = [np.asarray(x) for x in (left, right, weight, probability)]
        if any(x.shape != clustering.accepted.shape for x in arrays):
            problems.append(
                "left, right, weight and probability must be the edges given to cluster "
                f"({clustering.accepted.size})"
            )
        if problems:
            raise SettingsError("; ".join(problems))
        return cls(
            keys,
            arrays[0].astype(np.int64),
            arrays[1].astype(np.int64),
            arrays[2].astype(np.float64),
            arrays[3].astype(np.float64),
            clustering,
            explain,
            None if sources is None else tuple(sources),
            profile_ids,
        )

    def __repr__(self) -> str:
        return (
            f"IdentityGraph(records={len(self.keys):,}, edges={self.left.size:,}, "
            f"clusters={self.clustering.n_clusters:,})"
        )

    # --- lookups ---------------------------------------------------------------------

    def _position(self, key: str) -> int:
        if not self._index:
            self._index.update((k, i) for i, k in enumerate(self.keys))
        try:
            return self._index[key]
        except (KeyError, TypeError):
            raise SettingsError("record key not found among the clustered records") from None

    def _label(self, which: int | str) -> int:
        labels = self.clustering.labels
        if isinstance(which, str):
            return int(labels[self._position(which)])
        if isinstance(which, bool) or not isinstance(which, int | np.integer):
            raise SettingsError("a cluster is named by a record key (str) or a label (int)")
        if not 0 <= which < labels.size or labels[which] != which:
            raise SettingsError("label names no cluster (a label is the smallest index in it)")
        return int(which)

    def cluster_of(self, key: str) -> str:
        """The cluster of a record, named by the smallest record key in it."""
        return self.keys[int(self.clustering.labels[self._position(key)])]

    def members(self, which: int | str) -> list[str]:
        """The record keys of a cluster, given a record key in it or its label."""
        label = self._label(which)
        return [self.keys[i] for i in np.flatnonzero(self.clustering.labels == label).tolist()]

    # --- graphs ----------------------------------------------------------------------

    def to_networkx(self, which: int | str | None = None) -> nx.Graph[str]:
        """The result as a networkx graph, whole or for one cluster.

        Args:
            which: a record key or cluster label: the graph of that cluster (all its
                records, the edges among them, and the refused edges that touch it,
                with the record at the other end). ``None``: every record and edge.

        Nodes are record keys with the attribute ``cluster`` (the cluster's smallest
        key), ``source`` when the graph was given sources and ``profile_id`` when it
        was given profile ids (the graph of one cluster then has its ``profile_id`` in
        ``graph.graph``, next to ``cluster``). Edges carry ``weight``,
        ``probability``, ``accepted`` (bool), ``refused_by`` (the constraint's name, or
        None) and ``must_link`` (must-link pairs appear with weight ``inf`` and
        probability 1).
        """
        import networkx as nx  # type: ignore[import-untyped,unused-ignore]

        labels = self.clustering.labels
        ml_a, ml_b = self.clustering.must_link
        if which is None:
            nodes = np.arange(labels.size)
            edges = np.arange(self.left.size)
            must = np.arange(ml_a.size)
        else:
            label = self._label(which)
            inside = labels == label
            edges = np.flatnonzero(
                (inside[self.left] & inside[self.right])
                | ((inside[self.left] | inside[self.right]) & ~self.clustering.accepted)
            )
            nodes = np.union1d(
                np.flatnonzero(inside), np.concatenate([self.left[edges], self.right[edges]])
            )
            must = np.flatnonzero(inside[ml_a])
        graph: nx.Graph[str] = nx.Graph()
        if which is not None:
            graph.graph["cluster"] = self.keys[self._label(which)]
            if self.profile_ids is not None:
                graph.graph["profile_id"] = self.profile_ids[self._label(which)]
        keys = self.keys
        sources = self.sources
        profiles = self.profile_ids
        graph.add_nodes_from(
            (
                keys[i],
                {"cluster": keys[labels[i]]}
                | ({} if sources is None else {"source": sources[i]})
                | ({} if profiles is None else {"profile_id": profiles[i]}),
            )
            for i in nodes.tolist()
        )
        reason = dict(
            zip(self.clustering.refused.tolist(), self.clustering.refused_by, strict=True)
        )
        # Weakest first, so a repeated pair keeps its strongest edge.
        edges = edges[np.argsort(self.weight[edges], kind="stable")]
        graph.add_edges_from(
            (
                keys[self.left[e]],
                keys[self.right[e]],
                {
                    "weight": float(self.weight[e]),
                    "probability": float(self.probability[e]),
                    "accepted": bool(self.clustering.accepted[e]),
                    "refused_by": reason.get(e),
                    "must_link": False,
                },
            )
            for e in edges.tolist()
        )
        graph.add_edges_from(
            (
                keys[ml_a[k]],
                keys[ml_b[k]],
                {
                    "weight": float("inf"),
                    "probability": 1.0,
                    "accepted": True,
                    "refused_by": None,
                    "must_link": True,
                },
            )
            for k in must.tolist()
        )
        return graph

    def draw(self, which: int | str, ax: Axes | None = None, *, seed: int = 0) -> Axes:
        """Draw one cluster's graph with matplotlib (the ``goldenrecord[viz]`` extra).

        Records are nodes labelled by key, coloured by source; the records at the
        other end of a refused edge are drawn white. Accepted edges are solid: the
        strongest matches that joined the cluster (the spanning tree :meth:`path`
        walks) dark with their weights, the other accepted matches thin and grey
        (with weights too when there are few; when there are many, only the tree is
        drawn and the title counts the others). Must-links are blue; refused edges
        dashed orange, labelled with the constraint they would have broken. Record
        keys and weights only, never personal values.

        Args:
            which: a record key or a cluster label, as for :meth:`to_networkx`.
            ax: the matplotlib Axes to draw on; a new figure when None.
            seed: the seed of the spring layout: the same records and seed always
                give the same drawing, whatever the input order.

        Returns:
            The Axes drawn on.

        Raises:
            ImportError: matplotlib is not installed.

        >>> import numpy as np
        >>> from goldenrecord.graph import cluster
        >>> left, right, weight = np.array([0]), np.array([1]), np.array([9.0])
        >>> graph = IdentityGraph.for_records(
        ...     ["a", "b"], left, right, weight, np.array([0.998]),
        ...     cluster(2, left, right, weight), sources=["crm", "shop"])
        >>> ax = graph.draw("a")
        >>> ax.get_title()
        'cluster a: 2 records, 1 accepted match, 0 refused'
        >>> import matplotlib.pyplot as plt; plt.close(ax.figure)
        """
        n = len(self.members(which))
        side = min(4.0 + 0.35 * n, 12.0)
        ax = axes(ax, "an identity graph drawing", figsize=(side + 2.0, side))
        label = self._label(which)
        keys = self.keys
        tree = {
            (min(keys[a], keys[b]), max(keys[a], keys[b]))
            for a, ends in self._tree(label).items()
            for b, _ in ends
        }
        draw_identity(self.to_networkx(label), tree, ax, seed=seed)
        return ax

    def path(self, key_a: str, key_b: str) -> list[Step]:
        """The chain of accepted edges that joined two records, ``[]`` when apart.

        Among all paths of accepted edges (and must-links) between the two, the one
        whose weakest edge is strongest: the path in a maximum spanning tree of the
        cluster, built in the clustering's order (weight, then record indices).
        """
        i, j = self._position(key_a), self._position(key_b)
        labels = self.clustering.labels
        if i == j or labels[i] != labels[j]:
            return []
        steps = _tree_path(self._tree(int(labels[i])), i, j)
        return [(self.keys[a], self.keys[b], w) for a, b, w in steps]

    def _tree(self, label: int) -> dict[int, list[tuple[int, float]]]:
        """The maximum spanning tree of one cluster's accepted edges and must-links,
        built in the clustering's order (weight, then record indices)."""
        inside = self.clustering.labels == label
        ml_a, ml_b = self.clustering.must_link
        must = np.flatnonzero(inside[ml_a])
        edges = np.flatnonzero(self.clustering.accepted & inside[self.left])
        lo = np.minimum(self.left[edges], self.right[edges])
        hi = np.maximum(self.left[edges], self.right[edges])
        order = np.lexsort((hi, lo, -self.weight[edges]))
        triples = [(int(ml_a[k]), int(ml_b[k]), float("inf")) for k in must.tolist()]
        weights = self.weight[edges][order].tolist()
        triples += zip(lo[order].tolist(), hi[order].tolist(), weights, strict=True)
        return _spanning_tree(triples)

    def why(self, key_a: str, key_b: str) -> Why:
        """Why two records are together or apart: the path, and the refusals between them."""
        i, j = self._position(key_a), self._position(key_b)
        labels = self.clustering.labels
        la, lb = int(labels[i]), int(labels[j])
        refused = self.clustering.refused
        ends = {la, lb}
        rl, rr = labels[self.left[refused]], labels[self.right[refused]]
        if la == lb:
            between = (rl == la) & (rr == la)
        else:
            between = ((rl == la) & (rr == lb)) | ((rl == lb) & (rr == la))
        picked = np.flatnonzero(between)
        picked = picked[np.argsort(-self.weight[refused[picked]], kind="stable")]
        refusals = tuple(
            (
                self.keys[self.left[refused[p]]],
                self.keys[self.right[refused[p]]],
                float(self.weight[refused[p]]),
                self.clustering.refused_by[p],
            )
            for p in picked.tolist()
        )
        forced = tuple(
            name
            for k, name in zip(
                self.clustering.forced.tolist(), self.clustering.forced_by, strict=True
            )
            if int(labels[self.clustering.must_link[0][k]]) in ends
        )
        return Why(
            key_a=key_a,
            key_b=key_b,
            cluster_a=self.keys[la],
            cluster_b=self.keys[lb],
            same_cluster=la == lb,
            path=tuple(self.path(key_a, key_b)),
            refused=refusals,
            forced=forced,
            profile_a=None if self.profile_ids is None else self.profile_ids[la],
            profile_b=None if self.profile_ids is None else self.profile_ids[lb],
        )

    def explain(self, key_a: str, key_b: str) -> object:
        """The explanation of one pair from the ``explain`` callable given at build time.

        Raises:
            SettingsError: when no ``explain`` callable was given.
        """
        i, j = self._position(key_a), self._position(key_b)
        if self._explain is None:
            raise SettingsError("no explain callable was given to this IdentityGraph")
        return self._explain(i, j)
