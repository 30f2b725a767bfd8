"""AppTest behaviour of the network explorer: filters, focus, path, colours, deep links."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import tests.unit.test_app_pages as base
from drawing.html import LABEL_PX, PRESENT_LABEL_PX
from drawing.i18n import LANGUAGES, t, t_value
from drawing.view import network_universe
from graph.memory_store import MemoryStore
from queries.scope import in_window, node_period
from queries.views import ego_network

PAGE = "ui/network.py"
EVIDENCE = base.EVIDENCE


def _extra(store: MemoryStore) -> None:
    """A second programme, a dated intervention and a health cadre on top of the small graph."""
    store.upsert_nodes(
        [
            {
                "label": "Actor",
                "id": "kader",
                "name": "Kader Posyandu",
                "name_en": "Posyandu cadre",
                "actor_type": "cadre",
                "sector": "health",
                "level": "dusun_rw",
                "evidence": EVIDENCE,
            },
            {
                "label": "Program",
                "id": "posyandu",
                "name": "Posyandu",
                "name_en": "Posyandu",
                "start": "2015",
                "evidence": EVIDENCE,
            },
            {
                "label": "Intervention",
                "id": "pmt",
                "name": "PMT balita",
                "name_en": "Supplementary feeding",
                "intervention_kind": "specific",
                "start": "2023-01",
                "end": "2023-12",
                "evidence": EVIDENCE,
            },
        ]
    )
    store.upsert_relationships(
        [
            {
                "type": "IMPLEMENTS",
                "start": "Actor:kader",
                "end": "Intervention:pmt",
                "evidence": EVIDENCE,
            },
            {
                "type": "PART_OF",
                "start": "Intervention:pmt",
                "end": "Program:posyandu",
                "evidence": EVIDENCE,
            },
            {
                "type": "FUNDS",
                "start": "Actor:kades_mongpok",
                "end": "Intervention:pmt",
                "evidence": EVIDENCE,
            },
        ]
    )


@pytest.fixture
def ws(tmp_path, monkeypatch) -> Path:
    monkeypatch.syspath_prepend(str(base.ROOT))
    folder = tmp_path / "workspace"
    store = MemoryStore.in_workspace(folder)
    base._small_graph(store)
    _extra(store)
    monkeypatch.setenv("JEJARING_BACKEND", "memory")
    monkeypatch.setenv("JEJARING_WORKSPACE", str(folder))
    monkeypatch.delenv("JEJARING_LANG", raising=False)
    base._clear_caches()
    yield folder
    base._clear_caches()


def _shown(at: AppTest) -> tuple[int, int]:
    """(nodes, relationships) from the page's count caption, in either language."""
    for caption in at.caption:
        found = re.match(r"(\d+) (?:simpul|nodes) (?:dan|and) (\d+)", caption.value)
        if found:
            return int(found.group(1)), int(found.group(2))
    raise AssertionError("no count caption")


def _drawing(at: AppTest) -> str:
    frames = at.get("iframe")
    assert len(frames) == 1
    return frames[0].proto.srcdoc


def _nodes(at: AppTest) -> dict[str, dict]:
    """The vis node records of the drawing, by node key."""
    found = re.search(r'id="jj-nodes">(.*?)</script>', _drawing(at), re.S)
    assert found, "no node data"
    return {record["id"]: record for record in json.loads(found.group(1))}


def _legend(at: AppTest) -> list[str]:
    return re.findall(r'jj-legend-item">.*?<span>(.*?)</span></div>', _drawing(at))


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_page_runs_in_both_languages(ws, lang):
    at = base._open(PAGE, lang)
    assert not at.exception, at.exception
    assert t("network.title", lang) in base._titles(at)
    other = "en" if lang == "id" else "id"
    assert t("network.title", other) not in base._titles(at)
    assert not at.error, [e.value for e in at.error]
    page = _drawing(at)
    assert "http://" not in page and "https://" not in page
    assert t("network.download_png", lang) in page
    assert at.get("download_button"), "no HTML download"


def test_language_switch_changes_titles(ws):
    at = base._open(PAGE, "id")
    assert t("network.title", "id") in base._titles(at)
    at.radio(key="lang").set_value("en").run()
    assert t("network.title", "en") in base._titles(at)
    assert t("network.filter_types", "en") in [m.label for m in at.multiselect]


