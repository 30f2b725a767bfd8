"""Every page of the app runs in both languages (Streamlit AppTest smoke tests).

Each test points JEJARING_WORKSPACE at its own temporary folder holding a small graph, so
the pages do not depend on the curated dataset while curators are still writing it; one
test loads the curated dataset itself when it currently passes its checks.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import settings
from drawing.i18n import LANGUAGES, t
from graph.memory_store import MemoryStore
from loaders.case_study import check_dataset, read_dataset

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGES = {"ui/overview.py": "overview.title", "ui/network.py": "network.title"}
TIMEOUT = 120  # the first run imports pandas, altair and networkx
EVIDENCE = [{"source": "mongpok_case_study", "section": "Abstrak", "paragraph": 1}]
HOSTILE = "<script>alert(1)</script>"

SOURCE = {
    "label": "Source",
    "id": "mongpok_case_study",
    "name": "Kampung KB Desa Mongpok",
    "title": "Kampung KB Desa Mongpok",
    "file": "mongpok-kampung-kb-case-study.txt",
    "sections": [
        "Abstrak",
        "Abstract",
        "Pendahuluan",
        "Metode Penelitian",
        "Hasil dan Pembahasan",
        "Pendekatan terhadap Perubahan Kelompok Sasaran",
        "Inovasi dan Kolaborasi dalam Implementasi Kampung KB",
        "Dukungan Pemerintah yang Efektif",
        "Dampak Implementasi Program",
        "Simpulan",
    ],
    "evidence": EVIDENCE,
}


def _actor(aid: str, name: str, name_en: str, atype: str, sector: str, level: str) -> dict:
    return {
        "label": "Actor",
        "id": aid,
        "name": name,
        "name_en": name_en,
        "actor_type": atype,
        "sector": sector,
        "level": level,
        "evidence": EVIDENCE,
        "description": "Deskripsi proyek.",
        "description_en": "The project's description.",
    }


def _observation(
    oid: str, value: float, year: int, instrument: str, place: str, **extra
) -> list[dict]:
    node = {
        "label": "Observation",
        "id": oid,
        "name": oid,
        "value": value,
        "unit": "percent",
        "year": year,
        "instrument": instrument,
        "source": "test",
        "evidence": EVIDENCE,
        **extra,
    }
    links = [
        {
            "type": "OBSERVED_FOR",
            "start": f"Observation:{oid}",
            "end": "Indicator:stunting_prevalence",
        },
        {"type": "OBSERVED_IN", "start": f"Observation:{oid}", "end": f"Place:{place}"},
    ]
    return [node, *[{**link, "evidence": EVIDENCE} for link in links]]


def _small_graph(store: MemoryStore) -> None:
    """Actors, a programme, an intervention, a place chain and a prevalence series."""
    obs = (
        _observation("m2020", 55, 2020, "e-PPGBM", "desa_mongpok")
        + _observation("m2022", 17.1, 2022, "e-PPGBM", "desa_mongpok")
        + _observation("s2021", 27.2, 2021, "SSGI", "kab_serang")
        + _observation("s2022", 26.4, 2022, "SSGI", "kab_serang")
        + _observation("t2024", 14, 2024, "RPJMN", "indonesia", target=True)
    )
    places = [
        {"label": "Place", "id": pid, "name": name, "place_level": level, "evidence": EVIDENCE}
        for pid, name, level in (
            ("desa_mongpok", "Desa Mongpok", "desa"),
            ("kab_serang", "Kabupaten Serang", "kabupaten"),
            ("indonesia", "Indonesia", "country"),
        )
    ]
    store.upsert_nodes(
        [
            SOURCE,
            _actor(
                "kades_mongpok",
                "Kepala Desa Mongpok",
                "Mongpok village head",
                "village_government",
                "governance",
                "desa",
            ),
            _actor("bkkbn", "BKKBN", "BKKBN", "government_office", "family_planning", "national"),
            _actor("hostile", HOSTILE, HOSTILE, "community_group", "health", "desa"),
            {
                "label": "Program",
                "id": "kampung_kb",
                "name": "Kampung KB",
                "name_en": "Kampung KB",
                "evidence": EVIDENCE,
            },
            {
                "label": "Intervention",
                "id": "bibit_lele",
                "name": "Bibit lele",
                "name_en": "Catfish seed",
                "intervention_kind": "sensitive",
                "evidence": EVIDENCE,
            },
            {
                "label": "Indicator",
                "id": "stunting_prevalence",
                "name": "Prevalensi stunting",
                "name_en": "Stunting prevalence",
                "unit": "percent",
                "evidence": EVIDENCE,
            },
            *places,
            *[o for o in obs if "label" in o],
        ]
    )
    store.upsert_relationships(
        [
            {
                "type": "LEADS",
                "start": "Actor:kades_mongpok",
                "end": "Program:kampung_kb",
                "evidence": EVIDENCE,
                "description": "memimpin",
            },
            {
                "type": "SUPPORTS",
                "start": "Actor:bkkbn",
                "end": "Program:kampung_kb",
                "evidence": EVIDENCE,
            },
            {
                "type": "PART_OF",
                "start": "Intervention:bibit_lele",
                "end": "Program:kampung_kb",
                "evidence": EVIDENCE,
            },
            {
                "type": "PART_OF",
                "start": "Place:desa_mongpok",
                "end": "Place:kab_serang",
                "evidence": EVIDENCE,
            },
            {
                "type": "PART_OF",
                "start": "Place:kab_serang",
                "end": "Place:indonesia",
                "evidence": EVIDENCE,
            },
            *[o for o in obs if "type" in o],
        ]
    )


def _clear_caches() -> None:
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Path:
    """A temporary workspace holding the small graph, used by the app through its settings."""
    monkeypatch.syspath_prepend(str(ROOT))  # app.py imports ui/, as `streamlit run` allows
    folder = tmp_path / "workspace"
    _small_graph(MemoryStore.in_workspace(folder))
    monkeypatch.setenv("JEJARING_BACKEND", "memory")
    monkeypatch.setenv("JEJARING_WORKSPACE", str(folder))
    monkeypatch.delenv("JEJARING_LANG", raising=False)
    _clear_caches()
    yield folder
    _clear_caches()


def _open(page: str, lang: str) -> AppTest:
    """Run the app, choose ``lang`` with the sidebar switch, then open ``page``."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    at.radio(key="lang").set_value(lang)
    at.switch_page(page).run()
    return at


