"""Hostile texts in every text field of an import: stored verbatim, escaped in every output.

The corpus (tests/injection_support.py: script tags, event-handler attributes, javascript:
and data: addresses, template syntax, Markdown links and images, Cypher fragments, quotes,
backslashes, RTL and zero-width characters, a 10,000-character name) is imported the way a
user's data is (CSV files through ``loaders.importer``) into the embedded store. Then:

- every field comes back exactly as written;
- the network HTML (the Network page's drawing and the offline HTML export), parsed with a
  real HTML parser, holds no script of the data, no ``on*`` attribute, no ``javascript:``
  address and no tag that the same page drawn from harmless data lacks; every tooltip is
  text in ``<b>``/``<br>`` only and reads exactly as the data;
- the Network page's detail panel (Streamlit Markdown) shows every payload escaped, never raw;
- the SVG poster is well-formed XML with no script, no ``on*`` attribute, no foreign object;
- the Cypher script export holds every payload inside string literals only.

The same import on Neo4j: tests/integration/test_injection_backends.py; in a real browser:
tests/e2e/test_injection_browser.py.
"""

from __future__ import annotations

from collections import Counter

import pytest
from lxml import etree

import tests.unit.test_app_pages as base
from drawing.labels import markdown_text as _md
from drawing.view import ViewFilters
from exports.html import view_html
from exports.posters import PosterOptions, build_poster, poster_bytes
from graph.memory_store import MemoryStore
from graph.neo4j.console import tokenize
from graph.neo4j.script import cypher_script
from tests.injection_support import (
    NODE_FIELDS,
    PAYLOADS,
    REL_FIELDS,
    actor_id,
    benign,
    data_records,
    expected_nodes,
    html_problems,
    import_payloads,
    stored_mismatches,
    tooltip_text,
)

pytestmark = pytest.mark.timeout(600)

SVG_NS = "http://www.w3.org/2000/svg"
EVERYTHING = ViewFilters(labels=("Actor", "Program", "Intervention"))


@pytest.fixture(scope="module")
def hostile() -> MemoryStore:
    store = MemoryStore(None)
    import_payloads(store)
    return store


@pytest.fixture(scope="module")
def harmless() -> MemoryStore:
    store = MemoryStore(None)
    import_payloads(store, benign())
    return store


def test_the_corpus_is_broad():
    assert len(PAYLOADS) >= 20
    assert len(set(PAYLOADS.values())) == len(PAYLOADS)
    assert all(text == text.strip() for text in PAYLOADS.values())
    assert max(map(len, PAYLOADS.values())) > 5000


def test_every_field_is_stored_verbatim(hostile):
    graph = hostile.to_networkx()
    assert stored_mismatches(graph) == []
    assert graph.number_of_nodes() == len(PAYLOADS)
    assert graph.number_of_edges() == len(PAYLOADS)
    assert set(graph) == set(expected_nodes())


def test_importing_twice_changes_nothing(hostile):
    before = hostile.to_networkx()
    report = import_payloads(hostile)
    assert not report.applied and not report.added and not report.updated
    after = hostile.to_networkx()
    assert sorted(map(str, after.nodes(data=True))) == sorted(map(str, before.nodes(data=True)))


# -- the network HTML (page drawing and offline export) ----------------------------------


def _tooltips_read_as_the_data(document: str) -> Counter:
    """Check every node and line tooltip of ``document``; count what was checked."""
    checked: Counter = Counter()
    nodes = {r["id"]: r for r in data_records(document, "jj-nodes")}
    for name, text in PAYLOADS.items():
        record = nodes[f"Actor:{actor_id(name)}"]
        shown, problems = tooltip_text(record["title"])
        assert problems == [], (name, problems)
        lines = [line for line in text.splitlines() if line.strip()]
        assert shown.startswith("".join(lines)), (name, shown[:80])
        checked["node tooltips"] += 1
    edges = data_records(document, "jj-edges")
    texts = []
    for record in edges:
        shown, problems = tooltip_text(record.get("title", ""))
        assert problems == [], problems
        texts.append(shown)
        checked["line tooltips"] += 1
    for text in PAYLOADS.values():
        flat = text.replace("\r\n", "\n").replace("\r", "\n")
        assert any(flat in shown.replace("\r\n", "\n") for shown in texts), text[:60]
    return checked


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_offline_html_export_escapes_every_payload(hostile, harmless, lang):
    document = view_html(hostile.to_networkx(), EVERYTHING, lang=lang)
    reference = view_html(harmless.to_networkx(), EVERYTHING, lang=lang)
    assert html_problems(document, reference) == []
    checked = _tooltips_read_as_the_data(document)
    assert checked["node tooltips"] == len(PAYLOADS)
    assert checked["line tooltips"] >= len(PAYLOADS)


