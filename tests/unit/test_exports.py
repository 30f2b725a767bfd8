"""Exports from the command line: formats, filters in the network page's vocabulary, the
offline HTML page (no outside address, hostile names escaped), Cypher scripts."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from drawing.elements import view_elements
from drawing.view import ViewFilters, parse_filters
from exports.formats import EXPORT_FORMATS, export_graph, view_subgraph
from exports.html import view_html
from graph.memory_store import MemoryStore
from graph.neo4j.script import cypher_literal, cypher_script, split_statements
from loaders.case_study import load_case_study
from tests.conftest import DATA
from tests.unit.test_cli import run_cli

HOSTILE = "</script><script>alert(1)</script><img src=x onerror=alert(2)> 'q' \"dq\" & `b`"
URL = re.compile(r"(?i)(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}")


@pytest.fixture(scope="module")
def case_graph(sources_dir):
    store = MemoryStore(None)
    load_case_study(store, DATA, sources_dir)
    return store.to_networkx()


@pytest.fixture(scope="module")
def hostile_graph():
    loc = [{"source": "s", "section": "A", "paragraph": 1}]
    store = MemoryStore(None)
    store.upsert_nodes(
        [
            {
                "label": "Actor",
                "id": f"a{i}",
                "name": HOSTILE,
                "actor_type": "cadre",
                "sector": "health",
                "level": "desa",
                "evidence": loc,
            }
            for i in range(2)
        ]
    )
    store.upsert_relationships(
        [
            {
                "type": "COLLABORATES_WITH",
                "start": "Actor:a0",
                "end": "Actor:a1",
                "description": HOSTILE,
                "evidence": loc,
            }
        ]
    )
    return store.to_networkx()


def test_html_is_offline_and_escapes_names(hostile_graph):
    page = view_html(hostile_graph, heading=HOSTILE, lang="en")
    assert "https://" not in page.lower() and "http://" not in page.lower()
    assert not re.search(r"""(?i)<(script|link|img|iframe)[^>]*\s(src|href)\s*=""", page)
    assert "<img src=x" not in page and "</script><script>alert" not in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page  # the heading, as text


def test_html_of_a_case_study_view(case_graph):
    page = view_html(case_graph, ViewFilters(focus="Actor:kepala_desa_mongpok"), lang="id")
    assert URL.search(page.replace(r"http:\/\/www.w3.org", "")) is None
    assert "Kepala Desa Mongpok" in page
    assert 'lang="id"' in page and "Legenda" in page


def test_filters_use_the_page_vocabulary(case_graph):
    filters = parse_filters(
        ["labels=Actor,Program", "types=cadre", "programme=kampung_kb", "layout=level"]
    )
    nodes, _ = view_elements(case_graph, filters)
    assert set(nodes["label"]) <= {"Actor", "Program"}
    actors = nodes[nodes["label"] == "Actor"]
    assert not actors.empty and set(actors["actor_type"]) == {"cadre"}
    with pytest.raises(ValueError, match="unknown filter"):
        parse_filters(["colour_by=sector"])
    with pytest.raises(ValueError, match="not one of"):
        parse_filters(["types=cadre,astronaut"])
    # a filtered data export keeps the view's nodes with all their properties
    sub = view_subgraph(case_graph, filters)
    assert set(sub.nodes) == set(nodes["key"])
    key = next(iter(sub.nodes))
    assert sub.nodes[key] == case_graph.nodes[key]


def test_cypher_literals_escape_everything():
    text = '\'}) DETACH DELETE n //\n\\ "x" 🌾'
    literal = cypher_literal(text)
    assert literal == "'\\'}) DETACH DELETE n //\\n\\\\ \\\"x\\\" \\ud83c\\udf3e'"
    assert cypher_literal({"a`b": [1, None, 2.5, float("nan")]}) == (
        "{`a``b`: [1, null, 2.5, toFloat('NaN')]}"
    )
    with pytest.raises(TypeError):
        cypher_literal(object())


def test_cypher_script_shape(hostile_graph):
    script = cypher_script(hostile_graph, note="line one\nline two")
    statements = split_statements(script)
    assert statements[0].startswith("CREATE CONSTRAINT jejaring_actor_id IF NOT EXISTS")
    assert sum("MERGE (n:`Actor`" in s for s in statements) == 1
    assert sum("MERGE (a)-[r:`COLLABORATES_WITH`]->(b)" in s for s in statements) == 1
    assert "// line two" in script
    assert all(s.isascii() for s in statements)


@pytest.mark.parametrize("fmt", ["cypher", "html", "png", "svg", "pdf"])
def test_cli_export_writes_each_format(tmp_path, sources_dir, fmt):
    out = tmp_path / f"view.{fmt}"
    proc = run_cli(
        "export",
        "--format",
        fmt,
        "--out",
        str(out),
        "--filter",
        "types=cadre,village_government,village_body",
        "--lang",
        "en",
        workspace=tmp_path / "ws",
    )
    assert f"wrote {out}" in proc.stdout
    data = out.read_bytes()
    magic = {"png": b"\x89PNG", "pdf": b"%PDF", "svg": b"<?xml", "html": b"<!DOCTYPE html>"}
    assert data.startswith(magic.get(fmt, b"// Jejaring"))
    if fmt == "pdf":
        assert "Stakeholder network" in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    if fmt == "cypher":
        assert "view: types=cadre,village_government,village_body" in data.decode()


def test_cli_export_refuses_bad_filters_and_formats(tmp_path):
    proc = run_cli(
        "export",
        "--format",
        "png",
        "--out",
        str(tmp_path / "x.png"),
        "--filter",
        "depth=9",
        workspace=tmp_path,
        check=False,
    )
    assert proc.returncode == 1 and "depth" in proc.stderr
    assert not (tmp_path / "x.png").exists()
    proc = run_cli(
        "export", "--format", "xlsx", "--out", str(tmp_path / "x"), workspace=tmp_path, check=False
    )
    assert proc.returncode == 2


def test_every_format_is_known():
    assert set(EXPORT_FORMATS) == {
        "graphml", "gexf", "json", "csv", "cypher", "html", "png", "svg", "pdf",
    }  # fmt: skip
    with pytest.raises(ValueError):
        export_graph(MemoryStore(None).to_networkx(), "docx")


def test_layout_is_the_same_in_every_process(tmp_path, sources_dir):
    """Python seeds set order per process; the layout (and so every poster) must not care."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import hashlib, json\n"
        "from graph.memory_store import MemoryStore\n"
        "from loaders.case_study import load_case_study\n"
        "from drawing.layout import layout_positions\n"
        "from drawing.view import network_universe\n"
        "from tests.conftest import DATA, SOURCES\n"
        "s = MemoryStore(None); load_case_study(s, DATA, SOURCES)\n"
        "pos = layout_positions(network_universe(s.to_networkx()))\n"
        "print(hashlib.sha1(json.dumps(sorted(pos.items())).encode()).hexdigest())\n"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=dict(os.environ, PYTHONHASHSEED=seed),
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1


