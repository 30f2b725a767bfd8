"""Who is central, who brokers, and who holds the network together.

Pure functions over the collaboration network (``queries.collaboration.
collaboration_projection``: an undirected ``nx.Graph`` of actors whose edges carry
``weight`` = number of distinct reasons). They return dicts or pandas DataFrames and
never print. ``METRICS`` explains every metric in Bahasa Indonesia and English; the
app shows these texts next to the numbers.

Choices, and why:

- Distances (betweenness, closeness) count steps and ignore ``weight``: a weight says how
  many reasons tie two actors, not how far apart they are, and turning it into a length
  would be a modelling choice the evidence does not support.
- Strength-based metrics use ``weight``: weighted degree, eigenvector, PageRank, Burt's
  constraint and effective size, Louvain communities.
- PageRank and eigenvector centrality are computed here by power iteration over numpy
  arrays: networkx 3.6 needs scipy for ``pagerank`` and ``eigenvector_centrality_numpy``
  and the project does not depend on scipy. PageRank follows networkx's definition
  (damping 0.85, an isolated actor's share spread evenly over everyone, scores sum to 1).
- Eigenvector centrality on a disconnected network: the leading eigenvector of the whole
  network lives on the component(s) with the largest leading eigenvalue. Those get their
  eigenvector (Euclidean norm 1 over all of them, all entries positive); every other actor
  gets 0. So the score reads "influence within the main network", the same on every run.
- Betweenness is exact up to ``exact_max`` actors and sampled above (``k`` source actors
  drawn with a fixed ``seed``), so a national network stays affordable and repeatable.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from queries.sparse_paths import adjacency, as_dict, betweenness_scores, closeness_scores

__all__ = [
    "METRICS",
    "DESCRIPTIVE_COLUMNS",
    "ALL_METRICS",
    "metric_help",
    "degree",
    "weighted_degree",
    "betweenness",
    "closeness",
    "eigenvector",
    "pagerank",
    "core_number",
    "constraint",
    "effective_size",
    "community_of",
    "cut_off",
    "centrality_table",
    "brokers",
    "single_points_of_failure",
    "communities",
    "rank_correlation",
    "compare_scores",
]

# Plain-language explanations of every column the table computes; keys are column names.
# ``ascending`` is True where a *low* value means more central (constraint), so that rank 1
# is always "most central".
METRICS: dict[str, dict[str, Any]] = {
    "degree": {
        "id_name": "Jumlah mitra",
        "en_name": "Partners",
        "id_help": (
            "Berapa banyak aktor lain yang terhubung dengan aktor ini dalam jejaring kolaborasi: "
            "langsung atau lewat program, intervensi atau badan yang sama."
        ),
        "en_help": (
            "How many other actors this actor is linked with in the collaboration network: "
            "directly or through a shared programme, intervention or body."
        ),
    },
    "weighted_degree": {
        "id_name": "Kekuatan hubungan",
        "en_name": "Tie strength",
        "id_help": "Jumlah alasan kerja sama dengan semua mitranya; mitra yang terhubung karena "
        "beberapa alasan dihitung beberapa kali.",
        "en_help": "The number of reasons linking this actor to all its partners; a partner "
        "linked for several reasons counts several times.",
    },
    "betweenness": {
        "id_name": "Perantara",
        "en_name": "Betweenness",
        "id_help": "Seberapa sering aktor ini berada di jalur terpendek antara dua aktor lain. "
        "Nilai tinggi: banyak hubungan bergantung padanya (0 sampai 1).",
        "en_help": "How often this actor lies on the shortest path between two other actors. "
        "High: many connections run through it (0 to 1).",
    },
    "closeness": {
        "id_name": "Kedekatan",
        "en_name": "Closeness",
        "id_help": "Seberapa cepat aktor ini menjangkau semua aktor lain yang dapat dijangkaunya, "
        "dalam jumlah langkah (0 sampai 1).",
        "en_help": "How few steps this actor needs to reach all the actors it can reach (0 to 1).",
    },
    "eigenvector": {
        "id_name": "Pengaruh (eigenvektor)",
        "en_name": "Eigenvector",
        "id_help": "Tinggi bila aktor ini terhubung dengan aktor yang juga banyak terhubung. "
        "Aktor di luar jaringan utama bernilai 0.",
        "en_help": "High when this actor is linked with actors that are themselves well "
        "linked. Actors outside the main network score 0.",
    },
    "pagerank": {
        "id_name": "PageRank",
        "en_name": "PageRank",
        "id_help": "Peluang sampai di aktor ini bila berjalan acak mengikuti hubungan kerja sama "
        "(hubungan yang lebih kuat lebih sering dilalui). Jumlah seluruhnya 1.",
        "en_help": "The chance of arriving at this actor when walking at random along "
        "collaboration links (stronger links are taken more often). Sums to 1.",
    },
    "core_number": {
        "id_name": "Inti jaringan (k-core)",
        "en_name": "Core number (k-core)",
        "id_help": "Aktor ini termasuk kelompok terbesar k di mana setiap anggota punya paling "
        "sedikit k mitra di dalam kelompok itu. Tinggi: berada di inti yang rapat.",
        "en_help": "The largest k such that this actor belongs to a group in which everyone "
        "has at least k partners inside the group. High: part of the dense core.",
    },
    "constraint": {
        "id_name": "Keterikatan (Burt)",
        "en_name": "Constraint (Burt)",
        "id_help": "Seberapa banyak mitra aktor ini juga saling terhubung. Rendah: aktor "
        "menjembatani kelompok yang terpisah (peringkat 1 = paling rendah).",
        "en_help": "How much this actor's partners are also linked with each other. Low: the "
        "actor bridges separate groups (rank 1 = lowest).",
        "ascending": True,
    },
    "effective_size": {
        "id_name": "Jaringan efektif",
        "en_name": "Effective size",
        "id_help": "Jumlah mitra dikurangi tumpang tindih di antara mereka: berapa banyak "
        "kelompok berbeda yang dijangkau aktor ini.",
        "en_help": "The number of partners minus the overlap between them: how many distinct "
        "groups this actor reaches.",
    },
    "cut_off": {
        "id_name": "Aktor yang terputus",
        "en_name": "Actors cut off",
        "id_help": "Bila aktor ini hilang, berapa aktor terputus dari bagian terbesar yang "
        "tersisa. Lebih dari 0: titik rawan tunggal.",
        "en_help": "If this actor dropped out, how many actors would lose contact with the "
        "largest remaining part. Above 0: a single point of failure.",
    },
    "articulation_point": {
        "id_name": "Titik rawan",
        "en_name": "Single point of failure",
        "id_help": "Ya bila hilangnya aktor ini memecah jaringan menjadi bagian terpisah.",
        "en_help": "Yes when losing this actor splits the network into separate parts.",
        "ranked": False,
    },
    "community": {
        "id_name": "Komunitas",
        "en_name": "Community",
        "id_help": "Kelompok aktor yang lebih banyak terhubung satu sama lain daripada dengan "
        "yang lain (metode Louvain; 1 = kelompok terbesar).",
        "en_help": "A group of actors more linked with each other than with the rest (Louvain "
        "method; 1 = the largest group).",
        "ranked": False,
    },
}

# Columns that describe the actor rather than measure it.
DESCRIPTIVE_COLUMNS = ("actor", "id", "name", "name_en", "actor_type", "sector", "level")
ALL_METRICS: tuple[str, ...] = tuple(METRICS)


def metric_help(key: str, lang: str = "id") -> tuple[str, str]:
    """``(name, help)`` of a metric in ``lang`` (``id`` or ``en``).

    >>> metric_help("degree", "en")[0]
    'Partners'
    """
    info = METRICS[key]
    prefix = "en" if lang == "en" else "id"
    return info[f"{prefix}_name"], info[f"{prefix}_help"]


# -- simple metrics --------------------------------------------------------------------------
def degree(P: nx.Graph) -> dict[Any, int]:
    """Number of partners of each actor.

    >>> degree(nx.star_graph(2))
    {0: 2, 1: 1, 2: 1}
    """
    return {n: int(d) for n, d in P.degree()}


def weighted_degree(P: nx.Graph, *, weight: str = "weight") -> dict[Any, float]:
    """Sum of the weights of each actor's links (a missing weight counts 1).

    >>> P = nx.Graph([("a", "b", {"weight": 2}), ("a", "c", {"weight": 1})])
    >>> weighted_degree(P)
    {'a': 3.0, 'b': 2.0, 'c': 1.0}
    """
    return {n: float(d) for n, d in P.degree(weight=weight)}


def betweenness(
    P: nx.Graph, *, exact_max: int = 2000, k: int = 256, seed: int = 7
) -> dict[Any, float]:
    """Normalised betweenness (0..1), counting steps; sampled above ``exact_max`` actors.

    Up to the threshold NetworkX computes it exactly. Above it ``k`` pivot actors are
    drawn with ``seed`` and Brandes' algorithm runs from them over a sparse matrix
    (:mod:`queries.sparse_paths`), scaled by n/k, so repeated runs give the same numbers
    and half a million actors take seconds rather than hours.

    >>> betweenness(nx.path_graph(4))
    {0: 0.0, 1: 0.666..., 2: 0.666..., 3: 0.0}
    """
    if P.number_of_nodes() <= exact_max:
        return nx.betweenness_centrality(P, normalized=True)
    nodes, A = adjacency(P)
    return as_dict(nodes, betweenness_scores(A, k=min(k, len(nodes)), seed=seed))


def closeness(
    P: nx.Graph, *, exact_max: int = 2000, k: int = 256, seed: int = 7
) -> dict[Any, float]:
    """Closeness counting steps, scaled by the share of actors reachable (Wasserman-Faust).

    The scaling keeps actors of a small separate group from looking central. Up to
    ``exact_max`` actors NetworkX computes it exactly; above, every connected part of at
    most ``exact_max`` actors is still exact and in a larger part an actor's mean distance
    to the others is estimated from ``k`` pivots drawn with ``seed``
    (:func:`queries.sparse_paths.closeness_scores`).

    >>> closeness(nx.path_graph(4))
    {0: 0.5, 1: 0.75, 2: 0.75, 3: 0.5}
    """
    if P.number_of_nodes() <= exact_max:
        return nx.closeness_centrality(P, wf_improved=True)
    nodes, A = adjacency(P)
    scores, _ = closeness_scores(A, exact_max=exact_max, k=k, seed=seed)
    return as_dict(nodes, scores)


def core_number(P: nx.Graph) -> dict[Any, int]:
    """k-core number of each actor (self-loops, which a projection never has, are ignored).

    >>> core_number(nx.complete_graph(3))
    {0: 2, 1: 2, 2: 2}
    """
    H = P.copy()
    H.remove_edges_from(list(nx.selfloop_edges(H)))
    return {n: int(c) for n, c in nx.core_number(H).items()}


def _shares(P: nx.Graph, weight: str | None) -> tuple[dict, dict]:
    """Each actor's tie strengths as shares of its total (``p``) and of its strongest (``m``)."""
    share: dict[Any, dict[Any, float]] = {}
    relative: dict[Any, dict[Any, float]] = {}
    for i in P:
        w = {j: float(d.get(weight, 1.0)) if weight else 1.0 for j, d in P[i].items() if j != i}
        total, top = sum(w.values()), max(w.values(), default=0.0)
        share[i] = {j: x / total for j, x in w.items()} if total else {}
        relative[i] = {j: x / top for j, x in w.items()} if top else {}
    return share, relative


