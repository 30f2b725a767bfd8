"""The console cannot write or hang: more write forms, the server's own timeout, the row cap.

tests/integration/test_console.py refuses the common write forms; this module adds the
rarer spellings of each form the console must refuse (FOREACH with every kind of write,
LOAD CSV with headers or inside a subquery, CALL { ... } IN TRANSACTIONS with its options,
write and administration procedures of Neo4j, APOC and GDS, quoted and spaced procedure
names, PROFILE, UNION, writes after an allowed procedure) and checks, for every one, that
the console refuses it, that the EXPLAIN layer alone refuses it too, and that the database
is the same afterwards: every node and relationship with its properties, the label, type
and property-key tokens, indexes, constraints, users and the GDS catalogue.

A runaway query is stopped by the server itself (the transaction's timeout, not only the
client's guard), and no console transaction is left running; results are capped in the
library and on the command line.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from graph.neo4j import console
from tests.conftest import ROOT
from tests.integration.test_console import DB, TIMEOUT_S, run, snapshot

pytestmark = [pytest.mark.neo4j, pytest.mark.timeout(600)]

HEAD = "kepala_desa_mongpok"


# form -> query; each would change the database, reach outside it or commit on its own
FORMS = {
    # FOREACH with every kind of write, nested, and after a read
    "foreach_merge": "MATCH (a:Actor) FOREACH (x IN [1] | MERGE (:Probe {id: a.id}))",
    "foreach_set": "MATCH (a:Actor) FOREACH (x IN [a] | SET x.name = 'changed')",
    "foreach_delete": "MATCH (o:Observation) FOREACH (x IN [o] | DETACH DELETE x)",
    "foreach_remove": "MATCH (a:Actor) FOREACH (x IN [a] | REMOVE x:Actor)",
    "foreach_nested": "FOREACH (x IN [1] | FOREACH (y IN [2] | CREATE (:Probe {v: x + y})))",
    "foreach_conditional": "MATCH (a:Actor) FOREACH (_ IN CASE WHEN a.level = 'desa' "
    "THEN [1] ELSE [] END | SET a.level = 'changed')",
    # LOAD CSV in its other shapes
    "load_csv_headers": "LOAD CSV WITH HEADERS FROM 'file:///probe.csv' AS row RETURN row",
    "load_csv_lowercase": "load\ncsv from 'file:///probe.csv' as row return row",
    "load_csv_in_subquery": "CALL () { LOAD CSV FROM 'file:///p.csv' AS r RETURN r } RETURN r",
    "load_csv_url": "LOAD CSV FROM 'http://127.0.0.1:9/x.csv' AS r MERGE (:Probe {v: r[0]})",
    "load_csv_comment": "LOAD /* x */ CSV FROM 'file:///p.csv' AS r RETURN r",
    # CALL { ... } IN TRANSACTIONS with its options
    "in_transactions_rows": "MATCH (n:Actor) CALL (n) { SET n.x = 1 } IN TRANSACTIONS OF 10 ROWS",
    "in_transactions_on_error": "UNWIND [1] AS x CALL (x) { CREATE (:Probe {x: x}) } "
    "IN TRANSACTIONS OF 1 ROW ON ERROR CONTINUE",
    "in_transactions_read": "CALL { MATCH (n) RETURN count(n) AS c } IN TRANSACTIONS RETURN c",
    "in_transactions_comment": "CALL { CREATE (:Probe) } IN /* batch */ TRANSACTIONS",
    "in_transactions_lowercase": "call { create (:Probe) } in transactions",
    # procedures of Neo4j that write or administer
    "db_create_label": "CALL db.createLabel('Probe')",
    "db_create_rel_type": "CALL db.createRelationshipType('PROBE')",
    "db_create_vector_property": "MATCH (a:Actor) CALL db.create.setNodeVectorProperty("
    "a, 'v', [1.0, 2.0])",
    "db_create_rel_vector": "MATCH ()-[r:FUNDS]->() CALL db.create.setRelationshipVectorProperty("
    "r, 'v', [1.0])",
    "db_clear_caches": "CALL db.clearQueryCaches()",
    "db_await_index": "CALL db.awaitIndexes(5)",
    "db_prepare_checkpoint": "CALL db.checkpoint()",
    "db_stats_collect": "CALL db.stats.collect('QUERIES')",
    "dbms_kill": "CALL dbms.killConnections(['bolt-1'])",
    "dbms_list_config": "CALL dbms.listConfig() YIELD name RETURN name",
    "dbms_components": "CALL dbms.components()",
    "dbms_set_config": "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')",
    "dbms_security": "CALL dbms.security.clearAuthCache()",
    # procedures of the plugins that write, load, export or change the GDS catalogue
    "apoc_create_node": "CALL apoc.create.node(['Probe'], {id: 'x'}) YIELD node RETURN node",
    "apoc_create_set_property": "MATCH (a:Actor) CALL apoc.create.setProperty(a, 'x', 1) "
    "YIELD node RETURN count(node)",
    "apoc_merge_node": "CALL apoc.merge.node(['Probe'], {id: 1})",
    "apoc_nodes_delete": "MATCH (o:Observation) WITH collect(o) AS os "
    "CALL apoc.nodes.delete(os, 10) YIELD value RETURN value",
    "apoc_refactor": "CALL apoc.refactor.rename.label('Actor', 'Probe')",
    "apoc_periodic_commit": "CALL apoc.periodic.commit('MATCH (n:Actor) SET n.x = 1', {})",
    "apoc_do_when": "CALL apoc.do.when(true, 'CREATE (n:Probe) RETURN n', '', {})",
    "apoc_cypher_do_it": "CALL apoc.cypher.doIt('CREATE (n:Probe) RETURN n', {})",
    "apoc_run_many": "CALL apoc.cypher.runMany('CREATE (:Probe);', {})",
    "apoc_trigger": "CALL apoc.trigger.install('neo4j', 't', 'RETURN 1', {})",
    "apoc_export": "CALL apoc.export.csv.all('/tmp/jejaring-console-probe.csv', {})",
    "apoc_schema_assert": "CALL apoc.schema.assert({Probe: ['id']}, {})",
    "apoc_run_first_column": "RETURN apoc.cypher.runFirstColumnMany('MATCH (n) RETURN n', {})",
    "gds_project": "CALL gds.graph.project('console_probe', 'Actor', '*')",
    "gds_project_cypher": "CALL gds.graph.project.cypher('p', 'MATCH (n) RETURN id(n) AS id', "
    "'RETURN 0 AS source, 0 AS target')",
    "gds_write": "CALL gds.pageRank.write('x', {writeProperty: 'pr'})",
    "gds_mutate": "CALL gds.pageRank.mutate('x', {mutateProperty: 'pr'})",
    "gds_drop_all": "CALL gds.graph.drop('console_probe', false)",
    # procedure names spelled to slip past a plain-text check
    "quoted_procedure": "CALL `apoc`.`create`.`node`(['Probe'], {})",
    "spaced_procedure": "CALL apoc . create . node(['Probe'], {})",
    "commented_procedure": "CALL apoc/* x */.create.node(['Probe'], {})",
    "standalone_uppercase": "CALL DB.CREATELABEL('Probe')",
    "allowed_then_write": "CALL db.labels() YIELD label CREATE (:Probe {l: label})",
    # writes in other clothes
    "profile_write": "PROFILE MATCH (n:Actor) SET n.x = 1",
    "explain_write": "EXPLAIN CREATE (n:Probe)",
    "cypher_prefix": "CYPHER 5 CREATE (n:Probe)",
    "union_write": "MATCH (n:Actor) RETURN n.id AS x UNION CREATE (m:Probe) RETURN m.id AS x",
    "optional_merge": "OPTIONAL MATCH (n:Nothing) MERGE (m:Probe {id: 1}) RETURN m",
    "set_map": f"MATCH (n:Actor {{id: '{HEAD}'}}) SET n += {{name: 'changed'}}",
    "set_all": f"MATCH (n:Actor {{id: '{HEAD}'}}) SET n = {{}}",
    "dynamic_label": "MATCH (n:Actor) SET n:$('Probe')",
    "delete_relationships": "MATCH (:Actor)-[r]-() DELETE r",
    "with_then_write": "MATCH (a:Actor) WITH a LIMIT 1 DETACH DELETE a",
    "write_after_string": "RETURN '; CREATE' AS s UNION ALL CREATE (n:Probe) RETURN 'x' AS s",
    # administration
    "drop_database": "DROP DATABASE neo4j",
    "create_database": "CREATE DATABASE probe",
    "create_alias": "CREATE ALIAS probe FOR DATABASE neo4j",
    "create_role": "CREATE ROLE probe",
    "drop_user": "DROP USER neo4j",
    "deny": "DENY WRITE ON GRAPH neo4j TO PUBLIC",
    "revoke": "REVOKE ROLE admin FROM neo4j",
    "rename_role": "RENAME ROLE PUBLIC TO probe",
    "drop_constraint_lower": "drop constraint jejaring_actor_id",
    "show_transactions": "SHOW TRANSACTIONS",
    "show_settings": "SHOW SETTINGS",
}


@pytest.mark.parametrize("text", FORMS.values(), ids=FORMS.keys())
def test_the_console_refuses_the_form_and_nothing_changes(driver, plugins, text):
    before = snapshot(driver, plugins)
    with pytest.raises(console.QueryRefused) as refused:
        run(driver, text)
    assert str(refused.value).startswith("refused: ")
    assert snapshot(driver, plugins) == before


# Functions that run Cypher text plan as ordinary reads: EXPLAIN cannot see what the text
# would do. The text rules refuse them, and the read transaction stops any write inside.
PLAN_BLIND = {"apoc_run_first_column"}


@pytest.mark.parametrize(
    "text",
    [FORMS[n] for n in FORMS if n not in PLAN_BLIND],
    ids=[n for n in FORMS if n not in PLAN_BLIND],
)
def test_the_explain_layer_alone_never_lets_the_form_through(driver, plugins, text):
    """Without the text rules, EXPLAIN (which runs nothing) refuses or cannot plan it."""
    before = snapshot(driver, plugins)
    with pytest.raises(console.ConsoleError):
        console.check_plan(driver, text, database=DB, timeout_s=TIMEOUT_S)
    assert snapshot(driver, plugins) == before


def test_the_read_transaction_stops_writes_inside_cypher_running_functions(driver, plugins):
    if "apoc" not in plugins:
        pytest.skip("the suite's server runs without apoc")
    text = "RETURN apoc.cypher.runFirstColumnMany('CREATE (n:Probe) RETURN n', {}) AS made"
    assert console.refusal_reason(text)  # layer 1
    console.check_plan(driver, text, database=DB, timeout_s=TIMEOUT_S)  # layer 2 is blind
    before = snapshot(driver, plugins)
    with pytest.raises(console.ConsoleError):  # layer 3
        console.read_rows(driver, text, database=DB, timeout_s=TIMEOUT_S, row_cap=10)
    assert snapshot(driver, plugins) == before


# forms made of Cypher clauses only: the read transaction alone must stop them as well
CLAUSE_WRITES = [
    "foreach_merge", "foreach_set", "foreach_delete", "foreach_remove", "foreach_nested",
    "foreach_conditional", "optional_merge", "set_map", "set_all", "dynamic_label",
    "delete_relationships", "with_then_write", "union_write", "db_create_label",
    "db_create_rel_type",
]  # fmt: skip


@pytest.mark.parametrize("name", CLAUSE_WRITES)
def test_the_read_transaction_alone_stops_the_write(driver, plugins, name):
    before = snapshot(driver, plugins)
    with pytest.raises(console.ConsoleError):
        console.read_rows(driver, FORMS[name], database=DB, timeout_s=TIMEOUT_S, row_cap=10)
    assert snapshot(driver, plugins) == before


# -- hanging ------------------------------------------------------------------------------

RUNAWAY = "UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 0 RETURN count(*)"
CONSOLE_TX = (
    "SHOW TRANSACTIONS YIELD transactionId, metaData, status "
    "WHERE metaData.app = 'jejaring-console' RETURN transactionId, status"
)


def _console_transactions(driver) -> list[dict]:
    records, _, _ = driver.execute_query(CONSOLE_TX, database_=DB)
    return [r.data() for r in records]


def _until_none_left(driver, seconds: float = 10.0) -> list[dict]:
    deadline = time.monotonic() + seconds
    left = _console_transactions(driver)
    while left and time.monotonic() < deadline:
        time.sleep(0.2)  # polling the server's transaction list, bounded
        left = _console_transactions(driver)
    return left


def test_the_server_itself_stops_a_runaway_query(driver):
    """read_rows has no client guard: only the transaction's timeout can stop it."""
    started = time.monotonic()
    with pytest.raises(console.QueryTimedOut, match="time limit of 2 s"):
        console.read_rows(driver, RUNAWAY, database=DB, timeout_s=2, row_cap=10)
    elapsed = time.monotonic() - started
    assert 1.5 < elapsed < 2 + 5, elapsed
    assert _until_none_left(driver) == []


