"""A Cypher script that recreates a graph in an empty Neo4j database.

The script is a file, not a driver call, so values cannot travel as parameters: they are
written as Cypher literals by :func:`cypher_literal`, which escapes every string (backslash,
both quotes, control characters, and everything outside printable ASCII as ``\\uXXXX``, a surrogate
pair beyond the first plane), so a name such as ``'}) DETACH DELETE n //`` stays a string. Labels and
relationship types come only from the schema's closed sets and are backtick-quoted by the
shared helper (:func:`graph.neo4j.cypher.quote_identifier`).

Layout of the script: a comment header, the unique-id constraint of every label (the same
statements the Neo4j store runs), then the nodes, then the relationships, each in ``UNWIND``
batches of literal maps. Every statement sits on one line and ends with ``;``; lines that
start with ``//`` are comments. It runs with ``cypher-shell -f graph.cypher`` and, statement
by statement, with the driver (:func:`split_statements`). Properties are stored as the Neo4j
store stores them (mappings and lists of mappings as JSON text, named in ``_json``), so the
store reads the recreated graph back exactly as it was.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import networkx as nx

from graph.neo4j.cypher import encode_properties, quote_identifier
from graph.neo4j.store import constraint_query
from graph.schema import LABELS, check_label, check_rel_type, parse_node_ref

__all__ = [
    "cypher_literal",
    "cypher_statements",
    "cypher_script",
    "split_statements",
]

BATCH = 100  # literal rows per UNWIND statement

_SIMPLE_ESCAPES = {
    "\\": "\\\\",
    "'": "\\'",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}


def _escape_char(ch: str) -> str:
    if ch in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[ch]
    code = ord(ch)
    if 0x20 <= code < 0x7F:
        return ch
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    # Neo4j 5 reads no 8-digit escape; a UTF-16 surrogate pair gives the same character.
    high, low = divmod(code - 0x10000, 0x400)
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


def cypher_string(text: str) -> str:
    """A single-quoted Cypher string literal holding ``text`` verbatim, in printable ASCII.

    >>> print(cypher_string("it's a \\\\ path\\nnext"))
    'it\\'s a \\\\ path\\nnext'
    >>> print(cypher_string("Désa 🌾"))
    'D\\u00e9sa \\ud83c\\udf3e'
    """
    return "'" + "".join(_escape_char(ch) for ch in text) + "'"


def cypher_literal(value: Any) -> str:
    """``value`` as a Cypher literal: null, booleans, numbers, strings, lists and maps.

    Map keys are backtick-quoted (a backtick inside one is doubled). Dates become
    ``date('...')``; NaN and infinities, which have no literal, ``toFloat('NaN')`` and the like.

    >>> cypher_literal({"a b": [1, 2.5, True, None], "c": "x"})
    "{`a b`: [1, 2.5, true, null], `c`: 'x'}"
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "toFloat('NaN')"
        if math.isinf(value):
            return "toFloat('Infinity')" if value > 0 else "toFloat('-Infinity')"
        return repr(value)
    if isinstance(value, str):
        return cypher_string(value)
    if isinstance(value, _dt.datetime):
        return f"localdatetime({cypher_string(value.isoformat())})"
    if isinstance(value, _dt.date):
        return f"date({cypher_string(value.isoformat())})"
    if isinstance(value, Mapping):
        items = ", ".join(f"{_map_key(k)}: {cypher_literal(v)}" for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    raise TypeError(f"no Cypher literal for {type(value).__name__} {value!r}")


def _map_key(key: Any) -> str:
    return "`" + str(key).replace("`", "``") + "`"


def _node_groups(graph: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for _, data in sorted(graph.nodes(data=True), key=lambda item: str(item[0])):
        label = check_label(str(data.get("label")))
        props = {k: v for k, v in data.items() if k != "label"}
        groups[label].append({"id": str(props["id"]), "props": encode_properties(props)})
    return groups


def _rel_groups(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        rel_type = check_rel_type(str(data.get("type") or key))
        start, end = parse_node_ref(u), parse_node_ref(v)
        start_id = graph.nodes[u].get("id", start.id)
        end_id = graph.nodes[v].get("id", end.id)
        props = {k: val for k, val in data.items() if k not in ("type", "start", "end")}
        groups[(rel_type, check_label(start.label), check_label(end.label))].append(
            {"s": str(start_id), "e": str(end_id), "p": encode_properties(props)}
        )
    return groups


def _chunks(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def cypher_statements(graph: nx.MultiDiGraph, *, batch: int = BATCH) -> list[str]:
    """The statements that recreate ``graph``: constraints, nodes, relationships.

    ``graph`` is a NetworkX view of a store (node keys ``Label:id``, edge keys the types).
    Each statement is one line without the final ``;``.
    """
    statements = [constraint_query(label) for label in sorted(LABELS)]
    for label, rows in sorted(_node_groups(graph).items()):
        ident = quote_identifier(label)
        for chunk in _chunks(rows, batch):
            statements.append(
                f"UNWIND {cypher_literal(chunk)} AS row "
                f"MERGE (n:{ident} {{id: row.id}}) SET n = row.props"
            )
    for (rel_type, start_label, end_label), rows in sorted(_rel_groups(graph).items()):
        rel = quote_identifier(rel_type)
        a, b = quote_identifier(start_label), quote_identifier(end_label)
        for chunk in _chunks(rows, batch):
            statements.append(
                f"UNWIND {cypher_literal(chunk)} AS row "
                f"MATCH (a:{a} {{id: row.s}}) MATCH (b:{b} {{id: row.e}}) "
                f"MERGE (a)-[r:{rel}]->(b) SET r = row.p"
            )
    return statements


def cypher_script(graph: nx.MultiDiGraph, *, note: str = "", batch: int = BATCH) -> str:
    """The whole script as text: a comment header and one statement per line.

    ``note`` (for instance the filters of the view) goes into the header, one comment line
    per line of it.
    """
    nodes, rels = graph.number_of_nodes(), graph.number_of_edges()
    header = [
        "// Jejaring graph export: recreates the graph in an empty Neo4j 5 database.",
        f"// {nodes} nodes, {rels} relationships; constraints first, then nodes, then"
        " relationships.",
        "// Run: cypher-shell -f THIS_FILE  (or each line that ends with ';' through a driver)",
    ]
    header += [f"// {line}" for line in note.splitlines() if line.strip()]
    body = [f"{statement};" for statement in cypher_statements(graph, batch=batch)]
    return "\n".join([*header, "", *body]) + "\n"


def split_statements(script: str | Iterable[str]) -> list[str]:
    """The statements of a script from :func:`cypher_script`, without their ``;``.

    Each statement is one line (string literals hold no raw line breaks); blank lines and
    ``//`` comment lines are skipped.
    """
    lines = script.splitlines() if isinstance(script, str) else list(script)
    out = []
    for line in lines:
        text = line.strip()
        if not text or text.startswith("//"):
            continue
        out.append(text[:-1] if text.endswith(";") else text)
    return out
