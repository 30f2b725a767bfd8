"""Every page of the navigation renders in both languages and shows what the store holds.

The pages are read from app.py's PAGES, so a page added there without a check here fails
``test_every_page_of_the_navigation_has_a_check``. Each check looks for facts of the graph
(counts, names in the chosen language, table rows), not only the page's title, so a page
that renders an empty shell fails. The same checks run on the Neo4j backend in
tests/integration/test_pages_neo4j.py; here the graph sits in the embedded store.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import tests.unit.test_analysis_pages as analysis
import tests.unit.test_app_pages as base
from drawing.answers import header
from drawing.i18n import LANGUAGES, t
from graph.memory_store import MemoryStore
from graph.store import GraphStore

HEAD = {"id": "Kepala Desa Mongpok", "en": "Mongpok village head"}  # an actor, by language
CATFISH = {"id": "Bibit lele", "en": "Catfish seed"}  # the pathways page's first intervention


def app_pages() -> list[str]:
    """The page scripts of app.py's PAGES, in navigation order (read, not run)."""
    tree = ast.parse(Path(base.APP).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "PAGES" for target in node.targets
        ):
            return [script for script, _, _ in ast.literal_eval(node.value)]
    raise AssertionError("app.py defines no PAGES")


def title_key(page: str) -> str:
    """``ui/settings_page.py`` -> ``settings.title``: the i18n key of a page's title."""
    return Path(page).stem.removesuffix("_page") + ".title"


def fill(store: GraphStore) -> None:
    """The graph every page check expects: the small graph plus the analysis pages' data
    (3 actors, 1 programme, 2 interventions, 13 observations, a printed table of 3 villages)."""
    base._small_graph(store)
    analysis._add_analysis_data(store)


# -- what each page must show of that graph ------------------------------------------------------
def _captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def _overview(at: AppTest, lang: str, backend: str) -> None:
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("count.Actor", lang)] == "3", metrics
    assert metrics[t("count.Observation", lang)] == "13", metrics
    assert at.get("arrow_vega_lite_chart"), "no indicator chart"
    values = at.dataframe[1].value[t("col.value", lang)].tolist()
    assert 55 in values and 14 in values, values  # Mongpok 2020 and the national target


def _network(at: AppTest, lang: str, backend: str) -> None:
    shown = [
        re.match(r"(\d+) (?:simpul|nodes) (?:dan|and) (\d+)", c) for c in _captions(at)
    ]  # actors, the programme and the interventions, with the links among them
    assert [(int(m[1]), int(m[2])) for m in shown if m] == [(6, 5)], _captions(at)
    drawing = at.get("iframe")[0].proto.srcdoc
    assert HEAD[lang] in drawing and "new vis.Network(" in drawing


def _centrality(at: AppTest, lang: str, backend: str) -> None:
    assert t("centrality.shown", lang, actors=3, links=2) in _captions(at)
    assert HEAD[lang] in at.dataframe[0].value[t("col.actor", lang)].tolist()


def _pathways(at: AppTest, lang: str, backend: str) -> None:
    assert at.selectbox(key="pathways_intervention").value == "bibit_lele"
    assert CATFISH[lang] in at.get("graphviz_chart")[0].proto.spec
    steps = at.dataframe[-1].value
    assert {
        CATFISH[lang],
        "Penyuluhan Posyandu" if lang == "id" else "Posyandu counselling",
    } <= set(steps[t("col.intervention", lang)])


def _compare(at: AppTest, lang: str, backend: str) -> None:
    printed = at.dataframe[0].value
    assert {"Mongpok", "Alpha", "Beta"} <= set(printed.index), printed
    totals = at.dataframe[1].value
    assert "20" in totals[t("col.printed", lang)].tolist()


