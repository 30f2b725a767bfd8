"""Every string of the interface, in Bahasa Indonesia (``id``, the default) and English (``en``).

One table, one entry per key with both languages side by side, so a missing translation is
visible at a glance and a test can check that every key has both. ``t(key, lang)`` looks a
string up; the sidebar switch itself is ``ui.state.language_switch()``.

The glossary explains the acronyms that Indonesian programme documents use, because many
users (and every English reader) meet them for the first time in this app.
"""

from __future__ import annotations

from typing import Any

from graph.schema import SECTOR_NAMES

LANGUAGES: dict[str, str] = {"id": "Bahasa Indonesia", "en": "English"}
DEFAULT_LANG = "id"

# key -> {"id": ..., "en": ...}. Strings may hold {placeholders} filled by t(..., **values).
STRINGS: dict[str, dict[str, str]] = {
    # -- application and navigation -------------------------------------------------------
    "app.name": {"id": "Jejaring", "en": "Jejaring"},
    "app.tagline": {
        "id": "Graf pengetahuan dan jejaring pemangku kepentingan penurunan stunting desa",
        "en": "Knowledge graph and stakeholder network of village stunting reduction",
    },
    "lang.switch": {"id": "Bahasa", "en": "Language"},
    "nav.overview": {"id": "Ringkasan", "en": "Overview"},
    "nav.network": {"id": "Jejaring", "en": "Network"},
    # -- errors -------------------------------------------------------------------------------
    "error.dataset": {
        "id": "Dataset kurasi belum lolos pemeriksaan ({n} masalah), jadi graf belum dimuat. "
        "Jalankan `python cli.py validate` untuk melihat rinciannya.",
        "en": "The curated dataset does not pass its checks yet ({n} problems), so the graph was "
        "not loaded. Run `python cli.py validate` for the details.",
    },
    "error.dataset_details": {"id": "Masalah pertama", "en": "First problems"},
    "error.neo4j": {
        "id": "Neo4j tidak dapat dihubungi. {error}",
        "en": "Neo4j cannot be reached. {error}",
    },
    "error.use_memory": {
        "id": "Pakai penyimpanan bawaan (tanpa server)",
        "en": "Use the embedded store (no server)",
    },
    "error.store": {
        "id": "Graf tidak dapat dibuka: {error}",
        "en": "The graph could not be opened: {error}",
    },
    # -- overview page ----------------------------------------------------------------------
    "overview.title": {
        "id": "Ringkasan jejaring dan indikator",
        "en": "Overview of the network and indicators",
    },
    "overview.intro": {
        "id": "Studi kasus Kampung KB Desa Mongpok, Kecamatan Cikeusal, Kabupaten Serang, Banten: "
        "isi graf dan perkembangan indikator stunting.",
        "en": "Case study of the Kampung KB of Desa Mongpok, Kecamatan Cikeusal, Kabupaten Serang, "
        "Banten: what the graph holds and how the stunting indicators moved.",
    },
    "overview.counts_header": {"id": "Isi graf", "en": "What the graph holds"},
    "overview.counts_all": {
        "id": "Semua label dan jenis relasi",
        "en": "All labels and relationship types",
    },
    "overview.indicator_header": {
        "id": "Indikator dari waktu ke waktu",
        "en": "Indicators over time",
    },
    "overview.indicator_select": {"id": "Indikator", "en": "Indicator"},
    "overview.places_select": {"id": "Tempat yang digambar", "en": "Places drawn"},
    "overview.no_observations": {
        "id": "Graf belum berisi observasi indikator.",
        "en": "The graph holds no indicator observations yet.",
    },
    "overview.no_places": {
        "id": "Pilih setidaknya satu tempat untuk menggambar grafik.",
        "en": "Choose at least one place to draw the chart.",
    },
    "overview.instrument_note": {
        "id": "Setiap garis adalah satu tempat yang diukur dengan satu instrumen. Survei sampel "
        "(SSGI, SKI) dan catatan penimbangan desa (e-PPGBM) adalah pengukuran yang berbeda, "
        "sehingga tidak pernah disambung menjadi satu garis.",
        "en": "Each line is one place measured with one instrument. Sample surveys (SSGI, SKI) and "
        "village weighing records (e-PPGBM) are different measurements, so they are never joined "
        "into one line.",
    },
    "overview.target_label": {
        "id": "Target {place} {period}: {value}",
        "en": "Target for {place}, {period}: {value}",
    },
    "overview.target_note": {
        "id": "Garis putus-putus merah: target {place} sebesar {value} pada {period} ({source}).",
        "en": "Red dashed line: the target for {place} of {value} by {period} ({source}).",
    },
    "overview.table_header": {"id": "Nilai di balik grafik", "en": "The values behind the chart"},
    "overview.glossary": {"id": "Glosarium singkatan", "en": "Glossary of acronyms"},
    "chart.period": {"id": "Periode", "en": "Period"},
    "chart.value": {"id": "Nilai", "en": "Value"},
    "chart.series": {"id": "Seri (tempat · instrumen)", "en": "Series (place · instrument)"},
    "chart.instrument_kind": {"id": "Jenis pengukuran", "en": "Kind of measurement"},
    "ikind.survey": {"id": "survei sampel", "en": "sample survey"},
    "ikind.records": {
        "id": "catatan penimbangan (administratif)",
        "en": "weighing records (administrative)",
    },
    "ikind.census": {"id": "pendataan keluarga", "en": "family census"},
    "ikind.target": {"id": "target", "en": "target"},
    "ikind.other": {"id": "lainnya", "en": "other"},
    # -- counts (metric tiles) -------------------------------------------------------------
    "count.Actor": {"id": "Aktor", "en": "Actors"},
    "count.Intervention": {"id": "Intervensi", "en": "Interventions"},
    "count.Program": {"id": "Program", "en": "Programmes"},
    "count.Observation": {"id": "Observasi", "en": "Observations"},
    "count.Factor": {"id": "Faktor", "en": "Factors"},
    "count.Source": {"id": "Sumber", "en": "Sources"},
    "count.relationships": {"id": "Relasi", "en": "Relationships"},
    "kind.node": {"id": "simpul", "en": "node"},
    "kind.relationship": {"id": "relasi", "en": "relationship"},
    # -- table columns ------------------------------------------------------------------------
    "col.kind": {"id": "Jenis", "en": "Kind"},
    "col.name": {"id": "Nama", "en": "Name"},
    "col.count": {"id": "Jumlah", "en": "Count"},
    "col.period": {"id": "Periode", "en": "Period"},
    "col.place": {"id": "Tempat", "en": "Place"},
    "col.value": {"id": "Nilai", "en": "Value"},
    "col.value_text": {"id": "Nilai tercetak", "en": "Value as printed"},
    "col.unit": {"id": "Satuan", "en": "Unit"},
    "col.instrument": {"id": "Instrumen", "en": "Instrument"},
    "col.instrument_kind": {"id": "Jenis pengukuran", "en": "Kind of measurement"},
    "col.source": {"id": "Sumber", "en": "Source"},
    "col.target": {"id": "Target?", "en": "Target?"},
    "col.property": {"id": "Properti", "en": "Property"},
    "col.direction": {"id": "Arah", "en": "Direction"},
    "col.rel_type": {"id": "Relasi", "en": "Relationship"},
    "col.other": {"id": "Simpul di ujung lain", "en": "Node at the other end"},
    "col.other_label": {"id": "Jenis simpul", "en": "Kind of node"},
    "col.description": {"id": "Keterangan", "en": "Description"},
    "col.evidence": {"id": "Lokator bukti", "en": "Evidence locators"},
    "col.acronym": {"id": "Singkatan", "en": "Acronym"},
    "col.expansion": {"id": "Kepanjangan", "en": "Stands for"},
    "col.meaning": {"id": "Artinya", "en": "What it is"},
    # -- network page -----------------------------------------------------------------------
    "network.title": {"id": "Jejaring pemangku kepentingan", "en": "Stakeholder network"},
    "network.intro": {
        "id": "Aktor, program dan intervensi serta hubungan di antara mereka. Arahkan kursor ke "
        "simpul untuk keterangan singkat; pilih simpul di bawah gambar untuk rincian dan buktinya.",
        "en": "Actors, programmes and interventions and how they are linked. Hover over a node for "
        "a summary; pick a node below the drawing for its details and evidence.",
    },
    "network.filters": {"id": "Filter jejaring", "en": "Network filters"},
    "network.filter_labels": {"id": "Jenis simpul", "en": "Kinds of node"},
    "network.filter_rels": {"id": "Jenis relasi", "en": "Relationship types"},
    "network.filter_levels": {"id": "Tingkat aktor", "en": "Actor level"},
    "network.shown": {
        "id": "{nodes} simpul dan {edges} relasi ditampilkan.",
        "en": "{nodes} nodes and {edges} relationships shown.",
    },
    "network.empty": {
        "id": "Tidak ada simpul yang cocok dengan filter.",
        "en": "No node matches the filters.",
    },
    "network.legend": {"id": "Legenda", "en": "Legend"},
    "network.picker": {
        "id": "Pilih simpul untuk melihat rinciannya",
        "en": "Pick a node to see its details",
    },
    "network.picker_placeholder": {"id": "Ketik untuk mencari…", "en": "Type to search…"},
    "network.details_props": {"id": "Properti", "en": "Properties"},
    "network.details_rels": {"id": "Relasi", "en": "Relationships"},
    "network.details_evidence": {
        "id": "Bukti (sumber · bagian · paragraf)",
        "en": "Evidence (source · section · paragraph)",
    },
    "network.no_evidence": {
        "id": "Simpul ini belum punya lokator bukti.",
        "en": "This node has no evidence locator yet.",
    },
    "network.no_relationships": {
        "id": "Simpul ini belum punya relasi.",
        "en": "This node has no relationships yet.",
    },
    "network.unresolved": {
        "id": "Kutipan tidak dapat ditampilkan: {problem}",
        "en": "The passage cannot be shown: {problem}",
    },
    "network.paragraph": {"id": "paragraf", "en": "paragraph"},
    "direction.out": {"id": "keluar →", "en": "outgoing →"},
    "direction.in": {"id": "← masuk", "en": "← incoming"},
    "field.kind": {"id": "Jenis simpul", "en": "Kind of node"},
    "field.actor_type": {"id": "Jenis aktor", "en": "Actor type"},
    "field.sector": {"id": "Sektor", "en": "Sector"},
    "field.level": {"id": "Tingkat", "en": "Level"},
    # -- node properties (names shown in the details table) ------------------------------
    "prop.id": {"id": "ID", "en": "ID"},
    "prop.aliases": {"id": "Nama lain / singkatan", "en": "Other names / acronyms"},
    "prop.actor_type": {"id": "Jenis aktor", "en": "Actor type"},
    "prop.sector": {"id": "Sektor", "en": "Sector"},
    "prop.level": {"id": "Tingkat", "en": "Level"},
    "prop.person_name": {"id": "Nama pejabat", "en": "Office holder"},
    "prop.intervention_kind": {"id": "Jenis intervensi", "en": "Kind of intervention"},
    "prop.pillar": {"id": "Pilar", "en": "Pillar"},
    "prop.family_function": {"id": "Fungsi keluarga", "en": "Family function"},
    "prop.quantity": {"id": "Jumlah", "en": "Quantity"},
    "prop.unit": {"id": "Satuan", "en": "Unit"},
    "prop.frequency": {"id": "Frekuensi", "en": "Frequency"},
    "prop.start": {"id": "Mulai", "en": "Start"},
    "prop.end": {"id": "Selesai", "en": "End"},
    "prop.innovation": {"id": "Inovasi lokal", "en": "Local innovation"},
    "prop.owner": {"id": "Penanggung jawab nasional", "en": "National owner"},
    "prop.policy_kind": {"id": "Jenis kebijakan", "en": "Kind of policy"},
    "prop.number": {"id": "Nomor", "en": "Number"},
    "prop.year": {"id": "Tahun", "en": "Year"},
    "prop.date": {"id": "Tanggal", "en": "Date"},
    "prop.factor_kind": {"id": "Jenis faktor", "en": "Kind of factor"},
    "prop.dimension": {"id": "Dimensi", "en": "Dimension"},
    "prop.place_level": {"id": "Tingkat wilayah", "en": "Administrative level"},
    "prop.kemendagri_code": {"id": "Kode Kemendagri", "en": "Kemendagri code"},
    "prop.bps_code": {"id": "Kode BPS", "en": "BPS code"},
    "prop.taxonomy_id": {"id": "ID taksonomi nasional", "en": "National taxonomy id"},
    "prop.synthetic": {"id": "Data sintetis", "en": "Synthetic data"},
    # -- node labels --------------------------------------------------------------------------
    "label.Actor": {"id": "Aktor", "en": "Actor"},
    "label.Program": {"id": "Program", "en": "Programme"},
    "label.Intervention": {"id": "Intervensi", "en": "Intervention"},
    "label.TargetGroup": {"id": "Kelompok sasaran", "en": "Target group"},
    "label.Indicator": {"id": "Indikator", "en": "Indicator"},
    "label.Observation": {"id": "Observasi", "en": "Observation"},
    "label.Place": {"id": "Wilayah", "en": "Place"},
    "label.Policy": {"id": "Kebijakan", "en": "Policy"},
    "label.Factor": {"id": "Faktor", "en": "Factor"},
    "label.Source": {"id": "Sumber", "en": "Source"},
    "label.Claim": {"id": "Klaim", "en": "Claim"},
    # -- relationship types -----------------------------------------------------------------
    "rel.COLLABORATES_WITH": {"id": "bekerja sama dengan", "en": "collaborates with"},
    "rel.FUNDS": {"id": "mendanai", "en": "funds"},
    "rel.IMPLEMENTS": {"id": "melaksanakan", "en": "implements"},
    "rel.SUPPORTS": {"id": "mendukung", "en": "supports"},
    "rel.COORDINATES": {"id": "mengoordinasikan", "en": "coordinates"},
    "rel.MEMBER_OF": {"id": "anggota dari", "en": "member of"},
    "rel.LEADS": {"id": "memimpin", "en": "leads"},
    "rel.ISSUED": {"id": "menerbitkan", "en": "issued"},
    "rel.MANDATED_BY": {"id": "diamanatkan oleh", "en": "mandated by"},
    "rel.PART_OF": {"id": "bagian dari", "en": "part of"},
    "rel.LOCATED_IN": {"id": "berada di", "en": "located in"},
    "rel.TARGETS": {"id": "menyasar", "en": "targets"},
    "rel.CONTRIBUTES_TO": {"id": "berkontribusi pada", "en": "contributes to"},
    "rel.OBSERVED_FOR": {"id": "observasi untuk", "en": "observed for"},
    "rel.OBSERVED_IN": {"id": "diamati di", "en": "observed in"},
    "rel.ENABLES": {"id": "mendorong", "en": "enables"},
    "rel.HINDERS": {"id": "menghambat", "en": "hinders"},
    "rel.CONCERNS": {"id": "menyangkut", "en": "concerns"},
    "rel.CITES": {"id": "mengutip", "en": "cites"},
    # -- actor types ----------------------------------------------------------------------------
    "actor_type.government_office": {"id": "Instansi pemerintah", "en": "Government office"},
    "actor_type.village_government": {"id": "Pemerintah desa", "en": "Village government"},
    "actor_type.village_body": {"id": "Lembaga desa", "en": "Village body"},
    "actor_type.working_group": {"id": "Kelompok kerja / tim", "en": "Working group / team"},
    "actor_type.military": {"id": "TNI", "en": "Military"},
    "actor_type.religious": {"id": "Lembaga keagamaan", "en": "Religious institution"},
    "actor_type.zakat_philanthropy": {"id": "Zakat / filantropi", "en": "Zakat / philanthropy"},
    "actor_type.community_group": {"id": "Kelompok masyarakat", "en": "Community group"},
    "actor_type.community_leader": {"id": "Tokoh masyarakat", "en": "Community leader"},
    "actor_type.health_facility": {"id": "Fasilitas kesehatan", "en": "Health facility"},
    "actor_type.cadre": {"id": "Kader", "en": "Cadre"},
    "actor_type.field_officer": {"id": "Petugas lapangan", "en": "Field officer"},
    "actor_type.business": {"id": "Dunia usaha", "en": "Business"},
    "actor_type.research": {"id": "Perguruan tinggi / riset", "en": "University / research"},
    "actor_type.forum": {"id": "Forum", "en": "Forum"},
    "actor_type.international": {"id": "Lembaga internasional", "en": "International agency"},
    "actor_type.unknown": {"id": "Jenis aktor belum diisi", "en": "Actor type not given"},
    # -- sectors --------------------------------------------------------------------------------
    # -- levels ---------------------------------------------------------------------------------
    "level.global": {"id": "Global", "en": "Global"},
    "level.national": {"id": "Nasional", "en": "National"},
    "level.province": {"id": "Provinsi", "en": "Province"},
    "level.kabupaten": {"id": "Kabupaten", "en": "Regency (kabupaten)"},
    "level.kecamatan": {"id": "Kecamatan", "en": "District (kecamatan)"},
    "level.desa": {"id": "Desa", "en": "Village (desa)"},
    "level.dusun_rw": {"id": "Dusun / RW", "en": "Hamlet / RW"},
}