def _structural_holes(P: nx.Graph, weight: str | None) -> tuple[dict, dict]:
    """Burt's constraint and effective size of every actor in one pass over the triangles.

    Same definitions as ``nx.constraint`` / ``nx.effective_size`` (tested against them),
    but each share is computed once instead of once per use: networkx's per-node path
    takes minutes on 50,000 actors, and its all-nodes path (taken when scipy is
    installed) builds dense n x n matrices.
    """
    share, relative = _shares(P, weight)
    cons: dict[Any, float] = {}
    esize: dict[Any, float] = {}
    for i, p_i in share.items():
        if not p_i:
            cons[i] = esize[i] = float("nan")  # no partners: undefined, as in networkx
            continue
        indirect = dict.fromkeys(p_i, 0.0)  # sum over shared partners q of p_iq * p_qj
        redundancy = dict.fromkeys(p_i, 0.0)  # sum over shared partners q of p_iq * m_jq
        for q, p_iq in p_i.items():
            for j, p_qj in share[q].items():
                if j in indirect:
                    indirect[j] += p_iq * p_qj
                    redundancy[j] += p_iq * relative[j][q]
        cons[i] = sum((p_i[j] + indirect[j]) ** 2 for j in p_i)
        esize[i] = sum(1.0 - redundancy[j] for j in p_i)
    return cons, esize


