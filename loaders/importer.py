"""Import files into a store: check, read, validate everything, merge with what is stored,
write once. The stages are those of ``loaders.pipeline``; this module is their entry point.

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

from collections.abc import Collection, Iterable, Sequence
from pathlib import Path

from graph.store import GraphStore
from loaders import safety
from loaders.import_records import Parsed
from loaders.import_report import Change, ImportPreview, ImportReport, NameMatch
from loaders.limits import limits
from loaders.pipeline import check_bytes, parse_files, run_import

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "ImportReport",
    "ImportPreview",
    "NameMatch",
    "Change",
    "read_files",
    "preview_import",
    "apply_import",
    "import_paths",
]

FORMATS = safety.FORMATS
MAX_BYTES = safety.Limits().max_bytes  # the default of JEJARING_IMPORT_MAX_BYTES


def read_files(files: Sequence[tuple[str, bytes]]) -> Parsed:
    """Rows of every file, and the problems of checking and reading them (never raises on bad
    content): the first two stages of the pipeline."""
    lim = limits()
    return parse_files(check_bytes(files, lim), lim)


def preview_import(
    files: Sequence[tuple[str, bytes]],
    store: GraphStore,
    *,
    match_names: bool | Collection[tuple[str, str]] = False,
) -> ImportPreview:
    """Read, validate and plan an import against ``store``; nothing is written."""
    return run_import(files, store, match_names=match_names)


def apply_import(
    files: Sequence[tuple[str, bytes]],
    store: GraphStore,
    *,
    match_names: bool | Collection[tuple[str, str]] = False,
) -> ImportReport:
    """Plan the import against ``store`` as it is now and, when there is no error, write every
    added or changed record in one all-or-nothing ``store.apply``. Returns the report."""
    return run_import(files, store, match_names=match_names, write=True).report


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
