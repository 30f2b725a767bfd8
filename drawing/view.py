"""One description of a view of the network, shared by the network page, the command line's
``export --filter`` and the exports.

A :class:`ViewFilters` says what a view shows (kinds of node, relationships, levels, actor
types, sectors, a programme, a focus actor and its depth, a window of years), how it looks
(colour, layout, node size, physics), the two ends of a shortest path and the node picked.
Its text form is ``name=value`` pairs (:meth:`ViewFilters.to_pairs`,
:meth:`ViewFilters.from_pairs`, :func:`parse_filters`): the page's address parameters and
the command line's ``--filter`` are the same text, so a deep link and an export speak one
language.

One rule for a value a view cannot use: text that names no value of the vocabulary (a typo,
a depth of 9) and a value the data does not hold (a sector no actor has, an actor that is
not there, years wholly outside the data's years) are each a :class:`ViewProblem`, with one
message in either language. The command line refuses the view with that message; the page
leaves the value out and shows the same message. A year range reaching beyond the data's
years is first narrowed to them (it selects the same nodes), and is a problem only when
nothing of it remains.

Nothing here draws or imports Streamlit; :mod:`drawing.elements` turns a view into the
tables of nodes and relationships to draw.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import networkx as nx

from drawing.i18n import t
from drawing.layout import CORE_LABELS, LAYOUTS
from drawing.style import COLOUR_BY, NETWORK_LABELS
from graph.schema import ACTOR_TYPES, LEVELS, SECTORS
from queries.scope import programme_scope, year_range
from queries.views import MAX_DEPTH, ego_network

__all__ = [
    "NETWORK_LABELS",
    "DEFAULT_LABELS",
    "NETWORK_REL_TYPES",
    "COLOUR_BY",
    "VIEW_LAYOUTS",
    "SIZE_METRICS",
    "FILTER_NAMES",
    "VIEW_NAMES",
    "ViewFilters",
    "UNDATED",
    "WHOLE_GRAPH",
    "ViewProblem",
    "ViewError",
    "parse_filters",
    "DataChoices",
    "data_choices",
    "fit_view",
    "read_view",
    "network_universe",
    "scope_keep",
]

# Kinds of node a view shows unless told otherwise: actors, programmes and interventions.
DEFAULT_LABELS = CORE_LABELS
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
VIEW_LAYOUTS = LAYOUTS
# Collaboration metrics that can size the actors (queries.centrality), "none" for fixed sizes.
SIZE_METRICS = (
    "degree",
    "weighted_degree",
    "betweenness",
    "closeness",
    "eigenvector",
    "pagerank",
    "core_number",
    "effective_size",
)
ALL_LABELS = "all"  # the text of labels=None: every kind of node

# The text names of a view, in the order they are written: the filters first (the names the
# command line has always taken), then the path, the size, physics and the node picked.
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
    "undated",
    "colour",
    "layout",
)
VIEW_NAMES = (*FILTER_NAMES, "from", "to", "size", "physics", "node")
_FIELD = {"from": "path_from", "to": "path_to"}  # text name -> field, where they differ
_CHOICES: dict[str, Sequence[str]] = {
    "labels": NETWORK_LABELS,
    "rels": NETWORK_REL_TYPES,
    "levels": LEVELS,
    "types": ACTOR_TYPES,
    "sectors": SECTORS,
}
UNDATED = ("keep", "drop")  # what a view does with nodes that carry no date
_OPTIONS: dict[str, Sequence[str]] = {
    "undated": UNDATED,
    "colour": COLOUR_BY,
    "layout": VIEW_LAYOUTS,
    "size": ("none", *SIZE_METRICS),
}
_NODE_LABEL = {"programme": "Program", "focus": "Actor", "from": "Actor", "to": "Actor"}


def _field(name: str) -> str:
    return _FIELD.get(name, name)


@dataclass(frozen=True)
class ViewFilters:
    """One view of the network; ``None`` keeps everything.

    ``labels`` defaults to :data:`DEFAULT_LABELS` (actors, programmes, interventions; None
    is every kind of node); ``rels``, ``levels``, ``types`` and ``sectors`` keep only those
    values (levels, types and sectors apply to actors); ``programme`` keeps its scope and
    ``focus`` the actor's neighbourhood within ``depth`` steps; ``years`` is a ``(first,
    last)`` window; ``undated`` keeps nodes without a date (``keep``, the default) or leaves
    them out (``drop``, with or without a window of years). ``colour`` (actor type or sector), ``layout``
    (spring or level), ``size`` (a collaboration metric or ``none``) and ``physics`` are
    how it looks; ``path_from`` and ``path_to`` are the ends of the shortest path drawn,
    ``node`` the node picked for its details.
    """

    labels: tuple[str, ...] | None = DEFAULT_LABELS
    rels: tuple[str, ...] | None = None
    levels: tuple[str, ...] | None = None
    types: tuple[str, ...] | None = None
    sectors: tuple[str, ...] | None = None
    programme: str | None = None
    focus: str | None = None
    depth: int = 1
    years: tuple[int, int] | None = None
    undated: str = "keep"
    colour: str = "actor_type"
    layout: str = "spring"
    path_from: str | None = None
    path_to: str | None = None
    size: str = "none"
    physics: bool = False
    node: str | None = None

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> ViewFilters:
        """The view with ``values`` by text name (:data:`VIEW_NAMES`), the rest defaults.

        >>> ViewFilters.of({"from": "Actor:a", "depth": 2}).path_from
        'Actor:a'
        """
        return cls(**{_field(name): value for name, value in values.items()})

    def value(self, name: str) -> Any:
        """The value of the text name ``name`` (:data:`VIEW_NAMES`): ``from`` is ``path_from``."""
        return getattr(self, _field(name))

    def to_pairs(self) -> dict[str, str]:
        """The values that differ from the defaults as ``{name: text}``, in :data:`VIEW_NAMES`
        order: the page's address parameters, and what ``--filter name=text`` takes.

        >>> ViewFilters(types=("cadre",), focus="Actor:kader", depth=2).to_pairs()
        {'types': 'cadre', 'focus': 'Actor:kader', 'depth': '2'}
        >>> ViewFilters.from_pairs(ViewFilters(years=(2019, 2023)).to_pairs())[0].years
        (2019, 2023)
        """
        out = {}
        for name in VIEW_NAMES:
            value = getattr(self, _field(name))
            if value != getattr(ViewFilters, _field(name)):
                out[name] = _text(name, value)
        return out

    @classmethod
    def from_pairs(
        cls, pairs: Mapping[str, str] | Iterable[str] | Iterable[tuple[str, str]]
    ) -> tuple[ViewFilters, list[ViewProblem]]:
        """The view ``pairs`` describe, leaving out each value it cannot read, and the
        problems found (empty when the whole text was read).

        ``pairs`` is a mapping, ``name=value`` texts, or ``(name, value)`` pairs. Lists are
        comma-separated; ``programme`` and ``focus`` (and ``from``, ``to``) take a node key
        or a bare id.

        >>> view, problems = ViewFilters.from_pairs({"colour": "purple", "depth": "2"})
        >>> view.depth, [p.text("en") for p in problems]
        (2, ["filter colour: 'purple' is not one of actor_type, sector"])
        """
        values: dict[str, Any] = {}
        problems: list[ViewProblem] = []
        for item in _items(pairs):
            if isinstance(item, ViewProblem):
                problems.append(item)
                continue
            name, raw = item
            if name not in VIEW_NAMES:
                problems.append(ViewProblem.of("unknown_name", name=repr(name), known=_known()))
                continue
            value, problem = _read(name, raw)
            if problem is not None:
                problems.append(problem)
            if value is not None or (problem is None and name == "labels"):
                values[_field(name)] = value
        return cls(**values), problems

    def describe(self) -> list[tuple[str, str]]:
        """The filters (:data:`FILTER_NAMES`) that differ from the defaults, as ``(name,
        text)`` pairs for a note; the depth only with a focus, where it means something."""
        return [
            (name, text)
            for name, text in self.to_pairs().items()
            if name in FILTER_NAMES and not (name == "depth" and not self.focus)
        ]


WHOLE_GRAPH = ViewFilters(labels=None)  # every node and relationship, no filter


def _known() -> str:
    return ", ".join(VIEW_NAMES)


def _text(name: str, value: Any) -> str:
    if name == "labels" and value is None:
        return ALL_LABELS
    if name == "years":
        return f"{value[0]}-{value[1]}"
    if name == "physics":
        return "1" if value else "0"
    if isinstance(value, tuple):
        return ",".join(value)
    return str(value)


def _items(pairs: Any) -> Iterable[tuple[str, str] | ViewProblem]:
    if isinstance(pairs, Mapping):
        yield from ((str(k).strip(), str(v).strip()) for k, v in pairs.items())
        return
    for pair in pairs:
        if isinstance(pair, tuple):
            yield str(pair[0]).strip(), str(pair[1]).strip()
            continue
        name, sep, value = str(pair).partition("=")
        if not sep:
            yield ViewProblem.of("not_pair", text=repr(pair))
        else:
            yield name.strip(), value.strip()


def _read(name: str, raw: str) -> tuple[Any, ViewProblem | None]:
    """The value of one ``name=raw`` pair and the problem with it (value None: left out)."""
    if name in _CHOICES:
        return _read_list(name, raw)
    if name in _NODE_LABEL:
        return (raw if ":" in raw else f"{_NODE_LABEL[name]}:{raw}") if raw else None, None
    if name == "node":
        return raw or None, None
    if name == "depth":
        if raw.isdigit() and 1 <= int(raw) <= MAX_DEPTH:
            return int(raw), None
        return None, ViewProblem.of("depth", most=MAX_DEPTH, value=repr(raw))
    if name == "years":
        return _read_years(raw)
    if name == "physics":
        if raw in ("0", "1"):
            return raw == "1", None
        return None, ViewProblem.of("physics", value=repr(raw))
    if raw in _OPTIONS[name]:
        return raw, None
    return None, _not_one_of(name, [raw], _OPTIONS[name])


def _read_list(name: str, raw: str) -> tuple[tuple[str, ...] | None, ViewProblem | None]:
    if name == "labels" and raw == ALL_LABELS:
        return None, None
    chosen = tuple(v.strip() for v in raw.split(",") if v.strip())
    wrong = [v for v in chosen if v not in _CHOICES[name]]
    kept = tuple(v for v in chosen if v in _CHOICES[name])
    problem = _not_one_of(name, wrong, _CHOICES[name]) if wrong else None
    if wrong and not kept:
        return None, problem  # nothing readable: the filter is left out, not emptied
    return kept, problem


def _read_years(raw: str) -> tuple[tuple[int, int] | None, ViewProblem | None]:
    try:
        first, last = (int(x) for x in raw.split("-", 1))
    except ValueError:
        return None, ViewProblem.of("years_form", value=repr(raw))
    if first > last:
        return None, ViewProblem.of("years_order", first=first, last=last)
    return (first, last), None


def _not_one_of(name: str, wrong: Sequence[str], choices: Sequence[str]) -> ViewProblem:
    return ViewProblem.of(
        "not_one_of", name=name, values=", ".join(map(repr, wrong)), choices=", ".join(choices)
    )


@dataclass(frozen=True)
class ViewProblem:
    """A value a view cannot use, with its message in either language.

    ``key`` names the message (``network.view.<key>`` in the interface strings); ``values``
    fill its placeholders.
    """

    key: str
    values: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, key: str, **values: Any) -> ViewProblem:
        return cls(key, tuple(sorted(values.items())))

    def text(self, lang: str = "en") -> str:
        """The message in ``lang``, the same words on the page and on the command line."""
        return t(f"network.view.{self.key}", lang, **dict(self.values))


class ViewError(ValueError):
    """A view text the command line refuses: every problem found, in English by default."""

    def __init__(self, problems: Sequence[ViewProblem]) -> None:
        self.problems = list(problems)
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        """Every problem's message in ``lang``, one per line."""
        return "\n".join(p.text(lang) for p in self.problems)


