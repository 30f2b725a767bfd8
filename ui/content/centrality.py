"""Page "Sentralitas" / "Centrality": who is central, who brokers, who holds the network
together, and which groups form, in the collaboration network of the actors.

The page is thin: queries.collaboration builds the network, queries.centrality measures
it; results are cached here, keyed by the options the user picked.
"""

from __future__ import annotations

import altair as alt
import networkx as nx
import pandas as pd
import streamlit as st

from drawing.filenames import file_name, view_stem
from drawing.i18n import t, t_value
from exports.tables import csv_bytes
from queries.centrality import (
    METRICS,
    brokers,
    centrality_table,
    communities,
    metric_help,
    single_points_of_failure,
)
from queries.collaboration import REASONS, collaboration_projection, reason_label
from queries.partners import projection_counts
from ui.cache import GraphVersion, cached
from ui.presentation import presentation_on
from ui.state import current_lang, graph_or_stop, table_rows
from ui.tables import MISSING

TOP_N_DEFAULT = 10
# Metrics a bar chart makes sense for (flags and community numbers are not magnitudes).
CHART_METRICS = tuple(m for m, info in METRICS.items() if info.get("ranked", True))


@cached(shared=True, max_entries=16)
def _projection(data: GraphVersion, reasons: tuple[str, ...], levels: tuple[str, ...]) -> nx.Graph:
    # shared by every session without a copy (a copy would be unpickled on every rerun:
    # 0.8 s for 20,000 actors), so frozen
    return nx.freeze(collaboration_projection(data.graph, reasons=reasons, levels=levels))