def constraint(P: nx.Graph, *, weight: str | None = "weight") -> dict[Any, float]:
    """Burt's constraint (tie strength = ``weight``); NaN for an actor without partners.

    >>> round(constraint(nx.star_graph(4))[0], 3)
    0.25
    """
    return _structural_holes(P, weight)[0]


def effective_size(P: nx.Graph, *, weight: str | None = "weight") -> dict[Any, float]:
    """Burt's effective size (tie strength = ``weight``); NaN for an actor without partners.

    >>> effective_size(nx.star_graph(3))[0]
    3.0
    """
    return _structural_holes(P, weight)[1]


# -- power iterations over numpy ---------------------------------------------------------------
def _arcs(P: nx.Graph, index: Mapping[Any, int], weight: str | None) -> tuple[np.ndarray, ...]:
    """Both directions of every link as arrays (source, target, weight)."""
    rows = [
        (index[u], index[v], float(d.get(weight, 1.0)) if weight else 1.0)
        for u, v, d in P.edges(data=True)
        if u != v
    ]
    if not rows:
        empty = np.zeros(0)
        return empty.astype(int), empty.astype(int), empty
    src, dst, w = (np.array(col) for col in zip(*rows, strict=True))
    return np.concatenate([src, dst]), np.concatenate([dst, src]), np.concatenate([w, w])


