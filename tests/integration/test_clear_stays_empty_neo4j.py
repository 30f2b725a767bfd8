"""``cli.py clear`` on Neo4j: the emptied server stays empty for ``stats`` until ``load``; the
marker is keyed by the URI and database, so another server is not affected."""

import json

import pytest

from tests.integration.test_neo4j_case_study import neo4j_env
from tests.unit.test_cli import run_cli

pytestmark = [pytest.mark.neo4j, pytest.mark.timeout(300)]


def _stats(workspace, env) -> dict:
    out = run_cli(
        "stats", "--backend", "neo4j", "--format", "json", workspace=workspace, extra_env=env
    ).stdout
    return json.loads(out)


def test_cleared_neo4j_stays_empty_until_load(
    neo4j_server, neo4j_module_store, tmp_path, sources_dir, dataset
):
    env = neo4j_env(neo4j_server)
    empty = neo4j_module_store.version()
    run_cli("load", "--backend", "neo4j", workspace=tmp_path, extra_env=env)
    loaded = neo4j_module_store.version()  # another process wrote: this store sees it
    assert loaded != empty
    out = run_cli("clear", "--backend", "neo4j", "--yes", workspace=tmp_path, extra_env=env)
    assert neo4j_module_store.version() not in (empty, loaded)
    assert "stays empty" in out.stdout
    markers = sorted(p.name for p in tmp_path.glob(".cleared*"))
    assert len(markers) == 1 and markers[0].startswith(".cleared-neo4j-"), markers
    note = json.loads((tmp_path / markers[0]).read_text(encoding="utf-8"))
    assert note["uri"] == neo4j_server.bolt_uri and neo4j_server.password not in json.dumps(note)

    cleared = neo4j_module_store.version()
    assert _stats(tmp_path, env) == {"nodes": {}, "relationships": {}}
    assert neo4j_module_store.counts()["nodes"] == {}
    assert neo4j_module_store.version() == cleared  # reading another process's way changes nothing

    # another server address (here: another database name) has no marker of its own
    other = {**env, "NEO4J_DATABASE": "elsewhere"}
    from loaders import bootstrap

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JEJARING_WORKSPACE", str(tmp_path))
        for key, value in env.items():
            mp.setenv(key, value)
        assert bootstrap.is_cleared("neo4j")
        mp.setenv("NEO4J_DATABASE", other["NEO4J_DATABASE"])
        assert not bootstrap.is_cleared("neo4j")

    run_cli("load", "--backend", "neo4j", workspace=tmp_path, extra_env=env)
    assert not list(tmp_path.glob(".cleared*"))
    assert sum(_stats(tmp_path, env)["nodes"].values()) == len(dataset.nodes)
    neo4j_module_store.clear()
