"""Property-based: whatever spreadsheet arrives, the importer answers with a report, never a crash,
and writes nothing when the report has an error."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.memory_store import MemoryStore
from loaders.formats.columns import CONNECTION_COLUMNS, ELEMENT_COLUMNS
from loaders.formats.notation import parse_number
from loaders.importer import apply_import
from tests.import_support import seed, snapshot

SETTINGS = settings(
    max_examples=200,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# cells that look like what people type: ids, names, choices, numbers, dates, junk
CELL = st.one_of(
    st.sampled_from(
        [
            "",
            "Actor",
            "actor",
            "Program",
            "Robot",
            "cadre",
            "health",
            "desa",
            "COLLABORATES_WITH",
            "LEADS",
            "kepala_desa",
            "puskesmas",
            "Kades",
            "1.685",
            "39,43",
            "Rp 20 juta",
            "2,794",
            "1.5",
            "2023-02",
            "31/02/2023",
            "ya",
            "[",
            '{"a":',
            '[{"source": "s"}]',
            "Actor:kepala_desa",
            "Ünïcödé",
            "=1+1",
            "a|b|",
        ]
    ),
    st.text(max_size=12),
)
HEADERS = st.lists(
    st.sampled_from(
        [
            *ELEMENT_COLUMNS,
            *CONNECTION_COLUMNS,
            "Label",
            "Type",
            "Tags",
            "From",
            "To",
            "Direction",
            "value",
            "quantity",
            "start",
            "amount",
            "_json",
            "x",
            "",
        ]
    ),
    min_size=1,
    max_size=10,
)


def _csv(header, rows):
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


@SETTINGS
@given(
    header=HEADERS,
    rows=st.lists(st.lists(CELL, max_size=11), max_size=6),
    header2=HEADERS,
    rows2=st.lists(st.lists(CELL, max_size=11), max_size=6),
)
def test_random_spreadsheets_give_a_report_not_a_crash(header, rows, header2, rows2):
    store = MemoryStore(None)
    seed(store)
    before = snapshot(store)
    report = apply_import([("a.csv", _csv(header, rows)), ("b.csv", _csv(header2, rows2))], store)
    text = report.text()
    assert isinstance(text, str)
    for problem in report.problems:
        assert problem.file in ("a.csv", "b.csv", "a.csv, b.csv") and problem.message
    if not report.ok:
        assert not report.applied and snapshot(store) == before


@SETTINGS
@given(st.text(max_size=20))
def test_parse_number_returns_or_refuses(text):
    try:
        reading = parse_number(text)
    except ValueError as exc:
        assert str(exc)
    else:
        assert isinstance(reading.value, (int, float))


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes_give_a_report(data):
    for name in ("x.csv", "x.xlsx", "x.graphml", "x.gexf", "x.json", "x.zip", "x.bin"):
        report = apply_import([(name, data)], MemoryStore(None))
        assert isinstance(report.text(), str)
