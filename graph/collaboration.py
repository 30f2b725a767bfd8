"""The collaboration network: actors linked by what the evidence says they do together.

A pure projection of the full NetworkX view (``store.to_networkx()``: node keys
``"Label:id"``, edge keys are relationship types) onto the actors. Two actors are linked
when at least one *reason* joins them; each reason is kept on the edge with the node it
goes through and the evidence locators of the relationships behind it, so the app can
explain every link. The edge ``weight`` is the number of distinct reasons, where a
reason is a pair (code, via): working on two different interventions together counts
twice, the same relationship stated in both directions counts once.

Reason codes (``REASONS``):

- ``collaborates``: ``COLLABORATES_WITH`` between two actors.
- ``programme_partner``: a programme ``COLLABORATES_WITH`` an actor. The programme cannot
  collaborate by itself, so the partner is linked with the actors who *run* the programme
  (``LEADS``, ``COORDINATES`` or ``IMPLEMENTS`` it; see ``PROGRAMME_RUNNER_TYPES``).
  Funders and supporters of a programme are not taken to speak for it, and two partners
  of the same programme are not linked to each other by that alone.
- ``same_intervention`` / ``same_programme``: both actors ``FUNDS``, ``SUPPORTS``,
  ``IMPLEMENTS``, ``LEADS`` or ``COORDINATES`` the same intervention / programme (in any
  combination). Working on an intervention that is ``PART_OF`` a programme does not count
  as working on the programme: that would tie every village cadre to national offices.
- ``coordinates``, ``leads``, ``supports``: ``COORDINATES``, ``LEADS``, ``SUPPORTS`` or
  ``FUNDS`` from one actor to another.
- ``member_of``: one actor is ``MEMBER_OF`` (or an organisational unit, ``PART_OF``) the other.
- ``same_body``: both are ``MEMBER_OF`` / ``PART_OF`` the same actor.

Date window: a relationship whose ``date`` falls outside the window is dropped, and so is a
target (intervention, programme) whose ``start``..``end`` period does not overlap it. A date
may be a year, a month or a day and counts as the whole period it names. Undated
relationships and targets are kept: most evidence in the case study carries no date, and
dropping it would empty the network rather than narrow it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import Any

import networkx as nx

__all__ = [
    "BODY_TYPES",
    "DIRECT_REASONS",
    "SHARED_REASONS",
    "REASONS",
    "REASON_LABELS",
    "PROGRAMME_RUNNER_TYPES",
    "TARGET_WORK_TYPES",
    "actor_reasons",
    "collaboration_projection",
    "direct_types",
    "explain_edge",
    "reason_label",
    "period_bounds",
]

# Relationship types by which an actor works on an intervention or a programme.
TARGET_WORK_TYPES = ("FUNDS", "SUPPORTS", "IMPLEMENTS", "LEADS", "COORDINATES")
# Relationship types by which an actor runs a programme (and so speaks for its partnerships).
PROGRAMME_RUNNER_TYPES = ("LEADS", "COORDINATES", "IMPLEMENTS")
# Actor -> actor relationship types that are a tie by themselves, and their reason code.
_DIRECT = {
    "COLLABORATES_WITH": "collaborates",
    "COORDINATES": "coordinates",
    "LEADS": "leads",
    "SUPPORTS": "supports",
    "FUNDS": "supports",
    "MEMBER_OF": "member_of",
    "PART_OF": "member_of",
}
BODY_TYPES = ("MEMBER_OF", "PART_OF")  # actor -> body relationship types

REASON_LABELS: dict[str, dict[str, str]] = {
    "collaborates": {"id": "bekerja sama langsung", "en": "collaborate directly"},
    "programme_partner": {
        "id": "mitra program yang dijalankan aktor lain",
        "en": "partner of a programme the other runs",
    },
    "same_intervention": {
        "id": "menangani intervensi yang sama",
        "en": "work on the same intervention",
    },
    "same_programme": {"id": "menangani program yang sama", "en": "work on the same programme"},
    "coordinates": {"id": "mengoordinasikan", "en": "coordinates"},
    "leads": {"id": "memimpin", "en": "leads"},
    "supports": {"id": "mendukung atau mendanai", "en": "supports or funds"},
    "member_of": {"id": "anggota atau bagian dari yang lain", "en": "member or unit of the other"},
    "same_body": {"id": "anggota badan yang sama", "en": "members of the same body"},
}
REASONS: tuple[str, ...] = tuple(REASON_LABELS)
# A partner is "direct" when a relationship joins the two actors themselves; the other reasons
# go through something they share (a programme, an intervention, a body).
DIRECT_REASONS: tuple[str, ...] = ("collaborates", "coordinates", "leads", "supports", "member_of")
SHARED_REASONS: tuple[str, ...] = tuple(r for r in REASONS if r not in DIRECT_REASONS)


def direct_types() -> dict[str, str]:
    """Actor -> actor relationship types that make two actors direct partners, and their reason.

    >>> direct_types()["FUNDS"]
    'supports'
    """
    return dict(_DIRECT)


def reason_label(code: str, lang: str = "id") -> str:
    """The reason's label in ``lang`` (``id`` or ``en``).

    >>> reason_label("same_body", "en")
    'members of the same body'
    """
    return REASON_LABELS[code]["en" if lang == "en" else "id"]


# -- dates ---------------------------------------------------------------------------------
def period_bounds(value: Any) -> tuple[dt.date, dt.date] | None:
    """First and last day of the period a date names: ``"2023"``, ``"2023-01"``, ``"2023-01-05"``.

    None for a missing or unreadable value (which the projection treats as undated).

    >>> period_bounds("2023-02")
    (datetime.date(2023, 2, 1), datetime.date(2023, 2, 28))
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date(), value.date()
    if isinstance(value, dt.date):
        return value, value
    if isinstance(value, int) and not isinstance(value, bool):
        return dt.date(value, 1, 1), dt.date(value, 12, 31)
    text = str(value).strip()
    try:
        if len(text) == 4:
            year = int(text)
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if len(text) == 7:
            first = dt.datetime.strptime(text, "%Y-%m").date()
            after = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, after - dt.timedelta(days=1)
        day = dt.date.fromisoformat(text[:10])
        return day, day
    except ValueError:
        return None


