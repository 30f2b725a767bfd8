"""Import files into a store: read, validate everything, merge with what is stored, write once.

API (the CLI's ``import`` and the app's Data page both use it)::

    from loaders.importer import preview_import, apply_import

    files = [("contoh.xlsx", data)]                 # (file name, bytes); several files at once
    preview = preview_import(files, store)           # reads and plans; writes nothing
    preview.report.ok                                # False when any problem is an error
    preview.report.problems                          # ImportProblem(file, sheet, row, column, ...)
    preview.report.name_matches                      # rows whose name matches a stored node
    report = apply_import(files, store, match_names={("Actor:kades", "Actor:kepala_desa")})
    report.applied, report.added, report.updated, report.unchanged
    report.text()  /  report.as_dict()               # for printing / JSON

``files`` may hold: one XLSX workbook (an elements sheet and a connections sheet); one or two
CSV files (elements and/or connections, told apart by their columns); a zip of CSVs (what the
CSV export writes); a GraphML, GEXF or JSON node-link file. ``match_names`` confirms merges by
name: ``True`` for every match the preview lists, or a set of ``(file key, stored key)`` pairs.

``apply_import`` plans again against the store as it is at that moment and then writes every
added or changed node and relationship with one ``store.apply`` call, which is all-or-nothing on
both backends. Nothing is written when any problem is an error, and records that would not
change are not written at all, so importing the same file twice changes nothing the second time.

Merge rules: a file record is the stored one when it has the same label and id (or, once
confirmed, the same label and name); its non-empty cells replace the stored values, blank cells
leave them alone, ``evidence`` and ``aliases`` are added to (never removed). Rows without
evidence get a locator pointing at their own row of the file (``source`` = file name,
``section`` = sheet, ``paragraph`` = row) when they are new, and nothing when they update.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.schema import LABELS
from graph.store import GraphStore
from loaders import interchange, safety, tabular
from loaders.import_records import ERROR, WARNING, ImportProblem, Parsed
from loaders.tabular import Drafts, NodeDraft, RelDraft

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "ImportReport",
    "ImportPreview",
    "NameMatch",
    "Change",
    "detect_format",
    "read_files",
    "preview_import",
    "apply_import",
    "import_paths",
]

FORMATS = safety.FORMATS
MAX_BYTES = safety.Limits().max_bytes  # the default of JEJARING_IMPORT_MAX_BYTES
_EXTENSIONS = safety.ACCEPTED_EXTENSIONS


@dataclass(frozen=True)
class NameMatch:
    """A file record whose name is the name (or an alias) of a stored node with another id."""

    file_key: str
    stored_key: str
    name: str
    file: str
    sheet: str
    row: int | None
    confirmed: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "file_key": self.file_key,
            "stored_key": self.stored_key,
            "name": self.name,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "confirmed": self.confirmed,
        }


@dataclass(frozen=True)
class Change:
    """What the import does to one node or relationship."""

    key: str  # "Actor:x" or "LEADS Actor:a -> Actor:b"
    status: str  # added | updated | unchanged
    fields: tuple[str, ...] = ()  # for updated: the properties that change
    origin: str = ""  # "file, sheet S, row R"

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "status": self.status,
            "fields": list(self.fields),
            "origin": self.origin,
        }


@dataclass
class ImportReport:
    """Everything an import found and did. ``applied`` is True once the store was written."""

    files: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    nodes: list[Change] = field(default_factory=list)
    relationships: list[Change] = field(default_factory=list)
    name_matches: list[NameMatch] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    applied: bool = False
    written: int = 0
    seconds: float = 0.0
    backend: str = ""

    @property
    def errors(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def _of(self, status: str) -> list[Change]:
        return [c for c in self.nodes + self.relationships if c.status == status]

    @property
    def added(self) -> list[Change]:
        return self._of("added")

    @property
    def updated(self) -> list[Change]:
        return self._of("updated")

    @property
    def unchanged(self) -> list[Change]:
        return self._of("unchanged")

    def summary(self) -> dict[str, dict[str, int]]:
        out = {}
        for part, changes in (("nodes", self.nodes), ("relationships", self.relationships)):
            out[part] = {
                s: sum(1 for c in changes if c.status == s)
                for s in ("added", "updated", "unchanged")
            }
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "formats": self.formats,
            "backend": self.backend,
            "ok": self.ok,
            "applied": self.applied,
            "written": self.written,
            "seconds": round(self.seconds, 3),
            "rows": self.rows,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "problems": [p.as_dict() for p in self.problems],
            "summary": self.summary(),
            "nodes": [c.as_dict() for c in self.nodes],
            "relationships": [c.as_dict() for c in self.relationships],
            "name_matches": [m.as_dict() for m in self.name_matches],
        }

    def text(self, *, dry_run: bool = False, limit: int = 200) -> str:
        lines = [
            f"import of {', '.join(self.files)} ({', '.join(dict.fromkeys(self.formats))}): "
            f"{self.rows.get('elements', 0)} element rows, {self.rows.get('connections', 0)} "
            "connection rows read"
        ]
        lines.append(f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)")
        for p in self.problems[:limit]:
            lines.append(f"  {p}")
        if len(self.problems) > limit:
            lines.append(f"  ... and {len(self.problems) - limit} more")
        for m in self.name_matches:
            state = "merged into" if m.confirmed else "has the name of"
            lines.append(
                f"  name match: {m.file_key} ({m.file}, row {m.row}) {state} stored {m.stored_key} "
                f"({m.name!r})" + ("" if m.confirmed else "; --match-names merges them")
            )
        for part, counts in self.summary().items():
            lines.append(
                f"{part}: {counts['added']} added, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged"
            )
        for change in (self.added + self.updated)[:limit]:
            extra = f": {', '.join(change.fields)}" if change.fields else ""
            lines.append(f"  {change.status} {change.key}{extra}")
        if self.applied:
            lines.append(
                f"written: {self.written} records in one all-or-nothing write ({self.backend})"
            )
        elif dry_run:
            lines.append("dry run: nothing was written")
        elif not self.ok:
            lines.append("nothing was written: fix the errors above and import again")
        else:
            lines.append("nothing to write: the store already holds all of it")
        return "\n".join(lines)


@dataclass
class ImportPreview:
    """The report of a planned import and the records it would write."""

    report: ImportReport
    nodes: list[dict[str, Any]]
    relationships: list[dict[str, Any]]


# -- reading ---------------------------------------------------------------------------------------
def detect_format(file_name: str, data: bytes) -> str | None:
    """``csv``, ``xlsx``, ``zip``, ``graphml``, ``gexf`` or ``json`` from the name, else the bytes."""
    suffix = Path(file_name).suffix.lower()
    if suffix in _EXTENSIONS:
        fmt = _EXTENSIONS[suffix]
        if fmt == "zip" or fmt == "xlsx":
            return fmt if data[:2] == b"PK" else None
        return fmt
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data[:2] == b"PK":
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return None
        return "xlsx" if "[Content_Types].xml" in names else "zip"
    if head.startswith((b"{", b"[")):
        return "json"
    if b"<graphml" in head:
        return "graphml"
    if b"<gexf" in head:
        return "gexf"
    if suffix == ".xml":
        return None
    return "csv"


def _read_zip(data: bytes, file: str, lim: safety.Limits | None = None) -> Parsed:
    """Rows of the CSV members of a zip, read in memory (never extracted to disk) once
    :func:`loaders.safety.check_archive` has bounded what they unpack to."""
    lim = lim or safety.limits()
    parsed = Parsed(files=[file], formats=["zip"])
    try:
        safety.check_archive(data, file, "a zip of CSV files", lim)
        archive = zipfile.ZipFile(io.BytesIO(data))
    except safety.UploadRefused as exc:
        parsed.problems.append(exc.problem())
        return parsed
    members = [
        i for i in archive.infolist() if not i.is_dir() and i.filename.lower().endswith(".csv")
    ]
    if not members:
        parsed.problems.append(
            ImportProblem(file, "", None, "", "the zip holds no .csv file", ERROR, "format")
        )
    for info in members:
        if info.file_size > lim.max_bytes:
            parsed.problems.append(
                ImportProblem(
                    file,
                    info.filename,
                    None,
                    "",
                    f"a member larger than {lim.max_bytes:,} bytes (JEJARING_IMPORT_MAX_BYTES)",
                    ERROR,
                    "too_large",
                )
            )
            return parsed
        try:
            with archive.open(info) as fh:
                body = fh.read(lim.max_bytes + 1)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error) as exc:
            parsed.problems.append(
                ImportProblem(
                    file, info.filename, None, "", f"a damaged member: {exc}", ERROR, "format"
                )
            )
            return parsed
        inner = tabular.read_csv(body, f"{file}/{info.filename}", limits=lim)
        parsed.elements.extend(inner.elements)
        parsed.connections.extend(inner.connections)
        parsed.problems.extend(inner.problems)
    return parsed


def read_files(files: Sequence[tuple[str, bytes]]) -> Parsed:
    """Rows of every file, and the problems of reading them (never raises on bad content)."""
    parsed = Parsed()
    lim = safety.limits()
    for name, data in files:
        try:
            fmt = safety.inspect(name, data, lim)
        except safety.UploadRefused as exc:
            parsed.files.append(name)
            parsed.problems.append(exc.problem())
            continue
        if fmt == "csv":
            part = tabular.read_csv(data, name, limits=lim)
        elif fmt == "xlsx":
            part = tabular.read_xlsx(data, name)
        elif fmt == "zip":
            part = _read_zip(data, name, lim)
        else:
            part = interchange.read_interchange(data, name, fmt)
        parsed.extend(part)
    if (
        not parsed.elements
        and not parsed.connections
        and not any(p.severity == ERROR for p in parsed.problems)
    ):
        parsed.problems.append(
            ImportProblem(
                ", ".join(parsed.files),
                "",
                None,
                "",
                "no elements and no connections found",
                ERROR,
                "layout",
            )
        )
    return parsed


# -- planning --------------------------------------------------------------------------------------
def _norm_name(text: Any) -> str:
    return re.sub(r"\s+", " ", str(text).strip().casefold())


def _origin(row: Any) -> str:
    parts = [row.file]
    if row.sheet:
        parts.append(f"sheet {row.sheet}")
    parts.append(f"row {row.row}")
    return ", ".join(parts)


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

    def resolve(self, ref: str) -> tuple[str | None, str]:
        ref = ref.strip()
        label, sep, rest = ref.partition(":")
        if sep and label in LABELS:
            key = self.remap.get(ref, ref)
            if key in self.keys:
                return key, ""
            found = self.by_id.get(rest, set())
            same = {k for k in found if k.startswith(f"{label}:")}
            if len(same) == 1:
                return next(iter(same)), ""
            return None, f"links to {ref}, which is neither in the file nor in the store"
        for index in (self.by_anchor, self.by_id, self.by_name_file, self.by_name_store):
            found = index.get(
                ref
                if index is not self.by_name_file and index is not self.by_name_store
                else _norm_name(ref)
            )
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


def _plan(
    drafts: Drafts, store: GraphStore, match_names: bool | Collection[tuple[str, str]]
) -> ImportPreview:
    report = ImportReport(problems=list(drafts.problems), backend=getattr(store, "backend", ""))
    stored = {f"{n['label']}:{n['id']}": n for n in store.nodes()}
    stored_names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key, node in stored.items():
        for name in [node.get("name"), *(node.get("aliases") or [])]:
            if isinstance(name, str) and name.strip():
                stored_names[(node["label"], _norm_name(name))].add(key)
    # nodes of the file: duplicates, then name matches
    file_nodes: dict[str, NodeDraft] = {}
    first_row: dict[str, Any] = {}
    for draft in drafts.nodes:
        if not draft.ok:
            continue
        key = draft.key
        if key in file_nodes:
            report.problems.append(
                ImportProblem(
                    draft.row.file,
                    draft.row.sheet,
                    draft.row.row,
                    draft.columns.get("id", "id"),
                    f"duplicate id {key} (first at {_origin(first_row[key])})",
                    ERROR,
                    "duplicate_id",
                )
            )
            continue
        file_nodes[key] = draft
        first_row[key] = draft.row
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
        confirmed = match_names is True or (
            not isinstance(match_names, bool) and (key, target) in set(match_names)
        )
        report.name_matches.append(
            NameMatch(
                key,
                target,
                str(draft.record.get("name")),
                draft.row.file,
                draft.row.sheet,
                draft.row.row,
                confirmed,
            )
        )
        if confirmed:
            remap[key] = target
        else:
            report.problems.append(
                ImportProblem(
                    draft.row.file,
                    draft.row.sheet,
                    draft.row.row,
                    draft.columns.get("name", "name"),
                    f"{key} has the name of the stored {target}; imported as a new node unless "
                    "the match is confirmed (--match-names)",
                    WARNING,
                    "name_match",
                )
            )
    for (label, name), keys in _names_in_file(file_nodes).items():
        if len(keys) > 1:
            draft = file_nodes[sorted(keys)[1]]
            report.problems.append(
                ImportProblem(
                    draft.row.file,
                    draft.row.sheet,
                    draft.row.row,
                    draft.columns.get("name", "name"),
                    f"{len(keys)} {label} rows share the name {name!r} ({', '.join(sorted(keys))})",
                    WARNING,
                    "duplicate_name",
                )
            )
    # relationships: resolve ends, check the schema, find duplicates
    resolver = _Resolver(file_nodes, stored, remap)
    for draft in drafts.nodes:
        if not draft.ok:
            for value in (draft.record.get("id"), draft.given_id, draft.row.anchor):
                if value:
                    resolver.broken.add(str(value))
                    resolver.broken.add(f"{draft.record.get('label')}:{value}")
            if isinstance(draft.record.get("name"), str):
                resolver.broken.add(_norm_name(draft.record["name"]))
    rel_records: dict[tuple[str, str, str], tuple[dict[str, Any], RelDraft]] = {}
    for draft in drafts.relationships:
        ends = []
        for side, ref in (("start", draft.start_ref), ("end", draft.end_ref)):
            if not ref:  # already reported as missing
                ends.append(None)
                continue
            key, message = resolver.resolve(ref)
            if key is None:
                report.problems.append(
                    ImportProblem(
                        draft.row.file,
                        draft.row.sheet,
                        draft.row.row,
                        draft.columns.get(side, "from" if side == "start" else "to"),
                        message,
                        ERROR,
                        "missing_node",
                    )
                )
            ends.append(key)
        if None in ends or not draft.ok:
            continue
        record = {**draft.record, "start": ends[0], "end": ends[1]}
        schema = tabular.check_relationship(record, draft)
        if schema:
            report.problems.extend(schema)
            continue
        ident = (record["type"], ends[0], ends[1])
        if ident in rel_records:
            first = rel_records[ident][1].row
            report.problems.append(
                ImportProblem(
                    draft.row.file,
                    draft.row.sheet,
                    draft.row.row,
                    draft.columns.get("type", "type"),
                    f"duplicate connection {ident[0]} {ident[1]} -> {ident[2]} (first at {_origin(first)})",
                    ERROR,
                    "duplicate_connection",
                )
            )
            continue
        rel_records[ident] = (record, draft)
    stored_rels = {(r["type"], r["start"], r["end"]): r for r in store.relationships()}
    report.problems.extend(_hierarchy_cycles(rel_records, stored_rels))
    # merge with the store
    nodes_out: list[dict[str, Any]] = []
    for key, draft in file_nodes.items():
        target = remap.get(key, key)
        record = dict(draft.record)
        if target != key:
            record["id"] = stored[target]["id"]
        _merge_one(target, stored.get(target), record, draft, report.nodes, nodes_out)
    rels_out: list[dict[str, Any]] = []
    for ident, (record, draft) in rel_records.items():
        label = f"{ident[0]} {ident[1]} -> {ident[2]}"
        _merge_one(label, stored_rels.get(ident), record, draft, report.relationships, rels_out)
    no_evidence = defaultdict(int)
    for draft in [*drafts.nodes, *drafts.relationships]:
        if draft.ok and not draft.had_evidence:
            no_evidence[(draft.row.file, draft.row.sheet)] += 1
    for (file, sheet), n in sorted(no_evidence.items()):
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
    report.problems.sort(key=lambda p: (p.severity != ERROR, p.file, p.sheet, p.row or 0, p.column))
    return ImportPreview(report, nodes_out, rels_out)


HIERARCHIES = ("PART_OF",)  # relationship types that must never form a cycle


def _hierarchy_cycles(
    rel_records: Mapping[tuple[str, str, str], tuple[dict[str, Any], RelDraft]],
    stored_rels: Mapping[tuple[str, str, str], Mapping[str, Any]],
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
            if len(component) == 1:
                (node,) = component
                if not graph.has_edge(node, node):
                    continue
                cycle = [(node, node)]
            else:
                cycle = nx.find_cycle(graph.subgraph(component))
            closing = [edge for edge in cycle if edge in from_file]
            if not closing:
                continue  # a cycle already stored: not this import's doing
            last = max(closing, key=lambda e: (from_file[e].row.file, from_file[e].row.row))
            draft = from_file[last]
            at = cycle.index(last)
            cycle = [*cycle[at:], *cycle[:at]]  # told from the row that closes it
            path = " -> ".join([cycle[0][0], *(e[1] for e in cycle)])
            problems.append(
                ImportProblem(
                    draft.row.file,
                    draft.row.sheet,
                    draft.row.row,
                    draft.columns.get("type", "type"),
                    f"{rel_type} would make a cycle: {path} (a place or programme cannot be "
                    "part of itself)",
                    ERROR,
                    "cycle",
                )
            )
    return problems


def _names_in_file(file_nodes: Mapping[str, NodeDraft]) -> dict[tuple[str, str], set[str]]:
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key, draft in file_nodes.items():
        name = draft.record.get("name")
        if isinstance(name, str):
            out[(draft.record["label"], name.strip())].add(key)
    return out


# -- entry points ----------------------------------------------------------------------------------
def preview_import(
    files: Sequence[tuple[str, bytes]],
    store: GraphStore,
    *,
    match_names: bool | Collection[tuple[str, str]] = False,
) -> ImportPreview:
    """Read, validate and plan an import against ``store``; nothing is written."""
    started = time.perf_counter()
    parsed = read_files(files)
    drafts = tabular.rows_to_drafts(parsed)
    preview = _plan(drafts, store, match_names)
    report = preview.report
    report.files = list(dict.fromkeys(parsed.files))
    report.formats = parsed.formats
    report.rows = {"elements": len(parsed.elements), "connections": len(parsed.connections)}
    report.seconds = time.perf_counter() - started
    return preview


def apply_import(
    files: Sequence[tuple[str, bytes]],
    store: GraphStore,
    *,
    match_names: bool | Collection[tuple[str, str]] = False,
) -> ImportReport:
    """Plan the import against ``store`` as it is now and, when there is no error, write every
    added or changed record in one all-or-nothing ``store.apply``. Returns the report."""
    started = time.perf_counter()
    preview = preview_import(files, store, match_names=match_names)
    report = preview.report
    if report.ok and (preview.nodes or preview.relationships):
        report.written = store.apply(preview.nodes, preview.relationships)
        report.applied = True
    report.seconds = time.perf_counter() - started
    return report


def import_paths(
    paths: Iterable[Path | str],
    store: GraphStore,
    *,
    dry_run: bool = False,
    match_names: bool | Collection[tuple[str, str]] = False,
) -> ImportReport:
    """:func:`preview_import` (``dry_run``) or :func:`apply_import` of files on disk."""
    files = [safety.read_file(p) for p in paths]
    if dry_run:
        return preview_import(files, store, match_names=match_names).report
    return apply_import(files, store, match_names=match_names)
