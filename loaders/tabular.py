"""Spreadsheets in and out: CSV pairs and XLSX workbooks of elements and connections.

Reading
    :func:`read_csv` and :func:`read_xlsx` turn a file into :class:`~loaders.import_records.Row` s
    (an elements sheet and/or a connections sheet, told apart by their columns: a sheet with a
    ``from`` and a ``to`` column holds connections). :func:`rows_to_drafts` turns rows of any
    reader (this module's, or GraphML/GEXF/JSON from ``loaders.interchange``) into node and
    relationship records of graph/schema.py, with a located problem for everything wrong.

    Encodings: UTF-8, UTF-8 with BOM, UTF-16 with BOM, and Windows-1252 (cp1252, what Excel on
    Windows writes; reported as a warning). Delimiters: ``,``, ``;`` (Excel with Indonesian
    settings) or tab, whichever the header line uses most.

    Numbers written as text follow Indonesian notation (:func:`parse_number`): ``.`` groups
    thousands, ``,`` marks decimals: ``1.685`` is 1685, ``39,43`` is 39.43, ``Rp 20 juta`` is
    20000000, ``1,5 miliar`` is 1500000000, ``15%`` is 15. ``2,794`` reads as 2.794 with a warning
    (in English notation it would be 2794); ``1.5`` and ``1,234.5`` are refused (English notation:
    write ``1,5`` and ``1.234,5``). Numbers typed as numbers in a workbook are taken as they are.

Writing
    :func:`write_tables` gives ``nodes.csv`` and ``edges.csv`` in the template's shape (so an
    export re-imports unchanged); :func:`write_zip` packs them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.schema import (
    ACTOR_TYPES,
    ID_PATTERN,
    LABELS,
    LEVELS,
    NODE_SPECS,
    REL_SPECS,
    REL_TYPES,
    SECTORS,
    Prop,
    validate_node,
    validate_relationship,
)
from loaders.import_records import ERROR, WARNING, ImportProblem, Parsed, Row

__all__ = [
    "ELEMENT_COLUMNS",
    "CONNECTION_COLUMNS",
    "KIND_PROPERTY",
    "NumberError",
    "parse_number",
    "parse_date",
    "decode_bytes",
    "read_csv",
    "read_xlsx",
    "NodeDraft",
    "RelDraft",
    "rows_to_drafts",
    "write_tables",
    "write_zip",
    "slug",
]

# -- the template ------------------------------------------------------------------------------
ELEMENT_COLUMNS = [
    "id",
    "label",
    "name",
    "name_en",
    "type",
    "sector",
    "level",
    "description",
    "description_en",
    "aliases",
    "evidence_source",
    "evidence_section",
    "evidence_paragraph",
    "evidence_note",
    "evidence",
]
CONNECTION_COLUMNS = [
    "from",
    "to",
    "type",
    "weight",
    "date",
    "description",
    "description_en",
    "evidence_source",
    "evidence_section",
    "evidence_paragraph",
    "evidence_note",
    "evidence",
]
# the property that the ``type`` column of an element fills, per label
KIND_PROPERTY = {
    "Actor": "actor_type",
    "Intervention": "intervention_kind",
    "Place": "place_level",
    "Policy": "policy_kind",
    "Factor": "factor_kind",
    "Claim": "claim_kind",
    "Source": "source_kind",
}
JSON_COLUMN = "_json"  # names of extra properties whose cells hold JSON (written by exports)
EVIDENCE_PARTS = ("source", "section", "paragraph", "note")

# header (normalised) -> canonical column; Kumu's Label/Type/Description/Tags and Indonesian
ELEMENT_ALIASES = {
    "nama": "name",
    "nama_en": "name_en",
    "name_english": "name_en",
    "nama_inggris": "name_en",
    "jenis": "type",
    "tipe": "type",
    "kind": "type",
    "element_type": "type",
    "sektor": "sector",
    "tingkat": "level",
    "deskripsi": "description",
    "keterangan": "description",
    "description_english": "description_en",
    "deskripsi_en": "description_en",
    "alias": "aliases",
    "tags": "tags",
    "tag": "tags",
    "label_node": "label",
    "node_label": "label",
    "kategori": "label",
    "bukti": "evidence",
    "sumber_bukti": "evidence_source",
    "bagian_bukti": "evidence_section",
    "paragraf_bukti": "evidence_paragraph",
    "catatan_bukti": "evidence_note",
}
CONNECTION_ALIASES = {
    "source": "from",
    "dari": "from",
    "target": "to",
    "ke": "to",
    "relationship": "type",
    "relation": "type",
    "hubungan": "type",
    "jenis": "type",
    "tipe": "type",
    "rel_type": "type",
    "bobot": "weight",
    "tanggal": "date",
    "deskripsi": "description",
    "keterangan": "description",
    "label": "description",  # a Kumu connection's Label is its caption
    "arah": "direction",
    "bukti": "evidence",
    "sumber_bukti": "evidence_source",
    "bagian_bukti": "evidence_section",
    "paragraf_bukti": "evidence_paragraph",
    "catatan_bukti": "evidence_note",
}
LABEL_ALIASES = {
    **{label.lower(): label for label in LABELS},
    "aktor": "Actor",
    "organisation": "Actor",
    "organization": "Actor",
    "organisasi": "Actor",
    "lembaga": "Actor",
    "person": "Actor",
    "orang": "Actor",
    "program": "Program",
    "programme": "Program",
    "intervensi": "Intervention",
    "kegiatan": "Intervention",
    "activity": "Intervention",
    "target_group": "TargetGroup",
    "targetgroup": "TargetGroup",
    "kelompok_sasaran": "TargetGroup",
    "sasaran": "TargetGroup",
    "indikator": "Indicator",
    "observasi": "Observation",
    "tempat": "Place",
    "wilayah": "Place",
    "lokasi": "Place",
    "kebijakan": "Policy",
    "regulasi": "Policy",
    "faktor": "Factor",
    "klaim": "Claim",
    "sumber": "Source",
}
REL_ALIASES = {
    "bekerja_sama": "COLLABORATES_WITH",
    "bekerja_sama_dengan": "COLLABORATES_WITH",
    "kerja_sama": "COLLABORATES_WITH",
    "kolaborasi": "COLLABORATES_WITH",
    "collaborates": "COLLABORATES_WITH",
    "mendanai": "FUNDS",
    "melaksanakan": "IMPLEMENTS",
    "mendukung": "SUPPORTS",
    "mengoordinasikan": "COORDINATES",
    "mengkoordinasikan": "COORDINATES",
    "anggota": "MEMBER_OF",
    "anggota_dari": "MEMBER_OF",
    "memimpin": "LEADS",
    "menerbitkan": "ISSUED",
    "diamanatkan_oleh": "MANDATED_BY",
    "bagian_dari": "PART_OF",
    "berada_di": "LOCATED_IN",
    "berlokasi_di": "LOCATED_IN",
    "menyasar": "TARGETS",
    "berkontribusi_pada": "CONTRIBUTES_TO",
    "memungkinkan": "ENABLES",
    "menghambat": "HINDERS",
    "mengutip": "CITES",
}
_TRUE = {"true", "ya", "yes", "y", "1", "benar", "iya"}
_FALSE = {"false", "tidak", "no", "n", "0", "salah", "bukan"}
_MONTHS = {
    **{
        m: i
        for i, m in enumerate(
            [
                "januari",
                "februari",
                "maret",
                "april",
                "mei",
                "juni",
                "juli",
                "agustus",
                "september",
                "oktober",
                "november",
                "desember",
            ],
            1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ],
            1,
        )
    },
    "pebruari": 2,
    "nopember": 11,
}
_MULTIPLIERS = {
    "ribu": 1_000,
    "rb": 1_000,
    "juta": 1_000_000,
    "jt": 1_000_000,
    "miliar": 1_000_000_000,
    "milyar": 1_000_000_000,
    "triliun": 1_000_000_000_000,
}


def norm_header(header: Any) -> str:
    """``" Evidence Note "`` -> ``"evidence_note"``."""
    return re.sub(r"[\s\-]+", "_", str(header).strip().lower())


def slug(text: str) -> str:
    """An id from a name: ``"Kader Posyandu Melati (RW 02)"`` -> ``"kader_posyandu_melati_rw_02"``."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = re.sub(r"[^a-z0-9]+", "_", folded.lower()).strip("_")
    return out or "x"