def _window(date_window: Any) -> tuple[dt.date, dt.date] | None:
    if date_window is None:
        return None
    start, end = date_window
    low = period_bounds(start)
    high = period_bounds(end)
    return (low[0] if low else dt.date.min, high[1] if high else dt.date.max)


def _overlaps(start: Any, end: Any, window: tuple[dt.date, dt.date] | None) -> bool:
    """True when the period start..end (either may be missing) meets the window."""
    if window is None:
        return True
    first, last = period_bounds(start), period_bounds(end)
    if first is None and last is None:
        return True  # undated: kept
    begin = first[0] if first else dt.date.min
    finish = last[1] if last else dt.date.max
    return begin <= window[1] and finish >= window[0]


# -- evidence ------------------------------------------------------------------------------
def _merge_locators(*groups: Iterable[Any]) -> list[Any]:
    """Locators of several relationships, duplicates removed, first occurrence first."""
    seen: set[str] = set()
    out: list[Any] = []
    for group in groups:
        for loc in group or []:
            mark = json.dumps(loc, sort_keys=True, default=str)
            if mark not in seen:
                seen.add(mark)
                out.append(loc)
    return out


class _Reasons:
    """Collects reasons per unordered actor pair, merging repeats of one (code, via)."""

    def __init__(self, focus: str | None = None) -> None:
        self.focus = focus  # when set, only pairs with this actor are kept
        self.pairs: dict[tuple[str, str], dict[tuple[str, str | None], dict[str, Any]]] = (
            defaultdict(dict)
        )

    def add(
        self,
        a: str,
        b: str,
        code: str,
        via: str | None,
        types: Iterable[str],
        evidence: Iterable[Any],
    ) -> None:
        if a == b or (self.focus is not None and self.focus not in (a, b)):
            return
        pair = (a, b) if a < b else (b, a)
        entry = self.pairs[pair].setdefault(
            (code, via), {"reason": code, "via": via, "evidence": [], "rel_types": []}
        )
        entry["evidence"] = _merge_locators(entry["evidence"], evidence)
        entry["rel_types"] = sorted(set(entry["rel_types"]) | set(types))


# -- projection ----------------------------------------------------------------------------
def _edges(G: nx.MultiDiGraph, window: tuple[dt.date, dt.date] | None) -> Iterator[tuple]:
    """Edges ``(u, v, type, data)`` in a fixed order, without those dated outside the window.

    Sorting makes the projection independent of the order a backend returns edges in.
    """
    for u, v, k, data in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]):
        if window is None or _overlaps(data.get("date"), data.get("date"), window):
            yield u, v, k, data


def _label(G: nx.MultiDiGraph, node: str) -> str | None:
    return G.nodes[node].get("label")


def _target_ok(G: nx.MultiDiGraph, node: str, window: tuple[dt.date, dt.date] | None) -> bool:
    data = G.nodes[node]
    return _overlaps(data.get("start"), data.get("end"), window)


