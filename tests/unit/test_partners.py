"""One notion of partners: the collaboration network's neighbours, counted and named the same
on the network page's detail panel, the Centrality page and the named question."""

from __future__ import annotations

import pytest

import tests.unit.test_app_pages as base
from drawing.i18n import LANGUAGES, t
from graph.memory_store import MemoryStore
from loaders.case_study import load_case_study
from queries.collaboration import DIRECT_REASONS, actor_reasons, collaboration_projection
from queries.partners import count_partners, partners_of, projection_counts
from tests.conftest import DATA

HEAD = "Actor:kepala_desa_mongpok"


@pytest.fixture(scope="module")
def case(sources_dir):
    store = MemoryStore(None)
    load_case_study(store, DATA, sources_dir)
    return store


def test_partners_of_the_village_head_are_its_degree_split_in_two(case):
    G = case.to_networkx()
    P = collaboration_projection(G)
    partners = partners_of(G, HEAD, lang="en")
    counts = count_partners(partners["reasons"])
    assert counts.total == P.degree(HEAD) == len(partners)
    assert counts == projection_counts(P)[HEAD]
    # direct partners first; each is joined by a link between the two actors themselves
    direct = partners[partners["direct"]]
    assert list(direct.index) == list(range(counts.direct))
    assert set(direct["id"]) == {"tpps_desa_mongpok", "kader_kampung_kb"}
    assert all(set(codes) & set(DIRECT_REASONS) for codes in direct["reasons"])
    # the shortest path's one hop to Baznas is one of the partners, through the programme
    baznas = partners[partners["id"] == "baznas_kab_serang"].iloc[0]
    assert not baznas["direct"] and "Kampung KB" in baznas["how"]


def test_partners_agree_with_the_named_question(case):
    G = case.to_networkx()
    for actor in ("kepala_desa_mongpok", "kader_kampung_kb", "bkkbn"):
        table = partners_of(G, f"Actor:{actor}")
        answer = case.ask("partners_of_actor", {"actor_id": actor})
        assert sorted(table["id"]) == sorted(answer["partner_id"])
        assert count_partners(table["reasons"]) == count_partners(answer["reasons"])


def test_unknown_actor_has_no_partners(case):
    assert partners_of(case.to_networkx(), "Actor:nobody").empty


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_detail_panel_counts_and_names_the_partners(workspace, lang):
    at = base._open("ui/network.py", lang)
    at.selectbox(key="network_node").set_value("Actor:kades_mongpok").run()
    assert not at.exception, at.exception
    G = MemoryStore.in_workspace(workspace).to_networkx()
    counts = projection_counts(collaboration_projection(G))["Actor:kades_mongpok"]
    assert counts.total > 0
    summary = t(
        "partners.summary", lang, total=counts.total, direct=counts.direct, shared=counts.shared
    )
    assert summary in [m.value for m in at.markdown]
    assert t("partners.definition", lang) in [c.value for c in at.caption]
    header = t("partners.col_kind", lang)
    table = next(d.value for d in at.dataframe if header in d.value.columns)
    assert len(table) == counts.total
    kinds = set(table[header])
    assert kinds <= {t("partners.kind.direct", lang), t("partners.kind.shared", lang)}


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(base.ROOT))
    folder = tmp_path / "workspace"
    base._small_graph(MemoryStore.in_workspace(folder))
    monkeypatch.setenv("JEJARING_BACKEND", "memory")
    monkeypatch.setenv("JEJARING_WORKSPACE", str(folder))
    monkeypatch.delenv("JEJARING_LANG", raising=False)
    base._clear_caches()
    yield folder
    base._clear_caches()


def test_one_actors_reasons_equal_its_edges_in_the_whole_projection_on_a_synthetic_network():
    # actor_reasons looks only two steps around the actor; on a national-shaped network every
    # actor's partners and reasons are still those of the projection of the whole network
    from loaders.synth.loading import load
    from loaders.synth.network import generate

    store = MemoryStore(None)
    load(generate(20, 7), store)
    G = store.to_networkx()
    P = collaboration_projection(G)
    assert P.number_of_edges() > 0
    for actor in P:
        assert actor_reasons(G, actor) == {b: P[actor][b]["reasons"] for b in P[actor]}, actor
