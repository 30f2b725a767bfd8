"""The curated dataset: every record valid, every locator resolving and on topic,
loading exact and idempotent, and bad files rejected with file, line and field."""

import textwrap

import pytest

from graph.memory_store import MemoryStore
from loaders.case_study import DatasetError, check_dataset, load_case_study, read_dataset
from tests.conftest import DATA


def test_curated_dataset_has_no_problems(dataset, sources_dir):
    problems = check_dataset(dataset, sources_dir)
    assert [str(p) for p in problems] == []


def test_every_record_has_evidence(dataset):
    for record in dataset.nodes + dataset.relationships:
        assert record.get("evidence"), dataset.origin(record)


def test_curated_dataset_is_large_enough(dataset):
    labels = [n["label"] for n in dataset.nodes]
    assert labels.count("Actor") >= 30
    assert labels.count("Intervention") >= 15
    for label in (
        "Program",
        "Policy",
        "Factor",
        "TargetGroup",
        "Place",
        "Indicator",
        "Observation",
        "Claim",
        "Source",
    ):
        assert label in labels, label


def test_load_round_trip_counts_are_exact(dataset, sources_dir):
    store = MemoryStore(None)
    written = load_case_study(store, DATA, sources_dir)
    counts = store.counts()
    assert written == {"nodes": len(dataset.nodes), "relationships": len(dataset.relationships)}
    assert sum(counts["nodes"].values()) == len(dataset.nodes)
    assert sum(counts["relationships"].values()) == len(dataset.relationships)
    for label in set(n["label"] for n in dataset.nodes):
        assert counts["nodes"][label] == sum(1 for n in dataset.nodes if n["label"] == label)
    sample = dataset.nodes[0]
    stored = store.get_node(sample["label"], sample["id"])
    assert stored == sample


def test_loading_twice_gives_the_same_graph(sources_dir):
    store = MemoryStore(None)
    load_case_study(store, DATA, sources_dir)
    first = store.to_networkx()
    load_case_study(store, DATA, sources_dir)
    second = store.to_networkx()
    assert dict(first.nodes(data=True)) == dict(second.nodes(data=True))
    assert sorted(first.edges(keys=True, data=True), key=str) == sorted(
        second.edges(keys=True, data=True), key=str
    )


SOURCE = """
label: Source
nodes:
  - id: doc
    name: Dokumen uji
    aliases: [Desa Mongpok]
    title: Dokumen uji
    file: doc.txt
    sections: [Bagian Satu]
    evidence: [{source: doc, section: Bagian Satu, paragraph: 1}]
"""
TEXT = " Bagian Satu\nKepala Desa Mongpok bekerja sama dengan KUA Cikeusal.\nBaznas memberi dana.\n"


def write_dataset(folder, actors_yaml):
    folder.mkdir()
    (folder / "sources.yaml").write_text(SOURCE)
    (folder / "actors.yaml").write_text(textwrap.dedent(actors_yaml))
    (folder / "doc.txt").write_text(TEXT)
    return folder


ACTORS_OK = """
label: Actor
source: doc
nodes:
  - {id: kades, name: Kepala Desa Mongpok, actor_type: village_government, sector: governance,
     level: desa, evidence: [{section: Bagian Satu, paragraph: 1}]}
  - {id: kua, name: KUA Cikeusal, actor_type: religious, sector: religion, level: kecamatan,
     evidence: [{section: Bagian Satu, paragraph: 1}]}
relationships:
  - {type: COLLABORATES_WITH, start: "Actor:kades", end: "Actor:kua",
     evidence: [{section: Bagian Satu, paragraph: 1}]}
"""


def test_small_dataset_loads(tmp_path):
    folder = write_dataset(tmp_path / "d", ACTORS_OK)
    store = MemoryStore(None)
    assert load_case_study(store, folder, folder) == {"nodes": 3, "relationships": 1}


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "level: desa",
            "level: village",
            "actors.yaml:5: Actor:kades: level: 'village' is not one of",
        ),
        (
            "paragraph: 1}]}\n  - {id: kua",
            "paragraph: 7}]}\n  - {id: kua",
            "actors.yaml:5: Actor:kades: evidence[0]: doc.txt: section 'Bagian Satu' has 2 paragraphs, not 7",
        ),
        (
            'end: "Actor:kua"',
            'end: "Actor:kuaa"',
            "actors.yaml:10: COLLABORATES_WITH Actor:kades -> Actor:kuaa: end: no node Actor:kuaa",
        ),
        (
            "name: KUA Cikeusal",
            "name: Baznas Serang",
            "actors.yaml:7: Actor:kua: evidence[0]: passage doc / Bagian Satu / paragraph 1 mentions none of: Baznas Serang",
        ),
        (
            "id: kua",
            "id: kades",
            "actors.yaml:7: Actor:kades: id: duplicate id (first at actors.yaml:5)",
        ),
    ],
)
def test_bad_records_are_named_precisely_and_nothing_is_written(tmp_path, old, new, expected):
    assert old in ACTORS_OK
    folder = write_dataset(tmp_path / "d", ACTORS_OK.replace(old, new, 1))
    store = MemoryStore(None)
    store.upsert_nodes(
        [
            {
                "label": "Actor",
                "id": "kept",
                "name": "Kept",
                "actor_type": "cadre",
                "sector": "health",
                "level": "desa",
                "evidence": [],
            }
        ]
    )
    with pytest.raises(DatasetError) as info:
        load_case_study(store, folder, folder)
    messages = [str(p) for p in info.value.problems]
    assert any(m.startswith(expected) for m in messages), messages
    assert store.counts()["nodes"] == {"Actor": 1}


def test_relationship_evidence_must_mention_both_ends(tmp_path):
    one_sided = ACTORS_OK.replace(
        'end: "Actor:kua",\n     evidence: [{section: Bagian Satu, paragraph: 1}]',
        'end: "Actor:kua",\n     evidence: [{section: Bagian Satu, paragraph: 2}]',
    )
    assert one_sided != ACTORS_OK
    folder = write_dataset(tmp_path / "d", one_sided)
    (folder / "doc.txt").write_text(TEXT.replace("Baznas memberi", "Kepala Desa Mongpok memberi"))
    problems = check_dataset(read_dataset(folder), folder)
    assert [(p.kind, p.field) for p in problems] == [("not_mentioned", "evidence")]
    assert "no locator mentions the end Actor:kua" in problems[0].message


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    folder = write_dataset(tmp_path / "d", ACTORS_OK + "\n  - {id: broken\n")
    problems = check_dataset(read_dataset(folder), folder)
    assert (
        problems and problems[0].origin.startswith("actors.yaml:") and problems[0].field == "yaml"
    )
