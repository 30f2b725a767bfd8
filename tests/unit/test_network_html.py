"""The network drawing: offline (no URL, no external script), escaped, legend matching the nodes."""

from __future__ import annotations

import html
import json
import re

import networkx as nx
import pandas as pd
import pytest

from drawing.elements import DrawOptions, network_elements
from drawing.html import render_network_html, vis_assets
from drawing.layout import layout_positions
from drawing.style import CATEGORY_COLOURS, legend_items
from drawing.view import ViewFilters, network_universe

XSS = "<script>alert(1)</script>"


def _graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    actors = [
        ("kades", "Kepala Desa Mongpok", "village_government", "governance", "desa"),
        ("bkkbn", "BKKBN", "government_office", "family_planning", "national"),
        ("kodim", "Kodim 0602 Serang", "military", "security", "kabupaten"),
        ("evil", XSS, "community_group", "health", "desa"),
    ]
    for aid, name, atype, sector, level in actors:
        g.add_node(
            f"Actor:{aid}",
            label="Actor",
            id=aid,
            name=name,
            actor_type=atype,
            sector=sector,
            level=level,
        )
    g.add_node("Program:kampung_kb", label="Program", id="kampung_kb", name="Kampung KB")
    g.add_node("Intervention:lele", label="Intervention", id="lele", name="Bibit lele")
    g.add_node("Observation:o1", label="Observation", id="o1", name="2022", value=17.1)
    g.add_edge("Actor:kades", "Program:kampung_kb", key="LEADS", type="LEADS")
    g.add_edge("Actor:bkkbn", "Program:kampung_kb", key="SUPPORTS", type="SUPPORTS")
    g.add_edge("Actor:bkkbn", "Program:kampung_kb", key="FUNDS", type="FUNDS")
    g.add_edge(
        "Actor:kodim",
        "Actor:kades",
        key="COLLABORATES_WITH",
        type="COLLABORATES_WITH",
        description=XSS,
    )
    g.add_edge("Intervention:lele", "Program:kampung_kb", key="PART_OF", type="PART_OF")
    return g


def _render(**filters) -> tuple[str, pd.DataFrame, pd.DataFrame]:
    universe = network_universe(_graph())
    view = ViewFilters(**{"labels": None, **filters})
    nodes, edges = network_elements(
        universe, view, DrawOptions(positions=layout_positions(universe))
    )
    nodes = nodes.assign(title=nodes["name"] + "\n" + nodes["label"])
    legend = [{**item, "text": item["category"]} for item in legend_items(nodes)]
    return render_network_html(nodes, edges, legend=legend, legend_title="Legenda"), nodes, edges


def _script_data(page: str, element_id: str) -> list | dict:
    match = re.search(
        rf'<script type="application/json" id="{element_id}">(.*?)</script>', page, re.S
    )
    assert match, element_id
    return json.loads(match.group(1))


def test_page_loads_nothing_from_the_network():
    page, _, _ = _render()
    lowered = page.lower()
    assert "http://" not in lowered
    assert "https://" not in lowered
    assert "//cdn" not in lowered
    assert "<script src" not in lowered
    assert "<link" not in lowered  # no external stylesheet either
    assert "@import" not in lowered


def test_vis_network_is_inlined_and_still_complete():
    script, style = vis_assets()
    page, _, _ = _render()
    assert len(script) > 100_000 and script in page
    assert style in page
    assert "new vis.Network(" in page
    # the SVG namespace string survives as an escaped, equivalent JavaScript string
    assert r"http:\/\/www.w3.org/2000/svg" in script
    assert "</script" not in script.lower()


def test_a_hostile_name_appears_only_escaped():
    page, _, _ = _render()
    assert XSS not in page
    assert "<script>alert" not in page
    assert "alert(1)" in page  # the node is there, in escaped form
    nodes = _script_data(page, "jj-nodes")
    evil = next(n for n in nodes if n["id"] == "Actor:evil")
    assert evil["label"] == XSS  # drawn on the canvas as text, exactly the name
    assert "&lt;script&gt;" in evil["title"]  # tooltip HTML has it escaped