def pagerank(
    P: nx.Graph,
    *,
    alpha: float = 0.85,
    weight: str | None = "weight",
    max_iter: int = 1000,
    tol: float = 1.0e-10,
) -> dict[Any, float]:
    """Weighted PageRank with networkx's definition, by power iteration (no scipy needed).

    An actor without links spreads its share evenly over all actors; scores sum to 1.
    Raises ``nx.PowerIterationFailedConvergence`` after ``max_iter`` rounds.

    >>> {n: round(x, 4) for n, x in pagerank(nx.star_graph(3)).items()}
    {0: 0.4797, 1: 0.1734, 2: 0.1734, 3: 0.1734}
    """
    nodes = list(P)
    n = len(nodes)
    if n == 0:
        return {}
    src, dst, w = _arcs(P, {v: i for i, v in enumerate(nodes)}, weight)
    strength = np.bincount(src, weights=w, minlength=n)
    dangling = strength == 0
    share = np.divide(w, strength[src], out=np.zeros_like(w), where=strength[src] > 0)
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        spread = np.bincount(dst, weights=x[src] * share, minlength=n)
        new = alpha * (spread + x[dangling].sum() / n) + (1.0 - alpha) / n
        if np.abs(new - x).sum() < n * tol:
            return dict(zip(nodes, new.tolist(), strict=True))
        x = new
    raise nx.PowerIterationFailedConvergence(max_iter)


