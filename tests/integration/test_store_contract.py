"""One suite, two backends: every GraphStore behaves the same on the same records."""

import networkx as nx
import pytest

from graph.schema import SchemaViolation
from graph.store import MissingNode
from loaders.case_study import load_case_study
from tests.conftest import DATA

pytestmark = pytest.mark.timeout(180)

LOC = [{"source": "s", "section": "A", "paragraph": 1, "note": "uji"}]


def actor(node_id, level="desa", **extra):
    return {
        "label": "Actor",
        "id": node_id,
        "name": node_id.upper(),
        "actor_type": "cadre",
        "sector": "health",
        "level": level,
        "evidence": LOC,
        "aliases": [node_id],
        **extra,
    }


def rel(rel_type, a, b, **extra):
    return {"type": rel_type, "start": f"Actor:{a}", "end": f"Actor:{b}", "evidence": LOC, **extra}


@pytest.fixture()
def small(store):
    store.upsert_nodes([actor("a"), actor("b"), actor("c", level="kabupaten")])
    store.upsert_relationships(
        [rel("COLLABORATES_WITH", "a", "b", weight=2), rel("COORDINATES", "c", "a")]
    )
    return store


def test_counts_get_and_nested_properties(small):
    assert small.counts() == {
        "nodes": {"Actor": 3},
        "relationships": {"COLLABORATES_WITH": 1, "COORDINATES": 1},
    }
    node = small.get_node("Actor", "a")
    assert node == actor("a")
    assert small.get_node("Actor", "nobody") is None
    (collab,) = small.relationships("COLLABORATES_WITH")
    assert collab["start"] == "Actor:a" and collab["end"] == "Actor:b"
    assert collab["evidence"] == LOC and collab["weight"] == 2


def test_upsert_is_idempotent_and_replaces(small):
    small.upsert_nodes([actor("a", person_name="Bana")])
    small.upsert_nodes([actor("a")])
    small.upsert_relationships([rel("COLLABORATES_WITH", "a", "b", weight=2)] * 1)
    assert small.get_node("Actor", "a") == actor("a")
    assert small.counts()["relationships"] == {"COLLABORATES_WITH": 1, "COORDINATES": 1}


def test_neighbours(small):
    found = {(n.rel_type, n.direction, n.node["id"]) for n in small.neighbours("Actor", "a")}
    assert found == {("COLLABORATES_WITH", "out", "b"), ("COORDINATES", "in", "c")}
    inbound = small.neighbours("Actor", "a", rel_types={"COORDINATES"}, direction="in")
    assert [(n.node["id"], n.node["label"]) for n in inbound] == [("c", "Actor")]


def test_subgraph_and_networkx_view(small):
    sub = small.subgraph(where={"level": {"desa"}})
    assert set(sub.nodes) == {"Actor:a", "Actor:b"}
    assert list(sub.edges(keys=True)) == [("Actor:a", "Actor:b", "COLLABORATES_WITH")]
    g = small.to_networkx()
    assert g.nodes["Actor:c"]["level"] == "kabupaten" and g.number_of_edges() == 2


def test_frozen_graph_is_one_version_that_later_writes_leave_alone(small):
    frozen = small.frozen_graph()
    copy = small.to_networkx()
    assert nx.is_frozen(frozen) and not nx.is_frozen(copy)
    assert dict(frozen.nodes(data=True)) == dict(copy.nodes(data=True))
    assert list(frozen.edges(keys=True, data=True)) == list(copy.edges(keys=True, data=True))
    with pytest.raises(nx.NetworkXError):
        frozen.add_node("Actor:x")
    small.upsert_nodes([actor("a", person_name="Bana"), actor("d")])
    small.upsert_relationships([rel("COLLABORATES_WITH", "b", "c")])
    assert dict(frozen.nodes(data=True)) == dict(copy.nodes(data=True))
    assert frozen.number_of_edges() == 2
    assert small.frozen_graph().nodes["Actor:a"]["person_name"] == "Bana"


def test_missing_end_writes_nothing(small):
    with pytest.raises(MissingNode, match="ghost"):
        small.upsert_relationships([rel("COORDINATES", "b", "c"), rel("LEADS", "a", "ghost")])
    assert small.counts()["relationships"] == {"COLLABORATES_WITH": 1, "COORDINATES": 1}


def test_names_outside_the_schema_never_reach_the_store(small):
    with pytest.raises(SchemaViolation):
        small.upsert_nodes([{**actor("x"), "label": "Actor`) DETACH DELETE n //"}])
    with pytest.raises(SchemaViolation):
        small.upsert_relationships([rel("KNOWS]->() DELETE x //", "a", "b")])
    with pytest.raises(SchemaViolation):
        small.nodes("Robot")
    assert sum(small.counts()["nodes"].values()) == 3


def test_clear(small):
    small.clear()
    assert small.counts() == {"nodes": {}, "relationships": {}}


