"""Page "Jejaring" / "Network": who works with whom on which programme and intervention.

The drawing is self-contained HTML (vis-network inlined, no CDN) so it works offline. Node
positions come from a seeded layout of the kinds of node chosen, with all their
relationships, computed before the relationship and level filters: the same choices always
give the same picture, and those filters hide nodes and lines without moving the rest.
"""

from __future__ import annotations

import html

import networkx as nx
import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

from graph.schema import LEVELS
from queries.network_view import (
    DEFAULT_LABELS,
    NETWORK_LABELS,
    NETWORK_REL_TYPES,
    evidence_passages,
    layout_positions,
    legend_items,
    network_elements,
    network_universe,
    node_properties,
    relationships_of,
)
from queries.overview import display_name
from ui.i18n import t, t_value
from ui.network_html import render_network_html
from ui.state import current_lang, sources_dir, store_or_stop

CANVAS_HEIGHT = 650
# Coded property values shown in words (property -> i18n prefix of its codes).
_TRANSLATED_VALUES = {"actor_type": "actor_type", "sector": "sector", "level": "level"}


@st.cache_data(show_spinner=False, max_entries=16)
def _positions(node_keys: tuple[str, ...], pairs: tuple[tuple[str, str], ...]) -> dict:
    # Keyed on the graph's shape only, so reruns (filters, language, picker) reuse the layout.
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(node_keys)
    graph.add_edges_from(pairs)
    return layout_positions(graph, seed=7)


def _layout(universe: nx.MultiDiGraph) -> dict:
    return _positions(
        tuple(sorted(universe.nodes)), tuple(sorted((u, v) for u, v in universe.edges()))
    )


def _filters(universe, lang: str) -> tuple[list[str], list[str], list[str]]:
    """Label, relationship-type and actor-level multiselects, offering only what exists."""
    labels_present = [
        lb for lb in NETWORK_LABELS if any(d == lb for _, d in universe.nodes(data="label"))
    ]
    rel_keys = {k for _, _, k in universe.edges(keys=True)}
    rels_present = [r for r in NETWORK_REL_TYPES if r in rel_keys]
    actor_levels = {
        d.get("level") for _, d in universe.nodes(data=True) if d.get("label") == "Actor"
    }
    levels_present = [lv for lv in LEVELS if lv in actor_levels]  # national down to dusun
    # In the sidebar, so the drawing keeps the full width of the page.
    sidebar = st.sidebar
    sidebar.subheader(t("network.filters", lang))
    labels = sidebar.multiselect(
        t("network.filter_labels", lang),
        labels_present,
        default=[lb for lb in DEFAULT_LABELS if lb in labels_present],
        format_func=lambda lb: t_value("label", lb, lang),
        key="network_labels",
    )
    rel_types = sidebar.multiselect(
        t("network.filter_rels", lang),
        rels_present,
        default=rels_present,
        format_func=lambda r: t_value("rel", r, lang),
        key="network_rel_types",
    )
    levels = sidebar.multiselect(
        t("network.filter_levels", lang),
        levels_present,
        default=levels_present,
        format_func=lambda lv: t_value("level", lv, lang),
        key="network_levels",
    )
    return labels, rel_types, levels


def _tooltip(row: pd.Series, lang: str) -> str:
    """Plain-text tooltip, one fact per line; the renderer escapes it."""
    lines = [str(row["name"]), f"{t('field.kind', lang)}: {t_value('label', row['label'], lang)}"]
    if row["label"] == "Actor":
        lines += [
            f"{t('field.actor_type', lang)}: {t_value('actor_type', row['actor_type'], lang)}",
            f"{t('field.sector', lang)}: {t_value('sector', row['sector'], lang)}",
            f"{t('field.level', lang)}: {t_value('level', row['level'], lang)}",
        ]
    return "\n".join(lines)


def _legend_text(item: dict[str, str], lang: str) -> str:
    if item["label"] == "Actor":
        return t_value("actor_type", item["category"], lang)
    return t_value("label", item["category"], lang)


def _drawing(nodes: pd.DataFrame, edges: pd.DataFrame, lang: str) -> None:
    nodes = nodes.assign(title=[_tooltip(r, lang) for _, r in nodes.iterrows()])
    edges = edges.assign(
        title=[
            f"{t_value('rel', r.rel_type, lang)}" + (f": {r.description}" if r.description else "")
            for r in edges.itertuples()
        ]
    )
    legend = [{**item, "text": _legend_text(item, lang)} for item in legend_items(nodes)]
    page = render_network_html(
        nodes,
        edges,
        height=f"{CANVAS_HEIGHT}px",
        legend=legend,
        legend_title=t("network.legend", lang),
        lang=lang,
        # The picker sits below the drawing; its value from the last run is already known.
        selected=st.session_state.get("network_node"),
    )
    components.html(page, height=CANVAS_HEIGHT + 12)


