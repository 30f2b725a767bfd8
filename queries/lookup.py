"""Finding nodes by what people type: a name in either language, part of a name, or an id.

The Query page's pickers and the command line's hints use it, so that someone who types
"Kepala Desa Mongpok" where an id is expected is shown the node they mean.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from graph.questions import get_question, param_label, query_values

__all__ = ["matching_nodes", "unknown_ids"]


def _texts(node: Mapping[str, Any]) -> list[str]:
    return [str(v) for v in (node.get("name"), node.get("name_en"), node.get("id")) if v]


def matching_nodes(
    nodes: Iterable[Mapping[str, Any]], text: str, *, limit: int = 5
) -> list[Mapping[str, Any]]:
    """Nodes whose name (Indonesian or English) or id contains ``text`` (case ignored), then
    those close to it in spelling; at most ``limit``, best first.

    >>> nodes = [{"id": "kepala_desa_mongpok", "name": "Kepala Desa Mongpok"},
    ...          {"id": "bkkbn", "name": "BKKBN", "name_en": "Family planning board"}]
    >>> [n["id"] for n in matching_nodes(nodes, "kepala desa")]
    ['kepala_desa_mongpok']
    >>> [n["id"] for n in matching_nodes(nodes, "family")]
    ['bkkbn']
    """
    wanted = text.strip().casefold()
    if not wanted:
        return []
    nodes = list(nodes)
    found = [n for n in nodes if any(wanted in t.casefold() for t in _texts(n))]
    if len(found) < limit:
        by_text = {t.casefold(): n for n in nodes for t in _texts(n)}
        for close in difflib.get_close_matches(wanted, list(by_text), n=limit, cutoff=0.6):
            if all(by_text[close] is not f for f in found):
                found.append(by_text[close])
    return found[:limit]


def unknown_ids(store: Any, name: str, params: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """The parameters of question ``name`` that name a node the store does not hold.

    One row per such parameter: ``param``, ``label``, ``value`` and ``matches`` (nodes of
    that label whose name or id is like the value, see :func:`matching_nodes`).
    """
    values = query_values(get_question(name), params)
    out = []
    for param, value in values.items():
        label = param_label(param, values)
        if label is None or not isinstance(value, str) or store.get_node(label, value):
            continue
        matches = matching_nodes(store.nodes(label), value)
        out.append({"param": param, "label": label, "value": value, "matches": matches})
    return out
