"""Opening a store ready for use: an empty store starts with the curated case study, unless
someone emptied it on purpose.

``python cli.py clear`` leaves a marker (:func:`mark_cleared`) and an emptied store then stays
empty for every command and for the app, until ``python cli.py load`` (:func:`load_curated`)
removes the marker and loads the case study again. The marker is a small file in the
workspace folder (``JEJARING_WORKSPACE``):

- memory store: ``.cleared`` beside ``graph.json``; it only counts while ``graph.json``
  exists, so deleting ``graph.json`` still means "start again from the case study";
- Neo4j: ``.cleared-neo4j-<hash>``, the hash of the URI and database, so clearing one server
  says nothing about another. It is a file rather than something inside the database,
  because the database holds only the schema's labels; another machine that opens the same
  emptied server without the marker loads the case study into it.

The file holds the URI (never the password), the database and the time, for a reader
wondering why the store is empty.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

import settings
from graph.backends import open_store
from graph.memory_store import GRAPH_FILE
from graph.store import GraphStore
from loaders.case_study import load_case_study

__all__ = ["open_ready_store", "load_curated", "cleared_marker", "mark_cleared", "is_cleared"]


def _backend(backend: str | None) -> str:
    return (backend or settings.get("JEJARING_BACKEND")).strip().lower()


def cleared_marker(backend: str | None = None) -> Path:
    """The marker file that says the store of ``backend`` (default: the setting) was emptied
    on purpose."""
    folder = Path(settings.get("JEJARING_WORKSPACE"))
    if _backend(backend) == "neo4j":
        where = f"{settings.get('NEO4J_URI')}\0{settings.get('NEO4J_DATABASE')}"
        digest = hashlib.sha256(where.encode()).hexdigest()[:16]
        return folder / f".cleared-neo4j-{digest}"
    return folder / ".cleared"


def mark_cleared(backend: str | None = None) -> Path:
    """Remember that the store was emptied on purpose (``cli.py clear``)."""
    name = _backend(backend)
    path = cleared_marker(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    note = {"backend": name, "cleared_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    if name == "neo4j":
        note.update(uri=settings.get("NEO4J_URI"), database=settings.get("NEO4J_DATABASE"))
    path.write_text(json.dumps(note, indent=2) + "\n", encoding="utf-8")
    return path


def is_cleared(backend: str | None = None) -> bool:
    """True when the store was emptied on purpose and nothing has loaded the case study since."""
    path = cleared_marker(backend)
    if not path.is_file():
        return False
    if _backend(backend) == "memory":
        return (path.parent / GRAPH_FILE).is_file()
    return True


def load_curated(store: GraphStore) -> dict[str, int]:
    """Load the curated case-study dataset into ``store`` (validated first); an emptied
    store counts as filled again from then on."""
    written = load_case_study(
        store,
        settings.get("JEJARING_DATA"),
        settings.get("JEJARING_SOURCES"),
        batch_size=int(settings.get("JEJARING_BATCH_SIZE")),
    )
    marker = _marker_of(store)
    if marker is not None:
        marker.unlink(missing_ok=True)
    return written


def _marker_of(store: GraphStore) -> Path | None:
    """The marker of an opened store: a memory store's sits beside its own file (none for a
    store kept only in memory), a Neo4j store's is keyed by the configured URI."""
    if getattr(store, "backend", None) == "memory":
        path = getattr(store, "path", None)
        return Path(path).parent / cleared_marker("memory").name if path is not None else None
    return cleared_marker(getattr(store, "backend", None))


def open_ready_store(backend: str | None = None) -> GraphStore:
    """Open the configured store; when it holds no nodes, load the curated case study,
    unless it was emptied on purpose (:func:`mark_cleared`)."""
    store = open_store(backend)
    if not any(store.counts()["nodes"].values()) and not is_cleared(store.backend):
        load_curated(store)
    return store
