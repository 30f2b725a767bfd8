"""A synthetic national programme network: generated, not observed, data for scale work.

Contract (what other modules may rely on)
-----------------------------------------
``generate(villages, seed, places=None)`` returns a :class:`SyntheticNetwork`. It is cheap
to create (it only lays out the administrative hierarchy) and yields records lazily:

* ``net.nodes()`` - node records, ``net.relationships()`` - relationship records, in the
  exact format of ``GraphStore.upsert_nodes`` / ``upsert_relationships`` / ``apply``
  (``graph.store.split_node`` / ``split_relationship``): a node is a dict with ``label``,
  ``id`` and the label's properties; a relationship has ``type``, ``start`` and ``end``
  (``"Label:id"``) and its properties. Every record passes ``graph.schema.validate_node`` /
  ``validate_relationship`` without ``extra_ok``. Each call starts a fresh, identical pass.
* ``nodes, rels = net`` also works (the two iterators above).
* ``net.units()`` - the same records grouped in small units ``(nodes, relationships)`` in
  dependency order: every relationship ends at nodes of its own unit or of an earlier one,
  so a loader can write unit after unit with bounded memory (see :func:`load`).
* ``net.villages`` - how many villages the network has (the places file may hold fewer than
  asked); ``net.notes`` - what the caller should know (such as that cap).

Everything is reproducible from ``seed``: the same arguments give identical records in the
same order; another seed gives other names, quantities, trends and links. Nothing depends on
the order of iteration: each village draws from its own generator seeded by ``seed`` and its
code.

Everything is marked as synthetic: ``synthetic: true`` on every node and relationship; every
name ends with "(sintetis)" and every English name with "(synthetic)"; every id starts with
``sintetis_``; every record's evidence is one locator into the Source node
``sintetis_jejaring`` (itself synthetic), whose note repeats that the data is generated.

Places. ``place_level`` is one of ``graph.schema.PLACE_LEVELS``: one ``country``
(``sintetis_wil_indonesia``), then ``province``, ``kabupaten``/``kota``, ``kecamatan`` and
``desa``/``kelurahan``; every place is ``PART_OF`` its parent, up to the country. Place ids
are ``sintetis_wil_<kemendagri_code>``. With ``places`` (a Kemendagri code file, see
``loaders.places``) the real codes and names of the file are used (a sample of whole
kabupaten chosen with the seed); without it the hierarchy is made up and its codes begin
with ``X`` (``X01.02.03.2004``), which no real code does.

Actors (``LOCATED_IN`` their place; ``actor_type``, ``sector``, ``level`` from the schema):

* per village: village head, BPD, TPPS desa, Pokja Kampung KB with 3-8 of its eight
  sections (``MEMBER_OF`` the Pokja), TPK and its members (midwife, PKK and KB cadres,
  ``MEMBER_OF`` the TPK), 1-4 Posyandu (level ``dusun_rw``) with their cadres, sometimes a
  religious leader;
* per kecamatan: camat, KUA, Puskesmas, PLKB, TPPS kecamatan;
* per kabupaten/kota: Dinas Kesehatan, DP3A, Baznas, Kodim, Bappeda, TPPS kabupaten;
* per province: TPPS provinsi, BKKBN provincial office, Dinas Kesehatan provinsi, Baznas
  provinsi; nationally: BKKBN, Kemenkes, Bappenas, Setwapres (TPPS pusat), Kemendes PDTT,
  Kemenag.

Programmes and interventions: a national Kampung KB programme (``sintetis_program_kampung_kb``)
and one Kampung KB per village (``PART_OF`` it, ``LOCATED_IN`` the village, led by the village
head, coordinated by the Pokja); per village 4-9 interventions drawn by kind (specific /
sensitive / convergence) from a catalogue built on the taxonomy's target groups, pillars and
family functions, each with a plausible quantity and unit, ``PART_OF`` the village's Kampung
KB, ``LOCATED_IN`` the village, ``TARGETS`` target groups, ``IMPLEMENTS`` by a village or
kecamatan actor, ``FUNDS`` (with ``amount`` and ``currency`` IDR) for money, sometimes
``CONTRIBUTES_TO`` the stunting indicator (``claim: reported_by_informants``).

Observations: stunting prevalence (indicator ``sintetis_prevalensi_stunting``) per village
from village weighing records (``instrument: e-PPGBM``) for 2-4 consecutive years between
2021 and 2024 with a mostly falling trend, and per kabupaten and province from surveys
(SSGI 2021, 2022, 2024; SKI 2023). ``OBSERVED_FOR`` the indicator, ``OBSERVED_IN`` the place.

Collaboration follows administrative proximity: within a village (``COLLABORATES_WITH``,
``LEADS``, ``COORDINATES``, ``MEMBER_OF``, ``SUPPORTS``), between a village and its own
kecamatan bodies (Puskesmas supports the Posyandu, PLKB the Pokja, KUA works with the
religious leader), between kecamatan and its kabupaten (TPPS chain, Dinas Kesehatan supports
the Puskesmas), up to province and nation; and, with probability 0.35, between the heads of
two neighbouring villages of one kecamatan. No (type, start, end) occurs twice.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.store import GraphStore

__all__ = [
    "LOAD_BATCH_SIZE",
    "LoadResult",
    "SOURCE_ID",
    "SyntheticNetwork",
    "generate",
    "load",
]

SOURCE_ID = "sintetis_jejaring"
SECTION = "Generator"
SYN = " (sintetis)"
SYN_EN = " (synthetic)"
COUNTRY_ID = "sintetis_wil_indonesia"
INDICATOR_ID = "sintetis_prevalensi_stunting"
NATIONAL_PROGRAM = "sintetis_program_kampung_kb"
YEARS = (2021, 2022, 2023, 2024)
LOAD_BATCH_SIZE = 5000  # rows per UNWIND batch when loading into Neo4j

# Place tuples: (code, name as in the file or made up, place_level)
Place = tuple[str, str, str]


@dataclass
class _Kec:
    place: Place
    villages: list[Place] = field(default_factory=list)


@dataclass
class _Kab:
    place: Place
    kecamatan: list[_Kec] = field(default_factory=list)


@dataclass
class _Prov:
    place: Place
    kabupaten: list[_Kab] = field(default_factory=list)


# ----------------------------------------------------------------------------------------
# catalogues (the project's own wording)
# ----------------------------------------------------------------------------------------

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
class _Kind:
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


INTERVENTIONS: tuple[_Kind, ...] = (
    _Kind(
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
    _Kind(
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
    _Kind(
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
    _Kind(
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
    _Kind(
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
    _Kind(
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
    _Kind(
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
    _Kind(
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
    _Kind(
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
    _Kind(
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
    _Kind(
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
    _Kind(
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
    _Kind(
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
    _Kind(
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
    _Kind(
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
    _Kind(
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
    _Kind(
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

_SYLLABLES_A = (
    "Suka",
    "Karang",
    "Mekar",
    "Tanjung",
    "Sumber",
    "Bojong",
    "Kali",
    "Pasir",
    "Teluk",
    "Tegal",
    "Sindang",
    "Gunung",
    "Rawa",
    "Wana",
    "Banyu",
    "Cigadung",
    "Lebak",
    "Pulo",
    "Tambak",
    "Kebon",
    "Jati",
    "Padas",
    "Sido",
    "Harja",
    "Mulya",
)
_SYLLABLES_B = (
    "maju",
    "jaya",
    "mulya",
    "sari",
    "asih",
    "rahayu",
    "wangi",
    "makmur",
    "tani",
    "baru",
    "indah",
    "harja",
    "mekar",
    "raya",
    "agung",
    "lestari",
    "rejo",
    "sejahtera",
    "kencana",
)


def _made_up_name(rng: random.Random) -> str:
    return rng.choice(_SYLLABLES_A) + rng.choice(_SYLLABLES_B)


# ----------------------------------------------------------------------------------------
# record helpers
# ----------------------------------------------------------------------------------------


def _evidence(seed: int) -> list[dict[str, Any]]:
    return [
        {
            "source": SOURCE_ID,
            "section": SECTION,
            "paragraph": 1,
            "note": f"data sintetis, bukan data nyata (seed {seed})",
        }
    ]


class _Builder:
    """Collects the records of one unit; every record is marked synthetic."""

    def __init__(self, evidence: list[dict[str, Any]]) -> None:
        self.evidence = evidence
        self.nodes: list[dict[str, Any]] = []
        self.rels: list[dict[str, Any]] = []

    def node(self, label: str, node_id: str, name: str, name_en: str, **props: Any) -> str:
        record = {
            "label": label,
            "id": node_id,
            "name": name + SYN,
            "name_en": name_en + SYN_EN,
            **{k: v for k, v in props.items() if v is not None},
            "synthetic": True,
            "evidence": self.evidence,
        }
        self.nodes.append(record)
        return f"{label}:{node_id}"

    def actor(
        self, node_id: str, name: str, name_en: str, actor_type: str, sector: str, level: str
    ) -> str:
        return self.node(
            "Actor", node_id, name, name_en, actor_type=actor_type, sector=sector, level=level
        )

    def rel(self, rel_type: str, start: str, end: str, **props: Any) -> None:
        self.rels.append(
            {
                "type": rel_type,
                "start": start,
                "end": end,
                **{k: v for k, v in props.items() if v is not None},
                "synthetic": True,
                "evidence": self.evidence,
            }
        )

    def unit(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        out = (self.nodes, self.rels)
        self.nodes, self.rels = [], []
        return out


def _pid(code: str) -> str:
    return f"sintetis_wil_{code.lower()}"


def _slug(code: str) -> str:
    return code.lower()


def _place_name(place: Place) -> tuple[str, str]:
    code, nama, level = place
    prefix, en = {
        "province": ("Provinsi", "Province"),
        "kabupaten": ("Kabupaten", "Regency"),
        "kota": ("Kota", "City"),
        "kecamatan": ("Kecamatan", "Sub-district"),
        "desa": ("Desa", "Village"),
        "kelurahan": ("Kelurahan", "Urban village"),
    }[level]
    base = nama[len(prefix) + 1 :] if nama.lower().startswith(prefix.lower() + " ") else nama
    return f"{prefix} {base}", f"{en} {base}"


def _short(place: Place) -> str:
    """The place's name without its kind: ``Cikeusal`` for ``Kecamatan Cikeusal``."""
    return _place_name(place)[0].split(" ", 1)[1]


