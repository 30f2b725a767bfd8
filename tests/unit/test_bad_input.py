"""Bad input never corrupts the store: every class of malformed file gets its own located
message and leaves the store exactly as it was; archives and junk are refused without being
unpacked; uploads are checked by content; nothing is written outside a temporary folder; and
each parser, fuzzed with a fixed budget, answers with a report and never another exception."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
import tempfile
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from graph.memory_store import MemoryStore
from loaders import formats, safety
from loaders.formats import tabular, xmlsafe
from loaders.importer import apply_import, preview_import, read_files
from tests.bad_input_corpus import (
    BILLION_LAUGHS,
    EXTERNAL_ENTITY,
    _rezip,
    corpus,
    example_xlsx,
    junk,
    zip_bomb,
)
from tests.import_support import TEMPLATES, seed, snapshot

FUZZ = settings(
    max_examples=200,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FIGURES = {"files": 0, "fuzz_examples": 0, "unexpected_exceptions": 0}


@pytest.fixture(scope="module", autouse=True)
def _figures():
    yield
    print(f"\nbad-input figures: {json.dumps(FIGURES)}", file=sys.stderr)


def _seeded(tmp_path: Path) -> MemoryStore:
    store = MemoryStore(tmp_path / "graph.json")
    seed(store)
    return store


# -- the corpus ------------------------------------------------------------------------------------
@pytest.mark.parametrize("case", sorted(corpus()))
def test_each_bad_file_gets_its_message_and_the_store_is_unchanged(case, tmp_path, monkeypatch):
    bad = corpus()[case]
    for name, value in (bad.env or {}).items():
        monkeypatch.setenv(name, value)
    store = _seeded(tmp_path)
    before, file_before = snapshot(store), store.path.read_bytes()
    report = apply_import(bad.files, store)
    FIGURES["files"] += len(bad.files)
    assert not report.ok and not report.applied and report.written == 0
    hits = [p for p in report.errors if bad.words in p.message]
    assert hits, [str(p) for p in report.problems]
    hit = hits[0]
    assert hit.file == bad.file, str(hit)
    assert bad.file in str(hit)
    if bad.row is not None:
        assert hit.row == bad.row, str(hit)
    if bad.column is not None:
        assert hit.column == bad.column, str(hit)
    if bad.kind is not None:
        assert hit.kind == bad.kind, str(hit)
    assert snapshot(store) == before
    assert store.path.read_bytes() == file_before
    assert snapshot(MemoryStore(store.path)) == before  # what a fresh start would load


def test_a_cycle_with_stored_places_is_refused(tmp_path):
    store = _seeded(tmp_path)
    loc = [{"source": "s", "section": "A", "paragraph": 1}]
    store.upsert_nodes(
        [
            {"label": "Place", "id": i, "name": i, "place_level": lvl, "evidence": loc}
            for i, lvl in (("desa_x", "desa"), ("kec_x", "kecamatan"))
        ]
    )
    store.upsert_relationships(
        [{"type": "PART_OF", "start": "Place:desa_x", "end": "Place:kec_x", "evidence": loc}]
    )
    before = snapshot(store)
    files = [
        (
            "hubungan.csv",
            b"from,to,type,evidence_source,evidence_section,evidence_paragraph\n"
            b"kec_x,desa_x,PART_OF,s,A,2\n",
        )
    ]
    report = apply_import(files, store)
    (err,) = [p for p in report.errors if p.kind == "cycle"]
    assert (err.file, err.row, err.column) == ("hubungan.csv", 2, "type")
    assert "Place:kec_x -> Place:desa_x -> Place:kec_x" in err.message
    assert snapshot(store) == before
    # the same hierarchy in the right direction is fine and is written
    ok = apply_import([(files[0][0], files[0][1].replace(b"kec_x,desa_x", b"desa_x,kec_x"))], store)
    assert ok.ok, ok.text()


# -- refused without unpacking or copying --------------------------------------------------------
class _ReadMeter:
    """Counts the uncompressed bytes any zip member hands out while it is installed."""

    def __init__(self, monkeypatch) -> None:
        self.bytes = 0
        original_read, original_read1 = zipfile.ZipExtFile.read, zipfile.ZipExtFile.read1
        meter = self

        def read(self, n=-1):
            out = original_read(self, n)
            meter.bytes += len(out)
            return out

        def read1(self, n=-1):
            out = original_read1(self, n)
            meter.bytes += len(out)
            return out

        monkeypatch.setattr(zipfile.ZipExtFile, "read", read)
        monkeypatch.setattr(zipfile.ZipExtFile, "read1", read1)


@pytest.mark.parametrize(("name", "office"), [("bom.xlsx", True), ("bom.zip", False)])
def test_a_zip_bomb_is_refused_without_unpacking_it(name, office, monkeypatch):
    data = zip_bomb(office=office, megabytes=128)
    assert len(data) < 1_000_000  # 128 MB inside
    meter = _ReadMeter(monkeypatch)
    tracemalloc.start()
    try:
        report = apply_import([(name, data)], MemoryStore(None))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert not report.ok and "zip bomb" in report.errors[0].message
    assert meter.bytes == 0  # not one uncompressed byte was read
    assert peak < 2_000_000, peak
    # the meter does count: a real workbook is read through it
    apply_import([("contoh.xlsx", example_xlsx())], MemoryStore(None))
    assert meter.bytes > 10_000


@pytest.mark.parametrize("name", ["junk.csv", "junk.xlsx", "junk.json", "junk.gexf", "junk"])
def test_ten_megabytes_of_junk_are_refused_without_copying_them(name):
    data = junk()
    tracemalloc.start()
    try:
        report = preview_import([(name, data)], MemoryStore(None)).report
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert not report.ok and report.errors[0].file == name
    assert peak < len(data) // 10, peak  # never a copy or a decoded text of the 10 MB


def test_xml_parsing_resolves_no_entity(tmp_path, monkeypatch):
    secret = tmp_path / "secret.txt"
    secret.write_text("RAHASIA")
    xxe = EXTERNAL_ENTITY.replace(b"file:///etc/passwd", secret.as_uri().encode())
    for data, fmt in ((xxe, "gexf"), (BILLION_LAUGHS, "graphml")):
        parsed = formats.read(fmt, data, f"g.{fmt}")
        assert [p.message for p in parsed.problems] == ["a DOCTYPE (DTD, entities) is not accepted"]
        assert not parsed.elements
    # even past the textual check, the parser itself refuses DTDs and entities
    monkeypatch.setattr(xmlsafe.re, "search", lambda *a, **k: None)
    parsed = formats.read("gexf", xxe, "g.gexf")
    assert "DOCTYPE" in parsed.problems[0].message and "RAHASIA" not in str(parsed.elements)


# -- uploads -----------------------------------------------------------------------------------------
def test_check_upload_accepts_what_the_import_takes():
    from graph.memory_store import MemoryStore as M

    store = M(None)
    seed(store)
    graph = store.to_networkx()
    assert safety.check_upload("contoh.xlsx", example_xlsx()) == "xlsx"
    assert safety.check_upload("t.csv", (TEMPLATES / "template_elements.csv").read_bytes()) == "csv"
    for fmt, name in (("graphml", "g.graphml"), ("gexf", "g.gexf"), ("json", "g.json")):
        assert safety.check_upload(name, formats.write(graph, fmt)) == fmt
        # by content when the name says nothing
        assert safety.check_upload("unduhan", formats.write(graph, fmt)) == fmt
    assert safety.check_upload("ekspor.zip", formats.write(graph, "csv")) == "zip"
    assert safety.check_upload("unduhan", example_xlsx()) == "xlsx"


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("desa.xlsx", b"id,label\n", "content is a CSV file"),
        ("desa.csv", b"PK\x03\x04" + b"\x00" * 40, "content is a zip archive"),
        ("g.graphml", b'<?xml version="1.0"?><html><body/></html>', "root element <html>"),
        ("g.gexf", b"<graphml/>", "content is a GraphML file"),
        ("g.json", b"id,label\nx,Actor\n", "not a JSON file"),
        ("data.zip", b"\x00" * 100, "not a zip archive"),
        ("skrip.py", b"print(1)", "files named .py are not imported"),
    ],
)
def test_check_upload_refuses_by_content_and_names_the_file(name, data, words):
    with pytest.raises(safety.UploadRefused) as err:
        safety.check_upload(name, data)
    assert words in err.value.message and str(err.value).startswith(f"{name}: ")
    assert isinstance(err.value, ValueError)


def test_the_size_limit_is_a_setting(monkeypatch):
    data = (TEMPLATES / "template_elements.csv").read_bytes()
    assert safety.check_upload("t.csv", data) == "csv"
    monkeypatch.setenv("JEJARING_IMPORT_MAX_BYTES", str(len(data) - 1))
    with pytest.raises(safety.UploadRefused, match="JEJARING_IMPORT_MAX_BYTES"):
        safety.check_upload("t.csv", data)
    assert safety.limits().max_bytes == len(data) - 1


_WRITES: list[str] = []
_WATCHING = [False]


def _audit(event, args):
    if _WATCHING[0] and event == "open" and args and isinstance(args[0], (str, bytes, Path)):
        mode = args[1] if len(args) > 1 and isinstance(args[1], str) else ""
        flags = args[2] if len(args) > 2 and isinstance(args[2], int) else 0
        if any(c in mode for c in "wax+") or flags & 0o3:  # O_WRONLY / O_RDWR
            _WRITES.append(str(args[0]))


def test_an_import_writes_nothing_outside_a_temporary_folder():
    """Uploads are read as bytes in memory: the readers (and the zip reader) open no file
    for writing; only the store itself writes, and a store without a file writes nothing."""
    sys.addaudithook(_audit)  # hooks cannot be removed; this one only records while watching
    files = [
        ("contoh.xlsx", example_xlsx()),
        ("ekspor.zip", formats.write(MemoryStore(None).to_networkx(), "csv")),
        ("jalur.zip", corpus()["zip_member_outside"].files[0][1]),
    ]
    _WRITES.clear()
    _WATCHING[0] = True
    try:
        for pair in files:
            apply_import([pair], MemoryStore(None))
    finally:
        _WATCHING[0] = False
    temp = str(Path(tempfile.gettempdir()).resolve())
    assert [w for w in _WRITES if not str(Path(w).resolve()).startswith(temp)] == []
    # the hook does see writes
    _WATCHING[0] = True
    try:
        with tempfile.NamedTemporaryFile("w") as fh:
            fh.write("x")
    finally:
        _WATCHING[0] = False
    assert _WRITES


# -- fuzzing each parser -----------------------------------------------------------------------------
def _only_reports(files: list[tuple[str, bytes]]) -> None:
    """The whole import path (check, read, validate, plan) on ``files``: a report whose
    problems name a file of the import, or a failure that says which exception escaped."""
    FIGURES["fuzz_examples"] += 1
    store = MemoryStore(None)
    seed(store)
    try:
        report = preview_import(files, store).report
    except Exception:
        FIGURES["unexpected_exceptions"] += 1
        raise
    names = {n for n, _ in files}
    for problem in report.problems:
        assert problem.message
        assert set(problem.file.split(", ")) <= names | {
            f"{n}/{m}" for n, _ in files for m in ("nodes.csv", "edges.csv")
        }, problem


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8)
CELL = st.one_of(
    st.sampled_from(
        [
            "",
            "Actor",
            "Place",
            "desa",
            "cadre",
            "health",
            "PART_OF",
            "LEADS",
            "a",
            "b",
            "Actor:a",
            "1.685",
            "2,5",
            "2023-02",
            "[1",
            '{"x": [[[',
            "ya",
        ]
    ),
    TEXT,
)
COLUMNS = st.sampled_from(
    [
        "id",
        "label",
        "name",
        "type",
        "sector",
        "level",
        "from",
        "to",
        "weight",
        "date",
        "evidence",
        "evidence_source",
        "evidence_paragraph",
        "_json",
        "x",
        "",
    ]
)
MUTATION = st.one_of(
    st.none(),
    st.tuples(st.just("cut"), st.floats(0, 1)),
    st.tuples(st.just("flip"), st.floats(0, 1), st.integers(0, 255)),
)


def _mutate(data: bytes, mutation) -> bytes:
    if mutation is None or not data:
        return data
    at = int(mutation[1] * (len(data) - 1))
    if mutation[0] == "cut":
        return data[:at]
    return data[:at] + bytes([mutation[2]]) + data[at + 1 :]


@FUZZ
@given(
    header=st.lists(COLUMNS, min_size=1, max_size=8),
    rows=st.lists(st.lists(CELL, max_size=9), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
    mutation=MUTATION,
)
def test_fuzz_csv(header, rows, delimiter, encoding, mutation):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter).writerows([header, *rows])
    data = buf.getvalue().encode(encoding, errors="replace")
    _only_reports([("f.csv", _mutate(data, mutation))])


XLSX_VALUE = st.one_of(
    CELL,
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
)


def _cell(value):
    """A value a workbook can hold (control characters cannot be written to a sheet)."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value).strip()
    return value


