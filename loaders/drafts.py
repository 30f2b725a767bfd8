"""Rows into drafts: the node and relationship records of graph/schema.py that the rows of a
file describe, each with the row it came from and the column behind each field.

:func:`rows_to_drafts` takes the rows of any reader (``loaders.formats``: CSV, XLSX, GraphML,
GEXF, JSON) and gives :class:`Drafts`: a :class:`NodeDraft` per element row, a
:class:`RelDraft` per connection row (its ends still as written: ``Label:id``, an id or a
name, resolved against the store by ``loaders.plan``), and a located problem for every value
that is wrong (types, required fields, labels, relationship types, locators).

Columns are found by their template name or another name people use for them
(``loaders.formats.columns``: Kumu's Label/Type/Description/Tags, Indonesian headers); text
cells are read in Indonesian notation (``loaders.formats.notation``), typed cells (XLSX
numbers, GraphML/GEXF/JSON attributes) as they are. Properties the schema does not know are
kept under their own names. A row without evidence gets a locator pointing at its own row.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.schema import (
    ACTOR_TYPES,
    ID_PATTERN,
    LABELS,
    LEVELS,
    NODE_SPECS,
    REL_SPECS,
    REL_TYPES,
    SECTORS,
    Prop,
    validate_node,
    validate_relationship,
)
from loaders.formats.columns import (
    CONNECTION_ALIASES,
    ELEMENT_ALIASES,
    EVIDENCE_PARTS,
    JSON_COLUMN,
    KIND_PROPERTY,
    LABEL_ALIASES,
    REL_ALIASES,
    norm_header,
    slug,
)
from loaders.formats.notation import (
    loads_cell,
    parse_bool,
    parse_date,
    parse_machine_number,
    parse_number,
)
from loaders.import_records import ERROR, WARNING, ImportProblem, Parsed, Row

__all__ = [
    "NodeDraft",
    "RelDraft",
    "Drafts",
    "convert",
    "rows_to_drafts",
    "check_relationship",
]


@dataclass
class NodeDraft:
    """A node record built from one row, and how to find the cells behind its fields."""

    record: dict[str, Any]
    row: Row
    columns: dict[str, str]  # property -> column header as written
    given_id: str | None = None  # the id as written in the file (before slugging), if any
    had_evidence: bool = True
    ok: bool = True

    @property
    def key(self) -> str:
        return f"{self.record.get('label')}:{self.record.get('id')}"


@dataclass
class RelDraft:
    """A relationship record (without its ends yet) and the raw ends as written."""

    record: dict[str, Any]
    row: Row
    columns: dict[str, str]
    start_ref: str
    end_ref: str
    had_evidence: bool = True
    ok: bool = True


@dataclass
class Drafts:
    """The drafts of every row of an import, and the problems found so far."""

    nodes: list[NodeDraft] = field(default_factory=list)
    relationships: list[RelDraft] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)


def _problem(
    row: Row, column: str, message: str, severity: str = ERROR, kind: str = "value"
) -> ImportProblem:
    return ImportProblem(row.file, row.sheet, row.row, column, message, severity, kind)


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()[:10] if isinstance(value, dt.datetime) else value.isoformat()
    return str(value).strip()


# -- values ----------------------------------------------------------------------------------------
def _choice(value: str, prop: Prop) -> str:
    if prop.choices is None or value in prop.choices:
        return value
    wanted = slug(value)
    return wanted if wanted in prop.choices else value


def _number(value: Any, kind: str, typed: bool) -> tuple[int | float, str | None]:
    """A number of schema kind ``int``, ``number`` or ``float``, and a warning."""
    warning = None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, (int, float)):
        number: int | float = value
    elif typed:
        try:
            number = parse_machine_number(value)
        except ValueError:
            reading = parse_number(str(value))
            number, warning = reading.value, reading.warning
    else:
        reading = parse_number(str(value))
        number, warning = reading.value, reading.warning
    if isinstance(number, float) and (math.isnan(number) or math.isinf(number)):
        raise ValueError(f"{value!r} is not a finite number")
    if kind == "int":
        if isinstance(number, float):
            if not number.is_integer():
                raise ValueError(f"{value!r} is not a whole number")
            number = int(number)
    elif kind == "float":
        number = float(number)
    return number, warning


def _structured(value: Any, kind: str) -> Any:
    """A list, a list of locators or a mapping: JSON text, or names joined by ``|``."""
    if isinstance(value, (list, dict)):
        decoded = value
    else:
        s = str(value).strip()
        if s[:1] in "[{":
            try:
                decoded = loads_cell(s)
            except json.JSONDecodeError as exc:
                raise ValueError(f"not valid JSON: {exc.msg} at character {exc.pos}") from exc
        elif kind == "list":
            decoded = [part.strip() for part in s.split("|") if part.strip()]
        else:
            raise ValueError("expected JSON text (starting with [ or {)")
    if kind == "dict" and not isinstance(decoded, dict):
        raise ValueError("expected a JSON object")
    if kind in ("list", "locators") and not isinstance(decoded, list):
        raise ValueError("expected a list")
    return decoded


def convert(value: Any, prop: Prop, typed: bool) -> tuple[Any, str | None]:
    """``value`` as the schema kind of ``prop`` wants it, and a warning; ValueError if not."""
    kind = prop.kind
    if kind == "str":
        return _choice(_text(value), prop), None
    if kind in ("int", "number", "float"):
        return _number(value, kind, typed)
    if kind == "bool":
        return parse_bool(value), None
    if kind == "date":
        return parse_date(value)
    if kind in ("list", "locators", "dict"):
        return _structured(value, kind), None
    return value, None


# -- the cells of one row --------------------------------------------------------------------------
def _canonical(cells: Mapping[str, Any], aliases: Mapping[str, str]) -> dict[str, tuple[str, Any]]:
    """canonical column -> (header as written, value)."""
    out: dict[str, tuple[str, Any]] = {}
    for header, value in cells.items():
        key = norm_header(header)
        canon = aliases.get(key, key)
        if canon in out:  # e.g. both "Description" and "keterangan": the second stays extra
            out[str(header)] = (header, value)
        else:
            out[canon] = (header, value)
    return out


@dataclass
class _Cells:
    """One row being turned into a record: its cells by canonical column (taken out as they
    are used), the record so far, the column behind each field and the row's problems."""

    row: Row
    canon: dict[str, tuple[str, Any]]
    record: dict[str, Any] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)
    problems: list[ImportProblem] = field(default_factory=list)
    json_names: set[str] = field(default_factory=set)

    def add(self, column: str, message: str, severity: str = ERROR, kind: str = "value") -> None:
        self.problems.append(_problem(self.row, column, message, severity, kind))

    def take(self, name: str) -> tuple[str, Any]:
        """``(header, value)`` of a column, which no later step sees again."""
        return self.canon.pop(name)

    def set(self, name: str, header: str, value: Any, prop: Prop | None) -> None:
        """Set property ``name`` from a cell: converted to its schema kind, or as it is (JSON
        decoded when ``_json`` names it) for a property the schema does not know."""
        self.columns[name] = header
        if prop is None:  # a property the schema does not know: kept as it is
            if name in self.json_names and isinstance(value, str):
                try:
                    value = loads_cell(value)
                except json.JSONDecodeError as exc:
                    self.add(header, f"not valid JSON: {exc.msg}")
                    return
            self.record[name] = value
            return
        numeric = prop.kind in ("int", "number", "float")
        try:
            converted, warning = convert(value, prop, self.row.typed)
        except ValueError as exc:
            self.add(header, str(exc), ERROR, "number" if numeric else "value")
            return
        if warning:
            self.add(header, warning, WARNING, "ambiguous_number" if numeric else "ambiguous_date")
        self.record[name] = converted

    @property
    def ok(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)


