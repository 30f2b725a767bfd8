"""The named questions' answers as an analyst reads them: in the page's language, as a chart of
the quantity that matters, and, where the answer is a set of nodes and links, as a small graph.

The answers themselves (:mod:`graph.questions`) keep ids and codes, so that both backends and the
command line give the same data; this module only shows them. Every column has a header in the
catalogues (``query.col.<column>``); a name column shows the English name in English where the
node has one; an id column beside its name column is left out; ids elsewhere (in lists, or alone)
show as the names of their nodes; relationship types, reasons, labels and coded values show in
words; empty cells stay empty and yes/no cells say so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from drawing.elements import DrawOptions, network_elements
from drawing.html import render_network_html
from drawing.i18n import t, t_value
from drawing.labels import labelled_legend, titled
from drawing.layout import layout_positions
from drawing.view import ViewFilters
from graph.questions import param_label
from queries.collaboration import REASONS, reason_label
from queries.overview import display_name

__all__ = [
    "CHARTS",
    "GRAPH_NODES",
    "GRAPH_MAX_NODES",
    "ChartSpec",
    "answer_graph_html",
    "answer_keys",
    "chart_frame",
    "display_frame",
    "header",
    "node_names",
]

# Columns whose values are codes with words in the catalogues (column -> catalogue prefix).
_CODED = {
    c: c
    for c in (
        "level",
        "sector",
        "actor_type",
        "place_level",
        "intervention_kind",
        "claim_kind",
        "policy_kind",
        "dimension",
        "pillar",
        "family_function",
        "unit",
        "frequency",
        "instrument",
    )
} | {"basis": "claim"}
_REL_LISTS = frozenset({"outgoing", "incoming"})
# Columns of ids or node keys ("Label:id") without "_id" in their name: shown as names.
_NAMED = frozenset(
    {"via", "concerns", "source", "located_in", "programs", "implementers", "carried_by"}
    | {"backed_by", "target_groups", "issued_by"}
)


@dataclass(frozen=True)
class ChartSpec:
    """A bar per ``category`` of ``value`` summed (None: the number of rows), split by
    ``colour`` when given."""

    category: str
    value: str | None = None
    colour: str | None = None


# The quantity that matters per question: amounts for funding, counts of distinct things else.
CHARTS: dict[str, ChartSpec] = {
    "funding_per_funder": ChartSpec("funder", "total", "currency"),
    "who_funds_what": ChartSpec("funder", "amount", "currency"),
    "partners_of_actor": ChartSpec("partner", "links"),
    "actors_by_level_and_sector": ChartSpec("sector", "actors", "level"),
    "interventions_by_kind": ChartSpec("intervention_kind", "interventions"),
    "indicator_series": ChartSpec("period", "value", "instrument"),
    "observations_of_table": ChartSpec("row", "value", "column"),
    "who_implements_what": ChartSpec("actor"),
    "interventions_of_program": ChartSpec("program_id"),
    "interventions_for_target_group": ChartSpec("pillar"),
    "actors_in_place": ChartSpec("actor_type"),
    "claims_of_source": ChartSpec("claim_kind"),
    "barriers_and_what_they_hinder": ChartSpec("barrier"),
    "enablers_and_what_they_enable": ChartSpec("enabler"),
    "local_innovations": ChartSpec("intervention_kind"),
    "places_within": ChartSpec("place_level"),
    "place_hierarchy": ChartSpec("place_level"),
}

# Where an answer names nodes: (column, label), the label "@column" read from another column,
# None for columns of node keys. The parameters that name a node are added to these.
GRAPH_NODES: dict[str, tuple[tuple[str, str | None], ...]] = {
    "partners_of_actor": (("partner_id", "Actor"), ("via", None)),
    "interventions_for_target_group": (
        ("intervention_id", "Intervention"),
        ("programs", "Program"),
        ("implementers", "Actor"),
    ),
    "who_funds_what": (("funder_id", "Actor"), ("funded_id", "@funded_label")),
    "barriers_and_what_they_hinder": (("barrier_id", "Factor"), ("hindered_id", "@hindered_label")),
    "enablers_and_what_they_enable": (("enabler_id", "Factor"), ("enabled_id", "@enabled_label")),
    "interventions_of_program": (("program_id", "Program"), ("intervention_id", "Intervention")),
    "who_implements_what": (("actor_id", "Actor"), ("implemented_id", "@implemented_label")),
    "target_groups_without_intervention": (
        ("target_group_id", "TargetGroup"),
        ("programs", "Program"),
    ),
    "policies_mandating": (
        ("subject_id", "@subject_label"),
        ("policy_id", "Policy"),
        ("issued_by", "Actor"),
    ),
    "place_hierarchy": (("place_id", "Place"),),
    "places_within": (("place_id", "Place"),),
    "local_innovations": (
        ("intervention_id", "Intervention"),
        ("carried_by", "Actor"),
        ("backed_by", "Actor"),
        ("target_groups", "TargetGroup"),
    ),
    "actors_in_place": (("actor_id", "Actor"), ("located_in", "Place")),
}
GRAPH_MAX_NODES = 250  # above this the small graph is not drawn (the table says it all)


def header(column: str, lang: str) -> str:
    """A column's header in ``lang``."""
    return t(f"query.col.{column}", lang)


def node_names(graph: nx.MultiDiGraph, lang: str) -> dict[str, str]:
    """Every node's name in ``lang``, by key (``Label:id``) and by id."""
    names: dict[str, str] = {}
    for key, data in graph.nodes(data=True):
        name = display_name(data, lang)
        names[key] = name
        names.setdefault(str(data.get("id")), name)
    return names