def test_edge_description_is_escaped_in_tooltips():
    universe = network_universe(_graph())
    nodes, edges = network_elements(universe)
    edges = edges.assign(title=edges["rel_type"] + ": " + edges["description"])
    page = render_network_html(nodes, edges)
    assert XSS not in page
    titles = [e["title"] for e in _script_data(page, "jj-edges")]
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in title for title in titles)


def test_legend_text_is_escaped():
    nodes = pd.DataFrame([{"key": "Actor:a", "name": "A", "color": "#1f77b4"}])
    page = render_network_html(
        nodes,
        pd.DataFrame(columns=["source", "target"]),
        legend=[{"text": "<b>bold</b>", "color": "#1f77b4", "shape": "dot"}],
    )
    assert "<b>bold</b>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page


def test_legend_colours_equal_node_colours():
    page, nodes, _ = _render()
    drawn = {n["color"] for n in _script_data(page, "jj-nodes")}
    legend = set(re.findall(r'data-color="(#[0-9a-fA-F]{6})"', page))
    assert drawn == legend == set(nodes["color"])
    # each category keeps its fixed colour
    for item in legend_items(nodes):
        assert item["color"] == CATEGORY_COLOURS[item["category"]]
        shapes = set(nodes.loc[nodes["category"] == item["category"], "shape"])
        assert shapes == {item["shape"]}


def test_legend_follows_the_filters():
    page, nodes, _ = _render(labels=("Actor",), levels=("desa",))
    assert set(nodes["key"]) == {"Actor:kades", "Actor:evil"}
    legend = set(re.findall(r'data-color="(#[0-9a-fA-F]{6})"', page))
    assert legend == {CATEGORY_COLOURS["village_government"], CATEGORY_COLOURS["community_group"]}


def test_positions_are_fixed_and_physics_is_off():
    page, nodes, _ = _render()
    data = _script_data(page, "jj-nodes")
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data)
    assert all(n["physics"] is False for n in data)
    assert _script_data(page, "jj-options")["physics"]["enabled"] is False
    again, _, _ = _render()
    assert again == page  # same graph, same page: nothing jumps between reruns


def test_positions_do_not_depend_on_the_filters_or_node_order():
    universe = network_universe(_graph())
    full = layout_positions(universe)
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(universe.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(universe.edges(keys=True, data=True))))
    assert layout_positions(shuffled) == full
    nodes, _ = network_elements(
        universe, ViewFilters(labels=("Actor",)), DrawOptions(positions=full)
    )
    for row in nodes.itertuples():
        assert (row.x, row.y) == full[row.key]


def test_universe_leaves_out_observations():
    universe = network_universe(_graph())
    assert "Observation:o1" not in universe
    assert "Program:kampung_kb" in universe


def test_parallel_relationships_become_one_line_listing_both():
    page, _, edges = _render()
    assert len(edges) == 5
    drawn = _script_data(page, "jj-edges")
    assert len(drawn) == 4
    both = next(e for e in drawn if e["from"] == "Actor:bkkbn")
    assert "FUNDS" in both["title"] and "SUPPORTS" in both["title"]


def test_rel_type_filter():
    universe = network_universe(_graph())
    _, edges = network_elements(universe, ViewFilters(labels=None, rels=("LEADS",)))
    assert edges["rel_type"].tolist() == ["LEADS"]


@pytest.mark.parametrize("height", ["650px;} body{display:none", "tall", "650"])
def test_height_must_be_a_plain_length(height):
    nodes = pd.DataFrame([{"key": "Actor:a", "name": "A"}])
    with pytest.raises(ValueError):
        render_network_html(nodes, pd.DataFrame(columns=["source", "target"]), height=height)


def test_colours_that_are_not_hex_are_replaced():
    nodes = pd.DataFrame([{"key": "Actor:a", "name": "A", "color": "red;background:url(x)"}])
    page = render_network_html(
        nodes,
        pd.DataFrame(columns=["source", "target"]),
        legend=[{"text": "a", "color": "url(x)", "shape": "dot"}],
    )
    assert "url(x)" not in page
    assert _script_data(page, "jj-nodes")[0]["color"] == "#7f7f7f"


