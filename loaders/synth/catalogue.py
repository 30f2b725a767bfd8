"""The wording of the synthetic network: ids of its shared nodes, the target groups, the
sections of a Kampung KB working group, Posyandu names, and the kinds of intervention a
village can have, each with its unit, range, implementer and target groups."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "SOURCE_ID",
    "SECTION",
    "SYN",
    "SYN_EN",
    "COUNTRY_ID",
    "INDICATOR_ID",
    "NATIONAL_PROGRAM",
    "YEARS",
    "TARGET_GROUPS",
    "POKJA_SECTIONS",
    "POSYANDU_NAMES",
    "Kind",
    "INTERVENTIONS",
]

SOURCE_ID = "sintetis_jejaring"
SECTION = "Generator"
SYN = " (sintetis)"
SYN_EN = " (synthetic)"
COUNTRY_ID = "sintetis_wil_indonesia"
INDICATOR_ID = "sintetis_prevalensi_stunting"
NATIONAL_PROGRAM = "sintetis_program_kampung_kb"
YEARS = (2021, 2022, 2023, 2024)

TARGET_GROUPS = (
    ("remaja", "Remaja putri", "Adolescent girls"),
    ("catin", "Calon pengantin", "Prospective brides and grooms"),
    ("ibu_hamil", "Ibu hamil", "Pregnant women"),
    ("ibu_menyusui", "Ibu menyusui", "Breastfeeding mothers"),
    ("anak_0_59", "Balita (0-59 bulan)", "Children under five"),
    ("baduta", "Baduta (0-23 bulan)", "Children under two"),
    ("pus", "Pasangan usia subur", "Couples of reproductive age"),
    ("krs", "Keluarga berisiko stunting", "Families at risk of stunting"),
)

POKJA_SECTIONS = (
    ("keagamaan", "Seksi Keagamaan", "Religious affairs section", "religion"),
    ("pendidikan", "Seksi Sosialisasi dan Pendidikan", "Education section", "education"),
    ("reproduksi", "Seksi Reproduksi", "Reproduction section", "family_planning"),
    ("ekonomi", "Seksi Ekonomi", "Economy section", "economy"),
    ("perlindungan", "Seksi Perlindungan", "Protection section", "women_children"),
    ("kasih_sayang", "Seksi Kasih Sayang", "Love and affection section", "social_welfare"),
    ("sosial_budaya", "Seksi Sosial Budaya", "Socio-cultural section", "social_welfare"),
    ("lingkungan", "Seksi Pembinaan Lingkungan", "Environment section", "environment"),
)

POSYANDU_NAMES = ("Mawar", "Melati", "Anggrek", "Dahlia", "Kenanga", "Flamboyan", "Cempaka")


@dataclass(frozen=True)
class Kind:
    """One kind of intervention the generator can draw."""

    key: str
    name: str
    name_en: str
    kind: str  # specific | sensitive | convergence
    pillar: str
    family_function: str | None
    unit: str
    low: int
    high: int
    frequency: str
    implementer: str  # role key of the actor that carries it out
    targets: tuple[str, ...]
    funder: str | None = None  # role key of the actor that pays (unit IDR)
    weight: float = 1.0


INTERVENTIONS: tuple[Kind, ...] = (
    Kind(
        "kelas_ibu_hamil",
        "Kelas ibu hamil",
        "Antenatal classes",
        "specific",
        "pilar_2",
        "fungsi_reproduksi",
        "session",
        6,
        24,
        "monthly",
        "posyandu",
        ("ibu_hamil",),
        None,
        1.2,
    ),
    Kind(
        "pmt_lokal",
        "PMT lokal untuk balita gizi kurang",
        "Local supplementary feeding",
        "specific",
        "pilar_4",
        None,
        "package",
        100,
        2000,
        "monthly",
        "posyandu",
        ("anak_0_59",),
        None,
        1.2,
    ),
    Kind(
        "ttd_remaja",
        "Tablet tambah darah untuk remaja putri",
        "Iron tablets for girls",
        "specific",
        "pilar_3",
        None,
        "tablet",
        500,
        6000,
        "weekly",
        "puskesmas",
        ("remaja",),
    ),
    Kind(
        "pemantauan_tumbuh_kembang",
        "Penimbangan dan pemantauan tumbuh kembang balita",
        "Growth monitoring of under-fives",
        "specific",
        "pilar_3",
        None,
        "child",
        40,
        400,
        "monthly",
        "posyandu",
        ("anak_0_59", "baduta"),
        None,
        1.5,
    ),
    Kind(
        "imunisasi_dasar",
        "Imunisasi dasar lengkap",
        "Basic immunisation",
        "specific",
        "pilar_3",
        None,
        "child",
        10,
        150,
        "monthly",
        "puskesmas",
        ("baduta",),
    ),
    Kind(
        "pendampingan_krs",
        "Pendampingan keluarga berisiko stunting",
        "Accompaniment of families at risk",
        "sensitive",
        "pilar_2",
        "fungsi_perlindungan",
        "family",
        10,
        150,
        "monthly",
        "tpk",
        ("krs", "ibu_hamil", "baduta"),
        None,
        1.5,
    ),
    Kind(
        "bimbingan_catin",
        "Bimbingan perkawinan calon pengantin",
        "Pre-marital counselling",
        "sensitive",
        "pilar_2",
        "fungsi_reproduksi",
        "couple",
        4,
        60,
        "quarterly",
        "kua",
        ("catin",),
    ),
    Kind(
        "jamban_sehat",
        "Bantuan jamban sehat",
        "Healthy latrines",
        "sensitive",
        "pilar_3",
        "fungsi_pembinaan_lingkungan",
        "IDR",
        15_000_000,
        150_000_000,
        "once",
        "pemdes",
        ("krs",),
        "pemdes",
    ),
    Kind(
        "air_minum",
        "Sambungan air minum layak",
        "Safe drinking-water connections",
        "sensitive",
        "pilar_3",
        "fungsi_pembinaan_lingkungan",
        "connection",
        10,
        120,
        "once",
        "pemdes",
        ("krs",),
    ),
    Kind(
        "dashat",
        "Dapur Sehat Atasi Stunting (Dashat)",
        "Healthy kitchen (Dashat)",
        "sensitive",
        "pilar_4",
        "fungsi_ekonomi",
        "package",
        50,
        600,
        "monthly",
        "pokja",
        ("baduta", "ibu_hamil"),
    ),
    Kind(
        "kebun_gizi",
        "Kebun gizi pekarangan",
        "Home nutrition gardens",
        "sensitive",
        "pilar_4",
        "fungsi_ekonomi",
        "household",
        10,
        80,
        "once",
        "seksi_ekonomi",
        ("krs",),
    ),
    Kind(
        "phbs_pengajian",
        "Sosialisasi PHBS di pengajian",
        "Hygiene outreach at prayer groups",
        "sensitive",
        "pilar_2",
        "fungsi_keagamaan",
        "session",
        4,
        24,
        "monthly",
        "tokoh_agama",
        ("pus", "ibu_hamil"),
    ),
    Kind(
        "bantuan_baznas",
        "Bantuan Baznas untuk keluarga berisiko stunting",
        "Baznas aid to families at risk",
        "sensitive",
        "pilar_4",
        None,
        "IDR",
        5_000_000,
        50_000_000,
        "once",
        "pemdes",
        ("krs",),
        "baznas",
    ),
    Kind(
        "rtlh_tmmd",
        "Renovasi rumah tidak layak huni (TMMD)",
        "House renovation (TMMD)",
        "sensitive",
        "pilar_3",
        "fungsi_perlindungan",
        "house",
        1,
        10,
        "once",
        "kodim",
        ("krs",),
        None,
        0.5,
    ),
    Kind(
        "dana_desa_stunting",
        "Alokasi Dana Desa untuk percepatan penurunan stunting",
        "Village fund allocation for stunting",
        "convergence",
        "pilar_1",
        None,
        "IDR",
        10_000_000,
        200_000_000,
        "yearly",
        "tpps_desa",
        ("krs", "baduta"),
        "pemdes",
        1.2,
    ),
    Kind(
        "rembuk_stunting",
        "Rembuk stunting desa",
        "Village stunting deliberation",
        "convergence",
        "pilar_1",
        None,
        "meeting",
        1,
        2,
        "yearly",
        "kades",
        ("krs",),
    ),
    Kind(
        "audit_kasus_stunting",
        "Audit kasus stunting",
        "Stunting case audit",
        "convergence",
        "pilar_5",
        None,
        "case",
        2,
        30,
        "quarterly",
        "tpps_desa",
        ("baduta",),
        None,
        0.6,
    ),
)
