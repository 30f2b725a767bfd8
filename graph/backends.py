"""Choosing and opening a GraphStore backend from the settings."""

from __future__ import annotations

import settings
from graph.memory_store import MemoryStore
from graph.store import GraphStore

__all__ = ["BACKENDS", "open_store"]

BACKENDS = ("memory", "neo4j")


def open_store(backend: str | None = None) -> GraphStore:
    """Open the store named by ``backend`` (default: the JEJARING_BACKEND setting)."""
    name = (backend or settings.get("JEJARING_BACKEND")).strip().lower()
    if name == "memory":
        return MemoryStore.in_workspace(settings.get("JEJARING_WORKSPACE"))
    if name == "neo4j":
        from graph.neo4j.store import Neo4jStore  # the driver is only needed for this backend

        return Neo4jStore.from_settings()
    raise ValueError(f"unknown backend {name!r}; choose one of: {', '.join(BACKENDS)}")
