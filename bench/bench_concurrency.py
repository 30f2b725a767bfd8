"""Concurrent use: 20 readers asking named questions while 1 writer imports files.

The same workload runs against the Neo4j store (a local server started for the run) and
against the embedded memory store with its workspace file, one after the other in one
run, and the two are printed side by side:

- the writer imports one small file pair after another through
  ``loaders.importer.apply_import`` (what ``cli.py import`` and the Data page do); each
  pair adds ``PAIR`` actors and, for each, one ``COLLABORATES_WITH`` link to a hub actor,
  all in one all-or-nothing ``store.apply``;
- each reader asks named questions (``store.ask``, :mod:`graph.questions`) in turn. Three of them
  check that no write is ever seen half done: the number of actors (``N1``), then the
  hub's partners (``R``), then the actors again (``N2``) must satisfy
  ``N1 <= R <= N2`` and be multiples of ``PAIR`` (a write's links become visible together
  with its actors and never before them);
- with the memory store one more thread parses ``graph.json`` over and over: the file
  must always be whole and hold as many links as new actors (the file is replaced
  atomically).

At the end the counts must be exact: ``1 + PAIR * writes`` actors and ``PAIR * writes``
links, no error, no inconsistent read. ``make bench`` runs 60 s per store; ``--quick``
(and the test suite) runs shorter. Results: ``bench/results/concurrency.json``
(``concurrency-quick.json``).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import shutil
import statistics
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:  # run as a script: make the project importable
    sys.path.insert(0, str(PROJECT_ROOT))

from graph.store import GraphStore  # noqa: E402
from loaders.importer import apply_import  # noqa: E402

RESULTS_DIR = PROJECT_ROOT / "bench" / "results"
HUB = "conc_hub"
PAIR = 5  # actors (and links) per imported file pair
READERS = 20
FULL_SECONDS = 60.0
QUICK_SECONDS = 8.0
LEVEL, SECTOR = "desa", "health"  # the written actors; the hub is in another sector


def hub_record() -> dict[str, Any]:
    """The actor every written actor links to (seeded before the run)."""
    return {
        "label": "Actor",
        "id": HUB,
        "name": "Hub (concurrency)",
        "actor_type": "village_government",
        "sector": "governance",
        "level": LEVEL,
    }


def import_files(n: int, prefix: str = "w") -> list[tuple[str, bytes]]:
    """The ``n``-th file pair the writer imports: ``PAIR`` actors, each linked to the hub."""
    elements, connections = io.StringIO(), io.StringIO()
    el, co = csv.writer(elements), csv.writer(connections)
    el.writerow(["id", "label", "name", "type", "sector", "level"])
    co.writerow(["from", "to", "type"])
    for j in range(PAIR):
        node_id = f"{prefix}{n:05d}_{j}"
        el.writerow([node_id, "Actor", f"Warga {node_id}", "community_group", SECTOR, LEVEL])
        co.writerow([f"Actor:{node_id}", f"Actor:{HUB}", "COLLABORATES_WITH"])
    return [
        (f"{prefix}{n:05d}_elements.csv", elements.getvalue().encode()),
        (f"{prefix}{n:05d}_connections.csv", connections.getvalue().encode()),
    ]


def written_actors(store: GraphStore) -> int:
    """Actors of the writer, from the named question ``actors_by_level_and_sector``."""
    frame = store.ask("actors_by_level_and_sector")
    rows = frame[(frame["level"] == LEVEL) & (frame["sector"] == SECTOR)]
    return int(rows["actors"].sum()) if len(rows) else 0


def hub_partners(store: GraphStore) -> int:
    """Links to the hub, from the named question ``partners_of_actor``."""
    return len(store.ask("partners_of_actor", {"actor_id": HUB}))


def check_graph_file(path: Path) -> str | None:
    """None when ``path`` holds a whole graph whose writes are complete, else what is wrong."""
    payload = json.loads(path.read_text(encoding="utf-8"))  # raises on a torn file
    actors = sum(1 for n in payload["nodes"] if n.get("sector") == SECTOR)
    links = sum(1 for r in payload["relationships"] if r["end"] == f"Actor:{HUB}")
    if actors != links or actors % PAIR:
        return f"graph.json holds {actors} written actors but {links} links"
    return None


@dataclass
class Outcome:
    """What one run of the workload saw."""

    backend: str
    seconds: float
    readers: int
    writes: int = 0
    reads: int = 0
    file_reads: int = 0
    errors: list[str] = field(default_factory=list)
    inconsistent: list[str] = field(default_factory=list)
    read_ms: list[float] = field(default_factory=list, repr=False)
    write_ms: list[float] = field(default_factory=list, repr=False)
    final: dict[str, int] = field(default_factory=dict)
    expected: dict[str, int] = field(default_factory=dict)

    @property
    def exact(self) -> bool:
        return self.final == self.expected

    def summary(self) -> dict[str, Any]:
        """JSON-ready numbers (latencies as median and p95 in ms)."""
        data = asdict(self)
        for key in ("read_ms", "write_ms"):
            values = sorted(data.pop(key))
            data[key.replace("_ms", "_median_ms")] = (
                round(statistics.median(values), 2) if values else None
            )
            data[key.replace("_ms", "_p95_ms")] = (
                round(values[int(0.95 * (len(values) - 1))], 2) if values else None
            )
        data["errors"] = self.errors[:10]
        data["error_count"] = len(self.errors)
        data["inconsistent"] = self.inconsistent[:10]
        data["inconsistent_count"] = len(self.inconsistent)
        data["exact"] = self.exact
        data["reads_per_s"] = round(self.reads / self.seconds, 1)
        data["writes_per_s"] = round(self.writes / self.seconds, 2)
        return data


def _other_questions() -> list[tuple[str, dict[str, Any]]]:
    return [
        ("interventions_by_kind", {}),
        ("who_funds_what", {}),
        ("target_groups_without_intervention", {}),
    ]


def run_workload(
    store: GraphStore,
    *,
    seconds: float,
    readers: int = READERS,
    graph_file: Path | None = None,
    min_writes: int = 0,
) -> Outcome:
    """Seed the hub, run ``readers`` reader threads and one writer for ``seconds``, check.

    ``store`` must be empty. ``graph_file`` (the memory store's ``graph.json``) adds a
    thread that parses the file over and over. ``min_writes`` keeps the writer going past
    ``seconds`` until it has imported that many file pairs (on a busy machine).
    """
    store.apply([hub_record()], [])
    outcome = Outcome(getattr(store, "backend", "?"), seconds, readers)
    stop = threading.Event()
    lock = threading.Lock()

    def record(kind: str, text: str) -> None:
        with lock:
            (outcome.errors if kind == "error" else outcome.inconsistent).append(text)

    def timed(list_: list[float], fn: Callable[..., Any], *args: Any) -> Any:
        started = time.perf_counter()
        value = fn(*args)
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            list_.append(elapsed)
        return value

    def reader(number: int) -> None:
        others = _other_questions()
        turn = number
        while not stop.is_set():
            try:
                n1 = timed(outcome.read_ms, written_actors, store)
                links = timed(outcome.read_ms, hub_partners, store)
                n2 = timed(outcome.read_ms, written_actors, store)
                name, params = others[turn % len(others)]
                timed(outcome.read_ms, store.ask, name, params)
                turn += 1
                with lock:
                    outcome.reads += 4
                if not (n1 <= links <= n2) or n1 % PAIR or links % PAIR or n2 % PAIR:
                    record("inconsistent", f"reader {number}: actors {n1}, links {links}, {n2}")
            except Exception as exc:  # every failure counts; the run goes on
                record("error", f"reader {number}: {type(exc).__name__}: {exc}")

    def file_reader() -> None:
        while not stop.is_set():
            try:
                problem = check_graph_file(graph_file) if graph_file.exists() else None
                with lock:
                    outcome.file_reads += 1
                if problem:
                    record("inconsistent", problem)
            except Exception as exc:
                record("error", f"file reader: {type(exc).__name__}: {exc}")

    def writer() -> None:
        deadline = time.monotonic() + seconds
        n = 0
        while time.monotonic() < deadline or n < min_writes:
            try:
                report = timed(outcome.write_ms, apply_import, import_files(n), store)
                if not (report.ok and report.applied):
                    record("error", f"writer: import {n} not applied: {report.text()[:300]}")
                    break
                with lock:
                    outcome.writes += 1
                n += 1
            except Exception as exc:
                record("error", f"writer: {type(exc).__name__}: {exc}")
                traceback.print_exc()
                break
        stop.set()

    threads = [threading.Thread(target=reader, args=(i,), daemon=True) for i in range(readers)]
    if graph_file is not None:
        threads.append(threading.Thread(target=file_reader, daemon=True))
    write_thread = threading.Thread(target=writer, daemon=True)
    started = time.perf_counter()
    for thread in [*threads, write_thread]:
        thread.start()
    write_thread.join()
    for thread in threads:
        thread.join(timeout=120)
    outcome.seconds = round(time.perf_counter() - started, 2)
    outcome.final = {"actors": written_actors(store), "links": hub_partners(store)}
    outcome.expected = {"actors": PAIR * outcome.writes, "links": PAIR * outcome.writes}
    if graph_file is not None and (problem := check_graph_file(graph_file)):
        outcome.inconsistent.append(f"at the end: {problem}")
    return outcome


# -- the benchmark -------------------------------------------------------------------


def _memory_outcome(seconds: float) -> Outcome:
    from graph.memory_store import MemoryStore

    folder = Path(tempfile.mkdtemp(prefix="jejaring-bench-conc-"))
    try:
        store = MemoryStore.in_workspace(folder)
        return run_workload(store, seconds=seconds, graph_file=store.path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _neo4j_outcome(seconds: float) -> Outcome:
    from neo4j import GraphDatabase

    from bench.bench_neo4j import local_server
    from graph.neo4j.store import Neo4jStore

    with local_server() as server:
        driver = GraphDatabase.driver(server.bolt_uri, auth=server.auth)
        store = Neo4jStore(driver, uri=server.bolt_uri)
        try:
            store.clear()
            return run_workload(store, seconds=seconds)
        finally:
            driver.close()


def print_side_by_side(results: dict[str, dict[str, Any]]) -> None:
    """One column per store, then the ratios."""
    names = list(results)
    rows = [
        ("seconds", "seconds"),
        ("writes (file pairs)", "writes"),
        ("writes per s", "writes_per_s"),
        ("reads (questions)", "reads"),
        ("reads per s", "reads_per_s"),
        ("read median ms", "read_median_ms"),
        ("read p95 ms", "read_p95_ms"),
        ("write median ms", "write_median_ms"),
        ("write p95 ms", "write_p95_ms"),
        ("graph.json parses", "file_reads"),
        ("errors", "error_count"),
        ("inconsistent reads", "inconsistent_count"),
        ("final counts exact", "exact"),
    ]
    print(f"{'':24}" + "".join(f"{n:>14}" for n in names))
    for title, key in rows:
        print(f"{title:24}" + "".join(f"{str(results[n].get(key)):>14}" for n in names))
    if {"memory", "neo4j"} <= set(results):
        mem, neo = results["memory"], results["neo4j"]
        for key in ("reads_per_s", "writes_per_s"):
            if neo[key]:
                print(f"ratio memory/neo4j {key}: {mem[key] / neo[key]:.2f}x")
    for n in names:
        for line in results[n]["errors"] + results[n]["inconsistent"]:
            print(f"  {n}: {line}")


def run(quick: bool = False, backends: Sequence[str] = ("memory", "neo4j")) -> dict[str, Any]:
    """Run the workload on each store for 60 s (``quick``: 8 s); print and save the results."""
    seconds = QUICK_SECONDS if quick else FULL_SECONDS
    # the questions name labels an almost empty graph lacks: the server's warnings are noise
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    started = time.perf_counter()
    results: dict[str, Any] = {
        "benchmark": "concurrency",
        "mode": "quick" if quick else "full",
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "readers": READERS,
        "pair": PAIR,
    }
    outcomes: dict[str, dict[str, Any]] = {}
    for backend in backends:
        print(f"{backend}: {READERS} readers and 1 writer for {seconds:g} s ...", flush=True)
        outcome = _memory_outcome(seconds) if backend == "memory" else _neo4j_outcome(seconds)
        outcomes[backend] = outcome.summary()
    results["stores"] = outcomes
    print_side_by_side(outcomes)
    ok = all(
        o["error_count"] == 0 and o["inconsistent_count"] == 0 and o["exact"]
        for o in outcomes.values()
    )
    print(f"target (zero errors, consistent reads, exact counts): {'PASS' if ok else 'FAIL'}")
    results["pass"] = ok
    results["wall_seconds"] = round(time.perf_counter() - started, 1)
    path = RESULTS_DIR / ("concurrency-quick.json" if quick else "concurrency.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"results in {path.relative_to(PROJECT_ROOT)}")
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``bench_concurrency.py [--quick] [--backend memory|neo4j ...]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_SECONDS:g} s per store")
    parser.add_argument("--backend", action="append", choices=("memory", "neo4j"))
    args = parser.parse_args(argv)
    run(quick=args.quick, backends=args.backend or ("memory", "neo4j"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
