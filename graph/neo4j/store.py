"""The Neo4j backend: the GraphStore protocol over the official Python driver.

Every query is built here from constants and the schema's closed sets: labels and
relationship types are checked against the schema and quoted by one helper before
they reach a query; every value travels as a parameter. Writes go in ``UNWIND $rows``
batches inside managed transactions (which the driver retries on transient errors);
reads are routed to readers; ``database_`` is passed on every call.

Faults of the server: the driver is set up with a short connection timeout (an app must
not hang for 30 s on a stopped server), a bounded retry time and a liveness check of
pooled connections. Every write goes through ``execute_write`` (or ``execute_query``),
whose transaction functions the driver retries after transient errors, so they may run
more than once: each is an idempotent ``MERGE ... SET``. A batch is one transaction, so a
server that dies mid-load leaves whole batches or nothing of a batch; running the same
load again converges to the same graph. When the server stays away the store raises
:class:`StoreConnectionLost`, whose message names the URI and what to do, never the
password.

Neo4j properties hold scalars and lists of scalars only, so a property whose value is
a mapping or a list of mappings (evidence locators, claim checks) is stored as JSON
text and its name is kept in the node's ``_json`` list; reads decode it again
(:mod:`graph.neo4j.cypher`).

Besides the graph, the store answers the named questions with their Cypher
(:mod:`graph.neo4j.questions`), runs the read-only console (:mod:`graph.neo4j.console`) and
tells the version of the database: the bookmark the server gives a read transaction, which
names the last transaction it committed, so it changes with every write that changes the
graph, by any process or tool.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import Any

import networkx as nx
import pandas as pd
from neo4j import READ_ACCESS, Driver, GraphDatabase, RoutingControl
from neo4j.exceptions import (
    DriverError,
    IncompleteCommit,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

import settings
from graph.console import ConsoleResult
from graph.neo4j.console import run_console
from graph.neo4j.cypher import (
    JSON_KEY,
    decode_properties,
    encode_properties,
    quote_identifier,
)
from graph.neo4j.questions import cypher_for
from graph.questions import answer_frame, get_question
from graph.schema import LABELS, REL_TYPES, check_label, check_rel_type
from graph.store import (
    MissingNode,
    Neighbour,
    NodeRecord,
    RelRecord,
    StoreLocation,
    batched,
    filter_view,
    node_key,
    split_node,
    split_relationship,
)

__all__ = [
    "Neo4jStore",
    "StoreUnavailable",
    "StoreConnectionLost",
    "driver_options",
    "quote_identifier",
    "node_upsert_query",
    "rel_upsert_query",
    "JSON_KEY",
]


class StoreUnavailable(ConnectionError):
    """The Neo4j server cannot be reached or refuses the credentials."""


class StoreConnectionLost(StoreUnavailable):
    """The server went away (or kept failing) while the store was reading or writing."""


def driver_options() -> dict[str, Any]:
    """The driver's timeouts and retry budget, from the NEO4J_* settings.

    ``connection_timeout`` bounds how long opening a connection may take (the driver's
    default, 30 s, is too long for a page to wait); ``max_transaction_retry_time`` bounds
    how long a managed transaction is retried after transient errors or a lost
    connection; ``liveness_check_timeout`` has a connection that sat idle in the pool for
    that long checked before it is used, so a restarted server is noticed at once.
    """
    liveness = settings.get("NEO4J_LIVENESS_CHECK").strip()
    return {
        "connection_timeout": float(settings.get("NEO4J_CONNECTION_TIMEOUT")),
        "max_transaction_retry_time": float(settings.get("NEO4J_MAX_RETRY_TIME")),
        "liveness_check_timeout": float(liveness) if liveness else None,
    }


def constraint_query(label: str) -> str:
    """Cypher that makes ``id`` unique for ``label`` (idempotent)."""
    ident = quote_identifier(check_label(label))
    return (
        f"CREATE CONSTRAINT jejaring_{label.lower()}_id IF NOT EXISTS "
        f"FOR (n:{ident}) REQUIRE n.id IS UNIQUE"
    )


def node_upsert_query(label: str) -> str:
    """Cypher that creates or replaces a batch of ``label`` nodes given as ``$rows``."""
    ident = quote_identifier(check_label(label))
    return f"UNWIND $rows AS row MERGE (n:{ident} {{id: row.id}}) SET n = row.props RETURN count(n) AS n"


def rel_upsert_query(rel_type: str, start_label: str, end_label: str) -> str:
    """Cypher that creates or replaces a batch of relationships given as ``$rows``."""
    rel = quote_identifier(check_rel_type(rel_type))
    a, b = quote_identifier(check_label(start_label)), quote_identifier(check_label(end_label))
    return (
        f"UNWIND $rows AS row MATCH (a:{a} {{id: row.start}}) MATCH (b:{b} {{id: row.end}}) "
        f"MERGE (a)-[r:{rel}]->(b) SET r = row.props RETURN count(r) AS n"
    )


def existing_ids_query(label: str) -> str:
    """Cypher that returns which of ``$ids`` exist as ``label`` nodes."""
    ident = quote_identifier(check_label(label))
    return f"UNWIND $ids AS id MATCH (n:{ident} {{id: id}}) RETURN collect(n.id) AS found"


def get_node_query(label: str) -> str:
    """Cypher that returns the properties of the ``label`` node with id ``$id``."""
    ident = quote_identifier(check_label(label))
    return f"MATCH (n:{ident} {{id: $id}}) RETURN properties(n) AS props"


def neighbours_query(label: str) -> str:
    """Cypher for the relationships of one node, filtered by ``$types`` and ``$direction``."""
    ident = quote_identifier(check_label(label))
    return (
        f"MATCH (n:{ident} {{id: $id}})-[r]-(m) WHERE $types IS NULL OR type(r) IN $types "
        "WITH r, m, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction "
        "WHERE $direction = 'both' OR direction = $direction "
        "RETURN type(r) AS type, direction, properties(r) AS rel, labels(m)[0] AS label, "
        "properties(m) AS node"
    )


# Counts per label and per type of the schema's closed sets, one branch each: a count of one
# label or type is answered from Neo4j's count store, where grouping every node by its labels
# would read half a million nodes on a national graph (about 150 ms on every rerun of a page).
COUNT_NODES = (
    "CALL () { "
    + " UNION ALL ".join(
        f"MATCH (n:{quote_identifier(label)}) RETURN '{label}' AS label, count(n) AS n"
        for label in sorted(LABELS)
    )
    + " } WITH label, n WHERE n > 0 RETURN label, n ORDER BY label"
)
COUNT_RELS = (
    "CALL () { "
    + " UNION ALL ".join(
        f"MATCH ()-[r:{quote_identifier(rel_type)}]->() RETURN '{rel_type}' AS type, count(r) AS n"
        for rel_type in sorted(REL_TYPES)
    )
    + " } WITH type, n WHERE n > 0 RETURN type, n ORDER BY type"
)
ALL_NODES = "MATCH (n) RETURN labels(n)[0] AS label, properties(n) AS props"
_RELS_RETURN = (
    "RETURN type(r) AS type, labels(a)[0] AS sl, a.id AS sid, labels(b)[0] AS el, b.id AS eid, "
    "properties(r) AS props"
)
ALL_RELS = "MATCH (a)-[r]->(b) " + _RELS_RETURN


def nodes_of_label(label: str) -> str:
    """Cypher for the nodes of one schema label (checked, quoted)."""
    return f"MATCH (n:{quote_identifier(check_label(label))}) RETURN labels(n)[0] AS label, properties(n) AS props"


def rels_of_type(rel_type: str) -> str:
    """Cypher for the relationships of one schema type (checked, quoted)."""
    return f"MATCH (a)-[r:{quote_identifier(check_rel_type(rel_type))}]->(b) " + _RELS_RETURN


# A read transaction that changes nothing: the server answers it with the bookmark of the last
# transaction it committed, which is what version() reports.
VERSION_PROBE = "RETURN 1 AS one"
DELETE_SOME = "MATCH (n) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS n"
DELETE_SOME_RELS = "MATCH ()-[r]->() WITH r LIMIT $limit DELETE r RETURN count(*) AS n"
# clear() removes relationships first, then nodes, this many per transaction: a DETACH DELETE
# of a few nodes with tens of thousands of relationships each (the indicator or target group
# of a national network) exceeds db.memory.transaction.max of the local server (384 MB)
CLEAR_BATCH = 10_000


def _one_line(exc: BaseException) -> str:
    """``Type: message`` of an exception on one line (driver messages may span several)."""
    text = " ".join(str(exc).split()) or "no details"
    return f"{type(exc).__name__}: {text}"


def _driver_address(driver: Driver) -> str:
    """Where a driver connects, for messages (``bolt://host:port`` when it can be told)."""
    address = getattr(getattr(driver, "_pool", None), "address", None)
    return f"bolt://{address}" if address is not None else "the configured server"


class Neo4jStore:
    """GraphStore over a Neo4j 5 database reached with the official driver."""

    backend = "neo4j"
    whole_graph_writes = False  # writes are batched transactions: loads stream in chunks
    has_console = True

    def __init__(
        self,
        driver: Driver,
        *,
        database: str = "neo4j",
        batch_size: int = 500,
        uri: str | None = None,
    ) -> None:
        self.driver = driver
        self.database = database
        self.batch_size = batch_size
        self.uri = uri or _driver_address(driver)
        self._constraints_ready = False

    @classmethod
    def from_settings(cls) -> Neo4jStore:
        """Connect with NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE."""
        uri = settings.get("NEO4J_URI")
        user = settings.get("NEO4J_USER")
        try:
            options = driver_options()
        except ValueError as exc:  # a timeout setting that is not a number
            raise StoreUnavailable(f"bad Neo4j timeout setting: {exc}") from None
        try:
            driver = GraphDatabase.driver(
                uri, auth=(user, settings.get("NEO4J_PASSWORD")), **options
            )
        except ValueError as exc:  # a malformed URI
            raise StoreUnavailable(f"cannot use Neo4j URI {uri}: {exc}") from None
        try:
            driver.verify_connectivity()
        except (Neo4jError, DriverError, OSError) as exc:
            driver.close()
            # the message names the URI and user, never the password; ``from None`` keeps
            # the driver's own traceback out of what a user sees
            raise StoreUnavailable(
                f"cannot reach Neo4j at {uri} as user {user!r}: {_one_line(exc)}"
            ) from None
        return cls(
            driver,
            database=settings.get("NEO4J_DATABASE"),
            batch_size=int(settings.get("JEJARING_BATCH_SIZE")),
            uri=uri,
        )

    # -- helpers ---------------------------------------------------------------------
    @contextlib.contextmanager
    def _faults(self, doing: str) -> Iterator[None]:
        """Turn a lost or failing server into one clear :class:`StoreConnectionLost`.

        The driver has already retried what it could (for ``NEO4J_MAX_RETRY_TIME``). The
        message says what happened to the data and what to do; it names the URI only.
        """
        where = f"Neo4j at {self.uri}"
        try:
            yield
        except IncompleteCommit as exc:
            raise StoreConnectionLost(
                f"the connection to {where} broke while {doing} was being committed, so the "
                "last batch may or may not have been written; loads are idempotent: run the "
                f"same command again once the server answers ({_one_line(exc)})"
            ) from None
        except (ServiceUnavailable, SessionExpired, TransientError) as exc:
            if doing == "reading":
                raise StoreConnectionLost(
                    f"lost {where} while reading; nothing was changed, try again once the "
                    f"server answers ({_one_line(exc)})"
                ) from None
            raise StoreConnectionLost(
                f"lost {where} while {doing}: batches committed before stay, the one in "
                "flight was rolled back; run the same command again once the server answers "
                f"and it converges to the same graph ({_one_line(exc)})"
            ) from None
        except (DriverError, OSError) as exc:
            if isinstance(exc, (StoreUnavailable, Neo4jError)):
                raise
            raise StoreConnectionLost(f"{where} failed while {doing}: {_one_line(exc)}") from None

    def _read(self, query: str, **params: Any) -> list[dict[str, Any]]:
        return self._read_with(query, params)

    def _read_with(self, query: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        with self._faults("reading"):
            records, _, _ = self.driver.execute_query(
                query, dict(params), database_=self.database, routing_=RoutingControl.READ
            )
        return [r.data() for r in records]

    def _read_quietly(self, query: str) -> list[dict[str, Any]]:
        """A read whose query names every label or type of the schema, most of which a
        database may not hold yet: the server's "unknown label/type" notes are expected,
        so they are not asked for (they would fill the log on every count)."""
        with (
            self._faults("reading"),
            self.driver.session(
                database=self.database,
                default_access_mode=READ_ACCESS,
                notifications_disabled_categories=["UNRECOGNIZED"],
            ) as session,
        ):
            return session.execute_read(lambda tx: [r.data() for r in tx.run(query)])

    def _write_batches(self, query: str, rows: list[dict[str, Any]], batch_size: int) -> int:
        # a transaction function may run more than once (the driver retries it): the
        # query is an idempotent MERGE ... SET, so a retried batch writes the same thing
        def work(tx: Any, batch: list[dict[str, Any]]) -> int:
            return tx.run(query, rows=batch).single()["n"]

        written = 0
        with self._faults("writing"), self.driver.session(database=self.database) as session:
            for batch in batched(rows, batch_size):
                written += session.execute_write(work, batch)
        return written

    def ensure_constraints(self) -> None:
        """Create the unique-id constraint of every label (once per store), each in its own
        transaction before any data is written (schema and data cannot share one)."""
        if self._constraints_ready:
            return
        with self._faults("creating constraints"):
            for label in sorted(LABELS):
                self.driver.execute_query(constraint_query(label), database_=self.database)
        self._constraints_ready = True

    # -- writing ---------------------------------------------------------------------
    def upsert_nodes(self, records: Iterable[NodeRecord], *, batch_size: int | None = None) -> int:
        by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for record in records:
            label, node_id, props = split_node(record)
            by_label[label].append({"id": node_id, "props": encode_properties(props)})
        self.ensure_constraints()
        size = batch_size or self.batch_size
        return sum(
            self._write_batches(node_upsert_query(label), rows, size)
            for label, rows in sorted(by_label.items())
        )

    def upsert_relationships(
        self, records: Iterable[RelRecord], *, batch_size: int | None = None
    ) -> int:
        groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        for record in records:
            rel_type, start, end, props = split_relationship(record)
            groups[(rel_type, start.label, end.label)].append(
                {"start": start.id, "end": end.id, "props": encode_properties(props)}
            )
        self._check_ends_exist(groups)
        size = batch_size or self.batch_size
        return sum(
            self._write_batches(rel_upsert_query(*key), rows, size)
            for key, rows in sorted(groups.items())
        )

    def _check_ends_exist(
        self, groups: Mapping[tuple[str, str, str], list[dict[str, Any]]]
    ) -> None:
        wanted: dict[str, set[str]] = defaultdict(set)
        for (_, start_label, end_label), rows in groups.items():
            for row in rows:
                wanted[start_label].add(row["start"])
                wanted[end_label].add(row["end"])
        for label, ids in sorted(wanted.items()):
            found = set(self._read(existing_ids_query(label), ids=sorted(ids))[0]["found"])
            missing = sorted(ids - found)
            if missing:
                raise MissingNode(
                    f"no node {label}:{missing[0]} (and {len(missing) - 1} more)"
                    if len(missing) > 1
                    else f"no node {label}:{missing[0]}"
                )

    def apply(self, nodes: Iterable[NodeRecord], relationships: Iterable[RelRecord]) -> int:
        """All-or-nothing upsert in one managed write transaction: the nodes, then a check
        that every relationship end exists (inside the same transaction, so nodes of this
        call count), then the relationships. Any failure rolls the whole transaction back;
        a transient error (a deadlock, a leader switch, a dropped connection) has the driver
        run the whole function again, which is safe because every statement is an
        idempotent ``MERGE ... SET``. Labels and types come only from the schema (the query
        builders check them); every value is a parameter."""
        by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for record in nodes:
            label, node_id, props = split_node(record)
            by_label[label].append({"id": node_id, "props": encode_properties(props)})
        groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        for record in relationships:
            rel_type, start, end, props = split_relationship(record)
            groups[(rel_type, start.label, end.label)].append(
                {"start": start.id, "end": end.id, "props": encode_properties(props)}
            )
        # schema commands cannot share a transaction with writes: constraints first
        self.ensure_constraints()
        wanted: dict[str, set[str]] = defaultdict(set)
        for (_, start_label, end_label), rows in groups.items():
            for row in rows:
                wanted[start_label].add(row["start"])
                wanted[end_label].add(row["end"])

        def work(tx: Any) -> int:
            written = 0
            for label, rows in sorted(by_label.items()):
                for batch in batched(rows, self.batch_size):
                    written += tx.run(node_upsert_query(label), rows=batch).single()["n"]
            for label, ids in sorted(wanted.items()):
                record = tx.run(existing_ids_query(label), ids=sorted(ids)).single()
                missing = sorted(ids - set(record["found"]))
                if missing:  # raised inside the function: the driver rolls back, no retry
                    more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
                    raise MissingNode(f"no node {label}:{missing[0]}{more}")
            for key, rows in sorted(groups.items()):
                for batch in batched(rows, self.batch_size):
                    written += tx.run(rel_upsert_query(*key), rows=batch).single()["n"]
            return written

        with self._faults("writing"), self.driver.session(database=self.database) as session:
            return session.execute_write(work)

    def clear(self) -> None:
        with self._faults("clearing the graph"):
            for query in (DELETE_SOME_RELS, DELETE_SOME):
                while True:
                    records, _, _ = self.driver.execute_query(
                        query, limit=CLEAR_BATCH, database_=self.database
                    )
                    if records[0]["n"] == 0:
                        break

    def close(self) -> None:
        self.driver.close()

    # -- reading ---------------------------------------------------------------------
    def get_node(self, label: str, node_id: str) -> dict[str, Any] | None:
        rows = self._read(get_node_query(label), id=node_id)
        return {**decode_properties(rows[0]["props"]), "label": label} if rows else None

    def nodes(self, label: str | None = None) -> list[dict[str, Any]]:
        # one label: a label scan, not a walk over every node of the database
        query = ALL_NODES if label is None else nodes_of_label(label)
        return [{**decode_properties(r["props"]), "label": r["label"]} for r in self._read(query)]

    def relationships(self, rel_type: str | None = None) -> list[dict[str, Any]]:
        query = ALL_RELS if rel_type is None else rels_of_type(rel_type)
        return [
            {
                **decode_properties(r["props"]),
                "type": r["type"],
                "start": node_key(r["sl"], r["sid"]),
                "end": node_key(r["el"], r["eid"]),
            }
            for r in self._read(query)
        ]

    def neighbours(
        self,
        label: str,
        node_id: str,
        *,
        rel_types: Collection[str] | None = None,
        direction: str = "both",
    ) -> list[Neighbour]:
        types = sorted(check_rel_type(t) for t in rel_types) if rel_types is not None else None
        rows = self._read(neighbours_query(label), id=node_id, types=types, direction=direction)
        return [
            Neighbour(
                r["type"],
                r["direction"],
                {**decode_properties(r["rel"]), "type": r["type"]},
                {**decode_properties(r["node"]), "label": r["label"]},
            )
            for r in rows
        ]

    def to_networkx(self) -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph()
        for node in self.nodes():
            graph.add_node(node_key(node["label"], node["id"]), **node)
        for rel in self.relationships():
            props = {k: v for k, v in rel.items() if k not in ("start", "end")}
            graph.add_edge(rel["start"], rel["end"], key=rel["type"], **props)
        return graph

    def frozen_graph(self) -> nx.MultiDiGraph:
        return nx.freeze(self.to_networkx())

    def subgraph(
        self,
        *,
        labels: Collection[str] | None = None,
        rel_types: Collection[str] | None = None,
        where: Mapping[str, Collection[Any]] | None = None,
    ) -> nx.MultiDiGraph:
        if labels is None and rel_types is None:
            return filter_view(self.to_networkx(), where=where)
        # read only the labels and types asked for (half a million nodes of a national graph
        # are not read to answer a question about its observations)
        graph = nx.MultiDiGraph()
        for label in sorted(labels) if labels is not None else [None]:
            for node in self.nodes(label):
                graph.add_node(node_key(node["label"], node["id"]), **node)
        for rel_type in sorted(rel_types) if rel_types is not None else [None]:
            for rel in self.relationships(rel_type):
                if rel["start"] in graph and rel["end"] in graph:
                    props = {k: v for k, v in rel.items() if k not in ("start", "end")}
                    graph.add_edge(rel["start"], rel["end"], key=rel["type"], **props)
        return filter_view(graph, labels=labels, rel_types=rel_types, where=where)

    def version(self) -> str:
        """The bookmark the server gives a read transaction: it names the database and the last
        transaction committed there, so it changes with every write that changes the graph (by
        this store, another process or another tool) and stays while nothing is written. One
        round trip that reads nothing. A server that gives no bookmark is versioned by its node
        and relationship counts instead. Read the version before the data it keys."""
        with (
            self._faults("reading"),
            self.driver.session(database=self.database, default_access_mode=READ_ACCESS) as session,
        ):
            session.execute_read(lambda tx: tx.run(VERSION_PROBE).consume())
            marks = sorted(session.last_bookmarks().raw_values)
        text = "\n".join(marks) if marks else json.dumps(self.counts(), sort_keys=True)
        kind = "tx" if marks else "counts"
        return f"{kind}:" + hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]

    def location(self) -> StoreLocation:
        return StoreLocation(self.backend, server={"uri": self.uri, "database": self.database})

    # -- questions and the console -----------------------------------------------------
    def ask(self, name: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
        """The named question answered by its Cypher on a reader; its ORDER BY orders the rows."""
        query, values = cypher_for(name, params)  # a bad name or value fails before the read
        rows = self._read_with(query, values)
        return answer_frame(get_question(name), rows, values, ordered=True)

    def console(self, text: str, *, timeout_s: float, row_cap: int) -> ConsoleResult:
        """The guarded read-only console (:func:`graph.neo4j.console.run_console`)."""
        return run_console(
            self.driver, text, database=self.database, timeout_s=timeout_s, row_cap=row_cap
        )

    def counts(self) -> dict[str, dict[str, int]]:
        nodes = {r["label"]: r["n"] for r in self._read_quietly(COUNT_NODES)}
        rels = {r["type"]: r["n"] for r in self._read_quietly(COUNT_RELS)}
        return {"nodes": nodes, "relationships": rels}