def _blank(value: Any) -> bool:
    if isinstance(value, (list, tuple)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _cell(column: str, value: Any, lang: str, names: Mapping[str, str]) -> Any:
    """One value as shown."""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(_cell(column, v, lang, names)) for v in value)
    if _blank(value):
        return ""
    if isinstance(value, bool):
        return t("query.yes" if value else "query.no", lang)
    if column in _REL_LISTS:
        return t_value("rel", value, lang)
    if column == "reasons" and value in REASONS:
        return reason_label(value, lang)
    if column.endswith("_label"):
        return t_value("label", value, lang)
    if column in _CODED:
        return t_value(_CODED[column], value, lang)
    if column in _NAMED or column.endswith(("_id", "_ids")):
        return names.get(str(value), value)
    return value


def _shown_columns(columns: Iterable[str]) -> list[str]:
    """The answer's columns as shown: no ``_en`` twin, no id beside its name."""
    columns = list(columns)
    return [
        c
        for c in columns
        if not c.endswith("_en") and not (c.endswith("_id") and c[: -len("_id")] in columns)
    ]


def display_frame(answer: pd.DataFrame, lang: str, names: Mapping[str, str]) -> pd.DataFrame:
    """The answer as shown on the page, headers and values in ``lang``, empty cells empty.

    >>> answer = pd.DataFrame({"partner_id": ["a"], "partner": ["Kades"], "partner_en": [None],
    ...     "outgoing": [["LEADS"]], "links": [1], "amount": [None]})
    >>> display_frame(answer, "en", {}).to_dict("records")
    [{'Partner': 'Kades', 'Direct links out': 'leads', 'Distinct reasons': 1, 'Amount': ''}]
    """
    shown = {}
    for column in _shown_columns(answer.columns):
        values = answer[column].tolist()
        twin = f"{column}_en"
        if lang == "en" and twin in answer.columns:
            values = [e if not _blank(e) else v for v, e in zip(values, answer[twin], strict=True)]
        cells = [_cell(column, v, lang, names) for v in values]
        numeric = all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in cells)
        shown[header(column, lang)] = pd.Series(cells, dtype=None if numeric else object)
    return pd.DataFrame(shown)


def chart_frame(
    question: str, answer: pd.DataFrame, shown: pd.DataFrame, lang: str
) -> pd.DataFrame | None:
    """``category``, ``value`` (and ``colour``) of the question's chart, or None when its
    answer has no quantity to chart. Categories are as shown (names, words)."""
    spec = CHARTS.get(question)
    if spec is None or header(spec.category, lang) not in shown.columns or answer.empty:
        return None
    data = pd.DataFrame({"category": shown[header(spec.category, lang)].astype(str)})
    if spec.value is None:
        data["value"] = 1
    else:
        data["value"] = pd.to_numeric(answer[spec.value], errors="coerce").astype(float)
    keys = ["category"]
    if spec.colour is not None and header(spec.colour, lang) in shown.columns:
        data["colour"] = shown[header(spec.colour, lang)].astype(str)
        keys.append("colour")
    data = data.dropna(subset=["value"])
    if data.empty:
        return None
    return data.groupby(keys, sort=False, as_index=False)["value"].sum()


def _keys_of(column: str, label: str | None, row: Mapping[str, Any]) -> list[str]:
    values = row.get(column)
    values = list(values) if isinstance(values, (list, tuple)) else [values]
    if label is not None and label.startswith("@"):
        label = row.get(label[1:])
    out = []
    for value in values:
        if _blank(value) or value is None:
            continue
        out.append(str(value) if label is None else f"{label}:{value}")
    return out


def answer_keys(question: str, answer: pd.DataFrame, values: Mapping[str, Any]) -> list[str]:
    """The keys of the nodes an answer names (empty when the answer is not a set of nodes).

    >>> answer = pd.DataFrame({"partner_id": ["b"], "via": [["Program:kb"]]})
    >>> answer_keys("partners_of_actor", answer, {"actor_id": "a"})
    ['Actor:a', 'Actor:b', 'Program:kb']
    """
    spec = GRAPH_NODES.get(question)
    if spec is None or answer.empty:
        return []
    keys: set[str] = set()
    for param, value in values.items():
        label = param_label(param, values)
        if label is not None and isinstance(value, str):
            keys.add(f"{label}:{value}")
    for row in answer.to_dict("records"):
        for column, label in spec:
            keys.update(_keys_of(column, label, row))
    return sorted(keys)


def answer_graph_html(
    graph: nx.MultiDiGraph, keys: Iterable[str], lang: str, *, selected: str | None = None
) -> tuple[str, int, int] | None:
    """The nodes ``keys`` and the relationships between them as an offline HTML page (the
    network page's renderer), with the number of nodes and relationships drawn; None when
    there is nothing to draw or more than :data:`GRAPH_MAX_NODES` nodes."""
    present = [k for k in keys if k in graph]
    if not present or len(present) > GRAPH_MAX_NODES:
        return None
    sub = graph.subgraph(present)
    options = DrawOptions(lang=lang, positions=layout_positions(nx.Graph(sub)))
    nodes, edges = network_elements(sub, ViewFilters(labels=None), options)
    nodes, edges = titled(nodes, edges, lang)
    page = render_network_html(
        nodes,
        edges,
        height="520px",
        legend=labelled_legend(nodes, "actor_type", lang),
        legend_title=t("network.legend", lang),
        lang=lang,
        selected=selected,
        png_label=t("network.download_png", lang),
        png_name="jejaring-kueri.png",
    )
    return page, len(nodes), len(edges)
