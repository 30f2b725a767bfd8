"""What an import found and would do, or did: the report every stage of the pipeline adds to.

:class:`ImportReport` holds the located problems, the changes per node and relationship
(added, updated with the fields that change, unchanged), the name matches to confirm, and,
once written, how many records one ``store.apply`` wrote. ``text()`` is what the CLI prints,
``as_dict()`` what ``--format json`` and the Data page show. :class:`ImportPreview` is a
report with the records the import would write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from loaders.import_records import ERROR, WARNING, ImportProblem

__all__ = ["NameMatch", "Change", "ImportReport", "ImportPreview"]


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
