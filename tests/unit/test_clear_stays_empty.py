"""``cli.py clear`` empties the store for good: ``stats``, ``query``, ``export`` and the app
open it empty, until ``load`` brings the case study back (memory store; the Neo4j case is
tests/integration/test_clear_stays_empty_neo4j.py)."""

from __future__ import annotations

import json

from graph.memory_store import GRAPH_FILE
from loaders.bootstrap import cleared_marker, is_cleared, open_ready_store
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
