"""Page "Sumber & mutu data" / "Sources & data quality".

Bibliography, the paragraphs of a source with the records that cite each, the curated
dataset's validation report, and the source's claims about its figures recomputed.
"""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pandas as pd
import streamlit as st

import settings
from drawing.i18n import t
from graph.evidence import load_document
from loaders.case_study import check_dataset, read_dataset
from queries.overview import display_name
from queries.quality import (
    ambiguous_numbers,
    check_claims,
    conflicting_values,
    quality_report,
    records_by_paragraph,
)
from ui.cache import GraphVersion, cached
from ui.state import current_lang, graph_or_stop, sources_dir
from ui.tables import MISSING

# A word that may be a record's id: letters, digits, "_", "." and "-".
_ID = re.compile(r"[\w.\-]+")


@cached
def _validation(data_dir: str, sources: str) -> list[dict[str, str]]:
    """The dataset's problems as rows; a dataset that cannot be read raises OSError/ValueError."""
    return [p.as_dict() for p in check_dataset(read_dataset(data_dir), sources)]


@cached(max_entries=8)
def _quality(data: GraphVersion) -> dict[str, pd.DataFrame]:
    """The source's claims recomputed, the data-quality findings, the ambiguous numbers and
    the conflicting values: the page's costly part, once per version of the data."""
    graph = data.graph
    return {
        "claims": check_claims(graph),
        "findings": quality_report(graph),
        "ambiguous": ambiguous_numbers(graph),
        "conflicts": conflicting_values(graph),
    }


@cached(max_entries=32)
def _cited(data: GraphVersion, source_id: str, section: str) -> dict[int, list[str]]:
    """Paragraph number -> the records that cite it, for one section of a source."""
    return records_by_paragraph(data.graph, source_id, section)


def _renamed(frame: pd.DataFrame, columns: dict[str, str], lang: str) -> pd.DataFrame:
    return frame[list(columns)].rename(columns={c: t(k, lang) for c, k in columns.items()})


def _source_nodes(graph: nx.MultiDiGraph) -> list[dict]:
    return [dict(d) for _, d in sorted(graph.nodes(data=True)) if d.get("label") == "Source"]


def _bibliography(sources: list[dict], lang: str) -> None:
    st.subheader(t("sources.bibliography", lang))
    rows = [
        {
            "title": s.get("title") or s.get("name"),
            "authors": ", ".join(s["authors"])
            if isinstance(s.get("authors"), list)
            else s.get("authors"),
            "year": s.get("year"),
            "file": s.get("file"),
        }
        for s in sources
    ]
    columns = {
        "title": "col.title",
        "authors": "col.authors",
        "year": "col.year",
        "file": "col.file",
    }
    st.dataframe(
        _renamed(pd.DataFrame(rows, columns=list(columns)), columns, lang),
        hide_index=True,
        width="stretch",
        key="sources_bibliography",
        placeholder=MISSING,
    )


def _evidence_browser(data: GraphVersion, sources: list[dict], lang: str) -> None:
    st.subheader(t("sources.evidence", lang))
    by_id = {s["id"]: s for s in sources}
    left, right = st.columns(2)
    source_id = left.selectbox(
        t("sources.source", lang),
        list(by_id),
        format_func=lambda i: str(by_id[i].get("title") or by_id[i].get("name") or i),
        key="sources_source",
    )
    source = by_id[source_id]
    sections = list(source.get("sections") or [])
    section = right.selectbox(t("sources.section", lang), sections, key="sources_section")
    if section is None:
        return
    if not source.get("file"):
        st.info(t("sources.no_file", lang))
        return
    try:
        document = load_document(Path(sources_dir()) / str(source.get("file")), sections)
        paragraphs = document.paragraphs.get(section.strip(), ())
    except (OSError, ValueError) as exc:
        st.info(t("sources.missing_file", lang, error=exc))
        return
    cited = _cited(data, source_id, section)
    rows = [
        {"paragraph": n, "text": text, "cited_by": "\n".join(cited.get(n, []))}
        for n, text in enumerate(paragraphs, start=1)
    ]
    st.caption(
        t("sources.paragraphs", lang, n=len(rows), cited=sum(1 for r in rows if r["cited_by"]))
    )
    columns = {"paragraph": "col.paragraph", "text": "col.text", "cited_by": "col.cited_by"}
    st.dataframe(
        _renamed(pd.DataFrame(rows, columns=list(columns)), columns, lang),
        hide_index=True,
        width="stretch",
        key="sources_paragraphs",
        placeholder=MISSING,
    )


