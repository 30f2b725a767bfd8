"""Strings of the Query, Sources and Settings pages and of presentation mode (both languages)."""

from __future__ import annotations


def _s(id_: str, en: str) -> dict[str, str]:
    return {"id": id_, "en": en}


STRINGS: dict[str, dict[str, str]] = {
    "nav.query": _s("Kueri", "Query"),
    "nav.sources": _s("Sumber & mutu data", "Sources & data quality"),
    "nav.settings": _s("Pengaturan", "Settings"),
    # presentation mode
    "present.toggle": _s("Mode presentasi", "Presentation mode"),
    "present.help": _s(
        "Menyembunyikan bilah samping dan memperbesar huruf untuk layar lokakarya. "
        "Tambahkan ?present=1 pada alamat untuk membukanya langsung; hapus dari alamat untuk keluar.",
        "Hides the sidebar and enlarges the type for a workshop screen. Add ?present=1 to the "
        "address to open it directly; remove it from the address to leave.",
    ),
    # query page
    "query.title": _s("Kueri", "Query"),
    "query.intro": _s(
        "Pertanyaan siap pakai atas graf. Ubah parameternya, lihat jawabannya sebagai tabel atau "
        "diagram, dan salin Cypher-nya untuk Neo4j Browser.",
        "Ready-made questions about the graph. Change their parameters, see the answer as a table "
        "or a chart, and copy their Cypher into Neo4j Browser.",
    ),
    "query.question": _s("Pertanyaan", "Question"),
    "query.params": _s("Parameter", "Parameters"),
    "query.param_help": _s(
        "Nilai bawaan diambil dari studi kasus. Ya/tidak: true atau false.",
        "The default comes from the case study. Yes/no values: true or false.",
    ),
    "query.no_params": _s(
        "Pertanyaan ini tidak memakai parameter.", "This question takes no parameters."
    ),
    "query.bad_param": _s(
        "Parameter tidak dapat dibaca: {error}", "A parameter cannot be read: {error}"
    ),
    "query.failed": _s(
        "Pertanyaan gagal dijawab: {error}", "The question could not be answered: {error}"
    ),
    "query.answer": _s("Jawaban", "Answer"),
    "query.rows": _s("{n} baris.", "{n} rows."),
    "query.empty": _s("Tidak ada baris untuk parameter ini.", "No rows for these parameters."),
    "query.view": _s("Tampilan", "View"),
    "query.view.table": _s("Tabel", "Table"),
    "query.view.bar": _s("Diagram batang", "Bar chart"),
    "query.bar_category": _s("Kategori", "Category"),
    "query.bar_value": _s("Nilai", "Value"),
    "query.bar_title": _s("{value} per {category}", "{value} by {category}"),
    "query.no_numeric": _s(
        "Jawaban ini tidak memiliki kolom angka; ditampilkan sebagai tabel.",
        "This answer has no numeric column; it is shown as a table.",
    ),
    "query.cypher": _s("Cypher pertanyaan ini", "The Cypher of this question"),
    "query.cypher_params": _s(
        "Parameter yang dikirim bersama Cypher:", "Parameters sent with the Cypher:"
    ),
    "console.header": _s("Konsol Cypher (hanya baca)", "Cypher console (read-only)"),
    "console.intro": _s(
        "Satu kueri baca; kueri yang menulis, mengubah skema atau memanggil prosedur lain ditolak. "
        "Batas waktu {timeout} detik, paling banyak {rows} baris.",
        "One reading query; queries that write, change the schema or call other procedures are "
        "refused. Time limit {timeout} seconds, at most {rows} rows.",
    ),
    "console.text": _s("Kueri Cypher", "Cypher query"),
    "console.run": _s("Jalankan", "Run"),
    "console.refused": _s("Kueri ditolak: {reason}", "Query refused: {reason}"),
    "console.timeout": _s(
        "Kueri melewati batas waktu {timeout} detik dan dihentikan.",
        "The query ran past the {timeout}-second limit and was stopped.",
    ),
    "console.failed": _s("Kueri gagal: {reason}", "Query failed: {reason}"),
    "console.done": _s("{n} baris dalam {ms} ms.", "{n} rows in {ms} ms."),
    "console.truncated": _s(
        "Hanya {cap} baris pertama yang ditampilkan; kueri mengembalikan lebih banyak.",
        "Only the first {cap} rows are shown; the query returned more.",
    ),
    "console.unavailable": _s(
        "Konsol Cypher hanya tersedia pada backend Neo4j. Penyimpanan bawaan (memori) tidak "
        "menjalankan Cypher; pilih Neo4j di halaman Pengaturan atau jalankan dengan "
        "JEJARING_BACKEND=neo4j.",
        "The Cypher console is only available on the Neo4j backend. The embedded (memory) store "
        "does not run Cypher; choose Neo4j on the Settings page or start with JEJARING_BACKEND=neo4j.",
    ),
    # sources page
    "sources.title": _s("Sumber & mutu data", "Sources & data quality"),
    "sources.intro": _s(
        "Dokumen yang menjadi dasar graf, paragraf yang dirujuk tiap simpul dan relasi, serta "
        "pemeriksaan angka-angka sumber terhadap dirinya sendiri.",
        "The documents behind the graph, the paragraphs each node and link points at, and the "
        "source's figures checked against themselves.",
    ),
    "sources.bibliography": _s("Daftar pustaka", "Bibliography"),
    "sources.no_sources": _s("Graf tidak memuat sumber.", "The graph holds no sources."),
    "sources.evidence": _s("Penjelajah bukti", "Evidence browser"),
    "sources.source": _s("Sumber", "Source"),
    "sources.section": _s("Bagian", "Section"),
    "sources.missing_file": _s(
        "Berkas sumber tidak tersedia ({error}). Atur JEJARING_SOURCES ke folder dokumen sumber.",
        "The source file is not available ({error}). Point JEJARING_SOURCES at the folder of source documents.",
    ),
    "sources.paragraphs": _s(
        "{n} paragraf; {cited} dirujuk oleh graf.", "{n} paragraphs; {cited} cited by the graph."
    ),
    "sources.validation": _s("Laporan validasi dataset", "Dataset validation report"),
    "sources.validation_ok": _s(
        "Dataset kurasi lolos semua pemeriksaan.", "The curated dataset passes every check."
    ),
    "sources.validation_problems": _s(
        "{n} masalah dalam dataset kurasi.", "{n} problems in the curated dataset."
    ),
    "sources.validation_failed": _s(
        "Dataset tidak dapat dibaca: {error}", "The dataset cannot be read: {error}"
    ),
    "sources.quality": _s(
        "Mutu data: klaim sumber diuji", "Data quality: the source's claims tested"
    ),
    "sources.quality_intro": _s(
        "Setiap klaim sumber tentang angkanya sendiri (urutan, jumlah, perbandingan) dihitung "
        "ulang dari observasi. Tidak ada yang dikoreksi: laporan ini menunjukkan di mana sumber "
        "dan angkanya sendiri tidak sejalan.",
        "Each claim the source makes about its own figures (ranks, totals, comparisons) is "
        "recomputed from the observations. Nothing is corrected: the report shows where the "
        "source and its own numbers disagree.",
    ),
    "sources.holds_n": _s("Sesuai", "Holds"),
    "sources.fails_n": _s("Tidak sesuai", "Fails"),
    "sources.unchecked_n": _s("Tak dapat diuji", "Not checkable"),
    "sources.only_failing": _s("Hanya klaim yang tidak sesuai", "Only claims that fail"),
    "sources.ambiguous": _s(
        "Angka dengan tulisan ambigu", "Figures whose printed form is ambiguous"
    ),
    "sources.conflicts": _s(
        "Nilai yang bertentangan (tempat, indikator, periode sama)",
        "Conflicting values (same place, indicator and period)",
    ),
    "sources.none": _s("Tidak ada.", "None."),
    "holds.true": _s("✓ sesuai", "✓ holds"),
    "holds.false": _s("✗ tidak sesuai", "✗ fails"),
    "holds.none": _s("— tak dapat diuji", "— not checkable"),
    "reason.computed": _s("dihitung dari observasi", "computed from the observations"),
    "reason.missing_observation": _s(
        "observasi tidak ada di graf", "an observation is not in the graph"
    ),
    "reason.missing_reference": _s(
        "berkas rujukan tidak tersedia", "the reference file is not available"
    ),
    "reason.unknown_op": _s("jenis pemeriksaan tidak dikenal", "unknown kind of check"),
    "reason.bad_check": _s("pemeriksaan tidak lengkap", "the check is incomplete"),
    "reason.no_value": _s("observasi tanpa nilai angka", "an observation has no numeric value"),
    # columns of these pages
    "col.title": _s("Judul", "Title"),
    "col.authors": _s("Penulis", "Authors"),
    "col.year": _s("Tahun", "Year"),
    "col.file": _s("Berkas", "File"),
    "col.paragraph": _s("No.", "No."),
    "col.text": _s("Teks", "Text"),
    "col.cited_by": _s("Dirujuk oleh", "Cited by"),
    "col.problem_kind": _s("Jenis masalah", "Kind of problem"),
    "col.origin": _s("Lokasi", "Where"),
    "col.subject": _s("Rekaman", "Record"),
    "col.field": _s("Kolom", "Field"),
    "col.message": _s("Pesan", "Message"),
    "col.claim": _s("Klaim", "Claim"),
    "col.op": _s("Pemeriksaan", "Check"),
    "col.asserted": _s("Dinyatakan", "Asserted"),
    "col.expected": _s("Nilai klaim", "Claimed value"),
    "col.computed": _s("Hasil hitung", "Computed"),
    "col.holds": _s("Hasil", "Result"),
    "col.reason": _s("Alasan", "Reason"),
    "col.detail": _s("Perhitungan", "Calculation"),
    "col.explanation": _s("Keterangan", "Explanation"),
    "col.ambiguity": _s("Mengapa ambigu", "Why it is ambiguous"),
    "col.group": _s("Kelompok", "Group"),
    "col.observation": _s("Observasi", "Observation"),
    "col.indicator": _s("Indikator", "Indicator"),
    "col.setting": _s("Pengaturan", "Setting"),
    "col.current": _s("Nilai sekarang", "Current value"),
    "col.default": _s("Bawaan", "Default"),
    "col.help": _s("Keterangan", "Help"),
    # settings page
    "settings.title": _s("Pengaturan", "Settings"),
    "settings.intro": _s(
        "Penyimpanan graf, bahasa, tema, dan semua pengaturan beserta nilainya saat ini.",
        "The graph store, the language, the theme, and every setting with its current value.",
    ),
    "settings.backend": _s("Penyimpanan graf", "Graph store"),
    "settings.backend.memory": _s("Memori (NetworkX bawaan)", "Memory (embedded NetworkX)"),
    "settings.backend.neo4j": _s("Neo4j", "Neo4j"),
    "settings.apply": _s("Gunakan penyimpanan ini", "Use this store"),
    "settings.current_backend": _s("Penyimpanan aktif: {backend}", "Store in use: {backend}"),
    "settings.status_ok": _s("Tersambung.", "Connected."),
    "settings.status_failed": _s("Tidak dapat dibuka: {error}", "Cannot be opened: {error}"),
    "settings.neo4j_where": _s("URI: {uri} · pengguna: {user}", "URI: {uri} · user: {user}"),
    "settings.workspace": _s("Folder kerja: {path}", "Workspace: {path}"),
    "settings.language": _s("Bahasa", "Language"),
    "settings.language_now": _s(
        "Bahasa antarmuka sekarang: {language}. Ganti dengan pilihan di bilah samping.",
        "Interface language now: {language}. Change it with the switch in the sidebar.",
    ),
    "settings.theme": _s("Tema", "Theme"),
    "settings.theme_now": _s(
        "Tema yang dipakai peramban sekarang: {theme}.", "Theme the browser uses now: {theme}."
    ),
    "settings.theme_unknown": _s("tidak diketahui", "unknown"),
    "settings.theme_how": _s(
        "Streamlit 1.52 tidak mengizinkan aplikasi mengganti tema saat berjalan. Pilih terang atau "
        "gelap di menu ⋮ → Settings di pojok kanan atas, atau tetapkan untuk semua pengguna dalam "
        ".streamlit/config.toml lalu mulai ulang aplikasi:",
        "Streamlit 1.52 does not let an app change its theme while it runs. Choose light or dark "
        "in the ⋮ menu → Settings at the top right, or fix it for every user in "
        ".streamlit/config.toml and restart the app:",
    ),
    "settings.all": _s("Semua pengaturan", "All settings"),
    "settings.all_note": _s(
        "Dari lingkungan, lalu .streamlit/secrets.toml, lalu bawaan. Rahasia tidak pernah ditampilkan.",
        "From the environment, then .streamlit/secrets.toml, then the default. Secrets are never shown.",
    ),
}
