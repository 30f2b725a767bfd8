"""Example Cypher queries for researchers who open the case-study graph in Neo4j.

They are kept as data (id, title in both languages, query, default parameters) so that
the README shows exactly what the tests run: every query here is executed against the
loaded case study in Neo4j and its answer compared with the same question answered
from the embedded store. Values are always parameters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver, RoutingControl

__all__ = ["CypherExample", "EXAMPLES", "run_example"]


@dataclass(frozen=True)
class CypherExample:
    """One example question with its Cypher and default parameters."""

    id: str
    title_id: str
    title_en: str
    cypher: str
    params: dict[str, Any] = field(default_factory=dict)


EXAMPLES: tuple[CypherExample, ...] = (
    CypherExample(
        "who_funds_what",
        "Siapa mendanai apa, dan berapa?",
        "Who funds what, and how much?",
        "MATCH (a:Actor)-[f:FUNDS]->(x)\n"
        "RETURN a.name AS funder, x.name AS funded, f.amount AS amount, f.currency AS currency\n"
        "ORDER BY funder, funded",
    ),
    CypherExample(
        "partners_of_actor",
        "Siapa mitra seorang aktor (misalnya kepala desa)?",
        "Who are the partners of an actor (for example the village head)?",
        "MATCH (a:Actor {id: $actor_id})-[r]-(p:Actor)\n"
        "RETURN p.id AS partner_id, p.name AS partner, collect(DISTINCT type(r)) AS links\n"
        "ORDER BY partner_id",
        {"actor_id": "kepala_desa_mongpok"},
    ),
    CypherExample(
        "interventions_per_target_group",
        "Berapa intervensi yang menjangkau tiap kelompok sasaran?",
        "How many interventions reach each target group?",
        "MATCH (i:Intervention)-[:TARGETS]->(t:TargetGroup)\n"
        "RETURN t.id AS target_group, t.name AS name, count(i) AS interventions\n"
        "ORDER BY interventions DESC, target_group",
    ),
    CypherExample(
        "prevalence_series",
        "Deret prevalensi stunting sebuah tempat, per instrumen",
        "Stunting prevalence series of a place, per instrument",
        "MATCH (o:Observation)-[:OBSERVED_FOR]->(:Indicator {id: $indicator_id}),\n"
        "      (o)-[:OBSERVED_IN]->(:Place {id: $place_id})\n"
        "RETURN coalesce(o.date, toString(o.year)) AS period, o.value AS value,\n"
        "       o.instrument AS instrument, o.id AS observation\n"
        "ORDER BY period, observation",
        {"indicator_id": "stunting_prevalence", "place_id": "desa_mongpok"},
    ),
    CypherExample(
        "implementers_of_program",
        "Aktor mana yang melaksanakan intervensi sebuah program?",
        "Which actors implement the interventions of a programme?",
        "MATCH (a:Actor)-[:IMPLEMENTS]->(i:Intervention)-[:PART_OF]->(:Program {id: $program_id})\n"
        "RETURN a.id AS actor, collect(DISTINCT i.id) AS interventions\n"
        "ORDER BY actor",
        {"program_id": "kampung_kb"},
    ),
    CypherExample(
        "barriers_and_what_they_hinder",
        "Hambatan apa yang menghambat program atau intervensi mana?",
        "Which barriers hinder which programmes or interventions?",
        "MATCH (f:Factor {factor_kind: 'barrier'})-[:HINDERS]->(x)\n"
        "RETURN f.id AS barrier, x.id AS hindered\n"
        "ORDER BY barrier, hindered",
    ),
    CypherExample(
        "place_hierarchy",
        "Jenjang wilayah sebuah desa sampai tingkat nasional, dengan kode Kemendagri dan BPS",
        "The administrative chain of a village up to the country, with Kemendagri and BPS codes",
        "MATCH path = (:Place {id: $place_id})-[:PART_OF*0..]->(up:Place)\n"
        "RETURN up.name AS place, up.place_level AS level, up.kemendagri_code AS kemendagri,\n"
        "       up.bps_code AS bps\n"
        "ORDER BY length(path)",
        {"place_id": "desa_mongpok"},
    ),
    CypherExample(
        "actors_by_level",
        "Berapa aktor di tiap tingkat pemerintahan?",
        "How many actors are there at each level of government?",
        "MATCH (a:Actor)\nRETURN a.level AS level, count(*) AS actors\nORDER BY level",
    ),
    CypherExample(
        "reported_contributions",
        "Intervensi mana yang menurut informan berkontribusi pada indikator?",
        "Which interventions do informants say contributed to an indicator?",
        "MATCH (x)-[c:CONTRIBUTES_TO]->(i:Indicator)\n"
        "RETURN x.id AS contributor, i.id AS indicator, c.claim AS claim\n"
        "ORDER BY contributor, indicator",
    ),
)


def run_example(
    driver: Driver, example: CypherExample, *, database: str, **params: Any
) -> list[dict[str, Any]]:
    """Run an example on a reader with its default parameters, overridden by ``params``."""
    records, _, _ = driver.execute_query(
        example.cypher,
        {**example.params, **params},
        database_=database,
        routing_=RoutingControl.READ,
    )
    return [r.data() for r in records]
