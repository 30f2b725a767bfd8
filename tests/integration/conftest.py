"""Fixtures shared by the Neo4j test modules (each module still gets its own server store)."""

from __future__ import annotations

import pytest

from loaders.case_study import load_case_study
from tests.conftest import DATA


@pytest.fixture(scope="module")
def loaded(neo4j_module_store, sources_dir):
    """The module's Neo4j store with the curated case study loaded."""
    load_case_study(neo4j_module_store, DATA, sources_dir)
    return neo4j_module_store


@pytest.fixture(scope="module")
def driver(loaded):
    return loaded.driver


@pytest.fixture(scope="module")
def plugins(neo4j_server):
    return set(neo4j_server.plugins)