def test_case_study_loads_exactly_and_twice_the_same(store, dataset, sources_dir):
    written = load_case_study(store, DATA, sources_dir, batch_size=50)
    assert written == {"nodes": len(dataset.nodes), "relationships": len(dataset.relationships)}
    first = store.to_networkx()
    load_case_study(store, DATA, sources_dir, batch_size=50)
    second = store.to_networkx()
    assert sum(store.counts()["nodes"].values()) == len(dataset.nodes)
    assert sum(store.counts()["relationships"].values()) == len(dataset.relationships)
    assert dict(first.nodes(data=True)) == dict(second.nodes(data=True))
    assert sorted(map(str, first.edges(keys=True, data=True))) == sorted(
        map(str, second.edges(keys=True, data=True))
    )
    for node in dataset.nodes[:: max(1, len(dataset.nodes) // 25)]:
        assert store.get_node(node["label"], node["id"]) == node


# -- apply: all-or-nothing writes (the importer's one write) ------------------------------------
def _snapshot(store):
    g = store.to_networkx()
    return (
        sorted(map(str, g.nodes(data=True))),
        sorted(map(str, g.edges(keys=True, data=True))),
    )


def test_apply_writes_nodes_and_relationships_together(small):
    written = small.apply(
        [actor("d"), actor("a", person_name="Bana")],
        [rel("LEADS", "d", "a"), rel("COLLABORATES_WITH", "a", "b", weight=3)],
    )
    assert written == 4
    assert small.get_node("Actor", "a")["person_name"] == "Bana"
    assert small.counts() == {
        "nodes": {"Actor": 4},
        "relationships": {"COLLABORATES_WITH": 1, "COORDINATES": 1, "LEADS": 1},
    }
    (collab,) = small.relationships("COLLABORATES_WITH")
    assert collab["weight"] == 3
    before = _snapshot(small)
    small.apply([actor("d"), actor("a", person_name="Bana")], [rel("LEADS", "d", "a")])
    assert _snapshot(small) == before


def test_apply_missing_end_found_late_leaves_store_as_before(small):
    before = _snapshot(small)
    # the nodes come first and are written before the ends are checked: all must go again
    nodes = [actor(f"n{i}") for i in range(250)] + [actor("a", person_name="Changed")]
    rels = [rel("LEADS", f"n{i}", "a") for i in range(250)] + [rel("LEADS", "a", "ghost")]
    with pytest.raises(MissingNode, match="ghost"):
        small.apply(nodes, rels)
    assert _snapshot(small) == before


def test_apply_failure_in_the_middle_leaves_store_as_before(small, monkeypatch):
    before = _snapshot(small)
    if small.backend == "memory":
        import graph.memory_store as module

        def broken_write(*args, **kwargs):
            raise OSError("disk full (injected)")

        small.path = "unused-path"  # make the store write, then fail while writing
        monkeypatch.setattr(module, "_write_graph", broken_write)
    else:
        import graph.neo4j.store as module

        def broken_query(*args):
            return "THIS IS NOT CYPHER (injected)"

        monkeypatch.setattr(module, "rel_upsert_query", broken_query)
    with pytest.raises(Exception, match="injected|Invalid input|SyntaxError|syntax"):
        small.apply(
            [actor("z", person_name="Zed"), actor("b", level="kecamatan")], [rel("LEADS", "z", "b")]
        )
    monkeypatch.undo()
    if small.backend == "memory":
        small.path = None
    assert _snapshot(small) == before
    assert small.get_node("Actor", "z") is None


def test_apply_refuses_names_outside_the_schema_before_writing(small):
    before = _snapshot(small)
    with pytest.raises(SchemaViolation):
        small.apply([actor("y")], [rel("KNOWS]->() DELETE x //", "a", "y")])
    assert _snapshot(small) == before


# -- version: the key of everything computed from the graph -------------------------------------


def _reads(store):
    """Every kind of read a page makes."""
    store.counts()
    store.nodes()
    store.nodes("Actor")
    store.relationships("COORDINATES")
    store.get_node("Actor", "a")
    store.neighbours("Actor", "a")
    store.subgraph(labels={"Actor"}, rel_types={"COORDINATES"})
    store.to_networkx()
    store.frozen_graph()
    store.ask("actors_by_level_and_sector")


def test_version_stays_across_reads_and_changes_with_every_write(small):
    start = small.version()
    _reads(small)
    assert small.version() == start
    seen = [start]

    def changed() -> str:
        now = small.version()
        assert now not in seen, f"version {now} came back after a write"
        seen.append(now)
        _reads(small)
        assert small.version() == now, "a read changed the version"
        return now

    small.upsert_nodes([actor("a", person_name="Bana")])
    changed()
    small.upsert_relationships([rel("COLLABORATES_WITH", "a", "b", weight=5)])
    changed()
    small.apply([actor("d")], [rel("LEADS", "d", "a")])
    changed()
    with pytest.raises(MissingNode):  # a write that fails leaves the store and its version
        small.apply([actor("e")], [rel("LEADS", "e", "ghost")])
    assert small.version() == seen[-1]
    small.clear()
    changed()
    small.upsert_nodes([actor("a")])  # the first graph again: still a new version
    changed()


@pytest.mark.parametrize("backend", ["memory", "neo4j"])
def test_two_stores_on_one_database_agree_on_the_version(request, backend, tmp_path):
    first, second = _two_stores(request, backend, tmp_path)
    try:
        first.upsert_nodes([actor("a")])
        assert second.version() == first.version()
        second.upsert_nodes([actor("b")])  # a write through the other store is seen
        assert first.version() == second.version()
        before = first.version()
        second.apply([actor("c")], [rel("LEADS", "c", "a")])
        assert first.version() != before and first.version() == second.version()
    finally:
        second.close()


def _two_stores(request, backend, tmp_path):
    """Two store objects on one workspace file or one Neo4j database, the first emptied."""
    if backend == "memory":
        from graph.memory_store import MemoryStore

        return MemoryStore.in_workspace(tmp_path), MemoryStore.in_workspace(tmp_path)
    from neo4j import GraphDatabase

    from graph.neo4j.store import Neo4jStore

    first = request.getfixturevalue("neo4j_module_store")
    first.clear()
    server = request.getfixturevalue("neo4j_server")
    driver = GraphDatabase.driver(server.bolt_uri, auth=server.auth)
    return first, Neo4jStore(driver, database="neo4j")