def _query(at: AppTest, lang: str, backend: str) -> None:
    at.selectbox(key="query_question").set_value("actors_by_level_and_sector").run()
    assert not at.exception, at.exception
    answer = at.dataframe[0].value
    # three actors, counted per level and sector and named (not by id) in the page's language
    assert answer[header("actors", lang)].sum() == 3
    names = " | ".join(answer[header("actor_ids", lang)])
    assert HEAD[lang] in names and "kades_mongpok" not in names
    if backend == "neo4j":  # the read-only Cypher console sits below on Neo4j only
        assert "console_text" in [area.key for area in at.text_area]
    else:
        assert t("console.unavailable", lang) in [i.value for i in at.info]


def _sources(at: AppTest, lang: str, backend: str) -> None:
    bibliography = at.dataframe[0].value
    assert bibliography[t("col.title", lang)].tolist() == [base.SOURCE["title"]]


def _data(at: AppTest, lang: str, backend: str) -> None:
    at.toggle(key="data_whole").set_value(False).run()  # the filters list the store's nodes
    assert not at.exception, at.exception
    assert HEAD[lang] in at.selectbox(key="data_focus").options
    assert "Kampung KB" in at.selectbox(key="data_programme").options
    at.selectbox(key="data_format").set_value("cypher").run()
    at.button(key="data_prepare").click().run()  # a Cypher script of the store's graph
    assert not at.exception, at.exception
    assert not at.error and not at.warning, [e.value for e in (*at.error, *at.warning)]
    assert at.get("download_button"), "no export to download"


def _settings(at: AppTest, lang: str, backend: str) -> None:
    assert t("settings.status_ok", lang) in [s.value for s in at.success]
    in_use = t("settings.current_backend", lang, backend=t(f"settings.backend.{backend}", lang))
    assert in_use in [m.value for m in at.markdown]


def _national(at: AppTest, lang: str, backend: str) -> None:
    # three top places (Indonesia and two villages of the printed table with no parent)
    assert "Place:indonesia" in at.get("iframe")[0].proto.srcdoc
    at.selectbox(key="national_pick").set_value("Place:indonesia").run()
    assert "Indonesia" in [b.label for b in at.button]
    assert "Place:kab_serang" in at.get("iframe")[0].proto.srcdoc
    assert any(re.match(r"\d+ (simpul|nodes) ", c) for c in _captions(at))


CHECKS: dict[str, Callable[[AppTest, str, str], None]] = {
    "ui/overview.py": _overview,
    "ui/network.py": _network,
    "ui/national.py": _national,
    "ui/centrality.py": _centrality,
    "ui/pathways.py": _pathways,
    "ui/compare.py": _compare,
    "ui/query.py": _query,
    "ui/sources.py": _sources,
    "ui/data_page.py": _data,
    "ui/settings_page.py": _settings,
}


def check_page(page: str, lang: str, backend: str) -> None:
    """Open ``page`` in ``lang`` on the configured store; no exception, no error box, its
    title in ``lang`` only, and the facts of :func:`fill` on it."""
    if page not in CHECKS:
        pytest.fail(f"{page} is in app.py's PAGES but has no check in {__name__}.CHECKS")
    at = base._open(page, lang)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    titles = base._titles(at)
    assert t(title_key(page), lang) in titles, titles
    assert t(title_key(page), "en" if lang == "id" else "id") not in titles
    CHECKS[page](at, lang, backend)


# -- on the embedded store -----------------------------------------------------------------------
@pytest.fixture
def filled_ws(tmp_path, monkeypatch) -> Path:
    monkeypatch.syspath_prepend(str(base.ROOT))
    folder = tmp_path / "workspace"
    fill(MemoryStore.in_workspace(folder))
    monkeypatch.setenv("JEJARING_BACKEND", "memory")
    monkeypatch.setenv("JEJARING_WORKSPACE", str(folder))
    monkeypatch.delenv("JEJARING_LANG", raising=False)
    base._clear_caches()
    yield folder
    base._clear_caches()


def test_every_page_of_the_navigation_has_a_check():
    pages = app_pages()
    assert pages and set(pages) <= set(CHECKS), sorted(set(pages) - set(CHECKS))


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("page", app_pages())
def test_every_page_shows_the_store_in_both_languages(filled_ws, page, lang):
    check_page(page, lang, "memory")