# -- numbers, dates, booleans --------------------------------------------------------------------
class NumberError(ValueError):
    """A text that is not a number in Indonesian notation (the message says how to write it)."""


@dataclass(frozen=True)
class NumberReading:
    value: int | float
    warning: str | None = None
    currency: str | None = None


_INT = re.compile(r"^\d+$")
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_DECIMAL = re.compile(r"^(\d{1,3}(\.\d{3})+|\d+),\d+$")
_EXPONENT = re.compile(r"^(\d+(?:,\d+)?)e([+-]?\d+)$")
_AMBIGUOUS_COMMA = re.compile(r"^\d{1,3},\d{3}$")
_ENGLISH = re.compile(r"^(\d{1,3}(,\d{3})+(\.\d+)?|\d+\.\d+)$")


def parse_number(text: str) -> NumberReading:
    """Read a number written in Indonesian notation.

    >>> parse_number("1.685").value, parse_number("39,43").value
    (1685, 39.43)
    >>> parse_number("Rp 20 juta").value, parse_number("Rp 20 juta").currency
    (20000000, 'IDR')
    >>> parse_number("2,794").warning is not None
    True
    """
    raw = str(text)
    s = raw.strip().lower().replace("\u00a0", " ").replace("\u2212", "-")
    currency = None
    if s.startswith("rp"):
        currency = "IDR"
        s = s[2:].lstrip(". ").strip()
    if s.endswith("%"):
        s = s[:-1].strip()
    multiplier = 1
    m = re.match(r"^(.*?)\s*([a-z]+)\.?$", s)
    if m and m.group(2) in _MULTIPLIERS:
        s, multiplier = m.group(1).strip(), _MULTIPLIERS[m.group(2)]
    negative = s.startswith("-")
    if negative:
        s = s[1:].strip()
    warning = None
    value: int | float
    if _INT.match(s):
        value = int(s)
    elif _THOUSANDS.match(s):
        value = int(s.replace(".", ""))
    elif _DECIMAL.match(s):
        value = float(s.replace(".", "").replace(",", "."))
        if _AMBIGUOUS_COMMA.match(s) and multiplier == 1:
            warning = (
                f"{raw.strip()!r} read as {value:g} (Indonesian decimal comma); in English "
                f"notation it would be {int(s.replace(',', ''))}: check the value"
            )
    elif _EXPONENT.match(s):
        mant, exp = _EXPONENT.match(s).groups()
        value = float(f"{mant.replace(',', '.')}e{exp}")
    elif _ENGLISH.match(s):
        raise NumberError(
            f"{raw.strip()!r} is English notation; in Indonesian notation a dot groups thousands "
            f"and a comma marks decimals (write e.g. 1,5 or 1.234,5)"
        )
    else:
        raise NumberError(f"{raw.strip()!r} is not a number (Indonesian notation: 1.685 or 39,43)")
    if multiplier != 1:
        value = value * multiplier
        if float(value).is_integer():
            value = int(value)
    if negative:
        value = -value
    return NumberReading(value, warning, currency)