def _pct_text(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


# ----------------------------------------------------------------------------------------
# the network
# ----------------------------------------------------------------------------------------


@dataclass
class SyntheticNetwork:
    """A generated network; see the module docstring for the contract."""

    seed: int
    requested: int
    provinces: list[_Prov]
    places_file: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def villages(self) -> int:
        return sum(
            len(k.villages) for p in self.provinces for b in p.kabupaten for k in b.kecamatan
        )

    @property
    def evidence(self) -> list[dict[str, Any]]:
        return _evidence(self.seed)

    def __iter__(self) -> Iterator[Iterator[dict[str, Any]]]:
        return iter((self.nodes(), self.relationships()))

    def nodes(self) -> Iterator[dict[str, Any]]:
        for nodes, _ in self.units():
            yield from nodes

    def relationships(self) -> Iterator[dict[str, Any]]:
        for _, rels in self.units():
            yield from rels

    def units(self) -> Iterator[tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
        """Records in units, in dependency order (ends of a unit's relationships are in the
        unit itself or an earlier one). The village units carry ``len(unit[0])`` > 0 and are
        ``self.villages`` in number, so a caller can show progress per unit."""
        b = _Builder(self.evidence)
        yield self._national(b)
        for prov in self.provinces:
            yield self._province(b, prov)
            for kab in prov.kabupaten:
                yield self._kabupaten(b, prov, kab)
                for kec in kab.kecamatan:
                    yield self._kecamatan(b, prov, kab, kec)
                    previous: str | None = None
                    for village in kec.villages:
                        yield self._village(b, kab, kec, village, previous)
                        previous = village[0]

    # -- units ---------------------------------------------------------------------------
    def _national(self, b: _Builder) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        where = "the generated hierarchy" if not self.places_file else self.places_file
        b.nodes.append(
            {
                "label": "Source",
                "id": SOURCE_ID,
                "name": "Jaringan program nasional (sintetis)",
                "name_en": "National programme network (synthetic)",
                "title": "Data sintetis Jejaring: jaringan program percepatan penurunan stunting",
                "description": (
                    "Data buatan generator Jejaring (loaders/synth.py, seed "
                    f"{self.seed}) untuk uji skala; bukan data nyata. Tempat dari: {where}."
                ),
                "description_en": (
                    "Data made by Jejaring's generator (loaders/synth.py, seed "
                    f"{self.seed}) for scale tests; not real data. Places from: {where}."
                ),
                "source_kind": "dataset",
                "sections": [SECTION],
                "synthetic": True,
                "evidence": self.evidence,
            }
        )
        country = b.node("Place", COUNTRY_ID, "Indonesia", "Indonesia", place_level="country")
        b.node(
            "Indicator",
            INDICATOR_ID,
            "Prevalensi stunting",
            "Stunting prevalence",
            unit="percent",
            measure="share of children under five whose height-for-age is below -2 SD",
        )
        for key, name, name_en in TARGET_GROUPS:
            b.node("TargetGroup", f"sintetis_tg_{key}", name, name_en, taxonomy_id=key)
        national = {
            "bkkbn": (
                "BKKBN",
                "National Population and Family Planning Board",
                "government_office",
                "family_planning",
            ),
            "kemenkes": (
                "Kementerian Kesehatan",
                "Ministry of Health",
                "government_office",
                "health",
            ),
            "bappenas": (
                "Kementerian PPN/Bappenas",
                "Ministry of National Development Planning",
                "government_office",
                "governance",
            ),
            "setwapres": (
                "Sekretariat Wakil Presiden (TPPS Pusat)",
                "Vice-President's secretariat (national TPPS)",
                "working_group",
                "governance",
            ),
            "kemendes": (
                "Kementerian Desa PDTT",
                "Ministry of Villages",
                "government_office",
                "governance",
            ),
            "kemenag": (
                "Kementerian Agama",
                "Ministry of Religious Affairs",
                "government_office",
                "religion",
            ),
        }
        for key, (name, name_en, actor_type, sector) in national.items():
            ref = b.actor(f"sintetis_{key}", name, name_en, actor_type, sector, "national")
            b.rel("LOCATED_IN", ref, country)
        setwapres = "Actor:sintetis_setwapres"
        for key in ("bkkbn", "kemenkes", "bappenas", "kemendes", "kemenag"):
            b.rel("MEMBER_OF", f"Actor:sintetis_{key}", setwapres, role="anggota TPPS pusat")
        b.rel("COORDINATES", setwapres, "Actor:sintetis_bkkbn")
        program = b.node(
            "Program",
            NATIONAL_PROGRAM,
            "Kampung Keluarga Berkualitas (Kampung KB)",
            "Quality family village programme (Kampung KB)",
            owner="sintetis_bkkbn",
            start="2016-01",
        )
        b.rel("LEADS", "Actor:sintetis_bkkbn", program)
        b.rel("SUPPORTS", "Actor:sintetis_kemendes", program)
        return b.unit()

    def _province(self, b: _Builder, prov: _Prov) -> tuple[list, list]:
        code = prov.place[0]
        name, name_en = _place_name(prov.place)
        short = _short(prov.place)
        place = b.node(
            "Place", _pid(code), name, name_en, place_level="province", kemendagri_code=code
        )
        b.rel("PART_OF", place, f"Place:{COUNTRY_ID}")
        s = _slug(code)
        bodies = {
            "tpps_prov": (
                f"TPPS Provinsi {short}",
                f"{short} provincial TPPS",
                "working_group",
                "governance",
            ),
            "bkkbn_prov": (
                f"Perwakilan BKKBN Provinsi {short}",
                f"BKKBN office of {short}",
                "government_office",
                "family_planning",
            ),
            "dinkes_prov": (
                f"Dinas Kesehatan Provinsi {short}",
                f"{short} provincial health office",
                "government_office",
                "health",
            ),
            "baznas_prov": (
                f"Baznas Provinsi {short}",
                f"{short} provincial Baznas",
                "zakat_philanthropy",
                "social_welfare",
            ),
        }
        for key, (n, n_en, actor_type, sector) in bodies.items():
            ref = b.actor(f"sintetis_{key}_{s}", n, n_en, actor_type, sector, "province")
            b.rel("LOCATED_IN", ref, place)
        tpps = f"Actor:sintetis_tpps_prov_{s}"
        b.rel("COORDINATES", "Actor:sintetis_setwapres", tpps)
        b.rel("PART_OF", f"Actor:sintetis_bkkbn_prov_{s}", "Actor:sintetis_bkkbn")
        b.rel("MEMBER_OF", f"Actor:sintetis_bkkbn_prov_{s}", tpps, role="sekretariat")
        b.rel("MEMBER_OF", f"Actor:sintetis_dinkes_prov_{s}", tpps, role="anggota")
        b.rel("SUPPORTS", "Actor:sintetis_kemenkes", f"Actor:sintetis_dinkes_prov_{s}")
        rng = random.Random(f"{self.seed}:prov:{code}")
        self._surveys(b, rng, code, place, name, 15.0, 35.0)
        return b.unit()

    def _surveys(
        self,
        b: _Builder,
        rng: random.Random,
        code: str,
        place: str,
        place_name: str,
        low: float,
        high: float,
    ) -> None:
        value = rng.uniform(low, high)
        trend = rng.uniform(-2.5, 0.5)
        for year, instrument in ((2021, "SSGI"), (2022, "SSGI"), (2023, "SKI"), (2024, "SSGI")):
            value = max(3.0, value + (trend if year > 2021 else 0) + rng.gauss(0, 1.2))
            shown = round(value, 1)
            obs = b.node(
                "Observation",
                f"sintetis_obs_{_slug(code)}_{instrument.lower()}_{year}",
                f"Prevalensi stunting {instrument} {year} {place_name}",
                f"Stunting prevalence {instrument} {year} {place_name}",
                value=shown,
                value_text=_pct_text(shown),
                unit="percent",
                year=year,
                instrument=instrument,
                source="Generator Jejaring (sintetis)",
            )
            b.rel("OBSERVED_FOR", obs, f"Indicator:{INDICATOR_ID}")
            b.rel("OBSERVED_IN", obs, place)

    def _kabupaten(self, b: _Builder, prov: _Prov, kab: _Kab) -> tuple[list, list]:
        code = kab.place[0]
        name, name_en = _place_name(kab.place)
        short = _short(kab.place)
        kind = "Kota" if kab.place[2] == "kota" else "Kabupaten"
        place = b.node(
            "Place", _pid(code), name, name_en, place_level=kab.place[2], kemendagri_code=code
        )
        b.rel("PART_OF", place, f"Place:{_pid(prov.place[0])}")
        s, ps = _slug(code), _slug(prov.place[0])
        bodies = {
            "dinkes": (
                f"Dinas Kesehatan {kind} {short}",
                f"{short} health office",
                "government_office",
                "health",
            ),
            "dp3a": (
                f"DP3A {kind} {short}",
                f"{short} women and child protection office",
                "government_office",
                "women_children",
            ),
            "baznas": (
                f"Baznas {kind} {short}",
                f"{short} Baznas",
                "zakat_philanthropy",
                "social_welfare",
            ),
            "kodim": (
                f"Kodim {short}",
                f"{short} military district command",
                "military",
                "security",
            ),
            "bappeda": (
                f"Bappeda {kind} {short}",
                f"{short} development planning agency",
                "government_office",
                "governance",
            ),
            "tpps_kab": (f"TPPS {kind} {short}", f"{short} TPPS", "working_group", "governance"),
        }
        for key, (n, n_en, actor_type, sector) in bodies.items():
            ref = b.actor(f"sintetis_{key}_{s}", n, n_en, actor_type, sector, "kabupaten")
            b.rel("LOCATED_IN", ref, place)
        tpps = f"Actor:sintetis_tpps_kab_{s}"
        for key in ("dinkes", "dp3a", "baznas", "kodim"):
            b.rel("MEMBER_OF", f"Actor:sintetis_{key}_{s}", tpps, role="anggota")
        b.rel("LEADS", f"Actor:sintetis_bappeda_{s}", tpps)
        b.rel("COORDINATES", f"Actor:sintetis_tpps_prov_{ps}", tpps)
        b.rel("SUPPORTS", f"Actor:sintetis_dinkes_prov_{ps}", f"Actor:sintetis_dinkes_{s}")
        b.rel("COLLABORATES_WITH", f"Actor:sintetis_baznas_prov_{ps}", f"Actor:sintetis_baznas_{s}")
        rng = random.Random(f"{self.seed}:kab:{code}")
        self._surveys(b, rng, code, place, name, 10.0, 40.0)
        return b.unit()

    def _kecamatan(self, b: _Builder, prov: _Prov, kab: _Kab, kec: _Kec) -> tuple[list, list]:
        code = kec.place[0]
        name, name_en = _place_name(kec.place)
        short = _short(kec.place)
        place = b.node(
            "Place", _pid(code), name, name_en, place_level="kecamatan", kemendagri_code=code
        )
        b.rel("PART_OF", place, f"Place:{_pid(kab.place[0])}")
        s, ks, ps = _slug(code), _slug(kab.place[0]), _slug(prov.place[0])
        bodies = {
            "camat": (
                f"Camat {short}",
                f"{short} sub-district head",
                "government_office",
                "governance",
            ),
            "kua": (f"KUA {short}", f"{short} religious affairs office", "religious", "religion"),
            "puskesmas": (
                f"Puskesmas {short}",
                f"{short} health centre",
                "health_facility",
                "health",
            ),
            "plkb": (
                f"PLKB {short}",
                f"{short} family planning field officer",
                "field_officer",
                "family_planning",
            ),
            "tpps_kec": (
                f"TPPS Kecamatan {short}",
                f"{short} sub-district TPPS",
                "working_group",
                "governance",
            ),
        }
        for key, (n, n_en, actor_type, sector) in bodies.items():
            ref = b.actor(f"sintetis_{key}_{s}", n, n_en, actor_type, sector, "kecamatan")
            b.rel("LOCATED_IN", ref, place)
        tpps = f"Actor:sintetis_tpps_kec_{s}"
        b.rel("LEADS", f"Actor:sintetis_camat_{s}", tpps)
        for key in ("kua", "puskesmas", "plkb"):
            b.rel("MEMBER_OF", f"Actor:sintetis_{key}_{s}", tpps, role="anggota")
        b.rel("COORDINATES", f"Actor:sintetis_tpps_kab_{ks}", tpps)
        b.rel("SUPPORTS", f"Actor:sintetis_dinkes_{ks}", f"Actor:sintetis_puskesmas_{s}")
        b.rel("SUPPORTS", f"Actor:sintetis_bkkbn_prov_{ps}", f"Actor:sintetis_plkb_{s}")
        return b.unit()

    def _village(
        self, b: _Builder, kab: _Kab, kec: _Kec, village: Place, previous: str | None
    ) -> tuple[list, list]:
        code = village[0]
        rng = random.Random(f"{self.seed}:desa:{code}")
        name, name_en = _place_name(village)
        short = _short(village)
        kind = "Kelurahan" if village[2] == "kelurahan" else "Desa"
        place = b.node(
            "Place", _pid(code), name, name_en, place_level=village[2], kemendagri_code=code
        )
        b.rel("PART_OF", place, f"Place:{_pid(kec.place[0])}")
        s, cs, ks = _slug(code), _slug(kec.place[0]), _slug(kab.place[0])
        roles: dict[str, str] = {}

        def actor(key: str, n: str, n_en: str, actor_type: str, sector: str, level="desa") -> str:
            ref = b.actor(f"sintetis_{key}_{s}", n, n_en, actor_type, sector, level)
            b.rel("LOCATED_IN", ref, place)
            roles[key] = ref
            return ref

        head = "Lurah" if kind == "Kelurahan" else "Kepala Desa"
        kades = actor(
            "kades",
            f"{head} {short}",
            f"Head of {short} village",
            "village_government",
            "governance",
        )
        pemdes = actor(
            "pemdes",
            f"Pemerintah {kind} {short}",
            f"{short} village government",
            "village_government",
            "governance",
        )
        bpd = actor("bpd", f"BPD {short}", f"{short} village council", "village_body", "governance")
        tpps = actor(
            "tpps_desa",
            f"TPPS {kind} {short}",
            f"{short} village TPPS",
            "working_group",
            "governance",
        )
        pokja = actor(
            "pokja",
            f"Pokja Kampung KB {short}",
            f"{short} Kampung KB working group",
            "working_group",
            "family_planning",
        )
        tpk = actor(
            "tpk",
            f"Tim Pendamping Keluarga {short}",
            f"{short} family assistance team",
            "cadre",
            "family_planning",
        )
        bidan = actor(
            "bidan", f"Bidan {kind} {short}", f"{short} village midwife", "field_officer", "health"
        )
        kader_pkk = actor(
            "kader_pkk", f"Kader PKK {short}", f"{short} PKK cadres", "cadre", "social_welfare"
        )
        kader_kb = actor(
            "kader_kb",
            f"Kader KB (PPKBD) {short}",
            f"{short} family planning cadres",
            "cadre",
            "family_planning",
        )
        b.rel("LEADS", kades, tpps)
        b.rel("LEADS", kades, pemdes)
        b.rel("COLLABORATES_WITH", kades, bpd, weight=1)
        b.rel("MEMBER_OF", pokja, tpps, role="anggota")
        b.rel("MEMBER_OF", tpk, tpps, role="anggota")
        for member, role in ((bidan, "bidan"), (kader_pkk, "kader PKK"), (kader_kb, "kader KB")):
            b.rel("MEMBER_OF", member, tpk, role=role)
        b.rel("SUPPORTS", bpd, pokja)
        # Pokja sections
        sections = rng.sample(POKJA_SECTIONS, rng.randint(3, 8))
        for key, n, n_en, sector in sorted(sections):
            ref = actor(
                f"seksi_{key}",
                f"{n} Kampung KB {short}",
                f"{n_en}, {short} Kampung KB",
                "working_group",
                sector,
            )
            b.rel("MEMBER_OF", ref, pokja, role="seksi")
        # Posyandu and their cadres
        posyandu = []
        for i, flower in enumerate(rng.sample(POSYANDU_NAMES, rng.randint(1, 4)), start=1):
            ref = actor(
                f"posyandu{i}",
                f"Posyandu {flower} {short}",
                f"{flower} health post, {short}",
                "health_facility",
                "health",
                "dusun_rw",
            )
            kader = actor(
                f"kader_posyandu{i}",
                f"Kader Posyandu {flower} {short}",
                f"{flower} health post cadres, {short}",
                "cadre",
                "health",
                "dusun_rw",
            )
            b.rel("MEMBER_OF", kader, ref, role="kader")
            b.rel("SUPPORTS", bidan, ref)
            b.rel("SUPPORTS", f"Actor:sintetis_puskesmas_{cs}", ref)
            posyandu.append(ref)
        roles["posyandu"] = posyandu[0]
        if rng.random() < 0.6:
            tokoh = actor(
                "tokoh_agama",
                f"Tokoh agama {short}",
                f"{short} religious leaders",
                "community_leader",
                "religion",
            )
            b.rel("COLLABORATES_WITH", f"Actor:sintetis_kua_{cs}", tokoh, weight=1)
            b.rel("COLLABORATES_WITH", tokoh, pokja, weight=1)
        # the kecamatan and kabupaten around the village
        b.rel("SUPPORTS", f"Actor:sintetis_plkb_{cs}", pokja)
        b.rel("COLLABORATES_WITH", f"Actor:sintetis_plkb_{cs}", tpk, weight=rng.randint(1, 3))
        b.rel("COORDINATES", f"Actor:sintetis_tpps_kec_{cs}", tpps)
        if previous is not None and rng.random() < 0.35:
            b.rel("COLLABORATES_WITH", kades, f"Actor:sintetis_kades_{_slug(previous)}", weight=1)
        roles.update(
            puskesmas=f"Actor:sintetis_puskesmas_{cs}",
            kua=f"Actor:sintetis_kua_{cs}",
            baznas=f"Actor:sintetis_baznas_{ks}",
            kodim=f"Actor:sintetis_kodim_{ks}",
            seksi_ekonomi=roles.get("seksi_ekonomi", pokja),
            tokoh_agama=roles.get("tokoh_agama", pokja),
        )
        # the village's Kampung KB and its interventions
        program = b.node(
            "Program",
            f"sintetis_kampung_kb_{s}",
            f"Kampung KB {short}",
            f"Kampung KB of {short}",
            start=f"{rng.randint(2016, 2022)}-{rng.randint(1, 12):02d}",
        )
        b.rel("PART_OF", program, f"Program:{NATIONAL_PROGRAM}")
        b.rel("LOCATED_IN", program, place)
        b.rel("LEADS", kades, program)
        b.rel("COORDINATES", pokja, program)
        weights = [k.weight for k in INTERVENTIONS]
        chosen: dict[str, _Kind] = {}
        wanted = rng.randint(4, 9)
        while len(chosen) < wanted:
            kind_ = rng.choices(INTERVENTIONS, weights)[0]
            chosen.setdefault(kind_.key, kind_)
        for key in sorted(chosen):
            k = chosen[key]
            quantity = rng.randint(k.low, k.high)
            if k.unit == "IDR":
                quantity = round(quantity, -6)
            year = rng.randint(2021, 2024)
            ref = b.node(
                "Intervention",
                f"sintetis_{k.key}_{s}",
                f"{k.name} {short}",
                f"{k.name_en}, {short}",
                intervention_kind=k.kind,
                pillar=k.pillar,
                family_function=k.family_function,
                quantity=quantity,
                unit=k.unit,
                frequency=k.frequency,
                start=f"{year}-{rng.randint(1, 12):02d}",
            )
            b.rel("PART_OF", ref, program)
            b.rel("LOCATED_IN", ref, place)
            b.rel("IMPLEMENTS", roles[k.implementer], ref)
            for group in k.targets:
                b.rel("TARGETS", ref, f"TargetGroup:sintetis_tg_{group}")
            if k.funder:
                b.rel("FUNDS", roles[k.funder], ref, amount=quantity, currency="IDR")
            if rng.random() < 0.3:
                b.rel(
                    "CONTRIBUTES_TO",
                    ref,
                    f"Indicator:{INDICATOR_ID}",
                    claim="reported_by_informants",
                )
        # village weighing records: 2-4 consecutive years with a mostly falling trend
        span = rng.randint(2, 4)
        first = rng.randint(YEARS[0], YEARS[-1] - span + 1)
        value = rng.uniform(8.0, 45.0)
        trend = rng.uniform(-6.0, 1.0)
        for year in range(first, first + span):
            if year > first:
                value = max(0.5, value + trend + rng.gauss(0, 2.0))
            shown = round(value, 1)
            obs = b.node(
                "Observation",
                f"sintetis_obs_{s}_eppgbm_{year}",
                f"Prevalensi stunting e-PPGBM {year} {short}",
                f"Stunting prevalence e-PPGBM {year} {short}",
                value=shown,
                value_text=_pct_text(shown),
                unit="percent",
                year=year,
                instrument="e-PPGBM",
                source=f"Posyandu {short} (sintetis)",
            )
            b.rel("OBSERVED_FOR", obs, f"Indicator:{INDICATOR_ID}")
            b.rel("OBSERVED_IN", obs, place)
        return b.unit()


# ----------------------------------------------------------------------------------------
# hierarchy
# ----------------------------------------------------------------------------------------


def _made_up_hierarchy(villages: int, seed: int) -> list[_Prov]:
    """Provinces of 5-20 kabupaten/kota, kabupaten of 6-20 kecamatan, kecamatan of 5-18
    villages (about the national proportions); codes begin with X."""
    rng = random.Random(f"{seed}:hierarchy")
    provinces: list[_Prov] = []
    left = villages
    p = 0
    while left > 0:
        p += 1
        pcode = f"X{p:02d}"
        prov = _Prov((pcode, _made_up_name(rng), "province"))
        provinces.append(prov)
        for k in range(1, rng.randint(5, 20) + 1):
            if left <= 0:
                break
            is_kota = rng.random() < 0.18
            kcode = f"{pcode}.{(70 + k) if is_kota else k:02d}"
            kab = _Kab((kcode, _made_up_name(rng), "kota" if is_kota else "kabupaten"))
            prov.kabupaten.append(kab)
            for c in range(1, rng.randint(6, 20) + 1):
                if left <= 0:
                    break
                ccode = f"{kcode}.{c:02d}"
                kec = _Kec((ccode, _made_up_name(rng), "kecamatan"))
                kab.kecamatan.append(kec)
                for v in range(1, min(left, rng.randint(5, 18)) + 1):
                    urban = is_kota or rng.random() < 0.08
                    vcode = f"{ccode}.{(1000 if urban else 2000) + v}"
                    kec.villages.append(
                        (vcode, _made_up_name(rng), "kelurahan" if urban else "desa")
                    )
                    left -= 1
    return provinces


def _hierarchy_from_file(path: Path, villages: int, seed: int, notes: list[str]) -> list[_Prov]:
    """Whole kabupaten of the file, in an order drawn with the seed, until ``villages``
    villages are taken (the last kabupaten may be cut); then sorted by code."""
    from loaders.places import iter_place_rows

    problems: list[Any] = []
    upper: dict[str, Place] = {}
    by_kec: dict[str, list[Place]] = {}
    for row in iter_place_rows(path, problems):
        place = (row.kode, row.nama, row.place_level)
        if row.level < 4:
            upper[row.kode] = place
        else:
            by_kec.setdefault(row.parent_kode, []).append(place)
    if problems:
        notes.append(f"{len(problems)} row(s) of {path.name} skipped (see import-places)")
    kab_codes = sorted(c for c, p in upper.items() if c.count(".") == 1)
    kec_of: dict[str, list[str]] = {}
    for c in sorted(upper):
        if c.count(".") == 2 and c in by_kec and c.rsplit(".", 1)[0] in upper:
            kec_of.setdefault(c.rsplit(".", 1)[0], []).append(c)
    rng = random.Random(f"{seed}:pick")
    order = [k for k in kab_codes if k in kec_of and k.split(".")[0] in upper]
    rng.shuffle(order)
    taken: dict[str, list[tuple[str, list[Place]]]] = {}
    left = villages
    for kab in order:
        if left <= 0:
            break
        for kec in kec_of[kab]:
            if left <= 0:
                break
            vs = sorted(by_kec[kec])[:left]
            taken.setdefault(kab, []).append((kec, vs))
            left -= len(vs)
    if left > 0:
        notes.append(
            f"{path.name} has only {villages - left} villages that can be placed; "
            f"{villages} were asked for"
        )
    provinces: dict[str, _Prov] = {}
    for kab in sorted(taken):
        pcode = kab.split(".")[0]
        prov = provinces.setdefault(pcode, _Prov(upper[pcode]))
        k = _Kab(upper[kab])
        for kec, vs in taken[kab]:
            k.kecamatan.append(_Kec(upper[kec], list(vs)))
        prov.kabupaten.append(k)
    return [provinces[c] for c in sorted(provinces)]


def generate(villages: int, seed: int, places: str | Path | None = None) -> SyntheticNetwork:
    """A synthetic national programme network of ``villages`` villages (see the module
    docstring for the contract). ``places`` is a Kemendagri code file whose real codes and
    names are used; without it the hierarchy is made up."""
    if villages < 1:
        raise ValueError(f"villages must be at least 1, got {villages}")
    notes: list[str] = []
    if places is not None:
        provinces = _hierarchy_from_file(Path(places), villages, seed, notes)
    else:
        provinces = _made_up_hierarchy(villages, seed)
        notes.append("made-up hierarchy: codes beginning with X are not Kemendagri codes")
    return SyntheticNetwork(
        seed=seed,
        requested=villages,
        provinces=provinces,
        places_file=Path(places).name if places is not None else None,
        notes=notes,
    )


# ----------------------------------------------------------------------------------------
# loading
# ----------------------------------------------------------------------------------------


@dataclass
class LoadResult:
    """How many records a load wrote, and how long it took."""

    nodes: int
    relationships: int
    seconds: float


def load(
    network: SyntheticNetwork,
    store: GraphStore,
    *,
    chunk: int = 100_000,
    batch_size: int | None = LOAD_BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
) -> LoadResult:
    """Write ``network`` into ``store``; idempotent (ids and (type, start, end) are stable).

    A store whose writes copy the whole graph (``store.whole_graph_writes``, the embedded
    store) gets all nodes in one call and all relationships in another. Other stores get the
    units in chunks of about ``chunk`` records, nodes of a chunk first and then its
    relationships, through the store's batched upserts (``batch_size`` per UNWIND batch):
    memory holds one chunk. ``progress`` is called with the number of villages done since
    its last call.

    The batch size defaults to ``LOAD_BATCH_SIZE`` (5,000) rather than the store's own 500:
    a village brings about 120 small records, and on the local server batches of 5,000
    load 1.3x to 1.5x faster than batches of 500 (``bench/run.py national`` measures it)."""
    import time

    started = time.perf_counter()
    n_nodes = n_rels = 0
    if store.whole_graph_writes:
        done_villages = 0

        def nodes_counted() -> Iterator[dict[str, Any]]:
            nonlocal done_villages
            for nodes, _ in network.units():
                yield from nodes
                if (
                    nodes
                    and nodes[0]["label"] == "Place"
                    and nodes[0]["place_level"]
                    in (
                        "desa",
                        "kelurahan",
                    )
                ):
                    done_villages += 1
                    if progress and done_villages % 100 == 0:
                        progress(100)

        n_nodes = store.upsert_nodes(nodes_counted())
        if progress:
            progress(done_villages % 100)
        n_rels = store.upsert_relationships(network.relationships())
        return LoadResult(n_nodes, n_rels, time.perf_counter() - started)

    kwargs = {"batch_size": batch_size} if batch_size else {}
    nodes_buf: list[dict[str, Any]] = []
    rels_buf: list[dict[str, Any]] = []
    pending = 0

    def flush() -> None:
        nonlocal n_nodes, n_rels, pending
        if nodes_buf:
            n_nodes += store.upsert_nodes(nodes_buf, **kwargs)
        if rels_buf:
            n_rels += store.upsert_relationships(rels_buf, **kwargs)
        nodes_buf.clear()
        rels_buf.clear()
        if progress and pending:
            progress(pending)
        pending = 0

    for nodes, rels in network.units():
        nodes_buf.extend(nodes)
        rels_buf.extend(rels)
        if (
            nodes
            and nodes[0]["label"] == "Place"
            and nodes[0]["place_level"]
            in (
                "desa",
                "kelurahan",
            )
        ):
            pending += 1
        if len(nodes_buf) + len(rels_buf) >= chunk:
            flush()
    flush()
    return LoadResult(n_nodes, n_rels, time.perf_counter() - started)