def test_igraph_reads_the_graphml_export_with_its_view(case_graph, tmp_path):
    """igraph's GraphML reader (stricter than NetworkX's: typed keys, no unknown types) takes
    the export whole: every node and relationship, the schema names and the view's drawing."""
    import igraph

    data = export_graph(case_graph, "graphml").data
    path = tmp_path / "view.graphml"
    path.write_bytes(data)
    with pytest.warns(RuntimeWarning, match="already an .id. vertex attribute"):
        read = igraph.Graph.Read_GraphML(str(path))
    assert read.vcount() == case_graph.number_of_nodes()
    assert read.ecount() == case_graph.number_of_edges()
    assert read.is_directed()
    # the property ``id`` is an attribute of its own, so igraph keeps it rather than the
    # GraphML element id (it says so in a warning); label and id name a node together
    by_key = {(v["node_label"], v["id"]): v for v in read.vs}
    assert len(by_key) == read.vcount()
    head = by_key["Actor", "kepala_desa_mongpok"]
    assert head["name"] == case_graph.nodes["Actor:kepala_desa_mongpok"]["name"]
    assert re.fullmatch(r"#[0-9a-f]{6}", head["color"])
    assert isinstance(head["x"], float) and isinstance(head["size"], float)
    types = sorted(e["type"] for e in read.es)
    assert types == sorted(k for _, _, k in case_graph.edges(keys=True))
