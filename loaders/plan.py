"""Drafts planned against the store: what an import would add, update or leave unchanged.

:func:`plan_import` ``(drafts, store, match_names) -> ImportPreview`` reads the store once
(its nodes, then its relationships) and, in named steps: finds duplicate ids in the file,
name matches with stored nodes (merged only once confirmed), names shared inside the file,
resolves every connection's ends (``Label:id``, an id or a name; in the file or in the
store), checks each relationship against the schema, finds duplicate connections and
``PART_OF`` cycles, then merges each record with the stored one: its non-empty cells replace
the stored values, blank cells leave them alone, ``evidence`` and ``aliases`` are added to
(never removed). Nothing is written here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Mapping
from typing import Any

from graph.schema import LABELS
from graph.store import GraphStore
from loaders.drafts import Drafts, NodeDraft, RelDraft, check_relationship
from loaders.import_records import ERROR, WARNING, ImportProblem
from loaders.import_report import Change, ImportPreview, ImportReport, NameMatch

__all__ = ["HIERARCHIES", "plan_import"]

HIERARCHIES = ("PART_OF",)  # relationship types that must never form a cycle

MatchNames = bool | Collection[tuple[str, str]]
RelIdent = tuple[str, str, str]  # (type, start key, end key)


def _norm_name(text: Any) -> str:
    return re.sub(r"\s+", " ", str(text).strip().casefold())


def _origin(row: Any) -> str:
    parts = [row.file]
    if row.sheet:
        parts.append(f"sheet {row.sheet}")
    parts.append(f"row {row.row}")
    return ", ".join(parts)


def _at(draft: NodeDraft | RelDraft, column: str, message: str, severity: str, kind: str):
    """A problem located at the row of ``draft``, in the column behind ``column``."""
    row = draft.row
    return ImportProblem(row.file, row.sheet, row.row, column, message, severity, kind)


# -- merging ---------------------------------------------------------------------------------------
def _merge(
    existing: Mapping[str, Any], new: Mapping[str, Any], had_evidence: bool
) -> dict[str, Any]:
    merged = dict(existing)
    for key, value in new.items():
        if value is None:
            continue
        if key == "evidence":
            if not had_evidence:
                continue
            current = list(merged.get("evidence") or [])
            merged["evidence"] = current + [loc for loc in value if loc not in current]
        elif (
            key == "aliases" and isinstance(value, list) and isinstance(merged.get("aliases"), list)
        ):
            merged["aliases"] = merged["aliases"] + [a for a in value if a not in merged["aliases"]]
        else:
            merged[key] = value
    return merged


def _changed_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k)))


def _merge_one(
    name: str,
    existing: dict[str, Any] | None,
    record: dict[str, Any],
    draft: Any,
    changes: list[Change],
    out: list[dict[str, Any]],
) -> None:
    """Merge one record of the file with what the store holds under the same identity:
    note the change (added, updated with its fields, unchanged) and keep what to write."""
    if existing is None:
        changes.append(Change(name, "added", (), _origin(draft.row)))
        out.append(record)
        return
    merged = _merge(existing, record, draft.had_evidence)
    fields = _changed_fields(existing, merged)
    changes.append(Change(name, "updated" if fields else "unchanged", fields, _origin(draft.row)))
    if fields:
        out.append(merged)


# -- resolving the ends of connections -------------------------------------------------------------
class _Resolver:
    """Finds the node a connection's from/to cell means: ``Label:id``, an id, or a name."""

    def __init__(
        self,
        file_nodes: Mapping[str, NodeDraft],
        stored: Mapping[str, Mapping[str, Any]],
        remap: Mapping[str, str],
    ) -> None:
        self.keys = set(file_nodes) | set(stored)
        self.remap = remap
        self.broken: set[str] = set()  # ids and names of rows that have errors
        self.by_anchor: dict[str, set[str]] = defaultdict(set)
        self.by_id: dict[str, set[str]] = defaultdict(set)
        self.by_name_file: dict[str, set[str]] = defaultdict(set)
        self.by_name_store: dict[str, set[str]] = defaultdict(set)
        for key, draft in file_nodes.items():
            final = remap.get(key, key)
            if draft.row.anchor:
                self.by_anchor[draft.row.anchor].add(final)
            self.by_id[str(draft.record.get("id"))].add(final)
            if draft.given_id:
                self.by_id[draft.given_id].add(final)
            if draft.record.get("name"):
                self.by_name_file[_norm_name(draft.record["name"])].add(final)
        for key, node in stored.items():
            self.by_id[str(node.get("id"))].add(key)
            if node.get("name"):
                self.by_name_store[_norm_name(node["name"])].add(key)

    def mark_broken(self, drafts: Drafts) -> None:
        """Remember the ids and names of element rows with errors, so that a connection to
        one is told why it cannot be resolved."""
        for draft in drafts.nodes:
            if draft.ok:
                continue
            for value in (draft.record.get("id"), draft.given_id, draft.row.anchor):
                if value:
                    self.broken.add(str(value))
                    self.broken.add(f"{draft.record.get('label')}:{value}")
            if isinstance(draft.record.get("name"), str):
                self.broken.add(_norm_name(draft.record["name"]))

    def _labelled(self, ref: str, label: str, rest: str) -> tuple[str | None, str]:
        key = self.remap.get(ref, ref)
        if key in self.keys:
            return key, ""
        found = self.by_id.get(rest, set())
        same = {k for k in found if k.startswith(f"{label}:")}
        if len(same) == 1:
            return next(iter(same)), ""
        return None, f"links to {ref}, which is neither in the file nor in the store"

    def resolve(self, ref: str) -> tuple[str | None, str]:
        ref = ref.strip()
        label, sep, rest = ref.partition(":")
        if sep and label in LABELS:
            return self._labelled(ref, label, rest)
        for index, by_name in (
            (self.by_anchor, False),
            (self.by_id, False),
            (self.by_name_file, True),
            (self.by_name_store, True),
        ):
            found = index.get(_norm_name(ref) if by_name else ref)
            if not found:
                continue
            if len(found) == 1:
                return next(iter(found)), ""
            return (
                None,
                f"{ref!r} is ambiguous: it may mean {', '.join(sorted(found))}; write Label:id",
            )
        if ref in self.broken or _norm_name(ref) in self.broken:
            return None, f"links to {ref!r}, an element whose row has errors (see above)"
        return (
            None,
            f"links to {ref!r}, which is neither in the file nor in the store "
            "(no element has that id or name)",
        )


