"""GEXF 1.3 files, read and written: what Gephi opens.

Writing — :func:`write_gexf` ``(graph, style=None) -> bytes`` writes GEXF 1.3 that validates
against the official schema. Properties are typed attributes (see
``loaders.formats.values``); parallel relationships of different types carry their type as
the edge ``kind``. When ``style`` maps node keys to ``{"color": "#rrggbb", "x": .., "y": ..,
"size": ..}`` each node gets ``viz:color``, ``viz:position`` and ``viz:size``. The official
1.3 XSD declares these elements in the GEXF namespace itself (not in
``http://gexf.net/1.3/viz`` as the 1.3 primer and NetworkX do), so the ``viz`` prefix is
bound to ``http://gexf.net/1.3``; Gephi matches the elements by local name. NetworkX's own
1.3 writer fails the schema three ways (the ``xsi`` namespace misspelt ``http://w3.org/...``,
a ``name`` attribute on ``<graph>``, viz in the other namespace), which is why this module
writes GEXF itself.

Reading — :func:`read_gexf` ``(data, file, lim=None) -> Parsed`` gives rows for the draft
stage; declared attributes with their defaults, a node's ``label`` as its name, an edge's
``kind`` or ``label`` as its type and its ``weight``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
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
from loaders.import_records import ERROR, ImportProblem, Parsed, Row
from loaders.limits import Limits, limits

__all__ = ["GEXF_NS", "write_gexf", "read_gexf"]

GEXF_NS = "http://gexf.net/1.3"
_E = f"{{{GEXF_NS}}}"

Style = Mapping[str, Mapping[str, Any]]


# -- writing ---------------------------------------------------------------------------------------
def _gexf_type(attr_type: str) -> str:
    return {"boolean": "boolean", "long": "long", "double": "double"}.get(attr_type, "string")


def _gexf_values(values: Any, attrs: Mapping[str, Any], types: Mapping[str, str]) -> None:
    """One ``attvalue`` per property present, and the list of JSON-encoded ones."""
    encoded = []
    for name, attr_type in types.items():
        if attrs.get(name) is None:
            continue
        text, is_json = text_value(attrs[name], attr_type)
        etree.SubElement(values, f"{_E}attvalue", value=xml_text(text)).set("for", name)
        if is_json:
            encoded.append(name)
    if encoded:
        etree.SubElement(values, f"{_E}attvalue", value=json.dumps(sorted(encoded))).set(
            "for", JSON_ATTR
        )


def _viz_prefix(text: bytes) -> bytes:
    """Spell the drawing elements ``viz:color``, ``viz:position``, ``viz:size`` (the ``viz``
    prefix is bound to the GEXF namespace, so the document is the same to any XML reader)."""
    for name in (b"color", b"position", b"size"):
        text = text.replace(b"<" + name + b" ", b"<viz:" + name + b" ")
    if b'xmlns:viz="' not in text:
        text = text.replace(
            b'<gexf xmlns="', b'<gexf xmlns:viz="' + GEXF_NS.encode() + b'" xmlns="', 1
        )
    return text


def _declare_attributes(
    g: Any, node_types: Mapping[str, str], edge_types: Mapping[str, str]
) -> None:
    for cls, types, first in (("node", node_types, NODE_LABEL_ATTR), ("edge", edge_types, "type")):
        attrs = etree.SubElement(g, f"{_E}attributes", mode="static")
        attrs.set("class", cls)
        for name, attr_type in [(first, "string"), *types.items(), (JSON_ATTR, "string")]:
            etree.SubElement(
                attrs, f"{_E}attribute", id=name, title=name, type=_gexf_type(attr_type)
            )


def _drawing(el: Any, look: Mapping[str, Any]) -> None:
    """``viz:color``, ``viz:position`` and ``viz:size`` of one node, as far as ``look`` gives."""
    colour = rgb(look.get("color", "")) if look.get("color") else None
    if colour:
        r, g, b = (str(part) for part in colour)
        etree.SubElement(el, f"{_E}color", r=r, g=g, b=b, a="1.0")
    if look.get("x") is not None and look.get("y") is not None:
        etree.SubElement(
            el, f"{_E}position", x=repr(float(look["x"])), y=repr(float(look["y"])), z="0.0"
        )
    if look.get("size") is not None:
        etree.SubElement(el, f"{_E}size", value=repr(float(look["size"])))


def _write_nodes(
    g: Any, graph: nx.MultiDiGraph, types: Mapping[str, str], style: Style | None
) -> None:
    nodes_el = etree.SubElement(g, f"{_E}nodes", count=str(graph.number_of_nodes()))
    for node, attrs in sorted(graph.nodes(data=True), key=lambda kv: kv[0]):
        el = etree.SubElement(
            nodes_el,
            f"{_E}node",
            id=xml_text(node),
            label=xml_text(str(attrs.get("name") or node)),
        )
        values = etree.SubElement(el, f"{_E}attvalues")
        etree.SubElement(values, f"{_E}attvalue", value=str(attrs.get("label", ""))).set(
            "for", NODE_LABEL_ATTR
        )
        _gexf_values(values, attrs, types)
        if style is not None:
            _drawing(el, style.get(node, {}))


def _write_edges(g: Any, graph: nx.MultiDiGraph, types: Mapping[str, str]) -> None:
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3])
    edges_el = etree.SubElement(g, f"{_E}edges", count=str(len(edges)))
    for i, (u, v, k, attrs) in enumerate(edges):
        el = etree.SubElement(
            edges_el, f"{_E}edge", id=str(i), source=u, target=v, label=str(k), kind=str(k)
        )
        weight = attrs.get("weight")
        if isinstance(weight, (int, float)) and not isinstance(weight, bool):
            el.set("weight", repr(float(weight)))
        values = etree.SubElement(el, f"{_E}attvalues")
        etree.SubElement(values, f"{_E}attvalue", value=str(k)).set("for", "type")
        _gexf_values(values, attrs, types)


def write_gexf(graph: nx.MultiDiGraph, style: Style | None = None) -> bytes:
    """GEXF 1.3 that validates against the official schema; Gephi and NetworkX read it.
    ``style`` adds each node's colour, position and size (see the module docstring)."""
    # one prefix per namespace in lxml: the default one; viz: is spelt by _viz_prefix
    root = etree.Element(f"{_E}gexf", nsmap={None: GEXF_NS}, version="1.3")
    meta = etree.SubElement(root, f"{_E}meta", lastmodifieddate=dt.date.today().isoformat())
    etree.SubElement(meta, f"{_E}creator").text = "Jejaring"
    etree.SubElement(
        meta, f"{_E}description"
    ).text = "stakeholder network (node_label = schema label)"
    g = etree.SubElement(root, f"{_E}graph", defaultedgetype="directed", mode="static")
    node_types = props_by_name((d for _, d in graph.nodes(data=True)), {"label"})
    edge_types = props_by_name((d for *_, d in graph.edges(keys=True, data=True)), {"type"})
    _declare_attributes(g, node_types, edge_types)
    _write_nodes(g, graph, node_types, style)
    _write_edges(g, graph, edge_types)
    text = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return _viz_prefix(text)


