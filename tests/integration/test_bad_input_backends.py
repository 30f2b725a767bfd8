"""Bad input on both backends: every malformed file of the corpus is refused with its message
and both stores' full contents (every node and relationship with its properties) stay as
they were."""

from __future__ import annotations

import pytest

from loaders.importer import apply_import
from tests.bad_input_corpus import corpus, store_hash
from tests.import_support import seed, snapshot

pytestmark = [pytest.mark.neo4j, pytest.mark.timeout(600)]


def _fill(store) -> None:
    seed(store)
    loc = [{"source": "s", "section": "A", "paragraph": 1}]
    store.upsert_nodes(
        [
            {
                "label": "Place",
                "id": "p_desa",
                "name": "Desa",
                "place_level": "desa",
                "evidence": loc,
            },
            {
                "label": "Place",
                "id": "p_kec",
                "name": "Kecamatan",
                "place_level": "kecamatan",
                "evidence": loc,
                "extra": {"nested": [1, 2.5, "tiga"]},
            },
        ]
    )
    store.upsert_relationships(
        [{"type": "PART_OF", "start": "Place:p_desa", "end": "Place:p_kec", "evidence": loc}]
    )


def test_every_bad_file_leaves_the_store_as_it_was(store, monkeypatch):
    _fill(store)
    before, digest = snapshot(store), store_hash(store)
    tried = 0
    for case, bad in sorted(corpus().items()):
        with monkeypatch.context() as patch:
            for name, value in (bad.env or {}).items():
                patch.setenv(name, value)
            report = apply_import(bad.files, store)
        tried += len(bad.files)
        assert not report.ok and not report.applied, case
        hit = next((p for p in report.errors if bad.words in p.message), None)
        assert hit is not None and hit.file == bad.file, (case, [str(p) for p in report.errors])
        assert store_hash(store) == digest, case
    assert snapshot(store) == before
    assert tried >= len(corpus())


def test_a_cycle_through_stored_places_is_refused(store):
    _fill(store)
    digest = store_hash(store)
    files = [
        (
            "hubungan.csv",
            b"from,to,type,evidence_source,evidence_section,evidence_paragraph\n"
            b"Place:p_kec,Place:p_desa,PART_OF,s,A,2\n",
        )
    ]
    report = apply_import(files, store)
    (err,) = [p for p in report.errors if p.kind == "cycle"]
    assert (err.file, err.row, err.column) == ("hubungan.csv", 2, "type")
    assert "Place:p_kec -> Place:p_desa -> Place:p_kec" in err.message
    assert store_hash(store) == digest