# -- the steps of a plan ---------------------------------------------------------------------------
def _stored_names(stored: Mapping[str, Mapping[str, Any]]) -> dict[tuple[str, str], set[str]]:
    """(label, name or alias as compared) -> keys of the stored nodes that have it."""
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key, node in stored.items():
        for name in [node.get("name"), *(node.get("aliases") or [])]:
            if isinstance(name, str) and name.strip():
                names[(node["label"], _norm_name(name))].add(key)
    return names


def _file_nodes(drafts: Drafts, report: ImportReport) -> dict[str, NodeDraft]:
    """The good element rows by key; a second row with the same key is an error."""
    file_nodes: dict[str, NodeDraft] = {}
    for draft in drafts.nodes:
        if not draft.ok:
            continue
        key = draft.key
        if key in file_nodes:
            first = _origin(file_nodes[key].row)
            report.problems.append(
                _at(
                    draft,
                    draft.columns.get("id", "id"),
                    f"duplicate id {key} (first at {first})",
                    ERROR,
                    "duplicate_id",
                )
            )
            continue
        file_nodes[key] = draft
    return file_nodes


def _confirmed(match_names: MatchNames, key: str, target: str) -> bool:
    return match_names is True or (
        not isinstance(match_names, bool) and (key, target) in set(match_names)
    )


