"""Workshop posters of a network view: PNG, SVG and PDF at A4 or A3, portrait or landscape.

A poster holds a title, the filters and the date, the drawing, a legend built from the very
node table that colours the drawing, a note on the data source and the bibliography (the
graph's ``Source`` nodes), in Bahasa Indonesia (default) or English.

The drawing is made for paper. Positions come from the network page's seeded layout
(:func:`drawing.layout.layout_positions`, or ``level_positions``) of the nodes shown,
so the same view always gives the same poster. Labels are then placed one by one, most
connected nodes first, at the first of several spots around their node where they overlap
no label already placed and no node; a long name wraps onto two lines and, where nothing
fits, the font shrinks; a name that still does not fit becomes a number on the drawing and
is spelled out under the legend. No two labels overlap (the tests measure it).

Matplotlib draws without pyplot (no global state, safe in the app's threads). Text is text
in every format: TrueType fonts embedded in the PDF (``pdf.fonttype`` 42), so the PDF can
be searched and copied, and ``<text>`` elements in the SVG; math parsing is off, so a ``$``
in a name is a dollar sign.
"""

from __future__ import annotations

import datetime as _dt
import io
import textwrap
import time
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import matplotlib
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from drawing.elements import view_elements
from drawing.i18n import normalise_lang, t, t_value
from drawing.labels import labelled_legend
from drawing.layout import SEED, layout_positions, level_positions
from drawing.placement import LEADER_STEP, label_spots, wrapped
from drawing.view import ViewFilters

__all__ = [
    "PAPER_MM",
    "POSTER_FORMATS",
    "PosterOptions",
    "Poster",
    "build_poster",
    "poster_bytes",
    "label_overlaps",
    "paper_size_mm",
]

PAPER_MM: dict[str, tuple[float, float]] = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}
ORIENTATIONS = ("portrait", "landscape")
POSTER_FORMATS = ("png", "svg", "pdf")
MM = 1 / 25.4  # inches per millimetre
PT_PER_MM = 72 / 25.4

# vis-network shape -> matplotlib marker, so a poster's legend matches the page's.
_MARKERS = {
    "dot": "o",
    "diamond": "D",
    "square": "s",
    "triangle": "^",
    "triangleDown": "v",
    "star": "*",
    "hexagon": "h",
}
_RC = {
    "pdf.fonttype": 42,  # TrueType embedded: the PDF's text can be searched and copied
    "ps.fonttype": 42,
    "svg.fonttype": "none",  # text stays <text> in the SVG
    "svg.hashsalt": "jejaring",  # stable ids: the same view gives the same file
    "text.parse_math": False,  # "$" in a name is a dollar sign, not mathematics
    "font.family": "DejaVu Sans",
}
_WRAP = 24  # characters per label line
_MAX_LINES = 2
_LABEL_PAD_PT = 1.0  # space kept between two labels, and between a label and a node


@dataclass(frozen=True)
class PosterOptions:
    """How a poster looks: paper, orientation, language, title, date, resolution."""

    paper: str = "A4"
    orientation: str = "portrait"
    lang: str = "id"
    title: str | None = None
    date: _dt.date | None = None
    dpi: int = 150  # for PNG (SVG and PDF are vector)
    source_note: str | None = None  # replaces the default data-source sentence

    def __post_init__(self) -> None:
        if self.paper not in PAPER_MM:
            raise ValueError(f"paper is one of {', '.join(PAPER_MM)}, got {self.paper!r}")
        if self.orientation not in ORIENTATIONS:
            raise ValueError(
                f"orientation is one of {', '.join(ORIENTATIONS)}, got {self.orientation!r}"
            )
        if not 50 <= int(self.dpi) <= 600:
            raise ValueError(f"dpi is between 50 and 600, got {self.dpi!r}")


def paper_size_mm(paper: str, orientation: str = "portrait") -> tuple[float, float]:
    """``(width, height)`` of the paper in millimetres.

    >>> paper_size_mm("A4"), paper_size_mm("A3", "landscape")
    ((210.0, 297.0), (420.0, 297.0))
    """
    width, height = PAPER_MM[paper]
    return (height, width) if orientation == "landscape" else (width, height)


