"""A synthetic network: its hierarchy, and its records made unit by unit on demand."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loaders.synth import actors
from loaders.synth.places import Prov, hierarchy_from_file, made_up_hierarchy
from loaders.synth.records import Builder, Unit, evidence
from loaders.synth.village import village

__all__ = ["SyntheticNetwork", "generate"]


@dataclass
class SyntheticNetwork:
    """A generated network; see the package docstring for the contract."""

    seed: int
    requested: int
    provinces: list[Prov]
    places_file: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def villages(self) -> int:
        return sum(
            len(k.villages) for p in self.provinces for b in p.kabupaten for k in b.kecamatan
        )

    @property
    def evidence(self) -> list[dict[str, Any]]:
        return evidence(self.seed)

    def __iter__(self) -> Iterator[Iterator[dict[str, Any]]]:
        return iter((self.nodes(), self.relationships()))

    def nodes(self) -> Iterator[dict[str, Any]]:
        for nodes, _ in self.units():
            yield from nodes

    def relationships(self) -> Iterator[dict[str, Any]]:
        for _, rels in self.units():
            yield from rels

    def units(self) -> Iterator[Unit]:
        """Records in units, in dependency order (ends of a unit's relationships are in the
        unit itself or an earlier one). The village units carry ``len(unit[0])`` > 0 and are
        ``self.villages`` in number, so a caller can show progress per unit."""
        seed = self.seed
        b = Builder(self.evidence)
        yield actors.national(b, seed, self.places_file)
        for prov in self.provinces:
            yield actors.province(b, seed, prov)
            for kab in prov.kabupaten:
                yield actors.kabupaten(b, seed, prov, kab)
                for kec in kab.kecamatan:
                    yield actors.kecamatan(b, prov, kab, kec)
                    previous: str | None = None
                    for place in kec.villages:
                        yield village(b, seed, kab, kec, place, previous)
                        previous = place[0]


def generate(villages: int, seed: int, places: str | Path | None = None) -> SyntheticNetwork:
    """A synthetic national programme network of ``villages`` villages (see the module
    docstring for the contract). ``places`` is a Kemendagri code file whose real codes and
    names are used; without it the hierarchy is made up."""
    if villages < 1:
        raise ValueError(f"villages must be at least 1, got {villages}")
    notes: list[str] = []
    if places is not None:
        provinces = hierarchy_from_file(Path(places), villages, seed, notes)
    else:
        provinces = made_up_hierarchy(villages, seed)
        notes.append("made-up hierarchy: codes beginning with X are not Kemendagri codes")
    return SyntheticNetwork(
        seed=seed,
        requested=villages,
        provinces=provinces,
        places_file=Path(places).name if places is not None else None,
        notes=notes,
    )