def _validation_report(lang: str) -> None:
    st.subheader(t("sources.validation", lang))
    try:
        problems = _validation(settings.get("JEJARING_DATA"), sources_dir())
    except (OSError, ValueError) as exc:
        st.error(t("sources.validation_failed", lang, error=exc))
        return
    if not problems:
        st.success(t("sources.validation_ok", lang))
        return
    st.warning(t("sources.validation_problems", lang, n=len(problems)))
    frame = pd.DataFrame(problems)
    counts = frame.groupby("kind").size().reset_index(name="count")
    st.dataframe(
        _renamed(counts, {"kind": "col.problem_kind", "count": "col.count"}, lang),
        hide_index=True,
        key="sources_problem_counts",
        placeholder=MISSING,
    )
    columns = {
        "kind": "col.problem_kind",
        "origin": "col.origin",
        "subject": "col.subject",
        "field": "col.field",
        "message": "col.message",
    }
    st.dataframe(
        _renamed(frame, columns, lang),
        hide_index=True,
        width="stretch",
        key="sources_problems",
        placeholder=MISSING,
    )


def _shown(value: object, lang: str) -> object:
    """A cell as a reader should see it: yes/no for a boolean (or its text, as the claims
    table holds computed values as text), empty for a missing value."""
    if isinstance(value, bool) or value in ("True", "False"):
        return t("value.yes" if value in (True, "True") else "value.no", lang)
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return value


@cached(max_entries=4)
def _node_names(data: GraphVersion, lang: str) -> dict[str, str]:
    """Node id -> its name in ``lang``, for the ids the quality tables carry."""
    return {
        str(d["id"]): display_name(d, lang) for _, d in data.graph.nodes(data=True) if d.get("id")
    }


def _named(text: object, names: dict[str, str]) -> object:
    """``text`` with every record id in it (a source in a locator, a place in a group key)
    replaced by the record's name."""
    if not isinstance(text, str):
        return text
    return _ID.sub(lambda m: names.get(m.group(0), m.group(0)), text)


def _holds_label(value: object, lang: str) -> str:
    return t({True: "holds.true", False: "holds.false"}.get(value, "holds.none"), lang)


def _quality_report(data: GraphVersion, lang: str) -> None:
    st.subheader(t("sources.quality", lang))
    st.caption(t("sources.quality_intro", lang))
    quality = _quality(data)
    claims = quality["claims"]
    tiles = st.columns(3)
    tiles[0].metric(t("sources.holds_n", lang), int((claims["holds"] == True).sum()))  # noqa: E712
    tiles[1].metric(t("sources.fails_n", lang), int((claims["holds"] == False).sum()))  # noqa: E712
    tiles[2].metric(t("sources.unchecked_n", lang), int(claims["holds"].isna().sum()))
    if st.toggle(t("sources.only_failing", lang), key="sources_only_failing"):
        claims = claims[claims["holds"] == False]  # noqa: E712 - None (not checkable) stays out
    suffix = "_en" if lang == "en" else ""
    shown = claims.assign(
        claim_name=claims[f"name{suffix}"].fillna(claims["claim"]),
        result=[_holds_label(h, lang) for h in claims["holds"]],
        asserted=[_shown(v, lang) for v in claims["asserted"]],
        expected=[_shown(v, lang) for v in claims["expected"]],
        computed=[_shown(v, lang) for v in claims["computed"]],
        reason_text=[t(f"reason.{r}", lang) for r in claims["reason"]],
        explanation=claims[f"description{suffix}"],
    )
    columns = {
        "claim_name": "col.claim",
        "asserted": "col.asserted",
        "expected": "col.expected",
        "computed": "col.computed",
        "result": "col.holds",
        "detail": "col.detail",
        "reason_text": "col.reason",
        "explanation": "col.explanation",
    }
    st.dataframe(
        _renamed(shown, columns, lang),
        hide_index=True,
        width="stretch",
        key="sources_claims",
        placeholder=MISSING,
    )
    _ambiguous_and_conflicts(data, quality["ambiguous"], quality["conflicts"], lang)
    _findings(data, quality["findings"], lang)


