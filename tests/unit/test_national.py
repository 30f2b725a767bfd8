"""National-scale analyses: the place tree, aggregate graphs, per-village and global measures."""

from __future__ import annotations

import math
from collections import Counter

import networkx as nx
import pytest

from drawing.national import build_place_view
from graph.memory_store import MemoryStore
from loaders.synth import generate
from queries import national as N
from queries.centrality import pagerank
from queries.collaboration import collaboration_projection

EV = [{"source": "uji_fiktif", "section": "Uji", "paragraph": 1}]


def _place(pid: str, level: str, name: str) -> dict:
    return {"label": "Place", "id": pid, "name": name, "place_level": level, "evidence": EV}


def _actor(aid: str, level: str) -> dict:
    return {
        "label": "Actor",
        "id": aid,
        "name": aid.replace("_", " ").title(),
        "actor_type": "village_government" if level == "desa" else "government_office",
        "sector": "governance",
        "level": level,
        "synthetic": True,
        "evidence": EV,
    }


def _rel(kind: str, start: str, end: str, **props) -> dict:
    return {"type": kind, "start": start, "end": end, "evidence": EV, **props}


def tiny_records(provinces: int = 2) -> tuple[list[dict], list[dict]]:
    """A made-up country: ``provinces`` provinces, one kabupaten each, one kecamatan each,
    two desa each; four actors per desa, one per kecamatan; links inside and across places."""
    nodes = [_place("negeri", "country", "Negeri Uji")]
    rels: list[dict] = []
    nodes.append(
        {"label": "Indicator", "id": "stunting_prevalence", "name": "Prevalensi", "evidence": EV}
    )
    for p in range(provinces):
        prov, kab, kec = f"prov{p}", f"kab{p}", f"kec{p}"
        nodes += [
            _place(prov, "province", f"Provinsi {p}"),
            _place(kab, "kabupaten", f"Kabupaten {p}"),
            _place(kec, "kecamatan", f"Kecamatan {p}"),
        ]
        rels += [
            _rel("PART_OF", f"Place:{prov}", "Place:negeri"),
            _rel("PART_OF", f"Place:{kab}", f"Place:{prov}"),
            _rel("PART_OF", f"Place:{kec}", f"Place:{kab}"),
        ]
        camat = f"camat{p}"
        nodes.append(_actor(camat, "kecamatan"))
        rels.append(_rel("LOCATED_IN", f"Actor:{camat}", f"Place:{kec}"))
        for d in range(2):
            desa = f"desa{p}_{d}"
            nodes.append(_place(desa, "desa", f"Desa {p}.{d}"))
            rels.append(_rel("PART_OF", f"Place:{desa}", f"Place:{kec}"))
            people = [f"{role}{p}_{d}" for role in ("kades", "bpd", "kader", "bidan")]
            for a in people:
                nodes.append(_actor(a, "desa"))
                rels.append(_rel("LOCATED_IN", f"Actor:{a}", f"Place:{desa}"))
            # a path kades - bpd - kader - bidan, and the kades with the camat
            rels += [
                _rel("COLLABORATES_WITH", f"Actor:{people[i]}", f"Actor:{people[i + 1]}")
                for i in range(3)
            ]
            rels.append(_rel("COORDINATES", f"Actor:{camat}", f"Actor:{people[0]}"))
            for year, value in ((2021, 30.0 + p + d), (2023, 20.0 + 2 * p + d)):
                oid = f"obs_{desa}_{year}"
                nodes.append(
                    {
                        "label": "Observation",
                        "id": oid,
                        "name": oid,
                        "value": value,
                        "year": year,
                        "unit": "percent",
                        "evidence": EV,
                    }
                )
                rels += [
                    _rel("OBSERVED_FOR", f"Observation:{oid}", "Indicator:stunting_prevalence"),
                    _rel("OBSERVED_IN", f"Observation:{oid}", f"Place:{desa}"),
                ]
        # the two villages' heads work together: a link across places
        rels.append(_rel("COLLABORATES_WITH", f"Actor:kades{p}_0", f"Actor:kades{p}_1"))
    if provinces > 1:  # two camat of different provinces: a link across provinces
        rels.append(_rel("COLLABORATES_WITH", "Actor:camat0", "Actor:camat1"))
    return nodes, rels