def test_language_switch_keeps_the_view_and_its_address(ws):
    at = base._open(PAGE, "id")
    at.selectbox(key="network_focus").set_value("Actor:bkkbn").run()
    at.multiselect(key="network_types").set_value(["cadre", "government_office"]).run()
    shown = _shown(at)
    at.radio(key="lang").set_value("en").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="network_focus").value == "Actor:bkkbn"
    assert dict(at.query_params)["focus"] in ("Actor:bkkbn", ["Actor:bkkbn"])
    assert _shown(at) == shown


def test_choices_kept_across_the_switch_are_only_plain_values():
    from ui.state import _plain

    assert _plain("Actor:x") and _plain(["a", "b"]) and _plain((2019, 2023)) and _plain(2)
    assert not _plain(True) and not _plain([object()]) and not _plain({"a": 1})


def test_filters_combine_and_remove_nodes(ws):
    at = base._open(PAGE, "en")
    before = _shown(at)[0]  # 4 actors, 2 programmes, 2 interventions
    assert before == 8
    at.multiselect(key="network_types").set_value(["cadre", "village_government"]).run()
    assert _shown(at)[0] == before - 2  # BKKBN and the hostile community group gone
    at.multiselect(key="network_sectors").set_value(["health"]).run()
    assert _shown(at)[0] == before - 3  # and the village head (governance)
    assert not at.exception


def test_list_filters_say_what_they_leave_out(ws):
    at = base._open(PAGE, "en")
    captions = [c.value for c in at.sidebar.caption]
    # kinds of node leave places (and the like) out by default; the other four keep all
    assert captions[0].startswith(t("network.choice.except", "en", values=""))
    assert captions.count(t("network.choice.all", "en")) == 4
    chosen = ["cadre", "village_government"]
    at.multiselect(key="network_types").set_value(chosen).run()
    shown = at.multiselect(key="network_types").options  # names in the page language
    kept = [t_value("actor_type", v, "en") for v in chosen]
    left_out = ", ".join(name for name in shown if name not in kept)
    assert len(shown) == 4 and left_out
    expected = t("network.choice.except", "en", values=left_out)
    assert expected in [c.value for c in at.sidebar.caption]


def test_programme_filter_keeps_its_interventions_and_actors(ws):
    at = base._open(PAGE, "en")
    at.selectbox(key="network_programme").set_value("Program:posyandu").run()
    assert not at.exception, at.exception
    # the programme, PMT, and the cadre and village head working on PMT
    assert _shown(at)[0] == 4


def test_year_window_hides_dated_nodes_and_says_undated_are_kept(ws):
    at = base._open(PAGE, "en")
    slider = at.slider(key="network_years")
    assert slider.value == (2015, 2023)
    slider.set_value((2015, 2020)).run()
    assert _shown(at)[0] == 7  # PMT (2023) hidden; undated nodes kept
    assert t("network.undated_kept", "en", first=2015, last=2020) in [c.value for c in at.caption]


def test_undated_nodes_can_be_left_out_and_the_address_says_so(ws):
    at = base._open(PAGE, "en")
    at.slider(key="network_years").set_value((2023, 2023)).run()
    kept = _shown(at)[0]
    at.radio(key="network_undated").set_value("drop").run()
    assert not at.exception, at.exception
    graph = MemoryStore.in_workspace(ws).to_networkx()
    dated = [
        k
        for k, d in network_universe(graph, ["Actor", "Program", "Intervention"]).nodes(data=True)
        if in_window(*node_period(d), (2023, 2023), keep_undated=False)
    ]
    assert 0 < _shown(at)[0] == len(dated) < kept
    assert dict(at.query_params)["undated"] in ("drop", ["drop"])
    assert t("network.undated_dropped", "en") in [c.value for c in at.caption]


def test_in_english_the_pickers_find_an_actor_by_its_indonesian_name_too(ws):
    """Streamlit's pickers search what they show: in English they show the recorded
    Indonesian name beside the English one, so typing "Kepala" finds the village head."""
    at = base._open(PAGE, "en")
    for key in ("network_focus", "network_path_from", "network_path_to", "network_node"):
        options = at.selectbox(key=key).options
        found = [o for o in options if o.startswith("Mongpok village head · Kepala Desa Mongpok")]
        assert found, (key, options[:5])
    at = base._open(PAGE, "id")
    assert "Kepala Desa Mongpok" in at.selectbox(key="network_focus").options