def parse_filters(pairs: Sequence[str] | Mapping[str, str]) -> ViewFilters:
    """:class:`ViewFilters` from ``name=value`` texts (or a mapping), as the CLI takes them.

    Lists are comma-separated; an unknown name or value raises :class:`ViewError` (a
    ValueError) naming the choices, so a typo never silently widens the view.

    >>> f = parse_filters(["types=cadre,village_government", "focus=kepala_desa_mongpok"])
    >>> f.types, f.focus, f.depth
    (('cadre', 'village_government'), 'Actor:kepala_desa_mongpok', 1)
    >>> parse_filters(["colour=purple"])
    Traceback (most recent call last):
    ...
    drawing.view.ViewError: filter colour: 'purple' is not one of actor_type, sector
    """
    view, problems = ViewFilters.from_pairs(pairs)
    if problems:
        raise ViewError(problems)
    return view


# -- what the data holds ---------------------------------------------------------------------
@dataclass(frozen=True)
class DataChoices:
    """What a view of one graph can choose from: the values present, in the schema's order,
    the graph's years, and the keys of its programmes, actors and nodes."""

    labels: tuple[str, ...]
    rels: tuple[str, ...]
    levels: tuple[str, ...]
    types: tuple[str, ...]
    sectors: tuple[str, ...]
    years: tuple[int, int] | None
    programmes: frozenset[str]
    actors: frozenset[str]
    nodes: frozenset[str]

    def present(self, name: str) -> tuple[str, ...]:
        """The values of the list filter ``name`` that the data holds."""
        return getattr(self, name)

    def default(self, name: str) -> tuple[str, ...]:
        """What the list filter ``name`` holds when nothing narrows it."""
        if name == "labels":
            return tuple(lb for lb in DEFAULT_LABELS if lb in self.labels)
        return self.present(name)


