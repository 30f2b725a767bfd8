"""Run every Jejaring benchmark (``make bench``); ``--quick`` runs them at smoke-test size.

Each benchmark prints its numbers and the ratios it measures side by side, and writes
its JSON to bench/results/. A missed target is reported as FAIL without changing the
exit status; the status is 1 only when a benchmark could not run to its end.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:  # run as a script: make the project importable
    sys.path.insert(0, str(PROJECT_ROOT))

# name -> module under bench/ whose ``run(quick=...)`` runs that benchmark
BENCHMARKS: dict[str, str] = {
    "neo4j": "bench.bench_neo4j",
    "centrality": "bench.bench_centrality",
    "app": "bench.bench_app",
    "national": "bench.bench_national",
    "scale": "bench.bench_scale",
    "concurrency": "bench.bench_concurrency",
}


def run_one(name: str, quick: bool) -> Any:
    """Import one benchmark only now (so a broken one cannot stop the others) and run it."""
    module = importlib.import_module(BENCHMARKS[name])
    return module.run(quick=quick)


def run_all(names: Sequence[str], quick: bool) -> list[str]:
    """Run the named benchmarks in turn; return the names of those that broke off."""
    broken = []
    for name in names:
        print(f"=== benchmark {name}{' (quick)' if quick else ''} ===", flush=True)
        try:
            run_one(name, quick)
        except Exception:  # report and go on with the next benchmark
            traceback.print_exc()
            broken.append(name)
    return broken


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``run.py [--quick] [NAME ...]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smaller sizes for a smoke test (neo4j: 2,000 nodes / 4,000 relationships; "
        "app: 400 synthetic nodes, fewer repetitions; national and scale: 1,000 villages)",
    )
    parser.add_argument(
        "names",
        nargs="*",
        metavar="NAME",
        help=f"benchmarks to run (default: all of {', '.join(BENCHMARKS)})",
    )
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - set(BENCHMARKS))
    if unknown:
        parser.error(f"unknown benchmark(s) {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
    started = time.perf_counter()
    broken = run_all(args.names or list(BENCHMARKS), args.quick)
    print(
        f"=== all benchmarks: {time.perf_counter() - started:.1f} s wall time"
        f"{'; broke off: ' + ', '.join(broken) if broken else ''} ===",
        flush=True,
    )
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