# Each page may keep its own strings in drawing/strings/<page>.py (a dict named STRINGS of the same
# shape); they join this table here, so t() and the tests see one table.
def _page_tables() -> dict[str, dict[str, str]]:
    import importlib
    import pkgutil
    from pathlib import Path

    merged: dict[str, dict[str, str]] = {}
    for info in pkgutil.iter_modules([str(Path(__file__).parent / "strings")]):
        merged.update(importlib.import_module(f"drawing.strings.{info.name}").STRINGS)
    return merged


STRINGS.update(_page_tables())

# Sector names are domain vocabulary kept with the schema; the UI reads them from there.
STRINGS.update(
    {
        f"sector.{code}": {"id": id_name, "en": en_name}
        for code, (id_name, en_name) in SECTOR_NAMES.items()
    }
)

# Acronym -> language -> (what it stands for, what it is). Expansions stay in Indonesian in
# both languages (they are proper names); the explanation is translated.
GLOSSARY: dict[str, dict[str, tuple[str, str]]] = {
    "TPPS": {
        "id": (
            "Tim Percepatan Penurunan Stunting",
            "Tim lintas sektor yang mengoordinasikan "
            "penurunan stunting, dari tingkat pusat sampai desa.",
        ),
        "en": (
            "Tim Percepatan Penurunan Stunting",
            "Stunting Reduction Acceleration Team: the "
            "cross-sector team that coordinates stunting reduction, from national to village level.",
        ),
    },
    "TPK": {
        "id": (
            "Tim Pendamping Keluarga",
            "Bidan, kader PKK dan kader KB yang mendampingi keluarga berisiko stunting.",
        ),
        "en": (
            "Tim Pendamping Keluarga",
            "Family Assistance Team: a midwife, a PKK cadre and a family "
            "planning cadre who accompany families at risk of stunting.",
        ),
    },
    "PLKB": {
        "id": (
            "Penyuluh Lapangan Keluarga Berencana",
            "Petugas lapangan BKKBN yang membina keluarga berencana di kecamatan dan desa.",
        ),
        "en": (
            "Penyuluh Lapangan Keluarga Berencana",
            "Family planning field officer of BKKBN, working with villages in a kecamatan.",
        ),
    },
    "KUA": {
        "id": (
            "Kantor Urusan Agama",
            "Kantor Kementerian Agama di kecamatan; mencatat pernikahan dan "
            "memberi bimbingan calon pengantin.",
        ),
        "en": (
            "Kantor Urusan Agama",
            "Office of Religious Affairs of the kecamatan; registers marriages "
            "and counsels couples before marriage.",
        ),
    },
    "Baznas": {
        "id": ("Badan Amil Zakat Nasional", "Lembaga pengelola zakat, infak dan sedekah."),
        "en": (
            "Badan Amil Zakat Nasional",
            "National Zakat Agency, which collects and distributes zakat and other alms.",
        ),
    },
    "Kodim": {
        "id": ("Komando Distrik Militer", "Komando TNI Angkatan Darat di tingkat kabupaten/kota."),
        "en": (
            "Komando Distrik Militer",
            "District Military Command of the Indonesian Army, at kabupaten/kota level.",
        ),
    },
    "Pokja": {
        "id": ("Kelompok Kerja", "Tim pelaksana suatu program, misalnya Pokja Kampung KB."),
        "en": (
            "Kelompok Kerja",
            "Working group that runs a programme, such as the Kampung KB working group.",
        ),
    },
    "Posyandu": {
        "id": (
            "Pos Pelayanan Terpadu",
            "Layanan bulanan yang dijalankan kader: penimbangan, imunisasi "
            "dan penyuluhan untuk ibu dan anak.",
        ),
        "en": (
            "Pos Pelayanan Terpadu",
            "Integrated health post run monthly by cadres: weighing, "
            "immunisation and advice for mothers and children.",
        ),
    },
    "Dashat": {
        "id": (
            "Dapur Sehat Atasi Stunting",
            "Program BKKBN: dapur masyarakat yang menyediakan makanan "
            "bergizi dari bahan pangan lokal.",
        ),
        "en": (
            "Dapur Sehat Atasi Stunting",
            "Healthy Kitchen to Overcome Stunting, a BKKBN programme of "
            "community kitchens that prepare nutritious meals from local food.",
        ),
    },
    "PUS": {
        "id": ("Pasangan Usia Subur", "Pasangan suami-istri dengan istri berusia 15-49 tahun."),
        "en": ("Pasangan Usia Subur", "Couple of reproductive age (the wife aged 15-49)."),
    },
    "KRS": {
        "id": (
            "Keluarga Risiko Stunting",
            "Keluarga yang memiliki satu atau lebih faktor risiko "
            "stunting, hasil pendataan keluarga BKKBN.",
        ),
        "en": (
            "Keluarga Risiko Stunting",
            "Family at risk of stunting: a family with one or more risk "
            "factors, as classed by the BKKBN family census.",
        ),
    },
    "e-PPGBM": {
        "id": (
            "Elektronik Pencatatan dan Pelaporan Gizi Berbasis Masyarakat",
            "Aplikasi Kementerian "
            "Kesehatan untuk hasil penimbangan anak di posyandu (catatan, bukan survei).",
        ),
        "en": (
            "Elektronik Pencatatan dan Pelaporan Gizi Berbasis Masyarakat",
            "Ministry of Health "
            "system recording the weighing of children at the posyandu (records, not a survey).",
        ),
    },
    "SSGI": {
        "id": (
            "Studi Status Gizi Indonesia",
            "Survei sampel Kementerian Kesehatan tentang status gizi "
            "balita, untuk tingkat nasional, provinsi dan kabupaten/kota.",
        ),
        "en": (
            "Studi Status Gizi Indonesia",
            "Indonesian Nutritional Status Survey: the Ministry of "
            "Health's sample survey of under-five nutrition, for national, provincial and district "
            "figures.",
        ),
    },
    "BPD": {
        "id": (
            "Badan Permusyawaratan Desa",
            "Badan perwakilan warga yang membahas dan menyetujui peraturan dan anggaran desa.",
        ),
        "en": (
            "Badan Permusyawaratan Desa",
            "Village Consultative Body, which debates and approves "
            "village regulations and budgets.",
        ),
    },
    "DP3A": {
        "id": (
            "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
            "Dinas daerah urusan perempuan dan anak.",
        ),
        "en": (
            "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
            "Local government office for women's empowerment and child protection.",
        ),
    },
    "KKP": {
        "id": ("Kementerian Kelautan dan Perikanan", "Kementerian urusan kelautan dan perikanan."),
        "en": ("Kementerian Kelautan dan Perikanan", "Ministry of Marine Affairs and Fisheries."),
    },
    "BKKBN": {
        "id": (
            "Badan Kependudukan dan Keluarga Berencana Nasional",
            "Lembaga pemerintah yang "
            "mengoordinasikan percepatan penurunan stunting dan menjalankan Kampung KB.",
        ),
        "en": (
            "Badan Kependudukan dan Keluarga Berencana Nasional",
            "National Population and Family "
            "Planning Board; coordinates the acceleration of stunting reduction and runs Kampung KB.",
        ),
    },
    "PHBS": {
        "id": (
            "Perilaku Hidup Bersih dan Sehat",
            "Kebiasaan hidup bersih dan sehat di rumah tangga dan masyarakat.",
        ),
        "en": (
            "Perilaku Hidup Bersih dan Sehat",
            "Clean and healthy living behaviour in households and communities.",
        ),
    },
    "UMKM": {
        "id": ("Usaha Mikro, Kecil, dan Menengah", "Usaha kecil milik warga."),
        "en": ("Usaha Mikro, Kecil, dan Menengah", "Micro, small and medium enterprises."),
    },
}


