"""Page "Ringkasan" / "Overview": what the graph holds and how the stunting indicators moved."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from queries.overview import (
    default_indicator,
    default_places,
    display_name,
    focus_place,
    indicator_series,
    indicators_with_observations,
    key_counts,
    place_chain,
    target_lines,
)
from ui.i18n import glossary_rows, t, t_value
from ui.state import current_lang, store_or_stop

# The tiles users ask for first; the full table sits in an expander below them.
TILE_LABELS = ("Actor", "Intervention", "Program", "Observation", "Factor", "Source")


def _count_tiles(counts: pd.DataFrame, lang: str) -> None:
    nodes = counts[counts["kind"] == "node"].set_index("name")["count"]
    n_rels = int(counts.loc[counts["kind"] == "relationship", "count"].sum())
    columns = st.columns(len(TILE_LABELS) + 1)
    for column, label in zip(columns, TILE_LABELS, strict=False):
        column.metric(t(f"count.{label}", lang), int(nodes.get(label, 0)))
    columns[-1].metric(t("count.relationships", lang), n_rels)
    with st.expander(t("overview.counts_all", lang)):
        table = counts.assign(
            kind=counts["kind"].map(lambda k: t(f"kind.{k}", lang)),
            name=[
                t_value("label" if k == "node" else "rel", n, lang)
                for k, n in zip(counts["kind"], counts["name"], strict=False)
            ],
        )
        st.dataframe(
            table.rename(columns={c: t(f"col.{c}", lang) for c in ("kind", "name", "count")}),
            hide_index=True,
            width="stretch",
        )


def _pick_indicator(indicators: pd.DataFrame, lang: str) -> str:
    options = indicators["indicator"].tolist()
    names = {
        r.indicator: display_name(r._asdict() | {"id": r.indicator}, lang)
        for r in indicators.itertuples()
    }
    chosen = default_indicator(indicators)
    return st.selectbox(
        t("overview.indicator_select", lang),
        options=options,
        index=options.index(chosen) if chosen in options else 0,
        format_func=lambda i: names.get(i, i),
        key="overview_indicator",
    )


def _with_labels(series: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Add the columns the chart shows: place in the chosen language, series and kind names."""
    place = series["place_name_en"] if lang == "en" else series["place_name"]
    return series.assign(
        place_label=place,
        series=place + " · " + series["instrument"].fillna("?").astype(str),
        kind_label=series["instrument_kind"].map(lambda k: t(f"ikind.{k}", lang)),
    )


def _chart(measured: pd.DataFrame, targets: pd.DataFrame, unit: str, lang: str) -> alt.LayerChart:
    """One line per place and instrument; the dash pattern shows the kind of measurement."""
    value_title = f"{t('chart.value', lang)} ({unit})" if unit else t("chart.value", lang)
    base = alt.Chart(measured).encode(
        x=alt.X(
            "period_start:T",
            title=t("chart.period", lang),
            axis=alt.Axis(format="%Y", tickCount={"interval": "year", "step": 1}),
        ),
        y=alt.Y("value:Q", title=value_title, scale=alt.Scale(zero=True)),
        color=alt.Color(
            "series:N",
            title=t("chart.series", lang),
            legend=alt.Legend(labelLimit=320, symbolType="stroke", symbolStrokeWidth=3),
        ),
    )
    # Lines and points are separate layers: with points overlaid on the line mark, the
    # dash legend would inherit the filled point symbol and draw nothing.
    lines = base.mark_line(strokeWidth=2).encode(
        strokeDash=alt.StrokeDash(
            "kind_label:N",
            title=t("chart.instrument_kind", lang),
            legend=alt.Legend(labelLimit=320, symbolType="stroke", symbolStrokeWidth=2),
        ),
        detail="series:N",
    )
    points = base.mark_point(filled=True, size=60, opacity=1).encode(
        tooltip=[
            alt.Tooltip("place_label:N", title=t("col.place", lang)),
            alt.Tooltip("period:N", title=t("col.period", lang)),
            alt.Tooltip("value:Q", title=t("col.value", lang)),
            alt.Tooltip("instrument:N", title=t("col.instrument", lang)),
            alt.Tooltip("source:N", title=t("col.source", lang)),
        ],
    )
    layers: list[alt.Chart] = [lines, points]
    if not targets.empty:
        marks = targets.assign(
            text=[
                t("overview.target_label", lang, place=pl, period=p, value=_number(v, unit))
                for pl, p, v in zip(
                    _place_names(targets, lang), targets["period"], targets["value"], strict=False
                )
            ]
        )
        rule = (
            alt.Chart(marks)
            .mark_rule(color="#c62828", strokeDash=[6, 4], size=2)
            .encode(
                y="value:Q",
                tooltip=[
                    alt.Tooltip("text:N", title=""),
                    alt.Tooltip("source:N", title=t("col.source", lang)),
                ],
            )
        )
        # Label at the left end of the rule, where the falling lines are furthest from it.
        label = (
            alt.Chart(marks)
            .mark_text(
                align="left", baseline="bottom", dx=4, dy=-4, color="#c62828", fontWeight="bold"
            )
            .encode(y="value:Q", x=alt.value(0), text="text:N")
        )
        layers += [rule, label]
    return alt.layer(*layers).properties(height=380)


