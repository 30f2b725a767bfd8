"""The safe, read-only Cypher console of the Neo4j backend.

A researcher types a Cypher query; the console runs it only if it can do nothing but read
the configured database, stops it at a time limit and returns at most a fixed number of
rows. No single check is enough: the driver's access mode routes a query but is not
access control, Neo4j Community has no reader role, and some procedures that Neo4j counts
as reads load files, fetch URLs or change the GDS graph catalogue. So every query passes
these layers, and each one stops what the others might miss:

1. :func:`check_text` refuses, before the server sees anything, an empty text, more than
   one statement, ``PROFILE`` and ``EXPLAIN`` (the console plans every query itself;
   ``PROFILE`` would run it), ``LOAD CSV``, ``CALL { ... } IN TRANSACTIONS``, ``USING PERIODIC
   COMMIT``, administration and schema commands, ``USE``, any procedure outside
   :data:`ALLOWED_PROCEDURES` and functions that run Cypher text or change the GDS
   catalogue. It works on tokens, so keywords inside strings are ignored and keywords
   split by comments are still seen.
2. :func:`check_plan` has the server ``EXPLAIN`` the query in a read transaction and
   accepts only plans Neo4j calls read-only (``query_type == 'r'``); it also checks the
   plan's procedure calls, ``LOAD CSV`` and database against the same rules.
3. :func:`read_rows` runs the query in a read transaction with a server-side timeout,
   pulling at most ``row_cap + 1`` records; :func:`run_console` adds a client-side guard
   thread for a server that does not stop the query itself.
4. Errors become :class:`QueryRefused` or :class:`QueryFailed` with a short message:
   no stack trace, no Java exception class, no credentials.

Nodes, relationships and paths come back as plain dicts (:func:`plain_value`), with the
properties that the store keeps as JSON text (listed in ``_json``) decoded again.

Example
-------
>>> refusal_reason("MATCH (a:Actor {name: 'CREATE INDEX'}) RETURN a.name // DROP it")
>>> refusal_reason("LOAD /* a comment */ CSV FROM 'file:///x.csv' AS row RETURN row")
'LOAD CSV reads files or URLs; the console reads only the graph (line 1, column 1)'
>>> refusal_reason("CALL db.labels() YIELD label RETURN label")
>>> refusal_reason("call apoc.load.json('file:///etc/passwd')")[:45]
'procedure apoc.load.json is not on the list o'
"""

from __future__ import annotations

import bisect
import contextlib
import json
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar

from neo4j import READ_ACCESS, Driver
from neo4j.exceptions import DriverError, Neo4jError
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

from graph.console import (
    ConsoleError,
    ConsoleResult,
    QueryFailed,
    QueryRefused,
    QueryTimedOut,
)
from graph.neo4j.cypher import JSON_KEY

__all__ = [
    "ALLOWED_PROCEDURES",
    "ALLOWED_FUNCTIONS",
    "ALLOWED_FUNCTION_NAMESPACES",
    "DENIED_FUNCTION_NAMESPACES",
    "CLIENT_GRACE_S",
    "EXPLAIN_PREFIX",
    "ConsoleError",
    "QueryRefused",
    "QueryFailed",
    "QueryTimedOut",
    "Token",
    "ConsoleResult",
    "tokenize",
    "refusal_reason",
    "check_text",
    "plan_refusal",
    "check_plan",
    "read_rows",
    "run_console",
    "plain_value",
    "error_for_code",
    "translate_error",
    "function_refusal",
]

# Procedures a console user may CALL: schema introspection and version numbers, all
# read-only with no side effect outside the transaction. Everything else is refused,
# because Neo4j's own "READ" mode covers apoc.load.* (files, URLs), apoc.export.*
# (writes files), gds.graph.project/drop (the GDS catalogue) and db.stats.* (server
# state). dbms.components() is left out: Neo4j plans it as a schema/DBMS query ('s'),
# and the console keeps one rule without exceptions: only plans Neo4j calls 'r' run.
ALLOWED_PROCEDURES: frozenset[str] = frozenset(
    {
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.schema.visualization",
        "db.schema.nodetypeproperties",
        "db.schema.reltypeproperties",
        "apoc.meta.stats",
        "gds.version",
    }
)

