"""What every import reader produces: rows of a file and located problems.

A reader of ``loaders.formats`` (CSV, XLSX, a zip of CSV files, GraphML, GEXF, JSON) turns a
file into *rows*: one mapping of column -> cell per element or connection, with the file,
sheet and row it came from, gathered in a :class:`Parsed`. ``loaders.drafts`` turns rows into
node and relationship drafts; ``loaders.plan`` checks them against the store; every stage of
``loaders.pipeline`` reports what is wrong as :class:`ImportProblem` s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["ImportProblem", "Row", "Parsed", "ERROR", "WARNING"]

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong (``error``: nothing is written) or worth a look (``warning``).

    ``row`` counts as a spreadsheet does: the header is row 1, the first record row 2. For
    XML and JSON files ``sheet`` is ``nodes`` or ``edges`` and ``row`` is the element's
    position (1 = first node/edge) in the file.
    """

    file: str
    sheet: str
    row: int | None
    column: str
    message: str
    severity: str = ERROR
    kind: str = "schema"

    @property
    def where(self) -> str:
        parts = [self.file or "?"]
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.severity}: {self.where}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "kind": self.kind,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class Row:
    """One element or connection as read: cells by column name, and where it stands.

    ``cells`` maps the column header as written in the file to the value (text from CSV,
    typed values from XLSX, GraphML, GEXF and JSON). ``typed`` says the values already carry
    their type (no Indonesian number parsing of text needed).
    """

    file: str
    sheet: str
    row: int
    cells: dict[str, Any]
    typed: bool = False
    anchor: str | None = None  # the element's own id in an XML/JSON file, which edges cite


@dataclass
class Parsed:
    """Rows of a file (or of several files imported together) and the problems of reading."""

    elements: list[Row] = field(default_factory=list)
    connections: list[Row] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)

    def extend(self, other: Parsed) -> None:
        self.elements.extend(other.elements)
        self.connections.extend(other.connections)
        self.problems.extend(other.problems)
        self.files.extend(other.files)
        self.formats.extend(other.formats)