def _md(text: object) -> str:
    """Text safe to put in st.markdown: HTML-escaped and markdown specials backslashed."""
    escaped = html.escape(str(text))
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|~>$" else ch for ch in escaped)


def _properties(node: dict, lang: str) -> None:
    props = node_properties(node)
    props["value"] = [
        t_value(_TRANSLATED_VALUES[p], v, lang) if p in _TRANSLATED_VALUES else v
        for p, v in zip(props["property"], props["value"], strict=False)
    ]
    props["property"] = [t_value("prop", p, lang) for p in props["property"]]
    st.markdown(f"**{t('network.details_props', lang)}**")
    st.dataframe(
        props.rename(columns={"property": t("col.property", lang), "value": t("col.value", lang)}),
        hide_index=True,
        width="stretch",
    )


def _relationships(store, node: dict, lang: str) -> None:
    rels = relationships_of(store, node["label"], node["id"], lang=lang)
    st.markdown(f"**{t('network.details_rels', lang)}**")
    if rels.empty:
        st.caption(t("network.no_relationships", lang))
        return
    table = pd.DataFrame(
        {
            t("col.direction", lang): [t(f"direction.{d}", lang) for d in rels["direction"]],
            t("col.rel_type", lang): [t_value("rel", r, lang) for r in rels["rel_type"]],
            t("col.other", lang): rels["other_name"],
            t("col.other_label", lang): [t_value("label", lb, lang) for lb in rels["other_label"]],
            t("col.description", lang): rels["description"],
            t("col.evidence", lang): rels["evidence"],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")


def _evidence(store, node: dict, lang: str) -> None:
    st.markdown(f"**{t('network.details_evidence', lang)}**")
    locators = node.get("evidence") or []
    if not locators:
        st.caption(t("network.no_evidence", lang))
        return
    sources = {s["id"]: s for s in store.nodes("Source")}
    for row in evidence_passages(locators, sources, sources_dir()).itertuples():
        where = f"{row.source} · {row.section} · {t('network.paragraph', lang)} {row.paragraph}"
        st.markdown(f"**{_md(where)}**")
        if row.passage:
            st.markdown("> " + _md(row.passage).replace("\n", "  \n> "))
        else:
            st.caption(t("network.unresolved", lang, problem=row.problem))


def _details(store, nodes: pd.DataFrame, lang: str) -> None:
    """The node picker and everything known about the picked node."""
    names = dict(zip(nodes["key"], nodes["name"], strict=False))
    kinds = dict(zip(nodes["key"], nodes["label"], strict=False))
    options = sorted(names, key=lambda k: (names[k].casefold(), k))
    key = st.selectbox(
        t("network.picker", lang),
        options,
        index=None,
        format_func=lambda k: f"{names[k]} ({t_value('label', kinds[k], lang)})",
        placeholder=t("network.picker_placeholder", lang),
        key="network_node",
    )
    if key is None:
        return
    label, _, node_id = key.partition(":")
    node = store.get_node(label, node_id)
    if node is None:
        return
    st.subheader(display_name(node, lang))
    description = node.get("description_en") if lang == "en" else None
    if description or node.get("description"):
        st.markdown(_md(description or node.get("description")))
    left, right = st.columns([2, 3])
    with left:
        _properties(node, lang)
    with right:
        _relationships(store, node, lang)
    _evidence(store, node, lang)


def render() -> None:
    """Draw the page in the language chosen in the sidebar."""
    lang = current_lang()
    st.title(t("network.title", lang))
    st.caption(t("network.intro", lang))
    store = store_or_stop(lang)
    universe = network_universe(store.to_networkx())
    labels, rel_types, levels = _filters(universe, lang)
    # Lay out the kinds of node shown, with all their relationships: the relationship and
    # level filters then hide things without moving anything.
    shown_kinds = network_universe(universe, labels)
    nodes, edges = network_elements(
        shown_kinds,
        rel_types=rel_types,
        levels=levels,
        lang=lang,
        positions=_layout(shown_kinds),
    )
    st.caption(t("network.shown", lang, nodes=len(nodes), edges=len(edges)))
    if nodes.empty:
        st.info(t("network.empty", lang))
        return
    _drawing(nodes, edges, lang)
    _details(store, nodes, lang)


render()