def test_focus_shows_the_ego_network(ws):
    at = base._open(PAGE, "en")
    at.selectbox(key="network_focus").set_value("Actor:bkkbn").run()
    assert not at.exception, at.exception
    graph = MemoryStore.in_workspace(ws).to_networkx()
    shown = network_universe(graph, ["Actor", "Program", "Intervention"])
    assert _shown(at)[0] == ego_network(shown, "Actor:bkkbn", depth=1).number_of_nodes() == 2
    at.slider(key="network_depth").set_value(2).run()
    assert _shown(at)[0] == ego_network(shown, "Actor:bkkbn", depth=2).number_of_nodes()
    assert _shown(at)[0] > 2


def test_shortest_path_is_highlighted_with_its_hops(ws):
    at = base._open(PAGE, "en")
    at.selectbox(key="network_path_from").set_value("Actor:bkkbn").run()
    at.selectbox(key="network_path_to").set_value("Actor:kader").run()
    assert not at.exception, at.exception
    assert t("network.path_header", "en") in [s.value for s in at.subheader]
    hops = at.dataframe[0].value  # no node picked: the hops are the only table
    assert len(hops) == 2  # BKKBN -> village head -> cadre
    assert hops[t("network.col_from", "en")].tolist()[0] == "BKKBN"
    assert hops[t("network.col_to", "en")].tolist()[-1] == "Posyandu cadre"
    assert '"dashes": true' in _drawing(at)  # the hop without a direct relationship


def test_colour_by_sector_changes_the_legend(ws):
    at = base._open(PAGE, "en")
    assert t("actor_type.cadre", "en") in _legend(at)
    at.radio(key="network_colour").set_value("sector").run()
    legend = _legend(at)
    assert t("actor_type.cadre", "en") not in legend
    assert t("sector.health", "en") in legend and t("sector.governance", "en") in legend


def test_size_by_metric_changes_node_sizes(ws):
    at = base._open(PAGE, "en")
    sizes = set(re.findall(r'"size": ([\d.]+)', _drawing(at)))
    at.selectbox(key="network_size").set_value("degree").run()
    assert not at.exception, at.exception
    assert set(re.findall(r'"size": ([\d.]+)', _drawing(at))) != sizes
    assert "40" in " ".join(re.findall(r'"size": ([\d.]+)', _drawing(at)))


def test_positions_stay_when_filters_change(ws):
    at = base._open(PAGE, "en")
    first = _nodes(at)["Actor:kades_mongpok"]
    at.multiselect(key="network_types").set_value(["village_government"]).run()
    at.multiselect(key="network_labels").set_value(["Actor"]).run()
    again = _nodes(at)["Actor:kades_mongpok"]
    assert (again["x"], again["y"]) == (first["x"], first["y"])


def test_filters_are_written_to_the_address(ws):
    at = base._open(PAGE, "en")
    at.selectbox(key="network_focus").set_value("Actor:kades_mongpok").run()
    at.slider(key="network_depth").set_value(2).run()
    at.radio(key="network_colour").set_value("sector").run()
    params = dict(at.query_params)
    assert params["focus"] in ("Actor:kades_mongpok", ["Actor:kades_mongpok"])
    assert params["depth"] in ("2", ["2"])
    assert params["colour"] in ("sector", ["sector"])
    assert "labels" not in params  # defaults stay out of the address


def test_deep_link_restores_the_view(ws):
    at = AppTest.from_file(base.APP, default_timeout=base.TIMEOUT)
    at.query_params["focus"] = "Actor:kades_mongpok"
    at.query_params["depth"] = "2"
    at.query_params["labels"] = "Actor,Program"
    at.query_params["colour"] = "sector"
    at.query_params["bogus"] = "x"
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert at.selectbox(key="network_focus").value == "Actor:kades_mongpok"
    assert at.slider(key="network_depth").value == 2
    assert at.multiselect(key="network_labels").value == ["Actor", "Program"]
    assert at.radio(key="network_colour").value == "sector"
    graph = MemoryStore.in_workspace(ws).to_networkx()
    shown = network_universe(graph, ["Actor", "Program"])
    ego = ego_network(shown, "Actor:kades_mongpok", depth=2)
    assert _shown(at)[0] == ego.number_of_nodes()


