"""Integration tests of neo4j_local: a real Neo4j server, started and stopped.

These tests start Neo4j Community 5.26 on 127.0.0.1 on a free port, in a
temporary home folder, talk to it with the real driver and stop it again.
They need Java 17+ and, the first time, Maven to fetch the jars.

Without those the tests are skipped locally, and fail under CI=true so that
a CI machine missing them is noticed.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from neo4j_local import manager
from neo4j_local.manager import PortInUseError, PrerequisiteError, ServerInfo, StartError
from tests.conftest import require

pytestmark = pytest.mark.neo4j

PROJECT_ROOT = Path(__file__).resolve().parents[2]
HOW_TO_ENABLE = (
    "needs java 17+ and mvn (the first run fetches Neo4j from Maven Central); "
    "try `make neo4j-start` or `python -m neo4j_local jars` to see what is missing"
)


def _free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert port != manager.DEFAULT_PORT
    return port


def _accepts(port: int) -> bool:
    """True if something accepts TCP connections on 127.0.0.1:port."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def _require_runtime() -> None:
    """Skip (or fail under CI=true) when Java or the Neo4j jars are missing."""
    try:
        manager.ensure_jars()
    except PrerequisiteError as error:
        require(False, f"local Neo4j unavailable: {error} -- {HOW_TO_ENABLE}")


@pytest.fixture(scope="module")
def neo4j_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh home folder for this module's server, set as JEJARING_NEO4J_HOME."""
    home = tmp_path_factory.mktemp("neo4j-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JEJARING_NEO4J_HOME", str(home))
        patch.delenv("JEJARING_NEO4J_PORT", raising=False)
        yield home


@pytest.fixture(scope="module")
def server(neo4j_home: Path) -> Iterator[ServerInfo]:
    """A running server on a free, non-default port; stopped afterwards."""
    _require_runtime()
    info = manager.start(port=_free_port(), timeout=300)
    try:
        yield info
    finally:
        manager.stop(timeout=60)


@pytest.mark.timeout(900)
def test_server_answers_cypher_over_bolt(server: ServerInfo) -> None:
    assert server.bolt_uri == f"bolt://127.0.0.1:{server.port}"
    marker = uuid.uuid4().hex
    with GraphDatabase.driver(server.bolt_uri, auth=server.auth) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one")
        assert records[0]["one"] == 1
        driver.execute_query("CREATE (:JejaringTest {marker: $m, n: 42})", m=marker)
        records, _, _ = driver.execute_query(
            "MATCH (t:JejaringTest {marker: $m}) RETURN t.n AS n", m=marker
        )
        assert [r["n"] for r in records] == [42]


@pytest.mark.timeout(120)
def test_wrong_password_is_refused(server: ServerInfo) -> None:
    from neo4j.exceptions import AuthError

    wrong = (server.user, "not-the-password")
    with GraphDatabase.driver(server.bolt_uri, auth=wrong) as driver, pytest.raises(AuthError):
        driver.verify_connectivity()


@pytest.mark.timeout(120)
def test_second_start_reports_already_running(
    server: ServerInfo, capsys: pytest.CaptureFixture[str]
) -> None:
    again = manager.start(port=server.port)
    assert again.already_running
    assert (again.pid, again.port, again.bolt_uri) == (server.pid, server.port, server.bolt_uri)
    assert "already running" in capsys.readouterr().err


@pytest.mark.timeout(120)
def test_status_and_cli_report_the_running_server(server: ServerInfo, neo4j_home: Path) -> None:
    state = manager.status()
    assert state.running and state.bolt_reachable
    assert (state.pid, state.bolt_uri) == (server.pid, server.bolt_uri)
    assert (neo4j_home / "run" / "neo4j.pid").read_text().strip() == str(server.pid)

    cli = _run_cli("status")
    assert cli.returncode == 0, cli.stderr
    assert server.bolt_uri in cli.stdout


@pytest.mark.timeout(120)
def test_enabled_plugins_answer(server: ServerInfo) -> None:
    if not server.plugins:
        pytest.skip("no plugins enabled (JEJARING_NEO4J_PLUGINS)")
    with GraphDatabase.driver(server.bolt_uri, auth=server.auth) as driver:
        if "gds" in server.plugins:
            records, _, _ = driver.execute_query("CALL gds.version()")
            assert records[0]["gdsVersion"].startswith("2.13.")
        if "apoc" in server.plugins:
            records, _, _ = driver.execute_query("RETURN apoc.version() AS version")
            assert records[0]["version"].startswith("5.26.")


@pytest.mark.timeout(60)
def test_port_held_by_another_program_gives_clear_error(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        with pytest.raises(PortInUseError) as caught:
            manager.start(port=port, home=tmp_path / "other-home", timeout=30)
    message = str(caught.value)
    assert f"port {port}" in message and "already in use" in message
    assert not (tmp_path / "other-home" / "run" / "neo4j.pid").exists()


@pytest.mark.timeout(60)
def test_stale_pid_file_is_cleaned_up(tmp_path: Path) -> None:
    run_dir = tmp_path / "stale-home" / "run"
    run_dir.mkdir(parents=True)
    pid_file = run_dir / "neo4j.pid"
    pid_file.write_text(f"{os.getpid()}\n")  # alive, but not a Neo4j server
    state = manager.status(home=tmp_path / "stale-home")
    assert not state.running
    assert not pid_file.exists()
    assert manager.stop(home=tmp_path / "stale-home") is False


@pytest.mark.timeout(180)
def test_too_short_password_fails_with_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _require_runtime()
    monkeypatch.setenv("NEO4J_PASSWORD", "short")
    monkeypatch.setenv("JEJARING_NEO4J_PLUGINS", "none")
    with pytest.raises(StartError, match="at least 8 characters"):
        manager.start(port=_free_port(), home=tmp_path / "short-pw-home", timeout=60)
    assert not (tmp_path / "short-pw-home" / "run" / "neo4j.pid").exists()


@pytest.mark.timeout(180)
def test_stop_closes_port_and_removes_pid_file(server: ServerInfo, neo4j_home: Path) -> None:
    assert manager.stop(timeout=60) is True
    assert not _accepts(server.port)
    assert not (neo4j_home / "run" / "neo4j.pid").exists()
    assert not manager.status().running
    assert manager.stop() is False
    assert _run_cli("status").returncode == 1


def _run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m neo4j_local ARGS`` with this test's environment."""
    return subprocess.run(
        [sys.executable, "-m", "neo4j_local", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ),
    )
