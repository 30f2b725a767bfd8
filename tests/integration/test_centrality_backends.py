"""The collaboration network and its centrality table come out the same from both backends,
and Neo4j Graph Data Science agrees with NetworkX on PageRank and betweenness.

The measured differences with GDS are printed (run with ``-s``) and kept as test properties
(``--junitxml``), so a change in either library shows up as a number, not a surprise.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from graph.memory_store import MemoryStore
from graph.neo4j import gds
from loaders.case_study import load_case_study
from queries.centrality import betweenness, centrality_table, compare_scores, pagerank
from queries.collaboration import collaboration_projection
from tests.conftest import DATA, require

pytestmark = [pytest.mark.neo4j, pytest.mark.timeout(300)]

FLOAT_COLUMNS = [
    "weighted_degree",
    "betweenness",
    "closeness",
    "eigenvector",
    "pagerank",
    "constraint",
    "effective_size",
]


@pytest.fixture(scope="module")
def memory_projection(sources_dir) -> nx.Graph:
    store = MemoryStore(None)
    load_case_study(store, DATA, sources_dir)
    return collaboration_projection(store.to_networkx())


@pytest.fixture(scope="module")
def neo4j_loaded(neo4j_module_store, sources_dir):
    load_case_study(neo4j_module_store, DATA, sources_dir)
    return neo4j_module_store


@pytest.fixture(scope="module")
def neo4j_projection(neo4j_loaded) -> nx.Graph:
    return collaboration_projection(neo4j_loaded.to_networkx())


def test_projection_is_the_same_from_both_backends(memory_projection, neo4j_projection):
    assert list(neo4j_projection.nodes(data=True)) == list(memory_projection.nodes(data=True))
    assert list(neo4j_projection.edges(data=True)) == list(memory_projection.edges(data=True))
    assert memory_projection.number_of_nodes() == 49 and memory_projection.number_of_edges() > 100


def test_centrality_table_is_the_same_from_both_backends(memory_projection, neo4j_projection):
    mem, neo = centrality_table(memory_projection), centrality_table(neo4j_projection)
    pd.testing.assert_frame_equal(neo.drop(columns=FLOAT_COLUMNS), mem.drop(columns=FLOAT_COLUMNS))
    for column in FLOAT_COLUMNS:
        assert neo[column].tolist() == pytest.approx(mem[column].tolist(), nan_ok=True), column


# -- Graph Data Science ----------------------------------------------------------------------------
def by_id(P: nx.Graph, scores: dict) -> dict[str, float]:
    return {P.nodes[v]["id"]: s for v, s in scores.items()}


@pytest.fixture(scope="module")
def driver(neo4j_loaded):
    try:
        version = gds.gds_version(neo4j_loaded.driver, database=neo4j_loaded.database)
    except Exception as exc:  # the procedure is unknown when the plugin is missing
        require(False, f"Graph Data Science is not installed on the test server: {exc}")
    require(version.startswith("2."), f"GDS 2.x expected, found {version}")
    return neo4j_loaded.driver


@pytest.fixture(scope="module", params=["whole", "main_component"])
def projected(request, driver, memory_projection):
    """The network in the GDS catalogue: all 49 actors, or only its largest component."""
    P = memory_projection
    if request.param == "main_component":
        P = P.subgraph(max(nx.connected_components(P), key=len)).copy()
    name = f"jejaring_collaboration_{request.param}"
    gds.drop_graph(driver, name)
    counts = gds.project_collaboration(driver, P, graph_name=name)
    yield request.param, P, name, counts
    gds.drop_graph(driver, name)


def test_gds_projection_has_every_actor_and_link(projected):
    _, P, _, counts = projected
    assert counts["nodes"] == P.number_of_nodes()
    assert counts["relationships"] == 2 * P.number_of_edges()  # undirected: stored both ways


def test_gds_betweenness_matches_networkx(projected, driver, record_property):
    scope, P, name, _ = projected
    theirs = gds.normalise_betweenness(gds.gds_betweenness(driver, name))
    ours = by_id(P, betweenness(P))
    found = compare_scores(ours, theirs)
    record_property(f"gds_betweenness_{scope}", found)
    print(f"\nGDS vs NetworkX betweenness ({scope}): {found}")
    assert found["actors"] == P.number_of_nodes() and not found["only_theirs"]
    assert found["max_abs_diff"] < 1e-9  # both exact: only float rounding may differ
    assert found["spearman"] == pytest.approx(1.0)


def test_gds_pagerank_agrees_with_networkx(projected, driver, record_property):
    scope, P, name, _ = projected
    theirs = gds.normalise_sum(gds.gds_pagerank(driver, name, damping=0.85, weighted=True))
    ours = by_id(P, pagerank(P, alpha=0.85, weight="weight"))
    found = compare_scores(ours, theirs)
    record_property(f"gds_pagerank_{scope}", found)
    print(f"\nGDS vs NetworkX weighted PageRank ({scope}): {found}")
    assert found["actors"] == P.number_of_nodes() and not found["only_theirs"]
    # same damping, same weights; once divided by their sum the GDS scores follow NetworkX's
    # definition (unlinked actors included), so only the iteration tolerance separates them
    assert found["max_abs_diff"] < 1e-6
    assert found["spearman"] == pytest.approx(1.0)
