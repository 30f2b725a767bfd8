"""Page "Jejaring" / "Network": who works with whom on which programme and intervention.

The drawing is self-contained HTML (vis-network inlined, no CDN) so it works offline. Node
positions are computed once, seeded, for every node the page can show, and reused: filters
hide nodes and lines without moving the rest, and the same address always gives the same
picture. ``?present=1`` shows the drawing alone, large, for a workshop.

What the page shows is one :class:`drawing.view.ViewFilters`, the same description of a view
that ``python cli.py export --filter`` takes. A freshly opened link is read into it with
:meth:`ViewFilters.from_pairs` and :func:`drawing.view.fit_view` (a value the data does not
hold is left out, and the page says so in the words the command line uses to refuse it);
the widgets then hold it, it is written back to the address with :meth:`ViewFilters.to_pairs`,
and drawn by :func:`drawing.elements.view_parts` and :func:`drawing.html.view_page`, the
functions the HTML export calls.

A click in the drawing selects a node there (vis-network runs in an iframe that cannot talk
back to Streamlit without a custom component), so details open from the picker below it.

What the page derives from the graph is cached per version of the data (ui.cache), so a
rerun with a known view only draws the widgets and sends the cached page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import networkx as nx
import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

from drawing.elements import (
    ViewParts,
    capped_view,
    metric_scores,
    view_parts,
    view_path,
    view_projection,
)
from drawing.filenames import file_name, view_stem
from drawing.html import LABEL_PX, PHYSICS_MAX, PRESENT_LABEL_PX, view_page
from drawing.i18n import t, t_value
from drawing.labels import markdown_text
from drawing.layout import view_positions
from drawing.view import (
    COLOUR_BY,
    DEFAULT_LABELS,
    SIZE_METRICS,
    UNDATED,
    VIEW_LAYOUTS,
    VIEW_NAMES,
    DataChoices,
    ViewFilters,
    ViewProblem,
    data_choices,
    fit_view,
    network_universe,
    read_view,
)
from exports.formats import MIME, export_graph
from queries.centrality import metric_help
from queries.overview import display_name, picker_name
from queries.scope import search_nodes
from queries.views import MAX_DEPTH
from ui.cache import GraphVersion, cached
from ui.network_details import NODE_KEY, show_details, show_path
from ui.state import current_lang, graph_or_stop, node_cap, remember_network_view

CANVAS_HEIGHT = 650
PRESENT_HEIGHT = 400  # presentation mode: the drawing fits above the fold of a 1280x720 screen
POSTER_FORMATS = ("pdf", "png", "svg")
SEARCH_LIMIT = 50  # actors offered for one search on a graph above the node cap
# Address parameter (the text names of a view, drawing.view.VIEW_NAMES) -> widget key.
WIDGET_KEYS = {
    "labels": "network_labels",
    "rels": "network_rel_types",
    "levels": "network_levels",
    "types": "network_types",
    "sectors": "network_sectors",
    "programme": "network_programme",
    "focus": "network_focus",
    "depth": "network_depth",
    "years": "network_years",
    "undated": "network_undated",
    "colour": "network_colour",
    "layout": "network_layout",
    "from": "network_path_from",
    "to": "network_path_to",
    "size": "network_size",
    "physics": "network_physics",
    "node": NODE_KEY,
}
_LISTS = ("labels", "rels", "levels", "types", "sectors")
_md = markdown_text  # text safe to put in st.markdown (data shows as typed, never as markup)


# -- cached computations (per version of the data and the parameters) ------------------------
# The graph itself is read once per version (ui.cache); what is derived from it is cached
# here with the view, so a rerun with a known view only draws the widgets and sends the
# cached page.
@cached(shared=True, max_entries=4)
def _universe(data: GraphVersion) -> nx.MultiDiGraph:
    # shared by every session (no copy): frozen so nothing can change it
    return nx.freeze(network_universe(data.graph))


@cached(max_entries=16)
def _choices(data: GraphVersion, lang: str) -> dict[str, Any]:
    """What the controls offer: the values the data holds, and names in ``lang``."""
    universe = _universe(data)
    return {
        "data": data_choices(universe),
        "actors": _names(universe, lang, "Actor"),
        "programmes": _names(universe, lang, "Program"),
    }


@cached(max_entries=16)
def _positions(data: GraphVersion, layout: str) -> dict:
    # One seeded layout of every node the page can show: label, level, programme and date
    # filters then hide nodes without moving the others.
    return view_positions(_universe(data), layout)


@cached(shared=True, max_entries=16)
def _projection(data: GraphVersion, years: tuple[int, int] | None) -> nx.Graph:
    return nx.freeze(view_projection(data.graph, ViewFilters(years=years)))


@cached(max_entries=32)
def _metric(data: GraphVersion, years: tuple[int, int] | None, metric: str) -> dict[str, float]:
    return metric_scores(_projection(data, years), metric)


@cached(max_entries=32)
def _view(
    data: GraphVersion, lang: str, view: ViewFilters, height: int
) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """The nodes and relationships of one view and its drawing (the page's costly part):
    :func:`drawing.elements.view_parts`, as the exports call it, handed the parts cached here.

    Kept per version of the data and the view, so going back to a view, or opening it in
    another session, reuses the page built the first time.
    """
    projection = _projection(data, view.years)
    metric = None
    if view.size != "none":
        metric = _metric(data, view.years, view.size)
    parts = view_parts(
        data.graph,
        view,
        lang=lang,
        universe=_universe(data),
        positions=_positions(data, view.layout),
        projection=projection,
        metric=metric,
    )
    if parts.nodes.empty:
        return parts.nodes, parts.edges, ""
    # presentation mode (its own height) draws names larger, for the back of the hall
    px = PRESENT_LABEL_PX if height == PRESENT_HEIGHT else LABEL_PX
    page = view_page(parts, view, lang, height=f"{height}px", label_px=px)
    return parts.nodes, parts.edges, page


# -- the view state: address <-> ViewFilters <-> widgets ----------------------------------------
def _widget_value(name: str, view: ViewFilters, data: DataChoices) -> Any:
    """What the widget of ``name`` holds for ``view`` (a list filter of None: every value)."""
    value = view.value(name)
    if name in _LISTS:
        if value is None or (name == "labels" and value == DEFAULT_LABELS):
            return list(data.default(name) if name == "labels" else data.present(name))
        return list(value)
    if name == "years":
        return value or data.years
    return value


def _seed_from_address(data: DataChoices) -> list[ViewProblem]:
    """Put the view the address describes into the widgets that hold nothing yet (a freshly
    opened link), leaving out what the data does not hold; the problems found."""
    wanted = {
        name: st.query_params[name]
        for name in VIEW_NAMES
        if name in st.query_params and WIDGET_KEYS[name] not in st.session_state
    }
    if not wanted:
        return []
    view, problems = read_view(wanted, data)
    for name in wanted:
        st.session_state[WIDGET_KEYS[name]] = _widget_value(name, view, data)
    return problems


def _widget_view(values: dict[str, Any], data: DataChoices) -> ViewFilters:
    """The view the widgets hold, written as the address and the command line write it."""
    read: dict[str, Any] = {}
    for name, value in values.items():
        if name in _LISTS:
            value = tuple(value)
        elif name == "years":
            value = tuple(value) if value else None
        elif name == "size":
            value = value or "none"
        elif name in ("depth", "physics"):
            value = int(value) if name == "depth" else bool(value)
        read[name] = value
    return fit_view(ViewFilters.of(read), data)[0]


def _write_address(view: ViewFilters) -> None:
    """Write the view into the address: what differs from the defaults, nothing else."""
    pairs = view.to_pairs()
    for name in VIEW_NAMES:
        text = pairs.get(name)
        if text is None:
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get(name) != text:
            st.query_params[name] = text


def _show_problems(problems: Sequence[ViewProblem], lang: str) -> None:
    """Say which part of the address was left out, in the words the command line uses."""
    for problem in problems:
        st.warning(t("network.view.left_out", lang, problem=_md(problem.text(lang))))


# -- widgets (or, in presentation mode, their values without drawing them) --------------------
class _Controls:
    """Draws the sidebar controls, or only reads their values when ``hidden``."""

    def __init__(self, hidden: bool, lang: str) -> None:
        self.hidden = hidden
        self.lang = lang
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
        chosen = self.box.multiselect(label, options, format_func=fmt, key=key, **kw)
        self.box.caption(choice_summary(options, chosen, fmt, self.lang))
        return chosen

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
        def inside(v: Any) -> bool:
            ends = v if isinstance(v, (tuple, list)) else (v,)
            return bool(ends) and all(isinstance(x, int) and low <= x <= high for x in ends)

        self._prepare(key, default, inside)
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


def choice_summary(options: Sequence, chosen: Sequence, fmt: Callable, lang: str) -> str:
    """What a list filter leaves out, in words: "all", "all except ...", or, when fewer
    are kept than left out, "only ..."; the chips of a long choice are cut, this is not."""
    left_out = [fmt(v) for v in options if v not in chosen]
    if not left_out:
        return t("network.choice.all", lang)
    if not chosen:
        return t("network.choice.none", lang)
    if len(left_out) <= len(chosen):
        return t("network.choice.except", lang, values=_md(", ".join(left_out)))
    return t("network.choice.only", lang, values=_md(", ".join(fmt(v) for v in chosen)))


def _drawn_names(universe: nx.MultiDiGraph, nodes: pd.DataFrame, lang: str) -> dict[str, str]:
    """Drawn node key -> the name its picker shows and searches (see picker_name)."""
    return {key: picker_name(universe.nodes[key], lang) for key in nodes["key"] if key in universe}


def _names(graph: nx.MultiDiGraph, lang: str, label: str | None = None) -> dict[str, str]:
    """Node key -> name in ``lang`` (and the recorded name, see picker_name), sorted by name
    (the order of every picker)."""
    names = {
        key: picker_name(data, lang)
        for key, data in graph.nodes(data=True)
        if label is None or data.get("label") == label
    }
    return dict(sorted(names.items(), key=lambda kv: (kv[1].casefold(), kv[0])))


def _controls(choices: dict[str, Any], lang: str, hidden: bool) -> dict[str, Any]:
    """Every control of the page; returns the values by address parameter."""
    ui = _Controls(hidden, lang)
    values = _filter_controls(ui, choices, lang)
    values.update(_focus_controls(ui, choices["actors"], lang))
    values.update(_look_controls(ui, lang))
    ui.caption(t("network.deep_link", lang))
    values["node"] = st.session_state.get(WIDGET_KEYS["node"])
    return values


def _filter_controls(ui: _Controls, choices: dict[str, Any], lang: str) -> dict[str, Any]:
    """What to show: kinds of node, relationships, levels, types, sectors, programme, years."""
    data: DataChoices = choices["data"]
    programmes = choices["programmes"]
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
            list(data.present(param)),
            list(data.default(param)),
            WIDGET_KEYS[param],
            lambda v, p=prefix: t_value(p, v, lang),
        )
    values["programme"] = ui.selectbox(
        t("network.filter_programme", lang),
        list(programmes),
        WIDGET_KEYS["programme"],
        programmes.__getitem__,
        index=None,
        placeholder=t("network.all", lang),
        help=t("network.filter_programme_help", lang),
    )
    if data.years:
        values["years"] = ui.slider(
            t("network.filter_years", lang),
            data.years[0],
            data.years[1],
            WIDGET_KEYS["years"],
            data.years,
            help=t("network.filter_years_help", lang),
        )
        values["undated"] = ui.radio(
            t("network.undated", lang),
            UNDATED,
            WIDGET_KEYS["undated"],
            lambda u: t(f"network.undated.{u}", lang),
            horizontal=True,
            help=t("network.undated_help", lang),
        )
    return values


def _focus_controls(ui: _Controls, actors: dict[str, str], lang: str) -> dict[str, Any]:
    """The focus actor and its depth, and the two ends of a shortest path."""
    ui.subheader(t("network.focus_header", lang))
    values: dict[str, Any] = {}
    values["focus"] = ui.selectbox(
        t("network.focus", lang),
        list(actors),
        WIDGET_KEYS["focus"],
        actors.__getitem__,
        index=None,
        placeholder=t("network.picker_placeholder", lang),
        help=t("network.focus_help", lang),
    )
    values["depth"] = ui.slider(t("network.depth", lang), 1, MAX_DEPTH, WIDGET_KEYS["depth"], 1)
    for param, text_key in (("from", "network.path_from"), ("to", "network.path_to")):
        values[param] = ui.selectbox(
            t(text_key, lang),
            list(actors),
            WIDGET_KEYS[param],
            actors.__getitem__,
            index=None,
            placeholder=t("network.picker_placeholder", lang),
            help=t("network.path_help", lang),
        )
    return values


def _look_controls(ui: _Controls, lang: str) -> dict[str, Any]:
    """How it looks: colour, node size, layout, physics."""
    ui.subheader(t("network.look_header", lang))
    values: dict[str, Any] = {}
    values["colour"] = ui.radio(
        t("network.colour_by", lang),
        COLOUR_BY,
        WIDGET_KEYS["colour"],
        lambda c: t(f"network.colour.{c}", lang),
        horizontal=True,
    )
    values["size"] = ui.selectbox(
        t("network.size_by", lang),
        ["none", *SIZE_METRICS],
        WIDGET_KEYS["size"],
        lambda m: t("network.size.none", lang) if m == "none" else metric_help(m, lang)[0],
        placeholder=t("network.size.none", lang),
    )
    values["layout"] = ui.radio(
        t("network.layout", lang),
        VIEW_LAYOUTS,
        WIDGET_KEYS["layout"],
        lambda lay: t(f"network.layout.{lay}", lang),
    )
    values["physics"] = ui.toggle(
        t("network.physics", lang),
        WIDGET_KEYS["physics"],
        help=t("network.physics_help", lang, cap=PHYSICS_MAX),
    )
    return values


# -- the page ----------------------------------------------------------------------------------
def _shortest_path(data: GraphVersion, view: ViewFilters, lang: str) -> list[dict] | None:
    """The first shortest path between the view's two path ends, or None when not asked."""
    if not view.path_from or not view.path_to:
        return None
    projection = _projection(data, view.years)
    if view.path_from == view.path_to and view.path_from in projection:
        st.info(t("network.path_same", lang))
    return view_path(projection, view)


def render() -> None:
    """Draw the page in the language chosen in the sidebar."""
    lang = current_lang()
    presenting = st.query_params.get("present") == "1"
    st.title(t("network.title", lang))
    if not presenting:
        st.caption(t("network.intro", lang))
    data = graph_or_stop(lang)
    universe = _universe(data)
    cap = node_cap()
    if universe.number_of_nodes() > cap:
        _render_large(data, universe, lang, cap, presenting)
        return
    choices = _choices(data, lang)
    problems = _seed_from_address(choices["data"])
    view = _widget_view(_controls(choices, lang, hidden=presenting), choices["data"])
    _write_address(view)
    remember_network_view(view)
    _show_problems(problems, lang)
    path = _shortest_path(data, view, lang)
    height = PRESENT_HEIGHT if presenting else CANVAS_HEIGHT
    nodes, edges, page = _view(data, lang, view, height)
    _captions(nodes, edges, view, universe, lang)
    if nodes.empty:
        st.info(t("network.empty", lang))
        return
    if view.physics and len(nodes) > PHYSICS_MAX:
        st.caption(t("network.physics_capped", lang, cap=PHYSICS_MAX))
    components.html(page, height=height + 48)
    if presenting:
        show_path(path, nodes, lang)
        return
    _downloads(data, view, page, lang)
    show_path(path, nodes, lang)
    show_details(data.store, nodes, lang, names=_drawn_names(universe, nodes, lang))


def _downloads(data: GraphVersion, view: ViewFilters, page: str, lang: str) -> None:
    """The view as one offline HTML file, and as a poster (PDF, PNG or SVG) made when its
    button is pressed; each file named after what it holds."""
    stem = view_stem(view, lang, data.graph)
    left, middle, right = st.columns([2, 1, 2], vertical_alignment="bottom")
    left.download_button(
        t("network.download_html", lang),
        data=page.encode("utf-8"),
        file_name=file_name(stem, "html"),
        mime="text/html",
        help=t("network.download_html_help", lang),
        key="network_download_html",
    )
    fmt = middle.selectbox(
        t("network.poster_format", lang), POSTER_FORMATS, key="network_poster_format"
    )
    graph = data.graph

    def poster() -> bytes:  # made on the click only: a poster takes a few seconds
        return export_graph(graph, fmt, view, lang=lang).data

    right.download_button(
        t("network.download_poster", lang, fmt=fmt.upper()),
        data=poster,
        file_name=file_name(
            view_stem(view, lang, graph, "A4", t("data.orientation.portrait", lang)), fmt
        ),
        mime=MIME[fmt],
        help=t("network.download_poster_help", lang),
        key="network_download_poster",
    )


def _captions(nodes, edges, view: ViewFilters, universe, lang: str) -> None:
    st.caption(t("network.shown", lang, nodes=len(nodes), edges=len(edges)))
    if view.focus and view.focus in universe:
        name = display_name(universe.nodes[view.focus], lang)
        st.caption(t("network.focus_shown", lang, name=_md(name), depth=view.depth))
    if view.years and view.undated == "keep":
        first, last = view.years
        st.caption(t("network.undated_kept", lang, first=first, last=last))
    elif view.undated == "drop":
        st.caption(t("network.undated_dropped", lang))


# -- a graph above the node cap ------------------------------------------------------------------
@cached(max_entries=64)
def _search(data: GraphVersion, text: str, lang: str) -> dict[str, str]:
    """Actors whose name, id or alias holds ``text``: key -> name shown in ``lang``."""
    universe = _universe(data)
    found = search_nodes(universe, text, lang=lang, limit=SEARCH_LIMIT)
    return {key: display_name(universe.nodes[key], lang) for key in found}


@cached(max_entries=32)
def _large_view(
    data: GraphVersion, focus: str, depth: int, cap: int, colour: str, lang: str, height: int
) -> tuple[pd.DataFrame, pd.DataFrame, bool, str]:
    nodes, edges, cut = capped_view(
        _universe(data), focus, depth=depth, cap=cap, lang=lang, colour_by=colour
    )
    # positions computed here, as the page's default view has them: physics stays off
    view = ViewFilters(labels=None, colour=colour)
    parts = ViewParts(nodes, edges, projection=nx.Graph(), metric=None, path=None)
    return nodes, edges, cut, view_page(parts, view, lang, height=f"{height}px")


def _render_large(
    data: GraphVersion, universe: nx.MultiDiGraph, lang: str, cap: int, presenting: bool
) -> None:
    """A graph with more nodes than the browser is sent (``JEJARING_NODE_CAP``): no drawing
    of everything and no picker of every actor; the page says so, points to the drill-down
    by place, and draws one actor's neighbourhood found by name, at most ``cap`` nodes. The
    address's ``focus`` (a bare id or a node key) reopens that actor."""
    st.warning(t("network.too_large", lang, nodes=universe.number_of_nodes(), cap=cap))
    st.markdown(t("network.too_large_places", lang))
    wanted = _large_focus(universe, lang)
    text = st.text_input(
        t("network.search", lang),
        key="network_large_search",
        placeholder=t("network.search_placeholder", lang),
    )
    found = _search(data, text, lang) if text.strip() else {}
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
    nodes, edges, cut, page = _large_view(data, focus, depth, cap, "actor_type", lang, height)
    st.caption(t("network.shown", lang, nodes=len(nodes), edges=len(edges)))
    if cut:
        st.caption(t("network.ego_cut", lang, cap=cap))
    components.html(page, height=height + 48)
    if not presenting:
        show_details(data.store, nodes, lang, names=_drawn_names(universe, nodes, lang))


def _large_focus(universe: nx.MultiDiGraph, lang: str) -> str | None:
    """The focus the address names, read as every view is read; one the graph does not
    hold is left out of the address, and the page says so as it does for any view."""
    raw = st.query_params.get("focus")
    if not raw:
        return None
    view, problems = ViewFilters.from_pairs({"focus": raw})
    if view.focus in universe:
        return view.focus
    problems = problems or [ViewProblem.of("no_node", name="focus", value=repr(view.focus))]
    _show_problems(problems, lang)
    del st.query_params["focus"]
    return None