def data_choices(universe: nx.MultiDiGraph) -> DataChoices:
    """The :class:`DataChoices` of ``universe`` (:func:`network_universe` of a graph)."""
    data = dict(universe.nodes(data=True))
    actors = {k: d for k, d in data.items() if d.get("label") == "Actor"}
    labels = {d.get("label") for d in data.values()}
    rel_keys = {k for _, _, k in universe.edges(keys=True)}

    def having(prop: str, vocabulary: Sequence[str]) -> tuple[str, ...]:
        found = {a.get(prop) for a in actors.values()}
        return tuple(v for v in vocabulary if v in found)

    return DataChoices(
        labels=tuple(lb for lb in NETWORK_LABELS if lb in labels),
        rels=tuple(r for r in NETWORK_REL_TYPES if r in rel_keys),
        levels=having("level", LEVELS),
        types=having("actor_type", ACTOR_TYPES),
        sectors=having("sector", SECTORS),
        years=year_range(universe),
        programmes=frozenset(k for k, d in data.items() if d.get("label") == "Program"),
        actors=frozenset(actors),
        nodes=frozenset(data),
    )


def fit_view(view: ViewFilters, choices: DataChoices) -> tuple[ViewFilters, list[ViewProblem]]:
    """``view`` with every value the data does not hold left out, and the problems found.

    A list keeps the values present (dropped entirely when none is); choosing every value
    present is no filter at all. Years are narrowed to the data's years, and left out when
    nothing of them remains. A programme, actor or node that is not there is left out. The
    result is written the same way whatever the order of the steps that led to it, so the
    page's widgets and its address give equal views.
    """
    problems: list[ViewProblem] = []
    changes: dict[str, Any] = {}
    for name in _CHOICES:
        value, problem = _fit_list(name, getattr(view, name), choices)
        changes[name] = value
        problems += [problem] if problem else []
    changes["years"], problem = _fit_years(view.years, choices.years)
    problems += [problem] if problem else []
    for name, keys in (
        ("programme", choices.programmes),
        ("focus", choices.actors),
        ("from", choices.actors),
        ("to", choices.actors),
        ("node", choices.nodes),
    ):
        value = getattr(view, _field(name))
        if value is not None and value not in keys:
            problems.append(ViewProblem.of("no_node", name=name, value=repr(value)))
            value = None
        changes[_field(name)] = value
    return replace(view, **changes), problems