def test_the_picked_node_is_highlighted_only_when_drawn():
    universe = network_universe(_graph())
    nodes, edges = network_elements(universe)
    page = render_network_html(nodes, edges, selected="Actor:kades")
    assert _script_data(page, "jj-selected") == "Actor:kades"
    assert "network.selectNodes(" in page
    gone = render_network_html(nodes, edges, selected="Actor:not_drawn")
    assert _script_data(gone, "jj-selected") is None


IMG = "<img src=x onerror=alert(1)>"


def _one_node(name: str = IMG, **extra) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "key": "Actor:x",
                "name": name,
                "title": f"{name}\nType: {name}",
                "color": "#1f77b4",
                **extra,
            }
        ]
    )


def test_an_img_payload_is_only_text():
    page = render_network_html(
        _one_node(),
        pd.DataFrame(columns=["source", "target"]),
        legend=[{"text": IMG, "color": "#1f77b4", "shape": "dot"}],
    )
    assert IMG not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page  # the legend, as text
    assert "http://" not in page and "https://" not in page


def test_png_button_saves_the_canvas_without_any_script_from_outside():
    page = render_network_html(
        _one_node("A"), pd.DataFrame(columns=["source", "target"]), png_label="Unduh PNG"
    )
    assert '<button type="button" id="jj-png">Unduh PNG</button>' in page
    assert 'toDataURL("image/png")' in page and "jejaring.png" in page
    assert not re.search(r"<script[^>]+src=", page)
    with pytest.raises(ValueError):
        render_network_html(
            _one_node("A"), pd.DataFrame(columns=["source", "target"]), png_name="../x.png"
        )


def test_collaboration_weight_sets_the_line_width_and_the_path_is_dashed():
    nodes = pd.DataFrame(
        [
            {"key": "Actor:a", "name": "A", "highlight": True},
            {"key": "Actor:b", "name": "B", "highlight": False},
        ]
    )
    edges = pd.DataFrame(
        [
            {
                "source": "Actor:a",
                "target": "Actor:b",
                "rel_type": "PATH",
                "weight": 3.0,
                "highlight": True,
            }
        ]
    )
    page = render_network_html(nodes, edges)
    data = json.loads(re.search(r'id="jj-edges">(.*?)</script>', page, re.S).group(1))
    assert data[0]["width"] == 5.0 and data[0]["dashes"] is True
    node_data = json.loads(re.search(r'id="jj-nodes">(.*?)</script>', page, re.S).group(1))
    assert node_data[0]["borderWidth"] == 4


def test_physics_when_asked():
    page = render_network_html(
        _one_node("A"), pd.DataFrame(columns=["source", "target"]), physics=True
    )
    assert '"solver": "forceAtlas2Based"' in page and '"iterations": 150' in page


def test_names_are_placed_picked_node_first_then_the_most_connected():
    universe = network_universe(_graph())
    nodes, edges = network_elements(
        universe, ViewFilters(labels=None), DrawOptions(positions=layout_positions(universe))
    )
    plain = _script_data(render_network_html(nodes, edges), "jj-labels")
    # Kampung KB has four lines, BKKBN and the village head two each (then by name), others one
    assert plain["order"][:3] == ["Program:kampung_kb", "Actor:bkkbn", "Actor:kades"]
    assert sorted(plain["order"]) == sorted(nodes["key"])
    assert plain["px"] >= 11 and plain["steps"] and len(plain["spots"]) == 8
    picked = _script_data(render_network_html(nodes, edges, selected="Actor:kodim"), "jj-labels")
    assert picked["order"][0] == "Actor:kodim"
    led = _script_data(render_network_html(nodes, edges, lead=["Actor:bkkbn"]), "jj-labels")
    assert led["order"][0] == "Actor:bkkbn"


def test_long_names_are_cut_on_the_canvas_only():
    page, _, _ = _render()
    records = {n["id"]: n for n in _script_data(page, "jj-nodes")}
    caption = records["Actor:kodim"]["caption"]
    assert caption == "Kodim 0602 Serang"
    evil = records["Actor:evil"]
    assert all(len(line) <= 18 for line in evil["caption"].split("\n"))
    assert html.escape(XSS) in evil["title"]  # the tooltip keeps the whole name
