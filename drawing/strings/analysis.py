"""Strings of the three analysis pages: Sentralitas / Centrality, Intervensi -> Hasil /
Pathways and Perbandingan / Compare.

``drawing.i18n`` merges every ``drawing/strings/*.py`` into its table; one entry per key with both
languages side by side, so a missing translation shows at a glance.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "nav.centrality": {"id": "Sentralitas", "en": "Centrality"},
    "nav.pathways": {"id": "Intervensi → Hasil", "en": "Pathways"},
    "nav.compare": {"id": "Perbandingan", "en": "Compare"},
    # -- shared ---------------------------------------------------------------------------
    "analysis.download_csv": {"id": "Unduh CSV", "en": "Download CSV"},
    "analysis.rows_capped": {
        "id": "Ditampilkan {shown} baris pertama dari {total}; unduhan CSV memuat semuanya.",
        "en": "The first {shown} of {total} rows are shown; the CSV download holds them all.",
    },
    "pathways.filter": {"id": "Saring intervensi", "en": "Filter the interventions"},
    "pathways.filter_placeholder": {
        "id": "sebagian nama atau id",
        "en": "part of a name or id",
    },
    "pathways.pick_capped": {
        "id": "Ditawarkan {shown} intervensi pertama dari {total}; saring dengan nama untuk "
        "menemukan yang lain.",
        "en": "The first {shown} of {total} interventions are offered; filter by name to find "
        "the others.",
    },
    "pathways.filter_none": {
        "id": "Tidak ada intervensi yang cocok dengan \u201c{text}\u201d.",
        "en": "No intervention matches \u201c{text}\u201d.",
    },
    "analysis.computing": {
        "id": "Menghitung ukuran jejaring\u2026",
        "en": "Computing the network measures\u2026",
    },
    "analysis.download_help": {
        "id": "Tabel di atas sebagai berkas CSV (UTF-8), untuk dibuka di lembar kerja.",
        "en": "The table above as a CSV file (UTF-8), to open in a spreadsheet.",
    },
    "analysis.error": {
        "id": "Analisis ini tidak dapat dihitung: {error}",
        "en": "This analysis could not be computed: {error}",
    },
    "analysis.no_actors": {
        "id": "Tidak ada aktor dengan pilihan ini. Ubah alasan atau tingkat aktor.",
        "en": "No actors with these choices. Change the reasons or the actor levels.",
    },
    "col.actor": {"id": "Aktor", "en": "Actor"},
    "col.actor_type": {"id": "Jenis aktor", "en": "Actor type"},
    "col.sector": {"id": "Sektor", "en": "Sector"},
    "col.level": {"id": "Tingkat", "en": "Level"},
    "col.rank": {"id": "Peringkat", "en": "Rank"},
    # -- centrality -----------------------------------------------------------------------
    "centrality.title": {"id": "Sentralitas aktor", "en": "Actor centrality"},
    "centrality.intro": {
        "id": "Siapa yang berada di tengah jejaring kerja sama, siapa yang menjadi perantara, "
        "dan siapa yang menyatukan jejaring. Dua aktor terhubung bila bukti menyebut mereka "
        "bekerja bersama; bobot hubungan adalah jumlah alasannya.",
        "en": "Who sits at the centre of the collaboration network, who brokers, and who holds "
        "it together. Two actors are linked when the evidence says they work together; a "
        "link's weight is the number of reasons.",
    },
    "centrality.options": {"id": "Pilihan jejaring", "en": "Network options"},
    "centrality.reasons": {"id": "Alasan yang dihitung", "en": "Reasons that count"},
    "centrality.reasons_help": {
        "id": "Hanya alasan kerja sama ini yang membentuk hubungan antaraktor.",
        "en": "Only these reasons make a link between two actors.",
    },
    "centrality.levels": {"id": "Tingkat aktor", "en": "Actor levels"},
    "centrality.levels_help": {
        "id": "Hanya aktor pada tingkat ini (desa, kabupaten, nasional, ...).",
        "en": "Only actors at these levels (village, regency, national, ...).",
    },
    "centrality.shown": {
        "id": "{actors} aktor, {links} hubungan kerja sama.",
        "en": "{actors} actors, {links} collaboration links.",
    },
    "centrality.table_header": {"id": "Tabel ukuran", "en": "Metrics table"},
    "centrality.table_help": {
        "id": "Klik judul kolom untuk mengurutkan. Peringkat 1 = paling sentral.",
        "en": "Click a column title to sort. Rank 1 = most central.",
    },
    "centrality.sampled": {
        "id": "Jejaring besar: perantara diperkirakan dari sampel {k} aktor, begitu pula "
        "kedekatan di bagian jejaring yang besar (bagian kecil dihitung tepat).",
        "en": "Large network: betweenness is estimated from a sample of {k} actors, and so is "
        "closeness in the large connected parts (small parts are computed exactly).",
    },
    "centrality.chart_header": {"id": "Aktor teratas", "en": "Top actors"},
    "centrality.metric": {"id": "Ukuran", "en": "Metric"},
    "centrality.top_n": {"id": "Jumlah aktor", "en": "Number of actors"},
    "centrality.chart_title": {
        "id": "{n} aktor teratas menurut {metric}",
        "en": "Top {n} actors by {metric}",
    },
    "centrality.lower_better": {
        "id": "Untuk ukuran ini nilai rendah berarti lebih sentral; batang terpendek di atas.",
        "en": "For this metric a low value means more central; the shortest bars come first.",
    },
    "centrality.brokers_header": {"id": "Perantara (broker)", "en": "Brokers"},
    "centrality.brokers_help": {
        "id": "Aktor dengan paling sedikit dua mitra, diurutkan dari keterikatan terendah: "
        "mereka menghubungkan kelompok yang tanpa mereka terpisah.",
        "en": "Actors with at least two partners, lowest constraint first: they link groups "
        "that would otherwise be apart.",
    },
    "centrality.no_brokers": {
        "id": "Tidak ada aktor dengan dua mitra atau lebih.",
        "en": "No actor has two or more partners.",
    },
    "centrality.spof_header": {"id": "Titik rawan tunggal", "en": "Single points of failure"},
    "centrality.spof_help": {
        "id": 'Aktor atau hubungan yang bila hilang memecah jejaring. "Terputus" = jumlah '
        "aktor yang kehilangan kontak dengan bagian terbesar yang tersisa.",
        "en": 'Actors or links whose loss splits the network. "Cut off" = how many actors '
        "lose contact with the largest remaining part.",
    },
    "centrality.no_spof": {
        "id": "Tidak ada titik rawan tunggal: tidak ada aktor atau hubungan yang memecah jejaring.",
        "en": "No single point of failure: no actor or link splits the network.",
    },
    "centrality.spof_kind.actor": {"id": "aktor", "en": "actor"},
    "centrality.spof_kind.link": {"id": "hubungan", "en": "link"},
    "col.spof_kind": {"id": "Jenis", "en": "Kind"},
    "col.spof_other": {"id": "Ujung lain hubungan", "en": "Other end of the link"},
    "col.cut_off": {"id": "Terputus", "en": "Cut off"},
    "col.pieces": {"id": "Ukuran bagian yang tersisa", "en": "Sizes of the parts left"},
    "centrality.communities_header": {"id": "Komunitas", "en": "Communities"},
    "centrality.modularity": {
        "id": "Modularitas {value:.2f} (di atas ~0,3: kelompok cukup jelas).",
        "en": "Modularity {value:.2f} (above ~0.3: fairly clear groups).",
    },
    "col.community": {"id": "Komunitas", "en": "Community"},
    "col.members": {"id": "Anggota", "en": "Members"},
    "col.size": {"id": "Jumlah anggota", "en": "Members (count)"},
    # -- pathways -------------------------------------------------------------------------
    "pathways.title": {"id": "Intervensi → Hasil", "en": "Intervention → outcome pathways"},
    "pathways.intro": {
        "id": "Siapa menjalankan sebuah intervensi, siapa sasarannya, indikator apa yang "
        "disebut berubah, dan bagaimana indikator itu bergerak. Setiap panah membawa buktinya.",
        "en": "Who runs an intervention, whom it reaches, which indicator it is said to change, "
        "and how that indicator moved. Every arrow carries its evidence.",
    },
    "pathways.pick": {"id": "Intervensi", "en": "Intervention"},
    "pathways.no_interventions": {
        "id": "Graf belum berisi intervensi.",
        "en": "The graph holds no interventions yet.",
    },
    "pathways.diagram_header": {"id": "Jalur", "en": "Pathway"},
    "pathways.legend_header": {"id": "Jenis klaim", "en": "Kinds of claim"},
    "claim.reported_by_informants": {
        "id": "Dilaporkan informan (bukan diukur)",
        "en": "Reported by informants (not measured)",
    },
    "claim.measured": {"id": "Diukur", "en": "Measured"},
    "claim.not_stated": {"id": "Jenis klaim tidak disebut", "en": "Kind of claim not stated"},
    "claim.no_link": {"id": "Tidak ada kaitan di graf", "en": "No link in the graph"},
    "claim.legend.reported_by_informants": {
        "id": "garis putus-putus oranye: informan mengatakan ada kontribusi; tidak ada "
        "pengukuran yang menunjukkan pengaruh intervensi ini",
        "en": "dashed orange line: informants say it contributes; no measurement shows this "
        "intervention's effect",
    },
    "claim.legend.measured": {
        "id": "garis tebal hijau: kontribusi diukur",
        "en": "solid green line: the contribution was measured",
    },
    "claim.legend.not_stated": {
        "id": "garis titik-titik abu-abu: sumber tidak menyebut jenis klaimnya",
        "en": "dotted grey line: the source does not say what kind of claim it is",
    },
    "claim.legend.no_link": {
        "id": "kotak abu-abu bergaris putus: langkah ini tidak ada di graf",
        "en": "grey dashed box: this step is missing from the graph",
    },
    "pathways.via": {"id": "lewat program {via}", "en": "via programme {via}"},
    "pathways.missing": {
        "id": "Tidak ada di graf: {steps}",
        "en": "Missing from the graph: {steps}",
    },
    "step.actor": {"id": "Aktor", "en": "Actors"},
    "step.intervention": {"id": "Intervensi", "en": "Intervention"},
    "step.target_group": {"id": "Kelompok sasaran", "en": "Target groups"},
    "step.indicator": {"id": "Indikator", "en": "Indicators"},
    "pathways.evidence_header": {"id": "Bukti tiap langkah", "en": "Evidence at each step"},
    "pathways.evidence_step": {"id": "{step}: {name}", "en": "{step}: {name}"},
    "pathways.no_evidence": {"id": "Tanpa lokator bukti.", "en": "No evidence locators."},
    "pathways.unresolved": {
        "id": "Lokator tidak dapat dibuka: {problem}",
        "en": "The locator does not resolve: {problem}",
    },
    "pathways.paragraph": {"id": "paragraf", "en": "paragraph"},
    "pathways.series_header": {"id": "Indikator dari waktu ke waktu", "en": "Indicators over time"},
    "pathways.series_indicator": {"id": "Indikator", "en": "Indicator"},
    "pathways.no_series": {
        "id": "Tidak ada observasi indikator ini.",
        "en": "There are no observations of this indicator.",
    },
    "pathways.no_indicators": {
        "id": "Intervensi ini belum dikaitkan dengan indikator mana pun.",
        "en": "This intervention is not linked to any indicator yet.",
    },
    "pathways.series_note": {
        "id": "Satu garis per tempat dan instrumen: data timbang desa (e-PPGBM) dan survei "
        "(SSGI) tidak pernah digabung. Garis merah putus-putus: target. Naik-turunnya "
        "indikator tidak membuktikan pengaruh intervensi ini.",
        "en": "One line per place and instrument: village weighing records (e-PPGBM) and "
        "surveys (SSGI) are never merged. Red dashed line: target. An indicator's movement "
        "does not prove this intervention's effect.",
    },
    "pathways.chart_title": {"id": "{indicator} ({unit})", "en": "{indicator} ({unit})"},
    "pathways.all_header": {"id": "Semua jalur", "en": "All pathways"},
    "col.intervention": {"id": "Intervensi", "en": "Intervention"},
    "col.step": {"id": "Langkah", "en": "Step"},
    "col.relation": {"id": "Relasi", "en": "Relationship"},
    "col.node_name": {"id": "Simpul", "en": "Node"},
    "col.link": {"id": "Kaitan", "en": "Link"},
    "col.via": {"id": "Lewat", "en": "Via"},
    "col.claim": {"id": "Jenis klaim", "en": "Kind of claim"},
    "link.direct": {"id": "langsung", "en": "direct"},
    "link.via_programme": {"id": "lewat program", "en": "via programme"},
    "link.no_link": {"id": "tidak ada", "en": "none"},
    # -- compare --------------------------------------------------------------------------
    "compare.title": {"id": "Perbandingan wilayah", "en": "Comparing places"},
    "compare.intro": {
        "id": "Tabel sumber seperti tercetak, dengan Desa Mongpok dan Kabupaten Serang disorot. "
        'Baris "Jumlah" tercetak ditampilkan terpisah di samping jumlah hasil hitungan.',
        "en": "The source's tables as printed, with Desa Mongpok and Kabupaten Serang "
        'highlighted. The printed "Jumlah" (total) row is shown apart, beside the computed sum.',
    },
    "compare.t2_header": {
        "id": "Tabel 2: 17 desa Kecamatan Cikeusal (sasaran KRS 2022)",
        "en": "Tabel 2: the 17 villages of Kecamatan Cikeusal (KRS targets, 2022)",
    },
    "compare.t1_header": {
        "id": "Tabel 1: kabupaten/kota Provinsi Banten (keluarga sasaran)",
        "en": "Tabel 1: the kabupaten/kota of Banten (target families)",
    },
    "compare.ranking_header": {
        "id": "Peringkat prevalensi stunting kabupaten/kota Banten",
        "en": "Stunting prevalence ranking of the kabupaten/kota of Banten",
    },
    "compare.column": {"id": "Kolom", "en": "Column"},
    "compare.year": {"id": "Tahun", "en": "Year"},
    "compare.no_table": {
        "id": "Graf belum berisi observasi {table}.",
        "en": "The graph holds no observations of {table}.",
    },
    "compare.printed_table": {"id": "Tabel seperti tercetak", "en": "The table as printed"},
    "compare.rank": {
        "id": "{place}: peringkat {rank} dari {of} pada kolom ini (1 = terbesar).",
        "en": "{place}: rank {rank} of {of} in this column (1 = largest).",
    },
    "compare.totals_header": {
        "id": "Jumlah tercetak dan jumlah hitungan",
        "en": "Printed total and computed sum",
    },
    "compare.totals_help": {
        "id": 'Baris "Jumlah" yang tercetak tidak sama dengan jumlah baris-barisnya. Keduanya '
        "ditampilkan; tidak ada yang diganti.",
        "en": 'The printed "Jumlah" row does not equal the sum of its rows. Both are shown; '
        "neither replaces the other.",
    },
    "compare.no_totals": {
        "id": "Tabel ini tidak mencetak baris jumlah; jumlah hitungan per kolom:",
        "en": "This table prints no total row; the computed sum of each column:",
    },
    "col.printed": {"id": "Jumlah tercetak", "en": "Printed total"},
    "col.computed": {"id": "Jumlah hitungan", "en": "Computed sum"},
    "col.difference": {
        "id": "Selisih (tercetak − hitungan)",
        "en": "Difference (printed − computed)",
    },
    "col.rows": {"id": "Baris dijumlah", "en": "Rows summed"},
    "col.row": {"id": "Baris tercetak", "en": "Printed row"},
    "col.highlight": {"id": "Disorot", "en": "Highlighted"},
    "col.note": {"id": "Catatan", "en": "Note"},
    "compare.other": {"id": "lainnya", "en": "others"},
    "compare.ambiguity_note": {
        "id": "Sumber mencetak satu tempat dua kali dengan angka berbeda; kedua angka "
        "ditampilkan dan diberi peringkat, masing-masing dengan catatannya.",
        "en": "The source prints one place twice with different figures; both figures are "
        "shown and ranked, each with its note.",
    },
}
