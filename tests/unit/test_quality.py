"""Data-quality checks on the curated dataset, with results checked by hand against claims.yaml."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.memory_store import MemoryStore
from loaders.case_study import load_case_study
from queries.quality import (
    OPS,
    ambiguous_numbers,
    check_claims,
    conflicting_values,
    evaluate_check,
    records_by_paragraph,
)
from tests.conftest import DATA


@pytest.fixture(scope="module")
def graph(sources_dir) -> nx.MultiDiGraph:
    store = MemoryStore(None)
    load_case_study(store, DATA, sources_dir)
    return store.to_networkx()


@pytest.fixture(scope="module")
def claims(graph):
    return check_claims(graph).set_index("claim")


def test_every_op_used_in_the_dataset_has_an_evaluator():
    used = {
        line.split("op:")[1].split(",")[0].split("}")[0].strip()
        for line in (DATA / "claims.yaml").read_text(encoding="utf-8").splitlines()
        if "op:" in line and not line.lstrip().startswith("#")
    }
    assert used <= set(OPS), used - set(OPS)


def test_every_claim_is_checkable(claims):
    assert claims["holds"].notna().all(), claims[claims["holds"].isna()][["reason", "detail"]]


@pytest.mark.parametrize(
    ("claim", "computed", "holds"),
    [
        # 17 village rows of Tabel 2 add up to 1673, the printed Jumlah says 1.685
        ("total.tabel2.baduta", "1673", False),
        # balita column, largest first: 212..363 are nine values above Mongpok's 205 -> 10th
        ("rank.desa_mongpok.tabel2_balita", "10", False),
        ("rank.desa_mongpok.tabel2_baduta", "9", True),
        # 26,4 is not below the Banten average of 20
        ("comparison.kab_serang.below_banten_2022", "False", False),
        ("comparison.kab_serang.above_banten_2021", "True", True),
        # FGD groups 4 + 2 + 3 + 2 = 11, the text says 10 informants
        ("count.informants", "11", False),
        # 100 * 21 / 275 = 7.636..., printed 7,63 (truncated) is within the 0.01 tolerance
        ("share.desa_mongpok.krs_not_at_risk_2023", "7.6364", True),
        ("ratio.desa_mongpok.krs_2023", "275:254", True),
        ("total.desa_mongpok.krs_2023", "275", True),
        # 27,2 - 26,4 = 0,8 points
        ("difference.kab_serang.stunting_2021_2022", "0.8", True),
        ("comparison.kab_serang.stunting_falling_2019_2022", "True", True),
        # Myanmar's 35% is above Indonesia's 24,4%
        ("comparison.indonesia.above_asean_2021", "False", False),
        # the printed list of rising kecamatan has nine names
        ("count.kab_serang.kec_stunting_rising_2021", "9", False),
        # 21 falling + 10 rising = 31 > 29 kecamatan
        ("comparison.kab_serang.kec_changes_within_29", "False", False),
    ],
)
def test_hand_checked_claims(claims, claim, computed, holds):
    row = claims.loc[claim]
    assert (row["computed"], row["holds"]) == (computed, holds), row["detail"]


def test_reference_counts_need_the_reference_file(graph, tmp_path):
    check = {
        "op": "count",
        "reference": {"file": "absent.csv", "level": 3, "code_prefix": "36"},
        "expected": 29,
    }
    result = evaluate_check(check, graph, reference_dir=tmp_path)
    assert result["holds"] is None and result["reason"] == "missing_reference"


def test_missing_observation_and_unknown_op_are_not_checkable(graph):
    missing = evaluate_check(
        {"op": "share", "part": "Observation:nope", "whole": "Observation:x", "expected": 1}, graph
    )
    assert (missing["holds"], missing["reason"]) == (None, "missing_observation")
    assert evaluate_check({"op": "median", "expected": 1}, graph)["reason"] == "unknown_op"


def test_ties_share_the_better_position():
    g = nx.MultiDiGraph()
    for oid, value in (("a", 5), ("b", 5), ("c", 3)):
        g.add_node(f"Observation:{oid}", label="Observation", id=oid, value=value)
    check = {
        "op": "rank",
        "subject": "Observation:b",
        "among": ["Observation:a", "Observation:c"],
        "order": "desc",
        "expected": 1,
    }
    assert evaluate_check(check, g)["holds"] is True


def test_ambiguous_numbers_include_the_two_february_values(graph):
    ids = set(ambiguous_numbers(graph)["observation"])
    assert {
        "stunting.desa_mongpok.2023-02.printed_15",
        "stunting.desa_mongpok.2023-02.printed_15_40",
    } <= ids


def test_conflicting_values_for_mongpok_february_2023(graph):
    conflicts = conflicting_values(graph)
    mongpok = conflicts[(conflicts["place"] == "desa_mongpok") & (conflicts["period"] == "2023-02")]
    assert sorted(mongpok["value"]) == [15.0, 15.4]
    assert mongpok["group"].nunique() == 1
    assert "t2.jumlah.baduta" not in set(conflicts["observation"])  # totals are not measurements


def test_records_by_paragraph_lists_nodes_and_links(graph):
    cited = records_by_paragraph(graph, "mongpok_case_study", "Pendahuluan")
    assert "Claim:total.tabel2.baduta" in cited[59]
