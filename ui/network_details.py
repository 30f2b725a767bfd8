"""The parts of the network page below the drawing: the shortest path's hops, and everything
known about the node picked (its properties, relationships and evidence passages)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from drawing.elements import path_pairs
from drawing.i18n import t, t_value
from drawing.labels import markdown_text
from queries.collaboration import reason_label
from queries.details import evidence_passages, node_properties, relationships_of
from queries.overview import display_name
from queries.partners import count_partners, partners_of
from ui.cache import GraphVersion, cached
from ui.state import sources_dir
from ui.tables import MISSING

NODE_KEY = "network_node"  # the picker's widget key (address parameter ``node``)
# Coded property values shown in words (property -> i18n prefix of its codes).
_TRANSLATED_VALUES = {"actor_type": "actor_type", "sector": "sector", "level": "level"}
_md = markdown_text  # text safe to put in st.markdown (data shows as typed, never as markup)


def _path_table(path: list[dict], lang: str) -> pd.DataFrame:
    """One row per hop: from, to, and the reasons the two are linked."""
    suffix = "_en" if lang == "en" else ""
    rows = []
    for i, hop in enumerate(path, start=1):
        reasons = [
            reason_label(r.get("reason", ""), lang)
            + (f" ({r.get('via_name' + suffix) or r.get('via_name')})" if r.get("via") else "")
            for r in hop["reasons"]
        ]
        rows.append(
            {
                t("network.col_step", lang): i,
                t("network.col_from", lang): hop.get("from_name" + suffix) or hop["from"],
                t("network.col_to", lang): hop.get("to_name" + suffix) or hop["to"],
                t("network.col_reasons", lang): "; ".join(reasons),
            }
        )
    return pd.DataFrame(rows)


def show_path(path: list[dict] | None, nodes: pd.DataFrame, lang: str) -> None:
    """The hops of the shortest path asked for (nothing when ``path`` is None)."""
    if path is None:
        return
    st.subheader(t("network.path_header", lang))
    if not path:
        st.info(t("network.path_none", lang))
        return
    st.caption(t("network.path_steps", lang, n=len(path)))
    on_path = {n for pair in path_pairs(path) for n in pair}
    if not on_path <= set(nodes["key"]):
        st.warning(t("network.path_hidden", lang))
    st.dataframe(
        _path_table(path, lang),
        hide_index=True,
        width="stretch",
        key="network_hops",
        placeholder=MISSING,
    )


def _properties(node: dict, lang: str) -> None:
    props = node_properties(node)
    props["value"] = [
        t_value(_TRANSLATED_VALUES[p], v, lang) if p in _TRANSLATED_VALUES else v
        for p, v in zip(props["property"], props["value"], strict=False)
    ]
    props["property"] = [t_value("prop", p, lang) for p in props["property"]]
    st.markdown(f"**{t('network.details_props', lang)}**")
    st.dataframe(
        props.rename(columns={"property": t("col.property", lang), "value": t("col.value", lang)}),
        hide_index=True,
        width="stretch",
        placeholder=MISSING,
    )


def _relationships(store, node: dict, lang: str) -> None:
    rels = relationships_of(store, node["label"], node["id"], lang=lang)
    st.markdown(f"**{t('network.details_rels', lang)}**")
    if rels.empty:
        st.caption(t("network.no_relationships", lang))
        return
    table = pd.DataFrame(
        {
            t("col.direction", lang): [t(f"direction.{d}", lang) for d in rels["direction"]],
            t("col.rel_type", lang): [t_value("rel", r, lang) for r in rels["rel_type"]],
            t("col.other", lang): rels["other_name"],
            t("col.other_label", lang): [t_value("label", lb, lang) for lb in rels["other_label"]],
            t("col.description", lang): rels["description"],
            t("col.evidence", lang): rels["evidence"],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", placeholder=MISSING)


@cached(max_entries=32)
def _partners(data: GraphVersion, key: str, lang: str) -> pd.DataFrame:
    # kept per version of the data, actor and language
    return partners_of(data.graph, key, lang=lang)


def show_partners(store, key: str, lang: str) -> None:
    """An actor's partners in the collaboration network: counted, named and explained."""
    st.markdown(f"**{t('partners.header', lang)}**")
    st.caption(t("partners.definition", lang))
    partners = _partners(GraphVersion.of(store), key, lang)
    if partners.empty:
        st.caption(t("partners.none", lang))
        return
    counts = count_partners(partners["reasons"])
    st.markdown(
        t("partners.summary", lang, total=counts.total, direct=counts.direct, shared=counts.shared)
    )
    kinds = ["direct" if d else "shared" for d in partners["direct"]]
    table = pd.DataFrame(
        {
            t("partners.col_partner", lang): partners["name"],
            t("partners.col_kind", lang): [t(f"partners.kind.{k}", lang) for k in kinds],
            t("partners.col_how", lang): partners["how"],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", key="network_partners")


def _evidence(store, node: dict, lang: str) -> None:
    st.markdown(f"**{t('network.details_evidence', lang)}**")
    locators = node.get("evidence") or []
    if not locators:
        st.caption(t("network.no_evidence", lang))
        return
    sources = {s["id"]: s for s in store.nodes("Source")}
    for row in evidence_passages(locators, sources, sources_dir()).itertuples():
        where = f"{row.source} · {row.section} · {t('network.paragraph', lang)} {row.paragraph}"
        st.markdown(f"**{_md(where)}**")
        if row.passage:
            st.markdown("> " + _md(row.passage).replace("\n", "  \n> "))
        else:
            st.caption(t("network.unresolved", lang, problem=_md(row.problem)))


def show_details(
    store, nodes: pd.DataFrame, lang: str, names: Mapping[str, str] | None = None
) -> None:
    """The node picker and everything known about the picked node; ``names`` (key -> the
    name the picker shows and searches) defaults to the drawn names."""
    shown = dict(zip(nodes["key"], nodes["name"], strict=False))
    names = {key: (names or {}).get(key) or name for key, name in shown.items()}
    kinds = dict(zip(nodes["key"], nodes["label"], strict=False))
    options = sorted(names, key=lambda k: (names[k].casefold(), k))
    if st.session_state.get(NODE_KEY) not in options:
        st.session_state[NODE_KEY] = None  # hidden by a filter since it was picked
    key = st.selectbox(
        t("network.picker", lang),
        options,
        index=None,
        format_func=lambda k: f"{names[k]} ({t_value('label', kinds[k], lang)})",
        placeholder=t("network.picker_placeholder", lang),
        help=t("network.picker_help", lang),
        key=NODE_KEY,
    )
    if key is None:
        return
    label, _, node_id = key.partition(":")
    node = store.get_node(label, node_id)
    if node is None:
        return
    st.subheader(_md(display_name(node, lang)))
    description = node.get("description_en") if lang == "en" else None
    if description or node.get("description"):
        st.markdown(_md(description or node.get("description")))
    left, right = st.columns([2, 3])
    with left:
        _properties(node, lang)
    with right:
        _relationships(store, node, lang)
        if label == "Actor":
            st.caption(t("partners.rels_note", lang))
    if label == "Actor":
        show_partners(store, key, lang)
    _evidence(store, node, lang)
