"""Every string of the interface, read from the gettext catalogues in ``drawing/locale/``.

Each language has one catalogue, ``drawing/locale/<lang>/LC_MESSAGES/jejaring.po``: the message
id is a stable key such as ``network.shown`` and the message string is the text shown, which may
hold ``{placeholders}`` that ``t(key, lang, **values)`` fills in. Bahasa Indonesia (``id``) is
the default and the fallback of every other language: a key a catalogue leaves untranslated
shows in Indonesian. ``docs/TRANSLATING.md`` tells translators how to edit a catalogue, add a
key or add a language; the sidebar switch itself is ``ui.state.language_switch()``.

The catalogues are read through Python's :mod:`gettext` from their compiled ``.mo`` files,
which ``make`` builds (``make locale``). When a ``.mo`` is missing or older than its ``.po``
(a fresh clone run with ``python`` directly, or a catalogue edited since the last build), it
is compiled here, in process, from the ``.po`` with Babel and written beside it, so the app
never shows stale or missing text; where that folder cannot be written, the compiled
catalogue is used from memory. Each language is read once per process and kept: an edit to a
catalogue shows after the app restarts.

The glossary explains the acronyms that Indonesian programme documents use, because many
users (and every English reader) meet them for the first time in this app.
"""

from __future__ import annotations

import gettext
import io
import os
import threading
from pathlib import Path
from typing import Any

DOMAIN = "jejaring"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DEFAULT_LANG = "id"
SECOND_LANG = "en"

# Acronym -> what it stands for. These expansions are proper names and stay in Indonesian in
# every language; what each one is, ``glossary.<acronym>``, is translated in the catalogues.
ACRONYMS: dict[str, str] = {
    "TPPS": "Tim Percepatan Penurunan Stunting",
    "TPK": "Tim Pendamping Keluarga",
    "PLKB": "Penyuluh Lapangan Keluarga Berencana",
    "KUA": "Kantor Urusan Agama",
    "Baznas": "Badan Amil Zakat Nasional",
    "Kodim": "Komando Distrik Militer",
    "Pokja": "Kelompok Kerja",
    "Posyandu": "Pos Pelayanan Terpadu",
    "Dashat": "Dapur Sehat Atasi Stunting",
    "PUS": "Pasangan Usia Subur",
    "KRS": "Keluarga Risiko Stunting",
    "e-PPGBM": "Elektronik Pencatatan dan Pelaporan Gizi Berbasis Masyarakat",
    "SSGI": "Studi Status Gizi Indonesia",
    "BPD": "Badan Permusyawaratan Desa",
    "DP3A": "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
    "KKP": "Kementerian Kelautan dan Perikanan",
    "BKKBN": "Badan Kependudukan dan Keluarga Berencana Nasional",
    "PHBS": "Perilaku Hidup Bersih dan Sehat",
    "UMKM": "Usaha Mikro, Kecil, dan Menengah",
}


class Catalogue(gettext.GNUTranslations):
    """A compiled catalogue that can also list the texts it translates."""

    def texts(self) -> dict[str, str]:
        """Key -> text of every message this catalogue translates (not its fallback's)."""
        return {
            key: text
            for key, text in self._catalog.items()
            if isinstance(key, str) and key and isinstance(text, str) and text
        }


def po_path(lang: str, locale_dir: Path) -> Path:
    """The ``.po`` source of ``lang``'s catalogue."""
    return locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def catalogue_languages(locale_dir: Path | None = None) -> list[str]:
    """The languages that have a catalogue: Indonesian, English, then the others by code."""
    locale_dir = locale_dir or LOCALE_DIR
    found = sorted(
        path.parent.parent.name for path in locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")
    )
    first = [lang for lang in (DEFAULT_LANG, SECOND_LANG) if lang in found]
    return first + [lang for lang in found if lang not in first]