@dataclass
class Poster:
    """A drawn poster: the figure, its label texts and what had to be numbered."""

    figure: Figure
    labels: dict[str, Text]  # node key -> its label on the drawing
    numbered: list[tuple[int, str]] = field(default_factory=list)
    numbered_lines: int = 0  # lines the list of numbered names takes under the legend
    nodes: pd.DataFrame | None = None
    edges: pd.DataFrame | None = None
    seconds: float = 0.0
    options: PosterOptions = PosterOptions()

    def label_boxes(self) -> dict[str, Bbox]:
        """Each label's box on the page, in pixels at the poster's dpi."""
        renderer = self.figure.canvas.get_renderer()
        return {k: text.get_window_extent(renderer) for k, text in self.labels.items()}


def label_overlaps(poster: Poster) -> list[tuple[str, str]]:
    """Pairs of node keys whose labels overlap on the page (empty on a readable poster)."""
    boxes = sorted(poster.label_boxes().items())
    pairs = []
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1 :]:
            if _intersect(box_a, box_b, 0.0):
                pairs.append((a, b))
    return pairs


def _intersect(a: Bbox, b: Bbox, pad: float) -> bool:
    return not (
        a.x1 + pad <= b.x0 or b.x1 + pad <= a.x0 or a.y1 + pad <= b.y0 or b.y1 + pad <= a.y0
    )


# -- text helpers ------------------------------------------------------------------------------
def _fit_lines(
    text: str, fontsize: float, width_px: float, renderer: Any, indent: str = ""
) -> list[str]:
    """``text`` wrapped at word boundaries into lines no wider than ``width_px``, measured."""
    font = FontProperties(family=_RC["font.family"], size=fontsize)

    def width(s: str) -> float:
        return renderer.get_text_width_height_descent(s, font, ismath=False)[0]

    sample = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789"
    chars = max(10, int(width_px / (width(sample) / len(sample))))
    while True:
        lines = textwrap.wrap(text, chars, subsequent_indent=indent, break_long_words=True)
        if chars <= 10 or all(width(line) <= width_px for line in lines):
            return lines
        chars = int(chars * 0.95)


def _wrapped(name: str, width: int = _WRAP, most: int = _MAX_LINES) -> str:
    """``name`` on at most ``most`` lines of ``width`` characters (the last one shortened)."""
    return wrapped(name, width, most)


def _variants(name: str) -> list[str]:
    """Shapes a label may take: two wide lines, or three narrow ones (no repeats)."""
    out: list[str] = []
    for text in (_wrapped(name), _wrapped(name, 16, 3)):
        if text not in out:
            out.append(text)
    return out


def _filters_text(filters: ViewFilters, graph: nx.MultiDiGraph, lang: str) -> str:
    parts = []
    prefixes = {"labels": "label", "rels": "rel", "levels": "level", "types": "actor_type"}
    prefixes["sectors"] = "sector"
    for name, value in filters.describe():
        if name in prefixes:
            words = ", ".join(t_value(prefixes[name], v, lang) for v in value.split(","))
        elif name in ("programme", "focus"):
            node = graph.nodes.get(value) or {}
            words = str(node.get("name_en") if lang == "en" and node.get("name_en") else None)
            words = words if words != "None" else str(node.get("name") or value)
        else:
            words = value
        parts.append(f"{t(f'poster.filter.{name}', lang)}: {words}")
    return t("poster.filters", lang, filters="; ".join(parts)) if parts else ""


def _bibliography(graph: nx.MultiDiGraph) -> list[str]:
    entries = []
    for _, data in sorted(graph.nodes(data=True)):
        if data.get("label") != "Source":
            continue
        authors = data.get("authors")
        if isinstance(authors, list):
            authors = ", ".join(str(a) for a in authors)
        year = data.get("year")
        head = " ".join(str(x) for x in (authors, f"({year})" if year else None) if x)
        title = str(data.get("title") or data.get("name") or data.get("id"))
        file = f" [{data['file']}]" if data.get("file") else ""
        entries.append(f"{head + '. ' if head else ''}{title}.{file}")
    return entries


# -- layout of the page --------------------------------------------------------------------------
def _view_positions(nodes: pd.DataFrame, edges: pd.DataFrame, layout: str) -> dict:
    """Seeded positions of the nodes shown (x right, y up)."""
    graph = nx.MultiDiGraph()
    for row in nodes.itertuples():
        graph.add_node(row.key, label=row.label, level=row.level)
    for row in edges.itertuples():
        graph.add_edge(row.source, row.target, key=row.rel_type)
    positions = layout_positions(graph, seed=SEED)
    if layout == "level":
        positions = level_positions(graph, positions)
    return {k: (x, -y) for k, (x, y) in positions.items()}  # the page's y grows downwards


