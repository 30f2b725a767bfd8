"""The administrative hierarchy of a synthetic network: provinces, kabupaten/kota, kecamatan
and villages, made up (codes beginning with ``X``) or taken from a Kemendagri code file."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Place", "Kec", "Kab", "Prov", "made_up_hierarchy", "hierarchy_from_file"]

# Place tuples: (code, name as in the file or made up, place_level)
Place = tuple[str, str, str]


@dataclass
class Kec:
    place: Place
    villages: list[Place] = field(default_factory=list)


@dataclass
class Kab:
    place: Place
    kecamatan: list[Kec] = field(default_factory=list)


@dataclass
class Prov:
    place: Place
    kabupaten: list[Kab] = field(default_factory=list)


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


def made_up_hierarchy(villages: int, seed: int) -> list[Prov]:
    """Provinces of 5-20 kabupaten/kota, kabupaten of 6-20 kecamatan, kecamatan of 5-18
    villages (about the national proportions); codes begin with X."""
    rng = random.Random(f"{seed}:hierarchy")
    provinces: list[Prov] = []
    left = villages
    p = 0
    while left > 0:
        p += 1
        pcode = f"X{p:02d}"
        prov = Prov((pcode, _made_up_name(rng), "province"))
        provinces.append(prov)
        for k in range(1, rng.randint(5, 20) + 1):
            if left <= 0:
                break
            is_kota = rng.random() < 0.18
            kcode = f"{pcode}.{(70 + k) if is_kota else k:02d}"
            kab = Kab((kcode, _made_up_name(rng), "kota" if is_kota else "kabupaten"))
            prov.kabupaten.append(kab)
            for c in range(1, rng.randint(6, 20) + 1):
                if left <= 0:
                    break
                ccode = f"{kcode}.{c:02d}"
                kec = Kec((ccode, _made_up_name(rng), "kecamatan"))
                kab.kecamatan.append(kec)
                for v in range(1, min(left, rng.randint(5, 18)) + 1):
                    urban = is_kota or rng.random() < 0.08
                    vcode = f"{ccode}.{(1000 if urban else 2000) + v}"
                    kec.villages.append(
                        (vcode, _made_up_name(rng), "kelurahan" if urban else "desa")
                    )
                    left -= 1
    return provinces


def hierarchy_from_file(path: Path, villages: int, seed: int, notes: list[str]) -> list[Prov]:
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
    provinces: dict[str, Prov] = {}
    for kab in sorted(taken):
        pcode = kab.split(".")[0]
        prov = provinces.setdefault(pcode, Prov(upper[pcode]))
        k = Kab(upper[kab])
        for kec, vs in taken[kab]:
            k.kecamatan.append(Kec(upper[kec], list(vs)))
        prov.kabupaten.append(k)
    return [provinces[c] for c in sorted(provinces)]