def _json_names(cells: _Cells) -> set[str]:
    """The extra properties whose cells hold JSON, as the ``_json`` column names them."""
    if JSON_COLUMN not in cells.canon:
        return set()
    header, value = cells.take(JSON_COLUMN)
    if isinstance(value, list):
        return {str(v) for v in value}
    text = str(value).strip()
    if text.startswith("["):
        try:
            return {str(v) for v in loads_cell(text)}
        except json.JSONDecodeError:
            cells.add(header, "not a JSON list of property names")
            return set()
    return {part.strip() for part in re.split(r"[|,]", text) if part.strip()}


# -- evidence --------------------------------------------------------------------------------------
def _evidence_column(cells: _Cells) -> list[dict[str, Any]]:
    """Locators of the ``evidence`` column: JSON, or free text noted on this row's locator."""
    if "evidence" not in cells.canon:
        return []
    header, value = cells.take("evidence")
    cells.columns["evidence"] = header
    row = cells.row
    if isinstance(value, list) or (isinstance(value, str) and value.strip()[:1] in "[{"):
        try:
            decoded, _ = convert(value, Prop("locators"), True)
        except ValueError as exc:
            cells.add(header, f"evidence: {exc}")
            return []
        return decoded if isinstance(decoded, list) else [decoded]
    # free text: the note of a locator that points at this row of the file
    section = row.sheet or "rows"
    return [{"source": row.file, "section": section, "paragraph": row.row, "note": _text(value)}]


