"""Centrality, brokerage and structure checked against values worked out by hand on small
graphs (a path, a star, two triangles joined by a bridge), plus the case study's table."""

from __future__ import annotations

import math

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from graph.memory_store import MemoryStore
from loaders.case_study import load_case_study
from queries.centrality import (
    DESCRIPTIVE_COLUMNS,
    METRICS,
    betweenness,
    brokers,
    centrality_table,
    closeness,
    communities,
    constraint,
    core_number,
    cut_off,
    effective_size,
    eigenvector,
    pagerank,
    rank_correlation,
    single_points_of_failure,
    weighted_degree,
)
from queries.collaboration import collaboration_projection
from tests.conftest import DATA

approx = pytest.approx


@pytest.fixture()
def path4() -> nx.Graph:
    return nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])


@pytest.fixture()
def star4() -> nx.Graph:
    """A hub with four spokes."""
    return nx.Graph([("hub", s) for s in ("s1", "s2", "s3", "s4")])


@pytest.fixture()
def bridged() -> nx.Graph:
    """Triangles 1-2-3 and 4-5-6 joined by the link 3-4."""
    return nx.Graph([(1, 2), (2, 3), (1, 3), (3, 4), (4, 5), (5, 6), (4, 6)])


# -- betweenness and closeness -----------------------------------------------------------------
def test_betweenness_by_hand(path4, star4, bridged):
    # path: b lies on a-c and a-d, 2 of the 3 pairs not involving b
    assert betweenness(path4) == approx({"a": 0, "b": 2 / 3, "c": 2 / 3, "d": 0})
    # star: the hub lies on all 6 spoke pairs
    assert betweenness(star4) == approx({"hub": 1, "s1": 0, "s2": 0, "s3": 0, "s4": 0})
    # bridge ends: 2 x 3 pairs of the 10 not involving the node
    assert betweenness(bridged) == approx({1: 0, 2: 0, 3: 0.6, 4: 0.6, 5: 0, 6: 0})


def test_betweenness_is_sampled_above_the_threshold_with_a_fixed_seed():
    G = nx.connected_watts_strogatz_graph(60, 4, 0.2, seed=1)
    exact = betweenness(G)
    sampled = betweenness(G, exact_max=50, k=10, seed=3)
    assert sampled == betweenness(G, exact_max=50, k=10, seed=3)  # repeatable
    assert sampled != approx(exact)  # really an estimate
    assert exact == approx(nx.betweenness_centrality(G))
    assert rank_correlation(sampled, exact) > 0.5


def test_closeness_by_hand(path4, star4, bridged):
    assert closeness(path4) == approx({"a": 3 / 6, "b": 3 / 4, "c": 3 / 4, "d": 3 / 6})
    assert closeness(star4)["hub"] == 1.0 and closeness(star4)["s1"] == approx(4 / 7)
    assert closeness(bridged)[1] == approx(5 / 10) and closeness(bridged)[3] == approx(5 / 7)


def test_closeness_of_a_small_separate_group_is_scaled_down():
    G = nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("x", "y")])
    # x reaches 1 of 5 others at distance 1: (1/1) * (1/5)
    assert closeness(G)["x"] == approx(0.2)
    assert closeness(G)["b"] == approx((3 / 4) * (3 / 5))


# -- strength-based metrics ----------------------------------------------------------------------
def test_weighted_degree_sums_reasons():
    G = nx.Graph([("a", "b", {"weight": 2}), ("a", "c", {"weight": 3}), ("c", "d")])
    assert weighted_degree(G) == {"a": 5.0, "b": 2.0, "c": 4.0, "d": 1.0}


def test_pagerank_by_hand_on_a_star():
    # hub: h = 0.15/4 + 0.85 * 3 l ; spoke: l = 0.15/4 + 0.85 h / 3 ; h + 3 l = 1
    hub = 0.8875 / 1.85
    scores = pagerank(nx.star_graph(3))
    assert scores == approx({0: hub, 1: (1 - hub) / 3, 2: (1 - hub) / 3, 3: (1 - hub) / 3})


def test_pagerank_spreads_an_isolated_actors_share_over_everyone():
    G = nx.Graph([("a", "b")])
    G.add_node("alone")
    # alone: x = 0.15/3 + 0.85 x/3  ->  x = 0.05 / (1 - 0.85/3)
    alone = 0.05 / (1 - 0.85 / 3)
    assert pagerank(G) == approx({"a": (1 - alone) / 2, "b": (1 - alone) / 2, "alone": alone})


def test_pagerank_matches_networkx_with_weights():
    G = nx.connected_watts_strogatz_graph(40, 4, 0.3, seed=5)
    for i, (u, v) in enumerate(G.edges()):
        G[u][v]["weight"] = 1 + i % 3
    G.add_node("alone")
    expected = _pagerank_python(G, alpha=0.85, weight="weight", tol=1e-12, max_iter=1000)
    assert pagerank(G) == approx(expected, abs=1e-9)
    assert sum(pagerank(G).values()) == approx(1.0)


