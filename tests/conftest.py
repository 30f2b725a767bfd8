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
