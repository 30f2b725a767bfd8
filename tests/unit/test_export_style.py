"""exports.formats computes the drawing style of GraphML and GEXF itself (the view's colours
and the page's seeded positions), so loaders.interchange's own lazy default is only a
fallback for callers that pass none."""

from __future__ import annotations

import io

import networkx as nx
import pytest

import loaders.interchange as interchange
import tests.unit.test_app_pages as base
from drawing.layout import layout_positions
from drawing.style import SECTOR_COLOURS
from drawing.view import ViewFilters, network_universe
from exports.formats import export_graph, view_style
from graph.memory_store import MemoryStore


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    store = MemoryStore()
    base._small_graph(store)
    return store.to_networkx()


def test_whole_graph_style_is_the_interchange_default(graph):
    assert view_style(graph, graph, None) == interchange.default_style(graph)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_exports_pass_the_style_and_never_need_the_fallback(graph, fmt, monkeypatch):
    def fallback(_graph):
        raise AssertionError("loaders.interchange computed the style itself")

    monkeypatch.setattr(interchange, "default_style", fallback)
    assert export_graph(graph, fmt).data
    assert export_graph(graph, fmt, ViewFilters(colour="sector")).data


def test_view_colours_and_positions_reach_the_graphml(graph):
    data = export_graph(graph, "graphml", ViewFilters(colour="sector")).data
    read = nx.read_graphml(io.BytesIO(data))
    head = read.nodes["Actor:kades_mongpok"]
    assert head["color"] == SECTOR_COLOURS["governance"]
    x, y = layout_positions(network_universe(graph), seed=7)["Actor:kades_mongpok"]
    assert (head["x"], head["y"]) == pytest.approx((x, y))
