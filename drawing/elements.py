"""What a view draws: the tables of nodes and relationships, with colour, shape, size and
position, for the network page, the offline HTML, the posters and the data exports alike.

:func:`view_parts` is the one function from a :class:`drawing.view.ViewFilters` to its
drawing: the network page and every export call it (the page handing over what it has
cached), so the same view text gives the same nodes, colours and positions everywhere.
:func:`network_elements` does the filtering and styling of one graph for a view, given the
drawing options (positions, sizes, line widths, path, language).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from drawing.layout import SEED, layout_positions, view_positions
from drawing.style import (
    COLOUR_BY,
    node_category,
    node_colour,
    node_shape,
    node_size,
    scaled_sizes,
)
from drawing.view import WHOLE_GRAPH, ViewFilters, network_universe, scope_keep
from queries.centrality import centrality_table
from queries.collaboration import collaboration_projection
from queries.overview import display_name
from queries.scope import capped_ego, in_window, node_period
from queries.views import shortest_paths

__all__ = [
    "NODE_COLUMNS",
    "EDGE_COLUMNS",
    "DrawOptions",
    "ViewParts",
    "network_elements",
    "view_parts",
    "view_elements",
    "view_projection",
    "view_path",
    "path_pairs",
    "collaboration_weights",
    "metric_scores",
    "capped_view",
    "default_style",
]

NODE_COLUMNS = [
    "key",
    "label",
    "id",
    "name",
    "actor_type",
    "sector",
    "level",
    "category",
    "color",
    "shape",
    "size",
    "x",
    "y",
    "highlight",
]
EDGE_COLUMNS = ["source", "target", "rel_type", "description", "weight", "highlight"]


@dataclass(frozen=True)
class DrawOptions:
    """How the elements of a view are drawn, beyond what the view itself says.

    ``positions`` maps node keys to pixels (nodes without one get none); ``sizes`` maps
    node keys to pixel sizes (others keep their label's size); ``weights`` maps
    ``frozenset({a, b})`` of two actors to the collaboration weight that sets the width of
    their lines; ``path`` pairs are highlighted (and drawn as a line of their own when the
    graph has no relationship between the two); names are in ``lang``.
    """

    lang: str = "id"
    positions: Mapping[str, tuple[float, float]] | None = None
    sizes: Mapping[str, float] | None = None
    weights: Mapping[frozenset, float] | None = None
    path: Sequence[tuple[str, str]] = ()


def network_elements(
    graph: nx.MultiDiGraph,
    view: ViewFilters = WHOLE_GRAPH,
    options: DrawOptions = DrawOptions(),  # noqa: B008 - frozen, so a shared default is safe
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The nodes and relationships of ``graph`` that ``view`` keeps, with colour, shape,
    size and position.

    The filters combine (a node must pass all of them). Levels, actor types and sectors
    apply to actors only (other nodes have none); the programme and the focus keep their
    scope (:func:`drawing.view.scope_keep`); years drop nodes and relationships dated
    outside them and keep undated ones (``undated="drop"`` leaves out undated nodes; the
    undated relationships among the nodes kept stay); relationship types keep relationships of those
    types between kept nodes. Actors are coloured by ``view.colour`` (actor type or
    sector), other nodes by their label. The default view keeps everything.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Actor:a", label="Actor", id="a", name="Kades", actor_type="village_government",
    ...            sector="governance", level="desa")
    >>> g.add_node("Program:k", label="Program", id="k", name="Kampung KB")
    >>> _ = g.add_edge("Actor:a", "Program:k", key="LEADS", type="LEADS")
    >>> nodes, edges = network_elements(g, ViewFilters(labels=("Actor", "Program")))
    >>> nodes[["key", "category", "color"]].values.tolist()
    [['Actor:a', 'village_government', '#ff7f0e'], ['Program:k', 'Program', '#393b79']]
    >>> edges[["source", "target", "rel_type"]].values.tolist()
    [['Actor:a', 'Program:k', 'LEADS']]
    >>> view = ViewFilters(labels=None, colour="sector", sectors=("health",))
    >>> network_elements(g, view)[0]["key"].tolist()
    ['Program:k']
    """
    if view.colour not in COLOUR_BY:
        raise ValueError(f"colour is one of {COLOUR_BY}, got {view.colour!r}")
    positions = options.positions or {}
    sizes = options.sizes or {}
    on_path = {n for pair in options.path for n in pair}
    keep = scope_keep(graph, view)
    rows = []
    for key, data in sorted(graph.nodes(data=True)):
        if not _node_kept(key, data, view, keep):
            continue
        label = data.get("label")
        category = node_category(data, view.colour)
        x, y = positions.get(key, (None, None))
        rows.append(
            {
                "key": key,
                "label": label,
                "id": data.get("id"),
                "name": display_name(data, options.lang),
                "actor_type": data.get("actor_type"),
                "sector": data.get("sector"),
                "level": data.get("level"),
                "category": category,
                "color": node_colour(category, label, view.colour),
                "shape": node_shape(label),
                "size": sizes.get(key, node_size(label)),
                "x": x,
                "y": y,
                "highlight": key in on_path,
            }
        )
    nodes = pd.DataFrame(rows, columns=NODE_COLUMNS)
    edges = _edges_between(graph, set(nodes["key"]), view, options)
    return nodes, edges


def _node_kept(
    key: str, data: Mapping[str, Any], view: ViewFilters, keep: Collection[str] | None
) -> bool:
    label = data.get("label")
    if view.labels is not None and label not in view.labels:
        return False
    if keep is not None and key not in keep:
        return False
    if label == "Actor":
        for values, prop in (
            (view.levels, "level"),
            (view.types, "actor_type"),
            (view.sectors, "sector"),
        ):
            if values is not None and data.get(prop) not in values:
                return False
    return in_window(*node_period(data), view.years, keep_undated=view.undated == "keep")


def _edges_between(
    graph: nx.MultiDiGraph, kept: set[str], view: ViewFilters, options: DrawOptions
) -> pd.DataFrame:
    weights = options.weights or {}
    on_path = {frozenset(pair) for pair in options.path}
    linked: set[frozenset] = set()
    rows = []
    for u, v, k, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        if u not in kept or v not in kept or (view.rels is not None and k not in view.rels):
            continue
        if not in_window(data.get("date"), data.get("date"), view.years):
            continue
        pair = frozenset((u, v))
        linked.add(pair)
        text = data.get("description_en") if options.lang == "en" else None
        rows.append(
            {
                "source": u,
                "target": v,
                "rel_type": k,
                "description": text or data.get("description") or "",
                "weight": weights.get(pair),
                "highlight": pair in on_path,
            }
        )
    # A hop of the shortest path rests on the collaboration projection (two actors working
    # on the same intervention, say), which may have no direct relationship to draw.
    for a, b in options.path:
        if a in kept and b in kept and frozenset((a, b)) not in linked:
            rows.append(
                {
                    "source": a,
                    "target": b,
                    "rel_type": "PATH",
                    "description": "",
                    "weight": weights.get(frozenset((a, b))),
                    "highlight": True,
                }
            )
    return pd.DataFrame(rows, columns=EDGE_COLUMNS)


# -- a view from its description ------------------------------------------------------------------
def path_pairs(path: Sequence[Mapping[str, Any]] | None) -> list[tuple[str, str]]:
    """The ``(from, to)`` pairs of a path from :func:`queries.views.shortest_paths`."""
    return [(str(hop["from"]), str(hop["to"])) for hop in path or ()]


def collaboration_weights(projection: nx.Graph) -> dict[frozenset, float]:
    """``frozenset({a, b})`` of two collaborating actors -> the weight of their collaboration."""
    return {frozenset((u, v)): w for u, v, w in projection.edges(data="weight", default=1)}


def view_projection(graph: nx.MultiDiGraph, view: ViewFilters) -> nx.Graph:
    """The collaboration projection of ``graph`` within the view's years."""
    window = (str(view.years[0]), str(view.years[1])) if view.years else None
    return collaboration_projection(graph, date_window=window)


def metric_scores(projection: nx.Graph, metric: str) -> dict[str, float]:
    """Every actor's value of the collaboration ``metric`` (:mod:`queries.centrality`)."""
    table = centrality_table(projection, metrics=[metric])
    return dict(zip(table["actor"], table[metric].astype(float), strict=False))


def view_path(projection: nx.Graph, view: ViewFilters) -> list[dict] | None:
    """The first shortest path between the view's two path ends (``[]``: none exists), or
    None when the view asks for none (an end missing, unknown, or both the same actor)."""
    a, b = view.path_from, view.path_to
    if not a or not b or a == b or a not in projection or b not in projection:
        return None
    paths = shortest_paths(projection, a, b, max_paths=1)
    return paths[0] if paths else []


@dataclass(frozen=True)
class ViewParts:
    """A view's drawing tables and what they were computed from: the collaboration
    projection (line widths, tooltip numbers), the size metric's values (None without
    one) and the hops of the shortest path (None when none is asked)."""

    nodes: pd.DataFrame
    edges: pd.DataFrame
    projection: nx.Graph
    metric: Mapping[str, float] | None
    path: list[dict] | None


def view_parts(
    graph: nx.MultiDiGraph,
    view: ViewFilters = ViewFilters(),  # noqa: B008 - frozen, so a shared default is safe
    *,
    lang: str = "id",
    universe: nx.MultiDiGraph | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
    projection: nx.Graph | None = None,
    metric: Mapping[str, float] | None = None,
    path: list[dict] | None = None,
) -> ViewParts:
    """The view ``view`` describes of ``graph`` (a store's NetworkX view), as the network
    page draws it.

    Every part not given is computed here: ``universe`` (:func:`network_universe`),
    ``positions`` (the seeded layout of everything the view can show, so filters never move
    a node; ``{}`` for none), ``projection`` (collaboration within the view's years: the
    line widths), ``metric`` (the values of ``view.size``) and ``path`` (the hops between
    ``view.path_from`` and ``view.path_to``). A caller that keeps some of them hands them
    over, and gets the same result faster.
    """
    universe = network_universe(graph) if universe is None else universe
    if positions is None:
        positions = view_positions(universe, view.layout)
    if projection is None:
        projection = view_projection(graph, view)
    sizes = None
    if view.size != "none":
        metric = metric_scores(projection, view.size) if metric is None else metric
        sizes = scaled_sizes(metric)
    else:
        metric = None
    if path is None:
        path = view_path(projection, view)
    options = DrawOptions(
        lang=lang,
        positions=positions,
        sizes=sizes,
        weights=collaboration_weights(projection),
        path=tuple(path_pairs(path)),
    )
    nodes, edges = network_elements(universe, view, options)
    return ViewParts(nodes, edges, projection, metric, path)


def view_elements(
    graph: nx.MultiDiGraph,
    view: ViewFilters = ViewFilters(),  # noqa: B008 - frozen, so a shared default is safe
    *,
    lang: str = "id",
    positions: Mapping[str, tuple[float, float]] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The nodes and relationships of :func:`view_parts` (what the data exports keep)."""
    parts = view_parts(graph, view, lang=lang, positions=positions)
    return parts.nodes, parts.edges


# -- graphs above the node cap ------------------------------------------------------------------
def capped_view(
    graph: nx.MultiDiGraph,
    focus: str,
    *,
    depth: int,
    cap: int,
    lang: str = "id",
    colour_by: str = "actor_type",
) -> tuple[pd.DataFrame, pd.DataFrame, bool]:
    """The drawing of ``focus`` and its neighbourhood in a graph above the node cap: at
    most ``cap`` nodes (:func:`queries.scope.capped_ego`), laid out on their own, line
    widths from the collaboration among the nodes drawn; and whether the neighbourhood
    was cut."""
    keep, cut = capped_ego(graph, focus, depth, cap)
    sub = graph.subgraph(keep)
    options = DrawOptions(
        lang=lang,
        positions=layout_positions(sub, seed=SEED),
        weights=collaboration_weights(collaboration_projection(sub)),
    )
    nodes, edges = network_elements(sub, ViewFilters(labels=None, colour=colour_by), options)
    return nodes, edges, cut


def default_style(graph: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Colour, position and size of every node of ``graph`` as the network page draws a
    whole graph: its own seeded layout, coloured by actor type. The drawing tools that read
    GraphML and GEXF show it.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Program:k", label="Program", id="k")
    >>> default_style(g)["Program:k"]["color"], default_style(g)["Program:k"]["size"]
    ('#393b79', 20.0)
    """
    positions = layout_positions(graph, seed=SEED)
    nodes, _ = network_elements(graph, WHOLE_GRAPH, DrawOptions(positions=positions))
    return {
        row.key: {"color": row.color, "x": float(row.x), "y": float(row.y), "size": float(row.size)}
        for row in nodes.itertuples()
    }
