"""The Cypher script export recreates the graph in an empty Neo4j: same counts, same
properties, hostile strings verbatim."""

from __future__ import annotations

import pytest

from graph.memory_store import MemoryStore
from graph.neo4j.script import cypher_script, split_statements
from loaders.case_study import load_case_study
from tests.conftest import DATA

pytestmark = [pytest.mark.neo4j, pytest.mark.timeout(300)]

HOSTILE = [
    "'}) DETACH DELETE n //",
    '"}) MATCH (m) DETACH DELETE m RETURN 1 //',
    "back\\slash \\' \\\" \\\\ end\\",
    "literal \\u0027 and \\U00000027 and \\n",
    "line one\nline two\r\nthree\tTab",
    "`backtick` /* comment */ // trailing ;",
    "Désa Mongpok — kader 🌾 «ok» 中文 עברית \u2028 sep \u0001 ctl",
    "<img src=x onerror=alert(1)>",
    ";\nMATCH (n) DETACH DELETE n;\n",
]


def _loc(note: str | None = None) -> list[dict]:
    loc = {"source": "s", "section": "Abstrak", "paragraph": 1}
    if note:
        loc["note"] = note
    return [loc]


def hostile_store() -> MemoryStore:
    store = MemoryStore(None)
    nodes = [
        {
            "label": "Actor",
            "id": f"a{i}",
            "name": text,
            "name_en": text[::-1],
            "aliases": [text, "plain", ""],
            "actor_type": "cadre",
            "sector": "health",
            "level": "desa",
            "evidence": _loc(text),
        }
        for i, text in enumerate(HOSTILE)
    ]
    nodes += [
        {
            "label": "Program",
            "id": "p.x-1",
            "name": "Kampung KB",
            "evidence": _loc(),
            "start": "2019-03",
        },
        {
            "label": "Observation",
            "id": "o1",
            "name": "obs",
            "value": 27.2,
            "value_text": "27,2",
            "unit": "%",
            "instrument": "SSGI",
            "source": HOSTILE[0],
            "year": 2022,
            "printed_total": False,
            "evidence": _loc(),
        },
        {
            "label": "Claim",
            "id": "c1",
            "name": "claim",
            "claim_kind": "rank",
            "asserted": "9",
            "check": {"op": "rank", "expected": 9, "note": HOSTILE[2], "among": ["a", "b"]},
            "evidence": _loc(),
        },
    ]
    store.upsert_nodes(nodes)
    rels = [
        {
            "type": "COLLABORATES_WITH",
            "start": f"Actor:a{i}",
            "end": f"Actor:a{(i + 1) % len(HOSTILE)}",
            "description": HOSTILE[i],
            "weight": 1.5,
            "evidence": _loc(HOSTILE[i]),
        }
        for i in range(len(HOSTILE))
    ]
    rels.append(
        {
            "type": "FUNDS",
            "start": "Actor:a0",
            "end": "Program:p.x-1",
            "amount": 1_000_000,
            "currency": "IDR",
            "evidence": _loc(),
        }
    )
    store.upsert_relationships(rels)
    return store


def _run_script(neo_store, script: str) -> int:
    statements = split_statements(script)
    with neo_store.driver.session(database=neo_store.database) as session:
        for statement in statements:
            session.run(statement).consume()
    return len(statements)


def _as_dicts(graph):
    nodes = {k: dict(d) for k, d in graph.nodes(data=True)}
    edges = {(u, v, k): dict(d) for u, v, k, d in graph.edges(keys=True, data=True)}
    return nodes, edges


def _without_empty(props: dict) -> dict:
    # Neo4j stores no nulls; the memory store may keep a key whose value is None.
    return {k: v for k, v in props.items() if v is not None}


def _assert_same(source, recreated):
    src_nodes, src_edges = _as_dicts(source)
    new_nodes, new_edges = _as_dicts(recreated)
    assert set(new_nodes) == set(src_nodes)
    assert set(new_edges) == set(src_edges)
    for key, props in src_nodes.items():
        assert new_nodes[key] == _without_empty(props), key
    for key, props in src_edges.items():
        expected = _without_empty({k: v for k, v in props.items() if k not in ("start", "end")})
        got = {k: v for k, v in new_edges[key].items() if k not in ("start", "end")}
        assert got == expected, key


def test_hostile_strings_arrive_verbatim(neo4j_module_store):
    neo4j_module_store.clear()
    source = hostile_store()
    script = cypher_script(source.to_networkx(), note=HOSTILE[-1])
    # every statement is one line; the note's line breaks stay inside comments
    assert all(
        line.startswith("//") or line.endswith(";") or not line for line in script.splitlines()
    )
    ran = _run_script(neo4j_module_store, script)
    assert ran > 10
    assert neo4j_module_store.counts() == source.counts()
    _assert_same(source.to_networkx(), neo4j_module_store.to_networkx())
    names = {n["name"] for n in neo4j_module_store.nodes("Actor")}
    assert names == set(HOSTILE)
    # running the script a second time changes nothing (MERGE on the unique ids)
    _run_script(neo4j_module_store, script)
    assert neo4j_module_store.counts() == source.counts()


def test_case_study_round_trip_counts_and_properties(neo4j_module_store, sources_dir):
    neo4j_module_store.clear()
    source = MemoryStore(None)
    load_case_study(source, DATA, sources_dir)
    graph = source.to_networkx()
    script = cypher_script(graph)
    _run_script(neo4j_module_store, script)
    assert neo4j_module_store.counts() == source.counts()
    _assert_same(graph, neo4j_module_store.to_networkx())
    constraints, _, _ = neo4j_module_store.driver.execute_query(
        "SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names",
        database_=neo4j_module_store.database,
    )
    assert {"jejaring_actor_id", "jejaring_observation_id"} <= set(constraints[0]["names"])
