"""Benchmarks of Jejaring's Neo4j backend, each a ratio measured side by side in one run.

1. Loading a synthetic graph of Actor nodes and COLLABORATES_WITH relationships row by
   row (one MERGE per managed transaction) against ``Neo4jStore.upsert_nodes`` /
   ``upsert_relationships`` (``UNWIND`` batches). The unique-id constraints exist in
   both cases, so only batching differs. Both paths are warmed up on a separate small
   batch; the short batched load is then run three times (the median counts), the long
   row-by-row load once. Target: batched at least 20x faster.
2. ``UNWIND ... MERGE`` of ids that already exist, on a scratch label without any
   index, then on the same nodes after the unique-id constraint is created.
   Target: with the constraint at least 10x faster.
3. The round trip of ``RETURN 1`` through ``driver.execute_query``: median and p95.

The benchmark starts its own local server (``neo4j_local.manager``) in a temporary
home on a free port with plugins off, empties the database between parts, stops the
server in a ``finally`` and writes every number to ``bench/results/neo4j.json``
(``neo4j-quick.json`` for ``--quick``). A missed target prints FAIL; it does not
change the exit status.

Run it with ``.venv/bin/python bench/run.py`` (all benchmarks) or
``.venv/bin/python bench/bench_neo4j.py [--quick]``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import random
import shutil
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:  # run as a script: make the project importable
    sys.path.insert(0, str(PROJECT_ROOT))

import neo4j  # noqa: E402
from neo4j import Driver, GraphDatabase  # noqa: E402

from graph.neo4j.cypher import encode_properties as encode_props  # noqa: E402
from graph.neo4j.store import Neo4jStore, quote_identifier  # noqa: E402
from graph.schema import (  # noqa: E402
    ACTOR_TYPES,
    LEVELS,
    SECTORS,
    validate_node,
    validate_relationship,
)
from graph.store import batched, split_node, split_relationship  # noqa: E402
from neo4j_local import manager  # noqa: E402

RESULTS_DIR = PROJECT_ROOT / "bench" / "results"
DATABASE = "neo4j"
SEED = 20_240_601
BATCH_SIZE = 1_000
BATCHED_RUNS = 3  # the batched load is short and noisy: run it this often, use the median
LOAD_TARGET = 20.0  # batched load at least this many times faster than row by row
MERGE_TARGET = 10.0  # MERGE with the unique constraint at least this many times faster
PING_WARMUP = 50
PING_CALLS = 1_000
ROW_BUDGET_SECONDS = 300.0  # the brief's bound on the row-by-row load
SERVER_TIMEOUT = 300.0

ACTOR = "Actor"
COLLABORATES = "COLLABORATES_WITH"
SCRATCH_LABEL = "BenchMergeScratch"  # not a schema label: used only by part 2, then removed
SCRATCH_CONSTRAINT = "bench_merge_scratch_id"


@dataclass(frozen=True)
class Sizes:
    """How much synthetic data one run writes."""

    nodes: int
    relationships: int
    merge_nodes: int
    warmup_nodes: int
    warmup_relationships: int


FULL = Sizes(
    nodes=20_000,
    relationships=40_000,
    merge_nodes=20_000,
    warmup_nodes=1_000,
    warmup_relationships=2_000,
)
QUICK = Sizes(
    nodes=2_000, relationships=4_000, merge_nodes=2_000, warmup_nodes=200, warmup_relationships=400
)


def say(line: str = "") -> None:
    """Print one line of the benchmark report at once (the run takes minutes)."""
    print(line, flush=True)


# -- synthetic, schema-valid records ---------------------------------------------------


def synthetic_actors(count: int, rng: random.Random, prefix: str) -> list[dict[str, Any]]:
    """Actor node records with every property the schema requires, ids ``<prefix>-000001``."""
    return [
        {
            "label": ACTOR,
            "id": f"{prefix}-{i:06d}",
            "name": f"Aktor sintetis {i}",
            "name_en": f"Synthetic actor {i}",
            "actor_type": rng.choice(ACTOR_TYPES),
            "sector": rng.choice(SECTORS),
            "level": rng.choice(LEVELS),
            "aliases": [f"AS{i}"],
            "evidence": [
                {"source": "bench_synthetic", "section": "Sintetis", "paragraph": 1 + i % 40}
            ],
            "synthetic": True,
        }
        for i in range(1, count + 1)
    ]


def synthetic_collaborations(
    actors: Sequence[Mapping[str, Any]], count: int, rng: random.Random
) -> list[dict[str, Any]]:
    """COLLABORATES_WITH records between distinct actors, no (start, end) pair twice."""
    ids = [a["id"] for a in actors]
    if count > len(ids) * (len(ids) - 1):
        raise ValueError(f"{count} relationships do not fit between {len(ids)} actors")
    pairs: set[tuple[str, str]] = set()
    records: list[dict[str, Any]] = []
    while len(records) < count:
        start, end = rng.choice(ids), rng.choice(ids)
        if start == end or (start, end) in pairs:
            continue
        pairs.add((start, end))
        records.append(
            {
                "type": COLLABORATES,
                "start": f"{ACTOR}:{start}",
                "end": f"{ACTOR}:{end}",
                "weight": round(rng.random(), 3),
                "evidence": [
                    {
                        "source": "bench_synthetic",
                        "section": "Sintetis",
                        "paragraph": 1 + len(records) % 40,
                    }
                ],
                "synthetic": True,
            }
        )
    return records


def check_schema(nodes: Sequence[Mapping[str, Any]], rels: Sequence[Mapping[str, Any]]) -> None:
    """Raise unless every synthetic record passes the schema's own validation."""
    for record in nodes:
        errors = validate_node(record)
        if errors:
            raise ValueError(f"synthetic node is not schema-valid: {errors[0]}")
    for record in rels:
        errors = validate_relationship(record)
        if errors:
            raise ValueError(f"synthetic relationship is not schema-valid: {errors[0]}")


