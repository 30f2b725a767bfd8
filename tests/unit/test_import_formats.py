"""Readers and writers of the import: Indonesian numbers, dates, encodings, Kumu columns,
templates, GEXF schema validity, other tools reading the exports, XML safety, the CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

import cli
from exports.formats import export_graph, view_style
from graph.memory_store import MemoryStore
from loaders import formats
from loaders.formats.notation import parse_date, parse_number
from loaders.importer import apply_import, preview_import, read_files
from loaders.templates import EXAMPLE_CONNECTIONS, EXAMPLE_ELEMENTS
from tests.import_support import TEMPLATES, csv_pair, seed, snapshot

GEXF_XSD = Path("/work/shared/schemas/gexf-1.3/gexf.xsd")


@pytest.mark.parametrize(
    ("text", "value", "warns"),
    [
        ("1.685", 1685, False),
        ("1.234.567", 1234567, False),
        ("39,43", 39.43, False),
        ("1.234,5", 1234.5, False),
        ("15,0", 15.0, False),
        ("Rp 20 juta", 20_000_000, False),
        ("Rp20.000.000", 20_000_000, False),
        ("Rp 1,5 miliar", 1_500_000_000, False),
        ("7,5 rb", 7500, False),
        ("15%", 15, False),
        ("-3", -3, False),
        ("2,794", 2.794, True),
    ],
)
def test_indonesian_numbers(text, value, warns):
    reading = parse_number(text)
    assert reading.value == value and type(reading.value) is type(value)
    assert (reading.warning is not None) == warns


@pytest.mark.parametrize("text", ["1.5", "1,234.56", "1,234,567", "12.34", "banyak", "1..2", ""])
def test_numbers_that_are_refused(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_dates():
    assert parse_date("17 Agustus 2023") == ("2023-08-17", None)
    assert parse_date("Februari 2023") == ("2023-02", None)
    assert parse_date("2023-02") == ("2023-02", None)
    assert parse_date("25/12/2022") == ("2022-12-25", None)
    iso, warning = parse_date("03/04/2022")
    assert iso == "2022-04-03" and "day/month/year" in warning
    for bad in ("2023-13-01", "31/02/2023", "kemarin"):
        with pytest.raises(ValueError):
            parse_date(bad)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings(encoding):
    text = (
        "id,label,name,type,sector,level,evidence_source,evidence_section,evidence_paragraph\n"
        "kader_e,Actor,Kader Désa Café,cadre,health,desa,s,A,1\n"
    )
    store = MemoryStore(None)
    report = apply_import([("elements.csv", text.encode(encoding))], store)
    assert report.ok, report.text()
    assert store.get_node("Actor", "kader_e")["name"] == "Kader Désa Café"
    assert any(p.kind == "encoding" for p in report.warnings) == (encoding == "cp1252")


def test_semicolon_csv_and_kumu_columns():
    elements = (
        b"Label;Type;Description;Tags\n"
        b"Bidan Desa Melati;field_officer;Bidan (fiktif);health|desa\n"
        b"Kampung KB Melati;Program;Program (fiktif);\n"
    )
    connections = (
        "From;To;Type;Direction\nBidan Desa Melati;Kampung KB Melati;implements;directed\n"
    )
    store = MemoryStore(None)
    report = apply_import(
        [("kumu-elements.csv", elements), ("kumu-connections.csv", connections.encode())], store
    )
    assert report.ok, report.text()
    bidan = store.get_node("Actor", "bidan_desa_melati")
    assert (bidan["actor_type"], bidan["sector"], bidan["level"]) == (
        "field_officer",
        "health",
        "desa",
    )
    assert bidan["tags"] == ["health", "desa"]
    assert bidan["evidence"][0]["source"] == "kumu-elements.csv"  # points at its own row
    assert store.get_node("Program", "kampung_kb_melati")["description"] == "Program (fiktif)"
    (rel,) = store.relationships("IMPLEMENTS")
    assert rel["end"] == "Program:kampung_kb_melati"
    assert any(p.kind == "without_evidence" for p in report.warnings)


def test_templates_are_what_the_generator_writes_and_import_cleanly(tmp_path):
    from loaders.templates import write_templates

    fresh = {p.name for p in write_templates(tmp_path)}
    assert fresh == {p.name for p in TEMPLATES.iterdir()}
    for name in fresh:
        if name.endswith(".csv"):
            assert (tmp_path / name).read_bytes() == (TEMPLATES / name).read_bytes(), name
    for files in (
        ["contoh_desa_fiktif.xlsx"],
        ["contoh_desa_fiktif_elements.csv", "contoh_desa_fiktif_connections.csv"],
    ):
        store = MemoryStore(None)
        report = apply_import([(f, (TEMPLATES / f).read_bytes()) for f in files], store)
        assert report.ok and not report.warnings, report.text()
        assert report.summary()["nodes"]["added"] == len(EXAMPLE_ELEMENTS)
        assert report.summary()["relationships"]["added"] == len(EXAMPLE_CONNECTIONS)
        for node in store.nodes():
            assert node["synthetic"] is True and "fiktif" in node["name"]
            assert node["evidence"][0]["source"] == "contoh_fiktif"
    # blank templates: the columns are recognised, there is just nothing in them
    for files in (["template.xlsx"], ["template_elements.csv", "template_connections.csv"]):
        parsed = read_files([(f, (TEMPLATES / f).read_bytes()) for f in files])
        assert [p.kind for p in parsed.problems] == ["layout"]
        assert "no elements and no connections" in parsed.problems[0].message


def _case_graph(dataset):
    store = MemoryStore(None)
    store.upsert_nodes(dataset.nodes)
    store.upsert_relationships(dataset.relationships)
    return store.to_networkx()


def test_gexf_validates_against_the_official_schema(dataset):
    schema = etree.XMLSchema(etree.parse(str(GEXF_XSD)))
    graph = _case_graph(dataset)
    drawn = formats.write(graph, "gexf", style=view_style(graph, graph, None))
    doc = etree.fromstring(drawn)
    assert schema.validate(doc), schema.error_log
    viz = doc.findall(".//{http://gexf.net/1.3}color")
    assert len(viz) == graph.number_of_nodes()
    assert len(doc.findall(".//{http://gexf.net/1.3}position")) == graph.number_of_nodes()
    assert b"<viz:color " in drawn
    # without a drawing the file is as valid, and holds no colour, position or size
    bare = etree.fromstring(formats.write(graph, "gexf"))
    assert schema.validate(bare), schema.error_log
    assert not bare.findall(".//{http://gexf.net/1.3}color")
    assert len(bare.findall(".//{http://gexf.net/1.3}node")) == graph.number_of_nodes()
    # NetworkX's own 1.3 writer does not validate (this is why the module writes GEXF itself)
    buf = io.BytesIO()
    nx.write_gexf(nx.DiGraph([("a", "b")]), buf, version="1.3")
    assert not schema.validate(etree.fromstring(buf.getvalue()))


def test_networkx_reads_every_export(dataset):
    graph = _case_graph(dataset)
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    g1 = nx.read_graphml(io.BytesIO(export_graph(graph, "graphml").data))
    assert (g1.number_of_nodes(), g1.number_of_edges()) == (n, m)
    assert g1.nodes["Actor:kepala_desa_mongpok"]["node_label"] == "Actor"
    assert g1.nodes["Actor:kepala_desa_mongpok"]["color"].startswith("#")
    g2 = nx.read_gexf(io.BytesIO(export_graph(graph, "gexf").data))
    assert (g2.number_of_nodes(), g2.number_of_edges()) == (n, m)
    g3 = nx.node_link_graph(json.loads(export_graph(graph, "json").data), edges="links")
    assert (g3.number_of_nodes(), g3.number_of_edges()) == (n, m)


def test_xml_with_entities_or_doctype_is_refused():
    laughs = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">
<node id="Actor:a"><data key="d0">&lol2;</data></node></graph></graphml>"""
    xxe = b"""<?xml version="1.0"?><!DOCTYPE g [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes><node id="a" label="&x;"/></nodes>
<edges/></graph></gexf>"""
    store = MemoryStore(None)
    for name, data in (("lol.graphml", laughs), ("xxe.gexf", xxe)):
        report = apply_import([(name, data)], store)
        assert not report.ok and "DOCTYPE" in report.errors[0].message + str(report.errors)
    assert store.counts() == {"nodes": {}, "relationships": {}}