def _titles(at: AppTest) -> list[str]:
    return [title.value for title in at.title]


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_runs_in_both_languages(workspace, page, lang):
    at = _open(page, lang)
    assert not at.exception, at.exception
    assert t(PAGES[page], lang) in _titles(at)
    other = "en" if lang == "id" else "id"
    assert t(PAGES[page], other) not in _titles(at)
    assert not at.error, [e.value for e in at.error]


def test_default_language_is_indonesian(workspace):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.radio(key="lang").value == "id"
    assert t("overview.title", "id") in _titles(at)


def test_language_setting_is_the_default(workspace, monkeypatch):
    monkeypatch.setenv("JEJARING_LANG", "en")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert at.radio(key="lang").value == "en"
    assert t("overview.title", "en") in _titles(at)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_overview_shows_counts_chart_table_and_glossary(workspace, lang):
    at = _open("ui/overview.py", lang)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("count.Actor", lang)] == "3"
    assert metrics[t("count.Observation", lang)] == "5"
    assert at.get("arrow_vega_lite_chart"), "no chart drawn"
    assert at.multiselect(key="overview_places_stunting_prevalence").value == [
        "desa_mongpok",
        "kab_serang",
    ]
    values = at.dataframe[1].value  # [0] counts table, [1] values behind the chart
    assert sorted(values[t("col.value", lang)].tolist()) == [14, 17.1, 26.4, 27.2, 55]
    glossary = at.dataframe[-1].value
    assert "Posyandu" in glossary[t("col.acronym", lang)].tolist()
    assert t("overview.glossary", lang) in [e.label for e in at.expander]


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_network_node_picker_shows_properties_relationships_and_passage(
    workspace, lang, sources_dir
):
    """``sources_dir`` (tests/conftest.py) skips when the source documents are not there."""
    at = _open("ui/network.py", lang)
    assert at.multiselect(key="network_labels").value == ["Actor", "Program", "Intervention"]
    drawing = at.get("iframe")  # components.html: the self-contained network page
    assert len(drawing) == 1
    page = drawing[0].proto.srcdoc
    assert "new vis.Network(" in page and "https://" not in page and "http://" not in page
    picker = at.selectbox(key="network_node")
    assert picker.value is None
    picker.set_value("Actor:kades_mongpok").run()
    assert not at.exception, at.exception
    expected = "Kepala Desa Mongpok" if lang == "id" else "Mongpok village head"
    assert expected in [s.value for s in at.subheader]
    relationships = at.dataframe[1].value
    assert t("rel.LEADS", lang) in relationships[t("col.rel_type", lang)].tolist()
    markdown = "\n".join(m.value for m in at.markdown)
    assert "Abstrak" in markdown
    assert markdown.count("> ") >= 1  # the passage itself is quoted