def _fit_list(
    name: str, value: tuple[str, ...] | None, choices: DataChoices
) -> tuple[tuple[str, ...] | None, ViewProblem | None]:
    if value is None or (name == "labels" and value == DEFAULT_LABELS):
        return value, None
    present = choices.present(name)
    absent = [v for v in value if v not in present]
    kept = tuple(v for v in value if v in present)
    problem = None
    if absent:
        problem = ViewProblem.of(
            "not_in_data",
            name=name,
            values=", ".join(map(repr, absent)),
            present=", ".join(present) or "-",
        )
        if not kept:
            return getattr(ViewFilters, name), problem
    if name == "labels":
        return (DEFAULT_LABELS if set(kept) == set(choices.default(name)) else kept), problem
    return (None if present and set(kept) >= set(present) else kept), problem


def _fit_years(
    years: tuple[int, int] | None, bounds: tuple[int, int] | None
) -> tuple[tuple[int, int] | None, ViewProblem | None]:
    if years is None:
        return None, None
    if bounds is None:
        return None, ViewProblem.of("no_years")
    (first, last), (low, high) = years, bounds
    if last < low or first > high:
        return None, ViewProblem.of("years_outside", first=first, last=last, low=low, high=high)
    narrowed = (max(first, low), min(last, high))
    return (None if narrowed == bounds else narrowed), None