def _scales(paper: str) -> dict[str, float]:
    big = paper == "A3"
    return {
        "title": 24 if big else 18,
        "subtitle": 11 if big else 9,
        "label": 7.5 if big else 6.5,
        "label_min": 5.5 if big else 5.0,
        "legend": 9 if big else 7.5,
        "footer": 8 if big else 6.5,
        "marker": 1.25 if big else 1.0,
    }


class _Placer:
    """Greedy label placement around nodes in display pixels, without overlaps."""

    def __init__(self, area: Bbox, obstacles: Mapping[str, Bbox], pad: float) -> None:
        self.area = area
        self.keys = list(obstacles)
        self.obstacles = np.array([[b.x0, b.y0, b.x1, b.y1] for b in obstacles.values()])
        self.placed = np.empty((0, 4))
        self.pad = pad

    def _hits(self, boxes: np.ndarray, box: Bbox) -> np.ndarray:
        pad = self.pad
        return ~(
            (box.x1 + pad <= boxes[:, 0])
            | (boxes[:, 2] + pad <= box.x0)
            | (box.y1 + pad <= boxes[:, 1])
            | (boxes[:, 3] + pad <= box.y0)
        )

    def fits(self, box: Bbox, own: str) -> bool:
        area = self.area
        if box.x0 < area.x0 or box.x1 > area.x1 or box.y0 < area.y0 or box.y1 > area.y1:
            return False
        if len(self.placed) and self._hits(self.placed, box).any():
            return False
        hits = self._hits(self.obstacles, box)
        return not any(hit and key != own for hit, key in zip(hits, self.keys, strict=True))

    def place(self, box: Bbox) -> None:
        self.placed = np.vstack([self.placed, [box.x0, box.y0, box.x1, box.y1]])

    @staticmethod
    def candidates(cx: float, cy: float, r: float, w: float, h: float):
        """Lower-left corners around a node, nearest first (:func:`drawing.placement.label_spots`:
        the network page's canvas tries the same spots)."""
        return label_spots(cx, cy, r, w, h)


_SIZES: dict[tuple[str, float, float, str], tuple[float, float]] = {}


def _measure(text: Text, renderer: Any) -> tuple[float, float]:
    """Width and height of ``text`` in pixels (remembered: the attempts measure the same)."""
    key = (text.get_text(), text.get_fontsize(), renderer.dpi, str(text.get_weight()))
    if key not in _SIZES:
        if len(_SIZES) > 20_000:
            _SIZES.clear()
        box = text.get_window_extent(renderer)
        _SIZES[key] = (box.width, box.height)
    return _SIZES[key]


def build_poster(
    graph: nx.MultiDiGraph,
    filters: ViewFilters = ViewFilters(),  # noqa: B008 - frozen, so a shared default is safe
    options: PosterOptions = PosterOptions(),  # noqa: B008
) -> Poster:
    """Draw the poster of the view ``filters`` describes (``graph``: the store's NetworkX view)."""
    started = time.perf_counter()
    lang = normalise_lang(options.lang)
    reserve = 0
    # the view and its positions: the page's filters, a seeded layout of the nodes shown
    nodes, edges = view_elements(graph, filters, lang=lang, positions={})
    positions = _view_positions(nodes, edges, filters.layout)
    with matplotlib.rc_context(_RC), warnings.catch_warnings():
        # a glyph the font lacks (an emoji) is drawn as a box; the poster is still right
        warnings.filterwarnings("ignore", r"Glyph \d+ .*missing from font", UserWarning)
        for _ in range(4):  # the names that had to be numbered need room under the legend
            poster = _draw(graph, (nodes, edges, positions), filters, options, lang, reserve)
            if poster.numbered_lines <= reserve:
                break
            reserve = poster.numbered_lines
    poster.seconds = time.perf_counter() - started
    return poster


