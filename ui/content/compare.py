"""Page "Perbandingan" / "Compare": the source's tables of places, as printed, with the
case-study place highlighted.

Tabel 2 (the 17 villages of Kecamatan Cikeusal, Desa Mongpok highlighted) and Tabel 1 (the
kabupaten/kota of Banten, Kabupaten Serang highlighted), plus the Banten prevalence
rankings of 2021 and 2022. Values in the tables are the printed text (``value_text``); the
printed "Jumlah" row sits apart, beside the computed sum and the difference, because the
two disagree in the source and a user must see both.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from drawing.i18n import t
from queries.compare import (
    column_ranking,
    prevalence_ranking,
    printed_vs_computed,
    rank_in_column,
    table_observations,
    wide_table,
)
from ui.cache import GraphVersion, cached, vega_lite_spec
from ui.state import current_lang, graph_or_stop
from ui.tables import MISSING

# (table, place highlighted, widget key prefix, header key)
TABLES = (
    ("Tabel 2", "desa_mongpok", "compare_t2", "compare.t2_header"),
    ("Tabel 1", "kab_serang", "compare_t1", "compare.t1_header"),
)
RANKING_YEARS = (2021, 2022)
HIGHLIGHT = "#c62828"
OTHERS = "#90a4ae"


@cached(max_entries=16)
def _table(data: GraphVersion, table: str) -> pd.DataFrame:
    return table_observations(data.graph, table)


@cached(max_entries=16)
def _ranking(data: GraphVersion, year: int) -> pd.DataFrame:
    return prevalence_ranking(data.graph, year)


def _bar_chart(
    data: pd.DataFrame, label: str, value_title: str, highlight: str, lang: str
) -> alt.Chart:
    """Horizontal bars, largest first; the highlighted place in red, the others grey."""
    data = data.assign(
        marked=[
            t("col.highlight", lang) if p == highlight else t("compare.other", lang)
            for p in data["place"]
        ]
    )
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("value:Q", title=value_title),
            y=alt.Y(
                f"{label}:N",
                sort="-x",
                title=None,
                axis=alt.Axis(labelLimit=260, labelOverlap=False),
            ),
            color=alt.condition(
                alt.datum.place == highlight, alt.value(HIGHLIGHT), alt.value(OTHERS)
            ),
            tooltip=[
                alt.Tooltip(f"{label}:N", title=t("col.place", lang)),
                alt.Tooltip("value_text:N", title=t("col.value_text", lang)),
                alt.Tooltip("rank:Q", title=t("col.rank", lang)),
            ],
        )
        .properties(height=max(160, 26 * len(data)))
    )


def _totals(tidy: pd.DataFrame, lang: str) -> None:
    totals = printed_vs_computed(tidy)
    printed = totals["printed"].notna().any()
    st.markdown(f"**{t('compare.totals_header', lang)}**")
    st.caption(t("compare.totals_help" if printed else "compare.no_totals", lang))
    shown = pd.DataFrame(
        {
            t("compare.column", lang): totals["column"],
            t("col.printed", lang): totals["printed_text"],
            t("col.computed", lang): totals["computed"].map(
                lambda v: f"{v:,.0f}".replace(",", ".")
            ),
            t("col.difference", lang): totals["difference"],
            t("col.rows", lang): totals["rows"],
        }
    )
    if not printed:
        shown = shown.drop(columns=[t("col.printed", lang), t("col.difference", lang)])
    st.dataframe(shown, hide_index=True, width="stretch", placeholder=MISSING)


def _highlight_rows(wide: pd.DataFrame, rows: set[str]):
    """The wide table with the highlighted place's row tinted (Styler keeps values as text)."""

    def tint(row: pd.Series) -> list[str]:
        colour = "background-color: #ffebee; font-weight: bold" if row.name in rows else ""
        return [colour] * len(row)

    return wide.style.apply(tint, axis=1)


def _printed_table(tidy: pd.DataFrame, highlight: str, lang: str) -> None:
    st.markdown(f"**{t('compare.printed_table', lang)}**")
    # The printed total row is shown apart, in the totals table below, next to the sum.
    wide = wide_table(tidy[~tidy["printed_total"]])
    wide.index.name = t("col.row", lang)
    rows = set(tidy.loc[tidy["place"] == highlight, "row"])
    st.dataframe(_highlight_rows(wide, rows), width="stretch", placeholder=MISSING)