def read_view(
    pairs: Mapping[str, str] | Iterable[str], choices: DataChoices
) -> tuple[ViewFilters, list[ViewProblem]]:
    """The view a text describes, fitted to the data (:func:`fit_view`), and every problem
    with it: what the network page makes of its address, and what the command line's
    ``--filter`` refuses unless the list of problems is empty.
    """
    view, problems = ViewFilters.from_pairs(pairs)
    view, unheld = fit_view(view, choices)
    return view, problems + unheld


# -- scope ---------------------------------------------------------------------------------------
def network_universe(
    graph: nx.MultiDiGraph, labels: Collection[str] | None = None
) -> nx.MultiDiGraph:
    """What a view can show: nodes of :data:`NETWORK_LABELS` (only ``labels`` when given),
    with the relationships of :data:`NETWORK_REL_TYPES` among them."""
    wanted = set(NETWORK_LABELS) if labels is None else set(labels) & set(NETWORK_LABELS)
    keep = [n for n, label in graph.nodes(data="label") if label in wanted]
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, dict(graph.nodes[n])) for n in keep)
    for u, v, k, data in graph.edges(keys=True, data=True):
        if u in sub and v in sub and k in NETWORK_REL_TYPES:
            sub.add_edge(u, v, key=k, **data)
    return sub


def scope_keep(universe: nx.MultiDiGraph, view: ViewFilters) -> set[str] | None:
    """The node keys the view's programme and focus actor allow (None: no such restriction).

    The programme keeps :func:`queries.scope.programme_scope`; the focus keeps the actor's
    ego network at ``depth`` among the kinds of node shown; both together keep what both
    allow.
    """
    keep: set[str] | None = None
    if view.programme:
        keep = programme_scope(universe, view.programme)
    if view.focus and view.focus in universe:
        shown = network_universe(universe, view.labels)
        if view.focus in shown:
            ego = set(ego_network(shown, view.focus, depth=int(view.depth)).nodes)
            keep = ego if keep is None else keep & ego
    return keep
