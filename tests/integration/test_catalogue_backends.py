"""Every question of the catalogue gives the same DataFrame on Neo4j (its Cypher) and on the
embedded store (its NetworkX answer): same columns, dtypes, rows and order."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from graph.memory_store import MemoryStore
from graph.questions import QUESTIONS
from loaders.case_study import load_case_study
from tests.conftest import DATA
from tests.integration.test_neo4j_case_study import neo4j_env
from tests.unit.test_cli import run_cli

pytestmark = [pytest.mark.neo4j, pytest.mark.timeout(300)]

NAMES = [q.name for q in QUESTIONS]

# Answers with parameters other than the defaults, including ids that match nothing.
OTHER_PARAMS = [
    ("partners_of_actor", {"actor_id": "kader_kampung_kb"}),
    ("partners_of_actor", {"actor_id": "nobody"}),
    ("interventions_for_target_group", {"target_group_id": "krs"}),
    ("interventions_of_program", {"program_id": "kampung_kb", "include_sub_programs": "false"}),
    ("interventions_of_program", {"program_id": "dashat"}),
    ("indicator_series", {"place_id": "kab_serang"}),
    ("observations_of_table", {"table": "tabel 1"}),
    ("claims_of_source", {"source_id": "ssgi_2022"}),
    ("policies_mandating", {"subject_id": "rapat_perencanaan_pokja"}),
    ("place_hierarchy", {"place_id": "kota_cilegon"}),
    ("places_within", {"place_id": "prov_banten"}),
    ("actors_in_place", {"place_id": "kab_serang"}),
    ("actors_in_place", {"place_id": "kab_serang", "include_sub_places": "false"}),
    ("evidence_of_node", {"label": "Observation", "node_id": "t1.kota_serang.ibu_hamil.verval"}),
    ("evidence_of_node", {"label": "Policy", "node_id": "nobody"}),
]


@pytest.fixture(scope="module")
def neo(neo4j_module_store, sources_dir):
    load_case_study(neo4j_module_store, DATA, sources_dir)
    return neo4j_module_store


@pytest.fixture(scope="module")
def memory(sources_dir):
    store = MemoryStore(None)
    load_case_study(store, DATA, sources_dir)
    return store


def same_answer(memory, neo, name, params=None):
    expected = memory.ask(name, params).reset_index(drop=True)
    got = neo.ask(name, params).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected)
    return got


@pytest.mark.parametrize("name", NAMES)
def test_every_question_answers_the_same_on_both_backends(memory, neo, name):
    got = same_answer(memory, neo, name)
    assert len(got) > 0


@pytest.mark.parametrize(("name", "params"), OTHER_PARAMS, ids=lambda v: str(v))
def test_other_parameters_answer_the_same_on_both_backends(memory, neo, name, params):
    same_answer(memory, neo, name, params)


def test_neo4j_answers_carry_the_decoded_evidence(neo):
    frame = neo.ask("evidence_of_node")
    assert frame["paragraph"].tolist() == [1, 17, 21, 3, 1]
    claims = neo.ask("claims_of_source")
    assert len(claims) == 29 and all(claims["cited_at"].map(len) > 0)


def test_cli_query_on_neo4j_prints_what_the_memory_backend_prints(
    neo4j_server, neo, tmp_path, sources_dir
):
    args = ("query", "interventions_of_program", "--param", "program_id=dashat", "--format", "json")
    on_neo = run_cli(
        *args, "--backend", "neo4j", workspace=tmp_path, extra_env=neo4j_env(neo4j_server)
    )
    on_memory = run_cli(*args, "--backend", "memory", workspace=tmp_path)
    rows = json.loads(on_neo.stdout)
    assert rows == json.loads(on_memory.stdout)
    assert [r["intervention_id"] for r in rows] == ["dashat_penjualan_makanan", "dashat_pmt"]


def test_partners_of_every_actor_are_the_same_on_both_backends(memory, neo):
    # the Cypher of partners_of_actor follows the collaboration network's rules (direct links,
    # shared interventions, programmes and bodies, programme partners) for every actor
    actors = sorted(n["id"] for n in memory.nodes("Actor"))
    shared = 0
    for actor in actors:
        got = same_answer(memory, neo, "partners_of_actor", {"actor_id": actor})
        shared += sum(bool(v) for v in got["via"])
    assert len(actors) > 40 and shared > 0
