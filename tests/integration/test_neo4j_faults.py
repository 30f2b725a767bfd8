"""Faults of Neo4j: a server killed mid-load, a server that is not there, transient errors.

The kill tests start a dedicated server (its own temporary home and port, plugins off), not
the suite's shared one, and kill it with SIGKILL in the middle of a load: the loader and the
CLI must report it in one clear line that names the URI and never the password; after a
restart, running the same load again must give exactly the expected counts (no duplicates,
no half-written batch).
"""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import TransientError
from streamlit.testing.v1 import AppTest

import tests.unit.test_app_pages as base
from drawing.i18n import t
from graph.neo4j.store import Neo4jStore, StoreConnectionLost
from tests.conftest import ROOT, free_port, require

PASSWORD = "Kata-Sandi-Uji-9f3Q"  # distinctive: searched for in every message
NODES = 50_000
BATCH = 250


def _count(driver, label: str = "Actor") -> tuple[int, int]:
    """(nodes, distinct ids) of ``label``."""
    records, _, _ = driver.execute_query(
        f"MATCH (n:`{label}`) RETURN count(n) AS n, count(DISTINCT n.id) AS ids",
        database_="neo4j",
    )
    return records[0]["n"], records[0]["ids"]


@pytest.fixture(scope="module")
def own_server(tmp_path_factory):
    """A server only this module uses (it gets killed), with the distinctive password."""
    from neo4j_local import manager

    try:
        manager.ensure_jars()
    except manager.PrerequisiteError as exc:
        require(False, f"local Neo4j unavailable: {exc}; run `make neo4j-jars` to see why")
    home = tmp_path_factory.mktemp("neo4j-faults")
    port = free_port()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JEJARING_NEO4J_PLUGINS", "none")
        patch.setenv("NEO4J_PASSWORD", PASSWORD)

        def start():
            return manager.start(port=port, timeout=300, home=home)

        server = {"info": start(), "start": start}
        try:
            yield server
        finally:
            manager.stop(home=home)


def _kill(server) -> None:
    """SIGKILL the server process: no shutdown, no flush, as a power cut or OOM kill."""
    os.kill(server["info"].pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.kill(server["info"].pid, 0)
        except ProcessLookupError:
            break
        from neo4j_local import manager

        child = manager._CHILDREN.get(server["info"].pid)
        if child is not None and child.poll() is not None:
            break
        time.sleep(0.1)


def _restart(server) -> None:
    server["info"] = server["start"]()


def _driver(server, **options):
    info = server["info"]
    return GraphDatabase.driver(info.bolt_uri, auth=info.auth, **options)


def _actors(prefix: str, n: int) -> list[dict]:
    return [
        {
            "label": "Actor",
            "id": f"{prefix}{i:05d}",
            "name": f"Kader {prefix}{i:05d}",
            "actor_type": "cadre",
            "sector": "health",
            "level": "desa",
        }
        for i in range(n)
    ]


def _assert_clear_message(text: str, uri: str) -> None:
    assert uri in text, text
    assert PASSWORD not in text
    assert "Traceback" not in text
    assert len(text.strip().splitlines()) == 1, text


@pytest.mark.neo4j
@pytest.mark.timeout(900)
def test_killed_mid_batched_load_then_the_same_load_converges(own_server):
    uri = own_server["info"].bolt_uri
    watch = _driver(own_server)
    records = _actors("synth", NODES)
    # a short retry budget: the test does not wait the default 15 s for a server that is gone
    driver = _driver(own_server, connection_timeout=3, max_transaction_retry_time=2)
    store = Neo4jStore(driver, batch_size=BATCH, uri=uri)
    store.clear()
    failure: list[BaseException] = []

    def load() -> None:
        try:
            store.upsert_nodes(records)
        except BaseException as exc:  # noqa: BLE001 - kept for the assertions below
            failure.append(exc)

    loader = threading.Thread(target=load)
    loader.start()
    while _count(watch)[0] < 10 * BATCH:  # some batches are committed
        assert loader.is_alive(), failure or "the load ended before the server was killed"
        time.sleep(0.02)
    _kill(own_server)
    loader.join(timeout=120)
    watch.close()
    driver.close()
    assert not loader.is_alive()
    assert len(failure) == 1 and isinstance(failure[0], StoreConnectionLost), failure
    message = str(failure[0])
    _assert_clear_message(message, uri)
    assert "run the same command again" in message

    _restart(own_server)
    with _driver(own_server) as after:
        nodes, ids = _count(after)
        # whole batches or nothing of a batch: each batch is one transaction
        assert 0 < nodes < NODES and nodes % BATCH == 0 and ids == nodes, nodes
        again = Neo4jStore(after, batch_size=BATCH, uri=uri)
        assert again.upsert_nodes(records) == NODES
        assert _count(after) == (NODES, NODES)  # exact, no duplicates
        again.clear()


def _write_elements(path: Path, prefix: str, n: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "label", "name", "type", "sector", "level"])
        for i in range(n):
            node_id = f"{prefix}{i:05d}"
            writer.writerow([node_id, "Actor", f"Kader {node_id}", "cadre", "health", "desa"])


