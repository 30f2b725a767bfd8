"""Every page of the navigation on the Neo4j backend, in both languages, showing the store.

The suite's local server (tests/conftest.py ``neo4j_server``) holds the graph of
tests/unit/test_every_page.py, written through Neo4jStore; the app is pointed at it with
JEJARING_BACKEND=neo4j and the NEO4J_* settings, and each page must render without an
exception or error box and show the same facts as on the embedded store. Under CI=true a
server that cannot start fails these tests (tests.conftest.require); elsewhere they skip.

The caches are cleared once for the module, not per test: the second language of a page
then runs on warm caches, which also checks that nothing cached ignores the language.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest

import tests.unit.test_app_pages as base
from drawing.i18n import LANGUAGES
from tests.unit.test_every_page import app_pages, check_page, fill

pytestmark = [pytest.mark.neo4j, pytest.mark.timeout(600)]


@pytest.fixture(scope="module")
def neo4j_app(neo4j_server, neo4j_module_store, tmp_path_factory) -> Iterator[str]:
    """The app's settings pointed at the suite's server, which holds the pages' graph."""
    neo4j_module_store.clear()
    fill(neo4j_module_store)
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(base.ROOT))
        patch.setenv("JEJARING_BACKEND", "neo4j")
        patch.setenv("NEO4J_URI", neo4j_server.bolt_uri)
        patch.setenv("NEO4J_USER", neo4j_server.auth[0])
        patch.setenv("NEO4J_PASSWORD", neo4j_server.auth[1])
        patch.setenv("NEO4J_DATABASE", "neo4j")
        # never the project's workspace, should anything fall back to the embedded store
        patch.setenv("JEJARING_WORKSPACE", str(tmp_path_factory.mktemp("unused-workspace")))
        patch.delenv("JEJARING_LANG", raising=False)
        base._clear_caches()
        try:
            yield neo4j_server.bolt_uri
        finally:
            _close_app_store(neo4j_server.bolt_uri)
            base._clear_caches()


def _close_app_store(uri: str) -> None:
    """Close the driver of the store the app opened (and cached) for this server."""
    from ui.state import _open_store

    with contextlib.suppress(Exception):  # best effort at teardown; the server stops anyway
        _open_store("neo4j", uri).close()


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("page", app_pages())
def test_every_page_shows_the_neo4j_store_in_both_languages(neo4j_app, page, lang):
    check_page(page, lang, "neo4j")


def test_the_pages_read_neo4j_not_the_embedded_store(neo4j_app):
    """The settings page names the server the pages read from, and nothing fell back."""
    at = base._open("ui/settings_page.py", "en")
    assert not at.exception, at.exception
    captions = " ".join(c.value for c in at.caption)
    assert neo4j_app in captions
    assert "use_memory" not in [b.key for b in at.button]


def test_a_write_to_neo4j_shows_on_the_next_rerun(neo4j_app, neo4j_module_store):
    """A change of one property (the counts stay) through another connection, then through
    the store the app opened: each shows on the next rerun, as the store's version moved."""
    from tests.unit.test_ui_cache import _network_drawing, _renamed
    from ui.state import _open_store

    at = base._open("ui/network.py", "id")
    assert not at.exception, at.exception
    assert "BKKBN" in _network_drawing(at) and "BKKBN Pusat" not in _network_drawing(at)
    _renamed(neo4j_module_store)
    at.run()
    assert "BKKBN Pusat" in _network_drawing(at)
    original = base._actor(
        "bkkbn", "BKKBN", "BKKBN", "government_office", "family_planning", "national"
    )
    _open_store("neo4j", neo4j_app).upsert_nodes([original])
    at.run()
    assert not at.exception, at.exception
    assert "BKKBN Pusat" not in _network_drawing(at)
