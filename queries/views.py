"""Focused views of the graph: the ego network of one node, the shortest ways between two
actors with the reason for every hop, and a node's neighbours by relationship type.

Each function works on the full NetworkX view of the store (a ``MultiDiGraph``: node keys
``"Label:id"``, edge keys are relationship types) and on the collaboration projection of
``queries.collaboration`` (an undirected ``Graph`` of actors whose edges carry
``reasons``). Direction is ignored when walking: "who is near whom" does not depend on
who funds whom. Results are plain data or DataFrames; nothing is drawn or printed here.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Collection, Iterable, Mapping
from typing import Any, TypeVar

import networkx as nx
import pandas as pd

from graph.schema import check_rel_type
from queries.collaboration import REASON_LABELS
from queries.pathways import evidence_text

__all__ = [
    "MAX_DEPTH",
    "NEIGHBOUR_COLUMNS",
    "ego_network",
    "shortest_paths",
    "neighbours_by_type",
]

MAX_DEPTH = 3
# Shortest paths are gathered up to this many before sorting, so the answer does not depend
# on adjacency order and a dense graph cannot make the call run for ever.
_PATH_CAP = 1000

NEIGHBOUR_COLUMNS = [
    "rel_type",
    "direction",
    "neighbour",
    "neighbour_label",
    "neighbour_id",
    "name",
    "name_en",
    "description",
    "description_en",
    "evidence",
    "evidence_text",
]

GraphT = TypeVar("GraphT", bound=nx.Graph)


def _check_node(G: nx.Graph, node_key: str) -> None:
    if node_key not in G:
        raise nx.NodeNotFound(f"no node {node_key!r} in the graph")


def _edge_types(G: nx.Graph, key: Any, data: Mapping[str, Any]) -> set[str]:
    """Relationship types behind an edge: its key in the full graph, its reasons' types in
    the projection."""
    if G.is_multigraph():
        return {str(key)}
    return {t for r in data.get("reasons") or [] for t in r.get("rel_types") or []} | (
        {str(data["type"])} if data.get("type") else set()
    )


def _edges(G: nx.Graph, rel_types: Collection[str] | None) -> Iterable[tuple[str, str, Any, dict]]:
    """Every edge ``(u, v, key, data)`` whose types meet ``rel_types`` (None: every edge)."""
    edges = (
        G.edges(keys=True, data=True)
        if G.is_multigraph()
        else ((u, v, None, d) for u, v, d in G.edges(data=True))
    )
    for u, v, key, data in edges:
        if rel_types is None or _edge_types(G, key, data) & set(rel_types):
            yield u, v, key, data


def ego_network(
    G: GraphT, node_key: str, *, depth: int = 1, rel_types: Collection[str] | None = None
) -> GraphT:
    """The nodes within ``depth`` hops (1 to 3) of ``node_key`` and the edges among them.

    Edges are walked in both directions. ``rel_types`` keeps only those relationship
    types (checked against the schema): on the full graph the edge keys, on the
    projection the edges whose reasons rest on one of them. The result is a new graph of
    the same class as ``G`` (a ``MultiDiGraph`` from the full graph, a ``Graph`` from the
    projection) with copies of the attributes; each node gets ``distance``, its number of
    hops from the ego (0 for the ego itself).

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("Actor:a", "Actor:b", key="MEMBER_OF")
    >>> _ = G.add_edge("Actor:c", "Actor:b", key="FUNDS")
    >>> _ = G.add_edge("Actor:c", "Actor:d", key="LEADS")
    >>> sorted(ego_network(G, "Actor:a", depth=2).nodes(data="distance"))
    [('Actor:a', 0), ('Actor:b', 1), ('Actor:c', 2)]
    >>> sorted(ego_network(G, "Actor:b", rel_types=["FUNDS"]).nodes)
    ['Actor:b', 'Actor:c']
    """
    if isinstance(depth, bool) or not isinstance(depth, int) or not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth is a whole number from 1 to {MAX_DEPTH}, got {depth!r}")
    _check_node(G, node_key)
    types = None if rel_types is None else {check_rel_type(t) for t in rel_types}
    kept_edges = list(_edges(G, types))
    walk = nx.Graph()
    walk.add_node(node_key)
    walk.add_edges_from((u, v) for u, v, _, _ in kept_edges)
    distance = nx.single_source_shortest_path_length(walk, node_key, cutoff=depth)
    ego = G.__class__()
    ego.add_nodes_from((n, {**G.nodes[n], "distance": d}) for n, d in sorted(distance.items()))
    for u, v, key, data in kept_edges:
        if u in distance and v in distance:
            if ego.is_multigraph():
                ego.add_edge(u, v, key=key, **dict(data))
            else:
                ego.add_edge(u, v, **dict(data))
    return ego


# -- shortest paths ----------------------------------------------------------------------------
def _merge_evidence(groups: Iterable[Iterable[Any]]) -> list[Any]:
    seen: set[str] = set()
    merged = []
    for loc in itertools.chain.from_iterable(groups):
        mark = json.dumps(loc, sort_keys=True, default=str)
        if mark not in seen:
            seen.add(mark)
            merged.append(loc)
    return merged


def _reason(
    code: str, via: Any, via_name: Any, via_name_en: Any, rel_types: list[str], evidence: list[Any]
) -> dict[str, Any]:
    labels = REASON_LABELS.get(code, {"id": code, "en": code})
    return {
        "reason": code,
        "label_id": labels["id"],
        "label_en": labels["en"],
        "via": via,
        "via_name": via_name,
        "via_name_en": via_name_en,
        "rel_types": rel_types,
        "evidence": evidence,
    }


def _hop_reasons(G: nx.Graph, a: str, b: str) -> list[dict[str, Any]]:
    """Why two neighbours are linked: the projection's reasons, or in the full graph each
    relationship between them (either direction), its type as the reason."""
    if not G.is_multigraph():
        return [
            _reason(
                r.get("reason", ""),
                r.get("via"),
                r.get("via_name"),
                r.get("via_name_en"),
                list(r.get("rel_types") or []),
                list(r.get("evidence") or []),
            )
            for r in G[a][b].get("reasons") or []
        ]
    rows = []
    for u, v in ((a, b), (b, a)):
        for key, data in sorted((G.get_edge_data(u, v) or {}).items()):
            code = f"{key} ({'->' if u == a else '<-'})"
            rows.append(
                _reason(code, None, None, None, [str(key)], list(data.get("evidence") or []))
            )
    return rows


def _hop(G: nx.Graph, a: str, b: str) -> dict[str, Any]:
    reasons = _hop_reasons(G, a, b)
    return {
        "from": a,
        "to": b,
        "from_name": G.nodes[a].get("name"),
        "from_name_en": G.nodes[a].get("name_en") or G.nodes[a].get("name"),
        "to_name": G.nodes[b].get("name"),
        "to_name_en": G.nodes[b].get("name_en") or G.nodes[b].get("name"),
        "reasons": reasons,
        "evidence": _merge_evidence(r["evidence"] for r in reasons),
    }


def shortest_paths(P: nx.Graph, a: str, b: str, *, max_paths: int = 5) -> list[list[dict]]:
    """The shortest ways (fewest hops) from actor ``a`` to actor ``b``, each hop explained.

    Returns at most ``max_paths`` paths, in order of the node keys along them; each path
    is a list of hops ``{from, to, from_name, from_name_en, to_name, to_name_en, reasons,
    evidence}``. On the projection ``reasons`` are the edge's reasons, each with
    ``reason``, ``label_id``, ``label_en``, ``via`` (the intervention, programme or body
    the two share), ``via_name``, ``via_name_en``, ``rel_types`` and ``evidence``; on the
    full graph each relationship between the two is a reason named by its type and
    direction (``"FUNDS (->)"``). A hop's ``evidence`` merges its reasons' locators.
    No path gives ``[]``.

    >>> P = nx.Graph()
    >>> P.add_edge("Actor:a", "Actor:b", reasons=[{"reason": "same_intervention",
    ...     "via": "Intervention:x", "via_name": "X", "rel_types": ["FUNDS"],
    ...     "evidence": [{"source": "s", "section": "Hasil", "paragraph": 2}]}])
    >>> P.add_edge("Actor:b", "Actor:c", reasons=[{"reason": "collaborates", "via": None,
    ...     "rel_types": ["COLLABORATES_WITH"], "evidence": []}])
    >>> [[(h["from"], h["to"], h["reasons"][0]["label_en"]) for h in path]
    ...  for path in shortest_paths(P, "Actor:a", "Actor:c")]
    [[('Actor:a', 'Actor:b', 'work on the same intervention'), ('Actor:b', 'Actor:c', 'collaborate directly')]]
    """
    if max_paths < 1:
        raise ValueError(f"max_paths is at least 1, got {max_paths!r}")
    _check_node(P, a)
    _check_node(P, b)
    walk = P.to_undirected(as_view=True) if P.is_directed() else P
    try:
        found = list(itertools.islice(nx.all_shortest_paths(walk, a, b), _PATH_CAP))
    except nx.NetworkXNoPath:
        return []
    return [
        [_hop(P, u, v) for u, v in itertools.pairwise(path)] for path in sorted(found)[:max_paths]
    ]


# -- neighbours ------------------------------------------------------------------------------
def _neighbour_row(
    G: nx.Graph, other: str, rel_type: str, direction: str, data: Mapping[str, Any]
) -> dict[str, Any]:
    node = G.nodes[other]
    evidence = list(data.get("evidence") or [])
    return {
        "rel_type": rel_type,
        "direction": direction,
        "neighbour": other,
        "neighbour_label": node.get("label"),
        "neighbour_id": node.get("id"),
        "name": node.get("name"),
        "name_en": node.get("name_en") or node.get("name"),
        "description": data.get("description"),
        "description_en": data.get("description_en"),
        "evidence": evidence,
        "evidence_text": evidence_text(evidence),
    }


def _neighbour_rows(G: nx.Graph, node_key: str) -> Iterable[dict[str, Any]]:
    if G.is_multigraph() and G.is_directed():
        for _, other, key, data in G.out_edges(node_key, keys=True, data=True):
            yield _neighbour_row(G, other, str(key), "out", data)
        for other, _, key, data in G.in_edges(node_key, keys=True, data=True):
            yield _neighbour_row(G, other, str(key), "in", data)
        return
    # The projection: one row per reason, the reason code standing for the type.
    for other in G.neighbors(node_key):
        edge = G.get_edge_data(node_key, other) or {}
        for reason in edge.get("reasons") or [edge]:
            code = str(reason.get("reason") or reason.get("type"))
            labels = REASON_LABELS.get(code, {"id": code, "en": code})
            via_id = reason.get("via_name") or reason.get("via")
            via_en = reason.get("via_name_en") or via_id
            described = {
                **reason,
                "description": f"{labels['id']}: {via_id}" if via_id else labels["id"],
                "description_en": f"{labels['en']}: {via_en}" if via_en else labels["en"],
            }
            yield _neighbour_row(G, other, code, "both", described)


def neighbours_by_type(G: nx.Graph, node_key: str) -> pd.DataFrame:
    """Every neighbour of a node, grouped by relationship type and direction.

    One row per relationship: ``rel_type``, ``direction`` (``out`` from the node, ``in``
    to it; ``both`` on the undirected projection, where ``rel_type`` is the reason code
    and the description names the reason and what the two share),
    the neighbour's key, label, id and names, the relationship's description and its
    evidence (locators and ``evidence_text``). Sorted by type, direction and neighbour.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Actor:a", label="Actor", id="a", name="A")
    >>> G.add_node("Intervention:x", label="Intervention", id="x", name="X", name_en="Ex")
    >>> G.add_node("Actor:b", label="Actor", id="b", name="B")
    >>> _ = G.add_edge("Actor:a", "Intervention:x", key="FUNDS", evidence=[])
    >>> _ = G.add_edge("Actor:b", "Actor:a", key="MEMBER_OF", evidence=[])
    >>> neighbours_by_type(G, "Actor:a")[["rel_type", "direction", "neighbour", "name_en"]]
        rel_type direction       neighbour name_en
    0      FUNDS       out  Intervention:x      Ex
    1  MEMBER_OF        in         Actor:b       B
    """
    _check_node(G, node_key)
    frame = pd.DataFrame(list(_neighbour_rows(G, node_key)), columns=NEIGHBOUR_COLUMNS)
    return frame.sort_values(["rel_type", "direction", "neighbour"], ignore_index=True)