# Namespaced functions a console user may call (lower case; a namespace allows its
# sub-namespaces). Functions without a namespace are Cypher's own and always allowed.
ALLOWED_FUNCTION_NAMESPACES: tuple[str, ...] = (
    "date", "datetime", "localdatetime", "localtime", "time", "duration",
    "point", "vector.similarity", "db",
    "apoc",
    "gds.util", "gds.similarity",
)  # fmt: skip
ALLOWED_FUNCTIONS: frozenset[str] = frozenset({"gds.version"})
# apoc.cypher.runFirstColumn* run Cypher text the console never sees (which could hold
# LOAD CSV or a refused procedure); checked before the allowed namespaces.
DENIED_FUNCTION_NAMESPACES: tuple[str, ...] = ("apoc.cypher",)

# The client-side guard waits this much longer than the time limit: the server checks
# transaction timeouts every couple of seconds, and its own stop gives the better message.
CLIENT_GRACE_S = 3.0

# EXPLAIN on a line of its own keeps the server's column numbers right for line 1 of the
# user's text; the line and offset numbers of a syntax error are moved back by it.
EXPLAIN_PREFIX = "EXPLAIN\n"
TX_METADATA = {"app": "jejaring-console"}
# What the console holds before a user types: a read that works on any Jejaring graph.
EXAMPLE_QUERY = "MATCH (a:Actor) RETURN a.level AS level, count(*) AS actors ORDER BY actors DESC"

T = TypeVar("T")


# -- layer 1: tokens --------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    """One lexical token of a Cypher text; comments and whitespace produce none.

    ``kind`` is ``word`` (unquoted identifier or keyword), ``name`` (a backtick-quoted
    identifier, ``text`` unquoted), ``string``, ``number``, ``param`` or ``symbol``.
    """

    kind: str
    text: str
    line: int
    column: int

    @property
    def upper(self) -> str:
        """The text in upper case, for keyword comparisons (only words are keywords)."""
        return self.text.upper() if self.kind == "word" else ""

    @property
    def at(self) -> str:
        return f"line {self.line}, column {self.column}"


_WORD = re.compile(r"[^\W\d]\w*")
_NUMBER = re.compile(r"\d\w*(?:\.\d\w*)?")
_PARAM = re.compile(r"\$(?:\w+|`(?:[^`]|``)*`)")
# Characters a server might skip as whitespace although Python's str.isspace() does not
# (zero-width space, BOM): treating them as whitespace can only join tokens, never hide one.
_SPACE_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf"}


class _Lines:
    """Line and column (both from 1) of an offset in a text."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def _is_space(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) in _SPACE_CATEGORIES


def _string_end(text: str, start: int) -> int:
    """Offset just after the string literal opening at ``start`` (backslash escapes)."""
    quote, i = text[start], start + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text[i] == quote:
            return i + 1
        else:
            i += 1
    return -1


def _quoted_name_end(text: str, start: int) -> int:
    """Offset just after the backtick-quoted name opening at ``start`` (```` `` ```` escapes)."""
    i = start + 1
    while i < len(text):
        if text[i] == "`":
            if text.startswith("``", i):
                i += 2
                continue
            return i + 1
        i += 1
    return -1


def _skip(text: str, i: int, lines: _Lines) -> int:
    """Offset after whitespace or a comment at ``i`` (``i`` itself when there is none)."""
    if _is_space(text[i]):
        return i + 1
    if text.startswith("//", i):
        end = re.compile(r"\r|\n").search(text, i)
        return end.start() if end else len(text)
    if text.startswith("/*", i):
        end = text.find("*/", i + 2)
        if end < 0:
            raise QueryRefused(
                "unterminated comment starting at line {}, column {}".format(*lines.at(i))
            )
        return end + 2
    return i


def _token_at(text: str, i: int, lines: _Lines) -> tuple[str, str, int]:
    """``(kind, text, end offset)`` of the token starting at ``i``."""
    ch = text[i]
    if ch in "'\"":
        end = _string_end(text, i)
        if end < 0:
            raise QueryRefused(
                "unterminated string starting at line {}, column {}".format(*lines.at(i))
            )
        return "string", text[i:end], end
    if ch == "`":
        end = _quoted_name_end(text, i)
        if end < 0:
            raise QueryRefused(
                "unterminated `name` starting at line {}, column {}".format(*lines.at(i))
            )
        return "name", text[i + 1 : end - 1].replace("``", "`"), end
    for kind, pattern in (("param", _PARAM), ("word", _WORD), ("number", _NUMBER)):
        match = pattern.match(text, i)
        if match:
            return kind, match.group(), match.end()
    return "symbol", ch, i + 1


