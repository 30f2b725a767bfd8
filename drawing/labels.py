"""Words on a network drawing: tooltips, legend entries and line titles, in either language.

Streamlit-free, so the network page, the offline HTML export and the posters label a view
the same way. Tooltips are plain text, one fact per line; the renderers escape them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from drawing.i18n import t, t_value
from drawing.style import legend_items
from queries.centrality import metric_help

__all__ = [
    "node_tooltip",
    "legend_text",
    "edge_title",
    "labelled_legend",
    "titled",
    "tooltip_numbers",
    "markdown_text",
]

# Characters with a meaning in Markdown (links, images, emphasis, code, headings, tables,
# maths): each is written with a backslash, so data shows as typed and never as markup.
_MARKDOWN_SPECIALS = frozenset("\\`*_{}[]()#+-.!|~>$:@")
# Streamlit's Markdown also turns bare addresses (http://..., www...., a@b.c) into links after
# backslash escapes are resolved, so escapes cannot stop it: an invisible word joiner after
# "http"/"https"/"www" and after "@" breaks the pattern and leaves the text as it reads.
_AUTOLINK = re.compile(r"(?i)(?:https?(?=:)|www(?=\.)|@)")
_WORD_JOINER = "\u2060"


def markdown_text(text: object) -> str:
    r"""``text`` safe to put in Streamlit Markdown: HTML-escaped, Markdown specials backslashed.

    A name such as ``![x](http://elsewhere/x.png)`` or ``<img src=x onerror=...>`` then
    shows as those characters: no image is fetched, no link or tag is made, and a bare
    address gets an invisible word joiner so that it is not made a link either.

    >>> markdown_text("[klik](javascript:alert(1)) <b>")
    '\\[klik\\]\\(javascript\\:alert\\(1\\)\\) &lt;b&gt;'
    >>> markdown_text("http://x.org, www.x.org, a@x.org")
    'http\u2060\\://x\\.org, www\u2060\\.x\\.org, a\\@\u2060x\\.org'
    """
    joined = _AUTOLINK.sub(lambda m: m.group() + _WORD_JOINER, str(text))
    escaped = html.escape(joined)
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in escaped)


def node_tooltip(
    row: Mapping[str, Any], lang: str, numbers: Mapping[str, Mapping[str, float]] | None = None
) -> str:
    """Plain-text tooltip of one node row of :func:`drawing.elements.network_elements`."""
    lines = [str(row["name"]), f"{t('field.kind', lang)}: {t_value('label', row['label'], lang)}"]
    if row["label"] == "Actor":
        lines += [
            f"{t('field.actor_type', lang)}: {t_value('actor_type', row['actor_type'], lang)}",
            f"{t('field.sector', lang)}: {t_value('sector', row['sector'], lang)}",
            f"{t('field.level', lang)}: {t_value('level', row['level'], lang)}",
        ]
        for name, values in (numbers or {}).items():
            value = values.get(row["key"])
            if value is not None and value == value:
                lines.append(f"{name}: {value:.3g}")
    return "\n".join(lines)


def legend_text(item: Mapping[str, str], colour_by: str, lang: str) -> str:
    """The words of one legend entry of :func:`drawing.style.legend_items`."""
    if item["label"] == "Actor":
        return t_value(colour_by, item["category"], lang)
    return t_value("label", item["category"], lang)


def edge_title(row: Any, lang: str) -> str:
    """The title of one relationship row: its type in words, then its description."""
    if row.rel_type == "PATH":
        return t("network.rel_path", lang)
    text = t_value("rel", row.rel_type, lang)
    return text + (f": {row.description}" if row.description else "")


def labelled_legend(nodes: pd.DataFrame, colour_by: str, lang: str) -> list[dict[str, str]]:
    """Legend entries built from the node table, each with its ``text`` in ``lang``."""
    return [{**item, "text": legend_text(item, colour_by, lang)} for item in legend_items(nodes)]


def titled(
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    lang: str,
    numbers: Mapping[str, Mapping[str, float]] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The node and relationship tables with their ``title`` (tooltip) column."""
    nodes = nodes.assign(title=[node_tooltip(r, lang, numbers) for _, r in nodes.iterrows()])
    edges = edges.assign(title=[edge_title(r, lang) for r in edges.itertuples()])
    return nodes, edges


def tooltip_numbers(
    projection: Any,
    lang: str,
    size: str = "none",
    metric: Mapping[str, float] | None = None,
) -> dict[str, Mapping[str, float]]:
    """The numbers an actor's tooltip shows, by their name in ``lang``: its partners and the
    strength of its collaboration in ``projection``, and the metric that sizes the nodes
    (``size``, with its ``metric`` values) when there is one."""
    numbers: dict[str, Mapping[str, float]] = {
        t("network.tip_partners", lang): dict(projection.degree()),
        t("network.tip_strength", lang): dict(projection.degree(weight="weight")),
    }
    if size != "none" and metric is not None:
        numbers[metric_help(size, lang)[0]] = metric
    return numbers