def normalise_lang(lang: str | None) -> str:
    """``lang`` when it is a supported language, else the default (Bahasa Indonesia)."""
    return lang if lang in LANGUAGES else DEFAULT_LANG


def t(key: str, lang: str | None = DEFAULT_LANG, **values: Any) -> str:
    """The string ``key`` in ``lang`` with ``{placeholders}`` filled from ``values``.

    An unknown key returns the key itself, so a typo shows on screen instead of crashing
    a workshop; the unit tests make sure no page uses one.

    >>> t("nav.network", "en"), t("nav.network", "id")
    ('Network', 'Jejaring')
    >>> t("network.shown", "en", nodes=3, edges=2)
    '3 nodes and 2 relationships shown.'
    """
    entry = STRINGS.get(key)
    if entry is None:
        return key
    text = entry.get(normalise_lang(lang)) or entry[DEFAULT_LANG]
    return text.format(**values) if values else text


def t_value(prefix: str, value: Any, lang: str | None = DEFAULT_LANG) -> str:
    """A translated code (``t("sector.health")``) or the code itself when it has no entry.

    >>> t_value("sector", "health", "en"), t_value("sector", "astronomy", "en")
    ('Health', 'astronomy')
    """
    if value is None or value == "":
        return ""
    key = f"{prefix}.{value}"
    return t(key, lang) if key in STRINGS else str(value)


def glossary_rows(lang: str | None = DEFAULT_LANG) -> list[dict[str, str]]:
    """The glossary as table rows, acronyms in alphabetical order."""
    lang = normalise_lang(lang)
    rows = []
    for acronym in sorted(GLOSSARY, key=str.casefold):
        expansion, meaning = GLOSSARY[acronym][lang]
        rows.append(
            {
                t("col.acronym", lang): acronym,
                t("col.expansion", lang): expansion,
                t("col.meaning", lang): meaning,
            }
        )
    return rows
