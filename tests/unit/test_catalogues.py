"""The app reads the catalogues' texts through gettext, compiles a missing or stale catalogue
itself, lets a new language fall back to Indonesian, and tools/catalogues.py keeps the files
in the shape Babel writes them."""

from __future__ import annotations

import gettext
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

import drawing.i18n as i18n
from drawing.i18n import (
    DOMAIN,
    LOCALE_DIR,
    Catalogue,
    catalogue_languages,
    compile_po,
    load_catalogue,
    po_path,
    t,
    translations,
)
from tools import catalogues

LANGS = ("id", "en")


def _read(path: Path) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, domain=DOMAIN)


def _write(path: Path, catalog: Catalog) -> None:
    out = io.BytesIO()
    write_po(out, catalog)
    path.write_bytes(out.getvalue())


def _texts(lang: str) -> dict[str, str]:
    return {m.id: m.string for m in _read(po_path(lang, LOCALE_DIR)) if m.id}


@pytest.fixture
def locale_copy(tmp_path: Path) -> Path:
    """A copy of the catalogues (without compiled files) that a test may change."""
    target = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, target, ignore=shutil.ignore_patterns("*.mo"))
    return target


def _older(path: Path, than: Path) -> None:
    stamp = than.stat().st_mtime - 10
    os.utime(path, (stamp, stamp))


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogue_holds_every_text_of_its_po(lang):
    compiled = Catalogue(io.BytesIO(compile_po(po_path(lang, LOCALE_DIR))))
    assert compiled.texts() == _texts(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_t_shows_every_text_of_the_catalogue(lang):
    texts = _texts(lang)
    assert len(texts) > 600
    wrong = sorted(key for key, text in texts.items() if t(key, lang) != text)
    assert not wrong, f"{lang}: t() differs from the catalogue for {wrong[:10]}"


def test_translations_are_gettext_objects_with_indonesian_behind():
    english = translations("en")
    assert isinstance(english, gettext.GNUTranslations)
    assert english.gettext("nav.network") == "Network"
    assert translations("id").gettext("nav.network") == "Jejaring"
    assert translations("fr") is translations("id")
    assert english.gettext("no.such.key") == "no.such.key"


def test_a_language_without_catalogue_is_refused(locale_copy):
    with pytest.raises(FileNotFoundError):
        load_catalogue("xx", locale_copy)


def test_a_missing_mo_is_compiled_beside_its_po(locale_copy):
    mo = po_path("en", locale_copy).with_suffix(".mo")
    assert not mo.exists()
    assert load_catalogue("en", locale_copy).gettext("nav.network") == "Network"
    assert mo.exists() and mo.stat().st_size > 1000
    again = load_catalogue("en", locale_copy)  # now current: read through gettext.translation
    assert again.gettext("nav.network") == "Network"
    assert [p.name for p in mo.parent.iterdir() if p.name.startswith(".")] == []


def test_an_mo_older_than_its_po_is_compiled_again(locale_copy):
    po = po_path("en", locale_copy)
    load_catalogue("en", locale_copy)
    catalog = _read(po)
    catalog["nav.network"].string = "Network of actors"
    _write(po, catalog)
    _older(po.with_suffix(".mo"), than=po)
    assert load_catalogue("en", locale_copy).gettext("nav.network") == "Network of actors"
    assert po.with_suffix(".mo").stat().st_mtime >= po.stat().st_mtime


def test_an_unwritable_locale_folder_still_gives_the_texts(locale_copy, monkeypatch):
    def refuse(src: str, dst: str) -> None:
        raise PermissionError(dst)

    monkeypatch.setattr(i18n.os, "replace", refuse)
    assert load_catalogue("en", locale_copy).gettext("nav.network") == "Network"
    folder = po_path("en", locale_copy).parent
    assert sorted(p.name for p in folder.iterdir()) == [f"{DOMAIN}.po"]


def _pybabel(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", *args],
        check=True,
        capture_output=True,
    )


def test_a_new_language_made_with_pybabel_init_falls_back_to_indonesian(locale_copy, monkeypatch):
    template = str(locale_copy / f"{DOMAIN}.pot")
    _pybabel("init", "-i", template, "-d", str(locale_copy), "-D", DOMAIN, "-l", "su")
    po = po_path("su", locale_copy)
    catalog = _read(po)
    catalog["nav.network"].string = "Jaringan"
    catalog["nav.overview"].string = "Ringkesan"
    catalog["nav.overview"].flags.add("fuzzy")  # not checked yet: not shown
    _write(po, catalog)
    assert catalogue_languages(locale_copy) == ["id", "en", "su"]
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale_copy)
    monkeypatch.setattr(i18n, "_TABLES", {})
    monkeypatch.setattr(i18n, "_CATALOGUES", {})
    monkeypatch.setitem(i18n.LANGUAGES, "su", i18n._language_name("su"))
    assert i18n.LANGUAGES["su"] not in ("", "su", "Bahasa Indonesia")  # Babel names it
    assert t("nav.network", "su") == "Jaringan"
    assert t("nav.overview", "su") == t("nav.overview", "id") == "Ringkasan"
    assert t("network.shown", "su", nodes=1, edges=2) == t("network.shown", "id", nodes=1, edges=2)
    assert translations("su").gettext("nav.centrality") == t("nav.centrality", "id")


def test_pybabel_update_leaves_the_catalogues_as_they_are(locale_copy):
    before = {p: p.read_bytes() for p in locale_copy.rglob("*.po")}
    template = str(locale_copy / f"{DOMAIN}.pot")
    _pybabel("update", "-N", "-i", template, "-d", str(locale_copy), "-D", DOMAIN)
    assert {p: p.read_bytes() for p in locale_copy.rglob("*.po")} == before


def test_the_template_is_made_from_the_indonesian_catalogue():
    source = catalogues.read(po_path("id", LOCALE_DIR))
    out = io.BytesIO()
    write_po(out, catalogues.template_of(source))
    assert out.getvalue() == (LOCALE_DIR / f"{DOMAIN}.pot").read_bytes()


def test_adding_a_key_puts_it_in_every_catalogue_beside_its_kin(locale_copy):
    template = str(locale_copy / f"{DOMAIN}.pot")
    _pybabel("init", "-i", template, "-d", str(locale_copy), "-D", DOMAIN, "-l", "jv")
    catalogues.main(
        [
            "--locale-dir",
            str(locale_copy),
            "add",
            "network.shown_capped",
            "--id",
            "{shown} dari {total} simpul",
            "--en",
            "{shown} of {total} nodes",
        ]
    )
    for lang, text in (("id", "{shown} dari {total} simpul"), ("en", "{shown} of {total} nodes")):
        catalog = _read(po_path(lang, locale_copy))
        keys = [m.id for m in catalog if m.id]
        assert catalog["network.shown_capped"].string == text
        assert keys.index("network.shown_capped") > keys.index("network.shown")
        assert keys[keys.index("network.shown_capped") - 1].startswith("network.")
        comments = catalog["network.shown_capped"].auto_comments
        assert any("{shown} and {total}" in c for c in comments)
    for untranslated in (locale_copy / f"{DOMAIN}.pot", po_path("jv", locale_copy)):
        assert _read(untranslated)["network.shown_capped"].string == ""
    with pytest.raises(SystemExit):
        catalogues.add("network.shown_capped", {"id": "x", "en": "y"}, None, locale_copy)
