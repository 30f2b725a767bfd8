"""The data-quality report on the case study: the known inconsistencies of the source appear
with their locators; expected values come from the dataset files, not from this test."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from graph.memory_store import MemoryStore
from loaders.case_study import load_case_study
from queries.quality import conflicting_values, indonesian_number, quality_report
from tests.conftest import DATA
from tests.unit.test_cli import run_cli


@pytest.fixture(scope="module")
def graph(sources_dir):
    store = MemoryStore(None)
    load_case_study(store, DATA, sources_dir)
    return store.to_networkx()


@pytest.fixture(scope="module")
def report(graph):
    return quality_report(graph)


@pytest.fixture(scope="module")
def records(dataset):
    nodes = {(n["label"], n["id"]): n for n in dataset.nodes}
    claims = {i: n for (label, i), n in nodes.items() if label == "Claim"}
    observations = {i: n for (label, i), n in nodes.items() if label == "Observation"}
    return claims, observations


def _row(report, category, subject):
    rows = report[(report["category"] == category) & (report["subject"] == subject)]
    assert len(rows) >= 1, (category, subject, sorted(report["subject"]))
    return rows.iloc[0]


def _ref(ref: str) -> str:
    return ref.split(":", 1)[1]


def test_printed_totals_against_the_sum_of_their_rows(report, records):
    claims, observations = records
    totals = [
        c for c in claims.values() if c["check"].get("printed_total") and "table" in c["check"]
    ]
    assert len(totals) >= 4
    for claim in totals:
        check = claim["check"]
        printed = observations[_ref(check["printed_total"])]["value"]
        rows = sum(
            o["value"]
            for o in observations.values()
            if o.get("table") == check["table"]
            and o.get("column") == check["column"]
            and not o.get("printed_total")
        )
        assert printed != rows  # the source's totals do not add up (1.685 vs 1673, ...)
        row = _row(report, "total_vs_rows", f"Claim:{claim['id']}")
        assert row["severity"] == "error"
        assert row["computed"] == str(int(rows)) and row["claim"] == claim["asserted"]
        assert row["locator"].startswith("mongpok_case_study · ")
        assert str(int(printed)) in row["detail"]


def test_rank_claimed_against_rank_computed(report, records):
    claims, observations = records
    claim = claims["rank.desa_mongpok.tabel2_balita"]
    check = claim["check"]
    column = [
        o
        for o in observations.values()
        if o.get("table") == check["table"]
        and o.get("column") == check["column"]
        and not o.get("printed_total")
    ]
    mine = next(o["value"] for o in column if o.get("row") == check["row"])
    computed = 1 + sum(1 for o in column if o["value"] > mine)  # order desc
    assert computed != check["expected"]
    row = _row(report, "rank", "Claim:rank.desa_mongpok.tabel2_balita")
    assert row["computed"] == str(computed) and "¶" in row["locator"]


def test_parts_against_stated_total(report, records):
    claims, _ = records
    check = claims["count.informants"]["check"]
    row = _row(report, "parts_vs_total", "Claim:count.informants")
    assert row["computed"] == str(sum(check["values"])) != str(check["expected"])
    assert "Metode" in row["locator"]


def test_comparison_in_words_against_numbers(report, records):
    claims, observations = records
    check = claims["comparison.kab_serang.below_banten_2022"]["check"]
    left = observations[_ref(check["left"])]["value"]
    right = observations[_ref(check["right"])]["value"]
    assert not left < right  # "below" Banten, yet 26.4 > 20
    row = _row(report, "comparison", "Claim:comparison.kab_serang.below_banten_2022")
    assert f"{left:g}" in row["detail"] and f"{right:g}" in row["detail"]


def test_a_place_named_twice_in_a_ranking_list(report, records):
    _, observations = records
    twice = [o for o in observations.values() if o["id"].startswith("stunting.kota_tangerang.")]
    years = {o.get("year") for o in twice}
    assert len(twice) == 2 * len(years)
    rows = report[report["category"] == "repeated_name"]
    assert len(rows) == len(years)
    assert all("Kota Tangerang × 2" in c for c in rows["claim"])
    # and the two values of one place and year are reported as the same quantity twice
    same = report[report["category"] == "same_quantity_different_values"]
    assert {f"Observation:{o['id']}" for o in twice} <= set(same["subject"])


def test_number_format_anomaly(report, records):
    _, observations = records
    odd = [
        o
        for o in observations.values()
        if o.get("value_text")
        and indonesian_number(o["value_text"]) not in (None, float(o["value"]))
    ]
    assert odd  # e.g. Tabel 1 prints "2,794" where every other cell uses a dot
    rows = report[report["category"] == "number_format"]
    assert set(rows["subject"]) == {f"Observation:{o['id']}" for o in odd}
    assert all(rows["locator"] != "")


def test_every_finding_has_locator_claim_and_severity(report):
    assert set(report["severity"]) <= {"error", "warning", "info"}
    assert report["locator"].str.len().min() > 0
    assert report["severity"].tolist() == sorted(
        report["severity"], key=["error", "warning", "info"].index
    )


def test_survey_and_records_are_never_one_quantity():
    graph = nx.MultiDiGraph()
    graph.add_node("Place:p", label="Place", id="p", name="P")
    graph.add_node("Indicator:i", label="Indicator", id="i", name="I")
    for oid, value, instrument in (("a", 20.0, "SSGI"), ("b", 31.0, "e-PPGBM")):
        key = f"Observation:{oid}"
        graph.add_node(
            key, label="Observation", id=oid, value=value, year=2022, instrument=instrument
        )
        graph.add_edge(key, "Place:p", key="OBSERVED_IN")
        graph.add_edge(key, "Indicator:i", key="OBSERVED_FOR")
    assert conflicting_values(graph).empty
    graph.nodes["Observation:b"]["instrument"] = "SSGI 2022"
    assert len(conflicting_values(graph)) == 2


def test_cli_validate_reports_quality_in_json_and_table(tmp_path, sources_dir):
    report = json.loads(run_cli("validate", "--format", "json", workspace=tmp_path).stdout)
    assert report["ok"] is True
    categories = {f["category"] for f in report["quality"]}
    assert {"total_vs_rows", "rank", "parts_vs_total", "comparison", "repeated_name"} <= categories
    assert report["quality_summary"]["error"] >= 7
    table = run_cli("validate", "--format", "table", workspace=tmp_path).stdout
    assert "[error] total_vs_rows: Claim:total.tabel2.baduta" in table
