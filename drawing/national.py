"""What the drill-down page draws for one place, built without Streamlit.

:func:`build_place_view` turns a place of :class:`queries.national.NationalIndex` into one
self-contained HTML drawing (``drawing.html``, vis-network inlined) that never holds
more than ``cap`` nodes:

- a place with places under it: the aggregate graph of its children and of its own
  actors (:func:`queries.national.children_graph`); beyond the cap the places with the
  fewest actors merge into one node (:func:`queries.national.cap_places`);
- a village (or a place with nothing under it): its actual network of actors, programmes
  and interventions, drawn as the network page draws it; beyond the cap one node per
  actor type (:func:`queries.national.category_graph`).

Physics is offered up to :data:`PHYSICS_MAX` nodes only. The page (``ui/national.py``)
caches the result by the graph's signature; the benchmark calls this function directly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from drawing.elements import DrawOptions, network_elements
from drawing.html import PHYSICS_MAX, render_network_html
from drawing.i18n import t, t_value
from drawing.labels import labelled_legend, node_tooltip
from drawing.layout import SEED, layout_positions
from drawing.style import CATEGORY_COLOURS, UNKNOWN_COLOUR, node_shape, scaled_sizes
from drawing.view import ViewFilters, network_universe
from queries.national import (
    OTHER_KINDS,
    OTHERS,
    VILLAGE_LEVELS,
    NationalIndex,
    cap_places,
    category_graph,
    children,
    children_graph,
    village_nodes,
)

__all__ = ["PHYSICS_MAX", "DEFAULT_CAP", "PlaceView", "build_place_view", "prevalence_band"]

DEFAULT_CAP = 1500
# Stunting prevalence bands (percent); 14% is the national target for 2024.
_BANDS = (
    (14.0, "low", "#1a9850"),
    (20.0, "mid", "#d9ef8b"),
    (30.0, "high", "#fc8d59"),
    (math.inf, "top", "#d73027"),
)
_NO_DATA = ("none", "#bdbdbd")


@dataclass(frozen=True)
class PlaceView:
    """One drawing of the drill-down page and what the page says about it."""

    mode: str  # "places", "village", "village_kinds" or "empty"
    html: str
    nodes: int  # nodes drawn (never more than the cap)
    edges: int  # lines drawn
    total: int  # nodes the view holds before the cap
    merged: int  # places merged into "other places" (mode "places")
    physics: bool
    table: pd.DataFrame  # the places drawn, one row each (mode "places")


def prevalence_band(value: float) -> tuple[str, str]:
    """``(band, colour)`` of a prevalence in percent; ``("none", grey)`` when missing.

    >>> prevalence_band(12.5), prevalence_band(float("nan"))
    (('low', '#1a9850'), ('none', '#bdbdbd'))
    """
    if value is None or not math.isfinite(value):
        return _NO_DATA
    for upper, band, colour in _BANDS:
        if value < upper:
            return band, colour
    return _NO_DATA


def _percent(value: float) -> str:
    return f"{value:.1f}%" if value is not None and math.isfinite(value) else "–"


def _place_name(index: NationalIndex, key: str, data: dict, lang: str) -> str:
    if key == OTHERS:
        return t("national.others", lang, n=data.get("merged", 0))
    name = index.name(key, lang)
    return t("national.own", lang, name=name) if data.get("own") else name


def _place_tooltip(name: str, data: dict, lang: str) -> str:
    lines = [name]
    if data.get("place_level"):
        lines.append(
            f"{t('national.tip_level', lang)}: {t_value('place_level', data['place_level'], lang)}"
        )
    lines += [
        f"{t('national.tip_villages', lang)}: {data.get('villages', 0)}",
        f"{t('national.tip_actors', lang)}: {data.get('actors', 0)}",
        f"{t('national.tip_interventions', lang)}: {data.get('interventions', 0)}",
    ]
    if data.get("prevalence_villages"):
        lines.append(
            t(
                "national.tip_prevalence",
                lang,
                value=_percent(data["prevalence"]),
                n=data["prevalence_villages"],
            )
        )
    own = data.get("prevalence_own")
    if own is not None and math.isfinite(own):
        lines.append(t("national.tip_prevalence_own", lang, value=_percent(own)))
    return "\n".join(lines)


def _render(nodes, edges, legend, legend_title, lang, physics, height) -> str:
    return render_network_html(
        nodes,
        edges,
        height=f"{height}px",
        legend=legend,
        legend_title=legend_title,
        lang=lang,
        physics=physics,
        png_label=t("network.download_png", lang),
        png_name="jejaring-wilayah.png",
    )


def _places_view(
    index: NationalIndex, place: str | None, lang: str, cap: int, physics: bool, height: int
) -> PlaceView:
    full = children_graph(index, place)
    H, merged = cap_places(full, cap)
    if H.number_of_nodes() == 0:
        return PlaceView("empty", "", 0, 0, 0, 0, False, pd.DataFrame())
    positions = layout_positions(H, seed=SEED)
    sizes = scaled_sizes({p: math.sqrt(float(H.nodes[p].get("actors", 0))) for p in H})
    rows = []
    for key in sorted(H.nodes):
        data = H.nodes[key]
        name = _place_name(index, key, data, lang)
        band, colour = prevalence_band(data.get("prevalence", math.nan))
        x, y = positions.get(key, (None, None))
        rows.append(
            {
                "key": key,
                "name": name,
                "title": _place_tooltip(name, data, lang),
                "color": colour,
                "shape": "square"
                if key == OTHERS
                else ("diamond" if data.get("own") else "hexagon"),
                "size": sizes.get(key, 12),
                "x": x,
                "y": y,
                "band": band,
            }
        )
    nodes = pd.DataFrame(rows)
    links = [(u, v, d["links"]) for u, v, d in H.edges(data=True)]
    edges = pd.DataFrame(
        [
            {
                "source": u,
                "target": v,
                "title": t("national.tip_links", lang, n=n),
                "weight": 1 + min(7.0, math.log2(n)),
            }
            for u, v, n in sorted(links)
        ],
        columns=["source", "target", "title", "weight"],
    )
    drawn_bands = set(nodes["band"])
    legend = [
        {"text": t(f"national.band_{band}", lang), "color": colour, "shape": "hexagon"}
        for _, band, colour in _BANDS
        if band in drawn_bands
    ]
    if _NO_DATA[0] in drawn_bands:
        legend.append(
            {"text": t("national.band_none", lang), "color": _NO_DATA[1], "shape": "hexagon"}
        )
    on = physics and len(nodes) <= PHYSICS_MAX
    page = _render(nodes, edges, legend, t("national.legend", lang), lang, on, height)
    table = pd.DataFrame(
        [
            {**{k: H.nodes[key].get(k) for k in _TABLE}, "key": key, "name": name}
            for key, name in zip(nodes["key"], nodes["name"], strict=True)
        ]
    )
    return PlaceView(
        "places", page, len(nodes), len(edges), full.number_of_nodes(), len(merged), on, table
    )


_TABLE = (
    "place_level",
    "villages",
    "actors",
    "interventions",
    "prevalence",
    "prevalence_villages",
    "prevalence_own",
)


def _village_view(
    G: nx.MultiDiGraph,
    index: NationalIndex,
    place: str,
    lang: str,
    cap: int,
    physics: bool,
    height: int,
    partners: bool,
) -> PlaceView:
    keys = village_nodes(G, index, place, partners=partners)
    if not keys:
        return PlaceView("empty", "", 0, 0, 0, 0, False, pd.DataFrame())
    if len(keys) <= cap:
        universe = network_universe(G.subgraph(keys))
        options = DrawOptions(lang=lang, positions=layout_positions(universe))
        nodes, edges = network_elements(universe, ViewFilters(), options)
        nodes = nodes.assign(title=[node_tooltip(r, lang) for r in nodes.to_dict("records")])
        edges = edges.assign(title=[t_value("rel", r, lang) for r in edges["rel_type"]])
        legend = labelled_legend(nodes, "actor_type", lang)
        on = physics and len(nodes) <= PHYSICS_MAX
        page = _render(nodes, edges, legend, t("network.legend", lang), lang, on, height)
        return PlaceView("village", page, len(nodes), len(edges), len(keys), 0, on, pd.DataFrame())
    H = category_graph(G, keys, cap)
    positions = layout_positions(H, seed=SEED)
    sizes = scaled_sizes({k: math.sqrt(H.nodes[k]["count"]) for k in H})
    rows = []
    for key in sorted(H.nodes):
        label = H.nodes[key]["label"]
        kind = key.partition(":")[2] if label == "Actor" else None
        if key == OTHER_KINDS:
            text = t("national.other_kinds", lang)
        else:
            text = t_value("actor_type", kind, lang) if kind else t_value("label", label, lang)
        name = t("national.kind_count", lang, kind=text, n=H.nodes[key]["count"])
        x, y = positions.get(key, (None, None))
        rows.append(
            {
                "key": key,
                "name": name,
                "title": name,
                "color": CATEGORY_COLOURS.get(kind or label, UNKNOWN_COLOUR),
                "shape": node_shape(label),
                "size": sizes[key],
                "x": x,
                "y": y,
            }
        )
    nodes = pd.DataFrame(rows)
    edges = pd.DataFrame(
        [
            {
                "source": u,
                "target": v,
                "title": str(d["links"]),
                "weight": 1 + min(7.0, math.log2(d["links"])),
            }
            for u, v, d in sorted(H.edges(data=True))
        ],
        columns=["source", "target", "title", "weight"],
    )
    on = physics and len(nodes) <= PHYSICS_MAX
    page = _render(nodes, edges, [], "", lang, on, height)
    return PlaceView(
        "village_kinds", page, len(nodes), len(edges), len(keys), 0, on, pd.DataFrame()
    )


def is_village(index: NationalIndex, place: str | None) -> bool:
    """Whether the page shows the actual network of ``place`` rather than places under it."""
    if place is None:
        return False
    return index.level(place) in VILLAGE_LEVELS or not children(index, place)


def build_place_view(
    G: nx.MultiDiGraph,
    index: NationalIndex,
    place: str | None,
    *,
    lang: str = "id",
    cap: int = DEFAULT_CAP,
    physics: bool = False,
    height: int = 620,
    partners: bool = True,
) -> PlaceView:
    """The drawing of ``place`` (``None``: the top places), never more than ``cap`` nodes."""
    cap = max(int(cap), 2)
    if is_village(index, place):
        return _village_view(G, index, place, lang, cap, physics, height, partners)
    return _places_view(index, place, lang, cap, physics, height)
