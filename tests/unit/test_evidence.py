"""How a source is cut into sections and paragraphs, and how locators resolve."""

import pytest

from graph.evidence import LocatorProblem, SourceDocument, mentions_any, resolve_locator

TEXT = (
    " Judul\nPembuka tanpa bagian.\n Bagian Satu\n[bookmark: _Hlk1]Paragraf pertama.\n\n"
    "Paragraf kedua menyebut Desa Mongpok.\nTabel 1.\n\tNama\n\tNilai\n\n\tMongpok\n\t1.685\n"
    "Bagian Dua\nAkhir.\n"
)


@pytest.fixture()
def source(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_sections_and_paragraphs(source):
    doc = SourceDocument.parse(source, ["Bagian Satu", "Bagian Dua"])
    assert doc.paragraphs[""] == ("Judul", "Pembuka tanpa bagian.")
    assert doc.paragraphs["Bagian Satu"] == (
        "Paragraf pertama.",  # bookmark removed
        "Paragraf kedua menyebut Desa Mongpok.",
        "Tabel 1.",
        "Nama\nNilai",  # a table row is one paragraph
        "Mongpok\n1.685",
    )
    assert doc.paragraph("Bagian Dua", 1) == "Akhir."


def test_missing_heading_is_an_error(source):
    with pytest.raises(ValueError, match="Bagian Tiga"):
        SourceDocument.parse(source, ["Bagian Satu", "Bagian Tiga"])


def sources_for(source):
    return {"doc": {"file": source.name, "sections": ["Bagian Satu", "Bagian Dua"]}}


def test_resolve_with_character_range(source):
    loc = {"source": "doc", "section": "Bagian Satu", "paragraph": 2, "start": 24, "end": 36}
    assert resolve_locator(loc, sources_for(source), source.parent) == "Desa Mongpok"


@pytest.mark.parametrize(
    "loc, message",
    [
        ({"source": "nope", "section": "Bagian Satu", "paragraph": 1}, "unknown source"),
        ({"source": "doc", "section": "Bagian Lima", "paragraph": 1}, "no section"),
        ({"source": "doc", "section": "Bagian Satu", "paragraph": 9}, "has 5 paragraphs, not 9"),
        (
            {"source": "doc", "section": "Bagian Dua", "paragraph": 1, "end": 99},
            "past the paragraph",
        ),
    ],
)
def test_unresolvable_locators_say_why(source, loc, message):
    with pytest.raises(LocatorProblem, match=message):
        resolve_locator(loc, sources_for(source), source.parent)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(LocatorProblem, match="source file not found"):
        resolve_locator(
            {"source": "d", "section": "x", "paragraph": 1},
            {"d": {"file": "absent.txt", "sections": []}},
            tmp_path,
        )


def test_mentions_fold_case_space_and_accents():
    assert (
        mentions_any("Kepala  Desa\nMONGPOK hadir", ["kepala desa mongpok"])
        == "kepala desa mongpok"
    )
    assert mentions_any("Café", ["cafe"]) == "cafe"
    assert mentions_any("tidak ada", ["Baznas", ""]) is None
