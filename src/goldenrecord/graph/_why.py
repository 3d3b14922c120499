"""Why two records ended together or apart: the :class:`Why` an identity graph
answers with, and the paths through a cluster's spanning forest it reads them from.

Keys and weights only, never personal values.
"""

from __future__ import annotations

import attrs
import numpy as np

from goldenrecord._html import esc, heading, table, view

__all__ = ["Why"]

Step = tuple[str, str, float]
"""One edge of a path: record key, record key, match weight (``inf`` for a must-link)."""

Refusal = tuple[str, str, float, str]
"""A refused edge: record key, record key, match weight, the constraint it would break."""


def _link(step: Step) -> str:
    a, b, w = step
    return f"{a} – {b} (must-link)" if w == np.inf else f"{a} – {b} (weight {w:.2f})"


@attrs.frozen
class Why:
    """Why two records ended in one cluster, or apart. Keys and weights only.

    Attributes:
        key_a, key_b: the two records asked about.
        cluster_a, cluster_b: their clusters (named by the smallest key in each).
        same_cluster: whether they ended together.
        path: the chain of accepted edges (and must-links) that joined them, from
            ``key_a`` to ``key_b``, whose weakest edge is the strongest possible;
            empty when apart.
        refused: the refused edges between their two clusters (inside the cluster
            when together), strongest first, each with the constraint it would break.
        forced: constraints broken by must-link pairs inside either cluster.
        profile_a, profile_b: the profile ids of their clusters, when the graph knows
            them (a :class:`~goldenrecord.Resolution`'s does); the sentences then name
            the profiles rather than the clusters' smallest keys.
    """

    key_a: str
    key_b: str
    cluster_a: str
    cluster_b: str
    same_cluster: bool
    path: tuple[Step, ...]
    refused: tuple[Refusal, ...]
    forced: tuple[str, ...] = ()
    profile_a: str | None = None
    profile_b: str | None = None

    def sentences(self) -> list[str]:
        """The explanation as readable sentences.

        >>> for line in Why("a", "b", "a", "a", True, (("a", "b", 7.5),), ()).sentences():
        ...     print(line)
        a and b are in the same cluster (a).
        They were joined by 1 match: a – b (weight 7.50).
        >>> apart = Why("a", "c", "a", "c", False, (), (), profile_a="gp_1", profile_b="gp_2")
        >>> print(apart.sentences()[0])
        a and c are in different profiles (gp_1 and gp_2).
        """
        a, b = self.key_a, self.key_b
        out: list[str] = []
        noun, name_a, name_b = self._names()
        if a == b:
            return [f"{a} is one record, in {noun} {name_a}."]
        if self.same_cluster:
            out.append(f"{a} and {b} are in the same {noun} ({name_a}).")
            steps = ", ".join(_link(s) for s in self.path)
            count = len(self.path)
            out.append(f"They were joined by {count} match{'es' if count > 1 else ''}: {steps}.")
            weakest = min(w for _, _, w in self.path)
            if count > 1 and weakest != np.inf:
                out.append(f"The weakest link weighs {weakest:.2f}.")
        else:
            out.append(f"{a} and {b} are in different {noun}s ({name_a} and {name_b}).")
        if self.refused:
            where = f"inside the {noun}" if self.same_cluster else f"between the two {noun}s"
            count = len(self.refused)
            verb = "was" if count == 1 else "were"
            items = "; ".join(
                f"{x} – {y} (weight {w:.2f}) would have broken {name}"
                for x, y, w, name in self.refused
            )
            out.append(f"{count} match{'es' if count > 1 else ''} {where} {verb} refused: {items}.")
        elif not self.same_cluster:
            out.append(f"No accepted match links the two {noun}s.")
        if self.forced:
            out.append(
                f"Must-link pairs forced a {noun} past: "
                + ", ".join(sorted(set(self.forced)))
                + "."
            )
        return out

    def __str__(self) -> str:
        return "\n".join(self.sentences())

    def _names(self) -> tuple[str, str, str]:
        """``("profile", profile_a, profile_b)`` when the profile ids are known, else
        ``("cluster", cluster_a, cluster_b)``."""
        if self.profile_a is not None and self.profile_b is not None:
            return "profile", self.profile_a, self.profile_b
        return "cluster", self.cluster_a, self.cluster_b

    def _repr_html_(self) -> str:
        """For Jupyter: the answer in one line, the matches that joined the two records
        and the refused matches as tables, then any must-link breaks. Record keys,
        profile ids, weights and constraint names only, never personal values."""
        noun, _, _ = self._names()
        sentences = self.sentences()

        def weight(w: float) -> object:
            return "must-link" if w == np.inf else round(w, 2)

        path = table(
            "matches that joined them (strongest chain)",
            ("record", "record", "weight"),
            [(x, y, weight(w)) for x, y, w in self.path],
        )
        where = f"inside the {noun}" if self.same_cluster else f"between the two {noun}s"
        refused = table(
            f"refused matches {where}",
            ("record", "record", "weight", "would have broken"),
            [(x, y, weight(w), name) for x, y, w, name in self.refused],
        )
        rest = [
            line
            for line in sentences[1:]
            if line.startswith(("The weakest", "No accepted", "Must-link"))
        ]
        return view(
            heading(sentences[0]),
            path,
            refused,
            "".join(f"<p>{esc(line)}</p>" for line in rest),
        )


def _spanning_tree(triples: list[tuple[int, int, float]]) -> dict[int, list[tuple[int, float]]]:
    """Kruskal over edges already in order: the adjacency of the spanning forest."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = x = parent[parent[x]]
        return x

    tree: dict[int, list[tuple[int, float]]] = {}
    for a, b, w in triples:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra
            tree.setdefault(a, []).append((b, w))
            tree.setdefault(b, []).append((a, w))
    return tree


def _tree_path(
    tree: dict[int, list[tuple[int, float]]], i: int, j: int
) -> list[tuple[int, int, float]]:
    """The unique path from ``i`` to ``j`` in a forest, as (from, to, weight) steps."""
    came: dict[int, tuple[int, float]] = {i: (i, 0.0)}
    frontier = [i]
    while frontier and j not in came:
        nxt = []
        for x in frontier:
            for y, w in tree.get(x, ()):
                if y not in came:
                    came[y] = (x, w)
                    nxt.append(y)
        frontier = nxt
    if j not in came:
        return []
    steps = []
    while j != i:
        x, w = came[j]
        steps.append((x, j, w))
        j = x
    return steps[::-1]
