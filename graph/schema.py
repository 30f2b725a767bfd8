"""The Jejaring data model: node labels, relationship types and their properties.

Labels and relationship types are closed sets. Everything that writes to a store,
builds Cypher or imports a file checks names against them, so an unknown label or
type can never reach a query as an identifier.

A record is a plain dict. A node record has ``label``, ``id`` and the label's
properties; a relationship record has ``type``, ``start`` and ``end`` (both
``(label, id)`` pairs given as ``{"label": ..., "id": ...}`` or as ``"Label:id"``)
and its own properties. ``validate_node`` and ``validate_relationship`` return a
list of :class:`SchemaError`; an empty list means the record is valid.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "LABELS",
    "REL_TYPES",
    "NODE_SPECS",
    "REL_SPECS",
    "Prop",
    "SchemaError",
    "SECTOR_NAMES",
    "NodeKey",
    "parse_node_ref",
    "validate_node",
    "validate_relationship",
    "validate_locator",
    "check_label",
    "check_rel_type",
]

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")

ACTOR_TYPES = (
    "government_office",
    "village_government",
    "village_body",
    "working_group",
    "military",
    "religious",
    "zakat_philanthropy",
    "community_group",
    "community_leader",
    "health_facility",
    "cadre",
    "field_officer",
    "business",
    "research",
    "forum",
    "international",
)
SECTORS = (
    "health",
    "family_planning",
    "religion",
    "social_welfare",
    "economy",
    "security",
    "education",
    "environment",
    "governance",
    "women_children",
    "fisheries",
    "research",
)
# Display names of the sectors in Bahasa Indonesia and English, shared by tables and the UI.
SECTOR_NAMES: dict[str, tuple[str, str]] = {
    "health": ("Kesehatan", "Health"),
    "family_planning": ("Keluarga berencana", "Family planning"),
    "religion": ("Keagamaan", "Religion"),
    "social_welfare": ("Kesejahteraan sosial", "Social welfare"),
    "economy": ("Ekonomi", "Economy"),
    "security": ("Keamanan", "Security"),
    "education": ("Pendidikan", "Education"),
    "environment": ("Lingkungan", "Environment"),
    "governance": ("Pemerintahan", "Governance"),
    "women_children": ("Perempuan dan anak", "Women and children"),
    "fisheries": ("Perikanan", "Fisheries"),
    "research": ("Penelitian", "Research"),
}
assert set(SECTOR_NAMES) == set(SECTORS)

LEVELS = ("global", "national", "province", "kabupaten", "kecamatan", "desa", "dusun_rw")
PLACE_LEVELS = ("country", "province", "kabupaten", "kota", "kecamatan", "desa", "kelurahan")
INTERVENTION_KINDS = ("specific", "sensitive", "convergence")
PILLARS = ("pilar_1", "pilar_2", "pilar_3", "pilar_4", "pilar_5")
FAMILY_FUNCTIONS = (
    "fungsi_keagamaan",
    "fungsi_sosial_budaya",
    "fungsi_cinta_kasih",
    "fungsi_perlindungan",
    "fungsi_reproduksi",
    "fungsi_sosialisasi_pendidikan",
    "fungsi_ekonomi",
    "fungsi_pembinaan_lingkungan",
)
FACTOR_KINDS = ("enabler", "barrier")
CLAIM_KINDS = ("rank", "total", "comparison", "count", "difference", "ratio", "share")
CLAIM_BASES = ("reported_by_informants", "measured")
POLICY_KINDS = (
    "presidential_regulation",
    "presidential_instruction",
    "government_regulation",
    "national_plan",
    "decision",
    "decree",
    "technical_guideline",
)


@dataclass(frozen=True)
class Prop:
    """One property of a label or relationship type."""

    kind: str  # str, int, float, number, bool, date, list, dict, locators
    required: bool = False
    choices: tuple[str, ...] | None = None
    help: str = ""


def _common_node_props() -> dict[str, Prop]:
    return {
        "id": Prop("str", True, help="stable slug, unique per label"),
        "name": Prop("str", True, help="name in Bahasa Indonesia"),
        "name_en": Prop("str", help="name in English"),
        "description": Prop("str", help="the project's own words"),
        "description_en": Prop("str", help="the project's own words, in English"),
        "aliases": Prop("list", help="other names and acronyms the sources use"),
        "evidence": Prop("locators", True, help="where the sources support this node"),
        "synthetic": Prop("bool", help="true for generated, not observed, data"),
    }


def _spec(**props: Prop) -> dict[str, Prop]:
    spec = _common_node_props()
    spec.update(props)
    return spec


NODE_SPECS: dict[str, dict[str, Prop]] = {
    "Actor": _spec(
        actor_type=Prop("str", True, ACTOR_TYPES),
        sector=Prop("str", True, SECTORS),
        level=Prop("str", True, LEVELS),
        person_name=Prop("str", help="a named office holder, when the source names one"),
    ),
    "Program": _spec(
        start=Prop("date", help="when the programme started at the place studied"),
        owner=Prop("str", help="id of the actor that runs it nationally"),
    ),
    "Intervention": _spec(
        intervention_kind=Prop("str", True, INTERVENTION_KINDS),
        pillar=Prop("str", False, PILLARS),
        family_function=Prop("str", False, FAMILY_FUNCTIONS),
        quantity=Prop("number", help="how much, with unit"),
        unit=Prop("str", help="unit of quantity: IDR, seed, animal, hectare, scholarship, ..."),
        frequency=Prop("str", help="how often it runs (monthly, quarterly, yearly, once)"),
        start=Prop("date"),
        end=Prop("date"),
        innovation=Prop("bool", help="the study presents it as a local innovation"),
    ),
    "TargetGroup": _spec(
        taxonomy_id=Prop("str", help="id in the national strategy taxonomy, when it has one"),
    ),
    "Indicator": _spec(
        unit=Prop("str", True),
        measure=Prop("str", help="what is counted or measured"),
    ),
    "Observation": _spec(
        value=Prop("number", True),
        value_text=Prop("str", help="the value exactly as printed in the source"),
        unit=Prop("str", True),
        date=Prop("date", help="exact date or month (YYYY-MM-DD, YYYY-MM)"),
        year=Prop("int", help="year, when no finer date is given"),
        instrument=Prop("str", True, help="SSGI, e-PPGBM, PK21, Verval KRS, ..."),
        source=Prop("str", True, help="who published the figure, as the source names it"),
        table=Prop("str", help="table of the source the figure comes from"),
        row=Prop("str", help="row label as printed"),
        column=Prop("str", help="column label as printed"),
        printed_total=Prop("bool", help="a total row as printed, not computed"),
        ambiguity=Prop("str", help="why the printed value can be read more than one way"),
        target=Prop("bool", help="a target value, not a measurement"),
    ),
    "Place": _spec(
        place_level=Prop("str", True, PLACE_LEVELS),
        kemendagri_code=Prop("str", help="dotted Kemendagri code"),
        bps_code=Prop("str", help="BPS 2018 code"),
    ),
    "Policy": _spec(
        policy_kind=Prop("str", True, POLICY_KINDS),
        number=Prop("str", help="the instrument's number as cited"),
        year=Prop("int"),
        date=Prop("date"),
    ),
    "Factor": _spec(
        factor_kind=Prop("str", True, FACTOR_KINDS),
        dimension=Prop("str", help="which of the study's four dimensions it belongs to"),
    ),
    "Source": _spec(
        title=Prop("str", True),
        file=Prop("str", help="file name in the sources folder"),
        sections=Prop("list", help="section headings, in order, as they stand in the file"),
        authors=Prop("str"),
        year=Prop("int"),
        language=Prop("str"),
        source_kind=Prop("str", help="article, report, dataset"),
    ),
    "Claim": _spec(
        claim_kind=Prop("str", True, CLAIM_KINDS),
        asserted=Prop("str", True, help="what the source asserts, as a value or rank"),
        basis=Prop("str", False, CLAIM_BASES),
        check=Prop("dict", help="how to check it against the observations"),
    ),
}

LABELS: frozenset[str] = frozenset(NODE_SPECS)


def _rel(
    ends: Iterable[tuple[str, str]], **props: Prop
) -> tuple[frozenset[tuple[str, str]], dict[str, Prop]]:
    base = {
        "evidence": Prop("locators", True),
        "description": Prop("str"),
        "description_en": Prop("str"),
        "date": Prop("date"),
        "weight": Prop("number"),
        "synthetic": Prop("bool"),
    }
    base.update(props)
    return frozenset(ends), base


_ANY = "*"
_ACTORISH = ("Actor",)

# Allowed (start label, end label) pairs per relationship type; "*" accepts any label.
REL_SPECS: dict[str, tuple[frozenset[tuple[str, str]], dict[str, Prop]]] = {
    "COLLABORATES_WITH": _rel([("Actor", "Actor"), ("Program", "Actor")]),
    "FUNDS": _rel(
        [("Actor", "Intervention"), ("Actor", "Program"), ("Actor", "Actor")],
        amount=Prop("number"),
        currency=Prop("str"),
    ),
    "IMPLEMENTS": _rel([("Actor", "Intervention"), ("Actor", "Program"), ("Actor", "Policy")]),
    "SUPPORTS": _rel([("Actor", "Intervention"), ("Actor", "Program"), ("Actor", "Actor")]),
    "COORDINATES": _rel([("Actor", "Actor"), ("Actor", "Program"), ("Actor", "Intervention")]),
    "MEMBER_OF": _rel([("Actor", "Actor")], role=Prop("str")),
    "LEADS": _rel([("Actor", "Actor"), ("Actor", "Program"), ("Actor", "Intervention")]),
    "ISSUED": _rel([("Actor", "Policy"), ("Actor", "Observation"), ("Actor", "Source")]),
    "MANDATED_BY": _rel([("Program", "Policy"), ("Actor", "Policy"), ("Intervention", "Policy")]),
    "PART_OF": _rel(
        [
            ("Place", "Place"),
            ("Program", "Program"),
            ("Intervention", "Program"),
            ("Actor", "Actor"),
        ]
    ),
    "LOCATED_IN": _rel([("Actor", "Place"), ("Program", "Place"), ("Intervention", "Place")]),
    "TARGETS": _rel([("Intervention", "TargetGroup"), ("Program", "TargetGroup")]),
    "CONTRIBUTES_TO": _rel(
        [("Intervention", "Indicator"), ("Program", "Indicator")],
        claim=Prop("str", True, CLAIM_BASES),
    ),
    "OBSERVED_FOR": _rel([("Observation", "Indicator")]),
    "OBSERVED_IN": _rel([("Observation", "Place")]),
    "ENABLES": _rel([("Factor", "Program"), ("Factor", "Intervention")]),
    "HINDERS": _rel([("Factor", "Program"), ("Factor", "Intervention")]),
    "CONCERNS": _rel([("Claim", _ANY)]),
    "CITES": _rel([(_ANY, "Source")]),
}

REL_TYPES: frozenset[str] = frozenset(REL_SPECS)

LOCATOR_KEYS = {"source", "section", "paragraph", "start", "end", "note"}


@dataclass(frozen=True)
class NodeKey:
    """A node's identity: label and id."""

    label: str
    id: str

    def __str__(self) -> str:
        return f"{self.label}:{self.id}"


