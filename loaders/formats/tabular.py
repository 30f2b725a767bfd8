"""Spreadsheets in and out: CSV files, zips of CSV files and XLSX workbooks of elements and
connections, in the columns of the template (``data/templates``, ``loaders.templates``).

Reading
    :func:`read_csv`, :func:`read_zip` and :func:`read_xlsx` turn a file into
    :class:`~loaders.import_records.Row` s: an elements sheet and/or a connections sheet, told
    apart by their columns (a sheet with a ``from`` and a ``to`` column holds connections).
    They take bytes that ``loaders.safety.inspect`` has accepted (size, type, archive bounds)
    and the import's :class:`~loaders.limits.Limits`; every problem of the content is reported
    with its file, sheet, row and column, never raised.

    Encodings: UTF-8, UTF-8 with BOM, UTF-16 with BOM, and Windows-1252 (cp1252, what Excel on
    Windows writes; reported as a warning). Delimiters: ``,``, ``;`` (Excel with Indonesian
    settings) or tab, whichever the header line uses most. Cells stay text here; the draft
    stage (``loaders.drafts``) reads numbers in Indonesian notation
    (``loaders.formats.notation``).

Writing
    :func:`write_tables` gives ``nodes.csv`` and ``edges.csv`` in the template's shape (so an
    export re-imports unchanged); :func:`write_zip` packs them.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import networkx as nx

from graph.schema import NODE_SPECS, REL_SPECS, Prop
from loaders.formats.columns import (
    CONNECTION_ALIASES,
    CONNECTION_COLUMNS,
    ELEMENT_COLUMNS,
    EVIDENCE_PARTS,
    JSON_COLUMN,
    KIND_PROPERTY,
    norm_header,
    sheet_role,
)
from loaders.formats.text import decode_bytes, encoding_problem, mixed_encoding
from loaders.import_records import ERROR, WARNING, ImportProblem, Parsed, Row
from loaders.limits import Limits, limits

__all__ = [
    "SKIPPED_SHEETS",
    "read_csv",
    "read_zip",
    "read_xlsx",
    "write_tables",
    "write_zip",
]

SKIPPED_SHEETS = {"petunjuk", "readme", "instructions", "pilihan", "choices", "lists", "daftar"}
_OTHER_SEPARATORS = ("|", ":", "\t", ";", ",")


# -- rows of one sheet ---------------------------------------------------------------------------
def _header_names(parsed: Parsed, file: str, sheet: str, header: Sequence[Any]) -> list[str]:
    """The column names of a header row; a column named twice is reported."""
    names = [str(h).strip() if h is not None else "" for h in header]
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        if not name:
            continue
        key = norm_header(name)
        if key in seen:
            parsed.problems.append(
                ImportProblem(
                    file, sheet, 1, name, f"column appears twice (also column {seen[key] + 1})"
                )
            )
        seen[key] = i
    return names


def _row_cells(
    parsed: Parsed, file: str, sheet: str, names: list[str], number: int, values: Sequence[Any]
) -> dict[str, Any]:
    """The filled cells of one row by column name; cells outside the header are reported."""
    cells = {}
    for name, value in zip(names, values, strict=False):
        if not name:
            if value not in (None, ""):
                parsed.problems.append(
                    ImportProblem(file, sheet, number, "?", "a value in a column without a header")
                )
            continue
        if isinstance(value, str):
            value = value.strip()
        if value in (None, ""):
            continue
        cells[name] = value
    if len(values) > len(names) and any(v not in (None, "") for v in values[len(names) :]):
        parsed.problems.append(
            ImportProblem(file, sheet, number, "?", "more cells than the header has columns")
        )
    return cells


def _add_rows(
    parsed: Parsed,
    file: str,
    sheet: str,
    header: Sequence[Any],
    body: Iterable[tuple[int, Sequence[Any]]],
    role: str | None = None,
) -> None:
    """Rows of one sheet as elements or connections, as its header says."""
    role = role or sheet_role(header)
    if role is None:
        parsed.problems.append(
            ImportProblem(
                file,
                sheet,
                1,
                "",
                "no recognised columns: an elements sheet needs id/label/name, a connections "
                "sheet needs from and to; sheet ignored",
                WARNING,
                "layout",
            )
        )
        return
    names = _header_names(parsed, file, sheet, header)
    target = parsed.connections if role == "connections" else parsed.elements
    for number, values in body:
        cells = _row_cells(parsed, file, sheet, names, number, values)
        if cells:
            target.append(Row(file, sheet, number, cells))


# -- CSV -------------------------------------------------------------------------------------------
def _csv_text(data: bytes, file: str, parsed: Parsed) -> str | None:
    """The text of a CSV file, or None when its encoding or content refuses it."""
    try:
        text, encoding = decode_bytes(data)
    except UnicodeDecodeError as exc:
        parsed.problems.append(encoding_problem(file, data, exc))
        return None
    if encoding in ("cp1252", "latin-1"):
        mixed = mixed_encoding(data)
        if mixed is not None:
            parsed.problems.append(
                ImportProblem(
                    file,
                    "",
                    mixed[0],
                    "",
                    f"mixed encodings: line {mixed[0]} is not UTF-8 while line {mixed[1]} is; "
                    "save the whole file as CSV UTF-8",
                    ERROR,
                    "encoding",
                )
            )
            return None
        parsed.problems.append(
            ImportProblem(
                file,
                "",
                None,
                "",
                f"not UTF-8: read as {encoding} (Windows); check accented letters",
                WARNING,
                "encoding",
            )
        )
    if "\x00" in text:
        parsed.problems.append(
            ImportProblem(file, "", None, "", "not a text file (NUL characters)", ERROR, "format")
        )
        return None
    return text


def _csv_header(
    reader: Iterator[list[str]], file: str, role: str | None, lim: Limits, parsed: Parsed
) -> list[str] | None:
    """The header row, or None when it is missing, too wide or one column by another separator."""
    try:
        header = next(reader, None)
    except csv.Error as exc:
        parsed.problems.append(
            ImportProblem(file, "", 1, "", f"not readable as CSV: {exc}", ERROR, "format")
        )
        return None
    if not header or not any(c.strip() for c in header):
        sheet = file.rsplit("/", 1)[-1]
        parsed.problems.append(
            ImportProblem(file, sheet, 1, "", "empty file or no header row", ERROR, "layout")
        )
        return None
    if len(header) > lim.max_columns:
        parsed.problems.append(
            ImportProblem(
                file,
                "",
                1,
                "",
                f"{len(header):,} columns: at most {lim.max_columns} (JEJARING_IMPORT_MAX_COLUMNS)",
                ERROR,
                "too_large",
            )
        )
        return None
    if len(header) == 1 and role is None and sheet_role(header) is None:
        used = [d for d in _OTHER_SEPARATORS if d not in (",", ";", "\t") and d in header[0]]
        hint = f" (this file seems to use {used[0]!r})" if used else ""
        parsed.problems.append(
            ImportProblem(
                file,
                "",
                1,
                header[0][:40],
                "the header is a single column: separate the columns with a comma, a "
                f"semicolon or a tab{hint}",
                ERROR,
                "delimiter",
            )
        )
        return None
    return header


def _foreign_separator(
    values: list[str], header: list[str], delimiter: str, number: int, file: str
) -> ImportProblem | None:
    """The problem of a row written as one cell with another separator than the header's."""
    filled = [v for v in values if v.strip()]
    if len(header) <= 2 or len(filled) != 1:
        return None
    other = next(
        (d for d in _OTHER_SEPARATORS if d != delimiter and filled[0].count(d) >= len(header) // 2),
        None,
    )
    if other is None:
        return None
    return ImportProblem(
        file,
        "",
        number,
        str(header[values.index(filled[0])]).strip() or "?",
        f"the row is one cell separated by {other!r} while the header "
        f"is separated by {delimiter!r}: use one separator throughout",
        ERROR,
        "delimiter",
    )


def _csv_body(
    reader: Iterator[list[str]],
    header: list[str],
    delimiter: str,
    file: str,
    lim: Limits,
    parsed: Parsed,
) -> list[tuple[int, list[str]]] | None:
    """The numbered rows under the header, or None when the file is too long or unreadable."""
    body: list[tuple[int, list[str]]] = []
    number = 1
    try:
        for values in reader:
            number += 1
            if number - 1 > lim.max_rows:
                parsed.problems.append(
                    ImportProblem(
                        file,
                        "",
                        number,
                        "",
                        f"more than {lim.max_rows:,} rows (JEJARING_IMPORT_MAX_ROWS): "
                        "split the file",
                        ERROR,
                        "too_large",
                    )
                )
                return None
            problem = _foreign_separator(values, header, delimiter, number, file)
            if problem is not None:
                parsed.problems.append(problem)
                continue
            body.append((number, values[: lim.max_columns + 1]))
    except csv.Error as exc:
        parsed.problems.append(
            ImportProblem(file, "", number + 1, "", f"not readable as CSV: {exc}", ERROR, "format")
        )
        return None
    return body


def read_csv(
    data: bytes, file: str, lim: Limits | None = None, *, role: str | None = None
) -> Parsed:
    """Rows of one CSV file (elements or connections, told apart by the header).

    Refused with a located error: text mixing UTF-8 and another encoding, a header of one
    column separated by something other than ``,`` ``;`` or tab, rows written with another
    separator than the header, more than ``JEJARING_IMPORT_MAX_ROWS`` rows or
    ``JEJARING_IMPORT_MAX_COLUMNS`` columns."""
    lim = lim or limits()
    parsed = Parsed(files=[file], formats=["csv"])
    text = _csv_text(data, file, parsed)
    if text is None:
        return parsed
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = _csv_header(reader, file, role, lim, parsed)
    if header is None:
        return parsed
    body = _csv_body(reader, header, delimiter, file, lim, parsed)
    if body is not None:
        _add_rows(parsed, file, "", header, body, role)
    return parsed


# -- zip of CSV files ------------------------------------------------------------------------------
def _member_too_large(file: str, member: str, lim: Limits) -> ImportProblem:
    return ImportProblem(
        file,
        member,
        None,
        "",
        f"a member larger than {lim.max_bytes:,} bytes (JEJARING_IMPORT_MAX_BYTES)",
        ERROR,
        "too_large",
    )


def read_zip(data: bytes, file: str, lim: Limits | None = None) -> Parsed:
    """Rows of the CSV members of a zip (what the CSV export writes), read in memory and never
    extracted to disk; each member is read with :func:`read_csv` and at most
    ``JEJARING_IMPORT_MAX_BYTES`` of it is unpacked."""
    lim = lim or limits()
    parsed = Parsed(files=[file], formats=["zip"])
    archive = zipfile.ZipFile(io.BytesIO(data))
    members = [
        i for i in archive.infolist() if not i.is_dir() and i.filename.lower().endswith(".csv")
    ]
    if not members:
        parsed.problems.append(
            ImportProblem(file, "", None, "", "the zip holds no .csv file", ERROR, "format")
        )
    for info in members:
        if info.file_size > lim.max_bytes:
            parsed.problems.append(_member_too_large(file, info.filename, lim))
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
        inner = read_csv(body, f"{file}/{info.filename}", lim)
        parsed.elements.extend(inner.elements)
        parsed.connections.extend(inner.connections)
        parsed.problems.extend(inner.problems)
    return parsed


# -- XLSX ------------------------------------------------------------------------------------------
def _unreadable_workbook(file: str, exc: Exception) -> ImportProblem:
    return ImportProblem(
        file, "", None, "", f"not a readable XLSX workbook: {exc}", ERROR, "format"
    )


def _read_sheet(sheet: Any, file: str, lim: Limits, parsed: Parsed) -> None:
    """Rows of one worksheet (skipped when it has no header; refused when too wide or long)."""
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None or not any(h not in (None, "") for h in header):
        return
    if any(h not in (None, "") for h in header[lim.max_columns :]):
        parsed.problems.append(
            ImportProblem(
                file,
                sheet.title,
                1,
                "",
                f"more than {lim.max_columns} columns (JEJARING_IMPORT_MAX_COLUMNS)",
                ERROR,
                "too_large",
            )
        )
        return
    body = []
    for number, values in enumerate(rows, 2):
        if number - 1 > lim.max_rows:
            parsed.problems.append(
                ImportProblem(
                    file,
                    sheet.title,
                    number,
                    "",
                    f"more than {lim.max_rows:,} rows (JEJARING_IMPORT_MAX_ROWS): split the sheet",
                    ERROR,
                    "too_large",
                )
            )
            return
        body.append((number, values[: lim.max_columns + 1]))
    _add_rows(parsed, file, sheet.title, header, body)


def read_xlsx(data: bytes, file: str, lim: Limits | None = None) -> Parsed:
    """Rows of every sheet of a workbook (sheets named Petunjuk/README/Pilihan, and sheets whose
    name starts with ``_``, are skipped). openpyxl reads the workbook's XML with defusedxml."""
    import openpyxl

    lim = lim or limits()
    parsed = Parsed(files=[file], formats=["xlsx"])
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is one problem
        parsed.problems.append(_unreadable_workbook(file, exc))
        return parsed
    try:
        for sheet in book.worksheets:
            if norm_header(sheet.title) in SKIPPED_SHEETS or sheet.title.startswith("_"):
                continue
            _read_sheet(sheet, file, lim, parsed)
    except Exception as exc:  # noqa: BLE001 - a damaged part of a workbook is one problem
        parsed.problems.append(_unreadable_workbook(file, exc))
    finally:
        book.close()
    return parsed


# -- writing ---------------------------------------------------------------------------------------
def _format_number(value: int | float) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return repr(float(value)).replace(".", ",")


def _plain_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value) and value == value.strip()


