"""The language check's scanner (tests/language_check.py) on sample texts: it finds what it
must find, in the right language, and lets finished text and proper names pass."""

from __future__ import annotations

import pytest

from tests.language_check import offences


def _found(text: str, lang: str, allowed=()) -> list[tuple[str, str]]:
    return [(o.kind, o.text) for o in offences(text, lang, allowed)]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Choose an option", "Choose an option"),
        ("Drag and drop files here", "Drag and drop"),
        ("Browse files", "Browse files"),
        ("Indonesia · not stated", "not"),
        ("Nilai (percent)", "percent"),
        ("18 nodes and 1 lines drawn", "nodes"),
        ("Sumber: not cited in the study", "the"),
        ("The graph store", "The"),
    ],
)
def test_english_in_indonesian_mode_is_found(text, word):
    assert ("other language", word) in _found(text, "id")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Kesehatan dan gizi", "dan"),
        ("aktor yang memimpin", "yang"),
        ("bekerja sama dengan", "dengan"),
        ("18 simpul digambar", "simpul"),
        ("via programme kampung", None),
    ],
)
def test_indonesian_in_english_mode_is_found(text, word):
    kinds = _found(text, "en")
    if word is None:
        assert kinds == []
    else:
        assert ("other language", word) in kinds


@pytest.mark.parametrize("value", ["None", "nan", "NaN", "<NA>", "True", "False", "NaT"])
def test_raw_values_are_found_in_both_languages(value):
    for lang in ("id", "en"):
        assert ("raw value", value) in _found(f"Sumber | {value} | 2021", lang)


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("lewat program dashat > kampung_kb", "kampung_kb"),
        ("Sumber: mongpok_case_study", "mongpok_case_study"),
        ("partner_id", "partner_id"),
    ],
)
def test_snake_case_ids_are_found(text, raw):
    assert ("raw id", raw) in _found(text, "id")


@pytest.mark.parametrize(
    "text",
    [
        "Folder kerja: /tmp/ws/case_study",  # a path: ids are the point
        "stunting_program_taxonomy.json",  # a file name
        "JEJARING_NODE_CAP",  # a setting's name
        "Nonetheless",  # a word that begins like a raw value
        "Theory",  # a word that begins like an English function word
        "Kampung KB Desa Mongpok",  # programme and place: Indonesian by nature
        "Bahasa Indonesia",
    ],
)
def test_finished_text_passes(text):
    assert _found(text, "id") == []
    assert _found(text, "en") == []


def test_finished_indonesian_and_english_pages_pass():
    indonesian = "Jejaring pemangku kepentingan\n88 simpul dan 138 relasi ditampilkan.\nPilih…"
    english = "The stakeholder network\n88 nodes and 138 links shown.\nChoose…"
    assert offences(indonesian, "id") == []
    assert offences(english, "en") == []
    # and each is an offence in the other language
    assert offences(indonesian, "en") and offences(english, "id")


def test_allowed_names_of_the_data_pass_but_the_rest_of_the_line_is_scanned():
    title = "Kampung KB Desa Mongpok dan percepatan penurunan stunting"
    assert ("other language", "dan") in _found(title, "en")
    assert _found(title, "en", allowed=[title]) == []
    assert ("other language", "yang") in _found(f"{title}, yang lain", "en", allowed=[title])


def test_an_offence_names_its_line():
    (offence,) = offences("Ukuran menurut\nChoose an option", "id")
    assert offence.line == "Choose an option"
    assert "Choose an option" in str(offence)


def test_paths_file_names_and_quoted_words_are_not_words_of_a_language():
    assert _found("Folder kerja: /tmp/pytest-of-root/workspace", "id") == []
    assert _found("mongpok-kampung-kb-case-study.txt", "id") == []
    assert _found('Pendahuluan #5 says it "turun 27,2 persen" in 2021', "en") == []
    # outside the quotation the line is still scanned
    assert ("other language", "dan") in _found('It says "turun" dan naik', "en")


def test_a_line_quoted_from_a_source_stays_in_the_source_language():
    source = "Percepatan penurunan stunting memerlukan implementasi yang sinergis\nantar sektor."
    line = "implementasi yang sinergis antar sektor."
    assert ("other language", "yang") in _found(line, "en")
    assert offences(line, "en", quoted=source) == []
    # a raw value in a quoted line is still reported
    assert offences("True", "en", quoted="True story") != []
