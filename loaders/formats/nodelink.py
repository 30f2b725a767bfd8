"""JSON node-link files, read and written: the shape of NetworkX's ``node_link_data``.

Writing — :func:`write_json` ``(graph) -> bytes``: ``nodes`` with ``id`` = ``Label:id`` and
every property, ``links`` with ``source``, ``target``, ``key`` (the relationship type) and
every property; ``networkx.node_link_graph(data, edges="links")`` reads it back.

Reading — :func:`read_json` ``(data, file, lim=None) -> Parsed`` takes ``links`` or
``edges``; a node's ``id`` of the form ``Label:id`` gives its label and id when its
properties do not. The JSON is parsed with caps on its nesting (``JEJARING_IMPORT_MAX_DEPTH``)
and on its number of nodes and links (``JEJARING_IMPORT_MAX_ROWS``).
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from loaders.formats.notation import json_depth
from loaders.formats.text import decode_bytes, encoding_problem
from loaders.formats.values import decode_json, edge_cells, node_cells
from loaders.import_records import ERROR, ImportProblem, Parsed, Row
from loaders.limits import Limits, limits

__all__ = ["write_json", "read_json"]


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


# -- reading ---------------------------------------------------------------------------------------
def _format_problem(file: str, message: str, row: int | None = None) -> ImportProblem:
    return ImportProblem(file, "", row, "", message, ERROR, "format")


def _too_deep(file: str, lim: Limits) -> ImportProblem:
    return ImportProblem(
        file,
        "",
        None,
        "",
        f"JSON nested deeper than {lim.max_depth} levels (JEJARING_IMPORT_MAX_DEPTH)",
        ERROR,
        "too_large",
    )


def _payload(data: bytes, file: str, lim: Limits, parsed: Parsed) -> Any:
    """The parsed JSON document, or None with the problem in ``parsed``."""
    try:
        text, _ = decode_bytes(data)
    except UnicodeDecodeError as exc:
        parsed.problems.append(encoding_problem(file, data, exc))
        return None
    try:
        return json.loads(text)
    except RecursionError:
        parsed.problems.append(_too_deep(file, lim))
    except json.JSONDecodeError as exc:
        parsed.problems.append(
            _format_problem(
                file,
                f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
                exc.lineno,
            )
        )
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        parsed.problems.append(_format_problem(file, f"not valid JSON: {exc}"))
    return None


def _node_link_parts(
    payload: Any, file: str, lim: Limits, parsed: Parsed
) -> tuple[list[Any], list[Any]] | None:
    """``(nodes, links)`` of a node-link document within the caps, or None when refused."""
    if not isinstance(payload, dict) or not isinstance(payload.get("nodes"), list):
        parsed.problems.append(
            _format_problem(
                file, "not node-link JSON: want an object with 'nodes' and 'links' (or 'edges')"
            )
        )
        return None
    if json_depth(payload, lim.max_depth) > lim.max_depth:
        parsed.problems.append(_too_deep(file, lim))
        return None
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
        return None
    if not isinstance(links, list):
        parsed.problems.append(
            ImportProblem(file, "links", None, "", "'links' is not a list", ERROR, "format")
        )
        links = []
    return payload["nodes"], links


def _read_nodes(nodes: list[Any], file: str, parsed: Parsed) -> None:
    for number, node in enumerate(nodes, 1):
        if not isinstance(node, dict) or "id" not in node:
            parsed.problems.append(
                ImportProblem(file, "nodes", number, "id", "a node is an object with an 'id'")
            )
            continue
        cells = {k: v for k, v in node.items() if k != "id" and v is not None}
        anchor = str(node["id"])
        decode_json(cells, Row(file, "nodes", number, cells, True), parsed.problems)
        parsed.elements.append(Row(file, "nodes", number, node_cells(cells, anchor), True, anchor))


def _read_links(links: list[Any], file: str, parsed: Parsed) -> None:
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
        decode_json(cells, Row(file, "links", number, cells, True), parsed.problems)
        cells = edge_cells(cells, str(link["source"]), str(link["target"]))
        parsed.connections.append(Row(file, "links", number, cells, True))


def read_json(data: bytes, file: str, lim: Limits | None = None) -> Parsed:
    """Rows of the nodes and links of a node-link JSON file."""
    lim = lim or limits()
    parsed = Parsed(files=[file], formats=["json"])
    payload = _payload(data, file, lim, parsed)
    if payload is None and parsed.problems:
        return parsed
    parts = _node_link_parts(payload, file, lim, parsed)
    if parts is not None:
        _read_nodes(parts[0], file, parsed)
        _read_links(parts[1], file, parsed)
    return parsed