@FUZZ
@given(
    header=st.lists(COLUMNS, min_size=1, max_size=7),
    rows=st.lists(st.lists(XLSX_VALUE, max_size=8), max_size=5),
    mutation=MUTATION,
)
def test_fuzz_xlsx(header, rows, mutation):
    book = openpyxl.Workbook()
    sheet = book.active
    for values in [header, *rows]:
        sheet.append([_cell(v) for v in values] or [None])
    buf = io.BytesIO()
    book.save(buf)
    _only_reports([("f.xlsx", _mutate(buf.getvalue(), mutation))])


XML_NAME = st.sampled_from(["a", "b", "Actor:a", "Place:p", "x y", "", "&amp;", "<"])
ATTR_TYPES = st.sampled_from(["string", "int", "long", "double", "boolean", "liststring", "?"])


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


@FUZZ
@given(
    keys=st.lists(st.tuples(COLUMNS, ATTR_TYPES, st.sampled_from(["node", "edge", "all"]))),
    nodes=st.lists(st.tuples(XML_NAME, st.lists(st.tuples(st.integers(0, 6), CELL)))),
    edges=st.lists(st.tuples(XML_NAME, XML_NAME, st.lists(st.tuples(st.integers(0, 6), CELL)))),
    mutation=MUTATION,
)
def test_fuzz_graphml(keys, nodes, edges, mutation):
    parts = ['<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">']
    for i, (name, attr_type, domain) in enumerate(keys):
        parts.append(
            f'<key id="k{i}" for="{domain}" attr.name="{_esc(name)}" attr.type="{attr_type}"/>'
        )
    parts.append('<graph edgedefault="directed">')
    for node_id, data in nodes:
        cells = "".join(f'<data key="k{k}">{_esc(v)}</data>' for k, v in data)
        parts.append(f'<node id="{_esc(node_id)}">{cells}</node>')
    for source, target, data in edges:
        cells = "".join(f'<data key="k{k}">{_esc(v)}</data>' for k, v in data)
        parts.append(f'<edge source="{_esc(source)}" target="{_esc(target)}">{cells}</edge>')
    parts.append("</graph></graphml>")
    _only_reports([("f.graphml", _mutate("".join(parts).encode(), mutation))])


