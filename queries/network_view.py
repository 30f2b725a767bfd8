"""What the network page draws: the actors, programmes and interventions, filtered and laid out.

Pure functions over a NetworkX view of the store (node keys ``"Label:id"``; edge keys are
relationship types). They return plain DataFrames and dicts and never import Streamlit.

Colours are fixed per actor type (and per label for the other kinds of node) so that a
type keeps its colour in every view and every export, and the legend is built from the
very colour column that colours the nodes, so the two can never disagree.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from graph.evidence import LocatorProblem, resolve_locator
from graph.schema import ACTOR_TYPES
from graph.store import GraphStore
from queries.overview import display_name

__all__ = [
    "NETWORK_LABELS",
    "DEFAULT_LABELS",
    "NETWORK_REL_TYPES",
    "CATEGORY_COLOURS",
    "LABEL_SHAPES",
    "network_universe",
    "layout_positions",
    "network_elements",
    "legend_items",
    "node_properties",
    "relationships_of",
    "evidence_passages",
]

# Kinds of node the page can show; actors, programmes and interventions by default.
NETWORK_LABELS = ("Actor", "Program", "Intervention", "TargetGroup", "Policy", "Factor", "Place")
DEFAULT_LABELS = ("Actor", "Program", "Intervention")
# Relationships that say who works with whom on what; observations and sources are left to
# the overview page, where they make sense as numbers and references.
NETWORK_REL_TYPES = (
    "COLLABORATES_WITH",
    "FUNDS",
    "IMPLEMENTS",
    "SUPPORTS",
    "COORDINATES",
    "MEMBER_OF",
    "LEADS",
    "ISSUED",
    "MANDATED_BY",
    "PART_OF",
    "LOCATED_IN",
    "TARGETS",
    "ENABLES",
    "HINDERS",
)

# A colour-blind-aware qualitative palette (Tableau 20 order), one colour per actor type in
# the schema's order, so colours stay put when new actors arrive.
_PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#aec7e8",
    "#ffbb78",
    "#98df8a",
    "#ff9896",
    "#c5b0d5",
    "#c49c94",
    "#f7b6d2",
)
CATEGORY_COLOURS: dict[str, str] = dict(zip(ACTOR_TYPES, _PALETTE, strict=False))
CATEGORY_COLOURS.update(
    {
        "Program": "#393b79",
        "Intervention": "#637939",
        "TargetGroup": "#8c6d31",
        "Policy": "#843c39",
        "Factor": "#7b4173",
        "Place": "#525252",
    }
)
UNKNOWN_COLOUR = "#7f7f7f"
LABEL_SHAPES: dict[str, str] = {
    "Actor": "dot",
    "Program": "diamond",
    "Intervention": "square",
    "TargetGroup": "triangle",
    "Policy": "star",
    "Factor": "triangleDown",
    "Place": "hexagon",
}
_SIZES = {"Actor": 14, "Program": 20, "Intervention": 11}

NODE_COLUMNS = [
    "key",
    "label",
    "id",
    "name",
    "actor_type",
    "sector",
    "level",
    "category",
    "color",
    "shape",
    "size",
    "x",
    "y",
]
EDGE_COLUMNS = ["source", "target", "rel_type", "description"]


def network_universe(
    graph: nx.MultiDiGraph, labels: Collection[str] | None = None
) -> nx.MultiDiGraph:
    """What the page can show: nodes of :data:`NETWORK_LABELS` (only ``labels`` when given),
    with the relationships of :data:`NETWORK_REL_TYPES` among them."""
    wanted = set(NETWORK_LABELS) if labels is None else set(labels) & set(NETWORK_LABELS)
    keep = [n for n, label in graph.nodes(data="label") if label in wanted]
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, dict(graph.nodes[n])) for n in keep)
    for u, v, k, data in graph.edges(keys=True, data=True):
        if u in sub and v in sub and k in NETWORK_REL_TYPES:
            sub.add_edge(u, v, key=k, **data)
    return sub


# Pixels per node: a component of n nodes gets a disc of radius ~ _SPACING * sqrt(n).
_SPACING = 95.0
_ISOLATE_RADIUS = 80.0  # room for one node and its caption
_GAP = 40.0


def layout_positions(graph: nx.Graph, *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Seeded positions in pixels, the same on every call for the same graph.

    Each connected part is laid out on its own (spring layout, fixed seed) and the parts
    are then packed in rows, largest first, with lone nodes last: a plain spring layout
    would fling the small parts to the edges and crush the main network in the middle.
    Nodes and edges are sorted first, so the store's order does not matter. Lay out the
    nodes of the kinds shown and filter relationships and levels afterwards: a node then
    keeps its place while those filters change.

    >>> g = nx.MultiDiGraph([("Actor:a", "Actor:b"), ("Actor:b", "Program:c")])
    >>> g.add_node("Actor:alone")
    >>> layout_positions(g) == layout_positions(g)
    True
    >>> sorted(layout_positions(g))
    ['Actor:a', 'Actor:alone', 'Actor:b', 'Program:c']
    """
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    simple.add_edges_from(sorted({tuple(sorted((u, v))) for u, v in graph.edges() if u != v}))
    parts = sorted(
        (sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0])
    )
    placed = [_part_layout(simple.subgraph(part), seed) for part in parts]
    return _pack_rows(placed)