@cached(max_entries=16)
def _analyses(
    data: GraphVersion, reasons: tuple[str, ...], levels: tuple[str, ...]
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    P = _projection(data, reasons, levels)
    return centrality_table(P), brokers(P), single_points_of_failure(P), communities(P)


def _name(row: pd.Series | dict, lang: str) -> str:
    name = row.get("name_en") if lang == "en" else None
    return str(name or row.get("name") or row.get("actor"))


@cached(max_entries=8)
def _actor_levels(data: GraphVersion) -> list[str]:
    return sorted(
        {str(d.get("level")) for _, d in data.graph.nodes(data=True) if d.get("label") == "Actor"}
    )


def _options(data: GraphVersion, lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The reasons and actor levels the user keeps (all by default)."""
    levels = _actor_levels(data)
    if presentation_on():  # the projector shows results; the choices stay as they were
        kept = st.session_state.get("centrality_reasons"), st.session_state.get("centrality_levels")
        return tuple(kept[0] or REASONS), tuple(kept[1] or levels)
    with st.expander(t("centrality.options", lang), expanded=False):
        reasons = st.multiselect(
            t("centrality.reasons", lang),
            options=list(REASONS),
            default=list(REASONS),
            format_func=lambda r: reason_label(r, lang),
            help=t("centrality.reasons_help", lang),
            key="centrality_reasons",
        )
        chosen_levels = st.multiselect(
            t("centrality.levels", lang),
            options=levels,
            default=levels,
            format_func=lambda lv: t_value("level", lv, lang),
            help=t("centrality.levels_help", lang),
            key="centrality_levels",
        )
    return tuple(reasons), tuple(chosen_levels)


@cached(max_entries=16)
def _metrics_frame(
    data: GraphVersion, reasons: tuple[str, ...], levels: tuple[str, ...], lang: str
) -> tuple[pd.DataFrame, bytes]:
    """The metrics table as shown (names and codes in ``lang``) and as CSV bytes."""
    table = _analyses(data, reasons, levels)[0]
    metrics = [m for m in METRICS if m in table.columns]
    shown = pd.DataFrame(
        {
            t("col.actor", lang): [_name(r, lang) for r in table.to_dict("records")],
            t("col.actor_type", lang): [
                t_value("actor_type", v, lang) for v in table["actor_type"]
            ],
            t("col.sector", lang): [t_value("sector", v, lang) for v in table["sector"]],
            t("col.level", lang): [t_value("level", lv, lang) for lv in table["level"]],
        }
    )
    counts = projection_counts(_projection(data, reasons, levels))
    for metric in metrics:
        values = table[metric]
        if metric == "articulation_point":
            values = values.map(lambda v: "✓" if v else "")
        shown[metric_help(metric, lang)[0]] = values
        if metric == "degree":  # the partners, split as the network page's detail panel does
            shown[t("centrality.col_direct", lang)] = [counts[a].direct for a in table["actor"]]
            shown[t("centrality.col_shared", lang)] = [counts[a].shared for a in table["actor"]]
    return shown, csv_bytes(_csv_frame(table, shown, metrics, lang))


def _csv_frame(
    table: pd.DataFrame, shown: pd.DataFrame, metrics: list[str], lang: str
) -> pd.DataFrame:
    """The table as downloaded: the actor's id first, each measure followed by its rank
    (1 = most central), flags as 1/0, so a spreadsheet sorts and joins it as numbers."""
    ids = table["id"] if "id" in table.columns else pd.Series([None] * len(table))
    keys = table["actor"].astype(str).str.partition(":")[2]
    out = pd.DataFrame({t("col.id", lang): ids.where(ids.notna(), keys).astype(str).tolist()})
    for column in shown.columns[:4]:  # name, type, sector, level
        out[column] = shown[column].tolist()
    for metric in metrics:
        label = metric_help(metric, lang)[0]
        out[label] = table[metric].tolist()
        if f"rank_{metric}" in table.columns:
            out[t("col.rank_of", lang, metric=label)] = table[f"rank_{metric}"].tolist()
        if metric == "degree":  # the partners split as on the page
            for key in ("centrality.col_direct", "centrality.col_shared"):
                if t(key, lang) in shown.columns:
                    out[t(key, lang)] = shown[t(key, lang)].tolist()
    return out


def _capped(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The first ``JEJARING_TABLE_ROWS`` rows, saying so when there are more: a national
    network has hundreds of thousands of actors, which the CSV download holds in full."""
    rows = table_rows()
    if len(frame) <= rows:
        return frame
    st.caption(t("analysis.rows_capped", lang, shown=rows, total=len(frame)))
    return frame.head(rows)


def _metrics_table(shown: pd.DataFrame, csv: bytes, sampled_k: int | None, lang: str) -> None:
    st.subheader(t("centrality.table_header", lang))
    config = {
        metric_help(m, lang)[0]: st.column_config.Column(help=metric_help(m, lang)[1])
        for m in METRICS
        if metric_help(m, lang)[0] in shown.columns
    }
    st.caption(t("centrality.table_help", lang))
    st.dataframe(
        _capped(shown, lang),
        hide_index=True,
        width="stretch",
        column_config=config,
        placeholder=MISSING,
    )
    if sampled_k:
        st.caption(t("centrality.sampled", lang, k=sampled_k))
    if presentation_on():
        return
    st.download_button(
        t("analysis.download_csv", lang),
        data=csv,
        file_name=file_name(view_stem(None, lang, None, t("file.centrality", lang)), "csv"),
        mime="text/csv",
        help=t("analysis.download_help", lang),
        key="centrality_download",
    )


def _top_n(n_actors: int, lang: str) -> int:
    """The slider for how many actors the chart shows (none needed for a single actor)."""
    if n_actors <= 1:
        return n_actors
    # Fewer actors after a filter: bring a kept choice back inside the new range.
    kept = st.session_state.get("centrality_top_n", TOP_N_DEFAULT)
    st.session_state["centrality_top_n"] = min(kept, n_actors)
    return st.slider(
        t("centrality.top_n", lang), min_value=1, max_value=n_actors, key="centrality_top_n"
    )


def _explain(metric: str, lang: str) -> None:
    """The measure's name and what it means, beside the chart."""
    name, explanation = metric_help(metric, lang)
    st.markdown(f"**{name}**")
    st.caption(explanation)
    if METRICS[metric].get("ascending", False):
        st.caption(t("centrality.lower_better", lang))


def _top_chart(table: pd.DataFrame, lang: str) -> None:
    st.subheader(t("centrality.chart_header", lang))
    left, right = st.columns([3, 2])
    if presentation_on():  # the chart of the measure chosen before; no controls
        metric = st.session_state.get("centrality_metric") or "betweenness"
        top_n = min(st.session_state.get("centrality_top_n", TOP_N_DEFAULT), len(table))
        with right:
            _explain(metric, lang)
    else:
        with right:
            metric = st.selectbox(
                t("centrality.metric", lang),
                options=list(CHART_METRICS),
                index=list(CHART_METRICS).index("betweenness"),
                format_func=lambda m: metric_help(m, lang)[0],
                key="centrality_metric",
            )
            top_n = _top_n(len(table), lang)
            _explain(metric, lang)
    name = metric_help(metric, lang)[0]
    top = table.sort_values([f"rank_{metric}", "actor"]).head(top_n)
    data = pd.DataFrame(
        {"actor": [_name(r, lang) for r in top.to_dict("records")], "value": top[metric]}
    )
    title = t("centrality.chart_title", lang, n=len(data), metric=name)
    chart = (
        alt.Chart(data, title=title)
        .mark_bar(color="#1565c0")
        .encode(
            x=alt.X("value:Q", title=name),
            y=alt.Y(
                "actor:N", sort=None, title=None, axis=alt.Axis(labelLimit=260, labelOverlap=False)
            ),
            tooltip=[
                alt.Tooltip("actor:N", title=t("col.actor", lang)),
                alt.Tooltip("value:Q", title=name, format=".3~f"),
            ],
        )
        .properties(height=max(120, 28 * len(data)))
    )
    with left:
        st.altair_chart(chart, width="stretch", key="centrality_chart")


def _broker_frame(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    columns = ("degree", "effective_size", "constraint", "betweenness")
    shown = pd.DataFrame({t("col.actor", lang): [_name(r, lang) for r in table.to_dict("records")]})
    for metric in columns:
        shown[metric_help(metric, lang)[0]] = table[metric].round(3)
    return shown


def _failure_frame(table: pd.DataFrame, P: nx.Graph, lang: str) -> pd.DataFrame:
    def name(key: object) -> str:
        return _name(dict(P.nodes[key]) | {"actor": key}, lang) if key in P else ""

    return pd.DataFrame(
        {
            t("col.spof_kind", lang): [t(f"centrality.spof_kind.{k}", lang) for k in table["kind"]],
            t("col.actor", lang): [name(a) for a in table["actor"]],
            t("col.spof_other", lang): [name(o) if o is not None else "" for o in table["other"]],
            t("col.cut_off", lang): table["cut_off"],
            t("col.pieces", lang): [", ".join(str(p) for p in ps) for ps in table["pieces"]],
        }
    )


def _community_frame(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    named = table.assign(label=[_name(r, lang) for r in table.to_dict("records")])
    groups = named.groupby("community", sort=True)["label"].agg(list)
    return pd.DataFrame(
        {
            t("col.community", lang): groups.index,
            t("col.size", lang): [len(m) for m in groups],
            t("col.members", lang): [", ".join(m) for m in groups],
        }
    )


@cached(max_entries=16)
def _named_frames(
    data: GraphVersion, reasons: tuple[str, ...], levels: tuple[str, ...], lang: str
) -> tuple[pd.DataFrame | None, pd.DataFrame | None, pd.DataFrame | None]:
    """The brokers, single points of failure and communities as shown (None: none found),
    made once per view and language: naming every row of a national network takes seconds."""
    _, broker_table, failures, groups = _analyses(data, reasons, levels)
    P = _projection(data, reasons, levels)
    return (
        None if broker_table.empty else _broker_frame(broker_table, lang),
        None if failures.empty else _failure_frame(failures, P, lang),
        None if groups.empty else _community_frame(groups, lang),
    )


def _brokers(shown: pd.DataFrame | None, lang: str) -> None:
    st.subheader(t("centrality.brokers_header", lang))
    st.caption(t("centrality.brokers_help", lang))
    if shown is None:
        st.info(t("centrality.no_brokers", lang))
        return
    config = {
        metric_help(m, lang)[0]: st.column_config.Column(help=metric_help(m, lang)[1])
        for m in ("degree", "effective_size", "constraint", "betweenness")
    }
    st.dataframe(
        _capped(shown, lang),
        hide_index=True,
        width="stretch",
        column_config=config,
        placeholder=MISSING,
    )


def _failures(shown: pd.DataFrame | None, lang: str) -> None:
    st.subheader(t("centrality.spof_header", lang))
    st.caption(t("centrality.spof_help", lang))
    if shown is None:
        st.info(t("centrality.no_spof", lang))
        return
    st.dataframe(_capped(shown, lang), hide_index=True, width="stretch", placeholder=MISSING)


def _communities(shown: pd.DataFrame | None, modularity: float, lang: str) -> None:
    st.subheader(t("centrality.communities_header", lang))
    st.caption(metric_help("community", lang)[1])
    if shown is None:
        return
    st.caption(t("centrality.modularity", lang, value=modularity))
    st.dataframe(_capped(shown, lang), hide_index=True, width="stretch", placeholder=MISSING)


def render() -> None:
    """Draw the page in the language chosen in the sidebar."""
    lang = current_lang()
    st.title(t("centrality.title", lang))
    st.caption(t("centrality.intro", lang))
    data = graph_or_stop(lang)
    reasons, levels = _options(data, lang)
    try:
        with st.spinner(t("analysis.computing", lang)):
            P = _projection(data, reasons, levels)
            if P.number_of_nodes() == 0:
                st.info(t("analysis.no_actors", lang))
                return
            table, _, _, groups = _analyses(data, reasons, levels)
            shown, csv = _metrics_frame(data, reasons, levels, lang)
            named = _named_frames(data, reasons, levels, lang)
    except (ValueError, KeyError, ArithmeticError) as exc:
        st.error(t("analysis.error", lang, error=exc))
        return
    st.caption(t("centrality.shown", lang, actors=P.number_of_nodes(), links=P.number_of_edges()))
    st.caption(t("partners.definition", lang))
    _top_chart(table, lang)
    _metrics_table(shown, csv, table.attrs.get("betweenness_sampled_k"), lang)
    _brokers(named[0], lang)
    _failures(named[1], lang)
    _communities(named[2], groups.attrs.get("modularity", 0.0), lang)