@FUZZ
@given(
    attributes=st.lists(st.tuples(COLUMNS, ATTR_TYPES)),
    nodes=st.lists(st.tuples(XML_NAME, CELL, st.lists(st.tuples(st.integers(0, 6), CELL)))),
    edges=st.lists(st.tuples(XML_NAME, XML_NAME, CELL, st.sampled_from(["", "1", "x", "-2,5"]))),
    mutation=MUTATION,
)
def test_fuzz_gexf(attributes, nodes, edges, mutation):
    parts = ['<?xml version="1.0"?><gexf xmlns="http://gexf.net/1.3" version="1.3"><graph>']
    parts.append('<attributes class="node">')
    for i, (title, attr_type) in enumerate(attributes):
        parts.append(f'<attribute id="{i}" title="{_esc(title)}" type="{attr_type}"/>')
    parts.append("</attributes><nodes>")
    for node_id, label, values in nodes:
        vals = "".join(f'<attvalue for="{k}" value="{_esc(v)}"/>' for k, v in values)
        parts.append(
            f'<node id="{_esc(node_id)}" label="{_esc(label)}"><attvalues>{vals}</attvalues></node>'
        )
    parts.append("</nodes><edges>")
    for source, target, label, weight in edges:
        w = f' weight="{weight}"' if weight else ""
        parts.append(
            f'<edge source="{_esc(source)}" target="{_esc(target)}" label="{_esc(label)}"{w}/>'
        )
    parts.append("</edges></graph></gexf>")
    _only_reports([("f.gexf", _mutate("".join(parts).encode(), mutation))])


JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), CELL),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(COLUMNS, inner, max_size=3)
    ),
    max_leaves=12,
)
JSON_NODE = st.dictionaries(
    st.one_of(COLUMNS, st.just("id")), st.one_of(CELL, JSON_VALUE), max_size=6
)
JSON_LINK = st.dictionaries(
    st.sampled_from(["source", "target", "key", "type", "weight", "evidence", "_json", "x"]),
    st.one_of(CELL, JSON_VALUE),
    max_size=6,
)


@FUZZ
@given(
    payload=st.one_of(
        st.fixed_dictionaries(
            {"nodes": st.lists(JSON_NODE, max_size=5), "links": st.lists(JSON_LINK, max_size=5)}
        ),
        JSON_VALUE,
    ),
    mutation=MUTATION,
)
def test_fuzz_json(payload, mutation):
    data = json.dumps(payload, ensure_ascii=False).encode()
    _only_reports([("f.json", _mutate(data, mutation))])


def test_the_readers_parse_the_xml_inside_a_workbook_with_defusedxml():
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML is True  # openpyxl uses defusedxml once it is installed (requirements.txt)
    # the byte checks refuse a part with a DOCTYPE before any reader sees the workbook
    parsed = read_files([("w.xlsx", corpus()["xlsx_with_dtd_inside"].files[0][1])])
    assert "has a DOCTYPE" in parsed.problems[0].message and not parsed.elements
    # and the reader on its own refuses worksheets that declare an entity
    book = example_xlsx()
    with zipfile.ZipFile(io.BytesIO(book)) as zf:
        sheets = {n: zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/")}
    dtd = b'<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]><worksheet'
    bad = {n: xml.replace(b"<worksheet", dtd, 1) for n, xml in sheets.items()}
    alone = tabular.read_xlsx(_rezip(book, bad), "w.xlsx")
    assert alone.problems[0].message.startswith("not a readable XLSX workbook")
    assert not alone.elements and not alone.connections
