"""The language check: find in a page's visible text what a user of that language should not see.

:func:`offences` is a pure function over text: the browser walk (tests/e2e/test_language_browser.py)
feeds it the visible text of every page in both languages, and its unit tests
(tests/unit/test_language_check.py) feed it sample texts. It reports

- ``other language``: a word or phrase of the other interface language (short curated lists:
  function words, and Streamlit's own English widget texts in Indonesian mode);
- ``raw value``: ``None``, ``nan``, ``<NA>``, ``True``/``False`` and kin, as Python or pandas print
  them;
- ``raw id``: snake_case words such as ``kepala_desa_mongpok`` or ``mongpok_case_study``.

Names that are Indonesian by nature (Kampung KB, Posyandu, place names, a source's title) are
passed as ``allowed`` phrases and removed before the scan; acronyms are never words of either list.
Places where ids are the point (code blocks: a URL shown for copying, the Query page's Cypher)
and quoted evidence passages are left out by the caller, not here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Offence", "offences", "ENGLISH", "INDONESIAN", "NAMES"]

# English in Indonesian mode: function words, the words the app's unfinished texts used, and
# Streamlit's own widget texts (placeholders, the file uploader).
ENGLISH = (
    "Choose an option",
    "Choose options",
    "Drag and drop",
    "Browse files",
    "Upload",
    "Limit",
    "No results",
    "the",
    "of",
    "and",
    "with",
    "for",
    "from",
    "not",
    "this",
    "that",
    "stated",
    "cited",
    "study",
    "percent",
    "nodes",
    "lines",
    "drawn",
    "files",
    "here",
    "village",
    "villages",
    "district",
    "unknown",
)

# Indonesian in English mode: function words and the app's own Indonesian words.
INDONESIAN = (
    "dan",
    "yang",
    "dengan",
    "untuk",
    "tidak",
    "atau",
    "pada",
    "dari",
    "lewat",
    "simpul",
    "garis",
    "digambar",
    "belum",
    "persen",
)

# Names that are Indonesian (or acronyms) by nature in both languages: programme names, the
# words of administrative units and place names. Data names come from the data (``allowed``).
NAMES = (
    "Kampung KB",
    "Posyandu",
    "Desa",
    "Kabupaten",
    "Kecamatan",
    "Provinsi",
    "Kelurahan",
    "Dusun",
    "Bahasa Indonesia",
    "Bahasa / Language",
)

# What Python and pandas print for missing or boolean values.
_RAW = re.compile(r"(?<![\w<])(None|nan|NaN|NaT|<NA>|True|False|null)(?![\w>])")
# snake_case: lower-case words joined by underscores; not inside a path, a file name or a
# setting's name (those are upper case).
_SNAKE = re.compile(r"(?<![\w/.\-:=])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/.\-])")
_SPACES = re.compile(r"[^\S\n]+")
# Not words of either language: paths and file names, and words quoted from a source.
_PATH = re.compile(
    r"\S*/\S*|\S+\.(?:txt|csv|json|yaml|yml|xlsx|zip|html|pdf|png|svg|graphml|gexf)\b"
)
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')


@dataclass(frozen=True)
class Offence:
    """One thing a user of ``lang`` should not see: its kind, the text and its line."""

    kind: str
    text: str
    line: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.text!r} in {self.line[:160]!r}"


def _words_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """A case-insensitive pattern of whole words or phrases, longest first."""
    ordered = sorted(set(words), key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered)
    return re.compile(rf"(?<![\w'’])(?:{alternatives})(?![\w'’])", re.IGNORECASE)


_OTHER = {"id": _words_pattern(ENGLISH), "en": _words_pattern(INDONESIAN)}


def _without(line: str, allowed: list[str]) -> str:
    """``line`` with every allowed phrase, path, file name and quotation blanked out (phrases
    case-sensitive, longest first)."""
    for phrase in allowed:
        if phrase in line:
            line = line.replace(phrase, " ")
    return _QUOTED.sub(" ", _PATH.sub(" ", line))


def offences(text: str, lang: str, allowed: Iterable[str] = (), quoted: str = "") -> list[Offence]:
    """Every offence in ``text`` shown to a user of ``lang`` ("id" or "en"), line by line.

    ``allowed`` names proper names of the data (Indonesian by nature) that may stand in either
    language; :data:`NAMES` is always allowed. ``quoted`` is the text of the source documents:
    a line found word for word in it is a quotation (a cited paragraph, a figure as printed)
    and stays in the source's language; its raw values and ids are still reported.
    """
    phrases = sorted({*NAMES, *(a for a in allowed if a and a.strip())}, key=len, reverse=True)
    source = " ".join(quoted.split())
    found: list[Offence] = []
    for raw_line in text.splitlines():
        line = _SPACES.sub(" ", raw_line).strip()
        if not line:
            continue
        for match in _RAW.finditer(line):
            found.append(Offence("raw value", match.group(0), line))
        for match in _SNAKE.finditer(line):
            found.append(Offence("raw id", match.group(0), line))
        if len(line) > 3 and line in source:
            continue
        for match in _OTHER[lang].finditer(_without(line, phrases)):
            found.append(Offence("other language", match.group(0), line))
    return found
