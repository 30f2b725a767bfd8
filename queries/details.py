"""Everything known about one node: its own properties, its relationships, and the passages
of the sources its evidence points at.

Plain DataFrames for the pages (the network page's details, the pathways page's evidence)
and the tests; nothing is drawn or translated here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from graph.evidence import LocatorProblem, resolve_locator
from graph.store import GraphStore
from queries.overview import display_name

__all__ = ["node_properties", "relationships_of", "evidence_passages"]

# Properties shown elsewhere on the page (title, evidence list) or internal to the store.
_HIDDEN_PROPERTIES = {"label", "evidence", "name", "name_en", "description", "description_en"}
RELATIONSHIP_COLUMNS = [
    "direction",
    "rel_type",
    "other_key",
    "other_label",
    "other_name",
    "description",
    "evidence",
]
PASSAGE_COLUMNS = ["source", "section", "paragraph", "start", "end", "note", "passage", "problem"]


def node_properties(node: Mapping[str, Any]) -> pd.DataFrame:
    """The node's own properties as ``property, value`` rows (lists joined by commas).

    >>> node_properties({"label": "Actor", "id": "a", "name": "A", "aliases": ["x", "y"]}).values.tolist()
    [['aliases', 'x, y'], ['id', 'a']]
    """
    rows = []
    for prop in sorted(node):
        if prop in _HIDDEN_PROPERTIES:
            continue
        value = node[prop]
        text = ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
        rows.append({"property": prop, "value": text})
    return pd.DataFrame(rows, columns=["property", "value"])


def _locator_text(locators: Sequence[Mapping[str, Any]]) -> str:
    return "; ".join(
        f"{loc.get('section', '')} ¶{loc.get('paragraph', '')}"
        for loc in locators
        if isinstance(loc, Mapping)
    )


def relationships_of(
    store: GraphStore, label: str, node_id: str, *, lang: str = "id"
) -> pd.DataFrame:
    """The node's relationships: direction, type, the node at the other end, and locators.

    Columns: ``direction, rel_type, other_key, other_label, other_name, description, evidence``.
    """
    rows = []
    for nb in store.neighbours(label, node_id):
        description = (nb.rel.get("description_en") if lang == "en" else None) or nb.rel.get(
            "description", ""
        )
        rows.append(
            {
                "direction": nb.direction,
                "rel_type": nb.rel_type,
                "other_key": f"{nb.node.get('label')}:{nb.node.get('id')}",
                "other_label": nb.node.get("label"),
                "other_name": display_name(nb.node, lang),
                "description": description or "",
                "evidence": _locator_text(nb.rel.get("evidence") or []),
            }
        )
    frame = pd.DataFrame(rows, columns=RELATIONSHIP_COLUMNS)
    return frame.sort_values(["rel_type", "other_name"], ignore_index=True)


def evidence_passages(
    locators: Sequence[Mapping[str, Any]],
    sources: Mapping[str, Mapping[str, Any]],
    sources_dir: Path | str,
) -> pd.DataFrame:
    """Each locator with the passage it points at, or why it does not resolve.

    ``sources`` maps Source ids to Source node properties. Columns: ``source, section,
    paragraph, start, end, note, passage, problem`` (``passage`` is None when unresolved).

    >>> evidence_passages([{"source": "s", "section": "Abstrak", "paragraph": 1}], {}, ".")[
    ...     ["section", "paragraph", "passage", "problem"]].values.tolist()
    [['Abstrak', 1, None, "unknown source 's'"]]
    """
    rows = []
    for loc in locators:
        if not isinstance(loc, Mapping):
            continue
        try:
            passage, problem = resolve_locator(loc, sources, Path(sources_dir)), None
        except (LocatorProblem, ValueError, TypeError, OSError) as exc:
            passage, problem = None, str(exc)
        rows.append(
            {
                "source": loc.get("source"),
                "section": loc.get("section"),
                "paragraph": loc.get("paragraph"),
                "start": loc.get("start"),
                "end": loc.get("end"),
                "note": loc.get("note"),
                "passage": passage,
                "problem": problem,
            }
        )
    return pd.DataFrame(rows, columns=PASSAGE_COLUMNS)
