"""The read-only Cypher console against a real Neo4j holding the case study.

Every write form is refused and the database is the same afterwards (nodes, relationships,
every property value, label, type and property-key tokens, indexes, constraints, users, the
GDS catalogue). Each layer is also tried on its own, so that none of them is taken on trust:
the EXPLAIN check without the text rules, and the read transaction without either.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter

import pytest
from neo4j import GraphDatabase

from graph.neo4j import console
from tests.conftest import ROOT

pytestmark = [pytest.mark.neo4j, pytest.mark.timeout(300)]

DB = "neo4j"
TIMEOUT_S = 10.0
ROW_CAP = 1000
HEAD = "kepala_desa_mongpok"


def run(driver, text, **options):
    options = {"database": DB, "timeout_s": TIMEOUT_S, "row_cap": ROW_CAP, **options}
    return console.run_console(driver, text, **options)


# -- what "unchanged" means -------------------------------------------------------------

SNAPSHOT_QUERIES = {
    "nodes": "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props "
    "ORDER BY n.id, labels(n)[0]",
    "relationships": "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, b.id AS b, "
    "properties(r) AS props ORDER BY a, type, b",
    "labels": "CALL db.labels() YIELD label RETURN label ORDER BY label",
    "types": "CALL db.relationshipTypes() YIELD relationshipType AS t RETURN t ORDER BY t",
    "property_keys": "CALL db.propertyKeys() YIELD propertyKey AS k RETURN k ORDER BY k",
    "indexes": "SHOW INDEXES YIELD name, labelsOrTypes, properties "
    "RETURN name, labelsOrTypes, properties ORDER BY name",
    "constraints": "SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name",
}


def snapshot(driver, plugins):
    """Everything a write could change, read with the driver directly (not the console)."""
    state = {}
    for part, query in SNAPSHOT_QUERIES.items():
        records, _, _ = driver.execute_query(query, database_=DB)
        state[part] = [r.data() for r in records]
    users, _, _ = driver.execute_query("SHOW USERS YIELD user RETURN user", database_="system")
    state["users"] = [r["user"] for r in users]
    if "gds" in plugins:
        graphs, _, _ = driver.execute_query(
            "CALL gds.graph.list() YIELD graphName RETURN graphName", database_=DB
        )
        state["gds_graphs"] = [r["graphName"] for r in graphs]
    return state


def assert_refused_and_unchanged(driver, plugins, attempt, match=None):
    before = snapshot(driver, plugins)
    with pytest.raises(console.QueryRefused, match=match) as refused:
        attempt()
    assert snapshot(driver, plugins) == before
    return str(refused.value)


def test_the_snapshot_sees_the_case_study(driver, plugins, dataset):
    state = snapshot(driver, plugins)
    assert len(state["nodes"]) == len(dataset.nodes)
    assert len(state["relationships"]) == len(dataset.relationships)
    assert {"name": "jejaring_actor_id"} in state["constraints"]


# -- every write form is refused, the database unchanged --------------------------------

WRITES = {
    "create": "CREATE (n:Actor {id: 'console_probe', name: 'Probe'})",
    "create_returning": "CREATE (n:Actor {id: 'console_probe'}) RETURN n",
    "merge": f"MERGE (n:Actor {{id: '{HEAD}'}}) SET n.name = 'changed'",
    "merge_new": "MERGE (n:Probe {id: 1}) RETURN n",
    "set": "MATCH (n:Actor) SET n.name = 'changed'",
    "set_label": "MATCH (n:Actor) SET n:Probe",
    "delete": "MATCH ()-[r:FUNDS]->() DELETE r",
    "detach_delete": "MATCH (n:Observation) DETACH DELETE n",
    "remove_property": "MATCH (n:Actor) REMOVE n.level",
    "remove_label": "MATCH (n:Actor) REMOVE n:Actor",
    "drop_constraint": "DROP CONSTRAINT jejaring_actor_id",
    "drop_index": "DROP INDEX jejaring_actor_id IF EXISTS",
    "create_index": "CREATE INDEX console_probe FOR (n:Actor) ON (n.name)",
    "create_constraint": "CREATE CONSTRAINT console_probe FOR (n:Probe) REQUIRE n.id IS UNIQUE",
    "foreach": "FOREACH (x IN range(1, 3) | CREATE (:Actor {id: 'probe_' + toString(x)}))",
    "load_csv_write": "LOAD CSV FROM 'file:///probe.csv' AS row CREATE (:Actor {id: row[0]})",
    "load_csv_read": "LOAD CSV FROM 'file:///probe.csv' AS row RETURN row",
    "create_label_procedure": "CALL db.createLabel('Probe')",
    "create_property_procedure": "CALL db.createProperty('console_probe')",
    "apoc_create": "CALL apoc.create.node(['Actor'], {id: 'apoc_probe'})",
    "apoc_run_write": "CALL apoc.cypher.runWrite('CREATE (:Actor {id: \"w\"})', {})",
    "apoc_periodic": "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'SET n.x = 1', {})",
    "apoc_load": "CALL apoc.load.json('file:///etc/hostname')",
    "apoc_cypher_function": "RETURN apoc.cypher.runFirstColumnSingle('CREATE (n) RETURN n', {})",
    "gds_drop": "CALL gds.graph.drop('x')",
    "gds_project": "CALL gds.graph.project('console_probe', 'Actor', '*')",
    "gds_project_function": "MATCH (a:Actor) RETURN gds.graph.project('console_probe', a, null)",
    "dbms_set_config": "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')",
    "in_transactions": "CALL { CREATE (n:Probe) } IN TRANSACTIONS",
    "in_concurrent_transactions": "UNWIND [1, 2] AS x CALL (x) { CREATE (:Probe {x: x}) } "
    "IN 2 CONCURRENT TRANSACTIONS",
    "periodic_commit": "USING PERIODIC COMMIT LOAD CSV FROM 'file:///p.csv' AS r CREATE (:Probe)",
    "after_comment": "// just looking\nMATCH (n:Actor) /* only a peek */ SET n.level = 'x'",
    "after_statement": "MATCH (n) RETURN count(n) /* ; */ ; MATCH (n) DETACH DELETE n",
    "in_subquery": "CALL { MATCH (n) SET n.x = 1 }",
    "in_scoped_subquery": "CALL () { MATCH (n:Actor) SET n.x = 1 RETURN count(*) AS c } RETURN c",
    "lowercase": "match (n:Actor) set n.name = 'lower'",
    "odd_spacing": "  cReAtE\n\t(n:Actor{id:'odd'})  ",
    "no_spaces": "MATCH(n:Actor)DETACH   DELETE(n)",
    "use_system": "USE system SHOW USERS",
    "create_user": "CREATE USER console_probe SET PASSWORD 'console-probe-pw'",
    "alter_user": "ALTER USER neo4j SET PASSWORD 'changed-by-console'",
    "grant": "GRANT ROLE admin TO console_probe",
    "stop_database": "STOP DATABASE neo4j",
    "terminate": "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "show_users": "SHOW USERS",
}


@pytest.mark.parametrize("text", WRITES.values(), ids=WRITES.keys())
def test_every_write_form_is_refused_and_nothing_changes(driver, plugins, text):
    message = assert_refused_and_unchanged(driver, plugins, lambda: run(driver, text))
    assert message.startswith("refused: ")


def test_a_refusal_says_what_the_query_would_do(driver, plugins):
    message = assert_refused_and_unchanged(
        driver, plugins, lambda: run(driver, "MATCH (n:Observation) DETACH DELETE n")
    )
    assert "write" in message and "delete nodes or relationships" in message
    message = assert_refused_and_unchanged(
        driver, plugins, lambda: run(driver, "CALL apoc.load.json('file:///etc/hostname')")
    )
    assert "apoc.load.json" in message


# -- each layer on its own --------------------------------------------------------------

PLAN_REFUSES = {
    "create": "CREATE (n:Probe)",
    "set": "MATCH (n:Actor) SET n.name = 'changed'",
    "merge": "MERGE (n:Probe {id: 1})",
    "detach_delete": "MATCH (n:Observation) DETACH DELETE n",
    "foreach": "FOREACH (x IN [1] | CREATE (:Probe))",
    "subquery": "CALL { MATCH (n) SET n.x = 1 }",
    "create_label_procedure": "CALL db.createLabel('Probe')",
    "in_transactions": "CALL { CREATE (n:Probe) } IN TRANSACTIONS",
    "create_index": "CREATE INDEX console_probe FOR (n:Actor) ON (n.name)",
    "drop_constraint": "DROP CONSTRAINT jejaring_actor_id",
    "load_csv": "LOAD CSV FROM 'file:///probe.csv' AS row RETURN row",
    "show_indexes": "SHOW INDEXES",
    "terminate": "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
}
PLAN_REFUSES_WITH_PLUGINS = {
    "apoc_load": ("apoc", "CALL apoc.load.json('file:///etc/hostname')"),
    "apoc_create": ("apoc", "CALL apoc.create.node(['Probe'], {})"),
    "gds_drop": ("gds", "CALL gds.graph.drop('x', false)"),
}


@pytest.mark.parametrize("text", PLAN_REFUSES.values(), ids=PLAN_REFUSES.keys())
def test_the_explain_layer_alone_refuses_writes(driver, plugins, text):
    def explain():
        console.check_plan(driver, text, database=DB, timeout_s=TIMEOUT_S)

    assert_refused_and_unchanged(driver, plugins, explain)


@pytest.mark.parametrize(
    "plugin,text", PLAN_REFUSES_WITH_PLUGINS.values(), ids=PLAN_REFUSES_WITH_PLUGINS.keys()
)
def test_the_explain_layer_alone_refuses_procedures_off_the_list(driver, plugins, plugin, text):
    if plugin not in plugins:
        pytest.skip(f"the suite's server runs without {plugin}")

    def explain():
        console.check_plan(driver, text, database=DB, timeout_s=TIMEOUT_S)

    message = assert_refused_and_unchanged(driver, plugins, explain)
    assert text.split()[1].partition("(")[0].lower() in message


READ_TX_REFUSES = {
    "create": "CREATE (n:Probe) RETURN n",
    "set": "MATCH (n:Actor) SET n.name = 'changed'",
    "detach_delete": "MATCH (n:Observation) DETACH DELETE n",
    "create_label_procedure": "CALL db.createLabel('Probe')",
}


@pytest.mark.parametrize("text", READ_TX_REFUSES.values(), ids=READ_TX_REFUSES.keys())
def test_the_read_transaction_alone_stops_writes(driver, plugins, text):
    """Without the text rules and without EXPLAIN, the server itself refuses the write."""

    def read():
        console.read_rows(driver, text, database=DB, timeout_s=TIMEOUT_S, row_cap=10)

    message = assert_refused_and_unchanged(driver, plugins, read)
    assert "nothing was changed" in message


def test_the_read_transaction_alone_stops_writes_inside_procedures(driver, plugins):
    if "apoc" not in plugins:
        pytest.skip("the suite's server runs without apoc")
    text = "CALL apoc.cypher.run('CREATE (n:Probe) RETURN n', {}) YIELD value RETURN value"

    def read():
        console.read_rows(driver, text, database=DB, timeout_s=TIMEOUT_S, row_cap=10)

    assert_refused_and_unchanged(driver, plugins, read)


# -- reads ------------------------------------------------------------------------------


def test_a_count_matches_the_dataset(driver, dataset):
    expected = Counter(n["label"] for n in dataset.nodes)["Actor"]
    result = run(driver, "MATCH (a:Actor) RETURN count(a) AS actors")
    assert result.columns == ["actors"] and result.rows == [{"actors": expected}]
    assert expected == 49
    assert result.truncated is False and result.row_cap == ROW_CAP
    assert 0 < result.elapsed_ms < TIMEOUT_S * 1000


def test_db_labels_lists_the_dataset_labels(driver, dataset):
    result = run(driver, "CALL db.labels() YIELD label RETURN label ORDER BY label")
    assert [r["label"] for r in result.rows] == sorted({n["label"] for n in dataset.nodes})


def test_keywords_inside_strings_are_only_text(driver):
    text = "RETURN 'CREATE (n) // DROP INDEX x; LOAD CSV' AS s, \"CALL apoc.load.json\" AS t"
    result = run(driver, text)
    assert result.rows == [
        {"s": "CREATE (n) // DROP INDEX x; LOAD CSV", "t": "CALL apoc.load.json"}
    ]
    found = run(driver, "MATCH (a:Actor) WHERE a.name CONTAINS 'MERGE; DELETE' RETURN a")
    assert found.rows == [] and found.columns == ["a"]


def test_a_node_comes_back_as_a_plain_dict_with_evidence_decoded(driver, dataset):
    record = next(n for n in dataset.nodes if n["label"] == "Actor" and n["id"] == HEAD)
    result = run(driver, f"MATCH (a:Actor {{id: '{HEAD}'}}) RETURN a")
    (row,) = result.rows
    node = row["a"]
    assert node["labels"] == ["Actor"] and isinstance(node["element_id"], str)
    assert node["properties"]["evidence"] == record["evidence"]
    assert node["properties"]["name"] == record["name"]
    assert "_json" not in node["properties"]
    json.dumps(result.as_dict())  # JSON-ready as it is


def test_a_path_and_its_relationship_are_plain_dicts(driver, dataset):
    funds = sorted(
        (r["start"], r["end"], r.get("amount"))
        for r in dataset.relationships
        if r["type"] == "FUNDS"
    )
    result = run(
        driver,
        "MATCH p = (a:Actor)-[f:FUNDS]->(x) "
        "RETURN p, f, a.id AS a, labels(x)[0] + ':' + x.id AS x ORDER BY a, x",
    )
    assert len(result.rows) == len(funds)
    first = result.rows[0]
    path, rel = first["p"], first["f"]
    assert [n["properties"]["id"] for n in path["nodes"]] == [first["a"], first["x"].split(":")[1]]
    assert path["relationships"] == [rel]
    assert rel["type"] == "FUNDS"
    assert (rel["start"], rel["end"]) == (
        path["nodes"][0]["element_id"],
        path["nodes"][1]["element_id"],
    )
    assert isinstance(rel["properties"]["evidence"], list)
    got = sorted(
        (f"Actor:{r['a']}", r["x"], r["f"]["properties"].get("amount")) for r in result.rows
    )
    assert got == funds


def test_version_procedures_of_the_plugins(driver, plugins):
    if "gds" in plugins:
        (row,) = run(driver, "CALL gds.version()").rows
        assert row["gdsVersion"].startswith("2.13")
    if "apoc" in plugins:
        (row,) = run(driver, "CALL apoc.meta.stats() YIELD labels RETURN labels").rows
        assert row["labels"]["Actor"] == 49
        joined = run(driver, "RETURN apoc.text.join(['a', 'b'], '-') AS j").rows
        assert joined == [{"j": "a-b"}]


def test_parameters_are_sent_as_parameters(driver):
    result = run(driver, "MATCH (a:Actor {id: $id}) RETURN a.id AS id", params={"id": HEAD})
    assert result.rows == [{"id": HEAD}]


def test_server_notes_on_the_plan_are_kept(driver):
    result = run(driver, "MATCH (a:Actor), (p:Program) RETURN count(*) AS pairs")
    assert result.rows == [{"pairs": 49 * 10}]
    assert any("cartesian product" in note for note in result.notes)


# -- time limit and row cap -------------------------------------------------------------

RUNAWAYS = {
    "unwind": "UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 0 RETURN count(*)",
    "cartesian": "MATCH (a), (b), (c), (d) WHERE a.id < b.id AND c.id <> d.id RETURN count(*)",
}


@pytest.mark.parametrize("text", RUNAWAYS.values(), ids=RUNAWAYS.keys())
def test_a_runaway_query_stops_at_the_limit(driver, text):
    started = time.monotonic()
    with pytest.raises(console.QueryTimedOut, match="time limit of 2 s") as stopped:
        run(driver, text, timeout_s=2)
    elapsed = time.monotonic() - started
    assert elapsed < 2 + 5, elapsed
    assert "JEJARING_CONSOLE_TIMEOUT" in str(stopped.value)
    # the server is free again at once
    assert run(driver, "RETURN 1 AS one").rows == [{"one": 1}]


def test_the_row_cap_truncates_with_a_note(driver):
    capped = run(driver, "UNWIND range(1, 10) AS x RETURN x", row_cap=3)
    assert capped.rows == [{"x": 1}, {"x": 2}, {"x": 3}] and capped.truncated is True
    assert capped.note == "only the first 3 rows are shown; the query returned more"
    assert capped.as_dict()["note"] == capped.note and capped.as_dict()["row_count"] == 3
    exact = run(driver, "UNWIND range(1, 10) AS x RETURN x", row_cap=10)
    assert len(exact.rows) == 10 and exact.truncated is False and exact.note is None


def test_the_row_cap_never_pulls_the_whole_result(driver):
    started = time.monotonic()
    result = run(driver, "UNWIND range(1, 100000000) AS x RETURN x", row_cap=5, timeout_s=5)
    assert [r["x"] for r in result.rows] == [1, 2, 3, 4, 5] and result.truncated
    assert time.monotonic() - started < 2


# -- errors -----------------------------------------------------------------------------


def test_a_syntax_error_keeps_the_servers_message_and_position(driver):
    with pytest.raises(console.QueryFailed) as failed:
        run(driver, "MATCH (n:Actor) RETRN n")
    message = str(failed.value)
    assert message.startswith("Cypher error: Invalid input 'RETRN'")
    assert "(line 1, column 17 (offset: 16))" in message
    assert '"MATCH (n:Actor) RETRN n"' in message and "EXPLAIN" not in message
    with pytest.raises(console.QueryFailed, match=r"line 2, column 1 \(offset: 16\)"):
        run(driver, "MATCH (n:Actor)\nRETRN n")


def test_runtime_errors_are_short(driver):
    with pytest.raises(console.QueryFailed, match=r"^the query failed: / by zero$"):
        run(driver, "RETURN 1 / 0 AS x")
    with pytest.raises(console.QueryFailed, match="Expected parameter"):
        run(driver, "MATCH (a:Actor {id: $missing}) RETURN a")


def test_wrong_credentials_are_not_repeated(neo4j_server, loaded):
    password = "wrong-console-password-123"
    bad = GraphDatabase.driver(neo4j_server.bolt_uri, auth=(neo4j_server.user, password))
    try:
        with pytest.raises(console.QueryFailed) as failed:
            run(bad, "RETURN 1")
    finally:
        bad.close()
    assert "credentials" in str(failed.value) and password not in str(failed.value)


# -- the command line -------------------------------------------------------------------


def cli(*args, server):
    env = dict(
        os.environ,
        NEO4J_URI=server.bolt_uri,
        NEO4J_USER=server.user,
        NEO4J_PASSWORD=server.password,
        NEO4J_DATABASE=DB,
    )
    return subprocess.run(
        [sys.executable, "cli.py", "cypher", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_cypher_prints_json(neo4j_server, loaded, dataset):
    proc = cli("MATCH (n) RETURN count(n)", "--format", "json", server=neo4j_server)
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    assert answer["columns"] == ["count(n)"]
    assert answer["rows"] == [{"count(n)": len(dataset.nodes)}]
    assert answer["truncated"] is False and answer["row_cap"] == ROW_CAP


def test_cli_cypher_refuses_with_the_reason_on_stderr(neo4j_server, loaded, plugins):
    before = snapshot(loaded.driver, plugins)
    proc = cli("MATCH (n) DETACH DELETE n", server=neo4j_server)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith("error: refused: ") and "delete" in proc.stderr
    assert neo4j_server.password not in proc.stderr
    assert "Traceback" not in proc.stderr
    assert snapshot(loaded.driver, plugins) == before
