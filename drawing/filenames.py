"""File names that say what a download holds, in the page's language.

A view of the network becomes ``jejaring-fokus-kepala-desa-mongpok-2-langkah`` (Indonesian)
or ``jejaring-focus-village-head-of-mongpok-2-steps`` (English): the word for the network,
then what narrows the view (programme, focus and depth, years, path ends), each name
slugified (lower case ASCII letters and digits joined by hyphens). The whole graph is
``jejaring-semua-data`` / ``jejaring-whole-graph``; a table adds its own word
(``jejaring-sentralitas``). Names only, never paths: nothing from the data can climb out of
the download folder.
"""

from __future__ import annotations

import re
import unicodedata

import networkx as nx

from drawing.i18n import t
from drawing.view import ViewFilters
from queries.overview import display_name

__all__ = ["slug", "view_words", "view_stem", "file_name"]

PART_CHARS = 40  # the longest slug of one name in a file name
STEM_CHARS = 120  # the longest stem, before the extension


def slug(text: str, limit: int = PART_CHARS) -> str:
    """``text`` as lower-case ASCII words joined by hyphens, at most ``limit`` characters.

    >>> slug("Kepala Desa Mongpok"), slug("Posyandu  (ibu & anak)"), slug("Désa—Été")
    ('kepala-desa-mongpok', 'posyandu-ibu-anak', 'desa-ete')
    """
    spaced = re.sub(r"[\W_]+", " ", str(text))  # punctuation and dashes of any script
    ascii_text = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:limit].rstrip("-")


def _name(graph: nx.MultiDiGraph | None, key: str, lang: str) -> str:
    if graph is not None and key in graph:
        return display_name(graph.nodes[key], lang)
    return key.partition(":")[2] or key


def view_words(
    view: ViewFilters | None, lang: str, graph: nx.MultiDiGraph | None = None
) -> list[str]:
    """What narrows ``view`` in words of ``lang``, names as shown (None: the whole graph):
    programme, focus and depth, years, path ends, and "filtered" when kinds of node,
    relationships, levels, types or sectors are narrowed.

    >>> view_words(ViewFilters(focus="Actor:kepala_desa", depth=2, types=("cadre",)), "en")
    ['focus', 'kepala_desa', '2 steps', 'filtered']
    """
    if view is None:
        return [t("file.whole", lang)]
    parts = []
    if view.programme:
        parts.append(_name(graph, view.programme, lang))
    if view.focus:
        parts += [t("file.focus", lang), _name(graph, view.focus, lang)]
        parts.append(t("file.steps", lang, n=view.depth))
    if view.years:
        parts.append(f"{view.years[0]}-{view.years[1]}")
    if view.path_from and view.path_to:
        parts += [t("file.path", lang), _name(graph, view.path_from, lang)]
        parts.append(_name(graph, view.path_to, lang))
    narrowed = any(
        name in ("labels", "rels", "levels", "types", "sectors") for name, _ in view.describe()
    )
    return parts + ([t("file.filtered", lang)] if narrowed else [])


def view_stem(
    view: ViewFilters | None, lang: str, graph: nx.MultiDiGraph | None = None, *extra: str
) -> str:
    """The stem of a file holding ``view`` of ``graph`` (None: the whole graph), in ``lang``;
    ``extra`` words (a table's name, a paper size) are appended as given.

    >>> view_stem(ViewFilters(focus="Actor:kepala_desa", depth=2), "id")
    'jejaring-fokus-kepala-desa-2-langkah'
    >>> view_stem(None, "en", None, "A3")
    'jejaring-whole-graph-a3'
    """
    parts = ["jejaring", *view_words(view, lang, graph), *extra]
    stem = "-".join(filter(None, (slug(p) for p in parts)))
    return stem[:STEM_CHARS].rstrip("-")


def file_name(stem: str, ext: str) -> str:
    """``stem.ext``; ``ext`` without its dot."""
    return f"{stem}.{ext}"
