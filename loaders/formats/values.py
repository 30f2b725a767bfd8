"""Property values as GraphML, GEXF and JSON node-link files carry them, both ways.

Every property is written under its own name, typed (``boolean``, ``long``, ``double``,
``string``) by all of its values; a value that is a list or a mapping (evidence locators,
aliases, a claim's check) is JSON text, and the element's ``_json`` attribute names those
properties, as the Neo4j store does. The schema label travels as ``node_label`` (a node's
display ``label`` is its name, which Gephi, yEd and Cytoscape show). Reading turns the cells
of a node or an edge back into the columns the draft stage (``loaders.drafts``) reads.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

from graph.schema import LABELS
from loaders.formats.notation import loads_cell
from loaders.import_records import ImportProblem, Row

__all__ = [
    "JSON_ATTR",
    "NODE_LABEL_ATTR",
    "rgb",
    "attr_type",
    "text_value",
    "props_by_name",
    "typed_value",
    "decode_json",
    "node_cells",
    "edge_cells",
]

JSON_ATTR = "_json"
NODE_LABEL_ATTR = "node_label"


def rgb(colour: str) -> tuple[int, int, int] | None:
    """``(r, g, b)`` of a ``#rrggbb`` colour, None for anything else."""
    c = str(colour).lstrip("#")
    if len(c) != 6:
        return None
    try:
        return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)
    except ValueError:
        return None


def attr_type(values: Iterable[Any]) -> str:
    """``boolean``, ``long``, ``double`` or ``string`` for all values of one attribute."""
    kinds = set()
    for v in values:
        if isinstance(v, bool):
            kinds.add("boolean")
        elif isinstance(v, int):
            kinds.add("long")
        elif isinstance(v, float):
            kinds.add("double")
        else:
            kinds.add("string")
    if kinds == {"boolean"}:
        return "boolean"
    if kinds == {"long"}:
        return "long"
    if kinds and kinds <= {"long", "double"}:
        return "double"
    return "string"


def text_value(value: Any, kind: str) -> tuple[str, bool]:
    """The text of ``value`` as an attribute of type ``kind`` (from :func:`attr_type`), and
    whether it is JSON (a property listed in ``_json``)."""
    if kind == "boolean":
        return ("true" if value else "false"), False
    if kind == "long":
        return str(int(value)), False
    if kind == "double":
        return repr(float(value)), False
    if isinstance(value, str):
        return value, False
    return json.dumps(value, ensure_ascii=False, sort_keys=True), True


def props_by_name(items: Iterable[Mapping[str, Any]], skip: set[str]) -> dict[str, str]:
    """The attribute type of every property of ``items`` (but ``skip``), sorted by name."""
    values: dict[str, list[Any]] = {}
    for data in items:
        for name, value in data.items():
            if name in skip or value is None:
                continue
            values.setdefault(name, []).append(value)
    return {name: attr_type(vals) for name, vals in sorted(values.items())}


def typed_value(text: str | None, kind: str) -> Any:
    """The value of an attribute's text under its declared type (GraphML ``attr.type``, GEXF
    ``type``); ValueError (or ``json.JSONDecodeError`` for a JSON list) when it is not one."""
    text = "" if text is None else text
    t = kind.lower()
    if t == "boolean":
        low = text.strip().lower()
        if low in ("true", "1"):
            return True
        if low in ("false", "0"):
            return False
        raise ValueError(f"{text!r} is not a boolean")
    if t in ("int", "long", "integer", "short", "byte", "biginteger"):
        return int(text.strip())
    if t in ("float", "double", "bigdecimal"):
        value = float(text.strip())
        if math.isnan(value) or math.isinf(value):
            raise ValueError(f"{text!r} is not a finite number")
        return value
    if t.startswith("list"):
        s = text.strip()
        if s.startswith("["):
            return loads_cell(s)
        return [p for p in s.strip("[]").replace(",", "|").split("|") if p.strip()]
    return text


def decode_json(cells: dict[str, Any], row: Row, problems: list[ImportProblem]) -> None:
    """Decode the cells that the element's ``_json`` attribute names (and drop that attribute)."""
    names = cells.pop(JSON_ATTR, None)
    if not names:
        return
    try:
        listed = loads_cell(names) if isinstance(names, str) else names
    except json.JSONDecodeError:
        problems.append(ImportProblem(row.file, row.sheet, row.row, JSON_ATTR, "not a JSON list"))
        return
    if not isinstance(listed, list) or not all(isinstance(n, str) for n in listed):
        problems.append(
            ImportProblem(row.file, row.sheet, row.row, JSON_ATTR, "not a JSON list of names")
        )
        return
    for name in listed:
        if isinstance(cells.get(name), str):
            try:
                cells[name] = loads_cell(cells[name])
            except json.JSONDecodeError as exc:
                problems.append(
                    ImportProblem(row.file, row.sheet, row.row, name, f"not valid JSON: {exc.msg}")
                )


def node_cells(cells: dict[str, Any], anchor: str) -> dict[str, Any]:
    """Cells of an XML/JSON node: the schema label and the id from the node's own id when the
    attributes do not give them."""
    label = cells.pop(NODE_LABEL_ATTR, None)
    prefix, sep, rest = anchor.partition(":")
    if label is None and sep and prefix in LABELS and "label" not in cells:
        label = prefix
    if label is not None:
        cells.pop("label", None)  # the display label (the name) when the schema label is given
        cells = {"label": label, **cells}
    if "id" not in cells:
        cells["id"] = rest if sep and prefix in LABELS else anchor
    return cells


def edge_cells(cells: dict[str, Any], source: str, target: str) -> dict[str, Any]:
    """Cells of an XML/JSON edge: its ends as ``from`` and ``to``, its type from the first of
    label, relationship, rel_type or kind when no ``type`` attribute gives it."""
    if "type" not in cells:
        for alt in ("label", "relationship", "rel_type", "kind"):
            if alt in cells:
                cells["type"] = cells.pop(alt)
                break
    for k in ("from", "to", "source", "target"):  # never let an attribute move an end
        if k in cells:
            cells[f"x_{k}"] = cells.pop(k)
    return {"from": source, "to": target, **cells}