def test_network_filters_change_what_is_shown(workspace):
    at = _open("ui/network.py", "en")
    at.multiselect(key="network_labels").set_value(["Actor"]).run()
    assert not at.exception
    assert t("network.shown", "en", nodes=3, edges=0) in [c.value for c in at.caption]
    at.multiselect(key="network_levels").set_value(["national"]).run()
    assert t("network.shown", "en", nodes=1, edges=0) in [c.value for c in at.caption]


def test_hostile_names_do_not_break_the_page(workspace):
    at = _open("ui/network.py", "id")
    at.selectbox(key="network_node").set_value("Actor:hostile").run()
    assert not at.exception, at.exception


def test_a_dataset_that_fails_its_checks_is_explained_not_raised(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT))
    data = tmp_path / "data"
    data.mkdir()
    (data / "actors.yaml").write_text(
        "label: Actor\nnodes:\n  - id: x\n    name: X\n", encoding="utf-8"
    )
    monkeypatch.setenv("JEJARING_BACKEND", "memory")
    monkeypatch.setenv("JEJARING_WORKSPACE", str(tmp_path / "empty"))
    monkeypatch.setenv("JEJARING_DATA", str(data))
    _clear_caches()
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    assert at.error, "the problem should be shown"
    assert t("overview.title", "id") in _titles(at)
    _clear_caches()


def _curated_dataset_is_valid() -> bool:
    try:
        dataset = read_dataset(settings.get("JEJARING_DATA"))
        return not check_dataset(dataset, settings.get("JEJARING_SOURCES"))
    except (OSError, ValueError):
        return False


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_pages_run_on_the_curated_dataset(tmp_path, monkeypatch, lang):
    if not _curated_dataset_is_valid():
        pytest.skip("the curated dataset does not pass its checks right now")
    monkeypatch.syspath_prepend(str(ROOT))
    monkeypatch.setenv("JEJARING_BACKEND", "memory")
    monkeypatch.setenv(
        "JEJARING_WORKSPACE", str(tmp_path / "workspace")
    )  # empty: loads the dataset
    _clear_caches()
    for page, title_key in PAGES.items():
        at = _open(page, lang)
        assert not at.exception, at.exception
        assert t(title_key, lang) in _titles(at)
        assert not at.error, [e.value for e in at.error]
    _clear_caches()


def test_unreachable_neo4j_is_explained_and_the_embedded_store_offered(workspace, monkeypatch):
    monkeypatch.setenv("JEJARING_BACKEND", "neo4j")
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    monkeypatch.setenv("NEO4J_PASSWORD", "never-shown-pw")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    errors = " ".join(e.value for e in at.error)
    assert "bolt://127.0.0.1:9" in errors and "never-shown-pw" not in errors
    assert not at.metric  # nothing drawn from a store that is not there
    at.button(key="use_memory").click().run()
    assert not at.exception and not at.error
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("count.Actor", "id")] == "3"  # the workspace's embedded graph
