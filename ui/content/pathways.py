"""Page "Intervensi -> Hasil" / "Pathways": actors -> intervention -> target groups ->
indicators, with the kind of every claim marked and the evidence of every step.

The diagram is Graphviz DOT drawn by ``st.graphviz_chart``, which Streamlit renders with the
Graphviz engine bundled in its frontend (WebAssembly inside its own JavaScript), so it loads
nothing from the network and works offline. A claim is never drawn stronger than the data
says: "reported by informants" has its own dashed style and is never drawn as "measured".
"""

from __future__ import annotations

import html
import math

import altair as alt
import pandas as pd
import streamlit as st

from drawing.filenames import file_name, slug
from drawing.i18n import t, t_recorded, t_value
from drawing.labels import markdown_text
from exports.tables import csv_bytes
from queries.details import evidence_passages
from queries.overview import place_chain
from queries.pathways import (
    CLAIM_NOT_STATED,
    NO_LINK,
    indicator_observations,
    intervention_pathways,
    pathway,
)
from ui.cache import GraphVersion, cached, vega_lite_spec
from ui.state import current_lang, graph_or_stop, sources_dir, table_rows
from ui.tables import MISSING

DEFAULT_INTERVENTION = "bibit_lele"
CHART_HEIGHT = 320  # the plot area of the indicator chart, in pixels
# How each kind of claim is drawn; the legend explains the same styles in words.
CLAIM_STYLES = {
    "measured": 'color="#2e7d32" penwidth=2.5 style=solid',
    "reported_by_informants": 'color="#ef6c00" penwidth=2 style=dashed',
    CLAIM_NOT_STATED: 'color="#757575" penwidth=1.5 style=dotted',
}
CLAIM_ORDER = ("reported_by_informants", "measured", CLAIM_NOT_STATED, NO_LINK)
STEP_FILL = {
    "actor": "#e3f2fd",
    "intervention": "#fff8e1",
    "target_group": "#f3e5f5",
    "indicator": "#e8f5e9",
}


@cached(max_entries=8)
def _all_pathways(data: GraphVersion) -> pd.DataFrame:
    return intervention_pathways(data.graph)


@cached(max_entries=64)
def _pathway(data: GraphVersion, intervention: str) -> dict:
    return pathway(data.graph, intervention)


@cached(max_entries=64)
def _observations(data: GraphVersion, indicator: str) -> pd.DataFrame:
    return indicator_observations(data.graph, indicator)


def _name(item: dict, lang: str, prefix: str = "") -> str:
    english = item.get(f"{prefix}name_en") if lang == "en" else None
    return str(english or item.get(f"{prefix}name") or item.get("id") or "?")


def _dot_text(text: object, width: int = 28) -> str:
    """Text safe inside a quoted DOT label, wrapped to ``width`` characters a line.

    Graphviz decodes HTML entities in labels and escapes them again in its SVG, so
    html.escape keeps markup from the data inert without showing entities to the user.
    """
    words, lines, line = str(text).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    safe = [html.escape(part).replace("\\", "\\\\") for part in lines]
    return "\\n".join(safe)


def _node(node_id: str, label: str, step: str) -> str:
    return f'"{node_id}" [label="{_dot_text(label)}" fillcolor="{STEP_FILL[step]}"];'


def _missing_node(node_id: str, step: str, lang: str) -> str:
    step_name = t(f"step.{step}", lang)
    label = f"{step_name}: {t('claim.no_link', lang)}"
    return (
        f'"{node_id}" [label="{_dot_text(label)}" style="dashed" color="#9e9e9e" '
        f'fontcolor="#616161"];'
    )


def _via_names(via: object, programmes: dict) -> str:
    """The programme chain of a link (ids, nearest first, joined by " > ") as names."""
    chain = [part.strip() for part in str(via or "").split(">") if part.strip()]
    return " › ".join(programmes.get(part, part) for part in chain)


def _indicator_edges(center: str, item: dict, programmes: dict, lang: str) -> list[str]:
    """One edge per link that reaches the indicator, styled by the claim it carries."""
    edges = []
    for link in item["links"]:
        claim = link.get("claim") or CLAIM_NOT_STATED
        style = CLAIM_STYLES.get(claim, CLAIM_STYLES[CLAIM_NOT_STATED])
        label = t(f"claim.{claim}", lang)
        if link.get("link") == "via_programme":
            via = _via_names(link.get("via"), programmes)
            label += "\\n" + _dot_text(t("pathways.via", lang, via=via))
        edges.append(f'"{center}" -> "{item["key"]}" [{style} label="{label}" fontsize=10];')
    return edges


