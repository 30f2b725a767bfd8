"""Opening a store ready for use: an empty store starts with the curated case study."""

from __future__ import annotations

import settings
from graph.backends import open_store
from graph.store import GraphStore
from loaders.case_study import load_case_study

__all__ = ["open_ready_store", "load_curated"]


def load_curated(store: GraphStore) -> dict[str, int]:
    """Load the curated case-study dataset into ``store`` (validated first)."""
    return load_case_study(
        store,
        settings.get("JEJARING_DATA"),
        settings.get("JEJARING_SOURCES"),
        batch_size=int(settings.get("JEJARING_BATCH_SIZE")),
    )


def open_ready_store(backend: str | None = None) -> GraphStore:
    """Open the configured store; when it holds no nodes, load the curated case study."""
    store = open_store(backend)
    if not any(store.counts()["nodes"].values()):
        load_curated(store)
    return store