@dataclass
class _Sheet:
    """The sheet being drawn: its figure, renderer and sizes, and the text column's width."""

    fig: Figure
    renderer: Any
    scale: dict[str, float]
    width_mm: float
    height_mm: float
    margin: float
    text_px: float

    def fx(self, mm: float) -> float:
        """A distance from the left edge, in millimetres, as a fraction of the width."""
        return mm / self.width_mm

    def fy(self, mm: float) -> float:
        """A distance from the bottom edge, in millimetres, as a fraction of the height."""
        return mm / self.height_mm

    def lines(self, text: str, size: float, indent: str = "") -> list[str]:
        """``text`` at ``size`` points wrapped to the text column."""
        return _fit_lines(text, size, self.text_px, self.renderer, indent)


def _line_mm(size: float, spacing: float = 1.2) -> float:
    """Height in millimetres of one line of text of ``size`` points."""
    return size / PT_PER_MM * spacing


def _new_sheet(options: PosterOptions) -> _Sheet:
    """An empty figure of the paper's size, with a renderer to measure text."""
    width_mm, height_mm = paper_size_mm(options.paper, options.orientation)
    fig = Figure(figsize=(width_mm * MM, height_mm * MM), dpi=options.dpi)
    FigureCanvasAgg(fig)
    margin = 10.0
    text_px = (width_mm - 2 * margin) * (options.dpi * MM)
    return _Sheet(
        fig,
        fig.canvas.get_renderer(),
        _scales(options.paper),
        width_mm,
        height_mm,
        margin,
        text_px,
    )