def parse_machine_number(value: Any) -> int | float:
    """A number in the notation of XML and JSON (``39.43``, ``1e-05``)."""
    s = str(value).strip()
    if re.match(r"^[+-]?\d+$", s):
        return int(s)
    result = float(s)
    if math.isnan(result) or math.isinf(result):
        raise ValueError(f"{s!r} is not a finite number")
    return result


def parse_date(value: Any) -> tuple[str, str | None]:
    """An ISO date text (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) and a warning, or ValueError.

    Accepts ISO forms, day/month/year (the Indonesian order) and month names in Bahasa
    Indonesia or English (``17 Agustus 2023``, ``Februari 2023``).
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), None
    if isinstance(value, dt.date):
        return value.isoformat(), None
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value), None
    s = str(value).strip()
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            dt.datetime.strptime(s, fmt)
            return s, None
        except ValueError:
            continue
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})[T ]", s)
    if m:
        return parse_date("-".join(m.groups()))
    m = re.match(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$", s)
    if m:
        day, month, year = (int(g) for g in m.groups())
        try:
            iso = dt.date(year, month, day).isoformat()
        except ValueError as exc:
            raise ValueError(f"{s!r} is not a date: {exc}") from exc
        warning = None
        if day <= 12 and month <= 12 and day != month:
            warning = f"{s!r} read as day/month/year ({iso}), the Indonesian order"
        return iso, warning
    m = re.match(r"^(?:(\d{1,2})\s+)?([a-zA-Z]+)\s+(\d{4})$", s)
    if m and m.group(2).lower() in _MONTHS:
        month, year = _MONTHS[m.group(2).lower()], int(m.group(3))
        if m.group(1):
            return dt.date(year, month, int(m.group(1))).isoformat(), None
        return f"{year:04d}-{month:02d}", None
    raise ValueError(
        f"{s!r} is not a date: write YYYY-MM-DD, YYYY-MM, YYYY, DD/MM/YYYY or '17 Agustus 2023'"
    )


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    s = str(value).strip().lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise ValueError(f"{value!r} is not yes/no (true/false, ya/tidak)")


# -- reading files -----------------------------------------------------------------------------
def decode_bytes(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read with."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _role(headers: Iterable[Any]) -> str | None:
    names = {norm_header(h) for h in headers if h is not None and str(h).strip()}
    if names & {"from", "dari"} and names & {"to", "ke"}:
        return "connections"
    if {"source", "target"} <= names and not names & {"name", "nama"}:
        return "connections"
    canon_e = {ELEMENT_ALIASES.get(n, n) for n in names}
    if canon_e & {"id", "name", "label"}:
        return "elements"
    return None


def _add_rows(
    parsed: Parsed,
    file: str,
    sheet: str,
    header: Sequence[Any],
    body: Iterable[tuple[int, Sequence[Any]]],
    role: str | None = None,
) -> None:
    role = role or _role(header)
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
    target = parsed.connections if role == "connections" else parsed.elements
    for number, values in body:
        cells = {}
        for name, value in zip(names, values, strict=False):
            if not name:
                if value not in (None, ""):
                    parsed.problems.append(
                        ImportProblem(
                            file, sheet, number, "?", "a value in a column without a header"
                        )
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
        if cells:
            target.append(Row(file, sheet, number, cells))


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def encoding_problem(file: str, data: bytes, exc: UnicodeDecodeError) -> ImportProblem:
    """The problem of a file whose byte-order mark promises an encoding its bytes break."""
    line = data.count(b"\n", 0, exc.start) + 1
    return ImportProblem(
        file,
        "",
        line,
        "",
        f"starts with a {exc.encoding} byte-order mark but byte {exc.start + 1} (line {line}) "
        f"is not {exc.encoding}: save the file again as CSV UTF-8",
        ERROR,
        "encoding",
    )


def mixed_encoding(data: bytes) -> tuple[int, int] | None:
    """``(line that is not UTF-8, line that is)`` when a file mixes UTF-8 with another
    encoding (e.g. rows pasted from a Windows-1252 file into a UTF-8 one), else None."""
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        bad = exc.start
    good = _UTF8_SEQUENCE.search(data)
    if good is None:
        return None
    return data.count(b"\n", 0, bad) + 1, data.count(b"\n", 0, good.start()) + 1


_OTHER_SEPARATORS = ("|", ":", "\t", ";", ",")


def read_csv(data: bytes, file: str, *, role: str | None = None, limits: Any = None) -> Parsed:
    """Rows of one CSV file (elements or connections, told apart by the header).

    Refused with a located error: text mixing UTF-8 and another encoding, a header of one
    column separated by something other than ``,`` ``;`` or tab, rows written with another
    separator than the header, more than ``JEJARING_IMPORT_MAX_ROWS`` rows or
    ``JEJARING_IMPORT_MAX_COLUMNS`` columns (``limits``: a :class:`loaders.safety.Limits`)."""
    from loaders import safety

    lim = limits or safety.limits()
    parsed = Parsed(files=[file], formats=["csv"])
    try:
        text, encoding = decode_bytes(data)
    except UnicodeDecodeError as exc:
        parsed.problems.append(encoding_problem(file, data, exc))
        return parsed
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
            return parsed
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
        return parsed
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count) if first else ","
    sheet = file.rsplit("/", 1)[-1]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        parsed.problems.append(
            ImportProblem(file, "", 1, "", f"not readable as CSV: {exc}", ERROR, "format")
        )
        return parsed
    if not header or not any(c.strip() for c in header):
        parsed.problems.append(
            ImportProblem(file, sheet, 1, "", "empty file or no header row", ERROR, "layout")
        )
        return parsed
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
        return parsed
    if len(header) == 1 and role is None and _role(header) is None:
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
        return parsed
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
                return parsed
            filled = [v for v in values if v.strip()]
            if len(header) > 2 and len(filled) == 1:
                other = next(
                    (
                        d
                        for d in _OTHER_SEPARATORS
                        if d != delimiter and filled[0].count(d) >= len(header) // 2
                    ),
                    None,
                )
                if other is not None:
                    parsed.problems.append(
                        ImportProblem(
                            file,
                            "",
                            number,
                            str(header[values.index(filled[0])]).strip() or "?",
                            f"the row is one cell separated by {other!r} while the header "
                            f"is separated by {delimiter!r}: use one separator throughout",
                            ERROR,
                            "delimiter",
                        )
                    )
                    continue
            body.append((number, values[: lim.max_columns + 1]))
    except csv.Error as exc:
        parsed.problems.append(
            ImportProblem(file, "", number + 1, "", f"not readable as CSV: {exc}", ERROR, "format")
        )
        return parsed
    _add_rows(parsed, file, "", header, body, role)
    return parsed


SKIPPED_SHEETS = {"petunjuk", "readme", "instructions", "pilihan", "choices", "lists", "daftar"}


def read_xlsx(data: bytes, file: str) -> Parsed:
    """Rows of every sheet of a workbook (sheets named Petunjuk/README/Pilihan are skipped)."""
    import openpyxl  # openpyxl reads XML with defusedxml when installed, else expat (no DTDs)

    from loaders import safety

    lim = safety.limits()
    parsed = Parsed(files=[file], formats=["xlsx"])
    try:
        safety.check_xlsx(data, file, lim)
    except safety.UploadRefused as exc:
        parsed.problems.append(exc.problem())
        return parsed
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is one problem
        parsed.problems.append(
            ImportProblem(
                file, "", None, "", f"not a readable XLSX workbook: {exc}", ERROR, "format"
            )
        )
        return parsed
    try:
        for sheet in book.worksheets:
            if norm_header(sheet.title) in SKIPPED_SHEETS or sheet.title.startswith("_"):
                continue
            rows = sheet.iter_rows(values_only=True)
            header = next(rows, None)
            if header is None or not any(h not in (None, "") for h in header):
                continue
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
                continue
            body = []
            for number, values in enumerate(rows, 2):
                if number - 1 > lim.max_rows:
                    parsed.problems.append(
                        ImportProblem(
                            file,
                            sheet.title,
                            number,
                            "",
                            f"more than {lim.max_rows:,} rows (JEJARING_IMPORT_MAX_ROWS): "
                            "split the sheet",
                            ERROR,
                            "too_large",
                        )
                    )
                    break
                body.append((number, values[: lim.max_columns + 1]))
            else:
                _add_rows(parsed, file, sheet.title, header, body)
    except Exception as exc:  # noqa: BLE001 - a damaged part of a workbook is one problem
        parsed.problems.append(
            ImportProblem(
                file, "", None, "", f"not a readable XLSX workbook: {exc}", ERROR, "format"
            )
        )
    finally:
        book.close()
    return parsed


# -- rows -> records -------------------------------------------------------------------------------
@dataclass
class NodeDraft:
    """A node record built from one row, and how to find the cells behind its fields."""

    record: dict[str, Any]
    row: Row
    columns: dict[str, str]  # property -> column header as written
    given_id: str | None = None  # the id as written in the file (before slugging), if any
    had_evidence: bool = True
    ok: bool = True

    @property
    def key(self) -> str:
        return f"{self.record.get('label')}:{self.record.get('id')}"


@dataclass
class RelDraft:
    """A relationship record (without its ends yet) and the raw ends as written."""

    record: dict[str, Any]
    row: Row
    columns: dict[str, str]
    start_ref: str
    end_ref: str
    had_evidence: bool = True
    ok: bool = True


@dataclass
class Drafts:
    nodes: list[NodeDraft] = field(default_factory=list)
    relationships: list[RelDraft] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)


def _problem(row: Row, column: str, message: str, severity: str = ERROR, kind: str = "value"):
    return ImportProblem(row.file, row.sheet, row.row, column, message, severity, kind)


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()[:10] if isinstance(value, dt.datetime) else value.isoformat()
    return str(value).strip()


def _choice(value: str, prop: Prop) -> str:
    if prop.choices is None or value in prop.choices:
        return value
    wanted = slug(value)
    return wanted if wanted in prop.choices else value


def convert(value: Any, prop: Prop, typed: bool) -> tuple[Any, str | None]:
    """``value`` as the schema kind of ``prop`` wants it, and a warning; ValueError if not."""
    kind = prop.kind
    if kind == "str":
        return _choice(_text(value), prop), None
    if kind in ("int", "number", "float"):
        warning = None
        if isinstance(value, bool):
            raise ValueError(f"{value!r} is not a number")
        if isinstance(value, (int, float)):
            number: int | float = value
        elif typed:
            try:
                number = parse_machine_number(value)
            except ValueError:
                reading = parse_number(str(value))
                number, warning = reading.value, reading.warning
        else:
            reading = parse_number(str(value))
            number, warning = reading.value, reading.warning
        if isinstance(number, float) and (math.isnan(number) or math.isinf(number)):
            raise ValueError(f"{value!r} is not a finite number")
        if kind == "int":
            if isinstance(number, float):
                if not number.is_integer():
                    raise ValueError(f"{value!r} is not a whole number")
                number = int(number)
        elif kind == "float":
            number = float(number)
        return number, warning
    if kind == "bool":
        return parse_bool(value), None
    if kind == "date":
        return parse_date(value)
    if kind in ("list", "locators", "dict"):
        if isinstance(value, (list, dict)):
            decoded = value
        else:
            s = str(value).strip()
            if s[:1] in "[{":
                try:
                    decoded = loads_cell(s)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"not valid JSON: {exc.msg} at character {exc.pos}") from exc
            elif kind == "list":
                decoded = [part.strip() for part in s.split("|") if part.strip()]
            else:
                raise ValueError("expected JSON text (starting with [ or {)")
        if kind == "dict" and not isinstance(decoded, dict):
            raise ValueError("expected a JSON object")
        if kind in ("list", "locators") and not isinstance(decoded, list):
            raise ValueError("expected a list")
        return decoded, None
    return value, None


def loads_cell(text: str) -> Any:
    """JSON text of a cell or attribute; every failure (bad syntax, nesting deeper than
    ``JEJARING_IMPORT_MAX_DEPTH``, a number too long to convert) is a ``json.JSONDecodeError``."""
    from loaders import safety

    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        cap = safety.limits().max_depth
        raise json.JSONDecodeError(f"nested deeper than {cap} levels", text, 0) from None
    except ValueError as exc:
        raise json.JSONDecodeError(str(exc), text, 0) from None
    if text.count("[") + text.count("{") > 8:  # fewer brackets cannot nest past any real cap
        cap = safety.limits().max_depth
        if safety.json_depth(value, cap) > cap:
            raise json.JSONDecodeError(f"nested deeper than {cap} levels", text, 0)
    return value


def _canonical(cells: Mapping[str, Any], aliases: Mapping[str, str]) -> dict[str, tuple[str, Any]]:
    """canonical column -> (header as written, value)."""
    out: dict[str, tuple[str, Any]] = {}
    for header, value in cells.items():
        key = norm_header(header)
        canon = aliases.get(key, key)
        if canon in out:  # e.g. both "Description" and "keterangan": the second stays extra
            out[str(header)] = (header, value)
        else:
            out[canon] = (header, value)
    return out


def _json_names(canon: dict[str, tuple[str, Any]], row: Row, problems: list) -> set[str]:
    if JSON_COLUMN not in canon:
        return set()
    header, value = canon.pop(JSON_COLUMN)
    if isinstance(value, list):
        return {str(v) for v in value}
    text = str(value).strip()
    if text.startswith("["):
        try:
            return {str(v) for v in loads_cell(text)}
        except json.JSONDecodeError:
            problems.append(_problem(row, header, "not a JSON list of property names"))
            return set()
    return {part.strip() for part in re.split(r"[|,]", text) if part.strip()}


def _evidence(
    canon: dict[str, tuple[str, Any]],
    row: Row,
    columns: dict[str, str],
    problems: list[ImportProblem],
) -> list[dict[str, Any]] | None:
    """Locators from the ``evidence`` column (JSON) and/or the evidence_* columns."""
    locators: list[dict[str, Any]] = []
    if "evidence" in canon:
        header, value = canon.pop("evidence")
        columns["evidence"] = header
        if isinstance(value, list) or (isinstance(value, str) and value.strip()[:1] in "[{"):
            try:
                decoded, _ = convert(value, Prop("locators"), True)
                locators.extend(decoded if isinstance(decoded, list) else [decoded])
            except ValueError as exc:
                problems.append(_problem(row, header, f"evidence: {exc}"))
        else:
            # free text: the note of a locator that points at this row of the file
            locators.append(
                {
                    "source": row.file,
                    "section": row.sheet or "rows",
                    "paragraph": row.row,
                    "note": _text(value),
                }
            )
    parts = {}
    for part in EVIDENCE_PARTS:
        if f"evidence_{part}" in canon:
            header, value = canon.pop(f"evidence_{part}")
            columns.setdefault("evidence", header)
            if part == "paragraph":
                try:
                    value, _ = convert(value, Prop("int"), row.typed)
                except ValueError as exc:
                    problems.append(_problem(row, header, f"paragraph: {exc}"))
                    continue
            else:
                value = _text(value)
            parts[part] = value
    if parts:
        if "source" not in parts or "section" not in parts or "paragraph" not in parts:
            missing = [p for p in ("source", "section", "paragraph") if p not in parts]
            problems.append(
                _problem(
                    row,
                    columns["evidence"],
                    "an evidence locator needs evidence_source, evidence_section and "
                    f"evidence_paragraph; missing: {', '.join('evidence_' + m for m in missing)}",
                )
            )
        else:
            locators.insert(0, parts)
    return locators or None


def _default_locator(row: Row) -> dict[str, Any]:
    return {
        "source": row.file,
        "section": row.sheet or "rows",
        "paragraph": row.row,
        "note": "imported without evidence: this locator points at the row of the file",
    }


def _schema_problems(errors, row: Row, columns: Mapping[str, str]) -> list[ImportProblem]:
    out = []
    for err in errors:
        base = err.field.split("[", 1)[0].split(".", 1)[0]
        column = columns.get(base, base)
        kind = "reference" if base in ("start", "end") else "schema"
        if base == "type" and "unknown relationship type" in err.problem:
            kind = "relationship_type"
        out.append(ImportProblem(row.file, row.sheet, row.row, column, err.problem, ERROR, kind))
    return out


def _set_prop(
    record: dict[str, Any],
    name: str,
    header: str,
    value: Any,
    prop: Prop | None,
    row: Row,
    columns: dict[str, str],
    problems: list[ImportProblem],
    json_names: set[str],
) -> None:
    columns[name] = header
    if prop is None:  # a property the schema does not know: kept as it is
        if name in json_names and isinstance(value, str):
            try:
                value = loads_cell(value)
            except json.JSONDecodeError as exc:
                problems.append(_problem(row, header, f"not valid JSON: {exc.msg}"))
                return
        record[name] = value
        return
    try:
        converted, warning = convert(value, prop, row.typed)
    except ValueError as exc:
        problems.append(
            _problem(
                row,
                header,
                str(exc),
                ERROR,
                "number" if prop.kind in ("int", "number", "float") else "value",
            )
        )
        return
    if warning:
        kind = "ambiguous_number" if prop.kind in ("int", "number", "float") else "ambiguous_date"
        problems.append(_problem(row, header, warning, WARNING, kind))
    record[name] = converted


def _node_label(
    canon: dict[str, tuple[str, Any]], row: Row, kumu: bool, problems: list[ImportProblem]
) -> tuple[str | None, str | None]:
    """(label, column it came from); may set ``type`` when Kumu's Type names an actor type."""
    if not kumu and "label" in canon:
        header, value = canon.pop("label")
        label = LABEL_ALIASES.get(slug(_text(value)).replace("_", "")) or LABEL_ALIASES.get(
            slug(_text(value))
        )
        if label is None:
            problems.append(
                _problem(
                    row,
                    header,
                    f"unknown label {_text(value)!r}; one of: {', '.join(sorted(LABELS))}",
                    ERROR,
                    "schema",
                )
            )
        return label, header
    if "type" in canon:
        header, value = canon["type"]
        text = slug(_text(value))
        label = LABEL_ALIASES.get(text) or LABEL_ALIASES.get(text.replace("_", ""))
        if label is not None:
            canon.pop("type")
            return label, header
        if text in ACTOR_TYPES:
            return "Actor", header
    return "Actor" if kumu else None, None


