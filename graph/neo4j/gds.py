"""The collaboration network in Neo4j Graph Data Science (GDS), to compare with NetworkX.

The projection is computed in Python (``queries.collaboration``) and handed to GDS as
rows ``{source, target, weight}`` through a Cypher aggregation,
``gds.graph.project($graph_name, a, b, {relationshipProperties: ...},
{undirectedRelationshipTypes: ['*']})`` (the 2.x way; ``gds.graph.project.cypher`` is
deprecated). An actor without links is a row whose target is null, so it is still in the
in-memory graph. Each undirected link is sent once and declared undirected.

All Cypher is here as builders or constants; every value, the graph name included, is a
$parameter; the one label is checked against the schema and quoted by
``graph.neo4j.cypher.quote_identifier``. The driver is passed in, never created here.

Conventions that differ from NetworkX, and how the comparison handles them:

- ``gds.betweenness`` returns raw counts; for an undirected graph each pair of actors is
  counted once, as NetworkX does. Dividing by (n-1)(n-2)/2 gives NetworkX's normalised
  value (``normalise_betweenness``).
- ``gds.pageRank`` scores do not sum to 1; dividing by their sum (``normalise_sum``) makes
  them comparable. On the case study the normalised scores then equal NetworkX's
  definition (actors without links included) to about 2e-9, the iteration tolerance.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx
from neo4j import Driver

from graph.neo4j.cypher import quote_identifier
from graph.schema import check_label

__all__ = [
    "GDS_VERSION",
    "PAGERANK_STREAM",
    "BETWEENNESS_STREAM",
    "DROP_GRAPH",
    "projection_query",
    "projection_rows",
    "gds_version",
    "project_collaboration",
    "gds_pagerank",
    "gds_betweenness",
    "drop_graph",
    "normalise_betweenness",
    "normalise_sum",
]

GDS_VERSION = "RETURN gds.version() AS version"
PAGERANK_STREAM = (
    "CALL gds.pageRank.stream($graph_name, {dampingFactor: $damping, maxIterations: "
    "$max_iterations, tolerance: $tolerance, relationshipWeightProperty: $weight_property}) "
    "YIELD nodeId, score RETURN gds.util.asNode(nodeId).id AS id, score ORDER BY id"
)
BETWEENNESS_STREAM = (
    "CALL gds.betweenness.stream($graph_name) "
    "YIELD nodeId, score RETURN gds.util.asNode(nodeId).id AS id, score ORDER BY id"
)
DROP_GRAPH = "CALL gds.graph.drop($graph_name, false) YIELD graphName RETURN graphName"


def projection_query(label: str = "Actor") -> str:
    """Cypher that projects ``$rows`` (``source``, ``target`` or null, ``weight``) into GDS.

    >>> print(projection_query())  # doctest: +ELLIPSIS
    UNWIND $rows AS row MATCH (a:`Actor` {id: row.source}) OPTIONAL MATCH (b:`Actor` ...
    """
    ident = quote_identifier(check_label(label))
    return (
        f"UNWIND $rows AS row MATCH (a:{ident} {{id: row.source}}) "
        f"OPTIONAL MATCH (b:{ident} {{id: row.target}}) "
        "WITH gds.graph.project($graph_name, a, b, "
        "{relationshipProperties: {weight: toFloat(row.weight)}}, "
        "{undirectedRelationshipTypes: ['*']}) AS g "
        "RETURN g.graphName AS graph, g.nodeCount AS nodes, g.relationshipCount AS relationships"
    )


def projection_rows(P: nx.Graph) -> list[dict[str, Any]]:
    """One row per link (each undirected link once) and one per actor without links.

    Rows name actors by their ``id`` property, as the store does.

    >>> P = nx.Graph()
    >>> P.add_node("Actor:a", id="a"); P.add_node("Actor:b", id="b"); P.add_node("Actor:c", id="c")
    >>> P.add_edge("Actor:a", "Actor:b", weight=2)
    >>> projection_rows(P)
    [{'source': 'a', 'target': 'b', 'weight': 2.0}, {'source': 'c', 'target': None, 'weight': 0.0}]
    """
    ident = {v: P.nodes[v]["id"] for v in P}
    rows = [
        {"source": ident[u], "target": ident[v], "weight": float(d.get("weight", 1.0))}
        for u, v, d in P.edges(data=True)
    ]
    rows += [{"source": ident[v], "target": None, "weight": 0.0} for v in P if P.degree(v) == 0]
    return sorted(rows, key=lambda r: (r["target"] is None, r["source"], r["target"] or ""))


def _run(driver: Driver, query: str, database: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(query, params, database_=database)
    return [r.data() for r in records]


def gds_version(driver: Driver, *, database: str = "neo4j") -> str:
    """The GDS library version on the server (raises when GDS is not installed)."""
    return str(_run(driver, GDS_VERSION, database)[0]["version"])


def project_collaboration(
    driver: Driver, P: nx.Graph, *, graph_name: str, database: str = "neo4j"
) -> dict[str, Any]:
    """Project ``P`` into the GDS catalogue as ``graph_name``; returns its counts.

    The actors must already be in the database (loaded through the store).
    """
    return _run(
        driver, projection_query(), database, rows=projection_rows(P), graph_name=graph_name
    )[0]


def gds_pagerank(
    driver: Driver,
    graph_name: str,
    *,
    database: str = "neo4j",
    damping: float = 0.85,
    weighted: bool = True,
    max_iterations: int = 1000,
    tolerance: float = 1e-10,
) -> dict[str, float]:
    """``gds.pageRank.stream`` scores by actor id (raw GDS scores, not normalised)."""
    rows = _run(
        driver,
        PAGERANK_STREAM,
        database,
        graph_name=graph_name,
        damping=damping,
        max_iterations=max_iterations,
        tolerance=tolerance,
        weight_property="weight" if weighted else None,
    )
    return {r["id"]: float(r["score"]) for r in rows}


def gds_betweenness(
    driver: Driver, graph_name: str, *, database: str = "neo4j"
) -> dict[str, float]:
    """``gds.betweenness.stream`` raw scores by actor id (exact: no sampling options)."""
    rows = _run(driver, BETWEENNESS_STREAM, database, graph_name=graph_name)
    return {r["id"]: float(r["score"]) for r in rows}


def drop_graph(driver: Driver, graph_name: str, *, database: str = "neo4j") -> None:
    """Remove ``graph_name`` from the GDS catalogue (no error when it is not there)."""
    _run(driver, DROP_GRAPH, database, graph_name=graph_name)


def normalise_betweenness(raw: Mapping[str, float]) -> dict[str, float]:
    """Raw undirected betweenness divided by the number of pairs, (n-1)(n-2)/2.

    >>> normalise_betweenness({"a": 0.0, "b": 2.0, "c": 2.0, "d": 0.0})
    {'a': 0.0, 'b': 0.666..., 'c': 0.666..., 'd': 0.0}
    """
    n = len(raw)
    pairs = (n - 1) * (n - 2) / 2
    return {k: (v / pairs if pairs else 0.0) for k, v in raw.items()}


def normalise_sum(scores: Mapping[str, float]) -> dict[str, float]:
    """Scores divided by their sum.

    >>> normalise_sum({"a": 1.0, "b": 3.0})
    {'a': 0.25, 'b': 0.75}
    """
    total = sum(scores.values())
    return {k: (v / total if total else 0.0) for k, v in scores.items()}
