"""The console's rules without a server: tokens, refusals, plan checks, messages, values."""

from __future__ import annotations

import time

import pytest
from neo4j import GraphDatabase
from neo4j.spatial import CartesianPoint, WGS84Point
from neo4j.time import Date, DateTime, Duration

from graph.neo4j import console
from graph.neo4j.console import QueryRefused, refusal_reason, tokenize
from tests.conftest import free_port

# -- tokens -----------------------------------------------------------------------------


def kinds(text):
    return [(t.kind, t.text) for t in tokenize(text)]


def test_strings_comments_and_quoted_names():
    assert kinds("RETURN 'it\\'s // no' AS `a``b` /* CREATE */ // DROP\n, $p, $`q r`") == [
        ("word", "RETURN"),
        ("string", "'it\\'s // no'"),
        ("word", "AS"),
        ("name", "a`b"),
        ("symbol", ","),
        ("param", "$p"),
        ("symbol", ","),
        ("param", "$`q r`"),
    ]


def test_double_quoted_strings_and_numbers():
    assert kinds('RETURN "a \\" ; b", 1.5e3, 0x1F, 3') == [
        ("word", "RETURN"),
        ("string", '"a \\" ; b"'),
        ("symbol", ","),
        ("number", "1.5e3"),
        ("symbol", ","),
        ("number", "0x1F"),
        ("symbol", ","),
        ("number", "3"),
    ]


def test_positions_count_lines_and_columns_from_one():
    tokens = tokenize("MATCH (n)\r\n  RETURN n")
    assert [(t.text, t.line, t.column) for t in tokens][-2:] == [("RETURN", 2, 3), ("n", 2, 10)]


def test_zero_width_characters_separate_words():
    assert kinds("LOAD\u200bCSV\ufeffFROM") == [("word", "LOAD"), ("word", "CSV"), ("word", "FROM")]


@pytest.mark.parametrize(
    "text,reason",
    [
        ("RETURN 'open", "unterminated string starting at line 1, column 8"),
        ("MATCH (n)\n/* CREATE (m)", "unterminated comment starting at line 2, column 1"),
        ("RETURN `name", "unterminated `name` starting at line 1, column 8"),
    ],
)
def test_unterminated_text_is_refused(text, reason):
    with pytest.raises(QueryRefused, match=reason):
        tokenize(text)
    assert refusal_reason(text) == reason


# -- refusals before the server ---------------------------------------------------------