# -- the Network page: drawing and detail panel ------------------------------------------

MARKDOWN_SPECIALS = set("<>&[]()*_`{}\\$!#|~")


@pytest.fixture
def payload_workspace(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(base.ROOT))
    folder = tmp_path / "workspace"
    import_payloads(MemoryStore.in_workspace(folder))
    monkeypatch.setenv("JEJARING_BACKEND", "memory")
    monkeypatch.setenv("JEJARING_WORKSPACE", str(folder))
    monkeypatch.delenv("JEJARING_LANG", raising=False)
    base._clear_caches()
    yield folder
    base._clear_caches()


def _markdown_bodies(at) -> list[str]:
    """Every text Streamlit renders as Markdown on the page."""
    kinds = ("markdown", "caption", "subheader", "header", "title", "error", "warning", "info")
    return [str(e.value) for kind in kinds for e in getattr(at, kind)]


def test_the_network_page_drawing_and_detail_panel_escape_every_payload(
    payload_workspace, harmless, tmp_path, monkeypatch
):
    at = base._open("ui/network.py", "en")
    assert not at.exception, at.exception
    (frame,) = at.get("iframe")
    document = frame.proto.srcdoc
    reference = view_html(harmless.to_networkx(), EVERYTHING, lang="en")
    assert html_problems(document, reference) == []
    _tooltips_read_as_the_data(document)

    panels = 0
    for name, text in PAYLOADS.items():
        at.selectbox(key="network_node").set_value(f"Actor:{actor_id(name)}").run()
        assert not at.exception, (name, at.exception)
        bodies = _markdown_bodies(at)
        joined = "\n".join(bodies)
        assert _md(text) in joined, name  # shown, as text
        if MARKDOWN_SPECIALS & set(text):
            assert text not in joined, name  # never as Markdown or HTML
        # no bare address of the data that Markdown would make a link of by itself
        assert "http://evil" not in joined.replace("\\", ""), name
        # the tables (properties, relationships) hold the payload as plain cells
        cells = {str(v) for frame in at.dataframe for v in frame.value.to_numpy().ravel()}
        assert text in cells, name
        panels += 1
    assert panels == len(PAYLOADS)


# -- posters -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_svg_poster_keeps_every_payload_as_text(hostile, lang):
    poster = build_poster(hostile.to_networkx(), EVERYTHING, PosterOptions(lang=lang))
    svg = poster_bytes(poster, "svg")
    root = etree.fromstring(svg, etree.XMLParser(resolve_entities=False, no_network=True))
    problems = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        if local in ("script", "foreignObject", "iframe", "a", "image"):
            problems.append(local)
        for attribute in element.attrib:
            if etree.QName(attribute).localname.lower().startswith("on"):
                problems.append(f"{local} {attribute}")
        in_metadata = any(etree.QName(up).localname == "metadata" for up in element.iterancestors())
        if etree.QName(element).namespace != SVG_NS and not in_metadata:
            problems.append(f"foreign element {element.tag}")
    assert problems == []
    shown = "".join(root.itertext())
    # names are wrapped (at spaces or 24 characters) and shortened on a poster: the start
    # of every name is there as text, and the short ones whole
    assert [n for n, t in PAYLOADS.items() if t[:10].split()[0] not in shown] == []
    whole = [t for t in PAYLOADS.values() if len(t) <= 24 and "\n" not in t]
    assert sum(t in shown for t in whole) >= len(whole) // 2, shown[:400]
    assert "{{7*7}}" in shown and "${7*7}" in shown


# -- the Cypher script export ------------------------------------------------------------


def _code(script: str) -> list[tuple[str, str]]:
    """The script's tokens other than strings and numbers: its code, without its data."""
    return [(t.kind, t.text) for t in tokenize(script) if t.kind not in ("string", "number")]


def test_the_cypher_export_holds_payloads_only_in_string_literals(hostile, harmless):
    script = cypher_script(hostile.to_networkx())
    reference = cypher_script(harmless.to_networkx())
    assert _code(script) == _code(reference)
    strings = [t.text for t in tokenize(script) if t.kind == "string"]
    assert len(strings) > len(PAYLOADS) * (len(NODE_FIELDS) + len(REL_FIELDS))