def pathway_dot(path: dict, lang: str) -> str:
    """The pathway as a left-to-right Graphviz diagram, one column per step."""
    center = path["intervention"]["key"]
    programmes = {p["id"]: _name(p, lang) for p in path["programmes"]}
    lines = [
        "digraph pathway {",
        'rankdir=LR; nodesep=0.25; ranksep=0.9; bgcolor="transparent";',
        'node [shape=box style="rounded,filled" fontname="Helvetica" fontsize=11];',
        'edge [fontname="Helvetica" color="#546e7a"];',
        _node(center, _name(path["intervention"], lang), "intervention"),
    ]
    for actor in path["actors"]:
        lines.append(_node(actor["key"], _name(actor, lang), "actor"))
        relation = t_value("rel", actor.get("relation"), lang)
        lines.append(f'"{actor["key"]}" -> "{center}" [label="{_dot_text(relation)}" fontsize=10];')
    for group in path["target_groups"]:
        lines.append(_node(group["key"], _name(group, lang), "target_group"))
        lines.append(f'"{center}" -> "{group["key"]}";')
    for item in path["indicators"]:
        lines.append(_node(item["key"], _name(item, lang), "indicator"))
        lines += _indicator_edges(center, item, programmes, lang)
    for step in path["missing"]:
        missing = f"missing:{step}"
        lines.append(_missing_node(missing, step, lang))
        ends = (missing, center) if step == "actor" else (center, missing)
        lines.append(f'"{ends[0]}" -> "{ends[1]}" [style=dashed color="#9e9e9e"];')
    lines.append("}")
    return "\n".join(lines)


def _legend(lang: str) -> None:
    st.markdown(f"**{t('pathways.legend_header', lang)}**")
    for claim in CLAIM_ORDER:
        st.markdown(f"- **{t(f'claim.{claim}', lang)}**: {t(f'claim.legend.{claim}', lang)}")


def _pick(interventions: list[tuple[str, str]], lang: str) -> str:
    rows = table_rows()
    if len(interventions) > rows:  # a national network: find by name, offer at most ``rows``
        text = st.text_input(
            t("pathways.filter", lang),
            key="pathways_filter",
            placeholder=t("pathways.filter_placeholder", lang),
        )
        needle = text.strip().casefold()
        if needle:
            interventions = [
                (i, name) for i, name in interventions if needle in f"{i} {name}".casefold()
            ]
        if len(interventions) > rows:
            st.caption(t("pathways.pick_capped", lang, shown=rows, total=len(interventions)))
            interventions = interventions[:rows]
        if not interventions:
            st.info(t("pathways.filter_none", lang, text=_md(text.strip())))
            st.stop()
    ids = [i for i, _ in interventions]
    names = dict(interventions)
    default = ids.index(DEFAULT_INTERVENTION) if DEFAULT_INTERVENTION in ids else 0
    return st.selectbox(
        t("pathways.pick", lang),
        options=ids,
        index=default,
        format_func=lambda i: names.get(i, i),
        key="pathways_intervention",
    )


_md = markdown_text  # text safe to put in st.markdown (data shows as typed, never as markup)


def _passages(locators: list, sources: dict, lang: str) -> None:
    if not locators:
        st.caption(t("pathways.no_evidence", lang))
        return
    for row in evidence_passages(locators, sources, sources_dir()).itertuples():
        where = f"{row.source} · {row.section} · {t('pathways.paragraph', lang)} {row.paragraph}"
        st.markdown(f"**{_md(where)}**")
        if row.passage:
            st.markdown("> " + _md(row.passage).replace("\n", "  \n> "))
        else:
            st.caption(t("pathways.unresolved", lang, problem=row.problem))


