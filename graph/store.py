"""The GraphStore protocol that both backends implement, and the record shapes they share.

A node is identified by ``(label, id)`` and written whole: upserting a node replaces
its properties with the record's. A relationship is identified by
``(type, start, end)``: at most one relationship of a type joins two nodes, and
upserting it replaces its properties. These identities make every load idempotent.

In the NetworkX view a node's key is ``"Label:id"`` and its attributes are the node's
properties plus ``label``; an edge's key is its type and its attributes are its
properties plus ``type``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import networkx as nx

from graph.schema import NodeKey, check_label, check_rel_type, parse_node_ref

if TYPE_CHECKING:
    import pandas as pd

    from graph.console import ConsoleResult

__all__ = [
    "GraphStore",
    "StoreLocation",
    "NodeRecord",
    "RelRecord",
    "Neighbour",
    "node_key",
    "split_node",
    "split_relationship",
    "batched",
    "MissingNode",
]


NodeRecord = Mapping[str, Any]
RelRecord = Mapping[str, Any]


class MissingNode(LookupError):
    """A relationship names a node that is not in the store."""


@dataclass(frozen=True)
class Neighbour:
    """One relationship seen from a node: the relationship and the node at its other end."""

    rel_type: str
    direction: str  # "out" or "in"
    rel: dict[str, Any]
    node: dict[str, Any]


@dataclass(frozen=True)
class StoreLocation:
    """Where a store keeps its graph, for messages and for the small files the app keeps about a
    store in the workspace (the marker of a store emptied on purpose).

    ``file`` is the graph file of the embedded store (None when it lives in memory only);
    ``server`` names a database on a server (its URI and database name, never a password).
    """

    backend: str
    file: Path | None = None
    server: Mapping[str, str] | None = None

    @property
    def key(self) -> str:
        """A short stable name of the server's database (empty for a file or memory).

        >>> StoreLocation("neo4j", server={"uri": "bolt://h:7687", "database": "neo4j"}).key
        'aae1b74b6092b585'
        """
        if not self.server:
            return ""
        where = "\0".join(str(value) for value in self.server.values())
        return hashlib.sha256(where.encode()).hexdigest()[:16]


def node_key(label: str, node_id: str) -> str:
    """The key of a node in the NetworkX view: ``"Label:id"``."""
    return f"{label}:{node_id}"


def split_node(record: NodeRecord) -> tuple[str, str, dict[str, Any]]:
    """Return ``(label, id, properties)`` of a node record; the label is checked."""
    label = check_label(str(record["label"]))
    props = {k: v for k, v in record.items() if k != "label"}
    return label, str(record["id"]), props


def split_relationship(record: RelRecord) -> tuple[str, NodeKey, NodeKey, dict[str, Any]]:
    """Return ``(type, start, end, properties)`` of a relationship record; the type is checked."""
    rel_type = check_rel_type(str(record["type"]))
    start = parse_node_ref(record["start"])
    end = parse_node_ref(record["end"])
    check_label(start.label)
    check_label(end.label)
    props = {k: v for k, v in record.items() if k not in ("type", "start", "end")}
    return rel_type, start, end, props


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Yield lists of at most ``size`` items."""
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class GraphStore(Protocol):
    """What every backend offers. Records are the dicts described in graph.schema.

    ``backend`` names the backend for messages (``memory``, ``neo4j``); callers use the
    capabilities below instead of branching on it. ``whole_graph_writes`` is True where every
    write copies and saves the whole graph (the embedded store): a bulk load then hands over
    its records in one call rather than in chunks. ``has_console`` tells whether
    :meth:`console` runs queries on this store.
    """

    backend: str
    whole_graph_writes: bool
    has_console: bool

    def upsert_nodes(self, records: Iterable[NodeRecord], *, batch_size: int = 500) -> int:
        """Create or replace nodes; return how many records were written."""

    def upsert_relationships(self, records: Iterable[RelRecord], *, batch_size: int = 500) -> int:
        """Create or replace relationships between existing nodes; return how many."""

    def apply(self, nodes: Iterable[NodeRecord], relationships: Iterable[RelRecord]) -> int:
        """Upsert ``nodes`` then ``relationships`` all-or-nothing; return how many records
        were written. A relationship may end at a node of the same call. When anything
        fails (a missing end, a bad name, a server error) the store is left exactly as it
        was before the call."""

    def get_node(self, label: str, node_id: str) -> dict[str, Any] | None:
        """The node's properties with its ``label``, or None."""

    def nodes(self, label: str | None = None) -> list[dict[str, Any]]:
        """All nodes (of one label), each with its ``label``."""

    def relationships(self, rel_type: str | None = None) -> list[dict[str, Any]]:
        """All relationships (of one type) as records with ``type``, ``start``, ``end``."""

    def neighbours(
        self,
        label: str,
        node_id: str,
        *,
        rel_types: Collection[str] | None = None,
        direction: str = "both",
    ) -> list[Neighbour]:
        """Relationships of a node and the nodes at their other ends."""

    def subgraph(
        self,
        *,
        labels: Collection[str] | None = None,
        rel_types: Collection[str] | None = None,
        where: Mapping[str, Collection[Any]] | None = None,
    ) -> nx.MultiDiGraph:
        """The part of the graph whose nodes have one of ``labels`` and whose properties
        match ``where`` (property -> accepted values; nodes without the property are kept),
        with the relationships of ``rel_types`` among them."""

    def counts(self) -> dict[str, dict[str, int]]:
        """``{"nodes": {label: n}, "relationships": {type: n}}``."""

    def version(self) -> str:
        """A short text that changes on every write that changes the graph (also a write by
        another process or app on the same workspace or database), stays the same while
        nothing is written, and is cheap to read: the key by which the app caches what it
        computed from the graph. Read it before the data it keys, so that a write in between
        leaves a stale key behind rather than stale data."""

    def to_networkx(self) -> nx.MultiDiGraph:
        """The whole graph as a NetworkX MultiDiGraph, for analysis (the caller's own copy)."""

    def frozen_graph(self) -> nx.MultiDiGraph:
        """The whole graph for reading only (``nx.freeze``d): one consistent version that no
        later write changes. Cheaper than :meth:`to_networkx` where the store can share its
        graph; the caller must not change node or relationship properties either."""

    def ask(self, name: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
        """The answer to the named question ``name`` of :mod:`graph.questions`: the same
        DataFrame (columns, rows, order) on every backend. ``params`` may hold strings, as the
        command line gives them; :class:`graph.questions.UnknownQuestion` and
        :class:`graph.questions.BadParameter` are raised before the store is read."""

    def console(self, text: str, *, timeout_s: float, row_cap: int) -> ConsoleResult:
        """Run a researcher's query text if, and only if, it can only read; stop it after
        ``timeout_s`` seconds and keep at most ``row_cap`` rows. Raises the errors of
        :mod:`graph.console` (:class:`graph.console.ConsoleUnavailable` where ``has_console``
        is False)."""

    def location(self) -> StoreLocation:
        """Where this store keeps its graph."""

    def clear(self) -> None:
        """Remove every node and relationship."""

    def close(self) -> None:
        """Release files or connections."""


def filter_view(
    graph: nx.MultiDiGraph,
    *,
    labels: Collection[str] | None = None,
    rel_types: Collection[str] | None = None,
    where: Mapping[str, Collection[Any]] | None = None,
) -> nx.MultiDiGraph:
    """Copy of ``graph`` restricted as :meth:`GraphStore.subgraph` describes."""
    keep = [n for n, data in graph.nodes(data=True) if _node_matches(data, labels, where)]
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, dict(graph.nodes[n])) for n in keep)
    kept = set(keep)
    for u, v, k, data in graph.edges(keys=True, data=True):
        if u in kept and v in kept and (rel_types is None or k in rel_types):
            sub.add_edge(u, v, key=k, **data)
    return sub


def _node_matches(
    data: Mapping[str, Any],
    labels: Collection[str] | None,
    where: Mapping[str, Collection[Any]] | None,
) -> bool:
    if labels is not None and data.get("label") not in labels:
        return False
    for prop, accepted in (where or {}).items():
        if prop in data and data[prop] not in accepted:
            return False
    return True


def counts_of(graph: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """Node counts per label and relationship counts per type of a NetworkX view."""
    nodes: dict[str, int] = {}
    for _, label in graph.nodes(data="label"):
        nodes[label] = nodes.get(label, 0) + 1
    rels: dict[str, int] = {}
    for _, _, key in graph.edges(keys=True):
        rels[key] = rels.get(key, 0) + 1
    return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}


def sequence_of(value: Any) -> Sequence[Any]:
    """A list for a scalar or a list (None gives an empty list)."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
