"""The units above the village: the nation, each province, kabupaten/kota and kecamatan,
with their place, their bodies (``LOCATED_IN`` the place) and the links between levels."""

from __future__ import annotations

import random
from typing import Any

from loaders.synth.catalogue import (
    COUNTRY_ID,
    INDICATOR_ID,
    NATIONAL_PROGRAM,
    SECTION,
    SOURCE_ID,
    TARGET_GROUPS,
)
from loaders.synth.places import Kab, Kec, Prov
from loaders.synth.records import (
    Builder,
    Unit,
    code_slug,
    evidence,
    pct_text,
    pid,
    place_name,
    short_name,
)

__all__ = ["national", "province", "surveys", "kabupaten", "kecamatan"]


def _source(seed: int, places_file: str | None) -> dict[str, Any]:
    """The generator's Source node, which every synthetic record cites. Its text names the
    generator as it was first released: changing it would change every seeded network."""
    where = places_file or "the generated hierarchy"
    return {
        "label": "Source",
        "id": SOURCE_ID,
        "name": "Jaringan program nasional (sintetis)",
        "name_en": "National programme network (synthetic)",
        "title": "Data sintetis Jejaring: jaringan program percepatan penurunan stunting",
        "description": (
            "Data buatan generator Jejaring (loaders/synth.py, seed "
            f"{seed}) untuk uji skala; bukan data nyata. Tempat dari: {where}."
        ),
        "description_en": (
            "Data made by Jejaring's generator (loaders/synth.py, seed "
            f"{seed}) for scale tests; not real data. Places from: {where}."
        ),
        "source_kind": "dataset",
        "sections": [SECTION],
        "synthetic": True,
        "evidence": evidence(seed),
    }


# the national bodies: key -> (name, English name, actor type, sector)
_NATIONAL_BODIES = {
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


def national(b: Builder, seed: int, places_file: str | None) -> Unit:
    """The national unit: the generator's Source, the country, the indicator, the target
    groups, the national bodies and the national Kampung KB programme."""
    b.nodes.append(_source(seed, places_file))
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
    for key, (name, name_en, actor_type, sector) in _NATIONAL_BODIES.items():
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


def province(b: Builder, seed: int, prov: Prov) -> Unit:
    """A province: its place, its four bodies and its survey observations."""
    code = prov.place[0]
    name, name_en = place_name(prov.place)
    short = short_name(prov.place)
    place = b.node("Place", pid(code), name, name_en, place_level="province", kemendagri_code=code)
    b.rel("PART_OF", place, f"Place:{COUNTRY_ID}")
    s = code_slug(code)
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
    rng = random.Random(f"{seed}:prov:{code}")
    surveys(b, rng, code, place, name, 15.0, 35.0)
    return b.unit()


def surveys(
    b: Builder,
    rng: random.Random,
    code: str,
    place: str,
    place_name: str,
    low: float,
    high: float,
) -> None:
    """Stunting prevalence of a province or kabupaten from the surveys of 2021-2024."""
    value = rng.uniform(low, high)
    trend = rng.uniform(-2.5, 0.5)
    for year, instrument in ((2021, "SSGI"), (2022, "SSGI"), (2023, "SKI"), (2024, "SSGI")):
        value = max(3.0, value + (trend if year > 2021 else 0) + rng.gauss(0, 1.2))
        shown = round(value, 1)
        obs = b.node(
            "Observation",
            f"sintetis_obs_{code_slug(code)}_{instrument.lower()}_{year}",
            f"Prevalensi stunting {instrument} {year} {place_name}",
            f"Stunting prevalence {instrument} {year} {place_name}",
            value=shown,
            value_text=pct_text(shown),
            unit="percent",
            year=year,
            instrument=instrument,
            source="Generator Jejaring (sintetis)",
        )
        b.rel("OBSERVED_FOR", obs, f"Indicator:{INDICATOR_ID}")
        b.rel("OBSERVED_IN", obs, place)


def kabupaten(b: Builder, seed: int, prov: Prov, kab: Kab) -> Unit:
    """A kabupaten or kota: its place, its six bodies and its survey observations."""
    code = kab.place[0]
    name, name_en = place_name(kab.place)
    short = short_name(kab.place)
    kind = "Kota" if kab.place[2] == "kota" else "Kabupaten"
    place = b.node(
        "Place", pid(code), name, name_en, place_level=kab.place[2], kemendagri_code=code
    )
    b.rel("PART_OF", place, f"Place:{pid(prov.place[0])}")
    s, ps = code_slug(code), code_slug(prov.place[0])
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
    rng = random.Random(f"{seed}:kab:{code}")
    surveys(b, rng, code, place, name, 10.0, 40.0)
    return b.unit()


def kecamatan(b: Builder, prov: Prov, kab: Kab, kec: Kec) -> Unit:
    """A kecamatan: its place and its five bodies, linked to the kabupaten's."""
    code = kec.place[0]
    name, name_en = place_name(kec.place)
    short = short_name(kec.place)
    place = b.node("Place", pid(code), name, name_en, place_level="kecamatan", kemendagri_code=code)
    b.rel("PART_OF", place, f"Place:{pid(kab.place[0])}")
    s, ks, ps = code_slug(code), code_slug(kab.place[0]), code_slug(prov.place[0])
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