def _evidence_parts(cells: _Cells) -> dict[str, Any] | None:
    """The locator of the evidence_source/_section/_paragraph/_note columns, if complete."""
    parts = {}
    for part in EVIDENCE_PARTS:
        if f"evidence_{part}" not in cells.canon:
            continue
        header, value = cells.take(f"evidence_{part}")
        cells.columns.setdefault("evidence", header)
        if part == "paragraph":
            try:
                value, _ = convert(value, Prop("int"), cells.row.typed)
            except ValueError as exc:
                cells.add(header, f"paragraph: {exc}")
                continue
        else:
            value = _text(value)
        parts[part] = value
    if not parts:
        return None
    missing = [p for p in ("source", "section", "paragraph") if p not in parts]
    if missing:
        cells.add(
            cells.columns["evidence"],
            "an evidence locator needs evidence_source, evidence_section and "
            f"evidence_paragraph; missing: {', '.join('evidence_' + m for m in missing)}",
        )
        return None
    return parts


def _evidence(cells: _Cells) -> list[dict[str, Any]] | None:
    """Locators from the ``evidence`` column (JSON) and/or the evidence_* columns."""
    locators = _evidence_column(cells)
    parts = _evidence_parts(cells)
    if parts is not None:
        locators.insert(0, parts)
    return locators or None


def _default_locator(row: Row) -> dict[str, Any]:
    return {
        "source": row.file,
        "section": row.sheet or "rows",
        "paragraph": row.row,
        "note": "imported without evidence: this locator points at the row of the file",
    }


def _schema_problems(errors: Any, row: Row, columns: Mapping[str, str]) -> list[ImportProblem]:
    out = []
    for err in errors:
        base = err.field.split("[", 1)[0].split(".", 1)[0]
        column = columns.get(base, base)
        kind = "reference" if base in ("start", "end") else "schema"
        if base == "type" and "unknown relationship type" in err.problem:
            kind = "relationship_type"
        out.append(ImportProblem(row.file, row.sheet, row.row, column, err.problem, ERROR, kind))
    return out


def _finish_evidence(cells: _Cells, evidence: list[dict[str, Any]] | None) -> bool:
    """Put the row's locators (or one pointing at the row itself) on the record; whether the
    row had evidence of its own."""
    cells.record["evidence"] = evidence if evidence is not None else [_default_locator(cells.row)]
    return evidence is not None


# -- elements --------------------------------------------------------------------------------------
def _element_cells(row: Row) -> tuple[_Cells, bool]:
    """The row's cells, and whether it is written as Kumu writes (its ``Label`` is the name)."""
    canon = _canonical(row.cells, ELEMENT_ALIASES)
    kumu = "name" not in canon and "label" in canon and not row.typed
    if kumu:  # Kumu: Label is the element's name, Type its kind
        canon["name"] = canon.pop("label")
    if row.typed and "name" not in canon and "label" in canon:
        label_value = _text(canon["label"][1])
        if slug(label_value) not in LABEL_ALIASES and label_value not in LABELS:
            canon["name"] = canon.pop("label")  # GraphML/GEXF display label
            kumu = True
    return _Cells(row, canon), kumu


def _label_of(text: str) -> str | None:
    return LABEL_ALIASES.get(text) or LABEL_ALIASES.get(text.replace("_", ""))


