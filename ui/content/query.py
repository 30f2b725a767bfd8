"""Page "Kueri" / "Query": the named questions with their parameters, answers and Cypher.

On the Neo4j backend a read-only Cypher console sits below; the embedded store has none.
"""

from __future__ import annotations

import json
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

import settings
from drawing.answers import (
    CHARTS,
    answer_graph_html,
    answer_keys,
    chart_frame,
    display_frame,
    header,
    node_names,
)
from drawing.i18n import t, t_value
from drawing.labels import markdown_text
from graph.console import QueryRefused, QueryTimedOut
from graph.neo4j.console import EXAMPLE_QUERY
from graph.neo4j.questions import cypher_for
from graph.questions import BadParameter, get_question, list_questions, param_label, query_values
from graph.store import GraphStore
from queries.lookup import unknown_ids
from queries.overview import display_name
from queries.partners import count_partners
from ui.cache import GraphVersion, cached
from ui.state import current_lang, graph_or_stop


@cached(max_entries=64)
def _answer(data: GraphVersion, name: str, params: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    # kept per version of the data, question and parameters
    return data.store.ask(name, dict(params))


@cached(max_entries=8)
def _names(data: GraphVersion, lang: str) -> dict[str, str]:
    # every node's name in the language, by key and by id; per version of the data
    return node_names(data.graph, lang)


@cached(max_entries=32)
def _choices(data: GraphVersion, label: str | None, lang: str) -> dict[str, str]:
    """The nodes a picker offers, id -> name in ``lang`` (with the label when any label goes),
    sorted by name."""
    found = {}
    for _, node in data.graph.nodes(data=True):
        if node.get("id") is None or (label is not None and node.get("label") != label):
            continue
        name = display_name(node, lang)
        if label is None:
            name = f"{name} ({t_value('label', node.get('label'), lang)})"
        found[str(node["id"])] = name
    return dict(sorted(found.items(), key=lambda kv: (kv[1].casefold(), kv[0])))


@cached(max_entries=16)
def _tables(data: GraphVersion) -> list[str]:
    return sorted(
        {str(d["table"]) for _, d in data.graph.nodes(data=True) if d.get("table") is not None}
    )


def _from_address(question: dict[str, Any]) -> None:
    """Values in the page address (``?question=...&actor_id=...``) become the form's values, once."""
    wanted = st.query_params.get("question")
    if wanted != question["name"] or st.session_state.get("query_address_read") == wanted:
        return
    st.session_state["query_address_read"] = wanted
    for param in question["params"]:
        if param in st.query_params:
            st.session_state[_param_key(question["name"], param)] = st.query_params[param]


def _pick_question(lang: str) -> dict[str, Any]:
    questions = {q["name"]: q for q in list_questions()}
    wanted = st.query_params.get("question")
    if wanted in questions and "query_question" not in st.session_state:
        st.session_state["query_question"] = wanted
    name = st.selectbox(
        t("query.question", lang),
        options=list(questions),
        format_func=lambda n: questions[n][f"title_{lang}"],
        key="query_question",
    )
    question = questions[name]
    st.caption(question[f"description_{lang}"])
    if name == "partners_of_actor":
        st.caption(t("partners.definition", lang))
    _from_address(question)
    return question


def _param_key(name: str, param: str) -> str:
    return f"query_param_{name}_{param}"


def _param_title(param: str, lang: str) -> str:
    """A parameter's label: what it names ("Aktor"), not the id it stores."""
    stem = param.removesuffix("_id")
    return header(stem if stem in _NAMED_STEMS else param, lang)


_NAMED_STEMS = frozenset({"actor", "place", "target_group", "source"})


def _node_picker(data: GraphVersion, question: dict, param: str, values: dict, lang: str) -> str:
    """A picker of the nodes the parameter names, searched by name; stores the id."""
    default = str(question["params"][param])
    label = param_label(param, values)
    options = _choices(data, label, lang) if param != "table" else {v: v for v in _tables(data)}
    key = _param_key(question["name"], param)
    # ids the data lacks (the default on other data, an id typed into the address) are offered
    # as typed; the list stays the same from one rerun to the next
    typed = [default, str(st.query_params.get(param, default))]
    options = {**{i: i for i in typed if i not in options}, **options}
    if key not in st.session_state:
        st.session_state[key] = default
    return st.selectbox(
        _param_title(param, lang),
        options=list(options),
        format_func=lambda i: options.get(i, i),
        key=key,
        placeholder=t("query.pick_placeholder", lang),
        help=t("query.pick_help", lang),
    )


def _parameter_form(data: GraphVersion, question: dict[str, Any], lang: str) -> dict[str, str]:
    """One input per parameter: node pickers searched by name, a yes/no switch, or a list of
    the values a parameter takes; the values are kept per question."""
    if not question["params"]:
        st.caption(t("query.no_params", lang))
        return {}
    st.markdown(f"**{t('query.params', lang)}**")
    columns = st.columns(len(question["params"]))
    values: dict[str, str] = {}
    for column, (param, default) in zip(columns, question["params"].items(), strict=False):
        key = _param_key(question["name"], param)
        with column:
            if isinstance(default, bool):
                state = st.session_state.get(key, default)
                st.session_state[key] = str(state).lower() not in ("false", "0", "no")
                on = st.toggle(t("query.include", lang), key=key)
                values[param] = "true" if on else "false"
            elif param in question.get("choices", {}):
                choices = list(question["choices"][param])
                st.session_state.setdefault(key, str(default))
                values[param] = st.selectbox(
                    _param_title(param, lang),
                    choices,
                    format_func=lambda v: t_value("label", v, lang),
                    key=key,
                )
            else:
                values[param] = _node_picker(data, question, param, values, lang)
    return values


def _bar_chart(frame: pd.DataFrame, question: str, lang: str) -> alt.Chart:
    spec = CHARTS[question]
    category = header(spec.category, lang)
    value = header(spec.value, lang) if spec.value else t("query.bar_count", lang)
    encoding: dict[str, Any] = {
        "x": alt.X("value:Q", title=value),
        "y": alt.Y("category:N", sort="-x", title=category, axis=alt.Axis(labelLimit=320)),
        "tooltip": [
            alt.Tooltip("category:N", title=category),
            alt.Tooltip("value:Q", title=value, format=",.6~g"),
        ],
    }
    if "colour" in frame.columns:
        encoding["color"] = alt.Color("colour:N", title=header(spec.colour or "", lang))
    return (
        alt.Chart(frame, title=t("query.bar_title", lang, value=value, category=category))
        .mark_bar()
        .encode(**encoding)
        .properties(height=max(160, 26 * frame["category"].nunique()))
    )


def _small_graph(data: GraphVersion, question: dict, answer, values: dict, lang: str) -> bool:
    keys = answer_keys(question["name"], answer, query_values_of(question, values))
    actor = values.get("actor_id")
    drawn = answer_graph_html(data.graph, keys, lang, selected=f"Actor:{actor}" if actor else None)
    if drawn is None:
        return False
    page, nodes, edges = drawn
    st.caption(t("query.graph_caption", lang, nodes=nodes, edges=edges))
    components.html(page, height=580)
    return True


def _missing_values(answer: pd.DataFrame, question: str, lang: str) -> None:
    """Say how many rows the chart leaves out for want of a value."""
    value = CHARTS[question].value
    missing = int(answer[value].isna().sum()) if value else 0
    if missing:
        st.caption(t("query.chart_missing", lang, n=missing))


def _partner_summary(answer: pd.DataFrame, lang: str) -> None:
    counts = count_partners(answer["reasons"])
    summary = t(
        "partners.summary", lang, total=counts.total, direct=counts.direct, shared=counts.shared
    )
    st.markdown(f"**{summary}**")


def _show_answer(
    data: GraphVersion, answer: pd.DataFrame, question: dict, values: dict, lang: str
) -> None:
    st.subheader(t("query.answer", lang))
    if answer.empty:
        st.info(t("query.empty", lang))
        return
    st.caption(t("query.rows", lang, n=len(answer)))
    if question["name"] == "partners_of_actor":
        _partner_summary(answer, lang)
    shown = display_frame(answer, lang, _names(data, lang))
    view = st.radio(
        t("query.view", lang),
        ["table", "bar", "graph"],
        format_func=lambda v: t(f"query.view.{v}", lang),
        horizontal=True,
        key="query_view",
    )
    chart = chart_frame(question["name"], answer, shown, lang) if view == "bar" else None
    if view == "bar" and chart is not None:
        st.altair_chart(
            _bar_chart(chart, question["name"], lang), width="stretch", key="query_chart"
        )
        _missing_values(answer, question["name"], lang)
        return
    if view == "graph" and _small_graph(data, question, answer, values, lang):
        return
    if view != "table":
        st.info(t("query.no_numeric" if view == "bar" else "query.no_graph", lang))
    st.dataframe(shown, hide_index=True, width="stretch", key="query_table")


def query_values_of(question: dict[str, Any], params: dict[str, str]) -> dict[str, Any]:
    """The question's values as its query runs with them (ids, converted yes/no values)."""
    return query_values(get_question(question["name"]), params)


def _unknown_hint(data: GraphVersion, name: str, params: dict[str, str], lang: str) -> None:
    """Say which id names no node, and the names it may have meant."""
    for row in unknown_ids(data.store, name, params):
        hints = ", ".join(display_name(n, lang) for n in row["matches"]) or "-"
        label = t_value("label", row["label"], lang)
        st.warning(t("query.unknown_id", lang, label=label, value=row["value"], hints=hints))


def _show_cypher(name: str, params: dict[str, str], lang: str) -> None:
    with st.expander(t("query.cypher", lang), expanded=True):
        query, values = cypher_for(name, params)
        st.code(query, language="cypher")
        st.caption(t("query.cypher_params", lang))
        st.code(json.dumps(values, ensure_ascii=False, default=str), language="json")


def _console(store: GraphStore, lang: str) -> None:
    st.subheader(t("console.header", lang))
    if not store.has_console:
        st.info(t("console.unavailable", lang))
        return
    timeout = float(settings.get("JEJARING_CONSOLE_TIMEOUT"))
    cap = int(settings.get("JEJARING_CONSOLE_ROW_CAP"))
    st.caption(t("console.intro", lang, timeout=f"{timeout:g}", rows=cap))
    text = st.text_area(
        t("console.text", lang),
        value=EXAMPLE_QUERY,
        key="console_text",
    )
    if not st.button(t("console.run", lang), key="console_run"):
        return
    try:
        result = store.console(text, timeout_s=timeout, row_cap=cap)
    except QueryRefused as exc:
        st.error(t("console.refused", lang, reason=markdown_text(exc)))
    except QueryTimedOut:
        st.error(t("console.timeout", lang, timeout=f"{timeout:g}"))
    except Exception as exc:  # noqa: BLE001 - QueryFailed and driver errors: one message, no trace
        st.error(t("console.failed", lang, reason=markdown_text(exc)))
    else:
        st.caption(t("console.done", lang, n=len(result.rows), ms=result.elapsed_ms))
        if result.truncated:
            st.warning(t("console.truncated", lang, cap=result.row_cap))
        st.dataframe(result.frame(), hide_index=True, width="stretch", key="console_table")


def render() -> None:
    """Draw the page in the language chosen in the sidebar."""
    lang = current_lang()
    st.title(t("query.title", lang))
    st.caption(t("query.intro", lang))
    data = graph_or_stop(lang)
    question = _pick_question(lang)
    params = _parameter_form(data, question, lang)
    try:
        answer = _answer(data, question["name"], tuple(sorted(params.items())))
    except BadParameter as exc:
        st.error(t("query.bad_param", lang, error=markdown_text(exc)))
    except Exception as exc:  # noqa: BLE001 - a server error is a message, never a trace
        st.error(t("query.failed", lang, error=markdown_text(exc)))
    else:
        _unknown_hint(data, question["name"], params, lang)
        _show_answer(data, answer, question, params, lang)
        _show_cypher(question["name"], params, lang)
    _console(data.store, lang)
