"""matplotlib for the charts of explanations and the drawings of identity graphs.

matplotlib is optional (the ``viz`` extra): it is imported when a chart is asked
for, and its absence raises an ImportError that names the extra.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, Literal

from goldenrecord._io import require

if TYPE_CHECKING:
    # networkx ships no type hints; its stubs (types-networkx) are optional.
    import networkx as nx  # type: ignore[import-untyped,unused-ignore]
    from matplotlib.axes import Axes

__all__ = ["axes", "draw_identity", "pyplot"]


def pyplot(what: str) -> Any:
    """``matplotlib.pyplot``, or ImportError naming the ``viz`` extra.

    Args:
        what: what needs it, for the message (``"an explanation chart"``).
    """
    return require("matplotlib.pyplot", what)


def axes(ax: Axes | None, what: str, *, figsize: tuple[float, float]) -> Axes:
    """``ax`` itself, or the Axes of a new figure of ``figsize`` inches when None.

    Raises:
        ImportError: matplotlib is not installed (checked even when ``ax`` is given,
            so the message is the same either way).
    """
    plt = pyplot(what)
    if ax is not None:
        return ax
    _, new = plt.subplots(figsize=figsize, layout="constrained")
    created: Axes = new
    return created


_OUTSIDE = "#ffffff"
_EDGES: Final[dict[str, tuple[str, float, Literal["solid", "dashed"], str]]] = {
    "other": ("#b0bec5", 0.8, "solid", "other accepted match"),
    "tree": ("#37474f", 2.0, "solid", "match that joined the cluster"),
    "must": ("#1565c0", 2.0, "solid", "must-link"),
    "refused": ("#e65100", 1.6, "dashed", "refused match"),
}
"""Edge kinds in drawing order: colour, width, line style, legend entry."""
_MAX_WEIGHT_LABELS = 12
"""Up to this many accepted edges, every one is drawn and labelled with its weight;
beyond, only the spanning tree that joined the cluster is drawn (with the must-links and
refused edges), and the title says how many accepted matches were left out."""


def draw_identity(
    graph: nx.Graph[str],
    tree: set[tuple[str, str]],
    ax: Axes,
    *,
    seed: int,
) -> None:
    """Draw a graph of :meth:`~goldenrecord.graph.IdentityGraph.to_networkx` for one cluster.

    Records are nodes coloured by source and labelled by key (and source when the key
    does not start with it); records of other clusters are white. Accepted edges are
    solid: the spanning tree that joined the cluster (``tree``, pairs of keys in
    sorted order) dark and thick with its weights, the other accepted edges thin and
    light (left out, and counted in the title, beyond ``_MAX_WEIGHT_LABELS`` accepted
    edges); must-links blue; refused edges dashed orange, labelled with the constraint.
    Labels sit beside their nodes, away from the drawing's centre.
    The layout is a spring layout seeded with ``seed`` over the graph in key order, so
    the same records give the same drawing.
    """
    import networkx as nx  # type: ignore[import-untyped,unused-ignore]
    from matplotlib.lines import Line2D

    cluster = graph.graph["cluster"]
    ordered: nx.Graph[str] = nx.Graph()
    ordered.add_nodes_from(sorted(graph.nodes))
    ordered.add_edges_from(sorted(_pair(a, b) for a, b in graph.edges))
    groups: dict[str, list[tuple[str, str]]] = {kind: [] for kind in _EDGES}
    for a, b in ordered.edges:  # (a, b) in key order: nodes were added sorted
        data = graph.edges[a, b]
        if not data["accepted"]:
            groups["refused"].append((a, b))
        elif data["must_link"]:
            groups["must"].append((a, b))
        else:
            groups["tree" if (a, b) in tree else "other"].append((a, b))
    accepted = len(groups["tree"]) + len(groups["other"])
    hidden = len(groups["other"]) if accepted > _MAX_WEIGHT_LABELS else 0
    if hidden:  # a large profile: its spanning tree and refusals, not a hairball
        ordered.remove_edges_from(groups["other"])
        groups["other"] = []
    pos = nx.spring_layout(ordered, seed=seed, weight=None)

    nodes = list(ordered.nodes)
    sources = sorted({str(graph.nodes[n].get("source")) for n in nodes})
    palette = {s: f"C{k % 10}" for k, s in enumerate(sources)}

    def colour(node: str) -> str:
        if graph.nodes[node]["cluster"] != cluster:
            return _OUTSIDE
        return palette[str(graph.nodes[node].get("source"))]

    def label(node: str) -> str:
        source = graph.nodes[node].get("source")
        return node if source is None or node.startswith(source) else f"{node}\n{source}"

    for kind, edges in groups.items():
        if edges:
            colour_, width, style, _ = _EDGES[kind]
            nx.draw_networkx_edges(
                ordered,
                pos,
                edgelist=edges,
                ax=ax,
                label=kind,
                edge_color=colour_,
                width=width,
                style=style,
            )
    nx.draw_networkx_nodes(
        ordered,
        pos,
        ax=ax,
        node_color=[colour(n) for n in nodes],
        edgecolors="#333",
        node_size=300,
    )
    # labels beside the nodes, pushed away from the drawing's centre (in points), so
    # that the labels of neighbouring nodes do not sit on each other
    centre = sum(pos[n] for n in nodes) / len(nodes)
    for n in nodes:
        dx, dy = (float(v) for v in pos[n] - centre)
        norm = (dx * dx + dy * dy) ** 0.5 or 1.0
        dx, dy = (dx / norm, dy / norm) if norm > 1e-9 else (0.0, 1.0)
        ax.annotate(
            label(n),
            pos[n],
            xytext=(10 * dx, 10 * dy),
            textcoords="offset points",
            ha="left" if dx > 0.4 else "right" if dx < -0.4 else "center",
            va="bottom" if dy >= 0 else "top",
            fontsize=7,
            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8},
        )
    weights = groups["tree"] + groups["other"]  # "other" is empty once thinned
    texts = {e: f"{graph.edges[e]['weight']:.1f}" for e in weights}
    texts.update((e, "must-link") for e in groups["must"])
    texts.update(
        (e, f"{graph.edges[e]['refused_by']} ({graph.edges[e]['weight']:.1f})")
        for e in groups["refused"]
    )
    if texts:
        nx.draw_networkx_edge_labels(ordered, pos, edge_labels=texts, ax=ax, font_size=7)

    handles = [
        Line2D([], [], marker="o", linestyle="", color=palette[s], markeredgecolor="#333", label=s)
        for s in sources
        if s != "None"
    ]
    inside = sum(1 for n in nodes if graph.nodes[n]["cluster"] == cluster)
    if inside < len(nodes):
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                color=_OUTSIDE,
                markeredgecolor="#333",
                label="record of another cluster",
            )
        )
    handles += [
        Line2D([], [], color=colour_, linewidth=width, linestyle=style, label=name)
        for kind, (colour_, width, style, name) in _EDGES.items()
        if groups[kind]
    ]
    if handles:
        ax.legend(
            handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False
        )
    profile = graph.graph.get("profile_id")
    name = f"cluster {cluster}" if profile is None else f"profile {profile}"
    drawn = f" ({accepted - hidden} drawn)" if hidden else ""
    ax.set_title(
        f"{name}: {_count(inside, 'record')}, "
        f"{_count(accepted, 'accepted match')}{drawn}, {len(groups['refused'])} refused",
        fontsize=10,
    )
    ax.set_axis_off()


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _count(n: int, noun: str) -> str:
    """``"1 record"``, ``"2 records"``, ``"2 accepted matches"``."""
    if n == 1:
        return f"1 {noun}"
    return f"{n} {noun}{'es' if noun.endswith(('ch', 's')) else 's'}"
