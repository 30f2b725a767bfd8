"""The embedded store: upserts, reads, filters, persistence and all-or-nothing writes."""

import json

import pytest

from graph.console import ConsoleUnavailable
from graph.memory_store import MemoryStore
from graph.schema import SchemaViolation
from graph.store import MissingNode, StoreLocation

LOC = [{"source": "s", "section": "A", "paragraph": 1}]


def actor(node_id, level="desa", **extra):
    return {
        "label": "Actor",
        "id": node_id,
        "name": node_id.upper(),
        "actor_type": "cadre",
        "sector": "health",
        "level": level,
        "evidence": LOC,
        **extra,
    }


def rel(rel_type, a, b, **extra):
    return {"type": rel_type, "start": f"Actor:{a}", "end": f"Actor:{b}", "evidence": LOC, **extra}


@pytest.fixture()
def store():
    s = MemoryStore(None)
    s.upsert_nodes([actor("a"), actor("b"), actor("c", level="kabupaten")])
    s.upsert_relationships([rel("COLLABORATES_WITH", "a", "b"), rel("COORDINATES", "c", "a")])
    return s


def test_counts_and_get(store):
    assert store.counts() == {
        "nodes": {"Actor": 3},
        "relationships": {"COLLABORATES_WITH": 1, "COORDINATES": 1},
    }
    assert store.get_node("Actor", "a")["name"] == "A"
    assert store.get_node("Actor", "zzz") is None


def test_upsert_replaces_properties_and_is_idempotent(store):
    store.upsert_nodes([actor("a", person_name="Bana")])
    store.upsert_nodes([actor("a")])
    assert "person_name" not in store.get_node("Actor", "a")
    before = store.to_networkx()
    store.upsert_relationships([rel("COLLABORATES_WITH", "a", "b")])
    assert store.counts()["relationships"]["COLLABORATES_WITH"] == 1
    assert sorted(store.to_networkx().edges(keys=True)) == sorted(before.edges(keys=True))


def test_neighbours_both_directions(store):
    found = {(n.rel_type, n.direction, n.node["id"]) for n in store.neighbours("Actor", "a")}
    assert found == {("COLLABORATES_WITH", "out", "b"), ("COORDINATES", "in", "c")}
    only = store.neighbours("Actor", "a", rel_types={"COORDINATES"}, direction="in")
    assert [n.node["id"] for n in only] == ["c"]


def test_subgraph_filters(store):
    sub = store.subgraph(where={"level": {"desa"}})
    assert set(sub.nodes) == {"Actor:a", "Actor:b"}
    assert list(sub.edges(keys=True)) == [("Actor:a", "Actor:b", "COLLABORATES_WITH")]
    assert store.subgraph(rel_types={"COORDINATES"}).number_of_edges() == 1


def test_returned_data_is_a_copy(store):
    store.get_node("Actor", "a")["name"] = "changed"
    store.to_networkx().nodes["Actor:a"]["name"] = "changed"
    assert store.get_node("Actor", "a")["name"] == "A"


def test_bad_batch_changes_nothing(store):
    before = store.counts()
    with pytest.raises(MissingNode, match="Actor:ghost"):
        store.upsert_relationships([rel("COORDINATES", "b", "c"), rel("COORDINATES", "a", "ghost")])
    with pytest.raises(SchemaViolation):
        store.upsert_nodes([actor("d"), {**actor("e"), "label": "Robot"}])
    assert store.counts() == before


def test_persists_atomically_and_reloads(tmp_path):
    s = MemoryStore.in_workspace(tmp_path / "ws")
    s.upsert_nodes([actor("a"), actor("b")])
    s.upsert_relationships([rel("LEADS", "a", "b", date="2023-01")])
    files = sorted(p.name for p in (tmp_path / "ws").iterdir())
    assert files == ["graph.json"]  # no temporary file left behind
    again = MemoryStore.in_workspace(tmp_path / "ws")
    assert again.counts() == s.counts()
    assert again.relationships("LEADS")[0]["date"] == "2023-01"
    again.clear()
    assert json.loads((tmp_path / "ws" / "graph.json").read_text())["nodes"] == []


def test_unreadable_workspace_file_is_named(tmp_path):
    (tmp_path / "graph.json").write_text("{not json")
    with pytest.raises(ValueError, match="graph.json"):
        MemoryStore(tmp_path / "graph.json")


def test_the_embedded_store_has_no_console_and_says_so(store):
    assert store.has_console is False
    with pytest.raises(ConsoleUnavailable, match="needs the Neo4j backend"):
        store.console("MATCH (a:Actor) RETURN a", timeout_s=1.0, row_cap=10)


def test_location_names_the_graph_file_or_none(tmp_path):
    assert MemoryStore.in_workspace(tmp_path).location() == StoreLocation(
        "memory", file=tmp_path / "graph.json"
    )
    assert MemoryStore(None).location() == StoreLocation("memory")
    assert MemoryStore(None).location().key == ""


def test_a_bulk_load_writes_the_embedded_store_once_and_streams_into_others():
    from loaders.synth import generate, load

    calls: list[str] = []

    class Counting(MemoryStore):
        def upsert_nodes(self, records, **options):
            calls.append("nodes")
            return super().upsert_nodes(records, **options)

        def upsert_relationships(self, records, **options):
            calls.append("relationships")
            return super().upsert_relationships(records, **options)

    class Streaming(Counting):
        whole_graph_writes = False  # as a store whose writes are batched transactions

    whole = Counting(None)
    load(generate(3, 1), whole, chunk=200)
    assert calls == ["nodes", "relationships"]
    calls.clear()
    streamed = Streaming(None)
    load(generate(3, 1), streamed, chunk=200)
    assert calls.count("nodes") > 1 and calls.count("relationships") > 1
    assert streamed.counts() == whole.counts()
