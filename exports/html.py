"""One self-contained HTML file of a network view, the same drawing the network page shows.

The view is computed by :func:`drawing.elements.view_parts` and rendered by
:func:`drawing.html.view_page` (vis-network inlined, no address outside the file, every
text escaped, tooltips and legend labelled as on the page). Nothing here imports Streamlit.
"""

from __future__ import annotations

import networkx as nx

from drawing.elements import view_parts
from drawing.html import view_page
from drawing.i18n import normalise_lang, t
from drawing.view import ViewFilters

__all__ = ["view_html"]


def view_html(
    graph: nx.MultiDiGraph,
    filters: ViewFilters = ViewFilters(),  # noqa: B008 - frozen, so a shared default is safe
    *,
    lang: str = "id",
    heading: str | None = None,
    height: str = "85vh",
) -> str:
    """The view ``filters`` describe as a complete HTML document that opens offline."""
    lang = normalise_lang(lang)
    parts = view_parts(graph, filters, lang=lang)
    heading = t("poster.title", lang) if heading is None else heading
    return view_page(parts, filters, lang, height=height, heading=heading)