@dataclass
class SchemaError:
    """A precise complaint about one record."""

    where: str  # "Actor:kepala_desa_mongpok" or "LEADS Actor:a -> Actor:b"
    field: str
    problem: str
    origin: str = ""  # file and row, filled in by loaders

    def __str__(self) -> str:
        prefix = f"{self.origin}: " if self.origin else ""
        return f"{prefix}{self.where}: field '{self.field}': {self.problem}"

    def as_dict(self) -> dict[str, str]:
        return {
            "origin": self.origin,
            "where": self.where,
            "field": self.field,
            "problem": self.problem,
        }


class SchemaViolation(ValueError):
    """Raised when a name outside the closed sets would reach a store or a query."""


def check_label(label: str) -> str:
    """Return ``label`` if it is one of the schema's labels, else raise."""
    if label not in LABELS:
        raise SchemaViolation(f"unknown node label {label!r}; known: {', '.join(sorted(LABELS))}")
    return label


def check_rel_type(rel_type: str) -> str:
    """Return ``rel_type`` if it is one of the schema's relationship types, else raise."""
    if rel_type not in REL_TYPES:
        raise SchemaViolation(
            f"unknown relationship type {rel_type!r}; known: {', '.join(sorted(REL_TYPES))}"
        )
    return rel_type


