"""The embedded backend: a NetworkX MultiDiGraph, persisted to one JSON file.

Writes are all-or-nothing per call: a batch that names an unknown label or a missing
node raises before anything changes, and the workspace file is replaced atomically
(written to a temporary file, flushed, then renamed), so a crash never leaves a
half-written graph on disk and a reader of the file always finds a whole graph.

Concurrent use. Every write builds a new graph from a copy and publishes it with one
assignment (copy on write), so readers in other threads never see a graph being changed
and never wait. Writers in one process take a lock; writers in several processes that
share a workspace folder (the app and ``cli.py import`` at the same time) also take an
exclusive ``flock`` on that folder and re-read the file first when another process has
replaced it since, so no write is lost. Reads re-read the file when it has
changed, so the app sees a command-line import at its next rerun.
"""

from __future__ import annotations

import contextlib
import copy
import fcntl
import functools
import json
import os
import tempfile
import threading
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from graph.console import ConsoleResult, ConsoleUnavailable
from graph.questions import answer_from_graph
from graph.schema import check_label, check_rel_type
from graph.store import (
    MissingNode,
    Neighbour,
    NodeRecord,
    RelRecord,
    StoreLocation,
    counts_of,
    filter_view,
    node_key,
    split_node,
    split_relationship,
)

__all__ = ["MemoryStore", "GRAPH_FILE"]

GRAPH_FILE = "graph.json"
FORMAT_VERSION = 1

FileVersion = tuple[int, int, int, int]  # device, inode, mtime in ns, size

# NetworkX creates its views (``graph.nodes``, ``graph.edges``, ...) on first use and stores
# them in the graph's ``__dict__``; a reader's first use would then change a graph that
# another reader is deep-copying ("dictionary changed size during iteration"). A graph is
# published only after every view exists.
_LAZY_VIEWS = tuple(
    sorted(
        {
            name
            for klass in nx.MultiDiGraph.__mro__
            for name, value in vars(klass).items()
            if isinstance(value, functools.cached_property)
        }
    )
)


