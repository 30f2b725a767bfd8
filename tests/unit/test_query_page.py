"""The Query page for analysts: pickers searched by name, headers and values in the page's
language, empty cells empty, charts of the quantity that matters and the small-graph answer."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

import tests.unit.test_app_pages as base
from drawing.answers import display_frame, header
from drawing.i18n import LANGUAGES, t
from graph.memory_store import MemoryStore
from loaders.case_study import load_case_study
from queries.collaboration import DIRECT_REASONS
from tests.conftest import DATA

PAGE = "ui/query.py"
PICKER = "query_param_partners_of_actor_actor_id"


@pytest.fixture
def case_ws(tmp_path, monkeypatch, sources_dir) -> Path:
    """The curated case study in a temporary workspace, on the memory backend."""
    monkeypatch.syspath_prepend(str(base.ROOT))
    folder = tmp_path / "workspace"
    load_case_study(MemoryStore.in_workspace(folder), DATA, sources_dir)
    monkeypatch.setenv("JEJARING_BACKEND", "memory")
    monkeypatch.setenv("JEJARING_WORKSPACE", str(folder))
    monkeypatch.delenv("JEJARING_LANG", raising=False)
    base._clear_caches()
    yield folder
    base._clear_caches()


def _answer_table(at: AppTest):
    return at.dataframe[0].value


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_actor_is_picked_by_name_and_headers_are_in_the_page_language(case_ws, lang):
    at = base._open(PAGE, lang)
    picker = at.selectbox(key=PICKER)
    # the picker offers names in the language, and stores ids
    assert picker.value == "kepala_desa_mongpok"
    head = "Kepala Desa Mongpok" if lang == "id" else "Mongpok village head"
    assert head in picker.options
    assert "kepala_desa_mongpok" not in picker.options
    picker.set_value("kader_kampung_kb").run()
    assert not at.exception, at.exception
    table = _answer_table(at)
    assert list(table.columns)[:2] == [header("partner", lang), header("outgoing", lang)]
    assert all("_" not in c for c in table.columns)  # no snake_case header
    text = table.astype(str).to_string()
    assert "None" not in text and "COLLABORATES_WITH" not in text and "<NA>" not in text
    assert t("rel.COLLABORATES_WITH", lang) in text
    head_row = table[table[header("partner", lang)] == head].iloc[0]
    assert head_row[header("incoming", lang)] == t("rel.SUPPORTS", lang)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_partners_answer_says_what_partners_means_with_the_split(case_ws, lang):
    at = base._open(PAGE, lang)
    assert t("partners.definition", lang) in [c.value for c in at.caption]
    answer = MemoryStore.in_workspace(case_ws).ask("partners_of_actor")
    direct = sum(bool(set(r) & set(DIRECT_REASONS)) for r in answer["reasons"])
    summary = t(
        "partners.summary", lang, total=len(answer), direct=direct, shared=len(answer) - direct
    )
    assert f"**{summary}**" in [m.value for m in at.markdown]


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_funding_chart_plots_amounts_per_funder_by_name(case_ws, lang):
    at = base._open(PAGE, lang)
    at.selectbox(key="query_question").set_value("funding_per_funder").run()
    at.radio(key="query_view").set_value("bar").run()
    assert not at.exception, at.exception
    chart = at.get("arrow_vega_lite_chart")[0]
    spec = json.loads(chart.proto.spec)
    assert spec["encoding"]["x"]["title"] == header("total", lang)
    data = MemoryStore.in_workspace(case_ws).ask("funding_per_funder")
    known = data.dropna(subset=["total"])
    assert len(known) > 0
    # the bars' values are the totals stated by the source, not a count of 1 per funder
    values = sorted(_chart_values(chart))
    assert values == sorted(float(v) for v in known["total"])
    unknown = len(data) - len(known)  # funders whose amounts the source does not state
    assert unknown > 0
    assert t("query.chart_missing", lang, n=unknown) in [c.value for c in at.caption]
    assert max(values) > 1


def _chart_values(chart) -> list[float]:
    """The ``value`` column of the data the chart was sent with."""
    frames = []
    for dataset in chart.proto.datasets:
        table = pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()
        frames.append(table)
    if chart.proto.data.data:
        frames.append(pa.ipc.open_stream(chart.proto.data.data).read_all().to_pandas())
    frame = next(f for f in frames if "value" in f.columns)
    return [float(v) for v in frame["value"]]


def test_empty_cells_are_blank_and_ids_in_the_address_still_work(case_ws):
    at = AppTest.from_file(base.APP, default_timeout=base.TIMEOUT)
    at.query_params["question"] = "partners_of_actor"
    at.query_params["actor_id"] = "baznas_kab_serang"
    at.run()
    at.radio(key="lang").set_value("en")
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert at.selectbox(key=PICKER).value == "baznas_kab_serang"
    at.selectbox(key="query_question").set_value("who_funds_what").run()
    table = _answer_table(at)
    assert "None" not in table.astype(str).to_string()
    assert (table[header("amount", "en")] == "").any()  # an amount the source does not state


def test_small_graph_draws_the_nodes_of_the_answer(case_ws):
    at = base._open(PAGE, "en")
    at.radio(key="query_view").set_value("graph").run()
    assert not at.exception, at.exception
    frames = at.get("iframe")
    assert len(frames) == 1
    page = frames[0].proto.srcdoc
    assert "new vis.Network(" in page and "https://" not in page
    assert "Mongpok village head" in page and "Kampung KB" in page


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_coded_values_show_in_words_and_missing_ones_blank(lang):
    answer = pd.DataFrame(
        {
            "instrument": ["not stated", "SSGI"],
            "basis": ["measured", None],
            "intervention_kind": ["sensitive", "specific"],
            "innovation": [True, False],
        }
    )
    shown = display_frame(answer, lang, {})
    assert shown[header("instrument", lang)].tolist() == [t("instrument.not stated", lang), "SSGI"]
    assert shown[header("basis", lang)].tolist() == [t("claim.measured", lang), ""]
    kinds = [t("intervention_kind.sensitive", lang), t("intervention_kind.specific", lang)]
    assert shown[header("intervention_kind", lang)].tolist() == kinds
    assert shown[header("innovation", lang)].tolist() == [t("query.yes", lang), t("query.no", lang)]
