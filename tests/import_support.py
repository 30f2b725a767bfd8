"""Helpers shared by the import tests (unit and Neo4j)."""

from __future__ import annotations

from pathlib import Path

import settings

TEMPLATES = Path(settings.PROJECT_ROOT) / "data" / "templates"

LOC = [{"source": "s", "section": "A", "paragraph": 1}]
ELEMENTS_HEADER = (
    "id,label,name,type,sector,level,evidence_source,evidence_section,evidence_paragraph"
)
CONNECTIONS_HEADER = "from,to,type,weight,date,evidence_source,evidence_section,evidence_paragraph"
GOOD_ELEMENTS = [
    "kader_a,Actor,Kader A,cadre,health,desa,s,A,1",
    "kader_b,Actor,Kader B,cadre,health,desa,s,A,2",
]
GOOD_CONNECTIONS = ["kader_a,kader_b,COLLABORATES_WITH,2,2023-02,s,A,3"]


def csv_pair(
    elements=GOOD_ELEMENTS,
    connections=GOOD_CONNECTIONS,
    *,
    eh=ELEMENTS_HEADER,
    ch=CONNECTIONS_HEADER,
):
    """Files (name, bytes) of an elements CSV and a connections CSV."""
    return [
        ("elements.csv", ("\n".join([eh, *elements]) + "\n").encode("utf-8")),
        ("connections.csv", ("\n".join([ch, *connections]) + "\n").encode("utf-8")),
    ]


def snapshot(store):
    g = store.to_networkx()
    return (
        sorted(map(str, g.nodes(data=True))),
        sorted(map(str, g.edges(keys=True, data=True))),
    )


def seed(store):
    """A small stored graph that imports merge with."""
    store.upsert_nodes(
        [
            {
                "label": "Actor",
                "id": "kepala_desa",
                "name": "Kepala Desa Uji",
                "actor_type": "village_government",
                "sector": "governance",
                "level": "desa",
                "evidence": LOC,
                "aliases": ["Kades"],
            },
            {
                "label": "Actor",
                "id": "puskesmas",
                "name": "Puskesmas Uji",
                "actor_type": "health_facility",
                "sector": "health",
                "level": "kecamatan",
                "evidence": LOC,
            },
        ]
    )
    store.upsert_relationships(
        [
            {
                "type": "SUPPORTS",
                "start": "Actor:puskesmas",
                "end": "Actor:kepala_desa",
                "evidence": LOC,
            }
        ]
    )


def same_graph(a, b):
    ga, gb = a.to_networkx(), b.to_networkx()
    nodes_a, nodes_b = dict(ga.nodes(data=True)), dict(gb.nodes(data=True))
    edges_a = {(u, v, k): d for u, v, k, d in ga.edges(keys=True, data=True)}
    edges_b = {(u, v, k): d for u, v, k, d in gb.edges(keys=True, data=True)}
    return nodes_a == nodes_b and edges_a == edges_b
