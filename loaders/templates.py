"""The spreadsheet templates of data/templates/: blank ones and a filled example.

``python -m loaders.templates`` writes them again. The example village, **Desa Contoh
(fiktif)**, does not exist: every one of its records says so in its name or description, has
``synthetic: true`` and cites the source ``contoh_fiktif``.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from graph.schema import (
    ACTOR_TYPES,
    CLAIM_KINDS,
    FACTOR_KINDS,
    INTERVENTION_KINDS,
    LABELS,
    LEVELS,
    PLACE_LEVELS,
    POLICY_KINDS,
    REL_TYPES,
    SECTORS,
)
from loaders.formats.columns import CONNECTION_COLUMNS, ELEMENT_COLUMNS

__all__ = ["TEMPLATE_DIR", "EXAMPLE_ELEMENTS", "EXAMPLE_CONNECTIONS", "write_templates"]

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "data" / "templates"
EXTRA_ELEMENT_COLUMNS = [
    "synthetic",
    "quantity",
    "unit",
    "frequency",
    "start",
    "value",
    "date",
    "instrument",
    "source",
]
EXTRA_CONNECTION_COLUMNS = ["amount", "currency", "claim", "role", "synthetic"]
_EV = {"evidence_source": "contoh_fiktif", "evidence_section": "Contoh pengisian"}
_NOTE = "data fiktif untuk contoh pengisian, bukan data nyata"


def _el(i: int, **cells: str) -> dict[str, str]:
    return {**_EV, "evidence_paragraph": str(i), "evidence_note": _NOTE, "synthetic": "ya", **cells}


EXAMPLE_ELEMENTS: list[dict[str, str]] = [
    _el(
        1,
        id="contoh_desa",
        label="Place",
        name="Desa Contoh (fiktif)",
        name_en="Contoh village (fictional)",
        type="desa",
        description="Desa rekaan untuk contoh templat; tidak ada di peta.",
    ),
    _el(
        2,
        id="contoh_kepala_desa",
        label="Actor",
        name="Kepala Desa Contoh (fiktif)",
        name_en="Head of Contoh village (fictional)",
        type="village_government",
        sector="governance",
        level="desa",
        description="Kepala desa rekaan yang memimpin TPPS desa.",
        aliases="Kades Contoh",
    ),
    _el(
        3,
        id="contoh_tpps",
        label="Actor",
        name="TPPS Desa Contoh (fiktif)",
        name_en="Contoh village stunting acceleration team (fictional)",
        type="working_group",
        sector="governance",
        level="desa",
        aliases="TPPS|Tim Percepatan Penurunan Stunting",
    ),
    _el(
        4,
        id="contoh_kader_tpk",
        label="Actor",
        name="Kader TPK Desa Contoh (fiktif)",
        name_en="Family assistance team cadres of Contoh village (fictional)",
        type="cadre",
        sector="family_planning",
        level="desa",
    ),
    _el(
        5,
        id="contoh_posyandu_mawar",
        label="Actor",
        name="Posyandu Mawar Desa Contoh (fiktif)",
        name_en="Mawar integrated health post, Contoh village (fictional)",
        type="health_facility",
        sector="health",
        level="dusun_rw",
    ),
    _el(
        6,
        id="contoh_puskesmas",
        label="Actor",
        name="Puskesmas Kecamatan Contoh (fiktif)",
        name_en="Contoh sub-district health centre (fictional)",
        type="health_facility",
        sector="health",
        level="kecamatan",
    ),
    _el(
        7,
        id="contoh_bumdes",
        label="Actor",
        name="BUMDes Contoh Makmur (fiktif)",
        name_en="Contoh Makmur village enterprise (fictional)",
        type="business",
        sector="economy",
        level="desa",
    ),
    _el(
        8,
        id="contoh_kampung_kb",
        label="Program",
        name="Kampung KB Desa Contoh (fiktif)",
        name_en="Family planning village programme of Contoh (fictional)",
        start="Maret 2021",
    ),
    _el(
        9,
        id="contoh_kelas_ibu_hamil",
        label="Intervention",
        name="Kelas ibu hamil Desa Contoh (fiktif)",
        name_en="Antenatal classes in Contoh village (fictional)",
        type="specific",
        frequency="monthly",
        start="2022-01",
    ),
    _el(
        10,
        id="contoh_pmt_lokal",
        label="Intervention",
        name="PMT lokal berbahan ikan Desa Contoh (fiktif)",
        name_en="Local fish-based supplementary feeding in Contoh village (fictional)",
        type="specific",
        quantity="1.250",
        unit="paket",
        frequency="monthly",
        start="15/07/2022",
    ),
    _el(
        11,
        id="contoh_ibu_hamil",
        label="TargetGroup",
        name="Ibu hamil Desa Contoh (fiktif)",
        name_en="Pregnant women of Contoh village (fictional)",
    ),
    _el(
        12,
        id="contoh_prevalensi_stunting",
        label="Indicator",
        name="Prevalensi stunting Desa Contoh (fiktif)",
        name_en="Stunting prevalence in Contoh village (fictional)",
        unit="percent",
    ),
    _el(
        13,
        id="contoh_obs_2022",
        label="Observation",
        name="Prevalensi stunting Desa Contoh 2022 (fiktif)",
        name_en="Stunting prevalence, Contoh village, 2022 (fictional)",
        value="24,5",
        unit="percent",
        date="2022-08",
        instrument="e-PPGBM",
        source="Posyandu Desa Contoh (fiktif)",
    ),
    _el(
        14,
        id="contoh_obs_2023",
        label="Observation",
        name="Prevalensi stunting Desa Contoh 2023 (fiktif)",
        name_en="Stunting prevalence, Contoh village, 2023 (fictional)",
        value="18,25",
        unit="percent",
        date="Agustus 2023",
        instrument="e-PPGBM",
        source="Posyandu Desa Contoh (fiktif)",
    ),
]


def _co(i: int, frm: str, to: str, rel: str, **cells: str) -> dict[str, str]:
    return {
        "from": frm,
        "to": to,
        "type": rel,
        **_EV,
        "evidence_paragraph": str(i),
        "evidence_note": _NOTE,
        "synthetic": "ya",
        **cells,
    }


EXAMPLE_CONNECTIONS: list[dict[str, str]] = [
    _co(
        20,
        "contoh_kepala_desa",
        "contoh_tpps",
        "LEADS",
        description="Kepala desa memimpin TPPS (fiktif).",
    ),
    _co(21, "contoh_kader_tpk", "contoh_tpps", "MEMBER_OF", role="pendamping keluarga"),
    _co(22, "contoh_puskesmas", "contoh_posyandu_mawar", "SUPPORTS"),
    _co(23, "contoh_tpps", "contoh_kampung_kb", "COORDINATES"),
    _co(24, "contoh_posyandu_mawar", "contoh_kelas_ibu_hamil", "IMPLEMENTS"),
    _co(
        25,
        "Kader TPK Desa Contoh (fiktif)",
        "contoh_kelas_ibu_hamil",
        "SUPPORTS",
        description="Ujung 'from' ditulis dengan nama, bukan id (fiktif).",
    ),
    _co(26, "contoh_bumdes", "contoh_pmt_lokal", "FUNDS", amount="Rp 15 juta", currency="IDR"),
    _co(
        27, "contoh_kepala_desa", "contoh_pmt_lokal", "FUNDS", amount="Rp 7.500.000", currency="IDR"
    ),
    _co(28, "contoh_puskesmas", "contoh_kader_tpk", "collaborates_with", weight="2", date="2022"),
    _co(29, "contoh_kelas_ibu_hamil", "contoh_ibu_hamil", "TARGETS"),
    _co(30, "contoh_pmt_lokal", "contoh_ibu_hamil", "TARGETS"),
    _co(31, "contoh_kelas_ibu_hamil", "contoh_kampung_kb", "PART_OF"),
    _co(
        32,
        "contoh_pmt_lokal",
        "contoh_prevalensi_stunting",
        "CONTRIBUTES_TO",
        claim="reported_by_informants",
    ),
    _co(33, "contoh_obs_2022", "contoh_prevalensi_stunting", "OBSERVED_FOR"),
    _co(34, "contoh_obs_2023", "contoh_prevalensi_stunting", "OBSERVED_FOR"),
    _co(35, "contoh_obs_2022", "contoh_desa", "OBSERVED_IN"),
    _co(36, "contoh_obs_2023", "contoh_desa", "OBSERVED_IN"),
    _co(37, "contoh_kampung_kb", "contoh_desa", "LOCATED_IN"),
]

INSTRUCTIONS = [
    ("Templat Jejaring / Jejaring template", ""),
    (
        "Sheet 'elements': satu baris per elemen / one row per element.",
        "id (huruf kecil/lower case), label (Actor, Program, Intervention, TargetGroup, Indicator, "
        "Observation, Place, Policy, Factor, Claim, Source), name, name_en, type, sector, level, "
        "description, description_en, aliases (pisahkan dengan | / separate with |), evidence_*",
    ),
    (
        "Sheet 'connections': satu baris per hubungan / one row per connection.",
        "from, to (id, Label:id, atau nama / or name), type (COLLABORATES_WITH, FUNDS, ...), weight, "
        "date, description, evidence_*",
    ),
    ("Angka / Numbers", "1.685 = seribu enam ratus delapan puluh lima; 39,43 = 39.43; Rp 20 juta"),
    ("Tanggal / Dates", "2023-02-17, 2023-02, 2023, 17/02/2023, 17 Februari 2023"),
    ("Kolom Kumu / Kumu columns", "Label, Type, Description, Tags; From, To, Type, Direction"),
    ("Pilihan / Choices", "lihat sheet 'Pilihan' / see the sheet 'Pilihan'"),
]


def _csv(columns: list[str], rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def _workbook(element_columns, element_rows, connection_columns, connection_rows) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    info = book.active
    info.title = "Petunjuk"
    for row in INSTRUCTIONS:
        info.append(list(row))
    info["A1"].font = Font(bold=True)
    info.column_dimensions["A"].width = 60
    info.column_dimensions["B"].width = 120
    choices = book.create_sheet("Pilihan")
    lists = {
        "label": sorted(LABELS),
        "actor type": list(ACTOR_TYPES),
        "intervention type": list(INTERVENTION_KINDS),
        "place type": list(PLACE_LEVELS),
        "policy type": list(POLICY_KINDS),
        "factor type": list(FACTOR_KINDS),
        "claim type": list(CLAIM_KINDS),
        "sector": list(SECTORS),
        "level": list(LEVELS),
        "connection type": sorted(REL_TYPES),
    }
    for col, (title, values) in enumerate(lists.items(), 1):
        choices.cell(1, col, title).font = Font(bold=True)
        for r, value in enumerate(values, 2):
            choices.cell(r, col, value)
    letters = {title: choices.cell(1, col).column_letter for col, title in enumerate(lists, 1)}

    def sheet(title, columns, rows, validations):
        ws = book.create_sheet(title)
        ws.append(columns)
        for c in ws[1]:
            c.font = Font(bold=True)
        for row in rows:
            ws.append([row.get(c, "") for c in columns])
        for column, list_title in validations.items():
            if column not in columns:
                continue
            letter = ws.cell(1, columns.index(column) + 1).column_letter
            n = len(lists[list_title]) + 1
            dv = DataValidation(
                type="list",
                formula1=f"=Pilihan!${letters[list_title]}$2:${letters[list_title]}${n}",
                allow_blank=True,
                showErrorMessage=False,
            )
            dv.add(f"{letter}2:{letter}1000")
            ws.add_data_validation(dv)
        for i, column in enumerate(columns, 1):
            ws.column_dimensions[ws.cell(1, i).column_letter].width = max(12, len(column) + 4)
        # numbers as text, so "1.685" stays Indonesian notation
        return ws

    sheet(
        "elements",
        element_columns,
        element_rows,
        {"label": "label", "sector": "sector", "level": "level"},
    )
    sheet("connections", connection_columns, connection_rows, {"type": "connection type"})
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def write_templates(folder: Path = TEMPLATE_DIR) -> list[Path]:
    """Write the blank templates and the example into ``folder``; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    el_cols = ELEMENT_COLUMNS + EXTRA_ELEMENT_COLUMNS
    co_cols = CONNECTION_COLUMNS + EXTRA_CONNECTION_COLUMNS
    files = {
        "template_elements.csv": _csv(ELEMENT_COLUMNS, []).encode("utf-8-sig"),
        "template_connections.csv": _csv(CONNECTION_COLUMNS, []).encode("utf-8-sig"),
        "template.xlsx": _workbook(ELEMENT_COLUMNS, [], CONNECTION_COLUMNS, []),
        "contoh_desa_fiktif_elements.csv": _csv(el_cols, EXAMPLE_ELEMENTS).encode("utf-8-sig"),
        "contoh_desa_fiktif_connections.csv": _csv(co_cols, EXAMPLE_CONNECTIONS).encode(
            "utf-8-sig"
        ),
        "contoh_desa_fiktif.xlsx": _workbook(
            el_cols, EXAMPLE_ELEMENTS, co_cols, EXAMPLE_CONNECTIONS
        ),
    }
    paths = []
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


if __name__ == "__main__":
    for p in write_templates(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE_DIR):
        print(p)
