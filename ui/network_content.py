"""Page "Jejaring" / "Network": who works with whom on which programme and intervention.

The drawing is self-contained HTML (vis-network inlined, no CDN) so it works offline. Node
positions are computed once, seeded, for every node the page can show, and reused: filters
hide nodes and lines without moving the rest, and the same address always gives the same
picture. The filters, the focus and the path live in the address (``st.query_params``), so a
link reopens the same view; ``?present=1`` shows the drawing alone, large, for a workshop.

A click in the drawing selects a node there (vis-network runs in an iframe that cannot talk
back to Streamlit without a custom component), so details open from the picker below it.

The page script ``ui/network.py`` imports this module and calls :func:`render`, so the cached
functions here are defined once per process instead of on every rerun.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import networkx as nx
import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

from drawing.elements import capped_view, metric_scores, path_pairs, view_parts, view_projection
from drawing.html import PHYSICS_MAX, render_network_html, view_page
from drawing.i18n import t, t_value
from drawing.labels import labelled_legend, markdown_text, titled
from drawing.layout import view_positions
from drawing.view import (
    COLOUR_BY,
    DEFAULT_LABELS,
    NETWORK_LABELS,
    NETWORK_REL_TYPES,
    SIZE_METRICS,
    ViewFilters,
    network_universe,
)
from graph.schema import ACTOR_TYPES, LEVELS, SECTORS
from queries.centrality import metric_help
from queries.collaboration import reason_label
from queries.details import evidence_passages, node_properties, relationships_of
from queries.overview import display_name
from queries.scope import search_nodes, year_range
from queries.views import MAX_DEPTH, shortest_paths
from ui.state import current_lang, graph_snapshot, node_cap, sources_dir, store_or_stop

CANVAS_HEIGHT = 650
PRESENT_HEIGHT = 860  # presentation mode: the drawing fills a projector screen
SEARCH_LIMIT = 50  # actors offered for one search on a graph above the node cap
LAYOUTS = ("spring", "level")
# Coded property values shown in words (property -> i18n prefix of its codes).
_TRANSLATED_VALUES = {"actor_type": "actor_type", "sector": "sector", "level": "level"}
# Address parameter -> widget key. Lists are comma-separated; years are "2019-2023".
QUERY_KEYS = {
    "labels": "network_labels",
    "rels": "network_rel_types",
    "levels": "network_levels",
    "types": "network_types",
    "sectors": "network_sectors",
    "programme": "network_programme",
    "years": "network_years",
    "focus": "network_focus",
    "depth": "network_depth",
    "from": "network_path_from",
    "to": "network_path_to",
    "colour": "network_colour",
    "size": "network_size",
    "layout": "network_layout",
    "physics": "network_physics",
    "node": "network_node",
}
_LISTS = {"labels", "rels", "levels", "types", "sectors"}


# -- cached computations (keyed by the graph's signature and the parameters only) -------------
# The graph itself is read once per store (ui.state.graph_snapshot); what is derived from it
# is cached here by the signature and the view's parameters, so a rerun with a known view
# only draws the widgets and sends the cached page.
@st.cache_resource(show_spinner=False, max_entries=4)
def _universe(signature: str, _full: nx.MultiDiGraph) -> nx.MultiDiGraph:
    # shared by every session (cache_resource, no copy): frozen so nothing can change it
    return nx.freeze(network_universe(_full))


@st.cache_data(show_spinner=False, max_entries=16)
def _choices(signature: str, lang: str, _universe: nx.MultiDiGraph) -> dict[str, Any]:
    """What the controls offer: filter values present, names in ``lang``, the years."""
    return {
        "present": _present(_universe),
        "actors": _names(_universe, lang, "Actor"),
        "programmes": _names(_universe, lang, "Program"),
        "years": year_range(_universe),
        "nodes": list(_universe.nodes),
    }


@st.cache_data(show_spinner=False, max_entries=16)
def _positions(signature: str, layout: str, _graph: nx.MultiDiGraph) -> dict:
    # One seeded layout of every node the page can show: label, level, programme and date
    # filters then hide nodes without moving the others.
    return view_positions(_graph, layout)


@st.cache_resource(show_spinner=False, max_entries=16)
def _projection(signature: str, years: tuple[int, int] | None, _graph: nx.MultiDiGraph) -> nx.Graph:
    return nx.freeze(view_projection(_graph, ViewFilters(years=years)))


@st.cache_data(show_spinner=False, max_entries=32)
def _metric(
    signature: str, years: tuple[int, int] | None, metric: str, _projection: nx.Graph
) -> dict[str, float]:
    return metric_scores(_projection, metric)


# -- address (deep links) ---------------------------------------------------------------------
def _parse(param: str, raw: str, options: Sequence[Any]) -> Any:
    """The widget value an address parameter names, or None when it names nothing offered."""
    if param in _LISTS:
        values = [v for v in raw.split(",") if v in options]
        return values or None
    if param == "years":
        try:
            first, last = (int(x) for x in raw.split("-", 1))
        except ValueError:
            return None
        low, high = options
        first, last = max(low, min(first, high)), min(high, max(last, low))
        return (first, last) if first <= last else None
    if param == "depth":
        return int(raw) if raw.isdigit() and 1 <= int(raw) <= MAX_DEPTH else None
    if param == "physics":
        return raw == "1"
    return raw if raw in options else None


def _seed_from_address(options: dict[str, Sequence[Any]]) -> None:
    """Put the address's values into widgets that have none yet (a freshly opened link)."""
    for param, key in QUERY_KEYS.items():
        raw = st.query_params.get(param)
        if raw is None or key in st.session_state or param not in options:
            continue
        value = _parse(param, raw, options[param])
        if value is not None:
            st.session_state[key] = value


