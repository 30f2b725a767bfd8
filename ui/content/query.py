"""Page "Kueri" / "Query": the named questions with their parameters, answers and Cypher.

On the Neo4j backend a read-only Cypher console sits below; the embedded store has none.
"""

from __future__ import annotations

import json
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

import settings
from drawing.i18n import t
from drawing.labels import markdown_text
from graph.console import QueryRefused, QueryTimedOut
from graph.neo4j.console import EXAMPLE_QUERY
from graph.neo4j.questions import cypher_for
from graph.questions import BadParameter, list_questions
from graph.store import GraphStore
from ui.cache import GraphVersion, cached
from ui.state import current_lang, graph_or_stop


@cached(max_entries=64)
def _answer(data: GraphVersion, name: str, params: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    # kept per version of the data, question and parameters
    return data.store.ask(name, dict(params))


def _pick_question(lang: str) -> dict[str, Any]:
    questions = {q["name"]: q for q in list_questions()}
    name = st.selectbox(
        t("query.question", lang),
        options=list(questions),
        format_func=lambda n: questions[n][f"title_{lang}"],
        key="query_question",
    )
    question = questions[name]
    st.caption(question[f"description_{lang}"])
    return question


def _parameter_form(question: dict[str, Any], lang: str) -> dict[str, str]:
    """One text input per parameter, prefilled with its default; keys are per question."""
    if not question["params"]:
        st.caption(t("query.no_params", lang))
        return {}
    st.markdown(f"**{t('query.params', lang)}**")
    columns = st.columns(len(question["params"]))
    values = {}
    for column, (param, default) in zip(columns, question["params"].items(), strict=False):
        values[param] = column.text_input(
            param,
            value=str(default).lower() if isinstance(default, bool) else str(default),
            key=f"query_param_{question['name']}_{param}",
            help=t("query.param_help", lang),
        )
    return values


def _numeric_columns(answer: pd.DataFrame) -> list[str]:
    return [
        c
        for c in answer.columns
        if pd.api.types.is_numeric_dtype(answer[c]) and not pd.api.types.is_bool_dtype(answer[c])
    ]


def _bar_chart(answer: pd.DataFrame, value: str, lang: str) -> alt.Chart:
    text_columns = [c for c in answer.columns if c not in _numeric_columns(answer)]
    category = text_columns[0] if text_columns else answer.columns[0]
    data = answer[[category, value]].astype({category: str}).dropna()
    return (
        alt.Chart(data, title=t("query.bar_title", lang, value=value, category=category))
        .mark_bar()
        .encode(
            x=alt.X(f"{value}:Q", title=f"{t('query.bar_value', lang)}: {value}"),
            y=alt.Y(
                f"{category}:N", sort="-x", title=f"{t('query.bar_category', lang)}: {category}"
            ),
            tooltip=[category, value],
        )
    )


def _show_answer(answer: pd.DataFrame, question: dict[str, Any], lang: str) -> None:
    st.subheader(t("query.answer", lang))
    if answer.empty:
        st.info(t("query.empty", lang))
        return
    st.caption(t("query.rows", lang, n=len(answer)))
    numeric = _numeric_columns(answer)
    views = ["table", "bar"]
    view = st.radio(
        t("query.view", lang),
        views,
        format_func=lambda v: t(f"query.view.{v}", lang),
        horizontal=True,
        key="query_view",
    )
    if view == "bar" and numeric:
        st.altair_chart(_bar_chart(answer, numeric[0], lang), width="stretch", key="query_chart")
    else:
        if view == "bar":
            st.info(t("query.no_numeric", lang))
        st.dataframe(answer, hide_index=True, width="stretch", key="query_table")


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
    params = _parameter_form(question, lang)
    try:
        answer = _answer(data, question["name"], tuple(sorted(params.items())))
    except BadParameter as exc:
        st.error(t("query.bad_param", lang, error=markdown_text(exc)))
    except Exception as exc:  # noqa: BLE001 - a server error is a message, never a trace
        st.error(t("query.failed", lang, error=markdown_text(exc)))
    else:
        _show_answer(answer, question, lang)
        _show_cypher(question["name"], params, lang)
    _console(data.store, lang)
