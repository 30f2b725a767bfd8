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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from graph.evidence import LocatorProblem, resolve_locator
from graph.schema import ACTOR_TYPES, LEVELS, SECTORS
from graph.store import GraphStore
from queries.collaboration import collaboration_projection, period_bounds
from queries.overview import display_name
from queries.views import ego_network

__all__ = [
    "NETWORK_LABELS",
    "DEFAULT_LABELS",
    "NETWORK_REL_TYPES",
    "CATEGORY_COLOURS",
    "LABEL_SHAPES",
    "SECTOR_COLOURS",
    "COLOUR_BY",
    "network_universe",
    "programme_scope",
    "in_window",
    "year_range",
    "scaled_sizes",
    "level_positions",
    "path_pairs",
    "layout_positions",
    "network_elements",
    "legend_items",
    "node_properties",
    "relationships_of",
    "evidence_passages",
    "FILTER_NAMES",
    "ViewFilters",
    "parse_filters",
    "scope_keep",
    "view_elements",
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
# Colour by sector: one colour per sector in the schema's order, from the same palette.
SECTOR_COLOURS: dict[str, str] = dict(zip(SECTORS, _PALETTE, strict=False))
COLOUR_BY = ("actor_type", "sector")
PATH_COLOUR = "#e41a1c"  # shortest-path hops: a red no category uses
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
    "highlight",
]
EDGE_COLUMNS = ["source", "target", "rel_type", "description", "weight", "highlight"]


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
_SPARSE_FROM = 500  # NetworkX lays out parts of this many nodes with sparse matrices


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
    placed = [_part_layout(_ordered_part(simple, part), seed) for part in parts]
    return _pack_rows(placed)


def _ordered_part(graph: nx.Graph, part: Sequence[str]) -> nx.Graph:
    """The part as a graph of its own whose nodes and edges are in sorted order.

    ``graph.subgraph(part)`` would iterate its nodes in the order of a set, which Python
    seeds differently in every process, and the spring layout depends on that order: the
    same view would come out differently after a restart.
    """
    members = set(part)
    sub = nx.Graph()
    sub.add_nodes_from(sorted(part))
    sub.add_edges_from(sorted(tuple(sorted((u, v))) for u, v in graph.edges(part) if v in members))
    return sub


def _part_layout(part: nx.Graph, seed: int) -> tuple[dict[str, tuple[float, float]], float]:
    """Positions of one connected part around (0, 0), and the radius it needs."""
    n = part.number_of_nodes()
    if n == 1:
        return {next(iter(part.nodes)): (0.0, 0.0)}, _ISOLATE_RADIUS
    radius = max(_ISOLATE_RADIUS * 1.5, _SPACING * math.sqrt(n))
    # Parts of 500 nodes or more take NetworkX's sparse path (scipy), about 40x slower per
    # iteration than the dense one: 50 iterations there keep a 1,500-node part near 5 s.
    iterations = 200 if n < _SPARSE_FROM else 50
    raw = nx.spring_layout(part, seed=seed, k=2.2 / math.sqrt(n), iterations=iterations)
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


def _category(data: Mapping[str, Any], colour_by: str = "actor_type") -> str:
    if data.get("label") == "Actor":
        value = data.get("sector") if colour_by == "sector" else data.get("actor_type")
        return str(value or "unknown")
    return str(data.get("label"))


def _colour(category: str, label: Any, colour_by: str) -> str:
    if label == "Actor" and colour_by == "sector":
        return SECTOR_COLOURS.get(category, UNKNOWN_COLOUR)
    return CATEGORY_COLOURS.get(category, UNKNOWN_COLOUR)