def synthetic_graph(
    nodes: int, rels: int, seed: int, prefix: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A reproducible, validated batch of actor nodes and collaboration relationships."""
    rng = random.Random(seed)
    actors = synthetic_actors(nodes, rng, prefix)
    collaborations = synthetic_collaborations(actors, rels, rng)
    check_schema(actors, collaborations)
    return actors, collaborations


# -- the server ------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port on 127.0.0.1 that no program listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def local_server() -> Iterator[manager.ServerInfo]:
    """A local Neo4j server without plugins in a temporary home, stopped and removed after."""
    os.environ["JEJARING_NEO4J_PLUGINS"] = "none"
    home = Path(tempfile.mkdtemp(prefix="jejaring-bench-neo4j-"))
    try:
        yield manager.start(port=free_port(), timeout=SERVER_TIMEOUT, home=home)
    finally:
        try:
            manager.stop(home=home)
        finally:
            shutil.rmtree(home, ignore_errors=True)


def driver_packing() -> str:
    """Whether the driver packs Bolt messages natively (neo4j-rust-ext) or in pure Python."""
    try:
        from neo4j._codec.packstream import RUST_AVAILABLE as native
    except ImportError:  # a driver without the flag packs in Python
        native = False
    return "rust extension" if native else "pure Python"


def machine_facts(driver: Driver, server: manager.ServerInfo) -> dict[str, Any]:
    """Cores, load, platform, Python, driver and the server's Neo4j version and edition."""
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition",
        database_=DATABASE,
    )
    component = records[0]
    return {
        "cores": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "platform": platform.platform(),
        "python": platform.python_version(),
        "neo4j_driver": neo4j.__version__,
        "driver_packing": driver_packing(),
        "neo4j": f"{component['name']} {component['versions'][0]} {component['edition']}",
        "plugins": list(server.plugins),
        "data_folder": str(server.home / "data"),
    }


# -- part 1: row by row against UNWIND batches -----------------------------------------


