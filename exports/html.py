"""One self-contained HTML file of a network view, the same drawing the network page shows.

The renderer is the page's (:func:`drawing.html.render_network_html`: vis-network inlined,
no address outside the file, every text escaped); the tooltips and legend are labelled by
:mod:`drawing.labels`, as on the page. Nothing here imports Streamlit.
"""

from __future__ import annotations

import networkx as nx

from drawing.html import render_network_html
from drawing.i18n import normalise_lang, t
from drawing.labels import labelled_legend, titled
from drawing.view import ViewFilters, view_elements
from queries.collaboration import collaboration_projection

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
    nodes, edges = view_elements(graph, filters, lang=lang)
    window = (str(filters.years[0]), str(filters.years[1])) if filters.years else None
    projection = collaboration_projection(graph, date_window=window)
    numbers = {
        t("network.tip_partners", lang): dict(projection.degree()),
        t("network.tip_strength", lang): dict(projection.degree(weight="weight")),
    }
    nodes, edges = titled(nodes, edges, lang, numbers)
    return render_network_html(
        nodes,
        edges,
        height=height,
        legend=labelled_legend(nodes, filters.colour, lang),
        legend_title=t("network.legend", lang),
        heading=t("poster.title", lang) if heading is None else heading,
        lang=lang,
        png_label=t("network.download_png", lang),
    )
