"""Benchmark of the national-scale analyses and the drill-down page on a synthetic nation.

The network is ``loaders.synth.generate(villages, seed=7)`` (17,000 villages, about half a
million nodes; ``--quick``: 1,000), held in the embedded store. Measured side by side in
one run, with a target per line:

1. PageRank over the national collaboration network: the sparse-matrix power iteration
   (``queries.national.pagerank_sparse``) beside the project's numpy one
   (``queries.centrality.pagerank`` on the same network as NetworkX); target at most 30 s.
   Building the sparse network itself (``build_index``) is timed on its own line.
2. Exact betweenness inside every village's actor network, all villages
   (``village_betweenness``, NetworkX per village); target at most 120 s.
3. Sampled betweenness of the whole nation (k = 32 pivots, ``betweenness_sparse``), and on
   a subsample (the actors of the largest kabupaten, grown to about 3,000 actors) sampled
   against exact: time ratio, Spearman rank correlation and top-20 overlap; NetworkX's own
   sampled estimator on the subsample beside it for the time ratio.
4. The drill-down page (``ui/national.py``, run by Streamlit's AppTest): a kabupaten view
   and a village view, cold (caches cleared: the store is read, indexed and drawn) and warm
   (a rerun of the same view); target for the warm village view at most 300 ms. The node
   count drawn is checked against the cap on both.

Prints a table, writes ``bench/results/scale.json`` (``scale-quick.json`` for ``--quick``).
Run with ``.venv/bin/python bench/bench_scale.py [--quick]`` or ``bench/run.py scale``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:  # run as a script: make the project importable
    sys.path.insert(0, str(PROJECT_ROOT))

import numpy as np  # noqa: E402

from drawing.national import build_place_view  # noqa: E402
from graph.memory_store import MemoryStore  # noqa: E402
from loaders.synth import generate  # noqa: E402
from loaders.synth import load as synth_load  # noqa: E402
from queries import national  # noqa: E402
from queries.centrality import pagerank, rank_correlation  # noqa: E402

RESULTS = PROJECT_ROOT / "bench" / "results"
PAGE = str(PROJECT_ROOT / "ui" / "national.py")
SAMPLED_K = 32
SWEEP_K = (32, 128, 512)  # pivots tried on the subsample
SUBSAMPLE_ACTORS = 3000
TARGETS = {
    "pagerank_s": 30.0,
    "village_betweenness_s": 120.0,
    "village_view_warm_s": 0.3,
}


def _timed(fn, *args, **kwargs) -> tuple[Any, float]:
    started = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - started


def _subsample(index: national.NationalIndex, size: int) -> list[int]:
    """Actor rows of whole kabupaten, largest first, until about ``size`` actors."""
    kabupaten = sorted(
        (p for p in index.places if index.level(p) in ("kabupaten", "kota")),
        key=lambda p: (-index.totals(p)[1], p),
    )
    rows = {p: i for i, p in enumerate(index.places)}
    under = np.full(len(index.places), -1)
    chosen: set[int] = set()
    for kab in kabupaten:
        for p in index.places:
            if kab in index.chain(p):
                under[rows[p]] = 1
        chosen = set(np.flatnonzero((index.home >= 0) & (under[np.maximum(index.home, 0)] == 1)))
        if len(chosen) >= size:
            break
    return sorted(int(i) for i in chosen)


def bench_analyses(G, index: national.NationalIndex) -> dict[str, Any]:
    proj = index.projection
    out: dict[str, Any] = {"actors": len(proj.actors), "links": len(proj.rows)}
    scores, out["pagerank_s"] = _timed(national.pagerank_sparse, proj)
    P, out["to_networkx_s"] = _timed(proj.to_networkx)
    reference, out["pagerank_numpy_s"] = _timed(pagerank, P)
    out["pagerank_max_difference"] = max(abs(reference[a] - scores[a]) for a in reference)
    del P, reference
    villages, out["village_betweenness_s"] = _timed(national.village_betweenness, index)
    out["villages_measured"] = len(villages)
    _, out["national_sampled_betweenness_s"] = _timed(
        national.betweenness_sparse, proj, k=SAMPLED_K
    )
    members = _subsample(index, SUBSAMPLE_ACTORS)
    accuracy = national.sampled_accuracy(proj, members, k=SAMPLED_K, top=20)
    out["subsample"] = accuracy
    import networkx as nx

    sub = proj.to_networkx(members)
    nx_sampled, out["subsample"]["networkx_sampled_s"] = _timed(
        nx.betweenness_centrality, sub, k=SAMPLED_K, seed=7
    )
    exact = national.betweenness_sparse(proj, members=members)
    out["subsample"]["networkx_sampled_spearman"] = rank_correlation(exact, nx_sampled)
    sweep = []
    for k in SWEEP_K:
        sampled, seconds = _timed(national.betweenness_sparse, proj, members=members, k=k)
        sweep.append(
            {
                "k": k,
                "sampled_s": seconds,
                "spearman": rank_correlation(exact, sampled),
                "top20_overlap": national.top_overlap(exact, sampled, 20),
            }
        )
    out["subsample"]["sweep"] = sweep
    return out


def _drawn_nodes(at) -> int:
    frames = at.get("iframe")
    if not frames:
        return 0
    found = re.search(r'id="jj-nodes">(.*?)</script>', frames[0].proto.srcdoc, re.S)
    return len(json.loads(found.group(1))) if found else 0


def bench_page(backend: dict[str, str], index: national.NationalIndex, cap: int) -> dict[str, Any]:
    """Cold and warm runs of the page for a kabupaten, then for one of its villages.

    ``backend``: the settings that point the app at the store (``JEJARING_BACKEND`` and
    the workspace or the Neo4j address), set in the environment for the run.
    """
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ.update(backend)
    os.environ["JEJARING_NODE_CAP"] = str(cap)
    st.cache_data.clear()
    st.cache_resource.clear()
    kab = max(
        (p for p in index.places if index.level(p) in ("kabupaten", "kota")),
        key=lambda p: (index.totals(p)[1], p),
    )
    village = max(national.villages_under(index, kab), key=lambda p: (index.totals(p)[1], p))
    at = AppTest.from_file(PAGE, default_timeout=900)
    at.query_params["place"] = kab.partition(":")[2]
    out: dict[str, Any] = {"kabupaten": kab, "village": village, "cap": cap}
    _, out["kabupaten_view_cold_s"] = _timed(at.run)
    assert not at.exception, at.exception
    out["kabupaten_nodes_drawn"] = _drawn_nodes(at)
    warm = []
    for _ in range(5):
        warm.append(_timed(at.run)[1])
    out["kabupaten_view_warm_s"] = float(np.median(warm))
    kecamatan = index.parent[village]
    if not any(box.key == "national_pick" for box in at.selectbox):
        shown = [e.value for e in (*at.error, *at.warning, *at.info)]
        raise RuntimeError(f"the page offers no place to pick; it says: {shown}")
    at.selectbox(key="national_pick").set_value(kecamatan)
    _, out["kecamatan_view_cold_s"] = _timed(at.run)
    at.selectbox(key="national_pick").set_value(village)
    _, out["village_view_cold_s"] = _timed(at.run)
    assert not at.exception, at.exception
    out["village_nodes_drawn"] = _drawn_nodes(at)
    warm = []
    for _ in range(5):
        warm.append(_timed(at.run)[1])
    out["village_view_warm_s"] = float(np.median(warm))
    return out


def _line(name: str, value: float, unit: str = "s", target: float | None = None) -> str:
    verdict = "" if target is None else ("PASS" if value <= target else "FAIL")
    limit = "" if target is None else f"<= {target:g} {unit}"
    return f"  {name:<52} {value:>10.3f} {unit:<3} {limit:<12} {verdict}"


def run(*, quick: bool = False) -> dict[str, Any]:
    villages = 1000 if quick else 17_000
    result: dict[str, Any] = {
        "benchmark": "scale",
        "quick": quick,
        "villages": villages,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    with tempfile.TemporaryDirectory(prefix="jejaring-scale-") as tmp:
        folder = Path(tmp) / "workspace"
        store = MemoryStore.in_workspace(folder)
        network = generate(villages, seed=7)
        loaded, result["load_s"] = _timed(synth_load, network, store)
        result["nodes"], result["relationships"] = loaded.nodes, loaded.relationships
        # the steps of a cold page view, one by one: read the store's file, take its graph
        # (the shared frozen snapshot), read the key the caches use, index it, draw one kabupaten
        reopened, result["store_read_s"] = _timed(lambda: MemoryStore.in_workspace(folder).counts())
        G, result["snapshot_s"] = _timed(store.frozen_graph)
        _, result["version_s"] = _timed(store.version)
        index, result["build_index_s"] = _timed(national.build_index, G)
        kab = max(
            (p for p in index.places if index.level(p) in ("kabupaten", "kota")),
            key=lambda p: (index.totals(p)[1], p),
        )
        _, result["kabupaten_drawing_s"] = _timed(build_place_view, G, index, kab)
        print(
            f"synthetic nation: {villages:,} villages, {loaded.nodes:,} nodes, "
            f"{loaded.relationships:,} relationships (generated and stored in "
            f"{result['load_s']:.1f} s; index with the sparse network {result['build_index_s']:.1f} s)",
            flush=True,
        )
        result["analyses"] = bench_analyses(G, index)
        del G
        cap = int(os.environ.get("JEJARING_NODE_CAP") or 1500)
        memory = {"JEJARING_BACKEND": "memory", "JEJARING_WORKSPACE": str(folder)}
        result["page"] = bench_page(memory, index, cap)
    a, p, s = result["analyses"], result["page"], result["analyses"]["subsample"]
    lines = [
        f"national scale ({villages:,} villages, {a['actors']:,} actors, {a['links']:,} links)",
        _line("PageRank, sparse matrix", a["pagerank_s"], target=TARGETS["pagerank_s"]),
        _line("PageRank, numpy on the NetworkX graph (reference)", a["pagerank_numpy_s"]),
        f"  {'  ratio numpy / sparse':<52} {a['pagerank_numpy_s'] / a['pagerank_s']:>10.1f} x"
        f"   (largest difference {a['pagerank_max_difference']:.1e})",
        _line("index: place tree and sparse network", result["build_index_s"]),
        _line(
            f"exact betweenness in every village ({a['villages_measured']:,})",
            a["village_betweenness_s"],
            target=TARGETS["village_betweenness_s"],
        ),
        _line(
            f"sampled betweenness, whole nation, k={SAMPLED_K}", a["national_sampled_betweenness_s"]
        ),
        f"  subsample of {s['actors']:,} actors: exact {s['exact_s']:.2f} s, sampled "
        f"{s['sampled_s']:.2f} s (x{s['speedup']:.1f} faster), Spearman {s['spearman']:.3f}, "
        f"top-20 overlap {s['top_overlap']:.2f}",
        f"  NetworkX sampled on the subsample: {s['networkx_sampled_s']:.2f} s "
        f"(x{s['networkx_sampled_s'] / s['sampled_s']:.1f} of ours), Spearman vs exact "
        f"{s['networkx_sampled_spearman']:.3f}",
        *(
            f"  subsample, k={row['k']}: {row['sampled_s']:.2f} s, Spearman {row['spearman']:.3f}, "
            f"top-20 overlap {row['top20_overlap']:.2f}"
            for row in s["sweep"]
        ),
        f"drill-down page (AppTest; cap {p['cap']}; drawn: kabupaten {p['kabupaten_nodes_drawn']}, "
        f"village {p['village_nodes_drawn']} nodes)",
        _line("kabupaten view, cold (store read, indexed, drawn)", p["kabupaten_view_cold_s"]),
        f"    its steps measured apart: read the store file {result['store_read_s']:.1f} s, take "
        f"the frozen graph {result['snapshot_s']:.2f} s, cache key {result['version_s']:.4f} s, "
        f"index {result['build_index_s']:.1f} s, draw {result['kabupaten_drawing_s']:.2f} s",
        _line("kabupaten view, warm (median of 5 reruns)", p["kabupaten_view_warm_s"]),
        _line("kecamatan view, first time (index warm)", p["kecamatan_view_cold_s"]),
        _line("village view, first time (index warm)", p["village_view_cold_s"]),
        _line(
            "village view, warm (median of 5 reruns)",
            p["village_view_warm_s"],
            target=TARGETS["village_view_warm_s"],
        ),
    ]
    verdicts = {
        "pagerank": a["pagerank_s"] <= TARGETS["pagerank_s"],
        "village_betweenness": a["village_betweenness_s"] <= TARGETS["village_betweenness_s"],
        "village_view_warm": p["village_view_warm_s"] <= TARGETS["village_view_warm_s"],
        "cap_respected": max(p["kabupaten_nodes_drawn"], p["village_nodes_drawn"]) <= p["cap"],
    }
    result["targets"] = TARGETS
    result["pass"] = verdicts
    lines.append(
        f"  node cap respected on both views: {'PASS' if verdicts['cap_respected'] else 'FAIL'}"
    )
    print("\n".join(lines), flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / ("scale-quick.json" if quick else "scale.json")
    out.write_text(json.dumps(result, indent=2, default=float) + "\n", encoding="utf-8")
    print(f"written: {out.relative_to(PROJECT_ROOT)}", flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 villages instead of 17,000")
    args = parser.parse_args(argv)
    run(quick=args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
