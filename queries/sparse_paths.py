"""Shortest-path measures over a sparse adjacency matrix, for networks too large for one
breadth-first search per actor in Python.

Every walk counts steps (relationship weights do not lengthen a path), as the NetworkX
measures of :mod:`queries.centrality` do. Two building blocks:

- :func:`betweenness_scores`: Brandes' algorithm run for a batch of sources at once, one
  sparse matrix product per distance level, exact over every source or estimated from
  ``k`` seeded pivots (scaled by n/k);
- :func:`closeness_scores`: distance sums by scipy's breadth-first search, exact for every
  connected part up to ``exact_max`` actors and estimated from ``k`` seeded pivots in larger
  parts (the mean distance to the pivots stands for the mean distance to everyone), with
  the Wasserman-Faust scaling of :func:`queries.centrality.closeness`.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import networkx as nx
import numpy as np
from scipy import sparse
from scipy.sparse import csgraph

BATCH = 32  # sources walked together (memory: a few arrays of n x BATCH floats)
BLOCK = 2000  # small parts are measured together in blocks of about this many actors


def adjacency(P: nx.Graph) -> tuple[list[Hashable], sparse.csr_matrix]:
    """The nodes of ``P`` in its order and its symmetric 0/1 adjacency matrix (no loops)."""
    nodes = list(P)
    A = nx.to_scipy_sparse_array(P, nodelist=nodes, weight=None, format="csr")
    A = sparse.csr_matrix(A, dtype=np.float64)
    A.setdiag(0)
    A.eliminate_zeros()
    A.data[:] = 1.0
    return nodes, A


def betweenness_scores(
    A: sparse.csr_matrix, *, k: int | None = None, seed: int = 7, batch: int = BATCH
) -> np.ndarray:
    """Normalised betweenness of every row of ``A`` (equal to
    ``nx.betweenness_centrality(P, normalized=True)`` without ``k``; with ``k`` pivots drawn
    with ``seed``, the usual estimate scaled by n/k)."""
    n = A.shape[0]
    if n <= 2:
        return np.zeros(n)
    rng = np.random.default_rng(seed)
    sources = np.arange(n) if k is None or k >= n else np.sort(rng.choice(n, size=k, replace=False))
    total = np.zeros(n)
    for start in range(0, len(sources), batch):
        total += brandes_batch(A, sources[start : start + batch])
    scale = 1.0 / ((n - 1) * (n - 2))
    if k is not None and k < n:
        scale *= n / k
    return total * scale


def brandes_batch(A: sparse.csr_matrix, sources: np.ndarray) -> np.ndarray:
    """The dependencies of every node on the shortest paths from ``sources``, summed."""
    n, b = A.shape[0], len(sources)
    cols = np.arange(b)
    dist = np.full((n, b), -1, dtype=np.int32)
    sigma = np.zeros((n, b))
    dist[sources, cols] = 0
    sigma[sources, cols] = 1.0
    level = 0
    while True:
        frontier = np.where(dist == level, sigma, 0.0)
        reached = A @ frontier
        new = (dist == -1) & (reached > 0)
        if not new.any():
            break
        level += 1
        dist[new] = level
        sigma[new] = reached[new]
    delta = np.zeros((n, b))
    for depth in range(level, 0, -1):
        at = dist == depth
        coefficient = np.where(at, (1.0 + delta) / np.where(at, sigma, 1.0), 0.0)
        pulled = A @ coefficient
        above = dist == depth - 1
        delta[above] += (sigma * pulled)[above]
    delta[sources, cols] = 0.0
    return delta.sum(axis=1)


def closeness_scores(
    A: sparse.csr_matrix, *, exact_max: int, k: int, seed: int = 7
) -> tuple[np.ndarray, int]:
    """Closeness of every row of ``A`` (Wasserman-Faust scaled, as NetworkX's
    ``closeness_centrality(wf_improved=True)``) and how many actors were estimated.

    Parts of at most ``exact_max`` actors get their exact distance sums; in a larger part
    each actor's mean distance to the others is estimated by its mean distance to ``k``
    pivots of the part drawn with ``seed`` (the pivot itself left out).
    """
    n = A.shape[0]
    _, labels = csgraph.connected_components(A, directed=False)
    sizes = np.bincount(labels)
    order = np.argsort(labels, kind="stable")
    parts = np.split(order, np.cumsum(sizes)[:-1])
    sums = np.zeros(n)
    estimated = 0
    rng = np.random.default_rng(seed)
    block: list[np.ndarray] = []
    for members in parts:
        if k >= 1 and len(members) > max(exact_max, k):
            _estimate_sums(A, members, k, rng, sums)
            estimated += len(members)
            continue
        block.append(members)
        if sum(len(m) for m in block) >= BLOCK:
            _exact_sums(A, np.concatenate(block), sums)
            block = []
    if block:
        _exact_sums(A, np.concatenate(block), sums)
    reach = sizes[labels] - 1.0  # the others each actor can reach
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = np.where(sums > 0, (reach / sums) * (reach / max(n - 1, 1)), 0.0)
    return scores, estimated


def _exact_sums(A: sparse.csr_matrix, members: np.ndarray, sums: np.ndarray) -> None:
    """Distance sums of ``members`` (whole parts only), all sources walked by scipy."""
    D = csgraph.shortest_path(A[members][:, members], unweighted=True, directed=False)
    D[np.isinf(D)] = 0.0
    sums[members] = D.sum(axis=1)


def _estimate_sums(
    A: sparse.csr_matrix,
    members: np.ndarray,
    k: int,
    rng: np.random.Generator,
    sums: np.ndarray,
) -> None:
    """Estimated distance sums of one large part from ``k`` of its actors as pivots."""
    pivots = np.sort(rng.choice(members, size=k, replace=False))
    total = np.zeros(A.shape[0])
    for start in range(0, k, BATCH):
        D = csgraph.shortest_path(
            A, unweighted=True, directed=False, indices=pivots[start : start + BATCH]
        )
        D[np.isinf(D)] = 0.0
        total += D.sum(axis=0)
    counted = np.full(A.shape[0], float(k))
    counted[pivots] -= 1.0  # a pivot's distance to itself says nothing
    sums[members] = (len(members) - 1) * total[members] / counted[members]


def as_dict(nodes: Sequence[Hashable], values: np.ndarray) -> dict[Hashable, float]:
    return dict(zip(nodes, values.tolist(), strict=True))