# -- filters ---------------------------------------------------------------------------------
def programme_scope(graph: nx.MultiDiGraph, programme_key: str) -> set[str]:
    """The programme, its interventions (``PART_OF`` it) and every node linked to either.

    This is "who works on this programme": the actors that lead, fund or support it or one
    of its interventions, and the target groups those interventions reach.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("Intervention:x", "Program:p", key="PART_OF")
    >>> _ = g.add_edge("Actor:a", "Intervention:x", key="FUNDS")
    >>> _ = g.add_edge("Actor:b", "Program:p", key="LEADS")
    >>> _ = g.add_edge("Actor:c", "Actor:d", key="COLLABORATES_WITH")
    >>> sorted(programme_scope(g, "Program:p"))
    ['Actor:a', 'Actor:b', 'Intervention:x', 'Program:p']
    """
    if programme_key not in graph:
        return set()
    core = {programme_key}
    core |= {u for u, _, k in graph.in_edges(programme_key, keys=True) if k == "PART_OF"}
    scope = set(core)
    for node in core:
        scope.update(graph.predecessors(node))
        scope.update(graph.successors(node))
    return scope


# Date properties of nodes, in the order they are read: a period (start..end) or one date.
def _node_period(data: Mapping[str, Any]) -> tuple[Any, Any]:
    if data.get("start") or data.get("end"):
        return data.get("start"), data.get("end")
    when = data.get("date") or data.get("year")
    return when, when


def in_window(start: Any, end: Any, window: tuple[int, int] | None) -> bool:
    """Whether the period ``start..end`` meets the years ``window``; undated is always kept.

    >>> in_window("2019-03", None, (2020, 2022)), in_window(None, None, (2020, 2022))
    (True, True)
    >>> in_window("2017", "2018-12-31", (2020, 2022))
    False
    """
    if window is None:
        return True
    first, last = period_bounds(start), period_bounds(end)
    if first is None and last is None:
        return True
    begin = first[0].year if first else -math.inf
    finish = last[1].year if last else math.inf
    return begin <= window[1] and finish >= window[0]


def year_range(graph: nx.MultiDiGraph) -> tuple[int, int] | None:
    """The first and last year that any node or relationship is dated in, or None."""
    years: set[int] = set()
    for _, data in graph.nodes(data=True):
        for value in _node_period(data):
            bounds = period_bounds(value)
            if bounds:
                years.update((bounds[0].year, bounds[1].year))
    for _, _, data in graph.edges(data=True):
        bounds = period_bounds(data.get("date"))
        if bounds:
            years.update((bounds[0].year, bounds[1].year))
    return (min(years), max(years)) if years else None


def scaled_sizes(
    values: Mapping[str, float], *, smallest: float = 10.0, largest: float = 40.0
) -> dict[str, float]:
    """Node sizes proportional to ``values`` between ``smallest`` and ``largest`` pixels.

    Missing values (NaN) get the smallest size; equal values all get the middle size.

    >>> scaled_sizes({"a": 0.0, "b": 1.0, "c": 0.5})
    {'a': 10.0, 'b': 40.0, 'c': 25.0}
    """
    finite = {k: float(v) for k, v in values.items() if v is not None and math.isfinite(float(v))}
    if not finite:
        return {k: smallest for k in values}
    low, high = min(finite.values()), max(finite.values())
    if high == low:
        return {k: ((smallest + largest) / 2 if k in finite else smallest) for k in values}
    return {
        k: round(smallest + (finite[k] - low) / (high - low) * (largest - smallest), 1)
        if k in finite
        else smallest
        for k in values
    }


_ROW = 170.0  # pixels between two levels in the hierarchical layout
_COLUMN = 150.0
_ROW_MAX = 12  # nodes on one line of a level before it wraps