def _leading_pair(
    src: np.ndarray, dst: np.ndarray, w: np.ndarray, size: int, max_iter: int, tol: float
) -> tuple[float, np.ndarray]:
    """Leading eigenvalue and unit eigenvector of one connected component (local indices).

    Iterates with A + I: same eigenvectors, but the shift stops the oscillation that a
    two-coloured (bipartite) component such as a star would cause with A alone.
    """
    x = np.full(size, 1.0 / np.sqrt(size))
    for _ in range(max_iter):
        new = np.bincount(dst, weights=x[src] * w, minlength=size) + x
        new /= np.linalg.norm(new)
        done = np.abs(new - x).sum() < size * tol
        x = new
        if done:
            return float(x @ np.bincount(dst, weights=x[src] * w, minlength=size)), x
    raise nx.PowerIterationFailedConvergence(max_iter)


def eigenvector(
    P: nx.Graph, *, weight: str | None = "weight", max_iter: int = 100_000, tol: float = 1.0e-12
) -> dict[Any, float]:
    """Eigenvector centrality, defined on disconnected networks as described in the module.

    >>> {n: round(x, 4) for n, x in eigenvector(nx.star_graph(2)).items()}
    {0: 0.7071, 1: 0.5, 2: 0.5}
    """
    nodes = list(P)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    src, dst, w = _arcs(P, index, weight)
    local = np.full(n, -1)
    best, leaders = 0.0, []  # leading eigenvalue so far; (members, vector) reaching it
    for comp in sorted(nx.connected_components(P), key=lambda c: min(index[v] for v in c)):
        if len(comp) < 2:
            continue
        members = np.array(sorted(index[v] for v in comp))
        local[members] = np.arange(len(members))
        keep = local[src] >= 0
        value, vec = _leading_pair(
            local[src[keep]], local[dst[keep]], w[keep], len(members), max_iter, tol
        )
        local[members] = -1
        if value > best * (1 + 1e-9):
            best, leaders = value, [(members, vec)]
        elif value >= best * (1 - 1e-9):
            leaders.append((members, vec))
    total = np.zeros(n)
    for members, vec in leaders:
        total[members] = np.abs(vec)
    norm = np.linalg.norm(total)
    return dict(zip(nodes, (total / norm if norm else total).tolist(), strict=True))


# -- structure ---------------------------------------------------------------------------------
def community_of(P: nx.Graph, *, seed: int = 7, resolution: float = 1.0) -> dict[Any, int]:
    """Louvain community of each actor, numbered 1.. from the largest group.

    Louvain visits actors in a random order drawn from ``seed`` and from the graph's
    order, so the graph is first rebuilt in sorted order: the same network gives the same
    communities whatever order a backend returned it in. Ties in size are ordered by the
    smallest actor key.

    >>> two_triangles = nx.Graph([(1, 2), (2, 3), (1, 3), (3, 4), (4, 5), (5, 6), (4, 6)])
    >>> community_of(two_triangles)
    {1: 1, 2: 1, 3: 1, 4: 2, 5: 2, 6: 2}
    """
    canonical = nx.Graph()
    canonical.add_nodes_from(sorted(P, key=str))
    canonical.add_edges_from(
        sorted(
            ((u, v, d) if str(u) <= str(v) else (v, u, d) for u, v, d in P.edges(data=True)),
            key=lambda e: (str(e[0]), str(e[1])),
        )
    )
    found = nx.community.louvain_communities(
        canonical, weight="weight", resolution=resolution, seed=seed
    )
    ordered = sorted(found, key=lambda c: (-len(c), min(str(v) for v in c)))
    return {v: i for i, group in enumerate(ordered, start=1) for v in sorted(group, key=str)}


