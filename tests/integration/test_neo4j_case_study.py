"""The case study in a real Neo4j: the CLI loads it with the same counts as the embedded
store, docs/neo4j.md shows the catalogue's Cypher as it runs, and known values come back."""

import json

import pytest

from graph.neo4j.questions import cypher_for
from tests.conftest import ROOT
from tests.unit.test_cli import run_cli

pytestmark = [pytest.mark.neo4j, pytest.mark.timeout(300)]


def neo4j_env(server):
    return {
        "NEO4J_URI": server.bolt_uri,
        "NEO4J_PASSWORD": server.password,
        "NEO4J_USER": server.user,
        "NEO4J_DATABASE": "neo4j",
    }


def test_cli_load_and_stats_match_the_memory_backend(
    neo4j_server, neo4j_module_store, tmp_path, sources_dir
):
    neo4j_module_store.clear()
    env = neo4j_env(neo4j_server)
    loaded = run_cli("load", "--backend", "neo4j", workspace=tmp_path, extra_env=env)
    assert "into the neo4j store" in loaded.stdout
    neo = json.loads(
        run_cli(
            "stats", "--backend", "neo4j", "--format", "json", workspace=tmp_path, extra_env=env
        ).stdout
    )
    mem = json.loads(
        run_cli("stats", "--backend", "memory", "--format", "json", workspace=tmp_path).stdout
    )
    assert neo == mem
    again = json.loads(
        run_cli(
            "stats", "--backend", "neo4j", "--format", "json", workspace=tmp_path, extra_env=env
        ).stdout
    )
    assert again == neo


def test_cli_names_the_uri_but_never_the_password(tmp_path):
    proc = run_cli(
        "stats",
        "--backend",
        "neo4j",
        workspace=tmp_path,
        check=False,
        extra_env={"NEO4J_URI": "bolt://127.0.0.1:9", "NEO4J_PASSWORD": "top-secret-pw"},
    )
    assert proc.returncode == 2
    assert "bolt://127.0.0.1:9" in proc.stderr and "top-secret-pw" not in proc.stderr + proc.stdout


DOCUMENTED_QUESTIONS = (
    "who_funds_what",
    "partners_of_actor",
    "interventions_for_target_group",
    "indicator_series",
    "interventions_of_program",
    "barriers_and_what_they_hinder",
    "place_hierarchy",
    "actors_by_level_and_sector",
    "observations_of_table",
)


def test_the_neo4j_page_shows_the_cypher_exactly_as_it_runs():
    page = (ROOT / "docs" / "neo4j.md").read_text(encoding="utf-8")
    for name in DOCUMENTED_QUESTIONS:
        query, _ = cypher_for(name, {})
        assert f"```cypher\n{query}\n```" in page, name


def test_place_hierarchy_of_mongpok_has_both_codes(loaded):
    rows = loaded.ask("place_hierarchy", {}).to_dict("records")
    assert [r["place_level"] for r in rows] == [
        "desa",
        "kecamatan",
        "kabupaten",
        "province",
        "country",
    ]
    assert [r["kemendagri_code"] for r in rows[:4]] == ["36.04.23.2015", "36.04.23", "36.04", "36"]
    assert [r["bps_code"] for r in rows[:4]] == ["3604080010", "3604080", "3604", "36"]


def test_baznas_funding_comes_back_with_amount_and_currency(loaded):
    rows = loaded.ask("who_funds_what", {}).to_dict("records")
    assert {
        "funder_id": "baznas_kab_serang",
        "amount": 20_000_000,
        "currency": "IDR",
    }.items() <= next(r for r in rows if r["funder_id"] == "baznas_kab_serang").items()


def test_mongpok_prevalence_series_keeps_both_february_2023_values(loaded):
    frame = loaded.ask("indicator_series", {})
    eppgbm = frame[frame["instrument"] == "e-PPGBM"]
    assert eppgbm["period"].tolist() == ["2020", "2021", "2022", "2023-02", "2023-02"]
    assert eppgbm["value"].tolist()[:3] == [55, 39.7, 17.1]
    assert sorted(eppgbm["value"].tolist()[3:]) == [15, 15.4]
