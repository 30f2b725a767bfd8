"""The administrative hierarchy from a Kemendagri code file: Place nodes with PART_OF up to
the province.

The file has the columns ``kode`` (dotted Kemendagri code), ``kode_nodot``, ``nama``,
``level`` (1 province, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan), ``level_name``,
``jenis`` (kabupaten/kota at level 2, desa/kelurahan at level 4) and ``parent_kode``; the
national file (91,599 rows) and the Banten subset in ``../shared/data`` have the same columns
and are read unchanged. A crosswalk file (``level, bps_code, bps_name, kemendagri_code,
kemendagri_name``) adds the BPS 2018 code of each place.

The file is streamed: rows are read, checked and written in batches, so memory holds one
batch, the set of codes above village level (about 7,800 nationally, needed to tell whether
a row's parent exists) and the crosswalk, never the whole file. A row that cannot be placed
(bad code, unknown level, a parent that is not in the file, a repeated code, ...) is
reported with its file, row (the header is row 1) and field, and skipped; the rest is
written.

Every place gets the id ``wil_<kode>`` (``wil_36.04.23.2015``), a name as people say it
(``Kecamatan Cikeusal``, ``Desa Mongpok``; the file's own spelling is kept as an alias),
``place_level`` from the schema, ``kemendagri_code``, ``bps_code`` when the crosswalk has it,
and an evidence locator pointing at its row of the file (source ``kemendagri_wilayah``,
section = the file name, paragraph = the row). When the store already holds a place with
the same Kemendagri code under another id (the curated case study's ``desa_mongpok``), that
node is kept as it is and the hierarchy links to it instead of adding a twin.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.store import GraphStore

__all__ = [
    "PLACE_COLUMNS",
    "PlaceRow",
    "PlaceProblem",
    "PlacesReport",
    "PlacesFileError",
    "iter_place_rows",
    "read_crosswalk",
    "place_id",
    "place_record",
    "import_places",
    "SOURCE_ID",
]

PLACE_COLUMNS = ("kode", "nama", "level", "parent_kode")
OPTIONAL_COLUMNS = ("kode_nodot", "level_name", "jenis")
CROSSWALK_COLUMNS = ("bps_code", "kemendagri_code")
SOURCE_ID = "kemendagri_wilayah"
ID_PREFIX = "wil_"

# level -> (schema place_level by jenis, default place_level, Indonesian prefix of the name)
_LEVELS: dict[int, tuple[dict[str, str], str]] = {
    1: ({}, "province"),
    2: ({"kabupaten": "kabupaten", "kota": "kota"}, "kabupaten"),
    3: ({}, "kecamatan"),
    4: ({"desa": "desa", "kelurahan": "kelurahan"}, "desa"),
}
_NAME_PREFIX = {
    "province": ("Provinsi", "Province"),
    "kabupaten": ("Kabupaten", "Regency"),
    "kota": ("Kota", "City"),
    "kecamatan": ("Kecamatan", "sub-district"),
    "desa": ("Desa", "village"),
    "kelurahan": ("Kelurahan", "urban village"),
}


class PlacesFileError(ValueError):
    """The file cannot be read as a place file at all (missing, unreadable, wrong columns)."""


@dataclass(frozen=True)
class PlaceRow:
    """One checked row of a Kemendagri code file."""

    row: int  # as a spreadsheet numbers it: the header is row 1
    kode: str
    nama: str
    level: int
    place_level: str
    parent_kode: str


@dataclass(frozen=True)
class PlaceProblem:
    """A row that could not be placed, with where and why."""

    file: str
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}, row {self.row}, field '{self.field}': {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "row": self.row, "field": self.field, "message": self.message}


@dataclass
class PlacesReport:
    """What an import did: rows read, places written per level, rows skipped and why."""

    file: str
    rows: int = 0
    places: dict[str, int] = field(default_factory=dict)
    part_of: int = 0
    bps_codes: int = 0
    kept_existing: list[str] = field(default_factory=list)  # ids of stored places linked to
    problems: list[PlaceProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "rows": self.rows,
            "places": dict(self.places),
            "part_of": self.part_of,
            "bps_codes": self.bps_codes,
            "kept_existing": list(self.kept_existing),
            "problems": [p.as_dict() for p in self.problems],
        }

    def text(self) -> str:
        lines = [f"{self.file}: {self.rows} rows read"]
        for level, n in self.places.items():
            lines.append(f"  {level:<12} {n:>7}")
        lines.append(f"  PART_OF      {self.part_of:>7}")
        lines.append(f"  with BPS code {self.bps_codes:>6}")
        if self.kept_existing:
            lines.append(
                f"  linked to {len(self.kept_existing)} place(s) already stored under their own "
                f"id: {', '.join(self.kept_existing[:10])}"
            )
        if self.problems:
            lines.append(f"{len(self.problems)} row(s) could not be placed:")
            lines.extend(f"  {p}" for p in self.problems[:50])
            if len(self.problems) > 50:
                lines.append(f"  ... and {len(self.problems) - 50} more")
        return "\n".join(lines)


def place_id(kode: str) -> str:
    """The node id of the place with Kemendagri code ``kode``: ``wil_36.04.23.2015``."""
    return f"{ID_PREFIX}{kode}"


def _open_csv(path: Path) -> Any:
    try:
        return path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise PlacesFileError(f"{path}: cannot read: {exc}") from exc


def _check_row(raw: Mapping[str, str | None], row: int, name: str) -> PlaceRow | PlaceProblem:
    def bad(fld: str, message: str) -> PlaceProblem:
        return PlaceProblem(name, row, fld, message)

    kode = (raw.get("kode") or "").strip()
    nama = (raw.get("nama") or "").strip()
    level_text = (raw.get("level") or "").strip()
    parent = (raw.get("parent_kode") or "").strip()
    jenis = (raw.get("jenis") or "").strip().lower()
    if None in raw:  # more cells than columns
        return bad("-", f"more cells than the {len(raw) - 1} columns of the header")
    if not kode:
        return bad("kode", "empty")
    parts = kode.split(".")
    if not all(p.isdigit() for p in parts):
        return bad("kode", f"{kode!r} is not a dotted Kemendagri code (digits and dots)")
    if not level_text.isdigit() or int(level_text) not in _LEVELS:
        return bad("level", f"{level_text!r} is not 1, 2, 3 or 4")
    level = int(level_text)
    if len(parts) != level:
        return bad("kode", f"{kode!r} has {len(parts)} part(s) but level is {level}")
    if not nama:
        return bad("nama", "empty")
    by_jenis, default = _LEVELS[level]
    if by_jenis and jenis and jenis not in by_jenis:
        return bad("jenis", f"{jenis!r} is not one of: {', '.join(by_jenis)}")
    place_level = by_jenis.get(jenis, default) if by_jenis else default
    expected_parent = ".".join(parts[:-1])
    if level == 1:
        if parent:
            return bad("parent_kode", f"a province has no parent, got {parent!r}")
    elif parent != expected_parent:
        return bad(
            "parent_kode", f"{parent!r} does not match the code {kode!r} (want {expected_parent!r})"
        )
    return PlaceRow(row, kode, nama, level, place_level, parent)


def iter_place_rows(
    path: Path | str, problems: list[PlaceProblem] | None = None
) -> Iterator[PlaceRow]:
    """Stream the checked rows of a Kemendagri code file in file order.

    A row with a problem is appended to ``problems`` (when given) and skipped. Whether the
    parent exists is not checked here (see :func:`import_places`). Raises
    :class:`PlacesFileError` when the file is missing or lacks one of the needed columns."""
    path = Path(path)
    if not path.is_file():
        raise PlacesFileError(f"place file not found: {path}")
    with _open_csv(path) as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in PLACE_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise PlacesFileError(
                f"{path.name}, row 1: missing column(s) {', '.join(missing)}; "
                f"want {', '.join(PLACE_COLUMNS + OPTIONAL_COLUMNS)}"
            )
        for n, raw in enumerate(reader, start=2):
            checked = _check_row(raw, n, path.name)
            if isinstance(checked, PlaceProblem):
                if problems is not None:
                    problems.append(checked)
                continue
            yield checked


def read_crosswalk(path: Path | str, problems: list[PlaceProblem] | None = None) -> dict[str, str]:
    """Kemendagri code -> BPS 2018 code from a crosswalk file. Rows without a Kemendagri
    code (places BPS has and Kemendagri does not) are skipped silently; a row whose BPS code
    is not digits, or a Kemendagri code given twice with different BPS codes, is reported."""
    path = Path(path)
    if not path.is_file():
        raise PlacesFileError(f"crosswalk file not found: {path}")
    out: dict[str, str] = {}
    with _open_csv(path) as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in CROSSWALK_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise PlacesFileError(f"{path.name}, row 1: missing column(s) {', '.join(missing)}")
        for n, raw in enumerate(reader, start=2):
            kode = (raw.get("kemendagri_code") or "").strip()
            bps = (raw.get("bps_code") or "").strip()
            if not kode or not bps:
                continue
            if not bps.isdigit():
                if problems is not None:
                    problems.append(
                        PlaceProblem(path.name, n, "bps_code", f"{bps!r} is not digits")
                    )
                continue
            if kode in out and out[kode] != bps:
                if problems is not None:
                    problems.append(
                        PlaceProblem(
                            path.name,
                            n,
                            "kemendagri_code",
                            f"{kode} already has BPS code {out[kode]}, here {bps}",
                        )
                    )
                continue
            out[kode] = bps
    return out


def _display_name(row: PlaceRow) -> tuple[str, str]:
    prefix_id, word_en = _NAME_PREFIX[row.place_level]
    nama = row.nama
    if nama.lower().startswith(prefix_id.lower() + " "):
        base = nama[len(prefix_id) + 1 :]
        name = nama
    else:
        base = nama
        name = f"{prefix_id} {nama}"
    if row.place_level in ("province", "kabupaten", "kota"):
        name_en = f"{base} {word_en}"
    else:
        name_en = f"{base} ({word_en})"
    return name, name_en


def place_record(
    row: PlaceRow, *, file_name: str, bps_code: str | None = None, source: str = SOURCE_ID
) -> dict[str, Any]:
    """The Place node record of one row."""
    name, name_en = _display_name(row)
    record: dict[str, Any] = {
        "label": "Place",
        "id": place_id(row.kode),
        "name": name,
        "name_en": name_en,
        "place_level": row.place_level,
        "kemendagri_code": row.kode,
        "evidence": [{"source": source, "section": file_name, "paragraph": row.row}],
    }
    if name != row.nama:
        record["aliases"] = [row.nama]
    if bps_code:
        record["bps_code"] = bps_code
    return record


def source_record(file_name: str) -> dict[str, Any]:
    """The Source node the place records cite (one row of the file per locator)."""
    return {
        "label": "Source",
        "id": SOURCE_ID,
        "name": "Kode dan data wilayah administrasi pemerintahan (Kemendagri)",
        "name_en": "Codes of the administrative areas of Indonesia (Ministry of Home Affairs)",
        "title": "Kode dan data wilayah administrasi pemerintahan (Kepmendagri 2025)",
        "source_kind": "dataset",
        "description": (
            "Berkas kode wilayah Kemendagri; setiap lokator menunjuk baris berkas "
            f"({file_name}), baris 1 adalah kepala kolom."
        ),
        "description_en": (
            "Kemendagri code file; each locator points at a row of the file "
            f"({file_name}), row 1 being the header."
        ),
        "sections": [file_name],
        "evidence": [{"source": SOURCE_ID, "section": file_name, "paragraph": 1}],
    }


def _existing_codes(store: GraphStore) -> dict[str, str]:
    """Kemendagri code -> id of places already stored under an id of their own."""
    out: dict[str, str] = {}
    for node in store.nodes("Place"):
        code, node_id = node.get("kemendagri_code"), str(node.get("id"))
        if code and not node_id.startswith(ID_PREFIX):
            out[str(code)] = node_id
    return out


class _PlaceWriter:
    """Places of one file written in batches: the codes seen so far (to tell whether a
    parent exists and whether a code repeats), and the records not yet written."""

    def __init__(
        self,
        store: GraphStore,
        report: PlacesReport,
        file_name: str,
        bps: Mapping[str, str],
        batch_size: int,
    ) -> None:
        self.store = store
        self.report = report
        self.file_name = file_name
        self.bps = bps
        self.batch_size = batch_size
        self.existing = _existing_codes(store)
        self.seen: dict[str, int] = {}  # codes above village level, with their row
        self.village_codes: set[str] = set()
        self.nodes: list[dict[str, Any]] = []
        self.rels: list[dict[str, Any]] = []

    def flush(self) -> None:
        if self.nodes:
            self.store.upsert_nodes(self.nodes)
        if self.rels:
            self.store.upsert_relationships(self.rels)
        self.nodes.clear()
        self.rels.clear()

    def id_of(self, kode: str) -> str:
        return self.existing.get(kode) or place_id(kode)

    def repeated(self, row: PlaceRow) -> PlaceProblem | None:
        """The problem of a code that appears a second time, None for a new code."""
        if row.kode not in self.seen and row.kode not in self.village_codes:
            return None
        first = self.seen.get(row.kode)
        message = (
            f"{row.kode} appears again (first at row {first})"
            if first
            else f"{row.kode} appears again"
        )
        return PlaceProblem(self.file_name, row.row, "kode", message)

    def _node(self, row: PlaceRow, own: str) -> None:
        if row.kode in self.existing:
            self.report.kept_existing.append(own)
            return
        # a checked row always makes a valid record (the tests validate every one);
        # the schema check is left out here because it would double the time of a load
        record = place_record(row, file_name=self.file_name, bps_code=self.bps.get(row.kode))
        self.nodes.append(record)
        if record.get("bps_code"):
            self.report.bps_codes += 1

    def add(self, row: PlaceRow) -> None:
        """The place of a row whose parent is known, and its PART_OF link to the parent."""
        own = self.id_of(row.kode)
        self._node(row, own)
        places = self.report.places
        places[row.place_level] = places.get(row.place_level, 0) + 1
        if row.level < 4:
            self.seen[row.kode] = row.row
        else:
            self.village_codes.add(row.kode)
        if row.parent_kode and not (row.kode in self.existing and row.parent_kode in self.existing):
            evidence = [{"source": SOURCE_ID, "section": self.file_name, "paragraph": row.row}]
            self.rels.append(
                {
                    "type": "PART_OF",
                    "start": f"Place:{own}",
                    "end": f"Place:{self.id_of(row.parent_kode)}",
                    "evidence": evidence,
                }
            )
            self.report.part_of += 1
        if len(self.nodes) + len(self.rels) >= self.batch_size:
            self.flush()

    def place_waiting(self, waiting: list[PlaceRow]) -> None:
        """Rows that came before their parent, placed in as many rounds as needed; a row
        whose parent never came is reported and not written."""
        while waiting:
            ready = [r for r in waiting if r.parent_kode in self.seen]
            if not ready:
                break
            waiting = [r for r in waiting if r.parent_kode not in self.seen]
            for row in ready:
                self.add(row)
        for row in waiting:
            self.report.problems.append(
                PlaceProblem(
                    self.file_name,
                    row.row,
                    "parent_kode",
                    f"parent {row.parent_kode} is not in the file",
                )
            )


def _stream_rows(
    path: Path, writer: _PlaceWriter, progress: Callable[[int], None] | None
) -> tuple[list[PlaceRow], int]:
    """Write the rows of the file whose parent came before them; return the others, and the
    number of rows read since ``progress`` was last called."""
    report = writer.report
    waiting: list[PlaceRow] = []
    read_since = 0
    for row in iter_place_rows(path, report.problems):
        report.rows += 1
        read_since += 1
        if progress and read_since >= 1000:
            progress(read_since)
            read_since = 0
        problem = writer.repeated(row)
        if problem is not None:
            report.problems.append(problem)
            continue
        if row.parent_kode and row.parent_kode not in writer.seen:
            waiting.append(row)
            continue
        writer.add(row)
    return waiting, read_since


def import_places(
    path: Path | str,
    store: GraphStore,
    *,
    crosswalk: Path | str | None = None,
    batch_size: int = 2000,
    progress: Callable[[int], None] | None = None,
) -> PlacesReport:
    """Stream a Kemendagri code file into ``store``; return the report.

    Rows are written in batches of ``batch_size`` (nodes, then the PART_OF links of the
    batch; a parent always comes from an earlier row or the same batch). A row whose parent
    is not (yet) in the file waits until the end of the file; if the parent never comes the
    row is reported and not written. ``progress`` is called with the number of rows read
    since its last call."""
    path = Path(path)
    if store.whole_graph_writes:
        # the embedded store copies (and saves) its whole graph on every write: one write
        batch_size = max(batch_size, 1 << 40)
    report = PlacesReport(file=path.name)
    bps = read_crosswalk(crosswalk, report.problems) if crosswalk else {}
    writer = _PlaceWriter(store, report, path.name, bps, batch_size)
    store.upsert_nodes([source_record(path.name)])
    waiting, read_since = _stream_rows(path, writer, progress)
    writer.place_waiting(waiting)
    writer.flush()
    if progress and read_since:
        progress(read_since)
    report.problems.sort(key=lambda p: (p.file != path.name, p.row))
    return report


def iter_place_records(
    rows: Iterable[PlaceRow], *, file_name: str, bps: Mapping[str, str] | None = None
) -> Iterator[dict[str, Any]]:
    """Place node records of already checked rows (for tools that read the file themselves)."""
    for row in rows:
        yield place_record(row, file_name=file_name, bps_code=(bps or {}).get(row.kode))