def tokenize(text: str) -> list[Token]:
    """Cut a Cypher text into tokens, dropping whitespace and comments.

    Raises :class:`QueryRefused` for an unterminated string, quoted name or comment:
    the console cannot tell what such a text would do.

    >>> [(t.kind, t.text) for t in tokenize("MATCH (n) // CREATE\\nRETURN 'a // b' AS `x``y`")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('word', 'MATCH'), ('symbol', '('), ('word', 'n'), ('symbol', ')'), ('word', 'RETURN'),
     ('string', "'a // b'"), ('word', 'AS'), ('name', 'x`y')]
    """
    lines = _Lines(text)
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        after = _skip(text, i, lines)
        if after != i:
            i = after
            continue
        kind, value, end = _token_at(text, i, lines)
        tokens.append(Token(kind, value, *lines.at(i)))
        i = end
    return tokens


# -- layer 1: rules ---------------------------------------------------------------------

# After these a word is a property key, label, variable or alias, never a keyword.
_NAME_AFTER = {".", ":", "(", "|", "&", "!"}


def _keyword(tokens: list[Token], i: int, *words: str) -> bool:
    """Whether ``tokens[i]`` is one of ``words`` used as a keyword (not as a name)."""
    tok = tokens[i]
    if tok.upper not in words:
        return False
    prev = tokens[i - 1] if i else None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if prev is not None and (
        (prev.kind == "symbol" and prev.text in _NAME_AFTER) or prev.upper == "AS"
    ):
        return False
    # a word followed by ':' is a map key or a variable with a label
    return not (nxt is not None and nxt.kind == "symbol" and nxt.text == ":")


def _next_is(tokens: list[Token], i: int, *words: str) -> bool:
    return i + 1 < len(tokens) and tokens[i + 1].upper in words


def _next_is_name(tokens: list[Token], i: int) -> bool:
    return i + 1 < len(tokens) and tokens[i + 1].kind in ("word", "name")


def _dotted_name(tokens: list[Token], i: int) -> tuple[str, int]:
    """The dotted name starting at ``tokens[i]`` (lower case) and the index after it."""
    parts = [tokens[i].text]
    j = i + 1
    while (
        j + 1 < len(tokens)
        and tokens[j].kind == "symbol"
        and tokens[j].text == "."
        and tokens[j + 1].kind in ("word", "name")
    ):
        parts.append(tokens[j + 1].text)
        j += 2
    return ".".join(parts).lower(), j


def _several_statements(tokens: list[Token]) -> str | None:
    for tok in tokens[:-1]:
        if tok.kind == "symbol" and tok.text == ";":
            return f"one statement at a time: more follows the ';' at {tok.at}"
    return None


_ADMIN_VERBS = (
    "SHOW", "TERMINATE", "GRANT", "DENY", "REVOKE", "ALTER", "RENAME",
    "DEALLOCATE", "REALLOCATE", "DRYRUN",
)  # fmt: skip
_ADMIN_NOUNS = ("DATABASE", "ALIAS", "USER", "ROLE", "INDEX", "CONSTRAINT", "SERVER", "COMPOSITE")
_ADMIN_HINT = (
    "administration and schema commands are not available in the console; "
    "CALL db.labels(), db.relationshipTypes() or db.schema.visualization() describe the graph"
)


def _create_admin(tokens: list[Token], i: int) -> bool:
    """``CREATE [OR REPLACE] [COMPOSITE|TEXT|...] DATABASE|INDEX|...`` at ``tokens[i]``."""
    for tok in tokens[i + 1 : i + 5]:
        if tok.kind != "word":
            return False
        if tok.upper in _ADMIN_NOUNS:
            return True
    return False


def _admin_command(tokens: list[Token]) -> str | None:
    for i, tok in enumerate(tokens):
        found = (
            (_keyword(tokens, i, *_ADMIN_VERBS) and _next_is_name(tokens, i))
            or (_keyword(tokens, i, "START", "STOP") and _next_is(tokens, i, "DATABASE"))
            or (_keyword(tokens, i, "ENABLE") and _next_is(tokens, i, "SERVER"))
            or (_keyword(tokens, i, "DROP") and _next_is(tokens, i, *_ADMIN_NOUNS))
            or (_keyword(tokens, i, "CREATE") and _create_admin(tokens, i))
        )
        if found:
            return f"{tok.upper} at {tok.at}: {_ADMIN_HINT}"
    return None