def _write_address(values: dict[str, Any], defaults: dict[str, Any]) -> None:
    """Write the view's values that differ from the defaults into the address."""
    for param in QUERY_KEYS:
        value = values.get(param)
        if value is None or value == defaults.get(param) or value == []:
            text = None
        elif param in _LISTS:
            text = ",".join(value)
        elif param == "years":
            text = f"{value[0]}-{value[1]}"
        elif param == "physics":
            text = "1" if value else None
        else:
            text = str(value)
        if text is None:
            if param in st.query_params:
                del st.query_params[param]
        elif st.query_params.get(param) != text:
            st.query_params[param] = text


# -- widgets (or, in presentation mode, their values without drawing them) --------------------
class _Controls:
    """Draws the sidebar controls, or only reads their values when ``hidden``."""

    def __init__(self, hidden: bool) -> None:
        self.hidden = hidden
        self.box = st.sidebar

    def _prepare(self, key: str, default: Any, valid: Callable[[Any], bool]) -> Any:
        # The value lives in session state (seeded from the address or the default), so no
        # widget is ever given both a default and a state value.
        if key not in st.session_state or not valid(st.session_state[key]):
            st.session_state[key] = default
        return st.session_state[key]

    def multiselect(self, label: str, options: list, default: list, key: str, fmt, **kw) -> list:
        current = self._prepare(key, default, lambda v: isinstance(v, list))
        st.session_state[key] = [v for v in current if v in options]
        if self.hidden:
            return st.session_state[key]
        return self.box.multiselect(label, options, format_func=fmt, key=key, **kw)

    def selectbox(self, label: str, options: list, key: str, fmt, **kw) -> Any:
        self._prepare(key, None, lambda v: v is None or v in options)
        if self.hidden:
            return st.session_state[key]
        return self.box.selectbox(label, options, format_func=fmt, key=key, **kw)

    def radio(self, label: str, options: Sequence[str], key: str, fmt, **kw) -> str:
        self._prepare(key, options[0], lambda v: v in options)
        if self.hidden:
            return st.session_state[key]
        return self.box.radio(label, options, format_func=fmt, key=key, **kw)

    def slider(self, label: str, low: int, high: int, key: str, default: Any, **kw) -> Any:
        self._prepare(key, default, lambda v: v is not None)
        if self.hidden:
            return st.session_state[key]
        return self.box.slider(label, min_value=low, max_value=high, key=key, **kw)

    def toggle(self, label: str, key: str, **kw) -> bool:
        self._prepare(key, False, lambda v: isinstance(v, bool))
        if self.hidden:
            return bool(st.session_state[key])
        return self.box.toggle(label, key=key, **kw)

    def subheader(self, text: str) -> None:
        if not self.hidden:
            self.box.subheader(text)

    def caption(self, text: str) -> None:
        if not self.hidden:
            self.box.caption(text)


