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

import json
import time
from pathlib import Path

import settings
from graph.backends import configured_location, open_store
from graph.store import GraphStore, StoreLocation
from loaders.case_study import load_case_study

__all__ = ["open_ready_store", "load_curated", "cleared_marker", "mark_cleared", "is_cleared"]

# A store, or the name of a backend whose configured store is meant (None: JEJARING_BACKEND).
Which = GraphStore | str | None


def _location(which: Which) -> StoreLocation:
    if which is None or isinstance(which, str):
        return configured_location(which)
    return which.location()


def _marker(location: StoreLocation) -> Path | None:
    """The marker of a store: beside the embedded store's file (none for a store kept only in
    memory), or in the workspace, named after a server's database."""
    if location.file is not None:
        return Path(location.file).parent / ".cleared"
    if location.server:
        folder = Path(settings.get("JEJARING_WORKSPACE"))
        return folder / f".cleared-{location.backend}-{location.key}"
    return None


def cleared_marker(which: Which = None) -> Path:
    """The marker file that says the store (default: the configured one) was emptied on
    purpose."""
    marker = _marker(_location(which))
    if marker is None:
        raise ValueError("a store kept only in memory has no cleared marker")
    return marker


def mark_cleared(which: Which = None) -> Path | None:
    """Remember that the store was emptied on purpose (``cli.py clear``); a store kept only in
    memory has nothing to remember it by (None)."""
    location = _location(which)
    path = _marker(location)
    if path is None:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    note = {
        "backend": location.backend,
        "cleared_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        **(location.server or {}),
    }
    path.write_text(json.dumps(note, indent=2) + "\n", encoding="utf-8")
    return path


def is_cleared(which: Which = None) -> bool:
    """True when the store was emptied on purpose and nothing has loaded the case study since.

    The embedded store's marker only counts while its graph file exists."""
    location = _location(which)
    path = _marker(location)
    if path is None or not path.is_file():
        return False
    return location.file is None or Path(location.file).is_file()


def load_curated(store: GraphStore) -> dict[str, int]:
    """Load the curated case-study dataset into ``store`` (validated first); an emptied
    store counts as filled again from then on."""
    written = load_case_study(
        store,
        settings.get("JEJARING_DATA"),
        settings.get("JEJARING_SOURCES"),
        batch_size=int(settings.get("JEJARING_BATCH_SIZE")),
    )
    marker = _marker(store.location())
    if marker is not None:
        marker.unlink(missing_ok=True)
    return written


def open_ready_store(backend: str | None = None) -> GraphStore:
    """Open the configured store; when it holds no nodes, load the curated case study,
    unless it was emptied on purpose (:func:`mark_cleared`)."""
    store = open_store(backend)
    if not any(store.counts()["nodes"].values()) and not is_cleared(store):
        load_curated(store)
    return store