def _draw(
    graph: nx.MultiDiGraph,
    view: tuple[pd.DataFrame, pd.DataFrame, dict],
    filters: ViewFilters,
    options: PosterOptions,
    lang: str,
    reserve: int,
) -> Poster:
    """One poster: header, footer, legend and numbered names, then the drawing between."""
    sheet = _new_sheet(options)
    nodes, edges, positions = view
    top_mm = _draw_header(sheet, graph, filters, options, lang, (len(nodes), len(edges)))
    bottom_mm = _draw_footer(sheet, graph, options, lang)
    numbered_size = sheet.scale["legend"] * 0.9
    numbered_at = bottom_mm
    bottom_mm += reserve * _line_mm(numbered_size, 1.25 * 1.2) + (2 if reserve else 0)
    legend = labelled_legend(nodes, filters.colour, lang) if not nodes.empty else []
    columns = 3 if sheet.width_mm < 250 else 4
    legend_at = bottom_mm
    rows = -(-(len(legend) + 1) // columns) + 1  # entries, the line explaining lines, title
    bottom_mm += rows * _line_mm(sheet.scale["legend"], 1.75) + 3
    labels, numbered = _draw_view_area(sheet, (nodes, edges, positions), lang, top_mm, bottom_mm)
    numbered_lines = _draw_numbered(sheet, numbered, numbered_size, numbered_at, lang)
    fx, fy = sheet.fx, sheet.fy
    _draw_legend(sheet.fig, legend, sheet.scale, lang, (fx(sheet.margin), fy(legend_at)), columns)
    poster = Poster(sheet.fig, labels, numbered, nodes=nodes, edges=edges, options=options)
    poster.numbered_lines = numbered_lines
    return poster


def _draw_header(
    sheet: _Sheet,
    graph: nx.MultiDiGraph,
    filters: ViewFilters,
    options: PosterOptions,
    lang: str,
    shown_counts: tuple[int, int],
) -> float:
    """Title, what the view shows and the date; returns where the header ends (mm from top)."""
    scale, margin = sheet.scale, sheet.margin
    title = options.title or t("poster.title", lang)
    title_lines = sheet.lines(title, scale["title"])
    top_mm = margin
    sheet.fig.text(
        sheet.fx(margin),
        1 - sheet.fy(top_mm),
        "\n".join(title_lines),
        fontsize=scale["title"],
        weight="bold",
        va="top",
        linespacing=1.15,
    )
    top_mm += len(title_lines) * _line_mm(scale["title"], 1.15 * 1.2) + 1.5
    shown = t("poster.shown", lang, nodes=shown_counts[0], edges=shown_counts[1])
    what = _filters_text(filters, graph, lang) or t("poster.view_all", lang)
    date = (options.date or _dt.date.today()).isoformat()
    subtitle = f"{what} · {shown} · {t('poster.created', lang, date=date)}"
    sub_lines = sheet.lines(subtitle, scale["subtitle"])
    sheet.fig.text(
        sheet.fx(margin),
        1 - sheet.fy(top_mm),
        "\n".join(sub_lines),
        fontsize=scale["subtitle"],
        color="#424242",
        va="top",
        linespacing=1.25,
    )
    return top_mm + len(sub_lines) * _line_mm(scale["subtitle"], 1.25 * 1.2) + 3


def _draw_footer(sheet: _Sheet, graph: nx.MultiDiGraph, options: PosterOptions, lang: str) -> float:
    """The data-source note and the bibliography; returns where they end (mm from bottom)."""
    size = sheet.scale["footer"]
    note = options.source_note or t(
        "poster.source_note", lang, nodes=graph.number_of_nodes(), rels=graph.number_of_edges()
    )
    footer_lines = sheet.lines(note, size)
    footer_lines.append(f"{t('poster.bibliography', lang)}:")
    for i, ref in enumerate(_bibliography(graph) or [t("poster.no_sources", lang)], 1):
        footer_lines += sheet.lines(f"[{i}] {ref}", size, "     ")
    sheet.fig.text(
        sheet.fx(sheet.margin),
        sheet.fy(sheet.margin),
        "\n".join(footer_lines),
        fontsize=size,
        color="#424242",
        va="bottom",
        linespacing=1.3,
    )
    return sheet.margin + len(footer_lines) * _line_mm(size, 1.3 * 1.2) + 3


def _draw_view_area(
    sheet: _Sheet,
    view: tuple[pd.DataFrame, pd.DataFrame, dict],
    lang: str,
    top_mm: float,
    bottom_mm: float,
) -> tuple[dict[str, Text], list[tuple[int, str]]]:
    """The network between header and legend, or a sentence saying the view is empty."""
    fx, fy = sheet.fx, sheet.fy
    ax = sheet.fig.add_axes(
        (fx(sheet.margin), fy(bottom_mm), 1 - 2 * fx(sheet.margin), 1 - fy(top_mm) - fy(bottom_mm))
    )
    ax.set_axis_off()
    nodes, edges, positions = view
    if nodes.empty:
        ax.text(0.5, 0.5, t("poster.empty", lang), ha="center", va="center", fontsize=12)
        return {}, []
    return _draw_network(ax, sheet.fig, sheet.renderer, nodes, edges, positions, sheet.scale)


def _draw_numbered(
    sheet: _Sheet, numbered: list[tuple[int, str]], size: float, at_mm: float, lang: str
) -> int:
    """The names drawn as numbers, spelled out above the footer; returns the lines taken."""
    if not numbered:
        return 0
    listing = "; ".join(f"{n}\u00a0=\u00a0{name}" for n, name in numbered)  # kept together
    lines = sheet.lines(f"{t('poster.numbered', lang)} {listing}", size)
    sheet.fig.text(
        sheet.fx(sheet.margin),
        sheet.fy(at_mm),
        "\n".join(lines),
        fontsize=size,
        va="bottom",
        linespacing=1.25,
    )
    return len(lines)


def _draw_network(
    ax: Any,
    fig: Figure,
    renderer: Any,
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    positions: Mapping[str, tuple[float, float]],
    scale: Mapping[str, float],
) -> tuple[dict[str, Text], list[tuple[int, str]]]:
    """Lines, nodes and labels of the view on ``ax``; returns the labels and numbered names."""
    _frame(ax, positions)
    _draw_lines(ax, edges, positions)
    marker_pt = _marker_points(nodes, scale)
    _draw_markers(ax, nodes, positions, marker_pt)
    labeller = _Labeller(ax, fig.dpi / 72, renderer, scale)
    labeller.start(nodes, positions, marker_pt)
    for row in _label_order(nodes, edges):
        labeller.label(row)
    return labeller.labels, labeller.numbered


def _frame(ax: Any, positions: Mapping[str, tuple[float, float]]) -> None:
    """Axis limits around the nodes, with room at the sides for the outermost labels."""
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    span_x, span_y = max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0)
    ax.set_xlim(min(xs) - 0.12 * span_x, max(xs) + 0.12 * span_x)
    ax.set_ylim(min(ys) - 0.05 * span_y, max(ys) + 0.05 * span_y)