def _present(universe: nx.MultiDiGraph) -> dict[str, list]:
    """What exists to filter on, in the schema's order."""
    actors = [d for _, d in universe.nodes(data=True) if d.get("label") == "Actor"]
    labels = {d.get("label") for _, d in universe.nodes(data=True)}
    rel_keys = {k for _, _, k in universe.edges(keys=True)}
    return {
        "labels": [lb for lb in NETWORK_LABELS if lb in labels],
        "rels": [r for r in NETWORK_REL_TYPES if r in rel_keys],
        "levels": [lv for lv in LEVELS if lv in {a.get("level") for a in actors}],
        "types": [at for at in ACTOR_TYPES if at in {a.get("actor_type") for a in actors}],
        "sectors": [sc for sc in SECTORS if sc in {a.get("sector") for a in actors}],
    }


def _names(graph: nx.MultiDiGraph, lang: str, label: str | None = None) -> dict[str, str]:
    """Node key -> name in ``lang``, sorted by name (the order of every picker)."""
    names = {
        key: display_name(data, lang)
        for key, data in graph.nodes(data=True)
        if label is None or data.get("label") == label
    }
    return dict(sorted(names.items(), key=lambda kv: (kv[1].casefold(), kv[0])))


def _controls(choices: dict[str, Any], lang: str, hidden: bool) -> tuple[dict, dict]:
    """Every control of the page; returns (values by address parameter, defaults)."""
    present = choices["present"]
    actors = choices["actors"]
    programmes = choices["programmes"]
    years = choices["years"]
    options: dict[str, Sequence[Any]] = {
        **present,
        "programme": list(programmes),
        "focus": list(actors),
        "from": list(actors),
        "to": list(actors),
        "depth": range(1, MAX_DEPTH + 1),
        "colour": COLOUR_BY,
        "size": ("none", *SIZE_METRICS),
        "layout": LAYOUTS,
        "physics": (True, False),
        "node": choices["nodes"],
    }
    if years:
        options["years"] = years
    _seed_from_address(options)
    defaults: dict[str, Any] = {
        "labels": [lb for lb in DEFAULT_LABELS if lb in present["labels"]],
        **{k: present[k] for k in ("rels", "levels", "types", "sectors")},
        "years": years,
        "depth": 1,
        "colour": "actor_type",
        "size": "none",
        "layout": "spring",
        "physics": False,
    }
    ui = _Controls(hidden)
    values: dict[str, Any] = {}
    ui.subheader(t("network.filters", lang))
    for param, text_key, prefix in (
        ("labels", "network.filter_labels", "label"),
        ("rels", "network.filter_rels", "rel"),
        ("levels", "network.filter_levels", "level"),
        ("types", "network.filter_types", "actor_type"),
        ("sectors", "network.filter_sectors", "sector"),
    ):
        values[param] = ui.multiselect(
            t(text_key, lang),
            present[param],
            defaults[param],
            QUERY_KEYS[param],
            lambda v, p=prefix: t_value(p, v, lang),
        )
    values["programme"] = ui.selectbox(
        t("network.filter_programme", lang),
        list(programmes),
        QUERY_KEYS["programme"],
        programmes.__getitem__,
        index=None,
        placeholder=t("network.all", lang),
        help=t("network.filter_programme_help", lang),
    )
    if years:
        values["years"] = tuple(
            ui.slider(
                t("network.filter_years", lang),
                years[0],
                years[1],
                QUERY_KEYS["years"],
                years,
                help=t("network.filter_years_help", lang),
            )
        )
    ui.subheader(t("network.focus_header", lang))
    values["focus"] = ui.selectbox(
        t("network.focus", lang),
        list(actors),
        QUERY_KEYS["focus"],
        actors.__getitem__,
        index=None,
        placeholder=t("network.picker_placeholder", lang),
        help=t("network.focus_help", lang),
    )
    values["depth"] = ui.slider(t("network.depth", lang), 1, MAX_DEPTH, QUERY_KEYS["depth"], 1)
    for param, text_key in (("from", "network.path_from"), ("to", "network.path_to")):
        values[param] = ui.selectbox(
            t(text_key, lang),
            list(actors),
            QUERY_KEYS[param],
            actors.__getitem__,
            index=None,
            placeholder=t("network.picker_placeholder", lang),
            help=t("network.path_help", lang),
        )
    ui.subheader(t("network.look_header", lang))
    values["colour"] = ui.radio(
        t("network.colour_by", lang),
        COLOUR_BY,
        QUERY_KEYS["colour"],
        lambda c: t(f"network.colour.{c}", lang),
        horizontal=True,
    )
    values["size"] = ui.selectbox(
        t("network.size_by", lang),
        ["none", *SIZE_METRICS],
        QUERY_KEYS["size"],
        lambda m: t("network.size.none", lang) if m == "none" else metric_help(m, lang)[0],
    )
    if st.session_state.get(QUERY_KEYS["size"]) is None:
        values["size"] = "none"
    values["layout"] = ui.radio(
        t("network.layout", lang),
        LAYOUTS,
        QUERY_KEYS["layout"],
        lambda lay: t(f"network.layout.{lay}", lang),
    )
    values["physics"] = ui.toggle(
        t("network.physics", lang),
        QUERY_KEYS["physics"],
        help=t("network.physics_help", lang, cap=PHYSICS_MAX),
    )
    ui.caption(t("network.deep_link", lang))
    values["node"] = st.session_state.get(QUERY_KEYS["node"])
    return values, defaults