def test_foreign_graphml_keeps_unknown_attributes():
    data = b"""<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="d0" for="node" attr.name="label" attr.type="string"/>
<key id="d1" for="node" attr.name="type" attr.type="string"/>
<key id="d2" for="node" attr.name="Modularity Class" attr.type="int"/>
<key id="d3" for="edge" attr.name="label" attr.type="string"/>
<graph edgedefault="directed">
<node id="kader_x"><data key="d0">Kader X</data><data key="d1">cadre</data><data key="d2">3</data></node>
<node id="kader_y"><data key="d0">Kader Y</data><data key="d1">cadre</data><data key="d2">1</data></node>
<edge source="kader_x" target="kader_y"><data key="d3">COLLABORATES_WITH</data></edge>
</graph></graphml>"""
    store = MemoryStore(None)
    report = apply_import([("gephi.graphml", data)], store)
    # actors need a sector and a level: reported at the node and the attribute
    assert not report.ok
    assert {(p.sheet, p.row, p.column) for p in report.errors} >= {("nodes", 1, "sector")}
    fixed = data.replace(
        b'<data key="d2">3</data>',
        b'<data key="d2">3</data><data key="d4">health</data><data key="d5">desa</data>',
    )
    fixed = fixed.replace(
        b'<data key="d2">1</data>',
        b'<data key="d2">1</data><data key="d4">health</data><data key="d5">desa</data>',
    )
    fixed = fixed.replace(
        b"<graph ",
        b'<key id="d4" for="node" attr.name="sector" attr.type="string"/><key id="d5" for="node" attr.name="level" attr.type="string"/><graph ',
    )
    report = apply_import([("gephi.graphml", fixed)], store)
    assert report.ok, report.text()
    node = store.get_node("Actor", "kader_x")
    assert node["name"] == "Kader X" and node["Modularity Class"] == 3


