"""GraphML files, read and written: what Gephi, Cytoscape, yEd, igraph and NetworkX exchange.

Writing — :func:`write_graphml` ``(graph, style=None) -> bytes``. ``graph`` is a store's
NetworkX view (node keys ``Label:id``, edge keys the relationship type). Properties become
typed ``<key>`` s (boolean, long, double, string; see ``loaders.formats.values``). A drawing
travels in keys marked ``<desc>jejaring:view</desc>``, which the reader skips because they
describe a drawing, not the data: the display ``label`` of every node and edge, and, when
``style`` maps node keys to ``{"color": "#rrggbb", "x": .., "y": .., "size": ..}``, the
``color``, ``r``/``g``/``b``, ``x``, ``y`` and ``size`` of each node (the drawing layer
computes the style; without it the file has no colour, position or size).

Reading — :func:`read_graphml` ``(data, file, lim=None) -> Parsed`` gives rows for the draft
stage. Attributes the schema does not know are kept as extra properties under their own
names; ``<hyperedge>`` and ``<port>`` are reported and ignored; only the first graph is read.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from typing import Any
from xml.etree import ElementTree

import networkx as nx
from lxml import etree

from loaders.formats.values import (
    JSON_ATTR,
    NODE_LABEL_ATTR,
    decode_json,
    edge_cells,
    node_cells,
    props_by_name,
    rgb,
    text_value,
    typed_value,
)
from loaders.formats.xmlsafe import local_name, parse_xml, xml_text
from loaders.import_records import ERROR, WARNING, ImportProblem, Parsed, Row
from loaders.limits import Limits, limits

__all__ = ["GRAPHML_NS", "VIEW_DESC", "write_graphml", "read_graphml"]

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
VIEW_DESC = "jejaring:view"
_G = f"{{{GRAPHML_NS}}}"
_DRAWING_KEYS = (
    ("color", "string"),
    ("r", "int"),
    ("g", "int"),
    ("b", "int"),
    ("x", "double"),
    ("y", "double"),
    ("size", "double"),
)

Style = Mapping[str, Mapping[str, Any]]


# -- writing ---------------------------------------------------------------------------------------
class _Document:
    """A GraphML document being written: its root, its graph and the ids of its keys."""

    def __init__(self) -> None:
        self.root = etree.Element(f"{_G}graphml", nsmap={None: GRAPHML_NS, "xsi": XSI_NS})
        self.root.set(
            f"{{{XSI_NS}}}schemaLocation",
            f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
        )
        self.keys: dict[tuple[str, str], str] = {}
        self.graph: Any = None

    def key(self, domain: str, name: str, attr_type: str, view: bool = False) -> None:
        kid = f"{domain[0]}{len(self.keys)}"
        el = etree.SubElement(self.root, f"{_G}key", id=kid)
        el.set("for", domain)
        el.set("attr.name", name)
        el.set("attr.type", attr_type)
        if view:
            etree.SubElement(el, f"{_G}desc").text = VIEW_DESC
        self.keys[(domain, name)] = kid

    def data(self, parent: Any, domain: str, name: str, text: str) -> None:
        etree.SubElement(parent, f"{_G}data", key=self.keys[(domain, name)]).text = xml_text(text)

    def properties(
        self, parent: Any, domain: str, attrs: Mapping[str, Any], types: Mapping[str, str]
    ) -> None:
        """One ``<data>`` per property present, and ``_json`` naming the JSON-encoded ones."""
        encoded = []
        for name, attr_type in types.items():
            if attrs.get(name) is None:
                continue
            text, is_json = text_value(attrs[name], attr_type)
            self.data(parent, domain, name, text)
            if is_json:
                encoded.append(name)
        if encoded:
            self.data(parent, domain, JSON_ATTR, json.dumps(sorted(encoded)))


def _declare_keys(
    doc: _Document, node_types: Mapping[str, str], edge_types: Mapping[str, str], drawing: bool
) -> None:
    doc.key("node", NODE_LABEL_ATTR, "string")
    for name, attr_type in node_types.items():
        doc.key("node", name, attr_type)
    doc.key("node", JSON_ATTR, "string")
    doc.key("node", "label", "string", view=True)
    if drawing:
        for name, attr_type in _DRAWING_KEYS:
            doc.key("node", name, attr_type, view=True)
    doc.key("edge", "type", "string")
    for name, attr_type in edge_types.items():
        doc.key("edge", name, attr_type)
    doc.key("edge", JSON_ATTR, "string")
    doc.key("edge", "label", "string", view=True)


def _drawing(doc: _Document, el: Any, look: Mapping[str, Any]) -> None:
    """The colour, position and size of one node, as far as ``look`` gives them."""
    colour = rgb(look["color"]) if look.get("color") else None
    if colour:
        doc.data(el, "node", "color", str(look["color"]))
        for name, part in zip("rgb", colour, strict=True):
            doc.data(el, "node", name, str(part))
    for name in ("x", "y", "size"):
        if look.get(name) is not None:
            doc.data(el, "node", name, repr(float(look[name])))


def _write_nodes(
    doc: _Document, graph: nx.MultiDiGraph, types: Mapping[str, str], style: Style | None
) -> None:
    for node, attrs in sorted(graph.nodes(data=True), key=lambda kv: kv[0]):
        el = etree.SubElement(doc.graph, f"{_G}node", id=xml_text(node))
        doc.data(el, "node", NODE_LABEL_ATTR, str(attrs.get("label", "")))
        doc.properties(el, "node", attrs, types)
        doc.data(el, "node", "label", str(attrs.get("name") or node))
        if style is not None:
            _drawing(doc, el, style.get(node, {}))


def _write_edges(doc: _Document, graph: nx.MultiDiGraph, types: Mapping[str, str]) -> None:
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3])
    for i, (u, v, k, attrs) in enumerate(edges):
        el = etree.SubElement(doc.graph, f"{_G}edge", id=f"e{i}", source=u, target=v)
        doc.data(el, "edge", "type", str(k))
        doc.properties(el, "edge", attrs, types)
        doc.data(el, "edge", "label", str(k))


def write_graphml(graph: nx.MultiDiGraph, style: Style | None = None) -> bytes:
    """GraphML 1.0 that Gephi, Cytoscape, yEd, igraph and NetworkX read; ``style`` adds each
    node's colour, position and size (see the module docstring)."""
    doc = _Document()
    node_types = props_by_name((d for _, d in graph.nodes(data=True)), {"label"})
    edge_types = props_by_name((d for *_, d in graph.edges(keys=True, data=True)), {"type"})
    _declare_keys(doc, node_types, edge_types, drawing=style is not None)
    doc.graph = etree.SubElement(doc.root, f"{_G}graph", id="jejaring", edgedefault="directed")
    _write_nodes(doc, graph, node_types, style)
    _write_edges(doc, graph, edge_types)
    return etree.tostring(doc.root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# -- reading ---------------------------------------------------------------------------------------
# key id -> (for, attribute name or None for a drawing key, type, default)
_Keys = dict[str, tuple[str, str | None, str, Any]]


def _read_keys(root: ElementTree.Element) -> _Keys:
    keys: _Keys = {}
    for el in root:
        if local_name(el.tag) != "key":
            continue
        desc = next((c.text for c in el if local_name(c.tag) == "desc"), None)
        default = next((c.text for c in el if local_name(c.tag) == "default"), None)
        name = el.get("attr.name") or el.get("id")
        if desc == VIEW_DESC:
            name = None  # a drawing attribute written by Jejaring: not data
        keys[el.get("id")] = (el.get("for", "all"), name, el.get("attr.type", "string"), default)
    return keys


def _first_graph(root: ElementTree.Element, file: str, parsed: Parsed) -> Any:
    graphs = [el for el in root if local_name(el.tag) == "graph"]
    if not graphs:
        parsed.problems.append(
            ImportProblem(file, "", None, "", "no <graph> element", ERROR, "format")
        )
        return None
    if len(graphs) > 1:
        parsed.problems.append(
            ImportProblem(
                file, "", None, "", "more than one graph: only the first is read", WARNING, "layout"
            )
        )
    return graphs[0]


def _element_cells(
    el: ElementTree.Element, kind: str, keys: _Keys, row: Row, parsed: Parsed
) -> None:
    """The attributes of one node or edge: the keys' defaults, then its ``<data>``."""
    cells = row.cells
    for domain, name, attr_type, default in keys.values():
        if name and domain in (kind, "all") and default is not None:
            with contextlib.suppress(ValueError):
                cells[name] = typed_value(default, attr_type)
    for d in el:
        if local_name(d.tag) != "data":
            continue
        domain, name, attr_type, _ = keys.get(d.get("key"), ("all", d.get("key"), "string", None))
        if not name:
            continue
        try:
            cells[name] = typed_value(d.text, attr_type)
        except (ValueError, json.JSONDecodeError) as exc:
            parsed.problems.append(
                ImportProblem(row.file, row.sheet, row.row, name, f"not a {attr_type}: {exc}")
            )
    decode_json(cells, row, parsed.problems)


def _unsupported(kind: str, file: str) -> ImportProblem:
    return ImportProblem(
        file, "edges", None, "", f"<{kind}> is not supported and was ignored", WARNING, "layout"
    )


def _read_elements(graph: ElementTree.Element, keys: _Keys, file: str, parsed: Parsed) -> None:
    n_nodes = n_edges = 0
    for el in graph.iter():
        kind = local_name(el.tag)
        if kind not in ("node", "edge"):
            if kind in ("hyperedge", "port"):
                parsed.problems.append(_unsupported(kind, file))
            continue
        sheet = "nodes" if kind == "node" else "edges"
        number = n_nodes + 1 if kind == "node" else n_edges + 1
        row = Row(file, sheet, number, {}, typed=True)
        _element_cells(el, kind, keys, row, parsed)
        if kind == "node":
            n_nodes += 1
            anchor = el.get("id") or ""
            cells = node_cells(row.cells, anchor)
            parsed.elements.append(Row(file, sheet, number, cells, True, anchor))
        else:
            n_edges += 1
            cells = edge_cells(row.cells, el.get("source", ""), el.get("target", ""))
            parsed.connections.append(Row(file, sheet, number, cells, True))


def read_graphml(data: bytes, file: str, lim: Limits | None = None) -> Parsed:
    """Rows of the nodes and edges of a GraphML file's first graph."""
    parsed = Parsed(files=[file], formats=["graphml"])
    root = parse_xml(data, file, lim or limits(), parsed)
    if root is None:
        return parsed
    if local_name(root.tag) != "graphml":
        parsed.problems.append(
            ImportProblem(file, "", 1, "", "not a GraphML file (no <graphml>)", ERROR, "format")
        )
        return parsed
    keys = _read_keys(root)
    graph = _first_graph(root, file, parsed)
    if graph is not None:
        _read_elements(graph, keys, file, parsed)
    return parsed
