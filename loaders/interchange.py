"""GraphML, GEXF and JSON node-link files, read and written in one place (and CSV via
``loaders.tabular``), so that every round trip lives in one module.

Writing — :func:`export_bytes` ``(graph, fmt, *, style=None) -> bytes`` for ``graphml``,
``gexf``, ``json`` and ``csv`` (a zip of ``nodes.csv`` + ``edges.csv``). ``graph`` is a
store's NetworkX view (node keys ``Label:id``, edge keys the relationship type). ``style``
maps node keys to ``{"color": "#rrggbb", "x": .., "y": .., "size": ..}`` (the current view);
without it the network page's seeded layout and colours are used.

- Every property is written under its own name; the schema label travels as ``node_label``
  (the node's display ``label`` is its name, which Gephi, yEd and Cytoscape show), the
  relationship type as ``type``. Values that are lists or mappings (evidence locators,
  aliases, a claim's check) are JSON text, and the element's ``_json`` attribute names them,
  as the Neo4j store does.
- GraphML: typed ``<key>`` s (boolean, long, double, string); the view (``label``, ``color``,
  ``r``/``g``/``b``, ``x``, ``y``, ``size``) in keys marked ``<desc>jejaring:view</desc>``,
  which the reader skips: they describe a drawing, not the data.
- GEXF 1.3, valid against the official schema: colour, position and size as
  ``viz:color`` / ``viz:position`` / ``viz:size``. The official 1.3 XSD declares these elements
  in the GEXF namespace itself (not in ``http://gexf.net/1.3/viz`` as the 1.3 primer and
  NetworkX do), so the ``viz`` prefix is bound to ``http://gexf.net/1.3``; Gephi matches the
  elements by local name. NetworkX's own 1.3 writer fails the schema three ways (the
  ``xsi`` namespace misspelt ``http://w3.org/...``, a ``name`` attribute on ``<graph>``, viz in
  the other namespace), which is why this module writes GEXF itself. Parallel relationships of
  different types carry their type as the edge ``kind`` (GEXF 1.3).
- JSON: the node-link shape of NetworkX (``nodes`` with ``id`` = ``Label:id``, ``links`` with
  ``source``, ``target``, ``key``): ``networkx.node_link_graph(data, edges="links")`` reads it.

Reading — :func:`read_interchange` ``(data, file, fmt) -> Parsed`` gives rows for
``loaders.tabular.rows_to_drafts``. Attributes the schema does not know are kept as extra
properties under their own names. XML is parsed with defusedxml (no DTD, no entity, no
external reference: a document with a DOCTYPE is refused) into a plain tree that this module
walks itself; nesting depth and the number of nodes and edges are capped (``loaders.safety``),
and JSON has the same caps.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any
from xml.etree import ElementTree

import networkx as nx
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as defused_etree
from lxml import etree

from graph.schema import LABELS
from loaders import safety, tabular
from loaders.import_records import ERROR, WARNING, ImportProblem, Parsed, Row

__all__ = [
    "EXPORT_FORMATS",
    "export_bytes",
    "write_graphml",
    "write_gexf",
    "write_json",
    "read_interchange",
    "default_style",
    "safe_parser",
    "GEXF_NS",
]

EXPORT_FORMATS = ("graphml", "gexf", "json", "csv")
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
GEXF_NS = "http://gexf.net/1.3"
VIEW_DESC = "jejaring:view"
JSON_ATTR = "_json"
NODE_LABEL_ATTR = "node_label"


def safe_parser() -> etree.XMLParser:
    """An lxml parser that expands no entity, loads no DTD, opens no network connection
    and keeps lxml's limits on depth and text size (no ``huge_tree``)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