def _ready(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``graph`` with all its lazily created views in place, safe to share between threads."""
    for name in _LAZY_VIEWS:
        getattr(graph, name)
    return graph


class MemoryStore:
    """GraphStore over NetworkX; ``path=None`` keeps the graph in memory only."""

    backend = "memory"
    whole_graph_writes = True  # every write copies the graph and saves the whole file
    has_console = False

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self._graph = _ready(nx.MultiDiGraph())  # replaced whole by writes, never changed
        self._lock = threading.RLock()
        self._version: FileVersion | None = None  # version of the file the graph came from
        self._generation = 0  # how many graphs this store has published or re-read
        self._counted: tuple[nx.MultiDiGraph, dict[str, dict[str, int]]] | None = None
        self._refresh()

    @classmethod
    def in_workspace(cls, workspace: Path | str) -> MemoryStore:
        """The store kept in ``workspace/graph.json`` (the folder is created if needed)."""
        folder = Path(workspace)
        folder.mkdir(parents=True, exist_ok=True)
        return cls(folder / GRAPH_FILE)

    # -- writing ---------------------------------------------------------------------
    def upsert_nodes(self, records: Iterable[NodeRecord], *, batch_size: int = 500) -> int:
        prepared = [split_node(r) for r in records]
        with self._writing():
            graph = self._graph.copy()
            _put_nodes(graph, prepared)
            self._publish(graph)
        return len(prepared)

    def upsert_relationships(self, records: Iterable[RelRecord], *, batch_size: int = 500) -> int:
        prepared = [split_relationship(r) for r in records]
        with self._writing():
            _check_ends(self._graph, prepared)
            graph = self._graph.copy()
            _put_relationships(graph, prepared)
            self._publish(graph)
        return len(prepared)

    def apply(self, nodes: Iterable[NodeRecord], relationships: Iterable[RelRecord]) -> int:
        """All-or-nothing upsert: the work is done on a copy of the graph, written to disk in
        one atomic file replace, and only then does the copy become the store's graph."""
        prepared_nodes = [split_node(r) for r in nodes]
        prepared_rels = [split_relationship(r) for r in relationships]
        with self._writing():
            graph = self._graph.copy()
            _put_nodes(graph, prepared_nodes)
            _check_ends(graph, prepared_rels)
            _put_relationships(graph, prepared_rels)
            self._publish(graph)
        return len(prepared_nodes) + len(prepared_rels)

    def clear(self) -> None:
        with self._writing():
            self._publish(nx.MultiDiGraph())

    def close(self) -> None:
        """Nothing to release: every write is already on disk."""

    # -- reading ---------------------------------------------------------------------
    def get_node(self, label: str, node_id: str) -> dict[str, Any] | None:
        data = self._current().nodes.get(node_key(check_label(label), node_id))
        return copy.deepcopy(dict(data)) if data is not None else None

    def nodes(self, label: str | None = None) -> list[dict[str, Any]]:
        if label is not None:
            check_label(label)
        return [
            copy.deepcopy(dict(d))
            for _, d in self._current().nodes(data=True)
            if label is None or d.get("label") == label
        ]

    def relationships(self, rel_type: str | None = None) -> list[dict[str, Any]]:
        if rel_type is not None:
            check_rel_type(rel_type)
        out = []
        for u, v, k, d in self._current().edges(keys=True, data=True):
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
        graph = self._current()
        if key not in graph:
            return []
        found: list[Neighbour] = []
        if direction in ("both", "out"):
            for _, v, k, d in graph.out_edges(key, keys=True, data=True):
                if rel_types is None or k in rel_types:
                    found.append(Neighbour(k, "out", dict(d), dict(graph.nodes[v])))
        if direction in ("both", "in"):
            for u, _, k, d in graph.in_edges(key, keys=True, data=True):
                if rel_types is None or k in rel_types:
                    found.append(Neighbour(k, "in", dict(d), dict(graph.nodes[u])))
        return copy.deepcopy(found)

    def subgraph(
        self,
        *,
        labels: Collection[str] | None = None,
        rel_types: Collection[str] | None = None,
        where: Mapping[str, Collection[Any]] | None = None,
    ) -> nx.MultiDiGraph:
        return copy.deepcopy(
            filter_view(self._current(), labels=labels, rel_types=rel_types, where=where)
        )

    def counts(self) -> dict[str, dict[str, int]]:
        # A published graph never changes, so its counts are counted once: the app asks for
        # them on every rerun, which on a national graph would walk two million elements.
        graph = self._current()
        known = self._counted
        if known is None or known[0] is not graph:
            known = self._counted = (graph, counts_of(graph))
        return copy.deepcopy(known[1])

    def to_networkx(self) -> nx.MultiDiGraph:
        return copy.deepcopy(self._current())

    def frozen_graph(self) -> nx.MultiDiGraph:
        """A frozen view of the published graph, without copying: writes publish a new graph
        and never change this one, so the view stays one consistent version."""
        return nx.freeze(nx.graphviews.generic_graph_view(self._current()))

    def version(self) -> str:
        """Changes on every write: the workspace file's identity (device, inode, modification
        time, size), which every process that writes there replaces; without a file, this
        store's own count of published graphs. One ``stat``, no walk over the graph."""
        self._refresh()
        if self._version is not None:
            return "file:" + ":".join(str(part) for part in self._version)
        return f"memory:{id(self):x}:{self._generation}"

    def ask(self, name: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
        """The named question answered from the published graph (read, never copied whole)."""
        return answer_from_graph(self.frozen_graph(), name, params)

    def console(self, text: str, *, timeout_s: float, row_cap: int) -> ConsoleResult:
        """Not offered: the embedded store answers the named questions only."""
        raise ConsoleUnavailable(
            "the query console needs the Neo4j backend; the embedded store answers the named "
            "questions only"
        )

    def location(self) -> StoreLocation:
        return StoreLocation(self.backend, file=self.path)

    # -- concurrency and persistence ---------------------------------------------------
    def _current(self) -> nx.MultiDiGraph:
        """The graph to read: the file's newest version (re-read only when it changed).

        The caller keeps the returned object for the whole read; a write publishes a new
        graph instead of changing this one, so the read sees one consistent graph.
        """
        self._refresh()
        return self._graph

    def _refresh(self) -> None:
        """Re-read the workspace file when another store (or process) has replaced it."""
        if self.path is None or _file_version(Path(self.path)) in (None, self._version):
            return
        with self._lock:
            loaded = _read_graph_versioned(Path(self.path))
            if loaded is not None:
                self._graph, self._version = _ready(loaded[0]), loaded[1]
                self._generation += 1

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Exclusive right to write: the thread lock, then (with a file) the file lock, and
        the newest graph on disk loaded before the caller builds on it.

        The file lock is an ``flock`` on the workspace folder itself: every process that
        writes a graph there takes it, and no lock file is left behind.
        """
        with self._lock:
            if self.path is None:
                yield
                return
            folder = Path(self.path).parent
            folder.mkdir(parents=True, exist_ok=True)
            handle = os.open(folder, os.O_RDONLY)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX)
                self._refresh()
                yield
            finally:
                os.close(handle)  # closing the descriptor releases the lock

    def _publish(self, graph: nx.MultiDiGraph) -> None:
        """Write ``graph`` to the file (atomically) and only then make it the store's graph."""
        if self.path is not None:
            self._version = _write_graph(graph, Path(self.path))
        self._graph = _ready(graph)
        self._generation += 1


def _put_nodes(graph: nx.MultiDiGraph, prepared: list[tuple[str, str, dict[str, Any]]]) -> None:
    for label, node_id, props in prepared:
        key = node_key(label, node_id)
        if key in graph:
            graph.nodes[key].clear()
        graph.add_node(key, label=label, **copy.deepcopy(props))


def _check_ends(graph: nx.MultiDiGraph, prepared: list[tuple[Any, ...]]) -> None:
    for rel_type, start, end, _ in prepared:
        for ref in (start, end):
            if node_key(ref.label, ref.id) not in graph:
                raise MissingNode(f"{rel_type} {start} -> {end}: no node {ref}")


def _put_relationships(graph: nx.MultiDiGraph, prepared: list[tuple[Any, ...]]) -> None:
    for rel_type, start, end, props in prepared:
        u, v = node_key(start.label, start.id), node_key(end.label, end.id)
        if graph.has_edge(u, v, key=rel_type):
            graph.remove_edge(u, v, key=rel_type)
        graph.add_edge(u, v, key=rel_type, type=rel_type, **copy.deepcopy(props))


def _version_of(st: os.stat_result) -> FileVersion:
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)


def _file_version(path: Path) -> FileVersion | None:
    try:
        return _version_of(path.stat())
    except FileNotFoundError:
        return None


def _write_graph(graph: nx.MultiDiGraph, path: Path) -> FileVersion:
    """Replace ``path`` with ``graph`` atomically; return the new file's version."""
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
        version = _version_of(os.stat(tmp))
        os.replace(tmp, path)  # readers see the old file or the new one, never a mix
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return version


def _read_graph_versioned(path: Path) -> tuple[nx.MultiDiGraph, FileVersion] | None:
    """The graph in ``path`` and the version of the very file read (None when it is gone)."""
    try:
        with path.open("rb") as fh:  # one open file: its version and content belong together
            version = _version_of(os.fstat(fh.fileno()))
            text = fh.read().decode("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: not a readable Jejaring graph file: {exc}") from exc
    return _parse_graph(path, text), version


def _read_graph(path: Path) -> nx.MultiDiGraph:
    loaded = _read_graph_versioned(path)
    if loaded is None:
        raise ValueError(f"{path}: no such graph file")
    return loaded[0]


def _parse_graph(path: Path, text: str) -> nx.MultiDiGraph:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
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
