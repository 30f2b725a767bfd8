"""Intervention -> outcome pathways: the case study's chains as the curated data state them,
claims never upgraded, missing links said, instruments never merged."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from graph.memory_store import MemoryStore
from loaders.case_study import load_case_study
from queries.pathways import (
    CLAIM_NOT_STATED,
    NO_LINK,
    PATHWAY_COLUMNS,
    indicator_observations,
    intervention_pathways,
    pathway,
)
from tests.conftest import DATA

INNOVATION_P2 = {
    "source": "mongpok_case_study",
    "section": "Inovasi dan Kolaborasi dalam Implementasi Kampung KB",
    "paragraph": 2,
}
IMPACT_P5 = {
    "source": "mongpok_case_study",
    "section": "Dampak Implementasi Program",
    "paragraph": 5,
}
IMPACT_P1 = {
    "source": "mongpok_case_study",
    "section": "Dampak Implementasi Program",
    "paragraph": 1,
}


@pytest.fixture(scope="module")
def G(sources_dir) -> nx.MultiDiGraph:
    store = MemoryStore(None)
    load_case_study(store, DATA, sources_dir)
    return store.to_networkx()


def steps(frame, step):
    return frame[frame["step"] == step]


# -- the catfish-seed innovation (bibit_lele) ----------------------------------------------------
def test_bibit_lele_actors_and_target_groups(G):
    frame = intervention_pathways(G, intervention_ids=["bibit_lele"])
    actors = steps(frame, "actor")
    assert list(zip(actors["node_id"], actors["relation"], strict=True)) == [
        ("seksi_pembinaan_lingkungan_ekonomi", "IMPLEMENTS"),
        ("kkp", "SUPPORTS"),
    ]
    assert actors["evidence"].tolist() == [[INNOVATION_P2], [INNOVATION_P2]]
    groups = steps(frame, "target_group")
    assert groups["node_id"].tolist() == ["krs"]
    assert groups["name_en"].tolist() == ["Families at risk of stunting (KRS)"]
    assert set(frame["claim"].dropna()) == {"reported_by_informants"}


def test_bibit_lele_contribution_is_reported_directly_and_through_kampung_kb(G):
    indicators = steps(intervention_pathways(G, intervention_ids=["bibit_lele"]), "indicator")
    rows = indicators[["node_id", "link", "via", "claim"]].values.tolist()
    assert rows == [
        ["stunting_prevalence", "direct", None, "reported_by_informants"],
        ["stunting_prevalence", "via_programme", "kampung_kb", "reported_by_informants"],
    ]
    direct, inherited = indicators.to_dict("records")
    assert direct["evidence"] == [INNOVATION_P2, IMPACT_P5]
    assert direct["evidence_text"] == (
        "Inovasi dan Kolaborasi dalam Implementasi Kampung KB ¶2; Dampak Implementasi Program ¶5"
    )
    assert inherited["evidence"] == [IMPACT_P1, IMPACT_P5]
    assert INNOVATION_P2 in inherited["via_evidence"]  # the PART_OF Kampung KB locator


def test_bibit_lele_pathway_carries_the_mongpok_weighing_series(G):
    p = pathway(G, "bibit_lele")
    assert p["intervention"]["quantity"] == 3000 and p["intervention"]["unit"] == "seed"
    assert (p["places"], p["place_basis"]) == (["desa_mongpok"], "intervention")
    assert [prog["path"] for prog in p["programmes"]] == [
        ["kampung_kb"],
        ["kampung_kb", "bangga_kencana"],
    ]
    assert p["missing"] == []
    (indicator,) = p["indicators"]
    assert indicator["id"] == "stunting_prevalence"
    assert [(link["link"], link["claim"]) for link in indicator["links"]] == [
        ("direct", "reported_by_informants"),
        ("via_programme", "reported_by_informants"),
    ]
    (series,) = indicator["series"]
    assert (series["place"], series["instrument"], series["instrument_kind"]) == (
        "desa_mongpok",
        "e-PPGBM",
        "records",
    )
    points = [
        (pt["period"], pt["value"], pt["value_text"], pt["conflict"]) for pt in series["points"]
    ]
    assert points == [
        ("2020", 55, "55%", False),
        ("2021", 39.7, "39,70%", False),
        ("2022", 17.1, "17,10%", False),
        ("2023-02", 15, "15%", True),
        ("2023-02", 15.4, "15,40%", True),
    ]
    json.dumps(p)  # plain data all the way down: the diagram page can serialise it


# -- claims are never upgraded ---------------------------------------------------------------
def test_no_measured_claim_where_the_data_says_reported(G):
    stated = {d["claim"] for _, _, k, d in G.edges(keys=True, data=True) if k == "CONTRIBUTES_TO"}
    assert stated == {"reported_by_informants"}  # the case study never measures an effect
    frame = intervention_pathways(G)
    assert set(frame["claim"].dropna()) == {"reported_by_informants", NO_LINK}
    assert not frame.map(lambda v: "measured" in str(v)).to_numpy().any()
    for intervention_id in frame["intervention"].unique():
        assert "measured" not in json.dumps(pathway(G, intervention_id), default=str)


def _tiny(claims: dict[str, str | None]) -> nx.MultiDiGraph:
    """An intervention part of a programme; each of the two may contribute with a claim."""
    G = nx.MultiDiGraph()
    G.add_node("Intervention:i", label="Intervention", id="i", name="I")
    G.add_node("Program:p", label="Program", id="p", name="P")
    G.add_node("Indicator:s", label="Indicator", id="s", name="S")
    G.add_edge("Intervention:i", "Program:p", key="PART_OF", evidence=[])
    for source, claim in claims.items():
        props = {"evidence": []} | ({"claim": claim} if claim else {})
        G.add_edge(source, "Indicator:s", key="CONTRIBUTES_TO", **props)
    return G


def test_each_contribution_keeps_its_own_claim():
    G = _tiny({"Intervention:i": "reported_by_informants", "Program:p": "measured"})
    rows = steps(intervention_pathways(G), "indicator")[["link", "claim"]].values.tolist()
    assert rows == [["direct", "reported_by_informants"], ["via_programme", "measured"]]


def test_a_contribution_without_a_claim_is_not_stated_never_measured():
    G = _tiny({"Intervention:i": None})
    assert steps(intervention_pathways(G), "indicator")["claim"].tolist() == [CLAIM_NOT_STATED]


# -- missing and inherited links -------------------------------------------------------------
def test_no_link_is_said_rather_than_invented(G):
    # Forming the TPPS is linked to no programme and contributes to nothing in the data.
    frame = intervention_pathways(G, intervention_ids=["pembentukan_tim_percepatan_stunting"])
    assert frame[["step", "node_id", "link", "claim"]].values.tolist() == [
        ["actor", "kepala_desa_mongpok", "direct", None],
        ["target_group", None, NO_LINK, None],
        ["indicator", None, NO_LINK, NO_LINK],
    ]
    p = pathway(G, "pembentukan_tim_percepatan_stunting")
    assert p["missing"] == ["target_group", "indicator"] and p["indicators"] == []


def test_programme_only_contribution_is_marked_inherited(G):
    indicators = steps(intervention_pathways(G, intervention_ids=["jamban_sehat"]), "indicator")
    assert indicators[["link", "via", "claim"]].values.tolist() == [
        ["via_programme", "kampung_kb", "reported_by_informants"]
    ]


def test_inheritance_follows_the_programme_chain(G):
    indicators = steps(intervention_pathways(G, intervention_ids=["dashat_pmt"]), "indicator")
    assert indicators["via"].tolist() == ["dashat", "dashat > kampung_kb"]
    assert set(indicators["link"]) == {"via_programme"}


def test_every_intervention_has_all_three_steps(G):
    frame = intervention_pathways(G)
    assert list(frame.columns) == PATHWAY_COLUMNS
    n_interventions = sum(1 for _, d in G.nodes(data=True) if d["label"] == "Intervention")
    assert frame["intervention"].nunique() == n_interventions == 29
    per = frame.groupby("intervention")["step"].agg(lambda s: sorted(set(s)))
    assert all(v == ["actor", "indicator", "target_group"] for v in per)


def test_places_fall_back_to_the_implementers(G):
    # The Posyandu counselling has no place, nor has its programme; the Posyandu has one.
    p = pathway(G, "penyuluhan_posyandu")
    assert (p["places"], p["place_basis"]) == (["desa_mongpok"], "implementer")
    assert p["indicators"][0]["series"][0]["instrument"] == "e-PPGBM"


def test_unknown_intervention_raises(G):
    with pytest.raises(KeyError):
        pathway(G, "no_such_intervention")
    with pytest.raises(KeyError):
        intervention_pathways(G, intervention_ids=["kkp"])


# -- observations ----------------------------------------------------------------------------
def test_survey_and_weighing_records_are_never_one_series(G):
    obs = indicator_observations(G, "stunting_prevalence")
    assert obs.groupby("series")["instrument"].nunique().max() == 1
    assert obs.groupby("series")["instrument_kind"].nunique().max() == 1
    serang = obs[obs["place"] == "kab_serang"]
    assert serang[["series", "period", "value"]].values.tolist() == [
        ["kab_serang | SSGI", "2019", 39.43],
        ["kab_serang | SSGI", "2021", 27.2],
        ["kab_serang | SSGI", "2022", 26.4],
    ]


def test_observations_of_one_place(G):
    mongpok = indicator_observations(G, "stunting_prevalence", "desa_mongpok")
    assert mongpok["value"].tolist() == [55, 39.7, 17.1, 15, 15.4]
    assert mongpok["conflict"].tolist() == [False, False, False, True, True]
    assert set(mongpok["instrument_kind"]) == {"records"}
    assert indicator_observations(G, "no_such_indicator").empty


def test_targets_are_their_own_series():
    G = nx.MultiDiGraph()
    G.add_node("Indicator:s", label="Indicator", id="s")
    G.add_node("Place:id", label="Place", id="id", name="Indonesia")
    for oid, value, target in [("m", 21.6, False), ("t", 14, True)]:
        G.add_node(
            f"Observation:{oid}",
            label="Observation",
            id=oid,
            year=2024,
            value=value,
            instrument="SSGI",
            target=target,
        )
        G.add_edge(f"Observation:{oid}", "Indicator:s", key="OBSERVED_FOR")
        G.add_edge(f"Observation:{oid}", "Place:id", key="OBSERVED_IN")
    obs = indicator_observations(G, "s")
    assert obs[["series", "instrument_kind", "conflict"]].values.tolist() == [
        ["id | SSGI", "survey", False],
        ["id | SSGI | target", "target", False],
    ]