# -- the drawing --------------------------------------------------------------------------------
def _page_html(
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    lang: str,
    *,
    colour_by: str,
    numbers: dict[str, dict[str, float]],
    height: int,
    physics: bool,
    selected: str | None,
) -> str:
    nodes, edges = titled(nodes, edges, lang, numbers)
    legend = labelled_legend(nodes, colour_by, lang)
    return render_network_html(
        nodes,
        edges,
        height=f"{height}px",
        legend=legend,
        legend_title=t("network.legend", lang),
        heading="",
        lang=lang,
        selected=selected,
        physics=physics,
        png_label=t("network.download_png", lang),
    )


def _path_table(path: list[dict], lang: str) -> pd.DataFrame:
    """One row per hop: from, to, and the reasons the two are linked."""
    suffix = "_en" if lang == "en" else ""
    rows = []
    for i, hop in enumerate(path, start=1):
        reasons = [
            reason_label(r.get("reason", ""), lang)
            + (f" ({r.get('via_name' + suffix) or r.get('via_name')})" if r.get("via") else "")
            for r in hop["reasons"]
        ]
        rows.append(
            {
                t("network.col_step", lang): i,
                t("network.col_from", lang): hop.get("from_name" + suffix) or hop["from"],
                t("network.col_to", lang): hop.get("to_name" + suffix) or hop["to"],
                t("network.col_reasons", lang): "; ".join(reasons),
            }
        )
    return pd.DataFrame(rows)


def _shortest_path(projection: nx.Graph, values: dict, lang: str) -> list[dict] | None:
    """The first shortest path between the two chosen actors, or None when not asked."""
    a, b = values.get("from"), values.get("to")
    if not a or not b or a not in projection or b not in projection:
        return None
    if a == b:
        st.info(t("network.path_same", lang))
        return None
    paths = shortest_paths(projection, a, b, max_paths=1)
    return paths[0] if paths else []


def _show_path(path: list[dict] | None, nodes: pd.DataFrame, lang: str) -> None:
    if path is None:
        return
    st.subheader(t("network.path_header", lang))
    if not path:
        st.info(t("network.path_none", lang))
        return
    st.caption(t("network.path_steps", lang, n=len(path)))
    on_path = {n for pair in path_pairs(path) for n in pair}
    if not on_path <= set(nodes["key"]):
        st.warning(t("network.path_hidden", lang))
    st.dataframe(_path_table(path, lang), hide_index=True, width="stretch", key="network_hops")


_md = markdown_text  # text safe to put in st.markdown (data shows as typed, never as markup)


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
            st.caption(t("network.unresolved", lang, problem=_md(row.problem)))


