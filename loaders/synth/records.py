"""Records of the synthetic network: every node and relationship marked synthetic, its
evidence one locator into the generator's Source node; ids and names of places."""

from __future__ import annotations

from typing import Any

from loaders.synth.catalogue import SECTION, SOURCE_ID, SYN, SYN_EN
from loaders.synth.places import Place

__all__ = ["evidence", "Builder", "pid", "code_slug", "place_name", "short_name", "pct_text"]

Unit = tuple[list[dict[str, Any]], list[dict[str, Any]]]


def evidence(seed: int) -> list[dict[str, Any]]:
    return [
        {
            "source": SOURCE_ID,
            "section": SECTION,
            "paragraph": 1,
            "note": f"data sintetis, bukan data nyata (seed {seed})",
        }
    ]


class Builder:
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

    def unit(self) -> Unit:
        out = (self.nodes, self.rels)
        self.nodes, self.rels = [], []
        return out


def pid(code: str) -> str:
    return f"sintetis_wil_{code.lower()}"


def code_slug(code: str) -> str:
    return code.lower()


def place_name(place: Place) -> tuple[str, str]:
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


def short_name(place: Place) -> str:
    """The place's name without its kind: ``Cikeusal`` for ``Kecamatan Cikeusal``."""
    return place_name(place)[0].split(" ", 1)[1]


def pct_text(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")