def test_eigenvector_by_hand(star4):
    # star K1,3: eigenvalue sqrt(3), hub 1/sqrt(2), spokes 1/sqrt(6)
    assert eigenvector(nx.star_graph(3)) == approx(
        {0: 1 / math.sqrt(2), 1: 1 / math.sqrt(6), 2: 1 / math.sqrt(6), 3: 1 / math.sqrt(6)}
    )
    G = nx.connected_watts_strogatz_graph(30, 4, 0.3, seed=2)
    for i, (u, v) in enumerate(G.edges()):
        G[u][v]["weight"] = 1 + i % 2
    assert eigenvector(G) == approx(
        nx.eigenvector_centrality(G, weight="weight", tol=1e-12, max_iter=10_000), abs=1e-6
    )


def test_eigenvector_on_a_disconnected_network_lives_on_the_strongest_component():
    G = nx.Graph([(1, 2), (2, 3), (1, 3), ("x", "y")])
    G.add_node("alone")
    # the triangle's eigenvalue 2 beats the pair's 1: only the triangle scores
    assert eigenvector(G) == approx(
        {1: 3**-0.5, 2: 3**-0.5, 3: 3**-0.5, "x": 0, "y": 0, "alone": 0}
    )
    twins = nx.Graph([(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6)])
    assert eigenvector(twins) == approx({n: 6**-0.5 for n in twins})  # a tie: both, equally
    assert eigenvector(nx.empty_graph(3)) == {0: 0.0, 1: 0.0, 2: 0.0}


# -- brokerage -------------------------------------------------------------------------------------
def test_constraint_by_hand(path4, star4, bridged):
    assert constraint(star4) == approx(
        {"hub": 4 * (1 / 4) ** 2, "s1": 1, "s2": 1, "s3": 1, "s4": 1}
    )
    assert constraint(path4)["b"] == approx(0.5)
    # node 1: (1/2 + 1/2*1/3)^2 + (1/2 + 1/2*1/2)^2 ; node 3: 2 * (1/3 + 1/3*1/2)^2 + (1/3)^2
    assert constraint(bridged)[1] == approx(4 / 9 + 9 / 16)
    assert constraint(bridged)[3] == approx(11 / 18)


def test_effective_size_by_hand(star4, bridged):
    assert effective_size(star4)["hub"] == approx(4)
    # n - 2t/n: node 3 has 3 partners, one tie among them; node 1 has 2 partners, tied
    assert effective_size(bridged)[3] == approx(3 - 2 / 3)
    assert effective_size(bridged)[1] == approx(1)
    lonely = nx.Graph([("a", "b")])
    lonely.add_node("c")
    assert math.isnan(effective_size(lonely)["c"]) and math.isnan(constraint(lonely)["c"])


def test_structural_holes_match_networkx_with_weights():
    G = nx.gnm_random_graph(60, 150, seed=4)
    for i, (u, v) in enumerate(G.edges()):
        G[u][v]["weight"] = 1 + i % 3
    G.add_node("alone")
    nodes = list(G)
    assert constraint(G) == approx(nx.constraint(G, nodes=nodes, weight="weight"), nan_ok=True)
    assert effective_size(G) == approx(
        nx.effective_size(G, nodes=nodes, weight="weight"), nan_ok=True
    )
    assert effective_size(G, weight=None) == approx(nx.effective_size(G, nodes=nodes), nan_ok=True)


def test_brokers_rank_the_bridge_ends_first(bridged):
    table = brokers(bridged)
    assert table["actor"].tolist()[:2] == [3, 4]
    assert table["constraint"].tolist()[0] == approx(11 / 18)
    assert set(table["actor"]) == {1, 2, 3, 4, 5, 6}


# -- structure ---------------------------------------------------------------------------------------
def test_core_number_by_hand(path4, bridged):
    assert core_number(path4) == {"a": 1, "b": 1, "c": 1, "d": 1}
    assert core_number(bridged) == {n: 2 for n in bridged}
    k4_with_tail = nx.complete_graph(4)
    k4_with_tail.add_edge(3, "tail")
    assert core_number(k4_with_tail) == {0: 3, 1: 3, 2: 3, 3: 3, "tail": 1}


def test_single_points_of_failure_by_hand(bridged, star4, path4):
    table = single_points_of_failure(bridged)
    assert table[["kind", "actor", "other", "cut_off", "pieces"]].values.tolist() == [
        ["link", 3, 4, 3, [3, 3]],
        ["actor", 3, None, 2, [3, 2]],
        ["actor", 4, None, 2, [3, 2]],
    ]
    assert cut_off(star4) == {"hub": 3, "s1": 0, "s2": 0, "s3": 0, "s4": 0}
    assert cut_off(path4) == {"a": 0, "b": 1, "c": 1, "d": 0}
    links = single_points_of_failure(path4).query("kind == 'link'")
    assert sorted(zip(links["actor"], links["other"], strict=True)) == [
        ("a", "b"),
        ("b", "c"),
        ("c", "d"),
    ]