def _load_csv(tokens: list[Token]) -> str | None:
    for i, tok in enumerate(tokens):
        if _keyword(tokens, i, "LOAD") and _next_is(tokens, i, "CSV"):
            return f"LOAD CSV reads files or URLs; the console reads only the graph ({tok.at})"
    return None


def _in_transactions(tokens: list[Token]) -> str | None:
    for i, tok in enumerate(tokens):
        # IN TRANSACTIONS, IN [n] CONCURRENT TRANSACTIONS
        if (
            _keyword(tokens, i, "TRANSACTIONS")
            and i
            and tokens[i - 1].upper in ("IN", "CONCURRENT")
        ):
            return (
                f"CALL {{ ... }} IN TRANSACTIONS commits batches of its own; the console runs "
                f"one read transaction ({tok.at})"
            )
    return None


def _periodic_commit(tokens: list[Token]) -> str | None:
    for i, tok in enumerate(tokens):
        if _keyword(tokens, i, "PERIODIC") and _next_is(tokens, i, "COMMIT"):
            return f"USING PERIODIC COMMIT is for imports, not for the console ({tok.at})"
    return None


def _use_clause(tokens: list[Token]) -> str | None:
    for i, tok in enumerate(tokens):
        if _keyword(tokens, i, "USE") and _next_is_name(tokens, i):
            return (
                f"USE switches to another database; the console reads only its own ({tok.at}). "
                "If 'use' is a variable here, write it as `use`"
            )
    return None


def _procedures(tokens: list[Token]) -> str | None:
    for i, tok in enumerate(tokens):
        if _keyword(tokens, i, "CALL") and _next_is_name(tokens, i):
            name, _ = _dotted_name(tokens, i + 1)
            if name not in ALLOWED_PROCEDURES:
                return (
                    f"procedure {name} is not on the list of read-only procedures the console "
                    f"may call ({tok.at}); allowed: {', '.join(sorted(ALLOWED_PROCEDURES))}"
                )
    return None


def function_refusal(name: str) -> str | None:
    """Why the namespaced function ``name`` may not be called, or None if it may."""
    name = name.lower()
    namespace = name.rpartition(".")[0]

    def within(prefixes: Iterable[str]) -> bool:
        return any(namespace == p or namespace.startswith(p + ".") for p in prefixes)

    if within(DENIED_FUNCTION_NAMESPACES):
        return f"function {name} runs Cypher text that the console cannot check"
    if name in ALLOWED_FUNCTIONS or within(ALLOWED_FUNCTION_NAMESPACES):
        return None
    return (
        f"function {name} is not available in the console; namespaced functions of "
        f"{', '.join(ALLOWED_FUNCTION_NAMESPACES)} are"
    )


def _functions(tokens: list[Token]) -> str | None:
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i else None
        if tok.kind not in ("word", "name") or (prev is not None and prev.text in (".", ":")):
            continue
        if prev is not None and prev.upper == "CALL":
            continue  # a procedure: checked by _procedures
        name, after = _dotted_name(tokens, i)
        called = (
            after < len(tokens) and tokens[after].text == "(" and tokens[after].kind == "symbol"
        )
        if called and "." in name:
            reason = function_refusal(name)
            if reason:
                return f"{reason} ({tok.at})"
    return None


def _after_cypher_options(tokens: list[Token]) -> int:
    """Index of the first token after a leading ``CYPHER [version] [option=value ...]``."""
    if not tokens or tokens[0].upper != "CYPHER":
        return 0
    i = 1
    while i < len(tokens):
        if tokens[i].kind == "number":
            i += 1
        elif i + 2 < len(tokens) and tokens[i].kind == "word" and tokens[i + 1].text == "=":
            i += 3
        else:
            break
    return i


def _profile_or_explain(tokens: list[Token]) -> str | None:
    i = _after_cypher_options(tokens)
    if i < len(tokens) and tokens[i].upper in ("PROFILE", "EXPLAIN"):
        tok = tokens[i]
        return (
            f"{tok.upper} at {tok.at}: the console plans every query itself and shows its "
            "rows; ask for a plan in cypher-shell or Neo4j Browser"
        )
    return None