def _details(store, nodes: pd.DataFrame, lang: str) -> None:
    """The node picker and everything known about the picked node."""
    names = dict(zip(nodes["key"], nodes["name"], strict=False))
    kinds = dict(zip(nodes["key"], nodes["label"], strict=False))
    options = sorted(names, key=lambda k: (names[k].casefold(), k))
    if st.session_state.get("network_node") not in options:
        st.session_state["network_node"] = None  # hidden by a filter since it was picked
    key = st.selectbox(
        t("network.picker", lang),
        options,
        index=None,
        format_func=lambda k: f"{names[k]} ({t_value('label', kinds[k], lang)})",
        placeholder=t("network.picker_placeholder", lang),
        help=t("network.picker_help", lang),
        key="network_node",
    )
    if key is None:
        return
    label, _, node_id = key.partition(":")
    node = store.get_node(label, node_id)
    if node is None:
        return
    st.subheader(_md(display_name(node, lang)))
    description = node.get("description_en") if lang == "en" else None
    if description or node.get("description"):
        st.markdown(_md(description or node.get("description")))
    left, right = st.columns([2, 3])
    with left:
        _properties(node, lang)
    with right:
        _relationships(store, node, lang)
    _evidence(store, node, lang)


def _as_view(values: dict[str, Any], defaults: dict[str, Any], years) -> ViewFilters:
    """The view the widget values describe."""

    def narrowed(name: str) -> tuple[str, ...] | None:
        # Everything chosen means no filter: actors without the property stay visible.
        chosen = values[name]
        return None if set(chosen) >= set(defaults[name]) else tuple(chosen)

    return ViewFilters(
        labels=tuple(values["labels"]),
        rels=narrowed("rels"),
        levels=narrowed("levels"),
        types=narrowed("types"),
        sectors=narrowed("sectors"),
        programme=values["programme"],
        focus=values["focus"],
        depth=int(values["depth"]),
        years=years,
        colour=values["colour"],
        layout=values["layout"],
        path_from=values["from"],
        path_to=values["to"],
        size=values["size"],
        physics=bool(values["physics"]),
        node=values["node"],
    )


@st.cache_data(show_spinner=False, max_entries=32)
def _view(
    signature: str,
    lang: str,
    view: ViewFilters,
    height: int,
    _full: nx.MultiDiGraph,
    _universe: nx.MultiDiGraph,
) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """The nodes and relationships of one view and its drawing (the page's costly part).

    Keyed by the graph's signature and everything the view shows, so going back to a view,
    or opening it in another session, reuses the page built the first time.
    """
    projection = _projection(signature, view.years, _full)
    metric = None
    if view.size != "none":
        metric = _metric(signature, view.years, view.size, projection)
    parts = view_parts(
        _full,
        view,
        lang=lang,
        universe=_universe,
        positions=_positions(signature, view.layout, _universe),
        projection=projection,
        metric=metric,
    )
    if parts.nodes.empty:
        return parts.nodes, parts.edges, ""
    return parts.nodes, parts.edges, view_page(parts, view, lang, height=f"{height}px")


def render() -> None:
    """Draw the page in the language chosen in the sidebar."""
    lang = current_lang()
    presenting = st.query_params.get("present") == "1"
    st.title(t("network.title", lang))
    if not presenting:
        st.caption(t("network.intro", lang))
    store = store_or_stop(lang)
    snapshot = graph_snapshot(store)
    signature, full = snapshot.signature, snapshot.graph
    universe = _universe(signature, full)
    cap = node_cap()
    if universe.number_of_nodes() > cap:
        _render_large(store, signature, universe, lang, cap, presenting)
        return
    values, defaults = _controls(_choices(signature, lang, universe), lang, hidden=presenting)
    _write_address(values, defaults)
    years = values.get("years") if values.get("years") != defaults.get("years") else None
    path = None
    if values.get("from") and values.get("to"):
        path = _shortest_path(_projection(signature, years, full), values, lang)
    height = PRESENT_HEIGHT if presenting else CANVAS_HEIGHT
    view = _as_view(values, defaults, years)
    nodes, edges, page = _view(signature, lang, view, height, full, universe)
    _captions(nodes, edges, values, years, universe, lang)
    if nodes.empty:
        st.info(t("network.empty", lang))
        return
    if values["physics"] and len(nodes) > PHYSICS_MAX:
        st.caption(t("network.physics_capped", lang, cap=PHYSICS_MAX))
    components.html(page, height=height + 48)
    if presenting:
        _show_path(path, nodes, lang)
        return
    st.download_button(
        t("network.download_html", lang),
        data=page.encode("utf-8"),
        file_name="jejaring.html",
        mime="text/html",
        help=t("network.download_html_help", lang),
        key="network_download_html",
    )
    _show_path(path, nodes, lang)
    _details(store, nodes, lang)