def _simple_locator(evidence: Any) -> dict[str, Any] | None:
    """The one locator of ``evidence`` when it fits the evidence_* columns, else None."""
    if not (isinstance(evidence, list) and len(evidence) == 1 and isinstance(evidence[0], dict)):
        return None
    loc = evidence[0]
    if (
        set(loc) <= set(EVIDENCE_PARTS)
        and {"source", "section", "paragraph"} <= set(loc)
        and isinstance(loc["paragraph"], int)
        and all(_plain_text(loc[k]) for k in ("source", "section"))
        and ("note" not in loc or _plain_text(loc["note"]))
    ):
        return loc
    return None


def _plain_names(value: list[Any]) -> bool:
    """A non-empty list of names that ``|`` can join and the reader splits back unchanged."""
    return bool(value) and all(
        _plain_text(v) and "|" not in v and not v.startswith(("[", "{")) for v in value
    )


def _cell(value: Any, prop: Prop | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _format_number(value)
    if isinstance(value, list) and prop is not None and prop.kind == "list" and _plain_names(value):
        return "|".join(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _needs_json(value: Any, prop: Prop | None) -> bool:
    """An extra property whose cell must be read back as JSON to keep its type."""
    return prop is None and not isinstance(value, str)


def _table(rows: list[dict[str, str]], columns: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def _evidence_cells(row: dict[str, str], value: Any, prop: Prop | None) -> None:
    """One locator in the evidence_* columns, anything else as JSON in ``evidence``."""
    loc = _simple_locator(value)
    if loc is None:
        row["evidence"] = _cell(value, prop)
        return
    for part in EVIDENCE_PARTS:
        if part in loc:
            row[f"evidence_{part}"] = _cell(loc[part], Prop("str"))


# column of a property, given the property, its value and its schema kind (None for extras)
ColumnOf = Callable[[str, Any, Prop | None], tuple[str, Prop | None]]


def _fill_row(
    row: dict[str, str],
    data: Mapping[str, Any],
    skip: str,
    spec: Mapping[str, Prop],
    column_of: ColumnOf,
    known: Sequence[str],
    extra: set[str],
) -> None:
    """The cells of one node or relationship; columns outside ``known`` are added to ``extra``
    and an extra property that is not text is named in the ``_json`` column."""
    json_names = []
    for name, value in data.items():
        if name == skip or value is None:
            continue
        prop = spec.get(name)
        if name == "evidence":
            _evidence_cells(row, value, prop)
            continue
        column, prop = column_of(name, value, prop)
        if _needs_json(value, prop):
            json_names.append(column)
            row[column] = json.dumps(value, ensure_ascii=False, sort_keys=True)
        else:
            row[column] = _cell(value, prop)
        if column not in known:
            extra.add(column)
    if json_names:
        row[JSON_COLUMN] = "|".join(sorted(json_names))
        extra.add(JSON_COLUMN)


_ELEMENT_TAKEN = set(ELEMENT_COLUMNS) | {JSON_COLUMN, "place_level"}
_CONNECTION_TAKEN = set(CONNECTION_COLUMNS) | set(CONNECTION_ALIASES) | {JSON_COLUMN, "direction"}


def _element_column(kind_prop: str | None) -> ColumnOf:
    """Where a node property goes: its kind property in ``type``, an extra whose name is a
    template column under ``x_<name>`` (it would be read as something else)."""

    def column_of(name: str, value: Any, prop: Prop | None) -> tuple[str, Prop | None]:
        column = "type" if name == kind_prop else name
        if prop is None and name in _ELEMENT_TAKEN:
            column = f"x_{name}"
        if column == "tags" and isinstance(value, list):
            prop = Prop("list")
        return column, prop

    return column_of


def _node_rows(graph: nx.MultiDiGraph) -> tuple[list[dict[str, str]], set[str]]:
    rows: list[dict[str, str]] = []
    extra: set[str] = set()
    for _, data in sorted(graph.nodes(data=True), key=lambda kv: kv[0]):
        label = data.get("label")
        spec = NODE_SPECS.get(label, {})
        column_of = _element_column(KIND_PROPERTY.get(label))
        row: dict[str, str] = {"label": str(label)}
        _fill_row(row, data, "label", spec, column_of, ELEMENT_COLUMNS, extra)
        rows.append(row)
    return rows, extra


def _edge_column(name: str, value: Any, prop: Prop | None) -> tuple[str, Prop | None]:
    if prop is None and norm_header(name) in _CONNECTION_TAKEN:
        return f"x_{name}", prop
    return name, prop


def _edge_rows(graph: nx.MultiDiGraph) -> tuple[list[dict[str, str]], set[str]]:
    rows: list[dict[str, str]] = []
    extra: set[str] = set()
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        spec = REL_SPECS.get(key, (None, {}))[1]
        row = {"from": u, "to": v, "type": key}
        _fill_row(row, data, "type", spec, _edge_column, CONNECTION_COLUMNS, extra)
        rows.append(row)
    return rows, extra


def write_tables(graph: nx.MultiDiGraph) -> tuple[str, str]:
    """``(nodes.csv, edges.csv)`` of a store's NetworkX view, in the template's columns.

    Numbers are written in Indonesian notation (decimal comma, no thousands separator), lists
    of plain names joined with ``|``, locators and mappings as JSON; an extra property that is
    not text is written as JSON and named in the ``_json`` column, so it reads back with its
    type.
    """
    node_rows, extra_node_cols = _node_rows(graph)
    edge_rows, extra_edge_cols = _edge_rows(graph)
    nodes_csv = _table(node_rows, ELEMENT_COLUMNS + sorted(extra_node_cols))
    edges_csv = _table(edge_rows, CONNECTION_COLUMNS + sorted(extra_edge_cols))
    return nodes_csv, edges_csv


def write_zip(graph: nx.MultiDiGraph) -> bytes:
    """A zip with ``nodes.csv`` and ``edges.csv`` (UTF-8 with BOM, so Excel reads it right)."""
    nodes_csv, edges_csv = write_tables(graph)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in (("nodes.csv", nodes_csv), ("edges.csv", edges_csv)):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, "\ufeff" + text)
    return buf.getvalue()