def _graph(nodes, rels) -> nx.MultiDiGraph:
    store = MemoryStore(None)
    store.apply(nodes, rels)
    return store.to_networkx()


@pytest.fixture(scope="module")
def tiny() -> tuple[nx.MultiDiGraph, N.NationalIndex]:
    G = _graph(*tiny_records())
    return G, N.build_index(G)


@pytest.fixture(scope="module")
def synth() -> tuple[nx.MultiDiGraph, N.NationalIndex]:
    net = generate(60, seed=11)
    G = _graph(list(net.nodes()), list(net.relationships()))
    return G, N.build_index(G)


@pytest.fixture(scope="module")
def case_study() -> tuple[nx.MultiDiGraph, N.NationalIndex]:
    from loaders.bootstrap import load_curated

    store = MemoryStore(None)
    load_curated(store)
    G = store.to_networkx()
    return G, N.build_index(G)


# -- the tree -----------------------------------------------------------------------------------
def test_tree_of_the_tiny_country(tiny):
    _, index = tiny
    assert N.levels_present(index) == ["country", "province", "kabupaten", "kecamatan", "desa"]
    assert N.children(index, None) == ("Place:negeri",)
    assert N.children(index, "Place:negeri") == ("Place:prov0", "Place:prov1")
    assert N.ancestors(index, "Place:desa1_0") == [
        "Place:negeri",
        "Place:prov1",
        "Place:kab1",
        "Place:kec1",
        "Place:desa1_0",
    ]
    assert N.villages_under(index, "Place:prov0") == ["Place:desa0_0", "Place:desa0_1"]
    assert index.totals("Place:negeri") == (4, 18)
    # two provinces hold data: the drill-down opens at the country
    assert N.start_place(index) == "Place:negeri"


def test_one_province_opens_lower():
    index = N.build_index(_graph(*tiny_records(provinces=1)))
    # one province, one kabupaten, one kecamatan: the first place with two parts
    assert N.start_place(index) == "Place:kec0"


def test_case_study_opens_at_cikeusal_and_reaches_mongpok(case_study):
    _, index = case_study
    assert N.start_place(index) == "Place:kec_cikeusal"
    assert N.ancestors(index, "Place:desa_mongpok") == [
        "Place:indonesia",
        "Place:prov_banten",
        "Place:kab_serang",
        "Place:kec_cikeusal",
        "Place:desa_mongpok",
    ]
    assert len(N.villages_under(index, "Place:indonesia")) == 17


def test_summary_of_the_tiny_country(tiny):
    _, index = tiny
    H = N.children_graph(index, "Place:negeri")
    assert sorted(H) == ["Place:prov0", "Place:prov1"]  # no actor sits at the country itself
    prov1 = H.nodes["Place:prov1"]
    assert (prov1["villages"], prov1["actors"]) == (2, 9)
    # latest values (2023) of its two villages: 22 and 23
    assert prov1["prevalence"] == pytest.approx(22.5)
    assert prov1["prevalence_villages"] == 2
    # one link crosses between the provinces: camat0 - camat1
    assert H["Place:prov0"]["Place:prov1"]["links"] == 1
    kec = N.children_graph(index, "Place:kec0")
    assert sorted(kec) == ["Place:desa0_0", "Place:desa0_1", "Place:kec0"]
    assert kec.nodes["Place:kec0"]["own"] and kec.nodes["Place:kec0"]["actors"] == 1
    # camat coordinates both heads; the two heads work together
    assert kec["Place:kec0"]["Place:desa0_0"]["links"] == 1
    assert kec["Place:desa0_0"]["Place:desa0_1"]["links"] == 1


