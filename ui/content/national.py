"""Page "Wilayah" / "Places": drill down from the nation to one village without a heavy drawing.

The page opens at the highest place the data supports (the country when it holds several
provinces with data, lower otherwise), draws the places under the current one as an
aggregate graph, and at a village draws its actual actor network. A breadcrumb goes up, a
picker goes down, and ``?place=<id>`` in the address reopens a place. No drawing holds
more than ``JEJARING_NODE_CAP`` nodes: beyond it the page aggregates and says so; physics
is offered up to 300 nodes only. Synthetic data is labelled as such.

Everything costly is cached per version of the data (ui.cache), which changes when the data
does: the index of the place tree once per graph, each drawing once per place, language and
options. A warm rerun reads only the store's version, never walks the whole graph.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

from drawing.i18n import t, t_value
from drawing.national import PHYSICS_MAX, PlaceView, build_place_view, is_village
from queries.national import (
    NationalIndex,
    ancestors,
    build_index,
    children,
    pagerank_sparse,
    start_place,
    village_betweenness,
)
from queries.overview import display_name
from ui.cache import GraphVersion, cached
from ui.state import current_lang, graph_or_stop, node_cap
from ui.tables import MISSING

PLACE_KEY = "national_place"
PICK_KEY = "national_pick"
TOP = "__top__"  # session value for "all top places"
HEIGHT = 620


@cached(shared=True, max_entries=2)
def _index(data: GraphVersion) -> NationalIndex:
    return build_index(data.graph)


@cached(max_entries=64)
def _view(
    data: GraphVersion, place: str | None, lang: str, cap: int, physics: bool, partners: bool
) -> PlaceView:
    return build_place_view(
        data.graph, _index(data), place, lang=lang, cap=cap, physics=physics, partners=partners
    )


@cached(shared=True, max_entries=2)
def _pagerank_ranks(data: GraphVersion) -> dict[str, int]:
    """Every actor's rank by PageRank over the national collaboration network (1 = highest)."""
    scores = pagerank_sparse(_index(data).projection)
    ordered = sorted(scores, key=lambda a: (-scores[a], a))
    return {actor: rank for rank, actor in enumerate(ordered, start=1)}


