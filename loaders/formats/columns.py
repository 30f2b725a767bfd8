"""The columns of the spreadsheet template, the names they are also known by, and the words
of labels and relationship types in Bahasa Indonesia.

The CSV/XLSX reader uses them to tell an elements sheet from a connections sheet, the draft
stage (``loaders.drafts``) to find a row's fields, the CSV writer and ``loaders.templates``
to write the template's columns.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from graph.schema import LABELS

__all__ = [
    "ELEMENT_COLUMNS",
    "CONNECTION_COLUMNS",
    "KIND_PROPERTY",
    "JSON_COLUMN",
    "EVIDENCE_PARTS",
    "ELEMENT_ALIASES",
    "CONNECTION_ALIASES",
    "LABEL_ALIASES",
    "REL_ALIASES",
    "norm_header",
    "slug",
    "sheet_role",
]

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


def norm_header(header: Any) -> str:
    """``" Evidence Note "`` -> ``"evidence_note"``."""
    return re.sub(r"[\s\-]+", "_", str(header).strip().lower())


def slug(text: str) -> str:
    """An id from a name: ``"Kader Posyandu Melati (RW 02)"`` -> ``"kader_posyandu_melati_rw_02"``."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = re.sub(r"[^a-z0-9]+", "_", folded.lower()).strip("_")
    return out or "x"


def sheet_role(headers: Iterable[Any]) -> str | None:
    """``connections`` for a sheet with from/to columns, ``elements`` for one with id, label or
    name, None for a sheet whose columns say neither."""
    names = {norm_header(h) for h in headers if h is not None and str(h).strip()}
    if names & {"from", "dari"} and names & {"to", "ke"}:
        return "connections"
    if {"source", "target"} <= names and not names & {"name", "nama"}:
        return "connections"
    canon_e = {ELEMENT_ALIASES.get(n, n) for n in names}
    if canon_e & {"id", "name", "label"}:
        return "elements"
    return None
