"""The embedded backend: a NetworkX MultiDiGraph, persisted to one JSON file.

Writes are all-or-nothing per call: a batch that names an unknown label or a missing
node raises before anything changes, and the workspace file is replaced atomically
(written to a temporary file, flushed, then renamed), so a crash never leaves a
half-written graph on disk.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
import threading
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from graph.schema import check_label, check_rel_type
from graph.store import (
    MissingNode,
    Neighbour,
    NodeRecord,
    RelRecord,
    counts_of,
    filter_view,
    node_key,
    split_node,
    split_relationship,
)

__all__ = ["MemoryStore", "GRAPH_FILE"]

GRAPH_FILE = "graph.json"
FORMAT_VERSION = 1


class MemoryStore:
    """GraphStore over NetworkX; ``path=None`` keeps the graph in memory only."""

    backend = "memory"

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self._graph = nx.MultiDiGraph()
        self._lock = threading.RLock()
        if self.path is not None and self.path.is_file():
            self._graph = _read_graph(self.path)

    @classmethod
    def in_workspace(cls, workspace: Path | str) -> MemoryStore:
        """The store kept in ``workspace/graph.json`` (the folder is created if needed)."""
        folder = Path(workspace)
        folder.mkdir(parents=True, exist_ok=True)
        return cls(folder / GRAPH_FILE)

    # -- writing ---------------------------------------------------------------------
    def upsert_nodes(self, records: Iterable[NodeRecord], *, batch_size: int = 500) -> int:
        prepared = [split_node(r) for r in records]
        with self._lock:
            for label, node_id, props in prepared:
                key = node_key(label, node_id)
                if key in self._graph:
                    self._graph.nodes[key].clear()
                self._graph.add_node(key, label=label, **copy.deepcopy(props))
            self._save()
        return len(prepared)

    def upsert_relationships(self, records: Iterable[RelRecord], *, batch_size: int = 500) -> int:
        prepared = [split_relationship(r) for r in records]
        with self._lock:
            for rel_type, start, end, _ in prepared:
                for ref in (start, end):
                    if node_key(ref.label, ref.id) not in self._graph:
                        raise MissingNode(f"{rel_type} {start} -> {end}: no node {ref}")
            for rel_type, start, end, props in prepared:
                u, v = node_key(start.label, start.id), node_key(end.label, end.id)
                if self._graph.has_edge(u, v, key=rel_type):
                    self._graph.remove_edge(u, v, key=rel_type)
                self._graph.add_edge(u, v, key=rel_type, type=rel_type, **copy.deepcopy(props))
            self._save()
        return len(prepared)

    def apply(self, nodes: Iterable[NodeRecord], relationships: Iterable[RelRecord]) -> int:
        """All-or-nothing upsert: the work is done on a copy of the graph, written to disk in
        one atomic file replace, and only then does the copy become the store's graph."""
        prepared_nodes = [split_node(r) for r in nodes]
        prepared_rels = [split_relationship(r) for r in relationships]
        with self._lock:
            graph = self._graph.copy()
            for label, node_id, props in prepared_nodes:
                key = node_key(label, node_id)
                if key in graph:
                    graph.nodes[key].clear()
                graph.add_node(key, label=label, **copy.deepcopy(props))
            for rel_type, start, end, _ in prepared_rels:
                for ref in (start, end):
                    if node_key(ref.label, ref.id) not in graph:
                        raise MissingNode(f"{rel_type} {start} -> {end}: no node {ref}")
            for rel_type, start, end, props in prepared_rels:
                u, v = node_key(start.label, start.id), node_key(end.label, end.id)
                if graph.has_edge(u, v, key=rel_type):
                    graph.remove_edge(u, v, key=rel_type)
                graph.add_edge(u, v, key=rel_type, type=rel_type, **copy.deepcopy(props))
            if self.path is not None:
                _write_graph(graph, self.path)
            self._graph = graph
        return len(prepared_nodes) + len(prepared_rels)

    def clear(self) -> None:
        with self._lock:
            self._graph = nx.MultiDiGraph()
            self._save()

    def close(self) -> None:
        """Nothing to release: every write is already on disk."""

    # -- reading ---------------------------------------------------------------------
    def get_node(self, label: str, node_id: str) -> dict[str, Any] | None:
        data = self._graph.nodes.get(node_key(check_label(label), node_id))
        return copy.deepcopy(dict(data)) if data is not None else None

    def nodes(self, label: str | None = None) -> list[dict[str, Any]]:
        if label is not None:
            check_label(label)
        return [
            copy.deepcopy(dict(d))
            for _, d in self._graph.nodes(data=True)
            if label is None or d.get("label") == label
        ]

    def relationships(self, rel_type: str | None = None) -> list[dict[str, Any]]:
        if rel_type is not None:
            check_rel_type(rel_type)
        out = []
        for u, v, k, d in self._graph.edges(keys=True, data=True):
            if rel_type is None or k == rel_type:
                rec = copy.deepcopy(dict(d))
                rec.update(type=k, start=u, end=v)
                out.append(rec)
        return out

    def neighbours(
        self,
        label: str,
        node_id: str,
        *,
        rel_types: Collection[str] | None = None,
        direction: str = "both",
    ) -> list[Neighbour]:
        key = node_key(check_label(label), node_id)
        for rel_type in rel_types or ():
            check_rel_type(rel_type)
        if key not in self._graph:
            return []
        found: list[Neighbour] = []
        if direction in ("both", "out"):
            for _, v, k, d in self._graph.out_edges(key, keys=True, data=True):
                if rel_types is None or k in rel_types:
                    found.append(Neighbour(k, "out", dict(d), dict(self._graph.nodes[v])))
        if direction in ("both", "in"):
            for u, _, k, d in self._graph.in_edges(key, keys=True, data=True):
                if rel_types is None or k in rel_types:
                    found.append(Neighbour(k, "in", dict(d), dict(self._graph.nodes[u])))
        return copy.deepcopy(found)

    def subgraph(
        self,
        *,
        labels: Collection[str] | None = None,
        rel_types: Collection[str] | None = None,
        where: Mapping[str, Collection[Any]] | None = None,
    ) -> nx.MultiDiGraph:
        return copy.deepcopy(
            filter_view(self._graph, labels=labels, rel_types=rel_types, where=where)
        )

    def counts(self) -> dict[str, dict[str, int]]:
        return counts_of(self._graph)

    def to_networkx(self) -> nx.MultiDiGraph:
        return copy.deepcopy(self._graph)

    # -- persistence -----------------------------------------------------------------
    def _save(self) -> None:
        if self.path is not None:
            _write_graph(self._graph, self.path)


def _write_graph(graph: nx.MultiDiGraph, path: Path) -> None:
    payload = {
        "format": "jejaring-graph",
        "version": FORMAT_VERSION,
        "nodes": [dict(d) for _, d in graph.nodes(data=True)],
        "relationships": [
            {**d, "type": k, "start": u, "end": v}
            for u, v, k, d in graph.edges(keys=True, data=True)
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".graph-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, ensure_ascii=False, default=str)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_graph(path: Path) -> nx.MultiDiGraph:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: not a readable Jejaring graph file: {exc}") from exc
    if payload.get("format") != "jejaring-graph":
        raise ValueError(f"{path}: not a Jejaring graph file (no 'format': 'jejaring-graph')")
    graph = nx.MultiDiGraph()
    for node in payload.get("nodes", []):
        graph.add_node(node_key(node["label"], node["id"]), **node)
    for rel in payload.get("relationships", []):
        props = {k: v for k, v in rel.items() if k not in ("start", "end")}
        graph.add_edge(rel["start"], rel["end"], key=rel["type"], **props)
    return graph