@st.cache_data(show_spinner=False, max_entries=64)
def _search(signature: str, text: str, lang: str, _universe: nx.MultiDiGraph) -> dict[str, str]:
    """Actors whose name, id or alias holds ``text``: key -> name shown in ``lang``."""
    found = search_nodes(_universe, text, lang=lang, limit=SEARCH_LIMIT)
    return {key: display_name(_universe.nodes[key], lang) for key in found}


@st.cache_data(show_spinner=False, max_entries=32)
def _large_view(
    signature: str,
    focus: str,
    depth: int,
    cap: int,
    colour: str,
    lang: str,
    height: int,
    _universe: nx.MultiDiGraph,
) -> tuple[pd.DataFrame, pd.DataFrame, bool, str]:
    nodes, edges, cut = capped_view(
        _universe, focus, depth=depth, cap=cap, lang=lang, colour_by=colour
    )
    page = _page_html(
        nodes,
        edges,
        lang,
        colour_by=colour,
        numbers={},
        height=height,
        physics=False,  # positions computed here, as the page's default view has them
        selected=None,
    )
    return nodes, edges, cut, page


def _render_large(
    store, signature: str, universe: nx.MultiDiGraph, lang: str, cap: int, presenting: bool
) -> None:
    """A graph with more nodes than the browser is sent (``JEJARING_NODE_CAP``): no drawing
    of everything and no picker of every actor; the page says so, points to the drill-down
    by place, and draws one actor's neighbourhood found by name, at most ``cap`` nodes."""
    st.warning(t("network.too_large", lang, nodes=universe.number_of_nodes(), cap=cap))
    st.markdown(t("network.too_large_places", lang))
    wanted = st.query_params.get("focus")
    if wanted and wanted not in universe:
        wanted = f"Actor:{wanted}" if f"Actor:{wanted}" in universe else None
    text = st.text_input(
        t("network.search", lang),
        key="network_large_search",
        placeholder=t("network.search_placeholder", lang),
    )
    found = _search(signature, text, lang, universe) if text.strip() else {}
    if wanted:
        found = {wanted: display_name(universe.nodes[wanted], lang), **found}
    if text.strip() and not found:
        st.info(t("network.search_none", lang, text=_md(text.strip())))
    focus = st.selectbox(
        t("network.focus", lang),
        list(found),
        index=0 if wanted else None,
        format_func=found.__getitem__,
        placeholder=t("network.picker_placeholder", lang),
        key="network_large_focus",
    )
    depth = st.slider(t("network.depth", lang), 1, MAX_DEPTH, 1, key="network_large_depth")
    if focus is None:
        return
    st.query_params["focus"] = focus.partition(":")[2] if focus.startswith("Actor:") else focus
    height = PRESENT_HEIGHT if presenting else CANVAS_HEIGHT
    nodes, edges, cut, page = _large_view(
        signature, focus, depth, cap, "actor_type", lang, height, universe
    )
    st.caption(t("network.shown", lang, nodes=len(nodes), edges=len(edges)))
    if cut:
        st.caption(t("network.ego_cut", lang, cap=cap))
    components.html(page, height=height + 48)
    if not presenting:
        _details(store, nodes, lang)


def _captions(nodes, edges, values: dict, years, universe, lang: str) -> None:
    st.caption(t("network.shown", lang, nodes=len(nodes), edges=len(edges)))
    if values.get("focus") and values["focus"] in universe:
        name = display_name(universe.nodes[values["focus"]], lang)
        st.caption(t("network.focus_shown", lang, name=_md(name), depth=values["depth"]))
    if years:
        st.caption(t("network.undated_kept", lang, first=years[0], last=years[1]))