def _element_draft(row: Row, problems: list[ImportProblem]) -> NodeDraft:
    canon = _canonical(row.cells, ELEMENT_ALIASES)
    kumu = "name" not in canon and "label" in canon and not row.typed
    if kumu:  # Kumu: Label is the element's name, Type its kind
        canon["name"] = canon.pop("label")
    if row.typed and "name" not in canon and "label" in canon:
        label_value = _text(canon["label"][1])
        if slug(label_value) not in LABEL_ALIASES and label_value not in LABELS:
            canon["name"] = canon.pop("label")  # GraphML/GEXF display label
            kumu = True
    columns: dict[str, str] = {}
    record: dict[str, Any] = {}
    local: list[ImportProblem] = []
    json_names = _json_names(canon, row, local)
    label, label_col = _node_label(canon, row, kumu, local)
    if label_col:
        columns["label"] = label_col
    if label is None and label_col is None:
        local.append(
            _problem(
                row,
                "label",
                "no label: add a label column (Actor, Program, Intervention, ...) or a Type "
                "that names one",
                ERROR,
                "required",
            )
        )
    given_id = None
    if "id" in canon:
        header, value = canon.pop("id")
        columns["id"] = header
        given_id = _text(value)
        if given_id and ":" in given_id and given_id.split(":", 1)[0] in LABELS:
            prefix, _, given_id = given_id.partition(":")
            if label is None:
                label = prefix
    record["label"] = label
    spec = NODE_SPECS.get(label or "", {})
    if "type" in canon:
        header, value = canon.pop("type")
        kind_prop = KIND_PROPERTY.get(label or "")
        if kind_prop and kind_prop not in canon:
            _set_prop(
                record,
                kind_prop,
                header,
                value,
                spec.get(kind_prop),
                row,
                columns,
                local,
                json_names,
            )
        elif label is not None:
            local.append(
                _problem(
                    row,
                    header,
                    f"a {label} has no type; the value is kept as the extra property 'type'",
                    WARNING,
                    "extra",
                )
            )
            record["type"] = _text(value)
            columns["type"] = header
    if label == "Place" and "level" in canon and "place_level" not in record:
        canon["place_level"] = canon.pop("level")
    evidence = _evidence(canon, row, columns, local)
    tags = None
    if "tags" in canon:
        header, value = canon.pop("tags")
        columns["tags"] = header
        try:
            tags, _ = convert(value, Prop("list"), row.typed)
            tags = [str(t) for t in tags]
            record["tags"] = tags
        except ValueError as exc:
            local.append(_problem(row, header, f"tags: {exc}"))
    for name, (header, value) in canon.items():
        if name in ("label", "_json"):
            continue
        prop = spec.get(name)
        if name not in spec:
            name = header.strip() if not row.typed else header  # extras keep their own name
        _set_prop(record, name, header, value, prop, row, columns, local, json_names)
    if label == "Actor" and tags:  # Kumu tags may carry the sector and the level
        for prop, choices in (("sector", SECTORS), ("level", LEVELS)):
            found = [slug(t) for t in tags if slug(t) in choices]
            if prop not in record and len(found) == 1:
                record[prop] = found[0]
                columns[prop] = columns["tags"]
    node_id = given_id
    if node_id and not ID_PATTERN.match(node_id):
        fixed = slug(node_id)
        local.append(
            _problem(
                row, columns.get("id", "id"), f"id {node_id!r} written as {fixed!r}", WARNING, "id"
            )
        )
        node_id = fixed
    if not node_id and isinstance(record.get("name"), str):
        node_id = slug(record["name"])
    if node_id:
        record["id"] = node_id
    had_evidence = evidence is not None
    record["evidence"] = evidence if evidence is not None else [_default_locator(row)]
    draft = NodeDraft(record, row, columns, given_id, had_evidence)
    if label is not None:
        local.extend(_schema_problems(validate_node(record, extra_ok=True), row, columns))
    draft.ok = not any(p.severity == ERROR for p in local)
    problems.extend(local)
    return draft