def _collect(
    G: nx.MultiDiGraph, actors: set[str], window: Any, focus: str | None = None
) -> _Reasons:
    found = _Reasons(focus)
    workers: dict[str, list[tuple[str, str, list]]] = defaultdict(
        list
    )  # target -> (actor, type, ev)
    members: dict[str, list[tuple[str, str, list]]] = defaultdict(list)  # body -> (actor, type, ev)
    partners: dict[str, list[tuple[str, list]]] = defaultdict(list)  # programme -> (actor, ev)
    for u, v, k, data in _edges(G, window):
        ev = data.get("evidence") or []
        start_label, end_label = _label(G, u), _label(G, v)
        if u in actors and v in actors and k in _DIRECT:
            found.add(u, v, _DIRECT[k], None, [k], ev)
        if u in actors and k in BODY_TYPES and end_label == "Actor":
            members[v].append((u, k, ev))  # the body itself may be filtered out by level
        works_on_target = k in TARGET_WORK_TYPES and end_label in ("Intervention", "Program")
        if u in actors and works_on_target and _target_ok(G, v, window):
            workers[v].append((u, k, ev))
        programme_partner = start_label == "Program" and k == "COLLABORATES_WITH"
        if programme_partner and v in actors and _target_ok(G, u, window):
            partners[u].append((v, ev))
    _add_shared(G, found, workers, members)
    _add_programme_partners(found, workers, partners)
    return found


def _add_shared(G: nx.MultiDiGraph, found: _Reasons, workers: Mapping, members: Mapping) -> None:
    """Pairs of actors that work on one target, or belong to one body."""
    for target, rows in workers.items():
        code = "same_intervention" if _label(G, target) == "Intervention" else "same_programme"
        _add_all_pairs(found, rows, code, target)
    for body, rows in members.items():
        _add_all_pairs(found, rows, "same_body", body)


def _add_all_pairs(found: _Reasons, rows: list, code: str, via: str) -> None:
    if found.focus is not None:  # one actor's pairs only: linear in the rows, not quadratic
        mine = [i for i, row in enumerate(rows) if row[0] == found.focus]
        pairs = {(min(i, j), max(i, j)) for i in mine for j in range(len(rows)) if j != i}
    else:
        pairs = {(i, j) for i in range(len(rows)) for j in range(i + 1, len(rows))}
    for i, j in sorted(pairs):
        (a, type_a, ev_a), (b, type_b, ev_b) = rows[i], rows[j]
        found.add(a, b, code, via, [type_a, type_b], _merge_locators(ev_a, ev_b))


def _add_programme_partners(found: _Reasons, workers: Mapping, partners: Mapping) -> None:
    for programme, rows in partners.items():
        runners = [
            (a, t, ev) for a, t, ev in workers.get(programme, []) if t in PROGRAMME_RUNNER_TYPES
        ]
        for partner, ev_p in rows:
            for runner, type_r, ev_r in runners:
                found.add(
                    partner,
                    runner,
                    "programme_partner",
                    programme,
                    ["COLLABORATES_WITH", type_r],
                    _merge_locators(ev_p, ev_r),
                )


def collaboration_projection(
    G: nx.MultiDiGraph,
    *,
    reasons: Collection[str] | None = None,
    levels: Collection[str] | None = None,
    date_window: tuple[Any, Any] | None = None,
) -> nx.Graph:
    """The undirected collaboration network of the actors in ``G``.

    Every actor (of the chosen ``levels``) is a node, with the actor's properties, even
    when nothing links it. An edge carries ``weight`` (number of distinct reasons) and
    ``reasons``: a list of ``{"reason", "via", "via_name", "via_name_en", "evidence",
    "rel_types"}`` (``rel_types``: the relationship types behind the reason) sorted by code
    and via. ``reasons`` keeps only those codes (see ``REASONS``); ``levels`` keeps only
    actors with those ``level`` values; ``date_window`` is ``(start, end)`` (either may be
    None) and drops what is dated outside it, keeping what is undated.

    Example: two actors fund the same intervention and sit on the same board.

    >>> G = nx.MultiDiGraph()
    >>> for key in ("Actor:a", "Actor:b", "Actor:board"):
    ...     G.add_node(key, label="Actor", id=key[6:], level="desa")
    >>> G.add_node("Intervention:x", label="Intervention", id="x")
    >>> for a in ("Actor:a", "Actor:b"):
    ...     _ = G.add_edge(a, "Intervention:x", key="FUNDS", type="FUNDS", evidence=[])
    ...     _ = G.add_edge(a, "Actor:board", key="MEMBER_OF", type="MEMBER_OF", evidence=[])
    >>> P = collaboration_projection(G)
    >>> P["Actor:a"]["Actor:b"]["weight"]
    2
    >>> [(r["reason"], r["via"]) for r in P["Actor:a"]["Actor:b"]["reasons"]]
    [('same_body', 'Actor:board'), ('same_intervention', 'Intervention:x')]
    """
    actors = _actors(G, reasons, levels)
    P = nx.Graph()
    P.add_nodes_from((n, dict(G.nodes[n])) for n in actors)
    found = _collect(G, set(actors), _window(date_window))
    for (a, b), by_reason in sorted(found.pairs.items()):
        kept = _kept(by_reason, reasons)
        if kept:
            P.add_edge(a, b, weight=len(kept), reasons=[_named(G, r) for r in kept])
    return P