# -- aggregates add up --------------------------------------------------------------------------
_PROJECTIONS: dict[int, nx.Graph] = {}


def _cross_links(G, index, groups, own=None) -> Counter:
    """The reference: links of the NetworkX projection between actors of two groups."""
    P = _PROJECTIONS.get(id(G))
    if P is None:
        P = _PROJECTIONS[id(G)] = collaboration_projection(G)
    home = {}
    for actor in P:
        places = [v for _, v, k in G.out_edges(actor, keys=True) if k == "LOCATED_IN"]
        if not places:
            continue
        for up in index.chain(sorted(places)[0]):
            if up in groups and (up != own or up == sorted(places)[0]):
                home[actor] = up
                break
            if up == own:
                break
    found = Counter()
    for a, b in P.edges():
        if a in home and b in home and home[a] != home[b]:
            found[frozenset((home[a], home[b]))] += 1
    return found


@pytest.mark.parametrize("fixture", ["tiny", "synth", "case_study"])
def test_aggregates_add_up(fixture, request):
    G, index = request.getfixturevalue(fixture)
    for place in [p for p in index.places if N.children(index, p)]:
        H = N.children_graph(index, place)
        below = N.villages_under(index, place)
        assert sum(d["villages"] for _, d in H.nodes(data=True)) == len(below), place
        assert sum(d["actors"] for _, d in H.nodes(data=True)) == index.totals(place)[1], place
        own = place if place in H else None
        expected = _cross_links(G, index, set(H), own)
        got = Counter({frozenset((u, v)): d["links"] for u, v, d in H.edges(data=True)})
        assert got == expected, place


def test_level_graph_counts_every_village(synth):
    _, index = synth
    H = N.level_graph(index, "kecamatan")
    assert sum(d["villages"] for _, d in H.nodes(data=True)) == len(N.villages_under(index, None))


@pytest.mark.parametrize("fixture", ["synth", "case_study"])
def test_sparse_projection_has_the_projection_weights(fixture, request):
    G, index = request.getfixturevalue(fixture)
    P = collaboration_projection(G)
    Q = index.projection.to_networkx()
    assert set(P) == set(Q)
    expected = {frozenset((u, v)): w for u, v, w in P.edges(data="weight")}
    assert {frozenset((u, v)): w for u, v, w in Q.edges(data="weight")} == expected


# -- per-village and global measures ------------------------------------------------------------
def test_village_betweenness_equals_networkx_on_each_village(synth):
    G, index = synth
    P = collaboration_projection(G)
    found = N.village_betweenness(index)
    assert len(found) == len(N.villages_under(index, None))
    for village, scores in found.items():
        actors = [
            a
            for a in P
            if any(v == village for _, v, k in G.out_edges(a, keys=True) if k == "LOCATED_IN")
        ]
        expected = nx.betweenness_centrality(P.subgraph(actors), normalized=True)
        assert scores.keys() == expected.keys()
        for actor, value in expected.items():
            assert scores[actor] == pytest.approx(value, abs=1e-12)
    assert any(max(s.values()) > 0 for s in found.values())
    # a few villages asked for by name take a shorter path to the same answer
    some = sorted(found)[:5]
    alone = N.village_betweenness(index, some)
    assert alone.keys() == set(some)
    for village in some:
        assert alone[village] == pytest.approx(found[village], abs=1e-12)


@pytest.mark.parametrize("fixture", ["synth", "case_study"])
def test_sparse_pagerank_and_betweenness_equal_the_reference(fixture, request):
    G, index = request.getfixturevalue(fixture)
    P = index.projection.to_networkx()
    ref = pagerank(P)
    got = N.pagerank_sparse(index.projection)
    assert max(abs(ref[a] - got[a]) for a in ref) < 1e-9
    exact = nx.betweenness_centrality(P, normalized=True)
    mine = N.betweenness_sparse(index.projection, batch=7)
    assert max(abs(exact[a] - mine[a]) for a in exact) < 1e-9


