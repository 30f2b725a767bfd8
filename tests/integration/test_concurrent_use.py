"""Concurrent use: 20 readers asking named questions while 1 writer imports files.

The workload is bench/bench_concurrency.py's (``make bench`` runs it for 60 s per store);
here it runs for 10 s per store (longer if the writer has not yet imported 3 file pairs:
the machines that run the suite are shared). Every reader checks that no write is seen half done (actors,
then links, then actors again: ``N1 <= R <= N2``, all multiples of a file's size); at the end
the counts must be exact and no read or write may have failed. With the memory store one more
thread parses ``graph.json`` over and over, and two processes writing one workspace must not
lose each other's writes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading

import pytest

from bench.bench_concurrency import PAIR, check_graph_file, hub_record, run_workload
from graph.memory_store import MemoryStore
from tests.conftest import ROOT

SECONDS = 10.0


def _assert_clean(outcome) -> None:
    assert outcome.errors == [], outcome.errors[:5]
    assert outcome.inconsistent == [], outcome.inconsistent[:5]
    assert outcome.writes >= 3, outcome  # the writer got through while 20 readers ran
    assert outcome.reads >= 20 * 4, outcome  # every reader finished rounds
    assert (
        outcome.final
        == outcome.expected
        == {
            "actors": PAIR * outcome.writes,
            "links": PAIR * outcome.writes,
        }
    )


@pytest.mark.timeout(300)
def test_memory_store_20_readers_1_writer_and_a_file_reader(tmp_path):
    store = MemoryStore.in_workspace(tmp_path / "ws")
    outcome = run_workload(store, seconds=SECONDS, graph_file=store.path, min_writes=3)
    _assert_clean(outcome)
    assert outcome.file_reads > 10  # graph.json was parsed again and again, always whole
    reopened = MemoryStore.in_workspace(tmp_path / "ws")  # what is on disk is what was written
    assert reopened.counts() == store.counts()


@pytest.mark.neo4j
@pytest.mark.timeout(300)
def test_neo4j_store_20_readers_1_writer(neo4j_module_store):
    neo4j_module_store.clear()
    try:
        outcome = run_workload(neo4j_module_store, seconds=SECONDS, min_writes=3)
        _assert_clean(outcome)
    finally:
        neo4j_module_store.clear()


WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    from bench.bench_concurrency import import_files
    from graph.memory_store import MemoryStore
    from loaders.importer import apply_import

    store = MemoryStore.in_workspace({workspace!r})
    for n in range({files}):
        report = apply_import(import_files(n, {prefix!r}), store)
        assert report.ok and report.applied, report.text()
    """
)


@pytest.mark.timeout(300)
def test_two_processes_importing_into_one_workspace_lose_no_write(tmp_path):
    workspace = tmp_path / "ws"
    MemoryStore.in_workspace(workspace).apply([hub_record()], [])
    files = 12
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WRITER.format(root=str(ROOT), workspace=str(workspace), files=files, prefix=p),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for p in ("p", "q")
    ]
    problems: list[str] = []
    parses = 0
    done = threading.Event()

    def read_file() -> None:  # a third party reading the file meanwhile: always whole
        nonlocal parses
        while not done.is_set():
            try:
                problem = check_graph_file(workspace / "graph.json")
            except (json.JSONDecodeError, KeyError, OSError) as exc:
                problem = f"{type(exc).__name__}: {exc}"
            parses += 1
            if problem:
                problems.append(problem)

    reader = threading.Thread(target=read_file)
    reader.start()
    try:
        for proc in procs:
            out, err = proc.communicate(timeout=240)
            assert proc.returncode == 0, out[-2000:] + err[-2000:]
    finally:
        done.set()
        reader.join()
    assert problems == []
    assert parses > 0
    counts = MemoryStore.in_workspace(workspace).counts()
    assert counts["nodes"] == {"Actor": 1 + 2 * files * PAIR}  # nothing lost
    assert counts["relationships"] == {"COLLABORATES_WITH": 2 * files * PAIR}