def compile_po(po: Path) -> bytes:
    """The ``.mo`` bytes of the catalogue ``po``, as ``pybabel compile`` writes them.

    Fuzzy and empty messages are left out, so they fall back to Indonesian.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as source:
        catalog = read_po(source, domain=DOMAIN, abort_invalid=True)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    return compiled.getvalue()


def ensure_compiled(po: Path) -> bytes | None:
    """Make the ``.mo`` beside ``po`` current, compiling it when missing or older than ``po``.

    Returns None when the ``.mo`` was already current, else the freshly compiled bytes (also
    written beside ``po`` when that folder can be written: a read-only install keeps them in
    memory only).
    """
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        return None
    compiled = compile_po(po)
    partial = mo.with_name(f".{mo.name}.{os.getpid()}.{threading.get_ident()}")
    try:
        partial.write_bytes(compiled)
        os.replace(partial, mo)  # readers never see half a file
    except OSError:
        partial.unlink(missing_ok=True)
    return compiled


def load_catalogue(lang: str, locale_dir: Path | None = None) -> Catalogue:
    """``lang``'s catalogue read through :func:`gettext.translation`, compiled first if needed.

    ``locale_dir`` defaults to :data:`LOCALE_DIR`. A catalogue compiled by this call is read
    from the bytes just made, since ``gettext.translation`` keeps the first copy it parsed of
    each ``.mo`` for the life of the process. Raises ``FileNotFoundError`` when ``lang`` has
    no catalogue.
    """
    locale_dir = locale_dir or LOCALE_DIR
    po = po_path(lang, locale_dir)
    if not po.exists():
        raise FileNotFoundError(f"no catalogue for language {lang!r}: {po}")
    compiled = ensure_compiled(po)
    if compiled is not None:
        return Catalogue(io.BytesIO(compiled))
    found = gettext.translation(
        DOMAIN, localedir=locale_dir, languages=[lang], class_=Catalogue, fallback=False
    )
    assert isinstance(found, Catalogue)
    return found


_LOCK = threading.RLock()
_CATALOGUES: dict[str, Catalogue] = {}
_TABLES: dict[str, dict[str, str]] = {}


def _table(lang: str) -> dict[str, str]:
    """Key -> text in ``lang`` (a code with a catalogue), Indonesian where ``lang`` has none.

    Each language is read once per process; later calls are one dictionary look-up.
    """
    table = _TABLES.get(lang)
    if table is not None:
        return table
    with _LOCK:
        if lang not in _TABLES:
            catalogue = load_catalogue(lang)
            table = catalogue.texts()
            if lang != DEFAULT_LANG:
                table = {**_table(DEFAULT_LANG), **table}
                catalogue.add_fallback(_CATALOGUES[DEFAULT_LANG])
            _CATALOGUES[lang] = catalogue
            _TABLES[lang] = table
    return _TABLES[lang]


def translations(lang: str | None) -> gettext.GNUTranslations:
    """The gettext object of ``lang`` (Indonesian behind it as the fallback), read once.

    For code that wants gettext's own calls; :func:`t` reads the same texts faster.
    """
    lang = normalise_lang(lang)
    _table(lang)
    return _CATALOGUES[lang]


def _language_name(lang: str) -> str:
    """How the language switch names ``lang``: its catalogue's ``lang.name``, in that language.

    A catalogue that does not translate it yet is named by Babel's locale data, or its code.
    """
    _table(lang)
    own = _CATALOGUES[lang].texts().get("lang.name")
    if own:
        return own
    try:
        from babel import Locale

        return Locale.parse(lang).get_display_name(lang) or lang
    except (ValueError, LookupError):
        return lang


LANGUAGES: dict[str, str] = {lang: _language_name(lang) for lang in catalogue_languages()}


def normalise_lang(lang: str | None) -> str:
    """``lang`` when it is a supported language, else the default (Bahasa Indonesia)."""
    return lang if lang in LANGUAGES else DEFAULT_LANG


def t(key: str, lang: str | None = DEFAULT_LANG, **values: Any) -> str:
    """The string ``key`` in ``lang`` with ``{placeholders}`` filled from ``values``.

    An unknown key returns the key itself, so a typo shows on screen instead of crashing
    a workshop; the unit tests make sure no page uses one.

    >>> t("nav.network", "en"), t("nav.network", "id")
    ('Network', 'Jejaring')
    >>> t("network.shown", "en", nodes=3, edges=2)
    '3 nodes and 2 relationships shown.'
    """
    table = _TABLES.get(lang) or _table(normalise_lang(lang))  # type: ignore[arg-type]
    text = table.get(key)
    if text is None:
        return key
    return text.format(**values) if values else text


def has_text(key: str) -> bool:
    """Whether the catalogues hold ``key`` (every key exists in Indonesian)."""
    return key in _table(DEFAULT_LANG)


def t_value(prefix: str, value: Any, lang: str | None = DEFAULT_LANG) -> str:
    """A translated code (``t("sector.health")``) or the code itself when it has no entry.

    >>> t_value("sector", "health", "en"), t_value("sector", "astronomy", "en")
    ('Health', 'astronomy')
    """
    if value is None or value == "":
        return ""
    # every language's table holds every Indonesian key, so one look-up answers both questions
    table = _TABLES.get(lang) or _table(normalise_lang(lang))  # type: ignore[arg-type]
    text = table.get(f"{prefix}.{value}")
    return str(value) if text is None else text


def glossary_rows(lang: str | None = DEFAULT_LANG) -> list[dict[str, str]]:
    """The glossary as table rows, acronyms in alphabetical order."""
    lang = normalise_lang(lang)
    rows = []
    for acronym in sorted(ACRONYMS, key=str.casefold):
        rows.append(
            {
                t("col.acronym", lang): acronym,
                t("col.expansion", lang): ACRONYMS[acronym],
                t("col.meaning", lang): t(f"glossary.{acronym}", lang),
            }
        )
    return rows


def t_recorded(value: Any, lang: str | None = DEFAULT_LANG) -> str:
    """A value the dataset records in English words ("not stated", "percent") in ``lang``.

    Looked up as ``recorded.<words joined by _>``; a value without an entry (a name, an
    instrument such as SSGI) is returned as it is, and a missing one as "".

    >>> t_recorded("not stated", "id"), t_recorded("SSGI", "id"), t_recorded(None, "en")
    ('tidak disebut', 'SSGI', '')
    """
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = str(value)
    translated = t_value("recorded", "_".join(text.lower().split()), lang)
    return text if translated == "_".join(text.lower().split()) else translated
