"""One view state: the network page and ``cli.py export --filter`` read, write and draw a view
with the same functions (drawing.view, drawing.elements), and refuse or leave out a value the
data does not hold with the same words."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

import tests.unit.test_app_pages as base
from drawing.labels import markdown_text
from drawing.view import (
    COLOUR_BY,
    DEFAULT_LABELS,
    NETWORK_LABELS,
    NETWORK_REL_TYPES,
    SIZE_METRICS,
    VIEW_LAYOUTS,
    ViewError,
    ViewFilters,
    data_choices,
    fit_view,
    network_universe,
    parse_filters,
    read_view,
)
from graph.memory_store import MemoryStore
from graph.schema import ACTOR_TYPES, LEVELS, SECTORS
from tests.unit.test_cli import run_cli
from tests.unit.test_network_page import _extra

PAGE = "ui/network.py"


# -- the text form ---------------------------------------------------------------------------
def _some(values):
    return st.one_of(st.none(), st.lists(st.sampled_from(values), max_size=4).map(tuple))


_KEY_IDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_", min_size=1, max_size=12)
_YEARS = st.tuples(st.integers(1900, 2100), st.integers(0, 30)).map(lambda p: (p[0], p[0] + p[1]))


def _key(label: str):
    return st.one_of(st.none(), _KEY_IDS.map(lambda i: f"{label}:{i}"))


VIEWS = st.builds(
    ViewFilters,
    labels=_some(NETWORK_LABELS),
    rels=_some(NETWORK_REL_TYPES),
    levels=_some(LEVELS),
    types=_some(ACTOR_TYPES),
    sectors=_some(SECTORS),
    programme=_key("Program"),
    focus=_key("Actor"),
    depth=st.integers(1, 3),
    years=st.one_of(st.none(), _YEARS),
    colour=st.sampled_from(COLOUR_BY),
    layout=st.sampled_from(VIEW_LAYOUTS),
    path_from=_key("Actor"),
    path_to=_key("Actor"),
    size=st.sampled_from(("none", *SIZE_METRICS)),
    physics=st.booleans(),
    node=_key("Intervention"),
)


@settings(max_examples=300, deadline=None)
@given(VIEWS)
def test_every_view_reads_back_from_its_text(view):
    assert ViewFilters.from_pairs(view.to_pairs()) == (view, [])
    texts = [f"{name}={text}" for name, text in view.to_pairs().items()]
    assert parse_filters(texts) == view  # the command line's --filter form


def test_defaults_stay_out_of_the_text():
    assert ViewFilters().to_pairs() == {}
    assert ViewFilters(labels=None).to_pairs() == {"labels": "all"}
    assert ViewFilters(types=()).to_pairs() == {"types": ""}


def test_a_bad_text_is_left_out_with_a_problem_and_refused_by_the_strict_reader():
    view, problems = ViewFilters.from_pairs(
        ["depth=9", "colour=sector", "types=cadre,astronaut", "bogus=1", "years=2023-2019", "x"]
    )
    assert view == ViewFilters(colour="sector", types=("cadre",))
    assert [p.key for p in problems] == [
        "depth",
        "not_one_of",
        "unknown_name",
        "years_order",
        "not_pair",
    ]
    with pytest.raises(ViewError) as refused:
        parse_filters(["depth=9", "colour=sector"])
    assert str(refused.value) == "filter depth: a whole number from 1 to 3, got '9'"
    assert "bilangan bulat" in refused.value.text("id")


# -- fitted to the data ------------------------------------------------------------------------
@pytest.fixture
def graph():
    store = MemoryStore(None)
    base._small_graph(store)
    _extra(store)
    return store.to_networkx()


def test_values_the_data_does_not_hold_are_left_out_with_a_problem(graph):
    choices = data_choices(network_universe(graph))
    assert choices.years == (2015, 2023) and "fisheries" not in choices.sectors
    view, problems = read_view(
        {
            "sectors": "health,fisheries",
            "focus": "nobody",
            "years": "1990-1995",
            "labels": "Actor,Policy",
        },
        choices,
    )
    assert view == ViewFilters(sectors=("health",), labels=("Actor",))
    assert sorted(p.key for p in problems) == [
        "no_node",
        "not_in_data",
        "not_in_data",
        "years_outside",
    ]
    texts = [p.text("en") for p in problems]
    assert "filter focus: 'Actor:nobody' is not in the data" in texts
    assert "filter years: 1990-1995 is outside the data's years 2015-2023" in texts


def test_fitting_writes_one_view_however_it_was_chosen(graph):
    choices = data_choices(network_universe(graph))
    everything = ViewFilters(
        labels=choices.default("labels"),
        types=choices.types,
        sectors=choices.sectors,
        levels=choices.levels,
        rels=choices.rels,
        years=(2010, 2030),
    )
    assert fit_view(everything, choices) == (ViewFilters(), [])
    narrowed, problems = fit_view(ViewFilters(years=(2010, 2020)), choices)
    assert narrowed.years == (2015, 2020) and problems == []
    assert fit_view(ViewFilters(labels=DEFAULT_LABELS), choices) == (ViewFilters(), [])


# -- the page and the command line -------------------------------------------------------------
@pytest.fixture
def ws(tmp_path, monkeypatch) -> Path:
    monkeypatch.syspath_prepend(str(base.ROOT))
    folder = tmp_path / "workspace"
    store = MemoryStore.in_workspace(folder)
    base._small_graph(store)
    _extra(store)
    monkeypatch.setenv("JEJARING_BACKEND", "memory")
    monkeypatch.setenv("JEJARING_WORKSPACE", str(folder))
    monkeypatch.delenv("JEJARING_LANG", raising=False)
    base._clear_caches()
    yield folder
    base._clear_caches()


def _page(params: dict[str, str], lang: str = "en") -> AppTest:
    at = AppTest.from_file(base.APP, default_timeout=base.TIMEOUT)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.radio(key="lang").set_value(lang)
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def _address(at: AppTest) -> dict[str, str]:
    out = {}
    for name, value in at.query_params.items():
        out[name] = value[-1] if isinstance(value, list) else value
    return out


def _records(page: str) -> tuple[list, list]:
    """The vis node and edge records of a drawing."""
    found = [
        json.loads(re.search(rf'id="{part}">(.*?)</script>', page, re.S).group(1))
        for part in ("jj-nodes", "jj-edges")
    ]
    return found[0], found[1]


def _export(ws: Path, pairs: list[str], fmt: str, out: Path, check: bool = True):
    filters = [arg for pair in pairs for arg in ("--filter", pair)]
    return run_cli(
        "export", "--format", fmt, "--out", str(out), "--lang", "en", *filters,
        workspace=ws, check=check,
    )  # fmt: skip


PAIRS = {
    "types": "cadre,village_government,government_office",
    "colour": "sector",
    "layout": "level",
    "size": "degree",
    "from": "bkkbn",
    "to": "kader",
    "years": "2015-2023",
}


def test_the_page_and_the_cli_draw_the_same_view_from_the_same_text(ws, tmp_path):
    at = _page(PAIRS)
    page_nodes, page_edges = _records(at.get("iframe")[0].proto.srcdoc)
    out = tmp_path / "view.html"
    _export(ws, [f"{k}={v}" for k, v in PAIRS.items()], "html", out)
    cli_nodes, cli_edges = _records(out.read_text(encoding="utf-8"))
    assert page_nodes == cli_nodes and page_edges == cli_edges
    assert {n["id"] for n in page_nodes} >= {"Actor:bkkbn", "Actor:kader"}
    assert any(e.get("dashes") for e in page_edges)  # the path is drawn on both
    # and the data export keeps exactly the nodes drawn
    data = tmp_path / "view.json"
    _export(ws, [f"{k}={v}" for k, v in PAIRS.items()], "json", data)
    exported = json.loads(data.read_text(encoding="utf-8"))
    keys = {n["id"] for n in exported["nodes"]}  # node-link ids are the node keys
    assert keys == {n["id"] for n in page_nodes}


def test_the_address_the_page_writes_reads_back_as_the_view_it_draws(ws):
    at = base._open(PAGE, "en")
    at.multiselect(key="network_types").set_value(["cadre", "village_government"]).run()
    at.selectbox(key="network_focus").set_value("Actor:kades_mongpok").run()
    at.slider(key="network_depth").set_value(2).run()
    at.radio(key="network_colour").set_value("sector").run()
    at.selectbox(key="network_size").set_value("pagerank").run()
    at.slider(key="network_years").set_value((2016, 2023)).run()
    at.multiselect(key="network_labels").set_value([]).run()
    at.multiselect(key="network_labels").set_value(["Program", "Actor"]).run()
    address = _address(at)
    view, problems = ViewFilters.from_pairs(address)
    assert problems == []
    assert view == ViewFilters(
        labels=("Program", "Actor"),
        types=("cadre", "village_government"),
        focus="Actor:kades_mongpok",
        depth=2,
        years=(2016, 2023),
        colour="sector",
        size="pagerank",
    )
    drawn = _records(at.get("iframe")[0].proto.srcdoc)
    again = _page(address)
    assert _records(again.get("iframe")[0].proto.srcdoc) == drawn
    assert not again.warning
    assert _address(again) == address


@pytest.mark.parametrize(
    "pair",
    ["sectors=fisheries", "depth=9", "years=1990-1995", "focus=nobody", "colour=purple"],
)
def test_a_bad_value_gets_the_same_words_on_the_page_and_the_cli(ws, tmp_path, pair):
    name, _, value = pair.partition("=")
    choices = data_choices(network_universe(MemoryStore.in_workspace(ws).to_networkx()))
    _, problems = read_view([pair], choices)
    (problem,) = problems
    out = tmp_path / "x.html"
    refused = _export(ws, [pair], "html", out, check=False)
    assert refused.returncode == 1 and not out.exists()
    assert refused.stderr.strip() == f"error: {problem.text('en')}"
    at = _page({name: value, "layout": "level"})
    warnings = [w.value for w in at.warning]
    assert warnings == [
        "The page address asks for something this view cannot show; this part is left out: "
        + markdown_text(problem.text("en"))
    ]
    assert at.radio(key="network_layout").value == "level"  # the rest of the link still holds
    assert name not in _address(at)  # the value left out is gone from the address


def test_the_cli_says_it_in_the_interface_language(ws, tmp_path):
    out = tmp_path / "x.png"
    refused = run_cli(
        "export", "--format", "png", "--out", str(out), "--filter", "sectors=fisheries",
        workspace=ws, check=False, extra_env={"JEJARING_LANG": "id"},
    )  # fmt: skip
    assert refused.returncode == 1
    assert "tidak ada dalam data" in refused.stderr and "fisheries" in refused.stderr
    at = _page({"sectors": "fisheries"}, lang="id")
    assert "tidak ada dalam data" in at.warning[0].value


def test_undated_is_a_filter_the_command_line_takes():
    view = parse_filters(["years=2023-2023", "undated=drop"])
    assert (view.years, view.undated) == ((2023, 2023), "drop")
    assert view.to_pairs() == {"years": "2023-2023", "undated": "drop"}
    assert ("undated", "drop") in view.describe()
    with pytest.raises(ViewError):
        parse_filters(["undated=maybe"])
