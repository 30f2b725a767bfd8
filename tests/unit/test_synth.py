"""The synthetic national programme network (loaders/synth/)."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict

import pytest

from graph.memory_store import MemoryStore
from graph.schema import PLACE_LEVELS, parse_node_ref, validate_node, validate_relationship
from loaders.synth import SOURCE_ID, generate, load
from tests.conftest import ROOT

WILAYAH = ROOT.parent / "shared" / "data" / "banten_kemendagri_wilayah_2025.csv"


@pytest.fixture(scope="module")
def made_up():
    net = generate(120, 11)
    return net, list(net.nodes()), list(net.relationships())


def test_same_seed_gives_identical_records_and_another_seed_differs():
    a = generate(40, 5)
    b = generate(40, 5)
    assert list(a.nodes()) == list(b.nodes())
    assert list(a.relationships()) == list(b.relationships())
    # a second pass over the same object is the same too
    assert list(a.relationships()) == list(b.relationships())
    c = generate(40, 6)
    assert list(c.nodes()) != list(a.nodes())
    assert list(c.relationships()) != list(a.relationships())
    nodes, rels = generate(40, 5)  # tuple unpacking gives the two iterators
    assert list(nodes) == list(a.nodes()) and list(rels) == list(a.relationships())


def test_every_record_is_valid_unique_and_its_ends_exist(made_up):
    _, nodes, rels = made_up
    assert [e for n in nodes for e in validate_node(n)] == []
    assert [e for r in rels for e in validate_relationship(r)] == []
    keys = Counter(f"{n['label']}:{n['id']}" for n in nodes)
    assert max(keys.values()) == 1
    assert max(Counter((r["type"], r["start"], r["end"]) for r in rels).values()) == 1
    assert all(r["start"] in keys and r["end"] in keys for r in rels)


def test_everything_is_marked_synthetic(made_up):
    _, nodes, rels = made_up
    assert all(r["synthetic"] is True for r in nodes + rels)
    assert all(n["id"].startswith("sintetis_") for n in nodes)
    assert all("(sintetis)" in n["name"] and "(synthetic)" in n["name_en"] for n in nodes)
    assert all(
        [loc["source"] for loc in r["evidence"]] == [SOURCE_ID]
        and "sintetis" in r["evidence"][0]["note"]
        for r in nodes + rels
    )
    source = [n for n in nodes if n["label"] == "Source"]
    assert [s["id"] for s in source] == [SOURCE_ID]
    # made-up codes are marked: none looks like a Kemendagri code
    assert all(n["kemendagri_code"].startswith("X") for n in nodes if n.get("kemendagri_code"))


def test_structure_per_village_kecamatan_and_kabupaten(made_up):
    net, nodes, rels = made_up
    by_id = {f"{n['label']}:{n['id']}": n for n in nodes}
    levels = Counter(n["place_level"] for n in nodes if n["label"] == "Place")
    assert set(levels) <= set(PLACE_LEVELS)
    assert levels["desa"] + levels["kelurahan"] == net.villages == 120
    assert levels["country"] == 1
    located: dict[str, list[dict]] = defaultdict(list)
    for r in rels:
        if r["type"] == "LOCATED_IN" and r["start"].startswith("Actor:"):
            located[r["end"]].append(by_id[r["start"]])
    parent = {
        r["start"]: r["end"]
        for r in rels
        if r["type"] == "PART_OF" and r["start"].startswith("Place:")
    }
    for key, place in by_id.items():
        if place["label"] != "Place":
            continue
        names = " | ".join(a["name"] for a in located[key])
        types = {a["actor_type"] for a in located[key]}
        if place["place_level"] in ("desa", "kelurahan"):
            for word in ("BPD", "Pokja Kampung KB", "Tim Pendamping Keluarga", "Posyandu", "TPPS"):
                assert word in names, (key, word)
            assert {"village_government", "cadre", "health_facility"} <= types
            # the chain reaches the country
            chain, step = [key], key
            while step in parent:
                step = parent[step]
                chain.append(step)
            assert [by_id[k]["place_level"] for k in chain][-1] == "country"
            assert len(chain) == 5
        elif place["place_level"] == "kecamatan":
            for word in ("KUA", "Puskesmas", "PLKB"):
                assert word in names, (key, word)
        elif place["place_level"] in ("kabupaten", "kota"):
            for word in ("Dinas Kesehatan", "DP3A", "Baznas", "Kodim", "Bappeda", "TPPS"):
                assert word in names, (key, word)
    kinds = Counter(n["intervention_kind"] for n in nodes if n["label"] == "Intervention")
    assert set(kinds) == {"specific", "sensitive", "convergence"}
    funds = [r for r in rels if r["type"] == "FUNDS"]
    assert funds and all(r["currency"] == "IDR" and r["amount"] > 0 for r in funds)


def test_observations_have_plausible_values_and_trends(made_up):
    _, nodes, rels = made_up
    obs = [n for n in nodes if n["label"] == "Observation"]
    assert all(0 < o["value"] < 60 and o["unit"] == "percent" for o in obs)
    assert {o["instrument"] for o in obs} == {"e-PPGBM", "SSGI", "SKI"}
    place_of = {r["start"]: r["end"] for r in rels if r["type"] == "OBSERVED_IN"}
    series: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for o in obs:
        if o["instrument"] == "e-PPGBM":
            series[place_of[f"Observation:{o['id']}"]].append((o["year"], o["value"]))
    falling = sum(1 for s in series.values() if sorted(s)[-1][1] < sorted(s)[0][1])
    assert len(series) == 120 and falling > len(series) / 2
    assert all(2 <= len(s) <= 4 for s in series.values())


def test_collaboration_follows_administrative_proximity(made_up):
    _, nodes, rels = made_up
    by_id = {f"{n['label']}:{n['id']}": n for n in nodes}
    place_of = {r["start"]: r["end"] for r in rels if r["type"] == "LOCATED_IN"}
    parent = {
        r["start"]: r["end"]
        for r in rels
        if r["type"] == "PART_OF" and r["start"].startswith("Place:")
    }

    def ancestors(place):
        out = [place]
        while place in parent:
            place = parent[place]
            out.append(place)
        return out

    collab = [
        r for r in rels if r["type"] == "COLLABORATES_WITH" and r["start"].startswith("Actor:")
    ]
    assert collab
    for r in collab:
        a, b = ancestors(place_of[r["start"]]), ancestors(place_of[r["end"]])
        # the two ends share their kecamatan (or one is the other's kabupaten/province)
        shared = set(a) & set(b)
        levels = {by_id[p]["place_level"] for p in shared}
        assert levels & {"kecamatan", "kabupaten", "kota", "province"}, r


def test_units_come_in_dependency_order():
    seen: set[str] = set()
    for nodes, rels in generate(60, 3).units():
        seen.update(f"{n['label']}:{n['id']}" for n in nodes)
        for r in rels:
            assert r["start"] in seen and r["end"] in seen, r


def test_real_place_codes_from_a_places_file():
    if not WILAYAH.is_file():
        pytest.skip(f"reference data not found: {WILAYAH}")
    with WILAYAH.open(encoding="utf-8") as fh:
        codes = {r["kode"]: r for r in csv.DictReader(fh)}
    net = generate(300, 2, WILAYAH)
    nodes = list(net.nodes())
    places = [n for n in nodes if n["label"] == "Place" and n["place_level"] != "country"]
    assert net.villages == 300 and net.notes == []
    assert all(p["kemendagri_code"] in codes for p in places)
    assert all(p["id"] == f"sintetis_wil_{p['kemendagri_code']}" for p in places)
    villages = [p for p in places if p["place_level"] in ("desa", "kelurahan")]
    assert len(villages) == 300
    assert all(codes[v["kemendagri_code"]]["jenis"] == v["place_level"] for v in villages)
    assert all(codes[v["kemendagri_code"]]["nama"] in v["name"] for v in villages)
    # more villages than the file has: all of them, and a note says so
    big = generate(5000, 2, WILAYAH)
    assert big.villages == 1552 and "only 1552 villages" in big.notes[0]


def test_loading_twice_gives_the_same_counts():
    store = MemoryStore(None)
    net = generate(30, 9)
    first = load(net, store)
    counts = store.counts()
    assert first.nodes == sum(counts["nodes"].values()) == sum(1 for _ in net.nodes())
    assert first.relationships == sum(counts["relationships"].values())
    load(generate(30, 9), store)
    assert store.counts() == counts
    for rel in store.relationships():
        parse_node_ref(rel["start"])  # ends read back as references


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="at least 1"):
        generate(0, 1)


def _digest(net) -> tuple[int, int, str]:
    """Node count, relationship count and a hash of every record in unit order."""
    import hashlib
    import json

    sha = hashlib.sha256()
    n_nodes = n_rels = 0
    for nodes, rels in net.units():
        for record in nodes:
            sha.update(json.dumps(record, sort_keys=True, ensure_ascii=False).encode() + b"\n")
        sha.update(b"|")
        for record in rels:
            sha.update(json.dumps(record, sort_keys=True, ensure_ascii=False).encode() + b"\n")
        sha.update(b"#")
        n_nodes += len(nodes)
        n_rels += len(rels)
    return n_nodes, n_rels, sha.hexdigest()


def test_a_seeded_network_is_exactly_what_it_was():
    """The records of a seed never change: a network shared by its seed is the same network
    for every reader (the figures were taken from the generator as first released)."""
    assert _digest(generate(30, 7)) == (
        1010,
        2812,
        "fa5b9389d7a95e31935a9f8309c347246eb9a2de41ac12f7915b4c6045a92cc8",
    )
    if WILAYAH.is_file():
        assert _digest(generate(25, 3, WILAYAH)) == (
            864,
            2380,
            "d36b8146e1cedc4111eda643b85a20a15c30372c8e0beba2a7b825c495074f2e",
        )
