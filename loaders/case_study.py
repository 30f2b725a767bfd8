"""Read the curated case-study dataset (data/case_study/*.yaml) into validated records.

The file format is described in docs/DATASET_FORMAT.md. Reading never writes; loading
validates everything first and writes nothing when any record is wrong, so a store is
never left half-loaded by bad data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from graph.evidence import LocatorProblem, mentions_any, resolve_locator
from graph.schema import (
    NodeKey,
    SchemaError,
    parse_node_ref,
    validate_node,
    validate_relationship,
)
from graph.store import GraphStore

__all__ = [
    "Dataset",
    "Problem",
    "DatasetError",
    "read_dataset",
    "check_dataset",
    "load_case_study",
]

# shorthand key -> (relationship type, end label, node is the start)
SHORTHANDS: dict[str, dict[str, tuple[str, str | None]]] = {
    "Observation": {"indicator": ("OBSERVED_FOR", "Indicator"), "place": ("OBSERVED_IN", "Place")},
    "Intervention": {"targets": ("TARGETS", "TargetGroup"), "program": ("PART_OF", "Program")},
    "Place": {"part_of": ("PART_OF", "Place")},
    "Claim": {"concerns": ("CONCERNS", None)},
}
_LINE = "__line__"


@dataclass
class Problem:
    """One thing wrong with the dataset, with where it was found."""

    kind: str  # schema | unresolved_locator | not_mentioned | without_evidence | reference
    origin: str  # "actors.yaml:12"
    subject: str  # "Actor:kepala_desa_mongpok" or "LEADS Actor:a -> Actor:b"
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.subject}: {self.field}: {self.message}"

    def as_dict(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "origin": self.origin,
            "subject": self.subject,
            "field": self.field,
            "message": self.message,
        }


class DatasetError(ValueError):
    """The dataset has problems; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} problem(s) in the dataset:\n{shown}{more}")


@dataclass
class Dataset:
    """Node and relationship records with the file and line each came from."""

    nodes: list[dict[str, Any]] = field(default_factory=list)
    relationships: list[dict[str, Any]] = field(default_factory=list)
    origins: dict[int, str] = field(default_factory=dict)  # id(record) -> "file:line"
    problems: list[Problem] = field(default_factory=list)  # found while reading

    def origin(self, record: Mapping[str, Any]) -> str:
        return self.origins.get(id(record), "?")


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line of every mapping."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[_LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _plain(value: Any) -> Any:
    """Drop line markers and turn dates into ISO strings, recursively."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != _LINE}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def read_dataset(data_dir: Path | str) -> Dataset:
    """Read every ``*.yaml`` file of ``data_dir`` (sorted by name) into one Dataset."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise FileNotFoundError(f"dataset folder not found: {data_dir}")
    dataset = Dataset()
    for path in sorted(data_dir.glob("*.yaml")):
        _read_file(path, dataset)
    return dataset


def _read_file(path: Path, dataset: Dataset) -> None:
    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path.name}:{mark.line + 1}" if mark else path.name
        dataset.problems.append(Problem("schema", where, path.name, "yaml", str(exc)))
        return
    if not isinstance(doc, dict):
        dataset.problems.append(Problem("schema", path.name, path.name, "-", "not a mapping"))
        return
    default_label = doc.get("label")
    default_source = doc.get("source", "mongpok_case_study")
    for raw in doc.get("nodes") or []:
        origin = f"{path.name}:{raw.get(_LINE, '?')}" if isinstance(raw, dict) else path.name
        if not isinstance(raw, dict):
            dataset.problems.append(Problem("schema", origin, "?", "-", f"not a mapping: {raw!r}"))
            continue
        node, links = _expand_node(raw, default_label, default_source)
        _add(dataset, dataset.nodes, node, origin)
        for link in links:
            _add(dataset, dataset.relationships, link, origin)
    for raw in doc.get("relationships") or []:
        origin = f"{path.name}:{raw.get(_LINE, '?')}" if isinstance(raw, dict) else path.name
        if not isinstance(raw, dict):
            dataset.problems.append(Problem("schema", origin, "?", "-", f"not a mapping: {raw!r}"))
            continue
        rel = _plain(raw)
        rel["evidence"] = _default_source(rel.get("evidence"), default_source)
        _add(dataset, dataset.relationships, rel, origin)


