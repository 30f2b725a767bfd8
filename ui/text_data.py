"""Strings of the Data page (downloads, templates, upload) and of the exported posters and
data-quality report, in both languages."""

from __future__ import annotations


def _s(id_: str, en: str) -> dict[str, str]:
    return {"id": id_, "en": en}


STRINGS: dict[str, dict[str, str]] = {
    # -- posters ----------------------------------------------------------------------------
    "poster.title": _s(
        "Jejaring pemangku kepentingan penurunan stunting",
        "Stakeholder network of stunting reduction",
    ),
    "poster.created": _s("Dibuat {date} dengan Jejaring", "Made {date} with Jejaring"),
    "poster.view_all": _s(
        "Aktor, program dan intervensi; semua relasi",
        "Actors, programmes and interventions; every relationship",
    ),
    "poster.filters": _s("Filter: {filters}", "Filters: {filters}"),
    "poster.shown": _s(
        "{nodes} simpul dan {edges} relasi", "{nodes} nodes and {edges} relationships"
    ),
    "poster.legend": _s("Legenda", "Legend"),
    "poster.lines": _s(
        "Garis: relasi antar-simpul; garis tebal = kolaborasi erat (banyak alasan)",
        "Lines: relationships; a thick line = close collaboration (many reasons)",
    ),
    "poster.numbered": _s(
        "Nomor pada gambar (nama yang tidak muat):",
        "Numbers on the drawing (names that did not fit):",
    ),
    "poster.source_note": _s(
        "Sumber data: graf Jejaring ({nodes} simpul, {rels} relasi). Setiap simpul dan relasi "
        "merujuk ke paragraf sumber yang mendukungnya; jejaring menggambarkan apa yang "
        "didokumentasikan, bukan semua yang terjadi di lapangan.",
        "Data source: the Jejaring graph ({nodes} nodes, {rels} relationships). Every node and "
        "relationship points to the paragraph of the source that supports it; the network shows "
        "what is documented, not everything that happens on the ground.",
    ),
    "poster.bibliography": _s("Pustaka", "References"),
    "poster.no_sources": _s("(graf ini tidak mencatat sumber)", "(this graph records no source)"),
    "poster.empty": _s("Tidak ada simpul yang lolos filter ini.", "No node passes these filters."),
    "poster.filter.labels": _s("jenis simpul", "kinds of node"),
    "poster.filter.rels": _s("relasi", "relationships"),
    "poster.filter.levels": _s("tingkat", "levels"),
    "poster.filter.types": _s("jenis aktor", "actor types"),
    "poster.filter.sectors": _s("sektor", "sectors"),
    "poster.filter.programme": _s("program", "programme"),
    "poster.filter.focus": _s("fokus", "focus"),
    "poster.filter.depth": _s("jarak", "depth"),
    "poster.filter.years": _s("tahun", "years"),
    "poster.filter.colour": _s("warna", "colour"),
    "poster.filter.layout": _s("tata letak", "layout"),
    # -- data-quality report (Sources page) ------------------------------------------------
    "quality.findings": _s("Laporan mutu data", "Data-quality report"),
    "quality.findings_intro": _s(
        "Setiap temuan tentang angka sumber: lokasinya di sumber, yang dinyatakan, yang "
        "dihitung, dan tingkat keparahannya. Survei (SSGI) dan catatan administratif (e-PPGBM) "
        "tidak pernah dibandingkan sebagai satu deret. Sama dengan `python cli.py validate`.",
        "Every finding about the source's figures: where it is in the source, what is stated, "
        "what is computed, and how serious it is. Surveys (SSGI) and administrative records "
        "(e-PPGBM) are never compared as one series. The same as `python cli.py validate`.",
    ),
    "quality.download": _s("Unduh laporan (JSON)", "Download the report (JSON)"),
    "quality.severity.error": _s("Galat", "Error"),
    "quality.severity.warning": _s("Peringatan", "Warning"),
    "quality.severity.info": _s("Catatan", "Note"),
    "quality.col.severity": _s("Tingkat", "Severity"),
    "quality.col.category": _s("Jenis temuan", "Finding"),
    "quality.col.subject": _s("Pokok", "Subject"),
    "quality.col.locator": _s("Lokasi di sumber", "Source locator"),
    "quality.col.claim": _s("Dinyatakan / tercetak", "Stated / printed"),
    "quality.category.total_vs_rows": _s(
        "Jumlah tercetak ≠ jumlah baris", "Printed total ≠ sum of rows"
    ),
    "quality.category.rank": _s("Urutan dinyatakan ≠ dihitung", "Rank stated ≠ computed"),
    "quality.category.parts_vs_total": _s(
        "Jumlah bagian ≠ total yang disebut", "Parts ≠ stated total"
    ),
    "quality.category.comparison": _s(
        "Perbandingan dalam kata ≠ angka", "Comparison in words ≠ numbers"
    ),
    "quality.category.arithmetic": _s("Hitungan tidak cocok", "Arithmetic does not match"),
    "quality.category.same_quantity_different_values": _s(
        "Besaran sama, nilai berbeda", "Same quantity, different values"
    ),
    "quality.category.repeated_name": _s("Nama berulang dalam daftar", "Name repeated in a list"),
    "quality.category.mixed_series": _s(
        "Survei dan catatan administratif dicampur", "Survey and administrative records mixed"
    ),
    "quality.category.number_format": _s("Format angka janggal", "Number-format anomaly"),
    "quality.category.ambiguous_value": _s("Nilai bermakna ganda", "Ambiguous value"),
    "quality.category.not_checkable": _s("Tidak dapat diperiksa", "Cannot be checked"),
    # -- Data page ----------------------------------------------------------------------------
    "nav.data": _s("Data", "Data"),
    "data.title": _s("Data masuk dan keluar", "Data in and out"),
    "data.intro": _s(
        "Unduh graf atau satu tampilannya dalam format apa pun (sama dengan `python cli.py "
        "export`), ambil templat kosong, dan unggah data baru.",
        "Download the graph or one view of it in any format (the same as `python cli.py "
        "export`), get the blank templates, and upload new data.",
    ),
    "data.download_header": _s("Unduh", "Download"),
    "data.format": _s("Format", "Format"),
    "data.format.graphml": _s("GraphML (Gephi, yEd, Cytoscape)", "GraphML (Gephi, yEd, Cytoscape)"),
    "data.format.gexf": _s("GEXF (Gephi)", "GEXF (Gephi)"),
    "data.format.json": _s("JSON (simpul dan relasi)", "JSON (nodes and relationships)"),
    "data.format.csv": _s("CSV (zip: simpul, relasi)", "CSV (zip: nodes, relationships)"),
    "data.format.cypher": _s("Skrip Cypher (Neo4j kosong)", "Cypher script (an empty Neo4j)"),
    "data.format.html": _s(
        "HTML luring (jejaring interaktif)", "Offline HTML (interactive network)"
    ),
    "data.format.png": _s("Poster PNG", "Poster PNG"),
    "data.format.svg": _s("Poster SVG", "Poster SVG"),
    "data.format.pdf": _s("Poster PDF", "Poster PDF"),
    "data.whole_graph": _s("Seluruh graf", "The whole graph"),
    "data.whole_graph_help": _s(
        "Format data (GraphML, GEXF, JSON, CSV, Cypher) berisi seluruh graf; matikan untuk "
        "memilih satu tampilan. Gambar (HTML, poster) selalu menampilkan satu tampilan.",
        "Data formats (GraphML, GEXF, JSON, CSV, Cypher) hold the whole graph; switch off to "
        "choose one view. Drawings (HTML, posters) always show one view.",
    ),
    "data.filter.labels": _s("Jenis simpul", "Kinds of node"),
    "data.filter.types": _s("Jenis aktor", "Actor types"),
    "data.filter.sectors": _s("Sektor", "Sectors"),
    "data.filter.levels": _s("Tingkat", "Levels"),
    "data.filter.programme": _s("Program", "Programme"),
    "data.filter.focus": _s("Fokus pada aktor", "Focus on an actor"),
    "data.filter.depth": _s("Jarak (langkah)", "Distance (steps)"),
    "data.paper": _s("Ukuran kertas", "Paper size"),
    "data.orientation": _s("Orientasi", "Orientation"),
    "data.orientation.portrait": _s("Tegak", "Portrait"),
    "data.orientation.landscape": _s("Mendatar", "Landscape"),
    "data.prepare": _s("Siapkan berkas", "Prepare the file"),
    "data.preparing": _s("Menyiapkan berkas…", "Preparing the file…"),
    "data.download": _s("Unduh {name} ({size} bita)", "Download {name} ({size} bytes)"),
    "data.unavailable": _s(
        "Format ini belum tersedia: {error}", "This format is not available yet: {error}"
    ),
    "data.templates_header": _s("Templat", "Templates"),
    "data.templates_intro": _s(
        "Templat kosong dan contoh terisi untuk menyiapkan data baru.",
        "Blank templates and a filled example for preparing new data.",
    ),
    "data.templates_missing": _s(
        "Templat belum tersedia (folder data/templates kosong).",
        "No templates yet (the folder data/templates is empty).",
    ),
    "data.upload_header": _s("Unggah", "Upload"),
    "data.upload_unavailable": _s(
        "Unggahan belum tersedia: pengimpor (loaders/importer.py) belum terpasang.",
        "Uploads are not available yet: the importer (loaders/importer.py) is not installed.",
    ),
    "data.upload_pending": _s(
        "Pengimpor sudah ada, tetapi unggahan belum tersambung ke halaman ini.",
        "The importer is there, but uploads are not wired to this page yet.",
    ),
}
