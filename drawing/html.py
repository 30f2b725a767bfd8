"""One self-contained HTML page for a network drawing, safe to open without internet.

pyvis builds the vis-network node and edge records; this module renders them with its
own template (``drawing/templates/network.html``) instead of pyvis's, because pyvis's template
loads Bootstrap and vis-network from a CDN, which a village hall without internet cannot
reach. The vis-network script and stylesheet that pyvis ships are inlined instead, so the
page holds no http(s) address at all.

Every text is escaped for where it lands: HTML text with ``html.escape`` (Jinja2
autoescape), data inside ``<script>`` as JSON with ``<``, ``>`` and ``&`` written as
``\\u`` escapes, so a name such as ``</script>`` can never end a script block.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import pandas as pd
import pyvis
from pyvis.network import Network

from drawing.i18n import t
from drawing.labels import labelled_legend, titled, tooltip_numbers
from drawing.placement import placement_rules, wrapped
from drawing.style import PATH_COLOUR

if TYPE_CHECKING:
    from drawing.elements import ViewParts
    from drawing.view import ViewFilters

__all__ = [
    "render_network_html",
    "view_page",
    "vis_assets",
    "VIS_VERSION",
    "PHYSICS_MAX",
    "LABEL_PX",
    "PRESENT_LABEL_PX",
]

PHYSICS_MAX = 300  # above this many nodes physics stays off whatever is asked

VIS_VERSION = "9.1.2"
_TEMPLATES = Path(__file__).resolve().parent / "templates"
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_LENGTH = re.compile(r"^\d{1,5}(px|%|vh)$")
_SHAPES = {
    "dot",
    "diamond",
    "square",
    "triangle",
    "triangleDown",
    "star",
    "hexagon",
    "box",
    "ellipse",
}
_CAPTION_MAX = 26  # characters on the canvas; the tooltip carries the full name
_LINE_MAX = 18  # a name on the canvas: two lines of at most this many characters
LABEL_PX = 12  # a name's size on screen, whatever the zoom
PRESENT_LABEL_PX = 16  # the same in presentation mode, read from the back of a hall


def _offline_safe(text: str) -> str:
    """Rewrite ``http://`` / ``https://`` as ``http:\\/\\/`` so no address is left in the asset.

    Inside JavaScript strings, regular expressions and comments ``\\/`` means ``/``, so the
    code behaves the same (vis-network keeps its SVG namespace string working), while the
    file no longer contains anything a browser or an offline check could take for a URL.
    """
    return re.sub(r"(?i)(https?):(//)", r"\1:\\/\\/", text)


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """The vis-network script and stylesheet that the pyvis package ships, offline-safe."""
    folder = Path(pyvis.__file__).resolve().parent / "lib" / f"vis-{VIS_VERSION}"
    script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    style = (folder / "vis-network.css").read_text(encoding="utf-8")
    # A literal "</script" or "</style" would end the inline block early.
    script = _offline_safe(script).replace("</script", "<\\/script")
    style = _offline_safe(style).replace("</style", "<\\/style")
    return script, style


def _script_json(value: Any) -> str:
    """JSON that can sit inside ``<script type="application/json">`` whatever the data holds."""
    text = json.dumps(value, ensure_ascii=True, allow_nan=False, default=str)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _colour(value: Any) -> str:
    """A ``#rrggbb`` colour, or neutral grey for anything else (keeps styles injection-free)."""
    return str(value) if isinstance(value, str) and _HEX.match(value) else "#7f7f7f"


def _caption(name: str) -> str:
    return name if len(name) <= _CAPTION_MAX else name[: _CAPTION_MAX - 1].rstrip() + "…"


def _tooltip_html(text: str) -> str:
    """Escaped HTML for a tooltip: first line in bold, one line per line of ``text``."""
    lines = [html.escape(line) for line in str(text).splitlines() if line.strip()]
    if not lines:
        return ""
    return "<b>" + lines[0] + "</b>" + "".join("<br>" + line for line in lines[1:])


