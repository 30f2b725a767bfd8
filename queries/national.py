"""National scale: the place tree, networks aggregated by place, and analyses that stay fast.

Pure functions over the NetworkX view of the store (``store.to_networkx()``: node keys
``"Label:id"``, edge keys are relationship types); no Streamlit, no printing.

:func:`build_index` reads the graph once into a :class:`NationalIndex`: the place tree
(``PART_OF`` between places, child -> parent), where every actor, programme and
intervention sits (``LOCATED_IN``), each place's latest stunting prevalence, and the
collaboration network of all actors as a sparse matrix (:func:`collaboration_matrix`, the
same weights as :func:`queries.collaboration.collaboration_projection`, without the reasons
and their evidence, which a national view never shows). Everything else is cheap array
work over that index:

- the tree: :func:`levels_present`, :func:`children`, :func:`ancestors`,
  :func:`villages_under`, :func:`start_place` (the highest place the data supports);
- :func:`aggregate_graph` (each node a place summarising the villages under it; an edge
  counts the collaboration links between actors of two different places),
  :func:`children_graph` (the children of a place, and the place's own actors) and
  :func:`level_graph` (every place of one level);
- :func:`village_nodes`, the actual network of one village for the drill-down page;
- :func:`village_betweenness` (exact betweenness inside every village's actor network,
  NetworkX on each village), :func:`pagerank_sparse` (PageRank over the sparse matrix),
  :func:`betweenness_sparse` (Brandes' algorithm level by level over the sparse matrix,
  exact or from ``k`` sampled pivots) and :func:`sampled_accuracy` (sampled against exact:
  Spearman rank correlation and top-k overlap).

Nothing here caches: the app keeps results per version of the data (ui.cache), the command
line and the benchmarks compute them directly.
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse

from queries.centrality import rank_correlation
from queries.collaboration import PROGRAMME_RUNNER_TYPES, TARGET_WORK_TYPES
from queries.sparse_paths import BATCH, betweenness_scores

__all__ = [
    "LEVEL_TIERS",
    "VILLAGE_LEVELS",
    "PREVALENCE_INDICATORS",
    "NationalIndex",
    "SparseProjection",
    "build_index",
    "collaboration_matrix",
    "levels_present",
    "children",
    "ancestors",
    "villages_under",
    "start_place",
    "place_summary",
    "aggregate_graph",
    "children_graph",
    "level_graph",
    "village_nodes",
    "village_betweenness",
    "pagerank_sparse",
    "betweenness_sparse",
    "sampled_accuracy",
    "top_overlap",
    "cap_places",
    "category_graph",
    "OTHERS",
    "OTHER_KINDS",
]

# Administrative tiers: kabupaten and kota are one tier, desa and kelurahan another.
LEVEL_TIERS: dict[str, int] = {
    "country": 0,
    "province": 1,
    "kabupaten": 2,
    "kota": 2,
    "kecamatan": 3,
    "desa": 4,
    "kelurahan": 4,
}
VILLAGE_LEVELS = ("desa", "kelurahan")
# The stunting prevalence indicators: the curated dataset's and the synthetic network's.
PREVALENCE_INDICATORS = ("Indicator:stunting_prevalence", "Indicator:sintetis_prevalensi_stunting")
OWN = "__own__"  # suffix of the node standing for a place's own actors in children_graph
OTHERS = "__others__"  # key of the node that merges the smallest places beyond a cap

# Relationship types that tie two actors by themselves, and their reason codes (as in the
# collaboration projection: SUPPORTS and FUNDS are one reason, MEMBER_OF and PART_OF another).
_DIRECT = {
    "COLLABORATES_WITH": 0,
    "COORDINATES": 1,
    "LEADS": 2,
    "SUPPORTS": 3,
    "FUNDS": 3,
    "MEMBER_OF": 4,
    "PART_OF": 4,
}
_BODY_TYPES = ("MEMBER_OF", "PART_OF")


# -- the sparse collaboration network ----------------------------------------------------------
@dataclass(frozen=True)
class SparseProjection:
    """The collaboration network of all actors: ``actors[i]`` is row/column ``i`` of ``W``.

    ``W`` is symmetric, integer weights (number of distinct reasons), no diagonal;
    ``rows, cols, weights`` are its upper triangle (each link once).
    """

    actors: tuple[str, ...]
    W: sparse.csr_matrix
    rows: np.ndarray
    cols: np.ndarray
    weights: np.ndarray

    @property
    def index(self) -> dict[str, int]:
        return {a: i for i, a in enumerate(self.actors)}

    def to_networkx(self, members: Collection[int] | None = None) -> nx.Graph:
        """The network (or the part among ``members``) as an ``nx.Graph`` with ``weight``."""
        P = nx.Graph()
        if members is None:
            P.add_nodes_from(self.actors)
            keep = np.ones(len(self.rows), dtype=bool)
        else:
            chosen = np.zeros(len(self.actors), dtype=bool)
            chosen[np.fromiter(members, dtype=np.int64)] = True
            P.add_nodes_from(self.actors[i] for i in np.flatnonzero(chosen))
            keep = chosen[self.rows] & chosen[self.cols]
        names = self.actors
        P.add_weighted_edges_from(
            (names[r], names[c], int(w))
            for r, c, w in zip(self.rows[keep], self.cols[keep], self.weights[keep], strict=True)
        )
        return P


def _pairs_matrix(groups: Iterable[Sequence[int]], n: int) -> sparse.csr_matrix:
    """Count, for every pair of actors, the groups they share (one group = one via node)."""
    rows: list[int] = []
    cols: list[int] = []
    for g, members in enumerate(groups):
        rows.extend(members)
        cols.extend([g] * len(members))
    if not rows:
        return sparse.csr_matrix((n, n), dtype=np.int64)
    B = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.int64), (rows, cols)), shape=(n, max(cols) + 1)
    )
    B.data[:] = 1  # an actor tied to one via node in two ways counts once
    shared = (B @ B.T).tocsr()
    shared.setdiag(0)
    shared.eliminate_zeros()
    return shared


def collaboration_matrix(G: nx.MultiDiGraph) -> SparseProjection:
    """The collaboration network of every actor of ``G`` as a sparse weight matrix.

    The weights equal those of :func:`queries.collaboration.collaboration_projection`
    without a date window (tested on the case study): one per distinct direct reason, per
    shared intervention or programme, per shared body, and per programme one actor runs
    and the other is a partner of. Reasons and their evidence are left out, so a national
    graph of hundreds of thousands of actors fits in a few arrays.
    """
    actors = tuple(sorted(n for n, lb in G.nodes(data="label") if lb == "Actor"))
    index = {a: i for i, a in enumerate(actors)}
    n = len(actors)
    labels = G.nodes
    direct: set[tuple[int, int, int]] = set()
    workers: dict[str, set[int]] = defaultdict(set)
    runners: dict[str, set[int]] = defaultdict(set)
    members: dict[str, set[int]] = defaultdict(set)
    partners: dict[str, set[int]] = defaultdict(set)
    for u, v, k in G.edges(keys=True):
        iu, iv = index.get(u), index.get(v)
        if iu is not None and iv is not None and k in _DIRECT and iu != iv:
            direct.add((min(iu, iv), max(iu, iv), _DIRECT[k]))
        if iu is None:
            if k == "COLLABORATES_WITH" and iv is not None and labels[u].get("label") == "Program":
                partners[u].add(iv)
            continue
        if k in _BODY_TYPES and iv is not None:
            members[v].add(iu)
        if k in TARGET_WORK_TYPES and labels[v].get("label") in ("Intervention", "Program"):
            workers[v].add(iu)
            if k in PROGRAMME_RUNNER_TYPES:
                runners[v].add(iu)
    total = _pairs_matrix((sorted(m) for m in workers.values()), n)
    total = total + _pairs_matrix((sorted(m) for m in members.values()), n)
    if direct:
        d = np.array(sorted(direct), dtype=np.int64)
        upper = sparse.coo_matrix((np.ones(len(d), dtype=np.int64), (d[:, 0], d[:, 1])), (n, n))
        total = total + upper + upper.T
    # (programme_partner, programme): a partner of a programme and an actor who runs it,
    # once per pair and programme
    pairs = {
        (min(a, b), max(a, b), programme)
        for programme, outside in partners.items()
        for a in outside
        for b in runners.get(programme, ())
        if a != b
    }
    if pairs:
        e = np.array([(a, b) for a, b, _ in pairs], dtype=np.int64)
        upper = sparse.coo_matrix((np.ones(len(e), dtype=np.int64), (e[:, 0], e[:, 1])), (n, n))
        total = total + upper + upper.T
    W = sparse.csr_matrix(total, dtype=np.int64)
    W.sum_duplicates()
    W.eliminate_zeros()
    upper_tri = sparse.triu(W, k=1).tocoo()
    return SparseProjection(
        actors, W, upper_tri.row.astype(np.int64), upper_tri.col.astype(np.int64), upper_tri.data
    )


# -- the index -------------------------------------------------------------------------------
@dataclass
class NationalIndex:
    """Everything the national views and analyses need, read from the graph once.

    Place keys are the graph's node keys (``"Place:id"``). ``home`` gives the place row of
    every actor of ``projection`` (-1 when the actor is located nowhere).
    """

    places: tuple[str, ...]
    place_data: dict[str, dict[str, Any]]
    parent: dict[str, str | None]
    child_map: dict[str, tuple[str, ...]]
    located: dict[str, tuple[str, ...]]  # place -> actors, programmes, interventions there
    work_places: dict[str, tuple[str, ...]]  # intervention -> places it counts in
    latest: dict[str, float]  # village place -> latest value of the prevalence indicator
    projection: SparseProjection
    home: np.ndarray
    synthetic: bool
    _chains: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _totals: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)

    @property
    def place_row(self) -> dict[str, int]:
        return {p: i for i, p in enumerate(self.places)}

    def level(self, place: str) -> str:
        return str(self.place_data[place].get("place_level") or "")

    def name(self, place: str, lang: str = "id") -> str:
        data = self.place_data.get(place, {})
        text = data.get("name_en") if lang == "en" else None
        return str(text or data.get("name") or place.partition(":")[2])

    def chain(self, place: str) -> tuple[str, ...]:
        """The place and every place above it, nearest first (a PART_OF cycle is cut)."""
        found = self._chains.get(place)
        if found is None:
            seen: list[str] = []
            here: str | None = place
            while here is not None and here not in seen:
                seen.append(here)
                here = self.parent.get(here)
            found = self._chains[place] = tuple(seen)
        return found

    def actors_at(self, place: str) -> int:
        """How many actors are located exactly at ``place`` (not under it)."""
        row = self.place_row.get(place)
        return 0 if row is None else int(np.count_nonzero(self.home == row))

    def totals(self, place: str) -> tuple[int, int]:
        """``(villages, actors)`` at or under ``place``."""
        if not self._totals:
            counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
            for p in self.places:
                if self.level(p) in VILLAGE_LEVELS:
                    for up in self.chain(p):
                        counts[up][0] += 1
            located = np.bincount(self.home[self.home >= 0], minlength=len(self.places))
            for row in np.flatnonzero(located):
                for up in self.chain(self.places[row]):
                    counts[up][1] += int(located[row])
            self._totals.update({p: (c[0], c[1]) for p, c in counts.items()})
        return self._totals.get(place, (0, 0))


def _sort_key(index_data: Mapping[str, dict[str, Any]], key: str) -> tuple[str, str]:
    return (str(index_data[key].get("name") or key).casefold(), key)


def build_index(
    G: nx.MultiDiGraph, *, indicators: Collection[str] = PREVALENCE_INDICATORS
) -> NationalIndex:
    """Read the place tree, locations, prevalence and collaboration network of ``G``.

    Places are nodes labelled ``Place``; a place's parent is the place it is ``PART_OF``
    (the first in key order when the data names several). Actors, programmes and
    interventions sit where they are ``LOCATED_IN``; an intervention located nowhere counts
    in the places of the actors who work on it. ``latest`` holds, for every place with an
    observation of one of ``indicators``, the value of its most recent observation (targets and
    projections left out).
    """
    places = tuple(sorted(n for n, lb in G.nodes(data="label") if lb == "Place"))
    place_data = {p: dict(G.nodes[p]) for p in places}
    place_set = set(places)
    parent: dict[str, str | None] = dict.fromkeys(places)
    located: dict[str, list[str]] = defaultdict(list)
    observed_in: dict[str, str] = {}
    observed_for: set[str] = set()
    workers_of: dict[str, set[str]] = defaultdict(set)
    for u, v, k in G.edges(keys=True):
        if k == "PART_OF" and u in place_set and v in place_set:
            if parent[u] is None or v < parent[u]:
                parent[u] = v
        elif k == "LOCATED_IN" and v in place_set:
            located[v].append(u)
        elif k == "OBSERVED_IN" and v in place_set:
            observed_in[u] = v
        elif k == "OBSERVED_FOR" and v in indicators:
            observed_for.add(u)
        elif k in TARGET_WORK_TYPES and G.nodes[v].get("label") == "Intervention":
            workers_of[v].add(u)
    child_map: dict[str, list[str]] = defaultdict(list)
    for p, up in parent.items():
        if up is not None:
            child_map[up].append(p)
    projection = collaboration_matrix(G)
    where: dict[str, str] = {}
    for p, things in located.items():
        for thing in things:
            where.setdefault(thing, p)
    row_of = {p: i for i, p in enumerate(places)}
    home = np.array([row_of.get(where.get(a, ""), -1) for a in projection.actors], dtype=np.int64)
    work_places: dict[str, tuple[str, ...]] = {}
    for key, label in G.nodes(data="label"):
        if label != "Intervention":
            continue
        if key in where:
            work_places[key] = (where[key],)
        else:
            work_places[key] = tuple(
                sorted({where[a] for a in workers_of.get(key, ()) if a in where})
            )
    latest: dict[str, tuple[str, float]] = {}
    for obs in observed_for:
        data = G.nodes[obs]
        value, place = data.get("value"), observed_in.get(obs)
        if place is None or data.get("target") or not isinstance(value, int | float):
            continue
        when = str(data.get("date") or data.get("year") or "")
        if place not in latest or when > latest[place][0]:
            latest[place] = (when, float(value))
    synthetic = any(d.get("synthetic") is True for _, d in G.nodes(data=True))
    return NationalIndex(
        places=places,
        place_data=place_data,
        parent=parent,
        child_map={
            p: tuple(sorted(c, key=lambda x: _sort_key(place_data, x)))
            for p, c in child_map.items()
        },
        located={p: tuple(sorted(things)) for p, things in located.items()},
        work_places=work_places,
        latest={p: value for p, (_, value) in latest.items()},
        projection=projection,
        home=home,
        synthetic=synthetic,
    )


# -- the place tree --------------------------------------------------------------------------
def levels_present(index: NationalIndex) -> list[str]:
    """The place levels the data holds, from the country down (schema order within a tier)."""
    found = {index.level(p) for p in index.places}
    return [lv for lv in LEVEL_TIERS if lv in found]


def children(index: NationalIndex, place: str | None) -> tuple[str, ...]:
    """The places directly ``PART_OF`` ``place`` (sorted by name); ``None``: the top places."""
    if place is None:
        tops = [p for p in index.places if index.parent[p] is None]
        return tuple(sorted(tops, key=lambda x: _sort_key(index.place_data, x)))
    return index.child_map.get(place, ())


def ancestors(index: NationalIndex, place: str) -> list[str]:
    """The breadcrumb: the top place first, ``place`` last."""
    return list(reversed(index.chain(place)))


def _descendants(index: NationalIndex, place: str) -> list[str]:
    """``place`` and every place under it (each once, even if PART_OF has a cycle)."""
    seen = {place}
    stack = [place]
    while stack:
        for child in index.child_map.get(stack.pop(), ()):
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return list(seen)


def villages_under(index: NationalIndex, place: str | None) -> list[str]:
    """The desa and kelurahan at or under ``place`` (``None``: all), sorted by key."""
    within = index.places if place is None else _descendants(index, place)
    return sorted(p for p in within if index.level(p) in VILLAGE_LEVELS)


def _has_content(index: NationalIndex, place: str) -> bool:
    villages, actors = index.totals(place)
    return villages > 0 or actors > 0


def start_place(index: NationalIndex) -> str | None:
    """The place the drill-down opens at: the highest one the data supports.

    From the top, go down while only one place holds villages or actors (one country with
    one province opens at the province; several provinces open at the country). ``None``
    when several top places hold data (the view of all top places).
    """
    tops = [p for p in children(index, None) if _has_content(index, p)]
    if len(tops) != 1:
        return None
    here = tops[0]
    while True:
        below = [c for c in children(index, here) if _has_content(index, c)]
        if len(below) != 1:
            return here
        here = below[0]


# -- networks aggregated by place ------------------------------------------------------------
def _group_rows(index: NationalIndex, groups: Sequence[str], own: str | None = None) -> np.ndarray:
    """For every place row, the position in ``groups`` of its nearest listed ancestor-or-self.

    ``own`` (a place that is itself in ``groups``) keeps only what sits exactly at it, so its
    children's contents go to the children, never to it. -1: under no listed place.
    """
    position = {g: i for i, g in enumerate(groups)}
    out = np.full(len(index.places), -1, dtype=np.int64)
    for row, p in enumerate(index.places):
        for up in index.chain(p):
            if up in position and (up != own or up == p):
                out[row] = position[up]
                break
            if up == own:
                break
    return out


def place_summary(
    index: NationalIndex, groups: Sequence[str], *, own: str | None = None
) -> pd.DataFrame:
    """One row per place of ``groups`` summarising what sits at or under it.

    Columns: ``key, name, name_en, place_level, villages, actors, interventions,
    prevalence`` (mean of the latest prevalence of its villages that have one),
    ``prevalence_villages`` (how many villages that mean covers) and ``prevalence_own``
    (the place's own latest value, as the source prints it for a kabupaten or province).
    """
    rows_of = _group_rows(index, groups, own)
    n = len(groups)
    place_rows = {p: i for i, p in enumerate(index.places)}
    villages = np.zeros(n, dtype=np.int64)
    prevalence: list[list[float]] = [[] for _ in range(n)]
    for row, p in enumerate(index.places):
        g = rows_of[row]
        if g >= 0 and index.level(p) in VILLAGE_LEVELS:
            villages[g] += 1
            if p in index.latest:
                prevalence[g].append(index.latest[p])
    actor_group = np.where(index.home >= 0, rows_of[np.maximum(index.home, 0)], -1)
    actors = np.bincount(actor_group[actor_group >= 0], minlength=n)
    interventions = np.zeros(n, dtype=np.int64)
    for where in index.work_places.values():
        hit = {int(rows_of[place_rows[p]]) for p in where} - {-1}
        for g in hit:
            interventions[g] += 1
    frame = pd.DataFrame(
        {
            "key": list(groups),
            "name": [index.name(g, "id") for g in groups],
            "name_en": [index.name(g, "en") for g in groups],
            "place_level": [index.level(g) for g in groups],
            "villages": villages,
            "actors": actors[:n],
            "interventions": interventions,
            "prevalence": [float(np.mean(v)) if v else math.nan for v in prevalence],
            "prevalence_villages": [len(v) for v in prevalence],
            "prevalence_own": [index.latest.get(g, math.nan) for g in groups],
        }
    )
    frame.attrs["actor_group"] = actor_group
    return frame


def _cross_links(index: NationalIndex, actor_group: np.ndarray, n: int) -> pd.DataFrame:
    """Collaboration links whose two actors fall in two different groups, per pair of groups."""
    proj = index.projection
    a, b = actor_group[proj.rows], actor_group[proj.cols]
    keep = (a >= 0) & (b >= 0) & (a != b)
    lo, hi = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    code = lo * n + hi
    if not len(code):
        return pd.DataFrame(columns=["source", "target", "links", "strength"])
    unique, inverse, links = np.unique(code, return_inverse=True, return_counts=True)
    strength = np.bincount(inverse, weights=proj.weights[keep])
    return pd.DataFrame(
        {"source": unique // n, "target": unique % n, "links": links, "strength": strength}
    )


def aggregate_graph(
    index: NationalIndex, groups: Sequence[str], *, own: str | None = None
) -> nx.Graph:
    """A graph whose nodes are the places ``groups``, each summarising what is under it.

    Every actor counts in the nearest of ``groups`` at or above its place (``own``: a
    listed place that keeps only what sits exactly at it). Node attributes are the columns
    of :func:`place_summary`; an edge joins two places whose actors share collaboration
    links, with ``links`` (how many links cross between them, also ``weight``) and
    ``strength`` (the sum of those links' weights).
    """
    summary = place_summary(index, groups, own=own)
    H = nx.Graph()
    for record in summary.to_dict("records"):
        H.add_node(record["key"], **record)
    for row in _cross_links(index, summary.attrs["actor_group"], len(groups)).itertuples():
        H.add_edge(
            groups[int(row.source)],
            groups[int(row.target)],
            links=int(row.links),
            weight=int(row.links),
            strength=float(row.strength),
        )
    return H


def children_graph(index: NationalIndex, place: str | None, *, own: bool = True) -> nx.Graph:
    """The aggregate graph of the children of ``place`` (``None``: the top places).

    With ``own`` the place itself is one more node (key ``place``, attribute ``own`` True)
    that holds only the actors located exactly at it, such as a kabupaten's offices, so
    their links to the children show.
    """
    groups = list(children(index, place))
    own_place = place if own and place is not None and index.actors_at(place) else None
    if own_place is not None:
        groups.append(own_place)
    H = aggregate_graph(index, groups, own=own_place)
    for node in H:
        H.nodes[node]["own"] = node == own_place
    return H


def level_graph(index: NationalIndex, level: str) -> nx.Graph:
    """The aggregate graph of every place of ``level`` (for example all kabupaten)."""
    groups = [p for p in index.places if index.level(p) == level]
    return aggregate_graph(index, sorted(groups, key=lambda x: _sort_key(index.place_data, x)))


def village_nodes(
    G: nx.MultiDiGraph,
    index: NationalIndex,
    place: str,
    *,
    labels: Collection[str] = ("Actor", "Program", "Intervention"),
    partners: bool = True,
) -> set[str]:
    """The node keys of the actual network of ``place`` (usually a desa).

    The actors, programmes and interventions located at or under it, and, with
    ``partners``, every node of ``labels`` one relationship away from them (the kecamatan
    office or the Baznas that works with the village).
    """
    core: set[str] = set()
    for p in _descendants(index, place):
        core.update(k for k in index.located.get(p, ()) if G.nodes[k].get("label") in labels)
    if not partners:
        return core
    found = set(core)
    for key in core:
        for other in (*G.successors(key), *G.predecessors(key)):
            if G.nodes[other].get("label") in labels:
                found.add(other)
    return found


# -- analyses --------------------------------------------------------------------------------
def _village_of_actor(index: NationalIndex) -> np.ndarray:
    """For every actor, the row of the village it sits at or under (-1: above any village)."""
    village_row = np.full(len(index.places), -1, dtype=np.int64)
    rows = {p: i for i, p in enumerate(index.places)}
    for row, p in enumerate(index.places):
        for up in index.chain(p):
            if index.level(up) in VILLAGE_LEVELS:
                village_row[row] = rows[up]
                break
    return np.where(index.home >= 0, village_row[np.maximum(index.home, 0)], -1)


def village_betweenness(
    index: NationalIndex, villages: Collection[str] | None = None
) -> dict[str, dict[str, float]]:
    """Exact betweenness inside each village's own actor network, for every village.

    A village's network is the collaboration network among the actors located in it;
    betweenness counts steps and is normalised (0..1), as
    :func:`queries.centrality.betweenness` computes it (NetworkX on each village's graph).
    Returns ``{village: {actor: score}}`` for every village with at least one actor
    (``villages`` restricts it).
    """
    proj = index.projection
    if villages is not None and len(villages) <= 16:
        return {v: _one_village_betweenness(index, v) for v in villages if _has_actors(index, v)}
    vill = _village_of_actor(index)
    wanted = None if villages is None else {index.place_row[v] for v in villages}
    members: dict[int, list[int]] = defaultdict(list)
    for i in np.flatnonzero(vill >= 0):
        if wanted is None or vill[i] in wanted:
            members[int(vill[i])].append(int(i))
    same = (vill[proj.rows] == vill[proj.cols]) & (vill[proj.rows] >= 0)
    r, c = proj.rows[same], proj.cols[same]
    order = np.argsort(vill[r], kind="stable")
    r, c = r[order], c[order]
    keys = vill[r]
    bounds = (
        np.searchsorted(keys, list(members), side="left"),
        np.searchsorted(keys, list(members), side="right"),
    )
    names = proj.actors
    out: dict[str, dict[str, float]] = {}
    for (village, actors), lo, hi in zip(members.items(), *bounds, strict=True):
        P = nx.Graph()
        P.add_nodes_from(names[i] for i in actors)
        P.add_edges_from((names[a], names[b]) for a, b in zip(r[lo:hi], c[lo:hi], strict=True))
        out[index.places[village]] = nx.betweenness_centrality(P, normalized=True)
    return out


def _village_members(index: NationalIndex, village: str) -> np.ndarray:
    rows = {index.place_row[p] for p in _descendants(index, village)}
    return np.flatnonzero(np.isin(index.home, list(rows)))


def _has_actors(index: NationalIndex, village: str) -> bool:
    return village in index.place_data and len(_village_members(index, village)) > 0


def _one_village_betweenness(index: NationalIndex, village: str) -> dict[str, float]:
    """:func:`village_betweenness` of one village, without a pass over the whole nation."""
    proj = index.projection
    members = _village_members(index, village)
    sub = proj.W[members][:, members].tocoo()
    names = [proj.actors[i] for i in members]
    P = nx.Graph()
    P.add_nodes_from(names)
    P.add_edges_from((names[a], names[b]) for a, b in zip(sub.row, sub.col, strict=True) if a < b)
    return nx.betweenness_centrality(P, normalized=True)


def pagerank_sparse(
    proj: SparseProjection, *, alpha: float = 0.85, max_iter: int = 1000, tol: float = 1.0e-10
) -> dict[str, float]:
    """Weighted PageRank over the sparse matrix, with :func:`queries.centrality.pagerank`'s
    definition (an actor without links spreads its share evenly; scores sum to 1)."""
    n = len(proj.actors)
    if n == 0:
        return {}
    W = proj.W.astype(np.float64)
    strength = np.asarray(W.sum(axis=1)).ravel()
    dangling = strength == 0
    inverse = np.divide(1.0, strength, out=np.zeros(n), where=~dangling)
    T = (sparse.diags(inverse) @ W).T.tocsr()  # column-stochastic: x_new = T @ x
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        new = alpha * (T @ x + x[dangling].sum() / n) + (1.0 - alpha) / n
        if np.abs(new - x).sum() < n * tol:
            return dict(zip(proj.actors, new.tolist(), strict=True))
        x = new
    raise nx.PowerIterationFailedConvergence(max_iter)


def betweenness_sparse(
    proj: SparseProjection,
    *,
    k: int | None = None,
    seed: int = 7,
    batch: int = BATCH,
    members: Sequence[int] | None = None,
) -> dict[str, float]:
    """Normalised betweenness counting steps, by Brandes' algorithm over the sparse matrix
    (:func:`queries.sparse_paths.betweenness_scores`).

    Each round walks out from ``batch`` source actors at once, one distance level per
    sparse matrix product, then accumulates dependencies back level by level. With ``k``
    the sources are ``k`` pivots drawn with ``seed`` and the sums are scaled by n/k (the
    usual estimator); without it every actor is a source and the result equals
    ``nx.betweenness_centrality(P, normalized=True)``. ``members`` restricts the network
    to those actor rows.
    """
    A = proj.W
    names = proj.actors
    if members is not None:
        chosen = np.asarray(sorted(members), dtype=np.int64)
        A = A[chosen][:, chosen]
        names = tuple(proj.actors[i] for i in chosen)
    A = sparse.csr_matrix(A, dtype=np.float64)
    A.data[:] = 1.0
    return dict(
        zip(names, betweenness_scores(A, k=k, seed=seed, batch=batch).tolist(), strict=True)
    )


def top_overlap(x: Mapping[Any, float], y: Mapping[Any, float], k: int = 20) -> float:
    """Share of the ``k`` highest of ``x`` that are also among the ``k`` highest of ``y``.

    >>> top_overlap({"a": 3, "b": 2, "c": 1}, {"a": 1, "b": 3, "c": 2}, k=2)
    0.5
    """

    def top(scores: Mapping[Any, float]) -> set:
        return {key for key, _ in sorted(scores.items(), key=lambda kv: (-kv[1], str(kv[0])))[:k]}

    size = min(k, len(x), len(y))
    return len(top(x) & top(y)) / size if size else math.nan


def sampled_accuracy(
    proj: SparseProjection,
    members: Sequence[int],
    *,
    k: int = 64,
    seed: int = 7,
    top: int = 20,
) -> dict[str, float]:
    """Sampled against exact betweenness on the network among ``members``: times and accuracy.

    Returns ``exact_s``, ``sampled_s``, ``speedup`` (exact time / sampled time),
    ``spearman`` (rank correlation of the two) and ``top_overlap`` (of the ``top`` highest),
    with ``actors`` and ``k``.
    """
    started = time.perf_counter()
    exact = betweenness_sparse(proj, members=members)
    exact_s = time.perf_counter() - started
    started = time.perf_counter()
    sampled = betweenness_sparse(proj, members=members, k=k, seed=seed)
    sampled_s = time.perf_counter() - started
    return {
        "actors": len(members),
        "k": k,
        "exact_s": exact_s,
        "sampled_s": sampled_s,
        "speedup": exact_s / sampled_s if sampled_s else math.nan,
        "spearman": rank_correlation(exact, sampled),
        "top_overlap": top_overlap(exact, sampled, top),
    }


# -- staying under the node cap --------------------------------------------------------------
_SUMMED = ("villages", "actors", "interventions", "prevalence_villages")


def cap_places(H: nx.Graph, cap: int) -> tuple[nx.Graph, list[str]]:
    """An aggregate graph of at most ``cap`` nodes, and the places merged to get there.

    When ``H`` has more than ``cap`` places, the ``cap - 1`` with the most actors (then
    villages) stay, and a place's own node always stays; the others become one node
    (key :data:`OTHERS`) whose counts are their sums and whose prevalence is the mean
    weighted by the villages it covers. Links are added up the same way.
    """
    cap = max(int(cap), 2)
    if H.number_of_nodes() <= cap:
        return H, []
    ranked = sorted(
        H.nodes,
        key=lambda p: (
            not H.nodes[p].get("own", False),
            -int(H.nodes[p].get("actors", 0)),
            -int(H.nodes[p].get("villages", 0)),
            str(p),
        ),
    )
    kept, merged = ranked[: cap - 1], ranked[cap - 1 :]
    out = nx.Graph()
    out.add_nodes_from((p, dict(H.nodes[p])) for p in kept)
    summary: dict[str, Any] = {k: sum(int(H.nodes[p].get(k, 0)) for p in merged) for k in _SUMMED}
    weighted = [
        (H.nodes[p]["prevalence"], H.nodes[p]["prevalence_villages"])
        for p in merged
        if H.nodes[p].get("prevalence_villages") and not math.isnan(H.nodes[p]["prevalence"])
    ]
    covered = sum(w for _, w in weighted)
    summary["prevalence"] = sum(v * w for v, w in weighted) / covered if covered else math.nan
    out.add_node(OTHERS, key=OTHERS, own=False, merged=len(merged), place_level="", **summary)
    target = {p: p for p in kept} | dict.fromkeys(merged, OTHERS)
    for u, v, data in H.edges(data=True):
        a, b = target[u], target[v]
        if a == b:
            continue
        if out.has_edge(a, b):
            out[a][b]["links"] += data["links"]
            out[a][b]["weight"] += data["links"]
            out[a][b]["strength"] += data["strength"]
        else:
            out.add_edge(a, b, **dict(data))
    return out, merged


OTHER_KINDS = "__other_kinds__"  # key of the node that merges the rarest kinds beyond a cap


def category_graph(G: nx.MultiDiGraph, keys: Collection[str], cap: int | None = None) -> nx.Graph:
    """The network of ``keys`` with one node per kind: actor type, or label for the rest.

    Node attributes ``count`` and ``label``; an edge's ``links`` (also ``weight``) counts
    the relationships between two kinds. For a village whose network is larger than the
    drawing may be. With ``cap``, the ``cap - 1`` most frequent kinds stay and the rest
    become one node (key :data:`OTHER_KINDS`, label None).
    """
    kind = {}
    for key in keys:
        data = G.nodes[key]
        label = data.get("label")
        kind[key] = f"Actor:{data.get('actor_type') or 'unknown'}" if label == "Actor" else label
    sizes = Counter(kind.values())
    if cap is not None and len(sizes) > max(int(cap), 2):
        ranked = sorted(sizes, key=lambda k: (-sizes[k], str(k)))
        rare = set(ranked[max(int(cap), 2) - 1 :])
        kind = {key: (OTHER_KINDS if k in rare else k) for key, k in kind.items()}
    H = nx.Graph()
    for key, k in kind.items():
        if k not in H:
            H.add_node(k, count=0, label=None if k == OTHER_KINDS else G.nodes[key].get("label"))
        H.nodes[k]["count"] += 1
    for key in keys:
        for other in G.successors(key):
            if other in kind and other != key and kind[other] != kind[key]:
                a, b = kind[key], kind[other]
                links = G.number_of_edges(key, other)
                if H.has_edge(a, b):
                    H[a][b]["links"] += links
                else:
                    H.add_edge(a, b, links=links)
    for _, _, data in H.edges(data=True):
        data["weight"] = data["links"]
    return H