@cached(max_entries=64)
def _village_actors(data: GraphVersion, place: str, lang: str) -> pd.DataFrame:
    """The village's own actors: betweenness inside the village and national PageRank rank."""
    index, graph = _index(data), data.graph
    inside = village_betweenness(index, [place]).get(place, {})
    ranks = _pagerank_ranks(data)
    rows = [
        {
            t("national.col_actor", lang): display_name(graph.nodes[actor], lang),
            t("national.col_actor_type", lang): t_value(
                "actor_type", graph.nodes[actor].get("actor_type"), lang
            ),
            t("national.col_village_betweenness", lang): round(score, 4),
            t("national.col_pagerank_rank", lang): ranks.get(actor),
        }
        for actor, score in sorted(inside.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return pd.DataFrame(rows)


def _current(index: NationalIndex) -> str | None:
    """The place shown: from the session, else the address, else the start place."""
    value = st.session_state.get(PLACE_KEY)
    if value is None:
        wanted = st.query_params.get("place")
        value = f"Place:{wanted}" if wanted and f"Place:{wanted}" in index.place_data else None
        if value is None:
            value = start_place(index) or TOP
        st.session_state[PLACE_KEY] = value
    if value != TOP and value not in index.place_data:
        value = st.session_state[PLACE_KEY] = start_place(index) or TOP
    return None if value == TOP else value


def _go(place: str | None) -> None:
    st.session_state[PLACE_KEY] = place or TOP


def _descend() -> None:
    picked = st.session_state.get(PICK_KEY)
    if picked:
        st.session_state[PLACE_KEY] = picked
    st.session_state[PICK_KEY] = None


def _breadcrumb(index: NationalIndex, place: str | None, lang: str) -> None:
    crumbs: list[tuple[str | None, str]] = []
    if len(children(index, None)) > 1:
        crumbs.append((None, t("national.all_places", lang)))
    if place is not None:
        crumbs += [(p, index.name(p, lang)) for p in ancestors(index, place)]
    st.caption(t("national.breadcrumb", lang))
    columns = st.columns(max(len(crumbs), 1) + 1)
    for i, (crumb, name) in enumerate(crumbs):
        columns[i].button(
            name,
            key=f"national_crumb_{i}",
            on_click=_go,
            args=(crumb,),
            disabled=crumb == place,
            width="stretch",
        )
    parent = index.parent.get(place) if place is not None else None
    if place is not None and (parent is not None or len(children(index, None)) > 1):
        columns[-1].button(
            t("national.up", lang), key="national_up", on_click=_go, args=(parent,), icon="⬆️"
        )


def _picker(index: NationalIndex, place: str | None, lang: str) -> None:
    below = children(index, place)
    if not below or is_village(index, place):
        return

    def label(p: str) -> str:
        villages, actors = index.totals(p)
        return t(
            "national.option", lang, name=index.name(p, lang), villages=villages, actors=actors
        )

    if st.session_state.get(PICK_KEY) not in below:
        st.session_state[PICK_KEY] = None
    st.selectbox(
        t("national.picker", lang),
        list(below),
        format_func=label,
        index=None,
        placeholder=t("national.picker_placeholder", lang),
        help=t("national.picker_help", lang),
        key=PICK_KEY,
        on_change=_descend,
    )


def _table(view: PlaceView, lang: str) -> None:
    if view.table.empty:
        return
    columns = {
        "name": t("national.col_place", lang),
        "place_level": t("national.col_level", lang),
        "villages": t("national.col_villages", lang),
        "actors": t("national.col_actors", lang),
        "interventions": t("national.col_interventions", lang),
        "prevalence": t("national.col_prevalence", lang),
        "prevalence_villages": t("national.col_prevalence_villages", lang),
        "prevalence_own": t("national.col_prevalence_own", lang),
    }
    table = view.table[list(columns)].copy()
    table["place_level"] = [t_value("place_level", v, lang) for v in table["place_level"]]
    table = table.sort_values(["actors", "name"], ascending=[False, True])
    st.subheader(t("national.table", lang))
    st.dataframe(
        table.rename(columns=columns).round(2),
        hide_index=True,
        width="stretch",
        key="national_table",
        placeholder=MISSING,
    )
    missing = int(table["prevalence"].isna().sum())
    if missing:
        st.caption(t("national.no_data_why", lang, missing=missing, total=len(table)))


def render() -> None:
    """Draw the page in the language chosen in the sidebar."""
    lang = current_lang()
    st.title(t("national.title", lang))
    st.caption(t("national.intro", lang))
    data = graph_or_stop(lang)
    index = _index(data)
    if index.synthetic:
        st.warning(t("national.synthetic", lang), icon="⚠️")
    if not index.places:
        st.info(t("national.no_places", lang))
        return
    place = _current(index)
    if place is None:
        st.query_params.pop("place", None)
    elif st.query_params.get("place") != place.partition(":")[2]:
        st.query_params["place"] = place.partition(":")[2]
    _breadcrumb(index, place, lang)
    if place is not None:
        villages, actors = index.totals(place)
        level = t_value("place_level", index.level(place), lang)
        st.markdown(
            t(
                "national.here",
                lang,
                name=index.name(place, lang),
                level=level,
                villages=villages,
                actors=actors,
            )
        )
    _picker(index, place, lang)
    cap = node_cap()
    village = is_village(index, place)
    options = st.columns(2)
    partners = (
        options[0].toggle(
            t("national.partners", lang),
            value=True,
            key="national_partners",
            help=t("national.partners_help", lang),
        )
        if village
        else True
    )
    physics = options[1].toggle(
        t("national.physics", lang),
        value=False,
        key="national_physics",
        help=t("national.physics_help", lang, cap=PHYSICS_MAX),
    )
    view = _view(data, place, lang, cap, physics, partners)
    name = index.name(place, lang) if place else t("national.all_places", lang)
    st.subheader(t("national.mode_village" if village else "national.mode_places", lang, name=name))
    if view.mode == "empty":
        st.info(t("national.empty", lang))
        return
    if view.merged:
        st.warning(
            t(
                "national.capped_places",
                lang,
                total=view.total,
                cap=cap,
                kept=view.nodes - 1,
                merged=view.merged,
            )
        )
    if view.mode == "village_kinds":
        st.warning(t("national.capped_village", lang, total=view.total, cap=cap))
    if physics and view.nodes > PHYSICS_MAX:
        st.caption(t("national.physics_off", lang, cap=PHYSICS_MAX))
    st.caption(t("national.drawn", lang, nodes=view.nodes, edges=view.edges, cap=cap))
    components.html(view.html, height=HEIGHT + 48)
    _table(view, lang)
    if village and place is not None:
        actors = _village_actors(data, place, lang)
        if not actors.empty:
            st.subheader(t("national.village_table", lang))
            st.caption(t("national.village_table_help", lang))
            st.dataframe(
                actors, hide_index=True, width="stretch", key="national_actors", placeholder=MISSING
            )