def _cli_env(server, **extra: str) -> dict[str, str]:
    info = server["info"]
    env = dict(os.environ)
    env.update(
        JEJARING_BACKEND="neo4j",
        NEO4J_URI=info.bolt_uri,
        NEO4J_USER=info.user,
        NEO4J_PASSWORD=PASSWORD,
        NEO4J_MAX_RETRY_TIME="2",
        NEO4J_CONNECTION_TIMEOUT="3",
        **extra,
    )
    return env


def _import_running(driver) -> bool:
    """True while the import's all-or-nothing write transaction runs on the server."""
    records, _, _ = driver.execute_query(
        "SHOW TRANSACTIONS YIELD currentQuery RETURN collect(currentQuery) AS queries",
        database_="neo4j",
    )
    return any("MERGE (n:`Actor`" in (q or "") for q in records[0]["queries"])


@pytest.mark.neo4j
@pytest.mark.timeout(900)
def test_cli_import_killed_mid_transaction_reports_one_line_and_rerun_is_exact(
    own_server, tmp_path
):
    n = 20_000
    big = tmp_path / "kader.csv"
    _write_elements(big, "imp", n)
    with _driver(own_server) as driver:
        Neo4jStore(driver).clear()
    command = [sys.executable, "cli.py", "import", str(big), "--backend", "neo4j"]
    env = _cli_env(own_server, JEJARING_WORKSPACE=str(tmp_path / "unused"))
    watch = _driver(own_server)
    proc = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 240
        while not _import_running(watch):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the import's write never started"
            time.sleep(0.05)
        _kill(own_server)
        out, err = proc.communicate(timeout=120)
    finally:
        watch.close()
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 2, (out, err)
    _assert_clear_message(err, own_server["info"].bolt_uri)
    assert err.startswith("error: ")
    assert PASSWORD not in out

    _restart(own_server)
    with _driver(own_server) as driver:
        assert _count(driver) == (0, 0)  # the one transaction was rolled back whole
    again = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-2000:]
    assert PASSWORD not in again.stdout + again.stderr
    with _driver(own_server) as driver:
        assert _count(driver) == (n, n)
        Neo4jStore(driver).clear()


class _FlakySession:
    """A driver session whose managed write transactions fail once with a transient error,
    after the function's statements ran (so the driver must roll back and run it again)."""

    def __init__(self, session, calls: list[int]) -> None:
        self._session = session
        self._calls = calls

    def __enter__(self):
        self._session.__enter__()
        return self

    def __exit__(self, *exc):
        return self._session.__exit__(*exc)

    def __getattr__(self, name):
        return getattr(self._session, name)

    def execute_write(self, work, *args, **kwargs):
        def flaky(tx, *a, **kw):
            result = work(tx, *a, **kw)
            self._calls.append(1)
            if len(self._calls) == 1:
                raise TransientError("injected: deadlock detected (once)")
            return result

        return self._session.execute_write(flaky, *args, **kwargs)


class _FlakyDriver:
    def __init__(self, driver) -> None:
        self._driver = driver
        self.calls: list[int] = []

    def session(self, **kwargs):
        return _FlakySession(self._driver.session(**kwargs), self.calls)

    def __getattr__(self, name):
        return getattr(self._driver, name)


@pytest.mark.neo4j
def test_a_transient_error_is_retried_and_the_write_lands_exactly_once(neo4j_module_store):
    real = neo4j_module_store.driver
    real.execute_query("MATCH (n) DETACH DELETE n", database_="neo4j")
    flaky = _FlakyDriver(real)
    store = Neo4jStore(flaky, batch_size=100, uri="bolt://test")
    nodes = _actors("tr", 300)
    rels = [
        {"type": "COLLABORATES_WITH", "start": f"Actor:tr{i:05d}", "end": "Actor:tr00000"}
        for i in range(1, 300)
    ]
    assert store.apply(nodes, rels) == 300 + 299
    assert len(flaky.calls) == 2  # the first run failed after writing, the second committed
    assert _count(real) == (300, 300)
    assert neo4j_module_store.counts()["relationships"] == {"COLLABORATES_WITH": 299}
    # batched loads go through execute_write too: one injected failure, then every batch once
    flaky.calls.clear()
    assert store.upsert_nodes(_actors("tb", 250)) == 250
    assert len(flaky.calls) == 4  # 3 batches of 100 (the first ran twice)
    assert _count(real) == (550, 550)
    real.execute_query("MATCH (n) DETACH DELETE n", database_="neo4j")


