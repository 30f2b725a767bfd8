"""National-scale loaders on the real Neo4j: the synthetic network and the place file give the
same graph as on the embedded store, and loading twice changes no count."""

from __future__ import annotations

import pytest

from graph.memory_store import MemoryStore
from loaders.places import import_places
from loaders.synth import generate, load
from tests.conftest import ROOT

pytestmark = [pytest.mark.neo4j, pytest.mark.timeout(300)]

SHARED = ROOT.parent / "shared" / "data"
WILAYAH = SHARED / "banten_kemendagri_wilayah_2025.csv"
CROSSWALK = SHARED / "banten_bps2018_to_kemendagri_crosswalk.csv"


def _without_order(records):
    return sorted(
        records,
        key=lambda r: (r.get("label") or r.get("type"), str(r.get("id") or (r["start"], r["end"]))),
    )


def test_synth_loads_into_neo4j_twice_with_the_counts_of_the_memory_store(neo4j_module_store):
    neo = neo4j_module_store
    neo.clear()
    memory = MemoryStore(None)
    load(generate(50, 4), memory)
    expected = memory.counts()
    assert sum(expected["nodes"].values()) > 1000

    steps = []
    first = load(generate(50, 4), neo, chunk=3000, progress=steps.append)
    assert neo.counts() == expected
    assert sum(steps) == 50  # progress counted every village once
    assert first.nodes == sum(expected["nodes"].values())
    load(generate(50, 4), neo, chunk=3000)
    assert neo.counts() == expected
    # the same records come back, properties and all
    actor = "sintetis_pokja_" + next(
        n["kemendagri_code"].lower()
        for n in generate(50, 4).nodes()
        if n["label"] == "Place" and n["place_level"] == "desa"
    )
    assert neo.get_node("Actor", actor) == memory.get_node("Actor", actor)
    assert _without_order(neo.relationships("FUNDS")) == _without_order(
        memory.relationships("FUNDS")
    )
    neo.clear()


def test_place_file_gives_the_same_graph_on_both_backends(neo4j_module_store):
    if not WILAYAH.is_file():
        pytest.skip(f"reference data not found: {WILAYAH}")
    neo = neo4j_module_store
    neo.clear()
    memory = MemoryStore(None)
    report_memory = import_places(WILAYAH, memory, crosswalk=CROSSWALK)
    report_neo = import_places(WILAYAH, neo, crosswalk=CROSSWALK, batch_size=500)
    assert report_neo.as_dict() == report_memory.as_dict()
    assert neo.counts() == memory.counts()
    assert neo.get_node("Place", "wil_36.04.23.2015") == memory.get_node(
        "Place", "wil_36.04.23.2015"
    )
    import_places(WILAYAH, neo, crosswalk=CROSSWALK, batch_size=500)
    assert neo.counts() == memory.counts()
    neo.clear()
