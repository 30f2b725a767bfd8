"""What a store's read-only query console gives back, the same for every backend.

:meth:`graph.store.GraphStore.console` runs a researcher's query text if, and only if, it can
only read; it returns a :class:`ConsoleResult` or raises one of the errors below, whose message
is written for the person who typed the query (no stack trace, no credentials). A store without
a console (the embedded NetworkX store) raises :class:`ConsoleUnavailable`; its
``has_console`` says so before anything is typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

__all__ = [
    "ConsoleError",
    "ConsoleUnavailable",
    "QueryRefused",
    "QueryFailed",
    "QueryTimedOut",
    "ConsoleResult",
]


class ConsoleError(Exception):
    """Base class of what the console reports to its user; the message is for people."""


class ConsoleUnavailable(ConsoleError):
    """This store has no query console (the embedded store answers named questions only)."""


class QueryRefused(ConsoleError):
    """The query was not run (or was stopped) because it could write or reach outside."""


class QueryFailed(ConsoleError):
    """The query was allowed but failed: a syntax error, a runtime error, no server."""


class QueryTimedOut(QueryFailed):
    """The query was stopped at the console's time limit."""


@dataclass
class ConsoleResult:
    """What a console query returned: columns in order, rows as dicts of plain values."""

    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool
    row_cap: int
    elapsed_ms: float
    notes: list[str] = field(default_factory=list)

    @property
    def note(self) -> str | None:
        """The sentence to show under a truncated table, else None."""
        if not self.truncated:
            return None
        return f"only the first {self.row_cap} rows are shown; the query returned more"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: columns, rows, row_count, truncated, row_cap, elapsed_ms, note, notes."""
        return {
            "columns": list(self.columns),
            "rows": [dict(row) for row in self.rows],
            "row_count": len(self.rows),
            "truncated": self.truncated,
            "row_cap": self.row_cap,
            "elapsed_ms": self.elapsed_ms,
            "note": self.note,
            "notes": list(self.notes),
        }

    def frame(self) -> pd.DataFrame:
        """The rows as a DataFrame with the query's columns (also when there are no rows)."""
        return pd.DataFrame(self.rows, columns=self.columns)