_RULES: tuple[Callable[[list[Token]], str | None], ...] = (
    _several_statements,
    _profile_or_explain,
    _admin_command,
    _use_clause,
    _periodic_commit,
    _load_csv,
    _in_transactions,
    _procedures,
    _functions,
)


def refusal_reason(text: str) -> str | None:
    """Why the console refuses ``text`` before asking the server, or None.

    >>> refusal_reason("   // only a comment")
    'the query is empty'
    >>> refusal_reason("MATCH (n) RETURN n; MATCH (m) DETACH DELETE m")
    "one statement at a time: more follows the ';' at line 1, column 19"
    """
    try:
        tokens = tokenize(text)
    except QueryRefused as exc:
        return str(exc)
    if not tokens:
        return "the query is empty"
    for rule in _RULES:
        reason = rule(tokens)
        if reason:
            return reason
    return None


def check_text(text: str) -> None:
    """Raise :class:`QueryRefused` if :func:`refusal_reason` finds a reason."""
    reason = refusal_reason(text)
    if reason:
        raise QueryRefused(f"refused: {reason}")


# -- layer 2: the plan ------------------------------------------------------------------

_QUERY_TYPES = {
    "w": "write to the graph",
    "rw": "read and write the graph",
    "s": "change the schema or run an administration command",
}
# Operator-name fragments and what they do, to name what a refused plan would do.
_WRITING_OPERATORS: tuple[tuple[str, str | None], ...] = (
    ("Subquery", None),  # CALL { ... } itself; what it holds is named by its own operators
    ("Index", "change an index"),
    ("Constraint", "change a constraint"),
    ("Administration", "run an administration command"),
    ("Create", "create nodes or relationships"),
    ("Merge", "merge nodes or relationships"),
    ("Delete", "delete nodes or relationships"),
    ("Set", "set properties or labels"),
    ("Remove", "remove properties or labels"),
    ("Foreach", "write inside FOREACH"),
    ("Transaction", "commit batches of its own"),
)
_REFUSED_OPERATORS = {
    "LoadCSV": "LOAD CSV reads files or URLs",
    "TransactionForeach": "CALL { ... } IN TRANSACTIONS commits batches of its own",
    "TransactionApply": "CALL { ... } IN TRANSACTIONS commits batches of its own",
}


def _operators(plan: Mapping[str, Any] | None) -> list[tuple[str, str, str]]:
    """``(operator, database, details)`` of every operator of an EXPLAIN plan."""
    if not plan:
        return []
    name, _, database = str(plan.get("operatorType", "")).partition("@")
    details = str((plan.get("args") or {}).get("Details", ""))
    found = [(name, database, details)]
    for child in plan.get("children") or []:
        found.extend(_operators(child))
    return found


def _what_it_would_do(operators: list[tuple[str, str, str]]) -> str:
    actions: list[str] = []
    for name, _, details in operators:
        if name == "ProcedureCall":
            actions.append(f"call {details.partition('(')[0]}")
            continue
        for fragment, action in _WRITING_OPERATORS:
            if fragment in name:
                if action:
                    actions.append(action)
                break
    return ", ".join(dict.fromkeys(actions))


def plan_refusal(
    query_type: str | None, plan: Mapping[str, Any] | None, *, database: str | None = None
) -> str | None:
    """Why an EXPLAIN result is refused, or None when the query only reads.

    ``query_type`` and ``plan`` are the summary's (``'r'``, ``'w'``, ``'rw'``, ``'s'``;
    the plan as the driver returns it). ``database`` is the one the console reads: a plan
    whose operators run elsewhere is refused.

    >>> plan = {"operatorType": "ProduceResults@neo4j", "args": {}, "children": [
    ...     {"operatorType": "Create@neo4j", "args": {"Details": "(n)"}, "children": []}]}
    >>> plan_refusal("rw", plan, database="neo4j")
    'Neo4j says this query would read and write the graph (create nodes or relationships)'
    >>> plan_refusal("r", {"operatorType": "AllNodesScan@neo4j", "args": {}}, database="neo4j")
    """
    operators = _operators(plan)
    if query_type != "r":
        what = _QUERY_TYPES.get(str(query_type), f"do something other than read ({query_type!r})")
        doing = _what_it_would_do(operators)
        return f"Neo4j says this query would {what}" + (f" ({doing})" if doing else "")
    for name, db, details in operators:
        if name in _REFUSED_OPERATORS:
            return _REFUSED_OPERATORS[name]
        if name.startswith(("Show", "Terminate")):  # SHOW ... / TERMINATE TRANSACTIONS plan as 'r'
            return f"administration commands ({name}) are not available in the console"
        if name == "ProcedureCall":
            procedure = details.partition("(")[0].strip().lower()
            if procedure not in ALLOWED_PROCEDURES:
                return f"procedure {procedure} is not on the list of read-only procedures"
        if database and db and db.lower() != database.lower():
            return f"the query would read database {db!r}; the console reads only {database!r}"
    return None


