"""AppTest smoke and behaviour tests of the Query, Sources and Settings pages and presentation mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import tests.unit.test_app_pages as base
from drawing.i18n import LANGUAGES, t
from graph.memory_store import MemoryStore
from ui.presentation import EXIT_KEY, PRESENTATION_CSS

PAGES = {
    "ui/query.py": "query.title",
    "ui/sources.py": "sources.title",
    "ui/settings_page.py": "settings.title",
}


@pytest.fixture
def small_ws(tmp_path, monkeypatch) -> Path:
    """The small graph of test_app_pages in a temporary workspace, on the memory backend."""
    monkeypatch.syspath_prepend(str(base.ROOT))
    folder = tmp_path / "workspace"
    base._small_graph(MemoryStore.in_workspace(folder))
    monkeypatch.setenv("JEJARING_BACKEND", "memory")
    monkeypatch.setenv("JEJARING_WORKSPACE", str(folder))
    monkeypatch.delenv("JEJARING_LANG", raising=False)
    base._clear_caches()
    yield folder
    base._clear_caches()


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("page", list(PAGES))
def test_each_page_runs_in_both_languages(small_ws, page, lang):
    at = base._open(page, lang)
    assert not at.exception, at.exception
    titles = base._titles(at)
    assert t(PAGES[page], lang) in titles
    assert t(PAGES[page], "en" if lang == "id" else "id") not in titles
    assert not at.error, [e.value for e in at.error]


def _codes(at: AppTest) -> list[str]:
    return [c.value for c in at.code]


def test_query_answers_and_shows_its_cypher(small_ws):
    at = base._open("ui/query.py", "en")
    at.selectbox(key="query_question").set_value("places_within").run()
    at.selectbox(key="query_param_places_within_place_id").set_value("indonesia").run()
    assert not at.exception, at.exception
    answer = at.dataframe[0].value
    assert "Desa Mongpok" in answer.to_string()  # places by name, not id
    assert any("MATCH" in code for code in _codes(at))
    assert t("console.unavailable", "en") in [i.value for i in at.info]


def test_a_parameter_change_changes_the_answer(small_ws):
    at = base._open("ui/query.py", "id")
    at.selectbox(key="query_question").set_value("place_hierarchy").run()
    before = at.dataframe[0].value
    at.selectbox(key="query_param_place_hierarchy_place_id").set_value("desa_mongpok").run()
    assert not at.exception, at.exception
    mongpok = at.dataframe[0].value
    at.selectbox(key="query_param_place_hierarchy_place_id").set_value("kab_serang").run()
    serang = at.dataframe[0].value
    assert len(mongpok) == 3 and len(serang) == 2, (before, mongpok, serang)
    assert any("$place_id" in code or "kab_serang" in code for code in _codes(at))


def test_an_unknown_id_in_the_address_is_a_message_with_the_names_it_may_mean(small_ws):
    # the pickers offer only nodes of the right label; an id typed into the address that names
    # no node is said so, with the nodes whose name is like it
    at = AppTest.from_file(base.APP, default_timeout=base.TIMEOUT)
    at.query_params["question"] = "place_hierarchy"
    at.query_params["place_id"] = "Desa Mongpok"
    at.run()
    at.radio(key="lang").set_value("en")
    at.switch_page("ui/query.py").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="query_param_place_hierarchy_place_id").value == "Desa Mongpok"
    warnings = " ".join(w.value for w in at.warning)
    assert "Desa Mongpok" in warnings and t("label.Place", "en") in warnings
    assert t("query.empty", "en") in [i.value for i in at.info]


def test_bar_view_draws_a_chart_for_numeric_answers(small_ws):
    at = base._open("ui/query.py", "en")
    at.selectbox(key="query_question").set_value("place_hierarchy").run()
    at.radio(key="query_view").set_value("bar").run()
    assert not at.exception, at.exception
    assert at.get("arrow_vega_lite_chart"), "no chart"


def test_sources_page_shows_paragraphs_validation_and_quality(small_ws, sources_dir):
    at = base._open("ui/sources.py", "en")
    assert not at.exception, at.exception
    paragraphs = at.dataframe[1].value  # [0] bibliography
    assert len(paragraphs) >= 1
    assert paragraphs[t("col.cited_by", "en")].str.contains("Actor:kades_mongpok").any()
    at.selectbox(key="sources_section").set_value("Simpulan").run()
    assert not at.exception
    simpulan = at.dataframe[1].value  # [0] is the bibliography
    assert simpulan[t("col.paragraph", "en")].tolist()[0] == 1
    subheaders = [s.value for s in at.subheader]
    assert t("sources.validation", "en") in subheaders
    assert t("sources.quality", "en") in subheaders


def test_settings_page_masks_secrets_and_switches_backend(small_ws, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "never-shown-pw")
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    at = base._open("ui/settings_page.py", "en")
    table = at.dataframe[0].value
    assert "never-shown-pw" not in table.to_string()
    assert "jejaring-dev-password" not in table.to_string()
    assert at.success  # the memory store opens
    at.radio(key="settings_backend").set_value("neo4j").run()
    at.button(key="settings_apply").click().run()
    assert not at.exception, at.exception
    errors = " ".join(e.value for e in at.error)
    assert "bolt://127.0.0.1:9" in errors and "never-shown-pw" not in errors
    assert at.session_state["backend_override"] == "neo4j"


def test_presentation_toggle_hides_the_sidebar(small_ws):
    at = base._open("ui/settings_page.py", "en")
    assert PRESENTATION_CSS.strip() not in [m.value.strip() for m in at.markdown]
    at.toggle(key="present").set_value(True).run()
    assert not at.exception
    assert PRESENTATION_CSS.strip() in [m.value.strip() for m in at.markdown]


def test_present_in_the_address_turns_the_mode_on(small_ws):
    at = AppTest.from_file(base.APP, default_timeout=base.TIMEOUT)
    at.query_params["present"] = "1"
    at.run()
    at.switch_page("ui/query.py").run()
    assert not at.exception, at.exception
    assert PRESENTATION_CSS.strip() in [m.value.strip() for m in at.markdown]


def test_presentation_mode_has_a_visible_exit_and_keeps_the_view(small_ws):
    at = AppTest.from_file(base.APP, default_timeout=base.TIMEOUT)
    at.query_params["present"] = "1"
    at.query_params["focus"] = "Actor:bkkbn"
    at.run()
    at.switch_page("ui/network.py").run()
    assert PRESENTATION_CSS.strip() in [m.value.strip() for m in at.markdown]
    at.button(key=EXIT_KEY).click().run()
    assert not at.exception, at.exception
    assert "present" not in dict(at.query_params)
    assert dict(at.query_params)["focus"] in ("Actor:bkkbn", ["Actor:bkkbn"])  # the view stays
    assert PRESENTATION_CSS.strip() not in [m.value.strip() for m in at.markdown]
    assert not [b for b in at.button if b.key == EXIT_KEY]


def test_centrality_shows_no_controls_in_presentation_mode(small_ws):
    at = AppTest.from_file(base.APP, default_timeout=base.TIMEOUT)
    at.query_params["present"] = "1"
    at.run()
    at.switch_page("ui/centrality.py").run()
    assert not at.exception, at.exception
    assert not at.selectbox and not at.slider and not at.multiselect and not at.expander
    assert not at.get("download_button") and at.get("arrow_vega_lite_chart")
    at.button(key=EXIT_KEY).click().run()
    assert at.selectbox(key="centrality_metric").value == "betweenness"