ACCEPTED = [
    "MATCH (n) RETURN n",
    "MATCH (n) RETURN n;",
    "MATCH (n) RETURN n ; // a trailing comment",
    "MATCH (a:Actor {name: 'CREATE INDEX; DROP'}) RETURN a",
    "RETURN \"LOAD CSV FROM x\" AS s, 'CALL apoc.load.json()' AS t",
    "MATCH (n) WHERE n.note =~ '.*IN TRANSACTIONS.*' RETURN n",
    "// CALL apoc.load.json('x')\nMATCH (n) RETURN n",
    "MATCH (n) /* LOAD CSV */ RETURN n",
    "CALL db.labels()",
    "CALL db.labels",
    "call DB.LABELS() YIELD label RETURN label",
    "CALL db.schema.visualization()",
    "CALL apoc.meta.stats() YIELD labels RETURN labels",
    "CALL gds.version()",
    "RETURN gds.version(), gds.util.NaN(), apoc.text.join(['a'], '-')",
    "RETURN date.truncate('month', date()), point.distance(point({x: 0, y: 0}), point({x: 1, y: 1}))",
    "CALL () { MATCH (n) RETURN n } RETURN n",
    "CALL { MATCH (n) SET n.x = 1 }",  # a write, left to the EXPLAIN layer
    "MATCH (i:Intervention) RETURN i.start AS start, i.end AS end ORDER BY start",
    "MATCH (a)-[drop:FUNDS]->(b) RETURN drop ORDER BY drop",
    "MATCH (transactions) RETURN transactions",
    "WITH 1 AS use RETURN use",
    "MATCH (n:Show) RETURN n {.drop, load: 1, call: 2, use: 3}",
    "CYPHER runtime=slotted MATCH (n) RETURN n",
    "MATCH p = (a)-[*1..3]->(b) RETURN p LIMIT 1",
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_reads_pass_the_text_rules(text):
    assert refusal_reason(text) is None
    console.check_text(text)


REFUSED = {
    "": "the query is empty",
    "  \n// only a comment\n/* and another */ ": "the query is empty",
    "MATCH (n) RETURN n; MATCH (m) DETACH DELETE m": "one statement at a time: more follows the ';' at line 1, column 19",
    "MATCH (n) RETURN n /* ; */ ;\nCREATE (m)": "one statement at a time: more follows the ';' at line 1, column 28",
    "LOAD CSV FROM 'file:///x.csv' AS row RETURN row": "LOAD CSV reads files or URLs; the console reads only the graph (line 1, column 1)",
    "load /* hidden */ csv from 'x' as r return r": "LOAD CSV reads files or URLs; the console reads only the graph (line 1, column 1)",
    "MATCH (n)\n  LOAD // split\n CSV FROM 'x' AS r RETURN r": "LOAD CSV reads files or URLs; the console reads only the graph (line 2, column 3)",
    "CALL { CREATE (n) } IN TRANSACTIONS": "CALL { ... } IN TRANSACTIONS commits batches of its own; the console runs one read transaction (line 1, column 24)",
    "call {create (n)} in 3 concurrent transactions": "CALL { ... } IN TRANSACTIONS commits batches of its own; the console runs one read transaction (line 1, column 35)",
    "USING PERIODIC COMMIT LOAD CSV FROM 'x' AS r CREATE (n)": "USING PERIODIC COMMIT is for imports, not for the console (line 1, column 7)",
    "USE system MATCH (n) RETURN n": "USE switches to another database; the console reads only its own (line 1, column 1). If 'use' is a variable here, write it as `use`",
}


@pytest.mark.parametrize("text,reason", REFUSED.items(), ids=range(len(REFUSED)))
def test_refusals_name_the_reason_and_the_place(text, reason):
    assert refusal_reason(text) == reason
    with pytest.raises(QueryRefused, match="^refused: "):
        console.check_text(text)


ADMIN = [
    ("CREATE INDEX i FOR (n:Actor) ON (n.name)", "CREATE"),
    ("create text index i for (n:Actor) on (n.name)", "CREATE"),
    ("CREATE CONSTRAINT c FOR (n:X) REQUIRE n.id IS UNIQUE", "CREATE"),
    ("CREATE OR REPLACE DATABASE x", "CREATE"),
    ("CREATE USER bob SET PASSWORD 'secret-password'", "CREATE"),
    ("CREATE ROLE analyst", "CREATE"),
    ("DROP INDEX i", "DROP"),
    ("drop constraint c if exists", "DROP"),
    ("DROP COMPOSITE DATABASE x", "DROP"),
    ("SHOW DATABASES", "SHOW"),
    ("show indexes", "SHOW"),
    ("SHOW TRANSACTIONS YIELD * TERMINATE TRANSACTIONS 'x'", "SHOW"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "TERMINATE"),
    ("GRANT ROLE admin TO bob", "GRANT"),
    ("DENY MATCH {*} ON GRAPH * TO analyst", "DENY"),
    ("REVOKE ROLE admin FROM bob", "REVOKE"),
    ("ALTER USER neo4j SET PASSWORD 'x'", "ALTER"),
    ("START DATABASE neo4j", "START"),
    ("STOP DATABASE neo4j", "STOP"),
    ("ENABLE SERVER 'abc'", "ENABLE"),
]


@pytest.mark.parametrize("text,verb", ADMIN)
def test_administration_and_schema_commands_are_refused(text, verb):
    reason = refusal_reason(text)
    assert reason.startswith(f"{verb} at line 1, column 1: administration and schema commands")
    assert "db.labels()" in reason


PROCEDURES = [
    ("CALL db.createLabel('X')", "db.createlabel", "line 1, column 1"),
    ("CALL apoc.create.node(['X'], {})", "apoc.create.node", "line 1, column 1"),
    ("CALL gds.graph.drop('x')", "gds.graph.drop", "line 1, column 1"),
    ("CALL dbms.setConfigValue('a', 'b')", "dbms.setconfigvalue", "line 1, column 1"),
    ("CALL dbms.components()", "dbms.components", "line 1, column 1"),
    ("CALL apoc.load.json('file:///etc/passwd')", "apoc.load.json", "line 1, column 1"),
    ("CALL `apoc`.`load`.json('x')", "apoc.load.json", "line 1, column 1"),
    ("CALL apoc . load /* */ . json('x')", "apoc.load.json", "line 1, column 1"),
    (
        "MATCH (n) OPTIONAL CALL apoc.export.csv.all('x', {})",
        "apoc.export.csv.all",
        "line 1, column 20",
    ),
    (
        "MATCH (n) WHERE EXISTS { CALL apoc.util.sleep(1) } RETURN n",
        "apoc.util.sleep",
        "line 1, column 26",
    ),
    ("CALL { CALL db.createLabel('X') }", "db.createlabel", "line 1, column 8"),
]


@pytest.mark.parametrize("text,name,where", PROCEDURES)
def test_procedures_off_the_list_are_refused(text, name, where):
    reason = refusal_reason(text)
    assert reason.startswith(f"procedure {name} is not on the list of read-only procedures")
    assert f"({where})" in reason and "db.labels" in reason


@pytest.mark.parametrize(
    "text,start",
    [
        (
            "RETURN apoc.cypher.runFirstColumnSingle('CREATE (n)', {})",
            "function apoc.cypher.runfirstcolumnsingle runs Cypher text",
        ),
        (
            "RETURN `apoc`.cypher.runFirstColumnMany('x', {})",
            "function apoc.cypher.runfirstcolumnmany runs Cypher text",
        ),
        (
            "MATCH (a) RETURN gds.graph.project('g', a, null)",
            "function gds.graph.project is not available",
        ),
        ("RETURN my.plugin.fn(1)", "function my.plugin.fn is not available"),
    ],
)
def test_functions_that_escape_the_checks_are_refused(text, start):
    assert refusal_reason(text).startswith(start)


def test_function_refusal_by_namespace():
    assert console.function_refusal("apoc.text.join") is None
    assert console.function_refusal("APOC.COLL.SUM") is None
    assert console.function_refusal("gds.util.asNode") is None
    assert console.function_refusal("vector.similarity.cosine") is None
    assert console.function_refusal("apoc.cypher.runFirstColumn") is not None
    assert console.function_refusal("gds.alpha.ml.oneHotEncoding") is not None


# -- the plan ---------------------------------------------------------------------------


def op(name, details="", *children, db="neo4j"):
    return {
        "operatorType": f"{name}@{db}",
        "args": {"Details": details},
        "children": list(children),
    }


def test_a_read_plan_passes():
    plan = op("ProduceResults", "n", op("Filter", "n.x = 1", op("AllNodesScan", "n")))
    assert console.plan_refusal("r", plan, database="neo4j") is None
    calls = op("ProduceResults", "label", op("ProcedureCall", "db.labels() :: (label :: STRING)"))
    assert console.plan_refusal("r", calls, database="neo4j") is None


@pytest.mark.parametrize(
    "query_type,plan,reason",
    [
        ("w", op("ProduceResults", "", op("EmptyResult", "", op("SetProperty", "n.x = 1", op("AllNodesScan", "n")))),
         "Neo4j says this query would write to the graph (set properties or labels)"),
        ("rw", op("ProduceResults", "", op("Create", "(n)")),
         "Neo4j says this query would read and write the graph (create nodes or relationships)"),
        ("w", op("ProduceResults", "", op("SubqueryForeach", "", op("DetachDelete", "n"))),
         "Neo4j says this query would write to the graph (delete nodes or relationships)"),
        ("s", op("CreateIndex", "RANGE INDEX i"),
         "Neo4j says this query would change the schema or run an administration command (change an index)"),
        ("w", op("ProduceResults", "", op("ProcedureCall", "db.createLabel(newLabel :: STRING)")),
         "Neo4j says this query would write to the graph (call db.createLabel)"),
        ("r", op("ProduceResults", "row", op("LoadCSV", "row")), "LOAD CSV reads files or URLs"),
        ("r", op("ProduceResults", "", op("TransactionForeach", "")),
         "CALL { ... } IN TRANSACTIONS commits batches of its own"),
        ("r", op("ProduceResults", "v", op("ProcedureCall", "apoc.load.json(url :: STRING) :: (value :: MAP)")),
         "procedure apoc.load.json is not on the list of read-only procedures"),
        ("r", op("ShowIndexes", "name"), "administration commands (ShowIndexes) are not available in the console"),
        ("r", op("ProduceResults", "n", op("AllNodesScan", "n", db="other"), db="other"),
         "the query would read database 'other'; the console reads only 'neo4j'"),
        (None, None, "Neo4j says this query would do something other than read (None)"),
    ],
)  # fmt: skip
def test_plans_that_do_more_than_read_are_refused(query_type, plan, reason):
    assert console.plan_refusal(query_type, plan, database="neo4j") == reason


# -- messages ---------------------------------------------------------------------------


def test_syntax_errors_keep_the_server_text_with_positions_moved_back_over_explain():
    server = (
        "Invalid input 'RETRN': expected 'RETURN' (line 2, column 11 (offset: 18))\n"
        '"MATCH (n) RETRN n"\n           ^'
    )
    error = console.error_for_code(
        "Neo.ClientError.Statement.SyntaxError", server, timeout_s=10, explained=True
    )
    assert isinstance(error, console.QueryFailed)
    assert str(error) == (
        "Cypher error: Invalid input 'RETRN': expected 'RETURN' (line 1, column 11 (offset: 10))\n"
        '"MATCH (n) RETRN n"\n           ^'
    )


@pytest.mark.parametrize(
    "code,message,cls,expected",
    [
        ("Neo.ClientError.Transaction.TransactionTimedOut", "terminated", console.QueryTimedOut,
         "the query was stopped at the console's time limit of 2.5 s; narrow it (a label, a LIMIT, "
         "a shorter path) or raise JEJARING_CONSOLE_TIMEOUT"),
        ("Neo.ClientError.Statement.AccessMode", "Writing in read access mode not allowed.",
         console.QueryRefused, "refused: Neo4j stopped an attempt to write inside the console's "
         "read-only transaction; nothing was changed"),
        ("Neo.ClientError.Security.Forbidden", "Creating new node label ... for user 'neo4j'",
         console.QueryRefused, "refused: Neo4j stopped an attempt to write inside the console's "
         "read-only transaction; nothing was changed"),
        ("Neo.ClientError.Security.Unauthorized", "bad credentials for bolt://neo4j:pw@host",
         console.QueryFailed, "Neo4j refused the console's credentials: check NEO4J_USER and "
         "NEO4J_PASSWORD"),
        ("Neo.ClientError.Statement.ArithmeticError", "/ by zero", console.QueryFailed,
         "the query failed: / by zero"),
        ("Neo.ClientError.Procedure.ProcedureCallFailed",
         "Failed to invoke procedure `a.b`: Caused by: java.lang.IllegalStateException: gone\n"
         "\tat org.neo4j.Foo.bar(Foo.java:12)", console.QueryFailed,
         "the query failed: Failed to invoke procedure `a.b`: gone"),
        ("Neo.ClientError.Procedure.ProcedureNotFound",
         "There is no procedure with the name `db.Labels` registered", console.QueryFailed,
         "the query failed: There is no procedure with the name `db.Labels` registered"),
        ("Neo.ClientError.General.InvalidArguments", "cannot open neo4j://user:s3cret@host:7687",
         console.QueryFailed, "the query failed: cannot open neo4j://host:7687"),
        ("Neo.TransientError.General.MemoryPoolOutOfMemoryError", "allocation of 2 GiB",
         console.QueryFailed, "the query needs more memory than the server allows; narrow it"),
        ("Neo.TransientError.Transaction.DeadlockDetected", "deadlock", console.QueryFailed,
         "Neo4j could not run the query just now (Neo.TransientError.Transaction.DeadlockDetected); "
         "try again"),
        ("Neo.DatabaseError.General.UnknownError", "java.lang.NullPointerException at ...",
         console.QueryFailed,
         "Neo4j failed while running the query (Neo.DatabaseError.General.UnknownError); see the "
         "server log"),
    ],
)  # fmt: skip
def test_error_codes_become_short_messages(code, message, cls, expected):
    error = console.error_for_code(code, message, timeout_s=2.5)
    assert type(error) is cls and str(error) == expected


def test_an_unreachable_server_is_named_without_the_password():
    driver = GraphDatabase.driver(f"bolt://127.0.0.1:{free_port()}", auth=("neo4j", "pw-xyz-123"))
    try:
        with pytest.raises(
            console.QueryFailed, match="^cannot talk to the Neo4j server: "
        ) as failed:
            console.run_console(driver, "RETURN 1", database="neo4j", timeout_s=5, row_cap=10)
    finally:
        driver.close()
    assert "pw-xyz-123" not in str(failed.value)


def test_a_refusal_never_reaches_the_driver():
    class NoDriver:
        def session(self, **_):
            raise AssertionError("a refused query must not reach the server")

    with pytest.raises(QueryRefused, match="LOAD CSV"):
        console.run_console(NoDriver(), "LOAD CSV FROM 'x' AS r RETURN r", database="neo4j",
                            timeout_s=5, row_cap=10)  # fmt: skip


@pytest.mark.parametrize("timeout_s,row_cap", [(0, 10), (-1, 10), (5, 0)])
def test_limits_must_be_positive(timeout_s, row_cap):
    with pytest.raises(ValueError):
        console.run_console(
            None, "RETURN 1", database="neo4j", timeout_s=timeout_s, row_cap=row_cap
        )


# -- the client-side guard --------------------------------------------------------------


class HangingDriver:
    """A driver whose server explains the query as a read, then never answers it."""

    def __init__(self, hang_s):
        self.hang_s = hang_s

    def session(self, **_):
        return self

    def begin_transaction(self, **_):
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def run(self, text, params):
        if text.startswith(console.EXPLAIN_PREFIX):
            return ExplainedRead()
        time.sleep(self.hang_s)
        raise AssertionError("the guard should have given up first")


class ExplainedRead:
    query_type = "r"
    plan = {"operatorType": "ProduceResults@neo4j", "args": {}, "children": []}
    summary_notifications = []

    def consume(self):
        return self


def test_the_client_guard_stops_a_query_the_server_does_not(monkeypatch):
    monkeypatch.setattr(console, "CLIENT_GRACE_S", 0.3)
    started = time.monotonic()
    with pytest.raises(console.QueryTimedOut, match="time limit of 0.5 s"):
        console.run_console(
            HangingDriver(5), "RETURN 1", database="neo4j", timeout_s=0.5, row_cap=10
        )
    assert time.monotonic() - started < 0.5 + 0.3 + 0.5


# -- values -----------------------------------------------------------------------------


def test_plain_values_are_json_ready():
    value = {
        "when": Date(2023, 2, 1),
        "at": DateTime(2023, 2, 1, 8, 30, 0),
        "took": Duration(days=3),
        "where": WGS84Point((106.2, -6.1)),
        "grid": CartesianPoint((1.0, 2.0)),
        "raw": b"\x01\xff",
        "nested": [{"evidence": '[{"source": "s", "paragraph": 2}]', "_json": ["evidence"]}],
        "broken": {"check": "{not json", "_json": ["check"]},
    }
    assert console.plain_value(value) == {
        "when": "2023-02-01",
        "at": "2023-02-01T08:30:00.000000000",
        "took": "P3D",
        "where": {"srid": 4326, "coordinates": [106.2, -6.1]},
        "grid": {"srid": 7203, "coordinates": [1.0, 2.0]},
        "raw": "01ff",
        "nested": [{"evidence": [{"source": "s", "paragraph": 2}]}],
        "broken": {"check": "{not json"},
    }


def test_a_result_as_dict_and_frame():
    result = console.ConsoleResult(["a", "b"], [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}],
                                   truncated=True, row_cap=2, elapsed_ms=12.5)  # fmt: skip
    assert result.as_dict() == {
        "columns": ["a", "b"],
        "rows": [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}],
        "row_count": 2,
        "truncated": True,
        "row_cap": 2,
        "elapsed_ms": 12.5,
        "note": "only the first 2 rows are shown; the query returned more",
        "notes": [],
    }
    frame = result.frame()
    assert list(frame.columns) == ["a", "b"] and frame["a"].tolist() == [1, 2]
    empty = console.ConsoleResult(["n"], [], truncated=False, row_cap=5, elapsed_ms=1.0)
    assert list(empty.frame().columns) == ["n"] and len(empty.frame()) == 0 and empty.note is None