def _number(value: float, unit: str) -> str:
    return f"{value:g}%" if unit == "percent" else f"{value:g}"


def _place_names(frame: pd.DataFrame, lang: str) -> pd.Series:
    return frame["place_name_en"] if lang == "en" else frame["place_name"]


def _values_table(series: pd.DataFrame, lang: str) -> None:
    columns = {
        "period": "col.period",
        "place_label": "col.place",
        "value": "col.value",
        "value_text": "col.value_text",
        "unit": "col.unit",
        "instrument": "col.instrument",
        "kind_label": "col.instrument_kind",
        "source": "col.source",
        "target": "col.target",
    }
    table = series[list(columns)].rename(columns={k: t(v, lang) for k, v in columns.items()})
    st.dataframe(table, hide_index=True, width="stretch")


def _indicator_section(store, lang: str) -> None:
    st.subheader(t("overview.indicator_header", lang))
    indicators = indicators_with_observations(store)
    if indicators.empty:
        st.info(t("overview.no_observations", lang))
        return
    indicator_id = _pick_indicator(indicators, lang)
    info = indicators.set_index("indicator").loc[indicator_id]
    series = _with_labels(indicator_series(store, indicator_id), lang)
    places = sorted(set(series.loc[~series["target"], "place"]))
    place_names = dict(zip(series["place"], series["place_label"], strict=False))
    focus = focus_place(series)
    chain = place_chain(store, focus) if focus else []
    chosen = st.multiselect(
        t("overview.places_select", lang),
        options=places,
        default=[p for p in default_places(series, chain) if p in places],
        format_func=lambda p: place_names.get(p) or "—",
        key=f"overview_places_{indicator_id}",  # one choice per indicator, kept between reruns
    )
    shown = series[series["place"].isin(chosen) & ~series["target"]]
    # A target belongs to a place: draw those of the places shown and of the places the
    # village belongs to (the national target stays while the village is on screen).
    targets = target_lines(series, indicator_id, str(info["name"]), places=set(chosen) | set(chain))
    unit = str(info["unit"] or "")
    if shown.empty:
        st.info(t("overview.no_places", lang))
    else:
        st.altair_chart(_chart(shown, targets, unit, lang), width="stretch", key="overview_chart")
    st.caption(t("overview.instrument_note", lang))
    for target, place in zip(targets.itertuples(), _place_names(targets, lang), strict=False):
        st.caption(
            t(
                "overview.target_note",
                lang,
                place=place,
                value=_number(target.value, unit),
                period=target.period,
                source=target.source,
            )
        )
    st.markdown(f"**{t('overview.table_header', lang)}**")
    table_rows = series["observation"].isin(shown["observation"]) | (
        series["target"] & series["place"].isin(targets["place"])
    )
    _values_table(series[table_rows], lang)


def render() -> None:
    """Draw the page in the language chosen in the sidebar."""
    lang = current_lang()
    st.title(t("overview.title", lang))
    st.caption(t("overview.intro", lang))
    store = store_or_stop(lang)
    st.subheader(t("overview.counts_header", lang))
    _count_tiles(key_counts(store), lang)
    _indicator_section(store, lang)
    with st.expander(t("overview.glossary", lang)):
        st.dataframe(pd.DataFrame(glossary_rows(lang)), hide_index=True, width="stretch")


render()
