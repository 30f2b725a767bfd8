"""One village of the synthetic network: its place, its bodies and cadres, its Kampung KB
with 4-9 interventions, and 2-4 years of weighing records.

Every draw comes from the village's own generator (seeded by the network's seed and the
village's code), in the order of the steps of :func:`village`, so a village is the same
whatever else the network holds.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from loaders.synth.catalogue import (
    INDICATOR_ID,
    INTERVENTIONS,
    NATIONAL_PROGRAM,
    POKJA_SECTIONS,
    POSYANDU_NAMES,
    YEARS,
    Kind,
)
from loaders.synth.places import Kab, Kec, Place
from loaders.synth.records import Builder, Unit, code_slug, pct_text, pid, place_name, short_name

__all__ = ["village"]


@dataclass
class _Village:
    """A village being generated: where it is, its generator, and the actor that plays each
    role (``kades``, ``pokja``, ``posyandu``, ...) for the interventions to name."""

    b: Builder
    rng: random.Random
    place: str  # the node key of the village's Place
    kind: str  # Desa | Kelurahan
    short: str  # the village's name without its kind
    s: str  # slug of the village's code
    cs: str  # slug of its kecamatan's code
    ks: str  # slug of its kabupaten's code
    roles: dict[str, str] = field(default_factory=dict)

    def actor(
        self, key: str, n: str, n_en: str, actor_type: str, sector: str, level: str = "desa"
    ) -> str:
        """An actor of the village, ``LOCATED_IN`` it, remembered under its role ``key``."""
        ref = self.b.actor(f"sintetis_{key}_{self.s}", n, n_en, actor_type, sector, level)
        self.b.rel("LOCATED_IN", ref, self.place)
        self.roles[key] = ref
        return ref


def _place(b: Builder, seed: int, kab: Kab, kec: Kec, village: Place) -> _Village:
    """The village's Place, ``PART_OF`` its kecamatan."""
    code = village[0]
    rng = random.Random(f"{seed}:desa:{code}")
    name, name_en = place_name(village)
    kind = "Kelurahan" if village[2] == "kelurahan" else "Desa"
    place = b.node("Place", pid(code), name, name_en, place_level=village[2], kemendagri_code=code)
    b.rel("PART_OF", place, f"Place:{pid(kec.place[0])}")
    slugs = code_slug(code), code_slug(kec.place[0]), code_slug(kab.place[0])
    return _Village(b, rng, place, kind, short_name(village), *slugs)


def _government(v: _Village) -> None:
    """Head, government, council, TPPS, Kampung KB working group, family assistance team
    with its midwife and cadres."""
    short, kind, b = v.short, v.kind, v.b
    head = "Lurah" if kind == "Kelurahan" else "Kepala Desa"
    kades = v.actor(
        "kades", f"{head} {short}", f"Head of {short} village", "village_government", "governance"
    )
    pemdes = v.actor(
        "pemdes",
        f"Pemerintah {kind} {short}",
        f"{short} village government",
        "village_government",
        "governance",
    )
    bpd = v.actor("bpd", f"BPD {short}", f"{short} village council", "village_body", "governance")
    tpps = v.actor(
        "tpps_desa", f"TPPS {kind} {short}", f"{short} village TPPS", "working_group", "governance"
    )
    pokja = v.actor(
        "pokja",
        f"Pokja Kampung KB {short}",
        f"{short} Kampung KB working group",
        "working_group",
        "family_planning",
    )
    tpk = v.actor(
        "tpk",
        f"Tim Pendamping Keluarga {short}",
        f"{short} family assistance team",
        "cadre",
        "family_planning",
    )
    members = _assistance_team(v)
    b.rel("LEADS", kades, tpps)
    b.rel("LEADS", kades, pemdes)
    b.rel("COLLABORATES_WITH", kades, bpd, weight=1)
    b.rel("MEMBER_OF", pokja, tpps, role="anggota")
    b.rel("MEMBER_OF", tpk, tpps, role="anggota")
    for member, role in members:
        b.rel("MEMBER_OF", member, tpk, role=role)
    b.rel("SUPPORTS", bpd, pokja)


