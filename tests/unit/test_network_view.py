"""What the network page draws: combined filters, programme scope, years, sizes, positions."""

from __future__ import annotations

import networkx as nx
import pytest

from drawing.elements import DrawOptions, network_elements
from drawing.layout import layout_positions, level_positions
from drawing.style import SECTOR_COLOURS, legend_items, scaled_sizes
from drawing.view import WHOLE_GRAPH, ViewFilters, network_universe
from queries.scope import in_window, programme_scope, year_range


def _graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for aid, atype, sector, level in (
        ("kades", "village_government", "governance", "desa"),
        ("bkkbn", "government_office", "family_planning", "national"),
        ("kader", "cadre", "health", "dusun_rw"),
        ("puskesmas", "health_facility", "health", "kecamatan"),
    ):
        g.add_node(
            f"Actor:{aid}",
            label="Actor",
            id=aid,
            name=aid.upper(),
            actor_type=atype,
            sector=sector,
            level=level,
        )
    g.add_node("Program:kb", label="Program", id="kb", name="Kampung KB", start="2017")
    g.add_node("Program:posyandu", label="Program", id="posyandu", name="Posyandu")
    g.add_node(
        "Intervention:pmt",
        label="Intervention",
        id="pmt",
        name="PMT",
        start="2023-01",
        end="2023-06",
    )
    g.add_edge("Actor:kades", "Program:kb", key="LEADS")
    g.add_edge("Actor:bkkbn", "Program:kb", key="SUPPORTS", date="2018")
    g.add_edge("Intervention:pmt", "Program:posyandu", key="PART_OF")
    g.add_edge("Actor:kader", "Intervention:pmt", key="IMPLEMENTS")
    g.add_edge("Actor:puskesmas", "Actor:kader", key="SUPPORTS")
    return g


def _keys(**filters) -> list[str]:
    view = ViewFilters(**{"labels": None, **filters})
    return network_elements(network_universe(_graph()), view)[0]["key"].tolist()


def test_filters_combine():
    assert _keys(labels=("Actor",), sectors=("health",)) == ["Actor:kader", "Actor:puskesmas"]
    assert _keys(labels=("Actor",), sectors=("health",), levels=("kecamatan",)) == [
        "Actor:puskesmas"
    ]
    assert _keys(labels=("Actor",), types=("cadre", "village_government"), sectors=("health",)) == [
        "Actor:kader"
    ]


def test_actor_filters_leave_other_nodes_alone():
    assert "Program:kb" in _keys(sectors=("health",), types=("cadre",))


def test_programme_scope_holds_its_interventions_and_their_actors():
    scope = programme_scope(_graph(), "Program:posyandu")
    assert scope == {"Program:posyandu", "Intervention:pmt", "Actor:kader"}
    assert _keys(programme="Program:posyandu") == sorted(scope)
    assert programme_scope(_graph(), "Program:missing") == set()
    assert _keys(programme="Program:missing") == []


def test_years_drop_dated_nodes_and_relationships_and_keep_undated():
    view = ViewFilters(labels=None, years=(2019, 2022))
    nodes, edges = network_elements(network_universe(_graph()), view)
    keys = nodes["key"].tolist()
    assert "Intervention:pmt" not in keys  # 2023
    assert "Program:kb" in keys  # started 2017, still running
    assert "Program:posyandu" in keys and "Actor:kades" in keys  # undated
    assert ("Actor:bkkbn", "Program:kb") not in set(
        zip(edges["source"], edges["target"], strict=True)
    )
    assert year_range(_graph()) == (2017, 2023)
    assert in_window(None, None, (2000, 2001))


def test_colour_by_sector_uses_sector_colours_and_legend_follows():
    view = ViewFilters(labels=("Actor",), colour="sector")
    nodes, _ = network_elements(network_universe(_graph()), view)
    assert set(nodes["color"]) == {
        SECTOR_COLOURS[s] for s in ("governance", "family_planning", "health")
    }
    assert {item["category"] for item in legend_items(nodes)} == {
        "governance",
        "family_planning",
        "health",
    }
    with pytest.raises(ValueError):
        network_elements(_graph(), ViewFilters(colour="mood"))


def test_sizes_and_weights_and_path():
    sizes = scaled_sizes({"Actor:kades": 1, "Actor:bkkbn": 3, "Actor:kader": float("nan")})
    assert sizes == {"Actor:kades": 10.0, "Actor:bkkbn": 40.0, "Actor:kader": 10.0}
    assert scaled_sizes({"a": 2, "b": 2}) == {"a": 25.0, "b": 25.0}
    weights = {frozenset(("Actor:puskesmas", "Actor:kader")): 3}
    nodes, edges = network_elements(
        _graph(),
        ViewFilters(labels=("Actor",)),
        DrawOptions(sizes=sizes, weights=weights, path=[("Actor:kades", "Actor:kader")]),
    )
    assert nodes.set_index("key").loc["Actor:bkkbn", "size"] == 40.0
    supports = edges[edges["rel_type"] == "SUPPORTS"].iloc[0]
    assert supports["weight"] == 3
    drawn_path = edges[edges["rel_type"] == "PATH"]
    assert drawn_path[["source", "target"]].values.tolist() == [["Actor:kades", "Actor:kader"]]
    assert nodes.set_index("key").loc["Actor:kades", "highlight"]


def test_positions_of_the_whole_graph_do_not_move_with_filters():
    universe = network_universe(_graph())
    positions = layout_positions(universe)
    options = DrawOptions(positions=positions)
    all_nodes = network_elements(universe, WHOLE_GRAPH, options)[0].set_index("key")
    few_view = ViewFilters(labels=("Actor",), sectors=("health",))
    few = network_elements(universe, few_view, options)[0].set_index("key")
    for key in few.index:
        assert (few.loc[key, "x"], few.loc[key, "y"]) == (
            all_nodes.loc[key, "x"],
            all_nodes.loc[key, "y"],
        )
    assert layout_positions(universe) == positions  # seeded


def test_level_positions_go_from_national_down_and_keep_other_nodes_below():
    universe = network_universe(_graph())
    pos = level_positions(universe, layout_positions(universe))
    assert pos["Actor:bkkbn"][1] < pos["Actor:puskesmas"][1] < pos["Actor:kades"][1]
    assert pos["Actor:kades"][1] < pos["Actor:kader"][1] < pos["Program:kb"][1]
    assert set(pos) == set(universe.nodes)


def test_small_parts_sit_beside_the_main_one_and_other_kinds_leave_it_in_place():
    g = nx.MultiDiGraph()
    main = [f"Actor:m{i}" for i in range(8)]
    for key in [*main, "Actor:alone", "Program:apart"]:
        g.add_node(key, label=key.partition(":")[0])
    for a, b in zip(main, main[1:], strict=False):
        g.add_edge(a, b, key="COLLABORATES_WITH")
    core = layout_positions(g)
    right_of_main = max(core[k][0] for k in main)
    assert core["Actor:alone"][0] > right_of_main and core["Program:apart"][0] > right_of_main
    # places and policies settle around the actors they are linked to, moving none of them
    g.add_node("Place:desa", label="Place")
    g.add_node("Place:far", label="Place")
    g.add_edge("Actor:m0", "Place:desa", key="LOCATED_IN")
    everything = layout_positions(g)
    assert {k: everything[k] for k in core} == core
    assert everything["Place:far"][0] > max(x for k, (x, _) in core.items())