def _separations(P: nx.Graph) -> tuple[dict[Any, list[int]], list[tuple[Any, Any, int, int]]]:
    """Pieces left by removing each articulation point, and the two sides of each bridge.

    One depth-first search (Tarjan's low-link, iterative so deep chains do not hit
    Python's recursion limit) also counts subtree sizes, which give the piece sizes.
    Returns ``{actor: [piece sizes]}`` and ``[(u, v, side_of_v, side_of_u)]``.
    """
    disc: dict[Any, int] = {}
    low: dict[Any, int] = {}
    size: dict[Any, int] = {}
    pieces: dict[Any, list[int]] = {}
    bridges: list[tuple[Any, Any, int, int]] = []
    for root in P:
        if root in disc:
            continue
        separated: dict[Any, list[int]] = {}
        comp_bridges: list[tuple[Any, Any]] = []
        disc[root] = low[root] = len(disc)
        size[root] = 1
        seen = [root]
        stack = [(root, None, iter(P[root]))]
        while stack:
            node, parent, neighbours = stack[-1]
            for nb in neighbours:
                if nb in (node, parent):
                    continue
                if nb in disc:
                    low[node] = min(low[node], disc[nb])
                    continue
                disc[nb] = low[nb] = len(disc)
                size[nb] = 1
                seen.append(nb)
                stack.append((nb, node, iter(P[nb])))
                break
            else:
                stack.pop()
                if parent is None:
                    continue
                low[parent] = min(low[parent], low[node])
                size[parent] += size[node]
                if low[node] >= disc[parent]:
                    separated.setdefault(parent, []).append(size[node])
                if low[node] > disc[parent]:
                    comp_bridges.append((parent, node))
        total = size[root]
        for node, sizes in separated.items():
            if node != root:
                pieces[node] = sizes + [total - 1 - sum(sizes)]
            elif len(sizes) >= 2:
                pieces[node] = sizes
        bridges += [(u, v, size[v], total - size[v]) for u, v in comp_bridges]
    return pieces, bridges


def cut_off(P: nx.Graph) -> dict[Any, int]:
    """How many actors lose contact with the largest remaining part if each actor drops out.

    Above 0 exactly for the articulation points.

    >>> cut_off(nx.path_graph(4))
    {0: 0, 1: 1, 2: 1, 3: 0}
    """
    pieces, _ = _separations(P)
    return {v: (sum(pieces[v]) - max(pieces[v])) if v in pieces else 0 for v in P}


# -- tables ------------------------------------------------------------------------------------
def _describe(P: nx.Graph, node: Any) -> dict[str, Any]:
    data = P.nodes[node]
    return {"actor": node, **{c: data.get(c) for c in DESCRIPTIVE_COLUMNS if c != "actor"}}


def _compute(
    P: nx.Graph, metric: str, *, seed: int, exact_max: int, k: int, resolution: float
) -> Mapping[Any, Any]:
    if metric == "betweenness":
        return betweenness(P, exact_max=exact_max, k=k, seed=seed)
    if metric == "closeness":
        return closeness(P, exact_max=exact_max, k=k, seed=seed)
    if metric == "community":
        return community_of(P, seed=seed, resolution=resolution)
    if metric == "articulation_point":
        return {v: c > 0 for v, c in cut_off(P).items()}
    return _SIMPLE[metric](P)


_SIMPLE = {
    "degree": degree,
    "weighted_degree": weighted_degree,
    "eigenvector": eigenvector,
    "pagerank": pagerank,
    "core_number": core_number,
    "constraint": constraint,
    "effective_size": effective_size,
    "cut_off": cut_off,
}


def _rank(values: pd.Series, *, ascending: bool) -> pd.Series:
    """Rank 1 = most central; ties share the best rank; a missing value ranks last.

    Values are rounded to 12 digits first so that float noise (the same number computed
    along two paths) neither breaks a tie nor orders two backends' results differently.
    """
    ranks = (
        values.astype(float).round(12).rank(ascending=ascending, method="min", na_option="bottom")
    )
    return ranks.astype(int)