def _node_label(cells: _Cells, kumu: bool) -> tuple[str | None, str | None]:
    """(label, column it came from), from the label column or a Type that names one."""
    canon = cells.canon
    if not kumu and "label" in canon:
        header, value = cells.take("label")
        text = slug(_text(value))
        label = LABEL_ALIASES.get(text.replace("_", "")) or LABEL_ALIASES.get(text)
        if label is None:
            cells.add(
                header,
                f"unknown label {_text(value)!r}; one of: {', '.join(sorted(LABELS))}",
                ERROR,
                "schema",
            )
        return label, header
    if "type" in canon:
        header, value = canon["type"]
        text = slug(_text(value))
        label = _label_of(text)
        if label is not None:
            cells.take("type")
            return label, header
        if text in ACTOR_TYPES:
            return "Actor", header
    return "Actor" if kumu else None, None


def _element_label(cells: _Cells, kumu: bool) -> str | None:
    label, label_col = _node_label(cells, kumu)
    if label_col:
        cells.columns["label"] = label_col
    if label is None and label_col is None:
        cells.add(
            "label",
            "no label: add a label column (Actor, Program, Intervention, ...) or a Type "
            "that names one",
            ERROR,
            "required",
        )
    return label


def _given_id(cells: _Cells, label: str | None) -> tuple[str | None, str | None]:
    """The id as written (``Label:id`` gives the label too when no column did) and the label."""
    if "id" not in cells.canon:
        return None, label
    header, value = cells.take("id")
    cells.columns["id"] = header
    given_id = _text(value)
    if given_id and ":" in given_id and given_id.split(":", 1)[0] in LABELS:
        prefix, _, given_id = given_id.partition(":")
        if label is None:
            label = prefix
    return given_id, label


def _element_kind(cells: _Cells, label: str | None, spec: Mapping[str, Prop]) -> None:
    """The ``type`` column: the label's kind property (actor_type, place_level, ...), or an
    extra property ``type`` with a warning for a label without kinds."""
    if "type" not in cells.canon:
        return
    header, value = cells.take("type")
    kind_prop = KIND_PROPERTY.get(label or "")
    if kind_prop and kind_prop not in cells.canon:
        cells.set(kind_prop, header, value, spec.get(kind_prop))
    elif label is not None:
        cells.add(
            header,
            f"a {label} has no type; the value is kept as the extra property 'type'",
            WARNING,
            "extra",
        )
        cells.record["type"] = _text(value)
        cells.columns["type"] = header


def _tags(cells: _Cells) -> list[str] | None:
    if "tags" not in cells.canon:
        return None
    header, value = cells.take("tags")
    cells.columns["tags"] = header
    try:
        tags, _ = convert(value, Prop("list"), cells.row.typed)
    except ValueError as exc:
        cells.add(header, f"tags: {exc}")
        return None
    tags = [str(t) for t in tags]
    cells.record["tags"] = tags
    return tags


def _element_properties(cells: _Cells, spec: Mapping[str, Prop]) -> None:
    """Every remaining cell: a schema property, or an extra under its own name."""
    for name, (header, value) in cells.canon.items():
        if name in ("label", "_json"):
            continue
        prop = spec.get(name)
        if name not in spec:
            name = header.strip() if not cells.row.typed else header  # extras keep their name
        cells.set(name, header, value, prop)


def _sector_and_level_from_tags(cells: _Cells, tags: list[str]) -> None:
    """Kumu tags may carry an actor's sector and level."""
    for prop, choices in (("sector", SECTORS), ("level", LEVELS)):
        found = [slug(t) for t in tags if slug(t) in choices]
        if prop not in cells.record and len(found) == 1:
            cells.record[prop] = found[0]
            cells.columns[prop] = cells.columns["tags"]


def _node_id(cells: _Cells, given_id: str | None) -> None:
    """The record's id: as given (written as an id when it is not one), else from the name."""
    node_id = given_id
    if node_id and not ID_PATTERN.match(node_id):
        fixed = slug(node_id)
        cells.add(
            cells.columns.get("id", "id"), f"id {node_id!r} written as {fixed!r}", WARNING, "id"
        )
        node_id = fixed
    if not node_id and isinstance(cells.record.get("name"), str):
        node_id = slug(cells.record["name"])
    if node_id:
        cells.record["id"] = node_id


