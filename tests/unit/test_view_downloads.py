"""AppTest of what the pages hand on: the Network page's view to the Data page's exports and
posters, and file names that say what a download holds, in the page's language."""

from __future__ import annotations

import io

import networkx as nx
import pytest

import tests.unit.test_app_pages as base
from drawing.filenames import slug, view_stem
from drawing.i18n import t
from drawing.view import ViewFilters
from tests.unit.test_network_page import _shown, ws  # noqa: F401 - the fixture

NETWORK = "ui/network.py"
DATA = "ui/data_page.py"


def _focused(lang: str, depth: int = 2):
    at = base._open(NETWORK, lang)
    at.selectbox(key="network_focus").set_value("Actor:bkkbn").run()
    at.slider(key="network_depth").set_value(depth).run()
    assert not at.exception, at.exception
    return at


def test_network_view_is_remembered_for_the_session(ws):  # noqa: F811
    at = _focused("en")
    view = at.session_state["network_view"]
    assert (view.focus, view.depth) == ("Actor:bkkbn", 2)


def test_data_page_exports_the_network_view(ws):  # noqa: F811
    at = _focused("en")
    shown = _shown(at)[0]
    at.switch_page(DATA).run()
    assert at.toggle(key="data_network_view").value is True
    assert any("BKKBN" in c.value and "2 steps" in c.value for c in at.caption)
    at.selectbox(key="data_format").set_value("graphml").run()
    at.button(key="data_prepare").click().run()
    assert not at.exception, at.exception
    wanted, exported = at.session_state["data_export"]
    assert wanted[2] == at.session_state["network_view"]
    graph = nx.read_graphml(io.BytesIO(exported.data))
    assert graph.number_of_nodes() == shown  # the view, not the whole graph
    assert exported.file_name == "jejaring-focus-bkkbn-2-steps.graphml"


def test_data_page_can_leave_the_network_view(ws):  # noqa: F811
    at = _focused("en")
    at.switch_page(DATA).run()
    at.toggle(key="data_network_view").set_value(False).run()
    assert at.toggle(key="data_whole").value is True  # the whole graph again


def test_data_page_without_a_network_view_offers_the_whole_graph(ws):  # noqa: F811
    at = base._open(DATA, "en")
    assert not [w for w in at.toggle if w.key == "data_network_view"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_poster_on_the_network_page_is_named_after_the_view(ws, lang):  # noqa: F811
    at = _focused(lang)
    buttons = {b.proto.id.rpartition("-")[2]: b for b in at.get("download_button")}
    assert any("network_download_poster" in key for key in buttons), list(buttons)
    labels = [b.proto.label for b in at.get("download_button")]
    assert t("network.download_poster", lang, fmt="PDF") in labels
    steps = t("file.steps", lang, n=2)
    assert view_stem(ViewFilters(focus="Actor:bkkbn", depth=2), lang).endswith(slug(steps))


def test_file_names_are_language_dependent_and_safe():
    view = ViewFilters(focus="Actor:kepala_desa_mongpok", depth=2, years=(2019, 2023))
    graph = nx.MultiDiGraph()
    graph.add_node(
        "Actor:kepala_desa_mongpok",
        label="Actor",
        name="Kepala Desa Mongpok",
        name_en="Village head of Mongpok",
    )
    assert view_stem(view, "id", graph) == "jejaring-fokus-kepala-desa-mongpok-2-langkah-2019-2023"
    assert view_stem(view, "en", graph) == (
        "jejaring-focus-village-head-of-mongpok-2-steps-2019-2023"
    )
    graph.nodes["Actor:kepala_desa_mongpok"]["name"] = "../../etc/<passwd>"
    assert "/" not in view_stem(view, "id", graph) and "." not in view_stem(view, "id", graph)
    assert view_stem(None, "id") == "jejaring-semua-data"
