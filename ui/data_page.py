"""Page "Data": the graph out in every export format, the blank templates, and uploads.

Downloads use the same function as ``python cli.py export`` (exports.formats) with filters in
the network page's vocabulary; the filters start from the network page's current choices.
Uploads need the importer (loaders/importer.py); until it is there the page says so.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import streamlit as st

import settings
from exports.formats import (
    DATA_FORMATS,
    EXPORT_FORMATS,
    Exported,
    ExportUnavailable,
    export_graph,
)
from graph.schema import ACTOR_TYPES, LEVELS, SECTORS
from queries.network_view import DEFAULT_LABELS, NETWORK_LABELS, ViewFilters
from queries.overview import display_name
from ui.i18n import t, t_value
from ui.state import current_lang, graph_snapshot, store_or_stop

TEMPLATES = Path(settings.PROJECT_ROOT) / "data" / "templates"
POSTERS = ("png", "svg", "pdf")
# the network page's widget keys, read as the starting point of the filters here
_NETWORK_KEYS = {
    "labels": "network_labels",
    "types": "network_types",
    "sectors": "network_sectors",
    "levels": "network_levels",
}


def _seed(key: str, network_key: str, default: list[str], options: list[str]) -> None:
    if key not in st.session_state:
        current = st.session_state.get(network_key)
        chosen = [v for v in current if v in options] if isinstance(current, list) else None
        st.session_state[key] = chosen or default


def _filters(graph, lang: str) -> ViewFilters | None:
    """The filter widgets; None when the whole graph is wanted (data formats only)."""
    whole = st.toggle(t("data.whole_graph", lang), value=True, key="data_whole")
    st.caption(t("data.whole_graph_help", lang))
    if whole:
        return None
    actors = {k: d for k, d in graph.nodes(data=True) if d.get("label") == "Actor"}
    present = {
        "labels": [
            lb
            for lb in NETWORK_LABELS
            if any(d.get("label") == lb for _, d in graph.nodes(data=True))
        ],
        "types": [v for v in ACTOR_TYPES if any(a.get("actor_type") == v for a in actors.values())],
        "sectors": [v for v in SECTORS if any(a.get("sector") == v for a in actors.values())],
        "levels": [v for v in LEVELS if any(a.get("level") == v for a in actors.values())],
    }
    prefixes = {"labels": "label", "types": "actor_type", "sectors": "sector", "levels": "level"}
    values: dict[str, list[str]] = {}
    left, right = st.columns(2)
    for i, (name, prefix) in enumerate(prefixes.items()):
        default = (
            [v for v in DEFAULT_LABELS if v in present[name]] if name == "labels" else present[name]
        )
        _seed(f"data_{name}", _NETWORK_KEYS[name], default, present[name])
        values[name] = (left if i % 2 == 0 else right).multiselect(
            t(f"data.filter.{name}", lang),
            present[name],
            format_func=lambda v, p=prefix: t_value(p, v, lang),
            key=f"data_{name}",
        )
    programmes = {
        k: display_name(d, lang) for k, d in graph.nodes(data=True) if d.get("label") == "Program"
    }
    names = {k: display_name(d, lang) for k, d in actors.items()}
    programme = left.selectbox(
        t("data.filter.programme", lang),
        sorted(programmes, key=lambda k: programmes[k].casefold()),
        format_func=programmes.__getitem__,
        index=None,
        key="data_programme",
    )
    focus = right.selectbox(
        t("data.filter.focus", lang),
        sorted(names, key=lambda k: names[k].casefold()),
        format_func=names.__getitem__,
        index=None,
        key="data_focus",
    )
    depth = right.slider(t("data.filter.depth", lang), 1, 3, 1, key="data_depth")

    def narrowed(name: str) -> tuple[str, ...] | None:
        chosen = values[name]
        return None if set(chosen) >= set(present[name]) else tuple(chosen)

    return ViewFilters(
        labels=tuple(values["labels"]) or DEFAULT_LABELS,
        types=narrowed("types"),
        sectors=narrowed("sectors"),
        levels=narrowed("levels"),
        programme=programme,
        focus=focus,
        depth=int(depth),
    )


def _downloads(graph, signature: str, lang: str) -> None:
    st.subheader(t("data.download_header", lang))
    fmt = st.selectbox(
        t("data.format", lang),
        EXPORT_FORMATS,
        format_func=lambda f: t(f"data.format.{f}", lang),
        key="data_format",
    )
    filters = _filters(graph, lang)
    paper, orientation = "A4", "portrait"
    if fmt in POSTERS:
        left, right = st.columns(2)
        paper = left.radio(t("data.paper", lang), ("A4", "A3"), horizontal=True, key="data_paper")
        orientation = right.radio(
            t("data.orientation", lang),
            ("portrait", "landscape"),
            format_func=lambda o: t(f"data.orientation.{o}", lang),
            horizontal=True,
            key="data_orientation",
        )
    wanted = (signature, fmt, filters, paper, orientation, lang)
    if st.button(t("data.prepare", lang), key="data_prepare", type="primary"):
        try:
            with st.spinner(t("data.preparing", lang)):
                exported = export_graph(
                    graph,
                    fmt,
                    filters if fmt in DATA_FORMATS else (filters or ViewFilters()),
                    lang=lang,
                    paper=paper,
                    orientation=orientation,
                )
            st.session_state["data_export"] = (wanted, exported)
        except ExportUnavailable as exc:
            st.warning(t("data.unavailable", lang, error=exc))
            st.session_state.pop("data_export", None)
    ready = st.session_state.get("data_export")
    if ready and ready[0] == wanted:
        exported: Exported = ready[1]
        st.download_button(
            t("data.download", lang, name=exported.file_name, size=f"{len(exported.data):,}"),
            data=exported.data,
            file_name=exported.file_name,
            mime=exported.mime,
            key="data_download",
        )


def _templates(lang: str) -> None:
    st.subheader(t("data.templates_header", lang))
    files = sorted(p for p in TEMPLATES.glob("*") if p.is_file()) if TEMPLATES.is_dir() else []
    if not files:
        st.info(t("data.templates_missing", lang))
        return
    st.caption(t("data.templates_intro", lang))
    for i, path in enumerate(files):
        st.download_button(
            path.name, data=path.read_bytes(), file_name=path.name, key=f"data_template_{i}"
        )


def _upload(lang: str) -> None:
    st.subheader(t("data.upload_header", lang))
    if importlib.util.find_spec("loaders.importer") is None:
        st.info(t("data.upload_unavailable", lang))
        return
    st.info(t("data.upload_pending", lang))


def render() -> None:
    """Draw the page in the language chosen in the sidebar."""
    lang = current_lang()
    st.title(t("data.title", lang))
    st.caption(t("data.intro", lang))
    store = store_or_stop(lang)
    snapshot = graph_snapshot(store)
    _downloads(snapshot.graph, snapshot.signature, lang)
    _templates(lang)
    _upload(lang)


render()