def _actors(
    G: nx.MultiDiGraph, reasons: Collection[str] | None, levels: Collection[str] | None
) -> list[str]:
    """The actors of the chosen levels, after checking the reason codes."""
    unknown = set(reasons or ()) - set(REASONS)
    if unknown:
        raise ValueError(f"unknown reasons {sorted(unknown)}; known: {', '.join(REASONS)}")
    return sorted(
        n
        for n, d in G.nodes(data=True)
        if d.get("label") == "Actor" and (levels is None or d.get("level") in levels)
    )


def _kept(by_reason: Mapping, reasons: Collection[str] | None) -> list[dict[str, Any]]:
    """One pair's reasons of the kept codes, sorted by code and via."""
    return [
        r
        for key, r in sorted(by_reason.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))
        if reasons is None or key[0] in reasons
    ]


def _around(G: nx.MultiDiGraph, actor: str) -> set[str]:
    """The nodes every reason of ``actor`` goes through: its neighbours, and the neighbours of
    the interventions and programmes it is linked with and of the bodies it belongs to."""
    near = {actor, *nx.all_neighbors(G, actor)}
    bodies = {v for _, v, k in G.out_edges(actor, keys=True) if k in BODY_TYPES}
    for node in list(near):
        if G.nodes[node].get("label") in ("Intervention", "Program") or node in bodies:
            near.update(nx.all_neighbors(G, node))
    return near


def actor_reasons(
    G: nx.MultiDiGraph,
    actor: str,
    *,
    reasons: Collection[str] | None = None,
    levels: Collection[str] | None = None,
    date_window: tuple[Any, Any] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """The partners of one actor: ``{partner key: reasons}``, as its edges in the projection.

    Same rules and options as :func:`collaboration_projection` (the result equals
    ``{b: P[actor][b]["reasons"] for b in P[actor]}``), computed for one actor only, so a
    question about one actor does not project the whole network. Empty for an unknown actor.

    >>> G = nx.MultiDiGraph()
    >>> for key in ("Actor:a", "Actor:b", "Actor:c"):
    ...     G.add_node(key, label="Actor", id=key[6:])
    >>> _ = G.add_edge("Actor:a", "Actor:b", key="SUPPORTS", type="SUPPORTS", evidence=[])
    >>> {k: [r["reason"] for r in rs] for k, rs in actor_reasons(G, "Actor:b").items()}
    {'Actor:a': ['supports']}
    """
    if actor not in G:
        return {}
    H = G.subgraph(_around(G, actor))  # the reasons of one actor lie within two steps
    actors = _actors(H, reasons, levels)
    if actor not in set(actors):
        return {}
    found = _collect(H, set(actors), _window(date_window), focus=actor)
    out: dict[str, list[dict[str, Any]]] = {}
    for (a, b), by_reason in sorted(found.pairs.items()):
        kept = _kept(by_reason, reasons)
        if kept:
            out[b if a == actor else a] = [_named(G, r) for r in kept]
    return out


def _named(G: nx.MultiDiGraph, reason: dict[str, Any]) -> dict[str, Any]:
    """The reason with the names of its via node, so it can be explained without ``G``."""
    via = G.nodes[reason["via"]] if reason["via"] is not None else {}
    return {**reason, "via_name": via.get("name"), "via_name_en": via.get("name_en")}


def explain_edge(P: nx.Graph, a: str, b: str, *, lang: str = "id") -> list[dict[str, Any]]:
    """Why ``a`` and ``b`` are linked: one row per reason with its label in ``lang``.

    Each row: ``reason``, ``label``, ``via``, ``via_name`` (in ``lang`` when the node has
    an English name; None when the reason goes through no node), ``rel_types`` and
    ``evidence``. An empty list when the two are not linked.

    >>> P = nx.Graph()
    >>> P.add_edge("Actor:a", "Actor:b", weight=1, reasons=[
    ...     {"reason": "collaborates", "via": None, "evidence": [], "rel_types": []}])
    >>> [row["label"] for row in explain_edge(P, "Actor:b", "Actor:a", lang="en")]
    ['collaborate directly']
    """
    if not P.has_edge(a, b):
        return []
    rows = []
    for r in P[a][b].get("reasons", []):
        via_name = (r.get("via_name_en") if lang == "en" else None) or r.get("via_name")
        rows.append(
            {
                "reason": r["reason"],
                "label": reason_label(r["reason"], lang),
                "via": r.get("via"),
                "via_name": via_name,
                "rel_types": list(r.get("rel_types", [])),
                "evidence": list(r.get("evidence", [])),
            }
        )
    return rows