def _session(driver: Driver, database: str, row_cap: int) -> Any:
    # fetch_size bounds each PULL, so the driver never asks for far more than the cap
    return driver.session(
        database=database, default_access_mode=READ_ACCESS, fetch_size=row_cap + 1
    )


def check_plan(
    driver: Driver,
    text: str,
    *,
    database: str,
    timeout_s: float,
    params: Mapping[str, Any] | None = None,
) -> list[str]:
    """EXPLAIN ``text`` in a read transaction; raise :class:`QueryRefused` unless it only reads.

    Returns the server's notes on the plan (a cartesian product, a deprecated form, ...).
    Errors are translated by :func:`translate_error`.
    """
    try:
        with (
            _session(driver, database, 1) as session,
            session.begin_transaction(timeout=timeout_s, metadata=TX_METADATA) as tx,
        ):
            summary = tx.run(EXPLAIN_PREFIX + text, dict(params or {})).consume()
    except (Neo4jError, DriverError) as exc:
        raise translate_error(exc, timeout_s=timeout_s, explained=True) from None
    reason = plan_refusal(summary.query_type, summary.plan, database=database)
    if reason:
        raise QueryRefused(f"refused: {reason}; the console runs only read-only queries")
    return [n.description or n.title for n in summary.summary_notifications]


# -- layer 3: running -------------------------------------------------------------------


def read_rows(
    driver: Driver,
    text: str,
    *,
    database: str,
    timeout_s: float,
    row_cap: int,
    params: Mapping[str, Any] | None = None,
) -> tuple[list[str], list[dict[str, Any]], bool]:
    """Run ``text`` in a read transaction with a server-side timeout of ``timeout_s``.

    Returns ``(columns, rows, truncated)``: at most ``row_cap`` rows of plain values, and
    whether the query had more (only ``row_cap + 1`` records are ever pulled; the rest are
    discarded on the server). The transaction is rolled back, never committed.
    """
    try:
        with (
            _session(driver, database, row_cap) as session,
            session.begin_transaction(timeout=timeout_s, metadata=TX_METADATA) as tx,
        ):
            result = tx.run(text, dict(params or {}))
            columns = list(result.keys())
            records = list(islice(result, row_cap + 1))
            tx.rollback()
    except (Neo4jError, DriverError) as exc:
        raise translate_error(exc, timeout_s=timeout_s) from None
    rows = [{key: plain_value(value) for key, value in record.items()} for record in records]
    return columns, rows[:row_cap], len(rows) > row_cap


def _with_deadline(work: Callable[[], T], seconds: float, timeout_s: float) -> T:
    """Run ``work`` in a daemon thread; raise :class:`QueryTimedOut` if it outlives ``seconds``.

    A backstop for a server that does not end the transaction at its timeout: the caller
    gets its answer on time, and the thread ends whenever the server lets go.
    """
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = work()
        except BaseException as exc:  # handed to the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=target, name="jejaring-console-query", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise QueryTimedOut(_timeout_message(timeout_s))
    if "error" in box:
        raise box["error"]
    return box["value"]