def test_sampled_betweenness_accuracy_is_measured(synth):
    _, index = synth
    members = list(range(len(index.projection.actors)))
    report = N.sampled_accuracy(index.projection, members, k=128, top=20)
    assert report["actors"] == len(members) and report["k"] == 128
    assert report["exact_s"] > 0 and report["sampled_s"] > 0
    assert 0.5 < report["spearman"] <= 1.0
    assert 0.0 <= report["top_overlap"] <= 1.0
    # with every actor a pivot the sample is the exact answer
    everyone = N.sampled_accuracy(index.projection, members[:200], k=200)
    assert everyone["spearman"] == pytest.approx(1.0)
    assert everyone["top_overlap"] == 1.0


# -- the node cap -------------------------------------------------------------------------------
def test_cap_places_merges_the_smallest_and_keeps_the_sums(synth):
    _, index = synth
    place = N.start_place(index)
    kab = max(
        (p for p in index.places if index.level(p) in ("kabupaten", "kota")),
        key=lambda p: len(N.children(index, p)),
    )
    for where in (place, kab):
        H = N.children_graph(index, where)
        capped, merged = N.cap_places(H, 3)
        assert capped.number_of_nodes() == 3 and len(merged) == H.number_of_nodes() - 2
        for column in ("villages", "actors", "interventions"):
            total = sum(d[column] for _, d in H.nodes(data=True))
            assert sum(d[column] for _, d in capped.nodes(data=True)) == total
        inside = sum(d["links"] for u, v, d in H.edges(data=True) if u in merged and v in merged)
        assert sum(d["links"] for *_, d in capped.edges(data=True)) == (
            sum(d["links"] for *_, d in H.edges(data=True)) - inside
        )


@pytest.mark.parametrize("cap", [2, 5, 30, 1500])
def test_no_view_draws_more_than_the_cap(synth, cap):
    G, index = synth
    views = [None, *index.places]
    aggregated = 0
    for place in views[:: max(1, len(views) // 40)]:
        view = build_place_view(G, index, place, cap=cap, lang="en")
        assert view.nodes <= cap, (place, view.nodes)
        if view.html:
            assert view.html.count('"id":') >= view.nodes
        aggregated += view.mode == "village_kinds" or view.merged > 0
    if cap <= 5:
        assert aggregated  # small caps must have forced aggregation somewhere


def test_village_view_is_the_actual_network(case_study):
    G, index = case_study
    view = build_place_view(G, index, "Place:desa_mongpok", lang="id")
    assert view.mode == "village"
    assert "Actor:kepala_desa_mongpok" in view.html
    inside = N.village_nodes(G, index, "Place:desa_mongpok", partners=False)
    assert "Actor:kepala_desa_mongpok" in inside and "Actor:kecamatan_cikeusal" not in inside
    small = build_place_view(G, index, "Place:desa_mongpok", cap=10)
    assert small.mode == "village_kinds" and small.nodes <= 10 and small.total == view.total


# -- the version the app keys its caches by (ui.cache) --------------------------------------------
def test_the_store_version_changes_with_the_data_and_nothing_here_caches(tmp_path):
    store = MemoryStore.in_workspace(tmp_path)
    nodes, rels = tiny_records(provinces=1)
    store.apply(nodes, rels)
    first = store.version()
    assert store.version() == first
    index = N.build_index(store.frozen_graph())
    store.upsert_nodes([{**nodes[0], "name": "Negeri Uji Baru"}])  # same counts, new file
    assert store.version() != first
    renamed = N.build_index(store.frozen_graph())  # computed again, from the new graph
    place = nodes[0]["label"] + ":" + nodes[0]["id"]
    assert index.name(place, "id") != "Negeri Uji Baru"
    assert renamed.name(place, "id") == "Negeri Uji Baru"
    assert not hasattr(N, "ResultCache") and not hasattr(N, "data_version")
    assert math.isnan(N.top_overlap({}, {}))