def test_report_names_file_sheet_row_and_column_in_a_workbook():
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "Aktor"
    ws.append(
        [
            "id",
            "label",
            "name",
            "type",
            "sector",
            "level",
            "evidence_source",
            "evidence_section",
            "evidence_paragraph",
        ]
    )
    ws.append(["a", "Actor", "A", "cadre", "health", "desa", "s", "A", 1])
    ws.append(["b", "Actor", "B", "cadre", "wealth", "desa", "s", "A", 1])
    buf = io.BytesIO()
    book.save(buf)
    report = preview_import([("data.xlsx", buf.getvalue())], MemoryStore(None)).report
    (err,) = report.errors
    assert (err.file, err.sheet, err.row, err.column) == ("data.xlsx", "Aktor", 3, "sector")
    assert "data.xlsx, sheet Aktor, row 3, column sector" in str(err)


def test_cli_import_dry_run_clear(workspace, capsys, tmp_path):
    store = MemoryStore.in_workspace(workspace)
    seed(store)
    before = snapshot(store)
    example = str(TEMPLATES / "contoh_desa_fiktif.xlsx")
    assert cli.main(["import", example, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "dry run: nothing was written" in out and "nodes: 14 added" in out
    assert snapshot(MemoryStore.in_workspace(workspace)) == before
    bad = tmp_path / "bad.csv"
    bad.write_text("id,label,name\nx,Robot,X\n", encoding="utf-8")
    assert cli.main(["import", str(bad)]) == 1
    assert "bad.csv, row 2, column label: unknown label 'Robot'" in capsys.readouterr().out
    assert cli.main(["import", example, "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["applied"] and result["summary"]["relationships"]["added"] == 18
    assert cli.main(["import", example]) == 0
    assert "nodes: 0 added, 0 updated, 14 unchanged" in capsys.readouterr().out
    assert cli.main(["clear"]) == 1  # no terminal, no --yes: refuses
    assert MemoryStore.in_workspace(workspace).counts()["nodes"]
    assert cli.main(["clear", "--yes"]) == 0
    assert MemoryStore.in_workspace(workspace).counts() == {"nodes": {}, "relationships": {}}


def test_bad_input_writes_nothing_to_the_workspace_file(workspace):
    store = MemoryStore.in_workspace(workspace)
    seed(store)
    raw = (workspace / "graph.json").read_bytes()
    report = apply_import(csv_pair(connections=["kader_a,ghost,LEADS,1,2023,s,A,3"]), store)
    assert not report.ok
    assert (workspace / "graph.json").read_bytes() == raw
