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
        "Isi templat (XLSX atau sepasang CSV) dengan data desa Anda, lalu unggah di bawah. "
        "Lembar *Petunjuk* di XLSX menjelaskan setiap kolom.",
        "Fill a template (XLSX or a CSV pair) with your village's data, then upload it below. "
        "The *Petunjuk* sheet of the XLSX explains every column.",
    ),
    "data.template.blank_xlsx": _s("Templat kosong (XLSX)", "Blank template (XLSX)"),
    "data.template.blank_csv": _s(
        "Templat kosong (sepasang CSV: elemen, hubungan)",
        "Blank template (CSV pair: elements, connections)",
    ),
    "data.template.example_xlsx": _s(
        "Contoh terisi (XLSX) — Desa Contoh, FIKTIF",
        "Filled example (XLSX) — Desa Contoh, FICTIONAL",
    ),
    "data.template.example_csv": _s(
        "Contoh terisi (sepasang CSV) — Desa Contoh, FIKTIF",
        "Filled example (CSV pair) — Desa Contoh, FICTIONAL",
    ),
    "data.template.fictional": _s(
        'Desa Contoh tidak ada: setiap catatannya bertanda "fiktif" dan `synthetic: true`. '
        "Gunakan hanya untuk mencoba unggahan; jangan dipakai sebagai data nyata.",
        'Desa Contoh does not exist: every record says "fiktif" (fictional) and has '
        "`synthetic: true`. Use it to try an upload; never as real data.",
    ),
    "data.template.missing": _s(
        "{name} tidak ada di data/templates. Buat ulang dengan `python -m loaders.templates`.",
        "{name} is missing from data/templates. Write it again with `python -m loaders.templates`.",
    ),
    # -- upload -------------------------------------------------------------------------------
    "data.upload_header": _s("Unggah", "Upload"),
    "data.upload_intro": _s(
        "Unggah satu XLSX, sepasang CSV (elemen dan hubungan), zip CSV, GraphML, GEXF atau "
        "JSON. Berkas diperiksa dulu; tidak ada yang ditulis sampai Anda mengonfirmasi, dan "
        "impor yang bermasalah tidak menulis apa pun. Paling besar {limit} per unggahan.",
        "Upload one XLSX, a CSV pair (elements and connections), a zip of CSVs, GraphML, GEXF "
        "or JSON. The files are checked first; nothing is written until you confirm, and an "
        "import with an error writes nothing. At most {limit} per upload.",
    ),
    "data.upload_files": _s("Berkas", "Files"),
    "data.upload_help": _s(
        "Pilih dua CSV sekaligus untuk sepasang elemen dan hubungan.",
        "Choose two CSV files at once for a pair of elements and connections.",
    ),
    "data.refused.nothing": _s("Tidak ada berkas.", "No file."),
    "data.refused.type": _s(
        "{name}: jenis berkas tidak diterima. Unggah salah satu dari: {accepted}.",
        "{name}: this kind of file is not accepted. Upload one of: {accepted}.",
    ),
    "data.refused.empty": _s("{name} kosong (0 bita).", "{name} is empty (0 bytes)."),
    "data.refused.twice": _s(
        "{name} diunggah dua kali; unggah setiap berkas sekali.",
        "{name} was uploaded twice; upload each file once.",
    ),
    "data.refused.too_large": _s(
        "Unggahan ditolak: {size} melebihi batas {limit} ({files}). Bagi datanya, atau impor "
        "dari baris perintah (`python cli.py import`); batas ini diatur dengan "
        "JEJARING_UPLOAD_MAX_MB.",
        "Upload refused: {size} is more than the limit of {limit} ({files}). Split the data, "
        "or import it from the command line (`python cli.py import`); the limit is the "
        "setting JEJARING_UPLOAD_MAX_MB.",
    ),
    "data.refused.setting": _s("Pengaturan salah: {error}", "Wrong setting: {error}"),
    "data.preview_header": _s("Pratinjau: {files}", "Preview: {files}"),
    "data.preview_rows": _s(
        "{elements} baris elemen dan {connections} baris hubungan dibaca.",
        "{elements} element rows and {connections} connection rows read.",
    ),
    "data.preview_errors": _s(
        "{n} galat: tidak ada yang akan ditulis. Perbaiki baris yang disebut di bawah, lalu "
        "unggah lagi.",
        "{n} error(s): nothing will be written. Fix the rows named below, then upload again.",
    ),
    "data.preview_ok": _s(
        "Berkas lolos pemeriksaan ({warnings} peringatan).",
        "The files pass the checks ({warnings} warning(s)).",
    ),
    "data.preview_nothing": _s(
        "Tidak ada yang berubah: penyimpanan sudah berisi semua ini.",
        "Nothing would change: the store already holds all of it.",
    ),
    "data.problems": _s("Masalah yang ditemukan", "Problems found"),
    "data.col.severity": _s("Tingkat", "Severity"),
    "data.col.file": _s("Berkas", "File"),
    "data.col.sheet": _s("Lembar", "Sheet"),
    "data.col.row": _s("Baris", "Row"),
    "data.col.column": _s("Kolom", "Column"),
    "data.col.message": _s("Pesan", "Message"),
    "data.col.part": _s("Bagian", "Part"),
    "data.col.added": _s("Ditambah", "Added"),
    "data.col.updated": _s("Diperbarui", "Updated"),
    "data.col.unchanged": _s("Tidak berubah", "Left alone"),
    "data.col.key": _s("Simpul / relasi", "Node / relationship"),
    "data.col.status": _s("Perubahan", "Change"),
    "data.col.fields": _s("Properti yang berubah", "Properties that change"),
    "data.col.origin": _s("Asal", "From"),
    "data.severity.error": _s("Galat", "Error"),
    "data.severity.warning": _s("Peringatan", "Warning"),
    "data.status.added": _s("ditambah", "added"),
    "data.status.updated": _s("diperbarui", "updated"),
    "data.status.unchanged": _s("tidak berubah", "left alone"),
    "data.part.nodes": _s("Simpul", "Nodes"),
    "data.part.relationships": _s("Relasi", "Relationships"),
    "data.counts": _s("Yang akan terjadi", "What the import would do"),
    "data.changes": _s("Rincian perubahan ({n})", "Changes in detail ({n})"),
    "data.matches_header": _s("Nama yang sudah ada", "Names already in the store"),
    "data.matches_intro": _s(
        "Baris-baris ini memakai nama simpul yang sudah tersimpan dengan id lain. Centang "
        "untuk menggabungkannya dengan simpul itu (diperbarui, bukan digandakan); yang tidak "
        "dicentang ditambahkan sebagai simpul baru.",
        "These rows carry the name of a stored node with another id. Tick one to merge it "
        "into that node (updated, not duplicated); unticked ones are added as new nodes.",
    ),
    "data.match": _s(
        '{file_key} ({file}, baris {row}) = tersimpan {stored_key} — "{name}"',
        '{file_key} ({file}, row {row}) = stored {stored_key} — "{name}"',
    ),
    "data.empty_first": _s(
        "Kosongkan penyimpanan dulu (hapus semua simpul dan relasi, lalu impor)",
        "Empty the store first (remove every node and relationship, then import)",
    ),
    "data.empty_confirm": _s(
        "Ya, hapus {nodes} simpul dan {rels} relasi yang tersimpan sekarang",
        "Yes, remove the {nodes} nodes and {rels} relationships stored now",
    ),
    "data.empty_needed": _s(
        "Centang konfirmasi di atas untuk mengosongkan penyimpanan.",
        "Tick the confirmation above to empty the store.",
    ),
    "data.confirm": _s("Konfirmasi dan impor", "Confirm and import"),
    "data.applying": _s("Mengimpor…", "Importing…"),
    "data.cancel": _s("Batal", "Cancel"),
    "data.applied": _s(
        "Impor selesai dalam satu penulisan: simpul {n_added} ditambah, {n_updated} "
        "diperbarui, {n_unchanged} tidak berubah; relasi {r_added} ditambah, {r_updated} "
        "diperbarui, {r_unchanged} tidak berubah. Penyimpanan kini berisi {nodes} simpul dan "
        "{rels} relasi; semua halaman menampilkan data baru.",
        "Import done in one write: nodes {n_added} added, {n_updated} updated, {n_unchanged} "
        "left alone; relationships {r_added} added, {r_updated} updated, {r_unchanged} left "
        "alone. The store now holds {nodes} nodes and {rels} relationships; every page shows "
        "the new data.",
    ),
    "data.applied_emptied": _s(
        "Penyimpanan dikosongkan sebelum impor.", "The store was emptied before the import."
    ),
    "data.apply_failed": _s(
        "Impor gagal, tidak ada yang ditulis: {error}",
        "The import failed and nothing was written: {error}",
    ),
    "data.apply_errors": _s(
        "Impor dibatalkan, tidak ada yang ditulis: penyimpanan berubah sejak pratinjau dan "
        "kini ada {n} galat (lihat tabel).",
        "The import was called off and nothing was written: the store changed since the "
        "preview and there are now {n} error(s) (see the table).",
    ),
}