def _findings(data: GraphVersion, report: pd.DataFrame, lang: str) -> None:
    """The data-quality report: every finding with its locator, claim, computed value, severity
    (the same rows as ``python cli.py validate``)."""
    st.markdown(f"**{t('quality.findings', lang)}**")
    st.caption(t("quality.findings_intro", lang))
    if report.empty:
        st.caption(t("sources.none", lang))
        return
    tiles = st.columns(3)
    for tile, severity in zip(tiles, ("error", "warning", "info"), strict=True):
        tile.metric(
            t(f"quality.severity.{severity}", lang), int((report["severity"] == severity).sum())
        )
    suffix = "_en" if lang == "en" else ""
    names = _node_names(data, lang)
    shown = report.assign(
        locator=[_named(v, names) for v in report["locator"]],
        computed=[_named(_shown(v, lang), names) for v in report["computed"]],
        detail=[_named(v, names) for v in report["detail"]],
        severity_text=[t(f"quality.severity.{s}", lang) for s in report["severity"]],
        category_text=[t(f"quality.category.{c}", lang) for c in report["category"]],
        subject_name=report[f"name{suffix}"].fillna(report["name"]).fillna(report["subject"]),
    )
    columns = {
        "severity_text": "quality.col.severity",
        "category_text": "quality.col.category",
        "subject_name": "quality.col.subject",
        "locator": "quality.col.locator",
        "claim": "quality.col.claim",
        "computed": "col.computed",
        "detail": "col.detail",
    }
    st.dataframe(
        _renamed(shown, columns, lang),
        hide_index=True,
        width="stretch",
        key="sources_findings",
        placeholder=MISSING,
    )
    st.download_button(
        t("quality.download", lang),
        data=report.to_json(orient="records", force_ascii=False, indent=2).encode("utf-8"),
        file_name="jejaring-quality.json",
        mime="application/json",
        key="sources_findings_download",
    )


def _ambiguous_and_conflicts(
    data: GraphVersion, ambiguous: pd.DataFrame, conflicts: pd.DataFrame, lang: str
) -> None:
    st.markdown(f"**{t('sources.ambiguous', lang)}**")
    name = "name_en" if lang == "en" else "name"
    columns = {
        name: "col.observation",
        "value_text": "col.value_text",
        "value": "col.value",
        "ambiguity": "col.ambiguity",
    }
    st.dataframe(
        _renamed(ambiguous, columns, lang),
        hide_index=True,
        width="stretch",
        key="sources_ambiguous",
        placeholder=MISSING,
    )
    st.markdown(f"**{t('sources.conflicts', lang)}**")
    if conflicts.empty:
        st.caption(t("sources.none", lang))
        return
    columns = {
        "group": "col.group",
        "place": "col.place",
        "indicator": "col.indicator",
        "period": "col.period",
        "value_text": "col.value_text",
        "instrument": "col.instrument",
        "observation": "col.observation",
    }
    names = _node_names(data, lang)
    conflicts = conflicts.assign(**{c: [_named(v, names) for v in conflicts[c]] for c in columns})
    st.dataframe(
        _renamed(conflicts, columns, lang),
        hide_index=True,
        width="stretch",
        key="sources_conflicts",
        placeholder=MISSING,
    )


def render() -> None:
    """Draw the page in the language chosen in the sidebar."""
    lang = current_lang()
    st.title(t("sources.title", lang))
    st.caption(t("sources.intro", lang))
    data = graph_or_stop(lang)
    sources = _source_nodes(data.graph)
    if not sources:
        st.info(t("sources.no_sources", lang))
    else:
        _bibliography(sources, lang)
        _evidence_browser(data, sources, lang)
    _validation_report(lang)
    _quality_report(data, lang)
