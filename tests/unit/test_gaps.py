"""Gap analysis against a small hand-made taxonomy and graph whose gaps were worked out by
hand, then a smoke run on the shared taxonomy and the case study."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from graph.memory_store import MemoryStore
from loaders.case_study import load_case_study
from queries.collaboration import collaboration_projection
from queries.gaps import (
    BRIDGE_COLUMNS,
    DEFAULT_TAXONOMY_PATH,
    family_function_gaps,
    gap_report,
    intervention_type_gaps,
    isolated_actors,
    load_taxonomy,
    mandated_actor_gaps,
    match_terms,
    pillar_gaps,
    sector_bridges,
    target_group_gaps,
)
from tests.conftest import DATA, require

TAXONOMY = {
    "pillars": {
        "verified": True,
        "items": [
            {"id": "pilar_1", "id_name": "Komitmen", "en_name": "Commitment"},
            {"id": "pilar_2", "id_name": "Komunikasi", "en_name": "Communication"},
            {
                "id": "pilar_3",
                "id_name": "Konvergensi",
                "en_name": "Convergence",
                "verified": False,
            },
        ],
    },
    "eight_family_functions": {
        "verified": True,
        "items": [
            {"id": "fungsi_ekonomi", "id_name": "Fungsi ekonomi", "en_name": "Economic function"},
            {
                "id": "fungsi_keagamaan",
                "id_name": "Fungsi keagamaan",
                "en_name": "Religious function",
            },
        ],
    },
    "target_groups": {
        "verified": "partly",
        "items": [
            {
                "id": "ibu_hamil",
                "id_name": "Ibu hamil",
                "en_name": "Pregnant women",
                "in_perpres": True,
            },
            {
                "id": "baduta",
                "id_name": "Baduta",
                "en_name": "Children under two",
                "in_perpres": False,
            },
            {"id": "remaja", "id_name": "Remaja", "en_name": "Adolescents", "in_perpres": True},
        ],
    },
    "intervention_types": [
        {
            "id": "spesifik",
            "id_name": "Intervensi Spesifik",
            "en_name": "Specific",
            "verified": False,
        },
        {
            "id": "sensitif",
            "id_name": "Intervensi Sensitif",
            "en_name": "Sensitive",
            "verified": True,
        },
    ],
    "kampung_kb_pokja": {
        "verified": True,
        "sections_seksi": [
            {
                "id_name": "Seksi Keagamaan",
                "en_name": "Religious affairs section",
                "maps_to": "fungsi_keagamaan",
            },
            {
                "id_name": "Seksi Sosialisasi/Pendidikan",
                "en_name": "Socialisation/Education section",
                "maps_to": "fungsi_sosialisasi_pendidikan",
            },
            {"id_name": "Seksi Ekonomi", "en_name": "Economy section", "maps_to": "fungsi_ekonomi"},
        ],
    },
    "governance_actors": {
        "verified": "partly",
        "items": [
            {
                "id": "tpps",
                "id_name": "Tim Percepatan Penurunan Stunting (TPPS)",
                "en_name": "Stunting Reduction Acceleration Team",
            },
            {
                "id": "tpk",
                "id_name": "Tim Pendamping Keluarga (TPK)",
                "en_name": "Family Assistance Team",
                "members": ["Bidan (midwife)", "Kader KB"],
                "verified": True,
            },
            {
                "id": "baas",
                "id_name": "Bapak/Bunda Asuh Anak Stunting (BAAS)",
                "en_name": "Foster-parent sponsors for stunted children",
                "verified": True,
            },
            {
                "id": "rembuk",
                "id_name": "Rembuk Stunting (desa/kabupaten)",
                "en_name": "Stunting deliberation forum",
                "verified": True,
            },
            {
                "id": "tpps_desa_members",
                "id_name": "Unsur TPPS Desa",
                "en_name": "Village TPPS members",
                "members": ["Penyuluh KB / PLKB", "TP PKK"],
                "verified": False,
            },
        ],
    },
}

ACTORS = [  # id, name, aliases, sector
    ("kades", "Kepala Desa Contoh", ["Kades"], "governance"),
    ("tpps_desa", "TPPS Desa Contoh", ["Tim Percepatan Penurunan Stunting"], "governance"),
    ("forum_desa", "Forum Desa", ["musyawarah desa"], "governance"),
    ("sekcam", "Sekretaris Kecamatan", ["bapak asuh"], "governance"),
    ("plkb", "Penyuluh Lapangan KB", ["PLKB"], "family_planning"),
    ("kua", "KUA Kecamatan", [], "religion"),
    ("seksi_pendidikan", "Seksi Pendidikan Kampung KB", [], "education"),
    ("puskesmas", "Puskesmas", [], "health"),
    ("lonely", "Kantor Sepi", [], "health"),
    ("pinned", "Dinas Arsip", [], "governance"),
]
RELATIONSHIPS = [
    ("Actor:kades", "Intervention:i1", "IMPLEMENTS"),
    ("Actor:tpps_desa", "Intervention:i1", "IMPLEMENTS"),
    ("Actor:seksi_pendidikan", "Intervention:i2", "IMPLEMENTS"),
    ("Actor:kua", "Intervention:i2", "SUPPORTS"),
    ("Actor:puskesmas", "Intervention:i2", "SUPPORTS"),
    ("Actor:kades", "Actor:kua", "COLLABORATES_WITH"),
    ("Actor:kades", "Actor:forum_desa", "COLLABORATES_WITH"),
    ("Actor:sekcam", "Actor:kades", "SUPPORTS"),
    ("Actor:plkb", "Actor:tpps_desa", "MEMBER_OF"),
    ("Actor:pinned", "Place:desa", "LOCATED_IN"),
    ("Intervention:i1", "TargetGroup:bumil", "TARGETS"),
    ("Intervention:i2", "TargetGroup:remaja", "TARGETS"),
    ("Program:p", "TargetGroup:baduta", "TARGETS"),  # a programme's target is not a reach
]


@pytest.fixture()
def graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for node_id, name, aliases, sector in ACTORS:
        G.add_node(
            f"Actor:{node_id}",
            label="Actor",
            id=node_id,
            name=name,
            name_en=name,
            aliases=aliases,
            sector=sector,
            level="desa",
            actor_type="working_group",
        )
    G.add_node(
        "Intervention:i1",
        label="Intervention",
        id="i1",
        name="I1",
        pillar="pilar_1",
        intervention_kind="sensitive",
        family_function="fungsi_ekonomi",
    )
    G.add_node(
        "Intervention:i2",
        label="Intervention",
        id="i2",
        name="I2",
        pillar="pilar_2",
        intervention_kind="sensitive",
    )
    for node_id, taxonomy_id in [
        ("bumil", "ibu_hamil"),
        ("remaja", "remaja"),
        ("baduta", "baduta"),
    ]:
        G.add_node(
            f"TargetGroup:{node_id}",
            label="TargetGroup",
            id=node_id,
            name=node_id,
            taxonomy_id=taxonomy_id,
        )
    G.add_node("Program:p", label="Program", id="p", name="Program P")
    G.add_node("Place:desa", label="Place", id="desa", name="Desa Contoh")
    for u, v, rel in RELATIONSHIPS:
        G.add_edge(u, v, key=rel, type=rel, evidence=[])
    return G


@pytest.fixture()
def taxonomy_file(tmp_path):
    path = tmp_path / "taxonomy.json"
    path.write_text(json.dumps(TAXONOMY), encoding="utf-8")
    return path


def test_taxonomy_is_read_from_the_given_path(taxonomy_file):
    assert load_taxonomy(taxonomy_file) == TAXONOMY


def test_pillar_and_family_function_gaps(graph, taxonomy_file):
    pillars = pillar_gaps(graph, taxonomy=taxonomy_file)
    assert pillars[["taxonomy_id", "name_id", "name_en", "verification"]].values.tolist() == [
        ["pilar_3", "Konvergensi", "Convergence", "not_verified"]
    ]
    every = pillar_gaps(graph, taxonomy=taxonomy_file, only_gaps=False)
    assert every[["taxonomy_id", "interventions", "gap"]].values.tolist() == [
        ["pilar_1", 1, False],
        ["pilar_2", 1, False],
        ["pilar_3", 0, True],
    ]
    functions = family_function_gaps(graph, taxonomy=taxonomy_file)
    assert functions[["taxonomy_id", "name_en", "verification"]].values.tolist() == [
        ["fungsi_keagamaan", "Religious function", "verified"]
    ]


def test_target_group_gaps_count_interventions_not_programmes(graph, taxonomy_file):
    gaps = target_group_gaps(graph, taxonomy=taxonomy_file)
    assert gaps[["taxonomy_id", "graph_groups", "verification", "in_perpres"]].values.tolist() == [
        ["baduta", ["TargetGroup:baduta"], "partly_verified", False]
    ]
    every = target_group_gaps(graph, taxonomy=taxonomy_file, only_gaps=False)
    assert every["intervention_ids"].tolist() == [["i1"], [], ["i2"]]


def test_intervention_type_gaps(graph, taxonomy_file):
    types = intervention_type_gaps(graph, taxonomy=taxonomy_file)
    assert types[["taxonomy_id", "name_id", "verification"]].values.tolist() == [
        ["spesifik", "Intervensi Spesifik", "not_verified"]
    ]
    by_group = intervention_type_gaps(graph, taxonomy=taxonomy_file, by_target_group=True)
    assert by_group[["taxonomy_id", "target_group"]].values.tolist() == [
        ["spesifik", "ibu_hamil"],
        ["spesifik", "baduta"],
        ["spesifik", "remaja"],
        ["sensitif", "baduta"],
    ]


def test_match_terms_split_names_the_documented_way():
    assert match_terms("Seksi Sosialisasi/Pendidikan") == ["Seksi Sosialisasi", "Seksi Pendidikan"]
    assert match_terms("Tim Pendamping Keluarga (TPK)") == ["TPK", "Tim Pendamping Keluarga"]
    assert match_terms("Bidan (midwife)") == ["Bidan"]
    assert match_terms("tenaga kesehatan (bidan, tenaga gizi)") == [
        "bidan",
        "tenaga gizi",
        "tenaga kesehatan",
    ]


def test_mandated_actor_gaps(graph, taxonomy_file):
    every = mandated_actor_gaps(graph, taxonomy=taxonomy_file, only_gaps=False)
    found = {row.name_id: row.matched_nodes for row in every.itertuples()}
    assert found == {
        "Tim Percepatan Penurunan Stunting (TPPS)": ["Actor:tpps_desa"],
        "Tim Pendamping Keluarga (TPK)": [],
        "Bidan (midwife)": [],
        "Kader KB": [],
        "Bapak/Bunda Asuh Anak Stunting (BAAS)": ["Actor:sekcam"],  # alias "bapak asuh"
        "Rembuk Stunting (desa/kabupaten)": [],  # "(desa/...)" must not match "Forum Desa"
        "Penyuluh KB / PLKB": ["Actor:plkb"],
        "TP PKK": [],
        "Seksi Keagamaan": [],
        "Seksi Sosialisasi/Pendidikan": ["Actor:seksi_pendidikan"],
        "Seksi Ekonomi": [],
    }
    gaps = mandated_actor_gaps(graph, taxonomy=taxonomy_file)
    assert gaps[["group", "name_en", "verification"]].values.tolist() == [
        ["governance_actors", "Family Assistance Team", "verified"],
        ["tpk_members", "midwife", "verified"],
        ["tpk_members", "Kader KB", "verified"],
        ["governance_actors", "Stunting deliberation forum", "verified"],
        ["tpps_desa_members", "TP PKK", "not_verified"],
        ["pokja_sections", "Religious affairs section", "verified"],
        ["pokja_sections", "Economy section", "verified"],
    ]
    assert every.loc[every["taxonomy_id"] == "tpps", "verification"].item() == "partly_verified"
    assert gaps["maps_to"].tolist()[-2:] == ["fungsi_keagamaan", "fungsi_ekonomi"]


def test_isolated_actors(graph):
    isolated = isolated_actors(graph)
    assert isolated[
        ["actor", "reason", "relationships", "sector_name_id", "sector_name_en"]
    ].values.tolist() == [
        ["Actor:lonely", "no_relationship", 0, "Kesehatan", "Health"],
        ["Actor:pinned", "no_collaboration", 1, "Pemerintahan", "Governance"],
    ]


def test_sector_bridges_on_the_projection(graph):
    bridges = sector_bridges(graph, projection=collaboration_projection(graph))
    assert list(bridges.columns) == BRIDGE_COLUMNS
    rows = bridges[["actor", "cut_off_actors", "cut_off_sectors", "sectors_cut_off"]]
    assert rows.values.tolist() == [
        [
            "Actor:kades",
            ["Actor:plkb", "Actor:tpps_desa"],
            ["family_planning", "governance"],
            ["family_planning"],
        ],
        ["Actor:kades", ["Actor:forum_desa"], ["governance"], []],
        ["Actor:kades", ["Actor:sekcam"], ["governance"], []],
        [
            "Actor:kua",
            ["Actor:puskesmas", "Actor:seksi_pendidikan"],
            ["education", "health"],
            ["education", "health"],
        ],
        ["Actor:tpps_desa", ["Actor:plkb"], ["family_planning"], ["family_planning"]],
    ]
    kua = bridges[bridges["actor"] == "Actor:kua"].iloc[0]
    assert kua["other_sectors"] == ["family_planning", "governance"]
    assert kua["sectors_cut_off_id"] == "Pendidikan, Kesehatan"
    assert kua["sectors_cut_off_en"] == "Education, Health"


def test_a_cut_inside_one_sector_is_no_bridge():
    P = nx.Graph([("Actor:a", "Actor:b"), ("Actor:b", "Actor:c")])
    for node in P:
        P.nodes[node].update(label="Actor", sector="health", name=node)
    assert sector_bridges(nx.MultiDiGraph(), projection=P).empty


def _bridges_by_definition(P: nx.Graph) -> list[tuple]:
    """Sector bridges straight from the definition: remove each cut vertex, look at the pieces."""
    rows = []
    for cut in sorted(nx.articulation_points(P)):
        rest = nx.node_connected_component(P, cut) - {cut}
        pieces = sorted(nx.connected_components(P.subgraph(rest)), key=lambda p: (-len(p), min(p)))
        for piece in pieces[1:]:
            others = set().union(*(p for p in pieces if p is not piece))
            cut_off = sorted({P.nodes[n]["sector"] for n in piece})
            beyond = sorted({P.nodes[n]["sector"] for n in others})
            if set(cut_off) | set(beyond) <= {P.nodes[cut]["sector"]}:
                continue
            rows.append((cut, sorted(piece), cut_off, beyond))
    return rows


@pytest.mark.parametrize("seed", range(40))
def test_sector_bridges_agree_with_the_definition_on_random_graphs(seed):
    # The linear-time search must give what removing each cut vertex in turn gives.
    n = 5 + seed % 20
    P = nx.gnm_random_graph(n, n + seed % 7, seed=seed)
    P = nx.relabel_nodes(P, {i: f"Actor:{i:02d}" for i in P})
    for i, node in enumerate(sorted(P)):
        P.nodes[node].update(
            label="Actor", name=node, sector=("health", "religion", "economy")[(i * 7 + seed) % 3]
        )
    got = sector_bridges(nx.MultiDiGraph(), projection=P)
    assert [
        (r.actor, r.cut_off_actors, r.cut_off_sectors, r.other_sectors) for r in got.itertuples()
    ] == _bridges_by_definition(P)


def test_sector_bridges_on_a_long_chain():
    # 3,000 actors in a row: no recursion limit, one row per inner actor.
    P = nx.path_graph(3000)
    P = nx.relabel_nodes(P, {i: f"Actor:{i:04d}" for i in P})
    for i, node in enumerate(P):
        P.nodes[node].update(label="Actor", name=node, sector=("health", "religion")[i % 2])
    bridges = sector_bridges(nx.MultiDiGraph(), projection=P)
    assert len(bridges) == 2998
    middle = bridges[bridges["actor"] == "Actor:1500"].iloc[0]
    assert len(middle["cut_off_actors"]) == 1499  # the smaller side hangs off


# -- the real taxonomy on the case study -----------------------------------------------------
@pytest.fixture(scope="module")
def case_graph(sources_dir):
    store = MemoryStore(None)
    load_case_study(store, DATA, sources_dir)
    return store.to_networkx()


def test_gap_report_on_the_case_study(case_graph):
    require(DEFAULT_TAXONOMY_PATH.is_file(), f"taxonomy {DEFAULT_TAXONOMY_PATH} missing")
    report = gap_report(case_graph)
    assert set(report) == {
        "pillars",
        "family_functions",
        "target_groups",
        "intervention_types",
        "intervention_types_by_target_group",
        "mandated_actors",
        "isolated_actors",
        "sector_bridges",
    }
    for name, frame in report.items():
        name_columns = {"name_id", "name_en"} if name != "sector_bridges" else {"sector_name_en"}
        assert name_columns <= set(frame.columns), name
    # Every pillar has an intervention; only the love-and-affection function has none.
    assert report["pillars"].empty
    assert report["family_functions"]["taxonomy_id"].tolist() == ["fungsi_cinta_kasih"]
    assert set(report["target_groups"]["taxonomy_id"]) == {
        "ibu_menyusui",
        "anak_0_59",
        "baduta",
        "pus",
    }
    sections = report["mandated_actors"].query("group == 'pokja_sections'")
    assert sections["name_id"].tolist() == [
        "Seksi Keagamaan",
        "Seksi Reproduksi",
        "Seksi Perlindungan",
        "Seksi Kasih Sayang",
        "Seksi Sosial Budaya",
    ]
    # The unchecked TPPS member list is flagged as such.
    members = report["mandated_actors"].query("group == 'tpps_desa_members'")
    assert set(members["verification"]) == {"not_verified"}
    isolated = report["isolated_actors"]
    assert isolated.query("reason == 'no_relationship'")["actor_id"].tolist() == ["kemenkes", "who"]