def parse_node_ref(ref: Any) -> NodeKey:
    """Turn ``"Label:id"`` or ``{"label":..., "id":...}`` into a :class:`NodeKey`."""
    if isinstance(ref, NodeKey):
        return ref
    if isinstance(ref, Mapping):
        return NodeKey(str(ref.get("label", "")), str(ref.get("id", "")))
    if isinstance(ref, str) and ":" in ref:
        label, _, node_id = ref.partition(":")
        return NodeKey(label.strip(), node_id.strip())
    raise ValueError(f"not a node reference (want 'Label:id'): {ref!r}")


def _is_date(value: Any) -> bool:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return True
    if not isinstance(value, str):
        return False
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            _dt.datetime.strptime(value, fmt)
            return True
        except ValueError:
            continue
    return False


def _type_problem(prop: Prop, value: Any) -> str | None:
    kind = prop.kind
    if kind == "any":
        return None
    ok = {
        "str": lambda v: isinstance(v, str) and v.strip() != "",
        "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "float": lambda v: isinstance(v, float),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "bool": lambda v: isinstance(v, bool),
        "date": _is_date,
        "list": lambda v: isinstance(v, list),
        "dict": lambda v: isinstance(v, dict),
        "locators": lambda v: isinstance(v, list),
    }[kind]
    if not ok(value):
        return f"expected {kind}, got {type(value).__name__} {value!r}"
    if prop.choices is not None and value not in prop.choices:
        return f"{value!r} is not one of: {', '.join(prop.choices)}"
    return None