def _draw_lines(ax: Any, edges: pd.DataFrame, positions: Mapping[str, tuple[float, float]]) -> None:
    """One grey line per relationship shown, wider for a heavier collaboration."""
    segments, widths = [], []
    for row in edges.itertuples():
        if row.source in positions and row.target in positions:
            segments.append([positions[row.source], positions[row.target]])
            weight = (
                row.weight
                if isinstance(row.weight, (int, float)) and row.weight == row.weight
                else 1
            )
            widths.append(0.4 + 0.35 * min(float(weight), 6))
    ax.add_collection(
        LineCollection(segments, linewidths=widths, colors="#9e9e9e", alpha=0.6, zorder=1)
    )


def _marker_points(nodes: pd.DataFrame, scale: Mapping[str, float]) -> dict[str, float]:
    """Each node's marker diameter in points, from its size on the page."""
    marker_pt: dict[str, float] = {}
    for row in nodes.itertuples():
        size = float(row.size) if row.size == row.size else 12.0
        marker_pt[row.key] = (3.5 + size * 0.3) * scale["marker"]
    return marker_pt


def _draw_markers(
    ax: Any,
    nodes: pd.DataFrame,
    positions: Mapping[str, tuple[float, float]],
    marker_pt: Mapping[str, float],
) -> None:
    """The nodes, one scatter per shape; a highlighted node gets a red rim."""
    for shape, group in nodes.groupby("shape", sort=True):
        ax.scatter(
            [positions[k][0] for k in group["key"]],
            [positions[k][1] for k in group["key"]],
            s=[marker_pt[k] ** 2 for k in group["key"]],
            c=list(group["color"]),
            marker=_MARKERS.get(str(shape), "o"),
            edgecolors=["#e41a1c" if h is True else "#ffffff" for h in group["highlight"]],
            linewidths=0.6,
            zorder=2,
        )


def _label_order(nodes: pd.DataFrame, edges: pd.DataFrame) -> list[Any]:
    """Nodes in the order their labels are placed: programmes, then most connected first."""
    degree: dict[str, int] = {}
    for row in edges.itertuples():
        degree[row.source] = degree.get(row.source, 0) + 1
        degree[row.target] = degree.get(row.target, 0) + 1
    return sorted(
        nodes.itertuples(),
        key=lambda r: (r.label != "Program", -degree.get(r.key, 0), str(r.name).casefold(), r.key),
    )


# A light white patch keeps a label readable over the lines it crosses; it reaches less than
# the space kept between two labels, so patches never cover a neighbour either.
_PATCH = {"boxstyle": "square,pad=0.08", "facecolor": "white", "edgecolor": "none", "alpha": 0.8}


