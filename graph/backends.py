"""Choosing and opening a GraphStore backend from the settings."""

from __future__ import annotations

from pathlib import Path

import settings
from graph.memory_store import GRAPH_FILE, MemoryStore
from graph.store import GraphStore, StoreLocation

__all__ = ["BACKENDS", "open_store", "configured_location"]

BACKENDS = ("memory", "neo4j")


def _name(backend: str | None) -> str:
    return (backend or settings.get("JEJARING_BACKEND")).strip().lower()


def configured_location(backend: str | None = None) -> StoreLocation:
    """Where the store that :func:`open_store` would open keeps its graph, read from the
    settings without opening it (no file is read, no server is asked)."""
    name = _name(backend)
    if name == "memory":
        return StoreLocation(name, file=Path(settings.get("JEJARING_WORKSPACE")) / GRAPH_FILE)
    if name == "neo4j":
        server = {"uri": settings.get("NEO4J_URI"), "database": settings.get("NEO4J_DATABASE")}
        return StoreLocation(name, server=server)
    raise ValueError(f"unknown backend {name!r}; choose one of: {', '.join(BACKENDS)}")


def open_store(backend: str | None = None) -> GraphStore:
    """Open the store named by ``backend`` (default: the JEJARING_BACKEND setting)."""
    name = _name(backend)
    if name == "memory":
        return MemoryStore.in_workspace(settings.get("JEJARING_WORKSPACE"))
    if name == "neo4j":
        from graph.neo4j.store import Neo4jStore  # the driver is only needed for this backend

        return Neo4jStore.from_settings()
    raise ValueError(f"unknown backend {name!r}; choose one of: {', '.join(BACKENDS)}")