def _assistance_team(v: _Village) -> list[tuple[str, str]]:
    """The midwife and the PKK and family planning cadres, with their role in the team."""
    short, kind = v.short, v.kind
    bidan = v.actor(
        "bidan", f"Bidan {kind} {short}", f"{short} village midwife", "field_officer", "health"
    )
    kader_pkk = v.actor(
        "kader_pkk", f"Kader PKK {short}", f"{short} PKK cadres", "cadre", "social_welfare"
    )
    kader_kb = v.actor(
        "kader_kb",
        f"Kader KB (PPKBD) {short}",
        f"{short} family planning cadres",
        "cadre",
        "family_planning",
    )
    return [(bidan, "bidan"), (kader_pkk, "kader PKK"), (kader_kb, "kader KB")]


def _pokja_sections(v: _Village) -> None:
    """3-8 of the eight sections of the Kampung KB working group."""
    sections = v.rng.sample(POKJA_SECTIONS, v.rng.randint(3, 8))
    for key, n, n_en, sector in sorted(sections):
        ref = v.actor(
            f"seksi_{key}",
            f"{n} Kampung KB {v.short}",
            f"{n_en}, {v.short} Kampung KB",
            "working_group",
            sector,
        )
        v.b.rel("MEMBER_OF", ref, v.roles["pokja"], role="seksi")


def _posyandu(v: _Village) -> None:
    """1-4 Posyandu with their cadres, supported by the midwife and the Puskesmas."""
    short = v.short
    posyandu = []
    for i, flower in enumerate(v.rng.sample(POSYANDU_NAMES, v.rng.randint(1, 4)), start=1):
        ref = v.actor(
            f"posyandu{i}",
            f"Posyandu {flower} {short}",
            f"{flower} health post, {short}",
            "health_facility",
            "health",
            "dusun_rw",
        )
        kader = v.actor(
            f"kader_posyandu{i}",
            f"Kader Posyandu {flower} {short}",
            f"{flower} health post cadres, {short}",
            "cadre",
            "health",
            "dusun_rw",
        )
        v.b.rel("MEMBER_OF", kader, ref, role="kader")
        v.b.rel("SUPPORTS", v.roles["bidan"], ref)
        v.b.rel("SUPPORTS", f"Actor:sintetis_puskesmas_{v.cs}", ref)
        posyandu.append(ref)
    v.roles["posyandu"] = posyandu[0]


def _religious_leader(v: _Village) -> None:
    """Religious leaders in six villages of ten, working with the KUA and the working group."""
    if v.rng.random() >= 0.6:
        return
    tokoh = v.actor(
        "tokoh_agama",
        f"Tokoh agama {v.short}",
        f"{v.short} religious leaders",
        "community_leader",
        "religion",
    )
    v.b.rel("COLLABORATES_WITH", f"Actor:sintetis_kua_{v.cs}", tokoh, weight=1)
    v.b.rel("COLLABORATES_WITH", tokoh, v.roles["pokja"], weight=1)


def _surroundings(v: _Village, previous: str | None) -> None:
    """Links to the kecamatan's bodies, and sometimes between the heads of this village and
    the one before it in the kecamatan; the roles kecamatan and kabupaten bodies play."""
    b, cs, roles = v.b, v.cs, v.roles
    pokja, kades = roles["pokja"], roles["kades"]
    b.rel("SUPPORTS", f"Actor:sintetis_plkb_{cs}", pokja)
    b.rel(
        "COLLABORATES_WITH", f"Actor:sintetis_plkb_{cs}", roles["tpk"], weight=v.rng.randint(1, 3)
    )
    b.rel("COORDINATES", f"Actor:sintetis_tpps_kec_{cs}", roles["tpps_desa"])
    if previous is not None and v.rng.random() < 0.35:
        b.rel("COLLABORATES_WITH", kades, f"Actor:sintetis_kades_{code_slug(previous)}", weight=1)
    roles.update(
        puskesmas=f"Actor:sintetis_puskesmas_{cs}",
        kua=f"Actor:sintetis_kua_{cs}",
        baznas=f"Actor:sintetis_baznas_{v.ks}",
        kodim=f"Actor:sintetis_kodim_{v.ks}",
        seksi_ekonomi=roles.get("seksi_ekonomi", pokja),
        tokoh_agama=roles.get("tokoh_agama", pokja),
    )