def run_console(
    driver: Driver,
    text: str,
    *,
    database: str,
    timeout_s: float,
    row_cap: int,
    params: Mapping[str, Any] | None = None,
) -> ConsoleResult:
    """Run a researcher's Cypher text if, and only if, it can only read.

    Layers, in order: :func:`check_text` (no server), :func:`check_plan` (EXPLAIN in a read
    transaction), :func:`read_rows` (read transaction, server timeout); explaining and
    running share the ``timeout_s`` budget, and a guard thread gives up
    :data:`CLIENT_GRACE_S` after it. Raises :class:`QueryRefused` or :class:`QueryFailed`
    (:class:`QueryTimedOut` at the limit) with a message for the user; values in
    ``params`` are sent as parameters.
    """
    if timeout_s <= 0 or row_cap < 1:
        raise ValueError(f"timeout_s must be > 0 and row_cap >= 1, got {timeout_s}, {row_cap}")
    started = time.monotonic()
    check_text(text)

    def explain_and_read() -> tuple[list[str], tuple[list[str], list[dict[str, Any]], bool]]:
        notes = check_plan(driver, text, database=database, timeout_s=timeout_s, params=params)
        left = timeout_s - (time.monotonic() - started)
        try:
            if left <= 0.001:  # a timeout of 0 would mean none at all on the server
                raise QueryTimedOut("no time left after EXPLAIN")
            rows = read_rows(
                driver, text, database=database, timeout_s=left, row_cap=row_cap, params=params
            )
        except QueryTimedOut:  # name the user's limit, not the part of it that was left
            raise QueryTimedOut(_timeout_message(timeout_s)) from None
        return notes, rows

    notes, (columns, rows, truncated) = _with_deadline(
        explain_and_read, timeout_s + CLIENT_GRACE_S, timeout_s
    )
    elapsed_ms = round((time.monotonic() - started) * 1000, 1)
    return ConsoleResult(columns, rows, truncated, row_cap, elapsed_ms, notes)


# -- layer 4: errors --------------------------------------------------------------------

# "java.io.IOException: " and "Caused by: " in procedure failures say nothing to a researcher
_JAVA_CLASS = re.compile(r"\b(?:[a-z_][\w$]*\.){2,}[A-Z][\w$]*(?:Exception|Error|Throwable)\b:?\s*")
_CAUSED_BY = re.compile(r"\s*Caused by:\s*")
_URI_USERINFO = re.compile(r"(\b[a-z][a-z0-9+.-]*://)[^/@\s]+@", re.IGNORECASE)
_POSITION = re.compile(r"\(line (\d+), column (\d+) \(offset: (\d+)\)\)")
_TIMEOUT_CODES = (
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
)
_WRITE_STOPPED_CODES = (
    "Neo.ClientError.Statement.AccessMode",
    "Neo.ClientError.Security.Forbidden",
)
_CREDENTIAL_CODES = (
    "Neo.ClientError.Security.Unauthorized",
    "Neo.ClientError.Security.AuthenticationRateLimit",
    "Neo.ClientError.Security.CredentialsExpired",
)
_MEMORY_CODES = (
    "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
    "Neo.TransientError.General.OutOfMemoryError",
    "Neo.TransientError.General.TransactionMemoryLimit",
)


def _timeout_message(timeout_s: float) -> str:
    return (
        f"the query was stopped at the console's time limit of {timeout_s:g} s; narrow it "
        "(a label, a LIMIT, a shorter path) or raise JEJARING_CONSOLE_TIMEOUT"
    )


def _clean(message: str, *, keep_lines: bool = False) -> str:
    """The server's message without Java class names or credentials in URIs."""
    message = _URI_USERINFO.sub(r"\1", message)
    if not keep_lines:
        message = message.strip().splitlines()[0] if message.strip() else ""
        message = _JAVA_CLASS.sub("", _CAUSED_BY.sub(" ", message))
    return message.strip()


def _unshift_position(message: str) -> str:
    """Move a syntax error's line and offset back over :data:`EXPLAIN_PREFIX`."""

    def fix(match: re.Match[str]) -> str:
        line, column, offset = (int(g) for g in match.groups())
        line, offset = max(line - 1, 1), max(offset - len(EXPLAIN_PREFIX), 0)
        return f"(line {line}, column {column} (offset: {offset}))"

    return _POSITION.sub(fix, message)


