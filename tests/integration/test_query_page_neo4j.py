"""The Query page on the Neo4j backend: questions run as Cypher and the console refuses writes."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import tests.unit.test_app_pages as base
from drawing.i18n import t
from loaders.case_study import load_case_study
from tests.conftest import DATA

pytestmark = [pytest.mark.neo4j, pytest.mark.timeout(600)]


@pytest.fixture
def neo4j_app(neo4j_server, neo4j_module_store, sources_dir, monkeypatch):
    """The app pointed at the suite's server, holding the curated case study."""
    load_case_study(neo4j_module_store, DATA, sources_dir)
    monkeypatch.syspath_prepend(str(base.ROOT))
    monkeypatch.setenv("JEJARING_BACKEND", "neo4j")
    monkeypatch.setenv("NEO4J_URI", neo4j_server.bolt_uri)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.auth[1])
    monkeypatch.setenv("NEO4J_USER", neo4j_server.auth[0])
    base._clear_caches()
    at = base._open("ui/query.py", "en")
    yield at
    base._clear_caches()


def test_console_refuses_a_write(neo4j_app):
    at: AppTest = neo4j_app
    assert not at.exception, at.exception
    at.text_area(key="console_text").set_value("CREATE (n:Actor {id: 'intruder'}) RETURN n")
    at.button(key="console_run").click().run()
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert any(e.startswith(t("console.refused", "en", reason="").strip()) for e in errors), errors


def test_console_reads_and_questions_answer(neo4j_app):
    at: AppTest = neo4j_app
    assert at.dataframe, "the default question should answer"
    at.button(key="console_run").click().run()  # the default text counts actors per level
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert "level" in at.dataframe[-1].value.columns