def test_unreachable_at_start_up_the_cli_says_so_in_one_line(tmp_path):
    port = free_port()  # nothing listens there
    env = dict(os.environ)
    env.update(
        JEJARING_BACKEND="neo4j",
        NEO4J_URI=f"bolt://127.0.0.1:{port}",
        NEO4J_PASSWORD=PASSWORD,
        JEJARING_WORKSPACE=str(tmp_path / "unused"),
    )
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "cli.py", "stats"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 2
    _assert_clear_message(done.stderr, f"bolt://127.0.0.1:{port}")
    assert done.stderr.startswith(f"error: cannot reach Neo4j at bolt://127.0.0.1:{port}")
    assert "--backend memory" in done.stderr
    assert time.monotonic() - started < 30  # a refused port answers at once, within the timeout


def test_unreachable_at_start_up_the_app_offers_the_embedded_store(tmp_path, monkeypatch):
    from graph.memory_store import MemoryStore

    port = free_port()
    folder = tmp_path / "workspace"
    base._small_graph(MemoryStore.in_workspace(folder))
    monkeypatch.syspath_prepend(str(ROOT))
    monkeypatch.setenv("JEJARING_BACKEND", "neo4j")
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{port}")
    monkeypatch.setenv("NEO4J_PASSWORD", PASSWORD)
    monkeypatch.setenv("JEJARING_WORKSPACE", str(folder))
    monkeypatch.delenv("JEJARING_LANG", raising=False)
    base._clear_caches()
    try:
        at = AppTest.from_file(base.APP, default_timeout=base.TIMEOUT).run()
        assert not at.exception, at.exception
        errors = " ".join(e.value for e in at.error)
        assert f"bolt://127.0.0.1:{port}" in errors and PASSWORD not in errors
        offer = at.button(key="use_memory")
        assert offer.label == t("error.use_memory", "id")
        offer.click().run()
        assert not at.exception and not at.error
        assert {m.label: m.value for m in at.metric}[t("count.Actor", "id")] == "3"
    finally:
        base._clear_caches()


@pytest.mark.neo4j
@pytest.mark.timeout(600)
def test_the_app_explains_a_server_that_dies_while_it_runs(own_server, tmp_path, monkeypatch):
    """The last test of the module: it leaves the dedicated server dead."""
    info = own_server["info"]
    monkeypatch.syspath_prepend(str(ROOT))
    monkeypatch.setenv("JEJARING_BACKEND", "neo4j")
    monkeypatch.setenv("NEO4J_URI", info.bolt_uri)
    monkeypatch.setenv("NEO4J_USER", info.user)
    monkeypatch.setenv("NEO4J_PASSWORD", PASSWORD)
    monkeypatch.setenv("NEO4J_MAX_RETRY_TIME", "2")
    monkeypatch.setenv("NEO4J_CONNECTION_TIMEOUT", "3")
    monkeypatch.setenv("JEJARING_WORKSPACE", str(tmp_path / "workspace"))
    monkeypatch.delenv("JEJARING_LANG", raising=False)
    from graph.memory_store import MemoryStore

    small = MemoryStore.in_workspace(tmp_path / "workspace")  # the embedded store to fall back to
    base._small_graph(small)
    with _driver(own_server) as driver:
        Neo4jStore(driver).clear()
        Neo4jStore(driver).apply(small.nodes(), small.relationships())
    base._clear_caches()
    try:
        at = AppTest.from_file(base.APP, default_timeout=base.TIMEOUT).run()
        assert not at.exception and not at.error
        assert {m.label: m.value for m in at.metric}[t("count.Actor", "id")] == "3"
        _kill(own_server)
        at.run()
        assert not at.exception, at.exception  # no traceback on the page
        errors = " ".join(e.value for e in at.error)
        assert info.bolt_uri in errors and PASSWORD not in errors
        at.button(key="use_memory").click().run()  # the embedded store takes over
        assert not at.exception and not at.error
        assert {m.label: m.value for m in at.metric}[t("count.Actor", "id")] == "3"
    finally:
        base._clear_caches()
