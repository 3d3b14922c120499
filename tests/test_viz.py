"""Charts: an explanation's waterfall and an identity graph's drawing, with matplotlib's
Agg backend; without matplotlib both raise an ImportError that names the viz extra."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from typing import Any

import matplotlib as mpl

mpl.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle

import goldenrecord as gr
from goldenrecord.graph import IdentityGraph, cluster
from goldenrecord.match._explain import Contribution

GREEN, RED = "#2e7d32", "#c62828"


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def _explanation() -> gr.Explanation:
    return gr.Explanation(
        id_a="a",
        id_b="b",
        prior=-10.0,
        contributions=(
            Contribution("name", 0, "exact", "Ana Lima", "Ana Lima", 0.9, 0.01, 6.49),
            Contribution("email", 2, "all other", "ana@x.io", "bo@y.io", 0.1, 0.9, -3.17),
            Contribution("phone", -1, "missing", None, "+33612345678", None, None, 0.0),
        ),
        match_weight=-6.68,
        match_probability=0.0097,
        candidate=True,
    )


def _texts(ax: Axes) -> list[str]:
    labels = [t.get_text() for t in (*ax.get_yticklabels(), *ax.get_xticklabels())]
    return [ax.get_title(), ax.get_xlabel(), *labels, *(t.get_text() for t in ax.texts)]


def test_explanation_chart_is_a_waterfall_bar_per_step() -> None:
    """One bar for the prior and one per comparison, each from the running total before it."""
    e = _explanation()
    ax = e.plot()
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(bars) == 1 + len(e.contributions)
    starts = [0.0, -10.0, -3.51, -6.68]
    widths = [-10.0, 6.49, -3.17, 0.0]
    assert [b.get_x() for b in bars] == pytest.approx(starts)
    assert [b.get_width() for b in bars] == pytest.approx(widths)
    assert [to_hex(b.get_facecolor()) for b in bars] == [RED, GREEN, RED, GREEN]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["prior", "name: exact", "email: all other", "phone: missing"]
    assert [t.get_text() for t in ax.texts] == ["-10.00", "+6.49", "-3.17", "0.00"]
    dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert [np.asarray(line.get_xdata())[0] for line in dashed] == [pytest.approx(-6.68)]
    assert "-6.68 bits" in ax.get_title()


def test_explanation_chart_never_shows_the_values() -> None:
    """Comparisons and levels only: a chart can be shared without personal data."""
    ax = _explanation().plot()
    shown = " ".join(_texts(ax))
    for value in ("Ana Lima", "ana@x.io", "bo@y.io", "+33612345678"):
        assert value not in shown


def test_explanation_chart_draws_on_the_axes_given() -> None:
    _, (left, right) = plt.subplots(1, 2)
    assert _explanation().plot(ax=right) is right
    assert not left.patches
    assert len(right.patches) == 4


def _graph(
    keys: Sequence[str],
    triples: Sequence[tuple[int, int, float]],
    ids: Sequence[str | None],
    sources: Sequence[str | None] | None,
    must: tuple[list[int], list[int]] | None = None,
) -> IdentityGraph:
    left = np.array([a for a, _, _ in triples], dtype=np.int64)
    right = np.array([b for _, b, _ in triples], dtype=np.int64)
    weight = np.array([w for _, _, w in triples], dtype=np.float64)
    column = np.empty(len(ids), dtype=object)
    column[:] = list(ids)
    result = cluster(
        len(keys),
        left,
        right,
        weight,
        values={"customer_no": column},
        limits={"customer_no": 1},
        must_link=None if must is None else (np.array(must[0]), np.array(must[1])),
    )
    probability = 2.0**weight / (1.0 + 2.0**weight)
    return IdentityGraph.for_records(
        keys, left, right, weight, probability, result, sources=sources
    )


# Ann (a, b, e) and Bob (c, d) share a phone; their customer numbers keep them apart.
KEYS = ["a", "b", "c", "d", "e"]
EDGES = [(0, 1, 14.0), (2, 3, 13.0), (1, 2, 6.0), (0, 3, 5.0), (0, 4, 9.0), (1, 4, 8.0)]
IDS = ["ann-001", None, "bob-002", None, None]
SOURCES = ["crm", "shop", "crm", "shop", "pos"]


def _edges(ax: Axes) -> dict[str, LineCollection]:
    return {str(c.get_label()): c for c in ax.collections if isinstance(c, LineCollection)}


def _dashed(lines: LineCollection) -> bool:
    styles: Any = lines.get_linestyle()  # [(offset, dash pattern or None for solid)]
    return all(dashes is not None for _, dashes in styles)


def test_graph_drawing_has_a_node_per_record_and_styled_edges() -> None:
    """Accepted edges solid (the joining tree dark with weights), refused ones dashed
    and labelled with the constraint; records of other clusters drawn white."""
    ax = _graph(KEYS, EDGES, IDS, SOURCES).draw("a")
    (nodes,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(np.asarray(nodes.get_offsets())) == 5  # a, b, e and the far ends c, d of refusals
    faces = [to_hex(tuple(c)) for c in np.asarray(nodes.get_facecolor())]
    assert faces[2:4] == ["#ffffff", "#ffffff"]  # c and d, in key order
    assert len(set(faces[:2] + faces[4:])) == 3  # crm, shop, pos
    edges = _edges(ax)
    assert set(edges) == {"tree", "other", "refused"}
    assert len(edges["tree"].get_segments()) == 2  # a–b 14, a–e 9 joined the cluster
    assert len(edges["other"].get_segments()) == 1  # b–e 8
    assert len(edges["refused"].get_segments()) == 2  # b–c 6, a–d 5
    assert _dashed(edges["refused"])
    assert not _dashed(edges["tree"])
    assert not _dashed(edges["other"])
    texts = _texts(ax)
    for label in ("14.0", "9.0", "8.0", "customer_no (6.0)", "customer_no (5.0)"):
        assert label in texts
    assert ax.get_title() == "cluster a: 3 records, 3 accepted matches, 2 refused"
    box = ax.get_legend()
    assert box is not None
    legend = [t.get_text() for t in box.get_texts()]
    assert legend[:3] == ["crm", "pos", "shop"]
    assert "record of another cluster" in legend
    assert "refused match" in legend


def test_graph_drawing_shows_must_links_and_labels_keys_with_sources() -> None:
    graph = _graph(["crm:1", "x2"], [], [None, None], ["crm", "web"], must=([0], [1]))
    ax = graph.draw("x2")
    edges = _edges(ax)
    assert set(edges) == {"must"}
    assert len(edges["must"].get_segments()) == 1
    texts = _texts(ax)
    assert "must-link" in texts
    assert "crm:1" in texts  # the key already names its source
    assert "x2\nweb" in texts


def test_graph_drawing_is_the_same_for_any_input_order() -> None:
    """A fixed seed over the records in key order: same records, same picture."""
    order = [4, 2, 0, 3, 1]  # KEYS[order[i]] is record i of the shuffled graph
    where = {old: new for new, old in enumerate(order)}
    shuffled = _graph(
        [KEYS[i] for i in order],
        [(where[a], where[b], w) for a, b, w in EDGES],
        [IDS[i] for i in order],
        [SOURCES[i] for i in order],
    )

    def positions(graph: IdentityGraph) -> np.ndarray:
        ax = graph.draw("b")
        (nodes,) = [c for c in ax.collections if isinstance(c, PathCollection)]
        return np.asarray(nodes.get_offsets())

    first = positions(_graph(KEYS, EDGES, IDS, SOURCES))
    np.testing.assert_allclose(positions(_graph(KEYS, EDGES, IDS, SOURCES)), first)
    np.testing.assert_allclose(positions(shuffled), first)


def test_graph_drawing_of_a_resolved_profile() -> None:
    """From a Resolution, a large profile (28 records, hundreds of accepted matches): the
    joining tree, one edge fewer than the profile has records, is drawn with its weights
    and the other accepted matches are left out and counted in the title (they were
    drawn as a hairball)."""
    table = gr.datasets.load_sample()
    res = gr.resolve(table.columns, table.schema())
    p = max(res.profiles, key=lambda q: (q.n_records, q.profile_id))
    ax = res.graph.draw(p.record_ids[0])
    edges = _edges(ax)
    graph = res.graph.to_networkx(p.record_ids[0])
    accepted = sum(1 for _, _, d in graph.edges(data=True) if d["accepted"])
    assert accepted > 2 * p.n_records  # a hairball if all were drawn
    assert len(edges["tree"].get_segments()) == p.n_records - 1
    assert "other" not in edges
    (nodes,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(np.asarray(nodes.get_offsets())) == p.n_records
    weights = [t for t in ax.texts if t.get_text().replace(".", "").isdigit()]
    assert len(weights) == p.n_records - 1
    # titled with the profile id, not the smallest record key, and the matches counted
    assert ax.get_title().startswith(
        f"profile {p.profile_id}: {p.n_records} records, {accepted} accepted matches "
        f"({p.n_records - 1} drawn)"
    )
    # labels beside their nodes, pushed outwards: not all above them
    offsets = [t.xyann for t in ax.texts if t.get_text() in p.record_ids]
    assert len(offsets) == p.n_records
    assert any(dy < 0 for _, dy in offsets)
    assert any(dx > 0 for dx, _ in offsets)


def test_without_matplotlib_charts_name_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """matplotlib stays optional: the error says how to install it."""
    graph = _graph(KEYS, EDGES, IDS, SOURCES)
    _, ax = plt.subplots()
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)  # import now fails
    extra = r"pip install 'goldenrecord\[viz\]'"
    with pytest.raises(ImportError, match=rf"an explanation chart needs matplotlib.*{extra}"):
        _explanation().plot()
    with pytest.raises(ImportError, match=extra):
        _explanation().plot(ax=ax)
    with pytest.raises(ImportError, match=rf"an identity graph drawing needs matplotlib.*{extra}"):
        graph.draw("a")
    assert not ax.patches


def test_sources_become_node_attributes_and_are_checked() -> None:
    graph = _graph(KEYS, EDGES, IDS, SOURCES)
    assert dict(graph.to_networkx("a").nodes(data="source")) == {
        "a": "crm",
        "b": "shop",
        "c": "crm",
        "d": "shop",
        "e": "pos",
    }
    assert "source" not in _graph(KEYS, EDGES, IDS, None).to_networkx().nodes["a"]
    with pytest.raises(gr.SettingsError, match=r"sources must name .* \(5\), got 2"):
        _graph(KEYS, EDGES, IDS, ["crm", "shop"])


def test_resolution_graph_knows_each_records_source() -> None:
    """res.graph carries the sources, so drawings colour records by source."""
    table = gr.datasets.load_sample()
    res = gr.resolve(table.columns, table.schema())
    graph = res.graph.to_networkx()
    sources = dict(zip(table.columns["record_id"], table.columns["source"], strict=True))
    assert {graph.nodes[k]["source"] for k in list(graph.nodes)[:50]} <= set(sources.values())
    assert all(graph.nodes[k]["source"] == sources[k] for k in list(graph.nodes)[:50])
