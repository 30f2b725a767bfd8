"""Strings of the network page ("Jejaring" / "Network") added with the full explorer.

The page's first strings stay in drawing/i18n.py; these join the same table (``drawing.i18n`` merges
every ``drawing/strings/*.py``), one entry per key with both languages side by side.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "network.filter_types": {"id": "Jenis aktor", "en": "Actor type"},
    "network.filter_sectors": {"id": "Sektor aktor", "en": "Actor sector"},
    "network.filter_programme": {"id": "Program", "en": "Programme"},
    "network.filter_programme_help": {
        "id": "Hanya program ini, intervensinya, dan simpul yang terhubung dengan keduanya.",
        "en": "Only this programme, its interventions and the nodes linked to either.",
    },
    "network.all": {"id": "Semua", "en": "All"},
    "network.filter_years": {"id": "Rentang tahun", "en": "Years"},
    "network.filter_years_help": {
        "id": "Menyembunyikan simpul dan relasi bertanggal di luar rentang ini. Yang tidak "
        "bertanggal selalu ditampilkan.",
        "en": "Hides nodes and relationships dated outside these years. Undated ones are "
        "always shown.",
    },
    "network.focus_header": {"id": "Fokus dan jalur", "en": "Focus and path"},
    "network.focus": {"id": "Fokus pada aktor", "en": "Focus on an actor"},
    "network.focus_help": {
        "id": "Hanya aktor ini dan simpul dalam jarak langkah yang dipilih.",
        "en": "Only this actor and the nodes within the chosen number of steps.",
    },
    "network.depth": {"id": "Jarak (langkah)", "en": "Distance (steps)"},
    "network.path_from": {"id": "Jalur terpendek dari", "en": "Shortest path from"},
    "network.path_to": {"id": "ke", "en": "to"},
    "network.path_help": {
        "id": "Dihitung pada jejaring kolaborasi antar-aktor; setiap langkah dengan alasannya.",
        "en": "Computed on the collaboration network of actors; each step with its reasons.",
    },
    "network.look_header": {"id": "Tampilan", "en": "Appearance"},
    "network.colour_by": {"id": "Warna menurut", "en": "Colour by"},
    "network.colour.actor_type": {"id": "Jenis aktor", "en": "Actor type"},
    "network.colour.sector": {"id": "Sektor", "en": "Sector"},
    "network.size_by": {"id": "Ukuran menurut", "en": "Size by"},
    "network.size.none": {"id": "Sama besar", "en": "All the same"},
    "network.layout": {"id": "Tata letak", "en": "Layout"},
    "network.layout.spring": {"id": "Jejaring (tetap)", "en": "Network (fixed)"},
    "network.layout.level": {
        "id": "Bertingkat (nasional → desa)",
        "en": "By level (national → desa)",
    },
    "network.physics": {"id": "Gerakkan simpul (fisika)", "en": "Let nodes move (physics)"},
    "network.physics_help": {
        "id": "Biasanya mati: posisi dihitung sekali sehingga gambar tidak bergeser. "
        "Di atas {cap} simpul selalu mati.",
        "en": "Usually off: positions are computed once so the drawing stays put. "
        "Always off above {cap} nodes.",
    },
    "network.physics_capped": {
        "id": "Fisika dimatikan: lebih dari {cap} simpul ditampilkan.",
        "en": "Physics switched off: more than {cap} nodes are shown.",
    },
    "network.undated_kept": {
        "id": "Rentang tahun {first}–{last}: simpul dan relasi tanpa tanggal tetap ditampilkan.",
        "en": "Years {first}–{last}: undated nodes and relationships are kept.",
    },
    "network.focus_shown": {
        "id": "Fokus: {name}, {depth} langkah.",
        "en": "Focus: {name}, {depth} steps.",
    },
    "network.path_header": {"id": "Jalur terpendek", "en": "Shortest path"},
    "network.path_none": {
        "id": "Tidak ada jalur kolaborasi antara kedua aktor ini.",
        "en": "There is no collaboration path between these two actors.",
    },
    "network.path_same": {
        "id": "Pilih dua aktor yang berbeda.",
        "en": "Choose two different actors.",
    },
    "network.path_hidden": {
        "id": "Sebagian aktor di jalur ini tersembunyi oleh filter.",
        "en": "Some actors on this path are hidden by the filters.",
    },
    "network.path_steps": {"id": "{n} langkah", "en": "{n} steps"},
    "network.col_step": {"id": "Langkah", "en": "Step"},
    "network.col_from": {"id": "Dari", "en": "From"},
    "network.col_to": {"id": "Ke", "en": "To"},
    "network.col_reasons": {"id": "Alasan", "en": "Reasons"},
    "network.download_html": {"id": "Unduh HTML", "en": "Download HTML"},
    "network.download_html_help": {
        "id": "Satu berkas HTML mandiri yang bisa dibuka tanpa internet.",
        "en": "One self-contained HTML file that opens without internet.",
    },
    "network.download_png": {"id": "Unduh PNG", "en": "Download PNG"},
    "network.deep_link": {
        "id": "Alamat halaman ini menyimpan filter dan fokus: salin untuk membuka tampilan yang sama.",
        "en": "This page's address holds the filters and focus: copy it to reopen the same view.",
    },
    "network.tip_partners": {"id": "Mitra", "en": "Partners"},
    "network.tip_strength": {"id": "Kekuatan hubungan", "en": "Tie strength"},
    "network.rel_path": {"id": "jalur terpendek", "en": "shortest path"},
    "network.picker_help": {
        "id": "Klik simpul di gambar untuk menyorotnya; pilih di sini untuk rincian dan bukti.",
        "en": "Click a node in the drawing to highlight it; pick it here for details and evidence.",
    },
    "network.too_large": {
        "id": "Graf ini memuat {nodes} simpul, lebih dari batas {cap} simpul yang dikirim ke "
        "peramban (JEJARING_NODE_CAP). Seluruh jejaring tidak digambar: cari seorang aktor untuk "
        "melihat lingkungannya, paling banyak {cap} simpul.",
        "en": "This graph holds {nodes} nodes, more than the {cap} the browser is sent "
        "(JEJARING_NODE_CAP). The whole network is not drawn: search for an actor to see its "
        "neighbourhood, at most {cap} nodes.",
    },
    "network.too_large_places": {
        "id": "Untuk gambaran per wilayah (nasional sampai desa), buka halaman [Wilayah](national).",
        "en": "For the picture by place (from the nation down to a village), open the "
        "[Places](national) page.",
    },
    "network.search": {"id": "Cari aktor", "en": "Search for an actor"},
    "network.search_placeholder": {
        "id": "sebagian nama, id atau alias",
        "en": "part of a name, id or alias",
    },
    "network.search_none": {
        "id": "Tidak ada aktor yang cocok dengan \u201c{text}\u201d.",
        "en": "No actor matches \u201c{text}\u201d.",
    },
    "network.ego_cut": {
        "id": "Lingkungan aktor ini lebih besar dari {cap} simpul: yang terdekat ditampilkan "
        "lebih dulu, sisanya tidak digambar.",
        "en": "This actor's neighbourhood is larger than {cap} nodes: the nearest are shown "
        "first and the rest is not drawn.",
    },
}
