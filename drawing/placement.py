"""Where a node's name goes: the spots tried around a node, in order, and names cut to lines.

The posters (:mod:`exports.posters`) and the network page's canvas (the template
``drawing/templates/network.html``) place names the same way: most connected nodes first,
each name at the first spot around its node where it overlaps no name already placed and no
other node, trying the spots of :data:`SPOTS` at the distances of :data:`LABEL_STEPS`, nearest
first; a name that finds no spot is left off the drawing (the poster numbers it, the page keeps
it in the tooltip and the details). :func:`label_spots` spells the order out for Python, and
:func:`placement_rules` hands the same table to the page's script.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from typing import Any

__all__ = [
    "LABEL_STEPS",
    "LEADER_STEP",
    "ALWAYS_NAMED",
    "SPOTS",
    "label_spots",
    "placement_rules",
    "wrapped",
]

# Distances (in node radii plus a little) at which a label is tried; from LEADER_STEP on a
# poster draws a thin line joining the label to its node.
LABEL_STEPS = (1.0, 1.8, 2.8, 4.2, 6.0, 8.5)
LEADER_STEP = 2.8
# On the page's canvas, the first names in the order are drawn even over other nodes when no
# free spot is left (the poster numbers them instead).
ALWAYS_NAMED = 5
# Directions from the node, y up: right, left, above, below, then the four corners. A label
# to the right starts at the spot, one to the left ends there, one above or below is centred.
SPOTS = (
    (1.0, 0.0),
    (-1.0, 0.0),
    (0.0, 1.0),
    (0.0, -1.0),
    (0.7, 0.7),
    (-0.7, 0.7),
    (0.7, -0.7),
    (-0.7, -0.7),
)
_ALIGN = {1: "left", -1: "right", 0: "center"}


def _sign(value: float) -> int:
    return (value > 0) - (value < 0)


def _start(centre: float, unit: float, distance: float, extent: float) -> float:
    """Where a box of ``extent`` starts along one axis, placed ``distance`` from ``centre``."""
    if unit > 0:
        return centre + unit * distance
    if unit < 0:
        return centre + unit * distance - extent
    return centre - extent / 2


def label_spots(
    cx: float, cy: float, r: float, w: float, h: float
) -> Iterator[tuple[float, float, float, str]]:
    """Lower-left corners (y up) of a ``w`` x ``h`` label around a node of radius ``r`` at
    ``(cx, cy)``, nearest first, each with its distance step and the text alignment that suits
    it.

    >>> [(x, y, a) for _, x, y, a in label_spots(0, 0, 10, 20, 4)][:4]
    [(10.0, -2.0, 'left'), (-30.0, -2.0, 'right'), (-10.0, 10.0, 'center'), (-10.0, -14.0, 'center')]
    """
    for step in LABEL_STEPS:
        d = r * step
        for ux, uy in SPOTS:
            yield step, _start(cx, ux, d, w), _start(cy, uy, d, h), _ALIGN[_sign(ux)]


def placement_rules(font_px: int) -> dict[str, Any]:
    """The placement table for the page's script: steps, spots and the names' size on screen."""
    return {
        "steps": list(LABEL_STEPS),
        "spots": [list(s) for s in SPOTS],
        "leader": LEADER_STEP,
        "always": ALWAYS_NAMED,
        "px": int(font_px),
    }


def wrapped(name: str, width: int, most: int) -> str:
    """``name`` on at most ``most`` lines of ``width`` characters (the last one shortened).

    >>> wrapped("Kepala Desa Mongpok dan perangkat desa", 16, 2)
    'Kepala Desa\\nMongpok dan per…'
    """
    lines = textwrap.wrap(name, width, break_long_words=True) or [name]
    if len(lines) > most:
        rest = " ".join(lines[most - 1 :])
        lines = lines[: most - 1] + [rest[: width - 1].rstrip() + "…"]
    return "\n".join(lines)