def test_a_deep_link_with_unknown_values_is_ignored(ws):
    at = AppTest.from_file(base.APP, default_timeout=base.TIMEOUT)
    at.query_params["focus"] = "Actor:<img src=x onerror=alert(1)>"
    at.query_params["depth"] = "9"
    at.query_params["years"] = "abc"
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert at.selectbox(key="network_focus").value is None
    assert at.slider(key="network_depth").value == 1


def _label_px(page: str) -> int:
    found = re.search(r'<script type="application/json" id="jj-labels">(.*?)</script>', page)
    assert found, "the drawing carries no placement rules for its names"
    return json.loads(found.group(1))["px"]


def test_presentation_mode_shows_a_large_drawing_without_filters(ws):
    at = AppTest.from_file(base.APP, default_timeout=base.TIMEOUT)
    at.query_params["present"] = "1"
    at.query_params["colour"] = "sector"
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert not [m for m in at.multiselect if m.key == "network_labels"]
    # sized to stay above the fold of a 1280x720 projector, with names larger than on the page
    assert "height: 400px" in _drawing(at)
    assert _label_px(_drawing(at)) == PRESENT_LABEL_PX > LABEL_PX
    assert t("sector.health", "id") in _legend(at)  # the linked view, not the default one
    assert not at.get("download_button")


def test_physics_is_switched_on_only_when_asked(ws):
    at = base._open(PAGE, "en")
    assert '"physics": {"enabled": false}' in _drawing(at)
    at.toggle(key="network_physics").set_value(True).run()
    assert '"solver": "forceAtlas2Based"' in _drawing(at)


def test_level_layout_puts_national_above_desa(ws):
    at = base._open(PAGE, "en")
    at.radio(key="network_layout").set_value("level").run()
    nodes = _nodes(at)
    assert nodes["Actor:bkkbn"]["y"] < nodes["Actor:kades_mongpok"]["y"] < nodes["Actor:kader"]["y"]


# -- a graph above the node cap ----------------------------------------------------------------
@pytest.fixture
def capped(ws, monkeypatch) -> int:
    """The small graph with a node cap below its size (the page's large-graph mode)."""
    universe = network_universe(MemoryStore.in_workspace(ws).to_networkx())
    cap = 4
    assert universe.number_of_nodes() > cap
    monkeypatch.setenv("JEJARING_NODE_CAP", str(cap))
    return cap


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_above_the_cap_nothing_is_drawn_until_an_actor_is_found(capped, lang):
    at = base._open(PAGE, lang)
    assert not at.exception, at.exception
    assert not at.get("iframe"), "a graph above the cap was sent to the browser"
    (warning,) = at.warning
    assert f"{capped}" in warning.value and "JEJARING_NODE_CAP" in warning.value
    assert "(national)" in " ".join(m.value for m in at.markdown)  # link to the Places page
    # no picker lists every actor: only what a search found
    assert at.selectbox(key="network_large_focus").options == []
    at.text_input(key="network_large_search").set_value("mongpok").run()
    options = at.selectbox(key="network_large_focus").options
    assert options and all("ongpok" in o for o in options), options
    at.text_input(key="network_large_search").set_value("zzzxq").run()
    assert t("network.search_none", lang, text="zzzxq") in [i.value for i in at.info]


def test_above_the_cap_a_found_actor_is_drawn_with_at_most_cap_nodes(capped):
    at = base._open(PAGE, "en")
    at.text_input(key="network_large_search").set_value("kepala desa").run()
    focus = at.selectbox(key="network_large_focus")
    assert focus.options == ["Mongpok village head"], focus.options  # shown in English
    focus.set_value("Actor:kades_mongpok").run()
    assert not at.exception, at.exception
    drawn = _nodes(at)
    assert "Actor:kades_mongpok" in drawn and len(drawn) <= capped
    assert _shown(at)[0] == len(drawn)
    at.slider(key="network_large_depth").set_value(3).run()
    drawn = _nodes(at)
    assert len(drawn) == capped
    assert t("network.ego_cut", "en", cap=capped) in [c.value for c in at.caption]
    assert at.query_params["focus"] == ["kades_mongpok"]


def test_above_the_cap_the_address_reopens_the_focused_actor(capped):
    at = AppTest.from_file(base.APP, default_timeout=base.TIMEOUT)
    at.query_params["focus"] = "kades_mongpok"
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert "Actor:kades_mongpok" in _nodes(at)