def level_positions(
    graph: nx.Graph, positions: Mapping[str, tuple[float, float]]
) -> dict[str, tuple[float, float]]:
    """Positions by level: national at the top, desa and dusun at the bottom.

    Actors sit on the row of their ``level`` (in :data:`graph.schema.LEVELS` order), other
    nodes on one row per label below them; within a row nodes keep the left-to-right order
    of ``positions`` (the seeded layout), so the picture stays recognisable.

    >>> g = nx.Graph()
    >>> g.add_node("Actor:n", label="Actor", level="national")
    >>> g.add_node("Actor:d", label="Actor", level="desa")
    >>> pos = level_positions(g, {"Actor:n": (5, 0), "Actor:d": (0, 0)})
    >>> pos["Actor:n"][1] < pos["Actor:d"][1]
    True
    """
    rows: dict[tuple[int, str], list[str]] = {}
    labels = {lb: i for i, lb in enumerate(NETWORK_LABELS)}
    for key, data in graph.nodes(data=True):
        if data.get("label") == "Actor" and data.get("level") in LEVELS:
            row = (LEVELS.index(data["level"]), "")
        else:
            row = (len(LEVELS) + labels.get(str(data.get("label")), len(labels)), "")
        rows.setdefault(row, []).append(key)
    result: dict[str, tuple[float, float]] = {}
    y = 0.0
    for row in sorted(rows):
        members = sorted(rows[row], key=lambda k: (positions.get(k, (0.0, 0.0))[0], k))
        # A long level wraps onto a few close lines, so the drawing stays readable when
        # fitted to the frame instead of becoming one thin strip.
        for start in range(0, len(members), _ROW_MAX):
            line = members[start : start + _ROW_MAX]
            offset = (len(line) - 1) * _COLUMN / 2
            for x, key in enumerate(line):
                result[key] = (round(x * _COLUMN - offset, 1), round(y, 1))
            y += _ROW * 0.45
        y += _ROW * 0.55
    return result