# -- reading ---------------------------------------------------------------------------------------
# class (node/edge) -> attribute id -> (title, type, default)
_Declared = dict[str, dict[str, tuple[str, str, Any]]]


def _declared(graph: ElementTree.Element) -> _Declared:
    declared: _Declared = {"node": {}, "edge": {}}
    for attrs in (el for el in graph if local_name(el.tag) == "attributes"):
        cls = attrs.get("class", "node")
        for a in attrs:
            if local_name(a.tag) != "attribute":
                continue
            default = next((c.text for c in a if local_name(c.tag) == "default"), None)
            declared.setdefault(cls, {})[a.get("id")] = (
                a.get("title") or a.get("id"),
                a.get("type", "string"),
                default,
            )
    return declared


def _cells_of(
    el: ElementTree.Element, cls: str, declared: _Declared, row: Row, parsed: Parsed
) -> dict[str, Any]:
    """The attributes of one node or edge: the declared defaults, then its ``attvalue`` s;
    the ones named in ``_json`` decoded."""
    cells = row.cells
    for _, (title, attr_type, default) in declared.get(cls, {}).items():
        if default is not None:
            with contextlib.suppress(ValueError, json.JSONDecodeError):
                cells[title] = typed_value(default, attr_type)
    for values in (c for c in el if local_name(c.tag) == "attvalues"):
        for av in values:
            if local_name(av.tag) != "attvalue":
                continue
            ref = av.get("for") or av.get("id")
            title, attr_type, _ = declared.get(cls, {}).get(ref, (ref, "string", None))
            try:
                cells[title] = typed_value(av.get("value"), attr_type)
            except (ValueError, json.JSONDecodeError) as exc:
                parsed.problems.append(
                    ImportProblem(row.file, row.sheet, row.row, title, f"not a {attr_type}: {exc}")
                )
    decode_json(cells, row, parsed.problems)
    return cells