def _part_layout(part: nx.Graph, seed: int) -> tuple[dict[str, tuple[float, float]], float]:
    """Positions of one connected part around (0, 0), and the radius it needs."""
    n = part.number_of_nodes()
    if n == 1:
        return {next(iter(part.nodes)): (0.0, 0.0)}, _ISOLATE_RADIUS
    radius = max(_ISOLATE_RADIUS * 1.5, _SPACING * math.sqrt(n))
    raw = nx.spring_layout(part, seed=seed, k=2.2 / math.sqrt(n), iterations=200)
    return {k: (float(x) * radius, float(y) * radius) for k, (x, y) in raw.items()}, radius


def _pack_rows(
    placed: Sequence[tuple[dict[str, tuple[float, float]], float]],
) -> dict[str, tuple[float, float]]:
    """Put the parts side by side in rows no wider than the largest part (or a square)."""
    if not placed:
        return {}
    area = sum((2 * r + _GAP) ** 2 for _, r in placed)
    row_width = max(2 * placed[0][1], math.sqrt(area) * 1.1)
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for pos, radius in placed:
        size = 2 * radius
        if x > 0 and x + size > row_width:
            x, y, row_height = 0.0, y + row_height + _GAP, 0.0
        cx, cy = x + radius, y + radius
        for key, (px, py) in pos.items():
            positions[key] = (round(cx + px, 1), round(cy + py, 1))
        x += size + _GAP
        row_height = max(row_height, size)
    return positions


def _category(data: Mapping[str, Any]) -> str:
    if data.get("label") == "Actor":
        return str(data.get("actor_type") or "unknown")
    return str(data.get("label"))