def row_queries() -> tuple[str, str]:
    """The one-record node and relationship MERGEs of the row-by-row load."""
    actor, rel = quote_identifier(ACTOR), quote_identifier(COLLABORATES)
    node_query = f"MERGE (n:{actor} {{id: $id}}) SET n = $props"
    rel_query = (
        f"MATCH (a:{actor} {{id: $start}}) MATCH (b:{actor} {{id: $end}}) "
        f"MERGE (a)-[r:{rel}]->(b) SET r = $props"
    )
    return node_query, rel_query


def node_params(record: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters of one node MERGE, with the properties encoded as the store encodes them."""
    _, node_id, props = split_node(record)
    return {"id": node_id, "props": encode_props(props)}


def rel_params(record: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters of one relationship MERGE, encoded as the store encodes them."""
    _, start, end, props = split_relationship(record)
    return {"start": start.id, "end": end.id, "props": encode_props(props)}


def _run_one(tx: Any, query: str, params: dict[str, Any]) -> None:
    tx.run(query, params).consume()


def load_row_by_row(
    driver: Driver,
    nodes: Sequence[Mapping[str, Any]],
    rels: Sequence[Mapping[str, Any]],
    on_progress: Callable[[int, float], None] | None = None,
) -> float:
    """Write each record in its own managed transaction; return the seconds taken."""
    node_query, rel_query = row_queries()
    work = [(node_query, node_params, r) for r in nodes] + [
        (rel_query, rel_params, r) for r in rels
    ]
    started = time.perf_counter()
    with driver.session(database=DATABASE) as session:
        for done, (query, params, record) in enumerate(work, start=1):
            session.execute_write(_run_one, query, params(record))
            if on_progress is not None:
                on_progress(done, time.perf_counter() - started)
    return time.perf_counter() - started


def load_batched(
    store: Neo4jStore, nodes: Sequence[Mapping[str, Any]], rels: Sequence[Mapping[str, Any]]
) -> float:
    """Write through the store's UNWIND batches; return the seconds taken."""
    started = time.perf_counter()
    store.upsert_nodes(nodes, batch_size=BATCH_SIZE)
    store.upsert_relationships(rels, batch_size=BATCH_SIZE)
    return time.perf_counter() - started


def projection_notice(total: int, sample: int) -> Callable[[int, float], None]:
    """A progress hook that prints, once after ``sample`` writes, the projected row-by-row time."""

    def hook(done: int, elapsed: float) -> None:
        if done != sample:
            return
        projected = elapsed / done * total
        over = " (> 5 min; running it in full)" if projected > ROW_BUDGET_SECONDS else ""
        say(
            f"  row by row projected at {projected:.0f} s after {done:,} of {total:,} "
            f"transactions{over}"
        )

    return hook


def loaded_snapshot(store: Neo4jStore, sample_id: str) -> dict[str, Any]:
    """Counts and one node as read back, to check both loads wrote the same graph."""
    return {"counts": store.counts(), "sample": store.get_node(ACTOR, sample_id)}


def warm_up_loads(driver: Driver, store: Neo4jStore, sizes: Sizes) -> None:
    """Run both load paths once on a small separate batch: cached query plans, a warmed JVM."""
    nodes, rels = synthetic_graph(
        sizes.warmup_nodes, sizes.warmup_relationships, SEED + 1, "bench-warm"
    )
    load_row_by_row(driver, nodes, rels)
    store.clear()
    load_batched(store, nodes, rels)
    store.clear()


def bench_load(driver: Driver, store: Neo4jStore, sizes: Sizes) -> dict[str, Any]:
    """Part 1: the same synthetic batch loaded row by row and in UNWIND batches."""
    nodes, rels = synthetic_graph(sizes.nodes, sizes.relationships, SEED, "bench-actor")
    say(
        f"[1] load {len(nodes):,} Actor nodes + {len(rels):,} {COLLABORATES} relationships "
        f"into an empty database (unique-id constraints present in both cases)"
    )
    store.ensure_constraints()
    warm_up_loads(driver, store, sizes)
    say(
        f"  both paths warmed up on a separate {sizes.warmup_nodes:,} + "
        f"{sizes.warmup_relationships:,} batch; measured batched ({BATCHED_RUNS} runs) first, "
        "then row by row (1 run)"
    )

    batch_runs, batch_graph = [], {}
    for _ in range(BATCHED_RUNS):
        batch_runs.append(load_batched(store, nodes, rels))
        batch_graph = loaded_snapshot(store, nodes[0]["id"])
        store.clear()
    batch_seconds = statistics.median(batch_runs)
    batches = -(-len(nodes) // BATCH_SIZE) + -(-len(rels) // BATCH_SIZE)
    say(
        f"  batched     (Neo4jStore.upsert_*, UNWIND, {BATCH_SIZE:,}/batch, {batches} transactions): "
        f"{batch_seconds:9.2f} s median of {BATCHED_RUNS} runs "
        f"({', '.join(f'{t:.2f}' for t in batch_runs)} s)"
    )

    total = len(nodes) + len(rels)
    row_seconds = load_row_by_row(driver, nodes, rels, projection_notice(total, 2_000))
    row_graph = loaded_snapshot(store, nodes[0]["id"])
    say(f"  row by row  (1 MERGE per execute_write, {total:,} transactions): {row_seconds:9.2f} s")
    store.clear()

    same = row_graph == batch_graph
    expected = {"nodes": {ACTOR: len(nodes)}, "relationships": {COLLABORATES: len(rels)}}
    complete = batch_graph["counts"] == expected
    ratio = row_seconds / batch_seconds
    verdict = "PASS" if ratio >= LOAD_TARGET else "FAIL"
    say(f"  both loads wrote the same graph: {same}; counts as expected: {complete}")
    say(
        f"  RATIO row/batched = {ratio:.1f}x (target >= {LOAD_TARGET:g}x): {verdict}   "
        f"[with the first batched run only: {row_seconds / batch_runs[0]:.1f}x]"
    )
    if row_seconds > ROW_BUDGET_SECONDS:
        say(f"  note: the row-by-row load took {row_seconds:.0f} s, over the 5-minute budget")
    return {
        "nodes": len(nodes),
        "relationships": len(rels),
        "batch_size": BATCH_SIZE,
        "row_by_row_transactions": total,
        "batched_transactions": batches,
        "row_by_row_seconds": round(row_seconds, 3),
        "batched_seconds": round(batch_seconds, 3),
        "batched_runs_seconds": [round(t, 3) for t in batch_runs],
        "ratio_first_batched_run": round(row_seconds / batch_runs[0], 2),
        "row_by_row_per_second": round(total / row_seconds, 1),
        "batched_per_second": round(total / batch_seconds, 1),
        "ratio": round(ratio, 2),
        "target": LOAD_TARGET,
        "verdict": verdict,
        "same_graph": same,
        "counts_as_expected": complete,
    }


# -- part 2: MERGE with and without the unique constraint ------------------------------


def scratch_queries() -> dict[str, str]:
    """Cypher for part 2's scratch label; the label is a constant, values are parameters."""
    label = f"`{SCRATCH_LABEL}`"
    return {
        "create": f"UNWIND $rows AS row CREATE (n:{label}) SET n = row.props RETURN count(n) AS n",
        "merge": f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n = row.props "
        "RETURN count(n) AS n",
        "touch": f"MATCH (n:{label}) RETURN count(n.id) AS n",
        "count": f"MATCH (n:{label}) RETURN count(n) AS n",
        "constrain": f"CREATE CONSTRAINT {SCRATCH_CONSTRAINT} IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.id IS UNIQUE",
        "unconstrain": f"DROP CONSTRAINT {SCRATCH_CONSTRAINT} IF EXISTS",
    }


def _run_batch(tx: Any, query: str, rows: list[dict[str, Any]]) -> int:
    return tx.run(query, rows=rows).single()["n"]


def write_in_batches(driver: Driver, query: str, rows: Sequence[dict[str, Any]]) -> float:
    """Run ``query`` over ``rows`` in managed transactions of BATCH_SIZE rows; return seconds."""
    started = time.perf_counter()
    with driver.session(database=DATABASE) as session:
        for batch in batched(rows, BATCH_SIZE):
            session.execute_write(_run_batch, query, batch)
    return time.perf_counter() - started


def scalar(driver: Driver, query: str) -> Any:
    """The single value a one-row, one-column query returns."""
    records, _, _ = driver.execute_query(query, database_=DATABASE)
    return records[0][0]


def plan_operators(driver: Driver, query: str, rows: list[dict[str, Any]]) -> list[str]:
    """The operators of the planner's EXPLAIN plan for ``query``, top first."""
    _, summary, _ = driver.execute_query(f"EXPLAIN {query}", rows=rows, database_=DATABASE)
    operators: list[str] = []
    pending = [summary.plan] if summary.plan else []
    while pending:
        step = pending.pop(0)
        operators.append(str(step.get("operatorType", "?")).split("@")[0])
        pending.extend(step.get("children", []))
    return operators


def bench_merge_constraint(driver: Driver, store: Neo4jStore, sizes: Sizes) -> dict[str, Any]:
    """Part 2: MERGE existing ids on a label without any index, then with the unique constraint."""
    queries = scratch_queries()
    nodes, _ = synthetic_graph(sizes.merge_nodes, 0, SEED + 2, "bench-merge")
    rows = [node_params(record) for record in nodes]
    say(
        f"[2] UNWIND MERGE of {len(rows):,} existing ids (label {SCRATCH_LABEL}, "
        f"{BATCH_SIZE:,}/batch): no index vs. unique constraint, same nodes and query"
    )
    store.clear()
    driver.execute_query(queries["unconstrain"], database_=DATABASE)
    write_in_batches(driver, queries["create"], rows)
    scalar(driver, queries["touch"])  # read every node once so both runs start warm

    plan_without = plan_operators(driver, queries["merge"], rows[:1])
    without_seconds = write_in_batches(driver, queries["merge"], rows)
    say(f"  without constraint ({' > '.join(plan_without)}): {without_seconds:9.2f} s")

    driver.execute_query(queries["constrain"], database_=DATABASE)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=DATABASE)
    plan_with = plan_operators(driver, queries["merge"], rows[:1])
    with_seconds = write_in_batches(driver, queries["merge"], rows)
    say(f"  with constraint    ({' > '.join(plan_with)}): {with_seconds:9.2f} s")

    count = scalar(driver, queries["count"])
    driver.execute_query(queries["unconstrain"], database_=DATABASE)
    store.clear()
    ratio = without_seconds / with_seconds
    verdict = "PASS" if ratio >= MERGE_TARGET else "FAIL"
    say(f"  nodes after both MERGEs: {count:,} (expected {len(rows):,})")
    say(f"  RATIO without/with = {ratio:.1f}x (target >= {MERGE_TARGET:g}x): {verdict}")
    return {
        "nodes": len(rows),
        "batch_size": BATCH_SIZE,
        "label": SCRATCH_LABEL,
        "without_constraint_seconds": round(without_seconds, 3),
        "with_constraint_seconds": round(with_seconds, 3),
        "plan_without_constraint": plan_without,
        "plan_with_constraint": plan_with,
        "nodes_after": count,
        "ratio": round(ratio, 2),
        "target": MERGE_TARGET,
        "verdict": verdict,
    }


# -- part 3: round trip ----------------------------------------------------------------


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile of already sorted values."""
    rank = min(len(sorted_values), max(1, math.ceil(fraction * len(sorted_values))))
    return sorted_values[rank - 1]


def time_calls(call: Callable[[], Any], count: int) -> list[float]:
    """Milliseconds each of ``count`` calls took, sorted."""
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return sorted(samples)


def bench_round_trip(driver: Driver) -> dict[str, Any]:
    """Part 3: ``RETURN 1`` through ``driver.execute_query``, after warm-up calls."""

    def ping() -> Any:
        return driver.execute_query("RETURN 1 AS one", database_=DATABASE)

    say(f"[3] RETURN 1 via driver.execute_query: {PING_CALLS:,} calls after {PING_WARMUP} warm-up")
    time_calls(ping, PING_WARMUP)
    samples = time_calls(ping, PING_CALLS)
    median, p95 = statistics.median(samples), percentile(samples, 0.95)
    say(
        f"  median {median:.3f} ms   p95 {p95:.3f} ms   min {samples[0]:.3f} ms   "
        f"max {samples[-1]:.3f} ms"
    )
    say(f"  RATIO p95/median = {p95 / median:.2f}x (spread; no target)")
    return {
        "calls": PING_CALLS,
        "warmup_calls": PING_WARMUP,
        "median_ms": round(median, 3),
        "p95_ms": round(p95, 3),
        "min_ms": round(samples[0], 3),
        "max_ms": round(samples[-1], 3),
        "mean_ms": round(statistics.fmean(samples), 3),
        "ratio_p95_median": round(p95 / median, 2),
    }


# -- the run ---------------------------------------------------------------------------


def results_path(quick: bool) -> Path:
    """Where a run's JSON goes: neo4j.json, or neo4j-quick.json for the smoke size."""
    return RESULTS_DIR / ("neo4j-quick.json" if quick else "neo4j.json")


def write_results(results: Mapping[str, Any], path: Path) -> None:
    """Write the results as JSON, creating bench/results/ when needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def print_facts(facts: Mapping[str, Any], sizes: Sizes, quick: bool) -> None:
    """The machine and server facts the numbers below depend on."""
    say(
        f"machine: {facts['cores']} cores, load average {facts['load_average']}, "
        f"{facts['platform']}, Python {facts['python']}, driver {facts['neo4j_driver']} "
        f"({facts['driver_packing']} packing)"
    )
    say(f"server: {facts['neo4j']}, plugins: {', '.join(facts['plugins']) or 'none'}")
    say(
        f"sizes ({'quick' if quick else 'full'}): {sizes.nodes:,} nodes, "
        f"{sizes.relationships:,} relationships, {sizes.merge_nodes:,} MERGE nodes, "
        f"batch {BATCH_SIZE:,}, seed {SEED}"
    )


def run(quick: bool = False) -> dict[str, Any]:
    """Start a server, run the three parts, stop it; return and save the results."""
    sizes = QUICK if quick else FULL
    started = time.perf_counter()
    results: dict[str, Any] = {
        "benchmark": "neo4j",
        "mode": "quick" if quick else "full",
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "sizes": asdict(sizes),
        "seed": SEED,
    }
    with local_server() as server:
        driver = GraphDatabase.driver(server.bolt_uri, auth=server.auth)
        store = Neo4jStore(driver, database=DATABASE, batch_size=BATCH_SIZE)
        try:
            results["machine"] = machine_facts(driver, server)
            print_facts(results["machine"], sizes, quick)
            store.clear()
            results["load"] = bench_load(driver, store, sizes)
            results["merge_constraint"] = bench_merge_constraint(driver, store, sizes)
            store.clear()
            results["round_trip"] = bench_round_trip(driver)
        finally:
            driver.close()
    results["wall_seconds"] = round(time.perf_counter() - started, 1)
    path = results_path(quick)
    write_results(results, path)
    say(
        f"neo4j benchmark wall time {results['wall_seconds']:.1f} s (server start and stop "
        f"included); results in {path.relative_to(PROJECT_ROOT)}"
    )
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``bench_neo4j.py [--quick]``; exit 0 whether targets pass or fail."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small sizes (2,000 nodes / 4,000 relationships) for a smoke test",
    )
    args = parser.parse_args(argv)
    run(quick=args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