def _kampung_kb(v: _Village) -> str:
    """The village's Kampung KB, part of the national programme, led by the head."""
    rng = v.rng
    program = v.b.node(
        "Program",
        f"sintetis_kampung_kb_{v.s}",
        f"Kampung KB {v.short}",
        f"Kampung KB of {v.short}",
        start=f"{rng.randint(2016, 2022)}-{rng.randint(1, 12):02d}",
    )
    v.b.rel("PART_OF", program, f"Program:{NATIONAL_PROGRAM}")
    v.b.rel("LOCATED_IN", program, v.place)
    v.b.rel("LEADS", v.roles["kades"], program)
    v.b.rel("COORDINATES", v.roles["pokja"], program)
    return program


def _intervention_kinds(rng: random.Random) -> list[Kind]:
    """4-9 distinct kinds of intervention, drawn by weight, in the order of their keys."""
    weights = [k.weight for k in INTERVENTIONS]
    chosen: dict[str, Kind] = {}
    wanted = rng.randint(4, 9)
    while len(chosen) < wanted:
        kind_ = rng.choices(INTERVENTIONS, weights)[0]
        chosen.setdefault(kind_.key, kind_)
    return [chosen[key] for key in sorted(chosen)]


def _intervention(v: _Village, k: Kind, program: str) -> None:
    """One intervention of the Kampung KB: quantity, start, implementer, target groups, the
    funder of a money intervention, and sometimes a reported contribution to the indicator."""
    rng, b = v.rng, v.b
    quantity = rng.randint(k.low, k.high)
    if k.unit == "IDR":
        quantity = round(quantity, -6)
    year = rng.randint(2021, 2024)
    ref = b.node(
        "Intervention",
        f"sintetis_{k.key}_{v.s}",
        f"{k.name} {v.short}",
        f"{k.name_en}, {v.short}",
        intervention_kind=k.kind,
        pillar=k.pillar,
        family_function=k.family_function,
        quantity=quantity,
        unit=k.unit,
        frequency=k.frequency,
        start=f"{year}-{rng.randint(1, 12):02d}",
    )
    b.rel("PART_OF", ref, program)
    b.rel("LOCATED_IN", ref, v.place)
    b.rel("IMPLEMENTS", v.roles[k.implementer], ref)
    for group in k.targets:
        b.rel("TARGETS", ref, f"TargetGroup:sintetis_tg_{group}")
    if k.funder:
        b.rel("FUNDS", v.roles[k.funder], ref, amount=quantity, currency="IDR")
    if rng.random() < 0.3:
        b.rel("CONTRIBUTES_TO", ref, f"Indicator:{INDICATOR_ID}", claim="reported_by_informants")


def _weighing_records(v: _Village) -> None:
    """Stunting prevalence from village weighing records: 2-4 consecutive years with a
    mostly falling trend."""
    rng, b, short = v.rng, v.b, v.short
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
            f"sintetis_obs_{v.s}_eppgbm_{year}",
            f"Prevalensi stunting e-PPGBM {year} {short}",
            f"Stunting prevalence e-PPGBM {year} {short}",
            value=shown,
            value_text=pct_text(shown),
            unit="percent",
            year=year,
            instrument="e-PPGBM",
            source=f"Posyandu {short} (sintetis)",
        )
        b.rel("OBSERVED_FOR", obs, f"Indicator:{INDICATOR_ID}")
        b.rel("OBSERVED_IN", obs, v.place)


def village(b: Builder, seed: int, kab: Kab, kec: Kec, place: Place, previous: str | None) -> Unit:
    """The unit of one village; ``previous`` is the code of the village before it in its
    kecamatan (its head may work with this one's)."""
    v = _place(b, seed, kab, kec, place)
    _government(v)
    _pokja_sections(v)
    _posyandu(v)
    _religious_leader(v)
    _surroundings(v, previous)
    program = _kampung_kb(v)
    for kind in _intervention_kinds(v.rng):
        _intervention(v, kind, program)
    _weighing_records(v)
    return b.unit()
