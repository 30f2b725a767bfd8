"""Shared fixtures: paths, a dataset read once per session, fresh stores."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import settings
from graph.memory_store import MemoryStore
from loaders.case_study import read_dataset

ROOT = settings.PROJECT_ROOT
SOURCES = Path(settings.get("JEJARING_SOURCES"))
DATA = Path(settings.get("JEJARING_DATA"))
IN_CI = os.environ.get("CI", "").lower() == "true"


def require(condition: bool, reason: str) -> None:
    """Skip outside CI; fail under CI=true, where every test must run."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required under CI=true: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    require(SOURCES.is_dir(), f"source folder {SOURCES} missing; set JEJARING_SOURCES")
    return SOURCES


@pytest.fixture(scope="session")
def dataset():
    return read_dataset(DATA)


@pytest.fixture()
def memory_store() -> MemoryStore:
    return MemoryStore(None)


@pytest.fixture()
def workspace(tmp_path, monkeypatch) -> Path:
    """A fresh workspace folder used by every store the test opens."""
    ws = tmp_path / "workspace"
    monkeypatch.setenv("JEJARING_WORKSPACE", str(ws))
    monkeypatch.setenv("JEJARING_BACKEND", "memory")
    return ws


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory):
    """One local Neo4j server for the whole run, in a temporary home; stopped at the end.

    Skips (or fails under CI=true) when Java, Maven or the jars are missing.
    """
    from neo4j_local import manager

    try:
        manager.ensure_jars()
    except manager.PrerequisiteError as exc:
        require(False, f"local Neo4j unavailable: {exc}; run `make neo4j-jars` to see why")
    home = tmp_path_factory.mktemp("neo4j-suite")
    info = manager.start(port=free_port(), timeout=300, home=home)
    try:
        yield info
    finally:
        manager.stop(home=home)


@pytest.fixture(scope="module")
def neo4j_module_store(neo4j_server):
    """A Neo4jStore on the suite's server, emptied when a test module starts."""
    from neo4j import GraphDatabase

    from graph.neo4j.store import Neo4jStore

    driver = GraphDatabase.driver(neo4j_server.bolt_uri, auth=neo4j_server.auth)
    store = Neo4jStore(driver, database="neo4j", batch_size=100)
    store.clear()
    yield store
    store.clear()
    store.close()


@pytest.fixture(params=["memory", "neo4j"])
def store(request):
    """Each backend in turn, empty at the start of the test."""
    if request.param == "memory":
        yield MemoryStore(None)
        return
    neo = request.getfixturevalue("neo4j_module_store")
    neo.clear()
    yield neo