def _read_nodes(graph: ElementTree.Element, declared: _Declared, file: str, parsed: Parsed):
    for number, el in enumerate((n for n in graph.iter() if local_name(n.tag) == "node"), 1):
        cells = _cells_of(el, "node", declared, Row(file, "nodes", number, {}, True), parsed)
        if el.get("label") and NODE_LABEL_ATTR not in cells and "name" not in cells:
            cells["label"] = el.get("label")
        elif el.get("label") and "name" not in cells:
            cells["name"] = el.get("label")
        anchor = el.get("id") or ""
        parsed.elements.append(Row(file, "nodes", number, node_cells(cells, anchor), True, anchor))


def _edge_extras(el: ElementTree.Element, cells: dict[str, Any], number: int, file: str, parsed):
    """Type, weight and direction from the edge element's own attributes."""
    if "type" not in cells:
        if el.get("kind"):
            cells["type"] = el.get("kind")
        elif el.get("label"):
            cells["type"] = el.get("label")
    if el.get("weight") and "weight" not in cells:
        try:
            cells["weight"] = float(el.get("weight"))
        except ValueError:
            parsed.problems.append(ImportProblem(file, "edges", number, "weight", "not a number"))
    if el.get("type") in ("undirected", "mutual"):
        cells.setdefault("direction", el.get("type"))


def _read_edges(graph: ElementTree.Element, declared: _Declared, file: str, parsed: Parsed):
    for number, el in enumerate((n for n in graph.iter() if local_name(n.tag) == "edge"), 1):
        cells = _cells_of(el, "edge", declared, Row(file, "edges", number, {}, True), parsed)
        _edge_extras(el, cells, number, file, parsed)
        cells = edge_cells(cells, el.get("source", ""), el.get("target", ""))
        parsed.connections.append(Row(file, "edges", number, cells, True))


def read_gexf(data: bytes, file: str, lim: Limits | None = None) -> Parsed:
    """Rows of the nodes and edges of a GEXF file."""
    parsed = Parsed(files=[file], formats=["gexf"])
    root = parse_xml(data, file, lim or limits(), parsed)
    if root is None:
        return parsed
    if local_name(root.tag) != "gexf":
        parsed.problems.append(
            ImportProblem(file, "", 1, "", "not a GEXF file (no <gexf>)", ERROR, "format")
        )
        return parsed
    graph = next((el for el in root if local_name(el.tag) == "graph"), None)
    if graph is None:
        parsed.problems.append(
            ImportProblem(file, "", None, "", "no <graph> element", ERROR, "format")
        )
        return parsed
    declared = _declared(graph)
    _read_nodes(graph, declared, file, parsed)
    _read_edges(graph, declared, file, parsed)
    return parsed
