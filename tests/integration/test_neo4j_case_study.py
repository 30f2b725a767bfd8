"""The case study in a real Neo4j: the CLI loads it with the same counts as the embedded
store, and every example Cypher query of the README answers what the embedded graph says."""

import json
from collections import Counter, defaultdict

import pytest

from graph.memory_store import MemoryStore
from loaders.case_study import load_case_study
from queries.cypher_examples import EXAMPLES, run_example
from tests.conftest import DATA, ROOT
from tests.unit.test_cli import run_cli

pytestmark = [pytest.mark.neo4j, pytest.mark.timeout(300)]


@pytest.fixture(scope="module")
def loaded(neo4j_module_store, sources_dir):
    load_case_study(neo4j_module_store, DATA, sources_dir)
    return neo4j_module_store


@pytest.fixture(scope="module")
def graph(sources_dir):
    memory = MemoryStore(None)
    load_case_study(memory, DATA, sources_dir)
    return memory.to_networkx()


def neo4j_env(server):
    return {"NEO4J_URI": server.bolt_uri, "NEO4J_PASSWORD": server.password,
            "NEO4J_USER": server.user, "NEO4J_DATABASE": "neo4j"}


def test_cli_load_and_stats_match_the_memory_backend(neo4j_server, neo4j_module_store, tmp_path,
                                                     sources_dir):
    neo4j_module_store.clear()
    env = neo4j_env(neo4j_server)
    loaded = run_cli("load", "--backend", "neo4j", workspace=tmp_path, extra_env=env)
    assert "into the neo4j store" in loaded.stdout
    neo = json.loads(run_cli("stats", "--backend", "neo4j", "--format", "json",
                             workspace=tmp_path, extra_env=env).stdout)
    mem = json.loads(run_cli("stats", "--backend", "memory", "--format", "json",
                             workspace=tmp_path).stdout)
    assert neo == mem
    again = json.loads(run_cli("stats", "--backend", "neo4j", "--format", "json",
                               workspace=tmp_path, extra_env=env).stdout)
    assert again == neo


def test_cli_names_the_uri_but_never_the_password(tmp_path):
    proc = run_cli("stats", "--backend", "neo4j", workspace=tmp_path, check=False,
                   extra_env={"NEO4J_URI": "bolt://127.0.0.1:9", "NEO4J_PASSWORD": "top-secret-pw"})
    assert proc.returncode == 2
    assert "bolt://127.0.0.1:9" in proc.stderr and "top-secret-pw" not in proc.stderr + proc.stdout


def rows(store, example_id, **params):
    example = next(e for e in EXAMPLES if e.id == example_id)
    return run_example(store.driver, example, database=store.database, **params)


def nodes_of(graph, label):
    return {n: d for n, d in graph.nodes(data=True) if d["label"] == label}


def test_every_example_is_shown_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for example in EXAMPLES:
        assert example.cypher in readme, example.id


def test_who_funds_what(loaded, graph):
    expected = sorted(
        (graph.nodes[u]["name"], graph.nodes[v]["name"], d.get("amount"), d.get("currency"))
        for u, v, k, d in graph.edges(keys=True, data=True) if k == "FUNDS")
    got = [(r["funder"], r["funded"], r["amount"], r["currency"]) for r in rows(loaded, "who_funds_what")]
    assert got == expected
    assert 20_000_000 in [r[2] for r in got]


def test_partners_of_the_village_head(loaded, graph):
    me = "Actor:kepala_desa_mongpok"
    expected = defaultdict(set)
    for u, v, k in graph.edges(keys=True):
        if me in (u, v):
            other = v if u == me else u
            if graph.nodes[other]["label"] == "Actor":
                expected[graph.nodes[other]["id"]].add(k)
    got = {r["partner_id"]: set(r["links"]) for r in rows(loaded, "partners_of_actor")}
    assert got == dict(expected) and got


def test_interventions_per_target_group(loaded, graph):
    expected = Counter(
        graph.nodes[v]["id"] for u, v, k in graph.edges(keys=True)
        if k == "TARGETS" and graph.nodes[u]["label"] == "Intervention")
    got = {r["target_group"]: r["interventions"] for r in rows(loaded, "interventions_per_target_group")}
    assert got == dict(expected)


def test_prevalence_series_of_mongpok(loaded, graph):
    got = rows(loaded, "prevalence_series")
    values = [r["value"] for r in got]
    assert values[0] == 55 and sorted(values, reverse=True) == sorted(values, reverse=True)
    expected = {
        graph.nodes[u]["id"]
        for u, v, k in graph.edges(keys=True)
        if k == "OBSERVED_FOR" and v == "Indicator:stunting_prevalence"
        and graph.has_edge(u, "Place:desa_mongpok", key="OBSERVED_IN")
    }
    assert {r["observation"] for r in got} == expected
    assert {r["instrument"] for r in got} == {graph.nodes[f"Observation:{o}"]["instrument"] for o in expected}


def test_implementers_of_kampung_kb(loaded, graph):
    expected = defaultdict(set)
    for a, i, k in graph.edges(keys=True):
        if k == "IMPLEMENTS" and graph.nodes[i]["label"] == "Intervention" and graph.has_edge(
                i, "Program:kampung_kb", key="PART_OF"):
            expected[graph.nodes[a]["id"]].add(graph.nodes[i]["id"])
    got = {r["actor"]: set(r["interventions"]) for r in rows(loaded, "implementers_of_program")}
    assert got == dict(expected) and got


def test_barriers_and_what_they_hinder(loaded, graph):
    expected = sorted(
        (graph.nodes[u]["id"], graph.nodes[v]["id"]) for u, v, k in graph.edges(keys=True)
        if k == "HINDERS" and graph.nodes[u].get("factor_kind") == "barrier")
    got = [(r["barrier"], r["hindered"]) for r in rows(loaded, "barriers_and_what_they_hinder")]
    assert got == expected and got


def test_place_hierarchy_of_mongpok(loaded):
    got = rows(loaded, "place_hierarchy")
    assert [r["level"] for r in got] == ["desa", "kecamatan", "kabupaten", "province", "country"]
    assert [r["kemendagri"] for r in got[:4]] == ["36.04.23.2015", "36.04.23", "36.04", "36"]
    assert [r["bps"] for r in got[:4]] == ["3604080010", "3604080", "3604", "36"]


def test_actors_by_level(loaded, graph):
    expected = Counter(d["level"] for d in nodes_of(graph, "Actor").values())
    assert {r["level"]: r["actors"] for r in rows(loaded, "actors_by_level")} == dict(expected)


def test_reported_contributions_are_never_measured(loaded, graph):
    got = rows(loaded, "reported_contributions")
    expected = sorted(
        (graph.nodes[u]["id"], graph.nodes[v]["id"], d["claim"])
        for u, v, k, d in graph.edges(keys=True, data=True) if k == "CONTRIBUTES_TO")
    assert [(r["contributor"], r["indicator"], r["claim"]) for r in got] == expected
    assert {r["claim"] for r in got} == {"reported_by_informants"}