def _text(value: Any) -> str:
    """A cell as text; missing cells (None, NaN) are empty."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def _finite(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number and abs(number) != float("inf") else None


def _node_record(row: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The whitelisted vis attributes of one node: nothing from the data passes unchecked."""
    name = _text(row.get("name")) or _text(row["key"])
    size = _finite(row.get("size"))
    colour = _colour(row.get("color"))
    options: dict[str, Any] = {
        "label": _caption(name),
        "caption": wrapped(name, _LINE_MAX, 2),
        "title": _tooltip_html(_text(row.get("title")) or name),
        "size": round(size, 1) if size else 12,
        "shape": row.get("shape") if row.get("shape") in _SHAPES else "dot",
        "color": colour,
    }
    if row.get("highlight") is True:
        options.update(color={"background": colour, "border": PATH_COLOUR}, borderWidth=4)
    x, y = _finite(row.get("x")), _finite(row.get("y"))
    if x is not None and y is not None:
        options.update(x=x, y=y)
    return str(row["key"]), options


def _build_network(nodes: pd.DataFrame, edges: pd.DataFrame, physics: bool = False) -> Network:
    """The pyvis model of the drawing: positioned nodes, merged parallel edges."""
    net = Network(directed=True, cdn_resources="local")
    for row in nodes.to_dict("records"):
        key, options = _node_record(row)
        net.add_node(key, physics=physics, **options)
    # vis draws one line per record; several relationships between the same two nodes become
    # one line whose tooltip lists them all (pyvis would otherwise drop the later ones).
    merged: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in edges.to_dict("records"):
        merged.setdefault((str(row["source"]), str(row["target"])), []).append(row)
    for (source, target), rows in merged.items():
        titles = [_text(r.get("title")) or _text(r.get("rel_type")) for r in rows]
        weights = [w for w in (_finite(r.get("weight")) for r in rows) if w]
        highlight = any(r.get("highlight") is True for r in rows)
        # Between two actors the width is their collaboration weight; otherwise the number
        # of relationships the line stands for.
        width = min(max(weights), 8) if weights else 1 + min(len(rows) - 1, 3)
        extra: dict[str, Any] = {"color": PATH_COLOUR, "dashes": True} if highlight else {}
        net.add_edge(
            source,
            target,
            title="<br>".join(html.escape(x) for x in titles if x),
            arrows="to",
            width=width + (2 if highlight else 0),
            **extra,
        )
    return net


def _label_order(nodes: pd.DataFrame, edges: pd.DataFrame, lead: Sequence[str]) -> list[str]:
    """Node keys in the order their names are placed: those of ``lead`` (the node picked, the
    focus), the nodes of the path, then the most connected (lines drawn), then by name."""
    degree: dict[str, int] = {}
    for column in ("source", "target"):
        for key in edges.get(column, []):
            degree[str(key)] = degree.get(str(key), 0) + 1
    rows = nodes.to_dict("records")
    return [
        str(row["key"])
        for row in sorted(
            rows,
            key=lambda r: (
                str(r["key"]) not in lead,
                r.get("highlight") is not True,
                -degree.get(str(r["key"]), 0),
                _text(r.get("name")).casefold(),
                str(r["key"]),
            ),
        )
    ]


def _options(physics: bool = False) -> dict[str, Any]:
    """vis-network options: positions given and physics off, so the drawing never drifts.

    With ``physics`` the nodes start from their positions and settle with tuned
    forceAtlas2 (about 3 s for 1,000 nodes on two cores) and then stop.
    """
    options: dict[str, Any] = {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "navigationButtons": True,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "multiselect": False,
        },
        # Labels stay readable when a large network is zoomed out to fit the frame.
        "nodes": {
            "font": {"size": 14, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "borderWidth": 1,
            "scaling": {"label": {"enabled": False, "drawThreshold": 3}},
        },
        "edges": {
            "color": {"color": "#9e9e9e", "highlight": "#424242", "hover": "#616161"},
            "smooth": False,
            "arrows": {"to": {"scaleFactor": 0.5}},
        },
    }
    if physics:
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "stabilization": {"enabled": True, "iterations": 150, "fit": True},
        }
    return options


