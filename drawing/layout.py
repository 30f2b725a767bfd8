"""Where each node of a network drawing sits: a seeded spring layout packed part by part,
and a layout by level (national at the top, desa and dusun at the bottom).

Positions are in pixels and the same on every call for the same graph, in every process, so
a link, an export and a poster of one view all show the same picture.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import networkx as nx

from drawing.style import NETWORK_LABELS
from graph.schema import LEVELS

__all__ = [
    "CORE_LABELS",
    "LAYOUTS",
    "SEED",
    "layout_positions",
    "level_positions",
    "view_positions",
]

LAYOUTS = ("spring", "level")
SEED = 7
# Pixels per node: a component of n nodes gets a disc of radius ~ _SPACING * sqrt(n).
_SPACING = 95.0
_ISOLATE_RADIUS = 80.0  # room for one node and its caption
_GAP = 40.0
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
_WIDER = 1.3  # a part's width / its height
_ASPECT = 1.5  # width / height the packed parts aim for
# Kinds of node a view shows by default (drawing.view.DEFAULT_LABELS): laid out first.
CORE_LABELS = ("Actor", "Program", "Intervention")
_SPARSE_FROM = 500  # NetworkX lays out parts of this many nodes with sparse matrices
_ROW = 170.0  # pixels between two levels in the hierarchical layout
_COLUMN = 150.0
_STAGGER = 40.0  # pixels between the two lines a level's nodes alternate on
_ROW_MAX = 12  # nodes on one line of a level before it wraps


def layout_positions(graph: nx.Graph, *, seed: int = SEED) -> dict[str, tuple[float, float]]:
    """Seeded positions in pixels, the same on every call for the same graph.

    The nodes a view shows by default (:data:`CORE_LABELS`: actors, programmes,
    interventions) are laid out first, among themselves: each connected part of them on its
    own (spring layout, fixed seed), the largest on the left and the smaller parts and lone
    nodes in columns beside it, so that the default view fills its frame instead of being
    stretched by a few outlying nodes. The other nodes (places, policies, ...) then go around
    the nodes they are linked to, which stay put, and what is linked to none of them is
    packed beside. Nodes and edges are sorted first, so the store's order does not matter.
    Lay out the nodes of every kind a view can show and filter afterwards: a node then keeps
    its place while the filters change.

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
    labels = dict(graph.nodes(data="label"))
    core = [n for n in simple if labels.get(n) in CORE_LABELS]
    if not core or len(core) == simple.number_of_nodes():
        return _packed(simple, list(simple), seed)
    positions = _packed(simple, core, seed)
    linked = set(core)
    for part in nx.connected_components(simple):
        if part & linked:
            linked |= part
    around = [n for n in simple if n in linked and n not in positions]
    if around:
        positions.update(_settled(simple, positions, around))
    rest = [n for n in simple if n not in linked]
    if rest:
        positions.update(_beside(_packed(simple, rest, seed), positions))
    return positions


def _packed(simple: nx.Graph, members: Sequence[str], seed: int) -> dict[str, tuple[float, float]]:
    """The connected parts of ``simple`` among ``members``, each laid out, then packed."""
    sub = _ordered_part(simple, members)
    parts = sorted((sorted(c) for c in nx.connected_components(sub)), key=lambda c: (-len(c), c[0]))
    return _pack_columns([_part_layout(_ordered_part(sub, part), seed) for part in parts])


def _settled(
    simple: nx.Graph, fixed: Mapping[str, tuple[float, float]], moving: Sequence[str]
) -> dict[str, tuple[float, float]]:
    """Positions of the ``moving`` nodes around the nodes they are linked to, which stay put.

    Ring by ring outwards from the placed nodes: a node goes near the middle of its placed
    neighbours, on a sunflower spiral around the first of them, so the nodes around one
    anchor do not pile up. Linear in the size of the graph, whatever its size.
    """
    placed = dict(fixed)
    crowd: dict[str, int] = {}
    remaining = sorted(moving)
    while remaining:
        ring: dict[str, tuple[float, float]] = {}
        for key in remaining:
            near = sorted(n for n in simple[key] if n in placed)
            if not near:
                continue
            crowd[near[0]] = count = crowd.get(near[0], 0) + 1
            cx = sum(placed[n][0] for n in near) / len(near)
            cy = sum(placed[n][1] for n in near) / len(near)
            angle, distance = count * _GOLDEN_ANGLE, _SPACING * 0.6 * math.sqrt(count)
            ring[key] = (
                round(cx + distance * math.cos(angle), 1),
                round(cy + distance * math.sin(angle), 1),
            )
        if not ring:  # cannot happen for nodes linked to the placed ones; stop all the same
            break
        placed.update(ring)
        remaining = [key for key in remaining if key not in ring]
    return {key: placed[key] for key in moving if key in placed}


def _beside(
    positions: Mapping[str, tuple[float, float]], placed: Mapping[str, tuple[float, float]]
) -> dict[str, tuple[float, float]]:
    """``positions`` moved to the right of everything ``placed``."""
    right = max(x for x, _ in placed.values()) + _GAP + _ISOLATE_RADIUS
    top = min(y for _, y in placed.values())
    left = min(x for x, _ in positions.values())
    low = min(y for _, y in positions.values())
    return {
        k: (round(x - left + right, 1), round(y - low + top, 1)) for k, (x, y) in positions.items()
    }


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
    # a little wider than high, as screens are and as names run
    return {k: (float(x) * radius * _WIDER, float(y) * radius) for k, (x, y) in raw.items()}, (
        radius * _WIDER
    )


def _pack_columns(
    placed: Sequence[tuple[dict[str, tuple[float, float]], float]],
) -> dict[str, tuple[float, float]]:
    """The largest part on the left, the others in columns to its right, top to bottom.

    Columns are as high as the largest part, or higher when the parts together need it, so
    the whole stays about half again as wide as it is high, as a screen is.
    """
    if not placed:
        return {}
    area = sum((2 * r + _GAP) ** 2 for _, r in placed)
    height = max(2 * placed[0][1], math.sqrt(area / _ASPECT))
    positions: dict[str, tuple[float, float]] = {}
    x = y = column = 0.0
    for pos, radius in placed:
        size = 2 * radius
        if y > 0 and y + size > height:
            x, y, column = x + column + _GAP, 0.0, 0.0
        cx, cy = x + radius, y + radius
        for key, (px, py) in pos.items():
            positions[key] = (round(cx + px, 1), round(cy + py, 1))
        y += size + _GAP
        column = max(column, size)
    return positions


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
    rows: dict[int, list[str]] = {}
    labels = {lb: i for i, lb in enumerate(NETWORK_LABELS)}
    for key, data in graph.nodes(data=True):
        if data.get("label") == "Actor" and data.get("level") in LEVELS:
            row = LEVELS.index(data["level"])
        else:
            row = len(LEVELS) + labels.get(str(data.get("label")), len(labels))
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
                # every other node a little lower: names below them do not run together
                result[key] = (round(x * _COLUMN - offset, 1), round(y + (x % 2) * _STAGGER, 1))
            y += _ROW * 0.45
        y += _ROW * 0.55
    return result


def view_positions(graph: nx.Graph, layout: str = "spring") -> dict[str, tuple[float, float]]:
    """The positions of ``layout`` (``spring`` or ``level``) for every node of ``graph``.

    Computed once for every node a page can show, so filters hide nodes without moving the
    others.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout is one of {', '.join(LAYOUTS)}, got {layout!r}")
    spring = layout_positions(graph, seed=SEED)
    return level_positions(graph, spring) if layout == "level" else spring
