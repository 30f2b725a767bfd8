"""How each node of a network drawing looks: its category, colour, shape and size, and the
legend built from them.

Colours are fixed per actor type (and per label for the other kinds of node) so that a
type keeps its colour in every view and every export, and the legend is built from the
very colour column that colours the nodes, so the two can never disagree.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from graph.schema import ACTOR_TYPES, SECTORS

__all__ = [
    "NETWORK_LABELS",
    "CATEGORY_COLOURS",
    "SECTOR_COLOURS",
    "UNKNOWN_COLOUR",
    "PATH_COLOUR",
    "COLOUR_BY",
    "LABEL_SHAPES",
    "NODE_SIZES",
    "DEFAULT_SIZE",
    "node_category",
    "node_colour",
    "node_shape",
    "node_size",
    "scaled_sizes",
    "legend_items",
]

# Kinds of node a network drawing can show, in the order rows and legends list them.
NETWORK_LABELS = ("Actor", "Program", "Intervention", "TargetGroup", "Policy", "Factor", "Place")

# A colour-blind-aware qualitative palette (Tableau 20 order), one colour per actor type in
# the schema's order, so colours stay put when new actors arrive.
PALETTE = (
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
CATEGORY_COLOURS: dict[str, str] = dict(zip(ACTOR_TYPES, PALETTE, strict=False))
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
SECTOR_COLOURS: dict[str, str] = dict(zip(SECTORS, PALETTE, strict=False))
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
NODE_SIZES: dict[str, float] = {"Actor": 14, "Program": 20, "Intervention": 11}
DEFAULT_SIZE = 12


def node_category(data: Mapping[str, Any], colour_by: str = "actor_type") -> str:
    """What colours a node: an actor's type (or sector), another node's label.

    >>> node_category({"label": "Actor", "actor_type": "cadre", "sector": "health"}, "sector")
    'health'
    >>> node_category({"label": "Actor"}), node_category({"label": "Program"})
    ('unknown', 'Program')
    """
    if data.get("label") == "Actor":
        value = data.get("sector") if colour_by == "sector" else data.get("actor_type")
        return str(value or "unknown")
    return str(data.get("label"))


def node_colour(category: str, label: Any, colour_by: str = "actor_type") -> str:
    """The colour of a node of ``label`` in ``category`` (:func:`node_category`).

    >>> node_colour("health", "Actor", "sector"), node_colour("Program", "Program")
    ('#1f77b4', '#393b79')
    """
    if label == "Actor" and colour_by == "sector":
        return SECTOR_COLOURS.get(category, UNKNOWN_COLOUR)
    return CATEGORY_COLOURS.get(category, UNKNOWN_COLOUR)


def node_shape(label: Any) -> str:
    """The vis-network shape of a node of ``label`` (a dot for kinds without one)."""
    return LABEL_SHAPES.get(str(label), "dot")


def node_size(label: Any) -> float:
    """The size in pixels of a node of ``label`` when nothing scales it."""
    return NODE_SIZES.get(str(label), DEFAULT_SIZE)


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
    # Actors first (by type), then the other labels in the drawing's order.
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