def test_separations_agree_with_networkx_on_a_random_network():
    G = nx.gnm_random_graph(200, 230, seed=11)
    table = single_points_of_failure(G)
    assert set(table.query("kind == 'actor'")["actor"]) == set(nx.articulation_points(G))
    links = table.query("kind == 'link'")
    assert {frozenset(e) for e in zip(links["actor"], links["other"], strict=True)} == {
        frozenset(e) for e in nx.bridges(G)
    }
    for v in list(nx.articulation_points(G))[:20]:
        H = G.copy()
        H.remove_node(v)
        comp = nx.node_connected_component(G, v)
        parts = [len(c) for c in nx.connected_components(H.subgraph(comp - {v}))]
        assert cut_off(G)[v] == sum(parts) - max(parts)


def test_communities_of_two_triangles(bridged):
    table = communities(bridged)
    assert table["community"].tolist() == [1, 1, 1, 2, 2, 2]
    assert table["actor"].tolist() == [1, 2, 3, 4, 5, 6]
    assert table["community_size"].tolist() == [3] * 6
    # modularity by hand: 2 * (3/7 - (7/14)^2)
    assert table.attrs["modularity"] == approx(2 * (3 / 7 - 0.25))


# -- the table ------------------------------------------------------------------------------------------
def actors_graph(G: nx.Graph) -> nx.Graph:
    P = nx.Graph()
    for n in G:
        P.add_node(f"Actor:{n}", id=str(n), name=f"Aktor {n}", level="desa")
    P.add_edges_from((f"Actor:{u}", f"Actor:{v}", {"weight": 1}) for u, v in G.edges())
    return P


def test_table_ranks_one_as_most_central_with_shared_ranks_for_ties(bridged):
    P = actors_graph(bridged)
    P.add_node("Actor:alone", id="alone", name="Aktor alone", level="desa")
    table = centrality_table(P).set_index("id")
    assert table.loc["3", "rank_betweenness"] == 1 and table.loc["4", "rank_betweenness"] == 1
    assert table.loc["1", "rank_betweenness"] == 3  # four nodes tie at 0 and share rank 3
    assert table.loc["3", "rank_constraint"] == 1  # lowest constraint ranks first
    assert table.loc["alone", "rank_constraint"] == 7  # no value: last
    assert bool(table.loc["3", "articulation_point"]) and not table.loc["1", "articulation_point"]
    assert table.loc["alone", "eigenvector"] == 0 and table.loc["alone", "degree"] == 0
    assert table["pagerank"].sum() == approx(1)
    assert sorted(table["community"].unique()) == [1, 2, 3]


def test_table_does_not_depend_on_node_order(bridged):
    P = actors_graph(bridged)
    reversed_P = nx.Graph()
    reversed_P.add_nodes_from(reversed(list(P.nodes(data=True))))
    reversed_P.add_edges_from(reversed(list(P.edges(data=True))))
    a, b = centrality_table(P), centrality_table(reversed_P)
    assert a.drop(columns=["closeness", "eigenvector", "pagerank"]).equals(
        b.drop(columns=["closeness", "eigenvector", "pagerank"])
    )
    for column in ("closeness", "eigenvector", "pagerank"):
        assert a[column].tolist() == approx(b[column].tolist())


def test_every_metric_column_is_explained_in_both_languages(bridged):
    table = centrality_table(actors_graph(bridged))
    metric_columns = [
        c for c in table.columns if c not in DESCRIPTIVE_COLUMNS and not c.startswith("rank_")
    ]
    assert metric_columns == list(METRICS)
    assert all(c[len("rank_") :] in METRICS for c in table.columns if c.startswith("rank_"))
    for key, info in METRICS.items():
        for field in ("id_name", "en_name", "id_help", "en_help"):
            assert info[field].strip(), (key, field)
        assert info["id_help"] != info["en_help"], key


def test_unknown_metric_is_refused(bridged):
    with pytest.raises(ValueError, match="unknown metrics"):
        centrality_table(bridged, metrics={"fame"})


def test_rank_correlation():
    assert rank_correlation({"a": 1, "b": 2, "c": 3}, {"a": 3, "b": 2, "c": 1}) == approx(-1)
    assert math.isnan(rank_correlation({"a": 1, "b": 1}, {"a": 1, "b": 2}))


def test_case_study_table(sources_dir):
    store = MemoryStore(None)
    load_case_study(store, DATA, sources_dir)
    P = collaboration_projection(store.to_networkx())
    table = centrality_table(P)
    assert len(table) == 49 and table["actor"].is_unique
    assert table["pagerank"].sum() == approx(1)
    assert table["rank_pagerank"].tolist() == sorted(table["rank_pagerank"])
    isolated = table[table["degree"] == 0]
    assert (isolated["eigenvector"] == 0).all() and (isolated["cut_off"] == 0).all()
    assert set(table.loc[table["articulation_point"], "actor"]) == set(nx.articulation_points(P))
