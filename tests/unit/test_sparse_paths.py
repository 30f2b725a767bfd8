"""Shortest-path measures over a sparse matrix against NetworkX's own."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from pytest import approx

from queries.centrality import betweenness, closeness, rank_correlation
from queries.sparse_paths import adjacency, betweenness_scores, closeness_scores


@pytest.fixture(scope="module")
def parts() -> nx.Graph:
    """Several connected parts of different sizes, a pair and two lone actors."""
    G = nx.disjoint_union_all(
        [
            nx.connected_watts_strogatz_graph(120, 4, 0.2, seed=1),
            nx.barabasi_albert_graph(60, 2, seed=2),
            nx.path_graph(7),
            nx.complete_graph(2),
            nx.empty_graph(2),
        ]
    )
    return nx.relabel_nodes(G, {i: f"Actor:{i}" for i in G})


def test_adjacency_is_unweighted_symmetric_and_without_loops():
    G = nx.Graph([("a", "b", {"weight": 3}), ("b", "c", {"weight": 2})])
    G.add_edge("c", "c")
    nodes, A = adjacency(G)
    assert nodes == ["a", "b", "c"]
    assert A.toarray().tolist() == [[0, 1, 0], [1, 0, 1], [0, 1, 0]]


def test_exact_betweenness_equals_networkx(parts):
    nodes, A = adjacency(parts)
    ours = dict(zip(nodes, betweenness_scores(A), strict=True))
    assert ours == approx(nx.betweenness_centrality(parts, normalized=True), abs=1e-12)


def test_closeness_with_every_part_exact_equals_networkx(parts):
    nodes, A = adjacency(parts)
    scores, estimated = closeness_scores(A, exact_max=1000, k=16)
    assert estimated == 0
    expected = nx.closeness_centrality(parts, wf_improved=True)
    assert dict(zip(nodes, scores, strict=True)) == approx(expected, abs=1e-12)


def test_closeness_of_a_large_part_is_estimated_and_small_parts_stay_exact(parts):
    expected = nx.closeness_centrality(parts, wf_improved=True)
    nodes, A = adjacency(parts)
    scores, estimated = closeness_scores(A, exact_max=100, k=24, seed=5)
    assert estimated == 120  # only the part of 120 actors is above the threshold
    again, _ = closeness_scores(A, exact_max=100, k=24, seed=5)
    assert np.array_equal(scores, again)  # seeded
    got = dict(zip(nodes, scores, strict=True))
    big = [f"Actor:{i}" for i in range(120)]
    rest = [n for n in nodes if n not in big]
    assert {n: got[n] for n in rest} == approx({n: expected[n] for n in rest}, abs=1e-12)
    assert {n: got[n] for n in big} != approx({n: expected[n] for n in big})  # an estimate
    # closeness values of one small-world part lie close together, so the estimate is
    # judged by its error first, its ranks second
    assert max(abs(got[n] - expected[n]) / expected[n] for n in big) < 0.15
    assert rank_correlation({n: got[n] for n in big}, {n: expected[n] for n in big}) > 0.75


def test_centrality_switches_to_the_sparse_measures_above_the_threshold():
    G = nx.connected_watts_strogatz_graph(400, 6, 0.1, seed=3)
    exact_b, exact_c = betweenness(G), closeness(G)
    assert exact_b == approx(nx.betweenness_centrality(G))
    sampled_b = betweenness(G, exact_max=100, k=64, seed=1)
    sampled_c = closeness(G, exact_max=100, k=64, seed=1)
    assert sampled_b == betweenness(G, exact_max=100, k=64, seed=1)
    assert sampled_b != approx(exact_b) and sampled_c != approx(exact_c)
    assert rank_correlation(sampled_b, exact_b) > 0.8
    assert max(abs(sampled_c[n] - exact_c[n]) / exact_c[n] for n in G) < 0.15
    assert rank_correlation(sampled_c, exact_c) > 0.8
