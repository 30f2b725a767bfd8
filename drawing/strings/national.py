"""Strings of the drill-down page ("Wilayah" / "Places"), both languages side by side.

``drawing.i18n`` merges every ``drawing/strings/*.py`` table into one, so ``t()`` finds these keys.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "nav.national": {"id": "Wilayah", "en": "Places"},
    "national.title": {
        "id": "Jejaring per wilayah: dari nasional sampai desa",
        "en": "The network by place: from the nation down to the village",
    },
    "national.intro": {
        "id": "Setiap simpul adalah satu wilayah yang merangkum desa-desa di bawahnya: jumlah "
        "desa, aktor dan intervensi, serta rata-rata prevalensi stunting terakhir desa-desanya. "
        "Garis menghitung hubungan kerja sama antara aktor dari dua wilayah. Pilih wilayah "
        "untuk turun satu tingkat; di tingkat desa tampil jejaring aktornya.",
        "en": "Each node is a place summarising the villages under it: how many villages, "
        "actors and interventions, and the mean of its villages' latest stunting prevalence. "
        "A line counts the collaboration links between actors of two places. Pick a place to "
        "go down one level; at village level its actor network is drawn.",
    },
    "national.synthetic": {
        "id": "Data sintetis: graf ini memuat jejaring buatan untuk uji skala nasional. Nama, "
        "angka dan hubungannya tidak menggambarkan desa yang nyata.",
        "en": "Synthetic data: this graph holds a generated network for national-scale "
        "testing. Its names, figures and links do not describe real villages.",
    },
    "national.no_places": {
        "id": "Graf belum berisi wilayah (simpul Place dengan relasi PART_OF), jadi belum ada "
        "yang dapat ditelusuri.",
        "en": "The graph holds no places yet (Place nodes linked by PART_OF), so there is "
        "nothing to drill into.",
    },
    "national.all_places": {"id": "Semua wilayah", "en": "All places"},
    "national.breadcrumb": {"id": "Posisi", "en": "Where you are"},
    "national.up": {"id": "Naik satu tingkat", "en": "Up one level"},
    "national.picker": {"id": "Turun ke", "en": "Go down to"},
    "national.picker_placeholder": {"id": "Pilih wilayah…", "en": "Choose a place…"},
    "national.picker_help": {
        "id": "Wilayah di bawah wilayah ini, dengan jumlah desa dan aktornya.",
        "en": "The places under this one, with their numbers of villages and actors.",
    },
    "national.option": {
        "id": "{name} · {villages} desa · {actors} aktor",
        "en": "{name} · {villages} villages · {actors} actors",
    },
    "national.here": {
        "id": "{name} ({level}): {villages} desa, {actors} aktor di wilayah ini dan di bawahnya.",
        "en": "{name} ({level}): {villages} villages, {actors} actors here and below.",
    },
    "national.mode_places": {
        "id": "Wilayah di bawah {name}, dirangkum",
        "en": "The places under {name}, summarised",
    },
    "national.mode_village": {"id": "Jejaring aktor {name}", "en": "Actor network of {name}"},
    "national.partners": {
        "id": "Sertakan mitra dari luar desa",
        "en": "Include partners from outside the village",
    },
    "national.partners_help": {
        "id": "Aktor, program dan intervensi dari luar desa yang terhubung langsung dengan "
        "yang ada di desa (misalnya kantor kecamatan atau Baznas).",
        "en": "Actors, programmes and interventions from outside the village linked directly "
        "with those in it (the kecamatan office or Baznas, say).",
    },
    "national.physics": {"id": "Fisika (tata letak bergerak)", "en": "Physics (moving layout)"},
    "national.physics_help": {
        "id": "Hanya sampai {cap} simpul; di atasnya posisi tetap dari Python.",
        "en": "Only up to {cap} nodes; above that positions stay as computed in Python.",
    },
    "national.physics_off": {
        "id": "Lebih dari {cap} simpul: fisika dimatikan agar peramban tetap ringan.",
        "en": "More than {cap} nodes: physics is off so the browser stays responsive.",
    },
    "national.drawn": {
        "id": "{nodes} simpul dan {edges} garis digambar (batas {cap} simpul).",
        "en": "{nodes} nodes and {edges} lines drawn (cap {cap} nodes).",
    },
    "national.capped_places": {
        "id": "Wilayah ini punya {total} bagian, lebih dari batas {cap} simpul: {kept} yang "
        "aktornya terbanyak digambar, {merged} lainnya digabung menjadi satu simpul "
        "\u201cwilayah lain\u201d.",
        "en": "This place has {total} parts, more than the cap of {cap} nodes: the {kept} with "
        "the most actors are drawn and the other {merged} are merged into one \u201cother "
        "places\u201d node.",
    },
    "national.capped_village": {
        "id": "Jejaring ini punya {total} simpul, lebih dari batas {cap}: yang digambar adalah "
        "rangkumannya, satu simpul per jenis aktor (dan per jenis simpul lain).",
        "en": "This network has {total} nodes, more than the cap of {cap}: what is drawn is its "
        "summary, one node per actor type (and per other kind of node).",
    },
    "national.empty": {
        "id": "Tidak ada yang dapat digambar di wilayah ini.",
        "en": "There is nothing to draw for this place.",
    },
    "national.others": {"id": "Wilayah lain ({n})", "en": "Other places ({n})"},
    "national.own": {"id": "{name} (aktor tingkat ini)", "en": "{name} (actors at this level)"},
    "national.other_kinds": {"id": "Jenis lain", "en": "Other kinds"},
    "national.kind_count": {"id": "{kind} ({n})", "en": "{kind} ({n})"},
    "national.table": {"id": "Rangkuman per wilayah", "en": "Summary by place"},
    "national.col_place": {"id": "Wilayah", "en": "Place"},
    "national.col_level": {"id": "Tingkat", "en": "Level"},
    "national.col_villages": {"id": "Desa", "en": "Villages"},
    "national.col_actors": {"id": "Aktor", "en": "Actors"},
    "national.col_interventions": {"id": "Intervensi", "en": "Interventions"},
    "national.col_prevalence": {
        "id": "Prevalensi stunting desa (rata-rata, %)",
        "en": "Village stunting prevalence (mean, %)",
    },
    "national.col_prevalence_villages": {"id": "Desa berdata", "en": "Villages with data"},
    "national.col_prevalence_own": {
        "id": "Prevalensi wilayah (nilai terakhir, %)",
        "en": "Prevalence of the place (latest, %)",
    },
    "national.village_table": {
        "id": "Aktor desa ini: perantara di desa dan peringkat nasional",
        "en": "This village's actors: brokers in the village and national rank",
    },
    "national.village_table_help": {
        "id": "Perantara: seberapa sering aktor berada di jalur terpendek antara dua aktor lain "
        "di desa ini (dihitung tepat, 0 sampai 1). Peringkat PageRank: posisi aktor di seluruh "
        "jejaring kerja sama nasional (1 = tertinggi).",
        "en": "Betweenness: how often the actor lies on the shortest path between two other "
        "actors of this village (exact, 0 to 1). PageRank rank: the actor's place in the whole "
        "national collaboration network (1 = highest).",
    },
    "national.col_actor": {"id": "Aktor", "en": "Actor"},
    "national.col_actor_type": {"id": "Jenis aktor", "en": "Actor type"},
    "national.col_village_betweenness": {
        "id": "Perantara di desa",
        "en": "Betweenness in the village",
    },
    "national.col_pagerank_rank": {
        "id": "Peringkat PageRank nasional",
        "en": "National PageRank rank",
    },
    "national.tip_level": {"id": "Tingkat", "en": "Level"},
    "national.tip_villages": {"id": "Desa", "en": "Villages"},
    "national.tip_actors": {"id": "Aktor", "en": "Actors"},
    "national.tip_interventions": {"id": "Intervensi", "en": "Interventions"},
    "national.tip_prevalence": {
        "id": "Prevalensi rata-rata {value} ({n} desa)",
        "en": "Mean prevalence {value} ({n} villages)",
    },
    "national.tip_prevalence_own": {
        "id": "Prevalensi wilayah terakhir {value}",
        "en": "Latest prevalence of the place {value}",
    },
    "national.tip_links": {"id": "{n} hubungan kerja sama", "en": "{n} collaboration links"},
    "national.legend": {"id": "Prevalensi stunting desa", "en": "Village stunting prevalence"},
    "national.band_low": {"id": "di bawah 14% (target 2024)", "en": "below 14% (2024 target)"},
    "national.band_mid": {"id": "14–20%", "en": "14–20%"},
    "national.band_high": {"id": "20–30%", "en": "20–30%"},
    "national.band_top": {"id": "30% ke atas", "en": "30% and above"},
    "national.band_none": {"id": "tanpa data", "en": "no data"},
    "national.legend_kinds": {"id": "Jenis simpul", "en": "Kinds of node"},
    "place_level.country": {"id": "Negara", "en": "Country"},
    "place_level.province": {"id": "Provinsi", "en": "Province"},
    "place_level.kabupaten": {"id": "Kabupaten", "en": "Regency (kabupaten)"},
    "place_level.kota": {"id": "Kota", "en": "City (kota)"},
    "place_level.kecamatan": {"id": "Kecamatan", "en": "District (kecamatan)"},
    "place_level.desa": {"id": "Desa", "en": "Village (desa)"},
    "place_level.kelurahan": {"id": "Kelurahan", "en": "Urban village (kelurahan)"},
}