def _table_section(data: GraphVersion, spec: tuple[str, str, str, str], lang: str) -> None:
    table, highlight, key, header = spec
    st.subheader(t(header, lang))
    tidy = _table(data, table)
    if tidy.empty:
        st.info(t("compare.no_table", lang, table=table))
        return
    units = set(tidy["unit"].dropna().astype(str)) if "unit" in tidy.columns else set()
    if units == {"families"}:  # Tabel 2 and Tabel 1: target families, not prevalence
        st.caption(t("compare.families_note", lang))
    columns = list(wide_table(tidy).columns)
    column = st.selectbox(t("compare.column", lang), columns, key=f"{key}_column")
    chart, rank = _column_view(data, table, column, highlight, lang)
    st.vega_lite_chart(chart, width="stretch", key=f"{key}_chart")
    if rank is not None:
        st.caption(rank)
    _printed_table(tidy, highlight, lang)
    _totals(tidy, lang)


@cached(max_entries=32)
def _column_view(
    data: GraphVersion, table: str, column: str, highlight: str, lang: str
) -> tuple[dict, str | None]:
    """The bar chart of one printed column, and where the highlighted place ranks in it
    (None: not in the column), made once per column and language."""
    tidy = _table(data, table)
    ranked = column_ranking(tidy, column)
    label = "place_name_en" if lang == "en" else "place_name"
    ranked[label] = ranked[label].fillna(ranked["row"])
    chart = vega_lite_spec(_bar_chart(ranked, label, column, highlight, lang))
    where = rank_in_column(tidy, column, highlight)
    if not where:
        return chart, None
    name = ranked.loc[ranked["place"] == highlight, label].iloc[0]
    return chart, t("compare.rank", lang, place=name, rank=where[0], of=where[1])


def _ranking_section(data: GraphVersion, lang: str) -> None:
    st.subheader(t("compare.ranking_header", lang))
    year = st.radio(
        t("compare.year", lang),
        RANKING_YEARS,
        index=len(RANKING_YEARS) - 1,
        horizontal=True,
        key="compare_ranking_year",
    )
    view = _ranking_view(data, year, lang)
    if view is None:
        st.info(t("compare.no_table", lang, table=year))
        return
    chart, ambiguous, shown = view
    st.vega_lite_chart(chart, width="stretch", key="compare_ranking_chart")
    if ambiguous:
        st.caption(t("compare.ambiguity_note", lang))
    st.dataframe(shown, hide_index=True, width="stretch", placeholder=MISSING)


@cached(max_entries=8)
def _ranking_view(
    data: GraphVersion, year: int, lang: str
) -> tuple[dict, bool, pd.DataFrame] | None:
    """The prevalence ranking of ``year``: its bar chart, whether a printed figure is
    ambiguous, and its table; None when the data holds no ranking for that year."""
    ranking = _ranking(data, year)
    if ranking.empty:
        return None
    label = "place_name_en" if lang == "en" else "place_name"
    # A place printed twice gets one bar per figure: the label says which mention it is.
    ranking = ranking.assign(
        bar=ranking[label]
        + ranking.groupby("place").cumcount().map(lambda i: f" ({i + 1})" if i else "")
    )
    ranking["value_text"] = ranking["value_text"].fillna(ranking["value"].astype(str))
    chart = vega_lite_spec(_bar_chart(ranking, "bar", "%", "kab_serang", lang))
    shown = pd.DataFrame(
        {
            t("col.rank", lang): ranking["rank"],
            t("col.place", lang): ranking["bar"],
            t("col.value", lang): ranking["value"],
            t("col.instrument", lang): ranking["instrument"],
            t("col.note", lang): ranking["ambiguity"],
        }
    )
    return chart, bool(ranking["ambiguity"].notna().any()), shown


def render() -> None:
    """Draw the page in the language chosen in the sidebar."""
    lang = current_lang()
    st.title(t("compare.title", lang))
    st.caption(t("compare.intro", lang))
    data = graph_or_stop(lang)
    for spec in TABLES:
        _table_section(data, spec, lang)
    _ranking_section(data, lang)