def _evidence(path: dict, sources: dict, lang: str) -> None:
    """One expander per step of the pathway, with the passages its locators point at."""
    st.subheader(t("pathways.evidence_header", lang))
    programmes = {p["id"]: _name(p, lang) for p in path["programmes"]}
    steps = [("intervention", path["intervention"], path["intervention"].get("evidence") or [])]
    steps += [("actor", a, a["evidence"] + a.get("via_evidence", [])) for a in path["actors"]]
    steps += [("target_group", g, g["evidence"]) for g in path["target_groups"]]
    for item in path["indicators"]:
        for link in item["links"]:
            steps.append(("indicator", item | link, link["evidence"] + link["via_evidence"]))
    for step, item, locators in steps:
        title = t(
            "pathways.evidence_step", lang, step=t(f"step.{step}", lang), name=_name(item, lang)
        )
        if item.get("claim"):
            claim = t(f"claim.{item['claim']}", lang)
            title += f" · {claim}"
        if item.get("link") == "via_programme":
            via = _via_names(item.get("via"), programmes)
            title += f" · {t('pathways.via', lang, via=via)}"
        with st.expander(title):
            _passages(locators, sources, lang)


def _series_chart(shown: pd.DataFrame, unit: str, title: str, lang: str) -> alt.LayerChart:
    """One line per place and instrument; targets as a red dashed rule."""
    measured = shown[~shown["target"]]
    targets = shown[shown["target"]]
    value_title = (
        f"{t('chart.value', lang)} ({t_recorded(unit, lang)})" if unit else t("chart.value", lang)
    )
    years = alt.Axis(format="%Y", tickCount={"interval": "year", "step": 1}, labelOverlap=True)
    base = alt.Chart(measured, title=title).encode(
        x=alt.X("period_start:T", title=t("chart.period", lang), axis=years),
        y=alt.Y("value:Q", title=value_title, scale=alt.Scale(domain=[0, value_top(shown)])),
        color=alt.Color(
            "label:N",
            title=t("chart.series", lang),
            legend=alt.Legend(labelLimit=320, orient="bottom", columns=1),
        ),
        tooltip=[
            alt.Tooltip("label:N", title=t("chart.series", lang)),
            alt.Tooltip("period:N", title=t("col.period", lang)),
            alt.Tooltip("value:Q", title=t("col.value", lang)),
            alt.Tooltip("source:N", title=t("col.source", lang)),
        ],
    )
    layers = [base.mark_line(strokeWidth=2), base.mark_point(filled=True, size=60)]
    if not targets.empty:
        layers.append(
            alt.Chart(targets)
            .mark_rule(color="#c62828", strokeDash=[6, 4], size=2)
            .encode(
                y="value:Q",
                tooltip=[
                    alt.Tooltip("label:N", title=""),
                    alt.Tooltip("value:Q", title=t("col.value", lang)),
                ],
            )
        )
    # "fit-x": the plot keeps its height and the legend is added below it; Streamlit's
    # default ("fit") squeezes plot, title and legend into the height together.
    return alt.layer(*layers).properties(
        height=CHART_HEIGHT,
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        padding={"top": 12, "left": 5, "right": 5, "bottom": 5},  # room above the title
    )


def value_top(shown: pd.DataFrame) -> float:
    """The top of the value axis: above every value drawn (targets too), at a round number."""
    top = float(pd.to_numeric(shown["value"], errors="coerce").max())
    step = 10.0 if top > 20 else (5.0 if top > 5 else 1.0)
    return max(step, math.ceil(top * 1.05 / step) * step)


def _with_labels(obs: pd.DataFrame, lang: str) -> pd.DataFrame:
    place = obs["place_name_en"] if lang == "en" else obs["place_name"]
    instrument = obs["instrument"].map(lambda v: t_recorded(v, lang) or "?")
    label = place.fillna("?") + " · " + instrument
    label = label.where(~obs["target"], label + " · " + t("col.target", lang).rstrip("?"))
    return obs.assign(label=label)


def _series(data: GraphVersion, path: dict, lang: str) -> None:
    st.subheader(t("pathways.series_header", lang))
    if not path["indicators"]:
        st.info(t("pathways.no_indicators", lang))
        return
    items = {item["id"]: item for item in path["indicators"]}
    indicator = st.selectbox(
        t("pathways.series_indicator", lang),
        options=list(items),
        format_func=lambda i: _name(items[i], lang),
        key="pathways_indicator",
    )
    # The pathway's places and every place they belong to: the village beside its kabupaten,
    # province and the national target.
    places = {p for place in path["places"] for p in place_chain(data.store, place)}
    unit = str(items[indicator].get("unit") or "")
    title = _name(items[indicator], lang)
    spec = _series_spec(data, indicator, tuple(sorted(places)), unit, title, lang)
    if spec is None:
        st.info(t("pathways.no_series", lang))
        return
    st.vega_lite_chart(spec, width="stretch", key="pathways_chart")
    st.caption(t("pathways.series_note", lang))


