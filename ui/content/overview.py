"""Page "Ringkasan" / "Overview": what the graph holds and how the stunting indicators moved.

Its reads of the store are cached per version of the data (ui.cache), so a warm rerun only
draws the widgets and sends what was built the first time.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from drawing.i18n import glossary_rows, t, t_recorded, t_value
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
from ui.cache import GraphVersion, cached, vega_lite_spec
from ui.state import current_lang, graph_or_stop
from ui.tables import MISSING

# The tiles users ask for first; the full table sits in an expander below them.
TILE_LABELS = ("Actor", "Intervention", "Program", "Observation", "Factor", "Source")


# -- cached reads and charts (per version of the data and the parameters) ---------------------
@cached(max_entries=8)
def _indicators(data: GraphVersion) -> pd.DataFrame:
    return indicators_with_observations(data.store)


@cached(max_entries=32)
def _series(data: GraphVersion, indicator_id: str) -> tuple[pd.DataFrame, list[str]]:
    """An indicator's observations and the chain of places above its focus place."""
    series = indicator_series(data.store, indicator_id)
    focus = focus_place(series)
    return series, (place_chain(data.store, focus) if focus else [])


@cached(max_entries=32)
def _place_choice(
    data: GraphVersion, indicator_id: str, lang: str
) -> tuple[list[str], dict[str, str], list[str]]:
    """The places an indicator has measurements for, their names and the default choice."""
    raw, chain = _series(data, indicator_id)
    series = _with_labels(raw, lang)
    places = sorted(set(series.loc[~series["target"], "place"]))
    names = dict(zip(series["place"], series["place_label"], strict=False))
    return places, names, [p for p in default_places(series, chain) if p in places]


@cached(max_entries=64)
def _indicator_view(
    data: GraphVersion,
    indicator_id: str,
    chosen: tuple[str, ...],
    lang: str,
    name: str,
    unit: str,
) -> tuple[dict | None, list[str], pd.DataFrame]:
    """The chart's Vega-Lite specification (None: no place chosen), the notes on its target
    lines and the values behind it, for one indicator, choice of places and language.

    Building and validating the Altair chart costs more than anything else on the page, so
    it is made once per view, by Streamlit's own conversion (the one st.altair_chart runs on
    every call): the same specification, its data already in Arrow.
    """
    raw, chain = _series(data, indicator_id)
    series = _with_labels(raw, lang)
    shown = series[series["place"].isin(chosen) & ~series["target"]]
    # A target belongs to a place: draw those of the places shown and of the places the
    # village belongs to (the national target stays while the village is on screen).
    targets = target_lines(series, indicator_id, name, places=set(chosen) | set(chain))
    spec = None if shown.empty else vega_lite_spec(_chart(shown, targets, unit, lang))
    notes = [
        t(
            "overview.target_note",
            lang,
            place=place,
            value=_number(target.value, unit),
            period=target.period,
            source=target.source,
        )
        for target, place in zip(targets.itertuples(), _place_names(targets, lang), strict=False)
    ]
    table_rows = series["observation"].isin(shown["observation"]) | (
        series["target"] & series["place"].isin(targets["place"])
    )
    return spec, notes, _values_table(series[table_rows], lang)


@cached(max_entries=16)
def _count_view(data: GraphVersion, lang: str) -> tuple[list[tuple[str, int]], pd.DataFrame]:
    """The tiles (label, count) and the full table of counts, named in ``lang``."""
    counts = key_counts(data.store)
    nodes = counts[counts["kind"] == "node"].set_index("name")["count"]
    n_rels = int(counts.loc[counts["kind"] == "relationship", "count"].sum())
    tiles = [(t(f"count.{label}", lang), int(nodes.get(label, 0))) for label in TILE_LABELS]
    tiles.append((t("count.relationships", lang), n_rels))
    table = counts.assign(
        kind=counts["kind"].map(lambda k: t(f"kind.{k}", lang)),
        name=[
            t_value("label" if k == "node" else "rel", n, lang)
            for k, n in zip(counts["kind"], counts["name"], strict=False)
        ],
    )
    table = table.rename(columns={c: t(f"col.{c}", lang) for c in ("kind", "name", "count")})
    return tiles, table


@cached(max_entries=4)
def _glossary(lang: str) -> pd.DataFrame:
    return pd.DataFrame(glossary_rows(lang))


def _count_tiles(tiles: list[tuple[str, int]], table: pd.DataFrame, lang: str) -> None:
    columns = st.columns(len(tiles))
    for column, (label, value) in zip(columns, tiles, strict=False):
        column.metric(label, value)
    with st.expander(t("overview.counts_all", lang)):
        st.dataframe(table, hide_index=True, width="stretch", placeholder=MISSING)


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
    instrument = series["instrument"].map(lambda v: t_recorded(v, lang) or "?")
    return series.assign(
        place_label=place,
        instrument=instrument,
        source=series["source"].map(lambda v: t_recorded(v, lang)),
        unit=series["unit"].map(lambda v: t_recorded(v, lang)),
        series=place + " · " + instrument,
        kind_label=series["instrument_kind"].map(lambda k: t(f"ikind.{k}", lang)),
    )


def _chart(measured: pd.DataFrame, targets: pd.DataFrame, unit: str, lang: str) -> alt.LayerChart:
    """One line per place and instrument; the dash pattern shows the kind of measurement."""
    value_title = (
        f"{t('chart.value', lang)} ({t_recorded(unit, lang)})" if unit else t("chart.value", lang)
    )
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


def _values_table(series: pd.DataFrame, lang: str) -> pd.DataFrame:
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
    return series[list(columns)].rename(columns={k: t(v, lang) for k, v in columns.items()})


def _indicator_section(data: GraphVersion, lang: str) -> None:
    st.subheader(t("overview.indicator_header", lang))
    indicators = _indicators(data)
    if indicators.empty:
        st.info(t("overview.no_observations", lang))
        return
    indicator_id = _pick_indicator(indicators, lang)
    info = indicators.set_index("indicator").loc[indicator_id]
    places, place_names, default = _place_choice(data, indicator_id, lang)
    chosen = st.multiselect(
        t("overview.places_select", lang),
        options=places,
        default=default,
        format_func=lambda p: place_names.get(p) or "—",
        key=f"overview_places_{indicator_id}",  # one choice per indicator, kept between reruns
    )
    unit = str(info["unit"] or "")
    spec, notes, table = _indicator_view(
        data, indicator_id, tuple(chosen), lang, str(info["name"]), unit
    )
    if spec is None:
        st.info(t("overview.no_places", lang))
    else:
        st.vega_lite_chart(spec, width="stretch", key="overview_chart")
    st.caption(t("overview.instrument_note", lang))
    for note in notes:
        st.caption(note)
    st.markdown(f"**{t('overview.table_header', lang)}**")
    st.dataframe(table, hide_index=True, width="stretch", placeholder=MISSING)


def render() -> None:
    """Draw the page in the language chosen in the sidebar."""
    lang = current_lang()
    st.title(t("overview.title", lang))
    st.caption(t("overview.intro", lang))
    data = graph_or_stop(lang)
    st.subheader(t("overview.counts_header", lang))
    _count_tiles(*_count_view(data, lang), lang)
    _indicator_section(data, lang)
    with st.expander(t("overview.glossary", lang)):
        st.dataframe(_glossary(lang), hide_index=True, width="stretch", placeholder=MISSING)
