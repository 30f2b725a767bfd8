"""Which nodes a view of the network holds: a programme's scope, a window of years, a search
by name, and a neighbourhood capped at a number of nodes.

Pure functions over the NetworkX view of the store (node keys ``"Label:id"``, edge keys are
relationship types). Nothing is drawn here: the drawing layer (``drawing/``) decides what a
view shows from these answers.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from typing import Any

import networkx as nx

from queries.collaboration import period_bounds
from queries.overview import display_name

__all__ = [
    "programme_scope",
    "node_period",
    "in_window",
    "year_range",
    "search_nodes",
    "capped_ego",
]


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


def node_period(data: Mapping[str, Any]) -> tuple[Any, Any]:
    """The dates a node is read by: its period (``start``..``end``), else its one date.

    >>> node_period({"start": "2019"}), node_period({"year": 2021})
    (('2019', None), (2021, 2021))
    """
    if data.get("start") or data.get("end"):
        return data.get("start"), data.get("end")
    when = data.get("date") or data.get("year")
    return when, when


def in_window(
    start: Any, end: Any, window: tuple[int, int] | None, keep_undated: bool = True
) -> bool:
    """Whether the period ``start..end`` meets the years ``window`` (None: any years); an
    undated period is kept unless ``keep_undated`` is False.

    >>> in_window("2019-03", None, (2020, 2022)), in_window(None, None, (2020, 2022))
    (True, True)
    >>> in_window("2017", "2018-12-31", (2020, 2022))
    False
    >>> in_window(None, None, None, keep_undated=False), in_window("2021", None, None, False)
    (False, True)
    """
    first, last = period_bounds(start), period_bounds(end)
    if first is None and last is None:
        return keep_undated
    if window is None:
        return True
    begin = first[0].year if first else -math.inf
    finish = last[1].year if last else math.inf
    return begin <= window[1] and finish >= window[0]


def year_range(graph: nx.MultiDiGraph) -> tuple[int, int] | None:
    """The first and last year that any node or relationship is dated in, or None."""
    years: set[int] = set()
    for _, data in graph.nodes(data=True):
        for value in node_period(data):
            bounds = period_bounds(value)
            if bounds:
                years.update((bounds[0].year, bounds[1].year))
    for _, _, data in graph.edges(data=True):
        bounds = period_bounds(data.get("date"))
        if bounds:
            years.update((bounds[0].year, bounds[1].year))
    return (min(years), max(years)) if years else None


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
