"""The importer on both backends: bad input writes nothing, merges, round trips of every format."""

from __future__ import annotations

import pytest

from loaders import formats
from loaders.importer import apply_import, preview_import
from tests.conftest import DATA
from tests.import_support import (
    GOOD_CONNECTIONS,
    GOOD_ELEMENTS,
    TEMPLATES,
    csv_pair,
    seed,
    snapshot,
)

pytestmark = pytest.mark.timeout(300)

# one file per class of bad input: (files, the problem's kind, words of its message, column)
BAD = {
    "unknown_label": (
        csv_pair([*GOOD_ELEMENTS, "x,Robot,X,cadre,health,desa,s,A,1"]),
        "schema",
        "unknown label 'Robot'",
        "label",
    ),
    "bad_choice": (
        csv_pair([*GOOD_ELEMENTS, "x,Actor,X,astronaut,health,desa,s,A,1"]),
        "schema",
        "'astronaut' is not one of",
        "type",
    ),
    "required": (
        csv_pair([*GOOD_ELEMENTS, "x,Actor,X,cadre,,desa,s,A,1"]),
        "schema",
        "required but missing",
        "sector",
    ),
    "unknown_rel_type": (
        csv_pair(connections=["kader_a,kader_b,LIKES,1,2023,s,A,3"]),
        "relationship_type",
        "unknown relationship type 'LIKES'",
        "type",
    ),
    "missing_node": (
        csv_pair(connections=["kader_a,ghost,COLLABORATES_WITH,1,2023,s,A,3"]),
        "missing_node",
        "'ghost', which is neither in the file nor in the store",
        "to",
    ),
    "duplicate_id": (
        csv_pair([*GOOD_ELEMENTS, "kader_a,Actor,Kader A2,cadre,health,desa,s,A,9"]),
        "duplicate_id",
        "duplicate id Actor:kader_a (first at elements.csv, row 2)",
        "id",
    ),
    "bad_date": (
        csv_pair(connections=["kader_a,kader_b,COLLABORATES_WITH,1,31/02/2023,s,A,3"]),
        "value",
        "day is out of range",
        "date",
    ),
    "english_number": (
        csv_pair(connections=["kader_a,kader_b,COLLABORATES_WITH,1.5,2023,s,A,3"]),
        "number",
        "'1.5' is English notation",
        "weight",
    ),
    "not_a_number": (
        csv_pair(connections=["kader_a,kader_b,COLLABORATES_WITH,banyak,2023,s,A,3"]),
        "number",
        "'banyak' is not a number",
        "weight",
    ),
    "wrong_end_labels": (
        csv_pair(
            [*GOOD_ELEMENTS, "kb,Program,Kampung KB,,,,s,A,4"],
            ["kb,kader_a,MEMBER_OF,,2023,s,A,3"],
        ),
        "schema",
        "Program->Actor not allowed",
        "type",
    ),
    "duplicate_connection": (
        csv_pair(connections=[*GOOD_CONNECTIONS, "kader_a,kader_b,COLLABORATES_WITH,3,2023,s,A,4"]),
        "duplicate_connection",
        "duplicate connection COLLABORATES_WITH",
        "type",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_each_bad_input_has_its_message_and_writes_nothing(store, case):
    seed(store)
    before = snapshot(store)
    files, kind, words, column = BAD[case]
    report = apply_import(files, store)
    assert not report.ok and not report.applied
    hits = [p for p in report.errors if p.kind == kind and words in p.message]
    assert hits, [str(p) for p in report.problems]
    assert hits[0].column == column and hits[0].file.endswith(".csv") and hits[0].row
    assert snapshot(store) == before


def test_example_village_imports_and_reimport_changes_nothing(store):
    seed(store)
    files = [(p.name, p.read_bytes()) for p in [TEMPLATES / "contoh_desa_fiktif.xlsx"]]
    report = apply_import(files, store)
    assert report.ok and report.applied and not report.warnings, report.text()
    assert report.summary()["nodes"]["added"] == 14
    assert report.summary()["relationships"]["added"] == 18
    for node in store.nodes():
        if node["id"].startswith("contoh_"):
            assert node["synthetic"] is True and "fiktif" in node["name"]
    before = snapshot(store)
    again = apply_import(files, store)
    assert not again.applied and again.summary()["nodes"]["unchanged"] == 14
    assert snapshot(store) == before


def test_merge_by_id_and_confirmed_name(store):
    seed(store)
    header = "id,label,name,name_en,type,sector,level,evidence_source,evidence_section,evidence_paragraph"
    elements = [
        # same id, same values, no evidence: left alone
        "kepala_desa,Actor,Kepala Desa Uji,,village_government,governance,desa,,,",
        # the name of the stored puskesmas under another id: a name match
        "pkm,Actor,Puskesmas Uji,Health centre,health_facility,health,kecamatan,s,B,2",
    ]
    files = csv_pair(elements, ["kepala_desa,pkm,COLLABORATES_WITH,1,2023,s,A,3"], eh=header)
    # without confirmation the name match is reported and a new node would be added
    preview = preview_import(files, store)
    (match,) = preview.report.name_matches
    assert (match.file_key, match.stored_key, match.confirmed) == (
        "Actor:pkm",
        "Actor:puskesmas",
        False,
    )
    assert any(p.kind == "name_match" for p in preview.report.warnings)
    report = apply_import(files, store, match_names={("Actor:pkm", "Actor:puskesmas")})
    assert report.ok and report.applied, report.text()
    assert store.get_node("Actor", "pkm") is None
    pkm = store.get_node("Actor", "puskesmas")
    assert {"source": "s", "section": "B", "paragraph": 2} in pkm["evidence"]
    kades = store.get_node("Actor", "kepala_desa")
    assert kades["aliases"] == ["Kades"] and kades["evidence"] == [
        {"source": "s", "section": "A", "paragraph": 1}
    ]
    statuses = {c.key: c.status for c in report.nodes}
    assert statuses == {"Actor:kepala_desa": "unchanged", "Actor:puskesmas": "updated"}
    (rel,) = store.relationships("COLLABORATES_WITH")
    assert rel["end"] == "Actor:puskesmas"


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "csv"])
def test_round_trip_of_the_case_study(store, dataset, fmt):
    from graph.memory_store import MemoryStore

    source = MemoryStore(None)
    source.upsert_nodes(dataset.nodes)
    source.upsert_relationships(dataset.relationships)
    graph = source.to_networkx()
    data = formats.write(graph, fmt)
    name = "graph.zip" if fmt == "csv" else f"graph.{fmt}"
    report = apply_import([(name, data)], store)
    assert report.ok and not report.warnings, report.text()
    got = store.to_networkx()
    assert dict(got.nodes(data=True)) == dict(graph.nodes(data=True))
    want_edges = {(u, v, k): d for u, v, k, d in graph.edges(keys=True, data=True)}
    got_edges = {(u, v, k): d for u, v, k, d in got.edges(keys=True, data=True)}
    assert got_edges == want_edges
    again = apply_import([(name, data)], store)
    assert not again.applied and not again.added and not again.updated
    assert len(again.unchanged) == len(dataset.nodes) + len(dataset.relationships)
    assert DATA.is_dir()


def test_extra_properties_survive_every_format(store):
    from graph.memory_store import MemoryStore

    source = MemoryStore(None)
    seed(source)
    source.upsert_nodes(
        [
            {
                **source.get_node("Actor", "puskesmas"),
                "Kode Faskes": "P3604",
                "beds": 12,
                "score": 0.75,
                "verified": True,
                "tags": ["a", "b"],
                "meta": {"k": [1, 2]},
            }
        ]
    )
    graph = source.to_networkx()
    for fmt in ("graphml", "gexf", "json", "csv"):
        store.clear()
        name = "g.zip" if fmt == "csv" else f"g.{fmt}"
        report = apply_import([(name, formats.write(graph, fmt))], store)
        assert report.ok, (fmt, report.text())
        assert store.get_node("Actor", "puskesmas") == graph.nodes["Actor:puskesmas"], fmt
