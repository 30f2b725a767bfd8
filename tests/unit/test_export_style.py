"""exports.formats computes the drawing style of GraphML and GEXF itself (the view's colours
and the page's seeded positions) and hands it to the format writers as data; the writers of
loaders.formats never compute a drawing (loaders never imports the drawing layer)."""

from __future__ import annotations

import io

import networkx as nx
import pytest

import loaders.formats as formats
import tests.unit.test_app_pages as base
from drawing.layout import layout_positions
from drawing.style import SECTOR_COLOURS, node_category, node_colour, node_size
from drawing.view import ViewFilters, network_universe
from exports.formats import export_graph, view_style
from graph.memory_store import MemoryStore


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    store = MemoryStore()
    base._small_graph(store)
    return store.to_networkx()


def test_whole_graph_style_is_the_network_pages_default_look(graph):
    """Seeded layout of everything, coloured by actor type, sized by label."""
    positions = layout_positions(nx.Graph(graph))
    want = {}
    for key, data in graph.nodes(data=True):
        label = data.get("label")
        x, y = positions.get(key, (0.0, 0.0))
        want[key] = {
            "color": node_colour(node_category(data, "actor_type"), label, "actor_type"),
            "x": float(x),
            "y": float(y),
            "size": float(node_size(label)),
        }
    assert view_style(graph, graph, None) == want


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_exports_hand_the_writer_a_style_for_every_node(graph, fmt, monkeypatch):
    seen: list[tuple[set[str], object]] = []
    writers = {"graphml": formats.graphml, "gexf": formats.gexf}
    module = writers[fmt]
    name = f"write_{fmt}"
    original = getattr(module, name)

    def spy(exported, style=None):
        seen.append((set(exported.nodes), style))
        return original(exported, style)

    monkeypatch.setattr(module, name, spy)
    assert export_graph(graph, fmt).data
    assert export_graph(graph, fmt, ViewFilters(colour="sector")).data
    assert len(seen) == 2
    assert seen[0][0] == set(graph.nodes)  # the whole graph, then the view's part of it
    for nodes, style in seen:
        assert style is not None and set(style) == nodes
        assert all(look["color"].startswith("#") for look in style.values())


def test_without_a_style_the_writers_write_no_drawing(graph):
    bare = nx.read_graphml(io.BytesIO(formats.write(graph, "graphml")))
    assert not any("color" in data or "x" in data for _, data in bare.nodes(data=True))
    drawn = formats.write(graph, "graphml", style=view_style(graph, graph, None))
    read = nx.read_graphml(io.BytesIO(drawn))
    assert all(data["color"].startswith("#") for _, data in read.nodes(data=True))


def test_view_colours_and_positions_reach_the_graphml(graph):
    data = export_graph(graph, "graphml", ViewFilters(colour="sector")).data
    read = nx.read_graphml(io.BytesIO(data))
    head = read.nodes["Actor:kades_mongpok"]
    assert head["color"] == SECTOR_COLOURS["governance"]
    x, y = layout_positions(network_universe(graph), seed=7)["Actor:kades_mongpok"]
    assert (head["x"], head["y"]) == pytest.approx((x, y))