@cached(max_entries=64)
def _series_spec(
    data: GraphVersion, indicator: str, places: tuple[str, ...], unit: str, title: str, lang: str
) -> dict | None:
    """The chart of an indicator's values in ``places`` (all places when none), made once per
    view and language; None when there is no value to draw."""
    obs = _with_labels(_observations(data, indicator), lang)
    shown = obs[obs["place"].isin(places)] if places else obs
    if shown.empty or shown["value"].isna().all():
        return None
    return vega_lite_spec(_series_chart(shown, unit, title, lang))


@cached(max_entries=8)
def _all_frame(data: GraphVersion, lang: str) -> tuple[pd.DataFrame, bytes]:
    """Every pathway step as shown (names and codes in ``lang``) and as CSV bytes."""
    table = _all_pathways(data)
    suffix = "_en" if lang == "en" else ""
    names = table[f"name{suffix}"].fillna(table["name"]) if suffix else table["name"]
    programmes = {
        str(d["id"]): _name(d, lang)
        for _, d in data.graph.nodes(data=True)
        if d.get("label") == "Program" and d.get("id")
    }
    shown = pd.DataFrame(
        {
            t("col.intervention", lang): table[f"intervention_name{suffix}"].fillna(
                table["intervention_name"]
            ),
            t("col.step", lang): [t(f"step.{s}", lang) for s in table["step"]],
            t("col.relation", lang): [
                t_value("rel", r, lang) if r else "" for r in table["relation"]
            ],
            t("col.node_name", lang): names,
            t("col.link", lang): [t(f"link.{lk}", lang) for lk in table["link"]],
            t("col.via", lang): [_via_names(v, programmes) for v in table["via"]],
            t("col.claim_kind", lang): [t(f"claim.{c}", lang) if c else "" for c in table["claim"]],
            t("col.evidence", lang): table["evidence_text"],
        }
    )
    return shown, csv_bytes(shown)


def _all_table(shown: pd.DataFrame, csv: bytes, lang: str) -> None:
    st.subheader(t("pathways.all_header", lang))
    rows = table_rows()
    if len(shown) > rows:
        st.caption(t("analysis.rows_capped", lang, shown=rows, total=len(shown)))
    st.dataframe(shown.head(rows), hide_index=True, width="stretch", placeholder=MISSING)
    st.download_button(
        t("analysis.download_csv", lang),
        data=csv,
        file_name=file_name(f"jejaring-{slug(t('nav.pathways', lang))}", "csv"),
        mime="text/csv",
        help=t("analysis.download_help", lang),
        key="pathways_download",
    )


def render() -> None:
    """Draw the page in the language chosen in the sidebar."""
    lang = current_lang()
    st.title(t("pathways.title", lang))
    st.caption(t("pathways.intro", lang))
    data = graph_or_stop(lang)
    table = _all_pathways(data)
    if table.empty:
        st.info(t("pathways.no_interventions", lang))
        return
    firsts = table.drop_duplicates("intervention")
    suffix = "_en" if lang == "en" else ""
    labels = firsts[f"intervention_name{suffix}"].fillna(firsts["intervention_name"])
    ids = [str(key).rpartition(":")[2] for key in firsts["intervention"]]
    chosen = _pick(sorted(zip(ids, labels, strict=False), key=lambda p: str(p[1]).casefold()), lang)
    try:
        path = _pathway(data, chosen)
    except KeyError as exc:
        st.error(t("analysis.error", lang, error=exc))
        return
    st.subheader(t("pathways.diagram_header", lang))
    st.graphviz_chart(pathway_dot(path, lang), width="stretch")
    _legend(lang)
    if path["missing"]:
        steps = ", ".join(t(f"step.{s}", lang) for s in path["missing"])
        st.caption(t("pathways.missing", lang, steps=steps))
    sources = {s["id"]: s for s in data.store.nodes("Source")}
    _evidence(path, sources, lang)
    _series(data, path, lang)
    _all_table(*_all_frame(data, lang), lang)
