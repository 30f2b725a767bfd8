"""AppTest of the drill-down page: Indonesia to Desa Mongpok, never more than the node cap."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import tests.unit.test_app_pages as base
from drawing.i18n import LANGUAGES, t
from graph.memory_store import MemoryStore
from loaders.bootstrap import load_curated
from loaders.synth import generate
from queries.national import build_index, children, start_place, village_betweenness

PAGE = "ui/national.py"


def _serve(store_folder: Path, monkeypatch, cap: int | None = None) -> None:
    monkeypatch.syspath_prepend(str(base.ROOT))
    monkeypatch.setenv("JEJARING_BACKEND", "memory")
    monkeypatch.setenv("JEJARING_WORKSPACE", str(store_folder))
    monkeypatch.delenv("JEJARING_LANG", raising=False)
    if cap is None:
        monkeypatch.delenv("JEJARING_NODE_CAP", raising=False)
    else:
        monkeypatch.setenv("JEJARING_NODE_CAP", str(cap))
    base._clear_caches()


@pytest.fixture(scope="module")
def case_study_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("national") / "workspace"
    load_curated(MemoryStore.in_workspace(folder))
    return folder


@pytest.fixture(scope="module")
def synthetic_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("national_synth") / "workspace"
    net = generate(40, seed=5)
    MemoryStore.in_workspace(folder).apply(list(net.nodes()), list(net.relationships()))
    return folder


def _drawn(at: AppTest) -> list[dict]:
    """The vis node records of the page's one drawing."""
    frames = at.get("iframe")
    assert len(frames) == 1, "expected one drawing"
    found = re.search(r'id="jj-nodes">(.*?)</script>', frames[0].proto.srcdoc, re.S)
    assert found, "no node data in the drawing"
    return json.loads(found.group(1))


def _caption_count(at: AppTest) -> tuple[int, int]:
    for caption in at.caption:
        found = re.match(r"(\d+) (?:simpul|nodes) (?:dan|and) (\d+)", caption.value)
        if found:
            return int(found.group(1)), int(found.group(2))
    raise AssertionError("no count caption")


def _check_cap(at: AppTest, cap: int) -> list[dict]:
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    nodes = _drawn(at)
    assert len(nodes) <= cap
    assert _caption_count(at)[0] == len(nodes)
    return nodes


def _pick(at: AppTest, place: str) -> AppTest:
    """Choose ``place`` (a node key) in the picker, checking its label names the place."""
    picker = at.selectbox(key="national_pick")
    return picker.set_value(place).run()


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_drill_from_indonesia_to_desa_mongpok(case_study_folder, monkeypatch, lang):
    _serve(case_study_folder, monkeypatch)
    at = base._open(PAGE, lang)
    assert t("national.title", lang) in base._titles(at)
    cap = 1500
    # the case study has one province with data: the page opens at Kecamatan Cikeusal
    nodes = _check_cap(at, cap)
    assert len(nodes) == 18  # 17 desa and the kecamatan's own actors
    assert not at.warning  # real data: no synthetic label
    crumbs = [b for b in at.button if b.key and b.key.startswith("national_crumb_")]
    indonesia = next(b for b in crumbs if b.label == "Indonesia")
    at = indonesia.click().run()
    assert {n["id"] for n in _check_cap(at, cap)} == {"Place:prov_banten", "Place:indonesia"}
    steps = ("Place:prov_banten", "Place:kab_serang", "Place:kec_cikeusal")
    below = ("Place:kab_serang", "Place:kec_cikeusal", "Place:desa_mongpok")
    for place, child in zip(steps, below, strict=True):
        at = _pick(at, place)
        assert child in {n["id"] for n in _check_cap(at, cap)}
    at = _pick(at, "Place:desa_mongpok")
    ids = {n["id"] for n in _check_cap(at, cap)}
    assert "Actor:kepala_desa_mongpok" in ids and "Program:kampung_kb" in ids
    name = {"id": "Desa Mongpok", "en": "Mongpok village"}[lang]
    assert t("national.mode_village", lang, name=name) in [s.value for s in at.subheader]
    assert at.query_params.get("place") == ["desa_mongpok"]
    # the village's actors with their betweenness inside the village, as computed directly
    table = next(
        d.value for d in at.dataframe if t("national.col_village_betweenness", lang) in d.value
    )
    head = {"id": "Kepala Desa Mongpok", "en": "Mongpok village head"}[lang]
    store = MemoryStore.in_workspace(case_study_folder)
    index = build_index(store.to_networkx())
    expected = village_betweenness(index, ["Place:desa_mongpok"])["Place:desa_mongpok"]
    row = table[table[t("national.col_actor", lang)] == head].iloc[0]
    score = expected["Actor:kepala_desa_mongpok"]
    assert row[t("national.col_village_betweenness", lang)] == pytest.approx(score, abs=1e-4)
    assert len(table) == len(expected) == 16
    # the breadcrumb goes back up in one click
    at = next(b for b in at.button if b.label == "Indonesia").click().run()
    assert "Place:prov_banten" in {n["id"] for n in _check_cap(at, cap)}


def test_address_opens_a_place(case_study_folder, monkeypatch):
    _serve(case_study_folder, monkeypatch)
    at = AppTest.from_file(base.APP, default_timeout=base.TIMEOUT)
    at.query_params["place"] = "kab_serang"
    at.run()
    at.switch_page(PAGE).run()
    ids = {n["id"] for n in _check_cap(at, 1500)}
    assert "Place:kec_cikeusal" in ids


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_places_without_data_say_why(case_study_folder, monkeypatch, lang):
    _serve(case_study_folder, monkeypatch)
    at = base._open(PAGE, lang)  # Kecamatan Cikeusal: 17 villages, prevalence for Mongpok only
    table = at.dataframe[0].value
    missing = int(table[t("national.col_prevalence", lang)].isna().sum())
    assert missing >= 16
    note = t("national.no_data_why", lang, missing=missing, total=len(table))
    assert note in [c.value for c in at.caption]


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_synthetic_network_larger_than_the_cap_is_aggregated(synthetic_folder, monkeypatch, lang):
    cap = 6
    _serve(synthetic_folder, monkeypatch, cap=cap)
    at = base._open(PAGE, lang)
    _check_cap(at, cap)
    warnings = [w.value for w in at.warning]
    assert t("national.synthetic", lang) in warnings
    # go down the largest branch to a village, checking the cap on every level
    store = MemoryStore.in_workspace(synthetic_folder)
    index = build_index(store.to_networkx())
    place = start_place(index)
    seen_capped = False
    while children(index, place) and index.level(place) not in ("desa", "kelurahan"):
        place = max(children(index, place), key=lambda p: (index.totals(p)[1], p))
        at = _pick(at, place)
        _check_cap(at, cap)
        seen_capped |= len(at.warning) > 1  # the synthetic label and the cap message
    assert seen_capped, "no level was aggregated"
    # the village's own network is larger than the cap: drawn by kind, and said so
    texts = [w.value for w in at.warning]
    head = t("national.capped_village", lang, total=0, cap=cap).split("0")[0]
    assert any(w.startswith(head) for w in texts), texts
