"""Cypher scripts: a file of statements that recreates a graph in an empty Neo4j database.

Writing only. :func:`write_cypher` ``(graph, note="") -> bytes`` is the script of
``graph.neo4j.script`` (every Cypher text of the product lives under ``graph/neo4j/``) as
UTF-8 bytes; ``note`` (for instance the filters of the view) goes into its comment header.
``cypher-shell -f`` runs it; ``graph.neo4j.script.split_statements`` splits it for a driver.

Reading a Cypher script is not supported: an import takes CSV, XLSX, a zip of CSV files,
GraphML, GEXF or JSON node-link (``loaders.formats.READERS``). A script holds statements,
not rows, and running an uploaded one would let a file write anything into the store.
"""

from __future__ import annotations

import networkx as nx

__all__ = ["write_cypher"]


def write_cypher(graph: nx.MultiDiGraph, note: str = "") -> bytes:
    """The Cypher script that recreates ``graph`` (constraints, nodes, relationships)."""
    from graph.neo4j.script import cypher_script  # the Neo4j driver only when a script is asked

    return cypher_script(graph, note=note).encode("utf-8")
