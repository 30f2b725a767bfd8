"""The administrative hierarchy loader (loaders/places.py) on the Banten Kemendagri file."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from graph.memory_store import MemoryStore
from graph.schema import validate_node, validate_relationship
from loaders.places import (
    PlacesFileError,
    import_places,
    iter_place_rows,
    place_id,
    read_crosswalk,
)
from tests.conftest import ROOT

SHARED = ROOT.parent / "shared" / "data"
WILAYAH = SHARED / "banten_kemendagri_wilayah_2025.csv"
CROSSWALK = SHARED / "banten_bps2018_to_kemendagri_crosswalk.csv"

pytestmark = pytest.mark.skipif(
    not WILAYAH.is_file(), reason=f"reference data not found at {SHARED}"
)


def _file_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _expected_levels(rows: list[dict[str, str]]) -> Counter:
    names = {"1": "province", "3": "kecamatan"}
    return Counter(names.get(r["level"]) or r["jenis"] for r in rows)


@pytest.fixture(scope="module")
def banten():
    store = MemoryStore(None)
    report = import_places(WILAYAH, store, crosswalk=CROSSWALK)
    return store, report


def test_counts_per_level_match_the_file(banten):
    store, report = banten
    rows = _file_rows(WILAYAH)
    expected = _expected_levels(rows)
    assert report.ok, report.text()
    assert report.rows == len(rows)
    assert Counter(report.places) == expected
    stored = Counter(p["place_level"] for p in store.nodes("Place"))
    assert stored == expected
    # every place but the province is PART_OF exactly one parent: the one the file names
    assert store.counts()["relationships"]["PART_OF"] == len(rows) - expected["province"]
    parent_of = {r["kode"]: r["parent_kode"] for r in rows}
    for rel in store.relationships("PART_OF"):
        child = rel["start"].removeprefix("Place:" + "wil_")
        assert rel["end"] == f"Place:{place_id(parent_of[child])}"


def test_records_are_valid_and_named_as_people_say_them(banten):
    store, _ = banten
    for node in store.nodes():
        record = {k: v for k, v in node.items()}
        assert validate_node(record) == [], node
    for rel in store.relationships():
        assert validate_relationship(rel) == [], rel
    mongpok = store.get_node("Place", "wil_36.04.23.2015")
    assert mongpok["name"] == "Desa Mongpok" and mongpok["aliases"] == ["Mongpok"]
    assert mongpok["place_level"] == "desa"
    row = next(i for i, r in enumerate(_file_rows(WILAYAH), 2) if r["kode"] == "36.04.23.2015")
    assert mongpok["evidence"] == [
        {"source": "kemendagri_wilayah", "section": WILAYAH.name, "paragraph": row}
    ]
    assert store.get_node("Place", "wil_36.04.23")["name"] == "Kecamatan Cikeusal"
    assert store.get_node("Place", "wil_36")["name"] == "Provinsi Banten"


def test_crosswalk_joins_bps_codes(banten):
    store, report = banten
    # the key codes of the case study (README of the reference data)
    assert store.get_node("Place", "wil_36.04.23.2015")["bps_code"] == "3604080010"
    assert store.get_node("Place", "wil_36.04.23")["bps_code"] == "3604080"
    assert store.get_node("Place", "wil_36.04")["bps_code"] == "3604"
    codes = {r["kode"] for r in _file_rows(WILAYAH)}
    crosswalk = read_crosswalk(CROSSWALK)
    joined = {c for c in codes if c in crosswalk}
    assert report.bps_codes == len(joined) > 1700
    with_code = [p for p in store.nodes("Place") if p.get("bps_code")]
    assert len(with_code) == len(joined)
    assert all(p["bps_code"] == crosswalk[p["kemendagri_code"]] for p in with_code)


def test_loading_twice_changes_nothing(banten):
    store, _ = banten
    before = store.counts()
    again = import_places(WILAYAH, store, crosswalk=CROSSWALK)
    assert again.ok and store.counts() == before


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


HEADER = ["kode", "kode_nodot", "nama", "level", "level_name", "jenis", "parent_kode"]


def test_bad_rows_are_reported_with_file_row_and_field(tmp_path):
    path = _write(
        tmp_path / "wilayah_rusak.csv",
        [
            HEADER,
            ["36", "36", "Banten", "1", "provinsi", "", ""],  # row 2
            ["36.04", "3604", "Kabupaten Serang", "2", "kabupaten_kota", "kabupaten", "36"],
            ["36.04.23", "360423", "Cikeusal", "3", "kecamatan", "", "36.04"],  # row 4
            ["36.04.23.2015", "3604232015", "Mongpok", "4", "desa_kelurahan", "desa", "36.04.23"],
            ["36.04.23.2016", "", "Sukaraja", "5", "", "desa", "36.04.23"],  # row 6: level
            ["36.04.2X.2017", "", "Cilayang", "4", "", "desa", "36.04.2X"],  # row 7: kode
            ["36.04.99.2001", "", "Entah", "4", "", "desa", "36.04.99"],  # row 8: no parent
            ["36.04.23.2018", "", "", "4", "", "desa", "36.04.23"],  # row 9: nama
            ["36.04.23.2019", "", "Salah", "4", "", "desa", "36.04.22"],  # row 10: parent
            ["36.04.23.2015", "", "Mongpok lagi", "4", "", "desa", "36.04.23"],  # row 11: twice
            ["36.04.23.2020", "", "Dusun", "4", "", "dusun", "36.04.23"],  # row 12: jenis
        ],
    )
    store = MemoryStore(None)
    report = import_places(path, store)
    found = {(p.file, p.row, p.field) for p in report.problems}
    assert found == {
        (path.name, 6, "level"),
        (path.name, 7, "kode"),
        (path.name, 8, "parent_kode"),
        (path.name, 9, "nama"),
        (path.name, 10, "parent_kode"),
        (path.name, 11, "kode"),
        (path.name, 12, "jenis"),
    }
    assert "row 8" in report.text() and "36.04.99" in report.text()
    assert not report.ok
    # the good rows are placed all the same
    assert sorted(p["id"] for p in store.nodes("Place")) == [
        "wil_36",
        "wil_36.04",
        "wil_36.04.23",
        "wil_36.04.23.2015",
    ]
    assert store.get_node("Place", "wil_36.04.23.2015")["name"] == "Desa Mongpok"


def test_a_child_before_its_parent_is_placed(tmp_path):
    path = _write(
        tmp_path / "wilayah_acak.csv",
        [
            HEADER,
            ["36.04.23.2015", "", "Mongpok", "4", "", "desa", "36.04.23"],
            ["36.04.23", "", "Cikeusal", "3", "", "", "36.04"],
            ["36", "", "Banten", "1", "", "", ""],
            ["36.04", "", "Kabupaten Serang", "2", "", "kabupaten", "36"],
        ],
    )
    store = MemoryStore(None)
    report = import_places(path, store)
    assert report.ok, report.text()
    assert store.counts()["relationships"] == {"PART_OF": 3}


def test_a_file_without_the_columns_is_refused(tmp_path):
    path = _write(tmp_path / "bukan.csv", [["code", "name"], ["36", "Banten"]])
    with pytest.raises(PlacesFileError, match=r"bukan.csv, row 1: missing column\(s\) kode"):
        list(iter_place_rows(path))
    with pytest.raises(PlacesFileError, match="not found"):
        import_places(tmp_path / "tidak_ada.csv", MemoryStore(None))


def test_places_already_stored_under_their_own_id_are_kept(tmp_path):
    store = MemoryStore(None)
    ev = [{"source": "mongpok_case_study", "section": "Abstrak", "paragraph": 1}]
    store.upsert_nodes(
        [
            {
                "label": "Place",
                "id": "kec_cikeusal",
                "name": "Kecamatan Cikeusal",
                "place_level": "kecamatan",
                "kemendagri_code": "36.04.23",
                "evidence": ev,
            },
            {
                "label": "Place",
                "id": "desa_mongpok",
                "name": "Desa Mongpok (kurasi)",
                "place_level": "desa",
                "kemendagri_code": "36.04.23.2015",
                "evidence": ev,
            },
        ]
    )
    store.upsert_relationships(
        [
            {
                "type": "PART_OF",
                "start": "Place:desa_mongpok",
                "end": "Place:kec_cikeusal",
                "evidence": ev,
            }
        ]
    )
    report = import_places(WILAYAH, store)
    assert sorted(report.kept_existing) == ["desa_mongpok", "kec_cikeusal"]
    assert store.get_node("Place", "desa_mongpok")["name"] == "Desa Mongpok (kurasi)"
    assert store.get_node("Place", "wil_36.04.23.2015") is None
    assert store.get_node("Place", "wil_36.04.23") is None
    # the curated places join the hierarchy: Cikeusal under Kabupaten Serang, its other
    # villages under the curated Cikeusal; the curated link keeps its own evidence
    ends = {(r["start"], r["end"]): r for r in store.relationships("PART_OF")}
    assert ("Place:kec_cikeusal", "Place:wil_36.04") in ends
    assert ("Place:wil_36.04.23.2016", "Place:kec_cikeusal") in ends
    assert ends[("Place:desa_mongpok", "Place:kec_cikeusal")]["evidence"] == ev


def test_the_benchmarks_national_size_file_reads_cleanly(tmp_path):
    from bench.bench_national import CountingStore, write_national_place_file

    path = tmp_path / "sintetis.csv"
    shape = write_national_place_file(path, 20_000)
    store = CountingStore()
    report = import_places(path, store)
    assert report.ok, report.text()
    assert report.rows == sum(shape.values()) == 20_000
    assert report.places["province"] == 9 and report.places["kecamatan"] == 7277
    assert store.nodes_written == 20_000 + 1  # and the Source node
    assert store.rels_written == 20_000 - 9
