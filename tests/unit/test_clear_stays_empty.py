"""``cli.py clear`` empties the store for good: ``stats``, ``query``, ``export`` and the app
open it empty, until ``load`` brings the case study back (memory store; the Neo4j case is
tests/integration/test_clear_stays_empty_neo4j.py)."""

from __future__ import annotations

import hashlib
import json

from graph.memory_store import GRAPH_FILE, MemoryStore
from loaders.bootstrap import cleared_marker, is_cleared, mark_cleared, open_ready_store
from tests.unit.test_cli import run_cli


def _stats(workspace) -> dict:
    return json.loads(run_cli("stats", "--format", "json", workspace=workspace).stdout)


def test_cleared_store_stays_empty_until_load(tmp_path, sources_dir, dataset, monkeypatch):
    run_cli("load", workspace=tmp_path)
    assert sum(_stats(tmp_path)["nodes"].values()) == len(dataset.nodes)

    out = run_cli("clear", "--yes", workspace=tmp_path).stdout
    assert "stays empty" in out
    assert (tmp_path / ".cleared").is_file()
    assert _stats(tmp_path) == {"nodes": {}, "relationships": {}}
    assert _stats(tmp_path) == {"nodes": {}, "relationships": {}}  # and again

    # the app opens the store through the same function
    monkeypatch.setenv("JEJARING_WORKSPACE", str(tmp_path))
    monkeypatch.setenv("JEJARING_BACKEND", "memory")
    assert cleared_marker() == tmp_path / ".cleared" and is_cleared()
    assert not any(open_ready_store().counts()["nodes"].values())

    out = run_cli("load", workspace=tmp_path).stdout
    assert "loaded" in out and not (tmp_path / ".cleared").exists()
    assert sum(_stats(tmp_path)["nodes"].values()) == len(dataset.nodes)


def test_deleting_the_graph_file_starts_again_from_the_case_study(tmp_path, sources_dir, dataset):
    run_cli("clear", "--yes", workspace=tmp_path)  # an empty workspace: clear writes graph.json
    assert (tmp_path / ".cleared").is_file()
    (tmp_path / GRAPH_FILE).unlink()
    assert sum(_stats(tmp_path)["nodes"].values()) == len(dataset.nodes)
    assert not (tmp_path / ".cleared").exists()  # the load that followed removed it


def test_refused_clear_leaves_no_marker(tmp_path):
    proc = run_cli("clear", workspace=tmp_path, check=False)  # no terminal, no --yes
    assert proc.returncode == 1 and not (tmp_path / ".cleared").exists()


def test_a_store_kept_only_in_memory_has_no_marker(workspace):
    store = MemoryStore(None)
    assert mark_cleared(store) is None and not is_cleared(store)
    assert not workspace.exists() or not list(workspace.glob(".cleared*"))


def test_a_stores_marker_sits_beside_its_graph_file(tmp_path, workspace):
    elsewhere = MemoryStore.in_workspace(tmp_path / "other")
    elsewhere.clear()  # writes its graph file: a marker counts only beside one
    assert mark_cleared(elsewhere) == tmp_path / "other" / ".cleared"
    assert is_cleared(elsewhere) and not is_cleared()  # the configured workspace is another


def test_a_neo4j_marker_is_named_after_the_uri_and_database(workspace, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://example:7687")
    monkeypatch.setenv("NEO4J_DATABASE", "jejaring")
    digest = hashlib.sha256(b"bolt://example:7687\0jejaring").hexdigest()[:16]
    assert cleared_marker("neo4j") == workspace / f".cleared-neo4j-{digest}"
    path = mark_cleared("neo4j")
    note = json.loads(path.read_text(encoding="utf-8"))
    assert note["uri"] == "bolt://example:7687" and note["database"] == "jejaring"
    assert is_cleared("neo4j") and not is_cleared("memory")