def centrality_table(
    P: nx.Graph,
    *,
    seed: int = 7,
    metrics: Collection[str] | None = None,
    exact_max: int = 2000,
    k: int = 256,
    resolution: float = 1.0,
) -> pd.DataFrame:
    """One row per actor: who it is, every metric of ``METRICS`` and a rank per metric.

    Columns: ``actor`` (node key), ``id``, ``name``, ``name_en``, ``actor_type``,
    ``sector``, ``level``, then each metric, then ``rank_<metric>`` for each ranked metric
    (rank 1 = most central, ties share the lowest rank, actors without a value rank last).
    ``metrics`` computes only those (closeness is slow on tens of thousands of actors);
    ``seed`` fixes Louvain and sampled betweenness; ``exact_max`` and ``k`` are passed to
    :func:`betweenness`. Rows are sorted by PageRank rank (when computed), then actor.

    >>> P = nx.Graph([("Actor:a", "Actor:b", {"weight": 1}), ("Actor:b", "Actor:c", {"weight": 1})])
    >>> table = centrality_table(P)
    >>> table[["actor", "degree", "betweenness", "rank_betweenness"]].to_dict("records")[0]
    {'actor': 'Actor:b', 'degree': 2, 'betweenness': 1.0, 'rank_betweenness': 1}
    """
    chosen = [m for m in ALL_METRICS if metrics is None or m in metrics]
    unknown = set(metrics or ()) - set(ALL_METRICS)
    if unknown:
        raise ValueError(f"unknown metrics {sorted(unknown)}; known: {', '.join(ALL_METRICS)}")
    nodes = sorted(P, key=str)
    frame = pd.DataFrame([_describe(P, v) for v in nodes], columns=list(DESCRIPTIVE_COLUMNS))
    for metric in chosen:
        values = _compute(P, metric, seed=seed, exact_max=exact_max, k=k, resolution=resolution)
        frame[metric] = [values[v] for v in nodes]
    for metric in chosen:
        if METRICS[metric].get("ranked", True):
            frame[f"rank_{metric}"] = _rank(
                frame[metric], ascending=METRICS[metric].get("ascending", False)
            )
    order = ["rank_pagerank", "actor"] if "pagerank" in chosen else ["actor"]
    frame = frame.sort_values(order, ignore_index=True)
    frame.attrs["betweenness_sampled_k"] = None if len(nodes) <= exact_max else min(k, len(nodes))
    return frame


def brokers(P: nx.Graph, *, seed: int = 7, exact_max: int = 2000, k: int = 256) -> pd.DataFrame:
    """Actors that bridge otherwise separate groups, the strongest brokers first.

    Only actors with at least two partners (one partner leaves nothing to bridge). Columns:
    ``actor, name, name_en, degree, effective_size, constraint, betweenness``; sorted by
    constraint (low first), then effective size (high first), then actor.

    >>> brokers(nx.Graph([("a", "b"), ("b", "c")]))[["actor", "constraint"]].to_dict("records")
    [{'actor': 'b', 'constraint': 0.5}]
    """
    table = centrality_table(
        P,
        seed=seed,
        exact_max=exact_max,
        k=k,
        metrics=("degree", "effective_size", "constraint", "betweenness"),
    )
    table = table[table["degree"] >= 2]
    columns = ["actor", "name", "name_en", "degree", "effective_size", "constraint", "betweenness"]
    return table.sort_values(
        ["constraint", "effective_size", "actor"], ascending=[True, False, True], ignore_index=True
    )[columns]


def single_points_of_failure(P: nx.Graph) -> pd.DataFrame:
    """Actors (articulation points) and links (bridges) whose loss splits the network.

    One row each: ``kind`` (``actor`` or ``link``), ``actor``, ``other`` (the link's other
    end; None for an actor), ``name``, ``other_name``, ``cut_off`` (actors that lose
    contact with the largest remaining part) and ``pieces`` (sizes of the parts left).
    Sorted by ``cut_off`` (largest first), then kind and actor.

    >>> single_points_of_failure(nx.path_graph(3))[["kind", "actor", "other", "cut_off"]].values.tolist()
    [['actor', 1, None, 1], ['link', 0, 1, 1], ['link', 1, 2, 1]]
    """
    pieces, bridges = _separations(P)
    name = {v: P.nodes[v].get("name") for v in P}
    rows = [
        {
            "kind": "actor",
            "actor": v,
            "other": None,
            "name": name[v],
            "other_name": None,
            "cut_off": sum(p) - max(p),
            "pieces": sorted(p, reverse=True),
        }
        for v, p in pieces.items()
    ]
    for u, v, side_v, side_u in bridges:
        a, b = sorted((u, v), key=str)
        rows.append(
            {
                "kind": "link",
                "actor": a,
                "other": b,
                "name": name[a],
                "other_name": name[b],
                "cut_off": min(side_u, side_v),
                "pieces": sorted((side_u, side_v), reverse=True),
            }
        )
    columns = ["kind", "actor", "other", "name", "other_name", "cut_off", "pieces"]
    frame = pd.DataFrame(rows, columns=columns, dtype=object)  # keeps None and int keys as they are
    frame["cut_off"] = frame["cut_off"].astype(int)
    frame["sort_key"] = frame["actor"].map(str) + "|" + frame["other"].map(str)
    frame = frame.sort_values(["cut_off", "kind", "sort_key"], ascending=[False, True, True])
    return frame.drop(columns="sort_key").reset_index(drop=True)