def _element_draft(row: Row, problems: list[ImportProblem]) -> NodeDraft:
    cells, kumu = _element_cells(row)
    cells.json_names = _json_names(cells)
    label = _element_label(cells, kumu)
    given_id, label = _given_id(cells, label)
    cells.record["label"] = label
    spec = NODE_SPECS.get(label or "", {})
    _element_kind(cells, label, spec)
    if label == "Place" and "level" in cells.canon and "place_level" not in cells.record:
        cells.canon["place_level"] = cells.take("level")
    evidence = _evidence(cells)
    tags = _tags(cells)
    _element_properties(cells, spec)
    if label == "Actor" and tags:
        _sector_and_level_from_tags(cells, tags)
    _node_id(cells, given_id)
    had_evidence = _finish_evidence(cells, evidence)
    draft = NodeDraft(cells.record, row, cells.columns, given_id, had_evidence)
    if label is not None:
        cells.problems.extend(
            _schema_problems(validate_node(cells.record, extra_ok=True), row, cells.columns)
        )
    draft.ok = cells.ok
    problems.extend(cells.problems)
    return draft


# -- connections -----------------------------------------------------------------------------------
def _rel_type(value: Any) -> str | None:
    text = slug(_text(value))
    upper = text.upper()
    if upper in REL_TYPES:
        return upper
    return REL_ALIASES.get(text)


def _ends(cells: _Cells) -> tuple[str, str]:
    """The ``from`` and ``to`` cells as written; a missing one is reported."""
    refs = []
    for side in ("from", "to"):
        if side in cells.canon:
            header, value = cells.take(side)
            cells.columns["start" if side == "from" else "end"] = header
            refs.append(_text(value))
            continue
        refs.append("")
        cells.add(
            side,
            f"missing '{side}': which element the connection "
            f"{'starts' if side == 'from' else 'ends'} at",
            ERROR,
            "required",
        )
    return refs[0], refs[1]


def _connection_type(cells: _Cells) -> str | None:
    if "type" not in cells.canon:
        cells.add("type", "missing relationship type", ERROR, "required")
        return None
    header, value = cells.take("type")
    cells.columns["type"] = header
    rel_type = _rel_type(value)
    if rel_type is None:
        cells.add(
            header,
            f"unknown relationship type {_text(value)!r}; one of: {', '.join(sorted(REL_TYPES))}",
            ERROR,
            "relationship_type",
        )
    return rel_type


def _connection_properties(cells: _Cells, spec: Mapping[str, Prop]) -> None:
    """A direction other than one way, then every remaining cell (a schema property, or an
    extra under its own name; ``type``, ``start`` and ``end`` become ``x_...``)."""
    if "direction" in cells.canon:
        header, value = cells.take("direction")
        direction = slug(_text(value))
        if direction not in ("directed", "", "one_way", "searah"):
            cells.record["direction"] = direction
            cells.columns["direction"] = header
    for name, (header, value) in cells.canon.items():
        prop = spec.get(name)
        if name not in spec:
            name = header.strip() if not cells.row.typed else header
        if name in ("type", "start", "end"):
            name = f"x_{name}"
        cells.set(name, header, value, prop)


def _connection_draft(row: Row, problems: list[ImportProblem]) -> RelDraft:
    cells = _Cells(row, _canonical(row.cells, CONNECTION_ALIASES))
    cells.json_names = _json_names(cells)
    start_ref, end_ref = _ends(cells)
    rel_type = _connection_type(cells)
    cells.record["type"] = rel_type
    # an unknown type still gets the properties every type has checked (date, weight, ...)
    spec = REL_SPECS[rel_type or "COLLABORATES_WITH"][1]
    evidence = _evidence(cells)
    _connection_properties(cells, spec)
    had_evidence = _finish_evidence(cells, evidence)
    draft = RelDraft(cells.record, row, cells.columns, start_ref, end_ref, had_evidence)
    draft.ok = cells.ok
    problems.extend(cells.problems)
    return draft


# -- the stage -------------------------------------------------------------------------------------
def rows_to_drafts(parsed: Parsed) -> Drafts:
    """Node and relationship drafts of every row, and the problems found so far (reading,
    types, required fields, relationship types). Ends are resolved by ``loaders.plan``."""
    drafts = Drafts(problems=list(parsed.problems))
    for row in parsed.elements:
        drafts.nodes.append(_element_draft(row, drafts.problems))
    for row in parsed.connections:
        drafts.relationships.append(_connection_draft(row, drafts.problems))
    return drafts


def check_relationship(record: Mapping[str, Any], draft: RelDraft) -> list[ImportProblem]:
    """Schema problems of a relationship whose ends are resolved, located at its row."""
    return _schema_problems(validate_relationship(record, extra_ok=True), draft.row, draft.columns)