def _name_matches(
    file_nodes: Mapping[str, NodeDraft],
    stored: Mapping[str, Mapping[str, Any]],
    match_names: MatchNames,
    report: ImportReport,
) -> dict[str, str]:
    """File key -> stored key for every confirmed name match; the others are warnings."""
    stored_names = _stored_names(stored)
    remap: dict[str, str] = {}
    for key, draft in file_nodes.items():
        if key in stored:
            continue
        label = draft.record["label"]
        found = stored_names.get((label, _norm_name(draft.record.get("name", ""))), set()) - {key}
        if len(found) != 1:
            continue
        target = next(iter(found))
        if target in file_nodes:
            continue  # the file has that node too: two records, not one
        confirmed = _confirmed(match_names, key, target)
        row = draft.row
        name = str(draft.record.get("name"))
        report.name_matches.append(
            NameMatch(key, target, name, row.file, row.sheet, row.row, confirmed)
        )
        if confirmed:
            remap[key] = target
            continue
        report.problems.append(
            _at(
                draft,
                draft.columns.get("name", "name"),
                f"{key} has the name of the stored {target}; imported as a new node unless "
                "the match is confirmed (--match-names)",
                WARNING,
                "name_match",
            )
        )
    return remap


def _names_in_file(file_nodes: Mapping[str, NodeDraft]) -> dict[tuple[str, str], set[str]]:
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key, draft in file_nodes.items():
        name = draft.record.get("name")
        if isinstance(name, str):
            out[(draft.record["label"], name.strip())].add(key)
    return out


def _duplicate_names(file_nodes: Mapping[str, NodeDraft], report: ImportReport) -> None:
    """A warning for each name that several rows of one label share."""
    for (label, name), keys in _names_in_file(file_nodes).items():
        if len(keys) <= 1:
            continue
        draft = file_nodes[sorted(keys)[1]]
        report.problems.append(
            _at(
                draft,
                draft.columns.get("name", "name"),
                f"{len(keys)} {label} rows share the name {name!r} ({', '.join(sorted(keys))})",
                WARNING,
                "duplicate_name",
            )
        )


def _ends(draft: RelDraft, resolver: _Resolver, report: ImportReport) -> list[str | None]:
    """The stored or file keys of a connection's two ends; None for an end not found."""
    ends: list[str | None] = []
    for side, ref in (("start", draft.start_ref), ("end", draft.end_ref)):
        if not ref:  # already reported as missing
            ends.append(None)
            continue
        key, message = resolver.resolve(ref)
        if key is None:
            column = draft.columns.get(side, "from" if side == "start" else "to")
            report.problems.append(_at(draft, column, message, ERROR, "missing_node"))
        ends.append(key)
    return ends


def _relationship_records(
    drafts: Drafts, resolver: _Resolver, report: ImportReport
) -> dict[RelIdent, tuple[dict[str, Any], RelDraft]]:
    """The connections whose ends resolve and which the schema accepts, once each."""
    records: dict[RelIdent, tuple[dict[str, Any], RelDraft]] = {}
    for draft in drafts.relationships:
        ends = _ends(draft, resolver, report)
        if None in ends or not draft.ok:
            continue
        record = {**draft.record, "start": ends[0], "end": ends[1]}
        schema = check_relationship(record, draft)
        if schema:
            report.problems.extend(schema)
            continue
        ident = (record["type"], ends[0], ends[1])
        if ident in records:
            first = _origin(records[ident][1].row)
            report.problems.append(
                _at(
                    draft,
                    draft.columns.get("type", "type"),
                    f"duplicate connection {ident[0]} {ident[1]} -> {ident[2]} (first at {first})",
                    ERROR,
                    "duplicate_connection",
                )
            )
            continue
        records[ident] = (record, draft)
    return records


def _cycle_through(graph: Any, component: set[str]) -> list[tuple[str, str]] | None:
    """A cycle inside one strongly connected component, None when it has none."""
    import networkx as nx

    if len(component) > 1:
        return nx.find_cycle(graph.subgraph(component))
    (node,) = component
    return [(node, node)] if graph.has_edge(node, node) else None


def _cycle_problem(
    rel_type: str, cycle: list[tuple[str, str]], from_file: Mapping[tuple[str, str], RelDraft]
) -> ImportProblem | None:
    """The error of a cycle, told from the row of the file that closes it; None when the
    cycle is already stored (not this import's doing)."""
    closing = [edge for edge in cycle if edge in from_file]
    if not closing:
        return None
    last = max(closing, key=lambda e: (from_file[e].row.file, from_file[e].row.row))
    draft = from_file[last]
    at = cycle.index(last)
    cycle = [*cycle[at:], *cycle[:at]]
    path = " -> ".join([cycle[0][0], *(e[1] for e in cycle)])
    return _at(
        draft,
        draft.columns.get("type", "type"),
        f"{rel_type} would make a cycle: {path} (a place or programme cannot be part of itself)",
        ERROR,
        "cycle",
    )