def _rel_type(value: Any) -> str | None:
    text = slug(_text(value))
    upper = text.upper()
    if upper in REL_TYPES:
        return upper
    return REL_ALIASES.get(text)


def _connection_draft(row: Row, problems: list[ImportProblem]) -> RelDraft:
    canon = _canonical(row.cells, CONNECTION_ALIASES)
    columns: dict[str, str] = {}
    local: list[ImportProblem] = []
    json_names = _json_names(canon, row, local)
    refs = []
    for side in ("from", "to"):
        if side in canon:
            header, value = canon.pop(side)
            columns["start" if side == "from" else "end"] = header
            refs.append(_text(value))
        else:
            refs.append("")
            local.append(
                _problem(
                    row,
                    side,
                    f"missing '{side}': which element the connection "
                    f"{'starts' if side == 'from' else 'ends'} at",
                    ERROR,
                    "required",
                )
            )
    record: dict[str, Any] = {}
    rel_type = None
    if "type" in canon:
        header, value = canon.pop("type")
        columns["type"] = header
        rel_type = _rel_type(value)
        if rel_type is None:
            local.append(
                _problem(
                    row,
                    header,
                    f"unknown relationship type {_text(value)!r}; one of: "
                    f"{', '.join(sorted(REL_TYPES))}",
                    ERROR,
                    "relationship_type",
                )
            )
    else:
        local.append(_problem(row, "type", "missing relationship type", ERROR, "required"))
    record["type"] = rel_type
    # an unknown type still gets the properties every type has checked (date, weight, ...)
    spec = REL_SPECS[rel_type or "COLLABORATES_WITH"][1]
    evidence = _evidence(canon, row, columns, local)
    if "direction" in canon:
        header, value = canon.pop("direction")
        direction = slug(_text(value))
        if direction not in ("directed", "", "one_way", "searah"):
            record["direction"] = direction
            columns["direction"] = header
    for name, (header, value) in canon.items():
        prop = spec.get(name)
        if name not in spec:
            name = header.strip() if not row.typed else header
        if name in ("type", "start", "end"):
            name = f"x_{name}"
        _set_prop(record, name, header, value, prop, row, columns, local, json_names)
    had_evidence = evidence is not None
    record["evidence"] = evidence if evidence is not None else [_default_locator(row)]
    draft = RelDraft(record, row, columns, refs[0], refs[1], had_evidence)
    draft.ok = not any(p.severity == ERROR for p in local)
    problems.extend(local)
    return draft


