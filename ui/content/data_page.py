"""Page "Data": the graph out in every export format, the blank templates, and uploads.

Downloads use the same function as ``python cli.py export`` (exports.formats) with filters in
the network page's vocabulary; the filters start from the network page's current choices.

Uploads: the uploader's callback puts what the browser sent, as ``(file name, bytes)`` pairs,
into ``st.session_state["data_inbox"]``; the next run checks them (``ui.upload.receive``: file
types, the size limit) and shows the preview (``ui.upload.preview_upload``: the validation
report, what would be added, updated and left alone, the name matches to confirm). The
confirm button writes everything in one all-or-nothing call (``ui.upload.apply_upload``); the
write changes the store's version, the key of every cached read (ui.cache), so each page
shows the new data at its next run.
The tests fill the same inbox, because Streamlit's AppTest cannot drive a file uploader.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

import pandas as pd
import streamlit as st

import loaders.templates as template_files
from drawing.filenames import view_words
from drawing.i18n import t, t_value
from drawing.labels import markdown_text as _md
from drawing.view import DEFAULT_LABELS, NETWORK_LABELS, ViewFilters
from exports.formats import (
    DATA_FORMATS,
    EXPORT_FORMATS,
    Exported,
    ExportUnavailable,
    export_graph,
)
from graph.schema import ACTOR_TYPES, LEVELS, SECTORS
from graph.store import GraphStore
from loaders.importer import ImportReport
from queries.overview import display_name
from ui.cache import GraphVersion
from ui.state import current_lang, graph_or_stop, network_view
from ui.tables import MISSING
from ui.upload import (
    ACCEPTED,
    Applied,
    Refused,
    Upload,
    apply_upload,
    human_size,
    preview_upload,
    receive,
    upload_limit,
)

INBOX = "data_inbox"  # (file name, bytes) pairs waiting to be checked
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


def _network_view(graph, lang: str) -> ViewFilters | None:
    """The Network page's current view when the user takes it (the default once that page
    was opened in this session), said in words; None otherwise."""
    view = network_view()
    if view is None:
        return None
    if not st.toggle(t("data.network_view", lang), value=True, key="data_network_view"):
        return None
    described = " · ".join(view_words(view, lang, graph))
    st.caption(
        t("data.network_view_is", lang, view=_md(described or t("data.network_view_default", lang)))
    )
    return view


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


def _downloads(data: GraphVersion, lang: str) -> None:
    st.subheader(t("data.download_header", lang))
    fmt = st.selectbox(
        t("data.format", lang),
        EXPORT_FORMATS,
        format_func=lambda f: t(f"data.format.{f}", lang),
        key="data_format",
    )
    graph = data.graph
    taken = _network_view(graph, lang)
    filters = taken if taken is not None else _filters(graph, lang)
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
    wanted = (data.key, fmt, filters, paper, orientation, lang)
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


# the files of data/templates (``python -m loaders.templates`` writes them), by group
TEMPLATE_GROUPS = (
    ("data.template.blank_xlsx", ("template.xlsx",), False),
    ("data.template.blank_csv", ("template_elements.csv", "template_connections.csv"), False),
    ("data.template.example_xlsx", ("contoh_desa_fiktif.xlsx",), True),
    (
        "data.template.example_csv",
        ("contoh_desa_fiktif_elements.csv", "contoh_desa_fiktif_connections.csv"),
        True,
    ),
)
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _templates(lang: str) -> None:
    st.subheader(t("data.templates_header", lang))
    st.caption(t("data.templates_intro", lang))
    folder = template_files.TEMPLATE_DIR
    columns = st.columns(2)
    for i, (label_key, names, fictional) in enumerate(TEMPLATE_GROUPS):
        box = columns[1 if fictional else 0]
        box.markdown(f"**{t(label_key, lang)}**")
        for name in names:
            path = folder / name
            if not path.is_file():
                box.info(t("data.template.missing", lang, name=name))
                continue
            box.download_button(
                name,
                data=path.read_bytes(),
                file_name=name,
                mime=_XLSX if name.endswith(".xlsx") else "text/csv",
                key=f"data_template_{name}",
            )
        if fictional and i == len(TEMPLATE_GROUPS) - 1:
            box.caption(t("data.template.fictional", lang))


# -- upload -----------------------------------------------------------------------------------
def _uploader_key() -> str:
    # a new key after each import empties the uploader
    return f"data_uploader_{st.session_state.get('data_uploader_round', 0)}"


def _take_files() -> None:
    chosen = st.session_state.get(_uploader_key()) or []
    st.session_state[INBOX] = [(f.name, f.getvalue()) for f in chosen]


def _reset_upload() -> None:
    # (the toggle and checkboxes of the preview are dropped by Streamlit once not drawn)
    for key in ("data_upload", "data_previews"):
        st.session_state.pop(key, None)
    st.session_state["data_uploader_round"] = st.session_state.get("data_uploader_round", 0) + 1


def _receive_inbox() -> None:
    if INBOX not in st.session_state:
        return
    files = st.session_state.pop(INBOX) or []
    st.session_state.pop("data_previews", None)
    if not files:  # the files were taken out of the uploader
        st.session_state.pop("data_upload", None)
        return
    try:
        st.session_state["data_upload"] = receive(files)
    except ValueError as exc:  # the limit setting cannot be read
        st.session_state["data_upload"] = Refused("setting", {"error": str(exc)})


def _preview_report(
    upload: Upload, store: GraphStore, confirmed: Collection[tuple[str, str]], empty_first: bool
) -> ImportReport:
    """The preview, kept in the session for this upload, choice and store state."""
    key = (upload.digest, frozenset(confirmed), empty_first, GraphVersion.of(store).key)
    previews: dict = st.session_state.setdefault("data_previews", {})
    if key not in previews:
        if len(previews) >= 8:
            previews.clear()
        previews[key] = preview_upload(upload, store, confirmed=confirmed, empty_first=empty_first)
    return previews[key]


def _problems_table(report: ImportReport, lang: str, key: str = "data_problems") -> None:
    rows = [
        {
            t("data.col.severity", lang): t(f"data.severity.{p.severity}", lang),
            t("data.col.file", lang): p.file,
            t("data.col.sheet", lang): p.sheet,
            t("data.col.row", lang): "" if p.row is None else str(p.row),
            t("data.col.column", lang): p.column,
            t("data.col.message", lang): p.message,
        }
        for p in report.problems
    ]
    if rows:
        st.markdown(f"**{t('data.problems', lang)}**")
        st.dataframe(pd.DataFrame(rows), hide_index=True, key=key, placeholder=MISSING)


def _counts_table(report: ImportReport, lang: str) -> None:
    summary = report.summary()
    rows = [
        {
            t("data.col.part", lang): t(f"data.part.{part}", lang),
            **{
                t(f"data.col.{s}", lang): summary[part][s]
                for s in ("added", "updated", "unchanged")
            },
        }
        for part in ("nodes", "relationships")
    ]
    st.markdown(f"**{t('data.counts', lang)}**")
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="data_counts", placeholder=MISSING)
    changes = [c for c in report.nodes + report.relationships]
    if changes:
        with st.expander(t("data.changes", lang, n=len(changes))):
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            t("data.col.key", lang): c.key,
                            t("data.col.status", lang): t(f"data.status.{c.status}", lang),
                            t("data.col.fields", lang): ", ".join(c.fields),
                            t("data.col.origin", lang): c.origin,
                        }
                        for c in changes
                    ]
                ),
                hide_index=True,
                key="data_changes",
                placeholder=MISSING,
            )


def _name_matches(upload: Upload, report: ImportReport, lang: str) -> set[tuple[str, str]]:
    """A checkbox for each name match; the ticked pairs are merged."""
    if not report.name_matches:
        return set()
    st.markdown(f"**{t('data.matches_header', lang)}**")
    st.caption(t("data.matches_intro", lang))
    confirmed = set()
    for m in report.name_matches:
        label = t(
            "data.match",
            lang,
            file_key=m.file_key,
            file=m.file,
            row=m.row if m.row is not None else "?",
            stored_key=m.stored_key,
            name=m.name,
        )
        if st.checkbox(label, key=f"data_match_{upload.digest}_{m.file_key}_{m.stored_key}"):
            confirmed.add((m.file_key, m.stored_key))
    return confirmed


def _applied_message(applied: Applied, lang: str) -> None:
    summary = applied.report.summary() if applied.report else {}
    nodes, rels = summary.get("nodes", {}), summary.get("relationships", {})
    if applied.emptied:
        st.info(t("data.applied_emptied", lang))
    st.success(
        t(
            "data.applied",
            lang,
            n_added=nodes.get("added", 0),
            n_updated=nodes.get("updated", 0),
            n_unchanged=nodes.get("unchanged", 0),
            r_added=rels.get("added", 0),
            r_updated=rels.get("updated", 0),
            r_unchanged=rels.get("unchanged", 0),
            nodes=sum(applied.after["nodes"].values()),
            rels=sum(applied.after["relationships"].values()),
        )
    )


def _confirm(
    upload: Upload,
    store: GraphStore,
    confirmed: set[tuple[str, str]],
    empty_first: bool,
) -> None:
    """The confirm button's callback: it runs before the page, which then draws the result
    (and, after a write, every section from the new data)."""
    try:
        applied = apply_upload(upload, store, confirmed=confirmed, empty_first=empty_first)
    except Exception as exc:  # noqa: BLE001 - the store's failure, said on the page
        applied = Applied(None, {}, {}, error=str(exc))
    if applied.ok:
        _reset_upload()
        st.session_state["data_result"] = applied
    else:
        st.session_state["data_failed"] = applied


def _failed(lang: str) -> None:
    applied = st.session_state.pop("data_failed", None)
    if not isinstance(applied, Applied):
        return
    if applied.error or applied.report is None:
        st.error(t("data.apply_failed", lang, error=applied.error))
    else:
        st.error(t("data.apply_errors", lang, n=len(applied.report.errors)))
        _problems_table(applied.report, lang, key="data_apply_problems")


def _preview(upload: Upload, store: GraphStore, lang: str) -> None:
    st.markdown(f"#### {t('data.preview_header', lang, files=', '.join(upload.names))}")
    empty_first = st.toggle(t("data.empty_first", lang), key="data_empty_first")
    sure = False
    if empty_first:
        counts = store.counts()
        sure = st.checkbox(
            t(
                "data.empty_confirm",
                lang,
                nodes=sum(counts["nodes"].values()),
                rels=sum(counts["relationships"].values()),
            ),
            key="data_empty_confirm",
        )
    report = _preview_report(upload, store, (), empty_first)
    confirmed = _name_matches(upload, report, lang)
    if confirmed:
        report = _preview_report(upload, store, confirmed, empty_first)
    st.caption(
        t(
            "data.preview_rows",
            lang,
            elements=report.rows.get("elements", 0),
            connections=report.rows.get("connections", 0),
        )
    )
    if report.ok:
        st.success(t("data.preview_ok", lang, warnings=len(report.warnings)))
    else:
        st.error(t("data.preview_errors", lang, n=len(report.errors)))
    _problems_table(report, lang)
    _counts_table(report, lang)
    writes = bool(report.added or report.updated)
    if report.ok and not writes and not empty_first:
        st.info(t("data.preview_nothing", lang))
    if empty_first and not sure:
        st.caption(t("data.empty_needed", lang))
    ready = report.ok and (writes or empty_first) and (sure or not empty_first)
    left, right = st.columns(2)
    with st.spinner(t("data.applying", lang)):
        left.button(
            t("data.confirm", lang),
            key="data_confirm",
            type="primary",
            disabled=not ready,
            on_click=_confirm,
            args=(upload, store, confirmed, empty_first),
        )
    right.button(t("data.cancel", lang), key="data_cancel", on_click=_reset_upload)
    _failed(lang)


# Streamlit 1.52 gives st.file_uploader no parameter for its own words ("Drag and drop files
# here", the size limit, "Browse files"): the page sets them in its language with CSS, the
# English words hidden (font-size 0) and the page's own shown in their place.
UPLOADER_CSS = """<style>
[data-testid="stFileUploaderDropzoneInstructions"] > div > span {{ font-size: 0; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div > span:first-child::after {{
  content: {drop}; font-size: 1rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div > span:last-child::after {{
  content: {limit}; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzone"] button[data-testid="stBaseButton-secondary"] {{
  font-size: 0; }}
[data-testid="stFileUploaderDropzone"] button[data-testid="stBaseButton-secondary"]::after {{
  content: {browse}; font-size: 1rem; }}
</style>"""


def _uploader_texts(lang: str) -> None:
    """The file uploader's own words in ``lang`` (Streamlit writes them in English only)."""
    if lang == "en":
        return
    types = ", ".join(kind.upper() for kind in ACCEPTED)
    limit = t("data.uploader_limit", lang, mb=st.get_option("server.maxUploadSize"), types=types)
    texts = {
        "drop": t("data.uploader_drop", lang),
        "limit": limit,
        "browse": t("data.uploader_browse", lang),
    }
    css = UPLOADER_CSS.format(**{k: json.dumps(v, ensure_ascii=False) for k, v in texts.items()})
    st.markdown(css, unsafe_allow_html=True)


def _upload(store: GraphStore, lang: str) -> None:
    st.subheader(t("data.upload_header", lang))
    try:
        limit = upload_limit()
    except ValueError as exc:
        st.error(t("data.refused.setting", lang, error=exc))
        return
    st.caption(t("data.upload_intro", lang, limit=human_size(limit)))
    _uploader_texts(lang)
    st.file_uploader(
        t("data.upload_files", lang),
        type=list(ACCEPTED),
        accept_multiple_files=True,
        key=_uploader_key(),
        on_change=_take_files,
        help=t("data.upload_help", lang),
    )
    _receive_inbox()
    done: Any = st.session_state.pop("data_result", None)
    if isinstance(done, Applied):
        _applied_message(done, lang)
    upload = st.session_state.get("data_upload")
    if isinstance(upload, Refused):
        st.error(t(f"data.refused.{upload.reason}", lang, **upload.params))
    elif isinstance(upload, Upload):
        _preview(upload, store, lang)


def render() -> None:
    """Draw the page in the language chosen in the sidebar."""
    lang = current_lang()
    st.title(t("data.title", lang))
    st.caption(t("data.intro", lang))
    data = graph_or_stop(lang)
    _downloads(data, lang)
    _templates(lang)
    _upload(data.store, lang)
