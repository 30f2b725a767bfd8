"""Every export format behind one call: the CLI's ``export`` and the Data page use it.

``graphml``, ``gexf``, ``json``, ``csv`` and ``cypher`` are written by the format modules of
:mod:`loaders.formats` (the Cypher text itself is :mod:`graph.neo4j.script`'s); GraphML and
GEXF get the drawing's colours, positions and sizes from :func:`view_style`, computed here by
the drawing layer. ``html`` is the offline page of :mod:`exports.html`; ``png``, ``svg`` and
``pdf`` the posters of :mod:`exports.posters`.

Without filters the data formats (interchange and Cypher) hold the whole graph, every label
included. With filters (the network page's vocabulary, :func:`drawing.view.parse_filters`)
they hold the nodes of that view and the relationships the view draws among them; the
drawings (HTML and posters) always show a view, the page's default one when no filter is given.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import networkx as nx

from drawing.elements import DrawOptions, default_style, network_elements, view_elements
from drawing.filenames import file_name, view_stem
from drawing.i18n import t
from drawing.layout import SEED, layout_positions, view_positions
from drawing.view import WHOLE_GRAPH, ViewFilters, network_universe
from loaders import formats

__all__ = [
    "EXPORT_FORMATS",
    "DATA_FORMATS",
    "DRAWING_FORMATS",
    "ExportUnavailable",
    "Exported",
    "export_graph",
    "view_subgraph",
    "view_style",
]

DATA_FORMATS = formats.EXPORT_FORMATS  # graphml, gexf, json, csv, cypher
DRAWING_FORMATS = ("html", "png", "svg", "pdf")
EXPORT_FORMATS = DATA_FORMATS + DRAWING_FORMATS
MIME = {
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "json": "application/json",
    "csv": "application/zip",
    "cypher": "text/plain",
    "html": "text/html",
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
}


class ExportUnavailable(RuntimeError):
    """A format whose writer is not installed or not there yet."""


@dataclass(frozen=True)
class Exported:
    """An export's bytes, its media type and a file name that suits it."""

    data: bytes
    mime: str
    file_name: str


def view_subgraph(graph: nx.MultiDiGraph, filters: ViewFilters | None) -> nx.MultiDiGraph:
    """The whole graph (``filters`` None), or the nodes of the view and the relationships it
    draws among them, with all their properties."""
    if filters is None:
        return graph
    # what the view holds, not how it looks: no sizes to compute, no path to find
    held = replace(filters, size="none", path_from=None, path_to=None)
    nodes, edges = view_elements(graph, held, positions={})
    keep = set(nodes["key"])
    drawn = {(r.source, r.target, r.rel_type) for r in edges.itertuples() if r.rel_type != "PATH"}
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((k, dict(graph.nodes[k])) for k in sorted(keep))
    for u, v, k, data in graph.edges(keys=True, data=True):
        if (u, v, k) in drawn:
            sub.add_edge(u, v, key=k, **data)
    return sub


def view_style(
    graph: nx.MultiDiGraph, exported: nx.MultiDiGraph, filters: ViewFilters | None
) -> dict[str, dict[str, Any]]:
    """Colour, position and size of every node of ``exported`` (a part of ``graph``), as the
    network page draws it: for a view, the page's seeded layout of ``graph`` and its colour
    choice; for the whole graph (``filters`` None), the seeded layout of everything exported,
    coloured by actor type. GraphML and GEXF carry it for drawing tools."""
    if filters is None:
        return default_style(exported)
    positions = view_positions(network_universe(graph), filters.layout)
    missing = exported.subgraph([n for n in exported if n not in positions])
    if missing.number_of_nodes():
        positions = {**positions, **layout_positions(missing, seed=SEED)}
    look = replace(WHOLE_GRAPH, colour=filters.colour)
    nodes, _ = network_elements(exported, look, DrawOptions(positions=positions))
    return {
        row.key: {"color": row.color, "x": float(row.x), "y": float(row.y), "size": float(row.size)}
        for row in nodes.itertuples()
    }


def _note(filters: ViewFilters | None) -> str:
    if filters is None:
        return "whole graph"
    pairs = filters.describe()
    return "view: " + ("; ".join(f"{k}={v}" for k, v in pairs) if pairs else "default")


def _data_file(graph: nx.MultiDiGraph, fmt: str, filters: ViewFilters | None) -> bytes:
    """A data format of the whole graph or of the view: the writer of :mod:`loaders.formats`,
    given the view's drawing for GraphML and GEXF and the view's description for Cypher."""
    exported = view_subgraph(graph, filters)
    style = view_style(graph, exported, filters) if fmt in formats.STYLED_FORMATS else None
    return formats.write(exported, fmt, style=style, note=_note(filters))


def export_graph(
    graph: nx.MultiDiGraph,
    fmt: str,
    filters: ViewFilters | None = None,
    *,
    lang: str = "id",
    paper: str = "A4",
    orientation: str = "portrait",
    dpi: int = 150,
    title: str | None = None,
) -> Exported:
    """``graph`` (a store's NetworkX view) exported as ``fmt``, restricted by ``filters``;
    its file name says what it holds, in ``lang`` (:func:`drawing.filenames.view_stem`)."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"format is one of {', '.join(EXPORT_FORMATS)}, got {fmt!r}")
    if fmt in DATA_FORMATS:
        name = file_name(view_stem(filters, lang, graph), "zip" if fmt == "csv" else fmt)
        return Exported(_data_file(graph, fmt, filters), MIME[fmt], name)
    view = filters or ViewFilters()
    name = file_name(view_stem(view, lang, graph), fmt)
    if fmt == "html":
        from exports.html import view_html

        page = view_html(graph, view, lang=lang, heading=title)
        return Exported(page.encode("utf-8"), MIME[fmt], name)
    from exports.posters import PosterOptions, build_poster, poster_bytes

    options = PosterOptions(paper=paper, orientation=orientation, lang=lang, title=title, dpi=dpi)
    poster = build_poster(graph, view, options)
    data = poster_bytes(poster, fmt)
    poster.figure.clear()
    stem = view_stem(view, lang, graph, paper, t(f"data.orientation.{orientation}", lang))
    return Exported(data, MIME[fmt], file_name(stem, fmt))
