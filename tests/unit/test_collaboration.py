"""The collaboration projection links actors for the reasons the evidence gives, keeps every
reason with its evidence, and honours the reason, level and date filters."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from graph.memory_store import MemoryStore
from loaders.case_study import load_case_study
from queries.collaboration import (
    REASON_LABELS,
    REASONS,
    collaboration_projection,
    explain_edge,
    period_bounds,
    reason_label,
)
from tests.conftest import DATA


def loc(paragraph: int) -> dict:
    return {"source": "s", "section": "Hasil", "paragraph": paragraph}


def actor(aid: str, level: str = "desa", **extra) -> dict:
    return {
        "label": "Actor",
        "id": aid,
        "name": f"Aktor {aid}",
        "name_en": f"Actor {aid}",
        "actor_type": "community_group",
        "sector": "health",
        "level": level,
        "evidence": [loc(1)],
        **extra,
    }


def rel(rel_type: str, start: str, end: str, paragraph: int, **props) -> dict:
    return {"type": rel_type, "start": start, "end": end, "evidence": [loc(paragraph)], **props}


def view(nodes: list[dict], rels: list[dict]) -> nx.MultiDiGraph:
    store = MemoryStore(None)
    store.upsert_nodes(nodes)
    store.upsert_relationships(rels)
    return store.to_networkx()


@pytest.fixture()
def co_funders() -> nx.MultiDiGraph:
    """a and b fund the same intervention and are both members of the same board."""
    return view(
        [
            actor("a"),
            actor("b"),
            actor("board", level="kecamatan"),
            actor("loner"),
            {
                "label": "Intervention",
                "id": "latrines",
                "name": "Jamban sehat",
                "name_en": "Healthy latrines",
                "intervention_kind": "sensitive",
                "evidence": [loc(1)],
            },
        ],
        [
            rel("FUNDS", "Actor:a", "Intervention:latrines", 2, amount=1000, currency="IDR"),
            rel("FUNDS", "Actor:b", "Intervention:latrines", 3),
            rel("MEMBER_OF", "Actor:a", "Actor:board", 4),
            rel("MEMBER_OF", "Actor:b", "Actor:board", 5),
        ],
    )


def reasons_of(P: nx.Graph, a: str, b: str) -> list[tuple[str, str | None]]:
    return [(r["reason"], r["via"]) for r in P[a][b]["reasons"]]


def test_shared_funding_and_shared_body_give_weight_two_with_both_reasons(co_funders):
    P = collaboration_projection(co_funders)
    edge = P["Actor:a"]["Actor:b"]
    assert edge["weight"] == 2
    assert reasons_of(P, "Actor:a", "Actor:b") == [
        ("same_body", "Actor:board"),
        ("same_intervention", "Intervention:latrines"),
    ]
    by_code = {r["reason"]: r for r in edge["reasons"]}
    assert by_code["same_intervention"]["evidence"] == [loc(2), loc(3)]
    assert by_code["same_intervention"]["rel_types"] == ["FUNDS"]
    assert by_code["same_body"]["evidence"] == [loc(4), loc(5)]
    assert by_code["same_intervention"]["via_name_en"] == "Healthy latrines"


def test_membership_links_each_member_with_the_body(co_funders):
    P = collaboration_projection(co_funders)
    assert reasons_of(P, "Actor:a", "Actor:board") == [("member_of", None)]
    assert P["Actor:board"]["Actor:b"]["weight"] == 1
    assert P.number_of_edges() == 3


def test_every_actor_is_a_node_with_its_properties_and_nothing_else_is(co_funders):
    P = collaboration_projection(co_funders)
    assert sorted(P) == ["Actor:a", "Actor:b", "Actor:board", "Actor:loner"]
    assert P.nodes["Actor:loner"]["name"] == "Aktor loner" and P.degree("Actor:loner") == 0
    assert P.nodes["Actor:board"]["level"] == "kecamatan"


def test_reason_filter_keeps_only_the_chosen_reasons(co_funders):
    P = collaboration_projection(co_funders, reasons={"same_intervention"})
    assert P["Actor:a"]["Actor:b"]["weight"] == 1
    assert reasons_of(P, "Actor:a", "Actor:b") == [("same_intervention", "Intervention:latrines")]
    assert P.number_of_edges() == 1
    with pytest.raises(ValueError, match="unknown reasons"):
        collaboration_projection(co_funders, reasons={"friendship"})


def test_level_filter_drops_actors_but_keeps_a_shared_body_as_a_reason(co_funders):
    P = collaboration_projection(co_funders, levels={"desa"})
    assert "Actor:board" not in P
    # the board is not shown, but sharing it is still evidence that a and b work together
    assert reasons_of(P, "Actor:a", "Actor:b") == [
        ("same_body", "Actor:board"),
        ("same_intervention", "Intervention:latrines"),
    ]


def test_direct_ties_count_once_per_reason_whatever_the_direction():
    G = view(
        [actor("head"), actor("team"), actor("cadre")],
        [
            rel("LEADS", "Actor:head", "Actor:team", 1),
            rel("COORDINATES", "Actor:head", "Actor:team", 2),
            rel("COLLABORATES_WITH", "Actor:team", "Actor:cadre", 3),
            rel("COLLABORATES_WITH", "Actor:cadre", "Actor:team", 4),
            rel("SUPPORTS", "Actor:head", "Actor:cadre", 5),
        ],
    )
    P = collaboration_projection(G)
    assert reasons_of(P, "Actor:head", "Actor:team") == [("coordinates", None), ("leads", None)]
    assert P["Actor:head"]["Actor:team"]["weight"] == 2
    collab = P["Actor:cadre"]["Actor:team"]
    assert collab["weight"] == 1 and collab["reasons"][0]["evidence"] == [loc(4), loc(3)]
    assert reasons_of(P, "Actor:cadre", "Actor:head") == [("supports", None)]


def programme_graph(**programme) -> nx.MultiDiGraph:
    return view(
        [
            actor("head"),
            actor("funder", level="national"),
            actor("partner"),
            actor("other"),
            {
                "label": "Program",
                "id": "kkb",
                "name": "Kampung KB",
                "evidence": [loc(1)],
                **programme,
            },
        ],
        [
            rel("LEADS", "Actor:head", "Program:kkb", 1),
            rel("FUNDS", "Actor:funder", "Program:kkb", 2),
            rel("COLLABORATES_WITH", "Program:kkb", "Actor:partner", 3),
            rel("COLLABORATES_WITH", "Program:kkb", "Actor:other", 4),
        ],
    )


def test_programme_partners_are_linked_with_who_runs_the_programme_only():
    P = collaboration_projection(programme_graph())
    assert reasons_of(P, "Actor:head", "Actor:partner") == [("programme_partner", "Program:kkb")]
    assert P["Actor:head"]["Actor:partner"]["reasons"][0]["evidence"] == [loc(3), loc(1)]
    assert not P.has_edge("Actor:funder", "Actor:partner")  # funding is not running it
    assert not P.has_edge("Actor:partner", "Actor:other")  # partners are not linked to each other
    assert reasons_of(P, "Actor:funder", "Actor:head") == [("same_programme", "Program:kkb")]


def test_date_window_drops_what_is_dated_outside_and_keeps_what_is_undated():
    G = view(
        [
            actor("a"),
            actor("b"),
            actor("c"),
            {
                "label": "Intervention",
                "id": "old",
                "name": "Lama",
                "intervention_kind": "specific",
                "start": "2019-01",
                "end": "2019-12",
                "evidence": [loc(1)],
            },
            {
                "label": "Intervention",
                "id": "open",
                "name": "Berjalan",
                "intervention_kind": "specific",
                "start": "2022",
                "evidence": [loc(1)],
            },
        ],
        [
            rel("IMPLEMENTS", "Actor:a", "Intervention:old", 1),
            rel("IMPLEMENTS", "Actor:b", "Intervention:old", 2),
            rel("IMPLEMENTS", "Actor:a", "Intervention:open", 3),
            rel("SUPPORTS", "Actor:c", "Intervention:open", 4),
            rel("COLLABORATES_WITH", "Actor:b", "Actor:c", 5, date="2020-06-01"),
            rel("COLLABORATES_WITH", "Actor:a", "Actor:c", 6),
        ],
    )
    everything = collaboration_projection(G)
    assert everything["Actor:a"]["Actor:c"]["weight"] == 2
    assert set(everything.edges()) == {
        ("Actor:a", "Actor:b"),
        ("Actor:a", "Actor:c"),
        ("Actor:b", "Actor:c"),
    }
    recent = collaboration_projection(G, date_window=("2021", None))
    assert set(recent.edges()) == {("Actor:a", "Actor:c")}
    assert recent["Actor:a"]["Actor:c"]["weight"] == 2  # open-ended "2022-" overlaps; undated kept
    early = collaboration_projection(G, date_window=(None, dt.date(2020, 6, 1)))
    assert reasons_of(early, "Actor:a", "Actor:b") == [("same_intervention", "Intervention:old")]
    assert reasons_of(early, "Actor:a", "Actor:c") == [("collaborates", None)]
    assert early.has_edge("Actor:b", "Actor:c")  # dated on the window's last day


def test_period_bounds_read_years_months_and_days():
    assert period_bounds("2023") == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert period_bounds("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert period_bounds("2022-12") == (dt.date(2022, 12, 1), dt.date(2022, 12, 31))
    assert period_bounds("2023-01-05") == (dt.date(2023, 1, 5), dt.date(2023, 1, 5))
    assert period_bounds(2021) == (dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    assert period_bounds("soon") is None and period_bounds(None) is None


def test_explain_edge_in_both_languages(co_funders):
    P = collaboration_projection(co_funders)
    english = explain_edge(P, "Actor:b", "Actor:a", lang="en")
    assert [(r["label"], r["via_name"]) for r in english] == [
        ("members of the same body", "Actor board"),
        ("work on the same intervention", "Healthy latrines"),
    ]
    indonesian = explain_edge(P, "Actor:a", "Actor:b", lang="id")
    assert [(r["label"], r["via_name"]) for r in indonesian] == [
        ("anggota badan yang sama", "Aktor board"),
        ("menangani intervensi yang sama", "Jamban sehat"),
    ]
    assert indonesian[1]["evidence"] == [loc(2), loc(3)]
    assert explain_edge(P, "Actor:a", "Actor:loner") == []


def test_every_reason_has_a_label_in_both_languages():
    assert set(REASON_LABELS) == set(REASONS)
    for code in REASONS:
        assert reason_label(code, "id") and reason_label(code, "en")
        assert reason_label(code, "id") != reason_label(code, "en")


def test_projection_does_not_depend_on_the_order_edges_arrive_in(co_funders):
    reordered = nx.MultiDiGraph()
    reordered.add_nodes_from(reversed(list(co_funders.nodes(data=True))))
    reordered.add_edges_from(reversed(list(co_funders.edges(keys=True, data=True))))
    a, b = collaboration_projection(co_funders), collaboration_projection(reordered)
    assert list(a.nodes) == list(b.nodes)
    assert list(a.edges(data=True)) == list(b.edges(data=True))


def test_case_study_projection(sources_dir):
    store = MemoryStore(None)
    load_case_study(store, DATA, sources_dir)
    P = collaboration_projection(store.to_networkx())
    assert P.number_of_nodes() == 49
    head, tpps = "Actor:kepala_desa_mongpok", "Actor:tpps_desa_mongpok"
    assert reasons_of(P, head, tpps) == [("coordinates", None), ("leads", None)]
    assert all(d["weight"] == len(d["reasons"]) >= 1 for _, _, d in P.edges(data=True))
    assert all(r["evidence"] for _, _, d in P.edges(data=True) for r in d["reasons"])
