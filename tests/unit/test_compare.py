"""Comparison tables on the real case study: Tabel 2 and Tabel 1 as printed, printed totals
kept apart from computed sums, ranks of the case-study places."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.memory_store import MemoryStore
from loaders.case_study import load_case_study
from queries.compare import (
    TABLE_COLUMNS,
    column_ranking,
    prevalence_ranking,
    printed_vs_computed,
    rank_in_column,
    table_observations,
    wide_table,
)
from tests.conftest import DATA

BADUTA = "Bayi Dua Tahun (0-23 Bulan)"


@pytest.fixture(scope="module")
def G(sources_dir) -> nx.MultiDiGraph:
    store = MemoryStore(None)
    load_case_study(store, DATA, sources_dir)
    return store.to_networkx()


@pytest.fixture(scope="module")
def tabel2(G):
    return table_observations(G, "Tabel 2")


def test_tabel_2_has_17_villages_a_printed_total_and_four_columns(tabel2):
    assert list(tabel2.columns) == TABLE_COLUMNS
    villages = tabel2[~tabel2["printed_total"]]
    assert villages["row"].nunique() == 17
    assert set(tabel2.loc[tabel2["printed_total"], "row"]) == {"Jumlah"}
    assert set(tabel2.loc[tabel2["printed_total"], "place"]) == {"kec_cikeusal"}
    wide = wide_table(tabel2)
    assert wide.shape == (18, 4)
    assert wide.index[0] == "Cikeusal" and wide.index[-1] == "Jumlah"  # print order
    assert list(wide.columns)[:2] == ["Pasangan Usia Subur", "Pasangan Usia Subur Hamil"]


def test_values_are_shown_as_printed(tabel2):
    wide = wide_table(tabel2)
    assert wide.loc["Jumlah", BADUTA] == "1.685"  # the Indonesian thousands dot, as printed
    assert wide.loc["Mongpok", BADUTA] == "88"
    numbers = wide_table(tabel2, values="value")
    assert numbers.loc["Jumlah", BADUTA] == 1685


def test_printed_total_differs_from_the_sum_and_both_are_kept(tabel2):
    totals = printed_vs_computed(tabel2).set_index("column")
    baduta = totals.loc[BADUTA]
    assert baduta["computed"] == 1673
    assert baduta["printed"] == 1685 and baduta["printed_text"] == "1.685"
    assert baduta["difference"] == 12
    assert baduta["rows"] == 17
    assert (totals["difference"] != 0).all()  # no column of Tabel 2 adds up as printed


def test_mongpok_is_9th_of_17_for_baduta(tabel2):
    assert rank_in_column(tabel2, BADUTA, "desa_mongpok") == (9, 17)
    assert rank_in_column(tabel2, BADUTA, "Mongpok") == (9, 17)  # by printed row too
    ranked = column_ranking(tabel2, BADUTA)
    assert len(ranked) == 17 and ranked["rank"].iloc[0] == 1
    assert not ranked["printed_total"].any()


def test_unknown_place_or_table(G, tabel2):
    assert rank_in_column(tabel2, BADUTA, "nowhere") is None
    assert table_observations(G, "Tabel 99").empty
    assert wide_table(table_observations(G, "Tabel 99")).empty
    assert printed_vs_computed(table_observations(G, "Tabel 99")).empty


def test_tabel_1_kabupaten_kota_of_banten_without_a_total_row(G):
    tabel1 = table_observations(G, "Tabel 1")
    assert tabel1["row"].nunique() == 8
    assert not tabel1["printed_total"].any()
    totals = printed_vs_computed(tabel1)
    assert totals["printed"].isna().all() and (totals["rows"] == 8).all()
    column = "Baduta (PK21)"
    rank = rank_in_column(tabel1, column, "kab_serang")
    assert rank is not None and rank[1] == 8


@pytest.mark.parametrize("year,serang", [(2021, 27.2), (2022, 26.4)])
def test_prevalence_ranking_keeps_both_kota_tangerang_figures(G, year, serang):
    ranking = prevalence_ranking(G, year)
    top = ranking.iloc[0]
    assert top["place"] == "kab_serang" and top["value"] == serang and top["rank"] == 1
    assert (ranking["place"] == "kota_tangerang").sum() == 2  # printed twice, both kept
    assert "prov_banten" not in set(ranking["place"])  # the province is the yardstick, not a row
    assert ranking["of"].iloc[0] == len(ranking)


def test_prevalence_ranking_of_an_unknown_parent_is_empty(G):
    assert prevalence_ranking(G, 2021, parent="nowhere").empty