class _Labeller:
    """Places the labels of a drawing one by one, a number where a name does not fit."""

    def __init__(self, ax: Any, px_per_pt: float, renderer: Any, scale: Mapping[str, float]):
        self.ax, self.px_per_pt, self.renderer, self.scale = ax, px_per_pt, renderer, scale
        self.labels: dict[str, Text] = {}
        self.numbered: list[tuple[int, str]] = []

    def start(
        self,
        nodes: pd.DataFrame,
        positions: Mapping[str, tuple[float, float]],
        marker_pt: Mapping[str, float],
    ) -> None:
        """Node centres in pixels, and every node as an obstacle no label may cover."""
        to_px = self.ax.transData.transform
        self.centres = {k: tuple(to_px(positions[k])) for k in nodes["key"]}
        self.marker_pt = marker_pt
        obstacles = {}
        for key, (cx, cy) in self.centres.items():
            r = marker_pt[key] * self.px_per_pt / 2
            obstacles[key] = Bbox([[cx - r, cy - r], [cx + r, cy + r]])
        area = self.ax.get_window_extent(self.renderer)
        self.placer = _Placer(area, obstacles, _LABEL_PAD_PT * self.px_per_pt)
        self.inverse = self.ax.transData.inverted()

    def label(self, row: Any) -> None:
        """The label of one node: its name in the first shape and size that fits, else a
        number; nothing when not even the number fits."""
        name = str(row.name or row.key)
        cx, cy = self.centres[row.key]
        r = self.marker_pt[row.key] * self.px_per_pt / 2 + 1.5 * self.px_per_pt
        scale = self.scale
        text = self.ax.text(
            0, 0, "", fontsize=scale["label"], color="#212121", zorder=3, bbox=_PATCH
        )
        spot = None
        sizes = (scale["label"], (scale["label"] + scale["label_min"]) / 2, scale["label_min"])
        for content, size in [(v, z) for z in sizes for v in _variants(name)]:
            spot = self._try(text, content, size, row.key, (cx, cy, r))
            if spot:
                break
        if spot is None:  # the name does not fit anywhere near: a number stands for it
            number = len(self.numbered) + 1
            text.set_weight("bold")
            spot = self._try(text, str(number), scale["label_min"], row.key, (cx, cy, r))
            if spot is None:
                text.remove()
                return
            self.numbered.append((number, name))
        self._settle(text, spot, cx, cy)
        self.labels[row.key] = text

    def _try(
        self,
        text: Text,
        content: str,
        size: float,
        key: str,
        node: tuple[float, float, float],
    ) -> tuple[float, float, str, Bbox, float] | None:
        """Give ``text`` this content and size and find it a free spot around the node."""
        text.set_text(content)
        text.set_fontsize(size)
        w, h = _measure(text, self.renderer)
        return _first_fit(self.placer, key, *node, w, h)

    def _settle(
        self, text: Text, spot: tuple[float, float, str, Bbox, float], cx: float, cy: float
    ) -> None:
        """Put ``text`` at its spot (tied to its node by a thin line when set far out)."""
        x0, y0, align, box, step = spot
        if step >= LEADER_STEP:
            nearest = (min(max(cx, box.x0), box.x1), min(max(cy, box.y0), box.y1))
            self.ax.plot(
                *zip(*self.inverse.transform([(cx, cy), nearest]), strict=True),
                color="#757575",
                linewidth=0.35,
                zorder=1.5,
            )
        text.set_position(self.inverse.transform((x0, y0)))
        text.set_horizontalalignment("left")
        text.set_verticalalignment("bottom")
        text.set_multialignment(align)
        self.placer.place(box)


def _first_fit(
    placer: _Placer, key: str, cx: float, cy: float, r: float, w: float, h: float
) -> tuple[float, float, str, Bbox, float] | None:
    for step, x0, y0, align in placer.candidates(cx, cy, r, w, h):
        box = Bbox([[x0, y0], [x0 + w, y0 + h]])
        if placer.fits(box, key):
            return x0, y0, align, box, step
    return None


def _draw_legend(
    fig: Figure,
    legend: Sequence[Mapping[str, str]],
    scale: Mapping[str, float],
    lang: str,
    anchor: tuple[float, float],
    columns: int,
) -> None:
    handles = [
        Line2D(
            [],
            [],
            linestyle="none",
            marker=_MARKERS.get(item["shape"], "o"),
            markersize=scale["legend"] * 0.9,
            markerfacecolor=item["color"],
            markeredgecolor="#ffffff",
            label=item["text"],
        )
        for item in legend
    ]
    handles.append(Line2D([], [], color="#9e9e9e", linewidth=1.5, label=t("poster.lines", lang)))
    fig.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=anchor,
        ncols=columns,
        fontsize=scale["legend"],
        title=t("poster.legend", lang),
        title_fontsize=scale["legend"],
        alignment="left",
        frameon=False,
        borderaxespad=0,
        borderpad=0,
        columnspacing=1.2,
        handletextpad=0.4,
    )


# -- files -------------------------------------------------------------------------------------
def poster_bytes(poster: Poster, fmt: str) -> bytes:
    """The poster as a PNG, SVG or PDF file."""
    if fmt not in POSTER_FORMATS:
        raise ValueError(f"poster format is one of {', '.join(POSTER_FORMATS)}, got {fmt!r}")
    title = next((x.get_text() for x in poster.figure.texts), "Jejaring")
    metadata: dict[str, Any] = {
        "png": {"Title": title, "Software": "Jejaring"},
        "svg": {"Title": title, "Date": None, "Creator": "Jejaring"},
        "pdf": {"Title": title, "Creator": "Jejaring", "CreationDate": None},
    }[fmt]
    buffer = io.BytesIO()
    with matplotlib.rc_context(_RC), warnings.catch_warnings():
        warnings.filterwarnings("ignore", r"Glyph \d+ .*missing from font", UserWarning)
        poster.figure.savefig(
            buffer, format=fmt, dpi=poster.figure.dpi, metadata=metadata, facecolor="white"
        )
    return buffer.getvalue()