def rows_to_drafts(parsed: Parsed) -> Drafts:
    """Node and relationship drafts of every row, and the problems found so far (reading,
    types, required fields, relationship types). Ends are resolved by ``loaders.importer``."""
    drafts = Drafts(problems=list(parsed.problems))
    for row in parsed.elements:
        drafts.nodes.append(_element_draft(row, drafts.problems))
    for row in parsed.connections:
        drafts.relationships.append(_connection_draft(row, drafts.problems))
    return drafts


def check_relationship(record: Mapping[str, Any], draft: RelDraft) -> list[ImportProblem]:
    """Schema problems of a relationship whose ends are resolved, located at its row."""
    return _schema_problems(validate_relationship(record, extra_ok=True), draft.row, draft.columns)


# -- writing -------------------------------------------------------------------------------------
def _format_number(value: int | float) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return repr(float(value)).replace(".", ",")


def _simple_locator(evidence: Any) -> dict[str, Any] | None:
    if (
        isinstance(evidence, list)
        and len(evidence) == 1
        and isinstance(evidence[0], dict)
        and set(evidence[0]) <= set(EVIDENCE_PARTS)
        and {"source", "section", "paragraph"} <= set(evidence[0])
        and isinstance(evidence[0]["paragraph"], int)
        and all(
            isinstance(evidence[0][k], str)
            and evidence[0][k] == evidence[0][k].strip()
            and evidence[0][k]
            for k in ("source", "section")
        )
        and (
            "note" not in evidence[0]
            or (
                isinstance(evidence[0]["note"], str)
                and evidence[0]["note"] == evidence[0]["note"].strip()
                and evidence[0]["note"]
            )
        )
    ):
        return evidence[0]
    return None


