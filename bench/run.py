"""Run every Jejaring benchmark (``make bench``); ``--quick`` runs them at smoke-test size.

Each benchmark prints its numbers and the ratios it measures side by side, and writes
its JSON to bench/results/. This script then writes what each benchmark returned and
printed, with the date, the machine and the command, into the results page
(docs/benchmarks-results.md, see ``bench/results_page.py``): one section per benchmark and
size, replaced by the next run of that benchmark. A missed target is reported as FAIL
without changing the exit status; the status is 1 only when a benchmark could not run to
its end.
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

from bench import results_page  # noqa: E402

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


def run_measured(name: str, quick: bool) -> results_page.Run:
    """Run one benchmark, printing as it goes; keep what it returned and printed."""
    run = results_page.Run(name, quick, results_page.now(), results_page.machine_facts())
    output: list[str] = []
    started = time.perf_counter()
    with results_page.printed(output, sys.stdout):
        print(f"=== benchmark {name}{' (quick)' if quick else ''} ===", flush=True)
        try:
            run.result = run_one(name, quick)
        except Exception as exc:  # report and go on with the next benchmark
            traceback.print_exc()
            run.error = f"{type(exc).__name__}: {exc}"
    run.seconds = time.perf_counter() - started
    run.output = output[0]
    return run


def run_all(names: Sequence[str], quick: bool, page: Path | None = results_page.PAGE) -> list[str]:
    """Run the named benchmarks in turn, writing each one's section of the results page as
    soon as it ends (``page`` None: no page); return the names of those that broke off."""
    broken = []
    for name in names:
        run = run_measured(name, quick)
        if run.error:
            broken.append(name)
        if page is not None:
            written = results_page.write_page(list(BENCHMARKS), [run], page)
            print(f"results page: {_shown_path(written)}", flush=True)
    return broken


def _shown_path(path: Path) -> str:
    return str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else str(path)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``run.py [--quick] [--page PATH] [NAME ...]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smaller sizes for a smoke test (neo4j: 2,000 nodes / 4,000 relationships; "
        "app: 400 synthetic nodes, fewer repetitions; national and scale: 1,000 villages)",
    )
    parser.add_argument(
        "--page",
        type=Path,
        default=results_page.PAGE,
        help="the results page to update (default: docs/benchmarks-results.md)",
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
    broken = run_all(args.names or list(BENCHMARKS), args.quick, args.page)
    print(
        f"=== all benchmarks: {time.perf_counter() - started:.1f} s wall time"
        f"{'; broke off: ' + ', '.join(broken) if broken else ''} ===",
        flush=True,
    )
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