def error_for_code(
    code: str, message: str, *, timeout_s: float, explained: bool = False
) -> ConsoleError:
    """The console's short message for a Neo4j error ``code`` and the server's ``message``.

    ``explained`` says the error came from the EXPLAIN step, whose positions are shifted.
    Syntax errors keep the server's text (it points at the mistake); other client errors
    keep its first line without Java class names; server-side failures only their code.

    >>> str(error_for_code("Neo.ClientError.Procedure.ProcedureCallFailed",
    ...     "Failed to invoke procedure `x.y`: Caused by: java.io.IOException: no such file",
    ...     timeout_s=10))
    'the query failed: Failed to invoke procedure `x.y`: no such file'
    >>> str(error_for_code("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
    ...     "The transaction has been terminated.", timeout_s=2))[:52]
    "the query was stopped at the console's time limit of"
    """
    if code == "Neo.ClientError.Statement.SyntaxError":
        message = _unshift_position(message) if explained else message
        return QueryFailed(f"Cypher error: {_clean(message, keep_lines=True)}")
    if code in _TIMEOUT_CODES:
        return QueryTimedOut(_timeout_message(timeout_s))
    if code in _WRITE_STOPPED_CODES:
        return QueryRefused(
            "refused: Neo4j stopped an attempt to write inside the console's read-only "
            "transaction; nothing was changed"
        )
    if code in _CREDENTIAL_CODES:
        return QueryFailed(
            "Neo4j refused the console's credentials: check NEO4J_USER and NEO4J_PASSWORD"
        )
    if code in _MEMORY_CODES:
        return QueryFailed("the query needs more memory than the server allows; narrow it")
    if code.startswith("Neo.ClientError."):
        return QueryFailed(f"the query failed: {_clean(message)}")
    if code.startswith("Neo.TransientError."):
        return QueryFailed(f"Neo4j could not run the query just now ({code}); try again")
    return QueryFailed(f"Neo4j failed while running the query ({code}); see the server log")


def translate_error(exc: Exception, *, timeout_s: float, explained: bool = False) -> ConsoleError:
    """:func:`error_for_code` for a server error; a short message for a driver error."""
    if isinstance(exc, Neo4jError):
        return error_for_code(
            exc.code or "", exc.message or "", timeout_s=timeout_s, explained=explained
        )
    return QueryFailed(f"cannot talk to the Neo4j server: {_clean(str(exc)) or type(exc).__name__}")


# -- layer 5: values --------------------------------------------------------------------


def _decode_json(props: dict[str, Any]) -> dict[str, Any]:
    """Decode the properties named in ``_json`` (stored as JSON text) and drop ``_json``."""
    names = props.pop(JSON_KEY, None)
    if not isinstance(names, list):
        return props
    for name in names:
        if isinstance(props.get(name), str):
            with contextlib.suppress(ValueError):  # not JSON after all: show it as stored
                props[name] = json.loads(props[name])
    return props


def _properties(entity: Node | Relationship) -> dict[str, Any]:
    return _decode_json({key: plain_value(value) for key, value in entity.items()})


def plain_value(value: Any) -> Any:
    """A JSON-ready form of a value from a Neo4j record.

    Nodes become ``{element_id, labels, properties}``, relationships ``{element_id, type,
    start, end, properties}`` (``start``/``end`` are element ids), paths ``{nodes,
    relationships}``; maps that list ``_json`` properties get them decoded; temporal
    values become ISO text, points ``{srid, coordinates}``, bytes hex text.

    >>> plain_value({"evidence": '[{"paragraph": 3}]', "_json": ["evidence"], "n": [1, 2]})
    {'evidence': [{'paragraph': 3}], 'n': [1, 2]}
    """
    if isinstance(value, Node):
        return {"element_id": value.element_id, "labels": sorted(value.labels),
                "properties": _properties(value)}  # fmt: skip
    if isinstance(value, Relationship):
        return {
            "element_id": value.element_id,
            "type": value.type,
            "start": value.start_node.element_id if value.start_node else None,
            "end": value.end_node.element_id if value.end_node else None,
            "properties": _properties(value),
        }
    if isinstance(value, Path):
        return {"nodes": [plain_value(n) for n in value.nodes],
                "relationships": [plain_value(r) for r in value.relationships]}  # fmt: skip
    # points and durations are tuples: checked before lists
    if isinstance(value, Point):
        return {"srid": value.srid, "coordinates": list(value)}
    if isinstance(value, (Date, DateTime, Time, Duration)):
        return value.iso_format()
    if isinstance(value, Mapping):
        return _decode_json({str(k): plain_value(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return [plain_value(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).hex()
    return value