def network_elements(
    graph: nx.MultiDiGraph,
    *,
    labels: Collection[str] | None = None,
    rel_types: Collection[str] | None = None,
    levels: Collection[str] | None = None,
    lang: str = "id",
    positions: Mapping[str, tuple[float, float]] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The nodes and relationships to draw, with colour, shape and position.

    ``labels`` keeps nodes of those labels, ``levels`` keeps actors of those levels (other
    nodes are not levelled), ``rel_types`` keeps relationships of those types between kept
    nodes; ``None`` keeps everything. Actors are coloured by ``actor_type``, other nodes by
    their label.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Actor:a", label="Actor", id="a", name="Kades", actor_type="village_government",
    ...            sector="governance", level="desa")
    >>> g.add_node("Program:k", label="Program", id="k", name="Kampung KB")
    >>> _ = g.add_edge("Actor:a", "Program:k", key="LEADS", type="LEADS")
    >>> nodes, edges = network_elements(g, labels=["Actor", "Program"])
    >>> nodes[["key", "category", "color"]].values.tolist()
    [['Actor:a', 'village_government', '#ff7f0e'], ['Program:k', 'Program', '#393b79']]
    >>> edges[["source", "target", "rel_type"]].values.tolist()
    [['Actor:a', 'Program:k', 'LEADS']]
    """
    positions = positions or {}
    rows = []
    for key, data in sorted(graph.nodes(data=True)):
        label = data.get("label")
        if labels is not None and label not in labels:
            continue
        if levels is not None and label == "Actor" and data.get("level") not in levels:
            continue
        category = _category(data)
        x, y = positions.get(key, (None, None))
        rows.append(
            {
                "key": key,
                "label": label,
                "id": data.get("id"),
                "name": display_name(data, lang),
                "actor_type": data.get("actor_type"),
                "sector": data.get("sector"),
                "level": data.get("level"),
                "category": category,
                "color": CATEGORY_COLOURS.get(category, UNKNOWN_COLOUR),
                "shape": LABEL_SHAPES.get(str(label), "dot"),
                "size": _SIZES.get(str(label), 12),
                "x": x,
                "y": y,
            }
        )
    nodes = pd.DataFrame(rows, columns=NODE_COLUMNS)
    return nodes, _edges_between(graph, set(nodes["key"]), rel_types, lang)


def _edges_between(
    graph: nx.MultiDiGraph, kept: set[str], rel_types: Collection[str] | None, lang: str
) -> pd.DataFrame:
    rows = []
    for u, v, k, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        if u in kept and v in kept and (rel_types is None or k in rel_types):
            text = data.get("description_en") if lang == "en" else None
            rows.append(
                {
                    "source": u,
                    "target": v,
                    "rel_type": k,
                    "description": text or data.get("description") or "",
                }
            )
    return pd.DataFrame(rows, columns=EDGE_COLUMNS)


def legend_items(nodes: pd.DataFrame) -> list[dict[str, str]]:
    """One legend entry per category drawn, with the colour and shape its nodes are drawn in.

    Built from the node table itself, so the legend always matches the drawing.

    >>> legend_items(pd.DataFrame({"category": ["cadre", "cadre"], "color": ["#17becf"] * 2,
    ...                            "shape": ["dot", "dot"], "label": ["Actor", "Actor"]}))
    [{'category': 'cadre', 'color': '#17becf', 'shape': 'dot', 'label': 'Actor'}]
    """
    if nodes.empty:
        return []
    firsts = nodes.drop_duplicates(["category", "color", "shape"])
    # Actors first (by type), then the other labels in the page's order.
    order = {label: i for i, label in enumerate(NETWORK_LABELS)}
    firsts = firsts.assign(_o=firsts["label"].map(order).fillna(99)).sort_values(["_o", "category"])
    return [
        {
            "category": str(r.category),
            "color": str(r.color),
            "shape": str(r.shape),
            "label": str(r.label),
        }
        for r in firsts.itertuples()
    ]


# Properties shown elsewhere on the page (title, evidence list) or internal to the store.
_HIDDEN_PROPERTIES = {"label", "evidence", "name", "name_en", "description", "description_en"}


def node_properties(node: Mapping[str, Any]) -> pd.DataFrame:
    """The node's own properties as ``property, value`` rows (lists joined by commas).

    >>> node_properties({"label": "Actor", "id": "a", "name": "A", "aliases": ["x", "y"]}).values.tolist()
    [['aliases', 'x, y'], ['id', 'a']]
    """
    rows = []
    for prop in sorted(node):
        if prop in _HIDDEN_PROPERTIES:
            continue
        value = node[prop]
        text = ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
        rows.append({"property": prop, "value": text})
    return pd.DataFrame(rows, columns=["property", "value"])


def _locator_text(locators: Sequence[Mapping[str, Any]]) -> str:
    return "; ".join(
        f"{loc.get('section', '')} ¶{loc.get('paragraph', '')}"
        for loc in locators
        if isinstance(loc, Mapping)
    )


def relationships_of(
    store: GraphStore, label: str, node_id: str, *, lang: str = "id"
) -> pd.DataFrame:
    """The node's relationships: direction, type, the node at the other end, and locators.

    Columns: ``direction, rel_type, other_key, other_label, other_name, description, evidence``.
    """
    rows = []
    for nb in store.neighbours(label, node_id):
        description = (nb.rel.get("description_en") if lang == "en" else None) or nb.rel.get(
            "description", ""
        )
        rows.append(
            {
                "direction": nb.direction,
                "rel_type": nb.rel_type,
                "other_key": f"{nb.node.get('label')}:{nb.node.get('id')}",
                "other_label": nb.node.get("label"),
                "other_name": display_name(nb.node, lang),
                "description": description or "",
                "evidence": _locator_text(nb.rel.get("evidence") or []),
            }
        )
    columns = [
        "direction",
        "rel_type",
        "other_key",
        "other_label",
        "other_name",
        "description",
        "evidence",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["rel_type", "other_name"], ignore_index=True)


def evidence_passages(
    locators: Sequence[Mapping[str, Any]],
    sources: Mapping[str, Mapping[str, Any]],
    sources_dir: Path | str,
) -> pd.DataFrame:
    """Each locator with the passage it points at, or why it does not resolve.

    ``sources`` maps Source ids to Source node properties. Columns: ``source, section,
    paragraph, start, end, note, passage, problem`` (``passage`` is None when unresolved).

    >>> evidence_passages([{"source": "s", "section": "Abstrak", "paragraph": 1}], {}, ".")[
    ...     ["section", "paragraph", "passage", "problem"]].values.tolist()
    [['Abstrak', 1, None, "unknown source 's'"]]
    """
    rows = []
    for loc in locators:
        if not isinstance(loc, Mapping):
            continue
        try:
            passage, problem = resolve_locator(loc, sources, Path(sources_dir)), None
        except (LocatorProblem, ValueError, TypeError, OSError) as exc:
            passage, problem = None, str(exc)
        rows.append(
            {
                "source": loc.get("source"),
                "section": loc.get("section"),
                "paragraph": loc.get("paragraph"),
                "start": loc.get("start"),
                "end": loc.get("end"),
                "note": loc.get("note"),
                "passage": passage,
                "problem": problem,
            }
        )
    columns = ["source", "section", "paragraph", "start", "end", "note", "passage", "problem"]
    return pd.DataFrame(rows, columns=columns)
