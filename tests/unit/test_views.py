"""Focused views on small fixed graphs: ego networks by depth and type, shortest paths with
the reason for every hop, neighbours by relationship type."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.schema import SchemaViolation
from queries.collaboration import collaboration_projection
from queries.views import NEIGHBOUR_COLUMNS, ego_network, neighbours_by_type, shortest_paths


def loc(paragraph: int) -> dict:
    return {"source": "s", "section": "Hasil", "paragraph": paragraph}


@pytest.fixture()
def G() -> nx.MultiDiGraph:
    """kades -LEADS-> tpps <-MEMBER_OF- bidan; kades -IMPLEMENTS-> visit <-SUPPORTS- kua;
    baznas -FUNDS-> food -TARGETS-> krs; kua -COLLABORATES_WITH-> baznas; lonely alone."""
    G = nx.MultiDiGraph()
    for label, node_id, name in [
        ("Actor", "kades", "Kepala Desa"),
        ("Actor", "tpps", "TPPS"),
        ("Actor", "bidan", "Bidan"),
        ("Actor", "kua", "KUA"),
        ("Actor", "baznas", "Baznas"),
        ("Actor", "lonely", "Sepi"),
        ("Intervention", "visit", "Kunjungan rumah"),
        ("Intervention", "food", "Paket sembako"),
        ("TargetGroup", "krs", "KRS"),
    ]:
        G.add_node(f"{label}:{node_id}", label=label, id=node_id, name=name, name_en=f"{name} (en)")
    for n, (u, v, rel) in enumerate(
        [
            ("Actor:kades", "Actor:tpps", "LEADS"),
            ("Actor:bidan", "Actor:tpps", "MEMBER_OF"),
            ("Actor:kades", "Intervention:visit", "IMPLEMENTS"),
            ("Actor:kua", "Intervention:visit", "SUPPORTS"),
            ("Actor:baznas", "Intervention:food", "FUNDS"),
            ("Intervention:food", "TargetGroup:krs", "TARGETS"),
            ("Actor:kua", "Actor:baznas", "COLLABORATES_WITH"),
        ],
        start=1,
    ):
        G.add_edge(u, v, key=rel, type=rel, evidence=[loc(n)], description=f"d{n}")
    return G


def test_ego_depth_one_two_three(G):
    one = ego_network(G, "Actor:kades")
    assert dict(one.nodes(data="distance")) == {
        "Actor:kades": 0,
        "Actor:tpps": 1,
        "Intervention:visit": 1,
    }
    two = ego_network(G, "Actor:kades", depth=2)
    assert dict(two.nodes(data="distance")) == {
        "Actor:kades": 0,
        "Actor:tpps": 1,
        "Intervention:visit": 1,
        "Actor:bidan": 2,
        "Actor:kua": 2,
    }
    assert sorted(two.edges(keys=True)) == [
        ("Actor:bidan", "Actor:tpps", "MEMBER_OF"),
        ("Actor:kades", "Actor:tpps", "LEADS"),
        ("Actor:kades", "Intervention:visit", "IMPLEMENTS"),
        ("Actor:kua", "Intervention:visit", "SUPPORTS"),
    ]
    assert isinstance(two, nx.MultiDiGraph)
    assert two.nodes["Actor:kua"]["name"] == "KUA"  # properties come along
    three = ego_network(G, "Actor:kades", depth=3)
    assert set(three) - set(two) == {"Actor:baznas"}
    assert "Intervention:food" not in three


def test_ego_keeps_edges_among_members_and_copies_attributes(G):
    G.add_edge("Actor:bidan", "Intervention:visit", key="SUPPORTS", type="SUPPORTS", evidence=[])
    ego = ego_network(G, "Actor:kades", depth=1)
    assert ("Actor:tpps", "Intervention:visit") not in ego.edges()  # bidan is outside
    ego.nodes["Actor:kades"]["name"] = "changed"
    assert G.nodes["Actor:kades"]["name"] == "Kepala Desa"
    assert "distance" not in G.nodes["Actor:kades"]


def test_ego_by_relationship_type(G):
    ego = ego_network(G, "Actor:kades", depth=3, rel_types=["LEADS", "MEMBER_OF"])
    assert sorted(ego) == ["Actor:bidan", "Actor:kades", "Actor:tpps"]
    with pytest.raises(SchemaViolation):
        ego_network(G, "Actor:kades", rel_types=["KNOWS"])


@pytest.mark.parametrize("depth", [0, 4, 1.5, True])
def test_ego_depth_is_one_to_three(G, depth):
    with pytest.raises(ValueError):
        ego_network(G, "Actor:kades", depth=depth)


def test_ego_of_an_unknown_node(G):
    with pytest.raises(nx.NodeNotFound):
        ego_network(G, "Actor:nobody")


def test_ego_on_the_projection(G):
    P = collaboration_projection(G)
    ego = ego_network(P, "Actor:kades", depth=2)
    assert type(ego) is nx.Graph
    # kades leads tpps (bidan is a member); kades and kua work on the same visit; kua - baznas
    assert dict(ego.nodes(data="distance")) == {
        "Actor:kades": 0,
        "Actor:tpps": 1,
        "Actor:kua": 1,
        "Actor:bidan": 2,
        "Actor:baznas": 2,
    }
    assert ego["Actor:kades"]["Actor:kua"]["reasons"][0]["reason"] == "same_intervention"
    # Only ties that rest on MEMBER_OF: bidan-tpps, nothing from kades.
    assert sorted(ego_network(P, "Actor:bidan", depth=3, rel_types=["MEMBER_OF"])) == [
        "Actor:bidan",
        "Actor:tpps",
    ]


def test_shortest_path_hops_carry_their_reasons(G):
    P = collaboration_projection(G)
    (path,) = shortest_paths(P, "Actor:bidan", "Actor:baznas")
    assert [(h["from"], h["to"]) for h in path] == [
        ("Actor:bidan", "Actor:tpps"),
        ("Actor:tpps", "Actor:kades"),
        ("Actor:kades", "Actor:kua"),
        ("Actor:kua", "Actor:baznas"),
    ]
    assert [[r["reason"] for r in h["reasons"]] for h in path] == [
        ["member_of"],
        ["leads"],
        ["same_intervention"],
        ["collaborates"],
    ]
    shared = path[2]["reasons"][0]
    assert (shared["via"], shared["via_name"], shared["label_en"]) == (
        "Intervention:visit",
        "Kunjungan rumah",
        "work on the same intervention",
    )
    assert shared["rel_types"] == ["IMPLEMENTS", "SUPPORTS"]
    assert path[2]["evidence"] == [loc(3), loc(4)]
    assert (path[0]["from_name"], path[0]["to_name_en"]) == ("Bidan", "TPPS (en)")


def test_several_shortest_paths_in_a_fixed_order_and_capped():
    P = nx.Graph()
    for mid in ("Actor:m3", "Actor:m1", "Actor:m2"):
        for end in ("Actor:a", "Actor:b"):
            P.add_edge(
                end,
                mid,
                reasons=[
                    {
                        "reason": "collaborates",
                        "via": None,
                        "rel_types": ["COLLABORATES_WITH"],
                        "evidence": [],
                    }
                ],
            )
    P.add_edge("Actor:a", "Actor:x")
    P.add_edge("Actor:x", "Actor:y")
    P.add_edge("Actor:y", "Actor:b")
    paths = shortest_paths(P, "Actor:a", "Actor:b")
    assert [[h["to"] for h in p] for p in paths] == [
        ["Actor:m1", "Actor:b"],
        ["Actor:m2", "Actor:b"],
        ["Actor:m3", "Actor:b"],
    ]
    assert len(shortest_paths(P, "Actor:a", "Actor:b", max_paths=2)) == 2
    assert paths[0][0]["reasons"][0]["label_id"] == "bekerja sama langsung"


def test_no_path_and_bad_arguments(G):
    P = collaboration_projection(G)
    assert shortest_paths(P, "Actor:kades", "Actor:lonely") == []
    with pytest.raises(nx.NodeNotFound):
        shortest_paths(P, "Actor:kades", "Actor:nobody")
    with pytest.raises(ValueError):
        shortest_paths(P, "Actor:kades", "Actor:kua", max_paths=0)


def test_shortest_paths_on_the_full_graph_name_relationships(G):
    (path,) = shortest_paths(G, "Actor:kades", "Actor:kua")
    assert [(h["to"], [r["reason"] for r in h["reasons"]]) for h in path] == [
        ("Intervention:visit", ["IMPLEMENTS (->)"]),
        ("Actor:kua", ["SUPPORTS (<-)"]),
    ]
    assert path[1]["evidence"] == [loc(4)]


def test_neighbours_by_type(G):
    frame = neighbours_by_type(G, "Actor:kua")
    assert list(frame.columns) == NEIGHBOUR_COLUMNS
    assert frame[
        [
            "rel_type",
            "direction",
            "neighbour",
            "neighbour_label",
            "name_en",
            "description",
            "evidence_text",
        ]
    ].values.tolist() == [
        ["COLLABORATES_WITH", "out", "Actor:baznas", "Actor", "Baznas (en)", "d7", "Hasil ¶7"],
        [
            "SUPPORTS",
            "out",
            "Intervention:visit",
            "Intervention",
            "Kunjungan rumah (en)",
            "d4",
            "Hasil ¶4",
        ],
    ]
    incoming = neighbours_by_type(G, "Actor:tpps")
    assert incoming[["rel_type", "direction", "neighbour"]].values.tolist() == [
        ["LEADS", "in", "Actor:kades"],
        ["MEMBER_OF", "in", "Actor:bidan"],
    ]
    assert neighbours_by_type(G, "Actor:lonely").empty


def test_neighbours_on_the_projection_are_reasons(G):
    frame = neighbours_by_type(collaboration_projection(G), "Actor:kua")
    assert frame[["rel_type", "direction", "neighbour", "description_en"]].values.tolist() == [
        ["collaborates", "both", "Actor:baznas", "collaborate directly"],
        [
            "same_intervention",
            "both",
            "Actor:kades",
            "work on the same intervention: Kunjungan rumah (en)",
        ],
    ]
