"""The app's one cache (ui/cache.py) and the one shape of its pages.

Every cached read is kept per store and ``store.version()``: a write, through the app or by
another process on the same workspace, shows on the next rerun of every page without a
cache being cleared. Only ui/cache.py touches Streamlit's caches; queries/ caches nothing;
every page script is a stub that imports its module from ui/content/ and calls ``render()``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import tests.unit.test_app_pages as base
from drawing.answers import header
from drawing.i18n import t
from graph.memory_store import MemoryStore
from graph.store import GraphStore
from tests.unit.test_every_page import app_pages
from ui.cache import GraphVersion, cached
from ui.state import _open_store

ROOT = base.ROOT
# what the product is made of (tests and benchmarks aside)
PRODUCT = ("app.py", "cli.py", "settings.py", "graph", "loaders", "queries", "drawing", "exports")
STREAMLIT_CACHES = re.compile(r"\bcache_(data|resource)\b|\bexperimental_(memo|singleton)\b")
FUNCTION_CACHES = re.compile(
    r"\blru_cache\b|\bfunctools\.cache\b|\bimport cache\b|\bcached_property\b"
)


def _python_files(*names: str) -> list[Path]:
    files: list[Path] = []
    for name in names:
        path = ROOT / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return files


# -- the one cache ------------------------------------------------------------------------------
def test_only_ui_cache_touches_the_streamlit_caches():
    users = {
        str(path.relative_to(ROOT))
        for path in _python_files(*PRODUCT, "ui")
        if STREAMLIT_CACHES.search(path.read_text(encoding="utf-8"))
    }
    assert users == {"ui/cache.py"}


def test_queries_cache_nothing():
    users = [
        str(path.relative_to(ROOT))
        for path in _python_files("queries")
        if FUNCTION_CACHES.search(path.read_text(encoding="utf-8"))
        or "ResultCache" in path.read_text(encoding="utf-8")
    ]
    assert users == []


def test_a_cached_function_takes_no_argument_outside_its_key():
    def answer(data: GraphVersion, _store: GraphStore) -> int:
        return 42

    with pytest.raises(TypeError, match="_store"):
        cached(answer)


CALLS: list[str] = []


@cached(max_entries=8)
def actor_names(data: GraphVersion) -> list[str]:
    """Names of the actors (a cached read of the tests, counting its calls)."""
    CALLS.append(data.key)
    return sorted(d["name"] for _, d in data.graph.nodes(data=True) if d.get("label") == "Actor")


@pytest.fixture
def counted():
    actor_names.clear()
    CALLS.clear()
    yield CALLS
    actor_names.clear()


def test_a_cached_read_is_kept_per_store_version(tmp_path, counted):
    store = MemoryStore.in_workspace(tmp_path / "a")
    base._small_graph(store)
    first = GraphVersion.of(store)
    names = actor_names(first)
    assert "BKKBN" in names
    assert actor_names(GraphVersion.of(store)) == names  # a new handle, the same version
    assert len(counted) == 1
    _renamed(MemoryStore.in_workspace(tmp_path / "a"))  # another process's write
    second = GraphVersion.of(store)
    assert second.key != first.key
    assert "BKKBN Pusat" in actor_names(second)  # same counts, new version, read again
    assert len(counted) == 2
    other = MemoryStore.in_workspace(tmp_path / "b")  # the same data in another store
    base._small_graph(other)
    assert actor_names(GraphVersion.of(other)) == names
    assert len(counted) == 3


def test_a_shared_result_is_one_object_and_a_copied_one_is_not(tmp_path):
    store = MemoryStore.in_workspace(tmp_path)
    base._small_graph(store)
    data = GraphVersion.of(store)
    assert data.graph is GraphVersion.of(store).graph  # read once per version, shared
    first, again = actor_names(data), actor_names(data)
    assert first == again and first is not again  # each caller may change its own copy


# -- a write shows on the next rerun --------------------------------------------------------------
def _renamed(store: GraphStore) -> None:
    """Rename an actor: the counts stay, only the version tells the data changed."""
    actor = base._actor(
        "bkkbn", "BKKBN Pusat", "BKKBN", "government_office", "family_planning", "national"
    )
    store.upsert_nodes([actor])


def _added(store: GraphStore) -> None:
    actor = base._actor(
        "bidan", "Bidan Desa", "Village midwife", "health_facility", "health", "desa"
    )
    store.upsert_nodes([actor])


def _place_renamed(store: GraphStore) -> None:
    place = {"label": "Place", "id": "desa_mongpok", "name": "Desa Mongpok Baru"}
    store.upsert_nodes([{**place, "place_level": "desa", "evidence": base.EVIDENCE}])


def _source_added(store: GraphStore) -> None:
    store.upsert_nodes([{**base.SOURCE, "id": "second_source", "title": "Laporan Kedua"}])


def _overview_counts(at: AppTest) -> str:
    return {m.label: m.value for m in at.metric}[t("count.Actor", "id")]


def _network_drawing(at: AppTest) -> str:
    return at.get("iframe")[0].proto.srcdoc


def _centrality_table(at: AppTest) -> str:
    return " ".join(at.dataframe[0].value[t("col.actor", "id")].astype(str))


def _national_place(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown)  # "<place> (<level>): n villages, ..."


def _bibliography(at: AppTest) -> str:
    return " ".join(at.dataframe[0].value[t("col.title", "id")].astype(str))


def _query_answer(at: AppTest) -> str:
    at.selectbox(key="query_question").set_value("actors_by_level_and_sector").run()
    return " | ".join(at.dataframe[0].value[header("actor_ids", "id")])


# page -> (the write, what the page shows, shown before, shown after)
WRITES: dict[str, tuple[Callable[[GraphStore], None], Callable[[AppTest], str], str, str]] = {
    "ui/overview.py": (_added, _overview_counts, "3", "4"),
    "ui/network.py": (_renamed, _network_drawing, "BKKBN", "BKKBN Pusat"),
    "ui/centrality.py": (_renamed, _centrality_table, "BKKBN", "BKKBN Pusat"),
    "ui/query.py": (_added, _query_answer, "BKKBN", "Bidan Desa"),
    "ui/national.py": (_place_renamed, _national_place, "Desa Mongpok", "Desa Mongpok Baru"),
    "ui/sources.py": (_source_added, _bibliography, "Kampung KB", "Laporan Kedua"),
}


@pytest.mark.parametrize("writer", ["the app's store", "another process"])
@pytest.mark.parametrize("page", list(WRITES))
def test_a_write_shows_on_the_next_rerun(workspace, page, writer):
    write, shown, before, after = WRITES[page]
    at = base._open(page, "id")
    assert not at.exception, at.exception
    assert before in shown(at) and after not in shown(at)
    if writer == "the app's store":  # as the Data page's import does
        store = _open_store("memory", str(workspace))  # the store the app opened and cached
        assert Path(store.path).parent == workspace
    else:
        store = MemoryStore.in_workspace(workspace)  # as `cli.py load` does
    write(store)
    at.run()
    assert not at.exception, at.exception
    assert after in shown(at)


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Path:
    """The small graph of test_app_pages in a workspace the app uses through its settings."""
    monkeypatch.syspath_prepend(str(ROOT))
    folder = tmp_path / "workspace"
    base._small_graph(MemoryStore.in_workspace(folder))
    monkeypatch.setenv("JEJARING_BACKEND", "memory")
    monkeypatch.setenv("JEJARING_WORKSPACE", str(folder))
    monkeypatch.delenv("JEJARING_LANG", raising=False)
    base._clear_caches()
    yield folder
    base._clear_caches()


# -- one shape for every page ----------------------------------------------------------------------
def _body(path: Path) -> list[ast.stmt]:
    """The module's statements without its docstring."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return body


@pytest.mark.parametrize("page", app_pages())
def test_every_page_script_calls_the_render_of_its_module(page):
    name = Path(page).stem
    stub = _body(ROOT / page)
    assert [ast.dump(s) for s in stub] == [
        ast.dump(s) for s in ast.parse(f"from ui.content.{name} import render\nrender()").body
    ]
    module = _body(ROOT / "ui" / "content" / f"{name}.py")
    assert any(isinstance(s, ast.FunctionDef) and s.name == "render" for s in module)
    # importing the module draws nothing: no statement runs but imports and definitions
    ran = [s for s in module if isinstance(s, ast.Expr)]
    assert ran == [], [ast.unparse(s) for s in ran]


def test_a_page_script_runs_alone(workspace):
    """``streamlit run ui/national.py`` (the scale benchmark runs it so): the page modules'
    folder must not be taken for the script's own pages."""
    at = AppTest.from_file(str(ROOT / "ui" / "national.py"), default_timeout=base.TIMEOUT).run()
    assert not at.exception, at.exception
    assert t("national.title", "id") in base._titles(at)