def test_after_a_timeout_no_console_transaction_keeps_running(driver):
    started = time.monotonic()
    with pytest.raises(console.QueryTimedOut):
        run(driver, RUNAWAY, timeout_s=1.5)
    assert time.monotonic() - started < 1.5 + console.CLIENT_GRACE_S + 1
    assert _until_none_left(driver) == []
    assert run(driver, "RETURN 1 AS one").rows == [{"one": 1}]


def test_the_server_keeps_a_transaction_timeout_of_its_own(driver):
    records, _, _ = driver.execute_query(
        "SHOW SETTINGS YIELD name, value WHERE name = 'db.transaction.timeout' RETURN value",
        database_=DB,
    )
    (record,) = records
    assert record["value"] not in ("0", "0s", "")


# -- the row cap ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,total",
    [
        ("MATCH (n) RETURN n", None),
        ("MATCH p = ()-[]->() RETURN p", None),
        ("CALL db.labels() YIELD label RETURN label", None),
        ("UNWIND range(1, 5000) AS x RETURN x", 5000),
    ],
)
def test_results_are_capped(driver, text, total):
    result = run(driver, text, row_cap=7)
    assert len(result.rows) == 7 and result.truncated and result.row_cap == 7
    assert result.note == "only the first 7 rows are shown; the query returned more"
    if total:
        assert [r["x"] for r in result.rows] == list(range(1, 8))


def _cli(server, *args, **env):
    environment = dict(
        os.environ,
        NEO4J_URI=server.bolt_uri,
        NEO4J_USER=server.user,
        NEO4J_PASSWORD=server.password,
        NEO4J_DATABASE=DB,
        **env,
    )
    return subprocess.run(
        [sys.executable, "cli.py", "cypher", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_command_line_applies_the_configured_cap_and_limit(neo4j_server, loaded):
    import json

    capped = _cli(
        neo4j_server, "MATCH (n) RETURN n.id", "--format", "json", JEJARING_CONSOLE_ROW_CAP="4"
    )
    assert capped.returncode == 0, capped.stderr
    answer = json.loads(capped.stdout)
    assert answer["row_count"] == 4 and answer["truncated"] and answer["row_cap"] == 4
    started = time.monotonic()
    stopped = _cli(neo4j_server, RUNAWAY, JEJARING_CONSOLE_TIMEOUT="2")
    assert stopped.returncode == 1
    assert "time limit of 2 s" in stopped.stderr and "Traceback" not in stopped.stderr
    assert time.monotonic() - started < 60
