"""Who the partners of an actor are: one answer for every page.

An actor's partners are its neighbours in the collaboration network the analyses use
(:mod:`queries.collaboration`): actors joined to it *directly* (one of them collaborates with,
coordinates, leads, supports or funds the other, or is a member or unit of the other) and actors
joined to it *through something they share* (they work on the same programme or intervention,
one is a partner of a programme the other runs, or both belong to the same body). Each reason is
counted once per shared node, and a partner with both kinds of reason counts as direct.

The Centrality page's degree, the network page's detail panel and the named question
``partners_of_actor`` (on both backends) all count partners this way; this module gives the
table and the counts the pages show.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from queries.collaboration import DIRECT_REASONS, actor_reasons, reason_label

__all__ = ["PartnerCounts", "count_partners", "partners_of", "projection_counts", "how_linked"]

_DIRECT = frozenset(DIRECT_REASONS)


@dataclass(frozen=True)
class PartnerCounts:
    """How many partners an actor has: ``direct`` ones and ``shared`` (only through a shared
    programme, intervention or body); ``total`` is their sum, the actor's degree."""

    direct: int
    shared: int

    @property
    def total(self) -> int:
        return self.direct + self.shared


def count_partners(reasons_per_partner: Iterable[Iterable[str]]) -> PartnerCounts:
    """Counts from the reason codes of each partner.

    >>> count_partners([["supports", "same_intervention"], ["same_programme"]])
    PartnerCounts(direct=1, shared=1)
    """
    direct = shared = 0
    for codes in reasons_per_partner:
        if _DIRECT.intersection(codes):
            direct += 1
        else:
            shared += 1
    return PartnerCounts(direct, shared)


def how_linked(reasons: Iterable[Mapping[str, Any]], lang: str = "id") -> str:
    """The reasons of one partner in words, each with the node it goes through.

    >>> how_linked([{"reason": "same_programme", "via": "Program:kb", "via_name": "Kampung KB"}], "en")
    'work on the same programme (Kampung KB)'
    """
    parts = []
    for r in reasons:
        via = (r.get("via_name_en") if lang == "en" else None) or r.get("via_name") or r.get("via")
        label = reason_label(r["reason"], lang)
        parts.append(f"{label} ({via})" if r.get("via") else label)
    return "; ".join(parts)


def partners_of(
    G: nx.MultiDiGraph,
    actor: str,
    *,
    lang: str = "id",
    reasons: Collection[str] | None = None,
    levels: Collection[str] | None = None,
    date_window: tuple[Any, Any] | None = None,
) -> pd.DataFrame:
    """The partners of the actor ``actor`` (a node key ``Actor:id``), direct ones first.

    Columns: ``key``, ``id``, ``name`` (in ``lang`` where the node has an English name),
    ``direct`` (True when a direct link joins the two), ``how`` (the reasons in words),
    ``reasons`` (their codes) and ``links`` (the number of distinct reasons). The options are
    those of :func:`queries.collaboration.collaboration_projection`.
    """
    found = actor_reasons(G, actor, reasons=reasons, levels=levels, date_window=date_window)
    rows = []
    for key, why in found.items():
        node = G.nodes[key]
        codes = [r["reason"] for r in why]
        name = (node.get("name_en") if lang == "en" else None) or node.get("name") or key
        rows.append(
            {
                "key": key,
                "id": node.get("id"),
                "name": name,
                "direct": bool(_DIRECT.intersection(codes)),
                "how": how_linked(why, lang),
                "reasons": codes,
                "links": len(why),
            }
        )
    columns = ["key", "id", "name", "direct", "how", "reasons", "links"]
    frame = pd.DataFrame(rows, columns=columns)
    if frame.empty:
        return frame
    return frame.sort_values(
        ["direct", "links", "name"], ascending=[False, False, True], key=_casefold
    ).reset_index(drop=True)


def _casefold(values: pd.Series) -> pd.Series:
    return values.str.casefold() if values.dtype == object else values


def projection_counts(P: nx.Graph) -> dict[Any, PartnerCounts]:
    """The partner counts of every actor of a collaboration projection ``P``.

    >>> P = nx.Graph()
    >>> P.add_edge("a", "b", reasons=[{"reason": "leads"}])
    >>> P.add_edge("a", "c", reasons=[{"reason": "same_body"}])
    >>> projection_counts(P)["a"]
    PartnerCounts(direct=1, shared=1)
    """
    return {
        n: count_partners([r["reason"] for r in P[n][m].get("reasons", [])] for m in P[n])
        for n in P
    }