def _cell(value: Any, prop: Prop | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _format_number(value)
    if (
        isinstance(value, list)
        and prop is not None
        and prop.kind == "list"
        and (
            all(
                isinstance(v, str)
                and v
                and "|" not in v
                and v == v.strip()
                and not v.startswith(("[", "{"))
                for v in value
            )
            and value
        )
    ):
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


def write_tables(graph: nx.MultiDiGraph) -> tuple[str, str]:
    """``(nodes.csv, edges.csv)`` of a store's NetworkX view, in the template's columns.

    Numbers are written in Indonesian notation (decimal comma, no thousands separator), lists
    of plain names joined with ``|``, locators and mappings as JSON; an extra property that is
    not text is written as JSON and named in the ``_json`` column, so it reads back with its
    type.
    """
    node_rows: list[dict[str, str]] = []
    extra_node_cols: set[str] = set()
    for _, data in sorted(graph.nodes(data=True), key=lambda kv: kv[0]):
        label = data.get("label")
        spec = NODE_SPECS.get(label, {})
        kind_prop = KIND_PROPERTY.get(label)
        row: dict[str, str] = {"label": str(label)}
        json_names = []
        for name, value in data.items():
            if name == "label" or value is None:
                continue
            prop = spec.get(name)
            if name == "evidence":
                loc = _simple_locator(value)
                if loc is not None:
                    for part in EVIDENCE_PARTS:
                        if part in loc:
                            row[f"evidence_{part}"] = _cell(loc[part], Prop("str"))
                    continue
                row["evidence"] = _cell(value, prop)
                continue
            column = "type" if name == kind_prop else name
            if prop is None and name in ELEMENT_COLUMNS + [JSON_COLUMN, "place_level"]:
                column = f"x_{name}"  # would be read as something else
            if column == "tags" and isinstance(value, list):
                prop = Prop("list")
            if _needs_json(value, prop):
                json_names.append(column)
                row[column] = json.dumps(value, ensure_ascii=False, sort_keys=True)
            else:
                row[column] = _cell(value, prop)
            if column not in ELEMENT_COLUMNS:
                extra_node_cols.add(column)
        if json_names:
            row[JSON_COLUMN] = "|".join(sorted(json_names))
            extra_node_cols.add(JSON_COLUMN)
        node_rows.append(row)
    edge_rows: list[dict[str, str]] = []
    extra_edge_cols: set[str] = set()
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        spec = REL_SPECS.get(key, (None, {}))[1]
        row = {"from": u, "to": v, "type": key}
        json_names = []
        for name, value in data.items():
            if name == "type" or value is None:
                continue
            prop = spec.get(name)
            if name == "evidence":
                loc = _simple_locator(value)
                if loc is not None:
                    for part in EVIDENCE_PARTS:
                        if part in loc:
                            row[f"evidence_{part}"] = _cell(loc[part], Prop("str"))
                    continue
                row["evidence"] = _cell(value, prop)
                continue
            column = name
            if prop is None and norm_header(name) in set(CONNECTION_COLUMNS) | set(
                CONNECTION_ALIASES
            ) | {JSON_COLUMN, "direction"}:
                column = f"x_{name}"
            if _needs_json(value, prop):
                json_names.append(column)
                row[column] = json.dumps(value, ensure_ascii=False, sort_keys=True)
            else:
                row[column] = _cell(value, prop)
            if column not in CONNECTION_COLUMNS:
                extra_edge_cols.add(column)
        if json_names:
            row[JSON_COLUMN] = "|".join(sorted(json_names))
            extra_edge_cols.add(JSON_COLUMN)
        edge_rows.append(row)
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
