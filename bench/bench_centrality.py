"""Benchmark of the centrality functions on a synthetic national collaboration network.

1. A seeded synthetic network of 50,000 actors shaped like the real thing: villages of about
   twenty actors (village head, posyandu, cadres, religious leaders, ...) tied densely
   inside, grouped in kecamatan whose offices (camat, puskesmas, KUA, PLKB) reach every
   village, kabupaten offices as hubs over their kecamatan, a few province offices on top,
   and a sprinkling of ties between neighbouring villages. Weights 1-3 (reasons per link).
   Each metric is timed and its peak memory measured, one metric per forked child process
   so that one metric's garbage does not inflate the next one's peak. Exact betweenness and
   closeness are skipped at this size: each needs one breadth-first search per actor
   (50,000 of them in pure Python, hours), and the output says so.
2. On a 5,000-actor network of the same shape, where exact betweenness is affordable:
   sampled betweenness for several ``k`` against the exact values: top-20 overlap, Spearman
   rank correlation and time, side by side with the exact run (whose source actors are
   split over two processes: the sum of the two parts is the exact value). Exact
   closeness is timed there too, and scaled up to say what it would cost on the large
   network.

Numbers go to ``bench/results/centrality.json`` (``centrality-quick.json`` for ``--quick``,
which uses 5,000 and 1,000 actors). The whole run takes about two and a half minutes on
2 cores (the quick one a few seconds).

Run it with ``.venv/bin/python bench/bench_centrality.py [--quick]`` or through
``bench/run.py``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:  # run as a script: make the project importable
    sys.path.insert(0, str(PROJECT_ROOT))

import networkx as nx  # noqa: E402

from queries import centrality  # noqa: E402

RESULTS = PROJECT_ROOT / "bench" / "results"
VILLAGE_ROLES = (
    "kepala_desa",
    "pemerintah_desa",
    "bpd",
    "pokja_kampung_kb",
    "posyandu",
    "tokoh_agama",
    "tokoh_masyarakat",
    "tokoh_pemuda",
    "pkk",
    "bkb",
    "bkr",
    "bkl",
    "uppka",
    "pik_r",
    "kader_kb",
    "kader_posyandu",
    "kader_tpk",
    "bidan_desa",
    "karang_taruna",
    "umkm",
)
KECAMATAN_ROLES = ("camat", "puskesmas", "kua", "plkb")
KABUPATEN_ROLES = ("bappeda", "dinkes", "dp3akb", "dpmd", "baznas", "kodim")
PROVINCE_ROLES = ("bkkbn_provinsi", "dinkes_provinsi", "bappeda_provinsi")
VILLAGES_PER_KECAMATAN = 10
KECAMATAN_PER_KABUPATEN = 15


# -- the synthetic network -----------------------------------------------------------------
class _Builder:
    """Adds actors and weighted ties, stopping at exactly ``limit`` actors."""

    def __init__(self, limit: int, rng: random.Random) -> None:
        self.G = nx.Graph()
        self.limit = limit
        self.rng = rng

    def actor(self, key: str, role: str, level: str) -> str | None:
        if self.G.number_of_nodes() >= self.limit:
            return None
        self.G.add_node(key, id=key, name=key, actor_type=role, level=level, synthetic=True)
        return key

    def tie(self, a: str | None, b: str | None) -> None:
        if a is not None and b is not None and a != b:
            self.G.add_edge(a, b, weight=self.rng.choice((1, 1, 1, 2, 2, 3)))


def _village(b: _Builder, key: str) -> list[str]:
    people = [p for role in VILLAGE_ROLES if (p := b.actor(f"{key}.{role}", role, "desa"))]
    head = people[0] if people else None
    for i, a in enumerate(people):
        if i and b.rng.random() < 0.7:
            b.tie(head, a)  # the village head works with most village actors
        for c in people[i + 1 :]:
            if b.rng.random() < 0.15:
                b.tie(a, c)
    return people


def _kecamatan(b: _Builder, key: str, previous_village: list[str]) -> tuple[dict, list[str]]:
    offices = {role: b.actor(f"{key}.{role}", role, "kecamatan") for role in KECAMATAN_ROLES}
    for i, a in enumerate(KECAMATAN_ROLES):
        for c in KECAMATAN_ROLES[i + 1 :]:
            b.tie(offices[a], offices[c])
    village = previous_village
    for v in range(VILLAGES_PER_KECAMATAN):
        neighbour, village = village, _village(b, f"{key}.desa{v}")
        if len(village) < 5:
            break
        b.tie(offices["camat"], village[0])
        b.tie(offices["plkb"], village[3])
        b.tie(offices["puskesmas"], village[4])
        if b.rng.random() < 0.5:
            b.tie(offices["kua"], village[5])
        if neighbour and b.rng.random() < 0.3:  # cadres or leaders of neighbouring villages
            b.tie(b.rng.choice(village[5:]), b.rng.choice(neighbour[5:]))
    return offices, village


def synthetic_network(n_actors: int, *, seed: int = 7) -> nx.Graph:
    """A seeded collaboration network of exactly ``n_actors`` actors (see the module)."""
    b = _Builder(n_actors, random.Random(seed))
    province = [b.actor(f"prov.{role}", role, "province") for role in PROVINCE_ROLES]
    for i, a in enumerate(province):
        for c in province[i + 1 :]:
            b.tie(a, c)
    village: list[str] = []
    kab = 0
    while b.G.number_of_nodes() < n_actors:
        hubs = {role: b.actor(f"kab{kab}.{role}", role, "kabupaten") for role in KABUPATEN_ROLES}
        for i, a in enumerate(KABUPATEN_ROLES):
            for c in KABUPATEN_ROLES[i + 1 :]:
                b.tie(hubs[a], hubs[c])
        b.tie(province[0], hubs["dp3akb"])
        b.tie(province[1], hubs["dinkes"])
        b.tie(province[2], hubs["bappeda"])
        for k in range(KECAMATAN_PER_KABUPATEN):
            offices, village = _kecamatan(b, f"kab{kab}.kec{k}", village)
            b.tie(hubs["bappeda"], offices["camat"])
            b.tie(hubs["dinkes"], offices["puskesmas"])
            b.tie(hubs["dp3akb"], offices["plkb"])
            b.tie(hubs["dpmd"], offices["camat"])
            if village and b.rng.random() < 0.2:
                b.tie(hubs["baznas"], village[0])
        kab += 1
    return b.G


def _duration(seconds: float) -> str:
    """``45 s``, ``12 min`` or ``2.1 h``: an estimate in the unit a reader thinks in."""
    if seconds < 120:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.0f} min" if seconds < 7200 else f"{seconds / 3600:.1f} h"


# -- measuring one metric in a child process -----------------------------------------------------
def _status_kib(field: str) -> int | None:
    """A ``/proc/self/status`` memory field in KiB (Linux), or None elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _child(fn: Callable[[], Any], keep: bool, conn: Any) -> None:
    """Run ``fn`` and send back (seconds, peak MiB above the start, how measured, value)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")  # reset the peak (VmHWM) to the current resident size
        base, how = _status_kib("VmRSS"), "peak resident size (VmHWM) above the start"
    except OSError:
        base, how = None, "tracemalloc peak (Python allocations)"
        tracemalloc.start()
    started = time.perf_counter()
    value = fn()
    seconds = time.perf_counter() - started
    if base is not None:
        peak = ((_status_kib("VmHWM") or base) - base) / 1024
    else:
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    conn.send((seconds, peak, how, value if keep else None))
    conn.close()


def _start(fn: Callable[[], Any], keep: bool) -> tuple[Any, Any]:
    # fork: the child shares the parent's graph without copying or pickling it
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(fn, keep, send))
    proc.start()
    send.close()
    return proc, receive


def _finish(proc: Any, receive: Any) -> dict[str, Any]:
    seconds, peak, how, value = receive.recv()
    proc.join()
    return {"seconds": round(seconds, 3), "peak_mib": round(peak, 1), "memory": how, "value": value}


def measure(fn: Callable[[], Any], *, keep: bool = False) -> dict[str, Any]:
    """Time ``fn`` and its peak memory in a forked child; ``keep`` returns its value too."""
    return _finish(*_start(fn, keep))


def measure_parallel(fns: list[Callable[[], Any]]) -> list[dict[str, Any]]:
    """Run several functions at once, one child each (the machine has 2 cores)."""
    started = [_start(fn, True) for fn in fns]
    return [_finish(proc, receive) for proc, receive in started]


# -- part 1: every metric on the large network -----------------------------------------------------
def _large_metrics(G: nx.Graph, k: int) -> list[tuple[str, Callable[[], Any]]]:
    return [
        ("degree", lambda: centrality.degree(G)),
        ("weighted_degree", lambda: centrality.weighted_degree(G)),
        ("pagerank", lambda: centrality.pagerank(G)),
        ("eigenvector", lambda: centrality.eigenvector(G)),
        ("core_number", lambda: centrality.core_number(G)),
        ("constraint", lambda: centrality.constraint(G)),
        ("effective_size", lambda: centrality.effective_size(G)),
        ("cut_off (articulation points)", lambda: centrality.cut_off(G)),
        ("communities (Louvain)", lambda: centrality.community_of(G, seed=7)),
        (f"betweenness sampled k={k}", lambda: centrality.betweenness(G, exact_max=0, k=k, seed=7)),
    ]


def bench_large(n: int, k: int) -> dict[str, Any]:
    """Time and memory of every metric on ``n`` actors; estimates for the skipped ones."""
    G = synthetic_network(n, seed=7)
    print(
        f"network: {n:,} actors, {G.number_of_edges():,} links, "
        f"{nx.number_connected_components(G):,} components",
        flush=True,
    )
    rows = []
    for name, fn in _large_metrics(G, k):
        found = measure(fn)
        rows.append(
            {
                "metric": name,
                "seconds": found["seconds"],
                "peak_mib": found["peak_mib"],
                "memory": found["memory"],
            }
        )
        print(f"  {name:<34} {found['seconds']:>8.2f} s {found['peak_mib']:>8.1f} MiB", flush=True)
    per_source = rows[-1]["seconds"] / k  # one breadth-first search with accumulation
    skipped = [
        {
            "metric": "betweenness exact",
            "reason": "one search per actor",
            "estimated_seconds": round(per_source * n),
        }
    ]
    print(
        f"  {'betweenness exact':<34} skipped: one search per actor; about "
        f"{_duration(per_source * n)} at this size ({k} searches took "
        f"{rows[-1]['seconds']:.1f} s)",
        flush=True,
    )
    return {
        "actors": n,
        "links": G.number_of_edges(),
        "components": nx.number_connected_components(G),
        "metrics": rows,
        "skipped": skipped,
    }


# -- part 2: sampled against exact betweenness -----------------------------------------------------
def _top(scores: dict[Any, float], size: int = 20) -> set[Any]:
    return set(sorted(scores, key=lambda v: (-scores[v], str(v)))[:size])


def _exact_betweenness(G: nx.Graph, processes: int = 2) -> tuple[dict[Any, float], list[dict]]:
    """Exact normalised betweenness, the sources split over ``processes`` children.

    Betweenness is a sum over source actors, so the parts add up to the exact value
    (``betweenness_centrality_subset`` with every actor as target, raw pair counts).
    """
    nodes = list(G)
    chunks = [nodes[i::processes] for i in range(processes)]
    parts = measure_parallel(
        [
            (
                lambda c=c: nx.betweenness_centrality_subset(
                    G, sources=c, targets=nodes, normalized=False
                )
            )
            for c in chunks
        ]
    )
    n = len(nodes)
    pairs = (n - 1) * (n - 2) / 2
    exact = {v: sum(p["value"][v] for p in parts) / pairs for v in nodes}
    return exact, parts


def bench_sampling(n: int, ks: tuple[int, ...]) -> dict[str, Any]:
    """Sampled betweenness for each k against the exact values on ``n`` actors."""
    G = synthetic_network(n, seed=7)
    print(f"network: {n:,} actors, {G.number_of_edges():,} links", flush=True)
    exact, parts = _exact_betweenness(G)
    wall = max(p["seconds"] for p in parts)
    cpu = sum(p["seconds"] for p in parts)
    print(
        f"  exact betweenness: {wall:.1f} s wall on {len(parts)} processes, "
        f"{cpu:.1f} s of computing",
        flush=True,
    )
    top_exact = _top(exact)
    rows = []
    print(
        f"  {'k':>6} {'seconds':>8} {'vs exact':>9} {'top-20':>7} {'spearman':>9} {'max diff':>9}",
        flush=True,
    )
    for k in ks:
        found = measure(lambda k=k: centrality.betweenness(G, exact_max=0, k=k, seed=7), keep=True)
        sampled = found["value"]
        row = {
            "k": k,
            "seconds": found["seconds"],
            "peak_mib": found["peak_mib"],
            "speedup_vs_exact": round(cpu / found["seconds"], 1),
            "top20_overlap": len(_top(sampled) & top_exact) / 20,
            "spearman": round(centrality.rank_correlation(sampled, exact), 4),
            "max_abs_diff": round(max(abs(sampled[v] - exact[v]) for v in G), 5),
        }
        rows.append(row)
        print(
            f"  {k:>6} {row['seconds']:>8.2f} {row['speedup_vs_exact']:>8.1f}x "
            f"{row['top20_overlap']:>7.2f} {row['spearman']:>9.4f} {row['max_abs_diff']:>9.5f}",
            flush=True,
        )
    close = measure(lambda: centrality.closeness(G))
    print(f"  exact closeness: {close['seconds']:.1f} s", flush=True)
    return {
        "actors": n,
        "links": G.number_of_edges(),
        "exact": {
            "wall_seconds": round(wall, 3),
            "compute_seconds": round(cpu, 3),
            "processes": len(parts),
            "peak_mib": max(p["peak_mib"] for p in parts),
        },
        "sampled": rows,
        "closeness_seconds": close["seconds"],
    }


# -- the run ---------------------------------------------------------------------------------------
def run(*, quick: bool = False) -> dict[str, Any]:
    """Both parts; prints as it goes, writes the JSON and returns what it wrote."""
    large_n, small_n = (5_000, 1_000) if quick else (50_000, 5_000)
    large_k = 20 if quick else 256
    ks = (25, 50, 100, 200) if quick else (50, 100, 200, 500, 1000)
    started = time.perf_counter()
    print("part 1: every metric on the large network (each in its own process)", flush=True)
    large = bench_large(large_n, large_k)
    print("part 2: sampled against exact betweenness", flush=True)
    sampling = bench_sampling(small_n, ks)
    # closeness costs one search per actor over the whole network: n * links
    scale = (large["actors"] * large["links"]) / (sampling["actors"] * sampling["links"])
    estimate = sampling["closeness_seconds"] * scale
    large["skipped"].append(
        {
            "metric": "closeness",
            "reason": "one search per actor",
            "estimated_seconds": round(estimate),
        }
    )
    print(
        f"closeness skipped at {large_n:,} actors: {sampling['closeness_seconds']:.1f} s at "
        f"{small_n:,} actors scales to about {_duration(estimate)}",
        flush=True,
    )
    result = {
        "benchmark": "centrality",
        "quick": quick,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "networkx": nx.__version__,
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "seed": 7,
        "large": large,
        "sampling": sampling,
        "wall_seconds": round(time.perf_counter() - started, 1),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / ("centrality-quick.json" if quick else "centrality.json")
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(
        f"centrality benchmark: {result['wall_seconds']:.0f} s; wrote {out.relative_to(PROJECT_ROOT)}",
        flush=True,
    )
    return result


def main(argv: list[str] | None = None) -> int:
    """Command line: ``bench_centrality.py [--quick]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="5,000 and 1,000 actors instead of 50,000 and 5,000"
    )
    run(quick=parser.parse_args(argv).quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