# -- style of the current view ------------------------------------------------------------------
def default_style(graph: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Colour, position and size of every node as the network page draws it by default
    (seeded layout, colour by actor type)."""
    try:
        from drawing.elements import default_style as drawing_style  # only for the look
    except ImportError:  # pragma: no cover - the drawing layer is part of the project
        return {}
    return drawing_style(graph)


def _rgb(colour: str) -> tuple[int, int, int] | None:
    c = str(colour).lstrip("#")
    if len(c) != 6:
        return None
    try:
        return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)
    except ValueError:
        return None


# -- typing of attributes -----------------------------------------------------------------------
def _attr_type(values: Iterable[Any]) -> str:
    """``boolean``, ``long``, ``double`` or ``string`` for all values of one attribute."""
    kinds = set()
    for v in values:
        if isinstance(v, bool):
            kinds.add("boolean")
        elif isinstance(v, int):
            kinds.add("long")
        elif isinstance(v, float):
            kinds.add("double")
        else:
            kinds.add("string")
    if kinds == {"boolean"}:
        return "boolean"
    if kinds == {"long"}:
        return "long"
    if kinds and kinds <= {"long", "double"}:
        return "double"
    return "string"


def _text_value(value: Any, attr_type: str) -> tuple[str, bool]:
    """The text of ``value`` under ``attr_type``, and whether it is JSON (listed in _json)."""
    if attr_type == "boolean":
        return ("true" if value else "false"), False
    if attr_type == "long":
        return str(int(value)), False
    if attr_type == "double":
        return repr(float(value)), False
    if isinstance(value, str):
        return value, False
    return json.dumps(value, ensure_ascii=False, sort_keys=True), True


def _props_by_name(items: Iterable[Mapping[str, Any]], skip: set[str]) -> dict[str, str]:
    values: dict[str, list[Any]] = {}
    for data in items:
        for name, value in data.items():
            if name in skip or value is None:
                continue
            values.setdefault(name, []).append(value)
    return {name: _attr_type(vals) for name, vals in sorted(values.items())}


def _xml_text(value: str) -> str:
    """``value``, or ValueError naming a character XML 1.0 cannot hold."""
    for ch in value:
        code = ord(ch)
        if (
            code < 0x20
            and ch not in "\t\n\r"
            or 0xD800 <= code <= 0xDFFF
            or code in (0xFFFE, 0xFFFF)
        ):
            raise ValueError(f"a value holds a character XML cannot store: U+{code:04X}")
    return value


# -- GraphML --------------------------------------------------------------------------------------
def write_graphml(
    graph: nx.MultiDiGraph, style: Mapping[str, Mapping[str, Any]] | None = None
) -> bytes:
    """GraphML 1.0 that Gephi, Cytoscape, yEd, igraph and NetworkX read."""
    style = default_style(graph) if style is None else style
    root = etree.Element(
        f"{{{GRAPHML_NS}}}graphml",
        nsmap={None: GRAPHML_NS, "xsi": XSI_NS},
    )
    root.set(
        f"{{{XSI_NS}}}schemaLocation",
        f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
    )
    node_types = _props_by_name((d for _, d in graph.nodes(data=True)), {"label"})
    edge_types = _props_by_name((d for *_, d in graph.edges(keys=True, data=True)), {"type"})
    keys: dict[tuple[str, str], str] = {}

    def key(domain: str, name: str, attr_type: str, view: bool = False) -> str:
        kid = f"{domain[0]}{len(keys)}"
        el = etree.SubElement(root, f"{{{GRAPHML_NS}}}key", id=kid)
        el.set("for", domain)
        el.set("attr.name", name)
        el.set("attr.type", attr_type)
        if view:
            etree.SubElement(el, f"{{{GRAPHML_NS}}}desc").text = VIEW_DESC
        keys[(domain, name)] = kid
        return kid

    key("node", NODE_LABEL_ATTR, "string")
    for name, attr_type in node_types.items():
        key("node", name, attr_type)
    key("node", JSON_ATTR, "string")
    for name, attr_type in (
        ("label", "string"),
        ("color", "string"),
        ("r", "int"),
        ("g", "int"),
        ("b", "int"),
        ("x", "double"),
        ("y", "double"),
        ("size", "double"),
    ):
        key("node", name, attr_type, view=True)
    key("edge", "type", "string")
    for name, attr_type in edge_types.items():
        key("edge", name, attr_type)
    key("edge", JSON_ATTR, "string")
    key("edge", "label", "string", view=True)

    g = etree.SubElement(root, f"{{{GRAPHML_NS}}}graph", id="jejaring", edgedefault="directed")

    def data(parent: etree._Element, domain: str, name: str, text: str) -> None:
        etree.SubElement(
            parent, f"{{{GRAPHML_NS}}}data", key=keys[(domain, name)]
        ).text = _xml_text(text)

    for node, attrs in sorted(graph.nodes(data=True), key=lambda kv: kv[0]):
        el = etree.SubElement(g, f"{{{GRAPHML_NS}}}node", id=_xml_text(node))
        data(el, "node", NODE_LABEL_ATTR, str(attrs.get("label", "")))
        encoded = []
        for name, attr_type in node_types.items():
            if attrs.get(name) is None:
                continue
            text, is_json = _text_value(attrs[name], attr_type)
            data(el, "node", name, text)
            if is_json:
                encoded.append(name)
        if encoded:
            data(el, "node", JSON_ATTR, json.dumps(sorted(encoded)))
        look = style.get(node, {})
        data(el, "node", "label", str(attrs.get("name") or node))
        if look.get("color") and _rgb(look["color"]):
            r, gg, b = _rgb(look["color"])
            data(el, "node", "color", str(look["color"]))
            data(el, "node", "r", str(r))
            data(el, "node", "g", str(gg))
            data(el, "node", "b", str(b))
        for name in ("x", "y", "size"):
            if look.get(name) is not None:
                data(el, "node", name, repr(float(look[name])))
    for i, (u, v, k, attrs) in enumerate(
        sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3])
    ):
        el = etree.SubElement(g, f"{{{GRAPHML_NS}}}edge", id=f"e{i}", source=u, target=v)
        data(el, "edge", "type", str(k))
        encoded = []
        for name, attr_type in edge_types.items():
            if attrs.get(name) is None:
                continue
            text, is_json = _text_value(attrs[name], attr_type)
            data(el, "edge", name, text)
            if is_json:
                encoded.append(name)
        if encoded:
            data(el, "edge", JSON_ATTR, json.dumps(sorted(encoded)))
        data(el, "edge", "label", str(k))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _typed(text: str | None, attr_type: str) -> Any:
    text = "" if text is None else text
    t = attr_type.lower()
    if t == "boolean":
        low = text.strip().lower()
        if low in ("true", "1"):
            return True
        if low in ("false", "0"):
            return False
        raise ValueError(f"{text!r} is not a boolean")
    if t in ("int", "long", "integer", "short", "byte", "biginteger"):
        return int(text.strip())
    if t in ("float", "double", "bigdecimal"):
        value = float(text.strip())
        if math.isnan(value) or math.isinf(value):
            raise ValueError(f"{text!r} is not a finite number")
        return value
    if t.startswith("list"):
        s = text.strip()
        if s.startswith("["):
            return tabular.loads_cell(s)
        return [p for p in s.strip("[]").replace(",", "|").split("|") if p.strip()]
    return text


def _decode_json(cells: dict[str, Any], row: Row, problems: list[ImportProblem]) -> None:
    names = cells.pop(JSON_ATTR, None)
    if not names:
        return
    try:
        listed = tabular.loads_cell(names) if isinstance(names, str) else names
    except json.JSONDecodeError:
        problems.append(ImportProblem(row.file, row.sheet, row.row, JSON_ATTR, "not a JSON list"))
        return
    if not isinstance(listed, list) or not all(isinstance(n, str) for n in listed):
        problems.append(
            ImportProblem(row.file, row.sheet, row.row, JSON_ATTR, "not a JSON list of names")
        )
        return
    for name in listed:
        if isinstance(cells.get(name), str):
            try:
                cells[name] = tabular.loads_cell(cells[name])
            except json.JSONDecodeError as exc:
                problems.append(
                    ImportProblem(row.file, row.sheet, row.row, name, f"not valid JSON: {exc.msg}")
                )


def _parse_xml(data: bytes, file: str, parsed: Parsed) -> ElementTree.Element | None:
    """The root of an XML document parsed with defusedxml (no DTD, no entity, no external
    reference), with caps on nesting depth and on the number of nodes and edges."""
    lim = safety.limits()
    if re.search(rb"<!DOCTYPE|<!ENTITY", data, re.IGNORECASE):
        parsed.problems.append(
            ImportProblem(
                file, "", 1, "", "a DOCTYPE (DTD, entities) is not accepted", ERROR, "format"
            )
        )
        return None
    root = None
    depth = rows = 0
    try:
        for event, el in defused_etree.iterparse(
            io.BytesIO(data),
            events=("start", "end"),
            forbid_dtd=True,
            forbid_entities=True,
            forbid_external=True,
        ):
            if event == "end":
                depth -= 1
                continue
            depth += 1
            if root is None:
                root = el
            if depth > lim.max_depth:
                parsed.problems.append(
                    ImportProblem(
                        file,
                        "",
                        None,
                        "",
                        f"XML nested deeper than {lim.max_depth} levels "
                        "(JEJARING_IMPORT_MAX_DEPTH)",
                        ERROR,
                        "too_large",
                    )
                )
                return None
            if _local(el.tag) in ("node", "edge"):
                rows += 1
                if rows > lim.max_rows:
                    parsed.problems.append(
                        ImportProblem(
                            file,
                            "",
                            None,
                            "",
                            f"more than {lim.max_rows:,} nodes and edges "
                            "(JEJARING_IMPORT_MAX_ROWS): split the file",
                            ERROR,
                            "too_large",
                        )
                    )
                    return None
    except DefusedXmlException:
        parsed.problems.append(
            ImportProblem(
                file, "", 1, "", "a DOCTYPE (DTD, entities) is not accepted", ERROR, "format"
            )
        )
        return None
    except ElementTree.ParseError as exc:
        line, column = getattr(exc, "position", (None, None))
        parsed.problems.append(
            ImportProblem(
                file,
                "",
                line,
                "",
                f"not well-formed XML: {exc} (line {line}, column {column})",
                ERROR,
                "format",
            )
        )
        return None
    if root is None:
        parsed.problems.append(
            ImportProblem(file, "", None, "", "no XML element found", ERROR, "format")
        )
    return root


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _node_cells(cells: dict[str, Any], anchor: str) -> dict[str, Any]:
    """Cells of an XML/JSON node: the schema label and the id from the node's own id when the
    attributes do not give them."""
    label = cells.pop(NODE_LABEL_ATTR, None)
    prefix, sep, rest = anchor.partition(":")
    if label is None and sep and prefix in LABELS and "label" not in cells:
        label = prefix
    if label is not None:
        cells.pop("label", None)  # the display label (the name) when the schema label is given
        cells = {"label": label, **cells}
    if "id" not in cells:
        cells["id"] = rest if sep and prefix in LABELS else anchor
    return cells


def _edge_cells(cells: dict[str, Any], source: str, target: str) -> dict[str, Any]:
    if "type" not in cells:
        for alt in ("label", "relationship", "rel_type", "kind"):
            if alt in cells:
                cells["type"] = cells.pop(alt)
                break
    for k in ("from", "to", "source", "target"):  # never let an attribute move an end
        if k in cells:
            cells[f"x_{k}"] = cells.pop(k)
    return {"from": source, "to": target, **cells}


def read_graphml(data: bytes, file: str) -> Parsed:
    parsed = Parsed(files=[file], formats=["graphml"])
    root = _parse_xml(data, file, parsed)
    if root is None:
        return parsed
    if _local(root.tag) != "graphml":
        parsed.problems.append(
            ImportProblem(file, "", 1, "", "not a GraphML file (no <graphml>)", ERROR, "format")
        )
        return parsed
    keys: dict[str, tuple[str, str, str, Any]] = {}  # id -> (for, name, type, default)
    for el in root:
        if _local(el.tag) != "key":
            continue
        desc = next((c.text for c in el if _local(c.tag) == "desc"), None)
        default = next((c.text for c in el if _local(c.tag) == "default"), None)
        name = el.get("attr.name") or el.get("id")
        if desc == VIEW_DESC:
            name = None  # a drawing attribute written by Jejaring: not data
        keys[el.get("id")] = (el.get("for", "all"), name, el.get("attr.type", "string"), default)
    graphs = [el for el in root if _local(el.tag) == "graph"]
    if not graphs:
        parsed.problems.append(
            ImportProblem(file, "", None, "", "no <graph> element", ERROR, "format")
        )
        return parsed
    if len(graphs) > 1:
        parsed.problems.append(
            ImportProblem(
                file, "", None, "", "more than one graph: only the first is read", WARNING, "layout"
            )
        )
    n_nodes = n_edges = 0
    for el in graphs[0].iter():
        kind = _local(el.tag)
        if kind not in ("node", "edge"):
            if kind in ("hyperedge", "port"):
                parsed.problems.append(
                    ImportProblem(
                        file,
                        "edges",
                        None,
                        "",
                        f"<{kind}> is not supported and was ignored",
                        WARNING,
                        "layout",
                    )
                )
            continue
        sheet = "nodes" if kind == "node" else "edges"
        number = n_nodes + 1 if kind == "node" else n_edges + 1
        cells: dict[str, Any] = {}
        row = Row(file, sheet, number, cells, typed=True)
        for domain, name, attr_type, default in keys.values():
            if name and domain in (kind, "all") and default is not None:
                with contextlib.suppress(ValueError):
                    cells[name] = _typed(default, attr_type)
        for d in el:
            if _local(d.tag) != "data":
                continue
            domain, name, attr_type, _ = keys.get(
                d.get("key"), ("all", d.get("key"), "string", None)
            )
            if not name:
                continue
            try:
                cells[name] = _typed(d.text, attr_type)
            except (ValueError, json.JSONDecodeError) as exc:
                parsed.problems.append(
                    ImportProblem(file, sheet, number, name, f"not a {attr_type}: {exc}")
                )
        _decode_json(cells, row, parsed.problems)
        if kind == "node":
            n_nodes += 1
            anchor = el.get("id") or ""
            parsed.elements.append(
                Row(file, sheet, number, _node_cells(cells, anchor), True, anchor)
            )
        else:
            n_edges += 1
            parsed.connections.append(
                Row(
                    file,
                    sheet,
                    number,
                    _edge_cells(cells, el.get("source", ""), el.get("target", "")),
                    True,
                )
            )
    return parsed


# -- GEXF -------------------------------------------------------------------------------------------
def _gexf_type(attr_type: str) -> str:
    return {"boolean": "boolean", "long": "long", "double": "double"}.get(attr_type, "string")


def write_gexf(
    graph: nx.MultiDiGraph, style: Mapping[str, Mapping[str, Any]] | None = None
) -> bytes:
    """GEXF 1.3 that validates against the official schema; Gephi and NetworkX read it."""
    style = default_style(graph) if style is None else style
    E = f"{{{GEXF_NS}}}"
    # one prefix per namespace in lxml: the default one; viz: is spelt by _viz_prefix
    root = etree.Element(f"{E}gexf", nsmap={None: GEXF_NS}, version="1.3")
    meta = etree.SubElement(root, f"{E}meta", lastmodifieddate=dt.date.today().isoformat())
    etree.SubElement(meta, f"{E}creator").text = "Jejaring"
    etree.SubElement(
        meta, f"{E}description"
    ).text = "stakeholder network (node_label = schema label)"
    g = etree.SubElement(root, f"{E}graph", defaultedgetype="directed", mode="static")
    node_types = _props_by_name((d for _, d in graph.nodes(data=True)), {"label"})
    edge_types = _props_by_name((d for *_, d in graph.edges(keys=True, data=True)), {"type"})
    for cls, types, first in (("node", node_types, NODE_LABEL_ATTR), ("edge", edge_types, "type")):
        attrs = etree.SubElement(g, f"{E}attributes", mode="static")
        attrs.set("class", cls)
        for name, attr_type in [(first, "string"), *types.items(), (JSON_ATTR, "string")]:
            etree.SubElement(
                attrs, f"{E}attribute", id=name, title=name, type=_gexf_type(attr_type)
            )
    nodes_el = etree.SubElement(g, f"{E}nodes", count=str(graph.number_of_nodes()))
    for node, attrs in sorted(graph.nodes(data=True), key=lambda kv: kv[0]):
        el = etree.SubElement(
            nodes_el,
            f"{E}node",
            id=_xml_text(node),
            label=_xml_text(str(attrs.get("name") or node)),
        )
        values = etree.SubElement(el, f"{E}attvalues")
        etree.SubElement(values, f"{E}attvalue", value=str(attrs.get("label", ""))).set(
            "for", NODE_LABEL_ATTR
        )
        _gexf_values(values, attrs, node_types)
        look = style.get(node, {})
        rgb = _rgb(look.get("color", "")) if look.get("color") else None
        if rgb:
            etree.SubElement(el, f"{E}color", r=str(rgb[0]), g=str(rgb[1]), b=str(rgb[2]), a="1.0")
        if look.get("x") is not None and look.get("y") is not None:
            etree.SubElement(
                el, f"{E}position", x=repr(float(look["x"])), y=repr(float(look["y"])), z="0.0"
            )
        if look.get("size") is not None:
            etree.SubElement(el, f"{E}size", value=repr(float(look["size"])))
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3])
    edges_el = etree.SubElement(g, f"{E}edges", count=str(len(edges)))
    for i, (u, v, k, attrs) in enumerate(edges):
        el = etree.SubElement(
            edges_el, f"{E}edge", id=str(i), source=u, target=v, label=str(k), kind=str(k)
        )
        weight = attrs.get("weight")
        if isinstance(weight, (int, float)) and not isinstance(weight, bool):
            el.set("weight", repr(float(weight)))
        values = etree.SubElement(el, f"{E}attvalues")
        etree.SubElement(values, f"{E}attvalue", value=str(k)).set("for", "type")
        _gexf_values(values, attrs, edge_types)
    text = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return _viz_prefix(text)


def _gexf_values(values: Any, attrs: Mapping[str, Any], types: Mapping[str, str]) -> None:
    """One ``attvalue`` per property present, and the list of JSON-encoded ones."""
    E = f"{{{GEXF_NS}}}"
    encoded = []
    for name, attr_type in types.items():
        if attrs.get(name) is None:
            continue
        text, is_json = _text_value(attrs[name], attr_type)
        etree.SubElement(values, f"{E}attvalue", value=_xml_text(text)).set("for", name)
        if is_json:
            encoded.append(name)
    if encoded:
        etree.SubElement(values, f"{E}attvalue", value=json.dumps(sorted(encoded))).set(
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


def read_gexf(data: bytes, file: str) -> Parsed:
    parsed = Parsed(files=[file], formats=["gexf"])
    root = _parse_xml(data, file, parsed)
    if root is None:
        return parsed
    if _local(root.tag) != "gexf":
        parsed.problems.append(
            ImportProblem(file, "", 1, "", "not a GEXF file (no <gexf>)", ERROR, "format")
        )
        return parsed
    graph = next((el for el in root if _local(el.tag) == "graph"), None)
    if graph is None:
        parsed.problems.append(
            ImportProblem(file, "", None, "", "no <graph> element", ERROR, "format")
        )
        return parsed
    declared: dict[str, dict[str, tuple[str, str, Any]]] = {"node": {}, "edge": {}}
    for attrs in (el for el in graph if _local(el.tag) == "attributes"):
        cls = attrs.get("class", "node")
        for a in attrs:
            if _local(a.tag) != "attribute":
                continue
            default = next((c.text for c in a if _local(c.tag) == "default"), None)
            declared.setdefault(cls, {})[a.get("id")] = (
                a.get("title") or a.get("id"),
                a.get("type", "string"),
                default,
            )

    def cells_of(el: ElementTree.Element, cls: str, sheet: str, number: int) -> dict[str, Any]:
        cells: dict[str, Any] = {}
        for _, (title, attr_type, default) in declared.get(cls, {}).items():
            if default is not None:
                with contextlib.suppress(ValueError, json.JSONDecodeError):
                    cells[title] = _typed(default, attr_type)
        for values in (c for c in el if _local(c.tag) == "attvalues"):
            for av in values:
                if _local(av.tag) != "attvalue":
                    continue
                ref = av.get("for") or av.get("id")
                title, attr_type, _ = declared.get(cls, {}).get(ref, (ref, "string", None))
                try:
                    cells[title] = _typed(av.get("value"), attr_type)
                except (ValueError, json.JSONDecodeError) as exc:
                    parsed.problems.append(
                        ImportProblem(file, sheet, number, title, f"not a {attr_type}: {exc}")
                    )
        return cells

    for number, el in enumerate((n for n in graph.iter() if _local(n.tag) == "node"), 1):
        cells = cells_of(el, "node", "nodes", number)
        row = Row(file, "nodes", number, cells, True)
        _decode_json(cells, row, parsed.problems)
        if el.get("label") and NODE_LABEL_ATTR not in cells and "name" not in cells:
            cells["label"] = el.get("label")
        elif el.get("label") and "name" not in cells:
            cells["name"] = el.get("label")
        anchor = el.get("id") or ""
        parsed.elements.append(Row(file, "nodes", number, _node_cells(cells, anchor), True, anchor))
    for number, el in enumerate((n for n in graph.iter() if _local(n.tag) == "edge"), 1):
        cells = cells_of(el, "edge", "edges", number)
        row = Row(file, "edges", number, cells, True)
        _decode_json(cells, row, parsed.problems)
        if "type" not in cells:
            if el.get("kind"):
                cells["type"] = el.get("kind")
            elif el.get("label"):
                cells["type"] = el.get("label")
        if el.get("weight") and "weight" not in cells:
            try:
                cells["weight"] = float(el.get("weight"))
            except ValueError:
                parsed.problems.append(
                    ImportProblem(file, "edges", number, "weight", "not a number")
                )
        if el.get("type") in ("undirected", "mutual"):
            cells.setdefault("direction", el.get("type"))
        parsed.connections.append(
            Row(
                file,
                "edges",
                number,
                _edge_cells(cells, el.get("source", ""), el.get("target", "")),
                True,
            )
        )
    return parsed


# -- JSON node-link -------------------------------------------------------------------------------
def write_json(graph: nx.MultiDiGraph) -> bytes:
    """NetworkX node-link JSON (``links``), one node per ``Label:id``."""
    nodes = []
    for node, attrs in sorted(graph.nodes(data=True), key=lambda kv: kv[0]):
        nodes.append({**{k: v for k, v in attrs.items() if k != "id"}, "id": node})
    links = []
    for u, v, k, attrs in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        links.append({**attrs, "type": k, "source": u, "target": v, "key": k})
    payload = {
        "directed": True,
        "multigraph": True,
        "graph": {"name": "jejaring", "format": "node-link"},
        "nodes": nodes,
        "links": links,
    }
    return json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=False).encode("utf-8")


def _too_deep(file: str, lim: safety.Limits) -> ImportProblem:
    return ImportProblem(
        file,
        "",
        None,
        "",
        f"JSON nested deeper than {lim.max_depth} levels (JEJARING_IMPORT_MAX_DEPTH)",
        ERROR,
        "too_large",
    )


def read_json(data: bytes, file: str) -> Parsed:
    parsed = Parsed(files=[file], formats=["json"])
    lim = safety.limits()
    try:
        text, _ = tabular.decode_bytes(data)
    except UnicodeDecodeError as exc:
        parsed.problems.append(tabular.encoding_problem(file, data, exc))
        return parsed
    try:
        payload = json.loads(text)
    except RecursionError:
        parsed.problems.append(_too_deep(file, lim))
        return parsed
    except json.JSONDecodeError as exc:
        parsed.problems.append(
            ImportProblem(
                file,
                "",
                exc.lineno,
                "",
                f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
                ERROR,
                "format",
            )
        )
        return parsed
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        parsed.problems.append(
            ImportProblem(file, "", None, "", f"not valid JSON: {exc}", ERROR, "format")
        )
        return parsed
    if not isinstance(payload, dict) or not isinstance(payload.get("nodes"), list):
        parsed.problems.append(
            ImportProblem(
                file,
                "",
                None,
                "",
                "not node-link JSON: want an object with 'nodes' and 'links' (or 'edges')",
                ERROR,
                "format",
            )
        )
        return parsed
    if safety.json_depth(payload, lim.max_depth) > lim.max_depth:
        parsed.problems.append(_too_deep(file, lim))
        return parsed
    links = payload.get("links", payload.get("edges", []))
    if isinstance(links, list) and len(payload["nodes"]) + len(links) > lim.max_rows:
        parsed.problems.append(
            ImportProblem(
                file,
                "",
                None,
                "",
                f"more than {lim.max_rows:,} nodes and links (JEJARING_IMPORT_MAX_ROWS): "
                "split the file",
                ERROR,
                "too_large",
            )
        )
        return parsed
    if not isinstance(links, list):
        parsed.problems.append(
            ImportProblem(file, "links", None, "", "'links' is not a list", ERROR, "format")
        )
        links = []
    for number, node in enumerate(payload["nodes"], 1):
        if not isinstance(node, dict) or "id" not in node:
            parsed.problems.append(
                ImportProblem(file, "nodes", number, "id", "a node is an object with an 'id'")
            )
            continue
        cells = {k: v for k, v in node.items() if k != "id" and v is not None}
        anchor = str(node["id"])
        row = Row(file, "nodes", number, cells, True)
        _decode_json(cells, row, parsed.problems)
        parsed.elements.append(Row(file, "nodes", number, _node_cells(cells, anchor), True, anchor))
    for number, link in enumerate(links, 1):
        if not isinstance(link, dict) or "source" not in link or "target" not in link:
            parsed.problems.append(
                ImportProblem(
                    file,
                    "links",
                    number,
                    "source",
                    "a link is an object with 'source' and 'target'",
                )
            )
            continue
        cells = {k: v for k, v in link.items() if k not in ("source", "target") and v is not None}
        key = cells.pop("key", None)
        if "type" not in cells and key is not None:
            cells["type"] = key
        row = Row(file, "links", number, cells, True)
        _decode_json(cells, row, parsed.problems)
        parsed.connections.append(
            Row(
                file,
                "links",
                number,
                _edge_cells(cells, str(link["source"]), str(link["target"])),
                True,
            )
        )
    return parsed


# -- entry points ----------------------------------------------------------------------------------
def export_bytes(
    graph: nx.MultiDiGraph, fmt: str, *, style: Mapping[str, Mapping[str, Any]] | None = None
) -> bytes:
    """``graph`` as ``fmt`` (graphml, gexf, json, csv = zip of nodes.csv and edges.csv)."""
    if fmt == "graphml":
        return write_graphml(graph, style)
    if fmt == "gexf":
        return write_gexf(graph, style)
    if fmt == "json":
        return write_json(graph)
    if fmt == "csv":
        return tabular.write_zip(graph)
    raise ValueError(f"format is one of {', '.join(EXPORT_FORMATS)}, got {fmt!r}")


def read_interchange(data: bytes, file: str, fmt: str) -> Parsed:
    """Rows of a GraphML, GEXF or JSON node-link file."""
    readers = {"graphml": read_graphml, "gexf": read_gexf, "json": read_json}
    if fmt not in readers:
        raise ValueError(f"format is one of {', '.join(readers)}, got {fmt!r}")
    return readers[fmt](data, file)