def _hierarchy_cycles(
    rel_records: Mapping[RelIdent, tuple[dict[str, Any], RelDraft]],
    stored_rels: Mapping[RelIdent, Mapping[str, Any]],
) -> list[ImportProblem]:
    """An error for each cycle that the file's PART_OF connections (with the stored ones)
    would make, located at a row of the file that closes it. Linear in the hierarchy's
    size: cycles are looked for only inside its strongly connected components."""
    import networkx as nx

    problems: list[ImportProblem] = []
    for rel_type in HIERARCHIES:
        from_file = {
            (ident[1], ident[2]): draft
            for ident, (_, draft) in rel_records.items()
            if ident[0] == rel_type
        }
        if not from_file:
            continue
        graph = nx.DiGraph()
        graph.add_edges_from((s, e) for (t, s, e) in stored_rels if t == rel_type)
        graph.add_edges_from(from_file)
        for component in nx.strongly_connected_components(graph):
            cycle = _cycle_through(graph, component)
            problem = _cycle_problem(rel_type, cycle, from_file) if cycle else None
            if problem is not None:
                problems.append(problem)
    return problems


def _merge_nodes(
    file_nodes: Mapping[str, NodeDraft],
    remap: Mapping[str, str],
    stored: Mapping[str, dict[str, Any]],
    report: ImportReport,
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for key, draft in file_nodes.items():
        target = remap.get(key, key)
        record = dict(draft.record)
        if target != key:
            record["id"] = stored[target]["id"]
        _merge_one(target, stored.get(target), record, draft, report.nodes, out)
    return out


def _merge_relationships(
    rel_records: Mapping[RelIdent, tuple[dict[str, Any], RelDraft]],
    stored_rels: Mapping[RelIdent, dict[str, Any]],
    report: ImportReport,
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for ident, (record, draft) in rel_records.items():
        label = f"{ident[0]} {ident[1]} -> {ident[2]}"
        _merge_one(label, stored_rels.get(ident), record, draft, report.relationships, out)
    return out


def _without_evidence(drafts: Drafts, report: ImportReport) -> None:
    """One warning per sheet for the good rows that cite no evidence."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for draft in [*drafts.nodes, *drafts.relationships]:
        if draft.ok and not draft.had_evidence:
            counts[(draft.row.file, draft.row.sheet)] += 1
    for (file, sheet), n in sorted(counts.items()):
        report.problems.append(
            ImportProblem(
                file,
                sheet,
                None,
                "evidence",
                f"{n} row(s) without evidence: a new record gets a locator pointing at its own "
                "row of this file",
                WARNING,
                "without_evidence",
            )
        )


# -- the stage -------------------------------------------------------------------------------------
def plan_import(drafts: Drafts, store: GraphStore, match_names: MatchNames) -> ImportPreview:
    """The report of an import of ``drafts`` into ``store`` as it is now, and the records it
    would write (only added or changed ones). Problems are sorted: errors first, then by
    file, sheet, row and column."""
    report = ImportReport(problems=list(drafts.problems), backend=getattr(store, "backend", ""))
    stored = {f"{n['label']}:{n['id']}": n for n in store.nodes()}
    file_nodes = _file_nodes(drafts, report)
    remap = _name_matches(file_nodes, stored, match_names, report)
    _duplicate_names(file_nodes, report)
    resolver = _Resolver(file_nodes, stored, remap)
    resolver.mark_broken(drafts)
    rel_records = _relationship_records(drafts, resolver, report)
    stored_rels = {(r["type"], r["start"], r["end"]): r for r in store.relationships()}
    report.problems.extend(_hierarchy_cycles(rel_records, stored_rels))
    nodes_out = _merge_nodes(file_nodes, remap, stored, report)
    rels_out = _merge_relationships(rel_records, stored_rels, report)
    _without_evidence(drafts, report)
    report.problems.sort(key=lambda p: (p.severity != ERROR, p.file, p.sheet, p.row or 0, p.column))
    return ImportPreview(report, nodes_out, rels_out)
