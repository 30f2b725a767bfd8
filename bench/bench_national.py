"""Benchmarks at national scale: the synthetic network and the Kemendagri place file.

1. Generation: time to produce every record of a synthetic network of N villages
   (``loaders.synth.generate``; quick N = 1,000, full N = 17,000), records per second.
2. Loading into Neo4j with ``loaders.synth.load`` (chunks of 100,000 records through the
   store's batched ``UNWIND`` upserts, 5,000 rows a batch): first, side by side on a
   smaller network (50 villages quick, 1,000 full) in an emptied database after a warm-up,
   batches of 5,000 vs the store's default 500 (alternating, twice each in the full run,
   the faster of each counting), and Neo4j vs the embedded (memory) store; a second load of
   the same network must leave the same counts (idempotence). Then the N
   villages: nodes/s and relationships/s (full target: at most 10 minutes). On that
   loaded server, the drill-down page (``ui/national.py`` by AppTest, the app on the Neo4j
   backend): reading the whole graph out of the server, the kabupaten and village views
   cold and warm (target for the warm village view: at most 300 ms).
3. A place file of national size (91,599 rows; 30,000 with ``--quick``; the columns of the
   Kemendagri file; codes of
   provinces 01-09, which Kemendagri does not use, and names marked "Sintetis") written to a
   temporary folder, then read two ways side by side: streamed by ``loaders.places``
   (``import_places`` into a store that only counts) and read whole with pandas then turned
   into the same records. Time (without tracing) and peak Python memory (``tracemalloc``,
   a separate run) of each, and their ratios.

The server is the project's local Neo4j (``neo4j_local.manager``) in a temporary home on a
free port with plugins off, stopped in a ``finally``. Results go to
``bench/results/national.json`` (``national-quick.json`` for ``--quick``). A missed target
prints FAIL; it does not change the exit status.

Run: ``.venv/bin/python bench/run.py national [--quick]`` or
``.venv/bin/python bench/bench_national.py [--quick]``.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gc
import json
import os
import platform
import shutil
import socket
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:  # run as a script: make the project importable
    sys.path.insert(0, str(PROJECT_ROOT))

from graph.memory_store import MemoryStore  # noqa: E402
from loaders.places import (  # noqa: E402
    PlaceRow,
    import_places,
    place_record,
)
from loaders.progress import ProgressBar  # noqa: E402
from loaders.synth import LOAD_BATCH_SIZE, generate, load  # noqa: E402

RESULTS_DIR = PROJECT_ROOT / "bench" / "results"
QUICK = {
    "villages": 1000,
    "compare_villages": 50,
    "place_rows": 30_000,
    "warmups": 1,
    "repeats": 1,
}
FULL = {
    "villages": 17_000,
    "compare_villages": 1000,
    "place_rows": 91_599,
    "warmups": 2,
    "repeats": 2,
}
SMALL_BATCH = 500  # the store's own default batch size (JEJARING_BATCH_SIZE)
LOAD_TARGET_S = 600.0
SERVER_TIMEOUT = 300
SEED = 2024

# national proportions: 38 provinces, 514 kabupaten/kota, 7,277 kecamatan, 83,770 desa
NATIONAL_SHAPE = {"provinces": 9, "kabupaten": 514, "kecamatan": 7277}


# ----------------------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port on 127.0.0.1 that no program listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def local_store() -> Iterator[tuple[Any, Any]]:
    """A Neo4jStore on a fresh local server (temporary home, no plugins) and the server's
    connection details, stopped after."""
    from neo4j import GraphDatabase

    from graph.neo4j.store import Neo4jStore
    from neo4j_local import manager

    os.environ["JEJARING_NEO4J_PLUGINS"] = "none"
    home = Path(tempfile.mkdtemp(prefix="jejaring-bench-national-"))
    try:
        info = manager.start(port=free_port(), timeout=SERVER_TIMEOUT, home=home)
        driver = GraphDatabase.driver(info.bolt_uri, auth=info.auth)
        store = Neo4jStore(driver, database="neo4j", batch_size=500)
        try:
            yield store, info
        finally:
            store.close()
    finally:
        try:
            manager.stop(home=home)
        finally:
            shutil.rmtree(home, ignore_errors=True)


def _total(counts: dict[str, dict[str, int]]) -> tuple[int, int]:
    return sum(counts["nodes"].values()), sum(counts["relationships"].values())


def _rate(n: int, seconds: float) -> float:
    return n / seconds if seconds > 0 else float("inf")


class CountingStore:
    """A store that only counts what it is given (to time reading, not writing)."""

    backend = "counting"
    whole_graph_writes = False  # loads stream in chunks, as into Neo4j

    def __init__(self) -> None:
        self.nodes_written = 0
        self.rels_written = 0

    def upsert_nodes(self, records: Any, *, batch_size: int | None = None) -> int:
        n = sum(1 for _ in records)
        self.nodes_written += n
        return n

    def upsert_relationships(self, records: Any, *, batch_size: int | None = None) -> int:
        n = sum(1 for _ in records)
        self.rels_written += n
        return n

    def nodes(self, label: str | None = None) -> list[dict[str, Any]]:
        return []


# ----------------------------------------------------------------------------------------
# 1 + 2: synthetic network
# ----------------------------------------------------------------------------------------


def bench_generation(villages: int) -> dict[str, Any]:
    started = time.perf_counter()
    net = generate(villages, SEED)
    nodes = rels = 0
    for ns, rs in net.units():
        nodes += len(ns)
        rels += len(rs)
    seconds = time.perf_counter() - started
    return {
        "villages": net.villages,
        "nodes": nodes,
        "relationships": rels,
        "seconds": round(seconds, 3),
        "records_per_s": round(_rate(nodes + rels, seconds)),
    }


def _timed_load(
    store: Any, villages: int, batch_size: int | None, *, bar: bool = False
) -> dict[str, Any]:
    net = generate(villages, SEED)
    if bar:
        with ProgressBar(net.villages, f"load -> {store.backend}", unit="villages") as progress:
            result = load(net, store, batch_size=batch_size, progress=progress.update)
    else:
        result = load(net, store, batch_size=batch_size)
    nodes, rels = _total(store.counts())
    return {
        "villages": villages,
        "batch_size": batch_size,
        "seconds": round(result.seconds, 2),
        "nodes": nodes,
        "relationships": rels,
        "nodes_per_s": round(_rate(result.nodes, result.seconds)),
        "relationships_per_s": round(_rate(result.relationships, result.seconds)),
        "records_per_s": round(_rate(result.nodes + result.relationships, result.seconds)),
    }


def bench_neo4j_loads(sizes: dict[str, int]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with local_store() as (store, server):
        store.clear()
        store.ensure_constraints()
        # warm-up (query plans, the server's JIT): a network of the comparison's size with
        # another seed, loaded ("warmups" times) and removed, not counted
        small = sizes["compare_villages"]
        for _ in range(sizes["warmups"]):
            load(generate(small, SEED + 1), store)
        store.clear()
        # side by side on the smaller network, each in an emptied database, the two batch
        # sizes alternating (500, 5000, 500, 5000) and the faster of each pair counting, so
        # that neither gains from running later
        runs: dict[int, list[dict[str, Any]]] = {LOAD_BATCH_SIZE: [], SMALL_BATCH: []}
        for _ in range(sizes["repeats"]):
            for size in (SMALL_BATCH, LOAD_BATCH_SIZE):
                store.clear()
                runs[size].append(_timed_load(store, small, size))
        small_batch = min(runs[SMALL_BATCH], key=lambda r: r["seconds"])
        big_batch = min(runs[LOAD_BATCH_SIZE], key=lambda r: r["seconds"])
        # the same network again over itself: same counts
        reload = _timed_load(store, small, LOAD_BATCH_SIZE)
        store.clear()
        memory = _timed_load(MemoryStore(None), small, None)
        out["compare"] = {
            "neo4j_batch_5000": big_batch,
            "neo4j_batch_5000_again": reload,
            "neo4j_runs_s": {str(k): [r["seconds"] for r in v] for k, v in runs.items()},
            "neo4j_batch_500": small_batch,
            "memory": memory,
            "idempotent": (reload["nodes"], reload["relationships"])
            == (big_batch["nodes"], big_batch["relationships"])
            == (memory["nodes"], memory["relationships"]),
            "batch_5000_vs_500_speedup": round(small_batch["seconds"] / big_batch["seconds"], 2),
            "memory_vs_neo4j_speedup": round(big_batch["seconds"] / memory["seconds"], 2),
        }
        # the national-size load
        store.clear()
        main = _timed_load(store, sizes["villages"], LOAD_BATCH_SIZE, bar=True)
        main["target_s"] = LOAD_TARGET_S
        main["meets_target"] = main["seconds"] <= LOAD_TARGET_S
        out["load"] = main
        out["page"] = bench_page_on_neo4j(store, server)
    return out  # the server and its files are removed on leaving; no need to clear


def bench_page_on_neo4j(store: Any, server: Any) -> dict[str, Any]:
    """The drill-down page served from the loaded Neo4j: reading the whole graph out of the
    server (what a cold page does first), then the page's kabupaten and village views,
    cold and warm, as ``bench_scale`` measures them on the embedded store."""
    from bench.bench_scale import bench_page
    from queries.national import build_index

    started = time.perf_counter()
    graph = store.frozen_graph()
    read_s = time.perf_counter() - started
    index = build_index(graph)
    del graph
    backend = {
        "JEJARING_BACKEND": "neo4j",
        "NEO4J_URI": server.bolt_uri,
        "NEO4J_USER": server.user,
        "NEO4J_PASSWORD": server.password,
        "NEO4J_DATABASE": "neo4j",
    }
    page = bench_page(backend, index, int(os.environ.get("JEJARING_NODE_CAP") or 1500))
    page["read_graph_s"] = read_s
    return page


# ----------------------------------------------------------------------------------------
# 3: places file
# ----------------------------------------------------------------------------------------


def write_national_place_file(path: Path, rows: int = 91_599) -> dict[str, int]:
    """A synthetic place file in the Kemendagri columns with ``rows`` rows: 9 provinces
    (codes 01-09, unused by Kemendagri), 514 kabupaten/kota, 7,277 kecamatan and the rest
    desa/kelurahan spread evenly. Names say "Sintetis"."""
    n_prov, n_kab, n_kec = (NATIONAL_SHAPE[k] for k in ("provinces", "kabupaten", "kecamatan"))
    n_desa = rows - n_prov - n_kab - n_kec
    if n_desa < n_kec:
        raise ValueError(f"{rows} rows are too few for the national shape")
    counts = {"province": 0, "kabupaten": 0, "kecamatan": 0, "desa": 0}
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["kode", "kode_nodot", "nama", "level", "level_name", "jenis", "parent_kode"])
        kec_done = desa_done = kab_done = 0
        for p in range(1, n_prov + 1):
            pcode = f"{p:02d}"
            w.writerow([pcode, pcode, f"Provinsi Sintetis {p}", 1, "provinsi", "", ""])
            counts["province"] += 1
            kabs = n_kab // n_prov + (1 if p <= n_kab % n_prov else 0)
            for k in range(1, kabs + 1):
                kab_done += 1
                kota = k % 6 == 0
                kcode = f"{pcode}.{k:02d}"
                kind = "kota" if kota else "kabupaten"
                w.writerow(
                    [
                        kcode,
                        kcode.replace(".", ""),
                        f"{kind.title()} Sintetis {kab_done}",
                        2,
                        "kabupaten_kota",
                        kind,
                        pcode,
                    ]
                )
                counts["kabupaten"] += 1
                kecs = n_kec * kab_done // n_kab - kec_done
                for c in range(1, kecs + 1):
                    kec_done += 1
                    ccode = f"{kcode}.{c:02d}"
                    w.writerow(
                        [
                            ccode,
                            ccode.replace(".", ""),
                            f"Sintetis {kec_done}",
                            3,
                            "kecamatan",
                            "",
                            kcode,
                        ]
                    )
                    counts["kecamatan"] += 1
                    desas = n_desa * kec_done // n_kec - desa_done
                    for d in range(1, desas + 1):
                        desa_done += 1
                        jenis = "kelurahan" if kota else "desa"
                        dcode = f"{ccode}.{(1000 if kota else 2000) + d}"
                        w.writerow(
                            [
                                dcode,
                                dcode.replace(".", ""),
                                f"Sintetis {desa_done}",
                                4,
                                "desa_kelurahan",
                                jenis,
                                ccode,
                            ]
                        )
                        counts["desa"] += 1
    return counts


def read_streaming(path: Path) -> int:
    """The project's way: stream, check and batch the rows (records go to a counting store)."""
    store = CountingStore()
    report = import_places(path, store)
    return report.rows


