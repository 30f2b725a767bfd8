"""The import as a pipeline: five stages, each called once per import, in this order.

1. :func:`check_bytes` - every file's size, type by content and archive bounds
   (``loaders.safety.inspect``); a refused file becomes an error naming it.
2. :func:`parse_files` - each accepted file read by its format's reader
   (``loaders.formats.read``) into rows and located problems.
3. :func:`make_drafts` - rows into node and relationship drafts (``loaders.drafts``).
4. :func:`plan_against_store` - drafts merged with what the store holds (``loaders.plan``):
   what would be added, updated or left unchanged, and every problem, sorted.
5. :func:`apply_plan` - when nothing is an error, every added or changed record written in
   one all-or-nothing ``store.apply``.

:func:`run_import` drives them; ``loaders.importer`` (``preview_import``, ``apply_import``)
is the entry point the CLI and the Data page use. The stages share one
:class:`~loaders.limits.Limits`, read from the settings when the import starts. No stage
calls another: each takes what the one before it gave.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from graph.store import GraphStore
from loaders import formats, safety
from loaders.drafts import Drafts, rows_to_drafts
from loaders.import_records import ERROR, ImportProblem, Parsed
from loaders.import_report import ImportPreview, ImportReport
from loaders.limits import Limits, limits
from loaders.plan import plan_import

__all__ = [
    "STAGES",
    "CheckedFile",
    "check_bytes",
    "parse_files",
    "make_drafts",
    "plan_against_store",
    "apply_plan",
    "run_import",
]

STAGES = ("check_bytes", "parse_files", "make_drafts", "plan_against_store", "apply_plan")


@dataclass(frozen=True)
class CheckedFile:
    """One file of an import after the byte checks: its format, or why it was refused."""

    name: str
    data: bytes
    format: str | None
    refused: ImportProblem | None = None


def check_bytes(files: Sequence[tuple[str, bytes]], lim: Limits) -> list[CheckedFile]:
    """Stage 1: each ``(name, bytes)`` checked for size, type by content and archive bounds."""
    checked = []
    for name, data in files:
        try:
            fmt = safety.inspect(name, data, lim)
        except safety.UploadRefused as exc:
            checked.append(CheckedFile(name, data, None, exc.problem()))
            continue
        checked.append(CheckedFile(name, data, fmt))
    return checked


def parse_files(checked: Sequence[CheckedFile], lim: Limits) -> Parsed:
    """Stage 2: the rows of every accepted file and the problems of reading them (a refused
    file contributes its problem); an import with neither rows nor errors is an error."""
    parsed = Parsed()
    for file in checked:
        if file.format is None:
            parsed.files.append(file.name)
            if file.refused is not None:
                parsed.problems.append(file.refused)
            continue
        parsed.extend(formats.read(file.format, file.data, file.name, lim))
    has_error = any(p.severity == ERROR for p in parsed.problems)
    if not parsed.elements and not parsed.connections and not has_error:
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


def make_drafts(parsed: Parsed) -> Drafts:
    """Stage 3: node and relationship drafts of the rows, with their problems."""
    return rows_to_drafts(parsed)


def plan_against_store(
    drafts: Drafts, store: GraphStore, match_names: bool | Collection[tuple[str, str]]
) -> ImportPreview:
    """Stage 4: what writing the drafts into ``store`` as it is now would change."""
    return plan_import(drafts, store, match_names)


def apply_plan(preview: ImportPreview, store: GraphStore) -> ImportReport:
    """Stage 5: the planned records written in one all-or-nothing ``store.apply`` when no
    problem is an error and something changes; nothing is written otherwise."""
    report = preview.report
    if report.ok and (preview.nodes or preview.relationships):
        report.written = store.apply(preview.nodes, preview.relationships)
        report.applied = True
    return report


def run_import(
    files: Sequence[tuple[str, bytes]],
    store: GraphStore,
    *,
    match_names: bool | Collection[tuple[str, str]] = False,
    write: bool = False,
) -> ImportPreview:
    """The stages in order: check, parse, draft, plan, and (``write``) apply. The report
    names the files, their formats, the rows read and the seconds the import took."""
    started = time.perf_counter()
    lim = limits()
    parsed = parse_files(check_bytes(files, lim), lim)
    preview = plan_against_store(make_drafts(parsed), store, match_names)
    report = preview.report
    report.files = list(dict.fromkeys(parsed.files))
    report.formats = parsed.formats
    report.rows = {"elements": len(parsed.elements), "connections": len(parsed.connections)}
    if write:
        apply_plan(preview, store)
    report.seconds = time.perf_counter() - started
    return preview
