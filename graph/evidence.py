"""Evidence locators: finding the passage of a source that supports a node or a link.

A locator is ``{source, section, paragraph, start?, end?, note?}``. ``source`` is the
id of a ``Source`` node whose ``file`` names a plain-text file in the sources folder
and whose ``sections`` list the section headings of that file, in order.

How a file is cut into sections and paragraphs (the rule every locator relies on):

* a section starts at a line whose text, stripped of surrounding white space, equals
  one of the source's headings; text before the first heading belongs to section "";
* inside a section, a paragraph is either one non-blank line, or a run of consecutive
  lines that begin with a tab (one row of a table as the file prints it);
* word-processor bookmarks such as ``[bookmark: _Hlk123]`` are removed first;
* paragraphs are numbered from 1 within their section; ``start``/``end`` are character
  offsets inside the paragraph's text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = [
    "SourceDocument",
    "LocatorProblem",
    "resolve_locator",
    "normalise_text",
    "mentions_any",
]

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")


def normalise_text(text: str) -> str:
    """Fold case, accents and white space so that mentions can be found reliably."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text).strip().casefold()


def mentions_any(text: str, terms: Iterable[str]) -> str | None:
    """Return the first of ``terms`` that occurs in ``text`` (normalised), or None."""
    haystack = normalise_text(text)
    for term in terms:
        if term and normalise_text(term) in haystack:
            return term
    return None


@dataclass(frozen=True)
class SourceDocument:
    """A source file cut into sections and numbered paragraphs."""

    path: Path
    sections: tuple[str, ...]
    paragraphs: Mapping[str, tuple[str, ...]]

    @classmethod
    def parse(cls, path: Path, headings: Sequence[str]) -> SourceDocument:
        """Read ``path`` and cut it at ``headings``; raise ValueError for a missing heading."""
        text = Path(path).read_text(encoding="utf-8")
        lines = [_BOOKMARK.sub("", line.rstrip("\r")) for line in text.split("\n")]
        wanted = {h.strip(): h for h in headings}
        found: dict[str, list[str]] = {"": []}
        current = ""
        for line in lines:
            key = line.strip()
            if key in wanted and key not in found:
                current = key
                found[current] = []
                continue
            found[current].append(line)
        missing = [h for h in wanted if h not in found]
        if missing:
            raise ValueError(f"{path}: section heading(s) not found: {', '.join(missing)}")
        paragraphs = {name: tuple(_split_paragraphs(body)) for name, body in found.items()}
        return cls(Path(path), tuple(wanted), paragraphs)

    def paragraph(self, section: str, number: int) -> str:
        """Return paragraph ``number`` (from 1) of ``section``; raise KeyError or IndexError."""
        paras = self.paragraphs[section.strip()]
        if number < 1 or number > len(paras):
            raise IndexError(f"section {section!r} has {len(paras)} paragraphs, not {number}")
        return paras[number - 1]


def _split_paragraphs(lines: Sequence[str]) -> Iterable[str]:
    block: list[str] = []
    for line in lines:
        if line.startswith("\t"):
            block.append(line.strip())
            continue
        if block:
            yield "\n".join(b for b in block if b)
            block = []
        if line.strip():
            yield line.strip()
    if block:
        yield "\n".join(b for b in block if b)


@lru_cache(maxsize=32)
def _load(path: str, headings: tuple[str, ...], mtime: float) -> SourceDocument:
    return SourceDocument.parse(Path(path), headings)


def load_document(path: Path, headings: Sequence[str]) -> SourceDocument:
    """Parse a source file, reusing the parse while the file is unchanged."""
    path = Path(path)
    return _load(str(path), tuple(headings), path.stat().st_mtime)


@dataclass(frozen=True)
class LocatorProblem(Exception):
    """Why a locator does not resolve."""

    message: str

    def __str__(self) -> str:
        return self.message


def resolve_locator(
    locator: Mapping[str, object],
    sources: Mapping[str, Mapping[str, object]],
    sources_dir: Path,
) -> str:
    """Return the passage a locator points at, or raise :class:`LocatorProblem`.

    ``sources`` maps Source ids to Source node properties (``file``, ``sections``).
    """
    source_id = str(locator.get("source", ""))
    source = sources.get(source_id)
    if source is None:
        raise LocatorProblem(f"unknown source {source_id!r}")
    file_name = source.get("file")
    if not file_name:
        raise LocatorProblem(f"source {source_id!r} has no file to resolve against")
    path = Path(sources_dir) / str(file_name)
    if not path.is_file():
        raise LocatorProblem(f"source file not found: {path}")
    try:
        doc = load_document(path, list(source.get("sections") or []))
    except ValueError as exc:
        raise LocatorProblem(str(exc)) from exc
    section = str(locator.get("section", ""))
    if section.strip() not in doc.paragraphs:
        raise LocatorProblem(f"{path.name}: no section {section!r}")
    try:
        text = doc.paragraph(section, int(locator.get("paragraph", 0)))  # type: ignore[arg-type]
    except IndexError as exc:
        raise LocatorProblem(f"{path.name}: {exc}") from exc
    start, end = locator.get("start"), locator.get("end")
    if start is not None or end is not None:
        s = int(start or 0)  # type: ignore[arg-type]
        e = int(end if end is not None else len(text))  # type: ignore[arg-type]
        if e > len(text):
            raise LocatorProblem(
                f"{path.name}: end {e} is past the paragraph's {len(text)} characters"
            )
        text = text[s:e]
    return text