def validate_locator(loc: Any, where: str, index: int) -> list[SchemaError]:
    """Check the shape of one evidence locator (not whether it resolves)."""
    fld = f"evidence[{index}]"
    if not isinstance(loc, Mapping):
        return [SchemaError(where, fld, f"a locator is a mapping, got {loc!r}")]
    errors = []
    for key in ("source", "section", "paragraph"):
        if key not in loc:
            errors.append(SchemaError(where, f"{fld}.{key}", "missing"))
    unknown = set(loc) - LOCATOR_KEYS
    if unknown:
        errors.append(SchemaError(where, fld, f"unknown keys: {', '.join(sorted(unknown))}"))
    para = loc.get("paragraph")
    if "paragraph" in loc and (not isinstance(para, int) or isinstance(para, bool) or para < 1):
        errors.append(SchemaError(where, f"{fld}.paragraph", f"a number from 1, got {para!r}"))
    for key in ("start", "end"):
        val = loc.get(key)
        if val is not None and (not isinstance(val, int) or val < 0):
            errors.append(SchemaError(where, f"{fld}.{key}", f"a character offset, got {val!r}"))
    start, end = loc.get("start"), loc.get("end")
    if isinstance(start, int) and isinstance(end, int) and end <= start:
        errors.append(SchemaError(where, f"{fld}.end", "must be after start"))
    return errors


def _validate_props(
    props: Mapping[str, Any], spec: Mapping[str, Prop], where: str
) -> list[SchemaError]:
    errors: list[SchemaError] = []
    for name, prop in spec.items():
        if prop.required and props.get(name) in (None, "", []):
            errors.append(SchemaError(where, name, "required but missing"))
    for name, value in props.items():
        if name not in spec:
            errors.append(SchemaError(where, name, "not a property of this label or type"))
            continue
        if value is None:
            continue
        problem = _type_problem(spec[name], value)
        if problem:
            errors.append(SchemaError(where, name, problem))
        elif spec[name].kind == "locators":
            for i, loc in enumerate(value):
                errors.extend(validate_locator(loc, where, i))
    return errors


def validate_node(record: Mapping[str, Any], *, extra_ok: bool = False) -> list[SchemaError]:
    """Validate a node record.

    ``extra_ok`` accepts properties the schema does not know (imports keep them).

    >>> validate_node({"label": "Actor", "id": "x", "name": "X"})[0].field
    'evidence'
    """
    label = record.get("label")
    node_id = record.get("id")
    where = f"{label}:{node_id}"
    if label not in LABELS:
        return [SchemaError(where, "label", f"unknown label; known: {', '.join(sorted(LABELS))}")]
    spec = dict(NODE_SPECS[label])
    props = {k: v for k, v in record.items() if k != "label"}
    if extra_ok:
        spec.update({k: Prop("any") for k in props if k not in spec})
    errors = _validate_props(props, spec, where)
    if isinstance(node_id, str) and not ID_PATTERN.match(node_id):
        errors.append(
            SchemaError(where, "id", "use lower-case letters, digits, '_', '-', '.' only")
        )
    return errors


def validate_relationship(
    record: Mapping[str, Any], *, extra_ok: bool = False
) -> list[SchemaError]:
    """Validate a relationship record (its shape and end labels, not whether the ends exist)."""
    rel_type = record.get("type")
    try:
        start = parse_node_ref(record.get("start"))
        end = parse_node_ref(record.get("end"))
    except ValueError as exc:
        return [SchemaError(f"{rel_type}", "start/end", str(exc))]
    where = f"{rel_type} {start} -> {end}"
    if rel_type not in REL_TYPES:
        known = ", ".join(sorted(REL_TYPES))
        return [SchemaError(where, "type", f"unknown relationship type; known: {known}")]
    ends, spec = REL_SPECS[rel_type]
    errors: list[SchemaError] = []
    for side, key in (("start", start), ("end", end)):
        if key.label not in LABELS:
            errors.append(SchemaError(where, side, f"unknown label {key.label!r}"))
    pair_ok = any((a in (_ANY, start.label)) and (b in (_ANY, end.label)) for a, b in ends)
    if not errors and not pair_ok:
        allowed = ", ".join(f"{a}->{b}" for a, b in sorted(ends))
        errors.append(
            SchemaError(
                where, "type", f"{start.label}->{end.label} not allowed; allowed: {allowed}"
            )
        )
    props = {k: v for k, v in record.items() if k not in ("type", "start", "end")}
    spec = dict(spec)
    if extra_ok:
        spec.update({k: Prop("any") for k in props if k not in spec})
    errors.extend(_validate_props(props, spec, where))
    return errors
