"""Posters: paper sizes in every format, searchable PDF text, escaped SVG text, both
languages, and no two labels overlapping on the case study at A4 and A3."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import xml.etree.ElementTree as ET

import pytest
from PIL import Image
from pypdf import PdfReader

from drawing.view import ViewFilters
from exports.posters import PosterOptions, build_poster, label_overlaps, poster_bytes
from graph.memory_store import MemoryStore
from loaders.case_study import load_case_study
from tests.conftest import DATA

MM_PER_PT = 25.4 / 72
SIZES = {
    ("A4", "portrait"): (210, 297),
    ("A4", "landscape"): (297, 210),
    ("A3", "portrait"): (297, 420),
    ("A3", "landscape"): (420, 297),
}
HOSTILE = "<script>alert('x')</script> & \"q\" $x^2$ \\ ]]> 🌾"


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
                "name": f"{HOSTILE} {i}",
                "actor_type": "cadre",
                "sector": "health",
                "level": "desa",
                "evidence": loc,
            }
            for i in range(3)
        ]
        + [{"label": "Source", "id": "s", "name": "s", "title": HOSTILE, "evidence": loc}]
    )
    store.upsert_relationships(
        [
            {
                "type": "COLLABORATES_WITH",
                "start": "Actor:a0",
                "end": f"Actor:a{i}",
                "evidence": loc,
            }
            for i in (1, 2)
        ]
    )
    return store.to_networkx()


@pytest.mark.parametrize(("paper", "orientation"), sorted(SIZES))
def test_case_study_labels_do_not_overlap(case_graph, paper, orientation):
    poster = build_poster(case_graph, options=PosterOptions(paper=paper, orientation=orientation))
    assert len(poster.labels) == len(poster.nodes) > 50  # every node has its label or number
    assert label_overlaps(poster) == []
    # every label stays on the drawing, inside the page
    width, height = poster.figure.canvas.get_width_height()
    for box in poster.label_boxes().values():
        assert box.x0 >= 0 and box.x1 <= width and box.y0 >= 0 and box.y1 <= height
    # names replaced by numbers are spelled out on the poster
    texts = re.sub(r"\s+", " ", " ".join(t.get_text() for t in poster.figure.texts))
    for number, name in poster.numbered:
        assert f"{number} = {name}" in texts
    png = Image.open(io.BytesIO(poster_bytes(poster, "png")))
    w_mm, h_mm = SIZES[(paper, orientation)]
    assert abs(png.size[0] - w_mm / 25.4 * 150) <= 1
    assert abs(png.size[1] - h_mm / 25.4 * 150) <= 1


@pytest.mark.parametrize(("paper", "orientation"), [("A4", "portrait"), ("A3", "landscape")])
def test_svg_and_pdf_have_the_paper_size(hostile_graph, paper, orientation):
    poster = build_poster(
        hostile_graph, options=PosterOptions(paper=paper, orientation=orientation)
    )
    w_mm, h_mm = SIZES[(paper, orientation)]
    root = ET.fromstring(poster_bytes(poster, "svg"))
    for attr, expected in (("width", w_mm), ("height", h_mm)):
        value = root.attrib[attr]
        assert value.endswith("pt")
        assert abs(float(value[:-2]) * MM_PER_PT - expected) < 0.1
    box = PdfReader(io.BytesIO(poster_bytes(poster, "pdf"))).pages[0].mediabox
    assert abs(float(box.width) * MM_PER_PT - w_mm) < 0.1
    assert abs(float(box.height) * MM_PER_PT - h_mm) < 0.1


def test_pdf_text_is_searchable_in_both_languages(case_graph):
    for lang, words in (
        ("id", ("Jejaring pemangku kepentingan", "Legenda", "Pustaka", "Dibuat 2024-05-01")),
        ("en", ("Stakeholder network", "Legend", "References", "Made 2024-05-01")),
    ):
        options = PosterOptions(lang=lang, date=dt.date(2024, 5, 1))
        poster = build_poster(
            case_graph, ViewFilters(types=("cadre", "village_government")), options
        )
        text = PdfReader(io.BytesIO(poster_bytes(poster, "pdf"))).pages[0].extract_text()
        flat = re.sub(r"\s+", " ", text)
        for word in words:
            assert word in flat, (lang, word)
        assert "Kampung KB Desa Mongpok" in flat  # the bibliography


def test_custom_title_lands_in_the_pdf_and_the_metadata(case_graph):
    options = PosterOptions(title="Lokakarya Cikeusal 2024", paper="A3")
    pdf = PdfReader(io.BytesIO(poster_bytes(build_poster(case_graph, options=options), "pdf")))
    assert "Lokakarya Cikeusal 2024" in pdf.pages[0].extract_text()
    assert pdf.metadata.title == "Lokakarya Cikeusal 2024"


def test_hostile_strings_are_escaped_in_the_svg(hostile_graph):
    poster = build_poster(hostile_graph, options=PosterOptions(title=HOSTILE))
    svg = poster_bytes(poster, "svg")
    assert b"<script" not in svg
    root = ET.fromstring(svg)  # well-formed XML whatever the names hold
    texts = ["".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text")]
    assert any(HOSTILE in text for text in texts)  # verbatim, "$x^2$" not turned into maths
    assert poster_bytes(poster, "svg") == svg  # the same view gives the same file


def test_focus_view_and_empty_view(case_graph):
    focus = ViewFilters(focus="Actor:kepala_desa_mongpok", depth=1)
    poster = build_poster(case_graph, focus, PosterOptions(lang="en"))
    assert "Actor:kepala_desa_mongpok" in poster.labels
    assert len(poster.nodes) < 40 and label_overlaps(poster) == []
    empty = build_poster(case_graph, ViewFilters(sectors=("fisheries",), labels=("Actor",)))
    assert empty.seconds < 30
    nobody = build_poster(
        case_graph,
        ViewFilters(labels=("Actor",), types=("international",), sectors=("fisheries",)),
    )
    assert nobody.labels == {}


def test_bad_options_are_refused():
    with pytest.raises(ValueError, match="paper"):
        PosterOptions(paper="Letter")
    with pytest.raises(ValueError, match="orientation"):
        PosterOptions(orientation="sideways")


# The SVG of two case-study posters, as SHA-256. The drawing code may be rearranged freely;
# these digests change only when a poster itself looks different (a deliberate change of the
# poster, of its strings or of the case study: draw the two posters below and record the new
# digests together with that change).
POSTER_SVG_SHA256 = {
    "whole graph, A4 portrait, id": (
        "97db6596d5f6014853f3bded298fc73a06df3b3d4be21500e9f01bb0bbe3c933"
    ),
    "village head at depth 2 by sector, A3 landscape, en": (
        "201967d777c2214fbdbd83543ddecdcda7f7b8ade728d3dbb3bd8268828997e4"
    ),
}
PINNED_VIEWS = {
    "whole graph, A4 portrait, id": (ViewFilters(), PosterOptions(date=dt.date(2024, 5, 1))),
    "village head at depth 2 by sector, A3 landscape, en": (
        ViewFilters(focus="Actor:kepala_desa_mongpok", depth=2, colour="sector"),
        PosterOptions(paper="A3", orientation="landscape", lang="en", date=dt.date(2024, 5, 1)),
    ),
}


@pytest.mark.parametrize("view", sorted(PINNED_VIEWS))
def test_case_study_posters_are_drawn_the_same_byte_for_byte(case_graph, view):
    filters, options = PINNED_VIEWS[view]
    svg = poster_bytes(build_poster(case_graph, filters, options), "svg")
    assert hashlib.sha256(svg).hexdigest() == POSTER_SVG_SHA256[view]