def path_pairs(path: Sequence[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """The ``(from, to)`` pairs of a path from :func:`queries.views.shortest_paths`."""
    return [(str(hop["from"]), str(hop["to"])) for hop in path]


def network_elements(
    graph: nx.MultiDiGraph,
    *,
    labels: Collection[str] | None = None,
    rel_types: Collection[str] | None = None,
    levels: Collection[str] | None = None,
    actor_types: Collection[str] | None = None,
    sectors: Collection[str] | None = None,
    keep: Collection[str] | None = None,
    years: tuple[int, int] | None = None,
    colour_by: str = "actor_type",
    sizes: Mapping[str, float] | None = None,
    weights: Mapping[frozenset, float] | None = None,
    path: Sequence[tuple[str, str]] = (),
    lang: str = "id",
    positions: Mapping[str, tuple[float, float]] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The nodes and relationships to draw, with colour, shape, size and position.

    The filters combine (a node must pass all of them); ``None`` keeps everything.
    ``labels`` keeps nodes of those labels; ``levels``, ``actor_types`` and ``sectors``
    apply to actors only (other nodes have none); ``keep`` is a set of node keys (a
    programme's scope, an ego network); ``years`` is a ``(first, last)`` window that drops
    nodes and relationships dated outside it and keeps undated ones; ``rel_types`` keeps
    relationships of those types between kept nodes. Actors are coloured by ``colour_by``
    (``actor_type`` or ``sector``), other nodes by their label. ``sizes`` maps node keys
    to pixel sizes (others keep their label's size); ``weights`` maps ``frozenset({a,
    b})`` of two actors to the collaboration weight that sets the width of their lines;
    ``path`` pairs are highlighted (and drawn as a line of their own when the graph has
    no relationship between the two).

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
    >>> network_elements(g, colour_by="sector", sectors=["health"])[0]["key"].tolist()
    ['Program:k']
    """
    if colour_by not in COLOUR_BY:
        raise ValueError(f"colour_by is one of {COLOUR_BY}, got {colour_by!r}")
    positions = positions or {}
    sizes = sizes or {}
    on_path = {n for pair in path for n in pair}
    rows = []
    for key, data in sorted(graph.nodes(data=True)):
        if not _node_kept(key, data, labels, levels, actor_types, sectors, keep, years):
            continue
        label = data.get("label")
        category = _category(data, colour_by)
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
                "color": _colour(category, label, colour_by),
                "shape": LABEL_SHAPES.get(str(label), "dot"),
                "size": sizes.get(key, _SIZES.get(str(label), 12)),
                "x": x,
                "y": y,
                "highlight": key in on_path,
            }
        )
    nodes = pd.DataFrame(rows, columns=NODE_COLUMNS)
    edges = _edges_between(graph, set(nodes["key"]), rel_types, lang, years, weights or {}, path)
    return nodes, edges


def _node_kept(
    key: str,
    data: Mapping[str, Any],
    labels: Collection[str] | None,
    levels: Collection[str] | None,
    actor_types: Collection[str] | None,
    sectors: Collection[str] | None,
    keep: Collection[str] | None,
    years: tuple[int, int] | None,
) -> bool:
    label = data.get("label")
    if labels is not None and label not in labels:
        return False
    if keep is not None and key not in keep:
        return False
    if label == "Actor":
        if levels is not None and data.get("level") not in levels:
            return False
        if actor_types is not None and data.get("actor_type") not in actor_types:
            return False
        if sectors is not None and data.get("sector") not in sectors:
            return False
    return in_window(*_node_period(data), years)


def _edges_between(
    graph: nx.MultiDiGraph,
    kept: set[str],
    rel_types: Collection[str] | None,
    lang: str,
    years: tuple[int, int] | None = None,
    weights: Mapping[frozenset, float] | None = None,
    path: Sequence[tuple[str, str]] = (),
) -> pd.DataFrame:
    weights = weights or {}
    on_path = {frozenset(pair) for pair in path}
    linked: set[frozenset] = set()
    rows = []
    for u, v, k, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        if u not in kept or v not in kept or (rel_types is not None and k not in rel_types):
            continue
        if not in_window(data.get("date"), data.get("date"), years):
            continue
        pair = frozenset((u, v))
        linked.add(pair)
        text = data.get("description_en") if lang == "en" else None
        rows.append(
            {
                "source": u,
                "target": v,
                "rel_type": k,
                "description": text or data.get("description") or "",
                "weight": weights.get(pair),
                "highlight": pair in on_path,
            }
        )
    # A hop of the shortest path rests on the collaboration projection (two actors working
    # on the same intervention, say), which may have no direct relationship to draw.
    for a, b in path:
        if a in kept and b in kept and frozenset((a, b)) not in linked:
            rows.append(
                {
                    "source": a,
                    "target": b,
                    "rel_type": "PATH",
                    "description": "",
                    "weight": weights.get(frozenset((a, b))),
                    "highlight": True,
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


# -- a view from filters (the page's vocabulary; shared by the exports) -----------------------
# Filter names are the network page's address parameters, so a deep link and an export speak
# the same language: ``labels``, ``rels``, ``levels``, ``types``, ``sectors`` (lists),
# ``programme`` and ``focus`` (node keys, or bare ids), ``depth``, ``years`` ("2019-2023"),
# ``colour`` (actor_type or sector) and ``layout`` (spring or level).
FILTER_NAMES = (
    "labels",
    "rels",
    "levels",
    "types",
    "sectors",
    "programme",
    "focus",
    "depth",
    "years",
    "colour",
    "layout",
)
VIEW_LAYOUTS = ("spring", "level")


@dataclass(frozen=True)
class ViewFilters:
    """The filters of one view of the network; ``None`` keeps everything.

    ``labels`` defaults to :data:`DEFAULT_LABELS` (actors, programmes, interventions).
    """

    labels: tuple[str, ...] = DEFAULT_LABELS
    rels: tuple[str, ...] | None = None
    levels: tuple[str, ...] | None = None
    types: tuple[str, ...] | None = None
    sectors: tuple[str, ...] | None = None
    programme: str | None = None
    focus: str | None = None
    depth: int = 1
    years: tuple[int, int] | None = None
    colour: str = "actor_type"
    layout: str = "spring"

    def describe(self) -> list[tuple[str, str]]:
        """The filters that differ from the defaults, as ``(name, value)`` text pairs."""
        out = []
        for name in FILTER_NAMES:
            value = getattr(self, name)
            if value == getattr(ViewFilters, name, None):
                continue
            if name == "depth" and not self.focus:
                continue
            if isinstance(value, tuple):
                text = f"{value[0]}-{value[1]}" if name == "years" else ",".join(value)
            else:
                text = str(value)
            out.append((name, text))
        return out


_CHOICES: dict[str, Sequence[str]] = {
    "labels": NETWORK_LABELS,
    "rels": NETWORK_REL_TYPES,
    "levels": LEVELS,
    "types": ACTOR_TYPES,
    "sectors": SECTORS,
}


def parse_filters(pairs: Sequence[str] | Mapping[str, str]) -> ViewFilters:
    """:class:`ViewFilters` from ``name=value`` texts (or a mapping), as the CLI takes them.

    Lists are comma-separated; an unknown name or value raises ValueError naming the
    choices, so a typo never silently widens the view.

    >>> f = parse_filters(["types=cadre,village_government", "focus=kepala_desa_mongpok"])
    >>> f.types, f.focus, f.depth
    (('cadre', 'village_government'), 'Actor:kepala_desa_mongpok', 1)
    >>> parse_filters(["colour=purple"])
    Traceback (most recent call last):
    ...
    ValueError: filter colour: 'purple' is not one of actor_type, sector
    """
    if isinstance(pairs, Mapping):
        items = [(str(k), str(v)) for k, v in pairs.items()]
    else:
        items = []
        for pair in pairs:
            name, sep, value = str(pair).partition("=")
            if not sep:
                raise ValueError(f"a filter is name=value, got {pair!r}")
            items.append((name.strip(), value.strip()))
    values: dict[str, Any] = {}
    for name, raw in items:
        if name not in FILTER_NAMES:
            raise ValueError(f"unknown filter {name!r}; known: {', '.join(FILTER_NAMES)}")
        values[name] = _filter_value(name, raw)
    return ViewFilters(**values)


def _filter_value(name: str, raw: str) -> Any:
    if name in _CHOICES:
        chosen = tuple(v.strip() for v in raw.split(",") if v.strip())
        wrong = [v for v in chosen if v not in _CHOICES[name]]
        if wrong or not chosen:
            raise ValueError(
                f"filter {name}: {', '.join(map(repr, wrong)) or 'nothing chosen'} "
                f"is not one of {', '.join(_CHOICES[name])}"
            )
        return chosen
    if name in ("programme", "focus"):
        label = "Program" if name == "programme" else "Actor"
        return raw if ":" in raw else f"{label}:{raw}"
    if name == "depth":
        if not raw.isdigit() or not 1 <= int(raw) <= 3:
            raise ValueError(f"filter depth: a whole number from 1 to 3, got {raw!r}")
        return int(raw)
    if name == "years":
        try:
            first, last = (int(x) for x in raw.split("-", 1))
        except ValueError:
            raise ValueError(
                f"filter years: want FIRST-LAST such as 2019-2023, got {raw!r}"
            ) from None
        if first > last:
            raise ValueError(f"filter years: {first} is after {last}")
        return (first, last)
    options = COLOUR_BY if name == "colour" else VIEW_LAYOUTS
    if raw not in options:
        raise ValueError(f"filter {name}: {raw!r} is not one of {', '.join(options)}")
    return raw


def scope_keep(
    universe: nx.MultiDiGraph,
    *,
    labels: Collection[str] | None,
    programme: str | None = None,
    focus: str | None = None,
    depth: int = 1,
) -> set[str] | None:
    """The node keys a programme and a focus actor allow (None: no such restriction).

    The programme keeps :func:`programme_scope`; the focus keeps the actor's ego network at
    ``depth`` among the kinds of node shown; both together keep what both allow.
    """
    keep: set[str] | None = None
    if programme:
        keep = programme_scope(universe, programme)
    if focus and focus in universe:
        shown = network_universe(universe, labels)
        if focus in shown:
            ego = set(ego_network(shown, focus, depth=int(depth)).nodes)
            keep = ego if keep is None else keep & ego
    return keep


def view_elements(
    graph: nx.MultiDiGraph,
    filters: ViewFilters = ViewFilters(),  # noqa: B008 - frozen, so a shared default is safe
    *,
    lang: str = "id",
    positions: Mapping[str, tuple[float, float]] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The nodes and relationships of the view ``filters`` describe, as the network page
    draws them (:func:`network_elements`), positioned by the page's seeded layout of every
    node it can show unless ``positions`` are given. Line widths are collaboration weights.
    """
    universe = network_universe(graph)
    if positions is None:
        spring = layout_positions(universe, seed=7)
        positions = level_positions(universe, spring) if filters.layout == "level" else spring
    window = (str(filters.years[0]), str(filters.years[1])) if filters.years else None
    projection = collaboration_projection(graph, date_window=window)
    weights = {frozenset((u, v)): w for u, v, w in projection.edges(data="weight", default=1)}
    labels = filters.labels
    return network_elements(
        universe,
        labels=labels,
        rel_types=filters.rels,
        levels=filters.levels,
        actor_types=filters.types,
        sectors=filters.sectors,
        keep=scope_keep(
            universe,
            labels=labels,
            programme=filters.programme,
            focus=filters.focus,
            depth=filters.depth,
        ),
        years=filters.years,
        colour_by=filters.colour,
        weights=weights,
        lang=lang,
        positions=positions,
    )


# -- graphs above the node cap -------------------------------------------------------------
def search_nodes(
    graph: nx.MultiDiGraph,
    text: str,
    *,
    lang: str = "id",
    labels: Collection[str] = ("Actor",),
    limit: int = 50,
) -> list[str]:
    """Keys of at most ``limit`` nodes of ``labels`` whose name (either language), id or
    an alias contains ``text`` (ignoring case); names that begin with it first, then the
    shorter names. Blank text finds nothing. This is how a graph too large for pickers of
    every actor is searched.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Actor:a", label="Actor", id="a", name="Kader Posyandu Melati")
    >>> g.add_node("Actor:b", label="Actor", id="b", name="Posyandu Mawar")
    >>> g.add_node("Program:p", label="Program", id="p", name="Posyandu")
    >>> search_nodes(g, "posyandu")
    ['Actor:b', 'Actor:a']
    """
    needle = text.strip().casefold()
    if not needle:
        return []
    found = []
    for key, data in graph.nodes(data=True):
        if data.get("label") not in labels:
            continue
        aliases = data.get("aliases") if isinstance(data.get("aliases"), list) else []
        texts = (data.get("name"), data.get("name_en"), data.get("id"), *aliases)
        if any(needle in str(value).casefold() for value in texts if value):
            shown = display_name(data, lang).casefold()
            found.append((not shown.startswith(needle), len(shown), shown, key))
    found.sort()
    return [key for *_, key in found[:limit]]


def capped_ego(graph: nx.MultiDiGraph, focus: str, depth: int, cap: int) -> tuple[list[str], bool]:
    """The nodes within ``depth`` hops of ``focus`` (relationships walked both ways),
    nearest first and in key order within a hop, at most ``cap`` of them; and whether
    some were left out. Never visits more than it keeps plus one hop's neighbours.

    >>> g = nx.MultiDiGraph([("a", "b"), ("c", "a"), ("b", "d")])
    >>> capped_ego(g, "a", 2, 10)
    (['a', 'b', 'c', 'd'], False)
    >>> capped_ego(g, "a", 2, 2)
    (['a', 'b'], True)
    """
    if focus not in graph:
        raise KeyError(f"no node {focus!r}")
    order, seen, frontier = [focus], {focus}, [focus]
    for _ in range(depth):
        reached = []
        for node in frontier:
            for other in sorted({*graph.successors(node), *graph.predecessors(node)}, key=str):
                if other in seen:
                    continue
                if len(order) >= cap:
                    return order, True
                seen.add(other)
                order.append(other)
                reached.append(other)
        frontier = reached
    return order, False


def capped_view(
    graph: nx.MultiDiGraph,
    focus: str,
    *,
    depth: int,
    cap: int,
    lang: str = "id",
    colour_by: str = "actor_type",
) -> tuple[pd.DataFrame, pd.DataFrame, bool]:
    """The drawing of ``focus`` and its neighbourhood in a graph above the node cap: at
    most ``cap`` nodes (:func:`capped_ego`), laid out on their own, line widths from the
    collaboration among the nodes drawn; and whether the neighbourhood was cut."""
    keep, cut = capped_ego(graph, focus, depth, cap)
    sub = graph.subgraph(keep)
    projection = collaboration_projection(sub)
    weights = {frozenset((u, v)): w for u, v, w in projection.edges(data="weight", default=1)}
    nodes, edges = network_elements(
        sub,
        colour_by=colour_by,
        weights=weights,
        lang=lang,
        positions=layout_positions(sub, seed=7),
    )
    return nodes, edges, cut