def _legend(items: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    return [
        {
            "text": str(item.get("text", "")),
            "color": _colour(item.get("color")),
            "shape": str(item.get("shape")) if item.get("shape") in _SHAPES else "dot",
        }
        for item in items
    ]


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_network_html(
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    *,
    height: str = "650px",
    legend: Sequence[Mapping[str, Any]] = (),
    legend_title: str = "",
    heading: str = "",
    lang: str = "id",
    selected: str | None = None,
    physics: bool = False,
    png_label: str = "PNG",
    png_name: str = "jejaring.png",
    label_px: int = LABEL_PX,
    lead: Sequence[str] = (),
) -> str:
    """A complete HTML document that draws the network with the vis-network script inlined.

    ``nodes`` needs ``key`` and ``name``; it may have ``title`` (tooltip text, one item per
    line), ``color`` (``#rrggbb``), ``shape``, ``size``, ``x``, ``y`` and ``highlight``.
    ``edges`` needs ``source`` and ``target``; it may have ``title`` or ``rel_type``,
    ``weight`` (line width) and ``highlight``. ``legend`` items have ``text``, ``color``
    and ``shape``: build them from the node table so they match. ``selected`` is the key of
    a node to select. ``physics`` lets the nodes settle from their positions instead of
    staying put. A button labelled ``png_label`` saves the canvas as ``png_name``.

    Names are drawn on the canvas at ``label_px`` pixels whatever the zoom, most connected
    nodes first, each where it overlaps no other name and no node (:mod:`drawing.placement`);
    a name with no room left is shown in its tooltip only (the nodes of ``lead`` are named
    first). The picked node is brought into view, zoomed in so its name can be read.
    """
    if not _LENGTH.match(height):
        raise ValueError(f"height must look like '650px', '100%' or '80vh', not {height!r}")
    if not re.fullmatch(r"[\w.-]{1,80}\.png", png_name):
        raise ValueError(f"png_name must be a plain file name ending in .png, not {png_name!r}")
    net = _build_network(nodes, edges, physics)
    data_nodes, data_edges, _, _, _, _ = net.get_network_data()
    script, style = vis_assets()
    template = _environment().get_template("network.html")
    return template.render(
        lang=lang if lang in ("id", "en") else "id",
        heading=heading,
        height=height,
        legend=_legend(legend),
        legend_title=legend_title,
        nodes_json=_script_json(data_nodes),
        edges_json=_script_json(data_edges),
        options_json=_script_json(_options(physics)),
        selected_json=_script_json(selected if selected in set(nodes.get("key", [])) else None),
        labels_json=_script_json(
            {**placement_rules(label_px), "order": _label_order(nodes, edges, [selected, *lead])}
        ),
        png_label=png_label,
        png_name_json=_script_json(png_name),
        vis_script=script,
        vis_style=style,
        vis_version=VIS_VERSION,
    )


def view_page(
    parts: ViewParts,
    view: ViewFilters,
    lang: str,
    *,
    height: str = "650px",
    heading: str = "",
    label_px: int = LABEL_PX,
) -> str:
    """The drawing of a view (:func:`drawing.elements.view_parts`) as a complete HTML page:
    tooltips and legend in ``lang`` (:mod:`drawing.labels`), the node the view picked
    selected, and physics on only when the view asks for it and it draws at most
    :data:`PHYSICS_MAX` nodes. The network page and the HTML export both send this page.
    """
    numbers = tooltip_numbers(parts.projection, lang, view.size, parts.metric)
    nodes, edges = titled(parts.nodes, parts.edges, lang, numbers)
    return render_network_html(
        nodes,
        edges,
        height=height,
        legend=labelled_legend(nodes, view.colour, lang),
        legend_title=t("network.legend", lang),
        heading=heading,
        lang=lang,
        selected=view.node,
        physics=view.physics and len(nodes) <= PHYSICS_MAX,
        png_label=t("network.download_png", lang),
        label_px=label_px,
        lead=[view.focus] if view.focus else [],
    )
