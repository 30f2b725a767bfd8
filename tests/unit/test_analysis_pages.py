"""AppTest smoke and behaviour tests of the Centrality, Pathways and Compare pages.

The small graph of test_app_pages, plus what these pages need: a second intervention with
an actor, a target group and a contribution reported by informants, and a small printed
table (three villages and a printed total that does not add up).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tests.unit.test_app_pages as base
from drawing.i18n import LANGUAGES, t
from graph.memory_store import MemoryStore

PAGES = {
    "ui/centrality.py": "centrality.title",
    "ui/pathways.py": "pathways.title",
    "ui/compare.py": "compare.title",
}
EV = base.EVIDENCE
COLUMN_A, COLUMN_B = "Baduta", "Balita"
# (village, baduta, balita); the printed total says 20 and 31 where the rows sum to 18 and 30
VILLAGES = (
    ("desa_mongpok", "Mongpok", 5, 10),
    ("desa_a", "Alpha", 9, 8),
    ("desa_b", "Beta", 4, 12),
)


def _cell(row: str, place: str | None, column: str, value: int, paragraph: int) -> dict:
    return {
        "label": "Observation",
        "id": f"t2.{row}.{column}".lower(),
        "name": f"{column}, {row}",
        "value": value,
        "value_text": f"{value}",
        "unit": "families",
        "year": 2022,
        "instrument": "e-PPGBM",
        "table": "Tabel 2",
        "row": row,
        "column": column,
        "printed_total": place is None,
        "evidence": [{**EV[0], "paragraph": paragraph}, {**EV[0], "paragraph": 1}],
        "_place": place,
    }


def _table_cells() -> list[dict]:
    cells = []
    for i, (place, row, baduta, balita) in enumerate(VILLAGES):
        cells += [
            _cell(row, place, COLUMN_A, baduta, 2 + i),
            _cell(row, place, COLUMN_B, balita, 2 + i),
        ]
    cells += [_cell("Jumlah", None, COLUMN_A, 20, 9), _cell("Jumlah", None, COLUMN_B, 31, 9)]
    return cells


def _add_analysis_data(store: MemoryStore) -> None:
    cells = _table_cells()
    store.upsert_nodes(
        [
            *[{k: v for k, v in c.items() if k != "_place"} for c in cells],
            *[
                {
                    "label": "Place",
                    "id": p,
                    "name": f"Desa {r}",
                    "place_level": "desa",
                    "evidence": EV,
                }
                for p, r, _, _ in VILLAGES
                if p != "desa_mongpok"
            ],
            {
                "label": "Intervention",
                "id": "posyandu",
                "name": "Penyuluhan Posyandu",
                "name_en": "Posyandu counselling",
                "evidence": EV,
            },
            {
                "label": "TargetGroup",
                "id": "bumil",
                "name": "Ibu hamil",
                "name_en": "Pregnant women",
                "evidence": EV,
            },
        ]
    )
    links = (
        [
            {
                "type": "OBSERVED_FOR",
                "start": f"Observation:{c['id']}",
                "end": "Indicator:stunting_prevalence",
            }
            for c in cells
        ]
        + [
            {
                "type": "OBSERVED_IN",
                "start": f"Observation:{c['id']}",
                "end": f"Place:{c['_place']}",
            }
            for c in cells
            if c["_place"]
        ]
        + [
            {"type": "IMPLEMENTS", "start": "Actor:kades_mongpok", "end": "Intervention:posyandu"},
            {"type": "SUPPORTS", "start": "Actor:hostile", "end": "Intervention:posyandu"},
            {"type": "TARGETS", "start": "Intervention:posyandu", "end": "TargetGroup:bumil"},
            {
                "type": "CONTRIBUTES_TO",
                "start": "Intervention:posyandu",
                "end": "Indicator:stunting_prevalence",
                "claim": "reported_by_informants",
            },
            {"type": "LOCATED_IN", "start": "Intervention:posyandu", "end": "Place:desa_mongpok"},
        ]
    )
    store.upsert_relationships([{**link, "evidence": EV} for link in links])


@pytest.fixture
def analysis_ws(tmp_path, monkeypatch) -> Path:
    monkeypatch.syspath_prepend(str(base.ROOT))
    folder = tmp_path / "workspace"
    store = MemoryStore.in_workspace(folder)
    base._small_graph(store)
    _add_analysis_data(store)
    monkeypatch.setenv("JEJARING_BACKEND", "memory")
    monkeypatch.setenv("JEJARING_WORKSPACE", str(folder))
    monkeypatch.delenv("JEJARING_LANG", raising=False)
    base._clear_caches()
    yield folder
    base._clear_caches()


def _captions(at) -> list[str]:
    return [c.value for c in at.caption]


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("page", list(PAGES))
def test_each_page_runs_in_both_languages(analysis_ws, page, lang):
    at = base._open(page, lang)
    assert not at.exception, at.exception
    titles = base._titles(at)
    assert t(PAGES[page], lang) in titles
    assert t(PAGES[page], "en" if lang == "id" else "id") not in titles
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_pages_run_on_the_small_graph_without_tables(workspace_small, lang):
    for page, key in PAGES.items():
        at = base._open(page, lang)
        assert not at.exception, at.exception
        assert t(key, lang) in base._titles(at)


@pytest.fixture
def workspace_small(tmp_path, monkeypatch) -> Path:
    """The small graph alone: no printed tables, an intervention linked to nothing."""
    monkeypatch.syspath_prepend(str(base.ROOT))
    folder = tmp_path / "workspace"
    base._small_graph(MemoryStore.in_workspace(folder))
    monkeypatch.setenv("JEJARING_BACKEND", "memory")
    monkeypatch.setenv("JEJARING_WORKSPACE", str(folder))
    monkeypatch.delenv("JEJARING_LANG", raising=False)
    base._clear_caches()
    yield folder
    base._clear_caches()


# -- centrality ------------------------------------------------------------------------------
def test_centrality_metric_picker_changes_chart_and_explanation(analysis_ws):
    at = base._open("ui/centrality.py", "en")
    assert at.selectbox(key="centrality_metric").value == "betweenness"
    assert "How often this actor lies on the shortest path" in " ".join(_captions(at))
    at.selectbox(key="centrality_metric").set_value("degree").run()
    assert not at.exception, at.exception
    captions = " ".join(_captions(at))
    assert "How many other actors this actor is linked with in the collaboration" in captions
    assert t("partners.definition", "en") in captions  # what "partners" means, on the page
    table = at.dataframe[0].value
    assert "Partners" in table.columns and "Kepala Desa Mongpok" not in table["Actor"].tolist()
    assert "Mongpok village head" in table["Actor"].tolist()  # names in the chosen language
    # the partners split into direct ones and ones through something shared, summing to degree
    direct, shared = t("centrality.col_direct", "en"), t("centrality.col_shared", "en")
    assert (table[direct] + table[shared] == table["Partners"]).all()
    assert table[shared].sum() > 0


def test_centrality_options_change_the_network(analysis_ws):
    at = base._open("ui/centrality.py", "en")
    # kades-bkkbn run the same programme; kades-hostile work on the same intervention
    assert t("centrality.shown", "en", actors=3, links=2) in _captions(at)
    at.multiselect(key="centrality_reasons").set_value(["same_programme"]).run()
    assert t("centrality.shown", "en", actors=3, links=1) in _captions(at)
    at.multiselect(key="centrality_reasons").set_value(["collaborates"]).run()
    assert t("centrality.shown", "en", actors=3, links=0) in _captions(at)
    at.multiselect(key="centrality_levels").set_value(["national"]).run()
    assert t("centrality.shown", "en", actors=1, links=0) in _captions(at)
    assert not at.exception, at.exception


def test_centrality_top_n_slider_limits_the_chart(analysis_ws):
    at = base._open("ui/centrality.py", "id")
    at.slider(key="centrality_top_n").set_value(1).run()
    assert not at.exception, at.exception
    name = t("centrality.chart_title", "id", n=1, metric="Perantara")
    spec = at.get("arrow_vega_lite_chart")[0].proto.spec
    assert name in spec


# -- pathways --------------------------------------------------------------------------------
def _dot(at) -> str:
    return at.get("graphviz_chart")[0].proto.spec


def test_pathway_diagram_marks_the_claim_and_follows_the_picker(analysis_ws):
    at = base._open("ui/pathways.py", "en")
    assert at.selectbox(key="pathways_intervention").value == "bibit_lele"
    assert t("claim.no_link", "en") in _dot(at)  # nothing links catfish seed to anything
    at.selectbox(key="pathways_intervention").set_value("posyandu").run()
    assert not at.exception, at.exception
    dot = _dot(at)
    assert "Posyandu counselling" in dot and "Pregnant women" in dot
    assert t("claim.reported_by_informants", "en") in dot
    assert f'label="{t("claim.measured", "en")}' not in dot  # reported is never drawn as measured
    legend = " ".join(m.value for m in at.markdown)
    assert t("claim.measured", "en") in legend and t("claim.no_link", "en") in legend


def test_pathway_evidence_series_and_table(analysis_ws):
    at = base._open("ui/pathways.py", "id")
    at.selectbox(key="pathways_intervention").set_value("posyandu").run()
    labels = [e.label for e in at.expander]
    assert any(t("step.target_group", "id") in label for label in labels)
    assert at.selectbox(key="pathways_indicator").value == "stunting_prevalence"
    assert at.get("arrow_vega_lite_chart"), "no indicator chart"
    table = at.dataframe[-1].value
    assert set(table[t("col.intervention", "id")]) >= {"Bibit lele", "Penyuluhan Posyandu"}
    assert t("claim.reported_by_informants", "id") in table[t("col.claim_kind", "id")].tolist()


def test_pathway_chart_reads_its_years_and_every_value(analysis_ws):
    """The plot keeps its height with the legend below it, one tick a year, and the value
    axis reaches above the highest point (Mongpok's 55 %)."""
    at = base._open("ui/pathways.py", "en")
    at.selectbox(key="pathways_intervention").set_value("posyandu").run()
    spec = json.loads(at.get("arrow_vega_lite_chart")[0].proto.spec)
    assert spec["autosize"]["type"] == "fit-x" and spec["height"] >= 300
    x_axis = spec["layer"][0]["encoding"]["x"]["axis"]
    assert x_axis["tickCount"] == {"interval": "year", "step": 1} and x_axis["format"] == "%Y"
    top = spec["layer"][0]["encoding"]["y"]["scale"]["domain"][1]
    assert top >= 55


def test_hostile_names_stay_text_in_the_diagram(analysis_ws):
    at = base._open("ui/pathways.py", "id")
    at.selectbox(key="pathways_intervention").set_value("posyandu").run()
    assert not at.exception, at.exception
    dot = _dot(at)
    assert "<script>" not in dot and "&lt;script&gt;" in dot  # Graphviz shows it as text


# -- compare ---------------------------------------------------------------------------------
def test_compare_column_picker_changes_rank_and_totals_stay_apart(analysis_ws):
    at = base._open("ui/compare.py", "en")
    picker = at.selectbox(key="compare_t2_column")
    assert picker.value == COLUMN_A
    assert t("compare.rank", "en", place="Desa Mongpok", rank=2, of=3) in _captions(at)
    picker.set_value(COLUMN_B).run()
    assert not at.exception, at.exception
    assert t("compare.rank", "en", place="Desa Mongpok", rank=2, of=3) in _captions(at)
    at.selectbox(key="compare_t2_column").set_value(COLUMN_A).run()
    printed = at.dataframe[0].value
    assert "Jumlah" not in printed.index.tolist()  # the printed total is shown apart
    totals = at.dataframe[1].value
    row = totals[totals[t("compare.column", "en")] == COLUMN_A].iloc[0]
    assert row[t("col.printed", "en")] == "20" and row[t("col.computed", "en")] == "18"
    assert row[t("col.difference", "en")] == 2


def test_compare_says_its_village_table_holds_family_counts(analysis_ws):
    for lang in ("id", "en"):
        at = base._open("ui/compare.py", lang)
        assert t("compare.families_note", lang) in _captions(at)


def test_compare_ranking_year_radio(analysis_ws):
    at = base._open("ui/compare.py", "id")
    assert at.radio(key="compare_ranking_year").value == 2022
    at.radio(key="compare_ranking_year").set_value(2021).run()
    assert not at.exception, at.exception
    assert t("compare.no_table", "id", table=2021) in [i.value for i in at.info]


def _bibliography_titles(at) -> list[str]:
    table = at.dataframe[0].value  # the bibliography comes first on the page
    assert list(table.columns)[0] == t("col.title", "en")
    return table.iloc[:, 0].tolist()


def test_a_write_from_outside_the_app_shows_at_the_next_rerun(analysis_ws):
    """The pages read the shared snapshot, keyed by what the store holds: a load by another
    process (the command line) is on the page at its next rerun, without a restart."""
    centrality = base._open("ui/centrality.py", "en")
    sources = base._open("ui/sources.py", "en")
    assert t("centrality.shown", "en", actors=3, links=2) in _captions(centrality)
    titles = _bibliography_titles(sources)
    assert "Laporan Baru" not in titles
    outside = MemoryStore.in_workspace(analysis_ws)  # as `cli.py import` opens it
    outside.upsert_nodes(
        [
            {"label": "Source", "id": "laporan_baru", "name": "Laporan Baru", "year": 2024},
            {
                "label": "Actor",
                "id": "kader_baru",
                "name": "Kader Baru",
                "actor_type": "cadre",
                "sector": "health",
                "level": "desa",
                "evidence": EV,
            },
        ]
    )
    outside.upsert_relationships(
        [
            {
                "type": "COLLABORATES_WITH",
                "start": "Actor:kader_baru",
                "end": "Actor:kades_mongpok",
                "evidence": EV,
            }
        ]
    )
    centrality.run()
    assert not centrality.exception, centrality.exception
    assert t("centrality.shown", "en", actors=4, links=3) in _captions(centrality)
    sources.run()
    assert not sources.exception, sources.exception
    titles = _bibliography_titles(sources)
    assert "Laporan Baru" in titles, titles


def test_centrality_tables_send_at_most_the_row_cap(analysis_ws, monkeypatch):
    monkeypatch.setenv("JEJARING_TABLE_ROWS", "2")
    at = base._open("ui/centrality.py", "en")
    assert not at.exception, at.exception
    metrics = at.dataframe[0].value
    assert len(metrics) == 2
    assert t("analysis.rows_capped", "en", shown=2, total=3) in _captions(at)
    monkeypatch.setenv("JEJARING_TABLE_ROWS", "1000")
    at.run()
    assert len(at.dataframe[0].value) == 3
    assert not any("rows are shown" in c for c in _captions(at))


def test_pathways_above_the_row_cap_offer_a_filter_and_at_most_the_cap(analysis_ws, monkeypatch):
    monkeypatch.setenv("JEJARING_TABLE_ROWS", "1")
    at = base._open("ui/pathways.py", "en")
    assert not at.exception, at.exception
    picker = at.selectbox(key="pathways_intervention")
    assert len(picker.options) == 1
    assert t("pathways.pick_capped", "en", shown=1, total=2) in _captions(at)
    assert len(at.dataframe[-1].value) == 1  # the table of every step, capped too
    at.text_input(key="pathways_filter").set_value("counselling").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="pathways_intervention").value == "posyandu"
    assert "Posyandu counselling" in _dot(at)
    at.text_input(key="pathways_filter").set_value("qqqzz").run()
    assert t("pathways.filter_none", "en", text="qqqzz") in [i.value for i in at.info]
