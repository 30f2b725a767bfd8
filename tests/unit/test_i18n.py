"""Every interface string exists in Bahasa Indonesia and English, and the code only uses known keys.

The catalogues (drawing/locale/*/LC_MESSAGES/jejaring.po) are read here as translators' tools
read them, with Babel; test_catalogues.py checks that the app reads the same texts.
"""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from drawing.i18n import (
    ACRONYMS,
    DOMAIN,
    LANGUAGES,
    LOCALE_DIR,
    catalogue_languages,
    glossary_rows,
    has_text,
    normalise_lang,
    t,
    t_value,
)
from drawing.view import NETWORK_LABELS
from graph.schema import ACTOR_TYPES, LABELS, LEVELS, NODE_SPECS, REL_TYPES, SECTOR_NAMES, SECTORS
from queries.details import node_properties

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
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
# Where interface code calls t("literal.key", ...).
CODE = ["app.py", "cli.py", "ui", "drawing", "exports"]


def _read(path: Path) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, domain=DOMAIN)


def _po(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


CATALOGUES = {lang: _read(_po(lang)) for lang in catalogue_languages()}
KEYS = [m.id for m in _read(TEMPLATE) if m.id]


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _msgids(text: str) -> list[str]:
    """Every msgid of a .po text, as written (obsolete ``#~`` entries aside)."""
    ids: list[str] = []
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("msgid "):
            current = [line[len("msgid ") :]]
            ids.append("")
        elif current is not None and line.startswith('"'):
            current.append(line)
        else:
            if current is not None:
                ids[-1] = "".join(part.strip()[1:-1] for part in current)
            current = None
    if current is not None:
        ids[-1] = "".join(part.strip()[1:-1] for part in current)
    return [i for i in ids if i]


def test_languages_are_the_catalogues_indonesian_first_then_english():
    assert list(LANGUAGES)[:2] == ["id", "en"]
    assert list(LANGUAGES) == catalogue_languages()
    assert LANGUAGES["id"] == "Bahasa Indonesia" and LANGUAGES["en"] == "English"


def test_the_template_lists_every_key_of_both_languages_in_one_order():
    assert KEYS, "the template holds no key"
    for lang in ("id", "en"):
        assert [m.id for m in CATALOGUES[lang] if m.id] == KEYS, lang


def test_other_languages_hold_only_template_keys():
    for lang, catalog in CATALOGUES.items():
        stray = sorted(m.id for m in catalog if m.id and m.id not in KEYS)
        assert not stray, f"{lang}: keys not in the template: {stray}"


@pytest.mark.parametrize("key", KEYS)
def test_every_key_has_indonesian_and_english_text(key):
    for lang in ("id", "en"):
        message = CATALOGUES[lang].get(key)
        assert message is not None, f"{key}: missing in {lang}"
        assert isinstance(message.string, str) and message.string.strip(), f"{key}: empty in {lang}"
        assert not message.fuzzy, f"{key}: fuzzy in {lang}"


@pytest.mark.parametrize("key", KEYS)
def test_placeholders_match_between_languages(key):
    expected = _placeholders(CATALOGUES["id"][key].string)
    for lang, catalog in CATALOGUES.items():
        message = catalog.get(key)
        if message is not None and message.string:
            assert _placeholders(message.string) == expected, f"{key} in {lang}"


def test_no_catalogue_repeats_a_key():
    for path in [TEMPLATE, *LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")]:
        ids = _msgids(path.read_text(encoding="utf-8"))
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        assert not repeated, f"{path}: keys defined more than once: {repeated}"


def test_the_repeat_check_sees_a_repeated_key():
    text = 'msgid ""\nmsgstr ""\n\nmsgid "a.b"\nmsgstr "x"\n\nmsgid ""\n"a.b"\nmsgstr "y"\n'
    assert _msgids(text) == ["a.b", "a.b"]


def test_no_catalogue_is_marked_fuzzy_or_fails_babels_checks():
    for lang, catalog in CATALOGUES.items():
        assert not catalog.fuzzy, f"{lang}: the whole catalogue is marked fuzzy"
        problems = [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()]
        assert not problems, f"{lang}: {problems}"


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
    missing = sorted(c for c in codes if not has_text(f"{prefix}.{c}"))
    assert not missing, f"{prefix}: no strings for {missing}"


def test_sector_names_are_the_schemas():
    for code, (id_name, en_name) in SECTOR_NAMES.items():
        assert (t(f"sector.{code}", "id"), t(f"sector.{code}", "en")) == (id_name, en_name)


def _code_files() -> list[Path]:
    files: list[Path] = []
    for name in CODE:
        path = ROOT / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return files


def _literal_keys(source: str) -> set[str]:
    """The keys of ``t("key", ...)`` calls in ``source``, both keys of ``t("a" if c else "b")``."""
    keys: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t":
            first = node.args[0] if node.args else None
            options = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
            keys |= {
                o.value for o in options if isinstance(o, ast.Constant) and isinstance(o.value, str)
            }
    return keys


def test_every_key_the_code_uses_exists():
    """Literal keys of the t("...") calls in the interface code."""
    used: dict[str, str] = {}
    for path in _code_files():
        for key in _literal_keys(path.read_text(encoding="utf-8")):
            used.setdefault(key, str(path.relative_to(ROOT)))
    assert len(used) > 300, "few t() calls found: the scan is broken"
    missing = sorted(f"{k} ({where})" for k, where in used.items() if k not in KEYS)
    assert not missing, f"keys used but not in the catalogues: {missing}"
    for prefix in ("count", "kind", "ikind", "direction", "col", "label", "rel"):
        assert any(k.startswith(prefix + ".") for k in KEYS), prefix


def test_the_key_scan_sees_literal_and_conditional_keys():
    source = 'x = t("nav.network", lang) + t(f"rel.{r}", lang) + t(key) + t("a.b" if c else "c.d")'
    assert _literal_keys(source) == {"nav.network", "a.b", "c.d"}


@pytest.mark.parametrize("acronym", REQUIRED_ACRONYMS)
def test_glossary_explains_each_acronym_in_both_languages(acronym):
    assert ACRONYMS[acronym].strip()
    meaning = {lang: CATALOGUES[lang][f"glossary.{acronym}"].string for lang in ("id", "en")}
    assert all(text.strip() for text in meaning.values())
    assert meaning["id"] != meaning["en"], f"{acronym}: explanation not translated"


def test_every_glossary_key_names_an_acronym():
    keys = {k.removeprefix("glossary.") for k in KEYS if k.startswith("glossary.")}
    assert keys == set(ACRONYMS)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_glossary_rows_have_translated_headers(lang):
    rows = glossary_rows(lang)
    assert len(rows) == len(ACRONYMS)
    assert list(rows[0]) == [
        t("col.acronym", lang),
        t("col.expansion", lang),
        t("col.meaning", lang),
    ]
    tpps = next(row for row in rows if row[t("col.acronym", lang)] == "TPPS")
    assert tpps[t("col.expansion", lang)] == ACRONYMS["TPPS"]
    assert tpps[t("col.meaning", lang)] == t("glossary.TPPS", lang)


def test_t_looks_up_formats_and_falls_back():
    assert t("nav.overview", "id") == "Ringkasan"
    assert t("nav.overview", "en") == "Overview"
    assert t("nav.overview", "fr") == "Ringkasan"  # unsupported language: Indonesian
    assert t("nav.overview", None) == "Ringkasan"
    assert t("network.shown", "id", nodes=2, edges=1) == "2 simpul dan 1 relasi ditampilkan."
    assert t("no.such.key", "en") == "no.such.key"
    assert normalise_lang(None) == "id"
    assert normalise_lang("en") == "en"


def test_t_value_translates_codes_and_keeps_unknown_ones():
    assert t_value("level", "desa", "id") == "Desa"
    assert t_value("actor_type", "military", "en") == "Military"
    assert t_value("sector", "astronomy", "en") == "astronomy"
    assert t_value("sector", "astronomy", "fr") == "astronomy"
    assert t_value("sector", None, "en") == ""
    assert t_value("level", 3, "en") == "3"


def test_claim_columns_of_sources_and_pathways_have_their_own_names():
    for lang in ("id", "en"):
        assert t("col.claim", lang) != t("col.claim_kind", lang)


def test_every_property_the_network_page_shows_has_a_name_in_both_languages():
    for label in NETWORK_LABELS:
        shown = node_properties(dict.fromkeys(NODE_SPECS[label], "x"))["property"]
        missing = sorted(p for p in shown if not has_text(f"prop.{p}"))
        assert not missing, f"{label}: no display name for {missing}"
