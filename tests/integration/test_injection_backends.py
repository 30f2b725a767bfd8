"""Hostile texts through the importer on both backends: stored verbatim, no query changed.

The corpus of tests/injection_support.py (Cypher fragments such as ``'}) DETACH DELETE n //``,
backticks, quotes, backslashes, script tags, template syntax, RTL and zero-width characters,
a 10,000-character name) goes into every text field of a CSV import on top of the curated
case study. Afterwards every field reads back exactly, the case study is all still there
(same nodes, relationships and properties), and the counts grew by the import alone. The
same texts as query parameters (named questions, the console) and as literals of the Cypher
script export change nothing either.
"""

from __future__ import annotations

import pytest

from graph.neo4j import console
from graph.neo4j.script import cypher_statements
from graph.neo4j.store import Neo4jStore
from graph.questions import BadParameter, list_questions
from loaders.case_study import load_case_study
from tests.conftest import DATA
from tests.import_support import snapshot
from tests.injection_support import (
    PAYLOADS,
    actor_id,
    import_payloads,
    stored_mismatches,
)

pytestmark = [pytest.mark.neo4j, pytest.mark.timeout(600)]

CYPHERISH = [t for t in PAYLOADS.values() if any(c in t for c in "'\"`\\;{}")]


def _counts(store) -> tuple[int, int]:
    graph = store.to_networkx()
    return graph.number_of_nodes(), graph.number_of_edges()


def _case_study_part(graph, keys) -> list[str]:
    return sorted(str((k, graph.nodes[k])) for k in keys)


def test_every_field_is_stored_verbatim_and_nothing_else_changes(store, sources_dir):
    load_case_study(store, DATA, sources_dir)
    before = store.to_networkx()
    nodes_before, rels_before = before.number_of_nodes(), before.number_of_edges()
    edges_before = sorted(map(str, before.edges(keys=True, data=True)))

    import_payloads(store)

    after = store.to_networkx()
    assert stored_mismatches(after) == []
    assert after.number_of_nodes() == nodes_before + len(PAYLOADS)
    assert after.number_of_edges() == rels_before + len(PAYLOADS)
    # no node of the case study deleted or changed, no relationship either
    assert _case_study_part(after, before.nodes) == _case_study_part(before, before.nodes)
    kept = [e for e in map(str, after.edges(keys=True, data=True)) if e in set(edges_before)]
    assert sorted(kept) == edges_before


def test_payloads_as_question_parameters_change_nothing(store):
    import_payloads(store)
    before = snapshot(store)
    asked = 0
    for question in list_questions():
        for param, default in question["params"].items():
            if not isinstance(default, str):
                continue
            for text in CYPHERISH:
                try:
                    answer = store.ask(question["name"], {param: text})
                except BadParameter as refused:  # a label outside the closed set, say
                    assert param in str(refused) or "label" in str(refused)
                    continue
                assert len(answer) <= len(PAYLOADS) * 2
                asked += 1
    assert asked > 20
    assert snapshot(store) == before
    assert stored_mismatches(store.to_networkx()) == []


def test_a_payload_id_finds_its_own_actor_only(store):
    import_payloads(store)
    for name in ("cypher_close_map", "cypher_backticks", "cypher_statement"):
        answer = store.ask("evidence_of_node", {"label": "Actor", "node_id": actor_id(name)})
        assert answer[["section", "note"]].to_numpy().tolist() == [[PAYLOADS[name]] * 2]


@pytest.fixture()
def neo4j_store(neo4j_module_store):
    neo4j_module_store.clear()
    yield neo4j_module_store
    neo4j_module_store.clear()


def test_console_parameters_match_the_payloads_exactly(neo4j_store):
    import_payloads(neo4j_store)
    before = snapshot(neo4j_store)
    for name, text in PAYLOADS.items():
        result = console.run_console(
            neo4j_store.driver,
            "MATCH (a:Actor) WHERE a.name = $name AND $name IN a.aliases RETURN a.id AS id",
            database=neo4j_store.database,
            timeout_s=10,
            row_cap=10,
            params={"name": text},
        )
        assert result.rows == [{"id": actor_id(name)}], name
    assert snapshot(neo4j_store) == before


def test_the_cypher_script_export_recreates_every_payload(neo4j_store):
    from graph.memory_store import MemoryStore

    source = MemoryStore(None)
    import_payloads(source)
    statements = cypher_statements(source.to_networkx())
    with neo4j_store.driver.session(database=neo4j_store.database) as session:
        for statement in statements:
            session.run(statement).consume()
    assert stored_mismatches(neo4j_store.to_networkx()) == []
    assert _counts(neo4j_store) == (len(PAYLOADS), len(PAYLOADS))
    assert isinstance(neo4j_store, Neo4jStore)
