"""Every interface string exists in Bahasa Indonesia and English, and pages only use known keys."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from drawing.i18n import GLOSSARY, LANGUAGES, STRINGS, glossary_rows, normalise_lang, t, t_value
from drawing.view import NETWORK_LABELS, node_properties
from graph.schema import ACTOR_TYPES, LABELS, LEVELS, NODE_SPECS, REL_TYPES, SECTORS

ROOT = Path(__file__).resolve().parents[2]
REQUIRED_ACRONYMS = (
    "TPPS",
    "TPK",
    "PLKB",
    "KUA",
    "Baznas",
    "Kodim",
    "Pokja",
    "Posyandu",
    "Dashat",
    "PUS",
    "KRS",
    "e-PPGBM",
    "SSGI",
    "BPD",
    "DP3A",
    "KKP",
    "BKKBN",
    "PHBS",
    "UMKM",
)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_languages_are_indonesian_first_then_english():
    assert list(LANGUAGES) == ["id", "en"]


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_key_has_both_languages(key):
    entry = STRINGS[key]
    assert set(entry) == set(LANGUAGES), f"{key}: languages {sorted(entry)}"
    assert all(entry[lang].strip() for lang in LANGUAGES), f"{key}: empty text"


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_placeholders_match_between_languages(key):
    entry = STRINGS[key]
    assert _placeholders(entry["id"]) == _placeholders(entry["en"]), key


@pytest.mark.parametrize(
    ("prefix", "codes"),
    [
        ("label", LABELS),
        ("rel", REL_TYPES),
        ("actor_type", ACTOR_TYPES),
        ("sector", SECTORS),
        ("level", LEVELS),
    ],
)
def test_every_schema_code_has_a_translation(prefix, codes):
    missing = sorted(c for c in codes if f"{prefix}.{c}" not in STRINGS)
    assert not missing, f"{prefix}: no strings for {missing}"


def test_every_key_the_ui_uses_exists():
    """Literal keys in t("...") calls of the UI code, and the prefixes of composed keys."""
    used: set[str] = set()
    for path in [ROOT / "app.py", *sorted((ROOT / "ui").glob("*.py"))]:
        used |= set(
            re.findall(r"""\bt\(\s*["']([A-Za-z_.]+)["']""", path.read_text(encoding="utf-8"))
        )
    assert used, "no t() calls found: the scan is broken"
    missing = sorted(k for k in used if k not in STRINGS)
    assert not missing, f"keys used but not defined: {missing}"
    for prefix in ("count", "kind", "ikind", "direction", "col", "label", "rel"):
        assert any(k.startswith(prefix + ".") for k in STRINGS), prefix


@pytest.mark.parametrize("acronym", REQUIRED_ACRONYMS)
def test_glossary_explains_each_acronym_in_both_languages(acronym):
    entry = GLOSSARY[acronym]
    for lang in LANGUAGES:
        expansion, meaning = entry[lang]
        assert expansion.strip() and meaning.strip()
    assert entry["id"][1] != entry["en"][1], f"{acronym}: explanation not translated"


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_glossary_rows_have_translated_headers(lang):
    rows = glossary_rows(lang)
    assert len(rows) == len(GLOSSARY)
    assert list(rows[0]) == [
        t("col.acronym", lang),
        t("col.expansion", lang),
        t("col.meaning", lang),
    ]


def test_t_looks_up_formats_and_falls_back():
    assert t("nav.overview", "id") == "Ringkasan"
    assert t("nav.overview", "en") == "Overview"
    assert t("nav.overview", "fr") == "Ringkasan"  # unsupported language: Indonesian
    assert t("network.shown", "id", nodes=2, edges=1) == "2 simpul dan 1 relasi ditampilkan."
    assert t("no.such.key", "en") == "no.such.key"
    assert normalise_lang(None) == "id"


def test_t_value_translates_codes_and_keeps_unknown_ones():
    assert t_value("level", "desa", "id") == "Desa"
    assert t_value("actor_type", "military", "en") == "Military"
    assert t_value("sector", "astronomy", "en") == "astronomy"
    assert t_value("sector", None, "en") == ""


def test_every_property_the_network_page_shows_has_a_name_in_both_languages():
    for label in NETWORK_LABELS:
        shown = node_properties(dict.fromkeys(NODE_SPECS[label], "x"))["property"]
        missing = sorted(p for p in shown if f"prop.{p}" not in STRINGS)
        assert not missing, f"{label}: no display name for {missing}"