def communities(P: nx.Graph, *, seed: int = 7, resolution: float = 1.0) -> pd.DataFrame:
    """Louvain communities: one row per actor with ``community`` and ``community_size``.

    ``attrs["modularity"]`` holds the partition's weighted modularity. Sorted by
    community, then actor key.

    >>> table = communities(nx.Graph([(1, 2), (2, 3), (1, 3), (3, 4), (4, 5), (5, 6), (4, 6)]))
    >>> table["community"].tolist(), round(table.attrs["modularity"], 3)
    ([1, 1, 1, 2, 2, 2], 0.357)
    """
    found = community_of(P, seed=seed, resolution=resolution)
    sizes = pd.Series(found).value_counts()
    rows = [
        {
            "actor": v,
            "name": P.nodes[v].get("name"),
            "name_en": P.nodes[v].get("name_en"),
            "community": c,
            "community_size": int(sizes[c]),
        }
        for v, c in found.items()
    ]
    frame = pd.DataFrame(rows, columns=["actor", "name", "name_en", "community", "community_size"])
    groups = [{v for v, c in found.items() if c == i} for i in sorted(set(found.values()))]
    frame.attrs["modularity"] = (
        nx.community.modularity(P, groups, weight="weight") if P.number_of_edges() else 0.0
    )
    return frame  # community_of already lists actors by community, then by key


def rank_correlation(x: Mapping[Any, float], y: Mapping[Any, float]) -> float:
    """Spearman rank correlation of two scores over the keys they share (no scipy needed).

    Ties get their average rank; NaN when either score is constant.

    >>> rank_correlation({"a": 1, "b": 2, "c": 3}, {"a": 10, "b": 30, "c": 20})
    0.5
    """
    keys = sorted(set(x) & set(y), key=str)
    a = pd.Series([x[k] for k in keys], dtype=float).rank()
    b = pd.Series([y[k] for k in keys], dtype=float).rank()
    if len(keys) < 2 or a.std() == 0 or b.std() == 0:
        return float("nan")
    return float(np.corrcoef(a, b)[0, 1])


def compare_scores(
    ours: Mapping[str, float], theirs: Mapping[str, float], *, decimals: int = 8
) -> dict[str, Any]:
    """How two scorings of the same actors differ (NetworkX's and Neo4j GDS's, say): the largest absolute difference, the
    actor where it occurs, Spearman rank correlation, and the actors only one side has.

    Scores are rounded to ``decimals`` before ranking: actors that tie in theory differ in
    the last digits of an iterative result, and that noise must not count as disagreement.

    >>> compare_scores({"a": 0.5, "b": 0.25}, {"a": 0.5, "b": 0.5})["max_abs_diff"]
    0.25
    """
    shared = sorted(set(ours) & set(theirs))
    diffs = {k: abs(ours[k] - theirs[k]) for k in shared}
    worst = max(shared, key=lambda k: diffs[k]) if shared else None
    return {
        "actors": len(shared),
        "max_abs_diff": diffs[worst] if worst is not None else 0.0,
        "worst_actor": worst,
        "spearman": rank_correlation(
            {k: round(v, decimals) for k, v in ours.items()},
            {k: round(v, decimals) for k, v in theirs.items()},
        ),
        "only_ours": sorted(set(ours) - set(theirs)),
        "only_theirs": sorted(set(theirs) - set(ours)),
    }