def read_with_pandas(path: Path) -> int:
    """Read the whole file with pandas, then make the same records."""
    import pandas as pd

    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    records = []
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        level = int(row.level)
        place_level = {1: "province", 3: "kecamatan"}.get(level) or (
            row.jenis if row.jenis else ("kabupaten" if level == 2 else "desa")
        )
        records.append(
            place_record(
                PlaceRow(i, row.kode, row.nama, level, place_level, row.parent_kode),
                file_name=path.name,
            )
        )
    return len(records)


def _measure(func: Callable[[Path], int], path: Path) -> dict[str, Any]:
    gc.collect()
    started = time.perf_counter()
    rows = func(path)
    seconds = time.perf_counter() - started
    gc.collect()
    tracemalloc.start()
    try:
        func(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return {"rows": rows, "seconds": round(seconds, 3), "peak_mib": round(peak / 2**20, 1)}


def bench_places(rows: int) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="jejaring-bench-places-"))
    try:
        path = folder / "sintetis_kemendagri_wilayah_nasional.csv"
        shape = write_national_place_file(path, rows)
        streaming = _measure(read_streaming, path)
        whole = _measure(read_with_pandas, path)
        return {
            "file_rows": rows,
            "shape": shape,
            "file_mib": round(path.stat().st_size / 2**20, 2),
            "streaming": streaming,
            "pandas_whole": whole,
            "memory_ratio_pandas_over_streaming": round(
                whole["peak_mib"] / max(streaming["peak_mib"], 0.01), 1
            ),
            "time_ratio_pandas_over_streaming": round(
                whole["seconds"] / max(streaming["seconds"], 1e-6), 2
            ),
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# ----------------------------------------------------------------------------------------
# report
# ----------------------------------------------------------------------------------------


def _print_table(result: dict[str, Any]) -> None:
    gen = result["generation"]
    print(
        f"generation  {gen['villages']:>6} villages: {gen['nodes']:,} nodes, "
        f"{gen['relationships']:,} relationships in {gen['seconds']:.2f} s "
        f"({gen['records_per_s']:,} records/s)"
    )
    neo = result.get("neo4j")
    if neo:
        c = neo["compare"]
        print(f"\nload of {c['memory']['villages']} villages, side by side")
        print(f"  {'store':<22} {'s':>8} {'nodes/s':>10} {'rels/s':>10} {'nodes':>9} {'rels':>9}")
        for key in ("neo4j_batch_5000", "neo4j_batch_5000_again", "neo4j_batch_500", "memory"):
            r = c[key]
            print(
                f"  {key:<22} {r['seconds']:>8.2f} {r['nodes_per_s']:>10,} "
                f"{r['relationships_per_s']:>10,} {r['nodes']:>9,} {r['relationships']:>9,}"
            )
        print(
            f"  batch 5000 vs 500: {c['batch_5000_vs_500_speedup']}x faster; memory vs Neo4j: "
            f"{c['memory_vs_neo4j_speedup']}x; same counts on reload and in both stores: "
            f"{'PASS' if c['idempotent'] else 'FAIL'}"
        )
        m = neo["load"]
        print(
            f"\nload of {m['villages']} villages into Neo4j (batch {LOAD_BATCH_SIZE}): "
            f"{m['seconds']:.1f} s, "
            f"{m['nodes']:,} nodes ({m['nodes_per_s']:,}/s), {m['relationships']:,} "
            f"relationships ({m['relationships_per_s']:,}/s) - target <= {m['target_s']:.0f} s: "
            f"{'PASS' if m['meets_target'] else 'FAIL'}"
        )
        p = neo["page"]
        print(
            f"\ndrill-down page on Neo4j (AppTest, cap {p['cap']}): reading the whole graph "
            f"out of the server {p['read_graph_s']:.1f} s; kabupaten view cold "
            f"{p['kabupaten_view_cold_s']:.1f} s, warm {p['kabupaten_view_warm_s']:.3f} s "
            f"({p['kabupaten_nodes_drawn']} nodes drawn); village view first time "
            f"{p['village_view_cold_s']:.3f} s, warm {p['village_view_warm_s']:.3f} s "
            f"({p['village_nodes_drawn']} nodes drawn) - warm village <= 0.3 s: "
            f"{'PASS' if p['village_view_warm_s'] <= 0.3 else 'FAIL'}"
        )
    else:
        print(f"\nNeo4j part skipped: {result.get('neo4j_skipped')}")
    p = result["places"]
    print(f"\nplace file of {p['file_rows']:,} rows ({p['file_mib']} MiB), side by side")
    print(f"  {'reader':<14} {'s':>8} {'peak MiB':>9}")
    for key in ("streaming", "pandas_whole"):
        r = p[key]
        print(f"  {key:<14} {r['seconds']:>8.2f} {r['peak_mib']:>9.1f}")
    print(
        f"  pandas/streaming: time {p['time_ratio_pandas_over_streaming']}x, peak memory "
        f"{p['memory_ratio_pandas_over_streaming']}x"
    )


def run(quick: bool = False) -> dict[str, Any]:
    """Run the three parts; return and save the results."""
    sizes = QUICK if quick else FULL
    started = time.perf_counter()
    result: dict[str, Any] = {
        "benchmark": "national",
        "quick": quick,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "load_avg": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(),
        },
        "sizes": sizes,
        "seed": SEED,
    }
    result["generation"] = bench_generation(sizes["villages"])
    result["places"] = bench_places(sizes["place_rows"])
    from neo4j_local import manager

    try:
        manager.ensure_jars()
    except manager.PrerequisiteError as exc:
        result["neo4j_skipped"] = f"local Neo4j unavailable: {exc}; run `make neo4j-jars`"
    else:
        result["neo4j"] = bench_neo4j_loads(sizes)
    result["seconds"] = round(time.perf_counter() - started, 1)
    _print_table(result)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"national{'-quick' if quick else ''}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwrote {out.relative_to(PROJECT_ROOT)} ({result['seconds']} s)")
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke-test sizes")
    run(quick=parser.parse_args().quick)