def _add(dataset: Dataset, into: list[dict[str, Any]], record: dict[str, Any], origin: str) -> None:
    into.append(record)
    dataset.origins[id(record)] = origin


def _default_source(evidence: Any, source: str) -> Any:
    if not isinstance(evidence, list):
        return evidence
    return [
        {"source": source, **loc} if isinstance(loc, dict) and "source" not in loc else loc
        for loc in evidence
    ]


def _expand_node(
    raw: Mapping[str, Any], default_label: str | None, default_source: str
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    node = _plain(raw)
    node.setdefault("label", default_label)
    node["evidence"] = _default_source(node.get("evidence"), default_source)
    links = []
    for key, (rel_type, end_label) in SHORTHANDS.get(node["label"], {}).items():
        targets = node.pop(key, None)
        for target in targets if isinstance(targets, list) else ([targets] if targets else []):
            end = f"{end_label}:{target}" if end_label else str(target)
            links.append(
                {
                    "type": rel_type,
                    "start": f"{node['label']}:{node.get('id')}",
                    "end": end,
                    "evidence": node.get("evidence"),
                }
            )
    return node, links


def check_dataset(
    dataset: Dataset, sources_dir: Path | str, *, resolve: bool = True
) -> list[Problem]:
    """Every problem of the dataset: schema, duplicates, dangling ends, locators, mentions."""
    problems = list(dataset.problems)
    nodes_by_key = _index_nodes(dataset, problems)
    _check_relationships(dataset, nodes_by_key, problems)
    if resolve:
        sources = {n["id"]: n for n in dataset.nodes if n.get("label") == "Source" and "id" in n}
        _check_evidence(dataset, nodes_by_key, sources, Path(sources_dir), problems)
    return problems


def _schema_problems(errors: Iterable[SchemaError], origin: str) -> list[Problem]:
    out = []
    for err in errors:
        kind = "without_evidence" if err.field == "evidence" else "schema"
        out.append(Problem(kind, origin, err.where, err.field, err.problem))
    return out


def _index_nodes(dataset: Dataset, problems: list[Problem]) -> dict[NodeKey, dict[str, Any]]:
    by_key: dict[NodeKey, dict[str, Any]] = {}
    for node in dataset.nodes:
        origin = dataset.origin(node)
        problems.extend(_schema_problems(validate_node(node), origin))
        key = NodeKey(str(node.get("label")), str(node.get("id")))
        if key in by_key:
            first = dataset.origin(by_key[key])
            problems.append(
                Problem("schema", origin, str(key), "id", f"duplicate id (first at {first})")
            )
            continue
        by_key[key] = node
    return by_key


def _check_relationships(
    dataset: Dataset, nodes: Mapping[NodeKey, Any], problems: list[Problem]
) -> None:
    seen: dict[tuple[str, NodeKey, NodeKey], str] = {}
    for rel in dataset.relationships:
        origin = dataset.origin(rel)
        errors = validate_relationship(rel)
        problems.extend(_schema_problems(errors, origin))
        try:
            start, end = parse_node_ref(rel.get("start")), parse_node_ref(rel.get("end"))
        except ValueError:
            continue
        subject = f"{rel.get('type')} {start} -> {end}"
        for side, key in (("start", start), ("end", end)):
            if key not in nodes:
                problems.append(Problem("reference", origin, subject, side, f"no node {key}"))
        ident = (str(rel.get("type")), start, end)
        if ident in seen:
            problems.append(
                Problem(
                    "schema",
                    origin,
                    subject,
                    "type",
                    f"duplicate relationship (first at {seen[ident]})",
                )
            )
        seen.setdefault(ident, origin)


def node_terms(node: Mapping[str, Any]) -> list[str]:
    """The words a passage may use for a node: names, aliases, the value as printed."""
    terms = [node.get("name"), node.get("name_en"), node.get("value_text")]
    terms.extend(node.get("aliases") or [])
    return [str(t) for t in terms if t]


def _check_evidence(
    dataset: Dataset,
    nodes: Mapping[NodeKey, Mapping[str, Any]],
    sources: Mapping[str, Mapping[str, Any]],
    sources_dir: Path,
    problems: list[Problem],
) -> None:
    for node in dataset.nodes:
        subject = f"{node.get('label')}:{node.get('id')}"
        for i, loc in enumerate(_locators(node)):
            passage = _resolve(
                loc, sources, sources_dir, dataset.origin(node), subject, i, problems
            )
            if passage is not None and not mentions_any(passage, node_terms(node)):
                problems.append(
                    Problem(
                        "not_mentioned",
                        dataset.origin(node),
                        subject,
                        f"evidence[{i}]",
                        f"passage {_where(loc)} mentions none of: {', '.join(node_terms(node))}",
                    )
                )
    for rel in dataset.relationships:
        _check_rel_evidence(dataset, rel, nodes, sources, sources_dir, problems)


def _check_rel_evidence(
    dataset: Dataset,
    rel: Mapping[str, Any],
    nodes: Mapping[NodeKey, Mapping[str, Any]],
    sources: Mapping[str, Mapping[str, Any]],
    sources_dir: Path,
    problems: list[Problem],
) -> None:
    try:
        ends = [parse_node_ref(rel.get("start")), parse_node_ref(rel.get("end"))]
    except ValueError:
        return
    if any(e not in nodes for e in ends):
        return
    origin = dataset.origin(rel)
    subject = f"{rel.get('type')} {ends[0]} -> {ends[1]}"
    mentioned = [False, False]
    for i, loc in enumerate(_locators(rel)):
        passage = _resolve(loc, sources, sources_dir, origin, subject, i, problems)
        if passage is None:
            mentioned = [True, True]  # already reported as unresolved
            continue
        hits = [bool(mentions_any(passage, node_terms(nodes[e]))) for e in ends]
        if not any(hits):
            problems.append(
                Problem(
                    "not_mentioned",
                    origin,
                    subject,
                    f"evidence[{i}]",
                    f"passage {_where(loc)} mentions neither end",
                )
            )
        mentioned = [m or h for m, h in zip(mentioned, hits, strict=True)]
    for side, end, ok in zip(("start", "end"), ends, mentioned, strict=True):
        if _locators(rel) and not ok:
            problems.append(
                Problem(
                    "not_mentioned",
                    origin,
                    subject,
                    "evidence",
                    f"no locator mentions the {side} {end} (terms: {', '.join(node_terms(nodes[end]))})",
                )
            )


def _locators(record: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    evidence = record.get("evidence")
    if not isinstance(evidence, list):
        return []
    return [loc for loc in evidence if isinstance(loc, Mapping)]


def _where(loc: Mapping[str, Any]) -> str:
    return f"{loc.get('source')} / {loc.get('section')} / paragraph {loc.get('paragraph')}"


def _resolve(
    loc: Mapping[str, Any],
    sources: Mapping[str, Mapping[str, Any]],
    sources_dir: Path,
    origin: str,
    subject: str,
    index: int,
    problems: list[Problem],
) -> str | None:
    try:
        return resolve_locator(loc, sources, sources_dir)
    except (LocatorProblem, ValueError, TypeError) as exc:
        problems.append(
            Problem("unresolved_locator", origin, subject, f"evidence[{index}]", str(exc))
        )
        return None


def load_case_study(
    store: GraphStore,
    data_dir: Path | str,
    sources_dir: Path | str,
    *,
    batch_size: int = 500,
    check_locators: bool = True,
) -> dict[str, int]:
    """Validate the dataset, then write it to ``store``; raise DatasetError and write
    nothing when anything is wrong. Returns how many nodes and relationships were written."""
    dataset = read_dataset(data_dir)
    problems = check_dataset(dataset, sources_dir, resolve=check_locators)
    if problems:
        raise DatasetError(problems)
    n_nodes = store.upsert_nodes(dataset.nodes, batch_size=batch_size)
    n_rels = store.upsert_relationships(dataset.relationships, batch_size=batch_size)
    return {"nodes": n_nodes, "relationships": n_rels}
